"""How far a long step is, told to the command (which shows a bar at a terminal), also from work ``share_out``
shares between processes.

A command hands the library its ``Phases``: each long step starts a phase (a title and how many items it has) and
says each item done. Of work shared between processes only the command's own share is seen: the shares interleave
the items (``share_out``), so each item of it stands for as many of the whole as there are shares. What a worker
does is never told: a forked worker inherits the callback, and what it printed would cross the command's bar.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol, TypeVar

Item = TypeVar("Item")


class Advance(Protocol):
    """Told how many more items of a phase are done (and, when it is one, its name)."""

    def __call__(self, count: float, name: str = "") -> None: ...


Phases = Callable[[str, int], Advance]
"""Starts a phase (its title, how many items it has): what to tell of each item done."""

_told: tuple[int, Advance, int] | None = None
"""While shared work is told (``telling``): the command's process, what to tell, how many items the work has."""


@contextmanager
def telling(advance: Advance | None, items: int) -> Iterator[None]:
    """Within: ``done`` tells ``advance`` how far the shared work of ``items`` items is (nothing, without ``advance``)."""
    global _told
    _told = (os.getpid(), advance, items) if advance else None
    try:
        yield
    finally:
        _told = None


def done(share: int) -> None:
    """One more item of a ``share`` of the work is done: its part of the whole, told from the command's process only."""
    if _told is not None and _told[0] == os.getpid():
        _told[1](_told[2] / share)


def each_told(share: Sequence[Item]) -> Iterator[Item]:
    """The items of a ``share`` of the work, each told (``done``) as it is started."""
    for item in share:
        done(len(share))
        yield item
