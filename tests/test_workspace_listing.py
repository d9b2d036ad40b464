"""The documents list of a long site: made in a thread while the page says how far it is (``workspace.listing``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from test_workspace import FRICTIE, browser_test, chromium, client, follow, running, watched, workspace_site
from publish_pipeline.plumbing.progress import Phases
from publish_pipeline.workspace import claims, listing

JUDGED, TO_JUDGE = 2, 5


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The site's assessment held (after telling ``JUDGED`` of ``TO_JUDGE`` documents judged) until the event is
    set, and every list a long one: as a cold list of a thousand documents is on a loaded machine, for as long as
    the test wants. Set at the end in any case: no thread is left waiting."""
    release = threading.Event()
    whole_site = claims.assess_site

    def slow(*args: object, progress: Phases | None = None, **kwargs: object) -> object:
        if progress is not None:
            progress("assessing", TO_JUDGE)(JUDGED)
        release.wait(30)  # never this long: the test sets it (old code held the page as long)
        return whole_site(*args, progress=progress, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(claims, "assess_site", slow)
    monkeypatch.setattr(listing, "MANY", 0)
    yield release
    release.set()


def test_a_long_list_says_how_far_it_is_names_the_documents_and_comes_whole_when_judged(tmp_path, held: threading.Event) -> None:
    site = workspace_site(tmp_path)
    workspace = client(site)
    page = workspace.get("/").text
    assert f'<span id="judged-count">{JUDGED} of {TO_JUDGE}</span> documents judged' in page and 'id="documents"' not in page
    assert f'<a href="/document/{FRICTIE}/"><code>{FRICTIE}</code></a>' in page  # each to be opened meanwhile
    assert page.count("<li>") == len(site.source_paths())
    assert workspace.get("/api/listing").json() == {"done": JUDGED, "total": TO_JUDGE, "ready": False}
    assert "held back: " in workspace.get(f"/document/{FRICTIE}/").text  # a document that waits for her opens meanwhile
    held.set()
    while not workspace.get("/api/listing").json()["ready"]:  # an event, not a time: the list is made
        time.sleep(0.05)
    page = workspace.get("/").text
    assert page.count("<tr data-document=") == len(site.source_paths()) and "judged-count" not in page


def test_a_short_list_comes_whole_however_long_it_takes(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A site of fewer than ``MANY`` documents has its list at once (a cold one too): no page in between."""
    site = workspace_site(tmp_path)
    assert len(site.source_paths()) < listing.MANY
    monkeypatch.setattr(listing, "PATIENCE", 0)  # however long its assessment takes
    assert client(site).get("/").text.count("<tr data-document=") == len(site.source_paths())


@browser_test
def test_the_page_of_a_long_list_shows_progress_and_becomes_the_list_by_itself(browser: object, tmp_path, held: threading.Event) -> None:
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        assert page.locator("#judged-count").inner_text() == f"{JUDGED} of {TO_JUDGE}"
        assert page.locator("#judged").evaluate("(bar) => [bar.value, bar.max]") == [JUDGED, TO_JUDGE]
        follow(page, f"#judging a[href='/document/{FRICTIE}/']")  # her document opens while the others are judged
        page.go_back()
        page.locator("#judged").wait_for()
        held.set()
        page.locator(f"#documents tr[data-document='{FRICTIE}']").wait_for()  # reloaded by itself, the list whole
        assert page.locator("#judging").count() == 0
