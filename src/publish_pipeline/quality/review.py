"""The review page: one self-contained HTML file the translator opens in the morning.

A progress bar for the site and for each document, then every document's Dutch
and English side by side, segment by segment, coloured by state, with check
problems and glossary terms marked and each entry's PO file and line. No server,
no script, no network: CI can attach it as an artifact. Its CSP allows its own style sheet
(by hash) and nothing else, so its progress bars are SVG, as the workspace's (``bar.html.j2``).
"""

from __future__ import annotations

import base64
import datetime
import difflib
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..catalogs.catalog import APPROVED, STATES, Translation
from ..wording import ENTRY_WORDS
from ..catalogs.checks import CHECKS, ERROR, Problem
from ..plumbing.files import write_atomic
from ..catalogs.glossary import Glossary, dutch_has, english_has, load_glossary
from .live import UNCOMMITTED_SUMMARY, live_english, uncommitted
from ..plumbing.outputs import claim_file, locate
from ..drafts.emptied import emptied
from ..drafts.protection import terms_in_words
from ..site import Site
from .status import DocumentStatus, SiteStatus, assess_site


@dataclass(frozen=True)
class Piece:
    """A run of text: a glossary term (with the English it requires, and whether the English lacks it),
    or in a word diff a ``removed`` or ``added`` run."""

    text: str
    term: bool = False
    required: str = ""
    missing: bool = False
    change: str = ""


@dataclass(frozen=True)
class Row:
    translation: Translation
    where: str
    source: tuple[Piece, ...]
    problems: tuple[Problem, ...]
    diff: tuple[Piece, ...] = ()
    """For an outdated entry: the previous Dutch against the new, word by word."""

    @property
    def checks(self) -> frozenset[str]:
        return checks_of(self.problems)

    @property
    def attention(self) -> bool:
        return needs_her(self.translation, self.problems)


ATTENTION = "attention"
"""The filter of the entries that still need the translator (``needs_her``), on this page and in the workspace."""
TO_REVIEW = "to review (not approved, or with an error)"
"""That filter in words: the workspace's documents list says "to review" of them, and counts a check error among what
needs her, as the filter does."""


def needs_her(translation: Translation, problems: Sequence[Problem]) -> bool:
    """Whether the entry needs the translator: not approved, or approved with a check error among its ``problems``
    (approved anyway, or broken since), which holds the document's English back as a draft does. The one rule of the
    filter ``ATTENTION`` here and in the workspace (its page's keys walk the same entries: ``needsAttention``)."""
    return translation.state != APPROVED or any(problem.severity == ERROR for problem in problems)


ORIGINS = {"mt": "machine draft", "tm": "memory draft"}
"""Who wrote an entry's first English (``Translation.origin``), in words."""
EDITED = "edited by the translator since"
"""Said of a draft whose English a person changed (``Translation.as_drafted``): its comment still names the machine
(or the memory), and a page that showed only that presented her English as the machine's (a trial)."""
BY_HAND = "emptied: to translate by hand"
"""Said of a draft a person emptied (``drafts.emptied``): ``status`` counts it "to translate by hand", and ``draft``
leaves it alone."""


def origin_words(translation: Translation) -> str:
    """Who wrote the entry's English, in words: ``machine draft`` or ``memory draft``, and where its comment hashed the
    draft (``mt: … draft:<digest>``, ``tm: … draft:<digest>``), ``…, unchanged`` or ``…, edited by the translator
    since`` (her English differs from the one hashed); of a draft she emptied, ``…, emptied: to translate by hand``;
    empty where no comment says."""
    origin = ORIGINS.get(translation.origin or "", "")
    if origin and emptied(translation):
        return f"{origin}, {BY_HAND}"
    drafted = translation.as_drafted if origin else None
    return origin if drafted is None else f"{origin}, {'unchanged' if drafted else EDITED}"


def checks_of(problems: tuple[Problem, ...]) -> frozenset[str]:
    """The checks with a problem, by check and by aspect (``markup`` and ``markup.links``): what a filter by check matches."""
    return frozenset(part for problem in problems for part in (problem.check, problem.check.split(".")[0]))


GENERATOR = '<meta name="generator" content="publish_pipeline review">'
"""The review page's mark: review replaces only a file that carries it (or the title pages had before it)."""
MARKS = (GENERATOR, "<title>Translation review — ")


def write_review(
    site: Site, out: Path | None = None, *, status: SiteStatus | None = None, now: datetime.datetime | None = None,
    english_address: Callable[[DocumentStatus], str] | None = None,
) -> SiteStatus:
    """Write the review page to ``out`` (a file path; default ``build/review/index.html``) and return the status it shows
    (``english_address``: where a Hugo or Jekyll site serves a document's English, as ``assess_site`` takes it)."""
    out = claim_file(site, locate(site, out, "build/review/index.html"), "review", marks=MARKS)
    status = status or assess_site(site, english_address=english_address)
    live = live_english(site, status)
    glossary = load_glossary(site.root)
    environment = Environment(loader=PackageLoader("publish_pipeline.quality", "templates"), autoescape=select_autoescape(default=True))
    environment.globals.update(stretches=stretches, progress=progress, origin_words=origin_words)
    css = environment.get_template("review.css.j2").render(states=STATES, checks=[rule.id for rule in CHECKS])
    page = environment.get_template("review.html.j2").render(
        css=css,
        css_hash=css_hash(css),
        site=site,
        status=status,
        totals=status.totals,
        states=STATES,
        words={**ENTRY_WORDS, ATTENTION: TO_REVIEW},
        attention=ATTENTION,
        documents=[(document, _rows(document, glossary)) for document in status.documents],
        live=live,
        uncommitted=uncommitted(site, live),  # as status says: CI builds commits
        once_committed=UNCOMMITTED_SUMMARY,
        generated=(now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
        approved=APPROVED,
        checks=[rule.id for rule in CHECKS],
        generator=GENERATOR,
    )
    write_atomic(out, page)
    return status


def _rows(document: DocumentStatus, glossary: Glossary) -> list[Row]:
    by_line: dict[int, list[Problem]] = {}
    for problem in document.problems:
        by_line.setdefault(problem.line, []).append(problem)
    return [
        Row(
            t, f"{document.catalog}:{t.line}", tuple(mark_terms(t.source, glossary, t.text)), tuple(by_line.get(t.line, ())),
            tuple(word_diff(t.previous, t.source)) if t.previous is not None else (),
        )
        for t in document.translations
    ]


def mark_terms(text: str, glossary: Glossary, english: str = "") -> list[Piece]:
    """The Dutch in runs, each glossary term (in whatever form it takes, outside URLs and code) a run of its own,
    with the English it requires ("stays Dutch" for a kept term) and whether ``english`` (when there is one) lacks it."""
    pieces, position = [], 0
    for found in terms_in_words(text, glossary):
        if found.start > position:
            pieces.append(Piece(text[position : found.start]))
        if found.keep:
            required, present = "stays Dutch", dutch_has(english, found.term)
        else:
            allowed = glossary.terms[found.term].allowed
            required, present = " or ".join(allowed), any(english_has(english, phrase) for phrase in allowed)
        pieces.append(Piece(text[found.start : found.end], term=True, required=required, missing=bool(english) and not present))
        position = found.end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff(old: str, new: str) -> list[Piece]:
    """``old`` → ``new`` word by word (punctuation and spaces are tokens too): equal runs, ``removed`` and ``added`` ones.

    So ``eigenlijke`` → ``echte`` in a paragraph of 55 words shows as two marked words,
    not as a whole paragraph struck through.
    """
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces = []
    for operation, start, end, start2, end2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if operation == "equal":
            pieces.append(Piece("".join(before[start:end])))
            continue
        if end > start:
            pieces.append(Piece("".join(before[start:end]), change="removed"))
        if end2 > start2:
            pieces.append(Piece("".join(after[start2:end2]), change="added"))
    return pieces


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def stretches(counts: Mapping[str, int], whole: int) -> list[tuple[str, float, float]]:
    """Each state's stretch of a progress bar of ``whole`` entries (``bar.html.j2``, on this page and in the
    workspace): (state, where it starts, its length), in percent.

    The stretches tile the bar exactly (each ends where the next starts), whatever the rounding."""
    ends = [round(100 * end / whole, 2) if whole else 0.0 for end in (0, *accumulate(counts[state] for state in STATES))]
    return [(state, ends[index], round(ends[index + 1] - ends[index], 2)) for index, state in enumerate(STATES)]


def progress(counts: Mapping[str, int], whole: int) -> str:
    """A progress bar in words, for screen readers and a mouse: ``92% approved, 8% needs review``."""
    said = [f"{percent(counts[state], whole)}% {ENTRY_WORDS[state]}" for state in STATES if counts[state]]
    return ", ".join(said) or "no entries"


def css_hash(css: str) -> str:
    """The CSP source that allows the page's own style sheet ``css`` and nothing else (``'sha256-…'`` without
    the quotes): a strict CSP, which, unlike ``'unsafe-inline'``, lets no style attribute or injected sheet apply."""
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
