"""bench/run.py: its table and ratios from a made-up run, its --steps, and a real run of five posts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def load_bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()

RUN = {
    "publish_pipeline": {
        "export (cold)": (2.0, 80.0), "export (after check)": (1.5, 70.0), "export (nothing changed)": (0.1, 40.0),
        "publish (cold)": (4.0, 90.0), "publish (nothing changed)": (0.3, 50.0), "documents": 1000, "blog posts": 1000,
    },
    "mdpo (API)": {"export (cold)": (3.0, 60.0)},
}


def test_the_table_gives_each_peer_as_a_multiple_of_ours_and_the_targets_each_ratio() -> None:
    table = bench.render(RUN)
    assert "| export (cold) | 2.00 s, 80 MB | 3.00 s, 60 MB (1.5× ours) |" in table
    assert "| export (after check) | 1.50 s, 70 MB | — |" in table
    assert table.index("| export (cold) |") < table.index("| export (after check) |") < table.index("| export (nothing changed) |")
    assert "| export (after check) ÷ mdpo's merge | 0.50× | ≤ 1× | yes |" in table
    assert "| export (cold) ÷ mdpo's merge | 0.67× | ≤ 1× | yes |" in table
    assert "| export (nothing changed) ÷ export (cold) | 0.05× | ≤ 0.1× | yes |" in table
    assert "| publish (nothing changed) ÷ publish (cold) | 0.07× | ≤ 0.1× | yes |" in table
    assert "publish (after check)" not in table  # a step this run did not measure has no row and no ratio


def test_scaling_compares_each_step_with_a_stored_run() -> None:
    bigger = {step: (value[0] * 12, 600.0) if isinstance(value, tuple) else value for step, value in RUN["publish_pipeline"].items()}
    lines = bench.scaling({**bigger, "documents": 10000}, RUN["publish_pipeline"])
    assert lines[0].startswith("| step (10000 documents against 1000) |")
    assert "| export (after check) | 18.00 s | 1.50 s | 12.0 | 600 | NO |" in lines


def test_steps_names_the_groups_it_knows(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["run.py", "--steps", "export,nonsense"])
    with pytest.raises(SystemExit):
        bench.main()
    assert "--steps: unknown nonsense; choose from extract, fidelity, status, export, publish, draft" in capsys.readouterr().err


def test_a_run_of_five_posts_times_every_export_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The export group on a real corpus (each step once): cold, after an untimed check, and with nothing changed."""
    monkeypatch.setattr(bench, "REPEAT", 1)
    results = bench.run_ours(tmp_path, 5, bench.write_corpus, lambda group: group == "export")
    assert results["publishable"] == [5, 5, 0]
    assert {step for step in bench.STEPS if step in results} == {"export (cold)", "export (after check)", "export (nothing changed)"}
    assert all(results[step][0] > 0 and results[step][1] > 0 for step in bench.STEPS if step in results)
