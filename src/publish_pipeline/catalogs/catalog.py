"""PO files: reading them safely, merging new segments in, writing them stably.

The only module that touches polib. The states follow DESIGN.md:

- untranslated: empty msgstr, not fuzzy
- draft or outdated: ``#, fuzzy`` (outdated also has ``#| msgid`` with the old text)
- approved: non-empty msgstr, not fuzzy
- obsolete: ``#~`` entries, kept so that a returning text gets its translation back

Files are read by our own one-pass reader (``_PoReader``) into plain records, made
polib's objects only when a file is changed or written (reading, as ``status`` does,
needs only the translations), and written by our own writer (``_po_text``) byte for byte as polib writes them,
unwrapped (like ``msgcat --no-wrap``), with their own line ends and a header that
only changes when a setting does, so a second ``extract`` changes no byte. An entry whose
content did not change keeps the lines it was read with (``_laid_out``), and in a file Poedit had msgcat wrap
(at 79 columns, say) a changed or new entry is wrapped at that width as msgcat wraps it (``wrapping``): the
file changes only where its content does, and the translator's next save in Poedit changes nothing else (in
Latin, Greek and Cyrillic text; see ``wrapping`` for the scripts where a line may break elsewhere).
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import polib

from ..errors import CatalogError, SourceError
from ..plumbing.git import CHANGED, COMMITTED, git_file_state
from ..plumbing.files import NotAFile, read_file_bytes
from ..text.slugs import SLUG
from .wrapping import MIN_WIDTH, wrapped_field, wrapped_references

if TYPE_CHECKING:  # names of types only: git's merge of PO files (po_merge) reads no settings and parses no Markdown
    from ..config import SiteConfig
    from ..text.segmentation import Segment

FUZZY_THRESHOLD = 0.6
"""How similar (difflib ratio) a changed text must be to an old one to inherit its translation; msgmerge's value."""

LONG_TEXT = 20_000
"""Texts longer than this (characters) are fuzzy-matched on their character counts only."""

_BLANKS = " \t\r\f\v"
"""What may surround a PO line (a CRLF file's CR included); never U+2028 and the like, which str.strip and splitlines also take."""
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "a": "\a", "\\": "\\", '"': '"'}
_ESCAPE = re.compile(r"\\(.)")
_QUOTED = re.compile(r'"([^"\\]*(?:\\[ntrvbfa\\"][^"\\]*)*)"')
"""A quoted text, unrolled so that a line without its closing quote fails in linear time."""
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+(?=\")")
_LINE = re.compile(
    r'[ \t\r\f\v]*(?:"(?P<more>[^"\\]*(?:\\[ntrvbfa\\"][^"\\]*)*)"'
    r'|(?P<keyword>msgctxt|msgid|msgstr)[ \t]+"(?P<text>[^"\\]*(?:\\[ntrvbfa\\"][^"\\]*)*)"'
    r'|(?P<comment>\#(?![~|])(?:[^\n]*[^ \t\r\f\v\n])?)'
    r'|)[ \t\r\f\v]*'
)
"""The lines most of a file is made of, each told apart and taken apart by one match: a continuation
line, ``msgid "…"`` and the like, a comment (not of an obsolete entry), a blank line.

Every other line (obsolete entries, previous texts, errors) goes through ``_PoReader._line``.
"""
_BLANK = r"[ \t\r\f\v]"
_ENDS = rf"{_BLANK}*\n(?:{_BLANK}*\n)*+"
"""A line's end and the blank lines after it (which no reading of a PO file notices); possessive, like the
continuation lines below: never given back, so that what follows an entry is seen where it is."""
_QUOTED_TEXT = r'"([^"\\\n]*(?:\\[ntrvbfa\\"][^"\\\n]*)*)"'
"""``_QUOTED`` within one line."""


def _text_pattern(name: str) -> str:
    """A quoted text (its inside: group ``name``) and its continuation lines (group ``name_more``)."""
    more = _QUOTED_TEXT.replace("(", "(?:", 1)
    return rf"{_QUOTED_TEXT.replace('(', f'(?P<{name}>', 1)}{_ENDS}(?P<{name}_more>(?:{_BLANK}*{more}{_ENDS})*+)"


_ENTRY = re.compile(
    rf"(?P<lead>(?:{_BLANK}*\n)*)"
    rf"(?P<comments>(?:{_BLANK}*\#(?![~|])[^\n]*\n(?:{_BLANK}*\n)*)*)"
    rf"(?:{_BLANK}*msgctxt[ \t]+{_text_pattern('msgctxt')})?"
    rf"{_BLANK}*msgid[ \t]+{_text_pattern('msgid')}"
    rf"{_BLANK}*msgstr[ \t]+{_text_pattern('msgstr')}"
    rf'(?!{_BLANK}*")'  # a text that goes on where no continuation line can (at the end, without a line end): read line by line
)
"""An entry as nearly every entry of a file is written (comments, then msgctxt, msgid and msgstr with their
continuation lines; not obsolete, no previous text): taken in by one match, where ``_LINE`` would take each
line apart on its own. It matches only what the line by line reading reads to the same entry, and only where
that reading is between entries; anything else (the header, ``#~`` and ``#|`` lines, an error) is read line by line.
"""
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(\s|$)")
_MSGCAT_BLOCK = re.compile(r"^#-#-#-#-#  .*  #-#-#-#-#$", re.MULTILINE)
"""A line ``msgcat`` writes above each version of a text the files it joined translate differently (its conflict)."""
_UNWRITABLE = "\x04"
"""A character no PO file can hold: gettext reads it as the separator of msgctxt and msgid."""

Key = tuple[str | None, str]
"""(msgctxt, msgid): what identifies an entry."""


APPROVED, DRAFT, OUTDATED, UNTRANSLATED = "approved", "draft", "outdated", "untranslated"
STATES = (APPROVED, DRAFT, OUTDATED, UNTRANSLATED)

PROJECT = "Project-Id-Version"
"""The header field that names the site (its ``project`` setting)."""


@dataclass(frozen=True)
class Translation:
    """One active entry, as the rest of the pipeline sees it.

    ``note``: the translator comments (provenance such as ``mt: google …``, and
    ``ignore: <check>`` lines). ``previous``: the old Dutch of an outdated entry.
    """

    context: str | None
    source: str
    text: str
    fuzzy: bool
    line: int
    """The line of its ``msgid`` (where an editor shows the entry's Dutch, and where GNU msgfmt says a message is
    defined), not the comment lines above it: ``file.po:LINE`` takes a translator to the text."""
    note: str = ""
    previous: str | None = None
    role: str = ""
    """The ``#.`` comment: what the text is in the page (heading, list item, title…); empty for a paragraph."""
    source_lines: tuple[int, ...] = ()
    """The lines of the Dutch document the text stands on (the ``#:`` references)."""

    @property
    def key(self) -> Key:
        return (self.context, self.source)

    @property
    def approved(self) -> bool:
        return bool(self.text) and not self.fuzzy

    @property
    def state(self) -> str:
        """approved, draft (machine, memory or marked by hand), outdated, or untranslated."""
        if not self.text:
            return UNTRANSLATED
        if not self.fuzzy:
            return APPROVED
        return OUTDATED if self.previous is not None else DRAFT

    @property
    def origin(self) -> str | None:
        """``mt`` or ``tm`` when a machine or the memory wrote the first draft."""
        for line in self.note.split("\n"):
            if line.startswith(("mt: ", "tm: ")):
                return line[:2]
        return None

    @property
    def as_drafted(self) -> bool | None:
        """Whether its English is still the draft its ``mt: … draft:<digest>`` (or ``tm: …``) comment hashed (``drafted``):
        False once a person changed it (the comment stays, a record of the first draft); None where no comment says."""
        return drafted(self.note, self.text)

    @property
    def ignored_checks(self) -> frozenset[str]:
        """Checks the translator silenced for this entry with a comment ``ignore: <id>, <id>``."""
        ids: set[str] = set()
        for line in self.note.split("\n"):
            if line.startswith("ignore:"):
                ids.update(part.strip() for part in line[len("ignore:") :].split(",") if part.strip())
        return frozenset(ids)


@dataclass(frozen=True)
class Draft:
    """A proposed translation: ``text``, the provenance ``note`` (a translator comment), and
    whether it counts as approved (exact memory matches, when the site says so); ``previous``: the other Dutch its
    English was made for (a near memory match's), written as the entry's previous Dutch (``#|``), as ``edited`` does."""

    text: str
    note: str
    approved: bool = False
    previous: str | None = None


class Catalog:
    """The PO file of one document; ``original`` is the file's text when it was read from one.

    ``newline`` is how its lines end: a file read with CRLF throughout is written
    with CRLF again (a Windows editor, or git's autocrlf, made it so; rewriting
    every line would make every line a change), any other with LF.
    """

    def __init__(
        self, po: polib.POFile | _Read, original: str | None = None, newline: str = "\n", layout: str | None = None
    ) -> None:
        self._entries = po
        self.original = original
        self.newline = newline
        self.layout = original if layout is None else layout
        """The text whose lines the entries keep where their content is unchanged (``_laid_out``): the file as read,
        or, for a catalog made from another (merged, drafted, edited), that one's."""
        self._translations: list[Translation] | None = None
        self.carried = 0
        """Links a merge carried into approved English (``merge``, ``carry``): the author moved them, not a word."""

    @property
    def _po(self) -> polib.POFile:
        """polib's objects, made from what was read only when a command changes or writes the file: ``status``
        and ``check`` read every PO file and need only its translations."""
        if isinstance(self._entries, _Read):
            self._entries = self._entries.po_file()
        return self._entries

    @property
    def translations(self) -> list[Translation]:
        if self._translations is None:  # a Catalog is never changed: with_drafts and merge make new ones
            # the line of each msgid: an entry polib made anew (merged in) has none, and keeps polib's linenum (None)
            self._translations = [
                Translation(
                    entry.msgctxt, entry.msgid, entry.msgstr, "fuzzy" in entry.flags, getattr(entry, "msgid_line", entry.linenum),
                    entry.tcomment or "",
                    entry.previous_msgid, entry.comment or "", tuple([int(line) for _, line in entry.occurrences if line.isdigit()]),
                )
                for entry in self._as_read()
                if not entry.obsolete
            ]
        return list(self._translations)

    def keys(self) -> set[Key]:
        """The keys of the active entries: what extract counts, without making a Translation of each."""
        return {_key(entry) for entry in self._as_read() if not entry.obsolete}

    def _as_read(self) -> Sequence[_Record] | polib.POFile:
        """The entries, as they were read or as polib's objects where those are made (by merge, or for a change)."""
        return self._entries.records if isinstance(self._entries, _Read) else self._entries

    @property
    def obsolete_count(self) -> int:
        return sum(entry.obsolete for entry in self._as_read())

    def text(self) -> str:
        """The file's text, with its own line ends."""
        text = self._lf_text()
        return text.replace("\n", self.newline) if self.newline != "\n" else text

    def _lf_text(self) -> str:
        blocks = _po_blocks(self._po)
        text = "\n".join(blocks).rstrip("\n") + "\n"  # CR in texts is escaped: every LF here ends a line
        if self.layout is None:
            return text
        layout = self.layout.removeprefix("\ufeff").replace("\r\n", "\n")
        return text if text == layout else _laid_out(self._po, blocks, text, layout)

    def untranslated(self) -> list[Translation]:
        """Entries a draft may fill: empty and not obsolete."""
        return [t for t in self.translations if not t.text]

    def with_drafts(self, drafts: dict[Key, Draft], *, overwrite: bool = False) -> tuple[Catalog, int]:
        """A copy with ``drafts`` filled into entries that are still empty; never overwrites a translation
        unless asked (``overwrite``: adopting an archive the translator prefers), and never fills one twice."""
        po = _PoReader("").read(self._lf_text())
        filled = 0
        for entry in po:
            draft = drafts.get(_key(entry))
            if entry.obsolete or draft is None or (entry.msgstr and not overwrite) or _holds(entry, draft):
                continue
            entry.msgstr = draft.text
            if draft.approved:
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            elif "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            if draft.note not in (entry.tcomment or "").splitlines():
                entry.tcomment = f"{entry.tcomment}\n{draft.note}" if entry.tcomment else draft.note
            if draft.previous is not None:
                entry.previous_msgid, entry.previous_msgctxt = draft.previous, None
            filled += 1
        return Catalog(po, self.original, self.newline, self.layout), filled

    def field(self, name: str) -> str | None:
        """The header field ``name`` as the file has it; None where it has none."""
        return self._entries.metadata.get(name)

    def with_field(self, name: str, value: str | None) -> Catalog:
        """A copy with the header field ``name`` set to ``value`` (at the end when new), or without it (None)."""
        po = _PoReader("").read(self._lf_text())
        if value is None:
            po.metadata.pop(name, None)
        else:
            po.metadata[name] = value
        return Catalog(po, self.original, self.newline, self.layout)

    def entries(self) -> list[polib.POEntry]:
        """polib's entries, the obsolete ones too, in the file's order: what a merge of PO files (``po_merge``) reads."""
        return list(self._po)

    def fields(self) -> dict[str, str]:
        """The header's fields, in their order."""
        return dict(self._entries.metadata)

    def header_comment(self) -> str:
        """The comment above the header's fields (extract's names the Dutch document the file translates)."""
        return self._entries.header

    def with_entries(self, entries: Sequence[polib.POEntry], fields: dict[str, str], comment: str | None = None) -> Catalog:
        """A copy holding ``entries`` and the header ``fields`` (and ``comment`` above them, unless None), laid out as this
        file: an entry as it was here keeps its lines (a merge's result, written over one side's file, changes only the
        lines the other side brings)."""
        po = _PoReader("").read(self._lf_text())
        po[:] = entries
        po.metadata = dict(fields)
        if comment is not None:
            po.header = comment
        return Catalog(po, self.original, self.newline, self.layout)

    def edited(self, key: Key, *, text: str, fuzzy: bool, note: str, previous: str | None = None) -> Catalog:
        """A copy with one entry's English, fuzzy flag and translator comment replaced (the workspace's save).

        Approving (``fuzzy`` off) also drops the previous Dutch (``#|``), as a PO editor does:
        the translation now belongs to the Dutch as it stands. ``previous``: the Dutch the new English was made
        for (a memory suggestion's), recorded as the previous Dutch of a draft, as msgmerge records a fuzzy match's;
        none (``#|`` dropped) where that is the entry's Dutch; None keeps the entry's as it is. A ``key`` the file
        no longer holds (extract changed its Dutch since the caller read it) is a KeyError, for the caller to say
        what that means.
        """
        po = _PoReader("").read(self._lf_text())
        entry = next((entry for entry in po if not entry.obsolete and _key(entry) == key), None)
        if entry is None:
            raise KeyError(key)
        entry.msgstr, entry.tcomment = text, note
        if previous is not None:
            entry.previous_msgid = None if previous == entry.msgid else previous
            entry.previous_msgctxt = None  # the memory keeps no context: the Dutch alone is what the English was made for
        if fuzzy and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        elif not fuzzy:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            entry.previous_msgid = entry.previous_msgctxt = None
        return Catalog(po, self.original, self.newline, self.layout)


ADOPTED_ENGLISH = "X-Adopted-English"
"""The header field naming the English file adopt took whole into this PO file, with the SHA-256 of the bytes it
read: ``content/blog/x.en.md sha256:<hex>``. Export may replace that file while it holds those bytes; the claim
is committed with the PO file, so every clone (CI's too) knows it, and extract, draft and review keep header fields."""


def adopted_english(name: str, data: bytes) -> str:
    """The value of ``ADOPTED_ENGLISH`` for the file ``name`` (relative to the site) as adopt read it (``data``)."""
    return f"{name} sha256:{hashlib.sha256(data).hexdigest()}"


def read_adopted_english(path: Path) -> tuple[str, str] | None:
    """The file (relative to the site) and SHA-256 that the PO file at ``path`` says adopt read, from its header
    alone (what comes before its first blank line); None when it says none, or cannot be read."""
    try:
        head = read_file_bytes(path).decode("utf-8").replace("\r\n", "\n").split("\n\n", 1)[0]
        value = _PoReader(str(path)).read_all(head + "\n").metadata.get(ADOPTED_ENGLISH, "")
    except (OSError, NotAFile, UnicodeDecodeError, CatalogError):
        return None
    name, _, digest = value.rpartition(" sha256:")
    return (name, digest) if name and re.fullmatch(r"[0-9a-f]{64}", digest) else None


def _po_text(po: polib.POFile) -> str:
    """The file's text exactly as polib writes it unwrapped (``str(po)`` with wrapwidth 0), made without its detours.

    polib's writer escapes each text twice and counts its special characters for
    wrapping that an unwrapped file never does: it took twice the time.
    """
    return "\n".join(_po_blocks(po))


def _po_blocks(po: polib.POFile, width: int = 0) -> list[str]:
    """The file's text (``_po_text``) in its blocks, each ending with a line end, a blank line between two:
    the header (its comment and fields), then each entry; wrapped as ``msgcat --width=WIDTH`` wraps them
    when a ``width`` is given."""
    entries = _po_entries(po)
    return [_block(po, entries, index, width) for index in range(len(entries))]


def _po_entries(po: polib.POFile) -> list[polib.POEntry]:
    """The entries of the file's blocks (``_po_blocks``), in their order: the header's, the active ones, the obsolete ones."""
    return [po.metadata_as_entry(), *(entry for entry in po if not entry.obsolete), *po.obsolete_entries()]


def _block(po: polib.POFile, entries: list[polib.POEntry], index: int, width: int = 0) -> str:
    """The block (``_po_blocks``) of ``entries[index]``; the first one's begins with the header's comment."""
    text = _entry_text(entries[index], width)
    if index:
        return text
    return "".join(
        "#\n" if not line else f"#{line}\n" if line[:1] in (",", ":") else f"# {line}\n" for line in po.header.split("\n")
    ) + text


def _laid_out(po: polib.POFile, blocks: list[str], text: str, layout: str) -> str:
    """``text`` (``po``'s, made of ``blocks``: ``_po_blocks``) with each block whose content ``layout`` holds as it
    was there: with its lines (wrapped as Poedit or msgcat wrap them, say), not ours; where ``layout`` is wrapped
    (``_layout_width``), every other block wrapped as msgcat wraps it at the same width.

    A block of ``layout`` (a run of non-blank lines) stands for an entry when that entry, and nothing else,
    begins at its first line; it is kept where we would write that entry the same way. What is written is
    read back before it is used: whatever ``layout`` holds, the file means exactly what ``text`` means.
    """
    runs = _runs(layout)
    ours = set(blocks)
    if all(run in ours for _, run in runs):
        return text  # our own lines throughout: nothing to keep
    try:
        read = _PoReader("").read_all(layout)
    except CatalogError:
        return text
    starts = {start: index for index, (start, _) in enumerate(runs)}
    layout_po = read.po_file()
    written = _po_blocks(layout_po)
    firsts = [record.linenum for record in read.records]
    found: list[tuple[int, str]] = []  # the blocks of layout that stand for an entry: the entry's index in written, the lines
    if read.metadata and (not firsts or (len(runs) > 1 and firsts[0] >= runs[1][0])):
        found.append((0, runs[0][1]))  # the header (its comment and fields): no entry begins in the first run
    for number, first in enumerate(firsts):
        index = starts.get(first)
        after = firsts[number + 1] if number + 1 < len(firsts) else None
        if index is not None and (after is None or (index + 1 < len(runs) and after >= runs[index + 1][0])):
            found.append((number + 1, runs[index][1]))
    theirs = [(number, lines) for number, lines in found if written[number] != lines]
    if not theirs:
        return text  # lines as we write them: nothing to keep
    width = _layout_width(layout_po, theirs, layout)
    kept = {written[number]: lines for number, lines in (found if width else theirs)}
    entries = _po_entries(po) if width else []
    candidate = "\n".join(
        kept.get(block) or (_block(po, entries, index, width) if width else block) for index, block in enumerate(blocks)
    ).rstrip("\n") + "\n"
    try:
        reread = written if candidate == layout else _po_blocks(_PoReader("").read(candidate))  # the file as it was: read once
        same = "\n".join(reread).rstrip("\n") + "\n" == text
    except CatalogError:
        same = False
    return candidate if same else text


def _layout_width(po: polib.POFile, theirs: list[tuple[int, str]], layout: str) -> int:
    """The page width msgcat wrapped ``layout`` (read as ``po``) at, as its blocks ``theirs`` (the index of each
    entry in ``_po_entries``, its lines as read: those not as we write them unwrapped) show; 0 if they show none.

    The width that makes the most of them as msgcat would, 79 (msgcat's and Poedit's) where it is one of those:
    a width is tried on at most a dozen blocks, and only where a line of text ends at it or just before it, the
    longest line first (msgcat fills its lines up to the width; only a word longer than a line passes it).
    """
    entries = _po_entries(po)
    sample = theirs[:12]
    lines = (line for line in layout.split("\n") if line[:1] != "#" or line[:2] in ("#~", "#|"))  # msgcat wraps no other comment
    lengths = sorted({len(line.rstrip(_BLANKS)) for line in lines}, reverse=True)[:8]  # a file another tool wrapped
    # fits none: trying every length of its lines took 0.36 s of one write of a 60-paragraph file
    widths = dict.fromkeys([79, *(near for length in lengths for near in (length, length + 1, length + 2) if near >= MIN_WIDTH)])
    best, most = 0, 0
    for width in widths:
        made = sum(_block(po, entries, number, width) == lines for number, lines in sample)
        if made > most:
            best, most = width, made
        if made == len(sample):
            break
    return best


def _runs(text: str) -> list[tuple[int, str]]:
    """The runs of non-blank lines of ``text``: the number of the first line of each, and its lines (each with its line end)."""
    runs: list[tuple[int, str]] = []
    lines: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip(_BLANKS):
            start = start if lines else number
            lines.append(line)
        elif lines:
            runs.append((start, "\n".join(lines) + "\n"))
            lines = []
    if lines:
        runs.append((start, "\n".join(lines) + "\n"))
    return runs


def _entry_text(entry: polib.POEntry, width: int = 0) -> str:
    """One entry as ``POEntry.__unicode__(wrapwidth=0)`` writes it, ending with a line end; with a ``width``,
    as ``msgcat --width=WIDTH`` writes it."""
    lines = [f"# {comment}" for comment in entry.tcomment.split("\n")] if entry.tcomment else []
    if not entry.obsolete:
        if entry.comment:
            lines.extend(f"#. {comment}" for comment in entry.comment.split("\n"))
        if entry.occurrences:
            references = [f"{path}:{line}" if line else path for path, line in entry.occurrences]
            lines.extend(wrapped_references(references, width) if width else ["#: " + " ".join(references)])
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    previous = "#~| " if entry.obsolete else "#| "
    for name, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid), ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            _field(lines, previous, name, value, width)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        _field(lines, prefix, "msgctxt", entry.msgctxt, width)
    _field(lines, prefix, "msgid", entry.msgid, width)
    if entry.msgid_plural:
        _field(lines, prefix, "msgid_plural", entry.msgid_plural, width)
    if entry.msgstr_plural:
        for index in sorted(entry.msgstr_plural):
            _field(lines, prefix, f"msgstr[{index}]", entry.msgstr_plural[index], width)
    else:
        _field(lines, prefix, "msgstr", entry.msgstr, width)
    lines.append("")
    return "\n".join(lines)


def _field(lines: list[str], prefix: str, keyword: str, text: str, width: int = 0) -> None:
    """Append a keyword and its quoted text; a text of several lines (as ``str.splitlines`` sees them: polib's rule) gets one quoted line each.
    With a ``width``, the lines msgcat writes at that width (``wrapping``)."""
    if width:
        lines.extend(wrapped_field(prefix, keyword, text, width))
        return
    parts = text.splitlines(True)
    if len(parts) < 2:
        lines.append(f'{prefix}{keyword} "{polib.escape(text)}"')
    else:
        lines.append(f'{prefix}{keyword} ""')
        lines.extend(f'{prefix}"{polib.escape(part)}"' for part in parts)


def _holds(entry: polib.POEntry, draft: Draft) -> bool:
    """Whether an entry already is what ``draft`` would make it (so that filling it again changes nothing)."""
    return entry.msgstr == draft.text and draft.note in (entry.tcomment or "").splitlines() and entry.fuzzy != draft.approved


def translations_of(text: str, location: str) -> list[Translation]:
    """The active entries of a PO file's ``text`` (a version git holds, say); a CatalogError where it is no PO file."""
    return Catalog(_PoReader(location).read_all(text)).translations


def read_catalog(path: Path, location: str) -> Catalog:
    """Parse a PO file, or raise a CatalogError naming the first bad line."""
    try:
        data = read_file_bytes(path)
    except NotAFile as not_a_file:
        raise CatalogError(location, f"not a file but {not_a_file.kind}; it is never opened", hint="remove it; extract writes the PO file anew") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CatalogError(
            location,
            "not UTF-8 text",
            line=data[: error.start].count(b"\n") + 1,
            hint="save the file as UTF-8 (the header must say charset=UTF-8)" + git_hint(path, location),
        ) from None
    try:
        read = _PoReader(location).read_all(text)
    except CatalogError as error:
        raise CatalogError(error.location, error.problem, line=error.line, hint=error.hint + git_hint(path, location)) from None
    seen: dict[Key, int] = {}
    for entry in read.records:
        if not entry.obsolete:
            first = seen.setdefault(_key(entry), entry.msgid_line)
            if first != entry.msgid_line:
                raise CatalogError(
                    location,
                    f"the entry {entry.msgid[:40]!r} is in the file twice (first at line {max(first, 1)})",
                    line=entry.msgid_line,
                    hint="keep one of the two entries and delete the other" + git_hint(path, location),
                )
    crlf = text.count("\r\n")
    return Catalog(read, text, "\r\n" if crlf and crlf == text.count("\n") else "\n")


def git_hint(path: Path, location: str) -> str:
    """What git offers her toward mending the PO file at ``path`` (``location``, as the error names it) without losing
    work, to end a hint: where her changes since the last commit are (never a restore, which would throw them away), or
    where its earlier versions are when the file is as committed; nothing where git has no commit of it (new) or cannot
    tell. Asks git once: only of a file that cannot be read."""
    state = git_file_state(path)
    if state == CHANGED:
        return f"; git diff -- {location} shows what changed in it since the last commit"
    if state == COMMITTED:
        return f"; or bring back an earlier version of it (git log -p -- {location} shows each commit's change)"
    return ""


def approved_slug(data: bytes, location: str) -> str | None:
    """The approved text of the slug entry of a PO file's bytes (a committed version's: ``output.redirects`` reads many),
    as ``gate.english_url`` takes it; None without one, or when the bytes are no PO file. Only the entry's own lines
    are read (its comments, flags and texts: from the blank line before ``msgctxt "slug"`` to the one after)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    found = _SLUG_ENTRY.search(text)
    if found is None:
        return None
    start = max(text.rfind("\n\n", 0, found.start()), text.rfind("\n\r\n", 0, found.start()), -1) + 1
    end = _BLANK_LINE.search(text, found.end())
    try:
        read = _PoReader(location).read_all(text[start : end.start() if end else len(text)])
    except CatalogError:
        return None
    return next((t.text for t in Catalog(read).translations if t.context == SLUG and t.approved), None)


_SLUG_ENTRY = re.compile(rf'^msgctxt "{SLUG}"\r?$', re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


class _PoReader:
    """Reads PO text in one pass into records (``_Read``): the usual entry by one match (``_ENTRY``), anything else line by line.

    Ours rather than polib's parser for three reasons: lines end only at LF (or
    CRLF), never at U+2028, U+0085, U+001C and the other characters Python's
    ``str.splitlines`` also breaks at, which gettext and Poedit keep as text;
    continuation lines are collected and joined once (polib appends each to the
    text so far, which is quadratic in a text of many lines); and anything polib
    would skip or misread is an error naming its line, so that no translation is
    lost when the file is written again.
    """

    def __init__(self, location: str) -> None:
        self.location = location
        self.records: list[_Record] = []
        self.metadata: dict[str, str] = {}
        self.metadata_is_fuzzy: list[str] = []
        self.header: list[str] = []  # the comment lines before the first entry
        self.in_header = True
        self.entry = _Entry(0)
        self.pieces: list[str] | None = None  # the quoted text a continuation line extends
        self.number = 0
        self.previous_at: dict[str, int] = {}  # the entry's '#|' (or '#~|') keyword lines read so far, by keyword: their lines
        self.previous_obsolete = False  # whether they are '#~|' lines
        self.header_read = False  # an entry with an empty msgid after it is no header
        self.text = ""  # the file's text (``read_all``), to find a line in

    def read(self, text: str) -> polib.POFile:
        return self.read_all(text).po_file()

    def read_all(self, text: str) -> _Read:
        """Every entry of ``text`` as it was read, with the header (its comment and its fields)."""
        text = self.text = text.removeprefix("\ufeff")
        position, end, last = 0, len(text), 0
        while position <= end:
            if not self.in_header and (not self.entry.started or "msgstr" in self.entry.fields):
                found = _ENTRY.match(text, position)
                if found is not None:
                    self._whole(found, text)
                    position = found.end()
                    continue
            stop = text.find("\n", position)
            stop = end if stop < 0 else stop
            line, position = text[position:stop], stop + 1
            self.number += 1
            token = _LINE.fullmatch(line)
            if token is None:
                line = line.strip(_BLANKS)
                if line:
                    last = self.number
                    self._line(line)
                continue
            kind = token.lastgroup
            if kind is None:
                continue  # a blank line
            last = self.number
            if kind == "more":
                self._continue(token["more"], line)
            elif kind == "text":
                self._text(token["keyword"], token["text"], line)
            else:
                self._after_texts()
                self._comment(token["comment"])
        if self.entry.started:  # never an entry _whole read: that one is finished
            if self.entry.fields.get("msgstr") is None:
                self.number = last
                raise self._cut_off()
            self._finish()
        return _Read(self.records, self.metadata, self.metadata_is_fuzzy, "\n".join(self.header))

    def _whole(self, found: re.Match[str], text: str) -> None:
        """An entry ``_ENTRY`` took in whole (``found``): read as its lines one by one would be, and finished."""
        self._after_texts()
        flags: list[str] = []
        occurrences: list[tuple[str, str]] = []
        comments: list[str] = []
        tcomments: list[str] = []
        for line in found["comments"].split("\n"):
            if line := line.strip(_BLANKS):
                _note(line, flags, occurrences, comments, tcomments)
        start = found.start()
        started = self.number + 1 + text.count("\n", start, found.end("lead"))
        msgid = self.number + 1 + text.count("\n", start, found.start("msgid"))
        self.number += text.count("\n", start, found.end())
        self._add(
            _whole_text(found, "msgctxt"), _whole_text(found, "msgid"), _whole_text(found, "msgstr"),  # type: ignore[arg-type]
            flags, occurrences, comments, tcomments, {}, False, started, msgid,
        )

    def _line(self, line: str) -> None:
        if line.startswith('"'):
            self._continue(self._quoted(line, line), line)
            return
        if line.startswith("#~") and self.entry.obsolete and (rest := line[2:].lstrip(_BLANKS)).startswith('"'):
            self._continue(self._quoted(rest, line), line, obsolete=True)  # an obsolete text of several lines, as extract writes one
            return
        self._after_texts()
        if line.startswith("#~|"):  # the previous text of an obsolete entry: read as a '#|' line is, dropped at its end
            self._previous(line[3:].lstrip(_BLANKS), line, obsolete=True)
        elif line.startswith("#~"):
            self._keyword(line[2:].lstrip(_BLANKS), line, obsolete=True)
        elif line.startswith("#|"):
            self._previous(line[2:].lstrip(_BLANKS), line)
        elif line.startswith("#"):
            self._comment(line)
        else:
            self._keyword(line, line)

    def _continue(self, piece: str, line: str, obsolete: bool = False) -> None:
        """A continuation line (``obsolete``: '#~ "…"'): its text (``piece``, still escaped) extends the text read last."""
        if self.entry.obsolete != obsolete and self.entry.fields:  # msgfmt: "inconsistent use of #~"
            raise self._syntax(line.strip(_BLANKS), *_mixed(obsolete, self.entry.started))
        if self.previous_at and not self.entry.fields:  # msgfmt: a '#|' text goes on only in '#| "…"' lines
            first = min(self.previous_at.values())
            raise self._syntax(
                line.strip(_BLANKS), f"a text line below the '#|' line{'s' if len(self.previous_at) > 1 else ''} of the earlier Dutch "
                f"(from line {first}), which it cannot continue",
                f"a '#|' line stands right above an entry's msgctxt or msgid, never inside a text: delete line {first} if it is a "
                "leftover, or begin this line with '#| ' if it belongs to the earlier Dutch",
            )
        if self.pieces is None:
            if self.entry.started and not self.entry.fields:  # comment lines came between it and the text it continues
                raise self._syntax(
                    line.strip(_BLANKS), "a text line after a comment line (a line in double quotes continues the msgid or msgstr "
                    "right above it)", f"move the comment lines from line {self.entry.started} above the entry's msgid, or delete them",
                )
            raise self._syntax(line.strip(_BLANKS), *_CONTINUES_NOTHING)
        self.pieces.append(piece)

    def _after_texts(self) -> None:
        """A line other than a continuation ends an entry whose msgstr has been read."""
        if self.entry.fields.get("msgstr") is not None:
            self._finish()

    def _comment(self, line: str) -> None:
        if self.in_header and line[1:2] in ("", " "):
            self.header.append(line[2:])
            return
        if self.previous_at and not self.entry.fields:  # msgfmt: nothing comes between '#|' lines and the msgctxt or msgid
            first = min(self.previous_at.values())
            raise self._syntax(
                line, f"a comment line below the entry's '#|' lines of the earlier Dutch (from line {first})",
                f"an entry's '#|' lines come last, right above its msgctxt or msgid: move this line above line {first}, or delete it",
            )
        self.in_header = False
        entry = self._start_before_texts(line)
        _note(line, entry.flags, entry.occurrences, entry.comments, entry.tcomments)
        self.pieces = None

    def _previous(self, rest: str, line: str, obsolete: bool = False) -> None:
        """A '#|' line (``obsolete``: '#~|'), as msgfmt reads it: '#| msgctxt' (if any), '#| msgid' and '#| msgid_plural'
        (if any) in that order, each with its '#| "…"' lines, right above the entry's msgctxt or msgid."""
        if self.entry.fields:
            self._start_before_texts(line)  # raises: a comment line inside an entry
        if rest.startswith('"'):
            if self.pieces is None or not self.previous_at:  # its '#| msgid' deleted by hand, the lines it had left
                raise self._syntax(line.strip(_BLANKS), *_PREVIOUS_CONTINUES_NOTHING)
            if obsolete != self.previous_obsolete:
                raise self._syntax(line.strip(_BLANKS), *_mixed(obsolete, min(self.previous_at.values())))
            self.pieces.append(self._quoted(rest, line))
            return
        found = _KEYWORD.match(rest)
        if found is None or found.group(1) not in ("msgctxt", "msgid", "msgid_plural"):
            raise self._syntax(line)
        keyword = found.group(1)
        if self.previous_at and obsolete != self.previous_obsolete:
            raise self._syntax(line, *_mixed(obsolete, min(self.previous_at.values())))
        if wrong := _previous_out_of_order(keyword, self.previous_at):
            raise self._syntax(line, *wrong)
        entry = self._start_before_texts(line)
        self.in_header = False
        self.previous_at[keyword], self.previous_obsolete = self.number, obsolete
        self.pieces = entry.previous.setdefault(keyword, [])
        self.pieces.append(self._quoted(rest[found.end() :], line))

    def _keyword(self, rest: str, line: str, obsolete: bool = False) -> None:
        found = _KEYWORD.match(rest)
        if found is None:
            raise self._syntax(line, *_no_keyword(rest))
        keyword = found.group(1)
        if keyword == "msgid_plural" or keyword.startswith("msgstr["):
            raise self._error(
                f"a plural entry ({keyword}): publish-pipeline translates each text as one msgid and one msgstr",
                "move its translation into the msgstr of the entry with the same Dutch text, then delete this entry",
            )
        self._open(keyword, line, obsolete).append(self._quoted(rest[found.end() :], line))

    def _text(self, keyword: str, quoted: str, line: str) -> None:
        """A line ``msgctxt``, ``msgid`` or ``msgstr`` with its quoted text, as _LINE took it apart."""
        self._after_texts()
        self._open(keyword, line.strip(_BLANKS)).append(quoted)

    def _open(self, keyword: str, line: str, obsolete: bool = False) -> list[str]:
        """The pieces of a new text of the entry (``obsolete``: of a '#~' line), if the entry may have it there."""
        fields = self.entry.fields
        if fields and self.entry.obsolete != obsolete:  # msgfmt: "inconsistent use of #~"
            raise self._syntax(line, *_mixed(obsolete, self.entry.started))
        if self.previous_at and self.previous_obsolete != obsolete:  # the '#|' lines above are the stray ones
            self.number = min(self.previous_at.values())
            raise self._error(*_mixed_previous(self.previous_obsolete))
        if self.previous_at and "msgid" not in self.previous_at:  # its '#| msgid' deleted by hand, the '#| msgctxt' left
            self.number = self.previous_at["msgctxt"]
            raise self._error(*_PREVIOUS_CONTEXT_ALONE)
        self.entry.obsolete = obsolete
        # msgctxt first; then msgid, once; then msgstr
        allowed = not fields if keyword == "msgctxt" else ("msgid" in fields) == (keyword == "msgstr")
        if not allowed and keyword == "msgstr" and not fields and not self.entry.started and (self.records or self.metadata):
            raise self._error(  # right after an entry's msgstr: both sides of a merge conflict, its markers deleted
                "a second msgstr for one msgid, probably both sides of a git merge",
                "keep one msgstr (with its continuation lines) and delete the other",
            )
        if not allowed:
            raise self._syntax(line, *_misplaced(keyword, fields))
        self.in_header = False
        self.entry.started = self.entry.started or self.number
        if keyword == "msgid":
            self.entry.msgid_line = self.number
        self.pieces = fields.setdefault(keyword, [])
        return self.pieces

    def _start_before_texts(self, line: str) -> _Entry:
        """The entry a comment line belongs to: comments come before its msgctxt and msgid."""
        if self.entry.fields:
            after = "msgid" if "msgid" in self.entry.fields else "msgctxt"
            raise self._syntax(
                line, f"a comment line inside an entry, after its {after}",
                f"move it above the entry's first line (line {self.entry.started}), where an entry's comments and flags go "
                "(a '#, fuzzy' there marks it for review), or delete it",
            )
        self.entry.started = self.entry.started or self.number
        return self.entry

    def _quoted(self, text: str, line: str) -> str:
        found = _QUOTED.fullmatch(text)
        if found is None:
            raise self._syntax(line, *_unquoted(text))
        return found.group(1)

    def _finish(self) -> None:
        entry, self.entry, self.pieces = self.entry, _Entry(0), None
        fields = entry.fields
        if self.previous_at:
            self.previous_at = {}
            if entry.obsolete:
                entry.previous = {}  # the previous text of an obsolete entry: dropped, as polib and msgattrib do
        self._add(
            _text_of(fields, "msgctxt"), _unescape(fields["msgid"]), _unescape(fields["msgstr"]),
            entry.flags, entry.occurrences, entry.comments, entry.tcomments, entry.previous, entry.obsolete, entry.started,
            entry.msgid_line,
        )

    def _add(
        self, context: str | None, source: str, translation: str, flags: list[str], occurrences: list[tuple[str, str]],
        comments: list[str], tcomments: list[str], previous: dict[str, list[str]], obsolete: bool, started: int, msgid_line: int,
    ) -> None:
        """An entry read: the header's fields when it is the first and has no msgid, else one more entry of the file."""
        if (block := None if obsolete else _MSGCAT_BLOCK.search(translation)) is not None:  # fuzzy cleared or not
            lines = self.text.split("\n")  # its line: the first of msgcat's below the msgid
            self.number = next((number for number in range(msgid_line, len(lines) + 1) if "#-#-#-#-#" in lines[number - 1]), msgid_line)
            header = context is None and source == ""
            raise self._error(
                f"msgcat's conflict lines ({block.group(0)}) in the msgstr of {'the header' if header else 'an entry'}: "
                "the file holds two versions of it",
                ("keep one version of each header field and delete the rest with the #-#-#-#-# lines" if header else
                 "keep one version of its English and delete the other with the #-#-#-#-# lines")
                + ", and so in every msgstr that has them (msgcat wrote them wherever the two versions differ), then run check",
            )
        if context is None and source == "" and not obsolete:
            if self.records or self.header_read:  # msgfmt: a "duplicate message definition" of the header
                self.number = msgid_line
                raise self._error(
                    "an entry with an empty msgid after the header: its Dutch text is missing",
                    "write its Dutch text back into the msgid (extract wrote it from the Dutch document), or delete the entry",
                )
            self.metadata, self.metadata_is_fuzzy, self.header_read = _fields(translation), flags, True
            return
        self.records.append(
            _Record(
                context, source, translation, occurrences, flags, "\n".join(comments), "\n".join(tcomments),
                _text_of(previous, "msgctxt") if previous else None, _text_of(previous, "msgid") if previous else None,
                _text_of(previous, "msgid_plural") if previous else None, obsolete, started, msgid_line,
            )
        )

    def _syntax(self, line: str, what: str = "", todo: str = "") -> CatalogError:
        """The error of a line that cannot be read here: ``what`` is wrong with it and what ``todo``, where the caller
        can tell (a hand edit's usual mistakes: ``_unquoted``, ``_no_keyword``, ``_misplaced``)."""
        if _CONFLICT.match(line):
            return self._error(
                "git merge conflict marker; the file holds two versions",
                "keep one version of each entry and delete the <<<<<<< ======= >>>>>>> lines",
            )
        return self._error(
            f"PO syntax error: {_shown(line[:60])}" + (f": {what}" if what else ""),
            todo or "fix that line (every text is in double quotes; \\\" for a quote)",
        )

    def _cut_off(self) -> CatalogError:
        """The error of a file that ends inside an entry: after comment lines alone (a '#, fuzzy' put below the
        entry it was meant for, say), or after a msgid without its msgstr."""
        if not self.entry.fields:
            return self._error(
                "comment lines after the last entry, which belong to no entry (or the file is cut off)",
                "move them above the msgid of the entry they are about (a '#, fuzzy' there marks it for review), or delete them",
            )
        return self._error(
            "the last entry has no msgstr (or the file is cut off)",
            'add msgstr "" below its msgid',
        )

    def _error(self, problem: str, hint: str) -> CatalogError:
        return CatalogError(self.location, problem, line=self.number, hint=hint)


_CONTINUES_NOTHING = (
    "a text line that continues no msgid or msgstr",
    "a line in double quotes goes right below the msgid or msgstr it continues: move it there, or delete it",
)
def _shown(line: str) -> str:
    """A line quoted as she wrote it (``\\n`` as ``\\n``, not doubled), an invisible character made visible."""
    return repr(line).replace("\\\\", "\\")


_PREVIOUS_CONTINUES_NOTHING = (
    "a '#|' line of the earlier Dutch that continues no '#| msgid' line (deleted by hand, it seems)",
    "delete the entry's remaining '#|' lines (approving the entry drops them anyway), or put its '#| msgid \"\"' line back above them",
)
_PREVIOUS_CONTEXT_ALONE = (
    "a '#| msgctxt' line of the earlier Dutch without the '#| msgid' line that goes below it (deleted by hand, it seems)",
    "delete the entry's leftover '#|' lines (approving the entry drops them anyway)",
)


def _previous_out_of_order(keyword: str, read: Mapping[str, int]) -> tuple[str, str] | None:
    """What is wrong with a '#| ``keyword``' line below the entry's '#|' lines ``read`` so far (their lines by keyword),
    and what to do; None where it may stand there (msgfmt: msgctxt, msgid, msgid_plural, each once, in that order)."""
    if keyword in read:
        return (f"a second '#| {keyword}' line in one entry (the first at line {read[keyword]})",
                "delete the entry's leftover '#|' lines (approving the entry drops them anyway)")
    if keyword == "msgctxt" and read:
        return ("a '#| msgctxt' line below the entry's '#| msgid' line", "move it above the '#| msgid' line, or delete it")
    if keyword == "msgid_plural" and "msgid" not in read:
        return ("a '#| msgid_plural' line without a '#| msgid' line above it", "delete the entry's leftover '#|' lines")
    return None


def _mixed(obsolete: bool, first: int) -> tuple[str, str]:
    """What is wrong with a line of an obsolete entry ('#~', '#~|': ``obsolete``) in an entry in use begun at line
    ``first``, or the other way round (msgfmt: "inconsistent use of #~"), and what to do."""
    what = "a '#~' line (of an obsolete entry) in an entry in use" if obsolete else "a line without '#~' in an obsolete entry"
    return (
        f"{what} (from line {first})",
        "an obsolete entry has '#~ ' before each of its msgctxt, msgid, msgstr and text lines ('#~| ' before its earlier Dutch), an "
        "entry in use has none: make the entry's lines alike, or delete the stray line",
    )


def _mixed_previous(obsolete: bool) -> tuple[str, str]:
    """What is wrong with '#|' lines above an obsolete entry, or '#~|' lines (``obsolete``) above an entry in use, and what to do."""
    if obsolete:
        return ("a '#~|' line (the earlier Dutch of an obsolete entry) above an entry in use",
                "write '#| ' for '#~| ' where it is this entry's earlier Dutch, or delete it (approving the entry drops it anyway)")
    return ("a '#|' line above an obsolete entry ('#~' lines)", "write '#~| ' for '#| ' (every line of an obsolete entry begins with '#~'), or delete it")


_KEYWORDS = r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?![\w\[])"
"""A keyword without its quoted text: compiled on a file's first such error, not by every command at import."""


def _no_keyword(rest: str) -> tuple[str, str]:
    """What is wrong with a line that is no comment, no text in double quotes, and no keyword with one, and what to do."""
    if not rest:
        return "", ""  # an obsolete entry's bare '#~'
    if rest.startswith('"'):  # '#~ "…"' where no obsolete text goes on
        return _CONTINUES_NOTHING
    if unicodedata.category(rest[0])[0] in "CZ":  # what strip() leaves: a byte order mark, a no-break space, a control
        return f"an invisible character (U+{ord(rest[0]):04X}) begins the line", "delete it (a copy and paste can bring one along)"
    keyword = re.match(_KEYWORDS, rest)
    if keyword is not None:
        name = keyword.group(1)
        return f"{name} without its text in double quotes", f'write its text in double quotes: {name} "…" (an empty one: {name} "")'
    word = rest.split(maxsplit=1)[0] if rest.split() else rest
    if word.startswith("msg"):
        return f"{word!r} is no PO keyword", "an entry's lines are msgctxt, msgid and msgstr, each with its text in double quotes: correct the word"
    return "a line of plain text", (
        "a text is in double quotes (a line of its own in quotes continues the msgstr above it), a note is a comment line "
        "beginning with '# ' above the entry's msgid: quote it, make it such a comment, or delete it"
    )


def _misplaced(keyword: str, fields: Mapping[str, list[str]]) -> tuple[str, str]:
    """What is wrong with a keyword where the entry cannot have it (``_PoReader._open``), and what to do."""
    if keyword == "msgctxt":
        where = "after the entry's msgid" if "msgid" in fields else "twice in one entry"
        return f"msgctxt {where}", "an entry's msgctxt comes first, above its msgid: move it up, or delete the extra one"
    if keyword == "msgid":
        return (
            "a second msgid before the entry's msgstr",
            'each msgid has its msgstr right below it: write the missing msgstr "" back, or delete the extra msgid',
        )
    return (
        "a msgstr without its msgid",
        "each msgstr follows the msgid of its Dutch text: write the msgid line back, or delete the entry",
    )


def _unquoted(text: str) -> tuple[str, str]:
    """What is wrong with a text that should be in double quotes (``text``, from its opening quote on), and what to do."""
    if not text.startswith('"'):
        return "a text without its opening double quote", 'begin the text with " (and end it with one)'
    at = 1
    while at < len(text):
        if text[at] == "\\":
            if text[at + 1 : at + 2] not in _ESCAPES:
                escape = text[at : at + 2]
                return f"an unknown escape {escape}", r'write \\ for a backslash, \" for a double quote and \n for a line break'
            at += 2
        elif text[at] == '"':
            after = text[at + 1 :]
            if '"' not in after:
                return f"{after[:20]!r} after the text's closing double quote", "delete it (a text goes on in the next line's double quotes)"
            return "a double quote inside the text ends it early", r'write \" for a double quote inside a text (or use “ ”), and end the text with one "'
        else:
            at += 1
    return "the text has no closing double quote", 'end it with " on the same line (a text of several lines has each line in its own double quotes)'


class _Record(NamedTuple):
    """An entry as read, its fields named as polib's: a tuple costs a fraction of a ``polib.POEntry``, made only
    when the file is to be changed or written (``_Read.po_file``)."""

    msgctxt: str | None
    msgid: str
    msgstr: str
    occurrences: list[tuple[str, str]]
    flags: list[str]
    comment: str
    tcomment: str
    previous_msgctxt: str | None
    previous_msgid: str | None
    previous_msgid_plural: str | None
    obsolete: bool
    linenum: int
    """The line of its first comment or keyword, as polib has it: where its block begins (``_laid_out``)."""
    msgid_line: int
    """The line of its ``msgid`` (``Translation.line``); polib keeps none, so ``_Read.po_file`` gives its entries one."""


@dataclass(frozen=True)
class _Read:
    """What ``_PoReader`` read of a file: its entries and its header (the comment above it and its fields)."""

    records: list[_Record]
    metadata: dict[str, str]
    metadata_is_fuzzy: list[str]
    header: str

    def po_file(self) -> polib.POFile:
        po = polib.POFile(wrapwidth=0)
        po.header, po.metadata, po.metadata_is_fuzzy = self.header, self.metadata, self.metadata_is_fuzzy
        po.extend(_po_entry(record) for record in self.records)
        return po


def _po_entry(record: _Record) -> polib.POEntry:
    """polib's entry of ``record``, with the line of its msgid (``Catalog.translations`` reads it of either)."""
    entry = polib.POEntry(**record._asdict())
    entry.msgid_line = record.msgid_line
    return entry


class _Entry:
    """An entry while it is read: its parts in file order, texts still as their quoted pieces.

    ``started``: the line of its first comment or keyword (0: nothing read yet); ``msgid_line``: the line of its
    ``msgid``. A plain class with
    slots: one is made for every entry of every file read, and a dataclass's factories cost twice the time.
    """

    __slots__ = ("started", "msgid_line", "obsolete", "tcomments", "comments", "occurrences", "flags", "previous", "fields")

    def __init__(self, started: int) -> None:
        self.started = started
        self.msgid_line = 0
        self.obsolete = False
        self.tcomments: list[str] = []
        self.comments: list[str] = []
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.previous: dict[str, list[str]] = {}
        self.fields: dict[str, list[str]] = {}


def _note(line: str, flags: list[str], occurrences: list[tuple[str, str]], comments: list[str], tcomments: list[str]) -> None:
    """A comment line (not of the header, blanks stripped) into the parts of the entry it comes before."""
    kind, rest = line[:2], line[2:].strip(_BLANKS)
    if kind == "#,":
        flags.extend(flag.strip(_BLANKS) for flag in rest.split(",") if flag.strip(_BLANKS))
    elif kind == "#:":
        occurrences.extend(_occurrence(word) for word in rest.split())
    elif kind == "#.":
        comments.append(line[3:])
    else:
        text = line.lstrip("#")
        tcomments.append(text[1:] if text.startswith(" ") else text)


def _whole_text(found: re.Match[str], name: str) -> str | None:
    """The text ``_ENTRY`` found in ``found`` as ``name`` (None where there is none), joined with its continuation lines."""
    first = found[name]
    if first is None:
        return None
    more = found[f"{name}_more"]
    return _unescape([first, *_QUOTED.findall(more)] if more else [first])


def _unescape(pieces: list[str]) -> str:
    """The text of quoted pieces (validated by _QUOTED), joined once."""
    text = "".join(pieces)
    return _ESCAPE.sub(lambda escape: _ESCAPES[escape.group(1)], text) if "\\" in text else text


def _text_of(fields: dict[str, list[str]], name: str) -> str | None:
    pieces = fields.get(name)
    return None if pieces is None else _unescape(pieces)


def _occurrence(word: str) -> tuple[str, str]:
    path, _, line = word.rpartition(":")
    return (path, line) if path and line.isdigit() else (word, "")


def _fields(header: str) -> dict[str, str]:
    """The header's ``Name: value`` lines in their order (a line without a colon continues the one before)."""
    fields: dict[str, str] = {}
    name = None
    for line in header.split("\n"):
        if not line:
            continue
        key, colon, value = line.partition(":")
        if colon:
            name = key
            fields[name] = value.strip()
        elif name is not None:
            fields[name] += "\n" + line.strip()
    return fields


def merge(
    old: Catalog | None, segments: Sequence[Segment], source_location: str, config: SiteConfig, now: datetime.datetime
) -> Catalog:
    """The catalog for ``segments``, keeping everything of value from ``old``.

    As ``msgmerge --previous``: an unchanged text keeps its translation and state;
    a changed text inherits the translation of the most similar old text as fuzzy,
    with the old text as previous msgid; a removed text becomes obsolete and comes
    back with its translation if the text returns. Unlike msgmerge, a translated text
    about to go obsolete is also offered so to an entry still untranslated, or holding
    a machine draft nobody reviewed (``open_to_offer``): the translator's English of
    the old paragraph, merged by git beside the entry the author's extract (and draft)
    made for its new wording (see ``po_merge``), is not hidden.
    """
    po = polib.POFile(wrapwidth=0)
    po.header = f"{_language_name(config.target_language)} translation of {source_location}.\nMade by publish-pipeline extract: translate the msgstr lines; clear 'fuzzy' to approve."
    old_po = old._po if old else None
    po.metadata = _metadata(old_po, config, now)

    groups: dict[Key, list[Segment]] = {}
    for segment in segments:
        if _UNWRITABLE in segment.text:
            raise SourceError(
                source_location,
                "the text holds the control character U+0004, which no PO file can hold",
                line=segment.line,
                hint="delete that invisible character from the Dutch text",
            )
        groups.setdefault((segment.context, segment.text), []).append(segment)

    old_active = {_key(entry): entry for entry in old_po or [] if not entry.obsolete}
    old_obsolete = {_key(entry): entry for entry in (old_po.obsolete_entries() if old_po else [])}
    old_edged = _edged(old_active.values())
    used: set[int] = set()
    unmatched: list[polib.POEntry] = []
    untranslated: list[polib.POEntry] = []
    for (context, text), members in groups.items():
        entry = polib.POEntry(
            msgctxt=context,
            msgid=text,
            msgstr="",
            occurrences=[(source_location, str(member.line)) for member in members],
            comment=", ".join(dict.fromkeys(m.role for m in members if m.role != "paragraph")),
        )
        match = old_active.get((context, text)) or old_obsolete.get((context, text)) or old_edged.get((context, text))
        if match is None:
            unmatched.append(entry)
        else:
            used.add(id(match))
            _inherit(entry, match)
            if match.msgid != text:  # its Dutch written with white space at its edges (``_edged``): the same text
                entry.msgstr, entry.previous_msgid = entry.msgstr.strip(), entry.previous_msgid and entry.previous_msgid.strip()
            if open_to_offer(match):
                untranslated.append(entry)
        po.append(entry)

    going = [e for e in old_active.values() if id(e) not in used and e.msgstr]
    candidates = [*going, *(e for e in old_obsolete.values() if id(e) not in used and e.msgstr)]
    offered_now: set[int] = set()
    carried = 0  # links the author moved, carried into approved English (``carry``: take_over makes an entry fuzzy)
    for entries, offered in ((unmatched, candidates), (untranslated, going)):  # an obsolete entry was offered when it went
        for entry in entries:
            # an entry of unchanged Dutch takes only English no changed text took: English its own Dutch's successor
            # took (a hand-edited msgid's, a reworded text's) is not another paragraph's to review against
            best = offer(entry, offered if entries is unmatched else [e for e in offered if id(e) not in used])
            if best is not None:
                used.add(id(best))
                offered_now.add(id(entry))
                if not entry.fuzzy and entry.msgctxt != SLUG:
                    carried += _moved_links(best.msgid, entry.msgid)

    displaced = []  # the English an entry gave up for newer English (``_newer_offer``), kept as its #| Dutch's
    for entry in [entry for entry in po if id(entry) not in offered_now]:
        newer = _newer_offer(entry, [e for e in going if id(e) not in used])
        was = (entry.previous_msgctxt if entry.previous_msgctxt is not None else entry.msgctxt, entry.previous_msgid)
        if newer is not None and not {was} & {*groups, *old_active, *old_obsolete, *(_key(e) for e in displaced)}:
            displaced.append(polib.POEntry(msgctxt=was[0], msgid=was[1], msgstr=entry.msgstr, flags=list(entry.flags),
                                           tcomment=entry.tcomment, obsolete=True))
            take_over(entry, newer)
            used.add(id(newer))

    for key, entry in old_obsolete.items():
        if key not in groups:
            po.append(entry)
    for entry in displaced:
        po.append(entry)
    for entry in old_active.values():
        if id(entry) not in used and entry.msgstr:
            po.append(_obsolete(entry))
    merged = Catalog(po, newline=old.newline if old else "\n", layout=old.layout if old else None)
    merged.carried = carried
    return merged


def _edged(entries: Iterable[polib.POEntry]) -> dict[Key, polib.POEntry]:
    """The entries whose Dutch has white space at its edges, by the key of their Dutch without it: segmentation
    writes such a text without it now (a front-matter value's block-scalar line break, a link title's quote at a
    line's end), and the translator's English of it stays hers, in its state, as for an unchanged text."""
    return {(entry.msgctxt, entry.msgid.strip()): entry for entry in entries if entry.msgid != entry.msgid.strip()}


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _inherit(entry: polib.POEntry, old: polib.POEntry) -> None:
    """Take over ``old``'s translation and state; its previous text only while it is fuzzy.

    An approval made in a text editor by deleting ``#, fuzzy`` alone leaves the
    ``#|`` lines behind; like msgmerge, they go once the entry is approved.
    """
    entry.msgstr = old.msgstr
    entry.flags = list(old.flags)
    entry.tcomment = old.tcomment
    entry.previous_msgid = old.previous_msgid if old.fuzzy else None
    entry.previous_msgctxt = old.previous_msgctxt if old.fuzzy else None


def open_to_offer(entry: polib.POEntry) -> bool:
    """Whether an entry of unchanged Dutch may take the English of one going (``offer``): it has none, or a machine
    draft nobody reviewed or changed (``machine_draft``).

    A person's English of the old wording is worth more than a machine's of the new one: the #| shows her
    what changed, where the draft is to be read whole; and the draft is made again, from the cache, by ``draft``.
    """
    return (not entry.msgstr and not entry.obsolete) or machine_draft(entry)


def machine_draft(entry: polib.POEntry) -> bool:
    """Whether ``entry`` holds a machine's draft as ``draft`` wrote it: fuzzy, no previous Dutch, and its English the
    one its ``mt: <engine> <date> draft:<digest>`` comment hashed (a person's edit changes the English, not the
    digest; the comment stays after approval, when the entry is no longer fuzzy)."""
    if "fuzzy" not in entry.flags or entry.previous_msgid is not None or not entry.msgstr:
        return False
    return bool(drafted(entry.tcomment or "", entry.msgstr))


DRAFT_MARK = re.compile(r"^(?:mt|tm): .* draft:([0-9a-f]{10})$", re.MULTILINE)
"""The digest ``draft`` ends its provenance comment with: of the English the machine, or the memory, gave."""


def drafted_note(origin: str, english: str) -> str:
    """The provenance comment of a draft: ``origin`` (``mt: google 2026-11-28``, ``tm: <PO file>``) with the digest of
    its ``english`` (``DRAFT_MARK``), which tells later whether a person changed it."""
    return f"{origin} draft:{draft_digest(english)}"


def drafted(comment: str, english: str) -> bool | None:
    """Whether ``english`` is the one the ``mt: <engine> <date> draft:<digest>`` (or ``tm: <PO file> draft:<digest>``)
    line of the translator ``comment`` hashed (the draft as it was given); None where no such line says (no English,
    or none hashed)."""
    digests = DRAFT_MARK.findall(comment)
    if not digests or not english:
        return None
    return draft_digest(english) in digests


def draft_digest(english: str) -> str:
    """The digest of a machine's draft that ``draft`` writes in its provenance comment (``DRAFT_MARK``): a person's
    edit changes the English, not the comment."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:10]


def offer(entry: polib.POEntry, candidates: Sequence[polib.POEntry]) -> polib.POEntry | None:
    """Give ``entry`` (its Dutch new, or ``open_to_offer``) the English of the most similar of ``candidates`` (old
    entries with English; for a machine draft, those a person wrote), to review: fuzzy, their Dutch as its previous
    msgid. The one taken, or None.

    The rule of ``merge`` for a changed text, which the merge of PO files (``po_merge``) follows too.
    """
    if machine_draft(entry):
        candidates = [candidate for candidate in candidates if not machine_draft(candidate)]
    carried = _nearest_carried(entry, candidates)
    if carried is not None:
        _carry(entry, *carried)
        return carried[0]
    best = _most_similar(entry, candidates)
    if best is not None:
        take_over(entry, best)
    return best


def carry(entry: polib.POEntry, old: polib.POEntry) -> bool:
    """Give ``entry`` the English of ``old`` where its Dutch differs from ``old``'s only in where links lead
    (``destinations.moved``: the author fixed a link, not a word) and the English leads where the old Dutch did:
    with the same change made in it (``destinations.carried``), in ``old``'s state. Approved English stays approved
    (the translator never edits URLs); a draft or outdated English stays to review, its ``#|`` the Dutch it was
    written for (her words are still of that Dutch; the merge of PO files pairs entries by it). Whether it did.

    The rule of ``merge`` before any offer (``offer``), which the merge of PO files follows too (``po_merge``)."""
    english = _carried(entry, old)
    if english is not None:
        _carry(entry, old, english)
    return english is not None


def _nearest_carried(entry: polib.POEntry, candidates: Sequence[polib.POEntry]) -> tuple[polib.POEntry, str] | None:
    """The one of ``candidates`` whose English ``carry`` gives ``entry`` (its links alone moved), with that English,
    where no other old text is nearer (rapidfuzz's ratio, 2·LCS/T: a neighbour of the same words and another link,
    in a list of links, is not the text she mended a word of in her PO file); the nearest of several."""
    carriers = [(candidate, english) for candidate in candidates if (english := _carried(entry, candidate)) is not None]
    if not carriers:
        return None
    from rapidfuzz import fuzz, process

    def nearness(candidate: polib.POEntry) -> float:
        return fuzz.ratio(entry.msgid, _unlabelled(candidate.msgid), processor=None)

    found = max(carriers, key=lambda pair: nearness(pair[0]))  # max keeps the first of equals
    own = nearness(found[0])
    others = [_unlabelled(candidate.msgid) for candidate in candidates if candidate.msgctxt == entry.msgctxt]
    near = process.extract(entry.msgid, others, scorer=fuzz.ratio, processor=None, score_cutoff=own - _MARGIN, limit=None)
    return None if any(score > own for _, score, _ in near) else found


def _carried(entry: polib.POEntry, old: polib.POEntry) -> str | None:
    """The English ``carry`` gives ``entry`` of ``old``'s; None where it gives none."""
    if entry.msgctxt != old.msgctxt or entry.msgctxt == SLUG or not old.msgstr:
        return None
    from ..text import destinations  # the Markdown parser: only where a text changed (git's merge of English needs none)

    change = destinations.moved(old.msgid, entry.msgid)
    return destinations.carried(old.msgstr, change) if change else None


def _carry(entry: polib.POEntry, old: polib.POEntry, english: str) -> None:
    """Give ``entry`` ``old``'s state and ``english`` (``_carried``)."""
    _inherit(entry, old)
    entry.msgstr = english
    entry.tcomment = _restamped(old.tcomment or "", old.msgstr, english)


def _moved_links(old: str, new: str) -> int:
    """How many destinations ``carry`` moved from ``old`` Dutch to ``new``."""
    from ..text import destinations

    return len(destinations.moved(old, new) or ())


def _restamped(comment: str, was: str, now: str) -> str:
    """A translator comment whose ``mt: … draft:<digest>`` line hashed the English ``was`` hashing ``now`` instead:
    a carried link is no person's edit (see ``machine_draft``)."""
    old_mark, new_mark = (f" draft:{hashlib.sha256(text.encode('utf-8')).hexdigest()[:10]}" for text in (was, now))
    lines = comment.split("\n")
    return "\n".join(line[: -len(old_mark)] + new_mark if line.startswith("mt: ") and line.endswith(old_mark) else line for line in lines)


def take_over(entry: polib.POEntry, old: polib.POEntry) -> None:
    """Give ``entry`` the English of ``old``, an entry of other Dutch it takes the place of, as ``offer`` gives it:
    fuzzy, with ``old``'s Dutch as its previous msgid (the Dutch of ``old``'s last approved English where ``old`` is
    fuzzy with one), its context too where it differs."""
    _inherit(entry, old)
    if entry.msgctxt == SLUG:
        return  # the page's English address, approved or not, as the translator left it
    if not entry.fuzzy:
        entry.flags.append("fuzzy")
    if _unlabelled(old.msgid) != old.msgid:  # a footnote's old entry: its English without the label too
        entry.msgstr = _unlabelled(entry.msgstr)
    entry.previous_msgid = old.previous_msgid if old.fuzzy and old.previous_msgid else old.msgid
    entry.previous_msgctxt = old.msgctxt if old.msgctxt != entry.msgctxt else None


def _obsolete(entry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        flags=list(entry.flags),
        tcomment=entry.tcomment,
        obsolete=True,
    )


def _most_similar(entry: polib.POEntry, candidates: Sequence[polib.POEntry]) -> polib.POEntry | None:
    """The old entry whose Dutch is closest to ``entry``'s, if close enough to offer its English for review.

    A document has one slug: its old translated slug is the match however the Dutch slug
    changed (a renamed file: ``zaden`` → ``zaden-bewaren``), and keeps its state (see
    ``merge``): the English address the translator approved is not the Dutch one's
    translation but the page's English name, and stays as long as she does not change it.
    """
    if entry.msgctxt == SLUG:
        return next((candidate for candidate in candidates if candidate.msgctxt == SLUG), None)
    pool = [candidate for candidate in candidates if candidate.msgctxt == entry.msgctxt]
    texts = [_unlabelled(candidate.msgid) for candidate in pool]
    best, best_ratio = None, FUZZY_THRESHOLD
    for index in _likeliest(entry.msgid, texts):
        ratio = _similarity(entry.msgid, texts[index], best_ratio)
        if ratio >= best_ratio and (best is None or ratio > best_ratio or (ratio == best_ratio and index < best)):
            best, best_ratio = index, ratio
    return None if best is None else pool[best]


_MARGIN = 1e-3
"""How far under a score (percent) a rapidfuzz cutoff is put: its scores are floats, and it turns a cutoff into a
distance with some give; what passes is compared exactly after."""


def _likeliest(text: str, texts: Sequence[str]) -> list[int]:
    """The indexes of the ``texts`` that may be the most similar to ``text`` (``_similarity`` at least
    ``FUZZY_THRESHOLD``, and at least the ratio of the likeliest), the likeliest first.

    difflib's ratio is 2·M/T, M the characters of the matching blocks it finds: a common subsequence, never longer
    than the longest (LCS), so rapidfuzz's Indel ratio (2·LCS/T, found in C, bit-parallel, stopping early under a
    cutoff) bounds it from above. The text with the highest bound is compared first; only texts whose bound reaches
    its ratio can beat or equal it. A merge of 300 reworded paragraphs compared each with each in Python (difflib's
    own quick bounds pass any two Dutch paragraphs); now it compares a few. A text too long for ratio (``LONG_TEXT``:
    its character bag's quick_ratio, which is no LCS) is always compared.
    """
    from rapidfuzz import fuzz, process

    long = [index for index, other in enumerate(texts) if max(len(text), len(other)) > LONG_TEXT]
    short = [other if max(len(text), len(other)) <= LONG_TEXT else None for other in texts]
    top = process.extractOne(text, short, scorer=fuzz.ratio, processor=None, score_cutoff=100 * FUZZY_THRESHOLD - _MARGIN)
    if top is None:
        return long
    floor = max(FUZZY_THRESHOLD, _similarity(text, texts[top[2]]))
    bounded = process.extract(text, short, scorer=fuzz.ratio, processor=None, score_cutoff=100 * floor - _MARGIN, limit=None)
    return [top[2], *sorted({index for _, _, index in bounded} - {top[2]}), *long]


def _similarity(text: str, other: str, floor: float = 0.0) -> float:
    """How alike two Dutch texts are (difflib's ratio, 0 to 1); 0 where the quick bounds say it is under ``floor``."""
    matcher = difflib.SequenceMatcher(None, text, other, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    # ratio() is quadratic: for very long texts the character-bag ratio has to do
    return matcher.quick_ratio() if max(len(text), len(other)) > LONG_TEXT else _ratio(text, other)


@lru_cache(maxsize=256)
def _ratio(text: str, other: str) -> float:
    """difflib's ratio of two texts, kept: an offer asks it of the nearest old text more than once (``_likeliest``,
    ``_most_similar``, ``offer``), and it is the costly part of a merge."""
    return difflib.SequenceMatcher(None, text, other, autojunk=False).ratio()


def _newer_offer(entry: polib.POEntry, candidates: Sequence[polib.POEntry]) -> polib.POEntry | None:
    """The entry going whose reviewed English ``entry`` (fuzzy: English offered it of its ``#|`` Dutch) should take
    instead: approved (a person's review, not a machine's draft), of Dutch nearer to ``entry``'s than its ``#|``.

    The author reworded a text twice; the translator approved English of the first rewording, which an entry of
    the second beside it (a merge kept both) does not hold: its English is of the Dutch before. Her English of the
    nearer Dutch is the one to review against (the ``#|`` then shows what changed since her English). The Dutch
    going must be a rewording of the ``#|`` Dutch too (close enough to it for extract to offer its English), not
    another text that happens to be near (an item deleted beside one reworded)."""
    if not entry.fuzzy or entry.previous_msgid is None or not entry.msgstr or entry.msgctxt == SLUG:
        return None
    before = entry.previous_msgctxt if entry.previous_msgctxt is not None else entry.msgctxt
    reviewed = [c for c in candidates if not c.fuzzy and c.msgstr and c.msgctxt == entry.msgctxt and not machine_draft(c)]
    best = _most_similar(entry, reviewed)
    if best is None or before != entry.msgctxt:
        return None
    nearer = _similarity(entry.msgid, _unlabelled(best.msgid)) > _similarity(entry.msgid, entry.previous_msgid)
    return best if nearer and _similarity(_unlabelled(best.msgid), entry.previous_msgid) >= FUZZY_THRESHOLD else None


def closest(key: Key, keys: Sequence[Key]) -> Key | None:
    """The one of ``keys`` whose Dutch is close enough to ``key``'s for extract to offer it ``key``'s English
    (``_most_similar``): the entry that took the place of ``key``'s when extract changed its Dutch; else None."""
    found = _most_similar(polib.POEntry(msgctxt=key[0], msgid=key[1]), [polib.POEntry(msgctxt=context, msgid=text) for context, text in keys])
    return None if found is None else _key(found)


_FOOTNOTE_LABEL = re.compile(r"\[\^[^\]\s]+\]:[ \t]*")


def _unlabelled(text: str) -> str:
    """``text`` without the footnote label it opens with (``[^1]: ``), if any.

    Before footnotes were entries of their own (``#. footnote``, the label left out as structure), a footnote's
    text was a paragraph's, its label in both the Dutch and the English: such an old entry is offered for the
    footnote's text as any changed text is (fuzzy), compared and taken over without its label. A text of today
    never opens with one (the parser reads it as a footnote's definition).
    """
    label = _FOOTNOTE_LABEL.match(text) if text.startswith("[^") else None
    return text[label.end() :] if label else text


_OWN_FIELDS = frozenset(
    {PROJECT, "Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "X-Source-Language"}
)
"""Header fields extract sets from the site's settings; every other field is the file's, as a PO editor left it."""


def _metadata(old: polib.POFile | None, config: SiteConfig, now: datetime.datetime) -> dict[str, str]:
    """The header fields: the old file's, in its order, with ours set and missing ones added at the end.

    Poedit adds fields (``X-Generator``, ``POT-Creation-Date``) and fills
    ``Last-Translator`` from its preferences on each save; keeping them where
    they are means no header churn between a save and the next extract. A new
    file's ``Last-Translator`` is empty, not the template's ``FULL NAME
    <EMAIL@ADDRESS>`` (``msgfmt --check`` warns about that): Poedit fills it in.
    """
    fields = dict(old.metadata) if old else {}
    standard = {
        PROJECT: config.project,
        "Report-Msgid-Bugs-To": "",
        "PO-Revision-Date": now.strftime("%Y-%m-%d %H:%M%z"),
        "Last-Translator": "",
        "Language-Team": _language_name(config.target_language),
        "Language": config.target_language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": config.source_language,
    }
    for name, value in standard.items():
        if name in _OWN_FIELDS or name not in fields or (name == "PO-Revision-Date" and not fields[name]):
            fields[name] = value
    return fields


def _language_name(code: str) -> str:
    return {"en": "English", "nl": "Dutch", "de": "German", "fr": "French"}.get(code, code)


def revision_time() -> datetime.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    return datetime.datetime.now(datetime.timezone.utc)
