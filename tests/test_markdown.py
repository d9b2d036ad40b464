"""The Markdown configuration's shortcuts change no token: each parse is compared with markdown-it's own."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from publish_pipeline.text import markdown

PIECES = [
    "", " ", "  ", "   ", "    ", "\t", "> ", ">", "- ", "-", "* ", "*", "+ ", "1. ", "2) ", "10. ", "# ", "## ", "#",
    "```", "~~~", "``` py", "---", "***", "___", "- - -", "===", "<div>", "</div>", "<!--", "-->", "<p>", "<?x", "?>",
    "[a]: /u", "[a]: /u 'T'", "[a]", "[b](/x y)", "![c](/i.png)", "<https://e.org/a b>", "| a | b |", "|---|---|",
    ":--", "--:", "|", "text", "Tekst *nadruk*", "`code`", "&amp;", "\\#", "_", "[", "]", "(", ")", "[x](<a b> \"t\")",
    "http://e.org/ü", "[d]: http://e.org/%zz", "é", "\r", "\0", "[^1]: ", "[^1]", "[^n]:", "[^n]", "^",
]
"""Fragments whose order decides every kind of block: markers, indentation, fences, HTML, definitions, tables, footnotes
(and what the parse normalizes: a carriage return, a NUL)."""

lines = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)
texts = st.lists(lines, min_size=1, max_size=12).map("\n".join)


def reference(notes_at_end: bool = False) -> MarkdownIt:
    """The same configuration as markdown-it and its footnote plugin make it, with none of ours; ``notes_at_end``: with
    the plugin's own core rule that moves the notes to the end (ours does it as it renders) and our footnote numbers."""
    md = MarkdownIt("commonmark", {"inline_definitions": True}).enable(["table", "strikethrough"])
    md.use(footnote_plugin, inline=False, move_to_end=notes_at_end)
    md.add_render_rule("definition", lambda *args: "")
    md.add_render_rule("footnote_caption", markdown._footnote_number)
    return md


REFERENCE = reference()
RENDERING = reference(notes_at_end=True)
BLOCKS = reference().disable("inline")


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_the_parse_is_markdown_its_own(text: str) -> None:
    """The block rules not called on lines they cannot match, and the links normalized once per URL, change nothing;
    the footnotes moved to the end as the page is rendered are the plugin's, numbered as it numbers them."""
    tokens = [token.as_dict() for token in markdown.parse(text)]
    assert tokens == [token.as_dict() for token in REFERENCE.parse(text)]
    assert markdown.render(text) == RENDERING.render(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_block_parse_is_markdown_its_own(text: str) -> None:
    expected = [token.as_dict() for token in BLOCKS.parse(text)]
    assert [token.as_dict() for token in markdown.parse_blocks(text, {})] == expected


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from([*string.printable, "é", "’", "\u00a0", "\u3000"]), max_size=30))
def test_a_text_without_markup_is_the_one_text_token_markdown_it_makes(text: str) -> None:
    """The inline shortcut (``markdown.MARKUP``) on any text of printable characters: the same tokens and HTML as
    markdown-it's own parse, whatever punctuation the text holds (``-``, ``:``, ``!`` … make no token here)."""
    assert [token.as_dict() for token in markdown.parse(text)] == [token.as_dict() for token in REFERENCE.parse(text)]
    expected: list[Token] = []
    REFERENCE.inline.parse(text, REFERENCE, {}, expected)  # as the core rule runs it: the text as it stands
    assert [token.as_dict() for token in markdown.parse_inline(text, {})] == [token.as_dict() for token in expected]


INLINE_PIECES = [*string.printable, "é", "![a](/i.png)", "[b](/x \"t\")", "**", "__", "~~", "`", "<a href=\"/y\">", "&amp;", "\\"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(INLINE_PIECES), max_size=25).map("".join))
def test_the_text_rule_stopping_only_where_a_rule_can_fire_makes_markdown_its_tokens(text: str) -> None:
    """The ``text`` rule runs on past ``-``, ``:``, ``]``, ``#`` … (``markdown._TERMINATORS``): the same tokens as
    markdown-it's own inline parse, which stops there and asks every rule."""
    expected: list[Token] = []
    REFERENCE.inline.parse(text, REFERENCE, {}, expected)
    assert [token.as_dict() for token in markdown.parse_inline(text, {})] == [token.as_dict() for token in expected]


def test_markdown_inside_an_html_block_that_asks_for_it_is_markdown_as_jekyll_renders_it() -> None:
    """kramdown's ``markdown="1"``: the text between the tag's lines is Markdown (CommonMark left ``**Let op:**`` as
    asterisks on our page); without it, or never closed, or the same element nested in it, the block is HTML."""
    text = '<div class="notice" markdown="1">\n**Let op:** lees dit *eerst*.\n\n- een punt\n</div>\n\nNa.\n'
    assert markdown.render(text) == (
        '<div class="notice" markdown="1">\n<p><strong>Let op:</strong> lees dit <em>eerst</em>.</p>\n'
        "<ul>\n<li>een punt</li>\n</ul>\n</div>\n<p>Na.</p>\n"
    )
    for html in ('<div class="notice">\n**Let op:**\n</div>\n', '<div markdown="1">\n**Let op:**\n',
                 '<div markdown="1">\n<div>x</div>\n**Let op:**\n</div>\n'):
        assert markdown.render(html) == REFERENCE.render(html)


def test_the_table_rule_is_tried_only_on_a_line_with_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table's header row has a ``|``: markdown-it's table rule is not called on any other line (it was on every line
    of every block, and again on each line of a paragraph, to ask whether it ends there), and the table still is one."""
    from markdown_it import parser_block

    tried: list[int] = []
    rules = [(name, rule, alt) for name, rule, alt in parser_block._rules]
    table = next(rule for name, rule, _ in rules if name == "table")

    def counting(state, start_line, end_line, silent):  # type: ignore[no-untyped-def]
        tried.append(start_line)
        return table(state, start_line, end_line, silent)

    monkeypatch.setattr(parser_block, "_rules", [(name, counting if name == "table" else rule, alt) for name, rule, alt in rules])
    text = "Een alinea\nover twee regels.\n\n> Een citaat\n> met | een streep.\n\n| a | b |\n|---|---|\n| c | d |\n\n- een punt\n"
    tokens = markdown._configured().parse(text)
    assert tried and all("|" in text.splitlines()[line] for line in tried)
    assert [token.type for token in tokens].count("table_open") == 1
    assert [token.as_dict() for token in tokens] == [token.as_dict() for token in REFERENCE.parse(text)]


def test_an_inline_tag_whose_alt_text_is_translated_is_the_dutch_tag_on_the_page() -> None:
    """The checks call an inline tag that differs from the Dutch's only in its text attributes (alt, title,
    aria-label) the Dutch's tag; the page showed it as text ('<img src=…>' among the words). Any other change (another
    attribute, another address) is still no tag of the Dutch's: text."""
    dutch = 'Een alinea met <img src="inline.png" alt="klein"> en [caption id="a"]<img src="x.png" alt="Het boek">[/caption]\n'
    allowed = markdown.html_of(dutch)
    page = markdown.render_page('A paragraph with <img src="inline.png" alt="small"> and <img src="x.png" alt="The book">\n', allowed_html=allowed)
    assert page == '<p>A paragraph with <img src="inline.png" alt="small"> and <img src="x.png" alt="The book"></p>\n'
    for foreign in ('<img src="inline.png" alt="small" onerror="x">', '<img src="javascript:x" alt="small">'):
        assert "&lt;img" in markdown.render_page(f"A {foreign} b\n", allowed_html=allowed)
