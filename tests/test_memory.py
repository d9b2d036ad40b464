"""long_lived and keeping_survivors: what lives as long as the command is kept out of the collector's sight."""

from __future__ import annotations

import gc

from publish_pipeline.plumbing.memory import YOUNG, keeping_survivors, long_lived


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


def _seen_by_the_collector(objects: list[object]) -> int:
    """How many of ``objects`` the collector's next full pass would look at (frozen ones are out of its sight)."""
    ids = {id(item) for item in objects}
    return sum(id(item) in ids for item in gc.get_objects())


def test_inside_keeping_survivors_what_outlives_a_full_collection_is_frozen() -> None:
    with keeping_survivors():
        results = [[number] for number in range(1000)]  # results kept until the work is done
        assert _seen_by_the_collector(results) == len(results)
        gc.collect(1)  # a young collection freezes nothing
        assert _seen_by_the_collector(results) == len(results)
        gc.collect()
        assert _seen_by_the_collector(results) == 0, "each result is looked at by one full collection, not by every one"
        later = [[number] for number in range(10)]
    gc.collect()
    assert _seen_by_the_collector(later) == len(later), "outside, the collector works as before"


def test_inside_keeping_survivors_garbage_is_still_collected() -> None:
    import weakref

    class Node:
        pass

    with keeping_survivors():
        cycle = Node()
        cycle.self = cycle  # type: ignore[attr-defined]
        gone = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert gone() is None


def test_keeping_survivors_inside_another_keeps_on_until_the_outer_one_ends() -> None:
    with keeping_survivors():
        with keeping_survivors():
            pass
        results = [[number] for number in range(100)]
        gc.collect()
        assert _seen_by_the_collector(results) == 0
    assert all(callback.__name__ != "_freeze_survivors" for callback in gc.callbacks)


def test_inside_keeping_survivors_the_young_objects_are_collected_less_often() -> None:
    """A document's parse lives while it is judged: the collector looks at the young objects every ``YOUNG``, then as before."""
    before = gc.get_threshold()
    with keeping_survivors():
        assert gc.get_threshold() == (YOUNG, *before[1:])
        with keeping_survivors():
            assert gc.get_threshold()[0] == YOUNG
        assert gc.get_threshold()[0] == YOUNG, "the inner one leaves it to the outer one"
    assert gc.get_threshold() == before
