"""Parse once: the checks take the English outlines from the parse of the English body (``checks.OutlinesSeen``,
told by ``markdown.parse_keeping_every_link``) and find exactly what they find parsing each English text alone.

A text's tokens in the body's parse are its own tokens only before ``text_join`` joins them (an escape or an
entity is a token of its own until then), when the parse accepted only links ``parse_inline`` accepts too (a
``javascript:`` link is a link to the one, text to the other), and when the body's references link the same
labels to the same URLs as the Dutch ones the checks use (a translated title aside).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import astuple
from pathlib import Path
from unittest.mock import patch

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from publish_pipeline.catalogs import checks
from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.quality import status
from publish_pipeline.quality.status import assess_site
from publish_pipeline.site import Site
from publish_pipeline.text import markdown
from test_checks_reference import FRAGMENTS, GLOSSARY, NOTES, REFERENCES

sys.path.insert(0, str(REPO / "bench"))
from corpus import translate, write_realworld  # noqa: E402

LINKS = [  # links parse_inline refuses and the English parse keeps, and others
    "[j](javascript:alert(1))", "<javascript:alert(1)>", "![d](data:text/html,x)", "![p](data:image/png;base64,AA)",
    "[ok](https://x.nl/ok)", "[BOEK]", "[boek][]", "![boek][boek]", "[nieuw][nieuw]",
]
DEFINITIONS = [  # what the English body defines: the Dutch link (a translated title), another URL, another label
    "", '[boek]: https://x.nl/boek "The title"', "[boek]: https://y.nl/boek", "[nieuw]: /nieuw",
    "[boek]: https://x.nl/boek\n[nieuw]: /nieuw", "[boek]: javascript:alert(1)",
]
texts = st.lists(st.sampled_from(FRAGMENTS + LINKS), max_size=20).map("".join)


def english_outlines(english: list[str], definitions: str) -> dict[str, object]:
    """The outlines the parse of an English body (its texts as paragraphs, after ``definitions``) gives the checks."""
    seen = checks.OutlinesSeen(set(english), REFERENCES)
    markdown.parse_keeping_every_link("\n\n".join([definitions, *english]), seen)
    return seen.outlines


@settings(max_examples=600, deadline=None)
@given(st.lists(texts, min_size=1, max_size=5), st.sampled_from(DEFINITIONS))
def test_an_outline_from_the_english_parse_is_the_outline_of_the_text_alone(english: list[str], definitions: str) -> None:
    for text, outline in english_outlines(english, definitions).items():
        assert outline == checks._outline(text, REFERENCES)


def test_the_english_parse_outlines_what_it_can_and_leaves_the_rest_to_the_checks() -> None:
    escaped, joined = "Een \\*ster\\* en &amp; *echt*", "A [link](https://x.nl/ok) and [BOEK]"
    dutch_link = "[boek]: https://x.nl/boek"
    assert english_outlines([escaped, joined], dutch_link).keys() == {escaped, joined}
    assert english_outlines([joined], dutch_link + " 'The title'").keys() == {joined}
    assert english_outlines([joined], "").keys() == set()  # the Dutch link is not in the English
    assert english_outlines([joined], "[boek]: https://y.nl/boek").keys() == set()  # the Dutch link goes elsewhere
    assert english_outlines(["A [j](javascript:alert(1)) *x*"], dutch_link).keys() == set()  # a link only one parse keeps
    assert english_outlines(["Plain text only"], dutch_link).keys() == set()  # outlined without a parse anyway


def findings(pairs: list[tuple[str, str, str]], outlines: dict[str, object]) -> tuple[list[tuple], int]:
    entries = [
        checks.Entry.with_outlines(Translation(None, source, text, True, 10 + index, note), REFERENCES, GLOSSARY, english=outlines.get(text))
        for index, (source, text, note) in enumerate(pairs)
    ]
    found = checks.check_entries_counting_silenced(entries)
    return [astuple(problem) for problem in found.problems], found.silenced


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(texts, texts, st.sampled_from(NOTES)), min_size=1, max_size=4), st.sampled_from(DEFINITIONS))
def test_entries_outlined_by_the_english_parse_get_the_same_problems(pairs: list[tuple[str, str, str]], definitions: str) -> None:
    outlines = english_outlines([text for _, text, _ in pairs], definitions)
    assert findings(pairs, outlines) == findings(pairs, {})


def _translated_site(tmp_path: Path) -> Site:
    """Real-world documents (shortcodes, HTML, reference links with titles, tables), every entry approved; some
    English drops a link or emphasis, escapes a character or adds a link the site refuses."""
    root = write_realworld(tmp_path / "site", 8)
    site = Site.open(root)
    extract(site)
    for number, path in enumerate(sorted((root / "translations").rglob("*.po"))):
        catalog = polib.pofile(str(path), wrapwidth=0)
        for index, entry in enumerate(catalog):
            entry.msgstr = f"{entry.msgid}-en" if entry.msgctxt == "slug" else translate(entry.msgid)
            if index % 7 == 3 and entry.msgctxt is None:
                entry.msgstr += " \\* &amp; ok" if number % 2 else " [x](javascript:y)" * (number % 4 == 2)
            if index % 3 == 0 and entry.msgctxt is None and number % 2:
                entry.msgstr = entry.msgstr.replace("*", "").replace("`", "").replace("](", "] (")
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        catalog.save(str(path))
    return site


def _assessed_counting_inline_parses(root: Path) -> tuple[status.SiteStatus, list[str]]:
    """``assess_site(english=True)`` of the site in ``root``, and the texts ``markdown.parse_inline`` parsed."""
    parsed: list[str] = []
    parse_inline = markdown.parse_inline

    def counted(text: str, env: dict) -> list:
        parsed.append(text)
        return parse_inline(text, env)

    with patch.object(markdown, "parse_inline", counted):
        return assess_site(Site.open(root), english=True), parsed


def test_english_texts_are_parsed_once_and_the_verdicts_are_the_same(tmp_path: Path) -> None:
    site = _translated_site(tmp_path)
    shutil.copytree(site.root, tmp_path / "alone")
    assessed, parsed = _assessed_counting_inline_parses(site.root)
    told: set[str] = set()  # the inline texts of the English bodies (whose links parse_inline accepts)
    with patch.object(status.OutlinesSeen, "__call__", lambda self, text, *args: told.add(text)):  # the checks parse each
        alone, parsed_alone = _assessed_counting_inline_parses(tmp_path / "alone")
    assert [(d.problems, d.reasons, d.silenced, d.refused, d.english) for d in assessed.documents] == [
        (d.problems, d.reasons, d.silenced, d.refused, d.english) for d in alone.documents
    ]
    assert any(d.english for d in assessed.documents) and any(p.check.startswith("markup") for d in assessed.documents for p in d.problems)
    english = {t.text for d in assessed.documents for t in d.translations} - {t.source for d in assessed.documents for t in d.translations}
    assert not english.intersection(told, parsed)  # parsed by the English body's parse only
    assert len(english.intersection(told, parsed_alone)) > 20
    assert len(english.intersection(parsed)) < len(english.intersection(parsed_alone)) / 2  # left: texts in HTML, titles, alt texts


def test_dutch_texts_are_outlined_by_the_dutch_parse_and_the_verdicts_are_the_same(tmp_path: Path) -> None:
    """The assessment finishes segmentation's block parse of each new Dutch body (for its page) and tells the
    checks the outlines of its texts: they are not parsed again, one by one (``status._finish_dutch``)."""
    site = _translated_site(tmp_path)
    shutil.copytree(site.root, tmp_path / "alone")
    assessed, parsed = _assessed_counting_inline_parses(site.root)
    with patch.object(status.OutlinesSeen, "__call__", lambda *args: None):  # the checks parse each text
        alone, parsed_alone = _assessed_counting_inline_parses(tmp_path / "alone")
    assert [(d.problems, d.reasons, d.silenced, d.refused, d.english) for d in assessed.documents] == [
        (d.problems, d.reasons, d.silenced, d.refused, d.english) for d in alone.documents
    ]
    dutch = {t.source for d in assessed.documents for t in d.translations if t.context is None and checks._MARKUP.search(t.source)}
    by_the_checks = sum(text in dutch for text in parsed_alone) - sum(text in dutch for text in parsed)
    # left: texts in HTML, titles, alt texts, those around shortcodes, one with '![' (segmentation looks for lone images);
    # the corpus's footnotes are no markup texts since their labels are structure, so those left weigh more
    assert len(dutch) > 30 and by_the_checks > 0.75 * len(dutch)
