"""The published site: the page model in every state, the built files parsed, safety, a real browser."""

from __future__ import annotations

import functools
import json
import http.server
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree, html

from conftest import REPO, browser_test, copy_site, keeping_dutch
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.quality.live import live_english
from publish_pipeline.output import publishing
from publish_pipeline.output.pages import build_model
from publish_pipeline.output.publishing import publish
from publish_pipeline.catalogs.catalog import read_catalog
from publish_pipeline.site import Site
from publish_pipeline.quality.status import assess_site
from test_status import ENGLISH, fresh
from test_tasks import run

BASE = "https://demo.annemariemars.nl"
XHTML = "{http://www.w3.org/1999/xhtml}link"


def approve(site: Site, document: str, english: dict[str, str]) -> None:
    path = site.catalog_path(document)
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr, entry.flags = english.get(entry.msgid, entry.msgstr), []
        keeping_dutch(entry)
    po.save(str(path))


def model_of(site: Site):
    status = assess_site(site, english=True)
    model = build_model(site, status, live_english(site, status, english=True))
    return {(p.language, p.document_id): p for p in model.pages}, model


def test_untranslated_site_has_dutch_pages_only_and_no_alternates(tmp_path: Path) -> None:
    pages, model = model_of(fresh(tmp_path))
    assert sorted(pages) == [("nl", "blog/eerste"), ("nl", "topics/thema")]
    assert all(model.alternates(page) == [] and page.counterpart is None for page in pages.values())


def test_drafts_stay_off_the_english_site(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    approve(site, "blog/eerste", ENGLISH)
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    po.find("Boeken bestellen").flags = ["fuzzy"]
    po.save(str(site.catalog_path("blog/eerste")))
    pages, _ = model_of(site)
    assert ("en", "blog/eerste") not in pages


def test_an_approved_pair_has_reciprocal_alternates_and_an_english_slug(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    approve(site, "blog/eerste", ENGLISH)
    pages, model = model_of(site)
    english, dutch = pages[("en", "blog/eerste")], pages[("nl", "blog/eerste")]
    assert (english.path, english.title, dutch.counterpart, english.counterpart) == (
        "/en/blog/my-first-blog/", "My first blog", "/en/blog/my-first-blog/", "/blog/eerste/"
    )
    expected = [("en", "https://example.org/en/blog/my-first-blog/"), ("nl", "https://example.org/blog/eerste/"),
                ("x-default", "https://example.org/blog/eerste/")]
    assert model.alternates(english) == model.alternates(dutch) == expected


def test_the_assessment_and_the_english_markdown_are_let_go_before_rendering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 10,000 documents the assessment (each document's English twice over: its text and its parse) lived until
    publish ended, beside every page rendered; the pages hold what they show of it."""
    import weakref

    site = fresh(tmp_path)
    approve(site, "blog/eerste", ENGLISH)
    assessed: list[weakref.ref[object]] = []
    alive_while_rendering: list[bool] = []
    render = publishing.share_out

    def assess(*args: object, **options: object) -> object:
        status = assess_site(*args, **options)  # type: ignore[arg-type]
        assessed.append(weakref.ref(status))
        return status

    def share_out(*args: object, **options: object) -> object:
        alive_while_rendering.append(assessed[0]() is not None)
        return render(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(publishing, "assess_site", assess)
    monkeypatch.setattr(publishing, "share_out", share_out)
    report = publish(site)
    assert alive_while_rendering == [False]
    assert report.live.documents["blog/eerste"].state == "current" and report.live.documents["blog/eerste"].english is None
    assert "Sometimes that works." in (site.root / "public/en/blog/my-first-blog/index.html").read_text(encoding="utf-8")


def edit_source(site: Site, old: str, new: str) -> None:
    """The author edits blog/eerste."""
    source = site.root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def commit(site: Site, message: str) -> str:
    """Commit the whole site (a git repository from the first commit on); the new commit's id."""
    git = functools.partial(subprocess.run, cwd=site.root, check=True, capture_output=True, text=True)
    if not (site.root / ".git").exists():
        git(["git", "init", "-q"])
    git(["git", "add", "-A"])
    git(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message])
    return git(["git", "rev-parse", "HEAD"]).stdout.strip()


def test_outdated_english_stays_live_from_its_last_approved_commit_until_reviewed(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    approve(site, "blog/eerste", ENGLISH)
    approved = commit(site, "approved")
    edit_source(site, "Soms lukt dat.", "Soms lukt dat niet.")
    extract(site)
    pages, _ = model_of(site)
    english = pages[("en", "blog/eerste")]
    assert english.older
    assert "Sometimes that works." in english.body
    report = publish(site)
    live = report.live.documents["blog/eerste"]
    assert (live.state, live.commit, live.reasons) == ("older", approved, ("1 entry needs review (fuzzy in the PO file; the Dutch changed)",))
    assert "Sometimes that works." in (site.root / "public/en/blog/my-first-blog/index.html").read_text(encoding="utf-8")


def test_an_earlier_version_is_judged_once_then_its_verdict_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from publish_pipeline.quality import live

    site = fresh(tmp_path)
    approve(site, "blog/eerste", ENGLISH)
    commit(site, "approved")
    edit_source(site, "Soms lukt dat.", "Soms lukt dat niet.")
    extract(site)
    commit(site, "edited")
    judged: list[str] = []
    judge = live._judge
    monkeypatch.setattr(live, "_judge", lambda *arguments: judged.append(arguments[2]) or judge(*arguments))
    assert publish(site).live.documents["blog/eerste"].state == "older" and judged == ["blog/eerste"]
    assert publish(site).live.documents["blog/eerste"].state == "older" and judged == ["blog/eerste"]  # not again


def test_a_repository_without_a_commit_yet_says_to_commit(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=site.root, check=True)
    approve(site, "blog/eerste", ENGLISH)
    publish(site)
    edit_source(site, "Soms lukt dat.", "Soms lukt dat niet.")
    extract(site)
    note = publish(site).live.note
    assert note is not None and note.startswith("the git repository has no commit yet (an approval counts once it is committed: commit the site)")


def test_without_git_only_the_current_approval_counts_and_that_is_said(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    approve(site, "blog/eerste", ENGLISH)
    publish(site)
    edit_source(site, "Soms lukt dat.", "Soms lukt dat niet.")
    extract(site)
    report = publish(site)
    assert report.live.note is not None and report.live.note.startswith("the site is not a git checkout")
    assert report.live.documents["blog/eerste"].state == "held" and report.pages["en"] == 0


def test_a_committed_translation_that_fails_the_gate_never_goes_live_after_an_edit(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    edit_source(site, "translation_slug: my-first-blog\n", "")
    extract(site)
    approve(site, "blog/eerste", {**ENGLISH, "eerste": "../../etc"})
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    po.find("eerste", msgctxt="slug").tcomment = "ignore: slug"
    po.save()
    commit(site, "approved")
    edit_source(site, "Soms lukt dat.", "Soms lukt dat niet.")
    extract(site)
    report = publish(site)
    assert report.pages == {"nl": 2, "en": 0} and report.live.documents["blog/eerste"].state == "held"


def test_draft_true_is_on_neither_site(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    approve(site, "blog/eerste", ENGLISH)
    publish(site)
    edit_source(site, "date: 2020-02-02", "date: 2020-02-02\ndraft: true")
    pages, _ = model_of(site)
    assert ("nl", "blog/eerste") not in pages and ("en", "blog/eerste") not in pages


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site.open(copy_site("demo", tmp_path_factory.mktemp("published")))
    report = publish(site)
    assert report.pages == {"nl": 5, "en": 2} and report.warnings == ()
    return site


def parsed(site: Site, name: str):
    return html.parse(str(site.root / "public" / name)).getroot()


def built_pages(site: Site) -> list[Path]:
    return sorted(p for p in (site.root / "public").rglob("index.html"))


def test_every_hreflang_is_absolute_and_reciprocal(demo_site: Site) -> None:
    alternates = {}
    for path in built_pages(demo_site):
        document = html.parse(str(path)).getroot()
        canonical = document.xpath("//link[@rel='canonical']/@href")[0]
        links = {(l.get("hreflang"), l.get("href")) for l in document.xpath("//link[@rel='alternate'][@hreflang]")}
        assert all(href.startswith(BASE + "/") for _, href in links)
        if links:
            assert ("nl" if "/en/" not in canonical else "en", canonical) in links  # lists itself
            assert {lang for lang, _ in links} == {"nl", "en", "x-default"}
        alternates[canonical] = links
    for canonical, links in alternates.items():
        for language, href in links:
            if language != "x-default":
                assert alternates[href] == links, f"{canonical} and {href} disagree"
    assert len([c for c, links in alternates.items() if links]) == 6  # two pairs of pages and the two homes


def test_pages_say_their_language_and_switch_to_the_counterpart(demo_site: Site) -> None:
    dutch = parsed(demo_site, "topics/vertrouwen/index.html")
    english = parsed(demo_site, "en/topics/trust/index.html")
    assert (dutch.get("lang"), english.get("lang")) == ("nl", "en")
    assert dutch.xpath("//a[@class='switch']/@href") == ["/en/topics/trust/"]
    assert english.xpath("//a[@class='switch']/@href") == ["/topics/vertrouwen/"]
    untranslated = parsed(demo_site, "blog/weerstand-bestaat-niet/index.html")
    assert untranslated.xpath("//a[@class='switch']") == [] and untranslated.xpath("//link[@hreflang]") == []
    assert "14 maart 2019" in html.tostring(parsed(demo_site, "index.html"), encoding="unicode")
    assert "14 March 2019" in html.tostring(parsed(demo_site, "en/index.html"), encoding="unicode")


def test_sitemap_lists_every_page_with_its_versions(demo_site: Site) -> None:
    tree = etree.parse(str(demo_site.root / "public/sitemap.xml"))
    urls = tree.getroot().findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    locs = [u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in urls]
    assert len(locs) == 5 + 2 + 2 == len(set(locs))
    for url, loc in zip(urls, locs):
        links = [(l.get("hreflang"), l.get("href")) for l in url.findall(XHTML)]
        if links:
            assert loc in [href for _, href in links]
    assert "xmlns:xhtml" in (demo_site.root / "public/sitemap.xml").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}/sitemap.xml" in (demo_site.root / "public/robots.txt").read_text(encoding="utf-8")


def test_one_feed_per_language_with_only_published_posts(demo_site: Site) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for name, language, count in (("feed.xml", "nl", 4), ("en/feed.xml", "en", 1)):
        feed = etree.parse(str(demo_site.root / "public" / name)).getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        entries = feed.findall(f"{atom}entry")
        assert len(entries) == count
        for entry in entries:
            link = entry.find(f"{atom}link").get("href")
            assert (demo_site.root / "public" / link[len(BASE) + 1 :] / "index.html").exists()


def test_no_link_leads_to_a_missing_page(demo_site: Site) -> None:
    public = demo_site.root / "public"
    for path in [*built_pages(demo_site), public / "404.html"]:
        for href in html.parse(str(path)).getroot().xpath("//a/@href | //link/@href | //img/@src"):
            if href.startswith(BASE):
                href = href[len(BASE):]
            if href.startswith("/") and not href.startswith("//"):
                target = public / href.split("#")[0].lstrip("/")
                assert target.is_file() or (target / "index.html").is_file(), f"{path}: {href}"


def test_the_build_is_deterministic(demo_site: Site, tmp_path: Path) -> None:
    first = {p.relative_to(demo_site.root / "public"): p.read_bytes() for p in (demo_site.root / "public").rglob("*") if p.is_file()}
    publish(demo_site, tmp_path / "again")
    second = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first == second


HOSTILE = {
    "Waarom schrijf ik?": 'Why <script>alert("x")</script> write?',
    "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat.": (
        'I write <img src=x onerror="alert(1)"> to [find out](javascript:alert(1)) what I think.\n'
        "Sometimes ![that](data:text/html;base64,PHNjcmlwdD4=) <b onclick='x()'>works</b>."
    ),
    "Boeken bestellen": "Order <iframe src='https://evil.example'></iframe> books",
}


def test_smuggled_html_and_scripts_never_reach_a_page(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    approve(site, "blog/eerste", {**ENGLISH, **HOSTILE})
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    for entry in po:
        entry.tcomment = "ignore: markup, numbers"  # even with the checks silenced by the translator
    po.save(str(site.catalog_path("blog/eerste")))
    pages, _ = model_of(site)
    assert ("en", "blog/eerste") in pages
    publish(site)
    built = (site.root / "public/en/blog/my-first-blog/index.html").read_text(encoding="utf-8")
    document = html.fromstring(built)
    assert document.xpath("//script") == [] and document.xpath("//iframe") == []
    assert not document.xpath("//*[@onerror or @onclick]")
    assert not [h for h in document.xpath("//@href | //@src") if h.lower().startswith(("javascript:", "data:"))]
    assert "&lt;script&gt;" in built


def test_a_translation_that_breaks_the_page_structure_blocks_publishing(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    approve(site, "blog/eerste", {**ENGLISH, "Boeken bestellen": "Order\n\n# books"})
    [document] = [d for d in assess_site(site, english=True).documents if d.document_id == "blog/eerste"]
    assert [(p.check, p.line) for p in document.problems if p.severity == "error"] == [("structure", 43)]
    assert document.reasons == ("1 check error: run check",)
    assert publish(site).pages == {"nl": 2, "en": 0}


def test_every_translation_that_breaks_the_page_structure_is_shown_at_once(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    broken = {"Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat.": "I write to find out.\n\n- Sometimes", "Boeken bestellen": "Order\n\n# books"}
    approve(site, "blog/eerste", {**ENGLISH, **broken})
    [document] = [d for d in assess_site(site, english=True).documents if d.document_id == "blog/eerste"]
    found = [(p.check, p.source) for p in document.problems if p.severity == "error"]
    assert found == [("structure", "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat."), ("structure", "Boeken bestellen")]  # in the file's order
    at = {t.source: t.line for t in read_catalog(site.catalog_path("blog/eerste"), "eerste.po").translations}
    assert [p.line for p in document.problems if p.check == "structure"] == [at[source] for source in broken]
    code, output = run_check(site.root)
    assert code == 1 and output.count(": error: structure:") == 2, output
    for source in broken:
        assert f"translations/en/blog/eerste.po:{at[source]}: error: structure:" in output  # the PO line first


def test_a_heading_translated_with_a_line_break_is_a_check_error_at_its_po_line_and_not_published(tmp_path: Path) -> None:
    """'What\\n# I bring' for '## Waarom schrijf ik?' passed every check, and the English page showed
    '<h2>What # I bring</h2>': a heading is one line, so the line break is the translator's to remove."""
    site = fresh(tmp_path)
    approve(site, "blog/eerste", {**ENGLISH, "Waarom schrijf ik?": "What\n# I bring"})
    published = run("publish_pipeline", "publish", "--root", str(site.root))
    assert published.returncode == 0, published.stderr
    assert not list((site.root / "public" / "en").glob("blog/**/index.html"))  # held back, not 'What # I bring'
    at = {t.source: t.line for t in read_catalog(site.catalog_path("blog/eerste"), "eerste.po").translations}
    code, output = run_check(site.root)
    assert code == 1
    assert (
        f"translations/en/blog/eerste.po:{at['Waarom schrijf ik?']}: error: structure: the translation changes the structure of the"
        " page: it has a line break, and a heading is one line — remove the line break (the page would show 'What # I bring')"
    ) in output

def test_a_title_and_summary_translated_with_a_line_break_are_one_line_on_the_page_and_in_the_export(tmp_path: Path) -> None:
    """The trial: "My first\\nblog" for the title "Mijn eerste blog" kept its line break in the English front matter
    that export wrote (``title: "My first\\nblog"``) and in the page's <title>, heading and feed. A title is one line:
    the line break is a space, as in a link's title or an HTML attribute (unlike a heading's, it cannot make a heading
    or a list of the line after it)."""
    site = fresh(tmp_path)
    approve(site, "blog/eerste", {**ENGLISH, "Mijn eerste blog": "My first\nblog", "Een korte blog om mee te testen.": "A short blog\r\nto test with."})
    for command in ("publish", "export"):
        result = run("publish_pipeline", command, "--root", str(site.root))
        assert result.returncode == 0, result.stderr
    page = parsed(site, "en/blog/my-first-blog/index.html")
    assert page.findtext(".//title") == "My first blog — basic test site"
    assert page.findtext(".//h1") == "My first blog"
    assert page.find(".//meta[@name='description']").get("content") == "A short blog to test with."
    feed = (site.root / "public/en/feed.xml").read_text(encoding="utf-8")
    assert "<title>My first blog</title>" in feed and "My first\n" not in feed
    exported = (site.root / "build/content/en/blog/eerste.md").read_text(encoding="utf-8")
    assert exported.startswith("---\ntitle: My first blog\nsummary: A short blog to test with.\n"), exported


def run_check(root: Path) -> tuple[int, str]:
    """``check`` as the translator runs it: its exit code and what it printed."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "publish_pipeline", "check", "--root", str(root)], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}, timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


THEMA = {"Thema": "Theme", "Boeken bestellen": "Order books", "Boek": "Book", "Jaar": "Year", "De functie van frictie": "De functie van frictie"}
TWEEDE = "---\ntitle: Tweede blog\ntranslation_slug: my-first-blog\n---\n\nBoeken bestellen\n"
NO_FIXED_SLUG = ("translation_slug: my-first-blog\n", "")

# Each a way an approved translation (or the author's translation_slug) made status say "publishable"
# while publish built nothing: (edit of blog/eerste's source, its English, a second blog post's source).
BAD_ENGLISH = {
    "a whitespace-only title": (None, {"Mijn eerste blog": " \t "}, None),
    "slug '..' approved with ignore: slug": (NO_FIXED_SLUG, {"eerste": ".."}, None),
    "slug '-a' approved with ignore: slug": (NO_FIXED_SLUG, {"eerste": "-a"}, None),
    "a slug of 300 characters": (NO_FIXED_SLUG, {"eerste": "a" * 300}, None),
    "translation_slug ../../etc": (("my-first-blog", "../../etc"), {}, None),
    "translation_slug 123": (("my-first-blog", "123"), {}, None),
    "translation_slug [a, b]": (("my-first-blog", "[a, b]"), {}, None),
    "translation_slug Hoofd Letters": (("my-first-blog", "Hoofd Letters"), {}, None),
    "one English slug for two documents": (None, {}, TWEEDE),
}


def approve_all(site: Site, document: str, english: dict[str, str], note: str = "") -> None:
    """Every entry approved: from ``english``, else the Dutch itself; ``note`` as every entry's translator comment."""
    path = site.catalog_path(document)
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr, entry.flags, entry.tcomment = english.get(entry.msgid, entry.msgid), [], note
        keeping_dutch(entry)
    po.save(str(path))


def site_with(tmp_path: Path, edit: tuple[str, str] | None, english: dict[str, str], second: str | None) -> Site:
    site = fresh(tmp_path)
    if edit:
        edit_source(site, *edit)
    if second:
        (site.root / "source_nl/blog/tweede.md").write_text(second, encoding="utf-8")
    extract(site)
    approve_all(site, "blog/eerste", {**ENGLISH, **english}, note="ignore: slug, title, whitespace, unchanged")
    approve_all(site, "topics/thema", THEMA)
    if second:
        approve_all(site, "blog/tweede", {"Tweede blog": "Second blog", "Boeken bestellen": "Order books"})
    return site


def english_built(site: Site) -> set[str]:
    """The English pages in public/, as URL paths."""
    public = site.root / "public"
    return {f"/{p.parent.relative_to(public).as_posix()}/" for p in public.glob("en/*/**/index.html")}


@pytest.mark.parametrize(("edit", "english", "second"), BAD_ENGLISH.values(), ids=BAD_ENGLISH)
def test_status_check_and_publish_agree_on_english_that_would_break_the_site(
    tmp_path: Path, edit: tuple[str, str] | None, english: dict[str, str], second: str | None
) -> None:
    site = site_with(tmp_path, edit, english, second)
    status = {d.document_id: d for d in assess_site(site).documents}
    bad = {"blog/eerste", "blog/tweede"} & status.keys()
    assert {d for d, s in status.items() if not s.publishable} == bad
    for document in bad:  # check reports an error for it (exit 1), whatever the translator silenced
        assert [p.check for p in status[document].problems if p.severity == "error"] == [
            "title" if "title" in str(english) or "Mijn eerste blog" in english else "slug"
        ]
    report = publish(site)  # never a traceback: the other pages are built, in both languages
    assert report.pages == {"nl": len(status), "en": 1}
    assert english_built(site) == {"/en/topics/theme/"}
    assert all((site.root / "public" / d / "index.html").is_file() for d in status)
    assert not (tmp_path / "etc").exists() and not list(tmp_path.rglob("*aaaaaaaaaa*"))
    approve_all(site, "blog/eerste", {**ENGLISH, **english})  # the translator looks again: still nothing of it served
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    po[0].flags = ["fuzzy"]
    po.save()
    assert publish(site).pages == {"nl": len(status), "en": 2 if second else 1}  # the other of a clashing pair is alone now


def test_a_bad_translation_slug_is_reported_once_at_its_line_and_publish_builds_the_rest(tmp_path: Path) -> None:
    site = site_with(tmp_path, ("my-first-blog", "../../etc"), {}, None)
    check = run("publish_pipeline", "check", "--root", str(site.root))
    assert check.returncode == 1
    line = "source_nl/blog/eerste.md:5: error: slug: front matter: 'translation_slug': '../../etc' is not a URL slug"
    assert [text for text in check.stdout.splitlines() if "translation_slug" in text] == [
        f"{line}: use lowercase letters, digits and hyphens, e.g. 'what-is-trust'"
    ]
    published = run("publish_pipeline", "publish", "--root", str(site.root))
    assert published.returncode == 0, published.stderr  # English held back by the gate, as when it waits for review
    assert "publish: 2 nl + 1 en pages" in published.stdout
    status = json.loads(run("publish_pipeline", "status", "--json", "--root", str(site.root)).stdout)
    [eerste] = [d for d in status["documents"] if d["id"] == "blog/eerste"]
    assert eerste["reasons"] == [f"English slug: {line.split('error: slug: ')[1]}: use lowercase letters, digits and hyphens, e.g. 'what-is-trust'"]


def test_two_documents_with_one_english_url_are_both_held_back_and_told_of_each_other(tmp_path: Path) -> None:
    site = site_with(tmp_path, None, {}, TWEEDE)
    publish(site)
    status = {d.document_id: d for d in assess_site(site).documents}
    assert status["blog/eerste"].reasons == (
        "English slug: its English URL /en/blog/my-first-blog/ is also that of source_nl/blog/tweede.md: give one of them another English slug",
    )
    assert status["blog/tweede"].reasons[0].endswith("is also that of source_nl/blog/eerste.md: give one of them another English slug")
    assert (status["topics/thema"].publishable, english_built(site)) == (True, {"/en/topics/theme/"})


def test_a_page_that_was_live_stays_from_its_last_approved_commit_when_another_takes_its_url(tmp_path: Path) -> None:
    site = site_with(tmp_path, None, {}, None)
    first = commit(site, "approved")
    (site.root / "source_nl/blog/tweede.md").write_text(TWEEDE, encoding="utf-8")
    extract(site)
    approve_all(site, "blog/tweede", {"Tweede blog": "Second blog"})
    commit(site, "a second post with the first one's English slug")
    report = publish(site)
    assert report.live.documents["blog/eerste"].commit == first and "blog/eerste" in report.served
    assert [error.location for error in report.errors] == ["source_nl/blog/tweede.md"]  # the newcomer gives way
    page = (site.root / "public/en/blog/my-first-blog/index.html").read_text(encoding="utf-8")
    assert "My first blog" in page and "Second blog" not in page


SLUG_TEXT = st.text(st.sampled_from("ab-._/ \\%?#A\u00e9\x00\n"), max_size=12) | st.sampled_from(["a" * 300, "..", ".", "-", "con", "a" * 100])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=SLUG_TEXT)
def test_any_approved_slug_never_breaks_publish_and_status_says_what_publish_builds(tmp_path_factory: pytest.TempPathFactory, slug: str) -> None:
    site = site_with(tmp_path_factory.mktemp("slug"), NO_FIXED_SLUG, {"eerste": slug}, None)
    outside = site.root.parent
    before = {p for p in outside.rglob("*") if "public" not in p.relative_to(outside).parts}
    publishable = {d.document_id for d in assess_site(site).documents if d.publishable}
    report = publish(site)
    status = assess_site(site, english=True)
    model = {p.document_id for p in build_model(site, status, live_english(site, status, english=True)).in_language("en")}
    assert publishable == model and report.pages["en"] == len(publishable) and len(english_built(site)) == len(publishable)
    after = {p for p in outside.rglob("*") if "public" not in p.relative_to(outside).parts}
    assert {p.relative_to(site.root).parts[0] for p in after - before} <= {".cache"}
    assert ("blog/eerste" in publishable) == (slug_is_fine(slug))


def slug_is_fine(slug: str) -> bool:
    import re

    return bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)) and len(slug) <= 100


@browser_test
def test_a_reader_switches_from_dutch_to_english(demo_site: Site, browser: object) -> None:

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(demo_site.root / "public")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page(viewport={"width": 1000, "height": 1200})
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/topics/vertrouwen/")
        assert page.locator("html").get_attribute("lang") == "nl"
        assert page.locator("h2").first.inner_text() == "Wat is vertrouwen?"
        page.click("a.switch")
        page.wait_for_url("**/en/topics/trust/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h2").first.inner_text() == "What is trust?"
        assert page.locator("link[hreflang='nl']").get_attribute("href") == f"{BASE}/topics/vertrouwen/"
        assert page.locator("link[hreflang='en']").get_attribute("href") == f"{BASE}/en/topics/trust/"
        assert page.get_by_text("When someone trusts you").is_visible()
        artifacts = REPO / "build" / "test-artifacts"
        artifacts.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(artifacts / "site-en-trust.png"))
    finally:
        server.shutdown()


@pytest.mark.parametrize(
    "hostile",
    ["Order books\n```\n<script>alert(1)</script>", "[books]: javascript:alert(1)", "Order\n\n<script>alert(1)</script>"],
)
def test_a_translation_that_opens_a_fence_or_a_definition_is_named_and_never_published(tmp_path: Path, hostile: str) -> None:
    site = fresh(tmp_path)
    approve(site, "blog/eerste", {**ENGLISH, "Abonneer je hier op mijn blog": hostile})
    [document] = [d for d in assess_site(site, english=True).documents if d.document_id == "blog/eerste"]
    assert any(p.severity == "error" and p.source == "Abonneer je hier op mijn blog" for p in document.problems)
    assert not document.publishable
    publish(site)
    assert not (site.root / "public/en").exists()
    assert "<script" not in "".join(p.read_text(encoding="utf-8") for p in (site.root / "public").rglob("*.html"))


# The site's name and author, links to Dutch-only pages, the 404 page, the preview server ----------------------------------


def test_the_site_name_and_author_are_settings_of_their_own(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    (root / "pipeline.yaml").write_text("project: basic-po\nsite_name: Mijn <Site>\nauthor: Anne & Co\n", encoding="utf-8")
    site = Site.open(root)
    publish(site)
    page = parsed(site, "index.html")
    assert page.find(".//header/a[@class='name']").text == "Mijn <Site>"
    assert page.find(".//title").text == "Mijn <Site>"
    assert page.find(".//meta[@name='author']").get("content") == "Anne & Co"
    feed = etree.parse(str(root / "public/feed.xml")).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}title").text == "Mijn <Site>"
    assert feed.find(f"{atom}author/{atom}name").text == "Anne & Co"
    assert "basic-po" not in "".join(path.read_text(encoding="utf-8") for path in (root / "public").rglob("*.html"))


def test_an_english_link_to_a_dutch_only_page_says_it_is_in_dutch(demo_site: Site) -> None:
    dutch_only = {page.path for page in model_of(demo_site)[1].in_language("nl") if page.counterpart is None}
    seen = 0
    for path in built_pages(demo_site):
        if not path.relative_to(demo_site.root / "public").as_posix().startswith("en/") or path.parent.name == "en":
            continue
        for link in html.parse(str(path)).getroot().iterfind(".//main//a"):
            href = link.get("href", "")
            if href in dutch_only:
                seen += 1
                assert (link.get("hreflang"), link.get("data-note")) == ("nl", "in Dutch"), href
            else:
                assert link.get("hreflang") is None and link.get("data-note") is None, href
    assert seen
    assert 'a[data-note]::after { content: " (" attr(data-note) ")"' in (demo_site.root / "public/style.css").read_text(encoding="utf-8")


def test_the_404_page_has_the_site_header_and_stylesheet(demo_site: Site) -> None:
    page = parsed(demo_site, "404.html")
    assert page.find(".//header[@class='site']/a[@class='name']").text == "Anne-Marie Mars"
    assert page.find(".//header//a[@class='switch']").get("href") == "/en/"
    assert page.find(".//link[@rel='stylesheet']").get("href") == "/style.css"
    assert page.find(".//title").text == "404 — Anne-Marie Mars"
    assert page.find(".//link[@rel='canonical']") is None  # a 404 stands in for any address: it has none of its own


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """``publish-pipeline serve`` on a free port (port 0: the kernel's choice, no other test's); yields the address it
    says it serves the home page at."""
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    server = subprocess.Popen([sys.executable, "-m", "publish_pipeline", "serve", "--port", "0", "--root", str(root)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    try:
        for line in server.stdout:  # type: ignore[union-attr]
            if line.startswith("serving "):
                yield line.split(" at ")[1].split()[0]
                return
        raise AssertionError(f"serve did not start: {server.stderr.read()}")  # type: ignore[union-attr]
    finally:
        server.kill()
        server.wait()


def site_under_a_path(tmp_path: Path) -> Path:
    """The demo site published, as on GitHub Pages, at https://user.github.io/repository."""
    root = copy_site("demo", tmp_path)
    settings = root / "pipeline.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(BASE, "https://user.github.io/repository"), encoding="utf-8")
    return root


def test_serve_answers_a_missing_page_with_the_sites_404_under_base_urls_path(tmp_path: Path) -> None:
    with serving(site_under_a_path(tmp_path)) as home:
        assert home.endswith("/repository/")
        origin = home.removesuffix("repository/")
        with urllib.request.urlopen(home) as answer:
            assert answer.status == 200 and b'href="/repository/style.css"' in answer.read()
        with urllib.request.urlopen(origin) as answer:  # the bare address leads to the site
            assert answer.url == home
        with urllib.request.urlopen(home + "style.css") as answer:
            assert answer.status == 200
        for missing in (home + "nergens/", origin + "style.css", home + "blog/"):  # blog/ is a folder without a page: no listing
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(missing)
            assert caught.value.code == 404
            assert b'<header class="site">' in caught.value.read()


@browser_test
def test_a_reader_of_a_site_under_a_path_gets_styled_pages_and_working_links(tmp_path: Path, browser: object) -> None:
    with serving(site_under_a_path(tmp_path)) as home:
        page = browser.new_page()
        answer = page.goto(home.removesuffix("repository/"))
        assert answer is not None and answer.ok and page.url == home
        background = "window.getComputedStyle(document.body).backgroundColor"
        assert page.evaluate(background) == "rgb(253, 252, 250)"  # style.css is applied
        page.click("ul.topics a")
        page.wait_for_url(home + "topics/vertrouwen/")
        assert page.locator("h2").first.inner_text() == "Wat is vertrouwen?"
        page.click("a.switch")
        page.wait_for_url(home + "en/topics/trust/")
        assert page.evaluate(background) == "rgb(253, 252, 250)"
        answer = page.goto(home + "en/topics/nowhere/")
        assert answer is not None and answer.status == 404
        assert page.locator("header.site a.name").inner_text() == "Anne-Marie Mars"
        assert page.evaluate(background) == "rgb(253, 252, 250)"
        page.click("header.site a.name")
        page.wait_for_url(home)


def test_a_topic_page_lists_each_post_once(demo_site: Site) -> None:
    """The related list leaves out the posts the page's own text already links to (the trust page names two)."""
    for name in ("topics/vertrouwen/index.html", "en/topics/trust/index.html"):
        page = parsed(demo_site, name)
        targets = [href for href in page.xpath("//main//a/@href") if "/blog/" in href]
        assert targets and len(targets) == len(set(targets)), name
    english = html.tostring(parsed(demo_site, "en/topics/trust/index.html"), encoding="unicode")
    assert english.count(">Loyalty is not blind allegiance<") == 1


def test_a_topic_page_leaves_out_a_post_its_text_links_to_relatively(tmp_path: Path) -> None:
    """``../../blog/x/`` on the topic page is the same post as ``/blog/x/``: listed once, in the text."""
    site = Site.open(copy_site("demo", tmp_path))
    topic = site.root / "source_nl/topics/vertrouwen.md"
    text = topic.read_text(encoding="utf-8")
    absolute = "(/blog/loyaliteit-is-geen-blinde-trouw/)"
    assert absolute in text
    topic.write_text(text.replace(absolute, "(../../blog/loyaliteit-is-geen-blinde-trouw/)"), encoding="utf-8")
    publish(site)
    page = parsed(site, "topics/vertrouwen/index.html")
    assert "../../blog/loyaliteit-is-geen-blinde-trouw/" in page.xpath("//main//a/@href")
    assert "/blog/loyaliteit-is-geen-blinde-trouw/" not in page.xpath("//section[@class='related']//a/@href")


def test_a_topic_page_still_lists_the_tagged_posts_its_text_does_not_link(tmp_path: Path) -> None:
    site = Site.open(copy_site("demo", tmp_path))
    topic = site.root / "source_nl/topics/vertrouwen.md"
    text = topic.read_text(encoding="utf-8")
    link = "[Loyaliteit is geen blinde trouw](/blog/loyaliteit-is-geen-blinde-trouw/)"
    topic.write_text(text.replace(link, "Loyaliteit is geen blinde trouw"), encoding="utf-8")
    publish(site)
    related = parsed(site, "topics/vertrouwen/index.html").xpath("//section[@class='related']//a/@href")
    assert related == ["/blog/loyaliteit-is-geen-blinde-trouw/"]


def test_a_link_relative_to_the_dutch_page_leads_to_the_same_page_from_the_english_one(tmp_path: Path) -> None:
    """An author links posts relatively (``../twee/``): the English page sits elsewhere (``/en/blog/one/``), so
    the link is made absolute there, to the English counterpart where there is one; a relative link that leads
    to no page is reported once, at the Dutch line, for both pages that have it."""
    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text(f"base_url: {BASE}\n", encoding="utf-8")
    paragraph = "Zie [twee](../twee/), [drie](../drie/#kop) en [de bron](../nergens/) voor meer."
    for name, body in (("een", paragraph), ("twee", "Tekst van twee."), ("drie", "Tekst van drie.")):
        (root / f"source_nl/blog/{name}.md").write_text(f"---\ntitle: Post {name}\n---\n\n{body}\n", encoding="utf-8")
    site = Site.open(root)
    extract(site)
    english = {"een": "one", "twee": "two", paragraph: "See [two](../twee/), [three](../drie/#kop) and [the source](../nergens/) for more."}
    for document in ("blog/een", "blog/twee"):
        approve_all(site, document, {**english, f"Post {document[5:]}": f"Post {english[document[5:]]}"}, note="ignore: unchanged")
    report = publish(site)
    links = {a.text: a for a in html.parse(str(root / "public/en/blog/one/index.html")).getroot().iterfind(".//main//a")}
    assert links["two"].get("href") == "/en/blog/two/" and links["two"].get("hreflang") is None
    assert (links["three"].get("href"), links["three"].get("hreflang")) == ("/blog/drie/#kop", "nl")
    assert links["the source"].get("href") == "/blog/nergens/"  # where it leads from the Dutch page
    dutch = {a.text: a.get("href") for a in html.parse(str(root / "public/blog/een/index.html")).getroot().iterfind(".//main//a")}
    assert dutch == {"twee": "../twee/", "drie": "../drie/#kop", "de bron": "../nergens/"}  # right where they are
    assert [w for w in report.warnings if "leads to no page" in w] == [
        "source_nl/blog/een.md:5: the link to /blog/nergens/ on /blog/een/ and /en/blog/one/ leads to no page or file of this site — "
        "correct the link, or add what it leads to (a file goes in static/)",
    ]


def test_a_broken_link_only_the_translation_has_is_said_at_its_po_line_for_the_english_page_alone(tmp_path: Path) -> None:
    """The translator's own link (the check silenced) leads nowhere, the Dutch page's leads to a page: the warning
    is the English page's, at the PO file's line, and names that page alone."""
    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    for name, body in (("een", "Zie [twee](../twee/)."), ("twee", "Tekst.")):
        (root / f"source_nl/blog/{name}.md").write_text(f"---\ntitle: Post {name}\n---\n\n{body}\n", encoding="utf-8")
    site = Site.open(root)
    extract(site)
    approve_all(site, "blog/een", {"Zie [twee](../twee/).": "See [two](../elders/)."}, note="ignore: markup, unchanged")
    po_line = next(number for number, line in enumerate(site.catalog_path("blog/een").read_text(encoding="utf-8").splitlines(), 1) if "elders" in line)
    assert [w.split(" leads to")[0] for w in publish(site).warnings if "leads to no page" in w] == [
        f"translations/en/blog/een.po:{po_line}: the link to /blog/elders/ on /en/blog/een/",
    ]


def test_a_link_to_a_markdown_file_leads_to_its_page(tmp_path: Path) -> None:
    """The trial: ``[x](andere-post.md)``, as VS Code, Obsidian or GitHub link files, was kept as written (a link to
    nowhere) and only warned about. Now it leads to the page made of that file, as jekyll-relative-links makes it:
    the file looked for beside the Markdown file (a bundle's ``index.md`` from its folder), else from the page's
    place, a fragment and a query kept, behind base_url's path; on the English page to the English page where it is
    live (``hreflang`` and "(in Dutch)" where it is not); one written with base_url's path (``/site/blog/twee.md``,
    ``/site/blog/twee/``) too, as export reads it. A file no page is made of stays a warning, said once for both
    pages, naming the files looked for or why the Dutch file has no page; a page that comes later is linked by the
    next publish."""
    root = tmp_path / "site"
    (root / "source_nl/blog/drie").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("base_url: https://example.org/site/\nsite_name: Test\n", encoding="utf-8")
    paragraph = ("Zie [twee](twee.md), [drie](drie/index.md#kop), [vier](../blog/twee.markdown?x=1), [vijf](../twee.md), "
                 "[zes](/blog/twee.md), [zeven](/site/blog/twee.md), [acht](/site/blog/twee/), [later](later.md), "
                 "[concept](concept.md), [ver](/site/blog/ver.md) en [weg](weg.md).")
    for name, body in (("blog/een.md", paragraph), ("blog/twee.md", "Tekst."), ("blog/drie/index.md", "Zie [een](../een.md).")):
        (root / "source_nl" / name).write_text(f"---\ntitle: Post {name}\n---\n\n{body}\n", encoding="utf-8")
    (root / "source_nl/blog/concept.md").write_text("---\ntitle: Concept\ndraft: true\n---\n\nTekst.\n", encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    approve_all(Site.open(root), "blog/een", {"Post blog/een.md": "Post one"}, note="ignore: unchanged")
    approve_all(Site.open(root), "blog/twee", {"Post blog/twee.md": "Post two"}, note="ignore: unchanged")
    result = run("publish_pipeline", "publish", "--root", str(root))
    assert result.returncode == 0, result.stderr

    def hrefs(name: str) -> dict[str, tuple[str | None, str | None]]:
        page = html.parse(str(root / "public" / name / "index.html")).getroot()
        return {a.text: (a.get("href"), a.get("hreflang")) for a in page.iterfind(".//main//a")}

    assert hrefs("blog/een") == {
        "twee": ("/site/blog/twee/", None), "drie": ("/site/blog/drie/#kop", None), "vier": ("/site/blog/twee/?x=1", None),
        "vijf": ("/site/blog/twee/", None), "zes": ("/site/blog/twee/", None), "zeven": ("/site/blog/twee/", None),
        "acht": ("/site/blog/twee/", None), "later": ("later.md", None), "concept": ("concept.md", None), "ver": ("/site/blog/ver.md", None),
        "weg": ("weg.md", None),
    }
    assert hrefs("en/blog/een") == {
        "twee": ("/site/en/blog/twee/", None), "drie": ("/site/blog/drie/#kop", "nl"), "vier": ("/site/en/blog/twee/?x=1", None),
        "vijf": ("/site/en/blog/twee/", None), "zes": ("/site/en/blog/twee/", None), "zeven": ("/site/en/blog/twee/", None),
        "acht": ("/site/en/blog/twee/", None), "later": ("/site/blog/een/later.md", None),
        "concept": ("/site/blog/een/concept.md", None), "ver": ("/site/blog/ver.md", None), "weg": ("/site/blog/een/weg.md", None),
    }
    assert hrefs("blog/drie") == {"een": ("/site/blog/een/", None)}
    # where the Markdown file is looked for, or why the Dutch file found has no page; base_url's path read as export reads it
    missing = "source_nl/blog/{0}.md nor source_nl/blog/een/{0}.md — correct the file name"
    assert [line for line in result.stdout.splitlines() if "leads to no page" in line] == [
        "source_nl/blog/een.md:5: the link /site/blog/ver.md on /blog/een/ and /en/blog/een/ leads to no page: "
        "there is no document source_nl/blog/ver.md — correct the file name",
        "source_nl/blog/een.md:5: the link concept.md on /blog/een/ and /en/blog/een/ leads to no page: source_nl/blog/concept.md "
        "is marked draft: true, so it has no page — link to it once it is published, or remove the link",
        f"source_nl/blog/een.md:5: the link later.md on /blog/een/ and /en/blog/een/ leads to no page: there is no document {missing.format('later')}",
        f"source_nl/blog/een.md:5: the link weg.md on /blog/een/ and /en/blog/een/ leads to no page: there is no document {missing.format('weg')}",
    ], result.stdout
    checked = run("publish_pipeline", "check", "--root", str(root))  # the author's check before she commits says the same
    assert checked.returncode == 0, checked.stderr  # warnings: publish succeeds with them
    assert [line for line in checked.stdout.splitlines() if "leads to no page" in line] == [
        line for line in result.stdout.splitlines() if "leads to no page" in line
    ], checked.stdout
    assert checked.stdout.splitlines()[-1].endswith("; 4 links of the Dutch pages lead to no page (above)"), checked.stdout
    (root / "source_nl/blog/later.md").write_text("---\ntitle: Later\n---\n\nTekst.\n", encoding="utf-8")
    checked = run("publish_pipeline", "check", "--root", str(root))  # een.md's verdict reused, its links judged anew
    assert "the link later.md" not in checked.stdout and "the link weg.md" in checked.stdout, checked.stdout
    result = run("publish_pipeline", "publish", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert hrefs("blog/een")["later"] == ("/site/blog/later/", None)
    assert hrefs("en/blog/een")["later"] == ("/site/blog/later/", "nl")


def test_a_link_to_a_markdown_file_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    """The Dutch file a link means is there but has no page (its front matter cannot be read): the warning names
    it and says why, not "no such document"."""
    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "source_nl/blog/een.md").write_text("---\ntitle: Een\n---\n\nZie [kapot](kapot.md).\n", encoding="utf-8")
    (root / "source_nl/blog/kapot.md").write_text("---\ntitle: [\n---\n\nTekst.\n", encoding="utf-8")
    site = Site.open(root)
    extract(site)
    assert [w for w in publish(site).warnings if "leads to no page" in w] == [
        "source_nl/blog/een.md:5: the link kapot.md on /blog/een/ leads to no page: source_nl/blog/kapot.md cannot be read, "
        "so it has no page — run status to see why, and correct it",
    ]


def small_site(root: Path, settings: str, documents: dict[str, str]) -> Site:
    """A site of ``documents`` (their body, below ``source_nl/``; a body starting with ``---`` is the whole file),
    extracted."""
    for name, body in documents.items():
        (root / "source_nl" / name).parent.mkdir(parents=True, exist_ok=True)
        text = body if body.startswith("---") else f"---\ntitle: {name}\n---\n\n{body}\n"
        (root / "source_nl" / name).write_text(text, encoding="utf-8")
    (root / "pipeline.yaml").write_text(settings, encoding="utf-8")
    site = Site.open(root)
    extract(site)
    return site


def content_hrefs(page: Path) -> dict[str | None, str | None]:
    return {a.text: a.get("href") for a in html.parse(str(page / "index.html")).getroot().iterfind(".//main//a")}


def test_a_percent_encoded_link_to_a_markdown_file_is_read_as_a_browser_reads_it(tmp_path: Path) -> None:
    """``[x](mijn%20post.md)`` and ``[x](<mijn post.md>)`` (as VS Code and Obsidian link a file whose name has a space)
    and ``[x](café.md)`` (markdown-it writes ``caf%C3%A9.md``): the file is looked for by its name decoded, as a browser
    and a web server decode a URL's path (UTF-8), so the warning names the file that is there and why it has no page,
    at the line the link is written on (it named ``source_nl/blog/mijn%20post.md`` and said there is none). An escaped
    character of a name that can be a page's (``andere%2Dpost.md``) leads to that page."""
    site = small_site(tmp_path / "site", "site_name: Test\n", {
        "blog/een.md": "Zie [a](andere%2Dpost.md) en [b](mijn%20post.md).\n\nOok [c](<mijn post.md>) en [d](café.md#kop).",
        "blog/andere-post.md": "Tekst.", "blog/mijn post.md": "Tekst.", "blog/café.md": "Tekst.",
    })
    report = publish(site)
    assert content_hrefs(site.root / "public/blog/een") == {"a": "/blog/andere-post/", "b": "mijn%20post.md", "c": "mijn%20post.md", "d": "caf%C3%A9.md#kop"}
    why = "cannot be read, so it has no page — run status to see why, and correct it"
    assert [w for w in report.warnings if "leads to no page" in w] == [
        f"source_nl/blog/een.md:7: the link caf%C3%A9.md#kop on /blog/een/ leads to no page: source_nl/blog/café.md {why}",
        f"source_nl/blog/een.md:5: the link mijn%20post.md on /blog/een/ leads to no page: source_nl/blog/mijn post.md {why}",
    ]
    assert sorted(error.location for error in report.errors) == ["source_nl/blog/café.md", "source_nl/blog/mijn post.md"]  # status's why


def test_a_link_to_x_md_means_the_bundle_x_index_md_and_the_section_x_index_md_too(tmp_path: Path) -> None:
    """Hugo gives ``x.md``, ``x/index.md`` and ``x/_index.md`` one path: ``[x](x.md)`` leads to the page of the page
    bundle or section of that name, and where that is marked ``draft: true`` the warning says so (it said there was no
    document ``x.md``)."""
    draft = "---\ntitle: Concept\ndraft: true\n---\n\nTekst.\n"
    site = small_site(tmp_path / "site", "site_name: Test\n", {
        "blog/een.md": "Zie [bundel](bundel.md), [concept](concept.md#kop), [sectie](sectie.md) en [lijst](lijst.md).",
        "blog/bundel/index.md": "Tekst.", "blog/concept/index.md": draft, "blog/sectie/_index.md": "Tekst.", "blog/lijst/_index.md": draft,
    })
    report = publish(site)
    hrefs = content_hrefs(site.root / "public/blog/een")
    assert hrefs["bundel"] == "/blog/bundel/" and hrefs["sectie"] == "/blog/sectie/"  # the section's page, at its folder
    then = "is marked draft: true, so it has no page — link to it once it is published, or remove the link"
    assert [w for w in report.warnings if "leads to no page" in w] == [
        f"source_nl/blog/een.md:5: the link concept.md#kop on /blog/een/ leads to no page: source_nl/blog/concept/index.md {then}",
        f"source_nl/blog/een.md:5: the link lijst.md on /blog/een/ leads to no page: source_nl/blog/lijst/_index.md {then}",
    ]


def test_base_urls_path_without_its_slash_is_the_sites_root(tmp_path: Path) -> None:
    """With base_url ``https://example.org/sub/``, a link written ``/sub`` (or ``/sub#kop``) is the site's root, as
    ``/sub/`` is: published as ``/sub/`` (it became ``/sub/sub``, a link to nowhere, and a warning)."""
    site = small_site(tmp_path / "site", "base_url: https://example.org/sub/\nsite_name: Test\n", {
        "blog/een.md": "Naar [huis](/sub), [kop](/sub#kop), [ook](/sub/) en [niet](/subway/).",
    })
    approve_all(site, "blog/een", {}, note="ignore: unchanged")
    report = publish(site)
    expected = {"huis": "/sub/", "kop": "/sub/#kop", "ook": "/sub/", "niet": "/sub/subway/"}
    assert content_hrefs(site.root / "public/blog/een") == content_hrefs(site.root / "public/en/blog/een") == expected
    assert [w.split(" leads to")[0] for w in report.warnings if "leads to no page" in w] == [
        "source_nl/blog/een.md:5: the link to /subway/ on /blog/een/ and /en/blog/een/",
    ]


def test_a_path_behind_base_urls_path_never_leads_to_another_host(tmp_path: Path) -> None:
    """``/sub//evil.example/x`` is a path of the site; without ``/sub`` it would be ``//evil.example/x``, which a browser
    reads as another host: it is published as a path of the site on both pages."""
    site = small_site(tmp_path / "site", "base_url: https://example.org/sub/\nsite_name: Test\n", {
        "blog/een.md": "Naar [raar](/sub//evil.example/x) en [ook](/sub///evil.example/).",
    })
    approve_all(site, "blog/een", {}, note="ignore: unchanged")
    publish(site)
    expected = {"raar": "/sub/evil.example/x", "ook": "/sub/evil.example/"}
    assert content_hrefs(site.root / "public/blog/een") == content_hrefs(site.root / "public/en/blog/een") == expected


def test_a_dutch_link_written_without_base_urls_path_is_warned_about_at_its_line(tmp_path: Path) -> None:
    """``/blog/weg/`` on a site whose base_url is ``https://example.org/sub/`` is published as ``/sub/blog/weg/``; the
    warning that it leads to no page names the line it is written on, as every other link's does (it named the file
    alone)."""
    site = small_site(tmp_path / "site", "base_url: https://example.org/sub/\nsite_name: Test\n", {
        "blog/een.md": "Tekst.\n\nZie [weg](/blog/weg/#kop) en [ook weg](/sub/blog/ook-weg/).",
    })
    assert [w.split(" leads to")[0] for w in publish(site).warnings if "leads to no page" in w] == [
        "source_nl/blog/een.md:7: the link to /blog/ook-weg/ on /blog/een/",
        "source_nl/blog/een.md:7: the link to /blog/weg/ on /blog/een/",
    ]


def test_a_missing_file_is_named_where_it_goes(tmp_path: Path) -> None:
    """A new author puts foto.jpg beside her post: the warning names where the file it links to goes."""
    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "source_nl/blog/een.md").write_text("---\ntitle: Een\n---\n\n![foto](foto.jpg) en [twee](../twee/)\n", encoding="utf-8")
    (root / "source_nl/blog/foto.jpg").write_bytes(b"not served: not in static/ nor in a bundle")
    site = Site.open(root)
    extract(site)
    warnings = [w for w in publish(site).warnings if "leads to no page" in w]
    assert warnings == [
        "source_nl/blog/een.md:5: the link to /blog/twee/ on /blog/een/ leads to no page or file of this site — correct the link, "
        "or add what it leads to (a file goes in static/)",
        "source_nl/blog/een.md:5: the link to /blog/een/foto.jpg on /blog/een/ leads to no page or file of this site — correct the link, "
        "or add what it leads to (a file goes in static/: here static/blog/een/foto.jpg; or make the post a page bundle, its folder "
        "with index.md and the file beside it)",
    ]


def test_a_missing_file_the_english_page_takes_from_the_dutch_is_said_once_at_the_dutch_line(tmp_path: Path) -> None:
    """A link no translation writes (a reference definition's, an HTML tag's): the English page has it as the Dutch
    page does, so the author fixes it, once, in the Dutch: one warning at the Dutch line names both pages, not a
    second one at the PO file."""
    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "source_nl/blog/een.md").write_text(
        "---\ntitle: Een\n---\n\nEen alinea met een [plaatje][p] erin.\n\n<img src=\"html.png\" alt=\"Een tekening\">\n\n[p]: plaatje.jpg\n",
        encoding="utf-8",
    )
    site = Site.open(root)
    extract(site)
    approve_all(site, "blog/een", {"Een alinea met een [plaatje][p] erin.": "A paragraph with a [picture][p] in it.", "Een tekening": "A drawing"},
                note="ignore: unchanged")
    warnings = [w.split(" leads to no page")[0] for w in publish(site).warnings if "leads to no page" in w]
    assert warnings == [
        "source_nl/blog/een.md:7: the link to /blog/een/html.png on /blog/een/ and /en/blog/een/",
        "source_nl/blog/een.md:9: the link to /blog/een/plaatje.jpg on /blog/een/ and /en/blog/een/",
    ]


def test_a_written_file_replaces_what_is_there_and_never_writes_into_it(tmp_path: Path) -> None:
    """``_write`` makes the folders it needs, and puts a new file in place of a file (maybe linked to the current
    site's) or a link of that name: the current site's file and a link's target stay as they were."""
    from publish_pipeline.output.manifest import file_state
    from publish_pipeline.output.publishing import _write

    building, current = tmp_path / "building", tmp_path / "current.html"
    building.mkdir()
    current.write_text("current site\n")
    (building / "blog").mkdir()
    os.link(current, building / "blog" / "linked.html")
    os.symlink(current, building / "pointing.html")
    for name in ("blog/linked.html", "pointing.html", "blog/new/deep/index.html", "index.html"):
        state = _write(building, "public", name, f"<p>{name}</p>\n")
        assert (building / name).read_text() == f"<p>{name}</p>\n"
        assert not (building / name).is_symlink()
        assert state == file_state(building / name)
    assert _write(building, "public", "photo.jpg", b"\xff\xd8") == file_state(building / "photo.jpg")
    assert current.read_text() == "current site\n"


def test_a_broken_link_on_an_older_english_page_is_said_to_be_in_that_version(tmp_path: Path) -> None:
    """An English page live from an earlier approved version has its links from that commit: no line of
    today's PO file is named (it may hold other text there), the version is."""
    from dataclasses import replace as replaced

    from publish_pipeline.output.publishing import _written_at

    site = Site.open(copy_site("demo", tmp_path))
    publish(site)
    pages, _ = model_of(site)
    page = next(page for (language, _), page in pages.items() if language == "en" and page.kind == "blog")
    assert _written_at(site, page, "/x/").startswith(f"translations/en/{page.document_id}.po")
    older = replaced(page, older=True)
    assert _written_at(site, older, "/x/") == f"translations/en/{page.document_id}.po (its live, earlier approved version; the update waits for review)"


def test_only_the_documents_count_against_the_threshold_for_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-site files (homes, feeds, sitemap …) rendered with the documents do not start the workers: as many
    documents as one short of ``PARALLEL_FROM`` are rendered in the command alone."""
    site = fresh(tmp_path)
    shared = []
    real = publishing.share_out
    monkeypatch.setattr(publishing, "PARALLEL_FROM", 3)  # the site has 2 documents, and its whole-site files
    monkeypatch.setattr(publishing, "share_out", lambda function, items, threshold: shared.append(len(items) >= threshold) or real(
        function, items, threshold=threshold))
    publishing.publish(site)
    assert shared == [False]


def test_a_link_many_pages_have_is_kept_once(tmp_path: Path) -> None:
    """Each page's links live as long as publish (the broken-link warning judges them) and in the manifest: a link
    every page has (the home, the stylesheet) was a string of its own on each of 20,000 pages."""
    from publish_pipeline.output.manifest import Manifest

    site = fresh(tmp_path)
    approve(site, "blog/eerste", ENGLISH)
    report = publish(site)
    parts = Manifest.read(site.root, report.out).parts.values()
    pages = [links for part in parts for links in part.links.values()]
    shared = set(pages[0]).intersection(*pages[1:])
    assert len(pages) > 2 and shared
    for href in shared:
        assert len({id(found) for links in pages for found in links if found == href}) == 1
