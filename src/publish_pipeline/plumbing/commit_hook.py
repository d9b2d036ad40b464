"""What the pre-commit hook (``extract --pre-commit``) adds to extract: a new PO file goes into the commit of its Dutch.

pre-commit stops a commit when a hook changed a file git tracks ("files were modified by
this hook"), so that the author sees the change and adds it; it does not look at files
git does not track. A new Dutch document's PO file is such a file: without more, her
commit would go through without it, and neither CI nor the translator would see it.
pre-commit's answer for a hook that makes new files (pre-commit/pre-commit#1489, #2789)
is ``git add --intent-to-add``: the file is then tracked with no content yet, ``git diff``
shows it, and the commit stops as for any fixer, until she adds it (``git add``, or
``git commit -a``). Only a PO file whose Dutch document git tracks is so marked: the PO
file of a Dutch draft she has not added yet stays hers to add with it (``git.untracked``, ``git.intend_to_add``).

The translator's commit of PO files runs check (the hook ``publish-pipeline-check``): an error
stops it, and check then says how to commit work in progress all the same (``commit_stopped``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .git import checkout_top, git_output


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
