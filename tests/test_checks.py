"""Each check fires on a wrong translation and stays quiet on a correct one."""

from __future__ import annotations

import functools
import shutil
from dataclasses import replace
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_site
from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs import checks
from publish_pipeline.catalogs.checks import CHECKS, UNCHANGED, Entry, check_entries, msgfmt_problems, msgfmt_problems_of_many
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.catalogs.glossary import Glossary
from publish_pipeline.site import Site
from test_tasks import run

GLOSSARY = Glossary({"veranderopgave": "change challenge"}, ("De functie van frictie",))
REFERENCES = {"BOEK": {"href": "https://x.nl/boek", "title": ""}}


def problems(source: str, text: str, note: str = "") -> list[tuple[str, str]]:
    entry = Entry(Translation(None, source, text, False, 7, note), REFERENCES, GLOSSARY)
    return [(p.check.split(".")[0], p.message) for p in check_entries([entry])]


MISSING = " — copy it from the Dutch into the translation"
ADDED = " — take it out (the English has the Dutch's markup, no more)"
"""What check says to do of markup the English lacks, and of markup the Dutch lacks."""

# (check id, Dutch, a translation that must pass, a translation that must fail, the message)
CASES = [
    ("markup", "Lees [mijn boek](https://x.nl/a) nu.", "Read [my book](https://x.nl/a) now.", "Read my book now.", "link to https://x.nl/a is missing — copy it from the Dutch into the translation"),
    ("markup", "Zie [a](/1) en [b](/2).", "See [a](/1) and [b](/2).", "See [a](/1) and [b](/3).", "the link to /2 is written as /3 — write the Dutch's link target"),
    ("markup", "Zie [a](/1) en [b](/2).", "See [a](/1) and [b](/2).", "See [b](/2) and [a](/1).", "links are in another order than in the Dutch (fine when English word order asks for it)"),
    ("markup", "Zie [het boek][boek].", "See [the book][boek].", "See [the book][boek-en].", "link to https://x.nl/boek is missing — copy it from the Dutch into the translation"),
    ("markup", "Een `code` en *nadruk*.", "A `code` and *emphasis*.", "A code and *emphasis*.", "code `code` is missing — copy it from the Dutch into the translation"),
    ("markup", "Een *nadruk*.", "An *emphasis*.", "An emphasis.", "emphasis (*…*): 1 in the Dutch, 0 in the English — mark the words that translate the Dutch's marked ones, and no others"),
    ("markup", "Groet,  \nAnnemarie", "Regards,  \nAnnemarie", "Regards, Annemarie", "hard line breaks: 1 in the Dutch, 0 in the English — break the lines where the Dutch does (two spaces or a backslash at a line's end), and nowhere else"),
    ("markup", "Een <b>vet</b> woord.", "A <b>bold</b> word.", "A <script>bold</script> word.", "inline HTML <b> is missing — copy it from the Dutch into the translation"),
    ("markup", "Foto ![zee](/zee.jpg).", "Photo ![sea](/zee.jpg).", "Photo ![sea](javascript:alert(1)).", "image /zee.jpg is missing — copy it from the Dutch into the translation"),
    ("template", 'Zie {{< figure src="/zee.jpg" caption="De zee" >}} hier.', 'See {{< figure src="/zee.jpg" caption="The sea" >}} here.', 'See {{< figuur src="/zee.jpg" caption="The sea" >}} here.',
     'the template tag {{< figure src="/zee.jpg" >}} is written as {{< figuur src="/zee.jpg" >}} — write the Dutch\'s template tag'),
    ("template", 'Zie {{< figure src="/zee.jpg" >}} hier.', 'See {{< figure src="/zee.jpg" >}} here.', 'See {{< figure src="/zee.jpg" >} here.', "template tag '{{< figure src=\"/zee.jpg\" >} here.' is not closed — close it as the Dutch does"),
    ("template", 'Zie {{< figure src="/zee.jpg" >}} hier.', 'See {{< figure src="/zee.jpg" >}} here.', 'See {{< figure src="/sea.jpg" >}} here.',
     'the template tag {{< figure src="/zee.jpg" >}} is written as {{< figure src="/sea.jpg" >}} — write the Dutch\'s template tag'),
    ("template", 'Zie {{< relref "a.md" >}}.', 'See {{< relref "a.md" >}}.', 'See {{< relref "a.md" }}.',
     "template tag '{{< relref \"a.md\" }}' closes with }}, and Hugo stops the whole build on it — close it with >}}: '{{< relref \"a.md\" >}}'"),
    ("template", "{{% note %}}Let op.{{% /note %}}", "{{% note %}}Mind.{{% /note %}}", "{{% note >}}Mind.{{% /note %}}",
     "template tag '{{% note >}}' closes with >}}, and Hugo stops the whole build on it — close it with %}}: '{{% note %}}'"),
    ("template", 'Zie {{< relref "a.md" >}}.', 'See {{< relref "a.md" >}}.', 'See {{< relref "a.md >}}.',
     'the template tag {{< relref "a.md" >}} is written as {{< relref "a.md >}} — write the Dutch\'s template tag'),
    ("template", "{{% note %}}\nLet op.\n{{% /note %}}", "{{% note %}}\nMind.\n{{% /note %}}", "{{% note %}}\nMind.", "template tag {{% /note %}} is missing — copy it from the Dutch into the translation"),
    ("template", "{{< a >}} en {{< b />}}", "{{< a >}} and {{< b />}}", "{{< b />}} and {{< a >}}", "template tags are in another order than in the Dutch — write them in the Dutch's order"),
    ("template", "Welkom {{ site.author }}, lees {% link x.md %}.", "Welcome {{ site.author }}, read {% link x.md %}.", "Welcome {{ site.auteur }}, read {% link x.md %}.",
     "the template tag {{ site.author }} is written as {{ site.auteur }} — write the Dutch's template tag"),
    ("template", "Lees {% include noot.html %}.", "Read {% include noot.html %}.", "Read {% include noot.html }.", "template tag {% include noot.html %} is missing — copy it from the Dutch into the translation"),
    ("template", "Schrijf `{% if x %}` zo.", "Write `{% if x %}` so.", "Write {% if x %} so.", "template tag {% if x %} is not in the Dutch — take it out (the English has the Dutch's markup, no more)"),
    ("numbers", "Het boek kost € 1.250,50 en 20% korting.", "The book costs €1,250.50 and a 20% discount.", "The book costs €1,250 and a 20% discount.", "the number 1250.50 is missing — write the Dutch's number in the translation"),
    ("numbers", "In 2019 kwamen 1.250 mensen.", "In 2019, 1,250 people came.", "In 2019, 1.250 people came.", "1.250: English writes 1,250 — write it so"),
    ("numbers", "Sinds Hugo 0.153 werkt het.", "Since Hugo 0.153 it works.", "Since Hugo 0.15 it works.", "the number 0.153 is missing — write the Dutch's number in the translation"),  # no grouping begins with 0
    ("numbers", "Het kost 1,5 euro.", "It costs 1.5 euros.", "It costs 1,5 euros.", "1,5: English writes 1.5 — write it so"),
    ("numbers", "Gepland, 1 keer per week; 2 keer per jaar.", "Scheduled once a week; twice a year.", "Scheduled once a week; a year.", "the number 2 is missing — write the Dutch's number in the translation"),
    ("numbers", "Drie stappen.", "3 steps.", "4 steps.", "the number 4 is not in the Dutch — write the Dutch's number, or take it out"),
    ("numbers", "Ik las 8 boeken.", "I read eight books.", "I read seven books.", "the number 8 is missing — write the Dutch's number in the translation"),
    ("numbers", "Er kwamen 25 mensen.", "Twenty-five people came.", "Twenty people came.", "the number 25 is missing — write the Dutch's number in the translation"),
    ("numbers", "Twee miljoen mensen lazen het.", "2 million people read it.", "2 people read it.", "the number 2000000 is missing — write the Dutch's number in the translation"),
    ("numbers", "Het kost 2 miljoen euro.", "It costs two million euros.", "It costs two euros.", "the number 2000000 is missing — write the Dutch's number in the translation"),
    ("numbers", "Het kost 1,5 miljoen euro.", "It costs 1.5 million euros.", "It costs 1.5 euros.", "the number 1500000 is missing — write the Dutch's number in the translation"),
    ("numbers", "Duizend mensen kwamen.", "A thousand people came.", "A hundred people came.", "the number 1000 is missing — write the Dutch's number in the translation"),
    ("numbers", "Honderd mensen kwamen, 3 dagen lang.", "100 people came, for 3 days.", "A thousand people came, for 3 days.", "the number 1000 is not in the Dutch — write the Dutch's number, or take it out"),
    ("numbers", "Het bereikt meer dan 10 miljoen mensen.", "It reaches more than 10 million people.", "It reaches more than 10 miljoen people.", "10 miljoen: English writes 10 million — write it so"),
    ("numbers", "Er kwamen drie miljard bezoekers.", "Three billion visitors came.", "Three million visitors came.", "the number 3000000 is not in the Dutch — write the Dutch's number, or take it out"),
    ("glossary", "De veranderopgave is groot.", "The change challenge is big.", "The change task is big.", "'veranderopgave' must be translated as 'change challenge'"),
    ("glossary", "Lees *De functie van frictie*.", "Read *De functie van frictie*.", "Read *The function of friction*.", "'De functie van frictie' must stay as written"),
    ("unchanged", "Boeken bestellen bij de winkel", "Order books at the shop", "Boeken bestellen bij de winkel", UNCHANGED),
    ("unchanged", "Vragen stellen", "Asking questions", "Vragen stellen", UNCHANGED),
    ("unchanged", "Welkom", "Welcome", "Welkom", UNCHANGED),  # one word as much as two (the trial's pair)
    ("dutch", "Het is niet wat het lijkt.", "It is not what it seems.", "It is niet what het seems.", "Dutch words left in the English: 'niet', 'het' — translate them: until then the document's English is held back (a name that stays Dutch: put it under 'keep:' in the glossary; Dutch kept on purpose, as a saying or a title: put it in quotation marks or emphasis)"),
    ("dutch", "Boeken bestellen", "Ordering books", "Boeken bestellen.", "the English is still Dutch (boeken, bestellen): translate it"),
    ("dutch", "Geen gedoe, geen weerstand, iedereen aan boord.", "No fuss, no resistance, everyone on board.",
     "Geen gedoe, geen weerstand, iedereen aan boord!", "the English is still Dutch (geen, gedoe, aan): translate it"),
    ("dutch", "Vier soorten frictie", "Four kinds of friction", "Vier soorten frictie:", "the English is still Dutch (soorten, frictie): translate it"),
    ("dutch", "Het is zo. Wij gaan samen zoeken naar nieuwe wegen.", "It is so. Together we look for new ways.", "It is so. Wij gaan samen zoeken naar nieuwe wegen.",
     "a Dutch sentence left in the English: 'Wij gaan samen zoeken naar nieuwe wegen.' — translate it: until then the document's English is held back (Dutch kept on purpose, as a saying or a title: put it in quotation marks or emphasis)"),
    ("dutch", "Een dringende **vraag**.", "A pressing **question**.", "A pressing **vraag**.",
     "'vraag' is emphasized as in the Dutch: translate it, or keep it with ignore: dutch.emphasis"),
    ("sentences", "Het is zo. Bijv. dr. Jansen zei het al.", "It is so. E.g. Dr. Jansen said so.", "It is so.",
     "2 sentences in the Dutch, 1 in the English: a sentence dropped? (fine when it was joined or split on purpose) — compare it with the Dutch"),
    ("sentences", "Het is zo.", "It is so.", "It is so. Really.",
     "1 sentence in the Dutch, 2 in the English: a sentence added? (fine when it was joined or split on purpose) — compare it with the Dutch"),
    ("whitespace", "Tekst", "Text", " Text", "the translation starts with a space and the Dutch does not — remove it"),
    ("whitespace", "Tekst ", "Text ", "Text", "the Dutch ends with a space and the translation does not — add one, or ignore: whitespace if that is meant"),
    ("doubled", "Het is zo.", "It is so.", "It is is so.", "a doubled word: 'is is' — remove one"),
    ("doubled", "Het is zo.", "It is so.", "It  is so.", "a doubled space — remove one"),
    ("punctuation", "Wat is vertrouwen?", "What is trust?", "What is trust", "the Dutch is a question, the English does not end with '?' — end it with '?'"),
    ("punctuation", "Wat is *vertrouwen?*", "What is *trust?*", "What is *trust*.", "the Dutch is a question, the English does not end with '?' — end it with '?'"),
    ("punctuation", "Boeken bestellen", "Order books", "Order books.", "the English ends with '.', the Dutch has no end punctuation — take it out, unless the English needs it"),
]


@pytest.mark.parametrize(("check_id", "source", "good", "bad", "message"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_check_fires_on_the_wrong_translation_only(check_id: str, source: str, good: str, bad: str, message: str) -> None:
    assert problems(source, good) == []
    assert (check_id, message) in problems(source, bad)


@pytest.mark.parametrize(("english", "said"), [
    ("It reaches more than 10 miljoen people.", "10 miljoen: English writes 10 million — write it so"),
    ("It reaches meer dan 10 miljoen mensen.", "10 miljoen: English writes 10 million — write it so"),
    ("It reaches more than 1,5 miljoen people.", "1,5 miljoen: English writes 1.5 million — write it so"),
])
def test_a_dutch_scale_word_left_after_the_dutchs_number_is_one_numbers_finding(english: str, said: str) -> None:
    """The number is the Dutch's, its scale word Dutch: one finding that says how English writes it. Before, the
    check read 10 without its scale, and said both that 10000000 was missing and that 10 was not in the Dutch."""
    dutch = "Het bereikt meer dan 10 miljoen mensen." if "10" in english else "Het bereikt meer dan 1,5 miljoen mensen."
    assert [message for check, message in problems(dutch, english) if check == "numbers"] == [said]


@pytest.mark.parametrize("text", ["Kies 1,2,3 of 4.", "Id 9000000011602478,9000000011100068,9000000011100072 hier."])
def test_a_list_of_numbers_with_commas_is_no_dutch_number_left(text: str) -> None:
    """A list (``1,2,3``, a WordPress shortcode's product ids) is written the same in English: segmentation makes no
    entry of it, and the check no longer says 'English writes 123'."""
    english = text.replace("Kies", "Choose").replace(" of ", " or ").replace("hier", "here")
    assert [message for check, message in problems(text, english) if check == "numbers"] == []


def test_every_check_has_a_case_and_a_title() -> None:
    assert {rule.id for rule in CHECKS} == {case[0] for case in CASES} | {"slug", "title"}
    assert all(rule.title and rule.severity in ("error", "warning") for rule in CHECKS)


def test_an_english_the_same_as_the_dutch_is_fine_for_a_kept_name_and_a_slug() -> None:
    """What ``unchanged``'s message offers for a word English shares (or a name) works; a slug is the address's choice."""
    assert ("unchanged", UNCHANGED) in problems("Feedback", "Feedback")
    assert problems("Feedback", "Feedback", note="ignore: unchanged") == []
    keeping = Glossary({}, ("Feedback",))
    assert check_entries([Entry(Translation(None, "Feedback", "Feedback", False, 7, ""), REFERENCES, keeping)]) == []
    assert check_entries([Entry(Translation("slug", "welkom", "welkom", False, 7, ""), REFERENCES, GLOSSARY)]) == []
    assert problems("`pip install`", "`pip install`") == []  # no word outside code: nothing to translate


def test_a_translator_comment_silences_a_check_for_one_entry() -> None:
    assert problems("Drie stappen.", "4 steps.", note="ignore: numbers") == []
    assert problems("Drie stappen.", "4 steps.", note="mt: google 2026-11-28\nignore: markup, numbers") == []
    assert problems("Drie stappen.", "4 steps.", note="ignore: markup") != []


def test_empty_translations_are_not_checked() -> None:
    assert problems("Wat is vertrouwen?", "") == []


def test_msgfmt_reports_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a\\n"\nmsgstr "b"\n', encoding="utf-8")
    found = msgfmt_problems(path)
    if found is None:
        pytest.skip("msgfmt is not installed")
    assert any(p.check == "msgfmt" and p.severity == "error" and p.line == 5 and "line break" in p.message for p in found)


def test_a_translation_ending_in_blank_lines_is_one_problem_at_its_entry_that_says_what_to_do(tmp_path: Path) -> None:
    """A translator ends a translation with two line breaks: msgfmt refuses the file in its own words
    ("'msgid' and 'msgstr' entries do not both end with '\\n'"), and the whitespace check said it again. It is one
    problem, at the entry's msgid line with its Dutch, saying which end differs and what to do; a draft, which
    msgfmt does not read, hears it from the whitespace check in the same words."""
    path = tmp_path / "x.po"
    path.write_text(
        HEADER + '#: source_nl/blog/x.md:5\nmsgid "Dit is de alinea."\nmsgstr "This is the paragraph.\\n\\n"\n\n'
        '#, fuzzy\nmsgid "Een"\nmsgstr "\\nOne"\n', encoding="utf-8",
    )
    found = msgfmt_problems(path)
    if found is None:
        pytest.skip("msgfmt is not installed")
    end = "the translation ends with a line break (an empty line at its end in a PO editor) and the Dutch does not — remove the line break at the end of the translation"
    assert [(p.check, p.severity, p.line, p.message, p.source) for p in found] == [("msgfmt", "error", 13, end, "Dit is de alinea.")]
    approved = Entry(Translation(None, "Dit is de alinea.", "This is the paragraph.\n\n", False, 12), REFERENCES, GLOSSARY)
    draft = Entry(Translation(None, "Een", "\nOne", True, 17), REFERENCES, GLOSSARY)
    assert [(p.check, p.message) for p in check_entries([approved, draft])] == [
        ("whitespace", "the translation starts with a line break (an empty line at its start in a PO editor) and the Dutch does not"
         " — remove the line break at the start of the translation"),
    ]
    draft = Entry(Translation(None, "Groet\n", "Regards", True, 7), REFERENCES, GLOSSARY)
    assert [p.message for p in check_entries([draft])] == ["the Dutch ends with a line break and the translation does not — end the translation with a line break too"]


def test_a_line_break_at_an_approved_entrys_end_is_said_by_the_whitespace_check_where_msgfmt_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """msgfmt says it of an approved entry; without msgfmt (its check skipped) the whitespace check still does."""
    approved = Entry(Translation(None, "Dit is de alinea.", "This is the paragraph.\n\n", False, 12), REFERENCES, GLOSSARY)
    monkeypatch.setattr(checks.shutil, "which", lambda name: None)
    assert [p.check for p in check_entries([approved])] == ["whitespace"]


@pytest.mark.parametrize(("po", "expected"), [
    ('msgid "Een\\n"\nmsgstr "\\nOne"\n', [
        ("error", 13, "the translation starts with a line break (an empty line at its start in a PO editor) and the Dutch does not — remove the line break at the start of the translation"),
        ("error", 13, "the Dutch ends with a line break and the translation does not — end the translation with a line break too"),
    ]),
    ('#, python-format\nmsgid "Een %(n)s"\nmsgstr "One %(m)s"\n', [
        ("error", 14, "the translation's placeholders do not match the Dutch's (msgfmt: a format specification for argument 'm', as in"
         " 'msgstr', doesn't exist in 'msgid') — write the placeholders of the Dutch (such as %s or {name}) in the translation; if the text is not a format string,"
         " delete the '…-format' flag from the entry's '#,' line"),
    ]),
])
def test_msgfmt_complaints_about_an_entry_are_said_at_its_line_with_what_to_do(tmp_path: Path, po: str, expected: list) -> None:
    path = tmp_path / "x.po"
    path.write_text(HEADER + "#: source_nl/blog/x.md:5\n" + po, encoding="utf-8")
    found = msgfmt_problems(path)
    if found is None:
        pytest.skip("msgfmt is not installed")
    assert [(p.severity, p.line, p.message) for p in found] == expected
    assert all(p.check == "msgfmt" and p.source.startswith("Een") for p in found)


CONTENT_TYPE = (
    "the header does not say the file is UTF-8 — its Content-Type line must be '\"Content-Type: text/plain; charset=UTF-8\\n\"':"
    " run invoke extract, which writes it"
)


@pytest.mark.parametrize(("header", "expected"), [
    ("", [("error", 1, 'the PO file has no header (the entry with msgid "" at the top, which says the file is UTF-8) — run invoke extract, which writes it')]),
    ("charset=CHARSET", [("warning", 2, CONTENT_TYPE)]),  # msgfmt said it twice, once without a line, on two lines each
    ("no Content-Type", [("warning", 2, CONTENT_TYPE)]),
    ("no Language-Team", [("warning", 2, "the header has no 'Language-Team' line — run invoke extract, which adds it")]),
    ("FULL NAME", [("warning", 2, "the header's 'Last-Translator' still holds the template's placeholder — write the real value,"
                    " or leave it empty (Poedit fills in Last-Translator when you save)")]),
])
def test_msgfmt_complaints_about_the_header_are_one_line_each_with_what_to_do(tmp_path: Path, header: str, expected: list) -> None:
    """Before, a header complaint msgfmt writes over two lines, or without a line number, was two errors at line 0
    (a warning among them, holding the page back), each with msgfmt's wording and the file's full path."""
    texts = {
        "": "",
        "charset=CHARSET": HEADER.replace("charset=UTF-8", "charset=CHARSET"),
        "no Content-Type": HEADER.replace('"Content-Type: text/plain; charset=UTF-8\\n"\n', ""),
        "no Language-Team": HEADER.replace('"Language-Team: English\\n"\n', ""),
        "FULL NAME": HEADER.replace("T <t@x.nl>", "FULL NAME <EMAIL@ADDRESS>"),
    }
    path = tmp_path / "x.po"
    path.write_text(texts[header] + 'msgid "Een"\nmsgstr "One"\n', encoding="utf-8")
    found = msgfmt_problems(path)
    if found is None:
        pytest.skip("msgfmt is not installed")
    assert [(p.severity, p.line, p.message) for p in found] == expected
    assert all(str(tmp_path) not in p.message for p in found)


HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n"PO-Revision-Date: 2026-11-28 10:00+0000\\n"\n'
    '"Last-Translator: T <t@x.nl>\\n"\n"Language-Team: English\\n"\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n\n'
)
DEFECTS = {
    "good": HEADER + 'msgid "Een"\nmsgstr "One"\n',
    "newline": HEADER + 'msgid "a\\n"\nmsgstr "b"\n',
    "format": HEADER + '#, c-format\nmsgid "a %d"\nmsgstr "b %s"\n',
    "duplicate": HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "syntax": HEADER + 'msgid "a"\nmsgstr "b\n',
    "no header": 'msgid "a"\nmsgstr "b"\n',
    "header field": HEADER.replace('"Language: en\\n"\n', "") + 'msgid "a"\nmsgstr "b"\n',
    "plural": HEADER.replace("8bit\\n", '8bit\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n') + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n',
    "domain": HEADER + 'domain "other"\nmsgid "a"\nmsgstr "b"\n',
}


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_msgfmt_on_many_files_finds_what_it_finds_in_one(tmp_path: Path, defect: str) -> None:
    paths = []
    for index in range(5):  # the defective file among good ones, at the start, in the middle and at the end
        path = tmp_path / f"{index}.po"
        path.write_text(DEFECTS["good"].replace("Een", f"Een {index}"), encoding="utf-8")
        paths.append(path)
    for position in (0, 2, 4):
        paths[position].write_text(DEFECTS[defect], encoding="utf-8")
        alone = [msgfmt_problems(path) for path in paths]
        if alone[0] is None:
            pytest.skip("msgfmt is not installed")
        assert msgfmt_problems_of_many(paths) == alone
        assert bool(alone[position]) == (defect != "good")
        paths[position].write_text(DEFECTS["good"].replace("Een", f"Een {position}"), encoding="utf-8")


def test_good_files_are_checked_by_one_msgfmt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import publish_pipeline.catalogs.checks as checks

    paths = [tmp_path / f"{index}.po" for index in range(20)]
    for index, path in enumerate(paths):
        path.write_text(DEFECTS["good"].replace("Een", f"Een {index}"), encoding="utf-8")
    alone: list[Path] = []
    monkeypatch.setattr(checks, "msgfmt_problems", lambda path: alone.append(path) or [])
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt is not installed")
    assert checks.msgfmt_problems_of_many(paths) == [[]] * 20
    assert alone == []
    paths[7].write_text(DEFECTS["newline"], encoding="utf-8")
    checks.msgfmt_problems_of_many(paths)
    assert alone == paths  # the batch failed: each file alone, for its own messages


def test_glossary_terms_inside_urls_are_not_the_authors_wording() -> None:
    glossary = Glossary({}, ("managementboek.nl",))
    entry = Entry(Translation(None, "Zie [de winkel](https://www.managementboek.nl/boek).", "See the shop.", False, 3), {}, glossary)
    assert [p.check for p in check_entries([entry])] == ["markup.links"]


def test_a_translated_slug_must_be_a_slug() -> None:
    def slug_problems(text: str) -> list[str]:
        entry = Entry(Translation("slug", "wat-is-vertrouwen", text, False, 2), {}, GLOSSARY)
        return [p.message for p in check_entries([entry]) if p.check == "slug"]

    assert slug_problems("what-is-trust") == []
    assert slug_problems("../../etc") == ["'../../etc' is not a URL slug: use lowercase letters, digits and hyphens, e.g. 'what-is-trust'"]
    assert slug_problems("What is trust") != []


@pytest.mark.parametrize("slug", ["..", ".", "-a", "a--b", "a" * 101, "a/b", "Hoofd Letters", "é"])
def test_a_slug_that_would_break_the_site_is_an_error_no_comment_silences(slug: str) -> None:
    entry = Entry(Translation("slug", "wat-is-vertrouwen", slug, False, 2, "ignore: slug, markup"), {}, GLOSSARY)
    assert [(p.check, p.severity) for p in check_entries([entry]) if p.severity == "error"] == [("slug", "error")]
    from publish_pipeline.text.slugs import slug_problem

    assert slug_problem("a" * 100) is None and slug_problem("a" * 101)


def test_a_blank_title_is_an_error_no_comment_silences() -> None:
    def title_problems(text: str, note: str = "ignore: title, whitespace") -> list[tuple[str, str]]:
        entry = Entry(Translation("title", "Mijn eerste blog", text, False, 5, note), {}, GLOSSARY)
        return [(p.check, p.severity) for p in check_entries([entry]) if p.severity == "error"]

    assert title_problems(" \t ") == [("title", "error")]
    assert title_problems("My first blog") == []


PLAIN_OR_NOT = st.sampled_from(
    [*"ab cdéZ019.,;:!?#$%+-=@^{}()|'\"/\t", "  ", "]", ">", "<", "*", "_", "`", "~", "[", "&amp;", "\\", "\n", "www.x.nl", "http://x.nl"]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(PLAIN_OR_NOT, max_size=30).map("".join))
def test_a_text_without_markup_is_outlined_as_parsing_would(text: str) -> None:
    from publish_pipeline.text import markdown
    from publish_pipeline.catalogs.checks import _outline, outline_of_tokens

    assert _outline(text, {}) == outline_of_tokens(markdown.parse_inline(text, {"references": {}}))


# The translator's trial: realistic mistakes put into approved entries of the demo --------------------------------

DEMO = Path(__file__).resolve().parent / "sites" / "demo"
LOYALTY, TRUST, FRICTION = "blog/loyaliteit-is-geen-blinde-trouw", "topics/vertrouwen", "blog/frictie-als-brandstof"
BOLD_NL = "**Benoem de frictie hardop.** Zolang niemand het zegt, praat iedereen erover in de wandelgangen."
BOLD_EN = "**Name the friction out loud.** As long as nobody says it, everyone talks about it in the corridors."


def swap_first_sentence_to_the_end(text: str) -> str:
    first, rest = text.split(". ", 1)
    return f"{rest} {first}."


def replacing(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


# (mistake, document, the Dutch entry (its start), the mistake made in its English, other Dutch and English when the
#  mistake needs them (a number), the problem ids it must raise with their severity; "" when nothing may fire)
TRIAL = [
    ("dropped link", TRUST, "Of teruggaan", replacing("[change management home page](https://www.annemariemars.nl/verandermanagement/)", "change management home page"), None, "markup.links", "error"),
    ("changed URL", TRUST, "[Klik hier", replacing("abonneren/", "subscribe/"), None, "markup.links", "error"),
    ("lost emphasis", TRUST, "Vertrouwen is geen knop waaraan je bij de ander kunt draaien. Die knop zit bij jou en heet *", replacing("*loyalty*", "loyalty"), None, "markup.emphasis", "error"),
    ("lost bold", FRICTION, BOLD_NL, replacing(BOLD_EN, BOLD_EN.replace("**", "")), (BOLD_NL, BOLD_EN), "markup.strong", "error"),
    ("1.250 for 1,250", TRUST, "Tien keer", replacing("1,250", "1.250"),
     ("Tien keer per jaar zoeken 1.250 lezers en ik naar antwoorden.", "Ten times a year 1,250 readers and I look for answers."), "numbers.1250", "error"),
    ("eight for 8", TRUST, "Deel 4", replacing("Part 8", "Part eight"),
     ("Deel 8 van *De functie van frictie* gaat over de relatie.", "Part 8 of *De functie van frictie* is about the relationship."), "", ""),
    ("missing ?", TRUST, "Wat is vertrouwen?", replacing("trust?", "trust"), None, "punctuation", "warning"),
    ("Dutch word left", LOYALTY, "Dat is wat vertrouwen is", replacing("but from showing", "maar from showing"), None, "dutch.words", "error"),  # one word of the hand list: beyond doubt
    ("doubled word", LOYALTY, "Het misverstand", replacing("The misunderstanding", "The the misunderstanding"), None, "doubled", "warning"),
    ("swapped links", TRUST, "In mijn leergangen", swap_first_sentence_to_the_end, None, "markup.link-order", "warning"),
    ("trailing space", TRUST, "Wat als het er niet is?", replacing("missing?", "missing? "), None, "whitespace", "warning"),
    ("kept title translated", TRUST, "*Vat op verandering*", replacing("Vat op verandering", "Getting a Grip on Change"), None, "glossary", "error"),
    ("glossary term mistranslated", LOYALTY, "Niemand is loyaal", replacing("force field", "field of forces"), None, "glossary", "error"),
    ("changed year", TRUST, "(En vanaf november 2018", replacing("2018", "2019"), None, "numbers.2018 numbers.2019", "error"),
    ("swapped reference link", LOYALTY, "Wil je hier verder", replacing("[vertrouwen]", "[jongleren]"), None, "markup.links", "error"),
    ("lost hard break", LOYALTY, "Met hartelijke groet", replacing(",  \n", ", "), None, "markup.breaks", "error"),
    ("lost italics", TRUST, "Deel 4", replacing("*De functie van frictie*", "De functie van frictie"), None, "markup.emphasis", "error"),
    ("dropped sentence", LOYALTY, "Die laatste vergeten", replacing("That last one is the one people forget most often. ", ""), None, "sentences", "warning"),
    ("Dutch sentence left in", LOYALTY, "Maar wie zo kijkt", replacing("That is not loyalty, that is submission.", "Dat is geen loyaliteit, dat is onderwerping."), None, "dutch.sentence", "error"),
]


@functools.cache
def _demo_entries(document: str) -> tuple[list[Entry], Glossary]:
    from publish_pipeline.catalogs.extraction import load_unit
    from publish_pipeline.catalogs.glossary import load_glossary
    from publish_pipeline.site import Site

    site = Site.open(DEMO)
    unit = load_unit(site, site.root / "source_nl" / f"{document}.md", remember=False)
    glossary = load_glossary(site.root)
    return [Entry(t, unit.references, glossary) for t in unit.catalog.translations], glossary


def _trial_entries(document: str, start: str, mistake: Callable[[str], str], pair: tuple[str, str] | None) -> tuple[Entry, Entry]:
    """The approved demo entry that starts with ``start`` (with other Dutch and English when ``pair`` gives them),
    and the same entry with the mistake in its English."""
    entries, glossary = _demo_entries(document)
    entry = next(e for e in entries if e.source.startswith(start) and e.translation.context is None)
    translation = entry.translation if pair is None else replace(entry.translation, source=pair[0], text=pair[1], fuzzy=False)
    wrong = mistake(translation.text)
    assert translation.approved and wrong != translation.text
    return Entry(translation, entry.references, glossary), Entry(replace(translation, text=wrong), entry.references, glossary)


@pytest.mark.parametrize(("mistake", "document", "start", "make", "pair", "ids", "severity"), TRIAL, ids=[case[0] for case in TRIAL])
def test_each_mistake_of_the_translators_trial_is_caught_with_its_severity(
    mistake: str, document: str, start: str, make: Callable[[str], str], pair: tuple[str, str] | None, ids: str, severity: str
) -> None:
    good, bad = _trial_entries(document, start, make, pair)
    assert check_entries([good]) == [], "the approved entry passes as it is"
    assert {(p.check, p.severity) for p in check_entries([bad])} == {(id, severity) for id in ids.split()}


def test_the_corrected_demo_passes_every_check() -> None:
    for document in (LOYALTY, TRUST):
        entries, _ = _demo_entries(document)
        assert check_entries(entries) == []


def test_ignoring_one_aspect_leaves_the_rest_of_the_check_watching() -> None:
    def ids(source: str, text: str, note: str = "") -> list[tuple[str, str]]:
        entry = Entry(Translation(None, source, text, False, 7, note), REFERENCES, GLOSSARY)
        return [(p.check, p.severity) for p in check_entries([entry])]

    links = ("Zie [a](/1) en [b](/2), *nu*.", "See [b](/2) and [a](/1), now.")
    assert ids(*links) == [("markup.link-order", "warning"), ("markup.emphasis", "error")]
    assert ids(*links, note="ignore: markup.link-order") == [("markup.emphasis", "error")]
    assert ids(*links, note="ignore: markup") == []
    numbers = ("Ik las 8 boeken in 2019.", "I read 9 books in 2020.")
    assert ids(*numbers, note="ignore: numbers.8") == [("numbers.2019", "error"), ("numbers.9", "error"), ("numbers.2020", "error")]
    assert ids("Een [link](/1).", "A link.", note="ignore: markup.link-order") == [("markup.links", "error")]


@pytest.mark.parametrize(("source", "text"), [
    ("Vier je successen met twee collega's.", "Celebrate your successes with two colleagues."),  # "vier": a verb too
    ("Twee keer per jaar.", "Twice a year."),
    ("Een paar mensen.", "One or two people."),  # "een" and "one": articles and pronouns
    ("Twee mensen kwamen.", "Both came."),  # a number left out is said in other words
    ("Drie stappen.", "3 steps."),
    ("We spreken af om half vier.", "We meet at half past three."),  # the time: half to four is half past three
    ("Het duurt drie kwartier.", "It takes forty-five minutes."),  # three quarters of an hour
    ("Je hoort het binnen veertien dagen.", "You will hear within two weeks."),
    ("Twee dozijn eieren.", "Twenty-four eggs."),
])
def test_a_small_number_in_words_said_in_other_words_is_no_numbers_finding(source: str, text: str) -> None:
    """Small numbers in words are not compared: ordinary Dutch says a time, a span or an amount with other numbers
    than the English does ("om half vier" is "at half past three"); a warning for a small number in words the English
    writes as another was a false alarm on each of these."""
    assert [p for p in check_entries([Entry(Translation(None, source, text, False, 3), {}, Glossary())]) if p.check.startswith("numbers")] == []


@pytest.mark.parametrize(("source", "text"), [
    ("Zie <img src='x.png' alt='Een plaatje'> hier.", "See <img src='x.png' alt='A picture'> here."),
    ('Een <abbr title="Nederlands">NL</abbr>-tekst.', 'A <abbr title="Dutch">NL</abbr> text.'),
    ('Een <span aria-label="ster">*</span>.', 'A <span aria-label="star">*</span>.'),
])
def test_an_inline_tag_with_its_text_attributes_translated_is_the_dutch_tag(source: str, text: str) -> None:
    """alt='Een plaatje' as alt='A picture' was two errors ('… is missing', '… is not in the Dutch'), with no way
    out but Dutch on the English page, though export and publish keep such a tag (``html_text.shape``)."""
    assert problems(source, text) == []


def test_a_tag_with_another_attribute_than_its_text_is_still_said() -> None:
    assert problems("Zie <img src='x.png' alt='Een plaatje'> hier.", "See <img src='y.png' alt='A picture'> here.") == [(
        "markup", "the inline HTML <img src='x.png' alt='Een plaatje'> is written as <img src='y.png' alt='A picture'>"
        " — write the Dutch's tag",
    )]


def test_a_link_target_written_otherwise_is_one_error_saying_what_to_do() -> None:
    """One target of the Dutch missing and one not in the Dutch in its place were two errors; they are one."""
    entry = Entry(Translation(None, "Lees [de post](/blog/andere-post/).", "Read [the post](andere-post.md).", False, 36), {}, Glossary())
    [problem] = check_entries([entry])
    assert (problem.check, problem.line, problem.message) == (
        "markup.links", 36, "the link to /blog/andere-post/ is written as andere-post.md — write the Dutch's link target"
    )
    assert problems("Zie [a](/1) en [b](/2).", "See [a](/3) and [b](/4).") == [  # two written otherwise: each said
        ("markup", f"link to /1 is missing{MISSING}"), ("markup", f"link to /2 is missing{MISSING}"),
        ("markup", f"link to /3 is not in the Dutch{ADDED}"), ("markup", f"link to /4 is not in the Dutch{ADDED}"),
    ]


def test_silenced_problems_are_counted() -> None:
    from publish_pipeline.catalogs.checks import check_entries_counting_silenced

    entries = [
        Entry(Translation(None, "Zie [a](/1) en [b](/2), *nu*.", "See [b](/2) and [a](/1), now.", False, 7, "ignore: markup"), REFERENCES, GLOSSARY),
        Entry(Translation(None, "Ik las 8 boeken.", "I read nine books.", False, 9, "ignore: numbers.8"), REFERENCES, GLOSSARY),
    ]
    found = check_entries_counting_silenced(entries)
    assert (found.problems, found.silenced) == ([], 3)


def test_check_lists_the_aspects_and_counts_what_is_silenced(tmp_path: Path) -> None:
    from conftest import copy_site
    from test_tasks import run

    listing = run("publish_pipeline", "check", "--list").stdout
    assert "ignore: markup.link-order" in listing and "aspects: links, images" in listing and "link-order and image-order are warnings" in listing and "numbers.8" in listing
    site = copy_site("demo", tmp_path)
    result = run("publish_pipeline", "check", "--root", str(site))
    place = "translations/en/blog/loyaliteit-is-geen-blinde-trouw.po:155: ignore: markup"  # where, and which check
    assert result.returncode == 0 and result.stdout.strip().endswith(f"check: no problems in 5 documents (1 silenced: {place})")
    result = run("publish_pipeline", "check", "--silenced", "--root", str(site))
    assert result.stdout.splitlines()[-2:] == [place, "check: no problems in 5 documents (1 silenced: listed above)"]


def test_check_says_how_to_list_what_is_silenced_when_it_is_too_much_for_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import copy_site
    from publish_pipeline import tasks
    from test_tasks import run_here

    site = copy_site("demo", tmp_path)
    monkeypatch.setattr(tasks, "NAMED_SILENCED", 0)  # as when more places are silenced than one line can name
    code, out, _ = run_here(monkeypatch, capsys, "check", "--root", str(site))
    assert out.splitlines()[-1] == "check: no problems in 5 documents (1 silenced: check --silenced lists where)"


def test_a_soft_line_break_joined_by_a_draft_is_no_problem() -> None:
    """A soft break renders as a space: drafting joins them, and check does not object (a hard break it still counts)."""
    assert problems("Wie weerstand zegt, stopt met kijken.\nWie vraagt wat de ander beschermt, begint ermee.",
                    "Whoever says resistance stops looking. Whoever asks what the other protects starts.") == []
    assert problems("Groet,  \nAnnemarie", "Regards,\nAnnemarie") == [("markup", "hard line breaks: 1 in the Dutch, 0 in the English"
        " — break the lines where the Dutch does (two spaces or a backslash at a line's end), and nowhere else")]


@pytest.mark.parametrize("english", [
    "I spoke with Jeroen van den Berg and De Vries.", "Kees van der Meer said so.", "Van Dijk and De Wit came.",
    "We read *team* and *school* as the author does.",
])
def test_dutch_names_and_shared_words_are_not_dutch_left_in_the_english(english: str) -> None:
    dutch = "Ik sprak met *team* en *school* van Jeroen van den Berg, De Vries, Kees van der Meer, Van Dijk en De Wit."
    assert [check for check, _ in problems(dutch, english) if check == "dutch"] == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Het", "is", "bijv.", "e.g.", "Dr.", "J.", "zo", "1.250", "2019.", "?", "!", "…", '"Ja!"', "a", "*nu*.", "Wat?"]), max_size=25))
def test_sentences_split_a_text_without_losing_or_reordering_any_of_it(words: list[str]) -> None:
    from publish_pipeline.catalogs.checks import sentences

    text = " ".join(words)
    found, position = sentences(text), 0
    for sentence in found:  # each a piece of the text, in order
        position = text.index(sentence, position) + len(sentence)
    assert sum(ch.isalpha() for part in found for ch in part) == sum(ch.isalpha() for ch in text)  # no word lost


HUGO = """---
title: De zee
---
{{< figure src="/img/zee.jpg" caption="De zee in de winter" >}}

Lees {{< ref "vertrouwen.md" >}} en {% include noot.html %} hier.
"""


@pytest.mark.parametrize(
    ("damaged", "named"),
    [
        ('Read {{< ref "vertrouwen.md" > and {% include noot.html %} here.', 'template tag {{< ref "vertrouwen.md" >}} is missing'),
        ('Read {{< ref "trust.md" >}} and {% include noot.html %} here.', 'template tag {{< ref "vertrouwen.md" >}} is written as {{< ref "trust.md" >}}'),
        ('Read {{< ref "vertrouwen.md" >}} and {% include note.html %} here.', "template tag {% include noot.html %} is written as {% include note.html %}"),
    ],
)
def test_damaging_a_shortcode_or_a_liquid_tag_in_an_approved_translation_is_a_check_error_naming_it(
    tmp_path: Path, damaged: str, named: str
) -> None:
    site = Site.open(copy_site("basic", tmp_path))
    (site.root / "source_nl/blog/zee.md").write_text(HUGO, encoding="utf-8")
    extract(site)
    path = site.catalog_path("blog/zee")
    po = polib.pofile(str(path), wrapwidth=0)
    english = {"De zee": "The sea", "zee": "sea", "De zee in de winter": "The sea in winter"}
    for entry in po:
        entry.msgstr = english.get(entry.msgid, damaged)
    po.save(str(path))
    result = run("publish_pipeline", "check", "--root", str(site.root))
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert errors and all("template tag " in line.partition(": error: template: ")[2] for line in errors), result.stdout
    assert any(named in line.partition(": error: template: ")[2] for line in errors)


def test_a_translator_comment_never_silences_the_template_check() -> None:
    source = "Lees {% include noot.html %}."
    assert ("template", f"template tag {{% include /etc/passwd %}} is not in the Dutch{ADDED}") in problems(
        source, "Read {% include noot.html %} {% include /etc/passwd %}.", note="ignore: template"
    )


STILL_DUTCH = [
    ("Boeken bestellen", "Boeken  bestellen"),  # the machine answered with the Dutch
    ("Ik schrijf om te ontdekken wat ik denk.", "Ik schrijf om te ontdekken wat ik denk!"),
    ("De functie van **frictie** in veranderprocessen", "De functie van *frictie* in veranderprocessen."),
    ("Wie een verandering leidt, wil dat het soepel loopt.", "Wie een verandering leidt,  wil dat het soepel loopt"),
    # its first words changed, the rest kept: the first two words were the only ones looked at before the rest
    ("Wie een verandering leidt, wil dat het soepel loopt en dat iedereen meedoet.",
     "Whoever een verandering leidt, wil dat het soepel loopt en dat iedereen meedoet."),
]
ENGLISH_AFTER_ALL = [
    ("Design Thinking in de praktijk", "Design Thinking in practice"),  # loanwords and a name the two share
    ("Open Space", "Open Space!"),
    ("Jeroen Bakker, bestuurder", "Jeroen Bakker, director"),
    ("Kees van der Meer en Anne de Vries", "Kees van der Meer and Anne de Vries"),
    ("Agile werken met Scrum", "Agile working with Scrum"),
    ("Gebruik `git pull --rebase` in de terminal", "Use `git pull --rebase` in the terminal"),
    ("Feedback", "Feedback:"),  # one word: too short to tell
    ("Het team van de school", "The school team"),
    ("Het is zo. Wij gaan samen zoeken naar nieuwe wegen.", "It is so. Wij gaan samen zoeken naar nieuwe wegen."),  # a sentence left: the sentence rule
]


@pytest.mark.parametrize(("source", "text"), STILL_DUTCH)
def test_an_english_text_that_is_still_the_dutch_is_an_error(source: str, text: str) -> None:
    found = [(p.check, p.severity) for p in check_entries([Entry(Translation(None, source, text, False, 3), {}, Glossary())])]
    assert ("dutch.untranslated", "error") in found


@pytest.mark.parametrize(("source", "text"), ENGLISH_AFTER_ALL)
def test_names_code_loanwords_and_short_texts_are_not_taken_for_dutch_left(source: str, text: str) -> None:
    found = [p.check for p in check_entries([Entry(Translation(None, source, text, False, 3), {}, Glossary())])]
    assert "dutch.untranslated" not in found


def test_a_text_kept_dutch_by_the_glossary_is_not_dutch_left() -> None:
    glossary = Glossary({}, ("De functie van frictie",))
    entry = Entry(Translation(None, "Lees *De functie van frictie*", "*De functie van frictie*, lees het", False, 3), {}, glossary)
    assert "dutch.untranslated" not in [p.check for p in check_entries([entry])]


# The translator's trial of session 29 (translator-report.md, item 5) ------------------------------------------------

HALF_TRANSLATED = (
    ("Bij complexe opgaven weet niemand vooraf het antwoord. Dat vraagt een andere manier van samenwerken dan we gewend zijn.",
     "With complex challenges nobody knows the answer beforehand. That asks for another way of working together than we are used to.",
     "At complexe opgaven weet niemand vooraf the antwoord. That vraagt a andere manier of samenwerken then we gewend are.",
     "Dutch words left in the English: 'complexe', 'opgaven', 'weet', 'niemand', 'vooraf', 'antwoord' — translate them: until"
     " then the document's English is held back (a name that stays Dutch: put it under 'keep:' in the glossary; Dutch kept on purpose, as a saying or a title: put it in quotation marks or emphasis)"),
    ("Er is een woord dat ik graag uit het vocabulaire zou schrappen: weerstand.",
     "There is a word I would gladly strike from the vocabulary: resistance.",
     "There is a woord that I graag out the vocabulaire would schrappen: resistance.",
     "Dutch words left in the English: 'woord', 'graag', 'vocabulaire', 'schrappen' — translate them: until then the"
     " document's English is held back (a name that stays Dutch: put it under 'keep:' in the glossary; Dutch kept on purpose, as a saying or a title: put it in quotation marks or emphasis)"),  # 'graag' with 'woord' (word lists)
)


@pytest.mark.parametrize(("source", "good", "bad", "message"), HALF_TRANSLATED)
def test_a_half_translated_english_with_dutch_content_words_left_is_said(source: str, good: str, bad: str, message: str) -> None:
    """No common Dutch word is left ("het", "een" are translated), but the Dutch's own content words are."""
    assert problems(source, good) == []
    assert problems(source, bad) == [("dutch", message)]


@pytest.mark.parametrize(("source", "english"), [
    # words English shares with Dutch, a few in one text, rarely spelled as only Dutch spells
    ("Het team maakte een plan voor de school op dat moment.", "The team made a plan for the school at that moment."),
    ("Het water in de haven was even open.", "The water in the harbour was open for a moment, even."),
    # a title kept in Dutch: a run of the Dutch's words that starts with a capital
    ("In mijn boek *Jongleren met loyaliteiten* beschrijf ik hoe je dat doet.", "In my book *Jongleren met loyaliteiten* I describe how to do that."),
    ("Jongleren met loyaliteiten", "Jongleren met loyaliteiten (Juggling Loyalties)"),
    # review 2, item 5: an autolink's text, a quoted title in lower case, and "online", which English shares
    ("Kijk op <https://vertrouwenswerk.nl/opgaven/vertrouwen-schenken>.", "Look at <https://vertrouwenswerk.nl/opgaven/vertrouwen-schenken>."),
    ("Lees meer op www.vertrouwenswerk.nl/boeken/samenwerken-vanuit-vertrouwen.", "Read more at www.vertrouwenswerk.nl/boeken/samenwerken-vanuit-vertrouwen."),
    ("Het draaiboek 'werken vanuit vertrouwen' staat online.", "The playbook 'werken vanuit vertrouwen' (working from trust) is online."),
    ("Het draaiboek “werken vanuit vertrouwen” staat online.", "The playbook “werken vanuit vertrouwen” (working from trust) is online."),
    ("Het boek *werken vanuit vertrouwen* staat online.", "The book *werken vanuit vertrouwen* (working from trust) is online."),
])
def test_words_english_shares_and_titles_kept_in_dutch_are_no_dutch_left(source: str, english: str) -> None:
    assert [check for check, _ in problems(source, english) if check == "dutch"] == []


def test_dutch_words_in_a_slug_are_a_warning_never_an_error() -> None:
    """A slug's words are no sentence: the content-words and sentence rules leave it alone, but words only Dutch has
    kept of the Dutch slug are warned (``test_a_slug_that_keeps_words_only_dutch_has_is_warned``), never held back."""
    entry = Entry(Translation("slug", "samenwerken-complexe-opgaven-vraagt", "samenwerken-complexe-opgaven-vraagt-more", False, 7), REFERENCES, GLOSSARY)
    assert [(p.check, p.severity) for p in check_entries([entry]) if p.check.startswith("dutch")] == [("dutch.slug", "warning")]


def _block(source: str, text: str, role: str = "", note: str = "") -> list[tuple[str, str, str]]:
    entry = Entry(Translation(None, source, text, False, 7, note, role=role), REFERENCES, GLOSSARY)
    return [(p.check, p.severity, p.message) for p in check_entries([entry]) if p.check == "markup.block"]


PARAGRAPH = "In de praktijk kom ik vier soorten frictie tegen."


@pytest.mark.parametrize(("english", "role", "message"), [
    ("# In practice I meet four kinds of friction.", "", "the English starts with '# ', which makes this paragraph a heading — rephrase"
     " its start so that it does not begin with '#' (or write it as \\#)"),
    ("- In practice I meet four kinds of friction.", "", "the English starts with '- ', which makes this paragraph a list item — rephrase"
     " its start so that it does not begin with '-' (or write it as \\-)"),
    ("1984. In practice I meet four kinds of friction.", "", "the English starts with '1984. ', which makes this paragraph a numbered"
     " list item — rephrase its start so that it does not begin with '1984.' (or write it as 1984\\.)"),
    ("> In practice I meet four kinds of friction.", "list item", "the English starts with '> ', which makes this list item a quote —"
     " rephrase its start so that it does not begin with '>' (or write it as \\>)"),
    ("---", "blockquote", "the English starts with '---', which makes this quote a horizontal rule — rephrase its start so that it does"
     " not begin with '---' (or write it as \\---)"),
    ("```\nIn practice I meet four kinds of friction.", "", "the English starts with '```', which makes this paragraph a code block —"
     " rephrase its start so that it does not begin with '```' (or write it as \\```)"),
    ("# Four kinds of friction", "heading", "the English starts with '# ', which the heading shows as text ('# Four kinds of friction')"
     " — remove the '#' (a heading's level is the Dutch's)"),
    ("# In practice I meet four kinds of friction.", "footnote", "the English starts with '# ', which makes this footnote a heading —"
     " rephrase its start so that it does not begin with '#' (or write it as \\#)"),
])
def test_an_english_that_starts_another_block_is_an_error(english: str, role: str, message: str) -> None:
    """The trial's heading "# Four kinds of friction" passed: in the page it reads '# Four kinds of friction' (the heading's
    own '##' before it); a paragraph's becomes a heading, which only the page's structure check said, once every entry
    was approved."""
    dutch = "Vier soorten frictie" if role == "heading" else PARAGRAPH
    assert _block(dutch, "In practice I meet four kinds of friction.", role) == []
    assert _block(dutch, english, role) == [("markup.block", "error", message)]


@pytest.mark.parametrize(("source", "english", "role"), [
    (PARAGRAPH, "<b>In practice</b> I meet four kinds of friction.", ""),  # an inline tag, no HTML block
    (PARAGRAPH, "1984 was the year I met four kinds of friction.", ""),
    (PARAGRAPH, "#1: in practice I meet four kinds of friction.", ""),
    ("1. Inleiding", "1. Introduction", "heading"),  # the Dutch's own start
    ("Inleiding", "1. Introduction", "heading"),  # a heading shows '1. ' as the text it is meant to be: only '#' is a slip
    ("Inleiding", "- Introduction", "heading"),
    ("Soort frictie", "- Kind of friction", "table cell"),  # text in a cell: no block
])
def test_a_start_that_makes_no_other_block_is_fine(source: str, english: str, role: str) -> None:
    assert _block(source, english, role) == []


def test_a_paragraph_that_starts_another_block_is_said_once_at_its_entry(tmp_path: Path) -> None:
    """Approved with every other entry, the page's structure check found it too: said twice, once per check. The entry's
    own check says it; with it silenced (ignore: markup), the page's check still does, as the page is not published."""
    from publish_pipeline.catalogs.catalog import read_catalog
    from test_status import ENGLISH, fresh

    site = fresh(tmp_path)
    paragraph = "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat."
    path = site.catalog_path("blog/eerste")

    def said(note: str) -> list[str]:
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr = {**ENGLISH, paragraph: "# I write to find out what I think.\nSometimes that works."}.get(entry.msgid, entry.msgstr)
            entry.tcomment = note if entry.msgid == paragraph else entry.tcomment
        po.save(str(path))
        line = next(t.line for t in read_catalog(path, "eerste.po").translations if t.source == paragraph)
        result = run("publish_pipeline", "check", "--root", str(site.root))
        assert result.returncode == 1
        return [said.split(": ", 2)[2] for said in result.stdout.splitlines() if said.startswith(f"translations/en/blog/eerste.po:{line}: ")]

    assert said("") == ["markup.block: the English starts with '# ', which makes this paragraph a heading — rephrase its start so that"
                        " it does not begin with '#' (or write it as \\#)"]
    assert said("ignore: markup") == ["structure: the translation changes the structure of the page: it starts with '#', which makes"
                                      " it a heading — rephrase its start so that it does not begin with '#' (or write it as \\#)"]


@pytest.mark.parametrize(("source", "english"), [
    ("Alle rechten voorbehouden", "All rights reserved &copy;"),
    ("Alle rechten voorbehouden", "All rights reserved (&copy;)"),
    ("Dat was alles&hellip;", "That was all&hellip;"),
    ("Hij zei: &quot;ja.&quot;", "He said: &quot;yes.&quot;"),
])
def test_a_reference_at_the_end_is_its_character(source: str, english: str) -> None:
    """"&copy;" at the end read as ending with ';': a false punctuation warning."""
    assert problems(source, english) == []


def test_a_semicolon_that_ends_no_reference_is_still_one() -> None:
    assert problems("Alle rechten voorbehouden", "All rights reserved &bogus;") == [
        ("punctuation", "the English ends with ';', the Dutch has no end punctuation — take it out, unless the English needs it")]


def test_an_english_far_longer_or_shorter_than_its_dutch_is_said_with_the_lengths() -> None:
    """The trial's 150,000 characters for a paragraph of three sentences got only a sentence count (or nothing, where
    the text pasted in has as many sentences)."""
    dutch = "Het is zo. Het blijft zo. Dat is goed."
    english = "It is so. It stays so. That is good."
    assert problems(dutch, english) == []
    pasted = "It is so. It stays so. That is good" + ", and" * 29_992 + " too."  # the trial's 150,000 characters
    assert problems(dutch, pasted) == [("sentences", (
        "the English is 150,000 characters, the Dutch 38: far longer than a translation of it — remove what was pasted in or left"
        " over from another text (or ignore: sentences.length when it is meant)"))]
    long_dutch = " ".join([dutch] * 5)
    assert ("sentences", "the English is 9 characters, the Dutch 194: far shorter than a translation of it — translate what is"
            " missing (or ignore: sentences.length when it is meant)") in problems(long_dutch, "It is so.")
    assert problems("Ja.", "Yes, indeed, that is how it is.") == []  # a short text's length varies most
    assert problems(dutch, pasted, note="ignore: sentences.length") == []


def test_the_outlines_made_before_are_kept_where_the_checks_read_them() -> None:
    """``with_outlines`` puts them where the cached properties look (their own names, not strings that a rename leaves behind)."""
    dutch, english = checks._Outline([], [], [], [], {}, 0, "nl"), checks._Outline([], [], [], [], {}, 0, "en")
    entry = Entry.with_outlines(Translation(None, "x", "y", False, 7), REFERENCES, GLOSSARY, dutch, english)
    assert entry.dutch is dutch and entry.english is english and entry.dutch_outline is dutch


@pytest.mark.parametrize("dutch", ["Hier zijn de cijfers van dit jaar.", "Vorige week vroeg een teamleider me om advies."])
def test_the_dutch_approved_as_its_own_english_is_held_back_and_a_draft_of_it_warned(dutch: str) -> None:
    """A new user's trial: the Dutch approved unchanged was only ``unchanged``'s warning and went to the English site,
    where the same Dutch with one character less was an error. A draft (fuzzy) of it is a warning: never published."""
    approved = [(p.check, p.severity) for p in check_entries([Entry(Translation(None, dutch, dutch, False, 3), {}, Glossary())])]
    draft = [(p.check, p.severity) for p in check_entries([Entry(Translation(None, dutch, dutch, True, 3), {}, Glossary())])]
    assert ("dutch.untranslated", "error") in approved and ("unchanged", "warning") in approved
    assert ("dutch.untranslated", "warning") in draft and "error" not in {severity for _, severity in draft}


def test_the_dutch_kept_on_purpose_as_its_english_is_the_translators_choice() -> None:
    """``ignore: unchanged`` on the entry: the English is the Dutch on purpose (a quote, a saying), held back by nothing."""
    dutch = "Hier zijn de cijfers van dit jaar."
    entry = Entry(Translation(None, dutch, dutch, False, 3, "ignore: unchanged"), {}, Glossary())
    assert check_entries([entry]) == []


@pytest.mark.parametrize("same", ["Docker Compose", "Welkom", "Kees van der Meer", "Utrecht Centraal", "`git pull`"])
def test_a_name_or_a_word_approved_unchanged_stays_a_warning(same: str) -> None:
    assert "dutch.untranslated" not in [p.check for p in check_entries([Entry(Translation(None, same, same, False, 3), {}, Glossary())])]


def test_a_short_dutch_text_kept_as_its_english_is_held_back_as_the_same_word_in_english_is() -> None:
    """A trial: "Hallo wereld." approved as its own English got the unchanged warning and was published, where
    "Hello wereld." is held back (one word the Dutch writes most, alone: Dutch beyond doubt). Kept whole, it is now
    held back too; a machine draft of it is a warning, a word English shares ("Welkom") the unchanged warning only."""
    assert ("dutch", "the English is still the Dutch (wereld): translate it: until then the document's English is held back") in problems("Hallo wereld.", "Hallo wereld.")
    assert [check for check, _ in problems("Hallo wereld.", "Hello world.")] == []
    draft = Entry(Translation(None, "Hallo wereld.", "Hallo wereld.", True, 7, ""), REFERENCES, GLOSSARY)
    assert {(p.check, p.severity) for p in check_entries([draft])} >= {("dutch.untranslated", "warning")}
    assert [check for check, _ in problems("Welkom", "Welkom")] == ["unchanged"]
