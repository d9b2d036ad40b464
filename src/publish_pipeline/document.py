"""A Dutch source document: YAML front matter plus a Markdown body."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import SourceError, excerpt

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (ten times faster), the pure-Python one otherwise."""

_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Document:
    """One source document, decoded and split.

    ``id``: the path below the source folder without ``.md`` (``blog/x``).
    ``path``: the site-relative file name used in messages and PO references.
    ``front_matter``: the parsed YAML mapping (empty when there is none).
    ``field_lines``: the 1-based file line of each top-level front-matter key.
    ``body``: the Markdown after the front matter, with ``\\n`` line ends.
    ``body_line``: how many file lines come before the body.
    """

    id: str
    path: str
    front_matter: dict[str, Any]
    field_lines: dict[str, int]
    body: str
    body_line: int
    front_matter_text: str = field(default="", repr=False)

    @property
    def kind(self) -> str:
        """``blog`` or ``topics``: the first folder below the source folder."""
        return kind_of(self.id)

    @property
    def slug(self) -> str:
        return slug_of(self.id)

    @property
    def is_draft(self) -> bool:
        return self.front_matter.get("draft") is True


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


def read_source(data: bytes, document_id: str, location: str) -> Document:
    """A Dutch source document from its bytes: decoded, split, its front matter checked.

    Beyond what any document must be (``parse_document``), the author's front
    matter may hold no control characters: they are invisible, and a feed or a
    PO file cannot carry them. (A translation's are dropped where pages are made.)
    """
    document = parse_document(decode(data, location), document_id, location)
    _refuse_control_characters(document.front_matter, document.field_lines, location)
    return document


def parse_document(text: str, document_id: str, location: str) -> Document:
    text = normalize_newlines(text)
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        raise SourceError(
            location,
            "no front matter: the file must start with a '---' line, then 'title: …', then '---'",
            line=1,
        )
    end = next((i for i in range(1, len(lines)) if _FENCE_END.match(lines[i])), None)
    if end is None:
        raise SourceError(location, "front matter is never closed", line=1, hint="add a '---' line after the front matter")
    front_text = "\n".join(lines[1:end])
    front, field_lines = _load_front_matter(front_text, location)
    body = "\n".join(lines[end + 1 :])
    return Document(document_id, location, front, field_lines, body, end + 1, front_text)


def _load_front_matter(text: str, location: str) -> tuple[dict[str, Any], dict[str, int]]:
    loader = _SafeLoader(text)  # one parse gives both the values and the line of each key
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_nodes(loader, node, location)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SourceError(
            location,
            f"front matter: not valid YAML: {_cut(problem)}",
            line=min(mark.line + 2, text.count("\n") + 2) if mark else 1,  # libyaml may point past the end
            hint="quote values that contain ':' or start with a special character",
        ) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(location, f"front matter: expected 'key: value' lines, found a {type(data).__name__}", line=2)
    field_lines = {
        str(key.value): key.start_mark.line + 2 for key, _ in (node.value if isinstance(node, yaml.MappingNode) else [])
    }
    _check_fields(data, field_lines, location)
    return data, field_lines


MAX_DEPTH = 10
"""Nesting levels front matter may have; it needs two or three, and deeper ones only make readers recurse."""
MAX_NUMBER = 100
"""Characters a number may have in front matter; longer ones take long to read and cannot all be written back."""
_TAG = "tag:yaml.org,2002:"
_KINDS = {"timestamp": "date", "int": "whole number", "float": "number", "bool": "true/false value", "binary": "base64 text"}
_DATE_HINT = "write it as YYYY-MM-DD, e.g. 'date: 2019-03-14'"


def _check_nodes(loader: Any, root: yaml.Node, location: str) -> None:
    """Refuse, before a value is built, what YAML allows but front matter never needs.

    Aliases (``*name``): a few lines of them expand to gigabytes (the "billion
    laughs"), so they are refused outright rather than bounded — front matter is a
    handful of short fields and never needs them. Nesting beyond ``MAX_DEPTH``.
    And every scalar is built here, one at a time, so that one that makes no value
    (``2019-02-30``, ``!!int abc``, ``!!timestamp nope``, a number of 5,000 digits)
    is reported with its own line; the document is then built from these values.
    """
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
            _build_scalar(loader, node, field, location)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1, field) for child in reversed(node.value))  # popped in reading order
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend(((value, depth + 1, field or key), (key, depth + 1, field or key)))


def _field_name(key: yaml.Node | None) -> str:
    """How a message names the top-level field a node belongs to."""
    if key is None:
        return "the front matter"
    return excerpt(key.value) if isinstance(key, yaml.ScalarNode) else "a key that is not text"


def _build_scalar(loader: Any, node: yaml.ScalarNode, field: yaml.Node | None, location: str) -> None:
    """Build one scalar (the loader keeps it for the document), or raise a SourceError on its line."""
    tag = node.tag.removeprefix(_TAG)
    if tag == "merge":
        return  # a '<<' key: the mapping it is in merges, it is no value itself
    kind = _KINDS.get(tag, "value")
    line = node.start_mark.line + 2
    if tag in ("int", "float") and len(node.value) > MAX_NUMBER:
        raise SourceError(
            location, f"front matter: {_field_name(field)}: a number of more than {MAX_NUMBER} characters: {excerpt(node.value)}",
            line=line, hint="quote it if it is meant as text",
        )
    try:
        loader.construct_object(node)
    except yaml.YAMLError:
        raise  # reported as invalid YAML, with its own explanation
    except Exception:  # PyYAML's builders raise ValueError, KeyError, IndexError… on values they cannot make
        raise SourceError(
            location, f"front matter: {_field_name(field)} is not a valid {kind}: {excerpt(node.value)}", line=line,
            hint=_DATE_HINT if kind == "date" else "quote it if it is meant as text",
        ) from None


def _cut(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _check_fields(data: dict[str, Any], field_lines: dict[str, int], location: str) -> None:
    """The fields the pipeline reads must have the type it reads them as (the others are kept as they are)."""

    def refuse(key: str, problem: str, hint: str = "") -> SourceError:
        return SourceError(location, f"front matter: {problem}", line=field_lines.get(key, 2), hint=hint)

    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise refuse(
            "title",
            "'title' is missing" if title is None else f"'title' is not text: {excerpt(title)}",
            "add a line such as 'title: Wat is vertrouwen?'",
        )
    date = data.get("date")
    if date is not None and not isinstance(date, (datetime.date, datetime.datetime)):
        raise refuse("date", f"'date' is not a date: {excerpt(date)}", _DATE_HINT)
    draft = data.get("draft")
    if draft is not None and not isinstance(draft, bool):
        raise refuse("draft", f"'draft' must be true or false, found {excerpt(draft)}")
    for key, example in (("summary", "summary: Over vertrouwen."), ("translation_slug", "translation_slug: what-is-trust")):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise refuse(key, f"{key!r} is not text: {excerpt(value)}", f"write one line of text, e.g. '{example}'")
    tags = data.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(tag, str) for tag in tags)):
        found = next((tag for tag in tags if not isinstance(tag, str)), None) if isinstance(tags, list) else tags
        raise refuse("tags", f"'tags' must be a list of texts, found {excerpt(found)}", "write each as text, e.g. 'tags: [vertrouwen, \"2019\"]'")


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
