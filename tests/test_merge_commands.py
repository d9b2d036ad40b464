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
