"""The performance benchmark: publish_pipeline against po4a, Translate Toolkit and mdpo.

    python bench/run.py [--posts 1000] [--no-peers]

Generates the corpus (bench/corpus.py), times every step as a whole process
(wall time and peak memory, from /usr/bin/time), runs the peers the way their
documentation recommends — Translate Toolkit's md2po/pot2po/po2md over the
directory, mdpo's Python API in one process, po4a with one configuration for all
files — and measures identity round-trip fidelity: how many posts, translated
with msgstr = msgid, render to the same HTML as the source. The peers are
installed in a throwaway venv (bench/.peers) and from Debian (po4a), never as
dependencies of the project. Prints a table; add --write to update bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from corpus import edit_tenth, translate, write_corpus  # noqa: E402

from publish_pipeline import markdown  # noqa: E402
from publish_pipeline.document import parse_document  # noqa: E402

PEERS = HERE / ".peers"


def timed(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak MB) of one whole process."""
    with tempfile.NamedTemporaryFile("r") as report:
        started = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *args], cwd=cwd, env=env or os.environ.copy(),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        return seconds, int(report.read().strip().splitlines()[-1]) / 1024


REPEAT = 3
"""Each step runs this many times, each on a fresh copy of its input; the median run is reported."""


def median_of(
    step: Callable[[Path], tuple[float, float]],
    template: Path,
    before: Callable[[Path], None] | None = None,
    after: Callable[[Path], None] | None = None,
) -> tuple[float, float]:
    """The median (by time) of ``step`` run on fresh copies of ``template``; ``before`` and ``after`` see each copy.

    The file system is synced before each run, so that no run pays for writing out its predecessor's files.
    """
    runs = []
    for attempt in range(REPEAT):
        copy = template.with_name(f"{template.name}-run{attempt}")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(template, copy, symlinks=True)
        if before:
            before(copy)
        os.sync()
        runs.append(step(copy))
        if after:
            after(copy)
        shutil.rmtree(copy, ignore_errors=True)
    return sorted(runs)[len(runs) // 2]


def ours(root: Path, *task: str) -> tuple[float, float]:
    return timed([sys.executable, "-m", "publish_pipeline", *task, "--root", str(root)])


def identity(po_path: Path) -> None:
    po = polib.pofile(str(po_path), wrapwidth=0)
    for entry in po:
        entry.msgstr = entry.msgid
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save(str(po_path))


def approve_in_english(po_path: Path) -> None:
    po = polib.pofile(str(po_path), wrapwidth=0)
    for entry in po:
        entry.msgstr = f"{entry.msgid}-en" if entry.msgctxt == "slug" else translate(entry.msgid)
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save(str(po_path))


def status_before(root: Path) -> None:
    """A status ran before; since then the translator changed every PO file (its verdicts no longer apply)."""
    ours(root, "status", "--json")
    (root / ".cache/publish_pipeline/verdicts.json").unlink()


def settled(root: Path) -> None:
    """As on the author's machine: extracted a while ago, then she edits; nothing else is pending on disk."""
    ours(root, "extract")
    time.sleep(1.1)  # the files are older than the clock's grain (see freshness)
    ours(root, "extract")
    edit_tenth(root)
    os.sync()


def same_html(source: Path, result: Path) -> bool:
    """Whether a round-tripped post renders like its source (front matter set aside)."""
    try:
        body = parse_document(result.read_text(encoding="utf-8"), "x", "x").body
    except Exception:
        body = result.read_text(encoding="utf-8")
    original = parse_document(source.read_text(encoding="utf-8"), "x", "x").body
    return markdown.render(body).split() == markdown.render(original).split()


def run_ours(base: Path, posts: int) -> dict[str, object]:
    site = base / "ours"
    write_corpus(site, posts)
    results: dict[str, object] = {}
    results["extract (cold)"] = median_of(lambda root: ours(root, "extract"), site)
    ours(site, "extract")
    time.sleep(1.1)  # as after any real edit-and-extract: the files are older than the clock's grain
    ours(site, "extract")  # settles: a no-op now finds every file as the last extract left it
    results["extract (no-op)"] = sorted(ours(site, "extract") for _ in range(REPEAT))[REPEAT // 2]  # in place: a copy is a change
    results["extract (10% edited)"] = median_of(lambda root: ours(root, "extract"), site, before=settled)
    edit_tenth(site)
    ours(site, "extract")
    identical = base / "ours-identity"
    shutil.copytree(site, identical)
    for path in (identical / "translations").rglob("*.po"):
        identity(path)
    ours(identical, "export", "--out", str(base / "ours-export"))
    sources = sorted((site / "source_nl/blog").glob("*.md"))
    results["fidelity"] = sum(same_html(s, base / "ours-export/en/blog" / s.name) for s in sources)
    for path in (site / "translations").rglob("*.po"):
        approve_in_english(path)  # the translator's work: English that differs from the Dutch, all approved
    checks: list[tuple[float, float]] = []
    results["status"] = median_of(lambda root: ours(root, "status", "--json"), site, after=lambda root: checks.append(ours(root, "check")))
    results["check"] = sorted(checks)[len(checks) // 2]
    results["status (PO files changed since the last)"] = median_of(lambda root: ours(root, "status", "--json"), site, before=status_before)
    results["export"] = median_of(lambda root: ours(root, "export", "--out", str(root / "export")), site)
    results["publish"] = median_of(lambda root: ours(root, "publish"), site)
    if posts <= 2000:  # draft's own benchmark is bench/draft_bench.py; here a tenth of the corpus
        results["draft"] = draft_timing(base, max(posts // 10, 10))
    return results


def draft_timing(base: Path, posts: int) -> tuple[float, float, int]:
    from engine_server import EngineServer

    site = base / "ours-draft"
    write_corpus(site, posts)
    ours(site, "extract")
    with EngineServer() as server:
        (site / "pipeline.yaml").write_text(f"project: bench\ntranslation:\n  url: {server.url}\n", encoding="utf-8")
        seconds, memory = ours(site, "draft")
        return seconds, memory, server.total


def run_translate_toolkit(base: Path, posts: int) -> dict[str, object]:
    work = base / "tt"
    write_corpus(work, posts)
    python = str(PEERS / "bin/python")

    def md2po(root: Path, out: str, *options: str) -> tuple[float, float]:
        return timed([python, "-m", "translate.convert.md2po", "--progress=none", *options, "-i", str(root / "source_nl/blog"), "-o", str(root / out)])

    results: dict[str, object] = {}
    results["extract (cold)"] = median_of(lambda root: md2po(root, "po"), work)
    md2po(work, "po")
    edit_tenth(work)
    results["extract (10% edited)"] = median_of(lambda root: (
        md2po(root, "pot", "-P"),
        timed([python, "-m", "translate.convert.pot2po", "--progress=none", "-t", str(root / "po"), "-i", str(root / "pot"), "-o", str(root / "merged")]),
    )[1], work)  # the merge is timed; the template it merges is made just before
    md2po(work, "pot", "-P")
    timed([python, "-m", "translate.convert.pot2po", "--progress=none", "-t", str(work / "po"), "-i", str(work / "pot"), "-o", str(work / "merged")])
    for path in (work / "merged").rglob("*.po"):
        identity(path)
    results["export"] = median_of(lambda root: timed(
        [python, "-m", "translate.convert.po2md", "--progress=none", "-t", str(root / "source_nl/blog"), "-i", str(root / "merged"), "-o", str(root / "out")]
    ), work)
    timed([python, "-m", "translate.convert.po2md", "--progress=none", "-t", str(work / "source_nl/blog"), "-i", str(work / "merged"), "-o", str(work / "out")])
    results["fidelity"] = sum(same_html(s, work / "out" / s.name) for s in sorted((work / "source_nl/blog").glob("*.md")))
    return results


MDPO_SCRIPT = """
import sys, glob, os
from mdpo.md2po import markdown_to_pofile
from mdpo.po2md import pofile_to_markdown
mode, source, target = sys.argv[1:4]
os.makedirs(target, exist_ok=True)
for path in sorted(glob.glob(os.path.join(source, '*.md'))):
    name = os.path.basename(path)[:-3]
    po = os.path.join(target, name + '.po')
    if mode == 'extract':
        markdown_to_pofile(path, po_filepath=po, save=True, location=True)
    else:
        pofile_to_markdown(path, po, save=os.path.join(target, name + '.md'))
"""


def run_mdpo(base: Path, posts: int) -> dict[str, object]:
    work = base / "mdpo"
    write_corpus(work, posts)
    script = base / "mdpo_api.py"
    script.write_text(MDPO_SCRIPT, encoding="utf-8")
    python = str(PEERS / "bin/python")

    def mdpo(root: Path, mode: str) -> tuple[float, float]:
        return timed([python, str(script), mode, str(root / "source_nl/blog"), str(root / "po")])

    results: dict[str, object] = {}
    results["extract (cold)"] = median_of(lambda root: mdpo(root, "extract"), work)
    mdpo(work, "extract")
    edit_tenth(work)
    results["extract (10% edited)"] = median_of(lambda root: mdpo(root, "extract"), work)
    mdpo(work, "extract")
    for path in (work / "po").glob("*.po"):
        identity(path)
    results["export"] = median_of(lambda root: mdpo(root, "translate"), work)
    mdpo(work, "translate")
    results["fidelity"] = sum(same_html(s, work / "po" / s.name) for s in sorted((work / "source_nl/blog").glob("*.md")))
    return results


def run_po4a(base: Path, posts: int) -> dict[str, object]:
    work = base / "po4a"
    write_corpus(work, posts)
    names = sorted(p.name for p in (work / "source_nl/blog").glob("*.md"))
    config = ["[po4a_langs] en", "[po4a_paths] po/all.pot en:po/en.po", "[options] opt:\"-o markdown -o yfm_keys=title,summary\""]
    config += [f"[type: text] source_nl/blog/{name} en:out/{name}" for name in names]
    (work / "po4a.cfg").write_text("\n".join(config) + "\n", encoding="utf-8")
    results: dict[str, object] = {}
    results["extract (cold)"] = median_of(lambda root: timed(["po4a", "--no-translations", "--force", "po4a.cfg"], cwd=root), work)
    timed(["po4a", "--no-translations", "--force", "po4a.cfg"], cwd=work)
    edit_tenth(work)
    results["extract (10% edited)"] = median_of(lambda root: timed(["po4a", "--no-translations", "po4a.cfg"], cwd=root), work)
    timed(["po4a", "--no-translations", "po4a.cfg"], cwd=work)
    identity(work / "po/en.po")
    results["export"] = median_of(lambda root: timed(["po4a", "--keep", "0", "--force", "po4a.cfg"], cwd=root), work)
    timed(["po4a", "--keep", "0", "--force", "po4a.cfg"], cwd=work)
    results["fidelity"] = sum(same_html(work / "source_nl/blog" / n, work / "out" / n) for n in names if (work / "out" / n).exists())
    return results


def install_peers() -> None:
    if not (PEERS / "bin/python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run([str(PEERS / "bin/pip"), "install", "-q", "translate-toolkit", "mistletoe", "mdpo"], check=True)
    if shutil.which("po4a") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "po4a"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--write", action="store_true", help="write the table into bench/RESULTS.md")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs of each step; the median is reported")
    args = parser.parse_args()
    globals()["REPEAT"] = args.repeat
    # As installed for use: with compiled bytecode (pip compiles it for the peers; a sandbox may forbid writing it)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src")], check=True, stdout=subprocess.DEVNULL)
    base = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        table = {"publish_pipeline": run_ours(base, args.posts)}
        if not args.no_peers:
            install_peers()
            for name, runner in (("mdpo (API)", run_mdpo), ("Translate Toolkit", run_translate_toolkit), ("po4a", run_po4a)):
                try:
                    table[name] = runner(base, args.posts)
                except (subprocess.CalledProcessError, OSError) as error:
                    table[name] = {"error": str(error)[:200]}
        text = render(table, args.posts)
        print(text)
        (HERE / f"results-{args.posts}.json").write_text(json.dumps(table, indent=1, default=str), encoding="utf-8")
        if args.write:
            (HERE / f"table-{args.posts}.md").write_text(text, encoding="utf-8")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def render(table: dict[str, dict[str, object]], posts: int) -> str:
    steps = ["extract (cold)", "extract (no-op)", "extract (10% edited)", "status", "check", "status (PO files changed since the last)", "export", "publish"]
    ours_row = table["publish_pipeline"]
    lines = [f"{posts} posts, {os.cpu_count()} cores, {datetime.date.today()}", "",
             "| step | " + " | ".join(table) + " |", "|---|" + "---|" * len(table)]
    for step in steps:
        cells = []
        for name, row in table.items():
            value = row.get(step)
            if not isinstance(value, (tuple, list)):
                cells.append("—")
                continue
            seconds, memory = value[0], value[1]
            cell = f"{seconds:.2f} s, {memory:.0f} MB"
            mine = ours_row.get(step)
            if name != "publish_pipeline" and isinstance(mine, (tuple, list)):
                cell += f" ({seconds / mine[0]:.1f}× ours)"
            cells.append(cell)
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    lines.append("| identity round trip: same HTML | " + " | ".join(
        f"{row.get('fidelity', '—')} of {posts}" if "fidelity" in row else str(row.get("error", "—")) for row in table.values()) + " |")
    draft = ours_row.get("draft")
    if isinstance(draft, (tuple, list)):
        lines.append("")
        lines.append(f"draft against the local test engine ({max(posts // 10, 10)} posts): {draft[0]:.2f} s, {draft[1]:.0f} MB, {draft[2]} requests")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
