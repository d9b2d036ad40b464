"""Git's line merge of a PO file, found after the fact: English approved on Dutch that changed under it.

Before a clone runs ``setup`` (``plumbing.merge_setup``), git merges PO files line by line. Where the author's
extract changed an entry's ``msgid`` lines and the translator changed its ``msgstr`` lines, a few lines apart, git
takes both without a conflict: her English of the old Dutch stands approved on the new, and no later extract can
tell (the entry is as extract would keep it). Only git's history can: in a merge commit, an approved entry whose
Dutch came from one parent and whose English from the other, where it stood on other Dutch (which the merge no
longer holds), and that neither parent had so (a *crossing*). It is looked for in merge commits whose PO file
differs from every parent's (the only ones git's log shows for a path), on every side of the history (a merge that
kept one side's files hides the other's from a path's log: not from the versions ``live`` walks); what each merge
holds is kept in ``CACHE``, by the merge's commit id, so that a command reads only the merges made since the last one, and what became of its
crossings, for the commit it was read at, so that a command at that commit asks git nothing but the commit, and one at
a commit after it reads only the commits made since (``_walked_on``: no merge is walked again).

A rebase (``git pull --rebase``) makes no merge commit: what its line merge crossed is in no history (the commit she
made on the old Dutch is in no branch, and in no other clone), so nothing here can find it; ``merge_setup`` warns of
it in a clone without the driver, which git runs for a rebase's merges too.

A crossing stands until the translator reviews the entry: a version of the file after the merge (a commit on a line
of history from the merge, or the file as it is) in which the entry is not approved (she marked it fuzzy —
Poedit's Needs work — or its Dutch changed again), approved with other English (any edit of it: she worked on the
entry with the new Dutch beside it), or approved with the comment ``review_mark`` names (English she kept as it
is: the workspace writes it as she approves the entry; the comment names the merge, so no version made before it
holds it). A review needs one commit: what she does on her disk before it is what the commit holds. English that
git merged in from a version of the old Dutch is no review: that merge is a crossing of its own. After a review,
her approval of any English counts, the same English too. The commits from the merge to her review hold the
crossing: none of them is a last good version (``live``), so the English served is the version before the merge,
or none.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogError
from ..plumbing.git import blob_contents, blob_ids, git_output, shallow
from ..plumbing.freshness import write_cache
from .catalog import Key, Translation, translations_of
from .checks import ERROR, Problem

CACHE = ".cache/publish_pipeline/line_merges.json"
"""The history read at ``head``: its merges by commit id, the crossings each made, and what became of each since
(``_History``)."""
CACHE_FORMAT = 2


@dataclass(frozen=True)
class Crossing:
    """An approved entry of the PO file ``path`` (relative to the site) that the line merge ``merge`` made of the
    Dutch ``key`` of one side and the English ``text`` the other side gave the Dutch ``was``.

    ``crossed``: the commits whose version holds it unreviewed (the merge, and those after it before her review);
    ``reviewed``: a commit of the history reviewed it; ``stands``: the file as it is holds it and nobody reviewed it
    since (an error of its document now, at ``line``: its msgid's in the file as it is, 0 where it has none);
    ``tested``: the merge is the commit a pull request's check runs on (``pull_request_merge``)."""

    path: str
    merge: str
    key: Key
    was: str
    text: str
    crossed: frozenset[str] = frozenset()
    stands: bool = True
    reviewed: bool = False
    line: int = 0
    tested: bool = False


@dataclass(frozen=True)
class LineMerges:
    """What git's history says of the PO files' merges: each ``crossing``, reviewed or not, and the ``merges`` that
    merged a PO file from both sides' versions (newest first), which a clone without the driver made line by line."""

    crossings: tuple[Crossing, ...] = ()
    merges: tuple[str, ...] = ()


Finding = tuple[str, Key, str, str]
"""A crossing as its merge made it: (path, key, was, text)."""

Walk = tuple[frozenset[str], bool]
"""What became of a finding in the history of a commit: the commits that hold it unreviewed, and whether the
commit's version is reviewed (``Crossing.crossed``, ``Crossing.reviewed``)."""


@dataclass(frozen=True)
class _History:
    """What git's history of ``head`` says, as ``CACHE`` keeps it: the ``merges`` (newest first) with their findings,
    and the ``walks`` of those that made one (in the order of the findings)."""

    head: str
    merges: dict[str, list[Finding]]
    walks: dict[str, list[Walk]]


def merges_of(root: Path, catalogs: str, written: dict[str, Path] | None = None) -> LineMerges:
    """The crossings and line-merged PO files in the history of the PO files under ``catalogs`` (relative to the site
    folder ``root``); nothing outside a git checkout. What git says is read once for each ``HEAD`` (``CACHE``; a
    merge's crossings once for all); what stands of each, in the files as they are (or as a save will write them:
    ``written``, by path), each time."""
    head = (git_output(root, "rev-parse", "--verify", "-q", "HEAD") or "").strip()
    if not COMMIT.fullmatch(head):
        return LineMerges()
    history = _history(root, catalogs, head, shallow(root))
    walked = [(merge, finding, walk) for merge, made in history.merges.items() for finding, walk in zip(made, history.walks.get(merge, ()))]
    files = {path: _on_disk((written or {}).get(path, root / path), path) for path in dict.fromkeys(finding[0] for _, finding, _ in walked)}
    crossings, tested = [], pull_request_merge()
    for merge, (path, key, was, text), (crossed, reviewed) in walked:
        now = files[path] or {}
        stands = not reviewed and _state(files[path], key, text, merge) == HOLDS
        crossings.append(Crossing(path, merge, key, was, text, crossed, stands, reviewed, now[key].line if key in now else 0, tested and merge == head))
    return LineMerges(tuple(crossings), tuple(history.merges))


def unseen(root: Path) -> str | None:
    """What limits the search in a shallow clone (GitHub's checkout without ``fetch-depth: 0``): the merges it does not
    hold are not looked at, and ``check`` says so rather than pass in silence."""
    if not shallow(root):
        return None
    return ("note: a shallow git clone: English that git's line merge put on reworded Dutch is looked for only in the "
            "merges it holds (check out the whole history, e.g. fetch-depth: 0)")


def pull_request_merge(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this is a pull request's check on GitHub, whose checkout is the merge GitHub made of the pull request
    into its base branch (``GITHUB_REF`` ``refs/pull/<number>/merge``), line by line, as its web merge would make it."""
    return re.fullmatch(r"refs/pull/[0-9]+/merge", environ.get("GITHUB_REF", "")) is not None


LINE_MERGED = "line-merge"
"""The check whose error says an entry is a crossing: a name of its own, as the problem is no check of the entry's text."""


def crossing_problem(crossing: Crossing) -> Problem:
    """A crossing as an error on its entry's line of the PO file: what happened, what to do. The document's English
    is held back (``status``), its last good version stays live, until she reviews the entry. A pull request's merge
    (``Crossing.tested``) is reviewed on its branch: merged on GitHub by a squash or a rebase, its line merge leaves
    no merge commit, and nothing on the base branch could find the crossing again."""
    if crossing.tested:
        return Problem(
            LINE_MERGED, ERROR, crossing.line,
            f"approved English of other Dutch: GitHub's merge of this pull request (line by line, without the PO merge "
            f"driver) puts the English of {quoted(crossing.was)} on this entry, whose Dutch changed on the base branch "
            f"({_changes(crossing.was, crossing.key[1])}) — merged so, it is approved English of Dutch nobody reviewed it "
            "for, and a squash or rebase merge leaves no merge commit by which a check on the base branch could find it: "
            "merge the base branch into the pull request's branch in a clone that ran `invoke setup` (`git pull origin "
            "main`), review the entry there (it waits for review, its English kept) and push",
            crossing.key[1],
        )
    return Problem(
        LINE_MERGED, ERROR, crossing.line,
        f"approved English of other Dutch: git's line merge {crossing.merge[:10]} put the English of {quoted(crossing.was)} "
        f"on this entry when its Dutch changed ({_changes(crossing.was, crossing.key[1])}; a clone without `invoke setup`), "
        "and nobody reviewed it since — "
        "review it against the new Dutch: correct its English and approve it, or, where it fits as it is, give it the "
        f"comment `{review_mark(crossing.merge)}` (Poedit: Add Comment) and approve it (the workspace writes the comment when "
        "you mark it Needs work, then approve it)",
        crossing.key[1],
    )


def review_mark(merge: str) -> str:
    """The translator comment that says she reviewed the English the line merge ``merge`` crossed and kept it: it names
    the merge, so only a version made after it can hold it (``crossing_problem`` tells her to write it)."""
    return f"reviewed: line merge {merge[:10]}"


def _changes(was: str, now: str) -> str:
    """What of the Dutch ``was`` the Dutch ``now`` changed, word by word ("'koffie' → 'jenever'", at most three): the
    quoted old Dutch alone, cut at 60 characters, read like the new one (a trial)."""
    import difflib

    old, new = was.split(), now.split()
    changed = [
        f"{quoted(' '.join(old[a:b])) if b > a else 'nothing'} → {quoted(' '.join(new[c:d])) if d > c else 'nothing'}"
        for tag, a, b, c, d in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if tag != "equal"
    ]
    return "; ".join(changed[:3]) + (f"; and {len(changed) - 3} more" if len(changed) > 3 else "") if changed else "in its spacing only"


def quoted(text: str) -> str:
    """A text in a message: quoted, cut at 60 characters."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _history(root: Path, catalogs: str, head: str, partial: bool) -> _History:
    """The history of ``head`` as ``CACHE`` holds it, where it was made at ``head``; else read: where ``head``
    descends from the commit it was made at, only what is new since (``_new_commits``): the merges made since, and
    the walks of the merges the cache holds carried on through the new commits alone (``_walked_on``); else all of
    it. A shallow clone's (``partial``) is not kept (the merges it lacks would never be read)."""
    cached = _read_cache(root / CACHE, catalogs)
    if cached is not None and cached.head == head:
        return cached
    new = _new_commits(root, cached.head, head) if cached is not None else None
    since = cached.head if cached is not None and new is not None else None
    read = _read_merges(root, catalogs, head, since)
    merges = {**(read or {}), **(cached.merges if cached is not None and since else {})}
    carried = _walked_on(root, cached, new, head) if cached is not None and new is not None else {}
    walks = {merge: carried[merge] if merge in carried else _walk(root, head, merge, made) for merge, made in merges.items() if made}
    history = _History(head, merges, {merge: walk for merge, walk in walks.items() if walk is not None})
    if read is not None and None not in walks.values() and not partial:
        write_cache(root / CACHE, json.dumps({
            "format": CACHE_FORMAT, "catalogs": catalogs, "head": head,
            "merges": {merge: [[path, *key, was, text] for path, key, was, text in made] for merge, made in merges.items()},
            "walks": {merge: [[sorted(crossed), reviewed] for crossed, reviewed in walk] for merge, walk in history.walks.items()},
        }))
    return history


def _new_commits(root: Path, old: str, head: str) -> list[list[str]] | None:
    """The commits of ``old..head``, parents before children, each as [commit, *parents] (one ``git rev-list``);
    None where ``head`` does not descend from ``old`` (a reset, another branch) or git could not tell."""
    listed = git_output(root, "rev-list", "--topo-order", "--reverse", "--parents", f"{old}..{head}")
    commits = [line.split() for line in (listed or "").splitlines()]
    return commits if any(old in parents for _, *parents in commits) else None


CROSSED, CLEAR, OFF, UNKNOWN = "crossed", "clear", "off", "unknown"
"""What a commit is to a crossing, as ``_walked_on`` carries a walk on: on a line of history from the merge and
holding it unreviewed, on one and reviewed, on none, or not crossed (reviewed or on none: the walk need not tell)."""


def _walked_on(root: Path, cached: _History, new: list[list[str]], head: str) -> dict[str, list[Walk]]:
    """The walks ``cached`` holds, carried on to ``head`` through its ``new`` commits (``_new_commits``) alone, as
    ``_walk`` would have walked them from each merge: blobs of the new commits only (one ``git cat-file`` for the
    ids, one for the new ones' texts). A commit of before is known by the walk: ``cached.head`` and those in
    ``crossed`` are on a line from the merge; any other is not crossed, and git is asked whether it is on one only
    where a commit merges it with one that is (then it is reviewed: a commit on one and not crossed is; one git
    could not place counts as on none, which can only hold English back)."""
    paths = list(dict.fromkeys(finding[0] for made in cached.merges.values() for finding in made))
    ids = blob_ids(root, [f"{commit}:./{path}" for path in paths for commit, *_ in new])
    versions = {blob: _translations(text, blob) for blob, text in _texts(root, sorted(set(ids.values()))).items()}
    carried: dict[str, list[Walk]] = {}
    for merge, walk in cached.walks.items():
        on_line: dict[str, bool] = {}

        def reviewed_if_on_line(commit: str) -> str:  # a commit not crossed: reviewed where it is on a line from the merge
            if commit not in on_line:
                on_line[commit] = git_output(root, "merge-base", "--is-ancestor", merge, commit) is not None
            return CLEAR if on_line[commit] else OFF

        carried[merge] = []
        for (path, key, _, text), (crossed, reviewed) in zip(cached.merges[merge], walk):
            was = {commit: CROSSED for commit in crossed} | {cached.head: CROSSED if cached.head in crossed else CLEAR}
            for commit, *parents in new:
                kinds = {was.get(parent, UNKNOWN) for parent in parents}
                own = _state(versions.get(ids.get(f"{commit}:./{path}", "")), key, text, merge) == REVIEWED
                if CLEAR in kinds or (CROSSED in kinds and own):
                    was[commit] = CLEAR
                elif CROSSED in kinds:
                    unknown = [parent for parent in parents if was.get(parent, UNKNOWN) == UNKNOWN]
                    was[commit] = CLEAR if any(reviewed_if_on_line(parent) == CLEAR for parent in unknown) else CROSSED
                else:
                    was[commit] = UNKNOWN if UNKNOWN in kinds else OFF
            crossed_now = crossed | {commit for commit, *_ in new if was[commit] == CROSSED}
            carried[merge].append((frozenset(crossed_now), was[head] != CROSSED))  # head is on a line from the merge
    return carried


def _read_merges(root: Path, catalogs: str, head: str, since: str | None) -> dict[str, list[Finding]] | None:
    """The merges of two parents in ``since..head`` (all of ``head``'s history without ``since``), newest first, that
    changed a PO file from both parents' versions (path relative to ``root``), each with the crossings it made; None
    where git could not tell. One ``git log``; blobs are read (one ``git cat-file``) only for the files such merges changed."""
    # --full-history: by default git's log of a path follows only the side a merge kept the files of, and what the
    # other side merged before is no less in the history that live walks (which reads every side)
    log = git_output(root, "log", "--merges", "--full-history", "--cc", "--name-only", "--relative", "--format=%x00%H %P",
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
            was = next((old for old, entry in english_side.items() if entry.text == text and old not in result), None)
            if key in dutch_side and was is not None:
                yield key, was[1], text
                break


HOLDS, REVIEWED = "holds", "reviewed"


def _walk(root: Path, head: str, merge: str, made: list[Finding]) -> list[Walk] | None:
    """What became of each crossing a merge made, in the commits from the merge to ``head`` (one ``git rev-list``,
    parents before children): the commits that hold it unreviewed, and whether ``head``'s version is reviewed.
    Nothing where the merge is not in ``head``'s history; None where git could not tell."""
    walk = git_output(root, "rev-list", "--ancestry-path", "--topo-order", "--reverse", "--parents", f"{merge}..{head}")
    if walk is None:
        return None
    if not walk.strip() and merge != head:
        return []
    commits = [line.split() for line in walk.splitlines()]
    paths = list(dict.fromkeys(path for path, _, _, _ in made))
    ids = blob_ids(root, [f"{commit}:./{path}" for path in paths for commit in (merge, *(commit for commit, *_ in commits))])
    versions = {blob: _translations(text, blob) for blob, text in _texts(root, sorted(set(ids.values()))).items()}
    walks = []
    for path, key, _, text in made:
        crossed, reviewed = {merge}, {merge: False}
        for commit, *parents in commits:
            version = versions.get(ids.get(f"{commit}:./{path}", ""))
            reviewed[commit] = _state(version, key, text, merge) == REVIEWED or any(reviewed.get(parent, False) for parent in parents)
            if not reviewed[commit]:
                crossed.add(commit)
        walks.append((frozenset(crossed), reviewed.get(head, False)))
    return walks


def _on_disk(path: Path, location: str) -> dict[Key, Translation] | None:
    """The PO file as it is (``_translations``); None where it is not there or cannot be read."""
    try:
        return _translations(path.read_text(encoding="utf-8"), location)
    except (OSError, UnicodeDecodeError):
        return None


def _state(version: dict[Key, Translation] | None, key: Key, text: str, merge: str) -> str | None:
    """What a version of the PO file (None: none, or no PO file) says of a crossing of ``merge``: ``HOLDS`` (the entry
    approved with the crossed English ``text``, without ``review_mark``), ``REVIEWED`` (not approved, gone, approved
    with other English or with the mark), or None (nothing: the file is not there, or cannot be read)."""
    if version is None:
        return None
    entry = version.get(key)
    if entry is None or not entry.approved or entry.text != text:
        return REVIEWED
    return REVIEWED if review_mark(merge) in map(str.strip, entry.note.split("\n")) else HOLDS


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


def _read_cache(path: Path, catalogs: str) -> _History | None:
    """The cache's history, where it was made for ``catalogs`` by this format; None where it is missing, of another
    kind, or not as written (each commit id is given to git: a damaged one would be read as an option)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        head, merges, walks = data["head"], data["merges"], data["walks"]
        if data["format"] != CACHE_FORMAT or data["catalogs"] != catalogs or not all(map(COMMIT.fullmatch, [head, *merges])):
            return None
        found = {merge: [_finding(*item) for item in made] for merge, made in merges.items()}
        walked = {merge: [_walked(*item) for item in walk] for merge, walk in walks.items()}
        if walked.keys() != {merge for merge, made in found.items() if made} or any(len(walk) != len(found[merge]) for merge, walk in walked.items()):
            return None  # each crossing with what became of it: none left out
        return _History(head, found, walked)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _walked(crossed: list[str], reviewed: bool) -> Walk:
    """One walk as the cache holds it; a TypeError where it is not one."""
    if not isinstance(reviewed, bool) or not all(isinstance(commit, str) and COMMIT.fullmatch(commit) for commit in crossed):
        raise TypeError("not a walk")
    return frozenset(crossed), reviewed


def _finding(path: str, context: str | None, msgid: str, was: str, text: str) -> Finding:
    """One crossing as the cache holds it; a TypeError where it is not one (a PO file's path inside the site)."""
    if not all(isinstance(value, str) for value in (path, msgid, was, text)) or not isinstance(context, (str, type(None))):
        raise TypeError("not a finding")
    if not path.endswith(".po") or path.startswith("/") or ".." in path.split("/"):
        raise TypeError("not a PO file of the site")
    return path, (context, msgid), was, text

