"""The workspace's keys in Chromium wherever the focus is, and the document's problems counted as its entries show them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polib
import pytest

from test_workspace import DRAFT, FIXED, FRICTIE, IEDER, browser_test, chromium, client, entries, entry, running, seen, watched, workspace_site
from test_workspace_translator import BROKEN_HEADING, DRAFT_HEADING, TRUST, opened, waiting_trust

HOSTILE = "Ik wil je uitnodigen"

SAVE_PAGE = """() => {
  // whether the browser would act on each Ctrl+S (its "Save page" dialog): a listener on the window hears the key
  // after the page's own (on the document), and sees whether the page prevented it
  window.browserWouldSave = [];
  window.addEventListener("keydown", (event) => {
    if (event.ctrlKey && event.key.toLowerCase() === "s") window.browserWouldSave.push(!event.defaultPrevented);
  });
}"""


def english_of(path: Path, source: str) -> tuple[str, bool]:
    """The English and fuzzy flag in the PO file at ``path`` of the entry whose Dutch starts with ``source``."""
    return next(value[:2] for (_, msgid), value in entries(path).items() if msgid.startswith(source))


@browser_test
def test_ctrl_s_outside_every_entry_saves_what_is_not_saved_and_never_opens_the_browsers_save_dialog(browser: object, tmp_path: Path) -> None:
    """The trial: Ctrl+S with the focus on the page (after a click beside the entries), in the search box or on the
    documents list opened the browser's "Save page" dialog, and the English she had typed stayed unsaved."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    message = "#message"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE, "state=draft"))
        page.wait_for_load_state()
        page.evaluate(SAVE_PAGE)
        entry(page, DRAFT).locator(".box").fill(FIXED)
        page.locator("h1").click()  # beside the entries: the focus on the page's body
        page.keyboard.press("Control+s")
        page.locator(f"{message}.saved", has_text="saved").wait_for()
        assert english_of(path, DRAFT) == (FIXED, True)  # saved as Ctrl+S in the entry saves it: still to review
        assert page.evaluate("() => document.activeElement === document.body")  # she stays where she was
        page.keyboard.press("Control+s")  # nothing is left to save: said so
        page.locator(message, has_text="nothing to save: every entry is as the file has it").wait_for()
        page.evaluate("() => { document.getElementById('message').textContent = ''; }")
        page.locator("#filters input[name=q]").focus()
        page.keyboard.press("Control+s")
        page.locator(message, has_text="nothing to save").wait_for()
        assert page.evaluate("() => window.browserWouldSave") == [False, False, False]
        page.goto(address.split("?")[0])  # the documents list: nothing there to save
        page.wait_for_load_state()
        page.evaluate(SAVE_PAGE)
        page.keyboard.press("Control+s")
        page.locator(message, has_text="nothing to save").wait_for()
        assert page.evaluate("() => window.browserWouldSave") == [False]


@browser_test
def test_ctrl_s_saves_every_entry_not_saved_the_one_she_is_in_first(browser: object, tmp_path: Path) -> None:
    """Typed into two entries, Ctrl+S in the second saves both: what she left in the first is not lost."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE, "state=draft"))
        page.wait_for_load_state()
        entry(page, DRAFT).locator(".box").fill(FIXED)
        entry(page, HOSTILE).locator(".box").fill("I would like to invite you.")
        page.keyboard.press("Control+s")
        page.locator("#message.saved", has_text="saved 2 entries").wait_for()
        assert english_of(path, DRAFT) == (FIXED, True) and english_of(path, HOSTILE) == ("I would like to invite you.", True)
        assert page.locator("article.entry.unsaved").count() == 0
        assert page.evaluate("() => document.activeElement.closest('article')?.textContent.includes('uitnodigen')")


@browser_test
def test_an_entry_left_with_english_not_saved_is_marked_and_said_however_she_leaves_it(browser: object, tmp_path: Path) -> None:
    """The trial: Alt+↓ went on to the next entry and left what she had typed in the one before without a sign that
    it was not saved (nor did a click elsewhere); a reload would have asked, and she would not have known why."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE, "state=draft"))
        page.wait_for_load_state()
        left = entry(page, HOSTILE)  # the first of the two drafts
        mark = left.locator(".unsaved-mark")
        assert not mark.is_visible()
        where = left.locator(".where code").inner_text()
        left.locator(".box").fill("I would like to invite you.")
        page.keyboard.press("Alt+ArrowDown")
        assert page.evaluate(f"() => document.activeElement.closest('article')?.textContent.includes({DRAFT!r})")
        page.locator("#message.unsaved", has_text=f"{where}: your English is not saved — Ctrl+S saves it").wait_for()
        assert mark.is_visible() and "unsaved" in (left.get_attribute("class") or "")
        assert left.locator(".box").input_value() == "I would like to invite you." != english_of(path, HOSTILE)[0]  # in its box, not in the file
        page.keyboard.press("Alt+ArrowUp")  # back to it: still marked, and saved with Ctrl+S
        assert mark.is_visible()
        page.keyboard.press("Control+s")
        page.locator("#message.saved", has_text="saved").wait_for()
        assert not mark.is_visible()
        second = entry(page, DRAFT)
        second.locator(".box").fill(FIXED)
        page.locator("h1").click()  # a click beside it leaves it alike
        page.locator("#message.unsaved", has_text="your English is not saved").wait_for()
        assert second.locator(".unsaved-mark").is_visible()
        second.locator(".box").fill(second.locator(".box").evaluate("box => JSON.parse(box.closest('article').dataset.seen).text"))
        assert not second.locator(".unsaved-mark").is_visible()  # typed back to what the file has: nothing to save


def errors_said(html: str, name: str) -> int:
    """The number the element of class ``name`` says in ``html`` (a page of the workspace, or its header)."""
    found = re.search(rf'class="{name}">(\d+)<', html)
    assert found, name
    return int(found.group(1))


def test_the_documents_list_and_the_header_count_the_errors_its_entries_show(tmp_path: Path) -> None:
    """The trial: a heading approved on two lines showed its structure error at its entry while other entries waited,
    and the documents list and the page's header said 0 errors (the status judges no English page until the last
    entry is approved). Each counts what the entries show, on the page, after a save, and on the list."""
    site = waiting_trust(tmp_path)
    workspace = client(site)
    page = workspace.get(f"/document/{TRUST}/").text
    shown = page.count('class="problem error"')
    assert shown == 1
    row = re.search(rf'<tr data-document="{TRUST}">(.*?)</tr>', workspace.get("/").text, re.S)
    assert row and re.findall(r"<td>(\d+)</td>", row.group(1))[-1] == str(shown)  # words to review, then errors
    assert f"· <span id=\"errors-count\">{shown} check error</span> ·" in workspace.get("/").text  # one, not "1 check errors"
    assert errors_said(page, "errors-count") == shown
    saved = workspace.post("/api/save", json={**seen(site, DRAFT_HEADING, TRUST), "text": "Read\nmore?"}).json()  # a draft that would break it too
    assert 'class="problem error"' in saved["html"] and errors_said(saved["header"], "errors-count") == shown + 1
    page = workspace.get(f"/document/{TRUST}/").text
    assert page.count('class="problem error"') == errors_said(page, "errors-count") == shown + 1
    row = re.search(rf'<tr data-document="{TRUST}">(.*?)</tr>', workspace.get("/").text, re.S)
    assert row and re.findall(r"<td>(\d+)</td>", row.group(1))[-1] == str(shown + 1)


def test_a_structure_error_the_entries_make_only_together_is_said_of_the_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trial: an error of the page's structure that no entry makes alone (the culprit search finds none: only
    together) stands at line 0 of the PO file, at no entry: the page showed it nowhere, though it held the English
    back. It is said of the document, in its header, where first, then what is wrong and what to do; after a save too.

    Markdown gives few such pairs (a search of 20,000 random pairs of markup halves in the demo's topic page found
    none: an opening that changes nothing alone cannot reach over a block), so the search's verdict is made here."""
    from publish_pipeline.text import reassembly

    site = waiting_trust(tmp_path)
    path = site.catalog_path(TRUST)
    po = polib.pofile(str(path), wrapwidth=0)
    for item in po:
        if item.msgid == BROKEN_HEADING:  # one line again, and a paragraph made two
            item.msgstr = "What is trust?"
        elif item.msgid.startswith("Als iemand je vertrouwt"):
            item.msgstr = "If someone trusts you.\n\nThey feel it."
    po.save(str(path))
    monkeypatch.setattr(reassembly, "_culprits", lambda *arguments: [])
    workspace = client(site)
    page = workspace.get(f"/document/{TRUST}/").text
    said = re.search(r'<ul class="checks of-document"><li class="problem error">(.*?)</li>', page)
    location = site.relative(site.catalog_path(TRUST))
    expected = f"{location}: error: structure: the translations together change the structure of the page — compare the translated blocks with the Dutch ones"
    assert said and html.unescape(said.group(1)) == expected
    assert errors_said(page, "errors-count") == page.count('class="problem error"') == 1  # said once: of the document, at no entry
    saved = workspace.post("/api/save", json={**seen(site, DRAFT_HEADING, TRUST), "text": "More reading?"}).json()
    assert html.escape(expected, quote=False) in saved["header"].replace("&#39;", "'")


def test_a_problem_of_the_po_files_header_is_said_of_the_document_and_stays_text(tmp_path: Path) -> None:
    """msgfmt's warning about the PO file's header (no entry's line) was shown nowhere on the page. Said of the
    document, where first (escaped as every problem is: test_workspace's hostile-text tests)."""
    site = waiting_trust(tmp_path)
    path = site.catalog_path(TRUST)
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith('"Content-Type')), encoding="utf-8")
    page = client(site).get(f"/document/{TRUST}/").text
    said = re.search(r'<ul class="checks of-document"><li class="problem warning">(.*?)</li>', page)
    assert said and html.unescape(said.group(1)).startswith(f"{site.relative(path)}:4: warning: msgfmt: the header does not say the file is UTF-8")


def test_the_list_parses_a_waiting_documents_english_once_for_every_change_in_this_session_and_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted as its page shows them, a waiting document's errors cost a parse of its English (5 ms; 5 s of CPU on the
    first list of a thousand documents drafted at once): made once for each change of its files, kept in ``.cache/``."""
    from publish_pipeline.workspace import entries as workspace_entries
    from publish_pipeline.workspace.entries import Workspace

    site = waiting_trust(tmp_path)
    parsed: list[str] = []
    standing = workspace_entries.standing_problems
    monkeypatch.setattr(workspace_entries, "standing_problems", lambda unit, *rest: parsed.append(unit.document.id) or standing(unit, *rest))

    def errors(workspace: Workspace) -> int:
        return next(document.errors for document in workspace.site_status().documents if document.document_id == TRUST)

    assert errors(Workspace(site)) == 1 and TRUST in parsed and len(parsed) == len(set(parsed))  # each document that waits, once
    parsed.clear()
    assert errors(Workspace(site)) == 1 and parsed == []  # the next session: kept
    client(site).post("/api/save", json={**seen(site, DRAFT_HEADING, TRUST), "text": "Read\nmore?"})
    parsed.clear()
    workspace = Workspace(site)
    assert errors(workspace) == 2 and parsed == [TRUST]  # its PO file changed: parsed again, once
    assert errors(workspace) == 2 and parsed == [TRUST]


MAC = """Object.defineProperty(Navigator.prototype, "platform", {get: () => "MacIntel"});
Object.defineProperty(Navigator.prototype, "userAgentData", {get: () => undefined});"""
"""Chromium here as on a Mac (what the page asks: ``navigator.userAgentData.platform``, else ``navigator.platform``)."""
BROWSER_WOULD_ACT = """() => {
  // whether the browser would act on each Cmd/Ctrl+S or +U ("Save page", "View source"): heard after the page's own
  window.browserWouldAct = [];
  window.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && ["s", "u"].includes(event.key.toLowerCase())) window.browserWouldAct.push(!event.defaultPrevented);
  });
}"""


@browser_test
@pytest.mark.parametrize(("platform", "command", "names"), [("", "Control", ("Ctrl", "Alt")), (MAC, "Meta", ("Cmd", "Option"))])
def test_every_key_takes_cmd_on_a_mac_the_page_names_its_keys_and_ctrl_u_outside_an_entry_opens_nothing(browser: object, 
    tmp_path: Path, platform: str, command: str, names: tuple[str, str],
) -> None:
    """The trial: Cmd+S on a Mac opened the browser's Save dialog (only Ctrl was heard), and Ctrl+U (Cmd+U) outside
    an entry the browser's page source; the help named a PC's keys only."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    ctrl, alt = names
    with running(site) as address, chromium(browser) as page, watched(page):
        if platform:
            page.add_init_script(platform)
        page.goto(opened(address, FRICTIE, "state=draft"))
        page.wait_for_load_state()
        page.evaluate(BROWSER_WOULD_ACT)
        keys = page.locator(".keys kbd").all_inner_texts()
        assert keys[:4] == [f"{ctrl}+Enter", f"{ctrl}+U", f"{ctrl}+S", f"{ctrl}+B"] and f"{ctrl}+{alt}+Z" in keys and f"{alt}+↓" in keys
        assert keys[-1] == f"{ctrl}+{alt}+F"
        draft = entry(page, DRAFT)
        draft.locator(".box").fill(FIXED)
        assert draft.locator(".unsaved-mark").inner_text() == f"not saved: {ctrl}+S saves it"
        page.locator("h1").click()  # outside every entry
        page.keyboard.press(f"{command}+s")
        page.locator("#message.saved", has_text="saved").wait_for()
        assert english_of(path, DRAFT) == (FIXED, True)
        page.keyboard.press(f"{command}+u")
        page.locator("#message", has_text=f"{ctrl}+U marks the entry you are in as needs review: go into an entry first ({alt}+↓").wait_for()
        draft.locator(".box").focus()
        page.keyboard.press(f"{command}+Enter")  # approves, and goes on to the next to review
        page.wait_for_function("() => document.activeElement.closest('article')?.textContent.includes('uitnodigen')")
        assert english_of(path, DRAFT) == (FIXED, False)
        page.keyboard.press(f"{command}+Alt+z")
        page.locator("#message.saved", has_text="undone").wait_for()
        assert english_of(path, DRAFT) == (FIXED, True)
        assert page.evaluate("() => window.browserWouldAct") == [False, False]
        page.keyboard.press(f"{command}+Alt+f")
        assert page.evaluate("() => document.activeElement.name") == "q"


@browser_test
def test_ctrl_b_copies_the_dutch_into_the_box_as_typed(browser: object, tmp_path: Path) -> None:
    """The trial: no key put the Dutch in the box (Poedit's Ctrl+B), for an entry whose English keeps most of it (a
    name, a number, a link): she retyped it. Now Ctrl+B does, as if typed: checked, kept, saved by Ctrl+S, and
    taken back by Ctrl+Z in the box."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE, "q=ieder"))
        page.wait_for_load_state()
        twin = entry(page, IEDER)
        box = twin.locator(".box")
        assert box.input_value() == ""
        box.press("Control+b")
        assert box.input_value() == IEDER and page.evaluate("() => Object.keys(localStorage).filter((key) => key.startsWith('publish_pipeline.unsaved:')).map((key) => localStorage.getItem(key))") == [IEDER]  # kept as typed English is
        page.locator("article.entry.unsaved.edited").wait_for()  # checked as typed English is
        box.press("Control+z")
        assert box.input_value() == ""
        box.press("Control+b")
        box.press("Control+s")
        page.locator("#message.saved", has_text="saved").wait_for()
    assert english_of(path, IEDER) == (IEDER, True)


@browser_test
def test_ctrl_alt_f_goes_to_the_search_from_an_entry_and_alt_down_to_the_first_found(browser: object, tmp_path: Path) -> None:
    """The trial: no key led to the search: from an entry far down the page she went back up with Shift+Tab, past
    every box and button above it. Now Ctrl+Alt+F goes there (its text selected, to type over), Enter searches,
    and Alt+↓ goes to the first entry found."""
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE, "q=energie"))
        page.wait_for_load_state()
        entry(page, IEDER).locator(".box").focus()
        page.keyboard.press("Control+Alt+f")
        assert page.evaluate("() => [document.activeElement.name, document.activeElement.selectionStart, document.activeElement.selectionEnd]") == ["q", 0, len("energie")]
        page.keyboard.type("ieder team")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("q=ieder+team") and page.locator("article.entry").count() == 1
        page.keyboard.press("Alt+ArrowDown")
        assert page.evaluate("() => document.activeElement.closest('article')?.querySelector('.dutch .text').textContent") == IEDER


@browser_test
def test_ctrl_arrows_go_to_the_entry_below_or_above_whatever_its_state_as_the_key_help_says(browser: object, tmp_path: Path) -> None:
    """Alt+↓/↑ go to the next entry to review, approved ones skipped, as the key help says; an approved entry had no
    key to reach it (Poedit's Ctrl+↓/↑: the next or previous entry, any)."""
    site = workspace_site(tmp_path)
    shown = [(msgid, bool(text) and not fuzzy) for (_, msgid), (text, fuzzy, _, _) in entries(site.catalog_path(FRICTIE)).items()]
    before = next(index for index, (_, approved) in enumerate(shown[:-2]) if not approved and shown[index + 1][1])  # to review, then approved
    focused = "() => document.activeElement.closest('article')?.querySelector('.dutch .text').textContent"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        page.wait_for_load_state()
        help = page.locator("p.keys").inner_text()
        assert "Alt+↓/↑ (or Ctrl+Alt+↓/↑) next/previous to review (approved ones saved and without an error skipped)" in help and "Ctrl+↓/↑ next/previous entry, any" in help
        page.keyboard.press("Control+ArrowDown")  # from outside every entry: the first
        assert page.evaluate(focused) == shown[0][0]
        entry(page, shown[before][0]).locator(".box").focus()
        page.keyboard.press("Control+ArrowDown")
        assert page.evaluate(focused) == shown[before + 1][0]  # approved: reached
        page.keyboard.press("Control+ArrowUp")
        assert page.evaluate(focused) == shown[before][0]
        page.keyboard.press("Alt+ArrowDown")  # the next to review: the approved one skipped
        assert page.evaluate(focused) == next(msgid for msgid, approved in shown[before + 1:] if not approved)
        entry(page, shown[-1][0]).locator(".box").focus()
        page.keyboard.press("Control+ArrowDown")
        page.locator("#message", has_text="this is the last entry here").wait_for()
        assert page.evaluate(focused) == shown[-1][0]


@browser_test
def test_every_arrow_key_the_help_names_moves_as_it_says(browser: object, tmp_path: Path) -> None:
    """The trial: Ctrl+Alt+↓/↑ went to the next/previous entry to review until Ctrl+↓/↑ came, then did nothing. Each
    arrow key the help names works from inside an entry: with Alt (Ctrl or not) the next/previous to review, with
    Ctrl alone the entry below/above."""
    site = workspace_site(tmp_path)
    shown = [(msgid, bool(text) and not fuzzy) for (_, msgid), (text, fuzzy, _, _) in entries(site.catalog_path(FRICTIE)).items()]
    start = next(index for index, (_, approved) in enumerate(shown[:-2]) if index and not approved and shown[index + 1][1])  # to review, then approved
    below_to_review = next(msgid for msgid, approved in shown[start + 1:] if not approved)
    above_to_review = next(msgid for msgid, approved in reversed(shown[:start]) if not approved)
    focused = "() => document.activeElement.closest('article')?.querySelector('.dutch .text').textContent"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        page.wait_for_load_state()
        named = [key.inner_text() for key in page.locator("p.keys kbd").all()]
        chords = [key for key in named if "↓" in key]
        assert chords == ["Alt+↓", "Ctrl+Alt+↓", "Ctrl+↓"] and named.count("↑") == len(chords)  # each with its ↑
        expected = {"Alt": (below_to_review, above_to_review), "Ctrl+Alt": (below_to_review, above_to_review), "Ctrl": (shown[start + 1][0], shown[start - 1][0])}
        for chord in chords:
            held = chord.removesuffix("+↓")
            pressed = held.replace("Ctrl", "Control")
            for arrow, went in zip(("ArrowDown", "ArrowUp"), expected[held]):
                entry(page, shown[start][0]).locator(".box").focus()
                page.keyboard.press(f"{pressed}+{arrow}")
                assert page.evaluate(focused) == went, (chord, arrow)


@browser_test
def test_an_entry_approved_with_an_error_is_to_review_in_the_filter_and_in_the_keys_walk(browser: object, tmp_path: Path) -> None:
    """The week's trial: an entry approved despite its check error (the second Ctrl+Enter) was hidden by the filter
    "to review" and skipped by Alt+↓, while the header counted its error: she could not find what held the English
    back but through the Check filter. It needs her as a draft does: the filter keeps it, Alt+↓ stops at it, as the
    documents list's "to review" counts a check error."""
    site = workspace_site(tmp_path)
    anyway = client(site).post("/api/save", json={**seen(site, DRAFT), "fuzzy": False, "anyway": True})
    assert anyway.status_code == 200 and "confirm" not in anyway.json()
    keys = list(entries(site.catalog_path(FRICTIE)))
    before = keys[[source for _, source in keys].index(seen(site, DRAFT)["source"]) - 1][1]  # the entry above it
    focused = "() => document.activeElement.closest('article')?.querySelector('.dutch .text').textContent"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE, "state=attention"))
        approved = entry(page, DRAFT)
        assert approved.get_attribute("data-state") == "approved" and approved.locator(".problem.error").count() > 0
        assert page.locator("#filters select[name=state] option:checked").inner_text() == "to review (not approved, or with an error)"
        assert int(page.locator(".errors-count").inner_text()) > 0
        entry(page, before).locator(".box").focus()
        page.keyboard.press("Alt+ArrowDown")
        assert page.evaluate(focused).startswith(DRAFT)  # not skipped to the next untranslated one
        page.keyboard.press("Alt+ArrowUp")
        assert page.evaluate(focused) == before
        page.goto(opened(address, FRICTIE))  # unfiltered, as from the page just opened: the same walk
        entry(page, before).locator(".box").focus()
        page.keyboard.press("Alt+ArrowDown")
        assert page.evaluate(focused).startswith(DRAFT)


@browser_test
def test_the_header_counts_the_drafts_that_would_be_errors_once_approved_before_she_approves(browser: object, tmp_path: Path) -> None:
    """The week's trial: the header said "0 check errors" while Ctrl+Enter on a draft answered "this entry has an
    error (dutch…)": Dutch left beyond doubt is a warning of a draft (nothing of it is published) and an error once
    approved. The header counts the drafts whose approval would carry an error, those with an error now too, after a
    save as on the page anew, so that it tells the truth before she approves."""
    site = workspace_site(tmp_path)  # two drafts with an error now (a link left out, hostile HTML)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        errors = page.locator(".errors-count").inner_text()
        assert page.locator("#drafts-with-errors").inner_text() == "2 drafts with an error once approved (approving one asks twice)"
        box = entry(page, IEDER).locator(".box")
        box.focus()
        page.keyboard.press("Control+b")  # the Dutch as her English: a draft's warning, an approved entry's error
        page.keyboard.press("Control+s")
        page.locator("#message", has_text="saved").wait_for()
        assert entries(site.catalog_path(FRICTIE))[(None, IEDER)][:2] == (IEDER, True)
        assert entry(page, IEDER).locator(".problem.error").count() == 0 and entry(page, IEDER).locator(".problem.warning").count() > 0
        assert page.locator(".draft-errors-count").inner_text() == "3" and page.locator(".errors-count").inner_text() == errors
        page.reload()
        assert page.locator(".draft-errors-count").inner_text() == "3"
        entry(page, IEDER).locator(".box").press("Control+Enter")
        page.locator("#message", has_text="this entry has an error (").wait_for()  # as the header said


@browser_test
def test_alt_down_stops_at_an_approved_entry_whose_box_holds_english_not_saved(browser: object, tmp_path: Path) -> None:
    """The trial: she changed an approved entry's English, went elsewhere without saving, and Alt+↓ went past it (an
    approved entry without an error is skipped): her unsaved work, what she most needs to find, was skipped too. The
    walk stops at an entry with English not saved, approved or not; once saved, it skips it again."""
    site = workspace_site(tmp_path)
    keys = [source for _, source in entries(site.catalog_path(FRICTIE))]
    approved = "Frictie is een bron van energie voor elk team."
    before = keys[keys.index(approved) - 1]
    focused = "() => document.activeElement.closest('article')?.querySelector('.dutch .text').textContent"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        changed = entry(page, approved)
        assert changed.get_attribute("data-state") == "approved"
        changed.locator(".box").fill("Friction is a source of energy for each team.")
        entry(page, before).locator(".box").focus()
        page.keyboard.press("Alt+ArrowDown")
        assert page.evaluate(focused) == approved  # not past it to the next untranslated one
        page.keyboard.press("Control+s")  # from the entry above it: every entry not saved
        page.locator("#message.saved", has_text="saved").wait_for()  # not "… not saved — Ctrl+S saves it", said as she left it
        entry(page, before).locator(".box").focus()
        page.keyboard.press("Alt+ArrowDown")
        assert page.evaluate(focused) != approved  # saved and approved: skipped again


@browser_test
def test_a_reload_takes_her_back_to_the_entry_she_was_in(browser: object, tmp_path: Path) -> None:
    """The trial: a reload with nothing to put back opened the document at its top, her place (twenty entries down)
    lost: the page scrolls in an element of its own, whose place the browser does not keep. The tab's session keeps
    the entry she was last in (no server state): a reload takes her back into it, in sight; a page opened anew opens
    at its top."""
    site = workspace_site(tmp_path)
    sources = [source for _, source in entries(site.catalog_path(FRICTIE))]
    far = sources[20]
    focused = "() => document.activeElement.closest('article')?.querySelector('.dutch .text').textContent"
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        entry(page, far).locator(".box").click()
        page.reload()
        page.wait_for_function(f"() => ({focused})() === {far!r}")  # in its box again, once the page put back what it keeps
        box = entry(page, far).locator(".box").bounding_box()
        assert box and 0 <= box["y"] <= 900 - box["height"], box  # in sight, not twenty entries below the top
        page.goto(opened(address, FRICTIE))  # opened anew: at its top
        page.wait_for_load_state("networkidle")
        assert page.evaluate(focused) is None
