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
