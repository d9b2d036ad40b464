"""Benchmark of `draft`: 2,000 unique segments against the local engine server with 50 ms latency.

    python bench/draft_bench.py [--segments 2000] [--latency 0.05]

Prints wall time at concurrency 1 and 4, and requests sent per unique segment on
a cold and on a warm cache. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from engine_server import EngineServer  # noqa: E402

from publish_pipeline.drafts.drafting import draft  # noqa: E402
from publish_pipeline.catalogs.extraction import extract  # noqa: E402
from publish_pipeline.site import Site  # noqa: E402

WORDS = "vertrouwen loyaliteit frictie verandering team school leider belang keuze relatie gesprek".split()


def make_site(root: Path, segments: int, concurrency: int) -> Site:
    per_document = 50
    for number in range(0, segments - 1, per_document):
        paragraphs = [
            f"Alinea {number + index}: {WORDS[index % len(WORDS)]} en {WORDS[(number + index) % len(WORDS)]} in *zin* {number}-{index}."
            for index in range(min(per_document - 1, segments - number - 1))
        ]
        path = root / "source_nl" / "blog" / f"post-{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Post {number}\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (root / "pipeline.yaml").write_text(f"translation:\n  concurrency: {concurrency}\n", encoding="utf-8")
    site = Site.open(root)
    extract(site)
    return site


def measure(segments: int, latency: float, concurrency: int) -> dict[str, float]:
    root = Path(tempfile.mkdtemp(prefix="draft-bench-"))
    try:
        site = make_site(root, segments, concurrency)
        with EngineServer(latency=latency) as server:
            started = time.perf_counter()
            cold = draft(site, url=server.url)
            cold_seconds = time.perf_counter() - started
            cold_requests = server.total
            for path in site.catalog_paths():  # throw the drafts away: the cache must answer
                path.unlink()
            extract(site)
            started = time.perf_counter()
            warm = draft(site, url=server.url)
            warm_seconds = time.perf_counter() - started
            warm_requests = server.total - cold_requests
        assert not cold.failures and cold.stopped is None, (cold.failures[:3], cold.stopped)
        return {
            "unique": cold.unique_texts,
            "cold_seconds": cold_seconds,
            "cold_per_unique": cold_requests / cold.unique_texts,
            "warm_seconds": warm_seconds,
            "warm_per_unique": warm_requests / warm.unique_texts,
            "entries": cold.entries,
        }
    finally:
        shutil.rmtree(root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    results = {c: measure(args.segments, args.latency, c) for c in (1, 4)}
    print(f"draft: {args.segments} segments, {args.latency * 1000:.0f} ms latency per request")
    print(f"{'concurrency':>11} {'unique':>7} {'cold s':>8} {'req/unique':>10} {'warm s':>7} {'req/unique':>10}")
    for concurrency, r in results.items():
        print(f"{concurrency:>11} {r['unique']:>7.0f} {r['cold_seconds']:>8.1f} {r['cold_per_unique']:>10.2f} {r['warm_seconds']:>7.2f} {r['warm_per_unique']:>10.2f}")
    print(f"speed-up at concurrency 4: {results[1]['cold_seconds'] / results[4]['cold_seconds']:.2f}x")


if __name__ == "__main__":
    main()
