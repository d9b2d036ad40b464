"""The sentence splitter and the checks ``sentences`` and ``dutch`` find exactly what they found before they
were made cheaper (issue 17: the splitter's pattern starts with a single character so that the regex engine
skips ahead to it; the sentences are counted without being made; the terms that stay Dutch are sorted once
per glossary and taken out of a text once).

``reference_checks_86a56d4`` keeps, frozen, what that change replaced. Each entry — generated from the
fragments of ``test_checks_reference`` (markup, numbers, sentence ends, abbreviations, Dutch words, names,
terms that stay Dutch), the demo sites' translations and the bench corpus's — must get the same findings
from both.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from unittest.mock import patch
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reference_checks_86a56d4 as reference
from conftest import REPO
from publish_pipeline.catalogs import checks
from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs.glossary import Glossary
from test_checks_reference import CONTEXTS, FRAGMENTS, GLOSSARY, NOTES, REFERENCES, SENTENCE_PIECES, TRICKY_SENTENCES, _pair, demo_site_pairs

sys.path.insert(0, str(REPO / "bench"))
from corpus import paragraph, translate  # noqa: E402

GLOSSARIES = [GLOSSARY, Glossary(), Glossary({}, ("Het Boek", "Boek", "De functie van frictie", "van", "die"))]
CHECKED = {rule.id: rule.run for rule in checks.CHECKS if rule.id in ("sentences", "dutch")}

@pytest.fixture(autouse=True, scope="module")
def _without_the_rule_that_came_later() -> Iterator[None]:
    """``dutch.untranslated`` (an English text that is still its Dutch), the Dutch content words a half-translated English
    kept, ``sentences.length`` (an English far longer or shorter than its Dutch) and web addresses taken out of the
    Dutch-word checks (and the titles kept in Dutch, template syntax, a sentence's first word in lower case or a name, and the
    error of Dutch beyond doubt) came after the reference was frozen;
    the rest of the checks must find what the reference finds."""
    with patch.multiple(checks, _still_dutch=lambda entry, prose: [], _content_words_left=lambda entry, prose, english: [], _without_addresses=lambda prose: prose,
        _without_dutch_titles=lambda entry, prose: prose,
        _without_template_syntax=lambda text: text, _sentence_words=lambda entry, prose: [checks._WORD.findall(prose)],
        _without_opening_title=lambda entry, words: words,
        _words_left=_words_left_as_before, _sentence_left=_sentence_left_as_before,
                        _length_differs=lambda source, text: None):
        yield


def _words_left_as_before(entry: checks.Entry, prose: str, words: list[str]) -> checks.Finding:
    return checks.Finding(f"Dutch words left in the English: {', '.join(words[:6])}", "words")


def _sentence_left_as_before(entry: checks.Entry, sentence: str) -> checks.Finding:
    return checks.Finding(f"a Dutch sentence left in the English: '{sentence}'", "sentence")


def assert_same(pairs: list[tuple[str | None, str, str, str]], glossary: Glossary = GLOSSARY) -> None:
    for index, (context, source, text, note) in enumerate(pairs):
        entry = checks.Entry(Translation(context, source, text, False, 10 + index, note), REFERENCES, glossary)
        for id, run in CHECKED.items():
            assert list(map(found, run(entry))) == list(map(found, getattr(reference, f"_{id}")(entry))), (id, source, text)
        for words in (entry.dutch.words, entry.english.words):
            assert checks.sentences(words) == reference.sentences(words)


def found(said: str | checks.Finding) -> tuple[object, ...]:
    """A finding without what it says to do (after " — "): each message says it since session 29."""
    if isinstance(said, str):
        return (said.split(" — ")[0],)
    return (said.message.split(" — ")[0], said.aspect, said.severity)


def test_generated_entries_get_the_same_findings_as_before() -> None:
    rng = random.Random(86)
    for glossary in GLOSSARIES:
        for _ in range(10):
            assert_same([_pair(rng) for _ in range(100)], glossary)


fragments = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(CONTEXTS), fragments, fragments, st.sampled_from(NOTES), st.sampled_from(GLOSSARIES))
def test_any_entry_gets_the_same_findings_as_before(context: str | None, source: str, text: str, note: str, glossary: Glossary) -> None:
    assert_same([(context, source, text, note)], glossary)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES + TRICKY_SENTENCES), max_size=20).map("".join))
def test_sentences_split_as_before(text: str) -> None:
    assert checks.sentences(text) == reference.sentences(text)
    assert len(checks._sentence_pieces(text)[1]) == len(reference.sentences(text))


def test_the_bench_corpus_and_the_demo_sites_get_the_same_findings_as_before() -> None:
    pairs = []
    for number in range(300):  # bench/corpus.py's posts, as the bench translates them
        dutch = paragraph(random.Random(number), number)
        pairs.append((None, dutch, translate(dutch), ""))
    pairs += demo_site_pairs()
    for glossary in GLOSSARIES:
        assert_same(pairs, glossary)
