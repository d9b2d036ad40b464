"""Finding her way in the workspace: a search across every document, the next document that needs her, and the
documents list led by what needs her (``workspace.search``, ``workspace.listing.next_document``)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polib

from conftest import browser_test
from test_workspace import FRICTIE, TestClient, ORIGIN, PORT, TOKEN, chromium, client, follow, running, seen, watched, workspace_site
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.site import Site
from publish_pipeline.workspace.app import cookie_name, create_app
from publish_pipeline.workspace.entries import entry_id
from publish_pipeline.workspace.search import Piece, snippet, terms

IDEAS_NL = "Ideeën over café & cultuur: <script>window.pwned='dutch'</script> blijft tekst."
IDEAS_EN = "Ideas about café & culture: <script>window.pwned='english'</script> stays text."
SAMENWERKEN, WEERSTAND, VERTROUWEN, LOYALITEIT = "blog/samenwerken-aan-complexe-opgaven", "blog/weerstand-bestaat-niet", "topics/vertrouwen", "blog/loyaliteit-is-geen-blinde-trouw"


def searched_site(tmp_path: Path) -> Site:
    """The workspace's site with a Dutch paragraph and its English draft that each carry an accent, a ``&`` and a
    ``<script>`` element: untrusted text a search finds and must show as text."""
    site = workspace_site(tmp_path)
    frictie = site.root / "source_nl" / f"{FRICTIE}.md"
    frictie.write_text(frictie.read_text(encoding="utf-8") + "\n" + IDEAS_NL + "\n", encoding="utf-8")
    extract(site)
    po = polib.pofile(str(site.catalog_path(FRICTIE)), wrapwidth=0)
    entry = next(entry for entry in po if entry.msgid == IDEAS_NL)
    entry.msgstr, entry.flags, entry.tcomment = IDEAS_EN, ["fuzzy"], "mt: deepl 2026-12-01"
    po.save(str(site.catalog_path(FRICTIE)))
    return site


def hits(page: str) -> list[str]:
    return re.findall(r'<li class="hit .*?</li>', page, re.S)


def test_a_search_finds_dutch_and_english_case_and_accents_aside_and_shows_untrusted_text_as_text(tmp_path: Path) -> None:
    site = searched_site(tmp_path)
    workspace = client(site)
    for query in ("IDEEEN", "ideeën", "Ideeen cultuur", '"over cafe"'):  # a word, its accent typed, two words anywhere, a phrase
        page = workspace.get("/search", params={"q": query}).text
        found = hits(page)
        assert len(found) == 1, (query, found)
        assert 'id="found">1 entry found in 1 document<' in page
        assert "<script>window.pwned" not in page and "&lt;script&gt;window.pwned=&#39;dutch&#39;&lt;/script&gt;" in found[0]
        unmarked = re.sub("</?mark>", "", found[0])
        assert "Ideeën over café &amp; cultuur: &lt;script&gt;" in unmarked and "Ideas about café &amp; culture: &lt;script&gt;" in unmarked
    page = workspace.get("/search", params={"q": "IDEEEN"}).text
    assert "<mark>Ideeën</mark> over café" in page  # the Dutch marked where it was found, as written
    assert '<h2 class="found-in"><a href="/document/blog/frictie-als-brandstof/" lang="nl">Frictie als brandstof</a>' in page
    english = workspace.get("/search", params={"q": "culture ideas"}).text  # the English found too, each word marked
    assert "<mark>Ideas</mark> about café &amp; <mark>culture</mark>: &lt;script&gt;" in english
    link = re.search(r'<a class="to-entry" href="([^"]+)">needs review</a>', english)
    assert link is not None
    key = (None, IDEAS_NL)
    assert link.group(1) == f"/document/{FRICTIE}/#{entry_id(key)}"
    assert f'id="{entry_id(key)}"' in workspace.get(link.group(1).split("#")[0]).text  # the link leads to the entry on its page
    nothing = workspace.get("/search", params={"q": "<b>zzqx</b>"}).text
    assert hits(nothing) == [] and "No entry of any document holds “&lt;b&gt;zzqx&lt;/b&gt;”" in nothing


def test_a_search_finds_contexts_and_notes_and_a_file_changed_on_disk_at_once(tmp_path: Path) -> None:
    site = searched_site(tmp_path)
    workspace = client(site)
    workspace.get("/")  # the documents list made: each document's page says the next
    note = workspace.get("/search", params={"q": "deepl"}).text
    assert len(hits(note)) == 1 and "note: mt: <mark>deepl</mark> 2026-12-01" in note
    titles = hits(workspace.get("/search", params={"q": "title"}).text)
    assert sum("· title</a>" in hit for hit in titles) == len(site.source_paths())  # each document's title, by its context
    path = site.catalog_path(VERTROUWEN)  # Poedit saves the file while the workspace is open
    po = polib.pofile(str(path), wrapwidth=0)
    po[3].msgstr = "Vertrouwen with a fresh word: kwispeldoorn."
    po.save(str(path))
    assert len(hits(workspace.get("/search", params={"q": "kwispeldoorn"}).text)) == 1
    path.write_text(path.read_text(encoding="utf-8") + "\n<<<<<<< HEAD\n", encoding="utf-8")  # a conflict left in it
    page = workspace.get("/search", params={"q": "kwispeldoorn"}).text
    assert hits(page) == [] and f'id="unread">Not searched, its PO file cannot be read (the documents list says why): {VERTROUWEN}<' in page
    broken = workspace.get(f"/document/{VERTROUWEN}/").text  # its page says what is wrong, and where she goes on
    assert 'id="unreadable"' in broken and next_line(broken, "next-end") == "next (from the top of the list): Frictie als brandstof (45 to review, 6 check errors)"


def test_the_snippet_is_cut_around_the_first_place_found_and_marks_each() -> None:
    text = "Een lange zin " * 20 + "met het woord Ideeën erin, " + "en nog veel meer tekst " * 20
    pieces = snippet(text, terms("ideeen"))
    assert pieces[0] == Piece("…") and pieces[-1] == Piece("…") and Piece("Ideeën", marked=True) in pieces
    assert len("".join(piece.text for piece in pieces)) < 200
    assert snippet("e\u0301e\u0301n keer", terms("een")) == (Piece("e\u0301e\u0301n", marked=True), Piece(" keer"))  # an accent written as its own mark
    assert snippet("Straße & ß", terms("strasse")) == (Piece("Straße", marked=True), Piece(" & ß"))


def test_search_and_every_page_refuse_a_request_without_the_token_or_from_another_site(tmp_path: Path) -> None:
    site = searched_site(tmp_path)
    bare = TestClient(create_app(site, TOKEN, PORT), base_url=ORIGIN)
    assert bare.get("/search", params={"q": "ideeen"}).status_code == 403
    foreign = client(site, origin="http://attacker.example").get("/search", params={"q": "ideeen"})
    assert foreign.status_code == 403 and "another site" in foreign.text
    rebound = TestClient(create_app(site, TOKEN, PORT), base_url="http://attacker.example:8765", cookies={cookie_name(PORT): TOKEN})
    assert rebound.get("/search", params={"q": "ideeen"}).status_code == 403  # DNS rebinding
    assert "<mark>" in client(site, origin=ORIGIN).get("/search", params={"q": "ideeen"}).text


def next_line(page: str, where: str) -> str:
    found = re.search(rf'<p class="next-document" id="{where}">(.*?)</p>', page, re.S)
    assert found is not None, page
    return re.sub(r"<[^>]+>", "", html.unescape(found.group(1)))


def test_each_document_links_the_next_that_needs_her_in_the_lists_order_going_round_at_the_end(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    workspace = client(site)
    workspace.get("/")  # the documents list, made: frictie, loyaliteit (approved), samenwerken, weerstand, vertrouwen
    frictie = workspace.get(f"/document/{FRICTIE}/").text
    assert next_line(frictie, "next-top") == next_line(frictie, "next-end") == "next: Samenwerken aan complexe opgaven (37 to review)"
    assert f'<a class="next" href="/document/{SAMENWERKEN}/"' in frictie
    assert next_line(workspace.get(f"/document/{WEERSTAND}/").text, "next-end") == "next: Vertrouwen (1 to review)"
    last = workspace.get(f"/document/{VERTROUWEN}/").text
    assert next_line(last, "next-end") == "next (from the top of the list): Frictie als brandstof (44 to review, 6 check errors)"
    assert next_line(workspace.get(f"/document/{LOYALITEIT}/").text, "next-end").startswith("next: Samenwerken aan complexe opgaven")


def outdated(site: Site, document: str) -> str:
    return next(entry.msgid for entry in polib.pofile(str(site.catalog_path(document)), wrapwidth=0) if entry.previous_msgid)


def test_a_document_she_finished_since_the_list_was_made_is_next_no_more_and_none_left_is_said(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    for document in (SAMENWERKEN, WEERSTAND):  # a site where two documents need her: frictie and vertrouwen (one outdated entry)
        (site.root / "source_nl" / f"{document}.md").unlink()
        site.catalog_path(document).unlink()
    site = Site.open(site.root)
    workspace = client(site)
    workspace.get("/")
    assert next_line(workspace.get(f"/document/{FRICTIE}/").text, "next-top") == "next: Vertrouwen (1 to review)"
    workspace.get(f"/document/{VERTROUWEN}/")
    body = {**seen(site, outdated(site, VERTROUWEN), VERTROUWEN), "fuzzy": False}
    answer = workspace.post("/api/save", json=body).json()
    if "confirm" in answer:
        answer = workspace.post("/api/save", json={**body, "anyway": True}).json()
    assert "html" in answer, answer
    assert next_line(workspace.get(f"/document/{FRICTIE}/").text, "next-end") == "next: none — every other document is approved and without a check error"


def test_the_documents_list_says_first_what_needs_her_and_orders_by_what_is_left(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    workspace = client(site)

    def order(query: str) -> list[str]:
        return re.findall(r'<tr data-document="([^"]+)">', workspace.get(f"/{query}").text)

    page = workspace.get("/").text
    first = re.search(r'<p id="first-up">(.*?)</p>', page, re.S)
    assert first is not None
    assert re.sub(r"<[^>]+>", "", first.group(1)) == "4 documents need you (115 entries to review): start with Frictie als brandstof (44 to review, 6 check errors)"
    assert '<form id="search" method="get" action="/search"' in page
    assert order("") == [FRICTIE, LOYALITEIT, SAMENWERKEN, WEERSTAND, VERTROUWEN]
    assert order("?order=fewest") == [VERTROUWEN, WEERSTAND, SAMENWERKEN, FRICTIE, LOYALITEIT]  # nearest to live first
    assert order("?order=most") == [FRICTIE, SAMENWERKEN, WEERSTAND, VERTROUWEN, LOYALITEIT]
    assert order("?show=attention&order=fewest") == [VERTROUWEN, WEERSTAND, SAMENWERKEN, FRICTIE]
    assert re.findall(r'<tr data-document="([^"]+)">\s*<td class="done">', page) == [LOYALITEIT]  # shown as needing nothing


@browser_test
def test_in_the_documents_list_the_rows_that_need_nothing_stand_back(browser: object, tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        opacity = {document: page.locator(f'tr[data-document="{document}"]').evaluate("row => getComputedStyle(row).opacity") for document in (FRICTIE, LOYALITEIT)}
        assert float(opacity[LOYALITEIT]) < 1 and float(opacity[FRICTIE]) == 1


@browser_test
def test_a_translator_searches_every_document_opens_the_entry_found_and_goes_on_to_the_next_document(browser: object, tmp_path: Path) -> None:
    site = searched_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        assert page.locator("#first-up a.next").inner_text() == "Frictie als brandstof"
        page.fill("#search input[name=q]", "cafe cultuur")
        with page.expect_navigation():
            page.press("#search input[name=q]", "Enter")
        assert page.locator("li.hit").count() == 1
        assert page.locator("li.hit .dutch mark").all_inner_texts() == ["café", "cultuur"]
        assert "<script>window.pwned='dutch'</script>" in page.locator("li.hit .dutch").inner_text()  # shown as text, run nowhere
        assert page.evaluate("window.pwned") is None
        follow(page, "li.hit a.to-entry")
        target = page.locator(f"#{entry_id((None, IDEAS_NL))}")
        assert page.url.endswith(f"#{entry_id((None, IDEAS_NL))}") and target.evaluate("element => element.matches(':target')")
        box, view = target.bounding_box(), page.viewport_size
        assert box is not None and 0 <= box["y"] < view["height"]  # in sight, not at the page's top
        assert page.locator("#next-end").inner_text() == "next: Samenwerken aan complexe opgaven (37 to review)"
        follow(page, "#next-end a.next")
        assert page.url.endswith(f"/document/{SAMENWERKEN}/")
        page.fill("header input[name=q]", "samenwerken")  # the header's box, on every page
        with page.expect_navigation():
            page.press("header input[name=q]", "Enter")
        assert page.locator("li.hit").count() > 0 and " found in " in page.locator("#found").inner_text()
        assert page.evaluate("window.pwned") is None
