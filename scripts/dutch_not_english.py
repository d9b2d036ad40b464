"""Derive the words only Dutch has by the word lists (``src/publish_pipeline/catalogs/dutch_not_english.txt``) from the
installed pyspellchecker's English and Dutch lists, which the check ``dutch`` reads from the file in milliseconds
rather than from the lists in 0.7 s of CPU per process.

    PYTHONPATH=src python scripts/dutch_not_english.py

A Dutch word counted at least ``COMMON_IN_DUTCH`` times in the Dutch list and fewer than ``RARE_IN_ENGLISH`` times in the
English list is one; those counted at least ``COMMON_DUTCH_ALONE`` times come first, then those counted
``COMMON_DUTCH_OPENING`` times, each in a block of their own. A last block (``SHARED``) holds the words English knows
but seldom writes (fewer than ``UNCOMMON_IN_ENGLISH`` times) that Dutch writes ``MOSTLY_DUTCH`` times as often ("brood").
``test_checks_dutch_left`` derives the file again and compares: change a threshold, upgrade pyspellchecker, run this."""

from __future__ import annotations

import gzip
import json
from importlib import metadata, resources

from publish_pipeline.catalogs.checks import (
    COMMON_DUTCH_ALONE, COMMON_DUTCH_OPENING, COMMON_IN_DUTCH, DUTCH_NOT_ENGLISH, MOSTLY_DUTCH, RARE_IN_ENGLISH, SHARED, UNCOMMON_IN_ENGLISH,
)


def frequencies(language: str) -> dict[str, int]:
    """pyspellchecker's word list of a language ('en', 'nl'): each lower-case word with how often it was counted."""
    with (resources.files("spellchecker") / "resources" / f"{language}.json.gz").open("rb") as packed:
        return json.loads(gzip.decompress(packed.read()))


def licence() -> str:
    """pyspellchecker's licence (MIT), whose notice goes with the words taken from its lists."""
    distribution = metadata.distribution("pyspellchecker")
    [path] = [file for file in distribution.files or [] if file.name == "LICENSE"]
    return path.read_text(encoding="utf-8")


def derived() -> str:
    """The text of the file: a comment saying where it comes from, then a block per threshold (its first line the
    threshold, most common first), each word of a block on its own line, sorted."""
    english, dutch = frequencies("en"), frequencies("nl")
    known = {word: count for word, count in dutch.items() if count >= COMMON_IN_DUTCH and english.get(word, 0) < RARE_IN_ENGLISH}
    assert not any(word.isdigit() or not word.strip() or word != word.split()[0] for word in known)  # no word reads as a threshold
    thresholds = sorted({COMMON_DUTCH_ALONE, COMMON_DUTCH_OPENING, COMMON_IN_DUTCH}, reverse=True)
    blocks = []
    for least, below in zip(thresholds, [None, *thresholds]):
        words = sorted(word for word, count in known.items() if count >= least and (below is None or count < below))
        blocks.append("\n".join([str(least), *words]))
    mostly_dutch = sorted(
        word for word, count in dutch.items()
        if count >= COMMON_IN_DUTCH and RARE_IN_ENGLISH <= english.get(word, 0) < UNCOMMON_IN_ENGLISH and count >= MOSTLY_DUTCH * english[word]
    )
    blocks.append("\n".join([SHARED, *mostly_dutch]))
    notice = (
        f"Dutch words no English word is, derived by scripts/dutch_not_english.py from pyspellchecker"
        f" {metadata.version('pyspellchecker')}'s word lists (counted {COMMON_IN_DUTCH} times at least in the Dutch list,"
        f" fewer than {RARE_IN_ENGLISH} in the English), whose licence follows.\n\n{licence()}"
    )
    comment = "\n".join(f"# {line}".rstrip() for line in notice.strip().splitlines())
    return comment + "\n\n" + "\n\n".join(blocks) + "\n"


if __name__ == "__main__":
    DUTCH_NOT_ENGLISH.write_text(derived(), encoding="utf-8")
