"""PO files: reading them safely, merging new segments in, writing them stably.

The only module that touches polib. The states follow DESIGN.md:

- untranslated: empty msgstr, not fuzzy
- draft or outdated: ``#, fuzzy`` (outdated also has ``#| msgid`` with the old text)
- approved: non-empty msgstr, not fuzzy
- obsolete: ``#~`` entries, kept so that a returning text gets its translation back

Files are written unwrapped (like ``msgcat --no-wrap``) with a header that only
changes when a setting does, so a second ``extract`` changes no byte.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from .config import SiteConfig
from .errors import CatalogError
from .segmentation import Segment

FUZZY_THRESHOLD = 0.6
"""How similar (difflib ratio) a changed text must be to an old one to inherit its translation; msgmerge's value."""

LONG_TEXT = 20_000
"""Texts longer than this (characters) are fuzzy-matched on their character counts only."""

_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_SPACE = r"[^\S\n]*"
_LINE = rf"(?:#[^\n]*|{_SPACE}|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[^\S\n]+{_STRING}{_SPACE}|{_STRING}{_SPACE})"
_PO_LINE = re.compile(_LINE)
_PO_TEXT = re.compile(rf"(?:{_LINE}\n)*{_LINE}")
"""Lines that are all PO syntax (anything else polib would skip or misread)."""
_ENTRY_START = re.compile(r"^(?:#~ )?msgid ", re.MULTILINE)
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(\s|$)")

Key = tuple[str | None, str]
"""(msgctxt, msgid): what identifies an entry."""


APPROVED, DRAFT, OUTDATED, UNTRANSLATED = "approved", "draft", "outdated", "untranslated"
STATES = (APPROVED, DRAFT, OUTDATED, UNTRANSLATED)


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
    note: str = ""
    previous: str | None = None

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
        for line in self.note.splitlines():
            if line.startswith(("mt: ", "tm: ")):
                return line[:2]
        return None

    @property
    def ignored_checks(self) -> frozenset[str]:
        """Checks the translator silenced for this entry with a comment ``ignore: <id>, <id>``."""
        ids: set[str] = set()
        for line in self.note.splitlines():
            if line.startswith("ignore:"):
                ids.update(part.strip() for part in line[len("ignore:") :].split(",") if part.strip())
        return frozenset(ids)


@dataclass(frozen=True)
class Draft:
    """A proposed translation: ``text``, the provenance ``note`` (a translator comment), and
    whether it counts as approved (exact memory matches, when the site says so)."""

    text: str
    note: str
    approved: bool = False


class Catalog:
    """The PO file of one document; ``original`` is the file's text when it was read from one."""

    def __init__(self, po: polib.POFile, original: str | None = None) -> None:
        self._po = po
        self.original = original
        self._translations: list[Translation] | None = None

    @property
    def translations(self) -> list[Translation]:
        if self._translations is None:  # a Catalog is never changed: with_drafts and merge make new ones
            self._translations = [
                Translation(
                    entry.msgctxt, entry.msgid, entry.msgstr, entry.fuzzy, entry.linenum, entry.tcomment or "", entry.previous_msgid
                )
                for entry in self._po
                if not entry.obsolete
            ]
        return list(self._translations)

    @property
    def obsolete_count(self) -> int:
        return len(self._po.obsolete_entries())

    def text(self) -> str:
        return str(self._po).rstrip("\n") + "\n"

    def untranslated(self) -> list[Translation]:
        """Entries a draft may fill: empty and not obsolete."""
        return [t for t in self.translations if not t.text]

    def with_drafts(self, drafts: dict[Key, Draft], *, overwrite: bool = False) -> tuple[Catalog, int]:
        """A copy with ``drafts`` filled into entries that are still empty; never overwrites a translation
        unless asked (``overwrite``: adopting an archive the translator prefers), and never fills one twice."""
        po = polib.pofile(self.text(), wrapwidth=0)
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
            filled += 1
        return Catalog(po, self.original), filled


def _holds(entry: polib.POEntry, draft: Draft) -> bool:
    """Whether an entry already is what ``draft`` would make it (so that filling it again changes nothing)."""
    return entry.msgstr == draft.text and draft.note in (entry.tcomment or "").splitlines() and entry.fuzzy != draft.approved


def read_catalog(path: Path, location: str) -> Catalog:
    """Parse a PO file, or raise a CatalogError naming the first bad line."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CatalogError(
            location,
            "not UTF-8 text",
            line=data[: error.start].count(b"\n") + 1,
            hint="save the file as UTF-8 (the header must say charset=UTF-8)",
        ) from None
    lines = "\n".join(text.splitlines())  # the lines polib reads, whatever ends them
    if not _PO_TEXT.fullmatch(lines):
        number, line = next((n, line) for n, line in enumerate(lines.split("\n"), start=1) if not _PO_LINE.fullmatch(line))
        if _CONFLICT.match(line):
            raise CatalogError(
                location,
                "git merge conflict marker; the file holds two versions",
                line=number,
                hint="keep one version of each entry and delete the <<<<<<< ======= >>>>>>> lines",
            )
        raise CatalogError(
            location,
            f"PO syntax error: {line[:60]!r}",
            line=number,
            hint="fix that line (every text is in double quotes; \\\" for a quote), or restore the file from git",
        )
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        found = re.search(r"line (\d+)", str(error))
        raise CatalogError(
            location,
            f"PO syntax error: {error}".replace(" in po file ", " "),
            line=int(found.group(1)) if found else None,
            hint="fix the file in a PO editor, or restore it from git",
        ) from None
    # polib drops an entry silently in some damaged files (e.g. cut off after a bare "#:"): count them
    if len(_ENTRY_START.findall(lines)) != len(po) + (1 if po.metadata else 0):
        raise CatalogError(
            location,
            "an entry could not be read: the file looks cut off or damaged",
            line=text.count("\n") + 1,
            hint="restore the file from git, or open and save it in a PO editor",
        )
    seen: dict[Key, int] = {}
    for entry in po:
        if not entry.obsolete:
            first = seen.setdefault(_key(entry), entry.linenum)
            if first != entry.linenum:
                raise CatalogError(
                    location,
                    f"the entry {entry.msgid[:40]!r} is in the file twice (first at line {max(first, 1)})",
                    line=entry.linenum,
                    hint="keep one of the two entries and delete the other",
                )
    return Catalog(po, text)


def merge(
    old: Catalog | None, segments: Sequence[Segment], source_location: str, config: SiteConfig, now: datetime.datetime
) -> Catalog:
    """The catalog for ``segments``, keeping everything of value from ``old``.

    As ``msgmerge --previous``: an unchanged text keeps its translation and state;
    a changed text inherits the translation of the most similar old text as fuzzy,
    with the old text as previous msgid; a removed text becomes obsolete and comes
    back with its translation if the text returns.
    """
    po = polib.POFile(wrapwidth=0)
    po.header = f"{_language_name(config.target_language)} translation of {source_location}.\nMade by publish-pipeline extract: translate the msgstr lines; clear 'fuzzy' to approve."
    old_po = old._po if old else None
    po.metadata = _metadata(old_po, config, now)

    groups: dict[Key, list[Segment]] = {}
    for segment in segments:
        groups.setdefault((segment.context, segment.text), []).append(segment)

    old_active = {_key(entry): entry for entry in old_po or [] if not entry.obsolete}
    old_obsolete = {_key(entry): entry for entry in (old_po.obsolete_entries() if old_po else [])}
    used: set[int] = set()
    unmatched: list[polib.POEntry] = []
    for (context, text), members in groups.items():
        entry = polib.POEntry(
            msgctxt=context,
            msgid=text,
            msgstr="",
            occurrences=[(source_location, str(member.line)) for member in members],
            comment=", ".join(dict.fromkeys(m.role for m in members if m.role != "paragraph")),
        )
        match = old_active.get((context, text)) or old_obsolete.get((context, text))
        if match is not None:
            used.add(id(match))
            _inherit(entry, match)
        else:
            unmatched.append(entry)
        po.append(entry)

    candidates = [e for e in [*old_active.values(), *old_obsolete.values()] if id(e) not in used and e.msgstr]
    for entry in unmatched:
        best = _most_similar(entry, candidates)
        if best is not None:
            used.add(id(best))
            _inherit(entry, best)
            if not entry.fuzzy:
                entry.flags.append("fuzzy")
            outdated_source = best.previous_msgid if best.fuzzy and best.previous_msgid else best.msgid
            entry.previous_msgid = outdated_source
            entry.previous_msgctxt = best.msgctxt if best.msgctxt != entry.msgctxt else None

    for key, entry in old_obsolete.items():
        if key not in groups:
            po.append(entry)
    for entry in old_active.values():
        if id(entry) not in used and entry.msgstr:
            po.append(_obsolete(entry))
    return Catalog(po)


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _inherit(entry: polib.POEntry, old: polib.POEntry) -> None:
    entry.msgstr = old.msgstr
    entry.flags = list(old.flags)
    entry.tcomment = old.tcomment
    entry.previous_msgid = old.previous_msgid
    entry.previous_msgctxt = old.previous_msgctxt


def _obsolete(entry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        flags=list(entry.flags),
        tcomment=entry.tcomment,
        obsolete=True,
    )


def _most_similar(entry: polib.POEntry, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    best, best_ratio = None, FUZZY_THRESHOLD
    for candidate in candidates:
        if candidate.msgctxt != entry.msgctxt:
            continue
        matcher = difflib.SequenceMatcher(None, entry.msgid, candidate.msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        # ratio() is quadratic: for very long texts the character-bag ratio has to do
        long = max(len(entry.msgid), len(candidate.msgid)) > LONG_TEXT
        ratio = matcher.quick_ratio() if long else matcher.ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = candidate, ratio
    return best


def _metadata(old: polib.POFile | None, config: SiteConfig, now: datetime.datetime) -> dict[str, str]:
    previous = dict(old.metadata) if old else {}
    fields = {
        "Project-Id-Version": config.project,
        "Report-Msgid-Bugs-To": previous.get("Report-Msgid-Bugs-To", ""),
        "PO-Revision-Date": previous.get("PO-Revision-Date") or now.strftime("%Y-%m-%d %H:%M%z"),
        "Last-Translator": previous.get("Last-Translator", ""),
        "Language-Team": previous.get("Language-Team", _language_name(config.target_language)),
        "Language": config.target_language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": config.source_language,
    }
    fields.update({key: value for key, value in previous.items() if key not in fields and key != "POT-Creation-Date"})
    return fields


def _language_name(code: str) -> str:
    return {"en": "English", "nl": "Dutch", "de": "German", "fr": "French"}.get(code, code)


def revision_time() -> datetime.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    return datetime.datetime.now(datetime.timezone.utc)
