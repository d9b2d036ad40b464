"""The translation memory (catalogs/memory.py): what it remembers, and its suggestions, kept across its versions."""

from __future__ import annotations

from collections import Counter, defaultdict
from types import SimpleNamespace
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs.memory import Remembered, build_memory, matches, matches_again


def counted_memory(catalogs: list[tuple[str, Any]]) -> dict[str, Remembered]:
    """build_memory as it was before it counted only the texts translated more than once: the reference."""
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


TEXTS = st.sampled_from(["a", "b", "c", "d"])
ENTRIES = st.lists(st.tuples(TEXTS, st.sampled_from(["", "x", "y", "z"]), st.booleans()), max_size=8)


@given(st.lists(ENTRIES, max_size=5))
def test_the_memory_is_the_one_counting_every_translation_made(files: list[list[tuple[str, str, bool]]]) -> None:
    """Most frequent English first, of equals the first seen, from the first PO file that has it, in the order
    the Dutch is first seen: the same memory, dict order included."""
    catalogs = [
        (f"{number}.po", SimpleNamespace(translations=[Translation(None, source, text, fuzzy, line) for line, (source, text, fuzzy) in enumerate(entries)]))
        for number, entries in enumerate(files)
    ]
    made, reference = build_memory(catalogs), counted_memory(catalogs)
    assert list(made.items()) == list(reference.items())


# Short texts of few letters: many are alike, many alike as much (ties are ranked by the memory's order).
DUTCH = st.text(alphabet="ab", min_size=3, max_size=5)


@st.composite
def versions(draw: st.DrawFn) -> tuple[dict[str, Remembered], dict[str, Remembered], list[str]]:
    """A memory, the next one (texts added anywhere, removed, English changed; sometimes the order changed too),
    and the texts asked of it."""
    old = {text: Remembered(draw(st.sampled_from(["x", "y"])), "a.po") for text in draw(st.lists(DUTCH, unique=True, max_size=20))}
    new = dict(old)
    for text in draw(st.lists(st.sampled_from(sorted(old)), max_size=3)) if old else []:
        new.pop(text, None)
    for text in draw(st.lists(st.sampled_from(sorted(new)), max_size=3)) if new else []:
        new[text] = Remembered("changed", "b.po")
    order = list(new.items())
    for text in draw(st.lists(DUTCH, max_size=3)):
        if text not in new:
            order.insert(draw(st.integers(0, len(order))), (text, Remembered("added", "c.po")))
            new[text] = order[-1][1]
    if draw(st.booleans()):
        order = draw(st.permutations(order))
    return old, dict(order), draw(st.lists(DUTCH, max_size=6))


TIED = {text: Remembered("x", "a.po") for text in ("aaab", "aaba", "abaa", "baaa")}  # each 75% like "aaaa"


@given(versions())
@example((TIED, dict(reversed(TIED.items())), ["aaaa"]))  # a fourth as alike, now before the three found
def test_the_matches_kept_from_an_older_memory_are_those_the_new_one_gives(memories: tuple[dict[str, Remembered], dict[str, Remembered], list[str]]) -> None:
    old, new, asked = memories
    known = {source: matches(old, source) for source in asked}
    for source, found in matches_again(old, new, known).items():
        assert found == matches(new, source), source


def test_after_a_save_no_text_is_compared_with_the_whole_memory_again() -> None:
    """Her approval adds a text or changes an English: every known text's matches are kept."""
    old = {f"Frictie is een bron van energie nummer {n}.": Remembered(f"Friction {n}.", "a.po") for n in range(20)}
    new = {**old, "Frictie is een bron van energie nummer 3.": Remembered("Friction three.", "a.po"), "Frictie is een bron nummer 3.": Remembered("Three.", "b.po")}
    asked = ["Frictie is een bron van energie nummer 3.", "Iets heel anders.", "Frictie is een bron, nummer 3."]
    again = matches_again(old, new, {source: matches(old, source) for source in asked})
    assert again == {source: matches(new, source) for source in asked}
    assert again["Frictie is een bron, nummer 3."][0][0] == "Frictie is een bron nummer 3."  # the added text, ranked in


def test_a_url_slug_is_no_translation_the_memory_offers() -> None:
    """The trial: the workspace offered a page's own slug ('cycling-in-the-rain', 78 %) for its title."""
    catalog = SimpleNamespace(translations=[
        Translation("slug", "fietsen-in-de-regen", "cycling-in-the-rain", False, 5),
        Translation(None, "Fietsen in de regen", "Cycling in the rain", False, 9),
    ])
    memory = build_memory([("x.po", catalog)])
    assert list(memory) == ["Fietsen in de regen"]
