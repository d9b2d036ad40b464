"""The term base: fixed translations and terms that are never translated.

``translations/glossary.yaml``, written as a translator would::

    terms:                      # Dutch term: the English it must become
      veranderopgave: change challenge
      leergang: [programme, course]        # the first is preferred; the others are allowed too
      krachtenveld:
        en: force field                    # preferred
        variants: [field of force]         # also right
        forbidden: [field of forces]       # an error wherever the Dutch term is translated so
        note: change management says force field, after Lewin
    keep:                       # names and titles the author keeps in Dutch
      - De functie van frictie

A term is found in every form it takes (``Glossary.find``): Dutch plurals
(``veranderopgaven``, ``krachtenvelden``), diminutives (``leergangetje``), compounds
(``veranderopgavenoverzicht``) and hyphenated ones (``samen-zoeken sessies``), compared
by stem with Snowball's Dutch stemmers; the English is found as a whole phrase by
English stems (``english_has``), so "change challenges" is "change challenge" and the
"course" of "of course" is not a course.

Drafts get the terms enforced (the engine never sees them, ``protection``), ``check``
reports translations that break them, and the review page marks them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

GLOSSARY_FILE = "translations/glossary.yaml"
FORMAT_HINT = "write 'term: translation', 'term: [translation, variant]' or 'term: {en: …, variants: […], forbidden: […], note: …}'"
TERM_FIELDS = ("en", "variants", "forbidden", "note")


@dataclass(frozen=True)
class Term:
    """What one Dutch term must become: ``english`` (preferred) or one of ``variants``, never one of ``forbidden``."""

    english: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    note: str = ""

    @property
    def allowed(self) -> tuple[str, ...]:
        return (self.english, *self.variants)


@dataclass(frozen=True)
class Occurrence:
    """Where a term stands in a Dutch text: ``text[start:end]`` is the term in the form found.

    ``whole``: it is a whole word (or words), not part of a compound; ``plural``: the
    Dutch is in the plural; ``keep``: a term that stays Dutch.
    """

    start: int
    end: int
    term: str
    whole: bool
    plural: bool
    keep: bool


@dataclass(frozen=True)
class Glossary:
    """``terms``: Dutch → what it must become; ``keep``: left as written.

    A plain string as a term's value is its one translation.
    """

    terms: dict[str, Term] = field(default_factory=dict)
    keep: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        terms = {dutch: Term(term) if isinstance(term, str) else term for dutch, term in self.terms.items()}
        object.__setattr__(self, "terms", terms)

    @property
    def version(self) -> str:
        """Changes whenever an entry does, so cached drafts made under another glossary are not reused."""
        terms = {dutch: [t.english, list(t.variants), list(t.forbidden), t.note] for dutch, t in self.terms.items()}
        data = json.dumps({"terms": terms, "keep": list(self.keep)}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]

    @cached_property
    def _patterns(self) -> list[tuple[str, tuple[str, ...], bool]]:
        """(term, its words in lower case, is it a keep term), longest first so a longer term wins."""
        found = [(term, _words_of(term), False) for term in self.terms] + [(term, _words_of(term), True) for term in self.keep]
        return sorted((item for item in found if item[1]), key=lambda item: -len(item[0]))

    def find(self, text: str) -> list[Occurrence]:
        """Every term in a Dutch text, in any form, in text order; where two overlap the longer term wins.

        Only the words holding a term's first letters (``_core``) are looked at: a
        substring search per term, so a text without terms costs next to nothing.
        """
        lowered = _lower(text)
        words: list[re.Match[str]] = []
        taken: list[Occurrence] = []
        for term, term_words, keep in self._patterns:
            core = _core(term_words[-1])
            if core not in lowered:
                continue
            words = words or list(_WORD.finditer(text))
            for occurrence in _occurrences(text, lowered, words, core, term, term_words, keep):
                if not any(o.start < occurrence.end and occurrence.start < o.end for o in taken):
                    taken.append(occurrence)
        return sorted(taken, key=lambda o: o.start)

    def target_for(self, occurrence: Occurrence, found: str) -> str:
        """What a found term becomes in a draft: its preferred English (plural and capital as the Dutch) or itself."""
        if occurrence.keep:
            return found
        target = self.terms[occurrence.term].english
        if occurrence.plural:
            target = english_plural(target)
        return target[:1].upper() + target[1:] if found[:1].isupper() and target[:1].islower() else target


# Words and stems --------------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_JOIN = re.compile(r"[\s\-‐‑]+")
"""What may stand between the words of a term: spaces, a line break, a hyphen (``samen-zoeken sessie``)."""


@lru_cache(maxsize=None)
def _stemmer(language: str) -> Any:
    """A Snowball stemmer, loaded on first use: a run that meets no term never pays for loading them."""
    import snowballstemmer

    return snowballstemmer.stemmer(language)


_PART = 3
"""The fewest letters a part of a compound has (``veranderopgaven|overzicht``)."""

IDIOMS = ("of course", "in due course", "par for the course", "in force")
"""English phrases in which a word is not the term it spells: "Of course, the programme" has no course in it."""


def _words_of(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in _WORD.findall(text))


@lru_cache(maxsize=65536)
def _dutch_stems(word: str) -> tuple[str, str]:
    return _stemmer("dutch").stemWord(word), _stemmer("dutch_porter").stemWord(word)


@lru_cache(maxsize=65536)
def _english_stem(word: str) -> str:
    return _stemmer("english").stemWord(word.replace("’", "'"))


def same_dutch_word(word: str, term: str) -> bool:
    """Two Dutch words (lower case) are one word in another form.

    Snowball has two Dutch stemmers that err in different places (its current one
    makes ``velden`` ``vel`` and ``opgaven`` ``opgaaf``; the classic Porter one keeps
    diminutives and ``-ies`` plurals), so a form is the term's when either says so.
    """
    return word == term or any(a == b for a, b in zip(_dutch_stems(word), _dutch_stems(term)))


@lru_cache(maxsize=4096)
def _core(term: str) -> str:
    """The letters every form of a Dutch word starts with: the word and its stems in common."""
    core = term
    for stem in _dutch_stems(term):
        while not stem.startswith(core):
            core = core[:-1]
    return core if len(core) >= 2 else term


def _dutch_piece(word: str, term: str, *, compound: bool) -> tuple[int, int] | None:
    """Where ``term`` stands in ``word`` (both lower case): the whole word in another form, or,
    with ``compound``, a part of it (``school|leergangen``, ``veranderopgaven|overzicht``)."""
    core = _core(term)
    start = word.find(core)
    while start != -1:
        if start == 0 or (compound and start >= _PART):
            if same_dutch_word(word[start:], term):
                return start, len(word)
            if compound:
                # a modifier: the term (with a linking -s-, -en-, -e-) before at least a part's worth of letters
                for end in range(min(len(word) - _PART, start + len(term) + 3), start + len(core) - 1, -1):
                    if same_dutch_word(word[start:end], term):
                        return start, end
        start = word.find(core, start + 1)
    return None


@lru_cache(maxsize=4096)
def _between(term: str) -> tuple[str, ...]:
    """What stands between the words of a term as written (the "." of ``managementboek.nl``)."""
    words = list(_WORD.finditer(term))
    return tuple(term[a.end() : b.start()] for a, b in zip(words, words[1:]))


def _joined(separator: str, written: str, *, loose: bool = True) -> bool:
    """Words stand together as a term's words do: as written, with any white space for white space, and
    (``loose``) with hyphens for spaces — but a title that stays Dutch is not its URL slug (``de-functie-van-frictie``)."""
    if separator == written or (separator.isspace() and written.isspace()):
        return True
    return loose and _JOIN.fullmatch(separator) is not None and _JOIN.fullmatch(written) is not None


def _occurrences(
    text: str, lowered: str, words: list[re.Match[str]], core: str, term: str, term_words: tuple[str, ...], keep: bool
) -> Iterator[Occurrence]:
    """A term's occurrences: its first words as written (in any form), joined by spaces or hyphens, the last one
    whole or part of a compound, and holding ``core`` (where ``lowered`` has it)."""
    n = len(term_words)
    starts = [m.start() for m in words]
    last_words = []
    position = lowered.find(core)
    while position != -1:
        index = bisect_right(starts, position) - 1
        if index >= n - 1 and words[index].end() > position and index not in last_words:
            last_words.append(index)
        position = lowered.find(core, position + 1)
    for index in last_words:
        run = words[index - n + 1 : index + 1]
        if any(not _joined(text[a.end() : b.start()], between, loose=not keep) for a, b, between in zip(run, run[1:], _between(term))):
            continue
        if not all(same_dutch_word(m.group(0).lower(), w) for m, w in zip(run[:-1], term_words[:-1])):
            continue
        last = run[-1].group(0).lower()
        piece = _dutch_piece(last, term_words[-1], compound=not keep)
        if piece is None or (n > 1 and piece[0] != 0):
            continue
        start = run[0].start() + (piece[0] if n == 1 else 0)
        end = run[-1].start() + piece[1]
        form = last[piece[0] : piece[1]]
        plural = len(form) > len(term_words[-1]) and form.endswith(("en", "s"))
        yield Occurrence(start, end, term, whole=piece == (0, len(last)), plural=plural, keep=keep)


def _lower(text: str) -> str:
    """The text in lower case, letter for letter (``str.lower`` makes some letters two), so positions stay."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=4096)
def _english_words(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """The stems and the (start, end) of every English word outside the idioms (``IDIOMS``)."""
    hidden = [match.span() for match in _IDIOMS.finditer(text)]
    found = [m for m in _WORD.finditer(text) if not any(a <= m.start() < b for a, b in hidden)]
    return tuple(_english_stem(m.group(0).lower()) for m in found), tuple(m.span() for m in found)


_IDIOMS = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(idiom).replace(r"\ ", r"\s+") for idiom in IDIOMS) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _english_phrase(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A phrase's stems, and the letters each of its words starts with in every inflection (a quick first test)."""
    words = _words_of(phrase)
    stems = tuple(_english_stem(word) for word in words)
    return stems, tuple(os.path.commonprefix([word, stem]) for word, stem in zip(words, stems))


def english_has(text: str, phrase: str) -> bool:
    """``phrase`` stands in the English ``text`` as a whole phrase, in any inflection ("change challenges")."""
    wanted, cores = _english_phrase(phrase)
    lowered = text.lower()
    if not wanted or not all(core in lowered for core in cores):
        return False
    stems, spans = _english_words(text)
    n = len(wanted)
    for index in (i for i, stem in enumerate(stems) if stem == wanted[0]):
        if stems[index : index + n] == wanted and all(
            _joined(text[spans[i][1] : spans[i + 1][0]], between) for i, between in zip(range(index, index + n - 1), _between(phrase))
        ):
            return True
    return False


def dutch_has(text: str, term: str) -> bool:
    """A term that stays Dutch stands in ``text`` as whole words, in any form (used on the English)."""
    return any(o.whole for o in _kept(term).find(text))


@lru_cache(maxsize=1024)
def _kept(term: str) -> Glossary:
    return Glossary({}, (term,))


def english_plural(phrase: str) -> str:
    """A glossary translation in the plural: its head noun (the word before "of", else the last) gets -s."""
    head, of, rest = phrase.partition(" of ")
    words = head.split(" ")
    last = words[-1]
    if re.search(r"(?:s|x|z|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif last:
        last += "s"
    return " ".join([*words[:-1], last]) + of + rest


# The file ---------------------------------------------------------------------------------------------------------------


def load_glossary(root: Path) -> Glossary:
    return parse_glossary(glossary_text(root))


def glossary_text(root: Path) -> str:
    """The text of the site's glossary.yaml; empty when there is none."""
    path = root / GLOSSARY_FILE
    if not path.exists():
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(GLOSSARY_FILE, "not UTF-8 text", hint="save the file as UTF-8") from None


class _Mistake(Exception):
    """A mistake at a node of the file; ``parse_glossary`` turns it into a ConfigError at the node's line."""

    def __init__(self, node: yaml.Node, problem: str, hint: str = "") -> None:
        super().__init__(problem)
        self.line, self.problem, self.hint = node.start_mark.line + 1, problem, hint


def parse_glossary(text: str, location: str = GLOSSARY_FILE) -> Glossary:
    """The glossary a YAML text describes; a mistake raises ConfigError at its line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ConfigError(location, f"not valid YAML: {getattr(error, 'problem', None) or error}", line=mark.line + 1 if mark else None) from None
    if root is None or _is_null(root):
        return Glossary()
    try:
        return _glossary_of(root)
    except _Mistake as mistake:
        raise ConfigError(location, mistake.problem, line=mistake.line, hint=mistake.hint) from None


def _glossary_of(root: yaml.Node) -> Glossary:
    if not isinstance(root, yaml.MappingNode):
        raise _Mistake(root, "expected 'terms:' (Dutch: English) and 'keep:' (a list of terms)")
    terms: dict[str, Term] = {}
    keep: list[str] = []
    seen: dict[str, int] = {}
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or key.value not in ("terms", "keep"):
            raise _Mistake(key, f"unknown section {getattr(key, 'value', '')!r}; expected 'terms:' (Dutch: English) and 'keep:' (a list of terms)")
        if _is_null(value):
            continue
        if key.value == "terms":
            if not isinstance(value, yaml.MappingNode):
                raise _Mistake(value, "terms: expected 'Dutch term: English term' lines", FORMAT_HINT)
            for dutch, english in value.value:
                name = _text(dutch, "terms: a Dutch term")
                _unique(name, dutch, seen, "terms")
                terms[name] = _term(name, english)
        else:
            if not isinstance(value, yaml.SequenceNode):
                raise _Mistake(value, "keep: expected a list of terms ('- De functie van frictie')")
            for item in value.value:
                name = _text(item, "keep: a term")
                _unique(name, item, seen, "keep")
                keep.append(name)
    return Glossary(terms, tuple(keep))


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _text(node: yaml.Node, what: str) -> str:
    """A scalar as the text it is written as (``no`` stays "no", ``2019`` stays "2019")."""
    if not isinstance(node, yaml.ScalarNode) or _is_null(node) or not node.value.strip():
        raise _Mistake(node, f"{what}: expected text, found {'nothing' if _is_null(node) else type(node).__name__.removesuffix('Node').lower()}", FORMAT_HINT)
    return node.value.strip()


def _unique(name: str, node: yaml.Node, seen: dict[str, int], section: str) -> None:
    line = seen.setdefault(name.casefold(), node.start_mark.line + 1)
    if line != node.start_mark.line + 1:
        raise _Mistake(node, f"{section}: {name}: listed twice (also on line {line})", "keep one entry per term")


def _term(name: str, node: yaml.Node) -> Term:
    where = f"terms: {name}"
    if isinstance(node, yaml.ScalarNode):
        return Term(_text(node, where))
    if isinstance(node, yaml.SequenceNode):
        allowed = [_text(item, where) for item in node.value]
        if not allowed:
            raise _Mistake(node, f"{where}: no translation", FORMAT_HINT)
        return Term(allowed[0], tuple(allowed[1:]))
    fields: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.value not in TERM_FIELDS:
            raise _Mistake(key, f"{where}: unknown field {getattr(key, 'value', '')!r}; allowed: {', '.join(TERM_FIELDS)}", FORMAT_HINT)
        fields[key.value] = value
    if "en" not in fields:
        raise _Mistake(node, f"{where}: no 'en:' (the preferred translation)", FORMAT_HINT)

    def listed(key: str) -> tuple[str, ...]:
        value = fields.get(key)
        if value is None or _is_null(value):
            return ()
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        return tuple(_text(item, f"{where}: {key}") for item in items)

    term = Term(_text(fields["en"], f"{where}: en"), listed("variants"), listed("forbidden"), " ".join(listed("note")))
    clash = [f for f in term.forbidden if any(english_has(a, f) and english_has(f, a) for a in term.allowed)]
    if clash:
        raise _Mistake(fields["forbidden"], f"{where}: '{clash[0]}' is both allowed and forbidden (in some inflection)", "remove it from one of the two")
    return term
