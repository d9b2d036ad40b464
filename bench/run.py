"""The performance benchmark: publish_pipeline against po4a, Translate Toolkit and mdpo.

    python bench/run.py [--corpus bench|realworld] [--posts N] [--no-peers] [--steps publish,export]
                        [--repeat 3] [--compare bench/results-1000.json] [--write] [--note TEXT]

Generates the corpus (bench/corpus.py: the bench posts, or --corpus realworld's
3,000 documents with shortcodes, HTML blocks, reference links …), times every
step as a whole process (wall time and peak memory, from /usr/bin/time) — the
cold ones with no .cache/ (a fresh clone), the incremental ones in place right
after the run they follow — and prints under the table the ratios issue 17's
targets are about (--compare: each step against a stored run, e.g. 10,000 posts
against 1,000). It runs the peers in the same run, the way their documentation
recommends — Translate Toolkit's md2po/pot2po/po2md over the directory, mdpo's
Python API in one process, po4a with one configuration for all files — and
measures identity round-trip fidelity: which posts, translated with msgstr =
msgid, render to the same HTML as the source. The peers are installed in a
throwaway venv (bench/.peers) and from Debian (po4a), never as dependencies of
the project. Prints the table and keeps it as bench/results-*.json (for
--compare); --write also writes it to bench/table-*.md.
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

from corpus import edit_paragraph, edit_tenth, translate, write_corpus, write_realworld  # noqa: E402

from publish_pipeline.text import markdown  # noqa: E402
from publish_pipeline.text.document import parse_document  # noqa: E402

PEERS = HERE / ".peers"
CORPORA = {"bench": (write_corpus, 1000), "realworld": (write_realworld, 3000)}
"""Each corpus: its writer (root, documents) and its default size."""
Writer = Callable[[Path, int], Path]
Timing = tuple[float, float]


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
        discard(copy)
        shutil.copytree(template, copy, symlinks=True)
        if before:
            before(copy)
        os.sync()
        runs.append(step(copy))
        if after:
            after(copy)
        discard(copy)
    return sorted(runs)[len(runs) // 2]


def medians(sequence: Callable[[Path], dict[str, Timing]], template: Path) -> dict[str, Timing]:
    """Per step, the median (by time) of ``sequence`` run on fresh copies of ``template``.

    A sequence times several steps on one copy, each in place right after the one before
    it (as a user runs them: a publish, then one with nothing changed, …).
    """
    runs: dict[str, list[Timing]] = {}
    for attempt in range(REPEAT):
        copy = template.with_name(f"{template.name}-seq{attempt}")
        discard(copy)
        shutil.copytree(template, copy, symlinks=True)
        os.sync()
        for name, timing in sequence(copy).items():
            runs.setdefault(name, []).append(timing)
        discard(copy)
    return {name: sorted(timings)[len(timings) // 2] for name, timings in runs.items()}


def discard(path: Path) -> None:
    """Move ``path`` (if there) into the run's bin (``BIN``), deleted when the run ends; delete it now where there is
    no bin (the functions used on their own, as the tests do).

    Deleting thousands of files right before a timed step makes that step pay: on an ext4 without a journal
    (this machine's), creating a file passes over every recently deleted inode, and a step that writes 2,000
    files took 0.5–0.8 ms of system time a file instead of 0.06 ms. No step, ours or a peer's, pays for that.
    """
    if BIN is None:
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists():
        path.rename(Path(tempfile.mkdtemp(dir=BIN)) / path.name)


BIN: Path | None = None
"""Where ``discard`` moves what a run throws away: ``main`` makes it inside the run's folder, deleted with it."""


def later() -> None:
    """Time passes before the next command (the files are older than the clock's grain, see freshness); the disk is synced."""
    time.sleep(1.1)
    os.sync()


def fresh_clone(root: Path) -> None:
    """As on a CI runner's fresh clone: no .cache/, no built site."""
    for name in (".cache", "public", "export"):
        discard(root / name)


def ours(root: Path, *task: str) -> tuple[float, float]:
    return timed([sys.executable, "-m", "publish_pipeline", *task, "--root", str(root)])


def identity(po_path: Path) -> None:
    """Every entry's English its Dutch, approved, and said to be so on purpose (``ignore: unchanged``: the Dutch kept
    as its own English is otherwise held back, and the round trip measures the Markdown, not the checks)."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    for entry in po:
        entry.msgstr = entry.msgid
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.tcomment = "ignore: unchanged"
    po.save(str(po_path))


def approve_in_english(po_path: Path) -> None:
    po = polib.pofile(str(po_path), wrapwidth=0)
    for entry in po:
        entry.msgstr = f"{entry.msgid}-en" if entry.msgctxt == "slug" else translate(entry.msgid)
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save(str(po_path))


def edit_translation(po_path: Path) -> None:
    """The translator rewords one approved entry of one PO file (a word added)."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    entry = next(e for e in po if e.msgctxt != "slug" and e.translated() and e.msgstr[:1].isupper() and " " in e.msgstr)
    entry.msgstr = entry.msgstr.replace(" ", " edited ", 1)
    po.save(str(po_path))


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "translations").rglob("*.po"))


def status_sequence(root: Path) -> dict[str, Timing]:
    """status (the first: the sources' parses kept by extract, no verdicts), check right after it, then each
    after the translator changed 10 PO files, then status once no verdict applies (every PO file changed)."""
    steps = {"status": ours(root, "status", "--json"), "check": ours(root, "check")}
    later()
    for path in catalogs(root)[:10]:
        edit_translation(path)
    steps["status (10 PO files changed)"] = ours(root, "status", "--json")
    later()
    for path in catalogs(root)[10:20]:
        edit_translation(path)
    steps["check (10 PO files changed)"] = ours(root, "check")
    (root / ".cache/publish_pipeline/verdicts.json").unlink()
    steps["status (PO files changed since the last)"] = ours(root, "status", "--json")
    return steps


def export_task(root: Path) -> tuple[str, ...]:
    """The export every step times: into ``export/`` in the copy (fresh_clone removes it)."""
    return ("export", "--out", str(root / "export"))


def export_sequence(root: Path) -> dict[str, Timing]:
    """export on a fresh clone, then again with nothing changed."""
    fresh_clone(root)
    steps = {"export (cold)": ours(root, *export_task(root))}
    later()
    steps["export (nothing changed)"] = ours(root, *export_task(root))
    return steps


def publish_sequence(root: Path) -> dict[str, Timing]:
    """publish on a fresh clone; again with nothing changed; after the translator changed one approved
    entry of one PO file; after the author edited one Dutch post's paragraph (and extracted)."""
    fresh_clone(root)
    steps = {"publish (cold)": ours(root, "publish")}
    later()
    steps["publish (nothing changed)"] = ours(root, "publish")
    later()
    edit_translation(catalogs(root)[len(catalogs(root)) // 3])
    steps["publish (one English edited)"] = ours(root, "publish")
    later()
    edit_paragraph(sorted((root / "source_nl/blog").glob("*.md"))[len(catalogs(root)) // 2])
    ours(root, "extract")
    later()
    steps["publish (one Dutch post edited)"] = ours(root, "publish")
    return steps


def after_check(step: str, task: Callable[[Path], tuple[str, ...]]) -> Callable[[Path], dict[str, Timing]]:
    """A sequence as in CI: check on a fresh clone (untimed), then ``task(root)`` timed as ``step`` (the verdicts
    check kept are there)."""

    def sequence(root: Path) -> dict[str, Timing]:
        fresh_clone(root)
        ours(root, "check")
        os.sync()
        return {step: ours(root, *task(root))}

    return sequence


SEQUENCES = (
    ("status", status_sequence),
    ("export", export_sequence),
    ("export", after_check("export (after check)", export_task)),
    ("publish", publish_sequence),
    ("publish", after_check("publish (after check)", lambda root: ("publish",))),
)
"""Each --steps group's timed sequences, in the order they run."""


def settled(root: Path) -> None:
    """As on the author's machine: extracted a while ago, then she edits; nothing else is pending on disk."""
    ours(root, "extract")
    time.sleep(1.1)  # the files are older than the clock's grain (see freshness)
    ours(root, "extract")
    edit_tenth(root)
    os.sync()


def same_html(source: Path, result: Path, english: str = "") -> bool:
    """Whether a round-tripped post renders like its source (front matter set aside); ``english``: the prefix
    (ours: ``/en``) of the English counterpart a link to a Dutch page is mapped to, as it should be, taken off."""
    try:
        body = parse_document(result.read_text(encoding="utf-8"), "x", "x").body
    except Exception:
        body = result.read_text(encoding="utf-8")
    original = parse_document(source.read_text(encoding="utf-8"), "x", "x").body
    rendered = markdown.render(body)
    if english:
        rendered = rendered.replace(f'href="{english}/', 'href="/')
    return rendered.split() == markdown.render(original).split()


def publishable(site: Path) -> list[int]:
    """[publishable, documents, errors] as status reports them (on a copy: the site's first status is a step)."""
    copy = site.with_name(f"{site.name}-report")
    shutil.copytree(site, copy, symlinks=True)
    report = json.loads(subprocess.run([sys.executable, "-m", "publish_pipeline", "status", "--json", "--root", str(copy)],
                                       capture_output=True, text=True).stdout)
    discard(copy)
    return [report["totals"]["publishable"], report["totals"]["documents"], report["totals"]["errors"]]


def lost(sources: list[Path], result: Callable[[Path], Path], english: str = "") -> list[str]:
    """The posts whose round trip does not render like the source (missing or different; see ``same_html``)."""
    return [source.stem for source in sources if not (result(source).exists() and same_html(source, result(source), english))]


def run_ours(base: Path, posts: int, writer: Writer, wanted: Callable[[str], bool]) -> dict[str, object]:
    site = base / "ours"
    writer(site, posts)
    results: dict[str, object] = {}
    if wanted("extract"):
        results["extract (cold)"] = median_of(lambda root: ours(root, "extract"), site)
    ours(site, "extract")
    time.sleep(1.1)  # as after any real edit-and-extract: the files are older than the clock's grain
    ours(site, "extract")  # settles: a no-op now finds every file as the last extract left it
    if wanted("extract"):
        results["extract (no-op)"] = sorted(ours(site, "extract") for _ in range(REPEAT))[REPEAT // 2]  # in place: a copy is a change
        results["extract (10% edited)"] = median_of(lambda root: ours(root, "extract"), site, before=settled)
    edit_tenth(site)
    ours(site, "extract")
    sources = sorted((site / "source_nl/blog").glob("*.md"))
    results["blog posts"], results["documents"] = len(sources), posts
    if wanted("fidelity"):
        identical = base / "ours-identity"
        shutil.copytree(site, identical)
        for path in catalogs(identical):
            identity(path)
        ours(identical, "export", "--out", str(base / "ours-export"))
        results["lost"] = lost(sources, lambda source: base / "ours-export/en/blog" / source.name, english="/en")
        discard(identical)
    for path in catalogs(site):
        approve_in_english(path)  # the translator's work: English that differs from the Dutch, all approved
    results["publishable"] = publishable(site)
    for group, sequence in SEQUENCES:
        if wanted(group):
            results |= medians(sequence, site)
    if wanted("draft") and posts <= 2000:  # draft's own benchmark is bench/draft_bench.py; here a tenth of the corpus
        results["draft"] = draft_timing(base, max(posts // 10, 10), writer)
    return results


def draft_timing(base: Path, posts: int, writer: Writer) -> tuple[float, float, int]:
    from engine_server import EngineServer

    site = base / "ours-draft"
    writer(site, posts)
    ours(site, "extract")
    with EngineServer() as server:
        (site / "pipeline.yaml").write_text(f"project: bench\ntranslation:\n  url: {server.url}\n", encoding="utf-8")
        seconds, memory = ours(site, "draft")
        return seconds, memory, server.total


def run_translate_toolkit(base: Path, posts: int, writer: Writer) -> dict[str, object]:
    work = base / "tt"
    writer(work, posts)
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
    results["export (cold)"] = median_of(lambda root: timed(
        [python, "-m", "translate.convert.po2md", "--progress=none", "-t", str(root / "source_nl/blog"), "-i", str(root / "merged"), "-o", str(root / "out")]
    ), work)
    timed([python, "-m", "translate.convert.po2md", "--progress=none", "-t", str(work / "source_nl/blog"), "-i", str(work / "merged"), "-o", str(work / "out")])
    results["lost"] = lost(sorted((work / "source_nl/blog").glob("*.md")), lambda source: work / "out" / source.name)
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


def run_mdpo(base: Path, posts: int, writer: Writer) -> dict[str, object]:
    work = base / "mdpo"
    writer(work, posts)
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
    results["export (cold)"] = median_of(lambda root: mdpo(root, "translate"), work)
    mdpo(work, "translate")
    results["lost"] = lost(sorted((work / "source_nl/blog").glob("*.md")), lambda source: work / "po" / source.name)
    return results


def run_po4a(base: Path, posts: int, writer: Writer) -> dict[str, object]:
    work = base / "po4a"
    writer(work, posts)
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
    results["export (cold)"] = median_of(lambda root: timed(["po4a", "--keep", "0", "--force", "po4a.cfg"], cwd=root), work)
    timed(["po4a", "--keep", "0", "--force", "po4a.cfg"], cwd=work)
    results["lost"] = lost([work / "source_nl/blog" / name for name in names], lambda source: work / "out" / source.name)
    return results


def install_peers() -> None:
    if not (PEERS / "bin/python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run([str(PEERS / "bin/pip"), "install", "-q", "translate-toolkit", "mistletoe", "mdpo"], check=True)
    if shutil.which("po4a") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "po4a"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


STEPS = [
    "extract (cold)", "extract (no-op)", "extract (10% edited)",
    "status", "check", "status (10 PO files changed)", "check (10 PO files changed)", "status (PO files changed since the last)",
    "export (cold)", "export (after check)", "export (nothing changed)",
    "publish (cold)", "publish (after check)", "publish (nothing changed)", "publish (one English edited)", "publish (one Dutch post edited)",
]
GROUPS = ("extract", "fidelity", "status", "export", "publish", "draft")
"""What --steps chooses from: each step belongs to the group its name starts with (check to status)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=CORPORA, default="bench", help="bench: the bench posts; realworld: shortcodes, HTML blocks, reference links …")
    parser.add_argument("--posts", type=int, help="documents in the corpus (default: 1000 bench, 3000 realworld)")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--steps", default=",".join(GROUPS), help=f"a comma-separated subset of {','.join(GROUPS)} (ours only; peers run unless --no-peers)")
    parser.add_argument("--write", action="store_true", help="write the table to bench/table-[realworld-]N.md")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs of each step; the median is reported")
    parser.add_argument("--compare", type=Path, help="a stored results-*.json (e.g. of 1000 posts): each step's time as a multiple of its")
    parser.add_argument("--note", default="", help="a line printed under the table's heading (e.g. what else ran on the machine)")
    args = parser.parse_args()
    writer, default_size = CORPORA[args.corpus]
    posts = args.posts or default_size
    groups = {group.strip() for group in args.steps.split(",")}
    if unknown := groups - set(GROUPS):
        parser.error(f"--steps: unknown {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")
    globals()["REPEAT"] = args.repeat
    # As installed for use: with compiled bytecode (pip compiles it for the peers; a sandbox may forbid writing it)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src")], check=True, stdout=subprocess.DEVNULL)
    base = Path(tempfile.mkdtemp(prefix="bench-"))
    globals()["BIN"] = base / "bin"
    (base / "bin").mkdir()
    started = time.perf_counter()
    try:
        table = {"publish_pipeline": run_ours(base, posts, writer, lambda step: step in groups)}
        if not args.no_peers:
            install_peers()
            for name, runner in (("mdpo (API)", run_mdpo), ("Translate Toolkit", run_translate_toolkit), ("po4a", run_po4a)):
                try:
                    table[name] = runner(base, posts, writer)
                except (subprocess.CalledProcessError, OSError) as error:
                    table[name] = {"error": str(error)[:200]}
        name = f"{'' if args.corpus == 'bench' else args.corpus + '-'}{posts}"
        stored = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
        heading = f"{args.corpus} corpus, {posts} documents, {os.cpu_count()} cores, {datetime.date.today()}, repeat {REPEAT}, the whole run {(time.perf_counter() - started) / 60:.1f} min"
        text = "\n".join([heading, *([args.note] if args.note else []), "", render(table, stored)])
        print(text)
        (HERE / f"results-{name}.json").write_text(json.dumps(table, indent=1, default=str), encoding="utf-8")
        if args.write:
            (HERE / f"table-{name}.md").write_text(text + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def render(table: dict[str, dict[str, object]], stored: dict[str, dict[str, object]] | None = None) -> str:
    """The table (a peer's ratio is its time ÷ ours), the fidelity row, then issue 17's ratios and, with ``stored``, each step ÷ its stored time."""
    ours_row = table["publish_pipeline"]
    lines = ["| step | " + " | ".join(table) + " |", "|---|" + "---|" * len(table)]
    for step in STEPS:
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
        if any(cell != "—" for cell in cells):
            lines.append(f"| {step} | " + " | ".join(cells) + " |")
    total = ours_row.get("blog posts", "?")
    if any("lost" in row for row in table.values()):
        lines.append("| identity round trip: same HTML | " + " | ".join(
            f"{total - len(row['lost'])} of {total} posts" if "lost" in row else str(row.get("error", "—")) for row in table.values()) + " |")
    for name, row in table.items():
        if 0 < len(row.get("lost", [])) < total:
            lines += ["", f"{name} loses {', '.join(row['lost'][:12])}{' …' if len(row['lost']) > 12 else ''} ({len(row['lost'])})."]
    if isinstance(publishable := ours_row.get("publishable"), list):
        lines += ["", f"Approved with corpus.translate's English: {publishable[0]} of {publishable[1]} documents publishable, {publishable[2]} errors (status)."]
    draft = ours_row.get("draft")
    if isinstance(draft, (tuple, list)):
        lines += ["", f"draft against the local test engine (a tenth of the corpus): {draft[0]:.2f} s, {draft[1]:.0f} MB, {draft[2]} requests"]
    lines += ["", *targets(table)]
    if stored:
        lines += ["", *scaling(ours_row, stored["publish_pipeline"])]
    return "\n".join(lines)


def seconds_of(row: dict[str, object], step: str) -> float | None:
    value = row.get(step)
    return value[0] if isinstance(value, (tuple, list)) else None


def targets(table: dict[str, dict[str, object]]) -> list[str]:
    """Issue 17's targets: each ratio, its bound and whether this run meets it (only those this run measured)."""
    ours_row = table["publish_pipeline"]
    merge = seconds_of(table.get("mdpo (API)", {}), "export (cold)")
    lines = ["| issue 17 target | this run | bound | met |", "|---|---|---|---|"]

    def target(label: str, numerator: float | None, denominator: float | None, bound: float, at_least: bool = False, unit: str = "×") -> None:
        if numerator is None or denominator is None:
            return
        value = numerator / denominator
        met = value >= bound if at_least else value <= bound
        lines.append(f"| {label} | {value:.2f}{unit} | {'≥' if at_least else '≤'} {bound:g}{unit} | {'yes' if met else 'NO'} |")

    for step in ("publish (cold)", "publish (after check)"):
        target(f"{step} ÷ mdpo's merge", seconds_of(ours_row, step), merge, 1.5)
    for step in ("export (cold)", "export (after check)"):
        target(f"{step} ÷ mdpo's merge", seconds_of(ours_row, step), merge, 1.0)
    for step, bound in (("publish (nothing changed)", 0.10), ("publish (one English edited)", 0.15), ("publish (one Dutch post edited)", 0.15)):
        target(f"{step} ÷ publish (cold)", seconds_of(ours_row, step), seconds_of(ours_row, "publish (cold)"), bound)
    target("export (nothing changed) ÷ export (cold)", seconds_of(ours_row, "export (nothing changed)"), seconds_of(ours_row, "export (cold)"), 0.10)
    for step in ("status (10 PO files changed)", "check (10 PO files changed)"):
        target(step, seconds_of(ours_row, step), 1.0, 1.0, unit=" s")
    target("extract (cold): mdpo ÷ ours", seconds_of(table.get("mdpo (API)", {}), "extract (cold)"), seconds_of(ours_row, "extract (cold)"), 2, at_least=True)
    target("extract (cold): Translate Toolkit ÷ ours", seconds_of(table.get("Translate Toolkit", {}), "extract (cold)"),
           seconds_of(ours_row, "extract (cold)"), 5, at_least=True)
    return lines if len(lines) > 2 else []


def scaling(ours_row: dict[str, object], stored_row: dict[str, object]) -> list[str]:
    """Each step's time as a multiple of the stored run's (issue 17: within 11× for ten times the posts) and its peak memory (under 500 MB)."""
    sizes = f"{ours_row.get('documents', '?')} documents against {stored_row.get('documents', '?')}"
    lines = [f"| step ({sizes}) | this run | the stored run | × its time (≤ 11) | peak MB (< 500) | met |", "|---|---|---|---|---|---|"]
    for step in STEPS:
        now, then = ours_row.get(step), stored_row.get(step)
        if isinstance(now, (tuple, list)) and isinstance(then, (tuple, list)):
            ratio = now[0] / then[0]
            lines.append(f"| {step} | {now[0]:.2f} s | {then[0]:.2f} s | {ratio:.1f} | {now[1]:.0f} | {'yes' if ratio <= 11 and now[1] < 500 else 'NO'} |")
    return lines


if __name__ == "__main__":
    main()
