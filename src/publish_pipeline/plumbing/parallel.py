"""Sharing independent documents between processes (both cores on the standard machine).

The command does the first share itself and forks a worker for each other one. A forked
worker finds its share, and what to do with it, in the memory it inherits: nothing is
pickled on the way there (a publish's jobs, each with its documents, were 10 MB), and only
the workers' results come back pickled (the command's own share never is), a piece of the
share at a time (``PIECE``).

The workers are forked children of the command, and a fork shares every open file of its
parent, the site's lock among them. So each worker, as it starts, ties its life to its
parent's (a killed command takes its workers along) and lets go of the inherited lock (a
worker never keeps the next command waiting).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .memory import keeping_survivors, long_lived

Item = TypeVar("Item")
Result = TypeVar("Result")

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

_pools: set[Any] = set()
"""The pools whose workers are at work now (``_in_processes``), for ``stop_workers``."""
_pools_lock = threading.Lock()
_stopped: weakref.WeakSet[threading.Thread] = weakref.WeakSet()
"""The threads whose shares ``stop_workers`` ended, for the shares they begin after it."""


def share_out(function: Callable[[list[Item]], list[Result]], items: list[Item], *, threshold: int) -> list[Result]:
    """``function`` over ``items``, one result per item in item order; in processes from ``threshold`` items on.

    Where processes cannot be forked, ``function`` and the items are pickled to the workers: then ``function``
    must be picklable (a module-level function, or a ``functools.partial`` of one).
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(items) < threshold or workers < 2:
        return _keeping(function, items)
    parts = _in_processes(function, [items[index::workers] for index in range(workers)])
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for index, part in enumerate(parts):
        results[index::workers] = part  # the chunks interleave the items
    return results


_inherited: tuple[Callable[[list[Any]], list[Any]], list[list[Any]]] | None = None
"""The work of the workers being forked: what to do and the pieces of their shares (``_in_processes``)."""

PIECE = 256
"""The most items a worker does before it sends their results back. A worker's results come back pickled, in one
message per piece: the whole share of a cold publish at 10,000 documents (5,000 verdicts with their English) was one
pickle, held whole by the worker beside what it pickled and by this process beside what it unpickled. A piece is
a multiple of the assessment's batch (``status.BATCH``)."""


def _in_processes(function: Callable[[list[Item]], list[Result]], chunks: list[list[Item]]) -> list[list[Result]]:
    """``function`` over each chunk: the first in this process, the others in as many processes of their own, a
    piece at a time (what starts processes is loaded here, 15 ms: a command with less work than ``share_out``'s
    threshold never needs it)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _inherited
    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if forked else None
    pieces = [[chunk[start : start + PIECE] for start in range(0, len(chunk), PIECE)] for chunk in chunks[1:]]
    others = [piece for chunk in pieces for piece in chunk]
    give_back_freed()
    try:
        with ProcessPoolExecutor(len(pieces), mp_context=context, initializer=start_worker, initargs=(os.getpid(),)) as pool:
            with _pools_lock:  # its workers start here: stopped meanwhile, they are stopped at once
                if forked:
                    _inherited = (function, others)
                    futures = [pool.submit(_inherited_share, index) for index in range(len(others))]
                else:
                    futures = [pool.submit(_keeping, function, piece) for piece in others]
                _pools.add(pool)
                if threading.current_thread() in _stopped:
                    _kill_workers(pool)
            try:
                own = _keeping(function, chunks[0])
                with long_lived():  # the results live as long as the command (unpickled as they come in by the pool's manager
                    # thread, mostly while this process does its own share; what is left, here)
                    done = iter([future.result() for future in futures])
                    return [own, *([result for _ in chunk for result in next(done)] for chunk in pieces)]
            finally:
                with _pools_lock:
                    _pools.discard(pool)
    finally:
        _inherited = None


def stop_workers() -> None:
    """End the workers of every share at work in a thread of this process, and of those the threads at work now
    begin later: the share waiting for them fails (``BrokenProcessPool``) and writes nothing. A server stopping
    (``review --serve``, Ctrl-C) calls it: Python waits at exit for the workers of a pool to finish their shares (a
    cold documents list: half a minute). The thread that calls it and the main thread go on sharing out (a server
    stopped in a test's thread leaves the tests after it their workers)."""
    with _pools_lock:
        here, main = threading.current_thread(), threading.main_thread()
        _stopped.update(thread for thread in threading.enumerate() if thread not in (here, main))
        for pool in _pools:
            _kill_workers(pool)


def _kill_workers(pool: Any) -> None:
    """Kill ``pool``'s worker processes (its manager thread then reaps them and fails what waits for them)."""
    for process in list(pool._processes.values()):  # Python 3.14 has pool.kill_workers()
        process.kill()


def _inherited_share(index: int) -> list[Any]:
    """In a forked worker: piece ``index`` of the work it inherited (``_inherited``), done."""
    assert _inherited is not None, "a worker forked without its work"
    function, pieces = _inherited
    return _keeping(function, pieces[index])


def _keeping(function: Callable[[list[Item]], list[Result]], items: list[Item]) -> list[Result]:
    """``function`` over ``items``, whose results wait for the last item: what outlives a full collection is
    frozen out of the next one's sight (``keeping_survivors``)."""
    with keeping_survivors():
        return function(items)


def give_back_freed() -> None:
    """Give the memory this process freed but still holds back to the system (glibc's ``malloc_trim``), before it
    forks: each worker starts with every page of it counted in its own size. Publish lets the assessment go before
    it renders (its pages hold what they show of it); freed, its memory stayed this process's and each worker's.
    Elsewhere than glibc nothing is done."""
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except AttributeError:
        return
    trim(0)


def start_worker(parent: int) -> None:
    """Prepare a worker forked from process ``parent``: it dies with its parent and holds no file lock."""
    die_with_parent(parent)
    close_inherited_locks()


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` ends (elsewhere than Linux: a watching thread).

    The parent may already have died between the fork and this call; then nobody would
    send the signal, so the check of who our parent is comes after asking for it.
    """
    import ctypes

    if not (sys.platform.startswith("linux") and ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0):
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


_FLOCK = re.compile(r"^lock:.*\b(?:FLOCK|OFDLCK)\b", re.MULTILINE)


def close_inherited_locks() -> None:
    """Close the descriptors this process shares with its parent that hold a file lock (the site's lock).

    Closing drops only this process's share of the open file, so the parent keeps its
    lock while it lives, and it goes with the parent (unlocking instead would free it for
    the parent too). Linux lists a descriptor's own locks in /proc/self/fdinfo; where
    there is no such list, the worker dies with its parent, which frees the lock soon after.
    """
    folder = Path("/proc/self/fdinfo")
    if not folder.is_dir():
        return
    for entry in list(folder.iterdir()):
        try:
            if _FLOCK.search(entry.read_text()):
                os.close(int(entry.name))
        except (OSError, ValueError):
            continue  # the listing's own descriptor, already closed
