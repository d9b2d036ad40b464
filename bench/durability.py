"""How long durable writes take, by way of flushing them, with and without another program writing.

    python bench/durability.py [--posts 1000] [--repeat 5] [--strategies syncfs,serial,pool,pool32]
                               [--cases extract,batch] [--writer-mb 256] [--no-writer-fsync] [--where DIR]

Every command writes its files the same way (files.py): each new text goes to a
temporary file beside its file, the temporaries are flushed to disk, then each is
renamed over its file and the folder is flushed. This script swaps the first two
steps (``files._stage_all``) for each strategy:

  syncfs  every temporary file written, then one syncfs(2) per batch: it flushes every
          dirty page of the whole file system, other programs' too (the former way)
  serial  each temporary file written and flushed with fdatasync(2), one after another
  pool    the same on files.SYNC_THREADS (8) threads, the disk seeing many flushes at once
          (the project's way)
  pool32  the same on 32 threads

and times, in fresh folders under --where (default: a temporary folder; give a
folder on the file system you care about):

  extract   a cold ``extract`` of the bench corpus (bench/corpus.py, --posts posts):
            the whole command in a process of its own, batches of 128 PO files
  batch     ``files.write_many_atomic`` of 256 pages of a post's size (one batch of export)

each alone and while another program writes heavily to the same file system (a
process writing a file of --writer-mb MB over and over and fsyncing it after each pass, as a
careful copy does, or with --no-writer-fsync leaving it to the kernel, as cp does; started a
second before the runs and stopped after them). Runs of the strategies are
interleaved, so that each repeat compares them in the same minute.

Prints one line per case, strategy and writer: the median and the worst wall time
over the runs, the median CPU time (user + system: the command's for extract, this process's for
batch) and every run's wall time in order.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

from corpus import post, write_corpus  # noqa: E402

from publish_pipeline.plumbing import files  # noqa: E402


def syncfs_after_writing(writes: Sequence[tuple[Path, str]]) -> list[Path | OSError]:
    """The former ``files._stage_all``: every temporary file written, then one syncfs per file system."""
    temporaries: list[Path | OSError] = []
    for path, text in writes:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        temporaries.append(Path(name))
    syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    for folder in {path.parent.stat().st_dev: path.parent for path, _ in writes}.values():
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            if syncfs(descriptor) != 0:
                raise OSError(ctypes.get_errno(), "syncfs failed")
        finally:
            os.close(descriptor)
    return temporaries


PROJECT_STAGE_ALL = files._stage_all
STRATEGIES = {"syncfs": 0, "serial": 1, "pool": files.SYNC_THREADS, "pool32": 32}
"""Each strategy's number of threads for files._stage_all (0: syncfs_after_writing instead)."""


def use(strategy: str) -> None:
    """Have files.py make its writes durable by ``strategy``."""
    threads = STRATEGIES[strategy]
    files._stage_all = PROJECT_STAGE_ALL if threads else syncfs_after_writing  # type: ignore[assignment]
    files.SYNC_THREADS = threads


WRITER = """
import os, sys
block = os.urandom(4 << 20)
with open(sys.argv[1], "wb") as stream:
    while True:
        for _ in range(int(sys.argv[2]) // 4):
            stream.write(block)
        stream.flush()
        if sys.argv[3] == "fsync":
            os.fsync(stream.fileno())
        stream.seek(0)
"""
"""Another program writing heavily: a file of argv[2] MB over and over, made durable after each pass when argv[3] is
"fsync" (as a careful copy does), else left to the kernel to write out (as cp does)."""


@contextmanager
def other_writer(folder: Path, on: bool, megabytes: int, fsync: bool) -> Iterator[None]:
    """A process writing heavily into ``folder`` while the block runs (nothing when not ``on``)."""
    if not on:
        yield
        return
    target = folder / "other-writer.bin"
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(megabytes), "fsync" if fsync else "-"])
    try:
        time.sleep(1.0)  # under way before the measured run starts
        yield
    finally:
        process.kill()
        process.wait()
        target.unlink(missing_ok=True)


def time_extract(corpus: Path, folder: Path, strategy: str) -> tuple[float, float]:
    """(wall, CPU) seconds of a cold extract of a fresh copy of ``corpus``."""
    site = folder / "site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus, site)
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--command", strategy, "extract", "--root", str(site)],
                   check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(site)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


BATCH = 256


def time_batch(folder: Path, strategy: str) -> tuple[float, float]:
    """(wall, CPU) seconds of ``write_many_atomic`` of one export batch of new pages."""
    pages = folder / "pages"
    shutil.rmtree(pages, ignore_errors=True)
    writes = [(pages / f"{number // 32}" / f"post-{number:04}.md", post(number)) for number in range(BATCH)]
    os.sync()
    use(strategy)
    started, cpu = time.perf_counter(), time.process_time()
    files.write_many_atomic(writes)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    shutil.rmtree(pages)
    return wall, cpu


def run_command(strategy: str, arguments: list[str]) -> None:
    """The program itself, with ``strategy`` making its writes durable (run as a child by time_extract)."""
    use(strategy)
    sys.argv = ["publish-pipeline", *arguments]
    from publish_pipeline.__main__ import main

    main()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--strategies", default=",".join(STRATEGIES))
    parser.add_argument("--cases", default="extract,batch")
    parser.add_argument("--where", type=Path, default=None)
    parser.add_argument("--writer-mb", type=int, default=256, help="the size of the other program's file")
    parser.add_argument("--writer-fsync", action=argparse.BooleanOptionalAction, default=True,
                        help="whether the other program fsyncs its file after each pass")
    parser.add_argument("--command", help=argparse.SUPPRESS)
    arguments, rest = parser.parse_known_args()
    if arguments.command:
        run_command(arguments.command, rest)
        return
    strategies = arguments.strategies.split(",")
    with tempfile.TemporaryDirectory(prefix="durability-", dir=arguments.where) as name:
        folder = Path(name)
        corpus = write_corpus(folder / "corpus", arguments.posts)
        cases = {"extract": lambda s: time_extract(corpus, folder, s), "batch": lambda s: time_batch(folder, s)}
        for case in arguments.cases.split(","):
            for writer in (False, True):
                runs: dict[str, list[tuple[float, float]]] = {strategy: [] for strategy in strategies}
                with other_writer(folder, writer, arguments.writer_mb, arguments.writer_fsync):
                    for _ in range(arguments.repeat):
                        for strategy in strategies:
                            runs[strategy].append(cases[case](strategy))
                for strategy, measured in runs.items():
                    walls = [wall for wall, _ in measured]
                    print(f"{case:8} {strategy:7} {'with' if writer else 'without':7} another writer:"
                          f" median {statistics.median(walls):6.3f} s, worst {max(walls):6.3f} s,"
                          f" CPU {statistics.median(cpu for _, cpu in measured):6.3f} s"
                          f"  ({' '.join(f'{wall:.2f}' for wall in walls)})", flush=True)


if __name__ == "__main__":
    main()
