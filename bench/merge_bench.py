"""Benchmark of extract's fuzzy matching: one document whose N paragraphs (bench/corpus.py's) all have approved
English, then every paragraph reworded (a word put in, one changed) and extracted again.

    python bench/merge_bench.py [--paragraphs 300] [--moved-links]

Prints the processor time (this process's: the machine may be shared) of the second extract (the real command's library call: read, merge, write) and of ``catalog.merge``
alone, and how many reworded paragraphs took their own old English. With ``--moved-links`` the author changes
only each paragraph's link instead (``catalog.carry``).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import tempfile
import time
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ENGLISH, WORDS, paragraph  # noqa: E402

from publish_pipeline.catalogs import catalog as catalog_module  # noqa: E402
from publish_pipeline.catalogs.catalog import merge, read_catalog  # noqa: E402
from publish_pipeline.catalogs.extraction import extract, load_unit  # noqa: E402
from publish_pipeline.site import Site  # noqa: E402

NOW = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.timezone.utc)


def english(dutch: str) -> str:
    return " ".join(ENGLISH.get(word, word) for word in dutch.split(" "))


def reworded(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    at = rng.randrange(len(words) // 2, len(words))
    words.insert(at, rng.choice(WORDS))
    words[rng.randrange(8, len(words))] = rng.choice(WORDS)
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=300)
    parser.add_argument("--moved-links", action="store_true")
    arguments = parser.parse_args()
    rng = random.Random(37)
    paragraphs = [paragraph(random.Random(number), number + 1) for number in range(arguments.paragraphs)]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pipeline.yaml").write_text("project: bench\n", encoding="utf-8")
        source = root / "source_nl/blog/lang.md"
        source.parent.mkdir(parents=True)
        source.write_text("---\ntitle: Lang\n---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        extract(Site.open(root), now=NOW)
        po_path = root / "translations/en/blog/lang.po"
        po = polib.pofile(str(po_path), wrapwidth=0)
        for entry in po:
            entry.msgstr = english(entry.msgid)
        po.save(str(po_path))
        if arguments.moved_links:
            changed = [text.replace("](/blog/", "](/posts/", 1) for text in paragraphs]
        else:
            changed = [reworded(text, rng) for text in paragraphs]
        source.write_text("---\ntitle: Lang\n---\n" + "\n\n".join(changed) + "\n", encoding="utf-8")

        site = Site.open(root)
        unit = load_unit(site, source, remember=False)
        old = read_catalog(po_path, "lang.po")
        started = time.process_time()
        merged = merge(old, unit.segments, unit.document.path, site.config, NOW)
        merge_time = time.process_time() - started
        own = sum(t.previous == was or (t.previous is None and t.approved) for t, was in
                  zip([t for t in merged.translations if t.context is None], paragraphs))
        kept = getattr(catalog_module, "_ratio", None)  # ratios a merge keeps (since s37): the extract's are its own
        if kept is not None:
            kept.cache_clear()
        started = time.process_time()
        extract(site, now=NOW)
        extract_time = time.process_time() - started
    print(f"{arguments.paragraphs} paragraphs {'with a moved link' if arguments.moved_links else 'reworded'}: "
          f"merge {merge_time:.2f} s, extract {extract_time:.2f} s; {own} took their own old English")


if __name__ == "__main__":
    main()
