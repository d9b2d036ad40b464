from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import copy_site, msgfmt_check
from publish_pipeline.catalog import merge, read_catalog
from publish_pipeline.config import SiteConfig
from publish_pipeline.document import parse_document
from publish_pipeline.errors import CatalogError
from publish_pipeline.extraction import extract
from publish_pipeline.segmentation import segment
from publish_pipeline.site import Site

NOW = datetime.datetime(2026, 11, 28, 9, 30, tzinfo=datetime.timezone.utc)
CONFIG = SiteConfig(project="test")


def catalog_for(body: str, old=None):
    document = parse_document(f"---\ntitle: Titel\n---\n{body}", "blog/x", "source_nl/blog/x.md")
    return merge(old, segment(document, CONFIG.translate_fields), document.path, CONFIG, NOW)


def reread(tmp_path: Path, text: str):
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    return read_catalog(path, "x.po")


def test_new_catalog_text_is_valid_unwrapped_and_stable(tmp_path: Path) -> None:
    long_paragraph = " ".join(["vertrouwen"] * 40)
    text = catalog_for(f"{long_paragraph}\n\nTweede regel\nen derde.\n").text()
    assert f'msgid "{long_paragraph}"' in text
    assert 'msgid ""\n"Tweede regel\\n"\n"en derde."' in text
    assert '"PO-Revision-Date: 2026-11-28 09:30+0000\\n"' in text
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    msgfmt_check(path)
    again = catalog_for(f"{long_paragraph}\n\nTweede regel\nen derde.\n", read_catalog(path, "x.po"))
    assert again.text() == text


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="msgcat (GNU gettext) is not installed")
def test_files_survive_a_save_through_msgcat_like_poedit_does(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    for path in root.rglob("*.po"):
        saved = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, text=True, check=True).stdout
        assert saved == path.read_text(encoding="utf-8"), f"{path.name} changes when saved by msgcat"
    # and the reverse: after msgcat rewrapped everything, extract restores the same bytes
    for path in root.rglob("*.po"):
        wrapped = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout
        original = path.read_text(encoding="utf-8")
        path.write_text(wrapped, encoding="utf-8")
        extract(Site.open(root), now=NOW)
        assert path.read_text(encoding="utf-8") == original


def test_a_fuzzy_match_keeps_the_oldest_unreviewed_source_as_previous(tmp_path: Path) -> None:
    text = catalog_for("De kat zit op de mat.\n").text().replace('msgid "De kat zit op de mat."\nmsgstr ""', 'msgid "De kat zit op de mat."\nmsgstr "The cat sits on the mat."')
    second = catalog_for("De kat zit op de grote mat.\n", reread(tmp_path, text))
    third = catalog_for("De kat zat op de grote mat.\n", reread(tmp_path, second.text()))
    assert '#| msgid "De kat zit op de mat."\nmsgid "De kat zat op de grote mat."\nmsgstr "The cat sits on the mat."' in third.text()


def test_an_unrelated_new_text_does_not_inherit_a_translation(tmp_path: Path) -> None:
    old = catalog_for("De kat zit op de mat.\n").text().replace(
        'msgid "De kat zit op de mat."\nmsgstr ""', 'msgid "De kat zit op de mat."\nmsgstr "The cat sits on the mat."'
    )
    new = catalog_for("Morgen regent het in Utrecht.\n", reread(tmp_path, old))
    translations = {t.source: t for t in new.translations}
    assert translations["Morgen regent het in Utrecht."].text == ""
    assert new.obsolete_count == 1


def test_untranslated_removed_entries_are_dropped_not_kept_obsolete(tmp_path: Path) -> None:
    new = catalog_for("Iets anders.\n", reread(tmp_path, catalog_for("Weg ermee.\n").text()))
    assert new.obsolete_count == 0


def test_header_fields_a_po_editor_added_are_kept(tmp_path: Path) -> None:
    text = catalog_for("Tekst.\n").text().replace(
        '"X-Source-Language: nl\\n"', '"X-Source-Language: nl\\n"\n"X-Generator: Poedit 3.4\\n"'
    ).replace('"Last-Translator: \\n"', '"Last-Translator: Sanne <sanne@example.org>\\n"')
    again = catalog_for("Tekst.\n", reread(tmp_path, text)).text()
    assert '"X-Generator: Poedit 3.4\\n"' in again
    assert '"Last-Translator: Sanne <sanne@example.org>\\n"' in again
    assert catalog_for("Tekst.\n", reread(tmp_path, again)).text() == again


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        (b'msgid "a"\nmsgstr "b\n', 2, "PO syntax error: 'msgstr \"b'"),
        (b'msgid "a"\nmsgstr "b"\nhallo\n', 3, "PO syntax error: 'hallo'"),
        (b'msgid "a"\nmsgstr "\xe9"\n', 2, "not UTF-8 text"),
        (b'msgid "a"\n<<<<<<< ours\nmsgstr "b"\n', 2, "git merge conflict marker; the file holds two versions"),
        (b'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "the entry 'a' is in the file twice (first at line 1)"),
        (b'msgctxt "t"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n\nmsgctxt "t"\nmsgid "a"\nmsgstr "d"\n', 8,
         "the entry 'a' is in the file twice (first at line 1)"),
        # polib silently drops the last entry of a file cut off after a bare "#:" (found by the long fuzz run)
        (b'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n\n#:', 7, "an entry could not be read: the file looks cut off or damaged"),
    ],
)
def test_damaged_po_files_are_reported_by_line(tmp_path: Path, content: bytes, line: int | None, problem: str) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(content)
    with pytest.raises(CatalogError) as caught:
        read_catalog(path, "translations/en/x.po")
    assert (caught.value.line, caught.value.problem) == (line, problem)
    assert path.read_bytes() == content
