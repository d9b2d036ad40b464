"""Every CommonMark spec example, and markdown-it's GFM table and strikethrough fixtures, through segmentation and
reassembly: the page comes back byte for byte (with the English equal to the Dutch, and with each text written back
as a translation), and our renderer's HTML is markdown-it's. The fixtures and their sources: fixtures/spec/README."""

from __future__ import annotations

import json
import re

import pytest
from markdown_it import MarkdownIt

from conftest import TESTS
from test_catalog import CONFIG, NOW
from test_reassembly import assert_identity, load
from publish_pipeline.catalogs.catalog import Catalog, Key, _PoReader, merge
from publish_pipeline.errors import SourceError
from publish_pipeline.text import markdown
from publish_pipeline.text.document import Document
from publish_pipeline.text.segmentation import Segment

SPEC = json.loads((TESTS / "fixtures" / "spec" / "commonmark-0.31.2.json").read_text(encoding="utf-8"))
CASE = re.compile(r"^\.\n(.*?)^\.\n.*?^\.\n", re.M | re.S)
"""A case of markdown-it's fixtures: '.', its Markdown, '.', its HTML, '.' (each on a line of its own)."""


def fixture_cases(name: str) -> list[tuple[str, str]]:
    """(name and line, Markdown) of each case in one of markdown-it's fixture files."""
    text = (TESTS / "fixtures" / "spec" / name).read_text(encoding="utf-8")
    return [(f"{name}:{text.count(chr(10), 0, case.start()) + 1}", case[1]) for case in CASE.finditer(text)]


GFM = [case for name in ("tables.md", "strikethrough.md") for case in fixture_cases(name)]

UNCLOSED_TAGS = {
    156: "'<div id=\"foo\"' is never closed with '>'",
    157: "'<div class' is never closed with '>'",
    158: "'<div *???-&&&-<---' is never closed with '>'",
}
"""Spec examples whose HTML block opens with a tag that is never closed with '>': CommonMark makes the block an HTML
block all the same, a browser reads the text after it as the tag's attributes, and a translation could never keep it
(its first '<' would be escaped as text), so extract refuses the document at the tag's line."""



def document_of(body: str) -> str:
    return "---\ntitle: T\n---\n" + body


def reference() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"inline_definitions": True}).enable(["table", "strikethrough"])
    md.add_render_rule("definition", lambda *args: "")
    return md


REFERENCE = reference()


def examples(leaving_out: dict[int, str] | None = None) -> list:
    """Each example's Markdown, named by its number and section (a fixture's by its file and line)."""
    return [
        pytest.param(e["markdown"], id=f"{e['example']} {e['section']}") for e in SPEC if e["example"] not in (leaving_out or {})
    ] + [pytest.param(text, id=name) for name, text in GFM]


def read_back(document: Document, segments: list[Segment]) -> set[Key]:
    """The entries of the PO file extract writes of ``segments``, as ``read_catalog`` reads that file."""
    text = merge(None, segments, document.path, CONFIG, NOW).text()
    return {(entry.context, entry.source) for entry in Catalog(_PoReader("x.po").read_all(text), text).translations}


@pytest.mark.parametrize("body", examples(leaving_out=UNCLOSED_TAGS))
def test_example_renders_as_markdown_it_does_and_comes_back_byte_identical(body: str) -> None:
    # one test for all three: pytest's own work for a test is twice the test's
    assert markdown.render(body) == REFERENCE.render(body)
    document, segments = load(document_of(body))
    assert read_back(document, segments) == {(s.context, s.text) for s in segments}
    assert_identity(document_of(body))


@pytest.mark.parametrize("number", UNCLOSED_TAGS, ids=[f"{number} {reason}" for number, reason in UNCLOSED_TAGS.items()])
def test_a_tag_never_closed_renders_as_markdown_it_does_and_is_refused_where_it_opens(number: int) -> None:
    # before, extract offered the block as one text and only a translation of it was refused, with a hint
    # ("write it as \\<") that no translation could follow: the Dutch itself opens with the '<'
    body = SPEC[number - 1]["markdown"]
    assert markdown.render(body) == REFERENCE.render(body)
    with pytest.raises(SourceError, match=r"the tag <div … is not closed with '>'") as refused:
        load(document_of(body))
    assert str(refused.value).startswith("source_nl/blog/x.md:4: ")
    assert refused.value.hint == "close it, or write \\< if the < is meant as text"
    escaped = document_of("\\" + body)  # the hint followed: a paragraph, translated as any other
    assert_identity(escaped)


@pytest.mark.parametrize("code", [
    "echo Klaar.\n", "# Sort the list.\nsort list.txt\n", "make\n\n# Build it all.\nmake all\n\necho Het is klaar.\n",
    "params:\n  x: 1\n\nmenu:\n  - main\n  - docs\n", "--- a\n+++ b\n\n- old = 1\n+ new = 2\n", "- koffie\n- thee\n",
])
def test_a_fence_of_code_to_the_end_of_a_post_is_code_whatever_its_lines_end_with(code: str) -> None:
    """The review: a post that ends in a shell block without its closing line (``echo Klaar.``) was refused, its
    command read as a sentence; a command or a comment starts no paragraph of prose."""
    body = "Zo bouw je het:\n\n```sh\n" + code
    assert markdown.render(body) == REFERENCE.render(body)
    assert (None, "Zo bouw je het:") in read_back(*load(document_of(body)))  # not refused


@pytest.mark.parametrize(("language", "code"), [
    ("text", "$ ./hello\n\nHello World.\n"), ("console", "$ make\n\nAll done.\n"), ("yaml", "steps:\n\n- checkout\n- build\n"),
    ("output", "Build log:\n\n- one\n- two\n"),
])
def test_a_fence_of_data_or_output_to_the_end_of_a_post_is_code_whatever_its_lines_of_words(language: str, code: str) -> None:
    """The review: since session 33 a short sentence or two list items of words alone after a blank line in a fence
    never closed read as the author's text, also in a fence that says it holds output or data (``text``, ``yaml``):
    a post ending in program output ("Hello World.") or a YAML list was refused, its pages taken off the site."""
    body = f"Zo ziet het eruit:\n\n```{language}\n" + code
    assert markdown.render(body) == REFERENCE.render(body)
    assert (None, "Zo ziet het eruit:") in read_back(*load(document_of(body)))  # not refused


@pytest.mark.parametrize("number", [127, 137, 139])
def test_a_fence_never_closed_is_refused_where_it_opens_once_it_holds_prose(number: int) -> None:
    """Examples 127, 137 and 139 run a fence with code in it to the end, as CommonMark, Hugo and Jekyll do (and pass the
    test above); the same fence before a post's text would silently turn it into code: refused at its line."""
    body = SPEC[number - 1]["markdown"] + "\n## Waarom\n\nDit is de tekst van het bericht.\n"
    assert markdown.render(body) == REFERENCE.render(body)
    with pytest.raises(SourceError, match="the code block opened here is never closed") as refused:
        load(document_of(body))
    assert str(refused.value).startswith("source_nl/blog/x.md:4: ")


def test_image_in_an_image_s_alt_text_is_part_of_that_text() -> None:
    # its span was taken from the alt text's own parse, at offsets into the alt text: spec example 574 came back
    # with '![bar](/url)' written twice
    body = '![foo ![bar](/url "binnen")](/url2 "buiten")\n'
    document, segments = load(document_of(body))
    assert [s.text for s in segments[2:]] == ['foo ![bar](/url "binnen")', "buiten"]
    assert_identity(document_of(body))
