"""PO lines wrapped as GNU msgcat wraps them (``msgcat --width=N``, what Poedit has it do on a save), byte for byte.

A quoted text flows in (as ``msgid`` or ``msgstr[0]``, after an optional prefix such as ``#~ ``) with a page
width; its lines flow out. msgcat (gettext's ``write-po.c``, ``wrap``) cuts the text after each ``\\n`` into
portions, escapes each, and breaks a portion's escaped form only where the Unicode line breaking algorithm
(UAX #14 as libunistring implements it: ``ulc_width_linebreaks``) allows, when the next piece would pass the
width; a word longer than a line stays whole. A text of several lines, or one that is broken, begins with an
empty ``""`` after its keyword. Source references (``#:``) are wrapped at the width too; no other comment is.

The rules are libunistring 1.0's (gettext 0.21's msgcat): its pair table, its handling of spaces, combining
marks and zero-width spaces. A character's line break class comes from a table for ASCII, Latin-1, General
Punctuation and the few others whose category does not tell it, otherwise from its general category and East
Asian width. Tested against msgcat (tests/test_wrapping.py), also character by character: exact for ASCII,
Latin-1, Latin Extended-A, -B and Additional, IPA, spacing modifiers, combining diacritics, Greek, Cyrillic,
General Punctuation, currency signs, letterlike symbols, arrows and mathematical operators; different for some
characters of other scripts and symbols: CJK punctuation, small kana, fullwidth forms, some emoji and dingbats,
Thai, Hangul Jamo, Arabic punctuation. There a line may break elsewhere than msgcat breaks it, and Poedit's
next save rewraps that entry alone.
"""

from __future__ import annotations

import re
import unicodedata

# Line break classes (UAX #14), the first 27 in the order of libunistring's pair table.
WJ, GL, B2, BA, BB, HY, CL, CP, EX, IN, NS, OP, QU, IS, NU, PO, PR, SY, AL, H2, H3, ID, JL, JV, JT, HL, RI = range(27)
ZW, CM, BK, SP = range(27, 31)

_PAIRS = [
    # the class after: WJ GL B2 BA BB HY CL CP EX IN NS OP QU IS NU PO PR SY AL H2 H3 ID JL JV JT HL RI
    # (the rows: the class before). P: no break; I: a break only after spaces; D: a break.
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",  # WJ
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",  # GL
    "PIPIDIPPPIIDIPDDDPDDDDDDDDD",  # B2
    "PDDIDIPPPIIDIPDDDPDDDDDDDDD",  # BA
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",  # BB
    "PDDIDIPPPIIDIPIDDPDDDDDDDDD",  # HY
    "PIDIDIPPPIPDIPDIIPDDDDDDDDD",  # CL
    "PIDIDIPPPIIDIPIIIPIDDDDDDID",  # CP
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",  # EX
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",  # IN
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP
    "PIIIIIPPPIIPIPIIIPIIIIIIIII",  # QU
    "PIDIDIPPPIIDIPIDDPDDDDDDDDD",  # IS
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",  # NU
    "PIDIDIPPPIIIIPIDDPIDDDDDDID",  # PO
    "PIDIDIPPPIIIIPIDDPIIIIIIIID",  # PR
    "PIDIDIPPPIIDIPIDDPDDDDDDDID",  # SY
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",  # AL
    "PIDIDIPPPIIDIPDIDPDDDDDIIDD",  # H2
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD",  # H3
    "PIDIDIPPPIIDIPDIDPDDDDDDDDD",  # ID
    "PIDIDIPPPIIDIPDIDPDIIDIIDDD",  # JL
    "PIDIDIPPPIIDIPDIDPDDDDDIIDD",  # JV
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD",  # JT
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",  # HL
    "PIDIDIPPPIIDIPDDDPDDDDDDIDI",  # RI
]
"""libunistring's ``unilbrk_table`` (``lbrktables.c``): whether a line may break between two classes."""

_ASCII = (
    [CM] * 9 + [BA, BK, BK, BK, BK] + [CM] * 18
    + [SP, EX, QU, AL, PR, PO, AL, QU, OP, CP, AL, PR, IS, HY, IS, SY] + [NU] * 10 + [IS, IS, AL, AL, AL, EX, AL]
    + [AL] * 26 + [OP, PR, CP, AL, AL, AL] + [AL] * 26 + [OP, BA, CL, AL, CM]
)
"""The class of each ASCII character (LineBreak.txt)."""

_CLASSES = {
    "\x85": BK, "\xa0": GL, "¡": OP, "¢": PO, "£": PR, "¤": PR, "¥": PR, "«": QU, "\xad": BA, "°": PO, "±": PR,
    "´": BB, "»": QU, "¿": OP, "\u02c8": BB, "\u02cc": BB, "\u02df": BB, "\u034f": GL, "\u037e": IS,
    "\u2007": GL, "\u200b": ZW, "\u2010": BA, "\u2011": GL, "\u2012": BA, "\u2013": BA,
    "\u2014": B2, "\u2018": QU, "\u2019": QU, "\u201a": OP, "\u201b": QU, "\u201c": QU, "\u201d": QU, "\u201e": OP,
    "\u201f": QU, "\u2022": AL, "\u2024": IN, "\u2025": IN, "\u2026": IN, "\u2027": BA, "\u2028": BK, "\u2029": BK,
    "\u202f": GL, "\u2039": QU, "\u203a": QU, "\u203c": NS, "\u203d": NS, "\u2044": IS, "\u2045": OP, "\u2046": CL,
    "\u2047": NS, "\u2048": NS, "\u2049": NS, "\u2056": BA, "\u2058": BA, "\u2059": BA, "\u205a": BA, "\u205b": BA,
    "\u205d": BA, "\u205e": BA, "\u205f": BA, "\u2060": WJ, "\ufeff": WJ, "\u3000": BA, "€": PR,
    "\u2103": PO, "\u2109": PO, "\u2116": PR, "\u2212": PR, "\u2213": PR, "\u22ef": IN,
    **dict.fromkeys("\u2030\u2031\u2032\u2033\u2034\u2035\u2036\u2037", PO),
    **dict.fromkeys("\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a", BA),
    **dict.fromkeys("\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e", CM),
    **dict.fromkeys("\u035c\u035d\u035e\u035f\u0360\u0361\u0362", GL),  # combining marks over two letters
}
"""The class of the characters outside ASCII whose category does not say it (LineBreak.txt)."""

_BY_CATEGORY = {"Mn": CM, "Mc": CM, "Me": CM, "Cf": CM, "Cc": CM, "Nd": NU, "Ps": OP, "Pe": CL, "Pi": QU, "Pf": QU, "Zs": BA, "Zl": BK, "Zp": BK, "Sc": PR}

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
"""The characters msgcat writes escaped (backslash and letter): C's escapes, the backslash and the quote."""

MIN_WIDTH = 20
"""msgcat takes a narrower page as this wide."""

_PORTION = re.compile(r"[^\n]*\n|[^\n]+")


def wrapped_field(prefix: str, keyword: str, text: str, width: int) -> list[str]:
    """The lines msgcat writes for ``keyword`` (``msgid``, ``msgstr[0]``…) with ``text``, each line after
    ``prefix`` (``""``, ``#~ ``, ``#| ``…), on a page ``width`` columns wide; without line ends."""
    width = max(width, MIN_WIDTH)
    after_break = len(prefix) + 1  # where each later line's text begins: after the prefix and the opening quote
    room = width - 1 - after_break  # the closing quote must fit too
    lines: list[str] = []
    first = True
    portions = _PORTION.findall(text) or [""]
    for number, portion in enumerate(portions):
        chars, fixed = _escaped(portion)
        if portion.endswith("\n"):
            fixed[-2] = True  # never a line of its own for the closing \n
        start = len(keyword) + 1 if first else 0
        breaks = _breaks(chars, fixed, room, start)
        if first and chars and (number + 1 < len(portions) or start > room or any(breaks)):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            breaks = _breaks(chars, fixed, room, 0)
        line = [prefix, f"{keyword} " if first else "", '"']
        for char, broken in zip(chars, breaks):
            if broken:
                lines.append("".join(line) + '"')
                line = [prefix, '"']
            line.append(char)
        lines.append("".join(line) + '"')
        first = False
    return lines


def wrapped_references(references: list[str], width: int) -> list[str]:
    """The ``#:`` lines msgcat writes for ``references`` (``path:line`` each) on a page ``width`` columns wide."""
    width = max(width, MIN_WIDTH)
    lines: list[str] = []
    line, column = "#:", 2
    for reference in references:
        length = len(reference.encode("utf-8")) + 1  # msgcat counts bytes here
        if column > 2 and column + length > width:
            lines.append(line)
            line, column = "#:", 2
        line += " " + reference
        column += length
    lines.append(line)
    return lines


def _escaped(portion: str) -> tuple[list[str], list[bool]]:
    """The characters of ``portion`` as written (escaped), and for each whether a line may never break before it."""
    chars: list[str] = []
    fixed: list[bool] = []
    for char in portion:
        letter = _ESCAPES.get(char)
        if letter is None:
            chars.append(char)
            fixed.append(False)
        else:
            chars += ("\\", letter)
            fixed += (False, True)
    return chars, fixed


def _breaks(chars: list[str], fixed: list[bool], room: int, start: int) -> list[bool]:
    """Where a line breaks (before which character), as libunistring's ``u8_width_linebreaks`` breaks ``chars``
    into lines of ``room`` columns, the first beginning at column ``start``."""
    possible = _possible_breaks(chars)
    breaks = [False] * len(chars)
    last: int | None = None  # the last place a line could break
    column, piece = start, 0  # where the piece since ``last`` begins, and its width
    for index, char in enumerate(chars):
        state = None if fixed[index] else possible[index]
        if state is not None and last is not None and column + piece > room:
            breaks[last] = True
            column = 0
        if state == "mandatory":
            last, column, piece = None, 0, 0  # a line separator: a new line for the width, though none in the file
            continue
        if state == "possible":
            last, column, piece = index, column + piece, 0
        piece += _columns(char)
    if last is not None and column + piece > room:
        breaks[last] = True
    return breaks


def _possible_breaks(chars: list[str]) -> list[str | None]:
    """Before which characters a line may break ("possible"), must ("mandatory"), or may not (None):
    libunistring's ``u8_possible_linebreaks``."""
    result: list[str | None] = [None] * len(chars)
    last = BK  # the class of the last character that is not a space (BK: none yet on this line)
    spaced = False  # whether spaces came after it
    for index, char in enumerate(chars):
        kind = _break_class(char)
        if kind == SP:
            spaced = True
            continue
        if kind == CM and last not in (BK, ZW) and not spaced:
            continue  # a combining mark goes with what it follows, as if it were not there
        if kind == BK:
            result[index] = "mandatory"
        elif kind == ZW or last == BK:
            pass  # never a break before a zero-width space, nor at a line's start
        elif last == ZW or kind == CM:
            result[index] = "possible"  # after a zero-width space; before a combining mark after spaces
        else:
            rule = _PAIRS[last][kind]
            result[index] = "possible" if rule == "D" or (rule == "I" and spaced) else None
        last = AL if kind == CM else kind  # a combining mark on its own counts as a letter
        spaced = False
    return result


def _break_class(char: str) -> int:
    """The line break class of ``char``, resolved as libunistring resolves it for a text that is not in a CJK encoding."""
    code = ord(char)
    if code < 0x80:
        return _ASCII[code]
    known = _CLASSES.get(char)
    if known is not None:
        return known
    category = unicodedata.category(char)
    if category in _BY_CATEGORY:
        return _BY_CATEGORY[category]
    return ID if unicodedata.east_asian_width(char) in ("W", "F") or 0x1F000 <= code < 0x1FB00 else AL  # emoji and other pictographs


def _columns(char: str) -> int:
    """How many columns ``char`` takes (libunistring's ``uc_width``; a control character none)."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    if unicodedata.category(char) in ("Mn", "Me", "Cf") or 0x1160 <= code < 0x1200:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
