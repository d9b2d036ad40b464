"""The workspace as the translator meets it in Chromium: what she is told where she types, what covers nothing, what
comes again after a failure, and a server that answers at once while the memory is made."""

from __future__ import annotations

import threading
from pathlib import Path

import polib
import pytest

from conftest import copy_site
from publish_pipeline.catalogs.memory import Remembered
from publish_pipeline.site import Site
from publish_pipeline.workspace.remembered import MEMORY_CACHE, KeptMemory
from test_workspace import ARTIFACTS, FRICTIE, IEDER, browser_test, chromium, entries, entry, running, watched, workspace_site

TRUST = "topics/vertrouwen"
BROKEN_HEADING = "Wat is vertrouwen?"
DRAFT_HEADING = "Meer lezen?"
LAST = "De vijfde aflevering van de podcast"


def opened(address: str, document: str, query: str = "") -> str:
    """The address of a document's page that lets the browser in (the token)."""
    return address.split("?")[0] + f"document/{document}/?{query}&token=" + address.split("token=")[1]


def waiting_trust(tmp_path: Path) -> Site:
    """The demo's topic page with its last paragraph waiting for review (so not every entry is approved), a heading
    approved on two lines (which breaks the page), and the heading "Meer lezen?" a machine draft."""
    site = Site.open(copy_site("demo", tmp_path))
    path = site.catalog_path(TRUST)
    po = polib.pofile(str(path), wrapwidth=0)
    for item in po:
        if item.msgid.startswith(LAST):
            item.flags = ["fuzzy"]
        elif item.msgid == BROKEN_HEADING:
            item.msgstr = "What is\ntrust?"
        elif item.msgid == DRAFT_HEADING:
            item.msgstr, item.flags = "Read more?", ["fuzzy"]
    po.save(str(path))
    return site


@browser_test
def test_an_english_that_breaks_the_page_is_said_at_its_entry_while_other_entries_wait(browser: object, tmp_path: Path) -> None:
    """The trial: a heading approved on two lines showed no error at its entry until every entry of the document was
    approved; a draft she typed a line break into said nothing as she typed, nor after she approved it anyway."""
    site = waiting_trust(tmp_path)
    path = site.catalog_path(TRUST)
    structure = ".problem.error[data-check='structure']"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, TRUST))
        page.wait_for_load_state()
        assert entry(page, BROKEN_HEADING).locator(structure).count() == 1  # on the page as it opens
        assert entry(page, LAST).locator(structure).count() == 0
        draft = entry(page, DRAFT_HEADING)
        draft.locator(".box").fill("Read\nmore?")
        draft.locator(structure).wait_for()  # as she types, in a draft too
        assert "a heading is one line" in draft.locator(structure).inner_text()
        draft.locator(".box").press("Control+s")  # saved as a draft: still said
        page.locator("#message.saved").wait_for()
        assert entry(page, DRAFT_HEADING).locator(structure).count() == 1
        entry(page, DRAFT_HEADING).locator(".box").press("Control+Enter")
        page.locator("#message", has_text="this entry has an error (structure: ").wait_for()
        entry(page, DRAFT_HEADING).locator(".box").press("Control+Enter")  # approved anyway: said at it, not hidden
        page.wait_for_function(f"() => [...document.querySelectorAll('article.entry[data-state=approved]')].some(e => e.textContent.includes({DRAFT_HEADING!r}))")
        assert entries(path)[(None, DRAFT_HEADING)][:2] == ("Read\nmore?", False)
        assert entry(page, DRAFT_HEADING).locator(structure).count() == 1
        page.goto(opened(address, TRUST, "check=structure"))  # and the filter finds both
        assert page.locator("article.entry").count() == 2


@browser_test
def test_what_approving_a_draft_would_break_is_said_alike_as_she_types_once_saved_and_on_the_page_anew(browser: object, tmp_path: Path) -> None:
    """The review: a draft heading on two lines, ending in a line break, was said to break the page and msgfmt as she
    typed, said as errors of the file (msgfmt skips a draft); once saved as a draft only the structure was said; on the page anew
    nothing. Each time now alike, both, as what approving the draft would break."""
    site = waiting_trust(tmp_path)
    said = ".problem[data-check='structure'], .problem[data-check='msgfmt']"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, TRUST))
        page.wait_for_load_state()
        draft = entry(page, DRAFT_HEADING)
        assert draft.locator(said).count() == 0
        draft.locator(".box").fill("Read\nmore?\n")
        page.wait_for_function(f"() => [...document.querySelectorAll('article.entry')].some(e => e.textContent.includes({DRAFT_HEADING!r}) && e.querySelectorAll(\"[data-check='msgfmt']\").length)")
        typing = entry(page, DRAFT_HEADING).locator(said).all_inner_texts()
        draft.locator(".box").press("Control+s")
        page.locator("#message.saved").wait_for()
        saved = entry(page, DRAFT_HEADING).locator(said).all_inner_texts()
        page.reload()
        page.wait_for_load_state()
        reloaded = entry(page, DRAFT_HEADING).locator(said).all_inner_texts()
        assert entries(site.catalog_path(TRUST))[(None, DRAFT_HEADING)][:2] == ("Read\nmore?\n", True)
        assert sorted(typing) == sorted(saved) == sorted(reloaded), (typing, saved, reloaded)
        assert {text.split(":")[1].strip() for text in typing} == {"structure", "msgfmt"}
        assert all(text.split(": ", 2)[2].startswith("approving this draft would be an error: ") for text in typing)


@browser_test
def test_the_memory_is_made_as_the_server_starts_and_no_page_waits_for_it(browser: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trial on a site of ten thousand entries: her first suggestions took seconds, the memory being made on the
    first request for them, in the server's event loop, so that nothing else was answered meanwhile. Here the memory
    is made as the server starts, with no request; and while it is being made, pages come (held here until the end)."""
    site = Site.open(copy_site("demo", tmp_path))
    made = site.root / MEMORY_CACHE
    with running(site):
        for thread in threading.enumerate():  # no page asked: the server made it on its own
            if thread.name == "workspace memory":
                thread.join()
        assert made.exists()

    site = workspace_site(tmp_path / "held")
    release, asked = threading.Event(), threading.Event()
    current = KeptMemory.current

    def held(memory: KeptMemory) -> dict[str, Remembered]:
        asked.set()
        release.wait(120)  # never this long: the test releases it (held past it, the memory came before the pages looked for it pending)
        return current(memory)

    monkeypatch.setattr(KeptMemory, "current", held)
    with running(site) as address, chromium(browser) as page, watched(page):
        try:
            page.goto(opened(address, FRICTIE))  # the first page waits for no memory…
            assert asked.wait(60)  # the memory's thread asks it as the server starts
            pending = page.locator("article.entry ul.suggestions[data-pending]").count()
            page.goto(opened(address, FRICTIE, "state=draft"))  # …nor does the next, while suggestions are being found
            page.goto(address.split("?")[0])
            assert pending > 0 and page.locator("#documents tr[data-document]").count() == 5
        finally:
            release.set()
        page.goto(opened(address, FRICTIE, "q=ieder"))
        entry(page, IEDER).locator(".suggestions li").wait_for()  # and they come once it is made


UNDER = """() => {
  // what of the page is in sight under the status line: each element's rectangle as it shows (cut by every box
  // that scrolls it, and by the window) that overlaps the line's
  const said = document.getElementById("message").getBoundingClientRect();
  const shown = (element) => {
    let [top, bottom, left, right] = [0, innerHeight, 0, innerWidth];
    for (let box = element; box; box = box.parentElement) {
      const style = getComputedStyle(box), rect = box.getBoundingClientRect();
      if (box === element || style.overflowX !== "visible" || style.overflowY !== "visible") {
        top = Math.max(top, rect.top); bottom = Math.min(bottom, rect.bottom); left = Math.max(left, rect.left); right = Math.min(right, rect.right);
      }
    }
    return {top, bottom, left, right};
  };
  return [...document.querySelectorAll("article.entry, h1, #filters, .keys, #document-state")].filter((element) => {
    const rect = shown(element);
    return rect.top < rect.bottom && rect.left < rect.right && rect.top < said.bottom - 0.5 && said.top + 0.5 < rect.bottom && rect.left < said.right && said.left < rect.right;
  }).map((element) => element.outerHTML.slice(0, 80));
}"""


@browser_test
@pytest.mark.parametrize(("width", "height"), [(1280, 800), (800, 600)])
def test_what_is_said_covers_nothing_and_stays_in_sight(browser: object, tmp_path: Path, width: int, height: int) -> None:
    """The trial: "no more entries to review here" stood over the top of the window, on the row beneath it. What is
    said has a line of its own, in sight wherever she is in a long document, over no part of the page."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    po = polib.pofile(str(path), wrapwidth=0)
    for item in po:  # one entry left to review, far down the page: the others approved without an error (which is to review)
        if item.msgid != IEDER:
            item.msgstr, item.flags, item.tcomment = item.msgid, [], "ignore: unchanged"
    po.save(str(path))
    with running(site) as address, chromium(browser) as page, watched(page):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(opened(address, FRICTIE))
        page.wait_for_load_state()
        page.keyboard.press("Alt+ArrowDown")  # to the one entry to review
        page.keyboard.press("Alt+ArrowDown")
        page.locator("#message", has_text="no more entries to review here").wait_for()
        assert page.evaluate(UNDER) == []
        said, box = page.locator("#message").bounding_box(), page.locator("article.entry .box:focus").bounding_box()
        assert 0 <= said["y"] and said["y"] + said["height"] <= height  # in sight…
        assert 0 <= box["y"] and box["y"] + box["height"] <= said["y"]  # …and so is her box
        scrolled = page.evaluate("() => document.getElementById('page').scrollTop")
        page.mouse.wheel(0, -150)  # wherever the page is scrolled to
        page.wait_for_function("top => document.getElementById('page').scrollTop !== top", arg=scrolled)
        assert page.evaluate(UNDER) == []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"workspace-said-{width}x{height}.png"))


def test_an_approval_puts_the_english_together_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trial: approving an entry parsed the document's English twice, once to ask first about an error, once to
    judge the document after the save. The save is judged once, before it is written, and answered from that."""
    from publish_pipeline.quality import status
    from publish_pipeline.text.reassembly import parsed_body
    from publish_pipeline.workspace import entries as workspace_entries
    from test_workspace import client, seen

    site = Site.open(copy_site("demo", tmp_path))
    path = site.catalog_path(TRUST)
    po = polib.pofile(str(path), wrapwidth=0)
    waiting = [item for item in po if item.msgid.startswith(LAST) or item.msgid == DRAFT_HEADING]
    for item in waiting:
        item.flags = ["fuzzy"]
    po.save(str(path))
    parsed: list[str] = []

    def counted(document: object, *arguments: object, **named: object) -> object:
        parsed.append(Path(str(document.path)).name)  # type: ignore[attr-defined]
        return parsed_body(document, *arguments, **named)  # type: ignore[arg-type]

    monkeypatch.setattr(status, "parsed_body", counted)
    monkeypatch.setattr(workspace_entries, "parsed_body", counted)
    workspace = client(site)
    assert workspace.get("/").status_code == 200  # the documents list: the site's verdicts are known (``claims``)
    parsed.clear()
    for item, complete in zip(waiting, (False, True)):  # one approval while another entry waits, then the last
        saved = workspace.post("/api/save", json={**seen(site, item.msgid[:20], TRUST), "fuzzy": False})
        assert saved.status_code == 200 and "confirm" not in saved.json(), saved.text
        assert parsed == ["vertrouwen.md"], (complete, parsed)
        parsed.clear()
    assert not any(fuzzy for _, fuzzy, _, _ in entries(path).values())
    assert 'data-live="current"' in saved.json()["header"]  # the last approval: the English goes live, as judged
    broken = workspace.post("/api/save", json={**seen(site, BROKEN_HEADING, TRUST), "text": "What is\ntrust?"})
    assert broken.json()["confirm"].startswith("this entry has an error (structure: ") and parsed == ["vertrouwen.md"]


@browser_test
def test_the_keyboard_approves_no_empty_english_and_applies_a_filter_with_enter(browser: object, tmp_path: Path) -> None:
    """The trial with the keyboard alone: Ctrl+Enter on an untranslated entry said "saved" and went on, the entry
    still untranslated (so Alt+↓ came round to it again), and Ctrl+U said "saved" of it too, nothing changed (an empty
    English is no draft; the undo button then undid nothing); Enter on the state filter did nothing (only the Filter
    button, two Tabs away, applied it)."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    before = path.read_bytes()
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE, "q=ieder"))
        page.wait_for_load_state()
        empty = entry(page, IEDER)
        assert empty.get_attribute("data-state") == "untranslated"
        empty.locator(".box").press("Control+Enter")
        page.locator("#message.error", has_text="nothing to approve: the English is empty").wait_for()
        assert empty.locator(".box").evaluate("box => box === document.activeElement") and path.read_bytes() == before
        empty.locator(".box").press("Control+u")
        page.locator("#message.error", has_text="nothing to save: the English is empty — type it, or use a suggestion").wait_for()
        assert path.read_bytes() == before and page.locator("#undo").is_disabled()
        page.locator("#filters select[name=state]").focus()
        page.keyboard.press("ArrowDown")  # needs review…
        page.keyboard.press("Enter")  # …applied
        page.wait_for_url("**/?state=*")
        assert "state=untranslated" not in page.url and page.locator("#filters select[name=state]").input_value() != ""
        page.goto(opened(address, FRICTIE, "q=nowhere"))
        page.wait_for_load_state()
        page.keyboard.press("Alt+ArrowDown")  # not "no more entries to review": none is shown
        page.locator("#message", has_text="the filter shows no entry here").wait_for()
