"""A PO file saved by an editor that read it before a pull: the English the pull brought, put back.

Poedit (Lokalize, a text editor) keeps the file it opened in memory. She pulls with it open, then saves: the file as
it was before the pull, with her edits, goes over the pulled one. The pull's Dutch (entries the author added or
reworded) is back as it was, which ``status`` calls a file behind its document and ``extract`` brings back; but the
English the pull changed (the author's fix of an entry's English, another clone's review, English the merge driver
carried to a reworded text) is back to what it was before the pull, and no extract can tell: the entry is approved,
its Dutch the document's. Git can: ``ORIG_HEAD`` is the commit before the pull, ``HEAD`` the pull's. An entry of the
file as it is on disk whose English (and approval) is ORIG_HEAD's, where HEAD's differs from it, was put back
(``PutBack``), unless she committed it since (then HEAD holds it). Her own edits of the save are not: they differ
from ORIG_HEAD's.

Only a pull, a merge or a fast-forward is looked at (``ORIG_HEAD`` an ancestor of ``HEAD``): ``git reset`` sets
``ORIG_HEAD`` too, to the commit it went back from, and the English of the commit undone is no pull's. A rebase that
replayed her own commits is not (its ``ORIG_HEAD`` is her commits before the rebase, on no line to ``HEAD``); nor a
save committed before anyone looked (``HEAD`` then holds it, and the commit is as any of her edits: ``git log -p``
keeps what it undid, which is where to find it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogError
from ..plumbing.git import NO_REPOSITORY, blob_contents, git_dirs, git_output
from .catalog import Key, Translation, translations_of
from .checks import ERROR, Problem
from .line_merges import quoted

PUT_BACK = "put-back"
"""The check whose error says a save put English back: a name of its own, as no check of the entry's text can tell."""


@dataclass(frozen=True)
class PutBack:
    """An entry of the PO file ``path`` (relative to the site) whose English on disk, ``was`` (as before the pull
    ``before``), a save put back over the English ``pulled`` that the pull's commit ``pulled_at`` (HEAD) gives it;
    ``line``: its msgid's on disk. English as ``was``/``pulled`` says it: empty for none, a fuzzy one marked so."""

    path: str
    key: Key
    line: int
    was: str
    pulled: str
    before: str
    pulled_at: str


def put_back(root: Path, catalogs: str) -> tuple[PutBack, ...]:
    """Each entry of the PO files under ``catalogs`` (relative to the site folder ``root``) whose English a save of
    the file as it was before the last pull put back (see the module); none outside a git checkout, or where git
    could not say. No git process where no pull or reset left an ``ORIG_HEAD`` (its file), two where no PO file differs from
    ``HEAD``; two more, and the versions of the PO files both the pull and the disk changed, where one did."""
    found = git_dirs(root)
    if found == NO_REPOSITORY or (found is not None and not (found[0] / "ORIG_HEAD").is_file()):
        return ()  # no pull, merge or reset ever (a fresh clone, CI's): no git started
    if found is not None and not _moved_by_a_pull(found[0]):
        return ()  # she committed since (HEAD holds her save), or HEAD moved otherwise: no pull's HEAD to compare
    heads = (git_output(root, "rev-parse", "HEAD^{commit}", "ORIG_HEAD^{commit}") or "").split()  # None: no ORIG_HEAD
    if len(heads) != 2 or heads[0] == heads[1]:
        return ()
    head, before = heads
    saved = _names(root, "diff", "--name-only", "--no-renames", "--relative", "HEAD", "--", catalogs)
    if not saved or git_output(root, "merge-base", "--is-ancestor", before, head) is None:
        return ()  # nothing saved since the commit; a reset, or a rebase of her own commits: no pull's ORIG_HEAD
    pulled = _names(root, "diff", "--name-only", "--no-renames", "--relative", before, head, "--", catalogs)
    paths = sorted(path for path in pulled & saved if path.endswith(".po"))
    if not paths:
        return ()
    blobs = blob_contents(root, [f"{commit}:./{path}" for path in paths for commit in (before, head)])
    put = []
    for path in paths:
        old, new = (_entries(blobs[f"{commit}:./{path}"].decode("utf-8", errors="replace"), path) for commit in (before, head))
        try:
            now = _entries((root / path).read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError):
            continue
        for key, entry in now.items():
            if key in old and key in new and _english(entry) == _english(old[key]) != _english(new[key]):
                put.append(PutBack(path, key, entry.line, _english(entry), _english(new[key]), before, head))
    return tuple(put)


def put_back_problem(found: PutBack) -> Problem:
    """A put-back entry as an error on its line: what happened, where the English the pull brought is, what to do."""
    return Problem(
        PUT_BACK, ERROR, found.line,
        f"English put back as it was before your pull: this file was saved with {quoted(found.was)} for this entry, its "
        f"English before the pull (commit {found.before[:10]}), over {quoted(found.pulled)}, which the pull brought "
        f"(commit {found.pulled_at[:10]}) — an editor that read the file before the pull saved it (Poedit keeps the file "
        "it opened: reopen it after a pull); put the pulled English back (`git show HEAD:<this file>` holds it, and "
        "run `invoke extract` for the Dutch the save put back too), or, where you meant to undo it, commit the file as it is "
        "(past the check hook: `SKIP=publish-pipeline-check git commit`)",
        found.key[1],
    )


def _english(entry: Translation) -> str:
    """An entry's English and whether it is approved, as one text to compare and to say."""
    return f"{entry.text} (needs review)" if entry.fuzzy and entry.text else entry.text


PULLED = ("pull", "merge", "commit (merge)")
"""How git's reflog of HEAD begins the line of a pull, a merge, and a merge whose conflicts she resolved."""


def _moved_by_a_pull(git_dir: Path) -> bool:
    """Whether HEAD was last moved by a pull or a merge (its reflog's last line), so that what ORIG_HEAD..HEAD
    changed is the pull's: after her commit, what it changed is hers (English she changed and then changed back to
    the text of before the pull is no save over the pull). True where the reflog cannot be read (git decides)."""
    try:
        with open(git_dir / "logs" / "HEAD", "rb") as log:
            log.seek(max(0, log.seek(0, 2) - 4096))
            last = log.read().decode("utf-8", errors="replace").rstrip("\n").rpartition("\n")[2]
    except OSError:
        return True
    return last.partition("\t")[2].startswith(PULLED)


def _names(root: Path, *arguments: str) -> set[str]:
    return set((git_output(root, *arguments) or "").splitlines())


def _entries(text: str, path: str) -> dict[Key, Translation]:
    """The active entries of a version of a PO file by key; none where it is none (conflict markers, say)."""
    try:
        return {entry.key: entry for entry in translations_of(text, path)}
    except CatalogError:
        return {}
