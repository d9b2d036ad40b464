"""The command line as a user meets it: `publish-pipeline`, `python -m publish_pipeline` and `invoke`."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, copy_site


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}  # tables as in a pipe
    env["PYTHONPATH"] = str(REPO / "src")
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_invoke_lists_each_task_with_a_one_line_description() -> None:
    result = run("invoke", "--list")
    assert result.returncode == 0, result.stderr
    listing = " ".join(result.stdout.split())  # Invoke pads the names to the longest and wraps at 80 columns
    assert "extract Update translations/en/*.po from the Dutch documents (source_nl/, or where the site's layout keeps them)." in listing
    assert "export Write Markdown pairs" in listing
    assert "glossary Show the glossary, or exchange it with terminology tools as CSV or TBX" in listing


def test_the_program_serves_the_same_tasks(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    result = run("publish_pipeline", "extract", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "extract: 2 documents, 13 segments, 2 PO files written\n"
    assert (root / "translations/en/blog/eerste.po").exists()


def through_invoke(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """The command line run by Invoke's program, as any command line that is not a plain extract, publish or export."""
    program = "import sys; from publish_pipeline.__main__ import _program; _program().run(['publish-pipeline', *sys.argv[1:]])"
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
    env["PYTHONPATH"] = str(REPO / "src")
    return subprocess.run([sys.executable, "-X", "importtime", "-c", program, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


@pytest.mark.parametrize("site", ["basic", "broken", "nowhere"])
@pytest.mark.parametrize("command", ["extract", "publish", "export", "status", "status --json --format text", "check --silenced", "check --list"])
def test_a_plain_command_runs_without_invoke_as_invoke_runs_it(tmp_path: Path, command: str, site: str) -> None:
    """``extract``, ``publish``, ``export``, ``status`` and ``check`` with only ``--root``, and their own options
    (``--out``, ``--format``, flags), run their task without loading Invoke (a fifth of a warm status), with what
    Invoke's program prints and its exit code, its failures too."""
    results = []
    name, *options = command.split()
    for way in ("plain", "invoke"):
        root = tmp_path / way / site if site == "nowhere" else copy_site(site, tmp_path / way)
        arguments = [name, *options, f"--root={root}", *(["--out", str(tmp_path / way / "out")] if name == "export" else [])]
        if way == "plain":
            env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
            result = subprocess.run([sys.executable, "-X", "importtime", "-m", "publish_pipeline", *arguments], capture_output=True,
                                    text=True, env={**env, "PYTHONPATH": str(REPO / "src")}, timeout=120)
        else:
            result = through_invoke(*arguments)
        loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
        assert ("invoke" in loaded) == (way == "invoke" or result.returncode != 0), "Invoke loads for its Exit only"
        said = [line for line in result.stderr.splitlines() if not line.startswith("import time:")]
        here = str(tmp_path / way)
        results.append((result.returncode, re.sub(r"\(\d+\.\d\d s\)", "", result.stdout.replace(here, "")), [line.replace(here, "") for line in said]))
    assert results[0] == results[1]


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
    assert "source_nl/blog/datum.md:3: front matter: 'date' is not a date: '3 maart' — write it as YYYY-MM-DD, e.g. 'date: 2019-03-14' in YAML, 'date = 2019-03-14' in TOML" in lines
    assert "could not be processed" not in result.stderr  # said once, by the last line: what it did and what it held back
    assert result.stdout == "extract: 1 of 9 documents, 3 segments, 1 PO file written (8 could not be read, see above)\n"


def test_a_bad_setting_is_one_line(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    (root / "pipeline.yaml").write_text("projekt: typo\n", encoding="utf-8")
    result = run("publish_pipeline", "extract", "--root", str(root))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "pipeline.yaml: unknown setting 'projekt'; allowed: project, source_language, target_language, translate_fields, base_url, site_name, author, layout, translation"
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
    assert result.stdout.endswith(f"export: 5 Dutch documents and 2 English documents in {tmp_path / 'out'}; English of 3 documents held back (above); 7 files written, 0 removed, 0 unchanged\n")
    again = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert again.stdout.endswith(f"export: 5 Dutch documents and 2 English documents in {tmp_path / 'out'}; English of 3 documents held back (above); nothing changed since the last export\n")


def test_publish_after_an_edit_of_held_back_english_says_why_nothing_changed_on_the_site(tmp_path: Path) -> None:
    """The trial: a PO edit of a held-back document, then publish said "nothing changed", true of the output and
    puzzling to the translator who just changed something. It says that nothing changed on the site, names the
    documents whose English is held back, and that an edit reaches the site once they are live."""
    import polib

    root = copy_site("basic", tmp_path)
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    po = polib.pofile(str(root / "translations/en/blog/eerste.po"), wrapwidth=0)
    po[1].msgstr = "A short blog to test with."  # approved, while the others are still untranslated
    po.save()
    result = run("publish_pipeline", "publish", "--root", str(root))
    assert result.returncode == 0, result.stderr
    last = re.sub(r"\(\d+\.\d\d s\)", "(s)", result.stdout.splitlines()[-1])
    assert last == (
        "publish: 2 nl + 0 en pages in public/; nothing changed on the site since the last publish (the English of "
        "blog/eerste waits, status says why: a PO edit of it shows once it passes, and topics/thema has no translation yet) (s); "
        "English — live: 0, held back: 2 (status says which and why)"
    )


def test_publish_that_changed_nothing_says_of_each_document_what_is_true_of_it(tmp_path: Path) -> None:
    """The trial: "a PO edit of it shows once it passes" was said of a document with no translation at all, and of one
    the author marked ``draft: true``, whose English no PO edit brings on the site. Each is said as it is."""
    import polib

    root = copy_site("basic", tmp_path)
    (root / "source_nl/blog/derde.md").write_text("---\ntitle: Derde blog\ndraft: true\n---\n\nNog niet af.\n", encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    po = polib.pofile(str(root / "translations/en/blog/eerste.po"), wrapwidth=0)
    po[1].msgstr = "A short blog to test with."
    po.save()
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    po = polib.pofile(str(root / "translations/en/blog/derde.po"), wrapwidth=0)
    po[0].msgstr = "Third blog"
    po.save()
    result = run("publish_pipeline", "publish", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert (
        "nothing changed on the site since the last publish (the English of blog/eerste waits, status says why: a PO "
        "edit of it shows once it passes, and topics/thema has no translation yet, and blog/derde is marked 'draft: true', off the "
        "site until the author takes that out)"
    ) in result.stdout.splitlines()[-1]


def on_a_terminal(*args: str, both: bool = False) -> str:
    """What ``python -m ARGS`` prints to its standard output (``both``: and its standard error) when that is a
    terminal, as when a person runs it."""
    import pty

    controller, terminal = pty.openpty()
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
    env["PYTHONPATH"] = str(REPO / "src")
    process = subprocess.Popen([sys.executable, "-m", *args], stdout=terminal, stderr=terminal if both else subprocess.PIPE, env=env)
    os.close(terminal)
    said = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the program closed the terminal
            break
        if not chunk:
            break
        said += chunk
    os.close(controller)
    assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    return said.decode("utf-8").replace("\r\n", "\n")


SERVE_HINT = "; invoke serve shows it (opened as a file, its pages lose their styles and links, which start at the site's root)"


def test_the_first_publish_at_a_terminal_says_once_to_look_at_the_site_with_serve(tmp_path: Path) -> None:
    """The trial: public/index.html opened from the disk (file://) showed a site without styles and with links that
    lead nowhere (they start at the site's root). The first publish a person runs says to look at it with serve;
    the next ones do not, nor does a publish into another folder or one whose output is a log (CI's)."""
    root = copy_site("basic", tmp_path)
    first = on_a_terminal("publish_pipeline", "publish", "--root", str(root)).splitlines()[-1]
    assert first.startswith("publish: 2 nl + 0 en pages in public/;") and first.endswith(SERVE_HINT)
    (root / "source_nl/blog/eerste.md").write_text("---\ntitle: Eerste\n---\n\nAnders.\n", encoding="utf-8")
    for args in (("--root", str(root)), ("--root", str(root)), ("--out", str(tmp_path / "elders"), "--root", str(root))):
        again = on_a_terminal("publish_pipeline", "publish", *args).splitlines()[-1]
        assert again.startswith("publish: ") and "invoke serve" not in again
    other = copy_site("demo", tmp_path)
    logged = run("publish_pipeline", "publish", "--root", str(other))
    assert logged.returncode == 0 and "invoke serve" not in logged.stdout


def test_draft_prints_a_line_per_document_and_a_summary(tmp_path: Path) -> None:
    from engine_server import EngineServer

    root = copy_site("basic", tmp_path)
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    with EngineServer() as server:
        dry = run("publish_pipeline", "draft", "--dry-run", "--url", server.url, "--root", str(root))
        assert dry.returncode == 0, dry.stderr
        assert dry.stdout.splitlines()[0] == "draft --dry-run: 12 empty entries: 0 from translation memory, 12 for google"
        assert server.total == 0
        lines = dry.stdout.splitlines()
        assert lines[2] == "translations/en/blog/eerste.po: 6 texts to send (165 characters)", dry.stdout
        assert lines[3:7] == ["    Mijn eerste blog", "    Een korte blog om mee te testen.", "    Waarom schrijf ik?", "    … and 3 more (the first 3 of 6 shown)"]
        assert lines[7] == "translations/en/topics/thema.po: 4 texts to send (35 characters)"  # a text both files hold is counted once
        assert lines[-1] == (
            "draft would send 10 texts (200 characters) to google, one request each, and write drafts into 2 PO files, "
            "for review; nothing was sent or written (run it without --dry-run to do it)"
        )
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
        "draft: stopped: cannot reach the google engine (cannot connect): check that the engine runs at http://127.0.0.1:9 "
        "(translation.url in pipeline.yaml), and the network connection",
    ]
    assert result.stdout.splitlines()[-1].endswith(
        "(0 cached, 0 requests sent), 0 failed, 12 not drafted yet (the run stopped; every answer that came is kept for the next: "
        "run draft again once that is fixed)"
    )  # not "0 failed" alone, and no request said sent that never left; the last line, with what to do


# No traceback, anywhere: a full disk, a read-only folder, a long name, a busy port, a folder that is no site ------------


def run_here(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``publish-pipeline ARGS`` in this process (so that a test can make the disk full): exit code, stdout, stderr."""
    from publish_pipeline.__main__ import main

    monkeypatch.setattr(sys, "argv", ["publish-pipeline", *args])
    try:
        main()
        code = 0
    except SystemExit as exited:
        code = exited.code if isinstance(exited.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    [line] = stderr.splitlines()
    return line


OUTPUTS = {"publish": "public", "export": "build/content", "review": "build/review"}


def demo_with_output(tmp_path: Path, command: str) -> Path:
    """The demo site with ``command``'s output built once and a Dutch document edited since, so the next run has work to write."""
    root = copy_site("demo", tmp_path)
    assert run("publish_pipeline", command, "--root", str(root)).returncode == 0  # in a process of its own: no cache stays open here
    source = root / "source_nl/blog/frictie-als-brandstof.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    return root


def fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way the commands write data fails as a full disk does (ENOSPC, and no file name with it)."""

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.setattr(os, "fdatasync", full)
    monkeypatch.setattr(Path, "write_text", full)


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_a_full_disk_is_one_line_and_the_old_output_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str) -> None:
    root = demo_with_output(tmp_path, command)
    before = tree(root / OUTPUTS[command])
    fill_the_disk(monkeypatch)
    code, _, stderr = run_here(monkeypatch, capsys, command, "--root", str(root))
    monkeypatch.undo()
    assert code == 1
    where = {"publish": re.escape(str(root)), "export": "build/content/(?:[a-z/-]+\\.md|\\.publish-pipeline-export)", "review": "build/review/index.html"}[command]
    assert re.fullmatch(f"{where}: the disk is full — free some disk space, then run the command again", one_line(stderr)), stderr
    assert tree(root / OUTPUTS[command]) == before
    assert not [path for path in root.rglob("*") if path.name.endswith(".tmp") or path.name.startswith(".public-")]


@contextmanager
def frozen(folder: Path) -> Iterator[None]:
    """``folder`` and all in it read-only, even for root (who ignores file modes): immutable with chattr."""
    if subprocess.run(["chattr", "-R", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here (it needs root and ext4 or a like file system)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-R", "-i", str(folder)], check=True)


@pytest.mark.skipif(shutil.which("chattr") is None, reason="chattr is not installed (e2fsprogs)")
@pytest.mark.parametrize(
    ("command", "folder"),
    [("publish", ".cache"), ("publish", "."), ("publish", "public"),
     ("export", ".cache"), ("export", "build"), ("export", "."), ("review", ".cache"), ("review", "build"), ("review", ".")],
)
def test_a_read_only_folder_is_one_line_and_the_old_output_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str, folder: str) -> None:
    root = demo_with_output(tmp_path, command)
    before = tree(root / OUTPUTS[command])
    with frozen(root / folder):
        code, _, stderr = run_here(monkeypatch, capsys, command, "--root", str(root))
    assert code == 1
    line = one_line(stderr)
    location = "" if folder == "." else folder
    assert line.startswith(location), line
    assert re.search(r": not allowed: the file or its folder is read-only or locked — make it writable \(chmod u\+w; chattr -i .*\)", line), line
    assert tree(root / OUTPUTS[command]) == before


def test_a_name_too_long_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_site("basic", tmp_path)
    name = "x" * 300 + ".html"
    code, _, stderr = run_here(monkeypatch, capsys, "review", "--root", str(root), "--out", str(root / "build" / name))
    assert code == 1
    assert one_line(stderr) == f"build/{name}: the name is too long for the file system — use a shorter file name or slug"


def opening_fails(monkeypatch: pytest.MonkeyPatch, number: int, name: str) -> None:
    """Opening the site fails as the operating system can: ``number`` (an errno) about the site's file ``name``."""
    from publish_pipeline.site import Site

    def failing(cls: type, root: str) -> None:
        raise OSError(number, os.strerror(number), str(Path(root, name)))

    monkeypatch.setattr(Site, "open", classmethod(failing))


TASKS = ["check", "draft", "export", "extract", "publish", "review", "serve", "status"]


@pytest.mark.parametrize("command", TASKS)
def test_every_task_turns_an_unforeseen_os_error_into_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str) -> None:
    root = copy_site("basic", tmp_path)
    opening_fails(monkeypatch, errno.EIO, "source_nl")
    code, _, stderr = run_here(monkeypatch, capsys, command, "--root", str(root))
    assert code == 1
    assert one_line(stderr) == "source_nl: the operating system refused: Input/output error — fix that, then run the command again"


@pytest.mark.parametrize(
    ("number", "words"),
    [(errno.ENOSPC, "the disk is full — free some disk space"), (errno.EROFS, "the file system is read-only — run the command where"),
     (errno.EACCES, "not allowed: the file or its folder is read-only or someone else's — make it writable (chmod u+w)"),
     (errno.ENAMETOOLONG, "the name is too long for the file system — use a shorter file name or slug")],
)
def test_each_os_error_is_said_in_words_with_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], number: int, words: str) -> None:
    root = copy_site("basic", tmp_path)
    opening_fails(monkeypatch, number, ".cache/publish_pipeline/lock")
    code, _, stderr = run_here(monkeypatch, capsys, "publish", "--root", str(root))
    assert code == 1
    assert one_line(stderr).startswith(f".cache/publish_pipeline/lock: {words}")


@pytest.mark.parametrize("command", TASKS)
def test_every_task_refuses_a_folder_that_is_no_site_and_creates_nothing(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "notes.md").write_text("# not a site\n", encoding="utf-8")
    result = run("publish_pipeline", command, cwd=folder)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{folder}: not a site: it has neither source_nl/ nor pipeline.yaml — cd into the site folder, or pass --root with it"]
    assert [path.name for path in folder.iterdir()] == ["notes.md"]


@pytest.mark.parametrize(("files", "layout"), [
    ({"hugo.toml": 'title = "Blog"\n', "content/posts/fietsen.md": "---\ntitle: Fietsen\n---\nGisteren fietste ik.\n"}, "hugo-by-filename"),
    ({"config/_default/hugo.yaml": "title: Blog\n", "content/nl/posts/fietsen.md": "---\ntitle: Fietsen\n---\nGisteren fietste ik.\n"}, "hugo-by-filename"),
    ({"_config.yml": "title: Blog\n", "_posts/2024-05-01-fietsen.md": "---\ntitle: Fietsen\n---\nGisteren fietste ik.\n"}, "jekyll"),
])
@pytest.mark.parametrize("settings", [None, "translation:\n  engine: google\n"], ids=["no pipeline.yaml", "no layout"])
def test_a_hugo_or_jekyll_site_without_its_layout_is_told_which_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], files: dict[str, str], layout: str, settings: str | None
) -> None:
    """A new user's Hugo site with a pipeline.yaml that set no layout: extract said '0 documents' (exit 0) and status
    called every PO file deleted; with no pipeline.yaml, 'cd into the site folder' while she was in it. Both now name
    the layout to set, and the command writes nothing."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    if settings:
        (tmp_path / "pipeline.yaml").write_text(settings, encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    code, _, stderr = run_here(monkeypatch, capsys, "extract", "--root", str(tmp_path))
    assert code == 1 and "Traceback" not in stderr
    assert one_line(stderr).startswith(str(tmp_path / "pipeline.yaml") if settings else f"{tmp_path}: not a site"), stderr
    assert f"layout: {layout}" in one_line(stderr) and "site:" in one_line(stderr)
    assert sorted(tmp_path.rglob("*")) == before


def test_serve_on_a_busy_port_is_one_line_and_builds_nothing(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("publish_pipeline", "serve", "--port", str(port), "--root", str(root))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"127.0.0.1:{port}: the port is in use — stop what uses it, or try --port {port + 1}"]
    assert not (root / "public").exists()


def test_the_programs_help_shows_only_what_applies() -> None:
    result = run("publish_pipeline", "--help")
    assert result.returncode == 0, result.stderr
    for meaningless in ("--pty", "--prompt-for-sudo-password", "--command-timeout", "-T", "--echo", "--dry", "--hide", "--warn-only", "--write-pyc"):
        assert meaningless not in result.stdout, meaningless
    for option in ("--help", "--list", "--version"):
        assert option in result.stdout
    assert re.search(r"\n  publish +Build the site", result.stdout)
    assert run("publish_pipeline", "--version").stdout == "publish-pipeline 0.1.0\n"
    refused = run("publish_pipeline", "--pty", "status")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "--pty" in run("invoke", "--help").stdout  # invoke itself, through tasks.py, keeps its own options


def test_workspace_is_the_translators_name_for_review_serve(tmp_path: Path) -> None:
    """A new user's trial: the translator looked for a command named after the workspace README shows her, and found
    it only as an option of review. ``invoke workspace`` serves it as ``review --serve`` does, and status's next step
    names it."""
    from test_workspace import workspace_site

    assert "workspace Open the translator's workspace in the browser" in " ".join(run("invoke", "--list").stdout.split())
    site = workspace_site(tmp_path)
    status = run("publish_pipeline", "status", "--root", str(site.root)).stdout
    assert "invoke workspace (or Poedit) to review" in " ".join(status.split())
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(REPO), "workspace", "--port", "0", "--root", str(site.root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("workspace: the workspace for Anne-Marie Mars is at http://127.0.0.1:") and "?token=" in line, line + process.stderr.read()
        address = line.split(" is at ")[1].split()[0]
        with urllib.request.build_opener(urllib.request.HTTPCookieProcessor()).open(address) as page:  # the token, then the cookie
            assert page.status == 200 and b"Documents" in page.read()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert (process.returncode, out.strip()) == (0, "workspace: workspace stopped") and "Traceback" not in err, err
    wrong = run("publish_pipeline", "workspace", "--port", "x", "--root", str(site.root))
    assert (wrong.returncode, wrong.stderr) == (1, "--port: 'x' is not a port number — use a whole number from 1 to 65535, e.g. --port 8000\n")


def test_every_tasks_help_says_what_each_option_is() -> None:
    """A new user's trial of every task's --help: merge-po listed -b, -o and -t with nothing beside them."""
    from publish_pipeline.tasks import ns

    for name in sorted(ns.task_names):
        shown = run("publish_pipeline", "--help", name)
        assert shown.returncode == 0 and "Docstring:" in shown.stdout, shown
        options = shown.stdout.split("Options:\n", 1)[1].splitlines()
        flags = [line for line in options if line.startswith("  -")]
        assert flags and all(re.match(r"  -.*?  +\S", line) for line in flags), (name, shown.stdout)


@pytest.mark.parametrize("program", [["invoke", "--search-root", str(REPO)], ["publish_pipeline"]])
def test_every_tasks_help_after_its_name_shows_its_help(program: list[str]) -> None:
    """A new user's trial: `invoke merge-po --help` said "'merge-po' did not receive required positional arguments"
    (Invoke took --help for the first of them). `TASK --help` (and `-h`) shows the task's help, in both programs."""
    from publish_pipeline.tasks import ns

    for name in sorted(ns.task_names):
        for asked in ("--help", "-h"):
            shown = run(*program, name, asked)
            assert shown.returncode == 0 and f"{name} [--options]" in shown.stdout and "Docstring:" in shown.stdout, (name, asked, shown)
            assert shown.stderr == "", (name, shown.stderr)


def test_merge_po_by_hand_says_that_git_runs_it_and_how() -> None:
    """Git runs `publish-pipeline merge-po %O %A %B %P`; a person who runs it without them (or with too few) is told so."""
    for program, arguments in ((["invoke", "--search-root", str(REPO)], []), (["publish_pipeline"], []), (["publish_pipeline"], ["base.po", "ours.po"])):
        done = run(*program, "merge-po", *arguments)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done
        assert "git runs it with four files, publish-pipeline merge-po BASE OURS THEIRS NAME" in done.stderr and "run invoke setup" in done.stderr, done


def test_status_lists_every_document_of_a_small_site_as_readme_says_and_counts_the_live_ones_of_a_bigger_one(tmp_path: Path) -> None:
    """A new user's trial: README said status lists only the documents that need someone, and her site of 5 showed
    every one. A small site's table is short, and shows her live pages beside the others: README says so, with the
    number the code uses (``tasks.LISTED_IN_FULL``); a bigger site counts its live documents on one line."""
    from publish_pipeline.tasks import LISTED_IN_FULL

    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert f"in a site of up to {LISTED_IN_FULL} documents, a row for every document" in readme
    assert f"in a site of more than {LISTED_IN_FULL}, per document that needs someone" in readme
    root = copy_site("demo", tmp_path / "small")
    listed = run("publish_pipeline", "status", "--root", str(root)).stdout.splitlines()
    live = [line for line in listed if line.endswith(" live") and not line.startswith("total")]
    assert live and not any("more documents: every entry approved" in line for line in listed), listed

    big = copy_site("demo", tmp_path / "big")
    source = next((big / "source_nl/blog").glob("*.md")).read_text(encoding="utf-8")
    for number in range(LISTED_IN_FULL):
        (big / f"source_nl/blog/extra-{number}.md").write_text(source, encoding="utf-8")
    listed = run("publish_pipeline", "status", "--root", str(big)).stdout.splitlines()
    assert not [line for line in listed if line.endswith(" live") and not line.startswith("total")], listed
    assert any(line.endswith("every entry approved, English live (status --all lists them)") for line in listed), listed


def test_a_new_users_commands_each_end_with_one_line_that_says_what_the_command_did(tmp_path: Path) -> None:
    """A new user's trial of every command on a fresh site: `check --list` ended with a note on silencing checks, not
    with what it listed. Each ends with one line that starts with its name (status's is its `next:`)."""
    root = copy_site("basic", tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    for command in (["extract"], ["draft", "--dry-run"], ["check"], ["check", "--list"], ["review"], ["export"], ["publish"], ["glossary"], ["setup"]):
        done = run("publish_pipeline", *command, "--root", str(root))
        last = done.stdout.splitlines()[-1]
        assert done.returncode == 0 and last.startswith((f"{command[0]}: ", f"{' '.join(command)}: ", f"{command[0]} would ")), (command, done)
    assert run("publish_pipeline", "check", "--list").stdout.splitlines()[-1].startswith("check --list: 1")


def test_the_license_is_an_spdx_expression_that_the_build_backend_accepts() -> None:
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert settings["project"]["license"] == "MIT"  # a table ({ text = ... }) is deprecated by setuptools
    [backend] = settings["build-system"]["requires"]
    assert backend == "setuptools>=77"  # the first setuptools that reads an SPDX license string


@pytest.mark.parametrize("command", [["serve"], ["review", "--serve"]])
def test_a_port_that_is_no_number_is_one_line(tmp_path: Path, command: list[str]) -> None:
    root = copy_site("basic", tmp_path)
    result = run("publish_pipeline", *command, "--port", "abc", "--root", str(root))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == ["--port: 'abc' is not a port number — use a whole number from 1 to 65535, e.g. --port 8000"]


def test_a_page_that_cannot_be_written_is_named_and_the_old_site_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_site("basic", tmp_path)
    assert run_here(monkeypatch, capsys, "publish", "--root", str(root))[0] == 0
    from publish_pipeline.output.manifest import MANIFEST_FILE

    before = tree(root / "public")
    (root / MANIFEST_FILE).unlink()  # else, with nothing changed, publish keeps the site and writes nothing
    from publish_pipeline.output import publishing

    created = publishing._created

    def full(path: str) -> int:  # where publish makes each page's file
        if Path(path).name == "index.html" and "topics" in Path(path).parts:
            raise OSError(errno.ENOSPC, "No space left on device", path)
        return created(path)

    monkeypatch.setattr(publishing, "_created", full)
    code, _, stderr = run_here(monkeypatch, capsys, "publish", "--root", str(root))
    monkeypatch.undo()
    assert code == 1
    assert stderr.splitlines() == ["public/topics/thema/index.html: the disk is full — free some disk space, then run the command again"]
    assert tree(root / "public") == before


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    """`status | head -1`: the pipe closes under the table; no 'the operating system refused: Broken pipe'."""
    root = copy_site("basic", tmp_path)
    run("publish_pipeline", "extract", "--root", str(root))
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before the table is written
    try:
        done = subprocess.run([sys.executable, "-m", "publish_pipeline", "status", "--root", str(root)], stdout=writing,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (1, "")


@pytest.mark.parametrize("command", ["status", "check"])
def test_ctrl_c_ends_status_and_check_with_one_line_and_code_130(tmp_path: Path, command: str) -> None:
    """Review 2, item 7: run without Invoke, Ctrl-C printed a traceback (exit -2). The command is caught reading a
    named pipe in place of pipeline.yaml, so the interrupt comes mid-command whatever the machine's speed."""
    root = copy_site("basic", tmp_path)
    (root / "pipeline.yaml").unlink(missing_ok=True)
    os.mkfifo(root / "pipeline.yaml")
    before = tree(root)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    running = subprocess.Popen([sys.executable, "-m", "publish_pipeline", command, "--root", str(root)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    while True:  # until the command opens the pipe to read it (before, opening it to write fails)
        try:
            writer = os.open(root / "pipeline.yaml", os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as error:
            assert error.errno == errno.ENXIO and running.poll() is None, running.communicate()
            time.sleep(0.01)
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=120)
    os.close(writer)
    assert (running.returncode, out, err) == (130, "", "\ninterrupted — nothing was written (but caches in .cache/, each whole)\n")
    assert tree(root) == before


def test_check_and_status_count_a_document_that_cannot_be_read(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    (root / "source_nl/blog/kapot.md").write_text('---\ntitle: "Kapot\n---\n\nTekst.\n', encoding="utf-8")
    run("publish_pipeline", "extract", "--root", str(root))
    check = run("publish_pipeline", "check", "--root", str(root))
    assert (check.returncode, check.stdout) == (1, "check: failed: source_nl/blog/kapot.md cannot be read (above, with what to do); no problems in the 2 other documents\n")
    status = run("publish_pipeline", "status", "--root", str(root))
    said = [line for line in status.stdout.splitlines() if line.startswith("English of")]
    assert said == ["English of 3 documents — live: 0, held back: 3"]  # the unreadable one counted too


def test_check_does_not_count_a_document_whose_po_file_cannot_be_read_as_checked(tmp_path: Path) -> None:
    """The trial: a site of 2 documents, one PO file unreadable, said "no problems in 2 documents (1 more could not
    be read)" and exited 1: 3 documents, and "no problems" against the exit code. Its last line is its one summary."""
    root = copy_site("basic", tmp_path)
    run("publish_pipeline", "extract", "--root", str(root))
    catalog = root / "translations/en/blog/eerste.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + 'msgid "kapot\n', encoding="utf-8")
    check = run("publish_pipeline", "check", "--root", str(root))
    assert check.returncode == 1
    assert [line.split(": ")[0] for line in check.stderr.splitlines()] == [f"translations/en/blog/eerste.po:{catalog.read_text().count(chr(10))}"]
    assert check.stdout == "check: failed: translations/en/blog/eerste.po cannot be read (above, with what to do); no problems in the 1 other document\n"
    lines = run("publish_pipeline", "status", "--root", str(root)).stdout.splitlines()
    at = next(number for number, line in enumerate(lines) if line.startswith("blog/eerste"))
    assert lines[at].split() == ["blog/eerste", "–", "–", "–", "–", "held", "back"]  # as a Dutch document that cannot be read: not 0 0 0 0
    assert lines[at + 1].startswith(f"    translations/en/blog/eerste.po:{catalog.read_text().count(chr(10))}: PO syntax")


BROKEN_TEMPLATES = {
    "Jinja syntax": ("base.html.j2", "<html>\n{% if %}\n</html>\n", "templates/base.html.j2:2: template error: Expected an expression"),
    "an undefined name": ("page.html.j2", "<p>\n{{ nonexistent.attr }}</p>\n", "templates/page.html.j2:2: template error: 'nonexistent' is undefined"),
    "a failing expression": ("home.html.j2", "{{ site_name + 1 }}\n", "templates/home.html.j2:1: template error: "),
    "a missing include": ("page.html.j2", "{% include 'gone.html' %}\n", "templates/page.html.j2:1: template error: no template named 'gone.html'"),
    "a field the page lacks": ("page.html.j2", "<p>\n{{ page.auteur.naam }}</p>\n", "templates/page.html.j2:2: template error: the page has no attribute 'auteur'"),
}


@pytest.mark.parametrize("kind", list(BROKEN_TEMPLATES))
def test_a_broken_site_template_is_one_line_on_its_line_and_the_site_stays(tmp_path: Path, kind: str) -> None:
    """A mistake in the site's own templates says where, what and what to do (never Jinja's traceback), and
    the site published before stays as it was."""
    root = copy_site("basic", tmp_path)
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    before = {path: path.read_bytes() for path in (root / "public").rglob("*") if path.is_file()}
    name, text, said = BROKEN_TEMPLATES[kind]
    (root / "templates").mkdir()
    (root / "templates" / name).write_text(text, encoding="utf-8")
    result = run("publish_pipeline", "publish", "--root", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(said), result.stderr
    assert result.stderr.rstrip().endswith("fix the template, or remove it to use the package's own")
    assert {path: path.read_bytes() for path in (root / "public").rglob("*") if path.is_file()} == before


def drafting_when_asked(server: Any, root: Path, requests: int) -> subprocess.Popen[str]:
    """``draft`` of the basic site (extracted, one request at a time) against ``server``, once it has ``requests``."""
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    (root / "pipeline.yaml").write_text("translation:\n  concurrency: 1\n", encoding="utf-8")
    command = [sys.executable, "-m", "publish_pipeline", "draft", "--url", server.url, "--root", str(root)]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    drafting = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while server.total < requests and time.monotonic() < deadline:
        time.sleep(0.05)
    return drafting


def test_ctrl_c_stops_draft_at_once_and_keeps_what_came(tmp_path: Path) -> None:
    """Ctrl-C in a draft against a slow engine: no request is sent after it (the queue was not worked off first),
    what came is kept in the cache, and the run says so in words and exits 130."""
    from engine_server import EngineServer

    root = copy_site("basic", tmp_path)
    with EngineServer(latency=0.4) as server:
        drafting = drafting_when_asked(server, root, 2)
        drafting.send_signal(signal.SIGINT)
        stopping = drafting.stderr.readline()  # heard: however long a loaded machine took to run the handler
        asked = server.total
        out, err = drafting.communicate(timeout=60)
        err = stopping + err
        assert drafting.returncode == 130, err
        assert server.total <= asked + 1 < 12  # at most one on its way as she pressed it; not the other entries
        assert "Traceback" not in err and err.splitlines() == [
            "draft: stopping: no new request; waiting for the answers under way (Ctrl-C again to leave at once)",
            "draft: stopped: interrupted (Ctrl-C): no request was sent after it, and every answer that came is kept",
        ]
        assert out.splitlines()[-1].endswith("not drafted yet (the run stopped; every answer that came is kept for the next: run draft again to go on)")
        dry = run("publish_pipeline", "draft", "--dry-run", "--url", server.url, "--root", str(root))
        assert f", {server.total} already in the cache, " in dry.stdout.splitlines()[1]


def test_a_command_run_in_a_subfolder_acts_on_the_site_it_is_in(tmp_path: Path) -> None:
    """As git finds its repository: `invoke status` in source_nl/blog/ is the site's status, and nothing is made
    in the subfolder; the search stops at the top of a git repository."""
    root = copy_site("basic", tmp_path / "repository")
    subprocess.run(["git", "init", "-q", str(tmp_path / "repository")], check=True)
    folder = root / "source_nl" / "blog"
    before = sorted(path.name for path in folder.iterdir())
    assert run("publish_pipeline", "extract", cwd=folder).returncode == 0
    result = run("publish_pipeline", "status", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "blog/eerste" in result.stdout and (root / "translations" / "en" / "blog" / "eerste.po").is_file()
    assert sorted(path.name for path in folder.iterdir()) == before
    beside = tmp_path / "repository" / "notes"
    beside.mkdir()
    refused = run("publish_pipeline", "status", cwd=beside)
    assert refused.returncode == 1 and refused.stderr.startswith(f"{beside}: not a site")


def test_a_second_ctrl_c_leaves_draft_at_once_and_says_so(tmp_path: Path) -> None:
    """The first Ctrl-C waits for the answer under way (a slow engine: seconds); a second leaves at once, said."""
    from engine_server import EngineServer

    root = copy_site("basic", tmp_path)
    with EngineServer(latency=30) as server:
        drafting = drafting_when_asked(server, root, 1)
        before = {path: path.read_bytes() for path in (root / "translations").rglob("*.po")}
        drafting.send_signal(signal.SIGINT)
        said = [drafting.stderr.readline()]
        while said[-1] and not said[-1].startswith("draft: stopping: "):  # the first one heard (two at once are one)
            said.append(drafting.stderr.readline())
        assert said[-1].startswith("draft: stopping: "), said
        drafting.send_signal(signal.SIGINT)
        out, err = drafting.communicate(timeout=20)  # not the 30 s the answer under way would take
    assert drafting.returncode == 130 and "Traceback" not in err
    assert err.splitlines()[-1] == "draft: left at once: the answers under way are lost, every other one is kept; run draft again"
    assert {path: path.read_bytes() for path in (root / "translations").rglob("*.po")} == before


@pytest.mark.parametrize("fence", ["```", "~~~~"])
def test_a_code_block_never_closed_is_refused_where_it_opens_and_the_po_file_stays(tmp_path: Path, fence: str) -> None:
    """The trial: a forgotten closing fence turned the rest of a post into code in both languages, and extract
    made its approved entries obsolete without a word. Refused as an HTML comment never closed is: an error on
    the line where it opens, and the PO file as it was."""
    root = copy_site("basic", tmp_path)
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    catalog = (root / "translations/en/blog/eerste.po").read_bytes()
    source = root / "source_nl/blog/eerste.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("## Waarom", f"{fence}python\nprint('hallo')\n\n## Waarom"), encoding="utf-8")
    result = run("publish_pipeline", "extract", "--root", str(root))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"source_nl/blog/eerste.md:8: the code block opened here is never closed; the text after it would become code, untranslated"
        f" (line 13: 'Ik schrijf om te ontdekken wat ik denk.') — add a closing {fence} line"
    ]
    assert result.stdout == "extract: 1 of 2 documents, 6 segments, 0 PO files written (1 could not be read, see above)\n"
    assert (root / "translations/en/blog/eerste.po").read_bytes() == catalog
    source.write_text(text.replace("## Waarom", f"{fence}python\nprint('hallo')\n{fence}\n\n## Waarom"), encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0  # closed, it is code, as written


@pytest.mark.parametrize(("swallowed", "line", "first"), [
    ("Wat je nodig hebt:\n\n- verse koffie\n- heet water\n- een filter\n", 15, "- verse koffie"),
    ("Tot snel!\n", 13, "Tot snel!"),
    ("## Klaar\n\nVeel plezier!\n", 15, "Veel plezier!"),
])
def test_a_code_block_never_closed_that_swallows_a_dutch_list_or_short_sentences_is_refused(
    tmp_path: Path, swallowed: str, line: int, first: str
) -> None:
    """Session 31's rule refused a fence never closed only once it held a long sentence of prose: a Dutch list or a
    short Dutch sentence after it went into the code block, untranslated on the English page, without a word. extract
    and check say so at the fence's line, with the first line of the author's text it swallows."""
    root = copy_site("basic", tmp_path)
    source = root / "source_nl/blog/eerste.md"
    front_matter = source.read_text(encoding="utf-8").partition("---\n\n")[0]
    source.write_text(f"{front_matter}---\n\nZo zet je koffie:\n\n```sh\nkoffie --sterk\n\n{swallowed}", encoding="utf-8")
    said = (
        f"source_nl/blog/eerste.md:10: the code block opened here is never closed; the text after it would become code,"
        f" untranslated (line {line}: '{first}') — add a closing ``` line"
    )
    for command in ("extract", "check"):
        result = run("publish_pipeline", command, "--root", str(root))
        assert result.returncode == 1 and said in result.stderr.splitlines(), result.stderr


def test_a_po_file_msgfmt_refuses_is_said_once_by_status_and_named_by_checks_last_line(tmp_path: Path) -> None:
    """The new user's trial: a PO file with a typo (a msgstr whose closing quote she deleted, which msgfmt refuses) was
    said twice by status, in the table and again on stderr; and check ended "0 errors, … 1 more could not be read" and
    exited 1, which read as a pass. Status says it once, in its row, location first, what is wrong, what to do (its
    JSON keeps ``unreadable``); check's last line says it failed, and on which file."""
    root = copy_site("basic", tmp_path)
    run("publish_pipeline", "extract", "--root", str(root))
    catalog = root / "translations/en/blog/eerste.po"
    lines = catalog.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(number for number, line in enumerate(lines) if line.startswith('msgstr ""') and number > 5)
    lines[at] = 'msgstr "Trust\n'
    catalog.write_text("".join(lines), encoding="utf-8")
    assert subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(catalog)], capture_output=True).returncode == 1
    status = run("publish_pipeline", "status", "--root", str(root))
    assert (status.returncode, status.stderr) == (1, "")
    text = " ".join(line.strip() for line in status.stdout.splitlines())
    said = f"translations/en/blog/eerste.po:{at + 1}: PO syntax error: 'msgstr \"Trust': the text has no closing double quote — end it"
    assert said in text and text.count("no closing double quote") == 1
    assert text.index("blog/eerste") < text.index(said) < text.index("next: fix the 1 file that cannot be read (each said above")
    data = json.loads(run("publish_pipeline", "status", "--json", "--root", str(root)).stdout)
    [row] = [row for row in data["documents"] if row["id"] == "blog/eerste"]
    assert (row["unreadable"]["location"], row["unreadable"]["line"]) == ("translations/en/blog/eerste.po", at + 1)
    assert row["unreadable"]["hint"].startswith('end it with " on the same line')

    other = root / "translations/en/topics/thema.po"  # a check error elsewhere: check fails on both, and says both
    text = other.read_text(encoding="utf-8")
    assert 'msgid "Boeken bestellen"\nmsgstr ""' in text
    other.write_text(text.replace('msgid "Boeken bestellen"\nmsgstr ""', 'msgid "Boeken bestellen"\nmsgstr "Order 5 books"'), encoding="utf-8")
    check = run("publish_pipeline", "check", "--root", str(root))
    assert check.returncode == 1
    assert check.stderr.splitlines()[0].startswith(f"translations/en/blog/eerste.po:{at + 1}: PO syntax error")
    assert check.stdout.splitlines()[-1] == (
        "check: failed: translations/en/blog/eerste.po cannot be read (above, with what to do); 1 error, 0 warnings in the 1 other document"
    )


def test_check_in_a_ci_clone_knows_the_common_ci_services_and_says_elsewhere_that_a_ci_job_may_ignore_setup(tmp_path: Path) -> None:
    """The new user's trial: check in a CI clone without ``CI=true`` (Jenkins, Azure Pipelines set none) warned to run
    ``invoke setup``, which a fresh clone that merges nothing does not need. The CI services' own variables are known;
    a runner none of them names is told in the warning that a CI job may ignore it, and how to silence it."""
    from publish_pipeline.plumbing.merge_setup import CI_VARIABLES

    origin = copy_site("basic", tmp_path)
    (origin / ".gitattributes").write_text("/translations/**/*.po merge=po\n", encoding="utf-8")
    run("publish_pipeline", "extract", "--root", str(origin))
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=a", "-c", "user.email=a@example.org", "commit", "-qm", "site"]):
        subprocess.run(["git", *command], cwd=origin, check=True, capture_output=True)
    clone = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, capture_output=True)
    plain = {name: value for name, value in os.environ.items() if name not in CI_VARIABLES}

    def check(**variables: str) -> subprocess.CompletedProcess[str]:
        env = {**plain, **variables, "PYTHONPATH": str(REPO / "src")}
        return subprocess.run([sys.executable, "-m", "publish_pipeline", "check"], capture_output=True, text=True, cwd=clone, env=env, timeout=120)

    for variables in ({}, {"CI": "false"}):
        result = check(**variables)
        assert result.returncode == 0 and result.stdout.splitlines()[-1] == "check: no problems in 2 documents", result.stdout
        [warning] = result.stdout.splitlines()[:-1]
        assert warning.startswith(".gitattributes: warning: ") and warning.endswith(
            "run `invoke setup` once in this clone (a CI job, whose fresh clone merges nothing, may ignore this: set CI=true in its environment to silence it)"
        )
    for variables in ({"CI": "true"}, {"JENKINS_URL": "http://jenkins:8080/"}, {"TF_BUILD": "True"}, {"GITLAB_CI": "true"}, {"BUILDKITE": "true"}):
        result = check(**variables)
        assert (result.returncode, result.stdout) == (0, "check: no problems in 2 documents\n"), variables


@pytest.mark.parametrize("command", ["check", "publish", "export"])
def test_the_last_line_is_the_summary_and_the_problems_come_before_it(tmp_path: Path, command: str) -> None:
    """The trial: after its summary each command said "1 document could not be processed (above); …", and in a log
    (no terminal) the problems it pointed up to came after the summary. Its last line is its one summary, with
    what it held back in it, and every problem is printed before it, in one stream as in two."""
    root = copy_site("demo", tmp_path)
    catalog = root / "translations/en/blog/frictie-als-brandstof.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + 'msgid "kapot\n', encoding="utf-8")
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
    logged = subprocess.run([sys.executable, "-m", "publish_pipeline", command, "--root", str(root)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env={**env, "PYTHONPATH": str(REPO / "src")}, timeout=120)
    assert logged.returncode == 1
    lines = logged.stdout.splitlines()
    assert lines[-1].startswith(f"{command}: ")
    held = (
        "failed: translations/en/blog/frictie-als-brandstof.po cannot be read (above, with what to do); no problems in the 4 other documents (1 silenced: "
        "translations/en/blog/loyaliteit-is-geen-blinde-trouw.po:155: ignore: markup)" if command == "check"
        else "; 1 document could not be processed (above), and nothing of value was overwritten"
    )
    assert lines[-1].endswith(held)
    assert "every document rendered (" not in lines[-1]  # a trial's CI log: "every document rendered (0.68 s); … 1 document could not be processed"
    assert [line for line in lines if "could not be" in line or "cannot be read (above" in line] == [lines[-1]]
    assert any(line.startswith("translations/en/blog/frictie-als-brandstof.po:") for line in lines[:-1])


def test_draft_at_a_terminal_shows_its_progress_without_an_unknown_total(tmp_path: Path) -> None:
    """The trial: the bar read "draft ━━━━ 0/None texts" until the first answer came. It says what it does until
    it knows the total, and the total from the first request on."""
    from engine_server import EngineServer

    root = copy_site("basic", tmp_path)
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    with EngineServer(latency=0.3) as server:
        shown = on_a_terminal("publish_pipeline", "draft", "--url", server.url, "--root", str(root), both=True)
    assert "/10 texts" in shown and "None" not in shown


def test_long_steps_show_a_bar_at_a_terminal_and_nothing_of_it_in_a_log(tmp_path: Path) -> None:
    """The trial: a cold status was silent for 65 s and publish for 86 s on a site of 1,000 posts. At a terminal each
    long step shows a bar titled by its phase (a warm check, whose verdicts are all reused, has nothing to show);
    in a log (CI's) nothing of it is printed, only the summary."""
    root = copy_site("demo", tmp_path)
    spare = copy_site("demo", tmp_path / "spare")
    shown = {command: on_a_terminal("publish_pipeline", command, "--root", str(root), both=True) for command in ("status", "check", "export")}
    assert "assessing" in shown["status"] and "5/5" in shown["status"] and "━" not in shown["check"]
    assert "exporting" in shown["export"] and "source_nl/" in shown["export"]
    published = on_a_terminal("publish_pipeline", "publish", "--root", str(spare), both=True)  # cold: both phases
    assert "assessing" in published and "rendering pages" in published and published.splitlines()[-1].startswith("publish: 5 nl")
    for command in ("status", "publish", "export"):
        logged = run("publish_pipeline", command, "--root", str(copy_site("demo", tmp_path / command)))
        assert logged.returncode == 0 and "━" not in logged.stdout + logged.stderr and "\x1b[" not in logged.stdout + logged.stderr


def committed(root: Path) -> Path:
    """``root`` as a git checkout with everything in it committed (``public/`` and ``.cache/`` ignored)."""
    (root / ".gitignore").write_text("public/\n.cache/\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "-"]):
        subprocess.run(["git", *command], cwd=root, check=True)
    return root


def test_a_live_post_marked_draft_is_said_off_the_site_once(tmp_path: Path) -> None:
    """The trial: with ``draft: true`` added to a committed, live post, publish said "held back: 1" and its pages, in
    both languages, vanished without a word. The run in which they go says which pages and why; the next does not."""
    root = committed(copy_site("demo", tmp_path))
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    post = root / "source_nl/blog/loyaliteit-is-geen-blinde-trouw.md"
    post.write_text(post.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    said = run("publish_pipeline", "publish", "--root", str(root)).stdout.splitlines()
    assert (
        "source_nl/blog/loyaliteit-is-geen-blinde-trouw.md: marked draft: true — /blog/loyaliteit-is-geen-blinde-trouw/ and "
        "/en/blog/loyalty-is-not-blind-allegiance/ are off the site until that is taken out"
    ) in said
    assert not any("off the site until" in line for line in run("publish_pipeline", "publish", "--root", str(root)).stdout.splitlines()[:-1])


def test_a_renamed_post_is_said_with_its_new_address(tmp_path: Path) -> None:
    """A post renamed (``git mv a.md b.md``): its Dutch address changed, and the old one left the site. Publish says so,
    and a link to the old file names the new one."""
    root = committed(copy_site("demo", tmp_path))
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    subprocess.run(["git", "mv", "source_nl/blog/loyaliteit-is-geen-blinde-trouw.md", "source_nl/blog/trouw.md"], cwd=root, check=True)
    linking = root / "source_nl/blog/weerstand-bestaat-niet.md"
    linking.write_text(linking.read_text(encoding="utf-8") + "\nZie [loyaliteit](loyaliteit-is-geen-blinde-trouw.md).\n", encoding="utf-8")
    published = run("publish_pipeline", "publish", "--root", str(root))
    said = published.stdout.splitlines()
    assert "there is no document source_nl/blog/loyaliteit-is-geen-blinde-trouw.md (renamed to trouw.md? link to that) nor" in published.stdout
    assert (
        "source_nl/blog/loyaliteit-is-geen-blinde-trouw.md: renamed to source_nl/blog/trouw.md — /blog/loyaliteit-is-geen-blinde-trouw/ "
        "is off the site; its Dutch page is at /blog/trouw/ now (a redirect page at the old address sends readers there)"
    ) in said  # its English page stays: served from its version approved under the old name
    assert (root / "public/en/blog/loyalty-is-not-blind-allegiance/index.html").is_file()
    checked = run("publish_pipeline", "check", "--root", str(root))  # check says of the link to the file what publish says
    assert [line for line in checked.stdout.splitlines() if "leads to no page: " in line] == [
        line for line in said if "leads to no page: " in line
    ] != []


@pytest.mark.parametrize(("new", "place"), [
    ("archief/een.md", "archief/een.md is no Dutch document, so it has no page (one is a .md or .markdown file in source_nl/)"),
    ("source_nl/blog/trouw.txt", "source_nl/blog/trouw.txt is no Dutch document, so it has no page (one is a .md or .markdown file in source_nl/)"),
    ("source_nl/blog/trouw.md", "source_nl/blog/trouw.md is marked draft: true, so it has no page until that is taken out"),
])
def test_a_post_renamed_to_no_page_is_said_without_an_address(tmp_path: Path, new: str, place: str) -> None:
    """Review 2, item 2: renamed out of source_nl, to a .txt or to a draft, publish named a Dutch page that does not exist."""
    root = committed(copy_site("demo", tmp_path))
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    (root / new).parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "mv", "source_nl/blog/loyaliteit-is-geen-blinde-trouw.md", new], cwd=root, check=True)
    if "trouw.md" in new:
        (root / new).write_text((root / new).read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    said = [line for line in run("publish_pipeline", "publish", "--root", str(root)).stdout.splitlines() if ": renamed to " in line]
    assert said == [
        f"source_nl/blog/loyaliteit-is-geen-blinde-trouw.md: renamed to {new} — /blog/loyaliteit-is-geen-blinde-trouw/ "
        f"and /en/blog/loyalty-is-not-blind-allegiance/ are off the site; {place} (a link elsewhere to the old address breaks)"
    ]


def test_a_deleted_post_is_said_off_the_site(tmp_path: Path) -> None:
    """A post deleted (``git rm``), its PO file left: publish says which pages went, once."""
    root = committed(copy_site("demo", tmp_path))
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    subprocess.run(["git", "rm", "-q", "source_nl/blog/loyaliteit-is-geen-blinde-trouw.md"], cwd=root, check=True)
    said = run("publish_pipeline", "publish", "--root", str(root)).stdout.splitlines()
    assert (
        "blog/loyaliteit-is-geen-blinde-trouw: its Dutch document is gone — /blog/loyaliteit-is-geen-blinde-trouw/ and "
        "/en/blog/loyalty-is-not-blind-allegiance/ are off the site"
    ) in said
    assert not any("is gone —" in line for line in run("publish_pipeline", "publish", "--root", str(root)).stdout.splitlines())


def test_a_first_export_with_no_english_to_write_does_not_speak_of_a_last_export(tmp_path: Path) -> None:
    """A trial: CI's first export in a fresh clone of a Hugo site, before any English was approved, ended "nothing
    changed since the last export" — there was none. It says there is no English file to write yet."""
    from publish_pipeline.catalogs.extraction import extract
    from test_hugo import hugo_ref_site

    site = hugo_ref_site(tmp_path / "site", {"blog/winter.md": "---\ntitle: Winter\n---\nHet sneeuwt.\n"})
    extract(site)
    for attempt in range(2):
        result = run("publish_pipeline", "export", "--root", str(site.root))
        assert result.returncode == 0, result.stderr
        last = result.stdout.splitlines()[-1]
        assert last.endswith("English of 1 document held back (above); no English file to write yet") and "last export" not in last, result.stdout
