"""Markup protection: what a machine translation engine must not touch.

Before a segment goes to an engine, its inline code, URLs, link and image syntax,
template syntax (Hugo shortcodes, Liquid), inline HTML, emphasis markers, escapes,
hard line breaks and glossary terms are replaced by numbered placeholders
(``⟦1⟧``). Link text, image alt text and emphasised words stay as text, so they
are translated in context. After the round
trip every placeholder must come back exactly once; ``restore`` puts the original
markup (or the glossary's English) back and says precisely what was damaged if it
cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .glossary import Glossary
from .template_syntax import PATTERN as _TEMPLATE

_TITLE = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))"""
_DESTINATION = r"(?:<[^<>\n]*>|(?:[^()\s\\]|\\.|\((?:[^()\s\\]|\\.)*\))*)"
_MARKUP = re.compile(
    "|".join(
        [
            r"(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)",  # code span
            _TEMPLATE.pattern,  # Hugo shortcode, Liquid tag or output (after code: inside code it is code)
            r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>",  # autolink
            r"<!--[\s\S]*?-->|</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>",  # inline HTML
            rf"\]\(\s*{_DESTINATION}(?:\s+{_TITLE})?\s*\)",  # link or image tail
            r"\]\[[^\[\]]*\]|\]",  # reference tail, or the end of a link text
            r"!?\[",  # link or image opening
            r"\\\n|[ ]{2,}\n",  # hard line break
            r"\\[!-/:-@\[-`{-~]",  # backslash escape
            r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",  # entity
            r"https?://[^\s<>()\[\]\\]*[^\s<>()\[\]\\.,;:!?'\"]",  # bare URL
            r"\*+|~~|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])",  # emphasis delimiters
        ]
    )
)
_PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")


class DamagedDraft(ValueError):
    """The engine lost, duplicated or invented a placeholder."""


@dataclass(frozen=True)
class Slot:
    """What placeholder ``⟦n⟧`` stands for, and whether it touched text on either side."""

    text: str
    glued_before: bool
    glued_after: bool


@dataclass(frozen=True)
class Masked:
    """``text`` is what the engine sees; ``slots[n - 1]`` is what ``⟦n⟧`` in it stands for."""

    text: str
    slots: tuple[Slot, ...]


def protect(text: str, glossary: Glossary | None = None) -> Masked:
    spans = _protected_spans(text, glossary)
    pieces: list[str] = []
    slots: list[Slot] = []
    position = 0
    for start, end, replacement in spans:
        pieces.append(text[position:start].replace("\n", " "))
        glued_before = start > 0 and not text[start - 1].isspace()
        glued_after = end < len(text) and not text[end].isspace()
        slots.append(Slot(replacement, glued_before, glued_after))
        pieces.append(f"⟦{len(slots)}⟧")
        position = end
    pieces.append(text[position:].replace("\n", " "))
    return Masked("".join(pieces), tuple(slots))


def placeholders(text: str) -> list[int]:
    """The placeholder numbers in a text, in order."""
    return [int(match.group(1)) for match in _PLACEHOLDER.finditer(text)]


def restore(translated: str, masked: Masked, *, strict: bool = True) -> str:
    """The translation with every placeholder turned back into what it stands for.

    Strict (the default) raises DamagedDraft when a placeholder is missing, doubled
    or invented; otherwise what can be restored is, and the rest left as it is.
    """
    found = placeholders(translated)
    expected = range(1, len(masked.slots) + 1)
    missing = [n for n in expected if n not in found]
    doubled = sorted({n for n in found if found.count(n) > 1})
    unknown = sorted({n for n in found if n not in expected})
    problems = [
        *(f"placeholder ⟦{n}⟧ ({_show(masked.slots[n - 1].text)}) is missing" for n in missing),
        *(f"placeholder ⟦{n}⟧ appears {found.count(n)} times" for n in doubled),
        *(f"placeholder ⟦{n}⟧ was invented" for n in unknown),
    ]
    if problems and strict:
        raise DamagedDraft("; ".join(problems))

    def put_back(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return f"\0{number}\0" if 1 <= number <= len(masked.slots) else match.group(0)

    marked = _PLACEHOLDER.sub(put_back, translated)
    for number, slot in enumerate(masked.slots, start=1):
        token = f"\0{number}\0"
        # Engines like to put spaces around placeholders; markup glued to a word must stay glued.
        if slot.glued_after:
            marked = re.sub(re.escape(token) + r"[ \t]+", token, marked)
        if slot.glued_before:
            marked = re.sub(r"[ \t]+" + re.escape(token), token, marked)
    marked = re.sub(r"[ \t]{2,}", " ", marked)
    for number, slot in enumerate(masked.slots, start=1):
        marked = marked.replace(f"\0{number}\0", slot.text)
    return marked.strip(" ")


def _show(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:27] + "...")


def _protected_spans(text: str, glossary: Glossary | None) -> list[tuple[int, int, str]]:
    """(start, end, what the placeholder becomes) for every protected part, merged where they touch."""
    spans: list[tuple[int, int, str]] = []
    position = 0
    terms = glossary.pattern() if glossary else None
    for match in _MARKUP.finditer(text):
        if terms:
            spans.extend(_terms_between(text, position, match.start(), terms, glossary))
        spans.append((match.start(), match.end(), match.group(0)))
        position = match.end()
    if terms:
        spans.extend(_terms_between(text, position, len(text), terms, glossary))
    merged: list[tuple[int, int, str]] = []
    for start, end, replacement in spans:
        if merged and merged[-1][1] == start:
            previous = merged.pop()
            merged.append((previous[0], end, previous[2] + replacement))
        else:
            merged.append((start, end, replacement))
    return merged


def _terms_between(text: str, start: int, end: int, terms: re.Pattern[str], glossary: Glossary) -> list[tuple[int, int, str]]:
    """Glossary terms in ``text[start:end]`` that are whole words of the whole text."""
    return [
        (m.start(), m.end(), glossary.target_for(m.group(0)))
        for m in terms.finditer(text, start, end)
        if not (m.start() > 0 and text[m.start() - 1].isalnum()) and not (m.end() < len(text) and text[m.end()].isalnum())
    ]
