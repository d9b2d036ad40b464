"""How far a long step is, told to the command (which shows a bar at a terminal), also from work ``share_out``
shares between processes.

A command hands the library its ``Phases``: each long step starts a phase (a title and how many items it has) and
says each item done. Of work shared between processes only the command's own share is seen (its ``Teller``): the
processes take the pieces of the work as they are free (``share_out``), so each item the command does stands for as
many of the whole as there are processes (``sharing``).
What a worker does is never told: a forked worker inherits the callback, and what it printed would cross the
command's bar.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

Item = TypeVar("Item")


class Advance(Protocol):
    """Told how many more items of a phase are done (and, when it is one, its name)."""

    def __call__(self, count: float, name: str = "") -> None: ...


Phases = Callable[[str, int], Advance]
"""Starts a phase (its title, how many items it has): what to tell of each item done."""


@dataclass(frozen=True)
class Teller:
    """Tells ``advance`` how far shared work of ``items`` items is (nothing, without ``advance``), from the process
    that made it only: handed to the work (``share_out``), it is with every share, and a forked worker must not tell.

    An object handed down to the work, not a setting of the process: two commands in one process (the workspace's
    threads) each tell their own bar.
    """

    advance: Advance | None = None
    items: int = 0
    process: int = field(default_factory=os.getpid, repr=False)

    def done(self, share: int) -> None:
        """One more item of a ``share`` of the work is done: its part of the whole (one item of each share; of a
        piece of work shared out, one of the items this process is to do: ``sharing``)."""
        if self.advance is None or self.process != os.getpid():
            return
        shared = _share.get()
        if shared is None:
            self.advance(self.items / share)
            return
        part = min(self.items / shared.items, self.items - shared.told)  # never past the end: this process may do more
        shared.told, shared.teller = shared.told + part, self
        self.advance(part)

    def each(self, share: Sequence[Item]) -> Iterator[Item]:
        """The items of a ``share`` of the work, each told (``done``) as it is started."""
        for item in share:
            self.done(len(share))
            yield item

    def __reduce__(self) -> tuple[type[Teller], tuple[()]]:
        return Teller, ()  # pickled to a worker that was not forked (the callback could not go): it tells nothing


@dataclass
class _Shared:
    """Work shared between processes, as this one tells it (``sharing``): how many of its items it is to do, how much
    of the whole it told, and the ``Teller`` that told it."""

    items: float
    told: float = 0
    teller: Teller | None = None


_share: ContextVar[_Shared | None] = ContextVar("share", default=None)


@contextmanager
def sharing(items: float) -> Iterator[None]:
    """While work is shared between processes, how many of its items this one is to do (``share_out``: of ``n`` items
    on ``p`` processes, ``n / p``): it is handed a piece at a time, and tells each item as that part of the whole. Each
    process takes the next piece as it is free, so it may do fewer: what is left untold is told once the work is done,
    and the bar ends at every item."""
    shared = _Shared(items)
    token = _share.set(shared)
    try:
        yield
    finally:
        _share.reset(token)
    teller = shared.teller
    if teller is not None and teller.advance is not None and shared.told < teller.items:
        teller.advance(teller.items - shared.told)


SILENT = Teller()
"""What work that is told nothing is given."""
