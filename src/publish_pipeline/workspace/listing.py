"""The documents list as the workspace makes it: in a thread of its own, one at a time, telling how far it is;
and the document that needs her next in it (``next_document``).

A first list of a thousand documents on a cold cache judges each of them (as a cold ``status`` does: tens of
seconds on a loaded machine). Made in the event loop, it held every request of the server, the page stayed
empty, and she could not tell a slow server from a stopped one. Made here, the page of a long list waits for it a
moment (``patience``: a list whose verdicts are kept comes whole at once), else shows how far it is and the
documents by name, each to be opened meanwhile, and reloads itself when it is done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, wait
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..catalogs.catalog import APPROVED
from ..plumbing.progress import Advance, Phases
from ..quality.status import DocumentStatus

Made = TypeVar("Made")

PATIENCE = 1.5
"""Seconds a request of a long list waits for it before the page says how far it is instead."""
MANY = 100
"""Documents from which a list is long: a shorter one comes whole, whatever it takes (a hundred judged anew: seconds)."""


def patience(documents: int) -> float | None:
    """Seconds a request of the list of ``documents`` documents waits for it (None: until it is made)."""
    return PATIENCE if documents >= MANY else None


@dataclass(frozen=True)
class Progress:
    """How far the list being made is: ``done`` of ``total`` documents judged (0 of 0: not started, or all kept)."""

    done: int
    total: int
    ready: bool


class Listing(Generic[Made]):
    """What ``make`` makes (told how far it is, as ``Phases``), one making at a time in a thread: the requests that
    come meanwhile join it; the one that shows it ``took`` it, and the next asks for a new one. One begun before she
    ``saved`` is not shown once made: she opened a document meanwhile, and it would say her entry still waits."""

    def __init__(self, make: Callable[[Phases], Made]) -> None:
        self.make = make
        self._lock = threading.Lock()
        self._making: Future[Made] | None = None
        self._done, self._total = 0.0, 0
        self._saves = self._saves_before = 0
        self._stopped: BaseException | None = None
        self._latest: Made | None = None

    def latest(self) -> Made | None:
        """The last list made (shown or not), without waiting for one; None before the first is made."""
        return self._latest

    def making(self) -> Future[Made]:
        """The list being made, or made since her last save and not yet shown; else a new one, started now (one begun
        before her save and still being made: once that one is done, from the verdicts it kept)."""
        with self._lock:
            if self._stopped is not None:
                stopped: Future[Made] = Future()
                stopped.set_exception(self._stopped)
                return stopped
            if self._making is None or self._saves_before != self._saves:  # made of the files as they were before her save
                self._saves_before = self._saves
                before, self._making, self._done, self._total = self._making, Future(), 0.0, 0
                threading.Thread(target=self._make, args=(self._making, before), name="workspace list", daemon=True).start()
            return self._making

    def took(self, made: Future[Made]) -> None:
        """``made`` is shown: the next list is made anew (the files may change meanwhile)."""
        with self._lock:
            if self._making is made:
                self._making = None

    def saved(self) -> None:
        """She saved an entry: the list made meanwhile, or before, is made again when next asked for."""
        with self._lock:
            self._saves += 1

    def stop(self, why: BaseException) -> None:
        """The server stops: a request waiting for the list being made is answered ``why`` at once (it held the
        server's stop until the list was made: seconds), and no list is made after it."""
        with self._lock:
            self._stopped = why
            if self._making is not None and not self._making.done():
                self._making.set_exception(why)

    def progress(self) -> Progress:
        """How far the list is that the next request would show."""
        making = self._making
        return Progress(int(self._done), self._total, making is None or making.done())

    def _make(self, made: Future[Made], before: Future[Made] | None) -> None:
        if before is not None:
            wait([before])  # one making at a time: its verdicts kept, this one judges only what changed since
        try:
            result = self.make(self._phase)
        except BaseException as error:  # told to the request that shows it, which says it as every page does
            with self._lock:
                if not made.done():  # failed by ``stop`` meanwhile
                    made.set_exception(error)
            return
        with self._lock:
            self._latest = result
            if not made.done():
                made.set_result(result)

    def _phase(self, title: str, items: int) -> Advance:
        self._done, self._total = 0.0, items

        def advance(count: float, name: str = "") -> None:
            self._done += count

        return advance


@dataclass(frozen=True)
class Next:
    """The document that needs her next (``next_document``): its id and Dutch title, how many of its entries wait
    for review and its check errors (an unreadable file: ``unreadable``), and whether the list was gone round to it
    (``from_top``: none after the one she is on)."""

    document_id: str
    title: str
    to_review: int
    errors: int
    unreadable: bool
    from_top: bool

    @property
    def said(self) -> str:
        """What it waits for, as the link says it in brackets."""
        if self.unreadable:
            return "its file cannot be read"
        parts = [f"{self.to_review} to review"] if self.to_review or not self.errors else []
        return ", ".join([*parts, *([f"{self.errors} check {'error' if self.errors == 1 else 'errors'}"] if self.errors else [])])


def to_review(document: DocumentStatus) -> int:
    """How many entries of the document ``document`` judges wait for review (not approved); 0 where its file
    cannot be read (nothing was read to count)."""
    return document.entries - document.counts.get(APPROVED, 0) if document.catalog_error is None else 0


def next_document(
    rows: Sequence[DocumentStatus], titles: dict[str, tuple[str, str | None]], after: str | None,
    needs: Callable[[DocumentStatus], bool],
) -> Next | None:
    """The first document of ``rows`` (the documents list, in its order) after the one ``after`` names that ``needs``
    her, else the first before it (the list gone round: ``from_top``); the first of all that needs her where ``after``
    is None; None where no other document needs her."""
    ids = [row.document_id for row in rows]
    at = ids.index(after) + 1 if after in ids else 0
    for index, row in [*((i, row) for i, row in enumerate(rows) if i >= at), *((i, row) for i, row in enumerate(rows) if i < at)]:
        if row.document_id != after and needs(row):
            title = titles.get(row.document_id, (row.document_id, None))[0]
            return Next(row.document_id, title, to_review(row), row.errors, row.catalog_error is not None, after is not None and index < at)
    return None
