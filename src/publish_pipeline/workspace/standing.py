"""What the documents list counts of a document that waits for review beyond its verdict, as the workspace keeps it.

The status judges no English page while an entry waits; the document's page judges the English as it stands
(``entries.standing_problems``: one parse), and the list counts what the page shows. Kept by the fingerprint of
the document's verdict (its files, the settings, the glossary, this code), in ``.cache/`` too: a thousand documents
drafted at once are parsed once, not on every first list of a session (5 s of CPU at a thousand).
"""

from __future__ import annotations

import json
from dataclasses import astuple
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..catalogs.checks import Problem
from ..plumbing.freshness import write_cache
from ..quality.status import DocumentStatus
from ..site import Site

STANDING_CACHE = ".cache/publish_pipeline/workspace-standing.json"
"""Each waiting document's problems of its English as it stands, by document, with its verdict's fingerprint."""

Kept = dict[str, tuple[str, tuple[Problem, ...]]]


class KeptStanding:
    """The problems ``found`` (by document) of ``site``'s documents that wait, made anew only for a changed one."""

    def __init__(self, site: Site, found: Callable[[str], tuple[Problem, ...]]) -> None:
        self.site, self.found = site, found
        self._kept: Kept | None = None

    def of(self, waiting: Sequence[DocumentStatus]) -> dict[str, tuple[Problem, ...]]:
        """The problems of each document of ``waiting``, by document; kept for the next list (and session)."""
        kept = self._kept if self._kept is not None else _read_cache(self.site.root / STANDING_CACHE)
        current: Kept = {}
        for status in waiting:
            fingerprint, problems = kept.get(status.document_id, ("", ()))
            if not status.fingerprint or fingerprint != status.fingerprint:
                problems = self.found(status.document_id)
            current[status.document_id] = (status.fingerprint, problems)
        if current != kept:
            kept_as_json = {document_id: [fingerprint, [astuple(problem) for problem in problems]] for document_id, (fingerprint, problems) in current.items()}
            write_cache(self.site.root / STANDING_CACHE, json.dumps(kept_as_json))
        self._kept = current
        return {document_id: problems for document_id, (_, problems) in current.items()}


def _read_cache(path: Path) -> Kept:
    """The kept problems; none when the cache is missing or damaged."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        return {str(document): (str(fingerprint), tuple(Problem(*fields) for fields in problems)) for document, (fingerprint, problems) in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}
