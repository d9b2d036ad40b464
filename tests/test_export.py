from __future__ import annotations

from pathlib import Path

import polib
import pytest

from conftest import copy_site
from publish_pipeline.text import markdown
from publish_pipeline.text.document import parse_document
from publish_pipeline.output.export import export
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.site import Site
from test_status import ENGLISH


def test_demo_exports_every_dutch_document_and_the_approved_english_ones(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    out = tmp_path / "content"
    report = export(Site.open(root), out)
    assert not report.errors
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
        "en/blog/loyaliteit-is-geen-blinde-trouw.md",
        "en/topics/vertrouwen.md",
        "nl/blog/frictie-als-brandstof.md",
        "nl/blog/loyaliteit-is-geen-blinde-trouw.md",
        "nl/blog/samenwerken-aan-complexe-opgaven.md",
        "nl/blog/weerstand-bestaat-niet.md",
        "nl/topics/vertrouwen.md",
    ]
    assert (out / "nl/topics/vertrouwen.md").read_bytes() == (root / "source_nl/topics/vertrouwen.md").read_bytes()
    english = parse_document((out / "en/topics/vertrouwen.md").read_text(encoding="utf-8"), "topics/vertrouwen", "en")
    assert english.front_matter["title"] == "Trust"
    assert str(english.front_matter["date"]) == "2018-09-12"
    html = markdown.render(english.body)
    assert "<h2>What is trust?</h2>" in html
    assert '<img src="/images/vertrouwen-en-loyaliteit.svg" alt="Trust and loyalty - Annemarie Mars" title="Trust and loyalty" />' in html
    assert dict(report.held_back)["blog/frictie-als-brandstof"] == ("42 entries untranslated",)


def test_export_follows_the_links_of_each_folder_it_writes_into_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of files go into a few folders: each folder is resolved once per export (a link put there
    between two exports is still found: see test_outputs' test_export_does_not_write_through_a_link_in_its_own_folder)."""
    root = copy_site("demo", tmp_path)
    out = tmp_path / "content"
    resolved: list[Path] = []
    resolve = Path.resolve

    def counting(path: Path, strict: bool = False) -> Path:
        if path.is_relative_to(out) and path != out:  # the folder itself is looked at when it is claimed
            resolved.append(path)
        return resolve(path, strict)

    monkeypatch.setattr(Path, "resolve", counting)
    report = export(Site.open(root), out)
    assert len(report.source) == 5 and len(report.translated) == 2
    assert sorted(resolved) == sorted({out / "en/blog", out / "en/topics", out / "nl/blog", out / "nl/topics"})

def test_an_outdated_or_draft_document_is_held_back_and_its_old_export_removed(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    out = tmp_path / "content"
    site = Site.open(root)
    export(site, out)
    assert (out / "en/topics/vertrouwen.md").exists()

    source = root / "source_nl/topics/vertrouwen.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Hoe werk je aan vertrouwen?", "Hoe werk jij aan vertrouwen?"), encoding="utf-8")
    report = export(site, out)
    assert dict(report.held_back)["topics/vertrouwen"] == ("the PO file is behind the document (1 new text, 1 entry of Dutch it no longer has): run extract",)
    assert not (out / "en/topics/vertrouwen.md").exists()
    # its Dutch copy written, its English removed (no git history), and the English that links to it made again:
    # its link now goes to the Dutch page
    assert (report.written, report.removed, report.kept) == (2, 1, 4)
    assert "]: /topics/vertrouwen/" in (out / "en/blog/loyaliteit-is-geen-blinde-trouw.md").read_text(encoding="utf-8")
    assert (export(site, out).written, export(site, out).removed) == (0, 0)

    extract(site)
    report = export(site, out)
    assert dict(report.held_back)["topics/vertrouwen"] == ("1 entry needs review (fuzzy in the PO file; the Dutch changed)",)

    po_path = root / "translations/en/topics/vertrouwen.po"
    po = polib.pofile(str(po_path), wrapwidth=0)
    for entry in po:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save(str(po_path))
    assert "topics/vertrouwen" in export(site, out).translated

    loyal = root / "source_nl/blog/loyaliteit-is-geen-blinde-trouw.md"
    loyal.write_text(loyal.read_text(encoding="utf-8").replace("date: 2019-03-14", "date: 2019-03-14\ndraft: true"), encoding="utf-8")
    report = export(site, out)
    assert dict(report.held_back)["blog/loyaliteit-is-geen-blinde-trouw"] == ("marked 'draft: true' in its front matter",)
    assert not (out / "en/blog/loyaliteit-is-geen-blinde-trouw.md").exists()


def test_export_never_removes_files_it_did_not_write(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    out = tmp_path / "content"
    export(Site.open(root), out)
    (out / "nl/blog/handmatig.md").write_text("mine", encoding="utf-8")
    (root / "source_nl/blog/eerste.md").unlink()
    export(Site.open(root), out)
    assert (out / "nl/blog/handmatig.md").read_text(encoding="utf-8") == "mine"
    assert not (out / "nl/blog/eerste.md").exists()
    assert (out / "nl/topics/thema.md").exists()


HOSTILE = {
    "Waarom schrijf ik?": "Why <script>alert(1)</script> do I write?",
    "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat.": "I write [to find out](javascript:alert(1)) what I think.\nSometimes that works.",
}


def test_english_the_site_would_escape_is_held_back_from_export_with_why(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    site = Site.open(root)
    extract(site)
    for document, english in (("blog/eerste", {**ENGLISH, **HOSTILE}), ("topics/thema", {"Thema": "Theme"})):
        po = polib.pofile(str(site.catalog_path(document)), wrapwidth=0)
        for entry in po:
            entry.msgstr, entry.flags, entry.tcomment = english.get(entry.msgid, entry.msgid), [], "ignore: markup, numbers, unchanged"
        po.save()
    out = tmp_path / "content"
    report = export(site, out)
    assert report.translated == ("topics/thema",)
    [reason] = dict(report.held_back)["blog/eerste"]
    assert reason.startswith("its English has HTML the Dutch does not have or a link that is not http, https, mailto or relative ('<script>'")
    assert "javascript:alert(1)" in reason
    exported = "".join(path.read_text(encoding="utf-8") for path in (out / "en").rglob("*.md"))
    assert "<script" not in exported and "javascript:" not in exported


def test_html_the_dutch_has_and_safe_links_are_exported() -> None:
    dutch = "Een <b>vet</b> woord en [een link](https://x.nl)."
    assert markdown.refused_by_site("A <b>bold</b> word and [a link](https://x.nl), [mail](mailto:a@b.nl), [here](/a/).", markdown.html_of(dutch)) == []
    assert markdown.refused_by_site("<i>x</i> ![a](data:text/html,x) <javascript:alert(1)>", markdown.html_of(dutch)) == [
        "<i>", "</i>", "data:text/html,x", "javascript:alert(1)"
    ]


def test_loose_html_that_commonmark_calls_text_is_held_back_too(tmp_path: Path) -> None:
    """``<img/src=x/onerror=…>`` is text to CommonMark (the site escapes it) but HTML to a browser: not exported."""
    site = Site.open(copy_site("basic", tmp_path))
    extract(site)
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    for entry in po:
        entry.msgstr, entry.flags, entry.tcomment = ENGLISH.get(entry.msgid, entry.msgid), [], "ignore: markup, numbers, unchanged, sentences, punctuation, dutch"
        if entry.msgid == "Boeken bestellen":
            entry.msgstr = "Order books <img/src=x/onerror=alert(1)>"
    po.save()
    report = export(site, tmp_path / "content")
    [reason] = dict(report.held_back)["blog/eerste"]
    assert "'<img/src=x/onerror=alert(1)>'" in reason
    assert not (tmp_path / "content/en/blog/eerste.md").exists()


def test_a_rewritten_file_keeps_its_permissions_and_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from publish_pipeline.output import export as export_module

    root = copy_site("demo", tmp_path)
    out = tmp_path / "content"
    site = Site.open(root)
    export(site, out)
    copy = out / "nl/topics/vertrouwen.md"
    assert copy.stat().st_mode & 0o777 == 0o644
    copy.chmod(0o640)
    source = root / "source_nl/topics/vertrouwen.md"
    source.write_text(source.read_text(encoding="utf-8").replace("vertrouwen?", "vertrouwen!"), encoding="utf-8")
    export(site, out)
    assert copy.read_bytes() == source.read_bytes() and copy.stat().st_mode & 0o777 == 0o640

    before = copy.read_bytes()
    source.write_text(source.read_text(encoding="utf-8").replace("vertrouwen!", "vertrouwen?!"), encoding="utf-8")

    def full_disk(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "_write_bytes", lambda data, path: full_disk(path))
    with pytest.raises(OSError) as raised:
        export(site, out)
    assert raised.value.filename == str(copy) and raised.value.strerror == "No space left on device"
    assert copy.read_bytes() == before and not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    monkeypatch.undo()
    export(site, out)
    assert copy.read_bytes() == source.read_bytes()  # the next export writes it
