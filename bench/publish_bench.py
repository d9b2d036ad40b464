"""Benchmark of `publish`: a generated site of N approved posts (default 1,000).

    python bench/publish_bench.py [--posts 1000]

Prints the time of `extract` (cold), `status` and `publish` as whole processes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

WORDS = "vertrouwen loyaliteit frictie verandering team school leider belang keuze relatie gesprek zorg".split()


def make_site(root: Path, posts: int) -> None:
    (root / "pipeline.yaml").write_text("project: bench\nbase_url: https://bench.example.org\n", encoding="utf-8")
    for number in range(posts):
        words = [WORDS[(number + i) % len(WORDS)] for i in range(12)]
        blocks = [f"## Kop over {words[0]} en {words[1]}"]
        for index in range(10):
            blocks.append(f"Alinea over *{words[index]}* en [de {words[index + 1]}](/blog/post-{(number + 1) % posts:05d}/) in een team dat {words[index + 2]} zoekt.")
        blocks.append("- " + "\n- ".join(f"punt over {w}" for w in words[:4]))
        path = root / "source_nl" / "blog" / f"post-{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Over {words[0]} en {words[2]}\nsummary: Een blog over {words[3]}.\n"
            f"date: 2019-{number % 12 + 1:02d}-{number % 28 + 1:02d}\ntags: [{words[0]}]\n---\n\n" + "\n\n".join(blocks) + "\n",
            encoding="utf-8",
        )


def approve_all(root: Path) -> None:
    for path in (root / "translations").rglob("*.po"):
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr = f"{entry.msgid}-en" if entry.msgctxt == "slug" else f"EN {entry.msgid}"
        po.save(str(path))


def timed(root: Path, *task: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "publish_pipeline", *task, "--root", str(root)], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="publish-bench-"))
    try:
        make_site(root, args.posts)
        extract = timed(root, "extract")
        approve_all(root)
        status = timed(root, "status")
        publish = timed(root, "publish")
        pages = sum(1 for _ in (root / "public").rglob("index.html"))
        print(f"{args.posts} posts: extract (cold) {extract:.2f} s, status {status:.2f} s, publish {publish:.2f} s, {pages} pages built")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
