"""Translation memory: what the translator already approved, anywhere in the site."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..text.slugs import SLUG
from .catalog import Catalog


@dataclass(frozen=True)
class Remembered:
    """An approved translation of a text and the PO file it was taken from."""

    text: str
    origin: str


def build_memory(catalogs: Iterable[tuple[str, Catalog]]) -> dict[str, Remembered]:
    """Dutch text → its approved English, from each PO file's location and catalog (see ``memory_from``)."""
    return memory_from((location, approved_pairs(catalog)) for location, catalog in catalogs)


def approved_pairs(catalog: Catalog) -> list[tuple[str, str]]:
    """The Dutch and English of the catalog's approved entries, in its order: what a memory takes of it (kept
    alone, a long-lived memory keeps few objects for the garbage collector to look at, not every catalog's). Not
    its URL slug: a page's address is no translation of another text (offered to its title, or to another page's
    slug, it would put two pages at one address)."""
    return [(translation.source, translation.text) for translation in catalog.translations if translation.approved and translation.context != SLUG]


def memory_from(approved: Iterable[tuple[str, list[tuple[str, str]]]]) -> dict[str, Remembered]:
    """Dutch text → its approved English, from each PO file's location and ``approved_pairs``; where
    translations differ, the most frequent wins (the first seen of those as frequent), taken from the first PO
    file that has it. In the order the Dutch texts are first seen.

    Most texts are translated once: only those translated more often are counted (counting every text of a
    site was most of the time the workspace took to make its memory anew after each save).
    """
    memory: dict[str, Remembered] = {}
    others: dict[str, list[tuple[str, str]]] = {}  # every translation and its PO file, of a text translated more than once
    for location, pairs in approved:
        for source, text in pairs:
            first = memory.get(source)
            if first is None:
                memory[source] = Remembered(text, location)
            else:
                others.setdefault(source, [(first.text, first.origin)]).append((text, location))
    for source, found in others.items():
        counts = Counter(text for text, _ in found)
        best = max(counts, key=lambda text: counts[text])  # max keeps the first of equals: the first seen
        memory[source] = Remembered(best, next(origin for text, origin in found if text == best))
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


Match = tuple[str, float]
"""A remembered Dutch text and its similarity to the text at hand (rapidfuzz's ratio, unrounded: it orders them)."""


def suggestions(memory: dict[str, Remembered], source: str, *, limit: int = 3) -> list[Suggestion]:
    """The exact match first, then the most similar approved Dutch texts with their English."""
    return offered(memory, source, matches(memory, source, limit=limit))


def matches(memory: dict[str, Remembered], source: str, *, limit: int = 3, cutoff: int = SIMILAR_ENOUGH) -> list[Match]:
    """The ``limit`` Dutch texts of ``memory`` most similar to ``source`` and similar enough (from ``cutoff``), the
    most similar first (of equals, the first in ``memory``).

    rapidfuzz compares in C and stops early under the cutoff, so a memory of a whole
    site (thousands of texts) answers in milliseconds.
    """
    from rapidfuzz import fuzz, process

    return [(text, score) for text, score, _ in process.extract(source, memory.keys(), scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)]


def offered(memory: dict[str, Remembered], source: str, found: list[Match]) -> list[Suggestion]:
    """The suggestions ``matches`` found in ``memory`` for ``source``, with the English the memory holds now."""
    return [Suggestion(text, memory[text].text, memory[text].origin, 100 if text == source else min(99, int(score))) for text, score in found]


def matches_again(old: dict[str, Remembered], new: dict[str, Remembered], known: dict[str, list[Match]], *, limit: int = 3) -> dict[str, list[Match]]:
    """The ``matches`` in the ``new`` memory of the texts ``known`` has them for in the ``old`` one, where they can be
    told without comparing each text with the whole memory again: a text left out is to be asked anew.

    A save changes a memory little: a text added, an English changed. A text's similarity depends on the Dutch
    alone, so the texts both memories hold (in the same order) rank as they did, and the new ranking is found
    among the old matches and the added texts. A text one of whose matches is gone is left out (the one that
    would take its place is not known), as are all where the order changed (another PO file's text came first).
    """
    from rapidfuzz import fuzz, process

    added = [text for text in new if text not in old]
    if [text for text in old if text in new] != [text for text in new if text in old]:
        return {}
    position = {text: index for index, text in enumerate(new)}
    again = {}
    for source, found in known.items():
        if all(text in new for text, _ in found):
            more = process.extract(source, added, scorer=fuzz.ratio, score_cutoff=SIMILAR_ENOUGH, limit=limit) if added else []
            again[source] = sorted([*found, *((text, score) for text, score, _ in more)], key=lambda match: (-match[1], position[match[0]]))[:limit]
    return again
