"""The state of every translation: counts per state, check problems, and the publish verdict.

``status``, ``check``, ``review``, ``export`` and ``publish`` all read the site
through ``assess_site``, so they can never disagree about what may be published.
"""

from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from . import markdown
from .catalog import STATES, Translation
from .checks import ERROR, Entry, Problem, check_entries, msgfmt_problems
from .errors import PipelineError, ReassemblyError
from .extraction import SourceUnit, load_unit
from .gate import blockers
from .glossary import Glossary, load_glossary
from .site import Site
from .snapshots import english_markdown

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class DocumentStatus:
    """One document: how far its translation is, what is wrong, and whether it may be published.

    ``counts``: entries per state (approved, draft, outdated, untranslated).
    ``words_to_review``: Dutch words in entries that are not approved yet.
    ``reasons``: why it may not be published (empty when it may).
    """

    document_id: str
    source: str | None
    catalog: str | None
    counts: dict[str, int]
    words_to_review: int
    problems: tuple[Problem, ...]
    reasons: tuple[str, ...]
    translations: tuple[Translation, ...] = field(default=(), repr=False)
    unit: SourceUnit | None = field(default=None, repr=False, compare=False)
    english: str | None = field(default=None, repr=False)
    """The English document, when every entry is approved and it keeps the Dutch structure."""

    @property
    def kind(self) -> str:
        return self.document_id.split("/")[0] if "/" in self.document_id else ""

    @property
    def slug(self) -> str:
        return self.document_id.rsplit("/", 1)[-1]

    @property
    def publishable(self) -> bool:
        return not self.reasons

    @property
    def entries(self) -> int:
        return sum(self.counts.values())

    @property
    def errors(self) -> int:
        return sum(problem.severity == ERROR for problem in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


@dataclass(frozen=True)
class SiteStatus:
    documents: tuple[DocumentStatus, ...]
    orphans: tuple[str, ...]
    errors: tuple[PipelineError, ...]
    msgfmt_checked: bool

    @property
    def totals(self) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for document in self.documents:
            totals.update(document.counts)
        return {
            **{state: totals[state] for state in STATES},
            "words_to_review": sum(d.words_to_review for d in self.documents),
            "documents": len(self.documents),
            "publishable": sum(d.publishable for d in self.documents),
            "errors": sum(d.errors for d in self.documents),
            "warnings": sum(d.warnings for d in self.documents),
        }

    def to_json(self) -> dict[str, Any]:
        """The documented machine-readable form (see README, "status --json")."""
        return {
            "documents": [
                {
                    "id": d.document_id,
                    "kind": d.kind,
                    "slug": d.slug,
                    "source": d.source,
                    "catalog": d.catalog,
                    **{state: d.counts.get(state, 0) for state in STATES},
                    "words_to_review": d.words_to_review,
                    "errors": d.errors,
                    "warnings": d.warnings,
                    "publishable": d.publishable,
                    "reasons": list(d.reasons),
                }
                for d in self.documents
            ],
            "orphans": list(self.orphans),
            "problems": [error.message for error in self.errors],
            "totals": self.totals,
        }


def assess_site(site: Site) -> SiteStatus:
    """Read, check and judge every document of the site."""
    glossary = load_glossary(site.root)
    documents, errors = [], []
    sources = site.source_paths()
    for source_path in sources:
        try:
            unit = load_unit(site, source_path)
        except PipelineError as error:
            errors.append(error)
            continue
        documents.append(unit)
    with ThreadPoolExecutor(max_workers=4) as pool:
        validity = list(
            pool.map(lambda unit: msgfmt_problems(unit.catalog_path) if unit.catalog else [], documents)
        )
    statuses = tuple(
        assess_unit(site, unit, glossary, file_problems) for unit, file_problems in zip(documents, validity)
    )
    known = {site.document_id(path) for path in sources}
    orphans = tuple(site.relative(p) for p in site.catalog_paths() if site.catalog_document_id(p) not in known)
    return SiteStatus(statuses, orphans, tuple(errors), msgfmt_checked=None not in validity)


def assess_unit(site: Site, unit: SourceUnit, glossary: Glossary, file_problems: list[Problem] | None) -> DocumentStatus:
    document = unit.document
    catalog_location = site.relative(unit.catalog_path) if unit.catalog else None
    translations = tuple(unit.catalog.translations) if unit.catalog else ()
    references = _references(document.body)
    problems = [*(file_problems or []), *check_entries([Entry(t, references, glossary) for t in translations])]
    counts = Counter(t.state for t in translations)
    words = sum(len(_WORD.findall(t.source)) for t in translations if not t.approved)
    if unit.catalog is None:
        words = sum(len(_WORD.findall(s.text)) for s in unit.segments)
    english = None
    if unit.catalog is not None and translations and all(t.approved for t in translations):
        english, structure = _english(unit)
        problems.extend(structure)
    reasons = blockers(document, unit.segments, unit.catalog, problems)
    return DocumentStatus(
        document.id,
        document.path,
        catalog_location,
        {state: counts.get(state, 0) for state in STATES},
        words,
        tuple(problems),
        reasons,
        translations,
        unit,
        english if not reasons else None,
    )


def _english(unit: SourceUnit) -> tuple[str | None, list[Problem]]:
    """The English document of a complete translation, or the problem that it breaks the page's structure."""
    assert unit.catalog is not None
    try:
        return english_markdown(unit.document, unit.segments, unit.catalog), []
    except ReassemblyError as error:
        segment = error.segment
        key = (getattr(segment, "context", None), getattr(segment, "text", None))
        line = next((t.line for t in unit.catalog.translations if t.key == key), 0)
        message = "the translation changes the structure of the page (a blank line, or a line starting with '#', '-', '>' or a number, starts a new block)"
        return None, [Problem("structure", ERROR, line, message, key[1] or "")]


def _references(body: str) -> dict[str, Any]:
    env: dict[str, Any] = {}
    markdown.parse(body, env)
    return env.get("references", {})
