"""The review page as a person sees it, in a real headless Chromium."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import polib
import pytest

from conftest import REPO, copy_site
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.quality.review import write_review
from publish_pipeline.site import Site

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "build" / "test-artifacts"


def review_site(tmp_path: Path) -> tuple[Site, Path]:
    """The demo with one approved page made outdated, one draft with a broken link, glossary terms."""
    site = Site.open(copy_site("demo", tmp_path))
    source = site.root / "source_nl/topics/vertrouwen.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Wat is vertrouwen?", "Wat is vertrouwen precies?"), encoding="utf-8")
    extract(site)
    path = site.catalog_path("blog/frictie-als-brandstof")
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if e.msgid.startswith("Daarom noem ik frictie"))
    entry.msgstr, entry.flags, entry.tcomment = "That is why I call friction a *source of energy*.", ["fuzzy"], "mt: google 2026-11-28 draft:x"
    po.save(str(path))
    out = site.root / "build/review/index.html"
    write_review(site, out, now=datetime.datetime(2026, 11, 28, 9, 0, tzinfo=datetime.timezone.utc))
    return site, out


def test_the_page_holds_the_numbers_and_escapes_the_texts(tmp_path: Path) -> None:
    site, out = review_site(tmp_path)
    html = out.read_text(encoding="utf-8")
    assert 'data-approved="65" data-total="178"' in html
    assert '<mark class="term" data-required="stays Dutch">De functie van frictie</mark>' in html
    assert "<script" not in html and "script-src" not in html  # self-contained and inert (CSP: default-src 'none')
    assert "error: markup.links: link to https://www.managementboek.nl/boek/de-functie-van-frictie is missing" in html


def test_the_review_task_counts_in_words(tmp_path: Path) -> None:
    from publish_pipeline import tasks
    from test_workflow import run_task

    root = copy_site("demo", tmp_path)
    po = root / "translations/en/blog/loyaliteit-is-geen-blinde-trouw.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Last week,', 'msgstr "Last week 7,'), encoding="utf-8")
    assert run_task(tasks.review, root) == (0, "review: build/review/index.html (66 approved, 1 check error)\n")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed (apt-get install chromium); .ci/run installs it")
def test_a_person_sees_progress_states_and_the_problem(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    _, out = review_site(tmp_path)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.goto(out.as_uri())
            assert page.title() == "Translation review — Anne-Marie Mars"  # the site's name, not its project id
            summary = page.locator("#summary tbody tr")
            assert summary.count() == 5
            row = page.locator("#summary tr[data-document='topics/vertrouwen'] td")
            assert row.all_inner_texts() == ["topics/vertrouwen", "32", "0", "1", "0", "0", "held back: 1 entry needs review (fuzzy in the PO file; the Dutch changed)"]
            assert page.locator("#summary tr[data-document='blog/loyaliteit-is-geen-blinde-trouw'] .ok").inner_text() == "live"

            problem = page.locator(".problem.error").first
            assert problem.is_visible()
            assert problem.inner_text().startswith("error: markup.links: link to https://www.managementboek.nl/")
            colour = problem.evaluate("element => getComputedStyle(element).color")
            assert colour == "rgb(198, 40, 40)"
            drafted = page.locator("section[id='blog/frictie-als-brandstof'] tr.has-problem")
            assert drafted.get_attribute("data-state") == "draft"
            assert "frictie-als-brandstof.po:" in drafted.locator("td.where").inner_text()

            outdated = page.locator("section[id='topics/vertrouwen'] tr.outdated")
            assert outdated.locator(".diff ins").all_inner_texts() == [" precies"]
            assert page.locator("section[id='topics/vertrouwen'] tr.approved").count() == 32

            bar = page.locator("#site-progress span.approved")
            width = bar.evaluate("element => element.getBoundingClientRect().width")
            whole = page.locator("#site-progress").evaluate("element => element.getBoundingClientRect().width")
            assert abs(width / whole - 65 / 178) < 0.01

            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=False)
            drafted.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "review-problem.png"))
        finally:
            browser.close()
    assert (ARTIFACTS / "review.png").stat().st_size > 10_000
