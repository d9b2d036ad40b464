"""What of a document's English stays live (``quality.live``) over git's history, with real git: a bare remote, the
author's and the translator's clones, and a fresh clone as CI's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from publish_pipeline import tasks
from test_workflow import APPROVED, ENGLISH_PAGE, Team, edit, git, page, review, run_task, said


def test_a_version_whose_pipeline_yaml_today_refuses_is_judged_with_todays_settings(tmp_path: Path) -> None:
    """The English was approved under a pipeline.yaml with a setting today's loader no longer knows (it refuses
    the file); the setting is gone now, and the author's edit waits for review. That version never passed again:
    the English went off the site. It is judged with today's settings, and status says so."""
    team = Team(tmp_path)
    review(team.translator)  # in her editor, before the pull
    config = team.author / "pipeline.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "theme: dark\n", encoding="utf-8")  # read by a pipeline of then
    team.commit(team.author, "A dark theme")
    assert team.pull(team.translator)
    team.commit(team.translator, "Approve blog/eerste")
    approved = git(team.translator, "rev-parse", "HEAD").stdout.strip()
    assert team.pull(team.author)
    config.write_text(config.read_text(encoding="utf-8").replace("theme: dark\n", ""), encoding="utf-8")
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "No theme; a more honest paragraph")

    code, output, clone = team.ci()

    assert code == 0 and APPROVED in (page(clone, ENGLISH_PAGE) or ""), output
    _, json_output = run_task(tasks.status, clone, json=True)
    live = next(document["live"] for document in json.loads(json_output)["documents"] if document["id"] == "blog/eerste")
    assert live["state"] == "older" and live["commit"] == approved, live
    word, why = said(clone, "blog/eerste")
    assert word == "update waits" and f"(commit {approved[:10]}) stays live (its pipeline.yaml cannot be read today (" in why, why
    assert "unknown setting 'theme'): judged with today's settings)" in why, why
    assert said(clone, "blog/eerste") == (word, why)  # the verdict and its note from the cache


@pytest.mark.parametrize("fields", ["[title]", "[title, summary]"])
def test_a_readable_pipeline_yaml_of_a_version_still_names_its_fields(tmp_path: Path, fields: str) -> None:
    """Where the version's own pipeline.yaml can be read, its fields count, as before, and nothing is noted."""
    team = Team(tmp_path)
    review(team.translator)
    team.commit(team.translator, "Approve blog/eerste")
    assert team.pull(team.author)
    config = team.author / "pipeline.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"translate_fields: {fields}\n", encoding="utf-8")
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "A more honest paragraph")

    code, output, clone = team.ci()

    word, why = said(clone, "blog/eerste")
    assert code == 0 and APPROVED in (page(clone, ENGLISH_PAGE) or ""), output
    assert "stays live" in why and "cannot be read today" not in why, why



def test_a_hugo_post_renamed_without_extract_keeps_its_english_at_its_english_address(tmp_path: Path) -> None:
    """A Hugo post's slug entry is made from its file name. Renamed (git mv) and committed without extract, every
    earlier version was judged under the new name, whose slug none of them had: all 'behind', the English off the
    site. Each is judged under the name it had: its English stays live, at the address it had."""
    from test_layouts import approve, make_site

    site = make_site(tmp_path / "site", "hugo-by-filename", {"blog/de-moestuin.md": "---\ntitle: Mijn moestuin\n---\nDit jaar had ik een moestuin.\n"},
                     folder="content")
    english = {"de-moestuin": "the-vegetable-garden", "Mijn moestuin": "My vegetable garden", "Dit jaar had ik een moestuin.": "This year I had a vegetable garden."}
    approve(site, lambda entry: english[entry.msgid])
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    git(site.root, "mv", "content/blog/de-moestuin.md", "content/blog/moestuin.md")
    git(site.root, "commit", "-qm", "a shorter name")

    _, output = run_task(tasks.status, site.root, json=True)
    [row] = json.loads(output)["documents"]
    assert row["id"] == "blog/moestuin" and row["live"]["state"] == "older", row
    code, output = run_task(tasks.export, site.root)  # its English where Hugo reads it, with the English slug it had
    assert code == 0 and "slug: the-vegetable-garden" in (page(site.root, "content/blog/moestuin.en.md") or ""), output
    assert (site.root / "translations/en/blog/de-moestuin.po").is_file()  # nobody ran extract: its PO file has the old name


def test_english_a_merge_dropped_by_keeping_one_sides_po_file_stays_live_from_its_version(tmp_path: Path) -> None:
    """The author reworded the heading and extracted; meanwhile the translator's better heading went live. Her pull
    stops at the PO file; she keeps her own (``git checkout --ours``) and pushes: the merge's files are all as her
    commit has them, so ``git log -- <paths>`` follows her side alone (history simplification) and the version that
    was live was in no walk: the page went back to the English of before. The walk reads every side
    (``--full-history``): the translator's version stays live while the new heading waits."""
    team = Team(tmp_path)
    review(team.translator)
    team.commit(team.translator, "Approve blog/eerste")
    assert team.pull(team.author)
    edit(team.author, "Waarom schrijf ik?", "Waarom schrijf ik eigenlijk?")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "Sharper heading", push=False)
    review(team.translator, {"Waarom schrijf ik?": "Why do I write at all?"})
    team.commit(team.translator, "Better heading")
    better = git(team.translator, "rev-parse", "HEAD").stdout.strip()
    code, output, clone = team.ci()
    assert "Why do I write at all?" in (page(clone, ENGLISH_PAGE) or ""), output
    assert not team.pull(team.author)  # the heading's msgid lines beside its msgstr line: a conflict
    git(team.author, "checkout", "--ours", "translations")
    git(team.author, "commit", "-qam", "Merge, keeping my PO file")
    git(team.author, "push", "-q", "origin", "HEAD:main")
    assert git(team.author, "log", "--format=%H", "--", "source_nl", "translations").stdout.split().count(better) == 0  # simplified away

    code, output, clone = team.ci()

    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and "Why do I write at all?" in english, output
    word, why = said(clone, "blog/eerste")
    assert word == "update waits" and f"(commit {better[:10]}) stays live" in why, why
