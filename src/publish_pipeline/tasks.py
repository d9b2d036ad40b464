"""The tasks, shared by ``invoke`` (through the site's tasks.py) and ``publish-pipeline``.

This layer only parses options, calls the library and prints: one line per
problem, location first, and a summary; exit code 1 when anything failed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from invoke import Collection, Context, Exit, task

from .errors import PipelineError
from .export import export as export_site
from .extraction import extract as extract_site
from .site import Site

ROOT_HELP = "the site folder (default: the current folder)"


@task(help={"root": ROOT_HELP})
def extract(c: Context, root: str = ".") -> None:
    """Update translations/en/*.po from the Dutch documents in source_nl/."""
    site = _open(root)
    with _progress("extract", len(site.source_paths())) as advance:
        report = extract_site(site, on_document=advance)
    notes = [f"{orphan}: warning: its Dutch document is gone; delete the PO file or restore the document" for orphan in report.orphans]
    summary = (
        f"extract: {_count(len(report.extracted), 'document')}, "
        f"{_count(sum(item.segments for item in report.extracted), 'segment')}, "
        f"{_count(report.written, 'PO file')} written"
    )
    _finish(report.errors, [*notes, summary])


@task(help={"out": "the folder to write nl/ and en/ into (default: build/content in the site)", "root": ROOT_HELP})
def export(c: Context, out: str = "", root: str = ".") -> None:
    """Write Markdown pairs (nl/ and every approved en/) for Hugo and other generators."""
    site = _open(root)
    target = Path(out).resolve() if out else site.root / "build" / "content"
    with _progress("export", len(site.source_paths())) as advance:
        report = export_site(site, target, on_document=advance)
    notes = [f"{document_id}: English held back: {'; '.join(reasons)}" for document_id, reasons in report.held_back]
    summary = f"export: {_count(len(report.source), 'Dutch document')} and {_count(len(report.translated), 'English document')} in {site.relative(target)}"
    _finish(report.errors, [*notes, summary])


ns = Collection(extract, export)


def _open(root: str) -> Site:
    try:
        return Site.open(root)
    except PipelineError as error:
        raise Exit(_line(error), code=1) from None


def _line(error: PipelineError) -> str:
    return f"{error.message} — {error.hint}" if error.hint else error.message


def _finish(errors: Sequence[PipelineError], lines: Sequence[str]) -> None:
    """Print the problems (stderr) and what was done (stdout); exit 1 if anything failed."""
    for error in errors:
        print(_line(error), file=sys.stderr, flush=True)
    for line in lines:
        print(line, flush=True)
    if errors:
        raise Exit(f"{_count(len(errors), 'document')} could not be processed; nothing of value was overwritten", code=1)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@contextmanager
def _progress(title: str, total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on a terminal; silence elsewhere (CI logs want the summary only)."""
    if not sys.stderr.isatty() or total < 2:
        yield lambda name: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(f"{title}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), TextColumn("{task.description}"))
    with Progress(*columns, transient=True) as progress:
        bar = progress.add_task("", total=total)
        yield lambda name: progress.update(bar, advance=1, description=name)
