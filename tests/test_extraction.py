from __future__ import annotations

import datetime
import gc
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import copy_site, msgfmt_check, snapshot
from engine_server import EngineServer
from test_tasks import run as run_program
from publish_pipeline.drafts.drafting import draft
from publish_pipeline.catalogs import extraction
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.text import markdown
from publish_pipeline.site import Site
from publish_pipeline.quality.status import assess_site

NOW = datetime.datetime(2026, 11, 28, 9, 30, tzinfo=datetime.timezone.utc)


def run(root: Path):
    return extract(Site.open(root), now=NOW)


def test_one_po_file_per_document_mirroring_the_source_tree(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    report = run(root)
    assert not report.errors
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*.po")) == [
        "translations/en/blog/eerste.po",
        "translations/en/topics/thema.po",
    ]
    for path in root.rglob("*.po"):
        msgfmt_check(path)


def test_po_entries_follow_the_document_with_references_and_contexts(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    run(root)
    po = polib.pofile(str(root / "translations/en/blog/eerste.po"))
    assert [(e.msgctxt, e.msgid) for e in po] == [
        ("title", "Mijn eerste blog"),
        ("summary", "Een korte blog om mee te testen."),
        (None, "Waarom schrijf ik?"),
        (None, "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat."),
        (None, "Boeken bestellen"),
        (None, "Abonneer je hier op mijn blog"),
    ]
    repeated = po.find("Boeken bestellen")
    assert repeated.occurrences == [("source_nl/blog/eerste.md", "13"), ("source_nl/blog/eerste.md", "16")]
    assert repeated.comment == "list item"
    assert po.metadata["Language"] == "en"
    assert po.metadata["Project-Id-Version"] == "basic test site"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert all(e.msgstr == "" and not e.fuzzy for e in po)


def test_the_po_header_names_the_site_by_its_site_name_and_a_new_name_rewrites_no_file_by_itself(tmp_path: Path) -> None:
    """The trial: a site that gives only ``site_name`` (as README asks) had "publish-pipeline site" in every PO header.
    Its name is the Project-Id-Version; renamed, each file takes the new name when extract writes it anyway, and an
    extract with nothing else to do writes no file (a commit of every PO file for a header line helps nobody)."""
    root = copy_site("basic", tmp_path)
    (root / "pipeline.yaml").write_text("site_name: Anne-Marie Mars\n", encoding="utf-8")
    extract_task = ["publish_pipeline", "extract", "--root", str(root)]
    assert run_program(*extract_task).stdout == "extract: 2 documents, 13 segments, 2 PO files written\n"
    for document in ("blog/eerste", "topics/thema"):
        po = root / f"translations/en/{document}.po"
        assert polib.pofile(str(po)).metadata["Project-Id-Version"] == "Anne-Marie Mars"
        msgfmt_check(po)
    (root / "pipeline.yaml").write_text("site_name: Anne-Marie Mars Advies\n", encoding="utf-8")
    before = snapshot(root)
    assert run_program(*extract_task).stdout == "extract: 2 documents, 13 segments, 0 PO files written\n"
    assert snapshot(root) == before
    source = root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    assert run_program(*extract_task).stdout == "extract: 2 documents, 14 segments, 1 PO file written\n"
    assert polib.pofile(str(root / "translations/en/blog/eerste.po")).metadata["Project-Id-Version"] == "Anne-Marie Mars Advies"
    assert (root / "translations/en/topics/thema.po").read_bytes() == before["translations/en/topics/thema.po"]


def test_a_second_extract_changes_no_byte_and_touches_no_file(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    run(root)
    before = snapshot(root)
    times = {p: p.stat().st_mtime_ns for p in root.rglob("*.po")}
    report = extract(Site.open(root), now=NOW + datetime.timedelta(days=3))
    assert report.written == 0
    assert snapshot(root) == before
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*.po")} == times


def test_the_demo_translations_are_up_to_date_and_valid(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    before = snapshot(root)
    report = run(root)
    assert not report.errors and not report.orphans
    assert report.written == 0, "the committed PO files are behind source_nl/: run invoke extract"
    assert snapshot(root) == before
    for path in root.rglob("*.po"):
        msgfmt_check(path)


def test_edits_are_merged_like_msgmerge_previous(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    run(root)
    po_path = root / "translations/en/blog/eerste.po"
    po = polib.pofile(str(po_path), wrapwidth=0)
    english = {
        "Mijn eerste blog": "My first blog",
        "Waarom schrijf ik?": "Why do I write?",
        "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat.": "I write to discover what I think.\nSometimes that works.",
        "Abonneer je hier op mijn blog": "Subscribe to my blog here",
    }
    for entry in po:
        entry.msgstr = english.get(entry.msgid, "")
    po.find("Abonneer je hier op mijn blog").tcomment = "reviewed by Sanne"
    po.save(str(po_path))

    source = root / "source_nl/blog/eerste.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("Soms lukt dat.", "Soms lukt dat niet.")  # changed
    text = text.replace("## Waarom schrijf ik?\n", "")  # removed
    text += "\nEen nieuwe alinea.\n"  # added
    source.write_text(text, encoding="utf-8")
    report = run(root)
    assert not report.errors
    po = polib.pofile(str(po_path), wrapwidth=0)

    changed = po.find("Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat niet.")
    assert changed.fuzzy
    assert changed.msgstr == "I write to discover what I think.\nSometimes that works."
    assert changed.previous_msgid == "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat."
    kept = po.find("Abonneer je hier op mijn blog")
    assert (kept.msgstr, kept.fuzzy, kept.tcomment) == ("Subscribe to my blog here", False, "reviewed by Sanne")
    assert po.find("Een nieuwe alinea.").msgstr == ""
    gone = po.find("Waarom schrijf ik?", include_obsolete_entries=True)
    assert gone.obsolete and gone.msgstr == "Why do I write?"
    assert "#~ msgid \"Waarom schrijf ik?\"" in po_path.read_text(encoding="utf-8")
    msgfmt_check(po_path)

    # The removed heading returns: its translation comes back with it.
    source.write_text(text.replace("\nIk schrijf", "\n## Waarom schrijf ik?\n\nIk schrijf"), encoding="utf-8")
    run(root)
    po = polib.pofile(str(po_path), wrapwidth=0)
    back = po.find("Waarom schrijf ik?")
    assert not back.obsolete and back.msgstr == "Why do I write?" and not back.fuzzy
    assert not po.obsolete_entries()


def test_clearing_fuzzy_in_an_editor_is_approval_and_survives(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    run(root)
    po_path = root / "translations/en/topics/thema.po"
    po = polib.pofile(str(po_path), wrapwidth=0)
    entry = po.find("Thema", msgctxt="title")
    entry.msgstr, entry.flags = "Theme", ["fuzzy"]
    entry.tcomment = "mt: google 2026-11-28"
    po.save(str(po_path))
    run(root)
    assert polib.pofile(str(po_path)).find("Thema", msgctxt="title").fuzzy
    po = polib.pofile(str(po_path), wrapwidth=0)
    po.find("Thema", msgctxt="title").flags = []
    po.save(str(po_path))
    run(root)
    approved = polib.pofile(str(po_path)).find("Thema", msgctxt="title")
    assert (approved.msgstr, approved.fuzzy, approved.tcomment) == ("Theme", False, "mt: google 2026-11-28")


def test_orphaned_po_files_are_reported_never_deleted(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    run(root)
    (root / "source_nl/topics/thema.md").unlink()
    report = run(root)
    assert report.orphans == ("translations/en/topics/thema.po",)
    assert (root / "translations/en/topics/thema.po").exists()


def test_a_renamed_document_takes_its_po_file_and_keeps_its_english_slug(tmp_path: Path) -> None:
    """Renamed without its PO file: extract moves the PO file (approvals kept), and the approved English slug
    stays approved under the new Dutch slug (the page keeps its English address, and stays live); a new,
    different document beside a deleted one takes nothing."""
    root = copy_site("basic", tmp_path)
    seeds = "---\ntitle: Zaden bewaren\n---\n\nZaden bewaren is makkelijk.\n\nDroog ze eerst goed.\n"
    (root / "source_nl/blog/zaden.md").write_text(seeds, encoding="utf-8")
    run(root)
    path = root / "translations/en/blog/zaden.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr = "saving-seeds" if entry.msgctxt == "slug" else f"EN {entry.msgid}"
    po.save(str(path))
    (root / "source_nl/blog/zaden.md").rename(root / "source_nl/blog/zaden-bewaren.md")
    (root / "source_nl/topics/thema.md").unlink()
    (root / "source_nl/topics/anders.md").write_text("---\ntitle: Iets anders\n---\n\nHeel iets anders.\n", encoding="utf-8")
    report = run(root)
    assert report.renamed == (("translations/en/blog/zaden.po", "translations/en/blog/zaden-bewaren.po"),)
    assert report.orphans == ("translations/en/topics/thema.po",)  # not taken by the new, different document
    moved = polib.pofile(str(root / "translations/en/blog/zaden-bewaren.po"), wrapwidth=0)
    [slug] = [entry for entry in moved if entry.msgctxt == "slug"]
    assert (slug.msgid, slug.msgstr, slug.fuzzy) == ("zaden-bewaren", "saving-seeds", False)  # the English address stays
    assert all(entry.msgstr == f"EN {entry.msgid}" and not entry.fuzzy for entry in moved if entry.msgctxt != "slug")
    assert not path.exists() and not moved.obsolete_entries()
    assert not any(entry.msgstr for entry in polib.pofile(str(root / "translations/en/topics/anders.po")))
    msgfmt_check(root / "translations/en/blog/zaden-bewaren.po")


EXPECTED_ERRORS = {
    "source_nl/blog/datum.md:3": "front matter: 'date' is not a date: '3 maart'",
    "source_nl/blog/kapotte-yaml.md:3": "front matter: a quoted value opens here and is never closed",
    "source_nl/blog/latin1.md:4": "not UTF-8 text (byte 0xe9)",
    "source_nl/blog/lijst.md:2": "front matter: expected 'key: value' lines, found a list",
    "source_nl/blog/zonder-front-matter.md:1": "no front matter: the file must start with a '---' line, then 'title: …', then '---'",
    "source_nl/blog/zonder-titel.md:2": "front matter: 'title' is missing",
    "translations/en/blog/kapotte-po.po:11": "PO syntax error: 'msgstr \"First paragraph.': the text has no closing double quote",
    "translations/en/blog/conflict.po:8": "git merge conflict marker; the file holds two versions",
}


def test_bad_input_gets_one_clear_error_each_and_loses_nothing(tmp_path: Path) -> None:
    root = copy_site("broken", tmp_path)
    before = snapshot(root)
    report = run(root)
    assert {error.where: error.problem for error in report.errors} == EXPECTED_ERRORS
    assert [item.document_id for item in report.extracted] == ["blog/goed"]
    after = snapshot(root)
    assert {name: data for name, data in after.items() if name in before} == before
    assert set(after) - set(before) == {"translations/en/blog/goed.po"}


def test_a_symbolic_link_out_of_the_site_is_refused(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    outside = tmp_path / "elders.md"
    outside.write_text("---\ntitle: Elders\n---\nGeheim.\n", encoding="utf-8")
    (root / "source_nl/blog/link.md").symlink_to(outside)
    report = run(root)
    [error] = report.errors
    assert error.where == "source_nl/blog/link.md"
    assert error.problem.startswith("leads outside the site folder")
    assert not (root / "translations/en/blog/link.po").exists()


def test_a_po_file_linked_out_of_the_site_is_never_written(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    target = tmp_path / "victim.po"
    target.write_text("", encoding="utf-8")
    (root / "translations/en/blog").mkdir(parents=True)
    (root / "translations/en/blog/eerste.po").symlink_to(target)
    report = run(root)
    assert [error.where for error in report.errors] == ["translations/en/blog/eerste.po"]
    assert target.read_text(encoding="utf-8") == ""


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_site("demo", tmp_path)
    po_path = root / "translations/en/topics/vertrouwen.po"
    before = po_path.read_bytes()
    source = root / "source_nl/topics/vertrouwen.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")

    real_replace = os.replace

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    report = run(root)
    monkeypatch.setattr(os, "replace", real_replace)
    assert [e.message for e in report.errors] == [
        "translations/en/topics/vertrouwen.po: cannot write the PO file: No space left on device"
    ]
    assert po_path.read_bytes() == before
    assert not list(po_path.parent.glob(".*.tmp"))


def test_a_linked_folder_out_of_the_site_is_refused(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    outside = tmp_path / "elders"
    outside.mkdir()
    (outside / "geheim.md").write_text("---\ntitle: Geheim\n---\nGeheim.\n", encoding="utf-8")
    (root / "source_nl/extern").symlink_to(outside, target_is_directory=True)
    report = run(root)
    assert [(error.where, error.problem.split(" (")[0]) for error in report.errors] == [
        ("source_nl/extern", "leads outside the site folder")
    ]
    assert len(report.extracted) == 2


def test_unchanged_documents_are_skipped_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from publish_pipeline.catalogs import extraction

    root = copy_site("basic", tmp_path)
    first = run(root)
    parsed: list[str] = []
    real = extraction.load_unit
    monkeypatch.setattr(extraction, "load_unit", lambda site, path, **options: parsed.append(path.name) or real(site, path, **options))
    again = run(root)
    assert parsed == [] and [(e.document_id, e.segments, e.written) for e in again.extracted] == [
        (e.document_id, e.segments, False) for e in first.extracted
    ]
    source = root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")
    po = root / "translations/en/topics/thema.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Jaar"\nmsgstr ""', 'msgid "Jaar"\nmsgstr "Year"'), encoding="utf-8")
    assert run(root).written == 1 and sorted(parsed) == ["eerste.md", "thema.md"]
    assert 'msgstr "Year"' in po.read_text(encoding="utf-8")
    (root / ".cache/publish_pipeline/extract-state.json").write_text("{damaged", encoding="utf-8")
    parsed.clear()
    assert not run(root).errors and len(parsed) == 2


def test_large_sites_are_extracted_in_parallel_with_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from publish_pipeline.catalogs import extraction

    roots = []
    for name in ("serial", "parallel"):
        root = tmp_path / name
        (root / "source_nl/blog").mkdir(parents=True)
        for number in range(40):
            (root / f"source_nl/blog/p{number:02d}.md").write_text(f"---\ntitle: Post {number}\n---\nTekst {number}.\n", encoding="utf-8")
        (root / "source_nl/blog/kapot.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
        roots.append(root)
    serial = run(roots[0])
    monkeypatch.setattr(extraction, "PARALLEL_FROM", 8)
    parallel = run(roots[1])
    assert [e.message for e in parallel.errors] == [e.message for e in serial.errors] != []
    assert [(e.document_id, e.written) for e in parallel.extracted] == [(e.document_id, e.written) for e in serial.extracted]
    assert snapshot(roots[0] / "translations") == snapshot(roots[1] / "translations")


def test_a_batch_keeps_no_parse_or_catalog_while_it_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # what writing and reporting need is the text: a whole batch of parses and catalogs kept alive
    # made each of the garbage collector's full passes several times as long
    from publish_pipeline.catalogs.catalog import Catalog

    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    for number in range(16):
        (root / f"source_nl/blog/p{number:02d}.md").write_text(f"---\ntitle: Post {number}\n---\nTekst {number}.\n", encoding="utf-8")
    monkeypatch.setattr(extraction, "WRITE_BATCH", 8)
    alive, write = [], extraction.replace_many_if_unchanged

    def writing(writes: list) -> list:
        gc.collect()  # only what something still holds: not the garbage of earlier tests
        alive.append(sum(isinstance(thing, Catalog) for thing in gc.get_objects()))
        return write(writes)

    monkeypatch.setattr(extraction, "replace_many_if_unchanged", writing)
    assert run(root).written == 16
    assert alive == [0, 0]  # 8 each before


def crlf(path: Path) -> bool:
    """Every line of the file ends in CRLF."""
    data = path.read_bytes()
    return data.count(b"\r\n") == data.count(b"\n") > 0


def test_a_crlf_po_file_goes_through_extract_draft_and_status_keeping_its_line_ends(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    run(root)
    path = root / "translations/en/blog/eerste.po"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # saved by a Windows editor, or git's autocrlf
    source = root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    report = run(root)
    assert (report.errors, report.written) == ((), 1)
    assert crlf(path) and "Een nieuwe alinea." in polib.pofile(str(path)).find("Een nieuwe alinea.").msgid
    msgfmt_check(path)
    with EngineServer() as server:
        drafted = draft(Site.open(root), today=datetime.date(2026, 11, 28), url=server.url, sleep=lambda seconds: None)
    assert not drafted.errors and not drafted.failures
    assert crlf(path) and all(entry.msgstr for entry in polib.pofile(str(path)))
    msgfmt_check(path)
    status = assess_site(Site.open(root))
    assert not status.errors
    eerste = next(d for d in status.documents if d.document_id == "blog/eerste")
    assert eerste.counts == {"approved": 0, "draft": 7, "outdated": 0, "untranslated": 0}
    assert run(root).written == 0


PASTED = "\u2028\u2029\x85\x1c\x1d\x1e\x1f"
"""Line and paragraph separators and the like, as a paste from Word or Google Docs brings them."""


def test_pasted_separators_in_dutch_text_keep_both_pages(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    source = root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Soms lukt dat.", f"Soms{PASTED}lukt dat."), encoding="utf-8")
    assert run(root).errors == ()
    path = root / "translations/en/blog/eerste.po"
    msgfmt_check(path)
    assert any(PASTED in entry.msgid for entry in polib.pofile(str(path)))
    (root / ".cache").rename(root / "old-cache")  # read everything again
    assert (run(root).errors, run(root).written) == ((), 0)
    status = assess_site(Site.open(root))
    assert not status.errors and {d.document_id for d in status.documents} == {"blog/eerste", "topics/thema"}


def test_a_character_no_po_file_can_hold_costs_only_its_document(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    source = root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Soms lukt dat.", "Soms \x04 lukt dat."), encoding="utf-8")
    report = run(root)
    assert [(error.where, error.problem) for error in report.errors] == [
        ("source_nl/blog/eerste.md:10", "the text holds the control character U+0004, which no PO file can hold")
    ]
    assert [item.document_id for item in report.extracted] == ["topics/thema"]


def test_a_plural_entry_is_reported_and_kept(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    run(root)
    path = root / "translations/en/blog/eerste.po"
    with path.open("a", encoding="utf-8") as stream:
        stream.write('\nmsgid "een boek"\nmsgid_plural "%d boeken"\nmsgstr[0] "a book"\nmsgstr[1] "%d books"\n')
    before = path.read_bytes()
    report = run(root)
    [error] = report.errors
    line = before.decode("utf-8").split("\n").index('msgid_plural "%d boeken"') + 1
    assert (error.where, error.problem.split(":")[0]) == (f"translations/en/blog/eerste.po:{line}", "a plural entry (msgid_plural)")
    assert path.read_bytes() == before
    assert [item.document_id for item in report.extracted] == ["topics/thema"]


def test_poedit_mo_files_are_ignored_by_git_and_by_us(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    run(root)
    mo = root / "translations/en/blog/eerste.mo"
    mo.write_bytes(b"\xde\x12\x04\x95binary")
    report = run(root)
    assert (report.errors, report.orphans) == ((), ())
    assert mo.read_bytes() == b"\xde\x12\x04\x95binary"
    repo = Path(__file__).parent.parent
    ignored = subprocess.run(["git", "-C", str(repo), "check-ignore", "--no-index", "-q", "translations/en/blog/x.mo"])
    assert ignored.returncode == 0, ".gitignore must ignore the .mo files Poedit writes beside PO files"


def test_extract_makes_no_html_set_nobody_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the body's raw HTML is for judging a kept parse; extract keeps none, so making it was waste
    root = copy_site("demo", tmp_path)
    expected = copy_site("demo", tmp_path / "expected")
    assert not run(expected).errors
    monkeypatch.setattr(markdown, "html_in", lambda tokens: pytest.fail("extract made the body's HTML"))
    assert not run(root).errors
    assert {p.relative_to(root): p.read_bytes() for p in root.rglob("*.po")} == {p.relative_to(expected): p.read_bytes() for p in expected.rglob("*.po")}


HTML_BODIES = [
    "Tekst met <em>nadruk</em> en <span class=\"x\">meer</span>.\n",
    "<div class=\"kader\">\n<p>Een <b>blok</b> met tekst.</p>\n</div>\n\nDaarna <kbd>Ctrl</kbd>.\n",
    "> Citaat met <abbr title=\"iets\">afk</abbr>\n\n- lijst <i>item</i>\n\n| a | <b>b</b> |\n|---|---|\n| <u>c</u> | d |\n",
    "[link]: /x \"Titel\"\n\nEen [<b>link</b>][link] en ![<i>alt</i>](/a.png).\n\n<!-- commentaar -->\n",
    "Geen HTML hier, wel `<code>` en \\<escaped>.\n",
]


@pytest.mark.parametrize("body", HTML_BODIES)
def test_a_kept_parse_carries_the_html_of_its_body(tmp_path: Path, body: str) -> None:
    root = copy_site("basic", tmp_path)
    source = root / "source_nl/blog/eerste.md"
    front, _, _ = source.read_text(encoding="utf-8").partition("\n---\n")
    source.write_text(f"{front}\n---\n{body}", encoding="utf-8")
    site = Site.open(root)
    unkept = extraction.load_unit(site, source, remember=False)
    kept = extraction.load_unit(site, source)
    assert kept.html == markdown.html_of(kept.document.body) == extraction.dutch_html(unkept)
    assert kept.html or "Geen HTML" in body


@pytest.mark.parametrize(
    ("front", "said"),
    [
        ('title: "Derde', "source_nl/blog/x.md:2: front matter: a quoted value opens here and is never closed — add its closing quote"),
        ("title: Derde\ntags: [a, b", "source_nl/blog/x.md:3: front matter: a '[' list opens here and is never closed — close it with ']'"),
        ("title: Derde\nextra: {a: 1", "source_nl/blog/x.md:3: front matter: a '{' mapping opens here and is never closed — close it with '}'"),
        ("title: a: b", "source_nl/blog/x.md:2: front matter: the value of 'title' holds ': ', which YAML reads as a new key — "
                        "quote the value: title: \"a: b\""),
        ("title: Regen\ntags:\n\t- tuin", "source_nl/blog/x.md:4: front matter: a tab where YAML allows only spaces — indent with spaces, not tabs"),
        ("title: Regen\ntags:\n  - tuin\n\t- regen", "source_nl/blog/x.md:5: front matter: a tab where YAML allows only spaces — indent with spaces, not tabs"),
    ],
)
def test_front_matter_that_never_closes_a_quote_or_list_is_told_where_it_opens(front: str, said: str) -> None:
    """The YAML parser meets an unclosed quote or list only at the end ('found unexpected end of stream'); the
    author is told where it opens and what closes it, not to quote values with a colon."""
    from publish_pipeline.errors import SourceError
    from publish_pipeline.text.document import read_source

    with pytest.raises(SourceError) as raised:
        read_source(f"---\n{front}\n---\n\nTekst.\n".encode(), "blog/x", "source_nl/blog/x.md")
    assert str(raised.value.message) + (f" — {raised.value.hint}" if raised.value.hint else "") == said


def test_a_tag_never_closed_with_its_angle_bracket_is_refused_at_extract_where_it_opens(tmp_path: Path) -> None:
    """The trial: ``<div class="kader"`` with text after it was extracted as one text, and only a translation of it
    was refused, asking for ``\\<`` in the English although the Dutch itself starts with the '<'. Extract refuses
    the document at the tag's line, as it refuses an HTML comment never closed, and leaves its PO file as it was."""
    root = copy_site("basic", tmp_path)
    assert run_program("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    catalog = (root / "translations/en/blog/eerste.po").read_bytes()
    source = root / "source_nl/blog/eerste.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("## Waarom", '<div class="kader"\nLet op: dit is belangrijk.\n\n## Waarom'), encoding="utf-8")
    result = run_program("publish_pipeline", "extract", "--root", str(root))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "source_nl/blog/eerste.md:8: the tag <div … is not closed with '>' — close it, or write \\< if the < is meant as text"
    ]
    assert (root / "translations/en/blog/eerste.po").read_bytes() == catalog
    source.write_text(text.replace("## Waarom", '<div class="kader">\nLet op: dit is belangrijk.\n\n## Waarom'), encoding="utf-8")
    assert run_program("publish_pipeline", "extract", "--root", str(root)).returncode == 0  # closed, it is HTML, as written


def test_the_bar_moves_while_the_documents_are_shared_between_processes(tmp_path: Path) -> None:
    """The trial: extract's bar stood still while worker processes extracted, then jumped to the end. Like status, it
    is told (``progress.Teller.each``) of the command's own share as it is merged, each item for as many documents as
    there are shares, so the bar moves before any PO file of that share is written and ends at every document."""
    root = copy_site("basic", tmp_path)
    for number in range(extraction.PARALLEL_FROM + 6):
        (root / f"source_nl/blog/bericht-{number}.md").write_text(f"---\ntitle: Bericht {number}\n---\n\nTekst {number}.\n", encoding="utf-8")
    site = Site.open(root)
    total = len(site.source_paths())
    phases: list[tuple[str, int]] = []
    told: list[tuple[float, int]] = []  # each count told, with how many PO files there were then

    def phase(title: str, items: int):
        phases.append((title, items))
        return lambda count, name="": told.append((count, len(list((root / "translations").rglob("*.po")))))

    extract(site, progress=phase)
    assert phases == [("extracting", total)]
    assert len(told) > 2 and told[0][1] < total  # told while the work was under way, not once it was all done
    assert sum(count for count, _ in told) == pytest.approx(total)

    told.clear()
    (root / "source_nl/blog/bericht-0.md").write_text("---\ntitle: Bericht nul\n---\n\nTekst.\n", encoding="utf-8")
    extract(Site.open(root), progress=phase)  # the documents skipped told at once, then the one extracted
    assert [count for count, _ in told] == [total - 1, 1]


def test_a_rival_that_appears_later_refuses_the_document_extracted_before(tmp_path: Path) -> None:
    """``blog/x/index.md`` added beside ``blog/x.md`` (one document id): a cold extract refuses both, but the one
    extracted before was taken from extract's state (its bytes unchanged) and not refused, as status's verdicts
    were before they named their rivals."""
    root = tmp_path / "site"
    (root / "source_nl/blog/x").mkdir(parents=True)
    (root / "source_nl/blog/x.md").write_text("---\ntitle: X\n---\nTekst.\n", encoding="utf-8")
    assert not extract(Site.open(root)).errors
    (root / "source_nl/blog/x/index.md").write_text("---\ntitle: X ook\n---\nMeer.\n", encoding="utf-8")
    for _ in range(2):  # from the state kept, then cold
        errors = sorted(str(error).split(":")[0] for error in extract(Site.open(root)).errors)
        assert errors == ["source_nl/blog/x.md", "source_nl/blog/x/index.md"], errors
        shutil.rmtree(root / ".cache")


def test_a_msgid_the_translator_edited_by_hand_keeps_her_english_in_its_own_paragraph(tmp_path: Path) -> None:
    """The translator mended a typo in the Dutch of her PO file (a text editor lets her) and approved her English;
    the paragraphs beside it hold machine drafts nobody reviewed. The author's extract (the real command line) gives
    her English to its own paragraph only, for review against the Dutch she edited; each neighbour keeps its own draft
    (an entry of unchanged Dutch takes only English no changed text took)."""
    import hashlib

    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("project: test\n", encoding="utf-8")
    paragraphs = ["Vertrouwen groeit langzaam.", "Vertrouwen groeit snel.", "Wantrouwen groeit langzaam."]
    (root / "source_nl/blog/a.md").write_text("---\ntitle: Vertrouwen\n---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert run_program("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    po_path = root / "translations/en/blog/a.po"
    po = polib.pofile(str(po_path), wrapwidth=0)
    drafts = {"Vertrouwen groeit langzaam.": "Trust grows slowly.", "Wantrouwen groeit langzaam.": "Distrust grows slowly."}
    for entry in po:
        if entry.msgid in drafts:
            entry.msgstr, entry.flags = drafts[entry.msgid], ["fuzzy"]
            entry.tcomment = f"mt: google 2026-11-28 draft:{hashlib.sha256(entry.msgstr.encode()).hexdigest()[:10]}"
        elif entry.msgid == "Vertrouwen groeit snel.":
            entry.msgid, entry.msgstr = "Vertrouwen groeit snell.", "Trust grows quickly."  # her hand edit, approved
    po.save(str(po_path))

    result = run_program("publish_pipeline", "extract", "--root", str(root))

    assert result.returncode == 0 and result.stdout.strip().endswith("1 PO file written"), result.stdout + result.stderr
    msgfmt_check(po_path)
    entries = {entry.msgid: entry for entry in polib.pofile(str(po_path), wrapwidth=0) if not entry.obsolete}
    hers = entries["Vertrouwen groeit snel."]
    assert (hers.msgstr, hers.fuzzy, hers.previous_msgid) == ("Trust grows quickly.", True, "Vertrouwen groeit snell.")
    for dutch, english in drafts.items():
        neighbour = entries[dutch]
        assert (neighbour.msgstr, neighbour.fuzzy, neighbour.previous_msgid) == (english, True, None)
        assert neighbour.tcomment.startswith("mt: google")
    assert [entry.msgid for entry in entries.values() if entry.msgstr == "Trust grows quickly."] == ["Vertrouwen groeit snel."]


def test_a_hand_mended_msgid_keeps_her_english_not_a_going_neighbours_draft_of_another_link(tmp_path: Path) -> None:
    """A list of links of the same words: the translator mended a word of the first item's Dutch in her PO file and
    approved her English; the author deleted the second item, whose machine draft nobody reviewed. The first item's
    Dutch differs from the going neighbour's only in its link (``catalog.carry`` could carry that draft) but is nearer
    to the Dutch she edited: it takes her English, to review; the neighbour's draft goes obsolete."""
    import hashlib

    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("project: test\n", encoding="utf-8")
    first, second = "Lees [het boek](https://boeken.example/een).", "Lees [het boek](https://boeken.example/twee)."
    document = root / "source_nl/blog/a.md"
    document.write_text(f"---\ntitle: Boeken\n---\n- {first}\n- {second}\n", encoding="utf-8")
    assert run_program("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    po_path = root / "translations/en/blog/a.po"
    po = polib.pofile(str(po_path), wrapwidth=0)
    hers, draft = "Read [the booklet](https://boeken.example/een).", "Read [the book](https://boeken.example/twee)."
    mended = first.replace("boek]", "boekje]")
    entry = po.find(first)
    entry.msgid, entry.msgstr = mended, hers
    po.find(second).msgstr, po.find(second).flags = draft, ["fuzzy"]
    po.find(second).tcomment = f"mt: google 2026-11-28 draft:{hashlib.sha256(draft.encode()).hexdigest()[:10]}"
    po.save(str(po_path))
    document.write_text(f"---\ntitle: Boeken\n---\n- {first}\n", encoding="utf-8")

    result = run_program("publish_pipeline", "extract", "--root", str(root))

    assert result.returncode == 0, result.stdout + result.stderr
    msgfmt_check(po_path)
    po = polib.pofile(str(po_path), wrapwidth=0)
    entry = po.find(first)
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid, entry.tcomment) == (hers, True, mended, "")
    gone = po.find(second, include_obsolete_entries=True)
    assert gone.obsolete and gone.msgstr == draft
