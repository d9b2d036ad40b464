"""The translator's workspace (``invoke workspace``, or ``review --serve``): its guard, its saves, and a translator at work in Chromium."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from typing import Any
from contextlib import contextmanager
from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st
import pytest
import warnings

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same for these tests
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from conftest import REPO, SITES, browser_test, copy_site, msgfmt_check
from publish_pipeline.catalogs.catalog import draft_digest
from publish_pipeline.errors import PipelineError
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.plumbing.locking import site_lock
from publish_pipeline.catalogs.memory import Remembered, suggestions
from publish_pipeline.quality.review import Piece, mark_terms, word_diff, write_review
from publish_pipeline.site import Site
from publish_pipeline.workspace.app import cookie_name, create_app, listening_socket, server
from publish_pipeline.workspace.entries import Workspace
from publish_pipeline.catalogs.glossary import load_glossary

FRICTIE = "blog/frictie-als-brandstof"
DRAFT = "Daarom noem ik frictie"
HOSTILE_ENGLISH = "<script>window.pwned='script'</script> <img src=x onerror=\"window.pwned='img'\"> [click](javascript:window.pwned='link')"
HOSTILE_DUTCH = "Let op: <img src=x onerror=\"window.pwned='dutch'\"> en [klik](javascript:window.pwned='dutch-link')."
TOKEN = "s3cret-token"
PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"


def workspace_site(tmp_path: Path) -> Site:
    """The demo with a machine draft that breaks a link, a hostile draft and Dutch, an outdated entry
    (one word changed), and an approved text with a near twin for the memory to offer."""
    site = Site.open(copy_site("demo", tmp_path))
    vertrouwen = site.root / "source_nl/topics/vertrouwen.md"
    vertrouwen.write_text(vertrouwen.read_text(encoding="utf-8").replace("belangrijk vindt bij jou in goede handen", "belangrijk vindt bij jou in veilige handen"), encoding="utf-8")
    frictie = site.root / "source_nl/blog/frictie-als-brandstof.md"
    frictie.write_text(
        frictie.read_text(encoding="utf-8")
        + "\nFrictie is een bron van energie voor elk team.\n\nFrictie is een bron van energie voor ieder team.\n\n" + HOSTILE_DUTCH + "\n",
        encoding="utf-8",
    )
    extract(site)
    path = site.catalog_path(FRICTIE)
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgid.startswith(DRAFT):
            entry.msgstr, entry.flags, entry.tcomment = "That is why I call friction a *source of energy*.", ["fuzzy"], "mt: google 2026-11-28"
        elif entry.msgid == "Frictie is een bron van energie voor elk team.":
            entry.msgstr = "Friction is a source of energy for every team."
        elif entry.msgid.startswith("Ik wil je uitnodigen"):
            entry.msgstr, entry.flags = HOSTILE_ENGLISH, ["fuzzy"]
    po.save(str(path))
    extract(site)  # the writer's own form: what a save changes is then exactly the entry
    return site


def client(site: Site, **headers: str) -> TestClient:
    return TestClient(create_app(site, TOKEN, PORT), base_url=ORIGIN, cookies={cookie_name(PORT): TOKEN}, headers=headers)


def entries(path: Path) -> dict[tuple[str | None, str], tuple[str, bool, str, str | None]]:
    return entries_of(path.read_text(encoding="utf-8"))


def assert_only_change(path: Path, before: str, source: str, **expected: object) -> None:
    """The file differs from ``before`` in one entry only (found by its Dutch), whose fields are ``expected``; msgfmt accepts it."""
    after = path.read_text(encoding="utf-8")
    old, new = entries_of(before), entries_of(after)
    changed = [key for key in new if new[key] != old.get(key)]
    assert len(changed) == 1 and changed[0][1].startswith(source), changed
    text, fuzzy, note, previous = new[changed[0]]
    assert {"text": text, "fuzzy": fuzzy, "note": note, "previous": previous} == {**dict(zip(("text", "fuzzy", "note", "previous"), old[changed[0]])), **expected}
    lines = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    changes = ("-msgstr", "+msgstr", *(("-#|", "+#|") if "previous" in expected else ()))  # the previous Dutch where asked
    assert all(source[:20] not in line or line.startswith(changes) for line in lines)  # the Dutch untouched
    msgfmt_check(path)


def entries_of(text: str) -> dict[tuple[str | None, str], tuple[str, bool, str, str | None]]:
    return {(e.msgctxt, e.msgid): (e.msgstr, e.fuzzy, e.tcomment, e.previous_msgid) for e in polib.pofile(text, wrapwidth=0)}


def seen(site: Site, source: str, document: str = FRICTIE) -> dict[str, object]:
    """What the page shows of an entry: the request body's key and ``seen`` state."""
    for (context, msgid), (text, fuzzy, note, _) in entries(site.catalog_path(document)).items():
        if msgid.startswith(source):
            return {"document": document, "context": context, "source": msgid, "seen": {"text": text, "fuzzy": fuzzy, "note": note}}
    raise AssertionError(source)


# The guard ------------------------------------------------------------------------------------------------------------


def test_a_request_without_the_token_or_from_elsewhere_is_refused(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    bare = TestClient(create_app(site, TOKEN, PORT), base_url=ORIGIN)
    assert bare.get("/").status_code == 403
    assert bare.get("/?token=wrong").status_code == 403
    assert bare.post("/api/save", json=seen(site, DRAFT)).status_code == 403
    suggestions = {"document": FRICTIE, "entries": [{"context": None, "source": IEDER, "text": ""}]}
    assert bare.post("/api/suggestions", json=suggestions).status_code == 403
    foreign_host = TestClient(create_app(site, TOKEN, PORT), base_url="http://attacker.example:8765", cookies={cookie_name(PORT): TOKEN})
    assert foreign_host.get("/").status_code == 403  # DNS rebinding: a page of attacker.example resolved to 127.0.0.1
    before = site.catalog_path(FRICTIE).read_bytes()
    response = client(site, origin="http://attacker.example").post("/api/save", json={**seen(site, DRAFT), "fuzzy": False})
    assert response.status_code == 403 and "another site" in response.text
    assert site.catalog_path(FRICTIE).read_bytes() == before
    assert client(site, origin="http://attacker.example").post("/api/suggestions", json=suggestions).status_code == 403  # another site reads nothing of the memory
    assert foreign_host.post("/api/suggestions", json=suggestions).status_code == 403
    assert client(site, origin=ORIGIN).get("/").status_code == 200
    assert client(site, origin=ORIGIN).post("/api/suggestions", json=suggestions).status_code == 200


def test_the_token_is_exchanged_once_for_a_cookie_and_leaves_the_address(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    bare = TestClient(create_app(site, TOKEN, PORT), base_url=ORIGIN)
    response = bare.get(f"/document/{FRICTIE}?state=draft&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/document/{FRICTIE}?state=draft"
    assert "HttpOnly" in response.headers["set-cookie"] and "samesite=strict" in response.headers["set-cookie"].lower()
    assert bare.get(f"/document/{FRICTIE}").status_code == 200  # the cookie lets her in from now on
    assert "script-src" not in bare.get("/").headers["content-security-policy"]  # default-src 'self': no inline script at all


def test_a_busy_port_is_one_line() -> None:
    taken = listening_socket(0)
    try:
        with pytest.raises(PipelineError) as refused:
            listening_socket(taken.getsockname()[1])
        port = taken.getsockname()[1]
        assert (refused.value.message, refused.value.hint) == (f"127.0.0.1:{port}: the port is in use", f"stop what uses it, or try --port {port + 1}")
    finally:
        taken.close()


def test_review_serve_prints_the_address_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "publish_pipeline", "review", "--serve", "--port", "0", "--root", str(site.root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("review: the workspace for Anne-Marie Mars is at http://127.0.0.1:") and "?token=" in line
        address = line.split(" is at ")[1].split()[0]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(address) as page:  # the token, then the cookie (a redirect)
            assert page.status == 200 and b"Documents" in page.read()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0 and "Traceback" not in err, err
    assert out.strip() == "review: workspace stopped"



def test_ctrl_c_stops_at_once_while_the_list_waits_for_msgfmt_and_leaves_every_po_file_whole(tmp_path: Path) -> None:
    """The trial: Ctrl-C waited for the documents list being judged (a request waiting for it held uvicorn's stop),
    and then at exit for its msgfmt batch. Here msgfmt answers nothing until it is killed: the stop waits for none
    of it, the request waiting for the list is told why, and every PO file is as it was (writes replace files whole)."""
    site = workspace_site(tmp_path)
    before = {path: path.read_bytes() for path in (site.root / "translations").rglob("*.po")}
    mark, tools = tmp_path / "msgfmt-started", tmp_path / "bin"
    tools.mkdir()
    (tools / "msgfmt").write_text(f'#!/bin/sh\necho $$ > "{mark}.tmp" && mv "{mark}.tmp" "{mark}"\nexec sleep 120\n', encoding="utf-8")
    (tools / "msgfmt").chmod(0o755)
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "publish_pipeline", "review", "--serve", "--port", "0", "--root", str(site.root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
    )
    answered: list[tuple[int, str]] = []

    def documents_list(address: str) -> None:
        try:
            urllib.request.build_opener(urllib.request.HTTPCookieProcessor()).open(address)
        except urllib.error.HTTPError as error:
            answered.append((error.code, error.read().decode()))

    try:
        address = process.stdout.readline().split(" is at ")[1].split()[0]
        asking = threading.Thread(target=documents_list, args=(address,), daemon=True)
        asking.start()
        while not mark.exists():  # the list's msgfmt has started, and holds the list
            assert process.poll() is None and asking.is_alive()
            asking.join(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)  # the old stop waited for the list: for msgfmt's 120 s
        asking.join(30)
    finally:
        process.kill()
        if mark.exists():
            os.kill(int(mark.read_text()), signal.SIGKILL)
    assert process.returncode == 0 and "Traceback" not in err, err
    assert out.strip().splitlines()[-1] == "review: workspace stopped"
    assert answered == [(422, "workspace: stopped (Ctrl-C) — start it again (invoke workspace), then reload the page")]
    assert {path: path.read_bytes() for path in (site.root / "translations").rglob("*.po")} == before
    assert not [path for path in site.root.rglob("*.tmp")]

# Documents, entries, filters -------------------------------------------------------------------------------------------


def test_the_documents_list_shows_progress_and_what_happens_to_the_english(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    page = client(site).get("/").text
    assert '<tr data-document="topics/vertrouwen">' in page
    row = page.split('<tr data-document="topics/vertrouwen">')[1].split("</tr>")[0]
    assert '<td class="approved-count">32</td>' in row and '<td class="outdated-count">1</td>' in row
    assert "held back: " in row and "<th>needs review (Dutch changed)</th>" in page  # one word per state, the PO's "outdated" too
    assert '<td class="english-state ok" data-live="current">live</td>' in page.split('<tr data-document="blog/loyaliteit-is-geen-blinde-trouw">')[1].split("</tr>")[0]
    assert 'role="img" aria-label="97% approved, 3% needs review (Dutch changed)"' in row  # the bar in words, for a screen reader
    assert '<rect class="approved" x="0.0%" width="96.97%" height="100%"/><rect class="draft" x="96.97%" width="0.0%"' in row
    assert "style=" not in page  # the CSP allows no style attribute: lengths are SVG attributes


def test_the_documents_list_shows_those_that_need_her_on_their_own(tmp_path: Path) -> None:
    """Of a thousand documents, the few with an entry to review or an error: one link away, and back."""
    site = workspace_site(tmp_path)
    every = client(site).get("/").text
    rows = every.count("<tr data-document=")
    assert rows == len(site.source_paths()) and '<a href="/?show=attention">' in every
    waiting = client(site).get("/?show=attention").text
    assert f'<tr data-document="{FRICTIE}">' in waiting and f'<tr data-document="{LOYALTY}">' not in waiting
    assert f"{waiting.count('<tr data-document=')} to review</b>" in waiting and f'<a href="/">all {rows}</a>' in waiting
    assert f"{waiting.count('<tr data-document=')} to review</a>" in every


def test_the_previews_show_the_sites_images_which_run_nothing_opened_alone(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    image = client(site).get("/images/tandwielen.svg")
    assert image.status_code == 200 and image.content == (site.root / "static/images/tandwielen.svg").read_bytes()
    assert "sandbox" in image.headers.get_list("content-security-policy")
    assert client(site).get("/../pipeline.yaml").status_code == 404 and client(site).get("/%2e%2e/pipeline.yaml").status_code == 404
    assert TestClient(create_app(site, TOKEN, PORT), base_url=ORIGIN).get("/images/tandwielen.svg").status_code == 403  # her files are hers only


def png(width: int, height: int) -> bytes:
    """A red PNG image of ``width`` × ``height`` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


GENERATOR_SITES = {  # a Hugo page bundle with its photo beside it, a Jekyll post with an image of assets/: (source, its image, the image's file)
    "hugo-by-filename": ("content/posts/zee/index.md", "photo.png", "content/posts/zee/photo.png"),
    "hugo-by-folder": ("content/nl/posts/zee/index.md", "beelden/photo.png", "content/nl/posts/zee/beelden/photo.png"),
    "jekyll": ("_posts/2020-02-02-zee.md", "/assets/img/zee.png", "assets/img/zee.png"),
}


def generator_site(tmp_path: Path, layout: str) -> tuple[Site, str]:
    """A Hugo or Jekyll site of one post with an image where its generator keeps one, extracted; and the post's id."""
    source, image, file = GENERATOR_SITES[layout]
    (tmp_path / "pipeline.yaml").write_text(f"layout: {layout}\n", encoding="utf-8")
    for path, content in [(source, f"---\ntitle: Aan zee\n---\n\nEen dag aan zee.\n\n![De zee]({image})\n\nZie ![de zee]({image}) hier.\n"), (file, png(3, 2))]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content if isinstance(content, bytes) else content.encode())
    site = Site.open(tmp_path)
    extract(site)
    document_id = site.document_id(tmp_path / source)
    po = polib.pofile(str(site.catalog_path(document_id)), wrapwidth=0)
    for entry in po:  # a draft whose preview shows the image
        if entry.msgid.startswith("Zie "):
            entry.msgstr, entry.flags = f"See ![the sea]({image}) here.", ["fuzzy"]
    po.save()
    return site, document_id


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_the_preview_of_a_page_bundle_has_its_files_beside_it_and_nothing_else(tmp_path: Path, layout: str) -> None:
    """Hugo serves a bundle's files beside its page (/posts/zee/photo.png): so does the preview (/preview/posts/zee/),
    sandboxed, for her only; the bundle's page itself, and whatever is not in the bundle, is no file of it."""
    site, document_id = generator_site(tmp_path, layout)
    source, image, file = GENERATOR_SITES[layout]
    moved = client(site).get(f"/preview/{document_id}", follow_redirects=False)  # a link or bookmark of before
    assert moved.status_code == 307 and moved.headers["location"] == f"/preview/{document_id}/"
    moved = client(site).get(f"/document/{document_id}?state=draft", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/document/{document_id}/?state=draft"
    assert client(site).get(f"/document/{document_id}/{image}").content == (tmp_path / file).read_bytes()  # an entry's preview shows it too
    page = client(site).get(f"/preview/{document_id}/")
    assert page.status_code == 200 and f'<img src="{image}" alt="De zee" />' in page.text
    served = client(site).get(f"/preview/{document_id}/{image}")
    assert served.status_code == 200 and served.content == (tmp_path / file).read_bytes()
    assert "sandbox" in served.headers.get_list("content-security-policy")
    assert client(site).get(f"/preview/{document_id}/{Path(source).name}").status_code == 404  # the Dutch is no file of the bundle
    outside = tmp_path.parent / "outside.png"
    outside.write_bytes(png(1, 1))
    (tmp_path / file).with_name("link.png").symlink_to(outside)
    for name in ["link.png", "../../../pipeline.yaml", "%2e%2e/%2e%2e/%2e%2e/pipeline.yaml", "nope.png"]:
        assert client(site).get(f"/preview/{document_id}/{name}").status_code == 404, name
    assert client(site).get(f"/preview/{document_id}/").text.count("<img") == 2
    assert TestClient(create_app(site, TOKEN, PORT), base_url=ORIGIN).get(f"/preview/{document_id}/{image}").status_code == 403
    assert client(site).get("/preview/posts/nope/photo.png").text == "posts/nope/photo.png: no such document — pick one from the list"


def test_the_preview_of_a_jekyll_site_has_the_files_jekyll_copies_and_nothing_else(tmp_path: Path) -> None:
    """Jekyll copies the site's own files (assets/…) into the site as they are, but not _posts/, _config.yml,
    hidden files, what it leaves out by default, or what it renders; nor are publish_pipeline's files the site's."""
    site, document_id = generator_site(tmp_path, "jekyll")
    (tmp_path / "_config.yml").write_text("title: x\nexclude: [translations/, pipeline.yaml, tasks.py, build/]\n", encoding="utf-8")  # as the README sets it up
    site = Site.open(tmp_path)  # reads _config.yml as it opens, as Jekyll as it starts
    (tmp_path / "Gemfile").write_text("source 'https://rubygems.org'\n", encoding="utf-8")
    (tmp_path / "about.md").write_text("---\ntitle: Over\n---\n", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules/x.js").write_text("x", encoding="utf-8")
    (tmp_path / "assets/img/link.png").symlink_to(tmp_path.parent / "outside.png")
    (tmp_path.parent / "outside.png").write_bytes(png(1, 1))
    served = client(site).get("/assets/img/zee.png")
    assert served.status_code == 200 and served.content == (tmp_path / "assets/img/zee.png").read_bytes()
    assert "sandbox" in served.headers.get_list("content-security-policy")
    for name in ["_config.yml", "_posts/2020-02-02-zee.md", "pipeline.yaml", f"translations/en/{document_id}.po", ".cache/publish_pipeline/lock",
                 "Gemfile", "about.md", "node_modules/x.js", "assets/img/link.png", "%2e%2e/outside.png"]:
        assert client(site).get(f"/{name}").status_code == 404, name
    assert TestClient(create_app(site, TOKEN, PORT), base_url=ORIGIN).get("/assets/img/zee.png").status_code == 403


def test_a_site_without_static_files_answers_404_for_a_missing_image(tmp_path: Path) -> None:
    site, _ = generator_site(tmp_path, "hugo-by-filename")  # no static/
    assert client(site).get("/images/missing.png").status_code == 404


LOYALTY = "blog/loyaliteit-is-geen-blinde-trouw"


def english_states(site: Site) -> tuple[dict[str, str], dict[str, str]]:
    """What the documents list says of each document's English, and what each document's own page says."""
    listed = client(site).get("/").text
    rows = {document: listed.split(f'<tr data-document="{document}">')[1].split("</tr>")[0] for document in ids(site)}
    on_list = {document: row.split('data-live="')[1].split("</td>")[0] for document, row in rows.items()}
    on_page = {document: client(site).get(f"/document/{document}").text.split('<span class="english-state" data-live="')[1].split("</span>")[0]
               for document in ids(site)}
    return on_list, on_page


def ids(site: Site) -> list[str]:
    return [site.document_id(path) for path in site.source_paths()]


def approved_twin(site: Site) -> None:
    """The approved post again, approved as it is, slug and all: its English has the first one's URL."""
    (site.root / "source_nl/blog/tweeling.md").write_bytes((site.root / f"source_nl/{LOYALTY}.md").read_bytes())
    extract(site)
    approved = {entry.msgctxt if entry.msgctxt == "slug" else entry.msgid: entry for entry in polib.pofile(str(site.catalog_path(LOYALTY)))}
    twin = polib.pofile(str(site.catalog_path("blog/tweeling")), wrapwidth=0)
    for entry in twin:
        first = approved[entry.msgctxt if entry.msgctxt == "slug" else entry.msgid]
        entry.msgstr, entry.flags, entry.tcomment = first.msgstr, first.flags, first.tcomment
    twin.save()


def test_a_documents_page_says_of_its_english_what_the_list_says(tmp_path: Path) -> None:
    """The header is made from the page's own verdict of the document; only a publishable document's verdict
    depends on another's (two with one English URL are both held back), and the page then says so too."""
    site = workspace_site(tmp_path)
    on_list, on_page = english_states(site)
    assert on_page == on_list and on_page[LOYALTY] == 'current">live'
    assert on_page[FRICTIE].startswith('held">held back: ')
    approved_twin(site)
    on_list, on_page = english_states(site)
    assert on_page == on_list
    assert on_page[LOYALTY].startswith('held">held back: ') and "source_nl/blog/tweeling.md" in on_page[LOYALTY]


def counted_site_verdicts(monkeypatch: pytest.MonkeyPatch) -> list[Site]:
    """The sites whose every verdict the workspace asks for (``assess_site``), one item a time."""
    from publish_pipeline.workspace import claims

    assessed: list[Site] = []
    whole_site = claims.assess_site
    monkeypatch.setattr(claims, "assess_site", lambda *args, **kwargs: assessed.append(args[0]) or whole_site(*args, **kwargs))
    return assessed


def test_the_page_of_a_document_that_waits_for_review_reads_no_other_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = workspace_site(tmp_path)
    assessed = counted_site_verdicts(monkeypatch)
    assert "held back: " in client(site).get(f"/document/{FRICTIE}").text
    response = client(site).post("/api/save", json={**seen(site, DRAFT), "text": FIXED, "fuzzy": False})
    assert response.status_code == 200 and "held back: " in response.json()["header"]
    assert assessed == []  # its verdict depends on no other document's
    assert "live" in client(site).get(f"/document/{LOYALTY}").text and len(assessed) == 1  # a publishable one's may: one URL for two


def test_the_site_is_asked_for_its_verdicts_once_and_again_only_after_another_documents_files_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A publishable document's page asks which other documents claim its English URL: the site's verdicts are asked
    once, and not again for the page shown again or a save in it (its own document is judged as it is now); a file
    of another document changed on disk (here: an approved twin, extract and Poedit) is seen at once."""
    site = workspace_site(tmp_path)
    assessed = counted_site_verdicts(monkeypatch)
    workspace = client(site)
    live = '<span class="english-state" data-live="current">live</span>'
    assert live in workspace.get(f"/document/{LOYALTY}/").text and len(assessed) == 1
    title = next(msgid for (context, msgid) in entries(site.catalog_path(LOYALTY)) if context is None)
    saved = workspace.post("/api/save", json={**seen(site, title, LOYALTY), "note": "checked twice"})
    assert saved.status_code == 200 and live in saved.json()["header"] and len(assessed) == 1
    assert live in workspace.get(f"/document/{LOYALTY}/").text and len(assessed) == 1
    assert "held back" in workspace.get("/").text.split(f'<tr data-document="{FRICTIE}">')[1].split("</tr>")[0] and len(assessed) == 2  # the list
    approved_twin(site)
    page = workspace.get(f"/document/{LOYALTY}/").text
    assert "held back: " in page and "source_nl/blog/tweeling.md" in page and len(assessed) == 3
    page = workspace.get("/document/blog/tweeling/").text
    assert f"source_nl/{LOYALTY}.md" in page and len(assessed) == 3  # nothing changed since: the claims kept


def suggested(workspace: TestClient, site: Site, *sources: str) -> list[str]:
    """What the page asks for once it is shown (``/api/suggestions``): the suggestions of the entries of FRICTIE whose
    Dutch begins with each of ``sources``, each list as its entry shows it."""
    asked = [{"context": shown["context"], "source": shown["source"], "text": shown["seen"]["text"]} for shown in (seen(site, source) for source in sources)]  # type: ignore[index]
    response = workspace.post("/api/suggestions", json={"document": FRICTIE, "entries": asked})
    assert response.status_code == 200, response.text
    return response.json()["html"]


IEDER = "Frictie is een bron van energie voor ieder team."
OFFERED = '<span class="suggested">Friction is a source of energy for every team.</span>'


def test_a_documents_page_asks_the_memory_nothing_its_suggestions_come_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page comes at once: its answer reads no PO file for the memory and compares no text with it (a first
    visit's 300 ms at a thousand posts, 3 s at ten thousand); each entry has an empty place for its suggestions,
    which the page asks for once it is shown."""
    from publish_pipeline.workspace import entries as workspace_entries, remembered

    site = workspace_site(tmp_path)
    asked: list[str] = []
    find, current = workspace_entries.matches, remembered.KeptMemory.current
    monkeypatch.setattr(workspace_entries, "matches", lambda memory, source, **options: asked.append(source) or find(memory, source, **options))
    monkeypatch.setattr(remembered.KeptMemory, "current", lambda self: asked.append("memory") or current(self))
    page = client(site).get(f"/document/{FRICTIE}/").text
    assert asked == [] and "suggested" not in page
    assert page.count('<ul class="suggestions" data-pending></ul>') == page.count('<article class="entry') == 45
    slug = next(key for key in entries(site.catalog_path(FRICTIE)) if key[0] == "slug")[1]
    lists = suggested(client(site), site, IEDER, DRAFT, slug)
    assert OFFERED in lists[0] and lists[0].count("<li>") == 1
    assert lists[1:] == ['<ul class="suggestions"></ul>'] * 2  # none: nothing like it, and none for a slug
    assert asked == ["memory", IEDER, seen(site, DRAFT)["source"]]  # one memory for all the entries asked


def test_the_memorys_suggestions_are_found_once_and_follow_every_approval(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry asked about again (a filter, a reload) asks the memory nothing new; after a save, what the memory
    offers is what it holds now, and the texts it was asked about are not compared with the whole memory again."""
    from publish_pipeline.workspace import entries as workspace_entries

    site = workspace_site(tmp_path)
    asked: list[str] = []
    find = workspace_entries.matches
    monkeypatch.setattr(workspace_entries, "matches", lambda memory, source, **options: asked.append(source) or find(memory, source, **options))
    workspace = client(site)
    assert OFFERED in suggested(workspace, site, IEDER)[0]
    assert OFFERED in suggested(workspace, site, IEDER)[0] and asked == [IEDER]  # found once
    twin = "Frictie is een bron van energie voor elk team."
    saved = workspace.post("/api/save", json={**seen(site, twin), "text": "Friction fuels every team."})
    assert saved.status_code == 200 and 'data-pending' in saved.json()["html"]  # a save asks the memory nothing either
    again = suggested(workspace, site, IEDER)[0]
    assert '<span class="suggested">Friction fuels every team.</span>' in again and OFFERED not in again
    assert asked == [IEDER]  # found among what the memory added (memory.matches_again)


def test_a_suggestion_is_text(tmp_path: Path) -> None:
    """A hostile English approved elsewhere, offered for a Dutch text like its own: shown as text, also in the button
    that would use it."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    po = polib.pofile(str(path), wrapwidth=0)
    hostile = next(entry for entry in po if entry.msgstr == HOSTILE_ENGLISH)
    hostile.flags = []
    po.save(str(path))
    asked = {"context": None, "source": hostile.msgid + " Graag!", "text": ""}
    html = client(site).post("/api/suggestions", json={"document": FRICTIE, "entries": [asked]}).json()["html"][0]
    assert "<script>" not in html and "<img" not in html and 'href="javascript:' not in html
    assert 'data-text="&lt;script&gt;window.pwned=&#39;script&#39;&lt;/script&gt; &lt;img src=x onerror=&#34;' in html
    assert '<span class="suggested">&lt;script&gt;window.pwned=&#39;script&#39;&lt;/script&gt;' in html


def test_a_url_slug_is_offered_no_other_pages_slug(tmp_path: Path) -> None:
    """Another page's slug is its address: the memory offers none for a slug, and offers the texts their twins."""
    from publish_pipeline.workspace.entries import Workspace

    site = workspace_site(tmp_path)
    workspace = Workspace(site)
    unit = workspace.unit(FRICTIE)
    slug = next(t for t in unit.catalog.translations if t.context == "slug")
    text = next(t for t in unit.catalog.translations if t.source == "Frictie is een bron van energie voor ieder team.")
    memory = {slug.source + "-2": Remembered(slug.text + "-2", "a.po"), text.source: Remembered("Friction fuels every team.", "b.po")}
    assert workspace.offered(memory, slug.key, slug.text) == ()
    assert [s.text for s in workspace.offered(memory, text.key, text.text)] == ["Friction fuels every team."]


def test_an_entry_shows_provenance_role_source_line_and_the_filter_stays_in_the_address(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    page = client(site).get(f"/document/{FRICTIE}?state=draft&check=markup").text
    assert page.count('<article class="entry') == 2  # the machine draft with the broken link, the hostile draft
    assert '<span class="provenance">mt: google 2026-11-28</span>' in page
    assert "Dutch line 20" in page
    assert 'data-check="markup.links"' in page
    assert '<option value="draft" selected>needs review</option>' in page and '<option selected>markup</option>' in page
    titles = client(site).get(f"/document/{FRICTIE}?q=frictie+als").text
    assert '<span class="role" title="what the text is in the page (#.)">front matter: title</span>' in titles
    assert client(site).get(f"/document/{FRICTIE}?q=CALL+FRICTION").text.count('<article class="entry') == 1  # the English searched too
    attention = client(site).get(f"/document/{FRICTIE}?state=attention").text
    assert attention.count('<article class="entry') == 45 - 1  # every entry but the approved one


def test_texts_are_escaped_in_the_workspace(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    page = client(site).get(f"/document/{FRICTIE}").text
    assert "<script>window" not in page and "<img src=x" not in page.replace('<img src="x"', "")
    assert "&lt;script&gt;window.pwned=&#39;script&#39;&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


# Saving --------------------------------------------------------------------------------------------------------------


def test_a_save_changes_that_entry_only_through_the_extract_writer(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    before = path.read_text(encoding="utf-8")
    fixed = "That is why, in [De functie van frictie](https://www.managementboek.nl/boek/de-functie-van-frictie), I call friction a *source of energy*."
    response = client(site, origin=ORIGIN).post("/api/save", json={**seen(site, DRAFT), "text": fixed, "fuzzy": False})
    assert response.status_code == 200, response.text
    assert_only_change(path, before, DRAFT, text=fixed, fuzzy=False)
    assert response.json()["undo"]["wanted"]["fuzzy"] is True  # what undo puts back
    assert 'approved: <b class="approved-count">2</b> · needs review: <b class="draft-count">1</b>' in response.json()["header"]  # the counts after it
    approved = path.read_text(encoding="utf-8")
    undone = client(site).post("/api/save", json={**seen(site, DRAFT), **response.json()["undo"]["wanted"]})
    assert undone.status_code == 200 and path.read_text(encoding="utf-8") == before
    assert 'approved: <b class="approved-count">1</b> · needs review: <b class="draft-count">2</b>' in undone.json()["header"]
    assert approved != before


def test_silencing_writes_the_ignore_comment(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    before = path.read_text(encoding="utf-8")
    response = client(site).post("/api/save", json={**seen(site, DRAFT), "ignore": "markup.links"})
    assert response.status_code == 200
    assert_only_change(path, before, DRAFT, note="mt: google 2026-11-28\nignore: markup.links")
    assert "markup.links" not in response.json()["html"].split('<ul class="checks">')[1].split("</ul>")[0].replace("1 silenced", "")
    assert "1 silenced" in response.json()["html"]


def test_a_change_on_disk_meanwhile_is_never_overwritten(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    body = seen(site, DRAFT)
    po = polib.pofile(str(path), wrapwidth=0)
    next(e for e in po if e.msgid.startswith(DRAFT)).msgstr = "Poedit's version."
    po.save(str(path))
    on_disk = path.read_bytes()
    response = client(site).post("/api/save", json={**body, "text": "My version.", "fuzzy": False, "anyway": True})
    assert response.status_code == 409 and "changed on disk meanwhile" in response.json()["conflict"]
    assert "Poedit&#39;s version." in response.json()["html"]  # the entry reloaded as it is on disk
    assert 'approved: <b class="approved-count">1</b> · needs review: <b class="draft-count">2</b>' in response.json()["header"]
    assert path.read_bytes() == on_disk


def test_a_save_waits_for_no_one_but_refuses_while_extract_holds_the_lock(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    before = site.catalog_path(FRICTIE).read_bytes()
    with site_lock(site, "extract"):
        response = client(site).post("/api/save", json={**seen(site, DRAFT), "fuzzy": False, "anyway": True})
    assert response.status_code == 422 and "'extract' (process" in response.json()["error"]
    assert site.catalog_path(FRICTIE).read_bytes() == before


def test_approving_an_english_with_dutch_left_that_check_only_warns_of_asks_first(tmp_path: Path) -> None:
    """A trial: "… wet en I was late" (one Dutch word: a warning, not held back) was approved with one Ctrl+Enter and
    published. Dutch left takes a second, deliberate step too, said as what it is: the English site will show it."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    twin = "Frictie is een bron van energie voor ieder team."
    half = "Friction is a bron of energy for every team."
    before = path.read_bytes()
    asked = client(site).post("/api/save", json={**seen(site, twin), "text": half, "fuzzy": False})
    question = asked.json().get("confirm", "")
    assert question.startswith("this entry has Dutch left (dutch.") and "'bron'" in question and "the English site will show it" in question, asked.json()
    assert path.read_bytes() == before
    anyway = client(site).post("/api/save", json={**seen(site, twin), "text": half, "fuzzy": False, "anyway": True})
    assert anyway.status_code == 200 and entries(path)[(None, twin)][:2] == (half, False)
    needs_work = client(site).post("/api/save", json={**seen(site, twin), "text": half + " ", "fuzzy": True})
    assert "confirm" not in needs_work.json()  # kept for later (needs review): nothing published, nothing asked


def test_approving_an_english_with_an_error_asks_first_and_a_warning_does_not(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    before = path.read_bytes()
    asked = client(site).post("/api/save", json={**seen(site, DRAFT), "text": "That is why I call friction a *source of energy* 100 times.", "fuzzy": False})
    assert asked.status_code == 200 and "undo" not in asked.json() and path.read_bytes() == before  # nothing written…
    assert asked.json()["confirm"].startswith("this entry has an error (markup.links: ") and "again to approve it anyway" in asked.json()["confirm"]
    assert "error: numbers.100: " in asked.json()["html"]  # …and the problems of the English she sent shown
    anyway = client(site).post("/api/save", json={**seen(site, DRAFT), "text": "That is why I call friction a *source of energy* 100 times.", "fuzzy": False, "anyway": True})
    assert anyway.status_code == 200 and entries(path)[(None, seen(site, DRAFT)["source"])][:2] == ("That is why I call friction a *source of energy* 100 times.", False)
    changed = client(site).post("/api/save", json={**seen(site, DRAFT), "text": "Friction."})  # Ctrl+S on the approved entry: a new approved English
    assert "confirm" in changed.json()
    assert "confirm" not in client(site).post("/api/save", json={**seen(site, DRAFT), "fuzzy": True}).json()  # needs review: no question
    assert "confirm" in client(site).post("/api/save", json={**seen(site, DRAFT), "fuzzy": False}).json()  # approving it again: asked again
    twin = "Frictie is een bron van energie voor ieder team."
    warned = client(site).post("/api/check", json={**seen(site, twin), "text": "Friction is a source of energy for every every team."}).json()["html"]
    assert "warning: " in warned and "error: " not in warned
    saved = client(site).post("/api/save", json={**seen(site, twin), "text": "Friction is a source of energy for every every team.", "fuzzy": False})
    assert "confirm" not in saved.json() and entries(path)[(None, twin)][1] is False


def test_checks_judge_the_unsaved_english(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    broken = client(site).post("/api/check", json={**seen(site, DRAFT), "text": "That is why I call friction energy."}).json()["html"]
    assert "error: markup.links" in broken and "strong" not in broken
    whole = "That is why, in [De functie van frictie](https://www.managementboek.nl/boek/de-functie-van-frictie), I call friction a *source of energy*."
    fine = client(site).post("/api/check", json={**seen(site, DRAFT), "text": whole}).json()["html"]
    assert 'class="problem error' not in fine


# Pieces shared with the static page ------------------------------------------------------------------------------------


def test_the_word_diff_marks_the_changed_words_only() -> None:
    old = "Wie een verandering leidt, wil de eigenlijke vraag horen."
    assert word_diff(old, old.replace("eigenlijke", "echte")) == [
        Piece("Wie een verandering leidt, wil de "), Piece("eigenlijke", change="removed"), Piece("echte", change="added"), Piece(" vraag horen."),
    ]


def test_glossary_terms_carry_the_english_they_require(tmp_path: Path) -> None:
    glossary = load_glossary(SITES / "demo")
    pieces = mark_terms("Een veranderopgave in De functie van frictie.", glossary, "A change task in De functie van frictie.")
    terms = [(p.text, p.required, p.missing) for p in pieces if p.term]
    assert terms == [("veranderopgave", "change challenge", True), ("De functie van frictie", "stays Dutch", False)]


def test_the_memory_offers_exact_and_fuzzy_matches_with_their_similarity() -> None:
    memory = {
        "Frictie is een bron van energie.": Remembered("Friction is a source of energy.", "a.po"),
        "Frictie is een bron van energie voor elk team.": Remembered("Friction is a source of energy for every team.", "b.po"),
        "Iets heel anders.": Remembered("Something else.", "c.po"),
    }
    found = suggestions(memory, "Frictie is een bron van energie voor ieder team.")
    assert [(s.text, s.similarity) for s in found] == [("Friction is a source of energy for every team.", 93), ("Friction is a source of energy.", 80)]
    assert suggestions(memory, "Iets heel anders.")[0].similarity == 100


# In the browser --------------------------------------------------------------------------------------------------------

ARTIFACTS = REPO / "build" / "test-artifacts"
FIXED = "That is why, in [De functie van frictie](https://www.managementboek.nl/boek/de-functie-van-frictie), I call friction a *source of energy*."


@contextmanager
def running(site: Site, port: int = 0) -> Iterator[str]:
    """The workspace served on ``port`` (a free one by default) in a thread, for as long as the block runs; yields the
    address with the token."""
    workspace, listener, address = server(site, port)
    thread = threading.Thread(target=workspace.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        while not workspace.started:
            thread.join(0.01)
        yield address
    finally:
        workspace.should_exit = True
        thread.join(5)
        listener.close()


@contextmanager
def chromium(browser: object) -> Iterator[object]:
    """A page of its own in the process's Chromium (conftest's ``browser``), the size of a laptop's screen."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})  # type: ignore[attr-defined]
    try:
        page.set_default_timeout(60_000)  # a guard against a hang, never a race: every wait is for an event, and a loaded machine (2 cores, 8 suites) takes seconds
        yield page
    finally:
        page.context.close()


def follow(page: object, selector: str) -> None:
    """Click what ``selector`` finds on ``page`` (a link, a form's button) and wait for the page it opens, loaded, its
    deferred script run: a read right after the click alone could see the page it left, or half of the new one."""
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click(selector)  # type: ignore[attr-defined]


def entry(page: object, source: str) -> object:
    return page.locator("article.entry", has=page.locator(".dutch .text", has_text=source))  # type: ignore[attr-defined]


@browser_test
def test_a_translator_filters_fixes_approves_uses_the_memory_and_reads_the_diff(browser: object, tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with running(site) as address, chromium(browser) as page:
        page.goto(address)
        assert page.url.endswith("/")  # the token went into a cookie
        assert page.locator("#documents tr[data-document='topics/vertrouwen'] .outdated-count").inner_text() == "1"
        follow(page, f"a[href='/document/{FRICTIE}/']")

        page.select_option("#filters select[name=state]", "draft")  # filter to drafts: the address keeps it
        follow(page, "#filters button")
        assert page.url.endswith(f"/document/{FRICTIE}/?state=draft&check=&q=")
        assert page.locator("article.entry").count() == 2

        draft = entry(page, DRAFT)
        assert draft.locator(".problem.error").first.inner_text().startswith("error: markup.links")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "workspace.png"))  # README's picture (docs/workspace.png)
        draft.locator(".box").fill("That is why I call friction a source of energy.")  # a check error appears as she types…
        draft.locator(".problem[data-check='markup.emphasis']").wait_for()
        before = path.read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") == before  # checking never writes
        draft.locator(".box").fill(FIXED)  # …and vanishes once the English is right
        draft.locator(".problem.error").first.wait_for(state="detached")
        draft.locator(".box").press("Control+Enter")  # approve, and on to the next entry to review
        page.wait_for_function("() => document.activeElement.closest('article')?.textContent.includes('uitnodigen')")
        assert_only_change(path, before, DRAFT, text=FIXED, fuzzy=False)
        assert entry(page, DRAFT).get_attribute("data-state") == "approved"

        page.goto(page.url.split("?")[0] + "?q=ieder")  # the memory's suggestion for the near twin
        twin = entry(page, "voor ieder team")
        assert twin.locator(".similarity").first.inner_text() == "93%"
        before = path.read_text(encoding="utf-8")
        twin.locator("button.use").first.click()
        page.locator("#message", has_text="saved").wait_for()
        assert_only_change(path, before, "Frictie is een bron van energie voor ieder team", text="Friction is a source of energy for every team.", fuzzy=True,
                           note=f"tm: translations/en/blog/frictie-als-brandstof.po draft:{draft_digest('Friction is a source of energy for every team.')}", previous="Frictie is een bron van energie voor elk team.")  # the Dutch it was made for
        page.keyboard.press("Control+Alt+z")  # undo the last change
        page.locator("#message", has_text="undone").wait_for()
        assert path.read_text(encoding="utf-8") == before

        page.goto(address.split("?")[0] + "document/topics/vertrouwen?state=outdated")
        outdated = page.locator("article.entry.outdated")
        assert outdated.locator(".diff del").all_inner_texts() == ["goede"]
        assert outdated.locator(".diff ins").all_inner_texts() == ["veilige"]

        page.goto(address.split("?")[0] + f"document/{FRICTIE}")
        assert page.evaluate("() => window.pwned") is None  # nothing hostile ran
        page.goto(address.split("?")[0] + f"preview/{FRICTIE}")
        assert page.evaluate("() => window.pwned") is None
    msgfmt_check(path)


@browser_test
def test_the_suggestions_come_where_she_is_first_as_text_and_move_nothing(browser: object, tmp_path: Path) -> None:
    """The page shows without the memory's suggestions and then asks for them: first for the entry she is in and the
    next to review (where Ctrl+Enter and Alt+↓ take her), then for those in sight. A suggestion that appears above the
    box she types in does not move it; a hostile English stays text."""
    site = workspace_site(tmp_path)
    twin = "Ik wil je uitnodigen om daar anders naar te kijken. Frictie is niet het probleem. Frictie is energie."
    source = site.root / "source_nl/blog/frictie-als-brandstof.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + twin + "\n", encoding="utf-8")  # the last entry
    extract(site)
    path = site.catalog_path(FRICTIE)
    po = polib.pofile(str(path), wrapwidth=0)
    next(e for e in po if e.msgstr == HOSTILE_ENGLISH).flags = []  # approved: the memory offers it to the twin
    po.save(str(path))
    waiting = [msgid for (_, msgid), (text, fuzzy, _, _) in entries(path).items() if fuzzy or not text]
    asked: list[list[str]] = []
    held: list[object] = []

    def answer(route: object) -> None:  # held until she is in the last entry
        asked.append([e["source"] for e in route.request.post_data_json["entries"]])  # type: ignore[attr-defined]
        held.append(route) if holding else route.continue_()  # type: ignore[attr-defined]

    with running(site) as address, chromium(browser) as page, watched(page):
        holding = True
        page.route("**/api/suggestions", answer)
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/?token=" + address.split("token=")[1])
        page.wait_for_load_state()
        box = entry(page, twin).locator(".box")
        box.click()
        assert page.locator("ul.suggestions li").count() == 0 and entry(page, IEDER).is_visible()  # above her, in sight
        top = box.evaluate("box => box.getBoundingClientRect().top")
        holding = False
        for route in held:
            route.continue_()  # type: ignore[attr-defined]
        entry(page, IEDER).locator(".suggestions li").wait_for()
        assert entry(page, IEDER).locator(".similarity").inner_text() == "93%"
        assert abs(box.evaluate("box => box.getBoundingClientRect().top") - top) < 1 and box.evaluate("box => box === document.activeElement")
        assert asked[0] == [waiting[0]]  # on opening: where Alt+↓ goes
        assert asked[1][:2] == [twin, waiting[1]], (asked, waiting[:3])  # then hers, and the next to review (the first was asked already)
        assert entry(page, twin).locator(".suggested").inner_text() == HOSTILE_ENGLISH
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "workspace-suggestions.png"))
        assert page.evaluate("() => window.pwned") is None


@browser_test
def test_a_change_on_disk_while_the_page_is_open_is_shown_and_neither_version_is_lost(browser: object, tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with running(site) as address, chromium(browser) as page:
        page.goto(address.split("?")[0] + f"document/{FRICTIE}?state=draft&token=" + address.split("token=")[1])
        po = polib.pofile(str(path), wrapwidth=0)  # Poedit saves the file meanwhile
        next(e for e in po if e.msgid.startswith(DRAFT)).msgstr = "Poedit's version."
        po.save(str(path))
        on_disk = path.read_bytes()
        entry(page, "Ik wil je uitnodigen").locator(".box").focus()
        page.keyboard.press("Alt+ArrowDown")  # to the next entry to review
        draft = entry(page, DRAFT)
        assert draft.locator(".box").evaluate("box => box === document.activeElement")
        page.keyboard.press("Control+a")
        page.keyboard.type("My version.")
        page.keyboard.press("Control+s")
        page.wait_for_selector("article.entry.conflict")
        assert "changed on disk meanwhile" in page.locator("#message").inner_text()
        assert path.read_bytes() == on_disk  # the file's version kept…
        assert entry(page, DRAFT).locator(".disk-text").inner_text() == "Poedit's version."  # …and shown
        assert entry(page, DRAFT).locator(".box").input_value() == "My version."  # hers kept in the box
        entry(page, DRAFT).locator(".box").press("Control+s")  # she has seen both: her save now goes through
        page.wait_for_selector("#message.saved")
    assert entries(path)[(None, next(k[1] for k in entries(path) if k[1].startswith(DRAFT)))][0] == "My version."
    msgfmt_check(path)


@browser_test
def test_the_static_page_filters_marks_changed_words_and_terms_and_runs_no_hostile_text(browser: object, tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    out = site.root / "build/review/index.html"
    write_review(site, out)
    with chromium(browser) as page:
        page.goto(out.as_uri())
        rows = page.locator("section.document tr[data-state]")
        assert rows.count() == 181
        page.check("#state-draft")  # no script: a radio button and CSS
        visible = [row for row in rows.all() if row.is_visible()]
        assert len(visible) == 2 and all(row.get_attribute("data-state") == "draft" for row in visible)
        page.check("#check-glossary")
        visible = [row for row in rows.all() if row.is_visible()]
        assert len(visible) == 1 and "Daarom noem ik frictie" in visible[0].inner_text()
        term = visible[0].locator("mark.term.missing")
        assert term.inner_text() == "De functie van frictie"
        assert term.get_attribute("data-required") == "stays Dutch"  # shown after the term (CSS ::after), in red: the English lacks it
        assert term.evaluate("element => getComputedStyle(element, '::after').color") == "rgb(198, 40, 40)"
        page.check("#state-outdated")
        page.check("#check-any")
        outdated = page.locator("tr.outdated:visible")
        assert outdated.locator(".diff del").all_inner_texts() == ["goede"] and outdated.locator(".diff ins").all_inner_texts() == ["veilige"]
        assert page.locator("text=window.pwned='script'").count() >= 1  # shown as text
        assert page.evaluate("() => window.pwned") is None


def test_needs_work_and_the_previews(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    before = path.read_text(encoding="utf-8")
    twin = "Frictie is een bron van energie voor elk team."
    response = client(site).post("/api/save", json={**seen(site, twin), "fuzzy": True})  # Ctrl+U on an approved entry
    assert_only_change(path, before, twin, fuzzy=True)
    with site_lock(site, "extract"):  # the lock is held per save only: extract runs between saves
        pass
    html = client(site).post("/api/check", json={**seen(site, DRAFT), "text": "Friction as *fuel*, <b>bold</b>."}).json()["html"]
    assert "<p>Friction as <em>fuel</em>, &lt;b&gt;bold&lt;/b&gt;.</p>" in html  # the site's renderer; raw HTML stays text
    page = client(site).get(f"/preview/{FRICTIE}").text
    assert "<h2>Wat frictie je vertelt</h2>" in page and "<p>Frictie is een bron van energie voor elk team.</p>" in page  # fuzzy: the Dutch
    assert response.status_code == 200


@pytest.mark.parametrize(("layout", "source", "said"), [
    ("hugo-by-filename", "content/blog/post.md", "its shortcodes ({{&lt; … &gt;}}, {{% … %}}) stand here as written, Hugo renders them."),
    ("jekyll", "_posts/2019-03-14-post.md", "its Liquid tags ({% … %}, {{ … }}) stand here as written, Jekyll renders them."),
])
def test_the_english_preview_of_a_hugo_or_jekyll_site_says_what_it_cannot_show(tmp_path: Path, layout: str, source: str, said: str) -> None:
    (tmp_path / "pipeline.yaml").write_text(f"layout: {layout}\n", encoding="utf-8")
    (tmp_path / source).parent.mkdir(parents=True)
    (tmp_path / source).write_text("---\ntitle: Een bericht\n---\n\nTekst.\n\n{{< figure src=\"foto.png\" >}}\n\n{% include kaart.html %}\n", encoding="utf-8")
    site = Site.open(tmp_path)
    extract(site)
    document_id = site.document_id(tmp_path / source)
    page = client(site).get(f"/preview/{document_id}").text
    assert f"The English of {document_id} as the workspace renders its Markdown: approved entries, the Dutch where none is approved yet." in page
    assert said in page and "<p>{{&lt; figure src=&quot;foto.png&quot; &gt;}}</p>" in page  # the shortcode shown as written, and said to be
    assert "as the site would build it now" not in page
    plain = client(workspace_site(tmp_path / "plain")).get(f"/preview/{FRICTIE}").text
    assert "as the site would build it now" in plain and "renders them" not in plain  # the plain layout: the site's own renderer


def test_a_request_that_is_not_the_pages_is_one_line(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    response = client(site).post("/api/save", content=b"{not json")
    assert response.status_code == 422 and response.json() == {"error": "/api/save: not a request of the workspace page — reload the page"}
    missing = client(site).get("/document/blog/nope")
    assert missing.status_code == 422 and missing.text == "blog/nope: no such document — pick one from the list"


def test_saving_what_is_already_there_changes_no_byte(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    before = path.read_bytes()
    for source in (DRAFT, "Frictie is een bron van energie voor elk team.", "Ik wil je uitnodigen"):
        assert client(site).post("/api/save", json=seen(site, source)).status_code == 200
    assert path.read_bytes() == before


def test_the_memory_reads_again_only_what_changed_and_knows_a_fresh_approval(tmp_path: Path) -> None:
    from publish_pipeline.workspace.entries import Workspace

    site = workspace_site(tmp_path)
    workspace = Workspace(site)
    first = workspace.memory()
    assert workspace.memory() is first  # nothing changed: nothing read, nothing made
    assert not any(source.startswith(DRAFT) for source in first)
    assert client(site).post("/api/save", json={**seen(site, DRAFT), "text": FIXED, "fuzzy": False}).status_code == 200
    assert workspace.memory()[next(s for s in workspace.memory() if s.startswith(DRAFT))].text == FIXED
    glossary = workspace.glossary
    assert workspace.glossary is glossary
    (site.root / "translations/glossary.yaml").write_text("terms:\n  frictie: friction\n", encoding="utf-8")
    assert list(workspace.glossary.terms) == ["frictie"]  # checks follow a glossary edited while the workspace runs


def test_the_next_session_parses_only_the_po_files_that_changed_and_knows_them_by_their_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What each PO file gave the memory is kept in .cache/ under the digest of its bytes: a file changed between
    sessions is read again even where its size and time were put back as they were; a damaged cache is not used."""
    from publish_pipeline.workspace import remembered
    from publish_pipeline.workspace.entries import Workspace

    site = workspace_site(tmp_path)
    first = list(Workspace(site).memory().items())
    parsed: list[Path] = []
    read = remembered.read_catalog
    monkeypatch.setattr(remembered, "read_catalog", lambda path, location: parsed.append(path) or read(path, location))
    assert list(Workspace(site).memory().items()) == first and parsed == []
    path = site.catalog_path(FRICTIE)
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Friction is a source of energy for every team.", "Friction is a source of fervor for every team."), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    changed = Workspace(site).memory()
    assert parsed == [path] and changed["Frictie is een bron van energie voor elk team."].text == "Friction is a source of fervor for every team."
    assert [source for source, _ in changed.items()] == [source for source, _ in first]
    cache = site.root / remembered.MEMORY_CACHE
    kept = json.loads(cache.read_text(encoding="utf-8"))
    damaged = [site.catalog_path(FRICTIE), site.catalog_path(LOYALTY), site.catalog_path("topics/vertrouwen")]
    kept["files"][site.relative(damaged[0])][1] = [["een", 2]]
    kept["files"][site.relative(damaged[1])][1] = [["one"]]
    kept["files"][site.relative(damaged[2])][2] = ["Vertrouwen", 3]  # its title (the documents list's)
    cache.write_text(json.dumps(kept), encoding="utf-8")
    parsed.clear()
    assert Workspace(site).memory() == changed and parsed == damaged
    cache.write_text(json.dumps({**kept, "version": "another"}), encoding="utf-8")  # made by other code
    parsed.clear()
    assert Workspace(site).memory() == changed and len(parsed) == len(site.catalog_paths())


def test_any_english_she_types_is_saved_as_typed_and_msgfmt_accepts_the_file(tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    typed = 'She said "friction"\\ is\tfuel.\nA second line — with ünïcödé, a tab, a backslash \\n and the end.'
    before = path.read_text(encoding="utf-8")
    assert client(site).post("/api/save", json={**seen(site, DRAFT), "text": typed}).status_code == 200
    assert_only_change(path, before, DRAFT, text=typed)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab \n.,", max_size=30), st.text(alphabet="ab \n.,", max_size=30))
def test_the_word_diff_holds_both_texts(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.change != "added") == old
    assert "".join(p.text for p in pieces if p.change != "removed") == new


@contextmanager
def watched(page: object) -> Iterator[list[str]]:
    """Every console error and uncaught script error of ``page`` (a CSP violation is one) while the block runs;
    the block ends by asserting there was none."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"console: {message.text} {message.location}") if message.type == "error" else None)  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))  # type: ignore[attr-defined]
    yield errors
    assert errors == []


SETTLED = "publish_pipeline test: every earlier console line is in"


def settled(page: object) -> None:
    """Wait until ``page`` has judged the English the browser kept (its answer from /api/kept, or nothing to ask: the
    page sets ``data-kept`` on its body) and every console line it wrote before has reached this process (Chromium
    sends them in order: a line of ours, written now, comes after them). Then an absence (no ``#gone``, no console
    error) is checked, not merely not seen yet."""
    page.locator("body[data-kept]").wait_for(state="attached")  # type: ignore[attr-defined]
    with page.expect_console_message(lambda message: message.text == SETTLED):  # type: ignore[attr-defined]
        page.evaluate("line => console.debug(line)", SETTLED)  # type: ignore[attr-defined]


@browser_test
def test_every_page_loads_without_a_console_error_and_the_bars_show_the_progress(browser: object, tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        home = address.split("?")[0]
        documents = page.locator("#documents tr[data-document]")
        ids = [row.get_attribute("data-document") for row in documents.all()]
        assert len(ids) == 5
        for row in documents.all():
            approved = int(row.locator(".approved-count").inner_text())
            width = row.locator(".bar .approved").bounding_box()["width"]
            assert (width > 0) == (approved > 0), (row.get_attribute("data-document"), approved, width)
        whole = page.locator("#site-progress").bounding_box()["width"]
        assert 0 < page.locator("#site-progress .approved").bounding_box()["width"] < whole
        for document_id in ids:
            page.goto(f"{home}document/{document_id}")
            page.goto(f"{home}preview/{document_id}")
        settled(page)  # a late report of the last page (its requests once loaded) still counts


def short_document(site: Site) -> str:
    """A document of three entries (title, slug, a paragraph), each a machine draft; its id."""
    (site.root / "source_nl/blog/kort.md").write_text("---\ntitle: Kort bericht\ndate: 2026-11-30\n---\n\nEen korte alinea.\n", encoding="utf-8")
    extract(site)
    path = site.catalog_path("blog/kort")
    po = polib.pofile(str(path), wrapwidth=0)
    for draft, english in zip(po, ("short-post", "Short post", "A short paragraph.")):
        draft.msgstr, draft.flags = english, ["fuzzy"]
    po.save(str(path))
    return "blog/kort"


@browser_test
def test_the_counts_follow_every_approval_on_the_document_and_on_the_documents_list(browser: object, tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    short = short_document(site)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        follow(page, f"a[href='/document/{short}/']")  # its script (deferred) listens for the keys: a key pressed before is lost
        header = page.locator("#document-state")
        assert "approved: 0 · needs review: 3" in header.inner_text() and "held back" in header.inner_text()
        page.locator("article.entry .box").first.focus()
        for approved in (1, 2, 3):
            page.keyboard.press("Control+Enter")
            page.wait_for_function(f"() => document.querySelectorAll('article.entry[data-state=approved]').length === {approved}")
            assert f"approved: {approved} · needs review: {3 - approved} ·" in header.inner_text()
        assert header.locator(".english-state").get_attribute("data-live") == "current"
        page.go_back()  # the documents list, as it is now
        row = page.locator(f"#documents tr[data-document='{short}']")
        assert row.locator(".approved-count").inner_text() == "3" and row.locator(".draft-count").inner_text() == "0"
        assert row.locator(".english-state").get_attribute("data-live") == "current"
        assert row.locator(".bar").get_attribute("aria-label") == "100% approved"


@browser_test
def test_what_a_save_says_is_in_sight_far_down_a_long_document(browser: object, tmp_path: Path) -> None:
    """The line that asks before an error is approved (and says "saved") stays at the top of the window: at the
    top of the page, it was out of sight of an entry she had scrolled to."""
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.set_viewport_size({"width": 1300, "height": 500})
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/?token=" + address.split("token=")[1])
        page.wait_for_load_state()
        draft = entry(page, DRAFT)
        draft.locator(".box").press("Control+Enter")
        message = page.locator("#message", has_text="this entry has an error (markup.links: ")
        message.wait_for()
        assert page.evaluate("document.getElementById('page').scrollTop") > page.evaluate("document.getElementById('entries').offsetTop")  # scrolled past it
        top, bottom = page.evaluate("(() => { const box = document.getElementById('message').getBoundingClientRect(); return [box.top, box.bottom]; })()")
        assert 0 <= top and bottom <= 500


@browser_test
def test_alt_down_on_a_page_just_opened_goes_to_the_first_entry_to_review(browser: object, tmp_path: Path) -> None:
    """No entry has the focus when the page opens: Alt+↓ takes her to the first that needs her, Alt+↑ to the last."""
    site = workspace_site(tmp_path)
    waiting = [msgid for (_, msgid), (text, fuzzy, _, _) in entries(site.catalog_path(FRICTIE)).items() if fuzzy or not text]
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/?token=" + address.split("token=")[1])
        page.wait_for_load_state()  # its script (deferred) listens for the keys
        focused = "() => document.activeElement.closest('article')?.querySelector('.dutch .text').textContent"
        page.keyboard.press("Alt+ArrowDown")
        assert page.evaluate(focused) == waiting[0]
        page.locator("h1").click()  # out of the entries again
        page.keyboard.press("Alt+ArrowUp")
        assert page.evaluate(focused) == waiting[-1]


@browser_test
def test_the_keyboard_goes_on_after_a_button_and_what_is_said_moves_no_box(browser: object, tmp_path: Path) -> None:
    """The trial in Chromium: a two-line message at the top moved the box she typed in down, and stayed there (over
    the entries) once she had gone on; after "use" (or Save, or "ignore here") the focus was gone, so Ctrl+Enter and
    Alt+↓ did nothing; Ctrl+S and Ctrl+U scrolled her entry to the middle of the window."""
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        home = address.split("?")[0]
        page.goto(f"{home}document/{FRICTIE}/?state=draft&token=" + address.split("token=")[1])
        page.wait_for_load_state()
        box = entry(page, DRAFT).locator(".box")
        top = lambda: box.evaluate("box => box.getBoundingClientRect().top")
        box.focus()
        before = top()
        page.keyboard.press("Control+Enter")  # an error: a message of two lines
        message = page.locator("#message", has_text="this entry has an error")
        message.wait_for()
        assert message.bounding_box()["height"] > 40 and abs(top() - before) < 1
        page.keyboard.press("Alt+ArrowDown")  # on to the next entry: the message was of the one she left
        page.wait_for_function("() => document.getElementById('message').textContent === ''")
        page.keyboard.press("Control+s")
        page.locator("#message.saved").wait_for()
        assert page.evaluate("() => document.activeElement.closest('article')?.textContent.includes('uitnodigen')")
        page.goto(f"{home}document/{FRICTIE}/?q=ieder")
        twin = entry(page, IEDER)
        twin.locator("button.use").click()
        page.locator("#message.saved").wait_for()
        page.keyboard.press("Control+Enter")  # the focus stayed in the entry: approved with the keyboard
        page.wait_for_function("() => document.querySelectorAll('article.entry[data-state=approved]').length === 1")
        assert entries(site.catalog_path(FRICTIE))[(None, IEDER)][:2] == ("Friction is a source of energy for every team.", False)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "workspace-used-and-approved.png"))


@browser_test
def test_the_last_entry_approved_anyway_says_the_documents_english_is_held_back(browser: object, tmp_path: Path) -> None:
    """A trial: after "approve anyway" on the last entry to review, the line turned green, "no more entries to review
    here", while the entry's error held the document's English back."""
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address.split("?")[0] + f"document/{FRICTIE}?q=Daarom+noem+ik&token=" + address.split("token=")[1])
        box = entry(page, DRAFT).locator(".box")
        box.press("Control+Enter")
        page.locator("#message", has_text="this entry has an error").wait_for()
        box.press("Control+Enter")  # anyway
        message = page.locator("#message.error", has_text="no more entries to review here, but a check error holds this document's English back")
        message.wait_for()


@browser_test
def test_approving_an_entry_with_an_error_takes_a_second_ctrl_enter(browser: object, tmp_path: Path) -> None:
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    before = path.read_bytes()
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address.split("?")[0] + f"document/{FRICTIE}?state=draft&token=" + address.split("token=")[1])
        draft = entry(page, DRAFT)
        box, button = draft.locator(".box"), draft.locator("button.approve")
        box.press("Control+Enter")
        page.locator("#message", has_text="this entry has an error (markup.links: ").wait_for()
        assert "Ctrl+Enter (or Approve) again to approve it anyway" in page.locator("#message").inner_text()
        assert path.read_bytes() == before and draft.get_attribute("data-state") == "draft"
        assert button.inner_text() == "Approve anyway" and box.evaluate("box => box === document.activeElement")
        box.press("End")
        box.type(" 100")  # another English: asked anew
        assert button.inner_text() == "Approve"
        box.press("Control+Enter")
        draft.locator(".problem[data-check='numbers.100']").wait_for()  # the problems of what she typed, though the check had no time to run
        draft.locator("button.approve", has_text="Approve anyway").wait_for()  # the live check may show them before the save answers
        assert path.read_bytes() == before
        box.press("Control+Enter")  # deliberately: approved, and on to the next entry
        page.locator("#message", has_text="saved").wait_for()
        page.wait_for_function("() => document.activeElement.closest('article')?.textContent.includes('uitnodigen')")
        assert entry(page, DRAFT).get_attribute("data-state") == "approved"
        assert entries(path)[(None, seen(site, DRAFT)["source"])][:2] == ("That is why I call friction a *source of energy*. 100", False)
        twin = entry(page.goto(address.split("?")[0] + f"document/{FRICTIE}?q=ieder") and page, "voor ieder team")
        twin.locator(".box").fill("Friction is a source of energy for every every team.")
        twin.locator(".problem.warning[data-check='doubled']").wait_for()
        twin.locator(".box").press("Control+Enter")  # a warning: approved at once
        page.locator("#message", has_text="saved").wait_for()
        assert entry(page, "voor ieder team").get_attribute("data-state") == "approved"


@browser_test
@pytest.mark.parametrize("layout", list(GENERATOR_SITES))
def test_the_english_preview_shows_the_images_of_a_page_bundle_and_of_jekylls_assets(browser: object, tmp_path: Path, layout: str) -> None:
    """In Chromium, as the translator opens them from the document's page (an entry's preview, then the page's):
    the image is loaded, nothing fails."""
    site, document_id = generator_site(tmp_path, layout)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address)
        follow(page, f"a[href='/document/{document_id}/']")
        draft = entry(page, "Zie ")
        draft.locator("details.preview summary").click()
        loaded = "image => image.complete && [image.naturalWidth, image.naturalHeight]"
        page.wait_for_function(f"() => ({loaded})(document.querySelector('details.preview[open] img'))")
        assert draft.locator("details.preview img").evaluate(loaded) == [3, 2]
        page.goto(page.locator("#page-preview").evaluate("link => link.href"))
        page.wait_for_function("() => document.querySelectorAll('main img').length == 2 && [...document.querySelectorAll('main img')].every(image => image.complete)")
        assert page.locator("main img").evaluate_all(f"images => images.map({loaded})") == [[3, 2], [3, 2]]


def test_a_template_error_offers_no_ignore_here_which_would_silence_nothing(tmp_path: Path) -> None:
    """The week-long trial: "ignore here" stood beside a template error, which no comment silences (README): clicking it
    said "saved", wrote '# ignore: template' into the PO file, and the error stayed. It is offered where a comment
    silences the check only."""
    site = Site.open(copy_site("demo", tmp_path))
    document = "topics/vertrouwen"
    path = site.catalog_path(document)
    po = polib.pofile(str(path), wrapwidth=0)
    tagged = next(entry for entry in po if entry.msgctxt is None and entry.msgstr and "\n" not in entry.msgid)
    tagged.msgstr = tagged.msgstr + ' {{< figuur src="/x.png" >}} 7 times'  # a tag the Dutch has not, and a number
    po.save(str(path))
    page = client(site).get(f"/document/{document}?check=template").text
    assert 'data-check="template"' in page and 'class="silence" data-check="template"' not in page, page
    assert re.search(r'class="silence" data-check="(?!template)', page), re.findall(r"data-check=\"[^\"]+\"", page)  # a check a comment does silence keeps it


def test_a_translation_that_changes_the_pages_structure_is_said_at_its_entry(tmp_path: Path) -> None:
    """The trial: check found two structure errors, the document's header said "2 check errors: run check", and
    neither entry showed one (nor could the filter find them): what is found of the document as a whole stands at
    the entry it is about, on the page and after a save, and the filter finds it."""
    site = Site.open(copy_site("demo", tmp_path))
    document = "topics/vertrouwen"
    path = site.catalog_path(document)
    po = polib.pofile(str(path), wrapwidth=0)
    broken = next(entry for entry in po if entry.msgctxt is None and " " in entry.msgid and "\n" not in entry.msgid and len(entry.msgid) > 60)
    for entry in po:
        entry.msgstr = entry.msgstr or (f"{entry.msgid}-en" if entry.msgctxt == "slug" else entry.msgid)
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.tcomment = "ignore: unchanged, dutch"
    words = broken.msgid.split(" ")
    broken.msgstr = " ".join(words[:3]) + "\n\n" + " ".join(words[3:])
    po.save(str(path))
    page = client(site).get(f"/document/{document}?check=structure").text
    assert page.count('<article class="entry') == 1, page
    assert 'data-check="structure"' in page and "<option selected>structure</option>" in page
    assert 'class="silence" data-check="structure"' not in page  # no comment silences it: the page would break
    body = {"document": document, "context": None, "source": broken.msgid, "seen": {"text": broken.msgstr, "fuzzy": False, "note": broken.tcomment},
            "text": broken.msgstr, "note": broken.tcomment + " "}
    saved = client(site).post("/api/save", json=body)
    assert saved.status_code == 200, saved.text
    assert 'data-check="structure"' in saved.json()["html"]


def committed_demo(tmp_path: Path, message: str = "the demo") -> tuple[Site, Callable[..., None]]:
    """The demo site in a git repository of its own, committed; and git, run in it."""
    site = Site.open(copy_site("demo", tmp_path))

    def git(*arguments: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *arguments], cwd=site.root, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", message)
    return site, git


def test_the_documents_list_says_uncommitted_as_status_does(tmp_path: Path) -> None:
    """The trial: status said 'uncommitted' of an approval not committed yet, the workspace's list 'live'."""
    site, git = committed_demo(tmp_path)
    assert "uncommitted: live once committed" not in client(site).get("/").text
    path = site.catalog_path("blog/loyaliteit-is-geen-blinde-trouw")
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # live, and no longer as committed
    assert "uncommitted: live once committed and pushed" in client(site).get("/").text
    header = client(site).get("/document/blog/loyaliteit-is-geen-blinde-trouw").text
    assert '<span class="english-state" data-live="current">uncommitted: live once committed and pushed</span>' in header  # not "live"
    assert "uncommitted: live once committed" not in client(site).get("/document/topics/vertrouwen").text
    saved = client(site).post("/api/save", json={**seen(site, HEADING, TRUST), "text": "What is trust, then?"}).json()["header"]
    assert ">uncommitted: live once committed and pushed</span>" in saved  # her approval, not committed yet


TRUST = "topics/vertrouwen"
HEADING = "Wat is vertrouwen?"


@pytest.mark.parametrize(("text", "said"), [
    ("What is\ntrust?", "error: structure: the translation changes the structure of the page: it has a line break, and a heading is one line"),
    ("What is trust?\n", "error: msgfmt: the translation ends with a line break"),
])
def test_approving_an_english_that_breaks_the_document_asks_first(tmp_path: Path, text: str, said: str) -> None:
    """The trial: an approved heading edited to two lines (or to end in a line break) was written approved at one
    Ctrl+Enter, and the check said nothing as she typed: what is found of the document as a whole (its structure,
    msgfmt) was judged only after the save."""
    site = Site.open(copy_site("demo", tmp_path))
    path = site.catalog_path(TRUST)
    before = path.read_bytes()
    checked = client(site).post("/api/check", json={**seen(site, HEADING, TRUST), "text": text}).json()["html"]
    assert said in checked
    asked = client(site).post("/api/save", json={**seen(site, HEADING, TRUST), "text": text})
    assert asked.json()["confirm"].startswith("this entry has an error (") and path.read_bytes() == before
    assert said in asked.json()["html"]
    fine = client(site).post("/api/check", json={**seen(site, HEADING, TRUST), "text": "What is trust, then?"}).json()["html"]
    assert 'class="problem error' not in fine


def test_an_approval_is_judged_aside_in_a_folder_of_its_own_and_nothing_in_the_site_is_followed_or_left(tmp_path: Path) -> None:
    """The review: a save was judged from its text written to ``.cache/publish_pipeline/workspace-judged.po``, through a
    link there (a cloned repository can hold one: a file outside the site overwritten), shared by two servers of one
    site (one save judged with the other's text), and left behind. Links planted at that path and at ``.cache`` and
    ``.cache/publish_pipeline`` themselves lead nowhere is written; a save leaves nothing in the site's ``.cache``."""
    site = Site.open(copy_site("demo", tmp_path / "site"))
    outside = tmp_path / "outside"
    (outside / "cache").mkdir(parents=True)
    (outside / "judged.po").write_text("hers\n", encoding="utf-8")
    cache = site.root / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    (cache / "publish_pipeline").mkdir(parents=True)
    (cache / "publish_pipeline/workspace-judged.po").symlink_to(outside / "judged.po")
    (cache / "publish_pipeline/publish_pipeline").symlink_to(outside / "cache", target_is_directory=True)
    (cache / "elsewhere").symlink_to(outside / "cache", target_is_directory=True)
    workspace = client(site)
    assert workspace.get(f"/document/{TRUST}/").status_code == 200
    planted = sorted(str(path.relative_to(cache)) for path in cache.rglob("*"))
    asked = workspace.post("/api/save", json={**seen(site, HEADING, TRUST), "text": "What is trust?\n"})
    assert asked.json()["confirm"].startswith("this entry has an error (msgfmt: ")  # judged: msgfmt read the text aside
    saved = workspace.post("/api/save", json={**seen(site, HEADING, TRUST), "text": "What is trust, then?"})
    assert saved.status_code == 200 and "confirm" not in saved.json(), saved.text
    assert entries(site.catalog_path(TRUST))[(None, HEADING)][:2] == ("What is trust, then?", False)
    assert (outside / "judged.po").read_text(encoding="utf-8") == "hers\n" and not any((outside / "cache").iterdir())
    assert sorted(str(path.relative_to(cache)) for path in cache.rglob("*")) == sorted([*planted, "publish_pipeline/lock"])  # the site lock's file, and no other


@browser_test
@pytest.mark.parametrize("failures", [1, 2])
def test_a_failed_request_for_suggestions_is_asked_again_and_then_said_quietly_where_they_would_stand(browser: object, tmp_path: Path, failures: int) -> None:
    """The trials: one request for suggestions that got no answer (the network) left the page asking none again until
    a reload, and its message stood over the entries, in red, for what only helps. A request that fails is asked once
    more at once; failed again, the entries it was for say so quietly where their suggestions would stand, and ask
    again when she comes back to them."""
    site = workspace_site(tmp_path)
    failed: list[object] = []
    answering = [False]

    def answer(route: object) -> None:  # the first request (or every one until she moves on) gets no answer at all
        route.continue_() if answering[0] or len(failed) == failures == 1 else failed.append(route) or route.abort()  # type: ignore[attr-defined]

    with running(site) as address, chromium(browser) as page, watched(page) as errors:
        page.route("**/api/suggestions", answer)
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/?state=draft&token=" + address.split("token=")[1])
        page.wait_for_load_state()
        first = page.locator("article.entry").first
        first.locator(".box").focus()
        if failures == 1:  # asked again at once: they come, and nothing is said
            first.locator("ul.suggestions:not([data-pending])").wait_for(state="attached")
        else:
            quiet = first.locator("ul.suggestions[data-pending] li.unavailable")
            quiet.wait_for()
            assert quiet.inner_text().startswith("No suggestions from the memory: the workspace did not answer")
            assert quiet.inner_text().endswith("Asked again when you come back to this entry.")
            while len(failed) % 2:  # a request for the entry she focused may be under way (focused after the first pair failed)
                page.wait_for_event("requestfailed")  # its second failure: each request is asked twice
            answering[0] = True
            page.keyboard.press("Alt+ArrowDown")  # on to the next entry, and back: the memory is asked again
            page.keyboard.press("Alt+ArrowUp")
            first.locator("ul.suggestions:not([data-pending])").wait_for(state="attached")
        assert page.locator("#message").inner_text() == ""
        aborted = "console: Failed to load resource: net::ERR_FAILED {'url': '" + address.split("?")[0] + "api/suggestions'"
        errors[:] = [error for error in errors if not error.startswith(aborted)]  # Chromium's own line of each request aborted here; the page's script says none


@browser_test
def test_a_refused_request_for_suggestions_is_not_asked_again_at_once(browser: object, tmp_path: Path) -> None:
    """A request the server refuses (a 4xx: it would refuse it again) is not asked once more, as one that failed is
    (the next is answered here): the entries it was for say why quietly, at once."""
    site = workspace_site(tmp_path)
    asked: list[object] = []

    def refuse_the_first(route: object) -> None:  # and hold every later one: asked again at once, the first would wait for it
        asked.append(route)
        if len(asked) == 1:
            route.fulfill(status=422, content_type="application/json", body='{"error": "not a request of the workspace page — reload the page"}')  # type: ignore[attr-defined]

    with running(site) as address, chromium(browser) as page, watched(page) as errors:
        page.route("**/api/suggestions", refuse_the_first)
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/?state=draft&token=" + address.split("token=")[1])
        page.wait_for_load_state()
        quiet = page.locator("article.entry").first.locator("ul.suggestions[data-pending] li.unavailable")
        # it stays said: a later request (the entries coming into sight may ask for it again, on a loaded machine after
        # the refusal) is held unanswered, so no suggestions take the line's place before it is seen
        quiet.filter(has_text="No suggestions from the memory: not a request of the workspace page").wait_for()
        refused = "console: Failed to load resource: the server responded with a status of 422"
        errors[:] = [error for error in errors if not error.startswith(refused)]


SAFARI_CLICKS = """document.addEventListener("mousedown", (event) => {
  if (event.target.closest && event.target.closest("button")) { event.preventDefault(); document.activeElement.blur(); }
}, true);"""
"""A click on a button as Safari and Firefox on a Mac make it: the button is not focused, and what was is no longer."""


@browser_test
def test_the_keyboard_goes_on_after_a_button_where_a_click_focuses_no_button(browser: object, tmp_path: Path) -> None:
    """The trial on a Mac: after "use" the focus was nowhere, so Ctrl+Enter did nothing (Chromium focuses the button,
    inside her entry; Safari does not)."""
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.add_init_script(SAFARI_CLICKS)
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/?q=ieder&token=" + address.split("token=")[1])
        page.wait_for_load_state()
        twin = entry(page, IEDER)
        twin.locator(".box").click()
        twin.locator("button.use").click()
        page.locator("#message.saved").wait_for()
        assert page.evaluate("() => document.activeElement.classList.contains('box')")
        page.keyboard.press("Control+Enter")
        page.wait_for_function("() => document.querySelectorAll('article.entry[data-state=approved]').length === 1")
        assert entries(site.catalog_path(FRICTIE))[(None, IEDER)][:2] == ("Friction is a source of energy for every team.", False)


BREAKS = """code => {
  // the characters a line of the rendered text ends with (where the browser broke it)
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT), ends = [];
  let last = null, top = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let index = 0; index < node.length; index++) {
      const range = document.createRange();
      range.setStart(node, index); range.setEnd(node, index + 1);
      const now = range.getBoundingClientRect().top;
      if (top !== null && now > top + 1) ends.push(last);
      top = now; last = node.data[index];
    }
  }
  return ends;
}"""


@browser_test
def test_a_po_path_breaks_after_a_slash_or_hyphen_only_and_approved_entries_get_no_suggestions(browser: object, tmp_path: Path) -> None:
    """Seen in a screenshot: the path beside an entry broke inside a name ("blog/and / ere-post.po"); the memory's
    suggestions stood beside entries approved already (asked of her only where she edits one)."""
    site = workspace_site(tmp_path)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(address.split("?")[0] + f"document/{FRICTIE}/?q=team&token=" + address.split("token=")[1])
        page.wait_for_load_state()
        elk, ieder = entry(page, "voor elk team"), entry(page, IEDER)
        ends = elk.locator(".where code").evaluate(BREAKS)
        assert ends and set(ends) <= {"/", "-"}, ends  # it does not fit one line, and breaks between names
        elk.locator(".box").click()
        ieder.locator(".suggestions li").wait_for()  # asked with hers, the entry after it to review…
        assert elk.locator(".suggestions[data-pending]").count() == 1  # …and not of the approved one she is in
        elk.locator(".box").press("End")
        elk.locator(".box").type(" Really")  # edited: now they help
        elk.locator(".suggestions:not([data-pending])").wait_for(state="attached")
        elk.locator(".box").press("Control+s")  # saved: approved as it was, no longer unsaved work that Alt+↓ stops at
        page.locator("#message.saved", has_text="saved").wait_for()
        ieder.locator(".box").focus()
        page.keyboard.press("Alt+ArrowDown")  # the only entry to review here
        page.locator("#message", has_text="no more entries to review here").wait_for()
        elk.locator(".box").click()  # another entry: the notice was of the one she left, and no longer covers a row
        page.wait_for_function("() => document.getElementById('message').textContent === ''")


def test_ctrl_c_answers_a_request_for_suggestions_at_once_while_the_memory_is_made(tmp_path: Path) -> None:
    """The second trial: the page's request for the memory's suggestions held uvicorn's stop for as long as the memory
    was first made (seconds on a big site), as the documents list did. Here the memory is being made until the test
    says so (its lock held): the stop answers the request with its line and ends, the memory still unmade."""
    site = workspace_site(tmp_path)
    reached = threading.Event()

    class Asked(Workspace):
        def suggested(self, asked: Any) -> Any:
            reached.set()  # the request is in: it waits for the memory
            return super().suggested(asked)

    workspace = Asked(site)
    workspace._remembering.acquire()  # the memory is being made
    try:
        uvicorn_server, listener, address = server(site, 0, workspace)
        thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [listener]}, daemon=True)
        thread.start()
        port, token = listener.getsockname()[1], address.split("token=")[1]
        answered: list[tuple[int, str]] = []

        def ask() -> None:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/suggestions", data=json.dumps({"entries": [{"source": DRAFT, "text": ""}]}).encode(),
                headers={"Content-Type": "application/json", "Cookie": f"{cookie_name(port)}={token}"},
            )
            try:
                urllib.request.urlopen(request)
            except urllib.error.HTTPError as error:
                answered.append((error.code, json.loads(error.read())["error"]))

        asking = threading.Thread(target=ask, daemon=True)
        asking.start()
        assert reached.wait(60)
        uvicorn_server.should_exit = True
        thread.join(30)  # the old stop waited for the memory: for ever here
        stopped_first = not thread.is_alive()
        asking.join(30)
    finally:
        workspace._remembering.release()
    assert stopped_first
    assert answered == [(422, "workspace: stopped (Ctrl-C) — start it again (invoke workspace), then reload the page")]


@browser_test
def test_a_second_ctrl_enter_before_the_question_came_back_is_said_and_approves_nothing(browser: object, tmp_path: Path) -> None:
    """The second trial: on a loaded machine, a second Ctrl+Enter pressed before the first one's "approve anyway?"
    came back was dropped without a word, and felt like a lost key. Now the page says at once that it waits, and
    beside the question that it did nothing: the English with an error she has not been shown is not approved."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    before = path.read_bytes()
    held: list[object] = []
    with running(site) as address, chromium(browser) as page, watched(page):
        page.route("**/api/save", lambda route: route.continue_() if held else held.append(route))  # the first answer held, as a loaded machine's is
        page.goto(address.split("?")[0] + f"document/{FRICTIE}?state=draft&token=" + address.split("token=")[1])
        draft = entry(page, DRAFT)
        box = draft.locator(".box")
        with page.expect_request("**/api/save"):
            box.press("Control+Enter")
        box.press("Control+Enter")  # before the question came back
        page.locator("#message", has_text="waiting for the answer to the save before").wait_for()
        held[0].continue_()  # type: ignore[attr-defined]
        message = page.locator("#message", has_text="your next key, pressed before this answer came, did nothing")
        message.wait_for()
        assert message.inner_text().startswith("this entry has an error (markup.links: "), message.inner_text()
        assert len(held) == 1 and path.read_bytes() == before and draft.get_attribute("data-state") == "draft"
        box.press("Control+Enter")  # now, having read it: approved anyway
        page.locator("#message", has_text="saved").wait_for()
        assert entries(path)[(None, seen(site, DRAFT)["source"])][1] is False
