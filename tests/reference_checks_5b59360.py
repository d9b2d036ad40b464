"""FROZEN REFERENCE: every check rule and the loop that runs them, exactly as they were at 5b59360.

Only ``test_checks_reference_5b59360.py`` uses it: it runs these and the checks as they are on the same entries
and asserts that both report the same problems, in the same order, and silence as many. Never edit it to follow
the current code: its worth is that it stays what was. (Lines 242-731 of ``catalogs/checks.py`` at 5b59360, after
a registry of its own; the dataclasses, the outlines and the glossary are the current ones.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from publish_pipeline.catalogs.checks import ERROR, WARNING, Check, Entry, Finding, Findings, Problem, _Outline
from publish_pipeline.catalogs.glossary import dutch_has, english_has
from publish_pipeline.errors import excerpt
from publish_pipeline.text import template_syntax
from publish_pipeline.wording import plural
from publish_pipeline.text.segmentation import english_numbers  # s36: a list "1,2,3" is no Dutch number left, as in the checks
from publish_pipeline.text.slugs import SLUG, SLUG_LENGTH, slug_problem

CHECKS: list[Check] = []


def check(id: str, title: str, severity: str, *, silenceable: bool = True, aspects: str = "") -> Callable:
    def register(function: Callable) -> Callable:
        CHECKS.append(Check(id, title, severity, function, silenceable, aspects))
        return function

    return register


def check_entries_counting_silenced(entries: list[Entry]) -> Findings:
    """Every problem of every non-empty entry, in file order, and the number of problems silenced."""
    problems = []
    silenced = 0
    for entry in entries:
        if not entry.text:
            continue
        ignored = entry.translation.ignored_checks
        for rule in CHECKS:
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


def _problem(rule: Check, entry: Entry, found: str | Finding) -> Problem:
    if isinstance(found, str):
        found = Finding(found)
    check_id = f"{rule.id}.{found.aspect}" if found.aspect else rule.id
    return Problem(check_id, found.severity or rule.severity, entry.translation.line, found.message, entry.source)


# Markdown structure -------------------------------------------------------------------------------------------------


_EMPHASIS_NAMES = {
    "em": ("emphasis", "emphasis (*…*)"), "strong": ("strong", "strong emphasis (**…**)"), "s": ("strikethrough", "strikethrough (~~…~~)")
}


@check(
    "markup", "Markdown: the same links, images, code, emphasis, HTML and hard line breaks as the Dutch", ERROR,
    aspects="links, images, code, html, emphasis, strong, strikethrough, breaks; "
    "link-order and image-order are warnings (English word order may ask for another order)",
)
def _markup(entry: Entry) -> Iterator[Finding]:
    dutch, english = entry.dutch, entry.english
    yield from _compare_sequence("link to", "links", dutch.links, english.links)
    yield from _compare_sequence("image", "images", dutch.images, english.images)
    yield from _compare_sequence("code", "code", [f"`{c}`" for c in dutch.code], [f"`{c}`" for c in english.code], ordered=False)
    yield from _compare_sequence("inline HTML", "html", dutch.html, english.html, ordered=False)
    for name, (aspect, label) in _EMPHASIS_NAMES.items():
        if dutch.emphasis.get(name, 0) != english.emphasis.get(name, 0):
            yield Finding(f"{label}: {dutch.emphasis.get(name, 0)} in the Dutch, {english.emphasis.get(name, 0)} in the English", aspect)
    if dutch.breaks != english.breaks:
        yield Finding(f"hard line breaks: {dutch.breaks} in the Dutch, {english.breaks} in the English", "breaks")


def _compare_sequence(kind: str, aspect: str, source: list[str], target: list[str], ordered: bool = True) -> Iterator[Finding]:
    """Items missing or added are errors; the same items in another order only a warning (the reader gets every link)."""
    if source == target:
        return
    missing = Counter(source) - Counter(target)
    added = Counter(target) - Counter(source)
    for item in missing:
        yield Finding(f"{kind} {item} is missing", aspect)
    for item in added:
        yield Finding(f"{kind} {item} is not in the Dutch", aspect)
    if ordered and not missing and not added:
        name = aspect.removesuffix("s")
        yield Finding(f"{name}s are in another order than in the Dutch (fine when English word order asks for it)", f"{name}-order", WARNING)


@check("template", "Template syntax: the same Hugo shortcodes and Liquid tags, arguments and order as the Dutch (never silenced)", ERROR, silenceable=False)
def _template(entry: Entry) -> Iterator[str]:
    """Shortcodes and Liquid are compared as written but for the text for readers in them (a caption).

    Never silenced: the generator runs them, so one a translator adds or breaks breaks the build or includes
    what the author never chose."""
    if "{" not in entry.source and "{" not in entry.text:
        return
    dutch = [t.shown for t in template_syntax.spans(entry.source)]
    english = [t.shown for t in template_syntax.spans(entry.text)]
    yield from _compare_sequence("template tag", "", dutch, english, ordered=False)
    if dutch != english and Counter(dutch) == Counter(english):
        yield "template tags are in another order than in the Dutch"  # an error, unlike links: tags open and close in pairs
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

_NUMBER = re.compile(r"\d(?<![\w.,]\d)(?:[\d.,]*\d)?")
"""A digit not after a letter, digit or separator, and what follows it; the digit comes first so that
the regex engine skips to digits, instead of testing what is behind every character."""
_SEPARATORS = {"nl": (".", ","), "en": (",", ".")}
"""Each language's thousands separator and decimal mark."""


def _value(token: str, language: str) -> Decimal | None:
    """The value of a number as ``language`` writes it (``1.250`` is 1250 in Dutch, 1.25 in English)."""
    thousands, decimal = _SEPARATORS[language]
    if re.fullmatch(rf"[1-9]\d{{0,2}}(?:{re.escape(thousands)}\d{{3}})+(?:{re.escape(decimal)}\d+)?", token):  # e288a0f: no grouping begins with 0
        token = token.replace(thousands, "")
    token = token.replace(",", ".")
    try:
        return Decimal(token) if token.count(".") <= 1 else Decimal(token.replace(".", ""))
    except InvalidOperation:
        return None


def _values(text: str, language: str) -> Counter[Decimal]:
    return Counter(value for token in _NUMBER.findall(text) if (value := _value(token, language)) is not None)


_NUMBER_WORDS = {
    "en": {
        **{word: value for value, word in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
            " seventeen eighteen nineteen twenty".split())},
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "hundred": 100, "thousand": 1000, "million": 1_000_000,
    },
    "nl": {
        **{word: value for value, word in enumerate(
            "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien"
            " zeventien achttien negentien twintig".split())},
        "één": 1, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
        "honderd": 100, "duizend": 1000, "miljoen": 1_000_000,
    },
}
_JOINERS = {"en": r"(?:[\s-]+(?:and[\s-]+)?)", "nl": r"(?:en|ën)?"}
"""What joins the parts of a number in words: "twenty-five", "a hundred and five"; Dutch writes one word ("vijfentwintig")."""


@lru_cache(maxsize=None)
def _number_word(language: str) -> str:
    """Any one number word of the language, longest first ("zeventien" before "zeven")."""
    return "|".join(sorted(map(re.escape, _NUMBER_WORDS[language]), key=len, reverse=True))


@lru_cache(maxsize=None)
def _number_in_words(language: str) -> re.Pattern[str]:
    word = _number_word(language)
    return re.compile(rf"(?<!\w)(?:{word})(?:{_JOINERS[language]}(?:{word}))*(?!\w)", re.IGNORECASE)


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


_TIMES = {"once": 1, "twice": 2}
_TIMES_WORD = re.compile(r"(?<!\w)(?:once|twice)(?!\w)", re.IGNORECASE)
"""How often, as English says it in one word: they only ever stand for a Dutch number, never add one."""


_ENGLISH_GROUPS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")  # e288a0f
"""A number with English thousands commas (1,250 or 12,500.50): any other comma is a Dutch decimal comma."""


def _english_form(value: Decimal) -> str:
    return f"{value:,f}"


@check(
    "numbers", "Numbers, amounts, percentages and dates carried over (as values: 1.250 = 1,250; eight = 8)", ERROR,
    aspects="the value itself, as in numbers.8 or numbers.1250",
)
def _numbers(entry: Entry) -> Iterator[Finding]:
    dutch_text, english_text = entry.dutch.words, entry.english.words
    if not (_NUMBER.search(dutch_text) or _NUMBER.search(english_text)):
        return
    dutch = _values(dutch_text, "nl")
    english = _values(english_text, "en")
    missing, added = dutch - english, english - dutch
    for token in _NUMBER.findall(english_text):  # the Dutch way of writing a number left in the English
        value, as_dutch = _value(token, "en"), _value(token, "nl")
        if value != as_dutch and added[value] > 0 and missing[as_dutch] > 0:
            missing[as_dutch] -= 1
            added[value] -= 1
        elif not (as_dutch is not None and "," in token and not _ENGLISH_GROUPS.fullmatch(token)):
            continue  # a number as English writes it ("1,5" is no English number: the Dutch 1.5)
        if english_numbers(token) == token:
            continue  # s36: no Dutch notation as segmentation reads it ("1,2,3" a list, as in Dutch; "0,510.000")
        yield Finding(f"{token}: English writes {_english_form(as_dutch)}", f"{as_dutch:f}")
    missing = +missing - _spelled_out(english_text, "en")  # "eight" for 8 is the same number
    added = +added - _spelled_out(dutch_text, "nl")
    for value in missing:
        yield Finding(f"the number {value:f} is missing", f"{value:f}")
    for value in added:
        yield Finding(f"the number {value:f} is not in the Dutch", f"{value:f}")


# Glossary -----------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _term(term: str, exact: bool = True) -> re.Pattern[str]:
    """A glossary term as a whole word (or words)."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", 0 if exact else re.IGNORECASE)


@check("glossary", "Glossary: fixed translations used (in any inflection), none forbidden; terms that stay Dutch untouched", ERROR)
def _glossary(entry: Entry) -> Iterator[str]:
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
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
ENGLISH_WORDS = frozenset(
    "the a an of and to it not what this that these those we you your i my our they he she his her with as at by from"
    " how where why who which always never very much more no can has have was were be been are will would do does".split()
)
"""Words common in English and rare in Dutch: a sentence with more of them than Dutch ones is English with a Dutch slip."""


def _prose(entry: Entry, outline: _Outline) -> list[str]:
    """The words of a text outside markup and outside the terms that stay Dutch."""
    return _WORD.findall(_without_kept_terms(entry, outline.words))


@check("unchanged", "The English is not simply the Dutch text", WARNING)
def _unchanged(entry: Entry) -> Iterator[str]:
    if entry.text == entry.source and len(_prose(entry, entry.dutch)) >= 2:
        yield "the English is the same as the Dutch"


@check("dutch", "No Dutch left in the English", WARNING, aspects="words, sentence, emphasis")
def _dutch(entry: Entry) -> Iterator[Finding]:
    if entry.text == entry.source:
        return
    outline = entry.english
    if entry.dutch.emphasized and outline.emphasized:
        yield from _dutch_emphasized(entry)
    prose = _without_kept_terms(entry, outline.words)
    words = _WORD.findall(prose)
    if DUTCH_WORDS.isdisjoint(map(str.lower, words)):
        return  # no Dutch word at all (the common case, found without a loop in Python)
    left = [sentence for sentence in sentences(prose) if _is_dutch(_WORD.findall(sentence))]
    if left:
        yield from (Finding(f"a Dutch sentence left in the English: '{sentence}'", "sentence") for sentence in left)
    elif UNMISTAKABLY_DUTCH.intersection(w for w in _dutch_words(words) if w.islower()) or _is_dutch(words, share=6, english=False):
        yield Finding(f"Dutch words left in the English: {', '.join(sorted(set(_dutch_words(words)))[:6])}", "words")


_PARTICLES = frozenset("van de den der het ter ten".split())
"""The particles of Dutch names ("Jeroen van der Meer", "De Vries"), which English keeps."""


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


_DUTCH_SPELLING = re.compile(r"aa|ij|uu|eeu|ieu|oei|heid$|tje$")
"""Letter groups Dutch writes and English hardly ever does ("vraag", "tijd", "duur", "nieuw", "waarheid", "briefje")."""


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
_BOUNDARY = re.compile(r"([.!?…][.!?…]*)[\"'’”»)\]*_]*\s+(?=[\"'‘“«(*_]*[A-Z0-9À-ÖØ-Þ])")
"""End punctuation, closing quotes or brackets, and space before a capital or a digit: where a sentence may end.

It starts with one punctuation character so that the regex engine skips to it (a lazy ``\\S*?`` in front for
the word before it made the engine try every character; so does a repeat, ``[.!?…]+``: Python's engine skips
ahead only to a first character or set); that word is looked at only after a full stop (``_abbreviated``)."""
_INITIALS = re.compile(r"[A-Z]|(?:[^\W\d_]\.)+[^\W\d_]")


def sentences(text: str) -> list[str]:
    """The sentences of a text: split after . ! ? or … and a space before a capital or a digit,
    except after an abbreviation (``bijv.``, ``e.g.``, ``Dr.``) or an initial (``J. Smith``).

    A rule set rather than a library: the texts are single paragraphs, already free of
    Markdown, and the only abbreviations that matter are the few either language writes
    with a full stop; pysbd, the usual choice, has had no release since 2021.
    """
    return [text[start:end].strip() for start, end in _sentence_spans(text)]


def _sentence_count(text: str) -> int:
    """``len(sentences(text))``, without making the sentences."""
    return sum(1 for _ in _sentence_spans(text))


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each sentence of ``sentences`` starts and ends in ``text`` (spaces around it included).

    A stretch between two sentence ends without a word (a list's "3.") is no sentence: ``_WORD`` looks
    for one in ``text`` itself, between the two ends, instead of in a copy."""
    start, searched = 0, 0
    for match in _BOUNDARY.finditer(text):
        after, searched = searched, match.end()
        if match.group(1) == "." and _abbreviated(text[after : match.start()]):
            continue  # "bijv.", "e.g.", "J. Smith": a full stop that ends no sentence
        if _WORD.search(text, start, searched):
            yield start, searched
        start = searched
    if _WORD.search(text, start):
        yield start, len(text)


def _abbreviated(head: str) -> bool:
    """Whether a full stop right after ``head`` (the text since the last place a sentence might end)
    closes an abbreviation or an initial: the word is the run of non-space characters it ends."""
    word = head.rsplit(None, 1)[-1] if head and not head[-1].isspace() else ""
    word = word.lstrip("\"'‘“«(*_")
    return word.lower() in ABBREVIATIONS or _INITIALS.fullmatch(word) is not None


@check("sentences", "As many sentences as the Dutch (a dropped or added sentence)", WARNING)
def _sentences(entry: Entry) -> Iterator[str]:
    dutch, english = _sentence_count(entry.dutch.words), _sentence_count(entry.english.words)
    if dutch != english:
        change = "dropped" if english < dutch else "added"
        yield f"{plural(dutch, 'sentence')} in the Dutch, {english} in the English: a sentence {change}? (fine when it was joined or split on purpose)"


# Form ---------------------------------------------------------------------------------------------------------------


@check("whitespace", "Leading and trailing spaces as in the Dutch", WARNING)
def _whitespace(entry: Entry) -> Iterator[str]:
    """Soft line breaks are not compared: a soft break renders as a space, and drafting joins them."""
    source, text = entry.source, entry.text
    if (source[:1].isspace(), source[-1:].isspace()) != (text[:1].isspace(), text[-1:].isspace()):
        yield "leading or trailing spaces differ from the Dutch"


_DOUBLED_SPACE = re.compile(r"  (?<=\S  ) *(?=\S)")
"""Two spaces or more between two other characters; it starts with the two spaces so that the regex
engine skips to them (beginning with a non-space made it try almost every character)."""
_DOUBLED_WORD = re.compile(r"\b([^\W\d_]++)\s+\1(?!\w)", re.IGNORECASE)
"""A word at a word boundary, taken whole (a part of it is never followed by space), space, the word again."""


def _doubled_words(text: str) -> dict[str, str]:
    """Each word written twice in a row (case aside), by its folded form."""
    return {match.group(1).casefold(): match.group(0) for match in _DOUBLED_WORD.finditer(text)}


@check("doubled", "No doubled spaces or words", WARNING)
def _doubled(entry: Entry) -> Iterator[str]:
    if _DOUBLED_SPACE.search(entry.text) and not _DOUBLED_SPACE.search(entry.source):
        yield "a doubled space"
    doubled = _doubled_words(entry.text)
    if doubled:
        # the author's own doubles stay, translated: "dat dat" may become "that that", "niet niet" "not not"
        in_dutch = _doubled_words(entry.source)
        if not in_dutch:
            yield from (f"a doubled word: '{words}'" for words in doubled.values())
        elif len(doubled) > len(in_dutch):  # which English double is the author's cannot be told: name them all
            listed = ", ".join(f"'{words}'" for words in doubled.values())
            yield f"doubled words: {len(doubled)} in the English ({listed}), {len(in_dutch)} in the Dutch"


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


