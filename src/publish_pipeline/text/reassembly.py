"""Rebuild a document in the target language: the inverse of segmentation.

Everything that is not a segment (code, URLs, HTML, indentation, list markers,
blank lines) is copied byte for byte from the source; each segment's text is
replaced by its translation in the same place. The result must have the source's
block structure, or it is refused (like mdformat refusing output whose HTML
differs): a translation can never turn a paragraph into a list or a table into
text without anyone noticing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from markdown_it.token import Token

from . import html_text, markdown
from .document import Document
from ..errors import ReassemblyError, excerpt
from ..wording import plural
from .segmentation import BodySlot, FieldSlot, Segment

Lookup = Callable[[Segment], "str | None"]
"""The translation of a segment, or None to keep the source text."""


def reassemble(document: Document, segments: Sequence[Segment], lookup: Lookup) -> str:
    """The whole translated file: front matter with translated fields (every other byte of it as the
    author wrote it), then the body, with the source's line ends."""
    return with_front_matter(document, segments, lookup, reassemble_body(document, segments, lookup))


def with_front_matter(document: Document, segments: Sequence[Segment], lookup: Lookup, body: str) -> str:
    """The whole translated file around a body that ``parsed_body`` translated with the same ``lookup``."""
    return document.written(_front_matter(document, segments, lookup), body)


def with_front_matter_read(document: Document, segments: Sequence[Segment], lookup: Lookup, body: str) -> tuple[str, Document | None]:
    """``with_front_matter`` and the document that text is, as ``parse_document`` reads it (``Document.rewritten``:
    None where it refuses it)."""
    return document.rewritten(_front_matter(document, segments, lookup), body)


def reassemble_body(document: Document, segments: Sequence[Segment], lookup: Lookup) -> str:
    return parsed_body(document, segments, lookup)[0]


def parsed_body(
    document: Document, segments: Sequence[Segment], lookup: Lookup, seen: markdown.InlineSeen | None = None,
    urls: list[markdown.UrlSpan] | None = None,
) -> tuple[str, list[Token]]:
    """The translated body and its tokens (``markdown.parse_keeping_every_link``, telling ``seen`` and filling
    ``urls``), once its block outline is known to be the source's; raise ReassemblyError if not. The one parse
    of the translation also tells what the site would refuse in it (``markdown.refused_in``) and where its link
    URLs are (for export's link map)."""
    translations = [(s, lookup(s)) for s in segments if isinstance(s.slot, BodySlot)]
    body = _replace(document.body, translations)
    tokens = markdown.parse_keeping_every_link(body, seen, urls)
    broken = _broken_lines(translations)
    changed = tuple(markdown.block_outline(tokens)) != markdown.outline_of(document.body)
    if broken or changed:
        raise _structure_error(document, segments, lookup, broken, changed)
    return body, tokens


_ONE_LINE = (("line", "a heading"), ("cell", "a table cell"), ("admonition", "an admonition's title"))
"""The places (by ``BodySlot.style``) where a line break in a translation breaks the page, as a message names them: a
heading and a table cell end at the end of their line. Elsewhere a line break renders as a space: a paragraph, a list
item, a quote, HTML text and an image's alt text keep it, and a title between quotes, an HTML attribute's value, a
template tag's argument and a front-matter field the Dutch writes on one line (a page's title, its summary) have it
joined into one (``_one_line``)."""

_LINE_BREAK = re.compile(r"\r\n?|\n")
"""A line break as a translation may write it: a PO file edited on Windows has "\r\n", an old Mac's "\r"."""


def _one_line(text: str) -> str:
    """``text`` on one line: each line break a space, as a browser shows it."""
    return " ".join(_LINE_BREAK.split(text))


def one_line_place(segment: Segment) -> str | None:
    """The place a segment's text stands on one line that a line break would break (a heading, a table cell: 'a
    heading'), if it does; None where its translation may break its lines or where the Dutch has a line break."""
    slot = segment.slot
    if "\n" in segment.text or not isinstance(slot, BodySlot):
        return None
    return next((place for style, place in _ONE_LINE if slot.style.startswith(style)), None)


def _broken_lines(translations: list[tuple[Segment, str | None]]) -> list[tuple[Segment, tuple[str, str]]]:
    """The segments whose translation has a line break in a place of one line (``one_line_place``), each with what is
    wrong and what to do. Written there, the line break would end the heading or the table row in the middle (or,
    joined, turn 'What\\n# I bring' into the heading 'What # I bring'): the translator meant something else, so it
    is said rather than joined."""
    broken = []
    for segment, translation in translations:  # a line break at its start or end is msgfmt's (and the whitespace check's) to say
        if translation is not None and (place := one_line_place(segment)) and _LINE_BREAK.search(translation.strip("\r\n")):
            shown = excerpt(" ".join(part.strip() for part in _LINE_BREAK.split(translation) if part.strip()))
            broken.append((segment, (
                f"it has a line break, and {place} is one line", f"remove the line break (the page would show {shown})"
            )))
    return broken


def _front_matter(document: Document, segments: Sequence[Segment], lookup: Lookup) -> dict[tuple[str, int | None], str]:
    """The translated front-matter values: ``(key, index)`` → text, as ``Document.written`` takes them."""
    changes = {}
    for segment in segments:
        slot = segment.slot
        translation = lookup(segment)
        if isinstance(slot, FieldSlot) and translation is not None:  # one line where the Dutch is: a title is no paragraph
            text = translation.strip() if "\n" in segment.text else _one_line(translation).strip()
            changes[(slot.key, slot.index)] = slot.edges[0] + text + slot.edges[1]
    return changes


def _replace(body: str, translations: list[tuple[Segment, str | None]]) -> str:
    lines = body.split("\n")
    # line -> [(start, end, replacement)]; None as replacement deletes the line
    edits: dict[int, list[tuple[int, int, str | None]]] = defaultdict(list)
    for segment, translation in translations:
        if translation is not None and translation != segment.text:  # the Dutch text keeps the Dutch bytes
            assert isinstance(segment.slot, BodySlot)
            _plan(segment.slot, _escape(translation, segment.slot.style, segment.text), lines, edits)
    for number in sorted(edits, reverse=True):
        if any(replacement is None for _, _, replacement in edits[number]):
            del lines[number]
        else:
            lines[number] = _edited(lines[number], edits[number])
    return "\n".join(lines)


def _edited(line: str, edits: list[tuple[int, int, str | None]]) -> str:
    """A line with its edits made, joined in one pass (a wide table row has thousands of them)."""
    parts, done = [], 0
    for start, end, replacement in sorted(edits):
        parts += (line[done:start], replacement)
        done = end
    parts.append(line[done:])
    return "".join(parts)  # type: ignore[arg-type]


def _plan(slot: BodySlot, text: str, lines: list[str], edits: dict[int, list]) -> None:
    parts = text.split("\n")
    pieces = slot.pieces
    for number, piece in enumerate(pieces):
        if number < len(parts):
            replacement = parts[number]
            if number == len(pieces) - 1 and len(parts) > len(pieces):
                replacement += "".join(f"\n{slot.continuation}{part}" for part in parts[number + 1 :])
            edits[piece.line].append((piece.start, piece.end, replacement))
        elif number > 0 and not lines[piece.line][piece.end :].strip():
            edits[piece.line].append((0, 0, None))
        else:
            edits[piece.line].append((piece.start, piece.end, ""))


def _escape(text: str, style: str, dutch: str) -> str:
    """Write a translation so that it stays one segment of the same kind (text inside HTML stays text)."""
    if style == "block":
        return text
    if style == "html":
        return html_text.escape_text(text, dutch)
    if style.startswith("title:") and "\n" in dutch:  # a link title over lines: its lines kept, never a blank one (it ends the title)
        return _backslashed("\n".join(line for line in text.strip("\n").split("\n") if line.strip()), style[-1])
    text = _one_line(text)  # text of one line: a heading's or a cell's line break is refused (``_ONE_LINE``)
    if style.startswith("attribute:"):
        return html_text.escape_attribute(text, style[-1])
    if style.startswith("template:shortcode:"):
        # Hugo hands the shortcode the value as written but for \" (its one escape), and the shortcode's template
        # escapes it for where it goes: an entity would reach the reader as "&quot;" (a raw `…` string has no escape)
        text = text.translate(_BRACE_ENTITIES)
        return _backslashed(text, '"') if style[-1] == '"' else text.replace(style[-1], _QUOTE_ENTITIES[style[-1]])
    if style.startswith("template:"):  # Liquid: a string has no escape, and {{ include.caption }} is not escaped
        text = text.translate(_TEMPLATE_ENTITIES)
        return text.replace(style[-1], _QUOTE_ENTITIES[style[-1]])
    if style == "admonition:shown":  # a box that showed its kind (``!!! waarschuwing``) gets its English title after it
        return "" if str(text) == dutch else f' "{text}"'  # the title it shows already: the Dutch's bytes
    if style == "cell":
        return text.replace("|", "\\|")
    if style.startswith("title:"):
        return _backslashed(text, style[-1])
    return text


def _backslashed(text: str, quote: str) -> str:
    """``text`` between ``quote``s that a backslash escapes: each quote not escaped yet gets one."""
    return "".join(
        f"\\{char}" if char == quote and (position == 0 or text[position - 1] != "\\") else char for position, char in enumerate(text)
    )


_QUOTE_ENTITIES = {'"': "&quot;", "'": "&#39;", "`": "&#96;"}
"""A quote inside a Liquid argument (or a Hugo `…` string), as the HTML the generator writes the argument into shows it."""
_BRACE_ENTITIES = str.maketrans({"{": "&#123;", "}": "&#125;"})
"""Written as entities in any template argument: a brace could end the tag (``>}}``, and Liquid ends ``{% … %}`` at
the first ``%}``, quotes or not) or start another (Hugo runs a ``{{< … >}}`` in a caption it markdownifies)."""
_TEMPLATE_ENTITIES = str.maketrans({"<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"})
"""Written as entities in a Liquid argument: Liquid writes it into the page as it is, so the reader sees the text."""


def _structure_error(
    document: Document, segments: Sequence[Segment], lookup: Lookup, broken: list[tuple[Segment, tuple[str, str]]],
    changed: bool,
) -> ReassemblyError:
    """Name every translation that changes the document's structure on its own (``_culprits``, when it is
    ``changed``), each with what in it does so and what to do (``structure_cause``), and every one with a line
    break where a line must stay one (``broken``); or say that only together they change it. All of them are the
    error's ``segments`` (and their ``causes``), in reading order: a translator sees them all at once, not one per
    run of ``check``."""
    found = broken + [  # a broken line is joined in the page (``_escape``): it changes no structure, and is said once
        (segment, structure_cause(document, segment, lookup(segment) or ""))
        for segment in (_culprits(document, segments, lookup) if changed else [])
    ]
    found.sort(key=lambda pair: pair[0].line)
    if found:
        culprits, causes = [segment for segment, _ in found], [cause for _, cause in found]
        segment, (what, fix) = culprits[0], causes[0]
        return ReassemblyError(
            document.path,
            f"the translation of {segment.text[:40]!r} changes the structure of the page: {what}"
            + (f", and {plural(len(culprits) - 1, 'more translation')} {'changes' if len(culprits) == 2 else 'change'} it too"
               if len(culprits) > 1 else ""),
            line=segment.line,
            hint=fix,
            segments=tuple(culprits),
            causes=tuple(f"{what} — {fix}" for what, fix in causes),
        )
    return ReassemblyError(
        document.path,
        "the translations together change the structure of the page",
        hint="compare the translated blocks with the Dutch ones",
    )


def escaped_marker(marker: str) -> str:
    """A block's marker as Markdown shows it as text: a backslash before it ('\\#'), or before a number's '.' ('1\\.')."""
    return f"{marker[:-1]}\\{marker[-1]}" if marker[0].isdigit() else f"\\{marker}"


_BLOCK_STARTS = (
    (re.compile(r" {0,3}(=+|-+)[ \t]*$"), "an underline of the line before it: a heading"),
    (re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)"), "a heading"),
    (re.compile(r" {0,3}((?:[-*_][ \t]*){3,})$"), "a horizontal rule"),
    (re.compile(r" {0,3}([-+*])(?:[ \t]|$)"), "a list item"),
    (re.compile(r" {0,3}(\d{1,9}[.)])(?:[ \t]|$)"), "a numbered list item"),
    (re.compile(r" {0,3}(>)"), "a quote"),
    (re.compile(r" {0,3}(```|~~~)"), "a code block"),
    (re.compile(r" {0,3}(<)[A-Za-z/!?]"), "an HTML block"),
)
"""What a line that starts a block of its own starts with (the part to quote), and what it makes of the line."""


STARTS_A_BLOCK = "it starts with "
"""How the cause of a translation that starts with a block's marker begins: the checks say it of the entry itself."""


def block_start(line: str, first: bool = True) -> tuple[str, str] | None:
    """The marker a line starts a block of its own with, and what it makes of the line (``('#', 'a heading')``);
    None for a line of text. The ``first`` line of a text is no underline (there is no line of it before)."""
    for pattern, makes in _BLOCK_STARTS[first:]:
        if found := pattern.match(line):
            return found.group(1).strip(), makes
    return None


def structure_cause(document: Document, segment: Segment, translation: str) -> tuple[str, str]:
    """What in one translation (that alone changes the page's structure) starts a new block, quoting it, and what
    to do about it.

    The translation is put in with one line more at a time, until the page's structure changes: the line that
    changes it is the one to name (a blank line, a line that starts with '#', '-', '>', '1.' …), whatever rule of
    Markdown's makes it start a block. A cause it cannot name is said with every cause there is."""
    source_outline = markdown.outline_of(document.body)
    lines = translation.split("\n")
    first = next(
        (count for count in range(1, len(lines) + 1)
         if markdown.outline_of(_replace(document.body, [(segment, "\n".join(lines[:count]))])) != source_outline),
        len(lines),
    )
    line = lines[first - 1]
    if first > 1 and not lines[first - 2].strip():  # the line after a blank one is where the page changes
        before = next((text.strip() for text in reversed(lines[: first - 2]) if text.strip()), "")
        return (
            f"it has a blank line (after {excerpt(before)}), which ends the paragraph there",
            "remove the blank line (the English keeps the Dutch's paragraphs: a new one needs one in the Dutch)",
        )
    if started := block_start(line, first == 1):
        marker, makes = started
        if first == 1:
            return (
                f"{STARTS_A_BLOCK}{marker!r}, which makes it {makes}",
                f"rephrase its start so that it does not begin with {marker!r} (or write it as {escaped_marker(marker)})",
            )
        return (
            f"its line {excerpt(line.strip())} starts with {marker!r}, which makes it {makes}",
            f"join that line to the line before it, or rephrase it so that no line starts with {marker!r}",
        )
    return (
        "a line of it starts a new block (a blank line, or a line starting with '#', '-', '>' or a number, does)",
        "edit the translation so it keeps the shape of the Dutch text: join its lines as the Dutch's are",
    )


def _culprits(document: Document, segments: Sequence[Segment], lookup: Lookup) -> list[Segment]:
    """The segments whose translation alone changes the document's structure, in reading order (where the rest
    still change it, they do so only together).

    A binary search over the translations in reading order finds the first one after which the structure
    differs, with a few parses of the page rather than one per translation; one that does so alone is left
    out and the search goes on from there, until the rest keep the structure (or change it only together).
    """
    source_outline = markdown.outline_of(document.body)
    translations = [
        (segment, translation) for segment in segments
        if isinstance(segment.slot, BodySlot) and (translation := lookup(segment)) is not None
    ]

    def changed(chosen: list[tuple[Segment, str | None]]) -> bool:
        return markdown.outline_of(_replace(document.body, chosen)) != source_outline

    culprits: list[Segment] = []
    kept: list[tuple[Segment, str | None]] = []  # the translations before the search's start that keep the structure
    rest = translations
    while rest and changed(kept + rest):
        unchanged_up_to, changed_up_to = 0, len(rest)  # prefixes of the rest, after what is kept
        while changed_up_to - unchanged_up_to > 1:
            middle = (unchanged_up_to + changed_up_to) // 2
            if changed(kept + rest[:middle]):
                changed_up_to = middle
            else:
                unchanged_up_to = middle
        if not changed(rest[changed_up_to - 1 : changed_up_to]):
            return culprits  # no translation alone: several together
        culprits.append(rest[changed_up_to - 1][0])
        kept += rest[: changed_up_to - 1]
        rest = rest[changed_up_to:]
    return culprits
