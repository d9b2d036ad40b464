"""``draft``: fill empty PO entries, first from translation memory, then from an engine.

The flow of one run:

1. read every PO file (the memory is built from all of them) and pick the
   selected documents' empty entries of the Dutch each document has now (one of Dutch it no longer has, which a
   merge can keep until the next extract, is left: no page would show its English);
2. an entry whose Dutch text the translator already approved elsewhere gets that
   translation as a memory draft; so does one whose Dutch is nearly that (``NEAR_ENOUGH``), with the Dutch its
   English was made for as its previous Dutch (``#|``), so that an editor shows the words that differ;
3. every other text is protected (placeholders for markup and glossary terms),
   split to the engine's request limit, and each unique piece is looked up in the
   cache or sent once — concurrently, with a timeout and retries;
4. a document's PO file is rewritten as soon as all its entries are resolved, from
   a fresh read of the file, so that a translator's edit in the meantime is kept.

Drafts are fuzzy with a provenance comment (``mt: google 2026-11-28 draft:…``
or ``tm: translations/en/… draft:…``: the digest of the draft tells later whether a person changed it); a non-empty msgstr is never touched. Left alone: an entry whose draft a person
emptied (``emptied``: she translates it by hand; ``again`` drafts it anyway, never with the draft she emptied), and
by default a document the author marked ``draft: true`` (not published yet: its Dutch may change or go).
"""

from __future__ import annotations

import datetime
import fnmatch
import random
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from .cache import CACHE_FILE, TranslationCache, cache_key
from ..catalogs.catalog import Catalog, Draft, Key, Translation, draft_digest, drafted_note, read_catalog
from ..catalogs.extraction import SourceUnit, load_unit
from ..config import CONFIG_FILE, ENGINES, TranslationConfig, is_http_url
from .emptied import emptied, emptied_digests
from .engines import ENGINE_LIMITS, Engine, EngineError, Failed, Fatal, Retryable, guarded_requests, make_engine
from ..errors import PipelineError, file_system_error
from ..catalogs.checks import DUTCH_WORDS
from ..plumbing.files import ChangedMeanwhile, remove_leftovers, replace_if_unchanged
from ..catalogs.glossary import load_glossary
from ..catalogs.memory import Remembered, build_memory, matches
from .protection import DamagedDraft, Masked, nothing_to_translate, placeholders, protect, restore
from ..text.segmentation import english_numbers
from ..text.slugs import SLUG
from ..site import Site
from ..wording import one_line, plural

MAX_RETRY_AFTER = 300.0


@dataclass(frozen=True)
class DocumentDrafts:
    """What ``draft`` did to one PO file."""

    document_id: str
    catalog: str
    from_memory: int
    from_engine: int
    failed: int
    written: bool


@dataclass(frozen=True)
class Planned:
    """What a dry run would do to one PO file: how many entries the memory fills, and the texts it would send
    (each once in the whole run: a text two files share is counted with the first)."""

    catalog: str
    from_memory: int
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Failure:
    """An entry that got no draft, and why."""

    where: str
    source: str
    reason: str


@dataclass(frozen=True)
class DraftReport:
    engine: str
    dry_run: bool
    entries: int = 0
    from_memory: int = 0
    unique_texts: int = 0
    cached: int = 0
    characters: int = 0
    requests: int = 0
    documents: tuple[DocumentDrafts, ...] = ()
    failures: tuple[Failure, ...] = ()
    errors: tuple[PipelineError, ...] = ()
    stopped: str | None = None
    plan: tuple[Planned, ...] = ()
    """A dry run's PO files that would change, in document order."""
    near: int = 0
    """Of ``from_memory``, the drafts of a near match (``NEAR_ENOUGH``): no request paid for them either."""
    emptied: int = 0
    """Entries left alone because a person emptied their draft (``emptied``): hers to translate by hand."""
    same_again: int = 0
    """Entries ``again`` asked for whose new draft was the one emptied: left empty (another engine may differ)."""
    unpublished: tuple[str, ...] = ()
    """Documents marked ``draft: true`` left out (not published yet); a pattern that names them drafts them."""
    stale: int = 0
    """Empty entries left undrafted: of Dutch their document no longer has (``_dutch_now``)."""

    @property
    def from_engine(self) -> int:
        return sum(document.from_engine for document in self.documents)


@dataclass(frozen=True)
class Progress:
    texts_done: int
    texts_total: int
    characters_done: int
    characters_total: int


@dataclass
class _Job:
    """One entry waiting for the engine: its protected text, cut into the pieces sent."""

    key: Key
    line: int
    masked: Masked
    pieces: list[str]


@dataclass
class _Document:
    document_id: str
    path: Path
    location: str
    drafts: dict[Key, Draft] = field(default_factory=dict)
    jobs: list[_Job] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    from_memory: int = 0
    near: int = 0
    emptied_digests: dict[Key, frozenset[str]] = field(default_factory=dict)  # ``again``: the drafts not to put back
    same_again: int = 0
    remaining: int = 0  # pieces still without an answer
    done: bool = False


INTERRUPTED = "interrupted (Ctrl-C): no request was sent after it, and every answer that came is kept"
"""Why a run stopped when its user asked it to."""


class _Stopped(Exception):
    """The run stopped before this piece was sent."""


@dataclass(frozen=True)
class _Answer:
    text: str | None
    attempts: int
    damage: str | None = None
    error: Exception | None = None


def draft(
    site: Site,
    *,
    pattern: str | None = None,
    engine_name: str | None = None,
    url: str | None = None,
    dry_run: bool = False,
    again: bool = False,
    today: datetime.date | None = None,
    engine: Engine | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_progress: Callable[[Progress], None] | None = None,
    on_document: Callable[[DocumentDrafts], None] | None = None,
) -> DraftReport:
    """Fill the empty entries of the selected documents (``pattern``: an id or glob such as ``blog/*``); a document
    marked ``draft: true`` only where ``pattern`` names it; an entry whose draft a person emptied only with ``again``
    (from the engine, and not with the draft she emptied)."""
    config = _with_options(site.config.translation, engine_name, url)
    glossary = load_glossary(site.root)
    source, target = site.config.source_language, site.config.target_language
    stamp = (today or datetime.date.today()).isoformat()

    if not dry_run and site.catalog_dir.resolve().is_relative_to(site.root):  # never tidy a folder outside the site
        remove_leftovers(site.catalog_dir)
    catalogs, errors = _read_catalogs(site)
    memory = build_memory((location, catalog) for _, _, location, catalog in catalogs)
    selected = [item for item in catalogs if _matches(item[0], pattern)]
    if pattern and not selected and not errors:
        errors.append(PipelineError(pattern, "no PO file matches this document name", hint="try 'blog/*', or run extract first"))

    documents: list[_Document] = []
    unpublished: list[str] = []
    left_emptied = 0
    stale = 0
    for document_id, path, location, catalog in selected:
        document = _Document(document_id, path, location)
        empty = catalog.untranslated()
        dutch = _dutch_now(site, document_id) if empty else None  # read once: whether it is published, and its texts
        if dutch is not None and dutch.document.is_draft and not _named(pattern, document_id):
            unpublished.append(document_id)
            continue
        current = None if dutch is None else frozenset((found.context, found.text) for found in dutch.segments)
        for entry in empty:
            if current is not None and entry.key not in current:
                stale += 1
                continue
            if emptied(entry) and not again:
                left_emptied += 1
                continue
            remembered = _memory_draft(memory, entry, config.memory_approves)
            if remembered is not None:
                document.drafts[entry.key] = remembered
                document.from_memory += 1
                document.near += remembered.previous is not None
            else:
                document.emptied_digests[entry.key] = emptied_digests(entry)  # ``again``: not the draft she emptied
                # a slug is sent as words and made a slug again when it comes back
                masked = protect(entry.source.replace("-", " ") if entry.context == SLUG else entry.source, glossary)
                document.jobs.append(_Job(entry.key, entry.line, masked, _split(masked.text, ENGINE_LIMITS[config.engine])))
        documents.append(document)

    # in document order, so that documents complete (and are saved) one after another
    pieces = list(dict.fromkeys(piece for document in documents for job in document.jobs for piece in job.pieces))
    # the engine's answer, without asking: the text itself, its numbers in English notation
    as_is = {piece: english_numbers(piece) for piece in pieces if nothing_to_translate(piece)}
    pieces = [piece for piece in pieces if piece not in as_is]
    answered_by = f"{config.engine} at {config.url}" if config.url else config.engine  # a test server's answers are not Google's
    keys = {piece: cache_key(answered_by, source, target, glossary.version, piece) for piece in pieces}
    cache = None if dry_run and not (site.root / CACHE_FILE).exists() else TranslationCache(site.root / CACHE_FILE)
    try:
        answers = {piece: cached for piece in pieces if cache and (cached := cache.get(keys[piece])) is not None}
        to_send = [piece for piece in pieces if piece not in answers]
        report = DraftReport(
            engine=config.engine,
            dry_run=dry_run,
            entries=sum(d.from_memory + len(d.jobs) for d in documents),
            from_memory=sum(d.from_memory for d in documents),
            unique_texts=len(pieces),
            cached=len(answers),
            characters=sum(len(piece) for piece in to_send),
            errors=tuple(errors),
            near=sum(d.near for d in documents),
            emptied=left_emptied,
            unpublished=tuple(unpublished),
            stale=stale,
        )
        if dry_run:
            return replace(report, plan=_plan(documents, to_send))
        run = _Run(config, stamp, documents, answers | as_is, on_document, _unreachable_hint(config, url))
        stopped = None
        if to_send:
            made_here = engine is None
            try:
                engine = engine or make_engine(config.engine, config, source, target)
            except Fatal as error:
                return replace(report, stopped=str(error))
            try:
                stopped = run.send(engine, to_send, keys, cache, sleep, on_progress)
            finally:
                if made_here:
                    engine.close()  # an engine we were given is the caller's to close
        else:
            run.started = True
        run.finish()
        return replace(
            report,
            requests=run.requests,
            documents=tuple(run.results),
            failures=tuple(f for d in documents for f in d.failures),
            errors=tuple([*errors, *run.errors]),
            stopped=stopped,
            same_again=sum(d.same_again for d in documents),
        )
    finally:
        if cache:
            cache.close()


def _plan(documents: list[_Document], to_send: list[str]) -> tuple[Planned, ...]:
    """What each document's PO file would get: its memory drafts, and the texts it would send (in its own order)."""
    unsent = dict.fromkeys(to_send)
    plan = []
    for document in documents:
        texts = []
        for job in document.jobs:
            for piece in job.pieces:
                if piece in unsent:
                    texts.append(piece)
                    del unsent[piece]
        if texts or document.from_memory:
            plan.append(Planned(document.location, document.from_memory, tuple(texts)))
    return tuple(plan)


NO_NETWORK = (
    "check the network connection (without one: draft --dry-run says what would be sent, and README's "
    "'Trying draft without a network or a key' has an offline engine to draft with)"
)
"""What to check when the engine's own address cannot be reached, and what works without a network."""


class _Run:
    """The engine phase of one draft run: sending, collecting, writing documents as they complete."""

    def __init__(
        self,
        config: TranslationConfig,
        stamp: str,
        documents: list[_Document],
        answers: dict[str, str],
        on_document: Callable[[DocumentDrafts], None] | None,
        unreachable: str = NO_NETWORK,
    ) -> None:
        self.config = config
        self.unreachable = unreachable  # what to check when the engine cannot be reached (``_unreachable_hint``)
        self.stamp = stamp
        self.documents = documents
        self.answers = answers
        self.damage: dict[str, str] = {}
        self.lost: dict[str, str] = {}
        self.on_document = on_document
        self.results: list[DocumentDrafts] = []
        self.errors: list[PipelineError] = []
        self.requests = 0
        self.started = False  # no file is written before the engine has answered once
        self._swept = False
        self._waiting: dict[str, list[_Document]] = defaultdict(list)
        for document in documents:
            unanswered = {piece for job in document.jobs for piece in job.pieces if piece not in answers}
            document.remaining = len(unanswered)
            for piece in unanswered:
                self._waiting[piece].append(document)

    def send(
        self,
        engine: Engine,
        to_send: list[str],
        keys: dict[str, str],
        cache: TranslationCache,
        sleep: Callable[[float], None],
        on_progress: Callable[[Progress], None] | None,
    ) -> str | None:
        """Send every piece; return why the run stopped early, or None."""
        total_chars = sum(len(piece) for piece in to_send)
        done_texts = done_chars = 0
        counter = threading.Lock()

        stop = threading.Event()

        def attempt(piece: str) -> _Answer:
            def go_on() -> None:
                if stop.is_set():
                    raise _Stopped

            def reached() -> None:
                with counter:
                    self.requests += 1

            try:
                answer = _ask(engine, piece, self.config.retries, sleep, go_on, reached)
            except _Stopped:
                return _Answer(None, 0, error=_Stopped())
            if isinstance(answer.error, Fatal):
                stop.set()  # no other worker starts a request after this
            elif answer.text is not None:
                cache.put(keys[piece], engine.name, piece, answer.text)  # paid for: kept at once, even if we die now
            return answer

        def stopping(pending: dict[Future[_Answer], str], engine_name: str) -> None:
            """No request starts after this; the answers already under way are paid for: keep them."""
            stop.set()
            for other in pending:
                other.cancel()
            for other, other_piece in pending.items():
                if not other.cancelled() and other.result().error is None:
                    self._take(other_piece, other.result(), engine_name)
                    self._resolved(other_piece)

        if on_progress:  # the totals, before the first answer
            on_progress(Progress(0, len(to_send), 0, total_chars))
        with guarded_requests(self.config.timeout), ThreadPoolExecutor(self.config.concurrency) as pool:
            pending: dict[Future[_Answer], str] = {pool.submit(attempt, piece): piece for piece in to_send}
            try:
                while pending:
                    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        piece = pending.pop(future)
                        answer = future.result()
                        if isinstance(answer.error, _Stopped):
                            continue
                        reason = self._take(piece, answer, engine.name)
                        if reason:
                            stopping(pending, engine.name)
                            return reason
                        done_texts += 1
                        done_chars += len(piece)
                        if on_progress:
                            on_progress(Progress(done_texts, len(to_send), done_chars, total_chars))
                        self._resolved(piece)
            except KeyboardInterrupt:  # Ctrl-C: stop sending at once, and keep what has come (a second one: leave)
                stopping(pending, engine.name)
                return INTERRUPTED
        return None

    def _take(self, piece: str, answer: _Answer, engine: str) -> str | None:
        error = answer.error
        if isinstance(error, Fatal):
            return str(error)
        if isinstance(error, Retryable) and error.unreachable and not self.started:
            return f"cannot reach the {engine} engine ({error}): {self.unreachable}"
        if error is not None:
            self.lost[piece] = str(error)
            self.started = self.started or not (isinstance(error, Retryable) and error.unreachable)
            return None
        assert answer.text is not None
        self.answers[piece] = answer.text
        if answer.damage:
            self.damage[piece] = answer.damage
        self.started = True
        return None

    def _resolved(self, piece: str) -> None:
        """A piece has its answer (or is lost): write every document that no longer waits for anything."""
        ready = []
        for document in self._waiting.pop(piece, []):
            document.remaining -= 1
            if document.remaining == 0:
                ready.append(document)
        if not self.started:
            return
        if not self._swept:
            self.finish()
        for document in ready:
            if not document.done:
                self._write(document)

    def finish(self) -> None:
        """Write every complete document; one still waiting after an early stop is left for the next run."""
        if self.started:
            self._swept = True
            for document in self.documents:
                if not document.done and document.remaining == 0:
                    self._write(document)

    def _write(self, document: _Document) -> None:
        document.done = True
        drafts = dict(document.drafts)
        from_engine = 0
        for job in document.jobs:
            lost = [self.lost[p] for p in job.pieces if p in self.lost]
            if lost:
                document.failures.append(Failure(f"{document.location}:{job.line}", job.key[1], lost[0]))
                continue
            made = self._engine_draft(job)
            if draft_digest(made.text) in document.emptied_digests.get(job.key, ()):
                document.same_again += 1  # ``again``: the draft she emptied, once more; the entry stays hers
                continue
            drafts[job.key] = made
            from_engine += 1
        try:
            for attempt in range(3):
                current = read_catalog(document.path, document.location)  # the translator may have saved meanwhile
                updated, filled = current.with_drafts(drafts)
                text = updated.text()
                try:
                    if text != current.original:
                        replace_if_unchanged(document.path, text, current.original)
                    break
                except ChangedMeanwhile:
                    if attempt == 2:
                        raise PipelineError(document.location, "the file keeps changing while draft runs; its drafts are in the cache", hint="close it in the PO editor and run draft again") from None
        except PipelineError as error:
            self.errors.append(error)
            return
        except OSError as error:
            hint = file_system_error(error, document.location).hint  # chmod, free space, …: what to do
            self.errors.append(PipelineError(document.location, f"cannot write the PO file: {error.strerror}", hint=hint))
            return
        result = DocumentDrafts(
            document.document_id, document.location, document.from_memory, from_engine, len(document.failures), filled > 0
        )
        self.results.append(result)
        if self.on_document:
            self.on_document(result)

    def _engine_draft(self, job: _Job) -> Draft:
        answer = " ".join(self.answers[piece] for piece in job.pieces)
        damage = [self.damage[p] for p in job.pieces if p in self.damage]
        try:
            text = restore(answer, job.masked)
        except DamagedDraft as error:
            damage.append(str(error))
            text = restore(answer, job.masked, strict=False)
        if job.key[0] == SLUG:
            text = slugify(text)
        text = text.strip("\n")  # an engine's line break at an end: a msgid has none there (msgfmt --check wants both alike)
        note = drafted_note(f"mt: {self.config.engine} {self.stamp}", text)
        if damage:
            note += f"\nmt-damage: {damage[0]}; compare the markup with the Dutch before approving"
        return Draft(text, note)


def _ask(
    engine: Engine,
    piece: str,
    retries: int,
    sleep: Callable[[float], None],
    go_on: Callable[[], None],
    reached: Callable[[], None],
) -> _Answer:
    """One piece through the engine: retries with backoff, and one more request if placeholders come back damaged.

    ``go_on`` raises when the run stopped, before each try; ``reached`` is called for each
    request the engine received (answered or refused), so a run that never got through
    does not say it sent anything.
    """
    expected = sorted(placeholders(piece))
    attempts = 0
    damaged_once = False
    while True:
        go_on()
        attempts += 1
        try:
            text = engine.translate(piece)
        except EngineError as error:
            if not error.unreachable:
                reached()
            if not isinstance(error, Retryable) or attempts > retries:
                return _Answer(None, attempts, error=error)
            sleep(_backoff(attempts, error.retry_after))
            continue
        reached()
        if _still_dutch(piece, text):
            return _Answer(None, attempts, error=Failed("the answer is the Dutch text, untranslated"))
        if sorted(placeholders(text)) == expected:
            return _Answer(text, attempts)
        if damaged_once:
            return _Answer(text, attempts, damage=f"the engine damaged the placeholders twice: {text[:60]!r}")
        damaged_once = True


NEAR_ENOUGH = 90
"""From this similarity on (percent, the memory's ``matches``: rapidfuzz's ratio, as the workspace's suggestions show
it) an approved translation of other Dutch is an entry's draft rather than the engine's: a word's ending or a word
apart in a sentence ("teams" for "team"), with that Dutch as the entry's previous Dutch (``#|``), so that her editor
shows what differs. Poedit's and Weblate's memories draft from about 75 %; at that a short sentence may differ by a
"niet" or a name, and the engine's draft of the Dutch as it is serves her better than a person's of other Dutch."""


def _memory_draft(memory: dict[str, Remembered], entry: Translation, approves: bool) -> Draft | None:
    """An entry's draft from the memory: the English approved for the same Dutch (approved itself where the site says
    so, ``approves``), else for the most similar Dutch from ``NEAR_ENOUGH`` on, fuzzy, with that Dutch as its previous
    Dutch (not for a slug: a page's address is its own). None for an entry whose draft a person emptied: only the
    engine drafts it again (``again``)."""
    if emptied(entry):
        return None
    exact = memory.get(entry.source)
    if exact is not None:
        return Draft(exact.text, drafted_note(f"tm: {exact.origin}", exact.text), approved=approves)
    if entry.context == SLUG or not memory:
        return None
    for text, _ in matches(memory, entry.source, limit=1, cutoff=NEAR_ENOUGH):
        return Draft(memory[text].text, drafted_note(f"tm: {memory[text].origin}", memory[text].text), previous=text)
    return None


def _named(pattern: str | None, document_id: str) -> bool:
    """Whether ``--documents`` names this document itself (not a glob that takes it in): a ``draft: true`` one is drafted."""
    return bool(pattern) and pattern.removesuffix(".md").removesuffix(".po").strip("/") == document_id


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: 'Loyalty is not blind!' → 'loyalty-is-not-blind'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())) or "page"


def _still_dutch(sent: str, answer: str) -> bool:
    """An answer in the wrong language: the Dutch came back as it went, with Dutch words in it."""
    if answer.strip() != sent.strip():
        return False
    words = {word.lower() for word in re.findall(r"[^\W\d_]+", sent)}
    return len(words & DUTCH_WORDS) >= 2


def _backoff(attempt: int, retry_after: float | None) -> float:
    if retry_after is not None:
        return min(retry_after, MAX_RETRY_AFTER)
    return min(30.0, 0.5 * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)


def _split(text: str, limit: int) -> list[str]:
    """Cut a text into pieces under ``limit`` characters, at sentence ends where possible."""
    if len(text) <= limit:
        return [text]
    pieces, current = [], ""
    for sentence in re.split(r"(?<=[.!?…])\s+", text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces


def _with_options(config: TranslationConfig, engine_name: str | None, url: str | None) -> TranslationConfig:
    """The site's translation settings with the command line's ``--engine`` and ``--url``, checked as pipeline.yaml's are."""
    if engine_name is not None and engine_name not in ENGINES:
        shown = engine_name if len(engine_name) <= 40 else engine_name[:37] + "..."
        raise PipelineError("--engine", f"unknown engine {shown!r}", hint=f"choose one of {', '.join(ENGINES)}")
    if url is not None and not is_http_url(url):
        raise PipelineError("--url", "not an http(s) address", hint="give the engine's address, e.g. --url http://127.0.0.1:8081")
    return replace(config, engine=engine_name or config.engine, url=url or config.url)


def _unreachable_hint(config: TranslationConfig, url: str | None) -> str:
    """What to check when the engine cannot be reached: the address it was sent to, named as the person gave it
    (``--url``, else ``translation.url``; scheme, host and port only: a key may ride in the rest), else the network."""
    if not config.url:
        return NO_NETWORK
    where = _address(config.url)
    if url:
        return f"check that the engine runs at {where}, the address --url gave"
    return f"check that the engine runs at {where} (translation.url in {CONFIG_FILE}), and the network connection"


def _address(url: str) -> str:
    """``scheme://host:port`` of a URL, without a user, password, path or query."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def _read_catalogs(site: Site) -> tuple[list[tuple[str, Path, str, Catalog]], list[PipelineError]]:
    catalogs, errors = [], []
    for path in site.catalog_paths():
        location = site.relative(path)
        try:
            site.check_inside(path)
            catalogs.append((site.catalog_document_id(path), path, location, read_catalog(path, location)))
        except PipelineError as error:
            errors.append(error)
    return catalogs, errors


def _dutch_now(site: Site, document_id: str) -> SourceUnit | None:
    """The Dutch document of ``document_id`` as it is now, with its texts (context, Dutch) as status counts them (a
    slug only where a slug places the page): one the author marked ``draft: true`` is not published yet, its Dutch may
    change or go, and is not sent to an engine before she is done; an empty entry of Dutch it no longer has is left
    (``stale``). None where it cannot be read or is gone: then every empty entry is drafted (which are its texts nobody
    can tell, and status says why)."""
    try:
        return load_unit(site, site.source_path(document_id), remember=False, catalog=False)  # a parse kept by status is read
    except (PipelineError, OSError):
        return None


def _matches(document_id: str, pattern: str | None) -> bool:
    if not pattern:
        return True
    pattern = pattern.removesuffix(".md").removesuffix(".po").strip("/")
    return fnmatch.fnmatchcase(document_id, pattern) or fnmatch.fnmatchcase(document_id, f"{pattern}/*")


FILES_SHOWN, TEXTS_SHOWN, TEXT_WIDTH = 10, 3, 72
"""How much of a dry run's plan ``draft_plan`` shows: the first PO files, the first texts of each, each cut to a line."""


def draft_plan(report: DraftReport) -> list[str]:
    """What ``draft --dry-run`` would do, for a person to read: per PO file (the first ``FILES_SHOWN``) how many texts
    it would send and the first of them as they would go out, the rest of the files in one line, and a last line
    saying what a run would do."""
    lines = []
    for planned in report.plan[:FILES_SHOWN]:
        memory = f"{planned.from_memory} from memory, " if planned.from_memory else ""
        characters = sum(len(text) for text in planned.texts)
        lines.append(f"{planned.catalog}: {memory}{plural(len(planned.texts), 'text')} to send ({plural(characters, 'character')})")
        lines.extend(f"    {one_line(text, TEXT_WIDTH)}" for text in planned.texts[:TEXTS_SHOWN])
        if len(planned.texts) > TEXTS_SHOWN:
            lines.append(f"    … and {len(planned.texts) - TEXTS_SHOWN} more (the first {TEXTS_SHOWN} of {len(planned.texts)} shown)")
    rest = report.plan[FILES_SHOWN:]
    if rest:
        texts = sum(len(planned.texts) for planned in rest)
        lines.append(f"… {plural(len(rest), 'more PO file')}: {plural(texts, 'text')} to send (--documents shows one, or a glob: 'blog/*')")
    sent = report.unique_texts - report.cached
    sending = f"send {plural(sent, 'text')} ({plural(report.characters, 'character')}) to {report.engine}, one request each, and " if sent else ""
    lines.append(
        f"draft would {sending}write drafts into {plural(len(report.plan), 'PO file')}, for review; "
        "nothing was sent or written (run it without --dry-run to do it)" if report.plan else "draft would do nothing: no empty entry to fill"
    )
    return lines

