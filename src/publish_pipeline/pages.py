"""The page model: which pages the site has, in which language, and which are pairs.

Every Dutch document (not marked ``draft: true``) is a page under ``/``. Its English
counterpart is a page under ``/en/`` only when the publish gate lets it through —
or, while an update waits for review, from the snapshot of the last approved
English version. Only real pairs get hreflang alternates and a language switcher.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .document import CONTROL_CHARACTERS, Document, parse_document
from .errors import PipelineError
from .segmentation import FIXED_SLUG, SLUG, SLUG_PATTERN
from .site import Site
from .snapshots import SNAPSHOTS, keep_snapshot, snapshot_path
from .status import SiteStatus


@dataclass(frozen=True)
class Page:
    """One page of the site.

    ``path``: its URL path (``/blog/x/``, ``/en/blog/y/``). ``counterpart``: the
    path of the same document in the other language, when both are published.
    ``source``: the Dutch document, whose own HTML is the only HTML a translation may carry.
    """

    language: str
    document_id: str
    kind: str
    path: str
    title: str
    summary: str
    date: datetime.date | None
    tags: tuple[str, ...]
    body: str
    source: Document = field(repr=False)
    counterpart: str | None = None
    from_snapshot: bool = False


@dataclass(frozen=True)
class SiteModel:
    source_language: str
    target_language: str
    base_url: str
    pages: tuple[Page, ...]

    def in_language(self, language: str) -> list[Page]:
        return [page for page in self.pages if page.language == language]

    def url(self, path: str) -> str:
        """The absolute URL of a site path."""
        return f"{self.base_url.rstrip('/')}{path}"

    def link(self, path: str) -> str:
        """A site path as a link inside the site: behind base_url's own path, if it has one."""
        return f"{urlparse(self.base_url).path.rstrip('/')}{path}"

    def home(self, language: str) -> str:
        return "/" if language == self.source_language else f"/{language}/"

    def alternates(self, page: Page) -> list[tuple[str, str]]:
        """(hreflang, absolute URL) for every version of a paired page, itself and x-default included."""
        if page.counterpart is None:
            return []
        other = self.target_language if page.language == self.source_language else self.source_language
        versions = {page.language: page.path, other: page.counterpart}
        return [
            *((language, self.url(versions[language])) for language in sorted(versions)),
            ("x-default", self.url(versions[self.source_language])),
        ]


def build_model(site: Site, status: SiteStatus) -> SiteModel:
    source_language, target_language = site.config.source_language, site.config.target_language
    dutch, english = [], []
    for document_status in status.documents:
        unit = document_status.unit
        assert unit is not None
        document = unit.document
        if document.is_draft:
            continue
        dutch.append(_page(source_language, document, document, f"/{document.id}/"))
        translated = None
        from_snapshot = False
        if document_status.english is not None:
            translated = document_status.english
            keep_snapshot(site, document.id, translated)
        elif (snapshot := snapshot_path(site, document.id)).is_file():
            translated, from_snapshot = snapshot.read_text(encoding="utf-8"), True
        if translated is not None:
            parsed = parse_document(translated, document.id, f"{SNAPSHOTS}/{target_language}/{document.id}.md")
            slug = _english_slug(document, parsed)
            path = f"/{target_language}/{document.kind}/{slug}/" if document.kind else f"/{target_language}/{slug}/"
            english.append(_page(target_language, parsed, document, path, from_snapshot=from_snapshot))
    _refuse_clashes(english)
    by_document = {page.document_id: page for page in english}
    pairs = []
    for page in dutch:
        counterpart = by_document.get(page.document_id)
        pairs.append(_with_counterpart(page, counterpart.path if counterpart else None))
    for page in english:
        pairs.append(_with_counterpart(page, f"/{page.document_id}/"))
    return SiteModel(source_language, target_language, site.config.base_url, tuple(pairs))


def _page(language: str, document: Document, source: Document, path: str, *, from_snapshot: bool = False) -> Page:
    front = document.front_matter
    date = front.get("date")
    if isinstance(date, datetime.datetime):
        date = date.date()
    tags = front.get("tags") or []
    return Page(
        language=language,
        document_id=source.id,
        kind=source.kind,
        path=path,
        title=_visible(front.get("title", "")),
        summary=_visible(front.get("summary") or ""),
        date=date if isinstance(date, datetime.date) else None,
        tags=tuple(_visible(tag) for tag in tags) if isinstance(tags, list) else (),
        body=document.body,
        source=source,
        from_snapshot=from_snapshot,
    )


def _visible(value: object) -> str:
    """A front-matter text without control characters: a translation's are dropped here (the Dutch ones are
    refused when the source is read), so that no page, feed or sitemap carries what XML forbids."""
    return CONTROL_CHARACTERS.sub("", str(value))


def _with_counterpart(page: Page, counterpart: str | None) -> Page:
    return Page(**{**page.__dict__, "counterpart": counterpart})


def _english_slug(source: Document, english: Document) -> str:
    slug = source.front_matter.get(FIXED_SLUG) or english.front_matter.get(SLUG) or source.slug
    if not isinstance(slug, str) or not SLUG_PATTERN.fullmatch(slug):
        raise PipelineError(source.path, f"the English slug {slug!r} is not a URL slug", hint="use lowercase letters, digits and hyphens")
    return slug


def _refuse_clashes(pages: list[Page]) -> None:
    seen: dict[str, Page] = {}
    for page in pages:
        if page.path in seen:
            raise PipelineError(
                page.source.path,
                f"its English URL {page.path} is also the URL of {seen[page.path].source.path}",
                hint="give one of them another English slug",
            )
        seen[page.path] = page
