"""Quality checks on translations: small functions, each with an id, a title and a severity.

Every non-empty entry (drafts and approved ones) is checked against its Dutch
source. An error blocks publishing; a warning does not. A translator silences a
check for one entry, once it is a deliberate choice, with a translator comment
``ignore: <id>`` (several ids separated by commas) — except the checks that keep the
site whole (a URL slug, a title), which no comment silences. Most problems name an
aspect of their check (``markup.link-order``, ``numbers.8``): ignoring the aspect
silences that one problem and leaves the rest of the check watching the entry.
Silenced problems are still counted, so a choice made once is never hidden for good.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from decimal import Decimal, InvalidOperation
from pathlib import Path
from itertools import product, takewhile
from typing import Any

from ..text import html_text, markdown, template_syntax
from .catalog import Translation, read_catalog
from ..errors import PipelineError, excerpt
from ..wording import plural
from .glossary import Glossary, dutch_has, english_has
from ..text.reassembly import block_start, escaped_marker
from ..text.segmentation import english_numbers
from ..text.slugs import SLUG, SLUG_LENGTH, slug_problem

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
    emphasized: tuple[str, ...] = ()
    """The text of each emphasized span (``*…*``, ``**…**``), for Dutch words left inside one."""
    footnotes: tuple[str, ...] = ()
    """The label of each footnote reference (``[^1]``: ``1``), in order; not in ``words`` (its number counts no number)."""

    @property
    def sentences(self) -> int:
        """How many sentences ``words`` has (``sentences``): counted once an outline, and kept with a Dutch outline
        that the document's parse keeps (``status._remember_outlines``), so that a Dutch text is counted once a version.
        Kept in the instance's ``__dict__`` as its fields are (and pickled with them); not a ``cached_property``,
        whose lock (Python 3.11) costs half as much again as counting a short text."""
        count = self.__dict__.get("_sentences")
        if count is None:
            count = self.__dict__["_sentences"] = len(_sentence_pieces(self.words)[1])
        return count


_MARKUP = markdown.MARKUP
"""What every inline rule but plain text needs: a text without any is one plain text token."""


def _outline(text: str, references: dict[str, Any]) -> _Outline:
    if not _MARKUP.search(text):
        return _Outline([], [], [], [], {}, 0, text)  # what parsing it would give, for a fraction of the time
    return outline_of_tokens(markdown.parse_inline(text, {"references": references}))


_FOOTNOTE_REFERENCE = markdown.FOOTNOTE_REFERENCE
"""A footnote reference as the footnote rule reads it (``[^`` a label without spaces ``]``), in a text token: a text parsed
alone, without its body's definitions, has the reference as text, and it is the same reference."""


def outline_of_tokens(tokens: list[Any]) -> _Outline:
    links, images, code, html, words, footnotes = [], [], [], [], [], []
    emphasis: dict[str, int] = {}
    emphasized: list[list[str]] = []
    depth = 0
    breaks = 0
    for token in tokens:
        if token.type in ("em_open", "strong_open"):
            depth += 1
            if depth == 1:
                emphasized.append([])
        elif token.type in ("em_close", "strong_close"):
            depth = max(depth - 1, 0)
        elif token.type == "text" and depth:
            emphasized[-1].append(token.content)
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
        elif token.type == "footnote_ref":
            footnotes.append(token.meta["label"])
        elif token.type == "text" and "[^" in token.content:
            footnotes += _FOOTNOTE_REFERENCE.findall(token.content)
            words.append(_FOOTNOTE_REFERENCE.sub("", token.content))
        elif token.type == "text":
            words.append(token.content)
    return _Outline(
        links, images, code, html, emphasis, breaks, " ".join(words), tuple("".join(span).strip() for span in emphasized),
        tuple(footnotes),
    )


class OutlinesSeen:
    """The outlines of ``texts``, made from the tokens a parse of a whole body made of them anyway (the English
    body's: ``markdown.parse_keeping_every_link`` tells this of each inline text), so the checks need not parse
    those texts again.

    A text's tokens are its outline's only where the body links the same labels to the same URLs as
    ``references``, the checks' own (a translated link title is in no outline); a text without markup
    is outlined without parsing anyway."""

    def __init__(self, texts: set[str], references: dict[str, Any]) -> None:
        self.outlines: dict[str, _Outline] = {}
        self._wanted = {text for text in texts if _MARKUP.search(text)}
        self._targets = _targets(references)
        self._checked: tuple[dict[str, Any], bool] | None = None

    def __call__(self, text: str, tokens: list[Any], references: dict[str, Any]) -> None:
        if text in self._wanted and text not in self.outlines and self._same_targets(references):
            self.outlines[text] = outline_of_tokens(tokens)

    def _same_targets(self, references: dict[str, Any]) -> bool:
        """Whether ``references`` (one parse's, the same for each of its texts) link as the checks' do."""
        if self._checked is None or self._checked[0] is not references:
            self._checked = (references, _targets(references) == self._targets)
        return self._checked[1]


def _targets(references: dict[str, Any]) -> dict[str, Any]:
    return {label: reference.get("href") for label, reference in references.items()}


@dataclass
class Entry:
    """What a check looks at: the translation, and what it needs to judge it.

    The parsed outlines of the Dutch and the English are made once, on first use,
    and shared by every check: kept as the entry's attributes (``cached_property``), a
    dozen checks read them as plainly as the translation.
    """

    translation: Translation
    references: dict[str, Any]
    glossary: Glossary

    @classmethod
    def with_outlines(
        cls, translation: Translation, references: dict[str, Any], glossary: Glossary, dutch: Any = None, english: Any = None,
    ) -> Entry:
        """An entry whose Dutch or English was outlined before (the Dutch kept with the document's parse, the
        English seen as the English body was parsed: ``OutlinesSeen``): the checks reuse them."""
        entry = cls(translation, references, glossary)
        for language, outline in ((cls.dutch, dutch), (cls.english, english)):
            if outline is not None:
                entry.__dict__[language.attrname] = outline  # where ``cached_property`` keeps what it made
        return entry

    @property
    def dutch_outline(self) -> _Outline | None:
        """The Dutch outline, if a check made it."""
        return self.__dict__.get(Entry.dutch.attrname)

    @property
    def source(self) -> str:
        return self.translation.source

    @property
    def text(self) -> str:
        return self.translation.text

    @cached_property
    def dutch(self) -> _Outline:
        return _outline(self.translation.source, self.references)

    @cached_property
    def english(self) -> _Outline:
        return _outline(self.translation.text, self.references)


@dataclass(frozen=True)
class Finding:
    """What a check found: a message, the aspect it is about, and a severity when it differs from the check's.

    The aspect makes the problem's id ``<check>.<aspect>`` (``markup.link-order``), the
    id a translator writes in ``ignore:`` to silence just that problem.
    """

    message: str
    aspect: str = ""
    severity: str | None = None


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    severity: str
    run: Callable[[Entry], Iterator[str | Finding]]
    silenceable: bool = True
    aspects: str = ""
    """The aspects its problems name, for ``check --list`` (empty: the check has one)."""
    context: str | None = None
    """The context of the only entries it can find anything in (a slug, a title): the others skip it."""


CHECKS: list[Check] = []


def check(
    id: str, title: str, severity: str, *, silenceable: bool = True, aspects: str = "", context: str | None = None
) -> Callable[[Callable[[Entry], Iterator[str | Finding]]], Callable[[Entry], Iterator[str | Finding]]]:
    """Register a check; one that is not ``silenceable`` guards the site itself and ignores ``ignore:``."""

    def register(function: Callable[[Entry], Iterator[str | Finding]]) -> Callable[[Entry], Iterator[str | Finding]]:
        CHECKS.append(Check(id, title, severity, function, silenceable, aspects, context))
        return function

    return register


@dataclass(frozen=True)
class Findings:
    """The problems of some entries, and how many more a translator's ``ignore:`` silenced."""

    problems: list[Problem]
    silenced: int


def check_entries(entries: list[Entry]) -> list[Problem]:
    """Every problem of every non-empty entry, in file order (silenced ones left out)."""
    return check_entries_counting_silenced(entries).problems


def check_entries_counting_silenced(entries: list[Entry]) -> Findings:
    """Every problem of every non-empty entry, in file order, and the number of problems silenced."""
    problems = []
    silenced = 0
    for entry in entries:
        translation = entry.translation  # read as an attribute: the loop runs a dozen rules on each of thousands of entries
        if not translation.text:
            continue
        rules = _rules_for(translation.context)
        ignored = translation.ignored_checks if translation.note else None
        if not ignored:  # the common case: nothing silenced, every problem reported
            for rule in rules:
                for found in rule.run(entry):
                    problems.append(_problem(rule, entry, found))
            continue
        for rule in rules:
            if rule.id in ignored and rule.silenceable:
                silenced += sum(1 for _ in rule.run(entry))
                continue
            for found in rule.run(entry):
                problem = _problem(rule, entry, found)
                if rule.silenceable and problem.check in ignored:
                    silenced += 1
                else:
                    problems.append(problem)
    return Findings(problems, silenced)


@lru_cache(maxsize=None)
def _rules_for(context: str | None) -> tuple[Check, ...]:
    """The checks that can find anything in an entry of ``context`` (a slug's and a title's only in theirs), in
    ``CHECKS``' order: chosen once per context, not per entry."""
    return tuple(rule for rule in CHECKS if rule.context is None or rule.context == context)


def _problem(rule: Check, entry: Entry, found: str | Finding) -> Problem:
    if isinstance(found, str):
        found = Finding(found)
    check_id = f"{rule.id}.{found.aspect}" if found.aspect else rule.id
    return Problem(check_id, found.severity or rule.severity, entry.translation.line, found.message, entry.translation.source)


# Markdown structure -------------------------------------------------------------------------------------------------


_EMPHASIS_NAMES = {
    "em": ("emphasis", "emphasis (*…*)"), "strong": ("strong", "strong emphasis (**…**)"), "s": ("strikethrough", "strikethrough (~~…~~)")
}


@check(
    "markup", "Markdown: the same links, images, code, emphasis, HTML, hard line breaks and footnote references as the Dutch",
    ERROR, aspects="links, images, code, html, emphasis, strong, strikethrough, breaks, footnotes, block; "
    "link-order and image-order are warnings (English word order may ask for another order)",
)
def _markup(entry: Entry) -> Iterator[Finding]:
    if block := new_block(entry.translation):
        yield block
    dutch, english = entry.dutch, entry.english
    if (dutch.links, dutch.images, dutch.code, dutch.html, dutch.emphasis, dutch.breaks, dutch.footnotes) == (
        english.links, english.images, english.code, english.html, english.emphasis, english.breaks, english.footnotes
    ):
        return  # the same markup, the common case: nothing differs, so no comparison below finds anything
    yield from _compare_sequence("link to", "links", dutch.links, english.links, "link target")
    yield from _compare_sequence("image", "images", dutch.images, english.images, "image")
    yield from _compare_sequence(
        "code", "code", [f"`{c}`" for c in dutch.code], [f"`{c}`" for c in english.code], "code", ordered=False
    )
    yield from _compare_sequence("inline HTML", "html", dutch.html, english.html, "tag", ordered=False, same=_tag_shape)
    for name, (aspect, label) in _EMPHASIS_NAMES.items():
        if dutch.emphasis.get(name, 0) != english.emphasis.get(name, 0):
            yield Finding(
                f"{label}: {dutch.emphasis.get(name, 0)} in the Dutch, {english.emphasis.get(name, 0)} in the English"
                " — mark the words that translate the Dutch's marked ones, and no others", aspect,
            )
    if dutch.breaks != english.breaks:
        yield Finding(
            f"hard line breaks: {dutch.breaks} in the Dutch, {english.breaks} in the English"
            " — break the lines where the Dutch does (two spaces or a backslash at a line's end), and nowhere else", "breaks",
        )
    yield from _footnote_differences(dutch.footnotes, english.footnotes)


def _footnote_differences(dutch: tuple[str, ...], english: tuple[str, ...]) -> Iterator[Finding]:
    """The footnote references the English lacks or adds. One dropped leaves its note off the English page (a note no
    text refers to is not shown); one added that the page does not define shows as text. A label is no number to
    carry over, so only this says it (``_Outline.footnotes``)."""
    missing, added = Counter(dutch) - Counter(english), Counter(english) - Counter(dutch)
    if missing.total() == added.total() == 1:
        yield Finding(f"the footnote reference [^{next(iter(added))}] should be [^{next(iter(missing))}] — write the Dutch's label", "footnotes")
        return
    for label in missing.elements():
        yield Finding(f"the footnote reference [^{label}] is missing — keep the marker [^{label}] where the note belongs", "footnotes")
    for label in added.elements():
        yield Finding(f"the footnote reference [^{label}] is not in the Dutch — remove it (the English has the Dutch's notes)", "footnotes")


_LINE_STARTS = {"": "paragraph", "list item": "list item", "blockquote": "quote", "footnote": "footnote"}
"""The texts that stand at the start of a line of their own (by role: ``Translation.role``), which a block's marker at
the start of the English makes another block, by what they are called."""
_MAY_START_A_BLOCK = re.compile(r"[ #>*+_`~<-]|\d")
"""What a text that starts a block (``reassembly.block_start``) begins with: the others are told at once."""


def new_block(translation: Translation) -> Finding | None:
    """An English that begins with a block's marker its Dutch does not begin with ('# ', '- ', '1. ', '> ', '---', a
    fence): put in the page, a paragraph (a list item's or a quote's text) becomes a heading, a list, a quote, a rule or
    code; a heading shows a marker of its own as text ('# '). Where reassembly finds the page's structure changed by it, it
    leaves this to be said here (``status.structure_problems``)."""
    text = translation.text
    if not _MAY_START_A_BLOCK.match(text):
        return None  # the common case: a letter (or a quote) first
    roles = translation.role.split(", ")
    place = next((_LINE_STARTS[role] for role in roles if role in _LINE_STARTS), None)
    started = block_start(text.split("\n", 1)[0])
    if started is None or (place is None and "heading" not in roles):
        return None
    marker, makes = started
    if place is None and not marker.startswith("#"):
        return None  # a heading's '1. ' or '- ' is text the translator means ('1. Introduction'): only its '#' is a slip
    dutch = block_start(translation.source.split("\n", 1)[0])
    if dutch is not None and dutch[0] == marker or markdown.outline_of(text)[:1] == markdown.outline_of(translation.source)[:1]:
        return None  # the Dutch starts alike, or the English is no other block (an inline tag: '<b>')
    after = text.lstrip(" ")[len(marker) : len(marker) + 1]
    written = repr(marker + " " if after in (" ", "\t") else marker)
    if place is None:
        level = " (a heading's level is the Dutch's)" if marker[0] == "#" else ""
        return Finding(f"the English starts with {written}, which the heading shows as text ({excerpt(text, 40)}) — remove the {marker!r}{level}", "block")
    return Finding(
        f"the English starts with {written}, which makes this {place} {makes} — rephrase its start so that it does not"
        f" begin with {marker!r} (or write it as {escaped_marker(marker)})", "block",
    )


def block_said_by_its_entry(translation: Translation) -> bool:
    """Whether the entry's own check says that its English starts another block (``new_block``, not silenced by
    ``ignore: markup``): only then may the page's structure check leave that cause to it (``status.structure_problems``)."""
    return not {"markup", "markup.block"} & translation.ignored_checks and new_block(translation) is not None


def _compare_sequence(
    kind: str, aspect: str, source: list[str], target: list[str], what: str, ordered: bool = True,
    same: Callable[[str], str] = str,
) -> Iterator[Finding]:
    """Items missing or added are errors (one written as another is one error: ``_differences``); the same items in
    another order only a warning (the reader gets every link). Two items are the same where ``same`` makes them
    alike (a tag whose text attributes are translated: ``_tag_shape``)."""
    if source == target:
        return
    shaped_source, shaped_target = [(same(item), item) for item in source], [(same(item), item) for item in target]
    dutch, english = _written(shaped_source), _written(shaped_target)
    counted_source, counted_target = Counter(shape for shape, _ in shaped_source), Counter(shape for shape, _ in shaped_target)
    missing, added = counted_source - counted_target, counted_target - counted_source
    yield from _differences(kind, aspect, [dutch[item] for item in missing], [english[item] for item in added], what)
    if ordered and not missing and not added:
        name = aspect.removesuffix("s")
        yield Finding(f"{name}s are in another order than in the Dutch (fine when English word order asks for it)", f"{name}-order", WARNING)


def _written(shaped: list[tuple[str, str]]) -> dict[str, str]:
    """Each item as its text first writes it, by what makes it the same (its shape: ``(shape, item)`` pairs)."""
    found: dict[str, str] = {}
    for shape, item in shaped:
        found.setdefault(shape, item)
    return found


def _differences(kind: str, aspect: str, missing: list[str], added: list[str], what: str) -> Iterator[Finding]:
    """The items of the Dutch the English lacks and those it has that the Dutch lacks: where one takes the place of
    one, the English wrote the Dutch's item otherwise, said once with what to do (``what``: 'link target')."""
    if len(missing) == len(added) == 1:
        yield Finding(f"the {kind} {missing[0]} is written as {added[0]} — write the Dutch's {what}", aspect)
        return
    for item in missing:
        yield Finding(f"{kind} {item} is missing — copy it from the Dutch into the translation", aspect)
    for item in added:
        yield Finding(f"{kind} {item} is not in the Dutch — take it out (the English has the Dutch's markup, no more)", aspect)


def _tag_shape(tag: str) -> str:
    """An inline HTML tag without the values of its text attributes (alt, title, aria-label: ``html_text.shape``):
    a tag whose alt text is translated is the Dutch's tag, as export and publish keep it."""
    return html_text.shape(tag) if "=" in tag else tag


_CLOSING = re.compile(r"[>%]?\}\}$")


@check("template", "Template syntax: the same Hugo shortcodes and Liquid tags, arguments and order as the Dutch (never silenced)", ERROR, silenceable=False)
def _template(entry: Entry) -> Iterator[str]:
    """Shortcodes and Liquid are compared as written but for the text for readers in them (a caption).

    Never silenced: the generator runs them, so one a translator adds or breaks breaks the build or includes
    what the author never chose."""
    source, text = entry.translation.source, entry.translation.text
    if not template_syntax.may_hold(source) and not template_syntax.may_hold(text):
        return
    dutch_spans, english_spans = list(template_syntax.spans(source)), list(template_syntax.spans(text))
    misclosed = Counter(t.misclosed for t in english_spans if t.misclosed) - Counter(t.misclosed for t in dutch_spans if t.misclosed)
    for written in misclosed:  # said alone: Liquid's pattern read the rest of it (and maybe more) as one piece
        own, closing = ">}}" if written.startswith("{{<") else "%}}", _CLOSING.search(written)[0]  # type: ignore[index]
        right = written[: -len(closing)].rstrip().rstrip(">%").rstrip() + " " + own
        yield f"template tag {excerpt(written, 60)} closes with {closing}, and Hugo stops the whole build on it — close it with {own}: {excerpt(right, 60)}"
    if misclosed:
        return
    dutch = [t.shown for t in dutch_spans]
    english = [t.shown for t in english_spans]
    yield from _compare_sequence("template tag", "", dutch, english, "template tag", ordered=False)
    if dutch != english and Counter(dutch) == Counter(english):
        yield "template tags are in another order than in the Dutch — write them in the Dutch's order"  # an error, unlike links: tags open and close in pairs
    unclosed = Counter(template_syntax.unclosed(text)) - Counter(template_syntax.unclosed(source))
    yield from (f"template tag {excerpt(opening, 40)} is not closed — close it as the Dutch does" for opening in unclosed)


@check(
    "slug", f"A URL slug: lowercase letters and digits joined by single hyphens, at most {SLUG_LENGTH} (never silenced)", ERROR,
    silenceable=False, context=SLUG,
)
def _slug(entry: Entry) -> Iterator[str]:
    if entry.translation.context == SLUG and (problem := slug_problem(entry.text)):
        yield problem


@check("title", "A title is not blank (never silenced)", ERROR, silenceable=False, context="title")
def _title(entry: Entry) -> Iterator[str]:
    if entry.translation.context == "title" and not entry.text.strip():
        yield "blank (a page needs a title) — write the English title"


# Numbers ------------------------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d(?<![\w.,]\d)(?:[\d.,]*\d)?")
"""A digit not after a letter, digit or separator, and what follows it; the digit comes first so that
the regex engine skips to digits, instead of testing what is behind every character."""
_SEPARATORS = {"nl": (".", ","), "en": (",", ".")}
"""Each language's thousands separator and decimal mark."""


def _value(token: str, language: str) -> Decimal | None:
    """The value of a number as ``language`` writes it (``1.250`` is 1250 in Dutch, 1.25 in English)."""
    thousands, decimal = _SEPARATORS[language]
    if re.fullmatch(rf"[1-9]\d{{0,2}}(?:{re.escape(thousands)}\d{{3}})+(?:{re.escape(decimal)}\d+)?", token):  # no grouping begins with 0
        token = token.replace(thousands, "")
    token = token.replace(",", ".")
    try:
        return Decimal(token) if token.count(".") <= 1 else Decimal(token.replace(".", ""))
    except InvalidOperation:
        return None


def _values(text: str, language: str) -> Counter[Decimal]:
    """The numbers a text writes in digits, each times the scale word after it ("2 miljoen", "1.5 million")."""
    values: Counter[Decimal] = Counter()
    for found in _NUMBER.finditer(text):
        value = _value(found.group(), language)
        if value is not None:
            values[_scaled(value, text, found.end(), language)] += 1
    return values


_SCALES = {"nl": {"duizend": 1000, "miljoen": 1_000_000, "miljard": 1_000_000_000}, "en": {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}}
"""The words that make a number a thousand, a million or a billion times as large; the long scale's "biljoen" is rare."""
_SCALE_AFTER = {
    language: re.compile(rf"\s+({'|'.join(scales)})(?!\w)", re.IGNORECASE) for language, scales in _SCALES.items()
}
"""A scale word right after a number ("2 miljoen")."""
_DUTCH_SCALES = ("uizend", "ilj")
"""What a Dutch text without digits holds when it writes a large number in words ("twee miljoen", "Duizend"):
the scale words but their first letter, which may be a capital; looked for as plain substrings (a regex, or
the text in lower case, took as long as the rest of the check)."""
LARGE = 1000
"""Numbers in words from here on count as numbers that must be carried over, as digits do; smaller ones only stand
for digits on the other side: "een" and "one" are articles and pronouns too ("een boek", "the one")."""


def _scaled(value: Decimal, text: str, end: int, language: str) -> Decimal:
    """``value`` times the scale word that follows it in ``text`` at ``end``, if one does: in English, a Dutch one
    left there too ("10 miljoen"), which is then the Dutch's number, written with a Dutch word (``_dutch_scale``)."""
    found = _SCALE_AFTER[language].match(text, end) or _dutch_scale(text, end, language)
    return (value * _SCALE_VALUES[found.group(1).lower()]).normalize() if found else value


def _dutch_scale(text: str, end: int, language: str) -> re.Match[str] | None:
    """The Dutch scale word right after a number of an English text at ``end`` ("meer dan 10 miljoen" kept), if one is."""
    return _SCALE_AFTER["nl"].match(text, end) if language == "en" else None


_SCALE_VALUES = {**_SCALES["nl"], **_SCALES["en"]}
_ENGLISH_SCALES = dict(zip(_SCALES["nl"], _SCALES["en"]))


_NUMBER_WORDS = {
    "en": {
        **{word: value for value, word in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
            " seventeen eighteen nineteen twenty".split())},
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    },
    "nl": {
        **{word: value for value, word in enumerate(
            "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien"
            " zeventien achttien negentien twintig".split())},
        "één": 1, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
        "honderd": 100, "duizend": 1000, "miljoen": 1_000_000, "miljard": 1_000_000_000,
    },
}
_JOINERS = {"en": r"(?:[\s-]+(?:and[\s-]+)?)", "nl": rf"(?:en|ën|\s+(?=(?:{'|'.join(_SCALES['nl'])})(?!\w)))?"}
"""What joins the parts of a number in words: "twenty-five", "a hundred and five"; Dutch writes one word
("vijfentwintig", "tweeduizend"), but a space before a million or a billion ("twee miljoen")."""


@lru_cache(maxsize=None)
def _number_word(language: str) -> str:
    """Any one number word of the language, longest first ("zeventien" before "zeven")."""
    return "|".join(sorted(map(re.escape, _NUMBER_WORDS[language]), key=len, reverse=True))


@lru_cache(maxsize=None)
def _number_in_words(language: str) -> re.Pattern[str]:
    word = _number_word(language)
    return re.compile(rf"(?<!\w)(?<!\d\s)(?:{word})(?:{_JOINERS[language]}(?:{word}))*(?!\w)", re.IGNORECASE)  # "2 miljoen": _values


def _words_value(words: str, language: str) -> int:
    """The value of a number in words: the parts add up, "hundred" and "thousand" multiply what comes before."""
    total = current = 0
    for part in re.findall(_number_word(language), words.lower()):
        value = _NUMBER_WORDS[language][part]
        if value == 100:
            current = max(current, 1) * 100
        elif value >= 1000:
            total += max(current, 1) * value
            current = 0
        else:
            current += value
    return total + current


def _spelled_out(text: str, language: str) -> Counter[Decimal]:
    """The numbers a text writes in words ("eight", "twenty-five", "vijfentwintig"; English "once", "twice" for "1 keer", "2 keer")."""
    found = Counter(Decimal(_words_value(words, language)) for words in _number_in_words(language).findall(text))
    if language == "en":
        found.update(Decimal(_TIMES[word.lower()]) for word in _TIMES_WORD.findall(text))
    return found


def _large(numbers: Counter[Decimal]) -> dict[Decimal, int]:
    """The numbers in words that must be carried over like digits (``LARGE``)."""
    return {value: count for value, count in numbers.items() if value >= LARGE} if numbers else {}


_TIMES = {"once": 1, "twice": 2}
_TIMES_WORD = re.compile(r"(?<!\w)(?:once|twice)(?!\w)", re.IGNORECASE)
"""How often, as English says it in one word: they only ever stand for a Dutch number, never add one."""


_ENGLISH_GROUPS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
"""A number with English thousands commas (1,250 or 12,500.50): any other comma is a Dutch decimal comma."""


def _english_form(value: Decimal) -> str:
    return f"{value:,f}"


@check(
    "numbers", "Numbers, amounts, percentages and dates carried over (as values: 1.250 = 1,250; eight = 8; twee miljoen = 2 million)", ERROR,
    aspects="the value itself, as in numbers.8 or numbers.1250",
)
def _numbers(entry: Entry) -> Iterator[Finding]:
    dutch_text, english_text = entry.dutch.words, entry.english.words
    if not (_NUMBER.search(dutch_text) or _NUMBER.search(english_text)):
        if _DUTCH_SCALES[0] not in dutch_text and _DUTCH_SCALES[1] not in dutch_text:
            return  # no digits, and no large number in the Dutch's words: nothing to carry over
    dutch_words, english_words = _spelled_out(dutch_text, "nl"), _spelled_out(english_text, "en")
    dutch, english = _values(dutch_text, "nl"), _values(english_text, "en")
    dutch.update(_large(dutch_words))
    english.update(_large(english_words))
    missing, added = dutch - english, english - dutch
    for found in _NUMBER.finditer(english_text):  # the Dutch way of writing a number left in the English
        token = found.group()
        value, as_dutch = _value(token, "en"), _value(token, "nl")
        read, meant = (  # with the scale word after it ("1,5 million")
            (_scaled(value, english_text, found.end(), "en"), _scaled(as_dutch, english_text, found.end(), "en"))
            if value is not None and as_dutch is not None else (value, as_dutch)
        )
        if value != as_dutch and added[read] > 0 and missing[meant] > 0:
            missing[meant] -= 1
            added[read] -= 1
        elif (scale := _dutch_scale(english_text, found.end(), "en")) and as_dutch is not None:
            word = scale.group(1)  # the Dutch's number, its scale word left Dutch: one finding, the number is there
            english = f"{_english_form(as_dutch)} {_ENGLISH_SCALES[word.lower()]}"
            yield Finding(f"{token} {word}: English writes {english} — write it so", f"{meant:f}")
            continue
        elif not (as_dutch is not None and "," in token and not _ENGLISH_GROUPS.fullmatch(token)):
            continue  # a number as English writes it ("1,5" is no English number: the Dutch 1.5)
        if english_numbers(token) == token:
            continue  # no Dutch notation as segmentation reads it: a list ("1,2,3"), the Dutch's token copied as it is
        yield Finding(f"{token}: English writes {_english_form(as_dutch)} — write it so", f"{as_dutch:f}")
    missing = +missing - english_words  # "eight" for 8 is the same number
    added = +added - dutch_words
    for value in missing:
        yield Finding(f"the number {value:f} is missing — write the Dutch's number in the translation", f"{value:f}")
    for value in added:
        yield Finding(f"the number {value:f} is not in the Dutch — write the Dutch's number, or take it out", f"{value:f}")


# Glossary -----------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _term(term: str, exact: bool = True) -> re.Pattern[str]:
    """A glossary term as a whole word (or words)."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", 0 if exact else re.IGNORECASE)


@check("glossary", "Glossary: fixed translations used (in any inflection), none forbidden; terms that stay Dutch untouched", ERROR)
def _glossary(entry: Entry) -> Iterator[str]:
    if not (entry.glossary.terms or entry.glossary.keep):
        return  # no term to find (a site without a glossary): the Dutch need not even be lowered
    # prose only: a term inside a URL or code is not the author's wording
    source, text = entry.dutch.words, entry.english.words
    reported: set[str] = set()
    for found in entry.glossary.find(source):
        if found.term in reported:
            continue
        reported.add(found.term)
        if found.keep:
            if not dutch_has(text, found.term):
                yield f"'{found.term}' must stay as written"
            continue
        term = entry.glossary.terms[found.term]
        used = [f for f in term.forbidden if english_has(text, f)]
        if used or not any(english_has(text, allowed) for allowed in term.allowed):
            yield _term_message(found.term, term.allowed, used)


def _term_message(dutch: str, allowed: tuple[str, ...], forbidden: list[str]) -> str:
    """'veranderopgave' must be translated as 'change challenge' (or …), not 'change task'."""
    wanted = " or ".join(f"'{a}'" for a in allowed)
    return f"'{dutch}' must be translated as {wanted}" + (f", not '{forbidden[0]}'" if forbidden else "")


# Language -----------------------------------------------------------------------------------------------------------

# Words common in Dutch and rare in English ("in" and "is" are both).
DUTCH_WORDS = frozenset(
    "het een niet wat zijn ook maar voor naar wordt worden deze dit wij jij je jouw ik dat die van en de op met als bij"
    " hoe waar zich nog dan er heeft hebben kan kunnen geen meer om te uit zo wel mijn onze zij hij"
    " omdat waarom wie welke altijd nooit heel veel".split()
)
UNMISTAKABLY_DUTCH = frozenset(
    "het een niet wat zijn ook maar voor naar wordt worden deze dit wij jij jouw ik dat onze zij hij omdat waarom welke"
    " altijd nooit veel geen meer zich nog heeft hebben kunnen uit wel mijn bij".split()
)
"""The common Dutch words no English sentence or name uses: one of them alone is Dutch left behind."""
_DUTCH_FUNCTION_WORDS = frozenset(
    # pronouns, articles, conjunctions, adverbs and prepositions
    "jou haar hun ons mezelf jezelf zichzelf iets niets niemand iemand iedereen alles elke ieder andere"
    " toch dus terwijl hoewel tenzij zodat zoals toen nadat voordat sinds waarbij daarbij echter bijvoorbeeld namelijk"
    " ongeveer helemaal zeker natuurlijk juist verder ooit nergens overal ergens vooral alsof terug mee binnen buiten"
    " tussen zonder tegen onder boven achter naast daar hier daarom daarna wanneer waarin eigenlijk gewoon misschien volgens"
    " samen alleen echt weer steeds soms vaak erg zeer weinig minder graag eens eerst bijna allemaal zachtjes"
    " gisteren vandaag morgen straks tijdens volgende vorige".split()
)
"""The pronouns, articles, conjunctions, adverbs and prepositions only Dutch has, beyond ``UNMISTAKABLY_DUTCH``."""
DUTCH_ONLY_WORDS = UNMISTAKABLY_DUTCH | _DUTCH_FUNCTION_WORDS | frozenset(
    # verbs in their common forms
    "ben heb hebt hadden werd werden waren kun kunt kon konden moet moeten moest wil willen wilde wilt zal"
    " zullen zou zouden mogen gaat gaan ging gingen komt komen kwam kom doet doen zegt zeggen zei weet weten wist"
    " denk denken dacht vind vinden vond zie zien zag voel voelt voelen voelde maak maakt maken maakte krijg krijgen kreeg"
    " blijf blijft blijven bleef staat staan stond ligt liggen loopt lopen liep liepen werkt werken werkte wacht betekent"
    # common nouns and adjectives
    " werk mensen jaar tijd keer huis thuis regen koud goed goede slecht groot grote klein kleine nieuw nieuwe oud oude"
    " mooi mooie blij moe belangrijk moeilijk makkelijk beste eigen vraag antwoord leven kinderen moeder vader"
    .split()
)
"""Dutch words that are no English words (nor names): one of them taken from the Dutch into the English, in lower
case, is Dutch left. Not the words both languages write ("is", "in", "was", "me", "die", "have", "had", "hand",
"warm", "water", "bed", "film", "deed", "bent", "hen", "elk", "lag"), nor particles of names ("van", "de", "den")."""
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


RARE_IN_ENGLISH = 500
"""How often a word may be counted in pyspellchecker's English list and still be no English word: "nat" (297), "dag"
(172) are none; "modules" (587), "kent" (627), "rook" (1,648), "mist" (4,296), "slim" (4,987) are English."""
COMMON_IN_DUTCH = 100
"""How often a word must be counted in pyspellchecker's Dutch list to be a Dutch word: names are counted 50 times
("wim", "sonneveld", "utrecht", "stroopwafel"); "fietste" 155, "koud" 18,583."""
COMMON_DUTCH_OPENING = 1000
"""How often a capitalised word opening a sentence must be counted in the Dutch list to be taken for a Dutch word
rather than a name ("Kees" 107, "Piet" 597; "Vanochtend" 10,849)."""
COMMON_DUTCH_ALONE = 100_000
"""How often a word the English lacks must be counted in the Dutch list for one alone in a sentence to be Dutch left beyond
doubt ("weg" 365,303, "dag" 267,890, "volgens" 159,839): the Dutch things English keeps in lower case are counted far
less ("oma" 17,527, "borrel" 3,838, "gemeente" 2,400, "gracht" 332), and stay a warning (measured: ``test_checks_dutch_left``)."""


DUTCH_NOT_ENGLISH = Path(__file__).with_name("dutch_not_english.txt")
"""The Dutch words that are no English words by pyspellchecker's word lists (``RARE_IN_ENGLISH``, ``COMMON_IN_DUTCH``),
a block per threshold (``COMMON_DUTCH_OPENING`` first): derived from the lists by ``scripts/dutch_not_english.py`` and
shipped, as reading the lists costs 0.7 s of CPU in every process that checks (``test_checks_dutch_left`` derives it
again and compares)."""


UNCOMMON_IN_ENGLISH = 2000
MOSTLY_DUTCH = 4
"""A word English knows but seldom writes (counted fewer than ``UNCOMMON_IN_ENGLISH`` times in its list) and that Dutch
writes ``MOSTLY_DUTCH`` times as often or more is Dutch where the Dutch stands beside it as it stands in the English
(``_aligned``): "She bought brood and cheese" of "Ze kocht brood en kaas" ("brood" 8,332 in Dutch, 1,714 in English)."""
SHARED = "shared"
"""The first line of the block of ``DUTCH_NOT_ENGLISH`` that holds those words."""


@lru_cache(maxsize=1)
def _word_blocks() -> dict[str, frozenset[str]]:
    """The blocks of ``DUTCH_NOT_ENGLISH`` by their first line: read at the first entry that needs them (milliseconds),
    never where no entry does."""
    written = DUTCH_NOT_ENGLISH.read_text(encoding="utf-8").strip().split("\n\n")  # the first: the comment, lines of "#"
    return {name: frozenset(words) for name, *words in (block.split() for block in written if not block.startswith("#"))}


@lru_cache(maxsize=1)
def _dutch_not_english_words() -> dict[int, frozenset[str]]:
    """The words of ``DUTCH_NOT_ENGLISH`` by the threshold of Dutch counts they reach (each block's first line)."""
    blocks = {int(least): words for least, words in _word_blocks().items() if least.isdigit()}
    return {least: frozenset().union(*(words for at_least, words in blocks.items() if at_least >= least)) for least in blocks}


def _dutch_not_english(words: set[str], common: int = COMMON_IN_DUTCH) -> set[str]:
    """Of lower-case words taken from the Dutch, those that are Dutch words and no English words, by the two word lists
    (``RARE_IN_ENGLISH``, ``COMMON_IN_DUTCH`` or ``COMMON_DUTCH_OPENING``: ``DUTCH_NOT_ENGLISH``): "weg", "nat",
    "sneeuw", "fietste", "kantoor", "koffie"; not "band", "gift", "hand", "kind", "room", "die", "over", "want", "door",
    "wet", nor a name."""
    return _dutch_not_english_words()[common].intersection(words) if words else set()


def _only_dutch(words: set[str]) -> set[str]:
    """Of lower-case words of the English taken from its Dutch, those only Dutch has: on the list
    (``DUTCH_ONLY_WORDS``), or by the word lists (``_dutch_not_english``), which are read only for a word of three
    letters or more that no list here names (a name's particle, a word both languages share or common English)."""
    listed = DUTCH_ONLY_WORDS.intersection(words)
    return listed | _dutch_not_english({word for word in words if len(word) > 2} - listed - _NO_SIGN - _SHARED_FUNCTION_WORDS)


ENGLISH_WORDS = frozenset(
    "the a an of and to it not what this that these those we you your i my our they he she his her with as at by from"
    " how where why who which always never very much more no can has have was were be been are will would do does".split()
)
"""Words common in English and rare in Dutch: a sentence with more of them than Dutch ones is English with a Dutch slip."""


def _prose(entry: Entry, outline: _Outline) -> list[str]:
    """The words of a text outside markup and outside the terms that stay Dutch."""
    return _WORD.findall(_without_kept_terms(entry, outline.words))


UNCHANGED = (
    "the English is the same as the Dutch: translate it; a name or a word English shares stays "
    "once it is listed under keep: in the glossary (or this entry says ignore: unchanged)"
)


@check("unchanged", "The English is not simply the Dutch text", WARNING)
def _unchanged(entry: Entry) -> Iterator[str]:
    if _same_as_dutch(entry):
        yield UNCHANGED


def _same_as_dutch(entry: Entry) -> bool:
    """Whether an English is its Dutch as it is, with a word in it outside markup and the glossary's kept terms: one
    word is enough ('Welkom' as much as 'Vragen stellen'; a name is listed under keep:). A slug is not judged: the
    same slug keeps the Dutch address, which is a choice (adopt makes it so where both files have one name)."""
    translation = entry.translation
    return translation.text == translation.source and translation.context != SLUG and bool(_prose(entry, entry.dutch))


@check(
    "dutch", "No Dutch left in the English", WARNING,
    aspects="words, sentence, emphasis, untranslated; untranslated (the English is still the Dutch text), a Dutch sentence"
    " left and Dutch words left beyond doubt (two words only Dutch has in one sentence, or one the Dutch writes most) are errors",
)
def _dutch(entry: Entry) -> Iterator[Finding]:
    if entry.translation.context == SLUG:
        yield from _slug_dutch(entry)
    if entry.translation.text == entry.translation.source:
        yield from _dutch_unchanged(entry)  # the rest is ``unchanged``'s (a warning: a name, a word English shares)
        return
    outline = entry.english
    if entry.dutch.emphasized and outline.emphasized:
        yield from _dutch_emphasized(entry)
    prose = _without_addresses(_without_kept_terms(entry, _without_template_syntax(outline.words)))
    if kept := _still_dutch(entry, prose):
        yield Finding(f"the English is still Dutch ({', '.join(kept[:6])}): translate it", "untranslated", ERROR)
        return
    english = _words_as_written(prose)  # split once: both the common Dutch words and the content words look at them
    if _may_have_dutch_words(prose, english):
        if not DUTCH_WORDS.isdisjoint(map(str.lower, _WORD.findall(prose))):  # a common Dutch word (found without a loop in Python)
            untitled = _without_dutch_titles(entry, prose)
            left = [sentence for sentence in sentences(untitled) if _is_dutch(_without_opening_title(entry, _WORD.findall(sentence)))]
            if left:
                yield from (_sentence_left(entry, sentence) for sentence in left)
                return
            words = [word for words in _sentence_words(entry, prose) for word in words]
            if UNMISTAKABLY_DUTCH.intersection(w for w in _dutch_words(words) if w.islower()) or _is_dutch(words, share=6, english=False):
                yield _words_left(entry, prose, sorted(set(_dutch_words(words))))
                return
    if content := _content_words_left(entry, prose, english):
        yield _words_left(entry, prose, content)
    elif " en " in prose and (joined := _names_joined_by_en(entry, prose)):
        yield Finding(
            f"the Dutch 'en' between names: '{joined}' — write 'and' (a title kept in Dutch: put it in quotation marks or emphasis)", "words",
        )


_JOINED_BY_EN = re.compile(r"(?<![^\s(])((?:[^\W\d_][\w’'-]*, )*[^\W\d_][\w’'-]*) en ([^\W\d_][\w’'-]*)")
"""Words joined by "en", the last of a list after commas: "Bep, Truus en Greet"."""


def _names_joined_by_en(entry: Entry, prose: str) -> str | None:
    """The names (or a list's items) in the English joined by the Dutch "and", where the Dutch joins them so too:
    "They are called Bep, Truus en Greet" of "Ze heten Bep, Truus en Greet". The rule of "en" before English
    (``_conjunction_left``) never met it: a name follows. Each side a capitalised word, or the list before it
    capitalised (items of a list: "Bep, Truus en Greet"); not one the Dutch does not join so (French: "Pommes en
    Sauce" where the Dutch says none), nor a title quoted or emphasized (``_without_titles``). A warning: a title or a
    pair's name kept in Dutch ("Jip en Janneke", "Suske en Wiske") is written so on purpose."""
    said = " ".join(entry.dutch.words.split())
    dutch = set(_lower_words(said))
    for found in _JOINED_BY_EN.finditer(_without_titles(entry, " ".join(prose.split()), dutch)):
        items = [*found[1].split(", "), found[2]]
        if all(item[:1].isupper() for item in items) and found[2] != "I" and f"{found[1].rsplit(', ', 1)[-1]} en {found[2]}" in said:
            return found[0]
    return None


def _slug_dutch(entry: Entry) -> Iterator[Finding]:
    """A slug that keeps words only Dutch has of the Dutch slug ("friction-as-brandstof", a machine's draft of
    "frictie-als-brandstof"): the English page's address half Dutch, which no finding named (a trial). The Dutch slug
    kept whole is a choice once approved: the English at the Dutch address (adopt makes it so where both files have one
    name). A machine's draft that kept it whole is said, whatever its words (a name's, or "eigenaarschap", which no word
    list knows): approved as it came, the page went live at the Dutch address with no word, where the title's unchanged
    draft had one (a trial)."""
    text, source = entry.translation.text, entry.translation.source
    if text != source and (kept := _only_dutch(set(text.split("-")) & set(source.split("-")))):
        yield Finding(f"the slug keeps Dutch words ({', '.join(sorted(kept))}): translate them, or keep the Dutch slug whole", "slug")
    elif text == source and entry.translation.fuzzy:
        yield Finding(f"the draft keeps the Dutch slug ({source}): approved as it is, the English page's address is the Dutch "
                      "page's — translate it, or approve it to keep that address", "slug")


def _dutch_unchanged(entry: Entry) -> Iterator[Finding]:
    """The Dutch approved as its own English, where it is Dutch prose (``_still_dutch``: "Hier zijn de cijfers van
    dit jaar."), not a name or a word English shares: Dutch beyond doubt. Left to ``unchanged``'s warning, it was
    published, where the same Dutch with a full stop less was held back (a new user's trial). The translator's
    ``ignore: unchanged`` says the English is the Dutch on purpose (a quote, a saying), as the Dutch slug kept does (the
    Dutch address): no finding then."""
    if entry.translation.context == SLUG or (entry.translation.note and "unchanged" in entry.translation.ignored_checks):
        return
    prose = _without_addresses(_without_kept_terms(entry, _without_template_syntax(entry.english.words)))
    if kept := _still_dutch(entry, prose):
        said, severity = _beyond_doubt(entry)
        yield Finding(f"the English is still the Dutch ({', '.join(kept[:6])}): translate it{said}", "untranslated", severity)


_HELD_BACK = ": until then the document's English is held back"
"""What an error of the check ``dutch`` costs, said with it."""
_BEFORE_APPROVAL = " before you approve it"
"""What the same finding says of an entry not approved yet (a machine draft): a warning, as nothing of it is published."""


def _beyond_doubt(entry: Entry) -> tuple[str, str | None]:
    """What Dutch left beyond doubt costs an entry, said and as a severity: an approved entry's is an error (its
    document's English held back); a draft's (fuzzy: never published, to be reviewed) a warning, or every machine draft
    that left a Dutch word would fail ``check`` and the commit hook until each is reviewed."""
    return (_BEFORE_APPROVAL, None) if entry.translation.fuzzy else (_HELD_BACK, ERROR)


_KEPT_ON_PURPOSE = "Dutch kept on purpose, as a saying or a title: put it in quotation marks or emphasis"
"""How an author tells the check that Dutch in the English is meant ("My grandmother always said 'alles komt goed'"):
a run of the Dutch's words quoted or emphasized is no Dutch left (``_without_titles``)."""


def _sentence_left(entry: Entry, sentence: str) -> Finding:
    """A Dutch sentence left in the English (``_is_dutch``): Dutch beyond doubt."""
    said, severity = _beyond_doubt(entry)
    return Finding(f"a Dutch sentence left in the English: '{sentence}' — translate it{said} ({_KEPT_ON_PURPOSE})", "sentence", severity)


def _without_template_syntax(text: str) -> str:
    """The text without its template syntax (``{{ "koffie en thee" }}``, ``{% include … %}``, a Hugo shortcode), whose
    words are the generator's, not the reader's: no Dutch left (the ``template`` check compares it with the Dutch's)."""
    return template_syntax.without(text)


def _words_left(entry: Entry, prose: str, words: list[str]) -> Finding:
    """The finding of Dutch words left: an error where one sentence shows them beyond doubt (``_left_beyond_doubt``),
    else a warning (a word only Dutch has that English may keep: "a borrel", or words English may share). Only the words
    that look Dutch are named, in the English's order (not "term" of "The term vertrouwen betekent")."""
    strong = _left_beyond_doubt(entry, prose)
    if strong and (common := [word for word in words if word.lower() in DUTCH_WORDS and word not in strong]):
        order = {word: index for index, word in reversed(list(enumerate(_lower_words(prose))))}  # the English's order
        strong = sorted(strong + common, key=lambda word: order.get(word.lower(), len(order)))  # "het" of "It is niet what het seems"
    named = (strong or words)[:6]
    shown = ", ".join(f"'{word}'" for word in named)
    said, severity = _beyond_doubt(entry) if strong else ("", None)
    left = f"Dutch words left in the English: {shown} — translate them" if len(named) > 1 else f"a Dutch word left in the English: {shown} — translate it"
    return Finding(
        f"{left}{said} "
        f"(a name that stays Dutch: put it under 'keep:' in the glossary; {_KEPT_ON_PURPOSE})",
        "words", severity,
    )


def _left_beyond_doubt(entry: Entry, prose: str) -> list[str]:
    """The Dutch words of the first sentence of ``prose`` (its titles and names taken out: ``_sentence_words``)
    that shows Dutch left beyond doubt, in lower case and taken from the Dutch: two different words only Dutch has
    (``_only_dutch``: "Gisteren fietste I to my werk", "Vanochtend there was sneeuw"), or two words or more side by side, one of
    them only Dutch's or two spelled as Dutch spells ("trust groeit langzaam and"), or one alone that is beyond doubt
    (``_dutch_alone``: "But the weg was wet"). None when no sentence does. A run of the Dutch's words after "a" or "an"
    where the Dutch says "een" before them is the name of a thing kept in Dutch ("a koffie verkeerd", "a broodje
    kroket": the Dutch things English keeps, as "a borrel"), a warning at most.

    Measured on ``tests/fixtures/dutch-left.txt`` and the demo site (``test_checks_dutch_left``): in no good English
    do two words only Dutch has stand in lower case in one sentence, nor one in a run of the Dutch's words, and no
    such run has two spelled as Dutch spells (one word the word lists know alone is a warning: "gezellig", "rector"
    were false alarms before they were listed as shared)."""
    dutch = set(_lower_words(entry.dutch.words)).difference(_NO_SIGN, _SHARED_FUNCTION_WORDS)
    found = _sentence_words(entry, prose)
    only_dutch = _only_dutch(dutch.intersection(word for words in found for word in words))
    said = f" {' '.join(_lower_words(entry.dutch.words))} "
    for words in found:
        if not _BEFORE_ENGLISH.isdisjoint(words):
            only_dutch = only_dutch | dutch.intersection(_conjunction_left(words))
        only, run, strong, before = set(), [], [], ""
        for word in [*words, ""]:
            if word in dutch:
                run.append(word)
                continue
            if run and not (len(run) > 1 and before in ("a", "an") and f" een {' '.join(run)} " in said):  # "a koffie verkeerd"
                only.update(only_dutch.intersection(run))
                if len(run) > 1 and (sum(map(_spelled_dutch, run)) >= 2 or not only_dutch.isdisjoint(run)):
                    strong += [word for word in run if _shows_dutch(word, only_dutch)]
            before, run = word, []
        if len(only) >= 2 or strong or any(map(_dutch_alone, only)):
            return [word for word in dict.fromkeys(words) if word in only or word in strong]
    return []


def _dutch_alone(word: str) -> bool:
    """Whether one word only Dutch has, alone in a sentence, is Dutch left beyond doubt: a word of the hand list
    (``DUTCH_ONLY_WORDS``: "maar", "niet", "werk"), one of the Dutch's most common by the word lists (``COMMON_DUTCH_ALONE``:
    "weg", "dag", "volgens"), or "en" or "op" before English (``_conjunction_left``: "wet en I was late"). Not the Dutch things
    English keeps in lower case ("a borrel", "your huisarts", "my oma"): a warning, which the glossary's keep: settles."""
    return word in DUTCH_ONLY_WORDS or word in _BEFORE_ENGLISH or word in _dutch_not_english_words()[COMMON_DUTCH_ALONE]


_ENGLISH_AFTER = frozenset("I we you he she they it there the a an my our your his her their this that its".split())
"""The words that open an English clause: after a Dutch adverb that opens a sentence ("Vanmiddag I am going"), or "en"
("wet en I was late"), the Dutch word is left in English, where a name goes on otherwise ("Leiden is", "Roos and Kees")."""


_BEFORE_ENGLISH = frozenset("en op".split())
"""Short Dutch words English writes too, but never before a word that opens an English clause or noun phrase
(``_ENGLISH_AFTER``): "en route", "en masse", "op art", "op-ed"; not "wet en I was late", "op the market"."""


def _conjunction_left(words: list[str]) -> list[str]:
    """The Dutch "and" or "on" (``_BEFORE_ENGLISH``) where it stands in ``words`` before a word that opens English:
    "wet en I was late", "a stroopwafel op the market"."""
    return [word for word, after in zip(words, words[1:]) if word in _BEFORE_ENGLISH and after in _ENGLISH_AFTER]


def _shows_dutch(word: str, only_dutch: set[str]) -> bool:
    """Whether a word of a run of the Dutch's words left in the English is itself Dutch to see, and so named in the
    finding: only Dutch's (``only_dutch``), a common Dutch word ("en"), or spelled as Dutch spells. Not a word the
    English rightly shares with the run ("The term vertrouwen": the English for "term" is "term")."""
    return word in only_dutch or word in DUTCH_WORDS or _spelled_dutch(word)


_FIRST_NAMES = frozenset("ben wil".split())
"""Words only Dutch has that are first names too ("Ben said it already"): no sign at a sentence's start."""
_DUTCH_OPENINGS = frozenset(word.capitalize() for word in DUTCH_ONLY_WORDS - _FIRST_NAMES)
"""The words only Dutch has as a sentence opens with them ("Gisteren", "Maar")."""


def _sentence_words(entry: Entry, prose: str) -> list[list[str]]:
    """The words of each sentence of a text without its titles and names kept in Dutch (``_without_dutch_titles``), as
    written, but for a sentence's first word where it is a word only Dutch has, taken from the Dutch, that opens no
    title: in lower case, its capital the sentence's ("Gisteren I cycled", "Maar the road was wet" are Dutch left as
    much as "I cycled gisteren"). A title opens with an article or a pronoun (``_TITLE_OPENINGS``) and goes on with a
    word of the Dutch that is no English word ("Het Achterhuis is the diary", "Het dorp by Wim Sonneveld"): the run of
    the Dutch's words it opens is left out, as a title inside a sentence is (``_CAPITALISED_RUN``), and so is one that
    opens with a Dutch word the word lists know ("Boer zoekt Vrouw is a popular programme": ``_opens_with_dutch``)."""
    dutch = set(_lower_words(entry.dutch.words))
    found = []
    for sentence in sentences(_without_titles(entry, " ".join(prose.split()), dutch)):
        first, *rest = _WORD.findall(sentence) or [""]
        words = _WORD.findall(_without_capitalised_titles(sentence, dutch))  # its first word is ``first``
        if first.lower() in dutch and (first in _DUTCH_OPENINGS or _opens_with_dutch(first, rest, words, dutch)):
            if _opens_title(entry, first, rest[0] if rest else "", dutch):
                words = words[1 + _title_length(words[1:], dutch):]
            else:
                words[0] = first.lower()
        found.append(words)
    return found


def _without_opening_title(entry: Entry, words: list[str]) -> list[str]:
    """A sentence's ``words`` without the name or title kept in Dutch it opens with (``_opens_name``: "Mijn leven als
    hond is a beautiful book" of "Het boek Mijn leven als hond"), if any."""
    first, then = [*words, "", ""][:2]
    if first not in _DUTCH_OPENINGS:
        return words  # the common case: no set of the Dutch's words made
    dutch = set(_lower_words(entry.dutch.words))
    return words[1 + _title_length(words[1:], dutch):] if first.lower() in dutch and _opens_name(entry, first, then, dutch) else words


def _opens_title(entry: Entry, first: str, then: str, dutch: set[str]) -> bool:
    """Whether a sentence's first word, one only Dutch has and the Dutch's (``first``, followed by ``then``), opens a
    title or a name kept in Dutch rather than being Dutch left: an article or a pronoun, or a Dutch word by the word
    lists alone (``_opens_with_dutch``), followed by a word of the Dutch that is no English word ("Het Achterhuis is
    the diary"), or a name of the Dutch (``_opens_name``)."""
    if (first in _TITLE_OPENINGS or first not in _DUTCH_OPENINGS) and then.lower() in dutch and then.lower() not in _NO_SIGN | _SHARED_FUNCTION_WORDS:
        return True
    return _opens_name(entry, first, then, dutch)


def _opens_name(entry: Entry, first: str, then: str, dutch: set[str]) -> bool:
    """Whether a sentence's first word (``first``, followed by ``then``) opens a name or a title the Dutch has: a
    capitalised word of the Dutch follows it ("Oude Kerk is the oldest building", "Echt Goed is the shop"; after a
    function word only Dutch has, a Dutch word: "Zonder Zorgen is a restaurant", not "Volgens Max is a good plan"), or the
    Dutch writes it with its capital inside a sentence ("Nooit meer slapen is a classic" of "Zijn roman Nooit meer
    slapen")."""
    if then[:1].isupper() and then.lower() in dutch and (first.lower() not in _DUTCH_FUNCTION_WORDS or _only_dutch({then.lower()})):
        return True  # not a Dutch preposition or adverb before a person's name: "Volgens Max is a good plan"
    return any(run[0].startswith(first) and run[0][len(first):][:1] in ("", " ") for run in _CAPITALISED_RUN.finditer(" ".join(entry.dutch.words.split())))


def _dutch_opening(word: str) -> bool:
    """Whether a capitalised word opening a sentence, a word of the Dutch, is a Dutch word no name is (by the word
    lists, ``COMMON_DUTCH_OPENING``: "Vanochtend"; not "Kees", "Utrecht", nor the first names ``_FIRST_NAMES``)."""
    return word[1:].islower() and bool(_dutch_not_english({word.lower()} - _NO_SIGN - _FIRST_NAMES, COMMON_DUTCH_OPENING))


def _opens_with_dutch(first: str, rest: list[str], words: list[str], dutch: set[str]) -> bool:
    """Whether a sentence's first word (``first``, before ``rest``; ``words``: its words less titles), a word of the
    Dutch (``dutch``) that the list of words only Dutch has lacks, is Dutch left: a Dutch word by the word lists
    (``_dutch_opening``) that no name goes on from (a capital or a particle after it: "Roos de Vries", "Leiden
    University"), before a word that opens an English clause (``_ENGLISH_AFTER``: "Vanmiddag I am going shopping") or in a
    sentence with another word only Dutch has ("Vanochtend there was sneeuw"). Else it may be a name ("Leiden is a
    lovely city", "Roos wrote it")."""
    name_goes_on = bool(rest) and (rest[0][:1].isupper() and rest[0] != "I" or rest[0].lower() in _PARTICLES)
    if not _dutch_opening(first) or name_goes_on:
        return False
    return bool(rest) and rest[0] in _ENGLISH_AFTER or bool(_only_dutch(dutch.intersection(words[1:])))


def _title_length(words: list[str], dutch: set[str]) -> int:
    """How many of ``words`` are a title kept in Dutch: the Dutch's words (``dutch``, in lower case) they start with."""
    return len(list(takewhile(lambda word: word.lower() in dutch, words)))


_TITLE_OPENINGS = frozenset("Het Een Ik Jij Hij Zij Wij Wat Dit Dat Deze Mijn Onze".split())
"""The words only Dutch has that open a title ("Het Achterhuis", "Zij gelooft in mij"); "Gisteren fietste I" opens none."""
_SHARED_FUNCTION_WORDS = frozenset("is in was me".split())
"""Short words both languages write, which go on no title ("Dit is a difficult question")."""


_LETTERS = str.maketrans({chr(code): chr(code) if chr(code).isalpha() else " " for code in range(128)})
"""Every ASCII letter as it is, every other ASCII character to a space."""


_ADDRESS = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)\S*|[^\s<>()]+@[^\s<>()]+")
"""A web address or an e-mail address as written in the text (an autolink's text is its URL): no words of a language."""


def _without_addresses(prose: str) -> str:
    """The text without its web and e-mail addresses ('<https://vertrouwenswerk.nl/opgaven/>', 'vragen@…'), whose
    Dutch words are a name, not Dutch left."""
    return _ADDRESS.sub(" ", prose) if "://" in prose or "www." in prose or "@" in prose or "mailto:" in prose else prose


_QUOTED = re.compile(r"(?<!\w)(?:'([^'\n]+)'|‘([^’\n]+)’|\"([^\"\n]+)\"|“([^”\n]+)”)(?!\w)")
"""A run in quotation marks, single or double, straight or curly (an apostrophe inside a word starts none: "don't")."""


def _without_titles(entry: Entry, prose: str, dutch: set[str]) -> str:
    """The text without the runs in quotation marks or emphasis that are the Dutch's words only: a title kept in
    Dutch ("the playbook 'werken vanuit vertrouwen'", "*de kracht van kwetsbaarheid*"), whatever its case."""
    runs = [next(filter(None, quoted.groups())) for quoted in _QUOTED.finditer(prose)] + list(entry.english.emphasized)
    for run in runs:
        if run.strip() and dutch.issuperset(_lower_words(run)):
            prose = prose.replace(run, " ")
    return _without_titles_said_in_english(entry, prose, dutch)


_NO_SAID_TITLE = frozenset(word.capitalize() for word in UNMISTAKABLY_DUTCH | _DUTCH_FUNCTION_WORDS).difference(_TITLE_OPENINGS)
"""The Dutch words that open a sentence, not a title, before English ("Samen met Max is a plan made" of "Samen met
Max is een plan gemaakt"): the function words only Dutch has, but for those a title opens with (``_TITLE_OPENINGS``)."""
_OPENING_BEFORE_ENGLISH = re.compile(r"(?:^|(?<=[.!?…] ))([^\W\d_]+(?: [^\W\d_]+)+?)(?= (?:is|was|are|were) (?:a|an|the) )")
"""A sentence's first words, two or more, before "is a", "was the" or so: English said of them."""


def _without_titles_said_in_english(entry: Entry, prose: str, dutch: set[str]) -> str:
    """The text without the titles kept in Dutch that open a sentence and that English goes on from: the Dutch's words
    (``dutch``), a capitalised one among them after the first (a title's or a name's), before "is a", "was the" or
    so, where the Dutch says "is een", "was de" of them ("Tijd voor Max is a TV show" of "Tijd voor Max is een
    tv-programma"; not "Volgens Max is a good plan" of "Volgens Max is het een goed plan"). The Dutch itself may open
    with the title, so a capital inside a sentence tells nothing there."""
    if " a " not in prose and " an " not in prose and " the " not in prose:
        return prose  # the common case: no regular expression run
    said_in_dutch = " ".join(entry.dutch.words.split())

    def without_title(opening: re.Match[str]) -> str:
        words = opening[0].split(" ")
        title = words[0] not in _NO_SAID_TITLE and dutch.issuperset(map(str.lower, words)) and any(word[:1].isupper() for word in words[1:])
        return "" if title and re.search(rf"{re.escape(opening[0])} (?:is|was|zijn|waren) (?:een|de) ", said_in_dutch) else opening[0]

    return _OPENING_BEFORE_ENGLISH.sub(without_title, prose)


def _without_dutch_titles(entry: Entry, prose: str) -> str:
    """The text without the titles and names kept in Dutch, whose Dutch words are no Dutch left: a run of the Dutch's
    words in quotation marks or emphasis (``_without_titles``: "truly 'gezellig'", "*Het geheim van vertrouwen*"),
    or one that starts with a capital inside a sentence ("her book Het geheim van vertrouwen came out")."""
    dutch = set(_lower_words(entry.dutch.words))
    return _without_capitalised_titles(_without_titles(entry, " ".join(prose.split()), dutch), dutch)


def _without_capitalised_titles(prose: str, dutch: set[str]) -> str:
    """The text without the runs of the Dutch's words (``dutch``, in lower case) that start with a capital inside a
    sentence (``_CAPITALISED_RUN``): a title or a name kept in Dutch."""

    def without_title(run: re.Match[str]) -> str:
        words = run[0].split(" ")
        title = _title_length(words, dutch)
        return " ".join(["", *words[title:]]) if title else run[0]

    return _CAPITALISED_RUN.sub(without_title, prose)


_CAPITALISED_RUN = re.compile(r"(?<=[^\W\d_] )[^\W\d_a-z][^\W\d_]*(?: [^\W\d_]+)*")
"""Words side by side that start with a capital after a word of the same sentence ("her book Het geheim van …")."""


_NO_TITLE = ENGLISH_WORDS | DUTCH_ONLY_WORDS
"""Words that start no title kept in Dutch at a sentence's start: "We gingen samen", "Gisteren fietste" are Dutch left."""


_SHARED_WORDS = frozenset(
    "online offline team plan moment school design feedback coach manager project website workshop training gezellig rector jenever stroopwafel stroopwafels"
    # of the words English knows but seldom writes and Dutch mostly does (``SHARED``), those with one meaning in both
    " angst brigadier centimeter commandant dossier kilometer mam podium september trek".split()
)
"""Words English took over from (or lent to) Dutch, written alike in both: no sign of Dutch left in any number. Not the
false friends ("brood", "rook", "slang", "dapper", "rapport"), which are Dutch where the Dutch stands beside them as in
the English (``_aligned``)."""


def _content_words_left(entry: Entry, prose: str, english: list[str]) -> list[str]:
    """The Dutch words a half-translated English kept from its own Dutch ("Gisteren fietste I to my werk in the
    stromende regen"), in their order: lower-case words of the English that are words of the Dutch, and either a word
    only Dutch has (``_only_dutch``: "werk", "voelde", "koffie"), or two of them or more side by side, one of those spelled as
    Dutch spells ("stromende regen": ``_spelled_dutch``), or three different ones at least, two of them spelled so
    ("At complexe opgaven weet niemand vooraf the antwoord"). A sentence's first word counts in lower case where its
    capital is the sentence's (``_sentence_words``: "Gisteren I cycled").

    The words English shares with Dutch ("team", "plan", "water", "was") are few in one text, rarely spelled as Dutch
    spells, and English by the word lists; short words ("we", "is"), common English words, the particles of
    names, a name or title kept in Dutch (a run of the Dutch's words that starts with a capital, "Jongleren met
    loyaliteiten", but not with an English or Dutch-only word, or is quoted or emphasized: ``_without_dutch_titles``), an address (``_without_addresses``) and a slug
    (a choice: ``unchanged``) are no sign. ``english``: the words of its ``prose`` (``_words_as_written``)."""
    if entry.translation.context == SLUG:
        return []
    dutch = set(_lower_words(entry.dutch.words))
    if not _DUTCH_OPENINGS.isdisjoint(english) or any(map(_dutch_opening, _capitalised_in(english, dutch))):
        english = [word for words in _sentence_words(entry, prose) for word in words]  # a sentence may open with it
    shared = dutch.intersection(english).difference(_NO_SIGN)  # lower case as written, in the Dutch
    only_dutch = _only_dutch(shared)
    if not _BEFORE_ENGLISH.isdisjoint(shared):
        only_dutch = only_dutch | shared.intersection(_conjunction_left(english))
    if shared and not _word_blocks()[SHARED].isdisjoint(shared):
        only_dutch = only_dutch | _aligned(_word_blocks()[SHARED].intersection(shared), english, _lower_words(entry.dutch.words))
    if not only_dutch and (len(shared) < 2 or not any(map(_spelled_dutch, shared))):
        return []  # the common case, told with sets of words (no loop in Python over them)
    shared = {word for word in shared if len(word) > 2 or word in only_dutch}
    left, runs, run, in_title = [], set(), [], False
    for word in [*(word for words in _sentence_words(entry, prose) for word in words), ""]:
        in_title = word.lower() in dutch and (in_title or word[:1].isupper() and word.lower() not in _NO_TITLE)
        if word in shared and not in_title:
            left.append(word)
            run.append(word)
        else:
            if len(run) > 1 and any(map(_spelled_dutch, run)):
                runs.update(run)
            run = []
    left = list(dict.fromkeys(left))
    if len(left) >= 3 and sum(map(_spelled_dutch, left)) >= 2:
        return left
    return [word for word in left if word in only_dutch or word in runs]


_TRANSLATED = {
    "en": {"and"}, "of": {"or"}, "de": {"the"}, "het": {"the"}, "een": {"a", "an"}, "met": {"with"}, "op": {"on", "at"},
    "van": {"of", "from"}, "voor": {"for"}, "naar": {"to"}, "mijn": {"my"}, "jouw": {"your"}, "je": {"your", "you"},
    "zijn": {"his"}, "haar": {"her"}, "hun": {"their"}, "ons": {"our"}, "onze": {"our"},
}
"""Dutch function words and their English: the Dutch words beside a word, translated."""


def _aligned(words: set[str], english: list[str], dutch: list[str]) -> set[str]:
    """Of ``words`` that English knows but seldom writes and Dutch mostly does (``SHARED``), those the English writes
    where the Dutch does: the word beside it in the English translates the word beside it in the Dutch ("brood and
    cheese" of "brood en kaas", "their brood" of "hun brood"). "A rook sat on the chimney" of "Er kwam rook uit": the
    English's own word, in its own place."""
    found = set()
    for index, word in enumerate(english):
        if word in words:
            before, after = english[index - 1].lower() if index else "", english[index + 1].lower() if index + 1 < len(english) else ""
            for at, same in enumerate(dutch):
                if same == word and (
                    at and before in _TRANSLATED.get(dutch[at - 1], ()) or at + 1 < len(dutch) and after in _TRANSLATED.get(dutch[at + 1], ())
                ):
                    found.add(word)
    return found


def _capitalised_in(english: list[str], dutch: set[str]) -> set[str]:
    """The words of an English's Dutch (``dutch``, in lower case) that it writes with a capital only (capitalised):
    names, or a Dutch word opening a sentence. Told with sets (no loop in Python over every word)."""
    return {word.capitalize() for word in dutch.intersection(map(str.lower, english)).difference(english)}


def _spelled_dutch(word: str) -> bool:
    """Whether a word of five letters or more is spelled as Dutch spells (``_DUTCH_LOOKING``): "opgaven", "vraagt"; not
    "open" and "even", which English shares."""
    return len(word) > 4 and _DUTCH_LOOKING.search(word) is not None


_LOWER_LETTERS = str.maketrans({chr(code): chr(code).lower() if chr(code).isalpha() else " " for code in range(128)})
"""Every ASCII letter to lower case, every other ASCII character to a space."""


def _words_as_written(prose: str) -> list[str]:
    """The words of a text as written: split at once where the text is ASCII (every other character a space), else by ``_WORD``."""
    return prose.translate(_LETTERS).split() if prose.isascii() else _WORD.findall(prose)


_DUTCH_WORDS_IN_ANY_CASE = frozenset(
    "".join(letters) for word in DUTCH_WORDS for letters in product(*(dict.fromkeys((letter, letter.upper())) for letter in word))
)
"""Each of ``DUTCH_WORDS`` in every mix of upper and lower case ("het", "Het", "HET", "hEt"): a few thousand."""


def _may_have_dutch_words(prose: str, english: list[str]) -> bool:
    """Whether ``_WORD`` may find one of ``DUTCH_WORDS`` in a text; False only when it certainly finds none.

    In a text of ASCII characters only, such a word is a run of letters between two other characters: one of
    its words as written (``english``: ``_words_as_written``), in some case, which the set looks up at once (no
    loop in Python), in a third of the time ``_WORD`` takes to find the words. Another text may have one."""
    return not prose.isascii() or not _DUTCH_WORDS_IN_ANY_CASE.isdisjoint(english)


_EDGES = "\"'“”‘’«»()[]{}*_`~.,;:!?…-–—/"
"""Punctuation that may stand around a word."""


def _ends_in(text: str, source: str) -> bool:
    """Whether the first two words of ``text``, or its last two, are in ``source``, as they are written: a quick no for
    a translation, whose words are its own, before its words are taken apart (which, for every text, took as long as
    the whole check). A text still Dutch has nearly all its words in the Dutch, written alike: at one end at least,
    where a translator changed the first words (or the last) and kept the rest."""
    first, last = text.split(None, 2), text.rsplit(None, 2)
    return len(first) > 1 and (  # one word: too short to tell
        first[0].strip(_EDGES) in source and first[1].strip(_EDGES) in source
        or last[-2].strip(_EDGES) in source and last[-1].strip(_EDGES) in source
    )


def _lower_words(text: str) -> list[str]:
    """The words of a text in lower case: split at once where the text is ASCII (as ``_may_have_dutch_words``), else by ``_WORD``."""
    return text.translate(_LOWER_LETTERS).split() if text.isascii() else _WORD.findall(text.lower())


def _still_dutch(entry: Entry, prose: str) -> list[str]:
    """The Dutch words that show an English text to be still its Dutch (a machine that answered in Dutch, Dutch
    pasted in): nine in ten of its words at least are words of the Dutch text (fewer: a translation with a Dutch
    sentence left, which the sentence rule names), and among those a common Dutch word, or two spelled as Dutch
    spells, or one word that alone is Dutch beyond doubt (``_dutch_alone``: "wereld" of "Hallo wereld."). Names
    (``_in_name``), the glossary's terms that stay Dutch, code, link targets and words both languages share ("team",
    "design") do not make a text Dutch; a text of one word is too short to tell."""
    if not _ends_in(prose, entry.dutch.words):
        return []  # the common case: words of its own, told from the first two and the last two
    words = _lower_words(prose)
    if len(words) < 2:
        return []
    source = set(_lower_words(entry.dutch.words))
    misses = len(words) // 10
    for word in words:
        if word not in source:
            misses -= 1
            if misses < 0:
                return []  # words of its own
    cased = _WORD.findall(prose)
    kept = [
        word for index, word in enumerate(cased)
        if word.lower() in source and not _in_name(cased, index) and (index == 0 or not word[:1].isupper())
    ]
    common = [word for word in kept if word.lower() in DUTCH_WORDS and word.lower() not in ("in", "is")]
    spelled = [word for word in kept if _DUTCH_LOOKING.search(word.lower())]
    if not common and len({word.lower() for word in spelled}) < 2:
        return list(dict.fromkeys(word.lower() for word in kept if _dutch_alone(word.lower())))  # "Hallo wereld.", as "Hello wereld."
    return list(dict.fromkeys(word.lower() for word in common + spelled))


_PARTICLES = frozenset("van de den der het ter ten".split())
"""The particles of Dutch names ("Jeroen van der Meer", "De Vries"), which English keeps."""
_NO_SIGN = ENGLISH_WORDS | _SHARED_WORDS | _PARTICLES
"""Words that are no sign of Dutch left, however many: English's own, those it shares, the particles of names."""


def _dutch_words(words: list[str]) -> list[str]:
    """The common Dutch words of a text (in word order), less those that are part of a name."""
    return [
        word for index, word in enumerate(words)
        if word.lower() in DUTCH_WORDS and word.lower() not in ("in", "is") and not _in_name(words, index)
    ]


def _in_name(words: list[str], index: int) -> bool:
    """Whether a word is part of a Dutch name: a particle before a capital or another particle
    ("van der Meer"), or a capitalised word after a particle or a capital ("Kees van der Meer")."""
    word = words[index]
    if word.lower() in _PARTICLES:
        after = words[index + 1] if index + 1 < len(words) else ""
        return after[:1].isupper() or after.lower() in _PARTICLES
    before = words[index - 1] if index else ""
    return word[:1].isupper() and index > 0 and (before[:1].isupper() or before.lower() in _PARTICLES)


def _is_dutch(words: list[str], share: int = 4, english: bool = True) -> bool:
    """Whether common Dutch words (two different ones at least) make up a ``share``-th of the words
    and, with ``english``, outnumber the common English ones (a sentence is Dutch, not English with a slip)."""
    dutch = _dutch_words(words)
    return (
        len({word.lower() for word in dutch}) >= 2
        and len(dutch) * share >= len(words)
        and (not english or len(dutch) > sum(word.lower() in ENGLISH_WORDS for word in words))
    )


def _without_kept_terms(entry: Entry, text: str) -> str:
    """The text without the names and titles that stay Dutch (the longest first: one may contain another)."""
    for pattern in _kept_terms(entry.glossary.keep):
        text = pattern.sub(" ", text)
    return text


@lru_cache(maxsize=64)
def _kept_terms(keep: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The patterns of a glossary's terms that stay Dutch, the longest first: sorted once per glossary, not per text."""
    return tuple(_term(term) for term in sorted(keep, key=len, reverse=True))


_DUTCH_SPELLING_PATTERN = r"aa|ij|uu|eeu|ieu|oei|heid$|tje$"
_DUTCH_SPELLING = re.compile(_DUTCH_SPELLING_PATTERN)
"""Letter groups Dutch writes and English hardly ever does ("vraag", "tijd", "duur", "nieuw", "waarheid", "briefje")."""
_DUTCH_LOOKING = re.compile(rf"{_DUTCH_SPELLING_PATTERN}|oe|ui|sch|tie$|[^aeiou]en$")
"""Spellings that make a word look Dutch ("boeken", "uitleg", "schrijven", "frictie", "bestellen"), besides those
``_DUTCH_SPELLING`` knows: enough for a word the English took over from the Dutch text unchanged."""


def _dutch_emphasized(entry: Entry) -> Iterator[Finding]:
    """A Dutch word copied into the English inside emphasis ("a pressing **vraag**").

    Only a lowercase word that is a common Dutch word or spelled as only Dutch spells:
    "*team*" and "*school*" are English too.
    """
    dutch = {
        span for span in entry.dutch.emphasized
        if re.fullmatch(r"[^\W\d_]+", span) and span.islower() and (span in DUTCH_WORDS or _DUTCH_SPELLING.search(span))
    }
    for span in entry.english.emphasized:
        if span in dutch and span not in entry.glossary.keep:
            yield Finding(f"'{span}' is emphasized as in the Dutch: translate it, or keep it with ignore: dutch.emphasis", "emphasis")


# Sentences ----------------------------------------------------------------------------------------------------------

ABBREVIATIONS = frozenset(
    # Dutch
    "aanw afb afd bijv bv blz ca cf dhr dr drs e.d enz etc evt excl fig incl ing ir jhr jl m.a.w m.b.t mevr mgr mr mw"
    " nl nr o.a o.b.v o.i.d p pag prof resp sr st t.a.v t.o.v vgl vs z.g.a.n zgn"
    # English
    " a.m al approx co corp e.g est i.e inc jr ltd mrs ms no p.m pp sr vol".split()
)
"""Words that end in a full stop without ending the sentence (compared without their last dot, lowercase)."""
_BOUNDARY = re.compile(r"([.!?…][.!?…]*[\"'’”»)\]*_]*\s+)(?=[\"'‘“«(*_]*[A-Z0-9À-ÖØ-Þ])")
"""End punctuation, closing quotes or brackets, and space before a capital or a digit: where a sentence may end.

It starts with one punctuation character so that the regex engine skips to it (a lazy ``\\S*?`` in front for
the word before it made the engine try every character; so does a repeat, ``[.!?…]+``: Python's engine skips
ahead only to a first character or set); that word is looked at only after a full stop (``_abbreviated``).
One group, the whole: ``split`` gives the stretches of text between the places, and the places themselves."""
_SENTENCE_ENDS = ".!?…"
_INITIALS = re.compile(r"[A-Z]|(?:[^\W\d_]\.)+[^\W\d_]")


def sentences(text: str) -> list[str]:
    """The sentences of a text: split after . ! ? or … and a space before a capital or a digit,
    except after an abbreviation (``bijv.``, ``e.g.``, ``Dr.``) or an initial (``J. Smith``).

    A rule set rather than a library: the texts are single paragraphs, already free of
    Markdown, and the only abbreviations that matter are the few either language writes
    with a full stop; pysbd, the usual choice, has had no release since 2021.
    """
    pieces, found = _sentence_pieces(text)
    return ["".join(pieces[first:last]).strip() for first, last in found]


def _sentence_pieces(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """``text`` split at every place a sentence may end (stretch, end, stretch, …, stretch), and the
    pieces each sentence of ``sentences`` is made of (``pieces[first:last]``, spaces around it included).

    A stretch without a word (a list's "3.") is no sentence of its own: ``_WORD`` looks for one only in a
    stretch that does not start with a letter (most start with a capital) or hold an abbreviation. One
    ``split`` and a loop over its pieces, not a match object and its methods a place: the sentences check
    counts the sentences of every Dutch and English text."""
    pieces = _BOUNDARY.split(text)
    found: list[tuple[int, int]] = []
    first, worded = 0, text[:1].isalpha()
    for index in range(1, len(pieces), 2):
        end = pieces[index]
        if end[0] == "." and end[1] not in _SENTENCE_ENDS and _abbreviated(pieces[index - 1]):
            worded = True  # "bijv.", "e.g.", "J. Smith": a full stop that ends no sentence, after a word
            continue
        if worded or _WORD.search(pieces[index - 1]):
            found.append((first, index + 1))
        first, worded = index + 1, pieces[index + 1][0].isalpha()
    if worded or _WORD.search(pieces[-1]):
        found.append((first, len(pieces)))
    return pieces, found


def _abbreviated(head: str) -> bool:
    """Whether a full stop right after ``head`` (the text since the last place a sentence might end)
    closes an abbreviation or an initial: the word is the run of non-space characters it ends."""
    word = head.rsplit(None, 1)[-1] if head and not head[-1].isspace() else ""
    word = word.lstrip("\"'‘“«(*_")
    return word.lower() in ABBREVIATIONS or _INITIALS.fullmatch(word) is not None


@check(
    "sentences", "As many sentences as the Dutch, and a length near its (a dropped or added sentence, a text pasted in)", WARNING,
    aspects="length (the English far longer or shorter than the Dutch)",
)
def _sentences(entry: Entry) -> Iterator[str | Finding]:
    dutch, english = entry.dutch.sentences, entry.english.sentences
    if dutch != english:
        change = "dropped" if english < dutch else "added"
        yield (
            f"{plural(dutch, 'sentence')} in the Dutch, {english} in the English: a sentence {change}? (fine when it was joined or "
            "split on purpose) — compare it with the Dutch"
        )
    if length := _length_differs(entry.translation.source, entry.translation.text):
        yield Finding(length, "length")


LENGTH_RATIO, LENGTH_SLACK = 3, 40
"""An English more than three times as long as its Dutch, plus 40 characters (or the Dutch as much longer than the
English) is far from a translation of it: English runs a tenth shorter or longer than Dutch, and a short text's
length varies most ("Ja" is "Yes, indeed")."""


def _length_differs(source: str, text: str) -> str | None:
    """What is wrong when an English is far longer or far shorter than its Dutch (``LENGTH_RATIO``), saying the lengths."""
    dutch, english = len(source), len(text)
    if english > LENGTH_RATIO * dutch + LENGTH_SLACK:
        return (
            f"the English is {english:,} characters, the Dutch {dutch:,}: far longer than a translation of it — remove"
            " what was pasted in or left over from another text (or ignore: sentences.length when it is meant)"
        )
    if dutch > LENGTH_RATIO * english + LENGTH_SLACK:
        return (
            f"the English is {english:,} characters, the Dutch {dutch:,}: far shorter than a translation of it — translate"
            " what is missing (or ignore: sentences.length when it is meant)"
        )
    return None


# Form ---------------------------------------------------------------------------------------------------------------


@check("whitespace", "Leading and trailing spaces as in the Dutch", WARNING)
def _whitespace(entry: Entry) -> Iterator[str]:
    """Soft line breaks are not compared: a soft break renders as a space, and drafting joins them.

    A line break at either end that the Dutch does not have (or lacks one it has) is msgfmt's to report of an
    approved entry, as an error at the same line and in the same words (``msgfmt_problems``): said here too, it
    was two messages for one cause. Of a draft, which msgfmt does not look at, it is said here, before approval; so it
    is where msgfmt is not installed."""
    translation = entry.translation
    source, text = translation.source, translation.text
    if not (source[:1].isspace() or source[-1:].isspace() or text[:1].isspace() or text[-1:].isspace()):
        return  # the common case, told as cheaply as before: the rule runs on every entry
    breaks = line_break_differences(source, text)
    if breaks:
        if translation.fuzzy or shutil.which("msgfmt") is None:  # where msgfmt cannot say it, it is said here
            yield from breaks
        return
    for end, dutch, english in (("starts", source[:1], text[:1]), ("ends", source[-1:], text[-1:])):
        if dutch.isspace() != english.isspace():
            yield (
                f"the translation {end} with a space and the Dutch does not — remove it" if english.isspace()
                else f"the Dutch {end} with a space and the translation does not — add one, or ignore: whitespace if that is meant"
            )


def line_break_differences(source: str, text: str) -> list[str]:
    """What msgfmt refuses in a translation (``'msgid' and 'msgstr' entries do not both end with '\\n'``), said as a
    translator sees it: which end of which text has a line break the other lacks, and what to do."""
    found = []
    for end, has in (("start", str.startswith), ("end", str.endswith)):
        if source and text and has(source, "\n") != has(text, "\n"):
            found.append(
                f"the translation {end}s with a line break (an empty line at its {end} in a PO editor) and the Dutch does not"
                f" — remove the line break at the {end} of the translation" if has(text, "\n")
                else f"the Dutch {end}s with a line break and the translation does not — {end} the translation with a line break too"
            )
    return found


_DOUBLED_SPACE = re.compile(r"  (?<=\S  ) *(?=\S)")
"""Two spaces or more between two other characters; it starts with the two spaces so that the regex
engine skips to them (beginning with a non-space made it try almost every character)."""
_DOUBLED_WORD = re.compile(r"\b([^\W\d_]++)\s+\1(?!\w)", re.IGNORECASE)
"""A word at a word boundary, taken whole (a part of it is never followed by space), space, the word again."""
_DOUBLED_ASCII_WORD = re.compile(r"\b([^\W\d_]++)[\t-\r\x1c-\x1f ]+\1(?!\w)", re.IGNORECASE | re.ASCII)
"""``_DOUBLED_WORD`` for a text of ASCII characters only, in which it finds the same in half the time: at every
position ``\\b`` asks whether two characters are word characters, and ASCII mode tells that from a table where
Unicode mode asks the character database. (``\\s`` is spelled out: in ASCII mode it leaves out \\x1c to \\x1f.)"""


def _doubled_words(text: str) -> dict[str, str]:
    """Each word written twice in a row (case aside), by its folded form."""
    pattern = _DOUBLED_ASCII_WORD if text.isascii() else _DOUBLED_WORD
    return {match[1].casefold(): match[0] for match in pattern.finditer(text)}


@check("doubled", "No doubled spaces or words", WARNING)
def _doubled(entry: Entry) -> Iterator[str]:
    text, source = entry.translation.text, entry.translation.source
    if _DOUBLED_SPACE.search(text) and not _DOUBLED_SPACE.search(source):
        yield "a doubled space — remove one"
    doubled = _doubled_words(text)
    if doubled:
        # the author's own doubles stay, translated: "dat dat" may become "that that", "niet niet" "not not"
        in_dutch = _doubled_words(source)
        if not in_dutch:
            yield from (f"a doubled word: '{words}' — remove one" for words in doubled.values())
        elif len(doubled) > len(in_dutch):  # which English double is the author's cannot be told: name them all
            listed = ", ".join(f"'{words}'" for words in doubled.values())
            yield f"doubled words: {len(doubled)} in the English ({listed}), {len(in_dutch)} in the Dutch — remove those the Dutch does not double"


_CLOSERS = " \t\n*_`)]\"'’”»"
_END = ".?!:;…"


@check("punctuation", "The same end punctuation as the Dutch ('?' stays a question)", WARNING)
def _punctuation(entry: Entry) -> Iterator[str]:
    dutch, english = _last_character(entry.translation.source), _last_character(entry.translation.text)
    if dutch == "?" and english != "?":
        yield "the Dutch is a question, the English does not end with '?' — end it with '?'"
    elif dutch in _END and dutch != "?" and english not in _END:
        yield f"the Dutch ends with '{dutch}', the English has no end punctuation — end it as the Dutch does"
    elif dutch not in _END and english in _END and english != "…":
        yield f"the English ends with '{english}', the Dutch has no end punctuation — take it out, unless the English needs it"


_REFERENCE_AT_END = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});$")
"""An HTML entity or character reference ending a text ("&copy;", "&#8230;"): the reader sees its character."""


def _last_character(text: str) -> str:
    """The last character of a text before closing quotes, brackets and markup, as the reader sees it: a reference
    at the end is its character ("&copy;" is ©, not ';'; "&hellip;" is an end, '…')."""
    text = text.rstrip(_CLOSERS)
    if text[-1:] == ";" and (found := _REFERENCE_AT_END.search(text)):
        text = (text[: found.start()] + html.unescape(found.group())).rstrip(_CLOSERS)
    return text[-1:]


# The file as a whole ------------------------------------------------------------------------------------------------

MSGFMT_TITLE = "The PO file passes GNU gettext's msgfmt --check"


def msgfmt_problems(path: Path) -> list[Problem] | None:
    """Problems msgfmt reports for the whole file, in a translator's words (``msgfmt_said``); None when msgfmt is
    not installed."""
    if shutil.which("msgfmt") is None:
        return None
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True, timeout=60
    )
    return msgfmt_said(path, result.stderr, result.returncode)


def msgfmt_said(path: Path, said: str, returncode: int = 1) -> list[Problem]:
    """What msgfmt wrote on stderr about ``path``, one problem per complaint, each said as a translator can act on it.

    msgfmt writes ``file:line: what`` (a warning as ``warning: what``), or ``msgfmt: file: what`` for the whole file,
    and goes on over indented lines. A complaint about one entry (msgfmt names its msgstr's line) is put at the
    entry's msgid line (``Translation.line``), with its Dutch, as every other check's problem is; a complaint about the header without a
    line at the header's. One cause said twice (a missing Content-Type, then its charset) is one problem."""
    complaints: list[list[Any]] = []
    for line in said.splitlines():
        if line[:1].isspace() and complaints:
            complaints[-1][1] += " " + line.strip()  # msgfmt goes on over indented lines
            continue
        line = line.strip().removeprefix("msgfmt: ")
        if not line or re.fullmatch(r"found \d+ fatal errors?", line):
            continue
        found = re.match(rf"{re.escape(str(path))}(?::(\d+))?(?::\d+)?: (.*)", line)
        complaints.append([int(found.group(1) or 0), found.group(2)] if found else [0, line])
    entries = _EntriesAt(path)
    problems: list[Problem] = []
    for line, text in complaints:
        severity = WARNING if text.startswith("warning: ") else ERROR
        for problem in _translator_wording(Problem("msgfmt", severity, line, text.removeprefix("warning: ")), entries):
            if problem not in problems:
                problems.append(problem)
    if returncode != 0 and not any(p.severity == ERROR for p in problems):
        problems.append(Problem("msgfmt", ERROR, 0, f"msgfmt --check failed — {_MEND_IN_AN_EDITOR}"))
    return problems


class _EntriesAt:
    """The entries of a PO file by line, read only when a complaint names one (a file msgfmt passes is never read)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._text: str | None = None
        self._translations: list[Translation] | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            try:
                self._text = self.path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                self._text = ""
        return self._text

    def entry(self, line: int) -> Translation | None:
        """The entry ``line`` is in (the last whose msgid line is at or before it: ``Translation.line``), if the file can be read."""
        if self._translations is None:
            try:
                self._translations = sorted(read_catalog(self.path, str(self.path)).translations, key=lambda t: t.line)
            except PipelineError:
                self._translations = []
        return next((t for t in reversed(self._translations) if t.line <= line), None)

    def header_line(self) -> int:
        """The line of the header's msgstr (where msgfmt puts its header warnings); 1 without a header."""
        found = re.search(r'^msgid ""\s*\nmsgstr', self.text, re.MULTILINE)
        return self.text.count("\n", 0, found.end()) + 1 if found else 1


_CONTENT_TYPE = (
    "the header does not say the file is UTF-8 — its Content-Type line must be "
    "'\"Content-Type: text/plain; charset=UTF-8\\n\"': run invoke extract, which writes it"
)


def _translator_wording(problem: Problem, entries: _EntriesAt) -> list[Problem]:
    """A complaint of msgfmt's, with what it means and what to do; one it is not known to make, as it said it, with
    how to find out more."""
    text = problem.message
    if "entries do not both" in text and "'\\n'" in text:  # a line break at the start or end of one text, not the other
        entry = entries.entry(problem.line)
        if entry is None:
            return [replace(problem, message=f"the translation and the Dutch do not both {'start' if 'begin' in text else 'end'} with a line"
                           " break — remove the line break from the translation, or add one where the Dutch has one")]
        # both ends at once: msgfmt names only the first it finds in an entry
        said = line_break_differences(entry.source, entry.text) or [text]
        return [replace(problem, line=entry.line, source=entry.source, message=message) for message in said]
    if "format specification" in text or "format string" in text or "format directive" in text:
        entry = entries.entry(problem.line)
        message = (
            f"the translation's placeholders do not match the Dutch's (msgfmt: {text}) — write the placeholders of the Dutch"
            " (such as %s or {name}) in the translation; if the text is not a format string, delete the '…-format' flag"
            " from the entry's '#,' line"
        )
        return [replace(problem, line=entry.line if entry else problem.line, source=entry.source if entry else "", message=message)]
    header = problem.line or entries.header_line()
    if "header missing or invalid" in text:
        return [replace(problem, severity=ERROR, line=1, message=(
            "the PO file has no header (the entry with msgid \"\" at the top, which says the file is UTF-8)"
            " — run invoke extract, which writes it"
        ))]
    if "charset" in text.lower() or "'Content-Type'" in text:
        return [replace(problem, line=header, message=_CONTENT_TYPE)]
    field = re.match(r"header field '([^']+)' (missing in header|still has the initial default value)", text)
    if field and field.group(2).startswith("missing"):
        return [replace(problem, line=header, message=f"the header has no '{field.group(1)}' line — run invoke extract, which adds it")]
    if field:
        return [replace(problem, line=header, message=(
            f"the header's '{field.group(1)}' still holds the template's placeholder — write the real value, or leave it"
            " empty (Poedit fills in Last-Translator when you save)"
        ))]
    return [replace(problem, message=f"msgfmt --check: {text} — {_MEND_IN_AN_EDITOR}")]


_MEND_IN_AN_EDITOR = (
    "open the file in a PO editor such as Poedit, which shows the problem on its line, and mend it there (git diff and git log -p "
    "on the file show how it changed)"
)
"""What to do about a complaint of msgfmt's that has no wording of its own: none of the shapes our reader accepts
(it refuses those msgfmt is known to refuse, each at its own line: ``catalog._PoReader``). Said without asking git:
a problem is kept with the verdict, and how git holds the file changes without the file changing."""


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
