"""Worker processes: results in item order, no inherited lock, no life after their parent."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, still_running
from publish_pipeline.plumbing import parallel
from publish_pipeline.plumbing.locking import LOCK_FILE, site_lock
from publish_pipeline.plumbing.parallel import share_out
from publish_pipeline.site import Site

pytestmark = pytest.mark.skipif(not Path("/proc/self/fdinfo").is_dir(), reason="needs Linux's /proc")


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def _processes_and_lock_descriptors(items: list[int]) -> list[tuple[int, int, list[str]]]:
    """Per item: the process that handled it, the item, and the open files of that process named ``lock``."""
    opened = []
    for name in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue
        if target.endswith("/lock"):
            opened.append(target)
    return [(os.getpid(), item, opened) for item in items]


def test_items_come_back_in_order_from_workers_that_do_not_hold_the_site_lock(tmp_path: Path, two_cores: None) -> None:
    (tmp_path / "source_nl").mkdir()
    site = Site.open(tmp_path)
    with site_lock(site, "extract"):
        results = share_out(_processes_and_lock_descriptors, list(range(9)), threshold=2)
        lock = str(site.root / LOCK_FILE)
        assert lock in _processes_and_lock_descriptors([0])[0][2]  # the parent holds it
    assert [item for _, item, _ in results] == list(range(9))
    own = [item for process, item, _ in results if process == os.getpid()]
    assert own[0] == 0 and len(own) < len(results)  # the first piece is the command's own; the next went to a worker
    assert all(lock not in opened for process, _, opened in results if process != os.getpid())


def _calls(items: list[int]) -> list[tuple[int, int, int]]:
    """Per item: the process that handled it, the item, and how many items that call had."""
    return [(os.getpid(), item, len(items)) for item in items]


def test_a_worker_sends_its_results_back_a_piece_at_a_time(two_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's whole share came back as one pickle (at 10,000 documents, 5,000 verdicts with their English):
    held whole in the worker, and again in this process beside what it unpickled."""
    monkeypatch.setattr(parallel, "PIECE", 2)
    results = share_out(_calls, list(range(41)), threshold=2)
    assert [item for _, item, _ in results] == list(range(41))
    assert [calls for _, _, calls in results] == [2] * 34 + [1] * 7  # each call a piece; the last (a quarter of what is left) smaller
    assert any(process != os.getpid() for process, _, _ in results)


def _slow_in_workers(items: list[int]) -> list[int]:
    """The items, slowly in a worker (as if other programs kept its core busy), at once in the command's process."""
    if os.getpid() != COMMAND:
        time.sleep(0.3)
    return [os.getpid()] * len(items)


COMMAND = os.getpid()


def test_a_process_kept_busy_does_less_of_the_work(two_cores: None) -> None:
    """Cut in halves, the work kept the command waiting for the worker whose core other programs kept busy (7 s of
    a cold publish's 18 on a shared machine): each process now takes the next piece as it is free."""
    done = share_out(_slow_in_workers, list(range(32)), threshold=2)  # pieces of 8, 6, 4, 3, 2 …
    assert done.count(COMMAND) >= 32 - 6 - 4  # the worker took its first piece, and at most one more


class _Unpicklable:
    """Work that pickle refuses (as a publish's jobs with their templates would be): a forked worker inherits it."""

    def __init__(self, offset: int) -> None:
        self.offset = offset

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("pickled")

    def __call__(self, items: list[int]) -> list[tuple[int, int]]:
        return [(os.getpid(), item + self.offset) for item in items]


def test_forked_workers_inherit_their_work_instead_of_receiving_it_pickled(two_cores: None) -> None:
    results = share_out(_Unpicklable(100), list(range(5)), threshold=2)
    assert [item for _, item in results] == [100, 101, 102, 103, 104]
    assert len({process for process, _ in results}) == 2
    assert parallel._work is None  # the command holds none: the workers got it as they started


def test_below_the_threshold_the_work_stays_in_this_process(two_cores: None) -> None:
    assert {process for process, _, _ in share_out(_processes_and_lock_descriptors, [1, 2], threshold=3)} == {os.getpid()}


CHILD = """
import os, sys, time
from pathlib import Path
from publish_pipeline.plumbing.locking import site_lock
from publish_pipeline.plumbing.parallel import share_out
from publish_pipeline.site import Site

folder = Path(sys.argv[1])

def wait_long(items):
    (folder / f"worker-{os.getpid()}").touch()
    time.sleep(3600)  # far beyond still_running's patience: only their parent's end ends them
    return items

os.cpu_count = lambda: 2
with site_lock(Site.open(folder), "publish"):
    share_out(wait_long, [1, 2, 3, 4], threshold=2)
"""


def test_a_killed_parent_takes_its_workers_along_and_leaves_the_lock_free(tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    (tmp_path / "source_nl").mkdir()
    parent = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], env=environment)
    deadline = time.monotonic() + 20
    while len(list(tmp_path.glob("worker-*"))) < 2 and parent.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = [int(path.name.removeprefix("worker-")) for path in tmp_path.glob("worker-*")]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    try:
        assert not still_running(workers)
    finally:
        for worker in still_running(workers, within=0):
            os.kill(worker, signal.SIGKILL)
    with site_lock(Site.open(tmp_path), "extract"):
        pass  # free at once: no worker kept it


def test_a_worker_whose_parent_is_already_gone_ends_itself() -> None:
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the forked child
        try:
            parallel.die_with_parent(os.getppid() + 1)  # as if the parent that forked us had died before we asked
        finally:
            os._exit(0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 1


def _results_seen_after_a_full_collection(items: list[int]) -> list[tuple[list[int], int]]:
    """Per item a result, and how many of the results made before it a full collection then still looks at."""
    results: list[tuple[list[int], int]] = []
    for item in items:
        gc.collect()
        made = {id(result) for result in results}
        results.append(([item], sum(id(seen) in made for seen in gc.get_objects())))
    return results


@pytest.mark.parametrize("threshold", [2, 100], ids=["in workers", "in this process"])
def test_results_waiting_for_the_last_item_are_looked_at_by_one_full_collection(two_cores: None, threshold: int) -> None:
    """Each full pass of the collector looked again at every result made so far: quadratic in the site's size."""
    results = share_out(_results_seen_after_a_full_collection, list(range(20)), threshold=threshold)
    assert [seen for _, seen in results] == [0] * 20


def test_results_received_from_workers_are_out_of_the_collectors_sight(two_cores: None) -> None:
    results = share_out(_processes_and_lock_descriptors, list(range(9)), threshold=2)
    received = {id(result) for result in results}
    assert not any(id(seen) in received for seen in gc.get_objects())


def test_sharing_out_again_and_again_keeps_no_more_memory(two_cores: None) -> None:
    """What is frozen but dropped is freed by its reference count (a server assesses the site on each request)."""
    share_out(_processes_and_lock_descriptors, list(range(9)), threshold=2)
    frozen = gc.get_freeze_count()
    for _ in range(3):
        share_out(_processes_and_lock_descriptors, list(range(9)), threshold=2)
    assert gc.get_freeze_count() <= frozen


def test_work_below_the_threshold_loads_nothing_that_starts_processes() -> None:
    """An incremental command shares out a handful of documents in its own process: multiprocessing (15 ms to
    load) is loaded only where processes start."""
    program = (
        "import sys; from publish_pipeline.plumbing import parallel; "
        "assert parallel.share_out(list, [1, 2], threshold=64) == [1, 2]; "
        "print(sorted({'multiprocessing', 'ctypes', 'concurrent.futures.process'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", program], env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


def test_what_this_process_freed_is_given_back_before_it_forks(two_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked worker starts with every page its parent holds counted in its size, freed or not (publish lets
    the assessment go before it renders: at 10,000 documents its memory stayed each worker's)."""
    given: list[int] = []
    monkeypatch.setattr(parallel, "give_back_freed", lambda: given.append(len(given)))
    share_out(_calls, list(range(4)), threshold=2)
    share_out(_calls, list(range(4)), threshold=5)  # no fork: nothing to give back for
    assert given == [0]
    parallel.give_back_freed()  # callable as it is (glibc here: malloc_trim)


def test_workers_stopped_by_a_server_in_a_thread_stop_that_servers_threads_only(two_cores: None) -> None:
    """A workspace stopped in a thread (a test's, or any process that goes on) ended every share after it: the next
    command's share in the main thread failed (``BrokenProcessPool``), a test after a workspace test's among them.
    What ``stop_workers`` ends is the shares at work and those of the threads at work as it stops."""
    import threading
    from concurrent.futures.process import BrokenProcessPool

    release = threading.Event()
    listing = threading.Thread(target=release.wait, args=(30,), name="a documents list")  # at work as the server stops
    listing.start()
    server = threading.Thread(target=parallel.stop_workers, name="a server")
    server.start()
    server.join()
    try:
        assert [item for _, item, _ in share_out(_calls, list(range(6)), threshold=2)] == list(range(6))  # the main thread's

        failed: list[BaseException] = []

        def later() -> None:  # a share the list thread begins after the stop: its workers end at once
            try:
                share_out(_calls, list(range(6)), threshold=2)
            except BrokenProcessPool as error:
                failed.append(error)

        release.set()
        listing.join()
        stopped = threading.Thread(target=later)
        parallel._stopped.add(stopped)  # as a thread at work at the stop is
        stopped.start()
        stopped.join()
        assert failed
    finally:
        release.set()
        parallel._stopped.clear()
