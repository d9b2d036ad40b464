"""Memory that lives as long as the command: kept out of the cyclic garbage collector's sight.

A command that reuses what the last one kept loads, for every document, its verdict,
its documents and its pages: at 10,000 documents several million objects that live
until the command ends. Python's collector looks at every object again each time their
number grows by a quarter, which made a third of a publish's CPU at that size (and
grows faster than the site). ``long_lived`` collects what is garbage already (cheap: the
objects frozen before are not looked at), loads them with the collector paused, then
freezes them (``gc.freeze``): later collections look only at what is made after them.
Reference counting still frees a frozen object (the workspace's server assesses the site
on each request); only a cycle among them waits for the end of the process, where they are
given back to the collector (``gc.unfreeze``): what is closed by its last collection (the
cache's database, which then tidies its journal) is closed as without them.

Work over every document also keeps its results until the last document is done (a
worker's share of verdicts or pages, the parts it wrote): ``keeping_survivors`` freezes
whatever outlives a full collection, so that no object is looked at by more than one.
Without it each full pass looked again at every result made so far, and their number
grew with the results: a tenth of the CPU of a cold ``status`` at 10,000 documents, sixty
times as long as at 1,000 for ten times the documents. And the young objects are looked at less often there
(``YOUNG``): each document's parse lives while the document is judged.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache


@contextmanager
def long_lived() -> Iterator[None]:
    """Objects made inside live as long as the command: made with the collector paused, then frozen (the
    garbage there was before is collected first: once frozen it would never be freed). Inside another
    ``long_lived`` (or with the collector off) it changes nothing."""
    if not gc.isenabled():
        yield
        return
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
        _unfreeze_at_exit()


YOUNG = 20_000
"""How many more objects are made than freed before the collector looks at the young ones, inside
``keeping_survivors`` (Python's default is 700). A document's parse is thousands of objects that live while the
document is judged and die by their reference counts, in no cycle: at 700 each young collection looked at the
parse so far, 5 % of a cold status's, export's or publish's CPU (at 100 posts, one process), a third of it at
20,000. A cycle among young objects is freed as surely, a little later."""


@contextmanager
def keeping_survivors() -> Iterator[None]:
    """Inside, what survives a full collection is frozen at once (``gc.freeze``): the next full collection
    looks only at what was made after it; and the young objects are collected every ``YOUNG`` objects. Garbage
    is still collected as before, by the collection that finds it first; only a cycle among frozen objects waits
    for the end of the process (they die by their reference counts as any other)."""
    if _freeze_survivors in gc.callbacks:  # inside another: it is already so
        yield
        return
    thresholds = gc.get_threshold()
    gc.callbacks.append(_freeze_survivors)
    gc.set_threshold(max(YOUNG, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.callbacks.remove(_freeze_survivors)


def _freeze_survivors(phase: str, info: dict[str, int]) -> None:
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()  # between collections: the collector's lists are whole again
        _unfreeze_at_exit()


@cache
def _unfreeze_at_exit() -> None:
    atexit.register(gc.unfreeze)
