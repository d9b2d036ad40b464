"""A document's entries as the workspace shows and saves them; no HTTP here."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlparse

from markupsafe import Markup, escape

from ..text import markdown
from ..wording import FUZZY
from ..text.slugs import SLUG, slug_problem
from ..catalogs.catalog import APPROVED, Catalog, Key, Translation, closest, drafted_note, read_catalog
from ..catalogs.checks import ERROR, Entry, Problem, check_entries_counting_silenced, line_break_differences, msgfmt_problems
from ..catalogs.line_merges import LINE_MERGED, merges_of, review_mark
from ..errors import PipelineError, ReassemblyError
from ..catalogs.extraction import SourceUnit, load_unit
from ..drafts.emptied import emptied
from ..plumbing.files import ChangedMeanwhile, replace_if_unchanged
from ..catalogs.glossary import GLOSSARY_FILE, Glossary, load_glossary
from ..plumbing.locking import site_lock
from ..plumbing.progress import Phases
from ..catalogs.memory import Match, Remembered, Suggestion, matches, matches_again, offered
from ..quality.gate import RUN_CHECK, RUN_EXTRACT, next_step, of_current_dutch
from ..quality.review import ATTENTION, Piece, checks_of, mark_terms, needs_her as entry_needs_her, word_diff
from ..output.link_map import GeneratorPages, LinkMap, addressing_front_of, page_address, unknown_addresses
from ..site import Site, dutch_path, english_path
from ..text.links import path_in_site
from ..quality.live import UNCOMMITTED_SUMMARY, Live, drafted, live_english, uncommitted
from ..quality.status import DocumentStatus, SiteStatus, assess_unit, english_body, of_its_dutch, structure_problems, with_crossings
from ..text.reassembly import parsed_body, reassemble_body
from ..text.segmentation import Segment
from .claims import KeptClaims
from .remembered import KeptMemory, Title
from .standing import KeptStanding

COMMAND = "workspace"
"""How the workspace names itself to another command that waits for the site's lock (``invoke workspace``; ``review
--serve`` serves the same)."""


DOCUMENT_CHECKS = ("structure", "msgfmt", LINE_MERGED)
"""What is found of a document as a whole, each at the PO line of the entry it is about: a translation that changes
the page's structure (its English put together), what msgfmt says of the entry, English git's line merge put on it
(``status.with_crossings``)."""


def _live(site: Site, status: DocumentStatus) -> tuple[Live, str]:
    """What is on the site of the English of the document ``status`` judges, and how a page says it: as the documents
    list and ``status`` do, an approval that is only on this machine is ``UNCOMMITTED_SUMMARY``, not live; a version
    that holds a crossing its verdict names (``with_crossings``) passes no gate."""
    crossed = with_crossings(site, status)[1] if any(problem.check == LINE_MERGED for problem in status.problems) else ()
    alone = live_english(site, SiteStatus((status,), (), (), status.msgfmt_checked, crossings=crossed))
    live = alone.documents[status.document_id]
    return live, UNCOMMITTED_SUMMARY if status.document_id in uncommitted(site, alone) else in_the_browser(live)


UNSURE_OF_CLAIMS = "(unless another document claims its English address: known once the documents list is made)"
"""What a publishable document's page adds while the documents list is being made: the one thing its verdict then
does not know (``claims.KeptClaims.judged``)."""


IN_THE_BROWSER = {
    RUN_CHECK: "each is said at its entry (State: to review)",
    RUN_EXTRACT: "ask for extract to be run (or run it), then reload this page",
}
"""The next step a reason of the gate names on the command line (``gate.with_step``), as the workspace says it: what
she can do here."""


def in_the_browser(live: Live) -> str:
    """What is on the site of a document's English (``live.Live.summary``), each reason with its next step said as
    ``IN_THE_BROWSER``: only the step the gate put at a reason's end, never words of hers it quotes (a slug)."""
    return dataclasses.replace(live, reasons=tuple(map(_browser_reason, live.reasons))).summary


def _browser_reason(reason: str) -> str:
    what, command = next_step(reason)
    what = _in_her_words(what)
    return what if command is None else f"{what}: {IN_THE_BROWSER[command]}"


def _in_her_words(reason: str) -> str:
    """A reason of the gate without the PO file's term (``wording.FUZZY``, said on the command line to find the
    entries in the file): the page shows each entry's state in words (needs review), and she never sees the file."""
    return reason.replace(f" ({FUZZY})", "").replace(f"({FUZZY}; ", "(")


@dataclass(frozen=True)
class State:
    """What the page saw of an entry and what a save changes: its English, fuzzy flag and translator comment."""

    text: str
    fuzzy: bool
    note: str

    @classmethod
    def of(cls, translation: Translation) -> State:
        return cls(translation.text, translation.fuzzy, translation.note)


@dataclass(frozen=True)
class View:
    """One entry with everything shown beside it."""

    translation: Translation
    where: str
    """Its PO file (the page shows its line after it, kept true after every save: ``entry_lines``)."""
    dutch: tuple[Piece, ...]
    diff: tuple[Piece, ...]
    problems: tuple[Problem, ...]
    silenced: int
    preview: Markup
    """The English rendered by the site's renderer, with raw HTML shown as text: a page of the
    workspace runs no HTML from a PO file, not even the author's (the site itself keeps hers). Its links to
    the site's pages lead where the English page's do (``Workspace.preview_links``), as the page's preview's."""
    address: str | None = None
    """Of a slug entry: the English page's address its English makes (``slug_address``; None: no slug, or no valid one)."""

    @property
    def checks(self) -> frozenset[str]:
        return checks_of(self.problems)

    @property
    def by_hand(self) -> bool:
        """Whether the entry is a draft she emptied (``drafts.emptied``): hers to translate by hand, as status counts it."""
        return emptied(self.translation)

    @property
    def id(self) -> str:
        """The entry's name in the page and its requests (``entry_id``): the same after any save."""
        return entry_id(self.translation.key)

    @property
    def was(self) -> str:
        """The name the entry had before extract changed its Dutch (an outdated entry's previous Dutch); else empty."""
        previous = self.translation.previous
        return "" if previous is None else entry_id((self.translation.context, previous))


def entry_id(key: Key) -> str:
    """An entry's name in the page, from its key (its context and Dutch, which no save changes): not its line in the
    PO file, which moves whenever a save above it adds or removes a line (``#, fuzzy``, ``# ignore:``)."""
    return "entry-" + hashlib.sha256(json.dumps(key).encode("utf-8")).hexdigest()[:16]


def entry_lines(unit: SourceUnit) -> dict[str, int]:
    """Each entry's line in the PO file as ``unit`` read it, by its name in the page: a save moves those below it."""
    return {} if unit.catalog is None else {entry_id(t.key): t.line for t in unit.catalog.translations}


def entry_names(unit: SourceUnit) -> frozenset[str] | None:
    """Every name under which a page of the document finds English she typed and did not save: each entry's own and
    the one it had before extract changed its Dutch (``View.was``); None when it has no PO file to say (yet)."""
    if unit.catalog is None:
        return None
    keys = [t.key for t in unit.catalog.translations] + [(t.context, t.previous) for t in unit.catalog.translations if t.previous is not None]
    return frozenset(entry_id(key) for key in keys)


class Conflict(PipelineError):
    """The entry on disk is no longer what the page showed: someone saved the file meanwhile."""

    def __init__(self, location: str, current: Translation) -> None:
        super().__init__(location, "changed on disk meanwhile (another editor, git or extract)", hint="your text is kept in the box: compare, then save again")
        self.current = current


class Workspace:
    """The site the server edits. A document is read anew for every request, the glossary and the
    memory whenever their files changed: a change on disk (Poedit, git pull, extract) shows at once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._glossary: tuple[tuple[int, int] | None, Glossary] | None = None
        self._memory = KeptMemory(site)
        self._claims = KeptClaims(site)
        self._matched: tuple[dict[str, Remembered] | None, dict[str, list[Match]]] = (None, {})
        self._standing = KeptStanding(site, self.standing)
        self._titles: dict[str, tuple[str, Title]] = {}  # each document's title, by its verdict's fingerprint (``titles``)
        self._remembering = threading.RLock()  # the memory and what was found in it, asked from threads
        self._current: tuple[object, frozenset[Key]] | None = None  # the keys of a page's Dutch (``_of_its_dutch``)

    @property
    def glossary(self) -> Glossary:
        path = self.site.root / GLOSSARY_FILE
        stamp = (path.stat().st_mtime_ns, path.stat().st_size) if path.is_file() else None
        if self._glossary is None or self._glossary[0] != stamp:
            self._glossary = (stamp, load_glossary(self.site.root))
        return self._glossary[1]

    def unit(self, document_id: str) -> SourceUnit:
        return load_unit(self.site, self.site.source_path(document_id), remember=False)

    def status(self, unit: SourceUnit, written: Path | None = None) -> DocumentStatus:
        """The document's verdict, msgfmt's on its PO file (or on the file ``written`` with the text of its catalog) too,
        with the problems its page shows (``as_shown``)."""
        problems = msgfmt_problems(written or unit.catalog_path) if unit.catalog else []
        status, _ = with_crossings(self.site, assess_unit(self.site, unit, self.glossary, problems), written)  # as the list has it
        return as_shown(status, standing_problems(unit) if waits(status) else ())

    def state(self, status: DocumentStatus) -> tuple[DocumentStatus, Live, str]:
        """The document's counts and verdict as the documents list has them, and what is on the site of its English:
        live from the current version, from an older one, or held back (with how the page says it: ``_live``).

        The one place the workspace asks it, on showing a document and after every save, from the page's own
        assessment of the document (``status``), judged by ``live.live_english`` as ``publish`` and ``status`` judge
        it. A document's verdict depends on no other document's but in one case: two publishable documents whose
        English has one URL are both held back. So only a publishable document's page asks which other documents
        claim its URL (``claims.KeptClaims``), and says so when the list is making them (``UNSURE_OF_CLAIMS``); the
        page of a document that waits for review reads nothing of them.
        """
        judged = self._claims.judged(status) if status.publishable else status
        live, said = _live(self.site, judged or status)
        return (judged or status, live, said if judged else f"{said} {UNSURE_OF_CLAIMS}")

    def site_status(self, progress: Phases | None = None) -> SiteStatus:
        """Every document's verdict (``status.assess_site``, ``progress`` told), for the documents list, with the problems
        its page shows (``as_shown``): counted there as its entries show them. A page asks no more of them then."""
        status = self._claims.site_status(progress)
        standing = self._standing.of([document for document in status.documents if waits(document)])  # kept: ``KeptStanding``
        return dataclasses.replace(status, documents=tuple(as_shown(document, standing.get(document.document_id, ())) for document in status.documents))

    def standing(self, document_id: str) -> tuple[Problem, ...]:
        """The ``standing_problems`` of the document ``document_id`` as its files are now."""
        try:
            return tuple(standing_problems(self.unit(document_id)))
        except PipelineError:  # changed on disk since its verdict: its page says why
            return ()

    def memory(self) -> dict[str, Remembered]:
        """The site's approved translations, up to date (``KeptMemory``): the one she approved a minute ago counts.
        Made by one thread at a time (the server makes it in the background as it starts, ``app.server``)."""
        with self._remembering:
            return self._memory.current()

    def titles(self, documents: Sequence[DocumentStatus]) -> dict[str, tuple[str, str | None]]:
        """Each document's Dutch title and its English title once approved, as the memory read them with its PO file
        (``KeptMemory.title``): the documents list names each so. Kept by the fingerprint of the document's verdict
        (``DocumentStatus.fingerprint``: its files' digests, as the status found them), so that a list of documents
        whose files did not change reads nothing more for their titles. A changed one is asked of the memory, brought
        up to date when it is free, never waited for: while it is being made (the server's first seconds) a document
        it has not read goes by its id, and is asked again on the next list."""
        changed = [document for document in documents if self._titles.get(document.document_id, ("", None))[0] != document.fingerprint or not document.fingerprint]
        if changed and self._remembering.acquire(blocking=False):
            try:
                self._memory.current()
            finally:
                self._remembering.release()
            for document in changed:  # read as the files are now: kept until they change
                self._titles[document.document_id] = (document.fingerprint, self._memory.title(self.site.catalog_path(document.document_id)))
        return {document.document_id: self._title(document) or (document.document_id, None) for document in documents}

    def _title(self, document: DocumentStatus) -> Title:
        """The document's title as kept for its files as they are, else as the memory last read it."""
        fingerprint, title = self._titles.get(document.document_id, ("", None))
        return title if fingerprint and fingerprint == document.fingerprint else self._memory.title(self.site.catalog_path(document.document_id))

    def suggested(self, asked: Sequence[tuple[Key, str]]) -> list[tuple[Suggestion, ...]]:
        """The memory's suggestions (``offered``) for each entry ``asked`` (its key and the English it shows), from
        the memory as it is now; one thread at a time (the server asks it outside its event loop)."""
        with self._remembering:
            memory = self._memory.current()
            return [self.offered(memory, key, text) for key, text in asked]

    def suggestions(self, memory: dict[str, Remembered], source: str) -> list[Suggestion]:
        """The memory's suggestions for the Dutch ``source``, each text compared with the whole memory once: that
        is most of the time a document's page takes, and a page shown again (a filter, a reload) asks the same. A
        memory made anew (a PO file changed: her own save too) ranks the known texts' matches again among the
        texts it added (``memory.matches_again``), what the memory holds now."""
        known, found = self._matched
        if known is not memory:
            found = matches_again(known, memory, found) if known is not None else {}
            self._matched = (memory, found)
        if source not in found:
            found[source] = matches(memory, source)
        return offered(memory, source, found[source])

    def view(self, unit: SourceUnit, translation: Translation, document: Sequence[Problem] = (), links: Callable[[Markup], Markup] | None = None) -> View:
        """The entry as it stands (``translation`` may hold an unsaved English: the checks judge that), and the
        problems of the ``document`` as a whole found at its line. Its suggestions are asked once the page is shown (``offered``, by ``/api/suggestions``).
        ``links``: the page's ``links`` of ``unit``, for its previews' links (else made for this one)."""
        found = check_entries_counting_silenced([Entry(translation, unit.references, self.glossary)])
        stale = [] if translation.key in self._of_its_dutch(unit) else [translation]  # its errors warnings, as status says them
        own = tuple(problem for problem in document if problem.check in DOCUMENT_CHECKS and problem.line == translation.line)
        preview = Markup(markdown.render_page(translation.text, allowed_html=frozenset()) if translation.text else "")
        if PREVIEW_LINK.search(preview):  # its links lead where the English page's do, as the page's preview has them
            preview = (links or self.links(unit))(preview)
        return View(
            translation,
            self.site.relative(unit.catalog_path),
            tuple(mark_terms(translation.source, self.glossary, translation.text)),
            tuple(word_diff(translation.previous, translation.source)) if translation.previous is not None else (),
            (*of_current_dutch(found.problems, stale), *own),
            found.silenced,
            preview,
            slug_address(self.site, unit, translation.text) if translation.context == SLUG else None,
        )

    def _of_its_dutch(self, unit: SourceUnit) -> frozenset[Key]:
        """``status.of_its_dutch`` of ``unit``, made once for the views of one page (an entry each)."""
        if self._current is None or self._current[0] is not unit.segments:
            self._current = (unit.segments, of_its_dutch(unit))
        return self._current[1]

    def unsaved(self, unit: SourceUnit, key: Key, text: str, approving: bool = False) -> View:
        """The entry ``key`` with the English ``text`` she has not saved (``approving``: as approved), judged as its
        approval would be: what is found of the document as a whole too (``approved_problems``); of a draft, what
        approving it would break (``standing_problems``), as its page says it once saved or reloaded."""
        found = self.find(unit, key)
        draft = dataclasses.replace(found, text=text, fuzzy=found.fuzzy and not approving)
        return self.view(unit, draft, approved_problems(unit, draft) if text else ())

    def offered(self, memory: dict[str, Remembered], key: Key, text: str) -> tuple[Suggestion, ...]:
        """The suggestions of ``memory`` for the entry ``key`` that differ from its English ``text``; none for a URL
        slug: another page's slug is that page's address (two pages at one address are both held back), and a slug
        is made of the document's own name, so every other document's looked alike."""
        context, source = key
        if context == SLUG:
            return ()
        return tuple(s for s in self.suggestions(memory, source) if s.text != text)

    def preview_links(self, unit: SourceUnit, html: Markup) -> Markup:
        """The English preview ``html`` of ``unit`` with each link to a Dutch page of the site leading where the English
        page links it: to that page's English where it is published (``english_address``), else to the Dutch page,
        marked so (``TO_DUTCH``). Which page a link leads to, the site's own rule says (``LinkMap.english_link``)."""
        return self.links(unit)(html)

    def links(self, unit: SourceUnit) -> Callable[[Markup], Markup]:
        """``preview_links`` of ``unit`` for the previews of one page (the page's and each entry's): the site's Dutch
        pages read at its first link, and each linked document's English address asked once."""
        made: list[tuple[LinkMap, str, dict[str, str]]] = []
        english: dict[str, str | None] = {}

        def address(target: str) -> str | None:
            if target not in english:
                published = self._claims.addresses()  # kept by the documents list: else each linked document is judged here
                english[target] = published.get(target) if published is not None else self.english_address(target)
            return english[target]

        def mapped_links(html: Markup) -> Markup:
            if not made:
                links = self.dutch_pages()
                made.append((links, links.dutch.get(unit.document.id, ""), {address: document_id for document_id, address in links.dutch.items()}))
            links, page, documents = made[0]
            if not page:
                return html

            def mapped(found: re.Match[str]) -> str:
                resolved = links.english_link(unescape(found[1]), page)
                split = min((at for at in (resolved.find("#"), resolved.find("?")) if at >= 0), default=len(resolved))
                path = path_in_site(resolved[:split], links.prefix)
                target = documents.get(path) or documents.get(path + "/")
                if target is None or target == unit.document.id:
                    return found[0]
                english = address(target)
                if english is None:
                    return f'<a class="to-dutch" title="{TO_DUTCH}" href="{found[1]}"'
                return f'<a class="to-english" href="{escape(links.prefix + english + resolved[split:])}"'

            return Markup(PREVIEW_LINK.sub(mapped, html))

        return mapped_links

    def dutch_pages(self) -> LinkMap:
        """Every document's Dutch page, as the site serves it (publish: ``site.dutch_path``; Hugo or Jekyll:
        ``addresses.page_address``), for ``preview_links``; empty where the generator's addresses cannot be known."""
        site, generator = self.site, self.site.writes_in_place
        dutch, files = {}, {}
        if not (generator and unknown_addresses(site, True)):
            for path in site.source_paths():
                document_id, source = site.document_id(path), site.relative(path)
                address = page_address(site, document_id, addressing_front_of(site, document_id, source), None, True, source) if generator else dutch_path(document_id)
                if address is not None:
                    dutch[document_id], files[address] = address, source
        return LinkMap({}, dutch, urlparse(site.config.base_url).path.rstrip("/"), None, site, files=files)

    def english_address(self, document_id: str) -> str | None:
        """Where the English of ``document_id`` is served once published, if it may be now (judged alone, as its page
        judges it: a clash with another document's address is not seen here); else None."""
        try:
            status = self.status(self.unit(document_id))
        except PipelineError:
            return None
        if not status.publishable or status.english_url is None:
            return None
        pages = GeneratorPages.of(self.site)
        return pages.english_address(status) if pages else status.english_url.path

    def find(self, unit: SourceUnit, key: Key) -> Translation:
        location = self.site.relative(unit.catalog_path)
        if unit.catalog is None:
            raise PipelineError(location, "no PO file yet", hint="run invoke extract")
        return _entry(unit.catalog, key, location)

    def previous(self, document_id: str, key: Key) -> str | None:
        """The previous Dutch (``#|``) of the entry ``key`` in its PO file as it is now: what undoing a use of a
        suggestion puts back."""
        path = self.site.catalog_path(document_id)
        location = self.site.relative(path)
        return _entry(read_catalog(path, location), key, location).previous

    def save(self, document_id: str, key: Key, seen: State, wanted: State, judged: Judged | None = None, made_for: str | None = None) -> Judged:
        """Write one entry's new state, if the entry on disk is still what the page saw; else raise Conflict. The save
        judged: ``judged`` (``Workspace.judged``) when the file now holds the text it judged, else judged as written.
        ``made_for``: the Dutch its new English was made for (a memory suggestion's), its previous Dutch now
        (``Catalog.edited``'s ``previous``).

        Under the site lock for this save only (``extract`` can run between saves),
        through the catalog writer ``extract`` uses, replacing the file in one step
        and only if no one wrote it since it was read here.
        """
        path = self.site.catalog_path(document_id)
        location = self.site.relative(path)
        with site_lock(self.site, COMMAND):
            catalog = read_catalog(path, location)
            current = _entry(catalog, key, location)
            if State.of(current) != seen:
                raise Conflict(location, current)
            text = _edited(catalog, key, wanted, location, made_for).text()
            try:
                replace_if_unchanged(path, text, catalog.original)
            except ChangedMeanwhile:
                raise Conflict(location, _entry(read_catalog(path, location), key, location)) from None
        if judged is not None and judged.text == text:
            return judged
        unit = self.unit(document_id)
        status = self.status(unit)
        saved = self.find(unit, key)
        return Judged(text, unit, status, self.view(unit, saved, status.problems))

    def reviewed(self, document_id: str, key: Key, seen: State, wanted: State) -> State:
        """``wanted``, where it approves (``approves``) the English a line merge crossed as it is, and no commit reviewed
        it since: with the comment that says so (``line_merges.review_mark``): her approval here is her review."""
        if not approves(seen, wanted):
            return wanted
        catalog = self.site.relative(self.site.catalog_path(document_id))
        crossings = merges_of(self.site.root, self.site.relative(self.site.catalog_dir)).crossings
        lines = wanted.note.splitlines()
        marks = [mark for mark in dict.fromkeys(review_mark(crossing.merge) for crossing in crossings
                 if (crossing.path, crossing.key, crossing.text, crossing.reviewed) == (catalog, key, wanted.text, False)) if mark not in lines]
        return dataclasses.replace(wanted, note="\n".join([*lines, *marks])) if marks else wanted

    def judged(self, document_id: str, key: Key, wanted: State) -> Judged:
        """The save of ``wanted`` into the entry ``key`` judged before it is written, as it will be: the PO file's new
        text written aside for msgfmt (in a temporary folder of its own, gone after), the document read with it and
        assessed. The English is put together once (by the status where every entry is then approved, else
        ``standing_problems``): an approval that asks first is answered, and the save then answered too, from this one
        judgement."""
        unit = self.unit(document_id)
        location = self.site.relative(unit.catalog_path)
        if unit.catalog is None:
            raise PipelineError(location, "no PO file yet", hint="run invoke extract")
        text = _edited(unit.catalog, key, wanted, location).text()
        with tempfile.TemporaryDirectory(prefix="workspace-judged-") as folder:  # its own: no link followed, no other save read
            aside = Path(folder) / unit.catalog_path.name
            aside.write_bytes(text.encode("utf-8"))
            after = dataclasses.replace(unit, catalog=read_catalog(aside, location))
            status = self.status(after, aside)
        return Judged(text, after, status, self.view(after, self.find(after, key), status.problems))


@dataclass(frozen=True)
class Judged:
    """A document with one entry saved (or about to be): its PO file's text, the document read with it, its verdict,
    and the entry's view."""

    text: str
    unit: SourceUnit
    status: DocumentStatus
    view: View

    @property
    def error(self) -> Problem | None:
        """The entry's first check error: what an approval asks about first."""
        return next((problem for problem in self.view.problems if problem.severity == ERROR), None)

    @property
    def dutch_left(self) -> Problem | None:
        """The entry's first warning of Dutch left in its English (``dutch.*``): check lets it through and the English
        site shows it, so an approval asks about it too (a trial: "But the road was wet en I was late", one Dutch word,
        approved with a single Ctrl+Enter and published)."""
        return next((problem for problem in self.view.problems if problem.check.startswith("dutch")), None)


def _edited(catalog: Catalog, key: Key, wanted: State, location: str, made_for: str | None = None) -> Catalog:
    try:
        return catalog.edited(key, text=wanted.text, fuzzy=wanted.fuzzy and bool(wanted.text), note=wanted.note, previous=made_for)
    except KeyError:
        raise Gone(location, successor(catalog, key)) from None


def _entry(catalog: Catalog, key: Key, location: str) -> Translation:
    for translation in catalog.translations:
        if translation.key == key:
            return translation
    raise Gone(location, successor(catalog, key))


PREVIEW_LINK = re.compile(r'<a href="([^"]*)"')
"""A link of the preview as markdown-it writes it (raw HTML is shown as text there: every link is one of its own)."""
TO_DUTCH = "its English is not published yet: this link leads to the Dutch page"
"""The mark of a preview's link to a Dutch page that has no English page yet."""


def slug_address(site: Site, unit: SourceUnit, slug: str) -> str | None:
    """Where the English page of ``unit`` is served with the slug ``slug``, as status and export place it (publish:
    ``site.english_path``; Hugo or Jekyll: where the generator serves it, ``addresses.page_address``); None for no slug
    or one that is none (the ``slug`` check says why)."""
    if not slug or slug_problem(slug):
        return None
    document = unit.document
    path = english_path(site.config.target_language, document.id, slug)
    if site.writes_in_place and unknown_addresses(site, True) is None:
        return page_address(site, document.id, document.front_matter, slug, True, document.path) or path
    return path


def successor(catalog: Catalog, key: Key) -> str:
    """The name of the entry that took the place of ``key``'s, gone: extract changed its Dutch (again: an outdated
    entry keeps the Dutch its English was made for as its previous, not the one she typed hers for). It is not
    approved (extract approves no changed Dutch), and its Dutch is the closest, as extract offers English; else empty."""
    found = closest(key, [translation.key for translation in catalog.translations if not translation.approved])
    return "" if found is None else entry_id(found)


class Gone(PipelineError):
    """The file holds the page's entry no more: its Dutch changed since the page was read (extract, git pull)."""

    def __init__(self, location: str, instead: str = "") -> None:
        super().__init__(
            location, "the Dutch of this entry changed since the page was loaded (extract or git pull)",
            hint="your text is kept in the box and comes back after a reload — reload the page to see the new Dutch",
        )
        self.instead = instead
        """The name of the entry that took its place (``successor``), where her text comes back; empty if none."""


def with_ignored(note: str, check: str) -> str:
    """The translator comment with ``check`` added to its ``ignore:`` line (one is made when there is none)."""
    lines = note.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("ignore:"):
            ids = [part.strip() for part in line[len("ignore:") :].split(",") if part.strip()]
            lines[index] = "ignore: " + ", ".join(dict.fromkeys([*ids, check]))
            return "\n".join(lines)
    return "\n".join([*lines, f"ignore: {check}"])


def with_provenance(note: str, origin: str, english: str) -> str:
    """The translator comment saying the English now comes from the memory (``tm: <PO file> draft:<digest>``, the digest
    of ``english``: ``catalog.drafted_note``), as ``draft`` writes it."""
    kept = [line for line in note.splitlines() if not line.startswith(("mt: ", "tm: "))]
    return "\n".join([*kept, drafted_note(f"tm: {origin}", english)])


def waits(status: DocumentStatus) -> bool:
    """Whether the document ``status`` judges has a PO file that can be read and an entry not approved: its status then
    judged no English page, so its page judges the English as it stands (``standing_problems``)."""
    return status.catalog is not None and status.catalog_error is None and status.counts.get(APPROVED, 0) < status.entries


def as_shown(status: DocumentStatus, standing: Sequence[Problem]) -> DocumentStatus:
    """``status`` with the problems its page shows, each at its entry or of the document (``unplaced``): its own, and,
    of a document that ``waits``, the structure of the English as it stands and what approving each draft would break
    (``standing``: one parse, every draft in its place). Its counts of errors are then those its page shows."""
    return dataclasses.replace(status, problems=(*status.problems, *standing)) if standing else status


def unplaced(status: DocumentStatus) -> tuple[Problem, ...]:
    """The problems of the document ``status`` judges that stand at none of its entries, said of the document: found
    of it as a whole at no entry's line (its entries break the page's structure only together; msgfmt's of the PO
    file's header), or of another file (its Dutch front matter)."""
    lines = {translation.line for translation in status.translations}
    return tuple(problem for problem in status.problems if problem.location is not None or problem.line not in lines)


def said_of_document(status: DocumentStatus, problem: Problem) -> str:
    """A problem of the document (``unplaced``) as its page says it, where first: the file and line, when known."""
    where = problem.location or status.catalog or status.source or status.document_id
    return f"{where}{f':{problem.line}' if problem.line else ''}: {problem.severity}: {problem.check}: {problem.message}"


def drafts_with_errors(status: DocumentStatus, glossary: Glossary) -> int:
    """How many drafts of the document ``status`` judges would carry a check error once approved: one with an error
    now (counted among its check errors), or one whose finding is an error only of approved English (Dutch left beyond
    doubt: a warning of a draft, nothing of it published yet). Each one's approval asks twice; the header says how
    many, so that it tells the truth before she approves (a trial: "0 check errors", then Ctrl+Enter on a draft
    answered "this entry has an error")."""
    unit = status.unit
    if unit is None:
        return 0
    current = of_its_dutch(unit)  # a stale draft's error is a warning, as status says it
    drafts = [t for t in status.translations if t.fuzzy and t.text and t.key in current]
    if not drafts:
        return 0
    erring = {problem.line for problem in status.problems if problem.severity == ERROR and problem.location is None}
    rest = [dataclasses.replace(t, fuzzy=False) for t in drafts if t.line not in erring]
    found = check_entries_counting_silenced([Entry(t, unit.references, glossary) for t in rest]).problems if rest else []
    return sum(t.line in erring for t in drafts) + len({problem.line for problem in found if problem.severity == ERROR})


def needs_attention(status: DocumentStatus) -> bool:
    """Whether a document of the documents list needs the translator: an entry not approved (but of a document the
    author marked ``draft: true``, not published yet: status's ``next:`` counts none of its entries, ``SiteStatus.to_do``),
    a check error, or a PO file that cannot be read."""
    waiting = status.counts.get(APPROVED, 0) < status.entries and not drafted(status)
    return waiting or status.errors > 0 or status.catalog_error is not None


def needs_her(view: View) -> bool:
    """Whether the entry needs the translator: not approved, or approved with a check error (approved anyway, or
    broken since), which holds the document's English back as the documents list's "to review" counts it; the
    page's keys walk the same entries (``needsAttention`` in workspace.js)."""
    return entry_needs_her(view.translation, view.problems)


def shown(views: list[View], state: str, check: str, query: str) -> list[View]:
    """The entries a filter keeps: by state (or all that need attention), by check, and a search in Dutch and English."""
    query = query.casefold()
    return [
        view for view in views
        if (not state or view.translation.state == state or (state == ATTENTION and needs_her(view)))
        and (not check or check in view.checks)
        and (not query or query in view.translation.source.casefold() or query in view.translation.text.casefold())
    ]


def english_preview(unit: SourceUnit) -> Markup:
    """The document's English body as the site would build it now (approved entries; the Dutch where none),
    raw HTML shown as text as in ``View.preview``."""
    if unit.catalog is None:
        raise PipelineError(unit.document.path, "no PO file yet, so no English", hint="run invoke extract")
    body = english_body(unit.document, unit.segments, unit.catalog)
    return Markup(markdown.render_page(body, allowed_html=frozenset()))


def draft_preview(unit: SourceUnit) -> tuple[Markup, list[str]]:
    """The document's English body with her drafts too (``english_of``), as ``english_preview`` renders it: a page no
    one publishes, to read a draft in its page before she approves it. A draft that would change the page's structure
    is left out (its approved English or the Dutch stands there), each said with where and what (the list)."""
    if unit.catalog is None:
        raise PipelineError(unit.document.path, "no PO file yet, so no English", hint="run invoke extract")
    drafts, left_out = english_of(unit.catalog, True), []
    approved = english_of(unit.catalog, False)
    kept: set[object] = set()
    while True:
        try:
            body = reassemble_body(unit.document, unit.segments, lambda segment: approved(segment) if segment in kept else drafts(segment))
            break
        except ReassemblyError as error:
            if not error.segments or all(segment in kept for segment in error.segments):  # only together, or nothing left to take out
                left_out.append(f"{error.where}: {error.problem}")
                body = english_body(unit.document, unit.segments, unit.catalog)
                break
            kept.update(error.segments)
            left_out.append(f"{error.where}: {error.problem}")
    return Markup(markdown.render_page(body, allowed_html=frozenset())), left_out


def english_of(catalog: Catalog, drafts: bool) -> Callable[[Segment], str | None]:
    """Each segment's English in ``catalog``: the approved one; with ``drafts``, every English she has (approved or
    to review); None where there is none (the page keeps the Dutch)."""
    english = {t.key: t.text for t in catalog.translations if t.text and (drafts or t.approved)}
    return lambda segment: english.get((segment.context, segment.text))


SHOWN_FIELDS = ("title", "summary")
"""The front matter a page's preview shows above its body, as the site's page and its lists show them."""


def english_front_matter(unit: SourceUnit, drafts: bool = False) -> dict[str, str]:
    """The ``SHOWN_FIELDS`` of the document's English as the site would build it now: each approved English (with
    ``drafts``, each she has), the Dutch where none is approved yet."""
    assert unit.catalog is not None  # ``english_preview`` said so first
    english = english_of(unit.catalog, drafts)
    return {segment.context: english(segment) or segment.text for segment in unit.segments if segment.context in SHOWN_FIELDS}


def approves(seen: State, wanted: State) -> bool:
    """Whether a save makes the entry approved with an English it was not approved with (Ctrl+Enter on a draft, or
    an approved English changed): what must not let an error slip through unsaid."""
    return not wanted.fuzzy and bool(wanted.text) and (seen.fuzzy or wanted.text != seen.text)


def approved_problems(unit: SourceUnit, translation: Translation) -> list[Problem]:
    """What is found of the document as a whole (``DOCUMENT_CHECKS``) once ``translation`` is approved, before it is
    written: whether the English of the page, with it in place, keeps the Dutch's structure, and msgfmt's rule of
    the line breaks at its ends, said as msgfmt's problems are (``line_break_differences``); of a draft, as what
    approving it would break (``standing_problems``)."""
    return ([] if translation.fuzzy else _line_breaks(translation)) + standing_problems(unit, translation)


def standing_problems(unit: SourceUnit, placed: Translation | None = None) -> list[Problem]:
    """The structure problems of the document's English as it stands (``status.structure_problems``), and what
    approving each draft would break: the approved entries' English and the drafts' (``placed``'s too, as she typed
    it or just saved it) each in its place, and the Dutch where none, put together once as publish puts them; a
    draft's line breaks at its ends as msgfmt would refuse them approved. Found while entries still wait, an English
    that breaks the page is said at its entry as she types, once saved and on the page anew, not only once she has
    approved the last one; a draft's said as what its approval would break (``WOULD_BREAK``): the file is not
    wrong now."""
    assert unit.catalog is not None
    translated = {t.key: t for t in unit.catalog.translations if t.text}
    if placed is not None and placed.text:
        translated[placed.key] = placed
    current = of_its_dutch(unit)
    drafts = [t for t in translated.values() if t.fuzzy and t.key in current]  # a stale one's approval breaks no page
    problems = [problem for draft in drafts for problem in _line_breaks(draft)]
    english = {key: t.text for key, t in translated.items()}
    try:
        parsed_body(unit.document, unit.segments, lambda segment: english.get((segment.context, segment.text)))
    except ReassemblyError as error:
        problems += structure_problems(unit.catalog, error)
    at_drafts = {draft.line for draft in drafts}
    return [dataclasses.replace(p, message=WOULD_BREAK.format(p.message)) if p.line in at_drafts else p for p in problems]


WOULD_BREAK = "approving this draft would be an error: {}"
"""How a draft's problem of the document as a whole is said: not an error of the file as it is (msgfmt skips a
draft, publish puts the Dutch in its place), but of its approval."""


def _line_breaks(translation: Translation) -> list[Problem]:
    """msgfmt's rule of the line breaks at the ends of ``translation`` approved (``line_break_differences``)."""
    differences = line_break_differences(translation.source, translation.text)
    if not differences or not shutil.which("msgfmt"):  # PATH searched only for a difference (rare), not for every draft
        return []
    return [Problem("msgfmt", ERROR, translation.line, message, translation.source) for message in differences]

