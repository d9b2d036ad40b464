"""The command line as a user meets it: `publish-pipeline`, `python -m publish_pipeline` and `invoke`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_site


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_invoke_lists_each_task_with_a_one_line_description() -> None:
    result = run("invoke", "--list")
    assert result.returncode == 0, result.stderr
    listing = " ".join(result.stdout.split())  # Invoke pads the names to the longest and wraps at 80 columns
    assert "extract Update translations/en/*.po from the Dutch documents in source_nl/." in listing
    assert "export Write Markdown pairs" in listing
    assert "glossary Show the glossary, or exchange it with terminology tools as CSV or TBX" in listing


def test_the_program_serves_the_same_tasks(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    result = run("publish_pipeline", "extract", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "extract: 2 documents, 13 segments, 2 PO files written\n"
    assert (root / "translations/en/blog/eerste.po").exists()


def test_extract_works_on_the_current_folder(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    result = run("publish_pipeline", "extract", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "translations/en/topics/thema.po").exists()


def test_bad_input_prints_one_line_per_problem_and_exits_1(tmp_path: Path) -> None:
    root = copy_site("broken", tmp_path)
    result = run("publish_pipeline", "extract", "--root", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert "source_nl/blog/datum.md:3: front matter: 'date' is not a date: '3 maart' — write it as YYYY-MM-DD, e.g. 'date: 2019-03-14'" in lines
    assert lines[-1] == "8 documents could not be processed; nothing of value was overwritten"
    assert result.stdout == "extract: 1 document, 3 segments, 1 PO file written\n"


def test_a_bad_setting_is_one_line(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    (root / "pipeline.yaml").write_text("projekt: typo\n", encoding="utf-8")
    result = run("publish_pipeline", "extract", "--root", str(root))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "pipeline.yaml: unknown setting 'projekt'; allowed: project, source_language, target_language, translate_fields, base_url, translation"
    )


def test_a_missing_root_is_one_line(tmp_path: Path) -> None:
    result = run("publish_pipeline", "extract", "--root", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("nowhere: no such folder — pass --root with the folder that holds source_nl/")


def test_export_reports_what_is_held_back(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    result = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "blog/weerstand-bestaat-niet: English held back: 33 entries untranslated" in result.stdout
    assert result.stdout.endswith(f"export: 5 Dutch documents and 2 English documents in {tmp_path / 'out'}\n")


def test_draft_prints_a_line_per_document_and_a_summary(tmp_path: Path) -> None:
    from engine_server import EngineServer

    root = copy_site("basic", tmp_path)
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    with EngineServer() as server:
        dry = run("publish_pipeline", "draft", "--dry-run", "--url", server.url, "--root", str(root))
        assert dry.returncode == 0, dry.stderr
        assert dry.stdout.splitlines()[0] == "draft --dry-run: 12 empty entries: 0 from translation memory, 12 for google"
        assert server.total == 0
        result = run("publish_pipeline", "draft", "--documents", "blog/*", "--url", server.url, "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "translations/en/blog/eerste.po: 0 from memory, 6 from the engine, 0 failed",
        "draft: 6 empty entries: 0 from translation memory, 6 from google (0 cached, 6 requests sent), 0 failed",
    ]


def test_draft_without_network_says_so_in_one_line_and_exits_1(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    run("publish_pipeline", "extract", "--root", str(root))
    (root / "pipeline.yaml").write_text("translation:\n  retries: 0\n  url: http://127.0.0.1:9\n", encoding="utf-8")
    result = run("publish_pipeline", "draft", "--root", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "draft: stopped: cannot reach the google engine (cannot connect): check the network connection or translation.url",
        "nothing already drafted was lost; run draft again once that is fixed",
    ]
