from __future__ import annotations

import pytest

from conftest import read_cases
from publish_pipeline.document import parse_document
from publish_pipeline.errors import SourceError
from publish_pipeline.segmentation import SLUG, FieldSlot, segment

FIELDS = ("title", "summary", "tags")
CASES = read_cases("segments.txt")


def describe(text: str) -> list[str]:
    document = parse_document(text, "blog/x", "source_nl/blog/x.md")
    return [
        f"{s.line} {s.role}: {s.text}".replace("\\", "\\\\").replace("\n", "\\n")
        for s in segment(document, FIELDS)
        if s.context != SLUG  # every document has one; tested on its own below
    ]


@pytest.mark.parametrize(("title", "source", "expected"), CASES, ids=[case[0] for case in CASES])
def test_segments(title: str, source: str, expected: str) -> None:
    assert describe(source) == expected.splitlines()


def test_front_matter_fields_have_their_name_as_context() -> None:
    document = parse_document("---\ntitle: Kop\nsummary: Kop\n---\n# Kop\n", "blog/x", "x.md")
    assert [(s.context, s.text) for s in segment(document, FIELDS)] == [
        ("slug", "x"), ("title", "Kop"), ("summary", "Kop"), (None, "Kop")
    ]


def test_the_url_slug_is_an_entry_unless_the_author_fixes_it() -> None:
    document = parse_document("---\ntitle: Kop\n---\n", "blog/wat-is-vertrouwen", "x.md")
    [slug, _] = segment(document, FIELDS)
    assert (slug.context, slug.text, slug.slot) == ("slug", "wat-is-vertrouwen", FieldSlot("slug"))
    fixed = parse_document("---\ntitle: Kop\ntranslation_slug: what-is-trust\n---\n", "blog/wat-is-vertrouwen", "x.md")
    assert [s.context for s in segment(fixed, FIELDS)] == ["title"]


def test_a_translated_field_that_is_not_text_is_an_error_on_its_line() -> None:
    document = parse_document("---\ntitle: Kop\nsubtitle:\n  a: b\n---\n", "x", "source_nl/x.md")  # a summary is refused when read
    with pytest.raises(SourceError) as caught:
        segment(document, (*FIELDS, "subtitle"))
    assert caught.value.where == "source_nl/x.md:3"
    assert "'subtitle' is translated, so it must be text" in caught.value.problem


def test_untranslated_fields_are_not_segments() -> None:
    document = parse_document("---\ntitle: Kop\nslug: kop\nauthor: Annemarie\ntranslation_slug: head\n---\n", "x", "x.md")
    assert [s.text for s in segment(document, FIELDS)] == ["Kop"]
