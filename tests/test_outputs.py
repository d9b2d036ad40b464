"""A command owns only what it made: outputs, links out of the site, the clean-up and the swap of public/."""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, copy_site
from publish_pipeline.plumbing import outputs
from publish_pipeline.errors import PipelineError
from publish_pipeline.output.export import export
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.plumbing.locking import site_lock
from publish_pipeline.output.manifest import MANIFEST_FILE
from publish_pipeline.plumbing.outputs import locate
from publish_pipeline.output.publishing import publish
from publish_pipeline.quality.review import write_review
from publish_pipeline.site import Site


def tree(root: Path) -> dict[str, bytes]:
    """Every file and link below ``root`` (links not followed), the ``.cache/`` folders aside."""
    found = {}
    for folder, folders, files in os.walk(root):
        for name in [*folders, *files]:
            path = Path(folder, name)
            relative = path.relative_to(root).as_posix()
            if ".cache" in relative.split("/"):
                continue
            if path.is_symlink():
                found[relative] = b"-> " + os.fsencode(os.readlink(path))
            elif name in files:
                found[relative] = path.read_bytes()
    return found


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The program run in this process (a new one per call costs half a second): exit code, stdout and stderr."""
    from invoke import Collection, Program

    from publish_pipeline import tasks

    program = Program(namespace=Collection.from_module(tasks), name="publish-pipeline", binary="publish-pipeline")
    stdout, stderr, folder = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            program.run(["publish-pipeline", *args], exit=True)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    finally:
        os.chdir(folder)
    return subprocess.CompletedProcess(args, code, stdout.getvalue(), stderr.getvalue())


def complete(folder: Path) -> bool:
    return (folder / "index.html").is_file() and (folder / "sitemap.xml").is_file() and (folder / "en/index.html").is_file()


# 1. publish --out never replaces the site or its folders -------------------------------------------------------------


@pytest.mark.parametrize("out", [".", "..", "source_nl", "source_nl/blog", "translations", "static", ".git", "templates/x"])
def test_publish_refuses_an_output_that_is_the_site_or_holds_its_files(tmp_path: Path, out: str) -> None:
    root = copy_site("demo", tmp_path)
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (tmp_path / "beside.txt").write_text("the folder above the site", encoding="utf-8")
    before = tree(tmp_path)
    result = cli("publish", "--out", out, cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    where = os.path.relpath(Path(os.path.abspath(root / out)), root) if out != ".." else str(tmp_path)
    assert line.startswith(f"{where}: "), line
    assert tree(tmp_path) == before


def test_the_output_checks_name_what_is_wrong(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    site = Site.open(root)
    with pytest.raises(PipelineError, match=r"^\.: is the site folder: the output would replace it$"):
        publish(site, root)
    with pytest.raises(PipelineError, match=r"holds the site folder"):
        publish(site, tmp_path)
    with pytest.raises(PipelineError, match=r"^translations/en: is inside translations/, which holds the site's own files$"):
        export(site, root / "translations/en")


# 2. The clean-up of a killed build removes only our own leftovers --------------------------------------------------


def test_a_publish_leaves_the_siblings_of_its_output_alone(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    theirs = [root / ".public-assets-src", tmp_path / "X/.www-backup", tmp_path / "X/.www-old-1", root / ".public.new"]
    for folder in theirs[:3]:
        folder.mkdir(parents=True)
        (folder / "keep.txt").write_text("mine", encoding="utf-8")
    site = Site.open(root)
    publish(site)
    publish(site, tmp_path / "X/www")
    publish(site, tmp_path / "X/www")
    for folder in theirs[:3]:
        assert (folder / "keep.txt").read_text(encoding="utf-8") == "mine"
    theirs[3].mkdir()  # a folder of that name that we did not make is not ours to delete either
    (theirs[3] / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"\.public\.new: is in the way of 'publish' and was not made by it"):
        publish(site)
    assert (theirs[3] / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert complete(root / "public")


def test_a_killed_build_leaves_a_marked_folder_that_the_next_run_removes(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    site = Site.open(root)
    publish(site)
    leftover = outputs.beside(root / "public", "new")
    leftover.mkdir()
    outputs.mark(leftover, "publish")
    (leftover / "half.html").write_text("half a site", encoding="utf-8")
    publish(site)
    assert not leftover.exists()
    assert complete(root / "public")


# 3. Links that lead out of the site are never followed to write or delete ------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    (folder / "blog").mkdir(parents=True)
    (folder / "secret.txt").write_text("not the site's", encoding="utf-8")
    (folder / "blog/secret.txt").write_text("not the site's either", encoding="utf-8")
    return folder


def test_extract_does_not_write_po_files_through_a_link_out_of_the_site(tmp_path: Path, outside: Path) -> None:
    root = copy_site("basic", tmp_path)
    (root / "translations/en").mkdir(parents=True)
    (root / "translations/en/blog").symlink_to(outside / "blog")
    before = tree(outside)
    report = extract(Site.open(root))
    assert [error.message for error in report.errors] == [
        f"translations/en/blog/eerste.po: leads outside the site folder (to {outside / 'blog/eerste.po'})"
    ]
    assert tree(outside) == before
    assert (root / "translations/en/topics/thema.po").is_file()  # the other document is extracted


def test_the_lock_never_empties_a_file_it_leads_to(tmp_path: Path, outside: Path) -> None:
    root = copy_site("basic", tmp_path)
    (root / ".cache/publish_pipeline").mkdir(parents=True)
    (root / ".cache/publish_pipeline/lock").symlink_to(outside / "secret.txt")
    result = cli("extract", "--root", str(root), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(".cache/publish_pipeline/lock: leads outside the site folder")
    assert (outside / "secret.txt").read_text(encoding="utf-8") == "not the site's"
    (root / ".cache/publish_pipeline/lock").unlink()
    (root / ".cache/publish_pipeline/lock").symlink_to(root / "source_nl/blog/eerste.md")  # inside, but an author's file
    dutch = (root / "source_nl/blog/eerste.md").read_bytes()
    result = cli("extract", "--root", str(root), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(".cache/publish_pipeline/lock: is a link")
    assert (root / "source_nl/blog/eerste.md").read_bytes() == dutch


@pytest.mark.parametrize("link", [".cache", ".cache/publish_pipeline"])
def test_no_command_keeps_its_caches_through_a_link_out_of_the_site(tmp_path: Path, outside: Path, link: str) -> None:
    root = copy_site("basic", tmp_path)
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(outside)
    before = tree(outside)
    for command in ("status", "check", "review", "extract"):
        result = cli(command, "--root", str(root), cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr.startswith(".cache/publish_pipeline: leads outside the site folder"), result.stderr
    assert tree(outside) == before


def test_publish_refuses_a_public_folder_that_leads_out_of_the_site(tmp_path: Path, outside: Path) -> None:
    root = copy_site("demo", tmp_path)
    (root / "public").symlink_to(outside / "secret.txt")
    before = tree(outside)
    result = cli("publish", "--root", str(root), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"public: leads outside the site folder (to {outside / 'secret.txt'})")
    assert tree(outside) == before


def test_publish_does_not_copy_a_static_folder_from_outside_the_site(tmp_path: Path, outside: Path) -> None:
    root = copy_site("demo", tmp_path)
    shutil.rmtree(root / "static")
    (root / "static").symlink_to(outside)
    with pytest.raises(PipelineError, match=r"^static: leads outside the site folder"):
        publish(Site.open(root))
    assert not (root / "public/secret.txt").exists()


# 4. export and review replace only their own files -----------------------------------------------------------------


def test_export_refuses_a_folder_of_someone_elses_files(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    out = tmp_path / "content"
    (out / "nl/blog").mkdir(parents=True)
    (out / "nl/blog/eerste.md").write_text("my own Hugo page", encoding="utf-8")
    site = Site.open(root)
    with pytest.raises(PipelineError, match=r"content: holds files that 'export' did not make"):
        export(site, out)
    (root / "source_nl/blog/eerste.md").unlink()
    with pytest.raises(PipelineError):
        export(site, out)
    assert (out / "nl/blog/eerste.md").read_text(encoding="utf-8") == "my own Hugo page"


def test_export_does_not_replace_a_file_it_did_not_write_in_its_own_folder(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    out = tmp_path / "content"
    site = Site.open(root)
    export(site, out)
    (out / "nl/blog/eerste.md").unlink()
    (out / "nl/blog/eerste.md").write_text("my own version", encoding="utf-8")
    (out / outputs.MARKER).unlink()
    (out / "nl/blog/eerste.md").touch()
    manifest = out / ".publish-pipeline-export"
    manifest.write_text('["nl/topics/thema.md"]\n', encoding="utf-8")  # a folder from before outputs were marked
    report = export(site, out)
    assert [error.message for error in report.errors] == [f"{out / 'nl/blog/eerste.md'}: exists and was not written by export"]
    assert (out / "nl/blog/eerste.md").read_text(encoding="utf-8") == "my own version"
    assert (out / "nl/topics/thema.md").is_file()
    assert (out / outputs.MARKER).read_text(encoding="utf-8") == "export\n"


def test_export_does_not_write_through_a_link_in_its_own_folder(tmp_path: Path, outside: Path) -> None:
    root = copy_site("basic", tmp_path)
    out = tmp_path / "content"
    site = Site.open(root)
    export(site, out)
    shutil.rmtree(out / "nl")
    (out / "nl").symlink_to(outside)
    before = tree(outside)
    report = export(site, out)
    assert sorted(error.problem for error in report.errors) == ["leads out of the export folder through a link"] * 2
    assert tree(outside) == before


def test_export_refuses_the_source_folder(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    result = cli("export", "--out", "source_nl", cwd=root)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "source_nl: is inside source_nl/, which holds the site's own files — "
        "choose an output folder of its own, such as public/ or one outside the site"
    ]
    assert sorted(p.name for p in (root / "source_nl").iterdir()) == ["blog", "topics"]


def test_review_never_overwrites_a_file_it_did_not_write(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    before = tree(root)
    for out, problem in [
        ("source_nl/blog/eerste.md", "is inside source_nl/, which holds the site's own files"),
        ("pipeline.yaml", "exists and was not written by 'review'"),
        ("source_nl", "is inside source_nl/"),
        (".", "is the site folder"),
    ]:
        result = cli("review", "--out", out, cwd=root)
        assert result.returncode == 1, out
        assert result.stderr.startswith(f"{out}: {problem}"), result.stderr
    assert tree(root) == before
    site = Site.open(root)
    write_review(site, root / "review.html")
    write_review(site, root / "review.html")  # its own page it replaces
    assert '<meta name="generator" content="publish_pipeline review">' in (root / "review.html").read_text(encoding="utf-8")


def test_an_old_public_folder_is_adopted_only_when_publish_could_have_written_it(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    site = Site.open(root)
    publish(site)
    (root / "public" / outputs.MARKER).unlink()  # as publish left it before outputs were marked
    publish(site)
    assert (root / "public" / outputs.MARKER).read_text(encoding="utf-8") == "publish\n"
    (root / "public" / outputs.MARKER).unlink()
    (root / "public/notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"^public: holds files that 'publish' did not make"):
        publish(site)
    assert (root / "public/notes.txt").read_text(encoding="utf-8") == "mine"
    export(site)
    with pytest.raises(PipelineError, match=r"^build/content: was made by 'export', not by 'publish'"):
        publish(site, root / "build/content")


# 5. There is a complete public/ at every moment --------------------------------------------------------------------


@contextmanager
def watching_renames(monkeypatch: pytest.MonkeyPatch, check: Callable[[], None]) -> Iterator[None]:
    """Run ``check`` after every rename the code makes."""
    for name in ("rename", "replace"):
        original = getattr(os, name)

        def renamed(source: object, target: object, *args: object, _original: Callable[..., None] = original, **kwargs: object) -> None:
            _original(source, target, *args, **kwargs)
            check()

        monkeypatch.setattr(os, name, renamed)
    yield
    monkeypatch.undo()


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2 exchange", "two renames"])
def test_public_is_complete_after_every_step_of_the_swap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    root = copy_site("demo", tmp_path)
    site = Site.open(root)
    publish(site)
    if not exchange:
        monkeypatch.setattr(outputs, "_exchange", lambda first, second: False)

    def check() -> None:
        assert complete(root / "public") or (not exchange and complete(outputs.beside(root / "public", "old")))

    with watching_renames(monkeypatch, check):
        publish(site)
    assert complete(root / "public")


def second_rename_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: BaseException) -> tuple[Path, dict[str, bytes]]:
    """A published demo site whose next publish (without an exchange) meets ``stop`` at the rename of the new folder."""
    root = copy_site("demo", tmp_path)
    publish(Site.open(root))
    old = tree(root / "public")
    (root / MANIFEST_FILE).unlink()  # else, with nothing changed, the next publish keeps the site as it is
    monkeypatch.setattr(outputs, "_exchange", lambda first, second: False)
    original = os.rename

    def rename(source: Path, target: Path) -> None:
        if Path(source) == outputs.beside(root / "public", "new"):
            raise stop
        original(source, target)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(type(stop)):
        publish(Site.open(root))
    monkeypatch.undo()
    return root, old


def test_a_kill_between_the_two_renames_keeps_the_old_site_for_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outputs, "_recover", lambda out, command: None)  # no clean-up runs after a real kill
    root, old = second_rename_stopped(tmp_path, monkeypatch, SystemExit("killed"))
    assert not (root / "public").exists()
    assert tree(outputs.beside(root / "public", "old")) == old
    publish(Site.open(root))
    assert complete(root / "public")
    assert not outputs.beside(root / "public", "old").exists()
    assert not outputs.beside(root / "public", "new").exists()


def test_a_failure_between_the_two_renames_puts_the_old_site_back_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, old = second_rename_stopped(tmp_path, monkeypatch, OSError(5, "Input/output error"))
    assert tree(root / "public") == old
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".public")) == []


RANDOM = random.Random(20261130)


def test_publish_killed_at_random_moments_without_an_exchange_keeps_a_complete_site(tmp_path: Path) -> None:
    """Where renameat2 cannot exchange (test_reliability kills the usual way)."""
    root = copy_site("demo", tmp_path)
    publish(Site.open(root))
    program = "import sys; from publish_pipeline.plumbing import outputs; from publish_pipeline import __main__\n"
    program += "outputs._exchange = lambda first, second: False\n"
    program += "sys.argv = ['publish-pipeline', 'publish', '--root', sys.argv[1]]; __main__.main()\n"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", program, str(root)], env=env, check=True, capture_output=True)
    longest = time.monotonic() - started
    for trial in range(20 if os.environ.get("PP_LONG") else 2):
        process = subprocess.Popen([sys.executable, "-c", program, str(root)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(RANDOM.uniform(0.3 * longest, longest))
        process.send_signal(signal.SIGKILL)
        process.wait()
        kept = complete(root / "public") or complete(outputs.beside(root / "public", "old"))
        assert kept, f"trial {trial}: no complete site left"
        result = subprocess.run([sys.executable, "-c", program, str(root)], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert complete(root / "public")
        assert sorted(p.name for p in root.iterdir() if p.name.startswith(".public")) == []


# Properties: random outputs and random links never touch what the command did not make ------------------------------


SITE_TARGETS = [".", "..", "source_nl", "source_nl/blog", "translations", "translations/en", "static", "static/images",
                ".git", "templates", "public", "build/x", "new-folder", "user-folder", "user-folder/deeper", "pipeline.yaml",
                "user-file.txt", "public/sub"]
OUTSIDE_TARGETS = ["OUT/new", "OUT/theirs", "OUT/theirs/file.txt", "OUT", "OUT/.."]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site after a first publish (public/ ours), user files in and beside it."""
    base = tmp_path_factory.mktemp("template")
    root = copy_site("demo", base)
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates/notes.txt").write_text("not a template", encoding="utf-8")
    (root / "user-folder").mkdir()
    (root / "user-folder/notes.md").write_text("mine", encoding="utf-8")
    (root / "user-file.txt").write_text("mine", encoding="utf-8")
    (base / "OUT/theirs").mkdir(parents=True)
    (base / "OUT/theirs/file.txt").write_text("theirs", encoding="utf-8")
    publish(Site.open(root))
    return base


COMMANDS: dict[str, Callable[[Site, Path], object]] = {"publish": publish, "export": export, "review": write_review}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(sorted(COMMANDS)), target=st.sampled_from(SITE_TARGETS + OUTSIDE_TARGETS), absolute=st.booleans())
def test_no_output_touches_a_file_the_command_did_not_make(template: Path, command: str, target: str, absolute: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder).resolve() / "base"
        shutil.copytree(template, base, symlinks=True)
        root = base / "demo"
        site = Site.open(root)
        before = tree(base)
        where = base / target if target.startswith("OUT") else root / target
        out = str(where) if absolute or target.startswith("OUT") else os.path.relpath(where)
        try:
            resolved = locate(site, out, "unused")
            COMMANDS[command](site, resolved)
        except PipelineError:
            resolved = None
        after = tree(base)
        for name in before.keys() | after.keys():
            if before.get(name) != after.get(name):
                path = base / name  # changed or new: only in the output, and an existing file only in publish's own public/
                assert resolved is not None and path.is_relative_to(resolved), f"{command} --out {out}: {name} touched"
                assert name not in before or path.is_relative_to(root / "public"), f"{command} --out {out}: {name} replaced"
        if resolved is not None:
            assert not root.is_relative_to(resolved)
            for own in ("source_nl", "translations", "static", "templates", ".git"):
                assert not resolved.is_relative_to(root / own)


LINKABLE = {
    "translations/en/blog": "dir", "translations/published": "dir", "translations": "dir", ".cache": "dir",
    ".cache/publish_pipeline/lock": "file", "public": "dir", "static": "dir", "build": "dir", "build/content": "dir",
    "build/review/index.html": "file", "translations/en/topics/vertrouwen.po": "file",
}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(links=st.sets(st.sampled_from(sorted(LINKABLE)), min_size=1, max_size=4))
def test_links_out_of_the_site_are_never_followed_to_write(links: set[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder).resolve()
        root = copy_site("demo", base)
        outside = base / "outside"
        (outside / "en/blog").mkdir(parents=True)
        (outside / "file.txt").write_text("outside", encoding="utf-8")
        (outside / "en/blog/x.md").write_text("outside", encoding="utf-8")
        for name in sorted(links, key=lambda name: -name.count("/")):
            path = root / name
            if path.is_symlink() or any(parent.is_symlink() for parent in path.parents):
                continue
            if path.is_dir():
                shutil.rmtree(path)
            path.unlink(missing_ok=True)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.symlink_to(outside / "file.txt" if LINKABLE[name] == "file" else outside)
        before = tree(outside)
        for command in (extract, publish, export, write_review):
            try:
                site = Site.open(root)
                with site_lock(site, command.__name__):
                    command(site)
            except PipelineError:
                pass
        assert tree(outside) == before, f"links {sorted(links)}"
        public = root / "public"
        if public.is_dir() and not public.is_symlink():
            assert not (public / "file.txt").exists()


@pytest.mark.parametrize("command", ["extract", "draft"])
def test_no_leftover_is_tidied_through_a_link_out_of_the_site(tmp_path: Path, outside: Path, command: str) -> None:
    root = copy_site("basic", tmp_path)
    (root / "translations").mkdir()
    (root / "translations/en").symlink_to(outside)
    (outside / ".notes.md.tmp").write_text("an editor's file, not ours", encoding="utf-8")
    before = tree(outside)
    result = cli(command, "--root", str(root), cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert tree(outside) == before


def test_a_static_file_named_like_the_marker_never_takes_the_outputs_marker(tmp_path: Path) -> None:
    site = Site.open(copy_site("basic", tmp_path))
    (site.root / "static").mkdir(exist_ok=True)
    (site.root / "static" / ".publish-pipeline").write_text("STATIC\n", encoding="utf-8")
    extract(site)
    for _ in range(2):  # the second run finds the marker the first one left
        publish(site)
    assert (site.root / "public" / ".publish-pipeline").read_text(encoding="utf-8") == "publish\n"


def test_static_files_the_site_writes_over_or_that_lead_out_are_named(tmp_path: Path) -> None:
    site = Site.open(copy_site("basic", tmp_path / "site"))
    (site.root / "static").mkdir(exist_ok=True)
    (site.root / "static/feed.xml").write_text("<mine/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (site.root / "static/secret.txt").symlink_to(tmp_path / "secret.txt")
    extract(site)
    report = publish(site)
    assert report.warnings[:2] == (
        "static/feed.xml: the site's own feed.xml takes its place; rename or remove the file",
        "static/secret.txt: leads outside the site folder; not copied — replace the link by the file itself",
    )
    assert not (site.root / "public/secret.txt").exists()
