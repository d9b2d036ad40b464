"""The text for readers inside raw HTML: what of an HTML block a translator translates.

An HTML block (``<div class="note">…</div>``, ``<figure>`` with its
``<figcaption>``, ``<details><summary>``) holds text in two places: runs of text
between block-level tags, and the attributes in ``TEXT_ATTRIBUTES``. Python's own
HTML tokenizer (``html.parser``) finds them, with their exact place in the
source, so that everything else stays byte for byte. A run keeps the inline tags
inside it (``<strong>``, ``<a href>``) as markup in its text, as a Markdown
paragraph keeps inline HTML. Text inside ``NEVER_TEXT`` elements (scripts,
styles, code) is never offered.

A translation goes back escaped (``escape_text``, ``escape_attribute``): it can
only carry the tags its Dutch run has, so a translator's ``<script>`` is shown as
text. ``shape`` is the block with its translatable text taken out: a translated
block has the Dutch block's shape and only the Dutch block's inline tags, which
is how the published page tells a translated block from foreign HTML.

The URLs in raw HTML (``URL_ATTRIBUTES``) are where its links lead: ``with_urls`` rewrites them
as the site rewrites a Markdown link's (an English page sits elsewhere than its Dutch one).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser, attrfind_tolerant, locatestarttagend_tolerant, tagfind_tolerant  # type: ignore[attr-defined]
from urllib.parse import quote as percent_encoded

from . import template_syntax

TEXT_ATTRIBUTES = ("alt", "title", "aria-label")
"""Attributes whose value readers see or hear (an image's alt text, an iframe's title): translated."""
NEVER_TEXT = frozenset({"script", "style", "pre", "code", "kbd", "samp", "textarea", "svg", "math", "template"})
"""Elements whose content is code or data, never prose."""
PHRASING = frozenset(
    "a abbr b bdi bdo br cite data del dfn em i img ins mark q s small span strong sub sup time u wbr".split()
)
"""Inline elements: they stay inside a run of text instead of ending it."""
INLINE_CODE = frozenset({"code", "kbd", "samp", "var"})
"""Inline elements whose content is code (``NEVER_TEXT`` but ``var``): inside a run of text each is one unit, with its
content, as a code span is in a Markdown paragraph (``Lijst van <code>a/</code> bestanden`` is one sentence, not two), kept
byte for byte as an inline tag is (``Text.tags``); no text of its own."""


@dataclass(frozen=True)
class Markup:
    """A tag, comment or declaration at ``[start, end)``; ``attributes``: (name, value start, value end, quote)."""

    start: int
    end: int
    kind: str
    tag: str = ""
    attributes: tuple[tuple[str, int, int, str], ...] = ()


@dataclass(frozen=True)
class Text:
    """Translatable text at ``[start, end)`` of the HTML: a run (``quote`` None) or an attribute value inside ``quote``."""

    start: int
    end: int
    role: str
    quote: str | None
    tags: tuple[str, ...] = ()


class _Scanner(HTMLParser):
    """html.parser, recording where each piece of markup starts and ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Markup] = []
        self._tag: str | None = None  # the start tag html.parser took for one, not for text
        self.unfinished: dict[int, None] = {}
        """Where each start tag html.parser leaves unfinished (reads as text) starts, counted from the text's end (a
        negative place: the same whether feed or close reads it)."""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._tag = tag

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._tag = tag

    def parse_starttag(self, i: int) -> int:
        self._tag = None
        end = super().parse_starttag(i)
        if end >= 0 and self._tag is not None:
            self.found.append(Markup(i, end, "start", self._tag, tuple(_attributes(self.rawdata, i, end))))
        elif end < 0:
            self.unfinished[i - len(self.rawdata)] = None
        return end

    def parse_endtag(self, i: int) -> int:
        end = super().parse_endtag(i)
        if end >= 0:
            name = re.match(r"</\s*([a-zA-Z][^\s/>]*)", self.rawdata[i:end])
            self.found.append(Markup(i, end, "end", name.group(1).lower() if name else ""))
        return end

    def _other(self, parse: str, i: int, *args: int) -> int:
        end = getattr(super(), parse)(i, *args)
        if end >= 0:
            self.found.append(Markup(i, end, "other"))
        return end

    def parse_comment(self, i: int, report: int = 1) -> int:
        return self._other("parse_comment", i, report)

    def parse_bogus_comment(self, i: int, report: int = 1) -> int:
        return self._other("parse_bogus_comment", i, report)

    def parse_html_declaration(self, i: int) -> int:
        return self._other("parse_html_declaration", i)

    def parse_pi(self, i: int) -> int:
        return self._other("parse_pi", i)


def _attributes(raw: str, start: int, end: int) -> list[tuple[str, int, int, str]]:
    """(name, value start, value end, quote) of each attribute of the start tag ``raw[start:end]``, as html.parser reads them."""
    found = []
    position = tagfind_tolerant.match(raw, start + 1).end()
    while position < end:
        match = attrfind_tolerant.match(raw, position)
        if not match:
            break
        if match.group(2):
            value_start, value_end = match.span(3)
            quote = raw[value_start] if raw[value_start : value_start + 1] in ("'", '"') else ""
            found.append((match.group(1).lower(), value_start + len(quote), value_end - len(quote), quote))
        position = match.end()
    return found


def markup(source: str) -> list[Markup]:
    """Every tag, comment and declaration of an HTML text, in order.

    A comment, processing instruction or declaration that never closes (``<?``, ``<!--``
    with no end) runs to the end of the text, as it does in a CommonMark HTML block and
    in a browser (kind ``unclosed``): html.parser would read it as text, and offer code to
    the translator.
    """
    return _reading(source)[0]


def _reading(source: str) -> tuple[list[Markup], list[tuple[int, int, str]]]:
    """``markup`` of an HTML text, and the ``_reach`` of each start tag that html.parser leaves unfinished, in order:
    it reads such a tag as text, up to its first ``>``, and what follows as markup."""
    scanner = _Scanner()
    scanner.feed(source)
    # what feed could not finish (a tag, comment … that does not close) is read again by close, in what is left of
    # the text: its places count from where that starts
    fed, offset = len(scanner.found), len(source) - len(scanner.rawdata)
    scanner.close()
    found, position = [*scanner.found[:fed], *(_moved(piece, offset) for piece in scanner.found[fed:])], 0
    for index, piece in enumerate([*found, Markup(len(source), len(source), "end")]):
        opener = _UNCLOSED.search(source, position, piece.start)
        if opener:
            found = [*found[:index], Markup(opener.start(), len(source), "unclosed")]
            break
        position = piece.end
    return found, [_reach(source, len(source) + start) for start in scanner.unfinished]


_UNCLOSED = re.compile(r"<[?!]")


def _moved(piece: Markup, offset: int) -> Markup:
    """``piece``, found ``offset`` characters into the text, in the places of the whole text."""
    attributes = tuple((name, start + offset, end + offset, quote) for name, start, end, quote in piece.attributes)
    return Markup(piece.start + offset, piece.end + offset, piece.kind, piece.tag, attributes)


def unclosed(source: str, pieces: list[Markup] | None = None) -> int | None:
    """Where in an HTML text a comment, processing instruction or declaration opens and never closes (None if
    none does): a browser hides everything after it. ``pieces``: the text's ``markup``, when the caller has it."""
    if pieces is None:
        pieces = markup(source) if "<" in source else []
    return pieces[-1].start if pieces and pieces[-1].kind == "unclosed" else None


def texts(source: str, pieces: list[Markup] | None = None) -> list[Text]:
    """The translatable texts of an HTML text, in order: runs with a letter, and text attributes outside them.
    ``pieces``: the text's ``markup``, when the caller has it (segmentation scans a block once for this and ``unclosed``)."""
    if "<" not in source:
        return []
    found: list[Text] = []
    open_tags: list[str] = []
    run: list[Markup] = []
    position = 0
    every = [*(markup(source) if pieces is None else pieces), Markup(len(source), len(source), "end", "")]
    index = -1
    while index + 1 < len(every):
        index += 1
        piece = every[index]
        if any(tag in NEVER_TEXT for tag in open_tags):
            position = piece.end  # inside a script or code: nothing is text
        elif piece.tag in PHRASING and piece.kind in ("start", "end"):
            run.append(piece)
            continue
        elif piece.kind == "start" and piece.tag in INLINE_CODE and (closing := _closing(every, index)) is not None:
            run.append(Markup(piece.start, every[closing].end, "code", piece.tag))  # in the run, one unit: no text inside
            index = closing
            continue
        else:
            found.extend(_run(source, position, piece.start, run, open_tags))
            if piece.kind == "start":
                found.extend(_text_attributes(source, piece))
            position, run = piece.end, []
        if piece.kind == "start" and piece.tag not in _VOID and not source[: piece.end].endswith("/>"):
            open_tags.append(piece.tag)
        elif piece.kind == "end" and piece.tag in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(piece.tag) :]
    return found


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def _closing(pieces: list[Markup], opening: int) -> int | None:
    """The index of the end tag that closes the element ``pieces[opening]`` opens, if one does (before any other tag
    of its name opens)."""
    name = pieces[opening].tag
    for index in range(opening + 1, len(pieces)):
        if pieces[index].tag == name:
            return index if pieces[index].kind == "end" else None
    return None


def _run(source: str, start: int, end: int, tags: list[Markup], open_tags: list[str]) -> list[Text]:
    """The run ``source[start:end]`` (text and the inline ``tags`` in it): a text if it has a letter, else its tags' attributes."""
    gaps, position = [], start
    for tag in tags:
        gaps.append(source[position : tag.start])
        position = tag.end
    gaps.append(source[position:end])
    if not _has_letters("".join(gaps)):
        return [text for tag in tags if tag.kind == "start" for text in _text_attributes(source, tag)]
    first, last = _trimmed(source, start, end)
    element, wrapper, after = (open_tags[-1] if open_tags else ""), [], []
    while tags and tags[0].start == first and (image := _images(source, tags)):  # <img …> before the text (a portrait,
        wrapper += [text for tag in tags[:image] for text in _text_attributes(source, tag)]  # then a bio), linked or not,
        first, last = _trimmed(source, tags[image - 1].end, last)  # stays outside it, as a wrapper does: no line of it in the text
        tags = tags[image:]
    while tags and tags[-1].end == last and tags[-1].tag in _VOID:
        after = [*_text_attributes(source, tags[-1]), *after]
        first, last = _trimmed(source, first, tags[-1].start)
        tags = tags[:-1]
    while len(tags) >= 2 and (tags[0].start, tags[-1].end) == (first, last) and _wrap(tags):
        # <span class="x">Tekst</span>: the text is the run, the wrapping tags stay outside it
        element, wrapper = tags[0].tag, [*wrapper, *_text_attributes(source, tags[0])]
        first, last = _trimmed(source, tags[0].end, tags[-1].start)
        tags = tags[1:-1]
    role = f"HTML <{element}> text" if element else "HTML text"
    return [*wrapper, Text(first, last, role, None, tuple(source[t.start : t.end] for t in tags)), *after]


def _images(source: str, tags: list[Markup]) -> int:
    """How many of a run's first ``tags`` are an image with nothing to read between them: a void tag (``<img …>``), or
    a link around void tags only (``<a href="groot.jpg"><img …></a>``, as WordPress writes a picture); 0 if none."""
    if tags[0].tag in _VOID:
        return 1
    if tags[0].kind != "start" or tags[0].tag != "a":
        return 0
    for index in range(1, len(tags)):
        if source[tags[index - 1].end : tags[index].start].strip():
            return 0  # text inside the link: a link, no image
        if tags[index].kind == "end" and tags[index].tag == "a":
            return index + 1 if index > 1 else 0
        if tags[index].tag not in _VOID:
            return 0
    return 0


def _trimmed(source: str, start: int, end: int) -> tuple[int, int]:
    chunk = source[start:end]
    return start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())


def _wrap(tags: list[Markup]) -> bool:
    """Whether the first and last of a run's tags are one element around all of it."""
    name = tags[0].tag
    return tags[0].kind == "start" and tags[-1].kind == "end" and tags[-1].tag == name and sum(t.tag == name for t in tags) == 2


def _text_attributes(source: str, tag: Markup) -> list[Text]:
    return [
        Text(value_start, value_end, f"HTML <{tag.tag}> {name}", quote)
        for name, value_start, value_end, quote in tag.attributes
        if name in TEXT_ATTRIBUTES and quote and _has_letters(source[value_start:value_end])
    ]


def _has_letters(text: str) -> bool:
    """Whether HTML text holds a letter outside entities and template syntax (``{{ page.title }}`` is no text)."""
    return any(ch.isalpha() for ch in html.unescape(template_syntax.without(text)))


def escape_text(translation: str, dutch: str) -> str:
    """A translated run as HTML: its tags that are not tags of the Dutch run are shown as text."""
    allowed = {dutch[m.start : m.end] for m in markup(dutch)} if "<" in dutch else set()
    pieces, position = [], 0
    for piece in markup(translation) if "<" in translation else []:
        pieces.append(_escape_brackets(translation[position : piece.start]))
        written = translation[piece.start : piece.end]
        pieces.append(written if written in allowed else _escape_brackets(written))
        position = piece.end
    pieces.append(_escape_brackets(translation[position:]))
    return "".join(pieces)


def escape_attribute(translation: str, quote: str) -> str:
    """A translated attribute value, safe between ``quote`` characters."""
    escaped = _escape_brackets(translation.replace("\n", " "))
    return escaped.replace(quote, "&quot;" if quote == '"' else "&#39;")


def _escape_brackets(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def shape(source: str, found: list[Text] | None = None) -> str:
    """The HTML with its translatable texts (``found``, or all) and the white space around them taken out:
    the same for every translation of it."""
    pieces, position = [], 0
    for text in texts(source) if found is None else found:
        pieces.extend([source[position : text.start], "\0"])
        position = text.end
    pieces.append(source[position:])
    return re.sub(r"\s*\0\s*", "\0", "".join(pieces))  # a translation may have fewer lines than the Dutch


URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster", "cite", "action", "formaction", "xlink:href", "data", "style", "content"})
"""Attributes whose value may hold URLs: where raw HTML links to, loads an image, a video's poster or an ``<object>``'s
``data`` from, or sends a form; a ``srcset`` lists several, each with its width or density; a ``style`` has CSS, its
``url(…)``s (``background: url(foto.png)``); a ``content`` a refresh's (``<meta http-equiv="refresh" content="0;
url=../nieuw/">``): see ``_value_places``. ``data`` and ``content`` hold one only on those tags (``_holds_urls``:
a ``<meta name="description">``'s content and a ``<div data>`` are text). Every pattern that finds a URL attribute is
made of this set (``_URL_VALUE``), so that none can miss one the others find."""


def _holds_urls(source: str, tag: Markup, name: str) -> bool:
    """Whether the attribute ``name`` of ``tag`` (in ``source``) holds URLs: each of ``URL_ATTRIBUTES`` does, but
    ``data`` only on an ``<object>`` and ``content`` only on a ``<meta http-equiv="refresh">`` (its first
    ``http-equiv``, in any case, as a browser reads it)."""
    if name == "data":
        return tag.tag == "object"
    if name == "content":
        equiv = next(((start, end) for other, start, end, _ in tag.attributes if other == "http-equiv"), None)
        return tag.tag == "meta" and equiv is not None and html.unescape(source[equiv[0] : equiv[1]]).lower() == "refresh"
    return name in URL_ATTRIBUTES


def _any_case(name: str) -> str:
    """A pattern of ``name`` in any case (html.parser and a browser read ``HREF`` as ``href``), without ``re.I``,
    which makes a search several times slower."""
    return "".join(f"[{char}{char.upper()}]" if char.isalpha() else re.escape(char) for char in name)


_URL_VALUE = re.compile(
    "=(?:" + "|".join(f"(?<=['\"\\s/]{_any_case(name)}=)" for name in sorted(URL_ATTRIBUTES)) + r"|(?<=\s=))=*\s*"
    r"""('[^']*'|"[^"]*"|(?!['"])[^>\s]*)"""
)
"""The value of each of the ``URL_ATTRIBUTES``, read as html.parser reads an attribute's (its name after a quote, white
space or ``/``; ``=`` and white space; a value in ``'``, in ``"`` or bare), wherever it stands. A match starts at an
``=``, a character most text lacks, so a search skips ahead fast; where white space stands before the ``=``, the
name is told by ``_name_before``."""


def _name_before(text: str, equals: int) -> str:
    """The name (lowercased) of the attribute whose ``=`` is at ``equals``, white space between (``\\s``, as
    html.parser's pattern has it: Unicode's)."""
    end = equals
    while end and text[end - 1].isspace():
        end -= 1
    start = end
    while start and not text[start - 1].isspace() and text[start - 1] not in "'\"/=>":
        start -= 1
    return text[start:end].lower()


def url_values(text: str) -> list[tuple[str, int, int, str]]:
    """(name, value start, value end, quote) of each value of the ``URL_ATTRIBUTES`` that may be one of a tag's in
    ``text`` (as ``Markup.attributes``): where ``text`` is HTML, each that ``markup`` finds, and more (one in a comment,
    in another value's quotes, or in text), since ``text`` is not read as HTML. Quick where a text has no ``=``."""
    found = []
    for match in _URL_VALUE.finditer(text):
        name = _name_before(text, match.start())
        if name in URL_ATTRIBUTES:
            start, end = match.span(1)
            quote = text[start] if text[start:end][:1] in ("'", '"') else ""
            found.append((name, start + len(quote), end - len(quote), quote))
    return found


def has_url_value(text: str) -> bool:
    """Whether ``url_values`` finds anything in ``text`` (it stops at the first)."""
    return any(_name_before(text, match.start()) in URL_ATTRIBUTES for match in _URL_VALUE.finditer(text))


def possible_url_places(text: str) -> list[tuple[int, int]]:
    """Where each URL of a URL attribute may be written in ``text`` (Markdown with raw HTML, or HTML), as
    (start, end): every place ``url_places`` finds, and more (see ``url_values``)."""
    return [place for name, start, end, _ in url_values(text) for place in _places(name, text, start, end)]


def page_urls(page: str) -> list[str]:
    """The URLs of an HTML page's URL attributes, as a browser reads them (entities decoded, the space around them
    dropped; each of a ``srcset``'s), of a page whose text is escaped as a renderer escapes it (``<`` and ``"`` in its
    text as entities): a value in ``"`` stands in a tag (or a comment, a script); one in ``'`` or bare, and a ``data``
    or ``content`` (``_holds_urls``), count only where they are an attribute of the tag that the last ``<`` before
    them opens (``&lt;a href='x'&gt;`` in a code sample is none; ``<img alt="a > b" src='x.png'>`` is one). The
    limit: such a value after a ``<`` inside an earlier value of its tag (``alt="a < b"``) is not counted."""
    urls = []
    for name, start, end, quote in url_values(page):
        if quote != '"' or name in _ON_SOME_TAGS:
            tag = _tag_holding(page, (name, start, end, quote))
            if tag is None or not _holds_urls(page, tag, name):
                continue
        urls += _urls(name, page[start:end])
    return urls


def possible_urls(text: str) -> list[tuple[int, str]]:
    """Each URL a URL attribute may hold in ``text`` (see ``url_values``), as a browser reads it (entities decoded),
    with where its value starts: those of a value with an entity too (``url(&quot;x.png&quot;)``), which
    ``possible_url_places`` leaves out, since its characters as written are not its URL's."""
    return [(start, url) for name, start, end, _ in url_values(text) for url in _urls(name, text[start:end])]


def _urls(name: str, written: str) -> list[str]:
    """The URLs of the attribute ``name``'s value as written, as a browser reads them (entities decoded)."""
    value = html.unescape(written)
    return [value[first:last] for first, last in _value_places(name, value)]


def _tag_holding(page: str, attribute: tuple[str, int, int, str]) -> Markup | None:
    """The start tag that the last ``<`` before ``attribute`` (as ``url_values`` finds it) opens, if the attribute is
    one of its, as html.parser reads them; else None."""
    opening = page.rfind("<", 0, attribute[1])
    reading = locatestarttagend_tolerant.match(page, opening) if opening >= 0 else None
    if reading is None or reading.end() < attribute[2]:
        return None
    attributes = tuple(_attributes(page, opening, reading.end()))
    name = tagfind_tolerant.match(page, opening + 1).group(1).lower()
    return Markup(opening, reading.end(), "start", name, attributes) if attribute in attributes else None


_ON_SOME_TAGS = frozenset({"data", "content"})
"""The ``URL_ATTRIBUTES`` that hold URLs on some tags only (``_holds_urls``)."""


def with_urls(source: str, rewrite: Callable[[str], str], link_attributes: Callable[[str], dict[str, str]] | None = None) -> str:
    """``source`` (HTML) with each URL in the URL attributes of its tags (``_holds_urls``) replaced by ``rewrite``
    of it, the URL as a browser reads it (entities decoded, the space around it dropped). A value that changes is written
    back escaped (``_attribute_value``) between its own quotes; ``link_attributes``: more attributes for an
    ``<a href>``, given its URL, added where the tag does not have them. Every other byte stays: a tag is found
    by ``markup`` (what html.parser reads as a tag), never in a comment, a script or after an unclosed comment; a
    value that a start tag html.parser leaves unfinished reads too (``_reach``) stays as written, so that no new URL
    can finish that tag: the text has the same markup after as before."""
    if not has_url_value(source):
        return source  # no URL (``</a>``, ``<div class="note">``): most raw HTML, and no need to read it as HTML
    changes: list[tuple[int, int, str]] = []
    tags, reaches = _reading(source)
    for tag, number, (name, start, end, quote) in _url_attributes(source, tags, reaches):
        url = html.unescape(source[start:end])
        url = url if name in _HOLDING_URLS else url.strip(_SPACE)
        value = _rewritten(name, url, rewrite)
        if value != url:
            changes.append((start, end, _attribute_value(value, quote)))
        if name == "href" and tag.tag == "a" and link_attributes and name not in (a[0] for a in tag.attributes[:number]):
            present = {attribute[0] for attribute in tag.attributes}
            more = "".join(f' {key}="{html.escape(text)}"' for key, text in link_attributes(url).items() if key not in present)
            after_name = tagfind_tolerant.match(source, tag.start + 1).end(1)
            changes += [(after_name, after_name, more)] if more and not _reached(reaches, after_name, after_name, more) else []
    pieces, position = [], 0
    for start, end, new in sorted(changes):
        pieces += [source[position:start], new]
        position = end
    return "".join([*pieces, source[position:]])


def url_places(source: str) -> list[tuple[int, int]]:
    """Where each URL of ``with_urls`` is in ``source`` (HTML), as written, in order: what a rewrite of the text
    itself replaces (export's link map). A value with an entity is left out (its characters are not its URL's),
    unless the entity is in its query or fragment (``?a=1&amp;b=2``): then its place ends before it (a link
    map changes the path of a URL and keeps the rest as it is). A value ``with_urls`` leaves (``_reach``) is left out."""
    if not has_url_value(source):
        return []
    return [
        place for _, _, (name, start, end, _) in _url_attributes(source, *_reading(source))
        for place in _places(name, source, start, end)
    ]


def _url_attributes(
    source: str, pieces: list[Markup], reaches: list[tuple[int, int, str]],
) -> Iterator[tuple[Markup, int, tuple[str, int, int, str]]]:
    """Each URL attribute (``_holds_urls``) of the tags of ``_reading``'s ``pieces`` of ``source`` (the tag, the
    attribute's number in it, the attribute) whose value no unfinished start tag reads (``_reach``): the values
    ``with_urls`` may change."""
    for tag in pieces:
        for number, attribute in enumerate(tag.attributes):
            if _holds_urls(source, tag, attribute[0]) and not _reached(reaches, attribute[1], attribute[2], ""):
                yield tag, number, attribute


def _reach(source: str, start: int) -> tuple[int, int, str]:
    """What html.parser reads of a start tag at ``start`` that it leaves unfinished, to decide so: the text up to a
    quote that opens a value and never closes (start, quote's place, quote); its reading runs on over the markup it
    then finds after the tag's first ``>`` (``<a href="><img src=x alt="y">``: the ``<img>``'s attributes are its),
    so a change there could finish it: new markup. Any other reason to leave a tag unfinished reaches the end."""
    quote = _UNCLOSED_VALUE.match(source, locatestarttagend_tolerant.match(source, start).end())
    return (start, quote.start(1), quote.group(1)) if quote else (start, len(source), "")


_UNCLOSED_VALUE = re.compile(r"\s*=+\s*(['\"])")
"""What follows where html.parser's pattern stops reading a start tag it leaves unfinished: a value whose quote never
closes."""


def _reached(reaches: list[tuple[int, int, str]], start: int, end: int, new: str) -> bool:
    """Whether writing ``new`` over ``[start, end)`` of a text could change what html.parser reads of one of its
    unfinished start tags (``reaches``): a change in one's reading, or its unclosed quote after it (which closes it)."""
    return any(end >= first and (start <= last or quote in new) for first, last, quote in reaches)


def _places(name: str, source: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the URLs of the attribute ``name``'s value ``source[start:end]`` are (see ``url_places``)."""
    value = source[start:end]
    if "&" in value:
        value = value[: value.index("&")]
        if name in _HOLDING_URLS or not re.search(r"[?#]", value):
            return []
    return [(start + first, start + last) for first, last in _value_places(name, value)]


def _value_places(name: str, value: str) -> list[tuple[int, int]]:
    """Where the URLs of a value of the attribute ``name`` (as a browser reads it: entities decoded) are, none
    empty: each of a ``srcset``'s; each ``url(…)``'s of a ``style``; a ``content``'s, when it is a refresh's
    (``0; url=x``; a ``<meta name="description">``'s content is none); else the value without the space around it."""
    if name == "srcset":
        return _srcset_places(value)
    if name == "style":
        places = [match.span(match.lastindex or 0) for match in _CSS_URL.finditer(value)]
    elif name == "content":
        refresh = _REFRESH.match(value)
        places = [refresh.span(2)] if refresh else []
    else:
        first = len(value) - len(value.lstrip(_SPACE))
        places = [(first, first + len(value.strip(_SPACE)))]
    return [(first, last) for first, last in places if first < last]


_HOLDING_URLS = frozenset({"srcset", "style", "content"})
"""The ``URL_ATTRIBUTES`` whose value holds its URLs among other characters (a value with an entity: its places as
written cannot be told)."""
_CSS_URL = re.compile(r"""[uU][rR][lL]\(\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)'|([^\s"'()\\]*))\s*\)""")
"""CSS's ``url(…)``, its URL in ``"``, in ``'`` or bare (one with an escape is left as it is)."""
_REFRESH = re.compile(r"""\s*[\d.]+\s*[;,]\s*(?:[uU][rR][lL]\s*=\s*)?(['"]?)([^'"\s]*)\1\s*$""")
"""A refresh's ``content``: seconds, then the URL it goes to (``0; url=../nieuw/``, ``5, 'x.html'``)."""


_SPACE = " \t\n\f\r"
"""HTML's white space: around a URL, a browser drops it."""


def _attribute_value(value: str, quote: str) -> str:
    """``value`` written for an attribute between ``quote`` (none: unquoted): no character in it can end the value
    or open markup, whatever the quote (``"``, ``'``, ``<``, ``>`` and ``&`` as entities; unquoted, white space,
    ``=`` and the backtick too). The quotes stay as the author wrote them: a quote added where html.parser and a browser
    read a broken tag differently could change what the browser makes of the rest."""
    escaped = html.escape(value, quote=True)
    return escaped if quote else re.sub(r"[\s=`]", lambda match: f"&#{ord(match.group())};", escaped)


def _rewritten(name: str, value: str, rewrite: Callable[[str], str]) -> str:
    """A value of the attribute ``name`` with ``rewrite`` of each of its URLs (``_value_places``), every other
    character as it was; in CSS or a refresh, a character of the new URL that could end it there percent-encoded."""
    pieces, position = [], 0
    for start, end in _value_places(name, value):
        url = rewrite(value[start:end])
        if name in ("style", "content"):
            url = _URL_END.sub(lambda match: percent_encoded(match.group()), url)
        pieces += [value[position:start], url]
        position = end
    return "".join([*pieces, value[position:]])


_URL_END = re.compile(r"""[\s"'()\\]""")


def _srcset_places(value: str) -> list[tuple[int, int]]:
    """Where each URL of a ``srcset`` value is, read as a browser reads one: each candidate a URL (the characters up
    to white space, without trailing commas) and descriptors up to a comma (``foto.png 2x, ...``)."""
    places, position = [], 0
    while position < len(value):
        url = _CANDIDATE_URL.match(value, position)
        assert url is not None  # the pattern matches everywhere
        start, end = url.span(1)
        while end > start and value[end - 1] == ",":
            end -= 1
        if start == end:
            break
        places.append((start, end))
        position = end if end < url.end(1) else _descriptors_end(value, end)  # after commas: no descriptors
    return places


_CANDIDATE_URL = re.compile(r"[\s,]*(\S*)")


def _descriptors_end(value: str, position: int) -> int:
    """Where the descriptors of a ``srcset`` candidate that starts at ``position`` end: at the next comma outside
    parentheses, or at the end."""
    depth = 0
    while position < len(value):
        if value[position] == "(":
            depth += 1
        elif value[position] == ")":
            depth = max(depth - 1, 0)
        elif value[position] == "," and depth == 0:
            return position
        position += 1
    return position
