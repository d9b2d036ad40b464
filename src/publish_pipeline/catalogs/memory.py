"""Translation memory: what the translator already approved, anywhere in the site."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .catalog import Catalog


@dataclass(frozen=True)
class Remembered:
    """An approved translation of a text and the PO file it was taken from."""

    text: str
    origin: str


def build_memory(catalogs: Iterable[tuple[str, Catalog]]) -> dict[str, Remembered]:
    """Dutch text → its approved English; where translations differ, the most frequent wins."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    origin: dict[tuple[str, str], str] = {}
    for location, catalog in catalogs:
        for translation in catalog.translations:
            if translation.approved:
                seen[translation.source][translation.text] += 1
                origin.setdefault((translation.source, translation.text), location)
    memory = {}
    for source, counts in seen.items():
        best = max(counts, key=lambda text: (counts[text], -list(counts).index(text)))
        memory[source] = Remembered(best, origin[(source, best)])
    return memory


@dataclass(frozen=True)
class Suggestion:
    """An approved translation of a Dutch text like the one at hand: ``similarity`` in percent (100: the same text)."""

    source: str
    text: str
    origin: str
    similarity: int


SIMILAR_ENOUGH = 70
"""Below this similarity (percent, rapidfuzz's ratio: Levenshtein-based, as Poedit's and Weblate's memory) a match is not shown."""


def suggestions(memory: dict[str, Remembered], source: str, *, limit: int = 3) -> list[Suggestion]:
    """The exact match first, then the most similar approved Dutch texts with their English.

    rapidfuzz compares in C and stops early under the cutoff, so a memory of a whole
    site (thousands of texts) answers in milliseconds.
    """
    from rapidfuzz import fuzz, process

    found = process.extract(source, memory.keys(), scorer=fuzz.ratio, score_cutoff=SIMILAR_ENOUGH, limit=limit)
    return [Suggestion(text, memory[text].text, memory[text].origin, 100 if text == source else min(99, int(score))) for text, score, _ in found]
