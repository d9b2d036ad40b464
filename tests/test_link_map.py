"""The link map of an export: the URL rewriting alone, and real Hugo building what export wrote.

Hugo test: every internal link of every English page Hugo builds must lead to a page of ``public/`` in
English, or to the Dutch page where that page has no English (``.ci/run`` installs Debian's ``hugo``).
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path

import polib
import pytest
from hypothesis import example, given, settings, strategies as st
from markdown_it.common.utils import unescapeAll

from publish_pipeline.output import link_map
from publish_pipeline.output.export import export
from publish_pipeline.output.link_map import LinkMap
from publish_pipeline.text.links import rewrite_urls, url_spans
from publish_pipeline.quality.status import DocumentStatus, assess_site
from publish_pipeline.site import Site
from publish_pipeline.text import links as text_links, markdown
from publish_pipeline.text.parses import Parses
from test_hugo import build, hugo_config
from test_layouts import approve, english, make_site

LINKS = {
    "blog/vertrouwen-in-teams.md": (
        "---\ntitle: Vertrouwen in teams\ndate: 2020-01-01\n---\n"
        "Lees ook mijn stuk over [weerstand](/blog/weerstand-bestaat-niet/).\n\n"
        "![Een schets](../../images/schets.png)\n\n> Zie [de kop](/blog/alleen-nederlands/#kop) en [het stuk][w].\n\n"
        "[w]: ../weerstand-bestaat-niet/ \"Weerstand\"\n\n"
        "Zoals in de editor: [het bestand](weerstand-bestaat-niet.md#kop) en [alleen](../blog/alleen-nederlands.md).\n"
    ),
    "blog/weerstand-bestaat-niet.md": (
        "---\ntitle: Weerstand bestaat niet\ndate: 2020-01-02\n---\n"
        "Zie ook [vertrouwen in teams](../vertrouwen-in-teams/) voor de andere kant.\n\n"
        "| stuk | waar |\n|---|---|\n| [alleen](../alleen-nederlands/) | [buiten](https://example.org/blog/x/) |\n"
    ),
    "blog/alleen-nederlands.md": "---\ntitle: Alleen Nederlands\ndate: 2020-01-03\n---\n## Kop\n\nTerug naar [vertrouwen](/blog/vertrouwen-in-teams/).\n",
}
SLUGS = {"blog/vertrouwen-in-teams": "trust-in-teams", "blog/weerstand-bestaat-niet": "resistance-does-not-exist"}


def translated(entry: polib.POEntry) -> str:
    return entry.msgid


def approve_but_one(site) -> None:  # type: ignore[no-untyped-def]
    """Every entry approved with the Dutch as its English, the slugs English; blog/alleen-nederlands stays Dutch."""
    approve(site, translated)
    for path in site.catalog_paths():
        document_id = site.catalog_document_id(path)
        catalog = polib.pofile(str(path), wrapwidth=0)
        for entry in catalog:
            if entry.msgctxt == "slug":
                entry.msgstr = SLUGS.get(document_id, entry.msgstr)
                if document_id not in SLUGS:
                    entry.flags.append("fuzzy")
        catalog.save(str(path))


def site_links(page: Path) -> list[str]:
    return [href for href in re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")) if not href.startswith(("http", "mailto"))]


def target(public: Path, page: Path, href: str) -> Path:
    """The file of ``public`` a link of ``page`` (a page's ``index.html``) leads to."""
    path = href.split("#")[0].split("?")[0]
    if path.startswith("/"):
        found = public / path.lstrip("/")
    else:
        found = (page.parent / path).resolve()
    return found / "index.html" if path.endswith("/") or found.is_dir() else found


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder", "default"])
def test_every_internal_link_of_an_english_page_hugo_builds_leads_to_a_page_in_the_right_language(tmp_path: Path, layout: str) -> None:
    folder = {"hugo-by-filename": "content", "hugo-by-folder": "content/nl", "default": "source_nl"}[layout]
    site = make_site(tmp_path / "site", layout, LINKS, folder=folder)
    approve_but_one(site)
    hugo = tmp_path / "hugo" if layout == "default" else site.root
    report = export(site, hugo / "content" if layout == "default" else None)
    assert not report.errors and sorted(report.translated) == sorted(SLUGS)
    (hugo / "static/images").mkdir(parents=True)
    (hugo / "static/images/schets.png").write_bytes(b"PNG")
    (hugo / "layouts/_default").mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (hugo / "layouts/_default" / name).write_text('<html lang="{{ .Language.Lang }}"><body>{{ .Content }}</body></html>\n', encoding="utf-8")
    (hugo / "config.toml").write_text(hugo_config("hugo-by-filename" if layout == "hugo-by-filename" else "hugo-by-folder"), encoding="utf-8")
    public = build(hugo)

    pages = {"en/blog/trust-in-teams/index.html", "en/blog/resistance-does-not-exist/index.html"}
    assert pages <= {page.relative_to(public).as_posix() for page in public.rglob("index.html")}
    seen = set()
    for name in pages:
        page = public / name
        for href in site_links(page):
            file = target(public, page, href)
            assert file.is_file(), f"{name}: {href} leads nowhere"
            if file.name == "index.html":
                language = re.search(r'<html lang="(\w+)"', file.read_text(encoding="utf-8"))
                dutch_only = "alleen-nederlands" in href
                assert language and language.group(1) == ("nl" if dutch_only else "en"), f"{name}: {href}"
            seen.add(href)
    assert seen == {
        "/en/blog/resistance-does-not-exist/", "/en/blog/trust-in-teams/", "/images/schets.png",
        "/blog/alleen-nederlands/#kop", "/blog/alleen-nederlands/", "/en/blog/resistance-does-not-exist/#kop",
    }


def test_an_authors_permalinks_leave_the_links_as_written_and_say_so_once(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "hugo-by-filename", LINKS, folder="content")
    (site.root / "hugo.toml").write_text(hugo_config("hugo-by-filename") + '[permalinks]\nblog = "/:year/:slug/"\n', encoding="utf-8")
    approve_but_one(site)
    report = export(site)
    assert report.links == "hugo.toml sets permalinks"
    english = (site.root / "content/blog/weerstand-bestaat-niet.en.md").read_text(encoding="utf-8")
    assert "[vertrouwen in teams](../vertrouwen-in-teams/)" in english


def test_a_linked_pages_new_slug_makes_the_linking_english_again_as_a_cold_export_would(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "hugo-by-filename", LINKS, folder="content")
    approve_but_one(site)
    export(site)
    po = site.catalog_path("blog/weerstand-bestaat-niet")
    catalog = polib.pofile(str(po), wrapwidth=0)
    next(entry for entry in catalog if entry.msgctxt == "slug").msgstr = "no-resistance"
    catalog.save(str(po))
    export(site)
    warm = (site.root / "content/blog/vertrouwen-in-teams.en.md").read_bytes()
    assert b"(/en/blog/no-resistance/)" in warm
    (site.root / ".publish-pipeline-export").unlink()
    for written in (site.root / "content/blog").glob("*.en.md"):
        written.unlink()
    export(site)
    assert (site.root / "content/blog/vertrouwen-in-teams.en.md").read_bytes() == warm


def table(root: Path) -> LinkMap:
    """Two pages; ``blog/b`` is a page bundle with ``foto.png``."""
    site = make_site(root, "default", {})
    return LinkMap({"/blog/a/": "/en/blog/a-en/"}, {"blog/a": "/blog/a/", "blog/b": "/blog/b/"}, "", None, site, {"/blog/b/": frozenset({"/blog/b/foto.png"})})


@pytest.mark.parametrize(("url", "expected"), [
    ("/blog/a/", "/en/blog/a-en/"),
    ("/blog/a", "/en/blog/a-en/"),
    ("/blog/a/#deel", "/en/blog/a-en/#deel"),
    ("../a/?x=1", "/en/blog/a-en/?x=1"),
    ("../b/", "/blog/b/"),
    ("/blog/b/", "/blog/b/"),
    ("foto.png", "foto.png"),  # the bundle's own file: copied beside the English page too
    ("plaatje.png", "/blog/b/plaatje.png"),  # not the bundle's: a file of static/, where the Dutch page finds it
    ("../files/x.pdf", "/blog/files/x.pdf"),
    ("../../images/x.png", "/images/x.png"),
    ("https://example.org/blog/a/", "https://example.org/blog/a/"),
    ("#kop", "#kop"),
    ("mailto:an@example.org", "mailto:an@example.org"),
])
def test_an_english_link_goes_where_publish_sends_it(tmp_path: Path, url: str, expected: str) -> None:
    assert table(tmp_path).english_link(url, "/blog/b/") == expected


def english_of_a(root: Path, content: dict[str, str], files: dict[str, str] | None = None) -> str:
    """The exported English of ``blog/a`` (``content/blog/a.en.md``) of a Hugo site (by file name) of ``content`` and
    ``files`` (their text, by their path in the site) whose base_url has a path (``/sub``), every entry approved."""
    site = make_site(root, "hugo-by-filename", content, folder="content")
    (root / "pipeline.yaml").write_text("layout: hugo-by-filename\nbase_url: https://x.org/sub/\n", encoding="utf-8")
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    site = Site.open(root)
    approve(site, english)
    assert not export(site).errors
    return (root / "content/blog/a.en.md").read_text(encoding="utf-8")


def test_a_link_to_a_markdown_file_that_is_no_dutch_document_is_made_absolute_as_any_files(tmp_path: Path) -> None:
    """``static/docs/notes.md`` is a file of the site like ``static/images/x.png``: as written, the link leads
    elsewhere from the English page's place; made absolute (behind base_url's path), it leads to the file from both
    pages, as on publish's English page. A link to a Dutch document's file still leads to its page."""
    content = {"blog/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nZie [de notities](../../docs/notes.md#kop) en [b](b.md).\n",
               "blog/b.md": "---\ntitle: B\ndate: 2020-01-02\n---\nTekst.\n"}
    text = english_of_a(tmp_path / "site", content, {"static/docs/notes.md": "# Notities\n"})
    assert "[de notities](/sub/docs/notes.md#kop) en [b](/sub/en/blog/b-en/)" in text


def test_an_escaped_link_to_a_markdown_file_and_one_to_a_bundle_or_section_lead_to_its_page(tmp_path: Path) -> None:
    """As publish leads them: ``b%2Dx.md`` is ``b-x.md`` (read decoded, as a browser reads it: it was made absolute as a
    link to a file); ``d.md`` is the page bundle ``d/index.md``, ``s.md`` the section ``s/_index.md`` (Hugo gives each one
    path: the section's was made absolute as a link to a file)."""
    content = {"blog/a.md": "---\ntitle: A\n---\nZie [b](b%2Dx.md), [d](d.md#kop) en [s](s.md).\n",
               "blog/b-x.md": "---\ntitle: B\n---\nTekst.\n", "blog/d/index.md": "---\ntitle: D\n---\nTekst.\n",
               "blog/s/_index.md": "---\ntitle: S\n---\nTekst.\n"}
    text = english_of_a(tmp_path / "site", content)
    assert "[b](/sub/en/blog/b-x-en/), [d](/sub/en/blog/d-en/#kop) en [s](/sub/en/blog/s/)" in text


def test_a_link_to_a_drafts_markdown_file_is_left_as_publish_leaves_it(tmp_path: Path) -> None:
    """Review 2, item 4: a draft has no page (Hugo builds none), so the link to its file was mapped to a 404
    (``/sub/blog/c/``); it stays as written, as on publish's pages (publish and check say that it leads to no page)."""
    content = {"blog/a.md": "---\ntitle: A\n---\nZie [c](c.md) en [b](b.md).\n",
               "blog/b.md": "---\ntitle: B\n---\nTekst.\n", "blog/c.md": "---\ntitle: C\ndraft: true\n---\nConcept.\n"}
    text = english_of_a(tmp_path / "site", content)
    assert "[c](c.md) en [b](/sub/en/blog/b-en/)" in text


def test_the_dutch_copys_links_to_markdown_files_lead_to_their_pages_hugo_builds(tmp_path: Path) -> None:
    """Session 29's trial: in the nl/ + en/ tree, a Dutch page's ``[over mij](over-mij.md)`` and raw
    ``<a href="over-mij.md">`` were copied as written, which Hugo does not resolve (a 404). They lead to the page, as on
    publish's Dutch page; one to a draft, or to a file there is none of yet, stays as written until it has a page."""
    content = {
        "blog/a.md": '---\ntitle: A\n---\nZie [over mij](over-mij.md#kop), <a href="over-mij.md">mij</a>, [c](c.md) en [later](later.md).\n',
        "blog/over-mij.md": "---\ntitle: Over mij\n---\n## Kop\n\nTekst.\n", "blog/c.md": "---\ntitle: C\ndraft: true\n---\nConcept.\n",
    }
    site = make_site(tmp_path / "site", "default", content, folder="source_nl")
    hugo = tmp_path / "hugo"
    assert not export(site, hugo / "content").errors
    copy = hugo / "content/nl/blog/a.md"
    assert 'Zie [over mij](/blog/over-mij/#kop), <a href="/blog/over-mij/">mij</a>, [c](c.md) en [later](later.md).' in copy.read_text(encoding="utf-8")
    (hugo / "layouts/_default").mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (hugo / "layouts/_default" / name).write_text('<html lang="{{ .Language.Lang }}"><body>{{ .Content }}</body></html>\n', encoding="utf-8")
    (hugo / "config.toml").write_text(hugo_config("hugo-by-folder"), encoding="utf-8")
    public = build(hugo)
    page = public / "blog/a/index.html"
    assert [href for href in site_links(page) if "over-mij" in href] == ["/blog/over-mij/#kop"]  # (raw HTML: Hugo's unsafe: true)
    assert target(public, page, "/blog/over-mij/#kop").is_file()
    (site.root / "source_nl/blog/later.md").write_text("---\ntitle: Later\n---\nTekst.\n", encoding="utf-8")
    assert not export(Site.open(site.root), hugo / "content").errors  # a.md unchanged: its copy made again all the same
    assert "[later](/blog/later/)" in copy.read_text(encoding="utf-8")


def test_base_urls_path_without_its_slash_is_the_sites_root_as_with_it(tmp_path: Path) -> None:
    """``/sub`` (base_url ``https://x.org/sub/``) leads to the English home where ``/sub/`` does (it stayed as written)."""
    links = LinkMap({"/": "/en/"}, {"_index": "/", "blog/a": "/blog/a/"}, "/sub", None, make_site(tmp_path, "default", {}))
    assert [links.english_link(url, "/blog/a/") for url in ("/sub", "/sub#kop", "/sub/", "/subway/")] == ["/sub/en/", "/sub/en/#kop", "/sub/en/", "/subway/"]


def test_only_the_url_characters_change(tmp_path: Path) -> None:
    text = (
        "---\r\ntitle: T\r\n---\r\n# Kop [a](/blog/a/) #\r\n\r\n> [b](<../a/> \"titel\") en `[c](/blog/a/)`\r\n\r\n"
        "    [d](/blog/a/)\r\n\r\n| [e](/blog/a/) | ![f](../../images/x.png) |\r\n|---|---|\r\n\r\n[g]: /blog/a/\r\n"
    )
    body = text.replace("\r\n", "\n").split("---\n", 2)[2]
    links = table(tmp_path)
    rewritten = rewrite_urls(text, body, lambda url: links.english_link(url, "/blog/b/"))
    assert rewritten == text.replace("(/blog/a/)", "(/en/blog/a-en/)", 1).replace("<../a/>", "</en/blog/a-en/>").replace(
        "| [e](/blog/a/)", "| [e](/en/blog/a-en/)").replace("../../images", "/images").replace("[g]: /blog/a/", "[g]: /en/blog/a-en/")


MARKDOWN = st.lists(st.sampled_from([
    "[a](/x/)", "![b](y.png \"t\")", "[c][r]", "\n[r]: /z/\n", "<https://e.org>", "`[d](/c/)`", "\n> ", "\n- ", "\n    ",
    "\n# ", " | ", "\n|---|\n", "\r\n", "\n\n", "text", "[", "]", "(", ")", "<", ">", "\\", "*", "\t", "é",
]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
@example("[c][r](\\[a](/x/))")  # a destination with a backslash escape
def test_rewriting_nothing_changes_no_byte_and_every_span_is_a_url(text: str) -> None:
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    assert rewrite_urls(text, body, lambda url: url) == text
    env: dict = {}
    tokens = markdown.parse(body, env)
    urls = {child.attrs.get("href") or child.attrs.get("src") for token in tokens for child in token.children or []
            if child.type in ("link_open", "image")} | {reference["href"] for reference in env.get("references", {}).values()}
    for start, end in url_spans(body):  # a span is the URL as written: its backslash escapes are read as markdown-it reads them
        assert markdown.parser().normalizeLink(unescapeAll(body[start:end])) in urls, (body, body[start:end])


def test_the_authors_hugo_config_changing_makes_the_english_again_as_a_cold_export_would(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "hugo-by-filename", LINKS, folder="content")
    approve_but_one(site)
    export(site)
    english = site.root / "content/blog/weerstand-bestaat-niet.en.md"
    mapped = english.read_bytes()
    assert b"(/en/blog/trust-in-teams/)" in mapped
    (site.root / "hugo.toml").write_text("uglyURLs = true\n" + hugo_config("hugo-by-filename"), encoding="utf-8")
    assert export(site).links == "hugo.toml sets uglyURLs"
    assert b"(../vertrouwen-in-teams/)" in english.read_bytes()
    (site.root / "hugo.toml").write_text('title = "Mijn site"\n' + hugo_config("hugo-by-filename"), encoding="utf-8")
    assert export(site).links is None
    assert english.read_bytes() == mapped


def test_a_jekyll_pages_permalink_is_its_address(tmp_path: Path) -> None:
    posts = {
        "_posts/2020-01-01-vertrouwen.md": (
            "---\ntitle: Vertrouwen\npermalink: /blog/vertrouwen/\n---\nZie [weerstand](/blog/weerstand/) en [oud](/2019/01/01/oud.html).\n\n"
            "Als bestand: [weerstand](2020-01-02-weerstand.md#kop) en [oud](2019-01-01-oud.md).\n"
        ),
        "_posts/2020-01-02-weerstand.md": "---\ntitle: Weerstand\npermalink: /blog/weerstand/\n---\nZie [vertrouwen](../vertrouwen/).\n",
        "_posts/2019-01-01-oud.md": "---\ntitle: Oud\ndate: 2019-01-01 10:00:00 +0100\n---\nZonder permalink.\n",
    }
    site = make_site(tmp_path / "site", "jekyll", posts)
    approve(site, english)
    report = export(site)
    assert report.links is None
    # the one link that depends on the unknown address is named, at the post whose address it is, with what to do
    assert report.file_links == (
        "_posts/2019-01-01-oud.md: its address is not known (its date has a time zone, which Jekyll "
        "moves into the zone of the machine that builds), so the link 2019-01-01-oud.md to it on _posts/2020-01-01-vertrouwen.md:7 "
        "is left as written in the English — drop the time zone from its date (or set timezone: in _config.yml), or give it a permalink: of its own",
    )
    assert not report.errors and not report.held_back, report
    text = (site.root / "en/_posts/2020-01-01-vertrouwen.md").read_text(encoding="utf-8")
    assert "permalink: /en/blog/vertrouwen-en/" in text
    assert "[weerstand](/en/blog/weerstand-en/)" in text and "[oud](/2019/01/01/oud.html)" in text
    # a link to a post's file leads to its page, as jekyll-relative-links makes it; one whose address is not known
    # stays as written for jekyll-relative-links to find (made absolute, /blog/vertrouwen/2019-01-01-oud.md, it found nothing)
    assert "[weerstand](/en/blog/weerstand-en/#kop) en [oud](2019-01-01-oud.md)" in text
    assert "[vertrouwen](/en/blog/vertrouwen-en/)" in (site.root / "en/_posts/2020-01-02-weerstand.md").read_text(encoding="utf-8")


# The URLs found by the assessment's parse ---------------------------------------------------------------------------


def exported(site_root: Path, out: Path) -> dict[str, bytes]:
    export(Site.open(site_root), out)
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*.md"))}


@pytest.mark.parametrize("before", ["nothing", "status"])
def test_export_rewrites_the_urls_where_the_assessments_parse_found_them_and_parses_no_english_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str,
) -> None:
    """Cold, the assessment's parse of each English notes where its URLs are; after ``status``, the places kept with
    its English come with the reused verdict: either way export writes what parsing each English again finds, and
    parses none (a CRLF line end inside a translation included)."""
    site = make_site(tmp_path / "site", "default", LINKS, folder="source_nl")
    approve_but_one(site)
    po = site.catalog_path("blog/vertrouwen-in-teams")
    catalog = polib.pofile(str(po), wrapwidth=0)
    entry = next(entry for entry in catalog if entry.msgid.startswith("Lees ook"))
    entry.msgstr, entry.tcomment = "Read\r\nalso [resistance](/blog/weerstand-bestaat-niet/).", "ignore: markup, sentences, dutch"
    catalog.save(str(po))
    shutil.copytree(site.root, tmp_path / "parsing")
    with monkeypatch.context() as parsing:  # what export writes when it finds the URLs by parsing each English again
        parsing.setattr(LinkMap, "rewrite", lambda self, text, document_id, body=None, urls=None: real_rewrite(self, text, document_id, body))
        expected = exported(tmp_path / "parsing", tmp_path / "parsing-out")
    assert b"Read\r\nalso [resistance](/en/blog/resistance-does-not-exist/)." in expected["en/blog/vertrouwen-in-teams.md"]
    if before == "status":
        assess_site(site, reuse=True, detail=False)
        Parses._open.clear()  # as in the next command
        monkeypatch.setattr(markdown, "parse_keeping_every_link", refuse)  # the verdicts and their English are reused whole
    monkeypatch.setattr(text_links, "url_spans", refuse)
    assert exported(site.root, tmp_path / "out") == expected


real_rewrite = LinkMap.rewrite


def refuse(*args: object, **options: object) -> None:
    raise AssertionError("an English body parsed again")


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
def test_the_urls_a_parse_notes_are_those_of_the_text_as_written(text: str) -> None:
    """Found in the text as markdown-it normalizes it (its line ends ``\\n``), they are the same found in either."""
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    found: list[markdown.UrlSpan] = []
    markdown.parse_keeping_every_link(text, urls=found)
    assert tuple(found) == url_spans(body)
    assert all(text.replace("\r\n", "\n").replace("\r", "\n")[start:end] for start, end in found)


def test_a_url_is_where_the_links_own_rule_found_it_and_text_after_a_reference_link_is_no_url() -> None:
    """A link's URL is the destination its rule parsed (an image in a link's text keeps its own); ``[a](b c)`` is the
    reference link ``[a]`` and the text "(b c)", so "b" is no URL and stays as written."""
    body = '[a](b c) en [![i](/p.png)](/q/) [![j](/r.png)][a] ![k](<s t.png> "u")\n\n[a]: /x/\n'
    assert [body[start:end] for start, end in url_spans(body)] == ["/p.png", "/q/", "/r.png", "s t.png", "/x/"]


def test_a_parse_in_another_thread_leaves_the_urls_a_parse_notes_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    """One parser serves every thread (the workspace parses in worker threads): a parse of a reference definition in
    one thread, while a link's rule runs in another (held here between its destination and its title), emptied the
    destinations that rule had parsed, so that its URL went unnoted."""
    from publish_pipeline.text import url_spans as spans

    inside, done = threading.Event(), threading.Event()
    title = spans.Destinations.parseLinkTitle

    def held(*arguments: object) -> object:
        if threading.current_thread().name == "held":
            inside.set()
            assert done.wait(10)
        return title(*arguments)

    monkeypatch.setattr(spans.Destinations, "parseLinkTitle", staticmethod(held))
    body = 'Zie [a](/x/ "t").\n'
    found: list[markdown.UrlSpan] = []
    parse = threading.Thread(target=markdown.parse_keeping_every_link, args=(body,), kwargs={"urls": found}, name="held")
    parse.start()
    assert inside.wait(10)
    other: list[markdown.UrlSpan] = []
    markdown.parse_keeping_every_link('[w]: /y/ "t"\n\nZie [w].\n', urls=other)
    done.set()
    parse.join()
    assert [body[start:end] for start, end in found] == ["/x/"] and len(other) == 1


@pytest.mark.parametrize("task", ["status", "check"])
def test_status_and_check_read_each_documents_front_matter_once_for_its_english_url_and_the_page_its_links_are_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, task: str,
) -> None:
    """Session 32's closing note: status read each Hugo/Jekyll document's front matter twice where links are judged,
    once for its English URL (``served_at``) and once for its Dutch page (``dutch_pages``): 2,000 reads at 1,000 posts."""
    from collections import Counter

    from publish_pipeline import tasks
    from test_layouts import hugo_site
    from test_workflow import run_task

    site = hugo_site(tmp_path / "site", "hugo-by-filename")
    approve(site, english)
    reads: Counter[str] = Counter()
    read = link_map.addressing_front_matter

    def counted(site: Site, verdict: DocumentStatus) -> object:
        reads[verdict.document_id] += 1
        return read(site, verdict)

    monkeypatch.setattr(link_map, "addressing_front_matter", counted)
    code, output = run_task(getattr(tasks, task), site.root)
    assert code == 0 and not reads, output  # a fresh verdict brings its Dutch document: none read again
    code, output = run_task(getattr(tasks, task), site.root)  # verdicts kept from the last run come without it
    assert code == 0, output
    assert reads == Counter({document_id: 1 for document_id in ("_index", "blog/_index", "blog/Eerste-Post", "blog/tweede", "blog/derde")})


def test_two_english_pages_clash_where_the_generator_serves_them_not_where_publish_would(tmp_path: Path) -> None:
    """Two Jekyll posts of one English slug on two dates are two pages (``/en/2024/01/eerste-en/``,
    ``/en/2024/03/eerste-en/``): both were held back as sharing ``/en/eerste-en/``, publish's address of them. Two Hugo
    pages of two sections whose ``url:`` is one address are one: neither was held back. Status, check, export and the review page
    (``assess_site``'s ``english_address``) and the workspace (``KeptClaims``) judge them alike."""
    from publish_pipeline import tasks
    from publish_pipeline.quality.review import write_review
    from publish_pipeline.workspace.claims import KeptClaims
    from test_jekyll import SITE
    from test_workflow import run_task

    posts = {**SITE, "_posts/2024-03-01-eerste.md": "---\ntitle: Eerste bericht\n---\nNogmaals hallo.\n"}
    jekyll = make_site(tmp_path / "jekyll", "jekyll", posts)
    approve(jekyll, english)
    hugo = make_site(tmp_path / "hugo", "hugo-by-filename", {
        "blog/een.md": "---\ntitle: Een\nurl: /nl/samen/\n---\nEen.\n", "docs/twee.md": "---\ntitle: Twee\nurl: /samen/\n---\nTwee.\n",
    }, folder="content")
    approve(hugo, english)
    for site, held in ((jekyll, set()), (hugo, {"blog/een", "docs/twee"})):
        code, output = run_task(tasks.status, site.root, json=True)
        documents = json.loads(output)["documents"]
        assert {document["id"] for document in documents if document["live"]["state"] == "held"} == held, output
        pages = link_map.GeneratorPages.of(site)
        assert pages is not None
        for status in (assess_site(site, english_address=pages.english_address), write_review(site, tmp_path / "review.html", english_address=pages.english_address)):
            assert {document.document_id for document in status.documents if document.clash} == held
        claims = KeptClaims(site)
        workspace = claims.site_status()
        assert {document.document_id for document in workspace.documents if document.clash} == held
        judged = {document.document_id for document in workspace.documents if document.publishable or document.clash}
        assert {document_id for document_id in judged if claims.judged(replace_clash(workspace, document_id)).clash} == held
    said = next(reason for document in assess_site(hugo, english_address=link_map.GeneratorPages(hugo).english_address).documents for reason in document.reasons)
    assert said == "English slug: its English URL /en/samen-en/ is also that of content/docs/twee.md: give one of them another English slug"
    assert sorted(document_id for document_id, _ in export(hugo).held_back) == ["blog/een", "docs/twee"]
    assert not list((hugo.root / "content").rglob("*.en.md"))


def replace_clash(status, document_id: str):  # type: ignore[no-untyped-def]
    """The document's verdict as its page judges it alone: not held back for a clash (``KeptClaims.judged`` says)."""
    from dataclasses import replace

    document = next(document for document in status.documents if document.document_id == document_id)
    return replace(document, clash=False, reasons=(), problems=())
