"""A Dutch source document: YAML front matter plus a Markdown body."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import SourceError

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


def decode(data: bytes, location: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or a SourceError naming the line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
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
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SourceError(
            location,
            f"front matter: not valid YAML: {problem}",
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


def _check_fields(data: dict[str, Any], field_lines: dict[str, int], location: str) -> None:
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise SourceError(
            location,
            "front matter: 'title' is missing" if title is None else f"front matter: 'title' is not text: {title!r}",
            line=field_lines.get("title", 2),
            hint="add a line such as 'title: Wat is vertrouwen?'",
        )
    date = data.get("date")
    if date is not None and not isinstance(date, (datetime.date, datetime.datetime)):
        raise SourceError(
            location,
            f"front matter: 'date' is not a date: {str(date)!r}",
            line=field_lines.get("date"),
            hint="write it as YYYY-MM-DD, e.g. 'date: 2019-03-14'",
        )
    draft = data.get("draft")
    if draft is not None and not isinstance(draft, bool):
        raise SourceError(
            location, f"front matter: 'draft' must be true or false, found {draft!r}", line=field_lines.get("draft")
        )
