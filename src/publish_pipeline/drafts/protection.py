"""Markup protection: what a machine translation engine must not touch.

Before a segment goes to an engine, its inline code, URLs, link and image syntax,
template syntax (Hugo shortcodes, Liquid), inline HTML, inline math (``$…$``, ``\\(…\\)``), kramdown's
span attributes (``{: .btn}``), emoji shortcodes (``:smile:``, ``:+1:``, which Hugo and GitHub show as emoji by
their English names), emphasis markers, escapes,
hard line breaks and glossary terms are replaced by numbered placeholders
(``⟦1⟧``). Link text, image alt text and emphasised words stay as text, so they
are translated in context. After the round
trip every placeholder must come back exactly once; ``restore`` puts the original
markup (or the glossary's English) back and says precisely what was damaged if it
cannot.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..catalogs.glossary import Glossary, Occurrence
from ..text.template_syntax import PATTERN as _TEMPLATE

_TITLE = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))"""
_DESTINATION = r"(?:<[^<>\n]*>|(?:[^()\s\\]|\\.|\((?:[^()\s\\]|\\.)*\))*)"
_MARKUP = re.compile(
    "|".join(
        [
            r"(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)",  # code span
            _TEMPLATE.pattern,  # Hugo shortcode, Liquid tag or output (after code: inside code it is code)
            r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>",  # autolink
            r"<!--[\s\S]*?-->|</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>",  # inline HTML
            r"\$\$[^$]+?\$\$|(?<![\\$\w])\$(?![\s$])(?:[^$\n\\]|\\.)+?(?<![\s\\])\$(?![\w$])",  # inline math: $x_1$, not $5 en $10
            r"\\\((?:[^\n\\]|\\(?!\)).)*?\\\)",  # inline math: \(\alpha\)
            r"\{:[^{}\n]*\}",  # kramdown's attributes after a span: [Start](#start){: .btn}
            rf"\]\(\s*{_DESTINATION}(?:\s+{_TITLE})?\s*\)",  # link or image tail
            r"\]\[[^\[\]]*\]|\]",  # reference tail, or the end of a link text
            r"!?\[",  # link or image opening
            r"\\\n|[ ]{2,}\n",  # hard line break
            r"\\[!-/:-@\[-`{-~]",  # backslash escape
            r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",  # entity
            r"https?://[^\s<>()\[\]\\]*[^\s<>()\[\]\\.,;:!?'\"]",  # bare URL
            r"(?<![A-Za-z0-9]):(?:[+-]1|[a-z0-9][a-z0-9_+-]*):(?![A-Za-z0-9])",  # emoji shortcode: :smile:, :+1:
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


def nothing_to_translate(text: str) -> bool:
    """Whether a protected text is placeholders alone (with spaces, digits or punctuation): a whole glossary term, a
    lone image or link. An engine gives it back as it is, so it is not sent: a request is paid for."""
    return not any(character.isalpha() for character in _PLACEHOLDER.sub("", text))


def placeholders(text: str) -> list[int]:
    """The placeholder numbers in a text, in order."""
    return [int(match.group(1)) for match in _PLACEHOLDER.finditer(text)]


def restore(translated: str, masked: Masked, *, strict: bool = True) -> str:
    """The translation with every placeholder turned back into what it stands for.

    Strict (the default) raises DamagedDraft when a placeholder is missing, doubled
    or invented; otherwise what can be restored is, and the rest left as it is.
    """
    found = Counter(placeholders(translated))
    expected = range(1, len(masked.slots) + 1)
    problems = [
        *(f"placeholder ⟦{n}⟧ ({_show(masked.slots[n - 1].text)}) is missing" for n in expected if n not in found),
        *(f"placeholder ⟦{n}⟧ appears {found[n]} times" for n in sorted(found) if found[n] > 1),
        *(f"placeholder ⟦{n}⟧ was invented" for n in sorted(found) if n not in expected),
    ]
    if problems and strict:
        raise DamagedDraft("; ".join(problems))
    texts, slots, position = [], [], 0  # the text around each placeholder, and what it stands for
    for match in _PLACEHOLDER.finditer(translated):
        if (number := int(match.group(1))) in expected:
            texts.append(translated[position : match.start()])
            slots.append(masked.slots[number - 1])
            position = match.end()
    texts.append(translated[position:])
    for index, slot in enumerate(slots):
        # Engines like to put spaces around placeholders; markup glued to a word must stay glued.
        if slot.glued_before:
            texts[index] = texts[index].rstrip(" \t")
        if slot.glued_after:
            texts[index + 1] = texts[index + 1].lstrip(" \t")
    restored = [_DOUBLED_SPACES.sub(" ", texts[0])]
    for slot, text in zip(slots, texts[1:]):
        restored += (slot.text, _DOUBLED_SPACES.sub(" ", text))
    return "".join(restored).strip(" ")


_DOUBLED_SPACES = re.compile(r"[ \t]{2,}")


def _show(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:27] + "...")


def _protected_spans(text: str, glossary: Glossary | None) -> list[tuple[int, int, str]]:
    """(start, end, what the placeholder becomes) for every protected part, merged where they touch."""
    markup, openings = [], []
    for match in _MARKUP.finditer(text):
        written = match.group(0)
        if written.endswith("["):
            openings.append(match.end())
        elif written.startswith("]") and openings:
            label = text[openings.pop() : match.start()]
            if written == "][]" and "\n" not in label:  # a collapsed reference: its label is the link text the engine translates
                written = f"][{label}]"  # so the English says it in full: [the source][de bron]
        markup.append((match.start(), match.end(), written))
    spans = sorted(markup + _terms_as_english(text, glossary)) if glossary else markup
    merged: list[tuple[int, int, str]] = []
    for start, end, replacement in spans:
        if merged and merged[-1][1] == start:
            previous = merged.pop()
            merged.append((previous[0], end, previous[2] + replacement))
        else:
            merged.append((start, end, replacement))
    return merged


def terms_in_words(text: str, glossary: Glossary) -> list[Occurrence]:
    """The glossary terms in a text's words: not in its URLs, code or HTML (``de-functie-van-frictie`` in a link)."""
    markup = [match.span() for match in _MARKUP.finditer(text)]
    return [found for found in glossary.find(text) if not any(start < found.end and found.start < end for start, end in markup)]


def _terms_as_english(text: str, glossary: Glossary) -> list[tuple[int, int, str]]:
    """Glossary terms that are whole words outside the markup, each as the English it becomes.

    A term inside a compound (``veranderopgavenoverzicht``) is left to the engine: a
    placeholder glued into a word cannot come back as English; ``check`` judges the result.
    """
    return [
        (found.start, found.end, glossary.target_for(found, text[found.start : found.end]))
        for found in terms_in_words(text, glossary)
        if found.whole
    ]
