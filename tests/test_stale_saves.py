"""A PO file saved by an editor that read it before a pull (``catalogs.stale_saves``): Poedit left open across her
``git pull``, then saved. Real git: a bare remote, the author's and the translator's clones, a fresh clone as CI's."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish_pipeline import tasks
from publish_pipeline.catalogs.catalog import read_catalog
from test_po_merge import NEW_DUTCH, NEW_PARAGRAPH, OLD_DUTCH, PARAGRAPH, PARAGRAPH_ENGLISH, PO_FILE, approved_but, entries, poedit_save
from test_workflow import edit, git, run_task

ERROR = "error: put-back: English put back as it was before your pull"


def saved_over_the_pull(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The author rewords the heading, adds a paragraph (extracted) and fixes the English of a list item, and pushes;
    the translator, with the PO file open in Poedit, pulls, then translates the paragraph and saves: the file Poedit
    read before the pull goes over the pulled one."""
    monkeypatch.setenv("CI", "true")
    team = approved_but(tmp_path, monkeypatch, PARAGRAPH)
    in_poedit = (team.translator / PO_FILE).read_text(encoding="utf-8")
    edit(team.author, OLD_DUTCH, NEW_DUTCH)
    edit(team.author, "- Boeken bestellen", f"{NEW_PARAGRAPH}\n\n- Boeken bestellen")
    assert run_task(tasks.extract, team.author)[0] == 0
    poedit_save(team.author, {"Boeken bestellen": "Ordering books"})
    team.commit(team.author, "Sharper heading, a paragraph on books, an English fix")
    assert team.pull(team.translator)
    (team.translator / PO_FILE).write_text(in_poedit, encoding="utf-8")
    poedit_save(team.translator, {PARAGRAPH: PARAGRAPH_ENGLISH})
    return team


def test_a_save_of_the_file_read_before_a_pull_is_named_on_the_entries_whose_pulled_english_it_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The team's trial: status said only that the file was behind its document, extract brought the Dutch back,
    and the author's fix of the list item's English was gone without a word (the entry approved, its Dutch the
    document's). Check names that entry, with both English and the commits, and stops her commit (the check hook);
    her own English of the save is hers, no error; putting the pulled English back clears it, and CI serves it."""
    team = saved_over_the_pull(tmp_path, monkeypatch)

    code, output = run_task(tasks.check, team.translator)

    said = " ".join(output.split())
    line = next(t.line for t in read_catalog(team.translator / PO_FILE, PO_FILE).translations if t.source == "Boeken bestellen")
    assert code == 1 and f"{PO_FILE}:{line}: {ERROR}: this file was saved with 'Order books' for this entry" in said, said
    assert "over 'Ordering books', which the pull brought" in said and said.count(ERROR) == 1, said  # her paragraph is hers
    assert "Poedit keeps the file it opened: reopen it after a pull" in said and "git show HEAD:" in said
    status = " ".join(run_task(tasks.status, team.translator)[1].split())
    assert "a save put back the English of before your pull in 1 entry" in status, status
    git(team.translator, "add", "-A")
    with monkeypatch.context() as hook:  # check as the pre-commit hook runs it on her commit: it stops it
        hook.setenv("PRE_COMMIT", "1")
        code, output = run_task(tasks.check, team.translator)
    assert code == 1 and ERROR in output and "SKIP=publish-pipeline-check git commit" in " ".join(output.split()), output

    poedit_save(team.translator, {"Boeken bestellen": "Ordering books"})  # as `git show HEAD:…` has it
    assert run_task(tasks.extract, team.translator)[0] == 0
    code, output = run_task(tasks.check, team.translator)
    assert code == 0 and ERROR not in output, output
    found = entries(team.translator)
    assert found["Boeken bestellen"].msgstr == "Ordering books" and found[PARAGRAPH].msgstr == PARAGRAPH_ENGLISH
    assert found[NEW_DUTCH].fuzzy and NEW_PARAGRAPH in found
    team.commit(team.translator, "Her paragraph")
    code, output, clone = team.ci()
    assert code == 0 and run_task(tasks.check, clone)[0] == 0


def test_english_a_reset_brings_back_is_no_save_over_a_pull(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``git reset`` sets ORIG_HEAD too: the commit she undid (its English on her disk, HEAD's before it) is no
    save of before a pull."""
    team = saved_over_the_pull(tmp_path, monkeypatch)
    poedit_save(team.translator, {"Boeken bestellen": "Ordering books"})
    team.commit(team.translator, "Her paragraph", push=False)
    poedit_save(team.translator, {"Boeken bestellen": "Books to order"})
    team.commit(team.translator, "Another word for it", push=False)
    git(team.translator, "reset", "-q", "HEAD~1")  # her last commit undone, its file left on her disk

    code, output = run_task(tasks.check, team.translator)

    assert ERROR not in output, output


def test_english_she_changed_back_after_committing_since_the_pull_is_hers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After an honest pull she commits a new English of an entry the pull did not touch, then changes her mind and
    writes back its English of before the pull: ORIG_HEAD still names the commit before the pull, but HEAD is her
    commit, so what ORIG_HEAD..HEAD changed is hers, and her undo is no save over the pull."""
    team = saved_over_the_pull(tmp_path, monkeypatch)
    poedit_save(team.translator, {"Boeken bestellen": "Ordering books"})  # the pulled English kept: an honest save
    assert run_task(tasks.extract, team.translator)[0] == 0
    team.commit(team.translator, "Her paragraph", push=False)
    untouched = next(e for e in entries(team.translator).values() if e.msgstr and e.msgid not in (NEW_DUTCH, "Boeken bestellen", PARAGRAPH))
    poedit_save(team.translator, {untouched.msgid: "Another English for it"})
    team.commit(team.translator, "A better English", push=False)
    poedit_save(team.translator, {untouched.msgid: untouched.msgstr})  # she changes her mind: the English of before the pull

    code, output = run_task(tasks.check, team.translator)

    assert ERROR not in output, output
