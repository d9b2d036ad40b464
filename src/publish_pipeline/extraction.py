"""``extract``: bring every PO file up to date with its Dutch document."""

from __future__ import annotations

import datetime
import errno
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Catalog, merge, read_catalog, revision_time
from .document import Document, load_document
from .errors import PipelineError, SourceError
from .files import ChangedMeanwhile, remove_leftovers, replace_if_unchanged
from .segmentation import Segment, segment
from .site import Site
from .snapshots import keep_before_change


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


@dataclass(frozen=True)
class ExtractReport:
    """Every document extracted, every error met, and PO files whose document is gone."""

    extracted: tuple[Extracted, ...]
    errors: tuple[PipelineError, ...]
    orphans: tuple[str, ...]

    @property
    def written(self) -> int:
        return sum(item.written for item in self.extracted)


@dataclass(frozen=True)
class SourceUnit:
    """A document with its segments and, when it has one, its current PO file."""

    document: Document
    segments: tuple[Segment, ...]
    catalog_path: Path
    catalog: Catalog | None
    references: dict[str, Any]


def load_unit(site: Site, source_path: Path) -> SourceUnit:
    """Read a document, cut it into segments and read its PO file; raise PipelineError on bad input."""
    location = site.relative(source_path)
    site.check_inside(source_path)
    try:
        document = load_document(source_path, site.document_id(source_path), location)
    except OSError as error:
        raise SourceError(location, f"cannot read the file: {error.strerror}") from None
    env: dict[str, Any] = {}
    segments = tuple(segment(document, site.config.translate_fields, env))
    catalog_path = site.catalog_path(document.id)
    catalog = None
    if catalog_path.exists() or catalog_path.is_symlink():
        site.check_inside(catalog_path)
        catalog = read_catalog(catalog_path, site.relative(catalog_path))
    return SourceUnit(document, segments, catalog_path, catalog, env.get("references", {}))


def extract(
    site: Site,
    *,
    now: datetime.datetime | None = None,
    on_document: Callable[[str], None] | None = None,
) -> ExtractReport:
    """Write or update one PO file per Dutch document; files that would not change are not touched."""
    now = now or revision_time()
    remove_leftovers(site.catalog_dir)
    extracted, errors = [], []
    sources = site.source_paths()
    for source_path in sources:
        try:
            extracted.append(_extract_one(site, source_path, now))
        except PipelineError as error:
            errors.append(error)
        if on_document:
            on_document(site.relative(source_path))
    known = {site.document_id(path) for path in sources}
    orphans = tuple(
        site.relative(path) for path in site.catalog_paths() if site.catalog_document_id(path) not in known
    )
    return ExtractReport(tuple(extracted), tuple(errors), orphans)


def _extract_one(site: Site, source_path: Path, now: datetime.datetime) -> Extracted:
    unit = load_unit(site, source_path)
    location = site.relative(unit.catalog_path)
    for attempt in range(2):
        merged = merge(unit.catalog, unit.segments, unit.document.path, site.config, now)
        text = merged.text()
        if unit.catalog is not None and not all(t.approved for t in merged.translations):
            keep_before_change(site, unit.document, unit.catalog)
        written = unit.catalog is None or unit.catalog.original != text
        if not written:
            break
        try:
            replace_if_unchanged(unit.catalog_path, text, unit.catalog.original if unit.catalog else None)
            break
        except ChangedMeanwhile:
            if attempt == 1:
                raise PipelineError(location, "the file keeps changing while extract runs", hint="close it in the PO editor and run extract again") from None
            unit = load_unit(site, source_path)  # a translator saved it: merge into what they saved
        except OSError as error:
            raise PipelineError(location, f"cannot write the PO file: {error.strerror}", hint=_write_hint(error)) from None
    old_keys = {t.key for t in unit.catalog.translations} if unit.catalog else set()
    new_keys = {t.key for t in merged.translations}
    return Extracted(
        unit.document.id,
        location,
        len(unit.segments),
        len(new_keys),
        len(new_keys - old_keys),
        len(old_keys - new_keys),
        written,
    )


def _write_hint(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make the file and its folder writable (chmod u+w), then run extract again"
    if error.errno == errno.ENOSPC:
        return "free some disk space, then run extract again; the old file is untouched"
    return "the old file is untouched; run extract again"
