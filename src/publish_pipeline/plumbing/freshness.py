"""Whether a site is still exactly as the last clean ``extract``, ``publish`` or ``export`` left it, told from file listings alone.

A no-op ``extract``, ``publish`` or ``export`` is the common case (an editor hook, a pre-commit
hook, CI on a push that changed nothing, a preview run twice). It should answer in
about the time the interpreter takes to start: before Invoke, YAML, polib, the
Markdown parser or Jinja are loaded. So this module uses the standard library only.
Each command keeps a record of its own (``RECORD_FILES``): the listing of what it
reads (every entry with its kind, size, modification and change time and inode, as
``git status`` does), what else its output depends on (``_context``: the code, and
for publish and export the git commit, the programs they run and the libraries that render,
and the options that change the output, such as export's ``--out``), and the lines it
printed, which the quick answer prints again.

A file changed in the file system clock's current tick could change again without
its times changing (the clock is coarse), so it is "racy": its content hash is kept
and compared too, until a later check sees the clock has moved on (``_Clock``).
Anything unexpected (a symlink, a missing record, a git state that cannot be read,
another version) means "not known to be fresh", and the real command runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import build_id
from .git import NO_REPOSITORY, git_dirs

OPTIONS = {"extract": (), "publish": (), "export": ("out",)}
"""The commands answered from a record, and the options of each that the record is kept for: each a folder,
taken relative to the current folder (another option, or ``publish --out``: the real command runs)."""
RECORD_FILES = {command: f".cache/publish_pipeline/{command}-fresh.json" for command in OPTIONS}
"""Each command's record: one per command, answered by the same code."""
DIGESTS_FILE = ".cache/publish_pipeline/digests.json"
SITE = ""
"""The site folder itself in a list of what a command reads: all of it but ``UNLISTED``."""
UNLISTED = frozenset({".git", ".cache"})
"""What a listing of the whole site leaves out: git's own folder (the commit HEAD names stands for it) and the caches."""
LEFT_OUT = "!"
"""Before a site-relative name in a list of what a command reads: that entry (and what it holds) is left out of the
listing (``!_site``: what another program writes into the site, which the command never reads)."""
SECONDS = "\x00seconds\x00"
"""Where, in a recorded line, the quick answer puts the seconds it took (publish's last line says them)."""
RENDERING = ("jinja2", "markdown_it_py", "mdit_py_plugins", "babel")
"""The distributions whose versions publish's and export's output depends on (``publishing._inputs_key``), as their
metadata folders are named (``markdown_it_py-4.3.0.dist-info``)."""
PROGRAMS = ("git", "msgfmt", "hugo")
"""The programs publish and export run: which English is live is read with git, PO files are checked with msgfmt, and
export asks hugo its version (what it warns of depends on it: installed after an export, hugo is no reason to replay
that export's "no hugo is installed here")."""
RACY_NS = 1_000_000_000
"""Files changed this close to the record (nanoseconds) are also compared by content, where the file system's own
clock cannot be read (``_Clock``)."""


def reading(root: Path, folders: list[str]) -> dict[str, list[Any]] | None:
    """What a command is about to read (``folders``, as ``record`` takes them): each entry's status, and the
    content digest of each file changed too recently to trust its times. Taken before the command reads,
    it is what ``record`` keeps of the inputs of a command that builds an output (a file changed while the
    command ran is then a change the next quick answer sees), and otherwise lets ``record`` tell such a file
    (then nothing is recorded). The listing
    the quick answer just took of the same folders, when it declined, is that listing: it is not taken twice
    (without the output its record names: ``record`` takes that as the command wrote it)."""
    # taken before the folder is known to be a site: the cache folder is not made for the clock's mark
    clock, found = _listed.pop((root, tuple(folders)), None) or (_Clock(root, make_cache=False), listing(root, folders))
    if found is None:
        return None
    return {name: [*status, file_digest(root / name) if _racy(root, name, status, clock) else None] for name, status in found.items()}


def record(
    root: Path, command: str, folders: list[str], said: list[str], digests: dict[str, str] | None = None,
    *, before: dict[str, list[Any]] | None = None, output: str | None = None, written: dict[str, list[int]] | None = None,
    options: dict[str, str] | None = None,
) -> None:
    """Remember what ``command`` read (``folders``: site-relative or absolute names, ``SITE`` for the whole site)
    and the lines it printed (``said``, ``SECONDS`` where its time goes), after it ended without an error or a warning.

    ``digests``: the SHA-256 of files whose content the command already knows (site-relative names).
    ``before``: ``reading`` of the same folders before the command read them.
    ``output`` (with ``before`` and ``written``): the folder the command builds (site-relative), and each file there
    as it wrote it. Then nothing is listed again: the record keeps the rest as ``before`` found it (a file changed
    since is a change the next quick answer sees; one racy when read and old enough now is compared by content
    once, here) and the output as ``written`` says (a file changed meanwhile is not as written), and the quick
    answer judges the output as publish's manifest does (``_as_written``).
    Else, with ``before``, unless everything but the files ``written`` names (size, modification time, inode;
    ``[]``: the command removed the file) is still as it was, nothing is recorded.
    ``options``: the command's options of ``OPTIONS`` as given, which the quick answer must be given too.
    """
    context = _context(root, command, options)
    if context is None:
        return
    if output is not None and before is not None and written is not None:
        clock = _Clock(root)
        entries = {name: status for name, status in before.items() if not _inside(name, output)}
        for name, status in entries.items():  # racy when read, settled now: its content then tells, once
            if status[-1] is not None and not _racy(root, name, status[:-1], clock):
                if file_digest(root / name) != status[-1]:
                    return  # changed while the command ran
                entries[name] = [*status[:-1], None]
        parts = output.split("/")
        try:  # the folders that hold the output: swapping it in changed their times
            entries.update({
                folder: [*_status(os.lstat(os.path.join(root, folder))), None]
                for folder in (SITE, *("/".join(parts[:end]) for end in range(1, len(parts)))) if folder in entries
            })
        except OSError:
            return
        data = {"context": context, "folders": folders, "entries": entries, "said": said, "output": [output, written]}
        _save(root, data, RECORD_FILES[command])
        return
    # Listed after the command read its files, so the file system's clock cannot tell an edit made while it ran:
    # the whole-second rule alone keeps a recent file's digest (the one the command read, where it says it); its
    # "now" is read before the listing, or a file listed just after an edit would pass for settled
    coarse = _Clock(root, exact=False)
    found = listing(root, folders)
    if found is None:
        return
    known = digests or {}
    entries = {
        name: [*status, (known.get(name) or file_digest(root / name)) if _racy(root, name, status, coarse) else None]
        for name, status in found.items()
    }
    if before is not None and not _unchanged_since(root, before, entries, written or {}):
        return  # an input changed while the command ran: what it read may not be what is there
    _save(root, {"context": context, "folders": folders, "entries": entries, "said": said}, RECORD_FILES[command])


def _inside(name: str, folder: str) -> bool:
    """Whether the listed ``name`` is ``folder`` or below it."""
    return name == folder or name.startswith(f"{folder}/")


def _as_written(listing: dict[str, list[int]], written: dict[str, list[int]], output: str) -> bool:
    """Whether the output (``listing``: the entries of ``output`` and below) holds exactly the files ``written``
    names, each as written (size, modification time, inode), and the folders that hold them: as publish's manifest
    judges its output (``Manifest.intact``; hard-linking a file into the next site moves its change time)."""
    folders = {output}
    for name in written:
        folder = name.rpartition("/")[0]
        while folder not in folders and len(folder) > len(output):  # each folder once: most files share theirs
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    files = 0
    for name, status in listing.items():
        if status and stat.S_ISDIR(status[0]):
            if name not in folders:
                return False
        elif not status or not stat.S_ISREG(status[0]) or written.get(name) != _written(status):
            return False
        else:
            files += 1
    return files == len(written)


def _unchanged_since(root: Path, before: dict[str, list[Any]], entries: dict[str, list[Any]], written: dict[str, list[int]]) -> bool:
    """Whether every entry of ``before`` is still as it was (the same names, statuses and, where ``before`` kept a
    digest (a racy file), content), but those the command changed: the files ``written`` names if they are as it
    wrote them, and folders (whose times change when a file in one is replaced: their entries are listed themselves)."""

    def folder(status: list[int] | None) -> bool:
        return bool(status) and stat.S_ISDIR(status[0])  # type: ignore[index]

    kept = {name: value[:-1] for name, value in before.items()}
    now = {name: value[:-1] for name, value in entries.items()}
    changed = {name for name in kept.keys() | now.keys() if kept.get(name) != now.get(name) and not folder(kept.get(name)) and not folder(now.get(name))}
    if any(name not in written or written[name] != _written(now.get(name)) for name in changed):
        return False
    return all(file_digest(root / name) == before[name][-1] for name in kept.keys() - changed if before[name][-1])


def _written(status: list[int] | None) -> list[int]:
    """A file's status as ``record``'s ``written`` gives it: its size, modification time and inode; ``[]`` when it is gone."""
    return [status[1], status[2], status[4]] if status else []


def fresh(root: Path, command: str, options: dict[str, str] | None = None) -> list[str] | None:
    """The lines ``command`` (with ``options``) printed last time if nothing it depends on has changed since; else None."""
    comparison = _compare(root, command, options, every=False)
    if comparison is None or not comparison[0]:
        return None
    return comparison[2]["said"]


def unchanged(root: Path) -> set[str]:
    """Site-relative names of the files that are, byte for byte, what the last clean extract saw."""
    comparison = _compare(root, "extract")
    return comparison[1] if comparison else set()


def _compare(
    root: Path, command: str, options: dict[str, str] | None = None, *, every: bool = True,
) -> tuple[bool, set[str], dict[str, Any]] | None:
    """(whether everything is as recorded, the files that are, the record); None without a usable record.
    Unless ``every`` file that is as recorded is wanted, the first difference ends the comparison (before any
    racy file is read)."""
    try:
        data = json.loads((root / RECORD_FILES[command]).read_text(encoding="utf-8"))
        context = _context(root, command, options)
        if context is None or data["context"] != context or not isinstance(data["said"], list):
            return None
        entries: dict[str, list[Any]] = data["entries"]
        output, written = data.get("output") or (None, {})
        if not isinstance(written, dict):
            return None
        listed = _Clock(root), listing(root, data["folders"], leaving=output)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    found = listed[1]
    if found is None:
        return None
    # for ``reading``, should the command run after all (without the output: ``record`` takes it as written)
    _listed[(root, tuple(data["folders"]))] = listed
    matching = [name for name, status in found.items() if name in entries and entries[name][:-1] == status]
    if not every and not len(matching) == len(found) == len(entries):
        return False, set(), data  # the output is not even listed (half the site's entries, after a publish)
    built = True
    if output is not None:  # the output, as publish wrote it
        made = listing(root, [output])
        if made is None:
            return None
        built = _as_written(made, written, output)
        if not every and not built:
            return False, set(), data
    clock, trusted, same = listed[0], False, set()
    for name in matching:
        digest = entries[name][-1]
        settled = digest is not None and not _racy(root, name, found[name], clock)  # told before its content is read
        if digest is not None and file_digest(root / name) != digest:
            continue
        same.add(name)
        if settled:
            entries[name][-1], trusted = None, True  # the clock has moved on: its times will tell from here on
    if trusted:
        _save(root, data, RECORD_FILES[command])
    return built and len(same) == len(found) == len(entries), same, data


def _context(root: Path, command: str, options: dict[str, str] | None = None) -> dict[str, Any] | None:
    """What a command's output depends on besides the files it lists; None when part of it cannot be told.

    Every command: the code, the site folder and its options (each folder as an absolute path). Publish
    and export also: the commit HEAD resolves to (which English is live depends on committed history),
    the programs they run, the libraries that render and the variables that steer git.
    """
    given = {name: os.path.abspath(value) if value else "" for name, value in (options or {}).items()}
    context: dict[str, Any] = {"code": build_id(), "root": str(root), "options": [[name, given.get(name, "")] for name in OPTIONS[command]]}
    if command == "extract":
        return context
    git = _git_state(root)
    if git is None:
        return None
    return {
        **context, "git": git, "programs": [_program(name) for name in PROGRAMS], "libraries": libraries(),
        "environment": sorted([name, value] for name, value in os.environ.items() if name.startswith("GIT_")),
    }


def listing(root: Path, names: list[str], *, leaving: str | None = None) -> dict[str, list[int]] | None:
    """Each entry under ``names`` (site-relative or absolute; ``SITE``: all of the site but ``UNLISTED``) with its
    status ([] when missing), but the site-relative folder ``leaving`` and what it holds, and those ``names`` leaves
    out (``LEFT_OUT``); None if there is a symlink."""
    found: dict[str, list[int]] = {}
    folders = []
    skipped = {name[1:] for name in names if name.startswith(LEFT_OUT)}
    for name in names:
        if name.startswith(LEFT_OUT):
            continue
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
                if folder == SITE and entry.name in UNLISTED:
                    continue
                if entry.is_symlink():
                    return None
                name = f"{folder}/{entry.name}" if folder else entry.name
                if name == leaving or name in skipped:
                    continue
                found[name] = _status(entry.stat(follow_symlinks=False))
                if entry.is_dir(follow_symlinks=False):
                    folders.append(name)
    return found


def _status(status: os.stat_result) -> list[int]:
    return [status.st_mode, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def _racy(root: Path, name: str, status: list[int], clock: _Clock) -> bool:
    """A file (not a folder: its entries are listed) changed too recently to trust its times (``name``: as listed)."""
    return bool(status) and stat.S_ISREG(status[0]) and clock.racy(max(status[2], status[3]), lambda: os.lstat(os.path.join(root, name)).st_dev)


class _Clock:
    """When a command looked at its files: which of them are racy, changed so recently that a later change
    could leave their status as it is.

    A file's times come from the file system's clock, which moves in ticks (milliseconds, or seconds on
    some file systems): a file changed in the tick it was read in can change again unseen. So the clock is
    read as the file system keeps it: the change time of a file made in the site's cache (``mark``: made
    before any file this clock judges is read, when first wanted). A file on the same file system last
    changed before that is settled: any later change falls in a later tick, and shows in its times (git's
    racy-git rule, with the clock read before the files are, where git reads it after, in its index's time). Where no
    file can be made there (or ``exact`` is False; or, unless ``make_cache``, there is no cache folder yet), or
    the file is on another file system, it is racy until ``RACY_NS`` has passed since its change.
    """

    def __init__(self, root: Path, *, exact: bool = True, make_cache: bool = True) -> None:
        self.now = time.time_ns()
        self._root = root
        self._mark: tuple[int, int] | None = None
        self._marked = not exact
        self._make_cache = make_cache

    def mark(self) -> tuple[int, int] | None:
        """The file system's device and its time now (nanoseconds), as a file made now has it; None when none can be made."""
        if not self._marked:
            self._marked, self._mark = True, file_system_time(self._root, make_cache=self._make_cache)
        return self._mark

    def racy(self, changed: int, device: Callable[[], int]) -> bool:
        """Whether a file last changed at ``changed`` (its later time) is racy (``device``: its file system's)."""
        if self.now - changed >= RACY_NS:
            return False
        mark = self.mark()
        if mark is None or changed >= mark[1]:
            return True
        try:
            return device() != mark[0]
        except OSError:
            return True


def file_system_time(root: Path, *, make_cache: bool = True) -> tuple[int, int] | None:
    """The device of the file system ``root``'s cache is on, and its clock's time now, as the change time of a file
    made there now (then removed); None when no file can be made there (or, unless ``make_cache``, there is no
    cache folder: a folder that is no site is left as it was)."""
    path = os.path.join(root, os.path.dirname(DIGESTS_FILE), f".clock.{os.getpid()}.tmp")
    try:
        if make_cache:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        try:
            made = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # left by a killed run of a process with our number: made anew, its times now
            os.unlink(path)
            made = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            found = os.fstat(made)
        finally:
            os.close(made)
            os.unlink(path)
    except OSError:
        return None
    return found.st_dev, max(found.st_mtime_ns, found.st_ctime_ns)


_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def _git_state(root: Path) -> list[str] | None:
    """The commit HEAD resolves to in the repository git finds from ``root`` (looking upward, as git does), and the
    digest of its list of shallow commits (a deepened clone has more history under the same HEAD); ``["no git"]``
    when there is none; None when it cannot be told (no commit yet, refs in another format, a ``GIT_DIR``)."""
    found = git_dirs(root)  # from their files, as git finds them; None where git alone can tell
    if found is None:
        return None
    if found == NO_REPOSITORY:
        return ["no git"]
    git_dir, common = found
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        for _ in range(5):  # a symbolic ref may name another one; a loop of them never resolves
            if not head.startswith("ref:"):
                break
            head = _ref(git_dir, common, head.removeprefix("ref:").strip())
    except (OSError, UnicodeDecodeError):
        return None
    return [head, file_digest(common / "shallow")] if _COMMIT.fullmatch(head) else None


def _ref(git_dir: Path, common: Path, name: str) -> str:
    """What ref ``name`` holds: its loose file (a worktree's own refs first, then the shared ones), else its
    line in ``packed-refs``; "" when neither has it."""
    for folder in (git_dir, common):
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8").strip()
    try:
        packed = (common / "packed-refs").read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    for line in packed.splitlines():
        commit, _, ref = line.partition(" ")
        if ref == name:
            return commit
    return ""


def _program(name: str) -> list[Any] | None:
    """Where ``name`` is on the search path, as a shell finds it, with its file's status (installed, upgraded or
    removed, it is noticed); None when there is none."""
    for folder in os.get_exec_path():
        path = os.path.join(folder, name)
        try:
            found = os.stat(path)
        except OSError:
            continue
        if stat.S_ISREG(found.st_mode) and os.access(path, os.X_OK):
            return [path, *_status(found)]
    return None


def libraries() -> list[list[Any]]:
    """The metadata folder of each of the ``RENDERING`` libraries along the import path (its name says the version),
    with its status: an upgrade or reinstall changes it. (``importlib.metadata`` costs 20–40 ms to import.)"""
    found = []
    for folder in sys.path:
        try:
            with os.scandir(folder or ".") as entries:
                names = sorted(
                    (entry.path, entry.stat()) for entry in entries
                    if entry.name.endswith((".dist-info", ".egg-info")) and entry.name.split("-", 1)[0].lower().replace(".", "_") in RENDERING
                )
        except OSError:
            continue
        found += [[path, *_status(status)] for path, status in names]
    return found


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
    was racy when its digest was kept (changed in the clock tick it was read in, see ``_Clock``:
    a later write in that tick could leave its status as it was): such a file is read again,
    until a later call sees the clock moved on. The cache only saves time; damaged or unwritable,
    every file is read.
    """
    clock = _Clock(root)
    try:
        data = json.loads((root / DIGESTS_FILE).read_text(encoding="utf-8"))
        kept: dict[str, list[Any]] = data["files"] if data["version"] == 2 else {}
    except (OSError, ValueError, KeyError, TypeError):
        kept = {}
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
        if isinstance(known, list) and known[:-1] == status and isinstance(known[-1], str):
            digests[path] = known[-1]
        elif stat.S_ISREG(found.st_mode):
            racy = clock.racy(max(status[1], status[2]), lambda: found.st_dev)  # told before the file is read
            digests[path], read = file_digest(path), True
            if racy:
                files[name] = [*status, None]  # read again next time
                continue
        else:
            digests[path] = ""  # a named pipe is never opened; a folder has no bytes
            continue
        files[name] = [*status, digests[path]]
    if read or files.keys() != kept.keys():
        _save(root, {"version": 2, "files": files}, DIGESTS_FILE)
    return digests


def _save(root: Path, data: dict[str, Any], file: str) -> None:
    """Write the record, or another cache of this module."""
    write_cache(root / file, json.dumps(data))


def write_cache(path: Path, text: str | bytes) -> None:
    """Replace a file of ``.cache/`` by ``text`` in one step (a reader sees the old file or the new one), never
    synced to disk: a cache only saves time, so one lost in a crash, or that cannot be written, only costs time."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            temporary.write_bytes(text)
        else:
            temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException as stop:  # also Ctrl-C, which leaves no temporary file either
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        if not isinstance(stop, OSError):
            raise


_declined: set[tuple[str, Path, str]] = set()
_listed: dict[tuple[Path, tuple[str, ...]], tuple[_Clock, dict[str, list[int]] | None]] = {}
"""The last listing ``_compare`` took of a site's folders, and when: ``reading`` takes it instead of listing again."""


def answer(command: str, root: str, options: dict[str, str] | None = None) -> bool:
    """Answer ``command`` (with ``options``, of ``OPTIONS``) on the site in ``root`` as it would, when nothing it
    depends on changed since its last clean run: its lines again, with the seconds this took; False to run it."""
    started = time.perf_counter()
    site = Path(root).resolve()
    asked = (command, site, json.dumps(options or {}, sort_keys=True))  # the program gives {}, a task may give None
    if asked in _declined:
        return False
    said = fresh(site, command, options)
    if said is None:
        _declined.add(asked)  # asked again in this process (the program, then its task): the answer stands
        return False
    seconds = f"{time.perf_counter() - started:.2f}"
    print("\n".join(line.replace(SECONDS, seconds) for line in said), flush=True)
    return True
