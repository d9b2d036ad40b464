"""Writing files so that a crash or a kill never leaves half of one behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any


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
    The files are written here, one after another, and only their flushes, which wait
    for the disk, go to the threads: threads that each made the dozen system calls of a
    write would wait for the interpreter's lock at nearly every one of them.
    """
    written = [_try(_write_temporary, path, text) for path, text in writes]
    paths = [path for path, _ in writes]
    if len(writes) <= 1:
        return [_try(_flush, path, staged) for path, staged in zip(paths, written)]
    with ThreadPoolExecutor(min(SYNC_THREADS, len(writes))) as threads:
        return list(threads.map(_try, [_flush] * len(writes), paths, written))


def _try(step: Callable[[Path, Any], Any], path: Path, argument: Any) -> Any:
    """``step(path, argument)``, or the OSError it raised (an OSError passed on from the step before stays one)."""
    if isinstance(argument, OSError):
        return argument
    try:
        return step(path, argument)
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


def _write_temporary(path: Path, text: str) -> tuple[Path, int]:
    """``text`` in a new temporary file beside ``path`` (UTF-8, line ends as they are): its name and open descriptor."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _about(error, path) from error
    try:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(handle, data) :]
    except BaseException as error:
        _discard(Path(name), handle)
        if isinstance(error, OSError):
            raise _about(error, path) from error
        raise
    return Path(name), handle


def _flush(path: Path, staged: tuple[Path, int]) -> Path:
    """Flush a temporary file written by ``_write_temporary`` to disk and close it; its name."""
    temporary, handle = staged
    try:
        getattr(os, "fdatasync", os.fsync)(handle)  # macOS has fsync only
    except BaseException as error:
        _discard(temporary, handle)
        if isinstance(error, OSError):
            raise _about(error, path) from error
        raise
    os.close(handle)
    return temporary


def _discard(temporary: Path, handle: int) -> None:
    """Close and delete a temporary file that will not be swapped in."""
    os.close(handle)
    temporary.unlink(missing_ok=True)


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
