"""Crossings git's line merge made (``catalogs.line_merges``) after they were found: her review, what stays live
meanwhile, what a clone without the driver is told, and the cache of what each merge commit holds. Real git: a bare
remote, the author's and the translator's clones without ``setup``, fresh clones as CI's."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from publish_pipeline import tasks
from publish_pipeline.catalogs import line_merges
from publish_pipeline.catalogs.line_merges import CACHE, merges_of
from test_po_merge import PARAGRAPH, PARAGRAPH_ENGLISH, PO_FILE, REWORDED, approved_but, reworded_and_translated
from test_workflow import ENGLISH_PAGE, Team, git, page, review, run_task, said

ERROR = "error: line-merge: approved English of other Dutch"


@pytest.fixture
def crossed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    """Neither clone ran setup: git's line merge put her English of the paragraph's old wording on the author's new
    one, approved, and she pushed the merge."""
    monkeypatch.setenv("CI", "true")
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    reworded_and_translated(team)
    assert team.pull(team.translator)
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    return team


def mark_fuzzy(clone: Path, dutch: str = REWORDED) -> None:
    """Her first step of a review in a PO editor: the entry marked Needs work (fuzzy), its English kept."""
    po = polib.pofile(str(clone / PO_FILE), wrapwidth=0)
    entry = next(entry for entry in po if entry.msgid == dutch)
    entry.flags.append("fuzzy")
    po.save(str(clone / PO_FILE))


def head(clone: Path, revision: str = "HEAD") -> str:
    return git(clone, "rev-parse", revision).stdout.strip()


def live_of(clone: Path) -> dict[str, object]:
    code, output = run_task(tasks.status, clone, json=True)
    return next(document["live"] for document in json.loads(output)["documents"] if document["id"] == "blog/eerste")


@pytest.mark.parametrize("committed", [False, True], ids=["on her disk", "committed"])
def test_an_entry_marked_fuzzy_after_the_crossing_leaves_the_version_before_the_merge_live(crossed: Team, committed: bool) -> None:
    """The team's play: once she marked the flagged entry fuzzy, status named the merge commit as the English that
    stays live, the version check refused. Publish and status keep the version before the merge: her own commit of
    the old wording, with the Dutch it translated."""
    team = crossed
    merge, before = head(team.translator), head(team.translator, "HEAD^1")  # her commit of the old wording
    mark_fuzzy(team.translator)
    if committed:
        team.commit(team.translator, "Review blog/eerste's paragraph: needs work")
    clone = team.clone("fresh") if committed else team.translator

    live = live_of(clone)

    assert live["state"] == "older" and live["commit"] == before and live["commit"] != merge, live
    word, why = said(clone, "blog/eerste")
    assert word == "update waits" and f"(commit {before[:10]}) stays live" in why and merge[:10] not in why, why
    code, output = run_task(tasks.check, clone)
    assert code == 0 and ERROR not in output, output  # an entry that waits for review is no error
    code, output = run_task(tasks.publish, clone)
    assert code == 0 and "Sometimes that works." in (page(clone, ENGLISH_PAGE) or ""), output


def test_after_the_review_a_version_of_the_merge_stays_passed_over(crossed: Team) -> None:
    """She reviewed (fuzzy, committed) and approved the English again; then the author changed the Dutch: the live
    walk passes her approval after the review, never the merge's version of before it."""
    team = crossed
    mark_fuzzy(team.translator)
    team.commit(team.translator, "Needs work")
    review(team.translator, {})  # the same English, approved again after her review
    team.commit(team.translator, "Reviewed: the English fits")
    reviewed = head(team.translator)
    assert team.pull(team.author)
    path = team.author / "source_nl/blog/eerste.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Soms lukt dat niet.", "Soms lukt dat echt niet."), encoding="utf-8")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "Sharper still")

    live = live_of(team.clone("fresh"))

    assert live["state"] == "older" and live["commit"] == reviewed, live


@pytest.mark.parametrize(
    ("english", "reviewed"),
    [
        ("I write to learn what I think.\nSometimes that works.", False),  # one line of two: no review
        ("I write to learn what I think.\nSometimes it fails.", True),  # every line: a review
    ],
    ids=["one line of two", "every line"],
)
def test_only_english_rewritten_whole_clears_the_crossing(crossed: Team, english: str, reviewed: bool) -> None:
    """The team's play: any edit of the crossed English cleared the error, an edit of one line of two too (the
    line left may be the one whose Dutch changed). Only her review clears it: every line of it corrected, or the
    entry marked fuzzy and committed before she approves it again (the next test)."""
    team = crossed
    review(team.translator, {REWORDED: english})
    team.commit(team.translator, "Review blog/eerste's paragraph")

    code, output = run_task(tasks.check, team.clone("fresh"))

    assert (code, ERROR in output) == ((0, False) if reviewed else (1, True)), output


def test_marked_fuzzy_committed_and_approved_again_clears_the_crossing(crossed: Team) -> None:
    """Her review in Poedit's words: Needs work, committed, then approved again, with the English she kept."""
    team = crossed
    mark_fuzzy(team.translator)
    team.commit(team.translator, "Needs work")
    review(team.translator, {})
    assert run_task(tasks.check, team.translator)[0] == 0  # her disk: reviewed since the merge
    team.commit(team.translator, "Reviewed: the English fits")

    code, output, clone = team.ci()

    assert code == 0 and "English — live: 1, held back: 1" in output, output  # live as it is now, not an earlier version
    assert PARAGRAPH_ENGLISH.split("\n")[1] in (page(clone, ENGLISH_PAGE) or "")
    assert run_task(tasks.check, clone)[0] == 0


def test_a_clone_without_setup_is_told_once_to_run_it_after_a_pull_merged_a_po_file(crossed: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nobody ran setup (no .gitattributes asks for the driver): the pull merged the PO file line by line and
    nothing said to run setup (check's error had an aside, status nothing). Status and check say it once, with the
    command; not in CI; not once setup ran in the clone."""
    team = crossed
    monkeypatch.delenv("CI")
    told = "run `publish-pipeline setup` once in this clone, and commit the .gitattributes it writes"
    for command in (tasks.status, tasks.check):
        output = " ".join(run_task(command, team.translator)[1].split())
        assert output.count(told) == 1 and f"git merge {head(team.translator)[:10]}: warning: git merged a PO file line by line" in output, output
    monkeypatch.setenv("CI", "true")
    assert told not in " ".join(run_task(tasks.status, team.translator)[1].split())
    monkeypatch.delenv("CI")
    assert run_task(tasks.setup, team.translator)[0] == 0
    assert "publish-pipeline setup` once" not in " ".join(run_task(tasks.status, team.translator)[1].split())


def test_each_merge_is_read_from_git_once_and_a_damaged_cache_is_read_past(crossed: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    """The detector read every merge commit on each run (``git log --merges --cc`` of the whole history): what each
    merge holds is kept by its commit id, and a later run reads only the merges made since."""
    team = crossed
    catalogs = "translations"
    logs: list[tuple[str, ...]] = []
    git_output = line_merges.git_output

    def counted(folder: Path, *arguments: str) -> str | None:
        if arguments[:2] == ("log", "--merges"):
            logs.append(arguments)
        return git_output(folder, *arguments)

    monkeypatch.setattr(line_merges, "git_output", counted)
    first = merges_of(team.translator, catalogs)
    again = merges_of(team.translator, catalogs)
    assert len(logs) == 1 and first == again and [crossing.merge for crossing in again.crossings] == [head(team.translator)]
    cached = json.loads((team.translator / CACHE).read_text(encoding="utf-8"))
    assert cached["head"] == head(team.translator) and list(cached["merges"]) == [head(team.translator)]

    (team.translator / "notes.txt").write_text("a commit after the merge\n", encoding="utf-8")
    team.commit(team.translator, "Notes")
    later = merges_of(team.translator, catalogs)  # the new commit holds the crossing too
    assert logs[-1][-3] == f"{cached['head']}..{head(team.translator)}" and later.crossings[0].crossed == {*first.crossings[0].crossed, head(team.translator)}

    outside = [["../../../etc/x.po", None, "Aap", "Aap", "Ape"]]
    for damage in ("{", json.dumps({**cached, "head": "--output=/tmp/x"}), json.dumps({**cached, "merges": {cached["head"]: [[1]]}}), "[]",
                   json.dumps({**cached, "merges": {cached["head"]: outside}})):
        (team.translator / CACHE).write_text(damage, encoding="utf-8")
        assert merges_of(team.translator, catalogs) == later, damage
        assert logs[-1][-3] == head(team.translator)  # the whole history, read anew
        assert json.loads((team.translator / CACHE).read_text(encoding="utf-8"))["head"] == head(team.translator)
