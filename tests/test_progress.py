"""The ``Teller`` handed to work shared between processes: it tells the command's bar, from the command's process only."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from publish_pipeline.plumbing.progress import SILENT, Teller


def test_each_item_of_a_share_stands_for_as_many_of_the_whole_as_there_are_shares() -> None:
    told: list[float] = []
    teller = Teller(lambda count, name="": told.append(count), 9)
    assert list(teller.each(["a", "b", "c"])) == ["a", "b", "c"]  # the command's share of three, of nine items
    assert told == [3.0, 3.0, 3.0]


def test_two_tellers_at_once_each_tell_their_own_bar() -> None:
    """The trial: what was told lived in a global of the process, set by one work and cleared when it ended, so the
    work under way beside it (the workspace's threads, a command's nested step) told its bar nothing more."""
    outer: list[float] = []
    inner: list[float] = []
    first, second = Teller(lambda count, name="": outer.append(count), 2), Teller(lambda count, name="": inner.append(count), 4)
    for _ in first.each([1, 2]):
        list(second.each([1, 2, 3, 4]))  # begun and ended within the first
    assert outer == [1.0, 1.0] and inner == [1.0] * 8


def test_a_worker_tells_nothing_forked_or_pickled(tmp_path: Path) -> None:
    said = tmp_path / "said"
    teller = Teller(lambda count, name="": said.write_text("told"), 4)
    child = os.fork()
    if child == 0:  # a forked worker inherits the teller, callback and all
        teller.done(1)
        os._exit(0)
    os.waitpid(child, 0)
    assert not said.exists()
    pickle.loads(pickle.dumps(teller)).done(1)  # a worker that was not forked gets it pickled: the callback stays home
    assert not said.exists()
    SILENT.done(1)
    teller.done(1)
    assert said.read_text() == "told"
