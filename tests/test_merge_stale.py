"""The Dutch changed twice while the translator worked between the two changes, with real git and setup's driver.

The author reworded a heading and a paragraph without running extract (she need not) and pushed; the translator
pulled, ran extract and approved new English for the new Dutch, and committed; the author reworded the heading
again and ran extract this time (her PO file still had the first Dutch: her extract offered its English, the
base's), and pushed; the translator pulled. The merge is what extract makes had both sides extracted: the heading
waits for review with the English the translator gave meanwhile, the Dutch she translated as its ``#|``, and no
entry stays for Dutch the document no longer has; the paragraph she approved on the Dutch it still has stays
approved.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

import publish_pipeline
from conftest import copy_site, msgfmt_check
from engine_server import EngineServer
from publish_pipeline import tasks
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.site import Site
from test_status import ENGLISH
from test_po_merge import PARAGRAPH, PO_FILE, approved_but
from test_layouts import make_site
from test_workflow import ENGLISH_PAGE, Team, edit, git, page, review, run_task, said

HEADING, HEADING_1, HEADING_2 = "Waarom schrijf ik?", "Waarom schrijf ik zelf?", "Waarom schrijf ik helemaal zelf?"
HEADING_ENGLISH, HEADING_1_ENGLISH = "Why do I write?", "Why do I write myself?"
PARAGRAPH_1 = "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat echt."
PARAGRAPH_1_ENGLISH = "I write to find out what I think.\nSometimes that really works."


def live_entries(clone: Path) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(clone / PO_FILE)) if not entry.obsolete}


def twice_reworded(team: Team) -> None:
    """The week of the trial, up to the translator's pull."""
    assert run_task(tasks.setup, team.author)[0] == 0
    edit(team.author, HEADING, HEADING_1)
    edit(team.author, "Soms lukt dat.", "Soms lukt dat echt.")
    team.commit(team.author, "A more personal heading, a surer paragraph")  # no extract: README says she need not
    assert team.pull(team.translator)
    assert run_task(tasks.setup, team.translator)[0] == 0
    assert run_task(tasks.extract, team.translator)[0] == 0
    review(team.translator, {HEADING_1: HEADING_1_ENGLISH, PARAGRAPH_1: PARAGRAPH_1_ENGLISH})
    team.commit(team.translator, "Review blog/eerste", push=False)
    edit(team.author, HEADING_1, HEADING_2)
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "An even more personal heading")


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    team = approved_but(tmp_path, monkeypatch)
    twice_reworded(team)
    return team



def both_extracted(team: Team) -> None:
    """Both clones set up; the author rewords the heading (no extract: she need not), the translator pulls and
    extracts that rewording, unpushed; the author rewords it again, extracts and pushes; the translator pulls: the
    driver merges two entries for one heading, neither translated by the other side."""
    assert run_task(tasks.setup, team.author)[0] == 0
    edit(team.author, HEADING, HEADING_1)
    team.commit(team.author, "A more personal heading")  # no extract: she need not
    assert team.pull(team.translator)
    assert run_task(tasks.setup, team.translator)[0] == 0
    assert run_task(tasks.extract, team.translator)[0] == 0
    team.commit(team.translator, "Extract blog/eerste", push=False)
    edit(team.author, HEADING_1, HEADING_2)
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "An even more personal heading")
    assert team.pull(team.translator)


def test_the_heading_reworded_again_waits_for_review_with_the_english_she_gave_meanwhile(team: Team) -> None:
    assert team.pull(team.translator)

    msgfmt_check(team.translator / PO_FILE)
    found = live_entries(team.translator)
    assert HEADING_1 not in found and HEADING not in found, sorted(found)  # no entry for Dutch the page no longer has
    heading = found[HEADING_2]
    assert (heading.msgstr, heading.fuzzy, heading.previous_msgid) == (HEADING_1_ENGLISH, True, HEADING_1)
    code, output = run_task(tasks.extract, team.translator)
    assert code == 0 and "0 PO files written" in output, output  # the merge is what extract makes of it


def test_english_she_approved_on_dutch_the_author_extracted_later_stays_approved(team: Team) -> None:
    assert team.pull(team.translator)

    paragraph = live_entries(team.translator)[PARAGRAPH_1]
    assert (paragraph.msgstr, paragraph.fuzzy, paragraph.previous_msgid) == (PARAGRAPH_1_ENGLISH, False, None)
    assert PARAGRAPH not in live_entries(team.translator)


def test_ci_publishes_only_what_she_approved_and_her_review_goes_live(team: Team) -> None:
    assert team.pull(team.translator)
    word, why = said(team.translator, "blog/eerste")
    assert word == "update waits" and why.startswith("1 entry needs review (fuzzy in the PO file; the Dutch changed);"), why
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE) or ""
    assert code == 0 and HEADING_1_ENGLISH in english and PARAGRAPH_1_ENGLISH.split("\n")[1] in english, output  # her commit before the pull
    review(team.translator, {HEADING_2: "Why do I write all by myself?"})
    team.commit(team.translator, "Review the heading")
    code, output, clone = team.ci()
    assert code == 0 and "Why do I write all by myself?" in (page(clone, ENGLISH_PAGE) or ""), output


def test_an_entry_of_dutch_the_document_no_longer_has_holds_nothing_back_and_extract_makes_it_obsolete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The translator extracted the author's first rewording without translating it, the author extracted her second:
    which Dutch is the document's the merge cannot tell, so both entries stay. The stale entry alone holds nothing
    back (the English of the Dutch as it is lacks nothing: a paragraph she deleted without extract leaves the English
    at once); the heading's new Dutch waits for review, its last good version stays live; extract makes the stale
    entry obsolete."""
    team = approved_but(tmp_path, monkeypatch)
    both_extracted(team)

    msgfmt_check(team.translator / PO_FILE)
    assert {HEADING_1, HEADING_2} <= set(live_entries(team.translator))
    word, why = said(team.translator, "blog/eerste")
    assert word == "update waits" and "behind" not in why and "1 entry needs review" in why, why
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()
    assert code == 0 and HEADING_ENGLISH in (page(clone, ENGLISH_PAGE) or ""), output  # the version before, approved
    assert run_task(tasks.extract, team.translator)[0] == 0
    assert HEADING_1 not in live_entries(team.translator)
    assert "behind" not in said(team.translator, "blog/eerste")[1]
    assert "behind" not in run_task(tasks.check, team.translator)[1]


def stale_beside_extracted(tmp_path: Path, dutch: str, english: str) -> tuple[Path, polib.POFile]:
    """The heading reworded and extracted (fuzzy, the English of before), an approved entry of other Dutch ``dutch``
    beside it (what a merge kept), then extract again: the PO file and what it holds."""
    site = Site.open(copy_site("basic", tmp_path))
    extract(site)
    path = site.catalog_path("blog/eerste")
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgid, entry.msgstr)
    po.save(str(path))
    edit(site.root, HEADING, HEADING_2)
    extract(site)
    po = polib.pofile(str(path), wrapwidth=0)
    assert po.find(HEADING_2).previous_msgid == HEADING
    stale = polib.POEntry(msgid=dutch, msgstr=english, occurrences=po.find(HEADING_2).occurrences, comment="heading")
    po.insert(po.index(po.find(HEADING_2)) + 1, stale)
    po.save(str(path))

    extract(site)

    msgfmt_check(path)
    before = path.read_text(encoding="utf-8")
    extract(site)
    assert path.read_text(encoding="utf-8") == before
    return path, polib.pofile(str(path), wrapwidth=0)


def test_extract_gives_the_entry_her_english_of_nearer_dutch_and_keeps_the_older_english_obsolete(tmp_path: Path) -> None:
    """What a merge before this driver's fix left (or a merge editor's "accept both"): the second rewording fuzzy with
    the English of the Dutch before the first, beside her approved English of the first rewording, Dutch the
    document no longer has. Extract offers her English to the second rewording (fuzzy, ``#|`` the Dutch she
    translated), not only as a suggestion, and keeps the older English as the obsolete entry of its Dutch."""
    path, po = stale_beside_extracted(tmp_path, HEADING_1, HEADING_1_ENGLISH)

    heading = po.find(HEADING_2)
    assert (heading.msgstr, heading.fuzzy, heading.previous_msgid) == (HEADING_1_ENGLISH, True, HEADING_1)
    assert po.find(HEADING_1) is None and po.find(HEADING_1, include_obsolete_entries=True) is None
    older = po.find(HEADING, include_obsolete_entries=True)
    assert older is not None and older.obsolete and older.msgstr == HEADING_ENGLISH  # nothing of her English lost


def test_extract_offers_no_english_of_near_dutch_that_is_no_rewording_of_the_entrys_old_dutch(tmp_path: Path) -> None:
    """Another heading gone (its Dutch nearer the reworded heading's than the heading's old Dutch, but no rewording
    of that): the reworded heading keeps the English of its own old Dutch; the other goes obsolete with its English."""
    other, its_english = "Wie schrijft hier helemaal zelf?", "Who here writes all by themselves?"
    path, po = stale_beside_extracted(tmp_path, other, its_english)

    heading = po.find(HEADING_2)
    assert (heading.msgstr, heading.fuzzy, heading.previous_msgid) == (HEADING_ENGLISH, True, HEADING)
    gone = po.find(other, include_obsolete_entries=True)
    assert gone is not None and gone.obsolete and gone.msgstr == its_english


POST = "2024-01-01-eerste"
JEKYLL = {"_config.yml": "title: Mijn blog\n",
          f"_posts/{POST}.md": "---\ntitle: Eerste bericht\n---\n## Zo doe ik het\n\nGeef een voorbeeld.\n\nTot ziens.\n"}
JEKYLL_ENGLISH = {"Eerste bericht": "First post", "Zo doe ik het": "This is how I do it", "Geef een voorbeeld.": "Give an example.",
                  "Tot ziens.": "Goodbye."}


class JekyllTeam(Team):
    """The team of a Jekyll site (the trial's second site): one post, its English approved, setup run in both clones."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path, self.remote, self.builds = tmp_path, tmp_path / "remote.git", 0
        git(tmp_path, "init", "-q", "--bare", str(self.remote))
        self.author = self.clone("author")
        make_site(self.author, "jekyll", JEKYLL)
        (self.author / ".gitignore").write_text("public/\n.cache/\nbuild/\n_site/\n", encoding="utf-8")
        assert run_task(tasks.setup, self.author)[0] == 0
        assert run_task(tasks.extract, self.author)[0] == 0
        slug = next(entry.msgid for entry in polib.pofile(str(self.author / f"translations/en/{POST}.po")) if entry.msgctxt == "slug")
        review(self.author, {**JEKYLL_ENGLISH, slug: "first-post"}, document=POST)
        self.commit(self.author, "A first post, its English")
        self.translator = self.clone("translator")
        assert run_task(tasks.setup, self.translator)[0] == 0


def test_on_a_jekyll_site_the_merge_is_what_extract_makes_had_both_sides_extracted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(Path(publish_pipeline.__file__).parents[1]))
    team = JekyllTeam(tmp_path)
    post = f"_posts/{POST}.md"
    edit(team.author, "## Zo doe ik het\n", "## Zo doe ik het zelf\n", post)
    edit(team.author, "Geef een voorbeeld.", "Geef altijd een concreet voorbeeld.", post)
    team.commit(team.author, "Reworded, not extracted")
    assert team.pull(team.translator)
    assert run_task(tasks.extract, team.translator)[0] == 0
    review(team.translator, {"Zo doe ik het zelf": "This is how I do it myself", "Geef altijd een concreet voorbeeld.": "Always give a concrete example."},
           document=POST)
    team.commit(team.translator, "Review the post", push=False)
    edit(team.author, "## Zo doe ik het zelf\n", "## Zo doe ik het helemaal zelf\n", post)
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "Reworded again, extracted")

    assert team.pull(team.translator)

    path = team.translator / f"translations/en/{POST}.po"
    msgfmt_check(path)
    found = {entry.msgid: entry for entry in polib.pofile(str(path)) if not entry.obsolete}
    assert "Zo doe ik het zelf" not in found and "Zo doe ik het" not in found, sorted(found)
    heading, example = found["Zo doe ik het helemaal zelf"], found["Geef altijd een concreet voorbeeld."]
    assert (heading.msgstr, heading.fuzzy, heading.previous_msgid) == ("This is how I do it myself", True, "Zo doe ik het zelf")
    assert (example.msgstr, example.fuzzy, example.previous_msgid) == ("Always give a concrete example.", False, None)
    code, output = run_task(tasks.extract, team.translator)
    assert code == 0 and "0 PO files written" in output, output
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    clone = team.clone("ci")  # CI on a Jekyll site: export the approved English into the site, for jekyll build
    code, output = run_task(tasks.export, clone)
    written = {path.read_text(encoding="utf-8") for path in clone.rglob("*.md") if "en" in path.relative_to(clone).parts[:2]}
    assert code == 0 and len(written) == 1, output
    english = written.pop()  # the version she approved (her commit before the pull), not the merge's fuzzy heading
    assert "## This is how I do it myself" in english and "Always give a concrete example." in english, english


def row(clone: Path, document_id: str) -> list[str]:
    """The counts in ``status``'s row of one document: approved, needs review, untranslated, words."""
    _, output = run_task(tasks.status, clone)
    return next(line.split()[1:5] for line in output.splitlines() if line.split()[:1] == [document_id])


def test_status_counts_only_the_entries_of_dutch_the_document_has_whatever_the_merge_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The heading nobody translated yet, reworded twice: the translator extracted the first rewording, the author
    the second, neither translated it. Git runs the driver in its merge before the document is merged (and gives it
    only the PO file's three versions), so which Dutch is the document's it cannot read: both entries stay. Status
    counts what the document holds (one heading to translate, its words), not the stale entry beside it; once she
    translates the heading, nothing is counted as waiting and CI publishes it."""
    team = approved_but(tmp_path, monkeypatch, HEADING)
    both_extracted(team)

    msgfmt_check(team.translator / PO_FILE)
    stale = live_entries(team.translator)
    assert stale[HEADING_1].msgstr == stale[HEADING_2].msgstr == ""  # the driver kept both: it cannot tell
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()
    assert code == 0 and page(clone, ENGLISH_PAGE) is None, output  # nothing was ever all approved
    for where in (team.translator, clone):
        assert row(where, "blog/eerste") == ["5", "0", "1", str(len(HEADING_2.split()))]  # not 2 untranslated, 9 words
        assert said(where, "blog/eerste") == ("held back", "1 entry untranslated")
        _, output = run_task(tasks.status, where)
        assert "invoke draft gives the 7 untranslated entries a draft" in " ".join(output.split()), output  # 6 of topics/thema
    review(team.translator, {HEADING_2: "Why do I write all by myself?"})
    team.commit(team.translator, "Translate the heading")
    code, output, clone = team.ci()
    assert code == 0 and "Why do I write all by myself?" in (page(clone, ENGLISH_PAGE) or ""), output
    assert row(clone, "blog/eerste") == ["6", "0", "0", "0"] and said(clone, "blog/eerste") == ("live", "")


def test_a_check_error_of_an_entry_of_dutch_the_document_no_longer_has_holds_nothing_back_and_is_said_as_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both sides extracted a rewording of the untranslated heading: the merge kept both entries, and in Poedit she
    translates both, the stale one with an error (emphasis the Dutch lacks). No page shows that English: the document's
    English goes live with the heading she gave its current Dutch; check exits 0 and says the stale entry's error as
    a warning, with what becomes of it; extract makes it obsolete and nothing is said any more."""
    team = approved_but(tmp_path, monkeypatch, HEADING)
    both_extracted(team)
    review(team.translator, {HEADING_1: "Why do I write **myself**?", HEADING_2: "Why do I write all by myself?"})
    team.commit(team.translator, "Translate the heading")

    assert said(team.translator, "blog/eerste") == ("live", "")
    code, output = run_task(tasks.check, team.translator)
    stale_line = next(line for line in output.splitlines() if "markup.strong" in line)
    assert code == 0 and ": warning: markup.strong:" in stale_line and "extract makes it obsolete" in stale_line, output
    code, output, clone = team.ci()
    assert code == 0 and "Why do I write all by myself?" in (page(clone, ENGLISH_PAGE) or ""), output
    assert run_task(tasks.extract, team.translator)[0] == 0
    code, output = run_task(tasks.check, team.translator)
    assert code == 0 and "markup.strong" not in output, output
    gone = polib.pofile(str(team.translator / PO_FILE)).find(HEADING_1, include_obsolete_entries=True)
    assert gone is None or gone.obsolete


def test_draft_drafts_only_entries_of_the_dutch_the_document_has_and_says_what_it_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The merge kept both sides' rewording of the untranslated heading: draft pays the engine for the heading the
    document has, not for the stale one (no page would show its English), drafts as many entries as status's ``next:``
    counts, and its last line says what it left and why (a dry run's too)."""
    team = approved_but(tmp_path, monkeypatch, HEADING)
    both_extracted(team)
    _, output = run_task(tasks.status, team.translator)
    assert "invoke draft gives the 7 untranslated entries a draft" in " ".join(output.split()), output
    left = "1 empty entry of Dutch its document no longer has left undrafted (extract makes such entries obsolete)"

    with EngineServer() as server:
        code, planned = run_task(tasks.draft, team.translator, url=server.url, dry_run=True)
        assert code == 0 and planned.splitlines()[0].startswith("draft --dry-run: 7 empty entries:"), planned
        assert planned.rstrip().splitlines()[-1].endswith(left) and HEADING_1 not in planned, planned
        code, output = run_task(tasks.draft, team.translator, url=server.url)
        asked = set(server.requests)

    last = output.rstrip().splitlines()[-1]
    assert code == 0 and last.startswith("draft: 7 empty entries:") and last.endswith(left), output
    assert not any("zelf?" in text and "helemaal" not in text for text in asked), asked  # the stale heading was not sent
    assert any("helemaal zelf" in text for text in asked), asked
    msgfmt_check(team.translator / PO_FILE)
    found = live_entries(team.translator)
    assert found[HEADING_1].msgstr == "" and found[HEADING_2].fuzzy and found[HEADING_2].msgstr, found[HEADING_2]
    assert said(team.translator, "blog/eerste") == ("held back", "1 entry needs review (fuzzy in the PO file)")
