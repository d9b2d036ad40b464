"""The git commands besides pull and rebase that merge a PO file: each runs setup's driver, with real git across clones.

The author rewords a heading and extracts (its entry: the new Dutch, fuzzy, the English of before), and pushes; the
translator meanwhile gives that heading new English in Poedit, and brings the two together by a stash (``git stash``,
``git pull``, ``git stash pop``: a pull refuses to run over her unsaved file), a cherry-pick of her commit from a
branch of her own, or a switch of branch carrying her unsaved file along (``git checkout --merge``); or the author
reverts her rewording after the translator approved English of it (``git revert``). Git runs the driver in each (a
three-way merge of the file's versions), so her English is kept and waits for review on the Dutch it was not written
for; nothing of hers is lost and CI serves the English last approved.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check
from publish_pipeline import tasks
from test_po_merge import HER_ENGLISH, NEW_DUTCH, OLD_DUTCH, PO_FILE, approved_but, entries, poedit_save
from test_status import ENGLISH
from test_workflow import ENGLISH_PAGE, Team, edit, git, page, review, run_task, said


def set_up(team: Team) -> None:
    """Setup run in both clones, its ``.gitattributes`` committed by the author and pulled by the translator."""
    assert run_task(tasks.setup, team.author)[0] == 0
    team.commit(team.author, "Merge PO files entry by entry")
    assert team.pull(team.translator)
    assert run_task(tasks.setup, team.translator)[0] == 0


def reworded(team: Team) -> None:
    """The author's sharper heading, extracted and pushed."""
    edit(team.author, OLD_DUTCH, NEW_DUTCH)
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "Sharper heading")


def stash_pop(team: Team) -> None:
    poedit_save(team.translator, {OLD_DUTCH: HER_ENGLISH})  # not committed yet
    git(team.translator, "stash")  # a pull would refuse to overwrite her file
    assert team.pull(team.translator)
    git(team.translator, "stash", "pop")


def cherry_pick(team: Team) -> None:
    git(team.translator, "checkout", "-q", "-b", "review")
    poedit_save(team.translator, {OLD_DUTCH: HER_ENGLISH})
    team.commit(team.translator, "Her heading", push=False)
    git(team.translator, "checkout", "-q", "main")
    assert team.pull(team.translator)
    git(team.translator, "cherry-pick", "review")


def checkout_merge(team: Team) -> None:
    poedit_save(team.translator, {OLD_DUTCH: HER_ENGLISH})  # not committed yet
    git(team.translator, "fetch", "-q", "origin")
    git(team.translator, "checkout", "-q", "--merge", "-b", "update", "origin/main")


@pytest.mark.parametrize("bring_together", [stash_pop, cherry_pick, checkout_merge], ids=["stash pop", "cherry-pick", "checkout --merge"])
def test_her_english_brought_onto_the_reworded_heading_waits_for_review_and_ci_serves_the_english_approved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bring_together: Callable[[Team], None]
) -> None:
    team = approved_but(tmp_path, monkeypatch)
    set_up(team)
    reworded(team)

    bring_together(team)

    path = team.translator / PO_FILE
    assert "<<<<<<<" not in path.read_text(encoding="utf-8")
    msgfmt_check(path)
    found = entries(team.translator)
    heading = found[NEW_DUTCH]
    assert (heading.msgstr, heading.fuzzy, heading.previous_msgid) == (HER_ENGLISH, True, OLD_DUTCH)  # git's line merge: a conflict
    assert OLD_DUTCH not in found
    word, why = said(team.translator, "blog/eerste")
    assert word == "update waits" and why.startswith("1 entry needs review (fuzzy in the PO file; the Dutch changed)"), why
    if git(team.translator, "status", "--porcelain").stdout.strip():  # a cherry-pick committed it
        git(team.translator, "add", "-A")
        git(team.translator, "commit", "-qm", "Her heading, on the new Dutch")
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and ENGLISH[OLD_DUTCH] in english and HER_ENGLISH not in english, output


def test_the_authors_revert_of_a_rewording_the_translator_approved_restores_the_english_approved_for_the_dutch_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The translator approved English of the reworded heading; the author takes the rewording back (``git revert``).
    The driver runs: the heading's Dutch is the old one again, with the English approved for that very Dutch before
    (the revert undoes the rewording, and her approval of it was of other Dutch); her English of the rewording stays
    beside it as an entry of Dutch the document no longer has, which holds nothing back, until extract keeps it
    obsolete. Nothing of hers is lost, and CI serves only English approved for the Dutch it stands on."""
    team = approved_but(tmp_path, monkeypatch)
    set_up(team)
    reworded(team)
    assert team.pull(team.translator)
    review(team.translator, {NEW_DUTCH: HER_ENGLISH})
    team.commit(team.translator, "Her heading, approved")
    assert team.pull(team.author)
    rewording = git(team.author, "log", "-1", "--format=%H", "--grep=Sharper heading").stdout.strip()

    git(team.author, "revert", "--no-edit", rewording)

    path = team.author / PO_FILE
    msgfmt_check(path)
    found = entries(team.author)
    assert (found[OLD_DUTCH].msgstr, found[OLD_DUTCH].fuzzy) == (ENGLISH[OLD_DUTCH], False)
    assert found[NEW_DUTCH].msgstr == HER_ENGLISH  # hers, on Dutch the document no longer has
    assert said(team.author, "blog/eerste") == ("live", "")
    git(team.author, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and ENGLISH[OLD_DUTCH] in english and HER_ENGLISH not in english, output
    assert run_task(tasks.extract, team.author)[0] == 0
    kept = {entry.msgid: entry for entry in polib.pofile(str(path))}
    assert kept[NEW_DUTCH].obsolete and kept[NEW_DUTCH].msgstr == HER_ENGLISH


PARAGRAPH, PARAGRAPH_ENGLISH = "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat.", "I write to discover what I think.\nSometimes that works."


def rebase_stopped(team: Team) -> tuple[Path, str]:
    """The week up to the translator's ``git pull`` (``pull.rebase`` and ``rebase.autoStash``, settings many people
    have) stopping at the entry both gave English; the PO file, and what the pull said."""
    set_up(team)
    for name, value in (("pull.rebase", "true"), ("rebase.autoStash", "true")):
        git(team.translator, "config", name, value)
    edit(team.author, OLD_DUTCH, NEW_DUTCH)
    edit(team.author, "- Boeken bestellen", "Een nieuwe alinea over boeken.\n\n- Boeken bestellen")
    assert run_task(tasks.extract, team.author)[0] == 0
    poedit_save(team.author, {"Boeken bestellen": "Ordering books"})
    team.commit(team.author, "Sharper heading, a paragraph on books, an English fix")
    poedit_save(team.translator, {OLD_DUTCH: HER_ENGLISH, "Boeken bestellen": "Buy books"})
    team.commit(team.translator, "Her heading, her list item", push=False)
    poedit_save(team.translator, {PARAGRAPH: PARAGRAPH_ENGLISH})  # saved in Poedit, not committed

    stopped = person_git(team.translator, "pull", "-q", "origin", "main", check=False)

    assert stopped.returncode != 0 and "CONFLICT" in stopped.stdout + stopped.stderr, stopped
    return team.translator / PO_FILE, " ".join((stopped.stdout + stopped.stderr).split())


def person_git(clone: Path, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Git with the clone's own pull settings (``git`` pulls with ``pull.rebase=false``)."""
    command = ["git", "-c", "user.name=Tess", "-c", "user.email=tess@example.org", "-c", "core.editor=true", *arguments]
    return subprocess.run(command, cwd=clone, capture_output=True, text=True, timeout=60, check=check)


def test_a_week_of_pull_rebase_with_autostash_and_a_conflicting_poedit_save_loses_nothing_and_serves_only_what_she_approved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The author rewords the heading, adds a paragraph (extracted) and fixes the English of a list item in Poedit,
    and pushes; the translator meanwhile committed her English of the heading and of that list item, and has a
    Poedit save of the paragraph not committed. Her pull replays her commit on the author's through the driver (the
    heading waits for review on the new Dutch) and stops at the list item both gave English: the file is whole but
    for that entry's msgstr, which check names; she keeps hers, continues, and the stash comes back through the
    driver. CI serves what she approved, never English on Dutch it was not approved for."""
    team = approved_but(tmp_path, monkeypatch)
    path, pulled = rebase_stopped(team)
    text = path.read_text(encoding="utf-8")
    assert text.count("<<<<<<<") == 1 and 'msgstr "Buy books"' in text and 'msgstr "Ordering books"' in text, text
    # in a rebase git's "ours" is the author's English, "theirs" hers: the markers and the driver's line say so
    # (git 2.44 and later name her commit too: "theirs (yours: 1a2b3c4 (Her heading, her list item), the commit …)")
    assert re.search(r'<<<<<<< ours \(upstream: the commit your rebase replays onto\)\nmsgstr "Ordering books"\n=======\n'
                     r'msgstr "Buy books"\n>>>>>>> theirs \(yours: ([0-9a-f]{7,} \(Her heading, her list item\), )?the commit your '
                     r'rebase replays\)\n', text), text
    assert "in a rebase, ours is upstream's English and theirs your commit's" in pulled, pulled
    line = text[: text.index("<<<<<<<")].count("\n") + 1
    code, output = run_task(tasks.check, team.translator)
    assert code == 1 and f"{PO_FILE}:{line}: git merge conflict marker" in output, output

    path.write_text(text[: text.index("<<<<<<<")] + 'msgstr "Buy books"\n' + text[text.index(">>>>>>>"):].split("\n", 1)[1], encoding="utf-8")
    git(team.translator, "add", PO_FILE)
    person_git(team.translator, "rebase", "--continue")

    msgfmt_check(path)
    found = entries(team.translator)
    assert (found[NEW_DUTCH].msgstr, found[NEW_DUTCH].fuzzy, found[NEW_DUTCH].previous_msgid) == (HER_ENGLISH, True, OLD_DUTCH)
    assert found["Boeken bestellen"].msgstr == "Buy books" and not found["Boeken bestellen"].fuzzy
    assert found[PARAGRAPH].msgstr == PARAGRAPH_ENGLISH and git(team.translator, "stash", "list").stdout == ""  # the autostash, back
    word, why = said(team.translator, "blog/eerste")
    assert word == "update waits" and "1 entry needs review" in why and "1 entry untranslated" in why, why
    team.commit(team.translator, "Her paragraph")
    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and ENGLISH[OLD_DUTCH] in english and HER_ENGLISH not in english and "Buy books" not in english, output
    review(team.translator, {NEW_DUTCH: HER_ENGLISH, "Een nieuwe alinea over boeken.": "A new paragraph on books."})
    team.commit(team.translator, "Review the heading, translate the paragraph")
    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and HER_ENGLISH in english and "Buy books" in english and "discover" in english, output


def test_a_rebase_conflict_resolved_by_taking_her_commits_whole_file_holds_the_english_back_until_extract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The way out many take (in a rebase ``--theirs`` is the commit being replayed: hers): her commit's whole file,
    without the author's extract. The file is behind the Dutch: status holds the English back and says to run
    extract, CI serves the English approved before; extract offers her English of the heading to the new Dutch for
    review and adds the paragraph: nothing of hers is lost."""
    team = approved_but(tmp_path, monkeypatch)
    path, _ = rebase_stopped(team)
    git(team.translator, "checkout", "--theirs", PO_FILE)
    git(team.translator, "add", PO_FILE)
    person_git(team.translator, "rebase", "--continue")

    msgfmt_check(path)
    word, why = said(team.translator, "blog/eerste")
    assert word == "update waits" and "the PO file is behind the document" in why and "run extract" in why, why
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and ENGLISH[OLD_DUTCH] in english and HER_ENGLISH not in english, output
    assert run_task(tasks.extract, team.translator)[0] == 0
    found = entries(team.translator)
    assert (found[NEW_DUTCH].msgstr, found[NEW_DUTCH].fuzzy) == (HER_ENGLISH, True) and found[PARAGRAPH].msgstr == PARAGRAPH_ENGLISH
    assert found["Boeken bestellen"].msgstr == "Buy books"


def test_a_poedit_save_of_the_file_as_it_was_before_her_pull_holds_the_english_back_until_extract_and_loses_none_of_hers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Poedit keeps the file it opened: she pulls (``--rebase``) while it is open, then saves, writing the file as it
    was before the pull with her English over the merged one. No driver sees that save: the file lacks the author's
    extract (behind the document), so status holds the English back and says to run extract, CI serves the English
    approved before, and extract gives her English of the heading to the new Dutch, to review."""
    team = approved_but(tmp_path, monkeypatch)
    set_up(team)
    git(team.translator, "config", "pull.rebase", "true")
    edit(team.author, OLD_DUTCH, NEW_DUTCH)
    edit(team.author, "- Boeken bestellen", "Een nieuwe alinea over boeken.\n\n- Boeken bestellen")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "Sharper heading, a paragraph on books")
    path = team.translator / PO_FILE
    opened = path.read_text(encoding="utf-8")  # what Poedit holds

    person_git(team.translator, "pull", "-q", "origin", "main")
    path.write_text(opened, encoding="utf-8")
    poedit_save(team.translator, {OLD_DUTCH: HER_ENGLISH, PARAGRAPH: PARAGRAPH_ENGLISH})
    team.commit(team.translator, "Her heading and paragraph")

    msgfmt_check(path)
    word, why = said(team.translator, "blog/eerste")
    assert word == "update waits" and "the PO file is behind the document" in why and "run extract" in why, why
    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and ENGLISH[OLD_DUTCH] in english and HER_ENGLISH not in english, output
    assert run_task(tasks.extract, team.translator)[0] == 0
    found = entries(team.translator)
    assert (found[NEW_DUTCH].msgstr, found[NEW_DUTCH].fuzzy, found[NEW_DUTCH].previous_msgid) == (HER_ENGLISH, True, OLD_DUTCH)
    assert found[PARAGRAPH].msgstr == PARAGRAPH_ENGLISH and "Een nieuwe alinea over boeken." in found
