from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from conftest import read_cases
from publish_pipeline.text import markdown, segmentation, template_syntax
from publish_pipeline.text.document import parse_document
from publish_pipeline.errors import SourceError
from publish_pipeline.text.segmentation import SLUG, FieldSlot, Piece, segment

FIELDS = ("title", "summary", "tags")
CASES = read_cases("segments.txt")


def describe(text: str) -> list[str]:
    document = parse_document(text, "blog/x", "source_nl/blog/x.md")
    return [
        f"{s.line} {s.role}: {s.text}".replace("\\", "\\\\").replace("\n", "\\n")
        for s in segment(document, FIELDS)
        if s.context != SLUG  # every document has one; tested on its own below
    ]


@pytest.mark.parametrize(("title", "source", "expected"), CASES, ids=[case[0] for case in CASES])
def test_segments(title: str, source: str, expected: str) -> None:
    assert describe(source) == expected.splitlines()


def test_front_matter_fields_have_their_name_as_context() -> None:
    document = parse_document("---\ntitle: Kop\nsummary: Kop\n---\n# Kop\n", "blog/x", "x.md")
    assert [(s.context, s.text) for s in segment(document, FIELDS)] == [
        ("slug", "x"), ("title", "Kop"), ("summary", "Kop"), (None, "Kop")
    ]


def test_the_url_slug_is_an_entry_unless_the_author_fixes_it() -> None:
    document = parse_document("---\ntitle: Kop\n---\n", "blog/wat-is-vertrouwen", "x.md")
    [slug, _] = segment(document, FIELDS)
    assert (slug.context, slug.text, slug.slot) == ("slug", "wat-is-vertrouwen", FieldSlot("slug"))
    fixed = parse_document("---\ntitle: Kop\ntranslation_slug: what-is-trust\n---\n", "blog/wat-is-vertrouwen", "x.md")
    assert [s.context for s in segment(fixed, FIELDS)] == ["title"]


def test_a_translated_field_that_is_not_text_is_an_error_on_its_line() -> None:
    document = parse_document("---\ntitle: Kop\nsubtitle:\n  a: b\n---\n", "x", "source_nl/x.md")  # a summary is refused when read
    with pytest.raises(SourceError) as caught:
        segment(document, (*FIELDS, "subtitle"))
    assert caught.value.where == "source_nl/x.md:3"
    assert "'subtitle' is translated, so it must be text" in caught.value.problem


def test_untranslated_fields_are_not_segments() -> None:
    document = parse_document("---\ntitle: Kop\nslug: kop\nauthor: Annemarie\ntranslation_slug: head\n---\n", "x", "x.md")
    assert [s.text for s in segment(document, FIELDS)] == ["Kop"]


# Table cells ----------------------------------------------------------------------------------------------------------


def cells(body: str) -> list[tuple[str, int, tuple[Piece, ...]]]:
    document = parse_document("---\ntitle: T\n---\n" + body, "t", "t.md")
    return [(s.text, s.line, s.slot.pieces) for s in segment(document, ()) if s.role == "table cell"]  # type: ignore[union-attr]


@pytest.mark.parametrize(("body", "expected"), [
    ("| Kop | Tweede |\n|---|:--:|\n| een | twee |\n",
     [("Kop", 4, (Piece(0, 2, 5),)), ("Tweede", 4, (Piece(0, 8, 14),)), ("een", 6, (Piece(2, 2, 5),)), ("twee", 6, (Piece(2, 8, 12),))]),
    ("Kop | Tweede\n--- | ---\neen \\| half | `co|de` twee\n",
     [("Kop", 4, (Piece(0, 0, 3),)), ("Tweede", 4, (Piece(0, 6, 12),)), ("een | half", 6, (Piece(2, 0, 11),)), ("`co", 6, (Piece(2, 14, 17),))]),
    (">  |  a  | b\\|c |\n> |-|-|\n> | | d |\n",
     [("a", 4, (Piece(0, 6, 7),)), ("b|c", 4, (Piece(0, 11, 15),)), ("d", 6, (Piece(2, 6, 7),))]),
    ("- lijst\n\n  | x | y | z |\n  |---|---|---|\n  | p | q\n",
     [("x", 6, (Piece(2, 4, 5),)), ("y", 6, (Piece(2, 8, 9),)), ("z", 6, (Piece(2, 12, 13),)), ("p", 8, (Piece(4, 4, 5),)), ("q", 8, (Piece(4, 8, 9),))]),
    ("|a|b|\n|-|-|\n|c|d|e|\n",
     [("a", 4, (Piece(0, 1, 2),)), ("b", 4, (Piece(0, 3, 4),)), ("c", 6, (Piece(2, 1, 2),)), ("d", 6, (Piece(2, 3, 4),))]),
])
def test_table_cells_are_where_they_were_before_rows_were_split_once(body: str, expected: list) -> None:
    assert cells(body) == expected  # the expected values are e0c2375's output, which split the row per cell


def test_a_table_row_is_split_once_not_once_per_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    splits = []
    split = segmentation._split_row
    monkeypatch.setattr(segmentation, "_split_row", lambda row: splits.append(row) or split(row))
    columns = 40
    row = "| " + " | ".join(f"cel{i}" for i in range(columns)) + " |\n"
    found = cells(row + "|" + "---|" * columns + "\n" + row + row)
    assert len(found) == 3 * columns
    assert len(splits) == 3  # a row split per cell makes a wide row quadratic (10,000 columns: minutes)


ONE_SCAN = [
    # an HTML block: is a comment left open, what are its texts
    ("html_text", "markup", '<div class="kader">\n<p>Een <b>blok</b> met tekst.</p>\n<img alt="Een foto" src="x.png">\n</div>\n',
     ["Een <b>blok</b> met tekst.", "Een foto"], '<div class="kader">\n<p>Een <b>blok</b> met tekst.</p>\n<img alt="Een foto" src="x.png">\n</div>\n'),
    # a block of template syntax: has it words, what text for readers do its shortcodes hold
    ("template_syntax", "spans", '{{< figure src="a.png" alt="Een foto" >}}\n\nTekst.\n', ["Een foto", "Tekst."],
     '{{< figure src="a.png" alt="Een foto" >}}'),
]


@pytest.mark.parametrize("module, scanner, body, texts, block", ONE_SCAN, ids=["HTML", "template syntax"])
def test_two_questions_about_a_block_take_one_scan_of_it(
    monkeypatch: pytest.MonkeyPatch, module: str, scanner: str, body: str, texts: list[str], block: str
) -> None:
    scans = []
    owner = importlib.import_module(f"publish_pipeline.text.{module}")
    scan = getattr(owner, scanner)
    monkeypatch.setattr(owner, scanner, lambda text: scans.append(text) or scan(text))
    document = parse_document(f"---\ntitle: T\n---\n{body}", "blog/x", "x.md")
    assert [s.text for s in segment(document, ())][1:] == texts
    assert scans.count(block) == 1


_CELL = st.text(alphabet="ab |\\*", min_size=0, max_size=8).map(lambda cell: cell.replace("\\", "\\\\").replace("|", "\\|"))


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(_CELL, min_size=1, max_size=6), min_size=1, max_size=4),
    columns=st.integers(1, 5),
    prefix=st.sampled_from(["", "> ", "- ", " "]),
    outer=st.booleans(),
)
def test_every_table_cell_is_found_where_the_parser_sees_it(rows: list[list[str]], columns: int, prefix: str, outer: bool) -> None:
    def line(row: list[str]) -> str:
        text = " | ".join(row)
        return f"| {text} |" if outer or len(row) == 1 else text

    lines = [line(rows[0][:columns] + ["kop"] * (columns - len(rows[0][:columns]))), line(["---"] * columns)]
    lines += [line(row) for row in rows[1:]]
    indent = " " * len(prefix) if prefix == "- " else prefix
    body = prefix + f"\n{indent}".join(lines) + "\n"
    tokens = markdown.parse(body)
    expected = [
        token.content for parent, token in zip(tokens, tokens[1:])
        if parent.type in ("th_open", "td_open") and any(ch.isalpha() for ch in token.content)
    ]
    found = cells(body)
    assert [text for text, _, _ in found] == expected
    source = body.split("\n")
    for text, _, (piece,) in found:
        written = source[piece.line][piece.start : piece.end]
        assert written.replace("\\|", "|") == text and written == written.strip()
    for (_, _, (one,)), (_, _, (other,)) in zip(found, found[1:]):
        assert (one.line, one.end) < (other.line, other.start)


def test_images_that_make_a_paragraph_are_found_on_each_of_its_lines() -> None:
    body = "> ![een](/a.png \"Titel een\")\n> ![twee\n> regels](/b.png)\n> [![drie](/c.png 'Drie\n> titel')](/d)\n"
    document = parse_document("---\ntitle: T\n---\n" + body, "t", "t.md")
    assert [(s.text, s.role, s.line, s.slot.pieces) for s in segment(document, ()) if s.context is None] == [  # type: ignore[union-attr]
        ("een", "image alt text", 4, (Piece(0, 4, 7),)),
        ("Titel een", "image title", 4, (Piece(0, 17, 26),)),
        ("twee\nregels", "image alt text", 5, (Piece(1, 4, 8), Piece(2, 2, 8))),
        ("drie", "image alt text", 7, (Piece(3, 5, 9),)),
        ("Drie\ntitel", "image title", 7, (Piece(3, 19, 23), Piece(4, 2, 7))),
    ]  # e0c2375's output, before the line of an offset was found by a binary search


INLINE_PARTS = [
    "a", "Kop", " ", "1", ".", ",", "1,5", "2.500", "\n", "`", "`a`", "``", "<b>", "</b>", "<", ">", "<!-- a -->", "[", "]", "(", ")",
    "[a](b)", "[a]", "&amp;", "&#97;", "&", ";", "\\", "\\*", "\\a", "*a*", "_", "!", "![a](b)", "![](b)",
    "http://a.nl", "www.a.nl", "<http://a.nl>", "<a@b.nl>", "{{< x >}}", "{{< x a=\"b\" >}}", "{% y %}", "{{ z }}",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(INLINE_PARTS), max_size=8).map("".join))
def test_a_text_is_parsed_for_words_only_when_markup_could_hide_its_first_letter(content: str) -> None:
    """The shortcut (a letter before any markup is a word) answers as the inline parser does."""
    token = Token("inline", "", 0, content=content)
    parsed = segmentation._words_in(markdown.parse_inline(template_syntax.without(content), {"references": {}}))
    assert segmentation._has_words(content, {"references": {}}, segmentation._templates(token)) == parsed


@pytest.mark.parametrize("text, english", [("0.153", "0.153"), ("0.153+", "0.153+"), ("0,153", "0.153"), ("10.153", "10,153"), ("€ 0,50", "€0.50")])
def test_a_number_with_a_leading_zero_group_is_no_dutch_thousands(text: str, english: str) -> None:
    """Docsy's release notes write 'Hugo 0.153+': no Dutch grouping of thousands starts with 0, so it is English already
    (a cell of it is no entry, and a draft leaves it as it is); '0,153' is a Dutch decimal comma."""
    assert segmentation.english_numbers(text) == english
    assert segmentation._to_translate(text) == (text != english)


def test_only_a_bracket_that_opens_a_wordpress_shortcodes_name_is_template_syntax() -> None:
    """Brackets are common in prose and Markdown: a link's text named like a shortcode, ``[sic]``, ``[captions]``, a
    shortcode in code are no WordPress shortcode; ``[gallery ids="1,2"]`` and ``[/caption]`` are."""
    prose = 'Zie de [video](x.mp4), [sic], [captions] en `[gallery ids="3"]`; [Video] [gallery-x] [embed'
    assert list(template_syntax.spans(prose)) == []
    found = template_syntax.spans('[gallery ids="1,2"] en [caption]Foto[/caption] [youtube=https://youtu.be/x]')
    assert [(t.kind, t.name, t.shown) for t in found] == [
        ("wordpress", "gallery", '[ gallery ids="1,2" ]'), ("wordpress", "caption", "[ caption ]"),
        ("wordpress", "/caption", "[ /caption ]"), ("wordpress", "youtube", "[ youtube =https://youtu.be/x ]"),
    ]


def test_a_wordpress_code_shortcode_is_template_syntax_only_with_its_closing_tag() -> None:
    """``[code]…[/code]`` and ``[sourcecode …]…[/sourcecode]`` hold code: one unit, compared whole, nothing inside is
    text. Alone, ``[code]`` is no shortcode (a link's text: ``[code](x)``, ``[code]`` with a definition)."""
    assert list(template_syntax.spans("Zie de [code](https://x.nl) en [code] en [[code]].")) == []
    found = list(template_syntax.spans('Schrijf [code]print("a")[/code] of [sourcecode lang=css]p {}\n\nq {}[/sourcecode].'))
    assert [(t.name, t.literal, t.shown) for t in found] == [
        ("code", True, '[code]print("a")[/code]'), ("sourcecode", True, "[sourcecode lang=css]p {}\n\nq {}[/sourcecode]"),
    ]
    assert template_syntax.without('Schrijf [code]print("a")[/code] aan.') == "Schrijf   aan."


def test_a_linked_image_before_a_caption_or_a_text_is_its_alt_text_and_that_text() -> None:
    """WordPress writes a picture as a link around its image (``<a href="groot.jpg"><img alt="…"></a> Bijschrift``),
    in a caption and in HTML. An image before a text stood outside the text's entry, its alt text an entry; a linked
    one was inside it, its alt text in a tag no engine is sent (Dutch on the English page). Now both are alike; a
    link with text in it stays in the text."""
    from test_reassembly import assert_identity, load

    bodies = {
        '[caption id="a" width="500"]<a href="groot.png"><img src="klein.png" alt="De zee" /></a> De zee bij Petten[/caption]\n':
            [("De zee", "HTML <img> alt"), ("De zee bij Petten", "wordpress caption: text")],
        '<p><a href="groot.jpg"><img src="klein.jpg" alt="Een foto"></a> Een foto van de zee.</p>\n':
            [("Een foto", "HTML <img> alt"), ("Een foto van de zee.", "HTML <p> text")],
        '<p><a href="x.html">Een link</a> en tekst.</p>\n': [('<a href="x.html">Een link</a> en tekst.', "HTML <p> text")],
    }
    for body, expected in bodies.items():
        text = f"---\ntitle: T\n---\n\n{body}"
        assert [(s.text, s.role) for s in load(text)[1]][2:] == expected
        assert_identity(text)


def test_a_wordpress_code_block_right_below_a_list_items_text_is_code() -> None:
    """A WordPress import (thingsilearned's Jekyll blog) writes the code block on the lines right below a list item's
    text, not indented: read lazily as the item's text, its ``>>>`` lines were a quote, an entry sent to the engine, and
    the page showed the tags as text. Now the block ends the item's text and is code."""
    from test_reassembly import assert_identity, load

    body = (
        "  5. Test het!\n[sourcecode language=\"python\"]\n>>> from django.core.mail import send_mail\n"
        ">>> send_mail('Het werkt', 'Echt.')\n[/sourcecode]\n\nKlaar.\n"
    )
    text = f"---\ntitle: T\n---\n\n{body}"
    assert [s.text for s in load(text)[1]][2:] == ["Test het!", "Klaar."]
    assert_identity(text)
    page = markdown.render_page(body)
    assert '<pre><code class="language-python">&gt;&gt;&gt; from django' in page and "sourcecode" not in page, page
