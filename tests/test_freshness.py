"""A no-op extract is answered from file listings; any change at all means the real extract runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, copy_site
from publish_pipeline.catalogs import extraction
from publish_pipeline.plumbing import freshness
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.site import Site


def extracted_site(tmp_path: Path) -> Path:
    root = copy_site("demo", tmp_path)
    assert not extract(Site.open(root)).errors
    return root


def program(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *options, "-m", "publish_pipeline", "extract", "--root", str(root)],
        env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True, text=True, check=True,
    )


def test_a_no_op_extract_is_answered_before_invoke_and_the_parsers_load(tmp_path: Path) -> None:
    root = extracted_site(tmp_path)
    (root / freshness.RECORD_FILES["extract"]).unlink()
    full = program(root, "-X", "importtime")  # the real extract (it finds nothing to do), for its summary
    assert "publish_pipeline.catalogs.extraction" in full.stderr
    quick = program(root, "-X", "importtime")
    assert quick.stdout == full.stdout == "extract: 5 documents, 178 segments, 0 PO files written\n"
    loaded = {line.split("|")[-1].strip() for line in quick.stderr.splitlines() if line.startswith("import time:")}
    assert "publish_pipeline.plumbing.freshness" in loaded
    assert not loaded & {"invoke", "yaml", "polib", "markdown_it", "publish_pipeline.catalogs.extraction"}


@pytest.mark.parametrize("form", [[], ["--root", "{root}"], ["-r", "{root}"], ["--root={root}"]], ids=["in the site", "--root", "-r", "--root="])
def test_every_form_of_the_extract_command_is_answered_before_invoke_loads(tmp_path: Path, form: list[str]) -> None:
    root = extracted_site(tmp_path)
    arguments = [argument.format(root=root) for argument in form]
    quick = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "publish_pipeline", "extract", *arguments], cwd=root,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True, text=True, check=True,
    )
    assert quick.stdout == "extract: 5 documents, 178 segments, 0 PO files written\n"
    assert "invoke" not in {line.split("|")[-1].strip() for line in quick.stderr.splitlines()}


def edit_source(root: Path) -> None:
    path = root / "source_nl/topics/vertrouwen.md"
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("geen knop", "GEEN knop", 1), encoding="utf-8")  # same size
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # and the old modification time


CHANGES: dict[str, Callable[[Path], None]] = {
    "a source edited, same size and time": edit_source,
    "a PO file saved by a translator": lambda root: (root / "translations/en/topics/vertrouwen.po").write_text(
        (root / "translations/en/topics/vertrouwen.po").read_text(encoding="utf-8"), encoding="utf-8"),
    "a new document": lambda root: (root / "source_nl/blog/nieuw.md").write_text("---\ntitle: Nieuw\n---\nTekst.\n", encoding="utf-8"),
    "a document deleted": lambda root: (root / "source_nl/topics/vertrouwen.md").unlink(),
    "a temp file left by a kill": lambda root: (root / "translations/en/blog/.x.po.abc.tmp").write_text("x", encoding="utf-8"),
    "the settings changed": lambda root: (root / "pipeline.yaml").write_text(
        (root / "pipeline.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"),
    "a file made read-only": lambda root: (root / "translations/en/topics/vertrouwen.po").chmod(0o444),
    "a linked folder": lambda root: (root / "source_nl/extra").symlink_to(root / "source_nl/blog"),
    "the record damaged": lambda root: (root / freshness.RECORD_FILES["extract"]).write_text("{", encoding="utf-8"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_means_the_real_extract_runs(tmp_path: Path, change: str) -> None:
    root = extracted_site(tmp_path)
    assert freshness.fresh(root, "extract") is not None
    CHANGES[change](root)
    assert freshness.fresh(root, "extract") is None
    assert not freshness.answer("extract", str(root))


def test_only_a_clean_extract_is_recorded(tmp_path: Path) -> None:
    root = extracted_site(tmp_path)
    (root / "translations/en/blog/weg.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")  # an orphan: a warning
    report = extract(Site.open(root))
    assert report.orphans and freshness.fresh(root, "extract") is None
    (root / "translations/en/blog/weg.po").unlink()
    assert not extract(Site.open(root)).orphans
    assert freshness.fresh(root, "extract") is not None


def same_tick(root: Path, **options: bool) -> tuple[int, int]:
    """``freshness.file_system_time`` on a file system whose clock has not moved on since any file was written."""
    return os.stat(root).st_dev, 0


def test_a_racy_file_is_compared_by_content_until_it_is_old_enough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A coarse clock can give an edit the same times as the record: then only the content tells."""
    root = extracted_site(tmp_path)
    name = "translations/en/topics/vertrouwen.po"
    real_listing = freshness.listing
    recorded = real_listing(root, ["pipeline.yaml", "source_nl", "translations/en"])
    monkeypatch.setattr(freshness, "listing", lambda root, names, **options: recorded)  # every edit keeps its times
    monkeypatch.setattr(freshness, "file_system_time", same_tick)  # as the clock has not moved on since
    assert freshness.fresh(root, "extract") is not None
    path = root / name
    original = path.read_bytes()
    path.write_bytes(original.replace(b"msgstr", b"msgstr ", 1))
    assert freshness.fresh(root, "extract") is None, "a file written just before the record is checked by content"
    assert name not in freshness.unchanged(root)
    path.write_bytes(original)
    monkeypatch.setattr(freshness, "RACY_NS", 0)  # time passes: the file is old enough to trust its times
    assert freshness.fresh(root, "extract") is not None
    path.write_bytes(original.replace(b"msgstr", b"msgstr ", 1))
    assert freshness.fresh(root, "extract") is not None, "from now on the times alone tell (a real edit changes them)"


def test_extract_reads_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = extracted_site(tmp_path)
    edit_source(root)
    untouched = freshness.unchanged(root)
    assert "source_nl/topics/vertrouwen.md" not in untouched
    assert {"source_nl/blog/weerstand-bestaat-niet.md", "translations/en/blog/weerstand-bestaat-niet.po"} <= untouched
    parsed, hashed = [], []
    real_load, real_hashes = extraction.load_unit, extraction._hashes
    monkeypatch.setattr(extraction, "load_unit", lambda site, path, **options: parsed.append(path.name) or real_load(site, path, **options))
    monkeypatch.setattr(extraction, "_hashes", lambda site, path, document_id: hashed.append(path.name) or real_hashes(site, path, document_id))
    report = extract(Site.open(root))
    assert parsed == hashed == ["vertrouwen.md"]
    assert [item.document_id for item in report.extracted if item.written] == ["topics/vertrouwen"]


def digests_read(root: Path, paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> tuple[dict[Path, str], list[str]]:
    """``file_digests`` of ``paths``, and the names of the files it read."""
    read: list[str] = []
    real = freshness.file_digest
    monkeypatch.setattr(freshness, "file_digest", lambda path: read.append(Path(path).name) or real(path))
    digests = freshness.file_digests(root, paths)
    monkeypatch.setattr(freshness, "file_digest", real)
    return digests, read


def test_file_digests_reads_only_files_whose_status_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file is read again when its size, modification or change time or inode changed: an edit that
    keeps the size and puts the modification time back still changes the change time."""
    paths = [tmp_path / name for name in ("a.md", "b.po", "missing.po")]
    for path in paths[:2]:
        path.write_text(f"{path.name}\n", encoding="utf-8")
    monkeypatch.setattr(freshness, "RACY_NS", 0)  # no file is racy: only statuses tell
    first, read = digests_read(tmp_path, paths, monkeypatch)
    assert read == ["a.md", "b.po"] and first[paths[2]] == "" and first[paths[0]] == freshness.file_digest(paths[0])
    assert digests_read(tmp_path, paths, monkeypatch) == (first, [])
    times = os.stat(paths[1])
    paths[1].write_text("B.po\n", encoding="utf-8")  # the same size
    os.utime(paths[1], ns=(times.st_atime_ns, times.st_mtime_ns))  # and the modification time put back
    again, read = digests_read(tmp_path, paths, monkeypatch)
    assert read == ["b.po"] and again[paths[1]] == freshness.file_digest(paths[1]) != first[paths[1]]


def test_file_digests_reads_a_racy_file_again_until_it_is_old_enough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the file system's clock cannot be read, a file changed within ``RACY_NS`` is racy."""
    monkeypatch.setattr(freshness, "file_system_time", lambda root, **options: None)
    path = tmp_path / "a.po"
    path.write_text("eerste\n", encoding="utf-8")
    assert digests_read(tmp_path, [path], monkeypatch)[1] == ["a.po"]
    assert digests_read(tmp_path, [path], monkeypatch)[1] == ["a.po"], "written within RACY_NS of the cache: read again"
    monkeypatch.setattr(freshness, "RACY_NS", 0)  # time passes
    assert digests_read(tmp_path, [path], monkeypatch)[1] == ["a.po"], "read once more, now that it is old enough"
    assert digests_read(tmp_path, [path], monkeypatch)[1] == []


def tick_after(path: Path) -> None:
    """Wait until the file system's clock has moved on from ``path``'s change time (a tick: milliseconds)."""
    changed = os.stat(path).st_ctime_ns
    for _ in range(10_000):
        mark = freshness.file_system_time(path.parent)
        assert mark is not None
        if mark[1] > changed:
            return
    raise AssertionError("the file system's clock did not move on")


def test_file_digests_trusts_a_file_changed_before_the_clock_moved_on_within_the_second(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file changed in an earlier tick of the file system's clock than the one it was read in can change again
    only in a later tick: its times tell from then on, a second need not pass (``RACY_NS`` is left as it is)."""
    path = tmp_path / "a.po"
    path.write_text("eerste\n", encoding="utf-8")
    tick_after(path)
    assert digests_read(tmp_path, [path], monkeypatch)[1] == ["a.po"]
    assert time.time_ns() - os.stat(path).st_ctime_ns < freshness.RACY_NS, "within the second"
    assert digests_read(tmp_path, [path], monkeypatch)[1] == [], "its times tell"
    path.write_text("tweede\n", encoding="utf-8")  # the same size: its change time tells
    digests, read = digests_read(tmp_path, [path], monkeypatch)
    assert read == ["a.po"] and digests[path] == freshness.file_digest(path)


@pytest.mark.parametrize("mark", ["same tick", "another file system", "no file can be made"])
def test_file_digests_reads_again_a_file_the_clock_cannot_tell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mark: str) -> None:
    """Changed in the tick it was read in, or on another file system than the site's cache, or where no file can
    be made in the cache: racy until a second has passed."""
    path = tmp_path / "a.po"
    path.write_text("eerste\n", encoding="utf-8")
    tick_after(path)
    found = os.stat(path)
    marks = {
        "same tick": (found.st_dev, max(found.st_mtime_ns, found.st_ctime_ns)),
        "another file system": (found.st_dev + 1, time.time_ns() + freshness.RACY_NS),
        "no file can be made": None,
    }
    monkeypatch.setattr(freshness, "file_system_time", lambda root, **options: marks[mark])
    for _ in range(2):
        assert digests_read(tmp_path, [path], monkeypatch)[1] == ["a.po"]
    monkeypatch.setattr(freshness, "RACY_NS", 0)  # time passes
    assert digests_read(tmp_path, [path], monkeypatch)[1] == ["a.po"]
    assert digests_read(tmp_path, [path], monkeypatch)[1] == []


def test_the_file_system_time_is_the_change_time_of_a_file_made_now(tmp_path: Path) -> None:
    """Read in the site's cache, which it leaves as it was; None where no file can be made there."""
    before = time.time_ns()
    mark = freshness.file_system_time(tmp_path)
    assert mark is not None and mark[0] == os.stat(tmp_path).st_dev
    assert before - freshness.RACY_NS < mark[1] <= time.time_ns()
    assert os.listdir(tmp_path / ".cache/publish_pipeline") == []
    other = tmp_path / "other"
    other.mkdir()
    assert freshness.file_system_time(other, make_cache=False) is None and os.listdir(other) == [], "no folder made"
    (other / ".cache").write_text("a file where the cache folder goes\n", encoding="utf-8")
    assert freshness.file_system_time(other) is None


@pytest.mark.parametrize("damage", [b"{not json", b'{"version": 1}', b'{"version": 1, "kept": 0, "files": {"a.po": 3}}', b""])
def test_a_damaged_digest_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    path = tmp_path / "a.po"
    path.write_text("eerste\n", encoding="utf-8")
    monkeypatch.setattr(freshness, "RACY_NS", 0)
    first, _ = digests_read(tmp_path, [path], monkeypatch)
    (tmp_path / freshness.DIGESTS_FILE).write_bytes(damage)
    assert digests_read(tmp_path, [path], monkeypatch) == (first, ["a.po"])


def test_a_record_keeps_no_time_of_its_own_and_one_that_has_it_is_still_read(tmp_path: Path) -> None:
    """Records kept the time they were made ("recorded"), which nothing reads: what tells a racy file is the
    file system's clock when the record is compared. A record without it answers, and one written with it (as
    earlier versions wrote them) is still read: the reader never needed it."""
    import json

    root = extracted_site(tmp_path)
    path = root / freshness.RECORD_FILES["extract"]
    record = json.loads(path.read_text(encoding="utf-8"))
    assert "recorded" not in record
    quick = program(root, "-X", "importtime")
    assert quick.stdout == "extract: 5 documents, 178 segments, 0 PO files written\n"
    assert "publish_pipeline.catalogs.extraction" not in quick.stderr  # answered from the record
    path.write_text(json.dumps({**record, "recorded": time.time_ns()}), encoding="utf-8")
    assert freshness.fresh(root, "extract") == record["said"]
