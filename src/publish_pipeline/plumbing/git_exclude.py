"""Files a command builds into a site's own folders, kept out of git in this clone only.

``export`` writes the English of a Hugo or Jekyll site beside the author's files
(``post.en.md``, ``content/en/``). Those files are built from the PO files, as
``public/`` is: committed, they would keep English live that the gate has since held
back (a committed ``draft: false``), and collide in every other clone's ``git pull``
with the files its own export wrote. So each clone keeps its own out of git: they are
listed in ``.git/info/exclude`` (git's ignore list for one clone, never committed),
between two marker lines, so that ``git add -A`` passes them by. Every other line of
that file stays as it was; a folder that is no git checkout is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .git import git_output
from .files import write_atomic

BEGIN = "# publish_pipeline: files its export built in this clone (made from the PO files; never committed)"
END = "# end of publish_pipeline's files"
_SPECIAL = re.compile(r"[\\*?\[\]]|\s$")
"""What a gitignore pattern reads as more than the character itself: a backslash makes it plain."""


def exclude(folder: Path, names: Iterable[str]) -> None:
    """List ``names`` (files relative to ``folder``) as the block of this clone's ``.git/info/exclude``, in place of
    the block an earlier run wrote; nothing when ``folder`` is in no git checkout or the file cannot be written
    (a convenience: the files stay what they are, and ``git status`` shows them)."""
    where = _exclude_file(folder)
    if where is None:
        return
    path, prefix = where
    try:
        before = path.read_text(encoding="utf-8") if path.is_file() else ""
        block = [BEGIN, *(_pattern(prefix + name) for name in sorted(names)), END]
        after = _without_block(before) + ("\n".join(block) + "\n" if len(block) > 2 else "")
        if after != before:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, after)
    except (OSError, UnicodeDecodeError):
        return


def tracked(folder: Path, names: Iterable[str]) -> list[str]:
    """Those of ``names`` (files relative to ``folder``) that git tracks: an exclude cannot keep them out of a
    commit; none when ``folder`` is in no git checkout."""
    names = sorted(names)
    if not names:
        return []
    done = git_output(folder, "ls-files", "-z", "--", *names)
    listed = set(done.split("\0")) if done is not None else set()
    return [name for name in names if name in listed]


def _pattern(name: str) -> str:
    """The gitignore pattern of exactly the file ``name`` (relative to the repository's top)."""
    return "/" + _SPECIAL.sub(lambda special: "\\" + special.group(), name)


def _exclude_file(folder: Path) -> tuple[Path, str] | None:
    """The clone's exclude file and ``folder``'s path in the repository (``""`` at its top, else ending in ``/``)."""
    lines = (git_output(folder, "rev-parse", "--show-prefix", "--git-path", "info/exclude") or "").splitlines()
    if len(lines) != 2:
        return None
    return folder / lines[1], lines[0]


def _without_block(text: str) -> str:
    """``text`` without the block an earlier run wrote (the file's other lines as they were, ending in a line end)."""
    lines = text.splitlines(keepends=True)
    if BEGIN + "\n" in lines:
        start = lines.index(BEGIN + "\n")
        end = lines.index(END + "\n", start) + 1 if END + "\n" in lines[start:] else len(lines)
        lines[start:end] = []
    kept = "".join(lines)
    return kept if not kept or kept.endswith("\n") else kept + "\n"
