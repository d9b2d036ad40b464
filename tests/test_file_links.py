"""A Dutch page's relative links to files (images, PDFs) lead to the same files from its English page.

The English page sits elsewhere (``/en/…``, at its translated slug), so a link written relative to the Dutch
page (``foto.jpg``, ``../files/x.pdf``) would lead to another address there: ``publish`` and ``export`` make it
absolute, except a page bundle's own files, which lie beside the English page too. Judged as a browser does:
each link of the built page resolved from that page's address, to a file of the built site.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlparse

import polib
import pytest

from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.export import export
from publish_pipeline.output.publishing import publish
from publish_pipeline.site import Site
from test_hugo import LAYOUT, build, hugo_config

POST = "---\ntitle: Mijn post\n---\n\nEen foto: ![foto](foto.jpg)\n\nEen [pdf](../files/x.pdf) en [nog een](/files/x.pdf).\n"
BUNDLE = "---\ntitle: Bundel\n---\n\nEen ![beeld](beeld.png) uit de bundel en [een plaatje](plaatje.png).\n"
STATIC = {"blog/post/foto.jpg": b"foto", "blog/files/x.pdf": b"pdf beside the posts", "files/x.pdf": b"pdf", "blog/bundel/plaatje.png": b"plaatje"}
"""``static/``: what the Dutch pages' links lead to (a post that is no bundle has its image here)."""


def make_site(root: Path, folder: str, settings: str) -> Site:
    """A post that is no bundle and a page bundle, both linking files relatively; every entry approved."""
    (root / folder / "blog/bundel").mkdir(parents=True)
    (root / "pipeline.yaml").write_text(settings, encoding="utf-8")
    (root / folder / "blog/post.md").write_text(POST, encoding="utf-8")
    (root / folder / "blog/bundel/index.md").write_text(BUNDLE, encoding="utf-8")
    (root / folder / "blog/bundel/beeld.png").write_bytes(b"beeld")
    for name, data in STATIC.items():
        (root / "static" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "static" / name).write_bytes(data)
    site = Site.open(root)
    extract(site)
    approve_every_entry(site)
    return site


def approve_every_entry(site: Site, english: Callable[[str], str] = lambda dutch: dutch.replace("Een", "A"), *, but: str = "") -> None:
    """Every entry of every PO file approved (``but`` that document's), its slug as the Dutch's with ``-en``, its
    text the ``english`` of its Dutch (near the Dutch: the checks of that are silenced)."""
    for path in site.catalog_paths():
        if site.catalog_document_id(path) == but:
            continue
        catalog = polib.pofile(str(path), wrapwidth=0)
        for entry in catalog:
            entry.msgstr = f"{entry.msgid}-en" if entry.msgctxt == "slug" else english(entry.msgid)
            entry.tcomment = "ignore: unchanged, dutch"
        catalog.save(str(path))


def linked_files(public: Path, page: str, prefix: str = "") -> list[bytes | None]:
    """What each link of the page's content leads to that is no page: the file's bytes (None: no file there)."""
    text = (public / page / "index.html").read_text(encoding="utf-8")
    content = re.search(r"<main>(.*)</main>", text, re.DOTALL) or re.search(r"<body>(.*)</body>", text, re.DOTALL)
    assert content is not None
    found: list[bytes | None] = []
    for url in re.findall(r'(?:src|href)="([^"]+)"', content.group(1)):
        path = urlparse(urljoin(f"https://example.org{prefix}/{page}", url)).path
        if not path.endswith("/"):
            file = public / path.removeprefix(prefix + "/")
            found.append(file.read_bytes() if path.startswith(prefix + "/") and file.is_file() else None)
    return found


def test_publish_gives_the_english_page_the_files_of_the_dutch_one(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "source_nl", "base_url: https://example.org/site\n")
    report = publish(site)
    assert not [warning for warning in report.warnings if "leads to no page" in warning], report.warnings
    public = site.root / "public"
    assert linked_files(public, "blog/post/", "/site") == [b"foto", b"pdf beside the posts", b"pdf"]
    assert linked_files(public, "en/blog/post-en/", "/site") == [b"foto", b"pdf beside the posts", b"pdf"]
    assert linked_files(public, "blog/bundel/", "/site") == linked_files(public, "en/blog/bundel-en/", "/site") == [b"beeld", b"plaatje"]
    assert 'src="beeld.png"' in (public / "en/blog/bundel-en/index.html").read_text(encoding="utf-8")  # its own file, beside it


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_hugo_gives_the_exported_english_page_the_files_of_the_dutch_one(tmp_path: Path, layout: str) -> None:
    root = tmp_path / "site"
    site = make_site(root, "content/nl" if layout == "hugo-by-folder" else "content", f"layout: {layout}\n")
    (root / "config.toml").write_text(hugo_config(layout), encoding="utf-8")
    for name in ("single.html", "list.html"):
        (root / "layouts/_default").mkdir(parents=True, exist_ok=True)
        (root / "layouts/_default" / name).write_text(LAYOUT, encoding="utf-8")
    assert not export(site).errors
    public = build(root)
    assert linked_files(public, "blog/post/") == linked_files(public, "en/blog/post-en/") == [b"foto", b"pdf beside the posts", b"pdf"]
    assert linked_files(public, "blog/bundel/") == linked_files(public, "en/blog/bundel-en/") == [b"beeld", b"plaatje"]


def english_files(root: Path, folder: str) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in (root / folder).rglob("*") if path.is_file()}


def test_a_file_that_joins_the_bundle_is_linked_beside_the_english_page_as_a_cold_run_links_it(tmp_path: Path) -> None:
    """Which files are the bundle's decides how a link is written: publish and export follow a new one at once."""
    root = tmp_path / "site"
    site = make_site(root, "content/nl", "layout: hugo-by-folder\n")
    export(site)
    assert "(/blog/bundel/plaatje.png)" in (root / "content/en/blog/bundel/index.md").read_text(encoding="utf-8")
    (root / "content/nl/blog/bundel/plaatje.png").write_bytes(b"plaatje of the bundle")
    export(Site.open(root))
    warm = english_files(root, "content/en")
    assert "(plaatje.png)" in warm["content/en/blog/bundel/index.md"].decode()
    for name in warm:
        (root / name).unlink()
    (root / ".publish-pipeline-export").unlink()
    export(Site.open(root))
    assert english_files(root, "content/en") == warm

    plain = make_site(tmp_path / "plain", "source_nl", "")
    publish(plain)
    assert 'href="/blog/bundel/plaatje.png"' in (plain.root / "public/en/blog/bundel-en/index.html").read_text(encoding="utf-8")
    (plain.root / "source_nl/blog/bundel/plaatje.png").write_bytes(b"plaatje of the bundle")
    publish(Site.open(plain.root))
    warm = english_files(plain.root, "public/en")
    assert 'href="plaatje.png"' in warm["public/en/blog/bundel-en/index.html"].decode()
    publish(Site.open(plain.root), tmp_path / "cold")
    assert {name.removeprefix("public/"): data for name, data in warm.items()} == {
        name.removeprefix("cold/"): data for name, data in english_files(tmp_path, "cold/en").items()}
