"""``setup``'s git config (``plumbing.merge_setup``), with real git: a bare remote, a clone per person, and a HOME of
the test's own, so that the user's global git config is the one the test writes (none, or one that says how to pull)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_site

DIVERGED = "Need to specify how to reconcile divergent branches"


class Clones:
    """A bare remote with a site on it, and clones of it, all under ``tmp_path``, with git run in a HOME of their own."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.home = tmp_path / "home"
        self.home.mkdir()
        self.environment = {
            **{name: value for name, value in os.environ.items() if not name.startswith("GIT_")},
            "HOME": str(self.home), "XDG_CONFIG_HOME": str(self.home / ".config"), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.org",
            "PYTHONPATH": str(REPO / "src"),
        }
        self.remote = tmp_path / "remote.git"
        self.git(tmp_path, "init", "-q", "--bare", "--initial-branch=main", str(self.remote))
        author = self.clone("author")
        for part in copy_site("basic", tmp_path / "seed").iterdir():
            part.rename(author / part.name)
        self.commit(author, "A first blog")

    def git(self, folder: Path, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *arguments], cwd=folder, env=self.environment, capture_output=True, text=True, check=check, timeout=60)

    def clone(self, name: str) -> Path:
        self.git(self.tmp_path, "clone", "-q", str(self.remote), name)
        return self.tmp_path / name

    def commit(self, clone: Path, message: str) -> None:
        self.git(clone, "add", "-A")
        self.git(clone, "commit", "-qm", message)
        self.git(clone, "push", "-q", "origin", "HEAD:main")

    def setup(self, clone: Path) -> list[str]:
        done = subprocess.run([sys.executable, "-m", "publish_pipeline", "setup", "--root", str(clone)], env=self.environment,
                              capture_output=True, text=True, timeout=120)
        assert (done.returncode, done.stderr) == (0, ""), done
        return done.stdout.splitlines()

    def diverge(self, clone: Path, other: Path, name: str) -> None:
        """A commit of ``other`` pushed while ``clone`` commits one of its own: README's commit → pull → push."""
        self.git(other, "pull", "-q", "--no-rebase", "origin", "main")
        (other / f"{name}-other.txt").write_text("theirs\n", encoding="utf-8")
        self.commit(other, f"{name}: the other's")
        (clone / f"{name}-mine.txt").write_text("mine\n", encoding="utf-8")
        self.git(clone, "add", "-A")
        self.git(clone, "commit", "-qm", f"{name}: mine")


def test_setup_sets_a_pull_that_merges_where_no_config_says_how_and_readmes_commit_pull_push_goes_through(tmp_path: Path) -> None:
    """A trial: the translator's README steps (commit, pull, push) stopped at git's "divergent branches" hint, as no
    git config of hers said how to pull. Setup sets this clone's pull.rebase false, and says so; a clone without setup
    (the same global config: none) still stops there, which is what setup spares her."""
    clones = Clones(tmp_path)
    author, translator, untouched = clones.clone("author2"), clones.clone("translator"), clones.clone("untouched")

    said = clones.setup(translator)
    assert "setup: this clone's git config: pull.rebase false (git pull merges others' work into yours; no git config of yours said how, and git stops a pull of diverged branches until one does)" in said
    assert said[-1].startswith("setup: this clone now merges PO files entry by entry, and git pull merges others' work in (3 changes above); ")
    assert clones.git(translator, "config", "--local", "pull.rebase").stdout.strip() == "false"
    assert clones.setup(translator)[-1].startswith("setup: this clone already merges PO files entry by entry (nothing changed)")

    clones.diverge(translator, author, "one")
    pulled = clones.git(translator, "pull", "origin", "main", check=False)
    assert pulled.returncode == 0 and DIVERGED not in pulled.stderr, pulled
    assert clones.git(translator, "push", "-q", "origin", "HEAD:main", check=False).returncode == 0
    assert (translator / "one-other.txt").exists() and len(clones.git(translator, "log", "-1", "--format=%P").stdout.split()) == 2  # a merge

    clones.diverge(untouched, author, "two")  # the same HOME, no setup: git asks how, and pulls nothing
    stopped = clones.git(untouched, "pull", "origin", "main", check=False)
    assert stopped.returncode != 0 and DIVERGED in stopped.stderr, stopped


@pytest.mark.parametrize("where", ["--global", "--local"])
def test_setup_keeps_the_pull_setting_a_person_chose(tmp_path: Path, where: str) -> None:
    """Her own choice, in her global config or this clone's (a rebase here), stays: setup writes none over it, nor says one."""
    clones = Clones(tmp_path)
    author, translator = clones.clone("author2"), clones.clone("translator")
    clones.git(translator, "config", where, "pull.rebase", "true")

    said = clones.setup(translator)
    assert not any("pull.rebase" in line for line in said), said
    assert clones.git(translator, "config", "--local", "--get", "pull.rebase", check=False).stdout.strip() == ("true" if where == "--local" else "")
    clones.diverge(translator, author, "one")
    assert clones.git(translator, "pull", "-q", "origin", "main", check=False).returncode == 0
    assert len(clones.git(translator, "log", "-1", "--format=%P").stdout.split()) == 1  # rebased, as she chose: no merge commit
