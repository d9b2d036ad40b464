"""Where each URL of a Markdown text is: noted by the parser's own rules as they find it.

The token stream says what a link's URL is, not where it stands in the text. Export's
link map rewrites the URL characters of an English file and nothing else (``link_map``),
so the parser that parses the English anyway (``markdown.parse_keeping_every_link``) wraps
the rules that find an inline link, an image and a reference definition: each notes where
its URL is, in ``env[SPANS]`` when the caller put a list there; and the rules that find raw
HTML, inline and as a block: each URL of its tags (``html_text.url_places``), as a Markdown
link's. An autolink always has a scheme, never leads into the site, and is not noted.

The inline rules see only an inline text (a block's lines without their container prefix);
``markdown``'s core ``inline`` rule tells them which (``INLINE``), and ``placed`` finds the
place of each such URL in the whole text, or leaves it out where that cannot be told for
certain (never a guess). A link's or an image's URL is where the rule itself found it: the
parser's link helpers remember each destination they parse (``Destinations``), so none is
parsed twice.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from typing import Any, NamedTuple

from markdown_it import helpers
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_inline.state_inline import StateInline

from . import html_text
from .document import normalize_newlines

SPANS = "publish_pipeline.url_spans"
INLINE = "publish_pipeline.inline"
"""In the parse's env: the inline text being parsed and the number of its block's first line."""

Span = tuple[int, int]

LINKS = "publish_pipeline.url_spans.links"
"""In the parse's env, where the caller wants each inline link's place too (``LinkSpan``): a list the ``link`` rule notes them in."""


class LinkSpan(NamedTuple):
    """A link of a text (inline, or by a reference): its URL as the parser read it (``href``: a reference link's is
    its definition's), where it opens (its ``[``) and where its text ends (``](url "title")``, ``][label]`` or
    ``]``): what is left without those two is its text."""

    href: str
    opening: Span
    closing: Span


class _InlineUrl(NamedTuple):
    """A URL found in an inline text (``content``, from the block's lines ``first``…): ``start``, ``end`` in it."""

    content: str
    first: int
    start: int
    end: int


def placed(text: str, noted: list[Span | _InlineUrl]) -> tuple[Span, ...]:
    """Where each URL ``noted`` while ``text`` was parsed is in it, as markdown-it normalizes it (``\\n`` line ends):
    (start, end), in order, each once; a URL whose place cannot be told for certain is left out."""
    if "\r" in text or "\0" in text:
        text = normalize_newlines(text)
    lines = text.split("\n")
    line_starts = [0, *accumulate(len(line) + 1 for line in lines)]
    spans = set()
    for found in noted:
        span = _placed(found, lines, line_starts) if isinstance(found, _InlineUrl) else found
        if span is not None and text[span[0]:span[1]]:
            spans.add(span)
    return tuple(sorted(spans))


def _placed(found: _InlineUrl, lines: list[str], line_starts: list[int]) -> Span | None:
    """Where an inline URL is in the text: counted from its line's end (an inline text is its lines without
    their container prefix; its last line without trailing space), checked; else, where its inline text's line
    (a heading's or a table cell's text) stands once in the line, from there; else None (never a guess)."""
    content, url = found.content, found.content[found.start:found.end]
    number = content.count("\n", 0, found.start)
    line_start = content.rfind("\n", 0, found.start) + 1
    line_end = content.find("\n", found.start)
    last = line_end < 0
    line_end = len(content) if last else line_end
    index = found.first + number
    if index >= len(lines):
        return None
    line = lines[index]
    column = (len(line.rstrip()) if last else len(line)) - (line_end - found.start)
    if column < 0 or line[column:column + len(url)] != url:
        own = content[line_start:line_end]
        at = line.find(own)
        if at < 0 or line.find(own, at + 1) >= 0:
            return None
        column = at + found.start - line_start
    return line_starts[index] + column, line_starts[index] + column + len(url)


class Destinations:
    """markdown-it's link helpers for one parser (its ``helpers``), remembering each link destination they parse:
    ``found`` holds (text, position, result) of each, in order, while the rule that asked runs (``_noting``). So a
    parser that notes serves one thread (``markdown._parser_keeping_every_link``: the workspace parses in threads)."""

    parseLinkLabel = staticmethod(helpers.parseLinkLabel)
    parseLinkTitle = staticmethod(helpers.parseLinkTitle)

    def __init__(self) -> None:
        self.found: list[tuple[str, int, Any]] = []

    def parseLinkDestination(self, src: str, pos: int, maximum: int) -> Any:
        result = helpers.parseLinkDestination(src, pos, maximum)
        self.found.append((src, pos, result))
        return result


def noting_inline(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """The inline ``rule`` (``link`` or ``image``), noting where the URL of each inline link or image it finds is in
    its inline text."""
    return _noting(rule, _own_destination)


def _own_destination(state: StateInline, start: int, parsed: list[tuple[str, int, Any]]) -> list[Span]:
    """The URL of the inline link or image that ends at ``state.pos``, from the destinations ``parsed`` while its rule
    ran: the rule's own is the last in the text (any other is inside its label: an image in a link's text). None
    for a reference link (it ends with its label's ``]``; its URL is its definition's)."""
    if state.src[state.pos - 1] != ")":
        return []
    own = max((found for found in parsed if found[0] is state.src), key=lambda found: found[1], default=None)
    if own is None:
        return []
    src, pos, result = own
    if not result.ok or result.pos == pos:
        return []
    return [(pos + 1, result.pos - 1) if src[pos] == "<" else (pos, result.pos)]


def noting_links(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """The inline ``link`` rule, noting each link it finds in its inline text (in ``env[LINKS]``, where the caller put
    a list there): its href and the places of its opening and of the end of its text, as ``_InlineUrl``s."""

    def noting(state: StateInline, silent: bool) -> bool:
        start, mark = state.pos, len(state.tokens)
        found = rule(state, silent)
        links = state.env.get(LINKS)
        opened = next((token for token in state.tokens[mark:mark + 2] if token.type == "link_open"), None) if found else None  # the text before it first
        if opened is not None and not silent and links is not None:
            content, first = state.env.get(INLINE, ("", -1))
            if first >= 0 and state.src is content:
                end, label_end = state.pos, state.md.helpers.parseLinkLabel(state, start, True)  # as the rule found it
                if label_end >= 0:
                    href = opened.attrGet("href")
                    links.append((str(href or ""), _InlineUrl(content, first, start, start + 1), _InlineUrl(content, first, label_end, end)))
        return found

    return noting


def placed_links(text: str, noted: list[tuple[str, _InlineUrl, _InlineUrl]]) -> list[LinkSpan]:
    """Where each link ``noted`` while ``text`` was parsed opens and ends its text (``\\n`` line ends), in order; a link
    whose pieces' places cannot be told for certain is left out."""
    if "\r" in text or "\0" in text:
        text = normalize_newlines(text)
    lines = text.split("\n")
    line_starts = [0, *accumulate(len(line) + 1 for line in lines)]
    found = []
    for href, opening, closing in noted:
        spans = _placed(opening, lines, line_starts), _placed(closing, lines, line_starts)
        if spans[0] is not None and spans[1] is not None:
            found.append(LinkSpan(href, spans[0], spans[1]))
    return sorted(found, key=lambda link: link.opening)


def noting_html_inline(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """The ``html_inline`` rule, noting where each URL of the tag it finds is in its inline text."""
    return _noting(rule, lambda state, start, parsed: [(start + at, start + end) for at, end in html_text.url_places(state.src[start : state.pos])])


def _noting(
    rule: Callable[[StateInline, bool], bool], places: Callable[[StateInline, int, list[tuple[str, int, Any]]], list[Span]],
) -> Callable[[StateInline, bool], bool]:
    """The inline ``rule``, noting the ``places`` (start, end in its inline text) of the URLs of what it found
    from ``start`` on (given the link destinations parsed meanwhile: ``Destinations``)."""

    def noting(state: StateInline, silent: bool) -> bool:
        start = state.pos
        parsed = state.md.helpers.found
        mark = len(parsed)
        found = rule(state, silent)
        spans = state.env.get(SPANS)
        if found and not silent and spans is not None:
            content, first = state.env.get(INLINE, ("", -1))
            if first >= 0 and state.src is content:
                spans.extend(_InlineUrl(content, first, *place) for place in places(state, start, parsed[mark:]))
        del parsed[mark:]
        return found

    return noting


def noting_html_blocks(rule: Callable[[StateBlock, int, int, bool], bool]) -> Callable[[StateBlock, int, int, bool], bool]:
    """The ``html_block`` rule, noting where each URL of the block it finds is: its lines are those of the text from
    its first on, without their container prefix (as an inline text's are)."""

    def noting(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        found = rule(state, start_line, end_line, silent)
        spans: list[Any] | None = state.env.get(SPANS)
        if found and not silent and spans is not None:
            content = state.tokens[-1].content
            spans.extend(_InlineUrl(content, start_line, at, end) for at, end in html_text.url_places(content))
        return found

    return noting


def _destination(src: str, pos: int, end: int) -> Span | None:
    """The URL characters of the link destination at ``pos`` (inside ``<…>``)."""
    result = helpers.parseLinkDestination(src, pos, end)
    if not result.ok or result.pos == pos:
        return None
    return (pos + 1, result.pos - 1) if src[pos] == "<" else (pos, result.pos)


def noting_definitions(rule: Callable[[StateBlock, int, int, bool], bool]) -> Callable[[StateBlock, int, int, bool], bool]:
    """The ``reference`` block rule, noting where each definition's URL is in the text."""

    def noting(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        found = rule(state, start_line, end_line, silent)
        spans: list[Any] | None = state.env.get(SPANS)
        if found and not silent and spans is not None:
            span = _definition_destination(state, start_line)
            if span is not None:
                spans.append(span)
        state.md.helpers.found.clear()  # the rule's own (in the definition's lines as one text: not this text's places)
        return found

    return noting


def _definition_destination(state: StateBlock, line: int) -> Span | None:
    """The URL of the definition that opens ``line``: after ``]:`` on that line or at the next line's text."""
    src, pos, end = state.src, state.bMarks[line] + state.tShift[line], state.eMarks[line]
    close = pos + 1
    while close < end and src[close] != "]":
        close += 2 if src[close] == "\\" else 1
    if close + 1 >= end or src[close + 1] != ":":
        return None  # a label over several lines: left as written
    pos = close + 2
    while pos < end and src[pos] in " \t":
        pos += 1
    if pos >= end and line + 1 < state.lineMax:
        line += 1
        pos, end = state.bMarks[line] + state.tShift[line], state.eMarks[line]
    return _destination(src, pos, end)
