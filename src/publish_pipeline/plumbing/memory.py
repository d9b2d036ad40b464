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


@cache
def _unfreeze_at_exit() -> None:
    atexit.register(gc.unfreeze)
