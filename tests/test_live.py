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


COMPOST = {
    "blog/zaden-bewaren/compost.md": "---\ntitle: Compost\n---\nCompost maak je zelf.\n",
    "blog/moestuin.md": "---\ntitle: Moestuin\n---\nLees [over compost](zaden-bewaren/compost.md) en [nog eens](/blog/zaden-bewaren/compost/).\n",
}
COMPOST_ENGLISH = {
    "compost": "compost", "moestuin": "vegetable-garden", "Compost": "Compost", "Moestuin": "Vegetable garden",
    "Compost maak je zelf.": "You make compost yourself.",
    "Lees [over compost](zaden-bewaren/compost.md) en [nog eens](/blog/zaden-bewaren/compost/).":
        "Read [about compost](zaden-bewaren/compost.md) and [again](/blog/zaden-bewaren/compost/).",
}


@pytest.mark.parametrize("new", ["source_nl/blog/zaden-bewaren/compost-maken.md", "source_nl/blog/tuin/compost.md"])
def test_an_earlier_english_s_links_to_a_post_renamed_since_lead_to_its_page(tmp_path: Path, new: str) -> None:
    """The cross-clone trial: a post is renamed (git mv, extract) and the author mends the links to it in another post,
    whose update then waits for review. The English CI serves meanwhile, approved before the rename, linked the old
    file and the old address: dead links on the English site, and publish told her to 'correct the file name' in a
    version nobody can edit. Served, that English's links lead to the renamed post's English page, in its folder or
    moved to another."""
    from test_layouts import approve, make_site

    site = make_site(tmp_path / "site", "default", COMPOST, folder="source_nl")
    approve(site, lambda entry: COMPOST_ENGLISH[entry.msgid])
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    (site.root / new).parent.mkdir(exist_ok=True)
    git(site.root, "mv", "source_nl/blog/zaden-bewaren/compost.md", new)
    post = site.root / "source_nl/blog/moestuin.md"
    address = "/" + new.removeprefix("source_nl/").removesuffix(".md") + "/"
    file = new.removeprefix("source_nl/blog/")
    post.write_text(post.read_text(encoding="utf-8").replace("zaden-bewaren/compost.md", file).replace("/blog/zaden-bewaren/compost/", address), encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "a better name for compost")
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "-q", str(site.root), str(clone))

    code, output = run_task(tasks.publish, clone)

    assert code == 0, output
    english = page(clone, "public/en/blog/vegetable-garden/index.html") or ""
    target = "/en" + address.rsplit("/", 2)[0] + "/compost/"  # its English slug, in its folder now
    assert f'href="{target}">about compost</a>' in english and f'href="{target}">again</a>' in english, english
    assert "leads to no page" not in output and "correct the file name" not in output, output


@pytest.mark.parametrize("reference", [False, True])
def test_an_earlier_english_s_links_to_a_deleted_post_are_its_text_on_the_english_page(tmp_path: Path, reference: bool) -> None:
    """The cross-clone trial: the author deletes a post (git rm) and takes the links to it out of another, whose update then
    waits for review. The English CI serves meanwhile, approved before, linked the deleted file and its address (inline,
    or by reference definitions): dead links on the English site, and nobody was told but with a 'correct the file
    name' in a version nobody can edit. CI's fresh clone publishes that English with each such link as its text, and
    says so once, at the PO file, with the commit that deleted the post and what to do."""
    from test_layouts import approve, make_site

    dutch, english = dict(COMPOST), dict(COMPOST_ENGLISH)
    if reference:
        dutch["blog/moestuin.md"] = "---\ntitle: Moestuin\n---\nLees [over compost][c] en [nog eens][a].\n\n[c]: zaden-bewaren/compost.md\n[a]: /blog/zaden-bewaren/compost/\n"
        english["Lees [over compost][c] en [nog eens][a]."] = "Read [about compost][c] and [again][a]."
    site = make_site(tmp_path / "site", "default", dutch, folder="source_nl")
    approve(site, lambda entry: english[entry.msgid])
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    git(site.root, "rm", "-q", "source_nl/blog/zaden-bewaren/compost.md", "translations/en/blog/zaden-bewaren/compost.po")
    (site.root / "source_nl/blog/moestuin.md").write_text("---\ntitle: Moestuin\n---\nLees over compost.\n", encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "no more compost")
    deleted = git(site.root, "log", "-1", "--format=%h of %cs").stdout.strip()
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "-q", str(site.root), str(clone))

    code, output = run_task(tasks.publish, clone)

    english_page = page(clone, "public/en/blog/vegetable-garden/index.html") or ""
    assert code == 0 and "Read about compost and again." in english_page and "compost/" not in english_page.split("<main", 1)[-1], english_page
    assert output.count("translations/en/blog/moestuin.po: note: the English served while its update waits links to a document deleted "
                        "since, so the link text is shown as plain text, not a link (zaden-bewaren/compost.md and /blog/zaden-bewaren/compost/ "
                        f"to source_nl/blog/zaden-bewaren/compost.md, deleted in commit {deleted}) — approve the waiting update (invoke "
                        "workspace): its English links as the Dutch does now") == 1, output
    assert "leads to no page" not in output and "correct the file name" not in output, output


@pytest.mark.parametrize("change", ["renamed", "deleted"])
def test_an_earlier_english_s_full_url_to_a_post_of_the_site_follows_its_rename_or_is_text_after_its_deletion(tmp_path: Path, change: str) -> None:
    """A trial across clones: the earlier English served while an update waits linked a post by its full URL
    (``https://tuin.nl/blog/…/``, base_url https://tuin.nl), which was read as another site's: after the post's rename it
    led to its old address, after its deletion to nothing, and nothing was said. It is the site's own link: it follows
    the rename, still a full URL, and after the deletion is its text, said in the note."""
    from test_layouts import approve, make_site

    full = "https://tuin.nl/blog/zaden-bewaren/compost/"
    dutch = {**COMPOST, "blog/moestuin.md": f"---\ntitle: Moestuin\n---\nLees [over compost]({full}#hoe).\n"}
    english = {**COMPOST_ENGLISH, f"Lees [over compost]({full}#hoe).": f"Read [about compost]({full}#hoe)."}
    site = make_site(tmp_path / "site", "default", dutch, folder="source_nl")
    (site.root / "pipeline.yaml").write_text("base_url: https://tuin.nl/\n", encoding="utf-8")
    approve(site, lambda entry: english[entry.msgid])
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    post = site.root / "source_nl/blog/moestuin.md"
    if change == "renamed":
        git(site.root, "mv", "source_nl/blog/zaden-bewaren/compost.md", "source_nl/blog/zaden-bewaren/compost-maken.md")
        post.write_text("---\ntitle: Moestuin\n---\nLees eerst [over compost](https://tuin.nl/blog/zaden-bewaren/compost-maken/#hoe).\n", encoding="utf-8")
    else:
        git(site.root, "rm", "-q", "source_nl/blog/zaden-bewaren/compost.md", "translations/en/blog/zaden-bewaren/compost.po")
        post.write_text("---\ntitle: Moestuin\n---\nLees over compost.\n", encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", f"compost {change}")
    when = git(site.root, "log", "-1", "--format=%h of %cs").stdout.strip()
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "-q", str(site.root), str(clone))

    code, output = run_task(tasks.publish, clone)

    english_page = (page(clone, "public/en/blog/vegetable-garden/index.html") or "").split("<main", 1)[-1]
    if change == "renamed":
        assert code == 0 and '<p>Read <a href="https://tuin.nl/blog/zaden-bewaren/compost-maken/#hoe">about compost</a>.</p>' in english_page, english_page
    else:
        assert code == 0 and "<p>Read about compost.</p>" in english_page, english_page
        assert output.count(f"translations/en/blog/moestuin.po: note: the English served while its update waits links to a document deleted since, "
                            f"so the link text is shown as plain text, not a link ({full}#hoe to source_nl/blog/zaden-bewaren/compost.md, "
                            f"deleted in commit {when}) — approve the waiting update") == 1, output


def test_a_dead_link_in_an_earlier_english_says_to_approve_the_update_not_to_correct_it(tmp_path: Path) -> None:
    """Where the post an earlier approved English links was never there for git (no deletion it saw), the link stays
    dead while the update waits; publish told her to 'correct the file name' in a version nobody can edit. It says what
    she can do."""
    from test_layouts import approve, make_site

    site = make_site(tmp_path / "site", "default", COMPOST, folder="source_nl")
    approve(site, lambda entry: COMPOST_ENGLISH[entry.msgid])
    (site.root / "source_nl/blog/zaden-bewaren/compost.md").unlink()  # before the first commit: git never saw it
    (site.root / "translations/en/blog/zaden-bewaren/compost.po").unlink()
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    (site.root / "source_nl/blog/moestuin.md").write_text("---\ntitle: Moestuin\n---\nLees over compost.\n", encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "no more compost")

    code, output = run_task(tasks.publish, site.root)

    assert "zaden-bewaren/compost.md on /en/blog/vegetable-garden/ leads to no page: there is no document" in output, output
    assert "correct the file name" not in output and "correct the link" not in output, output
    assert "translations/en/blog/moestuin.po (its live, earlier approved version; the update waits for review): the link" in output, output
    assert output.count("review and approve the update (invoke workspace)") == 2, output  # the file's link and the address's
