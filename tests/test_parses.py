"""Each source is parsed once: later commands reuse the parse while the source's bytes are the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_site
from publish_pipeline.catalogs import extraction
from publish_pipeline.text.parses import PARSES_FILE, Parses
from publish_pipeline.site import Site
from publish_pipeline.quality.status import assess_site


def counting_segmentation(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = extraction.segment
    monkeypatch.setattr(extraction, "segment", lambda document, *rest: parsed.append(document.id) or real(document, *rest))
    return parsed


def test_status_parses_each_source_once_and_judges_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_site("demo", tmp_path)
    parsed = counting_segmentation(monkeypatch)
    first = assess_site(Site.open(root)).to_json()
    assert len(parsed) == 5
    again = assess_site(Site.open(root)).to_json()
    assert len(parsed) == 5, "the second assessment reads the parses kept by the first"
    assert again == first
    source = root / "source_nl/topics/vertrouwen.md"
    source.write_text(source.read_text(encoding="utf-8").replace("geen knop", "geen schakelaar", 1), encoding="utf-8")
    changed = assess_site(Site.open(root)).to_json()
    assert parsed[5:] == ["topics/vertrouwen"]
    assert changed != first


def test_a_damaged_cache_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_site("demo", tmp_path)
    expected = assess_site(Site.open(root)).to_json()
    Parses._open.clear()  # as in a new process
    for suffix in ("-wal", "-shm"):
        Path(f"{root / PARSES_FILE}{suffix}").unlink(missing_ok=True)
    (root / PARSES_FILE).write_bytes(b"not a database" * 100)
    assert assess_site(Site.open(root)).to_json() == expected
    Parses._open.clear()
    parsed = counting_segmentation(monkeypatch)
    assert assess_site(Site.open(root)).to_json() == expected
    assert parsed == [], "the damaged file was replaced by a working cache"


def test_extract_does_not_keep_parses(tmp_path: Path) -> None:
    """A cold extract should not pay for a cache only the commands reading every document use."""
    root = copy_site("demo", tmp_path)
    extraction.extract(Site.open(root))
    assert not (root / PARSES_FILE).exists()


def test_a_damaged_kept_english_costs_only_that_documents_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The English kept for every document is read in one go: a row that cannot be read back means that
    document alone is assessed again, and the verdicts are the same."""
    import sqlite3

    root = copy_site("demo", tmp_path)
    first = assess_site(Site.open(root), english=True)
    kept = [status.document_id for status in first.documents if status.english is not None]
    assert len(kept) > 1
    Parses._open.clear()  # as in a new process
    with sqlite3.connect(root / PARSES_FILE) as db:
        db.execute("UPDATE english SET html = ? WHERE location = ?", (b"not a pickle", f"source_nl/{kept[0]}.md"))
    reassessed: list[str] = []
    real = assess_site.__globals__["assess_unit"]
    monkeypatch.setitem(assess_site.__globals__, "assess_unit", lambda site, unit, *rest, **options: reassessed.append(unit.document.id) or real(site, unit, *rest, **options))
    again = assess_site(Site.open(root), reuse=True, english=True)
    assert reassessed == [kept[0]]
    assert [(s.document_id, s.english) for s in again.documents] == [(s.document_id, s.english) for s in first.documents]


def test_only_outlines_that_took_a_parse_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks' Dutch outline of a text without markup is made without a parse: keeping it only costs time
    (see ``status._remember_outlines``). The next status reads back those kept, parses none, and judges the same."""
    from publish_pipeline.catalogs import checks
    from publish_pipeline.text.markdown import MARKUP

    root = copy_site("demo", tmp_path)
    first = assess_site(Site.open(root)).to_json()
    Parses._open.clear()  # as in a new process: the rows written are all there is
    kept = {text for parse in _kept_parses(root) for text in parse.outlines}
    assert len(kept) > 5 and all(MARKUP.search(text) for text in kept)
    outlined: list[str] = []
    real = checks._outline
    monkeypatch.setattr(checks, "_outline", lambda text, references: outlined.append(text) or real(text, references))
    assert assess_site(Site.open(root)).to_json() == first
    assert outlined and not kept.intersection(outlined)  # the Dutch with markup is never outlined again


def test_the_kept_dutch_outlines_keep_their_sentence_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentences check counts a Dutch text's sentences once a version of it: the count is kept with its outline,
    and the next status (no verdict kept) counts fewer texts, and judges the same."""
    from publish_pipeline.catalogs import checks
    from publish_pipeline.quality.status import VERDICTS_FILE

    root = copy_site("demo", tmp_path)
    counted: list[str] = []
    real = checks._sentence_pieces
    monkeypatch.setattr(checks, "_sentence_pieces", lambda text: counted.append(text) or real(text))
    first = assess_site(Site.open(root)).to_json()
    kept = [outline for parse in _kept_parses(root) for outline in parse.outlines.values() if "_sentences" in outline.__dict__]
    assert len(kept) > 5  # those of the texts the checks judged (an untranslated one is not)
    Parses._open.clear()  # as in a new process
    (root / VERDICTS_FILE).unlink()
    counted_first, counted[:] = len(counted), []
    assert assess_site(Site.open(root), reuse=True).to_json() == first
    assert len(counted) == counted_first - len(kept)


def _kept_parses(root: Path) -> list:  # type: ignore[type-arg]
    """Every parse kept, with its outlines, as the next command reads it (``Parses.get``, in a new process)."""
    import sqlite3

    with sqlite3.connect(root / PARSES_FILE) as db:
        keys = [key for (key,) in db.execute("SELECT key FROM parses")]
    kept = Parses(root / PARSES_FILE)
    return [parse for key in keys if (parse := kept.get(key)) is not None]


def test_a_parse_made_now_is_kept_with_its_outlines_in_one_row(tmp_path: Path) -> None:
    """A source parsed now is kept once the checks have made its outlines, in the one row with its segments: kept apart,
    a cold status pickled and wrote every text with markup twice more (the outlines' keys, in a row of their own).
    (An outline made later for a parse kept before is kept in a row beside it: ``test_only_outlines_that_took_a_parse_are_kept``
    reads both back.)"""
    import pickle
    import sqlite3

    root = copy_site("demo", tmp_path)
    first = assess_site(Site.open(root)).to_json()
    with sqlite3.connect(root / PARSES_FILE) as db:
        assert db.execute("SELECT count(*) FROM outlines").fetchone() == (0,)
        rows = db.execute("SELECT data FROM parses").fetchall()
    assert len(rows) == 5 and sum(bool(pickle.loads(data).outlines) for (data,) in rows) >= 3
    for parse in map(pickle.loads, (data for (data,) in rows)):
        texts = {id(segment.text) for segment in parse.segments}
        assert all(id(text) in texts for text in parse.outlines)  # pickled once: the keys are the segments' own strings
    Parses._open.clear()  # as in a new process
    assert assess_site(Site.open(root)).to_json() == first


def test_the_english_is_kept_once(tmp_path: Path) -> None:
    """A document's English is kept as its parse, which reads as it (``Document.text``), not beside it as well;
    reused, it is the same English."""
    import sqlite3

    root = copy_site("demo", tmp_path)
    first = assess_site(Site.open(root), english=True)
    english = {s.document_id: s.english for s in first.documents if s.english is not None}
    assert len(english) > 1
    with sqlite3.connect(root / PARSES_FILE) as db:
        assert db.execute("SELECT count(*) FROM english WHERE text IS NOT NULL").fetchone() == (0,)
    Parses._open.clear()  # as in a new process
    again = assess_site(Site.open(root), reuse=True, english=True)
    assert {s.document_id: s.english for s in again.documents if s.english is not None} == english
