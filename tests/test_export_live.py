"""Export writes the English that publish serves, with real git and real Hugo.

While an update waits for review, ``publish`` keeps serving the last approved English
(see live); ``export`` must do the same for the author's Hugo site, or her site loses
the English page that ours keeps. Each test plays the author and the translator on
their own clones of one bare remote, and builds what export wrote with Hugo.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest

from publish_pipeline import tasks
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.export import export
from publish_pipeline.quality.review import write_review
from publish_pipeline.site import Site
from conftest import copy_site
from test_hugo import LAYOUT, alternates, build, hugo_config
from test_layouts import approve, english, hugo_site
from test_status import ENGLISH
from test_workflow import git, run_task

DOCUMENT = "blog/Eerste-Post"
OLD, NEW = "Tekst van het first post.", "New text of the first post."
"""The English of the post's body as first approved (``english``'s: half-Dutch, a warning only), and after the author's
edit is approved (in English: half-Dutch English beyond doubt, "Nieuwe tekst van…", is an error of ``check``)."""


def updated(entry: polib.POEntry) -> str:
    """The translator's English of the post after the author's edit: a new slug, and her English of the new text."""
    return {"eerste-post": "first-post", "Nieuwe tekst van het eerste bericht.": NEW}.get(entry.msgid) or english(entry)


class Pair:
    """A bare remote, the author's clone and the translator's, of a Hugo site whose every page is approved."""

    def __init__(self, tmp_path: Path, layout: str) -> None:
        self.layout = layout
        remote = tmp_path / "remote.git"
        git(tmp_path, "init", "-q", "--bare", str(remote))
        git(tmp_path, "clone", "-q", str(remote), "author")
        self.author = tmp_path / "author"
        site = hugo_site(self.author, layout)
        (self.author / "config.toml").write_text(hugo_config(layout), encoding="utf-8")
        for name in ("single.html", "list.html"):
            (self.author / "layouts/_default").mkdir(parents=True, exist_ok=True)
            (self.author / "layouts/_default" / name).write_text(LAYOUT, encoding="utf-8")
        # what export and Hugo write is not committed: the English is made from the PO files wherever it is needed
        ignored = ["public/", ".cache/", "resources/", ".hugo_build.lock", ".publish-pipeline-export", "*.en.md", "content/en/"]
        (self.author / ".gitignore").write_text("\n".join(ignored) + "\n", encoding="utf-8")
        approve(site, english)
        self.commit(self.author, "A Hugo site, every page approved")
        git(tmp_path, "clone", "-q", str(remote), "translator")
        self.translator = tmp_path / "translator"

    def commit(self, clone: Path, message: str) -> None:
        git(clone, "add", "-A")
        git(clone, "commit", "-qm", message)
        git(clone, "push", "-q", "origin", "HEAD:main")

    def source(self, clone: Path) -> Path:
        return clone / ("content/nl" if self.layout == "hugo-by-folder" else "content") / f"{DOCUMENT}.md"

    def english_file(self) -> Path:
        site = Site.open(self.author)
        return site.english_file(site.source_path(DOCUMENT))


@pytest.fixture(params=["hugo-by-filename", "hugo-by-folder"])
def pair(tmp_path: Path, request: pytest.FixtureRequest) -> Pair:
    return Pair(tmp_path, request.param)


def fresh_build(root: Path) -> Path:
    """Hugo's build from nothing (it leaves the pages of an earlier build in public/)."""
    shutil.rmtree(root / "public", ignore_errors=True)
    return build(root)


def test_export_keeps_the_approved_english_while_an_update_waits_then_writes_the_new_one(pair: Pair) -> None:
    author = pair.author
    assert not export(Site.open(author)).errors
    public = fresh_build(author)
    assert OLD in (public / "en/blog/eerste-post-en/index.html").read_text(encoding="utf-8")

    # the author edits the live post and commits: the update waits for review
    path = pair.source(author)
    path.write_bytes(path.read_bytes().replace(b"Tekst van het eerste bericht.", b"Nieuwe tekst van het eerste bericht."))
    extract(Site.open(author))  # (her pre-commit hook runs it)
    pair.commit(author, "A new text for the first post")
    approval = git(author, "rev-parse", "HEAD~1").stdout.strip()
    code, output = run_task(tasks.export, author)
    assert code == 0, output
    assert f"{DOCUMENT}: English update waits: 1 entry needs review (fuzzy in the PO file; the Dutch changed); the English of " in output
    assert f"(commit {approval[:10]}) stays live" in output
    assert output.strip().splitlines()[-1].startswith("export: 5 Dutch documents and 5 English documents (1 from an earlier approved version) in the site content; ")
    english_text = pair.english_file().read_text(encoding="utf-8")
    assert "Tekst van het first post." in english_text and "Nieuwe" not in english_text
    public = fresh_build(author)
    page = public / "en/blog/eerste-post-en/index.html"
    assert OLD in page.read_text(encoding="utf-8") and NEW not in page.read_text(encoding="utf-8")
    assert "Nieuwe tekst van het eerste bericht." in (public / "blog/eerste-post/index.html").read_text(encoding="utf-8")
    assert alternates(page) == {"nl": "/blog/eerste-post/"}  # still paired with the Dutch
    # status and review say the same of it: live from that approval
    code, printed = run_task(tasks.status, author, json=True)
    live = {document["id"]: document["live"] for document in json.loads(printed)["documents"]}
    assert (live[DOCUMENT]["state"], live[DOCUMENT]["commit"]) == ("older", approval)
    write_review(Site.open(author), author / "review.html")
    assert 'data-live="older"' in (author / "review.html").read_text(encoding="utf-8")

    # the translator approves the update with another English slug and pushes; the author pulls and exports
    git(pair.translator, "pull", "-q", "origin", "main")
    approve(Site.open(pair.translator), updated)
    pair.commit(pair.translator, "Approve the first post's new text")
    git(author, "pull", "-q", "origin", "main")
    code, output = run_task(tasks.export, author)
    assert code == 0 and "earlier approved version" not in output and "live from" not in output, output
    assert re.search(r"in the site content; 1 file written, 0 removed, \d+ unchanged$", output.strip()), output
    public = fresh_build(author)
    assert NEW in (public / "en/blog/first-post/index.html").read_text(encoding="utf-8")
    old = (public / "en/blog/eerste-post-en/index.html").read_text(encoding="utf-8")  # Hugo's redirect, of the alias export wrote
    assert 'content="0; url=https://example.org/en/blog/first-post/"' in old and OLD not in old
    code, printed = run_task(tasks.status, author, json=True)
    assert {document["id"]: document["live"]["state"] for document in json.loads(printed)["documents"]}[DOCUMENT] == "current"


def test_an_earlier_version_is_exported_into_an_output_folder_as_publish_serves_it(tmp_path: Path) -> None:
    """Into build/content (the default layout's export) too; and an export of nothing new says so."""
    pair = Pair(tmp_path, "hugo-by-filename")
    out = tmp_path / "out"
    export(Site.open(pair.author), out)
    before = (out / "en" / f"{DOCUMENT}.md").read_bytes()
    path = pair.source(pair.author)
    path.write_bytes(path.read_bytes().replace(b"Tekst van", b"Nieuwe tekst van"))
    pair.commit(pair.author, "A new text, not yet extracted")
    report = export(Site.open(pair.author), out)
    assert [live.document_id for live in report.older] == [DOCUMENT] and DOCUMENT in report.translated
    assert (out / "en" / f"{DOCUMENT}.md").read_bytes() == before
    assert b"Nieuwe tekst van" in (out / "nl" / f"{DOCUMENT}.md").read_bytes()
    assert (report.written, report.removed) == (1, 0)  # the Dutch copy
    code, output = run_task(tasks.export, pair.author, out=str(out))
    # the trial: 'nothing changed since the last export' read as if her Dutch edit was missed; it says what waits
    assert output.strip().splitlines()[-1].endswith(
        "; no file changed: 1 document's English update waits (above: why), so its last approved English stays"), output


def test_an_earlier_version_whose_url_a_current_page_has_now_is_held_back_as_publish_leaves_it_out(tmp_path: Path) -> None:
    pair = Pair(tmp_path, "hugo-by-filename")
    author = pair.author
    path = pair.source(author)
    path.write_bytes(path.read_bytes().replace(b"Tekst van", b"Nieuwe tekst van"))
    extract(Site.open(author))
    other = Site.open(author).catalog_path("blog/derde")  # another post's English takes the waiting post's URL
    catalog = polib.pofile(str(other), wrapwidth=0)
    next(entry for entry in catalog if entry.msgctxt == "slug").msgstr = "eerste-post-en"
    catalog.save(str(other))
    pair.commit(author, "An edit, and the third post's English at the first post's URL")
    report = export(Site.open(author))
    held = dict(report.held_back)
    assert DOCUMENT in held and "which another page has now" in " ".join(held[DOCUMENT]) and not report.older
    assert not pair.english_file().exists()
    public = fresh_build(author)
    assert "Het derde post." in (public / "en/blog/eerste-post-en/index.html").read_text(encoding="utf-8")


def approve_with_html(clone: Path, text: str, dutch: str = "Tekst van het eerste bericht.") -> None:
    """The translator approves the post's body as ``text`` and silences the markup check that would stop her."""
    path = Site.open(clone).catalog_path(DOCUMENT)
    catalog = polib.pofile(str(path), wrapwidth=0)
    entry = next(entry for entry in catalog if entry.msgid == dutch)
    entry.msgstr, entry.tcomment, entry.flags, entry.previous_msgid = text, "ignore: markup", [], None
    catalog.save(str(path))


def test_an_approval_export_refuses_leaves_the_english_it_last_took_on_the_site_and_status_says_so(pair: Pair) -> None:
    """Nothing published vanishes because of one bad translation: the English with HTML the Dutch lacks waits as an
    update does, the export before it stays on the Hugo site, and status, review and export say the same."""
    author = pair.author
    assert not export(Site.open(author)).errors
    approval = git(author, "rev-parse", "HEAD").stdout.strip()

    # the translator approves English with a tag the Dutch lacks (silencing the check) and pushes; the author pulls
    git(pair.translator, "pull", "-q", "origin", "main")
    approve_with_html(pair.translator, "Text of the <b>first</b> post.")
    pair.commit(pair.translator, "Approve the first post with a bold word")
    git(author, "pull", "-q", "origin", "main")
    code, output = run_task(tasks.export, author)
    assert code == 0, output
    assert (
        f"{DOCUMENT}: English update waits: its English has HTML the Dutch does not have or a link that is not http, https, "
        "mailto or relative ('<b>', '</b>'); the site shows them as text, another generator might not: correct the translation; "
        "the English of "
    ) in output and f"(commit {approval[:10]}) stays live" in output
    assert output.strip().splitlines()[-1].startswith("export: 5 Dutch documents and 5 English documents (1 from an earlier approved version) in the site content; ")
    assert OLD in pair.english_file().read_text(encoding="utf-8") and "<b>" not in pair.english_file().read_text(encoding="utf-8")
    page = fresh_build(author) / "en/blog/eerste-post-en/index.html"
    assert OLD in page.read_text(encoding="utf-8") and alternates(page) == {"nl": "/blog/eerste-post/"}
    code, printed = run_task(tasks.status, author, json=True)
    [document] = [document for document in json.loads(printed)["documents"] if document["id"] == DOCUMENT]
    assert (document["live"]["state"], document["live"]["commit"]) == ("older", approval)
    assert document["live"]["reasons"][0].startswith("its English has HTML the Dutch does not have")
    code, table = run_task(tasks.status, author)
    assert re.search(rf"^{re.escape(DOCUMENT)} .* update waits$", table, re.MULTILINE) and "live: 5 (1 at an earlier version, update waits), held back: 0" in table
    write_review(Site.open(author), author / "review.html")
    assert 'data-live="older"' in (author / "review.html").read_text(encoding="utf-8")

    # the author edits the post: of the versions before, export takes the last one it does not refuse
    path = pair.source(author)
    path.write_bytes(path.read_bytes().replace(b"Tekst van het eerste bericht.", b"Nieuwe tekst van het eerste bericht."))
    extract(Site.open(author))
    pair.commit(author, "A new text for the first post")
    code, output = run_task(tasks.export, author)
    assert f"{DOCUMENT}: English update waits: 1 entry needs review" in output and f"(commit {approval[:10]}) stays live" in output, output
    assert OLD in pair.english_file().read_text(encoding="utf-8")

    # she approves the new text without the tag: the new English is exported
    git(pair.translator, "pull", "-q", "origin", "main")
    approve_with_html(pair.translator, "Text of the first post, in bold.", "Nieuwe tekst van het eerste bericht.")
    pair.commit(pair.translator, "The first post without HTML")
    git(author, "pull", "-q", "origin", "main")
    code, output = run_task(tasks.export, author)
    assert code == 0 and "update waits" not in output and "earlier approved version" not in output, output
    assert "Text of the first post, in bold." in (fresh_build(author) / "en/blog/eerste-post-en/index.html").read_text(encoding="utf-8")


def test_a_first_approval_export_refuses_is_held_back_and_status_says_so_too(tmp_path: Path) -> None:
    """No earlier version export takes: nothing to keep, and status says held back, with export's why."""
    pair = Pair(tmp_path, "hugo-by-filename")
    author = pair.author
    approve_with_html(author, "Text of the <b>first</b> post.")
    pair.commit(author, "The first post's English with a bold word")
    git(author, "reset", "-q", "--soft", "HEAD~1")  # as if it had been approved so from the start: one commit
    git(author, "commit", "-q", "--amend", "-m", "A Hugo site, one page with HTML the Dutch lacks")
    code, output = run_task(tasks.export, author)
    assert f"{DOCUMENT}: English held back: its English has HTML the Dutch does not have" in output, output
    assert not pair.english_file().exists()
    code, printed = run_task(tasks.status, author, json=True)
    [document] = [document for document in json.loads(printed)["documents"] if document["id"] == DOCUMENT]
    assert document["live"]["state"] == "held" and document["live"]["reasons"][0].startswith("its English has HTML the Dutch does not have")


def _a_bold_word_waits(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """The basic site in git, every page approved and exported into an output folder, then an approval of English
    with a tag the Dutch lacks (the check silenced) committed: the site, the output folder and the English written."""
    root, out = copy_site("basic", tmp_path), tmp_path / "content"
    site = Site.open(root)
    git(root, "init", "-q")
    approve(site, lambda entry: ENGLISH.get(entry.msgid, entry.msgid))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Every page approved")
    assert export(site, out).translated == ("blog/eerste", "topics/thema")
    before = (out / "en/blog/eerste.md").read_bytes()
    approve(site, lambda entry: "Why do I <b>write</b>?" if entry.msgid == "Waarom schrijf ik?" else ENGLISH.get(entry.msgid, entry.msgid))
    catalog = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    for entry in catalog:
        entry.tcomment = "ignore: markup"
    catalog.save(str(site.catalog_path("blog/eerste")))
    git(root, "commit", "-qam", "A bold word")
    return root, out, before


def test_export_into_an_output_folder_keeps_the_earlier_english_while_publish_shows_the_tag_as_text(tmp_path: Path) -> None:
    """The default layout: publish's own site shows the translator's tag as text (its English is live there, and
    status, which speaks of that site, says so); the export for another generator keeps the version before it."""
    root, out, before = _a_bold_word_waits(tmp_path)
    report = export(Site.open(root), out)
    assert [live.document_id for live in report.older] == ["blog/eerste"] and not report.held_back
    assert (out / "en/blog/eerste.md").read_bytes() == before
    code, printed = run_task(tasks.status, root, json=True)
    assert {document["id"]: document["live"]["state"] for document in json.loads(printed)["documents"]}["blog/eerste"] == "current"


def test_an_earlier_version_live_english_took_for_export_is_not_judged_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``live_english(exported=True)`` takes an earlier version only when export refuses nothing in it (judged against
    the Dutch as it is now); export writes that version without judging it again, its links mapped from one parse."""
    from publish_pipeline.output import export as export_module
    from publish_pipeline.quality import live as live_module

    root, out, written = _a_bold_word_waits(tmp_path)
    judged: list[str] = []
    real = live_module.refused_english
    monkeypatch.setattr(live_module, "refused_english", lambda english, *rest: judged.append(english) or real(english, *rest))
    monkeypatch.setattr(export_module, "refused_english", lambda english, *rest: judged.append(english) or real(english, *rest))
    report = export(Site.open(root), out)
    assert [live.document_id for live in report.older] == ["blog/eerste"] and not report.errors
    assert len(judged) == 1 and "<b>" not in judged[0]  # the earlier version, once (the current one is the verdict's)
    assert (out / "en/blog/eerste.md").read_bytes() == written


def test_a_field_added_to_translate_fields_lets_the_approved_english_stay_while_its_entries_wait(tmp_path: Path) -> None:
    """The earlier PO files have no entries for a field added since: that version passes as it did (the field's
    Dutch value in its English, as then), so the page's update waits and its English stays on the site."""
    pair = Pair(tmp_path, "hugo-by-filename")
    author = pair.author
    assert not export(Site.open(author)).errors
    before = pair.english_file().read_bytes()
    with (author / "pipeline.yaml").open("a", encoding="utf-8") as config:
        config.write("translate_fields: [title, summary, tags]\n")
    extract(Site.open(author))
    pair.commit(author, "The tags are translated too")
    code, output = run_task(tasks.export, author)
    assert "English update waits: 2 entries untranslated" in output and "no file changed: 1 document's English update waits" in output, output
    assert pair.english_file().read_bytes() == before
    code, printed = run_task(tasks.status, author, json=True)
    [document] = [document for document in json.loads(printed)["documents"] if document["id"] == DOCUMENT]
    assert document["live"]["state"] == "older" and "untranslated" in " ".join(document["live"]["reasons"]), document


def test_a_version_committed_without_extract_is_judged_with_the_translate_fields_of_its_commit(tmp_path: Path) -> None:
    """A Dutch summary committed without extract (its PO file then had no entry for it, though summary was translated
    then as now) made no approved English: that version never passes, so the English approved before it stays, without
    Dutch in its summary. Only a field added to translate_fields later is excused (the test above)."""
    pair = Pair(tmp_path, "hugo-by-filename")
    author = pair.author
    approved = git(author, "rev-parse", "HEAD").stdout.strip()
    third = author / "content/blog/derde.md"
    third.write_text(third.read_text(encoding="utf-8").replace("translationKey", "summary: Een Nederlandse samenvatting\ntranslationKey"), encoding="utf-8")
    pair.commit(author, "A summary, committed without extract")
    third.write_text(third.read_text(encoding="utf-8").replace("Het derde bericht.", "Het derde bericht, herschreven."), encoding="utf-8")
    extract(Site.open(author))
    pair.commit(author, "The body rewritten, extracted")
    code, printed = run_task(tasks.status, author, json=True)
    [document] = [document for document in json.loads(printed)["documents"] if document["id"] == "blog/derde"]
    assert (document["live"]["state"], document["live"]["commit"]) == ("older", approved), document
    code, output = run_task(tasks.export, author)
    assert code == 0, output
    exported = (author / "content/blog/derde.en.md").read_text(encoding="utf-8")
    assert "Het derde post." in exported and "samenvatting" not in exported, exported


def test_an_earlier_versions_url_is_judged_where_hugo_serves_it(tmp_path: Path) -> None:
    """``pagina.md`` with ``url: /blog/pagina/`` has its English at ``/en/blog/eerste-post-en/`` in Hugo (its English
    slug under its url), where the waiting post's earlier English is: publish's own addresses (``/en/eerste-post-en/``)
    differ, so both were exported, two pages at one address. The earlier version is held back, as a current page keeps its URL."""
    pair = Pair(tmp_path, "hugo-by-filename")
    author = pair.author
    path = pair.source(author)
    path.write_bytes(path.read_bytes().replace(b"Tekst van", b"Nieuwe tekst van"))
    (author / "content/pagina.md").write_text("---\ntitle: Pagina\nurl: /blog/pagina/\n---\nDe pagina.\n", encoding="utf-8")
    extract(Site.open(author))
    page = Site.open(author).catalog_path("pagina")
    catalog = polib.pofile(str(page), wrapwidth=0)
    for entry in catalog:
        entry.msgstr, entry.flags = {"pagina": "eerste-post-en", "Pagina": "Page", "De pagina.": "The page."}[entry.msgid], []
    catalog.save(str(page))
    pair.commit(author, "An edit, and a page whose English Hugo serves at the first post's URL")
    report = export(Site.open(author))
    held = dict(report.held_back)
    assert DOCUMENT in held and "has the English URL /en/blog/eerste-post-en/, which another page has now" in " ".join(held[DOCUMENT]), report
    assert not pair.english_file().exists() and "pagina" in report.translated
    public = fresh_build(author)
    assert "The page." in (public / "en/blog/eerste-post-en/index.html").read_text(encoding="utf-8")
