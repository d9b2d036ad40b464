"""Our wrapping against GNU msgcat's, byte for byte: msgcat is the oracle (Poedit has it wrap every file it saves).

Each test writes many entries into one PO file, has ``msgcat --width=N`` write it, and compares every entry's
lines with ours: texts with spaces, long words, escapes, ``\\n``, quotes, tabs and characters outside ASCII.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import msgfmt_check
from publish_pipeline.catalogs import catalog as catalog_module
from publish_pipeline.catalogs.wrapping import MIN_WIDTH, wrapped_field, wrapped_references

pytestmark = pytest.mark.skipif(shutil.which("msgcat") is None, reason="msgcat (GNU gettext) is not installed")

WIDTHS = (79, 76)
SPECIALS = (
    ".,;:!?-/()[]{}'\"\\%$#@&*+=<>|~_`^0123456789\t\r\a\b\f\v"
    "éëïüßñøÉ“”‘’«»–—…€£°·¡¿½×§´\xa0\xad\u2009\u202f\u200b\u2028\u0301中文あ"
)
"""What a text may hold beside letters and spaces: ASCII's punctuation and digits, the escaped control characters,
and what Dutch and English texts hold beyond ASCII (quotes, dashes, the ellipsis, no-break and thin spaces, a soft
hyphen, a combining accent), with a line separator, a zero-width space and wide characters for good measure."""


def _escaped(text: str) -> str:
    return "".join({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}.get(c, c) for c in text)


def _msgcat_lines(texts: list[str], width: int, tmp_path: Path) -> list[list[str]]:
    """The lines msgcat writes for each of ``texts`` as a msgstr, at ``width`` (one msgcat run for them all)."""
    path = tmp_path / f"texts-{width}.po"
    entries = "".join(f'msgid "k{number}"\nmsgstr "{_escaped(text)}"\n\n' for number, text in enumerate(texts))
    path.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n{entries}', encoding="utf-8")
    written = subprocess.run(["msgcat", f"--width={width}", str(path)], capture_output=True, text=True, check=True).stdout
    blocks = [block.split("\n") for block in written.rstrip("\n").split("\n\n")[1:]]
    assert [block[0] for block in blocks] == [f'msgid "k{number}"' for number in range(len(texts))]
    return [block[1:] for block in blocks]


def _assert_as_msgcat(texts: list[str], tmp_path: Path, widths: tuple[int, ...] = WIDTHS) -> None:
    for width in widths:
        for text, theirs in zip(texts, _msgcat_lines(texts, width, tmp_path), strict=True):
            assert wrapped_field("", "msgstr", text, width) == theirs, (width, text)


URL_PIECES = ("https://", "www.", "example.nl", "/", "boek", "de", "-", "functie", "van", "frictie", "1", "2026", "?q=", "&", "#", "_", ".", "--", "\u2010")
"""What URLs and hyphenated words are made of: slashes, hyphens, digits, the query's marks (UAX #14 breaks after a
hyphen before a letter, not before a digit; after a slash before a letter, not before a digit)."""


_words = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
_text = st.lists(
    st.one_of(
        _words, _words, _words,
        st.sampled_from([" ", " ", " ", "  ", "\n", " \n"]),
        st.text(SPECIALS, min_size=1, max_size=3),
        st.text("abcdefghijklmnopqrstuvwxyz", min_size=70, max_size=120),  # a word longer than a line
        st.lists(st.sampled_from(URL_PIECES), min_size=1, max_size=12).map("".join),  # a URL, hyphens among words and digits
    ),
    max_size=60,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_text, min_size=1, max_size=40))
def test_texts_wrap_as_msgcat_wraps_them(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    _assert_as_msgcat(texts, tmp_path_factory.mktemp("wrap"))


def test_many_random_texts_wrap_as_msgcat_wraps_them(tmp_path: Path) -> None:
    """Thousands of texts in a few msgcat runs, at widths a PO editor might be set to and at msgcat's narrowest."""
    rng = random.Random(26)
    pieces = [*"abcdefghij", " ", " ", " ", "  ", "\n", *SPECIALS]

    def text() -> str:
        words = []
        for _ in range(rng.randint(0, 40)):
            if rng.random() < 0.7:
                words.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 12 if rng.random() < 0.9 else 90))))
            else:
                words.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))))
        return rng.choice([" ", "  ", ""]).join(words)

    _assert_as_msgcat([text() for _ in range(3000)], tmp_path, (79, 76, 100, 20))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a\n",
        "a\nb",
        "\n\n",
        "Een regel\n" * 3,
        "Wie een verandering leidt, wil meestal dat het soepel loopt. Geen gedoe, geen weerstand, iedereen enthousiast aan boord.",
        "Daarom noem ik frictie in [De functie van frictie](https://www.managementboek.nl/boek/de-functie-van-frictie) een *bron van energie*.",
        "x" * 200,
        "een “citaat” — en… 3,5 % of €\xa012 (ongeveer) met\ttabs en \"quotes\" en \\backslashes\\ " * 3,
    ],
)
def test_known_texts_wrap_as_msgcat_wraps_them(tmp_path: Path, text: str) -> None:
    _assert_as_msgcat([text], tmp_path, (79, 76, 40))


HYPHENATED = [
    "Daarom noem ik frictie in [De functie van frictie](https://www.managementboek.nl/boek/de-functie-van-frictie) een bron van energie.",
    "zie https://www.managementboek.nl/boek/de-functie-van-frictie en https://example.nl/-/a-1/b-2026/-x/--y/z- of /-",
    "een -woord, woord- en -- streepjes: 2026-12-01, a-1, 1-a, -1, x/-y, x/1-y, x-/y, (a-b) [c-d] \"e-f\" ‘g-h’ x\u2010y x\xady",
    "heel-lange-samengestelde-woorden-met-veel-koppeltekens-die-op-geen-enkele-regel-passen-zonder-af-te-breken-ergens",
]
"""Texts whose lines break at hyphens and slashes: the URL Hypothesis found, hyphens at a word's start and end, before
and after digits, slashes and brackets."""


def test_hyphens_and_urls_wrap_as_msgcat_wraps_them_after_each_prefix(tmp_path: Path) -> None:
    """Every width from msgcat's narrowest to 120, for a msgid, a previous msgid (``#| ``, whose prefix leaves the
    text less room), an obsolete entry's and its previous msgid's (``#~ ``, ``#~| ``) and a msgstr[0]."""
    path = tmp_path / "hyphens.po"
    entries = "".join(
        f'#, fuzzy\n#| msgid "{_escaped(text)}"\nmsgid "{number} {_escaped(text)}"\nmsgid_plural "p"\nmsgstr[0] "{_escaped(text)}"\nmsgstr[1] ""\n\n'
        f'#~| msgid "{_escaped(text)}"\n#~ msgid "old {number} {_escaped(text)}"\n#~ msgstr "{_escaped(text)}"\n\n'
        for number, text in enumerate(HYPHENATED)
    )
    path.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n{entries}', encoding="utf-8")
    for width in range(MIN_WIDTH, 121):
        ours = [["#, fuzzy", *wrapped_field("#| ", "msgid", text, width), *wrapped_field("", "msgid", f"{number} {text}", width),
                 'msgid_plural "p"', *wrapped_field("", "msgstr[0]", text, width), 'msgstr[1] ""'] for number, text in enumerate(HYPHENATED)]
        ours += [[*wrapped_field("#~| ", "msgid", text, width), *wrapped_field("#~ ", "msgid", f"old {number} {text}", width),
                  *wrapped_field("#~ ", "msgstr", text, width)] for number, text in enumerate(HYPHENATED)]  # msgcat writes obsolete entries last
        written = subprocess.run(["msgcat", f"--width={width}", str(path)], capture_output=True, text=True, check=True).stdout
        assert [block.split("\n") for block in written.rstrip("\n").split("\n\n")[1:]] == ours, width


def test_whole_files_are_written_as_msgcat_writes_them(tmp_path: Path) -> None:
    """The header, references, previous texts (``#|``), contexts and obsolete entries (``#~``) too, at each width."""
    rng = random.Random(5)
    words = ("frictie is geen teken dat het misgaat , het is de plek waar mensen laten zien wat belangrijk is é “x” — "
             "https://www.managementboek.nl/boek/de-functie-van-frictie-en-nog-veel-meer \"quote\" tab\there regel\nnieuw").split(" ")

    def text(most: int) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(0, most)))

    po = polib.POFile(wrapwidth=0)
    po.header = "English translation of source_nl/blog/x.md.\nMade by publish-pipeline extract."
    po.metadata = {
        "Project-Id-Version": "x", "PO-Revision-Date": "2026-12-01 06:00+0000", "Last-Translator": "", "Language-Team": "English",
        "Language": "en", "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
        "X-Adopted-English": "content/blog/a-rather-long-file-name-for-a-post.en.md sha256:" + "ab" * 32,
    }
    for number in range(60):
        entry = polib.POEntry(msgid=f"{number} {text(40)}", msgstr=text(40) + "." if number % 3 else "", msgctxt="title" if number % 7 == 0 else None)
        entry.occurrences = [(f"source_nl/blog/a-post-with-a-long-name-{line}.md", str(line)) for line in range(rng.randint(0, 6))]
        if number % 4 == 1 and entry.msgstr:
            entry.flags, entry.previous_msgid = ["fuzzy"], text(30)
        entry.tcomment = "mt: test" if number % 5 == 2 else ""
        entry.comment = "front matter: title" if number % 6 == 3 else ""
        po.append(entry)
    for number in range(5):
        po.append(polib.POEntry(msgid=f"old {number} {text(30)}", msgstr=text(30) + ".", obsolete=True, previous_msgid=text(20) if number % 2 else None))
    path = tmp_path / "x.po"
    path.write_text(catalog_module._po_text(po), encoding="utf-8")
    for width in (79, 76, 50):
        ours = "\n".join(catalog_module._po_blocks(po, width))
        assert ours == subprocess.run(["msgcat", f"--width={width}", str(path)], capture_output=True, text=True, check=True).stdout
        wrapped = tmp_path / f"x-{width}.po"
        wrapped.write_text(ours, encoding="utf-8")
        msgfmt_check(wrapped)


def test_references_wrap_where_msgcat_wraps_them() -> None:
    references = [f"source_nl/blog/post-{number}.md:{number * 7}" for number in range(12)]
    lines = wrapped_references(references, 79)
    assert len(lines) > 1 and all(len(line) <= 79 for line in lines) and " ".join(lines).replace("#: ", "").replace("#:", "").split() == references
    assert wrapped_references(["x" * 100 + ".md:1"], 79) == ["#: " + "x" * 100 + ".md:1"]  # a long one stays whole


EUROPEAN = [
    (0xA0, 0x530),  # Latin-1, Latin Extended-A and -B, IPA, spacing modifiers, combining diacritics, Greek, Cyrillic
    (0x1E00, 0x1F00),  # Latin Extended Additional
    (0x2000, 0x2070),  # General Punctuation
    (0x20A0, 0x20C1),  # currency signs
    (0x2100, 0x2300),  # letterlike symbols, arrows, mathematical operators
]


def test_each_character_of_european_scripts_wraps_as_msgcat_wraps_it(tmp_path: Path) -> None:
    """Every character of the blocks whose line breaking we claim exact, among words, spaces and punctuation."""
    rng = random.Random(20)
    texts = []
    for low, high in EUROPEAN:
        for char in map(chr, range(low, high)):
            if not (char.isprintable() or char in "\xad\u200b\u200c\u200d\u2028\u2029"):
                continue
            for _ in range(4):
                parts = [char if rng.random() < 0.3 else rng.choice(["ab", "word", "x" * rng.randint(1, 15), ",", "(", ")", "-", "1", '"', ".", char * 2])
                         for _ in range(rng.randint(3, 14))]
                texts.append("".join(rng.choice([part, part + " ", " " + part]) for part in parts))
    _assert_as_msgcat(texts, tmp_path, (20, 27))
