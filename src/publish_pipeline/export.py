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
from .errors import PipelineError
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


def export(site: Site, out: Path, *, on_document: Callable[[str], None] | None = None) -> ExportReport:
    source_language, target_language = site.config.source_language, site.config.target_language
    status = assess_site(site, detail=False, english=True)
    source, translated, held_back, errors = [], [], [], list(status.errors)
    wanted: set[Path] = set()
    writes: list[tuple[Path, str]] = []
    for document_status in status.documents:
        unit = document_status.unit
        assert unit is not None
        document = unit.document
        english = document_status.english
        _write(out / source_language / f"{document.id}.md", (site.root / document.path).read_bytes().decode("utf-8-sig"), wanted, writes)
        source.append(document.id)
        reasons = document_status.reasons if english is None else _refusals(document, english)
        if english is None or reasons:
            held_back.append((document.id, reasons))
        else:
            _write(out / target_language / f"{document.id}.md", english, wanted, writes)
            translated.append(document.id)
        if len(writes) >= WRITE_BATCH:
            write_many_atomic(writes)
            writes.clear()
        if on_document:
            on_document(document.path)
    write_many_atomic(writes)
    _forget_stale(out, wanted)
    return ExportReport(tuple(source), tuple(translated), tuple(held_back), tuple(errors))


MANIFEST = ".publish-pipeline-export"


def _forget_stale(out: Path, wanted: set[Path]) -> None:
    """Remove what the previous export wrote and this one did not; remember this one's files."""
    manifest = out / MANIFEST
    previous = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else []
    current = sorted(path.relative_to(out).as_posix() for path in wanted)
    for name in set(previous) - set(current):
        stale = out / name
        if stale.resolve().is_relative_to(out.resolve()) and stale.is_file():
            stale.unlink()
    write_atomic(manifest, json.dumps(current, indent=1) + "\n")


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


def _write(path: Path, text: str, wanted: set[Path], writes: list[tuple[Path, str]]) -> None:
    """Plan writing ``text`` to ``path`` unless it holds that already."""
    wanted.add(path)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        writes.append((path, text))
