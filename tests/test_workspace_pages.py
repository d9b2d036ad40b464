"""What the workspace's pages name and show as the translator's trial (session 29) asked: each document by its
titles, the preview with its title and summary, what she can do in the browser rather than on the command line,
and two workspaces in one browser each with its own cookie."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import polib
from markupsafe import escape

from conftest import REPO, copy_site
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.quality.live import HELD, Live
from publish_pipeline.site import Site
from publish_pipeline.text.segmentation import SLUG
from publish_pipeline.workspace.entries import in_the_browser
from publish_pipeline.wording import plural
from publish_pipeline.workspace.remembered import KeptMemory
from test_workspace import FRICTIE, browser_test, chromium, client, committed_demo, entry, follow, running, watched, workspace_site
from test_workspace_translator import opened

LOYALTY = "blog/loyaliteit-is-geen-blinde-trouw"
HOSTILE_TITLE = "<script>window.pwned='title'</script> \"><img src=x onerror=\"window.pwned='title-img'\">"
HOSTILE_SUMMARY = "Samen \"><img src=x onerror=\"window.pwned='summary'\"> <script>window.pwned='summary'</script>"
HOSTILE_ENGLISH_TITLE = "Loyalty \"><img src=x onerror=\"window.pwned='english-title'\"> <script>window.pwned='english'</script>"


def hostile_titles(site: Site) -> None:
    """The author's title and summary of LOYALTY carry markup, and so does the English title she approves."""
    source = site.source_path(LOYALTY)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("title:"):
            lines[index] = f"title: {json.dumps(HOSTILE_TITLE)}\n"
        elif line.startswith("summary:"):
            lines[index] = f"summary: {json.dumps(HOSTILE_SUMMARY)}\n"
    source.write_text("".join(lines), encoding="utf-8")
    extract(site)
    path = site.catalog_path(LOYALTY)
    po = polib.pofile(str(path), wrapwidth=0)
    for item in po:
        if item.msgctxt == "title":
            item.msgstr, item.flags = HOSTILE_ENGLISH_TITLE, []
    po.save(str(path))


def test_the_documents_list_names_each_document_by_its_dutch_title_and_its_approved_english_one(tmp_path: Path) -> None:
    """The trial: the list showed slugs (``blog/frictie-als-brandstof``), not titles."""
    site = workspace_site(tmp_path)
    page = client(site).get("/").text
    assert '<a href="/document/blog/frictie-als-brandstof/" lang="nl">Frictie als brandstof</a>\n' in page  # no English title approved yet
    assert 'lang="nl">Vertrouwen</a> <span class="english-title" lang="en">Trust</span>' in page
    assert '<code class="meta slug">topics/vertrouwen</code>' in page  # the name she finds it by on disk stays beside it


@browser_test
def test_a_list_whose_files_did_not_change_reads_no_po_file_again_for_its_titles(browser: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The profile: the titles made a warm list of a thousand documents look at every PO file again (the memory
    brought up to date: +21 % calls). A title is kept with the fingerprint the status found for the document's
    files: the memory is asked only of a document whose files changed (her approval here, or an edit on disk)."""
    site = workspace_site(tmp_path)
    asked: list[object] = []
    current = KeptMemory.current
    monkeypatch.setattr(KeptMemory, "current", lambda memory: asked.append(memory) or current(memory))
    title = f'tr[data-document="{FRICTIE}"] .english-title'
    with running(site) as address, chromium(browser) as page, watched(page):
        for thread in threading.enumerate():  # the memory the server makes as it starts
            if thread.name == "workspace memory":
                thread.join()
        page.goto(address)
        assert page.locator(title).count() == 0  # no English title approved yet
        asked.clear()
        page.goto(address.split("?")[0])
        assert page.locator("#documents tr[data-document]").count() == 5 and asked == []
        page.goto(opened(address, FRICTIE, "q=Frictie+als+brandstof"))
        box = entry(page, "Frictie als brandstof").filter(has=page.locator(".context", has_text="title")).locator(".box")
        box.fill("Friction as fuel")
        box.press("Control+Enter")
        page.locator("#message", has_text="no more entries to review here").wait_for()  # saved, the last one of the filter
        page.goto(address.split("?")[0])
        assert page.locator(title).inner_text() == "Friction as fuel"  # its file changed: asked again
        path = site.catalog_path(FRICTIE)  # and so on disk (Poedit, git pull)
        path.write_text(path.read_text(encoding="utf-8").replace('msgstr "Friction as fuel"', 'msgstr "Friction as a fuel"'), encoding="utf-8")
        page.goto(address.split("?")[0])
        assert page.locator(title).inner_text() == "Friction as a fuel"


def test_titles_and_summaries_stay_text_in_the_list_and_the_preview(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    hostile_titles(site)
    for page in (client(site).get("/").text, client(site).get(f"/preview/{LOYALTY}/").text):
        assert "<script>window" not in page and "<img src=x" not in page
    listed = client(site).get("/").text
    assert f'lang="nl">{escape(HOSTILE_TITLE)}</a> <span class="english-title" lang="en">{escape(HOSTILE_ENGLISH_TITLE)}</span>' in listed
    preview = client(site).get(f"/preview/{LOYALTY}/").text
    assert f'<h1 class="title">{escape(HOSTILE_ENGLISH_TITLE)}</h1>' in preview  # approved: the English
    assert f'<p class="summary">{escape(HOSTILE_SUMMARY)}</p>' in preview  # its English no longer approved (the Dutch changed): the Dutch


def test_the_preview_shows_the_title_and_summary_as_the_site_would(tmp_path: Path) -> None:
    """The trial: the whole page's preview began with the body: no title, no summary. The site's page shows the
    title above the body (unless the body begins with one), its lists and feed the summary."""
    site = workspace_site(tmp_path)
    english = client(site).get("/preview/topics/vertrouwen/").text  # its body begins with its title
    assert '<p class="summary">Trust is not a dial you can turn in someone else.' in english
    assert '<main class="page">\n<h1>Trust</h1>' in english and '<h1 class="title">' not in english
    waiting = client(site).get(f"/preview/{FRICTIE}/").text  # nothing approved: the Dutch stands in
    assert '<p class="summary">Frictie in een veranderproces is geen teken' in waiting
    assert '<main class="page"><h1 class="title">Frictie als brandstof</h1>\n<p>Wie een verandering leidt' in waiting


def test_the_preview_shows_no_second_title_over_a_body_that_begins_with_one(tmp_path: Path) -> None:
    site = Site.open(copy_site("demo", tmp_path))
    source = site.source_path(FRICTIE)
    text = source.read_text(encoding="utf-8")
    end = text.index("---\n", 4) + 4
    source.write_text(text[:end] + "\n# Kop van de pagina\n" + text[end:], encoding="utf-8")
    extract(site)
    preview = client(site).get(f"/preview/{FRICTIE}/").text
    assert '<h1 class="title">' not in preview and preview.count("<h1>Kop van de pagina</h1>") == 1


def test_the_pages_say_what_she_can_do_in_the_browser_not_a_command(tmp_path: Path) -> None:
    """The trial: the header said "5 check errors: run check", a step of the command line, in the browser."""
    site = workspace_site(tmp_path)
    for page in (client(site).get(f"/document/{FRICTIE}/").text, client(site).get("/").text):
        assert "check errors: each is said at its entry (State: to review)" in page
        assert "run check" not in page and "run extract" not in page
    behind = Live(FRICTIE, HELD, ("the PO file is behind the document (1 new text): run extract",))
    assert in_the_browser(behind) == "held back: the PO file is behind the document (1 new text): ask for extract to be run (or run it), then reload this page"


@browser_test
def test_her_words_a_reason_quotes_stay_as_she_wrote_them_and_only_the_step_is_said_for_the_browser(browser: object, tmp_path: Path) -> None:
    """The workspace put its own step in place of ": run check" wherever it stood in a line of the gate, in the slug
    she approved too, which the line quotes: her "friction: run check" was shown as "friction: each is said below its
    English (…)". The gate keeps the next step apart from the reason (``gate.with_step``, ``gate.next_step``): the page
    says its own step in place of the command line's, and her words as they are."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    po = polib.pofile(str(path), wrapwidth=0)
    for item in po:
        if item.msgctxt == SLUG:
            item.msgstr, item.flags = "friction: run check", []
    po.save(str(path))
    hers = "English slug: 'friction: run check' is not a URL slug"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        said = page.locator("#document-state .english-state").inner_text()
        assert hers in said and "check errors: each is said at its entry (State: to review)" in said, said
        page.goto(address.split("?")[0])
        listed = page.locator(f'tr[data-document="{FRICTIE}"] .english-state').inner_text()
        assert hers in listed and "check errors: each is said at its entry" in listed, listed


@browser_test
def test_two_workspaces_in_one_browser_each_keep_their_own_cookie(browser: object, tmp_path: Path) -> None:
    """The trial: the cookie was per host, not per port, so the second workspace on 127.0.0.1 (another site, another
    port) replaced the first one's, and the first refused her pages from then on."""
    one = workspace_site(tmp_path / "one")
    other = Site.open(copy_site("demo", tmp_path / "other"))
    with running(one) as first, running(other) as second, chromium(browser) as page, watched(page):
        for address in (first, second):
            assert page.goto(opened(address, FRICTIE)).status == 200
        for address in (first, second):  # each with its cookie only, the token gone from the address
            answer = page.goto(address.split("?")[0] + f"document/{FRICTIE}/")
            assert answer.status == 200 and page.locator("article.entry").count() > 0
        names = sorted(cookie["name"] for cookie in page.context.cookies())
        assert len(names) == 2 and all(name.startswith("publish_pipeline_workspace_") for name in names)


@browser_test
def test_a_document_opened_from_the_documents_to_review_shows_its_entries_to_review(browser: object, tmp_path: Path) -> None:
    """The trial on a site of a thousand documents: "5 to review", then one of them, opened at the top of its 30
    approved entries, the 2 to review at the bottom, out of sight. Opened from the list of those to review, a
    document shows the entries to review (its filter "all" is one click away)."""
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address.split("?")[0] + "?show=attention&token=" + address.split("token=")[1])
        follow(page, f'tr[data-document="{FRICTIE}"] a')
        states = page.locator("article.entry").evaluate_all("entries => entries.map((entry) => entry.dataset.state)")
        assert states and "approved" not in states, states
        assert page.locator("#filters select[name=state]").input_value() == "attention"
        page.goto(address.split("?")[0])  # from the whole list: the whole document
        follow(page, f'tr[data-document="{FRICTIE}"] a')
        assert "approved" in page.locator("article.entry").evaluate_all("entries => entries.map((entry) => entry.dataset.state)")


def git(site: Site, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *arguments], cwd=site.root, check=True, capture_output=True)


@browser_test
def test_the_documents_list_says_in_red_only_english_held_back_and_reads_from_the_left(browser: object, tmp_path: Path) -> None:
    """The trial on 30 documents with drafts: every row whose older English stays live ("update waits: … stays live")
    was red as the ones held back, and the English column stood right-aligned, ragged on its left. An older version
    live waits (amber), English held back is red, and the column reads from its left as its heading does."""
    site = workspace_site(tmp_path)
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "the demo")  # LOYALTY's English live
    path = site.catalog_path(LOYALTY)
    po = polib.pofile(str(path), wrapwidth=0)
    next(entry for entry in po if entry.msgstr and not entry.msgctxt).flags.append("fuzzy")
    po.save(str(path))
    git(site, "commit", "-qam", "a draft")  # its update waits: the English of the first commit stays live
    style = "cell => [getComputedStyle(cell).color, getComputedStyle(cell).textAlign]"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        older, held = (page.locator(f'tr[data-document="{document}"] .english-state') for document in (LOYALTY, FRICTIE))
        assert older.get_attribute("data-live") == "older" and held.get_attribute("data-live") == HELD
        red = page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--error')").strip()
        assert held.evaluate(style) == ["rgb(198, 40, 40)", "left"] and red == "#c62828"
        assert older.evaluate(style) == ["rgb(141, 110, 0)", "left"]
        assert page.locator("#documents th").last.evaluate("cell => getComputedStyle(cell).textAlign") == "left"


def test_a_documents_page_is_named_by_its_title_and_its_filter_to_review_in_words(tmp_path: Path) -> None:
    """The trial: the list names each document by its Dutch title, its page by its id (blog/post-00000), and the
    filter the list's "to review" opens said "attention"."""
    site = workspace_site(tmp_path)
    page = client(site).get(f"/document/{FRICTIE}/?state=attention").text
    assert f'<h1><span lang="nl">Frictie als brandstof</span> <code class="meta">{FRICTIE}</code></h1>' in page  # one line: the entries move not
    assert '<option value="attention" selected>to review (not approved, or with an error)</option>' in page


@browser_test
def test_the_slug_entry_shows_the_english_address_it_makes_as_she_types(browser: object, tmp_path: Path) -> None:
    """The trial: the slug entry gave no hint of the address it makes. Under it, the English page's address as the site
    makes it (``site.english_path`` here), as she types; none while the slug is not one."""
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        slug = page.locator("article.entry", has=page.locator(".context", has_text=SLUG))
        assert slug.locator(".address").inner_text() == "No English address while the slug is empty or not a valid one"
        slug.locator(".box").fill("friction-as-fuel")
        slug.locator(".address code", has_text="/en/blog/friction-as-fuel/").wait_for()
        assert slug.locator(".address").inner_text() == "The English page's address: /en/blog/friction-as-fuel/"
        slug.locator(".box").fill("<b>friction</b>")
        slug.locator(".address", has_text="No English address").wait_for()
        assert page.locator("article.entry .address").count() == 1  # of the slug entry alone


def test_the_slug_entrys_address_is_where_the_generator_serves_the_english(tmp_path: Path) -> None:
    """On a Jekyll site the address under the slug entry is where Jekyll serves the English (a post: its permalink
    pattern filled in), as status and export place it, not publish's own ``/en/<folders>/<slug>/``."""
    from publish_pipeline.output.link_map import GeneratorPages
    from publish_pipeline.quality.status import assess_site
    from publish_pipeline.workspace.entries import Workspace, slug_address
    from test_jekyll import SITE, jekyll_site
    from test_layouts import approve, english

    site = jekyll_site(tmp_path, SITE)
    approve(site, english)
    pages = GeneratorPages.of(site)
    assert pages is not None
    post = next(document for document in assess_site(site, english_address=pages.english_address).documents if document.source.startswith("_posts/"))
    workspace = Workspace(site)
    unit = workspace.unit(post.document_id)
    slug = next(translation.text for translation in workspace.status(unit).translations if translation.context == SLUG)
    assert slug_address(site, unit, slug) == pages.english_address(post) == f"/en/2024/01/{slug}/"


@browser_test
def test_the_english_previews_links_lead_to_the_english_pages_where_published_else_to_the_dutch_marked(browser: object, tmp_path: Path) -> None:
    """The trial: a link of the English preview to another page of the site led to its Dutch address though the
    English page has it lead to that page's English. Now as the English page has it: the English where it is
    published; else the Dutch page, marked (its English is not published yet). A link out of the site stays."""
    from publish_pipeline.workspace.entries import TO_DUTCH

    site = workspace_site(tmp_path)  # topics/vertrouwen waits: one entry's Dutch changed
    trust = site.catalog_path("topics/vertrouwen")
    with running(site) as address, chromium(browser) as page, watched(page):
        preview = address.split("?")[0] + f"preview/{FRICTIE}/"
        page.goto(address)  # the documents list: the claims it keeps answer for every document
        page.goto(preview)
        marked = page.locator("main.page a.to-dutch")
        assert marked.count() == 1 and marked.get_attribute("href") == "/topics/vertrouwen/" and marked.get_attribute("title") == TO_DUTCH
        assert page.evaluate("() => getComputedStyle(document.querySelector('a.to-dutch'), '::after').content") == '" (Dutch page)"'
        assert page.locator("main.page a[href='mailto:info@annemariemars.nl']:not([class])").count() == 1
        catalog = polib.pofile(str(trust), wrapwidth=0)
        for waiting in catalog:
            waiting.flags = [flag for flag in waiting.flags if flag != "fuzzy"]  # she approves what waited
        catalog.save(str(trust))
        for listed in (False, True):  # judged alone (a file changed since the list), then from the list's claims
            if listed:
                page.goto(address.split("?")[0])
            page.goto(preview)
            assert page.locator("main.page a.to-dutch").count() == 0
            assert page.locator("main.page a.to-english").get_attribute("href") == "/en/topics/trust/"


@browser_test
def test_the_documents_list_says_what_is_live_as_status_does_an_earlier_version_too(browser: object, tmp_path: Path) -> None:
    """The trial: the list's head said "0 may be published in English" where status said "live: 2 (2 at an earlier
    version, update waits)": it counted the current English only. Now it says status's line, and each row which
    earlier version is live while its update waits."""
    import os
    import sys

    from conftest import REPO

    site, git = committed_demo(tmp_path, "the demo, two pages approved")
    for document, old, new in ((LOYALTY, "\n", "\n\nEen nieuwe alinea.\n"), ("topics/vertrouwen", "in goede handen", "in veilige handen")):
        source = site.source_path(document)
        text = source.read_text(encoding="utf-8")
        source.write_text(text.rstrip() + new if old == "\n" else text.replace(old, new), encoding="utf-8")
    extract(site)
    git("commit", "-qam", "the Dutch changed")
    said = subprocess.run(
        [sys.executable, "-m", "publish_pipeline", "status", "--json", "--root", str(site.root)], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    rows = {row["id"]: row["live"] for row in json.loads(said.stdout)["documents"]}
    assert [document for document, live in rows.items() if live["state"] == "older"] == [LOYALTY, "topics/vertrouwen"]
    told = subprocess.run(
        [sys.executable, "-m", "publish_pipeline", "status", "--root", str(site.root)], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "300", "NO_COLOR": "1"},
    ).stdout.replace("\n    ", " ")
    line = next(line for line in told.splitlines() if line.startswith("English of "))
    assert line == "English of 5 documents — live: 2 (2 at an earlier version, update waits), held back: 3"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        assert page.locator("#english-live").inner_text() == line
        assert "may be published" not in page.locator("#page").inner_text()
        for document, live in rows.items():
            shown = page.locator(f'tr[data-document="{document}"] td.english-state')
            assert shown.get_attribute("data-live") == live["state"]
            if live["state"] == "older":
                assert shown.inner_text().startswith("update waits: ") and f"the English of {live['date'][:10]} (commit {live['commit'][:10]}) stays live" in shown.inner_text()


ELSEWHERE = "Dat laatste punt raakt aan wat ik elders schreef over [loyaliteit en vertrouwen]"
LINKED = 'That last point touches on what I wrote elsewhere about [<script>window.pwned="link"</script> "trust"](/topics/vertrouwen/ "a \\"title\\"").'


@browser_test
def test_an_entrys_preview_leads_its_links_where_the_english_page_does(browser: object, tmp_path: Path) -> None:
    """The trial: the page's preview led a link to another Dutch page to that page's English (``preview_links``),
    but an entry's preview to the Dutch address. Now the entry's too, as she types and once saved: the Dutch page,
    marked, while that page's English is not published; its English address once it is. Its text stays text."""
    site = workspace_site(tmp_path)  # topics/vertrouwen waits: one entry's Dutch changed
    trust = site.catalog_path("topics/vertrouwen")
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        linked = entry(page, ELSEWHERE)
        linked.locator(".box").fill(LINKED)
        marked = linked.locator(".rendered a.to-dutch")
        marked.wait_for(state="attached")  # judged as she types (the preview folded)
        assert marked.get_attribute("href") == "/topics/vertrouwen/" and marked.text_content() == '<script>window.pwned="link"</script> "trust"'
        assert marked.get_attribute("title") == "its English is not published yet: this link leads to the Dutch page"
        linked.locator(".box").press("Control+s")
        page.locator("#message.saved").wait_for()
        catalog = polib.pofile(str(trust), wrapwidth=0)
        for waiting in catalog:
            waiting.flags = [flag for flag in waiting.flags if flag != "fuzzy"]  # she approves what waited
        catalog.save(str(trust))
        page.reload()
        english = entry(page, ELSEWHERE).locator(".rendered a")
        assert english.get_attribute("class") == "to-english" and english.get_attribute("href") == "/en/topics/trust/"
        assert english.get_attribute("title") == 'a "title"' and page.evaluate("() => window.pwned") is None


@browser_test
def test_a_po_file_that_cannot_be_read_is_said_in_the_list_and_on_its_page_as_status_says_it(browser: object, tmp_path: Path) -> None:
    """The new-user trial: the list showed ``0 0 0 0 0 0`` and ``errors 0`` for a document whose PO file cannot be
    read, where status shows ``–`` and the error with its line; the header's error count left it out, and opening it
    showed no page of the workspace. Her text in the broken line (``<script>``, ``"``) stays text."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "', 'msgstr "<script>window.pwned=1</script> "broken', 1), encoding="utf-8")
    rows = status_json(site)["documents"]
    (unreadable,) = [row for row in rows if "unreadable" in row]
    where = f"{unreadable['unreadable']['location']}:{unreadable['unreadable']['line']}"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        row = page.locator(f'tr[data-document="{FRICTIE}"]')
        cells = row.locator("td").all_inner_texts()
        assert cells[1:6] == ["–"] * 5 and cells[6] == "1", cells  # unknown, not 0; the file is an error
        said = row.locator(".english-state").inner_text()
        assert f"the PO file cannot be read: {where}: " in said and unreadable["unreadable"]["hint"] in said, said
        assert "<script>window.pwned=1</script>" in said
        errors = sum(row["errors"] for row in rows) + 1  # status: "fix the 1 file that cannot be read"
        assert page.locator("#errors-count").inner_text() == plural(errors, "check error")
        follow(page, f'tr[data-document="{FRICTIE}"] a')
        shown = page.locator("#unreadable").inner_text()
        assert shown.startswith(f"{where}: ") and unreadable["unreadable"]["hint"] in shown and "<script>" in shown, shown
        assert page.evaluate("window.pwned") is None


def status_json(site: Site) -> dict[str, Any]:
    """What ``status --json`` says of ``site`` (its JSON, the line after it left)."""
    out = subprocess.run(
        [sys.executable, "-m", "publish_pipeline", "status", "--json", "--root", str(site.root)], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    ).stdout
    return json.JSONDecoder().raw_decode(out)[0]


def test_the_pages_say_an_entry_needs_review_in_her_words_and_status_keeps_the_po_files_term(tmp_path: Path) -> None:
    """The trial: the list's reasons said "fuzzy in the PO file", a term of the file she never sees in the browser;
    the command line keeps it (it helps to find the entry in the file)."""
    site = workspace_site(tmp_path)
    listed = client(site).get("/").text
    row = listed.split('<tr data-document="topics/vertrouwen">')[1].split("</tr>")[0]
    assert "1 entry needs review (the Dutch changed)" in row, row
    page = client(site).get("/document/topics/vertrouwen/").text
    assert "1 entry needs review (the Dutch changed)" in page
    assert "fuzzy" not in listed and "PO file;" not in page and "fuzzy in the PO file" not in page
    (vertrouwen,) = [row for row in status_json(site)["documents"] if row["id"] == "topics/vertrouwen"]
    assert "1 entry needs review (fuzzy in the PO file; the Dutch changed)" in vertrouwen["reasons"]


@browser_test
def test_a_draft_is_seen_in_its_page_in_a_preview_marked_not_published_and_written_nowhere(browser: object, tmp_path: Path) -> None:
    """The first workspace lane's trial: the page preview showed only approved English, so a draft could not be read
    in its page's context before she approved it. A second preview shows her drafts too, marked as not published;
    nothing is written (no public/, no file changed), and her English (``<script>``, ``"``) stays text."""
    site = workspace_site(tmp_path)
    draft = 'That is why I call friction a "source" <script>window.pwned=1</script> of energy.'
    path = site.catalog_path(FRICTIE)
    po = polib.pofile(str(path), wrapwidth=0)
    next(item for item in po if item.msgstr.startswith("That is why")).msgstr = draft
    po.save(str(path))
    files = {path: path.read_bytes() for path in site.root.rglob("*") if path.is_file() and ".cache" not in path.parts}
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        with page.context.expect_page() as opening:
            page.click("#draft-preview")
        preview = opening.value
        preview.wait_for_load_state()
        assert "Not published" in preview.locator("#not-published").inner_text()
        main = preview.locator("main.page.drafts").inner_text()
        assert draft in main, main
        left_out = preview.locator("li.problem").all_inner_texts()  # the hostile draft would make an HTML block: said, not shown
        assert len(left_out) == 1 and "the translation of 'Ik wil je uitnodigen om daar anders naar' changes the structure" in left_out[0], left_out
        assert preview.evaluate("window.pwned") is None and preview.locator("main script, main img[onerror]").count() == 0
        with preview.expect_navigation():
            preview.click("#not-published a")  # the page as published: none of the drafts
        assert draft not in preview.locator("main.page").inner_text() and preview.locator("#not-published").count() == 0
        preview.close()
    assert not (site.root / "public").exists()
    assert {path: path.read_bytes() for path in site.root.rglob("*") if path.is_file() and ".cache" not in path.parts} == files


@browser_test
def test_a_dutch_document_that_cannot_be_read_is_a_row_of_the_list_and_its_page_says_what_to_do(browser: object, tmp_path: Path) -> None:
    """The week's trial: a document whose Dutch cannot be read (a broken front matter, a file saved as UTF-16) was a
    line below the list, not a row, where status has its row (``–`` for its counts, the error with its place), as the
    list has one of a PO file that cannot be read. Its row leads to its page, which says what is wrong and what to do;
    nothing of her broken line runs."""
    site = workspace_site(tmp_path)
    loyalty, trust = "blog/loyaliteit-is-geen-blinde-trouw", "topics/vertrouwen"
    broken = site.root / f"source_nl/{loyalty}.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("title:", "title: [<script>window.pwned=1</script>", 1), encoding="utf-8")
    utf16 = site.root / f"source_nl/{trust}.md"
    utf16.write_bytes(utf16.read_text(encoding="utf-8").encode("utf-16"))
    rows = {row["id"]: row for row in status_json(site)["documents"]}
    assert all("unreadable" in rows[document] for document in (loyalty, trust))
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        assert page.locator("#documents tr[data-document]").count() == len(rows) == 5
        for document in (loyalty, trust):
            error = rows[document]["unreadable"]
            row = page.locator(f'tr[data-document="{document}"]')
            cells = row.locator("td").all_inner_texts()
            assert cells[1:6] == ["–"] * 5 and cells[6] == "1", cells
            said = row.locator(".english-state").inner_text()
            assert f"{error['location']}:{error['line']}: {error['problem']}" in said and error["hint"] in said, said
        assert page.locator("p.problem.error").count() == 0  # no line below the list: each is its row
        assert "(2 of them files that cannot be read)" in page.locator("p.meta").first.inner_text()
        follow(page, "#show a")  # to review: both among them
        assert {row.get_attribute("data-document") for row in page.locator("#documents tr[data-document]").all()} >= {loyalty, trust}
        follow(page, f'tr[data-document="{loyalty}"] a')
        shown = page.locator("#unreadable").inner_text()
        error = rows[loyalty]["unreadable"]
        assert shown.startswith(f"{error['location']}:{error['line']}: {error['problem']}") and error["hint"] in shown, shown
        assert page.evaluate("window.pwned") is None


KBD = 'Druk op {{< kbd "Ctrl" >}} om te beginnen.'


@browser_test
def test_a_held_back_reason_is_worded_as_status_words_it_and_a_hugo_site_names_export(browser: object, tmp_path: Path) -> None:
    """The week's trial: one held-back reason was worded three ways: status "1 check error: run check", the workspace
    "…each is said below its English", and a template error spelled out in full ("English template: …") in the same
    table. A template error is a check error like the others: status (the real CLI) and the workspace say the same
    reason, each with its own next step; and on a Hugo site the question before approving an error names export, not
    publish (which a Hugo site refuses)."""
    from test_hugo import hugo_site_with_layout

    site = hugo_site_with_layout(tmp_path / "site", "hugo-by-filename", {"blog/post.md": f"---\ntitle: Een post\n---\n{KBD}\n\nTweede alinea.\n"})
    extract(site)
    path = site.catalog_path("blog/post")
    po = polib.pofile(str(path), wrapwidth=0)
    english = {"Een post": "A post", KBD: 'Press {{< kbd "Control" >}} to begin.', "Tweede alinea.": "Second paragraph."}
    for item in po:
        item.msgstr = english.get(item.msgid, "a-post")
        item.flags = ["fuzzy"] if item.msgid == KBD else []  # a draft with a template error
    po.save(str(path))
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    status = subprocess.run([sys.executable, "-m", "publish_pipeline", "status", "--root", str(site.root)], capture_output=True, text=True, env=environment)
    assert "1 check error: run check" in status.stdout and "English template" not in status.stdout, status.stdout
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        listed = page.locator('tr[data-document="blog/post"] .english-state').inner_text()
        assert "1 check error: each is said at its entry (State: to review)" in listed and "English template" not in listed, listed
        page.goto(opened(address, "blog/post", "state=attention"))
        said = page.locator("#document-state .english-state").inner_text()
        assert "1 check error: each is said at its entry (State: to review)" in said, said
        entry(page, KBD).locator(".box").press("Control+Enter")
        question = page.locator("#message", has_text="this entry has an error (template: ")
        question.wait_for()
        assert "export holds its English back (so hugo builds none of it) until it is fixed" in question.inner_text() and "publish" not in question.inner_text()
