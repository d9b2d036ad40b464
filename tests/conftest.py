"""Shared helpers: fixture files, miniature sites, and GNU gettext as the PO oracle."""

from __future__ import annotations

import os
import signal
import shutil
import subprocess
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

TESTS = Path(__file__).parent
REPO = TESTS.parent
SITES = TESTS / "sites"

# The property tests draw the same examples on every run, wherever it runs: README's test command on a person's
# machine passes or fails as it did in CI for the same commit (drawn anew there, a property that failed for one seed in
# two passed CI and failed her run). To hunt for new counterexamples, ask for "explore": `python -m pytest
# --hypothesis-profile=explore` (or HYPOTHESIS_PROFILE=explore) draws new examples each run, `--hypothesis-seed=N` draws
# seed N's, and the ones that failed are kept in .hypothesis/ and tried first the next time. Neither has a deadline: an
# example's time says how loaded the machine is, not whether the code is right (speed is bench/'s).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# The Ctrl-C tests send SIGINT to the commands they start, as a terminal does. A shell that starts the suite in the
# background (`.ci/run &`, nohup) has it ignored, and an ignored signal stays ignored through exec: every command would
# go on as if no key were pressed. Here it is caught again, so that the commands start with it as in a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# The tests run as in a pipe: no terminal size. pytest imports readline before it reads this file, and GNU readline
# puts the terminal's size (80 × 24 without one) into the environment as COLUMNS and LINES, behind os.environ's back;
# the programs a test starts inherit them, and so does each pytest-xdist worker, whose tables would then be 80 wide,
# not a pipe's 100. A test that wants a width sets COLUMNS itself.
for name in ("COLUMNS", "LINES"):
    os.environ.pop(name, None)
    os.unsetenv(name)


def read_cases(name: str) -> list[tuple[str, str, str]]:
    """(title, input, expected) from a fixture file in markdown-it's ``title / . / in / . / out / .`` form."""
    lines = (TESTS / "fixtures" / name).read_text(encoding="utf-8").split("\n")
    cases, position = [], 0
    while position < len(lines):
        if not lines[position].strip() or lines[position].startswith("#"):
            position += 1
            continue
        title = lines[position]
        assert lines[position + 1] == ".", f"{name}:{position + 2}: expected '.' after the title"
        parts, current, position = [], [], position + 2
        while len(parts) < 2:
            if lines[position] == ".":
                parts.append("\n".join(current))
                current = []
            else:
                current.append(lines[position])
            position += 1
        cases.append((title, parts[0] + "\n", parts[1]))
    return cases


def copy_site(name: str, destination: Path) -> Path:
    """A fresh copy of ``tests/sites/<name>``.

    ``demo`` is a copy of this repository's demo content as it stood when the tests
    were written: the site's own ``source_nl/`` and ``translations/`` are the author's
    and the translator's, and change without breaking a test.
    """
    target = destination / name
    shutil.copytree(SITES / name, target)
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` and its bytes (the ``.cache/`` folder aside), to prove nothing was damaged."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(root).parts
    }


def outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a person's clone: none of the variables a CI service sets (``merge_setup.CI_VARIABLES``), which the
    suite itself may run under (GitHub Actions sets ``GITHUB_ACTIONS`` as well as ``CI``)."""
    from publish_pipeline.plumbing.merge_setup import CI_VARIABLES

    for name in CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def still_running(processes: Iterable[int], within: float = 60) -> list[int]:
    """Those of ``processes`` still at work once each has ended, or after ``within`` seconds (Linux's /proc). Asked
    again until then, not once: a process killed a moment ago may not have been given the core to end yet. A zombie
    has ended: a process whose parent ended before reaping it stays one until init reaps it, which a container's init
    may do late or never."""

    def running(process: int) -> bool:
        try:
            return Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
        except OSError:
            return False

    left, give_up = [process for process in processes if running(process)], time.monotonic() + within
    while left and time.monotonic() < give_up:
        time.sleep(0.01)
        left = [process for process in left if running(process)]
    return left


def msgfmt_check(path: Path) -> None:
    """GNU gettext is the oracle: the file must pass ``msgfmt --check`` without a warning."""
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt (GNU gettext) is not installed; .ci/run must install the gettext package")
        pytest.skip("msgfmt (GNU gettext) is not installed: apt-get install gettext")
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stderr, f"{path}: {result.stderr}"


# Chromium ----------------------------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
browser_test = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed (apt-get install chromium); .ci/run installs it")


@pytest.fixture(scope="session")
def chromium_process() -> Iterator[Any]:
    """One Chromium for each process of the suite (each pytest-xdist worker): its start costs more than most browser
    tests take, and CI runs about fifty of them. Tests take it as ``browser``."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium_process: Any) -> Iterator[Any]:
    """The process's Chromium. Each ``browser.new_page()`` opens a context of its own (cookies, storage, cache: a
    fresh browser's), and every context a test opened is closed when it ends, passed or failed."""
    yield chromium_process
    for context in chromium_process.contexts:
        context.close()


def keeping_dutch(entry: Any) -> None:
    """A fake translator's approval of an entry whose English it left the Dutch (a name, "Hallo.", "Tekst."): marked as a
    translator keeping the Dutch on purpose marks it (``# ignore: unchanged``), as the Dutch approved unchanged is
    otherwise held back where it is Dutch prose (``checks._dutch_unchanged``)."""
    if entry.msgstr == entry.msgid and entry.msgctxt != "slug" and "unchanged" not in entry.tcomment:
        entry.tcomment = f"{entry.tcomment}\nignore: unchanged".strip()
