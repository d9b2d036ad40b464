"""Writing files so that a crash or a kill never leaves half of one behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


class NotAFile(Exception):
    """The path is a named pipe, a socket, a device or a folder: reading it could wait for ever, so it is never opened."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def read_file_bytes(path: Path) -> bytes:
    """The bytes of a regular file; ``NotAFile`` for anything else, found before it is opened for reading
    (opened without waiting, then checked again, in case a pipe was put there meanwhile)."""
    kind = _not_a_file(os.stat(path).st_mode)
    if kind is None:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(descriptor, "rb") as stream:
            kind = _not_a_file(os.fstat(descriptor).st_mode)
            if kind is None:
                return stream.read()
    raise NotAFile(kind)


def _not_a_file(mode: int) -> str | None:
    """What a path is when it is not a regular file (a named pipe, a socket, a device); None for a file."""
    if stat.S_ISREG(mode):
        return None
    return "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a folder" if stat.S_ISDIR(mode) else "a device"


class ChangedMeanwhile(Exception):
    """The file is no longer what it was when it was read: someone saved it in the meantime."""


def replace_if_unchanged(path: Path, text: str, expected: str | None) -> None:
    """Write ``text`` only if the file still holds ``expected`` (None: it did not exist) and is writable."""
    _check_unchanged(path, expected)
    write_atomic(path, text)


def replace_many_if_unchanged(writes: Sequence[tuple[Path, str, str | None]]) -> list[Exception | None]:
    """``replace_if_unchanged`` for many files: (path, text, expected) each; what went wrong with each, or None.

    Every new text is written beside its file and flushed to disk (see ``_stage_all``),
    then each file that still holds what was expected is swapped for its new text,
    and each folder is flushed once.
    """
    return _replace_many([(path, text) for path, text, _ in writes], [expected for _, _, expected in writes])


def write_many_atomic(writes: Sequence[tuple[Path, str]]) -> None:
    """``write_atomic`` for many files, flushed to disk together; raises the first failure (after trying all)."""
    for failure in _replace_many(writes, None):
        if failure is not None:
            raise failure


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` in one step: readers see the old file or the new one, never a part."""
    write_many_atomic([(path, text)])


def _replace_many(writes: Sequence[tuple[Path, str]], expected: list[str | None] | None) -> list[Exception | None]:
    outcomes: list[Exception | None] = []
    folders = set()
    for index, ((path, _), temporary) in enumerate(zip(writes, _stage_all(writes))):
        if isinstance(temporary, OSError):
            outcomes.append(temporary)
            continue
        try:
            if expected is not None:
                _check_unchanged(path, expected[index])
            _swap(temporary, path)
            folders.add(path.parent)
            outcomes.append(None)
        except BaseException as error:
            temporary.unlink(missing_ok=True)
            if not isinstance(error, (OSError, ChangedMeanwhile)):
                raise  # interrupted: this file stays as it was, and no temporary one is left beside it
            outcomes.append(error)
    for folder in folders:
        _sync_folder(folder)
    return outcomes


SYNC_THREADS = 8
"""Files written and flushed at once: the disk takes many flushes together in about the time of one."""


def _stage_all(writes: Sequence[tuple[Path, str]]) -> list[Path | OSError]:
    """Each text in a temporary file beside its file, flushed to disk; or why that failed.

    Each file is flushed by itself (fdatasync), on ``SYNC_THREADS`` threads: the wait is
    for our own files only. A sync of the whole file system (``syncfs``) was quicker on
    an idle disk but waited for every other program's writes too (bench/durability.py).
    """
    if len(writes) <= 1:
        return [_try_stage(write) for write in writes]
    with ThreadPoolExecutor(min(SYNC_THREADS, len(writes))) as threads:
        return list(threads.map(_try_stage, writes))


def _try_stage(write: tuple[Path, str]) -> Path | OSError:
    try:
        return _stage(*write)
    except OSError as error:
        return error


def remove_leftovers(folder: Path) -> int:
    """Delete the temporary files a killed write_atomic left behind below ``folder``."""
    removed = 0
    for leftover in folder.rglob(".*.tmp") if folder.is_dir() else []:
        if leftover.is_file():
            leftover.unlink(missing_ok=True)
            removed += 1
    return removed


def _check_unchanged(path: Path, expected: str | None) -> None:
    """Raise ChangedMeanwhile unless the file's bytes are ``expected`` in UTF-8, line ends included.

    Bytes, not decoded text: reading text would turn a CRLF file's line ends
    into LF, and such a file would look changed forever.
    """
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    if current != (None if expected is None else expected.encode("utf-8")):
        raise ChangedMeanwhile(str(path))
    if current is not None and not path.stat().st_mode & 0o222:
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))


def _stage(path: Path, text: str) -> Path:
    """``text`` in a new temporary file beside ``path``, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _about(error, path) from error
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            getattr(os, "fdatasync", os.fsync)(stream.fileno())  # macOS has fsync only
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _about(error, path) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _about(error: OSError, path: Path) -> OSError:
    """``error`` naming ``path``: a full disk names no file, and the temporary file's name would mean nothing to anyone."""
    return OSError(error.errno, error.strerror, str(path))


def _swap(temporary: Path, path: Path) -> None:
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    os.chmod(temporary, mode)
    os.replace(temporary, path)


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
