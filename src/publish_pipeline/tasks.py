"""The tasks, shared by ``invoke`` (through the site's tasks.py) and ``publish-pipeline``.

This layer only parses options, calls the library and prints: one line per
problem, location first, and a summary; exit code 1 when anything failed.
Each task imports the library parts it needs when it runs, so that a quick
command (a no-op extract, --help) does not pay for loading all of them.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from typing import TYPE_CHECKING, Any

from .config import CONFIG_FILE, unset_step, unset_warning
from .errors import PipelineError, file_system_error
from .plumbing.locking import site_lock
from .plumbing.outputs import locate
from .site import Site
from .wording import LIVE_WORDS, extract_summary, leading_nowhere, orphaned, plural

if TYPE_CHECKING:
    from invoke import Collection, Context
    from .drafts.drafting import DocumentDrafts, DraftReport, Progress
    from .output.export import ExportReport
    from .output.link_map import GeneratorPages
    from .output.publishing import PublishReport
    from .plumbing.progress import Phases
    from .catalogs.glossary import Glossary
    from .quality.live import Live, LiveSite
    from .quality.links import LinkWarning
    from .quality.status import DocumentStatus, SiteStatus

ROOT_HELP = "the site folder (default: the current folder)"
MERGE_PO_USAGE = ("merge-po: git runs it with four files, publish-pipeline merge-po BASE OURS THEIRS NAME (git's %O %A %B %P), once "
                  "invoke setup has set git up to: run invoke setup, not this (publish-pipeline merge-po --help says more)")
PRE_COMMIT_HELP = (
    "as the pre-commit hook runs it: a new PO file whose Dutch git tracks is marked for the commit "
    "(git add --intent-to-add), which stops it until the file is added"
)
FORMAT_HELP = "text (default), or github: annotations on the lines and a summary in $GITHUB_STEP_SUMMARY (for GitHub Actions)"
STATUS_FORMAT_HELP = "text (default); json, as --json; or github: annotations on the lines and a summary in $GITHUB_STEP_SUMMARY (for GitHub Actions)"


TASKS: dict[Callable[..., None], dict[str, Any]] = {}
"""Each task, with the options of Invoke's ``task`` that make it a command (see ``ns``)."""


def task(**options: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A task, with the backstop every task shares: never a traceback.

    A ``PipelineError`` the task did not handle, or any ``OSError`` (a full disk,
    a read-only folder, a name too long), becomes one line, location first, and
    exit code 1. Writes go through temporary files, so nothing is left half-written.
    Invoke's task is made of it (with ``options``) when Invoke asks for the tasks (``ns``): a plain
    ``publish``, ``extract`` or ``export`` runs without loading Invoke (see ``__main__``).
    """

    def decorate(body: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(body)
        def guarded(c: Context | None, *args: Any, **kwargs: Any) -> None:
            try:
                body(c, *args, **kwargs)
            except PipelineError as error:
                raise _exit(_line(error), code=1) from None
            except BrokenPipeError:  # the reader went away (`status | head`): nothing more to say, nobody to say it to
                import os

                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise _exit(code=1) from None
            except OSError as error:
                raise _exit(_line(file_system_error(error, _where(error, kwargs.get("root", ".")))), code=1) from None

        TASKS[guarded] = options
        return guarded

    return decorate


def _exit(message: str | None = None, code: int = 1) -> Exception:
    """Invoke's ``Exit``, which ends a task: its message on stderr, and its exit code (as Invoke's program, and
    ``__main__`` without it, say them). Loaded when a task ends so, not before: a plain publish runs without Invoke."""
    from invoke import Exit

    return Exit(message, code=code)


def _where(error: OSError, root: str) -> str:
    """The file an OSError is about, site-relative when it is inside the site; else the site folder."""
    if not error.filename:
        return root
    path, site = Path(str(error.filename)).absolute(), Path(root).resolve()
    return path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)


@task(auto_shortflags=False, help={"root": ROOT_HELP, "pre_commit": PRE_COMMIT_HELP})
def extract(c: Context, root: str = ".", pre_commit: bool = False) -> None:
    """Update translations/en/*.po from the Dutch documents (source_nl/, or where the site's layout keeps them)."""
    from .plumbing import commit_hook
    from .plumbing.freshness import answer, fresh

    hook = pre_commit
    files = commit_hook.committed(Path(root).resolve()) if hook else None  # the commit being made, where pre-commit runs it
    if hook and commit_hook.of_po_files_alone(Path(root).resolve(), files):
        print(commit_hook.PO_ALONE, flush=True)
        return
    if pre_commit and fresh(Path(root).resolve(), "extract") is not None:
        for line in _new_catalogs_marked(_open(root)):  # nothing to extract: said before the quick answer's summary
            print(line, flush=True)
        pre_commit = False
    if not answer("extract", root):  # else nothing changed since the last clean extract
        _extract(root, pre_commit, hook, files)
    elif hook and any(stops := _commit_stops(_open(root), files)):
        from .plumbing.commit_hook import tags_stopped

        print("\n".join([*stops[0], *stops[1], *stops[2]]), flush=True)
        raise _exit(tags_stopped(*map(len, stops)), code=1)


def _commit_stops(site: Site, files: frozenset[str] | None) -> tuple[list[str], list[str], list[str]]:
    """What stops the commit being made (its ``files``, ``commit_hook.committed``) where the extract hook runs: the
    template links of its Dutch files that find no page (``link_map.unfound_tags``): the commit stops on them, as the
    site's build would (a trial's author committed a ref to a post she had deleted, and hugo stopped CI's whole build);
    each PO file whose Dutch document it deletes (``commit_hook.orphaned_by_commit``); and each file of it that export
    wrote (``git_exclude.exported``). Nothing is judged where no file of it may hold a link. Each a line, the links',
    the PO files' and export's files' apart."""
    from .output.link_map import unfound_tags
    from .plumbing import commit_hook
    from .quality.status import assess_site

    from .plumbing.git_exclude import exported, tracked

    orphans = [commit_hook.orphan_stops(catalog, source) for catalog, source in commit_hook.orphaned_by_commit(site, files)]
    found = exported(site.root, files or ())
    staged = set(tracked(site.root, found))  # not one the commit takes out of git (git rm --cached): it is on disk still
    built = [commit_hook.exported_stops(name, written_as) for name, written_as in sorted(found.items()) if name in staged]
    tagged = commit_hook.tagged(site.root, files) if site.writes_in_place else frozenset()
    if tagged is not None and not tagged:
        return [], orphans, built
    return unfound_tags(site, assess_site(site, reuse=True, detail=False).documents, tagged), orphans, built


def _extract(root: str, pre_commit: bool, hook: bool = False, files: frozenset[str] | None = None) -> None:
    """Extract every document of the site in ``root``, saying what was done (``pre_commit``: and marking the new PO
    files for the commit, said before the summary, which is the last line; ``hook``: what stops the commit being made,
    its ``files``, said first (``_commit_stops``), and then the commit stopped)."""
    from .catalogs.extraction import extract as extract_site

    site = _open(root)
    with _locked(site, "extract"), _phases() as progress:
        report = extract_site(site, progress=progress)
    unfound, orphans, built = _commit_stops(site, files) if hook else ([], [], [])
    notes = [f"{new}: moved from {old}: its Dutch document was renamed (its translations are kept)" for old, new in report.renamed]
    notes += [f"{orphan}: warning: {orphaned()}" for orphan in report.orphans if not any(line.startswith(f"{orphan}: ") for line in orphans)]
    notes += _new_catalogs_marked(site) if pre_commit else []
    summary = extract_summary(len(report.extracted), sum(item.segments for item in report.extracted), report.written, len(report.errors), report.drafts, report.carried)
    if pre_commit and (changed := [item.catalog for item in report.extracted if item.written] + [new for _, new in report.renamed]):
        summary += f"; {_commit_again(site, changed, bool(report.renamed))}"
    if unfound or orphans or built:
        from .plumbing.commit_hook import tags_stopped

        summary += f"; {tags_stopped(len(unfound), len(orphans), len(built))}"
    _finish(report.errors, [*unfound, *orphans, *built, *notes, summary], counted=False, failed=bool(unfound or orphans or built))  # the summary, the last line, says how many could not be read


def _commit_again(site: Site, changed: list[str], moved: bool) -> str:
    """What the pre-commit hook's extract says when it changed PO files (pre-commit then stops the commit, as for any
    hook that changes files): which, and the one command that adds them all, a moved file's old name gone too (``git
    add`` of the new name alone left the old one's deletion out of the commit, which the next commit then refused)."""
    files = sorted(dict.fromkeys(changed))
    named = files[0] if len(files) == 1 else f"{len(files)} PO files ({', '.join(files[:3])}{', …' if len(files) > 3 else ''})"
    folder = site.relative(site.catalog_dir)
    return f"it updated {named} for the Dutch of this commit: git add -A {folder}{' (the moved files too)' if moved else ''}, and commit again"


def _new_catalogs_marked(site: Site) -> list[str]:
    """The pre-commit hook's part (``commit_hook``): each PO file git does not track yet whose Dutch it does is
    marked for the commit, which stops it as pre-commit stops it for a changed file; a line naming each file."""
    from .errors import SitePathError
    from .plumbing.git import intend_to_add, untracked
    from .plumbing.git_exclude import tracked

    sources: dict[str, str] = {}
    for name in untracked(site.root, site.relative(site.catalog_dir)):
        if not name.endswith(".po"):
            continue
        try:
            sources[name] = site.relative(site.source_path(site.catalog_document_id(site.root / name)))
        except SitePathError:
            continue  # no Dutch document goes by its name (extract said so): not this commit's
    committed = set(tracked(site.root, sources.values()))
    new = [name for name, source in sources.items() if source in committed]
    if not intend_to_add(site.root, new):
        raise _exit("git could not mark the new PO files for the commit: add them, and commit again", code=1)
    folder = site.relative(site.catalog_dir)  # -A: a PO file moved with its renamed document leaves its old name's deletion to add too
    return [f"{name}: the new PO file of {sources[name]}, not in this commit yet: git add -A {folder}, and commit again" for name in new]


@task(auto_shortflags=False, help={"root": ROOT_HELP})
def setup(c: Context, root: str = ".") -> None:
    """Set up this clone: git merges the PO files entry by entry, and pulls by merging unless you chose (run once per clone; commit .gitattributes)."""
    from .plumbing.merge_setup import PULL_MERGES, attributes_uncommitted, set_up

    site = _open(root)
    changed = set_up(site.root, "translations")
    if changed is None:
        raise _exit(f"{site.root}: not in a git checkout (or git cannot be run) — run setup in a clone of the site", code=1)
    print("\n".join([*filter(None, [_code_elsewhere(site.root)]), *(f"setup: {change}" for change in changed),
                     _setup_summary(len(changed), attributes_uncommitted(site.root), PULL_MERGES in changed)]))


def _setup_summary(changed: int, uncommitted: bool, pulls: bool = False) -> str:
    """Setup's last line: what it did (``changed``: how many settings, each said above; ``pulls``: one of them has git
    pull by merging), and what it leaves to her: the ``.gitattributes`` to commit (``uncommitted``), without which the
    other clones merge line by line; else only the other clones, each of which runs setup once itself (git never takes
    a merge driver from a repository)."""
    merges = "merges PO files entry by entry" + (", and git pull merges others' work in" if pulls else "")
    did = f"this clone now {merges} ({plural(changed, 'change')} above)" if changed else (
        "this clone already merges PO files entry by entry (nothing changed)")
    left = ("left to you: commit .gitattributes, which tells every other clone to merge so (each once it has run setup too)"
            if uncommitted else "left: nothing in this clone (each other clone runs setup once itself)")
    return f"setup: {did}; {left}"


@task(
    auto_shortflags=False,
    help={
        "base": "the version both sides started from (git's %O)", "ours": "this side's version, which becomes the merge (git's %A)",
        "theirs": "the other side's version (git's %B)", "name": "the file's path in the repository (git's %P)",
    },
)
def merge_po(c: Context, base: str = "", ours: str = "", theirs: str = "", name: str = "") -> None:
    """Git's merge driver for PO files, which git runs once setup has set it up: merge a PO file's three versions entry by entry.

    Git runs it as publish-pipeline merge-po %O %A %B %P for each PO file both sides changed: you need not run it.
    By hand: --base, --ours (which becomes the merge), --theirs and --name."""
    # git's four arguments are taken by ``__main__`` without Invoke; to Invoke they are options: it reads a ``--help``
    # after a task as the value of the task's first missing positional argument (``invoke merge-po --help`` said
    # three arguments were missing: a trial)
    if not (base and ours and theirs and name):
        raise _exit(MERGE_PO_USAGE, code=2)
    from .catalogs.po_merge import merge_driver

    code, said = merge_driver(Path(base), Path(ours), Path(theirs), name)
    if said:
        print(said, file=sys.stderr)
    if code:
        raise _exit(code=code)


@task(auto_shortflags=False, help={"out": "the folder to write nl/ and en/ into (default: build/content in the site)", "root": ROOT_HELP})
def export(c: Context, out: str = "", root: str = ".") -> None:
    """Write Markdown pairs (nl/ and every approved en/) for Hugo and other generators."""
    from .plumbing import freshness

    if freshness.answer("export", root, {"out": out}):
        return  # nothing changed since the last clean export
    from .output.export import export as export_site

    reads = _export_reads(root, out)
    before = freshness.reading(Path(root).resolve(), reads)  # before the settings are read: see _publish
    site = _open(root)
    with _locked(site, "export"), _phases() as progress:
        try:
            target = locate(site, out, "build/content") if out or not site.writes_in_place else None  # else: into the site's content
            report = export_site(site, target, progress=progress)
        except PipelineError as error:
            raise _exit(_line(error), code=1) from None
    where = site.relative(target) if target else "the site content"
    notes = _export_notes(report)
    _finish(report.errors, [*notes, _export_summary(report, where)])
    if before is not None:  # the next export with nothing to do says this
        said = [*notes, _export_summary(replace(report, written=0, removed=0), where)]
        made = {site.relative(path): state for path, state in report.made.items()}
        freshness.record(site.root, "export", reads, said, before=before, written=made, options={"out": out})


def _export_reads(root: str, out: str) -> list[str]:
    """What export reads and writes, as ``freshness.record`` lists it: the whole site, and ``--out`` when it is outside."""
    from .plumbing.freshness import SITE

    folder = os.path.abspath(out) if out else ""
    return [SITE, folder] if folder and not Path(folder).is_relative_to(Path(root).resolve()) else [SITE]


def _export_notes(report: ExportReport) -> list[str]:
    """What export says of the English: each document served from an earlier approved version, each held back."""
    notes = [f"note: {report.note}"] if report.note else []
    notes += [f"note: links in the English are left as written where a page's address is not known: {report.links}"] if report.links else []
    notes += [*report.file_links, *(f"{live.document_id}: English {live.summary}" for live in report.older)]
    notes += [
        f"{name}: export writes this adopted file from now on (its English is in the PO files): "
        f"git rm --cached {name}, then commit, so that every clone builds it" for name in report.taken_over
    ]
    return notes + [f"{document_id}: English held back: {'; '.join(reasons)}" for document_id, reasons in report.held_back]


def _export_summary(report: ExportReport, where: str) -> str:
    """Export's last line: the documents in each language, then the files written, removed and kept, or that nothing changed."""
    older = f" ({len(report.older)} from an earlier approved version)" if report.older else ""
    files = (
        f"{plural(report.written, 'file')} written, {report.removed} removed, {report.kept} unchanged" if report.written or report.removed
        else _unchanged_waiting(len(report.older)) if report.older
        else "no English file to write yet" if not report.translated  # a fresh clone's first export too: no "last export"
        else "nothing changed since the last export"
    )
    held = f"; English of {plural(len(report.held_back), 'document')} held back (above)" if report.held_back else ""
    return (
        f"export: {plural(len(report.source), 'Dutch document')} and {plural(len(report.translated), 'English document')}{older} "
        f"in {where}{held}; {files}"
    )


def _unchanged_waiting(waiting: int) -> str:
    """Export's last words when it wrote nothing while the English update of ``waiting`` documents waits (a Dutch edit,
    say, whose English is to be reviewed): not 'nothing changed', which reads as if her edit was missed."""
    if waiting == 1:
        return "no file changed: 1 document's English update waits (above: why), so its last approved English stays"
    return f"no file changed: {waiting} documents' English updates wait (above: why), so their last approved English stays"


@task(
    auto_shortflags=False,
    help={
        "documents": "one document or a glob, e.g. blog/2019-03-x or 'blog/*' (default: all)",
        "engine": "google (default), deepl, libre or mymemory; overrides translation.engine",
        "url": "the engine's endpoint (a self-hosted or test server); overrides translation.url",
        "dry-run": "only say what would be sent: entries, texts and characters; no network",
        "again": "also draft the entries whose draft a person emptied (from the engine; never the draft she emptied: try another --engine)",
        "root": ROOT_HELP,
    },
)
def draft(c: Context, documents: str = "", engine: str = "", url: str = "", dry_run: bool = False, again: bool = False, root: str = ".") -> None:
    """Fill empty PO entries with drafts for review: translation memory first, then machine translation."""
    from .drafts.drafting import INTERRUPTED, draft as draft_site

    site = _open(root)
    with _locked(site, "draft", dry_run), _draft_progress() as (on_progress, on_document), _interruptible():
        try:
            report = draft_site(
                site, pattern=documents or None, engine_name=engine or None, url=url or None, dry_run=dry_run, again=again,
                on_progress=on_progress, on_document=on_document,
            )
        except PipelineError as error:
            raise _exit(_line(error), code=1) from None
        except KeyboardInterrupt:  # before any request went out, or after the last: every file is whole
            raise _exit("draft: stopped (Ctrl-C): every file is as it was or whole; run draft again", code=130) from None
    if report.stopped:
        print(f"draft: stopped: {report.stopped}", file=sys.stderr, flush=True)
    _finish(report.errors, _draft_summary(report))
    if report.stopped or report.failures:  # the summary, the last line, said what to do
        raise _exit(code=130 if report.stopped == INTERRUPTED else 1)


@contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C during a draft: the first is said at once and stops the sending (draft keeps every answer that
    comes, which may take as long as the requests under way); a second leaves at once, losing only those."""
    pressed = 0

    def interrupted(signal_number: int, frame: object) -> None:
        nonlocal pressed
        pressed += 1
        if pressed == 1:
            print("draft: stopping: no new request; waiting for the answers under way (Ctrl-C again to leave at once)", file=sys.stderr, flush=True)
            raise KeyboardInterrupt
        print("draft: left at once: the answers under way are lost, every other one is kept; run draft again", file=sys.stderr, flush=True)
        os._exit(130)  # every PO file is replaced whole and the cache keeps each answer as it comes: nothing is half-written

    import signal

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _draft_summary(report: DraftReport) -> list[str]:
    from .drafts.drafting import draft_plan

    if report.dry_run:
        *plan, last = draft_plan(report)
        return [
            f"draft --dry-run: {plural(report.entries, 'empty entry')}: "
            f"{_from_memory(report)}, {report.entries - report.from_memory} for {report.engine}{_draft_left_alone(report)}",
            f"{report.engine}: {plural(report.unique_texts, 'unique text')}, {report.cached} already in the cache, "
            f"{report.unique_texts - report.cached} to send ({plural(report.characters, 'character')})",
            *plan, last + _draft_stale(report),
        ]
    lines = [f"{failure.where}: no draft: {failure.reason}" for failure in report.failures]
    lines.append(
        f"draft: {plural(report.entries, 'empty entry')}: {_from_memory(report)}, "
        f"{report.from_engine} from {report.engine} ({report.cached} cached, {plural(report.requests, 'request')} sent), "
        f"{len(report.failures)} failed{_draft_held_back(report)}{_draft_left_alone(report)}{_draft_stale(report)}"
    )
    return lines


def _from_memory(report: DraftReport) -> str:
    """How many drafts the memory gave, and of them the near matches' (no request paid for either)."""
    near = f" ({report.near} near, not sent to {report.engine})" if report.near else ""
    return f"{report.from_memory} from translation memory{near}"


def _draft_left_alone(report: DraftReport) -> str:
    """The end of draft's last line: the entries and documents it left alone on purpose, and how to have them drafted."""
    said = []
    if report.emptied:
        said.append(f"{plural(report.emptied, 'entry')} whose draft was emptied left to translate by hand (draft --again with another --engine drafts {'it' if report.emptied == 1 else 'them'} anew)")
    if report.same_again:
        said.append(f"{plural(report.same_again, 'entry')} left empty: the engine gave the draft that was emptied again (try another --engine)")
    if report.unpublished:
        names = ", ".join(report.unpublished[:3]) + (", …" if len(report.unpublished) > 3 else "")
        said.append(f"{plural(len(report.unpublished), 'document')} marked draft: true left out, not published yet ({names}; --documents NAME drafts one)")
    return "; " + "; ".join(said) if said else ""


def _draft_stale(report: DraftReport) -> str:
    """What draft left of its own accord, said at the end of its last line: the empty entries of Dutch their document
    no longer has (a merge can keep one until the next extract), whose English no page would show."""
    if not report.stale:
        return ""
    return f"; {plural(report.stale, 'empty entry')} of Dutch {'its' if report.stale == 1 else 'their'} document no longer has left undrafted (extract makes such entries obsolete)"


def _draft_held_back(report: DraftReport) -> str:
    """The end of draft's last line: what it did not draft, and what to do about it (nothing drafted is ever lost)."""
    from .drafts.drafting import INTERRUPTED

    again = "run draft again to go on" if report.stopped == INTERRUPTED else "run draft again once that is fixed"
    unsent = report.entries - report.from_memory - report.from_engine - len(report.failures) - report.same_again
    if report.stopped and unsent > 0:
        return f", {unsent} not drafted yet (the run stopped; every answer that came is kept for the next: {again})"
    if report.stopped:
        return f" (the run stopped; nothing already drafted was lost: {again})"
    if report.failures:
        return " (listed above; every other draft is saved: run draft again to retry them)"
    return ""


@contextmanager
def _draft_progress() -> Iterator[tuple[Callable[[Progress], None], Callable[[DocumentDrafts], None]]]:
    """A bar of texts and characters with an ETA on a terminal; a line per document written elsewhere."""

    def plain(result: DocumentDrafts) -> None:
        if result.written:
            print(f"{result.catalog}: {result.from_memory} from memory, {result.from_engine} from the engine, {result.failed} failed", flush=True)

    if not sys.stderr.isatty():
        yield (lambda progress: None), plain
        return
    from rich.progress import BarColumn, Progress as Bar, TextColumn, TimeRemainingColumn

    columns = (TextColumn("draft"), BarColumn(), TextColumn("{task.fields[texts]}"), TextColumn("{task.fields[chars]}"), TimeRemainingColumn())
    with Bar(*columns, transient=True) as bar:
        task_id = bar.add_task("", total=None, texts="reading the PO files and translation memory…", chars="")  # no total yet

        def advance(progress: Progress) -> None:
            bar.update(task_id, completed=progress.texts_done, total=progress.texts_total, texts=f"{progress.texts_done}/{progress.texts_total} texts",
                       chars=f"{progress.characters_done:,}/{progress.characters_total:,} characters")

        yield advance, (lambda result: None)


@task(
    auto_shortflags=False,
    help={
        "from": "a folder of English Markdown laid out like source_nl/ (<kind>/<slug>.md, or en/<kind>/<slug>.md)",
        "document": "with --english: the Dutch document it translates, e.g. blog/x",
        "english": "with --document: the English Markdown file of that one document",
        "approve": "write the adopted English as approved (default: fuzzy, for review)",
        "overwrite": "replace translations the PO files already have (default: they are kept)",
        "root": ROOT_HELP,
    },
)
def adopt(
    c: Context, from_: str = "", document: str = "", english: str = "", approve: bool = False, overwrite: bool = False, root: str = "."
) -> None:
    """Bring English written before the pipeline into the PO files, aligned with its Dutch block by block."""
    from .drafts.adoption import Pair, adopt as adopt_pairs, english_pairs
    from .output.export import links_as_written, unchanged_since_export

    if (from_ and (document or english)) or bool(document) != bool(english):
        raise _exit("adopt: give --from DIR, or --document blog/x with --english FILE (in a Hugo or Jekyll site: neither)", code=1)
    site = _open(root)
    if from_ or not document:
        try:
            pairs = english_pairs(site, Path(from_).resolve() if from_ else None)
        except PipelineError as error:
            raise _exit(_line(error), code=1) from None
    else:
        path = Path(english).resolve()
        pairs = [Pair(document.removesuffix(".md").strip("/"), path, site.relative(path))]
    with _locked(site, "adopt"):
        report = adopt_pairs(
            site, pairs, approve=approve, overwrite=overwrite, built=unchanged_since_export(site), links_back=links_as_written(site),
        )
    lines = []
    for item in report.adoptions:
        lines.append(
            f"{item.document_id}: {_adopted(item.approved, item.fuzzy)}, {item.kept} kept as they were, "
            f"{item.untranslated} left untranslated (from {item.english})"
        )
        lines += [f"  {line}" for line in (*item.mismatches, *item.findings, *[item.not_kept] * bool(item.not_kept))]
        if item.replaced is False:
            lines.append(f"  {item.english}: export will not replace this file: not all of its English is in the PO files"
                         f" ({'said above' if item.not_kept or item.mismatches else 'entries kept as they were: --overwrite takes the file'})")
    totals = [sum(getattr(item, name) for item in report.adoptions) for name in ("approved", "fuzzy", "kept", "untranslated")]
    mismatches = sum(len(item.mismatches) for item in report.adoptions)
    exported = len(report.exported)
    left_alone = f"{plural(exported, 'English file')} left alone: export wrote {'it' if exported == 1 else 'them'} from the PO files"
    lines.append(
        f"adopt: nothing adopted; {left_alone}" if exported and not report.adoptions else
        f"adopt: {plural(len(report.adoptions), 'document')}: {_adopted(totals[0], totals[1])}, "
        f"{totals[2]} kept, {totals[3]} left untranslated, {mismatches} mismatch{'' if mismatches == 1 else 'es'} reported"
        + _replaced([item.replaced for item in report.adoptions]) + (f"; {left_alone}" if exported else "")
    )
    _finish(report.errors, lines)


def _replaced(replaced: list[bool | None]) -> str:
    """What export will do with the English files adopt read where it writes (a Hugo or Jekyll site's own)."""
    taken, left = replaced.count(True), replaced.count(False)
    if not taken and not left:
        return ""
    said = [f"export replaces {plural(taken, 'English file')} read once approved (the PO "
            f"{'file names it' if taken == 1 else 'files name them'}: commit {'it' if taken == 1 else 'them'})"] if taken else []
    said += [f"{plural(left, 'English file')} with English the PO files lack {'stays' if left == 1 else 'stay'} (said above)"] if left else []
    return "; " + "; ".join(said)


def _adopted(approved: int, fuzzy: int) -> str:
    return f"{plural(approved + fuzzy, 'entry')} adopted ({approved} approved, {fuzzy} needing review)"


TABLE_WIDTH = 100
"""The status table's widest line: it fits a terminal of 100 columns (a narrower terminal: its width)."""
LISTED_IN_FULL = 20
"""A site of up to this many documents is listed whole; in a bigger one, the documents whose English is
live as it is now are counted on one line (``status --all`` lists them too)."""


@task(
    auto_shortflags=False,
    help={
        "json": "print a JSON object instead of the table, every document in it (documented in README)",
        "all": f"list every document (a site of more than {LISTED_IN_FULL} counts those whose English is live on one line)",
        "format": STATUS_FORMAT_HELP,
        "root": ROOT_HELP,
    },
)
def status(c: Context, json: bool = False, all: bool = False, format: str = "text", root: str = ".") -> None:
    """Show, per document, how far the English is and whether it may be published."""
    json, format = (True, "text") if format == "json" else (json, format)  # --format json: as --json
    github = _github_format(format, json)
    from .quality.live import extract_moves, live_english, served_as_they_stand, uncommitted, unlinked_notes

    site = _open(root)
    report, pages = _assess(site)
    live = live_english(site, report)
    local = uncommitted(site, live)
    if json:
        import json as json_module

        from .jekyll_config import draft_count, drafts_note

        drafts = draft_count(site)  # the table's note, for a machine too
        found = {**report.to_json(live.documents, local), **({"drafts": {"count": drafts, "note": drafts_note(drafts, site.jekyll)}} if drafts else {})}
        print(json_module.dumps(found, indent=2, ensure_ascii=False), flush=True)
        if report.errors:  # the JSON is on stdout either way; the exit code says whether it lists problems
            raise _exit(_json_problems(report.errors), code=1)
        return
    from .output.export import unreplaceable  # the table's next steps say them, the JSON does not (its import is a
    # third of a warm status --json's instructions)
    from .jekyll_config import draft_count, drafts_note
    from .output.hugo_config import language_problem
    from .quality.links import link_warnings

    # the errors: in text below the table, above next:; in GitHub's format after it all, as annotations and on stderr
    languages = language_problem(site)  # export's own judgement of Hugo's settings: it refuses to write the English without them
    settings = _languages_step(languages, github) if site.writes_in_place else unset_step(site.config)  # Hugo and Jekyll take base_url
    merge_notes, unset = _merge_warning(site, report)  # this clone not set up: said below the table, and next: begins with setup
    standing = unreplaceable(site)
    live = served_as_they_stand(live, standing)
    table, steps = _status_table(
        report, live, every=all, unreplaceable=list(standing), local=local, settings=settings, setup=unset and not github,
        errors_said="below" if github else "above", broken=len(broken := link_warnings(site, report, dutch_page=pages and pages.dutch)),
        built_here=_built_here(site), unwritten=languages is not None, moves=extract_moves(site, report.orphans),
    )
    if github:
        from .quality.github import stop_commands

        start, end = stop_commands()  # the table quotes documents: none of it may act as a workflow command
        print("\n".join([start, *table, *steps, end]), flush=True)  # the annotations follow, each on its line
        annotated = _tell_github(site, report, live, broken)
        _finish(report.errors, [_status_said(live, annotated)], counted=False)  # the last line: the summary, as every command's
        return
    print("\n".join(table), flush=True)
    # each error in full, location first, below the table that gave it a row; next: the last line, also when a file
    # cannot be read: it says to fix that first
    from .output.redirects import alias_notes

    notes = [*filter(None, [_code_elsewhere(site.root), *merge_notes, drafts_note(draft_count(site), site.jekyll), *alias_notes(site)])]
    notes += unlinked_notes(site, live)  # an earlier English served with its links to deleted posts as text: as publish and export say it
    warning = [line for said in notes for line in _wrapped(said, min(TABLE_WIDTH, _terminal_width()))]  # as the table's notes
    from .output.link_map import unfound_tags

    warning += unfound_tags(site, report.documents)  # location first, whole: Hugo and Jekyll stop the build on them
    if languages is not None:  # as export says it: the lines to add, each on its own line
        first, *lines = _line(languages).split("\n")
        warning += [*_wrapped(first, min(TABLE_WIDTH, _terminal_width())), *lines]
    _finish(_said_in_rows(report), [*warning, *steps], counted=False, failed=bool(report.errors))


def _status_said(live: LiveSite, annotated: str) -> str:
    """Status's last line in GitHub's format, after its annotations (and its errors, each on stderr): what it found of
    the English pages and what it annotated (a CI log ended with the last error, not a summary: a trial)."""
    return f"status: English of {plural(len(live.documents), 'document')} {_live_counts(live)}; {annotated} (invoke check lists every problem on its line)"


def _json_problems(errors: Sequence[PipelineError]) -> str:
    """What ``status --json`` says on stderr when its JSON lists problems (it exits 1): one line, not each error again
    (a script reads them in the JSON; a person reading a CI log, where the JSON went to a file or a pipe, learns why
    the step failed and where to look): how many, in which files, and where each is said with what to do."""
    return f"status: {plural(len(errors), 'problem')} ({_files_named(errors)}): the JSON on stdout says each in \"problems\", with what to do"


def _languages_step(languages: PipelineError | None, github: bool) -> str | None:
    """``next:``'s step for Hugo's language settings export refuses to write without (``hugo_config.language_problem``,
    its own judgement); None where they are set, or the site is no Hugo site."""
    if languages is None:
        return None
    where = "invoke export lists the lines" if github else "the lines above"
    return f"add the languages Hugo needs to {languages.location} ({where}), so that it builds the English as the Dutch pages' translations"


def _built_here(site: Site) -> str:
    """What makes a document's English that passes in this clone into pages here, as its row says it when it is not
    committed: publish, or export into the site for its generator to build."""
    if not site.writes_in_place:
        return "invoke publish builds it here"
    return f"invoke export writes it into the site here, for {'jekyll build' if site.config.layout == 'jekyll' else 'hugo'} to build"


@task(
    auto_shortflags=False,
    help={
        "list": "list the checks: id, severity and what each looks for",
        "silenced": "also list where a translator's 'ignore:' comment silences a problem (PO file, line, checks)",
        "format": FORMAT_HELP,
        "root": ROOT_HELP,
    },
)
def check(c: Context, list: bool = False, silenced: bool = False, format: str = "text", root: str = ".") -> None:
    """Check every translation (markup, numbers, glossary, language, punctuation, msgfmt); exit 1 on an error."""
    from .catalogs.checks import CHECKS, MSGFMT_TITLE

    if list:
        for rule in CHECKS:
            print(f"{rule.id:<12} {rule.severity:<8} {rule.title}" + (f" — aspects: {rule.aspects}" if rule.aspects else ""))
        print(f"{'structure':<12} {'error':<8} A complete translation rebuilds into a page with the Dutch structure")
        print(f"{'msgfmt':<12} {'error':<8} {MSGFMT_TITLE}")
        print(
            f"check --list: {len(CHECKS) + 2} checks above. Silence one problem of an entry with a translator comment naming its id as check "
            "prints it (ignore: markup.link-order, numbers.8), or a whole check (ignore: markup); check counts what is silenced and says where "
            "(check --silenced lists every place)."
        )
        return
    from .quality.links import link_warnings

    github = _github_format(format)
    site = _open(root)
    report, pages = _assess(site)
    broken = link_warnings(site, report, dutch_page=pages and pages.dutch)  # warnings, as publish gives them: publish still succeeds, so check does
    from .output.link_map import unfound_tags
    from .plumbing import commit_hook

    unfound = unfound_tags(site, report.documents)  # errors: Hugo and Jekyll stop the whole build on them
    committed = commit_hook.committed(site.root)  # the pre-commit hook: the files of the commit being made
    unlisted = counted = 0
    if github:
        _tell_github(site, report, links=broken, unfound=unfound)  # every problem as an annotation on its line, and each broken link
    else:
        unlisted, counted = _print_problems(site, report, committed)
        if broken:
            print("\n".join(map(str, broken)), flush=True)
    if unfound and not github:  # GitHub's: annotations
        print("\n".join(unfound), flush=True)
    quiet = [document for document in report.documents if document.silenced]
    where = _silenced_where(site, quiet) if silenced or len(quiet) <= NAMED_SILENCED else []
    if silenced:
        print("\n".join(where), flush=True)
    summary = _check_summary(report, "listed above" if silenced else "; ".join(where) if 0 < len(where) <= NAMED_SILENCED else "", len(broken))
    if unfound:
        summary += f"; {plural(len(unfound), 'template link')} of the Dutch {'finds' if len(unfound) == 1 else 'find'} no page, on which the build stops (listed above)"
    if not report.msgfmt_checked:
        summary += " (msgfmt is not installed: the PO format check was skipped; apt-get install gettext)"
    from .quality.gate import BEHIND

    others = commit_hook.not_stopping(site.root, report.documents, committed)  # the pre-commit hook judges the commit being made
    errors = report.totals["errors"] - others
    summary += f"; {commit_hook.others_errors(others)}" if others else ""
    summary += f"; {plural(counted, 'warning')} of drafts to review counted by document above (invoke check lists them)" if counted else ""
    summary += f"; {plural(unlisted, 'warning')} of documents this commit does not touch not listed (invoke check lists them)" if unlisted else ""
    stopped = commit_hook.commit_stopped() if report.errors or errors else None  # the pre-commit hook's failure
    behind = [f"{document.catalog or document.source}: warning: {reason}" for document in report.documents  # checked on old Dutch
              for reason in document.reasons if reason.startswith(BEHIND)]
    from .output.redirects import alias_notes

    _finish(report.errors, [*behind, *_merge_warning(site, report)[0], *alias_notes(site), summary, *filter(None, [stopped])], counted=False)  # the summary counts the unread
    if errors or unfound:
        raise _exit(code=1)


def _print_problems(site: Site, report: SiteStatus, committed: frozenset[str] | None = None) -> tuple[int, int]:
    """Every problem, location first, with the Dutch it is about, grouped by document, in the PO file's order (msgfmt's
    at their entries among the others), then those of the Dutch document; where the pre-commit hook runs check
    (``committed``: the files of the commit being made), not the warnings of a document the commit does not touch
    (an author's commit of pipeline.yaml listed every warning of the site: a trial), and those of the drafts a
    document it touches has to review counted in one line per document (``commit_hook.on_drafts``). Returns how
    many warnings it left out, and how many it counted so."""
    from .plumbing.commit_hook import drafts_warned, on_drafts

    unlisted = counted = 0
    for document in report.documents:
        problems, drafted, entries = document.problems, (), 0
        if committed is not None and not committed & {document.source, document.catalog}:
            problems = tuple(problem for problem in problems if problem.severity == "error")
            unlisted += len(document.problems) - len(problems)
        elif committed is not None:
            drafted, entries = on_drafts(site.root, document)
            problems = tuple(problem for problem in problems if problem not in drafted)
            counted += len(drafted)
        if problems:
            print(f"{document.catalog or document.source}")
            for problem in sorted(problems, key=lambda problem: (problem.location is not None, problem.line)):
                print(f"{problem.location or document.catalog}:{problem.line}: {problem.severity}: {problem.check}: {problem.message}")
                if problem.source:
                    print(f"    nl: {_excerpt(problem.source)}")
        if drafted:
            to_review = document.counts.get("draft", 0) + document.counts.get("outdated", 0)
            print(drafts_warned(document.catalog or document.source or document.document_id, to_review, entries, len(drafted)))
        if problems or drafted:
            print()
    return unlisted, counted


def _github_format(format: str, json: bool | None = None) -> bool:
    """Whether ``--format`` asks for GitHub Actions' output; refuse a format there is none of (``json``: None for check,
    which has no JSON; status's ``--json``, which its ``--format json`` has set)."""
    from .quality.github import FORMATS

    if format == "json" and json is None:
        raise _exit(f"--format: 'json' is not a format of check — use {' or '.join(FORMATS)} (invoke status --json prints JSON)", code=1)
    if format not in FORMATS:
        named = FORMATS if json is None else (FORMATS[0], "json", *FORMATS[1:])
        raise _exit(f"--format: {format!r} is not a format — use {', '.join(named[:-1])} or {named[-1]}", code=1)
    if json and format == "github":
        raise _exit("--json and --format github are two outputs for the same stdout — choose one", code=1)
    return format == "github"


def _tell_github(
    site: Site, report: SiteStatus, live: LiveSite | None = None, links: Sequence[LinkWarning] = (), unfound: Sequence[str] | None = None,
) -> str:
    """The annotations on stdout (GitHub reads them there; ``links``: the links that lead to no page, warnings; the
    Dutch's template links that find no page, errors, and the notes of renamed pages' old addresses, which plain status
    says below its table: CI's status step had left them out, a trial; ``unfound``: those, where the caller found them
    already), and the summary when GitHub gave a file for it. Returns how many annotations of each kind, in words."""
    import os

    from .output.link_map import unfound_tags
    from .output.redirects import alias_notes
    from .quality.github import annotations, append_summary, located, shown, summary, told

    unfound = unfound_tags(site, report.documents) if unfound is None else unfound
    found = [*annotations(site, report, links), *located(site, unfound, "error", "the build stops on it"),
             *located(site, alias_notes(site), "notice", "old address")]
    for annotation in shown(found):  # errors first, and a note where GitHub would drop some without a word
        print(annotation, flush=True)
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        if live is None:
            from .quality.live import live_english

            live = live_english(site, report)
        from .output.link_map import site_address

        append_summary(path, summary(site, report, live.documents, live.note, links, site_address(site)))
    return told(found)


NAMED_SILENCED = 3
"""Up to this many places where a check is silenced are named in check's last line; more are counted,
and ``check --silenced`` lists them."""


def _check_summary(report: SiteStatus, where: str = "", broken: int = 0) -> str:
    """What check found, in words: 'no problems in 5 documents', '1 error, 2 warnings in 1 of 5 documents', how many
    documents could not be read (not counted as checked: check fails on them), how many links lead to no page
    (``broken``: warnings, as publish says them), and how many problems are silenced: ``where`` (the places, or 'listed
    above'), else how to list them."""
    from .jekyll_config import JEKYLL_CONFIG, PublishesOwnFiles

    links = f"; {leading_nowhere(broken)} (above)" if broken else ""
    own = [error for error in report.errors if isinstance(error, PublishesOwnFiles)]  # no document that could not be read
    said = _translations_checked(replace(report, errors=tuple(error for error in report.errors if error not in own)), where) + links
    if not own:
        return said
    return said.replace("check: failed: ", "check: ", 1).replace("check: ", f"check: failed: {JEKYLL_CONFIG}: jekyll build would publish publish_pipeline's files (above); ", 1)


def _translations_checked(report: SiteStatus, where: str) -> str:
    """What check found in the translations and the PO files, in words (``_check_summary``): where a file cannot be
    read, first that check failed on it, and which (``_unread_files``), then what it found in the other documents."""
    checked = sum(document.catalog_error is None for document in report.documents)  # a PO file that cannot be read is not checked
    failed = f"check: failed: {_unread_files(report.errors)} (above, with what to do); " if report.errors else "check: "
    others = "other " if report.errors else ""
    if not checked:
        return f"{failed}no {others}documents to check"
    found = sum(1 for d in report.documents if d.problems)
    count = sum(d.silenced for d in report.documents)
    silenced = f" ({count} silenced: {where or 'check --silenced lists where'})" if count else ""
    if not found:
        return f"{failed}no problems in {'the ' if others else ''}{plural(checked, others + 'document')}{silenced}"
    totals = report.totals
    counted = f"{plural(totals['errors'], 'error')}, {plural(totals['warnings'], 'warning')}"
    if not others:
        return f"{failed}{counted} in {found} of {plural(checked, 'document')}{silenced}"
    return f"{failed}{counted} in {'' if found == checked else f'{found} of '}the {plural(checked, 'other document')}{silenced}"


def _unread_files(errors: Sequence[PipelineError]) -> str:
    """The files check could not read, named (three at most, then how many more): 'translations/en/blog/a.po cannot
    be read', 'source_nl/blog/a.md and 2 more files cannot be read'."""
    return f"{_files_named(errors)} cannot be read"


def _files_named(errors: Sequence[PipelineError]) -> str:
    """The files of ``errors``, named (three at most, then how many more): 'source_nl/blog/a.md and 2 more files'."""
    files = list(dict.fromkeys(error.location for error in errors))
    return ", ".join(files[:NAMED_UNREAD]) + (f" and {plural(len(files) - NAMED_UNREAD, 'more file')}" if len(files) > NAMED_UNREAD else "")


NAMED_UNREAD = 3
"""Up to this many files check could not read are named in its last line; more are counted."""


def _silenced_where(site: Site, documents: Sequence[DocumentStatus]) -> list[str]:
    """Each entry of these documents whose translator comment silences checks, as
    ``translations/en/blog/x.po:34: ignore: markup.link-order``: its PO file and line, and the checks."""
    from .catalogs.catalog import read_catalog

    where = []
    for document in documents:
        if document.catalog is None:
            continue
        try:
            catalog = read_catalog(site.root / document.catalog, document.catalog)
        except PipelineError:
            continue  # it was read a moment ago; if it cannot be now, check's next run says why
        where += [f"{document.catalog}:{t.line}: ignore: {', '.join(sorted(t.ignored_checks))}" for t in catalog.translations if t.ignored_checks]
    return where


@task(
    auto_shortflags=False,
    help={
        "out": "the HTML file to write (default: build/review/index.html in the site)",
        "serve": "instead, open the workspace (as invoke workspace): review, edit and approve in the browser, saved straight to the PO files",
        "port": "with --serve: the port on 127.0.0.1 (default 8001)",
        "root": ROOT_HELP,
    },
)
def review(c: Context, out: str = "", serve: bool = False, port: str = "8001", root: str = ".") -> None:
    """Write the review page: Dutch and English side by side, states, problems, progress (--serve: edit them live)."""
    from .output.link_map import GeneratorPages
    from .quality.review import write_review

    site = _open(root)
    if serve:
        _workspace(site, _port(port))
        return
    try:
        target = locate(site, out, "build/review/index.html")
        pages = GeneratorPages.of(site)
        report = write_review(site, target, english_address=pages and pages.english_address)
    except PipelineError as error:
        raise _exit(_line(error), code=1) from None
    _finish(report.errors, [_review_summary(site.relative(target), report.totals)])


def _review_summary(where: str, totals: Mapping[str, int]) -> str:
    """Review's last line: the page, and every entry it shows by state (untranslated ones too), and the check errors."""
    entries = sum(totals[state] for state in ("approved", "draft", "outdated", "untranslated"))
    return (
        f"review: {where} ({plural(entries, 'entry')}: {totals['approved']} approved, {totals['draft'] + totals['outdated']} needing review, "
        f"{totals['untranslated']} untranslated; {plural(totals['errors'], 'check error')})"
    )


@task(
    auto_shortflags=False,
    help={
        "export": "write the glossary to a .csv or .tbx (TBX-Basic) file",
        "import": "merge the terms of a .csv or .tbx file into translations/glossary.yaml (comments stay)",
        "root": ROOT_HELP,
    },
)
def glossary(c: Context, export: str = "", import_: str = "", root: str = ".") -> None:
    """Show the glossary, or exchange it with terminology tools as CSV or TBX (--export, --import)."""
    from .catalogs.glossary import GLOSSARY_FILE, load_glossary
    from .catalogs.terminology import export_glossary, import_glossary

    if export and import_:
        raise _exit("glossary: give --export or --import, not both", code=1)
    site = _open(root)
    try:
        if import_:
            with _locked(site, "glossary"):
                merge = import_glossary(site.root, Path(import_).resolve(), import_)
            lines = [f"glossary: {len(merge.added)} added, {len(merge.changed)} given more translations, {len(merge.unchanged)} already there ({GLOSSARY_FILE})"]
        elif export:
            terms = load_glossary(site.root)
            export_glossary(terms, Path(export).resolve(), export)
            lines = [f"glossary: {plural(len(terms.terms), 'term')} and {plural(len(terms.keep), 'kept term')} written to {export}"]
        else:
            terms = load_glossary(site.root)
            listed = _glossary_lines(terms)  # then the last line: how many, and where (a list ended with its last term)
            lines = [*listed, f"glossary: {plural(len(terms.terms), 'term')} and {plural(len(terms.keep), 'kept term')} in {GLOSSARY_FILE}"] if listed else [
                _no_glossary((site.root / GLOSSARY_FILE).exists())]
    except PipelineError as error:
        raise _exit(_line(error), code=1) from None
    _finish([], lines)


def _no_glossary(exists: bool) -> str:
    """What ``glossary`` says of a site without terms: that it has none, and how to start."""
    from .catalogs.glossary import GLOSSARY_FILE

    said = f"{GLOSSARY_FILE} has no terms" if exists else f"there is no {GLOSSARY_FILE} yet"
    return (
        f"glossary: {said} — {'write' if exists else 'start it with'} a term a line under 'terms:' (e.g. 'veranderopgave: "
        "change challenge') and names that stay Dutch under 'keep:', or take a list in: invoke glossary --import FILE.csv (or .tbx)"
    )


def _glossary_lines(glossary: Glossary) -> list[str]:
    """One line a term: 'krachtenveld → force field (also: …) (never: …)  # note', then the terms that stay Dutch."""
    lines = []
    for dutch, term in glossary.terms.items():
        also = f" (also: {', '.join(term.variants)})" if term.variants else ""
        never = f" (never: {', '.join(term.forbidden)})" if term.forbidden else ""
        lines.append(f"{dutch} → {term.english}{also}{never}" + (f"  # {term.note}" if term.note else ""))
    return lines + [f"{kept} (stays Dutch)" for kept in glossary.keep]


def _assess(site: Site) -> tuple[SiteStatus, GeneratorPages | None]:
    """The site's verdicts as status and check say them: English URLs where a Hugo or Jekyll site serves them; and
    where its generator serves its pages (None on publish's own site), which tells check where a link is."""
    from .jekyll_config import published_own, published_problem
    from .output.link_map import GeneratorPages
    from .quality.status import assess_site

    pages = GeneratorPages.of(site)
    try:
        with _phases() as progress:
            report = assess_site(site, reuse=True, detail=False, progress=progress, english_address=pages and pages.english_address)
    except PipelineError as error:
        raise _exit(_line(error), code=1) from None
    published = published_own(site)  # jekyll build would publish the PO files: an error, as export's
    if published:
        report = replace(report, errors=(published_problem(site, published), *report.errors))
    return (report if pages is None else pages.served_at(report)), pages


def _excerpt(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= 100 else text[:97] + "..."


_NUMBERS = ("approved", "needs review", "untranslated", "words")


def _status_table(
    report: SiteStatus, live: LiveSite, every: bool = False, unreplaceable: Sequence[str] = (), local: frozenset[str] = frozenset(),
    settings: str | None = None, errors_said: str = "above", broken: int = 0, setup: bool = False, built_here: str = "invoke publish builds it here",
    unwritten: bool = False, moves: Sequence[tuple[str, str]] = (),
) -> tuple[list[str], list[str]]:
    """The status table's lines, and its ``next:`` line (wrapped; none when there is nothing to do): the documents
    that need someone, a row each with why below it (a document that cannot be read too, with what is wrong); the
    others counted on one line when the site is big; totals; then the orphans and the note. Plain text, within
    ``TABLE_WIDTH``. ``local``: the documents live only once committed (``live.uncommitted``); ``settings``: the step that
    sets what the site leaves at a placeholder (``config.unset_step``); ``errors_said``: where the output says what cannot
    be read, ``above`` or ``below`` the ``next:`` line; ``broken``: how many links of the Dutch pages lead to no page;
    ``setup``: this clone has not run ``setup`` (``merge_setup.line_merged`` warns of it); ``built_here``: what makes pages of
    an English that passes here (``_built_here``), said of one not committed; ``unwritten``: export writes no English at all
    (Hugo's languages are not set), so the live count says that none of it reaches the site yet; ``moves``: the orphaned PO
    files extract moves itself, each with its new name (``live.extract_moves``)."""
    from .jekyll_config import JEKYLL_CONFIG, PublishesOwnFiles
    from .quality.gate import RUN_EXTRACT, next_step
    from .quality.live import CURRENT, UNCOMMITTED, drafted

    width = min(TABLE_WIDTH, _terminal_width())
    rows = report.rows
    shown = [
        document for document in rows
        if every or len(rows) <= LISTED_IN_FULL or live.documents[document.document_id].state != CURRENT or document.document_id in local
    ]
    column = max(12, width - sum(len(name) + 2 for name in _NUMBERS) - 2 - len("update waits"))
    names = [_fit(document.document_id, column) for document in shown]
    column = min(column, max([len("document"), *map(len, names)]))
    lines = [_status_row("document", _NUMBERS, "English", column)]
    for document, name in zip(shown, names):
        state = live.documents[document.document_id]
        read = document.counts and document.catalog_error is None  # else nothing was read to count: its Dutch, or its PO file
        numbers = _numbers(document.counts, document.words_to_review) if read else ["–"] * len(_NUMBERS)
        if document.document_id in local:  # as it is here it passes; CI publishes the commits
            lines.append(_status_row(name, numbers, UNCOMMITTED, column))
            lines += _wrapped(f"{PASSES_HERE}: {built_here}; {PUBLISHED_ONCE_COMMITTED} (its Dutch or PO file differs from the last commit)", width, "    ")
            continue
        lines.append(_status_row(name, numbers, _painted(state.state), column))
        lines += _wrapped(_row_why(document, state) or (state.state == CURRENT and document.page_note) or "", width, "    ")
        if drafted(document) and any(document.counts.get(state, 0) for state in ("draft", "outdated", "untranslated")):
            lines += _wrapped(f"not published yet: draft leaves it and next: counts none of it (invoke draft --documents {document.document_id} drafts it)", width, "    ")
        if document.by_hand:  # of its untranslated entries: draft leaves them, she emptied their drafts
            lines += _wrapped(f"{plural(document.by_hand, 'entry')} to translate by hand: {'its' if document.by_hand == 1 else 'their'} draft was emptied", width, "    ")
    unlisted = len(rows) - len(shown)
    if unlisted:
        counted = plural(unlisted, "more document" if shown else "document")
        lines += _wrapped(f"{counted}: every entry approved, English live (status --all lists them)", width)
    totals = report.totals
    lines.append(_status_row("total", _numbers(totals, totals["words_to_review"]), "", column).rstrip())
    nowhere = " — but export writes none of it until Hugo's languages are set (below)" if unwritten else ""
    lines += _wrapped(f"English of {plural(len(live.documents), 'document')} {_live_counts(live, local)}{nowhere}", width)  # the unreadable too
    for orphan in report.orphans:
        lines += _wrapped(f"{orphan}: orphaned: {orphaned()}", width)
    if broken:
        lines += _wrapped(f"links: {leading_nowhere(broken)} — invoke check lists {'it' if broken == 1 else 'them'} on their lines", width)
    if live.note:
        lines += _wrapped(f"note: {live.note}", width)
    behind = [d for d in report.documents if d.reasons and any(next_step(reason)[1] == RUN_EXTRACT for reason in d.reasons)]  # a list: one call
    steps = _next_steps(
        report.to_do, len({error.location for error in report.errors if not isinstance(error, PublishesOwnFiles)}), len(report.orphans) - len(moves), unreplaceable,
        len(local), settings, errors_said, setup, len(behind) - len(moves), moves,  # extract's move brings its document up to date
    )
    if any(isinstance(error, PublishesOwnFiles) for error in report.errors):  # before all: the site would publish them as it is
        steps.insert(0, f"leave publish_pipeline's files out of jekyll build in {JEKYLL_CONFIG} (said {errors_said}, with the lines to add)")
    return lines, _wrapped(f"next: {'; '.join(steps)}", width) if steps else []


def _row_why(document: DocumentStatus, state: Live) -> str:
    """The lines below a row: why its English is not live, and which is; for a document that cannot be read, the whole
    error in place of its reason, location first, what is wrong and what to do (said there only: ``_said_in_rows``)."""
    from .quality.status import cannot_read

    error = document.catalog_error
    if error is None:
        return state.why
    return replace(state, reasons=tuple(_line(error) if reason.endswith(cannot_read("", error)) else reason for reason in state.reasons)).why


def _said_in_rows(report: SiteStatus) -> list[PipelineError]:
    """The errors the status table does not say in a row of its own (``_row_why``), to say after it: a document's
    error is said once, where she reads of the document."""
    rows = {id(document.catalog_error) for document in report.rows if document.catalog_error is not None}
    return [error for error in report.errors if id(error) not in rows]


def _next_steps(
    totals: Mapping[str, int], unreadable: int = 0, orphans: int = 0, unreplaceable: Sequence[str] = (), uncommitted: int = 0,
    settings: str | None = None, errors_said: str = "above", setup: bool = False, unextracted: int = 0, moves: Sequence[tuple[str, str]] = (),
) -> list[str]:
    """What would move the site on, from the totals: first ``setup`` where this clone has not run it (before the next
    pull merges PO files line by line), then the files that cannot be read and the orphaned PO
    files, the English files export may not replace, extract for the ``unextracted`` documents (no PO file, or one behind
    its Dutch), then drafts for the untranslated entries, review for the fuzzy ones, the errors where check shows
    them, the ``settings`` to set before the site is published, and last the approvals to commit (a plain site with nothing to do has no next step).
    ``errors_said``: where the output says what cannot be read, ``above`` or ``below``. ``moves``: the orphaned PO files
    extract moves itself (git saw their document renamed; not counted in ``orphans``), each with its new name."""
    steps = [SETUP_STEP] if setup else []
    if unreadable:
        steps.append(f"fix the {plural(unreadable, 'file')} that cannot be read (each said {errors_said}, with what to do)")
    if moves:
        steps.append(f"run invoke extract (it moves {', '.join(f'{old} to {new}' for old, new in moves)})")
    if orphans:
        steps.append(f"rename or delete the {plural(orphans, 'orphaned PO file')} (above)")
    if unreplaceable:
        shown = ", ".join(unreplaceable[:3]) + (", …" if len(unreplaceable) > 3 else "")
        steps.append(f"export will not replace {plural(len(unreplaceable), 'English file')} it did not write ({shown}): "
                     "English export built in a clone and committed (moved with a renamed folder) leaves git by git rm --cached and a "
                     "commit; English written by hand: invoke adopt takes it into the PO files or says what it cannot take; or move them away")
    if unextracted:
        steps.append(f"invoke extract brings the PO {'file' if unextracted == 1 else 'files'} of {plural(unextracted, 'document')} up to date with the Dutch")
    if totals["untranslated"]:
        steps.append(f"invoke draft gives the {plural(totals['untranslated'], 'untranslated entry')} a draft to review")
    if review := totals["draft"] + totals["outdated"]:
        steps.append(f"invoke workspace (or Poedit) to review the {plural(review, 'entry')} that {'needs' if review == 1 else 'need'} it")
    if by_hand := totals.get("by_hand", 0):
        steps.append(f"translate by hand the {plural(by_hand, 'entry')} whose draft was emptied (invoke workspace, or Poedit)")
    if totals["errors"]:
        steps.append(f"invoke check shows the {plural(totals['errors'], 'error')} on {'its line' if totals['errors'] == 1 else 'their lines'}")
    if settings:
        steps.append(settings)
    if uncommitted:
        steps.append(f"commit and push the {plural(uncommitted, 'document')} whose English passes only in this clone (CI publishes what is committed)")
    return steps


SETUP_STEP = "invoke setup, once in this clone (the warning above says why)"

PASSES_HERE, PUBLISHED_ONCE_COMMITTED = "its English passes in this clone", "the published site has it once committed and pushed"
"""What the row of a document whose English passes only as this clone has it says: true on a site publish builds and on
one export writes into (its pages here are built of it; CI builds, and publishes, commits)."""
"""``next:``'s first step in a clone that has not run ``setup``: the warning below the table says what it risks."""


def _status_row(name: str, numbers: Sequence[str], english: str, column: int) -> str:
    """One line of the table: the document, each number right-aligned under its heading, the English."""
    cells = "".join(f"  {number:>{len(heading)}}" for number, heading in zip(numbers, _NUMBERS))
    return f"{name:<{column}}{cells}  {english}"


def _numbers(counts: Mapping[str, int], words: int) -> list[str]:
    """The table's numbers: approved, needing review (drafts and outdated entries: fuzzy), untranslated, words."""
    return [str(counts["approved"]), str(counts["draft"] + counts["outdated"]), str(counts["untranslated"]), str(words)]


def _fit(text: str, width: int) -> str:
    """``text`` within ``width`` characters: a long document id loses its middle, so kind and end stay readable."""
    if len(text) <= width:
        return text
    head = (width - 1) // 2
    return f"{text[:head]}…{text[len(text) - (width - 1 - head):]}"


def _wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` (a longer word aside), the lines after the first indented: the
    reasons under a row (``indent`` them all), a note."""
    import textwrap

    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent="    ", break_on_hyphens=False, break_long_words=False)


def _terminal_width() -> int:
    """``COLUMNS`` when set (also into a pipe: ``COLUMNS=72 invoke status | less``), else the
    terminal's width, else ``TABLE_WIDTH`` (a file, a pipe, CI's log)."""
    import shutil

    return shutil.get_terminal_size((TABLE_WIDTH, 24)).columns


def _painted(state: str) -> str:
    """A live state's word, coloured on a terminal (green live, yellow update waits, red held back) unless NO_COLOR is set."""
    import os

    word = LIVE_WORDS[state]
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        return word
    colour = {"current": 32, "older": 33, "held": 31}[state]
    return f"\x1b[{colour}m{word}\x1b[0m"


def _live_counts(live: LiveSite, local: frozenset[str] = frozenset()) -> str:
    """How many documents' English the site shows (``wording.live_counts``: and of those, how many only once committed,
    ``local``, and how many at an earlier version while the update waits), and how many are held back:
    ``— live: 990 (2 of them only in this clone until committed and pushed; 3 at an earlier version, update waits), held back: 7``."""
    return f"— {live.counts(local)}"


def _live_lines(site: Site, live: LiveSite, served: frozenset[str], orphans: Sequence[str]) -> list[str]:
    """What publish says of the English beyond the counts in its last line: what a problem above costs (a page
    not served, Dutch from an earlier version) and the documents gone (one git saw renamed keeps its English under
    its new name, from its version approved under the old one: its pages are not off the site). Which pages wait or
    are held back, and why, is the same every run until someone acts: ``status`` lists them, publish only counts them."""
    from .quality.live import HELD, renames

    lines = [f"note: {live.note}"] if live.note else []
    for document in live.documents.values():
        if document.dutch_commit:
            lines.append(f"{document.document_id}: Dutch live from the version of {document.dutch_commit[:10]} while the current one cannot be read")
        if document.document_id not in served and document.state != HELD:
            lines.append(f"{document.document_id}: English not served (see the problem above)")
    moved = renames(site) if orphans else {}
    return lines + [
        f"{orphan}: {orphaned('' if site.catalog_document_id(site.root / orphan) in moved else ', so its pages are off the site')}" for orphan in orphans
    ]


def _english_said(live: LiveSite) -> str:
    """The end of publish's last line: the English pages by state, and where to see which wait and why."""
    from .quality.live import CURRENT

    waiting = any(document.state != CURRENT for document in live.documents.values())
    return f"English {_live_counts(live)}" + (" (status says which and why)" if waiting else "")


NAMED_WAITING = 3
"""Up to this many documents whose English is not live as it is now are named when publish changed nothing."""


def _nothing_changed(live: LiveSite, untranslated: frozenset[str]) -> str:
    """What publish did when it kept the output as it was: nothing changed on the site. A translator who just edited
    the PO file of a document whose English waits or is held back finds there why: it shows once it is live. Of a
    document with no translation yet (``untranslated``), or one the author marked ``draft: true``, that would not be
    true: each is said as it is."""
    from .quality.live import CURRENT, HELD, drafted

    waiting = {document_id: document for document_id, document in live.documents.items() if document.state != CURRENT}
    if not waiting:
        return NOTHING_CHANGED
    drafted_ids = [document_id for document_id, document in waiting.items() if drafted(document)]
    bare = [document_id for document_id, document in waiting.items() if document.state == HELD and document_id in untranslated and document_id not in drafted_ids]
    edited = [document_id for document_id in waiting if document_id not in drafted_ids and document_id not in bare]
    named = len(waiting) <= NAMED_WAITING

    def names(ids: list[str]) -> str:
        return ", ".join(ids) if named else plural(len(ids), "document")

    said = [
        (edited, f"the English of {names(edited)} waits, status says why: a PO edit of {'it' if len(edited) == 1 else 'one'} shows once it passes"),
        (bare, f"{names(bare)} {'has' if len(bare) == 1 else 'have'} no translation yet"),
        (drafted_ids, f"{names(drafted_ids)} {'is' if len(drafted_ids) == 1 else 'are'} marked 'draft: true', off the site until the author takes that out"),
    ]
    return f"{NOTHING_CHANGED} ({', and '.join(text for ids, text in said if ids)})"  # no ';': it parts the line


@task(auto_shortflags=False, help={"out": "the folder to build into (default: public/ in the site)", "root": ROOT_HELP})
def publish(c: Context, out: str = "", root: str = ".") -> None:
    """Build the site: Dutch at /, every approved English page under /en/, feeds, sitemap."""
    from .plumbing.freshness import answer

    if not out and answer("publish", root):
        return  # nothing changed since the last clean publish
    from .output.publishing import TEMPLATES
    from .plumbing.freshness import SITE, reading

    reads = [SITE, str(TEMPLATES)]  # the whole site (its output too) and the package's templates
    before = None if out else reading(Path(root).resolve(), reads)  # before the settings are read: see _publish
    site = _open(root)
    _refuse_generator_site(site, "publish")
    _publish(site, out, (reads, before) if before else None)


def _refuse_generator_site(site: Site, command: str) -> None:
    """Refuse to build publish_pipeline's own site of a Hugo or Jekyll site: it serves nobody there (other addresses
    than the generator's, its shortcodes and Liquid shown as text, its settings and theme unused, in the folder Hugo
    builds into), and deployed by CI it would replace the real site; export and the generator build that one."""
    if not site.writes_in_place:
        return
    generator = "jekyll build" if site.config.layout == "jekyll" else "hugo server" if command == "serve" else "hugo"
    raise _exit(
        f"{command}: {CONFIG_FILE} says layout: {site.config.layout}, a site {generator.split()[0].capitalize()} builds; {command} "
        f"builds publish_pipeline's own plain site, not that one — run invoke export (the approved English into the site's "
        f"content), then {generator}",
        code=1,
    )


def _publish(site: Site, out: str, recording: tuple[list[str], dict[str, list[Any]]] | None = None, *, serving: bool = False) -> Path:
    """Publish, and say what was done; ``recording``: what the site held before anything was read (``freshness.reading``
    of these folders), to record for the quick answer when the publish succeeded and nothing it read changed meanwhile.
    ``serving``: ``serve`` publishes, to serve what it built (publish alone says how to look at it, once)."""
    from .output.publishing import publish as publish_site
    from .plumbing import freshness
    from .quality.live import departures
    from .plumbing.outputs import MARKER

    started = time.perf_counter()
    try:
        with _locked(site, "publish"), _phases() as progress:
            target = locate(site, out, "public")
            first = not out and not (target / MARKER).exists()
            report = publish_site(site, target, progress=progress)
    except PipelineError as error:
        raise _exit(_line(error), code=1) from None
    seconds = time.perf_counter() - started
    notes = [*filter(None, [unset_warning(site.config)]), *([f"note: {report.redirect_note}"] if report.redirect_note else []), *report.warnings, *_live_lines(site, report.live, report.served, report.orphans)]
    documents = next(iter(report.pages.values()))  # every document has its Dutch page
    nothing_changed = _nothing_changed(report.live, report.untranslated)  # also what the next plain publish says
    done = (
        nothing_changed if report.kept and not report.errors
        else "no document's pages rendered again" if not report.rendered  # a document that failed did change
        else "rendered every page it could" if report.rendered >= documents and report.errors  # not "every document": one failed
        else "every document rendered" if report.rendered >= documents
        else f"{plural(report.rendered, 'document')} rendered{_why_rendered(report.why)}, the others' pages unchanged"
    )
    withdrawn = [
        *departures(site, report.live, report.gone),
        *(f"{document}: its English page is off the site from now on: {report.live.documents[document].why or 'see the problem above'}" for document in report.withdrawn),
    ]
    summary = _publish_summary(site.relative(target), report, done, f"{seconds:.2f}")
    _finish(report.errors, [*notes, *withdrawn, summary + (SERVE_HINT if first and not serving and sys.stdout.isatty() else "")])
    if recording:  # the next plain publish, with nothing to do, says this
        said = [*notes, _publish_summary(site.relative(target), report, nothing_changed, freshness.SECONDS)]
        freshness.record(site.root, "publish", recording[0], said, before=recording[1], output=site.relative(target), written=_written(site, report))
    return target


def _written(site: Site, report: PublishReport) -> dict[str, list[int]]:
    """Each file of the output as publish wrote it (site-relative), and its marker as it is."""
    from .output.manifest import file_state
    from .plumbing.outputs import MARKER

    where = site.relative(report.out)
    written = {f"{where}/{file}": list(state) for file, state in report.files.items()}
    return {**written, f"{where}/{MARKER}": list(file_state(report.out / MARKER) or ())}


SERVE_HINT = "; invoke serve shows it (opened as a file, its pages lose their styles and links, which start at the site's root)"
"""Said after the first publish into public/, to a person at a terminal (a CI log has no one to read it): the pages'
links start at the site's root (/style.css, /en/…), which a browser reading public/index.html from the disk takes for
the disk's root."""

NOTHING_CHANGED = "nothing changed on the site since the last publish"
"""What publish says when it kept the output as it was: true of the site, whatever changed in the files."""


def _publish_summary(where: str, report: PublishReport, done: str, seconds: str) -> str:
    """Publish's last line: the pages in each language and ``where``, what was done in how many seconds, and the English by state."""
    pages = " + ".join(f"{count} {language}" for language, count in report.pages.items())
    redirects = f"; {plural(report.redirects, 'redirect')} from former addresses" if report.redirects else ""
    return f"publish: {pages} pages in {where}/; {done} ({seconds} s); {_english_said(report.live)}{redirects}"


def _why_rendered(why: dict[str, int]) -> str:
    """Why documents were rendered again when not only because they changed, e.g. " (1 changed, 17 link to or list
    a changed page)": more documents rendered than edited needs saying (see manifest.Manifest.why)."""
    said = {"changed": "{} changed", "linking": "{} link to or list a changed page", "edited": "{} changed in the output"}
    if set(why) <= {"changed"}:
        return ""
    return " (" + ", ".join(said[reason].format(why[reason]) for reason in said if why.get(reason)) + ")"


@task(auto_shortflags=False, help={"port": "the port on 127.0.0.1 (default 8000)", "root": ROOT_HELP})
def serve(c: Context, port: str = "8000", root: str = ".") -> None:
    """Build the site, then serve public/ on 127.0.0.1 for a preview (Ctrl-C stops)."""
    from .output.preview import address, preview_server

    number = _port(port)
    site = _open(root)
    _refuse_generator_site(site, "serve")
    with preview_server(site.root / "public", site.config.base_url, number) as server:  # a busy port is refused before the build
        _publish(site, "", serving=True)
        print(f"serving {site.relative(site.root / 'public')}/ at {address(server, site.config.base_url)} (Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def _port(value: str) -> int:
    """``--port`` as a number: a port is a whole number (Invoke's own conversion would end in a traceback)."""
    if not value.isdigit():
        raise _exit(f"--port: {value!r} is not a port number — use a whole number from 1 to 65535, e.g. --port 8000", code=1)
    return int(value)


WORKSPACE_HELP = {"port": "the port on 127.0.0.1 (default 8001)", "root": ROOT_HELP}


@task(auto_shortflags=False, help=WORKSPACE_HELP)
def workspace(c: Context, port: str = "8001", root: str = ".") -> None:
    """Open the translator's workspace in the browser: review, edit and approve, saved to the PO files."""
    number = _port(port)
    _workspace(_open(root), number, "workspace")


def _workspace(site: Site, port: int, command: str = "review") -> None:
    """Serve the translator's workspace until Ctrl-C; the address holds the token that lets her in. ``command``: the
    task that serves it (``workspace``, or ``review --serve``), which begins each line it says."""
    from .workspace.app import server

    workspace, listener, address = server(site, port)
    print(f"{command}: the workspace for {site.config.site_name} is at {address} (Ctrl-C stops)", flush=True)
    try:
        workspace.run(sockets=[listener])
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
    print(f"{command}: workspace stopped", flush=True)
    # Every request is answered (a save too). What may still run is the list being judged, for no one now: Python
    # would wait at exit for its msgfmt batch (up to a second). Its writes, like every save's, replace files whole;
    # its workers, killed as the server stopped, are reaped first (no process is left behind).
    import multiprocessing

    for worker in multiprocessing.active_children():
        worker.join(5)
    sys.stderr.flush()
    os._exit(0)


def __getattr__(name: str) -> Any:
    if name == "ns":  # what Invoke looks for (the site's tasks.py, ``__main__``): made on first use, as Invoke loads then
        return _namespace()
    raise AttributeError(name)


@functools.cache
def _namespace() -> Collection:
    """Invoke's collection of the tasks."""
    from invoke import Collection
    from invoke import task as invoke_task

    commands = (extract, draft, adopt, status, check, review, workspace, export, publish, serve, glossary, setup, merge_po)
    return Collection(*(invoke_task(**TASKS[function])(function) for function in commands))


def _open(root: str) -> Site:
    try:
        return Site.open(root)
    except PipelineError as error:
        raise _exit(_line(error), code=1) from None


@contextmanager
def _locked(site: Site, command: str, skip: bool = False) -> Iterator[None]:
    """Hold the site's lock while a command writes; a second one stops with a clear line."""
    if skip:
        yield
        return
    try:
        with site_lock(site, command):
            yield
    except PipelineError as error:
        raise _exit(_line(error), code=1) from None


def _line(error: PipelineError) -> str:
    return f"{error.message} — {error.hint}" if error.hint else error.message


def _finish(errors: Sequence[PipelineError], lines: Sequence[str], counted: bool = True, failed: bool = False) -> None:
    """Print the problems (stderr), then what was done (stdout), and exit 1 if anything failed. The last line is the
    command's one summary: it says how many documents could not be processed (``_held_back`` folded into it), unless
    it counts them itself (not ``counted``: extract's, check's, status's ``next:``). What was printed before goes
    out before the problems, so that a log of both (``2>&1``) keeps the order, the summary last."""
    sys.stdout.flush()
    for error in errors:
        print(_line(error), file=sys.stderr, flush=True)
    if errors and counted and lines:
        lines = [*lines[:-1], f"{lines[-1]}; {_held_back(len(errors))}"]
    for line in lines:
        print(line, flush=True)
    if errors or failed:
        raise _exit(code=1)


def _code_elsewhere(root: Path) -> str | None:
    """The warning of a clone of publish_pipeline whose own code is not the code that runs: a virtual environment's
    editable install (``pip install -e .``) imports the ``src/`` of the clone it was made in, whichever clone ``invoke``
    runs in (the translator's clone beside the author's, one venv for both). None in a site that holds no
    ``src/publish_pipeline`` of its own (it uses an installed publish_pipeline), and where it is this code."""
    running = Path(__file__).resolve().parent
    for folder in (root, *root.parents):
        own = folder / "src" / "publish_pipeline"
        if (own / "__init__.py").is_file():
            return None if own.resolve() == running else (
                f"{own}: warning: this clone's code is not the code that runs, which is {running} (the virtual environment's "
                "editable install of another clone): run `python -m pip install -e .` in this clone, or give each clone a venv of its own"
            )
        if (folder / ".git").exists():
            return None
    return None


def _merge_warning(site: Site, report: SiteStatus) -> tuple[list[str], bool]:
    """The warning of a clone that would merge PO files line by line, or did (``merge_setup.line_merged``), and of one too
    shallow to tell what such merges did (``line_merges.unseen``), said by the commands a person (or CI) runs after a
    pull: status and check; and whether the first is said (the clone is not set up: status's ``next:`` begins with setup)."""
    from .catalogs.line_merges import unseen
    from .plumbing.merge_setup import line_merged

    unset = line_merged(site.root, report.line_merged)
    return [warning for warning in (unset, unseen(site.root)) if warning], unset is not None


def _held_back(unprocessed: int) -> str:
    """What a command that went on past documents it could not process says of them at the end of its last line."""
    return f"{plural(unprocessed, 'document')} could not be processed (above), and nothing of value was overwritten"


@contextmanager
def _phases() -> Iterator[Phases | None]:
    """A progress bar on a terminal, one phase after the other (each its title, its total; none for less than 2
    items), transient: the summary takes its place. Elsewhere None: CI logs want the summary only, and the library
    then tells nothing."""
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.fields[title]}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), TextColumn("{task.description}"))
    with Progress(*columns, transient=True) as progress:
        shown = []

        def phase(title: str, total: int) -> Callable[..., None]:
            for bar in shown:
                progress.remove_task(bar)
            if total < 2:
                shown.clear()
                return _unseen
            shown[:] = [bar := progress.add_task("", total=total, title=title)]
            progress.refresh()  # each phase shown, however short
            return lambda count, name="": progress.update(bar, advance=count, description=name)

        yield phase


def _unseen(count: float, name: str = "") -> None:
    """What a phase without a bar is told."""
