"""The workspace's saves as a translator's trial met them: the Dutch changed under an open page, entries named by
their key (not their PO line, which a save moves), saves of one entry one after the other, and her unsaved English
kept across a reload and a restarted server."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path

import polib

from publish_pipeline.catalogs.catalog import draft_digest, read_catalog
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.site import Site
from publish_pipeline.workspace.app import TOKEN_FILE, server
from publish_pipeline.workspace.entries import entry_id
from conftest import copy_site, msgfmt_check
from test_workspace_translator import opened as opened_document
from test_workspace import DRAFT, FIXED, FRICTIE, IEDER, browser_test, chromium, client, entries, entry, running, seen, settled, watched, workspace_site

CHANGED = "the Dutch of this entry changed since the page was loaded (extract or git pull)"
ELK = "Frictie is een bron van energie voor elk team."
KEPT_ENGLISH = (  # not the Dutch beside it; each by its site, document and entry, whichever tab keeps it (after "@")
    "() => Object.keys(localStorage).filter((key) => key.startsWith('publish_pipeline.unsaved:')).map((key) => key.replace(/@[^:@]*$/, ''))"
)
DRAFT_DUTCH = (
    "Daarom noem ik frictie in [De functie van frictie](https://www.managementboek.nl/boek/de-functie-van-frictie) een *bron van energie*. Niet omdat"
    " het prettig is, maar omdat het je laat zien waar de verandering raakt aan wat mensen waardevol vinden. Wie die plekken negeert, bouwt op"
    " drijfzand. Wie ze opzoekt, vindt de bouwstenen voor een verandering die blijft."
)
SOURCE = "source_nl/blog/frictie-als-brandstof.md"
TYPED_FOR_OTHER = "; {} typed for Dutch that has changed since: read it again (Ctrl+Enter asks twice until you change it)"


def change_the_dutch_of_draft(site: Site) -> None:
    """The author changes the Dutch of the entry ``DRAFT`` and runs extract (or a git pull brings it)."""
    source = site.root / SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace("een *bron van energie*", "een echte *bron van energie*"), encoding="utf-8")
    extract(site)


def page_ids(html: str) -> list[str]:
    return re.findall(r'<article class="entry [a-z]+" id="([^"]+)"', html)


def test_a_save_after_the_dutch_changed_says_so_and_writes_nothing(tmp_path: Path) -> None:
    """The trial: approving an entry whose Dutch extract had changed meanwhile answered 500 (StopIteration)."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    shown = seen(site, DRAFT)  # the page was loaded
    change_the_dutch_of_draft(site)
    before = path.read_bytes()
    for change in ({"text": FIXED, "fuzzy": False}, {"text": FIXED, "fuzzy": False, "anyway": True}, {"text": FIXED}):
        response = client(site).post("/api/save", json={**shown, **change})
        assert response.status_code == 409, (change, response.text)  # a conflict with the file, as the page handles one
        assert response.json()["gone"] == (
            f"translations/en/{FRICTIE}.po: {CHANGED} — your text is kept in the box and comes back after a reload — reload the page to see the new Dutch"
        )
    assert path.read_bytes() == before
    page = client(site).get(f"/document/{FRICTIE}/").text  # the entry with the new Dutch was that entry: her text goes there
    assert f'data-was="{entry_id((None, shown["source"]))}"' in page


def test_an_entry_keeps_its_name_after_a_save_and_every_answer_says_where_each_entry_now_stands(tmp_path: Path) -> None:
    """The trial: entries were named ``line-N``, their PO line, which a save moves (``#, fuzzy`` dropped or added):
    undo found another entry or none, two entries shared a name, and the file:line shown went stale."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    workspace = client(site)
    ids = page_ids(workspace.get(f"/document/{FRICTIE}/").text)
    assert len(ids) == len(set(ids)) == len(entries(path))
    draft = seen(site, DRAFT)
    name = entry_id((None, draft["source"]))
    assert name in ids
    line_of = {t.source: t.line for t in read_catalog(path, "po").translations}
    saved = workspace.post("/api/save", json={**draft, "text": FIXED, "fuzzy": False}).json()  # its "#, fuzzy" goes: the lines below move up
    assert f'id="{name}"' in saved["html"] and page_ids(workspace.get(f"/document/{FRICTIE}/").text) == ids
    lines = path.read_text(encoding="utf-8").splitlines()
    below = entry_id((None, IEDER))
    assert saved["lines"][below] == line_of[IEDER] - 1 and lines[saved["lines"][below] - 1] == f'msgid "{IEDER}"'
    assert all(lines[line - 1].startswith("msgid ") for line in saved["lines"].values()) and set(saved["lines"]) == set(ids)
    assert f'<span class="po-line">:{line_of[IEDER] - 1}</span>' in workspace.get(f"/document/{FRICTIE}/").text


def test_a_save_of_the_english_the_file_holds_already_is_no_conflict(tmp_path: Path) -> None:
    """The trial: Ctrl+Enter pressed again before the first was answered (13 of 33 at a 0.9 s rhythm), and two tabs
    saving the same English, were told "changed on disk meanwhile"; another English still is."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    page = seen(site, DRAFT)
    assert client(site).post("/api/save", json={**page, "text": FIXED, "fuzzy": False}).status_code == 200
    approved = path.read_bytes()
    again = client(site).post("/api/save", json={**page, "text": FIXED, "fuzzy": False})  # from the page as it was
    assert again.status_code == 200 and "undo" not in again.json() and path.read_bytes() == approved  # nothing changed: the last change stays the one to undo
    stale_ctrl_s = client(site).post("/api/save", json={**page, "text": FIXED})  # a tab that saw the draft saves the same English
    assert stale_ctrl_s.status_code == 200 and path.read_bytes() == approved  # what she did not change comes from the file: still approved

    one, other = seen(site, IEDER), seen(site, IEDER)  # two tabs, an entry with no English yet
    assert client(site).post("/api/save", json={**one, "text": "Friction feeds every team."}).status_code == 200
    same = client(site).post("/api/save", json={**other, "text": "Friction feeds every team."})
    assert same.status_code == 200 and entries(path)[(None, IEDER)][:2] == ("Friction feeds every team.", True)
    different = client(site).post("/api/save", json={**other, "text": "Friction is every team's fuel."})
    assert different.status_code == 409 and "changed on disk meanwhile" in different.json()["conflict"]
    assert entries(path)[(None, IEDER)][0] == "Friction feeds every team."


def test_a_restarted_workspace_keeps_its_token_which_only_she_can_read(tmp_path: Path) -> None:
    """The trial: after Ctrl-C and review --serve again, the open tab's saves were refused (a new token)."""
    site = workspace_site(tmp_path)
    outside = tmp_path / "outside"
    outside.write_text("hers\n", encoding="utf-8")

    def token() -> str:
        served, listener, address = server(site, 0)
        listener.close()
        return address.split("?token=")[1]

    first = token()
    assert token() == first and (site.root / TOKEN_FILE).read_text(encoding="ascii") == first
    kept = site.root / TOKEN_FILE
    assert stat.S_IMODE(kept.lstat().st_mode) == 0o600
    kept.chmod(0o644)  # others could have read it: not trusted, a new one
    second = token()
    assert second != first and stat.S_IMODE(kept.lstat().st_mode) == 0o600 and token() == second
    kept.unlink()
    os.mkfifo(kept)  # read as it is: no file, and no wait for a writer
    fourth = token()
    assert fourth != second and kept.is_file() and token() == fourth
    kept.unlink()
    kept.symlink_to(outside)  # a link out of the site (a cloned repository can hold one) is neither read nor written through
    third = token()
    assert third not in (first, second, fourth) and token() != third and outside.read_text(encoding="utf-8") == "hers\n"  # kept no more


# In the browser ------------------------------------------------------------------------------------------------------

COUNTED = """
window.saves = [];
const sent = window.fetch;
window.fetch = (url, options) => { if (url === "/api/save") window.saves.push(JSON.parse(options.body)); return sent(url, options); };
"""
"""The page's save requests, as it sends them (run before the page's own script)."""


def opened(address: str, query: str = "") -> str:
    return address.split("?")[0] + f"document/{FRICTIE}/?{query}&token=" + address.split("token=")[1]


@browser_test
def test_undo_shows_its_result_on_the_entry_it_changed_and_the_lines_shown_stay_true(browser: object, tmp_path: Path) -> None:
    """The trial: Ctrl+U then Ctrl+Alt+Z said "undone" but the entry still read "needs review" (its name, its line,
    had moved), and the file:line shown beside the entries below went stale."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with running(site) as address, chromium(browser) as page:
        page.goto(opened(address))
        elk = entry(page, ELK)
        elk.locator(".box").click()
        page.keyboard.press("Control+u")  # "#, fuzzy" written above it: every line below moves down
        page.locator("#message.saved").wait_for()
        assert elk.get_attribute("data-state") == "draft"
        line = next(t.line for t in read_catalog(path, "po").translations if t.source == IEDER)
        page.keyboard.press("Control+Alt+z")
        page.locator("#message", has_text="undone").wait_for()
        assert elk.get_attribute("data-state") == "approved" and entries(path)[(None, ELK)][1] is False
        assert entry(page, IEDER).locator(".po-line").inner_text() == f":{line - 1}"
        elk.locator(".box").press("Control+u")
        page.locator("article.entry[data-state=draft]", has=page.locator(".dutch .text", has_text=ELK)).wait_for()
        assert entry(page, IEDER).locator(".po-line").inner_text() == f":{line}"
        ids = page.evaluate("Array.from(document.querySelectorAll('article.entry'), (a) => a.id)")
        assert len(ids) == len(set(ids))


@browser_test
def test_a_second_ctrl_enter_waits_for_the_first_save_and_starts_from_its_answer(browser: object, tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    held: list[object] = []
    with running(site) as address, chromium(browser) as page:
        page.add_init_script(COUNTED)
        page.route("**/api/save", lambda route: route.continue_() if held else held.append(route))  # the first save's answer waits
        page.goto(opened(address))
        box = entry(page, IEDER).locator(".box")
        box.fill("Friction is a source of energy for every team.")
        box.press("Control+Enter")
        page.wait_for_function("() => window.saves.length === 1")  # the first is sent (after a key, not at once: awaited)
        box.press("Control+Enter")
        assert page.evaluate("window.saves.length") == 1  # the second waits for the first's answer
        with page.expect_response(lambda response: "/api/save" in response.url and response.request.post_data_json["seen"]["text"] != "") as second:
            held[0].continue_()  # type: ignore[attr-defined]
        assert second.value.status == 200 and second.value.request.post_data_json["seen"] == {  # sent from the first's answer
            "text": "Friction is a source of energy for every team.", "fuzzy": False, "note": ""}
        assert page.evaluate("window.saves.length") == 2  # the second found the file as the first left it:
        page.locator("#message", has_text="nothing to save").wait_for()  # said once the page has read the answer
        assert page.locator("#message").inner_text() == "nothing to save: the file has this entry so already"
        assert page.locator("article.entry.conflict").count() == 0
        assert entries(site.catalog_path(FRICTIE))[(None, IEDER)][:2] == ("Friction is a source of energy for every team.", False)


@browser_test
def test_her_unsaved_english_comes_back_after_a_reload_a_refusal_and_a_change_of_the_dutch(browser: object, tmp_path: Path) -> None:
    """The trial: a reload, a restarted server (its saves refused) or a save after extract changed the Dutch lost the
    English she had typed and not saved."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with running(site) as address, chromium(browser) as page:
        page.goto(opened(address))
        entry(page, IEDER).locator(".box").fill("Unsaved English.")
        page.reload()
        assert entry(page, IEDER).locator(".box").input_value() == "Unsaved English."
        assert page.locator("#message").inner_text() == "your unsaved English is back in 1 entry: not saved yet"
        assert entry(page, IEDER).locator(".unsaved-mark").is_visible()  # at its entry too (a trial: it said "approved", no mark)

        page.context.clear_cookies()  # as a server started anew with another token sees this tab
        entry(page, IEDER).locator(".box").press("Control+s")
        page.locator("#message.error").wait_for()
        assert page.locator("#message").inner_text().startswith("the workspace refused this page (invoke workspace was restarted with a new address?)")
        page.goto(opened(address))  # the address it printed
        assert entry(page, IEDER).locator(".box").input_value() == "Unsaved English."

        draft = entry(page, DRAFT)
        draft.locator(".box").fill(FIXED)
        change_the_dutch_of_draft(site)
        draft.locator(".box").press("Control+Enter")
        page.locator("#message.conflict").wait_for()  # a 409, said as a conflict with the file is
        assert CHANGED in page.locator("#message").inner_text() and draft.locator(".box").input_value() == FIXED
        page.reload()  # the entry with the new Dutch (outdated now) has her English in its box
        changed = page.locator("article.entry.outdated", has=page.locator(".dutch .text", has_text="een echte *bron van energie*"))
        assert changed.locator(".box").input_value() == FIXED
        assert entry(page, IEDER).locator(".box").input_value() == "Unsaved English."
        assert page.locator("#message").inner_text() == "your unsaved English is back in 2 entries: not saved yet" + TYPED_FOR_OTHER.format("1 was")
        changed.locator("button.save").click()  # this entry saved (Ctrl+S would save every entry): kept no more
        page.locator("#message.saved").wait_for()
        page.reload()
        assert page.locator("#message").inner_text() == "your unsaved English is back in 1 entry: not saved yet"
    assert entries(path)[(None, IEDER)][0] == ""  # never saved


def reword(site: Site, *changes: tuple[str, str]) -> None:
    """The author rewords the Dutch and runs extract (or a git pull brings it)."""
    source = site.root / SOURCE
    text = source.read_text(encoding="utf-8")
    for old, new in changes:
        text = text.replace(old, new)
    source.write_text(text, encoding="utf-8")
    extract(site)


@browser_test
def test_her_english_typed_for_dutch_reworded_twice_comes_back_in_the_entry_that_took_its_place(browser: object, tmp_path: Path) -> None:
    """The trial: the author reworded a paragraph twice; the page open between, she typed her English, pulled the
    second wording and pressed Ctrl+Enter (refused: "comes back after a reload"). After the reload her text was
    called gone (its Dutch removed), the box held the old draft: extract keeps the Dutch the English was made for as
    ``#| msgid`` (the first wording), and her text was kept under the second's name, which no entry has."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    reword(site, ("een *bron van energie*", "een echte *bron van energie*"), ("voor elk team.", "voor elk goed team."))
    drafted = seen(site, DRAFT)
    with running(site) as address, chromium(browser) as page:
        page.goto(opened(address))
        for shown, mine in (("een echte *bron van energie*", FIXED), ("voor elk goed team.", "Friction is a source of energy for every good team.")):
            entry(page, shown).locator(".box").fill(mine)
        reword(site, ("een echte *bron van energie*", "een heel echte *bron van energie*"), ("voor elk goed team.", "voor elk heel goed team."))
        assert entries(path)[(None, str(drafted["source"]).replace("echte", "heel echte"))][3] == DRAFT_DUTCH  # the first wording: not hers
        assert entries(path)[(None, "Frictie is een bron van energie voor elk heel goed team.")][3] == ELK
        for shown in ("een echte *bron van energie*", "voor elk goed team."):
            entry(page, shown).locator(".box").press("Control+Enter")
            page.locator("#message.conflict").wait_for()
            assert CHANGED in page.locator("#message").inner_text()
            page.evaluate("() => document.getElementById('message').className = ''")
        page.reload()
        assert entry(page, "een heel echte *bron van energie*").locator(".box").input_value() == FIXED
        assert entry(page, "voor elk heel goed team.").locator(".box").input_value() == "Friction is a source of energy for every good team."
        assert page.locator("#message").inner_text() == "your unsaved English is back in 2 entries: not saved yet" + TYPED_FOR_OTHER.format("2 were")
        settled(page)  # /api/kept answered: nothing of hers is called gone
        assert page.locator("#gone").count() == 0
    assert entries(path)[(None, "Frictie is een bron van energie voor elk heel goed team.")][:2] == ("Friction is a source of energy for every team.", True)


@browser_test
def test_her_english_typed_for_dutch_reworded_twice_comes_back_after_a_reload_alone(browser: object, tmp_path: Path) -> None:
    """As above, without the refused save: she typed, the second wording came (git pull), she reloaded the page."""
    site = workspace_site(tmp_path)
    reword(site, ("een *bron van energie*", "een echte *bron van energie*"))
    with running(site) as address, chromium(browser) as page:  # her English checked for the Dutch gone: refused (422)
        page.goto(opened(address))
        entry(page, "een echte *bron van energie*").locator(".box").fill(FIXED)
        reword(site, ("een echte *bron van energie*", "een heel echte *bron van energie*"))
        page.reload()
        page.locator("#message", has_text="your unsaved English is back in 1 entry").wait_for()  # after /api/kept named the entry
        assert entry(page, "een heel echte *bron van energie*").locator(".box").input_value() == FIXED
        assert page.locator("#gone").count() == 0


@browser_test
def test_undo_goes_back_through_every_save_of_the_session_latest_first_and_says_which(browser: object, tmp_path: Path) -> None:
    """The trial: after several saves Ctrl+Alt+Z undid only the last one (the page kept one change)."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    before = entries(path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address))
        entry(page, DRAFT).locator(".box").fill(FIXED)
        entry(page, DRAFT).locator(".box").press("Control+Enter")
        page.locator("#message.saved", has_text="saved").wait_for()
        page.evaluate("() => { document.getElementById('message').className = ''; }")
        entry(page, IEDER).locator(".box").fill("Friction feeds every team.")
        entry(page, IEDER).locator(".box").press("Control+s")
        page.locator("#message.saved", has_text="saved").wait_for()
        assert entries(path)[(None, IEDER)][:2] == ("Friction feeds every team.", True) and entries(path) != before
        page.reload()  # the session's saves outlive a reload
        page.locator("#undo:not([disabled])").wait_for()
        page.keyboard.press("Control+Alt+z")
        page.locator("#message.saved", has_text="undone").wait_for()
        assert entries(path)[(None, IEDER)][:2] == ("", False)
        assert page.locator("#message").inner_text() == f"undone: translations/en/{FRICTIE}.po:{page_lines(path)[(None, IEDER)]}"  # which, where it is now
        assert page.evaluate("() => document.activeElement.closest('article')?.textContent.includes('ieder team')")  # she sees it
        page.evaluate("() => { document.getElementById('message').className = ''; }")
        page.keyboard.press("Control+Alt+z")  # the one before, in another entry
        page.locator("#message.saved", has_text="undone").wait_for()
        draft = next(key for key in page_lines(path) if key[1].startswith(DRAFT))
        assert page.locator("#message").inner_text() == f"undone: translations/en/{FRICTIE}.po:{page_lines(path)[draft]}"
        assert entries(path) == before and entry(page, DRAFT).get_attribute("data-state") == "draft"
        page.keyboard.press("Control+Alt+z")
        page.locator("#message", has_text="nothing to undo").wait_for()
        assert page.locator("#undo").is_disabled() and entries(path) == before


def page_lines(path: Path) -> dict[tuple[str | None, str], int]:
    """Each entry's line in the PO file at ``path``, by its key."""
    return {t.key: t.line for t in read_catalog(path, "po").translations}


GONE_ID = "entry-0000000000000000"
HOSTILE_TYPED = "</textarea><img src=x onerror=\"window.pwned='gone'\"><script>window.pwned='gone'</script>"


@browser_test
def test_english_typed_for_an_entry_that_is_gone_is_shown_once_as_text_and_dropped(browser: object, tmp_path: Path) -> None:
    """The trial: English typed for an entry whose paragraph was deleted (and extract run) stayed in the browser's
    storage for ever, never shown. Kept: what an entry filtered out, or one whose Dutch changed, will take back."""
    site = workspace_site(tmp_path)
    hers = entry_id((None, IEDER))
    stored = {
        unsaved(site, FRICTIE, hers): "Kept: its entry is only filtered out.",
        unsaved(site, FRICTIE, GONE_ID): HOSTILE_TYPED,
        unsaved(site, "blog/deleted-meanwhile", GONE_ID): "For a document deleted meanwhile.",
    }
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, "state=draft"))  # the untranslated entry (hers) is not on this page
        page.evaluate("stored => Object.entries(stored).forEach(([key, text]) => localStorage.setItem(key, text))", stored)
        page.reload()
        gone = page.locator("#gone")
        gone.wait_for()
        assert "typed these for 2 entries that are gone" in gone.locator("p").first.inner_text()
        assert sorted(gone.locator("textarea").evaluate_all("boxes => boxes.map((box) => box.value)")) == sorted([HOSTILE_TYPED, "For a document deleted meanwhile."])
        assert gone.locator("img, script").count() == 0 and page.evaluate("() => window.pwned") is None
        assert page.evaluate(KEPT_ENGLISH) == [unsaved(site, FRICTIE, hers)]
        page.reload()  # shown once
        settled(page)
        assert page.locator("#gone").count() == 0
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/")  # the filter gone: her text is back in its entry
        assert entry(page, IEDER).locator(".box").input_value() == "Kept: its entry is only filtered out."


@browser_test
def test_english_typed_for_dutch_gone_goes_to_no_entry_that_holds_english_of_hers_already(browser: object, tmp_path: Path) -> None:
    """The review: for English typed for Dutch gone, /api/kept names the closest Dutch not approved as the entry that
    took its place, which may be one there all along that holds English of hers already: what was moved there was
    dropped in silence. It is shown as English for an entry that is gone, and hers for that entry stays."""
    site = workspace_site(tmp_path)
    typed_for = unsaved(site, FRICTIE, GONE_ID).replace(".unsaved:", ".typed-for:")
    stored = {
        unsaved(site, FRICTIE, entry_id((None, IEDER))): "Friction feeds every team.",
        unsaved(site, FRICTIE, GONE_ID): "Friction feeds our team.",
        typed_for: json.dumps({"context": None, "source": "Frictie is een bron van energie voor ons team."}),  # closest not approved: IEDER
    }
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, "state=draft"))  # IEDER's entry (untranslated) is not on this page
        page.evaluate("stored => Object.entries(stored).forEach(([key, text]) => localStorage.setItem(key, text))", stored)
        page.reload()
        gone = page.locator("#gone")
        gone.wait_for()
        assert gone.locator("textarea").evaluate_all("boxes => boxes.map((box) => box.value)") == ["Friction feeds our team."]
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/")
        assert entry(page, IEDER).locator(".box").input_value() == "Friction feeds every team."


@browser_test
def test_a_refused_save_keeps_her_english_off_another_entry_of_the_page(browser: object, tmp_path: Path) -> None:
    """The review: a save refused as its Dutch is gone names the closest Dutch not approved as the entry that took its
    place, which may be an entry of the open page (there all along; here extract offered it the deleted entry's
    English) whose box holds English of hers: the refused text was kept under that entry's name, over hers, and the
    reload showed the refused text in that box. Now each stays under its own entry's name."""
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page:
        page.goto(opened(address))
        entry(page, IEDER).locator(".box").fill("Friction feeds every team.")
        entry(page, ELK).locator(".box").fill("Friction feeds each team.")
        reword(site, (ELK + "\n\n", ""))  # its paragraph deleted: the closest Dutch not approved is IEDER's
        entry(page, ELK).locator(".box").press("Control+Enter")
        page.locator("#message.conflict").wait_for()
        page.reload()
        assert entry(page, IEDER).locator(".box").input_value() == "Friction feeds every team."
        assert page.evaluate("key => localStorage.getItem(`${key}@${sessionStorage.getItem('publish_pipeline.tab')}`)", unsaved(site, FRICTIE, entry_id((None, ELK)))) == "Friction feeds each team."


def unsaved(site: Site, document: str, entry: str) -> str:
    """The key the browser kept her unsaved English of an entry under before each tab kept its own (``@`` and the
    tab's name after it): the site's, the document's and the entry's."""
    return f"publish_pipeline.unsaved:{hashlib.sha256(str(site.root.resolve()).encode()).hexdigest()[:16]}:{document}:{entry}"


@browser_test
def test_another_sites_workspace_on_the_same_port_leaves_her_unsaved_english_alone(browser: object, tmp_path: Path) -> None:
    """The browser keeps what she typed by origin, and every site's review --serve takes port 8001 by default: the
    workspace of a site without her entry said it gone, showed it once and dropped it. Now each site's page keeps
    its own, and her English is back when her site's workspace is."""
    hers, other = workspace_site(tmp_path / "hers"), Site.open(copy_site("demo", tmp_path / "other"))  # no IEDER entry
    with chromium(browser) as page:
        with running(hers) as address:
            page.goto(opened(address))
            entry(page, IEDER).locator(".box").fill("Unsaved English.")
            port = int(address.split(":")[2].split("/")[0])
        with running(other, port) as elsewhere:
            page.goto(opened(elsewhere))
            settled(page)
            assert page.locator("#gone").count() == 0
            assert page.evaluate(KEPT_ENGLISH) == [unsaved(hers, FRICTIE, entry_id((None, IEDER)))]
        with running(hers, port) as address:
            page.goto(opened(address))
            assert entry(page, IEDER).locator(".box").input_value() == "Unsaved English."


@browser_test
def test_english_kept_under_the_keys_from_before_they_named_the_site_moves_to_the_sites_once_or_is_shown_once(browser: object, tmp_path: Path) -> None:
    """The trial: English she left unsaved before the keys named the site (``publish_pipeline.unsaved:<document>:
    <entry>``) was neither put back nor shown. Its entry in this site: moved to the site's key and back in its box;
    no such entry here: shown once, as any English for an entry that is gone; another site's key: left alone."""
    site = workspace_site(tmp_path)
    hers = entry_id((None, IEDER))
    elsewhere = f"publish_pipeline.unsaved:{'0' * 16}:{FRICTIE}:{hers}"  # another site's, kept under its own key
    stored = {f"publish_pipeline.unsaved:{FRICTIE}:{hers}": "Typed before the keys named the site.", f"publish_pipeline.unsaved:{FRICTIE}:{GONE_ID}": HOSTILE_TYPED, elsewhere: "Another site's."}
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, "state=draft"))  # her entry is not on this page: it is moved all the same
        page.evaluate("stored => Object.entries(stored).forEach(([key, text]) => localStorage.setItem(key, text))", stored)
        page.reload()
        gone = page.locator("#gone")
        gone.wait_for()
        assert gone.locator("textarea").evaluate_all("boxes => boxes.map((box) => box.value)") == [HOSTILE_TYPED]
        assert sorted(page.evaluate(KEPT_ENGLISH)) == sorted([unsaved(site, FRICTIE, hers), elsewhere])
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/")
        assert entry(page, IEDER).locator(".box").input_value() == "Typed before the keys named the site."
        page.locator("#message", has_text="your unsaved English is back in 1 entry").wait_for()
        assert page.locator("#gone").count() == 0  # shown once


def test_the_page_is_told_which_kept_english_belongs_to_no_entry_any_more(tmp_path: Path) -> None:
    """What ``/api/kept`` says gone: a name no entry of the document has (nor had before extract changed its Dutch),
    and any name of a document the site no longer has."""
    site = workspace_site(tmp_path)
    draft = entry_id((None, str(seen(site, DRAFT)["source"])))
    change_the_dutch_of_draft(site)  # the draft's old name: her text goes to the entry with the new Dutch
    asked = [
        {"document": FRICTIE, "id": entry_id((None, IEDER))}, {"document": FRICTIE, "id": draft}, {"document": FRICTIE, "id": GONE_ID},
        {"document": "blog/deleted-meanwhile", "id": draft}, {"document": FRICTIE, "id": None}, {"document": FRICTIE, "id": [draft]},
        {"document": FRICTIE, "id": GONE_ID, "typed_for": {"context": None, "source": DRAFT_DUTCH.replace("een *bron", "een heel echte *bron")}},
    ]
    answer = client(site).post("/api/kept", json={"entries": asked})
    assert answer.status_code == 200 and answer.json() == {  # no name (an unhashable one was a 500)
        "gone": [2, 3, 4, 5], "instead": [[6, entry_id((None, DRAFT_DUTCH.replace("een *bron", "een echte *bron")))]],  # typed for a wording gone: the entry of the wording now
        "moved": [],  # no document git saw renamed (test_workspace_history)
    }
    refused = client(site).post("/api/kept", json={"entries": [{"id": draft}]})
    assert refused.status_code == 422 and refused.json() == {"error": "/api/kept: not a request of the workspace page — reload the page"}


@browser_test
def test_a_stopped_workspace_says_to_start_it_again_and_her_english_is_saved_once_it_is(browser: object, tmp_path: Path) -> None:
    """The trial: with review --serve stopped, typing said nothing (the checks beside her English simply stopped) and
    Ctrl+Enter said "reload the page", which showed the browser's own error page in place of hers. Now the page
    says to start it again as she types and as she saves, and a save after the restart saves what she typed."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    stopped = "the workspace did not answer: is invoke workspace still running? Start it again, then save again (Ctrl+S) — your English stays in its box"
    with chromium(browser) as page, watched(page) as errors:
        with running(site) as address:
            page.goto(opened(address))
            page.wait_for_load_state("networkidle")
            port = int(address.split(":")[2].split("/")[0])
        box = entry(page, IEDER).locator(".box")
        box.fill("Friction fuels every team.")  # checked as she types: no answer
        page.locator("#message.error", has_text=stopped).wait_for()
        page.evaluate("() => { document.getElementById('message').textContent = ''; }")  # the line below is Ctrl+Enter's, not the typing's
        box.press("Control+Enter")
        page.locator("#message.error", has_text=stopped).wait_for()  # answered (no answer): not still on its way to a server started again
        assert box.input_value() == "Friction fuels every team." and entries(path)[(None, IEDER)][0] == ""
        with running(site, port):  # the same address (its token kept): this tab goes on
            box.press("Control+s")
            page.locator("#message.saved", has_text="saved").wait_for()
        refused = [error for error in errors if "net::ERR_CONNECTION_REFUSED" in error]
        assert refused  # the browser's own line of each request refused while it was stopped (told when it likes) ...
        errors[:] = [error for error in errors if error not in refused]  # ... and nothing else
    assert entries(path)[(None, IEDER)][:2] == ("Friction fuels every team.", True)


@browser_test
def test_english_put_back_in_the_entry_that_took_its_place_is_approved_only_by_a_second_ctrl_enter_or_a_change(browser: object, tmp_path: Path) -> None:
    """The trial: after her text came back in the entry whose Dutch took its place, a reflexive Ctrl+Enter approved
    it unread against the new Dutch. The banner says so; the first Ctrl+Enter asks, the second approves; a change
    of hers is reading enough."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    reword(site, ("een *bron van energie*", "een echte *bron van energie*"), ("voor elk team.", "voor elk goed team."))
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address))
        entry(page, "een echte *bron van energie*").locator(".box").fill(FIXED)
        entry(page, "voor elk goed team.").locator(".box").fill("Friction is a source of energy for every good team")
        entry(page, IEDER).locator(".box").fill("Every team's English.")  # typed for the Dutch it still has
        reword(site, ("een echte *bron van energie*", "een heel echte *bron van energie*"), ("voor elk goed team.", "voor elk heel goed team."))
        page.reload()
        page.locator("#message", has_text="typed for Dutch that has changed since").wait_for()
        assert page.locator("#message").inner_text() == "your unsaved English is back in 3 entries: not saved yet" + TYPED_FOR_OTHER.format("2 were")
        successor = entry(page, "een heel echte *bron van energie*")
        successor.locator(".box").press("Control+Enter")
        page.locator("#message.conflict", has_text="typed for the Dutch before it changed").wait_for()
        assert page.locator("#message").inner_text() == (
            "this English was typed for the Dutch before it changed: read it against the Dutch now, change it, or press Ctrl+Enter again to approve it as it is"
        )
        assert entries(path)[(None, str(seen(site, DRAFT)["source"]))][:2] != (FIXED, False)  # not approved
        successor.locator(".box").press("Control+Enter")  # the second: approved as it is
        page.locator("article.entry.approved", has=page.locator(".dutch .text", has_text="een heel echte")).wait_for()
        assert entries(path)[(None, str(seen(site, DRAFT)["source"]))][:2] == (FIXED, False)
        entry(page, IEDER).locator(".box").press("Control+Enter")  # typed for this Dutch: approved at once
        page.locator("article.entry.approved", has=page.locator(".dutch .text", has_text=IEDER)).wait_for()
        changed = entry(page, "voor elk heel goed team.").locator(".box")
        changed.press("End")
        changed.type(".")  # her change: read, approved at once
        changed.press("Control+Enter")
        page.locator("article.entry.approved", has=page.locator(".dutch .text", has_text="voor elk heel goed team.")).wait_for()
        assert entries(path)[(None, "Frictie is een bron van energie voor elk heel goed team.")][:2] == ("Friction is a source of energy for every good team.", False)
        assert entries(path)[(None, IEDER)][:2] == ("Every team's English.", False)


@browser_test
def test_a_second_tab_of_a_document_leaves_the_first_tabs_unsaved_english_to_it_and_says_where_it_is(browser: object, tmp_path: Path) -> None:
    """The trial: the browser's storage is the tabs', and a second tab of the document showed the first's unsaved
    English as its own (two tabs then saved one text twice, or each overwrote the other's). A tab puts back only what
    no open tab of the document holds: the second says where it is; once the first is closed, a reload brings it."""
    site = workspace_site(tmp_path)
    context = browser.new_context(viewport={"width": 1300, "height": 900})  # type: ignore[attr-defined]
    context.set_default_timeout(60_000)  # a guard against a hang, as ``chromium``'s
    try:
        with running(site) as address, watched(first := context.new_page()):
            first.goto(opened(address))
            entry(first, IEDER).locator(".box").fill("Typed in the first tab.")
            second = context.new_page()
            second.goto(opened(address))
            second.locator("#message", has_text="typed in another tab").wait_for()
            assert second.locator("#message").inner_text() == (
                "1 entry has English typed in another tab of this document, not saved yet: it stays there, not here — save it in "
                "that tab (Ctrl+S), or close that tab and reload this page to have it here"
            )
            assert entry(second, IEDER).locator(".box").input_value() == "" and second.locator("article.entry.unsaved").count() == 0
            assert entry(first, IEDER).locator(".box").input_value() == "Typed in the first tab."
            first.close()
            second.reload()
            second.locator("#message", has_text="your unsaved English is back in 1 entry").wait_for()
            assert entry(second, IEDER).locator(".box").input_value() == "Typed in the first tab."
            third = context.new_page()  # a tab of another document restores its own as before
            third.goto(opened(address).replace(FRICTIE, "topics/vertrouwen"))
            third.wait_for_load_state()
            assert "another tab" not in third.locator("#message").inner_text()
    finally:
        context.close()


@browser_test
def test_two_tabs_of_a_document_each_keep_their_own_unsaved_english_across_reloads(browser: object, tmp_path: Path) -> None:
    """The trial: two tabs of one document shared the browser's keys, so typing in the second overwrote what the first
    kept, and the first, reloaded, got the second's English back (or, told it was in another tab, none). Now each tab
    keeps its own: each reload puts back its own, says where the other's is, and a save in one forgets none of the
    other's; once a tab is closed, the next page of the document takes over what it kept."""
    site = workspace_site(tmp_path)
    context = browser.new_context(viewport={"width": 1300, "height": 900})  # type: ignore[attr-defined]
    context.set_default_timeout(60_000)
    elsewhere = "1 entry has English typed in another tab of this document, not saved yet"
    try:
        with running(site) as address, watched(first := context.new_page()):
            first.goto(opened(address))
            entry(first, IEDER).locator(".box").fill("<script>window.pwned='first'</script> \"First\".")
            second = context.new_page()
            second.goto(opened(address))
            second.locator("#message", has_text=elsewhere).wait_for()
            entry(second, IEDER).locator(".box").fill("Second's English.")
            entry(second, ELK).locator(".box").fill("Second's other English.")
            first.reload()
            first.locator("#message", has_text="your unsaved English is back in 1 entry").wait_for()
            assert entry(first, IEDER).locator(".box").input_value() == "<script>window.pwned='first'</script> \"First\"."
            assert elsewhere.replace("1 entry has", "2 entries have") in first.locator("#message").inner_text()
            assert entry(first, ELK).locator(".box").input_value() == "Friction is a source of energy for every team."  # the file's: the second's stays there
            second.reload()
            second.locator("#message", has_text="your unsaved English is back in 2 entries").wait_for()
            assert entry(second, IEDER).locator(".box").input_value() == "Second's English."
            entry(second, IEDER).locator(".box").press("Control+s")  # saves both of the second's
            second.locator("#message", has_text="saved 2 entries").wait_for()
            assert entries(site.catalog_path(FRICTIE))[(None, IEDER)][0] == "Second's English."
            first.close()  # its English never saved: the next page of the document takes it over
            third = context.new_page()
            third.goto(opened(address))
            third.locator("#message", has_text="your unsaved English is back in 1 entry").wait_for()
            assert entry(third, IEDER).locator(".box").input_value() == "<script>window.pwned='first'</script> \"First\"."
            assert third.locator("#gone").count() == 0 and third.evaluate("() => window.pwned") is None
    finally:
        context.close()


TRUSTED = "Als iemand je vertrouwt, dan voelt hij dat datgene wat hij belangrijk vindt bij jou in {} handen is."


@browser_test
def test_a_used_suggestion_records_the_dutch_its_english_was_made_for_as_the_previous_dutch(browser: object, tmp_path: Path) -> None:
    """The week's trial: "use" on a suggestion kept the entry's ``#|`` at its oldest Dutch, and the word diff then
    compared the Dutch now with Dutch her English was never made for. The save records the Dutch of the suggestion
    (its English was made for it), so the diff shows what differs from that; a suggestion made for this very Dutch
    drops ``#|`` (a draft, no diff). Undo puts the previous Dutch back; msgfmt accepts every version."""
    site = workspace_site(tmp_path)  # topics/vertrouwen: its entry's Dutch changed "goede" → "veilige" (#| goede)
    loyalty = "blog/loyaliteit-is-geen-blinde-trouw"
    source = site.root / f"source_nl/{loyalty}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + TRUSTED.format("zekere") + "\n\n" + TRUSTED.format("veilige") + "\n", encoding="utf-8")
    extract(site)
    po = polib.pofile(str(site.catalog_path(loyalty)), wrapwidth=0)
    for item in po:  # approved elsewhere: the memory offers both
        if item.msgid in (TRUSTED.format("zekere"), TRUSTED.format("veilige")):
            item.msgstr = "When someone trusts you, they feel that what matters to them is in {} hands with you.".format("sure" if "zekere" in item.msgid else "safe")
    po.save(str(site.catalog_path(loyalty)))
    extract(site)
    path = site.catalog_path("topics/vertrouwen")
    now = TRUSTED.format("veilige")
    assert entries(path)[(None, now)][3] == TRUSTED.format("goede")  # outdated: made for the oldest Dutch
    before = path.read_text(encoding="utf-8")
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened_document(address, "topics/vertrouwen", "state=outdated"))
        outdated = entry(page, now)
        assert outdated.locator(".diff del").all_inner_texts() == ["goede"]
        outdated.locator(".box").focus()
        used = outdated.locator(f"button.use[data-source='{TRUSTED.format('zekere')}']")
        used.click()
        page.locator("#message", has_text="saved").wait_for()
        text, fuzzy, note, previous = entries(path)[(None, now)]
        assert (text, fuzzy, previous) == ("When someone trusts you, they feel that what matters to them is in sure hands with you.", True, TRUSTED.format("zekere"))
        assert note == f"tm: translations/en/{loyalty}.po draft:{draft_digest(text)}"  # the memory's draft, hashed: is it hers since?
        msgfmt_check(path)
        shown = entry(page, now)  # the entry as saved, and the page anew: the diff against the Dutch her English was made for
        assert shown.locator(".diff del").all_inner_texts() == ["zekere"] and shown.locator(".diff ins").all_inner_texts() == ["veilige"]
        page.reload()
        assert entry(page, now).locator(".diff del").all_inner_texts() == ["zekere"]
        page.keyboard.press("Control+Alt+z")  # undone: the English and the previous Dutch it had
        page.locator("#message", has_text="undone").wait_for()
        assert path.read_text(encoding="utf-8") == before
        exact = entry(page, now).locator(f"button.use[data-source='{now}']")  # made for this Dutch: no previous Dutch
        exact.click()
        page.locator("#message", has_text="saved").wait_for()
        assert entries(path)[(None, now)][:2] == ("When someone trusts you, they feel that what matters to them is in safe hands with you.", True)
        assert entries(path)[(None, now)][3] is None and "#| msgid" not in path.read_text(encoding="utf-8").split(f'msgid "{now}"')[0].rsplit("\n\n", 1)[-1]
        msgfmt_check(path)
        assert entry(page, now).get_attribute("data-state") == "draft" and entry(page, now).locator(".diff").count() == 0
