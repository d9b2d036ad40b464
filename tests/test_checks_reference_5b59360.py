"""Every check rule, and the loop that runs them, finds exactly what it found before issue 17 made the rules cheaper
(fewer calls per entry, one list of sentence spans, rules skipped where they cannot find anything, patterns the
regex engine skips ahead on).

``reference_checks_5b59360`` keeps, frozen, the rules and the loop as they were. Each entry — generated from the
fragments of ``test_checks_reference`` and the edge cases below (abbreviations and initials at sentence ends,
doubled words across case, punctuation and letters outside ASCII, numbers with separators, glossary terms, markup,
``ignore:`` comments naming checks and aspects), the demo sites' translations and the bench corpus's — must get
the same findings of each rule, and the same problems (check, severity, line, message, Dutch, in the same order)
and the same number of silenced ones from the loop.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from unittest.mock import patch
from dataclasses import astuple, replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import reference_checks_5b59360 as reference
from publish_pipeline.catalogs import checks
from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs.glossary import Glossary, Term
from publish_pipeline.text import template_syntax
from test_checks_reference import CONTEXTS, FRAGMENTS, REFERENCES, SENTENCE_PIECES, TRICKY_SENTENCES, _pair, demo_site_pairs
from test_checks_reference_86a56d4 import GLOSSARIES, paragraph, translate

EDGES = [
    # doubled words: case, punctuation, apostrophes and hyphens, digits and underscores next to them, other scripts
    "dat dat", "Dat dat", "DAT dat", "dat, dat", "dat. Dat", "(dat dat)", "*dat* dat", "dat *dat*", "dat\u00a0dat", "dat\tdat",
    "don't don't", "co-op co-op", "3de de", "de de3", "de_ de", "x_dat dat", "één één", "Één één", "ideeën ideeën", "café Café",
    "straße STRASSE", "ßß ßß", "İ i", "i İ", "\u212a k", "k \u212a", "ſ s", "Σ σ", "ς σ", "ΑΣ ας", "Ωμέγα ωμέγα", "я Я", "日本 日本",
    "de de de", "the the the", "a a", "A a.", "I I", "x x", "ab abab", "abab ab",
    # numbers with separators, in either language's way
    "1.250", "1,250", "1.250,50", "1,250.50", "12.500", "0,5", "0.5", "3,14", "1.000.000", "1,000,000", "10.000,-", "2.5%",
    "€ 1.250", "$1,250", "v1.2.3", "2019-2020", "1,2,3", "٣", "²", "Ⅻ", "twee", "two", "tweeëntwintig", "twenty-two",
    # sentence ends: abbreviations, initials, quotes and brackets, ellipses, lists
    "bijv. De", "e.g. The", "Dr. Smith", "J. Smith", "J.R. Tolkien", "A.B. C", "m.a.w. Dit", "o.a. Het", "vs. De", "no. 5",
    "p. 12", "3. Dan", "Klaar. Dan", "Klaar! Dan", "Klaar? Dan", "Klaar… Dan", "Klaar... Dan", 'Klaar." Dan', "Klaar.) Dan",
    "(Klaar.) Dan", "«Klaar.» Dan", "Klaar.’ ‘Dan", "Klaar. «Dan", "Klaar. 1 ", "x. É", "x. Ø", "x. ß", ". A", " . A",
    # glossary terms, kept and translated, inflected
    "veranderopgave", "Veranderopgave", "veranderopgaven", "change challenge", "change task", "krachtenveld", "force field",
    "field of force", "field of forces", "De functie van frictie", "de functie van frictie", "Het Boek", "het boek", "Boek",
]
FRAGMENTS_AND_EDGES = FRAGMENTS + EDGES + SENTENCE_PIECES + TRICKY_SENTENCES
NOTES = [
    "", "", "", "mt: google", "ignore: dutch", "ignore: doubled", "ignore: sentences", "ignore: markup.links, numbers.8",
    "ignore: markup", "ignore: numbers", "ignore: glossary", "ignore: punctuation, whitespace", "ignore: template, slug, title",
    "ignore: dutch.words", "ignore: dutch.sentence", "ignore: markup.emphasis, markup.link-order", "ignore: numbers.1250",
    "ignore: unchanged", "ignore: doubled\nignore: sentences", "mt: google\nignore: numbers.5",
]
GLOSSARIES_AND_TERMS = [
    *GLOSSARIES,
    Glossary({"veranderopgave": "change challenge", "krachtenveld": Term("force field", ("field of force",), ("field of forces",))}, ()),
]
RULES = {rule.id: (rule.run, old.run) for rule, old in zip(checks.CHECKS, reference.CHECKS, strict=True)}

@pytest.fixture(autouse=True, scope="module")
def _without_the_rule_that_came_later() -> Iterator[None]:
    """``dutch.untranslated`` (an English text that is still its Dutch), large numbers in words carried over like
    digits ("twee miljoen" = 2,000,000), ``unchanged`` for a text of one word (with a message that says what to do),
    an inline tag with its alt text translated taken for the Dutch's and one item written as another said once
    came after the reference was frozen; so did the whitespace check's words (which end, and what to do; a line break
    left to msgfmt in an approved entry): the reference runs today's. So did the Dutch content words a half-translated
    English kept, ``markup.block`` (an English that starts another block), ``sentences.length`` and a reference at the end
    read as its character ("&copy;" is no ';'), web addresses, titles kept in Dutch and template syntax taken out of the
    Dutch-word checks, a sentence's first word in lower case (and a name opening it) and the error of Dutch beyond doubt; so did
a Hugo shortcode closed otherwise than it opened (``template_syntax.misclosing``). The rest of the checks must find what the reference finds."""
    whitespace = next(index for index, rule in enumerate(reference.CHECKS) if rule.id == "whitespace")
    today = next(rule for rule in checks.CHECKS if rule.id == "whitespace")
    with patch.multiple(
        checks, _still_dutch=lambda entry, prose: [], _large=lambda numbers: {}, _scaled=lambda value, *_: value,
        _tag_shape=lambda tag: tag, _differences=_each_difference,
        _same_as_dutch=lambda entry: entry.text == entry.source and len(checks._prose(entry, entry.dutch)) >= 2,
        UNCHANGED="the English is the same as the Dutch", _content_words_left=lambda entry, prose, english: [], _without_addresses=lambda prose: prose,
        _without_dutch_titles=lambda entry, prose: prose,
        _without_template_syntax=lambda text: text, _sentence_words=lambda entry, prose: [checks._WORD.findall(prose)],
        _without_opening_title=lambda entry, words: words,
        _words_left=_words_left_as_before, _sentence_left=_sentence_left_as_before,
        new_block=lambda translation: None, _length_differs=lambda source, text: None,
        _last_character=lambda text: text.rstrip(checks._CLOSERS)[-1:],
    ), patch.object(template_syntax, "misclosing", lambda text: ""), patch.dict(RULES, {"whitespace": (today.run, today.run)}), \
            patch.object(reference, "CHECKS", list(reference.CHECKS)):
        reference.CHECKS[whitespace] = today
        yield




def _words_left_as_before(entry: checks.Entry, prose: str, words: list[str]) -> checks.Finding:
    return checks.Finding(f"Dutch words left in the English: {', '.join(words[:6])}", "words")


def _sentence_left_as_before(entry: checks.Entry, sentence: str) -> checks.Finding:
    return checks.Finding(f"a Dutch sentence left in the English: '{sentence}'", "sentence")


def _each_difference(kind: str, aspect: str, missing: list[str], added: list[str], what: str) -> Iterator[checks.Finding]:
    """The reference's: every item missing and every one added, each an error of its own."""
    for item in missing:
        yield checks.Finding(f"{kind} {item} is missing", aspect)
    for item in added:
        yield checks.Finding(f"{kind} {item} is not in the Dutch", aspect)


def _entries(pairs: list[tuple[str | None, str, str, str]], glossary: Glossary) -> list[checks.Entry]:
    return [
        checks.Entry(Translation(context, source, text, False, 10 + index, note), REFERENCES, glossary)
        for index, (context, source, text, note) in enumerate(pairs)
    ]


def assert_same(pairs: list[tuple[str | None, str, str, str]], glossary: Glossary) -> None:
    """Each rule finds what it found, and the loop reports and silences what it did (fresh entries for each)."""
    assert [rule.id for rule in checks.CHECKS] == [rule.id for rule in reference.CHECKS]
    for entry in _entries(pairs, glossary):
        if entry.text:
            for id, (now, before) in RULES.items():
                assert list(map(found, now(entry))) == list(map(found, before(entry))), (id, entry.translation)
    now = checks.check_entries_counting_silenced(_entries(pairs, glossary))
    before = reference.check_entries_counting_silenced(_entries(pairs, glossary))
    assert ([found(p) for p in now.problems], now.silenced) == ([found(p) for p in before.problems], before.silenced)


def found(said: str | checks.Finding | checks.Problem) -> tuple[object, ...]:
    """A finding or problem without what it says to do (after " — "): each message says it since session 29."""
    if isinstance(said, str):
        return (said.split(" — ")[0],)
    return astuple(replace(said, message=said.message.split(" — ")[0]))


def _text(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(FRAGMENTS_AND_EDGES) + (" " if rng.random() < 0.6 else "") for _ in range(parts))


def test_generated_entries_get_the_same_findings_as_before() -> None:
    rng = random.Random(5)
    for glossary in GLOSSARIES_AND_TERMS:
        for _ in range(6):
            pairs = [_pair(rng) for _ in range(60)]
            pairs += [(rng.choice(CONTEXTS), _text(rng, rng.randint(0, 25)), _text(rng, rng.randint(0, 25)), rng.choice(NOTES)) for _ in range(60)]
            pairs += [(None, source, source, rng.choice(NOTES)) for _, source, _, _ in pairs[:20]]  # the English the same as the Dutch
            assert_same(pairs, glossary)


fragments = st.lists(st.sampled_from(FRAGMENTS_AND_EDGES), max_size=25).map(" ".join) | st.lists(st.sampled_from(FRAGMENTS_AND_EDGES), max_size=25).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CONTEXTS), fragments, fragments, st.sampled_from(NOTES)), min_size=1, max_size=4),
       st.sampled_from(GLOSSARIES_AND_TERMS))
def test_any_entries_get_the_same_findings_as_before(pairs: list[tuple[str | None, str, str, str]], glossary: Glossary) -> None:
    assert_same(pairs, glossary)


@settings(max_examples=500, deadline=None)
@given(st.text("aAdDtTßİiıK\u212aſsΣσς1_ \u00a0\n\t.,'’-*(", max_size=40), st.text("aAdDtTßİiıK\u212aſsΣσς1_ \u00a0\n\t.,'’-*(", max_size=40),
       st.sampled_from(NOTES))
@example("dat dat", "dat dat", "")
@example("x", "İ i", "")
def test_doubled_words_and_spaces_in_any_letters_are_found_as_before(source: str, text: str, note: str) -> None:
    assert_same([(None, source, text, note)], Glossary())


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES + TRICKY_SENTENCES + EDGES[40:80]), max_size=20).map("".join),
       st.lists(st.sampled_from(SENTENCE_PIECES + TRICKY_SENTENCES + EDGES[40:80]), max_size=20).map("".join))
def test_sentences_and_numbers_are_counted_as_before(source: str, text: str) -> None:
    assert_same([(None, source, text, "")], Glossary())
    for words in (source, text):
        assert checks.sentences(words) == reference.sentences(words)


@pytest.mark.parametrize("glossary", GLOSSARIES_AND_TERMS)
def test_the_bench_corpus_and_the_demo_sites_get_the_same_findings_as_before(glossary: Glossary) -> None:
    pairs = []
    for number in range(200):  # bench/corpus.py's posts, as the bench translates them
        dutch = paragraph(random.Random(number), number)
        pairs.append((None, dutch, translate(dutch), ""))
    assert_same(pairs + demo_site_pairs(), glossary)


@settings(max_examples=1500, deadline=None)
@given(st.text(st.sampled_from([*"aAbBdDtTzZ", " ", " ", "\t", "\n", "\x0b", "\x1c", "\x1f", "\x7f", "1", "_", ".", "'", "-"]), max_size=30)
       | st.text(st.characters(max_codepoint=127), max_size=30))
@example("dat\x1cDat")  # whitespace to str.isspace and Unicode patterns, not to ASCII mode's \s
@example("a_ a")
def test_the_ascii_pattern_for_doubled_words_finds_what_the_unicode_one_does_in_ascii_text(text: str) -> None:
    found = [(m.span(), m[1]) for m in checks._DOUBLED_ASCII_WORD.finditer(text)]
    assert found == [(m.span(), m[1]) for m in checks._DOUBLED_WORD.finditer(text)]


DUTCH_AND_NOT = [*sorted(checks.DUTCH_WORDS), "Het", "DAT", "de", "of", "the", "in", "is", "dee", "op-en", "zo'n", "die's", "x"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(DUTCH_AND_NOT) | st.text(st.characters(max_codepoint=127), max_size=3), max_size=12).map("".join)
       | st.lists(st.sampled_from(DUTCH_AND_NOT) | st.sampled_from([" ", "-", "'", "’", "1", "_", ".", "\x1c", "é", "\u212a"]), max_size=12).map("".join))
@example("3de")  # a digit is a word character, not a letter: "de" is a word of _WORD's
@example("op-en de")
@example("\u212aan")  # KELVIN SIGN: lower case "kan", not ASCII
@example("hEt")  # a Dutch word in any mix of cases
def test_a_text_said_to_have_no_dutch_word_has_none(text: str) -> None:
    if not checks._may_have_dutch_words(text, checks._words_as_written(text)):
        assert checks.DUTCH_WORDS.isdisjoint(word.lower() for word in checks._WORD.findall(text))
