"""Incremental publish: after any change, the output is byte for byte what a cold build of the same inputs makes.

Each test publishes a small corpus, changes one input, publishes again into the same
output (the manifest in ``.cache/`` lets unchanged pages be carried over) and compares
that output and report with a cold publish of a copy of the changed site.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from conftest import REPO, copy_site, keeping_dutch, snapshot
from test_outputs import tree
from publish_pipeline import tasks
from publish_pipeline.output import publishing
from publish_pipeline.plumbing import freshness, outputs
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.manifest import MANIFEST_FILE
from publish_pipeline.output.publishing import PublishReport, publish
from publish_pipeline.errors import PipelineError
from publish_pipeline.site import Site

sys.path.insert(0, str(REPO / "bench"))
from corpus import translate, write_corpus  # noqa: E402

TOPIC = """---
title: Over vertrouwen
tags: [{tags}]
---

Wat vertrouwen is, lees je in [de eerste blog](/blog/post-00001/).
"""
TOPIC_ENGLISH = {"Wat vertrouwen is, lees je in [de eerste blog](/blog/post-00001/).": "What trust is, you read in [the first blog](/blog/post-00001/)."}
"""The topic's English: the corpus's word-for-word stand-in leaves 'wat', 'lees', 'je', 'eerste', which check holds back."""


def approve(site: Site, *, but: tuple[str, ...] = ()) -> None:
    """Every entry approved with the corpus's English, except those of the documents ``but`` names."""
    for path in site.catalog_paths():
        if site.catalog_document_id(path) in but:
            continue
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr = f"{entry.msgid}-en" if entry.msgctxt == "slug" else TOPIC_ENGLISH.get(entry.msgid) or translate(entry.msgid)
            entry.flags = []
            keeping_dutch(entry)
        po.save(str(path))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24 posts (one with a link to no page), a topic page listing posts, a static file; every English
    approved but post 0's, to which most other posts link."""
    root = write_corpus(tmp_path_factory.mktemp("corpus") / "site", 24)
    post = root / "source_nl" / "blog" / "post-00002.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nZie [elders](/blog/nergens/).\n", encoding="utf-8")
    tags = next(line for line in (root / "source_nl" / "blog" / "post-00003.md").read_text().splitlines() if line.startswith("tags:"))
    (root / "source_nl" / "topics").mkdir()
    (root / "source_nl" / "topics" / "over-vertrouwen.md").write_text(TOPIC.format(tags=tags[7:-1]), encoding="utf-8")
    (root / "static").mkdir()
    (root / "static" / "about.txt").write_text("Over deze site.\n", encoding="utf-8")
    site = Site.open(root)
    extract(site)
    approve(site, but=("blog/post-00000",))
    return root


@pytest.fixture
def site(corpus: Path, tmp_path: Path) -> Site:
    return Site.open(shutil.copytree(corpus, tmp_path / "site", symlinks=True))


def cold(site: Site, tmp_path: Path) -> tuple[PublishReport, dict[str, bytes]]:
    """A publish of a copy of ``site`` with no output and no manifest."""
    root = shutil.copytree(site.root, tmp_path / "cold", symlinks=True, ignore=shutil.ignore_patterns(
        "public", Path(MANIFEST_FILE).name, Path(publishing.SPARE).name, Path(publishing.DATES).name,
    ))
    report = publish(Site.open(root))
    return report, snapshot(root / "public")


def said(report: PublishReport) -> tuple[object, ...]:
    return report.pages, report.served, report.warnings, [error.message for error in report.errors]


def inodes(site: Site) -> dict[str, int]:
    public = site.root / "public"
    return {path.relative_to(public).as_posix(): path.stat().st_ino for path in public.rglob("*") if path.is_file()}


def changed_like_cold(
    site: Site, tmp_path: Path, change: Callable[[Site], None], *, carried: bool = True,
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Publish, change, publish again: the second output and report are a cold build's (and, when
    ``carried``, pages the change does not reach are carried over). Both outputs."""
    publish(site)
    before, first = snapshot(site.root / "public"), inodes(site)
    change(site)
    site = Site.open(site.root)  # settings are read when a site is opened
    report = publish(site)
    after = snapshot(site.root / "public")
    cold_report, cold_output = cold(site, tmp_path)
    assert after == cold_output
    assert said(report) == said(cold_report)
    assert after != before, "the change must show in the site"
    assert carried == any(first.get(name) == number for name, number in inodes(site).items())
    return before, after


def differing(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def edit(site: Site, path: str, old: str, new: str) -> None:
    file = site.root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nothing_changed_keeps_the_output_as_it_is(site: Site, tmp_path: Path) -> None:
    report = publish(site)
    first = inodes(site)
    again = publish(site)
    assert inodes(site) == first  # not even carried over into a new folder: kept
    assert (report.rendered, report.kept, again.rendered, again.kept) == (len(site.source_paths()), False, 0, True)  # said in its last line
    assert any(
        warning.startswith("source_nl/blog/post-00002.md:") and "the link to /blog/nergens/ on /blog/post-00002/ and /en/blog/post-00002-en/ leads to no page or file of this site" in warning
        for warning in again.warnings
    ), again.warnings
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(again) == said(report) == said(cold_report)


def test_an_edited_body_renders_that_post_again(site: Site, tmp_path: Path) -> None:
    def rewrite_body(site: Site) -> None:
        path = "source_nl/blog/post-00005.md"
        (site.root / path).write_text((site.root / path).read_text(encoding="utf-8") + "\nEen nieuwe zin.\n", encoding="utf-8")
        extract(site)
        approve(site, but=("blog/post-00000",))

    before, after = changed_like_cold(site, tmp_path, rewrite_body)
    assert {"blog/post-00005/index.html", "en/blog/post-00005-en/index.html"} <= differing(before, after)
    rewrite_body(site)  # once more, to see what is said
    report = publish(site)
    assert report.rendered == 1 and report.why == {"changed": 1} and tasks._why_rendered(report.why) == ""


def test_an_edited_title_changes_the_homes_feeds_and_topic_page(site: Site, tmp_path: Path) -> None:
    def retitle(site: Site) -> None:
        edit(site, "source_nl/blog/post-00003.md", 'title: "', 'title: "Nieuw: ')
        extract(site)
        approve(site, but=("blog/post-00000",))

    before, after = changed_like_cold(site, tmp_path, retitle)
    assert {"index.html", "feed.xml", "en/index.html", "en/feed.xml", "topics/over-vertrouwen/index.html"} <= differing(before, after)


def test_a_newly_approved_english_page_changes_the_links_to_it(site: Site, tmp_path: Path) -> None:
    before, after = changed_like_cold(site, tmp_path, lambda site: approve(site))
    po = polib.pofile(str(site.catalog_path("blog/post-00000")), wrapwidth=0)  # what is said when its English goes again
    po[-1].flags = ["fuzzy"]
    po.save()
    report = publish(site)
    linking = report.why.get("linking", 0)
    assert report.why == {"changed": 1, "linking": linking} and linking > 1 and report.rendered == 1 + linking
    assert tasks._why_rendered(report.why) == f" (1 changed, {linking} link to or list a changed page)"  # said in its last line
    assert b'href="/en/blog/post-00000-en/"' in after["en/blog/post-00001-en/index.html"]
    linking = {name for name, content in before.items() if name.startswith("en/") and b'href="/blog/post-00000/"' in content}
    assert linking and linking <= differing(before, after)


def test_a_changed_template_of_the_site(site: Site, tmp_path: Path) -> None:
    def own_template(site: Site) -> None:
        (site.root / "templates").mkdir()
        shipped = (REPO / "src" / "publish_pipeline" / "output" / "templates" / "page.html.j2").read_text(encoding="utf-8")
        (site.root / "templates" / "page.html.j2").write_text(shipped.replace("<article", "<article data-own"), encoding="utf-8")

    changed_like_cold(site, tmp_path, own_template, carried=False)


def test_a_changed_setting(site: Site, tmp_path: Path) -> None:
    changed_like_cold(site, tmp_path, lambda site: edit(site, "pipeline.yaml", "project: bench", "project: bench\nsite_name: Anders"), carried=False)


def test_a_changed_static_file(site: Site, tmp_path: Path) -> None:
    def restyle(site: Site) -> None:
        (site.root / "static" / "about.txt").write_text("Over deze site, opnieuw.\n", encoding="utf-8")

    before, after = changed_like_cold(site, tmp_path, restyle)
    assert differing(before, after) == {"about.txt"}
    (site.root / "static" / "about.txt").write_text("Over deze site, nog eens.\n", encoding="utf-8")
    again = publish(site)
    assert (again.rendered, again.kept) == (0, False)  # a build, with no page rendered again


def test_a_static_file_changed_in_place_with_its_old_size_and_time_is_copied_again(site: Site, tmp_path: Path) -> None:
    """``touch -r`` puts the old modification time back (as some copy tools do); the change time still moves."""
    static = site.root / "static" / "about.txt"

    def replace_in_place(site: Site) -> None:
        old = static.stat()
        static.write_text(static.read_text(encoding="utf-8").upper(), encoding="utf-8")
        os.utime(static, ns=(old.st_atime_ns, old.st_mtime_ns))
        assert (static.stat().st_size, static.stat().st_mtime_ns, static.stat().st_ino) == (old.st_size, old.st_mtime_ns, old.st_ino)

    before, after = changed_like_cold(site, tmp_path, replace_in_place)
    assert differing(before, after) == {"about.txt"}


def test_a_page_changed_by_hand_in_the_output_is_made_again(site: Site, tmp_path: Path) -> None:
    publish(site)
    first = inodes(site)
    edit(site, "public/en/blog/post-00004-en/index.html", "<article", "<article data-by-hand")
    report = publish(site)
    assert report.why == {"edited": 1} and tasks._why_rendered(report.why) == " (1 changed in the output)"
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)
    assert any(first[name] == number for name, number in inodes(site).items())  # the others were carried over


@pytest.mark.parametrize("damage", [b"{not json", b'{"out": 3}', b"", b"\xe9\x03\x00\x00\x00", None])
def test_a_damaged_manifest_only_costs_time(site: Site, tmp_path: Path, damage: bytes | None) -> None:
    """Bytes of no format, another format's, a marshalled number, and the manifest cut short (``None``)."""
    publish(site)
    manifest = (site.root / MANIFEST_FILE).read_bytes()
    (site.root / MANIFEST_FILE).write_bytes(manifest[: len(manifest) // 2] if damage is None else damage)
    edit(site, "public/blog/post-00004/index.html", "<article", "<article data-by-hand")
    report = publish(site)
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)


def test_an_unwritable_manifest_only_costs_time(site: Site, tmp_path: Path) -> None:
    (site.root / MANIFEST_FILE).mkdir(parents=True)  # a folder where the file should be: it can be neither read nor written
    publish(site)
    report = publish(site)
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)


def test_new_code_renders_every_page_again(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the code writes is keyed by ``build_id``: a new version's pages are never the old one's."""

    def new_code(site: Site) -> None:
        monkeypatch.setitem(publishing.WORDS["en"], "switch", "Dutch")
        monkeypatch.setattr(publishing, "build_id", lambda: "0.0.0+other")

    before, after = changed_like_cold(site, tmp_path, new_code, carried=False)
    assert all(name in differing(before, after) for name in after if name.startswith("en/blog/"))


def test_another_version_of_a_rendering_library_renders_every_page_again(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages are keyed by the versions of Jinja2, markdown-it-py and Babel, as their metadata folders name them
    (read without ``importlib.metadata``, 20 ms to import)."""
    monkeypatch.setattr(publishing, "libraries", lambda: [["/lib/markdown_it_py-9.0.0.dist-info", 0]])
    assert publish(site).rendered == len(site.source_paths())


def test_serial_and_parallel_builds_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_corpus(tmp_path / "site", 100)
    site = Site.open(root)
    extract(site)
    approve(site, but=("blog/post-00007",))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parallel = publish(site)
    assert len(os.listdir(root / "public" / "blog")) == 100
    shared = snapshot(root / "public")
    monkeypatch.setattr(publishing, "PARALLEL_FROM", 10**9)
    (root / MANIFEST_FILE).unlink()
    serial = publish(site)
    assert snapshot(root / "public") == shared and said(serial) == said(parallel)


def test_the_whole_site_files_are_shared_out_with_the_pages_and_render_the_same_from_a_pickle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The homes, feeds and sitemap were rendered by the command alone after the pages, while the other core waited;
    they are work for every process now, and reach a worker that is not forked (no fork on the system) pickled."""
    root = write_corpus(tmp_path / "site", 70)
    site = Site.open(root)
    extract(site)
    approve(site)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    publish(site)
    forked = snapshot(root / "public")
    shared: list[list[object]] = []

    def pickled(function: Callable[[list[object]], list[object]], items: list[object], *, threshold: int) -> list[object]:
        shared.append(items)
        function, items = pickle.loads(pickle.dumps((function, items)))
        return function(items)

    monkeypatch.setattr(publishing, "share_out", pickled)
    (root / MANIFEST_FILE).unlink()
    publish(site)
    wholes = [item[0] for item in shared[0] if isinstance(item, tuple)]
    assert set(wholes) == {"index.html", "feed.xml", "en/index.html", "en/feed.xml", "sitemap.xml", "robots.txt", "404.html", "style.css"}
    assert snapshot(root / "public") == forked


def test_the_demo_site_incrementally_is_the_demo_site_cold(tmp_path: Path) -> None:
    site = Site.open(copy_site("demo", tmp_path))
    publish(site)
    edit(site, "source_nl/topics/vertrouwen.md", "title: Vertrouwen", "title: Vertrouwen!")
    report = publish(site)
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)


def test_a_changed_file_of_a_page_bundle(site: Site, tmp_path: Path) -> None:
    bundle = site.root / "source_nl" / "blog" / "post-00006"
    bundle.mkdir()
    (site.root / "source_nl" / "blog" / "post-00006.md").rename(bundle / "index.md")
    (bundle / "schema.txt").write_text("eerste versie\n", encoding="utf-8")

    def redraw(site: Site) -> None:
        (bundle / "schema.txt").write_text("tweede versie\n", encoding="utf-8")

    before, after = changed_like_cold(site, tmp_path, redraw)
    assert differing(before, after) == {"blog/post-00006/schema.txt", "en/blog/post-00006-en/schema.txt"}


def test_a_po_file_edited_with_its_size_and_modification_time_kept(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The digests of sources and PO files are kept by their status (``freshness.file_digests``): an edit
    that keeps the size and puts the modification time back still shows, by its change time."""
    monkeypatch.setattr(freshness, "RACY_NS", 0)  # every file old enough to be judged by its status alone

    def same_size(site: Site) -> None:
        path = site.catalog_path("blog/post-00004")
        times = os.stat(path)
        text = path.read_text(encoding="utf-8")
        start = text.index('msgstr "', text.index("msgctxt") if "msgctxt" in text else 0)
        start = text.index('msgstr "', start + 1) + len('msgstr "')
        path.write_text(text[:start] + text[start:].replace(text[start], "X" if text[start] != "X" else "Y", 1), encoding="utf-8")
        assert os.stat(path).st_size == times.st_size
        os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))

    before, after = changed_like_cold(site, tmp_path, same_size)
    assert "en/blog/post-00004-en/index.html" in differing(before, after)


def test_the_next_site_is_built_in_the_one_before(site: Site, tmp_path: Path) -> None:
    """Deleting the old site and making every folder of the new one cost more than the pages that changed:
    the old site is kept beside the output and the next build starts from it, as a cold build would end."""
    spare = site.root / publishing.SPARE
    publish(site)
    first = (site.root / "public").stat().st_ino
    edit(site, "static/about.txt", "Over", "Iets over")
    publish(site)
    assert spare.stat().st_ino == first and (spare / "about.txt").read_text(encoding="utf-8") == "Over deze site.\n"
    (site.root / "static" / "about.txt").unlink()
    (site.root / "source_nl" / "blog" / "post-00009.md").unlink()  # its pages go; the spare still has them
    public = site.root / "public"
    before = {name: os.stat(public / name) for name in inodes(site)}
    report = publish(site)
    assert public.stat().st_ino == first, "built in the site before last"
    carried = [name for name, number in inodes(site).items() if name in before and before[name].st_ino == number]
    assert carried and all(os.stat(public / name).st_ctime_ns == before[name].st_ctime_ns for name in carried), "found, not linked again"
    cold_report, cold_output = cold(site, tmp_path)
    assert tree(site.root / "public") == tree(tmp_path / "cold" / "public") and said(report) == said(cold_report)


def linking(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files this process hard-links (into the folder being built), from now on."""
    linked: list[str] = []
    link = os.link

    def counted(source: str, target: str, **options: object) -> None:
        linked.append(target)
        link(source, target, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", counted)
    return linked


def test_the_first_build_after_a_cold_one_starts_from_a_copy_of_the_site(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no site before the current one to build in, one is made of the current site's own files (by ``cp -al``
    beside the assessment): the build links none of them itself, and ends as a cold build does."""
    publish(site)
    first = (site.root / "public").stat().st_ino
    edit(site, "static/about.txt", "Over", "Iets over")
    linked = linking(monkeypatch)
    report = publish(site)
    assert linked == [] and report.rendered == 0, "every page found in the copy"
    assert (site.root / publishing.SPARE).stat().st_ino == first, "the site before is the next spare"
    cold_report, cold_output = cold(site, tmp_path)
    assert tree(site.root / "public") == tree(tmp_path / "cold" / "public") and said(report) == said(cold_report)


@pytest.mark.parametrize("cp", [None, "/bin/false"], ids=["no cp", "a copy cut short"])
def test_without_a_copy_the_build_starts_from_what_there_is(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cp: str | None) -> None:
    """Without ``cp``, or when it stops at once (the spare then holds only its marker), the carried-over files are
    linked into the folder being built, and the site ends as a cold build's."""
    publish(site)
    edit(site, "static/about.txt", "Over", "Iets over")
    monkeypatch.setattr(outputs.shutil, "which", lambda name: cp)
    linked = linking(monkeypatch)
    report = publish(site)
    assert len(linked) == len(inodes(site)) - 2, "every file but static/about.txt and the marker linked"
    cold_report, cold_output = cold(site, tmp_path)
    assert tree(site.root / "public") == tree(tmp_path / "cold" / "public") and said(report) == said(cold_report)


def test_nothing_left_in_the_spare_reaches_the_site(site: Site, tmp_path: Path) -> None:
    """The spare is no one's but publish's: whatever is in it (a file the site does not have, a page changed
    in place, a link out of the site, a folder where a file goes) is removed or replaced."""
    publish(site)
    edit(site, "static/about.txt", "Over", "Iets over")
    publish(site)
    spare = site.root / publishing.SPARE
    (spare / "extra.html").write_text("not of this site", encoding="utf-8")
    (spare / "blog" / "nergens").mkdir()
    (spare / "blog" / "nergens" / "index.html").write_text("a page that is not there", encoding="utf-8")
    page = spare / "en" / "blog" / "post-00004-en" / "index.html"
    page.unlink()
    page.write_text("changed by hand", encoding="utf-8")  # a file of its own, not the current site's
    shutil.rmtree(spare / "blog" / "post-00005")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "index.html").write_text("not the site's", encoding="utf-8")
    (spare / "blog" / "post-00005").symlink_to(tmp_path / "outside")
    (spare / "feed.xml").unlink()
    (spare / "feed.xml").symlink_to(tmp_path / "outside" / "index.html")
    shutil.rmtree(spare / "blog" / "post-00006")
    (spare / "blog" / "post-00006").write_text("a file where a folder goes", encoding="utf-8")
    (spare / "robots.txt").unlink()
    (spare / "robots.txt").mkdir()
    (spare / "empty").mkdir()
    edit(site, "static/about.txt", "Iets over", "Nog iets over")
    report = publish(site)
    assert (tmp_path / "outside" / "index.html").read_text(encoding="utf-8") == "not the site's"
    cold_report, cold_output = cold(site, tmp_path)
    assert tree(site.root / "public") == tree(tmp_path / "cold" / "public") and said(report) == said(cold_report)


def test_a_static_folder_where_the_spare_has_a_file(site: Site, tmp_path: Path) -> None:
    """Copying static/ into the spare fails where a file has a folder's name: the build starts from nothing,
    and says what a cold build says."""
    publish(site)
    edit(site, "static/about.txt", "Over", "Iets over")
    publish(site)
    (site.root / "static" / "robots.txt").mkdir()
    (site.root / "static" / "robots.txt" / "a.txt").write_text("a folder\n", encoding="utf-8")
    with pytest.raises(PipelineError) as incremental:
        publish(site)
    root = shutil.copytree(site.root, tmp_path / "cold", symlinks=True, ignore=shutil.ignore_patterns(
        "public", Path(MANIFEST_FILE).name, Path(publishing.SPARE).name, Path(publishing.DATES).name,
    ))
    with pytest.raises(PipelineError) as cold_build:
        publish(Site.open(root))
    assert incremental.value.message.replace(str(site.root), "") == cold_build.value.message.replace(str(root), "")


def test_the_served_site_is_never_written_while_the_next_is_built(site: Site, tmp_path: Path) -> None:
    """The spare's files are hard links to the served site's: a file of static/ copied over one (here a page
    the site's own file takes the place of) is written as a new file, never into the shared one."""
    publish(site)
    edit(site, "static/about.txt", "Over", "Iets over")
    publish(site)
    served = tree(site.root / "public")
    (site.root / "static" / "blog" / "post-00001").mkdir(parents=True)
    (site.root / "static" / "blog" / "post-00001" / "index.html").write_text("the site's own page\n", encoding="utf-8")
    report = publish(site)
    assert tree(site.root / publishing.SPARE) == served, "the site served until the swap is as it was"
    cold_report, cold_output = cold(site, tmp_path)
    assert tree(site.root / "public") == tree(tmp_path / "cold" / "public") and said(report) == said(cold_report)


def test_a_publish_with_nothing_changed_loads_no_template_engine(tmp_path: Path) -> None:
    """Jinja and Babel are loaded when there is something to render: a no-op publish is mostly start-up."""
    root = copy_site("demo", tmp_path)
    program = "import sys; from publish_pipeline import __main__\n"
    program += "sys.argv = ['publish-pipeline', 'publish', '--root', sys.argv[1]]; __main__.main()\n"
    program += "print(sorted(name for name in ('jinja2', 'babel.dates') if name in sys.modules))\n"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    first = subprocess.run([sys.executable, "-c", program, str(root)], env=env, capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", program, str(root)], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.splitlines()[-1] == "['babel.dates', 'jinja2']"
    assert "nothing changed on the site since the last publish" in again.stdout and again.stdout.splitlines()[-1] == "[]"


def test_a_date_is_written_by_babel_once(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page rendered again with a date an earlier build wrote takes it from the cache: Babel (and its locale
    data) is not asked; the output is a cold build's, which has no cache and asks Babel for every date."""
    publish(site)
    edit(site, "source_nl/blog/post-00005.md", "\n\n", "\n\nEen nieuwe alinea.\n\n")
    asked: list[object] = []
    real = publishing._date
    monkeypatch.setattr(publishing, "_date", lambda date, language: asked.append(date) or real(date, language))
    report = publish(site)
    assert report.rendered and asked == []
    monkeypatch.setattr(publishing, "_date", real)
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)


@pytest.mark.parametrize("cache", ["another build's", "damaged", "not a table"])
def test_a_dates_cache_of_another_build_or_damaged_is_not_used(site: Site, tmp_path: Path, cache: str) -> None:
    publish(site)
    path = site.root / publishing.DATES
    dates = json.loads(path.read_text(encoding="utf-8"))
    assert dates["dates"] and all(isinstance(text, str) and text for text in dates["dates"].values())
    path.write_text({
        "another build's": json.dumps({"inputs": "another build", "dates": {key: "WRONG" for key in dates["dates"]}}),
        "damaged": json.dumps(dates)[:-20],
        "not a table": json.dumps({"inputs": dates["inputs"], "dates": ["WRONG"]}),
    }[cache], encoding="utf-8")
    (site.root / MANIFEST_FILE).unlink()  # every page rendered again
    report = publish(site)
    assert report.rendered == len(site.source_paths())
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)
    assert b"WRONG" not in b"".join(cold_output.values())


def test_a_folder_named_like_the_spare_that_is_not_ours_is_left_alone(site: Site, tmp_path: Path) -> None:
    theirs = site.root / publishing.SPARE
    theirs.mkdir(parents=True)
    (theirs / "keep.txt").write_text("mine", encoding="utf-8")
    publish(site)
    edit(site, "static/about.txt", "Over", "Iets over")
    report = publish(site)
    assert [path.name for path in theirs.iterdir()] == ["keep.txt"]
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)


def test_a_changed_glossary(site: Site, tmp_path: Path) -> None:
    """The glossary is part of every verdict: a term the English does not use holds that English back."""

    def glossary(site: Site) -> None:
        (site.root / "translations" / "glossary.yaml").write_text("terms:\n  vertrouwen: fiduciary confidence\n", encoding="utf-8")

    before, after = changed_like_cold(site, tmp_path, glossary)
    assert any(name.startswith("en/blog/") and name not in after for name in before), "some English is held back"


def test_a_changed_slug_of_a_linked_page(site: Site, tmp_path: Path) -> None:
    """Post 1, to which the topic page links, gets another English slug: its page and the links to it change."""

    def reslug(site: Site) -> None:
        path = site.catalog_path("blog/post-00001")
        po = polib.pofile(str(path), wrapwidth=0)
        next(entry for entry in po if entry.msgctxt == "slug").msgstr = "the-first-post"
        po.save(str(path))

    before, after = changed_like_cold(site, tmp_path, reslug)
    assert {"en/blog/post-00001-en/index.html", "en/topics/over-vertrouwen-en/index.html"} <= differing(before, after)


def english_body_edit(site: Site) -> None:
    """The last entry of post 4's English (a sentence of its body, not its title or summary) says more."""
    po = polib.pofile(str(site.catalog_path("blog/post-00004")), wrapwidth=0)
    po[-1].msgstr += " Indeed."
    po.save()


AGGREGATES = ("index.html", "feed.xml", "sitemap.xml", "en/index.html", "en/feed.xml")


def test_an_edit_of_a_body_alone_leaves_the_homes_feeds_and_sitemap(site: Site, tmp_path: Path) -> None:
    """The homes, feeds and sitemap show each page's title, summary, date and address, not its text."""
    publish(site)
    first = inodes(site)
    english_body_edit(site)
    report = publish(site)
    assert all(inodes(site)[name] == first[name] for name in AGGREGATES), "carried over"
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)


def test_a_sites_own_home_showing_the_text_is_made_again_when_the_text_changes(site: Site, tmp_path: Path) -> None:
    (site.root / "templates").mkdir()
    shipped = (REPO / "src" / "publish_pipeline" / "output" / "templates" / "home.html.j2").read_text(encoding="utf-8")
    assert "{{ item.page.title }}" in shipped
    (site.root / "templates" / "home.html.j2").write_text(shipped.replace("{{ item.page.title }}", "{{ item.page.title }} {{ item.page.body[-40:] }}"), encoding="utf-8")
    before, after = changed_like_cold(site, tmp_path, english_body_edit)
    assert "en/index.html" in differing(before, after)


def test_a_sites_own_page_showing_a_field_of_the_source_is_made_again_when_it_changes(site: Site, tmp_path: Path) -> None:
    """A page's key covers its whole source document (not only the fields the page model reads): a site's
    own template may show any of it."""
    (site.root / "templates").mkdir()
    shipped = (REPO / "src" / "publish_pipeline" / "output" / "templates" / "page.html.j2").read_text(encoding="utf-8")
    (site.root / "templates" / "page.html.j2").write_text(shipped.replace("{{ body | safe }}", "{{ body | safe }}{{ page.source.front_matter.get('mood', '') }}"), encoding="utf-8")
    edit(site, "source_nl/blog/post-00006.md", "tags:", "mood: blij\ntags:")
    before, after = changed_like_cold(site, tmp_path, lambda site: edit(site, "source_nl/blog/post-00006.md", "mood: blij", "mood: boos"))
    assert {"blog/post-00006/index.html", "en/blog/post-00006-en/index.html"} <= differing(before, after)


def carried_and_like_cold(site: Site, tmp_path: Path, change: Callable[[Site], None]) -> set[str]:
    """Publish, change, publish again (like a cold build): which of the homes, feeds and sitemap were carried over."""
    publish(site)
    first = inodes(site)
    change(site)
    report = publish(site)
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)
    return {name for name in AGGREGATES if inodes(site).get(name) == first[name]}


def test_an_edited_english_title_makes_only_the_english_home_and_feed_again(site: Site, tmp_path: Path) -> None:
    """Each of the homes, feeds and sitemap is kept by what it shows: an English title is on the English home
    and feed alone."""

    def retitle(site: Site) -> None:
        po = polib.pofile(str(site.catalog_path("blog/post-00004")), wrapwidth=0)
        next(entry for entry in po if entry.msgctxt == "title").msgstr += " edited"
        po.save()

    assert carried_and_like_cold(site, tmp_path, retitle) == {"index.html", "feed.xml", "sitemap.xml"}


def test_an_english_page_held_back_leaves_the_dutch_home_and_feed(site: Site, tmp_path: Path) -> None:
    """The Dutch home and feed do not show which Dutch pages have English: they stay when one goes."""

    def hold_back(site: Site) -> None:
        po = polib.pofile(str(site.catalog_path("blog/post-00004")), wrapwidth=0)
        po[-1].flags = ["fuzzy"]
        po.save()

    assert carried_and_like_cold(site, tmp_path, hold_back) == {"index.html", "feed.xml"}


def test_an_english_page_taken_off_the_site_is_said_once(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An approval never committed served the English; the Dutch changed, so nothing approved is left: the page
    goes, and publish says so that once (the counts alone would not tell which page went, or why). The new Dutch is
    of words the corpus's English knows (its word-for-word English of others, "A nieuwe zin.", is Dutch left beyond
    doubt: an error that would keep the page off for another reason)."""
    assert publish(site).withdrawn == ()
    path = site.root / "source_nl/blog/post-00005.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEen keuze met moed.\n", encoding="utf-8")
    extract(site)
    report = publish(site)
    assert report.withdrawn == ("blog/post-00005",)
    assert "blog/post-00005" not in report.served and not (site.root / "public/en/blog/post-00005-en").exists()
    tasks._publish(site, "")
    assert "its English page is off the site" not in capsys.readouterr().out  # said once: it was not there before this run
    approve(site, but=("blog/post-00000",))
    assert publish(site).withdrawn == ()
    path.write_text(path.read_text(encoding="utf-8") + "\nNog een gesprek.\n", encoding="utf-8")
    extract(site)
    tasks._publish(site, "")
    assert "blog/post-00005: its English page is off the site from now on: 1 entry untranslated" in capsys.readouterr().out


def test_a_publish_that_fails_again_does_not_say_nothing_changed(tmp_path: Path) -> None:
    """A broken document keeps publish failing: the second run, whose pages all stay, says so without 'nothing
    changed' (the broken document did change; exit 1 says the rest)."""
    root = copy_site("demo", tmp_path)
    (root / "source_nl" / "blog" / "kapot.md").write_text("---\ntitle: [kapot\n---\nTekst\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "publish_pipeline", "publish", "--root", str(root)]
    first = subprocess.run(command, env=env, capture_output=True, text=True)
    again = subprocess.run(command, env=env, capture_output=True, text=True)
    assert (first.returncode, again.returncode) == (1, 1)
    assert "source_nl/blog/kapot.md:2: front matter:" in again.stderr and "Traceback" not in again.stderr
    assert "nothing changed" not in again.stdout and "no document's pages rendered again" in again.stdout


def test_an_edited_post_lists_the_sources_once_and_hashes_each_text_once(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The assessment lists the Dutch documents; the live English needs them only to place a document that
    cannot be read (there is none). A Dutch page's text is its source's: it is hashed once, with the source."""
    publish(site)
    edit(site, "source_nl/blog/post-00005.md", " ", " bewerkt ")
    listed, hashed = [], []
    real_listing, real_digest = Site.source_paths, publishing._text_digest
    monkeypatch.setattr(Site, "source_paths", lambda self: listed.append(1) or real_listing(self))
    monkeypatch.setattr(publishing, "_text_digest", lambda *texts: hashed.append(texts) or real_digest(*texts))
    report = publish(Site.open(site.root))
    assert len(listed) == 1
    assert len(hashed) == sum(report.pages.values()) - report.pages["nl"] + len(site.source_paths()), "each source, each English page"


def reword(site: Site, document: str) -> None:
    """The translator rewords the first approved entry of a document (its title: its pages, homes and feeds)."""
    po = polib.pofile(str(site.catalog_path(document)), wrapwidth=0)
    entry = next(entry for entry in po if entry.msgctxt != "slug" and entry.msgstr)
    entry.msgstr = "Edited " + entry.msgstr
    po.save(str(site.catalog_path(document)))


def test_each_template_is_compiled_once(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja keeps the templates compiled in .cache/: the next publish compiles none; a damaged or foreign file
    there only costs time."""
    from jinja2 import Environment

    publish(site)
    compiled: list[str] = []
    real = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, source, name=None, *rest, **options: compiled.append(name) or real(self, source, name, *rest, **options))
    reword(site, "blog/post-00003")
    assert publish(Site.open(site.root)).rendered
    assert compiled == []
    folder = site.root / publishing.COMPILED
    for path in folder.iterdir():
        path.write_bytes(path.read_bytes()[:40] + b"damaged")
    (folder / "other.0.0.1.cache").write_bytes(b"another version's")
    reword(site, "blog/post-00004")
    report = publish(Site.open(site.root))
    assert compiled and not (folder / "other.0.0.1.cache").exists()
    cold_report, cold_output = cold(site, tmp_path)
    assert snapshot(site.root / "public") == cold_output and said(report) == said(cold_report)


def test_publish_removes_the_manifest_an_earlier_version_kept_as_json(tmp_path: Path) -> None:
    """The manifest was .cache/publish_pipeline/published.json before it was kept in marshal's format; nothing reads
    that file any more, so the first publish of the new version removes it (the caches that are read stay)."""
    from test_tasks import run

    root = copy_site("basic", tmp_path)
    retired = root / ".cache/publish_pipeline/published.json"
    retired.parent.mkdir(parents=True)
    retired.write_text('{"version": 1, "parts": {}}', encoding="utf-8")
    result = run("publish_pipeline", "publish", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert not retired.exists() and (root / MANIFEST_FILE).is_file()
