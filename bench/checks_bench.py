"""Benchmark of the check rules alone, on a site's PO files (issue 17).

    PYTHONPATH=src python bench/checks_bench.py ROOT [--repeat 5]

Every translated entry of ROOT's ``translations/`` is read and outlined first (the Markdown parses
are not what this measures); then ``check_entries_counting_silenced`` runs over each file's entries,
in a fresh process per repeat (so nothing one pass remembers helps the next), timed in CPU seconds.
Prints the median, and a digest of every problem and silenced count: two versions of the checks
that print the same digest found the same.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import time
from dataclasses import astuple
from pathlib import Path


def one_pass(root: Path) -> tuple[float, str, int]:
    """CPU seconds of the checks over every file, the digest of what they found, and how many problems."""
    from publish_pipeline.catalogs.catalog import read_catalog
    from publish_pipeline.catalogs.checks import Entry, check_entries_counting_silenced
    from publish_pipeline.catalogs.glossary import load_glossary

    glossary = load_glossary(root)
    files = []
    for path in sorted((root / "translations").rglob("*.po")):
        entries = [Entry(t, {}, glossary) for t in read_catalog(path, str(path)).translations if t.text]
        for entry in entries:
            entry.dutch, entry.english  # noqa: B018 - outlined before the clock starts
        files.append(entries)
    digest, count = hashlib.sha256(), 0
    started = time.process_time()
    found = [check_entries_counting_silenced(entries) for entries in files]
    seconds = time.process_time() - started
    for findings in found:
        digest.update(repr(([astuple(p) for p in findings.problems], findings.silenced)).encode())
        count += len(findings.problems)
    return seconds, digest.hexdigest()[:16], count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # one pass, in this process
    args = parser.parse_args()
    if args.one:
        print(*one_pass(args.root))
        return
    runs = [
        subprocess.run([sys.executable, __file__, str(args.root), "--one"], check=True, capture_output=True, text=True, env=os.environ).stdout.split()
        for _ in range(args.repeat)
    ]
    assert len({(digest, count) for _, digest, count in runs}) == 1, "the passes found different things"
    print(f"checks: {statistics.median(float(s) for s, _, _ in runs):.3f} s CPU (median of {args.repeat}), "
          f"{runs[0][2]} problems, digest {runs[0][1]}")


if __name__ == "__main__":
    main()
