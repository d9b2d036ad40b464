"""Export never overwrites or removes a file it wrote that someone changed since: it says which, where, and what to do.

Export keeps the list of the files it wrote with the SHA-256 of what it wrote; a file that holds other bytes now
was changed by hand (an author polishing the English in her Hugo site, say). Writing over it, or removing it when
it is no longer due, would lose that work without a word.
"""

from __future__ import annotations

import polib
import pytest
from pathlib import Path

from conftest import copy_site
from publish_pipeline import tasks
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output import export as export_module
from publish_pipeline.output.export import export
from publish_pipeline.site import Site
from test_export_live import DOCUMENT, Pair
from test_layouts import approve, english
from test_status import ENGLISH
from test_workflow import git, run_task

POLISHED = "Text of the first post, polished by hand."


def test_a_hand_edited_english_file_is_never_overwritten_and_the_message_says_what_to_do(tmp_path: Path) -> None:
    """The author polishes an exported English file in her clone; the translator's next approval arrives by git;
    export leaves her file, says which line changed and what to do; once the change is in the PO file and the file
    is deleted, export writes it again."""
    pair = Pair(tmp_path, "hugo-by-filename")
    author = pair.author
    assert not export(Site.open(author)).errors
    path = pair.english_file()
    path.write_bytes(path.read_bytes().replace(b"Tekst van het first post.", POLISHED.encode()))
    edited = path.read_bytes()

    git(pair.translator, "pull", "-q", "origin", "main")
    approve(Site.open(pair.translator), lambda entry: "The first post." if entry.msgid == "Eerste bericht" else english(entry))
    pair.commit(pair.translator, "A new English title for the first post")
    git(author, "pull", "-q", "origin", "main")
    code, output = run_task(tasks.export, author)
    assert code == 1 and path.read_bytes() == edited, output
    name = f"content/{DOCUMENT}.en.md"
    line = next(number for number, text in enumerate(edited.decode().splitlines(), 1) if "title" in text)
    assert (
        f"{name}:{line}: changed since export wrote it (line {line} reads 'title = \"Eerste post\"  # de kop', export writes "
        f"'title = \"The first post.\"  # de kop'); export does not overwrite it — make the change in translations/en/{DOCUMENT}.po, "
        "which export writes it from, then delete this file; or delete it to have export write it again"
    ) in output.splitlines()
    code, output = run_task(tasks.export, author)  # asked again: the same answer, the file as she left it
    assert code == 1 and "changed since export wrote it" in output and path.read_bytes() == edited

    # she takes her change into the PO file and deletes the file: export writes it, with her English
    catalog = polib.pofile(str(Site.open(author).catalog_path(DOCUMENT)), wrapwidth=0)
    next(entry for entry in catalog if entry.msgid == "Tekst van het eerste bericht.").msgstr = POLISHED
    catalog.save()
    path.unlink()
    code, output = run_task(tasks.export, author)
    assert code == 0, output
    assert POLISHED in path.read_text(encoding="utf-8") and "The first post." in path.read_text(encoding="utf-8")


def test_a_hand_edited_file_that_is_no_longer_due_stays_and_is_named(tmp_path: Path) -> None:
    """The author sets ``draft: true``: export would remove the English it wrote, but she changed that file."""
    pair = Pair(tmp_path, "hugo-by-folder")
    author = pair.author
    export(Site.open(author))
    path = pair.english_file()
    path.write_bytes(path.read_bytes() + b"\nA line of her own.\n")
    source = pair.source(author)
    source.write_bytes(source.read_bytes().replace(b"+++\r\n", b"+++\r\ndraft = true\r\n", 1))
    report = export(Site.open(author))
    assert path.read_bytes().endswith(b"\nA line of her own.\n")
    [error] = report.errors
    assert error.message == (
        f"content/en/{DOCUMENT}.md: changed since export wrote it; export would remove it (it is no longer due) and leaves it"
    )
    assert export(Site.open(author)).errors  # still named, still there, until she deletes it
    path.unlink()
    assert not export(Site.open(author)).errors


def _bundle_site(tmp_path: Path, files: dict[str, bytes]) -> tuple[Path, Path]:
    """The basic site with a page bundle of ``files`` (its page shows the first), every document approved; the site
    and its export folder."""
    root = copy_site("basic", tmp_path)
    site = Site.open(root)
    bundle = root / "source_nl/blog/bundel"
    bundle.mkdir()
    first = next(iter(files))
    (bundle / "index.md").write_text(f"---\ntitle: Bundel\n---\n\nEen ![foto]({first}).\n", encoding="utf-8")
    for name, data in files.items():
        (bundle / name).write_bytes(data)
    extract(site)
    for document, texts in (("blog/eerste", ENGLISH), ("topics/thema", {"Thema": "Theme"}), ("blog/bundel", {"Bundel": "Bundle", f"Een ![foto]({first}).": f"A ![photo]({first})."})):
        catalog = polib.pofile(str(site.catalog_path(document)), wrapwidth=0)
        for entry in catalog:
            entry.msgstr, entry.flags = texts.get(entry.msgid, entry.msgid), []
        catalog.save()
    return root, tmp_path / "content"


def test_a_refused_page_keeps_its_bundle_files_and_the_other_pages_are_written(tmp_path: Path) -> None:
    root, out = _bundle_site(tmp_path, {"foto.png": b"foto"})
    site, bundle = Site.open(root), root / "source_nl/blog/bundel"
    assert not export(site, out).errors
    (out / "en/blog/bundel/index.md").write_text("mine", encoding="utf-8")
    (out / "nl/topics/thema.md").write_text("mijn thema", encoding="utf-8")
    (bundle / "foto.png").write_bytes(b"a new photo")
    report = export(Site.open(root), out)
    assert sorted(error.location for error in report.errors) == [f"{out}/en/blog/bundel/index.md:1", f"{out}/nl/topics/thema.md:1"]
    nl = next(error for error in report.errors if error.location.startswith(f"{out}/nl"))
    assert nl.hint == "make the change in source_nl/topics/thema.md, which export writes it from, then delete this file; or delete it to have export write it again"
    assert (out / "en/blog/bundel/index.md").read_text() == "mine" and (out / "nl/topics/thema.md").read_text() == "mijn thema"
    assert (out / "en/blog/bundel/foto.png").read_bytes() == b"foto"  # its page was refused: nothing of it changed
    assert (out / "nl/blog/bundel/foto.png").read_bytes() == b"a new photo"  # the Dutch page was written, with its files
    assert "en/blog/eerste.md" in {path.relative_to(out).as_posix() for path in out.rglob("*.md")}


def test_a_bundle_file_that_cannot_be_copied_leaves_the_others_as_the_list_says_and_the_next_export_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bundle's files are named on the list together, then copied; when one cannot be copied (a full disk, say),
    it and those not yet copied hold their old bytes and keep their old records: the next export copies them
    without taking any for a file changed by hand. And the list is written once for the bundle, not once a file."""
    root, out = _bundle_site(tmp_path, {name: b"old " + name.encode() for name in ("a.png", "b.png", "c.png")})
    assert not export(Site.open(root), out).errors
    for name in ("a.png", "b.png", "c.png"):
        (root / "source_nl/blog/bundel" / name).write_bytes(b"new " + name.encode())
    real_copy, real_remember = export_module._copy_atomic, export_module._remember
    lists: list[int] = []

    def failing(file: Path, target: Path, location: str, made: dict) -> None:
        if target.name == "b.png" and "/en/" in target.as_posix():
            raise export_module.OutputError(location, "cannot be written: No space left on device")
        real_copy(file, target, location, made)

    monkeypatch.setattr(export_module, "_copy_atomic", failing)
    monkeypatch.setattr(export_module, "_remember", lambda *arguments: lists.append(1) or real_remember(*arguments))
    report = export(Site.open(root), out)
    assert [error.location for error in report.errors] == [f"{out}/en/blog/bundel/b.png"]
    assert len(lists) == 3  # the Dutch bundle's three files, the English one's, the list at the end
    assert [(out / "en/blog/bundel" / name).read_bytes() for name in ("a.png", "b.png", "c.png")] == [b"new a.png", b"old b.png", b"old c.png"]
    assert all((out / "nl/blog/bundel" / name).read_bytes() == b"new " + name.encode() for name in ("a.png", "b.png", "c.png"))
    monkeypatch.setattr(export_module, "_copy_atomic", real_copy)
    report = export(Site.open(root), out)
    assert not report.errors and report.written == 2
    assert all((out / "en/blog/bundel" / name).read_bytes() == b"new " + name.encode() for name in ("a.png", "b.png", "c.png"))


def test_a_file_an_interrupted_export_did_not_get_to_write_is_written_by_the_next_one_without_a_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The list names what is about to be written before it is written: a kill in between leaves the file with its
    old bytes, and the next export writes it, never taking it for a file changed by hand."""
    pair = Pair(tmp_path, "hugo-by-filename")
    author = pair.author
    export(Site.open(author))
    path = pair.english_file()
    before = path.read_bytes()
    approve(Site.open(author), lambda entry: "The first post." if entry.msgid == "Eerste bericht" else english(entry))

    def killed(data: bytes, path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(export_module, "_write_bytes", killed)
    with pytest.raises(KeyboardInterrupt):
        export(Site.open(author))
    assert path.read_bytes() == before
    monkeypatch.undo()
    report = export(Site.open(author))
    assert not report.errors and b"The first post." in path.read_bytes()


def test_every_hand_edited_file_of_a_document_is_named_at_once(tmp_path: Path) -> None:
    """The author changed a page bundle's Dutch copy, its English and a file of its English bundle: one export names
    all three (it named the Dutch copy alone, then the English the next time), and writes none of them."""
    root, out = _bundle_site(tmp_path, {"foto.png": b"foto"})
    assert not export(Site.open(root), out).errors
    edited = {out / "nl/blog/bundel/index.md": "mijn bundel", out / "en/blog/bundel/index.md": "my bundle", out / "en/blog/bundel/foto.png": "my photo"}
    for path, text in edited.items():
        path.write_text(text, encoding="utf-8")
    (root / "source_nl/blog/bundel/foto.png").write_bytes(b"a new photo")
    report = export(Site.open(root), out)
    assert sorted(error.location for error in report.errors) == [
        f"{out}/en/blog/bundel/foto.png:1", f"{out}/en/blog/bundel/index.md:1", f"{out}/nl/blog/bundel/index.md:1",
    ]
    assert all(path.read_text(encoding="utf-8") == text for path, text in edited.items())
    assert "blog/bundel" not in report.source and "blog/bundel" not in report.translated
    assert [error.message for error in export(Site.open(root), out).errors] == [error.message for error in report.errors]  # asked again
    for path in edited:
        path.unlink()
    report = export(Site.open(root), out)
    assert not report.errors and "blog/bundel" in report.translated
    assert (out / "en/blog/bundel/foto.png").read_bytes() == b"a new photo"


def test_an_export_that_fails_keeps_no_folder_or_line_for_the_next(tmp_path: Path) -> None:
    """``_resolved`` and ``_line`` are made once per export: emptied however it ends (a next export in the same
    process, after folders were moved, must not take them for where they were)."""
    root, out = _bundle_site(tmp_path, {"foto.png": b"foto"})

    def interrupted(location: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export(Site.open(root), out, on_document=interrupted)
    assert export_module._resolved.cache_info().currsize == 0 and export_module._line.cache_info().currsize == 0


def test_every_hand_edited_file_of_a_page_bundle_is_named_in_one_run(tmp_path: Path) -> None:
    """The author changed two files of a page bundle's English copy: export named the first, and the second only
    once she had deleted the first. One export names both, and keeps both."""
    root, out = _bundle_site(tmp_path, {name: b"old " + name.encode() for name in ("a.png", "b.png", "c.png")})
    assert not export(Site.open(root), out).errors
    edited = {out / "en/blog/bundel/a.png": b"her a", out / "en/blog/bundel/c.png": b"her c"}
    for path, data in edited.items():
        path.write_bytes(data)
    for name in ("a.png", "b.png", "c.png"):
        (root / "source_nl/blog/bundel" / name).write_bytes(b"new " + name.encode())
    code, output = run_task(tasks.export, root, out=str(out))
    named = [line.split(": changed since export wrote it")[0] for line in output.splitlines() if "changed since export wrote it" in line]
    assert code == 1 and sorted(named) == [f"{out}/en/blog/bundel/a.png:1", f"{out}/en/blog/bundel/c.png:1"], output
    assert all(path.read_bytes() == data for path, data in edited.items())
    assert (out / "en/blog/bundel/b.png").read_bytes() == b"old b.png"  # the page is refused: nothing of it changes
    assert all((out / "nl/blog/bundel" / name).read_bytes() == b"new " + name.encode() for name in ("a.png", "b.png", "c.png"))
    for path in edited:
        path.unlink()
    assert not export(Site.open(root), out).errors
    assert all((out / "en/blog/bundel" / name).read_bytes() == b"new " + name.encode() for name in ("a.png", "b.png", "c.png"))
