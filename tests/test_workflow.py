"""The workflow across clones, with real git: the author, the translator and CI share only a remote.

Each test plays people on their own clones of one bare remote: the author writes
Dutch and pushes, the translator pulls, drafts against the local test engine,
reviews and pushes, and CI publishes from a fresh clone. The promise under test:
only English that passed the whole gate is ever published, and a published
English page never vanishes or reverts without a word. Every test asserts on the
built HTML.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from invoke import Context, Exit

from conftest import copy_site, msgfmt_check, snapshot
from engine_server import EngineServer
from publish_pipeline import tasks
from publish_pipeline.drafts.drafting import draft
from publish_pipeline.output.export import export
from publish_pipeline.catalogs.catalog import read_catalog
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.quality.review import write_review
from publish_pipeline.site import Site
from test_status import ENGLISH

ENGLISH_PAGE = "public/en/blog/my-first-blog/index.html"
DUTCH_PAGE = "public/blog/eerste/index.html"
APPROVED = "Sometimes that works."


CLOCK = itertools.count()


def git(cwd: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run git as a person would, failing the test on an error; each call a minute after the last (people
    commit one after another, and commit dates have whole seconds)."""
    when = (datetime.datetime(2026, 11, 30, 8, 0) + datetime.timedelta(minutes=next(CLOCK))).isoformat()
    environment = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    command = ["git", "-c", "user.name=Someone", "-c", "user.email=someone@example.org", "-c", "init.defaultBranch=main",
               "-c", "pull.rebase=false", "-c", "advice.detachedHead=false", *arguments]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True, timeout=60, env=environment)


class Team:
    """A bare remote and the clones of the people who work on it."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.remote = tmp_path / "remote.git"
        git(tmp_path, "init", "-q", "--bare", str(self.remote))
        self.builds = 0
        self.author = self.clone("author")
        for part in copy_site("basic", tmp_path / "seed").iterdir():
            part.rename(self.author / part.name)
        (self.author / ".gitignore").write_text("public/\n.cache/\nbuild/\n", encoding="utf-8")
        extract(Site.open(self.author))  # the author runs extract before her commit (or her pre-commit hook does)
        self.commit(self.author, "A first blog")
        self.translator = self.clone("translator")

    def clone(self, name: str) -> Path:
        git(self.tmp_path, "clone", "-q", str(self.remote), name)
        return self.tmp_path / name

    def commit(self, clone: Path, message: str, *, push: bool = True) -> None:
        git(clone, "add", "-A")
        git(clone, "commit", "-qm", message)
        if push:
            git(clone, "push", "-q", "origin", "HEAD:main")

    def pull(self, clone: Path) -> bool:
        """``git pull``; False when it stops at a merge conflict."""
        try:
            git(clone, "pull", "-q", "origin", "main")
        except subprocess.CalledProcessError as error:
            if "CONFLICT" not in error.stdout + error.stderr:
                raise
            return False
        return True

    def ci(self) -> tuple[int, str, Path]:
        """CI: a fresh clone with the whole history, then ``publish``; its exit code, its output, the clone."""
        self.builds += 1
        clone = self.clone(f"ci{self.builds}")
        code, output = run_task(tasks.publish, clone)
        return code, output, clone


def run_task(task, root: Path, **options: object) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """A task run in this process as ``invoke`` runs it: its exit code and everything it printed."""
    import contextlib
    import io

    out = io.StringIO()
    code, message = 0, ""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            task(Context(), root=str(root), **options)
        except Exit as error:
            code, message = error.code, str(error.message or "")
    return code, out.getvalue() + message


def said(clone: Path, document_id: str) -> tuple[str, str]:
    """What ``status`` says of one document's English: the word in its row, and why (the lines under the row)."""
    _, output = run_task(tasks.status, clone)
    lines = output.splitlines()
    at = next(number for number, line in enumerate(lines) if line.split()[:1] == [document_id])
    why = []
    for line in lines[at + 1 :]:
        if not line.startswith("    "):
            break
        why.append(line.strip())
    return lines[at].rsplit("  ", 1)[-1].strip(), " ".join(why)


def page(clone: Path, name: str) -> str | None:
    path = clone / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def review(clone: Path, english: dict[str, str] = ENGLISH, *, document: str = "blog/eerste") -> None:
    """The translator's review in a PO editor: each draft corrected where needed, then approved (fuzzy cleared)."""
    path = Site.open(clone).catalog_path(document)
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr = english.get(entry.msgid, entry.msgstr)
        if entry.msgstr:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save(str(path))


def edit(clone: Path, old: str, new: str, document: str = "source_nl/blog/eerste.md") -> None:
    path = clone / document
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(tmp_path)


@pytest.fixture
def live(team: Team) -> Team:
    """The English of blog/eerste approved by the translator, pushed, and published by CI."""
    review(team.translator)
    team.commit(team.translator, "Approve blog/eerste")
    code, output, clone = team.ci()
    assert APPROVED in (page(clone, ENGLISH_PAGE) or ""), output
    return team


def test_a_post_drafted_and_approved_by_the_translator_goes_live_from_a_fresh_clone(team: Team) -> None:
    with EngineServer() as server:
        report = draft(Site.open(team.translator), url=server.url, today=datetime.date(2026, 11, 28), sleep=lambda s: None)
    assert report.errors == () and "fuzzy" in Site.open(team.translator).catalog_path("blog/eerste").read_text(encoding="utf-8")
    review(team.translator)
    team.commit(team.translator, "Review blog/eerste")
    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE)
    assert english is not None and APPROVED in english and "Why do I write?" in english
    assert 'hreflang="en"' in (page(clone, DUTCH_PAGE) or "")
    assert "English — live: 1, held back: 1 (status says which and why)" in output.splitlines()[-1]
    assert "topics/thema" not in output  # publish counts what waits; status says which and why
    assert said(clone, "topics/thema") == ("held back", "6 entries need review (fuzzy in the PO file)")  # nobody reviewed its drafts
    assert code == 0, output


FAILING = {
    "check-error": ("Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat.", "I write to find out what I think.\nSometimes that works 3 times.", "1 check error"),
    "msgfmt-error": ("Waarom schrijf ik?", "Why do I write?\n", "the PO file fails msgfmt --check"),
}


@pytest.mark.parametrize("failure", FAILING, ids=list(FAILING))
def test_failing_english_never_goes_live_after_a_dutch_edit(team: Team, failure: str) -> None:
    """Breakage 1: extract kept a complete translation as the live English without asking the whole gate (msgfmt)."""
    dutch, wrong, reason = FAILING[failure]  # a number the Dutch does not have; a line break msgfmt refuses
    review(team.translator, {**ENGLISH, dutch: wrong})
    team.commit(team.translator, "Approve blog/eerste")
    code, first, clone = team.ci()
    assert page(clone, ENGLISH_PAGE) is None
    assert said(clone, "blog/eerste") == ("held back", reason if failure == "msgfmt-error" else f"{reason}: run check")
    team.pull(team.author)
    edit(team.author, "Boeken bestellen\n", "Boeken kopen\n")
    extract(Site.open(team.author))
    team.commit(team.author, "Buy, not order")
    code, output, clone = team.ci()
    assert page(clone, ENGLISH_PAGE) is None
    assert not list((clone / "public/en").rglob("*my-first-blog*"))
    assert "held back: 2" in first.splitlines()[-1] and "held back: 2" in output.splitlines()[-1]  # topics/thema too
    assert said(clone, "blog/eerste")[0] == "held back"


@pytest.mark.parametrize("extracted", [True, False], ids=["with-extract", "without-extract"])
def test_a_live_english_page_stays_when_the_author_commits_with_am(live: Team, extracted: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Breakage 2: the snapshot extract wrote was untracked, so ``git commit -am`` left it behind and CI dropped the page."""
    team = live
    team.pull(team.author)
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")
    if extracted:
        extract(Site.open(team.author))
    git(team.author, "commit", "-qam", "Sometimes it does not")
    git(team.author, "push", "-q", "origin", "HEAD:main")
    code, output, clone = team.ci()
    english = page(clone, ENGLISH_PAGE)
    assert english is not None and APPROVED in english  # the last approved version, not the new Dutch
    assert "Soms lukt dat niet." in (page(clone, DUTCH_PAGE) or "")
    approval = git(clone, "rev-parse", "HEAD~1").stdout.strip()  # the translator's approval, before the author's edit
    assert "live: 1 (1 at an earlier version, update waits)" in output.splitlines()[-1]
    word, why = said(clone, "blog/eerste")
    assert word == "update waits" and f"(commit {approval[:10]}) stays live" in why
    assert code == 0, output
    code, printed = run_task(tasks.status, clone, json=True)  # status says the same, from the same function
    live = {document["id"]: document["live"] for document in json.loads(printed)["documents"]}
    assert (live["blog/eerste"]["state"], live["blog/eerste"]["commit"], live["blog/eerste"]["on_site"]) == ("older", approval, True)
    assert live["topics/thema"] == {
        "state": "held", "reasons": ["6 entries untranslated"], "commit": None, "date": None, "uncommitted": False, "on_site": False,
    }
    # the headline counts what the site shows: the earlier version is live (it said "live: 0, update waits: 1")
    assert json.loads(printed)["totals"]["live"] == {"current": 0, "older": 1, "held": 1, "uncommitted": 0, "on_site": 1}
    code, table = run_task(tasks.status, clone)
    assert "English of 2 documents — live: 1 (1 at an earlier version, update waits), held back: 1" in table.splitlines()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))  # CI's step summary says the same
    run_task(tasks.status, clone, format="github")
    assert "English of 2 documents — live: 1 (1 at an earlier version, update waits), held back: 1." in (tmp_path / "summary.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["<<<<<<< HEAD\n", 'msgid "broken\n'], ids=["conflict-marker", "syntax-error"])
def test_a_broken_po_file_costs_only_its_update(live: Team, damage: str) -> None:
    """Breakage 3: one broken PO file took the Dutch page down too, and the English, and left export and review silent."""
    team = live
    team.pull(team.translator)
    path = Site.open(team.translator).catalog_path("blog/eerste")
    path.write_text(path.read_text(encoding="utf-8") + damage, encoding="utf-8")
    team.commit(team.translator, "Oops")
    code, output, clone = team.ci()
    assert code == 1 and "translations/en/blog/eerste.po:" in output
    assert APPROVED in (page(clone, ENGLISH_PAGE) or "")
    assert "Ik schrijf om te ontdekken" in (page(clone, DUTCH_PAGE) or "")
    for listing in ("public/index.html", "public/feed.xml", "public/sitemap.xml"):
        assert "blog/eerste/" in (page(clone, listing) or ""), listing
    assert said(clone, "blog/eerste")[0] == "update waits"
    site = Site.open(clone)
    exported = export(site, clone / "hugo")  # export writes what publish serves: the last approved English
    assert [(live.document_id, live.state) for live in exported.older] == [("blog/eerste", "older")]
    assert "the PO file cannot be read" in exported.older[0].summary
    assert APPROVED in (clone / "hugo/en/blog/eerste.md").read_text(encoding="utf-8")
    write_review(site, clone / "review.html")
    shown = (clone / "review.html").read_text(encoding="utf-8")
    assert 'data-live="older"' in shown and "update waits: " in shown and ") stays live" in shown and "the PO file cannot be read" in shown


def test_a_broken_dutch_document_keeps_both_its_pages_at_their_last_good_version(live: Team) -> None:
    team = live
    team.pull(team.author)
    edit(team.author, "title: Mijn eerste blog", "title: [Mijn eerste blog")  # YAML that does not parse
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")
    team.commit(team.author, "Broken front matter")
    code, output, clone = team.ci()
    assert code == 1 and "source_nl/blog/eerste.md:" in output
    dutch = page(clone, DUTCH_PAGE) or ""
    assert "Soms lukt dat." in dutch and "Soms lukt dat niet." not in dutch
    assert APPROVED in (page(clone, ENGLISH_PAGE) or "")
    assert "blog/eerste/" in (page(clone, "public/sitemap.xml") or "")
    assert "blog/eerste: Dutch live from the version of " in output


def _twin(clone: Path) -> None:
    """A second post with the first one's English slug (translation memory approves its English)."""
    twin = (clone / "source_nl/blog/eerste.md").read_text(encoding="utf-8")
    (clone / "source_nl/blog/tweeling.md").write_text(twin, encoding="utf-8")
    extract(Site.open(clone))
    review(clone, document="blog/tweeling")


def _broken_topic(clone: Path) -> None:
    """Another document's PO file with a merge-conflict marker."""
    path = Site.open(clone).catalog_path("topics/thema")
    path.write_text(path.read_text(encoding="utf-8") + "<<<<<<< HEAD\n", encoding="utf-8")


@pytest.mark.parametrize("failure", [_twin, _broken_topic], ids=["english-url-clash", "broken-po-file"])
def test_a_failed_publish_changes_nothing_in_the_site(live: Team, failure) -> None:  # type: ignore[no-untyped-def]
    """Breakage 4: a publish that failed still wrote snapshots into translations/."""
    team = live
    team.pull(team.author)
    failure(team.author)
    team.commit(team.author, "Trouble")
    clone = team.clone("ci-by-hand")
    before = {name: data for name, data in snapshot(clone).items() if not name.startswith(".git/")}
    code, output = run_task(tasks.publish, clone)
    after = {name: data for name, data in snapshot(clone).items() if not name.startswith((".git/", "public/"))}
    assert after == before  # nothing but public/ (and the cache) was written
    english = page(clone, ENGLISH_PAGE)
    assert english is not None and APPROVED in english  # blog/eerste stays live
    assert code == 1, output


def crossing(team: Team, old: str, new: str, english: dict[str, str], resolve: Callable[[Path], None]) -> tuple[bool, int, str, Path]:
    """The author's edit (extracted and pushed) crosses the translator's review of the old text: the translator
    pulls (``resolve`` settles a conflict), pushes, and CI publishes. Whether git merged by itself, and CI's run."""
    team.pull(team.author)
    edit(team.author, old, new)
    extract(Site.open(team.author))
    team.commit(team.author, "The author's edit")
    review(team.translator, {**ENGLISH, **english})  # meanwhile, on the old text
    team.commit(team.translator, "The translator's review", push=False)
    merged = team.pull(team.translator)
    if not merged:
        resolve(team.translator)
    git(team.translator, "push", "-q", "origin", "HEAD:main")
    return merged, *team.ci()


def commit_as_it_is(clone: Path) -> None:
    """The careless way out of a conflict: the file with its conflict markers is committed."""
    git(clone, "commit", "-qam", "Merge")


def take_theirs_and_extract(clone: Path) -> None:
    """The translator keeps the remote's PO file and runs extract (her own approvals are in her commit)."""
    git(clone, "checkout", "--theirs", "translations")
    extract(Site.open(clone))
    git(clone, "commit", "-qam", "Merge")


def test_conflicting_pushes_lose_nothing_approved_and_the_page_stays_right(live: Team) -> None:
    better = {"Waarom schrijf ik?": "Why do I write at all?"}
    merged, code, output, clone = crossing(live, "Soms lukt dat.", "Soms lukt dat niet.", better, commit_as_it_is)
    english = page(clone, ENGLISH_PAGE) or ""
    assert "Why do I write at all?" in english and APPROVED in english  # the translator's approved version
    assert "Sometimes it does not" not in english
    assert code == (0 if merged else 1), output
    history = git(clone, "log", "-p", "--", "translations").stdout
    assert 'msgstr "Why do I write at all?"' in history  # nothing approved is lost: it is in git


def test_an_approval_made_while_the_authors_edit_is_on_the_remote(live: Team) -> None:
    team = live
    shorter = {"Abonneer je hier op mijn blog": "Subscribe to my blog"}
    _, code, output, clone = crossing(team, "Waarom schrijf ik?", "Waarom schrijf ik eigenlijk?", shorter, take_theirs_and_extract)
    english = page(clone, ENGLISH_PAGE) or ""
    assert "Subscribe to my blog</" in english  # the newest approval is live
    word, why = said(clone, "blog/eerste")
    assert word == "update waits" and "needs review" in why  # the author's new heading waits for the translator
    review(team.translator, {**ENGLISH, "Abonneer je hier op mijn blog": "Subscribe to my blog", "Waarom schrijf ik eigenlijk?": "Why do I really write?"})
    team.commit(team.translator, "Review the new heading")
    code, output, clone = team.ci()
    assert "Why do I really write?" in (page(clone, ENGLISH_PAGE) or "") and code == 0, output


def test_a_deleted_document_leaves_the_site_with_a_message(live: Team) -> None:
    team = live
    team.pull(team.author)
    git(team.author, "rm", "-q", "source_nl/blog/eerste.md")
    team.commit(team.author, "Retire the first blog")
    code, output, clone = team.ci()
    assert page(clone, ENGLISH_PAGE) is None and page(clone, DUTCH_PAGE) is None
    assert "eerste" not in (page(clone, "public/index.html") or "")
    assert "translations/en/blog/eerste.po: its Dutch document is gone, so its pages are off the site" in output


def test_a_site_that_is_no_git_checkout_says_so_once(live: Team) -> None:
    team = live
    clone = team.clone("export-copy")
    shutil.rmtree(clone / ".git")
    edit(clone, "Soms lukt dat.", "Soms lukt dat niet.")
    code, output = run_task(tasks.publish, clone)
    assert output.count("not a git checkout") == 1
    assert page(clone, ENGLISH_PAGE) is None  # no history: only what is on disk counts, and it waits for review


def test_a_shallow_clone_is_said_once_and_serves_what_it_holds(live: Team) -> None:
    team = live
    team.pull(team.author)
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")
    team.commit(team.author, "Sometimes it does not")
    git(team.tmp_path, "clone", "-q", "--depth", "1", f"file://{team.remote}", "shallow")
    code, output = run_task(tasks.publish, team.tmp_path / "shallow")
    assert output.count("note: a shallow git clone") == 1 and "fetch-depth: 0" in output
    assert page(team.tmp_path / "shallow", ENGLISH_PAGE) is None  # the approved version is not in a clone of depth 1


def test_a_renamed_document_keeps_its_translations_and_its_english_page(live: Team) -> None:
    """The author renames a post (git mv of the Dutch alone) and runs extract: the PO file moves with it, every
    approval stays, and CI from a fresh clone serves the English as before, beside the Dutch at its new address."""
    team = live
    team.pull(team.author)
    git(team.author, "mv", "source_nl/blog/eerste.md", "source_nl/blog/eerst-geschreven.md")
    code, output = run_task(tasks.extract, team.author)
    assert code == 0, output
    assert "translations/en/blog/eerst-geschreven.po: moved from translations/en/blog/eerste.po: its Dutch document was renamed" in output
    assert "is gone" not in output
    assert not (team.author / "translations/en/blog/eerste.po").exists()
    moved = polib.pofile(str(team.author / "translations/en/blog/eerst-geschreven.po"), wrapwidth=0)
    assert {entry.msgid: entry.msgstr for entry in moved if not entry.fuzzy} == ENGLISH
    team.commit(team.author, "A better name for the first blog")
    code, output, clone = team.ci()
    assert code == 0, output
    assert APPROVED in (page(clone, ENGLISH_PAGE) or "") and page(clone, "public/blog/eerst-geschreven/index.html")
    assert 'content="0; url=/blog/eerst-geschreven/"' in (page(clone, DUTCH_PAGE) or "")  # the old address sends readers on


def test_a_document_renamed_while_its_update_waits_keeps_its_earlier_english_live(live: Team) -> None:
    """The author rewords a paragraph of a live post (the update waits for review), then renames the post (git mv, extract)
    in a commit of its own. Its earlier English passed under the old name: it stays live at its English address, as it
    would have without the rename; status says so (it went off the site, with no word)."""
    team = live
    approved = git(team.translator, "rev-parse", "HEAD").stdout.strip()
    team.pull(team.author)
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "Sometimes it does not")
    git(team.author, "mv", "source_nl/blog/eerste.md", "source_nl/blog/eerst-geschreven.md")
    assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "A better name for the first blog")

    code, output, clone = team.ci()

    assert code == 0 and APPROVED in (page(clone, ENGLISH_PAGE) or ""), output
    assert "Sometimes it does not" not in (page(clone, ENGLISH_PAGE) or "")  # nobody reviewed that
    assert "live: 1 (1 at an earlier version, update waits)" in output, output
    word, why = said(clone, "blog/eerst-geschreven")
    assert word == "update waits" and f"(commit {approved[:10]}) stays live" in why, why


LONG_POST = """---
title: Frictie als brandstof
translation_slug: friction-as-fuel
---

Wie een verandering leidt, wil meestal dat het soepel loopt. Geen gedoe, geen weerstand, iedereen enthousiast aan boord.

Als mensen botsen in een veranderproces, dan gaat het bijna altijd over iets wat ze belangrijk vinden, zoals de rust in de klas.

Daarom noem ik frictie in [De functie van frictie](https://www.managementboek.nl/boek/de-functie-van-frictie) een *bron van energie*.
"""


def poedit_save(clone: Path, document_id: str, english: dict[str, str]) -> Path:
    """The translator types ``english`` in Poedit and saves: Poedit writes the file, then has msgcat wrap it at 79 columns."""
    path = Site.open(clone).catalog_path(document_id)
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgid in english:
            entry.msgstr = english[entry.msgid]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save(str(path))
    subprocess.run(["msgcat", "--force-po", "-o", str(path), str(path)], check=True)
    return path


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="msgcat (GNU gettext) is not installed")
def test_a_file_poedit_wrapped_changes_only_where_the_authors_edit_does(team: Team) -> None:
    (team.author / "source_nl/blog/frictie.md").write_text(LONG_POST, encoding="utf-8")
    extract(Site.open(team.author))
    team.commit(team.author, "A long post")
    team.pull(team.translator)
    english = {
        "Wie een verandering leidt, wil meestal dat het soepel loopt. Geen gedoe, geen weerstand, iedereen enthousiast aan boord.":
            "Whoever leads a change usually wants it to run smoothly. No fuss, no resistance, everyone enthusiastically on board.",
        "Als mensen botsen in een veranderproces, dan gaat het bijna altijd over iets wat ze belangrijk vinden, zoals de rust in de klas.":
            "When people clash in a change process, it is nearly always about something they value, such as calm in the classroom.",
    }
    path = poedit_save(team.translator, "blog/frictie", english)
    saved = path.read_text(encoding="utf-8")
    assert '"Whoever leads a change usually wants it to run smoothly. No fuss, no "\n' in saved  # wrapped, as Poedit does
    team.commit(team.translator, "Translate blog/frictie in Poedit")

    team.pull(team.author)
    edit(team.author, "Soms lukt dat.", "Soms lukt dat niet.")  # another post
    extract(Site.open(team.author))
    team.commit(team.author, "Edit the first blog")
    assert git(team.author, "diff", "HEAD~1", "--stat").stdout.count("|") == 2  # the post and its own PO file only
    assert (team.author / "translations/en/blog/frictie.po").read_text(encoding="utf-8") == saved

    # both work on blog/frictie at once: the translator on her English, the author on another paragraph
    poedit_save(team.translator, "blog/frictie", {next(iter(english)): "Whoever leads a change wants it to go smoothly. No fuss, no resistance, everyone enthusiastically on board."})
    team.commit(team.translator, "Improve a sentence", push=False)
    edit(team.author, "zoals de rust in de klas", "zoals de rust in hun klas", "source_nl/blog/frictie.md")
    extract(Site.open(team.author))
    team.commit(team.author, "Edit the long post")
    changed = git(team.author, "diff", "-U0", "HEAD~1", "--", "translations/en/blog/frictie.po").stdout
    removed = [line for line in changed.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed and all("rust in de klas" in line or "Als mensen botsen" in line or "When people clash" in line or "value, such" in line
                           or line in ('-msgid ""', '-msgstr ""') or line.startswith("-#:") for line in removed), changed
    assert team.pull(team.translator), "the translator's pull merges without a conflict"
    msgfmt_check(team.translator / "translations/en/blog/frictie.po")
    merged = read_catalog(team.translator / "translations/en/blog/frictie.po", "frictie.po").translations
    assert "Whoever leads a change wants it to go smoothly." in merged[1].text and merged[2].fuzzy and "zoals de rust in hun klas" in merged[2].source


def msgcat_saved(path: Path) -> str:
    """The file as Poedit's next save would leave it with nothing edited: msgcat wraps it at 79 columns."""
    return subprocess.run(["msgcat", "--force-po", str(path)], capture_output=True, text=True, check=True).stdout


def entry_lines(text: str, words: str) -> range:
    """The numbers of the lines (from 1) of the one entry of a PO text that holds ``words`` on one of its lines."""
    blocks, start = [], 1
    for block in text.split("\n\n"):
        blocks.append(range(start, start + block.count("\n") + 1))
        start += block.count("\n") + 2
    lines = text.split("\n")
    found = [block for block in blocks if any(words in lines[number - 1] for number in block)]
    assert len(found) == 1, (words, found)
    return found[0]


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="msgcat (GNU gettext) is not installed")
def test_an_entry_the_author_changes_in_a_file_poedit_wrapped_is_wrapped_as_poedit_wraps_it(team: Team) -> None:
    """The author's extract writes her changed paragraph as Poedit would (msgcat at 79 columns): the translator's
    next save rewraps nothing, her own edit merges with the author's, and the author's commit touches one entry."""
    (team.author / "source_nl/blog/frictie.md").write_text(LONG_POST, encoding="utf-8")
    extract(Site.open(team.author))
    team.commit(team.author, "A long post")
    team.pull(team.translator)
    first, second = (
        "Wie een verandering leidt, wil meestal dat het soepel loopt. Geen gedoe, geen weerstand, iedereen enthousiast aan boord.",
        "Als mensen botsen in een veranderproces, dan gaat het bijna altijd over iets wat ze belangrijk vinden, zoals de rust in de klas.",
    )
    poedit_save(team.translator, "blog/frictie", {
        first: "Whoever leads a change usually wants it to run smoothly. No fuss, no resistance, everyone enthusiastically on board.",
        second: "When people clash in a change process, it is nearly always about something they value, such as calm in the classroom.",
    })
    team.commit(team.translator, "Translate blog/frictie in Poedit")
    team.pull(team.author)
    po = team.author / "translations/en/blog/frictie.po"
    before = po.read_text(encoding="utf-8")
    assert msgcat_saved(po) == before and '"When people clash in a change process, it is nearly always about something "\n' in before

    # at once: the translator improves her first sentence in Poedit, the author edits the second paragraph
    saved = poedit_save(team.translator, "blog/frictie", {first: "Whoever leads a change wants it to go smoothly. No fuss, no resistance, everyone enthusiastically on board."})
    msgfmt_check(saved)
    team.commit(team.translator, "Improve a sentence", push=False)
    edit(team.author, "zoals de rust in de klas", "zoals de rust in de klas en op het plein", "source_nl/blog/frictie.md")
    extract(Site.open(team.author))
    team.commit(team.author, "Edit the long post")
    after = po.read_text(encoding="utf-8")
    msgfmt_check(po)
    assert msgcat_saved(po) == after, "the changed entry is written as Poedit writes it: the translator's next save changes nothing"
    assert '#| msgid ""\n#| "Als mensen botsen' in after and all(len(line) <= 79 for line in after.splitlines() if '"' in line[:10])
    old_entry, new_entry = entry_lines(before, "rust in de klas."), entry_lines(after, "op het plein")
    changed = git(team.author, "diff", "-U0", "HEAD~1", "--", "translations/en/blog/frictie.po").stdout
    hunks = [[int(number or 1) for number in hunk] for hunk in re.findall(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", changed, re.M)]
    assert hunks, changed
    for old_start, old_count, new_start, new_count in hunks:  # every line the commit takes out or puts in is the changed entry's
        assert old_count == 0 or (old_start in old_entry and old_start + old_count - 1 in old_entry), changed
        assert new_count == 0 or (new_start in new_entry and new_start + new_count - 1 in new_entry), changed

    assert team.pull(team.translator), "the translator's pull merges without a conflict"
    merged_path = team.translator / "translations/en/blog/frictie.po"
    msgfmt_check(merged_path)
    merged = merged_path.read_text(encoding="utf-8")
    assert msgcat_saved(merged_path) == merged, "after the merge too, a save in Poedit rewraps nothing"
    translations = read_catalog(merged_path, "frictie.po").translations
    assert "Whoever leads a change wants it to go smoothly." in translations[1].text
    assert translations[2].fuzzy and "op het plein" in translations[2].source and "calm in the classroom" in translations[2].text


def test_a_document_renamed_without_extract_keeps_its_english_live(live: Team) -> None:
    """The author renames a post (git mv) and commits without extract (no hook: README allows it): its PO file keeps the
    old name. CI served no English for it ("no PO file yet"); its English as approved under the old names stays live,
    as the page does once she or the translator runs extract."""
    team = live
    approved = git(team.translator, "rev-parse", "HEAD").stdout.strip()
    team.pull(team.author)
    git(team.author, "mv", "source_nl/blog/eerste.md", "source_nl/blog/eerst-geschreven.md")
    team.commit(team.author, "A better name for the first blog")

    code, output, clone = team.ci()

    assert APPROVED in (page(clone, ENGLISH_PAGE) or ""), output
    word, why = said(clone, "blog/eerst-geschreven")
    assert word == "update waits" and f"(commit {approved[:10]}) stays live" in why, why


def test_a_rename_says_only_the_pages_that_left_the_site(live: Team) -> None:
    """The last new-user trial: after git mv without extract, publish said the English page was off the site (twice:
    the orphaned PO file's line and the rename's), while it served it from its version approved under the old name.
    The Dutch page's old address left; the English one did not, and nothing says it did."""
    team = live
    team.pull(team.author)
    assert run_task(tasks.publish, team.author)[0] == 0
    git(team.author, "mv", "source_nl/blog/eerste.md", "source_nl/blog/eerst-geschreven.md")
    team.commit(team.author, "A better name for the first blog")

    code, output = run_task(tasks.publish, team.author)

    assert code == 0 and APPROVED in (page(team.author, ENGLISH_PAGE) or ""), output
    english = "/" + ENGLISH_PAGE.removeprefix("public/").removesuffix("index.html")
    assert "renamed to source_nl/blog/eerst-geschreven.md — /blog/eerste/ is off the site" in output, output
    assert english not in output.split("renamed to")[1].split("\n")[0] and "so its pages are off the site" not in output, output
