"""Dutch left in an English translation (the check ``dutch``), judged on a corpus: correct English, with Dutch names,
places, titles, quotes, code and the words both languages share, which must pass, and half-Dutch English as machine
drafts leave it ("Gisteren fietste I to my werk in the stromende regen."), which must be caught.

The corpus is ``fixtures/dutch-left.txt`` (written cases) and the demo site's approved entries (the author's real
text and its reviewed English)."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs.checks import Entry, check_entries, sentences
from publish_pipeline.catalogs.extraction import load_unit
from publish_pipeline.catalogs.glossary import Glossary, load_glossary
from publish_pipeline.site import Site

CORPUS = Path(__file__).parent / "fixtures" / "dutch-left.txt"
DEMO = Path(__file__).parent / "sites" / "demo"


def _cases() -> list[tuple[str, list[str], list[str], list[str]]]:
    """Each case of the corpus file: its Dutch, its good Englishes, its half-Dutch ones and those not caught yet."""
    cases = []
    for block in CORPUS.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#")]
        if not lines:
            continue
        fields: dict[str, list[str]] = {"nl": [], "good": [], "bad": [], "missed": []}
        for line in lines:
            key, _, text = line.partition(": ")
            fields[key].append(text)
        cases.append((fields["nl"][0], fields["good"], fields["bad"], fields["missed"]))
    return cases


def _demo_entries() -> list[Entry]:
    """The demo site's approved entries, with its glossary and each document's references."""
    site = Site.open(DEMO)
    glossary = load_glossary(site.root)
    entries = []
    for path in sorted((site.root / "source_nl").rglob("*.md")):
        unit = load_unit(site, path, remember=False)
        entries += [Entry(t, unit.references, glossary) for t in unit.catalog.translations if t.approved]
    return entries


def _entry(dutch: str, english: str) -> Entry:
    return Entry(Translation(None, dutch, english, False, 3), {}, Glossary())


GOOD = [_entry(dutch, english) for dutch, goods, _, _ in _cases() for english in goods] + _demo_entries()
BAD = [_entry(dutch, english) for dutch, _, bads, _ in _cases() for english in bads]
MISSED = [_entry(dutch, english) for dutch, _, _, missed in _cases() for english in missed]


def dutch_left(entry: Entry) -> list[str]:
    """What the check ``dutch`` says of an approved English."""
    return [problem.message for problem in check_entries([entry]) if problem.check.startswith("dutch")]


def test_the_corpus_is_large_enough_to_tell() -> None:
    assert sum(len(sentences(entry.translation.text)) for entry in GOOD) >= 200
    assert len(BAD) >= 50


@pytest.mark.parametrize("entry", GOOD, ids=[entry.translation.text[:40] for entry in GOOD])
def test_good_english_with_dutch_names_quotes_code_and_titles_is_no_dutch_left(entry: Entry) -> None:
    assert dutch_left(entry) == []


@pytest.mark.parametrize("entry", BAD, ids=[entry.translation.text[:40] for entry in BAD])
def test_dutch_words_left_in_an_english_sentence_are_caught(entry: Entry) -> None:
    assert dutch_left(entry)


@pytest.mark.xfail(strict=True, reason="not caught yet: a Dutch word only at a sentence's start, or rare content words")
@pytest.mark.parametrize("entry", MISSED, ids=[entry.translation.text[:40] for entry in MISSED])
def test_what_is_not_caught_yet(entry: Entry) -> None:
    assert dutch_left(entry)
