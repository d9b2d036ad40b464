"""The site's translation memory as the workspace keeps it: up to date on every request, quick from the first.

Each PO file is read again only when its size or time changed. What each gave the memory (its approved
pairs) is kept in ``.cache/`` under the digest of its bytes, so the next session's first document page
hashes the PO files instead of parsing them all (a thousand: 30 ms rather than 300).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..catalogs.catalog import read_catalog
from ..catalogs.memory import Remembered, approved_pairs, memory_from
from ..errors import PipelineError
from ..plumbing.files import NotAFile, read_file_bytes
from ..plumbing.freshness import write_cache
from ..site import Site

MEMORY_CACHE = ".cache/publish_pipeline/workspace-memory.json"
"""Each PO file's approved pairs (``memory.approved_pairs``) and ``Title`` by its location, with the digest of the
bytes they were read from."""

Pairs = list[tuple[str, str]]
Title = tuple[str, str | None] | None
"""A PO file's title entry: its Dutch and its English once approved (None: it has none). Read with the pairs: the
documents list names each document so, and reads no PO file for it."""


class KeptMemory:
    """The memory of ``site``'s approved translations, made anew only when a PO file changed."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._files: dict[Path, tuple[tuple[int, int], str, Pairs, Title]] = {}  # each PO file's stamp, digest, pairs and title
        self._memory: tuple[list[tuple[Path, tuple[int, int]]], dict[str, Remembered]] | None = None

    def current(self) -> dict[str, Remembered]:
        """The memory as the PO files are now: the one she approved a minute ago counts. The same object as long
        as no PO file changed (what was found in it can be kept beside it)."""
        kept = _read_cache(self.site.root / MEMORY_CACHE) if self._memory is None else {}
        approved, stamps, parsed = [], [], False
        for path in self.site.catalog_paths():
            location = self.site.relative(path)
            try:
                stat = path.stat()
                stamp = (stat.st_mtime_ns, stat.st_size)
                known = self._files.get(path)
                if known is None or known[0] != stamp:
                    found = _kept_pairs(path, kept.get(location))
                    if found is None:
                        found, parsed = _read_pairs(path, location), True
                    known = self._files[path] = (stamp, *found)
            except (PipelineError, OSError):
                continue  # an unreadable PO file offers no suggestions; the documents list names it
            approved.append((location, known[2]))
            stamps.append((path, stamp))
        if self._memory is None or self._memory[0] != stamps:
            first = self._memory is None
            self._memory = (stamps, memory_from(approved))
            if first and parsed:  # kept once a session: a save changes one file, read again on its own next time
                files = {self.site.relative(path): [digest, pairs, title] for path, (_, digest, pairs, title) in self._files.items()}
                write_cache(self.site.root / MEMORY_CACHE, json.dumps({"version": _version(), "files": files}))
        return self._memory[1]

    def title(self, path: Path) -> Title:
        """The ``Title`` of the PO file at ``path`` as ``current`` last read it."""
        known = self._files.get(path)
        return known[3] if known else None


def _version() -> str:
    from .. import build_id

    return build_id()  # what a PO file gives the memory is this code's to say


def _read_cache(path: Path) -> dict[str, Any]:
    """The kept pairs by location; none when the cache is missing, damaged or of other code."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["files"] if isinstance(data, dict) and data.get("version") == _version() and isinstance(data.get("files"), dict) else {}
    except (OSError, ValueError, KeyError):
        return {}


def _kept_pairs(path: Path, kept: Any) -> tuple[str, Pairs, Title] | None:
    """The digest, pairs and title ``kept`` for the PO file at ``path``, when its bytes are still those; else None."""
    if not isinstance(kept, list) or len(kept) != 3 or not isinstance(kept[1], list):
        return None
    try:
        digest = hashlib.sha256(read_file_bytes(path)).hexdigest()
    except NotAFile:
        return None  # read_catalog says what it is
    if kept[0] != digest:
        return None
    try:
        pairs = [(source, text) for source, text in kept[1]]
        title: Title = None if kept[2] is None else (kept[2][0], kept[2][1])
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    if title is not None and not (isinstance(title[0], str) and isinstance(title[1], str | None)):
        return None
    return (digest, pairs, title) if all(isinstance(source, str) and isinstance(text, str) for source, text in pairs) else None


def _read_pairs(path: Path, location: str) -> tuple[str, Pairs, Title]:
    """The digest of the PO file's text as it was parsed, its approved pairs and its title."""
    catalog = read_catalog(path, location)
    title = next(((t.source, t.text if t.approved else None) for t in catalog.translations if t.context == "title"), None)
    return hashlib.sha256((catalog.original or "").encode("utf-8")).hexdigest(), approved_pairs(catalog), title
