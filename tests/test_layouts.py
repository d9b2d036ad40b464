"""Existing Hugo and Jekyll sites: their content layouts, front-matter formats and the English export writes into them.

The fixture sites are made here, by the tests themselves (no third-party content).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from conftest import keeping_dutch
from publish_pipeline.text.document import Document, parse_document
from publish_pipeline.errors import ConfigError
from publish_pipeline.output.export import MANIFEST, export
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.publishing import publish
from publish_pipeline.quality.status import assess_site
from publish_pipeline.site import Site
from publish_pipeline.text.parses import PARSES_FILE

CRLF_TOML = (
    "+++\r\n"
    'title = "Eerste bericht"  # de kop\r\n'
    "date = 2019-03-14T10:00:00+01:00\r\n"
    'tags = ["vertrouwen", "werk"]\r\n'
    "\r\n"
    "[params]\r\n"
    'kleur = "blauw"\r\n'
    "+++\r\n"
    "\r\n"
    "Tekst van het eerste bericht.\r\n"
)
HUGO_CONTENT = {
    "_index.md": "---\ntitle: Welkom\n---\nDe voorpagina.\n",
    "blog/_index.md": "+++\n# een sectie zonder titel\nweight = 1\n+++\nAlle berichten.\n",
    "blog/Eerste-Post.md": CRLF_TOML,
    "blog/tweede/index.md": (
        '{\n  "title": "Tweede bericht",\n  "date": "2013-05-06 02:12:52 +0200",\n  "slug": "tweede-bericht",\n'
        '  "weight":   2\n}\n\nHet tweede bericht.\n\n![Een foto](foto.png)\n'
    ),
    "blog/tweede/foto.png": "PNG-bytes",
    "blog/derde.md": "---\ntitle: Derde bericht\ndate: '2016-06-03'\nauteur:   'An'   # met commentaar\ntranslationKey: derde\n---\nHet derde bericht.\n",
}
"""A Hugo site's content: a section page, TOML with Windows line ends and a table, a JSON page bundle, YAML."""

HUGO_IDS = ["_index", "blog/Eerste-Post", "blog/_index", "blog/derde", "blog/tweede"]


def make_site(root: Path, layout: str, content: dict[str, str], *, folder: str = "") -> Site:
    """A site in ``root`` with ``layout`` and ``content`` below ``folder`` (bytes as given: line ends too)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pipeline.yaml").write_text(f"layout: {layout}\n" if layout != "default" else "", encoding="utf-8")
    for name, text in content.items():
        path = root / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return Site.open(root)


def hugo_site(root: Path, layout: str) -> Site:
    return make_site(root, layout, HUGO_CONTENT, folder="content/nl" if layout == "hugo-by-folder" else "content")


def identity(entry: polib.POEntry) -> str:
    return entry.msgid


def english(entry: polib.POEntry) -> str:
    """A fake translator: slugs get ``-en``, every text an English word or two ("het eerste bericht" is "het first post":
    one Dutch word the Dutch writes most left alone, "eerste", holds the English back)."""
    return f"{entry.msgid}-en" if entry.msgctxt == "slug" else entry.msgid.replace("eerste bericht", "first post").replace("bericht", "post").replace("Geen titel", "No title")


def approve(site: Site, translate: Callable[[polib.POEntry], str]) -> None:
    """Extract, then translate and approve every entry of every PO file."""
    extract(site)
    for path in site.catalog_paths():
        catalog = polib.pofile(str(path), wrapwidth=0)
        for entry in catalog:
            entry.msgstr = translate(entry)
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            keeping_dutch(entry)
        catalog.save(str(path))


def ids(site: Site) -> list[str]:
    return sorted(site.document_id(path) for path in site.source_paths())


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_a_hugo_site_is_read_in_its_own_layout(tmp_path: Path, layout: str) -> None:
    site = hugo_site(tmp_path / "site", layout)
    assert ids(site) == HUGO_IDS
    report = extract(site)
    assert not report.errors
    assert sorted(site.relative(path) for path in site.catalog_paths()) == [f"translations/en/{i}.po" for i in HUGO_IDS]
    slugs = {
        site.catalog_document_id(path): [entry.msgid for entry in polib.pofile(str(path)) if entry.msgctxt == "slug"]
        for path in site.catalog_paths()
    }
    # the author's slug is respected, capitals are lowercased; a section has none (Hugo serves it at its folder's URL)
    assert slugs == {"_index": [], "blog/Eerste-Post": ["eerste-post"], "blog/_index": [], "blog/derde": ["derde"], "blog/tweede": ["tweede-bericht"]}


@pytest.mark.parametrize("layout", ["default", "hugo-by-filename", "hugo-by-folder"])
def test_only_a_site_publish_builds_keeps_its_pages_prerendered(tmp_path: Path, layout: str) -> None:
    """publish refuses a Hugo site (Hugo builds it): the assessment makes no page HTML there for it to reuse."""
    folder = {"default": "source_nl", "hugo-by-folder": "content/nl"}.get(layout, "content")
    site = make_site(tmp_path / "site", layout, {"blog/derde.md": HUGO_CONTENT["blog/derde.md"]}, folder=folder)
    approve(site, english)
    assert assess_site(site, reuse=True).documents[0].publishable
    with sqlite3.connect(site.root / PARSES_FILE) as db:
        kept = [db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("english", "prerendered", "dutch")]
    db.close()
    assert kept == ([1, 1, 1] if layout == "default" else [1, 0, 0])


@pytest.mark.parametrize("command", ["status", "check", "export"])
def test_of_the_commands_that_judge_every_document_export_alone_keeps_no_page_prerendered(tmp_path: Path, command: str) -> None:
    """A cold export pays for no page that only a later publish renders (``status.prerenders``); a cold status or
    check does: CI publishes right after one of them."""
    from publish_pipeline import tasks
    from test_workflow import run_task

    site = make_site(tmp_path / "site", "default", {"blog/derde.md": HUGO_CONTENT["blog/derde.md"]}, folder="source_nl")
    approve(site, english)
    code, output = run_task(getattr(tasks, command), site.root)
    assert code == 0, output
    with sqlite3.connect(site.root / PARSES_FILE) as db:
        kept = [db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("english", "prerendered", "dutch")]
    db.close()
    assert kept == ([1, 0, 0] if command == "export" else [1, 1, 1])


def test_by_file_name_export_writes_the_english_beside_the_dutch_and_keeps_every_other_byte(tmp_path: Path) -> None:
    site = hugo_site(tmp_path / "site", "hugo-by-filename")
    approve(site, english)
    report = export(site)
    assert not report.errors and sorted(report.translated) == HUGO_IDS
    content = site.root / "content"
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*.en.md")) == [
        "_index.en.md", "blog/Eerste-Post.en.md", "blog/_index.en.md", "blog/derde.en.md", "blog/tweede/index.en.md",
    ]
    toml = (content / "blog/Eerste-Post.en.md").read_bytes().decode()
    assert toml == CRLF_TOML.replace("Eerste bericht", "Eerste post").replace(
        'tags = ["vertrouwen", "werk"]\r\n', 'tags = ["vertrouwen", "werk"]\r\nslug = "eerste-post-en"\r\n'
    ).replace("het eerste bericht", "het first post")
    derde = (content / "blog/derde.en.md").read_text(encoding="utf-8")
    assert derde == HUGO_CONTENT["blog/derde.md"].replace("Derde bericht", "Derde post").replace(
        "translationKey: derde\n", "translationKey: derde\nslug: derde-en\n"
    ).replace("derde bericht", "derde post")
    tweede = (content / "blog/tweede/index.en.md").read_text(encoding="utf-8")
    assert tweede == HUGO_CONTENT["blog/tweede/index.md"].replace("Tweede bericht", "Tweede post").replace(
        '"slug": "tweede-bericht"', '"slug": "tweede-bericht-en"'
    ).replace("tweede bericht", "tweede post")
    assert not (content / "blog/tweede/foto.en.png").exists()  # a bundle translated by file name shares its files
    assert (site.root / MANIFEST).is_file()


def test_by_content_folder_export_writes_the_english_folder_with_the_bundles_files(tmp_path: Path) -> None:
    site = hugo_site(tmp_path / "site", "hugo-by-folder")
    approve(site, english)
    report = export(site)
    assert not report.errors
    english_folder = site.root / "content/en"
    assert sorted(p.relative_to(english_folder).as_posix() for p in english_folder.rglob("*") if p.is_file()) == [
        "_index.md", "blog/Eerste-Post.md", "blog/_index.md", "blog/derde.md", "blog/tweede/foto.png", "blog/tweede/index.md",
    ]
    assert (english_folder / "blog/tweede/foto.png").read_bytes() == b"PNG-bytes"
    section = (english_folder / "blog/_index.md").read_text(encoding="utf-8")
    assert section.startswith("+++\n# een sectie zonder titel\nweight = 1\n")


def test_export_reads_the_english_front_matter_from_the_assessment_s_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The English is parsed once, where it is checked: export rewrites its ``slug`` and ``url`` from that parse."""

    site = hugo_site(tmp_path / "site", "hugo-by-filename")
    approve(site, english)
    parsed: list[str] = []

    reading = Document.read_as_this

    def counting(document: Document, text: str) -> Document:
        if sys._getframe(1).f_globals["__name__"] == "publish_pipeline.output.export":  # export's own reads, not the assessment's
            parsed.append(document.id)
        return reading(document, text)

    monkeypatch.setattr(Document, "read_as_this", counting)
    report = export(site)
    assert not report.errors and sorted(report.translated) == HUGO_IDS
    assert parsed == []

@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_identity_round_trip_keeps_every_body_and_every_untranslated_key_byte_identical(tmp_path: Path, layout: str) -> None:
    site = hugo_site(tmp_path / "site", layout)
    approve(site, identity)
    export(site)
    for path in site.source_paths():
        dutch = path.read_bytes().decode()
        written = site.english_file(path).read_bytes().decode()
        document = parse_document(dutch, site.document_id(path), site.relative(path))
        lines = written.splitlines(keepends=True)
        added = [line for line in lines if line.startswith(("slug", '  "slug"'))]
        if "slug" not in document.front_matter and not document.is_section:  # the translated slug is the one line added
            assert len(added) == 1
            lines.remove(added[0])
        assert "".join(lines) == dutch, site.relative(path)


def test_export_never_overwrites_an_english_file_it_did_not_write(tmp_path: Path) -> None:
    site = hugo_site(tmp_path / "site", "hugo-by-filename")
    own = site.root / "content/blog/derde.en.md"
    own.write_text("---\ntitle: My own English\n---\nWritten by hand.\n", encoding="utf-8")
    approve(site, english)
    report = export(site)
    assert [error.where for error in report.errors] == ["content/blog/derde.en.md"]
    assert "was not written by export" in report.errors[0].problem
    assert own.read_text(encoding="utf-8") == "---\ntitle: My own English\n---\nWritten by hand.\n"
    assert "blog/tweede" in report.translated  # the others are exported


def test_export_removes_only_english_it_wrote_that_is_no_longer_due(tmp_path: Path) -> None:
    site = hugo_site(tmp_path / "site", "hugo-by-filename")
    approve(site, english)
    export(site)
    source = site.root / "content/blog/derde.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Het derde bericht.", "Het derde bericht, anders."), encoding="utf-8")
    report = export(site)
    assert "blog/derde" in dict(report.held_back)
    assert not (site.root / "content/blog/derde.en.md").exists()
    assert source.exists() and (site.root / "content/blog/tweede/index.en.md").exists()


@pytest.mark.parametrize("layout", ["default", "hugo-by-filename"])
def test_a_document_that_cannot_be_read_keeps_its_export_and_takes_no_other_page_with_it(tmp_path: Path, layout: str) -> None:
    content = {"blog/een.md": "---\ntitle: Een\n---\nEen.\n", "blog/twee.md": "---\ntitle: Twee\n---\nTwee.\n"}
    site = make_site(tmp_path / "site", layout, content, folder="source_nl" if layout == "default" else "content")
    approve(site, english)
    out = None if layout != "default" else tmp_path / "out"
    export(site, out)
    written = out or site.root
    before = {p.relative_to(written).as_posix() for p in written.rglob("*.md")}
    broken = site.source_dir / "blog/twee.md"
    broken.write_text("---\ntitle: [\n---\nTwee.\n", encoding="utf-8")
    report = export(site, out)
    assert [error.where for error in report.errors] == [f"{site.relative(broken)}:2"]
    assert {p.relative_to(written).as_posix() for p in written.rglob("*.md")} == before
    if layout == "default":
        assert (out / "nl/blog/twee.md").read_text(encoding="utf-8") == "---\ntitle: [\n---\nTwee.\n"  # as written


JEKYLL_CONTENT = {
    "_config.yml": "exclude: [translations/, pipeline.yaml, tasks.py, build/]\n",  # as the README sets a Jekyll site up
    "_posts/2019-03-14-Over-Vertrouwen.markdown": "---\nlayout: post\ntitle: Over vertrouwen\ndate: 2013-05-06 02:12:52 +0200\n---\nTekst.\n",
    "_posts/2016-06-03-tweede.md": "---\ntitle: Tweede\ndate: '2016-06-03'\ncategories: [blog]\n---\nMeer tekst.\n",
    "about.md": "---\ntitle: Over mij\n---\nNiet in _posts: een pagina.\n",
}


def test_a_jekyll_site_with_markdown_posts_and_jekyll_dates(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "jekyll", JEKYLL_CONTENT)
    assert ids(site) == ["2016-06-03-tweede", "2019-03-14-Over-Vertrouwen", "about"]  # a page too (tests/test_jekyll.py)
    approve(site, english)
    report = export(site)
    assert not report.errors and sorted(report.translated) == ["2016-06-03-tweede", "2019-03-14-Over-Vertrouwen", "about"]
    post = site.root / "en/_posts/2019-03-14-Over-Vertrouwen.markdown"
    assert post.read_text(encoding="utf-8") == (
        "---\nlayout: post\ntitle: Over vertrouwen\ndate: 2013-05-06 02:12:52 +0200\nslug: over-vertrouwen-en\nlang: en\n"
        "---\nTekst.\n"  # Jekyll's date style, /:categories/…: Jekyll puts the English under /en/ by itself
    )


def test_the_english_post_has_none_of_the_dutch_post_s_old_addresses(tmp_path: Path) -> None:
    """jekyll-redirect-from would make each ``redirect_from`` address lead to the English post as well: it is emptied."""
    content = {"_posts/2019-03-14-fiets.md": "---\ntitle: Fiets\nredirect_from: [/oud/fiets/, /fiets.html]  # oud\n---\nTekst.\n"}
    site = make_site(tmp_path / "site", "jekyll", content)
    approve(site, english)
    assert not export(site).errors
    written = (site.root / "en/_posts/2019-03-14-fiets.md").read_text(encoding="utf-8")
    assert written == (
        "---\ntitle: Fiets\nredirect_from: []  # oud\nslug: fiets-en\nlang: en\n---\nTekst.\n"
    )


@pytest.mark.parametrize("config, permalink", [
    ("permalink: /:year/:month/:title/\n", 'permalink: "/en/:year/:month/:title/"\n'),  # else at the Dutch post's address
    ("permalink: /:year/:categories/:title/\n", 'permalink: "/en/:year/:title/"\n'),  # else at /2013/en/…
    # a pattern that starts with :categories (a named style, Jekyll's default date too) needs none: Jekyll fills it
    # with en, the category of en/_posts/, then the Dutch post's (none here), the Dutch address under /en/
    ("permalink: pretty\n", ""),
    ("permalink: /:categories/:title/\n", ""),
    ("title: Mijn blog\n", ""),
])
def test_the_english_post_is_under_the_language_whatever_the_site_s_permalink_pattern(tmp_path: Path, config: str, permalink: str) -> None:
    site = make_site(tmp_path / "site", "jekyll", {**JEKYLL_CONTENT, "_config.yml": config})  # read as the site opens, as Jekyll reads it
    approve(site, english)
    assert not export(site).errors
    written = (site.root / "en/_posts/2019-03-14-Over-Vertrouwen.markdown").read_text(encoding="utf-8")
    assert written == (
        "---\nlayout: post\ntitle: Over vertrouwen\ndate: 2013-05-06 02:12:52 +0200\nslug: over-vertrouwen-en\nlang: en\n"
        f"{permalink}---\nTekst.\n"
    )


def test_an_author_url_gets_the_language_and_the_english_slug(tmp_path: Path) -> None:
    content = {"blog/x.md": "---\ntitle: X\nurl: /nl/blog/mijn-x/\n---\nTekst.\n"}
    site = make_site(tmp_path / "site", "hugo-by-filename", content, folder="content")
    approve(site, english)
    export(site)
    written = (site.root / "content/blog/x.en.md").read_text(encoding="utf-8")
    assert written == "---\ntitle: X\nurl: /en/blog/mijn-x-en/\nslug: mijn-x-en\n---\nTekst.\n"


def test_the_default_layout_reads_every_format_bundles_and_markdown_files(tmp_path: Path) -> None:
    content = {
        "blog/mijn-bundel/index.md": "---\ntitle: Bundel\n---\nTekst.\n\n![Foto](foto.png)\n",
        "blog/mijn-bundel/foto.png": "PNG",
        "blog/Los.markdown": '+++\ntitle = "Los"\n+++\nLos.\n',
        "topics/json.md": '{"title": "Json"}\nTekst.\n',
    }
    site = make_site(tmp_path / "site", "default", content, folder="source_nl")
    assert ids(site) == ["blog/Los", "blog/mijn-bundel", "topics/json"]
    approve(site, english)
    report = publish(site)
    assert not report.errors
    public = site.root / "public"
    assert (public / "blog/mijn-bundel/foto.png").read_bytes() == b"PNG"
    assert (public / "en/blog/mijn-bundel-en/foto.png").read_bytes() == b"PNG"
    assert (public / "en/blog/los-en/index.html").is_file() and (public / "en/topics/json-en/index.html").is_file()
    out = site.root.parent / "exported"
    assert not export(site, out).errors  # a bundle stays a bundle, with its files, in both languages
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if not p.name.startswith(".")) == [
        "en", "en/blog", "en/blog/Los.markdown", "en/blog/mijn-bundel", "en/blog/mijn-bundel/foto.png", "en/blog/mijn-bundel/index.md",
        "en/topics", "en/topics/json.md",
        "nl", "nl/blog", "nl/blog/Los.markdown", "nl/blog/mijn-bundel", "nl/blog/mijn-bundel/foto.png", "nl/blog/mijn-bundel/index.md",
        "nl/topics", "nl/topics/json.md",
    ]


def test_an_unknown_layout_is_refused_with_the_allowed_ones(tmp_path: Path) -> None:
    (tmp_path / "pipeline.yaml").write_text("layout: wordpress\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Site.open(tmp_path)
    assert "layout: expected one of default, hugo-by-filename, hugo-by-folder, jekyll" in str(caught.value)


def test_the_english_file_place_follows_the_layout(tmp_path: Path) -> None:
    places = {
        "hugo-by-filename": ("content/blog/x.nl.md", "content/blog/x.en.md", "blog/x"),
        "hugo-by-folder": ("content/nl/blog/x/index.md", "content/en/blog/x/index.md", "blog/x"),
        "jekyll": ("_posts/2019-03-14-x.markdown", "en/_posts/2019-03-14-x.markdown", "2019-03-14-x"),
    }
    for layout, (dutch, english_place, document_id) in places.items():
        root = tmp_path / layout
        site = make_site(root, layout, {dutch: "---\ntitle: X\n---\n"})
        path = root / dutch
        assert (site.document_id(path), site.relative(site.english_file(path))) == (document_id, english_place)
        assert [site.relative(p) for p in site.source_paths()] == [dutch]
    assert os.path.basename(places["hugo-by-filename"][1]) == "x.en.md"


@pytest.mark.parametrize(("layout", "first", "second"), [
    ("default", "source_nl/blog/x.md", "source_nl/blog/x/index.md"),
    ("default", "source_nl/blog/x.md", "source_nl/blog/x.markdown"),
    ("hugo-by-filename", "content/blog/x.md", "content/blog/x.nl.md"),
])
def test_two_files_that_would_be_one_document_are_both_refused_and_nothing_is_overwritten(tmp_path: Path, layout: str, first: str, second: str) -> None:
    site = make_site(tmp_path / "site", layout, {first: "---\ntitle: Een\n---\nEen.\n"})
    approve(site, english)
    catalog = (site.root / "translations/en/blog/x.po").read_bytes()
    (site.root / second).parent.mkdir(parents=True, exist_ok=True)
    (site.root / second).write_text("---\ntitle: Twee\n---\nTwee.\n", encoding="utf-8")
    report = extract(site)
    assert sorted(error.where for error in report.errors) == sorted([first, second])
    assert "is the document 'blog/x' too" in report.errors[0].problem
    assert (site.root / "translations/en/blog/x.po").read_bytes() == catalog


def test_a_section_page_without_a_title_is_published_under_its_folders_name(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "default", {"blog/_index.md": "---\ndate: 2020-01-01\n---\nAlle berichten.\n"}, folder="source_nl")
    approve(site, identity)
    report = publish(site)
    assert not report.errors
    assert "<title>blog" in (site.root / "public/blog/index.html").read_text(encoding="utf-8")


UNTITLED = "---\ndate: 2020-01-01\n---\nGeen titel.\n"
UNTITLED_PLACES = {
    "default": "source_nl/blog/x.md", "hugo-by-filename": "content/blog/x.md", "hugo-by-folder": "content/nl/blog/x.md",
    "jekyll": "_posts/2020-01-01-x.md",
}


@pytest.mark.parametrize("layout", list(UNTITLED_PLACES))
def test_only_the_default_layout_needs_a_page_title(tmp_path: Path, layout: str) -> None:
    """Our own templates show a title; Hugo and Jekyll make a page without one (hugoDocs has 46), so their
    sites' pages are read, checked and exported without one: the English file has none either."""
    place = UNTITLED_PLACES[layout]
    site = make_site(tmp_path / "site", layout, {place: UNTITLED})
    errors = [(error.where, error.problem) for error in extract(site).errors]
    status = assess_site(site)
    if layout == "default":
        assert errors == [(f"{place}:2", "front matter: 'title' is missing")] and len(status.errors) == 1
        return
    assert errors == [] and status.errors == ()
    approve(site, english)
    report = export(site)
    assert not report.errors and len(report.translated) == 1, report
    written = site.english_file(site.root / place).read_text(encoding="utf-8")
    jekyll = "lang: en\n" if layout == "jekyll" else ""  # Jekyll's date style puts the English under /en/ by itself
    assert written == "---\ndate: 2020-01-01\nslug: x-en\n" + jekyll + "---\nNo title.\n"


def test_only_a_page_bundle_brings_its_folders_files(tmp_path: Path) -> None:
    content = {"blog/index.md": "---\ntitle: Blog\n---\n", "blog/x/index.md": "---\ntitle: X\n---\n", "blog/x/a.png": "A", "blog/b.png": "B"}
    site = make_site(tmp_path / "site", "default", content, folder="source_nl")
    assert site.bundle_files(site.source_dir / "blog/index.md") == []
    assert site.bundle_files(site.source_dir / "blog/x/index.md") == [site.source_dir / "blog/x/a.png"]
    (site.source_dir / "blog/x/link.png").symlink_to("/etc/hostname")
    assert site.bundle_files(site.source_dir / "blog/x/index.md") == [site.source_dir / "blog/x/a.png"]


@pytest.mark.parametrize("layout", ["hugo-by-filename", "jekyll"])
def test_status_does_not_ask_a_hugo_or_jekyll_site_for_settings_its_generator_takes_from_its_own_config(tmp_path: Path, layout: str) -> None:
    """Hugo's baseURL and title, Jekyll's url and title: pipeline.yaml's base_url and site_name make nothing there."""
    from test_tasks import run

    site = hugo_site(tmp_path / "site", layout) if layout != "jekyll" else make_site(tmp_path / "site", layout, JEKYLL_CONTENT)
    extract(site)
    result = run("publish_pipeline", "status", "--root", str(site.root))
    assert result.returncode == 0, result.stderr
    said = " ".join(line.strip() for line in result.stdout[result.stdout.index("next: "):].splitlines())
    assert said.startswith("next: invoke draft gives") and "base_url" not in said and "site_name" not in said, said


@pytest.mark.parametrize("settings, name", [
    ({"hugo.toml": 'title = "Anne-Marie Mars"\nbaseURL = "https://example.org/"\n'}, "Anne-Marie Mars"),
    ({"hugo.toml": 'title = "My site"\n[languages.nl]\ntitle = "Mijn site"\n'}, "Mijn site"),  # the Dutch language's own
    ({"config/_default/hugo.yaml": "title: Uit de map\n"}, "Uit de map"),
    ({"hugo.toml": 'baseURL = "https://example.org/"\n'}, "publish-pipeline site"),
])
def test_a_hugo_site_is_named_by_its_title(tmp_path: Path, settings: dict[str, str], name: str) -> None:
    """As a Jekyll site by its title (trial 35): the PO headers and the workspace said 'publish-pipeline site'."""
    site = make_site(tmp_path / "site", "hugo-by-filename", {**settings, "content/blog/een.md": "---\ntitle: Een\n---\nTekst.\n"})
    assert site.config.site_name == name and site.config.project == name


def test_export_out_of_a_hugo_site_with_pages_and_sections(tmp_path: Path) -> None:
    """export --out of a Hugo site (trial 35 found a Jekyll site's pages raising there): every page below content/."""
    site = hugo_site(tmp_path / "site", "hugo-by-filename")
    approve(site, english)
    out = tmp_path / "tree"
    report = export(site, out)
    assert not report.errors, report.errors
    dutch = sorted(path.relative_to(out / "nl").as_posix() for path in (out / "nl").rglob("*.md"))
    assert dutch == sorted(path.relative_to(site.root / "content").as_posix() for path in (site.root / "content").rglob("*.md"))
