"""False alarms: what the checks report on correct translations, next to Translate Toolkit's pofilter.

    python bench/false_alarms.py [--posts 100] [--write]

Two sets of correct translations, every entry approved:
- the demo site's approved English (translations/en, read as a native editor would);
- the bench corpus (bench/corpus.py) with its word-for-word English (`corpus.translate`:
  a different text, the markup kept, every number and name where it was), with the
  words it doubles ("de het" → "the the") written once, as an editor would.

Every problem reported on them is a false alarm. Our checks run as `check` runs them
(the publish gate's assessment); pofilter runs on the same PO files with its default
tests and `--language=en` (leaving out its `untranslated` test: an empty entry is no
translation to judge, and check does not judge one either), from the throwaway venv bench/run.py installs
(bench/.peers). Prints a table per set; --write appends it to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import polib

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "src")]

from corpus import translate, write_corpus  # noqa: E402
from run import PEERS, install_peers  # noqa: E402

from publish_pipeline.catalogs.extraction import extract  # noqa: E402
from publish_pipeline.site import Site  # noqa: E402
from publish_pipeline.quality.status import assess_site  # noqa: E402


def demo_site(folder: Path) -> Path:
    """A copy of the demo with only its approved entries (the untranslated ones are not translations to judge)."""
    root = folder / "demo"
    root.mkdir()
    for part in ("pipeline.yaml", "source_nl", "translations", "static"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    return root


def corpus_site(folder: Path, posts: int) -> Path:
    """The bench corpus, extracted, every entry approved with its word-for-word English."""
    root = write_corpus(folder / "corpus", posts)
    extract(Site.open(root))
    for path in sorted((root / "translations").rglob("*.po")):
        catalog = polib.pofile(str(path), wrapwidth=0)
        for entry in catalog:
            entry.msgstr = correct(entry.msgid, translate(entry.msgid))
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        catalog.save()
    return root


_DOUBLED = re.compile(r"(?<!\w)([^\W\d_]+)(?:\s+\1)+(?!\w)", re.IGNORECASE)


def correct(dutch: str, english: str) -> str:
    """The word-for-word English made correct: two Dutch words that become one English word twice
    ("de het" → "the the") are written once, as an editor would; the author's own doubles stay."""
    authors = {translate(match.group(1)).casefold() for match in _DOUBLED.finditer(dutch)}
    return _DOUBLED.sub(lambda match: match.group(0) if match.group(1).casefold() in authors else match.group(1), english)


def ours(root: Path) -> tuple[int, Counter[str], Counter[str]]:
    """(entries checked, errors by check, warnings by check) as ``check`` reports them."""
    report = assess_site(Site.open(root))
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for document in report.documents:
        for problem in document.problems:
            (errors if problem.severity == "error" else warnings)[problem.check] += 1
    approved = sum(d.counts.get("approved", 0) for d in report.documents)
    return approved, errors, warnings


def pofilter(root: Path) -> tuple[Counter[str], Counter[str]] | None:
    """(critical failures by test, other failures by test), or None when pofilter cannot be installed."""
    try:
        install_peers_quietly()
    except (OSError, subprocess.CalledProcessError):
        return None
    failures = _pofilter_failures(root / "translations/en")
    critical = _critical_tests()
    return Counter({t: n for t, n in failures.items() if t in critical}), Counter({t: n for t, n in failures.items() if t not in critical})


def install_peers_quietly() -> None:
    if not (PEERS / "bin/pofilter").exists():
        install_peers()


def _critical_tests() -> set[str]:
    """The tests Translate Toolkit itself files as critical (its nearest to our errors)."""
    code = (  # a checker learns each test's category by running it once
        "from translate.filters import checks; from translate.filters.decorators import Category;"
        "from translate.storage.pypo import pounit; c = checks.StandardChecker(); u = pounit('a'); u.target = 'b';"
        "c.run_filters(u); print(' '.join(t for t, k in c.categories.items() if k == Category.CRITICAL))"
    )
    result = subprocess.run([str(PEERS / "bin/python"), "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def _listing(counts: Counter[str]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.most_common()) or "–"


def table(name: str, root: Path) -> str:
    entries, errors, warnings = ours(root)
    peer = pofilter(root)
    rows = [
        f"### {name}: {entries:,} approved entries, all correct",
        "",
        "| checker | errors (block publishing / pofilter: critical) | warnings (other pofilter failures) | by check |",
        "|---|---:|---:|---|",
        f"| publish_pipeline `check` | {sum(errors.values())} | {sum(warnings.values())} | {_listing(errors + warnings)} |",
    ]
    if peer is None:
        rows.append("| pofilter | – | – | could not be installed here |")
    else:
        critical, other = peer
        rows.append(f"| Translate Toolkit `pofilter` | {sum(critical.values())} | {sum(other.values())} | {_listing(critical + other)} |")
    return "\n".join(rows) + "\n"


def trial(folder: Path) -> str:
    """The translator's trial (tests/test_checks.py: 19 mistakes put into approved demo entries):
    how many each checker catches — a mistake is caught when the wrong entry raises a problem the
    right one does not, and "eight" for 8 is passed when it raises none."""
    sys.path.insert(0, str(REPO / "tests"))
    from publish_pipeline.catalogs.checks import check_entries
    from test_checks import TRIAL, _trial_entries

    ours_caught, pairs = [], []
    for name, document, start, make, pair, ids, _ in TRIAL:
        good, bad = _trial_entries(document, start, make, pair)
        found = {p.check for p in check_entries([bad])} - {p.check for p in check_entries([good])}
        ours_caught.append(bool(found) == bool(ids))
        pairs.append((name, good.translation, bad.translation, bool(ids)))
    peer = _pofilter_trial(folder, pairs)
    rows = [
        f"### The translator's trial: {len(TRIAL)} mistakes in approved demo entries",
        "",
        "| checker | handled as it should | missed or wrongly flagged |",
        "|---|---:|---|",
        f"| publish_pipeline `check` | {sum(ours_caught)} of {len(TRIAL)} | {', '.join(n for (n, *_), ok in zip(pairs, ours_caught) if not ok) or '–'} |",
    ]
    if peer is None:
        rows.append("| Translate Toolkit `pofilter` | – | could not be installed here |")
    else:
        rows.append(f"| Translate Toolkit `pofilter` | {sum(peer)} of {len(TRIAL)} | {', '.join(n for (n, *_), ok in zip(pairs, peer) if not ok) or '–'} |")
    return "\n".join(rows) + "\n"


def _pofilter_trial(folder: Path, pairs: list[tuple[str, Any, Any, bool]]) -> list[bool] | None:
    """For each (name, right, wrong, is a mistake): whether pofilter handles it as it should."""
    try:
        install_peers_quietly()
    except (OSError, subprocess.CalledProcessError):
        return None
    verdicts = []
    for index, (_, right, wrong, mistake) in enumerate(pairs):
        failures = []
        for side, translation in (("right", right), ("wrong", wrong)):
            source = folder / f"trial-{index}-{side}"
            source.mkdir()
            catalog = polib.POFile()
            catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
            catalog.append(polib.POEntry(msgctxt=translation.context, msgid=translation.source, msgstr=translation.text))
            catalog.save(str(source / "x.po"))
            failures.append(_pofilter_failures(source))
        verdicts.append(bool(failures[1] - failures[0]) == mistake)
    return verdicts


def _pofilter_failures(translations: Path) -> Counter[str]:
    with tempfile.TemporaryDirectory(prefix="pofilter-") as out:
        subprocess.run([str(PEERS / "bin/pofilter"), "--language=en", "--nofuzzy", "--excludefilter=untranslated", "--progress=none",
                        "-i", str(translations), "-o", out], check=True, capture_output=True)
        failures: Counter[str] = Counter()
        for path in Path(out).rglob("*.po"):
            for entry in polib.pofile(str(path)):
                for line in (entry.comment + "\n" + entry.tcomment).splitlines():
                    if found := re.match(r"\(pofilter\) ([\w-]+):", line.strip()):
                        failures[found.group(1)] += 1
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="false-alarms-") as folder:
        report = "\n".join([
            table("Demo site", demo_site(Path(folder))),
            table(f"Bench corpus ({args.posts} posts)", corpus_site(Path(folder), args.posts)),
            trial(Path(folder)),
        ])
    print(report)
    if args.write:
        heading = f"\n## False alarms on correct translations (`python bench/false_alarms.py --posts {args.posts}`), {datetime.date.today()}\n\n"
        with (HERE / "RESULTS.md").open("a", encoding="utf-8") as results:
            results.write(heading + report)


if __name__ == "__main__":
    main()
