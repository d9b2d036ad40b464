"""Whether a site is still exactly as the last clean extract left it, told from file listings alone.

A no-op ``extract`` is the common case (an editor hook, a pre-commit hook, CI on a
push that changed no text). It should answer in about the time the interpreter
takes to start: before Invoke, YAML, polib or the Markdown parser are loaded. So
this module uses the standard library only, and judges by the listing of the
settings file and the source and translation folders: every entry with its
kind, size, modification and change time and inode, as ``git status`` does.

A file written within a second of the record could change again without its
times changing (the clock is coarse), so it is "racy": its content hash is kept
and compared too, until a later check sees it old enough to trust its times.
Anything unexpected (a symlink, a missing record, another version) means "not
known to be fresh", and the real extract runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import Any

from .. import build_id
from ..wording import extract_summary

RECORD_FILE = ".cache/publish_pipeline/extract-fresh.json"
DIGESTS_FILE = ".cache/publish_pipeline/digests.json"
SETTINGS_FILE = "pipeline.yaml"
"""config.CONFIG_FILE (not imported from there: config loads YAML)."""
RACY_NS = 1_000_000_000
"""Files changed this close to the record (nanoseconds) are also compared by content."""


def record(root: Path, folders: list[str], documents: int, segments: int, digests: dict[str, str]) -> None:
    """Remember the site as it is now, after an extract that ended without an error or a warning.

    ``digests``: the SHA-256 of files whose content extract already knows (site-relative names).
    """
    now = time.time_ns()
    listing = _listing(root, [SETTINGS_FILE, *folders])
    if listing is None:
        return
    entries = {
        name: [*status, (digests.get(name) or file_digest(root / name)) if _racy(status, now) else None]
        for name, status in listing.items()
    }
    _save(root, {"version": build_id(), "recorded": now, "folders": folders, "entries": entries,
                 "documents": documents, "segments": segments})


def fresh(root: Path) -> tuple[int, int] | None:
    """(documents, segments) of the last clean extract if nothing it read has changed since; else None."""
    comparison = _compare(root)
    if comparison is None or not comparison[0]:
        return None
    return comparison[2]["documents"], comparison[2]["segments"]


def unchanged(root: Path) -> set[str]:
    """Site-relative names of the files that are, byte for byte, what the last clean extract saw."""
    comparison = _compare(root)
    return comparison[1] if comparison else set()


def _compare(root: Path) -> tuple[bool, set[str], dict[str, Any]] | None:
    """(whether everything is as recorded, the files that are, the record); None without a usable record."""
    try:
        data = json.loads((root / RECORD_FILE).read_text(encoding="utf-8"))
        if data["version"] != build_id():
            return None
        listing = _listing(root, [SETTINGS_FILE, *data["folders"]])
        entries: dict[str, list[Any]] = data["entries"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if listing is None:
        return None
    now, trusted, same = time.time_ns(), False, set()
    for name, status in listing.items():
        *known, digest = entries.get(name, [None])
        if status != known or (digest is not None and file_digest(root / name) != digest):
            continue
        same.add(name)
        if digest is not None and not _racy(status, now):
            entries[name][-1], trusted = None, True  # old enough now: its times will tell from here on
    if trusted:
        _save(root, data)
    return len(same) == len(listing) == len(entries), same, data


def _listing(root: Path, names: list[str]) -> dict[str, list[int]] | None:
    """Each entry under ``names`` (site-relative) with its status ([] when missing); None if there is a symlink."""
    found: dict[str, list[int]] = {}
    folders = []
    for name in names:
        try:
            status = os.lstat(os.path.join(root, name))
        except FileNotFoundError:
            found[name] = []
            continue
        if stat.S_ISLNK(status.st_mode):
            return None  # what a link leads to can change without the link changing
        found[name] = _status(status)
        if stat.S_ISDIR(status.st_mode):
            folders.append(name)
    while folders:
        folder = folders.pop()
        with os.scandir(os.path.join(root, folder)) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return None
                name = f"{folder}/{entry.name}"
                found[name] = _status(entry.stat(follow_symlinks=False))
                if entry.is_dir(follow_symlinks=False):
                    folders.append(name)
    return found


def _status(status: os.stat_result) -> list[int]:
    return [status.st_mode, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def _racy(status: list[int], now: int) -> bool:
    """A file (not a folder: its entries are listed) changed too recently to trust its times."""
    return bool(status) and stat.S_ISREG(status[0]) and now - max(status[2], status[3]) < RACY_NS


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes; "" when it cannot be read, or is no file (a named pipe is never opened)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def file_digests(root: Path, paths: list[Path]) -> dict[Path, str]:
    """``file_digest`` of each of ``paths`` (inside ``root``), read only where a file changed since the last call.

    Each file's digest is kept with its size, modification and change time and inode, as
    ``git`` keeps its index: a file whose status is the same is taken as unchanged, unless it
    changed within ``RACY_NS`` of the time its digest was kept (a later write in the same clock
    tick could leave its status as it was): such a file is read again, until a later call sees
    it old enough. The cache only saves time; damaged or unwritable, every file is read.
    """
    now = time.time_ns()
    try:
        data = json.loads((root / DIGESTS_FILE).read_text(encoding="utf-8"))
        kept: dict[str, list[Any]] = data["files"] if data["version"] == 1 else {}
        trusted_before = int(data["kept"]) - RACY_NS
    except (OSError, ValueError, KeyError, TypeError):
        kept, trusted_before = {}, 0
    digests: dict[Path, str] = {}
    files: dict[str, list[Any]] = {}
    read = False
    inside = os.path.join(root, "")
    for path in paths:
        name = str(path).removeprefix(inside)  # site-relative (pathlib's relative_to would cost more than the rest)
        try:
            found = os.stat(path)
        except OSError:
            digests[path] = ""
            continue
        status = [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]
        known = kept.get(name)
        if isinstance(known, list) and known[:-1] == status and max(status[1], status[2]) < trusted_before:
            digests[path] = known[-1]
        elif stat.S_ISREG(found.st_mode):
            digests[path], read = file_digest(path), True
        else:
            digests[path] = ""  # a named pipe is never opened; a folder has no bytes
            continue
        files[name] = [*status, digests[path]]
    if read or files.keys() != kept.keys():
        _save(root, {"version": 1, "kept": now, "files": files}, DIGESTS_FILE)
    return digests


def _save(root: Path, data: dict[str, Any], file: str = RECORD_FILE) -> None:
    """Write the record, or another cache (replaced in one step, never synced to disk)."""
    path = root / file
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # the record only saves time


_declined: set[Path] = set()


def answer(root: str) -> bool:
    """Answer ``extract`` on the site in ``root`` if it is known to be fresh, as extract would; False to run it."""
    site = Path(root).resolve()
    if site in _declined:
        return False
    known = fresh(site)
    if known is None:
        _declined.add(site)  # asked again in this process (the program, then its task): the answer stands
        return False
    print(extract_summary(*known, written=0), flush=True)
    return True
