"""A Dutch source document: front matter (YAML, TOML or JSON, as Hugo and Jekyll write it) plus a Markdown body.

Front matter is read into values, and written back by replacing only the values
that were translated, in place: every other key, comment, quote and blank line
stays byte for byte as the author wrote it (TOML through tomlkit, which keeps a
file's style; YAML and JSON by the span of each value in the text).
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import yaml

from ..errors import EXCERPT, PipelineError, SourceError, excerpt
from ..site import SECTION, Site, slugify

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (ten times faster), the pure-Python one otherwise."""

_FENCES = {"---": "yaml", "+++": "toml"}
_FENCE_END = {"yaml": re.compile(r"^(---|\.\.\.)[ \t]*$"), "toml": re.compile(r"^\+\+\+[ \t]*$")}

Span = tuple[int, int]
"""Where a value is in the front-matter text: ``[start, end)``."""


@dataclass(frozen=True)
class Document:
    """One source document, decoded and split.

    ``id``: the document's name (``blog/x``; a page bundle ``blog/x/index.md`` is ``blog/x``).
    ``path``: the site-relative file name used in messages and PO references.
    ``front_matter``: the parsed mapping (empty when there is none); a date written
    as text (``'2016-06-03'``, ``2013-05-06 02:12:52 +0200``) is read as a date here.
    ``field_lines``: the 1-based file line of each top-level front-matter key.
    ``body``: the Markdown after the front matter, with ``\\n`` line ends.
    ``body_line``: how many file lines come before the body.
    ``front_matter_text``: the front matter as written (``\\n`` line ends), between ``fences``:
    the text before it and after it up to the body (``---\\n`` … ``---\\n``; ``+++`` for TOML;
    none around a JSON object).
    ``format``: ``yaml``, ``toml`` or ``json``. ``line_end``: ``\\r\\n`` when the file
    has Windows line ends, which everything written from it keeps.
    ``spans``: where each top-level value (``(key, None)``) and each item of a list
    (``(key, index)``) is in ``front_matter_text``, for YAML and JSON.
    ``title_required``: whether it was read under the rule that a page has a title (``parse_document``): its
    other texts (the English) are read under the same (``read_as_this``).
    ``any_case``: whether Hugo's own keys (``HUGO_KEYS``) were read in any case, as Hugo reads them (``Slug`` is
    ``slug``): ``front_matter`` and ``field_lines`` have them in lowercase, ``names`` each one written otherwise, by
    its lowercase (``written`` changes it there).
    ``day_first``: whether a ``date`` written with its day first (``10/12/2024``) was read as Jekyll reads it.
    """

    id: str
    path: str
    front_matter: dict[str, Any]
    field_lines: dict[str, int]
    body: str
    body_line: int
    front_matter_text: str = field(default="", repr=False)
    format: str = "yaml"
    line_end: str = "\n"
    fences: tuple[str, str] = ("---\n", "---\n")
    spans: Mapping[tuple[str, int | None], Span] = field(default_factory=dict, repr=False)
    title_required: bool = True
    any_case: bool = False
    names: Mapping[str, str] = field(default_factory=dict, repr=False)
    day_first: bool = False

    @property
    def kind(self) -> str:
        """``blog`` or ``topics``: the first folder below the source folder."""
        return kind_of(self.id)

    @property
    def slug(self) -> str:
        """The page's URL slug: the author's ``slug:``, else the last part of her ``url:``, else made from the name.

        A name is made a slug by lowercasing it and joining its words with hyphens
        (``My-Post`` → ``my-post``); a Jekyll post's date is left out
        (``2019-03-14-vertrouwen`` → ``vertrouwen``), a section page is called after its
        folder (``blog/_index`` → ``blog``).
        """
        own = self.front_matter.get("slug")
        if isinstance(own, str) and own.strip():
            return own.strip()
        url = self.front_matter.get("url")
        if isinstance(url, str) and url.strip("/ "):
            return url.strip("/ ").rsplit("/", 1)[-1]
        return slugify(self.name_from_file)

    @property
    def name_from_file(self) -> str:
        """What the file calls the document: its name (``x``), its folder's for a section page (``_index``)."""
        name = slug_of(self.id)
        if name == SECTION:
            name = slug_of(self.id.rsplit("/", 1)[0]) if "/" in self.id else "home"
        return _JEKYLL_DATE.sub("", name)

    @property
    def name(self) -> str:
        """How messages and lists call the document: its title, or — a section page may have none — its folder's name."""
        title = self.front_matter.get("title")
        return title if isinstance(title, str) and title.strip() else self.name_from_file

    @property
    def is_draft(self) -> bool:
        return self.front_matter.get("draft") is True

    @property
    def is_section(self) -> bool:
        """A Hugo section page (``_index.md``): the list page of its folder, which needs no title."""
        return slug_of(self.id) == SECTION

    def written(self, changes: Mapping[tuple[str, int | None], str | list[str]], body: str | None = None) -> str:
        """The whole file with ``changes`` made to its front matter and ``body`` (default: its own) after it.

        ``changes`` maps ``(key, None)`` to a top-level field's new text and ``(key,
        index)`` to a list item's; a key the front matter lacks is added at its end.
        A top-level field may be given a list of texts instead (added, where the front matter lacks it, as a flow list).
        Every other byte of the front matter stays as it was; line ends are the file's.
        """
        return self._around(_WRITERS[self.format](self, self._as_written(changes)), self.body if body is None else body)

    def _as_written(self, changes: Mapping[tuple[str, int | None], Any]) -> Mapping[tuple[str, int | None], Any]:
        """``changes`` with each key as the front matter writes it (``names``: ``Aliases`` for ``aliases``)."""
        return {(self.names.get(key, key), index): value for (key, index), value in changes.items()} if self.names else changes

    def rewritten(self, changes: Mapping[tuple[str, int | None], str], body: str) -> tuple[str, Document | None]:
        """``written(changes, body)`` and that text as ``parse_document`` reads it (None where it refuses it).

        YAML front matter whose changed values each stand within one line (and whose keys, where one is added,
        each open a line) is not read again: each value is written so that it reads back as exactly itself
        (``_yaml_scalar``), every other byte stays, and so the document is this one with those values, the places
        after them moved and the added keys' lines after the last.
        """
        if self.format != "yaml" or self.names:  # a key written in another case: read again
            text = self.written(changes, body)
        else:
            edits, added = _span_edits(self, changes, _yaml_scalar)
            front = _edited(self.front_matter_text, edits)
            whole = _yaml_add(front, added) if added else front
            text = self._around(whole, body)
            document = _read_in_place(self, changes, edits, added, whole, text)
            if document is not None:
                return text, document
        try:
            return text, self.read_as_this(text)
        except PipelineError:
            return text, None

    def read_as_this(self, text: str) -> Document:
        """Another text of this document (its English) as ``parse_document`` reads it: same name, same location,
        same title rule; a SourceError where it refuses it."""
        return parse_document(
            text, self.id, self.path, title_required=self.title_required, any_case=self.any_case, day_first=self.day_first
        )

    @property
    def text(self) -> str:
        """The file this document was read from, where it reads as itself (its front matter as written, between its
        fences, then its body, with its line ends)."""
        return self._around(self.front_matter_text, self.body)

    def _around(self, front_matter_text: str, body: str) -> str:
        """The file of ``front_matter_text`` between this document's fences, then ``body``, with its line ends."""
        whole = self.fences[0] + front_matter_text + self.fences[1] + body
        return whole.replace("\n", self.line_end) if self.line_end != "\n" else whole


HUGO_KEYS = frozenset({"title", "summary", "description", "slug", "url", "aliases", "draft", "date", "headless", "cascade", "build", "_build"})
"""The keys of Hugo's own that the pipeline reads, which Hugo reads in any case (``parse_document``'s ``any_case``);
any other (``translationKey``, a field of ``translate_fields``) is read as written."""
REDIRECTS = ("aliases", "redirect_from")
"""The Dutch page's old addresses (Hugo's ``aliases``, Jekyll's ``redirect_from``): export empties them in the English,
or the generator would send the old Dutch links to it."""
_JEKYLL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}-(?=.)")


def kind_of(document_id: str) -> str:
    """``blog`` for ``blog/x``; empty for a document at the top of the source folder."""
    return document_id.split("/")[0] if "/" in document_id else ""


def slug_of(document_id: str) -> str:
    return document_id.rsplit("/", 1)[-1]


def normalize_newlines(text: str) -> str:
    """Line ends as ``\\n`` and NUL as U+FFFD, exactly as markdown-it normalizes its input."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


_BINARY_STARTS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF-", b"PK\x03\x04")
"""How images, PDFs and zip files (a Word document is one) begin: files that are not text at all."""


def decode(data: bytes, location: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or a SourceError naming the line — or saying it is no text at all."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(location, "UTF-16 text, not UTF-8", line=1, hint="save the file with UTF-8 encoding")
    if data.startswith(_BINARY_STARTS) or b"\0" in data[:8000]:  # a NUL byte near the start: binary, as git decides
        raise SourceError(
            location,
            "looks like a binary file (an image, a PDF or a Word document?), not Markdown text",
            hint="a document must be a text file: replace it by its text, or move it out of the source folder",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            location,
            f"not UTF-8 text (byte 0x{data[error.start]:02x})",
            line=line,
            hint="save the file with UTF-8 encoding",
        ) from None


def read_source(
    data: bytes, document_id: str, location: str, *, title_required: bool = True, any_case: bool = False, day_first: bool = False
) -> Document:
    """A Dutch source document from its bytes: decoded, split, its front matter checked.

    Beyond what any document must be (``parse_document``), the author's front
    matter may hold no control characters: they are invisible, and a feed or a
    PO file cannot carry them. (A translation's are dropped where pages are made.)
    """
    document = parse_document(
        decode(data, location), document_id, location, title_required=title_required, any_case=any_case, day_first=day_first
    )
    _refuse_control_characters(document.front_matter, document.field_lines, location)
    return document


def read_in_site(site: Site, location: str, document_id: str) -> Document:
    """The Dutch document at ``location`` (a path of ``site``) as the site reads it: its bytes (``Site.source_bytes``),
    under its layout's title rule; an OSError or a PipelineError where it cannot be read."""
    return read_source(site.source_bytes(site.root / location), document_id, location, **site.config.reading)


def parse_document(
    text: str, document_id: str, location: str, *, title_required: bool = True, any_case: bool = False, day_first: bool = False
) -> Document:
    """A document from its text: front matter in the format its first line says (``---`` YAML, ``+++`` TOML,
    ``{`` JSON), checked, then the body; a SourceError naming the line otherwise.

    ``title_required``: the site's rule (``SiteConfig.titles_required``: this pipeline's own pages show a title,
    Hugo and Jekyll make a page without one); a section page never needs one. ``any_case``: its top-level keys in any
    case, as Hugo reads them (``hugolib/page__meta.go``: each key lowercased, ``strings.ToLower(k)``, before it is
    matched: ``Aliases``, ``URL``, ``Slug``, ``Draft`` are Hugo's own): those of ``HUGO_KEYS``. ``day_first``: a
    ``date`` written day first (``10/12/2024``) is the day Jekyll reads in it (``_check_fields``).
    """
    first_end = text.find("\n")
    line_end = "\r\n" if first_end > 0 and text[first_end - 1] == "\r" else "\n"
    text = normalize_newlines(text)
    unbuilt: dict[str, SourceError] = {}
    if text.startswith("{"):
        front_text, fences, body = _split_json(text, location)
        front, field_lines, spans = _load_json(front_text, location)
        body_line, format = front_text.count("\n") + 1, "json"
    else:
        lines = text.split("\n")
        format = _FENCES.get(lines[0].rstrip(" \t"), "")
        if not format:
            raise SourceError(
                location,
                "no front matter: the file must start with a '---' line, then 'title: …', then '---'",
                line=1,
                hint="or write TOML front matter between '+++' lines, or a JSON object",
            )
        end = next((i for i in range(1, len(lines)) if _FENCE_END[format].match(lines[i])), None)
        if end is None:
            fence = lines[0].rstrip(" \t")
            raise SourceError(location, "front matter is never closed", line=1, hint=f"add a '{fence}' line after the front matter")
        front_text = "".join(line + "\n" for line in lines[1:end])
        fences = (lines[0] + "\n", lines[end] + ("\n" if end + 1 < len(lines) else ""))
        if format == "yaml":
            front, field_lines, spans, unbuilt = _load_yaml(front_text, location)
        else:
            front, field_lines, spans = _load_toml(front_text, location)
        body, body_line = "\n".join(lines[end + 1 :]), end + 1
    title_required = title_required and slug_of(document_id) != SECTION
    names = _hugo_names(front, field_lines, location) if any_case else {}
    if names:
        front = {key.lower() if key in names.values() else key: value for key, value in front.items()}
        field_lines = {key.lower() if key in names.values() else key: line for key, line in field_lines.items()}
    _check_fields(front, field_lines, location, title_required=title_required, unbuilt=unbuilt, day_first=day_first, written=(front_text, spans), format=format)
    return Document(
        document_id, location, front, field_lines, body, body_line, front_text, format, line_end, fences, spans, title_required, any_case, names,
        day_first,
    )


def _hugo_names(front: Mapping[str, Any], field_lines: Mapping[str, int], location: str) -> dict[str, str]:
    """Each of Hugo's own keys (``HUGO_KEYS``) that ``front`` writes in another case, by its lowercase (``Slug`` by
    ``slug``); a SourceError where it writes one in two ways (``Slug`` and ``slug``): Hugo reads them as one key, and
    which value it keeps is not defined."""
    written: dict[str, list[str]] = {}
    for key in front:
        if isinstance(key, str) and key.lower() in HUGO_KEYS:
            written.setdefault(key.lower(), []).append(key)
    for key, ways in written.items():
        if len(ways) > 1:
            later = max(ways, key=lambda way: field_lines.get(way, 0))
            raise SourceError(
                location, f"front matter: {' and '.join(map(repr, ways))} are one key to Hugo, which reads keys in any case: "
                "which of their values it takes is not defined", line=field_lines.get(later), hint=f"keep one of them, e.g. {key!r}",
            )
    return {key: ways[0] for key, ways in written.items() if ways[0] != key}


def _unclosed_yaml(error: yaml.YAMLError, problem: str, at_end: bool) -> tuple[str, int, str] | None:
    """A quote, ``[`` or ``{`` that the front matter never closes, as (what, its line in the file, what to do); None
    for any other YAML error. The parser meets it only at the end (``at_end``), and its words there help nobody."""
    context, opened = getattr(error, "context", None) or "", getattr(error, "context_mark", None)
    if opened is None or not (at_end or "end of stream" in problem):
        return None
    line = opened.line + 2  # the line after the opening fence is the first of the front matter
    if "quoted scalar" in context:
        return UNCLOSED_QUOTE, line, CLOSING_QUOTE
    if "flow sequence" in context:
        return "a '[' list", line, "close it with ']'"
    if "flow mapping" in context:
        return "a '{' mapping", line, "close it with '}'"
    return None


_KEY_VALUE = re.compile(r"([A-Za-z0-9_-]+):[ \t]+(\S.*?)[ \t]*")


def _colon_in_value(text: str, line: int) -> tuple[str, str] | None:
    """The field and value of a ``key: value`` line (0-based ``line`` of ``text``) whose unquoted value holds ``: ``
    (``title: Tuinieren: in de winter``); None for any other line."""
    found = _KEY_VALUE.fullmatch(text.split("\n")[line]) if line < text.count("\n") + 1 else None
    return (found.group(1), found.group(2)) if found and ": " in found.group(2) and found.group(2)[0] not in "\"'" else None


def _yaml_quoted(value: str) -> str:
    """``value`` as a YAML quoted scalar a person can copy: in double quotes, or single ones when it holds one."""
    return f'"{value}"' if '"' not in value and "\\" not in value else "'" + value.replace("'", "''") + "'"


def _tab_at(text: str, index: int) -> bool:
    """Whether YAML stopped at a tab: the character there, or the indentation of its line."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", start)
    line = text[start : end if end >= 0 else len(text)]
    return text[index : index + 1] == "\t" or "\t" in line[: len(line) - len(line.lstrip(" \t"))]


def _load_yaml(
    text: str, location: str
) -> tuple[dict[str, Any], dict[str, int], dict[tuple[str, int | None], Span], dict[str, SourceError]]:
    """The values, the line of each key, the place of each value, and the error of each top-level field with a value
    YAML cannot build (``_check_nodes``; the field is read as empty, so that every other field is judged too)."""
    loader = _SafeLoader(text)  # one parse gives the values, the line of each key and the place of each value
    unbuilt: dict[str, SourceError] = {}
    try:
        node = loader.get_single_node()
        if node is not None:
            if not isinstance(node, yaml.MappingNode) and node.tag != _TAG + "null":
                raise SourceError(  # its one value is no field (a date alone, a list): said as that, not as a field missing
                    location, f"front matter: expected 'key: value' lines, found {_what_is_written(node)}", line=2,
                    hint="write each field on a line of its own as 'key: value', e.g. 'title: Wat is vertrouwen?'",
                )
            unbuilt = _check_nodes(loader, node, location)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        unclosed = _unclosed_yaml(error, problem, at_end=mark is not None and mark.index >= len(text.rstrip()))
        if unclosed:
            raise SourceError(location, f"front matter: {unclosed[0]} opens here and is never closed", line=unclosed[1], hint=unclosed[2]) from None
        line = min(mark.line + 2, max(text.count("\n") + 1, 2)) if mark else 1  # libyaml may point past the end
        if mark and _tab_at(text, mark.index):
            raise SourceError(location, "front matter: a tab where YAML allows only spaces", line=line, hint="indent with spaces, not tabs") from None
        colon = _colon_in_value(text, mark.line) if mark and "mapping values are not allowed" in problem else None
        if colon:
            key, value = colon
            raise SourceError(location, f"front matter: the value of '{key}' holds ': ', which YAML reads as a new key", line=line,
                              hint=f"quote the value: {key}: {_yaml_quoted(_cut(value))}") from None
        raise SourceError(
            location,
            f"front matter: not valid YAML: {_cut(problem)}",
            line=line,
            hint="quote values that contain ':' or start with a special character",
        ) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(location, f"front matter: expected 'key: value' lines, found a {type(data).__name__}", line=2)
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    field_lines = {str(key.value): key.start_mark.line + 2 for key, _ in pairs}
    spans: dict[tuple[str, int | None], Span] = {}
    for key, value in pairs:
        spans[(str(key.value), None)] = (value.start_mark.index, value.end_mark.index)
        if isinstance(value, yaml.SequenceNode):
            spans.update(((str(key.value), index), (item.start_mark.index, item.end_mark.index)) for index, item in enumerate(value.value))
    return data, field_lines, spans, unbuilt


def _load_toml(text: str, location: str) -> tuple[dict[str, Any], dict[str, int], dict[tuple[str, int | None], Span]]:
    """TOML front matter (Hugo's ``+++``): its values as plain Python ones (TOML dates as dates)."""
    import tomlkit  # only where a document has TOML front matter: importing it costs 25 ms of every command
    import tomlkit.exceptions

    try:
        data = tomlkit.parse(text).unwrap()
    except tomlkit.exceptions.ParseError as error:
        opened = _unclosed_toml_string(text)
        if opened is not None:  # tomlkit's words for it are of control characters and \u000a
            raise SourceError(location, f"front matter: {UNCLOSED_QUOTE} opens here and is never closed", line=opened + 2,
                              hint=CLOSING_QUOTE) from None
        problem = str(error).split(" at line ")[0]
        said = text.splitlines()[error.line - 1] if 0 < error.line <= len(text.splitlines()) else ""
        dated = said.split("=")[0].strip().lower() in ("date", "publishdate", "lastmod", "expirydate")  # a date, not text
        raise SourceError(location, f"front matter: not valid TOML: {_cut(problem)}", line=error.line + 1,
                          hint=_DATE_HINT if dated else "quote text values, e.g. title = \"Wat is vertrouwen?\"") from None
    except (ValueError, RecursionError, tomlkit.exceptions.TOMLKitError) as error:  # such as a number Python will not make
        raise SourceError(location, f"front matter: not valid TOML: {_cut(str(error))}", line=2) from None
    field_lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n")):
        if line.lstrip().startswith("["):
            break  # the first table: the keys after it are not top-level
        found = _TOML_KEY.match(line)
        if found:
            field_lines.setdefault(found.group(1).strip("\"'"), number + 2)
    _check_values(data, field_lines, location)
    return data, field_lines, {}


def _unclosed_toml_string(text: str) -> int | None:
    """The line (0-based) where a TOML string opens that never closes: a one-line string (``"…"``, ``'…'``) by
    the end of its line, a multi-line one (``\"\"\"…``, ``\'\'\'…``) by the end of the text; None if every one closes."""
    position, line = 0, 0
    while position < len(text):
        char = text[position]
        if char == "\n":
            line += 1
        elif char == "#":
            end = text.find("\n", position)  # a comment, to the end of its line
            position = end if end >= 0 else len(text)
            continue
        elif char in "\"'":
            quote = text[position : position + 3] if text.startswith(char * 3, position) else char
            end = _string_end(text, position + len(quote), quote)
            if end is None:
                return line
            line += text.count("\n", position, end)
            position = end
            continue
        position += 1
    return None


def _string_end(text: str, start: int, quote: str) -> int | None:
    """Where the TOML string that opens with ``quote`` before ``start`` ends (past its closing quote); None if never
    (a one-line string that reaches its line's end, or a multi-line one the text's). A basic string escapes with ``\\``."""
    position = start
    while position < len(text):
        if text.startswith(quote, position):
            return position + len(quote)
        if text[position] == "\n" and len(quote) == 1:
            return None
        position += 2 if text[position] == "\\" and quote[0] == '"' else 1
    return None


UNCLOSED_QUOTE, CLOSING_QUOTE = "a quoted value", "add its closing quote"
"""A quote the front matter never closes, and what to do: the same words in YAML and TOML."""


_TOML_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _split_json(text: str, location: str) -> tuple[str, tuple[str, str], str]:
    """A JSON object's text, what follows it on its last line, and the body after that (as Hugo reads it)."""
    end = _json_end(text, location)
    newline = text.find("\n", end)
    rest = text[end:] if newline < 0 else text[end:newline]
    if rest.strip():
        raise SourceError(location, f"front matter: text after the JSON object: {excerpt(rest.strip())}", line=text[:end].count("\n") + 1,
                          hint="start the body on the line after the closing '}'")
    return text[:end], ("", rest + ("\n" if newline >= 0 else "")), "" if newline < 0 else text[newline + 1 :]


def _json_end(text: str, location: str) -> int:
    """Where the JSON object at the start of ``text`` ends; a SourceError on the line where it goes wrong."""

    def number(kind: type) -> Any:
        def build(value: str) -> Any:
            if len(value) > MAX_NUMBER:
                raise ValueError(f"a number of more than {MAX_NUMBER} characters: {excerpt(value)}")
            return kind(value)

        return build

    decoder = json.JSONDecoder(parse_int=number(int), parse_float=number(float))
    try:
        return decoder.raw_decode(text)[1]
    except json.JSONDecodeError as error:
        raise SourceError(location, f"front matter: not valid JSON: {error.msg}", line=error.lineno,
                          hint="a JSON front matter is one object: {\"title\": \"…\"}, with its keys in double quotes") from None
    except (ValueError, RecursionError) as error:
        problem = str(error) if isinstance(error, ValueError) else f"nested more than {MAX_DEPTH} levels deep"
        raise SourceError(location, f"front matter: not valid JSON: {_cut(problem)}", line=1) from None


def _load_json(text: str, location: str) -> tuple[dict[str, Any], dict[str, int], dict[tuple[str, int | None], Span]]:
    """A JSON object's values, the line of each key and the place of each value (read after ``_json_end`` found it valid)."""
    decoder, data, field_lines, spans = json.JSONDecoder(), {}, {}, {}
    position = _JSON_SPACE.match(text, 1).end()
    while text[position] != "}":
        key, after = json.decoder.scanstring(text, position + 1)
        field_lines[key] = text.count("\n", 0, position) + 1
        start = _JSON_SPACE.match(text, _JSON_SPACE.match(text, after).end() + 1).end()
        data[key], end = decoder.raw_decode(text, start)
        spans[(key, None)] = (start, end)
        if isinstance(data[key], list):
            spans.update(((key, index), span) for index, span in enumerate(_json_items(decoder, text, start)))
        position = _JSON_SPACE.match(text, end).end()
        if text[position] == ",":
            position = _JSON_SPACE.match(text, position + 1).end()
    _check_values(data, field_lines, location)
    return data, field_lines, spans


def _json_items(decoder: json.JSONDecoder, text: str, start: int) -> list[Span]:
    """The span of each item of the JSON array at ``start``."""
    items, position = [], _JSON_SPACE.match(text, start + 1).end()
    while text[position] != "]":
        _, end = decoder.raw_decode(text, position)
        items.append((position, end))
        position = _JSON_SPACE.match(text, end).end()
        if text[position] == ",":
            position = _JSON_SPACE.match(text, position + 1).end()
    return items


def _check_values(data: dict[str, Any], field_lines: dict[str, int], location: str) -> None:
    """What ``_check_nodes`` refuses in YAML, for TOML and JSON front matter: nesting beyond ``MAX_DEPTH``."""
    for key, value in data.items():
        stack = [(value, 1)]
        while stack:
            item, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise SourceError(location, f"front matter: {excerpt(key)}: nested more than {MAX_DEPTH} levels deep", line=field_lines.get(key, 1))
            children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
            stack.extend((child, depth + 1) for child in children)


MAX_DEPTH = 10
"""Nesting levels front matter may have; it needs two or three, and deeper ones only make readers recurse."""
MAX_NUMBER = 100
"""Characters a number may have in front matter; longer ones take long to read and cannot all be written back."""
_TAG = "tag:yaml.org,2002:"
_KINDS = {"timestamp": "date", "int": "whole number", "float": "number", "bool": "true/false value", "binary": "base64 text"}
_DATE_HINT = "write it as YYYY-MM-DD, e.g. 'date: 2019-03-14' in YAML, 'date = 2019-03-14' in TOML"
_NO_DAY_HINT = "write the date of a day that exists"
_DATE_TEXT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[Tt ]+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)[ \t]*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?")


def read_date(text: str) -> datetime.date | datetime.datetime | None:
    """The date a text holds in a form Hugo or Jekyll reads (``2016-06-03``, ``2013-05-06 02:12:52 +0200``,
    RFC 3339 ``2019-03-14T10:00:00+01:00``); None when it holds none."""
    found = _DATE_TEXT.fullmatch(text.strip())
    if not found:
        return None
    day, time, offset = found.groups()
    try:
        if time is None:
            return datetime.date.fromisoformat(day)
        offset = "+00:00" if offset in ("Z", "z") else offset or ""
        if len(offset) == 5:
            offset = f"{offset[:3]}:{offset[3:]}"
        elif len(offset) == 3:
            offset += ":00"
        return datetime.datetime.fromisoformat(f"{day}T{time if time.index(':') == 2 else '0' + time}{offset}")
    except ValueError:
        return None


_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})([/.-])(?P<month>\d{1,2})\2(?P<year>\d{4})")
"""A date written day first: ``10/12/2024``, ``10-12-2024``, ``10.12.2024``. Jekyll reads its day first (Ruby's
``Date._parse``, which ``Time.parse`` uses: ``s3e`` takes a last part of more than two digits for the year, and the
first for the day); Hugo reads no such date (its page has none: year 1)."""


def _calendar_day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _no_such_day(text: str) -> str | None:
    """Why a date written as Hugo or Jekyll write one (``_DATE_TEXT``) is no date, where its month or its day does not
    exist: "'2019-02-30' is no day of the calendar (February 2019 has 28 days)"; None for any other text."""
    found = _DATE_TEXT.fullmatch(text.strip())
    if not found:
        return None
    year, month, day = map(int, found.group(1).split("-"))
    if not 1 <= month <= 12:
        return f"{excerpt(text)} is no day of the calendar (a year has 12 months)"
    days = (31, 29 if calendar.isleap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= days:
        return f"{excerpt(text)} is no day of the calendar ({calendar.month_name[month]} {year} has {days} days)"
    return None


def _what_is_written(node: yaml.Node) -> str:
    """How a message names a value where fields were expected: 'a list', or the text itself."""
    return excerpt(node.value) if isinstance(node, yaml.ScalarNode) else "a list" if isinstance(node, yaml.SequenceNode) else "a value"


def _check_nodes(loader: Any, root: yaml.Node, location: str) -> dict[str, SourceError]:
    """Refuse, before a value is built, what YAML allows but front matter never needs.

    Aliases (``*name``): a few lines of them expand to gigabytes (the "billion
    laughs"), so they are refused outright rather than bounded — front matter is a
    handful of short fields and never needs them. Nesting beyond ``MAX_DEPTH``.
    And every scalar is built here, one at a time, so that one that makes no value
    (``2019-02-30``, ``!!int abc``, ``!!timestamp nope``, a number of 5,000 digits)
    is reported with its own line: its error is returned by the name of its top-level field (the first one of a
    field), and the scalar is made empty, so that the document is built from the other values and each of its
    fields is judged (``_check_fields``): an author hears of every wrong field at once.
    """
    unbuilt: dict[str, SourceError] = {}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int, yaml.Node | None]] = [(root, 0, None)]  # node, depth, key of its field
    while stack:
        node, depth, field = stack.pop()
        if id(node) in seen or depth > MAX_DEPTH:
            problem = "YAML aliases ('*name') are not supported" if id(node) in seen else f"nested more than {MAX_DEPTH} levels deep"
            raise SourceError(
                location, f"front matter: {_field_name(field)}: {problem}", line=(field or node).start_mark.line + 2,
                hint="write the value out in full where the alias is" if id(node) in seen else "",
            )
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            error = _build_scalar(loader, node, field, location)
            if error is not None:
                node.tag = _TAG + "null"  # read as empty: the error says what it is
                unbuilt.setdefault(str(field.value) if isinstance(field, yaml.ScalarNode) else "", error)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1, field) for child in reversed(node.value))  # popped in reading order
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend(((value, depth + 1, field or key), (key, depth + 1, field or key)))
    return unbuilt


def _field_name(key: yaml.Node | None) -> str:
    """How a message names the top-level field a node belongs to."""
    if key is None:
        return "the front matter"
    return excerpt(key.value) if isinstance(key, yaml.ScalarNode) else "a key that is not text"


def _build_scalar(loader: Any, node: yaml.ScalarNode, field: yaml.Node | None, location: str) -> SourceError | None:
    """Build one scalar (the loader keeps it for the document), or return why it cannot be, as a SourceError on its line."""
    tag = node.tag.removeprefix(_TAG)
    if tag == "merge":
        return None  # a '<<' key: the mapping it is in merges, it is no value itself
    kind = _KINDS.get(tag, "value")
    line = node.start_mark.line + 2
    if tag in ("int", "float") and len(node.value) > MAX_NUMBER:
        return SourceError(
            location, f"front matter: {_field_name(field)}: a number of more than {MAX_NUMBER} characters: {excerpt(node.value)}",
            line=line, hint="quote it if it is meant as text",
        )
    try:
        loader.construct_object(node)
    except yaml.YAMLError:
        raise  # reported as invalid YAML, with its own explanation
    except Exception:  # PyYAML's builders raise ValueError, KeyError, IndexError… on values they cannot make
        loader.recursive_objects.pop(node, None)  # left marked as being built: the document is built without it
        if kind == "date" and (why := _no_such_day(node.value)):
            return SourceError(location, f"front matter: {_field_name(field)}: {why}", line=line, hint=_NO_DAY_HINT)
        return SourceError(
            location, f"front matter: {_field_name(field)} is not a valid {kind}: {excerpt(node.value)}", line=line,
            hint=_DATE_HINT if kind == "date" else "quote it if it is meant as text",
        )
    return None


def _cut(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _check_fields(
    data: dict[str, Any], field_lines: dict[str, int], location: str, *, title_required: bool = True,
    unbuilt: Mapping[str, SourceError] | None = None, day_first: bool = False,
    written: tuple[str, Mapping[tuple[str, int | None], Span]] | None = None, format: str = "yaml",
) -> None:
    """The fields the pipeline reads must have the type it reads them as (the others are kept as they are).

    ``title`` may be missing where the generator allows it (without ``title_required``: a section page, a Hugo or
    Jekyll site's page); a number for a title (``title: 10``) is the text it is written as (``written``: the front
    matter's text and its values' places), as Hugo and Jekyll show it. A ``date`` written as text in a form Hugo or
    Jekyll reads is read as the date it is; with ``day_first``, one written day first (``10/12/2024``, Jekyll's
    ``Time.parse``) too, and elsewhere such a date is refused with the day it would be in the form the site reads.
    Every field that is wrong is said in one error (``_together``), with those whose value YAML could not build
    (``unbuilt``, by field: not judged again): an author fixes them all in one go.
    """
    unbuilt = unbuilt or {}
    refused: list[SourceError] = list(unbuilt.values())
    shown = partial(as_written, written=written)

    def refuse(key: str, problem: str, hint: str = "") -> None:
        if key not in unbuilt:
            refused.append(SourceError(location, f"front matter: {problem}", line=field_lines.get(key, 2), hint=hint))

    title = data.get("title")
    if isinstance(title, (int, float)) and not isinstance(title, bool):
        span = written[1].get(("title", None)) if written else None
        data["title"] = title = written[0][span[0] : span[1]] if written and span else str(title)
    if title is None and title_required:
        refuse("title", "'title' is missing", "add a line such as 'title: Wat is vertrouwen?'")
    elif isinstance(title, str) and not title.strip():
        refuse("title", "'title' is empty", "write the title after 'title:', e.g. 'title: Wat is vertrouwen?'")
    elif title is not None and not isinstance(title, str):
        one = not isinstance(title, (list, dict))  # YAML read a value of another kind: true, a date
        refuse("title", f"'title' is not text: {shown(title, 'title')}",
               quote_it(format, "title", shown(title, "title")) if one else "write one line of text, e.g. 'title: Wat is vertrouwen?'")
    date = data.get("date")
    day = _DAY_FIRST.fullmatch(date.strip()) if isinstance(date, str) else None
    meant = _calendar_day(int(day["year"]), int(day["month"]), int(day["day"])) if day else None
    if isinstance(date, str) and read_date(date) is not None:
        data["date"] = read_date(date)
    elif day and day_first and meant:
        data["date"] = meant
    elif day and day_first:  # Jekyll stops on it: "Invalid date"
        refuse("date", f"'date': {excerpt(date)} is no day of the calendar as Jekyll reads it (day/month/year)", _NO_DAY_HINT)
    elif day:
        refuse(
            "date", f"'date' is not a date: {excerpt(date)} (day first: only Jekyll reads a date so; Hugo gives the page none)",
            f"write it year first, as YYYY-MM-DD: 'date: {meant.isoformat() if meant else '2019-03-14'}'",
        )
    elif isinstance(date, str) and (why := _no_such_day(date)):
        refuse("date", f"'date': {why}", _NO_DAY_HINT)
    elif date is not None and not isinstance(date, (datetime.date, datetime.datetime)):
        refuse("date", f"'date' is not a date: {shown(date, 'date')}", _DATE_HINT)
    draft = data.get("draft")
    if draft is not None and not isinstance(draft, bool):
        refuse("draft", f"'draft' must be true or false, found {shown(draft, 'draft')}", "write 'draft: true' or 'draft: false'")
    for key, example in (("summary", "summary: Over vertrouwen."), ("translation_slug", "translation_slug: what-is-trust")):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            one = not isinstance(value, (list, dict))
            refuse(key, f"{key!r} is not text: {shown(value, key)}",
                   quote_it(format, key, shown(value, key)) if one else f"write one line of text, e.g. '{example}'")
    tags = data.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(tag, str) for tag in tags)):
        index = next((i for i, tag in enumerate(tags) if not isinstance(tag, str)), None) if isinstance(tags, list) else None
        found = shown(tags[index], "tags", index) if isinstance(tags, list) and index is not None else shown(tags, "tags")
        flat = isinstance(tags, list) and not any(isinstance(tag, (list, dict)) for tag in tags)
        each = [tag if isinstance(tag, str) else shown(tag, "tags", i) for i, tag in enumerate(tags)] if flat else []
        refuse("tags", f"'tags' must be a list of texts, found {found}",
               quote_it(format, "tags", each) if flat else "write each as text, e.g. 'tags: [vertrouwen, \"2019\"]'")
    if refused:
        raise _together(refused)


def as_written(
    value: Any, key: str, index: int | None = None, *, written: tuple[str, Mapping[tuple[str, int | None], Span]] | None = None,
) -> str:
    """A front-matter value as a message shows it (``excerpt``); one YAML read as a boolean, a number or a date as she
    wrote it where its place is known (``written``: the front matter's text and its values' places; ``yes``,
    ``2024-01-02``), else as YAML writes it (``true``): never as Python shows it (``True``, ``datetime.date(2024, 1,
    2)``), which she never wrote and could not write back."""
    if isinstance(value, (str, list, dict)) or value is None:
        return excerpt(value)
    span = written[1].get((key, index)) if written else None
    if written and span:
        return _cut(written[0][span[0] : span[1]], EXCERPT)
    if isinstance(value, bool):
        return "true" if value else "false"
    return _cut(str(value), EXCERPT)  # a date, a number: as YAML writes it


def quote_it(format: str, key: str, text: str | list[str]) -> str:
    """The hint for a value read as a boolean, a number or a date where text is read: its line with the value quoted
    (``text``: as written; a list's items, each quoted), in the front matter's ``format`` (``yaml``, ``toml``, ``json``)."""
    value = json.dumps(text, ensure_ascii=False)
    line = f"{key} = {value}" if format == "toml" else f'"{key}": {value}' if format == "json" else f"{key}: {value}"
    return f"quote it: '{line}'" if isinstance(text, str) else f"quote each: '{line}'"


def _together(errors: list[SourceError]) -> SourceError:
    """The first error of a document's front matter, with the others after its hint, each at its line."""
    first, *more = sorted(errors, key=lambda error: error.line or 0)
    also = "".join(f"; and line {e.line}: {e.problem.removeprefix('front matter: ')}" + (f" — {e.hint}" if e.hint else "") for e in more)
    return SourceError(first.location, first.problem, line=first.line, hint=(first.hint or "correct it") + also) if more else first


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Invisible characters no text of a page needs (tab and line end aside), most of which XML forbids."""


def _refuse_control_characters(value: Any, field_lines: dict[str, int], location: str, key: Any = None) -> None:
    """Raise a SourceError for the first text in ``value`` (keys too) with a control character in it."""
    texts = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for name, item in texts:
        field = name if key is None else key
        for text in (name, item):
            found = CONTROL_CHARACTERS.search(text) if isinstance(text, str) else None
            if found:
                raise SourceError(
                    location,
                    f"front matter: {excerpt(field)} holds a control character (U+{ord(found.group()):04X}), invisible and not allowed in feeds",
                    line=field_lines.get(str(field), 2),
                    hint="delete it (such characters come with text pasted from other programs)",
                )
        _refuse_control_characters(item, field_lines, location, field)


Changes = Mapping[tuple[str, int | None], "str | list[str]"]


_Edit = tuple[int, int, str]
"""A change to front-matter text: ``[start, end)`` replaced by the text."""


def _write_by_spans(document: Document, changes: Changes, scalar: Any, add: Any) -> str:
    """YAML or JSON front matter with each changed value replaced where it is; missing keys added by ``add``."""
    edits, added = _span_edits(document, changes, scalar)
    text = _edited(document.front_matter_text, edits)
    return add(text, added) if added else text


def _span_edits(document: Document, changes: Changes, scalar: Any) -> tuple[list[_Edit], list[tuple[str, str | list[str]]]]:
    """What ``_write_by_spans`` does: each changed value's edit, and the keys to add with their values."""
    text, edits, added = document.front_matter_text, [], []
    for (key, index), value in changes.items():
        span = document.spans.get((key, index))
        if span is None:
            if index is None:
                added.append((key, value))
            continue  # an item of a list the front matter lacks has no place to go
        start, end = span
        old = text[start:end]
        tail = old[len(old.rstrip()) :]  # a block scalar's span takes in its last line end: keep it
        space = " " if start == end else ""  # an empty YAML value ('summary:') is right after its colon
        written = _flow(value, scalar)
        edits.append((start, end, space + written + (tail if "\n" in tail else "")))
    return sorted(edits), added


def _edited(text: str, edits: list[_Edit]) -> str:
    for start, end, new in reversed(edits):
        text = text[:start] + new + text[end:]
    return text


def _read_in_place(
    document: Document, changes: Changes, edits: list[_Edit], added: list[tuple[str, str]], front: str, text: str,
) -> Document | None:
    """``parse_document(text)`` where the YAML front matter ``front`` of ``text`` is ``document``'s with ``edits``
    (in order) made within lines and ``added`` keys' lines after its last (see ``Document.rewritten``); None where
    that cannot be told for certain without reading ``text``, or ``parse_document`` would refuse it."""
    old = document.front_matter_text
    for (start, end, new), after in zip(edits, [*edits[1:], None]):
        if start == end or start == 0 or old[start - 1] == "\n" or "\n" in old[start:end] or "\n" in new:
            return None  # a value at the start of a line (a new one could close the front matter), or over lines
        if after is not None and after[0] < end:
            return None  # a value inside another
    values = _copied(document.front_matter)
    for (key, index), value in changes.items():
        if (key, index) not in document.spans:
            continue  # added below, or not written
        item = values.get(key)
        if index is None and key in values and not isinstance(item, (list, dict)):
            values[key] = value
        elif index is not None and isinstance(item, list) and index < len(item) and _within(document.spans, key, index):
            item[index] = value
        else:
            return None  # a key that is not text (1:), a list made one value, an item of another value (a key twice)
    field_lines = dict(document.field_lines)
    spans = _moved(document.spans, edits)
    if added:
        if not _block_mapping_of_keys(old, document.field_lines) or any(key in values for key, _ in added):
            return None
        place, line = len(old) + sum(len(new) - (end - start) for start, end, new in edits), old.count("\n") + 2
        for key, value in added:
            name, written = _yaml_scalar(key), _yaml_scalar(value)
            values[key], field_lines[key] = value, line
            spans[(key, None)] = (place + len(name) + 2, place + len(name) + 2 + len(written))
            place, line = place + len(name) + len(written) + 3, line + 1
    prefix = document.fences[0] + front + document.fences[1]
    normalized = normalize_newlines(text)
    if not normalized.startswith(prefix):
        return None  # a body with a carriage return of its own: read as parse_document reads it
    try:
        _check_fields(values, field_lines, document.path, title_required=document.title_required, day_first=document.day_first, format=document.format)
    except SourceError:
        return None  # parse_document refuses it: it says why
    return replace(
        document, front_matter=values, field_lines=field_lines, body=normalized[len(prefix) :], body_line=document.body_line + len(added),
        front_matter_text=front, spans=spans,
    )


def _within(spans: Mapping[tuple[str, int | None], Span], key: str, index: int) -> bool:
    """Whether item ``index`` of ``key`` is inside the key's value (not an item of the same key written before)."""
    whole, item = spans.get((key, None)), spans[(key, index)]
    return whole is not None and whole[0] <= item[0] <= item[1] <= whole[1]


def _block_mapping_of_keys(text: str, field_lines: Mapping[str, int]) -> bool:
    """Whether YAML front matter is a block mapping whose keys each open a line (no ``{…}``, no ``? key``, no
    indented mapping): what ``_yaml_add`` adds after its last line is then one more of its keys."""
    keys = set(field_lines.values())
    for number, line in enumerate(text.split("\n"), start=2):
        opening = line[:1]
        if number in keys and (opening in " \t{[?!&*|>%@`" or not opening):
            return False
        if opening and opening not in " \t#" and number not in keys:
            return False  # a line of no key at the left edge: a flow collection going on, a ':' of a '?' key …
    return True


def _moved(spans: Mapping[tuple[str, int | None], Span], edits: list[_Edit]) -> dict[tuple[str, int | None], Span]:
    """Where each value is once the ``edits`` (in order, none inside another) are made: a place at or after an edit's
    end moves by as much as the edits up to there made the text longer (an edited value's end with it)."""
    ends = [end for _, end, _ in edits]
    growth = [0]
    for start, end, new in edits:
        growth.append(growth[-1] + len(new) - (end - start))
    return {key: (start + growth[bisect.bisect_right(ends, start)], end + growth[bisect.bisect_right(ends, end)]) for key, (start, end) in spans.items()}


def _copied(value: Any) -> Any:
    """Front-matter values as a new parse makes them: lists and mappings new, every value in them the same."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return set(value) if isinstance(value, set) else value


_YAML_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\r\t:#,\[\]{}]*(?<! )")
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
"""What a YAML file may not hold as it is (and line breaks YAML would fold): escaped in a quoted scalar."""


_YAML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""The control characters YAML refuses anywhere (a plain scalar holding one does not read back at all)."""
_RESOLVER = yaml.resolver.Resolver()
_TEXT_TAG = "tag:yaml.org,2002:str"


def _yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as exactly it: plain when it can be, else double-quoted on one line.

    Plain, it is one line with no ``:``, ``#``, flow indicator or trailing space, and it opens with no indicator:
    YAML reads exactly its characters, and takes them for text unless they look like another value (``yes``,
    ``12``, ``~``, a date): as the loader does, its resolver says so (the loader reads the rest back to tell)."""
    if _YAML_PLAIN.fullmatch(value) and not _YAML_UNPRINTABLE.search(value):
        if not _YAML_CONTROL.search(value) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _TEXT_TAG:
            return value
        try:
            if yaml.load(f"k: {value}", Loader=_SafeLoader) == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _YAML_UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)


def _flow(value: str | list[str], scalar: Any) -> str:
    """A value as written: a text as ``scalar`` writes it, a list as YAML's and JSON's flow list."""
    return scalar(value) if isinstance(value, str) else "[" + ", ".join(map(scalar, value)) + "]"


def _yaml_add(text: str, added: list[tuple[str, str | list[str]]]) -> str:
    return text + "".join(f"{_yaml_scalar(key)}: {_flow(value, _yaml_scalar)}\n" for key, value in added)


def _json_scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_add(text: str, added: list[tuple[str, str | list[str]]]) -> str:
    """The object with ``added`` as its last members, indented as its first member is."""
    close = text.rstrip().rindex("}")
    members = text[:close].rstrip()
    indent = re.match(r"\{[ \t]*\n?([ \t]*)", text)
    prefix = (indent.group(1) if indent else "") or "  "
    new = [f"{_json_scalar(key)}: {_flow(value, _json_scalar)}" for key, value in added]
    separator = "\n" if members == "{" else ",\n"
    return members + separator + ",\n".join(prefix + member for member in new) + "\n" + text[close:]


def _write_toml(document: Document, changes: Changes) -> str:
    """TOML front matter with the changes made through tomlkit, which writes the rest as it read it."""
    import tomlkit

    parsed = tomlkit.parse(document.front_matter_text)
    for (key, index), value in changes.items():
        if index is None:
            parsed[key] = value
        elif isinstance(parsed.get(key), list) and index < len(parsed[key]):
            parsed[key][index] = value
    return tomlkit.dumps(parsed)


_WRITERS = {
    "yaml": lambda document, changes: _write_by_spans(document, changes, _yaml_scalar, _yaml_add),
    "json": lambda document, changes: _write_by_spans(document, changes, _json_scalar, _json_add),
    "toml": _write_toml,
}
