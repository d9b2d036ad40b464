"""What of each document's English is live: the one answer ``publish``, ``status`` and ``review`` give.

A document's English is live in the newest version that passed the whole publish
gate (every entry approved, no check error, a valid PO file, not ``draft: true``):

- ``current``: the document and PO file as they are now pass the gate;
- ``older``: they do not (``reasons`` says why: what waits for review), but an
  earlier committed version did; ``commit`` and ``date`` name it, and that
  version's English is what is served;
- ``held``: no version ever passed (or the document is ``draft: true``); nothing
  is served, ``reasons`` says why.

Where another generator builds the site (a Hugo or Jekyll layout, and ``export``
everywhere), English that export refuses (``status.refusals``: raw HTML the Dutch does
not have, a link that is not http, https, mailto or relative) does not pass either:
``publish`` shows it as text, another generator might not. The earlier version served
then is the newest one export does not refuse, so one bad approval never takes a page
off the exported site; status, review and export say the same of it.

Git's history is the record: the earlier versions are read from the commits that
changed the document or its PO file (merges too), newest first, and judged by the
same gate with today's settings and glossary, but for the front-matter fields translated: those the version's
commit's ``pipeline.yaml`` names (a field added to ``translate_fields`` since has no entry then, and its Dutch
stays as it did; one it named whose entry is missing, committed without extract, never passed). A ``pipeline.yaml``
today's loader refuses (a setting since removed, say) does not keep its versions from passing: they are judged with
today's fields, and the reason that stays live says so (``Live.note``).
Nobody has to remember to run a command or commit a generated file. Each judged
version is cached in ``.cache/`` by the blob ids of its two files (and of that ``pipeline.yaml``), so a walk costs
git's time only once. Where the site is no git checkout, or a shallow clone, this
is said once (``LiveSite.note``) and only what is on disk counts.
"""

from __future__ import annotations

import hashlib
import json
import reprlib
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from ..catalogs.catalog import read_catalog
from ..catalogs.line_merges import Crossing
from ..catalogs.checks import msgfmt_problems_of_many
from ..config import CONFIG_FILE, load_config
from ..text import markdown
from ..text.addresses import page_address
from ..text.document import Document, parse_document, read_in_site, read_source
from ..text.hugo_rendering import renders
from ..errors import PipelineError
from ..catalogs.extraction import SourceUnit, dutch_html, load_unit, rendered_segments
from ..plumbing.git import NO_REPOSITORY, blob_contents, blob_ids, git_dirs, in_checkout, shallow
from ..plumbing.freshness import write_cache
from .gate import DRAFTED
from ..catalogs.glossary import Glossary, load_glossary
from ..text.links import renamed_links
from ..text.segmentation import segment
from ..site import DOCUMENT_SUFFIXES, Site, dutch_path
from ..jekyll_config import JEKYLL_CONFIG
from ..wording import LIVE_WORDS, live_counts
from .status import DocumentStatus, SiteStatus, assess_unit, refusals, settings_fingerprint

CURRENT, OLDER, HELD = "current", "older", "held"
LIVE_STATES = (CURRENT, OLDER, HELD)

HISTORY_CACHE = ".cache/publish_pipeline/history.json"
"""Verdicts on earlier versions, by the blob ids of their source and PO file (and the settings)."""
MOST_VERSIONS = 200
"""How many earlier versions of one document are judged at most, newest first (a bound on a walk)."""


@dataclass(frozen=True)
class Live:
    """Which English of one document is on the site.

    ``state``: ``current``, ``older`` or ``held``. ``reasons``: why the current
    version is not live (empty when it is). ``commit`` and ``date`` (ISO 8601, the
    commit's date): the version that is live when ``older``. ``english``: the English
    Markdown served (None when ``held``, and for a ``current`` page outside publish).
    """

    document_id: str
    state: str
    reasons: tuple[str, ...] = ()
    commit: str | None = None
    date: str | None = None
    english: str | None = field(default=None, repr=False)
    dutch: Document | None = field(default=None, repr=False)
    """The Dutch served when the current Dutch document cannot be read: its newest committed version that can."""
    dutch_commit: str | None = None
    age: int = field(default=0, repr=False, compare=False)
    """How far back in the history the live version is (the newest commit is 0): of two earlier
    versions at one URL, the one approved first keeps it, even within one second."""
    note: str = ""
    """Said of an ``older`` version judged with today's settings, as its own ``pipeline.yaml`` cannot be read now."""
    unlinked: tuple[tuple[str, str], ...] = ()
    """The links of an ``older`` version's English to Dutch documents git saw deleted since, written as their text
    alone (``links.renamed_links``): each URL as it led, and the deleted file (``unlinked_notes`` says them)."""
    refused_nothing: bool = field(default=False, repr=False, compare=False)
    """Export refuses nothing in ``english``, judged against the Dutch as it is now (``live_english(exported=True)``
    asked it of this earlier version); False where that was not asked (the Dutch cannot be read now, say)."""

    def to_json(self) -> dict[str, Any]:
        """The form ``status --json`` gives under ``live``."""
        return {"state": self.state, "reasons": list(self.reasons), "commit": self.commit, "date": self.date}

    @property
    def summary(self) -> str:
        """One line for people: the state's word (``wording.LIVE_WORDS``), then ``why``."""
        return f"{LIVE_WORDS[self.state]}: {self.why}" if self.why else LIVE_WORDS[self.state]

    @property
    def why(self) -> str:
        """Why the current version is not live, and which English is (empty when it is live)."""
        waits = "; ".join(self.reasons)
        if self.state == OLDER:
            assert self.commit is not None
            note = f" ({self.note})" if self.note else ""
            return f"{waits}; the English of {(self.date or '')[:10]} (commit {self.commit[:10]}) stays live{note}"
        return "" if self.state == CURRENT else waits


@dataclass(frozen=True)
class LiveSite:
    """Every document's ``Live``, by document id, and ``note``: why git history was not read, if it was not."""

    documents: dict[str, Live]
    note: str | None = None

    def counts(self, local: frozenset[str] = frozenset()) -> str:
        """What the site shows of the documents' English, as status, publish, review and the workspace say it
        (``wording.live_counts``; ``local``: those live only in this clone until committed, ``uncommitted``)."""
        return live_counts(Counter(document.state for document in self.documents.values()), len(local))


def served_as_they_stand(live: LiveSite, standing: Mapping[str, str]) -> LiveSite:
    """``live`` with each document whose English file export will not replace (``export.unreplaceable``: file name,
    document id) held back: the site serves that file as it stands, not its approved English (a trial's status said
    live while Hugo served a stale copy export had written under the folder's old name, committed by accident)."""
    documents = dict(live.documents)
    for name, document_id in standing.items():
        if (state := documents.get(document_id)) is not None and state.state != HELD:
            documents[document_id] = replace(state, state=HELD, reasons=(
                f"{name}: export will not replace this file (next: says why), so the site serves it as it stands, not the approved English",))
    return replace(live, documents=documents)


def live_english(site: Site, status: SiteStatus, *, english: bool = False, exported: bool | None = None) -> LiveSite:
    """Decide, for every document of ``status``, which English is live (see the module's docstring).

    With ``english`` (publish) a ``current`` page carries its English document too,
    as ``status`` built it (``assess_site(english=True)``). ``exported``: whether the
    English is export's, for another generator (default: the site is a Hugo or Jekyll one),
    so that English export refuses is not live (see the module's docstring).
    """
    exported = site.writes_in_place if exported is None else exported
    lives: dict[str, Live] = {}
    waiting: list[DocumentStatus] = []
    broken = status.unreadable
    for document in status.documents:
        if document.publishable and not (exported and document.refused):
            lives[document.document_id] = Live(document.document_id, CURRENT, english=document.english if english else None)
        elif drafted(document):
            lives[document.document_id] = Live(document.document_id, HELD, document.reasons)
        else:
            waiting.append(document)
    note = None
    if waiting or broken:
        history = _History.of(site)
        note = history.note
        history.prefetch([_files(site, document) for document in [*waiting, *broken]])
        crossed: dict[str, list[Crossing]] = {}
        for crossing in status.crossings:
            crossed.setdefault(crossing.path, []).append(crossing)
        for document in waiting:
            accepts = _not_refused(site, document) if exported else None
            live = history.last_good(site, document, accepts, crossed.get(document.catalog or "", ()))
            lives[document.document_id] = replace(live, refused_nothing=True) if accepts and live.state == OLDER else live
        for document in broken:
            lives[document.document_id] = history.last_readable(site, document)
        history.save()
        pages = frozenset(dutch_path(document.document_id) for document in status.rows)
        gone_pages, moved_pages = cache(partial(deleted_pages, site)), cache(partial(renamed_pages, site))  # asked once, only for a link that leads nowhere
        for document in [*waiting, *broken]:
            live = lives[document.document_id]
            if live.english is not None and document.source is not None:  # an earlier version: its links to files renamed or deleted since
                english, unlinked = renamed_links(
                    site, live.english, document.source, dutch_path(document.document_id), partial(_moved, site), pages.__contains__, partial(deletions, site),
                    gone_pages, moved_pages,
                )
                lives[document.document_id] = replace(live, english=english, unlinked=unlinked)
    return LiveSite({d.document_id: lives[d.document_id] for d in status.rows}, note)


def _moved(site: Site) -> dict[str, str]:
    """The Dutch files git saw renamed, old → new (``renames``)."""
    return dict(renames(site).values())


def unlinked_notes(site: Site, live: LiveSite) -> list[str]:
    """What publish and export say, once a command, of each document whose earlier English they serve with links to Dutch
    documents deleted since written as plain text (``Live.unlinked``): its PO file first (that English's), which links,
    deleted when (``deletions``: asked only where there is one), and what to do."""
    lines = []
    for document_id, served in live.documents.items():
        if not served.unlinked:
            continue
        gone, by_file = deletions(site), dict[str, list[str]]()
        for url, file in served.unlinked:
            by_file.setdefault(file, []).append(url)
        said = "; ".join(f"{' and '.join(urls)} to {file}, {_deleted_when(gone.get(file))}" for file, urls in by_file.items())
        lines.append(
            f"{site.relative(site.catalog_path(document_id))}: note: the English served while its update waits links to a "
            f"document deleted since, so the link text is shown as plain text, not a link ({said}) — approve the waiting "
            "update (invoke workspace): its English links as the Dutch does now"
        )
    return lines


def renamed_pages(site: Site) -> dict[str, str]:
    """The old addresses of the pages of the Dutch documents git saw renamed (``renames``), each with its new one: where
    publish serves a document's page (``dutch_path``) and, on a Hugo or Jekyll site, where its generator serves it (a
    Jekyll post's date and name, its own ``url``, ``slug`` or ``permalink``: ``page_address``), by the front matter the
    file has now, under its old name and its new (git found the rename by the file's content)."""
    pages = {}
    for old, new in _moved(site).items():
        if not new.endswith(DOCUMENT_SUFFIXES):
            continue
        old_id, new_id = site.document_id(site.root / old), site.document_id(site.root / new)
        pages[dutch_path(old_id)] = dutch_path(new_id)
        if not site.writes_in_place:
            continue  # publish's own site serves a page at its dutch_path, whatever its front matter
        try:
            front = read_in_site(site, new, new_id).front_matter
        except (OSError, PipelineError):
            continue  # status says why
        was, now = page_address(site, old_id, front, None, True, old), page_address(site, new_id, front, None, True, new)
        if was is not None and now is not None and was != now:
            pages.setdefault(was, now)
    return pages


def deleted_pages(site: Site) -> dict[str, str]:
    """The addresses of the pages of the Dutch documents git saw deleted (``deletions``), each with its file: where publish
    serves a document's page (``dutch_path``) and, on a Hugo or Jekyll site, where its generator served it, by the front
    matter the file had before its deletion (its own ``url``, ``slug``, ``permalink``, a post's date: ``page_address``),
    read from git in one process, only where there is such a file."""
    gone = deletions(site)
    places = tuple(f"{place}/" for place in site.source_places if place != JEKYLL_CONFIG)
    files = [
        file for file in gone if file.endswith(DOCUMENT_SUFFIXES)
        and (file.startswith(places) or (site.config.layout == "jekyll" and not any(part.startswith("_") for part in file.split("/"))))
    ]
    pages = {dutch_path(site.document_id(site.root / file)): file for file in files}
    if not (files and site.writes_in_place):
        return pages  # publish's own site serves a page at its dutch_path, whatever its front matter
    before = {file: f"{gone[file][0]}^:./{file}" if gone[file][0] else f"HEAD:./{file}" for file in files}
    contents = blob_contents(site.root, list(before.values()))
    for file, blob in before.items():
        try:
            front = parse_document(contents[blob].decode("utf-8"), file, file, **site.config.reading).front_matter
        except (UnicodeDecodeError, PipelineError):
            continue  # unreadable then: its front matter moved no page
        address = page_address(site, site.document_id(site.root / file), front, None, True, file)
        if address is not None:
            pages.setdefault(address, file)
    return pages


def _deleted_when(commit: tuple[str, str] | None) -> str:
    """When git saw a file deleted: in which commit, or not committed yet."""
    if not commit or not commit[0]:
        return "deleted, not committed yet"
    return f"deleted in commit {commit[0]} of {commit[1]}"


UNCOMMITTED, ONCE_COMMITTED = "uncommitted", "live once committed"
"""What ``status`` calls a ``current`` document whose approval is only on this machine (``uncommitted``), and why."""
UNCOMMITTED_SUMMARY = f"{UNCOMMITTED}: {ONCE_COMMITTED} and pushed"
"""How a page that lists documents says it of one."""


def uncommitted(site: Site, live: LiveSite) -> frozenset[str]:
    """The documents whose English passes the gate as it is on disk (``current``) while their Dutch or PO file
    is not as the last commit has it (changed, staged or new): CI builds commits, so on the site their English
    is not this one until it is committed and pushed. Empty where git cannot tell (``LiveSite.note`` says so)."""
    current = [document_id for document_id, document in live.documents.items() if document.state == CURRENT]
    if not current or live.note:
        return frozenset()
    folders = [*site.source_places, site.relative(site.catalog_dir)]
    try:
        # git status, not git diff: it keeps what it learnt of the files in the index, so the next status is quick
        prefix = _git(site.root, "rev-parse", "--show-prefix").strip()
        said = _git(site.root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", *folders)
    except _NoHistory:
        return frozenset()
    differ = [site.root / entry[3:].removeprefix(prefix) for entry in said.split("\0") if entry]  # "XY path", from the repository's top
    # the documents of the files that differ (few), not the files of every document (a thousand paths made and looked up)
    return frozenset(current).intersection(
        site.catalog_document_id(path) if path.suffix == ".po" else site.document_id(path) for path in differ
    )


def departures(site: Site, live: LiveSite, gone: Mapping[str, Sequence[str]]) -> list[str]:
    """What publish says, the once they go, of the documents whose pages left the site (``gone``: their addresses by
    document), and why: marked a draft, renamed (as git knows it: its pages have a new address), or removed."""
    moved = renames(site) if any(document_id not in live.documents or not drafted(live.documents[document_id]) for document_id in gone) else {}
    lines = []
    for document_id, pages in gone.items():
        said = " and ".join(pages) or dutch_path(document_id)
        served = live.documents.get(document_id)
        if served is not None and drafted(served):
            source = site.relative(site.source_path(document_id))
            lines.append(f"{source}: marked draft: true — {said} {_are(pages)} off the site until that is taken out")
        elif document_id in moved:
            old, new = moved[document_id]
            served = live.documents.get(site.document_id(site.root / new))
            after = "a redirect page at the old address sends readers there" if served and not drafted(served) else "a link elsewhere to the old address breaks"
            lines.append(f"{old}: renamed to {new} — {said} {_are(pages)} off the site; {_new_place(site, live, new)} ({after})")
        elif served is None:
            lines.append(f"{document_id}: its Dutch document is gone — {said} {_are(pages)} off the site")
    return lines


def _new_place(site: Site, live: LiveSite, new: str) -> str:
    """Where the page of a renamed document is now (``new``: its file): at its new address when that file is a
    document with a page; else why it has none (no longer a Dutch document; marked a draft)."""
    document_id = site.document_id(site.root / new)
    served = live.documents.get(document_id)
    if served is None:
        folder = site.relative(site.source_dir)
        return f"{new} is no Dutch document, so it has no page (one is a .md or .markdown file in {folder}/)"
    if drafted(served):
        return f"{new} is marked draft: true, so it has no page until that is taken out"
    return f"its Dutch page is at {dutch_path(document_id)} now"


def _are(pages: Sequence[str]) -> str:
    return "is" if len(pages) == 1 else "are"


def renames(site: Site) -> dict[str, tuple[str, str]]:
    """The Dutch documents git knows were renamed (``git mv``: not committed yet, or in the last 100 commits that renamed or
    deleted files), by the old name's document id: the old file and the new one (the end of a chain of renames), as the site
    names them; nothing when git cannot tell. Git is asked once while its index and HEAD stay as they are (``_git_moment``):
    live's judging, export's refs, check's links and publish's departures share one answer in a command, with ``deletions``."""
    return _changes(site)[0]


def deletions(site: Site) -> dict[str, tuple[str, str]]:
    """The files git knows were deleted and are not there again (``git rm``: not committed yet, or in the last 100 commits
    that renamed or deleted files), each as the site names it, with the commit that deleted it (its short hash and date,
    ``YYYY-MM-DD``; both empty where the deletion is not committed yet); a renamed file's new name deleted since counts,
    under its old name too. Asked of git with ``renames``, in the same processes."""
    return _changes(site)[1]


def _changes(site: Site) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """``renames`` and ``deletions``, from git's last answer while its index and HEAD stay as they are."""
    moment = _git_moment(site.root)
    kept = _RENAMES.get(site.root)
    if moment is not None and kept is not None and kept[0] == moment:
        return kept[1]
    changes = _git_changes(site)
    moment = _git_moment(site.root)  # as git left it: its diff may write the index it refreshed (a copied checkout's)
    if moment is not None:
        _RENAMES[site.root] = (moment, changes)
    return changes


_RENAMES: dict[Path, tuple[tuple[int, ...], tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]]] = {}
"""``_changes``' last answer for each site, with the ``_git_moment`` it was given at."""


def _git_moment(root: Path) -> tuple[int, ...] | None:
    """What changes whenever git's answer on renames may: the state of the checkout's index (``git mv``, ``git add``)
    and of its HEAD's reflog (a commit, a checkout, a reset, a pull), told by two ``stat`` calls; None where they cannot
    be read (then git is asked each time)."""
    found = git_dirs(root)
    if found is None or found == NO_REPOSITORY:
        return None
    try:
        index, log = (found[0] / "index").stat(), (found[0] / "logs" / "HEAD").stat()
    except OSError:
        return None
    return (index.st_ino, index.st_size, index.st_mtime_ns, log.st_ino, log.st_size, log.st_mtime_ns)


def _git_changes(site: Site) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """``renames`` and ``deletions`` as git says them now: two processes, the changes not committed yet and those committed."""
    try:  # --relative: the names as the site's folder (maybe a part of the checkout) names them
        staged = _git(site.root, "diff", "-M", "--relative", "--name-status", "--diff-filter=RD", "HEAD")
        committed = _git(site.root, "log", "-M", "--relative", "--name-status", "--diff-filter=RD", "--format=%x01%h %cs", "-n", "100")
    except _NoHistory:
        return {}, {}
    records = [("", "", staged)] + [(*header.partition(" ")[::2], rest) for header, _, rest in (record.partition("\n") for record in committed.split("\x01")[1:])]
    newer: dict[str, str] = {}
    removed: dict[str, tuple[str, str]] = {}
    for commit, date, said in reversed(records):  # the oldest first
        for line in reversed(said.splitlines()):
            fields = line.split("\t")
            if len(fields) == 3 and fields[0].startswith("R"):
                newer[fields[1]] = fields[2]
                removed.pop(fields[2], None)
            elif len(fields) == 2 and fields[0] == "D":
                removed[fields[1]] = (commit, date)
    renamed = {}
    for old, new in newer.items():
        seen = {old}
        while new in newer and new not in seen:
            seen.add(new)
            new = newer[new]
        renamed[site.document_id(site.root / old)] = (old, new)
        if new in removed:
            removed.setdefault(old, removed[new])  # renamed, then deleted: gone under its old name too
    deleted = {path: when for path, when in removed.items() if not (site.root / path).exists()}
    return renamed, deleted


def extract_moves(site: Site, orphans: Sequence[str]) -> list[tuple[str, str]]:
    """Of the ``orphans`` (orphaned PO files, as the site names them), those ``invoke extract`` moves itself: their
    document git saw renamed (``renames``) to a document without a PO file yet. Each as its PO file and the one it
    becomes. Git is asked only where there is an orphan."""
    moved = renames(site) if orphans else {}
    found = []
    for orphan in orphans:
        renamed = moved.get(site.catalog_document_id(site.root / orphan))
        if renamed is None or not (site.root / renamed[1]).is_file():
            continue
        new = site.catalog_path(site.document_id(site.root / renamed[1]))
        if not new.exists():
            found.append((orphan, site.relative(new)))
    return found


def refused_english(english: str, dutch: SourceUnit, parsed: tuple[str, list[Token]] | None = None) -> tuple[str, ...]:
    """What export refuses in an English document (see ``status.refusals``), the HTML it may carry taken from the
    Dutch as it is now: a tag the author has since removed is refused in an earlier version's English too.
    ``parsed``: its body and that body's tokens (``markdown.parse_keeping_every_link``), where parsed already."""
    if parsed is None:
        body = dutch.document.read_as_this(english).body
        parsed = body, markdown.parse_keeping_every_link(body)
    return refusals(*parsed, dutch.document.body, dutch_html(dutch))


def refusal_reasons(refused: tuple[str, ...]) -> tuple[str, ...]:
    """Why English that the gate lets through is not exported: what the site would show as text in it, or
    another generator might take for HTML (``DocumentStatus.refused``); empty when nothing."""
    if not refused:
        return ()
    shown = ", ".join(reprlib.repr(part) for part in refused[:3])
    return (
        f"its English has HTML the Dutch does not have or a link that is not http, https, mailto or relative ({shown}); "
        "the site shows them as text, another generator might not: correct the translation",
    )


def _not_refused(site: Site, document: DocumentStatus) -> Callable[[str], bool]:
    """Whether export takes an earlier version's English of ``document``: it refuses nothing in it, judged against
    the Dutch as it is now (read once, and only when a version passes the gate: a reused verdict has no parse)."""
    dutch: list[SourceUnit] = []

    def accepts(english: str) -> bool:
        if not dutch:
            try:
                dutch.append(document.unit or load_unit(site, site.root / (document.source or ""), catalog=False))
            except PipelineError:
                return False  # its Dutch cannot be read now: nothing to judge the English by
        try:
            return not refused_english(english, dutch[0])
        except PipelineError:
            return False

    return accepts


def _files(site: Site, document: DocumentStatus) -> tuple[str, str]:
    """A document's source and PO file, relative to the site."""
    return document.source or site.relative(site.source_path(document.document_id)), site.relative(site.catalog_path(document.document_id))


def drafted(document: DocumentStatus | Live) -> bool:
    """A document marked ``draft: true`` is off the site in both languages: the author took it down (its status, or
    its live state, says so among its reasons)."""
    return DRAFTED in document.reasons


@dataclass(frozen=True)
class _Version:
    commit: str
    date: str
    age: int
    source: str
    catalog: str


class _History:
    """The site's git history of its documents and PO files, read once per command."""

    def __init__(self, site: Site, commits: list[tuple[str, str, list[str]]], note: str | None) -> None:
        self.commits = commits  # (commit, ISO date, paths it changed), newest first
        self.touched: dict[str, list[int]] = {}  # path → the commits (by age: 0 is the newest) that changed it
        for age, (_, _, paths) in enumerate(commits):
            for path in paths:
                self.touched.setdefault(path, []).append(age)
        self.blob_ids: dict[str, str | None] = {}  # "commit:./path" → blob id (None: no such file then)
        self.note = note
        self.cache_path = site.root / HISTORY_CACHE
        self.cache = _read_cache(self.cache_path)
        self.glossary = load_glossary(site.root)
        self.settings = hashlib.sha256(settings_fingerprint(site, self.glossary)).hexdigest()
        self.root = site.root
        self.judged = False
        self.former: dict[str, list[tuple[str, str]]] | None = None  # a renamed Dutch file → its earlier files (``_named_versions``)

    @classmethod
    def of(cls, site: Site) -> _History:
        """Read the history; without one (no git, no commit), an empty history and the note that says so.

        Every commit that changed a document or a PO file counts, merges included (a merge
        that resolved a conflict made a version of its own), newest first.
        """
        folders = [*site.source_places, site.relative(site.catalog_dir)]
        try:
            # every side of each merge (--full-history; --diff-merges=first-parent implies it, said so here): a merge that
            # kept one side's files hides the other side from a path's log, and the version live there with it
            log = _git(site.root, "log", "--full-history", "--diff-merges=first-parent", "--name-only", "--relative", "--no-renames",
                       "--format=%x01%H %cI", "HEAD", "--", *folders)
        except _NoHistory as error:
            return cls(site, [], f"{error}: an English page whose current translation is held back is not served from an earlier version")
        note = None
        if shallow(site.root):
            note = "a shallow git clone: only the versions it holds are looked at (check out the whole history, e.g. fetch-depth: 0)"
        return cls(site, _parse_log(log), note)

    def _commits_of(self, files: tuple[str, ...]) -> list[tuple[str, str, int]]:
        """The commits that changed any of ``files``, newest first, at most ``MOST_VERSIONS``: (commit, date, age)."""
        ages = sorted({age for path in files for age in self.touched.get(path, ())})[:MOST_VERSIONS]
        return [(self.commits[age][0], self.commits[age][1], age) for age in ages]

    def prefetch(self, groups: list[tuple[str, ...]]) -> None:
        """Ask git once for the blob ids of every version of these groups of files (one git process for all)."""
        names = [f"{commit}:./{path}" for files in groups for commit, _, _ in self._commits_of(files) for path in (*files, CONFIG_FILE)]
        unknown = [name for name in dict.fromkeys(names) if name not in self.blob_ids]
        found = blob_ids(self.root, unknown)
        self.blob_ids.update({name: found.get(name) for name in unknown})

    def versions(self, *files: str) -> list[tuple[str, str, int, tuple[str, ...]]]:
        """The committed versions of some files, newest first: (commit, date, age, blob ids), each named by
        the newest commit that made it; only versions in which every file exists."""
        self.prefetch([files])
        found, seen = [], set()
        for commit, date, age in self._commits_of(files):
            ids = tuple(self.blob_ids[f"{commit}:./{path}"] for path in files)
            if None not in ids and ids not in seen:
                seen.add(ids)
                found.append((commit, date, age, ids))  # type: ignore[arg-type]
        return found

    def last_readable(self, site: Site, document: DocumentStatus) -> Live:
        """For a document whose Dutch cannot be read now: its newest committed Dutch that can, and its last good English."""
        assert document.source is not None
        english = self.last_good(site, document)
        current = _blob_id(site.root / document.source)
        for commit, _, _, (blob,) in self.versions(document.source):
            if blob == current:
                continue
            try:
                dutch = read_source(blob_contents(self.root, [blob])[blob], document.document_id, document.source, **site.config.reading)
            except PipelineError:
                continue
            return replace(english, dutch=dutch, dutch_commit=commit)
        return english

    def last_good(
        self, site: Site, document: DocumentStatus, accepts: Callable[[str], bool] | None = None, crossed: Sequence[Crossing] = (),
    ) -> Live:
        """``older`` with the newest committed version that passes the gate (and whose English ``accepts``
        takes, if given), else ``held``. The reasons: the gate's, else what export refuses in the current English.
        A version of a commit that holds one of the ``crossed`` entries unreviewed (``line_merges``) passes no gate:
        it is passed over.

        A committed version with the very bytes on disk fails as the current one does
        (unless only a clash with another page held that back), so it is not judged again.
        """
        files = _files(site, document)
        reasons = document.reasons or refusal_reasons(document.refused)
        current = None if document.clash else tuple(_blob_id(site.root / path) for path in files)
        for names in (files, None):  # its versions under its names now; then, where none passes, under the names it had
            for commit, date, age, (source_blob, catalog_blob), (source, catalog) in self._named_versions(site, files, names):
                version = _Version(commit, date, age, source_blob, catalog_blob)
                if (version.source, version.catalog) == current or any(version.commit in crossing.crossed for crossing in crossed):
                    continue
                named = document.document_id if names else site.document_id(site.root / source)  # as it was: its slug as it was
                english = self._english(site, named, version, source, catalog)
                if english is not None and (accepts is None or accepts(english)):
                    note = self.cache.get(self._unread_key(self.blob_ids.get(f"{version.commit}:./{CONFIG_FILE}"))) or ""
                    return Live(document.document_id, OLDER, reasons, version.commit, version.date, english, age=version.age, note=note)
        return Live(document.document_id, HELD, reasons)

    def _named_versions(
        self, site: Site, files: tuple[str, str], names: tuple[str, str] | None,
    ) -> list[tuple[str, str, int, tuple[str, ...], tuple[str, str]]]:
        """The committed versions of a document's Dutch and PO file, newest first, each with the names the two files had
        then: under ``names``, or (None) under the names they had before git saw the Dutch renamed (``git mv``; a chain of
        renames too). A renamed post whose update waits keeps its earlier English live, as it would have unrenamed."""
        if names is not None:
            return [(*version, names) for version in self.versions(*names)]
        if self.former is None:
            self.former = {}
            for old_id, (old, new) in renames(site).items():
                self.former.setdefault(new, []).append((old, site.relative(site.catalog_path(old_id))))
        found = [(*version, pair) for pair in self.former.get(files[0], ()) for version in self.versions(*pair)]
        return sorted(found, key=lambda version: version[2])

    def _english(self, site: Site, document_id: str, version: _Version, source: str, catalog: str) -> str | None:
        """The English of one version when it passes the gate, else None (remembered in the cache); ``document_id``: the
        document's id then (a renamed one's old id: a slug made from its name is the old name's)."""
        config = self.blob_ids.get(f"{version.commit}:./{CONFIG_FILE}")  # None: the commit has none (every setting its default)
        key = f"{self.settings}:{version.source}:{version.catalog}" + (f":{config}" if config else "")
        if key not in self.cache:
            blobs = blob_contents(self.root, [version.source, version.catalog, *([config] if config else [])])
            fields, unread = _fields(blobs[config] if config else None, site)
            self.cache[key] = _judge(
                site, self.glossary, document_id, (source, blobs[version.source]), (catalog, blobs[version.catalog]), fields,
            )
            if unread:
                self.cache[self._unread_key(config)] = unread
            self.judged = True
        return self.cache[key]

    def _unread_key(self, config: str | None) -> str:
        """The cache's key for why a version of ``pipeline.yaml`` (its blob id) cannot be read now (``Live.note``)."""
        return f"{self.settings}:{CONFIG_FILE}:{config}"

    def save(self) -> None:
        """Keep the verdicts for the next command (only when there are new ones, and only under today's settings)."""
        if self.judged:
            kept = {key: english for key, english in self.cache.items() if key.startswith(self.settings)}
            write_cache(self.cache_path, json.dumps(kept, sort_keys=True))


def _fields(config: bytes | None, site: Site) -> tuple[tuple[str, ...], str]:
    """The front-matter fields a commit translated: those its ``pipeline.yaml`` (``config``; None: none, the
    defaults) names; today's, and why, where today's loader refuses it (a setting since removed, say): a version
    that passed then is not taken off the site for a setting the pipeline no longer reads."""
    with tempfile.TemporaryDirectory() as folder:
        if config is not None:
            Path(folder, CONFIG_FILE).write_bytes(config)
        try:
            return load_config(Path(folder)).translate_fields, ""
        except PipelineError as error:
            return site.config.translate_fields, f"its {CONFIG_FILE} cannot be read today ({error.problem.split('; ')[0]}): judged with today's settings"


def _judge(
    site: Site, glossary: Glossary, document_id: str, source_file: tuple[str, bytes], catalog_file: tuple[str, bytes], fields: tuple[str, ...],
) -> str | None:
    """The English of a document as it was (each file as its location and bytes), when that version passes
    the whole gate with the front-matter ``fields`` its commit translated (``_fields``); else None."""
    (source, source_data), (catalog, catalog_data) = source_file, catalog_file
    try:
        document = read_source(source_data, document_id, source, **site.config.reading)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "version.po")
            path.write_bytes(catalog_data)
            parsed = read_catalog(path, catalog)
            problems = msgfmt_problems_of_many([path])[0]
        env: dict[str, Any] = {}
        rendered = renders(site, site.root / source, document)  # headless by today's cascade: no slug entry
        segments = rendered_segments(tuple(segment(document, fields, env)), rendered and not site.jekyll_page(site.root / source))
        unit = SourceUnit(document, segments, site.catalog_path(document_id), parsed, env.get("references", {}), rendered=rendered)
        verdict = assess_unit(site, unit, glossary, problems, english=True)
    except PipelineError:
        return None
    return verdict.english if verdict.publishable else None


class _NoHistory(Exception):
    """Git cannot tell: no git, no checkout, or no commit yet (the message says which)."""


NO_CHECKOUT = "the site is not a git checkout"


def _git(root: Path, *arguments: str) -> str:
    if not in_checkout(root):
        raise _NoHistory(NO_CHECKOUT)
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *arguments], cwd=root, capture_output=True, text=True, timeout=120)
    except OSError:
        raise _NoHistory("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise _NoHistory("git took too long") from None
    if done.returncode != 0:
        if "not a git repository" in done.stderr:
            raise _NoHistory(NO_CHECKOUT)
        if "bad revision 'HEAD'" in done.stderr or "ambiguous argument 'HEAD'" in done.stderr:
            raise _NoHistory("the git repository has no commit yet (an approval counts once it is committed: commit the site)")
        raise _NoHistory(f"git cannot read the history ({done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode})")
    return done.stdout


def file_versions(site: Site, folder: str) -> tuple[list[tuple[int, str, str]], str | None]:
    """Every committed version of the files under ``folder`` (relative to the site), newest first, as the commit's time
    (seconds since 1970), the file's path (as the site names it) and its blob id, read in one ``git log``; none, and why, where git
    cannot tell the whole history (no git, no commit, a shallow clone)."""
    try:
        log = _git(site.root, "log", "--full-history", "--diff-merges=first-parent", "--raw", "--no-abbrev", "--relative", "--no-renames",
                   "--format=%x01%ct", "HEAD", "--", folder)  # every side, as ``_History.of``
    except _NoHistory as error:
        return [], str(error)
    if shallow(site.root):
        return [], "a shallow git clone (check out the whole history, e.g. fetch-depth: 0)"
    versions = []
    for record in log.split("\x01")[1:]:
        time, *lines = record.strip("\n").split("\n")
        for line in lines:  # ":<mode> <mode> <old blob> <new blob> <status>\t<path>"; a removed file's new blob is 0s
            fields, _, path = line.partition("\t")
            parts = fields.split()
            if len(parts) == 5 and parts[4] != "D":
                versions.append((int(time), path, parts[3]))
    return versions, None


def _blob_id(path: Path) -> str | None:
    """The id git gives a file's bytes (None when it is no plain file or cannot be read): what tells a committed
    version from the file on disk. A named pipe is never opened (reading one can wait forever)."""
    try:
        if not path.is_file():
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _parse_log(log: str) -> list[tuple[str, str, list[str]]]:
    """``git log --name-only`` as (commit, date, [paths]), newest first."""
    commits = []
    for record in log.split("\x01")[1:]:
        header, *paths = record.strip("\n").split("\n")
        commit, date = header.split(" ", 1)
        commits.append((commit, date, [path for path in paths if path]))
    return commits


def _read_cache(path: Path) -> dict[str, str | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
