"""``publish``: the bilingual static site in ``public/``.

Dutch at ``/``, the approved English under ``/en/``; a home page, an Atom feed and
the pages of each language; ``sitemap.xml`` with ``xhtml:link`` alternates,
``robots.txt`` and a 404 page; the site's ``static/`` folder copied as it is.
Templates are the package's, or the site's own from ``templates/``.

Translations are untrusted: their HTML is kept only where the Dutch has the very
same HTML, links may only be http, https, mailto or relative, and the templates
escape everything else. The same input gives the same bytes, and the new site
replaces the old one in one step.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader

from . import markdown
from .errors import PipelineError, file_system_error
from .outputs import MARKER, claim, locate, replacing
from .live import LiveSite, live_english
from .pages import Page, SiteModel, build_model
from .site import Site
from .status import SiteStatus, assess_site

_LOCALES = {"nl": "nl", "en": "en_GB", "de": "de", "fr": "fr"}
WORDS = {
    "nl": {"home": "Voorpagina", "switch": "English", "posts": "Blogs", "topics": "Onderwerpen",
           "related": "Blogs over dit onderwerp", "feed": "Abonneer je via de feed", "nothing": "Nog geen blogs.", "in": "in het {}"},
    "en": {"home": "Home", "switch": "Nederlands", "posts": "Blog", "topics": "Topics",
           "related": "Posts on this topic", "feed": "Subscribe to the feed", "nothing": "No posts yet.", "in": "in {}"},
}
_HREF = re.compile(r'(?:href|src)="([^"]*)"')


@dataclass(frozen=True)
class PublishReport:
    """What publish did: pages per language, which English of each document is live (``live``), and what went wrong.

    ``served``: the documents whose English page is on the site (``live`` says which
    version; one it names may still be left out for a clash, then ``errors`` says so).
    """

    out: Path
    pages: dict[str, int]
    live: LiveSite
    served: frozenset[str]
    orphans: tuple[str, ...]
    warnings: tuple[str, ...]
    errors: tuple[PipelineError, ...]


def publish(site: Site, out: Path | None = None, *, status: SiteStatus | None = None) -> PublishReport:
    """Build the site into ``out`` (default ``public/`` in the site), a folder only ``publish`` writes."""
    static = _static(site)
    static_names = {p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file()} if static else set()
    out = claim(site, locate(site, out, "public"), "publish", adopt=partial(_published_before, static_names))
    status = status or assess_site(site, reuse=True, detail=False, english=True)
    live = live_english(site, status, english=True)
    model = build_model(site, status, live)
    names = set(static_names)
    links: dict[str, set[str]] = {}
    shadowed = []
    with _building(out, static) as write:
        for name, content in _render(site, model):  # written as rendered: a large site is never held in memory
            write(name, content)
            if name in static_names:
                shadowed.append(f"static/{name}: the site's own {name} takes its place; rename or remove the file")
            names.add(name)
            if name.endswith("index.html"):
                links[name] = set(_HREF.findall(content))
    warnings = (*shadowed, *_links_out(site, static), *_broken_links(model, links, names))
    languages = (model.source_language, model.target_language)
    return PublishReport(
        out,
        {language: len(model.in_language(language)) for language in languages},
        live,
        frozenset(page.document_id for page in model.in_language(model.target_language)),
        status.orphans,
        warnings,
        (*status.errors, *model.problems),
    )


def _environment(site: Site) -> Environment:
    loaders = [PackageLoader("publish_pipeline", "templates/site")]
    if (site.root / "templates").is_dir():
        loaders.insert(0, FileSystemLoader(site.root / "templates"))
    return Environment(loader=ChoiceLoader(loaders), autoescape=True, keep_trailing_newline=True)


def _render(site: Site, model: SiteModel) -> Iterator[tuple[str, str | bytes]]:
    environment = _environment(site)
    source, target = model.source_language, model.target_language
    english_of = {f"/{page.document_id}/": page.path for page in model.in_language(target)}
    common = {"site_name": site.config.site_name, "author": site.config.author, "link": model.link}

    def dutch_link(href: str) -> str:
        return model.link(href) if href.startswith("/") and not href.startswith("//") else href

    def english_link(href: str) -> str:
        path = _page_path(href)
        return dutch_link(english_of[path] + href[len(href.split("#")[0]):] if path in english_of else href)

    source_only = {page.path for page in model.in_language(source)} - set(english_of)
    in_source = {"hreflang": source, "data-note": WORDS.get(target, WORDS["en"])["in"].format(_language_name(source, target))}

    def source_only_link(href: str) -> dict[str, str]:
        """An English page's link to a page that is only in Dutch says so (a reader expects English)."""
        return in_source if _page_path(href) in source_only else {}

    posts = {language: _posts(model, language) for language in (source, target)}
    for page in model.pages:
        language = page.language
        other = target if language == source else source
        linked: set[str] = set()
        if language == source:
            body = markdown.render_page(page.body, rewrite=_noting(dutch_link, linked))
        else:
            body = markdown.render_page(
                page.body, allowed_html=markdown.html_of(page.source.body), rewrite=_noting(english_link, linked),
                link_attributes=source_only_link,
            )
        related = _related(page, posts[language], linked, model.link) if page.kind == "topics" else []
        html = environment.get_template("page.html.j2").render(
            **common,
            **_frame(model, language, other),
            page=page,
            title=page.title,
            description=page.summary,
            canonical=model.url(page.path),
            alternates=model.alternates(page),
            switch=page.counterpart,
            date=_date(page.date, language),
            body=body,
            related=related,
        )
        yield _file(page.path), html
        yield from _bundle_files(site, page)
    for language in (source, target):
        pages = model.in_language(language)
        if language == target and not pages:
            continue
        other = target if language == source else source
        home_pair = model.home(other) if model.in_language(target) else None
        alternates = []
        if home_pair:
            homes = {source: model.url("/"), target: model.url(model.home(target))}
            alternates = [*sorted(homes.items()), ("x-default", homes[source])]
        listing = [{"page": page, "date": _date(page.date, language)} for page in posts[language]]
        topics = sorted((page for page in pages if page.kind == "topics"), key=lambda page: page.title)
        yield _file(model.home(language)), environment.get_template("home.html.j2").render(
            **common, **_frame(model, language, other), title=common["site_name"], description="",
            canonical=model.url(model.home(language)), alternates=alternates, switch=home_pair, posts=listing, topics=topics,
        )
        yield _feed_file(model, language), _feed(environment, model, language, common)
    yield "sitemap.xml", environment.get_template("sitemap.xml.j2").render(entries=_sitemap(model))
    yield "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {model.url('/sitemap.xml')}\n"
    yield "404.html", environment.get_template("404.html.j2").render(
        **common, **_frame(model, source, target), title="404", description="", canonical="", alternates=[],
        switch=model.home(target) if model.in_language(target) else None, target_lang=target,
    )
    assert environment.loader is not None
    yield "style.css", environment.loader.get_source(environment, "style.css")[0]  # a stylesheet, not a template


def _bundle_files(site: Site, page: Page) -> Iterator[tuple[str, bytes]]:
    """A page bundle's files (``blog/x/index.md``'s images) beside the page, in each language: its links to them stay relative."""
    source = site.root / page.source.path
    for file in site.bundle_files(source):
        yield page.path.strip("/") + "/" + file.relative_to(source.parent).as_posix(), site.check_inside(file).read_bytes()


def _language_name(language: str, in_language: str) -> str:
    """``Dutch`` for ``nl`` in English; the code itself for a language babel does not know."""
    try:
        return Locale.parse(language).get_display_name(in_language) or language
    except (UnknownLocaleError, ValueError):
        return language


def _page_path(href: str) -> str:
    """The page a site link leads to: ``/blog/x/`` for ``/blog/x#part`` and ``/blog/x/``."""
    path = href.split("#")[0]
    return path if path.endswith("/") else path + "/"


def _frame(model: SiteModel, language: str, other: str) -> dict[str, object]:
    return {
        "lang": language,
        "other_lang": other,
        "words": WORDS.get(language, WORDS["en"]),
        "home": model.home(language),
        "feed": "/" + _feed_file(model, language),
    }


def _noting(rewrite: Callable[[str], str], linked: set[str]) -> Callable[[str], str]:
    """``rewrite``, noting in ``linked`` the page each link of the body leads to."""

    def rewritten(href: str) -> str:
        result = rewrite(href)
        linked.add(_page_of(result))
        return result

    return rewritten


def _page_of(href: str) -> str:
    """The page a link leads to: without its fragment or query, with the trailing slash of a page path."""
    path = re.split(r"[#?]", href, maxsplit=1)[0]
    return path if path.endswith("/") else path + "/"


def _related(page: Page, posts: list[Page], linked: set[str], link: Callable[[str], str]) -> list[Page]:
    """The posts that share a tag with a topic page, less those its text already links to (no post listed twice)."""
    return [post for post in posts if set(post.tags) & set(page.tags) and _page_of(link(post.path)) not in linked]


def _posts(model: SiteModel, language: str) -> list[Page]:
    """Blog posts of one language, newest first (then by title, so the order is stable)."""
    posts = [page for page in model.in_language(language) if page.kind == "blog"]
    return sorted(posts, key=lambda page: (-(page.date.toordinal() if page.date else 0), page.title))


def _date(date: datetime.date | None, language: str) -> str:
    return format_date(date, "long", locale=_LOCALES.get(language, language)) if date else ""


def _file(path: str) -> str:
    return f"{path.strip('/')}/index.html".lstrip("/")


def _feed_file(model: SiteModel, language: str) -> str:
    return "feed.xml" if language == model.source_language else f"{language}/feed.xml"


def _feed(environment: Environment, model: SiteModel, language: str, common: dict[str, str]) -> str:
    posts = [
        {"page": page, "url": model.url(page.path), "updated": f"{(page.date or datetime.date(2000, 1, 1)).isoformat()}T00:00:00Z"}
        for page in _posts(model, language)
    ]
    updated = max((item["updated"] for item in posts), default="2000-01-01T00:00:00Z")
    return environment.get_template("feed.xml.j2").render(
        **common, lang=language, posts=posts, updated=updated,
        home_url=model.url(model.home(language)), feed_url=model.url("/" + _feed_file(model, language)),
    )


def _sitemap(model: SiteModel) -> list[dict[str, object]]:
    entries = []
    homes = [model.home(model.source_language)] + ([model.home(model.target_language)] if model.in_language(model.target_language) else [])
    for home in homes:
        alternates = []
        if len(homes) == 2:
            alternates = [(model.source_language, model.url(homes[0])), (model.target_language, model.url(homes[1])), ("x-default", model.url(homes[0]))]
        entries.append({"url": model.url(home), "lastmod": None, "alternates": sorted(alternates[:2]) + alternates[2:]})
    for page in sorted(model.pages, key=lambda page: page.path):
        entries.append({"url": model.url(page.path), "lastmod": page.date.isoformat() if page.date else None, "alternates": model.alternates(page)})
    return entries


def _broken_links(model: SiteModel, links: dict[str, set[str]], names: set[str]) -> Iterator[str]:
    """Links inside the site that lead to no page or file of it."""
    base, prefix = model.base_url.rstrip("/"), model.link("/").rstrip("/")
    for page in model.pages:
        for href in sorted(links.get(_file(page.path), ())):
            path = href[len(base):] if href.startswith(base) else href
            if not path.startswith("/") or path.startswith("//"):
                continue
            path = path[len(prefix):] if prefix and path.startswith(prefix + "/") else path
            path = path.split("#")[0].split("?")[0]
            target = path.lstrip("/")
            if target and target not in names and _file(path) not in names:
                yield f"{page.path}: the link to {path} leads to no page of this site"


@contextmanager
def _building(out: Path, static: Path | None) -> Iterator[Callable[[str, str | bytes], None]]:
    """Write the whole site beside ``out`` and swap it in, so a reader never sees half a site."""
    with replacing(out, "publish") as building:
        inside = building.resolve()

        def write(name: str, content: str | bytes) -> None:
            target = (building / name).resolve()
            if not target.is_relative_to(inside):
                raise PipelineError(name, "would be written outside the site folder")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(content, bytes):
                    target.write_bytes(content)
                else:
                    target.write_text(content, encoding="utf-8", newline="\n")
            except OSError as error:  # named as the reader will know it: the page in the output, not the folder being built
                raise file_system_error(error, f"{out.name}/{name}") from None

        if static:
            shutil.copytree(static, building, dirs_exist_ok=True, symlinks=False, ignore=_skip_links_out(static))
        yield write


def _static(site: Site) -> Path | None:
    """The site's ``static/`` folder resolved, None when there is none; raise if it leads out of the site."""
    static = site.root / "static"
    if not os.path.lexists(static):
        return None
    static = site.check_inside(static)
    return static if static.is_dir() else None


GENERATED = frozenset({"index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html", "style.css", MARKER})
"""The names of the files publish writes besides those of ``static/``."""


def _published_before(static_names: set[str], folder: Path) -> bool:
    """Whether an unmarked ``folder`` holds only what a publish from before outputs were marked would have written."""
    if not (folder / "sitemap.xml").is_file():
        return False
    for parent, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(parent, name)
            if path.is_symlink():
                return False
            if name in files and name not in GENERATED and path.relative_to(folder).as_posix() not in static_names:
                return False
    return True


def _links_out(site: Site, static: Path | None) -> list[str]:
    """The links in ``static/`` that lead out of the site: never copied, and said so."""
    if static is None:
        return []
    return [
        f"{site.relative(path)}: leads outside the site folder; not copied — replace the link by the file itself"
        for path in sorted(static.rglob("*")) if path.is_symlink() and not path.resolve().is_relative_to(static)
    ]


def _skip_links_out(static: Path):  # type: ignore[no-untyped-def]
    root = static.resolve()

    def ignore(folder: str, names: list[str]) -> list[str]:
        own_marker = [MARKER] if Path(folder).resolve() == root and MARKER in names else []  # the output's marker is publish's
        return own_marker + [name for name in names if not (Path(folder) / name).resolve().is_relative_to(root)]

    return ignore
