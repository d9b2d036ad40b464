"""The checks report exactly what they reported before they were made cheaper (issue 17).

``reference_checks_e071b87`` keeps, frozen, what that change replaced (the sentence splitter and
the patterns for numbers, doubled spaces and doubled words). Every entry these tests make —
Dutch and English built from markup, numbers, sentence ends, abbreviations, Dutch words,
glossary terms, doubled words, whitespace and line breaks — must get the same problems
(check, severity, line, message, in the same order) and the same number of silenced ones
from the checks as they are and from the checks with the old definitions put back.
"""

from __future__ import annotations

import random
from dataclasses import astuple
from pathlib import Path
from unittest.mock import patch

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reference_checks_e071b87 as reference
from publish_pipeline.catalogs import checks
from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs.glossary import Glossary, Term

GLOSSARY = Glossary(
    {"veranderopgave": "change challenge", "krachtenveld": Term("force field", ("field of force",), ("field of forces",))},
    ("De functie van frictie", "Het Boek"),
)
REFERENCES = {"BOEK": {"href": "https://x.nl/boek", "title": ""}}

WORDS = (
    "het een niet wat zijn ook de van en in is dat die wordt omdat nooit heel veel vraag tijd waarheid briefje Jeroen"
    " van der Meer De Vries veranderopgave veranderopgaven krachtenveld Het Boek functie frictie"
    " the a of and it this that we you change challenge task force field forces book team school"
).split()
NUMBERS = (
    "8 1.250 1,250 1,5 1.5 2019 €1.250,50 €1,250.50 20% 12.500,50 3. 0,5 1.000.000 twenty-five vijfentwintig eight"
    " acht once twice keer honderd hundred a.m. 10.000,-"
).split()
MARKUP = [
    "*nadruk*", "**vet**", "*vraag*", "**tijd**", "_schuin_", "snake_case", "~~weg~~", "`code`", "`{{< x >}}`",
    "[a](/1)", "[b](/2)", "[het boek][boek]", "[the book][boek]", "![zee](/zee.jpg)", "<b>", "</b>",
    "<https://x.nl>", "&amp;", "R&D", "\\*", "*", "_", "[", "]", "(", ")", "<", "&", "`",
    '{{< figure src="/x.jpg" >}}', "{{< figure >}", "{% if x %}", "{% endif %}", "{{ site.author }}",
]
SPACES = [" ", " ", " ", "  ", "   ", "\n", "  \n", " \n", "\t\n", "\n  ", "\n\t", "\t", " \n \n", "\u00a0", "\u2009", "\r\n"]
PUNCTUATION = [
    ". ", "? ", "! ", "… ", "... ", "?! ", '." ', ".) ", ".’ ", ".* ", "._ ", ".*. ", ", ", ": ", "; ", ".", "?", "!", "…",
    "bijv. ", "e.g. ", "i.e. ", "J. ", "Dr. ", "m.a.w. ", "“", "”", "‘", "’", "«", "»", '"', "'", "(", ")",
    "A", "Één", "Ö", "É.", "4", "a.b. ", "x.y.z ",
]
DOUBLED = ["dat dat", "the the", "Het het", "niet  niet", "that\nthat", "Weg weg.", "ßß ßß", "İ i"]
FRAGMENTS = WORDS + NUMBERS + MARKUP + SPACES + PUNCTUATION + DOUBLED
NOTES = ["", "", "", "ignore: dutch", "ignore: markup.links, numbers.8", "ignore: sentences, doubled", "ignore: numbers, markup"]
CONTEXTS = [None, None, None, None, "title", "slug"]


def findings(pairs: list[tuple[str | None, str, str, str]]) -> tuple[list[tuple], int]:
    """Every problem the checks find in these entries (as plain tuples), and how many were silenced."""
    entries = [
        checks.Entry(Translation(context, source, text, False, 10 + index, note), REFERENCES, GLOSSARY)
        for index, (context, source, text, note) in enumerate(pairs)
    ]
    found = checks.check_entries_counting_silenced(entries)
    return [astuple(problem) for problem in found.problems], found.silenced


def assert_same(pairs: list[tuple[str | None, str, str, str]]) -> None:
    now = findings(pairs)
    with patch.multiple(checks, **reference.REPLACED):
        before = findings(pairs)
    assert now == before


def _text(rng: random.Random, parts: int) -> list[str]:
    """Fragments mostly joined by spaces, as prose is."""
    out: list[str] = []
    for _ in range(parts):
        out.append(rng.choice(FRAGMENTS))
        if rng.random() < 0.6:
            out.append(" ")
    return out


def _pair(rng: random.Random) -> tuple[str | None, str, str, str]:
    """A Dutch text and an English one: unrelated, the same, or the Dutch with a few fragments changed."""
    dutch = _text(rng, rng.randint(1, 30))
    kind = rng.random()
    if kind < 0.1:
        english = list(dutch)
    elif kind < 0.4:
        english = _text(rng, rng.randint(0, 30))
    else:
        english = list(dutch)
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(english))
            english[at : at + rng.randint(0, 2)] = _text(rng, rng.randint(0, 3))
    return rng.choice(CONTEXTS), "".join(dutch), "".join(english), rng.choice(NOTES)


def test_generated_entries_get_the_same_problems_as_before() -> None:
    rng = random.Random(17)
    for _ in range(40):
        assert_same([_pair(rng) for _ in range(100)])


fragments = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CONTEXTS), fragments, fragments, st.sampled_from(NOTES)), min_size=1, max_size=4))
def test_any_entries_get_the_same_problems_as_before(pairs: list[tuple[str | None, str, str, str]]) -> None:
    assert_same(pairs)


SENTENCE_PIECES = [*".!?… \t\n\u00a0\"'’”»)]*_‘“«(AZbxÉöß14,", "bijv", "Bijv", "e.g", "i.e", "J", "Dr", "m.a.w", "a.b", "zgn"]
TRICKY_SENTENCES = [
    "Zie bijv*. Anders", "Zie *bijv. Anders", '"Bijv. Anders', "(J. Smith) kwam. Daarna", "Het kost 3. Daarna",
    "a.b. C", "x... Y", "x.. Y", "x.?. Y", "«Dr.» Smith", "Kom.*. Nu", "e.g.\u00a0 Dit", "  bijv. A", "A. B. C. D",
]


@pytest.mark.parametrize("text", TRICKY_SENTENCES)
def test_tricky_sentences_split_as_before(text: str) -> None:
    assert checks.sentences(text) == reference.sentences(text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=20).map("".join))
def test_sentences_split_as_before(text: str) -> None:
    assert checks.sentences(text) == reference.sentences(text)


@settings(max_examples=1500, deadline=None)
@given(st.text("aAbBßİiıK\u212a 1_\n\t.-'", max_size=30))
def test_doubled_words_and_numbers_found_as_before(text: str) -> None:
    now = checks._doubled_words(text), checks._NUMBER.findall(text)
    with patch.multiple(checks, **reference.REPLACED):
        assert (checks._doubled_words(text), checks._NUMBER.findall(text)) == now


@settings(max_examples=1500, deadline=None)
@given(st.text(" \t\n\u00a0ab", max_size=12))
def test_doubled_spaces_found_as_before(text: str) -> None:
    assert bool(checks._DOUBLED_SPACE.search(text)) == bool(reference._DOUBLED_SPACE.search(text))


def demo_site_pairs() -> list[tuple[str | None, str, str, str]]:
    """Every translated entry of the demo sites' PO files: (context, Dutch, English, translator comment)."""
    pairs = []
    for path in sorted((Path(__file__).parent / "sites").rglob("*.po")):
        try:
            catalog = polib.pofile(str(path))
        except OSError:
            continue
        pairs += [(e.msgctxt, e.msgid, e.msgstr, e.tcomment or "") for e in catalog if e.msgstr]
    return pairs


def test_the_demo_sites_translations_get_the_same_problems_as_before() -> None:
    pairs = demo_site_pairs()
    assert len(pairs) > 50
    assert_same(pairs)
