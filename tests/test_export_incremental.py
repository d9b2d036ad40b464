"""Verdicts reused with their English by export and publish, and an export that rewrites only what changed.

Every incremental result is compared byte for byte with a cold one (no ``.cache/``, a new folder).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import copy_site
from publish_pipeline.text import markdown
from publish_pipeline.quality import status as status_module
from publish_pipeline.text.document import Document, parse_document
from publish_pipeline.output.export import MANIFEST, export
from publish_pipeline.catalogs.extraction import extract, load_unit
from publish_pipeline.text.parses import PARSES_FILE, Parses
from publish_pipeline.output.publishing import publish
from publish_pipeline.site import Site
from publish_pipeline.quality.status import VERDICTS_FILE, assess_site, refusals
from publish_pipeline.text.reassembly import parsed_body
from test_reassembly import documents, load
from test_status import ENGLISH

THEME = {"Thema": "Theme", "Boeken bestellen": "Order books", "Boek": "Book", "Jaar": "Year", "De functie van frictie": "The function of friction"}


def approve(site: Site, document: str, english: dict[str, str]) -> None:
    po = polib.pofile(str(site.catalog_path(document)), wrapwidth=0)
    for entry in po:
        entry.msgstr, entry.flags = english.get(entry.msgid, entry.msgid), []
        entry.tcomment = "ignore: markup, numbers, unchanged, sentences, punctuation, dutch"
    po.save()


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """The basic site with both documents approved (and a bundle-free layout)."""
    site = Site.open(copy_site("basic", tmp_path / "site"))
    extract(site)
    approve(site, "blog/eerste", ENGLISH)
    approve(site, "topics/thema", THEME)
    return site


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


def cold_export(site: Site, tmp_path: Path) -> tuple[dict[str, bytes], object]:
    """What an export of the site as it is now writes from nothing: a copy without .cache, into a new folder."""
    copy = tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}"
    shutil.copytree(site.root, copy / "site", ignore=shutil.ignore_patterns(".cache"))
    report = export(Site.open(copy / "site"), copy / "out")
    return tree(copy / "out"), report


def reading(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose PO files the assessment reads (and checks) from now on."""
    read: list[str] = []
    real = status_module.load_unit
    monkeypatch.setattr(status_module, "load_unit", lambda site, path, **options: read.append(path.name) or real(site, path, **options))
    return read


def written(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files export writes from now on."""
    from publish_pipeline.output import export as export_module

    names: list[str] = []
    real = export_module._replace
    monkeypatch.setattr(export_module, "_replace", lambda target, *rest, **options: names.append(target.name) or real(target, *rest, **options))
    return names


def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose text export makes (and compares with the file) from now on."""
    from publish_pipeline.output import export as export_module

    names: list[str] = []
    real = export_module._claim_file
    monkeypatch.setattr(export_module, "_claim_file", lambda site, out, path, *rest: names.append(path.relative_to(out).as_posix()) or real(site, out, path, *rest))
    return names


def english_of(status) -> dict[str, tuple[str | None, str | None, tuple[str, ...]]]:
    return {d.document_id: (d.english, d.unit.document.body if d.unit else None, d.reasons) for d in status.documents}


# The verdict reused with its English ------------------------------------------------------------------------------


def test_a_reused_verdict_brings_the_english_of_a_cold_one_without_reading_the_po_file(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = assess_site(site, detail=False, english=True)  # no reuse: everything read (and the English kept)
    read = reading(monkeypatch)
    sources: list[str] = []
    real = status_module.read_source
    monkeypatch.setattr(status_module, "read_source", lambda data, document_id, location, **rule: sources.append(location) or real(data, document_id, location, **rule))
    again = assess_site(site, reuse=True, detail=False, english=True)
    assert read == [] and sources == []  # neither a PO file nor a Dutch front matter read again: both are kept
    assert english_of(again) == english_of(cold)
    assert all(d.english for d in again.documents)
    assert again.to_json() == cold.to_json()
    by_id = {d.document_id: d for d in again.documents}
    assert by_id["blog/eerste"].unit.document == load_unit(site, site.source_path("blog/eerste")).document
    assert by_id["blog/eerste"].unit.html == markdown.html_of(by_id["blog/eerste"].unit.document.body)
    eerste = by_id["blog/eerste"]
    assert eerste.english_document == parse_document(eerste.english, "blog/eerste", eerste.source)  # kept, not parsed again


def test_the_page_model_takes_the_english_the_assessment_parsed(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    status = assess_site(site, detail=False, english=True)
    parsed: list[str] = []
    monkeypatch.setattr(Document, "read_as_this", lambda document, text: parsed.append(document.id))  # how pages reads an English
    publish(site, status=status)
    assert parsed == [] and (site.root / "public/en/blog").is_dir()


def test_a_verdict_made_by_status_is_reused_by_export_once_its_english_is_kept(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    assess_site(site, reuse=True, detail=False)  # status: keeps verdicts, and the English it built
    read = reading(monkeypatch)
    reused = assess_site(site, reuse=True, detail=False, english=True)
    assert read == []
    (site.root / PARSES_FILE).unlink()  # the English is gone: the verdict alone is not enough
    Parses._open.clear()  # as in the next command (a process opens the file once)
    again = assess_site(site, reuse=True, detail=False, english=True)
    assert sorted(read) == ["eerste.md", "thema.md"]
    assert english_of(again) == english_of(reused)


@pytest.mark.parametrize("change", ["po", "source", "glossary", "settings"])
def test_each_input_of_a_verdict_makes_it_anew(site: Site, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    assess_site(site, reuse=True, detail=False, english=True)
    read = reading(monkeypatch)
    if change == "po":  # the translator takes an approval back
        po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
        po.find("Waarom schrijf ik?").flags = ["fuzzy"]
        po.save()
    elif change == "source":
        path = site.source_path("topics/thema")
        path.write_text(path.read_text(encoding="utf-8").replace("| 2016 |", "| 2017 |"), encoding="utf-8")
    elif change == "glossary":
        (site.root / "translations/glossary.yaml").write_text("terms:\n  blog: post\n", encoding="utf-8")
    else:
        (site.root / "pipeline.yaml").write_text("project: basic test site\nsite_name: Another name\n", encoding="utf-8")
    site = Site.open(site.root)
    again = assess_site(site, reuse=True, detail=False, english=True)
    expected = {"po": ["eerste.md"], "source": ["thema.md"]}.get(change, ["eerste.md", "thema.md"])
    assert sorted(read) == expected
    cold = assess_site(site, detail=False, english=True)
    assert english_of(again) == english_of(cold)
    if change == "po":
        assert english_of(again)["blog/eerste"][0] is None


def test_a_damaged_cache_costs_only_time(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = assess_site(site, reuse=True, detail=False, english=True)
    with sqlite3.connect(site.root / PARSES_FILE) as db:  # a row that does not unpickle, and text that was changed
        db.execute("UPDATE english SET html = x'00' WHERE location = 'source_nl/blog/eerste.md'")
    read = reading(monkeypatch)
    assert english_of(assess_site(site, reuse=True, detail=False, english=True)) == english_of(cold)
    assert read == ["eerste.md"]
    for name in (PARSES_FILE, VERDICTS_FILE):
        (site.root / name).write_bytes(b"\x00not what it was\xff" * 100)
    Parses._open.clear()  # as in the next command (a process opens the file once)
    assert english_of(assess_site(site, reuse=True, detail=False, english=True)) == english_of(cold)
    assert english_of(assess_site(site, reuse=True, detail=False, english=True)) == english_of(cold)


# One parse of each text ------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_html_kept_with_the_parse_is_what_a_parse_of_the_whole_text_finds(text: str) -> None:
    from publish_pipeline.text.segmentation import body_html, segment

    document = parse_document(text, "blog/x", "source_nl/blog/x.md")
    env: dict = {}
    segment(document, ("title",), env)
    assert body_html(env) == markdown.html_of(document.body)


HOSTILE_PARTS = st.sampled_from(["<b>", "</b>", "<script>x</script>", "[a](javascript:x)", "![i](data:x)", "<img/src=x/onerror=y>",
                                 "<div>", "text", " ", "\n", "<!-- c -->", "<javascript:x>", "[b](/ok)", "&amp;", "*"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_refusals_made_in_the_assessment_are_those_export_found_with_its_own_parses(text: str, data: st.DataObject) -> None:
    """Before, export parsed the English and the Dutch once more and asked ``refused_by_site`` (and its loose-tag rule)."""
    document, segments = load(text)
    english = {id(s): data.draw(st.lists(HOSTILE_PARTS, max_size=6).map("".join)) or None for s in segments}
    try:
        body, tokens = parsed_body(document, segments, lambda s: english.get(id(s)))
    except Exception:
        return  # a translation that breaks the structure is refused before any refusal
    found = refusals(body, tokens, document.body, markdown.html_of(document.body))
    assert found == refusals(body, markdown.parse_keeping_every_link(body), document.body, markdown.html_of(document.body))


# Incremental export -------------------------------------------------------------------------------------------------


def test_an_unchanged_export_reads_no_po_file_and_writes_nothing(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first = export(site, out)
    read, names, texts = reading(monkeypatch), written(monkeypatch), made(monkeypatch)
    again = export(site, out)
    assert read == [] and names == [] and texts == []
    assert (again.source, again.translated, again.held_back) == (first.source, first.translated, first.held_back)
    assert tree(out) == cold_export(site, tmp_path)[0]


def test_export_after_one_edited_post_is_the_cold_export(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    export(site, out)
    path = site.source_path("topics/thema")
    path.write_text(path.read_text(encoding="utf-8").replace("| 2016 |", "| 2017 |"), encoding="utf-8")  # no text
    read, names = reading(monkeypatch), written(monkeypatch)
    export(site, out)
    assert read == ["thema.md"] and names == ["thema.md", "thema.md"]  # its Dutch copy and its English
    assert tree(out) == cold_export(site, tmp_path)[0]
    path.write_text(path.read_text(encoding="utf-8").replace("Boeken bestellen", "Boeken kopen"), encoding="utf-8")
    report = export(site, out)
    assert dict(report.held_back)["topics/thema"] == ("the PO file is behind the document (1 new text, 1 entry of Dutch it no longer has): run extract",)
    assert tree(out) == cold_export(site, tmp_path)[0]
    extract(site)
    approve(site, "topics/thema", {**THEME, "Boeken kopen": "Buy books"})
    assert "topics/thema" in export(site, out).translated
    assert tree(out) == cold_export(site, tmp_path)[0]


def test_export_after_one_more_approval_or_one_taken_back_is_the_cold_export(site: Site, tmp_path: Path) -> None:
    """The approved-only promise: a PO change made between two exports is seen (in both directions)."""
    out = tmp_path / "out"
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    po.find("Boeken bestellen").flags = ["fuzzy"]
    po.save()
    assert "blog/eerste" not in export(site, out).translated
    assert not (out / "en/blog/eerste.md").exists()
    approve(site, "blog/eerste", ENGLISH)
    assert "blog/eerste" in export(site, out).translated
    assert tree(out) == cold_export(site, tmp_path)[0]
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    po.find("Waarom schrijf ik?").msgstr = "Why do I write, unreviewed?"
    po.find("Waarom schrijf ik?").flags = ["fuzzy"]
    po.save()
    assert "blog/eerste" not in export(site, out).translated
    assert not (out / "en/blog/eerste.md").exists()
    assert tree(out) == cold_export(site, tmp_path)[0]


def test_an_output_file_deleted_is_written_again_and_one_changed_by_hand_is_kept_until_deleted(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(site, out)
    (out / "en/blog/eerste.md").unlink()
    (out / "nl/topics/thema.md").write_text("changed by hand", encoding="utf-8")
    english = out / "en/topics/thema.md"
    english.write_bytes(english.read_bytes().replace(b"Theme", b"Thema"))  # the same size: only its bytes tell
    edited = english.read_bytes()
    errors = export(site, out).errors  # every file of the document export may not write, at once: it writes none of them
    assert [error.location for error in errors] == [f"{out}/nl/topics/thema.md:1", f"{out}/en/topics/thema.md:2"]
    assert (out / "nl/topics/thema.md").read_text(encoding="utf-8") == "changed by hand" and english.read_bytes() == edited
    assert (out / "en/blog/eerste.md").is_file()
    (out / "nl/topics/thema.md").unlink()
    [error] = export(site, out).errors
    assert error.location == f"{out}/en/topics/thema.md:2" and english.read_bytes() == edited
    english.unlink()
    assert not export(site, out).errors
    assert tree(out) == cold_export(site, tmp_path)[0]


def test_a_list_from_an_older_export_is_read_and_replaced(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(site, out)
    names = sorted(name for name in tree(out) if name.endswith(".md"))
    (out / MANIFEST).write_text("[\n" + ",\n".join(f' "{name}"' for name in names) + "\n]\n", encoding="utf-8")
    export(site, out)
    assert tree(out) == cold_export(site, tmp_path)[0]
    assert sorted((out / MANIFEST).read_text(encoding="utf-8").count(f'"{name}"') for name in names) == [1] * len(names)


def test_a_publish_after_a_po_change_serves_only_approved_english(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(site, out)
    assert "Why do I write?" in (out / "en/blog/my-first-blog/index.html").read_text(encoding="utf-8") or any(
        "Why do I write?" in p.read_text(encoding="utf-8") for p in (out / "en").rglob("index.html")
    )
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    po.find("Waarom schrijf ik?").msgstr = "Why, unreviewed?"
    po.find("Waarom schrijf ik?").flags = ["fuzzy"]
    po.save()
    publish(site, out)
    published = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "unreviewed" not in published


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_an_export_into_a_hugo_site_is_incremental_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    """In the site's own content (front matter rewritten for the generator, a bundle's files copied): the same."""
    from test_layouts import approve as approve_all, english, hugo_site

    site = hugo_site(tmp_path / "site", layout)
    approve_all(site, english)
    export(site)

    def cold() -> dict[str, bytes]:
        copy = tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}"
        written = {".cache", MANIFEST} | {name for name in os.listdir(site.root / "content") if name == "en"}

        def ignored(folder: str, names: list[str]) -> set[str]:  # what export wrote (and the cache)
            return {name for name in names if name.endswith(".en.md") or (name in written and Path(folder) in (site.root, site.root / "content"))}

        shutil.copytree(site.root, copy, ignore=ignored)
        export(Site.open(copy))
        return {name: data for name, data in tree(copy).items() if not name.startswith(".cache/")}

    texts = made(monkeypatch)
    export(site)
    assert [name for name in texts if not name.endswith(".png")] == []  # a bundle's files are compared, its pages not made
    assert {name: data for name, data in tree(site.root).items() if not name.startswith(".cache/")} == cold()
    po = polib.pofile(str(site.catalog_path("blog/derde")), wrapwidth=0)
    po.find("Het derde bericht.").msgstr = "The third post."
    po.save()
    texts.clear()  # (the cold export made its own)
    export(site)
    assert [name for name in texts if not name.endswith(".png")] == ["content/blog/derde.en.md" if layout == "hugo-by-filename" else "content/en/blog/derde.md"]
    assert {name: data for name, data in tree(site.root).items() if not name.startswith(".cache/")} == cold()

