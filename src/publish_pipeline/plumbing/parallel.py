"""Sharing independent documents between processes (both cores on the standard machine).

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
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from .memory import keeping_survivors, long_lived

Item = TypeVar("Item")
Result = TypeVar("Result")

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def share_out(function: Callable[[list[Item]], list[Result]], items: list[Item], *, threshold: int) -> list[Result]:
    """``function`` over ``items``, one result per item in item order; in processes from ``threshold`` items on.

    ``function`` must be picklable (a module-level function, or a ``functools.partial`` of one).
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(items) < threshold or workers < 2:
        return _keeping(function, items)
    with long_lived():  # the results live as long as the command (received here, unpickled by a thread)
        parts = _in_processes(function, [items[index::workers] for index in range(workers)])
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for index, part in enumerate(parts):
        results[index::workers] = part  # the chunks interleave the items
    return results


def _in_processes(function: Callable[[list[Item]], list[Result]], chunks: list[list[Item]]) -> list[list[Result]]:
    """``function`` over each chunk, each in its own process (what starts processes is loaded here, 15 ms: a
    command with less work than ``share_out``'s threshold never needs it)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(len(chunks), mp_context=context, initializer=start_worker, initargs=(os.getpid(),)) as pool:
        return list(pool.map(partial(_keeping, function), chunks))


def _keeping(function: Callable[[list[Item]], list[Result]], items: list[Item]) -> list[Result]:
    """``function`` over ``items``, whose results wait for the last item: what outlives a full collection is
    frozen out of the next one's sight (``keeping_survivors``)."""
    with keeping_survivors():
        return function(items)


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
