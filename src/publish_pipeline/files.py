"""Writing files so that a crash or a kill never leaves half of one behind."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class ChangedMeanwhile(Exception):
    """The file is no longer what it was when it was read: someone saved it in the meantime."""


def replace_if_unchanged(path: Path, text: str, expected: str | None) -> None:
    """Write ``text`` only if the file still holds ``expected`` (None: it did not exist) and is writable."""
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    except UnicodeDecodeError:
        current = ""
    if current != expected:
        raise ChangedMeanwhile(str(path))
    if current is not None and not path.stat().st_mode & 0o222:
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    write_atomic(path, text)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` in one step: readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def remove_leftovers(folder: Path) -> int:
    """Delete the temporary files a killed write_atomic left behind below ``folder``."""
    removed = 0
    for leftover in folder.rglob(".*.tmp") if folder.is_dir() else []:
        if leftover.is_file():
            leftover.unlink(missing_ok=True)
            removed += 1
    return removed


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
