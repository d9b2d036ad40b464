"""Git's line merge of a PO file, found after the fact: English approved on Dutch that changed under it.

Before a clone runs ``setup`` (``plumbing.merge_setup``), git merges PO files line by line. Where the author's
extract changed an entry's ``msgid`` lines and the translator changed its ``msgstr`` lines, a few lines apart, git
takes both without a conflict: her English of the old Dutch stands approved on the new, and no later extract can
tell (the entry is as extract would keep it). Only git's history can: in a merge commit, an approved entry whose
Dutch came from one parent and whose English from the other, where it stood on other Dutch (which the merge no
longer holds), and that neither parent had so (a *crossing*). It is looked for in merge commits whose PO file
differs from every parent's (the only ones git's log shows for a path); what each merge holds is kept in ``CACHE``,
by the merge's commit id, so that a command reads only the merges made since the last one.

A crossing stands until the translator reviews the entry: a version of the file after the merge (a commit on a line
of history from the merge, or the file as it is) in which the entry is not approved (she marked it fuzzy —
Poedit's Needs work — or its Dutch changed again), or approved with English of which no line is the crossed
English's (rewritten whole). An edit of some lines is no review: the line left may be the one whose Dutch changed,
and only her mark says she looked. After a review, her approval of any English counts, the same English too. The
commits from the merge to her review hold the crossing: none of them is a last good version (``live``), so the
English served is the version before the merge, or none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogError
from ..plumbing.commit_hook import blob_contents, blob_ids, git_output
from ..plumbing.freshness import write_cache
from .catalog import Key, Translation, translations_of
from .checks import ERROR, Problem

CACHE = ".cache/publish_pipeline/line_merges.json"
"""The merges read so far (those of the history of ``head``): by commit id, the crossings each made."""
CACHE_FORMAT = 1


@dataclass(frozen=True)
class Crossing:
    """An approved entry of the PO file ``path`` (relative to the site) that the line merge ``merge`` made of the
    Dutch ``key`` of one side and the English ``text`` the other side gave the Dutch ``was``.

    ``crossed``: the commits whose version holds it unreviewed (the merge, and those after it before her review);
    ``stands``: the file as it is holds it and nobody reviewed it since (an error of its document now)."""

    path: str
    merge: str
    key: Key
    was: str
    text: str
    crossed: frozenset[str] = frozenset()
    stands: bool = True


@dataclass(frozen=True)
class LineMerges:
    """What git's history says of the PO files' merges: each ``crossing``, reviewed or not, and the ``merges`` that
    merged a PO file from both sides' versions (newest first), which a clone without the driver made line by line."""

    crossings: tuple[Crossing, ...] = ()
    merges: tuple[str, ...] = ()


Finding = tuple[str, Key, str, str]
"""A crossing as its merge made it: (path, key, was, text)."""


def merges_of(root: Path, catalogs: str) -> LineMerges:
    """The crossings and line-merged PO files in the history of the PO files under ``catalogs`` (relative to the site
    folder ``root``); nothing outside a git checkout. A merge's crossings are read from git once (``CACHE``); what
    became of each since (her review) is read each time, for the merges that made one."""
    said = (git_output(root, "rev-parse", "--is-shallow-repository", "HEAD") or "").split()
    if len(said) != 2:
        return LineMerges()
    shallow, head = said
    found = _found(root, catalogs, head, shallow == "true")
    return LineMerges(tuple(crossing for merge, made in found.items() if made for crossing in _since(root, head, merge, made)), tuple(found))


def unseen(root: Path) -> str | None:
    """What limits the search in a shallow clone (GitHub's checkout without ``fetch-depth: 0``): the merges it does not
    hold are not looked at, and ``check`` says so rather than pass in silence."""
    if (git_output(root, "rev-parse", "--is-shallow-repository") or "").strip() != "true":
        return None
    return ("note: a shallow git clone: English that git's line merge put on reworded Dutch is looked for only in the "
            "merges it holds (check out the whole history, e.g. fetch-depth: 0)")


LINE_MERGED = "line-merge"
"""The check whose error says an entry is a crossing: a name of its own, as the problem is no check of the entry's text."""


def crossing_problem(root: Path, crossing: Crossing) -> Problem:
    """A crossing as an error on its entry's line of the PO file: what happened, what to do. The document's English
    is held back (``status``), its last good version stays live, until she reviews the entry."""
    translations = _translations((root / crossing.path).read_text(encoding="utf-8", errors="replace"), crossing.path) or {}
    line = next((t.line for t in translations.values() if t.key == crossing.key), 0)
    return Problem(
        LINE_MERGED, ERROR, line,
        f"approved English of other Dutch: git's line merge {crossing.merge[:10]} put the English of {_quoted(crossing.was)} "
        "on this entry when its Dutch changed (a clone without `publish-pipeline setup`), and nobody reviewed it since — "
        "review it: mark it fuzzy (Poedit: Needs work) and commit, then correct and approve it (a correction that keeps a "
        "line of this English is no review: it may be the line whose Dutch changed)",
        crossing.key[1],
    )


def _quoted(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _found(root: Path, catalogs: str, head: str, shallow: bool) -> dict[str, list[Finding]]:
    """Each merge of the history of ``head`` that merged a PO file from both sides' versions: its crossings. The
    merges the cache holds are not read again when ``head`` descends from the commit it was made at; a shallow clone's
    finding is not kept (the merges it lacks would never be read)."""
    cached = _read_cache(root / CACHE, catalogs)
    if cached is not None and cached[0] == head:
        return cached[1]
    since = cached[0] if cached is not None and git_output(root, "merge-base", "--is-ancestor", cached[0], head) is not None else None
    read = _read_merges(root, catalogs, head, since)
    found = {**(read or {}), **(cached[1] if cached is not None and since else {})}
    if read is not None and not shallow:
        merges = {merge: [[path, *key, was, text] for path, key, was, text in made] for merge, made in found.items()}
        write_cache(root / CACHE, json.dumps({"format": CACHE_FORMAT, "catalogs": catalogs, "head": head, "merges": merges}))
    return found


def _read_merges(root: Path, catalogs: str, head: str, since: str | None) -> dict[str, list[Finding]] | None:
    """The merges of two parents in ``since..head`` (all of ``head``'s history without ``since``), newest first, that
    changed a PO file from both parents' versions (path relative to ``root``), each with the crossings it made; None
    where git could not tell. One ``git log``; blobs are read (one ``git cat-file``) only for the files such merges changed."""
    log = git_output(root, "log", "--merges", "--cc", "--name-only", "--relative", "--format=%x00%H %P",
                     f"{since}..{head}" if since else head, "--", catalogs)
    if log is None:
        return None
    merged = []
    for record in log.split("\0")[1:]:
        top, *names = record.strip().split("\n")
        commit, *parents = top.split()
        if len(parents) == 2:
            merged.append((commit, parents, [name for name in names if name.endswith(".po")]))
    blobs = _texts(root, [f"{commit}:./{path}" for merge, parents, paths in merged for path in paths for commit in (merge, *parents)])
    found: dict[str, list[Finding]] = {}
    for commit, parents, paths in merged:
        found[commit] = []
        for path in paths:
            result = _translations(blobs[f"{commit}:./{path}"], path) or {}
            sides = [_translations(blobs[f"{parent}:./{path}"], path) or {} for parent in parents]
            found[commit] += [(path, key, was, text) for key, was, text in _crossed(result, sides)]
    return found


def _crossed(result: dict[Key, Translation], sides: list[dict[Key, Translation]]) -> Iterator[tuple[Key, str, str]]:
    """The approved entries of a merge's ``result`` whose Dutch one parent (``sides``) had with other English and
    whose English the other parent had on Dutch the result no longer holds: (key, that Dutch, English)."""
    for key, text in ((key, entry.text) for key, entry in result.items() if entry.approved):
        if any(key in side and side[key].approved and side[key].text == text for side in sides):
            continue  # as one side had it
        for dutch_side, english_side in (sides, sides[::-1]):
            was = next((old for old, entry in english_side.items() if entry.text == text and old not in result and old != key), None)
            if key in dutch_side and was is not None:
                yield key, was[1], text
                break


HOLDS, REVIEWED = "holds", "reviewed"


def _since(root: Path, head: str, merge: str, made: list[Finding]) -> list[Crossing]:
    """The crossings a merge made, each with what became of it since: the commits from the merge to ``head`` (one
    ``git rev-list``, parents before children) that hold it unreviewed, and whether it stands in the file as it is.
    None where the merge is not in ``head``'s history (the cache's, of another branch)."""
    walk = git_output(root, "rev-list", "--ancestry-path", "--topo-order", "--reverse", "--parents", f"{merge}..{head}")
    if walk is None or (not walk.strip() and merge != head):
        return []
    commits = [line.split() for line in walk.splitlines()]
    found = []
    for path in dict.fromkeys(path for path, _, _, _ in made):
        ids = blob_ids(root, [f"{commit}:./{path}" for commit in (merge, *(commit for commit, *_ in commits))])
        texts = _texts(root, sorted(set(ids.values())))
        versions = {blob: _translations(text, path) for blob, text in texts.items()}
        try:
            now = _translations((root / path).read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError):
            now = None
        for _, key, was, text in (finding for finding in made if finding[0] == path):
            crossed, reviewed = {merge}, {merge: False}
            for commit, *parents in commits:
                version = versions.get(ids.get(f"{commit}:./{path}", ""))
                reviewed[commit] = _state(version, key, text) == REVIEWED or any(reviewed.get(parent, False) for parent in parents)
                if not reviewed[commit]:
                    crossed.add(commit)
            stands = not reviewed.get(head, False) and _state(now, key, text) == HOLDS
            found.append(Crossing(path, merge, key, was, text, frozenset(crossed), stands))
    return found


def _state(version: dict[Key, Translation] | None, key: Key, text: str) -> str | None:
    """What a version of the PO file (None: none, or no PO file) says of a crossing: ``HOLDS`` (the entry approved,
    with a line of the crossed English ``text``), ``REVIEWED`` (not approved, gone, or approved rewritten whole), or
    None (nothing: the file is not there, or cannot be read)."""
    if version is None:
        return None
    entry = version.get(key)
    if entry is None or not entry.approved:
        return REVIEWED
    return HOLDS if set(entry.text.split("\n")) & set(text.split("\n")) else REVIEWED


def _translations(text: str, path: str) -> dict[Key, Translation] | None:
    """The active entries of a version of a PO file, by key; None where it is none (a version with conflict markers,
    say: nothing approved was merged from it)."""
    try:
        return {translation.key: translation for translation in translations_of(text, path)}
    except CatalogError:
        return None


def _texts(root: Path, names: list[str]) -> dict[str, str]:
    """Files of commits (``<commit>:./<path>``) or blobs as text, read by one git process; one missing (new then) is empty."""
    return {name: data.decode("utf-8", errors="replace") for name, data in blob_contents(root, names).items()} if names else {}


COMMIT = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def _read_cache(path: Path, catalogs: str) -> tuple[str, dict[str, list[Finding]]] | None:
    """The cache's commit and merges, where it was made for ``catalogs`` by this format; None where it is missing,
    of another kind, or not as written (each commit id is given to git: a damaged one would be read as an option)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        head, merges = data["head"], data["merges"]
        if data["format"] != CACHE_FORMAT or data["catalogs"] != catalogs or not all(map(COMMIT.fullmatch, [head, *merges])):
            return None
        return head, {merge: [_finding(*item) for item in made] for merge, made in merges.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _finding(path: str, context: str | None, msgid: str, was: str, text: str) -> Finding:
    """One crossing as the cache holds it; a TypeError where it is not one (a PO file's path inside the site)."""
    if not all(isinstance(value, str) for value in (path, msgid, was, text)) or not isinstance(context, (str, type(None))):
        raise TypeError("not a finding")
    if not path.endswith(".po") or path.startswith("/") or ".." in path.split("/"):
        raise TypeError("not a PO file of the site")
    return path, (context, msgid), was, text

