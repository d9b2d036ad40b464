"""A no-op export is answered from the record of the last one (``plumbing.freshness``), before Invoke and the
parsers load, with the very lines the real export prints; any change to what export reads or depends on (the
site's files, the export folder's, git's HEAD, the code, its options) means the real export runs, and writes
what a cold one would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, snapshot
from publish_pipeline.plumbing import freshness
from test_publish_fresh import (
    APPROVED, HEAVY, cold_copy, commit_staged_approval, committed_site, edit_po, edit_source, loaded, stage_approval,
)

OUT = "build/content"


def program(root: Path, *options: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -X importtime -m publish_pipeline export --root root`` (and ``options``)."""
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "publish_pipeline", "export", "--root", str(root), *options],
        cwd=cwd or root, env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True, text=True, timeout=120,
    )


def quick(run: subprocess.CompletedProcess[str]) -> bool:
    """Whether the export succeeded and was answered before Invoke loaded (and so by the record)."""
    assert run.returncode == 0, run.stdout + run.stderr
    return not loaded(run) & (HEAVY | {"publish_pipeline.output.export"})


def said(run: subprocess.CompletedProcess[str]) -> str:
    """What an export printed on stdout, what it did to the files (the end of its last line) blanked."""
    return re.sub(r"; [^;]*$", "; …", run.stdout.rstrip("\n"))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """``committed_site``, exported: the export that is recorded."""
    root = committed_site(tmp_path, "build")
    assert not quick(program(root))
    assert freshness.fresh(root, "export", {"out": ""}) is not None
    return root


def cold(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """An export of ``cold_copy``: what the site is now."""
    run = program(cold_copy(root, tmp_path, "build"))
    assert not quick(run)
    return run


def test_a_no_op_export_is_answered_before_invoke_and_the_parsers_load(site: Path) -> None:
    (site / freshness.RECORD_FILES["export"]).unlink()
    real = program(site)  # the real export, which finds nothing changed, and records itself
    assert not quick(real) and "nothing changed since the last export" in real.stdout
    answered = program(site)
    assert quick(answered) and "publish_pipeline.plumbing.freshness" in loaded(answered)
    assert answered.stdout == real.stdout, "every line is said again: the held-back English too"
    assert "English held back" in answered.stdout
    assert [line for line in answered.stderr.splitlines() if not line.startswith("import time:")] == []


def test_the_first_export_is_recorded_and_every_form_of_the_command_is_answered(site: Path) -> None:
    assert quick(program(site))
    assert quick(program(site, cwd=site / "source_nl")), "the site named from elsewhere"
    assert quick(subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "publish_pipeline", "export"], cwd=site,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True, text=True, timeout=120,
    ))


def test_another_out_folder_is_not_answered_from_the_record(site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    run = program(site, "--out", str(elsewhere))
    assert not quick(run) and (elsewhere / "nl/topics/vertrouwen.md").is_file()
    assert quick(program(site, "--out", str(elsewhere))), "recorded with its folder"
    assert quick(program(site, f"--out={elsewhere}"))
    assert quick(program(site, "--out", "elsewhere", cwd=tmp_path)), "taken relative to the current folder"
    (elsewhere / "nl/topics/vertrouwen.md").unlink()
    assert not quick(program(site, "--out", str(elsewhere))), "a folder outside the site is listed too"
    assert (elsewhere / "nl/topics/vertrouwen.md").is_file()
    assert not quick(program(site)), "the record is of the other folder"


def edit_exported(name: str, edit: Callable[[Path], None]) -> Callable[[Path], None]:
    return lambda root: edit(root / OUT / name)


CHANGES: dict[str, Callable[[Path], None]] = {
    "a Dutch source edited": edit_source,
    "a PO file edited": edit_po,
    "a new document": lambda root: (root / "source_nl/blog/nieuw.md").write_text("---\ntitle: Nieuw\n---\nTekst.\n", encoding="utf-8"),
    "pipeline.yaml": lambda root: (root / "pipeline.yaml").write_text(
        (root / "pipeline.yaml").read_text(encoding="utf-8") + "site_name: Anders\n", encoding="utf-8"),
    "the glossary": lambda root: (root / "translations/glossary.yaml").write_text(
        (root / "translations/glossary.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"),
    "a template added": lambda root: (root / "templates").mkdir() or (root / "templates/page.html.j2").write_text("x\n", encoding="utf-8"),
    "an exported file deleted": edit_exported("nl/topics/vertrouwen.md", Path.unlink),
    "the list of exported files deleted": edit_exported(".publish-pipeline-export", Path.unlink),
    "the export folder deleted": lambda root: shutil.rmtree(root / OUT),
    "a git commit of an approval made earlier": commit_staged_approval,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_means_the_real_export_runs_and_writes_what_a_cold_one_would(site: Path, tmp_path: Path, change: str) -> None:
    if "git" in change:  # before the export that is recorded
        stage_approval(site)
        assert not quick(program(site))
        assert quick(program(site)), "nothing that changes the export happened yet"
    before = snapshot(site / OUT)
    CHANGES[change](site)
    assert freshness.fresh(site, "export", {"out": ""}) is None
    run = program(site)
    assert not quick(run)
    reference = cold(site, tmp_path)
    assert snapshot(site / OUT) == snapshot(tmp_path / "cold" / OUT)
    assert said(run) == said(reference)
    if change in ("a PO file edited", "a git commit of an approval made earlier"):
        assert snapshot(site / OUT) != before, "the English is exported now"
    assert quick(program(site)), "then recorded again"


def test_an_exported_file_edited_means_the_real_export_runs_and_keeps_the_edit_until_it_is_deleted(site: Path, tmp_path: Path) -> None:
    edited = site / OUT / "nl/topics/vertrouwen.md"
    edited.write_text("kapot\n", encoding="utf-8")
    assert freshness.fresh(site, "export", {"out": ""}) is None
    for _ in range(2):  # said every time: it is not recorded
        run = program(site)
        assert run.returncode == 1 and f"{OUT}/nl/topics/vertrouwen.md:1: changed since export wrote it" in run.stderr, run.stderr
        assert edited.read_text(encoding="utf-8") == "kapot\n"
    edited.unlink()
    assert not quick(program(site))
    cold(site, tmp_path)
    assert snapshot(site / OUT) == snapshot(tmp_path / "cold" / OUT)
    assert quick(program(site))


def test_another_build_means_the_real_export_runs(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(freshness, "build_id", lambda: "another build")
    assert freshness.fresh(site, "export", {"out": ""}) is None


def test_only_an_export_that_succeeded_is_recorded(site: Path) -> None:
    (site / freshness.RECORD_FILES["export"]).unlink()
    (site / APPROVED).write_text("msgid \"kapot\n", encoding="utf-8")  # a broken PO file: an error, exit 1
    run = program(site)
    assert run.returncode == 1, run.stdout + run.stderr
    assert not (site / freshness.RECORD_FILES["export"]).exists()


@pytest.mark.parametrize("meanwhile", ["a source", "an exported file"])
def test_a_file_changed_while_export_ran_is_not_recorded(site: Path, monkeypatch: pytest.MonkeyPatch, meanwhile: str) -> None:
    """An input edited after export read it, or a file of the export edited after export wrote or checked it:
    the record would take either as what export made."""
    from invoke import Context

    from publish_pipeline import tasks
    from publish_pipeline.output import export

    (site / freshness.RECORD_FILES["export"]).unlink()
    edit_source(site)
    real = export.export

    def export_then_edit(*arguments, **options):  # type: ignore[no-untyped-def]
        report = real(*arguments, **options)
        if meanwhile == "a source":
            edit_po(site)
        else:
            (site / OUT / "nl/blog/weerstand-bestaat-niet.md").write_text("edited meanwhile\n", encoding="utf-8")
        return report

    monkeypatch.setattr(export, "export", export_then_edit)
    tasks.export(Context(), root=str(site))
    assert not (site / freshness.RECORD_FILES["export"]).exists()
    monkeypatch.setattr(export, "export", real)
    if meanwhile == "an exported file":  # changed by hand, as export sees it: it stays until deleted
        (site / OUT / "nl/blog/weerstand-bestaat-niet.md").unlink()
    tasks.export(Context(), root=str(site))
    assert freshness.fresh(site, "export", {"out": ""}) is not None, "recorded when nothing changed meanwhile"


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_an_export_into_the_site_s_own_content_is_answered_and_told_apart_from_an_edit(tmp_path: Path, layout: str) -> None:
    """A Hugo site: export writes the English beside the Dutch, inside what it reads; what it wrote is its own doing."""
    from test_layouts import approve, english, hugo_site

    site = hugo_site(tmp_path / "site", layout)
    approve(site, english)
    assert not quick(program(site.root)), "the first export writes the English into the content"
    written = {path: path.read_bytes() for path in site.root.rglob("*.md") if ".en." in path.name or "/en/" in path.relative_to(site.root).as_posix()}
    assert written
    answered = program(site.root)
    assert quick(answered) and "nothing changed since the last export" in answered.stdout
    page = next(iter(written))
    page.write_text("edited by hand\n", encoding="utf-8")
    run = program(site.root)
    assert run.returncode == 1 and "changed since export wrote it" in run.stderr and page.read_text(encoding="utf-8") == "edited by hand\n"
    page.unlink()
    assert not quick(program(site.root))
    assert page.read_bytes() == written[page], "export wrote it again"
    assert quick(program(site.root))
