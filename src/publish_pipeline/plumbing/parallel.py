"""Sharing independent documents between processes (both cores on the standard machine).

The work is cut into pieces (``PIECE``); the command and a worker it forks for each other
core take them one at a time, each the next piece nobody has taken, until none is left: all
end together, however busy other programs keep each core. A forked worker finds the work in
the memory it inherits: nothing is pickled on the way there (a publish's jobs, each with its
documents, were 10 MB), and only the workers' results come back pickled (the command's own
never are), a piece at a time.

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
from .progress import sharing

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
    pieces, start = [], 0
    while start < len(items):
        size = max(1, min(PIECE, (len(items) - start) // (workers * SHRINK)))
        pieces.append(items[start : start + size])
        start += size
    with sharing(len(items) / workers):  # this process's items each stand for as many of the whole (see progress)
        return [result for piece in _in_processes(function, pieces, workers) for result in piece]


PIECE = 64
"""The most items in a piece of the work: the processes take the pieces one at a time, and a worker sends the results
of each back as it is done (its whole share of a cold publish at 10,000 documents, 5,000 verdicts with their English,
was one pickle, held whole by the worker beside what it pickled and by this process beside what it unpickled). The
assessment's batch (``status.BATCH``: the PO files msgfmt checks in one go)."""

SHRINK = 2
"""Each piece is at most a ``1 / (SHRINK × processes)`` of what is left: the last pieces are small, since the last a
process takes is what the others may wait for (at 1,000 documents on two cores: 64 at a time, then 58, 43, 32 … 1)."""


def _in_processes(function: Callable[[list[Item]], list[Result]], pieces: list[list[Item]], workers: int) -> list[list[Result]]:
    """``function`` over each piece, in this process and in ``workers - 1`` processes of its own, each taking the next
    piece nobody has taken as it is free (``_Claims``), so that all end together however busy the machine keeps each
    of them: split in fixed halves, one process waited seconds for the other on a machine shared with other programs.
    What starts processes is loaded here, 15 ms: a command with less work than ``share_out``'s threshold never needs it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else None)
    workers = min(workers, len(pieces))
    claims = _Claims(context, len(pieces), first=workers)  # the first piece is this process's, the next each worker's
    give_back_freed()
    # the workers are handed the work as they start: forked, they inherit it; else it is pickled to each once
    with ProcessPoolExecutor(
        workers - 1, mp_context=context, initializer=start_worker, initargs=(os.getpid(), (function, pieces, claims)),
    ) as pool:
        with _pools_lock:  # its workers start here: stopped meanwhile, they are stopped at once
            futures = [pool.submit(_piece_done, index) for index in range(1, workers)]
            futures += [pool.submit(_piece_done) for _ in range(workers, len(pieces))]
            _pools.add(pool)
            if threading.current_thread() in _stopped:
                _kill_workers(pool)
        try:
            done: list[list[Result] | None] = [None] * len(pieces)
            index: int | None = 0
            while index is not None:
                done[index] = _keeping(function, pieces[index])
                index = claims.next()
            with long_lived():  # the results live as long as the command (unpickled as they come in by the pool's manager
                # thread, mostly while this process does its own pieces; what is left, here)
                for future in futures:
                    if (result := future.result()) is not None:
                        done[result[0]] = result[1]
            return done  # type: ignore[return-value]  # every piece is taken once
        finally:
            with _pools_lock:
                _pools.discard(pool)


class _Claims:
    """Which pieces of the work are taken: a counter the processes share. The pieces before ``first`` are given out
    before anyone claims (one to each process: each has work however fast the others start)."""

    def __init__(self, context: Any, pieces: int, first: int) -> None:
        self._next = context.Value("q", first)
        self._pieces = pieces

    def next(self) -> int | None:
        """The next piece nobody has taken, now taken; None when all are."""
        with self._next.get_lock():
            index = self._next.value
            if index >= self._pieces:
                return None
            self._next.value = index + 1
            return index


_work: tuple[Callable[[list[Any]], list[Any]], list[list[Any]], _Claims] | None = None
"""In a worker: the work it shares (what to do, the pieces, and who took which), handed over as it starts (``start_worker``)."""


def _piece_done(index: int | None = None) -> tuple[int, list[Any]] | None:
    """In a worker: piece ``index`` (or, without one, the next piece nobody has taken) done, with its index; None when
    every piece is taken."""
    assert _work is not None, "a worker started without its work"
    function, pieces, claims = _work
    index = claims.next() if index is None else index
    return None if index is None else (index, _keeping(function, pieces[index]))


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


def start_worker(parent: int, work: tuple[Callable[[list[Any]], list[Any]], list[list[Any]], _Claims] | None = None) -> None:
    """Prepare a worker forked from process ``parent``: it dies with its parent and holds no file lock; ``work``: the
    work it shares (see ``_piece_done``)."""
    global _work
    _work = work
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
