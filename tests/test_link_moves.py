"""The author fixes only a link in her Dutch: the English page follows without a review, across clones, with real
git, the shipped pre-commit hooks, setup's merge driver, msgfmt and CI's fresh clone (``catalog.carry``)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

import publish_pipeline
from conftest import msgfmt_check
from publish_pipeline import tasks
from test_commit_hook import hooked, said as hook_said
from test_status import ENGLISH
from test_workflow import ENGLISH_PAGE, Team, edit, git, page, review, run_task, said

PO_FILE = "translations/en/blog/eerste.po"
OLD_LINK, NEW_LINK = "https://tuinen.example/de-moestuin/", "https://tuinen.example/moestuin/"
LINKED = f"Lees ook [de moestuin]({OLD_LINK})."
LINKED_ENGLISH = f"Read about [the vegetable garden]({OLD_LINK}) too."
THEIR_ENGLISH = {**ENGLISH, LINKED: LINKED_ENGLISH}


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    """blog/eerste with a paragraph that links, its English approved by the translator, live; the author pulled."""
    monkeypatch.setenv("PYTHONPATH", str(Path(publish_pipeline.__file__).parents[1]))  # git's merge driver and the hooks
    team = Team(tmp_path)
    linked(team)
    review(team.translator, THEIR_ENGLISH)
    team.commit(team.translator, "Approve blog/eerste")
    assert team.pull(team.author)
    code, output, clone = team.ci()
    assert f'href="{OLD_LINK}"' in (page(clone, ENGLISH_PAGE) or ""), output
    return team


def linked(team: Team) -> None:
    """The author runs setup (its .gitattributes committed) and adds the paragraph that links; the translator pulls
    and runs setup in her clone."""
    assert run_task(tasks.setup, team.author)[0] == 0
    edit(team.author, "- Boeken bestellen", f"{LINKED}\n\n- Boeken bestellen")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "A link to the vegetable garden")
    assert team.pull(team.translator)
    assert run_task(tasks.setup, team.translator)[0] == 0


def english_of(clone: Path) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(clone / PO_FILE), wrapwidth=0) if not entry.obsolete}


def test_the_author_moves_a_link_and_the_english_page_follows_at_once(team: Team) -> None:
    edit(team.author, OLD_LINK, NEW_LINK)
    code, output = run_task(tasks.extract, team.author)
    assert code == 0 and output.strip().splitlines()[-1].endswith("1 PO file written, 1 link updated in approved English"), output
    msgfmt_check(team.author / PO_FILE)
    entry = english_of(team.author)[LINKED.replace(OLD_LINK, NEW_LINK)]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (LINKED_ENGLISH.replace(OLD_LINK, NEW_LINK), False, None)
    team.commit(team.author, "The garden's new address")

    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and f'href="{NEW_LINK}"' in english and OLD_LINK not in english, output
    assert said(clone, "blog/eerste")[0] == "live"  # at its current version: no update waits


def test_a_moved_link_crosses_the_translators_other_edit_and_ci_serves_it(team: Team) -> None:
    """The author fixes the link and commits through the shipped hooks (extract, check); meanwhile the translator
    approves better English for another entry of the same PO file; she pulls (setup's driver merges), pushes, and
    a fresh clone's publish serves both, nothing held back."""
    author_commit = hooked(team, team.author)
    edit(team.author, OLD_LINK, NEW_LINK)
    assert run_task(tasks.extract, team.author)[0] == 0
    git(team.author, "add", "-A")
    done = author_commit("The garden's new address")
    assert done.returncode == 0, hook_said(done)  # the check hook no longer says the link is written as the old one
    git(team.author, "push", "-q", "origin", "HEAD:main")

    review(team.translator, {**THEIR_ENGLISH, "Waarom schrijf ik?": "Why do I write at all?"})
    team.commit(team.translator, "A better heading", push=False)
    assert team.pull(team.translator)
    msgfmt_check(team.translator / PO_FILE)
    git(team.translator, "push", "-q", "origin", "HEAD:main")

    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and f'href="{NEW_LINK}"' in english and "Why do I write at all?" in english, output
    assert said(clone, "blog/eerste") == ("live", ""), output  # at its current version, nothing of it held back or waiting


@pytest.mark.parametrize("hers", ["approved", "changed"])
def test_the_translators_approval_of_the_old_entry_meets_the_moved_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hers: str) -> None:
    """The entry waits for review (a machine-like draft) or is approved; the author moves its link (extract carries it)
    while the translator approves the old entry as it is, or with her own English: the merge driver keeps her
    approval and her English, with the new link, and nothing conflicts."""
    monkeypatch.setenv("PYTHONPATH", str(Path(publish_pipeline.__file__).parents[1]))
    team = Team(tmp_path)
    linked(team)
    review(team.translator)  # every other entry approved; the linking one drafted, to review
    path = team.translator / PO_FILE
    po = polib.pofile(str(path), wrapwidth=0)
    po.find(LINKED).msgstr, po.find(LINKED).flags = LINKED_ENGLISH, ["fuzzy"]
    po.save(str(path))
    team.commit(team.translator, "Draft the link's paragraph")
    assert team.pull(team.author)

    edit(team.author, OLD_LINK, NEW_LINK)
    assert run_task(tasks.extract, team.author)[0] == 0
    carried = english_of(team.author)[LINKED.replace(OLD_LINK, NEW_LINK)]
    assert carried.fuzzy and carried.msgstr == LINKED_ENGLISH.replace(OLD_LINK, NEW_LINK)  # carried, still to review
    team.commit(team.author, "The garden's new address")

    her_english = LINKED_ENGLISH if hers == "approved" else f"Do read about [our vegetable garden]({OLD_LINK})."
    review(team.translator, {**THEIR_ENGLISH, LINKED: her_english})  # the old entry approved, as she sees it
    team.commit(team.translator, "Approve the link's paragraph", push=False)
    assert team.pull(team.translator)
    msgfmt_check(team.translator / PO_FILE)
    text = (team.translator / PO_FILE).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and OLD_LINK not in text.split("#~")[0]
    entry = english_of(team.translator)[LINKED.replace(OLD_LINK, NEW_LINK)]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (her_english.replace(OLD_LINK, NEW_LINK), False, None)
    git(team.translator, "push", "-q", "origin", "HEAD:main")

    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and f'href="{NEW_LINK}"' in english and said(clone, "blog/eerste")[0] == "live", output


HUGO_CONTENT = {
    "blog/zee.md": '---\ntitle: Aan zee\ndate: 2020-02-02\n---\nLees ook [het strand]({{< ref "strand.md" >}}).\n',
    "blog/strand.md": "---\ntitle: Het strand\ndate: 2020-02-03\n---\nZand.\n",
    "blog/duinen.md": "---\ntitle: De duinen\ndate: 2020-02-04\n---\nHelm.\n",
}
HUGO_ENGLISH = {
    "Aan zee": "At the sea", 'Lees ook [het strand]({{< ref "strand.md" >}}).': 'Read about [the beach]({{< ref "strand.md" >}}) too.',
    "Het strand": "The beach", "Zand.": "Sand.", "De duinen": "The dunes", "Helm.": "Marram grass.",
}


def test_a_moved_hugo_ref_is_carried_and_hugo_links_the_english_page_to_the_new_pages_english(tmp_path: Path) -> None:
    from publish_pipeline.output.export import export
    from test_hugo import build, hugo_site_with_layout
    from test_layouts import approve

    site = hugo_site_with_layout(tmp_path / "site", "hugo-by-filename", HUGO_CONTENT)
    approve(site, lambda entry: f"{entry.msgid}-en" if entry.msgctxt == "slug" else HUGO_ENGLISH[entry.msgid])
    edit(site.root, '{{< ref "strand.md" >}}', '{{< ref "duinen.md" >}}', "content/blog/zee.md")
    code, output = run_task(tasks.extract, site.root)
    assert code == 0 and output.strip().splitlines()[-1].endswith("1 link updated in approved English"), output
    msgfmt_check(site.root / "translations/en/blog/zee.po")
    assert not export(site).errors
    page = (build(site.root) / "en/blog/zee-en/index.html").read_text(encoding="utf-8")
    assert 'Read about <a href="https://example.org/en/blog/duinen-en/">the beach</a> too.' in page, page  # ref: the English page


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("theirs_english, expected", [
    (LINKED_ENGLISH, (LINKED_ENGLISH.replace(OLD_LINK, NEW_LINK), False, None)),  # she left it: the author's carried English
    ("Read about [our garden](https://tuinen.example/onze-tuin/).",  # she pointed it elsewhere: hers, to review against the old Dutch
     ("Read about [our garden](https://tuinen.example/onze-tuin/).", True, LINKED)),
], ids=["left as it was", "pointed elsewhere"])
def test_the_merge_driver_carries_the_link_only_into_english_that_leads_where_the_old_dutch_did(
    tmp_path: Path, theirs_english: str, expected: tuple[str, bool, str | None],
) -> None:
    from test_po_merge import merged_file, po

    new = LINKED.replace(OLD_LINK, NEW_LINK)
    base = po("2026-11-01 10:00+0000", f"msgid {quoted(LINKED)}\nmsgstr {quoted(LINKED_ENGLISH)}\n")
    ours = po("2026-11-02 10:00+0000", f"msgid {quoted(new)}\nmsgstr {quoted(LINKED_ENGLISH.replace(OLD_LINK, NEW_LINK))}\n")
    theirs = po("2026-11-01 10:00+0000", f"msgid {quoted(LINKED)}\nmsgstr {quoted(theirs_english)}\n")
    code, text = merged_file(tmp_path, base, ours, theirs)
    assert code == 0 and "<<<<<<<" not in text, text
    (entry,) = [entry for entry in polib.pofile(text, wrapwidth=0) if not entry.obsolete]
    assert entry.msgid == new and (entry.msgstr, entry.fuzzy, entry.previous_msgid) == expected, text
