from __future__ import annotations

import datetime
import json
import time

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from publish_pipeline.text import document as document_module
from publish_pipeline.text.document import Document, decode, parse_document, read_source
from publish_pipeline.errors import SourceError


def test_front_matter_and_body_are_split_with_line_numbers() -> None:
    document = parse_document("---\ntitle: Kop\ndate: 2019-03-14\n---\n\nTekst\n", "blog/x", "source_nl/blog/x.md")
    assert document.front_matter == {"title": "Kop", "date": datetime.date(2019, 3, 14)}
    assert document.field_lines == {"title": 2, "date": 3}
    assert (document.body, document.body_line) == ("\nTekst\n", 4)
    assert (document.kind, document.slug, document.is_draft) == ("blog", "x", False)


def test_windows_and_old_mac_line_ends_and_a_byte_order_mark_are_accepted() -> None:
    text = decode(b"\xef\xbb\xbf---\r\ntitle: Kop\r\n---\r\nEen\rTwee\r\n", "x.md")
    document = parse_document(text, "x", "x.md")
    assert document.front_matter["title"] == "Kop"
    assert document.body == "Een\nTwee\n"


def test_yaml_tags_that_build_objects_are_refused() -> None:
    with pytest.raises(SourceError) as caught:
        parse_document("---\ntitle: !!python/object/apply:os.system ['echo oops']\n---\n", "x", "x.md")
    assert caught.value.where == "x.md:2"
    assert "could not determine a constructor" in caught.value.problem


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ("---\ntitle: Kop\n", "x.md:1", "front matter is never closed"),
        ("---\ntitle: true\n---\n", "x.md:2", "front matter: 'title' is not text: true"),
        ("---\ntitle: Kop\ndraft: ja\n---\n", "x.md:3", "front matter: 'draft' must be true or false, found 'ja'"),
    ],
)
def test_bad_front_matter(text: str, where: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_document(text, "x", "x.md")
    assert (caught.value.where, caught.value.problem) == (where, problem)


def read(front: str) -> Document:
    return read_source(f"---\ntitle: Kop\n{front}\n---\nTekst.\n".encode(), "blog/x", "x.md")


@pytest.mark.parametrize(
    ("front", "problem"),
    [
        ("date: 2019-02-30", "front matter: 'date': '2019-02-30' is no day of the calendar (February 2019 has 28 days)"),
        ("date: 2020-13-01", "front matter: 'date': '2020-13-01' is no day of the calendar (a year has 12 months)"),
        ("date: !!timestamp nope", "front matter: 'date' is not a valid date: 'nope'"),
        ("date: 2001-12-14 21:59:43 +25:00", "front matter: 'date' is not a valid date: '2001-12-14 21:59:43 +25:00'"),
        ("weight: !!int abc", "front matter: 'weight' is not a valid whole number: 'abc'"),
        ("weight: !!float abc", "front matter: 'weight' is not a valid number: 'abc'"),
        ("toc: !!bool abc", "front matter: 'toc' is not a valid true/false value: 'abc'"),
        ("weight: " + "1" * 5000, "front matter: 'weight': a number of more than 100 characters: '" + "1" * 60 + "'…"),
        ("weight: !!int 0x" + "f" * 5000, "front matter: 'weight': a number of more than 100 characters: '0x" + "f" * 58 + "'…"),
        ("tags: [a, !!int b]", "front matter: 'tags' is not a valid whole number: 'b'"),
    ],
)
def test_a_value_yaml_cannot_make_is_refused_with_its_line(front: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        read(front)
    assert (caught.value.where, caught.value.problem) == ("x.md:3", problem)


@pytest.mark.parametrize(
    ("front", "problem"),
    [
        ("summary: [een, twee]", "front matter: 'summary' is not text: ['een', 'twee']"),
        ("tags: vertrouwen", "front matter: 'tags' must be a list of texts, found 'vertrouwen'"),
        ("tags: [vertrouwen, 2019]", "front matter: 'tags' must be a list of texts, found 2019"),
        ("translation_slug: 123", "front matter: 'translation_slug' is not text: 123"),
        ("translation_slug: [a, b]", "front matter: 'translation_slug' is not text: ['a', 'b']"),
        ("date: 20190314", "front matter: 'date' is not a date: 20190314"),
        ("draft: 1", "front matter: 'draft' must be true or false, found 1"),
        ("x: " + "[" * 12 + "]" * 12, "front matter: 'x': nested more than 10 levels deep"),
    ],
)
def test_a_field_of_the_wrong_type_is_refused_before_use(front: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        read(front)
    assert (caught.value.where, caught.value.problem) == ("x.md:3", problem)


def laughs(levels: int, field: str) -> str:
    """The "billion laughs": each level a list of nine aliases of the level before (9**levels strings)."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join([*lines, f"{field}: *l{levels - 1}"])


@pytest.mark.parametrize("field", ["tags", "title", "summary"])
def test_yaml_aliases_are_refused_so_nothing_expands(field: str) -> None:
    started = time.perf_counter()
    with pytest.raises(SourceError) as caught:
        parse_document(f"---\n{laughs(9, field)}\n---\n", "x", "x.md")
    assert time.perf_counter() - started < 1
    assert caught.value.where == "x.md:3"  # the first list that uses an alias
    assert caught.value.problem == "front matter: 'l1': YAML aliases ('*name') are not supported"
    with pytest.raises(SourceError, match="aliases"):
        parse_document("---\ntitle: &t Kop\nsummary: *t\n---\n", "x", "x.md")
    with pytest.raises(SourceError, match="aliases"):
        parse_document("---\ntitle: Kop\ntags: &a [x, *a]\n---\n", "x", "x.md")


def test_a_long_value_is_shown_as_an_excerpt() -> None:
    with pytest.raises(SourceError) as caught:
        parse_document("---\ntitle: [" + "ha, " * 100_000 + "]\n---\n", "x", "x.md")
    assert caught.value.problem == "front matter: 'title' is not text: " + repr(["ha"] * 100_000)[:60] + "…"
    with pytest.raises(SourceError) as caught:
        parse_document("---\ntitle: Kop\ndate: '" + "3 maart " * 100_000 + "'\n---\n", "x", "x.md")
    assert len(caught.value.message) < 120


@pytest.mark.parametrize("text", ['"Kop\\x08"', '"Kop\\x1b[31m"', '"Kop\\x85"', '"Kop\\u007f"'])
def test_control_characters_in_the_authors_front_matter_are_refused(text: str) -> None:
    with pytest.raises(SourceError) as caught:
        read(f"summary: {text}")
    assert caught.value.where == "x.md:3"
    assert caught.value.problem.startswith("front matter: 'summary' holds a control character (U+00")
    with pytest.raises(SourceError, match="control character"):
        read(f"tags: [een, {text}]")
    assert read('summary: "Tab\\tand\\nline"').front_matter["summary"] == "Tab\tand\nline"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "looks like a binary file (an image, a PDF or a Word document?), not Markdown text"),
        (b"PK\x03\x04\x14\0\x06\0word/document.xml", "looks like a binary file (an image, a PDF or a Word document?), not Markdown text"),
        ("---\ntitle: Kop\n---\n".encode("utf-16"), "UTF-16 text, not UTF-8"),
        (b"---\ntitle: Caf\xe9\n---\n", "not UTF-8 text (byte 0xe9)"),
    ],
)
def test_a_file_that_is_no_utf8_text_says_what_it_is(data: bytes, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        decode(data, "x.md")
    assert caught.value.problem == problem


# Front matter as Hugo and Jekyll write it (issue 15)

TOML = '+++\ntitle = "Kop"  # de titel\ndate = 2019-03-14T10:00:00+01:00\ntags = ["a", "b"]\n\n[params]\nkleur = "blauw"\n+++\nTekst.\n'
JSON = '{\n  "title": "Kop",\n  "date": "2019-03-14",\n    "tags": ["a","b"],\n  "weight": 2\n}\n\nTekst.\n'
YAML = "---\ntitle: 'Kop'   # de titel\ndate: 2019-03-14\ntags:\n  - a\n  - b\nsummary: >\n  Een\n  samenvatting.\nweight: 2\n---\nTekst.\n"


@pytest.mark.parametrize(("text", "format", "lines"), [
    (TOML, "toml", {"title": 2, "date": 3, "tags": 4}),
    (JSON, "json", {"title": 2, "date": 3, "tags": 4, "weight": 5}),
    (YAML, "yaml", {"title": 2, "date": 3, "tags": 4, "summary": 7, "weight": 10}),
])
def test_toml_json_and_yaml_front_matter_are_read_with_the_line_of_each_key(text: str, format: str, lines: dict[str, int]) -> None:
    document = read_source(text.encode(), "blog/x", "x.md")
    assert (document.format, document.front_matter["title"], document.front_matter["tags"]) == (format, "Kop", ["a", "b"])
    assert document.front_matter["date"] in (datetime.date(2019, 3, 14), datetime.datetime.fromisoformat("2019-03-14T10:00:00+01:00"))
    assert document.field_lines == lines
    assert document.body.strip() == "Tekst."
    assert document.written({}) == text  # nothing changed: every byte as it was


@pytest.mark.parametrize("text", [TOML, JSON, YAML, YAML.replace("\n", "\r\n"), TOML.replace("\n", "\r\n")])
def test_only_the_translated_values_change_every_other_byte_stays(text: str) -> None:
    document = parse_document(text, "blog/x", "x.md")
    written = document.written({("title", None): "Head: of it", ("tags", 1): "B"}, "Text.\n")
    again = parse_document(written, "blog/x", "x.md")
    assert (again.front_matter["title"], again.front_matter["tags"], again.body) == ("Head: of it", ["a", "B"], "Text.\n")
    assert {k: v for k, v in again.front_matter.items() if k not in ("title", "tags")} == {
        k: v for k, v in document.front_matter.items() if k not in ("title", "tags")
    }
    changed = [line for line in written.splitlines(keepends=True) if line not in text.splitlines(keepends=True)]
    assert len(changed) == 3 and changed[-1].startswith("Text.")  # the title line, the tags line, the body
    assert ("\r\n" in written) == ("\r\n" in text) and "\r\n" not in written.replace("\r\n", "")


def test_a_key_the_front_matter_lacks_is_added_at_its_end_in_every_format() -> None:
    for text in (TOML, JSON, YAML, '{}\nTekst.\n'.replace("{}", '{"title": "Kop"}')):
        document = parse_document(text, "blog/x", "x.md")
        again = parse_document(document.written({("slug", None): "the-head"}), "blog/x", "x.md")
        assert again.front_matter == {**document.front_matter, "slug": "the-head"}


@pytest.mark.parametrize("value", ["a: b", "- x", "#nee", "yes", "12", "", "'q'", 'en "quotes"', "line\nbreak", "a\x85b\u2028c", "  ruimte "])
def test_a_translated_value_reads_back_as_exactly_itself(value: str) -> None:
    for text in (TOML, JSON, YAML):
        document = parse_document(text, "blog/x", "x.md")
        assert parse_document(document.written({("tags", 0): value}), "x", "x.md").front_matter["tags"][0] == value


@pytest.mark.parametrize("date", [
    "'2016-06-03'", "2013-05-06 02:12:52 +0200", "'2013-05-06 02:12:52 +0200'", "2019-03-14T10:00:00+01:00",
    "2019-03-14T10:00:00Z", "2019-03-14 10:00", '"2019-03-14T10:00:00.123+01:00"',
])
def test_dates_in_every_form_hugo_and_jekyll_accept(date: str) -> None:
    assert isinstance(read(f"date: {date}").front_matter["date"], datetime.date)


def test_dates_in_toml_and_json_front_matter() -> None:
    toml = parse_document('+++\ntitle = "Kop"\ndate = 2013-05-06\n+++\n', "x", "x.md")
    assert toml.front_matter["date"] == datetime.date(2013, 5, 6)
    quoted = parse_document('+++\ntitle = "Kop"\ndate = "2013-05-06 02:12:52 +0200"\n+++\n', "x", "x.md")
    assert quoted.front_matter["date"].utcoffset() == datetime.timedelta(hours=2)
    with pytest.raises(SourceError) as caught:
        parse_document('{"title": "Kop",\n "date": "3 maart"}\n', "x", "x.md")
    assert (caught.value.where, caught.value.problem) == ("x.md:2", "front matter: 'date' is not a date: '3 maart'")


def test_a_toml_date_in_words_is_told_how_to_write_a_date_not_to_quote_it() -> None:
    """A new user's ``date = 1 mei 2024`` in TOML was told to quote text values, and once quoted, given a YAML example."""
    for text in ("date = 1 mei 2024", 'date = "1 mei 2024"'):
        with pytest.raises(SourceError) as caught:
            parse_document(f'+++\ntitle = "Kop"\n{text}\n+++\n', "x", "x.md")
        assert caught.value.where == "x.md:3" and "'date = 2019-03-14' in TOML" in caught.value.hint, caught.value
        assert "quote" not in caught.value.hint


@pytest.mark.parametrize(("date", "problem", "hint"), [
    ("3 maart", "front matter: 'date' is not a date: '3 maart'", "write it as YYYY-MM-DD, e.g. 'date: 2019-03-14' in YAML, 'date = 2019-03-14' in TOML"),
    # YAML cannot build it: it stopped the reading there
    ("2019-02-30", "front matter: 'date': '2019-02-30' is no day of the calendar (February 2019 has 28 days)",
     "write the date of a day that exists"),
    ("'2019-02-29'", "front matter: 'date': '2019-02-29' is no day of the calendar (February 2019 has 28 days)",
     "write the date of a day that exists"),  # quoted: text, read as a date where it is one
])
def test_every_wrong_field_of_a_front_matter_is_said_at_once_each_at_its_line(date: str, problem: str, hint: str) -> None:
    """An author who wrote a date, a summary and draft wrongly hears of all three in one run, not one per run."""
    with pytest.raises(SourceError) as caught:
        parse_document(f"---\ntitle: Vier\ndate: {date}\nsummary: [1, 2]\ndraft: ja\n---\nTekst.\n", "blog/x", "source_nl/blog/x.md")
    assert caught.value.where == "source_nl/blog/x.md:3"
    assert caught.value.problem == problem
    assert caught.value.hint == (
        f"{hint}"
        "; and line 4: 'summary' is not text: [1, 2] — write one line of text, e.g. 'summary: Over vertrouwen.'"
        "; and line 5: 'draft' must be true or false, found 'ja' — write 'draft: true' or 'draft: false'"
    )
    with pytest.raises(SourceError) as alone:  # one wrong field: its own error, as before
        parse_document("---\ntitle: Vier\ndraft: ja\n---\nTekst.\n", "blog/x", "source_nl/blog/x.md")
    assert (alone.value.where, alone.value.hint) == ("source_nl/blog/x.md:3", "write 'draft: true' or 'draft: false'")


@pytest.mark.parametrize(("front", "found"), [("2019-02-30", "'2019-02-30'"), ("2019-03-14", "'2019-03-14'"), ("- a", "a list")])
def test_a_front_matter_that_is_no_key_value_lines_is_said_as_that_not_as_a_missing_title(front: str, found: str) -> None:
    """'---\\n2019-02-30\\n---' said that the front matter is not a valid date and that 'title' is missing: its
    one problem is that it has no 'key: value' lines."""
    with pytest.raises(SourceError) as caught:
        parse_document(f"---\n{front}\n---\nTekst.\n", "blog/x", "source_nl/blog/x.md")
    assert (caught.value.where, caught.value.problem) == ("source_nl/blog/x.md:2", f"front matter: expected 'key: value' lines, found {found}")
    assert caught.value.hint == "write each field on a line of its own as 'key: value', e.g. 'title: Wat is vertrouwen?'"


def test_a_section_page_needs_no_title_and_is_called_after_its_folder() -> None:
    section = parse_document("+++\nweight = 1\n+++\nAlles.\n", "blog/_index", "content/blog/_index.md")
    assert (section.name, section.slug, section.is_section) == ("blog", "blog", True)
    with pytest.raises(SourceError, match="'title' is missing"):
        parse_document("+++\nweight = 1\n+++\nAlles.\n", "blog/x", "content/blog/x.md")


def test_without_the_title_rule_a_page_needs_no_title_but_one_it_has_is_text_and_its_english_is_read_so_too() -> None:
    """A Hugo or Jekyll site's page (``SiteConfig.titles_required``): no title is no error, a title that is no text
    still is; the English of the document is read under the rule the Dutch was (``Document.read_as_this``)."""
    page = parse_document("---\ndate: 2020-01-01\n---\nTekst.\n", "blog/x", "content/blog/x.md", title_required=False)
    assert (page.name, page.title_required) == ("x", False)
    assert page.read_as_this("---\nslug: x-en\n---\nText.\n").body == "Text.\n"
    assert page.rewritten({("slug", None): "x-en"}, "Text.\n")[1] is not None
    with pytest.raises(SourceError, match="'title' is not text"):
        parse_document("---\ntitle: [a, b]\n---\nTekst.\n", "blog/x", "content/blog/x.md", title_required=False)
    titled = parse_document("---\ntitle: X\n---\nTekst.\n", "blog/x", "source_nl/blog/x.md")
    with pytest.raises(SourceError, match="'title' is missing"):
        titled.read_as_this("---\nslug: x-en\n---\nText.\n")
    assert titled.rewritten({("title", None): " "}, "Text.\n")[1] is None


@pytest.mark.parametrize(("document_id", "front", "slug"), [
    ("blog/My-Post", "", "my-post"),
    ("blog/x", "slug: eigen-slug\n", "eigen-slug"),
    ("blog/x", "url: /nl/blog/mijn-adres/\n", "mijn-adres"),
    ("2019-03-14-Over-Vertrouwen", "", "over-vertrouwen"),
])
def test_the_slug_respects_the_authors_slug_and_url_and_is_a_valid_slug(document_id: str, front: str, slug: str) -> None:
    assert parse_document(f"---\ntitle: Kop\n{front}---\n", document_id, "x.md").slug == slug


@pytest.mark.parametrize(("text", "where", "problem"), [
    ('+++\ntitle = "Kop"\ndate = \n+++\n', "x.md:3", "front matter: not valid TOML: "),
    ('+++\ntitle = "Kop"\n', "x.md:1", "front matter is never closed"),
    ('+++\ntitle = [12]\n+++\n', "x.md:2", "front matter: 'title' is not text: [12]"),
    ('{\n  "title": "Kop",\n  "x": [1,\n}\n', "x.md:4", "front matter: not valid JSON: "),
    ('{"title": "Kop"} Tekst\n', "x.md:1", "front matter: text after the JSON object: 'Tekst'"),
    ('{"title": "Kop", "n": ' + "1" * 200 + "}\n", "x.md:1", "front matter: not valid JSON: a number of more than 100 characters"),
    ('{"title": "Kop", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "x.md:1", "front matter: not valid JSON: nested more than 10 levels deep"),
    ('{"title": "Kop",\n "x": ' + "[" * 12 + "]" * 12 + "}\n", "x.md:2", "front matter: 'x': nested more than 10 levels deep"),
    ('+++\ntitle = "Kop"\nx = ' + "[" * 12 + "]" * 12 + "\n+++\n", "x.md:3", "front matter: 'x': nested more than 10 levels deep"),
])
def test_bad_toml_and_json_front_matter_is_reported_with_its_line(text: str, where: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_document(text, "x", "x.md")
    assert caught.value.where == where and caught.value.problem.startswith(problem)


@pytest.mark.parametrize("text", ['+++\ntitle = "Kop"\nsummary = "a\\u001bb"\n+++\n', '{"title": "Kop",\n "summary": "a\\u001bb"}\n'])
def test_control_characters_are_refused_in_toml_and_json_too(text: str) -> None:
    with pytest.raises(SourceError, match="control character") as caught:
        read_source(text.encode(), "x", "x.md")
    assert caught.value.where == ("x.md:3" if text.startswith("+") else "x.md:2")


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_translated_text_reads_back_as_itself_in_every_format(value: str) -> None:
    for text in (TOML, JSON, YAML):
        document = parse_document(text, "blog/x", "x.md")
        written = document.written({("summary", None): value, ("tags", 1): value})
        again = parse_document(written, "blog/x", "x.md")
        assert (again.front_matter["summary"], again.front_matter["tags"][1]) == (value, value)
        assert again.front_matter["title"] == "Kop" and again.body == document.body


@pytest.mark.parametrize(("front", "written"), [
    ("summary:\nweight: 1\n", "summary: S\nweight: 1\n"),
    ("summary: ~\n", "summary: S\n"),
    ("summary: |\n  een\n  twee\n\nweight: 1\n", "summary: S\n\nweight: 1\n"),
    ("summary: >-\n  een\n  twee\nweight: 1\n", "summary: S\nweight: 1\n"),
    ("summary: 'een\n  twee'\nweight: 1\n", "summary: S\nweight: 1\n"),
    ("summary: \"x\" # uitleg\n", "summary: S # uitleg\n"),
])
def test_a_yaml_value_of_any_shape_is_replaced_in_place(front: str, written: str) -> None:
    document = parse_document(f"---\ntitle: Kop\n{front}---\nTekst.\n", "x", "x.md")
    assert document.written({("summary", None): "S"}) == f"---\ntitle: Kop\n{written}---\nTekst.\n"


def _scalar_by_loading(value: str) -> str:
    """``document._yaml_scalar`` as it was: every plain candidate read back by the YAML loader."""
    if document_module._YAML_PLAIN.fullmatch(value) and not document_module._YAML_UNPRINTABLE.search(value):
        try:
            if yaml.load(f"k: {value}", Loader=document_module._SafeLoader) == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    quoted = json.dumps(value, ensure_ascii=False)
    return document_module._YAML_UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)


LOOKALIKES = st.sampled_from([
    "yes", "No", "ON", "off", "y", "true", "False", "~", "null", "Null", "12", "-3", "+4", "0x1F", "0o17", "1_000", "1.5",
    ".5", "1e3", "1.0e+3", ".inf", "-.Inf", ".NaN", "2019-03-14", "2019-03-14 10:00", "2019-3-4T1:02:03Z", "12:30:01",
    "<<", "=", "a", "Kop", " ", ".", "-", "é", "\u00a0", "\x01", "\x7f", "\x85", "\u2028", "\ufeff", "'", '"', "%", "@",
    "`", "!", "&", "*", "|", ">", "?", ",", "[", "]", "{", "}", "#", ":", "\t", "\\", "/", "\U0001f600", "...", "---",
])


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.lists(LOOKALIKES, max_size=4).map("".join), st.text(max_size=12)))
def test_a_value_is_written_as_the_loader_would_have_it(value: str) -> None:
    """The resolver's answer stands for reading the value back (``_yaml_scalar``): the same scalar as before."""
    assert document_module._yaml_scalar(value) == _scalar_by_loading(value)


FRONT_LINES = [
    "title: Kop", "title: 'Kop'  # de titel", 'title: "Kop"', "title:", "title: ~", "title: |\n  een\n  twee", "title: >-\n  een",
    "summary: S", "summary: 'een\n  twee'", "summary: x # uitleg", "summary: &a S", "summary: !!str 12", "summary: 12",
    "summary: [a, b]", "summary: |+\n  een\n", "tags: [a, b]", "tags:\n  - a\n  - b", "tags:\n- a\n- b", "tags: [a,\n  b]",
    "tags: [a,\nb]", "tags: []", "tags: [a, [b]]", "tags: {a: b}", "tags: [a, &t b]", "date: 2019-03-14", "date: '2019-03-14'",
    "draft: false", "1: een", "'title': Kop", "<<: {title: M, summary: N}", "? title\n: Kop", "# commentaar", "", "weight: 2",
    "nested:\n  title: x", "{title: K, tags: [a]}", "{\ntitle: K\n}", "  title: Kop\n  summary: S", "slug: eigen", "title: Kop\ntitle: Nog",
    "tags: [a,\nb\n]", "other: [a, b]", "other:\n  a: b",
]
"""Lines of YAML front matter: every shape a value takes (block, flow, quoted, empty, anchored, tagged, over lines), keys
that are no text, twice, merged or complex, and roots that are no block mapping."""
CHANGED = st.sampled_from([("title", None), ("summary", None), ("tags", 0), ("tags", 1), ("tags", None), ("slug", None), ("1", None), ("weight", None), ("new", None),
                           ("other", None), ("other", 0)])


@settings(max_examples=2500, deadline=None)
@example(["title: Kop", "tags: [a,\nb\n]"], False, {("tags", 1): "..."}, "Tekst.\n", "blog/x")  # a value alone on its line: '...' ends the front matter
@given(
    st.lists(st.sampled_from(FRONT_LINES), min_size=1, max_size=5), st.booleans(),
    st.dictionaries(CHANGED, st.one_of(st.lists(LOOKALIKES, max_size=3).map("".join), st.text(max_size=8)), max_size=4),
    st.sampled_from(["Tekst.\n", "", "Een\rtwee\n", "Nul \0 hier\n"]), st.sampled_from(["blog/x", "blog/_index"]),
)
def test_the_rewritten_document_is_the_one_its_text_reads_as(lines: list[str], crlf: bool, changes: dict, body: str, name: str) -> None:
    """``Document.rewritten`` makes the English document without reading its text where it can: the very document
    ``parse_document`` reads from it (or None where it refuses it), whatever the front matter's shape."""
    text = "---\n" + "\n".join(lines) + "\n---\nDe tekst.\n"
    try:
        dutch = parse_document(text.replace("\n", "\r\n") if crlf else text, name, "x.md")
    except SourceError:
        return
    written, document = dutch.rewritten(changes, body)
    assert written == dutch.written(changes, body)
    try:
        expected: Document | None = parse_document(written, name, "x.md")
    except SourceError:
        expected = None
    assert document == expected


def test_a_value_yaml_cannot_make_is_that_one_problem_of_its_field() -> None:
    """A field whose value YAML cannot build is read as empty, so that the others are judged too: a title that
    cannot be built is not also a missing title."""
    with pytest.raises(SourceError) as missing:
        parse_document("---\ntitle: !!int Vier\ndate: 2019-02-30\n---\nTekst.\n", "blog/x", "source_nl/blog/x.md")
    assert (missing.value.where, missing.value.problem) == ("source_nl/blog/x.md:2", "front matter: 'title' is not a valid whole number: 'Vier'")
    assert missing.value.hint == (
        "quote it if it is meant as text; and line 3: 'date': '2019-02-30' is no day of the calendar (February 2019 has 28 days)"
        " — write the date of a day that exists"
    )


@pytest.mark.parametrize(("text", "line"), [
    ('+++\ntitle = "Over mij\n+++\nTekst.\n', 2),
    ("+++\ntitle = 'Over mij\n+++\nTekst.\n", 2),
    ('+++\ntitle = "Over \\" mij" # een "opmerking\nsummary = "Iets\n+++\nTekst.\n', 3),
    ('+++\ntitle = "Kop"\nsummary = """Twee\nregels\n+++\nTekst.\n', 3),
])
def test_a_toml_quote_never_closed_is_said_as_yaml_says_it(text: str, line: int) -> None:
    """The trial: TOML's unclosed quote gave the parser's "Control characters (codes less than 0x1f …) are not allowed in
    strings, use \\u000a instead"; it is said in the words YAML's gets, on the line where the quote opens."""
    with pytest.raises(SourceError) as caught:
        parse_document(text, "blog/x", "x.md")
    said = (caught.value.where, caught.value.problem, caught.value.hint)
    assert said == (f"x.md:{line}", "front matter: a quoted value opens here and is never closed", "add its closing quote")


@pytest.mark.parametrize(("value", "quoted"), [
    ("Tuinieren: in de winter", '"Tuinieren: in de winter"'),
    ('Tuinieren: in de "winter"', "'Tuinieren: in de \"winter\"'"),
])
def test_a_yaml_value_with_a_colon_names_its_field_and_how_to_quote_it(value: str, quoted: str) -> None:
    """The trial: ``title: Tuinieren: in de winter`` passed YAML's "mapping values are not allowed in this context" through."""
    with pytest.raises(SourceError) as caught:
        parse_document(f"---\ndate: 2020-01-01\ntitle: {value}\n---\nTekst.\n", "blog/x", "x.md")
    said = (caught.value.where, caught.value.problem, caught.value.hint)
    assert said == ("x.md:3", "front matter: the value of 'title' holds ': ', which YAML reads as a new key", f"quote the value: title: {quoted}")
    assert parse_document(f"---\ntitle: {quoted}\n---\nTekst.\n", "blog/x", "x.md").front_matter["title"] == value  # the hint works


@pytest.mark.parametrize(("front", "title"), [
    ("---\ntitle: 10\n---\n", "10"), ("---\ntitle: 1.50\n---\n", "1.50"), ("---\ntitle: 1_000\n---\n", "1_000"),
    ('+++\ntitle = 12\n+++\n', "12"), ('{"title": 2024}\n', "2024"),
])
def test_a_number_for_a_title_is_the_text_it_is_written_as(front: str, title: str) -> None:
    """Hugo and Jekyll show ``title: 10`` as the text 10; it was refused as "not text" with a hint to add a title line
    that was there. Read as written (YAML's ``1.50`` would be 1.5), on every layout."""
    for required in (True, False):
        assert parse_document(f"{front}Tekst.\n", "blog/x", "x.md", title_required=required).front_matter["title"] == title


@pytest.mark.parametrize(("front", "hint"), [
    ("title: true", "quote it: 'title: \"true\"'"), ("title: yes", "quote it: 'title: \"yes\"'"),
    ("title: 2024-01-02", "quote it: 'title: \"2024-01-02\"'"), ("title: [a, b]", "write one line of text, e.g. 'title: Wat is vertrouwen?'"),
    ("title: ''", "write the title after 'title:', e.g. 'title: Wat is vertrouwen?'"),
    ("draft: false", "add a line such as 'title: Wat is vertrouwen?'"),
])
def test_a_title_that_is_no_text_is_told_what_to_write_not_to_add_the_line_it_has(front: str, hint: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_document(f"---\n{front}\n---\nTekst.\n", "blog/x", "x.md")
    assert (caught.value.where, caught.value.hint) == ("x.md:2", hint)


@pytest.mark.parametrize(("date", "day"), [
    ("10/12/2024", datetime.date(2024, 12, 10)), ("1-2-2003", datetime.date(2003, 2, 1)), ("'10.12.2024'", datetime.date(2024, 12, 10)),
])
def test_a_date_written_day_first_is_the_day_jekyll_reads_and_refused_where_hugo_reads_none(date: str, day: datetime.date) -> None:
    """Jekyll reads a front-matter date with ``Time.parse`` (``Utils.parse_date``), whose ``Date._parse`` takes the
    part of four digits for the year and the first for the day (``s3e`` in Ruby's date_parse.c): ``10/12/2024`` is
    10 December. Hugo reads no such date (the page gets year 1, with no word): refused there and on the pipeline's own
    layout, with the date to write, year first."""
    text = f"---\ntitle: Kop\ndate: {date}\n---\nTekst.\n"
    assert parse_document(text, "2024-01-01-x", "_posts/2024-01-01-x.md", title_required=False, day_first=True).front_matter["date"] == day
    for required in (True, False):
        with pytest.raises(SourceError) as caught:
            parse_document(text, "blog/x", "content/blog/x.md", title_required=required)
        assert caught.value.where == "content/blog/x.md:3"
        assert caught.value.problem == f"front matter: 'date' is not a date: '{date.strip(chr(39))}' (day first: only Jekyll reads a date so; Hugo gives the page none)"
        assert caught.value.hint == f"write it year first, as YYYY-MM-DD: 'date: {day.isoformat()}'"


def test_a_date_written_month_first_is_no_day_to_jekyll_and_refused() -> None:
    """``12/31/2024`` is day 12 of month 31 to Jekyll, which stops with "Invalid date"."""
    with pytest.raises(SourceError) as caught:
        parse_document("---\ndate: 12/31/2024\n---\nTekst.\n", "x", "_posts/x.md", title_required=False, day_first=True)
    assert caught.value.problem == "front matter: 'date': '12/31/2024' is no day of the calendar as Jekyll reads it (day/month/year)"


def test_a_value_yaml_reads_as_no_text_is_shown_as_written_with_her_line_quoted(tmp_path) -> None:
    """``title: true``, ``tags: [ja, true]``, ``summary: 12``, a translated ``description: 2024-01-02``: YAML reads a
    boolean, a number, a date. The message showed Python's spelling (``True``, which she never wrote) and told her to
    write ``title: "True"``; now it shows what she wrote and her line quoted, in her front matter's format."""
    from test_tasks import run

    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("translate_fields: [title, summary, description]\n", encoding="utf-8")
    (root / "source_nl/blog/a.md").write_text("---\ntitle: true\ntags: [ja, yes, 3]\nsummary: 12\n---\n\nTekst.\n", encoding="utf-8")
    (root / "source_nl/blog/b.md").write_text("+++\ntitle = false\n+++\n\nTekst.\n", encoding="utf-8")
    (root / "source_nl/blog/c.md").write_text("---\ntitle: Goed\ndescription: 2024-01-02\n---\n\nTekst.\n", encoding="utf-8")
    (root / "source_nl/blog/d.md").write_text("---\ntitle: Goed\ndate: true\n---\n\nTekst.\n", encoding="utf-8")
    result = run("publish_pipeline", "extract", "--root", str(root))
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "True" not in said and "False" not in said and "datetime" not in said, said
    assert (
        "source_nl/blog/a.md:2: front matter: 'title' is not text: true — quote it: 'title: \"true\"'"
        "; and line 3: 'tags' must be a list of texts, found yes — quote each: 'tags: [\"ja\", \"yes\", \"3\"]'"
        "; and line 4: 'summary' is not text: 12 — quote it: 'summary: \"12\"'"
    ) in said, said
    assert "source_nl/blog/b.md:2: front matter: 'title' is not text: false — quote it: 'title = \"false\"'" in said, said
    assert (
        "source_nl/blog/c.md:3: front matter: 'description' is translated, so it must be text or a list of texts,"
        " found 2024-01-02 — quote it: 'description: \"2024-01-02\"'"
    ) in said, said
    assert "source_nl/blog/d.md:3: front matter: 'date' is not a date: true" in said, said
