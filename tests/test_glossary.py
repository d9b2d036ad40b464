"""The term base: terms found in every form they take, the file's format, import and export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import copy_site
from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs.checks import Entry, check_entries
from publish_pipeline.errors import ConfigError
from publish_pipeline.catalogs.glossary import Glossary, Term, english_plural, load_glossary, parse_glossary
from publish_pipeline.catalogs.terminology import merge_glossary, read_terms, to_csv, to_tbx
from test_tasks import run

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
        ("De functie\nvan frictie, niet /de-functie-van-frictie/", [("De functie\nvan frictie", True, False)]),
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


# Import and export -----------------------------------------------------------------------------------------------------

FULL = Glossary(
    {
        "krachtenveld": Term("force field", ("forcefield",), ("field of forces",), 'after Lewin, "force field" — école'),
        "leergang": Term("course", ("programme",)),
        "samen-zoeken sessie": "search-together session",
        "R&D <team>": "R&D team",
    },
    ("De functie van frictie", "Hoe krijg je ze mee?"),
)


def test_a_tbx_we_write_is_tbx_basic_that_lxml_parses_and_reads_back_the_same(tmp_path: Path) -> None:
    from lxml import etree

    text = to_tbx(FULL)
    assert text == to_tbx(FULL)  # deterministic
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == 6 and len({e.get("id") for e in entries}) == 6
    english = entries[0].find("langSet[@{http://www.w3.org/XML/1998/namespace}lang='en']")
    assert [(tig.findtext("term"), tig.findtext("termNote")) for tig in english] == [
        ("force field", "preferredTerm-admn-sts"), ("forcefield", "admittedTerm-admn-sts"), ("field of forces", "deprecatedTerm-admn-sts")]
    assert entries[0].findtext("note") == 'after Lewin, "force field" — école'
    path = tmp_path / "terms.tbx"
    path.write_text(text, encoding="utf-8")
    assert read_terms(path) == FULL


def test_tbx_v3_from_another_tool_is_read(tmp_path: Path) -> None:
    path = tmp_path / "v3.tbx"
    path.write_text(
        '<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Core" style="dca" xml:lang="nl"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="nl-NL"><termSec><term>veranderopgave</term></termSec></langSec>'
        '<langSec xml:lang="en-GB"><termSec><term>change task</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>'
        '<termSec><term>change challenge</term></termSec></langSec></conceptEntry>'
        '<conceptEntry id="c2"><langSec xml:lang="nl"><termSec><term>leergang</term></termSec></langSec>'
        '<langSec xml:lang="de"><termSec><term>Lehrgang</term></termSec></langSec></conceptEntry></body></text></tbx>',
        encoding="utf-8",
    )
    assert read_terms(path) == Glossary({"veranderopgave": Term("change challenge", forbidden=("change task",))})


def test_csv_round_trips_commas_quotes_and_utf8(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(to_csv(FULL), encoding="utf-8")
    assert read_terms(path) == FULL
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["nl", "en", "variants", "forbidden", "note"]
    assert rows[1] == ["krachtenveld", "force field", "forcefield", "field of forces", 'after Lewin, "force field" — école']


def test_a_spreadsheets_semicolon_csv_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffNL;EN;Note\r\nkindcentrum;children's centre;\"één; twee\"\r\nAnnemarie Mars;Annemarie Mars;\r\n".encode("utf-8"))
    assert read_terms(path) == Glossary({"kindcentrum": Term("children's centre", note="één; twee")}, ("Annemarie Mars",))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.csv", "dutch,english\n", "x.csv:1: the first row names no 'nl' and 'en' columns"),
        ("x.csv", "nl,en\nkindcentrum,\n", "x.csv:2: kindcentrum: no English"),
        ("x.tbx", "<martif><text>", "x.tbx:1: not valid XML: no element found: line 1, column 14"),
        ("x.tbx", "<html/>", "x.tbx: not a TBX term base (no termEntry or conceptEntry)"),
        ("x.txt", "", "x.txt: not a glossary file I know"),
    ],
)
def test_a_file_that_cannot_be_imported_is_named_with_its_row(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_terms(path, name)
    assert caught.value.message == message


YAML = """# The site's terms
terms:
  veranderopgave: change challenge   # the author's word
  krachtenveld:
    en: force field
    note: after Lewin
  # more to come

# kept in Dutch
keep:
  - De functie van frictie
"""


def test_an_import_adds_and_extends_terms_and_keeps_every_comment() -> None:
    incoming = Glossary(
        {"Veranderopgave": "change challenge", "krachtenveld": Term("field of force", forbidden=("power field",)), "kindcentrum": "children's centre"},
        ("Vat op verandering", "De functie van frictie"),
    )
    merge = merge_glossary(YAML, incoming)
    assert (merge.added, merge.changed, merge.unchanged) == (["kindcentrum", "Vat op verandering"], ["krachtenveld"], ["Veranderopgave", "De functie van frictie"])
    assert merge.text == """# The site's terms
terms:
  veranderopgave: change challenge   # the author's word
  krachtenveld:
    en: force field
    variants: [field of force]
    forbidden: [power field]
    note: after Lewin
  kindcentrum: children's centre
  # more to come

# kept in Dutch
keep:
  - De functie van frictie
  - Vat op verandering
"""
    assert merge_glossary(merge.text, incoming).text == merge.text  # a second import changes nothing


def test_an_import_into_no_glossary_writes_one() -> None:
    merge = merge_glossary("", FULL)
    assert parse_glossary(merge.text) == FULL


def test_the_glossary_task_exports_and_imports(tmp_path: Path) -> None:
    root = copy_site("demo", tmp_path)
    out = tmp_path / "terms.tbx"
    result = run("publish_pipeline", "glossary", "--export", str(out), "--root", str(root))
    assert result.returncode == 0, result.stderr
    demo = load_glossary(root)
    assert result.stdout == f"glossary: {len(demo.terms)} terms and {len(demo.keep)} kept terms written to {out}\n"
    extra = tmp_path / "extra.csv"
    extra.write_text("nl,en\nkindcentrum,children's centre\nleergang,course\n", encoding="utf-8")
    result = run("publish_pipeline", "glossary", "--import", str(extra), "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "glossary: 1 added, 0 given more translations, 1 already there (translations/glossary.yaml)\n"
    assert load_glossary(root).terms["kindcentrum"] == Term("children's centre")
    listing = run("publish_pipeline", "glossary", "--root", str(root)).stdout.splitlines()
    assert listing[0] == "veranderopgave → change challenge" and "kindcentrum → children's centre" in listing
    assert listing[-2] == "managementboek.nl (stays Dutch)"
    assert listing[-1] == f"glossary: {len(demo.terms) + 1} terms and {len(demo.keep)} kept terms in translations/glossary.yaml"  # the last line counts them
    result = run("publish_pipeline", "glossary", "--import", str(tmp_path / "missing.csv"), "--root", str(root))
    assert (result.returncode, result.stderr.splitlines()[0]) == (1, f"{tmp_path / 'missing.csv'}: cannot be read: No such file or directory")


def test_the_glossary_task_says_when_there_is_no_glossary_and_how_to_start_one(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    result = run("publish_pipeline", "glossary", "--root", str(root))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("glossary: there is no translations/glossary.yaml yet — start it with a term a line under 'terms:'")
    assert result.stdout.endswith("or take a list in: invoke glossary --import FILE.csv (or .tbx)\n")
    (root / "translations").mkdir(exist_ok=True)
    (root / "translations/glossary.yaml").write_text("terms: {}\n", encoding="utf-8")
    result = run("publish_pipeline", "glossary", "--root", str(root))
    assert result.stdout.startswith("glossary: translations/glossary.yaml has no terms — write a term a line under 'terms:'")


def test_the_review_page_marks_terms_in_every_form() -> None:
    from publish_pipeline.quality.review import mark_terms

    pieces = mark_terms("Veranderopgaven in het [leergangenoverzicht](https://x.nl/leergangen/).", GLOSSARY)
    assert [(p.text, p.term) for p in pieces] == [
        ("Veranderopgaven", True), (" in het [", False), ("leergangen", True), ("overzicht](https://x.nl/leergangen/).", False)]


def test_the_demos_approved_english_follows_its_glossary_in_every_form(tmp_path: Path) -> None:
    from publish_pipeline.site import Site
    from publish_pipeline.quality.status import assess_site

    root = copy_site("demo", tmp_path)
    status = assess_site(Site.open(root))
    glossary = load_glossary(root)
    approved = [t for d in status.documents for t in d.translations if t.text and not t.fuzzy]
    inflected = [t for t in approved if any(t.source[o.start : o.end].lower() != o.term.lower() for o in glossary.find(t.source))]
    assert len(inflected) >= 2  # "leergangen", "samen-zoeken sessies": found now, and translated right
    assert [p for d in status.documents for p in d.problems if p.check == "glossary"] == []
