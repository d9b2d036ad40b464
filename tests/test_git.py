"""Where git is asked: only where it may find a repository (``git.in_checkout``), with real git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import copy_site
from publish_pipeline import tasks
from publish_pipeline.plumbing.git import checkout_top, git_output, in_checkout
from test_workflow import git, run_task


def test_a_site_in_no_checkout_starts_no_git_and_says_why_it_reads_no_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """status and export of a site that is no git checkout: no git process (it asked git two or three times a command,
    to be told so), and the same answer: no history, because the site is not a git checkout."""
    root = copy_site("demo", tmp_path)
    started: list[list[str]] = []
    real = subprocess.run

    def run(command, *arguments, **options):  # type: ignore[no-untyped-def]
        if command[0] == "git":
            started.append(command)
        return real(command, *arguments, **options)

    monkeypatch.setattr(subprocess, "run", run)
    code, output = run_task(tasks.status, root)
    assert code == 0 and "not a git checkout" in output, output
    code, output = run_task(tasks.export, root)
    assert code == 0, output
    assert started == []


def test_a_checkout_is_found_as_git_finds_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder below a checkout's top, a linked worktree (its ``.git`` is a file) and any folder while ``GIT_DIR`` is
    set may be in a checkout, and git is asked there; a folder beside the checkout is in none."""
    monkeypatch.delenv("GIT_DIR", raising=False)
    top = tmp_path / "clone"
    (top / "site/blog").mkdir(parents=True)
    git(top, "init", "-q")
    git(top, "commit", "-q", "--allow-empty", "-m", "start")
    git(top, "worktree", "add", "-q", str(tmp_path / "linked"))
    (tmp_path / "elsewhere").mkdir()
    assert checkout_top(top / "site/blog") == top and in_checkout(tmp_path / "linked")
    assert git_output(top / "site/blog", "rev-parse", "--show-prefix") == "site/blog/\n"
    assert not in_checkout(tmp_path / "elsewhere") and git_output(tmp_path / "elsewhere", "--version") is None
    monkeypatch.setenv("GIT_DIR", str(top / ".git"))
    assert in_checkout(tmp_path / "elsewhere") and git_output(tmp_path / "elsewhere", "rev-parse", "--is-bare-repository") == "false\n"


def test_a_shallow_clone_is_told_as_git_tells_it_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``shallow`` reads git's own file (status asked git three times a command): a clone with ``--depth 1`` and a
    linked worktree of it are shallow, the full clone is not, and under ``GIT_DIR`` git is asked; no git started else."""
    from publish_pipeline.plumbing.git import shallow

    monkeypatch.delenv("GIT_DIR", raising=False)
    full = tmp_path / "full"
    git(tmp_path, "init", "-q", str(full))
    for n in range(2):
        git(full, "commit", "-q", "--allow-empty", "-m", f"commit {n}")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{full}", "part")
    git(tmp_path / "part", "worktree", "add", "-q", str(tmp_path / "linked"))
    started: list[list[str]] = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda command, *a, **o: started.append(command) or real(command, *a, **o))
    assert shallow(tmp_path / "part") and shallow(tmp_path / "linked") and not shallow(full) and not shallow(tmp_path)
    assert started == []
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "part/.git"))
    assert shallow(tmp_path) and started
