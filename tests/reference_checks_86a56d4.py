"""FROZEN REFERENCE: the checks ``sentences`` and ``dutch`` and the sentence splitter, exactly as they were at 86a56d4.

Only ``test_checks_reference_86a56d4.py`` uses it: it runs these and the checks as they are on the same entries
and asserts that both find the same. Never edit it to follow the current code: its worth is that it stays what was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publish_pipeline.wording import plural

from publish_pipeline.catalogs.checks import (
    DUTCH_WORDS, UNMISTAKABLY_DUTCH, _WORD, Entry, Finding, _abbreviated, _dutch_emphasized, _dutch_words, _is_dutch, _Outline, _term,
)

_BOUNDARY = re.compile(r"([.!?…]+)[\"'’”»)\]*_]*\s+(?=[\"'‘“«(*_]*[A-Z0-9À-ÖØ-Þ])")


def sentences(text: str) -> list[str]:
    parts, start, searched = [], 0, 0
    for match in _BOUNDARY.finditer(text):
        after, searched = searched, match.end()
        if match.group(1) == "." and _abbreviated(text[after : match.start()]):
            continue  # "bijv.", "e.g.", "J. Smith": a full stop that ends no sentence
        parts.append(text[start : match.end()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if _WORD.search(part)]


def _sentences(entry: Entry) -> Iterator[str]:
    dutch, english = len(sentences(entry.dutch.words)), len(sentences(entry.english.words))
    if dutch != english:
        change = "dropped" if english < dutch else "added"
        yield f"{plural(dutch, 'sentence')} in the Dutch, {english} in the English: a sentence {change}? (fine when it was joined or split on purpose)"


def _prose(entry: Entry, outline: _Outline) -> list[str]:
    return _WORD.findall(_without_kept_terms(entry, outline.words))


def _dutch(entry: Entry) -> Iterator[Finding]:
    if entry.text == entry.source:
        return
    outline = entry.english
    if entry.dutch.emphasized and outline.emphasized:
        yield from _dutch_emphasized(entry)
    words = _prose(entry, outline)
    if not DUTCH_WORDS.intersection(map(str.lower, words)) - {"in", "is"}:
        return
    left = [sentence for sentence in sentences(_without_kept_terms(entry, outline.words)) if _is_dutch(_WORD.findall(sentence))]
    if left:
        yield from (Finding(f"a Dutch sentence left in the English: '{sentence}'", "sentence") for sentence in left)
    elif UNMISTAKABLY_DUTCH.intersection(w for w in _dutch_words(words) if w.islower()) or _is_dutch(words, share=6, english=False):
        yield Finding(f"Dutch words left in the English: {', '.join(sorted(set(_dutch_words(words)))[:6])}", "words")


def _without_kept_terms(entry: Entry, text: str) -> str:
    for term in sorted(entry.glossary.keep, key=len, reverse=True):
        text = _term(term).sub(" ", text)
    return text


REPLACED = {"sentences": sentences, "dutch": _dutch}
"""The checks (by id) and the functions of ``catalogs.checks`` (by name) whose old versions these are."""
