"""Writing files so that a crash or a kill never leaves half of one behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
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

    Made durable together: every new text is written beside its file, one sync of
    the file system makes them all durable (a sync per file costs about as much
    as writing a thousand files), then each file that still holds what was
    expected is swapped for its new text, and each folder is synced once.
    """
    return _replace_many([(path, text) for path, text, _ in writes], [expected for _, _, expected in writes])


def write_many_atomic(writes: Sequence[tuple[Path, str]]) -> None:
    """``write_atomic`` for many files, made durable together; raises the first failure (after trying all)."""
    for (path, _), failure in zip(writes, _replace_many(writes, None)):
        if isinstance(failure, OSError) and not failure.filename:  # a failed sync of them all names no file
            raise _about(failure, path)
        if failure is not None:
            raise failure


def _replace_many(writes: Sequence[tuple[Path, str]], expected: list[str | None] | None) -> list[Exception | None]:
    outcomes: list[Exception | None] = [None] * len(writes)
    staged: dict[int, Path] = {}
    for index, (path, text) in enumerate(writes):
        try:
            staged[index] = _stage(path, text, durable=False)
        except OSError as error:
            outcomes[index] = error
    try:
        _sync_file_system(list(staged.values()))
    except OSError as error:
        for index, temporary in staged.items():
            temporary.unlink(missing_ok=True)
            outcomes[index] = error
        return outcomes
    folders = set()
    for index, temporary in staged.items():
        path = writes[index][0]
        try:
            if expected is not None:
                _check_unchanged(path, expected[index])
            _swap(temporary, path)
            folders.add(path.parent)
        except (OSError, ChangedMeanwhile) as error:
            temporary.unlink(missing_ok=True)
            outcomes[index] = error
    for folder in folders:
        _sync_folder(folder)
    return outcomes


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` in one step: readers see the old file or the new one, never a part."""
    temporary = _stage(path, text, durable=True)
    try:
        _swap(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
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


def _stage(path: Path, text: str, *, durable: bool) -> Path:
    """``text`` in a new temporary file beside ``path`` (flushed to disk when ``durable``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _about(error, path) from error
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
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


def _sync_file_system(paths: list[Path]) -> None:
    """Flush ``paths`` to disk: one ``syncfs`` per file system where Linux has it, else one fsync per file."""
    syncfs = _syncfs()
    if syncfs is None:
        for path in paths:
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        return
    devices = {}
    for folder in {path.parent for path in paths}:
        devices.setdefault(folder.stat().st_dev, folder)
    for folder in devices.values():
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            syncfs(descriptor)
        finally:
            os.close(descriptor)


@cache
def _syncfs() -> Callable[[int], None] | None:
    """Linux's syncfs(2) through the C library, or None where there is none."""
    try:
        import ctypes

        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (ImportError, OSError, AttributeError):
        return None

    def syncfs(descriptor: int) -> None:
        if function(descriptor) != 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number))

    return syncfs


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
