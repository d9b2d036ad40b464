"""The review page: one self-contained HTML file the translator opens in the morning.

A progress bar for the site and for each document, then every document's Dutch
and English side by side, segment by segment, coloured by state, with check
problems and glossary terms marked and each entry's PO file and line. No server,
no script, no network: CI can attach it as an artifact.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from .catalog import APPROVED, STATES, Translation
from .checks import Problem
from .files import write_atomic
from .glossary import Glossary, load_glossary
from .live import live_english
from .outputs import claim_file, locate
from .protection import terms_in_words
from .site import Site
from .status import DocumentStatus, SiteStatus, assess_site


@dataclass(frozen=True)
class Piece:
    """A run of text, marked when it is a glossary term."""

    text: str
    term: bool = False


@dataclass(frozen=True)
class Row:
    translation: Translation
    where: str
    source: tuple[Piece, ...]
    problems: tuple[Problem, ...]


GENERATOR = '<meta name="generator" content="publish_pipeline review">'
"""The review page's mark: review replaces only a file that carries it (or the title pages had before it)."""
MARKS = (GENERATOR, "<title>Translation review — ")


def write_review(site: Site, out: Path | None = None, *, status: SiteStatus | None = None, now: datetime.datetime | None = None) -> SiteStatus:
    """Write the review page to ``out`` (a file path; default ``build/review/index.html``) and return the status it shows."""
    out = claim_file(site, locate(site, out, "build/review/index.html"), "review", marks=MARKS)
    status = status or assess_site(site)
    live = live_english(site, status)
    glossary = load_glossary(site.root)
    environment = Environment(loader=PackageLoader("publish_pipeline", "templates"), autoescape=select_autoescape(default=True))
    page = environment.get_template("review.html.j2").render(
        site=site,
        status=status,
        totals=status.totals,
        states=STATES,
        documents=[(document, _rows(document, glossary)) for document in status.documents],
        percent=_percent,
        live=live,
        generated=(now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
        approved=APPROVED,
        generator=GENERATOR,
    )
    write_atomic(out, page)
    return status


def _rows(document: DocumentStatus, glossary: Glossary) -> list[Row]:
    by_line: dict[int, list[Problem]] = {}
    for problem in document.problems:
        by_line.setdefault(problem.line, []).append(problem)
    return [
        Row(t, f"{document.catalog}:{t.line}", tuple(_mark_terms(t.source, glossary)), tuple(by_line.get(t.line, ())))
        for t in document.translations
    ]


def _mark_terms(text: str, glossary: Glossary) -> list[Piece]:
    """The text in runs, each glossary term (in whatever form it takes, outside URLs and code) a run of its own."""
    pieces, position = [], 0
    for found in terms_in_words(text, glossary):
        if found.start > position:
            pieces.append(Piece(text[position : found.start]))
        pieces.append(Piece(text[found.start : found.end], term=True))
        position = found.end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
