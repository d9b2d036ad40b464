"""The Dutch pages' links that lead to no page: a link to a Markdown file with no page (there is none where it is
looked for, it was renamed, it is a draft, it cannot be read), and an Obsidian ``[[wiki-link]]``, which Markdown
shows as text. ``check`` judges them from the links the assessment kept with each verdict (``DocumentStatus.links``:
only a changed document is read again), ``publish`` from the pages it renders; both say why with ``no_page`` and
word it with ``broken_link``, at the file and line the author wrote it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import urlparse

from ..text.links import dutch_places, linked_document, linked_source, path_in_site, url_path
from ..site import Site
from .live import drafted, renames
from .status import DocumentStatus, SiteStatus


def link_warnings(site: Site, status: SiteStatus, *, wiki_only: bool = False) -> list[str]:
    """Each link of a Dutch page (of ``status``'s documents, not drafts) that leads to no page, located and worded as
    publish words it; with ``wiki_only`` (publish, which finds the others in the pages it renders) only the
    ``[[wiki-links]]``."""
    linking = [document for document in status.documents if document.links]  # most documents: none
    if not linking:
        return []
    drafts = frozenset(document.document_id for document in status.documents if drafted(document))
    pages = {document.document_id for document in status.documents} - drafts
    moved = cache(lambda: dict(renames(site).values()))  # git asked once, and only for a link that leads nowhere
    prefix = urlparse(site.config.base_url).path.rstrip("/")
    warnings = []
    for document in linking:
        if document.document_id in drafts:
            continue
        for written, line in sorted(document.links):  # as publish says a page's: by link
            at = f"{document.source}:{line}" if line else f"{document.source}"
            if written.startswith("[["):
                warnings.append(f"{at}: {written} is not a link in Markdown, so the page shows it as text — write {_as_markdown(written)}")
            elif not wiki_only:
                warnings.extend(_leads_nowhere(site, document, written, at, prefix, pages.__contains__, drafts, moved))
    return warnings


def _as_markdown(wiki: str) -> str:
    """An Obsidian link as the Markdown link that means it: ``[[x]]`` → ``[x](x.md)``, ``[[x|tekst]]`` → ``[tekst](x.md)``."""
    target, _, label = wiki[2:-2].partition("|")
    target = target.strip()
    return f"[{label.strip() or target}]({target.replace(' ', '%20')}.md)"


def _leads_nowhere(
    site: Site, document: DocumentStatus, href: str, at: str, prefix: str, is_page: Callable[[str], bool],
    drafts: frozenset[str], moved: Callable[[], dict[str, str]],
) -> Iterator[str]:
    """The warning for ``href``, a link of ``document``'s Dutch page to a Markdown file, when it leads to no page."""
    dutch, file = f"/{document.document_id}/", document.source or ""
    written = url_path(href)
    path = path_in_site(written, prefix)
    if linked_document(site, path, file, dutch, is_page) is not None:
        return
    english = document.english_url.path if document.publishable and document.english_url else None
    on = f"{dutch} and {english}" if english else dutch
    yield broken_link(at, href, on, no_page(site, drafts, moved, file, dutch, href if not href.startswith("/") else path))


def broken_link(at: str, href: str, on: str, why: str) -> str:
    """The warning for a link to a Markdown file that leads to no page (``at``: where it is written)."""
    return f"{at}: the link {href} on {on} leads to no page: {why}"


def no_page(site: Site, drafts: frozenset[str], moved: Callable[[], dict[str, str]], file: str, dutch: str, link: str) -> str:
    """Why a link to a Markdown file (``link``: relative as written, else as a path of the site), written in ``file``
    (the Dutch Markdown file, a path of the site) of the page at ``dutch``, leads to no page, and what to do: the
    Dutch file it means is a draft or cannot be read, or there is none where it was looked for (``dutch_places``;
    ``moved``: the renames git knows, old to new)."""
    path = url_path(link)
    found = linked_source(site, path, file, dutch)
    if found is None:
        renamed = moved()  # git may know where it went
        looked = " nor ".join(
            place + (f" (renamed to {PurePosixPath(renamed[place]).name}? link to that)" if place in renamed else "")
            for place in dutch_places(site, path, file, dutch)
        )
        return f"there is no document {looked} — correct the file name"
    if site.document_id(site.root / found) in drafts:
        return f"{found} is marked draft: true, so it has no page — link to it once it is published, or remove the link"
    return f"{found} cannot be read, so it has no page — run status to see why, and correct it"
