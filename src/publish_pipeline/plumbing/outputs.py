"""What a command may write to: the output folders and files of ``publish``, ``export`` and ``review``.

A command writes only where it may and owns only what it made:

- an output is never the site, a folder above it, or inside ``source_nl/``,
  ``translations/``, ``static/``, ``templates/`` or ``.git`` (``Site.check_output``);
- an output written as a path inside the site (the defaults ``public/`` and
  ``build/``) must stay inside it when links are followed;
- a folder a command writes into carries a marker file (``.publish-pipeline``)
  naming that command; a folder with anything else in it and no marker is refused,
  unless it only holds what the command itself would have written (``adopt``);
- a new site replaces the old one in one step (Linux's ``renameat2`` exchange), or
  where that is missing with the old copy kept until the new one is in place;
  the clean-up after a kill removes only the two folders named after the output
  (``.public.new``, ``.public.old``) and only when they carry our marker; ``publish``
  keeps the old site in ``.cache/`` to build the next one in (``spare_made``: or a copy
  of the current one, made of hard links, where there is none).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from ..errors import OutputError
from ..site import Site

MARKER = ".publish-pipeline"
"""The file in an output folder that names the command that made it."""


def locate(site: Site, out: Path | str | None, default: str) -> Path:
    """The output's path, links resolved; raise if one written inside the site (e.g. ``public/``) leads out of it.

    ``--out`` is taken relative to the current folder; a path outside the site
    is the user's explicit choice and is only checked for ownership (``claim``).
    """
    path = Path(os.path.abspath(out)) if out else site.root / default
    if path.is_relative_to(site.root):
        return site.check_inside(path)
    return path.resolve()


def claim(site: Site, out: Path, command: str, *, adopt: Callable[[Path], bool] = lambda folder: False) -> Path:
    """``out`` resolved, once ``command`` may write into it as a folder of its own; made and marked as ours.

    ``adopt`` says whether an unmarked, non-empty folder holds only what the
    command would have written (made before outputs were marked).
    """
    out = site.check_output(out)
    where = site.relative(out)
    _recover(out, command)
    if os.path.lexists(out) and not out.is_dir():
        raise OutputError(where, "is a file, not a folder", hint="choose a folder with --out")
    maker = made_by(out) if out.is_dir() else None
    if maker is not None and maker != command:
        raise OutputError(where, f"was made by '{maker}', not by '{command}'", hint="choose another folder with --out")
    if maker is None and out.is_dir() and any(out.iterdir()) and not adopt(out):
        raise OutputError(
            where, f"holds files that '{command}' did not make",
            hint="choose a new or empty folder with --out, or move those files away",
        )
    out.mkdir(parents=True, exist_ok=True)
    if maker is None:
        mark(out, command)
    return out


def claim_file(site: Site, out: Path, command: str, *, marks: tuple[str, ...]) -> Path:
    """``out`` resolved, once ``command`` may write it: new, or a file that carries one of ``marks`` near its start."""
    out = site.check_output(out)
    where = site.relative(out)
    if out.is_dir():
        raise OutputError(where, "is a folder", hint="name the file to write, e.g. review.html")
    if os.path.lexists(out):
        try:
            with open(out, "rb") as stream:
                start = stream.read(4096).decode("utf-8", "replace")
        except OSError as error:
            raise OutputError(where, f"cannot be read: {error.strerror}", hint="choose another file with --out") from None
        if not any(mark in start for mark in marks):
            raise OutputError(where, f"exists and was not written by '{command}'", hint="choose another file with --out, or move this one away")
    return out


def made_by(folder: Path) -> str | None:
    """The command named by the folder's marker, or None when it has none (a link is no marker)."""
    marker = folder / MARKER
    if os.path.islink(folder) or os.path.islink(marker):
        return None
    try:
        return marker.read_text(encoding="utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def mark(folder: Path, command: str) -> None:
    """Say in ``folder`` that ``command`` made it (and may replace what is in it)."""
    (folder / MARKER).write_text(f"{command}\n", encoding="utf-8")


@contextmanager
def replacing(out: Path, command: str, *, spare: Path | None = None) -> Iterator[Path]:
    """A new, marked folder beside ``out`` to fill; on success it takes ``out``'s place, and the old one goes.

    There is a complete ``out`` at every moment after the first success: the two
    are exchanged in one step where the system can, else the old copy is moved
    aside and only deleted once the new one is in place. A kill leaves one of our
    two named folders beside ``out``; the next ``claim`` removes it, or puts the
    old copy back when a kill came between the two renames.

    With ``spare`` (a folder name on the same file system, in the site's ``.cache/``) the old
    copy is not deleted but kept there, and the next build starts from it instead of an
    empty folder: deleting a site of thousands of folders, and making them again, costs
    more than the few pages that changed. The caller then replaces or removes every file
    it finds in the folder (never served: it is moved to the new folder's name before it
    is touched). Where it cannot be moved (another file system), it is not used.
    """
    new, old = beside(out, "new"), beside(out, "old")
    if not (spare and _reuse(spare, new, command)):
        new.mkdir()  # claim removed what a killed run left
        try:
            mark(new, command)
        except BaseException:
            new.rmdir()  # empty: made a moment ago
            raise
    try:
        yield new
        os.chmod(new, 0o755)
        if not out.exists():
            os.rename(new, out)
        elif _exchange(new, out):
            _retire(new, spare)  # now the old site
        else:
            os.rename(out, old)
            os.rename(new, out)
            _retire(old, spare)
    except BaseException:
        _recover(out, command)  # the new folder goes; the old site comes back if it was moved aside
        raise


@contextmanager
def spare_made(out: Path, spare: Path, command: str) -> Iterator[Callable[[], Path]]:
    """``spare`` for ``replacing`` (``ready()`` gives it once it is made), made while the block runs where there is
    none but there is a site in ``out`` (the first build after a cold one, or after ``.cache/`` was removed).

    It is made as a tree of hard links to the site in ``out`` by ``cp -al``, in a process of its own: on the
    other core, while this one assesses the site. Its files are then the current site's own, which the build
    keeps where they are, where it would otherwise wait while thousands of folders are made and files linked
    into an empty one. Marked first, a copy cut short is still ours: it only saves less. Without ``cp`` (or
    where ``out`` is on another file system), the build starts from an empty folder, as it did.
    """
    copying = _copy(out, spare, command)

    def ready() -> Path:
        if copying is not None:
            copying.wait()
        return spare

    try:
        yield ready
    finally:
        ready()  # never left running into the next command's spare


def _copy(out: Path, spare: Path, command: str) -> subprocess.Popen[bytes] | None:
    """``cp -al`` of the site in ``out`` into a new, marked ``spare``, started; None where there is nothing to do."""
    cp = shutil.which("cp")
    if cp is None or os.path.lexists(spare) or made_by(out) != command:
        return None
    try:
        if os.listdir(out) == [MARKER]:
            return None
        spare.parent.mkdir(parents=True, exist_ok=True)
        if os.stat(out).st_dev != os.stat(spare.parent).st_dev:
            return None  # no hard links from one file system to another; nor would the spare be moved beside ``out``
        spare.mkdir()
    except OSError:
        return None
    try:
        mark(spare, command)
        # its marker is the spare's own (cp says it is there, and goes on): the rest of the site is linked
        return subprocess.Popen(
            [cp, "-al", "--", os.path.join(out, "."), str(spare)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    except OSError:
        _remove_quietly(spare)
        return None


def _reuse(spare: Path, new: Path, command: str) -> bool:
    """Whether the spare copy of an earlier site (ours, a real folder) was moved to ``new`` to be built in."""
    if os.path.islink(spare) or not spare.is_dir() or made_by(spare) != command:
        return False  # none, or not ours: left alone
    try:
        os.rename(spare, new)
    except OSError:
        return False
    return True


def _retire(folder: Path, spare: Path | None) -> None:
    """The old site once the new one is in place: kept as the ``spare`` when there is one to keep (and
    nothing else has its name), else deleted."""
    if spare is not None and not os.path.lexists(spare) and os.listdir(folder) != [MARKER]:
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            os.rename(folder, spare)
            return
        except OSError:
            pass
    _remove_quietly(folder)


def beside(out: Path, what: str) -> Path:
    """The one name a build of ``out`` uses beside it for ``what`` ("new" or "old")."""
    return out.parent / f".{out.name}.{what}"


def _recover(out: Path, command: str) -> None:
    """Tidy what a killed run left beside ``out``: only our named, marked folders; never the only complete copy."""
    old = beside(out, "old")
    for leftover in (old, beside(out, "new")):
        if not os.path.lexists(leftover):
            continue
        if made_by(leftover) != command:
            raise OutputError(
                str(leftover), f"is in the way of '{command}' and was not made by it",
                hint="move it away, then run the command again",
            )
        if leftover == old and not os.path.lexists(out):
            os.rename(old, out)  # killed between the two renames: the old site comes back
        else:
            _remove(leftover)


def empty(folder: Path) -> None:
    """Delete everything in one of our folders but its marker."""
    for entry in os.scandir(folder):
        if entry.name != MARKER:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)


def _remove(folder: Path) -> None:
    """Delete one of our folders, its marker last: a kill midway leaves it still recognisably ours."""
    empty(folder)
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


def _remove_quietly(folder: Path) -> None:
    """``_remove`` once the new site is in place: what cannot be deleted now, the next run removes."""
    try:
        _remove(folder)
    except OSError:
        pass


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False where that is not possible."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # this file system or kernel cannot exchange
    raise OSError(number, os.strerror(number), str(second))


@cache
def _renameat2() -> Callable[..., int] | None:
    """The C library's renameat2, or None (not Linux, or a C library without it)."""
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
