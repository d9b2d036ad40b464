"""``extract``: bring every PO file up to date with its Dutch document."""

from __future__ import annotations

import datetime
import errno
import hashlib
import json
import os
from collections import defaultdict
from functools import partial
from collections.abc import Iterable
from itertools import islice
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..plumbing import freshness
from ..text import markdown
from .catalog import PROJECT, Catalog, merge, read_catalog, revision_time
from ..text.document import Document, read_source
from ..errors import PipelineError
from ..plumbing.files import ChangedMeanwhile, remove_leftovers, replace_if_unchanged, replace_many_if_unchanged, write_atomic
from ..text.hugo_rendering import address_rival, renders, section_files
from ..text.segmentation import SLUG, Segment, body_html, segment
from ..text.parses import Parse, Parses, parse_key
from ..plumbing.parallel import share_out
from ..plumbing.progress import SILENT, Phases, Teller
from ..site import Site, dutch_path
from ..config import CONFIG_FILE, SiteConfig
from ..jekyll_config import draft_count
from ..wording import extract_summary


@dataclass(frozen=True)
class Extracted:
    """What ``extract`` did to one document's PO file."""

    document_id: str
    catalog: str
    segments: int
    entries: int
    added: int
    obsoleted: int
    written: bool
    digests: tuple[str, str] = field(default=("", ""), repr=False, compare=False)
    """SHA-256 of the source and of the PO file as it now is: what the next extract compares."""
    carried: int = 0
    """Links the author moved that extract carried into approved English (``catalog.carry``): no review needed."""


@dataclass(frozen=True)
class ExtractReport:
    """Every document extracted, every error met, and PO files whose document is gone."""

    extracted: tuple[Extracted, ...]
    errors: tuple[PipelineError, ...]
    orphans: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...] = ()
    """(old PO file, new PO file) for each document found renamed: its PO file moved with it."""
    drafts: int = 0
    """A Jekyll site's drafts, left out (``jekyll_config.draft_count``)."""

    @property
    def written(self) -> int:
        return sum(item.written for item in self.extracted)

    @property
    def carried(self) -> int:
        return sum(item.carried for item in self.extracted)


@dataclass(frozen=True)
class SourceUnit:
    """A document with its segments and, when it has one, its current PO file."""

    document: Document
    segments: tuple[Segment, ...]
    catalog_path: Path
    catalog: Catalog | None
    references: dict[str, Any]
    outlines: dict[str, Any] = field(default_factory=dict, repr=False)
    """Body texts whose inline outline the checks made before, with that outline (see parses)."""
    source_digest: str = field(default="", repr=False)
    parse_key: str = field(default="", repr=False)
    html: frozenset[str] | None = field(default=None, repr=False)
    """The body's raw HTML (``markdown.html_of``), kept with its parse; None where there is no parse kept
    (a version from git's history): then ``dutch_html`` makes it."""
    blocks: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """The body's block parse (``segmentation.segment``'s env, its tokens in it) when the document was parsed now,
    to be kept: the assessment finishes it into the page's parse (``status.assess_unit``), then lets it go."""
    rendered: bool = True
    """Whether the site's generator renders a page of it (``hugo_rendering.renders``): a headless one has no slug
    entry and no English URL."""

    def merged(self, config: SiteConfig, now: datetime.datetime) -> Catalog:
        """The document's PO file brought up to date (the last approved English stays live from git's history: see live)."""
        return merge(self.catalog, self.segments, self.document.path, config, now)


def dutch_html(unit: SourceUnit) -> frozenset[str]:
    """What the English of ``unit`` may carry as raw HTML: the HTML of its Dutch body (see ``markdown.html_of``)."""
    return unit.html if unit.html is not None else markdown.html_of(unit.document.body)


def load_unit(site: Site, source_path: Path, *, remember: bool = True, catalog: bool = True) -> SourceUnit:
    """Read a document, cut it into segments and read its PO file; raise PipelineError on bad input.

    A document read before with the same bytes is not parsed again (see parses);
    with ``remember`` a new parse is kept for the next command. Without ``catalog``
    the PO file is not read (status keeps the Dutch page of a document whose PO file is broken).
    """
    read_po = catalog
    document_id = site.source_document_id(source_path)  # a name that cannot be a page's address is refused unread
    location = site.relative(source_path)
    data = site.source_bytes(source_path)
    digest = _digest(data)
    key = parse_key(digest, location, site.config.translate_fields, site.config.reading)
    parses = Parses.of(site.root)
    parse = parses.get(key)
    document = read_source(data, document_id, location, **site.config.reading)
    clash = address_rival(site, source_path, document)  # a Hugo page served where a section's list page is
    if clash is not None:
        raise clash
    html: frozenset[str] | None
    env: dict[str, Any] | None = None
    if parse is None:
        env = {}
        segments = tuple(segment(document, site.config.translate_fields, env))
        html = body_html(env) if remember else None  # only a kept parse is judged, and only judging reads it (see dutch_html)
        parse = Parse(segments, env.get("references", {}), markdown.outline_of(document.body), html or frozenset())
        if remember:
            parses.put(key, parse)
    else:
        markdown.remember_outline(document.body, parse.outline)
        html = parse.html
    catalog_path = site.catalog_path(document.id)
    catalog = None
    site.check_inside(catalog_path)  # also before the first write: translations/ may lead out through a link
    if read_po and (catalog_path.exists() or catalog_path.is_symlink()):
        catalog = read_catalog(catalog_path, site.relative(catalog_path))
    blocks = env if remember else None
    rendered = renders(site, source_path, document)  # after the parse kept: a section's cascade may change it
    segments = rendered_segments(parse.segments, rendered and not site.jekyll_page(source_path))
    return SourceUnit(document, segments, catalog_path, catalog, parse.references, parse.outlines, digest, key, html, blocks, rendered)


def rivals(site: Site, ids: dict[Path, str]) -> dict[Path, str]:
    """The documents that share what ``Site.source_document_id`` refuses to share, each with the names of all that
    share it (mostly none): a document id (``x.md`` and ``x/index.md``), on publish's own or a Hugo site a page
    (``x.md`` and ``x/_index.md``: ``dutch_path``; on a Hugo site also a top-level ``x.md`` and a section ``x/``), on a
    Jekyll site a post's file name (their English would be one file). A verdict or an extract kept from before a rival appeared must not stand: a new one refuses it.
    On a Hugo site, where a page and a section are refused only where they are served at one address
    (``hugo_rendering.address_rival``), each name comes with its file's last change: one rival's edit (a ``slug`` or
    ``url`` added or taken away) is a change of the others' verdicts too."""
    groups: defaultdict[str, list[Path]] = defaultdict(list)
    posts = str(site.source_dir) + os.sep if site.config.layout == "jekyll" else None  # Site._posts_by_name's
    for path, document_id in ids.items():
        groups[dutch_path(document_id) if site.shares_section_pages else document_id].append(path)
        if posts and str(path).startswith(posts):
            groups["\0" + path.name].append(path)
    found: dict[Path, str] = {}
    for group in groups.values():
        if len(group) > 1:
            names = "\0".join(sorted(map(_stamped if site.writes_in_place else str, group)))
            found.update({path: found.get(path, "") + names for path in group})
    if site.writes_in_place and site.shares_section_pages:  # a top-level page x.md and Hugo's section x/ (Site._hugo_section)
        sections = {document_id.split("/")[0] for document_id in ids.values() if "/" in document_id}
        found.update({path: found.get(path, "") + "\0section" for path, document_id in ids.items() if document_id in sections})
    return found


def _stamped(path: Path) -> str:
    """A file's name with its last change and size (none where it cannot be read)."""
    try:
        status = os.stat(path)
    except OSError:
        return str(path)
    return f"{path}:{status.st_mtime_ns}:{status.st_size}"


def rendered_segments(segments: tuple[Segment, ...], slugged: bool) -> tuple[Segment, ...]:
    """A document's segments as its page needs them: no slug to translate where no slug places the page (``slugged``
    False): a page the generator does not render has no address, a Jekyll page is placed by its path (kept apart
    from the parse, which is the document's alone: the cascade is its sections', the kind of page the site's)."""
    return segments if slugged else tuple(found for found in segments if found.context != SLUG)


STATE_FILE = ".cache/publish_pipeline/extract-state.json"
"""What the last extract saw of each document: source and PO hashes, so unchanged ones are skipped."""
PARALLEL_FROM = 64


def extract(
    site: Site,
    *,
    now: datetime.datetime | None = None,
    progress: Phases | None = None,
) -> ExtractReport:
    """Write or update one PO file per Dutch document; files that would not change are not touched.

    A document whose source and PO file are byte for byte what the last run left
    is skipped without being parsed (the state lives in the site's ``.cache/``).
    Large sites are shared between processes: documents are independent.
    ``progress``: the phase "extracting", each document told as it is merged.
    """
    now = now or revision_time()
    if site.catalog_dir.resolve().is_relative_to(site.root):  # never tidy a folder outside the site
        remove_leftovers(site.catalog_dir)
    remove_leftovers((site.root / STATE_FILE).parent)  # a state or verdicts file cut short by a kill
    sources = site.source_paths()
    names = {path: (site.relative(path), site.document_id(path)) for path in sources}  # pathlib is slow: once each
    state, settings = _read_state(site), _settings_key(site)
    untouched = freshness.unchanged(site.root)  # no need to read these again to know they did not change
    todo, extracted, errors = [], [], []
    sections = _Sections(site)
    refused = rivals(site, {path: document_id for path, (_, document_id) in names.items()})  # a rival may be new
    for path in sources:
        location, document_id = names[path]
        remembered = state.get(location)
        if remembered and path not in refused and remembered["settings"] == settings and remembered.get("sections", []) == sections.digests(path) and (
            {location, remembered["catalog"]} <= untouched or remembered["hashes"] == _hashes(site, path, document_id)
        ):
            extracted.append(Extracted(document_id, remembered["catalog"], remembered["segments"], remembered["entries"], 0, 0, False))
        else:
            todo.append(path)
    known = {document_id for _, document_id in names.values()}
    orphaned = [path for path in site.catalog_paths() if site.catalog_document_id(path) not in known]
    renamed = _follow_renames(site, todo, orphaned)
    advance = progress("extracting", len(sources)) if progress and todo else None  # skipped alone: done at once
    if advance and extracted:
        advance(len(extracted))
    outcomes = share_out(partial(_extract_some, site, now=now, teller=Teller(advance, len(todo))), todo, threshold=PARALLEL_FROM)
    for path, outcome in outcomes:
        location, document_id = names[path]
        if isinstance(outcome, PipelineError):
            errors.append(outcome)
            state.pop(location, None)
        else:
            extracted.append(outcome)
            state[location] = {
                "settings": settings, "hashes": list(outcome.digests), "catalog": outcome.catalog,
                "segments": outcome.segments, "entries": outcome.entries, **({"sections": found} if (found := sections.digests(path)) else {}),
            }
    locations = {location for location, _ in names.values()}
    state = {location: value for location, value in state.items() if location in locations}
    _write_state(site, state)
    fields, reading = site.config.translate_fields, site.config.reading
    Parses.of(site.root).keep_only({parse_key(value["hashes"][0], location, fields, reading) for location, value in state.items()})
    order = {document_id: index for index, (_, document_id) in enumerate(names.values())}
    extracted.sort(key=lambda item: order[item.document_id])
    moved = {old for old, _ in renamed}
    orphans = tuple(site.relative(path) for path in orphaned if path not in moved)  # extract writes no other PO file
    drafts = draft_count(site)
    if not errors and not orphans:
        # a Jekyll page may be added in any folder Jekyll reads: the whole site is listed, but what extract never reads
        folders = [CONFIG_FILE, *site.source_places, site.relative(site.catalog_dir)] if site.config.layout != "jekyll" else [
            freshness.SITE, *(freshness.LEFT_OUT + name for name in site.jekyll_unread())
        ]
        digests = {name: digest for location, value in state.items() for name, digest in zip((location, value["catalog"]), value["hashes"])}
        said = [extract_summary(len(extracted), sum(item.segments for item in extracted), written=0, drafts=drafts)]  # what the next one, with nothing to do, says
        freshness.record(site.root, "extract", folders, said, digests)
    return ExtractReport(tuple(extracted), tuple(errors), orphans, tuple((site.relative(old), site.relative(new)) for old, new in renamed), drafts)


RENAMED_SHARE = 0.5
"""A new document is an orphaned PO file's renamed document when at least this share of its Dutch texts are
that file's msgids."""


def _follow_renames(site: Site, todo: list[Path], orphans: list[Path]) -> list[tuple[Path, Path]]:
    """Move each orphaned PO file to the new document that is its renamed one (``git mv`` of a source alone),
    before the merge: its translations are kept as if the PO file had been renamed with it, instead of a new
    empty file beside an orphan whose approved English the next ``draft`` would only offer as memory drafts.

    Only documents without a PO file are candidates, and only when some PO file (of ``orphans``) has no
    document: on an ordinary run this costs nothing.
    """
    new = [path for path in todo if not site.catalog_path(site.document_id(path)).exists()] if orphans else []
    if not new:
        return []
    texts: dict[Path, set[str]] = {}
    for orphan in orphans:
        try:
            texts[orphan] = {text for _, text in read_catalog(orphan, site.relative(orphan)).keys()}
        except PipelineError:
            continue  # a broken orphan stays as it is, reported as an orphan
    moved = []
    for path in new:
        try:
            unit = load_unit(site, path, remember=False, catalog=False)
        except PipelineError:
            continue  # reported when it is extracted
        dutch = {segment.text for segment in unit.segments}
        share = {orphan: len(dutch & known_texts) / len(dutch) for orphan, known_texts in texts.items() if dutch}
        best = max(share, key=share.__getitem__, default=None)
        if best is not None and share[best] >= RENAMED_SHARE:
            del texts[best]
            unit.catalog_path.parent.mkdir(parents=True, exist_ok=True)
            best.rename(unit.catalog_path)
            moved.append((best, unit.catalog_path))
    return moved


def _extract_some(
    site: Site, paths: list[Path], *, now: datetime.datetime, teller: Teller = SILENT
) -> list[tuple[Path, Extracted | PipelineError]]:
    """Extract ``paths`` (a share of the work: each told as it is merged), writing the PO files of each batch of
    documents together (flushed to disk side by side)."""
    outcomes: dict[Path, Extracted | PipelineError] = {}
    told = teller.each(paths)
    for _ in range(0, len(paths), WRITE_BATCH):
        merged = _merge_all(site, islice(told, WRITE_BATCH), now, outcomes)
        _settle(site, merged, _write_all(merged), now, outcomes)
    return [(path, outcomes[path]) for path in paths]


@dataclass(frozen=True)
class _Merged:
    """A document merged, with only what writing its PO file and reporting on it need.

    Its parse and catalog are let go at once: kept for a whole batch, their objects made
    each of the garbage collector's full passes several times as long.
    """

    path: Path
    catalog_path: Path
    text: str
    original: str | None
    """What the PO file held when it was read (None: there was none)."""
    report: Extracted
    """What extract did, once ``text`` is written."""


def _merge_all(site: Site, batch: Iterable[Path], now: datetime.datetime, outcomes: dict[Path, Extracted | PipelineError]) -> list[_Merged]:
    """Each document of ``batch`` read and merged; the errors go into ``outcomes``."""
    merged: list[_Merged] = []
    for path in batch:
        try:
            unit = load_unit(site, path, remember=False)  # parses are kept by the commands that read every document
            catalog, text = _extracted(site, unit, now)
            original = unit.catalog.original if unit.catalog else None
            merged.append(_Merged(path, unit.catalog_path, text, original, _report(site, unit, catalog, text)))
        except PipelineError as error:
            outcomes[path] = error
    return merged


def _write_all(merged: list[_Merged]) -> list[Exception | None]:
    """Write the PO files that change, flushed to disk together; what went wrong with each of ``merged``, or None."""
    changed = [item for item in merged if item.report.written]
    failures = iter(replace_many_if_unchanged([(item.catalog_path, item.text, item.original) for item in changed]))
    return [next(failures) if item.report.written else None for item in merged]


def _settle(
    site: Site, merged: list[_Merged], failures: list[Exception | None], now: datetime.datetime,
    outcomes: dict[Path, Extracted | PipelineError],
) -> None:
    """Once a batch is written, what extract did to each of its documents (into ``outcomes``)."""
    for item, failure in zip(merged, failures):
        try:
            if isinstance(failure, ChangedMeanwhile):
                outcomes[item.path] = _extract_one(site, item.path, now)  # a translator saved it: merge into what they saved
            elif isinstance(failure, OSError):
                raise _write_error(site, item.catalog_path, failure)
            else:
                outcomes[item.path] = item.report
        except PipelineError as error:
            outcomes[item.path] = error


class _Sections:
    """The digests of the sections whose cascade reaches each document (``hugo_rendering.section_files``: they may
    make its page headless, which takes its slug entry away), each section read once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.known: dict[Path, str] = {}
        self.folders: dict[str, Path | None] = {}

    def digests(self, source_path: Path) -> list[str]:
        paths = section_files(self.site, source_path, self.folders)
        for path in paths:
            if path not in self.known:
                self.known[path] = freshness.file_digest(path)
        return [self.known[path] for path in paths]


WRITE_BATCH = 128
"""Documents whose PO files are written (and flushed to disk) together."""


def _hashes(site: Site, source_path: Path, document_id: str) -> list[str]:
    return [freshness.file_digest(source_path), freshness.file_digest(site.catalog_path(document_id))]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _settings_key(site: Site) -> str:
    from .. import build_id

    return hashlib.sha256(repr((site.config, build_id())).encode("utf-8")).hexdigest()


def _read_state(site: Site) -> dict[str, Any]:
    try:
        data = json.loads((site.root / STATE_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}  # no state, or a damaged one: everything is extracted again


def _write_state(site: Site, state: dict[str, Any]) -> None:
    try:
        write_atomic(site.root / STATE_FILE, json.dumps(state, sort_keys=True))
    except OSError:
        pass  # the state only saves time


def _extract_one(site: Site, source_path: Path, now: datetime.datetime) -> Extracted:
    """One document, its PO file written alone; merged again if a translator saves it meanwhile."""
    unit = load_unit(site, source_path, remember=False)
    for attempt in range(2):
        merged, text = _extracted(site, unit, now)
        if not _differs(unit, text):
            break
        try:
            replace_if_unchanged(unit.catalog_path, text, unit.catalog.original if unit.catalog else None)
            break
        except ChangedMeanwhile:
            if attempt == 1:
                location = site.relative(unit.catalog_path)
                raise PipelineError(location, "the file keeps changing while extract runs", hint="close it in the PO editor and run extract again") from None
            unit = load_unit(site, source_path, remember=False)
        except OSError as error:
            raise _write_error(site, unit.catalog_path, error) from None
    return _report(site, unit, merged, text)


def _extracted(site: Site, unit: SourceUnit, now: datetime.datetime) -> tuple[Catalog, str]:
    """What extract makes of the document's PO file (``SourceUnit.merged``), and its text.

    A file whose one change would be its ``Project-Id-Version`` (the site got a name, or another one) stays as it is:
    its header follows when it is written anyway, not in a commit of every PO file of the site. So it is merged with
    the name it has first; only a file that changes is merged again, with the site's."""
    named = unit.catalog.field(PROJECT) if unit.catalog else None
    if unit.catalog is not None and named is not None and named != site.config.project:
        unnamed = unit.merged(replace(site.config, project=named), now)
        if (text := unnamed.text()) == unit.catalog.original:
            return unnamed, text
    merged = unit.merged(site.config, now)
    return merged, merged.text()


def _differs(unit: SourceUnit, text: str) -> bool:
    return unit.catalog is None or unit.catalog.original != text


def _report(site: Site, unit: SourceUnit, merged: Catalog, text: str) -> Extracted:
    """What extract did, once the PO file holds ``text``."""
    old_keys = unit.catalog.keys() if unit.catalog else set()
    new_keys = merged.keys()
    return Extracted(
        unit.document.id,
        site.relative(unit.catalog_path),
        len(unit.segments),
        len(new_keys),
        len(new_keys - old_keys),
        len(old_keys - new_keys),
        _differs(unit, text),
        (unit.source_digest, _digest(text.encode("utf-8"))),
        merged.carried if _differs(unit, text) else 0,
    )


def _write_error(site: Site, catalog_path: Path, error: OSError) -> PipelineError:
    return PipelineError(site.relative(catalog_path), f"cannot write the PO file: {error.strerror}", hint=_write_hint(error))


def _write_hint(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make the file and its folder writable (chmod u+w), then run extract again"
    if error.errno == errno.ENOSPC:
        return "free some disk space, then run extract again; the old file is untouched"
    return "the old file is untouched; run extract again"
