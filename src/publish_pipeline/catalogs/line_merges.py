"""Git's line merge of a PO file, found after the fact: English approved on Dutch that changed under it.

Before a clone runs ``setup`` (``plumbing.merge_setup``), git merges PO files line by line. Where the author's
extract changed an entry's ``msgid`` lines and the translator changed its ``msgstr`` lines, a few lines apart, git
takes both without a conflict: her English of the old Dutch stands approved on the new, and no later extract can
tell (the entry is as extract would keep it). Only git's history can: in a merge commit, an approved entry whose
Dutch came from one parent and whose English from the other, where it stood on other Dutch (which the merge no
longer holds), and that neither parent had so. It is found in merge commits whose PO file differs from every
parent's (the only ones git's log shows for a path), and told until a later version of the file changed that
entry (she corrected the English, or committed it fuzzy, to review).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogError
from ..plumbing.commit_hook import blob_contents, git_output
from .catalog import Key, Translation, translations_of
from .checks import ERROR, Problem


@dataclass(frozen=True)
class Crossing:
    """An approved entry of the PO file ``path`` (relative to the site) that the line merge ``merge`` made of the
    Dutch ``key`` of one side and the English ``text`` the other side gave the Dutch ``was``."""

    path: str
    merge: str
    key: Key
    was: str
    text: str


def crossings(root: Path, catalogs: str) -> list[Crossing]:
    """The crossings in the history of the PO files under ``catalogs`` (relative to the site folder ``root``) that
    the files as they are (in ``root``) and every version committed since still hold; none outside a git checkout.

    One ``git log`` of the merge commits; blobs are read (one ``git cat-file``) only for files a merge changed
    from every parent's version."""
    merged = _merges(root, catalogs)
    if not merged:
        return []
    blobs = _texts(root, [f"{commit}:./{path}" for merge, parents, path in merged for commit in (merge, *parents)])
    found = []
    for commit, parents, path in merged:
        result = _translations(blobs[f"{commit}:./{path}"], path)
        sides = [_translations(blobs[f"{parent}:./{path}"], path) for parent in parents]
        found += [Crossing(path, commit, key, was, text) for key, was, text in _crossed(result, sides)]
    return [crossing for crossing in found if _still_held(root, crossing)]


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
    translations = _translations((root / crossing.path).read_text(encoding="utf-8", errors="replace"), crossing.path)
    line = next((t.line for t in translations.values() if t.key == crossing.key), 0)
    return Problem(
        LINE_MERGED, ERROR, line,
        f"approved English of other Dutch: git's line merge {crossing.merge[:10]} put the English of {_quoted(crossing.was)} "
        "on this entry when its Dutch changed (a clone without `publish-pipeline setup`), and nobody reviewed it since — "
        "review it: mark it fuzzy (Poedit: Needs work) and commit, then correct and approve it (or correct its English now)",
        crossing.key[1],
    )


def holds(text: str, path: str, crossing: Crossing) -> bool:
    """Whether a version of the PO file (``text``) has the crossing's entry approved as the merge made it."""
    return _approved(text, path).get(crossing.key) == crossing.text


def _quoted(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _merges(root: Path, catalogs: str) -> list[tuple[str, list[str], str]]:
    """Each merge commit of two parents and each PO file it changed from both parents' versions (path relative to
    ``root``), newest first."""
    log = git_output(root, "log", "--merges", "--cc", "--name-only", "--relative", "--format=%x00%H %P", "--", catalogs)
    merged = []
    for record in (log or "").split("\0")[1:]:
        head, *names = record.strip().split("\n")
        commit, *parents = head.split()
        merged += [(commit, parents, name) for name in names if name.endswith(".po") and len(parents) == 2]
    return merged


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


def _still_held(root: Path, crossing: Crossing) -> bool:
    """Whether the file as it is, and every version of it committed since the merge, has the entry as it made it."""
    since = (git_output(root, "log", "--format=%H", f"{crossing.merge}..HEAD", "--", crossing.path) or "").split()
    try:
        now = (root / crossing.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return all(holds(text, crossing.path, crossing) for text in [now, *_texts(root, [f"{c}:./{crossing.path}" for c in since]).values()])


def _translations(text: str, path: str) -> dict[Key, Translation]:
    try:
        return {translation.key: translation for translation in translations_of(text, path)}
    except CatalogError:
        return {}  # a version with conflict markers, say: nothing approved was merged from it


def _approved(text: str, path: str) -> dict[Key, str]:
    return {key: translation.text for key, translation in _translations(text, path).items() if translation.approved}


def _texts(root: Path, names: list[str]) -> dict[str, str]:
    """Files of commits (``<commit>:./<path>``) as text, read by one git process; one missing (new then) is empty."""
    return {name: data.decode("utf-8", errors="replace") for name, data in blob_contents(root, names).items()}
