"""A translator's twenty minutes in a long document (session 37's trial: 150 entries): where she is told what she
needs, and where it is in sight."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from conftest import copy_site
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.site import Site
from test_workspace import browser_test, chromium, entry, follow, running, watched
from test_workspace_translator import opened

LONG = "blog/lang"
PARAGRAPHS = 147


def long_site(tmp_path: Path) -> Site:
    """The demo with a document of 149 entries (its title, its slug and 147 paragraphs), each a machine draft."""
    site = Site.open(copy_site("demo", tmp_path))
    paragraphs = [f"Alinea {number} gaat over vertrouwen in een team." for number in range(PARAGRAPHS)]
    (site.root / f"source_nl/{LONG}.md").write_text("---\ntitle: Een lang bericht\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    extract(site)
    path = site.catalog_path(LONG)
    po = polib.pofile(str(path), wrapwidth=0)
    for item in po:
        number = re.findall(r"\d+", item.msgid)
        item.msgstr = "a-long-post" if item.msgctxt == "slug" else f"Paragraph {number[0]} is about trust in a team." if number else "A long post"
        item.flags, item.tcomment = ["fuzzy"], "mt: google 2026-11-28"
    po.save(str(path))
    return site


@browser_test
def test_english_put_back_after_a_reload_far_down_a_long_document_is_in_sight(browser: object, tmp_path: Path) -> None:
    """She typed in an entry far down, the page was reloaded (or the browser restarted), and her English came back in
    its box, said in the status line, while the page stood at its top: she scrolled through 149 entries to find it.
    It is brought into sight."""
    site = long_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.set_viewport_size({"width": 1300, "height": 600})
        page.goto(opened(address, LONG))
        far = entry(page, "Alinea 120 gaat")
        far.locator(".box").fill("Typed far below.")
        page.locator("article.entry.edited").wait_for()  # its checks judged (as she types)
        page.reload()
        page.locator("#message", has_text="your unsaved English is back in 1 entry").wait_for()
        far = entry(page, "Alinea 120 gaat")
        assert far.locator(".box").input_value() == "Typed far below."
        shown, box = page.locator("#page").bounding_box(), far.locator(".box").bounding_box()
        assert shown["y"] <= box["y"] and box["y"] + box["height"] <= shown["y"] + shown["height"], (shown, box)


@browser_test
def test_a_filter_picked_and_not_applied_says_so_beside_the_entries_it_still_shows(browser: object, tmp_path: Path) -> None:
    """She picked a state in the filter and read the page's 149 entries as filtered: a filter is applied by Enter or
    Filter (it is in the address). Until then the page says so, beside the count of what it shows."""
    site = long_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, LONG))
        not_applied = page.locator("#filters .not-applied")
        assert not not_applied.is_visible()
        page.select_option("#filters select[name=state]", "approved")
        not_applied.wait_for()
        assert page.locator("#filters .meta").inner_text() == "149 of 149 entries"  # still all of them
        page.select_option("#filters select[name=state]", "")  # back as applied: nothing to apply
        not_applied.wait_for(state="hidden")
        page.fill("#filters input[name=q]", "alinea 12")
        not_applied.wait_for()
        follow(page, "#filters button")
        assert page.locator("#filters .meta").inner_text() == "11 of 149 entries" and not page.locator("#filters .not-applied").is_visible()
