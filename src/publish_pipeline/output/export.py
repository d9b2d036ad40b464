"""``export``: the content other generators read, in their own conventions.

For a site in the default layout, every Dutch document goes to
``OUT/nl/<kind>/<slug>.md`` as written (but for a link to another page's Markdown file,
which Hugo does not resolve: it leads to that page, as publish's does), and its English counterpart to
``OUT/en/<kind>/<slug>.md`` (Hugo's translation by content folder) when it is live,
exactly as ``publish`` serves it (see live): the current approval, or, while an update
waits for review, the last approved version from git's history, at the slug it was
approved with (and left out where publish leaves it out: its URL is another page's).
A page bundle stays one (``<slug>/index.md`` and its files, in both languages).

For an existing Hugo or Jekyll site (``layout`` in ``pipeline.yaml``), the English
goes where that generator looks for it, inside the site's own content: ``post.en.md``
beside ``post.md``, ``content/en/…`` beside ``content/nl/…``, ``en/_posts/…`` — the
same path as the Dutch, so that Hugo pairs the two as translations (it pairs by path;
a ``translationKey`` the author set is carried over as it is). Its front matter is
the Dutch one with the translated fields and ``slug`` replaced in place; an ``url``
or ``permalink`` gets the language and the English slug, ``aliases``/``redirect_from`` are
emptied (the old addresses are the Dutch page's) but for the English page's own former addresses (see redirects), a Jekyll post gets the site's own
``permalink`` pattern under the language (``_for_generator``); nothing else changes in it. In every layout the
English body's links lead where publish's do (see ``link_map``). A page
bundle's files are copied into the English bundle when that is a folder of its own.

Files that a previous export wrote and that are no longer due are removed. The
export keeps a list of what it wrote (``.publish-pipeline-export``, in the output
folder, or in the site folder when it writes into the site's content), and never
replaces or removes a file that list does not name: an English file the author
wrote herself stays hers (export reports it and writes nothing there). Nor one
that someone changed since export wrote it: the change stays until the file is
deleted, and export says where it is and what to do. The list
says of each file which verdict it was written from and the SHA-256 of what was
written: a file that still holds that, of a document whose verdict is the same
(``status`` keeps it), is neither made nor written again.

A document that cannot be read is reported; it keeps what the previous export
wrote for it (its Dutch copy is refreshed as written, its English stays), so one
broken file never takes a page off the site.

English that the gate lets through is not exported all the same when it carries
what the published site would show as text (raw HTML the Dutch does not have, a
link that is not http, https, mailto or relative): another generator renders the
exported Markdown with settings we do not know, and a rewrite behind the
translator's back would publish text nobody reviewed. Such an approval waits as an
update does, with the reason: the last approved version export takes stays
(``live_english(exported=True)``), and with none the English is held back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache, cached_property, partial
from typing import Any
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from markdown_it.token import Token

from ..text.document import REDIRECTS, Document, read_in_site
from ..text.hugo_rendering import build_options, cascading_sections, hugo_document
from ..errors import OutputError, PipelineError, excerpt
from ..plumbing.outputs import MARKER, claim, locate
from ..plumbing.progress import Phases
from ..plumbing.files import NotAFile, read_file_bytes, write_atomic
from ..plumbing.git_exclude import ADOPTED, MANIFEST, exclude, tracked
from ..text.slugs import FIXED_SLUG, SLUG
from ..site import Site
from ..jekyll_config import JEKYLL_CONFIG, exclude_own, published_own, published_problem
from ..catalogs.catalog import read_adopted_english
from ..catalogs.extraction import SourceUnit, load_unit
from ..quality.live import OLDER, Live, LiveSite, drafted, live_english, refusal_reasons, refused_english, unlinked_notes
from ..quality.gate import own_name
from ..quality.status import DocumentStatus, SiteStatus, assess_site
from ..text import markdown
from ..text.addresses import collection_path, generator_url, jekyll_address, page_address, post_pattern
from .hugo_config import language_problem
from .link_map import GeneratorPages, LinkMap, addressing_front_matter, as_written, hugo_file_links, jekyll_link_tags, unknown_addresses
from .redirects import NO_REDIRECTS, REDIRECT_PLUGIN, former_slugs, jekyll_redirects
from .pages import _english_page


@dataclass(frozen=True)
class ExportReport:
    """Documents exported in each language, those held back (with why), and errors.

    ``older``: the documents of ``translated`` whose English is an earlier approved version while
    their update waits (as ``publish`` serves it; ``Live.summary`` says which and why). ``note``:
    why git history was not read, if it was not. ``written``, ``removed``, ``kept``: files written
    anew, removed (no longer due), and left as they were. ``made``: each file this export wrote (the list of
    them too) as it left it (size, modification time, inode), or removed (``[]``): what changed by its doing.
    """

    source: tuple[str, ...]
    translated: tuple[str, ...]
    held_back: tuple[tuple[str, tuple[str, ...]], ...]
    errors: tuple[PipelineError, ...]
    older: tuple[Live, ...] = ()
    note: str | None = None
    written: int = 0
    removed: int = 0
    kept: int = 0
    made: dict[Path, list[int]] = field(default_factory=dict)
    links: str | None = None
    """Why the links of some English files are left as written (the generator's addresses are not known), if so."""
    taken_over: tuple[str, ...] = ()
    """The English files adopt claimed that this export wrote over and that git tracks: built from now on, they
    are to leave git (a committed one no longer holds what the claim says, and the next export would refuse it)."""
    file_links: tuple[str, ...] = ()
    """Where the author's own Dutch files link in a way the generator does not follow: a Hugo site's a page by its
    Markdown file, which Hugo shows as written (``link_map.hugo_file_links``); a Jekyll site's ``{% link %}`` that
    finds no document, on which Jekyll stops the build (``link_map.jekyll_link_tags``): warnings, with what to write
    instead."""


def export(
    site: Site, out: Path | None = None, *, on_document: Callable[[str], None] | None = None, progress: Phases | None = None,
) -> ExportReport:
    """Write the content tree into ``out`` (default ``build/content`` in the site), or — for a Hugo or
    Jekyll site and no ``out`` — the English into the site's own content folders.

    A document whose verdict (and so its source and PO file) is the one this folder's files were
    written from, and whose files still hold what was written, is not read or written again.
    ``on_document``: told of each document as its files are done; ``progress``: the phases "assessing" and "exporting".
    """
    try:
        return _export(site, out, on_document, progress)
    finally:  # folders are resolved, and lines of the list made, once per export: never kept for the next one
        _resolved.cache_clear()
        _line.cache_clear()


def _export(site: Site, out: Path | None, on_document: Callable[[str], None] | None, progress: Phases | None) -> ExportReport:
    """``export``, whose caches (``_resolved``, ``_line``) are emptied however this ends."""
    in_place = site.writes_in_place and out is None
    if in_place:
        refusal = language_problem(site)
        if refusal is not None:  # Hugo would build the English in the Dutch pages' place, or unpaired: nothing is written
            raise refusal
        excluded = _exclude_own(site)
        report = _export_into(site, site.root, True, on_document, progress)
        return replace(report, note="; ".join(filter(None, [excluded, report.note]))) if excluded else report
    out = locate(site, out, "build/content")
    new = not os.path.lexists(out)
    out = claim(site, out, "export", adopt=lambda folder: (folder / MANIFEST).is_file())
    try:
        return _export_into(site, out, False, on_document, progress)
    except BaseException:
        if new:  # a folder this export made and could not fill is not left behind, empty
            _remove_unfilled(out)
        raise


def _exclude_own(site: Site) -> str | None:
    """Where ``jekyll build`` would publish publish_pipeline's own files (``jekyll_config.published_own``: the PO
    files, their drafts unreviewed), add them to the ``exclude:`` of ``_config.yml`` and say so; refuse where that
    cannot be done safely, with the lines to add. None where Jekyll leaves them out (or the site is no Jekyll site)."""
    published = published_own(site)
    if not published:
        return None
    if not exclude_own(site, published):
        raise published_problem(site, published)
    site.__dict__.pop("jekyll", None)  # read again, as Jekyll reads it at its next build
    return f"{JEKYLL_CONFIG}: added {', '.join(published)} to exclude: — jekyll build would have published them; commit it"


def _remove_unfilled(out: Path) -> None:
    """Remove the folder ``out`` that an export made, where it holds nothing but its marker."""
    try:
        if {entry.name for entry in os.scandir(out)} <= {MARKER}:
            shutil.rmtree(out)
    except OSError:
        pass  # the error being raised says what went wrong


def _export_into(
    site: Site, out: Path, in_place: bool, on_document: Callable[[str], None] | None, progress: Phases | None,
) -> ExportReport:
    """``_export`` into the folder ``out``: the site's own where ``in_place``, else one ``claim`` made ours."""
    made: Made = {}
    if not in_place:
        _made(made, out / MARKER)  # written by ``claim`` into a new folder
    previous = _replaceable(site) if in_place else _written_before(out)
    sources: dict[str, Path] = {}
    placed: dict[str, tuple[Path | None, Path]] = {}

    def source_file(location: str) -> Path:
        """The path of the document at ``location`` (relative to the site), made once in an export."""
        found = sources.get(location)
        if found is None:
            found = sources[location] = site.root / location
        return found

    def places(location: str) -> tuple[Path | None, Path]:
        """Where the document at ``location`` goes (``_places``): asked two or three times for each document."""
        found = placed.get(location)
        if found is None:
            found = placed[location] = _places(site, out, source_file(location), in_place)
        return found

    def to_write(verdict: DocumentStatus, links: LinkMap | None = None) -> bool:
        """Whether a reused verdict's English is to be written: its file does not hold what was written from it, or
        ``links`` answers its links otherwise than then (None: not asked, before the map is known)."""
        name = _name(out, places(verdict.source or "")[1])
        made_from = (previous.get(name) or [""])[0]
        fingerprint, _, asked = made_from.partition("+")
        if not verdict.publishable or verdict.refused or fingerprint != verdict.fingerprint + addressing:
            return verdict.publishable and not verdict.refused
        if links is not None and not links.answers_as(asked, verdict.document_id):
            return True
        if name not in held:  # asked again once the map is known: the file was read once
            held[name] = _intact(out, name, made_from, previous)
        return not held[name]

    held: dict[str, bool] = {}
    addressing = _addressing(site) if in_place else ""

    pages = GeneratorPages.of(site)
    address = pages and pages.english_address  # the addresses two documents' English must not share
    status = assess_site(site, reuse=True, detail=False, english=True, wanted=to_write, prerender=False, progress=progress, english_address=address)
    live = live_english(site, status, exported=True)  # English it refuses now: its last version it does not, if any
    older, clashes = _older_english(site, status, live, pages)
    bundles = {verdict.source: site.bundle_files(source_file(verdict.source)) for verdict in status.documents if verdict.source}
    links = _link_map(site, status, older, clashes, in_place, bundles, pages)
    former, redirect_note = _former_slugs(site, links) if in_place else (({}, frozenset()), None)
    if any(verdict.english is None and verdict.document_id not in older and to_write(verdict, links) for verdict in status.documents):
        status = assess_site(
            site, reuse=True, detail=False, english=True, wanted=partial(to_write, links=links), prerender=False, progress=progress, english_address=address,
        )
    source, translated, held_back, errors = [], [], [], list(status.errors)
    english_sources: list[str] = []
    wanted: dict[str, Record] = {}
    writes: list[tuple[Path, str]] = []
    read = set()
    written = 0
    advance = progress("exporting", len(status.documents)) if progress else None
    for document_status in status.documents:
        location = document_status.source or ""
        read.add(location)
        source_path = source_file(location)
        dutch_path, english_path = places(location)
        made_from = document_status.fingerprint
        files = bundles[location] if location in bundles else site.bundle_files(source_path)
        version = older.get(document_status.document_id)
        if version is None:
            reasons = (*clashes.get(document_status.document_id, ()), *document_status.reasons) or refusal_reasons(document_status.refused)
            english = _english_text(site, document_status, in_place, links, former)
            english_from = made_from + addressing if made_from else ""
            if document_status.english is not None and made_from:  # with what the map answered its links
                english_from += "+" + links.asked(document_status.english, document_status.document_id)
        else:  # an earlier approved version: its text is at hand, and compared with the file (it is no verdict's)
            reasons, english, english_from = refusal_reasons(version.refused), partial(version.text, site, in_place, links, former), ""
        dutch = [] if dutch_path is None else _steps(site, out, source_path, files, dutch_path, *_dutch_copy(site, source_path, document_status, links), previous, location)
        steps = dutch + ([] if reasons else _steps(site, out, source_path, files, english_path, english, english_from, previous, document_status.catalog or ""))
        done = 0
        try:
            for step in steps:
                written += step(wanted, writes, made)
                done += 1
        except PipelineError as error:  # this document's files are not written (what the last export wrote stays); the others are
            errors += [error, *_refusals(steps[done + 1:])]  # every file of it that export refuses, at once
            _keep_written(site, out, source_path, in_place, previous, wanted, files)
        if done >= len(dutch):  # its Dutch copy written (a site written in place has none)
            source.append(document_status.document_id)
            if reasons:
                held_back.append((document_status.document_id, reasons))
            elif done == len(steps):
                translated.append(document_status.document_id)
                english_sources.append(location)
        if len(writes) >= WRITE_BATCH:
            written += _write_batch(out, previous | wanted, writes, made)
        if on_document:
            on_document(location)
        if advance:
            advance(1, location)
    for path in site.source_paths():  # what could not be read keeps what the previous export wrote for it
        if site.relative(path) not in read:
            _keep(site, out, path, in_place, previous, wanted, writes)
    if in_place and site.config.layout.startswith("hugo"):
        errors += _english_sections(site, out, map(source_file, english_sources), previous, wanted, writes)
    written += _write_batch(out, previous | wanted, writes, made)
    removed, changed = _forget_stale(out, previous, wanted, made, settled=not written)
    errors += [_changed_by_hand(site, out / name, "export would remove it (it is no longer due) and leaves it", KEEP_FIRST) for name in changed]
    taken_over: list[str] = []
    if in_place:  # built from the PO files in every clone, never committed
        exclude(out, [MANIFEST, *(name for name, record in wanted.items() if not _adopted(record))])  # not the author's
        taken_over = tracked(out, (name for name, record in wanted.items() if _adopted(previous.get(name)) and not _adopted(record)))
    return ExportReport(
        tuple(source), tuple(translated), tuple(held_back), tuple(errors),
        tuple(version.live for document_id, version in older.items() if document_id in translated),
        "; ".join(filter(None, [live.note, redirect_note])) or None,
        written, removed, len(wanted) - written, made, links.unknown, tuple(taken_over),
        tuple([*hugo_file_links(site, status.documents, links), *jekyll_link_tags(site, status.documents), *links.unknown_links(status.documents), *links.unfound_refs()]
              if in_place else []) + tuple(unlinked_notes(site, live)),
    )


def _english_sections(
    site: Site, out: Path, sources: Iterable[Path], previous: Records, wanted: Records, writes: list[tuple[Path, str]],
) -> list[PipelineError]:
    """The English of each section whose ``cascade`` reaches a document whose English this export writes (``sources``:
    their Dutch files), where the section's own English is not written (not approved yet, held back): the section's
    build options alone (``hugo_rendering.build_options``), in the front-matter format of the Dutch one. Hugo reads a
    cascade in each language from that language's own section file: without it, it builds the English of a headless
    snippet (hugoDocs' ``_common/``) as a page. An English section file the author wrote herself stays hers."""
    known: dict[str, Path | None] = {}
    sections = dict.fromkeys(section for source in sources for section, _ in cascading_sections(site, source, known))
    errors: list[PipelineError] = []
    for section in sections:
        english = site.english_file(section)
        name = _name(out, english)
        if name in wanted or (name not in previous and english.exists()):
            continue
        dutch = hugo_document(site, section)
        text = _front_matter(build_options(dutch), dutch)
        try:
            _plan(site, out, english, lambda: text, "", previous, wanted, writes, site.relative(section))
        except PipelineError as error:
            errors.append(error)
    return errors


def _front_matter(values: dict[str, Any], like: Document | None) -> str:
    """A file of front matter alone holding ``values``, in the format of the document ``like`` (YAML where there is
    none), between its fences (Hugo's: none around a JSON object, ``+++`` lines around TOML, else ``---`` lines)."""
    if like is not None and like.format == "json":
        return json.dumps(values, ensure_ascii=False, indent=2, default=str) + "\n"
    if like is not None and like.format == "toml":
        import tomlkit  # as document.py: only where a file has TOML front matter

        return like.fences[0] + tomlkit.dumps(values) + like.fences[1].rstrip("\n") + "\n"
    fences = like.fences if like is not None else ("---\n", "---\n")
    return fences[0] + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + fences[1].rstrip("\n") + "\n"


def _older_english(
    site: Site, status: SiteStatus, live: LiveSite, pages: GeneratorPages | None = None,
) -> tuple[dict[str, Older], dict[str, tuple[str, ...]]]:
    """The documents whose English is an earlier approved version that ``publish`` serves (see live), and those
    whose earlier version it does not serve, with why: its URL is another page's (a current English page keeps
    its URL; of two earlier versions, the one approved first), or its slug is no slug. ``pages``: where a Hugo or
    Jekyll site's generator serves each English (the URLs compared there), if known."""
    addressed = pages.served_at(status) if pages else status
    current = {document.english_url.path for document in addressed.documents if document.publishable and not document.refused and document.english_url}
    by_path: dict[str, list[Older]] = {}
    refused: dict[str, tuple[str, ...]] = {}
    for document in status.documents:
        served = live.documents.get(document.document_id)
        if served is None or served.state != OLDER or served.english is None or document.source is None:
            continue
        try:  # a reused verdict comes without the Dutch: read again (from the parse kept), for these few
            dutch = document.unit or load_unit(site, site.root / document.source, catalog=False)
            path = _english_page(site, dutch.document, served.english, dutch.document.path, older=True).path
            path = pages.english_at(document.document_id, dutch.document.front_matter, path, document.source) if pages else path
        except PipelineError as error:
            refused[document.document_id] = (f"its approved version of {(served.commit or '')[:10]}: {error.problem}",)
            continue
        by_path.setdefault(path, []).append(Older(served, dutch))
    older = {}
    for path, rivals in by_path.items():
        for version in rivals:
            served = version.live
            if path in current or any(other.live.age >= served.age for other in rivals if other is not version):
                refused[served.document_id] = (f"its approved version of {(served.commit or '')[:10]} has the English URL {path}, which another page has now",)
            else:
                older[served.document_id] = version
    return older, refused


@dataclass(frozen=True)
class Older:
    """An earlier approved version's English that export writes (``live.english``: its links to Dutch documents renamed
    since lead to their new names, ``links.renamed_links``), and the Dutch as it is now."""

    live: Live
    dutch: SourceUnit

    @property
    def english(self) -> str:
        assert self.live.english is not None
        return self.live.english

    @cached_property
    def _parsed(self) -> tuple[Document, list[Token], tuple[markdown.UrlSpan, ...]]:
        """The English document, its body's tokens and where the link URLs of its body are: one parse for both
        what export refuses in it and its links (``link_map.url_spans``)."""
        document = self.dutch.document.read_as_this(self.english)
        urls: list[markdown.UrlSpan] = []
        tokens = markdown.parse_keeping_every_link(document.body, urls=urls)
        return document, tokens, tuple(urls)

    @cached_property
    def refused(self) -> tuple[str, ...]:
        """What export refuses in this English (``live.refused_english``: never more than the Dutch as it is now lets
        through): nothing when ``live_english(exported=True)`` judged so already (``Live.refused_nothing``), else
        judged here (a version it served without asking: its ``last_readable``)."""
        if self.live.refused_nothing:
            return ()
        document, tokens, _ = self._parsed
        return refused_english(self.english, self.dutch, (document.body, tokens))

    def text(self, site: Site, in_place: bool, links: LinkMap, former: Former) -> str:
        """The English as the site's generator wants it: the ``url``/``permalink`` it was approved with (the Dutch's
        of that version, which its English carries) under the language and its English slug; its links mapped."""
        parsed, _, urls = self._parsed
        text = _for_generator(site, parsed, self.english, parsed, former) if in_place else self.english
        return links.rewrite(text, parsed.id, parsed.body, urls, earlier=True)


def _link_map(
    site: Site, status: SiteStatus, older: dict[str, Older], clashes: dict[str, tuple[str, ...]], in_place: bool,
    bundle_files: Mapping[str, list[Path]], addressing: GeneratorPages | None,
) -> LinkMap:
    """The link map of this export: every Dutch document, with the slug of the English this export writes, and the
    files of each page bundle (``bundle_files``, by source: they lie beside its English page too, so links to them
    stay relative); ``addressing``: the front matter the assessment's clashes read (``GeneratorPages``), if any."""
    pages: list[tuple[str, Mapping[str, Any], str | None]] = []
    bundles: dict[str, list[str]] = {}
    sources = {verdict.document_id: verdict.source for verdict in status.documents if verdict.source}
    for verdict in status.documents:
        if verdict.source:
            files = bundle_files[verdict.source]
            bundles[verdict.document_id] = [_name((site.root / verdict.source).parent, file) for file in files] if files else []
        version = older.get(verdict.document_id)
        if drafted(verdict):
            continue  # no page (the generator builds none): a link to it stays as written, as publish leaves it
        try:
            if version is not None:
                dutch = version.dutch.document
                english = _english_page(site, dutch, version.english, dutch.path, older=True)
                pages.append((dutch.id, dutch.front_matter, None if version.refused else english.path.rstrip("/").rsplit("/", 1)[-1]))
                continue
            front = addressing.front(verdict) if addressing else verdict.unit.document.front_matter if verdict.unit else addressing_front_matter(site, verdict)
        except PipelineError:
            continue  # reported by status; its links and the links to it stay as written
        exported = verdict.english_url and not verdict.reasons and not verdict.refused and verdict.document_id not in clashes
        pages.append((verdict.document_id, front, verdict.english_url.path.rstrip("/").rsplit("/", 1)[-1] if exported and verdict.english_url else None))
    return LinkMap.of(site, in_place, pages, bundles, sources)


def _english_text(site: Site, status: DocumentStatus, in_place: bool, links: LinkMap, former: Former) -> Callable[[], str] | None:
    """What makes the text of a document's English file, its links mapped; None when its verdict came without
    its English (its file holds it already: see ``export``'s ``to_write``)."""
    english, unit = status.english, status.unit
    if english is None or unit is None:
        return None
    text = partial(_for_generator, site, unit.document, english, status.english_document, former) if in_place else partial(str, english)
    body = status.english_document.body if status.english_document else None
    return lambda: links.rewrite(text(), status.document_id, body, status.english_urls if body is not None else None)


def _places(site: Site, out: Path, source_path: Path, in_place: bool) -> tuple[Path | None, Path]:
    """Where a document's Dutch copy (None: it stays where it is) and its English go.

    Into the site's own content for a Hugo or Jekyll site; else ``out/nl/…`` and
    ``out/en/…`` with the file's path below the source folder (a bundle stays a bundle).
    """
    if in_place:
        return None, site.english_file(source_path)
    below = _below_source(site, source_path)
    return out / f"{site.config.source_language}/{below}", out / f"{site.config.target_language}/{below}"


def _below_source(site: Site, source_path: Path) -> str:
    """A document's path in the ``nl/`` + ``en/`` tree of ``--out``: below the source folder (a Jekyll post's below
    ``_posts/``); a Jekyll page or collection's document, which is not there, by its path in the site."""
    folder, place = site.relative(site.source_dir) + "/", site.relative(source_path)
    return place.removeprefix(folder)


def _name(out: Path, path: Path) -> str:
    """A written file's name in the list: relative to the output folder, slash-separated (as ``relative_to`` says;
    from the paths' text, not parsed again: an export names thousands of files, several times each)."""
    folder, file = str(out), str(path)
    if file.startswith(folder) and file[len(folder):len(folder) + 1] == os.sep:
        return file[len(folder) + 1:].replace(os.sep, "/")
    return path.relative_to(out).as_posix()


def _dutch_copy(site: Site, source_path: Path, verdict: DocumentStatus, links: LinkMap) -> tuple[Callable[[], str], str]:
    """What makes the text of a document's Dutch copy, and what it is made from: the Dutch as written, but for its
    links to other pages' Markdown files, which lead to those pages (``LinkMap.dutch_link``: Hugo does not resolve
    them); the verdict, and what the map answers those links (``DocumentStatus.links``: the file is made again when
    it answers otherwise, as an English file is)."""
    text = partial(_source_text, site, source_path)
    page = links.dutch.get(verdict.document_id)
    answers = [[url, links.dutch_link(url, page)] for url, _ in verdict.links if page is not None and not url.startswith("[[")]
    if all(url == answer for url, answer in answers):
        return text, verdict.fingerprint
    return (lambda: links.rewrite_dutch(text(), verdict.document_id, verdict.link_places)), verdict.fingerprint + "+" + json.dumps(answers, separators=(",", ":"))


def _source_text(site: Site, source_path: Path) -> str:
    return site.source_bytes(source_path).decode("utf-8-sig")  # never opens a named pipe


def _keep(site: Site, out: Path, source_path: Path, in_place: bool, previous: Records, wanted: Records, writes: list[tuple[Path, str]]) -> None:
    """Keep the previous export's files of a document that cannot be read now (its error is reported by status):
    its English and its bundle's files stay, its Dutch copy is refreshed as written when it can be read as text."""
    _keep_written(site, out, source_path, in_place, previous, wanted)
    dutch_path = _places(site, out, source_path, in_place)[0]
    if dutch_path is not None:
        try:
            _plan(site, out, dutch_path, partial(_source_text, site, source_path), "", previous, wanted, writes)
        except (OSError, UnicodeDecodeError, PipelineError):
            pass  # the Dutch copy of before stays (a named pipe, too, is never opened)


def _keep_written(
    site: Site, out: Path, source_path: Path, in_place: bool, previous: Records, wanted: Records, files: list[Path] | None = None,
) -> None:
    """Keep what the previous export wrote for a document of which this one writes no more (it cannot be read, or one
    of its files may not be written): its pages and its bundle's files (``files``, where listed already) stay, and
    stay on the list, never removed as stale. What this export planned for it already keeps its new record."""
    bundle = bool(site.bundle_files(source_path) if files is None else files)
    for path in _places(site, out, source_path, in_place):
        if path is not None:
            page, folder = _name(out, path), _name(out, path.parent) + "/"
            wanted.update({name: record for name, record in previous.items()
                           if name not in wanted and (name == page or (bundle and name.startswith(folder)))})


def _for_generator(site: Site, document: Document, english: str, translated: Document | None = None, former: Former | None = None) -> str:
    """The English as the site's generator wants it: its ``url``/``permalink`` (if the Dutch has one) under the
    language and the English slug (a section's own, untranslated: it has no slug entry), Jekyll's ``lang``, no ``REDIRECTS``
    but its own former addresses (``_aliases``); every other byte as reassembled. ``translated``: ``english``
    parsed, where that was done already (the assessment parses it: ``DocumentStatus.english_document``)."""
    translated = translated or document.read_as_this(english)
    page = site.jekyll_page(site.root / document.path)  # placed by its path or its own permalink: no slug entry
    slug = translated.front_matter.get(FIXED_SLUG) or (own_name(document) if page else translated.front_matter.get(SLUG)) or (document.slug if document.is_section else None)
    changes: dict[tuple[str, int | None], str | list[str]] = {(key, None): [] for key in REDIRECTS if key in translated.front_matter}
    aliases = _aliases(site, document, slug if isinstance(slug, str) else None, former)
    if aliases:
        changes[("redirect_from" if site.config.layout == "jekyll" else "aliases", None)] = aliases
    jekyll = site.config.layout == "jekyll"
    front = site.jekyll_front(document.path, document.front_matter) if jekyll else document.front_matter
    if jekyll:
        changes.update(_defaults_left_behind(site, document, translated))
    for key in ("url", "permalink"):
        url = front.get(key)
        if isinstance(url, str) and url.strip("/ ") and isinstance(slug, str) and not (jekyll and ":" in url):  # a pattern: below
            changes[(key, None)] = generator_url(url, slug, site.config.source_language, site.config.target_language)
    if jekyll:
        changes[("lang", None)] = site.config.target_language
        pattern = jekyll_permalink(site, document.path, front, slug if isinstance(slug, str) else None)
        if pattern and not any((key, None) in changes for key in ("url", "permalink")):
            changes[("permalink", None)] = pattern
    return translated.written(changes) if changes else english


def _defaults_left_behind(site: Site, document: Document, translated: Document) -> dict[tuple[str, int | None], str | list[str]]:
    """The ``defaults:`` of ``_config.yml`` the Jekyll document's Dutch gets and its English, where export writes it,
    would not (a scope ``path: docs`` does not reach ``en/docs/``): written into the English file, as text (a
    ``layout``); not its address (``permalink``, written apart) nor ``lang``."""
    english = site.jekyll_front(site.relative(site.english_file(site.root / document.path)), {})
    return {
        (key, None): value for key, value in site.jekyll_front(document.path, {}).items()
        if isinstance(value, str) and key not in translated.front_matter and key not in ("permalink", "url", "lang") and english.get(key) != value
    }


Former = tuple[Mapping[str, tuple[str, ...]], frozenset[str]]
"""Each document's former English slugs (``redirects.former_slugs``), and the addresses pages have now (no alias there)."""


def _former_slugs(site: Site, links: LinkMap) -> tuple[Former, str | None]:
    """What the English files of a Hugo site, or of a Jekyll site with jekyll-redirect-from, name as their former
    addresses (``_aliases``); and why none, where they cannot be known or Jekyll would not redirect them."""
    unknown = unknown_addresses(site, True)
    if unknown:
        return ({}, frozenset()), f"{unknown}: {NO_REDIRECTS}"
    slugs, note = former_slugs(site)
    former: dict[str, tuple[str, ...]] = {}
    for document_id, slug in _held_last(site, links, slugs):
        former[document_id] = (*former.get(document_id, ()), slug)
    if site.config.layout == "jekyll" and not jekyll_redirects(site):  # said once a page has had another address
        moved = any(len(set(names)) > 1 for names in former.values())
        return ({}, frozenset()), note or (f"the site does not use {REDIRECT_PLUGIN}: {NO_REDIRECTS} (add it to plugins: in _config.yml and the Gemfile)" if moved else None)
    return (former, frozenset([*links.english_of.values(), *links.dutch.values()])), note


def _held_last(site: Site, links: LinkMap, slugs: list[tuple[str, str, bool]]) -> Iterator[tuple[str, str]]:
    """Each document's former slugs (``former_slugs``, newest first) but one at an address another document had later:
    an address goes to the document that had it last, as publish's redirect does (``redirects.former_addresses``), not
    to each that had it (Hugo writes one of two aliases of an address, either). Only a slug two documents had is
    addressed (``page_address``, with its document's Dutch front matter: read for those alone)."""
    holders: dict[str, set[str]] = {}
    for document_id, slug, _ in slugs:
        holders.setdefault(slug, set()).add(document_id)

    @cache
    def dutch(document_id: str) -> tuple[Mapping[str, Any], str | None]:
        location = links.files.get(links.dutch.get(document_id, ""))
        try:
            return (read_in_site(site, location, document_id).front_matter if location else {}), location
        except (OSError, PipelineError):
            return {}, location  # status says why it cannot be read

    owners: dict[str, str] = {}
    for document_id, slug, _ in slugs:
        if len(holders[slug]) > 1:
            front, location = dutch(document_id)
            address = page_address(site, document_id, front, slug, True, location)
            if address is not None and owners.setdefault(address, document_id) != document_id:
                continue  # another document had it later
        yield document_id, slug


def _aliases(site: Site, document: Document, slug: str | None, former: Former | None) -> list[str]:
    """The addresses the English of ``document`` had with its former slugs (as the generator serves them: ``page_address``),
    but its own now and those another page has now."""
    if former is None or slug is None:
        return []
    slugs, taken = former
    addresses = (page_address(site, document.id, document.front_matter, old, True, document.path) for old in slugs.get(document.id, ()))
    now = page_address(site, document.id, document.front_matter, slug, True, document.path)
    return sorted({address for address in addresses if address and address != now and address not in taken})


def _addressing(site: Site) -> str:
    """What the English files of a site written in place depend on besides their verdict (its fingerprint covers
    ``pipeline.yaml``, the source and the PO file): a Jekyll site's permalink settings in ``_config.yml``, which
    ``jekyll_permalink`` writes into them. Recorded with each file, which is made again when they change."""
    return "@" + site.jekyll.digest if site.config.layout == "jekyll" else ""


def jekyll_permalink(site: Site, location: str, front: Mapping[str, Any], slug: str | None = None) -> str | None:
    """The ``permalink`` pattern the English of the Jekyll document at ``location`` (with the Dutch front matter
    ``front``) gets where its Dutch has none (Jekyll fills a document's own placeholders); None where Jekyll puts it
    under the language by itself, or where it cannot be told.

    A post: the posts' pattern with the Dutch post's categories (``addresses.post_pattern``) under the language: its
    address is the Dutch one's below ``/en/`` in every style (Jekyll would put ``en``, the category of ``en/_posts``,
    first among its categories, wherever ``:categories`` stands, and the post where the Dutch one is with a pattern
    without it); none where Jekyll puts it there by itself (``_under_language_by_itself``: a pattern that starts with
    ``:categories``, as its default and named styles do). A collection's document (in the collection's ``en/`` folder): the collection's pattern under the
    language, its ``:path`` the Dutch one's with the English ``slug`` for its name (else it would be ``en/…``), its
    ``:name`` that slug. A page (``en/over.md``) is below ``/en/`` by its place; one with a pattern (``/:basename/``,
    its own or a default's) gets the Dutch one's address under the language as written (``addresses.page_url``: its
    English in ``en/`` would fill ``:path`` with ``en/…``, or be at the Dutch one's address)."""
    if site.jekyll_page(site.root / location):
        pattern = front.get("permalink")
        dutch = jekyll_address(site, location, front, None) if isinstance(pattern, str) and ":" in pattern else None
        return f"/{site.config.target_language}{dutch}" if dutch else None
    collection = site.jekyll_collection(site.root / location)
    language = site.config.target_language
    place = site.jekyll_place(location)
    if collection is not None:
        below = collection_path(place, slug)
        pattern = site.jekyll.collection_permalink(collection).lstrip("/").replace(":path", below)
        return f"/{language}/" + (pattern.replace(":name", slug) if slug else pattern)  # :name: the English file's, the Dutch name
    post = post_pattern(site, front) if site.jekyll_post(location) else None
    return f"/{language}/{post.lstrip('/')}" if post and not _under_language_by_itself(site, front) else None


def _under_language_by_itself(site: Site, front: Mapping[str, Any]) -> bool:
    """Whether Jekyll serves the English of a post with the Dutch front matter ``front`` (its ``defaults:`` in) at the
    Dutch address under the language with no ``permalink`` of its own: where the posts' pattern of ``_config.yml``
    (a named style, Jekyll's default ``date`` among them) starts with ``:categories``, which Jekyll fills with ``en``
    (the English's folder) and then the Dutch post's categories — unless the post or a default sets a pattern, or
    its categories are translated (the English's would be other ones)."""
    pattern = site.jekyll.permalink or ""
    translated = {name.lower() for name in site.config.translate_fields} & {"categories", "category"}
    return front.get("permalink") is None and pattern.lstrip("/").startswith(":categories/") and not translated


def _claimed_copy(
    site: Site, out: Path, source_path: Path, file: Path, page_path: Path, previous: Records, claimed: Records,
) -> tuple[Path, Path] | None:
    """Claim the place of a page bundle's ``file`` beside the page written to ``page_path`` (named in ``claimed``):
    the copy to make, or None when it holds the file's bytes already. Raise if that place is not export's to fill."""
    target = page_path.parent / _name(source_path.parent, file)
    try:
        data = site.check_inside(file).read_bytes()
    except OSError as error:
        raise OutputError(site.relative(file), f"cannot be read: {error.strerror}") from None
    return (file, target) if _claim_file(site, out, target, data, "", previous, claimed, site.relative(file)) else None


def _copy_bundle(site: Site, out: Path, copies: list[tuple[Path, Path]], previous: Records, wanted: Records, made: Made) -> int:
    """Make the ``copies`` of a page bundle's files that its claims (``_claimed_copy``) found due; how many.

    The list names them first (once for the bundle, not once a file), then they are copied. When one cannot be
    copied, those not copied keep their records of before (they hold what they held): the next export neither takes
    them for files changed by hand nor forgets them."""
    if copies:
        _remember(out, _unsettled(previous | wanted, [_name(out, target) for _, target in copies]), made)  # named before they are written
    done = 0
    try:
        for file, target in copies:
            _copy_atomic(file, target, site.relative(target), made)
            done += 1
    except BaseException:
        for _, target in copies[done:]:
            name = _name(out, target)
            if name in previous:
                wanted[name] = previous[name]
            else:
                wanted.pop(name, None)
        raise
    return len(copies)


def _copy_atomic(file: Path, target: Path, location: str, made: Made) -> None:
    """Copy ``file`` to ``target`` in one step: readers see the old file or the new one."""
    try:
        _replace(target, partial(shutil.copyfile, file), made)
    except OSError as error:
        raise OutputError(location, f"cannot be written: {error.strerror}") from None


def _replace(target: Path, fill: Callable[[Path], object], made: Made, *, keep_mode: bool = False) -> None:
    """Put a new file at ``target`` in one step (readers see the old file or the new one): ``fill`` makes it beside
    ``target`` first; with ``keep_mode`` it gets the old file's permissions (else the usual ones of a new file).

    It is not flushed to disk by itself: what export writes is made again from the sources, and a file a crash
    left empty is written again by the next export (one it left with other bytes is named as changed since export
    wrote it: nothing is lost, and deleting it has it written again; publish's pages are not flushed either). The
    list itself is (``write_atomic``)."""
    temporary = target.with_name(f".{target.name}.publish-pipeline.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fill(temporary)
        if keep_mode:
            try:
                os.chmod(temporary, target.stat().st_mode & 0o777)
            except FileNotFoundError:
                os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _made(made, target)


Made = dict[Path, list[int]]
"""The files an export wrote, each as it left it (size, modification time, inode), and removed (``[]``)."""


def _made(made: Made, path: Path) -> None:
    """Note ``path`` as export left it, right after writing or removing it (``[]``: it is not there)."""
    try:
        found = os.stat(path, follow_symlinks=False)
    except OSError:
        made[path] = []
        return
    made[path] = [found.st_size, found.st_mtime_ns, found.st_ino]


Record = list[str] | None
"""What the list of written files says of one: the fingerprint of the verdict it was written from ("" for a
bundle's file) and the SHA-256 of what was written; None for a name an older list gave without them."""
Records = dict[str, Record]


Step = Callable[[Records, list[tuple[Path, str]], Made | None], int]
"""One part of a document's export: a page planned, or its bundle's files copied (how many). Given no ``Made``, the part
is only claimed (nothing is planned, named or copied): it raises what it would refuse."""


def _steps(
    site: Site, out: Path, source_path: Path, files: list[Path], page_path: Path, text: Callable[[], str] | None, made_from: str,
    previous: Records, origin: str,
) -> list[Step]:
    """Writing one page of a document (``_plan``), then its bundle's files beside it when that is another folder than
    the Dutch one: each file claimed (``_claimed_copy``: a step each, so that every file refused is named at once),
    then those due copied together (``_copy_bundle``). The claims are named in the list only once all of them passed:
    a file claimed but not copied would be taken for one changed by hand by the next export."""

    def page(wanted: Records, writes: list[tuple[Path, str]], made: Made | None) -> int:
        _plan(site, out, page_path, text, made_from, previous, wanted, writes, origin)
        return 0

    if page_path.parent == source_path.parent or not files:
        return [page]
    claimed: Records = {}
    copies: list[tuple[Path, Path]] = []

    def claim(file: Path) -> Step:
        def step(wanted: Records, writes: list[tuple[Path, str]], made: Made | None) -> int:
            if copy := _claimed_copy(site, out, source_path, file, page_path, previous, claimed):
                copies.append(copy)
            return 0

        return step

    def bundle(wanted: Records, writes: list[tuple[Path, str]], made: Made | None) -> int:
        if made is None:
            return 0
        wanted.update(claimed)
        return _copy_bundle(site, out, copies, previous, wanted, made)

    return [page, *map(claim, files), bundle]


def _refusals(steps: list[Step]) -> list[PipelineError]:
    """What each of ``steps`` refuses (a file changed by hand, one export did not write …), found without writing:
    a document's later files are told of with its first refusal, not one a run."""
    found = []
    for step in steps:
        try:
            step({}, [], None)
        except PipelineError as error:
            found.append(error)
    return found


def _adopted(record: Record) -> bool:
    return record is not None and record[0] == ADOPTED


def _changed_since_adopted(record: Record, current: bytes) -> bool:
    return record is not None and record[0] == ADOPTED and record[1] != _digest(current)


def _replaceable(site: Site) -> Records:
    """The records of the files export may replace in a Hugo or Jekyll site's own folders: those its list names as
    written by export, and the English files adopt claimed in their PO files (an ``ADOPTED`` record of the list
    counts only while the PO file still claims that file: adopting again may have taken the claim back or renewed it)."""
    written = _exported(site.root)
    return written | _adopted_before(site, written)


def _exported(out: Path) -> Records:
    """The records of the files the previous export wrote into ``out`` as its own (not English adopt claimed)."""
    return {name: record for name, record in _written_before(out).items() if not _adopted(record)}


def _adopted_before(site: Site, previous: Records) -> Records:
    """The records of the English files that stand where export writes, that its list does not name, and that their
    document's PO file says adopt took whole (the file it names being this one): export may replace them while they
    hold what adopt read. Only those files' PO headers are read (in a clone that exported before: none)."""
    found: Records = {}
    for source_path in site.source_paths():
        path = site.english_file(source_path)
        name = _name(site.root, path)
        if name in previous or not path.is_file():
            continue
        claim = read_adopted_english(site.catalog_path(site.document_id(source_path)))
        if claim is not None and claim[0] == name:
            found[name] = [ADOPTED, claim[1]]
    return found


def unchanged_since_export(site: Site) -> frozenset[str]:
    """The files export wrote into a Hugo or Jekyll site's own folders (names in the site) that still hold what it
    wrote: made from the PO files, adopt leaves them alone. One changed by hand since is the author's English again
    (export asks for the change in the PO file: adopt takes it there)."""
    if not site.writes_in_place:
        return frozenset()
    return frozenset(name for name, record in _exported(site.root).items() if not _changed_since_written(record, site.root / name))


def links_as_written(site: Site) -> Callable[[str, str], str]:
    """What undoes export's link map in an English file it wrote into a Hugo or Jekyll site's own folders: given the
    file's name in the site and its body (changed by hand since: adopt reads it), the body with its links as the Dutch
    writes them (``link_map.as_written``, from what the map answered when export wrote it: its record says)."""
    asked = {name: record[0].partition("+")[2] for name, record in _exported(site.root).items() if record} if site.writes_in_place else {}
    return lambda name, body: as_written(body, asked[name]) if asked.get(name) else body


def unreplaceable(site: Site) -> dict[str, str]:
    """The English files of a Hugo or Jekyll site that stand where export writes and that export may not replace:
    its list does not name them (nor are they its own, moved: ``_moved_here``), or adopt claimed them and they changed
    since (see ``_claim_file``); each with its document's id. The site serves such a file as it stands."""
    if not site.writes_in_place:
        return {}
    previous = _replaceable(site)
    found = {}
    for source_path in site.source_paths():
        path = site.english_file(source_path)
        name = _name(site.root, path)
        if (name in previous and not _adopted(previous[name])) or not path.is_file():
            continue
        try:
            if name not in previous and not _moved_here(site, site.root, name, read_file_bytes(path), previous) or (
                    _changed_since_adopted(previous.get(name), read_file_bytes(path))):
                found[name] = site.document_id(source_path)
        except (OSError, NotAFile):
            found[name] = site.document_id(source_path)
    return found


def _written_before(out: Path) -> Records:
    """The files (relative names) the previous export wrote into ``out``, each with its record."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, list):  # the list of an older export: names alone
        return {name: None for name in data if isinstance(name, str)}
    if not isinstance(data, dict):
        return {}
    return {name: record if _well_formed(record) else None for name, record in data.items() if isinstance(name, str)}


def _well_formed(record: object) -> bool:
    return isinstance(record, list) and len(record) == 2 and all(isinstance(part, str) for part in record)


def _intact(out: Path, name: str, made_from: str, previous: Records) -> bool:
    """Whether ``out/name`` holds, byte for byte, what was written there from a verdict of fingerprint ``made_from``
    (so it need not be made, compared or written again). Never through a link: that is for ``_claim_file`` to refuse."""
    record = previous.get(name)
    if not made_from or record is None or record[0] != made_from:
        return False
    try:
        return not _through_link(out, name) and _digest(read_file_bytes(out / name)) == record[1]
    except (OSError, NotAFile):
        return False


def _through_link(out: Path, name: str) -> bool:
    """Whether ``out/name`` or a folder on the way to it from ``out`` is a link (a few ``lstat``, not a ``resolve``)."""
    path = str(out)
    for part in name.split("/"):
        path = os.path.join(path, part)
        if os.path.islink(path):
            return True
    return False


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_batch(out: Path, records: Records, writes: list[tuple[Path, str]], made: Made) -> int:
    """Write the planned files, the list naming them first (a kill leaves no file of ours that it does not name);
    how many. Raises the first failure (naming its file), after trying all."""
    count, failure = len(writes), None
    if writes:
        _remember(out, _unsettled(records, [_name(out, path) for path, _ in writes]), made)
        for path, text in writes:
            try:
                _replace(path, partial(_write_bytes, text.encode("utf-8")), made, keep_mode=True)
            except OSError as error:
                failure = failure or OSError(error.errno, error.strerror, str(path))
        writes.clear()
    if failure:
        raise failure
    return count


def _write_bytes(data: bytes, path: Path) -> None:
    path.write_bytes(data)


def _unsettled(records: Records, names: list[str]) -> Records:
    """``records`` with ``names``, about to be written, named with no record: a kill before the list is written
    again leaves each of them with its old bytes or its new ones, and the next export, not knowing which, takes it
    for its own, never for a file changed by hand (see ``_changed_since_written``)."""
    return {**records, **dict.fromkeys(names)}


def _remember(out: Path, records: Records, made: Made) -> None:
    """Write the list of ``records`` (flushed to disk), one file a line."""
    lines = [_line(name, *(records[name] or (None, None))) for name in sorted(records)]
    write_atomic(out / MANIFEST, "{\n" + ",\n".join(lines) + "\n}\n")
    _made(made, out / MANIFEST)


@cache
def _line(name: str, made_from: str | None, digest: str | None) -> str:
    """One file's line in the list: made once per export (the list is written again for each batch of files, most
    of its lines as they were; each export starts afresh, see ``export``)."""
    return f"{json.dumps(name)}: {json.dumps(None if made_from is None else [made_from, digest])}"


def _forget_stale(out: Path, previous: Records, wanted: Records, made: Made, *, settled: bool = True) -> tuple[int, list[str]]:
    """Remove what the previous export wrote and this one did not; remember this one's files (the list is
    left as it is when it says that already and, ``settled``, no file was named unsettled since). How many files
    were removed, and those left because they were changed since export wrote them (they stay on the list)."""
    removed, changed = 0, []
    for name in previous.keys() - wanted.keys():
        if _adopted(previous[name]):  # the author's English, not yet written over: it stays, and stays claimed
            wanted[name] = previous[name]
            continue
        stale = out / name
        if _resolved(stale.parent).is_relative_to(out) and not stale.is_symlink() and stale.is_file():
            if _changed_since_written(previous[name], stale):
                wanted[name] = previous[name]
                changed.append(name)
                continue
            stale.unlink()
            _made(made, stale)
            removed += 1
    if wanted != previous or not settled or not (out / MANIFEST).is_file():
        _remember(out, wanted, made)
    return removed, sorted(changed)


def _changed_since_written(record: Record, current: bytes | Path) -> bool:
    """Whether a file export wrote (its ``record``) holds other bytes now (``current``, or the file's): someone
    changed it. A record that does not say what was written (an older list's, an unsettled one) tells nothing; an
    empty file has nothing to lose (a crash empties a file whose bytes were not on disk yet: see ``_replace``)."""
    if record is None or _adopted(record):
        return False
    try:
        data = current if isinstance(current, bytes) else read_file_bytes(current)
    except (OSError, NotAFile):
        return False
    return bool(data) and _digest(data) != record[1]


KEEP_FIRST = "delete it once what you want to keep of it is in the PO file or the Dutch document export writes from"


def _changed_by_hand(site: Site, path: Path, what: str, to_do: str, current: bytes | None = None, data: bytes | None = None) -> OutputError:
    """The refusal to replace or remove a file export wrote and someone changed since: where (its first changed
    line, when export would write text there), what changed, that export leaves it, and ``to_do``."""
    line, change = _difference(current, data) if current is not None and data is not None else (None, "")
    location = site.relative(path) + (f":{line}" if line else "")
    return OutputError(location, f"changed since export wrote it{change}; {what}", hint=to_do)


def _difference(current: bytes, data: bytes) -> tuple[int | None, str]:
    """The first line at which ``current`` differs from ``data`` (what export writes now), and how, in words."""
    try:
        now, export_writes = current.decode("utf-8").splitlines(), data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return None, ""
    line = next((number for number, (a, b) in enumerate(zip(now, export_writes)) if a != b), min(len(now), len(export_writes)))
    if line < len(now) and line < len(export_writes):
        return line + 1, f" (line {line + 1} reads {excerpt(now[line])}, export writes {excerpt(export_writes[line])})"
    if line < len(now):
        return line + 1, f" (line {line + 1} was added: {excerpt(now[line])})"
    if line < len(export_writes):
        return line + 1, f" (from line {line + 1} on, export writes {excerpt(export_writes[line])})"
    return None, " (only its line ends)"


WRITE_BATCH = 1024
"""Files planned, then named on the list, then written, together. Each batch writes the whole list again and
flushes it (the files themselves are not flushed: see ``_replace``): a list write took 0.02-0.04 s on the bench
machine, nine of them (batches of 256) a fifth of an export of 2,000 files. A batch's texts are held meanwhile
(about 3 MB of 1,024 posts)."""


def _plan(
    site: Site, out: Path, path: Path, text: Callable[[], str] | None, made_from: str,
    previous: Records, wanted: Records, writes: list[tuple[Path, str]], origin: str = "",
) -> None:
    """Plan writing ``text()`` (made from the file ``origin``) to ``path`` in ``out`` unless it holds that already;
    raise if that file is not export's to replace.

    A file that holds what was written there from the same verdict (``made_from``) is kept without
    ``text`` being made; so is one whose text is None (found so before: see ``export``'s ``to_write``).
    """
    name = _name(out, path)
    if text is None or _intact(out, name, made_from, previous):
        if name in previous:
            wanted[name] = previous[name]
        return
    written = text()
    if _claim_file(site, out, path, written.encode("utf-8"), made_from, previous, wanted, origin):
        writes.append((path, written))


def _moved_here(site: Site, out: Path, name: str, current: bytes, previous: Records) -> bool:
    """Whether the file ``name`` holds, byte for byte, English this clone's export wrote under another name, and git does
    not track it: ``git mv`` of a page bundle's folder carried it along (a trial), so it is export's to replace still."""
    return _written_as(current, previous) is not None and not tracked(out, [name])


def _written_as(current: bytes, previous: Records) -> str | None:
    """The name under which this clone's export wrote the bytes ``current`` (its list, ``previous``); None: it did not."""
    digest = _digest(current)
    return next((name for name, record in previous.items() if record is not None and not _adopted(record) and record[1] == digest), None)


def _not_written(site: Site, out: Path, path: Path, name: str, current: bytes, previous: Records) -> OutputError:
    """The refusal of a file in export's place that its list does not name: said as what happened, where git can tell.
    A file export wrote here under another name and then moved, committed (a trial's author renamed a page bundle's
    folder, and ``git add -A`` took the exported English along): every clone's export then refused it, Hugo served the
    stale copy, and adopt --overwrite took that stale English over the translator's approved English."""
    where = site.relative(path)
    if not tracked(out, [name]):
        return OutputError(where, "exists and was not written by export", hint="move it away, then export again")
    written_as = _written_as(current, previous)
    said = (f"is committed in git and holds English this clone's export wrote as {site.relative(out / written_as)}: it moved here with a "
            "renamed folder and was committed, so the site serves this stale copy") if written_as else (
            "is committed in git, and export did not write it in this clone: the site serves it as it is")
    return OutputError(where, said, hint=f"if it is English export built (moved with a renamed folder), take it out of git: git rm --cached {where}, "
                       "commit, and export again; if it is English you wrote, invoke adopt takes it into the PO files")


@cache
def _resolved(folder: Path) -> Path:
    """``folder`` with every link on its way followed: once per folder in an export (it writes thousands of files into
    a few folders, and following links looks at every folder on the way). Only export makes folders meanwhile, and
    a folder it makes resolves to where it was looked for; each export starts afresh (``export``)."""
    return folder.resolve()


def _claim_file(site: Site, out: Path, path: Path, data: bytes, made_from: str, previous: Records, wanted: Records, origin: str = "") -> bool:
    """Whether ``path`` in ``out`` must be (re)written to hold ``data`` (made from the file ``origin``); named in ``wanted`` either way.

    Raise if it is not export's to replace: it leads out through a link, or it
    exists with other content and the list of what export wrote does not name it,
    or someone changed it since export wrote it (it stays, and stays on the list).
    """
    name = _name(out, path)
    if path.is_symlink() or not _resolved(path.parent).is_relative_to(out):
        raise OutputError(site.relative(path), "leads out of the export folder through a link", hint="replace the link by a folder")
    try:
        current: bytes | None = path.read_bytes()
    except FileNotFoundError:
        current = None
    except OSError as error:
        raise OutputError(site.relative(path), f"cannot be read: {error.strerror}", hint="move it away, then export again") from None
    if current is not None and current != data and name not in previous and not _moved_here(site, out, name, current, previous):
        if (written_as := _written_as(current, previous)) is not None:
            wanted[written_as] = previous[written_as]  # kept while its moved copy is in git: out of it, export takes it back
        raise _not_written(site, out, path, name, current, previous)
    if current is not None and current != data and _changed_since_adopted(previous.get(name), current):
        raise OutputError(
            site.relative(path), "has changed since adopt read it, so its English is not all in the PO files",
            hint="invoke adopt --overwrite takes it in again; or move it away, then export again",
        )
    if current is not None and current != data and _changed_since_written(previous.get(name), current):  # none: moved here
        wanted[name] = previous[name]
        where = f"make the change in {origin}, which export writes it from, then delete this file" if origin else KEEP_FIRST
        raise _changed_by_hand(site, path, "export does not overwrite it", f"{where}; or delete it to have export write it again", current, data)
    wanted[name] = [made_from, _digest(data)]
    return current != data
