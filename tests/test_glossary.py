"""The term base: terms found in every form they take, the file's format, import and export."""

from __future__ import annotations

import pytest

from publish_pipeline.catalog import Translation
from publish_pipeline.checks import Entry, check_entries
from publish_pipeline.errors import ConfigError
from publish_pipeline.glossary import Glossary, Term, english_plural, parse_glossary

GLOSSARY = Glossary(
    {
        "veranderopgave": Term("change challenge", forbidden=("change task",)),
        "krachtenveld": "force field",
        "leergang": "course",
        "samen-zoeken sessie": "search-together session",
    },
    ("De functie van frictie", "managementboek.nl"),
)


def glossary_problems(source: str, text: str, glossary: Glossary = GLOSSARY) -> list[str]:
    entry = Entry(Translation(None, source, text, False, 7), {}, glossary)
    return [p.message for p in check_entries([entry]) if p.check == "glossary"]


# (Dutch, English, the glossary message expected, or None when the English is right)
CASES = [
    ("Elke veranderopgave is anders.", "All change challenges are different.", None),
    ("Veranderopgaven vragen tijd.", "Change tasks take time.", "'veranderopgave' must be translated as 'change challenge', not 'change task'"),
    ("Veranderopgaven vragen tijd.", "Change challenges take time.", None),
    ("Veranderopgaven vragen tijd.", "Assignments take time.", "'veranderopgave' must be translated as 'change challenge'"),
    ("Het veranderopgavenoverzicht.", "The overview of change challenges.", None),
    ("Het veranderopgavenoverzicht.", "The overview of assignments.", "'veranderopgave' must be translated as 'change challenge'"),
    ("Ken je krachtenvelden.", "Know your force fields.", None),
    ("Ken je krachtenvelden.", "Know your fields of forces.", "'krachtenveld' must be translated as 'force field'"),
    ("De leergangen beginnen.", "The courses start.", None),
    ("De leergangen beginnen.", "The programmes start.", "'leergang' must be translated as 'course'"),
    ("Een leergangetje.", "A short course.", None),
    ("Een leergangetje.", "A short programme.", "'leergang' must be translated as 'course'"),
    ("Natuurlijk past de leergang.", "Of course, the programme fits.", "'leergang' must be translated as 'course'"),
    ("Natuurlijk past de leergang.", "Of course, the course fits.", None),
    ("In samen-zoeken sessies praten we.", "In search-together sessions we talk.", None),
    ("In samen-zoeken sessies praten we.", "In joint search meetings we talk.", "'samen-zoeken sessie' must be translated as 'search-together session'"),
    ("De veranderopgave en de leergang.", "The change challenge's course.", None),
    ("Lees De functie van frictie.", "Read De functie van frictie.", None),
    ("Lees De functie van frictie.", "Read The Function of Friction.", "'De functie van frictie' must stay as written"),
    ("Bestel bij managementboek.nl.", "Order from managementboek.nl.", None),
    ("Verandering kost moeite.", "Change takes effort.", None),  # not a glossary term at all
    ("Een opgave.", "A task.", None),  # a part of a term is not the term
]


@pytest.mark.parametrize(("source", "text", "message"), CASES, ids=[f"{c[0]} → {c[1]}" for c in CASES])
def test_terms_are_found_in_every_form_in_both_languages(source: str, text: str, message: str | None) -> None:
    assert glossary_problems(source, text) == ([message] if message else [])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Veranderopgaven", [("Veranderopgaven", True, True)]),
        ("het veranderopgavenoverzicht", [("veranderopgaven", False, True)]),
        ("de schoolleergangen", [("leergangen", False, True)]),
        ("een leergangetje", [("leergangetje", True, False)]),
        ("samen-zoeken sessies", [("samen-zoeken sessies", True, True)]),
        ("Zie managementboek.nl of managementboek", [("managementboek.nl", True, False)]),
        ("een ingang, een opgave", []),
    ],
)
def test_find_says_where_a_term_stands_and_in_what_form(text: str, found: list[tuple[str, bool, bool]]) -> None:
    assert [(text[o.start : o.end], o.whole, o.plural) for o in GLOSSARY.find(text)] == found


def test_the_english_plural_changes_the_head_noun() -> None:
    assert [english_plural(p) for p in ("change challenge", "field of forces", "process", "story")] == [
        "change challenges", "fields of forces", "processes", "stories"]


# The file --------------------------------------------------------------------------------------------------------------


def test_every_way_of_writing_a_term_reads_as_one_glossary() -> None:
    glossary = parse_glossary(
        "# comment\nterms:\n  veranderopgave: change challenge\n  leergang: [programme, course]\n"
        "  krachtenveld:\n    en: force field\n    variants: [forcefield]\n    forbidden: field of forces\n"
        "    note: after Lewin\n  no: nee\nkeep:\n  - De functie van frictie\n"
    )
    assert glossary.terms == {
        "veranderopgave": Term("change challenge"),
        "leergang": Term("programme", ("course",)),
        "krachtenveld": Term("force field", ("forcefield",), ("field of forces",), "after Lewin"),
        "no": Term("nee"),
    }
    assert glossary.keep == ("De functie van frictie",)


def test_variants_pass_and_a_forbidden_translation_is_named() -> None:
    glossary = parse_glossary("terms:\n  krachtenveld: {en: force field, variants: [forcefield], forbidden: [field of forces]}\n")
    assert glossary_problems("Het krachtenveld.", "The forcefield.", glossary) == []
    assert glossary_problems("Het krachtenveld.", "The force field, a field of force.", glossary) == [
        "'krachtenveld' must be translated as 'force field' or 'forcefield', not 'field of forces'"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("terms:\n  a: b\n  veranderopgave:\n", "translations/glossary.yaml:3: terms: veranderopgave: expected text, found nothing"),
        ("terms:\n  a: b\n  x: {en: y, colour: red}\n", "translations/glossary.yaml:3: terms: x: unknown field 'colour'; allowed: en, variants, forbidden, note"),
        ("terms:\n  x:\n    variants: [y]\n", "translations/glossary.yaml:3: terms: x: no 'en:' (the preferred translation)"),
        ("terms:\n  x: {en: field, forbidden: [Fields]}\n", "translations/glossary.yaml:2: terms: x: 'Fields' is both allowed and forbidden (in some inflection)"),
        ("terms:\n  x: y\n  X: z\n", "translations/glossary.yaml:3: terms: X: listed twice (also on line 2)"),
        ("terms:\n  x: []\n", "translations/glossary.yaml:2: terms: x: no translation"),
        ("keep: De functie\n", "translations/glossary.yaml:1: keep: expected a list of terms ('- De functie van frictie')"),
        ("words:\n  x: y\n", "translations/glossary.yaml:1: unknown section 'words'; expected 'terms:' (Dutch: English) and 'keep:' (a list of terms)"),
        ("terms: [x\n", "translations/glossary.yaml:2: not valid YAML: expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_a_mistake_in_the_file_is_reported_at_its_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_glossary(text)
    assert caught.value.message == message
