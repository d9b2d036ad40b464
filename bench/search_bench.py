"""Benchmark of the workspace's search across documents: a site of N posts (bench/corpus.py's, about 26 entries each,
every third PO file untranslated, the rest approved in word-for-word English), searched through the workspace's own
route (``GET /search``, the ASGI app: the guard, the search, the page rendered).

    python bench/search_bench.py [--posts 1000] [--site DIR]

Prints the wall time (and the processor time: the machine may be shared) of the first search (every PO file read and folded), then the median of later searches
(each PO file's size and time looked at, none read again), of one after a PO file changed (that one read again),
and of a search finding nothing. ``--site`` reuses a site made before (its PO files extracted).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402
from run import approve_in_english, catalogs  # noqa: E402

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from publish_pipeline.site import Site  # noqa: E402
from publish_pipeline.workspace.app import create_app  # noqa: E402

TOKEN, PORT = "t" * 32, 8001


def made(root: Path, posts: int) -> Path:
    write_corpus(root, posts)
    subprocess.run([sys.executable, "-m", "publish_pipeline", "extract", "--root", str(root)], check=True, capture_output=True)
    for index, po in enumerate(catalogs(root)):
        if index % 3:
            approve_in_english(po)
    return root


CPU: list[float] = []
"""The processor time of each search timed (this process's, its threads' too): the machine may be shared."""


def timed(client: TestClient, query: str) -> tuple[float, str]:
    start, cpu = time.perf_counter(), time.process_time()
    answer = client.get("/search", params={"q": query})
    assert answer.status_code == 200, answer.text
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start, answer.text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--site", type=Path)
    arguments = parser.parse_args()
    root = arguments.site or made(Path(tempfile.mkdtemp()) / "site", arguments.posts)
    site = Site.open(root)
    client = TestClient(create_app(site, TOKEN, PORT), base_url=f"http://127.0.0.1:{PORT}")
    client.get("/", params={"token": TOKEN})  # the cookie (and the documents list, which starts reading for the search)
    documents = len(site.source_paths())
    while not client.get("/api/listing").json()["ready"]:  # the documents list (and the search's reading) made first
        time.sleep(0.2)
    client.get("/")
    first, page = timed(client, "vertrouwen")
    shown = page.count('<li class="hit ')
    print(f"{documents} documents: first search {first:.3f} s (the PO files read as the list was made) ({shown} entries shown)")
    CPU.clear()
    later = [timed(client, word)[0] for word in ("loyaliteit", "Frictie", "tempo", "geduld", "moed", "ruimte", "keuze")]
    print(f"later searches: median {statistics.median(later):.3f} s, slowest {max(later):.3f} s (processor: median {statistics.median(CPU):.3f} s)")
    CPU.clear()
    nothing = [timed(client, "zzqx")[0] for _ in range(5)]
    print(f"a search finding nothing: median {statistics.median(nothing):.3f} s (processor: median {statistics.median(CPU):.3f} s)")
    po = catalogs(root)[len(catalogs(root)) // 2]
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    print(f"after one PO file changed: {timed(client, 'vertrouwen')[0]:.3f} s")
    print(f"load average while measured: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
