"""Untrusted text stays text: HTML in a title, summary, tag or slug is escaped in every file we publish.

Dutch sources and their translations are data. These tests put markup that would
run or restyle a page into every front-matter value a page shows, approve it in
English too (with the checks silenced, as a careless translator could), and read
every built page, feed and the sitemap back with a real parser: the text must come
back as the very characters written, and no element or attribute of ours may carry it.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree, html

from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.publishing import publish
from publish_pipeline.site import Site

HOSTILE_TITLE = '<script>alert("t")</script> & <b>vet</b>'
HOSTILE_SUMMARY = "<img src=x onerror=alert(1)> \"quotes\" & 'apostrophes' </summary>]]>"
HOSTILE_TAG = "<i onmouseover=alert(2)>tag</i>"
ENGLISH_TITLE = '<script>alert("t")</script> & <b>bold</b>'
ENGLISH_SUMMARY = "<img src=x onerror=alert(1)> \"quotes\" & 'apostrophes' </summary>]]> in English"


def hostile_site(root: Path, slug: str = "english-slug") -> Site:
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "source_nl/topics").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("base_url: https://example.org\n", encoding="utf-8")

    def front(title: str, summary: str) -> str:
        quote = lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
        return f"---\ntitle: {quote(title)}\nsummary: {quote(summary)}\ndate: 2020-02-02\ntags: [{quote(HOSTILE_TAG)}]\n---\n"

    (root / "source_nl/blog/gevaar.md").write_text(front(HOSTILE_TITLE, HOSTILE_SUMMARY) + "\nGewone tekst.\n", encoding="utf-8")
    (root / "source_nl/topics/thema.md").write_text(front(HOSTILE_TITLE, HOSTILE_SUMMARY) + "\nOok tekst.\n", encoding="utf-8")
    site = Site.open(root)
    extract(site)
    english = {HOSTILE_TITLE: ENGLISH_TITLE, HOSTILE_SUMMARY: ENGLISH_SUMMARY, "Gewone tekst.": "Ordinary text.", "Ook tekst.": "Text too."}
    for document in ("blog/gevaar", "topics/thema"):
        path = site.catalog_path(document)
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr = slug if entry.msgctxt == "slug" else english[entry.msgid]
            entry.flags = []
            entry.tcomment = "ignore: markup, dutch, unchanged, slug, punctuation, glossary"
        po.save(str(path))
    return site


def built_files(out: Path) -> dict[str, Path]:
    return {path.relative_to(out).as_posix(): path for path in sorted(out.rglob("*")) if path.is_file()}


def assert_no_markup_of_theirs(document: html.HtmlElement, name: str) -> None:
    """No script, no event handler, no injected img/b/i element anywhere in a page we built."""
    assert not document.xpath("//script"), f"{name}: a <script> element"
    handlers = [(element.tag, attribute) for element in document.iter() if isinstance(element.tag, str)
                for attribute in element.attrib if attribute.lower().startswith("on")]
    assert not handlers, f"{name}: event handlers {handlers}"
    injected = "//img[@src='x'] | //b[text()='vet' or text()='bold'] | //i[text()='tag']"
    assert not document.xpath(injected), f"{name}: injected elements"


def test_html_in_titles_summaries_and_tags_is_text_in_every_page(tmp_path: Path) -> None:
    site = hostile_site(tmp_path / "site")
    publish(site)
    files = built_files(site.root / "public")
    pages = [name for name in files if name.endswith(".html")]
    assert "en/blog/english-slug/index.html" in pages, "the approved English page was published"
    for name in pages:
        document = html.fromstring(files[name].read_bytes())
        assert_no_markup_of_theirs(document, name)
    for name, (title, summary) in {
        "blog/gevaar/index.html": (HOSTILE_TITLE, HOSTILE_SUMMARY),
        "en/blog/english-slug/index.html": (ENGLISH_TITLE, ENGLISH_SUMMARY),
    }.items():
        document = html.fromstring(files[name].read_bytes())
        assert document.xpath("string(//h1)") == title, name
        assert document.xpath("string(//title)").startswith(title), name
        assert document.xpath("string(//meta[@name='description']/@content)") == summary, name
    for home, title in {"index.html": HOSTILE_TITLE, "en/index.html": ENGLISH_TITLE}.items():
        document = html.fromstring(files[home].read_bytes())
        assert title in [link.text_content() for link in document.xpath("//main//a")], home


def test_html_in_titles_and_summaries_is_text_in_feeds_and_sitemap(tmp_path: Path) -> None:
    site = hostile_site(tmp_path / "site")
    publish(site)
    out = site.root / "public"
    atom = "{http://www.w3.org/2005/Atom}"
    for feed, (title, summary) in {"feed.xml": (HOSTILE_TITLE, HOSTILE_SUMMARY), "en/feed.xml": (ENGLISH_TITLE, ENGLISH_SUMMARY)}.items():
        tree = etree.parse(str(out / feed))  # raises on anything that is not well-formed XML
        entries = tree.findall(f"{atom}entry")
        assert [entry.findtext(f"{atom}title") for entry in entries] == [title], feed
        assert [entry.findtext(f"{atom}summary") for entry in entries] == [summary], feed
        assert not tree.xpath("//*[local-name()='script' or local-name()='img' or local-name()='b']"), feed
    sitemap = etree.parse(str(out / "sitemap.xml"))
    assert {element.tag.split("}")[1] for element in sitemap.iter()} <= {"urlset", "url", "loc", "lastmod", "link"}


@pytest.mark.parametrize("slug", [
    '"><script>alert(3)</script>',
    "a<b>c",
    "x' onmouseover='alert(4)",
    "javascript:alert(5)",
])
def test_html_in_an_approved_slug_never_reaches_a_page_as_markup(tmp_path: Path, slug: str) -> None:
    """A slug with markup, approved with its check silenced, is held back or escaped — never markup."""
    site = hostile_site(tmp_path / "site", slug=slug)
    report = publish(site)
    files = built_files(site.root / "public")
    for name, path in files.items():
        assert "<script" not in name and "<b>" not in name, f"a file named after the slug: {name}"
        if name.endswith(".html"):
            assert_no_markup_of_theirs(html.fromstring(path.read_bytes()), name)
            for href in html.fromstring(path.read_bytes()).xpath("//@href"):
                assert not href.lower().startswith("javascript:"), f"{name}: {href}"
        elif name.endswith(".xml"):
            etree.parse(str(path))
    assert "blog/gevaar/index.html" in files, "the Dutch page stays, whatever the English slug"
    assert report.pages["nl"] == 2


def test_html_in_sources_and_translations_is_text_on_the_review_page(tmp_path: Path) -> None:
    from publish_pipeline.quality.review import write_review

    site = hostile_site(tmp_path / "site", slug="<script>alert(6)</script>")
    out = tmp_path / "review.html"
    write_review(site, out)
    document = html.fromstring(out.read_bytes())
    assert_no_markup_of_theirs(document, "review page")
    texts = document.xpath("//text()")
    shown = "".join(texts)
    for text in (HOSTILE_TITLE, ENGLISH_TITLE, ENGLISH_SUMMARY, "<script>alert(6)</script>"):
        assert text in shown, f"the review page shows {text!r} as text"
