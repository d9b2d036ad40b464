"""What the workspace says of drafts as ``status`` says it (session 37's trials): a draft she emptied is hers to
translate by hand, a memory draft tells whether she changed it, and the documents list counts what status counts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polib

from conftest import REPO, msgfmt_check
from engine_server import EngineServer
from publish_pipeline.catalogs.catalog import draft_digest
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.quality.review import write_review
from publish_pipeline.site import Site
from test_workspace import FRICTIE, browser_test, chromium, entry, running, watched, workspace_site
from test_workspace_translator import opened

NEAR = "Frictie is een bron van energie voor ieder team."
"""An empty entry of ``workspace_site`` whose Dutch is 93 % like an approved one's ("elk team"): ``draft`` gives it the
memory's English."""
MEMORY = "Friction is a source of energy for every team."
TITLE = "Frictie als brandstof"


def cli(site: Site, *arguments: str) -> subprocess.CompletedProcess[str]:
    """A command of the pipeline run on ``site`` as she runs it, in a process of its own; it must succeed."""
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "publish_pipeline", *arguments, "--root", str(site.root)], capture_output=True, text=True, env=environment, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    return done


def status_of(site: Site) -> dict[str, dict[str, object]]:
    """``status --json``'s rows, by document."""
    return {row["id"]: row for row in json.loads(cli(site, "status", "--json").stdout)["documents"]}


@browser_test
def test_a_draft_she_emptied_is_to_translate_by_hand_and_a_memory_draft_tells_whether_she_changed_it(browser: object, tmp_path: Path) -> None:
    """The trials: status said "1 entry to translate by hand: its draft was emptied" where the workspace showed only
    "untranslated" and the raw ``mt: google … draft:…`` comment; and a memory draft (``tm:``) had no digest, so neither
    page could tell "unchanged" from "edited by the translator since". The entry says it is hers to translate, the
    header counts it as status does (``status.by_hand``, from ``drafts.emptied``); ``draft`` hashes a memory draft as
    it hashes a machine's, and the page says whether she changed it."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with EngineServer() as engine:
        drafted = cli(site, "draft", "--url", engine.url, "--documents", FRICTIE)
    assert "1 near, not sent to google" in drafted.stdout, drafted.stdout
    po = polib.pofile(str(path), wrapwidth=0)
    near = po.find(NEAR)
    assert (near.msgstr, near.fuzzy, near.tcomment) == (MEMORY, True, f"tm: translations/en/{FRICTIE}.po draft:{draft_digest(MEMORY)}")
    title = po.find(TITLE)
    assert title.tcomment.startswith("mt: google ") and title.msgstr
    machine = title.tcomment
    title.msgstr, title.flags = "", []  # Poedit's "Clear translation": the comment stays, saved through msgcat
    po.save(str(path))
    subprocess.run(["msgcat", "--no-wrap", "-o", str(path), str(path)], check=True)
    assert status_of(site)[FRICTIE]["by_hand"] == 1

    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        assert page.locator("#document-state .by-hand-count").inner_text() == "1"  # as status counts it
        assert "of them to translate by hand: its draft was emptied" in page.locator("#by-hand").inner_text()
        emptied = entry(page, TITLE).first
        assert emptied.locator(".by-hand-mark").inner_text() == ": to translate by hand (you emptied its draft)"
        origin = emptied.locator(".origin")
        assert origin.inner_text() == f"machine draft, emptied: to translate by hand ({machine[4:].rsplit(' draft:', 1)[0]})"
        assert origin.get_attribute("title") == f"the PO file's comment: {machine}"
        memory = entry(page, NEAR)
        where = f"translations/en/{FRICTIE}.po"
        assert memory.locator(".origin").inner_text() == f"memory draft, unchanged ({where})"
        memory.locator(".box").fill("Friction gives every team energy.")
        memory.locator(".box").press("Control+s")
        entry(page, NEAR).locator(".origin.edited", has_text=f"memory draft, edited by the translator since ({where})").wait_for()
        emptied.locator(".box").fill("Friction as fuel")
        emptied.locator(".box").press("Control+s")
        page.locator("#message", has_text="saved").wait_for()
        page.locator("#by-hand").wait_for(state="detached")  # typed: no longer to translate by hand
    assert status_of(site)[FRICTIE]["by_hand"] == 0
    msgfmt_check(path)
    out = site.root / "build/review/index.html"  # the static review page says it in the same words
    write_review(site, out)
    with chromium(browser) as page:
        page.goto(out.as_uri())
        row = page.locator("section.document tr[data-state]", has=page.locator("td.dutch", has_text=NEAR))
        assert row.locator(".origin").inner_text() == "(memory draft, edited by the translator since)"


STALE_DRAFT = "Ik wil je uitnodigen om daar anders naar te kijken."
STALE_APPROVED = "Daarom noem ik frictie in"
NOT_READY = "blog/nog-niet-klaar"


def stale_and_unpublished(tmp_path: Path) -> Site:
    """``workspace_site`` with two entries of Dutch the document no longer has (the author reworded it, extract not run
    since): a draft whose English ends on a line break the Dutch has not (msgfmt's error once approved) and an approved
    English that lost the Dutch's link (an error of approved English); and a document the author marked ``draft:
    true``, drafted (named to ``draft``) without a problem."""
    site = workspace_site(tmp_path)
    (site.root / f"source_nl/{NOT_READY}.md").write_text("---\ntitle: Nog niet klaar\ndraft: true\n---\n\nDit stuk is nog niet af.\n", encoding="utf-8")
    extract(site)
    po = polib.pofile(str(site.catalog_path(NOT_READY)), wrapwidth=0)
    for item, english in zip(po, ["not-ready-yet", "Not ready yet", "This piece is not finished yet."]):
        item.msgstr, item.flags = english, ["fuzzy"]
    po.save(str(site.catalog_path(NOT_READY)))
    path = site.catalog_path(FRICTIE)
    po = polib.pofile(str(path), wrapwidth=0)
    for item in po:
        if item.msgid.startswith(STALE_DRAFT):
            item.msgstr, item.flags = "I want to invite you to look at it differently. Friction is not the problem. Friction is information.\n", ["fuzzy"]
        elif item.msgid.startswith(STALE_APPROVED):
            item.msgstr, item.flags = "That is why I call friction a source of energy.", []
    po.save(str(path))
    dutch = site.root / f"source_nl/{FRICTIE}.md"
    text = dutch.read_text(encoding="utf-8")
    dutch.write_text(text.replace(STALE_DRAFT, "Ik nodig je uit om daar anders naar te kijken.").replace("Daarom noem ik frictie in", "Daarom noem ik de frictie in"), encoding="utf-8")
    return site


@browser_test
def test_the_workspace_counts_what_status_counts_of_stale_entries_and_of_a_document_marked_draft(browser: object, tmp_path: Path) -> None:
    """The trials: the documents list counted a ``draft: true`` document among those to review (status's ``next:``
    counts none of its entries: the author has not finished it), and the workspace counted the errors of entries of
    Dutch the document no longer has, which status says as warnings (``gate.of_current_dutch``): no page shows that
    English. Same site: what the page shows is what ``status --json`` says."""
    site = stale_and_unpublished(tmp_path)
    rows = status_of(site)
    assert rows[NOT_READY]["errors"] == 0 and rows[NOT_READY]["draft"] == 3 and any("draft: true" in reason for reason in rows[NOT_READY]["reasons"])
    assert rows[FRICTIE]["errors"] == 0 and rows[FRICTIE]["warnings"]
    to_review = sum(
        (row["draft"] + row["outdated"] + row["untranslated"] > 0 and not any("draft: true" in reason for reason in row["reasons"]))
        or row["errors"] > 0 or "unreadable" in row for row in rows.values()
    )
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        assert page.locator("#errors-count").inner_text() == f"{sum(row['errors'] for row in rows.values())} check errors"
        for document, row in rows.items():
            cells = page.locator(f"#documents tr[data-document='{document}'] td").all_inner_texts()
            assert cells[5:7] == [str(row["words_to_review"]), str(row["errors"])], (document, cells)
        assert page.locator("#show a[href='/?show=attention']").inner_text() == f"{to_review} to review"
        page.goto(address.split("?")[0] + "?show=attention")
        assert page.locator(f"#documents tr[data-document='{NOT_READY}']").count() == 0  # nothing of it waits for her yet
        page.goto(opened(address, FRICTIE))
        assert page.locator("#document-state .errors-count").inner_text() == "0"
        assert page.locator("#drafts-with-errors").count() == 0  # a stale draft's approval breaks no page
        for stale in (STALE_DRAFT, STALE_APPROVED):
            problems = entry(page, stale).locator(".checks .problem")
            assert problems.count() and entry(page, stale).locator(".checks .problem.error").count() == 0, problems.all_inner_texts()
        said = entry(page, STALE_APPROVED).locator(".checks .problem.warning").all_inner_texts()
        assert any("an entry of Dutch the document no longer has" in line for line in said), said  # its error, as status says it
