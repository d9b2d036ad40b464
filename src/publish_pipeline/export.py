"""``export``: the content tree other generators read (Hugo's ``content/<lang>/``).

Every Dutch document goes to ``OUT/nl/<kind>/<slug>.md`` as written; its English
counterpart goes to ``OUT/en/<kind>/<slug>.md`` only when the publish gate lets it
through. Files that a previous export wrote and that are no longer due are
removed; the export keeps a list of what it wrote (``.publish-pipeline-export``),
so files that others put in the same folder are never touched.

English that the gate lets through is held back all the same when it carries
what the published site would show as text (raw HTML the Dutch does not have, a
link that is not http, https, mailto or relative), with the reason: another
generator renders the exported Markdown with settings we do not know, and a
rewrite behind the translator's back would publish text nobody reviewed.
"""

from __future__ import annotations

from collections.abc import Callable
import json
import reprlib
from dataclasses import dataclass
from pathlib import Path

from . import markdown
from .document import Document, parse_document
from .errors import OutputError, PipelineError
from .outputs import claim, locate
from .files import write_atomic, write_many_atomic
from .site import Site
from .status import assess_site


@dataclass(frozen=True)
class ExportReport:
    """Documents exported in each language, those held back (with why), and errors."""

    source: tuple[str, ...]
    translated: tuple[str, ...]
    held_back: tuple[tuple[str, tuple[str, ...]], ...]
    errors: tuple[PipelineError, ...]


def export(site: Site, out: Path | None = None, *, on_document: Callable[[str], None] | None = None) -> ExportReport:
    """Write the content tree into ``out`` (default ``build/content`` in the site)."""
    out = claim(site, locate(site, out, "build/content"), "export", adopt=lambda folder: (folder / MANIFEST).is_file())
    source_language, target_language = site.config.source_language, site.config.target_language
    status = assess_site(site, detail=False, english=True)
    source, translated, held_back, errors = [], [], [], list(status.errors)
    previous = _written_before(out)
    wanted: set[str] = set()
    writes: list[tuple[Path, str]] = []
    for document_status in status.documents:
        unit = document_status.unit
        assert unit is not None
        document = unit.document
        english = document_status.english
        try:
            _plan(site, out, f"{source_language}/{document.id}.md", (site.root / document.path).read_bytes().decode("utf-8-sig"), previous, wanted, writes)
            source.append(document.id)
            reasons = document_status.reasons if english is None else _refusals(document, english)
            if english is None or reasons:
                held_back.append((document.id, reasons))
            else:
                _plan(site, out, f"{target_language}/{document.id}.md", english, previous, wanted, writes)
                translated.append(document.id)
        except OutputError as error:
            errors.append(error)
        if len(writes) >= WRITE_BATCH:
            _write_batch(out, previous | wanted, writes)
        if on_document:
            on_document(document.path)
    _write_batch(out, previous | wanted, writes)
    _forget_stale(out, previous, wanted)
    return ExportReport(tuple(source), tuple(translated), tuple(held_back), tuple(errors))


MANIFEST = ".publish-pipeline-export"


def _written_before(out: Path) -> set[str]:
    """The files (relative names) the previous export wrote into ``out``."""
    try:
        names = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {name for name in names if isinstance(name, str)} if isinstance(names, list) else set()


def _write_batch(out: Path, names: set[str], writes: list[tuple[Path, str]]) -> None:
    """Write the planned files, the list naming them first (a kill leaves no file of ours that it does not name)."""
    if writes:
        _remember(out, names)
        write_many_atomic(writes)
        writes.clear()


def _remember(out: Path, names: set[str]) -> None:
    write_atomic(out / MANIFEST, json.dumps(sorted(names), indent=1) + "\n")


def _forget_stale(out: Path, previous: set[str], wanted: set[str]) -> None:
    """Remove what the previous export wrote and this one did not; remember this one's files."""
    for name in previous - wanted:
        stale = out / name
        if stale.parent.resolve().is_relative_to(out) and not stale.is_symlink() and stale.is_file():
            stale.unlink()
    _remember(out, wanted)


def _refusals(document: Document, english: str) -> tuple[str, ...]:
    """Why English that the gate lets through is not exported: what the site would show as text in it
    (the site's own rule, from ``markdown``); empty when nothing."""
    refused = markdown.refused_by_site(parse_document(english, document.id, document.path).body, markdown.html_of(document.body))
    if not refused:
        return ()
    shown = ", ".join(reprlib.repr(part) for part in refused[:3])
    return (
        f"its English has HTML the Dutch does not have or a link that is not http, https, mailto or relative ({shown}); "
        "the site shows them as text, another generator might not: correct the translation",
    )


WRITE_BATCH = 256
"""Files written (and synced to disk) together."""


def _plan(site: Site, out: Path, name: str, text: str, previous: set[str], wanted: set[str], writes: list[tuple[Path, str]]) -> None:
    """Plan writing ``text`` to ``out/name`` unless it holds that already; raise if that file is not export's to replace."""
    path = out / name
    if path.is_symlink() or not path.parent.resolve().is_relative_to(out):
        raise OutputError(site.relative(path), "leads out of the export folder through a link", hint="replace the link by a folder")
    try:
        current: str | None = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        current = None
    except OSError as error:
        raise OutputError(site.relative(path), f"cannot be read: {error.strerror}", hint="move it away, then export again") from None
    if current is not None and current != text and name not in previous:
        raise OutputError(site.relative(path), "exists and was not written by export", hint="move it away, then export again")
    wanted.add(name)
    if current != text:
        writes.append((path, text))
