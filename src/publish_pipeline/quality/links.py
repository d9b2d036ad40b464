"""The Dutch pages' links that lead to no page: a link to a Markdown file with no page (there is none where it is
looked for, it was renamed, it is a draft, it cannot be read), a link to an address of the site with no page or file
there (``/blog/weg/``, ``../weg/``, ``foto.jpg``), and an Obsidian ``[[wiki-link]]``, which Markdown shows as text.
``check`` judges them from the links the assessment kept with each verdict (``DocumentStatus.links``: only a changed
document is read again), ``publish`` from the pages it renders; both judge an address with ``missing``, say why a
Markdown file has no page with ``no_page``, and word it with ``broken_link`` or ``no_file``, at the file and line
the author wrote it."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import PurePosixPath
from urllib.parse import urlparse

from ..config import own_address
from ..errors import PipelineError
from ..text.document import read_in_site
from ..text.links import (
    behind, dutch_places, linked_document, linked_source, names_markdown_file, page_urls, path_in_site, resolved, url_path,
)
from ..site import GENERATED_FILES, Site, dutch_path
from .live import drafted, renames
from .status import DocumentStatus, SiteStatus


@dataclass(frozen=True)
class LinkWarning:
    """A link that leads to no page, where it is written (``file``, a path of the site; ``line``: 0 when not known)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


def link_warnings(
    site: Site, status: SiteStatus, *, wiki_only: bool = False, dutch_page: Callable[[DocumentStatus], str | None] | None = None,
) -> list[LinkWarning]:
    """Each link of a Dutch page (of ``status``'s documents, not drafts) that leads to no page, located and worded as
    publish words it; with ``wiki_only`` (publish, which finds the others in the pages it renders) only the
    ``[[wiki-links]]``. Links to addresses (not to Markdown files) only on publish's own site: Hugo and Jekyll make
    pages the pipeline does not know (a section's list, a tag's, the feed, the pages of a list). ``dutch_page``: the
    address of a document's Dutch page where the generator's differs from ``site.dutch_path`` (``link_map.dutch_pages``),
    where a link is said to be."""
    linking = [document for document in status.documents if document.links]  # most documents: none
    if not linking:
        return []
    drafts = frozenset(document.document_id for document in status.documents if drafted(document))
    files = _SiteFiles(site, status, drafts)
    moved = cache(lambda: dict(renames(site).values()))  # git asked once, and only for a link that leads nowhere
    prefix = urlparse(site.config.base_url).path.rstrip("/")
    nowhere = cache(partial(missing, base=own_address(site.config), prefix=prefix, names=files))  # pages link the same pages
    warnings = []
    for document in linking:
        if document.document_id in drafts:
            continue
        page = (dutch_page and dutch_page(document)) or dutch_path(document.document_id)
        addresses = []
        for written, line in sorted(document.links):  # as publish says a page's: by link
            if written.startswith("[["):
                warnings.append(LinkWarning(document.source or "", line, f"{written} is not a link in Markdown, so the page shows it as "
                                                                          f"text — write {_as_markdown(written)}"))
            elif wiki_only:
                continue
            elif names_markdown_file(written):
                warnings.extend(_leads_nowhere(site, document, page, written, line, prefix, files.is_page, drafts, moved))
            elif not site.writes_in_place:
                addresses.append(written)
        warnings.extend(_addresses_nowhere(site, document, page, addresses, prefix, nowhere))
    return warnings


def _as_markdown(wiki: str) -> str:
    """An Obsidian link as the Markdown link that means it: ``[[x]]`` → ``[x](x.md)``, ``[[x|tekst]]`` → ``[tekst](x.md)``."""
    target, _, label = wiki[2:-2].partition("|")
    target = target.strip()
    return f"[{label.strip() or target}]({target.replace(' ', '%20')}.md)"


def _leads_nowhere(
    site: Site, document: DocumentStatus, dutch: str, href: str, line: int, prefix: str, is_page: Callable[[str], bool],
    drafts: frozenset[str], moved: Callable[[], dict[str, str]],
) -> Iterator[LinkWarning]:
    """The warning for ``href``, a link of ``document``'s Dutch page (at ``dutch``) to a Markdown file, when it leads
    to no page."""
    file = document.source or ""
    written = url_path(href)
    path = path_in_site(written, prefix)
    if linked_document(site, path, file, dutch, is_page) is not None:
        return
    why = no_page(site, drafts, moved, file, dutch, href if not href.startswith("/") else path)
    yield LinkWarning(file, line, broken_link(href, _pages_of(document, dutch), why))


def _pages_of(document: DocumentStatus, dutch: str) -> str:
    """The pages a link of ``document``'s Dutch page (at ``dutch``) is on: the English page has the Dutch page's links."""
    english = document.english_url.path if document.publishable and document.english_url else None
    return f"{dutch} and {english}" if english else dutch


def _addresses_nowhere(
    site: Site, document: DocumentStatus, page: str, candidates: list[str], prefix: str, nowhere: Callable[[str], str | None],
) -> list[LinkWarning]:
    """The warnings for the links of ``document``'s page (at ``page``) to addresses of the site (``candidates``: what
    may be one, as the assessment found them, ``text.links.written_links``) that lead to no page or file (``nowhere``:
    ``missing`` of the site's files). Only where one of them may (it is not plainly a page or file's address) is the
    document read, and its page's very links judged."""
    if not any(not PLAIN_ADDRESS.fullmatch(url) or nowhere(resolved(url, page)) for url in candidates):
        return []
    try:
        source = read_in_site(site, document.source or "", document.document_id)
    except (OSError, PipelineError):
        return []  # status says why it cannot be read
    warnings = []
    for href, line in sorted(page_urls(source)):
        if not names_markdown_file(href) and (path := nowhere(resolved(href, page))):
            warnings.append(LinkWarning(document.source or "", line, no_file(path, _pages_of(document, page), prefix)))
    return warnings


PLAIN_ADDRESS = re.compile(r"[\w./~#?=+:-]*", re.ASCII)
"""An address as written that is its URL on the page (no escape, entity, or character a parse encodes): one that
leads to a page or file is not looked at again."""


@dataclass
class _SiteFiles:
    """The files publish writes (by their names in the site), as the verdicts know them: the pages of the documents
    (their Dutch and their current English), and, asked for only when a link leads to none of those, the files made of
    the whole site, the pages' bundle files and the site's ``static/``."""

    site: Site
    status: SiteStatus
    drafts: frozenset[str]
    pages: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.pages = {page_file(path) for _, path in self._pages()}

    def _pages(self) -> Iterator[tuple[DocumentStatus, str]]:
        for document in self.status.documents:
            if document.document_id not in self.drafts:
                yield document, dutch_path(document.document_id)
                if document.publishable and document.english_url and document.english_url.path:  # "": its address not known
                    yield document, document.english_url.path

    def is_page(self, document_id: str) -> bool:
        return page_file(dutch_path(document_id)) in self.pages

    def __contains__(self, name: str) -> bool:
        return name in self.pages or name in self._others

    @cached_property
    def _others(self) -> set[str]:
        target = self.site.config.target_language
        names = {*GENERATED_FILES, f"{target}/index.html", f"{target}/feed.xml"}
        static = self.site.root / "static"
        if static.is_dir():
            names.update(path.relative_to(static).as_posix() for path in static.rglob("*") if path.is_file())
        for document, path in self._pages():
            source = self.site.root / (document.source or "")
            names.update(f"{path.strip('/')}/{file.relative_to(source.parent).as_posix()}" for file in self.site.bundle_files(source))
        return names


def broken_link(href: str, on: str, why: str) -> str:
    """What is wrong with a link to a Markdown file that leads to no page (``on``: the pages it is on)."""
    return f"the link {href} on {on} leads to no page: {why}"


EARLIER = "it is in the English approved earlier, served while its update waits, which nobody edits: review and approve the update (invoke workspace), and its English links as the Dutch does now"
"""What to do of a link that leads nowhere in an earlier approved English (``Page.older``): not correct it, approve the update."""


def no_file(path: str, on: str, prefix: str, earlier: bool = False) -> str:
    """What is wrong with a link to an address of the site (``path``, as ``missing`` says it) that leads to no page or
    file (``on``: the pages it is on; ``prefix``: base_url's own path), and what to do (``EARLIER`` where it is in
    an ``earlier`` approved English)."""
    fix = EARLIER if earlier else f"correct the link, or add what it leads to ({_static_place(path, prefix)})"
    return f"the link to {path} on {on} leads to no page or file of this site — {fix}"


def missing(href: str, base: str, prefix: str, names: Container[str]) -> str | None:
    """The path a link inside the site (``base``: base_url; ``prefix``: its own path) leads to when none of the files
    ``names`` holds (by their names in the site) is there; else None (and for a link elsewhere)."""
    path = href[len(base):] if behind(href, base) else href
    if not path.startswith("/") or path.startswith("//"):
        return None
    path = path_in_site(url_path(path), prefix)
    target = path.lstrip("/")
    return path if target and page_file(path) not in names and target not in names else None  # mostly a page's: asked first


def page_file(path: str) -> str:
    """The file of the page at ``path`` (``/blog/x/`` → ``blog/x/index.html``; ``/`` → ``index.html``)."""
    return f"{path.strip('/')}/index.html".lstrip("/")


def _static_place(address: str, prefix: str) -> str:
    """Where the file an address (behind ``prefix``: base_url's path) leads to goes, named when it is a file's."""
    path = url_path(address).removeprefix(prefix)
    if "." not in path.rsplit("/", 1)[-1]:
        return "a file goes in static/"
    return f"a file goes in static/: here static{path}; or make the post a page bundle, its folder with index.md and the file beside it"


def no_page(
    site: Site, drafts: frozenset[str], moved: Callable[[], dict[str, str]], file: str, dutch: str, link: str, earlier: bool = False,
) -> str:
    """Why a link to a Markdown file (``link``: relative as written, else as a path of the site), written in ``file``
    (the Dutch Markdown file, a path of the site) of the page at ``dutch``, leads to no page, and what to do: the
    Dutch file it means is a draft or cannot be read, or there is none where it was looked for (``dutch_places``;
    ``moved``: the renames git knows, old to new). Where it is in an ``earlier`` approved English, nobody corrects it
    there: ``EARLIER`` says what to do."""
    path = url_path(link)
    found = linked_source(site, path, file, dutch)
    if found is None:
        renamed = {} if earlier else moved()  # git may know where it went (an earlier English's link to it leads there already)
        looked = " nor ".join(
            place + (f" (renamed to {PurePosixPath(renamed[place]).name}? link to that)" if place in renamed else "")
            for place in dutch_places(site, path, file, dutch)
        )
        return f"there is no document {looked} — {EARLIER if earlier else 'correct the file name'}"
    if site.document_id(site.root / found) in drafts:
        return f"{found} is marked draft: true, so it has no page — {EARLIER if earlier else 'link to it once it is published, or remove the link'}"
    return f"{found} cannot be read, so it has no page — {EARLIER if earlier else 'run status to see why, and correct it'}"
