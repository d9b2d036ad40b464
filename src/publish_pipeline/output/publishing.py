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
from collections import Counter
import hashlib
import json
import os
import re
import shutil
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from functools import cache, partial
from pathlib import Path

from typing import TYPE_CHECKING, Any

from .. import build_id
from ..text import alerts, html_text, markdown
from ..errors import PipelineError, file_system_error
from ..plumbing.freshness import libraries, write_cache
from ..plumbing.memory import long_lived
from ..plumbing.outputs import MARKER, claim, empty, locate, replacing, spare_made
from ..quality.live import LiveSite, drafted, live_english, renames, unlinked_notes
from .manifest import FileState, Manifest, Part, file_state, folders_of, input_state, state_of
from ..config import own_address
from ..text.links import SCHEME, linked_document, path_in_site, resolved as _resolved, url_path, written_line
from ..quality.links import broken_link, link_warnings, missing as _missing, no_file, no_page, page_file as _file
from .pages import Page, SiteModel, build_model
from .redirects import NO_REDIRECTS, Redirect, former_addresses, redirects, renamed_pages
from ..plumbing.parallel import share_out
from ..plumbing.progress import Phases, Teller
from ..site import DOCUMENT_SUFFIXES, Site, dutch_path
from ..quality.status import SiteStatus, assess_site
from ..text.document import Document
from ..text.parses import Parses

if TYPE_CHECKING:  # Jinja and Babel are loaded when there is something to render (not for a publish with nothing changed)
    from jinja2 import Environment

_LOCALES = {"nl": "nl", "en": "en_GB", "de": "de", "fr": "fr"}
WORDS = {
    "nl": {"home": "Voorpagina", "switch": "English", "posts": "Blogs", "topics": "Onderwerpen",
           "related": "Blogs over dit onderwerp", "feed": "Abonneer je via de feed", "nothing": "Nog geen blogs.", "in": "in het {}",
           "moved": "Deze pagina is verhuisd:", "alerts": {"note": "Opmerking", "tip": "Tip", "important": "Belangrijk", "warning": "Waarschuwing", "caution": "Let op"}},
    "en": {"home": "Home", "switch": "Nederlands", "posts": "Blog", "topics": "Topics",
           "related": "Posts on this topic", "feed": "Subscribe to the feed", "nothing": "No posts yet.", "in": "in {}",
           "moved": "This page has moved:", "alerts": alerts.ENGLISH},
}
TEMPLATES = Path(__file__).parent / "templates"
"""The package's templates (a site's own in its ``templates/`` take their place)."""


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
    rendered: int = 0
    """Documents whose pages were rendered anew; the others' were carried over unchanged."""
    kept: bool = False
    """Nothing changed since the last publish: the output was kept as it was."""
    why: dict[str, int] = field(default_factory=dict)
    """How many of those were rendered for each reason (``manifest.CHANGED``, ``LINKING``, ``EDITED``)."""
    withdrawn: tuple[str, ...] = ()
    """The documents whose English page the last publish into this folder had and this one has not."""
    files: dict[str, FileState] = field(default_factory=dict)
    """Each file publish wrote in ``out`` (or kept there), by its name in it, as it was written (see manifest)."""
    untranslated: frozenset[str] = frozenset()
    """The documents with no translation yet (every entry untranslated, or no PO file)."""
    gone: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The documents the last publish into this folder had pages of and this one has none (``_gone``)."""
    redirects: int = 0
    """The pages written at an English address a page had before, sending the reader on (see redirects)."""
    redirect_note: str | None = None
    """Why there are none, where git could not tell the addresses of before (``FormerAddresses.note``)."""


def publish(site: Site, out: Path | None = None, *, status: SiteStatus | None = None, progress: Phases | None = None) -> PublishReport:
    """Build the site into ``out`` (default ``public/`` in the site), a folder only ``publish`` writes.

    Each document's pages are rendered together (on every core), or carried over
    from the current output when nothing they were made from changed (see manifest).
    ``progress``: the phases "assessing" and "rendering pages".
    """
    _remove_retired(site)
    static = _static(site)
    static_names = {p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file()} if static else set()
    out = claim(site, locate(site, out, "public"), "publish", adopt=partial(_published_before, static_names))
    with spare_made(out, site.root / SPARE, "publish") as spare:
        return _publish(site, out, static, static_names, status, spare, progress)


RETIRED = (".cache/publish_pipeline/published.json",)
"""What publish kept in ``.cache/`` in earlier versions and nothing reads any more (the manifest, before it was kept in
marshal's format: ``manifest.MANIFEST_FILE``)."""


def _remove_retired(site: Site) -> None:
    """Remove the ``RETIRED`` caches of a site published by an earlier version (as another version's compiled
    templates are: ``_compiled``); one that cannot be removed only takes room."""
    for name in RETIRED:
        try:
            (site.root / name).unlink(missing_ok=True)
        except OSError:
            pass


def _publish(
    site: Site, out: Path, static: Path | None, static_names: set[str], status: SiteStatus | None, spare: Callable[[], Path],
    progress: Phases | None = None,
) -> PublishReport:
    """``publish`` into ``out``, claimed (``spare``: the folder to build in, once it is ready)."""
    status = status or assess_site(site, reuse=True, detail=False, english=True, progress=progress)
    with long_lived():
        live = live_english(site, status, english=True)
        model = build_model(site, status, live)
        manifest = Manifest.read(site.root, out)
        inputs = _inputs_key(site)
        jobs = _jobs(site, model, inputs, {d.document_id: (d.source or "", d.fingerprint) for d in status.documents if d.publishable and d.fingerprint})
        drafts, untranslated, orphans, errors = _drafts(status), _untranslated(status), status.orphans, (*status.errors, *model.problems)
        wiki_links = [str(warning) for warning in link_warnings(site, status, wiki_only=True)]  # the others are found in the pages rendered
        wiki_links += unlinked_notes(site, live)  # an earlier English's links to deleted posts, written as text: said before the pages' own
        live, status = _without_english(live), None  # the pages hold what they show of it: the rest goes before rendering
        table = _LinkTable.of(model)
        dates = _Dates(site.root, inputs)
        templates = _Templates(site)
        moved, taken, redirect_note = _moves(site, model, static_names, orphans)
        aggregates = [*_aggregates(site, model, inputs, jobs, dates, templates), *_redirect_pages(model, inputs, moved, templates)]
        keys = {
            STATIC: _digest(inputs, sorted((name, input_state(static / name)) for name in static_names)) if static else _digest(inputs),
            **{job.name: job.key for job in jobs},
            **{SITE + name: key for name, _, key in aggregates},
        }
    why: dict[str, int] = {}
    withdrawn, gone = _withdrawn(manifest, jobs, model), _gone(manifest, jobs)
    kept = manifest.intact(keys, table.answer)
    if kept:  # nothing changed, nothing touched: the output stays as it is
        parts = manifest.parts
    else:
        parts, rendered = _build(site, out, static, static_names, model, jobs, aggregates, table, manifest, keys, spare, dates, templates, progress)
        manifest.write(site.root, parts.items())
        why = dict(Counter(manifest.why(job.name, job.own, job.key, table.answer) for job in rendered))
    of_page = {page.path: [_file(page.path), *(name for name, _ in files)] for job in jobs for page, files in zip(job.pages, job.bundles)}
    names = [*(name for page in model.pages for name in of_page[page.path]), *(name for name, _, _ in aggregates)]
    links = {file: set(hrefs) for part in parts.values() for file, hrefs in part.links.items()}
    shadowed = [f"static/{name}: the site's own {name} takes its place; rename or remove the file" for name in names if name in static_names]
    warnings = (*shadowed, *taken, *_links_out(site, static), *wiki_links, *_broken_links(site, model, links, {*static_names, *names}, drafts), *_bases(site, model))
    languages = (model.source_language, model.target_language)
    if live.note and redirect_note:  # git cannot tell, said once
        live, redirect_note = replace(live, note=f"{live.note}; {NO_REDIRECTS}"), None
    return PublishReport(
        out,
        {language: len(model.in_language(language)) for language in languages},
        live,
        frozenset(page.document_id for page in model.in_language(model.target_language)),
        orphans,
        warnings,
        errors,
        sum(why.values()),
        kept,
        why,
        withdrawn,
        {file: state for part in parts.values() for file, state in part.files.items()},
        untranslated,
        gone,
        len(moved),
        redirect_note,
    )


def _drafts(status: SiteStatus) -> frozenset[str]:
    """The documents marked ``draft: true``: no page of either language is made of them."""
    return frozenset(document.document_id for document in status.documents if drafted(document))


def _untranslated(status: SiteStatus) -> frozenset[str]:
    """The documents with no translation yet (every entry untranslated, or no PO file)."""
    return frozenset(document.document_id for document in status.documents if document.counts.get("untranslated", 0) == document.entries)


def _without_english(live: LiveSite) -> LiveSite:
    """``live`` without the English Markdown of each page (``Live.english``): once the pages are made of it, only the
    English page keeps what it shows (its body, its front matter's fields). Kept, each document's English lived twice
    over until the end, as text and as its parse (of the bench's verdicts, pickled, 4.8 and 5.4 KB of 16.8 KB)."""
    return replace(live, documents={name: replace(document, english=None) if document.english else document for name, document in live.documents.items()})


def _withdrawn(manifest: Manifest, jobs: list[_Job], model: SiteModel) -> tuple[str, ...]:
    """The documents whose English page was in the output the manifest describes and is in none of ``jobs``: taken
    off the site now (each job's name is its Dutch page's file; its English page's files lie under the English home)."""
    english = model.home(model.target_language).strip("/") + "/"
    return tuple(
        job.pages[0].document_id for job in jobs
        if len(job.pages) == 1 and (old := manifest.parts.get(job.name)) and any(name.startswith(english) for name in old.files)
    )


def _gone(manifest: Manifest, jobs: list[_Job]) -> dict[str, tuple[str, ...]]:
    """The documents whose pages the output the manifest describes had and none of ``jobs`` makes (marked a draft,
    renamed, removed), each with the addresses of those pages (a job's name is its Dutch page's file: ``_file``)."""
    names = {job.name for job in jobs}
    made = {_file(page.path) for job in jobs for page in job.pages}  # a renamed document's English page stays where it was
    gone = {
        name.removesuffix("index.html").strip("/"): tuple(
            "/" + file.removesuffix("index.html") for file in part.files if file.endswith("/index.html") and file not in made
        )
        for name, part in manifest.parts.items() if name not in names and name != STATIC and not name.startswith(SITE)
    }
    return {name: pages for name, pages in gone.items() if pages}


PARALLEL_FROM = 64
"""From this many documents to render on, rendering is shared between processes."""

SPARE = ".cache/publish_pipeline/spare-site"
"""Where the site before the current one is kept, to build the next in (``_building``): in ``.cache/``, which git ignores."""

STATIC, SITE = "static/", "/"
"""The name in the manifest of the copy of ``static/``, and the start of the names of the files made of the whole
site (``/index.html``, ``/feed.xml``, …: no document's part has a name that starts with ``/``)."""


def _build(
    site: Site, out: Path, static: Path | None, static_names: set[str], model: SiteModel, jobs: list[_Job],
    aggregates: list[_Whole], table: _LinkTable, manifest: Manifest, keys: dict[str, str],
    spare: Callable[[], Path], dates: _Dates, templates: _Templates, progress: Phases | None = None,
) -> tuple[dict[str, Part], list[_Job]]:
    """Build the site beside ``out`` and swap it in: the parts the manifest has unchanged carried over,
    the other documents and whole-site files rendered on every core (the whole-site files first: the
    heaviest, spread over the processes). What was written,
    and the documents that were rendered (``dates``: as each language writes them, kept for the next build)."""
    expected = {*static_names, *(name for job in jobs for name in _names(job)), *(name for name, _, _ in aggregates)}
    with _building(out, static, expected, spare()) as building:
        folder = building.path
        copied = {name: state for name in sorted(static_names) if (state := file_state(folder / name))}
        parts: dict[str, Part | None] = {STATIC: Part(keys[STATIC], copied)}
        parts.update((job.name, manifest.carry_over(job.name, job.key, table.answer, building.place)) for job in jobs)
        parts.update((SITE + name, manifest.carry_over(SITE + name, key, table.answer, building.place)) for name, _, key in aggregates)
        todo = [job for job in jobs if parts[job.name] is None]
        wholes = [whole for whole in aggregates if parts[SITE + whole[0]] is None]
        dates.fill(model.pages)  # here, once, not in every process that renders (a home lists every post's)
        renderer = _Renderer(site, replace(model, pages=()), table, folder, out.name, dates, templates)
        if todo or wholes:
            templates()  # made before the workers are forked: they inherit it
        # only the documents count against the threshold: the up to 8 whole-site files are little work
        teller = Teller(progress and progress("rendering pages", len(wholes) + len(todo)), len(wholes) + len(todo))
        rendered = share_out(partial(_render_work, renderer, teller), [*wholes, *todo], threshold=PARALLEL_FROM + len(wholes))
        parts.update((SITE + name, part) for (name, _, _), part in zip(wholes, rendered))
        parts.update((job.name, replace(part, own=job.own)) for job, part in zip(todo, rendered[len(wholes):]))
    dates.keep(model.pages)
    return {name: part for name, part in parts.items() if part is not None}, todo


def _names(job: _Job) -> Iterator[str]:
    """The files a job writes: each page's, and its bundle's."""
    for page, bundle in zip(job.pages, job.bundles):
        yield _file(page.path)
        yield from (name for name, _ in bundle)


_SHOWN = tuple(field.name for field in fields(Page) if field.name not in ("body", "source"))
"""A page's fields but its text and its source document."""
_LISTED = tuple(name for name in _SHOWN if name not in ("counterpart", "older"))
"""What the package's homes and feeds show of the pages they list (and order them by)."""
_MAPPED = ("language", "path", "date", "counterpart")
"""What the package's sitemap shows of every page."""


def _shown(page: Page) -> list[object]:
    return [getattr(page, name) for name in _SHOWN]


def _page_prints(model: SiteModel) -> dict[int, str]:
    """A digest of each page's inputs (by the page's ``id``): its fields, its text and its source document's
    (each document once, with its Dutch page's text, which is the source's own). The texts are hashed as they are: a repr of the documents would copy and escape
    every body and front matter, several times over."""
    sources: dict[int, str] = {}
    prints = {}
    for page in model.pages:
        source = page.source
        if id(source) not in sources:
            sources[id(source)] = _text_digest(
                source.id, source.path, source.format, source.line_end, *source.fences, str(source.body_line), source.front_matter_text, source.body,
            )
        text = "" if page.body is source.body else _text_digest(page.body)  # a Dutch page's text is its source's: hashed with it
        prints[id(page)] = _digest(_shown(page), text, sources[id(source)])
    return prints


def _digest(*inputs: object) -> str:
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def _text_digest(*texts: str) -> str:
    """A digest of some texts, each with its length (so that no two lists of texts share one)."""
    digest = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


class _Templates:
    """One build's templates (``_environment``), made when first asked for: by this process for the pages it renders
    and the whole-site files, and inherited by the workers forked after that. A worker they reach pickled (where
    processes cannot be forked) makes its own."""

    def __init__(self, site: Site) -> None:
        self._site = site
        self._environment: Environment | None = None

    def __call__(self) -> Environment:
        if self._environment is None:
            self._environment = _environment(self._site)
        return self._environment

    def __getstate__(self) -> dict[str, object]:
        return {"_site": self._site, "_environment": None}


COMPILED = ".cache/publish_pipeline/templates"
"""Where Jinja keeps each template compiled (``_compiled``)."""


def _environment(site: Site) -> Environment:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader

    loaders = [PackageLoader("publish_pipeline.output", "templates")]
    if (site.root / "templates").is_dir():
        loaders.insert(0, FileSystemLoader(site.root / "templates"))
    return Environment(  # one build's: its templates are not looked at again for a change each time one is asked for
        loader=ChoiceLoader(loaders), autoescape=True, keep_trailing_newline=True, bytecode_cache=_compiled(site.root / COMPILED),
        auto_reload=False,
    )


def _compiled(folder: Path):  # type: ignore[no-untyped-def]
    """Jinja's cache of compiled templates in ``folder``: a template is compiled once, not by every publish and
    every worker (a few milliseconds each). Jinja tells a stale one by its source's checksum (and its own and
    Python's version); the code of this environment (its options) is in each file's name. Damaged, unreadable
    or unwritable, it only costs time."""
    from jinja2 import FileSystemBytecodeCache, __version__ as jinja

    class Compiled(FileSystemBytecodeCache):
        def load_bytecode(self, bucket):  # type: ignore[no-untyped-def]
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged file: compiled again
                bucket.reset()

        def dump_bytecode(self, bucket):  # type: ignore[no-untyped-def]
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    ours = f".{build_id()}.{jinja}."
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for entry in os.scandir(folder):
            if ours not in entry.name:
                os.unlink(entry.path)  # another version's
    except OSError:
        return None
    return Compiled(str(folder), pattern=f"%s{ours}cache")


def _render(environment: Environment, name: str, **context: object) -> str:
    """A template rendered. A mistake in one of the site's own templates (Jinja syntax, an undefined name, a
    filter that fails) is a PipelineError on its line, as a bad document is, not a traceback."""
    try:
        return environment.get_template(name).render(**context)
    except Exception as error:
        own = _own_templates(environment)
        if own is None:
            raise
        from jinja2 import TemplateNotFound, TemplateSyntaxError

        if isinstance(error, TemplateSyntaxError) and error.filename:
            where: tuple[str, int | None] | None = (error.filename, error.lineno)
        else:  # Jinja rewrites the traceback: a frame of a template names its file and line
            frames = traceback.extract_tb(error.__traceback__)
            where = next(((frame.filename, frame.lineno) for frame in reversed(frames) if _inside(frame.filename, own)), None)
        if where is None or not _inside(where[0], own):
            raise  # the package's own templates: a bug of ours, with the traceback that finds it
        location = "templates/" + Path(where[0]).resolve().relative_to(own.resolve()).as_posix()
        said = f"no template named {error.name!r}" if isinstance(error, TemplateNotFound) else getattr(error, "message", None) or str(error)
        said = _OUR_OBJECT.sub(lambda found: f"the {found.group(1).lower()}", said)  # 'the page', not our class's name
        problem = f"template error: {said}"
        hint = "fix the template, or remove it to use the package's own"
        raise PipelineError(location, problem, line=where[1], hint=hint) from None


_OUR_OBJECT = re.compile(r"'publish_pipeline(?:\.\w+)*\.(\w+) object'")
"""How Jinja names one of our objects in an error ('publish_pipeline.output.pages.Page object')."""


def _own_templates(environment: Environment) -> Path | None:
    """The site's ``templates/`` folder when it has one (``_environment`` puts its loader first)."""
    from jinja2 import FileSystemLoader

    first = getattr(environment.loader, "loaders", [None])[0]
    return Path(first.searchpath[0]) if isinstance(first, FileSystemLoader) else None


def _inside(file: str, folder: Path) -> bool:
    try:
        return Path(file).resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def _inputs_key(site: Site) -> str:
    """A digest of what reaches every page: the code and the libraries that render, the settings and the
    templates (the package's and the site's own)."""
    versions = [os.path.basename(folder) for folder, *_ in libraries()]  # the versions, as their metadata folders are named
    digest = hashlib.sha256(repr((build_id(), versions, site.config)).encode())
    for folder in (TEMPLATES, site.root / "templates"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class _Job:
    """One document's pages (its Dutch page first, then its English one when live), rendered together
    from one parse of the Dutch. Per page: ``related``, the posts a topic page may list (sharing a tag),
    and ``bundles``, its bundle's files (name in the site, source file).

    ``name``: the file of its first page, the job's name in the manifest. ``own``: a digest of the
    pages, their sources, the bundle files' states and ``_inputs_key``; ``key``: of those and the
    related posts: every input but the link table (the manifest keeps the table's answers the
    rendering asked for).
    ``english``: where the assessment kept the document's English, prerendered (``Parses.prerendered``: its
    location and its verdict's fingerprint); its page renders from that when its body is the one kept.
    """

    name: str
    pages: tuple[Page, ...]
    related: tuple[tuple[Page, ...], ...]
    bundles: tuple[tuple[tuple[str, Path], ...], ...]
    own: str
    key: str
    english: tuple[str, str] | None = None


def _jobs(site: Site, model: SiteModel, inputs: str, english: dict[str, tuple[str, str]]) -> list[_Job]:
    """The documents' pages, grouped by the Dutch document they come from, in the model's order (``english``:
    where the English the assessment kept is, by document)."""
    posts = {language: _posts(model, language) for language in (model.source_language, model.target_language)}
    groups: dict[int, list[Page]] = {}
    for page in model.pages:
        groups.setdefault(id(page.source), []).append(page)
    jobs, prints = [], _page_prints(model)
    for pages in groups.values():
        related = tuple(tuple(_sharing_a_tag(page, posts[page.language])) if page.kind == "topics" else () for page in pages)
        files = _bundle_files(site, pages[0].source)  # the pages of a job share one source
        bundles = tuple(tuple((page.path.strip("/") + "/" + name, file) for name, file in files) for page in pages)
        own = _digest(inputs, [prints[id(page)] for page in pages], [[(name, input_state(path)) for name, path in files] for files in bundles])
        key = _digest(own, [[prints[id(post)] for post in listed] for listed in related])
        jobs.append(_Job(_file(pages[0].path), tuple(pages), related, bundles, own, key, english.get(pages[0].document_id)))
    return jobs


@dataclass(frozen=True)
class _LinkTable:
    """Which Dutch page has an English page and where (``english_of``), and which are only in Dutch:
    what an English page's links depend on besides its own text."""

    english_of: dict[str, str]
    source_only: frozenset[str]

    @classmethod
    def of(cls, model: SiteModel) -> _LinkTable:
        english_of = {dutch_path(page.document_id): page.path for page in model.in_language(model.target_language)}
        return cls(english_of, frozenset(page.path for page in model.in_language(model.source_language)) - set(english_of))

    def answer(self, path: str) -> list[object]:
        """What the table says about the page at ``path`` (a list: as the manifest keeps it)."""
        return [self.english_of.get(path), path in self.source_only]


@dataclass(frozen=True)
class _Renderer:
    """What a process that renders documents' pages needs (the model without its pages: each job brings its own)."""

    site: Site
    model: SiteModel
    table: _LinkTable
    building: Path
    out_name: str
    dates: _Dates
    templates: _Templates

    def dutch_link(self, href: str) -> str:
        return self.model.link(href) if href.startswith("/") and not href.startswith("//") else href

    def source_link(self, href: str, asked: dict[str, list[object]], dutch: str, file: str) -> str:
        """A link of a Dutch page (at ``dutch``, made of the Markdown file ``file``): to a Markdown file of the site,
        to its page (``site_link``); behind base_url's path when absolute."""
        return self.dutch_link(self.site_link(href, asked, dutch, file))

    def site_link(self, href: str, asked: dict[str, list[object]], dutch: str, file: str) -> str:
        """A link as the site's pages are named: an absolute one written behind base_url's path (``/sub/blog/x/``)
        without it (``dutch_link`` puts it back), as export's link map reads it; one to the Markdown file of a page
        (``andere-post.md#kop``, as an editor, Obsidian or GitHub links posts) as a link to that Dutch page
        (``/blog/andere-post/#kop``), as Jekyll's relative links make it; any other link as it is. The file is looked
        for as ``linked_document`` says, from the Markdown file the link is in (``file``, its path in the site) and
        from its Dutch page (``dutch``); each page looked for is noted in ``asked`` (one that comes or goes changes
        where the link leads)."""
        written = url_path(href)
        path = path_in_site(written, self.model.link(""))
        href = path + href[len(written):]
        if not path.endswith(DOCUMENT_SUFFIXES) or path.startswith("//") or SCHEME.match(path):
            return href
        found = linked_document(self.site, path, file, dutch, partial(self._has_page, asked))
        return href if found is None else dutch_path(found) + href[len(path):]

    def _has_page(self, asked: dict[str, list[object]], document_id: str) -> bool:
        """Whether the document has a page, noted in ``asked``."""
        page = dutch_path(document_id)
        asked[page] = self.table.answer(page)
        return page in self.table.english_of or page in self.table.source_only

    def english_link(
        self, href: str, asked: dict[str, list[object]], dutch: str, file: str, own: frozenset[str] = frozenset(),
    ) -> str:
        """A link of an English page: to the English of a Dutch page where there is one (noted in ``asked``), a
        Markdown file's as its page's (``site_link``: ``file`` is the Dutch page's Markdown file).
        A link relative to the Dutch page (``../andere-post/``, ``foto.jpg``, ``../files/x.pdf``) is made absolute:
        from the English page's place (``/en/…``, its English slug) it would lead elsewhere (``dutch``: the Dutch
        page's path). Only the page's own files stay as written (``own``: its bundle's, as paths of the site),
        since they are copied beside its English page too."""
        href = self.site_link(href, asked, dutch, file)
        resolved = _resolved(href, dutch)
        path = _page_of(resolved)
        asked[path] = self.table.answer(path)
        if resolved != href and url_path(resolved) not in own:
            href = resolved
        english = self.table.english_of.get(path)
        return self.dutch_link(english + href[len(url_path(href)):] if english else href)

    def source_only_link(self, href: str, dutch: str, file: str) -> dict[str, str]:
        """An English page's link to a page that is only in Dutch says so (a reader expects English)."""
        if _page_of(_resolved(self.site_link(href, {}, dutch, file), dutch)) not in self.table.source_only:
            return {}
        source, target = self.model.source_language, self.model.target_language
        return {"hreflang": source, "data-note": _words(target)["in"].format(_language_name(source, target))}


_Whole = tuple[str, Callable[[], str], str]
"""A file made of the whole site (``_aggregates``): its name, what renders it and its key."""


def _render_work(renderer: _Renderer, teller: Teller, work: list[_Whole | _Job]) -> list[Part]:
    """Render and write ``work``, documents' pages and whole-site files (in a worker process, or in the command's own)."""
    environment = renderer.templates()
    return [_render_job(renderer, environment, item) if isinstance(item, _Job) else _render_whole(renderer, *item) for item in teller.each(work)]


def _render_whole(renderer: _Renderer, name: str, render: Callable[[], str], key: str) -> Part:
    """One whole-site file written; what the manifest keeps of it."""
    return Part(key, {name: _write(renderer.building, renderer.out_name, name, render())})


def _render_job(renderer: _Renderer, environment: Environment, job: _Job) -> Part:
    """One document's pages written; what the manifest keeps of them."""
    model, source = renderer.model, renderer.model.source_language
    files: dict[str, FileState | None] = {}
    links: dict[str, list[str]] = {}
    asked: dict[str, list[object]] = {}
    allowed = None
    own = frozenset("/" + name for name, _ in job.bundles[0])  # the Dutch page's bundle files: beside the English page too
    dutch, file = job.pages[0].path, job.pages[0].source.path  # the Dutch page, and the Markdown file its links are written in
    for page, related, bundle in zip(job.pages, job.related, job.bundles):
        linked: set[str] = set()
        if page.language == source:  # the Dutch page: its body is its source's, whose HTML its English may carry
            body, allowed = markdown.render_source(
                page.body, rewrite=_noting(partial(renderer.source_link, asked=asked, dutch=dutch, file=file), linked, model.link(page.path)),
                kept=Parses.of(renderer.site.root).dutch(page.source.path),  # prerendered by the assessment
                alert_titles=_words(page.language)["alerts"],
            )
        else:
            body = markdown.render_page(
                page.body, allowed_html=markdown.html_of(page.source.body) if allowed is None else allowed,
                rewrite=_noting(partial(renderer.english_link, asked=asked, dutch=dutch, file=file, own=own), linked, model.link(page.path)),
                link_attributes=partial(renderer.source_only_link, dutch=dutch, file=file),
                prerendered=Parses.of(renderer.site.root).prerendered(*job.english) if job.english else None,
                alert_titles=_words(page.language)["alerts"],
            )
        other = model.target_language if page.language == source else source
        html = _render(environment, "page.html.j2",
            site_name=renderer.site.config.site_name, author=renderer.site.config.author, link=model.link,
            **_frame(model, page.language, other),
            page=page,
            title=page.title,
            description=page.summary,
            canonical=model.url(page.path),
            alternates=model.alternates(page),
            switch=page.counterpart,
            date=renderer.dates(page.date, page.language),
            body=body,
            related=[post for post in related if _page_of(model.link(post.path)) not in linked],
        )
        name = _file(page.path)
        files[name] = _write(renderer.building, renderer.out_name, name, html)
        links[name] = sorted({sys.intern(url) for url in html_text.page_urls(html)})  # what the broken-link warning judges (one
        # string for each link every page has: the home, the feed, the stylesheet …; the manifest keeps it once too)
        for name, path in bundle:
            files[name] = _write(renderer.building, renderer.out_name, name, path.read_bytes())
    return Part(job.key, {name: state for name, state in files.items() if state}, links, asked)


def _aggregates(
    site: Site, model: SiteModel, inputs: str, jobs: list[_Job], dates: _Dates, environment: _Templates,
) -> list[_Whole]:
    """The files made of the whole site: each language's home and feed, the sitemap, robots.txt, the 404 page,
    the style. Each as its name, what renders it and the key of what it is made of (the names and keys are
    known before anything is rendered; ``dates``: as each language writes them)."""
    target = model.target_language
    common: dict[str, object] = {"site_name": site.config.site_name, "author": site.config.author, "link": model.link}
    everything = _digest(inputs, [job.key for job in jobs]) if (site.root / "templates").is_dir() else None
    paired = bool(model.in_language(target))

    def key(shown: tuple[str, ...] = (), pages: Iterable[Page] = ()) -> str:
        """What one file is made of. The package's templates show some fields of some pages, never a text: an
        edit of a page's title changes its language's home and feed alone, of its text none of them. A site's
        own templates may show anything: then every page's every input counts."""
        if everything is not None:
            return everything
        return _digest(inputs, paired, [[getattr(page, name) for name in shown] for page in pages])

    files: list[_Whole] = []
    for language in (model.source_language, target):
        if language == target and not paired:
            continue
        listed = key(_LISTED, model.in_language(language))
        files.append((_file(model.home(language)), partial(_home, environment, model, common, dates, language), listed))
        files.append((_feed_file(model, language), partial(_feed_of, environment, model, common, language), listed))
    return [
        *files,
        ("sitemap.xml", partial(_sitemap_file, environment, model), key(_MAPPED, model.pages)),
        ("robots.txt", partial(_robots, model), key()),
        ("404.html", partial(_not_found, environment, model, common), key()),
        ("style.css", partial(_style, environment), key()),
    ]


def _moves(site: Site, model: SiteModel, static_names: set[str], orphans: Sequence[str]) -> tuple[list[Redirect], list[str], str | None]:
    """The redirects from the English addresses pages had before (see redirects) and from the Dutch addresses of the
    documents git saw renamed (``renamed_pages``: asked of git only where a PO file of the history or on disk, one of
    ``orphans``, has no document now), what is said of one where another page is now (a page of the site or of
    ``static/``: never replaced), and why there are none, if git cannot tell."""
    former = former_addresses(site)
    renamed = renames(site) if orphans or former.renamed else {}
    if not former.by_address and not renamed:
        return [], [], former.note
    taken = {"/" + name.removesuffix("index.html"): f"static/{name}" for name in static_names if name.endswith("index.html")}
    taken.update((model.home(language), "the home page") for language in (model.source_language, model.target_language))
    taken.update((page.path, f"the {page.language} page of {page.document_id}") for page in model.pages)
    english = {page.document_id: page.path for page in model.in_language(model.target_language)}
    moved, said = redirects(former, english, taken)
    dutch = {page.document_id: page.path for page in model.in_language(model.source_language)}
    moved_too, said_too = renamed_pages(site, renamed, dutch, taken)
    return [*moved, *moved_too], [*said, *said_too], former.note


def _redirect_pages(model: SiteModel, inputs: str, moved: list[Redirect], environment: _Templates) -> list[_Whole]:
    """A page at each old address that sends the reader on (``redirect.html.j2``), as files of the whole site."""
    pages = {page.path: page for page in model.pages}
    return [
        (_file(redirect.path), partial(_redirect, environment, model, redirect.target, pages[redirect.target].title, pages[redirect.target].language),
         _digest(inputs, redirect.path, redirect.target, pages[redirect.target].title))
        for redirect in moved
    ]


def _redirect(environment: _Templates, model: SiteModel, target: str, title: str, language: str) -> str:
    return _render(environment(), "redirect.html.j2",
        lang=language, words=_words(language), title=title, canonical=model.url(target), link=model.link(target),
    )


def _home(environment: _Templates, model: SiteModel, common: dict[str, object], dates: _Dates, language: str) -> str:
    source, target = model.source_language, model.target_language
    pages = model.in_language(language)
    other = target if language == source else source
    home_pair = model.home(other) if model.in_language(target) else None
    alternates = []
    if home_pair:
        homes = {source: model.url("/"), target: model.url(model.home(target))}
        alternates = [*sorted(homes.items()), ("x-default", homes[source])]
    listing = [{"page": page, "date": dates(page.date, language)} for page in _posts(model, language)]
    topics = sorted((page for page in pages if page.kind == "topics" and not page.source.is_section), key=lambda page: page.title)
    return _render(environment(), "home.html.j2",
        **common, **_frame(model, language, other), title=common["site_name"], description="",
        canonical=model.url(model.home(language)), alternates=alternates, switch=home_pair, posts=listing, topics=topics,
    )


def _feed_of(environment: _Templates, model: SiteModel, common: dict[str, object], language: str) -> str:
    return _feed(environment(), model, language, common)


def _sitemap_file(environment: _Templates, model: SiteModel) -> str:
    return _render(environment(), "sitemap.xml.j2", entries=_sitemap(model))


def _robots(model: SiteModel) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {model.url('/sitemap.xml')}\n"


def _not_found(environment: _Templates, model: SiteModel, common: dict[str, object]) -> str:
    source, target = model.source_language, model.target_language
    return _render(environment(), "404.html.j2",
        **common, **_frame(model, source, target), title="404", description="", canonical="", alternates=[],
        switch=model.home(target) if model.in_language(target) else None, target_lang=target,
    )


def _style(environment: _Templates) -> str:
    loader = environment().loader
    assert loader is not None
    return loader.get_source(environment(), "style.css")[0]  # a stylesheet, not a template


def _bundle_files(site: Site, document: Document) -> list[tuple[str, Path]]:
    """A page bundle's files (``blog/x/index.md``'s images), which go beside each of its pages: its links to
    them stay relative. Each as its name below the page and its file."""
    source = site.root / document.path
    return [(file.relative_to(source.parent).as_posix(), site.check_inside(file)) for file in site.bundle_files(source)]


def _language_name(language: str, in_language: str) -> str:
    """``Dutch`` for ``nl`` in English; the code itself for a language babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language).get_display_name(in_language) or language
    except (UnknownLocaleError, ValueError):
        return language


def _words(language: str) -> dict[str, Any]:
    """What the package's pages say in ``language`` (in English where it has no words of its own)."""
    return WORDS.get(language, WORDS["en"])


def _frame(model: SiteModel, language: str, other: str) -> dict[str, object]:
    return {
        "lang": language,
        "other_lang": other,
        "words": _words(language),
        "home": model.home(language),
        "feed": "/" + _feed_file(model, language),
    }


def _noting(rewrite: Callable[[str], str], linked: set[str], where: str) -> Callable[[str], str]:
    """``rewrite``, noting in ``linked`` the page each link of the body leads to, a relative one from ``where``
    (the page's address: ``../../blog/x/`` on a topic page leads to the post as ``/blog/x/`` does)."""

    def rewritten(href: str) -> str:
        result = rewrite(href)
        linked.add(_page_of(_resolved(result, where)))
        return result

    return rewritten


def _page_of(href: str) -> str:
    """The page a link leads to: without its fragment or query, with the trailing slash of a page path."""
    path = url_path(href)
    return path if path.endswith("/") else path + "/"


def _sharing_a_tag(page: Page, posts: list[Page]) -> list[Page]:
    """The posts that share a tag with a topic page: it lists those its text does not link to already."""
    return [post for post in posts if set(post.tags) & set(page.tags)]


def _posts(model: SiteModel, language: str) -> list[Page]:
    """Blog posts of one language, newest first (then by title, so the order is stable); a section's page is the blog's, no post."""
    posts = [page for page in model.in_language(language) if page.kind == "blog" and not page.source.is_section]
    return sorted(posts, key=lambda page: (-(page.date.toordinal() if page.date else 0), page.title))


DATES = ".cache/publish_pipeline/dates.json"
"""Each date publish wrote, as each language writes it (``_Dates``)."""


class _Dates:
    """Dates as readers of a language write them (``_date``), kept in the site's cache with the key of what
    reaches every page (``_inputs_key``: our code and Babel's version among it): Babel and its locale data
    (some 30 ms) are loaded only for a date no build wrote before, mostly a new post's. Damaged or unwritable,
    the cache only costs time."""

    def __init__(self, root: Path, inputs: str) -> None:
        self._path, self._inputs, self._new = root / DATES, inputs, False
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            known = data["dates"] if data["inputs"] == inputs else {}
        except (OSError, ValueError, KeyError, TypeError):
            known = {}
        self._known: dict[str, str] = known if isinstance(known, dict) else {}

    def __call__(self, date: datetime.date | None, language: str) -> str:
        if date is None:
            return ""
        key = f"{language} {date.isoformat()}"
        text = self._known.get(key)
        if not isinstance(text, str):
            text = self._known[key] = _date(date, language)
            self._new = True
        return text

    def fill(self, pages: Iterable[Page]) -> None:
        """Each page's date written, as it will be asked for."""
        for page in pages:
            self(page.date, page.language)

    def keep(self, pages: tuple[Page, ...]) -> None:
        """Keep the dates of ``pages`` for the next build, when one was written anew (the others are let go)."""
        if self._new:
            wanted = {f"{page.language} {page.date.isoformat()}" for page in pages if page.date}
            dates = {key: text for key, text in self._known.items() if key in wanted}
            write_cache(self._path, json.dumps({"inputs": self._inputs, "dates": dates}, ensure_ascii=False, sort_keys=True))


@cache
def _date(date: datetime.date | None, language: str) -> str:
    """A date as readers of ``language`` write it (once per date: the homes list every post's, and posts share dates)."""
    from babel.dates import format_date

    return format_date(date, "long", locale=_locale(language)) if date else ""


@cache
def _locale(language: str):  # type: ignore[no-untyped-def]
    """Babel's locale of ``language``, looked up once (``format_date`` would parse its name on every call)."""
    from babel import Locale

    return Locale.parse(_LOCALES.get(language, language))


def _feed_file(model: SiteModel, language: str) -> str:
    return "feed.xml" if language == model.source_language else f"{language}/feed.xml"


def _feed(environment: Environment, model: SiteModel, language: str, common: dict[str, object]) -> str:
    posts = [
        {"page": page, "url": model.url(page.path), "updated": f"{(page.date or datetime.date(2000, 1, 1)).isoformat()}T00:00:00Z"}
        for page in _posts(model, language)
    ]
    updated = max((item["updated"] for item in posts), default="2000-01-01T00:00:00Z")
    return _render(environment, "feed.xml.j2",
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


def _broken_links(site: Site, model: SiteModel, links: dict[str, set[str]], names: set[str], drafts: frozenset[str]) -> Iterator[str]:
    """Links inside the site that lead to no page or file of it, a relative one from the page it is on (each
    place judged once, however many pages link to it), each said where it is written: one the English page has
    from its Dutch page (it leads to the same place) once, at the Dutch, for both pages. ``drafts``: the documents
    marked ``draft: true`` (a link to one's Markdown file says so)."""
    base, prefix = own_address(site.config), model.link("/").rstrip("/")
    missing: dict[str, str | None] = {}
    hrefs: set[str] = set().union(*links.values())
    # A link that is not relative leads to the same place from every page: each is judged once here, and of a
    # page's links only those that lead nowhere or depend on the page are looked at (most pages: none)
    relative = {href for href in hrefs if _resolved(href, "/") != href}
    doubtful = relative | {href for href in hrefs - relative if _missing(href, base, prefix, names)}
    broken: dict[str, dict[str, str]] = {}  # by page path: each of its links that lead nowhere, and where it leads
    for page in model.pages:
        for href in sorted(links.get(_file(page.path), set()) & doubtful):
            target = _resolved(href, page.path)
            if target not in missing:
                missing[target] = _missing(target, base, prefix, names)
            if missing[target]:
                broken.setdefault(page.path, {})[href] = missing[target]
    moved = cache(lambda: dict(renames(site).values()))  # git asked once, and only for a link to a Markdown file that has no page
    for page in model.pages:
        dutch = page.language == model.source_language
        counterpart = set(broken.get(page.counterpart, {}).values()) if page.counterpart else set()
        for href, path in broken.get(page.path, {}).items():
            if not dutch and path in counterpart:
                continue  # the Dutch page's link: said there
            on = f"{page.path} and {page.counterpart}" if dutch and path in counterpart else page.path
            if path.endswith(DOCUMENT_SUFFIXES):
                of_dutch = page.path if dutch or not page.counterpart else page.counterpart  # the page the file is written for
                why = no_page(site, drafts, moved, str(page.source.path), of_dutch, href if _resolved(href, "/") != href else path, page.older)  # a relative one as written
                yield f"{_written_at(site, page, href, prefix)}: {broken_link(href, on, why)}"
                continue
            yield f"{_written_at(site, page, href, prefix)}: {no_file(path, on, prefix, page.older)}"


def _bases(site: Site, model: SiteModel) -> Iterator[str]:
    """Each ``<base href>`` in a Dutch page's raw HTML (its English page has it too): it makes every relative link of
    the page lead from the address it names, which the site's links (and the English page's) do not expect."""
    for page in model.in_language(model.source_language):
        body = page.source.body
        if not _BASE.search(body):
            continue
        for line in _base_lines(body):
            yield (f"{site.relative(site.root / page.source.path)}:{page.source.body_line + line + 1}: <base href> in the page's HTML "
                   f"makes every relative link of {page.path} and of its English page lead from the address it names — remove it; "
                   "link relative to the page")


def _base_lines(body: str) -> Iterator[int]:
    """The line (from 0) of each ``<base href>`` of a body's raw HTML, an HTML block's or an inline tag's (one in code
    is text)."""
    for token in markdown.parse(body):
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            yield from (line + token.content.count("\n", 0, tag.start) for tag in html_text.markup(token.content) if _is_base(tag))
        for child in token.children or []:
            line += child.type in ("softbreak", "hardbreak")
            if child.type == "html_inline":
                if any(_is_base(tag) for tag in html_text.markup(child.content)):
                    yield line
                line += child.content.count("\n")


def _is_base(tag: html_text.Markup) -> bool:
    return tag.tag == "base" and any(attribute[0] == "href" for attribute in tag.attributes)


_BASE = re.compile(r"<[bB][aA][sS][eE][\s/]")


def _written_at(site: Site, page: Page, href: str, prefix: str = "") -> str:
    """Where the author (a Dutch page) or the translator (an English one) wrote ``href``: the file, and the line
    of its first use when it is there as written (or escaped, as markdown-it escapes ``café.md``), or written without
    ``prefix`` (base_url's path, which the page's link has), or (on an English page) relative to the Dutch page, as
    ``_Renderer.english_link`` makes it absolute."""
    if page.older:  # the English live from an earlier approved version: the link is in that commit's PO file
        return f"{site.relative(site.catalog_path(page.document_id))} (its live, earlier approved version; the update waits for review)"
    if page.language == site.config.source_language:
        path, text, before = site.root / page.source.path, page.source.body, page.source.body_line  # where it was read
        origin: str | None = page.path
    else:
        path, before, origin = site.catalog_path(page.document_id), 0, page.counterpart
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return site.relative(path)
    line = written_line(text, href)
    if not line and origin:  # written without base_url's path, or relative to the Dutch page
        at = next((m.start(1) for m in markdown.WRITTEN_URL.finditer(text) if prefix + _resolved(m.group(1), origin) == href), -1)
        line = text.count("\n", 0, at) + 1 if at >= 0 else 0
    return site.relative(path) + (f":{before + line}" if line else "")


@contextmanager
def _building(out: Path, static: Path | None, expected: set[str], spare: Path) -> Iterator[_Building]:
    """The folder to write the whole site in, ``static/`` copied into it; swapped in for ``out`` at the end,
    so a reader never sees half a site.

    It is the site before the current one (``replacing``'s ``spare``), whose files are mostly the current
    site's own (hard links): a carried-over file already there is kept, not linked again. Of what it
    holds only the files this build writes (``expected``) and their folders stay, and every one of
    those is then replaced, or found to be the current site's: the folder ends as a cold build's.
    """
    with replacing(out, "publish", spare=spare) as folder:
        building = _Building(folder, out, *_holdings(folder))
        building.keep_only(expected)
        if static:
            try:
                building.copy_static(static)
            except OSError:  # a file of static/ where a folder is: start from nothing, as a cold build does
                empty(folder)
                building = _Building(folder, out, {}, set())
                building.copy_static(static)
        yield building


@dataclass
class _Building:
    """The folder a site is built in (in place of the output ``out``), and the files an earlier site left in
    it (by name: each one's inode) and its folders."""

    path: Path
    out: Path
    files: dict[str, int]
    folders: set[str]

    @property
    def out_name(self) -> str:
        return self.out.name

    def keep_only(self, names: set[str]) -> None:
        """Remove the files not in ``names`` (but the marker), then the folders that hold none of them."""
        files, folders = self.files.keys() - names - {MARKER}, self.folders - folders_of(names)
        for name in [*files, *sorted(folders, reverse=True)]:  # the deepest folder first: each is empty by then
            try:
                (os.rmdir if name in folders else os.unlink)(self.path / name)
            except OSError as error:
                raise file_system_error(error, f"{self.out_name}/{name}") from None
        for name in files:
            del self.files[name]
        self.folders -= folders

    def place(self, name: str, state: FileState) -> FileState | None:
        """A file of the current output (as ``state`` says it is) in the folder being built; its state there, or None.

        Where the folder was the site before, the file is mostly there already (the same inode: kept);
        else it is hard-linked (or, where that fails, copied) into a folder made once.
        """
        if self.files.get(name) == state[2]:
            return state
        source, target = os.path.join(self.out, name), os.path.join(self.path, name)
        try:
            self._make_folder(os.path.dirname(name))
            if name in self.files:
                os.unlink(target)  # an older version of the file (never written into: it may be the current site's)
            try:
                os.link(source, target, follow_symlinks=False)
            except FileExistsError:  # a file of static/ that the page takes the place of
                os.unlink(target)
                os.link(source, target, follow_symlinks=False)
        except OSError:
            try:
                shutil.copyfile(source, target, follow_symlinks=False)  # another file system, or no hard links
            except OSError:
                return None
            return file_state(target)
        self.files[name] = state[2]
        return state

    def _make_folder(self, folder: str) -> None:
        """A folder of the site being built (and those above it), made once."""
        if folder and folder not in self.folders:
            try:
                os.mkdir(os.path.join(self.path, folder))  # mostly the one above is there: one call
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(os.path.join(self.path, folder), exist_ok=True)
            self.folders |= folders_of([folder + "/"])

    def copy_static(self, static: Path) -> None:
        """``static/`` copied in (never written into a file that is there: it may be linked to the current site)."""

        def copy(source: str, target: str) -> None:
            if os.path.lexists(target):
                os.unlink(target)  # a folder cannot be unlinked: OSError
            self.files.pop(os.path.relpath(target, self.path).replace(os.sep, "/"), None)  # no longer the file it was
            shutil.copy2(source, target)

        shutil.copytree(static, self.path, dirs_exist_ok=True, symlinks=False, ignore=_skip_links_out(static), copy_function=copy)


def _holdings(folder: Path) -> tuple[dict[str, int], set[str]]:
    """The regular files in ``folder`` (site-relative names, each with its inode) and its folders; anything
    else in it (a link, a pipe) is removed: the folder being built holds no link."""
    files: dict[str, int] = {}
    folders: set[str] = set()
    todo = [""]
    top = str(folder)
    while todo:
        below = todo.pop()
        with os.scandir(f"{top}/{below}" if below else top) as entries:  # strings: a Path for each of thousands of folders costs more than the scan
            for entry in entries:
                name = f"{below}/{entry.name}" if below else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(name)
                    todo.append(name)
                elif entry.is_file(follow_symlinks=False):
                    files[name] = entry.inode()
                else:
                    os.unlink(entry.path)
    return files, folders


def _write(building: Path, out_name: str, name: str, content: str | bytes) -> FileState | None:
    """Write one file of the site being built (in place of any file of that name: never into it, as it may be
    linked to the current site's); its state as written."""
    if os.path.isabs(name) or os.path.normpath(name).split(os.sep)[0] == "..":  # the folder being built holds no link
        raise PipelineError(name, "would be written outside the site folder")
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    try:
        with open(_created(os.path.join(building, name)), "wb") as file:
            file.write(data)
            file.flush()  # the state as written: its size and time once the bytes are in
            found = os.fstat(file.fileno())
    except OSError as error:  # named as the reader will know it: the page in the output, not the folder being built
        raise file_system_error(error, f"{out_name}/{name}") from None
    return state_of(found)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _created(target: str) -> int:
    """A new file at ``target``, open for writing (its folder made, a file of that name removed first). Tried
    first as it mostly goes: one call where ``target``'s folder is there and it is not (a cold build's later
    files), where checking first would cost three or four a file."""
    try:
        return os.open(target, _NEW_FILE, 0o666)
    except (FileNotFoundError, NotADirectoryError):
        try:
            os.mkdir(os.path.dirname(target))  # a cold build's page folder: the one above is mostly there
        except OSError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
    except FileExistsError:
        os.unlink(target)
    return os.open(target, _NEW_FILE, 0o666)


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
