"""Git's merge of a PO file, entry by entry: the ``po`` merge driver (``publish-pipeline merge-po %O %A %B %P``).

The author's commit and the translator's meet in the same PO files: her ``extract`` changes an entry's Dutch
(``msgid``, ``#|``, ``#, fuzzy``), moves it with its paragraph, or makes it obsolete (``#~``), while the translator
changes its English (``msgstr``) in Poedit or the review page. Git merges lines: the two changes are a few lines
apart in one entry, or the entry moved, so git stops with a conflict that cuts across entries, and the easy way
out (``git checkout --theirs``) silently drops the translator's work. This merge reads the three versions (the
common one, ours, theirs) as entries and merges each entry field by field: what one side changed and the other
did not is taken; an entry whose Dutch changed on one side keeps the other side's new English, still to be
reviewed (fuzzy, with the old Dutch shown); English given to an entry the other side's extract replaced (its Dutch
reworded before anyone translated it) goes to the replacing entry, as extract would offer it; so does the English
she gave a rewording the author reworded again (``_reworded_twice``). An entry both sides gave the same new Dutch
is merged against what extract made of it, so her approval of that Dutch stands (``_common``). Only when both sides
gave one entry different English is it a conflict, written as git writes one (the two ``msgstr`` between
``<<<<<<<``, ``=======`` and ``>>>>>>>``, wrapped as the file is), which ``check`` names with its line. The entries come in the order of the side whose entries changed their order
(extract's: the document's), the header fields as either side changed them (both: the newer
``PO-Revision-Date``'s). A file that cannot be read as PO (it holds a conflict already, say) is merged by git's
own line merge.
"""

from __future__ import annotations

import copy
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PipelineError
from ..plumbing.git import rebase_under_way
from .catalog import Catalog, carry, closest, offer, open_to_offer, read_catalog, take_over

Key = tuple[str | None, str]
Renamed = dict[Key, Key]
"""The common version's entries whose Dutch had changed already: the key its ``#|`` names → the entry's key."""
Entry = Any
"""polib's ``POEntry``, as ``Catalog.entries`` gives it (only ``catalog`` imports polib)."""

ENGLISH = ("msgstr",)
"""The field both sides may change to a conflict: the translation."""
DUTCH = ("msgctxt", "msgid", "previous_msgctxt", "previous_msgid", "comment", "occurrences", "obsolete")
"""The fields extract writes from the Dutch: where both sides changed one, the side that changed the Dutch wins."""
MADE = {"msgstr": "", "tcomment": "", "flags": (), "fuzzy": False}
"""What an entry holds as extract makes it (untranslated): the common version of an entry both sides made (the
author's extract and the translator's of one new paragraph), so that the English one side gave it is no conflict."""
SIDES = ("ours", "theirs")
"""How a conflict's two English are labelled (after ``<<<<<<<`` and ``>>>>>>>``), as git labels them."""
REBASE_SIDES = ("ours (upstream: the commit your rebase replays onto)", "theirs (yours: the commit your rebase replays)")
"""Their labels in a rebase, where git's *ours* is the others' work and *theirs* one's own: a translator who kept
"ours" as hers kept the author's English (a trial's week with ``git pull --rebase``)."""
REVISION = "PO-Revision-Date"
CONFLICT = "publish-pipeline-merge-conflict-{}"
"""A translator comment naming a conflicting entry's block in both writings of the file (ours' English, theirs'),
wherever each writes it, until the two are put together."""


@dataclass(frozen=True)
class Merged:
    """A merge's result: the file's text and how many entries conflict (each between git's markers)."""

    text: str
    conflicts: int


def merge_files(base: Path, ours: Path, theirs: Path, location: str, labels: tuple[str, str] = SIDES) -> Merged:
    """The merge of three PO files (``location``: the file's name in the site, for errors); a CatalogError when one
    of them cannot be read as PO."""
    return merge(*(read_catalog(path, location) for path in (base, ours, theirs)), labels=labels)


def merge(base: Catalog, ours: Catalog, theirs: Catalog, *, labels: tuple[str, str] = SIDES) -> Merged:
    """The merge of ``ours`` and ``theirs``, two versions of ``base``, laid out as ``ours`` (its unchanged entries
    keep their lines); a conflict's two English labelled ``labels``."""
    conflicts: list[tuple[Entry, str]] = []  # each conflicting entry (with ours' English) and theirs' English

    def merged(pair: tuple[Entry | None, Entry | None], old: Entry | None) -> Entry | None:
        entry, theirs_english = _merged_entry(old, *pair)
        if theirs_english is not None:
            conflicts.append((entry, theirs_english))
        return entry

    sides = (ours.entries(), theirs.entries())
    old = _links_moved({_key(entry): entry for entry in base.entries()}, *sides)
    renamed = {was: _key(entry) for entry in old.values() if (was := _previous_key(entry)) is not None and was not in old}
    pairs = _paired(list(old), renamed, *sides)
    olds = [_common(_old(old, renamed, *pair), *pair) for pair in pairs]
    results = [merged(pair, before) for pair, before in zip(pairs, olds)]
    moved = _reworded_twice(list(old.values()), renamed, pairs, olds, results) | _rehomed(pairs, olds, results)
    entries = [entry for entry in results if entry is not None and id(entry) not in moved]
    fields = _merged_fields(base.fields(), ours.fields(), theirs.fields())
    # the comment above them as the side that changed it has it: extract's of a document renamed (the PO file it moved
    # named the old Dutch file in the translator's clone after her pull, until her next extract wrote it again)
    comment = theirs.header_comment() if ours.header_comment() == base.header_comment() else None
    for number, (entry, _) in enumerate(conflicts):
        entry.tcomment = "\n".join(filter(None, [CONFLICT.format(number), entry.tcomment]))
    text = ours.with_entries(entries, fields, comment).text()
    if conflicts:
        for entry, their_english in conflicts:
            entry.msgstr = their_english
        text = _with_conflicts(text, ours.with_entries(entries, fields, comment).text(), len(conflicts), ours.newline, labels)
    return Merged(text, len(conflicts))


def _links_moved(old: dict[Key, Entry], ours: list[Entry], theirs: list[Entry]) -> dict[Key, Entry]:
    """The common version with each entry whose Dutch one side's extract changed only where its links lead (the
    author moved a link: ``catalog.carry`` kept its English's state, and its ``#|`` if any, the Dutch before) as that extract
    made it, and the other side's version of it (in its list) as extract makes it for the new Dutch: carried where
    its English leads where the old Dutch did, else offered to review (``take_over``). So the translator's approval
    or new English of the old Dutch meets the author's carried English as a change of one entry: hers wins, carried."""
    for side, other in ((ours, theirs), (theirs, ours)):
        keys, other_at = {_key(entry) for entry in side}, {_key(entry): index for index, entry in enumerate(other)}
        for entry in side:
            if _key(entry) in old or _key(entry) in other_at or entry.obsolete:
                continue
            for was, index in other_at.items():
                if was in keys or was not in old or old[was].obsolete or other[index].obsolete:
                    continue
                common = copy.copy(entry)
                if carry(common, old[was]):
                    theirs_was, other[index] = other[index], copy.copy(entry)
                    if not carry(other[index], theirs_was):
                        take_over(other[index], theirs_was)
                    old = {(_key(entry) if key == was else key): (common if key == was else value) for key, value in old.items()}
                    break
    return old


def _paired(old: Sequence[Key], renamed: Renamed, ours: list[Entry], theirs: list[Entry]) -> list[tuple[Entry | None, Entry | None]]:
    """Each entry of ours with its version in theirs (None where a side has none), in the order of the side
    whose order of entries changed (ours when both did, theirs' new entries after the one before them there). An
    entry whose Dutch changed on one side (its ``#|`` names the old Dutch) is paired with the other's old one."""
    swapped = [_key(entry) for entry in ours] == list(old)
    first, second = (theirs, ours) if swapped else (ours, theirs)
    partner = _partners(first, second, renamed)
    pairs: list[tuple[Entry | None, Entry | None]] = [(entry, None) for entry in first]
    after: dict[int, list[Entry]] = {}  # the second side's new entries, by the index of the pair before them
    last = -1
    for index, other in enumerate(second):
        if index in partner:
            last = partner[index]
            pairs[last] = (first[last], other)
        else:
            after.setdefault(last, []).append(other)
    ordered = [(None, other) for other in after.get(-1, [])]
    for index, pair in enumerate(pairs):
        ordered += [pair, *((None, other) for other in after.get(index, []))]
    return [(second_entry, first_entry) if swapped else (first_entry, second_entry) for first_entry, second_entry in ordered]


def _partners(first: list[Entry], second: list[Entry], renamed: Renamed) -> dict[int, int]:
    """The entries of ``second`` (by index) that are versions of one of ``first`` (its index): the same key, or
    the key one side's ``#|`` names (it changed the Dutch), read through ``renamed``."""
    first_at = {_key(entry): index for index, entry in enumerate(first)}
    second_at = {_key(entry): index for index, entry in enumerate(second)}
    partner: dict[int, int] = {}
    for index, entry in enumerate(first):
        found = second_at.get(_key(entry))
        if found is None and _previous_key(entry, renamed) not in first_at:
            found = second_at.get(_previous_key(entry, renamed))
        if found is not None and found not in partner:
            partner[found] = index
    taken = set(partner.values())
    for found, other in enumerate(second):
        index = first_at.get(_previous_key(other, renamed))
        if found not in partner and _key(other) not in first_at and index is not None and index not in taken:
            partner[found] = index
            taken.add(index)
    return partner


def _rehomed(pairs: list[tuple[Entry | None, Entry | None]], olds: list[Entry | None], results: list[Entry | None]) -> set[int]:
    """Offer the English one side gave an entry the other side removed to the most similar entry that side added
    untranslated or machine-drafted (``catalog.offer``: fuzzy, the old Dutch as its ``#|``); the ids of the entries
    whose English moved so.

    The author reworded a paragraph nobody had translated yet: her extract dropped its entry and added one for the
    new wording, while the translator translated the old one. Left where it was, the English stands on Dutch no
    document holds, beside the new entry, untranslated: status says the paragraph waits for a translation.
    """
    moved: set[int] = set()
    for side in (0, 1):
        orphans = [result for pair, before, result in zip(pairs, olds, results)
                   if before is not None and pair[1 - side] is None and result is not None and result.msgstr and not result.obsolete]
        added = [result for pair, before, result in zip(pairs, olds, results)
                 if before is None and pair[side] is None and result is not None and open_to_offer(result)]
        for entry in added if orphans else ():
            taken = offer(entry, orphans)
            if taken is not None:
                orphans = [orphan for orphan in orphans if orphan is not taken]
                moved.add(id(taken))
    return moved


def _common(old: Entry | None, ours: Entry | None, theirs: Entry | None) -> Entry | None:
    """The common version of a pair both sides gave the same new Dutch (each ran extract on the author's change of
    ``old``'s): ``old`` as extract makes it for that Dutch (its English offered, fuzzy, ``old``'s Dutch as ``#|``),
    so that what one side did to it since (the translator's English, approved on that Dutch) is a change that wins
    over the other side's extract, not a second change that undoes it."""
    if old is None or ours is None or theirs is None or _key(ours) != _key(theirs) or _key(ours) == _key(old):
        return old
    made = copy.copy(ours)
    made.occurrences, made.comment, made.tcomment = list(old.occurrences), old.comment, ""
    if old.msgstr:
        take_over(made, old)
    else:
        made.msgstr, made.flags, made.previous_msgid, made.previous_msgctxt = "", [], None, None
    return made


def _reworded_twice(
    base: list[Entry], renamed: Renamed, pairs: list[tuple[Entry | None, Entry | None]], olds: list[Entry | None], results: list[Entry | None],
) -> set[int]:
    """Where each side replaced one entry of the common version by an entry of other Dutch (the author reworded it
    twice: the translator extracted and translated the first rewording, the author's extract of the second offered
    the common version's English), the entry of the side whose English is just that offer takes the other side's
    English as extract would offer it (fuzzy, the Dutch she translated as its ``#|``); the ids of the entries whose
    English so moved (the merge drops them: their Dutch is no longer the document's, their English is the other's).

    Which Dutch is the document's the merge cannot read: git runs the driver inside its merge with the PO file's three
    versions alone, and merges the document in memory, in an order of its own, writing both once all are merged (the
    checkout and the index still hold ours' while the driver runs). The side that only extracted is the author's,
    whose Dutch is the newer (the translator extracted what the author had pushed before). Where both sides
    translated, or neither did, both entries stay: the next extract makes the stale one obsolete, its English kept;
    until then status counts, and the gate asks for, only the entries of the Dutch the document has.
    """
    present = {_key(entry) for pair in pairs for entry in pair if entry is not None and not entry.obsolete}
    moved: set[int] = set()
    for gone in base:
        if _key(gone) in present or gone.obsolete or not gone.msgstr:
            continue
        replacing = [[index for index, (pair, before, result) in enumerate(zip(pairs, olds, results))
                      if pair[side] is not None and pair[1 - side] is None and result is not None and not result.obsolete
                      and (before is None or before is gone) and _replaces(pair[side], gone, renamed)] for side in (0, 1)]
        if any(len(indices) != 1 for indices in replacing):
            continue
        first, second = (results[indices[0]] for indices in replacing)
        for taker, giver in ((first, second), (second, first)):
            if _offered(taker, gone) and not _offered(giver, gone) and giver.msgstr and not open_to_offer(giver):
                take_over(taker, giver)
                moved.add(id(giver))
    return moved


def _replaces(entry: Entry, gone: Entry, renamed: Renamed) -> bool:
    """Whether ``entry`` took the place of ``gone`` in an extract: its ``#|`` names ``gone``, or (an approval in
    Poedit drops the ``#|``) its Dutch is the one close enough to ``gone``'s for extract to offer it its English."""
    if entry.previous_msgid is not None:
        return _previous_key(entry, renamed) == _key(gone)
    return closest(_key(gone), [_key(entry)]) is not None


def _offered(entry: Entry, gone: Entry) -> bool:
    """Whether ``entry`` holds what extract offered it of ``gone``'s English, as it offered it (nobody changed it)."""
    made = copy.copy(entry)
    take_over(made, gone)
    fields = ("msgstr", "fuzzy", "previous_msgid", "previous_msgctxt")
    return all(getattr(made, name) == getattr(entry, name) for name in fields)


def _old(old: dict[Key, Entry], renamed: Renamed, ours: Entry | None, theirs: Entry | None) -> Entry | None:
    """The common version of a pair: by either side's key, or by the old Dutch of a side that changed it."""
    for entry in (ours, theirs):
        if entry is not None and _key(entry) in old:
            return old[_key(entry)]
    for entry in (ours, theirs):
        if entry is not None and _previous_key(entry, renamed) in old:
            return old[_previous_key(entry, renamed)]
    return None


def _merged_entry(old: Entry | None, ours: Entry | None, theirs: Entry | None) -> tuple[Entry | None, str | None]:
    """One entry merged, and theirs' English where both sides changed it differently (a conflict; the entry then
    holds ours'). None for an entry one side removed and the other left as it was."""
    if ours is None or theirs is None:
        kept = theirs if ours is None else ours
        return (None if old is not None and _same(kept, old) else copy.copy(kept)), None
    old_fields = _state(old) if old is not None else MADE
    mine, yours = _state(ours), _state(theirs)
    dutch_side = theirs if (old is not None and ours.msgid == old.msgid and theirs.msgid != old.msgid) else ours
    result = copy.copy(dutch_side)
    conflict = None
    for name in mine:
        value, clash = _three_way(old_fields.get(name), mine[name], yours[name])
        if clash and name in ENGLISH and not result.obsolete:
            conflict = yours[name]
        elif clash:
            value = _state(dutch_side)[name] if name != "tcomment" else _joined(mine[name], yours[name])
        _assign(result, name, value)
    if "fuzzy" not in result.flags and result.previous_msgid is not None and "fuzzy" in (*ours.flags, *theirs.flags):
        result.previous_msgid = result.previous_msgctxt = None  # approved on this Dutch: as extract writes it (``_inherit``)
    if ours.msgid != theirs.msgid and "fuzzy" in dutch_side.flags and "fuzzy" not in result.flags:
        result.flags = [*result.flags, "fuzzy"]  # her approval was of the old Dutch: the new one waits for review
        approved = theirs if dutch_side is ours else ours  # and its #| shows that Dutch, its context too where it
        result.previous_msgid = approved.msgid  # changed (as msgmerge and extract write it: none where it is the same)
        result.previous_msgctxt = approved.msgctxt if approved.msgctxt != result.msgctxt else None
    return result, conflict


def _state(entry: Entry) -> dict[str, Any]:
    """An entry's fields as values to compare."""
    return {
        **{name: getattr(entry, name) for name in (*ENGLISH, *DUTCH) if name != "occurrences"},
        "occurrences": tuple(tuple(place) for place in entry.occurrences),
        "tcomment": entry.tcomment or "",
        "flags": tuple(flag for flag in entry.flags if flag != "fuzzy"),
        "fuzzy": "fuzzy" in entry.flags,
    }


def _assign(entry: Entry, name: str, value: Any) -> None:
    if name == "fuzzy":
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"] + (["fuzzy"] if value else [])
    elif name == "flags":
        entry.flags = [*value, *(["fuzzy"] if "fuzzy" in entry.flags else [])]
    elif name == "occurrences":
        entry.occurrences = [tuple(place) for place in value]
    else:
        setattr(entry, name, value)


def _same(entry: Entry, old: Entry) -> bool:
    return _state(entry) == _state(old)


def _three_way(old: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value of one field, and whether both sides changed it differently (then ours')."""
    if ours == theirs or theirs == old:
        return ours, False
    if ours == old:
        return theirs, False
    return ours, True


def _joined(ours: str, theirs: str) -> str:
    """Two translator comments both sides changed: ours', then the lines only theirs has."""
    lines = ours.split("\n") if ours else []
    return "\n".join([*lines, *(line for line in theirs.split("\n") if line not in lines)])


def _merged_fields(old: dict[str, str], ours: dict[str, str], theirs: dict[str, str]) -> dict[str, str]:
    """The header fields in ours' order (theirs' new ones after): each as the side that changed it has it; changed
    by both (a save in Poedit on each side), as the side that saved last has it."""
    newer = theirs if theirs.get(REVISION, "") > ours.get(REVISION, "") else ours
    fields = {}
    for name in [*ours, *(name for name in theirs if name not in ours)]:
        value, clash = _three_way(old.get(name), ours.get(name), theirs.get(name))
        value = newer.get(name) if clash else value
        if value is not None:
            fields[name] = value
    return fields


def _with_conflicts(ours: str, theirs: str, count: int, newline: str, labels: tuple[str, str] = SIDES) -> str:
    """``ours`` (the merged file, its ``count`` conflicting entries with ours' English) with the msgstr lines of each
    of those entries' blocks (entries, a blank line between two) followed by those of ``theirs`` (the same file with
    theirs' English there), between git's conflict markers; each block found by its ``CONFLICT`` comment, then
    dropped (a file laid out as it was read may write it elsewhere than one changed: an obsolete entry between two).
    Both are written by the file's catalog: wrapped as the rest of the file (as Poedit's msgcat wraps it, say)."""
    blank = newline * 2
    mine, yours = ours.split(blank), theirs.split(blank)
    for mark in (f"# {CONFLICT.format(number)}{newline}" for number in range(count)):
        number, other = (next(index for index, block in enumerate(blocks) if (newline + block).count(newline + mark)) for blocks in (mine, yours))
        end = newline if mine[number].endswith(newline) else ""
        lines = (newline + mine[number]).replace(newline + mark, newline, 1)[len(newline):].removesuffix(end).split(newline)
        others = yours[other].removesuffix(end).split(newline)
        at = next(index for index, line in enumerate(lines) if line.startswith("msgstr"))
        first = next(index for index, line in enumerate(others) if line.startswith("msgstr"))
        mine[number] = newline.join([*lines[:at], f"<<<<<<< {labels[0]}", *lines[at:], "=======", *others[first:], f">>>>>>> {labels[1]}"]) + end
    return blank.join(mine)


def _key(entry: Entry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _previous_key(entry: Entry, renamed: Renamed | None = None) -> Key | None:
    """The key of the entry before its Dutch changed (its ``#|`` lines), or None. Extract keeps the ``#|`` of an entry
    changed again before it was approved (the Dutch of its last approved English): where the common version has such
    an entry (``renamed``), that entry's key (the other side may have approved it, which drops the ``#|``)."""
    if entry.previous_msgid is None:
        return None
    key = (entry.previous_msgctxt if entry.previous_msgctxt is not None else entry.msgctxt, entry.previous_msgid)
    return (renamed or {}).get(key, key)


def merge_driver(
    base: Path, ours: Path, theirs: Path, location: str, line_merge: Callable[[], int] | None = None, named: Sequence[str] = (),
) -> tuple[int, str]:
    """What git's ``po`` merge driver does: ``ours`` (``%A``) replaced by the merge; the exit code git reads (0:
    merged, 1: conflicts left in the file) and a line to say; a conflict's sides labelled with what git ``named``
    them (``labels``). A file that cannot be read as PO is merged by git's line merge (``git merge-file``), as
    without the driver."""
    rebasing = rebase_under_way(ours.absolute().parent)  # git writes %A in the checkout's top
    try:
        result = merge_files(base, ours, theirs, location, labels(named, rebasing))
    except PipelineError as error:
        code = (line_merge or (lambda: _line_merge(base, ours, theirs)))()
        return (1 if code else 0), f"{location}: merged line by line, as git does: one of its versions is no PO file ({error.problem})"
    ours.write_bytes(result.text.encode("utf-8"))
    if result.conflicts:
        return 1, (f"{location}: {result.conflicts} entr{'y' if result.conflicts == 1 else 'ies'} with English from both sides "
                   f"— keep one msgstr of each and delete the <<<<<<< ======= >>>>>>> lines, then run check{REBASED if rebasing else ''}")
    return 0, ""


def labels(named: Sequence[str], rebasing: bool) -> tuple[str, str]:
    """A conflict's two labels: ``SIDES`` (``REBASE_SIDES`` in a rebase), each followed by what git named the side
    (``named``: the driver's ``%X`` and ``%Y``, which git 2.44 and later give it — ``HEAD``, a branch, a commit and its
    subject — as in git's own markers). An older git passes ``%X`` and ``%Y`` as they are, and a merge that names no
    side (rerere's) passes nothing: the plain labels then. In a rebase git names ``HEAD`` the commit it replays onto,
    which says less than ``REBASE_SIDES`` already does: only her commit's name is added there."""
    given = [name if name and name not in ("%X", "%Y") else "" for name in (*named, "", "")[:2]]
    if rebasing:
        upstream, yours = REBASE_SIDES
        mine = f"theirs (yours: {given[1]}, the commit your rebase replays)" if given[1] else yours
        return (upstream if given[0] in ("", "HEAD") else f"ours (upstream: {given[0]}, the commit your rebase replays onto)"), mine
    return tuple(f"{side} ({name})" if name else side for side, name in zip(SIDES, given))  # type: ignore[return-value]


REBASED = " (in a rebase, ours is upstream's English and theirs your commit's: the markers say so)"


def _line_merge(base: Path, ours: Path, theirs: Path) -> int:
    """Git's own line merge of the three files into ``ours``; its exit code (the number of conflicts)."""
    try:
        return subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base), str(theirs)],
                              capture_output=True, timeout=60).returncode
    except (OSError, subprocess.SubprocessError):
        return 1
