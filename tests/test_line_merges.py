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
from publish_pipeline.catalogs.line_merges import CACHE, merges_of, review_mark
from publish_pipeline.site import Site
from conftest import outside_ci
from test_po_merge import PARAGRAPH, PARAGRAPH_ENGLISH, PO_FILE, REWORDED, approved_but, entries, poedit_save, reworded_and_translated
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


def approve(clone: Path, english: str, note: str) -> None:
    """The rest of her review in a PO editor: the entry's English (corrected or not) and comment, approved."""
    po = polib.pofile(str(clone / PO_FILE), wrapwidth=0)
    entry = next(entry for entry in po if entry.msgid == REWORDED)
    entry.msgstr, entry.tcomment, entry.flags = english, note, [flag for flag in entry.flags if flag != "fuzzy"]
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
    ("english", "note", "reviewed"),
    [
        ("I write to find out what I think.\nSometimes that fails.", "", True),  # the line whose Dutch changed, corrected
        (PARAGRAPH_ENGLISH, "checked", False),  # kept as it is: no version tells her approval from the merge's
        (PARAGRAPH_ENGLISH, "{mark}", True),  # kept as it is, with the comment the error names
    ],
    ids=["one line corrected", "kept", "kept with the mark"],
)
def test_her_review_in_one_commit_clears_the_crossing(crossed: Team, english: str, note: str, reviewed: bool) -> None:
    """The team's trial: a review made on her disk (Needs work, read, corrected or not, approved) and committed once
    did not count: only a commit of the entry fuzzy did, or English rewritten whole (her correction of the one line
    whose Dutch changed was no review). Any edit of its English counts (she made it with the new Dutch beside it),
    and English she keeps, with the comment the error names (``review_mark``); English nobody touched stays held back."""
    team = crossed
    merge = head(team.translator)
    mark_fuzzy(team.translator)
    approve(team.translator, english, note.format(mark=review_mark(merge)))
    team.commit(team.translator, "Review blog/eerste's paragraph")

    code, output = run_task(tasks.check, team.clone("fresh"))

    assert (code, ERROR in output) == ((0, False) if reviewed else (1, True)), output
    assert reviewed or f"give it the comment `reviewed: line merge {merge[:10]}`" in " ".join(output.split())


def test_english_another_clone_edited_on_the_old_dutch_merged_in_later_is_no_review(crossed: Team) -> None:
    """An edit of the crossed English after the merge is her review; but English edited in a clone that never held
    the merge, on the old Dutch, and merged in after it, is none: git's line merge crossed it anew, and the error
    names that merge (the English the entry holds) until she reviews it."""
    team = crossed
    merge = head(team.translator)
    other = team.clone("second")
    git(other, "reset", "-q", "--hard", f"{merge}^1")  # her commit of the old wording, before the pull
    poedit_save(other, {PARAGRAPH: "I write to find out what I think.\nSometimes it works."})
    team.commit(other, "Sharper English", push=False)
    assert team.pull(other)  # no conflict: the English edit and the Dutch reworded are lines apart
    git(other, "push", "-q", "origin", "HEAD:main")

    code, output = run_task(tasks.check, team.clone("fresh"))

    assert code == 1 and f"git's line merge {head(other)[:10]} put the English" in output and merge[:10] not in output, output


@pytest.mark.parametrize("corrected", [False, True], ids=["kept as it is", "corrected"])
def test_her_review_in_the_workspace_takes_one_commit(crossed: Team, corrected: bool) -> None:
    """In the workspace she marks the entry Needs work, reads it and approves it as it is: the save writes the
    comment that says she reviewed it (before, the error came back once she approved). Or she corrects the approved
    English: her save is not asked about the crossing it reviews. One commit, and CI's clone publishes it."""
    from test_workspace import client, seen

    team = crossed
    merge = head(team.translator)
    site = Site.open(team.translator)
    workspace = client(site)
    english = "I write to find out what I think.\nSometimes that fails." if corrected else PARAGRAPH_ENGLISH
    if not corrected:
        assert workspace.post("/api/save", json={**seen(site, REWORDED, "blog/eerste"), "fuzzy": True}).status_code == 200
    approved = workspace.post("/api/save", json={**seen(site, REWORDED, "blog/eerste"), "text": english, "fuzzy": False})

    assert approved.status_code == 200 and "confirm" not in approved.json(), approved.json()
    entry = next(entry for entry in polib.pofile(str(team.translator / PO_FILE)) if entry.msgid == REWORDED)
    assert (entry.msgstr, entry.fuzzy, entry.tcomment) == (english, False, "" if corrected else review_mark(merge))
    assert run_task(tasks.check, team.translator)[0] == 0  # her disk
    team.commit(team.translator, "Reviewed blog/eerste's paragraph")
    code, output, clone = team.ci()
    assert code == 0 and "English — live: 1, held back: 1" in output, output


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
    outside_ci(monkeypatch)
    told = "run `invoke setup` once in this clone, and commit the .gitattributes it writes"
    for command in (tasks.status, tasks.check):
        output = " ".join(run_task(command, team.translator)[1].split())
        assert output.count(told) == 1 and f"git merge {head(team.translator)[:10]}: warning: git merged a PO file line by line" in output, output
    monkeypatch.setenv("CI", "true")
    assert told not in " ".join(run_task(tasks.status, team.translator)[1].split())
    outside_ci(monkeypatch)
    assert run_task(tasks.setup, team.translator)[0] == 0
    assert "invoke setup` once" not in " ".join(run_task(tasks.status, team.translator)[1].split())


def test_each_merge_is_read_from_git_once_and_a_damaged_cache_is_read_past(crossed: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    """The detector read every merge commit on each run (``git log --merges --cc`` of the whole history): what each
    merge holds is kept by its commit id, and a later run reads only the merges made since. What became of its
    crossings since is kept for the commit it was read at (a new HEAD carries it on: the next test), and a run
    at the same commit starts one git, ``rev-parse``."""
    team = crossed
    catalogs = "translations"
    calls: list[tuple[str, ...]] = []
    git_output = line_merges.git_output

    def counted(folder: Path, *arguments: str) -> str | None:
        calls.append(arguments)
        return git_output(folder, *arguments)

    def batch(read):  # type: ignore[no-untyped-def]
        def counted_batch(root: Path, names: list[str]) -> dict[str, object]:
            calls.append(("cat-file",))
            return read(root, names)
        return counted_batch

    def logs() -> list[tuple[str, ...]]:
        return [call for call in calls if call[:2] == ("log", "--merges")]

    monkeypatch.setattr(line_merges, "git_output", counted)
    for name in ("blob_ids", "blob_contents"):
        monkeypatch.setattr(line_merges, name, batch(getattr(line_merges, name)))
    first = merges_of(team.translator, catalogs)
    read = len(calls)
    again = merges_of(team.translator, catalogs)
    assert [call[0] for call in calls[read:]] == ["rev-parse"] and first == again, calls[read:]
    assert len(logs()) == 1 and [crossing.merge for crossing in again.crossings] == [head(team.translator)]
    cached = json.loads((team.translator / CACHE).read_text(encoding="utf-8"))
    assert cached["head"] == head(team.translator) and list(cached["merges"]) == [head(team.translator)]

    (team.translator / "notes.txt").write_text("a commit after the merge\n", encoding="utf-8")
    team.commit(team.translator, "Notes")
    later = merges_of(team.translator, catalogs)  # the new commit holds the crossing too
    assert logs()[-1][-3] == f"{cached['head']}..{head(team.translator)}" and later.crossings[0].crossed == {*first.crossings[0].crossed, head(team.translator)}
    mark_fuzzy(team.translator)  # her disk: read each time
    on_disk = merges_of(team.translator, catalogs)
    assert later.crossings[0].stands and not on_disk.crossings[0].stands

    cached = json.loads((team.translator / CACHE).read_text(encoding="utf-8"))
    outside = [["../../../etc/x.po", None, "Aap", "Aap", "Ape"]]
    merge = list(cached["merges"])[0]
    for damage in ("{", json.dumps({**cached, "head": "--output=/tmp/x"}), json.dumps({**cached, "merges": {merge: [[1]]}}), "[]",
                   json.dumps({**cached, "merges": {merge: outside}}), json.dumps({**cached, "walks": {}}),
                   json.dumps({**cached, "walks": {merge: [[["--output=/tmp/x"], False]]}}), json.dumps({**cached, "walks": {merge: [[[], "no"]]}})):
        (team.translator / CACHE).write_text(damage, encoding="utf-8")
        assert merges_of(team.translator, catalogs) == on_disk, damage
        assert logs()[-1][-3] == head(team.translator)  # the whole history, read anew
        assert json.loads((team.translator / CACHE).read_text(encoding="utf-8"))["head"] == head(team.translator)



def test_a_new_head_carries_the_walks_on_through_its_new_commits_alone_as_a_whole_walk_would(
    crossed: Team, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At each new HEAD every merge that made a crossing was walked again (a ``git rev-list --ancestry-path`` and two
    ``git cat-file`` each): the walks the cache holds are carried on through the new commits alone. The history
    below has each kind of commit a walk meets: one after the merge, a branch from before it merged in, her review,
    a branch from before the review into which her review was merged, merged in; at each step the crossings
    are those a walk of the whole history finds, and no merge is walked again."""
    team, clone, catalogs = crossed, crossed.translator, "translations"
    calls: list[tuple[str, ...]] = []
    git_output = line_merges.git_output

    def counted(folder: Path, *arguments: str) -> str | None:
        calls.append(arguments)
        return git_output(folder, *arguments)

    monkeypatch.setattr(line_merges, "git_output", counted)

    def as_a_whole_walk_finds() -> None:
        calls.clear()
        carried = merges_of(clone, catalogs)
        assert not [call for call in calls if "--ancestry-path" in call], calls
        (clone / CACHE).unlink()
        assert carried == merges_of(clone, catalogs)  # read whole, and kept for the next step

    def commit(message: str, file: str = "notes.txt") -> None:
        (clone / file).write_text(message, encoding="utf-8")
        team.commit(clone, message, push=False)

    merge = head(clone)
    merges_of(clone, catalogs)
    commit("A note after the merge")
    as_a_whole_walk_finds()
    git(clone, "checkout", "-q", "-b", "old", f"{merge}^1")  # her commit of the old wording: on no line from the merge
    (clone / "old.txt").write_text("a branch from before the merge\n", encoding="utf-8")
    team.commit(clone, "A branch from before the merge", push=False)
    git(clone, "checkout", "-q", "main")
    git(clone, "merge", "-q", "--no-ff", "-m", "Merge the old branch", "old")
    as_a_whole_walk_finds()
    assert merges_of(clone, catalogs).crossings[0].crossed >= {head(clone), head(clone, "HEAD^1")}
    git(clone, "branch", "before")
    mark_fuzzy(clone)
    team.commit(clone, "Needs work", push=False)
    review(clone, {})  # the same English approved again: her approval after the review; its version alone holds it
    team.commit(clone, "Reviewed: the English fits", push=False)
    review_commit = head(clone)
    commit("A note after her review")
    as_a_whole_walk_finds()
    git(clone, "checkout", "-q", "before")
    commit("A note on the branch from before her review", "branch.txt")
    git(clone, "merge", "-q", "--no-ff", "-m", "Her review into the branch", review_commit)  # an old commit: git places it
    git(clone, "checkout", "-q", "main")
    git(clone, "merge", "-q", "--no-ff", "-m", "Merge the branch", "before")
    as_a_whole_walk_finds()
    crossing = merges_of(clone, catalogs).crossings[0]
    assert crossing.reviewed and review_commit not in crossing.crossed and head(clone, "before^1") in crossing.crossed


def test_the_error_names_what_of_the_dutch_changed_word_by_word() -> None:
    """A trial: the old Dutch quoted and cut at 60 characters ("We aten haring bij een kraam op de drukke Albert
    Cuypmark...") read like the new, its changed word cut off; the error now names the words that changed."""
    from publish_pipeline.catalogs.line_merges import Crossing, crossing_problem

    was = "We aten haring bij een kraam op de drukke Albert Cuypmarkt en dronken koffie erbij."
    now = "We aten haring bij een kraam op de drukke Albert Cuypmarkt en dronken jenever erbij."
    problem = crossing_problem(Crossing("translations/en/blog/x.po", "0123456789abcdef", (None, now), was, "We ate herring.", line=12))
    assert "when its Dutch changed ('koffie' → 'jenever'; a clone without `invoke setup`)" in problem.message, problem.message


@pytest.mark.parametrize("set_up", [False, True], ids=["no setup", "setup"])
def test_a_pull_with_rebase_is_merged_by_the_driver_where_setup_ran_and_warned_of_where_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, set_up: bool,
) -> None:
    """``git pull --rebase`` replays her commit on the author's: git's line merge then crosses her English onto the
    reworded Dutch with no merge commit, which the detector never sees, and a fresh clone publishes it. Git runs the
    merge driver for a rebase's merges too: where setup ran, her English waits for review on the new wording and CI
    publishes none of it. Where it did not, status and check say a rebase is not guarded (after it, from the reflog;
    before it, from a config that pulls so), and say to run setup."""
    from test_po_merge import entries

    monkeypatch.setenv("CI", "true")
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    if set_up:
        assert run_task(tasks.setup, team.author)[0] == 0
        team.commit(team.author, "Merge PO files entry by entry")
        assert team.pull(team.translator)
        assert run_task(tasks.setup, team.translator)[0] == 0
    reworded_and_translated(team)

    git(team.translator, "pull", "-q", "--rebase", "origin", "main")

    assert git(team.translator, "rev-list", "--merges", "HEAD").stdout == ""  # a line of single commits: nothing to find
    entry = entries(team.translator)[REWORDED]
    assert entry.msgstr == PARAGRAPH_ENGLISH and entry.fuzzy == set_up, entry
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()
    assert code == 0 and ("Sometimes that works." in (page(clone, ENGLISH_PAGE) or "")) != set_up, output
    outside_ci(monkeypatch)
    warning = ("a `git pull --rebase` does so leaving no merge commit, which check never finds, and so do a stash pop, a cherry-pick and "
               "a revert (setup's merge driver serves each of them too)")
    for command, clone in ((tasks.status, team.translator), (tasks.check, team.translator), (tasks.status, team.author)):
        if clone == team.author:
            git(clone, "config", "pull.rebase", "true")
        output = " ".join(run_task(command, clone)[1].split())
        assert (warning in output and "run `invoke setup` once in this clone" in output) != set_up, output
        assert set_up or ("this clone rebased (its reflog keeps a rebase)" if clone == team.translator else "this clone pulls with --rebase (pull.rebase)") in output


def test_a_clone_that_pulls_from_a_remote_is_told_to_run_setup_before_its_first_merge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A trial: an author who adopted the tool from README's Hugo section never ran setup; a pull conflicted on a PO
    file, she kept her own file (as git lets her), and the translator's four approvals were gone with nothing said:
    the warning came only once git's history held a merge that mixed both sides' PO files, and a merge that took one
    side whole is none. A clone with a remote is told before its first merge; a clone of its own is not."""
    team = approved_but(tmp_path, monkeypatch)
    monkeypatch.delenv("CI", raising=False)
    assert git(team.author, "rev-list", "--merges", "HEAD").stdout == ""
    told = "run `invoke setup` once in this clone, and commit the .gitattributes it writes"
    code, output = run_task(tasks.status, team.author)[:2]
    flat = " ".join(output.split())
    assert "this clone pulls from a remote (origin)" in flat and told in flat, output
    assert "next: invoke setup" in flat, output
    git(team.author, "remote", "remove", "origin")
    assert told not in " ".join(run_task(tasks.status, team.author)[1].split())  # a clone of its own merges nothing
    assert run_task(tasks.setup, team.translator)[0] == 0
    assert "invoke setup` once" not in " ".join(run_task(tasks.status, team.translator)[1].split())


def test_a_crossing_on_a_side_whose_files_the_next_merge_dropped_is_found_and_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Her pull crossed (git's line merge), and she improved the heading after it; before she pushed, the author
    reworded the heading and extracted, and her second pull stopped at it: she kept the remote's PO file
    (``git checkout --theirs``). That merge's files are all as the author's side has them, so ``git log -- <PO
    files>`` follows that side alone and left out her side, the crossing merge with it (history simplification),
    while the live walk reads every side: the version after the crossing, never reviewed, went live. Every side is
    read for merges too (``--full-history``): the crossing's versions are passed over, and the version she approved
    on the Dutch she translated stays live."""
    monkeypatch.setenv("CI", "true")
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    reworded_and_translated(team)
    assert team.pull(team.translator)  # the crossing: her English of the old wording, approved on the new
    crossing, translated = head(team.translator), head(team.translator, "HEAD^1")
    review(team.translator, {"Waarom schrijf ik?": "Why do I write at all?"})
    team.commit(team.translator, "A better heading", push=False)
    assert team.pull(team.author)
    path = team.author / "source_nl/blog/eerste.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Waarom schrijf ik?", "Waarom schrijf ik eigenlijk?"), encoding="utf-8")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "A sharper heading")
    assert not team.pull(team.translator)
    git(team.translator, "checkout", "--theirs", "translations")
    assert run_task(tasks.extract, team.translator)[0] == 0
    git(team.translator, "commit", "-qam", "Merge, keeping the author's PO file")
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    assert crossing not in git(team.translator, "log", "--merges", "--format=%H", "--", "translations").stdout  # simplified away

    code, output, clone = team.ci()

    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and "Why do I write?" in english and "at all" not in english, output
    assert crossing in {found.merge for found in merges_of(clone, "translations").crossings}
    live = live_of(clone)
    assert live["state"] == "older" and live["commit"] == translated, live


def github_checks_the_pull_request(team: Team, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """GitHub's check of her pull request: the merge GitHub makes of her branch into main (line by line: its servers
    have no clone's driver), checked out in a fresh clone as actions/checkout checks out ``refs/pull/1/merge``, with
    the variables GitHub sets; check's exit code and output."""
    github = team.tmp_path / "github"
    if not github.exists():
        github = team.clone("github")
    git(github, "fetch", "-q", "origin")
    git(github, "checkout", "-q", "--detach", "origin/main")
    git(github, "merge", "-q", "--no-ff", "-m", "Merge her-branch into main", "origin/her-branch")
    git(github, "push", "-q", "-f", "origin", "HEAD:refs/pull/1/merge")
    checkout = team.tmp_path / f"pr-check-{head(github)[:7]}"
    git(team.tmp_path, "clone", "-q", str(team.remote), checkout.name)
    git(checkout, "fetch", "-q", "origin", "refs/pull/1/merge")
    git(checkout, "checkout", "-q", "--detach", "FETCH_HEAD")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_REF", "refs/pull/1/merge")
    return run_task(tasks.check, checkout)


def test_a_pull_requests_check_fails_where_githubs_merge_of_it_would_cross_and_says_to_merge_main_in_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """She opened a pull request of her English of the paragraph's old wording, which the author reworded on main
    meanwhile. GitHub merges a pull request line by line, without the driver: its squash or rebase merge (the web
    buttons) put her English on the new wording approved, and left no merge commit, so CI on main served it and no
    check could tell. The pull request's check runs on GitHub's merge of it (a merge commit) and fails, saying that
    this is the pull request's merge and what to do on her branch; done (main merged in through the driver, the
    entry reviewed), it passes, and a squash merge serves only the English she reviewed on the new Dutch."""
    monkeypatch.setenv("CI", "true")
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    reworded_and_translated(team)
    git(team.translator, "push", "-q", "origin", "HEAD:refs/heads/her-branch")

    code, output = github_checks_the_pull_request(team, monkeypatch)

    said = " ".join(output.split())
    assert code == 1 and f"{PO_FILE}:" in said and "error: line-merge: approved English of other Dutch: GitHub's merge of this pull request" in said, said
    assert "a squash or rebase merge leaves no merge commit" in said and "merge the base branch into the pull request's branch" in said
    assert "give it the comment" not in said  # a mark naming GitHub's merge, which is made anew on each push, would clear nothing

    assert run_task(tasks.setup, team.translator)[0] == 0
    assert team.pull(team.translator)  # the driver: her English waits for review on the new wording
    assert entries(team.translator)[REWORDED].fuzzy
    review(team.translator, {REWORDED: "I write to find out what I think.\nSometimes that fails."})
    team.commit(team.translator, "Review the reworded paragraph", push=False)
    git(team.translator, "push", "-q", "origin", "HEAD:refs/heads/her-branch")
    code, output = github_checks_the_pull_request(team, monkeypatch)
    assert code == 0, output

    github = tmp_path / "github"  # the squash merge of the web button: one commit on main, no merge
    git(github, "checkout", "-q", "--detach", "origin/main")
    git(github, "merge", "-q", "--squash", "origin/her-branch")
    git(github, "commit", "-qm", "Her English of blog/eerste (#1)")
    git(github, "push", "-q", "origin", "HEAD:main")
    monkeypatch.delenv("GITHUB_REF")
    code, output, clone = team.ci()
    assert code == 0 and "Sometimes that fails." in (page(clone, ENGLISH_PAGE) or ""), output
