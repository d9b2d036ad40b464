"""Cut a document into segments: the units a translator translates.

A segment is a translatable front-matter value or a piece of the body: a heading,
a paragraph (in a list item, a blockquote or a footnote too), a table cell, the alt text and
title of an image that stands alone, the title of a link definition, the text
for readers in a block that is only template syntax (a shortcode's caption), and
the text runs and text attributes of an HTML block (see ``html_text``). Code,
URLs, template syntax, HTML tags and front-matter keys are never segments, and
neither is text with nothing to translate (``_to_translate``: a lone code span, or a
number English writes the same). Inline Markdown,
inline HTML and inline template syntax stay in the text as the author wrote them.

Each body segment also records where its text sits in the source (``pieces``), so
that reassembly can put a translation in the same place.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial
from itertools import accumulate
from typing import Any

from markdown_it.common.utils import MD_TRIM_CHARS, mdTrim, unescapeAll
from markdown_it.token import Token

from . import alerts, html_text, markdown, template_syntax
from .document import Document, as_written, quote_it
from .slugs import FIXED_SLUG, SLUG
from ..errors import SourceError


@dataclass(frozen=True)
class Piece:
    """The part of one body line, ``[start, end)``, that belongs to a segment."""

    line: int
    start: int
    end: int


@dataclass(frozen=True)
class BodySlot:
    """Where a segment's text is in the body.

    ``pieces``: one per source line the text spans, in order.
    ``continuation``: the container prefix (``> ``, list indentation) for lines
    a translation adds.
    ``style``: how a translation must be written there: ``block`` (may span
    lines), ``line`` (one line, as in an ATX heading), ``cell`` (one line with
    ``|`` escaped), ``admonition`` (an admonition's title: one line), or ``title:<quote>`` (a link title between
    quotes).
    """

    pieces: tuple[Piece, ...]
    continuation: str
    style: str


@dataclass(frozen=True)
class FieldSlot:
    """A front-matter value: ``key``, and ``index`` within a list of values; ``edges``: the white space before and
    after its text, which the value keeps around a translation (a block scalar's last line break, ``summary: |``)."""

    key: str
    index: int | None = None
    edges: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Segment:
    """One translatable text.

    ``text``: the msgid, exactly as the author wrote it (inline Markdown included).
    ``context``: the msgctxt (the field name for front matter, else None).
    ``role``: what the text is, for the translator (``heading``, ``list item`` …).
    ``line``: the 1-based line in the source file where the text starts.
    """

    text: str
    context: str | None
    role: str
    line: int
    slot: BodySlot | FieldSlot


_CONTAINER_ROLES = {"blockquote_open": "blockquote", "list_item_open": "list item", "footnote_reference_open": "footnote"}
"""What a paragraph is in each container, for the translator: a footnote definition's text is one too, its
``[^label]:`` left out as structure (the label only pairs the note with its references, as a URL does a link)."""


def segment(document: Document, translate_fields: tuple[str, ...], env: dict[str, Any] | None = None) -> list[Segment]:
    """The segments of a document, front matter first, then the body in reading order.

    ``env``, when given, receives the parse environment (``references``: the link definitions;
    ``tokens``: the body's block tokens, from which ``body_html`` makes its raw HTML).
    """
    env = {} if env is None else env
    return [*_field_segments(document, translate_fields), *_body_segments(document, env)]


def _field_segments(document: Document, translate_fields: tuple[str, ...]) -> Iterator[Segment]:
    if FIXED_SLUG not in document.front_matter and not document.is_section:
        # The translated URL is reviewed like any text, so an approved slug never changes by accident. A section
        # page has none: it is served at its folder's URL (``site.english_path``), as Hugo ignores its slug.
        yield Segment(document.slug, SLUG, "URL slug: lowercase words joined by hyphens", 1, FieldSlot(SLUG))
    for key in translate_fields:
        value = document.front_matter.get(key)
        line = document.field_lines.get(key, 1)
        if isinstance(value, str):
            if value.strip():
                yield Segment(value.strip(), key, f"front matter: {key}", line, FieldSlot(key, None, _edges(value)))
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            for index, item in enumerate(value):
                if item.strip():
                    yield Segment(item.strip(), key, f"front matter: {key}", line, FieldSlot(key, index, _edges(item)))
        elif value is not None:
            raise _not_text(document, key, value, line)


def _not_text(document: Document, key: str, value: Any, line: int) -> SourceError:
    """The error for a translated field YAML read as no text (``description: true``, ``2024-01-02`` in a list): the
    value as she wrote it, and her line with it quoted (a Python ``True`` she never wrote, before)."""
    written = partial(as_written, written=(document.front_matter_text, document.spans))
    items = value if isinstance(value, list) else [value]
    wrong = next(index for index, item in enumerate(items) if not isinstance(item, str))
    found = written(items[wrong], key, wrong if isinstance(value, list) else None)
    if any(isinstance(item, (list, dict)) for item in items):
        hint = "write it as one line of text, or a list of them"
    elif isinstance(value, list):
        hint = quote_it(document.format, key, [item if isinstance(item, str) else written(item, key, i) for i, item in enumerate(value)])
    else:
        hint = quote_it(document.format, key, found)
    message = f"front matter: {key!r} is translated, so it must be text or a list of texts, found {found}"
    return SourceError(document.path, message, line=line, hint=hint)


def _edges(text: str) -> tuple[str, str]:
    """The white space at the start and at the end of a text: no part of the msgid (a PO editor shows a line break
    there as a stray one), kept in the skeleton."""
    stripped = text.strip()
    start = text.index(stripped)
    return text[:start], text[start + len(stripped) :]


class _Body:
    """The body's lines and offsets, for turning token positions into pieces."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.lines = document.body.split("\n")
        self.starts = [0, *accumulate(len(line) + 1 for line in self.lines)]

    def file_line(self, body_line: int) -> int:
        return self.document.body_line + body_line + 1

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of an offset into the body."""
        low, high = 0, len(self.lines) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low, offset - self.starts[low]

    def text_lines(self, content: str, first_line: int) -> tuple[Piece, ...] | None:
        """Pieces for text that fills the ends of consecutive lines (a paragraph's lines).

        Each line of ``content`` is the end of its source line once the container
        prefix is taken off; the last may have lost trailing spaces. None when the
        text cannot be found that way (tabs expanded in an indentation).
        """
        pieces = []
        for offset, text_line in enumerate(content.split("\n")):
            line = self.lines[first_line + offset]
            if not line.endswith(text_line):
                line = line.rstrip()
                if not line.endswith(text_line):
                    return None
            pieces.append(Piece(first_line + offset, len(line) - len(text_line), len(line)))
        return tuple(pieces)

    def error(self, line: int, problem: str) -> SourceError:
        return SourceError(
            self.document.path, problem, line=self.file_line(line), hint="replace tabs by spaces in that block"
        )


def _body_segments(document: Document, env: dict[str, Any]) -> Iterator[Segment]:
    body = _Body(document)
    env[markdown.ROW_STARTS] = {}
    env[markdown.PARSED] = {}  # the texts parsed here, for the publishing pass to take (``markdown.parse_for_publishing``)
    tokens = markdown.parse_blocks(document.body, env)
    markdown.outline_of(document.body, tokens)  # remembered for reassembly's structure check
    containers: list[str] = []
    row_cells: list[Piece] = []
    cell = 0
    literal = _inside_literal_blocks(tokens) if "{%" in document.body or "{{" in document.body else set()
    closed_below = _shortcodes_closed_below(body, tokens) if ">}}" in document.body else {}
    hidden = markdown.hidden_notes(tokens)  # no page shows them: nothing to translate
    for index, token in enumerate(tokens):
        if index in hidden:
            continue
        if token.type in _CONTAINER_ROLES:
            containers.append(_CONTAINER_ROLES[token.type])
        elif token.type in ("blockquote_close", "list_item_close", "footnote_reference_close"):
            containers.pop()
        elif token.type == "tr_open":
            row_cells, cell = _row_cells(body, env[markdown.ROW_STARTS][token.map[0]], token.map[0]), 0
        elif index in literal:  # code or a comment between {% highlight %} and {% endhighlight %}: never text
            for start, end, cut, begin in literal[index] if token.type == "inline" else ():  # the lines before it opens, after it closes
                text = "\n".join(token.content.split("\n")[start:end])[begin:]
                text = text if cut is None else text[: len(text) - len(text.rsplit("\n", 1)[-1]) + cut]
                if _has_words(text, env, list(template_syntax.spans(text))):
                    role = containers[-1] if containers else "paragraph"
                    yield _block(body, token, role, token.map[0], lines=(start, end), cut=cut, begin=begin)
        elif token.type == "definition":
            yield from _definition_title(body, token)
        elif token.type == "html_block":
            yield from _html_texts(body, token)
        elif token.type == "fence" and _unclosed_to_the_end(body, token):
            raise _unclosed_fence(body, token)
        elif index in closed_below and (whole := closed_below[index]) is not None:
            yield from _reader_arguments(body, whole, token.map[0], list(template_syntax.spans(whole)))
        elif index in closed_below:  # the text right below a shortcode's closing line: a paragraph (Hugo's) of its own
            if _has_words(token.content, env, _templates(token)):
                yield _block(body, token, "paragraph", token.map[0], below_closer=True)
        elif token.type == "inline" and tokens[index - 1].type == "admonition_title_open":
            yield from _admonition_title(body, token)
        elif token.type == "inline" and _DISPLAY_MATH.fullmatch(token.content):
            pass  # a formula (KaTeX, MathJax, Hugo's passthrough): no words to translate, and no engine may touch it
        elif token.type == "inline" and all(_ATTRIBUTE_LINE.fullmatch(line) for line in token.content.split("\n")):
            pass  # a block's attributes alone ({: .notice}): markup
        elif token.type == "inline" and token.content.startswith("[") and _definitions_alone(token.content):
            pass  # link definitions whose URL is template syntax ([2003]: {{< ref x >}}): markup, as Hugo reads them
        elif token.type == "inline" and _alert_kind_alone(tokens, index):
            pass  # an alert's kind in a paragraph of its own (``> [!TIP]``, ``>``, then its text): which box it is, not text
        elif token.type == "inline" and token.content.startswith(("[caption", "[wp_caption")) and (
            captioned := _caption_texts(body, token)
        ) is not None:
            yield from captioned
        elif token.type == "inline" and _has_words(token.content, env, templates := _templates(token)):  # kept for the next branch
            parent = tokens[index - 1]
            role = containers[-1] if containers else "paragraph"
            if parent.type == "heading_open" and parent.markup.startswith("#"):
                yield _atx_heading(body, token)
            elif parent.type == "heading_open":
                yield _block(body, token, "heading", token.map[0])
            elif parent.type in ("th_open", "td_open"):
                yield _table_cell(body, token, row_cells, cell)
            elif not (images := list(_lone_images(body, token, role, env))):
                yield _block(body, token, role, token.map[0], task_box=tokens[index - 2].type == "list_item_open")
            else:
                yield from images
        elif token.type == "inline" and tokens[index - 1].type not in ("th_open", "td_open"):
            yield from _reader_arguments(body, token.content, token.map[0], templates)
        if token.type in ("th_close", "td_close"):
            cell += 1
    env[TOKENS] = tokens


TOKENS = "tokens"
"""Where ``segment`` leaves the body's block tokens in its ``env``."""


def body_html(env: dict[str, Any]) -> frozenset[str]:
    """The body's raw HTML as ``markdown.html_of`` gives it, made from the parse ``segment`` left in ``env``.

    Made only when asked: a parse that is kept needs it for the verdicts, extract
    never reads it (on documents with much HTML, making it was a tenth of a cold extract).
    """
    tokens, parsed = env[TOKENS], env.get(markdown.PARSED, {})
    for token in tokens:  # only a text with a "<" can hold an inline tag: the others need no inline parse
        if token.type == "inline" and "<" in token.content:
            token.children = parsed.get(token.content) or markdown.parse_inline(token.content, env)
    return markdown.html_in(tokens)


_OPENERS = re.compile(r"<!--|<!\[CDATA\[|<\?|<!")
_CLOSERS = {
    "<!--": ("an HTML comment", "-->"), "<![CDATA[": ("a CDATA section", "]]>"),
    "<?": ("a processing instruction", "?>"), "<!": ("an HTML declaration", ">"),
}
"""What each opening of ``html_text.unclosed`` is called, and what closes it."""


def _inside_literal_blocks(tokens: list[Token]) -> dict[int, list[tuple[int, int, int | None, int]]]:
    """The texts (by token index) inside a ``highlight`` or ``comment`` block (Liquid's or Hugo's, or a Hugo shortcode
    given a ``lang``: ``template_syntax.literal_opened``) that spans blocks (``raw`` holds text), each with the lines
    of it (slices of its text's lines) that are text still: those above the line that opens the block, those below the
    line that closes it (``{{< /tab >}}``, then the next tab's text, in one paragraph); a slice's last line is cut
    where the block opens when text stands before the opener on it (its third item: that column, or None), and its
    first line starts where the block closes when text follows the closer on it (its fourth item: that column, or 0:
    ``{% endhighlight %} en verder.``).

    Code in a ``{% highlight %}`` block often has blank lines, which end Markdown
    paragraphs; every block from the opening tag to the closing one is that code.
    """
    inside: dict[int, list[tuple[int, int, int | None, int]]] = {}
    name = None
    for index, token in enumerate(tokens):
        if token.type not in ("inline", "html_block") or name is None and "{%" not in token.content and "{{" not in token.content:
            continue
        lines, line, kept, begin = token.content.split("\n"), 0, [], 0
        while line < len(lines):
            if name is not None:  # inside: to the line that closes the block
                closing = next((j for j in range(line, len(lines)) if template_syntax.literal_closed("\n".join(lines[line : j + 1]), name)), None)
                if closing is None:
                    break
                closer = template_syntax.literal_closing(lines[closing], name)
                after = lines[closing][closer.end() :] if closer is not None else ""
                if after.strip() and template_syntax.literal_opened(after) is None:  # text after the closer on its line
                    name, line, begin = None, closing, len(lines[closing]) - len(after.lstrip())
                else:
                    name, line, begin = None, closing + 1, 0
                continue
            name = template_syntax.literal_opened("\n".join(lines[line:])[begin:])
            if name is not None and not any(_closes(later, name) for later in tokens[index + 1 :]):
                name = None  # never closed: no block (Hugo's {{< relref "over.md" lang="en" >}} has a lang, and no end)
            if name is None:
                kept.append((line, len(lines), None, begin))
                break
            opening = max(j for j in range(line, len(lines)) if template_syntax.literal_opened("\n".join(lines[j:])) == name)
            column = template_syntax.literal_opening("\n".join(lines[opening:])).start  # type: ignore[union-attr]
            if lines[opening][:column].strip():
                kept.append((line, opening + 1, column, begin))  # text before the opener on its line (``Zie: {{< highlight go >}}``)
            else:
                kept.append((line, opening, None, begin))
            line, begin = opening + 1, 0
        if kept != [(0, len(lines), None, 0)]:
            inside[index] = [(start, end, cut, begin) for start, end, cut, begin in kept if start < end]
    return inside


def _closes(token: Token, name: str) -> bool:
    return token.type in ("inline", "html_block") and template_syntax.literal_closed(token.content, name)


def _shortcodes_closed_below(body: _Body, tokens: list[Token]) -> dict[int, str | None]:
    """Paragraphs that are one Hugo shortcode whose ``>}}`` stands on a line of its own, by their text's token: that
    shortcode's whole text, its closing line included; and None for the text of the quote that closing line opens,
    when text follows it there (on the next line, no empty line between: the quote continues lazily).

    Hugo takes shortcodes out before it reads the Markdown, so ``{{< img`` … ``>}}`` over several lines is one
    shortcode; markdown-it, which knows none, reads the ``>}}`` line as a block quote of ``}}``. Read as a paragraph,
    the shortcode's name and arguments would be a text to translate that no translation could close (hugoDocs writes
    its images so); read whole, it is template syntax with its ``alt``, ``title`` and ``caption`` for readers.
    """
    closed: dict[int, str | None] = {}
    for index in range(3, len(tokens)):
        quote, inline = tokens[index], tokens[index - 2]
        if quote.type != "blockquote_open" or tokens[index - 1].type != "paragraph_close" or inline.type != "inline":
            continue
        line = quote.map[0]
        if inline.map[1] != line or body.lines[line].strip() != ">}}":
            continue
        whole = f"{inline.content}\n{body.lines[line].strip()}"
        if template_syntax.unclosed(inline.content) and not template_syntax.unclosed(whole) and not template_syntax.without(whole).strip():
            closed[index - 2] = whole
            if quote.map[1] != line + 1 and tokens[index + 1].type == "paragraph_open":
                closed[index + 2] = None
    return closed


_HIDING = re.compile(r"[`<\[&\\]")
"""What can start inline markup that hides letters or shows others: code, HTML, autolinks, links, entities, escapes."""


def _templates(token: Token) -> list[template_syntax.Template]:
    """The template syntax in a block's text, found once for both questions asked of it (words, text for readers)."""
    return list(template_syntax.spans(token.content)) if template_syntax.may_hold(token.content) else []


_DUTCH_NUMBER = re.compile(
    r"(?:(?P<currency>[€$£]) ?)?(?<![^\W_])(?<![.,])"
    r"(?:(?P<thousands>[1-9]\d{0,2}(?:\.\d{3})+)(?:,(?P<decimals>\d+|-))?|(?P<units>\d+),(?P<cents>\d+|-)|(?<=[€$£] )(?P<amount>\d+))"
    r"(?![^\W_]|[.,]\d)"
)
"""A number in Dutch notation, whole: a decimal comma (``1,5``, ``€ 3,50``, ``€ 3,-``), thousands points (``2.500``,
``1.250.000,75``) or an amount with a space after its currency sign (``€ 8``, where English writes ``€8``, as it
writes ``€12.50`` for ``€ 12,50``: whole and decimal amounts alike); never part of a longer run of digits and
separators (an IP address ``192.168.1.100``, a version ``1.2.3``, a list ``1,2,3``: written the same in English; nor
``0.153``, which no Dutch grouping of thousands starts with: a decimal point, as in a version's ``0.153+``). An
underscore may stand beside it: emphasis, ``_1,5_``."""


def english_numbers(text: str) -> str:
    """``text`` with each number in Dutch notation as English writes it: ``1,5`` → ``1.5``, ``2.500`` → ``2,500``,
    ``€ 3,50`` → ``€3.50``, ``€ 3,-`` and ``€ 3`` → ``€3``. What a draft of text without words is (the translator
    reviews it)."""
    return _DUTCH_NUMBER.sub(_in_english, text)


def _in_english(number: re.Match[str]) -> str:
    whole = (number["thousands"] or number["units"] or number["amount"]).replace(".", ",")
    fraction = number["decimals"] or number["cents"]
    return (number["currency"] or "") + whole + ("" if fraction in (None, "-") else "." + fraction)


def _to_translate(text: str) -> bool:
    """Whether plain text asks for a translator: a word (a letter), or a number in Dutch notation, which English
    writes otherwise (``1,5`` is ``1.5``, ``2.500`` would read as two and a half, ``€ 8`` is ``€8``). A plain integer
    (``3``, ``2026``) is written the same: no entry, so a table of counts is no noise in the PO file. One rule for
    every block, a table cell as a list item."""
    return any(ch.isalpha() for ch in text) or _DUTCH_NUMBER.search(text) is not None


def _has_words(text: str, env: dict[str, Any], templates: list[template_syntax.Template]) -> bool:
    """Whether inline text has anything to translate (``_to_translate``) outside code, HTML, template syntax and bare URLs.

    A letter before anything that could hide it is a word (emphasis hides none), so
    the inline parser runs only for texts that open with markup (parsing every text
    made the bench corpus's segmentation 1.7 times as slow).
    """
    content = template_syntax.without(text, templates)
    hiding = _HIDING.search(content)
    if _to_translate(content[: hiding.start() if hiding else None]):
        return True
    return hiding is not None and _words_in(markdown.parse_inline(content, env))


def _words_in(children: list[Token]) -> bool:
    in_autolink = False
    for child in children:
        if child.type == "link_open" and child.markup in ("autolink", "linkify"):
            in_autolink = True
        elif child.type == "link_close":
            in_autolink = False
        elif child.type == "text" and not in_autolink and _to_translate(child.content):
            return True
        elif child.type == "image" and _words_in(child.children or []):
            return True
    return False


def _block(
    body: _Body, token: Token, role: str, first_line: int, below_closer: bool = False, lines: tuple[int, int] | None = None,
    task_box: bool = False, cut: int | None = None, begin: int = 0,
) -> Segment:
    """The block's text as a segment; ``lines``: a slice of its lines only (the rest code: ``_inside_literal_blocks``),
    its last line up to column ``cut`` and its first from column ``begin`` when given;
    ``task_box``: the text opens a list item, where a task list's box (``- [ ] Boeken bestellen``) is markup, as its
    marker is (GitHub, Hugo and Jekyll draw a checkbox)."""
    pieces = body.text_lines(token.content, first_line)
    if pieces is None:
        raise body.error(first_line, "cannot map this text to its source lines")
    text = token.content
    if lines is not None:
        text, pieces = "\n".join(text.split("\n")[lines[0] : lines[1]]), pieces[lines[0] : lines[1]]
    if begin:  # the first line from where a block of code closes on it: its text only
        text, pieces = text[begin:], (replace(pieces[0], start=pieces[0].start + begin), *pieces[1:])
    if cut is not None:  # the last line up to where a block of code opens on it: its text only
        last = text.rsplit("\n", 1)[-1][:cut].rstrip()
        text = text[: len(text) - len(text.rsplit("\n", 1)[-1])] + last
        pieces = (*pieces[:-1], replace(pieces[-1], end=pieces[-1].start + len(last)))
    if template_syntax.may_hold(text):  # template syntax starts with a brace (or a WordPress shortcode's bracket)
        lines = text.split("\n")
        start, end = _template_edges(lines)
        text, pieces = "\n".join(lines[start:end]), pieces[start:end]
    if task_box and text.startswith("[") and (box := _TASK_BOX.match(text)) and text[box.end() :].strip():
        text, pieces = text[box.end() :], (replace(pieces[0], start=pieces[0].start + box.end()), *pieces[1:])
    if len(pieces) > 1 and (below_closer or role == "blockquote" and text.startswith("[!") and _ALERT.match(text)):
        text, pieces = text.split("\n", 1)[1], pieces[1:]  # the alert's kind (a shortcode's '}}') stays, as a list marker does
    return Segment(text, None, role, body.file_line(pieces[0].line), BodySlot(pieces, _continuation(body, pieces), "block"))


_ATTRIBUTE = r"""(?:[#.][^\s{}"'=]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s{}"']+))"""
_HEADING_ATTRIBUTES = re.compile(rf"[ \t]+\{{[ \t]*{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*[ \t]*\}}$")
"""A heading's attributes at its end, as Hugo reads them (``## Wat is vertrouwen? {#vertrouwen .apart}``): its anchor,
which links to ``#vertrouwen`` lead to, whatever the language; markup, not text."""
_NAMED = rf"(?:{_ATTRIBUTE}|[\w-]+)"
_ATTRIBUTE_LINE = re.compile(
    rf"[ \t]*\{{(?::[ \t]*(?:{_NAMED}(?:[ \t]+{_NAMED})*)?|[ \t]*[#.][^\s{{}}\"'=]+(?:[ \t]+{_ATTRIBUTE})*)[ \t]*\}}[ \t]*"
)
"""A line that is only a block's attributes: kramdown's (Jekyll's Markdown) ``{: .notice--info}``, ``{:toc}``,
``{: #kop .lead}``, or Hugo's ``{.lead}``: markup, which the translation keeps where the Dutch has it."""

_DEFINITION_LINE = re.compile(r"""[ \t]*\[[^\]\n]+\]:[ \t]*(?P<url>\S+)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*""")
"""A line that is a link reference definition once its template syntax is a URL: ``[label]: url "title"``."""


def _definitions_alone(text: str) -> bool:
    """Whether a paragraph is only link reference definitions, some with template syntax for their URL
    (``[2003]: {{< ref snelheid >}}``, Jekyll's ``{% link x.md %}``). Hugo and Jekyll put the URL in before they read
    the Markdown, so the lines are definitions, markup; markdown-it, which sees a space in the URL, reads a paragraph,
    whose draft on one line would break every definition in it on the English page."""
    templates = list(template_syntax.spans(text))
    if not templates:
        return False
    pieces, position = [], 0
    for template in templates:  # each a URL, of no spaces
        pieces += [text[position : template.start], "url"]
        position = template.end
    bare = "".join([*pieces, text[position:]])
    return all(_DEFINITION_LINE.fullmatch(line) for line in bare.split("\n"))


_DISPLAY_MATH = re.compile(r"\s*(?:\$\$[^$]+\$\$|\\\[[\s\S]+?\\\])\s*")
"""A paragraph that is one formula in display math, ``$$ … $$`` or ``\\[ … \\]``, as the math in Hugo's and Jekyll's
blogs is written (``\\int``, ``\\frac``: no Dutch, and an engine would mangle it)."""


_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")
"""A task list's box, before its item's text: ``[ ]`` or ``[x]``, then white space (GFM)."""

_ALERT = re.compile(r"\[!(?:" + "|".join(alerts.ENGLISH) + r")\][+-]?[ \t]*\n", re.IGNORECASE)
"""A quote's first line that makes it an alert (GitHub's and Hugo's ``> [!NOTE]``, Obsidian's callout ``> [!tip]-``),
alone on its line: which box it is, not text; a kind with a title after it on the line is text, and so is a kind
other than GitHub's five (``[!Belangrijk]``: no box on publish's pages, a word on Hugo's, Dutch either way)."""


def _alert_kind_alone(tokens: list[Token], index: int) -> bool:
    """Whether the inline token at ``index`` is a quote's first paragraph that is only an alert's kind, with more of the
    quote after it: the box's kind, as ``_ALERT`` reads it on a paragraph's first line (and ``text.alerts`` renders it)."""
    return (
        index >= 2 and tokens[index - 2].type == "blockquote_open" and index + 2 < len(tokens)
        and tokens[index + 2].type != "blockquote_close" and _ALERT.fullmatch(tokens[index].content + "\n") is not None
    )


def _template_edges(lines: list[str]) -> tuple[int, int]:
    """The lines of a block's text between its first and last lines that are only template syntax or attributes.

    ``{{% note %}}`` above a paragraph and ``{{% /note %}}`` below it (no blank line
    between) stay where they are, out of the translator's text; so does kramdown's ``{: .notice}`` below it. A line
    in a template that spans lines is not cut off it: ``Zie: {{< highlight go >}}``, the code, ``{{< /highlight >}}``
    is one paragraph, the block whole in it (an engine gets it as one placeholder, its line breaks kept).
    """
    text = "\n".join(lines)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    found = list(template_syntax.spans(text))  # over the whole text: a template may span lines (a highlight block)
    bare = list(text)  # the text with every template's characters blanked, its line breaks kept
    for template in found:
        bare[template.start : template.end] = [c if c == "\n" else " " for c in template.text]
    bare = "".join(bare).split("\n")
    only_template = [
        bool(found) and not bare[n].strip() and any(t.start < starts[n + 1] - 1 and starts[n] < t.end for t in found)
        or line.endswith("}") and _ATTRIBUTE_LINE.fullmatch(line) is not None
        for n, line in enumerate(lines)
    ]

    def joined(n: int) -> bool:  # one template goes on from line n to line n + 1: a unit, never cut between them
        return any(t.start < starts[n + 1] - 1 < t.end for t in found)

    start, end = 0, len(lines)
    while start < end - 1:  # a line, or the lines one template spans, that are template syntax only
        last = start
        while joined(last) and last + 1 < end - 1:
            last += 1
        if joined(last) or not all(only_template[start : last + 1]):
            break
        start = last + 1
    while end - 1 > start:
        first = end - 1
        while joined(first - 1) and first - 1 > start:
            first -= 1
        if joined(first - 1) or not all(only_template[first:end]):
            break
        end = first
    return start, end


def _continuation(body: _Body, pieces: tuple[Piece, ...]) -> str:
    """The prefix that makes an added line continue the same block in the same container."""
    if len(pieces) > 1:
        return body.lines[pieces[-1].line][: pieces[-1].start]
    prefix = body.lines[pieces[0].line][: pieces[0].start]
    # A list marker on the first line becomes indentation on the next ones.
    return "".join(ch if ch in "> \t" else " " for ch in prefix)




def _atx_heading(body: _Body, token: Token) -> Segment:
    line_number = token.map[0]
    line = body.lines[line_number]
    start = line.find(token.content, line.index("#") + 1)
    text = token.content
    if text.endswith("}") and (attributes := _HEADING_ATTRIBUTES.search(text)) and attributes.start() > 0:
        text = text[: attributes.start()]
    piece = Piece(line_number, start, start + len(text))
    return Segment(text, None, "heading", body.file_line(line_number), BodySlot((piece,), "", "line"))


def _admonition_title(body: _Body, token: Token) -> Iterator[Segment]:
    """The title of an admonition, between its quotes (``!!! note "Let op"``), when it has words; the marker and the
    kind are markup (the box's classes). A box without a title shows its kind as one, capitalized (Python-Markdown:
    ``!!! waarschuwing`` is titled "Waarschuwing"): Dutch on the English page, unless the kind is one of the English
    ones the themes style (``ENGLISH_KINDS``: "Note" is the English title). So a kind of another word is an entry:
    its text the title the box shows, its place right after the kind (style ``admonition:shown``), where its English
    is written between quotes (``!!! waarschuwing "Warning"``); English that is the title shown writes nothing, and
    the Dutch keeps its bytes."""
    line = body.lines[token.map[0]]
    opening = markdown.ADMONITION.search(line)
    if opening is None:
        return
    if opening["title"] is None:
        kind = opening["kind"].split()[0]
        if kind.lower() not in ENGLISH_KINDS and _to_translate(kind):
            piece = Piece(token.map[0], opening.end("kind"), opening.end("kind"))
            yield Segment(
                kind.capitalize(), None, "admonition title (the box shows its kind)", body.file_line(token.map[0]),
                BodySlot((piece,), "", "admonition:shown"),
            )
        return
    if not _to_translate(opening["title"]):
        return
    piece = Piece(token.map[0], opening.start("title"), opening.end("title"))
    yield Segment(opening["title"], None, "admonition title", body.file_line(token.map[0]), BodySlot((piece,), "", "admonition"))


ENGLISH_KINDS = frozenset(
    "note abstract summary tldr info todo tip hint important success check done question help faq warning caution"
    " attention failure fail missing danger error bug example quote cite seealso admonition".split()
)
"""The admonition kinds MkDocs' themes style (Material's, with their other names, and reStructuredText's): English
words, whose title (the kind, capitalized) is English already."""


def _row_cells(body: _Body, row_start: int, line_number: int) -> list[Piece]:
    """Where each cell's text is in a table row, padding aside: the row is split once, not once per cell."""
    line_start = body.starts[line_number]
    line = body.lines[line_number]
    row = line[row_start - line_start :]
    trimmed_from = len(row) - len(row.lstrip(MD_TRIM_CHARS))
    row = mdTrim(row)
    cells = _split_row(row)
    if cells and cells[0][0] == cells[0][1]:
        cells.pop(0)
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    offset = row_start - line_start + trimmed_from
    pieces = []
    for start, end in cells:
        raw = row[start:end]
        start += len(raw) - len(raw.lstrip(MD_TRIM_CHARS))
        pieces.append(Piece(line_number, offset + start, offset + start + len(raw.strip(MD_TRIM_CHARS))))
    return pieces


def _table_cell(body: _Body, token: Token, row_cells: list[Piece], cell: int) -> Segment:
    piece = row_cells[cell]
    if body.lines[piece.line][piece.start : piece.end].replace("\\|", "|") != token.content:
        raise body.error(piece.line, f"cannot find table cell {cell + 1} in its row")
    return Segment(token.content, None, "table cell", body.file_line(piece.line), BodySlot((piece,), "", "cell"))


def _split_row(row: str) -> list[tuple[int, int]]:
    """The cells of a table row as spans, split on pipes not preceded by a backslash (as GFM does)."""
    spans, start = [], 0
    for position, char in enumerate(row):
        if char == "|" and (position == 0 or row[position - 1] != "\\"):
            spans.append((start, position))
            start = position + 1
    spans.append((start, len(row)))
    return spans


def _lone_images(body: _Body, token: Token, role: str, env: dict[str, Any]) -> Iterator[Segment]:
    """Alt text and title of images that make up a whole paragraph (a picture with a caption).

    Anywhere else an image stays inside its paragraph's text.
    """
    if "![" not in token.content:
        return
    spans: list[markdown.ImageSpan] = []
    children = markdown.parse_inline(token.content, {**env, markdown.IMAGE_SPANS: spans})
    allowed = {"image", "softbreak", "link_open", "link_close"}
    if not any(child.type == "image" for child in children) or not all(
        child.type in allowed or (child.type == "text" and not child.content.strip()) for child in children
    ):
        return
    pieces = body.text_lines(token.content, token.map[0])
    if pieces is None:
        return
    line_offsets = [0, *accumulate(piece.end - piece.start + 1 for piece in pieces)]
    continuation = _continuation(body, pieces)
    for span in spans:
        text = token.content[span.alt[0] : span.alt[1]]
        if _to_translate(text):
            yield _inline_segment(body, pieces, line_offsets, span.alt, text, "image alt text", continuation, "block")
        if span.title is not None:
            quote = token.content[span.title[0] - 1]
            title = token.content[span.title[0] : span.title[1]]
            if _to_translate(title):
                yield _inline_segment(
                    body, pieces, line_offsets, span.title, title, "image title", continuation, f"title:{quote}"
                )


def _inline_segment(
    body: _Body,
    pieces: tuple[Piece, ...],
    line_offsets: list[int],
    span: tuple[int, int],
    text: str,
    role: str,
    continuation: str,
    style: str,
) -> Segment:
    """A segment for ``span`` of a block's text whose lines are ``pieces``."""
    first = _locate(pieces, line_offsets, span[0])
    last = _locate(pieces, line_offsets, span[1])
    sub = []
    for number in range(first[0], last[0] + 1):
        piece = pieces[number]
        start = first[1] if number == first[0] else piece.start
        end = last[1] if number == last[0] else piece.end
        sub.append(Piece(piece.line, start, end))
    return Segment(text, None, role, body.file_line(sub[0].line), BodySlot(tuple(sub), continuation, style))


def _locate(pieces: tuple[Piece, ...], line_offsets: list[int], offset: int) -> tuple[int, int]:
    """(index of piece, column in its line) of an offset into the text the pieces spell (a binary search:
    a paragraph of many images has as many lines)."""
    number = bisect_right(line_offsets, offset, 0, len(pieces)) - 1
    return number, pieces[number].start + offset - line_offsets[number]


def _reader_arguments(body: _Body, content: str, first_line: int, found: list[template_syntax.Template]) -> Iterator[Segment]:
    """The text for readers (``template_syntax.READER_ARGUMENTS``) in a block that is nothing but template syntax
    (``content``, from the body's line ``first_line``; ``found``: its template syntax).

    A shortcode inside a sentence stays in the sentence's text, as a link does.
    """
    templates = [t for t in found if t.reader_arguments]
    pieces = body.text_lines(content, first_line) if templates else None
    if pieces is None:
        return
    line_offsets = [0, *accumulate(piece.end - piece.start + 1 for piece in pieces)]
    for template in templates:
        for argument in template.reader_arguments:
            role = f"{template.kind} {template.name}: {argument.key}"
            span = (argument.start, argument.end)
            style = f"template:{template.kind}:{argument.quote}"
            yield _inline_segment(body, pieces, line_offsets, span, argument.value, role, "", style)


def _caption_texts(body: _Body, token: Token) -> list[Segment] | None:
    """A WordPress caption around raw HTML (``[caption id="x"]<img src="…" alt="Het boek"> Het eerste boek[/caption]``),
    read as ``html_text`` reads an HTML block that holds the same: the image's alt text an entry of its own, the text
    after it another (role ``wordpress caption: text``), and the shortcode's ``caption="…"``; the tags are markup. As one
    paragraph, the alt text stayed inside a tag, which no engine is sent, and stayed Dutch. None for a paragraph that
    is anything else, and for a caption without HTML (its text is the paragraph's)."""
    content = token.content.rstrip()
    found = list(template_syntax.spans(content))
    if (
        "<" not in content or len(found) != 2 or found[0].start != 0 or found[1].end != len(content)
        or found[1].name != f"/{found[0].name}"
    ):
        return None
    inner = content[found[0].end : found[1].start]
    texts = html_text.texts(inner)
    pieces = body.text_lines(token.content, token.map[0])
    if not texts or pieces is None:
        return None
    line_offsets = [0, *accumulate(piece.end - piece.start + 1 for piece in pieces)]
    continuation = _continuation(body, pieces)
    segments = list(_reader_arguments(body, token.content, token.map[0], found[:1]))
    for text in texts:
        span = (found[0].end + text.start, found[0].end + text.end)
        value, role = content[span[0] : span[1]], "wordpress caption: text" if text.quote is None else text.role
        if _to_translate(value):
            style = "block" if text.quote is None else f"attribute:{text.quote}"
            segments.append(_inline_segment(body, pieces, line_offsets, span, value, role, continuation, style))
    return segments


def _html_texts(body: _Body, token: Token) -> Iterator[Segment]:
    """The text runs and text attributes of an HTML block (see ``html_text``), each where it is in the source.

    A block that opens a comment (or a processing instruction, a declaration) and never closes it is
    refused: on the page a browser would hide all that follows, the author's text and the footer too,
    and none of it would be offered for translation.
    """
    scanned = html_text.markup(token.content) if "<" in token.content else []  # one scan for both questions
    opened = html_text.unclosed(token.content, scanned)
    if opened is not None:
        opener = _OPENERS.match(token.content, opened)
        assert opener is not None
        name, closer = _CLOSERS[opener.group()]
        raise SourceError(
            body.document.path,
            f"{name} opens here ({opener.group()!r}) and is never closed: a browser would hide all that follows it",
            line=body.file_line(token.map[0] + token.content.count("\n", 0, opened)),
            hint=f"close it with {closer!r}, or delete it",
        )
    if (tag := _unclosed_opening_tag(token.content, scanned)) is not None:
        raise SourceError(
            body.document.path, f"the tag {tag} … is not closed with '>'", line=body.file_line(token.map[0]),
            hint="close it, or write \\< if the < is meant as text",
        )
    found = html_text.texts(token.content, scanned)
    pieces = body.text_lines(token.content.removesuffix("\n"), token.map[0]) if found else None
    if pieces is None:
        return  # tabs in a container's indentation: the block stays as written
    line_offsets = [0, *accumulate(piece.end - piece.start + 1 for piece in pieces)]
    continuation = _continuation(body, pieces)
    for text in found:
        style = "html" if text.quote is None else f"attribute:{text.quote}"
        value = token.content[text.start : text.end]
        yield _inline_segment(body, pieces, line_offsets, (text.start, text.end), value, text.role, continuation, style)


_OPENING_TAG = re.compile(r" {0,3}(</?[A-Za-z][A-Za-z0-9-]*)")
"""The tag name with which an HTML block opens (CommonMark lets it be indented up to three spaces)."""


def _unclosed_opening_tag(content: str, scanned: list[html_text.Markup]) -> str | None:
    """The tag (``<div``) that opens an HTML block and is never closed with ``>`` (``scanned``: the block's markup), or None.

    CommonMark starts the block at ``<div`` alone, but a browser reads all that follows as the tag's attributes
    until a ``>``: the author's text is hidden (or shown as a stray ``<div class=…``), and a translation, whose
    ``<`` would be escaped as text, could never have the Dutch's shape. Refused at its line, as an unclosed comment is.
    """
    opening = _OPENING_TAG.match(content)
    if opening is None or (scanned and scanned[0].start == opening.start(1)):
        return None
    return opening.group(1)


def _unclosed_to_the_end(body: _Body, token: Token) -> bool:
    """Whether a code fence never closes and so turns the author's text after it into code.

    CommonMark lets a fence run to the end of its document (or container), and so do Hugo and Jekyll: code that
    ends the page without its closing line shows as the code it is (hugoDocs has such pages). But when what it
    holds reads as prose, that is a forgotten closing line in the middle of a post: the text after it would vanish
    from the PO file and show as code in both languages. Its content then holds every line after the opening one
    (a closed fence's lacks the closing line).
    """
    start, end = token.map
    return (
        token.markup[:1] in "`~" and token.content.count("\n") == end - start - 1 and bool(token.content.strip())
        and not any(line.strip() for line in body.lines[end:]) and _authors_text(token.content, token.info) is not None
    )


_SENTENCE = re.compile(r"[^\W\d_]{2,}[^\n]*?\s[^\n]*?[^\W\d_][.!?](?=\s|$)")
"""A sentence: a word, a space, and a word that ends with a full stop, a question or an exclamation mark."""
_SHORT_SENTENCE = re.compile(r"[^\W\d_a-z][^\W\d_]*(?:,? [^\W\d_]+)+[.!?]")
"""A short sentence of words alone ("Tot snel!", "Veel plezier."): a capital, two words or more, an end mark."""
_WORDS_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)]) +[^\W\d_]+(?:[ ,'’-]+[^\W\d_]+)*[.!?;]?")
"""A list item of words alone ("- verse koffie", "2. Thee zetten."), as no code writes two in a row."""


def _authors_text(text: str, info: str = "") -> int | None:
    """The index of the first line of a fence's text that starts the author's text (after a blank line or a heading)
    rather than code: prose (``_reads_as_prose``), a short sentence of words alone, or the first of two list items of
    words alone ("- koffie", "- thee"); None when none does. Code's lines rarely do: not a command (``echo Klaar.``),
    not a comment (``# Sort the list.``), not the line right after the fence's. A fence whose ``info`` says it holds
    data or output (``_DATA``: "Hello World." printed, a YAML list) has lines of words alone: only prose is hers."""
    lines = text.split("\n")
    words_alone = not info.split() or info.split()[0].lower() not in _DATA
    for index, (before, line) in enumerate(zip(lines, lines[1:]), 1):
        if before.strip() and not before.startswith("#"):
            continue
        if _reads_as_prose(line) or words_alone and (_SHORT_SENTENCE.fullmatch(line.rstrip()) or (
            _WORDS_ITEM.fullmatch(line.rstrip()) and index + 1 < len(lines) and _WORDS_ITEM.fullmatch(lines[index + 1].rstrip())
        )):
            return index
    return None


_DATA = frozenset("text txt plain plaintext output console log yaml yml json toml csv ini xml".split())
"""The info strings of a fence of data or a program's output, whose lines of words alone are that data, not the author's."""


def _reads_as_prose(line: str) -> bool:
    """Whether a line starts a paragraph as prose does: a capital, three words or more, a sentence outside code spans
    and template syntax."""
    return line[:1].isupper() and len(line.split()) >= 3 and _SENTENCE.search(template_syntax.without(_CODE_SPAN.sub(" ", line))) is not None


_CODE_SPAN = re.compile(r"(`+)[\s\S]*?\1")


def _unclosed_fence(body: _Body, token: Token) -> SourceError:
    """Refused as an HTML comment that never closes is (``_html_texts``): where it opens, where the author's text it
    swallows starts (``_authors_text``), and the line that closes it."""
    first = _authors_text(token.content, token.info) or 0
    swallowed = body.file_line(token.map[0] + 1 + first)
    return SourceError(
        body.document.path,
        f"the code block opened here is never closed; the text after it would become code, untranslated"
        f" (line {swallowed}: '{token.content.split(chr(10))[first].strip()[:40]}')",
        line=body.file_line(token.map[0]), hint=f"add a closing {token.markup} line",
    )


def _definition_title(body: _Body, token: Token) -> Iterator[Segment]:
    """The title of a link reference definition: ``[label]: /url "Title"``."""
    title = token.meta.get("title") or ""
    if not _to_translate(title):
        return
    last_line = token.map[1] - 1
    while last_line > token.map[0] and not body.lines[last_line].strip():
        last_line -= 1
    line = body.lines[last_line].rstrip()
    closing = line[-1:]
    opening = {'"': '"', "'": "'", ")": "("}.get(closing)
    if opening is None:
        return
    column = len(line) - 1
    first_line, start = last_line, _unescaped_rfind(line, opening, column)
    while start < 0 and first_line > token.map[0]:  # a title over several lines: its opening quote on a line above
        first_line -= 1
        start = _unescaped_rfind(body.lines[first_line], opening, len(body.lines[first_line]))
    if start < 0:
        return
    pieces = tuple(
        Piece(
            number,
            start + 1 if number == first_line else len(body.lines[number]) - len(body.lines[number].lstrip()),
            column if number == last_line else len(body.lines[number]),
        )
        for number in range(first_line, last_line + 1)
    )  # a line's indentation is no part of the title (CommonMark)
    text = "\n".join(body.lines[piece.line][piece.start : piece.end] for piece in pieces)
    if unescapeAll(text) != title:
        return
    pieces = _trimmed(body, pieces)  # a quote at a line's end (or start): the line break is the skeleton's
    text = "\n".join(body.lines[piece.line][piece.start : piece.end] for piece in pieces)
    yield Segment(text, None, "link title", body.file_line(pieces[0].line), BodySlot(pieces, "", f"title:{closing}"))


def _trimmed(body: _Body, pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """``pieces`` without the white space at the edges of the text they spell (lines of it alone, a title's
    ``"`` at the end of its line, ``"`` alone on the last): the text between is what a translator translates."""
    texts = [body.lines[piece.line][piece.start : piece.end] for piece in pieces]
    first = next(number for number, text in enumerate(texts) if text.strip())
    last = max(number for number, text in enumerate(texts) if text.strip())
    kept = list(pieces[first : last + 1])
    kept[0] = replace(kept[0], start=kept[0].start + len(texts[first]) - len(texts[first].lstrip()))
    kept[-1] = replace(kept[-1], end=kept[-1].end - len(texts[last]) + len(texts[last].rstrip()))
    return tuple(kept)


def _unescaped_rfind(line: str, char: str, before: int) -> int:
    position = line.rfind(char, 0, before)
    while position > 0 and line[position - 1] == "\\":
        position = line.rfind(char, 0, position)
    return position
