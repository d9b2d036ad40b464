"""Dutch left in an English translation (the check ``dutch``), judged on a corpus: correct English, with Dutch names,
places, titles, quotes, code and the words both languages share, which must pass, and half-Dutch English as machine
drafts leave it ("Gisteren fietste I to my werk in the stromende regen."), which must be caught.

The corpus is ``fixtures/dutch-left.txt`` (written cases) and the demo site's approved entries (the author's real
text and its reviewed English): 310 good English entries (with English words Dutch writes alike: deed, bent, hen, elk,
lag, band, gift, hand, kind, room, bid, die, over, want, door, rook, brand, mist, slim, spring, wet; names that are
Dutch words opening a sentence: Roos, Leiden, Kees; titles opening a sentence as the Dutch's does: "Tijd voor Max is
a TV show"), 114 half-Dutch ones (111 ``bad:``, 3 ``missed:``).

Session 35 grew the corpus with real-world English that borrows from Dutch or shares its spellings (loanwords: angst,
boss, cookie, yacht, brandy, cruise, spook, brood in its English sense; places, names, companies, Dutch titles of books,
films and shows, quoted and emphasized Dutch, cognates in the Dutch's place: "a kilometer from", "the podium") to 471
good English entries, 13 more that keep a Dutch word or a dish's name unmarked in lower case (``warned:``: "a borrel",
"your huisarts", "my oma", "lekker", "a koffie verkeerd"), and 173 half-Dutch drafts (59 more, most with one Dutch word
left: "But the weg was wet", "wet en I was late", "Vanmiddag I am going shopping", "She bought brood and cheese").
Measured on it, counting the ``warned:`` English as good:

- before (session 34b's rules): error precision 69 of 71 = 0.97 ("a broodje kroket", "a koffie verkeerd" held back),
  recall 69 of 173 = 0.40; any finding precision 156 of 169 = 0.92, recall 156 of 173 = 0.90;
- after: error precision 101 of 101 = 1.00, recall 101 of 173 = 0.58; any finding precision 170 of 183 = 0.93 (the
  13 ``warned:``, which the glossary's keep: or quotation marks settle), recall 170 of 173 = 0.98.

One word alone holds the English back where it is of the hand list (``DUTCH_ONLY_WORDS``), "en" or "op" before English,
or counted ``COMMON_DUTCH_ALONE`` (100,000) times or more in the Dutch list; a sweep of that threshold on this corpus
(errors of 173, false errors): none 68/0, 1,000 162/7 (borrel, gemeente), 10,000 137/3 (oma, opa, lekker), 30,000
113/1 ("lekker", 59,363), 100,000 101/0.

Measured (session 34b) on this corpus: before, the titles that open the Dutch sentence too were errors ("Tijd voor Max
is a TV show", "Wie is de Mol is a game show") and a warning: error precision 66 of 68 = 0.97, any finding 111 of 114;
after (``_without_titles_said_in_english``) error precision 1.00, recall 66 of 114 = 0.58 (unchanged), any finding
precision 1.00, recall 111 of 114 = 0.97 (unchanged). The words the lists give are shipped derived
(``DUTCH_NOT_ENGLISH``): the same figures as with the lists read.

Measured (session 34, ``test_the_error_is_certain_and_the_warning_catches_the_rest`` holds the figures), with the
word lists of pyspellchecker (a word of the English taken from its Dutch, counted fewer than 500 times in the English
list and 100 times at least in the Dutch, is a word only Dutch has: "weg", "nat", "sneeuw", "kantoor", "koffie"):

- error: precision 1.00, recall 63 of 110 = 0.57 (before, with the hand list alone: 45 of 110 = 0.41);
- any finding: precision 1.00, recall 108 of 110 = 0.98 (before: 74 of 110 = 0.67: 36 drafts with one Dutch content
  word, or none of the list, had no finding at all: "Yesterday I fietste to my work", "The kantoor was leeg");
- on session 33's corpus alone (229 good, 77 half-Dutch): error recall 45 → 57 of 77, any finding 73 → 77 of 77,
  both precisions 1.00 before and after. One word the lists know alone stays a warning: on the good English, a single
  such word was a false alarm ("gezellig", "rector": words English shares, ``_SHARED_WORDS``), two were never.

Session 37 added "en" between names or a list's items ("They are called Bep, Truus en Greet.", published with no
finding): a warning where the Dutch joins the same names so (``_names_joined_by_en``). On the corpus and the demo site
(476 good English entries, 1 with " en " before: inside template syntax) it warns on none of the good English; it
warns on the one ``warned:`` title kept unmarked ("My children read Jip en Janneke"), which quotation marks or
emphasis settle. The bench corpus's English (``bench/corpus.py``) writes every "en" as "and": none there.

Measured before (session 33, on its corpus):

- error (Dutch beyond doubt: a Dutch sentence, two words only Dutch has in one sentence, a run of the Dutch's words
  with one of those or two spelled as Dutch spells): precision 1.00 (no good English), recall 45 of 77 = 0.58 (46 before "lag" left the words only Dutch has: the review);
- any finding (error or warning): precision 1.00, recall 73 of 77 = 0.95 (before, on the same corpus: no error at
  all; warnings with precision 0.97 and recall 57 of 77 = 0.74: 16 drafts with a Dutch word opening a sentence missed,
  and 2 good English flagged, one for words inside template syntax, one for a Dutch title as a link's text).
"""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_site
from test_workflow import git, run_task

from publish_pipeline import tasks

from publish_pipeline.catalogs.catalog import Translation
from publish_pipeline.catalogs.checks import Entry, check_entries, sentences
from publish_pipeline.catalogs.extraction import load_unit
from publish_pipeline.catalogs.glossary import Glossary, load_glossary
from publish_pipeline.site import Site

CORPUS = Path(__file__).parent / "fixtures" / "dutch-left.txt"
DEMO = Path(__file__).parent / "sites" / "demo"


def _corpus(key: str) -> list[Entry]:
    """The entries of the corpus file under ``key`` (good, warned, bad, missed), each with its case's Dutch (nl)."""
    entries = []
    for block in CORPUS.read_text(encoding="utf-8").split("\n\n"):
        lines = [line.partition(": ")[::2] for line in block.splitlines() if line and not line.startswith("#")]
        assert {name for name, _ in lines} <= {"nl", "good", "warned", "bad", "missed"}, block
        entries += [_entry(lines[0][1], text) for name, text in lines if name == key]
    return entries


def _demo_entries() -> list[Entry]:
    """The demo site's approved entries, with its glossary and each document's references."""
    site = Site.open(DEMO)
    glossary = load_glossary(site.root)
    entries = []
    for path in sorted((site.root / "source_nl").rglob("*.md")):
        unit = load_unit(site, path, remember=False)
        entries += [Entry(t, unit.references, glossary) for t in unit.catalog.translations if t.approved]
    return entries


def _entry(dutch: str, english: str) -> Entry:
    return Entry(Translation(None, dutch, english, False, 3), {}, Glossary())


GOOD = _corpus("good") + _demo_entries()
WARNED = _corpus("warned")
"""Good English with a Dutch word or a dish's name kept unmarked in lower case ("a borrel", "your huisarts", "a koffie
verkeerd"): warned, never held back."""
BAD = _corpus("bad")
MISSED = _corpus("missed")


def dutch_left(entry: Entry) -> list[str]:
    """What the check ``dutch`` says of an approved English."""
    return [problem.message for problem in check_entries([entry]) if problem.check.startswith("dutch")]


def test_the_corpus_is_large_enough_to_tell() -> None:
    assert sum(len(sentences(entry.translation.text)) for entry in GOOD) >= 200
    assert len(BAD) >= 50


@pytest.mark.parametrize("entry", GOOD, ids=[entry.translation.text[:40] for entry in GOOD])
def test_good_english_with_dutch_names_quotes_code_and_titles_is_no_dutch_left(entry: Entry) -> None:
    assert dutch_left(entry) == []


@pytest.mark.parametrize("entry", BAD, ids=[entry.translation.text[:40] for entry in BAD])
def test_dutch_words_left_in_an_english_sentence_are_caught(entry: Entry) -> None:
    assert dutch_left(entry)


@pytest.mark.xfail(strict=True, reason="not caught yet: a short Dutch word English writes too ('met', 'pas'), or one inside a name's run ('The Vondelpark is erg busy')")
@pytest.mark.parametrize("entry", MISSED, ids=[entry.translation.text[:40] for entry in MISSED])
def test_what_is_not_caught_yet(entry: Entry) -> None:
    assert dutch_left(entry)


def severity(entry: Entry) -> str | None:
    """The severity of what the check ``dutch`` says of an English: ``error``, ``warning`` or None."""
    found = {problem.severity for problem in check_entries([entry]) if problem.check.startswith("dutch")}
    return "error" if "error" in found else found.pop() if found else None


def test_the_error_is_certain_and_the_warning_catches_the_rest() -> None:
    """The figures of this module's docstring: no good English gets the error, nor a warning but the Dutch words kept
    unmarked of ``WARNED``; 101 half-Dutch drafts get the error, 71 more a warning, 3 nothing (on session 34b's corpus:
    66, 45, 3; before session 37's "en" between names: 101, 69, 3 of 173, the two drafts with it had nothing)."""
    assert [severity(entry) for entry in GOOD].count(None) == len(GOOD) == 476
    assert [severity(entry) for entry in WARNED] == ["warning"] * 14
    drafts = [severity(entry) for entry in BAD + MISSED]
    assert (drafts.count("error"), drafts.count("warning"), drafts.count(None)) == (101, 71, 3)


@pytest.mark.parametrize(("dutch", "english", "said"), [
    ("Gisteren fietste ik naar mijn werk in de stromende regen.", "Gisteren fietste I to my werk in the stromende regen.",
     "Dutch words left in the English: 'gisteren', 'fietste', 'werk', 'stromende', 'regen' — translate them: until then the"
     " document's English is held back"),
    ("Loyaliteit is geen blinde trouw, maar een keuze.", "Loyalty is geen blinde trouw, but a choice.",
     "Dutch words left in the English: 'geen', 'blinde', 'trouw' — translate them: until then the document's English is held back"),
    ("Vertrouwen groeit langzaam en verdwijnt snel.", "Trust groeit langzaam and disappears quickly.",
     "Dutch words left in the English: 'groeit', 'langzaam' — translate them: until then the document's English is held back"),
    # one word alone: an error where it is a word of the hand list or one of the Dutch's most common, or "en" before English
    ("Gisteren fietste ik naar mijn werk.", "Gisteren I cycled to work.",
     "a Dutch word left in the English: 'gisteren' — translate it: until then the document's English is held back"),
    ("Maar de weg was nat.", "Maar the road was wet.",
     "a Dutch word left in the English: 'maar' — translate it: until then the document's English is held back"),
    ("Maar de weg was nat en ik was te laat.", "But the weg was wet and I was late.",
     "a Dutch word left in the English: 'weg' — translate it: until then the document's English is held back"),
    ("Maar de weg was nat en ik was te laat.", "But the road was wet en I was late.",
     "a Dutch word left in the English: 'en' — translate it: until then the document's English is held back"),
    ("Volgens Max is het een goed plan.", "Volgens Max is a good plan.",
     "a Dutch word left in the English: 'volgens' — translate it: until then the document's English is held back"),
    # one alone that the Dutch's common words lack, or English knows: a warning (the Dutch things English keeps: "a borrel")
    ("Vanmiddag ga ik boodschappen doen.", "Vanmiddag I am going shopping.", "a Dutch word left in the English: 'vanmiddag' — translate it"),
    ("Ze kocht brood en kaas op de markt.", "She bought brood and cheese at the market.", "a Dutch word left in the English: 'brood' — translate it"),
    ("Op vrijdag is er altijd een borrel op kantoor.", "On Fridays there is always a borrel at the office.",
     "a Dutch word left in the English: 'borrel' — translate it"),
    # the trial's drafts: Dutch words the list lacks, known by the word lists
    ("Maar de weg was nat en koud.", "Maar the weg was wet and cold.",
     "Dutch words left in the English: 'maar', 'weg' — translate them: until then the document's English is held back"),
    ("Maar de weg was nat en koud.", "But the road was nat en cold.",
     "Dutch words left in the English: 'nat', 'en' — translate them: until then the document's English is held back"),
    ("Vanochtend lag er sneeuw.", "Vanochtend there was sneeuw.",
     "Dutch words left in the English: 'vanochtend', 'sneeuw' — translate them: until then the document's English is held back"),
    ("Het kantoor was leeg.", "The kantoor was leeg.",
     "Dutch words left in the English: 'kantoor', 'leeg' — translate them: until then the document's English is held back"),
    ("Gisteren fietste ik naar mijn werk.", "Yesterday I fietste to my work.", "a Dutch word left in the English: 'fietste' — translate it"),
    ("Kies koffie of thee bij de lunch.", "Choose koffie or thee at lunch.", "a Dutch word left in the English: 'koffie' — translate it"),
    # a word the English rightly shares with a run of the Dutch's words is not named ("term")
    ("De term vertrouwen betekent veel.", "The term vertrouwen betekent a lot.",
     "Dutch words left in the English: 'vertrouwen', 'betekent' — translate them: until then the document's English is held back"),
])
def test_the_dutch_words_are_quoted_and_two_in_a_sentence_hold_the_english_back(dutch: str, english: str, said: str) -> None:
    [problem] = [problem for problem in check_entries([_entry(dutch, english)]) if problem.check.startswith("dutch")]
    assert problem.message.split(" (a name")[0] == said
    assert (problem.check, problem.severity) == ("dutch.words", "error" if "held back" in said else "warning")


@pytest.mark.parametrize(("english", "check"), [
    ("My grandmother always said: Het komt altijd weer goed.", "dutch.words"),
    ("My grandmother always said it. Het komt altijd weer goed.", "dutch.sentence"),
])
def test_the_error_says_quotation_marks_or_emphasis_keep_dutch_on_purpose(english: str, check: str) -> None:
    """A saying kept in Dutch on purpose, unquoted, is an error: it says how to keep it (the corpus's good English
    quotes or emphasizes it, which passes)."""
    [problem] = [problem for problem in check_entries([_entry("Mijn oma zei altijd: het komt altijd weer goed.", english)])
                 if problem.check.startswith("dutch")]
    assert (problem.check, problem.severity) == (check, "error")
    assert problem.message.endswith("Dutch kept on purpose, as a saying or a title: put it in quotation marks or emphasis)")


@pytest.mark.parametrize(("dutch", "english"), [
    ('Kies {{ "koffie en thee" }} uit het menu.', 'Choose {{ "koffie en thee" }} from the menu.'),
    ("Lees {% include het-werk-van-onze-mensen.html %} hieronder.", "Read {% include het-werk-van-onze-mensen.html %} below."),
    ('{{< figure src="fiets.jpg" class="mijn fiets in de regen" >}} Mijn fiets stond altijd buiten.',
     '{{< figure src="fiets.jpg" class="mijn fiets in de regen" >}} My bike was always outside.'),
    ("{{% notice %}}Let op: niet meer dan twee.{{% /notice %}}", "{{% notice %}}Note: no more than two.{{% /notice %}}"),
    ("Typ `ik ben er niet meer` in het veld.", "Type `ik ben er niet meer` in the field."),
])
def test_words_inside_template_syntax_and_inline_code_are_no_dutch_left(dutch: str, english: str) -> None:
    assert dutch_left(_entry(dutch, english)) == []


HALF_DUTCH = "Maar if you look at it that way, you maakt loyalty a one-way street."
ONE_WORD = "But if you look at it that way, you turn loyalty into a one-way street for one partij."
LOYALTY = "translations/en/blog/loyaliteit-is-geen-blinde-trouw.po"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
    return subprocess.run([sys.executable, "-m", "publish_pipeline", *args], capture_output=True, text=True,
                          env={**env, "PYTHONPATH": str(REPO / "src")}, timeout=120)


@pytest.mark.parametrize(("english", "code", "published"), [(HALF_DUTCH, 1, False), (ONE_WORD, 0, True)])
def test_half_dutch_english_fails_check_and_stays_off_the_english_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: str, code: int, published: bool
) -> None:
    """The trial: an approved half-Dutch English was published and check exited 0. Two words only Dutch has in one of its
    sentences are an error where the entry is (location first, the words quoted, what to do): check exits 1 and publish
    leaves the document's English page out; one such word alone stays a warning, and the page is published."""
    monkeypatch.delenv("CI", raising=False)
    root = copy_site("demo", tmp_path)
    catalog = root / LOYALTY
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "But if you look at it that way, you turn loyalty into a one-way street.', f'msgstr "{english}'), encoding="utf-8")
    assert catalog.read_text(encoding="utf-8") != text
    checked = _run("check", "--root", str(root))
    assert checked.returncode == code, checked.stdout + checked.stderr
    said = f"{LOYALTY}:48: " + (
        "error: dutch.words: Dutch words left in the English: 'maar', 'maakt' — translate them: until then the document's English is held back"
        if code else "warning: dutch.words: a Dutch word left in the English: 'partij' — translate it"
    )
    assert said in (checked.stdout + checked.stderr)
    assert _run("publish", "--root", str(root)).returncode == 0
    page = root / "public/en/blog/loyalty-is-not-blind-allegiance/index.html"
    assert page.exists() == published
    assert (root / "public/blog/loyaliteit-is-geen-blinde-trouw/index.html").exists()  # the Dutch page stays


def test_a_machine_draft_with_dutch_left_beyond_doubt_is_a_warning_until_she_approves_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trial: once the author drafted, every machine draft that left two Dutch words in a sentence was an error:
    check failed in CI and the commit hook refused every commit of a PO file, for drafts nobody had reviewed (none of
    them published). A draft's finding is a warning that says to translate the words before approving; approved, the
    same English is the error that holds the document's English back."""
    dutch, english = "Maar als je het zo bekijkt, maakt je loyaliteit eenrichtingsverkeer.", HALF_DUTCH
    draft = Entry(Translation(None, dutch, english, True, 3), {}, Glossary())
    [found] = [problem for problem in check_entries([draft]) if problem.check.startswith("dutch")]
    assert (found.severity, found.message.split(" (a name")[0]) == (
        "warning", "Dutch words left in the English: 'maar', 'maakt' — translate them before you approve it")
    [approved] = [problem for problem in check_entries([_entry(dutch, english)]) if problem.check.startswith("dutch")]
    assert approved.severity == "error"
    monkeypatch.delenv("CI", raising=False)
    root = copy_site("demo", tmp_path)
    catalog = root / LOYALTY
    text = catalog.read_text(encoding="utf-8")
    old = 'msgstr "But if you look at it that way, you turn loyalty into a one-way street.'
    before = text[:text.index(old)]
    entry_start = before.rindex("\n\n") + 2
    drafted = text[:entry_start] + "#, fuzzy\n" + text[entry_start:].replace(old, f'msgstr "{english}', 1)
    catalog.write_text(drafted, encoding="utf-8")
    checked = _run("check", "--root", str(root))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{LOYALTY}:49: warning: dutch.words: Dutch words left in the English: 'maar', 'maakt' — translate them before you approve it" in checked.stdout + checked.stderr


@pytest.mark.parametrize(("dutch", "english"), [
    # the Dutch writes it with its capital inside a sentence: a title or a name there (errors at 57c95aa)
    ("Zijn roman Nooit meer slapen is een klassieker.", "Nooit meer slapen is a classic by W.F. Hermans."),
    ("Elke avond keken we naar Tijd voor Max.", "Tijd voor Max was what we watched every evening."),
    ("Ik kijk elke dag naar Goede tijden, slechte tijden.", "Goede tijden, slechte tijden is what I watch every day."),
    ("De serie Toen was geluk heel gewoon liep jaren.", "Toen was geluk heel gewoon was a popular series."),
    ("Ze zong Kom van dat dak af.", "Kom van dat dak af is a children's song."),
    ("Het boek Mijn leven als hond is prachtig.", "Mijn leven als hond is a beautiful book."),
    ("Zij las Ik ben er even niet.", "Ik ben er even niet is the book she read."),
    # followed by a capitalised word of the Dutch: a name (warnings at 57c95aa)
    ("De Oude Kerk is het oudste gebouw van Amsterdam.", "Oude Kerk is the oldest building in Amsterdam."),
    ("De Nieuwe Markt is 's avonds gezellig.", "Nieuwe Markt is lively at night."),
    ("Zonder Zorgen is een restaurant.", "Zonder Zorgen is a restaurant."),
    ("De winkel heet Echt Goed.", "Echt Goed is the shop."),
])
def test_a_dutch_name_or_title_opening_an_english_sentence_is_no_dutch_left(dutch: str, english: str) -> None:
    """A sentence's first word only Dutch has counts as Dutch left ("Maar the road was wet"), but not where it opens a
    title or a name kept in Dutch: the Dutch writes it with its capital inside a sentence, or a capitalised word of
    the Dutch follows it (the review: travel and culture English, names and titles opening its sentences)."""
    assert dutch_left(_entry(dutch, english)) == []


KIJKT = "Maar if you kijkt at it that way, you turn loyalty into a one-way street."


@pytest.mark.parametrize(("earlier", "state"), [(KIJKT, "held"), (ONE_WORD, "older")])
def test_an_earlier_version_with_dutch_left_beyond_doubt_is_no_last_good_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, earlier: str, state: str
) -> None:
    """The trial: a version approved with "Maar the weg was wet and cold." passed with a warning for 'maar' alone, and
    stayed live as the last good version once a later edit made the entry an error. Earlier versions are judged with
    today's check (``quality.live``): the word lists make 'kijkt' a word only Dutch has, so that version is Dutch left
    beyond doubt and passes no gate, and the document's English is held back. A version with one Dutch word alone (a
    warning, as it would be now) stays live, as it would if it were the current one. Real git commits."""
    monkeypatch.delenv("CI", raising=False)
    root = copy_site("demo", tmp_path)
    git(root, "init", "-q")
    catalog = root / LOYALTY
    text = catalog.read_text(encoding="utf-8")
    good = 'msgstr "But if you look at it that way, you turn loyalty into a one-way street.'
    for version, english in (("approved, Dutch left", earlier), ("a later edit: Dutch beyond doubt", HALF_DUTCH)):
        catalog.write_text(text.replace(good, f'msgstr "{english}'), encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", version)
    first = git(root, "rev-parse", "HEAD~1").stdout.strip()
    _, output = run_task(tasks.status, root, json=True)
    live = next(document["live"] for document in json.loads(output)["documents"] if document["id"] == "blog/loyaliteit-is-geen-blinde-trouw")
    assert (live["state"], live["commit"]) == (state, first if state == "older" else None), live


def test_the_shipped_words_only_dutch_has_are_those_the_word_lists_give() -> None:
    """The file of words only Dutch has by the word lists is derived from the installed pyspellchecker's lists by
    ``scripts/dutch_not_english.py`` with today's thresholds, licence notice included: it cannot drift from them."""
    from publish_pipeline.catalogs.checks import DUTCH_NOT_ENGLISH

    script = runpy.run_path(str(REPO / "scripts" / "dutch_not_english.py"))
    assert DUTCH_NOT_ENGLISH.read_text(encoding="utf-8") == script["derived"](), "run: PYTHONPATH=src python scripts/dutch_not_english.py"
    assert "Permission is hereby granted" in script["derived"]()


def test_without_pyspellchecker_the_words_only_dutch_has_by_the_word_lists_are_known(monkeypatch: pytest.MonkeyPatch) -> None:
    """An editable install from before pyspellchecker was a dependency lacks it: check judged with the hand list alone
    ('weg' unknown: 'maar' a warning). The words the lists give are shipped with the package, so it judges the same."""
    from publish_pipeline.catalogs import checks

    monkeypatch.setitem(sys.modules, "spellchecker", None)  # import spellchecker raises ModuleNotFoundError
    checks._dutch_not_english_words.cache_clear()
    assert severity(_entry("Maar de weg was nat en koud.", "Maar the weg was wet and cold.")) == "error"


@pytest.mark.parametrize(("dutch", "english", "said"), [
    ("frictie-als-brandstof", "friction-as-brandstof", "brandstof"),  # a machine's draft of a slug (a trial)
    ("een-dag-in-amsterdam", "a-dag-in-amsterdam", "dag"),
    ("vertrouwen-is-geen-knop", "trust-is-geen-button", "geen"),
    ("vertrouwen-is-geen-knop", "vertrouwen-is-geen-knop", None),  # the Dutch slug kept whole: a choice
    ("een-dag-in-amsterdam", "a-day-in-amsterdam", None),  # a name
    ("de-band-en-de-gift", "the-band-and-the-gift", None),  # words English has
])
def test_a_slug_that_keeps_words_only_dutch_has_is_warned(dutch: str, english: str, said: str | None) -> None:
    """Machine-drafted slugs kept Dutch words ('friction-as-brandstof') and nothing said so, while the title with the
    same words had its warning: the English page would be served at a half-Dutch address."""
    from publish_pipeline.catalogs.catalog import Translation
    from publish_pipeline.catalogs.checks import Entry, check_entries
    from publish_pipeline.catalogs.glossary import Glossary
    from publish_pipeline.text.slugs import SLUG

    found = [(p.check, p.severity, p.message) for p in check_entries([Entry(Translation(SLUG, dutch, english, False, 3), {}, Glossary())])]
    expected = [("dutch.slug", "warning", f"the slug keeps Dutch words ({said}): translate them, or keep the Dutch slug whole")] if said else []
    assert found == expected


@pytest.mark.parametrize("slug", ["eigenaarschap-in-teams", "een-dag-in-amsterdam", "the-band-and-the-gift"])
def test_a_draft_that_keeps_the_dutch_slug_whole_is_warned_before_she_approves_it(slug: str) -> None:
    """The Dutch slug kept whole is her choice once approved (no finding: the case above), not a machine's: its draft
    says that the English page's address would be the Dutch page's, as the title's unchanged draft says it is the Dutch
    (a trial: "eigenaarschap-in-teams" approved as it came, live at the Dutch address). Whatever its words: no word
    list knows "eigenaarschap"."""
    from publish_pipeline.catalogs.catalog import Translation
    from publish_pipeline.catalogs.checks import Entry, check_entries
    from publish_pipeline.catalogs.glossary import Glossary
    from publish_pipeline.text.slugs import SLUG

    def found(fuzzy: bool) -> list[tuple[str, str, str]]:
        return [(p.check, p.severity, p.message) for p in check_entries([Entry(Translation(SLUG, slug, slug, fuzzy, 3), {}, Glossary())])]

    assert found(True) == [("dutch.slug", "warning", f"the draft keeps the Dutch slug ({slug}): approved as it is, the English page's address "
                                                     "is the Dutch page's — translate it, or approve it to keep that address")]
    assert found(False) == []


def _invoke(*args: str, ci: bool) -> subprocess.CompletedProcess[str]:
    """Invoke's program on the repository's tasks.py, as the workflow runs it (``CI`` set for its publish)."""
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES", "CI")}
    return subprocess.run([sys.executable, "-m", "invoke", *args], capture_output=True, text=True, cwd=REPO, timeout=120,
                          env={**env, "PYTHONPATH": str(REPO / "src"), **({"CI": "true"} if ci else {})})


@pytest.mark.parametrize(("english", "word"), [
    ("Maar if you look at it that way, you turn loyalty into a one-way street.", "maar"),  # a warning, published, before
    ("But if you look at it that way en you turn loyalty into a one-way street.", "en"),  # no finding at all, before
])
def test_one_dutch_word_beyond_doubt_fails_invoke_check_and_a_ci_publish_holds_the_english_back(tmp_path: Path, english: str, word: str) -> None:
    """The owner's worst failure: an approved English with one Dutch word left ("Maar the road was wet", "wet en I was
    late") went live when approved in Poedit or a text editor. Through Invoke's program on the repository's tasks.py,
    as the workflow runs it: ``invoke check`` exits 1 with the entry's place first, the word quoted and what to do;
    ``invoke publish`` in CI publishes the Dutch page and holds the English one back, and says so."""
    root = copy_site("demo", tmp_path)
    catalog = root / LOYALTY
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "But if you look at it that way, you turn loyalty into a one-way street.', f'msgstr "{english}'), encoding="utf-8")
    checked = _invoke("check", "--root", str(root), ci=False)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert (f"{LOYALTY}:48: error: dutch.words: a Dutch word left in the English: '{word}' — translate it: until then the document's"
            " English is held back (a name that stays Dutch: put it under 'keep:' in the glossary; Dutch kept on purpose, as a saying"
            " or a title: put it in quotation marks or emphasis)") in checked.stdout.splitlines()
    published = _invoke("publish", "--root", str(root), ci=True)
    assert not (root / "public/en/blog/loyalty-is-not-blind-allegiance/index.html").exists(), published.stdout + published.stderr
    assert (root / "public/blog/loyaliteit-is-geen-blinde-trouw/index.html").exists()
    assert published.stdout.splitlines()[-1].startswith("publish:"), published.stdout + published.stderr
    assert "held back:" in published.stdout.splitlines()[-1], published.stdout  # the line that says what it held back


def test_check_warns_of_en_between_names_at_the_line_through_the_cli(tmp_path: Path) -> None:
    """The trial's English "They are called Bep, Truus en Greet." was published with no finding: check now warns at
    its PO line, naming the names and what to write; a warning holds nothing back (exit 0), as a kept title may be meant."""
    import polib

    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "source_nl/blog/zussen.md").write_text("---\ntitle: De zussen\n---\n\nZe heten Bep, Truus en Greet.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "publish_pipeline", *args, "--root", str(root)], capture_output=True, text=True, env=env, timeout=120)

    assert cli("extract").returncode == 0
    path = root / "translations/en/blog/zussen.po"
    po = polib.pofile(str(path), wrapwidth=0)
    english = {"zussen": "sisters", "De zussen": "The sisters", "Ze heten Bep, Truus en Greet.": "They are called Bep, Truus en Greet."}
    for entry in po:
        entry.msgstr = english[entry.msgid]
    po.save(str(path))
    done = cli("check")
    line = path.read_text(encoding="utf-8").split("\n").index('msgid "Ze heten Bep, Truus en Greet."') + 1
    assert done.returncode == 0, done.stdout + done.stderr
    assert (f"translations/en/blog/zussen.po:{line}: warning: dutch.words: the Dutch 'en' between names: 'Bep, Truus en Greet' — write 'and'"
            in done.stdout), done.stdout
