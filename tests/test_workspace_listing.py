"""The documents list of a long site: made in a thread while the page says how far it is (``workspace.listing``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, still_running
from test_workspace import DRAFT, FIXED, FRICTIE, browser_test, chromium, client, entries, follow, running, seen, watched, workspace_site
from publish_pipeline.plumbing.progress import Advance, Phases
from publish_pipeline.workspace import claims, listing
from publish_pipeline.workspace.app import cookie_name
from publish_pipeline.workspace.entries import UNSURE_OF_CLAIMS

JUDGED, TO_JUDGE = 2, 5
COPIES = 800


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
        release.wait(120)  # never this long: the test sets it (old code held the page as long)
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


def test_a_list_made_before_she_saved_is_made_again_not_shown(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The long list is made while she opens a document and approves an entry: the list made before her save is not
    shown when she comes back (it said the entry still waits), but made again, from the verdicts kept, with it."""
    monkeypatch.setattr(listing, "MANY", 0)
    monkeypatch.setattr(listing, "PATIENCE", 0)  # every list: the page that says how far it is first
    going, whole_site = threading.Event(), claims.assess_site
    going.set()

    def gated(*args: object, **kwargs: object) -> object:
        going.wait(120)  # never this long: the test lets it go (a list of kept verdicts was made before the page asked)
        return whole_site(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(claims, "assess_site", gated)
    site = workspace_site(tmp_path)
    workspace = client(site)

    def approved() -> int:
        """The approved entries of the document as the list shows them, once it is made."""
        while "judged-count" in (page := workspace.get("/").text):
            while not workspace.get("/api/listing").json()["ready"]:  # an event, not a time: the list is made
                time.sleep(0.05)
        found = re.search(rf'data-document="{FRICTIE}".*?class="approved-count">(\d+)<', page, re.DOTALL)
        assert found, page
        return int(found[1])

    before = approved()
    going.clear()
    try:
        assert "judged-count" in workspace.get("/").text  # a list is being made, then made, and not shown ...
    finally:
        going.set()
    while not workspace.get("/api/listing").json()["ready"]:
        time.sleep(0.05)
    response = workspace.post("/api/save", json={**seen(site, DRAFT), "text": FIXED, "fuzzy": False})  # ... as she approves
    assert response.status_code == 200, response.text
    assert approved() == before + 1


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


@pytest.fixture
def midway(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """The real list of the whole site held in its making, after its first document judged (its own progress hook,
    ``Listing._phase``): the site's verdicts are being made, as on a cold list of a thousand documents. Yields
    (holding: the list waits there now, release: let it go on); released at the end in any case."""
    holding, release = threading.Event(), threading.Event()
    phase = listing.Listing._phase

    def held_phase(self: listing.Listing, title: str, items: int) -> Advance:
        advance = phase(self, title, items)

        def held(count: float, name: str = "") -> None:
            advance(count, name)
            holding.set()
            release.wait(120)  # never this long: the test releases it (the old save waited as long)
            holding.clear()

        return held

    monkeypatch.setattr(listing.Listing, "_phase", held_phase)
    monkeypatch.setattr(listing, "MANY", 0)
    yield holding, release
    release.set()


def test_a_save_that_makes_a_document_publishable_answers_while_the_list_is_made(tmp_path, midway) -> None:
    """The save judged the document's claim to its English URL on the server's event loop, and that claim waits for
    the site's verdicts the list is making: during a cold list of a thousand documents every save (and every page)
    waited for the whole list. Now it waits in a thread of its own, and the server answers meanwhile."""
    holding, release = midway
    site = workspace_site(tmp_path)
    trust = "topics/vertrouwen"  # one entry to review (its Dutch changed): approved, the document may be published
    outdated = seen(site, next(msgid for (_, msgid), (_, fuzzy, _, _) in entries(site.catalog_path(trust)).items() if fuzzy), trust)
    with running(site) as address:
        base, token = address.split("?token=")
        port = int(base.rstrip("/").rsplit(":", 1)[1])

        def request(path: str, body: dict[str, object] | None = None) -> urllib.request.Request:
            data = None if body is None else json.dumps(body).encode()
            return urllib.request.Request(base + path.lstrip("/"), data=data, headers={"cookie": f"{cookie_name(port)}={token}", "content-type": "application/json"})

        threading.Thread(target=lambda: urllib.request.urlopen(request("/"), timeout=60).read(), daemon=True).start()  # the list begins
        assert holding.wait(30)
        with urllib.request.urlopen(request("/api/save", {**outdated, "fuzzy": False}), timeout=60) as answer:
            saved = json.loads(answer.read())
        assert holding.is_set(), "the save waited for the list"  # answered while the site's verdicts are still being made
        assert f'data-live="current">live {UNSURE_OF_CLAIMS}</span>' in saved["header"]  # publishable now; its claim to its URL known once the list is made
        assert not json.loads(urllib.request.urlopen(request("/api/listing"), timeout=60).read())["ready"]
        release.set()
        while not json.loads(urllib.request.urlopen(request("/api/listing"), timeout=60).read())["ready"]:  # an event, not a time
            time.sleep(0.05)
        page = urllib.request.urlopen(request(f"/document/{trust}/"), timeout=60).read().decode()
        assert '<span class="english-state" data-live="current">live</span>' in page  # known now: no other document claims it


def children(pid: int) -> set[int]:
    """The processes ``pid`` started that are still there (Linux lists them per thread)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(child) for child in (task / "children").read_text().split()}
        except OSError:
            continue  # the thread ended meanwhile
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="lists a process's children from Linux's /proc")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_review_serve_stops_at_once_while_a_cold_list_is_made_and_leaves_no_worker(tmp_path, stop: int) -> None:
    """Python waited at exit for the workers judging a cold list to finish their shares (half a minute at a thousand
    documents): the server stops them, says its one line and writes no cache half made."""
    site = workspace_site(tmp_path)
    dutch, catalog = site.root / f"source_nl/{FRICTIE}.md", site.catalog_path(FRICTIE)
    for copy in range(COPIES):  # a site whose cold list takes its workers far longer than the bound below
        shutil.copyfile(dutch, dutch.with_name(f"kopie-{copy}.md"))
        shutil.copyfile(catalog, catalog.with_name(f"kopie-{copy}.po"))
    process = subprocess.Popen(
        [sys.executable, "-m", "publish_pipeline", "review", "--serve", "--port", "0", "--root", str(site.root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    try:
        address = process.stdout.readline().split(" is at ")[1].split()[0]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(address) as page:  # the list begins: the page says how far it is
            assert b'id="judged"' in page.read()
        while not (workers := children(process.pid)):  # an event, not a time: the workers are at work
            assert process.poll() is None
            time.sleep(0.05)
        process.send_signal(stop)
        out, err = process.communicate(timeout=10)  # generous: it takes a second or two; the workers' shares, minutes
    finally:
        process.kill()
    assert process.returncode == 0 and "Traceback" not in err, err
    assert out.strip() == "review: workspace stopped"
    assert not still_running(workers, within=10)  # killed by the stop (a zombie left to init, its parent gone first, runs no more)
    assert not list((site.root / ".cache").rglob("*.tmp")) and not (site.root / ".cache/publish_pipeline/verdicts.json").exists()


def test_a_list_begun_before_she_saved_and_still_being_made_is_not_the_one_shown_after() -> None:
    """The review: a request after her save joined the list still being made, begun before the save (a short list's
    request waits for it, a long one's for ``PATIENCE``), and showed it once made: her entry still waiting. Now such a
    request has a list made again once that one is done (from the verdicts it kept)."""
    release, begun = threading.Event(), []

    def make(progress: Phases) -> int:
        begun.append(len(begun))
        release.wait(120)  # never this long: the test releases it
        return begun[-1]

    made = listing.Listing(make)
    before = made.making()
    made.saved()
    after = made.making()
    release.set()
    assert before.result(30) == 0 and after.result(30) == 1  # made again after the save, once the first was made
