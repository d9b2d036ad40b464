"""The page model: which pages the site has, in which language, and which are pairs.

Every Dutch document (not marked ``draft: true``) is a page under ``/``. Its English
counterpart is a page under ``/en/`` only in a version that passed the publish gate:
the current one, or, while an update waits for review, the last one in git's history
(see live). Only real pairs get hreflang alternates and a language switcher.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlparse

from ..text.document import CONTROL_CHARACTERS, Document
from ..errors import PipelineError
from ..quality.gate import english_slug
from ..text.slugs import FIXED_SLUG, SLUG, slug_problem
from ..quality.live import CURRENT, Live, LiveSite
from ..site import Site, dutch_path, english_path
from ..quality.status import SiteStatus


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
    older: bool = False
    """An English page served from an earlier approved version while its update waits."""


@dataclass(frozen=True)
class SiteModel:
    source_language: str
    target_language: str
    base_url: str
    pages: tuple[Page, ...]
    problems: tuple[PipelineError, ...] = ()
    """English pages left out, and why (an earlier version whose URL another page has now)."""

    def in_language(self, language: str) -> list[Page]:
        return [page for page in self.pages if page.language == language]

    def url(self, path: str) -> str:
        """The absolute URL of a site path."""
        return f"{self.base_url.rstrip('/')}{path}"

    def link(self, path: str) -> str:
        """A site path as a link inside the site: behind base_url's own path, if it has one."""
        return f"{self._base_path}{path}"

    @cached_property
    def _base_path(self) -> str:
        """base_url's own path (``/site`` of ``https://example.org/site/``), read once: every link of every page asks."""
        return urlparse(self.base_url).path.rstrip("/")

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


def build_model(site: Site, status: SiteStatus, live: LiveSite) -> SiteModel:
    """Every page of the site; an English page that cannot be served is left out and said why (``problems``).

    The English of a document is the one ``live`` says (the current approval, or an
    earlier approved version); an earlier version whose URL another page has now is
    not served: one document's English never costs the site.
    """
    source_language, target_language = site.config.source_language, site.config.target_language
    dutch, english, problems = [], [], []
    for document_status in status.documents:
        unit = document_status.unit
        assert unit is not None
        document = unit.document
        if document.is_draft:
            continue
        served = live.documents[document.id]
        parsed = document_status.english_document if served.english is document_status.english else None
        _add_pages(site, document, served, dutch, english, problems, parsed)
    for served in live.documents.values():
        if served.dutch is not None and not served.dutch.is_draft:  # its Dutch cannot be read now: the last version that can
            _add_pages(site, served.dutch, served, dutch, english, problems)
    english, clashes = _without_clashes(english, live)
    problems.extend(clashes)
    by_document = {page.document_id: page.path for page in english}
    pages = [_page(source_language, document, document, dutch_path(document.id), counterpart=by_document.get(document.id)) for document in dutch]
    return SiteModel(source_language, target_language, site.config.base_url, (*pages, *english), tuple(problems))


def _add_pages(
    site: Site, document: Document, served: Live, dutch: list[Document], english: list[Page], problems: list[PipelineError],
    parsed: Document | None = None,
) -> None:
    """A document for its Dutch page, and its English page when one is live (or the problem that keeps it out);
    ``parsed``: the live English already parsed (by the assessment), if it was. (The Dutch page is made once
    the English pages are known: its counterpart is one of them.)"""
    dutch.append(document)
    if served.english is None:
        return
    try:
        english.append(_english_page(site, document, served.english, document.path, older=served.state != CURRENT, parsed=parsed))
    except PipelineError as error:
        problems.append(PipelineError(error.location, f"{error.problem}; its English page is not served", line=error.line, hint=error.hint))


def _page(
    language: str, document: Document, source: Document, path: str, *, older: bool = False, counterpart: str | None = None,
) -> Page:
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
        title=_visible(document.name),  # a section page without a title is called after its folder
        summary=_visible(front.get("summary") or ""),
        date=date if isinstance(date, datetime.date) else None,
        tags=tuple(_visible(tag) for tag in tags) if isinstance(tags, list) else (),
        body=document.body,
        source=source,
        counterpart=counterpart,
        older=older,
    )


def _visible(value: object) -> str:
    """A front-matter text without control characters: a translation's are dropped here (the Dutch ones are
    refused when the source is read), so that no page, feed or sitemap carries what XML forbids."""
    return CONTROL_CHARACTERS.sub("", str(value))


def _english_page(site: Site, source: Document, text: str, location: str, *, older: bool, parsed: Document | None = None) -> Page:
    """The English page of ``source`` (``text``, or ``parsed`` when that is already made of it); a
    PipelineError when its front matter or slug would break the site."""
    language = site.config.target_language
    parsed = parsed or source.read_as_this(text)
    slug = "" if source.is_section else english_slug(parsed.front_matter, parsed.front_matter[SLUG] if SLUG in parsed.front_matter else source.slug)
    problem = None if source.is_section else slug_problem(slug)  # a section is served at its folder's URL, whatever its slug
    if problem:
        field = FIXED_SLUG if FIXED_SLUG in parsed.front_matter else SLUG
        raise PipelineError(location, f"the English slug: {problem}", line=parsed.field_lines.get(field))
    assert isinstance(slug, str)
    return _page(language, parsed, source, english_path(language, source.id, slug), older=older, counterpart=dutch_path(source.id))


def _without_clashes(pages: list[Page], live: LiveSite) -> tuple[list[Page], list[PipelineError]]:
    """The pages without those whose URL another page has. The gate keeps current English unique, so a
    clash is an earlier version's: it gives way to the current page, and of two earlier versions the one
    approved first keeps the URL (it was live first: a newcomer never takes a page off the site)."""

    def rank(page: Page) -> tuple[int, int]:
        return (1, -live.documents[page.document_id].age) if page.older else (0, 0)

    by_path: dict[str, list[Page]] = {}
    for page in pages:
        by_path.setdefault(page.path, []).append(page)
    kept, problems = [], []
    for page in pages:
        rivals = [other for other in by_path[page.path] if other is not page]
        if rivals and not all(rank(page) < rank(other) for other in rivals):
            others = ", ".join(other.source.path for other in rivals)
            problems.append(PipelineError(
                page.source.path,
                f"its English URL {page.path} is also that of {others}; its English page is not served",
                hint="give one of them another English slug",
            ))
        else:
            kept.append(page)
    return kept, problems
