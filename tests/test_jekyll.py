"""A Jekyll site as people make them: posts, pages at the top and in ``_pages/``, a collection Jekyll writes as pages,
``{% post_url %}`` links and ``{% raw %}`` text; and the English export writes into it, where Jekyll serves it.

Jekyll itself is not installed: the tests hold the files written, their front matter and permalinks, to Jekyll's
conventions (a page is a Markdown file that starts with ``---``; a collection is read in its own folder only).
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.errors import PipelineError
from publish_pipeline.jekyll_config import JekyllConfig
from publish_pipeline.output.export import export
from publish_pipeline.plumbing import freshness
from publish_pipeline.quality.status import assess_site
from publish_pipeline.site import Site
from publish_pipeline.text.links import POST_URL, jekyll_tag

from conftest import keeping_dutch
from test_layouts import approve, english, ids, make_site

CONFIG = """\
title: Mijn blog
permalink: /:year/:month/:title/
collections:
  recepten:
    output: true
    permalink: /recepten/:name/
  notities:
    output: false
exclude: [VERBORGEN.md, translations/, pipeline.yaml, tasks.py, build/]
include: [_pages]
"""

SITE = {
    "_config.yml": CONFIG,
    "index.md": "---\nlayout: home\ntitle: Welkom\n---\nDe voorpagina.\n",
    "over.md": "---\nlayout: page\ntitle: Over mij\npermalink: /over/\n---\nIk schrijf over vertrouwen.\n",
    "contact.markdown": "---\ntitle: Contact\n---\nMail me.\n",
    "README.md": "# Mijn blog\n\nGeen front matter: Jekyll kopieert dit bestand.\n",
    "VERBORGEN.md": "---\ntitle: Verborgen\n---\nUitgesloten in _config.yml.\n",
    "_pages/diensten.md": "---\ntitle: Diensten\npermalink: /diensten/\n---\nWat ik doe.\n",
    "_recepten/soep.md": "---\ntitle: Soep\n---\nSnijd de ui.\n",
    "_notities/idee.md": "---\ntitle: Idee\n---\nNiet als pagina geschreven.\n",
    "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste bericht\n---\nHallo.\n",
}


def jekyll_site(root: Path, content: dict[str, str] | None = None) -> Site:
    return make_site(root, "jekyll", SITE if content is None else content)


def front(path: Path) -> str:
    """The front matter of a written file, as written."""
    return path.read_text(encoding="utf-8").split("---\n")[1]


def exported_site(root: Path, content: dict[str, str]) -> Site:
    """A Jekyll site of ``content``, every entry approved and exported, every link's address known."""
    site = jekyll_site(root, content)
    approve(site, english)
    report = export(site)
    assert not report.errors and report.links is None, report
    return site


def test_pages_and_output_collections_are_documents(tmp_path: Path) -> None:
    """Root pages with front matter, ``_pages/`` and ``output: true`` collections are read; a file Jekyll copies as it is
    (no front matter), one ``_config.yml`` excludes, and a collection without output are not."""
    site = jekyll_site(tmp_path / "site")
    assert ids(site) == ["2024-01-01-eerste", "_pages/diensten", "_recepten/soep", "contact", "index", "over"]
    report = extract(site)
    assert not report.errors
    assert (site.root / "translations/en/_recepten/soep.po").is_file() and (site.root / "translations/en/over.po").is_file()


def test_pages_in_pages_are_read_only_where_jekyll_reads_them(tmp_path: Path) -> None:
    """Jekyll skips a folder whose name starts with ``_`` unless ``include:`` names it (the new user's trial: without
    it, ``_pages/contact`` was translated and said live, its English a page Jekyll never builds)."""
    site = jekyll_site(tmp_path / "site", {**SITE, "_config.yml": CONFIG.replace("include: [_pages]\n", "")})
    assert "_pages/diensten" not in ids(site)


def test_the_english_of_pages_and_collections_goes_where_jekyll_serves_it_under_en(tmp_path: Path) -> None:
    site = jekyll_site(tmp_path / "site")
    approve(site, english)
    report = export(site)
    assert not report.errors and len(report.translated) == 6, report
    root = site.root
    # a page keeps its place below en/ (Jekyll serves en/contact.markdown at /en/contact.html); an own permalink gets
    # the language; no slug (Jekyll reads none of a page)
    assert front(root / "en/contact.markdown") == "title: Contact\nlang: en\n"
    assert front(root / "en/over.md") == "layout: page\ntitle: Over mij\npermalink: /en/over/\nlang: en\n"
    assert front(root / "en/_pages/diensten.md") == "title: Diensten\npermalink: /en/diensten/\nlang: en\n"
    assert front(root / "en/index.md") == "layout: home\ntitle: Welkom\nlang: en\n"
    # a collection's English stays in the collection (Jekyll reads it nowhere else), at its permalink under the language
    assert front(root / "_recepten/en/soep.md") == 'title: Soep\nslug: soep-en\nlang: en\npermalink: /en/recepten/soep-en/\n'
    # a post gets the site's pattern, not a page's or a collection's
    assert 'permalink: "/en/:year/:month/:title/"' in front(root / "en/_posts/2024-01-01-eerste.md")
    # the collection's English is no Dutch document of its own, nor is any page export wrote
    assert ids(Site.open(root)) == ["2024-01-01-eerste", "_pages/diensten", "_recepten/soep", "contact", "index", "over"]


def test_a_collection_without_its_own_permalink_gets_jekylls_default_under_the_language(tmp_path: Path) -> None:
    content = {**SITE, "_config.yml": "collections:\n  recepten:\n    output: true\n", "_recepten/soepen/ui.md": "---\ntitle: Ui\n---\nSnijd.\n"}
    site = jekyll_site(tmp_path / "site", content)
    approve(site, english)
    assert not export(site).errors
    # :path would be en/soepen/ui in the English file's place: it is the Dutch one's, named by the approved English
    # slug (the new user's trial: the slug she approved did nothing here, as it does for posts and pages)
    assert 'permalink: "/en/:collection/soepen/ui-en:output_ext"' in front(site.root / "_recepten/en/soepen/ui.md")


def test_status_counts_the_pages_words(tmp_path: Path) -> None:
    site = jekyll_site(tmp_path / "site")
    extract(site)
    status = assess_site(site)
    assert {row.document_id for row in status.documents} >= {"over", "_recepten/soep", "_pages/diensten"}
    assert next(row for row in status.documents if row.document_id == "over").words_to_review > 0


def test_editing_the_permalink_in_config_writes_the_english_posts_again(tmp_path: Path) -> None:
    """The English's permalink comes from ``_config.yml``: a change there is a change of what export writes, though
    no source, PO file or pipeline.yaml changed."""
    site = jekyll_site(tmp_path / "site")
    approve(site, english)
    assert not export(site).errors
    post = site.root / "en/_posts/2024-01-01-eerste.md"
    assert 'permalink: "/en/:year/:month/:title/"' in front(post)
    (site.root / "_config.yml").write_text(CONFIG.replace("/:year/:month/:title/", "/blog/:title/"), encoding="utf-8")
    report = export(Site.open(site.root))
    assert not report.errors and report.written >= 1
    assert 'permalink: "/en/blog/:title/"' in front(post)
    (site.root / "_config.yml").write_text(CONFIG.replace("/recepten/:name/", "/eten/:name/"), encoding="utf-8")
    assert not export(Site.open(site.root)).errors
    assert 'permalink: /en/eten/soep-en/' in front(site.root / "_recepten/en/soep.md")


def approve_only(site: Site, document_ids: list[str]) -> None:
    """Translate and approve every entry of these documents' PO files (``english``); the others stay untranslated."""
    for document_id in document_ids:
        catalog = polib.pofile(str(site.catalog_path(document_id)), wrapwidth=0)
        for entry in catalog:
            entry.msgstr, entry.flags = english(entry), [flag for flag in entry.flags if flag != "fuzzy"]
            keeping_dutch(entry)
        catalog.save(str(site.catalog_path(document_id)))


def linking_post(root: Path, body: str, others: dict[str, str] | None = None) -> Site:
    """A Jekyll site whose post ``2024-02-01-tweede`` (``body``) links ``2024-01-01-eerste`` (and ``others``): both
    extracted, translated and approved (``approve_only``)."""
    content = {"_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n", **(others or {})}
    site = jekyll_site(root, {**content, "_posts/2024-02-01-tweede.md": "---\ntitle: Tweede\n---\n" + body})
    extract(site)
    approve_only(site, ["2024-01-01-eerste", "2024-02-01-tweede"])
    return site


def test_post_url_in_the_english_leads_to_the_english_post_where_it_is_exported(tmp_path: Path) -> None:
    """``{% post_url 2024-01-01-eerste %}`` finds the Dutch post; ``en/2024-01-01-eerste`` finds ``en/_posts/2024-01-01-eerste.md``.
    A post whose English is not written yet is linked as written, until it is."""
    site = linking_post(
        tmp_path / "site",
        "Lees [het eerste]({% post_url 2024-01-01-eerste %}) en [het oude]({%post_url 2023-05-05-oud%}).\n\n"
        "Write {% raw %}{% post_url 2024-01-01-eerste %}{% endraw %} in your bericht.\n",
        {"_posts/2023-05-05-oud.md": "---\ntitle: Oud\n---\nVroeger.\n"},
    )
    assert not export(site).errors
    english_post = site.root / "en/_posts/2024-02-01-tweede.md"
    body = english_post.read_text(encoding="utf-8").split("---\n")[2]
    assert body == (
        "Lees [het eerste]({% post_url en/2024-01-01-eerste %}) en [het oude]({%post_url 2023-05-05-oud%}).\n\n"
        "Write {% raw %}{% post_url 2024-01-01-eerste %}{% endraw %} in your post.\n"  # shown as written: it stays
    )
    assert "2024-01-01-eerste" in (site.root / "_posts/2024-02-01-tweede.md").read_text(encoding="utf-8")  # the Dutch stays
    approve_only(site, ["2023-05-05-oud"])  # nothing of the second post changed: its English is made again all the same
    assert not export(Site.open(site.root)).errors
    assert "[het oude]({%post_url en/2023-05-05-oud%})" in english_post.read_text(encoding="utf-8")


def test_post_url_export_wrote_goes_back_to_the_dutch_name_when_the_english_changed_by_hand_is_adopted(tmp_path: Path) -> None:
    """Export writes ``{% post_url en/2024-01-01-eerste %}``; adopting the file after a change by hand kept it so, the
    entry then fuzzy with a template error (the Dutch's tag is ``2024-01-01-eerste``): her English as export wrote it,
    refused. Now the name goes back to the Dutch's, as a mapped link's address does; one in ``raw`` stays as written."""
    from test_tasks import run

    site = linking_post(
        tmp_path / "site",
        "Lees [het eerste]({% post_url 2024-01-01-eerste %}).\n\nSchrijf {% raw %}{% post_url en/2024-01-01-eerste %}{% endraw %} voor de Engelse.\n",
    )
    raw = "Write {% raw %}{% post_url en/2024-01-01-eerste %}{% endraw %} for the English one."
    catalog = polib.pofile(str(site.catalog_path("2024-02-01-tweede")), wrapwidth=0)
    catalog.find("Schrijf {% raw %}{% post_url en/2024-01-01-eerste %}{% endraw %} voor de Engelse.").msgstr = raw
    catalog.save()
    assert not export(site).errors
    english_post = site.root / "en/_posts/2024-02-01-tweede.md"
    english_post.write_text(english_post.read_text(encoding="utf-8").replace("Lees [het eerste]", "Read [the first one]"), encoding="utf-8")
    done = run("publish_pipeline", "adopt", "--approve", "--overwrite", "--root", str(site.root))
    assert done.returncode == 0 and "template" not in done.stdout, done.stdout + done.stderr
    translated = {entry.msgid: (entry.msgstr, entry.fuzzy) for entry in polib.pofile(str(site.catalog_path("2024-02-01-tweede")))}
    assert translated["Lees [het eerste]({% post_url 2024-01-01-eerste %})."] == ("Read [the first one]({% post_url 2024-01-01-eerste %}).", False)
    assert translated["Schrijf {% raw %}{% post_url en/2024-01-01-eerste %}{% endraw %} voor de Engelse."] == (raw, False)


def test_links_to_posts_pages_and_collections_lead_to_their_english_addresses(tmp_path: Path) -> None:
    """With the site's own permalink pattern, export writes the English posts' permalinks, so their addresses are
    known, as are the pages' and the collection's: a link to the Dutch address leads to the English one. (A pattern
    ending in ``/`` gives the pages that ending too: ``/contact/``.)"""
    content = {
        **SITE,
        "_posts/2024-03-01-links.md": (
            "---\ntitle: Links\n---\nSee [first](/2024/02/begin/), [contact](/contact/), [soup](/recepten/soep/)"
            " and [me](/over/).\n"
        ),
        "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste bericht\nslug: begin\ndate: 2024-02-02\n---\nHallo.\n",  # its date, not its name's
    }
    site = exported_site(tmp_path / "site", content)
    text = (site.root / "en/_posts/2024-03-01-links.md").read_text(encoding="utf-8")
    assert (
        "See [first](/en/2024/02/begin-en/), [contact](/en/contact/), [soup](/en/recepten/soep-en/) and [me](/en/over/)."
    ) in text


def test_in_jekylls_default_style_a_page_is_at_its_name_html(tmp_path: Path) -> None:
    content = {
        "contact.md": "---\ntitle: Contact\n---\nMail me.\n",
        "_pages/links.md": "---\ntitle: Links\n---\nSee [contact](/contact.html) and [home](/).\n",
        "index.md": "---\ntitle: Welkom\n---\nHome.\n",
        "_config.yml": "include: [_pages]\n",
    }
    site = exported_site(tmp_path / "site", content)
    assert "See [contact](/en/contact.html) and [home](/en/)." in (site.root / "en/_pages/links.md").read_text(encoding="utf-8")


def test_the_prose_inside_raw_is_text_and_its_liquid_stays_as_written(tmp_path: Path) -> None:
    """``{% raw %}`` shows what it holds as written: its prose is an entry (status counts its words), the ``{{ x }}`` in
    it stays markup, and the English keeps it byte for byte."""
    content = {"_posts/2024-01-01-sjabloon.md": "---\ntitle: Sjabloon\n---\n{% raw %}Gebruik {{ x }} in je sjabloon.{% endraw %}\n"}
    site = jekyll_site(tmp_path / "site", content)
    extract(site)
    msgids = [entry.msgid for entry in polib.pofile(str(site.catalog_path("2024-01-01-sjabloon")))]
    assert "{% raw %}Gebruik {{ x }} in je sjabloon.{% endraw %}" in msgids
    assert assess_site(site).documents[0].words_to_review >= 4
    catalog = polib.pofile(str(site.catalog_path("2024-01-01-sjabloon")), wrapwidth=0)
    for entry in catalog:
        entry.msgstr = "{% raw %}Use {{ x }} in your template.{% endraw %}" if "raw" in entry.msgid else english(entry)
    catalog.save(str(site.catalog_path("2024-01-01-sjabloon")))
    assert not export(site).errors
    assert (site.root / "en/_posts/2024-01-01-sjabloon.md").read_text(encoding="utf-8").endswith(
        "---\n{% raw %}Use {{ x }} in your template.{% endraw %}\n"
    )


def test_two_files_of_one_page_are_refused_by_name(tmp_path: Path) -> None:
    """``over.md`` and ``over.markdown`` would share one PO file: the second is refused, saying which the first is."""
    site = jekyll_site(tmp_path / "site", {"over.md": "---\ntitle: A\n---\nA.\n", "over.markdown": "---\ntitle: B\n---\nB.\n"})
    errors = [str(error) for error in extract(site).errors]
    assert errors and all("is the document 'over' too" in error for error in errors), errors


def test_a_post_with_categories_under_the_date_style_is_the_dutch_address_under_en(tmp_path: Path) -> None:
    """Jekyll's default style (``date``: ``/:categories/:year/:month/:day/:title:output_ext``, ``configuration.rb``)
    fills ``:categories`` with the post's, after ``en``, the category of ``en/_posts/``: the English is at the Dutch
    address under ``/en/`` with no permalink of its own (a page's and a collection's English are there too), and the
    link map knows both addresses."""
    content = {
        "_config.yml": "title: Mijn blog\n",
        "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\ncategories: blog\n---\nHallo.\n",
        "_posts/2024-01-02-reis.md": "---\ntitle: Reis\ncategory: Reizen\ncategories: [blog]\n---\nWeg.\n",
        "_posts/2024-03-01-links.md": (
            "---\ntitle: Links\n---\nSee [first](/blog/2024/01/01/eerste.html) and [trip](/blog/reizen/2024/01/02/reis.html).\n"
        ),
    }
    site = exported_site(tmp_path / "site", content)
    assert "permalink" not in front(site.root / "en/_posts/2024-01-01-eerste.md")  # Jekyll fills :categories with en/blog
    assert "permalink" not in front(site.root / "en/_posts/2024-01-02-reis.md")
    text = (site.root / "en/_posts/2024-03-01-links.md").read_text(encoding="utf-8")
    assert "See [first](/en/blog/2024/01/01/eerste-en.html) and [trip](/en/blog/reizen/2024/01/02/reis-en.html)." in text


def test_a_pattern_with_categories_further_on_keeps_the_english_under_en(tmp_path: Path) -> None:
    """With ``:categories`` not first, Jekyll would put the English at ``/2024/en/blog/…`` (the category ``en`` of
    ``en/_posts`` first among its categories: ``document.rb``, ``merge_categories!``)."""
    content = {
        "_config.yml": "permalink: /:year/:categories/:title/\n",
        "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\ncategories: [Blog]\n---\nHallo.\n",
        "_posts/2024-03-01-links.md": "---\ntitle: Links\n---\nSee [first](/2024/blog/eerste/).\n",
    }
    site = exported_site(tmp_path / "site", content)
    assert 'permalink: "/en/:year/blog/:title/"' in front(site.root / "en/_posts/2024-01-01-eerste.md")
    assert "See [first](/en/2024/blog/eerste-en/)." in (site.root / "en/_posts/2024-03-01-links.md").read_text(encoding="utf-8")


def test_config_is_read_once_for_a_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jekyll reads ``_config.yml`` once, as it starts; so does the pipeline, once for each site it opens (it was
    stat'ed eight times for each document of an export)."""
    content = {**SITE, **{f"_posts/2024-02-0{day}-post.md": f"---\ntitle: Bericht {day}\n---\nTekst {day}.\n" for day in range(1, 6)}}
    site = jekyll_site(tmp_path / "site", content)
    approve(site, english)
    reads = []
    original = JekyllConfig.of.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(JekyllConfig, "of", classmethod(lambda cls, root: reads.append(root) or original(cls, root)))
    site = Site.open(site.root)
    assert not export(site).errors and not extract(site).errors
    assert reads == [site.root]


def test_pages_are_read_in_every_folder_jekyll_reads(tmp_path: Path) -> None:
    """Jekyll makes a page of each file with front matter in every folder it reads (``reader.rb``), but what its
    ``entry_filter.rb`` leaves out: a name starting with ``_``, ``.``, ``#`` or ``~`` unless ``include:`` names it,
    what ``exclude:`` names (a pattern, or the start of a path), and its default excludes (``node_modules``,
    ``vendor/bundle/``); ``_site`` is its output; a file without front matter is copied as it is."""
    page = "---\ntitle: Pagina\n---\nTekst.\n"
    content = {
        "_config.yml": "include: [_pages, _handboek]\nexclude: [docs/intern, '*.concept.md']\n",
        "docs/handleiding.md": page,
        "docs/stappen/index.md": page,
        "docs/notitie.md": "Geen front matter: gekopieerd.\n",
        "docs/intern/geheim.md": page,
        "docs/plan.concept.md": page,
        "docs/#bak.md": page,
        "docs/_deel.md": page,
        "_handboek/start.md": page,
        "_pages/over.md": page,
        "_site/docs/handleiding.md": page,
        "_drafts/2024-01-01-klad.md": page,
        "node_modules/pakket/README.md": page,
        "vendor/bundle/gem/README.md": page,
        "vendor/eigen.md": page,
        ".github/sjabloon.md": page,
        "translations/en/readme.md": page,
        "_posts/2024-01-01-eerste.md": page,
    }
    site = jekyll_site(tmp_path / "site", content)
    expected = ["2024-01-01-eerste", "_handboek/start", "_pages/over", "docs/handleiding", "docs/stappen", "vendor/eigen"]
    assert ids(site) == expected
    approve(site, english)
    assert not export(site).errors
    assert front(site.root / "en/docs/handleiding.md") == "title: Pagina\nlang: en\n"
    assert ids(Site.open(site.root)) == expected  # the English export wrote is no Dutch page


def test_a_folder_linked_from_outside_the_site_is_no_document_but_a_page_in_it_is_said_to_lead_out(tmp_path: Path) -> None:
    """A link to a folder of assets outside the site (a theme's, a monorepo's) holds no page: nothing to read, and
    extract does not fail on it; a page in such a folder is listed by its own path, and reading it says it leads out."""
    outside = tmp_path / "outside"
    (outside / "css").mkdir(parents=True)
    (outside / "css/site.css").write_text("body {}\n", encoding="utf-8")
    (outside / "pages").mkdir()
    (outside / "pages/extern.md").write_text("---\ntitle: Extern\n---\nBuiten de site.\n", encoding="utf-8")
    site = jekyll_site(tmp_path / "site", {"_config.yml": "title: Blog\n", "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n"})
    (site.root / "assets").symlink_to(outside / "css", target_is_directory=True)
    assert ids(Site.open(site.root)) == ["2024-01-01-eerste"]
    assert not extract(Site.open(site.root)).errors
    (site.root / "extern").symlink_to(outside / "pages", target_is_directory=True)
    site = Site.open(site.root)
    assert ids(site) == ["2024-01-01-eerste", "extern/extern"]
    with pytest.raises(PipelineError, match="leads outside the site folder"):
        site.source_bytes(site.root / "extern/extern.md")


def test_collections_dir_holds_the_posts_and_collections_and_their_english(tmp_path: Path) -> None:
    """With ``collections_dir``, Jekyll reads the posts and the collections in that folder only (``reader.rb``,
    ``outside_configured_directory?``; ``site.rb``, ``collections_path``): the English goes there too."""
    content = {
        "_config.yml": "collections_dir: verzameling\npermalink: /:year/:title/\ncollections:\n  recepten:\n    output: true\n",
        "verzameling/_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nZie [soep](/recepten/soep.html).\n",
        "verzameling/_recepten/soep.md": "---\ntitle: Soep\n---\nSnijd.\n",
        "_posts/2023-01-01-buiten.md": "---\ntitle: Buiten\n---\nJekyll leest dit niet.\n",
    }
    site = jekyll_site(tmp_path / "site", content)
    assert ids(site) == ["2024-01-01-eerste", "verzameling/_recepten/soep"]
    approve(site, english)
    report = export(site)
    assert not report.errors and report.links is None, report
    post = site.root / "verzameling/en/_posts/2024-01-01-eerste.md"
    assert 'permalink: "/en/:year/:title/"' in front(post) and "[soep](/en/recepten/soep-en.html)" in post.read_text(encoding="utf-8")
    assert 'permalink: "/en/:collection/soep-en:output_ext"' in front(site.root / "verzameling/_recepten/en/soep.md")
    assert ids(Site.open(site.root)) == ["2024-01-01-eerste", "verzameling/_recepten/soep"]
    assert {"verzameling/en", "verzameling/_recepten/en"} <= set(site.jekyll_unread())  # extract's quick answer leaves them out


def test_post_url_to_a_post_in_a_folder_of_posts_leads_to_its_english(tmp_path: Path) -> None:
    """``{% post_url 2024/2024-01-01-eerste %}`` finds ``_posts/2024/2024-01-01-eerste.md``; no name finds a post
    both below a category folder and in a folder of ``_posts/`` (``tags/post_url.rb``), so its English is at
    ``en/_posts/2024-01-01-eerste.md``, which ``{% post_url en/2024-01-01-eerste %}`` finds."""
    content = {
        "_posts/2024/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n",
        "_posts/2024-02-01-tweede.md": "---\ntitle: Tweede\n---\nLees [het eerste]({% post_url 2024/2024-01-01-eerste %}).\n",
    }
    site = jekyll_site(tmp_path / "site", content)
    approve(site, english)
    assert not export(site).errors
    assert (site.root / "en/_posts/2024-01-01-eerste.md").is_file() and not (site.root / "en/_posts/2024").exists()
    assert "[het eerste]({% post_url en/2024-01-01-eerste %})" in (site.root / "en/_posts/2024-02-01-tweede.md").read_text(encoding="utf-8")


def test_two_posts_of_one_name_in_folders_of_posts_are_refused(tmp_path: Path) -> None:
    """Their English would be one file (``en/_posts/<name>``): each is refused, saying which the other is."""
    post = "---\ntitle: A\n---\nA.\n"
    site = jekyll_site(tmp_path / "site", {"_posts/a/2024-01-01-x.md": post, "_posts/b/2024-01-01-x.md": post, "_posts/2024-01-02-y.md": post})
    errors = sorted(str(error) for error in extract(site).errors)
    assert len(errors) == 2 and "_posts/b/2024-01-01-x.md" in errors[0] and "_posts/a/2024-01-01-x.md" in errors[1], errors


def test_a_no_op_extract_is_answered_whatever_jekyll_writes_into_the_site(tmp_path: Path) -> None:
    """``jekyll build`` writes ``_site/`` and ``.jekyll-cache/``; bundler installs into ``vendor/bundle/``: extract
    reads none of them (nor what ``exclude:`` names, nor export's English), so its quick answer stays; a page added
    in a folder Jekyll reads ends it. (The whole site was listed: a build meant a full extract.)"""
    content = {**SITE, "_site/index.html": "<p>oud</p>\n", ".jekyll-cache/Jekyll/x": "", "docs/handleiding.md": "---\ntitle: H\n---\nT.\n"}
    site = jekyll_site(tmp_path / "site", {**content, "_config.yml": CONFIG.replace("[VERBORGEN.md,", "[VERBORGEN.md, schetsen,")})
    for folder in ("vendor/bundle", "node_modules", "schetsen", "en"):
        (site.root / folder).mkdir(parents=True)
    assert not extract(site).errors
    assert freshness.fresh(site.root, "extract") is not None
    (site.root / "_site/index.html").write_text("<p>nieuw</p>\n", encoding="utf-8")
    (site.root / "_site/docs").mkdir()
    (site.root / "_site/docs/handleiding.html").write_text("<p>H</p>\n", encoding="utf-8")
    (site.root / ".jekyll-cache/Jekyll/y").write_text("", encoding="utf-8")
    (site.root / "vendor/bundle/gem.md").write_text("---\ntitle: G\n---\n", encoding="utf-8")
    (site.root / "schetsen/idee.md").write_text("---\ntitle: I\n---\n", encoding="utf-8")
    (site.root / "en/over.md").write_text("---\ntitle: About\n---\n", encoding="utf-8")
    assert freshness.fresh(site.root, "extract") is not None
    (site.root / "docs/nieuw.md").write_text("---\ntitle: Nieuw\n---\nTekst.\n", encoding="utf-8")
    assert freshness.fresh(site.root, "extract") is None


def test_status_gives_each_english_url_where_jekyll_serves_the_english_export_wrote(tmp_path: Path) -> None:
    """The new user's trial: status --json (and the step summary, which reads the same verdicts) said /en/first-ride/
    for a post Jekyll serves at /en/2024/01/10/first-ride/, and a page at its slug, which Jekyll does not read for a page.
    Each is where the English file export wrote is served: a post by its permalink, a page by its path."""
    import json

    from publish_pipeline import tasks
    from test_workflow import run_task

    content = {**SITE, "docs/handleiding.md": "---\ntitle: Handleiding\n---\nLees dit.\n", "_posts/2024-02-03-rit.md": "---\ntitle: Rit\ncategories: blog\n---\nFietsen.\n"}
    site = exported_site(tmp_path / "site", content)
    code, output = run_task(tasks.status, site.root, json=True)
    assert code == 0, output
    assert {document["id"]: document["english_url"] for document in json.loads(output)["documents"]} == {
        "index": "/en/",
        "contact": "/en/contact/",
        "docs/handleiding": "/en/docs/handleiding/",
        "over": "/en/over/",  # its permalink under the language (export writes it so)
        "_pages/diensten": "/en/diensten/",
        "2024-01-01-eerste": "/en/2024/01/eerste-en/",
        "2024-02-03-rit": "/en/2024/02/rit-en/",
        "_recepten/soep": "/en/recepten/soep-en/",
    }
    assert "permalink: /en/over/" in front(site.root / "en/over.md")


def test_a_page_has_no_slug_entry_jekyll_never_reads(tmp_path: Path) -> None:
    """Jekyll places a page by its path or its own permalink and reads no slug (``page.rb``: ``url_placeholders`` are
    ``:path``, ``:basename`` and ``:output_ext``): the translator got a slug entry that changed nothing. A page has none;
    a post and a collection's document keep theirs (``:title``, ``:name``); the English of a page with a permalink of
    its own is that permalink under the language; nothing waits for a slug."""
    content = {**SITE, "over.md": "---\ntitle: Over mij\npermalink: /over-ons/\n---\nIk schrijf.\n"}
    site = jekyll_site(tmp_path / "site", content)
    approve(site, english)
    slugs = {site.catalog_document_id(path): [e.msgid for e in polib.pofile(str(path)) if e.msgctxt == "slug"] for path in site.catalog_paths()}
    assert slugs == {"2024-01-01-eerste": ["eerste"], "_recepten/soep": ["soep"], "_pages/diensten": [], "contact": [], "index": [], "over": []}
    report = export(site)
    assert not report.errors and len(report.translated) == 6, report
    assert front(site.root / "en/over.md") == "title: Over mij\npermalink: /en/over-ons/\nlang: en\n"
    assert front(site.root / "en/contact.markdown") == "title: Contact\nlang: en\n"
    urls = {row.document_id: row.english_url.path for row in assess_site(site).documents if row.english_url}
    assert urls["over"] == "/en/over-ons/" and urls["contact"] == "/en/contact/"


def test_a_pages_slug_entry_of_before_is_awaited_by_nothing_and_made_obsolete(tmp_path: Path) -> None:
    """A PO file of before with a page's slug entry, not yet reviewed: status, export and adopt do not wait for it,
    and extract makes it obsolete (no error)."""
    site = jekyll_site(tmp_path / "site", {"_config.yml": "title: x\n", "contact.md": "---\ntitle: Contact\n---\nMail me.\n"})
    extract(site)
    path = site.catalog_path("contact")
    catalog = polib.pofile(str(path), wrapwidth=0)
    for entry in catalog:
        entry.msgstr, entry.flags = english(entry), []
    catalog.insert(0, polib.POEntry(msgctxt="slug", msgid="contact", msgstr="contact-en", flags=["fuzzy"], comment="URL slug"))
    catalog.save(str(path))
    row = assess_site(site).documents[0]
    assert row.publishable and row.english_url is not None and row.counts["draft"] == 0, row
    report = export(site)
    assert not report.errors and report.translated, report
    assert not extract(site).errors
    assert [(e.msgctxt, e.obsolete) for e in polib.pofile(str(path)) if e.msgctxt == "slug"] == [("slug", 1)]


def test_a_pages_english_written_by_hand_with_a_slug_is_adopted_and_exported(tmp_path: Path) -> None:
    """Her English of a page with a ``slug:`` (as export of before wrote it): adopt takes its texts, and export may
    replace the file, whose slug Jekyll never read (adopt did not wait for a slug entry the page no longer has)."""
    from test_tasks import run

    site = jekyll_site(tmp_path / "site", {"_config.yml": "title: x\n", "contact.md": "---\ntitle: Contact\n---\nMail me.\n"})
    (site.root / "en").mkdir()
    (site.root / "en/contact.md").write_text("---\ntitle: Contact us\nslug: contact-us\n---\nMail me please.\n", encoding="utf-8")
    extract(site)
    done = run("publish_pipeline", "adopt", "--approve", "--root", str(site.root))
    assert done.returncode == 0, done.stdout + done.stderr
    report = export(Site.open(site.root))
    assert not report.errors and report.translated, report
    assert front(site.root / "en/contact.md") == "title: Contact us\nlang: en\n"


def test_a_destination_of_its_own_is_neither_listed_nor_read(tmp_path: Path) -> None:
    """``destination: www`` (Jekyll expands it from the folder it runs in, ``site.rb``, and reads no page there,
    ``reader.rb``'s ``retrieve_dirs``): what ``jekyll build`` writes there keeps extract's quick answer, and a file
    there is no page of the site (it was both: a build meant a full extract, and its copies were Dutch pages)."""
    config = "destination: www\n"
    site = jekyll_site(tmp_path / "site", {"_config.yml": config, "docs/handleiding.md": "---\ntitle: H\n---\nT.\n", "www/docs/kopie.md": "---\ntitle: K\n---\nT.\n"})
    assert ids(site) == ["docs/handleiding"]
    assert JekyllConfig.of(site.root).destination == "www"
    assert not extract(site).errors
    assert freshness.fresh(site.root, "extract") is not None
    (site.root / "www/index.html").write_text("<p>nieuw</p>\n", encoding="utf-8")
    (site.root / "www/docs/nieuw.md").write_text("---\ntitle: N\n---\nT.\n", encoding="utf-8")
    assert freshness.fresh(site.root, "extract") is not None
    (site.root / "docs/nieuw.md").write_text("---\ntitle: Nieuw\n---\nTekst.\n", encoding="utf-8")
    assert freshness.fresh(site.root, "extract") is None
    outside = jekyll_site(tmp_path / "other", {"_config.yml": "destination: ../build-www\n"})
    assert JekyllConfig.of(outside.root).destination == ""


def test_an_english_post_written_by_hand_in_a_folder_of_posts_is_where_adopt_and_export_look(tmp_path: Path) -> None:
    """Jekyll reads ``en/_posts/2024/x.md`` (``get_entries``: every file below ``_posts``): her English there was
    found by neither adopt nor export, which wrote a second English post at ``en/_posts/x.md``."""
    from test_tasks import run

    name = "2024-01-01-eerste.md"
    site = jekyll_site(tmp_path / "site", {"_config.yml": "title: x\n", f"_posts/2024/{name}": "---\ntitle: Eerste\n---\nHallo.\n"})
    (site.root / "en/_posts/2024").mkdir(parents=True)
    (site.root / f"en/_posts/2024/{name}").write_text("---\ntitle: First\nslug: first\n---\nHello.\n", encoding="utf-8")
    extract(site)
    done = run("publish_pipeline", "adopt", "--approve", "--root", str(site.root))
    assert done.returncode == 0, done.stdout + done.stderr
    assert {e.msgid: e.msgstr for e in polib.pofile(str(site.catalog_path("2024/2024-01-01-eerste")))}["Hallo."] == "Hello."
    report = export(Site.open(site.root))
    assert not report.errors and report.translated, report
    assert not (site.root / f"en/_posts/{name}").exists()
    assert "Hello." in (site.root / f"en/_posts/2024/{name}").read_text(encoding="utf-8")


def test_drafts_are_not_translated_and_status_says_why(tmp_path: Path) -> None:
    """``jekyll build`` leaves ``_drafts/`` out (``reader.rb``: only with ``--drafts``), and a draft it builds is dated
    by its file's last change (``document.rb``), so its English address cannot be known: extract, status and export
    read no draft, and status says so and what to do (it said nothing: her draft was silently left untranslated)."""
    from publish_pipeline import tasks
    from test_workflow import run_task

    import json

    content = {"_config.yml": "title: x\nexclude: [translations/, pipeline.yaml, tasks.py, build/]\n", "_drafts/idee.md": "---\ntitle: Idee\n---\nLater.\n", "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n"}
    site = jekyll_site(tmp_path / "site", content)
    assert ids(site) == ["2024-01-01-eerste"]
    code, output = run_task(tasks.extract, site.root)  # its one line says so too, and status --json (they did not)
    assert output.strip().endswith("1 PO file written, 1 draft of _drafts/ left out (status says why)"), output
    assert [site.catalog_document_id(path) for path in site.catalog_paths()] == ["2024-01-01-eerste"]
    code, output = run_task(tasks.status, site.root)
    assert "_drafts/: 1 draft not translated: Jekyll builds them only with --drafts; move one into _posts/" in " ".join(output.split()), output
    code, output = run_task(tasks.status, site.root, json=True)
    assert json.loads(output)["drafts"] == {"count": 1, "note": "_drafts/: 1 draft not translated: Jekyll builds them only with --drafts; move one into _posts/, its date in its name, to translate it"}
    (site.root / "_drafts/nog.md").write_text("---\ntitle: Nog\n---\nOok later.\n", encoding="utf-8")
    code, output = run_task(tasks.extract, site.root)  # not the quick answer of before: a new draft is counted
    assert "0 PO files written, 2 drafts of _drafts/ left out" in output, output
    (site.root / "_config.yml").write_text("show_drafts: true\nexclude: [translations/, pipeline.yaml, tasks.py, build/]\n", encoding="utf-8")
    code, output = run_task(tasks.status, site.root)
    assert "dates a draft by its file's last change" in " ".join(output.split()), output
    for name in ("idee.md", "nog.md"):
        (site.root / "_drafts" / name).unlink()
    code, output = run_task(tasks.status, site.root)
    assert "_drafts" not in output
    code, output = run_task(tasks.status, site.root, json=True)
    assert "drafts" not in json.loads(output)



def test_a_folders_drafts_are_counted_with_the_others(tmp_path: Path) -> None:
    """Jekyll reads ``<folder>/_drafts/`` beside ``<folder>/_posts/`` with ``--drafts`` (``reader.rb``,
    ``retrieve_posts`` for each folder it reads): ``blog/_drafts/`` was neither counted nor mentioned. Counted now, by
    extract (from what it kept too) and status; one in a folder Jekyll leaves out is not."""
    from publish_pipeline import tasks
    from test_workflow import run_task

    content = {
        "_drafts/idee.md": "---\ntitle: Idee\n---\nLater.\n", "blog/_drafts/plan.md": "---\ntitle: Plan\n---\nOoit.\n",
        "blog/_posts/2024-01-01-rit.md": "---\ntitle: Rit\n---\nFietsen.\n", "_oud/_drafts/weg.md": "---\ntitle: Weg\n---\nNiet.\n",
    }
    site = jekyll_site(tmp_path / "site", content)
    assert run_task(tasks.extract, site.root)[1].strip().endswith("2 drafts of _drafts/ left out (status says why)")
    (site.root / "blog/_drafts/nog.md").write_text("---\ntitle: Nog\n---\nOok later.\n", encoding="utf-8")
    assert "3 drafts of _drafts/ left out" in run_task(tasks.extract, site.root)[1]  # not the quick answer of before
    assert "_drafts/: 3 drafts not translated" in " ".join(run_task(tasks.status, site.root)[1].split())


DEFAULTS_CONFIG = """\
defaults:
  - scope: {path: "", type: posts}
    values: {layout: post, permalink: "/blog/:title/"}
  - scope: {path: docs}
    values: {layout: doc}
  - scope: {path: docs/oud, type: pages}
    values: {layout: archief}
  - scope: {path: ""}
    values: {lang: nl}
"""


def test_defaults_in_config_place_and_lay_out_the_english_as_jekyll_reads_them(tmp_path: Path) -> None:
    """``defaults:`` (``frontmatter_defaults.rb``: a scope's path as the start of the file's, its type; the longer path
    wins, the file's own front matter over all) were ignored: a post's default ``permalink`` was not its address, and
    a page's default ``layout`` by the path ``docs`` did not reach its English in ``en/docs/``."""
    import json

    from publish_pipeline import tasks
    from test_workflow import run_task

    content = {
        "_config.yml": DEFAULTS_CONFIG,
        "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nZie [de handleiding](/docs/handleiding.html).\n",
        "docs/handleiding.md": "---\ntitle: Handleiding\n---\nLees [het eerste](/blog/eerste/).\n",
        "docs/oud/vorige.md": "---\ntitle: Vorige\n---\nOud.\n",
        "docs/eigen.md": "---\ntitle: Eigen\nlayout: breed\n---\nEigen.\n",
    }
    config = JekyllConfig.of(exported_site(tmp_path / "site", content).root)
    assert config.with_defaults("docs/oud/vorige.md", "pages", {}) == {"layout": "archief", "lang": "nl"}
    assert config.with_defaults("_posts/x.md", "posts", {"layout": "eigen"}) == {"layout": "eigen", "permalink": "/blog/:title/", "lang": "nl"}
    root = tmp_path / "site"
    post = front(root / "en/_posts/2024-01-01-eerste.md")
    assert 'permalink: "/en/blog/:title/"' in post and "layout" not in post  # the posts' default reaches en/_posts too
    assert front(root / "en/docs/handleiding.md") == "title: Handleiding\nlayout: doc\nlang: en\n"
    assert front(root / "en/docs/oud/vorige.md") == "title: Vorige\nlayout: archief\nlang: en\n"
    assert front(root / "en/docs/eigen.md") == "title: Eigen\nlayout: breed\nlang: en\n"
    # the links lead where Jekyll serves the English: the post at the default's pattern under /en/
    assert "(/en/blog/eerste-en/)" in (root / "en/docs/handleiding.md").read_text(encoding="utf-8")
    code, output = run_task(tasks.status, root, json=True)
    urls = {document["id"]: document["english_url"] for document in json.loads(output)["documents"]}
    assert urls["2024-01-01-eerste"] == "/en/blog/eerste-en/" and urls["docs/handleiding"] == "/en/docs/handleiding.html"


def test_posts_in_a_folders_posts_are_read_and_exported_where_jekyll_serves_them(tmp_path: Path) -> None:
    """Jekyll reads the ``_posts/`` of every folder it reads (``reader.rb``: ``retrieve_posts`` in ``read_directories``),
    the folder a category of its posts, first (``document.rb``, ``categories_from_path``): ``blog/_posts/x.md`` was not
    read. Its English goes to ``en/blog/_posts/`` (``{% post_url en/blog/x %}`` finds it there, ``post_url.rb``) with
    the Dutch address under ``/en/``; it has a slug entry (a post's ``:title``)."""
    import json

    from publish_pipeline import tasks
    from test_workflow import run_task

    content = {
        "_config.yml": "permalink: pretty\n",
        "blog/_posts/2024-01-02-rit.md": "---\ntitle: Rit\ncategories: fiets\n---\nFietsen.\n",
        "blog/_posts/2023/2023-05-06-oud.md": "---\ntitle: Oud\n---\nVroeger.\n",
        "_drafts/blog/_posts/2024-01-01-niet.md": "---\ntitle: Niet\n---\nNee.\n",
        "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nZie [de rit](/blog/fiets/2024/01/02/rit/).\n",
    }
    site = exported_site(tmp_path / "site", content)
    assert ids(site) == ["2024-01-01-eerste", "blog/_posts/2023/2023-05-06-oud", "blog/_posts/2024-01-02-rit"]
    assert [e.msgid for e in polib.pofile(str(site.catalog_path("blog/_posts/2024-01-02-rit"))) if e.msgctxt == "slug"] == ["rit"]
    english = site.root / "en/blog/_posts/2024-01-02-rit.md"
    assert "permalink" not in front(english)  # pretty: /:categories/…, en/blog/fiets
    assert (site.root / "en/blog/_posts/2023/2023-05-06-oud.md").is_file()
    assert "(/en/blog/fiets/2024/01/02/rit-en/)" in (site.root / "en/_posts/2024-01-01-eerste.md").read_text(encoding="utf-8")
    code, output = run_task(tasks.status, site.root, json=True)
    urls = {document["id"]: document["english_url"] for document in json.loads(output)["documents"]}
    assert urls["blog/_posts/2024-01-02-rit"] == "/en/blog/fiets/2024/01/02/rit-en/"
    assert ids(Site.open(site.root)) == ids(site)  # the English is no Dutch post


def test_post_url_and_link_to_a_folders_post_lead_to_its_english(tmp_path: Path) -> None:
    """``{% post_url blog/2024-01-02-rit %}`` finds ``blog/_posts/2024-01-02-rit.md`` (``tags/post_url.rb``: a name's
    folders above ``_posts/``), so ``en/blog/2024-01-02-rit`` finds its English in ``en/blog/_posts/``; it stayed the
    Dutch post's. ``{% link %}`` finds a document by its ``relative_path`` (``tags/link.rb``): it stayed the Dutch's too."""
    content = {
        "_config.yml": "permalink: pretty\n",
        "blog/_posts/2024-01-02-rit.md": "---\ntitle: Rit\n---\nFietsen.\n",
        "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n",
        "over.md": "---\ntitle: Over\n---\nIk.\n",
        "_posts/2024-02-01-links.md": (
            "---\ntitle: Links\n---\nZie {% post_url blog/2024-01-02-rit %}, {% post_url /2024-01-01-eerste %}, "
            "{% link blog/_posts/2024-01-02-rit.md %}, {% link _posts/2024-01-01-eerste.md %}, {% link over.md %} "
            "en {% link _posts/2024-09-09-weg.md %}.\n"
        ),
    }
    site = exported_site(tmp_path / "site", content)
    assert (site.root / "en/blog/_posts/2024-01-02-rit.md").is_file() and (site.root / "en/over.md").is_file()
    assert (
        "{% post_url en/blog/2024-01-02-rit %}, {% post_url en/2024-01-01-eerste %}, {% link en/blog/_posts/2024-01-02-rit.md %}, "
        "{% link en/_posts/2024-01-01-eerste.md %}, {% link en/over.md %} en {% link _posts/2024-09-09-weg.md %}."
    ) in (site.root / "en/_posts/2024-02-01-links.md").read_text(encoding="utf-8")


def test_a_pages_permalink_pattern_places_it_and_its_english_where_jekyll_serves_them(tmp_path: Path) -> None:
    """A page's pattern has the placeholders ``:path``, ``:basename`` and ``:output_ext`` (``page.rb``,
    ``url_placeholders``); any other stays as written (``url.rb``, ``generate_url_from_hash``: ``/:title/`` is served at
    ``/:title/``). The page was placed by its file path (``/docs/handleiding.html``), and its English in ``en/docs/``,
    which a default scoped ``docs`` does not reach, was served there; one with ``/:title/`` at the Dutch one's address."""
    import json

    from publish_pipeline import tasks
    from test_workflow import run_task

    content = {
        "_config.yml": 'defaults:\n  - scope: {path: docs}\n    values: {permalink: "/:path/:basename/"}\n',
        "docs/handleiding.md": "---\ntitle: Handleiding\n---\nLees.\n",
        "over.md": "---\ntitle: Over\npermalink: /:title/\n---\nIk.\n",
        "contact.md": "---\ntitle: Contact\npermalink: /mail/:basename:output_ext\n---\nMail.\n",
        "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nZie [de handleiding](/docs/handleiding/) en [contact](/mail/contact.html).\n",
    }
    site = exported_site(tmp_path / "site", content)
    assert front(site.root / "en/docs/handleiding.md") == 'title: Handleiding\nlang: en\npermalink: /en/docs/handleiding/\n'
    assert 'permalink: "/en/:title/"' in front(site.root / "en/over.md")
    assert "(/en/docs/handleiding/) en [contact](/en/mail/contact.html)" in (site.root / "en/_posts/2024-01-01-eerste.md").read_text(encoding="utf-8")
    code, output = run_task(tasks.status, site.root, json=True)
    urls = {document["id"]: document["english_url"] for document in json.loads(output)["documents"]}
    assert (urls["docs/handleiding"], urls["over"], urls["contact"]) == ("/en/docs/handleiding/", "/en/:title/", "/en/mail/contact.html")


def test_a_namesake_post_that_appears_later_refuses_the_kept_verdict_too(tmp_path: Path) -> None:
    """A post of the same name added in another folder of ``_posts/`` refused only itself where the first one's verdict
    was kept from before (``status._rivals``): warm as cold, both refused."""
    import shutil

    post = "---\ntitle: A\n---\nA.\n"
    site = jekyll_site(tmp_path / "site", {"_posts/a/2024-01-01-x.md": post, "_posts/2024-01-02-y.md": post})
    assert len(assess_site(site, reuse=True).documents) == 2
    (site.root / "_posts/b").mkdir()
    (site.root / "_posts/b/2024-01-01-x.md").write_text(post, encoding="utf-8")

    def verdicts() -> list[str]:
        return sorted(document.document_id for document in assess_site(Site.open(site.root), reuse=True).documents)

    warm = verdicts()
    shutil.rmtree(site.root / ".cache")
    assert warm == verdicts() == ["2024-01-02-y"], warm


def test_a_tag_leads_to_the_english_only_by_a_name_jekylls_tag_finds(tmp_path: Path) -> None:
    """``{% link /over.md %}``: Jekyll's ``tags/link.rb`` compares the name with a document's ``relative_path`` as
    written, a leading ``/`` matching only a static file's (``page.rb`` takes it off a page's), so Jekyll stops the
    build ("Could not find document '/over.md' in tag 'link'"); the English led to ``en/over.md`` as if it were fine.
    So did a post's ``post_url`` name in ``link`` and its file in ``post_url``. Each stays as written: the English
    fails as the Dutch does. ``post_url`` does take a leading ``/`` off (``PostComparer``)."""
    content = {
        "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n",
        "over.md": "---\ntitle: Over\n---\nIk.\n",
        "_posts/2024-02-01-links.md": (
            "---\ntitle: Links\n---\nZie {% link /over.md %}, {% link 2024-01-01-eerste %}, {% post_url _posts/2024-01-01-eerste.md %}, "
            "{% post_url /2024-01-01-eerste %} en {% link over.md %}.\n"
        ),
    }
    site = exported_site(tmp_path / "site", content)
    assert (
        "{% link /over.md %}, {% link 2024-01-01-eerste %}, {% post_url _posts/2024-01-01-eerste.md %}, "
        "{% post_url en/2024-01-01-eerste %} en {% link en/over.md %}."
    ) in (site.root / "en/_posts/2024-02-01-links.md").read_text(encoding="utf-8")


def test_status_walks_the_site_for_its_pages_once_and_a_kept_site_sees_a_page_added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``jekyll_pages`` walked every folder Jekyll reads, opening each Markdown file's first line, five times in one
    ``status`` (its documents, what is uncommitted, what export may replace, drafts): once now. A ``Site`` kept (the
    workspace keeps one for its life) lists a page added, a file given front matter and one that lost its file."""
    from publish_pipeline import site as site_module
    from publish_pipeline import tasks
    from test_workflow import run_task

    site = jekyll_site(tmp_path / "site")
    approve(site, english)
    opened: list[str] = []
    original = site_module._starts_with_front_matter
    monkeypatch.setattr(site_module, "_starts_with_front_matter", lambda path: opened.append(path.name) or original(path))
    code, output = run_task(tasks.status, site.root)
    assert code == 0, output
    assert sorted(opened) == sorted(["index.md", "over.md", "contact.markdown", "README.md", "diensten.md"])

    kept = Site.open(site.root)
    before = ids(kept)
    (site.root / "docs").mkdir()
    (site.root / "docs/nieuw.md").write_text("---\ntitle: Nieuw\n---\nTekst.\n", encoding="utf-8")
    assert ids(kept) == sorted([*before, "docs/nieuw"])
    (site.root / "README.md").write_text("---\ntitle: Lees mij\n---\nNu een pagina.\n", encoding="utf-8")
    assert "README" in ids(kept)
    (site.root / "contact.markdown").unlink()
    assert "contact" not in ids(kept)


def test_a_post_gets_no_permalink_where_jekyll_puts_its_english_under_en_by_itself(tmp_path: Path) -> None:
    """With no ``permalink:`` in ``_config.yml`` (Jekyll's ``date`` style, ``/:categories/…``) Jekyll fills
    ``:categories`` of ``en/_posts/x.md`` with ``en`` and then the post's own: the Dutch address under ``/en/``. Export
    wrote a ``permalink:`` into each English post all the same (README: only with a pattern); none now, and the
    address status gives is the same. Where the categories are translated the English's would be others: there the
    permalink with the Dutch ones stays, and so does one a ``defaults:`` entry sets."""
    import json

    from publish_pipeline import tasks
    from test_workflow import run_task

    content = {
        "_config.yml": "title: Mijn blog\n",
        "_posts/2024-01-02-reis.md": "---\ntitle: Reis\ncategories: [blog, fiets]\n---\nWeg.\n",
        "_posts/2024-01-03-thuis.md": "---\ntitle: Thuis\n---\nHier.\n",
    }
    site = exported_site(tmp_path / "site", content)
    assert front(site.root / "en/_posts/2024-01-02-reis.md") == "title: Reis\ncategories: [blog, fiets]\nslug: reis-en\nlang: en\n"
    assert front(site.root / "en/_posts/2024-01-03-thuis.md") == "title: Thuis\nslug: thuis-en\nlang: en\n"
    code, output = run_task(tasks.status, site.root, json=True)
    urls = {document["id"]: document["english_url"] for document in json.loads(output)["documents"]}
    assert urls == {"2024-01-02-reis": "/en/blog/fiets/2024/01/02/reis-en.html", "2024-01-03-thuis": "/en/2024/01/03/thuis-en.html"}

    (site.root / "pipeline.yaml").write_text("layout: jekyll\ntranslate_fields: [title, categories]\n", encoding="utf-8")
    site = Site.open(site.root)
    approve(site, english)
    assert not export(site).errors
    assert 'permalink: "/en/blog/fiets/:year/:month/:day/:title:output_ext"' in front(site.root / "en/_posts/2024-01-02-reis.md")

    (site.root / "pipeline.yaml").write_text("layout: jekyll\n", encoding="utf-8")
    (site.root / "_config.yml").write_text("defaults:\n  - scope: {path: _posts}\n    values: {permalink: '/:categories/:title/'}\n", encoding="utf-8")
    site = Site.open(site.root)
    approve(site, english)
    assert not export(site).errors
    assert 'permalink: "/en/blog/fiets/:title/"' in front(site.root / "en/_posts/2024-01-02-reis.md")  # en/_posts is not in its scope


def test_the_dutchs_own_link_tag_that_finds_no_document_is_warned_of_where_it_is(tmp_path: Path) -> None:
    """Jekyll's ``{% link %}`` finds a document by its ``relative_path`` exactly (``tags/link.rb``; a leading ``/``
    only finds a static file, whose path has one) and stops the whole build on one it does not find ('Could not find
    document'). Nothing said so of the author's own: export warns at her file and line now, with what to write."""
    body = (
        "Zie {% link /over.md %} en {% link over.md %}.\n\n"  # the first stops Jekyll's build
        "Dan {% link /_posts/2024-01-01-eerste.md %} en {% link diensten.md %}.\n\n"
        "Of {% link over-ons.md %}, {% link /assets/cv.pdf %} en `{% raw %}{% link /weg.md %}{% endraw %}`.\n"
    )
    content = {**SITE, "assets/cv.pdf": "%PDF", "_posts/2024-02-01-links.md": f"---\ntitle: Links\n---\n{body}"}
    site = jekyll_site(tmp_path / "site", content)
    approve(site, english)
    report = export(site)
    assert not report.errors
    stops = "finds no document, and Jekyll stops the build on it ('Could not find document'): its link tag finds a document by its path"
    assert report.file_links == (
        f"_posts/2024-02-01-links.md:4: {{% link /over.md %}} {stops} without a leading '/' (over.md) — write {{% link over.md %}}",
        f"_posts/2024-02-01-links.md:6: {{% link /_posts/2024-01-01-eerste.md %}} {stops} without a leading '/' "
        "(_posts/2024-01-01-eerste.md) — write {% link _posts/2024-01-01-eerste.md %}",
        f"_posts/2024-02-01-links.md:6: {{% link diensten.md %}} {stops} from the site's top, and the site has no file there — "
        "write {% link _pages/diensten.md %}",
        f"_posts/2024-02-01-links.md:8: {{% link over-ons.md %}} {stops} from the site's top, and the site has no file there — "
        "write the path of a document of the site",
    )


# Trial 35: what jekyll build publishes, export --out, a date with a time zone, the site's name -------------------------

OWN_CONFIG = """\
# Anne-Marie's site
title: Anne-Marie Mars   # her name
permalink: /:year/:month/:title/
exclude:
  - Gemfile    # bundler's
  - README.md
markdown: kramdown
"""


def test_check_refuses_a_site_whose_jekyll_build_publishes_the_po_files_and_export_adds_them_to_exclude(tmp_path: Path) -> None:
    """The new user's trial: Jekyll leaves out only names that start with _ . # ~ and its own excludes, so jekyll build
    published translations/*.po (unreviewed machine drafts in them), pipeline.yaml and tasks.py; nothing said so.
    check and status say it (an error: CI refuses), location first, with what to add; export adds the names to the
    site's exclude: list, its comments and layout kept, and says so; then check passes."""
    from publish_pipeline import tasks
    from test_workflow import run_task

    site = jekyll_site(tmp_path / "site", {"_config.yml": OWN_CONFIG, "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n"})
    approve(site, english)
    code, output = run_task(tasks.check, site.root)
    assert code == 1, output
    said = " ".join(output.split())
    assert ("_config.yml: jekyll build would publish translations/, pipeline.yaml, tasks.py and build/ (its PO files hold machine "
            "drafts nobody reviewed)") in said, output
    assert "add translations/, pipeline.yaml, tasks.py, build/ to the exclude: list in _config.yml" in said, output
    assert output.splitlines()[-1].startswith("check: failed: _config.yml: jekyll build would publish publish_pipeline's files (above); ")  # exit 1, said
    code, output = run_task(tasks.status, site.root)
    assert code == 1 and "next: leave publish_pipeline's files out of jekyll build in _config.yml" in " ".join(output.split()), output
    code, output = run_task(tasks.export, site.root)
    assert code == 0, output
    assert "_config.yml: added translations/, pipeline.yaml, tasks.py, build/ to exclude: — jekyll build would have published them; commit it" in " ".join(output.split())
    assert (site.root / "_config.yml").read_text(encoding="utf-8") == OWN_CONFIG.replace(
        "  - README.md\n", "  - README.md\n  - translations/\n  - pipeline.yaml\n  - tasks.py\n  - build/\n"
    )
    config = JekyllConfig.of(site.root)
    assert all(config.leaves_out(name, folder) for name, folder in (("translations", True), ("translations/en/x.po", False), ("tasks.py", False), ("build", True)))
    assert not config.leaves_out("buildings.md", False)  # build/, not build: a page whose name begins so stays
    code, output = run_task(tasks.check, site.root)
    assert code == 0, output
    code, output = run_task(tasks.export, site.root)  # nothing more to add
    assert code == 0 and "added" not in output, output


@pytest.mark.parametrize("config, added", [
    ("title: Blog\n", "title: Blog\n\n# publish_pipeline's files, which jekyll build would publish (added by invoke export)\n"
     "exclude: [translations/, pipeline.yaml, tasks.py, build/, gemfiles, Gemfile, Gemfile.lock, node_modules, vendor/bundle/, vendor/cache/, vendor/gems/, vendor/ruby/]\n"),
    ("exclude: [Gemfile, tasks.py]  # mine\ntitle: Blog\n", "exclude: [Gemfile, tasks.py, translations/, pipeline.yaml, build/]  # mine\ntitle: Blog\n"),
    ("exclude: [Gemfile,\n  README.md]\n", "exclude: [Gemfile,\n  README.md, translations/, pipeline.yaml, tasks.py, build/]\n"),  # over lines
    ("exclude: [\n  Gemfile,\n]\ntitle: x\n", "exclude: [\n  Gemfile, translations/, pipeline.yaml, tasks.py, build/\n]\ntitle: x\n"),
    ("exclude: &own [Gemfile]  # mine\n", "exclude: &own [Gemfile, translations/, pipeline.yaml, tasks.py, build/]  # mine\n"),
    ("exclude: &own\n  - Gemfile\n", "exclude: &own\n  - Gemfile\n  - translations/\n  - pipeline.yaml\n  - tasks.py\n  - build/\n"),
    ("exclude:\ntitle: x\n", "exclude: [translations/, pipeline.yaml, tasks.py, build/, gemfiles, Gemfile, Gemfile.lock, node_modules, vendor/bundle/,"
     " vendor/cache/, vendor/gems/, vendor/ruby/]\ntitle: x\n"),  # null: Jekyll's own too, as in a new list
    ("exclude: ~  # none\n", "exclude: [translations/, pipeline.yaml, tasks.py, build/, gemfiles, Gemfile, Gemfile.lock, node_modules, vendor/bundle/,"
     " vendor/cache/, vendor/gems/, vendor/ruby/]  # none\n"),
    ("exclude: Gemfile\n", None),
])
def test_export_adds_the_missing_names_to_exclude_only_where_it_can_without_touching_anything_else(tmp_path: Path, config: str, added: str | None) -> None:
    """A new exclude: lists Jekyll's own excludes too (Jekyll 3, as GitHub Pages runs it, drops them from a site that sets
    the list: jekyll/jekyll#7188); a list in another form is refused before anything is written, with what to add."""
    site = jekyll_site(tmp_path / "site", {"_config.yml": config, "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n"})
    approve(site, english)
    if added is not None:
        report = export(site)
        assert not report.errors and report.note and "_config.yml: added" in report.note
        assert (site.root / "_config.yml").read_text(encoding="utf-8") == added
        assert not Site.open(site.root).jekyll.exclude.isdisjoint({"translations/", "tasks.py"})
        return
    with pytest.raises(PipelineError) as refused:
        export(site)
    assert refused.value.location == "_config.yml" and "jekyll build would publish translations/" in refused.value.problem
    assert refused.value.hint.endswith("with this line: exclude: [Gemfile, translations/, pipeline.yaml, tasks.py, build/]")
    assert (site.root / "_config.yml").read_text(encoding="utf-8") == config
    assert not (site.root / "en").exists()


@pytest.mark.parametrize("config, line, written", [
    ("title: x\nexclude: &own [Gemfile, '*.concept.md']\ninclude: *own\n", 2, "exclude: [Gemfile, '*.concept.md', translations/, pipeline.yaml, "
     "tasks.py, build/] (and where an alias names its list, write the list there too)"),  # the alias would exclude them too
    ("exclude: [Gemfile,  # bundler's\n  README.md]\n", 1, "exclude: [Gemfile, README.md, translations/, pipeline.yaml, tasks.py, build/]"),
])
def test_export_refuses_an_exclude_it_cannot_prove_with_its_line_and_the_line_to_write(tmp_path: Path, config: str, line: int, written: str) -> None:
    """The new user's trial: an exclude: over lines, anchored or null was refused with "add … to the exclude: list":
    what export can add to, proved by parsing the result, it adds; where not (an alias that names the list, a comment
    inside it), export, through the real CLI, refuses with the line and the line to write, which does what it says."""
    import os
    import subprocess
    import sys

    import yaml

    from conftest import REPO

    site = jekyll_site(tmp_path / "site", {"_config.yml": config, "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n"})
    approve(site, english)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run([sys.executable, "-m", "publish_pipeline", "export", "--root", str(site.root)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and (site.root / "_config.yml").read_text(encoding="utf-8") == config
    [said] = result.stderr.splitlines()
    assert said.startswith(f"_config.yml:{line}: jekyll build would publish translations/, pipeline.yaml, tasks.py and build/"), said
    assert said.endswith(f"replace it, and the lines of its list, with this line: {written}"), said
    lines = config.splitlines(keepends=True)
    ends = line + (1 if "README" in config else 0)
    lines[line - 1 : ends] = [written.split(" (")[0] + "\n"]
    fixed = "".join(lines).replace("include: *own", "include: [Gemfile, '*.concept.md']")
    (site.root / "_config.yml").write_text(fixed, encoding="utf-8")
    assert yaml.safe_load(fixed)["exclude"][-4:] == ["translations/", "pipeline.yaml", "tasks.py", "build/"]
    done = subprocess.run([sys.executable, "-m", "publish_pipeline", "check", "--root", str(site.root)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workspace_serves_what_jekyll_copies_as_its_config_says(tmp_path: Path) -> None:
    """The workspace's preview took translations/, pipeline.yaml and build/ for left out by Jekyll (they were not)."""
    from publish_pipeline.workspace.app import copied_by_jekyll

    site = jekyll_site(tmp_path / "site", {"_config.yml": "title: x\n", "_posts/2024-01-01-eerste.md": "---\ntitle: E\n---\nH.\n"})
    copied = copied_by_jekyll(site)
    assert copied("translations/en/2024-01-01-eerste.po") and copied("pipeline.yaml") and copied("assets/foto.png")
    assert not copied("_site/index.html") and not copied("node_modules/x.js") and not copied(".cache/x") and not copied("over.md")
    (site.root / "_config.yml").write_text("exclude: [translations/, pipeline.yaml, tasks.py, build/]\n", encoding="utf-8")
    copied = copied_by_jekyll(Site.open(site.root))
    assert not copied("translations/en/2024-01-01-eerste.po") and not copied("pipeline.yaml") and not copied("build/review/index.html")
    assert copied("assets/foto.png") and copied("buildings.png")


def test_export_out_of_a_jekyll_site_with_pages_writes_them_by_their_path(tmp_path: Path) -> None:
    """The new user's trial: export --out in a Jekyll site with pages raised ValueError ('index.md' is not in the subpath
    of '_posts') and left an empty folder. The nl/ + en/ tree has a page by its path in the site, a post by its name."""
    site = jekyll_site(tmp_path / "site")
    approve(site, english)
    out = tmp_path / "tree"
    report = export(site, out)
    assert not report.errors, report.errors
    written = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.md"))
    assert "nl/index.md" in written and "en/index.md" in written and "nl/_pages/diensten.md" in written
    assert "nl/2024-01-01-eerste.md" in written and "en/2024-01-01-eerste.md" in written and "nl/_recepten/soep.md" in written


def test_an_export_out_that_fails_leaves_no_empty_folder_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder export made for --out and could not fill goes again; one that was there stays."""
    from publish_pipeline.errors import FileSystemError
    from publish_pipeline.output import export as export_module

    site = jekyll_site(tmp_path / "site")
    approve(site, english)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise FileSystemError("translations", "the disk is full")

    monkeypatch.setattr(export_module, "assess_site", full_disk)
    with pytest.raises(FileSystemError):
        export(site, tmp_path / "new")
    assert not (tmp_path / "new").exists()
    (tmp_path / "there").mkdir()
    with pytest.raises(FileSystemError):
        export(site, tmp_path / "there")
    assert (tmp_path / "there").is_dir()


@pytest.mark.parametrize("config, trust, feedback", [
    ("permalink: /:year/:month/:title/\n", "/en/2026/01/vertrouwen-en/", "/en/2026/02/feedback-en/"),  # every zone: January 10th
    ("title: x\n", None, "/en/2026/02/03/feedback-en.html"),  # the day depends on the zone Jekyll builds in: not known
    ("timezone: America/New_York\n", "/en/2026/01/10/vertrouwen-en.html", "/en/2026/02/03/feedback-en.html"),  # 03:00 in New York
])
def test_status_gives_a_posts_english_url_with_a_time_zone_where_it_is_known_and_none_where_not(
    tmp_path: Path, config: str, trust: str | None, feedback: str,
) -> None:
    """The new user's trial: a post dated 2026-01-10 09:00:00 +0100 was said to be at /en/what-is-trust/ (status --json and
    the step summary's link), where Jekyll serves /en/2026/01/what-is-trust/ (here: vertrouwen-en). Jekyll moves the date into the zone it
    builds in: the address is known where every zone agrees or the site sets timezone:; else status says none."""
    import json

    from publish_pipeline import tasks
    from publish_pipeline.quality.github import summary
    from publish_pipeline.quality.live import live_english
    from test_workflow import run_task

    exclude = "exclude: [translations/, pipeline.yaml, tasks.py, build/]\n"
    site = jekyll_site(tmp_path / "site", {
        "_config.yml": config + exclude,
        "_posts/2026-01-10-vertrouwen.md": "---\ntitle: Vertrouwen\ndate: 2026-01-10 09:00:00 +0100\n---\nTekst.\n",
        "_posts/2026-02-03-feedback.md": "---\ntitle: Feedback\ndate: 2026-02-03\n---\nMeer.\n",
    })
    approve(site, english)
    assert not export(site).errors
    code, output = run_task(tasks.status, site.root, json=True)
    assert code == 0, output
    urls = {document["id"]: document["english_url"] for document in json.loads(output)["documents"]}
    assert urls == {"2026-01-10-vertrouwen": trust, "2026-02-03-feedback": feedback}
    report, _ = tasks._assess(site)
    text = summary(site, report, live_english(site, report).documents, address="https://example.nl")
    row = next(line for line in text.splitlines() if line.startswith("| 2026\\-01\\-10"))
    assert ("(its address is not known)" in row and "](" not in row) if trust is None else f"(https://example.nl{trust})" in row


def test_two_posts_whose_addresses_are_not_known_are_no_two_at_one_address(tmp_path: Path) -> None:
    """The new user's trial: an English address that cannot be known (a Jekyll post dated with a time zone, the site
    without ``timezone:``) was stored as ``""``, and two such posts were held back as sharing the English URL ``""``
    ("its English URL  is also that of …"). Not known is no address: through the real CLI both are live, with
    ``english_url`` null in the JSON, and the step summary links neither."""
    import json
    import os
    import subprocess
    import sys

    from conftest import REPO

    site = jekyll_site(tmp_path / "site", {
        "_config.yml": "title: x\nexclude: [translations/, pipeline.yaml, tasks.py, build/]\n",
        "_posts/2026-01-10-vertrouwen.md": "---\ntitle: Vertrouwen\ndate: 2026-01-10 09:00:00 +0100\n---\nTekst.\n",
        "_posts/2026-02-03-feedback.md": "---\ntitle: Feedback\ndate: 2026-02-03 09:00:00 +0100\n---\nMeer.\n",
    })
    approve(site, english)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "GITHUB_STEP_SUMMARY": str(summary)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "publish_pipeline", *args, "--root", str(site.root)], capture_output=True, text=True, env=env, timeout=120)

    assert cli("export").returncode == 0
    status = cli("status", "--json")
    assert status.returncode == 0, status.stdout + status.stderr
    rows = json.loads(status.stdout)["documents"]
    assert [(row["english_url"], row["publishable"], row["live"]["state"]) for row in rows] == [(None, True, "current")] * 2, rows
    table = cli("status")
    assert "is also that of" not in table.stdout and "English of 2 documents — live: 2, held back: 0" in table.stdout, table.stdout
    assert cli("status", "--format", "github").returncode == 0
    assert summary.read_text(encoding="utf-8").count("(its address is not known)") == 2


def test_export_names_no_post_whose_unknown_address_no_link_depends_on(tmp_path: Path) -> None:
    """The new user's trial: export said on every run that links are left as written where a page's address is not
    known, naming nothing. A post whose address is not known, linked only by {% post_url %} (Jekyll finds it), is
    not mentioned; a link to its file is, with the post first and what to do (test_link_map has that one)."""
    site = jekyll_site(tmp_path / "site", {
        "_config.yml": "exclude: [translations/, pipeline.yaml, tasks.py, build/]\n",
        "_posts/2026-01-10-vertrouwen.md": "---\ntitle: Vertrouwen\ndate: 2026-01-10 09:00:00 +0100\n---\nTekst.\n",
        "_posts/2026-02-03-feedback.md": "---\ntitle: Feedback\n---\nZie [vertrouwen]({% post_url 2026-01-10-vertrouwen %}).\n",
    })
    approve(site, english)
    report = export(site)
    assert not report.errors and report.links is None and report.file_links == (), report


@pytest.mark.parametrize("files, name", [
    ({"_config.yml": OWN_CONFIG}, "Anne-Marie Mars"),
    ({"_config.yml": OWN_CONFIG, "pipeline.yaml": "layout: jekyll\nsite_name: Mijn eigen naam\n"}, "Mijn eigen naam"),
    ({"_config.yml": "permalink: pretty\n"}, "publish-pipeline site"),
])
def test_a_jekyll_site_is_named_by_its_title(tmp_path: Path, files: dict[str, str], name: str) -> None:
    """The new user's trial: PO headers and the workspace said 'publish-pipeline site' although _config.yml has
    title: Anne-Marie Mars (the README says Jekyll's title names the site); pipeline.yaml's own name wins."""
    site = jekyll_site(tmp_path / "site", {**files, "_posts/2024-01-01-eerste.md": "---\ntitle: Eerste\n---\nHallo.\n"})
    assert site.config.site_name == name and site.config.project == name and site.config.author == name
    extract(site)
    header = polib.pofile(str(site.catalog_paths()[0])).metadata["Project-Id-Version"]
    assert header == name


def test_an_earlier_english_s_post_url_to_a_post_renamed_since_names_its_new_name(tmp_path: Path) -> None:
    """The cross-clone trial: a post renamed in git while another's update waits. The English export writes meanwhile,
    approved before the rename, named the old post in ``{% post_url %}``: Jekyll stops the whole build on it ('Could not
    find post'). Export writes the new name (the English post's, where it writes that), as for Hugo's refs."""
    from test_workflow import git

    site = linking_post(tmp_path / "site", "Lees [het eerste]({% post_url 2024-01-01-eerste %}) en {% link _posts/2024-01-01-eerste.md %}.\n")
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    git(site.root, "mv", "_posts/2024-01-01-eerste.md", "_posts/2024-01-01-het-eerste.md")
    post = site.root / "_posts/2024-02-01-tweede.md"
    reworded = post.read_text(encoding="utf-8").replace("2024-01-01-eerste", "2024-01-01-het-eerste").replace("Lees [", "Lees eerst [")
    post.write_text(reworded, encoding="utf-8")  # reworded too: its English waits (a moved link alone is carried by extract)
    extract(Site.open(site.root))
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "a better name")

    report = export(Site.open(site.root))

    assert report.older, report  # the second post's English: its version approved before the rename
    body = (site.root / "en/_posts/2024-02-01-tweede.md").read_text(encoding="utf-8").split("---\n")[2]
    names = re.findall(r"\{% (?:post_url|link) ([^ ]+) %\}", body)
    assert all("het-eerste" in name for name in names) and len(names) == 2, body
    for name in names:  # each finds a post as Jekyll looks for it: by its name, or its path below the site
        assert (site.root / name).is_file() if name.endswith(".md") else any(site.root.glob(f"**/_posts/{name.rpartition('/')[2]}.md")), name


def jekyll_finds(site_root: Path, tag: str, name: str) -> bool:
    """Whether Jekyll's tag finds a document by ``name`` (``tags/post_url.rb``'s ``PostComparer``: a post's relative path
    ``_posts/<folders>/<date>-<slug>.*`` or ``<folders>/_posts/<date>-<slug>.*``; ``tags/link.rb``: a file's relative
    path exactly), as it looks when it renders the tag, else stopping the whole build."""
    if tag == "link":
        return (site_root / name).is_file()
    folders, _, stem = name.lstrip("/").rpartition("/")
    pattern = re.compile(rf"^_posts/{re.escape(folders + '/' if folders else '')}{re.escape(stem)}\.[^.]+$|^{re.escape(folders + '/' if folders else '')}_posts/?{re.escape(stem)}\.[^.]+$")
    return any(pattern.match(path.relative_to(site_root).as_posix()) for path in site_root.rglob("*") if path.is_file())


def test_an_earlier_english_s_post_url_and_link_to_a_deleted_post_are_its_text_not_a_stopped_build(tmp_path: Path) -> None:
    """The cross-clone trial: the author deletes a post (git rm) and rewords the post that linked it, whose update then
    waits for review. The English export wrote meanwhile, approved before, kept ``{% post_url 2024-01-01-eerste %}`` and
    ``{% link _posts/2024-01-01-eerste.md %}``: Jekyll stops the whole build on a tag that finds no post ('Could not find
    post', ``tags/post_url.rb``). CI's fresh clone exports each such Markdown link as its text (a tag outside one as its
    name, no longer a tag), as it does a Markdown link to the post, and says so once, at the PO file, with the commit that deleted it;
    status says it too."""
    from publish_pipeline import tasks
    from test_workflow import git, run_task

    site = linking_post(tmp_path / "site", "Lees [het eerste]({% post_url 2024-01-01-eerste %}), [nog eens]({% link _posts/2024-01-01-eerste.md %}) "
                                           "en op {% post_url /2024-01-01-eerste %}; [tweede]({% post_url 2024-02-01-tweede %}).\n")
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    git(site.root, "rm", "-q", "_posts/2024-01-01-eerste.md", "translations/en/2024-01-01-eerste.po")
    post = site.root / "_posts/2024-02-01-tweede.md"
    post.write_text("---\ntitle: Tweede\n---\nLees [tweede]({% post_url 2024-02-01-tweede %}).\n", encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "no more eerste")
    deleted = git(site.root, "log", "-1", "--format=%h of %cs").stdout.strip()
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "-q", str(site.root), str(clone))

    code, output = run_task(tasks.export, clone)

    body = (clone / "en/_posts/2024-02-01-tweede.md").read_text(encoding="utf-8").split("---\n")[2]
    assert code == 0 and body == "Lees het eerste, nog eens en op /2024-01-01-eerste; [tweede]({% post_url en/2024-02-01-tweede %}).\n", body
    for found in POST_URL.finditer(body):  # what Jekyll renders: each tag left finds its document
        assert jekyll_finds(clone, jekyll_tag(found), found[2]), found[0]
    assert output.count(
        "translations/en/2024-02-01-tweede.po: note: the English served while its update waits links to a document deleted since, so the "
        "link text is shown as plain text, not a link ({% post_url 2024-01-01-eerste %} and {% link _posts/2024-01-01-eerste.md %} and "
        f"{{% post_url /2024-01-01-eerste %}} to _posts/2024-01-01-eerste.md, deleted in commit {deleted}) — approve the waiting update"
    ) == 1, output
    code, said = run_task(tasks.status, clone)  # the translator's view: the same note, below the table
    assert code == 0 and " ".join(said.split()).count(
        "translations/en/2024-02-01-tweede.po: note: the English served while its update waits links to a document deleted since"
    ) == 1 and f"deleted in commit {deleted}) — approve the waiting update" in " ".join(said.split()), said


@pytest.mark.parametrize(("own", "address"), [
    ("", "/2024/01/01/eerste.html"),  # Jekyll's own permalink pattern for posts (date), filled in
    ("permalink: /mijn-eigen-slug/\n", "/mijn-eigen-slug/"),  # its own
])
def test_an_earlier_english_s_link_to_where_jekyll_served_a_deleted_post_is_its_text(tmp_path: Path, own: str, address: str) -> None:
    """The deleted-links matching knew a post's address only as publish's own site makes it (``/<document id>/``): the
    earlier English's link to where Jekyll served the deleted post (its permalink, the site's or its own) stayed, a link
    to nowhere. It is found by the address export computes (read from the post as git had it): written as its text."""
    from publish_pipeline import tasks
    from test_workflow import git, run_task

    site = linking_post(tmp_path / "site", f"Lees [het eerste]({address}).\n", {"_posts/2024-01-01-eerste.md": f"---\ntitle: Eerste\n{own}---\nHallo.\n"})
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    git(site.root, "rm", "-q", "_posts/2024-01-01-eerste.md", "translations/en/2024-01-01-eerste.po")
    (site.root / "_posts/2024-02-01-tweede.md").write_text("---\ntitle: Tweede\n---\nLees niets meer.\n", encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "no more eerste")

    code, output = run_task(tasks.export, site.root)

    body = (site.root / "en/_posts/2024-02-01-tweede.md").read_text(encoding="utf-8").split("---\n")[2]
    assert code == 0 and body == "Lees het eerste.\n", body
    assert f"not a link ({address} to _posts/2024-01-01-eerste.md, deleted in commit " in output, output


def test_an_earlier_english_s_link_to_where_jekyll_served_a_renamed_post_leads_to_where_it_serves_it_now(tmp_path: Path) -> None:
    """The renamed links' matching knew a post's address only as publish's own site makes it: the earlier English's link
    to where Jekyll served the post before its rename (``/2024/01/01/eerste.html``) stayed, a link to nowhere. It leads
    where Jekyll serves the renamed post's English (its slug the approved one), as export writes it."""
    from publish_pipeline import tasks
    from test_workflow import git, run_task

    site = linking_post(tmp_path / "site", "Lees [het eerste](/2024/01/01/eerste.html).\n")
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    git(site.root, "mv", "_posts/2024-01-01-eerste.md", "_posts/2024-01-01-het-eerste.md")
    (site.root / "_posts/2024-02-01-tweede.md").write_text("---\ntitle: Tweede\n---\nLees eerst [het eerste](/2024/01/01/het-eerste.html).\n", encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "a better name")

    code, output = run_task(tasks.export, site.root)

    body = (site.root / "en/_posts/2024-02-01-tweede.md").read_text(encoding="utf-8").split("---\n")[2]
    assert code == 0 and body == "Lees [het eerste](/en/2024/01/01/eerste-en.html).\n", body  # its English slug


def test_check_says_where_a_dutch_post_url_finds_no_post_before_jekyll_stops_the_build(tmp_path: Path) -> None:
    """A ``{% post_url %}`` to a post that does not exist: Jekyll stops the whole build ('Could not find post'). Check
    says it first, as an error at its line, with the post it likely means."""
    from publish_pipeline import tasks
    from test_workflow import run_task

    site = linking_post(tmp_path / "site", "Lees [het eerste]({% post_url 2024-01-01-erste %}) en [nog eens]({% post_url 2024-01-01-eerste %}).\n")
    code, output = run_task(tasks.check, site.root)
    said = [line for line in output.splitlines() if ": error: " in line]
    assert said == [
        "_posts/2024-02-01-tweede.md:4: error: {% post_url 2024-01-01-erste %} finds no post, and Jekyll stops the whole build on it "
        "('Could not find post') — write the name of the file it means (_posts/2024-01-01-eerste.md?)"
    ] and code == 1, output


def test_a_dutch_post_url_to_a_post_git_saw_renamed_names_its_new_name_not_a_look_alike(tmp_path: Path) -> None:
    """The cross-clone trial, in Jekyll: after ``git mv`` of a post, the hint of a ``{% post_url %}`` to its old name
    named the closest name there was (another post). Check names the name git saw it renamed to."""
    from publish_pipeline import tasks
    from test_workflow import git, run_task

    site = linking_post(tmp_path / "site", "Lees [het eerste]({% post_url 2024-01-01-eerste %}).\n",
                        {"_posts/2024-01-01-eersten.md": "---\ntitle: Eersten\n---\nHoi.\n"})
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    git(site.root, "mv", "_posts/2024-01-01-eerste.md", "_posts/2024-01-01-het-begin.md")
    git(site.root, "commit", "-qm", "a better name")

    code, output = run_task(tasks.check, site.root)

    said = [line for line in output.splitlines() if ": error: " in line]
    assert said == [
        "_posts/2024-02-01-tweede.md:4: error: {% post_url 2024-01-01-eerste %} finds no post, and Jekyll stops the whole build on it "
        "('Could not find post') — git saw _posts/2024-01-01-eerste.md renamed to _posts/2024-01-01-het-begin.md: write its new name (2024-01-01-het-begin)"
    ] and code == 1, output


def test_check_says_where_a_dutch_link_tag_finds_no_document_before_jekyll_stops_the_build(tmp_path: Path) -> None:
    """A new user's trial: ``{% link /over.md %}`` (a leading '/', which Jekyll's tag does not find) stopped ``jekyll
    build``, and only export said so, as a warning, exiting 0: a CI that gates on check passed. Check says it as an
    error at its line, with what to write, and exits 1."""
    from publish_pipeline import tasks
    from test_workflow import run_task

    site = linking_post(tmp_path / "site", "Lees {% link /_posts/2024-01-01-eerste.md %} eerst.\n")
    code, output = run_task(tasks.check, site.root)
    said = [line for line in output.splitlines() if ": error: " in line]
    assert len(said) == 1 and said[0].startswith("_posts/2024-02-01-tweede.md:4: error: {% link /_posts/2024-01-01-eerste.md %} finds no document"), output
    assert "write {% link _posts/2024-01-01-eerste.md %}" in said[0] and code == 1, output


def test_a_post_titled_with_a_number_and_dated_day_first_is_read_as_jekyll_reads_it_through_the_cli(tmp_path: Path) -> None:
    """``title: 10`` and ``date: 10/12/2024``, both of which Jekyll builds (the title as the text 10, the date day first:
    ``Time.parse``), stopped extract with "'title' is not text" (and a hint to add the title line the post had) and
    "'date' is not a date". Now the post is read, its title an entry, and its English keeps the date as written."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    site = jekyll_site(tmp_path / "site", {
        "_config.yml": CONFIG, "_posts/2024-12-10-tien.md": "---\ntitle: 10\ndate: 10/12/2024\n---\nTien tips.\n",
    })
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "publish_pipeline", "extract", "--root", str(site.root)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    catalog = polib.pofile(str(site.root / "translations/en/2024-12-10-tien.po"))
    assert [(entry.msgctxt, entry.msgid) for entry in catalog] == [("slug", "tien"), ("title", "10"), (None, "Tien tips.")]
    approve(site, lambda entry: {"tien": "ten", "Tien tips.": "Ten tips."}.get(entry.msgid, entry.msgid))
    report = export(site)
    assert not report.errors and not report.held_back, report
    assert front(site.english_file(site.source_path("2024-12-10-tien"))) .startswith('title: "10"\ndate: 10/12/2024\nslug: ten\n')
