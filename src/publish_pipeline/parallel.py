"""Sharing independent documents between processes (both cores on the standard machine)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def share_out(function: Callable[[list[Item]], list[Result]], items: list[Item], *, threshold: int) -> list[Result]:
    """``function`` over ``items``, one result per item in item order; in processes from ``threshold`` items on.

    ``function`` must be picklable (a module-level function, or a ``functools.partial`` of one).
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(items) < threshold or workers < 2:
        return function(items)
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        parts = list(pool.map(function, [items[index::workers] for index in range(workers)]))
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for index, part in enumerate(parts):
        results[index::workers] = part  # the chunks interleave the items
    return results
