from __future__ import annotations

import datetime
import re
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_site, read_cases
from engine_server import EngineServer
from publish_pipeline.text import markdown
from publish_pipeline.catalogs.catalog import read_catalog
from publish_pipeline.catalogs.checks import Entry, check_entries
from publish_pipeline.drafts.drafting import draft
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.catalogs.glossary import Glossary
from publish_pipeline.drafts.protection import DamagedDraft, protect, restore
from publish_pipeline.site import Site

def same_html(a: str, b: str) -> bool:
    """Equal as a browser shows them: white space runs count as one space."""
    return re.sub(r"\s+", " ", markdown.render(a)) == re.sub(r"\s+", " ", markdown.render(b))


GLOSSARY = Glossary({"veranderopgave": "change challenge"}, ("De functie van frictie",))


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Lees [mijn boek](https://x.nl/a_(b) \"Titel\") nu.", "Lees ⟦1⟧mijn boek⟦2⟧ nu."),
        ("Dit is *belangrijk* en **heel** `code`.", "Dit is ⟦1⟧belangrijk⟦2⟧ en ⟦3⟧heel⟦4⟧ ⟦5⟧."),
        ("Groet,  \nAnnemarie\\\nMars", "Groet,⟦1⟧Annemarie⟦2⟧Mars"),
        ("Zie [het boek][boek], <https://x.nl> of https://x.nl/p.", "Zie ⟦1⟧het boek⟦2⟧, ⟦3⟧ of ⟦4⟧."),
        ('Kijk ![een foto](/x.png) &amp; <span class="x">rood</span>', "Kijk ⟦1⟧een foto⟦2⟧ ⟦3⟧ ⟦4⟧rood⟦5⟧"),
        ("snake_case_woord blijft, _nadruk_ niet", "snake_case_woord blijft, ⟦1⟧nadruk⟦2⟧ niet"),
        ("Een zachte\nregelovergang", "Een zachte regelovergang"),
        ("De veranderopgave uit *De functie van frictie*.", "De ⟦1⟧ uit ⟦2⟧."),
        ('Zie {{< figure src="/a_b.jpg" caption="De *zee*" >}} en {{< br />}}.', "Zie ⟦1⟧ en ⟦2⟧."),
        ("{{% note %}}\nLet op\n{{% /note %}}", "⟦1⟧ Let op ⟦2⟧"),
        ("Goed gedaan :+1: en :smile:!", "Goed gedaan ⟦1⟧ en ⟦2⟧!"),  # emoji shortcodes: English names, not words
        (":white_check_mark::tada: Klaar om 10:30:45, zie :-) of a:b:", "⟦1⟧ Klaar om 10:30:45, zie :-) of a:b:"),
        ("Welkom {{ site.author | upcase }}, lees {%- include noot.html -%}.", "Welkom ⟦1⟧, lees ⟦2⟧."),
        ("{% raw %}{{ geen *Liquid* }}{% endraw %} tekst", "⟦1⟧ tekst"),
        ("Schrijf `{% if x %}` in *je* sjabloon.", "Schrijf ⟦1⟧ in ⟦2⟧je⟦3⟧ sjabloon."),
        ("Als $x_1 = \\frac{a}{b}$ en $y$ klein zijn", "Als ⟦1⟧ en ⟦2⟧ klein zijn"),  # inline math (KaTeX, MathJax)
        ("Met \\(\\alpha + \\beta\\) en $$e^x$$ erin", "Met ⟦1⟧ en ⟦2⟧ erin"),
        ("Dit kost $5 en dat $10, niet meer", "Dit kost $5 en dat $10, niet meer"),  # money is no math
        ("[Naar de start](#start){: .btn .btn--primary} nu", "⟦1⟧Naar de start⟦2⟧ nu"),  # kramdown's span attributes
    ],
)
def test_markup_and_glossary_terms_become_placeholders(text: str, masked: str) -> None:
    assert protect(text, GLOSSARY).text == masked


def test_glossary_terms_come_back_in_english_keeping_a_capital() -> None:
    masked = protect("Veranderopgave en veranderopgave in De functie van frictie", GLOSSARY)
    assert restore(masked.text, masked) == "Change challenge en change challenge in De functie van frictie"


def test_drafts_follow_the_glossary_for_inflected_forms_too() -> None:
    glossary = Glossary({"veranderopgave": "change challenge", "krachtenveld": "field of forces", "leergang": "course"})
    masked = protect("Veranderopgaven, krachtenvelden en een leergangetje.", glossary)
    assert masked.text == "⟦1⟧, ⟦2⟧ en een ⟦3⟧."
    assert restore(masked.text, masked) == "Change challenges, fields of forces en een course."


def test_a_term_inside_a_compound_or_a_url_is_left_to_the_engine() -> None:
    masked = protect("Het veranderopgavenoverzicht staat op https://x.nl/veranderopgave.", GLOSSARY)
    assert masked.text == "Het veranderopgavenoverzicht staat op ⟦1⟧."


def test_spaces_an_engine_puts_around_placeholders_are_removed_where_the_markup_was_glued() -> None:
    masked = protect("Lees *dit* en [dat](/x).")
    assert restore("Read ⟦1⟧ this ⟦2⟧ and ⟦ 3 ⟧ that ⟦4⟧ .", masked) == "Read *this* and [that](/x)."



def test_every_placeholder_of_a_paragraph_full_of_links_comes_back_in_place() -> None:
    links = 3000  # each link is two placeholders; restoring them once per placeholder over the whole text took seconds
    masked = protect(" ".join(f"[woord{i}](/{i})" for i in range(links)))
    answer = "  ".join(f"⟦{2 * i + 1}⟧ word{i} ⟦{2 * i + 2}⟧" for i in range(links))
    assert restore(answer, masked) == " ".join(f"[word{i}](/{i})" for i in range(links))

@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("Read ⟦1⟧this and that.", "placeholder ⟦2⟧ ('*') is missing"),
        ("⟦1⟧this⟦2⟧ ⟦2⟧", "placeholder ⟦2⟧ appears 2 times"),
        ("⟦1⟧this⟦2⟧ ⟦7⟧", "placeholder ⟦7⟧ was invented"),
    ],
)
def test_damaged_placeholders_are_named(answer: str, problem: str) -> None:
    with pytest.raises(DamagedDraft) as caught:
        restore(answer, protect("Lees *dit*."))
    assert str(caught.value) == problem


def test_a_collapsed_reference_keeps_its_link_when_the_engine_translates_its_label() -> None:
    """``[de bron][]`` links by its text: an engine's ``[the source][]`` linked to nothing (a check error, the link lost).
    The draft writes the full form, ``[the source][de bron]``, which links where the Dutch did."""
    source = "Zie [de bron][] of ![een foto][].\n\n[de bron]: https://x.nl/bron\n[een foto]: /foto.png\n"
    masked = protect(source.split("\n\n")[0])
    english = restore(masked.text.replace("de bron", "the source").replace("een foto", "a photo").replace("Zie", "See").replace(" of ", " or "), masked)
    assert english == "See [the source][de bron] or ![a photo][een foto]."
    definitions = source.split("\n\n")[1]
    assert 'href="https://x.nl/bron">the source</a>' in markdown.render(f"{english}\n\n{definitions}")
    assert 'src="/foto.png" alt="a photo"' in markdown.render(f"{english}\n\n{definitions}")


def test_a_lenient_restore_keeps_what_it_can() -> None:
    assert restore("Read ⟦1⟧this.", protect("Lees *dit*."), strict=False) == "Read *this."


INLINE = st.lists(
    st.sampled_from(
        ["woord", "één", "*nadruk*", "**vet**", "`code`", "[link](https://x.nl/a)", "![alt](/i.png)", "<b>x</b>",
         "&amp;", "\\*", "https://x.nl/p ", "<https://y.nl>", "[ref][r]", "_schuin_", "~~weg~~", "snake_case", " ", "\n",
         "  \n", "\\\n", ".", "veranderopgave", "[", "]", "(", ")"]
    ),
    min_size=1,
    max_size=12,
).map(lambda parts: "".join(parts).strip()).filter(
    lambda text: [t.type for t in markdown.parse(text)] == ["paragraph_open", "inline", "paragraph_close"]
)  # what a segment is: the text of one block


@settings(max_examples=400, deadline=None)
@given(INLINE)
def test_an_untouched_round_trip_renders_the_same(text: str) -> None:
    masked = protect(text)
    source = f"{text}\n\n[r]: https://r.nl\n"
    result = f"{restore(masked.text, masked)}\n\n[r]: https://r.nl\n"
    assert same_html(result, source)


@pytest.mark.parametrize(("title", "source", "expected"), read_cases("segments.txt"), ids=lambda c: c if isinstance(c, str) else "")
def test_fixture_paragraphs_survive_protection(title: str, source: str, expected: str) -> None:
    for line in expected.splitlines():
        text = line.split(": ", 1)[1].replace("\\n", "\n")
        masked = protect(text)
        assert "\n" not in masked.text or "`" in text
        assert same_html(restore(masked.text, masked), text)


def test_drafts_from_a_real_engine_client_keep_shortcodes_and_liquid_intact(tmp_path: Path) -> None:
    site = Site.open(copy_site("basic", tmp_path))
    (site.root / "source_nl/blog/zee.md").write_text(
        "---\ntitle: De zee\n---\n{{< figure src=\"/img/zee.jpg\" caption=\"De zee in de winter\" >}}\n\n"
        "Lees {{< ref \"vertrouwen.md\" >}} en {% include noot.html %} hier.\n\n{{% note %}}\nIk schrijf *goed*.\n{{% /note %}}\n",
        encoding="utf-8",
    )
    extract(site)
    with EngineServer() as server:
        report = draft(site, pattern="blog/zee", url=server.url, today=datetime.date(2026, 11, 30), sleep=lambda s: None)
    assert not report.failures
    po = {e.msgid: e.msgstr for e in polib.pofile(str(site.catalog_path("blog/zee")), wrapwidth=0)}
    assert po['Lees {{< ref "vertrouwen.md" >}} en {% include noot.html %} hier.'] == 'Read {{< ref "vertrouwen.md" >}} and {% include noot.html %} here.'
    assert po["Ik schrijf *goed*."] == "I write *good*."  # the shortcode lines around it are no part of the text
    assert po["De zee in de winter"] == "The zee in the winter"  # the caption, an entry of its own, is translated
    sent = " ".join(server.requests)
    assert "{{" not in sent and "{%" not in sent and "ref" not in sent
    catalog = read_catalog(site.catalog_path("blog/zee"), "translations/en/blog/zee.po")
    assert [p for p in check_entries([Entry(t, {}, Glossary({}, ())) for t in catalog.translations]) if p.check == "template"] == []
