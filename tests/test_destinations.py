"""A link the author moved is carried into the English (``text.destinations``, ``catalog.carry``): the rule, through
the real extract on a real site and its PO file (``msgfmt --check``), for every kind of destination, and each case
where the entry waits for review as before."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from conftest import copy_site, msgfmt_check
from publish_pipeline import tasks
from publish_pipeline.catalogs.catalog import machine_draft
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.site import Site
from publish_pipeline.text.destinations import carried, destinations, moved
from test_workflow import run_task

PO_FILE = "translations/en/blog/eerste.po"
SOURCE = "source_nl/blog/eerste.md"

KINDS = [
    ("inline link", "Zie [de moestuin](/blog/de-moestuin/) nu.", "Zie [de moestuin](/blog/moestuin/) nu.",
     "See [the vegetable garden](/blog/de-moestuin/) now.", "See [the vegetable garden](/blog/moestuin/) now."),
    ("link with a title", 'Zie [de tuin](/oud/ "De tuin") nu.', 'Zie [de tuin](/nieuw/ "De tuin") nu.',
     'See [the garden](/oud/ "The garden") now.', 'See [the garden](/nieuw/ "The garden") now.'),
    ("image", "Een foto: ![de kas](/img/kas-oud.jpg).", "Een foto: ![de kas](/img/kas.jpg).",
     "A photo: ![the greenhouse](/img/kas-oud.jpg).", "A photo: ![the greenhouse](/img/kas.jpg)."),
    ("autolink", "Schrijf naar <https://example.org/oud> of <tuin@example.org>.",
     "Schrijf naar <https://example.org/nieuw> of <kas@example.org>.",
     "Write to <https://example.org/oud> or <tuin@example.org>.", "Write to <https://example.org/nieuw> or <kas@example.org>."),
    ("raw HTML", 'Lees <a href="/blog/oud/">dit</a> eerst.', 'Lees <a href="/blog/nieuw/">dit</a> eerst.',
     'Read <a href="/blog/oud/">this</a> first.', 'Read <a href="/blog/nieuw/">this</a> first.'),
    ("Hugo ref", 'Lees [dit]({{< ref "oud.md" >}}) eerst.', 'Lees [dit]({{< ref "nieuw.md" >}}) eerst.',
     'Read [this]({{< ref "oud.md" >}}) first.', 'Read [this]({{< ref "nieuw.md" >}}) first.'),
    ("Hugo relref", 'Lees [dit]({{< relref path="oud.md" >}}) eerst.', 'Lees [dit]({{< relref path="nieuw.md" >}}) eerst.',
     'Read [this]({{< relref path="oud.md" >}}) first.', 'Read [this]({{< relref path="nieuw.md" >}}) first.'),
    ("Jekyll link", "Lees [dit]({% link _posts/2020-01-01-oud.md %}) eerst.", "Lees [dit]({% link _posts/2021-05-05-nieuw.md %}) eerst.",
     "Read [this]({% link _posts/2020-01-01-oud.md %}) first.", "Read [this]({% link _posts/2021-05-05-nieuw.md %}) first."),
    ("Jekyll post_url", "Lees [dit]({{ site.baseurl }}{% post_url 2020-01-01-oud %}).", "Lees [dit]({{ site.baseurl }}{% post_url 2021-05-05-nieuw %}).",
     "Read [this]({{ site.baseurl }}{% post_url 2020-01-01-oud %}).", "Read [this]({{ site.baseurl }}{% post_url 2021-05-05-nieuw %})."),
    ("two links, one moved", "Van [a](/a/) naar [b](/b/) en [a weer](/a/).", "Van [a](/a/) naar [b](/c/) en [a weer](/a/).",
     "From [a](/a/) to [b](/b/) and [a again](/a/).", "From [a](/a/) to [b](/c/) and [a again](/a/)."),
]


@pytest.mark.parametrize("kind, old, new, english, expected", KINDS, ids=[kind[0] for kind in KINDS])
def test_the_rule_carries_every_kind_of_destination(kind: str, old: str, new: str, english: str, expected: str) -> None:
    change = moved(old, new)
    assert change is not None and carried(english, change) == expected


KEPT_FUZZY = [
    ("a word changed too", "Zie [de moestuin](/blog/de-moestuin/) nu.", "Zie [de moestuin](/blog/moestuin/) vandaag.",
     "See [the vegetable garden](/blog/de-moestuin/) now."),
    ("the link's text changed", "Zie [de moestuin](/blog/de-moestuin/) nu.", "Zie [onze moestuin](/blog/moestuin/) nu.",
     "See [the vegetable garden](/blog/de-moestuin/) now."),
    ("the link's title changed", 'Zie [de tuin](/oud/ "De tuin") nu.', 'Zie [de tuin](/nieuw/ "Onze tuin") nu.',
     'See [the garden](/oud/ "The garden") now.'),
    ("the image's alt changed", "Een foto: ![de kas](/img/kas-oud.jpg).", "Een foto: ![onze kas](/img/kas.jpg).",
     "A photo: ![the greenhouse](/img/kas-oud.jpg)."),
    ("the English leads elsewhere", "Zie [de moestuin](/blog/de-moestuin/) nu.", "Zie [de moestuin](/blog/moestuin/) nu.",
     "See [the vegetable garden](/en/blog/vegetable-garden/) now."),
    ("one of two same links moved", "Van [a](/a/) en [a weer](/a/).", "Van [a](/b/) en [a weer](/a/).",
     "From [a](/a/) and [a again](/a/)."),
    ("a link became text", "Zie [de moestuin](/blog/de-moestuin/) nu.", "Zie [de moestuin](/blog/de moestuin/) nu.",
     "See [the vegetable garden](/blog/de-moestuin/) now."),
    ("the shortcode changed", 'Lees [dit]({{< ref "oud.md" >}}) eerst.', 'Lees [dit]({{< relref "nieuw.md" >}}) eerst.',
     'Read [this]({{< ref "oud.md" >}}) first.'),
    ("an autolink in code", "Zie `<https://a.example>` en <https://a.example>.", "Zie `<https://b.example>` en <https://a.example>.",
     "See `<https://a.example>` and <https://a.example>."),
]


@pytest.mark.parametrize("case, old, new, english", KEPT_FUZZY, ids=[case[0] for case in KEPT_FUZZY])
def test_the_rule_carries_nothing_where_more_changed_or_the_english_leads_elsewhere(case: str, old: str, new: str, english: str) -> None:
    change = moved(old, new)
    assert change is None or carried(english, change) is None


def test_a_new_url_that_would_not_read_as_one_in_the_english_is_not_carried() -> None:
    change = moved("Zie [x](</een map/>) nu.", "Zie [x](</twee mappen/>) nu.")
    assert change == {"/een map/": "/twee mappen/"}
    assert carried("See [x](/een%20map/) now.", {"/een%20map/": "/twee mappen/"}) is None  # it would be no link
    assert carried("See [x](</een map/>) now.", change) == "See [x](</twee mappen/>) now."


def test_destinations_are_where_the_parse_says_links_lead() -> None:
    text = 'Zie [a](/a/ "t"), ![b](b.jpg), <https://c.example>, <a href="/d/">d</a>, {{< ref "e.md" >}} en `[f](/f/)`.'
    assert [text[start:end] for start, end in destinations(text)] == ["/a/", "b.jpg", "https://c.example", "/d/", "e.md"]


def site_with(tmp_path: Path, paragraph: str) -> Site:
    """The basic site, its blog post ending in ``paragraph``, extracted."""
    site = Site.open(copy_site("basic", tmp_path))
    path = site.root / SOURCE
    path.write_text(path.read_text(encoding="utf-8") + f"\n{paragraph}\n", encoding="utf-8")
    extract(site)
    return site


def set_entry(site: Site, dutch: str, english: str, *, fuzzy: bool = False, previous: str | None = None, note: str = "") -> None:
    path = site.root / PO_FILE
    po = polib.pofile(str(path), wrapwidth=0)
    entry = po.find(dutch)
    entry.msgstr, entry.flags, entry.previous_msgid, entry.tcomment = english, ["fuzzy"] if fuzzy else [], previous, note
    po.save(str(path))


def moved_in_dutch(site: Site, old: str, new: str) -> polib.POEntry:
    """The author's edit of the Dutch, extracted: the entry of ``new``, the PO file checked by msgfmt."""
    path = site.root / SOURCE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    extract(site)
    msgfmt_check(site.root / PO_FILE)
    po = polib.pofile(str(site.root / PO_FILE), wrapwidth=0)
    assert po.find(old) is None or po.find(old).obsolete
    return po.find(new)


@pytest.mark.parametrize("kind, old, new, english, expected", KINDS, ids=[kind[0] for kind in KINDS])
def test_extract_keeps_approved_english_approved_with_the_moved_link(tmp_path: Path, kind: str, old: str, new: str, english: str, expected: str) -> None:
    site = site_with(tmp_path, old)
    set_entry(site, old, english, note="the translator's note")
    entry = moved_in_dutch(site, old, new)
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid, entry.tcomment) == (expected, False, None, "the translator's note")


@pytest.mark.parametrize("case, old, new, english", KEPT_FUZZY, ids=[case[0] for case in KEPT_FUZZY])
def test_extract_asks_for_review_as_before_where_more_changed(tmp_path: Path, case: str, old: str, new: str, english: str) -> None:
    site = site_with(tmp_path, old)
    set_entry(site, old, english)
    entry = moved_in_dutch(site, old, new)
    assert entry.fuzzy and entry.previous_msgid == old and entry.msgstr == english


def test_outdated_english_is_carried_and_still_waits_with_the_dutch_it_was_written_for(tmp_path: Path) -> None:
    """The translator's English of an older wording: the link moves in it, it still waits for review, and its #|
    stays the Dutch her words are of (what she reviews against; what the merge of PO files pairs entries by)."""
    before = "Zie [de tuin](/blog/de-moestuin/)."
    old, new = "Zie [de moestuin](/blog/de-moestuin/) nu.", "Zie [de moestuin](/blog/moestuin/) nu."
    site = site_with(tmp_path, old)
    set_entry(site, old, "See [the garden](/blog/de-moestuin/).", fuzzy=True, previous=before)
    entry = moved_in_dutch(site, old, new)
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == ("See [the garden](/blog/moestuin/).", True, before)


def test_a_machine_draft_is_carried_and_stays_a_machine_draft(tmp_path: Path) -> None:
    import hashlib

    old, new = "Zie [de moestuin](/blog/de-moestuin/) nu.", "Zie [de moestuin](/blog/moestuin/) nu."
    draft = "See [the vegetable garden](/blog/de-moestuin/) now."
    site = site_with(tmp_path, old)
    set_entry(site, old, draft, fuzzy=True, note=f"mt: google 2026-12-01 draft:{hashlib.sha256(draft.encode()).hexdigest()[:10]}")
    entry = moved_in_dutch(site, old, new)
    assert entry.msgstr == draft.replace("de-moestuin", "moestuin") and entry.fuzzy and entry.previous_msgid is None
    assert machine_draft(entry) and entry.tcomment.startswith("mt: google 2026-12-01 draft:")  # no person changed it


def test_a_reference_definitions_url_is_no_entry_and_moves_nothing(tmp_path: Path) -> None:
    site = site_with(tmp_path, 'Zie [de tuin][t].\n\n[t]: https://example.org/oud "De tuin"')
    set_entry(site, "Zie [de tuin][t].", "See [the garden][t].")
    set_entry(site, "De tuin", "The garden")
    before = (site.root / PO_FILE).read_text(encoding="utf-8")
    path = site.root / SOURCE
    path.write_text(path.read_text(encoding="utf-8").replace("example.org/oud", "example.org/nieuw"), encoding="utf-8")
    assert run_task(tasks.extract, site.root)[1].strip().splitlines()[-1].endswith(" segments, 0 PO files written")
    assert (site.root / PO_FILE).read_text(encoding="utf-8") == before


def test_extract_says_how_many_links_it_updated_in_approved_english(tmp_path: Path) -> None:
    kinds = KINDS[:3]
    site = site_with(tmp_path, "\n\n".join(old for _, old, _, _, _ in kinds))
    for _, old, _, english, _ in kinds:
        set_entry(site, old, english)
    path = site.root / SOURCE
    text = path.read_text(encoding="utf-8")
    for _, old, new, _, _ in kinds:
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    code, output = run_task(tasks.extract, site.root)
    assert code == 0 and output.strip().splitlines()[-1].endswith(" segments, 1 PO file written, 3 links updated in approved English"), output


SAME_PLACE = [  # the Dutch's link as the author writes it, the English's as the translator wrote the same place
    ("a space against %20", "Zie [de map](</een map/>) nu.", "Zie [de map](</twee mappen/>) nu.",
     "See [the folder](/een%20map/) now.", "See [the folder](/twee%20mappen/) now."),
    ("%20 against a space", "Zie [de map](/een%20map/) nu.", "Zie [de map](/twee%20mappen/) nu.",
     "See [the folder](</een map/>) now.", "See [the folder](</twee%20mappen/>) now."),
    ("an autolink's host", "Zie <https://bücher.example/oud>.", "Zie <https://bücher.example/nieuw>.",
     "See <https://xn--bcher-kva.example/oud>.", "See <https://xn--bcher-kva.example/nieuw>."),
]
ELSEWHERE = [  # written alike but another address: not carried, reviewed as before
    ("a trailing slash", "Zie [de tuin](/tuin/) nu.", "Zie [de tuin](/kas/) nu.", "See [the garden](/tuin) now."),
    ("a query", "Zie [de tuin](/tuin/) nu.", "Zie [de tuin](/kas/) nu.", "See [the garden](/tuin/?taal=en) now."),
    ("a case", "Zie [de tuin](/Tuin/) nu.", "Zie [de tuin](/kas/) nu.", "See [the garden](/tuin/) now."),
]


@pytest.mark.parametrize("case, old, new, english, expected", SAME_PLACE, ids=[case[0] for case in SAME_PLACE])
def test_extract_carries_a_moved_link_the_english_writes_otherwise_to_the_same_place(
    tmp_path: Path, case: str, old: str, new: str, english: str, expected: str
) -> None:
    site = site_with(tmp_path, old)
    set_entry(site, old, english)
    path = site.root / SOURCE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, output = run_task(tasks.extract, site.root)
    assert code == 0 and output.strip().splitlines()[-1].endswith("1 link updated in approved English"), output
    msgfmt_check(site.root / PO_FILE)
    entry = polib.pofile(str(site.root / PO_FILE), wrapwidth=0).find(new)
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (expected, False, None)


@pytest.mark.parametrize("case, old, new, english", ELSEWHERE, ids=[case[0] for case in ELSEWHERE])
def test_extract_carries_no_link_the_english_writes_to_another_address(tmp_path: Path, case: str, old: str, new: str, english: str) -> None:
    site = site_with(tmp_path, old)
    set_entry(site, old, english)
    path = site.root / SOURCE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, output = run_task(tasks.extract, site.root)
    assert code == 0 and "link updated" not in output, output
    msgfmt_check(site.root / PO_FILE)
    entry = polib.pofile(str(site.root / PO_FILE), wrapwidth=0).find(new)
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (english, True, old)
