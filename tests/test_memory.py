"""long_lived: what lives as long as the command is made with the collector paused, then frozen out of its sight."""

from __future__ import annotations

import gc

from publish_pipeline.plumbing.memory import long_lived


def test_objects_made_inside_are_frozen_and_the_collector_runs_again_after() -> None:
    frozen = gc.get_freeze_count()
    with long_lived():
        assert not gc.isenabled()
        kept = [[number] for number in range(1000)]  # lists: always tracked by the collector
        with long_lived():  # inside another: changes nothing
            assert not gc.isenabled()
        assert gc.get_freeze_count() == frozen, "frozen when the outer one ends, not before"
    assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(kept)


def test_garbage_made_before_is_collected_not_frozen() -> None:
    """A cycle that is garbage when the objects are frozen would never be freed: one collection comes first."""
    import weakref

    class Node:
        pass

    cycle = Node()
    cycle.self = cycle  # type: ignore[attr-defined]
    gone = weakref.ref(cycle)
    del cycle
    with long_lived():
        pass
    assert gone() is None


def test_with_the_collector_off_it_stays_off() -> None:
    gc.disable()
    try:
        with long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
