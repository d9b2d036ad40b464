"""Footnotes as GitHub, Hugo and Jekyll write them (``[^1]`` in the text, ``[^1]: …`` below): extracted, checked,
published and exported.

A definition's text is an entry of its own (its ``[^label]:`` is structure, as a list marker is); a reference stays
in its sentence's entry, markup the translator keeps; both pages show a superscript link and the notes at the end.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish_pipeline import tasks
from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs.checks import Entry, check_entries
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.catalogs.glossary import Glossary
from publish_pipeline.output.export import export
from publish_pipeline.output.publishing import publish
from publish_pipeline.site import Site
from publish_pipeline.text import markdown
from publish_pipeline.text.reassembly import reassemble_body
from test_hugo import LAYOUT, build, hugo_config
from test_layouts import approve, make_site
from test_reassembly import assert_identity, load
from test_workflow import run_task

RUST = (
    "---\ntitle: Rust\ndate: 2026-11-30\n---\n"
    "Rust is ook werk[^1].\n"
    "\n"
    "[^1]: Dat zei mijn oma altijd.\n"
)
"""The new user's post: one footnote, as she wrote it."""

ENGLISH = {
    "rust": "rest", "Rust": "Rest",
    "Rust is ook werk[^1].": "Rest is work too[^1].",
    "Dat zei mijn oma altijd.": "My grandmother always said so & meant it: rest < work.",
}

POSTS = {
    "several paragraphs in a note, continued lazily and indented": (
        "---\ntitle: Oma\n---\n"
        "Rust is ook werk[^1], zei ze[^lang].\n"
        "\n"
        "[^1]: Dat zei mijn oma altijd,\n"
        "en ze meende het.\n"
        "\n"
        "[^lang]: Een noot van twee alinea's.\n"
        "    Met een tweede regel.\n"
        "\n"
        "    De tweede alinea, *ingesprongen*.\n"
        "\n"
        "    - een lijst in de noot\n"
        "    - met twee punten[^1]\n"
    ),
    "named labels, references in a heading, a list, a quote and a table": (
        "---\ntitle: Werk\n---\n"
        "## Waarom rust[^oma] werkt\n"
        "\n"
        "- eerst slapen[^slaap]\n"
        "- dan werken\n"
        "\n"
        "> Zoals oma zei[^oma].\n"
        "\n"
        "| Wie | Wat |\n"
        "|-----|-----|\n"
        "| oma[^oma] | rust |\n"
        "\n"
        "[^oma]: Mijn oma, Annemarie.\n"
        "[^slaap]: Acht uur, zegt de [dokter](https://example.org/slaap \"Slaap\").\n"
    ),
    "a note before its reference, CRLF line ends and a note no one refers to": (
        "---\r\ntitle: Volgorde\r\n---\r\n"
        "[^eerst]: De noot staat bovenaan.\r\n"
        "\r\n"
        "Tekst met een verwijzing[^eerst].\r\n"
        "\r\n"
        "[^los]: Naar deze noot verwijst niets.\r\n"
    ),
}


def rust_site(tmp_path: Path, layout: str = "default", folder: str = "source_nl") -> Path:
    site = make_site(tmp_path / "site", layout, {"blog/rust.md": RUST}, folder=folder)
    approve(site, lambda entry: ENGLISH[entry.msgid])
    return site.root


def page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def assert_footnoted(tree: lxml.html.HtmlElement, note: str) -> None:
    """A superscript link to the note, the note in a section after the text with a link back, every id once."""
    reference = tree.xpath("//sup/a[@href='#fn1']")
    assert [(a.get("id"), a.text_content()) for a in reference] == [("fnref1", "1")]
    section = tree.xpath("//section[contains(@class, 'footnotes')]")
    assert len(section) == 1 and section[0].getprevious() is not None  # after the text (and its separator)
    assert all(p.getparent() is not section[0] for p in tree.xpath("//p[sup]"))
    item = section[0].xpath(".//li[@id='fn1']")
    assert len(item) == 1 and note in item[0].text_content()
    assert item[0].xpath(".//a[@href='#fnref1']/@class") == ["footnote-backref"]
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert "[^1]" not in tree.text_content()


def test_publish_shows_the_footnote_on_the_dutch_and_the_english_page(tmp_path: Path) -> None:
    root = rust_site(tmp_path)
    report = publish(Site.open(root))
    assert not report.errors
    assert_footnoted(page(root / "public/blog/rust/index.html"), "Dat zei mijn oma altijd.")
    english = root / "public/en/blog/rest/index.html"
    assert_footnoted(page(english), "My grandmother always said so & meant it: rest < work.")
    assert "so &amp; meant it: rest &lt; work." in english.read_text(encoding="utf-8")  # the translator's text stays text


def test_a_second_reference_to_a_note_gets_its_own_id_and_link_back() -> None:
    html = markdown.render_page("Een[^a] en twee[^b] en weer een[^a].\n\n[^b]: Bee.\n[^a]: Aa.\n", allowed_html=frozenset())
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    assert [(a.get("href"), a.get("id"), a.text) for a in tree.xpath("//sup/a")] == [
        ("#fn1", "fnref1", "1"), ("#fn2", "fnref2", "2"), ("#fn1", "fnref1:1", "1")
    ]
    assert [li.get("id") for li in tree.xpath("//li")] == ["fn1", "fn2"]  # numbered as read, not as defined
    assert tree.xpath("//li[@id='fn1']//a/@href") == ["#fnref1", "#fnref1:1"]
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_a_label_never_reaches_the_page_and_a_reference_without_a_note_stays_text() -> None:
    hostile = '"><img/src=x/onerror=alert(1)>'
    html = markdown.render_page(f"Tekst[^{hostile}] en[^geen].\n\n[^{hostile}]: Noot.\n", allowed_html=frozenset())
    assert "<img" not in html and 'href="#fn1"' in html
    assert "en[^geen]." in html  # no note of that name: the reference is text, as on GitHub and in Hugo


def test_the_prerendered_page_is_the_page() -> None:
    """The assessment keeps a body prerendered for publish (``markdown.prerender``): the notes are at its end too."""
    text = POSTS["named labels, references in a heading, a list, a quote and a table"].split("---\n", 2)[2]
    tokens = markdown.parse_keeping_every_link(text)
    prerendered = markdown.prerender(text, tokens)
    assert prerendered is not None
    assert markdown.render_page(text, prerendered=prerendered) == markdown.render_page(text)
    assert markdown.render_page(text).count('class="footnote-item"') == 2


EDGES = (
    "Een ![foto[^alt]](x.png) beeld en twee keer[^twee] dezelfde[^twee].\n\n[^alt]: Uit de alt-tekst.\n\n"
    "[^twee]: Eerste definitie.\n\n[^twee]: Tweede definitie.\n\n[^niemand]: Niemand verwijst hierheen.\n"
)
"""Review 2, item 8: a reference in an image's alt text, a label defined twice, a note nothing refers to."""


def test_notes_are_listed_as_markdown_it_lists_them() -> None:
    """The alt text's note was dropped: markdown-it numbers and lists it as it parses the alt text (the page shows no
    marker there). The rest is markdown-it's HTML, but for the number a reference shows (GitHub's and Hugo's)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    theirs = MarkdownIt("commonmark").use(footnote_plugin).render(EDGES)
    ours = markdown.render_page(EDGES, allowed_html=frozenset())
    assert ours == re.sub(r'(id="fnref\d+(?::\d+)?">)\[(\d+)(?::\d+)?\]', r"\1\2", theirs)
    assert "Uit de alt-tekst." in ours and "Eerste definitie" not in ours and "Niemand" not in ours


def test_a_note_no_page_shows_is_no_entry(tmp_path: Path) -> None:
    """A note nothing refers to was an entry to translate, shown nowhere. Both definitions of a label are entries:
    markdown-it shows the last, Hugo the first (``test_hugo``)."""
    site = make_site(tmp_path / "site", "default", {"blog/rand.md": f"---\ntitle: Rand\n---\n{EDGES}"}, folder="source_nl")
    extract(site)
    notes = {entry.msgid for entry in polib.pofile(str(site.catalog_path("blog/rand"))) if entry.comment == "footnote"}
    assert notes == {"Uit de alt-tekst.", "Eerste definitie.", "Tweede definitie."}


def test_a_footnote_is_an_entry_of_its_own_without_its_label(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "default", {"blog/oma.md": POSTS["several paragraphs in a note, continued lazily and indented"]}, folder="source_nl")
    extract(site)
    entries = {entry.msgid: entry for entry in polib.pofile(str(site.catalog_path("blog/oma")))}
    assert "Rust is ook werk[^1], zei ze[^lang]." in entries  # a reference stays in its sentence
    notes = {msgid: (entry.comment, entry.occurrences[0][1]) for msgid, entry in entries.items() if entry.comment == "footnote"}
    assert notes == {
        "Dat zei mijn oma altijd,\nen ze meende het.": ("footnote", "6"),
        "Een noot van twee alinea's.\nMet een tweede regel.": ("footnote", "9"),
        "De tweede alinea, *ingesprongen*.": ("footnote", "12"),
    }
    assert entries["met twee punten[^1]"].comment == "list item"
    assert not any("[^1]:" in msgid or "[^lang]:" in msgid for msgid in entries)


@pytest.mark.parametrize("name", POSTS)
def test_a_post_with_footnotes_comes_back_byte_for_byte(name: str) -> None:
    assert_identity(POSTS[name])


@pytest.mark.parametrize("name", POSTS)
def test_translated_notes_stay_notes(name: str) -> None:
    """translate-toolkit's fake translator, with a line more in every paragraph: each note keeps its place and its
    label, and renders at the end of the page."""
    document, segments = load(POSTS[name])
    english = reassemble_body(
        document, segments, lambda s: f"({s.text})" + ("\nmore" if s.slot.style == "block" else "")  # type: ignore[union-attr]
    )
    dutch_html, english_html = markdown.render(document.body), markdown.render(english)
    assert english_html.count('class="footnote-item"') == dutch_html.count('class="footnote-item"') > 0
    assert re.findall(r'href="#fn[^"]*"', english_html) == re.findall(r'href="#fn[^"]*"', dutch_html)


WORDS = st.sampled_from(["rust", "werk", "oma", "*zei*", "`code`", "2019", "[link](/a)", "ook", "altijd"])
LABELS = st.sampled_from(["1", "2", "oma", "noot-3"])


@st.composite
def texts(draw, references: bool = True) -> str:  # type: ignore[no-untyped-def]
    words = draw(st.lists(st.one_of(WORDS, LABELS.map(lambda label: f"werk[^{label}]")) if references else WORDS, min_size=1, max_size=6))
    return " ".join(words).capitalize() + "."


@st.composite
def posts(draw) -> str:  # type: ignore[no-untyped-def]
    """A post of paragraphs, list items and headings with references, and notes of one or more paragraphs whose lines
    go on lazily, indented by two or by four (a note's further paragraphs by four)."""
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["paragraph", "item", "heading"]))
        prefix = {"paragraph": "", "item": "- ", "heading": "## "}[kind]
        blocks.append(prefix + draw(texts()))
    for label in draw(st.lists(LABELS, max_size=3, unique=True)):
        first = draw(texts(references=False))
        more = draw(st.lists(st.tuples(st.sampled_from(["", "  ", "    "]), texts(references=False)), max_size=2))
        note = f"[^{label}]: {first}" + "".join(f"\n{indent}{line}" for indent, line in more)
        for paragraph in draw(st.lists(texts(), max_size=2)):
            note += f"\n\n    {paragraph}"
        blocks.append(note)
    return "---\ntitle: T\n---\n" + draw(st.sampled_from(["\n\n", "\n\n\n"])).join(blocks) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posts())
def test_every_generated_post_with_footnotes_comes_back_byte_for_byte(text: str) -> None:
    assert_identity(text)


def problems(dutch: str, english: str) -> list[tuple[str, str]]:
    entry = Entry(Translation(None, dutch, english, False, 7, ""), {}, Glossary({}, ()))
    return [(problem.check, problem.message) for problem in check_entries([entry])]


@pytest.mark.parametrize(
    ("dutch", "english", "found"),
    [
        ("Rust is ook werk[^1].", "Rest is work too.",
         [("markup.footnotes", "the footnote reference [^1] is missing — keep the marker [^1] where the note belongs")]),
        ("Rust is ook werk[^1].", "Rest[^2] is work too[^1].",
         [("markup.footnotes", "the footnote reference [^2] is not in the Dutch — remove it (the English has the Dutch's notes)")]),
        ("Zei oma[^oma].", "Said grandma[^grandma].",
         [("markup.footnotes", "the footnote reference [^grandma] should be [^oma] — write the Dutch's label")]),
        ("In 2019[^1] en 2020[^2].", "In 2019 and 2020[^2].",
         [("markup.footnotes", "the footnote reference [^1] is missing — keep the marker [^1] where the note belongs")]),
        ("Rust is ook werk[^1].", "Rest is work too[^1].", []),
        ("Zie `[^1]` in code.", "See `[^1]` in code.", []),
    ],
)
def test_a_footnote_reference_dropped_or_added_is_said_as_one_and_no_number_is_missing(dutch: str, english: str, found: list) -> None:
    assert problems(dutch, english) == found


def test_check_says_where_a_reference_is_missing_and_what_to_do(tmp_path: Path) -> None:
    """The user's case, through the whole assessment (the English body's parse outlines the English)."""
    root = rust_site(tmp_path)
    path = root / "translations/en/blog/rust.po"
    catalog = polib.pofile(str(path), wrapwidth=0)
    entry = next(entry for entry in catalog if entry.msgid == "Rust is ook werk[^1].")
    entry.msgstr = "Rest is work too."
    catalog.save(str(path))
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text == 'msgstr "Rest is work too."')
    code, output = run_task(tasks.check, root)
    assert code == 1
    said = [text for text in output.splitlines() if "footnote" in text]
    assert said and said[0].startswith(f"translations/en/blog/rust.po:{line - 1}: error: markup.footnotes: the footnote reference [^1] is missing"), output
    assert "numbers" not in output


def test_hugo_builds_the_exported_english_with_its_footnote(tmp_path: Path) -> None:
    root = rust_site(tmp_path, "hugo-by-filename", "content")
    (root / "config.toml").write_text(hugo_config("hugo-by-filename"), encoding="utf-8")
    (root / "layouts/_default").mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (root / "layouts/_default" / name).write_text(LAYOUT, encoding="utf-8")
    assert not export(Site.open(root)).errors
    written = (root / "content/blog/rust.en.md").read_text(encoding="utf-8")
    assert "Rest is work too[^1].\n\n[^1]: My grandmother always said so & meant it: rest < work.\n" in written
    public = build(root)
    for path, note in (("en/blog/rest/index.html", "My grandmother always said so &amp; meant it: rest &lt; work."), ("blog/rust/index.html", "Dat zei mijn oma altijd.")):
        html = (public / path).read_text(encoding="utf-8")
        assert re.search(r'<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>', html), html
        assert re.search(r'<li id="fn:1">\s*<p>' + re.escape(note) + r'&#160;<a href="#fnref:1" class="footnote-backref"', html), html
        assert "[^1]" not in html


BEFORE_NOTES = """\
# English translation of source_nl/blog/rust.md.
msgid ""
msgstr ""
"Project-Id-Version: publish-pipeline\\n"
"Report-Msgid-Bugs-To: \\n"
"PO-Revision-Date: 2026-11-20 10:00+0000\\n"
"Last-Translator: \\n"
"Language-Team: English\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Source-Language: nl\\n"

#: source_nl/blog/rust.md:1
msgctxt "slug"
msgid "rust"
msgstr "rest"

#: source_nl/blog/rust.md:2
msgctxt "title"
msgid "Rust"
msgstr "Rest"

#: source_nl/blog/rust.md:5
msgid "Rust is ook werk[^1]."
msgstr "Rest is work too[^1]."

#: source_nl/blog/rust.md:7
msgid "[^1]: Dat zei mijn oma altijd."
msgstr "[^1]: My grandmother always said so."
"""
"""A PO file of ``RUST`` as extract wrote it before footnotes were entries of their own: the note was a paragraph,
its label in the Dutch and in the approved English."""


def test_a_footnote_translated_with_its_label_is_offered_without_it(tmp_path: Path) -> None:
    """The trial: the old entry was offered for the footnote's text with '[^1]: ' in its English, which the
    translator had to notice and delete. It is offered without the label, fuzzy (to be reviewed) as any changed
    text, the old Dutch as its previous text; the entries that did not change stay approved."""
    site = make_site(tmp_path / "site", "default", {"blog/rust.md": RUST}, folder="source_nl")
    catalog = site.catalog_path("blog/rust")
    catalog.parent.mkdir(parents=True, exist_ok=True)
    catalog.write_text(BEFORE_NOTES, encoding="utf-8")
    extract(site)
    po = polib.pofile(str(catalog))
    note = po.find("Dat zei mijn oma altijd.")
    assert (note.msgstr, note.fuzzy, note.previous_msgid) == ("My grandmother always said so.", True, "[^1]: Dat zei mijn oma altijd.")
    assert note.comment == "footnote"
    assert po.find("Rust is ook werk[^1].").msgstr == "Rest is work too[^1]." and not po.find("Rust is ook werk[^1].").fuzzy
    assert po.obsolete_entries() == []
