"""The review page as a person sees it, in a real headless Chromium."""

from __future__ import annotations

import base64
import html
import json
import datetime
import hashlib
import http.server
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polib

from conftest import REPO, browser_test, copy_site
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.quality.review import write_review
from publish_pipeline.site import Site

ARTIFACTS = REPO / "build" / "test-artifacts"


def review_site(tmp_path: Path) -> tuple[Site, Path]:
    """The demo with one approved page made outdated, one draft with a broken link, glossary terms."""
    site = Site.open(copy_site("demo", tmp_path))
    source = site.root / "source_nl/topics/vertrouwen.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Wat is vertrouwen?", "Wat is vertrouwen precies?"), encoding="utf-8")
    extract(site)
    path = site.catalog_path("blog/frictie-als-brandstof")
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if e.msgid.startswith("Daarom noem ik frictie"))
    entry.msgstr, entry.flags, entry.tcomment = "That is why I call friction a *source of energy*.", ["fuzzy"], "mt: google 2026-11-28 draft:x"
    po.save(str(path))
    out = site.root / "build/review/index.html"
    write_review(site, out, now=datetime.datetime(2026, 11, 28, 9, 0, tzinfo=datetime.timezone.utc))
    return site, out


def test_the_page_holds_the_numbers_and_escapes_the_texts(tmp_path: Path) -> None:
    site, out = review_site(tmp_path)
    html = out.read_text(encoding="utf-8")
    assert 'id="site-progress" role="img" aria-label="37% approved, 1% needs review, 1% needs review (Dutch changed), 62% untranslated"' in html
    assert "approved: <b>65</b>" in html  # of 178
    assert '<mark class="term" data-required="stays Dutch">De functie van frictie</mark>' in html
    assert "<script" not in html and "script-src" not in html  # self-contained and inert (CSP: default-src 'none')
    assert "error: markup.links: link to https://www.managementboek.nl/boek/de-functie-van-frictie is missing" in html


def test_the_review_task_counts_in_words(tmp_path: Path) -> None:
    from publish_pipeline import tasks
    from test_workflow import run_task

    root = copy_site("demo", tmp_path)
    po = root / "translations/en/blog/loyaliteit-is-geen-blinde-trouw.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Last week,', 'msgstr "Last week 7,'), encoding="utf-8")
    assert run_task(tasks.review, root) == (
        0, "review: build/review/index.html (178 entries: 66 approved, 0 needing review, 112 untranslated; 1 check error)\n"
    )  # the untranslated too: the page shows them


@browser_test
def test_a_person_sees_progress_states_and_the_problem(tmp_path: Path, browser: object) -> None:
    _, out = review_site(tmp_path)
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto(out.as_uri())
    assert page.title() == "Translation review — Anne-Marie Mars"  # the site's name, not its project id
    summary = page.locator("#summary tbody tr")
    assert summary.count() == 5
    row = page.locator("#summary tr[data-document='topics/vertrouwen'] td")
    assert row.all_inner_texts() == ["topics/vertrouwen", "32", "0", "1", "0", "0", "held back: 1 entry needs review (fuzzy in the PO file; the Dutch changed)"]
    assert page.locator("#summary tr[data-document='blog/loyaliteit-is-geen-blinde-trouw'] .ok").inner_text() == "live"

    problem = page.locator(".problem.error").first
    assert problem.is_visible()
    assert problem.inner_text().startswith("error: markup.links: link to https://www.managementboek.nl/")
    colour = problem.evaluate("element => getComputedStyle(element).color")
    assert colour == "rgb(198, 40, 40)"
    drafted = page.locator("section[id='blog/frictie-als-brandstof'] tr.has-problem")
    assert drafted.get_attribute("data-state") == "draft"
    assert "frictie-als-brandstof.po:" in drafted.locator("td.where").inner_text()

    outdated = page.locator("section[id='topics/vertrouwen'] tr.outdated")
    assert outdated.locator(".diff ins").all_inner_texts() == [" precies"]
    assert page.locator("section[id='topics/vertrouwen'] tr.approved").count() == 32

    bar = page.locator("#site-progress rect.approved")
    width = bar.evaluate("element => element.getBoundingClientRect().width")
    whole = page.locator("#site-progress").evaluate("element => element.getBoundingClientRect().width")
    assert abs(width / whole - 65 / 178) < 0.01

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=False)
    drafted.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "review-problem.png"))
    assert (ARTIFACTS / "review.png").stat().st_size > 10_000


def style_hash(html: str) -> str:
    """The CSP source of the page's one style sheet, as a browser hashes it."""
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    return "'sha256-" + base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii") + "'"


def test_the_page_allows_its_own_style_sheet_and_nothing_else(tmp_path: Path) -> None:
    """A strict CSP: the page's style sheet by its hash, no 'unsafe-inline' (which would let any style attribute or
    injected sheet apply); so no style attribute either."""
    _, out = review_site(tmp_path)
    html = out.read_text(encoding="utf-8")
    (policy,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert policy == f"default-src 'none'; style-src {style_hash(html)}; img-src data: https:"
    assert "style=" not in html


@contextmanager
def served_with_a_strict_csp(page_file: Path) -> Iterator[str]:
    """``page_file`` served on 127.0.0.1 with a strict CSP of its own (the page's style sheet by its hash, nothing
    inline): what a host with such a policy does; yields its address."""
    body = page_file.read_bytes()
    policy = f"default-src 'none'; style-src {style_hash(body.decode('utf-8'))}; img-src data: https:"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", policy)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


LAST_BLOCKED = "http://127.0.0.1:9/blocked-last.png"  # an image the page's policy blocks (img-src: data: and https: only)


@browser_test
def test_under_a_strict_csp_nothing_is_blocked_and_the_bars_show_the_progress(tmp_path: Path, browser: object) -> None:
    _, out = review_site(tmp_path)
    with served_with_a_strict_csp(out) as address:
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        blocked: list[str] = []
        page.on("console", lambda message: blocked.append(message.text) if message.type == "error" else None)
        page.add_init_script("document.addEventListener('securitypolicyviolation', e => (window.blocked ||= []).push(e.violatedDirective + ' ' + e.blockedURI))")
        for where in (address, out.as_uri()):  # with the host's policy, and opened as a file with the page's own
            page.goto(where)
            # a violation is reported after the page loads, each in the order it happened: one of ours now, reported
            # on the page and on the console, comes after every one of the page's own
            with page.expect_console_message(lambda message: LAST_BLOCKED in message.text):
                page.evaluate("address => { new Image().src = address; }", LAST_BLOCKED)
            page.wait_for_function("address => (window.blocked || []).some((line) => line.endsWith(address))", arg=LAST_BLOCKED)
            # ours alone (once a policy: served, the host's and the page's own)
            assert set(page.evaluate("window.blocked")) == {f"img-src {LAST_BLOCKED}"} and all(LAST_BLOCKED in line for line in blocked)
            blocked.clear()
            whole = page.locator("#site-progress").evaluate("element => element.getBoundingClientRect().width")
            widths = {state: page.locator(f"#site-progress rect.{state}").evaluate("element => element.getBoundingClientRect().width")
                      for state in ("approved", "draft", "outdated", "untranslated")}
            assert abs(widths["approved"] / whole - 65 / 178) < 0.01 and abs(sum(widths.values()) - whole) < 1
            document_bar = page.locator("section[id='topics/vertrouwen'] .bar rect.approved")
            assert abs(document_bar.evaluate("element => element.getBoundingClientRect().width") / whole - 32 / 33) < 0.01
            assert page.locator("section[id='topics/vertrouwen'] td.state").first.evaluate("cell => getComputedStyle(cell).backgroundColor") == "rgb(46, 125, 50)"
            assert round(page.locator("section[id='topics/vertrouwen'] td.state").first.evaluate("cell => cell.getBoundingClientRect().width")) == 6


def test_the_page_says_an_approval_not_committed_yet_is_live_once_committed(tmp_path: Path) -> None:
    """As status says it: on the translator's machine an approval is live once it is committed (CI builds commits)."""
    site = Site.open(copy_site("demo", tmp_path))
    for arguments in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "the demo"]):
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *arguments], cwd=site.root, check=True, capture_output=True)
    po = site.catalog_path("blog/loyaliteit-is-geen-blinde-trouw")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Last week,', 'msgstr "Last week, then,'), encoding="utf-8")
    out = site.root / "build/review/index.html"
    write_review(site, out)
    verdicts = dict(re.findall(r'<tr data-document="([^"]+)">.*?<td class="verdict"[^>]*>(.*?)</td>', out.read_text(encoding="utf-8"), re.S))
    assert verdicts["blog/loyaliteit-is-geen-blinde-trouw"] == '<span class="no">uncommitted: live once committed and pushed</span>'
    assert verdicts["topics/vertrouwen"] == '<span class="ok">live</span>'  # committed as it is


@browser_test
def test_the_static_pages_to_review_shows_what_the_workspaces_does_an_approved_entry_with_an_error_too(tmp_path: Path, browser: object) -> None:
    """The trial: the review page's "attention" filter hid every approved entry, one approved anyway with a check
    error too, which the workspace's "to review" shows (its error holds the English back as a draft does). Both
    filters keep the same entries, under the same name (``review.needs_her``, ``TO_REVIEW``)."""
    from test_workspace import DRAFT, FRICTIE, client, workspace_site

    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    po = polib.pofile(str(path), wrapwidth=0)
    approved = next(item for item in po if item.msgid.startswith(DRAFT))
    approved.flags = []  # its broken link approved anyway: an error, and no draft
    po.save(str(path))
    workspace = client(site).get(f"/document/{FRICTIE}/?state=attention").text
    to_review = {json.loads(html.unescape(key))["source"] for key in re.findall(r"data-key='([^']*)'", workspace)}
    assert approved.msgid in to_review and len(to_review) == 44
    out = site.root / "build/review/index.html"
    write_review(site, out)
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    try:
        page.goto(out.as_uri())
        label = page.locator("label", has=page.locator("#state-attention"))
        assert label.inner_text().strip() == "to review (not approved, or with an error)"  # as the workspace's filter is named
        page.check("#state-attention")
        rows = page.locator(f"section.document[id='{FRICTIE}'] tr[data-state]")
        shown = {row.locator("td.dutch").inner_text() for row in rows.all() if row.is_visible()}
        assert approved.msgid in shown and shown == {source for source in to_review}  # the same entries, the approved one with its error too
        erring = page.locator(f"section.document[id='{FRICTIE}'] tr[data-state='approved']:visible")
        assert erring.count() == 1 and "error: markup.links" in erring.inner_text()
    finally:
        page.context.close()
