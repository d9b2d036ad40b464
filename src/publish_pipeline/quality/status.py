"""The state of every translation: counts per state, check problems, and the publish verdict.

``status``, ``check``, ``review``, ``export`` and ``publish`` all read the site
through ``assess_site``, so they can never disagree about what may be published.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
import hashlib
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property, partial
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from collections.abc import Callable, Mapping, Sequence

from ..text import html_text, markdown
from ..catalogs.catalog import STATES, Catalog, Translation
from ..catalogs.line_merges import Crossing, crossing_problem, merges_of
from ..catalogs.stale_saves import PutBack, put_back, put_back_problem
from ..catalogs.checks import (
    ERROR, Entry, OutlinesSeen, Problem, block_said_by_its_entry, check_entries_counting_silenced, msgfmt_problems_of_many,
)
from ..text.document import Document, kind_of, normalize_newlines, read_source, slug_of
from ..errors import CatalogError, PipelineError, ReassemblyError
from ..catalogs.extraction import SourceUnit, dutch_html, load_unit, rivals
from ..text.hugo_rendering import section_files
from ..plumbing.freshness import file_digests, write_cache
from ..plumbing.memory import long_lived
from ..plumbing.parallel import share_out
from ..plumbing.progress import SILENT, Phases, Teller
from .gate import DRAFTED, EnglishUrl, blockers, clash_problem, english_url, guard_reasons, of_current_dutch
from ..text.parses import KeptEnglish, Parses
from ..text.reassembly import STARTS_A_BLOCK, parsed_body, reassemble, reassemble_body, with_front_matter_read
from ..text.segmentation import SLUG, TOKENS, Segment
from ..catalogs.glossary import Glossary, load_glossary
from ..drafts.emptied import emptied
from ..site import Site
from ..config import own_address
from ..text.links import WrittenLink, written_links
from ..wording import LIVE_WORDS, ON_SITE, plural

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class DocumentStatus:
    """One document: how far its translation is, what is wrong, and whether it may be published.

    ``counts``: entries per state (approved, draft, outdated, untranslated).
    ``words_to_review``: Dutch words in entries that are not approved yet.
    ``reasons``: why it may not be published (empty when it may).
    """

    document_id: str
    source: str | None
    catalog: str | None
    counts: dict[str, int]
    words_to_review: int
    problems: tuple[Problem, ...]
    reasons: tuple[str, ...]
    translations: tuple[Translation, ...] = field(default=(), repr=False)
    unit: SourceUnit | None = field(default=None, repr=False, compare=False)
    english: str | None = field(default=None, repr=False)
    """The English document, when every entry is approved and it keeps the Dutch structure."""
    msgfmt_checked: bool = True
    english_url: EnglishUrl | None = None
    """Where the English is published, once its slug is approved (and valid); a section's, once its translation is;
    None for a page the generator does not render (``SourceUnit.rendered``)."""
    silenced: int = 0
    """Problems a translator's ``ignore:`` comment silenced (counted, so that none hides for ever)."""
    clash: bool = False
    """Held back only because another document's English has the same URL (alone, this version passes)."""
    catalog_error: PipelineError | None = field(default=None, repr=False, compare=False)
    """Why the PO file cannot be read: the document stays (its Dutch page, its last good English), the error is reported;
    of a status in ``SiteStatus.unreadable``, why the document cannot be read (its Dutch, or a PO file never opened)."""
    refused: tuple[str, ...] = ()
    """What the English of a complete translation carries that the site would show as text, or another generator
    might take for HTML (raw HTML the Dutch does not have, a link that is not http, https, mailto or relative):
    ``export`` holds such English back."""
    english_document: Document | None = field(default=None, repr=False, compare=False)
    """``english`` parsed (its front matter and body), made where the English is, in the worker processes."""
    english_urls: tuple[markdown.UrlSpan, ...] | None = field(default=None, repr=False, compare=False)
    """Where each link, image and reference definition URL of ``english_document``'s body is, found by the parse
    that checked it (``markdown.parse_keeping_every_link``) and kept with it: export's link map rewrites them."""
    english_prerendered: markdown.Prerendered | None = field(default=None, repr=False, compare=False)
    """The body of ``english`` as the site renders it but for its links and raw HTML (``markdown.prerender``), made
    from the parse that checked it, and kept with it (``Parses.prerendered``): publish renders the page without
    parsing it again. None when the site would parse it otherwise (it refuses one of its links), on a Hugo or Jekyll
    site (publish builds none), and once kept."""
    links: tuple[WrittenLink, ...] = ()
    """The Dutch body's links to Markdown files and its ``[[wiki-links]]``, each with its line, and what may be its links
    to addresses of the site (``written_links``): kept with the verdict, so that check judges where they lead without
    reading the document again."""
    link_places: tuple[markdown.UrlSpan, ...] = ()
    """Where in the Dutch body each URL that names a Markdown file is written (``written_links``): export's Dutch copy
    has them lead to their pages without parsing the body again."""
    fingerprint: str = field(default="", compare=False)
    """What the verdict was made from (source, PO file, settings, glossary, this code): see ``assess_site``."""
    by_hand: int = 0
    """Of the untranslated entries, those whose draft a person emptied (``drafts.emptied``): hers to translate by
    hand, which ``draft`` leaves alone."""

    def __getstate__(self) -> dict[str, Any]:
        """What a worker sends the command of its verdict: ``english`` not where it is ``english_document``'s text
        (made again of it on arrival, ``__setstate__``), so that each English body travels once (it was 4.6 of a
        verdict's 16.6 KB pickled for publish, beside its parse's 5.2)."""
        state = dict(self.__dict__)
        if self.english is not None and self.english_document is not None and self.english_document.text == self.english:
            del state["english"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if "english" not in state:
            state = {**state, "english": state["english_document"].text}
        self.__dict__.update(state)

    @property
    def kind(self) -> str:
        return kind_of(self.document_id)

    @property
    def slug(self) -> str:
        return slug_of(self.document_id)

    @property
    def publishable(self) -> bool:
        return not self.reasons

    @property
    def entries(self) -> int:
        return sum(self.counts.values())

    @property
    def page_note(self) -> str | None:
        """What a document that may be published has unlike a page: nothing to translate, or no page of its own (the
        generator renders none: a publishable document has an English URL else); None for a page like any other."""
        if not self.publishable or (self.english_url is not None and self.entries):
            return None
        nothing = "nothing to translate (no title, no text): its English is its Dutch file as it is"
        if self.english_url is not None:
            return f"{nothing}, at {self.english_url.path}" if self.english_url.path else nothing
        unrendered = ("Hugo renders no page of it (headless, or render: never), so it has no English URL; export still "
                      "writes its English file, for the pages that use it")
        return f"{nothing}; {unrendered}" if not self.entries else unrendered

    @property
    def errors(self) -> int:
        return sum(problem.severity == ERROR for problem in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


@dataclass(frozen=True)
class SiteStatus:
    documents: tuple[DocumentStatus, ...]
    orphans: tuple[str, ...]
    errors: tuple[PipelineError, ...]
    msgfmt_checked: bool
    unreadable: tuple[DocumentStatus, ...] = ()
    """The documents whose Dutch cannot be read (each an error of ``errors``), as statuses that say so: their counts
    empty (nothing was read to count), not in ``documents`` nor the totals, but a row of status (``rows``)."""
    crossings: tuple[Crossing, ...] = ()
    """Approved English git's line merge put on reworded Dutch (``line_merges``): each that stands an error of its
    document; the committed versions that held it unreviewed are no last good version either (``live``)."""
    line_merged: tuple[str, ...] = ()
    """The merges in git's history that merged a PO file from both sides' versions (``line_merges``), newest first."""

    @cached_property
    def rows(self) -> list[DocumentStatus]:
        """Every document of the site, those whose Dutch cannot be read too, in the order of its files (pathlib's, as
        ``Site.source_paths`` lists them: ``blog/x.md`` before ``blog-x/a.md``, ``blog/a-b.md`` before ``blog/a.md``);
        merged once (status, its live states and its JSON each read them)."""
        return list(heapq.merge(self.documents, self.unreadable, key=lambda document: (document.source or "").split("/")))

    @property
    def totals(self) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for document in self.documents:
            totals.update(document.counts)
        return {
            **{state: totals[state] for state in STATES},
            "words_to_review": sum(d.words_to_review for d in self.documents),
            "documents": len(self.documents),
            "publishable": sum(d.publishable for d in self.documents),
            "errors": sum(d.errors for d in self.documents),
            "warnings": sum(d.warnings for d in self.documents),
            "by_hand": sum(d.by_hand for d in self.documents),
        }

    @property
    def to_do(self) -> dict[str, int]:
        """``totals`` as ``next:`` says what waits for the translator: the entries of a document the author marked
        ``draft: true`` left out (not published yet: ``draft`` leaves it alone, its Dutch may change or go), and the
        untranslated entries apart from those to translate by hand (``by_hand``), which no draft is made for."""
        waiting = ("draft", "outdated", "untranslated")
        held = [document for document in self.documents if DRAFTED in document.reasons]
        to_do = dict(self.totals)
        for document in held:
            for state in waiting:
                to_do[state] -= document.counts.get(state, 0)
            to_do["by_hand"] -= document.by_hand
        to_do["untranslated"] -= to_do["by_hand"]
        return to_do

    def to_json(self, live: Mapping[str, Any] | None = None, uncommitted: frozenset[str] = frozenset()) -> dict[str, Any]:
        """The documented machine-readable form (see README, "status --json"): a row for every document, as the
        table has; with ``live`` (``live.live_english(...).documents``) each also says which English is live, and
        whether it is live only once committed (``uncommitted``: ``live.uncommitted``)."""
        return {
            "documents": [
                {
                    "id": d.document_id,
                    "kind": d.kind,
                    "slug": d.slug,
                    "source": d.source,
                    "catalog": d.catalog,
                    **{state: d.counts.get(state, 0) for state in STATES},
                    "words_to_review": d.words_to_review,
                    "by_hand": d.by_hand,
                    "errors": d.errors,
                    "warnings": d.warnings,
                    "publishable": d.publishable,
                    "reasons": list(d.reasons),
                    "english_url": d.english_url.path if d.english_url else None,  # its path None: not known
                    **({"unreadable": _error_json(d.catalog_error)} if d.catalog_error else {}),
                    **({"live": _live_json(live[d.document_id], d.document_id in uncommitted)} if live and d.document_id in live else {}),
                }
                for d in self.rows
            ],
            "orphans": list(self.orphans),
            "problems": [error.message for error in self.errors],
            "totals": {  # documents + unreadable: the rows, as the live states count them
                **self.totals, **self._read_totals(), **({"live": _live_totals(live, uncommitted)} if live is not None else {}),
            },
        }

    def _read_totals(self) -> dict[str, int]:
        """The JSON's ``documents`` and ``unreadable``: the documents read whole, and those whose Dutch or PO file cannot be
        read (a PO file that cannot be read was counted among the documents read: only the Dutch was unreadable)."""
        unread_catalogs = sum(document.catalog_error is not None for document in self.documents)
        return {"documents": len(self.documents) - unread_catalogs, "unreadable": len(self.unreadable) + unread_catalogs}


def _error_json(error: PipelineError) -> dict[str, Any]:
    """A row's ``unreadable``: where its PO file (or its Dutch) cannot be read, what is wrong and what to do."""
    return {"location": error.location, "line": error.line, "problem": error.problem, "hint": error.hint}


def _live_json(live: Any, uncommitted: bool) -> dict[str, Any]:
    """A row's ``live``: its state, why and which version (``Live.to_json``), whether it is live only once committed,
    and whether the site shows its English (``on_site``: as it is now, or an earlier version while the update waits)."""
    return {**live.to_json(), "uncommitted": uncommitted, "on_site": live.state in ON_SITE}


def _live_totals(live: Mapping[str, Any], uncommitted: frozenset[str]) -> dict[str, int]:
    """The rows by live state, as each row's ``live`` says it (``state``, and ``uncommitted``: of the ``current``
    ones, those live only once committed; ``on_site``: those whose English the site shows, the earlier versions too,
    as status's headline counts them live)."""
    counts = Counter(document.state for document in live.values())
    return {
        **{state: counts[state] for state in LIVE_WORDS}, "uncommitted": len(uncommitted), "on_site": sum(counts[state] for state in ON_SITE),
    }


PARALLEL_FROM = 64
"""From this many documents on, the work is shared between processes (documents are independent)."""


VERDICTS_FILE = ".cache/publish_pipeline/verdicts.json"
"""Each document's last verdict with the fingerprint of what it was made from: a JSON array a line, ``[source,
fingerprint, verdict]``, so that a verdict reused is written back as the line it was read from, not encoded again
(990 of 1,000 after a translator changed 10 PO files)."""


def assess_site(
    site: Site, *, reuse: bool = False, detail: bool = True, english: bool = False,
    wanted: Callable[[DocumentStatus], bool] | None = None, prerender: bool = True, progress: Phases | None = None,
    english_address: Callable[[DocumentStatus], str] | None = None,
) -> SiteStatus:
    """Read, check and judge every document of the site.

    With ``reuse``, a document whose source, PO file, glossary and settings are byte
    for byte those of the last assessment is not read again: its verdict comes from
    the site's ``.cache/`` (without translations). Without ``detail`` a status keeps
    only the document (and its English), not every entry: a site of 10,000 documents
    then fits in little memory. With ``english`` (publish, export) each publishable
    document's English is built and kept; a reused verdict then brings its Dutch
    document (without its segments) and the English kept with it (see ``parses``),
    or — when that English is not kept — the document is assessed again. ``wanted``
    (export) limits that to the reused verdicts it accepts: the others come without
    unit and English. ``prerender``: see ``prerenders``. ``progress``: the phase
    "assessing", each document as it is judged (the reused ones at once). ``english_address``: where the site's
    generator serves a document's English (``link_map.GeneratorPages``), which no two documents may share;
    ``english_url_path`` by default.
    """
    glossary = load_glossary(site.root)
    sources = site.source_paths()
    settings = settings_fingerprint(site, glossary)
    names, ids = {path: site.relative(path) for path in sources}, {path: site.document_id(path) for path in sources}  # made once
    reused: dict[Path, DocumentStatus] = {}
    with long_lived():
        prints = _fingerprints(site, ids, settings)
        remembered = _read_verdicts(site) if reuse else {}
        kept = {}  # the lines of the verdicts reused: written back as they are
        for path in sources:
            fingerprint, verdict, line = remembered.get(names[path], ("", None, ""))
            if verdict is not None and fingerprint == prints[path]:
                reused[path], kept[path] = _from_json(verdict, prints[path]), line
        if english:
            reused = _with_documents(site, {path: verdict for path, verdict in reused.items() if wanted is None or wanted(verdict)}, reused)
    todo = [path for path in sources if path not in reused]
    advance = progress("assessing", len(sources)) if progress and todo else None  # reused alone: done at once
    if advance and reused:
        advance(len(reused))
    work = partial(
        _assess_paths, site, glossary, detail=detail, english=english, prints={path: prints[path] for path in todo},
        prerender=prerender, teller=Teller(advance, len(todo)),
    )
    fresh = dict(share_out(work, todo, threshold=PARALLEL_FROM))
    outcomes = [reused.get(path) or fresh[path] for path in sources]
    statuses = tuple(outcome for outcome in outcomes if isinstance(outcome, DocumentStatus))
    errors = tuple(
        error for outcome in outcomes
        if (error := outcome if isinstance(outcome, PipelineError) else outcome.catalog_error) is not None
    )
    listed = set(names.values())
    if todo or remembered.keys() != listed:
        _write_verdicts(site, [
            kept.get(path) or json.dumps([names[path], prints[path], _to_json(outcome)])
            for path, outcome in zip(sources, outcomes)
            if isinstance(outcome, DocumentStatus) and outcome.catalog_error is None  # a broken file is reported every time
        ])
        Parses.of(site.root).keep_english(listed)
    statuses = _hold_back_clashes(statuses, english_address or english_url_path)  # after the verdicts are kept: a clash depends on the other documents
    found = merges_of(site.root, site.relative(site.catalog_dir))  # and a crossing on git's history
    statuses = _hold_back_crossings(statuses, found.crossings)
    statuses = _put_back(statuses, put_back(site.root, site.relative(site.catalog_dir)))  # a save of before a pull
    known = set(ids.values())
    orphans = tuple(site.relative(p) for p in site.catalog_paths() if site.catalog_document_id(p) not in known)
    checked = all(s.catalog is None or s.msgfmt_checked for s in statuses)
    return SiteStatus(statuses, orphans, errors, msgfmt_checked=checked, unreadable=_unreadable_sources(site, sources, outcomes),
                      crossings=found.crossings, line_merged=found.merges)


def _unreadable_sources(site: Site, sources: list[Path], outcomes: list[DocumentStatus | PipelineError]) -> tuple[DocumentStatus, ...]:
    """The documents that cannot be read (``SiteStatus.unreadable``): their Dutch, or a PO file whose Dutch was never read
    (one that leads outside the site), as statuses that say which."""
    found = []
    for path, outcome in zip(sources, outcomes):
        if not isinstance(outcome, PipelineError):
            continue
        try:
            document_id = site.source_document_id(path)
        except PipelineError:
            continue  # a name that can be no page's address was never a page
        catalog = site.relative(site.catalog_path(document_id))
        what = "the PO file" if str(outcome.location).split(":")[0] == catalog else "the Dutch document"  # (one linked outside the site)
        found.append(DocumentStatus(document_id, site.relative(path), catalog, {}, 0, (), (cannot_read(what, outcome),), catalog_error=outcome))
    return tuple(found)


def cannot_read(what: str, error: PipelineError) -> str:
    """The reason of a document whose PO file or Dutch (``what``) cannot be read: where (file and line) and what is wrong;
    the error itself, with what to do, is said with the command's errors."""
    return f"{what} cannot be read: {error.where}: {error.problem}"


def prerenders(site: Site, asked: bool) -> bool:
    """Whether an assessment keeps the pages it parses prerendered for publish (``markdown.prerender``, kept with
    ``Parses``): where ``asked`` — by every command but ``export``, which would pay for pages only a later publish
    uses (2,000 prerenders at 1,000 posts, a tenth of its function calls); ``status`` and ``check`` do, since CI
    runs one of them and then publish (the workflow: ``status --format github``, then ``publish``), which renders
    every page kept so without parsing it — and only on a site publish builds (not a Hugo or Jekyll one). A verdict
    reused keeps what the assessment that made it kept: publish parses a page that has none."""
    return asked and not site.writes_in_place


def _with_documents(site: Site, wanted: dict[Path, DocumentStatus], reused: dict[Path, DocumentStatus]) -> dict[Path, DocumentStatus]:
    """The ``reused`` verdicts, those ``wanted`` with their documents (``_with_document``: the English kept with
    them read in one go); without those that must be assessed anew."""
    kept = Parses.of(site.root).english({verdict.source or "": verdict.fingerprint for verdict in wanted.values() if verdict.publishable})
    found = {path: _with_document(site, path, verdict, kept) if path in wanted else verdict for path, verdict in reused.items()}
    return {path: verdict for path, verdict in found.items() if verdict is not None}


def _with_document(site: Site, path: Path, verdict: DocumentStatus, english: dict[str, KeptEnglish]) -> DocumentStatus | None:
    """A reused verdict with its Dutch document and, when publishable, the English kept with it (in ``english``,
    by location); None when that English is not kept (or the document cannot be read now): then it is assessed anew."""
    kept = english.get(verdict.source or "") if verdict.publishable else None
    if verdict.publishable and kept is None:
        return None
    if kept:
        text, parsed, html, document, urls = kept  # the fingerprint covers the source's bytes: its document is the one kept
    else:
        text, parsed, html, urls = None, None, None, None
        try:
            document = read_source(site.source_bytes(path), verdict.document_id, site.relative(path), **site.config.reading)
        except PipelineError:
            return None
    unit = SourceUnit(document, (), site.catalog_path(verdict.document_id), None, {}, html=html)
    return replace(verdict, unit=unit, english=text, english_document=parsed, english_urls=urls)


def english_url_path(status: DocumentStatus) -> str:
    """Where publish serves the English of the document ``status`` judges (``site.english_path``), which has one."""
    assert status.english_url is not None and status.english_url.path is not None
    return status.english_url.path


def _hold_back_clashes(statuses: tuple[DocumentStatus, ...], address: Callable[[DocumentStatus], str]) -> tuple[DocumentStatus, ...]:
    """Documents whose English would be published at one URL (``address``): the English of each is held back (never
    the Dutch, never another page), and each is told which others claim the URL."""
    claims: defaultdict[str, list[DocumentStatus]] = defaultdict(list)
    for status in statuses:
        if status.publishable and status.english_url:
            claims[address(status)].append(status)
    shared = {status.document_id: path for path, group in claims.items() if len(group) > 1 for status in group}
    return tuple(
        clashing(status, [str(other.source) for other in claims[shared[status.document_id]] if other is not status], shared[status.document_id])
        if status.document_id in shared else status for status in statuses
    )


def with_crossings(site: Site, status: DocumentStatus, written: Path | None = None) -> tuple[DocumentStatus, tuple[Crossing, ...]]:
    """One document's verdict as the site's has it where its PO file (or the file ``written`` with the text a save
    will give it) holds a crossing (``line_merges``: the site's, read from its cache, for the workspace's page of it),
    and those crossings (``SiteStatus.crossings``)."""
    written_as = {status.catalog: written} if status.catalog and written else None
    found = tuple(crossing for crossing in merges_of(site.root, site.relative(site.catalog_dir), written_as).crossings
                  if crossing.path == status.catalog) if status.catalog else ()
    return _hold_back_crossings((status,), found)[0], found


def _hold_back_crossings(statuses: tuple[DocumentStatus, ...], found: tuple[Crossing, ...]) -> tuple[DocumentStatus, ...]:
    """Documents whose PO file holds a crossing (``line_merges``): an error on each such entry, the English held back,
    as no check of the entry's own text can tell."""
    if not found:
        return statuses
    problems: defaultdict[str, list[Problem]] = defaultdict(list)
    for crossing in (crossing for crossing in found if crossing.stands):
        problems[crossing.path].append(crossing_problem(crossing))
    held = []
    for status in statuses:
        more = problems.get(status.catalog or "")
        if more:
            reason = f"{plural(len(more), 'approved entry')} {'holds' if len(more) == 1 else 'hold'} English git's line merge put on other Dutch: review {'it' if len(more) == 1 else 'them'}"
            status = replace(status, problems=(*status.problems, *more), reasons=(*status.reasons, reason), english=None)
        held.append(status)
    return tuple(held)


def _put_back(statuses: tuple[DocumentStatus, ...], found: tuple[PutBack, ...]) -> tuple[DocumentStatus, ...]:
    """Documents whose PO file a save put English back in (``stale_saves``): an error on each such entry."""
    problems: defaultdict[str, list[Problem]] = defaultdict(list)
    for entry in found:
        problems[entry.path].append(put_back_problem(entry))
    return tuple(replace(status, problems=(*status.problems, *more), reasons=(
        *status.reasons, f"a save put back the English of before your pull in {plural(len(more), 'entry')}: put the pulled English back"),
        english=None) if (more := problems.get(status.catalog or "")) else status for status in statuses)


def clashing(status: DocumentStatus, others: list[str], path: str | None = None) -> DocumentStatus:
    """A publishable document's status, held back because the documents ``others`` (their sources) claim its English URL
    (``path``, where the generator serves it; its ``english_url`` by default)."""
    assert status.english_url is not None
    problem = clash_problem(status.english_url if path is None else replace(status.english_url, path=path), others)
    return replace(status, problems=(*status.problems, problem), reasons=tuple(guard_reasons([problem])), english=None, clash=True)


def settings_fingerprint(site: Site, glossary: Glossary) -> bytes:
    """What every verdict also depends on: settings, glossary, this version, and whether msgfmt can judge."""
    from .. import build_id

    return repr((site.config, glossary.version, build_id(), shutil.which("msgfmt") is not None)).encode()


def _fingerprints(site: Site, ids: dict[Path, str], settings: bytes) -> dict[Path, str]:
    """What each document's verdict is made from (``ids``: each source's document id): its source's and PO file's
    bytes (read only where they changed since the last command, see ``file_digests``), those of the sections whose
    cascade may make its page headless (``hugo_rendering.section_files``), ``settings``, and its rivals' names
    (``extraction.rivals``: a verdict kept from before one appeared would not refuse it, as a new one does)."""
    sections: dict[str, Path | None] = {}
    found = rivals(site, ids)
    pairs = {path: (path, site.catalog_path(document_id), *section_files(site, path, sections)) for path, document_id in ids.items()}
    files = [file for pair in pairs.values() for file in pair]
    digests = file_digests(site.root, list(dict.fromkeys(files)) if sections else files)  # a section is named by each of its pages
    prints = {}
    for path, pair in pairs.items():
        digest = hashlib.sha256(settings)
        for part in pair:
            digest.update(digests[part].encode() or b"\0missing")
        if path in found:
            digest.update(found[path].encode())
        prints[path] = digest.hexdigest()
    return prints


def _to_json(status: DocumentStatus) -> dict[str, Any]:
    return {
        "document_id": status.document_id, "source": status.source, "catalog": status.catalog, "counts": status.counts,
        "words_to_review": status.words_to_review, "reasons": list(status.reasons), "msgfmt_checked": status.msgfmt_checked,
        "problems": [[p.check, p.severity, p.line, p.message, p.source, p.location] for p in status.problems],
        "english_url": [status.english_url.path, status.english_url.location, status.english_url.line] if status.english_url else None,
        "silenced": status.silenced, "refused": list(status.refused), **({"by_hand": status.by_hand} if status.by_hand else {}),
        **({"links": status.links, "link_places": status.link_places} if status.links else {}),  # most documents: none
    }


def _from_json(data: dict[str, Any], fingerprint: str) -> DocumentStatus:
    return DocumentStatus(
        data["document_id"], data["source"], data["catalog"], data["counts"], data["words_to_review"],
        tuple(Problem(*problem) for problem in data["problems"]), tuple(data["reasons"]),
        msgfmt_checked=data["msgfmt_checked"], english_url=EnglishUrl(*data["english_url"]) if data.get("english_url") else None,
        silenced=data.get("silenced", 0), refused=tuple(data.get("refused", ())),
        links=tuple((written, line) for written, line in data["links"]) if "links" in data else (),
        link_places=tuple((start, end) for start, end in data["link_places"]) if "links" in data else (),
        fingerprint=fingerprint, by_hand=data.get("by_hand", 0),
    )


def _read_verdicts(site: Site) -> dict[str, tuple[str, Any, str]]:
    """The kept verdicts (``VERDICTS_FILE``) by source: the fingerprint, the verdict and its line; a line that cannot
    be read keeps none (that document is judged again)."""
    try:
        lines = (site.root / VERDICTS_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return {}
    found = {}
    for line in lines:
        try:
            name, fingerprint, verdict = json.loads(line)
            found[name] = (fingerprint, verdict, line)
        except (ValueError, TypeError):
            continue
    return found


def _write_verdicts(site: Site, lines: list[str]) -> None:
    write_cache(site.root / VERDICTS_FILE, "".join(f"{line}\n" for line in lines))  # a cache: never synced to disk


def _assess_paths(
    site: Site, glossary: Glossary, paths: list[Path], detail: bool = True, english: bool = False,
    prints: Mapping[Path, str] | None = None, prerender: bool = True, teller: Teller = SILENT,
) -> list[tuple[Path, DocumentStatus | PipelineError]]:
    """One outcome per path, in order; read in batches, with msgfmt beside the Python work.

    Each document is judged as soon as it is read: its block parse (``SourceUnit.blocks``) dies before the next
    document's is made. Read a batch ahead, 64 parses lived at once, and the garbage collector looked at each
    again and again (a tenth of a cold ``status``'s CPU, three times what it takes now).

    The English of each publishable document is kept under its fingerprint (``prints``), for the next
    command that reuses its verdict (``assess_site``); with ``prerender`` its pages too (``prerenders``)."""
    kept = Parses.of(site.root)
    batches = [paths[start : start + BATCH] for start in range(0, len(paths), BATCH)]
    results: list[tuple[Path, DocumentStatus | PipelineError]] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        # msgfmt checks the PO files in its own process while this one checks the entries
        verdicts = [pool.submit(_msgfmt_verdicts, site, batch) for batch in batches]
        for batch, verdict in zip(batches, verdicts):
            outcomes: dict[Path, DocumentStatus | PipelineError] = {}
            for path in batch:
                teller.done(len(paths))  # as it is started: one that cannot be read is done at once
                try:
                    unit = load_unit(site, path)
                except CatalogError as error:
                    outcomes[path] = _unreadable(site, path, error)
                    continue
                except PipelineError as error:
                    outcomes[path] = error
                    continue
                fingerprint = prints.get(path, "") if prints else ""
                status = assess_unit(site, unit, glossary, verdict.result().get(unit.catalog_path) if unit.catalog else [], True, fingerprint, prerender=prerender)
                if status.english is not None and fingerprint:
                    kept.put_english(
                        unit.document.path, fingerprint, status.english, status.english_document, dutch_html(unit), unit.document,
                        status.english_prerendered, status.english_urls,
                    )
                outcomes[path] = replace(status, **_sent_back(status, detail, english))
            results.extend((path, outcomes[path]) for path in batch)
            kept.flush()
    return results


def _unreadable(site: Site, path: Path, error: CatalogError) -> DocumentStatus | PipelineError:
    """A document whose PO file cannot be read: its Dutch stays, its English waits (and may stay live from
    an earlier version); the error is reported. A broken Dutch document is the error alone."""
    try:
        unit = load_unit(site, path, catalog=False)
    except PipelineError as other:
        return other
    document = unit.document
    reasons = (DRAFTED,) if document.is_draft else ()
    return DocumentStatus(
        document.id, document.path, error.location, dict.fromkeys(STATES, 0), 0, (),
        (*reasons, cannot_read("the PO file", error)), unit=replace(unit, blocks=None), catalog_error=error,
    )


def _msgfmt_verdicts(site: Site, paths: list[Path]) -> dict[Path, list[Problem] | None]:
    catalogs = [catalog for path in paths if (catalog := site.catalog_path(site.document_id(path))).is_file()]
    return dict(zip(catalogs, msgfmt_problems_of_many(catalogs)))


BATCH = 64


def _sent_back(status: DocumentStatus, detail: bool, english: bool) -> dict[str, Any]:
    """What of a fresh verdict the command does not get (one ``replace``, not one for each): the body prerendered (kept:
    the process that renders the page reads it), the English without ``english``, the entries without ``detail``."""
    left_out: dict[str, Any] = {"english_prerendered": None}
    if not english:
        left_out.update(english=None, english_document=None, english_urls=None)
    if not detail:
        unit = status.unit
        left_out.update(translations=(), unit=SourceUnit(unit.document, (), unit.catalog_path, None, {}, html=unit.html) if unit else None)
    return left_out


def assess_unit(
    site: Site, unit: SourceUnit, glossary: Glossary, file_problems: list[Problem] | None, english: bool = False,
    fingerprint: str = "", *, prerender: bool = True,
) -> DocumentStatus:
    """One document's verdict; with ``english``, the English document too when it may be published; with ``prerender``
    (``prerenders``), its pages prerendered for publish."""
    document = unit.document
    catalog_location = site.relative(unit.catalog_path) if unit.catalog else None
    slugged = any(s.context == SLUG for s in unit.segments)  # else a slug entry of before is obsolete, awaited by nothing
    translations = tuple(t for t in unit.catalog.translations if slugged or t.context != SLUG) if unit.catalog else ()
    references = unit.references
    seen = OutlinesSeen({t.text for t in translations}, references)  # the English parse outlines the English texts
    told: dict[str, Any] = {}  # the Dutch texts' outlines, when their body's parse is finished now
    prerender = prerenders(site, prerender)
    if unit.blocks is not None:
        told = _finish_dutch(site, unit, {t.source for t in translations if t.context is None} - unit.outlines.keys(), prerender)
        unit = replace(unit, blocks=None)
    # what waits is what the Dutch the document has waits for: an entry of Dutch it no longer has (a merge kept both
    # sides' rewording of one text; which is the document's git's merge cannot tell the driver) waits for nothing
    wanted = of_its_dutch(unit)
    counted = [t for t in translations if t.key in wanted]
    translated = English()
    if unit.catalog is not None and all(t.approved for t in counted):  # one with nothing to translate (a section of only front matter) too
        translated = _english(unit, seen, prerender=prerender and bool(fingerprint))  # kept under its fingerprint, or lost
    entries = [
        Entry.with_outlines(
            t, references, glossary, unit.outlines.get(t.source, told.get(t.source)) if t.context is None else None,
            seen.outlines.get(t.text),
        )
        for t in translations
    ]
    url, front_matter_slug = english_url(document, unit.catalog, site.config.target_language, slugged) if unit.rendered else (None, None)
    found = check_entries_counting_silenced(entries)
    found_problems = of_current_dutch(found.problems, [t for t in translations if t.key not in wanted])
    problems = [*(file_problems or []), *found_problems, *([front_matter_slug] if front_matter_slug else []), *translated.problems]
    _remember_outlines(site, unit, entries)
    counts = Counter(t.state for t in counted)
    words = sum(len(_WORD.findall(t.source)) for t in counted if not t.approved)
    if unit.catalog is None:
        words = sum(len(_WORD.findall(s.text)) for s in unit.segments)
    reasons = blockers(document, unit.segments, unit.catalog, problems)
    links, link_places = written_links(document, own_address(site.config))  # base_url is in every verdict's key
    return DocumentStatus(
        document.id,
        document.path,
        catalog_location,
        {state: counts.get(state, 0) for state in STATES},
        words,
        tuple(problems),
        reasons,
        translations,
        unit,
        translated.text if english and not reasons else None,
        file_problems is not None,
        url,
        found.silenced,
        refused=translated.refused,
        english_document=translated.document if english and not reasons else None,
        english_urls=translated.urls if english and not reasons else None,
        english_prerendered=translated.prerendered if english and not reasons else None,
        links=links,
        link_places=link_places,
        fingerprint=fingerprint,
        by_hand=sum(emptied(t) for t in counted),
    )


def of_its_dutch(unit: SourceUnit) -> frozenset[tuple[str | None, str]]:
    """The keys of the entries of the Dutch the document has now (its segments'): an entry of another key is stale, which
    waits for nothing and whose errors hold nothing back (``gate.of_current_dutch``)."""
    return frozenset((s.context, s.text) for s in unit.segments)


def _finish_dutch(site: Site, unit: SourceUnit, texts: set[str], prerender: bool = True) -> dict[str, Any]:
    """Finish the block parse of a Dutch body that ``load_unit`` made now into the publishing parser's, keep the
    page prerendered for publish (``Parses.put_dutch``; with ``prerender``) and return the outlines of those of
    ``texts`` it parsed as the checks would (``OutlinesSeen``). Where a reference definition links to a URL the site
    refuses, the blocks are not the publishing parser's: the checks then parse the texts, and publish the page,
    themselves."""
    assert unit.blocks is not None
    seen = OutlinesSeen(texts, unit.references)
    tokens = markdown.parse_for_publishing(unit.document.body, unit.blocks[TOKENS], unit.blocks, seen)
    if prerender and tokens is not None and unit.html is not None and (prerendered := markdown.prerender(unit.document.body, tokens)):
        Parses.of(site.root).put_dutch(unit.document.path, prerendered, unit.html)
    return seen.outlines


def _remember_outlines(site: Site, unit: SourceUnit, entries: list[Entry]) -> None:
    """Keep the Dutch outlines the checks made with the document's parse: the next status need not make them.

    Only those of texts with markup (``markdown.MARKUP``): the outline of any other text is made without a parse,
    as fast as it is read back (kept too, they were seven in ten of the outlines, each pickled and unpickled).
    """
    made = {
        e.source: e.dutch_outline
        for e in entries
        if e.translation.context is None and e.dutch_outline is not None and markdown.MARKUP.search(e.source)
    }
    if unit.parse_key and made.keys() - unit.outlines.keys():  # an earlier version from git (see live) has no parse to keep
        unit.outlines.update(made)
        Parses.of(site.root).put_outlines(unit.parse_key, unit.outlines)


def english_markdown(document: Document, segments: Sequence[Segment], catalog: Catalog) -> str:
    """The document with every approved translation in place (the source text where there is none)."""
    return reassemble(document, segments, _approved(catalog))


def english_body(document: Document, segments: Sequence[Segment], catalog: Catalog) -> str:
    """The body of ``english_markdown`` alone (front matter aside); raises ReassemblyError as it does."""
    return reassemble_body(document, segments, _approved(catalog))


def _approved(catalog: Catalog) -> Callable[[Segment], str | None]:
    approved = {t.key: t.text for t in catalog.translations if t.approved}
    return lambda segment: approved.get((segment.context, segment.text))


@dataclass(frozen=True)
class English:
    """What the assessment makes of a complete translation (see ``_english``): nothing for any other."""

    text: str | None = None
    document: Document | None = None
    """``text`` parsed as the page model reads it; None when its front matter is broken (the page model says why)."""
    urls: tuple[markdown.UrlSpan, ...] | None = None
    """Where the link URLs of ``document``'s body are (``DocumentStatus.english_urls``)."""
    refused: tuple[str, ...] = ()
    prerendered: markdown.Prerendered | None = None
    problems: tuple[Problem, ...] = ()


def _english(unit: SourceUnit, seen: markdown.InlineSeen | None = None, *, prerender: bool = True) -> English:
    """The English document of a complete translation, parsed, with where its link URLs are, what in it export
    refuses (see ``refusals``) and, with ``prerender``, its body prerendered for the site (from the same parse, when
    the site would parse it the same); or the problem that it breaks the page's structure. ``seen`` is told of the
    English texts as they are parsed."""
    assert unit.catalog is not None
    lookup = _approved(unit.catalog)
    refused_before = markdown.links_the_site_refuses()
    urls: list[markdown.UrlSpan] = []
    try:
        body, tokens = parsed_body(unit.document, unit.segments, lookup, seen, urls)
    except ReassemblyError as error:
        return English(problems=tuple(structure_problems(unit.catalog, error)))
    refused = refusals(body, tokens, unit.document.body, dutch_html(unit))
    prerendered = markdown.prerender(body, tokens) if prerender and markdown.links_the_site_refuses() == refused_before else None
    text, document = with_front_matter_read(unit.document, unit.segments, lookup, body)
    found = tuple(urls) if document is not None and document.body == normalize_newlines(body) else None  # where they were found
    return English(text, document, found, refused, prerendered)


def structure_problems(catalog: Catalog, error: ReassemblyError) -> list[Problem]:
    """One problem for each entry whose translation changes the page's structure (every one at once, at its PO
    line, in the file's order), or one for the file when only several together do."""
    lines = {t.key: t.line for t in catalog.translations}
    said = {t.key for t in catalog.translations if block_said_by_its_entry(t)}
    keys: dict[tuple[str | None, str | None], str] = {}  # one entry may stand for several segments: the same Dutch twice in the page
    for segment, cause in zip(error.segments, error.causes):
        key = (getattr(segment, "context", None), getattr(segment, "text", None))
        if key not in said or not cause.startswith(STARTS_A_BLOCK):  # else its own check says it: ``checks.new_block``
            keys.setdefault(key, f"the translation changes the structure of the page: {cause}")
    if error.segments and not keys:
        return []
    keys = keys or {(None, None): f"{error.problem} — {error.hint}"}
    problems = [Problem("structure", ERROR, lines.get(key, 0), message, key[1] or "") for key, message in keys.items()]
    return sorted(problems, key=lambda problem: problem.line)


def refusals(body: str, tokens: Sequence[Token], dutch_body: str, dutch_html: frozenset[str]) -> tuple[str, ...]:
    """What an English body (and its tokens, ``markdown.parse_keeping_every_link``) carries that the site would
    show as text (the site's own rule, ``markdown.refused_in``) or that a generator might take for HTML."""
    refused = markdown.refused_in(tokens, dutch_html)
    dutch_tags = set(_LOOSE_TAG.findall(dutch_body))
    loose = set(_LOOSE_TAG.findall(body)) - dutch_tags - set(refused)
    translated = {html_text.shape(tag) for tag in dutch_tags} if loose else set()
    return tuple(refused + sorted(tag for tag in loose if html_text.shape(tag) not in translated))


_LOOSE_TAG = re.compile(r"<[A-Za-z!?/][^<>\n]*>?")
"""Anything a browser might read as a tag (``<img/src=x/onerror=…>`` is none to CommonMark, so the site's rule
lets it pass as text; a generator that passes loose HTML through would not): English may carry only the Dutch's,
or one of them with the values of its text attributes translated (its ``html_text.shape``: an ``alt`` the translator
was offered), as the site keeps a translated HTML block."""
