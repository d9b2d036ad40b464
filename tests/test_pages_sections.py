"""A section's page (``_index.md``) on publish's own site: served at its folder's address in both languages, as
Hugo serves it, and named so wherever a Dutch page's address is said (``site.dutch_path``)."""

from __future__ import annotations

from pathlib import Path

import polib
from lxml import html

from conftest import copy_site
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.publishing import publish
from publish_pipeline.quality.status import assess_site
from publish_pipeline.site import Site, dutch_path, english_path
from test_publishing import run_check

SECTION = "---\ntitle: Alle blogs\n---\n\nHier staan alle blogs.\n"
LINKING = "---\ntitle: Tweede\n---\n\nLees [de blog](/blog/), [het overzicht](_index.md) en [alles](/blog/_index.md).\n"


def test_one_function_names_each_languages_page_a_section_at_its_folder() -> None:
    assert [dutch_path("blog/x"), dutch_path("blog/_index"), dutch_path("a/b/_index"), dutch_path("x")] == ["/blog/x/", "/blog/", "/a/b/", "/x/"]
    assert [english_path("en", "blog/x", "y"), english_path("en", "blog/_index", ""), english_path("en", "_index", "")] == ["/en/blog/y/", "/en/blog/", "/en/"]


def section_site(tmp_path: Path) -> Site:
    root = copy_site("basic", tmp_path)
    (root / "source_nl/blog/_index.md").write_text(SECTION, encoding="utf-8")
    (root / "source_nl/blog/tweede.md").write_text(LINKING, encoding="utf-8")
    site = Site.open(root)
    extract(site)
    po = polib.pofile(str(site.catalog_path("blog/_index")), wrapwidth=0)
    for entry in po:
        entry.msgstr, entry.flags = {"Alle blogs": "All blogs", "Hier staan alle blogs.": "All blogs are here."}[entry.msgid], []
    po.save()
    return site


def test_a_section_page_is_at_its_folder_in_both_languages_and_every_link_to_it_leads_there(tmp_path: Path) -> None:
    """Before: publish wrote the Dutch of ``blog/_index.md`` at ``/blog/_index/``, so a link to ``/blog/`` led nowhere
    and check warned of it; its English was at ``/en/blog/``, paired with the Dutch page's wrong address."""
    site = section_site(tmp_path)
    publish(site)
    public = site.root / "public"
    assert not (public / "blog/_index").exists()
    dutch = html.parse(str(public / "blog/index.html")).getroot()
    assert dutch.findtext(".//h1") == "Alle blogs"
    english = html.parse(str(public / "en/blog/index.html")).getroot()
    assert english.findtext(".//h1") == "All blogs"
    assert dict((link.get("hreflang"), link.get("href")) for link in english.iter("link") if link.get("rel") == "alternate")["nl"].endswith("/blog/")
    tweede = html.parse(str(public / "blog/tweede/index.html")).getroot()
    hrefs = [link.get("href") for link in tweede.iter("a") if link.text in ("de blog", "het overzicht", "alles")]
    assert hrefs == ["/blog/", "/blog/", "/blog/"]
    assert all((public / href.strip("/") / "index.html").is_file() for href in hrefs)
    assert "https://example.org/blog/</loc>" in (public / "sitemap.xml").read_text(encoding="utf-8")
    for listing in ("feed.xml", "index.html", "en/feed.xml", "en/index.html"):  # the blog's own page is no post of it
        assert "Alle blogs" not in (public / listing).read_text(encoding="utf-8") and "All blogs" not in (public / listing).read_text(encoding="utf-8")
    code, said = run_check(site.root)
    assert "leads to no page" not in said, said


def test_a_top_level_section_page_and_a_page_at_a_sections_address_are_refused_saying_where(tmp_path: Path) -> None:
    """A top-level ``_index.md`` would be the home page publish makes; ``blog.md`` beside ``blog/_index.md`` one page."""
    site = section_site(tmp_path)
    (site.root / "source_nl/_index.md").write_text("---\ntitle: Thuis\n---\n\nWelkom.\n", encoding="utf-8")
    (site.root / "source_nl/blog.md").write_text("---\ntitle: Blogs\n---\n\nAlles.\n", encoding="utf-8")
    messages = [str(error) for error in assess_site(site).errors]
    assert "source_nl/_index.md: its page would be /, the site's home page, which publish makes" in "\n".join(messages)
    assert any(message.startswith("source_nl/blog.md: source_nl/blog/_index.md has its page at /blog/ too") for message in messages), messages


def test_a_rival_that_appears_later_refuses_the_kept_verdict_too(tmp_path: Path) -> None:
    """``blog.md`` added beside ``blog/_index.md`` (one page, ``/blog/``) refused only itself where the section's verdict
    was kept from before: a cold status refused both. The kept verdict's fingerprint names its rivals; warm as cold."""
    import shutil

    site = section_site(tmp_path)
    assert "blog/_index" in {document.document_id for document in assess_site(site, reuse=True).documents}  # its verdict kept
    (site.root / "source_nl/blog.md").write_text("---\ntitle: Blogs\n---\n\nAlles.\n", encoding="utf-8")

    def verdicts() -> tuple[list[str], list[str]]:
        status = assess_site(Site.open(site.root), reuse=True)
        return sorted(document.document_id for document in status.documents), sorted(str(error) for error in status.errors)

    warm = verdicts()
    shutil.rmtree(site.root / ".cache")
    assert warm == verdicts() and "blog/_index" not in warm[0], warm
