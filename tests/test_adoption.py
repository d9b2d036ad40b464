"""adopt: English written before the pipeline, aligned with its Dutch by structure and written into the PO files."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import polib
import pytest
from hypothesis import strategies as st
from hypothesis import HealthCheck, given, settings

from conftest import msgfmt_check
from test_reassembly import documents
from test_tasks import run_here

from publish_pipeline.text import markdown
from publish_pipeline.drafts.adoption import Pair, _Where, adopt, align, english_pairs
from publish_pipeline.text.document import parse_document
from publish_pipeline.text.reassembly import reassemble_body
from publish_pipeline.text.segmentation import BodySlot, segment
from publish_pipeline.catalogs.catalog import read_catalog
from publish_pipeline.site import Site

DUTCH = """\
---
title: Wat is vertrouwen?
summary: Over vertrouwen in teams.
date: 2019-03-14
---

## Vertrouwen begint klein

Vertrouwen ontstaat niet in een dag, maar in honderden kleine momenten waarop iemand doet wat hij zei.

Een korte alinea.

- Luister [echt](https://example.org/luisteren) naar elkaar
- Zeg wat je doet
- Doe wat je zegt, ook als het 3 keer tegenzit

| Waarde | Gedrag |
| --- | --- |
| Eerlijk | Je zegt wat je denkt |

> Vertrouwen komt te voet en gaat te paard.

![Een team aan tafel](/images/team.jpg)

Tot slot: lees het [boek](https://example.org/boek) over vertrouwen en samenwerking in organisaties.
"""

ENGLISH = """\
---
title: What is trust?
summary: On trust in teams.
date: 2019-03-14
---

## Trust starts small

Trust does not grow in a day, but in hundreds of small moments in which someone does what he said.

A short paragraph.

- Really [listen](https://example.org/luisteren) to each other
- Say what you do
- Do what you say, even when it goes wrong 3 times

| Value | Behaviour |
| --- | --- |
| Honest | You say what you think |

> Trust arrives on foot and leaves on horseback.

![A team at a table](/images/team.jpg)

Finally: read the [book](https://example.org/boek) about trust and collaboration in organisations.
"""


def make_site(tmp_path: Path, dutch: str, english: str, name: str = "what-is-trust") -> tuple[Site, Path]:
    """A site with one Dutch post (blog/x) and an archive of its English at archive/en/blog/<name>.md."""
    root = tmp_path / "site"
    (root / "source_nl" / "blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("project: adopt test\nbase_url: https://example.org\n", encoding="utf-8")
    (root / "source_nl" / "blog" / "x.md").write_text(dutch, encoding="utf-8")
    english_path = root / "archive" / "en" / "blog" / f"{name}.md"
    english_path.parent.mkdir(parents=True)
    english_path.write_text(english, encoding="utf-8")
    return Site.open(root), english_path


def adopt_one(site: Site, english_path: Path, **options: bool):  # type: ignore[no-untyped-def]
    report = adopt(site, [Pair("blog/x", english_path, site.relative(english_path))], **options)
    assert not report.errors, report.errors
    return report.adoptions[0]


def entries(site: Site) -> dict[tuple[str | None, str], polib.POEntry]:
    po = polib.pofile(str(site.root / "translations/en/blog/x.po"))
    return {(entry.msgctxt, entry.msgid): entry for entry in po if not entry.obsolete}


def english_of(site: Site) -> dict[str, str]:
    return {msgid: entry.msgstr for (_, msgid), entry in entries(site).items()}


def test_identical_structure_adopts_every_entry_and_publish_builds_the_adopted_english(tmp_path: Path) -> None:
    site, english_path = make_site(tmp_path, DUTCH, ENGLISH)
    result = adopt_one(site, english_path, approve=True)
    assert (result.untranslated, result.fuzzy, result.mismatches, result.findings) == (0, 0, (), ())
    found = entries(site)
    assert result.approved == len(found) == 16
    assert all(entry.msgstr and not entry.fuzzy and entry.tcomment == "adopted: archive/en/blog/what-is-trust.md" for entry in found.values())
    english = english_of(site)
    assert english["x"] == "what-is-trust"  # the English file's name is its URL slug
    assert english["Wat is vertrouwen?"] == "What is trust?"
    assert english["Zeg wat je doet"] == "Say what you do"
    assert english["Eerlijk"] == "Honest"
    assert english["Een team aan tafel"] == "A team at a table"
    msgfmt_check(site.root / "translations/en/blog/x.po")

    from publish_pipeline.output.publishing import publish

    publish(site, site.root / "public")
    page = (site.root / "public/en/blog/what-is-trust/index.html").read_text(encoding="utf-8")
    body = parse_document(ENGLISH, "blog/what-is-trust", "en.md").body
    assert markdown.render_page(body) in page  # the page is the English as it was written


def test_the_default_is_fuzzy_for_review_and_other_comments_stay(tmp_path: Path) -> None:
    site, english_path = make_site(tmp_path, DUTCH, ENGLISH)
    from publish_pipeline.catalogs.extraction import extract

    extract(site)
    po_path = site.root / "translations/en/blog/x.po"
    po_path.write_text(po_path.read_text(encoding="utf-8").replace('msgid "Zeg wat je doet"', '# ignore: dutch\nmsgid "Zeg wat je doet"'), encoding="utf-8")
    result = adopt_one(site, english_path)
    assert (result.approved, result.fuzzy) == (0, 16)
    entry = entries(site)[(None, "Zeg wat je doet")]
    assert entry.fuzzy and entry.tcomment.splitlines() == ["ignore: dutch", "adopted: archive/en/blog/what-is-trust.md"]


def test_adopting_again_changes_no_byte_and_keeps_translations_unless_overwrite(tmp_path: Path) -> None:
    site, english_path = make_site(tmp_path, DUTCH, ENGLISH)
    adopt_one(site, english_path, approve=True)
    po_path = site.root / "translations/en/blog/x.po"
    po_path.write_text(po_path.read_text(encoding="utf-8").replace('msgstr "Say what you do"', 'msgstr "Say what you are doing"'), encoding="utf-8")
    before = po_path.read_bytes()
    again = adopt_one(site, english_path, approve=True)
    assert po_path.read_bytes() == before and not again.written and again.kept == 16 and again.approved == 0
    overwritten = adopt_one(site, english_path, overwrite=True)
    assert overwritten.fuzzy == 16 and english_of(site)["Zeg wat je doet"] == "Say what you do"
    after = po_path.read_bytes()
    assert not adopt_one(site, english_path, overwrite=True).written and po_path.read_bytes() == after
    assert all(entry.tcomment.count("adopted:") == 1 for entry in entries(site).values())
    msgfmt_check(po_path)


EXTRA_DUTCH = """\
---
title: Frictie
---

# Frictie

Frictie is geen probleem.

Wie frictie wegpoetst, poetst ook de energie weg die nodig is om samen iets nieuws te maken, en dat merk je pas veel later in het team.

Dus: kijk ernaar.
"""

EXTRA_ENGLISH = """\
---
title: Friction
---

# Friction

Friction is no problem.

Added for readers abroad: a Dutch saying explained.

Whoever polishes friction away also polishes away the energy needed to make something new together, and you notice it only much later in the team.

So: look at it.
"""


ADDED = "Added for readers abroad: a Dutch saying explained.\n\n"


@pytest.mark.parametrize(
    ("english", "first", "untranslated", "mismatch"),
    [
        (EXTRA_ENGLISH, "Friction is no problem.", 0,
         "source_nl/blog/x.md:9 ~ archive/en/blog/friction.md:9: the English has a paragraph the Dutch lacks; not adopted"),
        (EXTRA_ENGLISH.replace(ADDED, "").replace("Friction is no problem.\n\n", ""), "", 1,
         "source_nl/blog/x.md:7 ~ archive/en/blog/friction.md:7: the Dutch has a paragraph the English lacks; left untranslated"),
    ],
    ids=["an extra English paragraph", "a missing one"],
)
def test_an_added_or_dropped_paragraph_is_reported_and_the_rest_aligned(
    tmp_path: Path, english: str, first: str, untranslated: int, mismatch: str
) -> None:
    site, english_path = make_site(tmp_path, EXTRA_DUTCH, english, name="friction")
    result = adopt_one(site, english_path, approve=True)
    english_texts = english_of(site)
    assert english_texts["Frictie is geen probleem."] == first
    assert english_texts["Dus: kijk ernaar."] == "So: look at it."
    assert english_texts[EXTRA_DUTCH.split("\n\n")[3]].startswith("Whoever polishes")
    assert result.untranslated == untranslated and result.mismatches == (mismatch,)


def test_paragraphs_that_cannot_be_told_apart_are_never_guessed(tmp_path: Path) -> None:
    dutch = "---\ntitle: T\n---\n\nEen twee drie vier.\n\nVijf zes zeven acht.\n\nNegen tien elf twaalf.\n"
    english = "---\ntitle: T\n---\n\nOne two three four.\n\nAdded this line too.\n\nFive six seven eight.\n\nNine ten eleven twelve.\n"
    site, english_path = make_site(tmp_path, dutch, english)
    result = adopt_one(site, english_path, approve=True)
    assert [text for (context, _), text in ((k, e.msgstr) for k, e in entries(site).items()) if context is None] == ["", "", ""]
    assert result.mismatches == (
        "source_nl/blog/x.md:5 ~ archive/en/blog/what-is-trust.md:5: the Dutch has 3 paragraphs here, the English 4 paragraphs: "
        "they differ in structure or order, or cannot be told apart with confidence; left untranslated",
    )


def test_a_reordered_list_adopts_only_the_items_it_is_sure_of(tmp_path: Path) -> None:
    dutch = DUTCH.replace(
        "- Luister [echt](https://example.org/luisteren) naar elkaar\n- Zeg wat je doet\n",
        "- Zeg wat je doet, zie [dit](https://example.org/doen)\n- Luister [echt](https://example.org/luisteren) naar elkaar\n",
    )
    english = ENGLISH.replace("- Say what you do\n", "- Say what you do, see [this](https://example.org/doen)\n")
    site, english_path = make_site(tmp_path, dutch, english)
    result = adopt_one(site, english_path, approve=True)
    english_texts = english_of(site)
    assert english_texts["Zeg wat je doet, zie [dit](https://example.org/doen)"] == ""
    assert english_texts["Luister [echt](https://example.org/luisteren) naar elkaar"] == ""
    assert english_texts["Doe wat je zegt, ook als het 3 keer tegenzit"] == "Do what you say, even when it goes wrong 3 times"
    assert english_texts["Een korte alinea."] == "A short paragraph."
    assert result.untranslated == 2
    assert result.mismatches == (
        "source_nl/blog/x.md:13 ~ archive/en/blog/what-is-trust.md:13: the Dutch has 2 list items here, the English 2 list items: "
        "they differ in structure or order, or cannot be told apart with confidence; left untranslated",
    )


@pytest.mark.parametrize(
    ("added", "said", "mismatch"),
    [
        ("Keep every promise you ever made to the people in your team, even the small ones", "Say what you do",
         "source_nl/blog/x.md:15 ~ archive/en/blog/what-is-trust.md:15: the English has a list item the Dutch lacks; not adopted"),
        # an added item as short as its neighbour: nothing tells which is which, so neither is taken
        ("Keep your promises", "",
         "source_nl/blog/x.md:14 ~ archive/en/blog/what-is-trust.md:14: the Dutch has a list item here, the English 2 list items: "
         "they differ in structure or order, or cannot be told apart with confidence; left untranslated"),
    ],
    ids=["told apart", "too alike"],
)
def test_a_list_with_another_number_of_items_adopts_the_items_that_match(tmp_path: Path, added: str, said: str, mismatch: str) -> None:
    site, english_path = make_site(tmp_path, DUTCH, ENGLISH.replace("- Say what you do\n", f"- Say what you do\n- {added}\n"))
    result = adopt_one(site, english_path, approve=True)
    english_texts = english_of(site)
    assert english_texts["Zeg wat je doet"] == said
    assert english_texts["Doe wat je zegt, ook als het 3 keer tegenzit"] == "Do what you say, even when it goes wrong 3 times"
    assert result.untranslated == (0 if said else 1) and result.mismatches == (mismatch,)


def test_a_table_with_another_column_count_is_left_untranslated(tmp_path: Path) -> None:
    english = ENGLISH.replace("| Value | Behaviour |\n| --- | --- |\n| Honest | You say what you think |",
                              "| Value | Behaviour | Example |\n| --- | --- | --- |\n| Honest | You say what you think | Feedback |")
    site, english_path = make_site(tmp_path, DUTCH, english)
    result = adopt_one(site, english_path, approve=True)
    english_texts = english_of(site)
    assert [english_texts[cell] for cell in ("Waarde", "Gedrag", "Eerlijk", "Je zegt wat je denkt")] == ["", "", "", ""]
    assert english_texts["Vertrouwen komt te voet en gaat te paard."] == "Trust arrives on foot and leaves on horseback."
    assert result.mismatches == (
        "source_nl/blog/x.md:17 ~ archive/en/blog/what-is-trust.md:17: the tables differ: 2 columns in the Dutch, 3 in the English; left untranslated",
    )


def test_front_matter_pairs_by_field_and_says_which_one_is_missing(tmp_path: Path) -> None:
    no_summary = ENGLISH.replace("summary: On trust in teams.\n", "")
    site, english_path = make_site(tmp_path, DUTCH, no_summary)
    result = adopt_one(site, english_path, approve=True)
    assert english_of(site)["Wat is vertrouwen?"] == "What is trust?"
    assert english_of(site)["Over vertrouwen in teams."] == ""
    assert result.mismatches == ("source_nl/blog/x.md:3 ~ archive/en/blog/what-is-trust.md:1: front matter: the English has no 'summary'; left untranslated",)

    site, english_path = make_site(tmp_path / "2", DUTCH.replace("summary: Over vertrouwen in teams.\n", ""), ENGLISH)
    result = adopt_one(site, english_path, approve=True)
    assert result.untranslated == 0
    assert result.mismatches == ("source_nl/blog/x.md:1 ~ archive/en/blog/what-is-trust.md:3: front matter: the English has 'summary', the Dutch does not; not adopted",)


def test_english_with_markup_the_dutch_lacks_is_adopted_fuzzy_with_the_finding(tmp_path: Path) -> None:
    english = ENGLISH.replace("A short paragraph.", "A *short* [text](https://example.org).")
    site, english_path = make_site(tmp_path, DUTCH, english)
    result = adopt_one(site, english_path, approve=True)
    entry = entries(site)[(None, "Een korte alinea.")]
    assert entry.fuzzy and entry.msgstr == "A *short* [text](https://example.org)."
    assert (result.approved, result.fuzzy) == (15, 1)
    assert result.findings == (
        "archive/en/blog/what-is-trust.md:11: fuzzy: markup.links: link to https://example.org is not in the Dutch — take it out (the English has the Dutch's markup, no more)",
        "archive/en/blog/what-is-trust.md:11: fuzzy: markup.emphasis: emphasis (*…*): 0 in the Dutch, 1 in the English"
        " — mark the words that translate the Dutch's marked ones, and no others",
    )
    assert adopt_one(site, english_path, approve=True).findings == ()  # said once, for what was written


def test_the_english_slug_comes_from_its_front_matter_and_must_pass_the_slug_rule(tmp_path: Path) -> None:
    site, english_path = make_site(tmp_path, DUTCH, ENGLISH.replace("date:", "slug: trust-explained\ndate:"))
    adopt_one(site, english_path, approve=True)
    assert english_of(site)["x"] == "trust-explained"

    site, english_path = make_site(tmp_path / "fixed", DUTCH.replace("date:", "translation_slug: about-trust\ndate:"), ENGLISH)
    result = adopt_one(site, english_path, approve=True)
    assert "x" not in english_of(site) and result.mismatches == (
        "source_nl/blog/x.md:4 ~ archive/en/blog/what-is-trust.md:1: the Dutch fixes the English URL slug"
        " (translation_slug: 'about-trust'); the English file's 'what-is-trust' is not taken",
    )

    site, english_path = make_site(tmp_path / "2", DUTCH, ENGLISH, name="What_Is_Trust")
    adopt_one(site, english_path, approve=True)
    assert english_of(site)["x"] == "what-is-trust"  # a file name becomes a slug as the layouts make one: lowercase, hyphens

    site, english_path = make_site(tmp_path / "3", DUTCH, ENGLISH.replace("date:", "slug: What Is/Trust\ndate:"))
    result = adopt_one(site, english_path, approve=True)
    assert english_of(site)["x"] == ""
    assert result.mismatches[0].startswith(
        "source_nl/blog/x.md:1 ~ archive/en/blog/what-is-trust.md:4: the English file's slug cannot be a URL here, the slug entry is left as it is: 'What Is/Trust' is not a URL slug"
    )


def test_a_folder_pairs_by_name_or_translation_key(tmp_path: Path) -> None:
    site, english_path = make_site(tmp_path, DUTCH.replace("date:", "translationKey: trust\ndate:"), ENGLISH.replace("date:", "translationKey: trust\ndate:"))
    (english_path.parent / "x.md").write_text(EXTRA_ENGLISH.replace("Friction", "X"), encoding="utf-8")
    pairs = english_pairs(site, site.root / "archive")
    assert [(pair.document_id, pair.location) for pair in pairs] == [
        ("blog/what-is-trust", "archive/en/blog/what-is-trust.md"), ("blog/x", "archive/en/blog/x.md")
    ]
    report = adopt(site, pairs)
    assert [item.document_id for item in report.adoptions] == ["blog/x"] and report.adoptions[0].untranslated == 0
    assert [error.message for error in report.errors] == [
        "archive/en/blog/x.md: archive/en/blog/what-is-trust.md is the English of 'blog/x' too, and was adopted; this file is not"
    ]


def test_the_command_reports_each_document_and_a_summary_and_bad_input_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site, english_path = make_site(tmp_path, DUTCH, ENGLISH.replace("A short paragraph.\n\n", "").replace("date:", "slug: what-is-trust\ndate:"))
    english_path.rename(english_path.with_name("x.md"))
    (english_path.parent / "gone.md").write_text(ENGLISH, encoding="utf-8")
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--from", str(site.root / "archive"), "--root", str(site.root))
    assert code == 1
    assert err.splitlines()[0] == (
        "archive/en/blog/gone.md: no Dutch document 'blog/gone' in source_nl/ — name the file as its Dutch document is named,"
        " or give both the same 'translationKey' in their front matter"
    )
    assert out.splitlines() == [
        "blog/x: 15 entries adopted (0 approved, 15 needing review), 0 kept as they were, 1 left untranslated (from archive/en/blog/x.md)",
        "  source_nl/blog/x.md:11 ~ archive/en/blog/x.md:12: the Dutch has a paragraph the English lacks; left untranslated",
        "adopt: 1 document: 15 entries adopted (0 approved, 15 needing review), 0 kept, 1 left untranslated, 1 mismatch reported; "
        "1 document could not be processed (above), and nothing of value was overwritten",  # the last line: what it did and held back
    ]
    code, out, _ = run_here(monkeypatch, capsys, "status", "--json", "--root", str(site.root))
    assert '"draft": 15' in out and '"untranslated": 1' in out and '"approved": 0' in out  # status shows what adopt did
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--document", "blog/x", "--english", str(tmp_path / "nothing.md"), "--root", str(site.root))
    assert code == 1 and "nothing.md: cannot read the file: No such file or directory" in err and len(err.splitlines()) == 1
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--from", str(tmp_path / "none"), "--root", str(site.root))
    assert code == 1 and err.strip() == f"{tmp_path / 'none'}: no such folder — give --from the folder that holds the English <kind>/<slug>.md files"
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--document", "blog/x", "--root", str(site.root))
    assert code == 1 and err.strip() == "adopt: give --from DIR, or --document blog/x with --english FILE (in a Hugo or Jekyll site: neither)"


def test_a_document_too_long_to_align_is_one_line_and_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from publish_pipeline.drafts import adoption

    site, english_path = make_site(tmp_path, DUTCH, ENGLISH)
    monkeypatch.setattr(adoption, "MAX_GRID", 100)
    report = adopt(site, [Pair("blog/x", english_path, site.relative(english_path))])
    assert not report.adoptions and [error.message for error in report.errors] == [
        "archive/en/blog/what-is-trust.md: too long to align: 13 Dutch and 13 English segments"
    ]
    assert not (site.root / "translations").exists()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_a_translation_with_the_structure_of_its_dutch_is_adopted_whole(text: str) -> None:
    """Aligning a generated document with its text-only translation pairs every segment with its own translation."""
    dutch = parse_document(text, "blog/x", "source_nl/blog/x.md")
    segments = segment(dutch, ())
    translate = {id(s): s.text if s.role == "table cell" else f"({s.text})" for s in segments}
    english_body = reassemble_body(dutch, segments, lambda s: translate[id(s)])
    english = parse_document(f"---\ntitle: T\n---\n{english_body}", "blog/y", "en.md")
    body = [s for s in segments if isinstance(s.slot, BodySlot)]
    english_segments = [s for s in segment(english, ()) if isinstance(s.slot, BodySlot)]
    matches, mismatches = align(body, english_segments, dutch, english, {}, _Where("nl.md", "en.md"))
    assert mismatches == []
    assert [(match.dutch, match.text) for match in matches] == [(s, translate[id(s)]) for s in body]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_with_an_english_segment_gone_whatever_is_paired_is_paired_right(text: str, data: st.DataObject) -> None:
    """It never guesses: an alignment that has lost one segment pairs fewer, but never a wrong one."""
    dutch = parse_document(text, "blog/x", "source_nl/blog/x.md")
    segments = segment(dutch, ())
    translate = {id(s): s.text if s.role == "table cell" else f"({s.text})" for s in segments}
    english = parse_document(f"---\ntitle: T\n---\n{reassemble_body(dutch, segments, lambda s: translate[id(s)])}", "blog/y", "en.md")
    body = [s for s in segments if isinstance(s.slot, BodySlot)]
    english_segments = [s for s in segment(english, ()) if isinstance(s.slot, BodySlot)]
    if english_segments:
        del english_segments[data.draw(st.integers(0, len(english_segments) - 1))]
    matches, mismatches = align(body, english_segments, dutch, english, {}, _Where("nl.md", "en.md"))
    assert all(match.text == translate[id(match.dutch)] for match in matches)
    assert bool(mismatches) == (len(matches) < len(body))


def test_cells_of_one_row_whose_texts_contain_each_other_are_placed_in_their_own_columns() -> None:
    """Found by the property test: 'vertrouwen' is inside '*vertrouwen*', yet it is the second cell."""
    text = "---\ntitle: vertrouwen\n---\n| *vertrouwen* | vertrouwen |\n|---|---|\n"
    dutch = parse_document(text, "blog/x", "source_nl/blog/x.md")
    english = parse_document(text, "blog/y", "en.md")
    body = [s for s in segment(dutch, ()) if isinstance(s.slot, BodySlot)]
    english_segments = [s for s in segment(english, ()) if isinstance(s.slot, BodySlot)][1:]
    matches, _ = align(body, english_segments, dutch, english, {}, _Where("nl.md", "en.md"))
    assert [(match.dutch.text, match.text) for match in matches] in ([], [("vertrouwen", "vertrouwen")])


HUGO_DUTCH = "+++\ntitle = \"Wat is vertrouwen?\"\ndate = 2019-03-14\n+++\nVertrouwen groeit langzaam.\n\n- Luisteren\n- Afspraken nakomen\n"
HUGO_ENGLISH = "+++\ntitle = \"What is trust?\"\ndate = 2019-03-14\nslug = \"what-is-trust\"\n+++\nTrust grows slowly.\n\n- Listening\n- Keeping promises\n"


@pytest.mark.parametrize(("layout", "dutch", "english"), [
    ("hugo-by-filename", "content/blog/vertrouwen.md", "content/blog/vertrouwen.en.md"),
    ("hugo-by-filename", "content/blog/vertrouwen/index.md", "content/blog/vertrouwen/index.en.md"),
    ("hugo-by-folder", "content/nl/blog/vertrouwen.md", "content/en/blog/vertrouwen.md"),
])
def test_a_hugo_sites_own_english_is_adopted_where_hugo_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], layout: str, dutch: str, english: str
) -> None:
    """In a Hugo site the English written before the pipeline stands where Hugo pairs it: adopt finds it by itself."""
    root = tmp_path / "site"
    (root / dutch).parent.mkdir(parents=True)
    (root / english).parent.mkdir(parents=True, exist_ok=True)
    (root / "pipeline.yaml").write_text(f"layout: {layout}\n", encoding="utf-8")
    (root / dutch).write_text(HUGO_DUTCH, encoding="utf-8")
    (root / english).write_text(HUGO_ENGLISH, encoding="utf-8")
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--approve", "--root", str(root))
    assert code == 0, err
    assert out.splitlines()[0] == f"blog/vertrouwen: 5 entries adopted (5 approved, 0 needing review), 0 kept as they were, 0 left untranslated (from {english})"
    translated = {entry.msgid: entry.msgstr for entry in polib.pofile(str(root / "translations/en/blog/vertrouwen.po"))}
    assert translated == {"vertrouwen": "what-is-trust", "Wat is vertrouwen?": "What is trust?", "Vertrouwen groeit langzaam.": "Trust grows slowly.",
                          "Luisteren": "Listening", "Afspraken nakomen": "Keeping promises"}
    msgfmt_check(root / "translations/en/blog/vertrouwen.po")


# The Hugo or Jekyll file adopt read is the one export writes ----------------------------------------------------------

TRUST_DUTCH = """---
title: Weerstand bestaat niet
date: 2019-03-14
tags: [verandering]
---
Weerstand is een signaal dat mensen betrokken zijn.

## Wat doe je ermee?

Luister naar de zorgen en neem ze serieus.
"""
TRUST_ENGLISH = """---
title: Resistance does not exist
date: 2019-03-14
tags: [change]
slug: resistance-does-not-exist
---
Resistance is a signal that people are involved.

## What do you do with it?

Listen to the concerns and take them seriously.
"""
DUTCH_FILE, ENGLISH_FILE = "content/blog/weerstand-bestaat-niet.md", "content/blog/weerstand-bestaat-niet.en.md"
HUGO_PAGE = "<html><body><h1>{{ .Title }}</h1>tags: {{ delimit (.Params.tags | default slice) \", \" }}{{ .Content }}</body></html>\n"


def hugo_trust_site(root: Path, fields: str = "") -> Path:
    """A Hugo site (by file name) with one Dutch post and the English written for it by hand before the pipeline."""
    from test_hugo import hugo_config

    (root / "content/blog").mkdir(parents=True)
    (root / "layouts/_default").mkdir(parents=True)
    (root / "pipeline.yaml").write_text(f"layout: hugo-by-filename\n{fields}", encoding="utf-8")
    (root / "config.toml").write_text(hugo_config("hugo-by-filename"), encoding="utf-8")
    for name in ("single.html", "list.html"):
        (root / "layouts/_default" / name).write_text(HUGO_PAGE, encoding="utf-8")
    (root / DUTCH_FILE).write_text(TRUST_DUTCH, encoding="utf-8")
    (root / ENGLISH_FILE).write_text(TRUST_ENGLISH, encoding="utf-8")
    return root


def adopted_english(po: Path) -> str | None:
    """The PO file's claim on the English file adopt read (its header field), as polib reads it."""
    return polib.pofile(str(po)).metadata.get("X-Adopted-English")


def approve_all(po: Path) -> None:
    """What the translator does in Poedit: every entry approved as it stands (its fuzzy flag removed)."""
    catalog = polib.pofile(str(po))
    for entry in catalog:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgctxt = None
    catalog.save()


def test_front_matter_export_would_not_keep_is_named_and_the_file_stays_until_adopting_again_takes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """English tags (not a translated field) would become the Dutch ones on export: adopt says so once, on the file's
    line, and does not let export replace the file; status's next: line names it and export refuses it. With tags
    among the translated fields, adopting again fills the tag entry and export writes the English tags."""
    root = hugo_trust_site(tmp_path / "site")
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--approve", "--root", str(root))
    assert code == 0, err
    assert out.splitlines()[1:] == [
        f"  {ENGLISH_FILE}:4: front matter export would not keep: tags: ['change'] (export writes the Dutch's: ['verandering']); "
        "add tags to translate_fields in pipeline.yaml, then invoke adopt again",
        f"  {ENGLISH_FILE}: export will not replace this file: not all of its English is in the PO files (said above)",
        "adopt: 1 document: 5 entries adopted (5 approved, 0 needing review), 0 kept, 0 left untranslated, 0 mismatches reported; "
        "1 English file with English the PO files lack stays (said above)",
    ]
    assert not (root / ".publish-pipeline-export").exists()
    code, out, err = run_here(monkeypatch, capsys, "status", "--root", str(root))
    assert f"next: export will not replace 1 English file it did not write ({ENGLISH_FILE})" in " ".join(out.split())
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))
    assert code == 1 and f"{ENGLISH_FILE}: exists and was not written by export" in out + err
    assert (root / ENGLISH_FILE).read_text(encoding="utf-8") == TRUST_ENGLISH

    (root / "pipeline.yaml").write_text("layout: hugo-by-filename\ntranslate_fields: [title, summary, tags]\n", encoding="utf-8")
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--approve", "--root", str(root))
    assert code == 0, err
    assert out.splitlines() == [
        f"blog/weerstand-bestaat-niet: 1 entry adopted (1 approved, 0 needing review), 5 kept as they were, 0 left untranslated (from {ENGLISH_FILE})",
        "adopt: 1 document: 1 entry adopted (1 approved, 0 needing review), 5 kept, 0 left untranslated, 0 mismatches reported; "
        "export replaces 1 English file read once approved (the PO file names it: commit it)",
    ]
    assert {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(root / "translations/en/blog/weerstand-bestaat-niet.po"))}[("tags", "verandering")] == "change"
    code, out, err = run_here(monkeypatch, capsys, "status", "--root", str(root))
    assert "export will not replace" not in out
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))
    assert code == 0, out + err
    assert (root / ENGLISH_FILE).read_text(encoding="utf-8") == TRUST_ENGLISH  # written from the PO files, byte for byte


def test_an_adopted_file_stays_until_its_english_is_approved_and_is_refused_once_changed_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Adopted for review, the English waits: export leaves the author's file (and its claim) in place; a file changed
    after adopt read it holds English the PO files lack, so export refuses it, and status names it."""
    root = hugo_trust_site(tmp_path / "site", "translate_fields: [title, tags]\n")
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--root", str(root))
    assert code == 0 and "export replaces 1 English file read once approved" in out, out + err
    po = root / "translations/en/blog/weerstand-bestaat-niet.po"
    assert adopted_english(po) == f"{ENGLISH_FILE} sha256:{hashlib.sha256(TRUST_ENGLISH.encode()).hexdigest()}"
    assert not (root / ".publish-pipeline-export").exists()  # the claim is the PO file's, committed with it
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))
    assert code == 0, out + err
    assert (root / ENGLISH_FILE).read_text(encoding="utf-8") == TRUST_ENGLISH
    assert adopted_english(po) == f"{ENGLISH_FILE} sha256:{hashlib.sha256(TRUST_ENGLISH.encode()).hexdigest()}"

    (root / ENGLISH_FILE).write_text(TRUST_ENGLISH + "\nA paragraph written after adopting.\n", encoding="utf-8")
    approve_all(root / "translations/en/blog/weerstand-bestaat-niet.po")
    code, out, err = run_here(monkeypatch, capsys, "status", "--root", str(root))
    assert f"next: export will not replace 1 English file it did not write ({ENGLISH_FILE})" in " ".join(out.split())
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))
    assert code == 1 and f"{ENGLISH_FILE}: has changed since adopt read it" in out + err
    assert (root / ENGLISH_FILE).read_text(encoding="utf-8").endswith("A paragraph written after adopting.\n")

    reworded = TRUST_ENGLISH.replace("take them seriously", "take them to heart")
    (root / ENGLISH_FILE).write_text(reworded, encoding="utf-8")
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--overwrite", "--approve", "--root", str(root))
    assert code == 0 and "export replaces 1 English file read once approved" in out, out + err
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))  # the list's old claim gave way to the new
    assert code == 0, out + err
    assert (root / ENGLISH_FILE).read_text(encoding="utf-8") == reworded  # now written by export, from the PO file


def test_across_clones_the_adopted_english_is_exported_by_ci_and_hugo_builds_it(tmp_path: Path) -> None:
    """The author adopts, exports (nothing is approved yet: her file stays) and commits all with ``git add -A``, which
    passes export's list by; the translator pulls, approves as Poedit does and pushes; a fresh CI clone, with no list,
    says the English is live with nothing left to do, exports it over the author's file (the PO file's claim) and
    Hugo builds it."""
    from test_hugo import build
    from test_workflow import git, run_task
    from publish_pipeline import tasks

    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(tmp_path, "clone", "-q", str(remote), "author")
    author = hugo_trust_site(tmp_path / "author", "translate_fields: [title, summary, tags]\n")
    (author / ".gitignore").write_text("public/\n.cache/\n", encoding="utf-8")
    code, out = run_task(tasks.adopt, author)
    assert code == 0 and "export replaces 1 English file" in out, out
    code, out = run_task(tasks.export, author)
    assert code == 0 and (author / ".publish-pipeline-export").is_file(), out
    git(author, "add", "-A")
    git(author, "commit", "-qm", "Adopt the English written before the pipeline")
    assert set(git(author, "ls-files").stdout.split()) >= {ENGLISH_FILE, "translations/en/blog/weerstand-bestaat-niet.po"}
    assert ".publish-pipeline-export" not in git(author, "ls-files").stdout.split()
    git(author, "push", "-q", "origin", "HEAD:main")

    git(tmp_path, "clone", "-q", str(remote), "translator")
    translator = tmp_path / "translator"
    po = translator / "translations/en/blog/weerstand-bestaat-niet.po"
    approve_all(po)
    catalog = polib.pofile(str(po))  # and improves a sentence: export's file is no longer the author's
    next(entry for entry in catalog if entry.msgstr.startswith("Listen")).msgstr = "Listen to the concerns and take them to heart."
    catalog.save()
    git(translator, "commit", "-qam", "Approve the adopted English")
    git(translator, "push", "-q", "origin", "HEAD:main")

    git(tmp_path, "clone", "-q", str(remote), "ci")
    ci = tmp_path / "ci"
    committed = {path: (ci / path).read_bytes() for path in git(ci, "ls-files").stdout.split()}
    assert not (ci / ".publish-pipeline-export").exists() and (ci / ENGLISH_FILE).read_text(encoding="utf-8") == TRUST_ENGLISH
    code, out = run_task(tasks.status, ci)
    assert code == 0 and "live" in out and "export will not replace" not in out, out
    code, out = run_task(tasks.export, ci)
    assert code == 0, out
    assert (ci / ENGLISH_FILE).read_text(encoding="utf-8") == TRUST_ENGLISH.replace("seriously", "to heart")
    assert all((ci / path).is_file() for path in committed)
    page = (build(ci) / "en/blog/resistance-does-not-exist/index.html").read_text(encoding="utf-8")
    assert "<h1>Resistance does not exist</h1>tags: change" in page
    assert "Resistance is a signal that people are involved." in page and "take them to heart" in page
    dutch = (ci / "public/blog/weerstand-bestaat-niet/index.html").read_text(encoding="utf-8")
    assert "tags: verandering" in dutch


@pytest.mark.parametrize(("change", "said"), [
    (lambda text: text + "\nA paragraph the Dutch lacks.\n", "said above"),
    (None, "entries kept as they were: --overwrite takes the file"),
])
def test_a_file_with_english_the_po_files_lack_is_never_claimed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], change: Any, said: str
) -> None:
    """A paragraph adopt could not pair, or an entry that kept another translation: the file holds English the PO files
    lack, so export may not replace it, and adopt says so (with --overwrite, the file's English is taken and it may)."""
    root = hugo_trust_site(tmp_path / "site", "translate_fields: [title, tags]\n")
    if change is None:
        po = root / "translations/en/blog/weerstand-bestaat-niet.po"
        run_here(monkeypatch, capsys, "adopt", "--root", str(root))
        catalog = polib.pofile(str(po))
        next(entry for entry in catalog if entry.msgid == "Weerstand bestaat niet").msgstr = "Resistance is a myth"
        catalog.save()
    else:
        (root / ENGLISH_FILE).write_text(change(TRUST_ENGLISH), encoding="utf-8")
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--root", str(root))
    assert code == 0, err
    assert f"  {ENGLISH_FILE}: export will not replace this file: not all of its English is in the PO files ({said})" in out.splitlines()
    assert out.splitlines()[-1].endswith("; 1 English file with English the PO files lack stays (said above)")
    assert not (root / ".publish-pipeline-export").exists()
    assert adopted_english(root / "translations/en/blog/weerstand-bestaat-niet.po") is None  # a claim made before is taken back
    if change is None:
        code, out, err = run_here(monkeypatch, capsys, "adopt", "--overwrite", "--root", str(root))
        assert out.splitlines()[-1].endswith("; export replaces 1 English file read once approved (the PO file names it: commit it)")


def test_the_po_files_claim_is_kept_byte_for_byte_by_extract_draft_and_review_and_msgfmt_accepts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The claim on the adopted file is a header field of the PO file: GNU msgfmt checks the file clean, and every
    command that rewrites the file (extract after the Dutch changed, draft, a save in the workspace) keeps its line."""
    from engine_server import EngineServer
    from publish_pipeline.workspace.entries import State, Workspace

    root = hugo_trust_site(tmp_path / "site", "translate_fields: [title, tags]\n")
    po = root / "translations/en/blog/weerstand-bestaat-niet.po"
    run_here(monkeypatch, capsys, "adopt", "--root", str(root))
    line = f'"X-Adopted-English: {ENGLISH_FILE} sha256:{hashlib.sha256(TRUST_ENGLISH.encode()).hexdigest()}\\n"\n'
    assert line in po.read_text(encoding="utf-8").splitlines(keepends=True)
    msgfmt_check(po)
    (root / DUTCH_FILE).write_text(TRUST_DUTCH + "\nEen alinea die later kwam.\n", encoding="utf-8")
    before = po.read_text(encoding="utf-8")
    assert run_here(monkeypatch, capsys, "extract", "--root", str(root))[0] == 0
    with EngineServer() as server:
        assert run_here(monkeypatch, capsys, "draft", "--url", server.url, "--root", str(root))[0] == 0
    assert "Een alinea die later kwam." in po.read_text(encoding="utf-8") != before
    assert next(t for t in read_catalog(po, "po").translations if t.source.startswith("Een alinea")).text  # drafted
    site = Site.open(root)
    translation = next(t for t in read_catalog(po, "po").translations if t.source.startswith("Luister"))
    Workspace(site).save("blog/weerstand-bestaat-niet", translation.key, State.of(translation), State(translation.text, False, translation.note))
    assert not next(t for t in read_catalog(po, "po").translations if t.source.startswith("Luister")).fuzzy
    assert line in po.read_text(encoding="utf-8").splitlines(keepends=True)
    assert adopted_english(po) == line[len('"X-Adopted-English: '):-len('\\n"\n')]
    msgfmt_check(po)


def test_export_says_once_to_take_an_adopted_file_it_now_writes_out_of_git_and_after_that_every_clone_builds_it(
    tmp_path: Path,
) -> None:
    """The author's own English file is committed; once approved, export writes it from the PO files. Committed as
    export wrote it, it would no longer hold what the claim says, and the next change of its English would be refused
    in CI: export says to take it out of git, once; done so, a fresh clone builds it from the PO files."""
    from test_workflow import git, run_task
    from publish_pipeline import tasks

    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(tmp_path, "clone", "-q", str(remote), "author")
    author = hugo_trust_site(tmp_path / "author", "translate_fields: [title, summary, tags]\n")
    git(author, "add", "-A")
    git(author, "commit", "-qm", "The site, with the English written by hand")
    assert run_task(tasks.adopt, author)[0] == 0
    approve_all(author / "translations/en/blog/weerstand-bestaat-niet.po")
    code, out = run_task(tasks.export, author)
    advice = f"{ENGLISH_FILE}: export writes this adopted file from now on (its English is in the PO files): git rm --cached {ENGLISH_FILE}, then commit, so that every clone builds it"
    assert code == 0 and advice in out.splitlines(), out
    assert advice not in run_task(tasks.export, author)[1]  # said once: the file is export's now
    git(author, "rm", "-q", "--cached", ENGLISH_FILE)
    git(author, "add", "-A")
    git(author, "commit", "-qm", "Adopted and approved; the English is built from the PO files")
    assert ENGLISH_FILE not in git(author, "ls-files").stdout.split() and (author / ENGLISH_FILE).is_file()
    assert git(author, "status", "--porcelain").stdout == ""  # export's files stay out of the author's commits
    git(author, "push", "-q", "origin", "HEAD:main")

    git(tmp_path, "clone", "-q", str(remote), "ci")
    ci = tmp_path / "ci"
    po = ci / "translations/en/blog/weerstand-bestaat-niet.po"
    catalog = polib.pofile(str(po))  # the translator improves a sentence later
    next(entry for entry in catalog if entry.msgstr.startswith("Listen")).msgstr = "Listen to the concerns and take them to heart."
    catalog.save()
    code, out = run_task(tasks.export, ci)
    assert code == 0, out
    assert (ci / ENGLISH_FILE).read_text(encoding="utf-8") == TRUST_ENGLISH.replace("seriously", "to heart")


def test_adopt_leaves_the_english_files_export_wrote_alone_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After export, the English beside the Dutch is export's own, made from the PO files (its links mapped, so not
    all of its text is a PO entry's): adopt takes nothing from it, claims it in no PO file and says so in its last
    line, and only the author's own English gets adopt's lines (which export then honours)."""
    root = hugo_trust_site(tmp_path / "site", "translate_fields: [title, summary, tags]\n")
    cycling = "content/blog/fietsen.md"
    (root / cycling).write_text("---\ntitle: Fietsen\n---\nLees eerst [weerstand](../weerstand-bestaat-niet/).\n", encoding="utf-8")
    assert run_here(monkeypatch, capsys, "extract", "--root", str(root))[0] == 0
    po = root / "translations/en/blog/fietsen.po"
    catalog = polib.pofile(str(po), wrapwidth=0)
    for entry in catalog:
        entry.msgstr = {"Fietsen": "Cycling", "fietsen": "cycling"}.get(entry.msgid, "Read [resistance](../weerstand-bestaat-niet/) first.")
    catalog.save()
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))
    assert code == 0, err  # the author's English stays: its entries are not approved yet
    assert "(/blog/weerstand-bestaat-niet/)" in (root / "content/blog/fietsen.en.md").read_text(encoding="utf-8")  # mapped
    exported_po = po.read_bytes()

    code, out, err = run_here(monkeypatch, capsys, "adopt", "--approve", "--root", str(root))
    assert code == 0, err
    assert po.read_bytes() == exported_po and adopted_english(po) is None
    assert "fietsen" not in out
    assert out.splitlines()[-1] == (
        "adopt: 1 document: 6 entries adopted (6 approved, 0 needing review), 0 kept, 0 left untranslated, 0 mismatches reported; "
        "export replaces 1 English file read once approved (the PO file names it: commit it); "
        "1 English file left alone: export wrote it from the PO files"
    )
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))
    assert code == 0, err
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--root", str(root))
    assert (code, out.splitlines()) == (0, ["adopt: nothing adopted; 2 English files left alone: export wrote them from the PO files"])
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--document", "blog/fietsen", "--english", str(root / "content/blog/fietsen.en.md"), "--root", str(root))
    assert (code, out.splitlines(), po.read_bytes()) == (0, ["adopt: nothing adopted; 1 English file left alone: export wrote it from the PO files"], exported_po)
    # review 2, item 3: edited by hand since, the file is hers again: export asks for the change in the PO file, adopt takes it there
    english = root / "content/blog/fietsen.en.md"
    english.write_text(english.read_text(encoding="utf-8").replace("first.", "first, slowly."), encoding="utf-8")
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))
    assert "content/blog/fietsen.en.md:5: changed since export wrote it" in err and "make the change in translations/en/blog/fietsen.po" in err, err
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--approve", "--overwrite", "--root", str(root))
    assert code == 0, err
    assert "Read [resistance](../weerstand-bestaat-niet/) first, slowly." in [entry.msgstr for entry in polib.pofile(str(po), wrapwidth=0)]
    assert out.splitlines()[-1].endswith("1 English file left alone: export wrote it from the PO files"), out


def test_links_export_mapped_go_back_to_what_the_dutch_wrote_when_its_file_changed_by_hand_is_adopted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Export writes a link to another post's Markdown file as that post's English address; edited by hand, the file
    is adopted with the link as the Dutch writes it (else the entry would fail markup.links and stay fuzzy), and the
    next export writes the English address again: the file is export's once more."""
    root = hugo_trust_site(tmp_path / "site", "translate_fields: [title, summary, tags]\n")
    cycling = "content/blog/fietsen.md"
    (root / cycling).write_text(
        "---\ntitle: Fietsen\n---\nLees eerst [weerstand](weerstand-bestaat-niet.md) en [de kop](weerstand-bestaat-niet.md#kop).\n\n"
        "Zie ook [Hugo](https://gohugo.io/).\n", encoding="utf-8")
    assert run_here(monkeypatch, capsys, "extract", "--root", str(root))[0] == 0
    assert run_here(monkeypatch, capsys, "adopt", "--approve", "--root", str(root))[0] == 0  # the author's English of weerstand
    po = root / "translations/en/blog/fietsen.po"
    catalog = polib.pofile(str(po), wrapwidth=0)
    for entry in catalog:
        entry.msgstr = entry.msgid.replace("Lees eerst [weerstand]", "Read [resistance]").replace("de kop", "the heading").replace(" en ", " and ").replace("Zie ook", "See also")
    catalog.save()
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))
    assert code == 0, out + err
    english = root / "content/blog/fietsen.en.md"
    exported = english.read_text(encoding="utf-8")
    assert "[resistance](/en/blog/resistance-does-not-exist/) and [the heading](/en/blog/resistance-does-not-exist/#kop)" in exported
    english.write_text(exported.replace("See also", "See, too,"), encoding="utf-8")

    code, out, err = run_here(monkeypatch, capsys, "adopt", "--approve", "--overwrite", "--root", str(root))
    assert code == 0 and "markup" not in out, out + err
    translated = {entry.msgid: (entry.msgstr, entry.fuzzy) for entry in polib.pofile(str(po), wrapwidth=0)}
    assert translated["Lees eerst [weerstand](weerstand-bestaat-niet.md) en [de kop](weerstand-bestaat-niet.md#kop)."] == (
        "Read [resistance](weerstand-bestaat-niet.md) and [the heading](weerstand-bestaat-niet.md#kop).", False)
    assert translated["Zie ook [Hugo](https://gohugo.io/)."] == ("See, too, [Hugo](https://gohugo.io/).", False)
    code, out, err = run_here(monkeypatch, capsys, "export", "--root", str(root))  # the file holds what export writes now
    assert code == 0 and english.read_text(encoding="utf-8") == exported.replace("See also", "See, too,"), out + err
    assert run_here(monkeypatch, capsys, "adopt", "--root", str(root))[1].endswith("2 English files left alone: export wrote them from the PO files\n")


def test_a_url_export_made_of_two_urls_or_wrote_as_it_stands_is_not_mapped_back() -> None:
    """``as_written`` never guesses: of ``x.md`` and ``./x.md`` (both now ``/en/x/``) it cannot tell which was written,
    and a URL the Dutch itself writes as export answers it may have been written so."""
    from publish_pipeline.output.link_map import as_written

    asked = '["/blog/y/", [["x.md", "/en/x/"], ["./x.md", "/en/x/"], ["z.md", "/en/z/"], ["/en/w/", "/en/w/"], ["w.md", "/en/w/"]]]'
    body = "[a](/en/x/) [b](/en/z/#kop) [c](/en/z/) [d](/en/w/) `(/en/z/)`\n"
    assert as_written(body, asked) == "[a](/en/x/) [b](/en/z/#kop) [c](z.md) [d](/en/w/) `(/en/z/)`\n"
    assert as_written(body, "not json") == body


@pytest.mark.parametrize("aliases, said", [
    ("[]", ""),  # as export writes it: nothing to keep, the file is claimed
    ("[/en/old/]", "front matter export would not keep: aliases: ['/en/old/'] (export writes none: the old addresses are the Dutch page's); "
                   "redirect the English page's old addresses on the web server instead"),
])
def test_old_addresses_export_empties_are_named_only_when_the_english_has_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], aliases: str, said: str
) -> None:
    """Export empties ``aliases`` in the English (they are the Dutch page's old addresses): an English file with none,
    as export writes it, has all its English in the PO file; one with its own old addresses is told what export does
    with them, not to translate them (translating would not keep them either)."""
    root = hugo_trust_site(tmp_path / "site", "translate_fields: [title, summary, tags]\n")
    (root / DUTCH_FILE).write_text(TRUST_DUTCH.replace("tags:", "aliases: [/oud/]\ntags:"), encoding="utf-8")
    (root / ENGLISH_FILE).write_text(TRUST_ENGLISH.replace("tags:", f"aliases: {aliases}\ntags:"), encoding="utf-8")
    code, out, err = run_here(monkeypatch, capsys, "adopt", "--approve", "--root", str(root))
    assert code == 0, err
    assert [line.strip() for line in out.splitlines() if "front matter" in line] == ([f"{ENGLISH_FILE}:4: {said}"] if said else [])
    assert (adopted_english(root / "translations/en/blog/weerstand-bestaat-niet.po") is None) == bool(said)
