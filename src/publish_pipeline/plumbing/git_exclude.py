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

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

from .git import git_output
from .files import write_atomic

MANIFEST = ".publish-pipeline-export"
"""export's list of the files it wrote into a folder: each name with the fingerprint it was made from and its SHA-256."""
ADOPTED = "adopted"
"""What a record says it was made from when adopt claimed the file: English the author wrote, all of it in the PO
files, which export may replace while it holds what adopt read (the record's SHA-256). The claim is the PO file's
(``catalog.ADOPTED_ENGLISH``: committed, so every clone has it); the list is this clone's and keeps it while the file
stays (a list written before the claims moved to the PO files has them too)."""
EXPORTED_SUFFIXES = (".md", ".markdown", ".html")
"""The files export writes from the PO files (a bundle's images are copies of the Dutch ones)."""

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


def exported(folder: Path, names: Iterable[str]) -> dict[str, str]:
    """Of ``names`` (files relative to ``folder``: a commit's), those that hold byte for byte English export wrote into
    ``folder``, by its list (``MANIFEST``) under any name, each with the name it wrote it as: an exclude lists names,
    and ``git mv`` of a page bundle's folder carried the exported ``index.en.md`` along to a name none lists, so that
    ``git add -A`` committed it (a trial). Committed, Hugo serves that copy and export never writes it again. Only
    Markdown and HTML files are read; none where export wrote nothing here. No git."""
    names = [name for name in names if name.endswith(EXPORTED_SUFFIXES)]
    if not names:
        return {}
    try:
        written = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(written, dict):
        return {}
    digests = {record[1]: name for name, record in written.items()
               if isinstance(record, list) and len(record) == 2 and record[0] != ADOPTED and isinstance(record[1], str)}  # not the author's
    found = {}
    for name in names:
        try:
            digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        except OSError:
            continue
        if digest in digests:
            found[name] = digests[digest]
    return found


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
