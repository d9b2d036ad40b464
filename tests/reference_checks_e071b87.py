"""FROZEN REFERENCE: what issue 17 replaced in ``catalogs/checks.py``, exactly as it was at e071b87.

Only ``test_checks_reference.py`` uses it: it runs the checks once as they are and once with these
definitions put back, and asserts that both report the same problems. Never edit it to follow the
current code: its worth is that it stays what was.
"""

from __future__ import annotations

import re

from publish_pipeline.catalogs.checks import ABBREVIATIONS, _WORD

_NUMBER = re.compile(r"(?<![\w.,])\d(?:[\d.,]*\d)?")
_BOUNDARY = re.compile(r"(\S*?)([.!?…]+)[\"'’”»)\]*_]*\s+(?=[\"'‘“«(*_]*[A-Z0-9À-ÖØ-Þ])")
_DOUBLED_SPACE = re.compile(r"\S {2,}\S")
_DOUBLED_WORD = re.compile(r"(?<!\w)([^\W\d_]+)\s+\1(?!\w)", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _BOUNDARY.finditer(text):
        word = match.group(1).lstrip("\"'‘“«(*_")
        if match.group(2) == "." and (word.lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]|(?:[^\W\d_]\.)+[^\W\d_]", word)):
            continue  # "bijv.", "e.g.", "J. Smith": a full stop that ends no sentence
        parts.append(text[start : match.end()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if _WORD.search(part)]


REPLACED = {"_NUMBER": _NUMBER, "_DOUBLED_SPACE": _DOUBLED_SPACE, "_DOUBLED_WORD": _DOUBLED_WORD, "sentences": sentences}
"""The names in ``catalogs.checks`` whose old values these are."""
