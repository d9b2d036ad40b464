from __future__ import annotations

import datetime

import pytest

from publish_pipeline.document import decode, parse_document
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
        ("---\ntitle: 12\n---\n", "x.md:2", "front matter: 'title' is not text: 12"),
        ("---\ntitle: Kop\ndraft: ja\n---\n", "x.md:3", "front matter: 'draft' must be true or false, found 'ja'"),
    ],
)
def test_bad_front_matter(text: str, where: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_document(text, "x", "x.md")
    assert (caught.value.where, caught.value.problem) == (where, problem)
