"""What the pre-commit hook (``extract --pre-commit``) adds to extract: a new PO file goes into the commit of its Dutch.

pre-commit stops a commit when a hook changed a file git tracks ("files were modified by
this hook"), so that the author sees the change and adds it; it does not look at files
git does not track. A new Dutch document's PO file is such a file: without more, her
commit would go through without it, and neither CI nor the translator would see it.
pre-commit's answer for a hook that makes new files (pre-commit/pre-commit#1489, #2789)
is ``git add --intent-to-add``: the file is then tracked with no content yet, ``git diff``
shows it, and the commit stops as for any fixer, until she adds it (``git add``, or
``git commit -a``). Only a PO file whose Dutch document git tracks is so marked: the PO
file of a Dutch draft she has not added yet stays hers to add with it.

The translator's commit of PO files runs check (the hook ``publish-pipeline-check``): an error
stops it, and check then says how to commit work in progress all the same (``commit_stopped``).

The standard library only: ``untracked`` is asked before the quick answer of a no-op
extract (see ``__main__``), which loads nothing else.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any


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


CHECK_HOOK = "publish-pipeline-check"
"""The id of the hook that runs check on a commit of PO files (``.pre-commit-hooks.yaml``): what ``SKIP`` names."""


def committed(root: Path) -> frozenset[str] | None:
    """The files of the commit being made, as paths in the site ``root``, where pre-commit runs this command (it sets
    ``PRE_COMMIT=1`` for its hooks); None elsewhere (a terminal, CI: every document counts) or where git cannot say."""
    if not os.environ.get("PRE_COMMIT") or (top := checkout_top(root)) is None:
        return None
    names = git_output(root, "diff", "--cached", "--name-only", "--no-renames", "-z")
    if names is None:
        return None
    return frozenset(os.path.relpath(top / name, root) for name in names.split("\0") if name)


def not_stopping(root: Path, documents: Sequence[Any]) -> int:
    """Of the check errors of ``documents`` (``DocumentStatus``), those of documents the commit being made touches
    neither by its Dutch nor by its PO file, where pre-commit runs check (``committed``): they do not stop it (an
    author's commit is not stopped by the translator's error in another document, which she cannot fix). 0 elsewhere."""
    files = committed(root)
    return 0 if files is None else sum(document.errors for document in documents if not files & {document.source, document.catalog})


def others_errors(count: int) -> str:
    """What check says of ``count`` errors in documents the commit being made does not touch: they do not stop it."""
    return (f"{count} error{'s' * (count != 1)} above in documents this commit does not touch: not stopping it (they are "
            "for whoever edits those; CI still holds their English back)")


def commit_stopped() -> str | None:
    """What check says last when its errors stop a commit: how to commit all the same, and when that is fine. None
    where pre-commit did not run it (pre-commit sets ``PRE_COMMIT=1`` for its hooks): at a terminal, or in CI."""
    if not os.environ.get("PRE_COMMIT"):
        return None
    return (f"commit stopped by the errors above: fix them and commit again; or, for work in progress, commit it all the same "
            f"with SKIP={CHECK_HOOK} git commit … — CI still refuses it: its English stays off the site (an earlier approved "
            "version stays live) until check passes")
