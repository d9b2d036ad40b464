"""Git asked from Python: what it printed, whether a folder is in a checkout at all, files of commits by the batch.

Every command here is one git process, and none is started where git could find no repository (``in_checkout``,
told by a few ``stat`` calls): a site in no checkout starts no git at all.

The standard library only: ``untracked`` is asked before the quick answer of a no-op extract (see ``__main__``),
which loads nothing else.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path


def untracked(folder: Path, below: str) -> list[str]:
    """The files under ``below`` (relative to ``folder``, as the names returned are) that git neither tracks nor
    ignores; none when ``folder`` is in no git checkout or git cannot be run."""
    done = git_output(folder, "ls-files", "-z", "--others", "--exclude-standard", "--", below)
    return sorted(name for name in done.split("\0") if name) if done is not None else []


def intend_to_add(folder: Path, names: Sequence[str]) -> bool:
    """Mark ``names`` (relative to ``folder``) as files the next commit is to have (``git add --intent-to-add``):
    tracked, with no content staged yet. False when git could not."""
    return not names or git_output(folder, "add", "--intent-to-add", "--", *names) is not None


def git_output(folder: Path, *arguments: str) -> str | None:
    """What git printed, run in ``folder``; None when it failed or could not be run, or ``folder`` is in no checkout."""
    if not in_checkout(folder):
        return None
    try:
        done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


UNTRACKED, CHANGED, COMMITTED = "untracked", "changed", "committed"


def git_file_state(path: Path) -> str | None:
    """How git holds the file at ``path``: ``UNTRACKED`` (no commit has it: new, added, or ignored), ``CHANGED`` (it differs
    from the last commit, staged or not), ``COMMITTED`` (as the last commit has it); None where git cannot tell (no
    checkout, no git). One ``git status`` of that one path: asked only of a file that cannot be read, so that a hint
    never tells her to restore from git what git has no copy of, or what a restore would throw away."""
    said = git_output(path.parent, "status", "--porcelain=v1", "-z", "--ignored=matching", "--untracked-files=all", "--", path.name)
    if said is None:
        return None
    if not said:
        return COMMITTED
    return UNTRACKED if said[:2] in ("??", "!!") or said[0] == "A" else CHANGED  # added: staged, but in no commit


def checkout_top(folder: Path) -> Path | None:
    """The folder holding ``folder`` (or ``folder`` itself) where git finds its ``.git`` (a folder, or a file naming one
    elsewhere: a worktree, a submodule), looking upwards as git does; None where there is none."""
    return next((path for path in (folder, *folder.parents) if (path / ".git").exists()), None)


def in_checkout(folder: Path) -> bool:
    """Whether git may find a repository for ``folder``: False only where it cannot (no ``.git`` on the way up and no
    ``GIT_DIR`` set), found by a few ``stat`` calls; no git is started to be told so (a site in no checkout asked it
    two or three times a command: hundreds of processes in the test suite)."""
    return "GIT_DIR" in os.environ or checkout_top(folder) is not None


def blob_ids(root: Path, names: list[str]) -> dict[str, str]:
    """The blob id of each ``commit:path`` that exists (one git process for all)."""
    if not names:
        return {}
    done = subprocess.run(["git", "cat-file", "--batch-check=%(objectname) %(objecttype)"], cwd=root, input="\n".join(names) + "\n",
                          capture_output=True, text=True, timeout=120)
    found = {}
    for name, line in zip(names, done.stdout.splitlines()):
        blob, _, kind = line.partition(" ")
        if kind == "blob":
            found[name] = blob
    return found


def blob_contents(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The contents of git objects, by id or ``<commit>:./<path>`` (one git process for all; a missing one is empty)."""
    done = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="".join(f"{blob}\n" for blob in blobs).encode(),
                          capture_output=True, timeout=120)
    found, data, at = {}, done.stdout, 0
    for blob in blobs:  # read on from ``at``: the rest cut off each time would be copied over and over (1300 blobs: 23 s)
        end = data.find(b"\n", at)
        parts = data[at:end].split() if end >= 0 else []
        if len(parts) == 3:  # "<id> blob <size>", the bytes and a line break; else "<id> missing"
            size = int(parts[2])
            found[blob], at = data[end + 1 : end + 1 + size], end + 2 + size
        else:
            found[blob], at = b"", (end + 1 if end >= 0 else len(data))
    return found


def shallow(folder: Path) -> bool:
    """Whether the repository of ``folder`` is a shallow clone (GitHub's checkout without ``fetch-depth: 0``), told
    as git tells it (the file ``shallow`` in its common git folder: a linked worktree shares its repository's) with a
    few ``stat`` calls; git is asked only where ``GIT_DIR`` or ``GIT_COMMON_DIR`` names the repository, or its
    folders cannot be read. False in no checkout. (Status asked git three times a command.)"""
    found = git_dirs(folder)
    if found is None:
        return (git_output(folder, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    return found != NO_REPOSITORY and (found[1] / "shallow").is_file()


REBASE = re.compile(r"^(rebase|pull)\b[^:]* \((start|pick|finish)\): ")
"""A reflog message of a rebase: ``rebase (pick): …``, ``rebase -i (finish): …``, ``pull --rebase origin main (start): …``."""


def rebased(folder: Path) -> bool:
    """Whether the checkout of ``folder`` rebased (``git rebase``, ``git pull --rebase``) in what its ``HEAD``'s reflog
    keeps (90 days, by default), read from that file: no git is started. False where it cannot be read."""
    found = git_dirs(folder)
    if found is None or found == NO_REPOSITORY:
        return False
    try:
        with open(found[0] / "logs" / "HEAD", encoding="utf-8", errors="replace") as log:
            return any(REBASE.match(line.partition("\t")[2]) for line in log)
    except OSError:
        return False


def rebase_under_way(folder: Path) -> bool:
    """Whether a rebase is replaying commits in the checkout of ``folder`` (git keeps its state in ``rebase-merge/``,
    the apply backend's in ``rebase-apply/`` with a ``rebasing`` file, where ``git am`` has none): then git's *ours*
    is the commit it replays onto (the others' work) and *theirs* the commit it replays (one's own). No git is started."""
    found = git_dirs(folder)
    if found is None or found == NO_REPOSITORY:
        return False
    return (found[0] / "rebase-merge").is_dir() or (found[0] / "rebase-apply" / "rebasing").is_file()


NO_REPOSITORY = (Path(), Path())


def git_dirs(folder: Path) -> tuple[Path, Path] | None:
    """The git folder of the checkout holding ``folder`` (a linked worktree's own) and its common one (the
    repository's), found as git finds them from their files; ``NO_REPOSITORY`` in no checkout; None where git alone
    can tell (``GIT_DIR`` or ``GIT_COMMON_DIR`` names them, or their files cannot be read)."""
    if "GIT_DIR" in os.environ or "GIT_COMMON_DIR" in os.environ:
        return None
    top = checkout_top(folder)
    if top is None:
        return NO_REPOSITORY
    git_dir = top / ".git"
    try:
        if git_dir.is_file():  # a linked worktree's or a submodule's "gitdir: <folder>"
            git_dir = top / git_dir.read_text(encoding="utf-8").removeprefix("gitdir:").strip()
        common = git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip() if (git_dir / "commondir").is_file() else git_dir
    except (OSError, UnicodeDecodeError):
        return None
    return git_dir, common
