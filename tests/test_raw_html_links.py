"""Links in raw HTML lead where a Markdown link's do: on the English page, from its own place.

A Dutch post at ``/blog/y/`` with ``<img src="html.png">`` means ``/blog/y/html.png``; its English page sits at
``/en/blog/y-en/``, where the same relative ``src`` would be a broken image. So raw HTML that the site keeps gets
its URLs (``href``, ``src``, ``srcset`` …) rewritten as a Markdown link's: made absolute, to the English
counterpart where there is one (``hreflang`` where there is none), behind ``base_url``'s path; a page bundle's own
files stay as written. Judged in the built pages, by the broken-link warning, and in a real Chromium.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import html

from conftest import browser_test, snapshot
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.export import export
from publish_pipeline.output.publishing import publish
from publish_pipeline.quality.status import assess_site, refusals
from publish_pipeline.site import Site
from publish_pipeline.text import html_text, markdown
from publish_pipeline.text.links import possible_urls
from test_file_links import approve_every_entry
from test_hugo import LAYOUT, build, hugo_config
from test_publishing import serving

POST = """---
title: Y
---

Een alinea met <img src="inline.png" alt="klein"> en een <a href="../x/">link naar x</a>.

<figure>
<img src="html.png" alt="Een tekening" srcset="html.png 1x, html-2x.png 2x">
<figcaption>Een tekening</figcaption>
</figure>

<picture><source srcset="bron.png" media="(min-width: 1px)"><img src='enkel.png' alt="enkel"></picture>

<p><a href="/blog/x/">Naar x</a> en <a href=../alleen/?a=1&amp;b=2#kop>alleen Nederlands</a>.</p>

Een ![markdown](markdown.png) plaatje.
"""
BUNDLE = '---\ntitle: Bundel\n---\n\n<img src="eigen.png" alt="Eigen plaatje">\n\nEn <img src="../y/html.png" alt="van y">.\n'
STATIC = ("inline.png", "html.png", "bron.png", "enkel.png", "markdown.png")
"""The files the Dutch post's links lead to, in ``static/blog/y/`` (``html-2x.png`` is missing)."""


def png() -> bytes:
    """A real 1×1 PNG, so that a browser shows it (and tells a missing one apart)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(
        b"IDAT", zlib.compress(b"\0\xff\0\0")) + chunk(b"IEND", b"")


def write_posts(root: Path, folder: str, settings: str, static: tuple[str, ...] = STATIC) -> Site:
    """The post ``y`` and a bundle with raw HTML, ``x`` and ``alleen`` in ``folder``, their files in ``static/``;
    extracted."""
    (root / folder / "blog/bundel").mkdir(parents=True)
    (root / "pipeline.yaml").write_text(settings, encoding="utf-8")
    (root / folder / "blog/y.md").write_text(POST, encoding="utf-8")
    (root / folder / "blog/bundel/index.md").write_text(BUNDLE, encoding="utf-8")
    (root / folder / "blog/bundel/eigen.png").write_bytes(png())
    for name in ("x", "alleen"):
        (root / folder / f"blog/{name}.md").write_text(f"---\ntitle: Post {name}\n---\n\nTekst van {name}.\n", encoding="utf-8")
    (root / "static/blog/y").mkdir(parents=True)
    for name in static:
        (root / "static/blog/y" / name).write_bytes(png())
    site = Site.open(root)
    extract(site)
    return site


def make_site(root: Path) -> Site:
    """The post ``y`` and a bundle with raw HTML, ``x`` (translated) and ``alleen`` (only in Dutch), under a path."""
    site = write_posts(root, "source_nl", "base_url: https://example.org/site\n")
    approve_every_entry(site, but="blog/alleen")
    return site


def main_of(root: Path, page: str) -> html.HtmlElement:
    return html.parse(str(root / "public" / page / "index.html")).getroot().find(".//main")


def test_raw_html_links_lead_where_markdown_links_do(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    report = publish(site)
    english = main_of(site.root, "en/blog/y-en")
    images = {img.get("alt"): img for img in english.iter("img")}
    assert {alt: img.get("src") for alt, img in images.items()} == {
        "klein": "/site/blog/y/inline.png", "A tekening": "/site/blog/y/html.png", "enkel": "/site/blog/y/enkel.png",
        "markdown": "/site/blog/y/markdown.png",
    }
    assert images["A tekening"].get("srcset") == "/site/blog/y/html.png 1x, /site/blog/y/html-2x.png 2x"
    assert english.find(".//source").get("srcset") == "/site/blog/y/bron.png"
    links = {a.text: a for a in english.iter("a")}
    assert (links["link naar x"].get("href"), links["link naar x"].get("hreflang")) == ("/site/en/blog/x-en/", None)
    assert links["Naar x"].get("href") == "/site/en/blog/x-en/"
    dutch_only = links["alleen Nederlands"]
    assert (dutch_only.get("href"), dutch_only.get("hreflang"), dutch_only.get("data-note")) == (
        "/site/blog/alleen/?a=1&b=2#kop", "nl", "in Dutch")

    dutch = main_of(site.root, "blog/y")  # relative links are right where they are; absolute ones get the path
    assert [img.get("src") for img in dutch.iter("img")] == ["inline.png", "html.png", "enkel.png", "markdown.png"]
    assert [a.get("href") for a in dutch.iter("a")] == ["../x/", "/site/blog/x/", "../alleen/?a=1&b=2#kop"]
    assert all(a.get("hreflang") is None for a in dutch.iter("a"))

    bundle = main_of(site.root, "en/blog/bundel-en")  # its own file lies beside the English page too
    assert [img.get("src") for img in bundle.iter("img")] == ["eigen.png", "/site/blog/y/html.png"]
    assert sorted(w.split(" leads to")[0].split(": ", 1)[1] for w in report.warnings if "leads to no page" in w) == [
        "the link to /blog/y/html-2x.png on /blog/y/ and /en/blog/y-en/",
    ]


def relative_under(prefix: str):  # noqa: ANN201
    return lambda url: url if not url or url[0] in "/#" or ":" in url else prefix + url


@pytest.mark.parametrize(("written", "published"), [
    ('<img src="html.png" alt="x">', '<img src="/p/html.png" alt="x">'),
    ("<img src='a&amp;b.png' alt='x'>", "<img src='/p/a&amp;b.png' alt='x'>"),  # read as a browser reads it
    ("<a href=../x/ title=t>", "<a href=/p/../x/ title=t>"),  # each quote as it was: a quote added could open markup
    ('"<a href="><img src=x.png>', '"<a href="><img src=/p/x.png>'),  # a broken tag: only the value changes
    ('<a href=" x.pdf\n">', '<a href="/p/x.pdf">'),
    ('<source srcset="a.png 1x,b.png 2x , c.png (x, y) 3w">', '<source srcset="/p/a.png 1x,/p/b.png 2x , /p/c.png (x, y) 3w">'),
    ('<video poster="p.jpg" src="/abs.mp4"></video>', '<video poster="/p/p.jpg" src="/abs.mp4"></video>'),
    ('<a href="/abs/" data-href="rel">', '<a href="/abs/" data-href="rel">'),  # as it was, byte for byte
    ('<!-- <img src="a.png"> --><script>x = "<img src=\'b.png\'>"</script>', None),  # no tag: as it was
    ('<div>\n<img src="a.png">\n<!-- never closed <img src="b.png">\n', '<div>\n<img src="/p/a.png">\n<!-- never closed <img src="b.png">\n'),
    ("</a>", None),
    ('<object data="x.svg"></object>', '<object data="/p/x.svg"></object>'),
    ("<div style=\"background: url(x.png), URL( 'y z.png' ); color: red\">",
     '<div style="background: url(/p/x.png), URL( &#x27;/p/y%20z.png&#x27; ); color: red">'),  # CSS: its url()s
    ('<meta http-equiv="refresh" content="0; url=../nieuw/">', '<meta http-equiv="refresh" content="0; url=/p/../nieuw/">'),
    ('<meta name="description" content="Over tijd">', None),  # no refresh: no URL
    ('<meta itemprop="ratingValue" content="4, uitstekend">', None),  # a refresh's shape, but no refresh
    ('<meta HTTP-EQUIV="Refresh" content="4, uitstekend">', '<meta HTTP-EQUIV="Refresh" content="4, /p/uitstekend">'),
    ('<div data="z"></div>', None),  # data holds a URL on an <object> only
])
def test_the_urls_of_raw_html_are_rewritten_and_nothing_else(written: str, published: str | None) -> None:
    assert html_text.with_urls(written, relative_under("/p/")) == (written if published is None else published)


def test_html_without_a_url_attribute_is_not_read_as_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """``x = 1`` in code has an ``=`` but no URL attribute: nothing to rewrite, and no need to parse it."""
    monkeypatch.setattr(html_text, "_reading", lambda source: pytest.fail(f"parsed {source!r}"))
    assert html_text.with_urls("<pre>x = 1</pre>", relative_under("/p/")) == "<pre>x = 1</pre>"
    assert html_text.url_places("<pre>x = 1</pre>") == []


@pytest.mark.parametrize(("page", "urls"), [
    ("<img alt=\"a > b\" src='x.png'> <img alt=\"c\" src=y.png>", ["x.png", "y.png"]),  # a > in a value ends no tag
    ("<p>&lt;a href='x'&gt; <a title=\"t src='z'\">", []),  # in text, in another value's quotes: none
    ('<meta name="description" content="2024,terugblik"><meta http-equiv=REFRESH content="0; url=../n/">', ["../n/"]),
    ('<div data="z"></div><object data="o.svg"></object>', ["o.svg"]),
])
def test_the_urls_of_a_page_are_those_of_its_tags(page: str, urls: list[str]) -> None:
    assert html_text.page_urls(page) == urls


def test_a_link_gets_the_attributes_it_does_not_have() -> None:
    more = lambda url: {"hreflang": "nl", "data-note": f'in "{url}"'}  # noqa: E731
    assert html_text.with_urls('<a href="../x/" title="t">', relative_under("/p/"), more) == (
        '<a hreflang="nl" data-note="in &quot;../x/&quot;" href="/p/../x/" title="t">')
    assert html_text.with_urls('<a hreflang="de" href="/x/">', str, more) == '<a data-note="in &quot;/x/&quot;" hreflang="de" href="/x/">'
    assert html_text.with_urls('<img src="/x/">', str, more) == '<img src="/x/">'
    # after an <a> that html.parser leaves unfinished (its quote never closes), a quote added would close it
    assert html_text.with_urls('<a href="><a href=x>', relative_under("/p/"), more) == '<a href="><a href=/p/x>'


PIECES = ['<a href="', "<img src=", "<source srcset='", '"', "'", ">", "/>", " ", "\n", "x.png", "a,b 2x, ", "&amp;", "&quot;",
          "<!--", "-->", "<script>", "</script>", "<p>", "</p>", "title=", "=", "<", "<?", "<!x"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
@example(['<a href="', ">", "<img src=", '<a href="', '<a href="', ">"])  # the <img>'s values close the unfinished <a>'s
def test_a_rewritten_url_never_makes_markup(pieces: list[str]) -> None:
    """Whatever the HTML and whatever a URL becomes, the tags stay those the HTML had, with the same attributes."""
    written = "".join(pieces)
    hostile = lambda url: url + '"><script>alert(1)</script><x y=\'' if url else url  # noqa: E731
    rewritten = html_text.with_urls(written, hostile, lambda url: {"hreflang": "\"><b>"})
    shape = lambda text: [(m.kind, m.tag, sorted({a[0] for a in m.attributes} - {"hreflang"})) for m in html_text.markup(text)]  # noqa: E731
    assert shape(rewritten) == shape(written)
    assert "<script>alert" not in rewritten


DUTCH = '<p><img src="html.png" alt="Een tekening"></p>\n\nTekst met <a href="../x/">een link</a>.\n'


def test_html_that_is_not_the_dutch_ones_is_text_with_its_urls_as_written() -> None:
    """Rewriting the URLs comes after the site's rule for which HTML is kept: what it refuses is text, as written."""
    english = ('<p><img src="html.png" alt="A drawing" onerror="alert(1)"></p>\n\n'
               'Text with <a href="../x/">a link</a> and <img src="other.png">.\n')
    page = markdown.render_page(english, allowed_html=markdown.html_of(DUTCH), rewrite=relative_under("/blog/y/"))
    assert "&lt;p&gt;&lt;img src=&quot;html.png&quot; alt=&quot;A drawing&quot; onerror=&quot;alert(1)&quot;&gt;&lt;/p&gt;" in page
    assert '<a href="/blog/y/../x/">a link</a>' in page and "&lt;img src=&quot;other.png&quot;&gt;" in page
    translated = '<p><img src="html.png" alt="A drawing"></p>\n'  # the Dutch block, its alt translated: kept
    assert markdown.render_page(translated, allowed_html=markdown.html_of(DUTCH), rewrite=relative_under("/blog/y/")) == (
        '<p><img src="/blog/y/html.png" alt="A drawing"></p>\n')


def _published(root: Path, *, checked: bool, prerendered: bool = True) -> tuple[dict[str, bytes], int]:
    """The site at ``root`` published (after a check when ``checked``): its files and how many bodies were parsed."""
    site = Site.open(root)
    if checked:
        assess_site(site, reuse=True)  # what ``check`` does first
    parses = []
    rendered = markdown._rendered
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown, "_rendered", lambda *args: parses.append(1) or rendered(*args))
        if not prerendered:
            patch.setattr(markdown, "prerender", lambda text, tokens: None)
        publish(site)
    return snapshot(root / "public"), len(parses)


def test_a_publish_after_check_rewrites_raw_html_as_a_cold_one_and_a_fresh_parse_do(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site").root
    copies = [shutil.copytree(root, tmp_path / name) for name in ("cold", "fresh")]
    checked, parses = _published(root, checked=True)
    assert parses == 0  # every page from the check's parse
    cold, _ = _published(copies[0], checked=False)
    fresh, parses = _published(copies[1], checked=False, prerendered=False)
    assert parses == 7  # four Dutch pages, three English (alleen has none): each parsed afresh
    assert checked == cold == fresh
    assert b'src="/site/blog/y/html.png"' in checked["en/blog/y-en/index.html"]


@browser_test
def test_a_reader_of_the_english_page_sees_every_image_and_follows_its_links(tmp_path: Path, browser: object) -> None:
    site = make_site(tmp_path / "site")  # serve publishes it first
    shown = "[...document.querySelectorAll('main img')].map(i => [i.alt, i.complete && i.naturalWidth > 0])"
    with serving(site.root) as home:
        page = browser.new_page()
        for address in ("blog/y/", "en/blog/y-en/", "en/blog/bundel-en/"):
            answer = page.goto(home + address, wait_until="load")
            assert answer is not None and answer.ok
            images = page.evaluate(shown)
            assert images and all(loaded for _, loaded in images), (address, images)
        page.goto(home + "en/blog/y-en/", wait_until="load")
        page.click("text=link naar x")
        page.wait_for_url(home + "en/blog/x-en/")
        page.go_back()
        page.click("text=alleen Nederlands")
        page.wait_for_url(home + "blog/alleen/?a=1&b=2#kop")
        assert page.locator("h1").first.inner_text() == "Post alleen"


def test_the_parse_of_the_english_finds_each_url_of_its_raw_html_where_it_stands() -> None:
    """What export's link map rewrites: inline and block HTML, in a quote and a list item; never a comment's, nor a
    URL whose characters are an entity's (a query's entity ends the place before it), nor a ``<div data>``'s or a
    ``content`` but a refresh's."""
    text = (
        "Tekst <img src=\"a.png\"> en <a href='../x/'>x</a>.\n\n"
        "> <div>\n> <img src=\"quote.png\" srcset=\"q1.png 1x, q2.png 2x\">\n> </div>\n\n"
        "- item\n  <span title=\"t\"><a href=li.png>li</a></span>\n\n"
        "<p>\n  <a href=\" blok.png \">b</a> <a href=\"a&amp;b.png\">e</a> <a href=\"../y/?a=1&amp;b=2\">q</a>\n</p>\n"
        "<!-- <img src=\"comment.png\"> -->\n"
        "<div data=\"z\">\n<meta itemprop=\"ratingValue\" content=\"4, uitstekend\">\n</div>\n"  # no URL: text of the tag
    )
    urls: list[tuple[int, int]] = []
    markdown.parse_keeping_every_link(text, urls=urls)
    assert [text[start:end] for start, end in urls] == [
        "a.png", "../x/", "quote.png", "q1.png", "q2.png", "li.png", "blok.png", "../y/?a=1"]


def test_hugo_builds_english_whose_raw_html_leads_where_the_dutch_does(tmp_path: Path) -> None:
    """Export writes the English for Hugo (raw HTML on: ``unsafe = true``) with its raw HTML's URLs mapped as its
    Markdown links are; Hugo's English page then shows the Dutch page's files and links to the English pages."""
    root = tmp_path / "site"
    (root / "layouts/_default").mkdir(parents=True)
    (root / "config.toml").write_text(hugo_config("hugo-by-filename") + "[markup.goldmark.renderer]\nunsafe = true\n", encoding="utf-8")
    for name in ("single.html", "list.html"):
        (root / "layouts/_default" / name).write_text(LAYOUT, encoding="utf-8")
    site = write_posts(root, "content", "layout: hugo-by-filename\n", (*STATIC, "html-2x.png"))
    approve_every_entry(site, but="blog/alleen")  # the alt of an HTML block translated: as publish, export keeps it
    assert not export(site).errors
    public = build(root)
    for page in ("blog/y/", "en/blog/y-en/", "en/blog/bundel-en/"):
        document = html.parse(str(public / page / "index.html")).getroot()
        urls = [*document.xpath("//img/@src"), *(url for value in document.xpath("//@srcset") for url in html_text.page_urls(f'<img srcset="{value}">'))]
        assert len(urls) == {"blog/y/": 7, "en/blog/y-en/": 7, "en/blog/bundel-en/": 2}[page]
        files = {url: public / urlparse(urljoin(f"https://example.org/{page}", url)).path.lstrip("/") for url in urls}
        assert [url for url, file in files.items() if not file.is_file()] == [], page
    assert html.parse(str(public / "en/blog/y-en/index.html")).getroot().xpath("//figure/img/@alt") == ["A tekening"]
    links = {a.text: a.get("href") for a in html.parse(str(public / "en/blog/y-en/index.html")).getroot().iter("a")}
    assert links == {"link naar x": "/en/blog/x-en/", "Naar x": "/en/blog/x-en/", "alleen Nederlands": "/blog/alleen/?a=1&b=2#kop"}
    english = (root / "content/blog/y.en.md").read_text(encoding="utf-8")
    assert "<a href=/blog/alleen/?a=1&amp;b=2#kop>" in english and "<img src='/blog/y/enkel.png' alt=\"enkel\">" in english


TAG_PIECES = [
    *(f" {name}" for name in sorted(html_text.URL_ATTRIBUTES)), " HREF", " SrcSet", " data-href", "/src", " title", "=",
    " =\n ", "==", '"', "'", " ", "\n", "\u00a0", "x.png", "../a/?b=1", "&amp;", " a.png 1x, b.png 2x", "a'b", ">", "/>",
    "<img", "<a", "<object", "<!--", "-->", "<script>", "</script>", "`", "](", "]: ", "\n\n", "> ", "<div>\n",
    " style", "url(", ")", " content", "0; url=",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TAG_PIECES), max_size=16).map("".join))
@example("<div>\n<a href=x'.png>\n</div>\n")  # a bare value reads as html.parser reads it, quote and all
@example("<div>\n<object DATA = 'x.svg'></object>\n</div>\n")
def test_every_url_a_parse_finds_in_raw_html_is_among_what_may_be_one(text: str) -> None:
    """One source (``URL_ATTRIBUTES``) for every pattern: what ``url_values`` finds without reading HTML holds each
    URL attribute html.parser finds in a tag; so what may be a link's URL (``text.links.possible_urls``: export's and check's candidates) holds every URL a parse finds (the fast path
    that maps nothing when no candidate changes is sound), and publish's warning and its PO line see them."""
    found = set(html_text.url_values(text))
    for tag in html_text.markup(text):
        assert {attribute for attribute in tag.attributes if attribute[0] in html_text.URL_ATTRIBUTES} <= found, tag
    assert set(html_text.url_places(text)) <= set(html_text.possible_url_places(text))
    spans: list[tuple[int, int]] = []
    markdown.parse_keeping_every_link(text.replace("\r", ""), urls=spans)
    assert {text[start:end] for start, end in spans} <= set(possible_urls(text))


LOOSE = """---
title: Z
summary: "2024,terugblik"
---

Tekst.

<div>
<img src='enkel-weg.png' alt="Een enkel plaatje">
<img src="html.png" srcset="weg-2x.png 2x" alt="Een tekening">
<video poster="poster-weg.png" src="film.mp4" title="Een film"></video>
<a href=nergens.html title="Nergens heen">nergens</a>
<object data="tekening.svg" title="Een object"></object>
<div style="background: url(&quot;fond-weg.png&quot;)" title="Een kaart"></div>
<meta itemprop="ratingValue" content="4, uitstekend"><span data="z" title="Een span"></span>
</div>

Als code: `<img src='code.png'>` en `<a href=code.html>`.
"""


def test_every_url_of_raw_html_is_judged_and_said_where_it_is_written(tmp_path: Path) -> None:
    """The broken-link warning judges raw HTML's URLs however they are quoted (``'``, bare) and in whichever URL
    attribute (``srcset``, ``poster``, ``data``, a ``style``'s ``url()``), on the Dutch page and on the English (which
    has it from the Dutch: said once, at the Dutch line); a tag shown as code is no link, nor a ``content`` but a refresh's (a
    ``<meta>``'s text, the page's summary in its description) or a ``data`` but an ``<object>``'s."""
    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "static/blog/z").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("base_url: https://example.org/\n", encoding="utf-8")
    (root / "source_nl/blog/z.md").write_text(LOOSE, encoding="utf-8")
    for name in ("html.png", "film.mp4", "tekening.svg"):
        (root / "static/blog/z" / name).write_bytes(png())
    site = Site.open(root)
    extract(site)
    approve_every_entry(site)
    report = publish(site)
    assert sorted(w.split(" leads to")[0] for w in report.warnings if "leads to no page" in w) == sorted(
        f"source_nl/blog/z.md:{line}: the link to /blog/z/{name} on /blog/z/ and /en/blog/z-en/" for line, name in (
            (9, "enkel-weg.png"), (10, "weg-2x.png"), (11, "poster-weg.png"), (12, "nergens.html"), (14, "fond-weg.png"))
    )
    english = main_of(root, "en/blog/z-en")
    assert english.find(".//object").get("data") == "/blog/z/tekening.svg"  # beside the Dutch page, not the English
    assert [img.get("src") for img in english.iter("img")] == ["/blog/z/enkel-weg.png", "/blog/z/html.png"]
    assert (english.find(".//meta").get("content"), english.find(".//span").get("data")) == ("4, uitstekend", "z")


@pytest.mark.parametrize(("english", "refused"), [
    ('<p><img src="x.png" alt="A drawing"></p>\n\nText <img/src=x.png alt="een">.\n', []),  # the alt it was offered
    ('<p><img src="x.png" alt="A drawing" onerror="alert(1)"></p>\n\nText <img/src=x.png alt="een">.\n',
     ['<img src="x.png" alt="A drawing" onerror="alert(1)">', '<p><img src="x.png" alt="A drawing" onerror="alert(1)"></p>']),
    ('<p><img src="x.png" alt="Een tekening"></p>\n\nText <img/src=x.png alt="a" onerror=alert(1)>.\n',
     ['<img/src=x.png alt="a" onerror=alert(1)>']),
    ('<p><img src="x.png" alt="Een tekening"></p>\n\nText <img/src=x/onerror=alert(1)>.\n', ["<img/src=x/onerror=alert(1)>"]),
    ('<p><img src="y.png" alt="A drawing"></p>\n\nText <img/src=x.png alt="een">.\n',
     ['<img src="y.png" alt="A drawing">', '<p><img src="y.png" alt="A drawing"></p>']),  # another image
])
def test_export_keeps_a_translated_alt_and_refuses_every_other_change_of_a_tag(english: str, refused: list[str]) -> None:
    """Export (``refusals``) and publish agree: an English tag that differs from a Dutch one in the values of its
    text attributes only is the translator's work; any other tag the Dutch lacks is refused, loose HTML included."""
    dutch = '<p><img src="x.png" alt="Een tekening"></p>\n\nTekst <img/src=x.png alt="een">.\n'
    found = refusals(english, markdown.parse_keeping_every_link(english), dutch, markdown.html_of(dutch))
    assert sorted(found) == sorted(refused)


CSS_AND_REFRESH = {
    "blog/z.md": '---\ntitle: Z\n---\n\n<div class="kaart" style="background-image: url(fond.png); width: 9px; height: 9px" '
                 'title="Een kaart"></div>\n\n<object data="tekening.svg" type="image/svg+xml" title="Een tekening"></object>\n',
    "blog/oud.md": '---\ntitle: Oud\n---\n\n<meta http-equiv="refresh" content="0; url=../x/">\n\nDeze post staat nu op [x](../x/).\n',
    "blog/x.md": "---\ntitle: Post x\n---\n\nTekst van x.\n",
}
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9"/></svg>'


def write_css_and_refresh(root: Path, folder: str, settings: str) -> Site:
    """A post with a CSS background and an ``<object>``, a post that sends its reader on to ``x``, and ``x``;
    their files in ``static/``; extracted and every entry approved."""
    (root / "static/blog/z").mkdir(parents=True)
    (root / "pipeline.yaml").write_text(settings, encoding="utf-8")
    for name, text in CSS_AND_REFRESH.items():
        (root / folder / name).parent.mkdir(parents=True, exist_ok=True)
        (root / folder / name).write_text(text, encoding="utf-8")
    (root / "static/blog/z/fond.png").write_bytes(png())
    (root / "static/blog/z/tekening.svg").write_bytes(SVG)
    site = Site.open(root)
    extract(site)
    approve_every_entry(site)
    return site


@browser_test
def test_a_reader_of_the_english_page_sees_its_css_background_and_object_and_is_sent_on_to_the_english(tmp_path: Path, browser: object) -> None:
    """A CSS ``url()`` in a ``style``, an ``<object data>`` and a refresh's URL lead where the Dutch page's do."""
    site = write_css_and_refresh(tmp_path / "site", "source_nl", "base_url: https://example.org/\n")
    assert not [warning for warning in publish(site).warnings if "leads to no page" in warning]  # each judged
    assert main_of(site.root, "en/blog/oud-en").find(".//meta").get("content") == "0; url=/en/blog/x-en/"
    loaded = """async () => {
        const background = getComputedStyle(document.querySelector('.kaart')).backgroundImage.slice(5, -2);
        const object = document.querySelector('main object').data;
        return [await fetch(background).then(r => r.ok), await fetch(object).then(r => r.ok)];
    }"""
    with serving(site.root) as home:
        page = browser.new_page()
        for address in ("blog/z/", "en/blog/z-en/"):
            page.goto(home + address, wait_until="load")
            assert page.evaluate(loaded) == [True, True], address
        page.goto(home + "en/blog/oud-en/")
        page.wait_for_url(home + "en/blog/x-en/")
        assert page.locator("h1").first.inner_text() == "Post x"


def test_hugo_builds_english_whose_css_object_and_refresh_lead_where_the_dutch_do(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "layouts/_default").mkdir(parents=True)
    (root / "config.toml").write_text(hugo_config("hugo-by-filename") + "[markup.goldmark.renderer]\nunsafe = true\n", encoding="utf-8")
    for name in ("single.html", "list.html"):
        (root / "layouts/_default" / name).write_text(LAYOUT, encoding="utf-8")
    site = write_css_and_refresh(root, "content", "layout: hugo-by-filename\n")
    assert not export(site).errors
    public = build(root)
    english = html.parse(str(public / "en/blog/z-en/index.html")).getroot()
    style, data = english.find(".//div[@class='kaart']").get("style"), english.find(".//object").get("data")
    assert (style.split("url(")[1].split(")")[0], data) == ("/blog/z/fond.png", "/blog/z/tekening.svg")
    assert all((public / url.lstrip("/")).is_file() for url in ("/blog/z/fond.png", data))
    refresh = html.parse(str(public / "en/blog/oud-en/index.html")).getroot().find(".//meta[@http-equiv='refresh']")
    assert refresh.get("content") == "0; url=/en/blog/x-en/"


def test_a_base_tag_in_a_pages_html_is_said_where_it_is(tmp_path: Path) -> None:
    """``<base href>`` makes every relative link of a page lead from elsewhere (on the English page, a ``#kop``
    leads to the Dutch page): publish says where it is; a ``<base>`` shown as code is none."""
    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "source_nl/blog/basis.md").write_text(
        "---\ntitle: Basis\n---\n\nTekst.\n\n<div>\n<base href=\"/\">\n</div>\n\nNaar [de kop](#kop).\n", encoding="utf-8")
    (root / "source_nl/blog/code.md").write_text(  # a <base> in code, one without href, then one inline: said at its line
        "---\ntitle: Code\n---\n\nSchrijf `<base href=\"/\">` niet.\n\n<base target=\"_blank\">\n\nWel\nhier <base\nhref=\"/\"> en\n"
        "<base href=\"/\">.\n", encoding="utf-8")
    site = Site.open(root)
    extract(site)
    approve_every_entry(site)
    assert [warning.split(" — ")[0] for warning in publish(site).warnings] == [
        f"source_nl/blog/{name}.md:{line}: <base href> in the page's HTML makes every relative link of /blog/{name}/ and of its "
        "English page lead from the address it names" for name, line in (("basis", 8), ("code", 10), ("code", 12))]
