"""Pages Hugo does not render (headless bundles, ``render: never`` of their own or cascaded), sections and the home
page: their slug entries and their English URLs, as status gives them (``status --json``'s ``english_url``), against
what real Hugo (0.111) builds from export's English."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.export import export
from publish_pipeline.quality.status import assess_site
from test_hugo import build, hugo_site_with_layout
from test_layouts import approve, english

KINDS = {
    "_index.md": "---\ntitle: Welkom\n---\nDe voorpagina.\n",  # home
    "over.md": "---\ntitle: Over mij\n---\nIk.\n",  # a page at the top
    "blog/_index.md": "---\ntitle: Blog\n---\nAlle berichten.\n",  # a section
    "blog/post.md": "---\ntitle: Post\n---\nTekst.\n",  # a post
    "blog/los.md": "---\ntitle: Los\nheadless: true\n---\nHugo renders it: headless is for bundles.\n",
    "blog/eigen.md": "---\ntitle: Eigen\n_build:\n  render: never\n---\nNiet gebouwd.\n",  # its own build options
    "kaart/index.md": "---\ntitle: Kaart\nheadless: true\n---\nEen kaart.\n",  # a headless leaf bundle
    "_common/_index.md": "---\ncascade:\n  _build:\n    render: never\n    list: never\n---\n",  # hugoDocs' snippets
    "_common/stukje.md": "---\ntitle: Stukje\n---\nEen stukje.\n",
    "_common/diep/stuk.md": "---\ntitle: Diep\n---\nDieper.\n",  # two sections below the cascade
    "doel/_index.md": "---\ntitle: Doel\ncascade:\n  - _target:\n      kind: page\n      path: /doel/weg*\n    _build:\n      render: link\n---\nDoelen.\n",
    "doel/weg.md": "---\ntitle: Weg\n---\nWeg.\n",  # the target's path matches: not rendered
    "doel/blijf.md": "---\ntitle: Blijf\n---\nBlijft.\n",  # it does not: rendered
}
UNRENDERED = {"blog/eigen", "kaart", "_common/_index", "_common/stukje", "_common/diep/stuk", "doel/weg"}


def slug_entries(site) -> dict[str, list[str]]:
    return {
        site.catalog_document_id(path): [e.msgid for e in polib.pofile(str(path)) if e.msgctxt == "slug" and not e.obsolete]
        for path in site.catalog_paths()
    }


def english_urls(site) -> dict[str, str | None]:
    """Each document's ``english_url`` as ``status --json`` prints it."""
    done = subprocess.run([sys.executable, "-m", "publish_pipeline", "status", "--json", "--root", str(site.root)], capture_output=True, text=True)
    return {row["id"]: row["english_url"] for row in json.loads(done.stdout)["documents"]}


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_a_page_hugo_does_not_render_has_no_slug_entry_and_no_english_url_and_each_other_url_is_where_hugo_serves_it(
    tmp_path: Path, layout: str,
) -> None:
    """No slug entry (work for nothing) and no English URL for a page Hugo renders none of; every other kind's English
    URL is null until it is known (a page's slug approved, a section's translation) and then where real Hugo serves
    the exported English — and Hugo serves nothing else under /en/."""
    site = hugo_site_with_layout(tmp_path / "site", layout, KINDS)
    assert not extract(site).errors
    entries = slug_entries(site)
    assert {name for name, slugs in entries.items() if slugs} == {"over", "blog/post", "blog/los", "doel/blijf"}
    assert english_urls(site) == dict.fromkeys(entries)  # nothing approved: no English URL known yet, of any kind
    approve(site, english)
    urls = english_urls(site)
    assert {name for name, url in urls.items() if url is None} == UNRENDERED
    assert urls["_index"] == "/en/" and urls["blog/_index"] == "/en/blog/" and urls["blog/post"] == "/en/blog/post-en/"
    report = export(site)
    assert not report.errors and not report.held_back and len(report.translated) == len(KINDS)
    public = build(site.root)
    served = {"/" + str(page.parent.relative_to(public)) + "/" for page in (public / "en").rglob("index.html")}
    assert served == {url for url in urls.values() if url}


def test_a_cascade_added_later_takes_the_slug_entry_and_the_url_away_though_the_page_did_not_change(tmp_path: Path) -> None:
    """extract and status keep what they made of an unchanged document: a section's new cascade reaches its pages."""
    site = hugo_site_with_layout(tmp_path / "site", "hugo-by-filename", {k: v for k, v in KINDS.items() if k.startswith("blog/")})
    approve(site, english)
    assert english_urls(site)["blog/post"] == "/en/blog/post-en/"
    section = site.root / "content/blog/_index.md"
    section.write_text(section.read_text(encoding="utf-8").replace("---\n", "---\ncascade:\n  build:\n    render: never\n", 1), encoding="utf-8")
    assert english_urls(site)["blog/post"] is None  # before extract: status's kept verdict is not reused
    assert not extract(site).errors
    assert slug_entries(site)["blog/post"] == []
    status = {d.document_id: d for d in assess_site(site, reuse=True).documents}
    assert status["blog/post"].publishable and status["blog/post"].english_url is None


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_a_section_s_own_translation_slug_is_refused_saying_where_its_english_is_and_hugo_serves_it_there(tmp_path: Path, layout: str) -> None:
    """Hugo ignores a section's slug, and an ``url`` would move its list page away from its pages: a
    ``translation_slug`` on ``_index.md`` holds its English back, saying so on the field's line; removed, the section's
    English is exported, and Hugo serves it at the URL status gives."""
    content = {
        "blog/_index.md": "---\ntitle: Blog\ntranslation_slug: weblog\n---\nAlle berichten.\n",
        "blog/post.md": "---\ntitle: Post\n---\nTekst.\n",
    }
    site = hugo_site_with_layout(tmp_path / "site", layout, content)
    approve(site, english)
    section = {d.document_id: d for d in assess_site(site).documents}["blog/_index"]
    problem = next(p for p in section.problems if p.check == "slug")
    assert (problem.location, problem.line) == (section.source, 3)
    assert section.reasons == (
        "English slug: front matter: 'translation_slug': a section page has no slug of its own: its English is at its "
        "folder's address, /en/blog/ (Hugo ignores a section's slug): remove translation_slug (rename the folder to move the section)",
    )
    assert [document for document, _ in export(site).held_back] == ["blog/_index"]
    source = site.source_path("blog/_index")
    source.write_text(source.read_text(encoding="utf-8").replace("translation_slug: weblog\n", ""), encoding="utf-8")
    assert english_urls(site)["blog/_index"] == "/en/blog/"
    assert not export(site).held_back
    assert "Blog" in (build(site.root) / "en/blog/index.html").read_text(encoding="utf-8")


NOTHING = {
    "leeg/_index.md": "---\nweight: 2\n---\n",  # nothing to translate: live at once
    "leeg/ding.md": "---\ntitle: Ding\n---\nIets.\n",
    "_common/_index.md": KINDS["_common/_index.md"],
    "_common/code.md": "---\nweight: 1\n---\n\n```sh\nmake publish\n```\n",  # only code, and headless: nothing either
    "blog/met.md": '---\ntitle: Met code\n---\nVoor de code.\n\n{{% include "/_common/code.md" %}}\n',
}


def test_a_document_with_nothing_to_translate_is_live_at_once_saying_why_and_its_english_is_the_dutch(tmp_path: Path) -> None:
    """Status says under the row what "live" means there (nothing to translate; no page of its own where Hugo renders
    none); the English file is the Dutch one, which Hugo builds as it builds the Dutch (no title: none in English
    either) and includes into the English page."""
    from test_hugo import INCLUDE

    site = hugo_site_with_layout(tmp_path / "site", "hugo-by-filename", NOTHING)
    (site.root / "layouts/shortcodes").mkdir()
    (site.root / "layouts/shortcodes/include.html").write_text(INCLUDE, encoding="utf-8")
    assert not extract(site).errors
    rows = subprocess.run([sys.executable, "-m", "publish_pipeline", "status", "--root", str(site.root)], capture_output=True, text=True).stdout.splitlines()
    said: dict[str, str] = {}  # each row's name, with what is said below it (its wrapped lines joined)
    name = ""
    for row in rows:
        if row.startswith("    "):
            said[name] = f"{said.get(name, '')} {row.strip()}".strip()
        else:
            name = row.split(" ")[0]
    nothing = "nothing to translate (no title, no text): its English is its Dutch file as it is"
    unrendered = "Hugo renders no page of it (headless, or render: never), so it has no English URL; export still writes its English file, for the pages that use it"
    assert said["leeg/_index"] == f"{nothing}, at /en/leeg/"
    assert said["_common/_index"] == said["_common/code"] == f"{nothing}; {unrendered}"
    assert "live" in next(row for row in rows if row.startswith("leeg/_index "))
    approve(site, english)
    assert not export(site).held_back
    for name in ("leeg/_index", "_common/_index", "_common/code"):
        dutch = site.source_path(name)
        assert site.english_file(dutch).read_bytes() == dutch.read_bytes()
    public = build(site.root)
    assert all("<title></title>" in (public / page / "index.html").read_text(encoding="utf-8") for page in ("leeg", "en/leeg"))
    assert "make publish" in (public / "en/blog/met-en/index.html").read_text(encoding="utf-8")


SNIPPETS = {
    "blog/_index.md": "---\ntitle: Blog\n---\nAlle berichten.\n",
    "blog/post.md": "---\ntitle: Post\n---\nTekst.\n",
    "_common/_index.md": "---\ntitle: Gedeeld\ncascade:\n  _build:\n    render: never\n    list: never\n---\n",
    "_common/stukje.md": "---\ntitle: Stukje\n---\nEen stukje.\n",
}


def unapprove(site, document_id: str) -> None:  # type: ignore[no-untyped-def]
    po = polib.pofile(str(site.catalog_path(document_id)))
    for entry in po:
        entry.flags.append("fuzzy")
    po.save()


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_the_english_of_a_snippet_is_no_page_while_its_sections_own_english_waits(tmp_path: Path, layout: str) -> None:
    """Session 32's closing note: Hugo reads a cascade in each language from that language's ``_index``, so while the
    English of ``_common/_index.md`` waited for review, Hugo built the exported English snippet as a page
    (``/en/_common/stukje/``). Export writes the section's English with its build options alone meanwhile, and the
    section's own English in its place once approved; one changed by hand stays, and export says so."""
    site = hugo_site_with_layout(tmp_path / "site", layout, SNIPPETS)
    approve(site, english)
    unapprove(site, "_common/_index")
    report = export(site)
    assert "_common/stukje" in report.translated and "_common/_index" in dict(report.held_back)
    public = build(site.root)
    assert not (public / "en/_common").exists()
    section = site.english_file(site.source_path("_common/_index"))
    assert section.read_text(encoding="utf-8") == "---\ncascade:\n  _build:\n    render: never\n    list: never\n---\n"
    approve(site, english)
    assert "_common/_index" in export(site).translated
    assert "title: Gedeeld" in section.read_text(encoding="utf-8")  # the section's own English replaces it
    section.write_text("---\ntitle: Shared\n---\n", encoding="utf-8")  # changed by hand
    unapprove(site, "_common/_index")
    errors = [str(error) for error in export(site).errors]
    assert section.read_text(encoding="utf-8") == "---\ntitle: Shared\n---\n"
    assert any("export does not overwrite it" in error for error in errors), errors


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_a_sections_own_url_moves_its_english_and_status_says_where_hugo_serves_it(tmp_path: Path, layout: str) -> None:
    """Session 32's closing note: a section's ``url:`` moves its page (not its posts), and export writes its English
    under the language (``/en/verhalen/``), but status said its folder's address (``/en/blog/``)."""
    content = {
        "blog/_index.md": "---\ntitle: Blog\nurl: /verhalen/\n---\nAlle berichten.\n",
        "blog/post.md": "---\ntitle: Post\n---\nTekst.\n",
        "docs/_index.md": "---\ntitle: Docs\nurl: /nl/handboek/\n---\nAlles.\n",
    }
    site = hugo_site_with_layout(tmp_path / "site", layout, content)
    approve(site, english)
    urls = english_urls(site)
    assert urls == {"blog/_index": "/en/verhalen/", "blog/post": "/en/blog/post-en/", "docs/_index": "/en/handboek/"}
    assert not export(site).errors
    public = build(site.root)
    assert {"/" + str(page.parent.relative_to(public)) + "/" for page in (public / "en").rglob("index.html")} == {*urls.values(), "/en/"}


@pytest.mark.parametrize(("fences", "front"), [
    ("toml", '+++\ntitle = "Gedeeld"\n[cascade._build]\nrender = "never"\nlist = "never"\n+++\n'),
    ("json", '{\n  "title": "Gedeeld",\n  "cascade": {"_build": {"render": "never", "list": "never"}}\n}\n'),
])
def test_the_stand_in_english_of_a_section_is_in_the_front_matter_format_of_its_dutch(tmp_path: Path, fences: str, front: str) -> None:
    """The section's English that export writes while its own waits was always YAML beside a TOML or JSON ``_index``
    (a site keeps one format; hugo new writes the archetype's): now in the Dutch one's, and Hugo still reads its cascade."""
    site = hugo_site_with_layout(tmp_path / "site", "hugo-by-filename", {**SNIPPETS, "_common/_index.md": front})
    approve(site, english)
    unapprove(site, "_common/_index")
    report = export(site)
    assert "_common/stukje" in report.translated and "_common/_index" in dict(report.held_back)
    written = site.english_file(site.source_path("_common/_index")).read_text(encoding="utf-8")
    assert written == {
        "toml": '+++\n[cascade._build]\nrender = "never"\nlist = "never"\n+++\n',
        "json": '{\n  "cascade": {\n    "_build": {\n      "render": "never",\n      "list": "never"\n    }\n  }\n}\n',
    }[fences], written
    public = build(site.root)
    assert (public / "en/blog/post-en/index.html").is_file() and not (public / "en/_common").exists()
