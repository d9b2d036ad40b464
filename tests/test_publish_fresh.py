"""A no-op publish is answered from the record of the last one (``plumbing.freshness``), before Invoke and the
renderers load, with the very lines the real publish prints; any change to what publish reads or depends on
(the site's files, its output, git's HEAD, the code) means the real publish runs, and builds what a cold one
would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from conftest import REPO, copy_site, snapshot
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.plumbing import freshness
from publish_pipeline.site import Site
from test_workflow import git

APPROVED = "translations/en/blog/loyaliteit-is-geen-blinde-trouw.po"
"""A document whose English is approved in the demo site."""
HEAVY = {"invoke", "yaml", "polib", "markdown_it", "jinja2", "babel", "publish_pipeline.output.publishing"}
"""What the quick answer never loads."""


def program(root: Path, *arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -X importtime -m publish_pipeline publish`` (``arguments`` after it; by default ``--root root``)."""
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "publish_pipeline", "publish", *(arguments or ("--root", str(root)))],
        cwd=cwd or root, env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True, text=True, timeout=120,
    )


def loaded(run: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}


def said(run: subprocess.CompletedProcess[str], *, done: bool = True) -> str:
    """What a publish printed on stdout, its seconds blanked (and what it did, unless ``done``)."""
    return re.sub(r"; ([^;]*) \(\d+\.\d\d s\);", lambda found: f"; {found[1] if done else '…'} (… s);", run.stdout)


def quick(run: subprocess.CompletedProcess[str]) -> bool:
    """Whether the run was answered before Invoke loaded (and so by the record)."""
    assert run.returncode == 0, run.stdout + run.stderr
    return not loaded(run) & HEAVY


def withheld() -> tuple[bytes, bytes]:
    """The approved PO file's bytes, and the same with one entry back to fuzzy (its English held back)."""
    approved = (REPO / "tests/sites/demo" / APPROVED).read_bytes()
    po = polib.pofile(approved.decode("utf-8"), wrapwidth=0)
    po[0].flags.append("fuzzy")
    return approved, str(po).encode("utf-8")


def committed_site(tmp_path: Path, output: str) -> Path:
    """The demo site extracted, its one approved PO file withheld (fuzzy), committed to git (``output`` ignored)."""
    root = copy_site("demo", tmp_path / "site")
    assert not extract(Site.open(root)).errors
    (root / APPROVED).write_bytes(withheld()[1])
    (root / ".gitignore").write_text(f"{output}/\n.cache/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "The demo site")
    return root


def cold_copy(root: Path, tmp_path: Path, output: str) -> Path:
    """A copy of the site without ``output`` and the caches (its git too): for a cold run of what the site is now."""
    copy = tmp_path / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(output, ".cache"))
    return copy


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """``committed_site``, published: the publish that is recorded."""
    root = committed_site(tmp_path, "public")
    assert not quick(program(root))
    assert freshness.fresh(root, "publish") is not None
    return root


def cold(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """A publish of ``cold_copy``: what the site is now."""
    run = program(cold_copy(root, tmp_path, "public"))
    assert not quick(run)
    return run


def test_a_no_op_publish_is_answered_before_invoke_and_the_renderers_load(site: Path) -> None:
    shutil.rmtree(site / ".git")  # no git checkout: a note says so
    assert not quick(program(site))
    (site / freshness.RECORD_FILES["publish"]).unlink()
    real = program(site)  # the real publish, which finds nothing changed, and records itself
    assert not quick(real) and "nothing changed on the site since the last publish" in real.stdout
    answered = program(site)
    assert quick(answered) and "publish_pipeline.plumbing.freshness" in loaded(answered)
    assert said(answered) == said(real)
    assert [line for line in answered.stderr.splitlines() if not line.startswith("import time:")] == []
    assert "note: " in answered.stdout, "every line is said again: the notes too"


@pytest.mark.parametrize("form", [[], ["--root", "{root}"], ["-r", "{root}"], ["--root={root}"]], ids=["in the site", "--root", "-r", "--root="])
def test_every_plain_form_of_the_publish_command_is_answered_quickly(site: Path, form: list[str]) -> None:
    arguments = [argument.format(root=site) for argument in form]
    run = program(site, *arguments) if arguments else subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "publish_pipeline", "publish"], cwd=site,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True, text=True, timeout=120,
    )
    assert quick(run) and "nothing changed on the site since the last publish" in run.stdout


def test_another_option_runs_the_real_publish(site: Path, tmp_path: Path) -> None:
    run = program(site, "--root", str(site), "--out", str(tmp_path / "elsewhere"))
    assert not quick(run) and (tmp_path / "elsewhere/index.html").is_file()
    assert quick(program(site)), "a publish elsewhere leaves the site's own record as it was"


def edit_source(root: Path) -> None:
    path = root / "source_nl/topics/vertrouwen.md"
    path.write_text(path.read_text(encoding="utf-8").replace("geen knop", "GEEN knop", 1), encoding="utf-8")


def edit_po(root: Path) -> None:
    """The translator approves the withheld entry again."""
    (root / APPROVED).write_bytes(withheld()[0])


def stage_approval(root: Path) -> None:
    """The approval staged (``git add``), while the PO file on disk stays withheld: only a commit makes it count."""
    path = root / APPROVED
    approved, held = withheld()
    path.write_bytes(approved)
    git(root, "add", APPROVED)
    path.write_bytes(held)


def commit_staged_approval(root: Path) -> None:
    """HEAD moves, no file of the site changes: an approval made earlier is committed, and its English is live."""
    git(root, "commit", "-qm", "The approval")


def branch_with_the_approval(root: Path) -> None:
    """A branch whose files are the same as main's, with another history: it once held the approval."""
    approved, held = withheld()
    git(root, "checkout", "-q", "-b", "approved")
    (root / APPROVED).write_bytes(approved)
    git(root, "commit", "-qam", "The approval")
    (root / APPROVED).write_bytes(held)
    git(root, "commit", "-qam", "Withheld again")
    git(root, "checkout", "-q", "main")  # the same files: none is written


PREPARED = {"a git commit of an approval made earlier": stage_approval, "a git checkout of another history": branch_with_the_approval}
"""What some changes need first, before the publish that is recorded."""


def touch_output(name: str, edit: Callable[[Path], None]) -> Callable[[Path], None]:
    return lambda root: edit(root / "public" / name)


CHANGES: dict[str, Callable[[Path], None]] = {
    "a Dutch source edited": edit_source,
    "a PO file edited": edit_po,
    "pipeline.yaml": lambda root: (root / "pipeline.yaml").write_text(
        (root / "pipeline.yaml").read_text(encoding="utf-8") + "site_name: Anders\n", encoding="utf-8"),
    "a template added": lambda root: (root / "templates").mkdir() or (root / "templates/404.html.j2").write_text("weg\n", encoding="utf-8"),
    "a static file changed": lambda root: next((root / "static").rglob("*.*")).write_bytes(b"anders"),
    "a new file anywhere in the site": lambda root: (root / "source_nl/blog/notes.txt").write_text("x\n", encoding="utf-8"),
    "a git commit of an approval made earlier": commit_staged_approval,
    "a git checkout of another history": lambda root: git(root, "checkout", "-q", "approved") and None,
    "a published page edited": touch_output("index.html", lambda path: path.write_text("kapot\n", encoding="utf-8")),
    "a published page deleted": touch_output("index.html", Path.unlink),
    "a file added to the output": touch_output("extra.html", lambda path: path.write_text("x\n", encoding="utf-8")),
    "a linked file": lambda root: (root / "static/link.css").symlink_to(root / "pipeline.yaml"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_means_the_real_publish_runs_and_builds_what_a_cold_one_would(site: Path, tmp_path: Path, change: str) -> None:
    if change in PREPARED:  # before the publish that is recorded
        PREPARED[change](site)
        assert not quick(program(site))
        assert quick(program(site)), "nothing that changes the output happened yet"
    before = snapshot(site / "public")
    CHANGES[change](site)
    assert freshness.fresh(site, "publish") is None
    run = program(site)
    assert not quick(run)
    reference = cold(site, tmp_path)
    assert snapshot(site / "public") == snapshot(tmp_path / "cold/public")
    assert said(run, done=False) == said(reference, done=False)  # the same lines but for what was done
    if "git" in change:
        assert snapshot(site / "public") != before, "the history made the English live"
    assert quick(program(site)) == (change != "a linked file"), "then recorded again; never with a link in the site"


def test_a_new_branch_at_the_same_commit_is_the_same_history(site: Path) -> None:
    git(site, "checkout", "-q", "-b", "other")
    assert quick(program(site))


def test_only_a_publish_that_succeeded_is_recorded(site: Path) -> None:
    (site / freshness.RECORD_FILES["publish"]).unlink()
    (site / APPROVED).write_text("msgid \"kapot\n", encoding="utf-8")  # a broken PO file: an error, exit 1
    assert program(site).returncode == 1
    assert not (site / freshness.RECORD_FILES["publish"]).exists()


def test_another_build_means_the_real_publish_runs(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(freshness, "build_id", lambda: "another build")
    assert freshness.fresh(site, "publish") is None


def as_written(site: Path) -> dict[str, list[int]]:
    """Each file of the site's output as it is: as ``publish`` tells ``freshness.record`` it wrote them."""
    return {
        site.joinpath(parent, name).relative_to(site).as_posix(): [found.st_size, found.st_mtime_ns, found.st_ino]
        for parent, _, names in os.walk(site / "public") for name in names if (found := os.stat(Path(parent, name)))
    }


def test_an_input_changed_while_publish_ran_is_a_change_the_next_quick_answer_sees(site: Path) -> None:
    """The record keeps the inputs as they were before publish read them: one changed meanwhile is not as recorded."""
    before = freshness.reading(site, [freshness.SITE])
    edit_source(site)
    freshness.record(site, "publish", [freshness.SITE], ["said"], before=before, output="public", written=as_written(site))
    assert freshness.fresh(site, "publish") is None
    before = freshness.reading(site, [freshness.SITE])
    (site / "public/index.html").write_text("rendered again\n", encoding="utf-8")  # the output may change meanwhile
    freshness.record(site, "publish", [freshness.SITE], ["said"], before=before, output="public", written=as_written(site))
    assert freshness.fresh(site, "publish") == ["said"]


def same_tick(root: Path, **options: bool) -> tuple[int, int]:
    """``freshness.file_system_time`` on a file system whose clock has not moved on since any file was written."""
    return os.stat(root).st_dev, 0


def test_a_racy_file_changed_in_the_same_tick_is_told_by_its_content(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A coarse clock can give an edit the same times as the record: then only the content tells."""
    monkeypatch.setattr(freshness, "RACY_NS", 3600 * 10**9)  # every file recent: each is also compared by content
    monkeypatch.setattr(freshness, "file_system_time", same_tick)  # and the clock has not moved on since
    freshness.record(site, "publish", [freshness.SITE], ["said"])
    recorded = freshness.listing(site, [freshness.SITE])
    monkeypatch.setattr(freshness, "listing", lambda root, names, **options: recorded)  # every edit keeps its times
    assert freshness.fresh(site, "publish") == ["said"]
    path = site / APPROVED
    path.write_bytes(path.read_bytes().replace(b"msgstr", b"msgstR", 1))
    assert freshness.fresh(site, "publish") is None


@pytest.mark.parametrize("where", ["worktree", "packed", "detached", "none", "unreadable"])
def test_the_git_state_is_read_without_git(tmp_path: Path, where: str) -> None:
    """HEAD as git resolves it: a loose or packed branch, a linked worktree (``.git`` is a file), a detached HEAD."""
    root = tmp_path / "repo"
    root.mkdir()
    if where == "none":
        assert freshness._git_state(root) == ["no git"]
        return
    git(root, "init", "-q")
    (root / "a").write_text("a\n", encoding="utf-8")
    git(root, "add", "a")
    git(root, "commit", "-qm", "a")
    head = git(root, "rev-parse", "HEAD").stdout.strip()
    if where == "packed":
        git(root, "pack-refs", "--all")
        assert not (root / ".git/refs/heads/main").exists()
    elif where == "worktree":
        git(root, "worktree", "add", "-q", "-b", "side", str(tmp_path / "side"))
        root = tmp_path / "side"
        assert (root / ".git").is_file()
    elif where == "detached":
        git(root, "checkout", "-q", "--detach")
    elif where == "unreadable":
        (root / ".git/HEAD").write_text("ref: refs/heads/nowhere\n", encoding="utf-8")
        assert freshness._git_state(root) is None
        return
    assert freshness._git_state(root) == [head, ""]
    assert freshness._git_state(root / "sub") == [head, ""], "found from a folder below, as git finds it"


def test_the_record_lists_the_package_templates_and_not_the_caches_or_git(site: Path) -> None:
    """The package's templates reach every page (``build_id`` hashes only its Python); ``.git/`` is told by HEAD."""
    import json

    from publish_pipeline.output.publishing import TEMPLATES

    record = json.loads((site / freshness.RECORD_FILES["publish"]).read_text(encoding="utf-8"))
    entries = record["entries"]
    assert {str(path) for path in TEMPLATES.iterdir()} <= set(entries)
    assert "pipeline.yaml" in entries and "public/index.html" not in entries
    assert record["output"][0] == "public" and "public/index.html" in record["output"][1], "the output as publish wrote it"
    assert not [name for name in entries if name.split("/")[0] in (".git", ".cache")]


def test_an_output_file_changed_while_publish_ran_is_a_change_the_next_quick_answer_sees(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page edited in public/ after publish wrote it, before the record: the record keeps it as written."""
    from invoke import Context

    from publish_pipeline import tasks
    from publish_pipeline.output import publishing

    (site / freshness.RECORD_FILES["publish"]).unlink()
    edit_source(site)
    real = publishing.publish

    def publish_then_edit(*arguments, **options):  # type: ignore[no-untyped-def]
        report = real(*arguments, **options)
        (site / "public/index.html").write_text("edited meanwhile\n", encoding="utf-8")
        return report

    monkeypatch.setattr(publishing, "publish", publish_then_edit)
    tasks.publish(Context(), root=str(site))
    assert freshness.fresh(site, "publish") is None
    monkeypatch.setattr(publishing, "publish", real)
    tasks.publish(Context(), root=str(site))
    assert freshness.fresh(site, "publish") is not None, "recorded when nothing changed meanwhile"


def test_a_quick_answer_to_a_reader_that_went_away_is_no_traceback(site: Path) -> None:
    """``publish | head``: the pipe closes before the lines are printed."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "publish_pipeline", "publish", "--root", str(site)], stdout=writer, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO / "src")}, text=True, timeout=120,
        )
    finally:
        os.close(writer)
    assert run.returncode == 1 and run.stderr == ""


def test_a_publish_lists_the_site_once(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick answer's listing, when it declines, is what the record keeps of the inputs; the output is recorded
    as publish wrote it: nothing is listed again."""
    from invoke import Context

    from publish_pipeline import tasks

    listed = []
    real = freshness.listing
    monkeypatch.setattr(freshness, "listing", lambda root, names, **options: listed.append(names) or real(root, names, **options))
    edit_source(site)
    tasks.publish(Context(), root=str(site))
    assert len(listed) == 1, "the inputs once; the output not at all (an input changed)"
    assert quick(program(site))


def test_the_output_is_judged_as_the_manifest_judges_it(site: Path) -> None:
    """A published file whose change time alone moved (hard-linked into the next site, as publish does) is as
    written; one whose size, modification time or inode changed is not, as for publish's manifest."""
    page = site / "public/index.html"
    os.link(page, site.parent / "elsewhere.html")  # outside the site: its folder's times stay
    os.unlink(site.parent / "elsewhere.html")
    assert freshness.fresh(site, "publish") is not None
    (site / "public/blog/extra").mkdir()  # a folder no published file is in
    assert freshness.fresh(site, "publish") is None
    (site / "public/blog/extra").rmdir()
    assert freshness.fresh(site, "publish") is not None
    times = os.stat(page)
    page.write_bytes(page.read_bytes().upper())  # the same size
    os.utime(page, ns=(times.st_atime_ns, times.st_mtime_ns + 1))
    assert freshness.fresh(site, "publish") is None


def test_a_quick_answer_that_declines_reads_no_file(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once one entry's status differs, no file is read to compare its content (every file may be racy)."""
    monkeypatch.setattr(freshness, "RACY_NS", 3600 * 10**9)  # every file recent: each kept with its digest
    monkeypatch.setattr(freshness, "file_system_time", same_tick)  # and the clock has not moved on since
    freshness.record(site, "publish", [freshness.SITE], ["said"], before=freshness.reading(site, [freshness.SITE]), output="public",
                     written=as_written(site))
    assert freshness.fresh(site, "publish") == ["said"]
    edit_source(site)
    read: list[Path] = []
    real = freshness.file_digest
    monkeypatch.setattr(freshness, "file_digest", lambda path: read.append(path) or real(path))
    assert freshness.fresh(site, "publish") is None
    assert [path for path in read if ".git" not in Path(path).parts] == [], "only git's list of shallow commits, for HEAD"


def test_files_changed_within_the_second_but_before_the_clock_moved_on_are_not_read_for_the_record(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a checkout leaves a site: every file changed a moment ago. Once the file system's clock has moved on
    (a tick: milliseconds, not a second), a later change shows in the times: no file is read to keep its digest."""
    paths = [path for path in site.rglob("*") if path.is_file() and not {".git", ".cache", "public"} & set(path.relative_to(site).parts)]
    for path in paths:
        os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns))  # its change time now
    changed = max(os.stat(path).st_ctime_ns for path in paths)
    while (mark := freshness.file_system_time(site)) is not None and mark[1] <= changed:
        pass  # a tick
    read: list[Path] = []
    real = freshness.file_digest
    monkeypatch.setattr(freshness, "file_digest", lambda path: read.append(path) or real(path))
    before = freshness.reading(site, [freshness.SITE])
    assert time.time_ns() - changed < freshness.RACY_NS, "within the second"
    assert [name for name, status in before.items() if status[-1] is not None] == [] and read == []
    freshness.record(site, "publish", [freshness.SITE], ["said"], before=before, output="public", written=as_written(site))
    assert [path for path in read if ".git" not in Path(path).parts] == []
    assert freshness.fresh(site, "publish") == ["said"]
    edit_source(site)
    assert freshness.fresh(site, "publish") is None


def test_a_quick_answer_declined_by_an_input_does_not_list_the_output(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The output is half the entries of a published site: an input that changed tells already, and publish records
    the output as it writes it. Once the inputs are as recorded, the output is listed (and judged) too."""
    listed: list[str] = []
    real = freshness.listing

    def listing(root: Path, names: list[str], **options: object) -> dict[str, list[int]] | None:
        found = real(root, names, **options)  # type: ignore[arg-type]
        listed.extend(found or ())
        return found

    monkeypatch.setattr(freshness, "listing", listing)
    assert freshness.fresh(site, "publish") is not None
    assert "public/index.html" in listed
    listed.clear()
    edit_source(site)
    assert freshness.fresh(site, "publish") is None
    assert "source_nl/topics/vertrouwen.md" in listed and not [name for name in listed if name.startswith("public")]
    from publish_pipeline.output.publishing import TEMPLATES

    listed.clear()
    before = freshness.reading(site, [freshness.SITE, str(TEMPLATES)])  # as publish reads, after the quick answer
    assert before and listed == [], "the listing the quick answer took, reused"
    assert not [name for name in before if name.startswith("public")]


def test_a_file_racy_when_publish_read_it_is_compared_by_content_once_when_it_is_recorded(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the next quick answer would: the record then keeps its times alone, or is not made when it changed."""
    import json

    monkeypatch.setattr(freshness, "RACY_NS", 3600 * 10**9)  # every file recent when publish reads it
    monkeypatch.setattr(freshness, "file_system_time", same_tick)  # and changed in the clock's current tick
    before = freshness.reading(site, [freshness.SITE])
    monkeypatch.setattr(freshness, "RACY_NS", 0)  # and old enough when it is recorded
    freshness.record(site, "publish", [freshness.SITE], ["said"], before=before, output="public", written=as_written(site))
    entries = json.loads((site / freshness.RECORD_FILES["publish"]).read_text(encoding="utf-8"))["entries"]
    assert [name for name, status in entries.items() if status[-1] is not None] == []
    (site / freshness.RECORD_FILES["publish"]).unlink()
    edit_source(site)  # while publish ran
    freshness.record(site, "publish", [freshness.SITE], ["said"], before=before, output="public", written=as_written(site))
    assert not (site / freshness.RECORD_FILES["publish"]).exists()
