"""Faults, hostile input and concurrent hands: nothing of value is lost, nothing unsafe is published.

The kill trials and the fuzzing run a short version here (part of .ci/run); set
PP_LONG=1 for the long one:  PP_LONG=1 python -m pytest tests/test_reliability.py
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import REPO, SITES, copy_site, snapshot
from engine_server import EngineServer
from publish_pipeline.catalogs import extraction
from publish_pipeline.plumbing import files
from publish_pipeline.catalogs.catalog import read_catalog
from publish_pipeline.text.document import parse_document
from publish_pipeline.drafts.drafting import draft
from publish_pipeline.errors import CatalogError, PipelineError, SourceError
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.publishing import publish
from publish_pipeline.text.reassembly import reassemble_body
from publish_pipeline.text.segmentation import segment
from publish_pipeline.site import Site

LONG = bool(os.environ.get("PP_LONG"))
RANDOM = random.Random(20261128)


def trials(short: int, long: int) -> int:
    return long if LONG else short


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "publish_pipeline", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src")}


def kill_at_random(args: list[str], longest: float) -> None:
    process = subprocess.Popen(args, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(RANDOM.uniform(0.0, longest))
    process.send_signal(signal.SIGKILL)
    process.wait()


def timed_run(args: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(args, env=environment(), check=True, capture_output=True)
    return time.monotonic() - started


def generated_site(root: Path, posts: int, paragraphs: int = 12) -> Site:
    root.mkdir(parents=True)
    for number in range(posts):
        body = "\n\n".join(f"Alinea {index} van post {number} over vertrouwen en de *relatie*." for index in range(paragraphs))
        (root / "source_nl/blog").mkdir(parents=True, exist_ok=True)
        (root / f"source_nl/blog/post-{number:03d}.md").write_text(f"---\ntitle: Post {number}\n---\n\n{body}\n", encoding="utf-8")
    site = Site.open(root)
    extract(site)
    return site


def approve_half(site: Site) -> dict[str, set[str]]:
    """Approve every other entry; return the approved English per PO file."""
    approved: dict[str, set[str]] = {}
    for path in site.catalog_paths():
        po = polib.pofile(str(path), wrapwidth=0)
        for index, entry in enumerate(po):
            if index % 2 == 0:
                entry.msgstr = f"EN {entry.msgid}" if entry.msgctxt != "slug" else f"{entry.msgid}-en"
                approved.setdefault(path.name, set()).add(entry.msgstr)
        po.save(str(path))
    return approved


def po_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.po"))}


# Kills ---------------------------------------------------------------------------------------------------------------


KILLED_AT = """
import os, signal, sys
event, part, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
seen = []
def kill_at(name, args):
    if name == event and part in str(args[0]):
        seen.append(args[0])
        if len(seen) == count:
            os.kill(os.getpid(), signal.SIGKILL)
sys.addaudithook(kill_at)
sys.argv = ["publish-pipeline", *sys.argv[4:]]
from publish_pipeline import __main__
__main__.main()
"""


def killed_at(event: str, part: str, count: int, args: list[str]) -> int:
    """Run the CLI with ``args``, SIGKILLed as it raises the audit event ``event`` (``open``, ``os.rename``) for the
    ``count``-th time on a path with ``part`` in it: an exact moment, not a time. Returns its exit code."""
    return subprocess.run([sys.executable, "-c", KILLED_AT, event, part, str(count), *args], env=environment(), capture_output=True).returncode


def test_extract_killed_anywhere_leaves_every_po_file_whole(tmp_path: Path) -> None:
    template = tmp_path / "template"
    site = generated_site(template, posts=12)
    approved = approve_half(site)
    before = po_files(template)
    for source in sorted((template / "source_nl/blog").glob("*.md")):  # the author edits every post
        text = source.read_text(encoding="utf-8").replace("Alinea 3 van", "Alinea drie van")
        source.write_text(text + "\nEen nieuwe alinea.\n", encoding="utf-8")
    reference = tmp_path / "reference"
    shutil.copytree(template, reference)
    subprocess.run(command("extract", "--root", str(reference)), env=environment(), check=True, capture_output=True)
    after = po_files(reference)
    assert after.keys() == before.keys() and all(after[name] != before[name] for name in after)
    # the moments a kill can cut, exactly (a random time mostly fell before any write: Python starting): as the first,
    # a middle and the last new PO file is begun beside its file, and as the first, a middle and the last is put in
    # its place (PP_LONG: as each is)
    counts = range(1, len(after) + 1) if LONG else (1, len(after) // 2, len(after))
    moments = [(event, count) for event in ("open", "os.rename") for count in counts]
    for trial, (event, count) in enumerate(moments):
        root = tmp_path / f"trial-{trial}"
        shutil.copytree(template, root)
        assert killed_at(event, ".po.", count, ["extract", "--root", str(root)]) == -signal.SIGKILL, f"trial {trial}: not killed at {event} {count}"
        for name, data in po_files(root).items():
            assert data in (before[name], after[name]), f"trial {trial}: {name} is neither old nor new"
            catalog = read_catalog(root / name, name)
            kept = {t.text for t in catalog.translations}
            assert approved.get(Path(name).name, set()) <= kept, f"trial {trial}: an approved translation was lost"
        subprocess.run(command("extract", "--root", str(root)), env=environment(), check=True, capture_output=True)
        assert po_files(root) == after, f"trial {trial}: the next extract did not finish the work"
        assert not list(root.rglob(".*.tmp")), f"trial {trial}: temporary files left"
        shutil.rmtree(root)


@pytest.fixture(scope="module")
def slow_server():
    with EngineServer(latency=0.02) as server:
        yield server


def test_draft_killed_anywhere_resumes_and_pays_only_for_requests_in_flight(tmp_path: Path, slow_server: EngineServer) -> None:
    template = tmp_path / "template"
    site = generated_site(template, posts=6, paragraphs=8)
    (template / "pipeline.yaml").write_text(f"translation:\n  url: {slow_server.url}\n  concurrency: 2\n", encoding="utf-8")
    before = po_files(template)
    reference = tmp_path / "reference"
    shutil.copytree(template, reference)
    longest = timed_run(command("draft", "--root", str(reference)))
    after = po_files(reference)
    unique = len(slow_server.requests)
    for trial in range(trials(12, 100)):
        root = tmp_path / f"trial-{trial}"
        shutil.copytree(template, root)
        slow_server.requests.clear()
        kill_at_random(command("draft", "--root", str(root)), longest)
        for name, data in po_files(root).items():
            assert data in (before[name], after[name]), f"trial {trial}: {name} is neither old nor new"
        subprocess.run(command("draft", "--root", str(root)), env=environment(), check=True, capture_output=True)
        assert po_files(root) == after
        assert slow_server.total <= unique + 2, f"trial {trial}: paid twice for more than the requests in flight"
        shutil.rmtree(root)
    assert site  # the template site itself was never touched by a trial


def test_publish_killed_anywhere_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    template = copy_site("demo", tmp_path)
    publish(Site.open(template))
    old = snapshot(template / "public")
    source = template / "source_nl/blog/weerstand-bestaat-niet.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Weerstand bestaat niet", "Weerstand bestaat echt niet"), encoding="utf-8")
    reference = tmp_path / "reference"
    shutil.copytree(template, reference)
    longest = timed_run(command("publish", "--root", str(reference)))
    new = snapshot(reference / "public")
    assert new != old
    for trial in range(trials(12, 100)):
        root = tmp_path / f"trial-{trial}"
        shutil.copytree(template, root)
        kill_at_random(command("publish", "--root", str(root)), longest)
        assert snapshot(root / "public") in (old, new), f"trial {trial}: a half-built site"
        assert (root / "public/index.html").is_file() and (root / "public/sitemap.xml").is_file()
        subprocess.run(command("publish", "--root", str(root)), env=environment(), check=True, capture_output=True)
        assert snapshot(root / "public") == new
        assert not [path for path in root.iterdir() if path.name.startswith(".public")]
        shutil.rmtree(root)


def group(leader: int) -> list[int]:
    """The live processes of the process group ``leader`` started: a command, its workers and their children."""
    members = []
    for entry in Path("/proc").iterdir():
        try:
            state, _, group_id = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue
        if int(group_id) == leader and state != "Z":  # a zombie holds nothing; the container's init may not reap it
            members.append(int(entry.name))
    return members


def start_in_a_group(args: list[str]) -> subprocess.Popen:
    """Start a command as the leader of a process group of its own (its workers join it); return once they run."""
    process = subprocess.Popen(args, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 20
    while len(group(process.pid)) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    return process


def workers_time(args: list[str]) -> float:
    """How long a command's worker processes run (the window for killing their parent)."""
    process = start_in_a_group(args)
    started = time.monotonic()
    while len(group(process.pid)) > 1:
        time.sleep(0.002)
    took = time.monotonic() - started
    assert process.wait() == 0
    return took


def kill_the_parent_of_workers(args: list[str], longest: float) -> tuple[int, bool]:
    """SIGKILL a command at a random moment while its workers run.

    Returns the command's process id (its group's) and whether it still had workers when killed.
    """
    process = start_in_a_group(args)
    time.sleep(RANDOM.uniform(0.0, longest))
    had_workers = len(group(process.pid)) > 1
    process.send_signal(signal.SIGKILL)
    process.wait()
    return process.pid, had_workers


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2, reason="needs /proc and two cores")
@pytest.mark.parametrize("task", ["extract", "publish"])
def test_a_killed_multi_process_run_leaves_no_worker_and_the_next_command_runs_at_once(tmp_path: Path, task: str) -> None:
    template = tmp_path / "template"
    generated_site(template, posts=extraction.PARALLEL_FROM + 16, paragraphs=4)
    for source in sorted((template / "source_nl/blog").glob("*.md")):  # every document has work for extract
        source.write_text(source.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    reference = tmp_path / "reference"
    shutil.copytree(template, reference)
    longest = workers_time(command(task, "--root", str(reference))) / 2  # well inside the window on a slower run
    expected = po_files(reference) if task == "extract" else snapshot(reference / "public")
    killed_with_workers = 0
    for trial in range(trials(3, 30)):
        root = tmp_path / f"trial-{trial}"
        shutil.copytree(template, root)
        killed, had_workers = kill_the_parent_of_workers(command(task, "--root", str(root)), longest)
        killed_with_workers += had_workers
        after = subprocess.run(command(task, "--root", str(root)), env=environment(), capture_output=True, text=True)
        left = group(killed)
        for process in left:  # not to leave them behind when the test fails
            os.kill(process, signal.SIGKILL)
        assert after.returncode == 0, f"trial {trial}: {after.stderr}"
        assert left == [], f"trial {trial}: processes of the killed {task} are still alive"
        assert (po_files(root) if task == "extract" else snapshot(root / "public")) == expected
        shutil.rmtree(root)
    assert killed_with_workers, "no trial killed the command while its workers ran"


# Full disks, read-only files, two hands at once ----------------------------------------------------------------------


def test_a_full_disk_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = generated_site(tmp_path / "site", posts=2)
    approve_half(site)
    before = po_files(site.root)
    for source in (site.root / "source_nl/blog").glob("*.md"):
        source.write_text(source.read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdatasync", full)  # the data is written, but cannot be flushed to disk
    report = extract(site)
    monkeypatch.undo()
    assert [e.problem for e in report.errors] == ["cannot write the PO file: No space left on device"] * 2
    assert "free some disk space" in report.errors[0].hint
    assert po_files(site.root) == before
    assert not list(site.root.rglob(".*.tmp"))
    assert not extract(site).errors


def test_a_file_that_cannot_be_flushed_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file is flushed by itself: a disk error on one leaves it as it was and writes the others."""
    paths = [tmp_path / f"folder-{number}" / "post.po" for number in range(3)]
    paths[1].parent.mkdir()
    paths[1].write_text("old\n", encoding="utf-8")
    real = os.fdatasync

    def failing_in_folder_1(descriptor: int) -> None:
        if os.readlink(f"/proc/self/fd/{descriptor}").startswith(str(paths[1].parent)):
            raise OSError(errno.EIO, "Input/output error")
        real(descriptor)

    monkeypatch.setattr(os, "fdatasync", failing_in_folder_1)
    outcomes = files.replace_many_if_unchanged([(path, "new\n", "old\n" if path == paths[1] else None) for path in paths])
    assert [str(outcome) if outcome else None for outcome in outcomes] == [None, f"[Errno 5] Input/output error: '{paths[1]}'", None]
    assert [path.read_text(encoding="utf-8") for path in paths] == ["new\n", "old\n", "new\n"]
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_read_only_po_file_is_not_replaced(tmp_path: Path) -> None:
    site = generated_site(tmp_path / "site", posts=1)
    path = site.catalog_path("blog/post-000")
    source = site.root / "source_nl/blog/post-000.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")
    path.chmod(0o444)
    before = path.read_bytes()
    [error] = extract(site).errors
    assert error.message == "translations/en/blog/post-000.po: cannot write the PO file: the file is read-only"
    assert path.read_bytes() == before


def test_a_second_command_stops_while_one_runs(tmp_path: Path) -> None:
    site = generated_site(tmp_path / "site", posts=3)
    with EngineServer(latency=3600) as server:  # draft waits for its first answer until killed, however slow extract starts
        (site.root / "pipeline.yaml").write_text(f"translation:\n  url: {server.url}\n  concurrency: 1\n", encoding="utf-8")
        running = subprocess.Popen(command("draft", "--root", str(site.root)), env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120  # asked until draft's first request came: a ceiling, never waited out
            while server.total == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            second = subprocess.run(command("extract", "--root", str(site.root)), env=environment(), capture_output=True, text=True)
        finally:
            running.kill()
            running.wait()
    assert second.returncode == 1
    assert f"'draft' (process {running.pid}) is working on this site — wait for it to finish, then run this command again" in second.stderr
    assert "Traceback" not in second.stderr


def test_a_translators_save_during_extract_is_merged_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = generated_site(tmp_path / "site", posts=1)
    path = site.catalog_path("blog/post-000")
    source = site.root / "source_nl/blog/post-000.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")
    real_merge = extraction.merge
    saved = []

    def translator_saves_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not saved:
            po = polib.pofile(str(path), wrapwidth=0)
            po.find("Post 0", msgctxt="title").msgstr = "Post zero, by hand"
            po.save(str(path))
            saved.append(True)
        return real_merge(*args, **kwargs)

    monkeypatch.setattr(extraction, "merge", translator_saves_meanwhile)
    assert not extract(site).errors
    po = polib.pofile(str(path))
    assert po.find("Post 0", msgctxt="title").msgstr == "Post zero, by hand"
    assert po.find("Nieuw.") is not None


def test_git_conflict_markers_name_the_file_and_line(tmp_path: Path) -> None:
    site = generated_site(tmp_path / "site", posts=1)
    path = site.catalog_path("blog/post-000")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[20:20] = ["<<<<<<< HEAD", 'msgstr "ours"', "=======", 'msgstr "theirs"', ">>>>>>> branch"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = path.read_bytes()
    [error] = extract(site).errors
    assert error.where == "translations/en/blog/post-000.po:21"
    assert error.problem == "git merge conflict marker; the file holds two versions"
    assert path.read_bytes() == before


# A misbehaving engine over a long run --------------------------------------------------------------------------------


def test_a_misbehaving_engine_costs_only_what_failed(tmp_path: Path) -> None:
    site = Site.open(copy_site("demo", tmp_path))
    (site.root / "pipeline.yaml").write_text("translation:\n  timeout: 0.4\n  retries: 2\n  concurrency: 4\n", encoding="utf-8")
    site = Site.open(site.root)
    faults = ["429", "500", "slow", "garbage", "dutch", "mangle", "empty"]
    with EngineServer(slow_seconds=1.0) as server:
        server.faults = [RANDOM.choice(faults) if RANDOM.random() < 0.3 else None for _ in range(300)]  # type: ignore[misc]
        first = draft(site, url=server.url, sleep=lambda seconds: None)
        assert first.stopped is None
        assert first.from_engine + len(first.failures) == first.entries - first.from_memory
        failed = {f.source for f in first.failures}
        assert all(f.reason for f in first.failures)
        answered_once = dict(server.requests)
        server.faults = []
        second = draft(site, url=server.url, sleep=lambda seconds: None)
        assert not second.failures and second.stopped is None
        # what succeeded the first time was not asked again
        again = {text for text, count in server.requests.items() if count > answered_once.get(text, 0)}
        assert len(again) == second.requests <= len(failed) + 2
    for path in site.catalog_paths():
        read_catalog(path, path.name)


# Hostile or broken input ---------------------------------------------------------------------------------------------

MARKDOWN_ALPHABET = st.sampled_from(list("ab \n\t>-*+1.)#|`\\[]()!<:\"'=_~&é\r\ufeff"))


@settings(max_examples=2000 if LONG else 300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet=MARKDOWN_ALPHABET, max_size=120))
def test_any_markdown_segments_and_rebuilds_or_gets_a_clear_error(body: str) -> None:
    from publish_pipeline.text import markdown

    document = parse_document(f"---\ntitle: x\n---\n{body}", "blog/x", "x.md")
    try:
        segments = segment(document, ("title",))
    except SourceError as error:
        assert error.where.startswith("x.md:") and error.hint
        return
    rebuilt = reassemble_body(document, segments, lambda s: s.text)
    assert markdown.render(rebuilt) == markdown.render(document.body)


VALID_PO = (SITES / "demo/translations/en/topics/vertrouwen.po").read_text(encoding="utf-8")


@st.composite
def damaged(draw) -> str:
    text = VALID_PO
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            text = text[:position] + text[position + draw(st.integers(1, 40)) :]
        elif kind == 1:
            text = text[:position] + draw(st.sampled_from(['"', "\n", "msgid ", "#~ ", "\\", "msgstr[0] ", "<<<<<<< x\n"])) + text[position:]
        elif kind == 2:
            text = text[:position]
        else:
            text = text[:position] + "\x00\udcff"[: draw(st.integers(0, 1))] + text[position:]
    return text


@settings(max_examples=1500 if LONG else 250, deadline=None, suppress_health_check=list(HealthCheck))
@given(damaged())
@example(VALID_PO.replace('msgid ""\n', 'msgid "msgid "\n', 1))  # the header made an entry: no header to set aside
@example(VALID_PO.replace('msgid ""\n', 'msgid ""\n\n', 1))  # a blank line in the header: still the header (a fresh-clone run found it)
def test_a_damaged_po_file_reads_or_is_a_clear_error_never_a_silent_loss(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    try:
        catalog = read_catalog(path, "x.po")
    except CatalogError as error:
        assert error.location == "x.po" and error.problem and error.hint
        return
    # nothing parsed silently away: one entry for every msgid line in the file, the header's aside (a damage
    # may have made the header an entry: 'msgid "msgid "')
    msgid_lines = sum(1 for line in text.splitlines() if line.startswith(("msgid ", "#~ msgid ")))
    header = 1 if re.search(r'^msgid ""\s*^msgstr ', text, re.MULTILINE) else 0  # blank lines may stand between (PO allows it)
    assert len(catalog.translations) + catalog.obsolete_count + header == msgid_lines or msgid_lines == 0


def test_yaml_tricks_are_refused_or_harmless() -> None:
    laughs = "---\ntitle: Lach\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    ) + "---\nTekst.\n"
    started = time.monotonic()
    with pytest.raises(SourceError) as caught:  # aliases are refused outright: front matter never needs them
        parse_document(laughs, "blog/x", "x.md")
    assert caught.value.problem == "front matter: 'b': YAML aliases ('*name') are not supported"
    assert time.monotonic() - started < 2
    with pytest.raises(SourceError) as caught:
        parse_document("---\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\n", "x", "x.md")
    assert "could not determine a constructor" in caught.value.problem
    assert not Path("/tmp/pwned").exists()


def test_huge_and_deep_documents_are_handled_in_bounded_time(tmp_path: Path) -> None:
    site = generated_site(tmp_path / "site", posts=1)
    megabyte = " ".join(["vertrouwen"] * 100_000)
    deep = "\n".join("  " * level + "- item" for level in range(500))
    documents = {
        "groot.md": f"---\ntitle: Groot\n---\n{megabyte}\n",
        "diep.md": f"---\ntitle: Diep\n---\n{deep}\n\n" + ">" * 300 + " citaat\n",
        "leeg.md": "---\ntitle: Leeg\ntranslation_slug: empty\n---\n",
        "regels.md": "---\r\ntitle: Regels\r\n---\r\nEen\r\nTwee\rDrie\n\nVier\n",
    }
    for name, text in documents.items():
        (site.root / "source_nl/blog" / name).write_text(text, encoding="utf-8")
    started = time.monotonic()
    report = extract(site)
    assert not report.errors
    assert time.monotonic() - started < 20
    (site.root / "source_nl/blog/groot.md").write_text(f"---\ntitle: Groot\n---\n{megabyte} en nog wat\n", encoding="utf-8")
    started = time.monotonic()
    assert not extract(site).errors  # a changed 1 MB paragraph is matched without a quadratic diff
    assert time.monotonic() - started < 20
    assert len(read_catalog(site.catalog_path("blog/leeg"), "leeg").translations) == 1


def test_no_key_leaks_even_when_the_engine_echoes_the_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = "libre-secret-key-987"
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", key)
    site = generated_site(tmp_path / "site", posts=1, paragraphs=2)
    with EngineServer() as server:
        server.faults = ["500"] * 20  # type: ignore[misc]
        report = draft(site, engine_name="libre", url=server.url, sleep=lambda seconds: None)
    said = " ".join([str(report.stopped), *(f.reason for f in report.failures), *(e.message for e in report.errors)])
    assert report.failures and key not in said
    for path in site.root.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes(), path
    with pytest.raises(PipelineError):
        raise PipelineError("x", "never shown")  # the only error type the CLI prints, and it holds no request


def test_draft_says_how_to_fix_a_read_only_po_file(tmp_path: Path) -> None:
    site = generated_site(tmp_path / "site", posts=1)
    path = site.catalog_path("blog/post-000")
    path.chmod(0o444)
    before = path.read_bytes()
    with EngineServer() as server:
        report = draft(site, url=server.url, sleep=lambda seconds: None)
    [error] = report.errors
    assert error.message.startswith("translations/en/blog/post-000.po: cannot write the PO file: the file is read-only")
    assert "chmod u+w" in error.hint
    assert path.read_bytes() == before
