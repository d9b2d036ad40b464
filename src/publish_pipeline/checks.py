"""Quality checks on translations: small functions, each with an id, a title and a severity.

Every non-empty entry (drafts and approved ones) is checked against its Dutch
source. An error blocks publishing; a warning does not. A translator silences a
check for one entry, once it is a deliberate choice, with a translator comment
``ignore: <id>`` (several ids separated by commas) — except the checks that keep the
site whole (a URL slug, a title), which no comment silences.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from . import markdown, template_syntax
from .catalog import Translation
from .errors import excerpt
from .glossary import Glossary
from .segmentation import SLUG, SLUG_LENGTH, slug_problem

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one entry (or, for ``msgfmt``, with the file).

    ``line`` is a line of the PO file, or of ``location`` when that is given (a
    problem in the Dutch document's front matter).
    """

    check: str
    severity: str
    line: int
    message: str
    source: str = ""
    location: str | None = None


@dataclass(frozen=True)
class _Outline:
    links: list[str]
    images: list[str]
    code: list[str]
    html: list[str]
    emphasis: dict[str, int]
    breaks: int
    words: str


_MARKUP = re.compile(r"[\n\\`~*_\[<&]")
"""What every inline rule but plain text needs (breaks, escapes, code, strikethrough, emphasis,
links and images, autolinks and HTML, entities): a text without any is one plain text token."""


def _outline(text: str, references: dict[str, Any]) -> _Outline:
    if not _MARKUP.search(text):
        return _Outline([], [], [], [], {}, 0, text)  # what parsing it would give, for a fraction of the time
    return outline_of_tokens(markdown.parse_inline(text, {"references": references}))


def outline_of_tokens(tokens: list[Any]) -> _Outline:
    links, images, code, html, words = [], [], [], [], []
    emphasis: dict[str, int] = {}
    breaks = 0
    for token in tokens:
        if token.type == "link_open":
            links.append(str(token.attrs.get("href", "")))
        elif token.type == "image":
            images.append(str(token.attrs.get("src", "")))
            words.append(token.content)
        elif token.type == "code_inline":
            code.append(token.content)
        elif token.type == "html_inline":
            html.append(token.content)
        elif token.type in ("em_open", "strong_open", "s_open"):
            emphasis[token.type[:-5]] = emphasis.get(token.type[:-5], 0) + 1
        elif token.type == "hardbreak":
            breaks += 1
        elif token.type == "text":
            words.append(token.content)
    return _Outline(links, images, code, html, emphasis, breaks, " ".join(words))


@dataclass
class Entry:
    """What a check looks at: the translation, and what it needs to judge it.

    The parsed outlines of the Dutch and the English are made once, on first use,
    and shared by every check.
    """

    translation: Translation
    references: dict[str, Any]
    glossary: Glossary
    _outlines: dict[str, _Outline] = field(default_factory=dict, repr=False)

    @classmethod
    def with_source_outline(cls, translation: Translation, references: dict[str, Any], glossary: Glossary, outline: Any) -> Entry:
        """An entry whose Dutch was outlined before (kept with the document's parse): the checks reuse it."""
        entry = cls(translation, references, glossary)
        if outline is not None:
            entry._outlines["nl"] = outline
        return entry

    @property
    def dutch_outline(self) -> _Outline | None:
        """The Dutch outline, if a check made it."""
        return self._outlines.get("nl")

    @property
    def source(self) -> str:
        return self.translation.source

    @property
    def text(self) -> str:
        return self.translation.text

    @property
    def dutch(self) -> _Outline:
        if "nl" not in self._outlines:
            self._outlines["nl"] = _outline(self.source, self.references)
        return self._outlines["nl"]

    @property
    def english(self) -> _Outline:
        if "en" not in self._outlines:
            self._outlines["en"] = _outline(self.text, self.references)
        return self._outlines["en"]


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    severity: str
    run: Callable[[Entry], Iterator[str]]
    silenceable: bool = True


CHECKS: list[Check] = []


def check(
    id: str, title: str, severity: str, *, silenceable: bool = True
) -> Callable[[Callable[[Entry], Iterator[str]]], Callable[[Entry], Iterator[str]]]:
    """Register a check; one that is not ``silenceable`` guards the site itself and ignores ``ignore:``."""

    def register(function: Callable[[Entry], Iterator[str]]) -> Callable[[Entry], Iterator[str]]:
        CHECKS.append(Check(id, title, severity, function, silenceable))
        return function

    return register


def check_entries(entries: list[Entry]) -> list[Problem]:
    """Every problem of every non-empty entry, in file order."""
    problems = []
    for entry in entries:
        if not entry.text:
            continue
        ignored = entry.translation.ignored_checks
        for rule in CHECKS:
            if rule.id not in ignored or not rule.silenceable:
                problems.extend(
                    Problem(rule.id, rule.severity, entry.translation.line, message, entry.source) for message in rule.run(entry)
                )
    return problems


# Markdown structure -------------------------------------------------------------------------------------------------


_EMPHASIS_NAMES = {"em": "emphasis (*…*)", "strong": "strong emphasis (**…**)", "s": "strikethrough (~~…~~)"}


@check("markup", "Markdown: the same links, images, code, emphasis, HTML and line breaks as the Dutch", ERROR)
def _markup(entry: Entry) -> Iterator[str]:
    dutch, english = entry.dutch, entry.english
    for kind, source, target in (("link to", dutch.links, english.links), ("image", dutch.images, english.images)):
        yield from _compare_sequence(kind, source, target)
    yield from _compare_sequence("code", [f"`{c}`" for c in dutch.code], [f"`{c}`" for c in english.code], ordered=False)
    yield from _compare_sequence("inline HTML", dutch.html, english.html, ordered=False)
    for name, label in _EMPHASIS_NAMES.items():
        if dutch.emphasis.get(name, 0) != english.emphasis.get(name, 0):
            yield f"{label}: {dutch.emphasis.get(name, 0)} in the Dutch, {english.emphasis.get(name, 0)} in the English"
    if dutch.breaks != english.breaks:
        yield f"hard line breaks: {dutch.breaks} in the Dutch, {english.breaks} in the English"


def _compare_sequence(kind: str, source: list[str], target: list[str], ordered: bool = True) -> Iterator[str]:
    if source == target:
        return
    missing = Counter(source) - Counter(target)
    added = Counter(target) - Counter(source)
    for item in missing:
        yield f"{kind} {item} is missing"
    for item in added:
        yield f"{kind} {item} is not in the Dutch"
    if ordered and not missing and not added and source != target:
        yield f"{kind.removesuffix(' to')}s are in another order than in the Dutch"


@check("template", "Template syntax: the same Hugo shortcodes and Liquid tags, arguments and order as the Dutch (never silenced)", ERROR, silenceable=False)
def _template(entry: Entry) -> Iterator[str]:
    """Shortcodes and Liquid are compared as written but for the text for readers in them (a caption).

    Never silenced: the generator runs them, so one a translator adds or breaks breaks the build or includes
    what the author never chose."""
    if "{" not in entry.source and "{" not in entry.text:
        return
    dutch = [t.shown for t in template_syntax.spans(entry.source)]
    english = [t.shown for t in template_syntax.spans(entry.text)]
    yield from _compare_sequence("template tag", dutch, english)
    unclosed = Counter(template_syntax.unclosed(entry.text)) - Counter(template_syntax.unclosed(entry.source))
    yield from (f"template tag {excerpt(opening, 40)} is not closed" for opening in unclosed)


@check("slug", f"A URL slug: lowercase letters and digits joined by single hyphens, at most {SLUG_LENGTH} (never silenced)", ERROR, silenceable=False)
def _slug(entry: Entry) -> Iterator[str]:
    if entry.translation.context == SLUG and (problem := slug_problem(entry.text)):
        yield problem


@check("title", "A title is not blank (never silenced)", ERROR, silenceable=False)
def _title(entry: Entry) -> Iterator[str]:
    if entry.translation.context == "title" and not entry.text.strip():
        yield "blank (a page needs a title)"


# Numbers ------------------------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])\d(?:[\d.,]*\d)?")


def _values(text: str, language: str) -> Counter[Decimal]:
    values: Counter[Decimal] = Counter()
    thousands, decimal = (".", ",") if language == "nl" else (",", ".")
    for token in _NUMBER.findall(text):
        if re.fullmatch(rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+(?:{re.escape(decimal)}\d+)?", token):
            token = token.replace(thousands, "")
        token = token.replace(",", ".")
        try:
            values[Decimal(token) if token.count(".") <= 1 else Decimal(token.replace(".", ""))] += 1
        except InvalidOperation:
            continue
    return values


@check("numbers", "Numbers, amounts, percentages and dates carried over (as values: 1.250 = 1,250)", ERROR)
def _numbers(entry: Entry) -> Iterator[str]:
    if not (_NUMBER.search(entry.dutch.words) or _NUMBER.search(entry.english.words)):
        return
    dutch = _values(entry.dutch.words, "nl")
    english = _values(entry.english.words, "en")
    for value in dutch - english:
        yield f"the number {value:f} is missing"
    for value in english - dutch:
        yield f"the number {value:f} is not in the Dutch"


# Glossary -----------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _term(term: str, exact: bool = True) -> re.Pattern[str]:
    """A glossary term as a whole word (or words)."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", 0 if exact else re.IGNORECASE)


def _contains(text: str, term: str, *, exact: bool) -> bool:
    return _term(term, exact).search(text) is not None


@check("glossary", "Glossary: fixed translations used, terms that stay Dutch untouched", ERROR)
def _glossary(entry: Entry) -> Iterator[str]:
    # prose only: a term inside a URL or code is not the author's wording
    source, text = entry.dutch.words, entry.english.words
    for dutch, english in entry.glossary.terms.items():
        if _contains(source, dutch, exact=False) and not _contains(text, english, exact=False):
            yield f"'{dutch}' must be translated as '{english}'"
    for term in entry.glossary.keep:
        if _contains(source, term, exact=True) and not _contains(text, term, exact=True):
            yield f"'{term}' must stay as written"


# Language -----------------------------------------------------------------------------------------------------------

# Words common in Dutch and rare in English ("in" and "is" are both).
DUTCH_WORDS = frozenset(
    "het een niet wat zijn ook maar voor naar wordt worden deze dit wij jij je jouw ik dat die van en de op met als bij"
    " hoe waar zich nog dan er heeft hebben kan kunnen geen meer om te uit zo wel mijn onze zij hij"
    " omdat waarom wie welke altijd nooit heel veel".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _prose(entry: Entry, outline: _Outline) -> list[str]:
    """The words of a text outside markup and outside the terms that stay Dutch."""
    words = outline.words
    for term in entry.glossary.keep:
        words = _term(term).sub(" ", words)
    return _WORD.findall(words)


@check("unchanged", "The English is not simply the Dutch text", WARNING)
def _unchanged(entry: Entry) -> Iterator[str]:
    if entry.text == entry.source and len(_prose(entry, entry.dutch)) >= 2:
        yield "the English is the same as the Dutch"


@check("dutch", "No Dutch left in the English", WARNING)
def _dutch(entry: Entry) -> Iterator[str]:
    if entry.text == entry.source:
        return
    words = _prose(entry, entry.english)
    if not DUTCH_WORDS.intersection(map(str.lower, words)) - {"in", "is"}:
        return  # no Dutch word at all (the common case, found without a loop in Python)
    dutch = sorted({w for w in words if w.lower() in DUTCH_WORDS and w.lower() not in ("in", "is")})
    if len(dutch) >= 2 and len(dutch) * 6 >= len(words):
        yield f"Dutch words left in the English: {', '.join(dutch[:6])}"


# Form ---------------------------------------------------------------------------------------------------------------


@check("whitespace", "Leading and trailing spaces and line breaks as in the Dutch", WARNING)
def _whitespace(entry: Entry) -> Iterator[str]:
    source, text = entry.source, entry.text
    if (source[:1].isspace(), source[-1:].isspace()) != (text[:1].isspace(), text[-1:].isspace()):
        yield "leading or trailing spaces differ from the Dutch"
    if bool(source.count("\n")) != bool(text.count("\n")):
        yield f"line breaks: {source.count(chr(10))} in the Dutch, {text.count(chr(10))} in the English"


_DOUBLED_SPACE = re.compile(r"\S {2,}\S")
_DOUBLED_WORD = re.compile(r"(?<!\w)([^\W\d_]+)\s+\1(?!\w)", re.IGNORECASE)


def _doubled_words(text: str) -> dict[str, str]:
    """Each word written twice in a row (case aside), by its folded form."""
    return {match.group(1).casefold(): match.group(0) for match in _DOUBLED_WORD.finditer(text)}


@check("doubled", "No doubled spaces or words", WARNING)
def _doubled(entry: Entry) -> Iterator[str]:
    if _DOUBLED_SPACE.search(entry.text) and not _DOUBLED_SPACE.search(entry.source):
        yield "a doubled space"
    doubled = _doubled_words(entry.text)
    if doubled:
        in_dutch = _doubled_words(entry.source)  # the author's own "dat dat" stays
        yield from (f"a doubled word: '{words}'" for folded, words in doubled.items() if folded not in in_dutch)


_CLOSERS = " \t\n*_`)]\"'’”»"
_END = ".?!:;…"


@check("punctuation", "The same end punctuation as the Dutch ('?' stays a question)", WARNING)
def _punctuation(entry: Entry) -> Iterator[str]:
    source, text = entry.source.rstrip(_CLOSERS), entry.text.rstrip(_CLOSERS)
    dutch, english = source[-1:], text[-1:]
    if dutch == "?" and english != "?":
        yield "the Dutch is a question, the English does not end with '?'"
    elif dutch in _END and dutch != "?" and english not in _END:
        yield f"the Dutch ends with '{dutch}', the English has no end punctuation"
    elif dutch not in _END and english in _END and english != "…":
        yield f"the English ends with '{english}', the Dutch has no end punctuation"


# The file as a whole ------------------------------------------------------------------------------------------------

MSGFMT_TITLE = "The PO file passes GNU gettext's msgfmt --check"


def msgfmt_problems(path: Path) -> list[Problem] | None:
    """Problems msgfmt reports for the whole file; None when msgfmt is not installed."""
    if shutil.which("msgfmt") is None:
        return None
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True, timeout=60
    )
    problems = []
    for line in result.stderr.splitlines():
        found = re.match(rf"{re.escape(str(path))}:(\d+): (.*)", line)
        if found:
            problems.append(Problem("msgfmt", ERROR if "warning" not in found.group(2) else WARNING, int(found.group(1)), found.group(2)))
        elif line.strip() and "fatal error" not in line and not line.startswith("msgfmt: found"):
            problems.append(Problem("msgfmt", ERROR, 0, line.strip()))
    if result.returncode != 0 and not any(p.severity == ERROR for p in problems):
        problems.append(Problem("msgfmt", ERROR, 0, "msgfmt --check failed"))
    return problems


_UTF8_HEADER = re.compile(rb'(?:#[^\n]*\n|[ \t]*\n)*msgid ""\nmsgstr ""\n(?:"[^\n]*"\n)*')


def msgfmt_problems_of_many(paths: list[Path]) -> list[list[Problem] | None]:
    """``msgfmt_problems`` of each file, with one msgfmt process for all files that pass.

    msgfmt reads a stream of files, each under a ``domain`` directive of its own, and
    checks every domain as the file it is (header, formats, duplicates) — a fifth
    of the cost of one process per file. Only files that open with a UTF-8 header and
    have no directive of their own are batched (a headerless domain would inherit the
    previous one's header); when the batch reports anything at all, every file is
    checked alone, so the messages name the file and its line.
    """
    if shutil.which("msgfmt") is None:
        return [None] * len(paths)
    texts: dict[int, bytes] = {}
    for index, path in enumerate(paths):
        try:
            text = path.read_bytes()
        except OSError:
            continue
        header = _UTF8_HEADER.match(text)
        if header and b"charset=UTF-8\\n" in header.group(0) and not re.search(rb"^\s*domain\b", text, re.MULTILINE):
            texts[index] = text
    if len(texts) > 1 and _batch_passes(texts):
        return [[] if index in texts else msgfmt_problems(path) for index, path in enumerate(paths)]
    return [msgfmt_problems(path) for path in paths]


def _batch_passes(texts: dict[int, bytes]) -> bool:
    with tempfile.TemporaryDirectory(prefix="msgfmt-") as folder:
        stream = Path(folder) / "all.po"
        stream.write_bytes(b"".join(b'domain "d%d"\n%s\n' % (index, text) for index, text in texts.items()))
        result = subprocess.run(["msgfmt", "--check", stream.name], cwd=folder, capture_output=True, timeout=120)
    return result.returncode == 0 and not result.stderr.strip()
