"""What the workspace tells of what came before her English (session 37's trials): who wrote it (a machine draft she
rewrote is hers), where a document git renamed went, and what the site serves while an error waits."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polib

from conftest import msgfmt_check
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.quality.review import write_review
from publish_pipeline.site import Site
from test_workspace import DRAFT, FRICTIE, browser_test, chromium, committed_demo, entry, running, settled, watched, workspace_site
from test_workspace_translator import opened

KEPT = "Frictie is een bron van energie voor ieder team."
REWRITTEN = "Frictie is een bron van energie voor elk team."
MACHINE = {KEPT: "Friction is a energy source for each team.", REWRITTEN: "Friction is a energy source for every team."}


def machine_note(english: str) -> str:
    """The provenance comment ``draft`` writes of a machine's ``english`` (``drafting._engine_draft``)."""
    return f"mt: google 2026-11-28 draft:{hashlib.sha256(english.encode('utf-8')).hexdigest()[:10]}"


def drafted_site(tmp_path: Path) -> Site:
    """The workspace's demo with two machine drafts: one as the machine wrote it, one the translator rewrote (in her
    PO editor, approved)."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    po = polib.pofile(str(path), wrapwidth=0)
    for item in po:
        if item.msgid in MACHINE:
            item.tcomment = machine_note(MACHINE[item.msgid])
            item.msgstr, item.flags = MACHINE[item.msgid], ["fuzzy"]
            if item.msgid == REWRITTEN:
                item.msgstr, item.flags = "Friction gives every team energy.", []
    po.save(str(path))
    extract(site)
    return site


@browser_test
def test_a_machine_draft_she_rewrote_is_shown_as_hers_and_its_po_comment_stays_the_record(browser: object, tmp_path: Path) -> None:
    """The trial: an entry whose English the translator rewrote kept the machine's ``mt: google … draft:<hash>``
    comment, and the page presented it as a machine draft. The hash tells: where her English differs from the one
    it names, the page says she edited it (in the workspace and on the static review page); the comment stays in
    the PO file as the record of the first draft (``catalog.machine_draft`` tells hers from a machine's by it)."""
    site = drafted_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE, "q=energie+voor"))
        kept, rewritten = entry(page, KEPT), entry(page, REWRITTEN)
        assert kept.locator(".origin").inner_text() == "machine draft, unchanged (google 2026-11-28)"
        assert rewritten.locator(".origin").inner_text() == "machine draft, edited by the translator since (google 2026-11-28)"
        assert rewritten.locator(".origin").get_attribute("title") == f"the PO file's comment: {machine_note(MACHINE[REWRITTEN])}"
        kept.locator(".box").fill("Friction is a source of energy for every team.")
        kept.locator(".box").press("Control+s")
        page.locator("#message", has_text="saved").wait_for()
        entry(page, KEPT).locator(".origin.edited", has_text="edited by the translator since").wait_for()
        page.reload()
        assert entry(page, KEPT).locator(".origin").inner_text() == "machine draft, edited by the translator since (google 2026-11-28)"
    po = {item.msgid: item for item in polib.pofile(str(path), wrapwidth=0)}
    assert po[KEPT].tcomment == machine_note(MACHINE[KEPT])  # the record of the machine's draft, which the hash tells from hers
    msgfmt_check(path)

    out = site.root / "build/review/index.html"
    write_review(site, out)
    with chromium(browser) as page:
        page.goto(out.as_uri())
        row = page.locator("section.document tr[data-state]", has=page.locator("td.dutch", has_text=REWRITTEN))
        assert row.locator(".origin").inner_text() == "(machine draft, edited by the translator since)"


RENAMED = "blog/frictie"
TYPED = "That is why I call friction a source of energy, again."


@browser_test
def test_a_document_renamed_in_git_is_found_at_its_old_address_and_a_save_from_an_open_tab_loses_nothing(browser: object, tmp_path: Path) -> None:
    """The trial: after ``git mv`` and extract, the old workspace address (a bookmark, a tab left open) answered 422,
    and a save from the open tab was refused with "no such document". Git knows the rename (``live.renames``): the old
    address leads to the document's page now (its filter kept), and a save from the open tab says where the document
    went and keeps her text in its box, which the document's page then puts back (kept in the browser, moved)."""
    site, git = committed_demo(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page) as errors:
        page.goto(opened(address, FRICTIE, "q=daarom"))
        box = entry(page, DRAFT).locator(".box")
        box.fill(TYPED)  # not saved yet: kept in the browser under the document's name
        page.locator("article.entry.edited").wait_for()  # its checks judged (as she types) before the rename
        git("mv", "source_nl/blog/frictie-als-brandstof.md", "source_nl/blog/frictie.md")
        extract(site)  # moves the PO file with its document (git saw the rename)
        assert site.catalog_path(RENAMED).is_file() and not site.catalog_path(FRICTIE).exists()
        box.press("Control+s")
        said = page.locator("#message.conflict", has_text=f"this document is now {RENAMED} (renamed in git)")
        said.wait_for()
        assert "reload this page" in said.inner_text()
        assert entry(page, DRAFT).locator(".box").input_value() == TYPED  # her text stays in its box
        page.reload()  # the old address: the document's page now, the filter kept
        assert page.url.endswith(f"/document/{RENAMED}/?q=daarom"), page.url
        moved = entry(page, DRAFT)
        page.wait_for_function("() => document.querySelector('#message')?.textContent.includes('your unsaved English is back')")
        assert moved.locator(".box").input_value() == TYPED and "unsaved" in (moved.get_attribute("class") or "")
        moved.locator(".box").press("Control+s")
        page.locator("#message", has_text="saved").wait_for()
        page.goto(address.split("?")[0] + f"document/{FRICTIE}")  # a bookmark without the slash
        assert page.url.endswith(f"/document/{RENAMED}/")
        page.goto(address.split("?")[0] + f"preview/{FRICTIE}/?drafts=yes")  # its preview's too
        assert page.url.endswith(f"/preview/{RENAMED}/?drafts=yes")
        settled(page)
        refused = "console: Failed to load resource: the server responded with a status of 409"  # the save answered, said on the page
        errors[:] = [error for error in errors if not error.startswith(refused)]
    po = {item.msgid: item for item in polib.pofile(str(site.catalog_path(RENAMED)), wrapwidth=0)}
    assert po[next(key for key in po if key.startswith(DRAFT))].msgstr == TYPED
    msgfmt_check(site.catalog_path(RENAMED))


KBD = 'Druk op {{< kbd "Ctrl" >}} om te beginnen.'


@browser_test
def test_approving_an_error_on_a_hugo_site_says_which_english_hugo_goes_on_building(browser: object, tmp_path: Path) -> None:
    """The trial: approving an English with an error asked "export holds its English back (so hugo builds none of it)"
    while an earlier approved version was live, which hugo went on building. The question says what is served once
    it is approved: that earlier version, by its date and commit; and where none is, that hugo builds none of it."""
    import subprocess

    from test_hugo import hugo_site_with_layout

    site = hugo_site_with_layout(tmp_path / "site", "hugo-by-filename", {"blog/post.md": f"---\ntitle: Een post\n---\n{KBD}\n\nTweede alinea.\n"})
    extract(site)
    path = site.catalog_path("blog/post")
    english = {"Een post": "A post", KBD: 'Press {{< kbd "Ctrl" >}} to begin.', "Tweede alinea.": "Second paragraph."}

    def translate(broken: bool) -> None:  # every entry approved; with ``broken``, the shortcut's a draft with a template error
        po = polib.pofile(str(path), wrapwidth=0)
        for item in po:
            item.msgstr = english.get(item.msgid, "a-post")
            item.flags = []
            if broken and item.msgid == KBD:
                item.msgstr, item.flags = 'Press {{< kbd "Control" >}} to begin.', ["fuzzy"]
        po.save(str(path))

    def git(*arguments: str) -> str:
        return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *arguments], cwd=site.root, check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    translate(broken=False)
    git("add", "-A")
    git("commit", "-qm", "approved")
    commit = git("rev-parse", "HEAD").strip()[:10]
    translate(broken=True)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, "blog/post", "state=attention"))
        entry(page, KBD).locator(".box").press("Control+Enter")
        question = page.locator("#message", has_text="this entry has an error (template: ")
        question.wait_for()
        said = question.inner_text()
        assert "export holds this update back until it is fixed: the English of " in said and f"(commit {commit}) stays live, which hugo builds" in said, said
        assert "builds none of it" not in said and "publish" not in said
    assert polib.pofile(str(path), wrapwidth=0).find(KBD).fuzzy  # asked, nothing written



@browser_test
def test_her_typing_in_a_tab_left_open_on_a_document_renamed_since_is_told_where_it_went_not_refused(browser: object, tmp_path: Path) -> None:
    """The trial: after ``git mv`` and extract, the checks she typed against (``/api/check``) answered 422 and stopped,
    with nothing said, until she reloaded. They answer as a save does: the document is now elsewhere (renamed in git),
    her English stays in its box and comes back on its page."""
    site, git = committed_demo(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page) as errors:
        page.goto(opened(address, FRICTIE, "q=daarom"))
        box = entry(page, DRAFT).locator(".box")
        git("mv", "source_nl/blog/frictie-als-brandstof.md", "source_nl/blog/frictie.md")
        extract(site)
        box.fill(TYPED)  # checked as she types: against a document that has another name now
        said = page.locator("#message.conflict", has_text=f"this document is now {RENAMED} (renamed in git)")
        said.wait_for()
        assert "your English is kept in its box" in said.inner_text()
        assert box.input_value() == TYPED
        page.reload()
        assert page.url.endswith(f"/document/{RENAMED}/?q=daarom"), page.url
        page.wait_for_function("() => document.querySelector('#message')?.textContent.includes('your unsaved English is back')")
        assert entry(page, DRAFT).locator(".box").input_value() == TYPED
        refused = "console: Failed to load resource: the server responded with a status of 409"  # the check answered, said on the page
        errors[:] = [error for error in errors if not error.startswith(refused)]
