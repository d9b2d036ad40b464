"""Git's merge of PO files entry by entry (``catalogs.po_merge``, set up by the ``setup`` task), with real git.

The author and the translator change the same PO file in their own clones in the same week: her extract writes
the Dutch she changed into an entry (``msgid``, ``#|``, fuzzy) and adds the entry of a new paragraph, while the
translator changes that entry's English and another's in a PO editor that rewrites the header and saves through
msgcat (as Poedit does). Git's line merge stops at a conflict there; with the driver the pull merges, both
people's work is in the file, and it passes ``msgfmt --check`` and ``check``.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import publish_pipeline
from conftest import copy_site, msgfmt_check, outside_ci
from engine_server import EngineServer
from publish_pipeline import tasks
from publish_pipeline.catalogs.catalog import read_catalog
from publish_pipeline.catalogs.po_merge import REBASE_SIDES, labels, merge_driver
from publish_pipeline.drafts.drafting import draft
from publish_pipeline.plumbing.merge_setup import driver_command
from publish_pipeline.site import Site
from test_status import ENGLISH
from test_workflow import ENGLISH_PAGE, Team, edit, git, msgcat_saved, page, review, run_task, said

PO_FILE = "translations/en/blog/eerste.po"
OLD_DUTCH, NEW_DUTCH = "Waarom schrijf ik?", "Waarom schrijf ik eigenlijk?"
HER_ENGLISH = "Why would I write?"
PARAGRAPH = "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat."
NEW_PARAGRAPH = "Een nieuwe alinea over boeken."


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    """The team, with blog/eerste's English approved by the translator and pulled by the author."""
    return approved_but(tmp_path, monkeypatch)


def approved_but(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *untranslated: str) -> Team:
    """The team, with blog/eerste's English approved by the translator but for the Dutch texts ``untranslated``
    (left untranslated), and pulled by the author."""
    # git runs the driver in the clone's folder: the package under test, not another installed copy
    monkeypatch.setenv("PYTHONPATH", str(Path(publish_pipeline.__file__).parents[1]))
    team = Team(tmp_path)
    review(team.translator, {dutch: english for dutch, english in ENGLISH.items() if dutch not in untranslated})
    team.commit(team.translator, "Approve blog/eerste")
    assert team.pull(team.author)
    return team


def poedit_save(clone: Path, english: dict[str, str]) -> None:
    """The translator's save in Poedit: her English in, the header rewritten, the file written through msgcat."""
    path = clone / PO_FILE
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr = english.get(entry.msgid, entry.msgstr)
    po.metadata["PO-Revision-Date"] = "2026-12-01 20:15+0100"
    po.metadata["Last-Translator"] = "Tess <tess@example.org>"
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    po.save(str(path))
    subprocess.run(["msgcat", "--output-file", str(path), str(path)], check=True, timeout=60)


def week(team: Team, her_english: dict[str, str]) -> None:
    """The author's Dutch edit and new paragraph, extracted and pushed; meanwhile the translator's save in Poedit,
    committed before she pulls."""
    edit(team.author, OLD_DUTCH, NEW_DUTCH)
    edit(team.author, "- Boeken bestellen", f"{NEW_PARAGRAPH}\n\n- Boeken bestellen")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "Sharper opening, a paragraph on books")
    poedit_save(team.translator, her_english)
    team.commit(team.translator, "Review blog/eerste", push=False)


def plain_labels(text: str) -> str:
    """A merged file with its conflicts' labels as a git before 2.44 leaves them (``ours``, ``theirs``): a later git
    gives the driver the names of the sides (``%X``, ``%Y``), which follow in brackets (``po_merge.labels``)."""
    return re.sub(r"^(<<<<<<< ours|>>>>>>> theirs) \(.*\)$", r"\1", text, flags=re.MULTILINE)


def entries(clone: Path) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(clone / PO_FILE))}


@pytest.mark.parametrize("set_up", [False, True], ids=["git's line merge", "setup's driver"])
def test_the_authors_extract_and_the_translators_save_merge_entry_by_entry(team: Team, set_up: bool) -> None:
    if set_up:
        assert run_task(tasks.setup, team.translator)[0] == 0
    week(team, {OLD_DUTCH: HER_ENGLISH, PARAGRAPH: "I write to discover what I think.\nSometimes that works."})

    merged = team.pull(team.translator)

    if not set_up:  # as on main before the driver: a conflict between the Dutch and the English of one entry
        assert not merged
        assert "<<<<<<<" in (team.translator / PO_FILE).read_text(encoding="utf-8")
        return
    assert merged
    msgfmt_check(team.translator / PO_FILE)
    found = entries(team.translator)
    assert found[NEW_DUTCH].msgstr == HER_ENGLISH  # her English, kept for the new Dutch ...
    assert found[NEW_DUTCH].fuzzy and found[NEW_DUTCH].previous_msgid == OLD_DUTCH  # ... to review against the old
    assert found[PARAGRAPH].msgstr == "I write to discover what I think.\nSometimes that works."
    assert found[NEW_PARAGRAPH].msgstr == ""  # the author's new paragraph
    assert OLD_DUTCH not in found
    header = polib.pofile(str(team.translator / PO_FILE)).metadata
    assert (header["Last-Translator"], header["X-Generator"]) == ("Tess <tess@example.org>", "Poedit 3.4.2")
    code, output = run_task(tasks.extract, team.translator)
    assert code == 0 and "0 PO files written" in output, output  # the merge is what extract makes of it
    code, output = run_task(tasks.check, team.translator)
    assert code == 0, output
    review(team.translator, {NEW_PARAGRAPH: "A new paragraph on books."})  # she reviews the heading, translates the rest
    team.commit(team.translator, "Review blog/eerste after the author's edit")
    code, output, clone = team.ci()
    english = (clone / "public/en/blog/my-first-blog/index.html").read_text(encoding="utf-8")
    assert code == 0 and "Why would I write?" in english and "I write to discover" in english, output


def test_english_changed_on_both_sides_is_a_conflict_check_names(team: Team) -> None:
    """The author fixed the English of the entry the translator changed too: both Englishes, between git's
    markers around the msgstr alone; check names the line; keeping one makes a valid file."""
    for clone in (team.author, team.translator):
        assert run_task(tasks.setup, clone)[0] == 0
    poedit_save(team.author, {"Waarom schrijf ik?": "Why do I write at all?"})
    team.commit(team.author, "English heading")
    poedit_save(team.translator, {"Waarom schrijf ik?": "Why would I write?", "Boeken bestellen": "Ordering books"})
    team.commit(team.translator, "Review blog/eerste", push=False)

    assert not team.pull(team.translator)

    path = team.translator / PO_FILE
    text = path.read_text(encoding="utf-8")
    text = plain_labels(text)
    assert '<<<<<<< ours\nmsgstr "Why would I write?"\n=======\nmsgstr "Why do I write at all?"\n>>>>>>> theirs\n' in text
    assert text.count("<<<<<<<") == 1 and 'msgstr "Ordering books"' in text
    code, output = run_task(tasks.check, team.translator)
    line = text[: text.index("<<<<<<<")].count("\n") + 1
    assert code == 1 and f"{PO_FILE}:{line}: git merge conflict marker" in output, output
    path.write_text(text.replace('<<<<<<< ours\nmsgstr "Why would I write?"\n=======\n', "").replace(">>>>>>> theirs\n", ""),
                    encoding="utf-8")
    msgfmt_check(path)
    assert entries(team.translator)["Waarom schrijf ik?"].msgstr == "Why do I write at all?"


def test_a_version_that_is_no_po_file_is_merged_line_by_line(tmp_path: Path) -> None:
    """A side that holds a conflict already cannot be read as PO: git's own line merge, as without the driver."""
    base = tmp_path / "base.po"
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr ""\n\nmsgid "c"\nmsgstr ""\n'
    base.write_text(text, encoding="utf-8")
    ours, theirs = tmp_path / "ours.po", tmp_path / "theirs.po"
    ours.write_text(text.replace('msgstr "A"', '<<<<<<< x\nmsgstr "A"\n=======\nmsgstr "B"\n>>>>>>> y'), encoding="utf-8")
    theirs.write_text(text.replace('msgid "c"\nmsgstr ""', 'msgid "c"\nmsgstr "C"'), encoding="utf-8")

    code, said = merge_driver(base, ours, theirs, PO_FILE)

    assert code == 0 and said.startswith(f"{PO_FILE}: merged line by line, as git does: one of its versions is no PO file (git merge conflict marker")
    merged = ours.read_text(encoding="utf-8")
    assert '>>>>>>> y\n' in merged and merged.endswith('msgid "c"\nmsgstr "C"\n')


def test_setup_says_what_it_changed_once(team: Team) -> None:
    """Also the rebase backend that applies commits as patches, without a merge (so without the driver): set back. Its
    last line says what it did and what it left (a new user's trial: a line per change, and no summary): the
    .gitattributes to commit while it is not, then nothing in this clone; the translator's clone, which pulls the
    committed line, only has its own config to set."""
    from test_tasks import run

    def setup(clone: Path) -> list[str]:
        done = run("publish_pipeline", "setup", "--root", str(clone))
        assert (done.returncode, done.stderr) == (0, ""), done
        return done.stdout.splitlines()

    git(team.author, "config", "rebase.backend", "apply")
    for clone in (team.author, team.translator):  # how to pull chosen (setup's choice where none is: test_merge_setup)
        git(clone, "config", "pull.rebase", "false")
    first, second = setup(team.author), setup(team.author)
    assert "setup: this clone's git config: merge.po.driver" in first and "setup: .gitattributes: /translations/**/*.po merge=po" in first
    assert "rebase.backend merge" in first[1] and git(team.author, "config", "rebase.backend").stdout.strip() == "merge"
    commit = "left to you: commit .gitattributes, which tells every other clone to merge so (each once it has run setup too)"
    assert first[-1] == f"setup: this clone now merges PO files entry by entry (3 changes above); {commit}" and len(first) == 4
    assert second == [f"setup: this clone already merges PO files entry by entry (nothing changed); {commit}"]
    assert git(team.author, "check-attr", "merge", "--", PO_FILE).stdout.strip().endswith("merge: po")
    team.commit(team.author, "PO files merged entry by entry")
    nothing_left = "left: nothing in this clone (each other clone runs setup once itself)"
    assert setup(team.author) == [f"setup: this clone already merges PO files entry by entry (nothing changed); {nothing_left}"]
    assert team.pull(team.translator)
    assert setup(team.translator) == [
        "setup: this clone's git config: merge.po.driver", f"setup: this clone now merges PO files entry by entry (1 change above); {nothing_left}",
    ]


HUGO_POST = "---\ntitle: Eerste post\n---\n\nDit is de eerste alinea.\n\nEn nog een alinea.\n"


@pytest.mark.parametrize("layout", ["plain", "hugo"])
def test_a_po_file_extract_moved_names_its_new_document_in_the_translators_clone_after_her_pull(tmp_path: Path, layout: str) -> None:
    """A new user's trial: the author renamed a post (``git mv``) and her extract moved its PO file, its header comment
    naming the new Dutch file; the translator had approved English in the old file meanwhile, and after her pull (the
    driver's merge) the moved file still named the old Dutch file, until her next extract wrote it again (a change of
    hers to commit). The comment comes from the side that changed it, as the header fields do."""
    from test_tasks import run

    def cli(clone: Path, *arguments: str) -> str:
        done = run("publish_pipeline", *arguments, "--root", str(clone))
        assert done.returncode == 0, done
        return done.stdout

    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(tmp_path, "clone", "-q", str(remote), "author")
    author = tmp_path / "author"
    if layout == "plain":
        for part in copy_site("basic", tmp_path / "seed").iterdir():
            part.rename(author / part.name)
        old, new = "source_nl/blog/eerste.md", "source_nl/blog/tweede.md"
    else:
        (author / "content/blog").mkdir(parents=True)
        (author / "pipeline.yaml").write_text("layout: hugo-by-filename\n", encoding="utf-8")
        (author / "content/blog/eerste.md").write_text(HUGO_POST, encoding="utf-8")
        old, new = "content/blog/eerste.md", "content/blog/tweede.md"
    (author / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    cli(author, "extract")
    cli(author, "setup")
    git(author, "add", "-A")
    git(author, "commit", "-qm", "A first post, PO files merged entry by entry")
    git(author, "push", "-q", "origin", "HEAD:main")
    git(tmp_path, "clone", "-q", str(remote), "translator")
    translator = tmp_path / "translator"
    cli(translator, "setup")
    po = polib.pofile(str(translator / "translations/en/blog/eerste.po"), wrapwidth=0)
    for entry in po:
        entry.msgstr, entry.flags = f"({entry.msgid})", []
    po.save()
    git(translator, "commit", "-qam", "Approve blog/eerste")

    git(author, "mv", old, new)
    assert "translations/en/blog/tweede.po: moved from translations/en/blog/eerste.po" in cli(author, "extract")
    git(author, "add", "-A")
    git(author, "commit", "-qm", "A better name")
    git(author, "push", "-q", "origin", "HEAD:main")
    git(translator, "pull", "-q", "origin", "main")

    moved = translator / "translations/en/blog/tweede.po"
    assert moved.read_text(encoding="utf-8").splitlines()[0] == f"# English translation of {new}."
    assert not (translator / "translations/en/blog/eerste.po").exists()
    assert {entry.msgstr for entry in polib.pofile(str(moved)) if entry.msgid} == {f"({entry.msgid})" for entry in po if entry.msgid}
    msgfmt_check(moved)
    assert cli(translator, "extract").splitlines()[-1].endswith("0 PO files written")  # nothing of hers left to commit
    assert git(translator, "status", "--porcelain").stdout == ""


def test_a_clone_without_the_driver_is_told_by_status_and_check_until_setup_runs_in_it(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    """The author ran setup and committed .gitattributes; the translator's clone has it from the pull, not the
    config: git would merge her PO files line by line (a crossing it merges cleanly can leave English on reworded
    Dutch, approved). Status and check say so, before their last line, until she runs setup; CI's fresh clone,
    which merges nothing, is not told."""
    outside_ci(monkeypatch)
    assert run_task(tasks.setup, team.author)[0] == 0
    team.commit(team.author, "Merge PO files entry by entry")
    assert team.pull(team.translator)
    warning = ".gitattributes: warning: it asks git to merge the PO files entry by entry, but this clone has no merge.po.driver"

    for command in (tasks.status, tasks.check):
        code, output = run_task(command, team.translator)
        said = " ".join(output.split())  # status wraps it as its table's notes
        assert code == 0 and warning in said and "run `invoke setup` once in this clone" in said, output
        assert said.index(warning) < said.rindex("next:" if command is tasks.status else "check:"), output  # before the last line
        assert warning not in " ".join(run_task(command, team.author)[1].split())
        if command is tasks.status:  # its next: line names setup first (it named only the drafts to review)
            assert said[said.rindex("next:"):].startswith("next: invoke setup, once in this clone (the warning above says why)"), output
    monkeypatch.setenv("CI", "true")
    assert ".gitattributes: warning" not in run_task(tasks.status, team.translator)[1]
    monkeypatch.delenv("CI")
    assert run_task(tasks.setup, team.translator)[0] == 0
    assert ".gitattributes: warning" not in run_task(tasks.status, team.translator)[1] + run_task(tasks.check, team.translator)[1]
    assert "invoke setup" not in run_task(tasks.status, team.translator)[1]


def test_a_driver_whose_python_is_gone_leaves_gits_own_merge_with_both_sides_marked(team: Team) -> None:
    """The venv setup recorded was deleted: the merge is git's line merge, with its markers, never our side alone."""
    assert run_task(tasks.setup, team.translator)[0] == 0
    command = git(team.translator, "config", "merge.po.driver").stdout.strip()
    git(team.translator, "config", "merge.po.driver", command.replace(shlex.quote(sys.executable), "/gone/venv/bin/python"))
    week(team, {OLD_DUTCH: HER_ENGLISH})

    assert not team.pull(team.translator)

    text = (team.translator / PO_FILE).read_text(encoding="utf-8")
    assert "<<<<<<< ours" in text and ">>>>>>> theirs" in text and HER_ENGLISH in text and NEW_DUTCH in text


def test_a_driver_whose_python_is_gone_stops_a_pull_git_would_merge_cleanly_and_status_says_why(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new user's trial: the venv moved, the author reworded one line of a two-line paragraph, the translator
    translated the old wording: git's line merge, the driver's fallback, merged it cleanly (her English approved on
    the new Dutch). The pull stops at the PO file instead, saying why; status says what to do (in her clone: not
    in CI, whose ``CI`` the warning stays silent for)."""
    outside_ci(monkeypatch)
    for clone in (team.author, team.translator):
        assert run_task(tasks.setup, clone)[0] == 0
    command = git(team.translator, "config", "merge.po.driver").stdout.strip()
    git(team.translator, "config", "merge.po.driver", command.replace(shlex.quote(sys.executable), "/gone/venv/bin/python"))
    reworded_and_translated(team)

    with pytest.raises(subprocess.CalledProcessError) as stopped:
        git(team.translator, "pull", "-q", "origin", "main")

    said = stopped.value.stdout + stopped.value.stderr
    assert f"{PO_FILE}: merged line by line and left to you: the PO merge driver's Python is gone" in said, said
    assert PO_FILE in git(team.translator, "diff", "--name-only", "--diff-filter=U").stdout
    said = " ".join(run_task(tasks.status, team.translator)[1].split())
    assert "the PO merge driver's Python (/gone/venv/bin/python) is gone" in said and "run `invoke setup` again" in said


def test_a_driver_whose_python_is_gone_names_the_file_and_runs_nothing_its_name_holds(tmp_path: Path) -> None:
    """The fallback's message put git's quoted %P inside quotes of its own, so the name stood unquoted in the shell:
    a PO file named after a Dutch file ``x$(touch PWNED).md`` ran its command in every clone that merged it."""
    from publish_pipeline.plumbing.merge_setup import driver_command

    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "merge.po.driver", driver_command("/gone/venv/bin/python"))
    (tmp_path / ".gitattributes").write_text("*.po merge=po\n", encoding="utf-8")
    name = "x$(touch PWNED).po"
    (tmp_path / name).write_text('msgid "Aap"\nmsgstr ""\n', encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    for checkout, english in ((("-b", "other"), "Monkey"), (("main",), "Ape")):
        git(tmp_path, "checkout", "-q", *checkout)
        (tmp_path / name).write_text(f'msgid "Aap"\nmsgstr "{english}"\n', encoding="utf-8")
        git(tmp_path, "commit", "-qam", english)
    with pytest.raises(subprocess.CalledProcessError) as stopped:
        git(tmp_path, "merge", "other")
    assert f"{name}: merged line by line and left to you" in stopped.value.stderr, stopped.value.stderr
    assert not (tmp_path / "PWNED").exists()


def test_a_driver_setup_wrote_before_its_command_changed_is_told_by_status_until_setup_runs_again(
    team: Team, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A clone keeps the command setup wrote then (the one whose fallback ran what a PO file's name held): status and
    check said nothing of it, so nobody ran setup again."""
    outside_ci(monkeypatch)
    assert run_task(tasks.setup, team.translator)[0] == 0
    command = git(team.translator, "config", "merge.po.driver").stdout.strip()
    git(team.translator, "config", "merge.po.driver", command.replace("echo %P'", "echo '%P"))
    for task in (tasks.status, tasks.check):
        said = " ".join(run_task(task, team.translator)[1].split())
        assert "the PO merge driver is one an earlier version of setup wrote" in said and "run `invoke setup` again" in said, said
    assert run_task(tasks.setup, team.translator)[0] == 0
    assert ".gitattributes: warning" not in run_task(tasks.status, team.translator)[1]


HEADER = "".join(
    ['msgid ""\nmsgstr ""\n']
    + [f'"{field}\\n"\n' for field in ("Project-Id-Version: site", "PO-Revision-Date: {}", "Last-Translator: ", "Language-Team: English",
                                       "Language: en", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
                                       "Content-Transfer-Encoding: 8bit")]
    + ["\n"]
)


def po(revision: str, *entries: str) -> str:
    return HEADER.format(revision) + "\n".join(entries)


def merged_file(tmp_path: Path, base: str, ours: str, theirs: str) -> tuple[int, str]:
    """The driver run on three versions of a file, as git runs it: its exit code and the file it left."""
    paths = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        paths.append(tmp_path / f"{name}.po")
        paths[-1].write_text(text, encoding="utf-8")
    code, _ = merge_driver(*paths, PO_FILE)
    if not code:
        msgfmt_check(paths[1])
    return code, paths[1].read_text(encoding="utf-8")


def run_driver(tmp_path: Path, ours: str, theirs: str) -> tuple[subprocess.CompletedProcess[str], set[str], str]:
    """``publish-pipeline merge-po %O %A %B %P`` run as git runs it on one entry's English (the common version's:
    "Monkey"): the process, the modules it loaded, and the file it left."""
    text = po("2026-11-01 10:00+0000", 'msgid "Aap"\nmsgstr "Monkey"\n')
    paths = []
    for name, english in (("base", "Monkey"), ("ours", ours), ("theirs", theirs)):
        paths.append(tmp_path / f"{name}.po")
        paths[-1].write_text(text.replace("Monkey", english), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "publish_pipeline", "merge-po", *map(str, paths), PO_FILE],
        env={**os.environ, "PYTHONPATH": str(Path(publish_pipeline.__file__).parents[1])}, capture_output=True, text=True,
    )
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return done, loaded, paths[1].read_text(encoding="utf-8")


HEAVY = ("invoke", "markdown_it", "yaml", "publish_pipeline.tasks")
"""What git's merge of a PO file needs none of: Invoke, the Markdown parser, the settings' YAML, the tasks (a
conflict's Exit loaded Invoke, and the catalog's slug name the parser: 0.86 G of 1.31 G instructions)."""


def test_git_runs_the_driver_without_invoke_and_reads_its_exit_code_and_line(tmp_path: Path) -> None:
    """A merge is answered without Invoke or the Markdown parser (their imports were most of the driver's time),
    a conflict too; it still exits with 1 and says so on stderr, as the task does."""
    done, loaded, text = run_driver(tmp_path, "Monkey", "Ape")
    assert done.returncode == 0 and 'msgstr "Ape"' in text, done.stderr
    assert not loaded & set(HEAVY) and "publish_pipeline.catalogs.po_merge" in loaded

    done, loaded, text = run_driver(tmp_path, "Ape", "Simian")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    said = [line for line in done.stderr.splitlines() if not line.startswith("import time:")]
    assert done.returncode == 1 and said == [f"{PO_FILE}: 1 entry with English from both sides — keep one msgstr of each and "
                                             "delete the <<<<<<< ======= >>>>>>> lines, then run check"], done.stderr
    assert '<<<<<<< ours\nmsgstr "Ape"\n=======\nmsgstr "Simian"\n>>>>>>> theirs\n' in text


def as_git_runs(tmp_path: Path, ours: str, theirs: str, names: tuple[str, str] | None) -> tuple[subprocess.CompletedProcess[str], str]:
    """The command setup writes (``merge_setup.driver_command``) run as git runs it on one entry's English, with a
    shell: ``%X`` and ``%Y`` given the sides' ``names`` quoted for the shell, as git 2.44 and later give them, or
    left as they are (None), as an older git leaves them. The process and the file it left."""
    text = po("2026-11-01 10:00+0000", 'msgid "Aap"\nmsgstr "Monkey"\n')
    for name, english in (("base", "Monkey"), ("ours", ours), ("theirs", theirs)):
        (tmp_path / f".merge_file_{name}").write_text(text.replace("Monkey", english), encoding="utf-8")
    expanded = {"O": ".merge_file_base", "A": ".merge_file_ours", "B": ".merge_file_theirs", "P": shlex.quote(PO_FILE)}
    if names is not None:
        expanded |= {"X": shlex.quote(names[0]), "Y": shlex.quote(names[1])}
    command = re.sub(r"%([OABPXY])", lambda found: expanded.get(found[1], found[0]), driver_command(sys.executable))
    done = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(publish_pipeline.__file__).parents[1])})
    return done, (tmp_path / ".merge_file_ours").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("names", "labels"),
    [
        (("HEAD", "origin/main"), ("ours (HEAD)", "theirs (origin/main)")),  # git 2.44 and later
        (("HEAD", "1a2b3c4 (Tess's $(touch PWNED) `id` heading)"), ("ours (HEAD)", "theirs (1a2b3c4 (Tess's $(touch PWNED) `id` heading))")),
        (None, ("ours", "theirs")),  # git before 2.44: %X and %Y as they are
        (("", ""), ("ours", "theirs")),  # a merge git names no side of (rerere's)
    ],
    ids=["named", "a subject the shell would run", "older git", "unnamed"],
)
def test_a_conflicts_markers_name_the_sides_as_git_names_them_where_it_does(
    tmp_path: Path, names: tuple[str, str] | None, labels: tuple[str, str],
) -> None:
    """Git 2.44 gives a merge driver the names of the sides (``%X``, ``%Y``): the markers say them after ours and
    theirs, as git's own markers do (``<<<<<<< HEAD``, ``>>>>>>> origin/main``), quoted as git quotes them (a
    commit's subject is nothing the shell runs); an older git's command line leaves them as they were."""
    done, text = as_git_runs(tmp_path, "Ape", "Simian", names)

    assert done.returncode == 1 and "1 entry with English from both sides" in done.stderr, done.stderr
    assert f'<<<<<<< {labels[0]}\nmsgstr "Ape"\n=======\nmsgstr "Simian"\n>>>>>>> {labels[1]}\n' in text, text
    assert not (tmp_path / "PWNED").exists()


def test_in_a_rebase_the_markers_name_her_commit_and_keep_saying_whose_side_is_whose() -> None:
    """In a rebase git names the side it replays onto ``HEAD`` and her commit by its id and subject: the rebase's
    labels (whose English is whose, the other way round from a merge) stay, her commit's name is added."""
    assert labels(("HEAD", "1a2b3c4 (Her heading)"), rebasing=True) == (
        "ours (upstream: the commit your rebase replays onto)", "theirs (yours: 1a2b3c4 (Her heading), the commit your rebase replays)")
    assert labels(("%X", "%Y"), rebasing=True) == REBASE_SIDES
    assert labels((), rebasing=False) == ("ours", "theirs")


def test_a_driver_setup_wrote_before_it_named_the_sides_is_no_warning(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clone set up before the driver took ``%X %Y`` merges as safely, its conflicts labelled plainly: status does not
    send everyone to run setup again for it (setup brings it up to date when it runs)."""
    outside_ci(monkeypatch)
    assert run_task(tasks.setup, team.translator)[0] == 0
    command = git(team.translator, "config", "merge.po.driver").stdout.strip()
    assert " %X %Y;" in command
    git(team.translator, "config", "merge.po.driver", command.replace(" %X %Y;", ";"))
    assert ".gitattributes: warning" not in run_task(tasks.status, team.translator)[1]
    assert "merge.po.driver" in run_task(tasks.setup, team.translator)[1]
    assert git(team.translator, "config", "merge.po.driver").stdout.strip() == command


def test_an_entry_the_author_moved_or_made_obsolete_keeps_the_translators_new_english(tmp_path: Path) -> None:
    """Her extract moved a paragraph and made another obsolete (its Dutch is gone); the translator changed the
    English of both: the moved entry where the author's file has it, the obsolete one with her English."""
    a, b, c = 'msgid "Aap"\nmsgstr "Monkey"\n', 'msgid "Noot"\nmsgstr "Nut"\n', 'msgid "Mies"\nmsgstr "Mies"\n'
    base = po("2026-11-01 10:00+0000", a, b, c)
    translator = po("2026-12-01 10:00+0000", a.replace("Monkey", "Ape"), b, c.replace('msgstr "Mies"', 'msgstr "Cat"'))
    author = po("2026-11-01 10:00+0000", b, a, "#~ " + c.replace("\n", "\n#~ ", 1))

    code, text = merged_file(tmp_path, base, translator, author)

    assert code == 0
    assert text.endswith('msgid "Noot"\nmsgstr "Nut"\n\nmsgid "Aap"\nmsgstr "Ape"\n\n#~ msgid "Mies"\n#~ msgstr "Cat"\n')
    assert "PO-Revision-Date: 2026-12-01 10:00+0000" in text  # the translator's save, the newer one


def test_her_approval_of_the_old_dutch_leaves_the_new_dutch_to_review(tmp_path: Path) -> None:
    """The translator approved a machine draft while the author changed its Dutch: the English stays fuzzy."""
    base = po("2026-11-01 10:00+0000", '#, fuzzy\nmsgid "Aap"\nmsgstr "Monkey"\n')
    translator = po("2026-11-01 10:00+0000", 'msgid "Aap"\nmsgstr "Ape"\n')
    author = po("2026-11-01 10:00+0000", '#, fuzzy\n#| msgid "Aap"\nmsgid "Aap en noot"\nmsgstr "Monkey"\n')

    code, text = merged_file(tmp_path, base, translator, author)

    assert code == 0 and text.endswith('#, fuzzy\n#| msgid "Aap"\nmsgid "Aap en noot"\nmsgstr "Ape"\n')


def test_her_approval_meets_the_dutch_the_author_changed_again(tmp_path: Path) -> None:
    """The author changed a paragraph twice (her extract keeps the first ``#|``: the Dutch of the last approved
    English), the translator approved it between the two (Poedit drops the ``#|``): one entry, with her English of
    the Dutch she approved, shown as the old Dutch, to review — not her English on an entry of Dutch the page no
    longer has (the next extract made it obsolete), beside the new Dutch with the old draft."""
    base = po("2026-11-01 10:00+0000", '#, fuzzy\n#| msgid "Aap"\nmsgid "Aap en noot"\nmsgstr "Monkey"\n')
    translator = po("2026-11-01 10:00+0000", 'msgid "Aap en noot"\nmsgstr "Ape and nut"\n')
    author = po("2026-11-01 10:00+0000", '#, fuzzy\n#| msgid "Aap"\nmsgid "Aap, noot en mies"\nmsgstr "Monkey"\n')

    for ours, theirs in ((translator, author), (author, translator)):
        code, text = merged_file(tmp_path, base, ours, theirs)

        assert code == 0 and text.endswith('#, fuzzy\n#| msgid "Aap en noot"\nmsgid "Aap, noot en mies"\nmsgstr "Ape and nut"\n'), text


def test_her_approval_meets_dutch_whose_context_changed_again_and_names_the_context_she_approved(tmp_path: Path) -> None:
    """As above, the entry's context changed with its Dutch each time (``msgctxt``: a heading moved under another):
    the ``#|`` names the context of the Dutch she approved too (``#| msgctxt``, as msgmerge writes it), not the
    author's first one (the file's ``#| msgid`` then belonged to no entry that ever was)."""
    base = po("2026-11-01 10:00+0000", '#, fuzzy\n#| msgctxt "a"\n#| msgid "Aap"\nmsgctxt "b"\nmsgid "Aap en noot"\nmsgstr "Monkey"\n')
    translator = po("2026-11-01 10:00+0000", 'msgctxt "b"\nmsgid "Aap en noot"\nmsgstr "Ape and nut"\n')
    author = po("2026-11-01 10:00+0000", '#, fuzzy\n#| msgctxt "a"\n#| msgid "Aap"\nmsgctxt "c"\nmsgid "Aap, noot en mies"\nmsgstr "Monkey"\n')

    for ours, theirs in ((translator, author), (author, translator)):
        code, text = merged_file(tmp_path, base, ours, theirs)  # msgfmt --check passes it

        assert code == 0 and text.endswith(
            '#, fuzzy\n#| msgctxt "b"\n#| msgid "Aap en noot"\nmsgctxt "c"\nmsgid "Aap, noot en mies"\nmsgstr "Ape and nut"\n'
        ), text


def test_a_new_entry_both_sides_made_takes_the_english_one_side_gave_it(tmp_path: Path) -> None:
    """The author committed a new paragraph without its PO file, the translator extracted and translated it, then
    the author ran extract too: both sides made the entry, one gave it English — no conflict (an entry extract makes
    is untranslated), also where the PO file itself is new on both sides (git's common version is then empty)."""
    a = 'msgid "Aap"\nmsgstr "Monkey"\n'
    new, translated = '#: source_nl/blog/eerste.md:9\nmsgid "Noot"\nmsgstr ""\n', '#: source_nl/blog/eerste.md:9\nmsgid "Noot"\nmsgstr "Nut"\n'
    for base in (po("2026-11-01 10:00+0000", a), ""):
        for ours, theirs in ((po("2026-12-01 10:00+0000", a, translated), po("2026-11-02 10:00+0000", a, new)),
                             (po("2026-11-02 10:00+0000", a, new), po("2026-12-01 10:00+0000", a, translated))):
            code, text = merged_file(tmp_path, base, ours, theirs)

            assert code == 0 and text.endswith(translated), text


REWORDED = "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat niet."
PARAGRAPH_ENGLISH = "I write to find out what I think.\nSometimes that works."


def reworded_and_translated(team: Team) -> None:
    """The author rewords the untranslated paragraph, extracts and pushes; meanwhile the translator translates the
    old one in Poedit and commits; then she pulls."""
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "A more honest paragraph")
    poedit_save(team.translator, {PARAGRAPH: PARAGRAPH_ENGLISH})
    team.commit(team.translator, "Translate blog/eerste's paragraph", push=False)


def test_english_of_a_paragraph_reworded_meanwhile_waits_for_review_on_the_new_wording(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Her English of the old wording is offered to the new one (fuzzy, the old Dutch as ``#|``) by the merge
    itself: status says it waits for review, not that the paragraph is untranslated; CI publishes the new wording's
    English only once she approved it (until then the version she approved, of the old wording, stays live)."""
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    for clone in (team.author, team.translator):
        assert run_task(tasks.setup, clone)[0] == 0
    reworded_and_translated(team)

    assert team.pull(team.translator)

    msgfmt_check(team.translator / PO_FILE)
    found = entries(team.translator)
    assert PARAGRAPH not in found  # her English went with the paragraph's new wording ...
    assert found[REWORDED].msgstr == PARAGRAPH_ENGLISH
    assert found[REWORDED].fuzzy and found[REWORDED].previous_msgid == PARAGRAPH  # ... to review against the old
    word, why = said(team.translator, "blog/eerste")  # not "1 entry untranslated"
    assert word == "update waits" and why.startswith("1 entry needs review (fuzzy in the PO file; the Dutch changed);"), why
    code, output = run_task(tasks.extract, team.translator)
    assert code == 0 and "0 PO files written" in output, output  # the merge is what extract makes of it
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()  # live: the English she approved, of the old wording (her commit before the pull)
    assert code == 0 and PARAGRAPH_ENGLISH.split("\n")[1] in (page(clone, ENGLISH_PAGE) or ""), output
    review(team.translator, {REWORDED: "I write to find out what I think.\nSometimes that fails."})
    team.commit(team.translator, "Review blog/eerste's paragraph")
    code, output, clone = team.ci()
    assert code == 0 and "Sometimes that fails." in (page(clone, ENGLISH_PAGE) or ""), output


def test_her_english_of_a_paragraph_reworded_and_machine_drafted_meanwhile_takes_the_drafts_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The author reworded the untranslated paragraph and machine-drafted the new wording before she pushed: the
    translator's English of the old wording is offered to the new one (fuzzy, the old Dutch as ``#|``) in place of
    the draft nobody reviewed, by the merge, and the next extract leaves it so (it went obsolete, ``#~``, before)."""
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    for clone in (team.author, team.translator):
        assert run_task(tasks.setup, clone)[0] == 0
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")
    assert run_task(tasks.extract, team.author)[0] == 0
    with EngineServer() as server:
        assert draft(Site.open(team.author), url=server.url, today=datetime.date(2026, 11, 28), sleep=lambda s: None).errors == ()
    assert entries(team.author)[REWORDED].tcomment.startswith("mt: ")
    team.commit(team.author, "A more honest paragraph, drafted")
    poedit_save(team.translator, {PARAGRAPH: PARAGRAPH_ENGLISH})
    team.commit(team.translator, "Translate blog/eerste's paragraph", push=False)

    assert team.pull(team.translator)
    assert run_task(tasks.extract, team.translator)[0] == 0

    msgfmt_check(team.translator / PO_FILE)
    found = entries(team.translator)
    assert (found[REWORDED].msgstr, found[REWORDED].fuzzy, found[REWORDED].previous_msgid) == (PARAGRAPH_ENGLISH, True, PARAGRAPH)
    assert PARAGRAPH not in found and "#~ msgid" not in (team.translator / PO_FILE).read_text(encoding="utf-8")


def test_english_gits_line_merge_put_on_reworded_dutch_fails_check_in_a_fresh_clone_until_she_reviews_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither clone ran setup: git's line merge put her English of the old wording on the author's new one, approved,
    without a conflict, and no extract can tell. Check in a fresh clone (CI's) finds it in git's history and fails,
    naming the entry's line, until she reviews it (corrects it, in one commit: ``test_line_merges``). Publish
    there (CI's on a push to main, where check does not run) keeps the version before the merge live, as status says."""
    monkeypatch.setenv("CI", "true")  # as in CI, where the missing driver is no warning: the history tells
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    reworded_and_translated(team)
    assert team.pull(team.translator)  # no conflict
    found = entries(team.translator)
    assert (found[REWORDED].msgstr, found[REWORDED].fuzzy) == (PARAGRAPH_ENGLISH, False)  # approved on the new Dutch
    git(team.translator, "push", "-q", "origin", "HEAD:main")

    clone = team.clone("fresh")
    code, output = run_task(tasks.check, clone)

    line = next(t.line for t in read_catalog(clone / PO_FILE, PO_FILE).translations if t.source == REWORDED)
    assert code == 1 and f"{PO_FILE}:{line}: error: line-merge: approved English of other Dutch: git's line merge " in output, output
    assert "review it against the new Dutch: correct its English and approve it" in output
    code, output = run_task(tasks.publish, clone)
    assert code == 0 and "English — live: 1 (1 at an earlier version, update waits)" in output, output  # the version before the merge stays live
    merge = git(team.translator, "rev-parse", "HEAD").stdout.strip()
    path = team.translator / PO_FILE  # a later commit that keeps the crossing is no last good version either
    path.write_text(path.read_text(encoding="utf-8").replace('msgid ""\n', '# Thank you for reading.\nmsgid ""\n', 1), encoding="utf-8")
    team.commit(team.translator, "A word in the PO file's header")
    code, output = run_task(tasks.status, clone := team.clone("fresh-later"), json=True)
    live = next(document["live"] for document in json.loads(output)["documents"] if document["id"] == "blog/eerste")
    assert live["state"] == "older" and live["commit"] not in (merge, git(clone, "rev-parse", "HEAD").stdout.strip()), live
    said = " ".join(run_task(tasks.status, clone)[1].split())
    assert "1 approved entry holds English git's line merge put on other Dutch: review it" in said, said
    review(team.translator, {REWORDED: "I write to find out what I think.\nSometimes that fails."})
    team.commit(team.translator, "Correct blog/eerste's paragraph")  # the line whose Dutch changed: her review
    code, output = run_task(tasks.check, team.clone("fresh-again"))
    assert code == 0, output


def test_the_workspace_page_of_a_document_with_english_gits_line_merge_crossed_names_the_entry_and_what_stays_live(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The documents list said the update waits for an entry to review; the document's own page said "0 check errors ·
    live" and showed the entry approved with nothing wrong: she could not find it. Her page says the error on the entry,
    and that the version before the merge stays live, as status and CI have it."""
    from test_workspace import client

    monkeypatch.setenv("CI", "true")
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    reworded_and_translated(team)
    assert team.pull(team.translator)
    merge = git(team.translator, "rev-parse", "HEAD").stdout.strip()
    shown = client(Site.open(team.translator)).get("/document/blog/eerste/").text
    assert "<b class=\"errors-count\">1</b> check error ·" in shown and "approved English of other Dutch: git&#39;s line merge" in shown, shown
    live = re.search(r"update waits: [^<]*\(commit ([0-9a-f]{10})\) stays live", shown)
    assert live and live[1] != merge[:10], shown  # the version before the merge, as CI serves it


def test_a_shallow_clone_s_check_says_it_cannot_look_for_what_git_s_line_merges_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The team's trial: CI's checkout of depth 1 (GitHub's default) holds no merge, so check passed a crossing in
    silence. It says what it could not look at, and how to give it the history."""
    monkeypatch.setenv("CI", "true")
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    reworded_and_translated(team)
    assert team.pull(team.translator)
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{team.remote}", "shallow")

    code, output = run_task(tasks.check, tmp_path / "shallow")
    assert "note: a shallow git clone: English that git's line merge put on reworded Dutch is looked for only in the merges it holds" in output, output
    assert "fetch-depth: 0" in output
    assert "a shallow git clone" not in run_task(tasks.check, team.clone("whole"))[1]


ITEM, ITEM_REWORDED, ITEM_ENGLISH = "Abonneer je hier op mijn blog", "Abonneer je hier op mijn blog en lees mee", "Subscribe to my blog here"


def test_english_of_an_item_reworded_meanwhile_is_offered_by_extract_after_both_sides_were_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the driver, git stops at the entry (her English of the old wording, the author's new wording empty);
    she keeps both sides, as a merge editor's "accept both" does. Her English is offered to the new wording by
    the next extract (fuzzy, the old Dutch as ``#|``), not made obsolete beside an untranslated entry."""
    team = approved_but(tmp_path, monkeypatch, ITEM)
    edit(team.author, ITEM, ITEM_REWORDED)
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "A livelier call to subscribe")
    poedit_save(team.translator, {ITEM: ITEM_ENGLISH})
    team.commit(team.translator, "Translate blog/eerste's last item", push=False)

    assert not team.pull(team.translator)
    path = team.translator / PO_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(line for line in text.splitlines(True) if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))),
                    encoding="utf-8")
    assert run_task(tasks.extract, team.translator)[0] == 0

    msgfmt_check(path)
    found = entries(team.translator)
    assert ITEM not in found
    assert found[ITEM_REWORDED].msgstr == ITEM_ENGLISH
    assert found[ITEM_REWORDED].fuzzy and found[ITEM_REWORDED].previous_msgid == ITEM
    _, why = said(team.translator, "blog/eerste")  # not "1 entry untranslated"
    assert why.startswith("1 entry needs review (fuzzy in the PO file; the Dutch changed);"), why
    review(team.translator, {ITEM_REWORDED: "Subscribe to my blog here and read along"})
    team.commit(team.translator, "Merge the author's call to subscribe, reviewed")
    code, output, clone = team.ci()
    assert code == 0 and "Subscribe to my blog here and read along" in (page(clone, ENGLISH_PAGE) or ""), output


def kept(text: str, side: str) -> str:
    """The file with one side of each conflict kept (``ours`` or ``theirs``), as a translator resolves it."""
    lines, keep, out = text.splitlines(True), True, []
    for line in lines:
        if line.startswith(("<<<<<<<", "=======", ">>>>>>>")):
            keep = line.startswith("=======") == (side == "theirs")
        elif keep:
            out.append(line)
    return "".join(out)


def test_a_conflict_in_a_file_poedit_wrapped_is_written_wrapped_as_msgcat_wraps_it(team: Team) -> None:
    """Both sides saved long English for the paragraph in Poedit (msgcat wraps at 79 columns): each version
    between the markers is wrapped so, and keeping either one leaves a file msgcat would not change."""
    for clone in (team.author, team.translator):
        assert run_task(tasks.setup, clone)[0] == 0
    long = "I write to find out what I think, and to learn what I did not know I thought until the words were there."
    poedit_save(team.author, {PARAGRAPH: long + "\nSometimes that works, and sometimes it does not work at all, which is fine."})
    team.commit(team.author, "English paragraph")
    poedit_save(team.translator, {PARAGRAPH: long + "\nSometimes that works; sometimes it does not, and that is fine too."})
    team.commit(team.translator, "Review blog/eerste", push=False)

    assert not team.pull(team.translator)

    path = team.translator / PO_FILE
    text = path.read_text(encoding="utf-8")
    assert plain_labels(text).count("<<<<<<< ours\nmsgstr \"\"\n") == 1
    assert max(len(line) for line in text.splitlines() if not line.startswith("#")) <= 79
    for side in ("ours", "theirs"):
        path.write_text(kept(text, side), encoding="utf-8")
        msgfmt_check(path)
        assert msgcat_saved(path) == kept(text, side)


def test_a_conflict_after_an_obsolete_entry_of_the_file_is_marked_on_its_own_msgstr(tmp_path: Path) -> None:
    """The merge kept the file's layout, an obsolete entry between two others (edited by hand), and looked for the
    conflicting entry by counting only the others: the driver stopped with StopIteration, its traceback git's, and
    the file was ours alone, unmarked (the other side's English a commit away from lost)."""
    entries_ = ('#~ msgid "Oud"\n#~ msgstr "Old"\n', 'msgid "Aap"\nmsgstr "{}"\n', 'msgid "Noot"\nmsgstr "Nut"\n')
    base, ours, theirs = (po("2026-11-01 10:00+0000", *(entry.format(english) + "\n" for entry in entries_)).rstrip("\n") + "\n"
                          for english in ("Monkey", "Ape", "Primate"))
    code, text = merged_file(tmp_path, base, ours, theirs)
    assert code == 1
    assert 'msgid "Aap"\n<<<<<<< ours\nmsgstr "Ape"\n=======\nmsgstr "Primate"\n>>>>>>> theirs\n' in text, text
    for side, english in (("ours", "Ape"), ("theirs", "Primate")):
        (tmp_path / "kept.po").write_text(kept(text, side), encoding="utf-8")
        msgfmt_check(tmp_path / "kept.po")
        assert polib.pofile(str(tmp_path / "kept.po")).find("Aap").msgstr == english


def test_dutch_reworded_twice_takes_the_english_she_gave_the_first_rewording(tmp_path: Path) -> None:
    """The author reworded "Zo doe ik het" twice, extracting only the second time (her extract offered the common version's
    English); the translator extracted the first rewording and approved her English of it (in Poedit, which drops
    the ``#|``, or by deleting ``#, fuzzy`` alone, which leaves it): the second rewording takes her English, fuzzy,
    the Dutch she translated as ``#|``, and no entry stays for the first (its English is the second's), whichever
    side is ours."""
    base = po("2026-11-01 10:00+0000", 'msgid "Zo doe ik het"\nmsgstr "This is how I do it"\n', 'msgid "Mies"\nmsgstr "Cat"\n')
    author = po("2026-11-01 10:00+0000", '#, fuzzy\n#| msgid "Zo doe ik het"\nmsgid "Zo doe ik het helemaal zelf"\nmsgstr "This is how I do it"\n',
                'msgid "Mies"\nmsgstr "Cat"\n')
    for approved in ('msgid "Zo doe ik het zelf"\nmsgstr "This is how I do it myself"\n', '#| msgid "Zo doe ik het"\nmsgid "Zo doe ik het zelf"\nmsgstr "This is how I do it myself"\n'):
        translator = po("2026-12-01 10:00+0000", approved, 'msgid "Mies"\nmsgstr "Cat"\n')
        for ours, theirs in ((translator, author), (author, translator)):
            code, text = merged_file(tmp_path, base, ours, theirs)

            assert code == 0 and text.endswith(
                '#, fuzzy\n#| msgid "Zo doe ik het zelf"\nmsgid "Zo doe ik het helemaal zelf"\nmsgstr "This is how I do it myself"\n\nmsgid "Mies"\nmsgstr "Cat"\n'
            ), text


def test_dutch_reworded_twice_and_translated_on_neither_side_keeps_both_entries(tmp_path: Path) -> None:
    """Both sides only extracted (each offered the common version's English to its own rewording): which Dutch is the
    document's the merge cannot tell, so both entries stay, and the next extract makes the stale one obsolete."""
    base = po("2026-11-01 10:00+0000", 'msgid "Aap"\nmsgstr "Monkey"\n')
    first = po("2026-11-01 10:00+0000", '#, fuzzy\n#| msgid "Aap"\nmsgid "Aap en noot"\nmsgstr "Monkey"\n')
    second = po("2026-11-01 10:00+0000", '#, fuzzy\n#| msgid "Aap"\nmsgid "Aap en noot en mies"\nmsgstr "Monkey"\n')

    code, text = merged_file(tmp_path, base, first, second)

    assert code == 0 and 'msgid "Aap en noot"\n' in text and 'msgid "Aap en noot en mies"\n' in text


def test_her_approval_of_dutch_both_sides_extracted_stays_approved(tmp_path: Path) -> None:
    """Both sides extracted one change of the Dutch ("Aap" → "Aap en noot"); the translator then approved her English
    of it (the ``#|`` left or dropped): her approval stands (the Dutch did not change since), not the author's
    extract's fuzzy entry with the common version's English, whichever side is ours."""
    base = po("2026-11-01 10:00+0000", 'msgid "Aap"\nmsgstr "Monkey"\n')
    author = po("2026-11-01 10:00+0000", '#, fuzzy\n#| msgid "Aap"\nmsgid "Aap en noot"\nmsgstr "Monkey"\n')
    for approved in ('msgid "Aap en noot"\nmsgstr "Ape and nut"\n', '#| msgid "Aap"\nmsgid "Aap en noot"\nmsgstr "Ape and nut"\n'):
        translator = po("2026-12-01 10:00+0000", approved)
        for ours, theirs in ((translator, author), (author, translator)):
            code, text = merged_file(tmp_path, base, ours, theirs)

            assert code == 0 and text.endswith('\n\nmsgid "Aap en noot"\nmsgstr "Ape and nut"\n'), text


def committed_with_markers(clone: Path) -> None:
    """The careless way out: the file with git's conflict markers committed as it is."""
    git(clone, "commit", "-qam", "Merge")


def joined_by_msgcat_and_approved_in_poedit(clone: Path) -> None:
    """The way out a PO tutorial shows: both sides' files joined by ``msgcat`` (each text the two translate differently
    becomes both, under ``#-#-#-#-#`` lines, fuzzy), then opened in Poedit, where she approved the entry without
    seeing the second English below the first, and committed."""
    ours, theirs = clone / "ours.po", clone / "theirs.po"
    ours.write_text(git(clone, "show", f":2:{PO_FILE}").stdout, encoding="utf-8")
    theirs.write_text(git(clone, "show", f":3:{PO_FILE}").stdout, encoding="utf-8")
    subprocess.run(["msgcat", "--no-wrap", "--output-file", str(clone / PO_FILE), str(ours), str(theirs)], check=True, timeout=60)
    ours.unlink()
    theirs.unlink()
    po = polib.pofile(str(clone / PO_FILE), wrapwidth=0)
    for entry in po:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save(str(clone / PO_FILE))
    msgfmt_check(clone / PO_FILE)  # gettext takes it: only the English says two versions are in it
    git(clone, "commit", "-qam", "Merge")


@pytest.mark.parametrize("resolve", [committed_with_markers, joined_by_msgcat_and_approved_in_poedit], ids=["git's markers", "msgcat's blocks"])
def test_a_conflict_committed_half_resolved_is_named_by_status_and_check_and_never_published(team: Team, resolve) -> None:  # type: ignore[no-untyped-def]
    """Both sides gave the paragraph English: the driver's conflict. She commits it half resolved (the markers left,
    or both Englishes msgcat wrote, approved): status and check in a fresh clone name the file's line and what to do,
    and CI publishes none of it: the last version that passed the gate stays live."""
    for clone in (team.author, team.translator):
        assert run_task(tasks.setup, clone)[0] == 0
    poedit_save(team.author, {PARAGRAPH: "I write to find out what I think.\nSometimes that works out."})
    team.commit(team.author, "English paragraph")
    poedit_save(team.translator, {PARAGRAPH: "I write to learn what I think.\nSometimes that works.", "Boeken bestellen": "Ordering books"})
    team.commit(team.translator, "Review blog/eerste", push=False)
    assert not team.pull(team.translator)

    resolve(team.translator)
    git(team.translator, "push", "-q", "origin", "HEAD:main")

    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert "I write to learn" in english and "works out" not in english, output  # her commit's version
    assert "#-#-#" not in english and "&lt;&lt;&lt;" not in english and "<<<<<<<" not in english
    text = (clone / PO_FILE).read_text(encoding="utf-8")
    mark = "<<<<<<<" if resolve is committed_with_markers else "#-#-#-#-#"
    for command in (tasks.status, tasks.check):
        code, output = run_task(command, clone)
        said = " ".join(output.split())
        found = re.search(rf"{re.escape(PO_FILE)}:(\d+): (git merge conflict marker|msgcat's conflict lines)", said)
        assert found is not None and code == 1, output
        assert mark in text.splitlines()[int(found.group(1)) - 1], output  # the line of the first marker
        assert ("delete the <<<<<<< ======= >>>>>>> lines" if mark == "<<<<<<<" else "delete the other with the #-#-#-#-# lines") in said


def test_a_rebase_replaying_two_of_her_commits_runs_the_driver_for_each(team: Team) -> None:
    """Her git config rebases with the apply backend (which replays a commit as a patch, no merge where it applies);
    setup sets this clone's back to merge. The author reworded the heading and the paragraph and extracted; she had
    translated the paragraph in one commit and bettered the heading in the next, both on the old Dutch. ``git pull
    --rebase`` replays each through the driver: the pull ends without a conflict (git's line merge stops at the
    heading), each English waits for review on its new Dutch, and CI keeps her last approved version live."""
    git(team.translator, "config", "rebase.backend", "apply")
    for clone in (team.author, team.translator):
        assert run_task(tasks.setup, clone)[0] == 0
    assert git(team.translator, "config", "rebase.backend").stdout.strip() == "merge"
    edit(team.author, OLD_DUTCH, NEW_DUTCH)
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "Sharper heading, more honest paragraph")
    poedit_save(team.translator, {PARAGRAPH: "I write to learn what I think.\nSometimes that works."})
    team.commit(team.translator, "Better paragraph", push=False)
    poedit_save(team.translator, {OLD_DUTCH: HER_ENGLISH})
    team.commit(team.translator, "Better heading", push=False)

    git(team.translator, "pull", "-q", "--rebase", "origin", "main")

    assert git(team.translator, "log", "--format=%s", "-3").stdout.split("\n")[:3] == ["Better heading", "Better paragraph", "Sharper heading, more honest paragraph"]
    msgfmt_check(team.translator / PO_FILE)
    found = entries(team.translator)
    reworded = "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat niet."
    assert (found[NEW_DUTCH].msgstr, found[NEW_DUTCH].fuzzy, found[NEW_DUTCH].previous_msgid) == (HER_ENGLISH, True, OLD_DUTCH)
    assert (found[reworded].msgstr, found[reworded].fuzzy) == ("I write to learn what I think.\nSometimes that works.", True)
    assert OLD_DUTCH not in found and PARAGRAPH not in found
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()
    assert code == 0 and "Why do I write?" in (page(clone, ENGLISH_PAGE) or "") and HER_ENGLISH not in (page(clone, ENGLISH_PAGE) or ""), output
    assert said(clone, "blog/eerste")[0] == "update waits"


LONG = "Eerst lees ik.\nDan schrijf ik.\nDan lees ik weer.\nDan schrap ik.\nDan schrijf ik opnieuw."
LONG_REWORDED = LONG.replace("Eerst lees ik.", "Eerst lees ik veel.")
LONG_ENGLISH = "First I read.\nThen I write.\nThen I read again.\nThen I cut.\nThen I write again."


@pytest.mark.parametrize("backend", ["merge", "apply"])
def test_a_rebase_by_the_apply_backend_replays_a_patch_past_the_driver_and_status_says_to_run_setup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str,
) -> None:
    """A paragraph of five lines nobody translated yet: the author reworded its first line and extracted; the
    translator translated the old wording. Her patch changes the msgstr, three lines below the Dutch that changed:
    the apply backend applies it with no merge, so no driver, and her English stands approved on the new Dutch. The
    merge backend (setup's) runs the driver: her English waits for review. A clone set back to apply after setup is
    told by status to run setup again."""
    monkeypatch.delenv("CI", raising=False)
    team = approved_but(tmp_path, monkeypatch)
    assert run_task(tasks.setup, team.author)[0] == 0
    edit(team.author, "- Boeken bestellen", f"{LONG}\n\n- Boeken bestellen")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "How I write")
    assert team.pull(team.translator)
    assert run_task(tasks.setup, team.translator)[0] == 0
    edit(team.author, "Eerst lees ik.", "Eerst lees ik veel.")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "I read a lot")
    poedit_save(team.translator, {LONG: LONG_ENGLISH})
    team.commit(team.translator, "Translate how I write", push=False)
    git(team.translator, "config", "rebase.backend", backend)  # set back by hand, or by her global config's tool

    git(team.translator, "pull", "-q", "--rebase", "origin", "main")

    msgfmt_check(team.translator / PO_FILE)
    entry = entries(team.translator)[LONG_REWORDED]
    assert (entry.msgstr, entry.fuzzy) == (LONG_ENGLISH, backend == "merge"), entry
    output = " ".join(run_task(tasks.status, team.translator)[1].split())
    assert ("rebase.backend" in output and "run `invoke setup` again in this clone" in output) == (backend == "apply"), output


def test_a_draft_she_emptied_stays_hers_through_the_authors_extract_and_the_merge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its provenance comment with no English is the sign: Poedit's save (msgcat) and the merge driver keep it, so
    her clone's ``draft`` after the pull leaves the entry to her, and ``status`` says to translate it by hand."""
    team = approved_but(tmp_path, monkeypatch, OLD_DUTCH)
    assert run_task(tasks.setup, team.translator)[0] == 0
    with EngineServer() as server:
        assert draft(Site.open(team.translator), url=server.url, sleep=lambda s: None).errors == ()
        team.commit(team.translator, "Draft blog/eerste")
        assert team.pull(team.author)
        assert run_task(tasks.setup, team.author)[0] == 0
        path = team.translator / PO_FILE
        po = polib.pofile(str(path), wrapwidth=0)
        po.find(OLD_DUTCH).msgstr, po.find(OLD_DUTCH).flags = "", []  # Poedit's "Clear translation"
        po.save(str(path))
        subprocess.run(["msgcat", "--output-file", str(path), str(path)], check=True, timeout=60)
        team.commit(team.translator, "Not this draft", push=False)
        edit(team.author, "- Boeken bestellen", f"{NEW_PARAGRAPH}\n\n- Boeken bestellen")
        assert run_task(tasks.extract, team.author)[0] == 0
        team.commit(team.author, "A paragraph on books")

        assert team.pull(team.translator)
        msgfmt_check(path)
        assert (entries(team.translator)[OLD_DUTCH].msgstr, entries(team.translator)[OLD_DUTCH].tcomment[:11]) == ("", "mt: google ")
        report = draft(Site.open(team.translator), url=server.url, sleep=lambda s: None)
    assert (report.emptied, report.from_engine) == (1, 1)  # the author's new paragraph drafted, her entry left to her
    assert entries(team.translator)[OLD_DUTCH].msgstr == ""
    code, output = run_task(tasks.status, team.translator)
    assert "translate by hand the 1 entry whose draft was emptied" in " ".join(output.split()), output
