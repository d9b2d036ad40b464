"""The status of sites in every state, the publish gate, and the status/check/review commands."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import copy_site
from publish_pipeline.catalogs.catalog import read_catalog
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.site import Site
from publish_pipeline.quality.status import assess_site
from test_tasks import REPO, run

ENGLISH = {
    "Mijn eerste blog": "My first blog",
    "Een korte blog om mee te testen.": "A short blog to test with.",
    "Waarom schrijf ik?": "Why do I write?",
    "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat.": "I write to find out what I think.\nSometimes that works.",
    "Boeken bestellen": "Order books",
    "Abonneer je hier op mijn blog": "Subscribe to my blog here",
}


def translate(site: Site, document: str, *, fuzzy: set[str] = frozenset(), note: str = "") -> None:
    path = site.catalog_path(document)
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgid, entry.msgstr)
        if entry.msgid in fuzzy:
            entry.flags = ["fuzzy"]
            entry.tcomment = note
    po.save(str(path))


def fresh(tmp_path: Path) -> Site:
    site = Site.open(copy_site("basic", tmp_path))
    extract(site)
    return site


def by_id(site: Site):
    return {d.document_id: d for d in assess_site(site).documents}


def test_an_emptied_draft_still_marked_fuzzy_is_untranslated_in_the_reasons_as_in_the_counts(tmp_path: Path) -> None:
    """A trial: a machine draft emptied in a text editor that kept its ``#, fuzzy`` was "untranslated" in the counts,
    and among the entries that "need review" in the reasons beside them."""
    site = fresh(tmp_path)
    translate(site, "blog/eerste", fuzzy={"Waarom schrijf ik?", "Boeken bestellen"}, note="mt: google 2026-11-28 draft:0123456789")
    path = site.catalog_path("blog/eerste")
    po = polib.pofile(str(path), wrapwidth=0)
    po.find("Waarom schrijf ik?").msgstr = ""  # emptied, its fuzzy flag left
    po.save(str(path))
    eerste = by_id(site)["blog/eerste"]
    assert eerste.counts == {"approved": 4, "draft": 1, "outdated": 0, "untranslated": 1}
    assert eerste.reasons == ("1 entry needs review (fuzzy in the PO file)", "1 entry untranslated")


def test_untranslated(tmp_path: Path) -> None:
    eerste = by_id(fresh(tmp_path))["blog/eerste"]
    assert eerste.counts == {"approved": 0, "draft": 0, "outdated": 0, "untranslated": 6}
    assert eerste.words_to_review == 3 + 7 + 3 + 11 + 2 + 6
    assert eerste.reasons == ("6 entries untranslated",)


def test_drafted_approved_and_outdated(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    translate(site, "blog/eerste", fuzzy={"Waarom schrijf ik?", "Boeken bestellen"}, note="mt: google 2026-11-28 draft:abc")
    eerste = by_id(site)["blog/eerste"]
    assert eerste.counts == {"approved": 4, "draft": 2, "outdated": 0, "untranslated": 0}
    assert eerste.words_to_review == 3 + 2
    assert eerste.reasons == ("2 entries need review (fuzzy in the PO file)",)
    assert {t.source: t.origin for t in eerste.translations}["Boeken bestellen"] == "mt"

    translate(site, "blog/eerste")
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    for entry in po:
        entry.flags = []
    po.save(str(site.catalog_path("blog/eerste")))
    assert by_id(site)["blog/eerste"].publishable

    source = site.root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Waarom schrijf ik?", "Waarom schrijf ik nog?"), encoding="utf-8")
    before_extract = by_id(site)["blog/eerste"]
    assert before_extract.reasons == ("the PO file is behind the document (1 new text, 1 entry of Dutch it no longer has): run extract",)
    extract(site)
    eerste = by_id(site)["blog/eerste"]
    assert eerste.counts == {"approved": 5, "draft": 0, "outdated": 1, "untranslated": 0}
    assert eerste.reasons == ("1 entry needs review (fuzzy in the PO file; the Dutch changed)",)


def test_a_check_error_or_draft_true_blocks_publishing(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    translate(site, "blog/eerste")
    english = {"Waarom schrijf ik?": "Why do I write"}
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    for entry in po:
        entry.msgstr = english.get(entry.msgid, entry.msgstr)
    po.find("Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat.").msgstr = "I write [to find out](javascript:alert(1)) what I think.\nSometimes that works."
    po.save(str(site.catalog_path("blog/eerste")))
    eerste = by_id(site)["blog/eerste"]
    assert (eerste.errors, eerste.warnings) == (1, 1)
    assert eerste.reasons == ("1 check error: run check",)

    source = site.root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8").replace("date: 2020-02-02", "date: 2020-02-02\ndraft: true"), encoding="utf-8")
    assert by_id(site)["blog/eerste"].reasons[0] == "marked 'draft: true' in its front matter"


def test_never_extracted_and_orphaned_documents_are_listed(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    (site.root / "source_nl/blog/nieuw.md").write_text("---\ntitle: Nieuw stuk\n---\nNog niet geëxtraheerd.\n", encoding="utf-8")
    (site.root / "source_nl/topics/thema.md").unlink()
    status = assess_site(site)
    nieuw = {d.document_id: d for d in status.documents}["blog/nieuw"]
    assert (nieuw.catalog, nieuw.reasons, nieuw.words_to_review) == (None, ("no PO file yet: run extract",), 6)
    assert status.orphans == ("translations/en/topics/thema.po",)


def test_status_json_is_the_documented_object(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    result = run("publish_pipeline", "status", "--json", "--root", str(site.root))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"documents", "orphans", "problems", "totals"}
    first = data["documents"][0]
    assert set(first) == {"id", "kind", "slug", "source", "catalog", "approved", "draft", "outdated", "untranslated",
                          "words_to_review", "by_hand", "errors", "warnings", "publishable", "reasons", "english_url", "live"}
    assert (first["id"], first["untranslated"], first["publishable"]) == ("blog/eerste", 6, False)
    assert first["live"] == {"state": "held", "reasons": ["6 entries untranslated"], "commit": None, "date": None, "uncommitted": False, "on_site": False}
    assert data["totals"]["untranslated"] == 12 and data["totals"]["documents"] == 2


def test_status_json_totals_say_live_even_when_no_document_has_a_live_state(tmp_path: Path) -> None:
    """With live states asked for but none to count (an empty mapping), ``totals.live`` is there, as README shows."""
    totals = assess_site(fresh(tmp_path)).to_json({})["totals"]
    assert totals["live"] == {"current": 0, "older": 0, "held": 0, "uncommitted": 0, "on_site": 0}


def test_status_json_exits_1_when_it_lists_problems(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    (site.root / "source_nl/blog/kapot.md").write_text("Geen front matter.\n", encoding="utf-8")
    result = run("publish_pipeline", "status", "--json", "--root", str(site.root))
    assert result.returncode == 1
    data = json.loads(result.stdout)  # still the whole JSON object on stdout
    assert [problem.split(":")[0] for problem in data["problems"]] == ["source_nl/blog/kapot.md"]
    assert data["totals"]["documents"] == 2
    assert result.stderr == 'status: 1 problem (source_nl/blog/kapot.md): the JSON on stdout says each in "problems", with what to do\n'


def test_status_json_says_its_problems_once_in_the_json_and_counts_every_document_that_cannot_be_read(tmp_path: Path) -> None:
    """The CI log reader's trial: ``status --json`` printed the JSON (with every error in ``problems``) and every error
    again on stderr; one line there says why it exits 1 and where each error is. And ``totals.unreadable`` counted only
    the Dutch that cannot be read: a PO file that cannot be read is a document that cannot be read too (``documents``
    and ``unreadable`` together are the rows). ``--format json`` is ``--json``; check, which has no JSON, says where it is."""
    site = fresh(tmp_path)
    (site.root / "source_nl/blog/kapot.md").write_text("Geen front matter.\n", encoding="utf-8")
    catalog = site.catalog_path("topics/thema")
    catalog.write_text(catalog.read_text(encoding="utf-8") + 'msgid "kapot\n', encoding="utf-8")
    for option in (["--json"], ["--format", "json"], ["--json", "--format", "json"]):
        result = run("publish_pipeline", "status", *option, "--root", str(site.root))
        assert result.returncode == 1
        data = json.loads(result.stdout)
        assert [problem.split(":")[0] for problem in data["problems"]] == ["source_nl/blog/kapot.md", "translations/en/topics/thema.po"]
        assert result.stderr == (
            "status: 2 problems (source_nl/blog/kapot.md, translations/en/topics/thema.po): the JSON on stdout says each in \"problems\", with what to do\n"
        )
        assert [row["id"] for row in data["documents"] if "unreadable" in row] == ["blog/kapot", "topics/thema"]
        assert (data["totals"]["documents"], data["totals"]["unreadable"]) == (1, 2)
        assert data["totals"]["documents"] + data["totals"]["unreadable"] == len(data["documents"]) == sum(data["totals"]["live"][state] for state in ("current", "older", "held"))
    check = run("publish_pipeline", "check", "--format", "json", "--root", str(site.root))
    assert (check.returncode, check.stdout, check.stderr) == (1, "", "--format: 'json' is not a format of check — use text or github (invoke status --json prints JSON)\n")
    wrong = run("publish_pipeline", "status", "--format", "xml", "--root", str(site.root))
    assert (wrong.returncode, wrong.stdout, wrong.stderr) == (1, "", "--format: 'xml' is not a format — use text, json or github\n")


def test_check_says_in_words_what_it_found_in_how_many_documents(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    result = run("publish_pipeline", "check", "--root", str(site.root))
    assert (result.returncode, result.stdout) == (0, "check: no problems in 2 documents\n")
    for document in site.source_paths():
        document.unlink()
    result = run("publish_pipeline", "check", "--root", str(site.root))
    assert (result.returncode, result.stdout) == (0, "check: no documents to check\n")


def test_status_table_in_ci_is_plain_text(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    result = run("publish_pipeline", "status", "--root", str(site.root))
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    lines = [line.split() for line in result.stdout.splitlines() if line.strip()]
    assert lines[0] == ["document", "approved", "needs", "review", "untranslated", "words", "English"]
    assert lines[1:3] == [["blog/eerste", "0", "0", "6", "32", "held", "back"], ["6", "entries", "untranslated"]]
    assert ["total", "0", "0", "12", "42"] in lines
    assert "English of 2 documents — live: 0, held back: 2" in result.stdout.splitlines()


LONG = "2019-03-14-waarom-weerstand-tegen-verandering-geen-vijand-is-maar-een-bron-van-informatie"


def test_the_status_table_fits_100_columns_with_long_paths(tmp_path: Path) -> None:
    """Long Hugo-style names, every state at once: no line wider than 100 columns, each name's start and end kept."""
    site = fresh(tmp_path)
    for number, state in enumerate(("draft", "approved", "untranslated")):
        source = site.root / "source_nl/blog/eerste.md"
        (site.root / f"source_nl/blog/{LONG}-{number}.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    extract(site)
    translate(site, f"blog/{LONG}-0", fuzzy={"Boeken bestellen"})
    translate(site, f"blog/{LONG}-1")
    result = run("publish_pipeline", "status", "--root", str(site.root))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 100, "\n".join(line for line in lines if len(line) > 100)
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.startswith("blog/2019-03-14-")}
    assert len(rows) == 3 and all("…" in name and name.endswith(("-0", "-1", "-2")) for name in rows)
    assert sorted(" ".join(words[4:]) for words in rows.values()) == ["held back", "held back", "live"]
    assert "    1 entry needs review (fuzzy in the PO file)" in lines
    start = next(number for number, line in enumerate(lines) if line.startswith("next: "))  # the last line, wrapped
    untranslated = next(line for line in lines if line.startswith("total")).split()[3]
    assert " ".join(line.strip() for line in lines[start:]) == (
        f"next: invoke draft gives the {untranslated} untranslated entries a draft to review; "
        "invoke workspace (or Poedit) to review the 1 entry that needs it; set base_url: https://… (the address the site "
        "is published at) in pipeline.yaml: until then the sitemap, feeds and hreflang links say https://example.org/…"
    )


def test_next_steps_start_with_the_files_that_cannot_be_read_and_the_orphans(tmp_path: Path) -> None:
    """A broken PO file and an orphaned one come first in ``next:``: drafting and review wait on them."""
    site = fresh(tmp_path)
    (site.root / "translations/en/blog/eerste.po").write_text('msgid "x"\nmsgstr "unclosed\n', encoding="utf-8")
    (site.root / "translations/en/blog/weg.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (site.root / "source_nl/blog/nieuw.md").write_text("---\ntitle: Nieuw\n---\n\nNog niet geëxtraheerd.\n", encoding="utf-8")
    result = run("publish_pipeline", "status", "--root", str(site.root))
    lines = result.stdout.splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("next: "))
    steps = " ".join(line.strip() for line in lines[start:]).removeprefix("next: ").split("; ")
    assert steps[:2] == ["fix the 1 file that cannot be read (each said above, with what to do)", "rename or delete the 1 orphaned PO file (above)"]
    # a document never extracted: its row said 'run extract', next: did not (nothing of it was counted untranslated)
    assert steps[2] == "invoke extract brings the PO file of 1 document up to date with the Dutch"
    said = "translations/en/blog/eerste.po:2: PO syntax error: 'msgstr \"unclosed': the text has no closing double quote — end it with"
    assert said in " ".join(line.strip() for line in lines[:start]) and result.stderr == ""  # in its row, once


def test_a_clone_whose_own_code_does_not_run_is_told_with_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The trial: ``invoke`` in the translator's clone ran the author's clone's code (one venv, ``pip install -e .`` made
    there). Status says which code runs, and the command, in a clone of publish_pipeline whose ``src/`` it is not."""
    from test_tasks import run_here

    site = fresh(tmp_path)
    (site.root / ".git").mkdir()  # the clone's top: the search for its src/ stops there
    code, out, _ = run_here(monkeypatch, capsys, "status", "--root", str(site.root))
    assert "warning: this clone's code" not in out  # a site that uses an installed publish_pipeline
    (site.root / "src/publish_pipeline").mkdir(parents=True)
    (site.root / "src/publish_pipeline/__init__.py").write_text("", encoding="utf-8")
    code, out, _ = run_here(monkeypatch, capsys, "status", "--root", str(site.root))
    said = " ".join(out.split())
    assert f"{site.root / 'src/publish_pipeline'}: warning: this clone's code is not the code that runs, which is {REPO / 'src/publish_pipeline'}" in said
    assert "run `python -m pip install -e .` in this clone, or give each clone a venv of its own" in said and said.count("warning: this clone") == 1
    from publish_pipeline.tasks import _code_elsewhere

    assert _code_elsewhere(REPO) is None  # this clone, running its own code


def test_columns_sets_the_status_table_width_also_into_a_pipe(tmp_path: Path) -> None:
    """``COLUMNS=70 invoke status | less``: the width asked for, though the output is no terminal."""
    site = fresh(tmp_path)
    (site.root / f"source_nl/blog/{LONG}.md").write_text((site.root / "source_nl/blog/eerste.md").read_text(encoding="utf-8"), encoding="utf-8")
    extract(site)

    def table(columns: str | None) -> list[str]:
        env = {name: value for name, value in os.environ.items() if name != "COLUMNS"}
        env.update({"PYTHONPATH": str(REPO / "src")}, **({"COLUMNS": columns} if columns else {}))
        result = subprocess.run(
            [sys.executable, "-m", "publish_pipeline", "status", "--root", str(site.root)],
            capture_output=True, text=True, env=env, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    def name(lines: list[str]) -> str:
        return next(line.split()[0] for line in lines if line.split()[0].endswith("matie"))

    assert len(name(table("70"))) < len(name(table(None))) < len(f"blog/{LONG}")  # 70 columns asked for; else 100
    assert max(map(len, table("70"))) <= 70


def test_a_big_site_counts_the_documents_that_need_nobody_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from publish_pipeline import tasks
    from test_tasks import run_here

    site = fresh(tmp_path)
    translate(site, "blog/eerste")
    monkeypatch.setattr(tasks, "LISTED_IN_FULL", 1)  # as a site of more documents than are listed whole
    code, out, _ = run_here(monkeypatch, capsys, "status", "--root", str(site.root))
    assert code == 0
    assert "blog/eerste" not in out and "topics/thema" in out
    assert "1 more document: every entry approved, English live (status --all lists them)" in out.splitlines()
    code, out, _ = run_here(monkeypatch, capsys, "status", "--all", "--root", str(site.root))
    assert "more document" not in out and [line.split()[-1] for line in out.splitlines() if line.startswith("blog/eerste")] == ["live"]
    po = polib.pofile(str(site.catalog_path("topics/thema")), wrapwidth=0)
    for entry in po:
        entry.msgstr = f"{entry.msgid}-en" if entry.msgctxt == "slug" else f"The {entry.msgid}"
    po.save()
    (site.root / "pipeline.yaml").write_text("project: basic test site\nbase_url: https://blog.example.nl/\n", encoding="utf-8")
    code, out, _ = run_here(monkeypatch, capsys, "status", "--root", str(site.root))
    assert "2 documents: every entry approved, English live (status --all lists them)" in out.splitlines()  # none above: no "more"
    assert not any(line.startswith("next:") for line in out.splitlines())  # nothing to do: no next step
    code, out, _ = run_here(monkeypatch, capsys, "status", "--json", "--root", str(site.root))
    assert [document["id"] for document in json.loads(out)["documents"]] == ["blog/eerste", "topics/thema"]  # the JSON is whole


def test_check_groups_problems_by_document_and_exits_1_on_an_error(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    translate(site, "blog/eerste")
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    po.find("Waarom schrijf ik?").msgstr = "Why do I write"
    po.find("Boeken bestellen").msgstr = "Order 3 books"
    po.save(str(site.catalog_path("blog/eerste")))
    result = run("publish_pipeline", "check", "--root", str(site.root))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "translations/en/blog/eerste.po",
        "translations/en/blog/eerste.po:30: warning: punctuation: the Dutch is a question, the English does not end with '?' — end it with '?'",
        "    nl: Waarom schrijf ik?",
        "translations/en/blog/eerste.po:43: error: numbers.3: the number 3 is not in the Dutch — write the Dutch's number, or take it out",
        "    nl: Boeken bestellen",
        "",
        "check: 1 error, 1 warning in 1 of 2 documents",
    ]


def test_check_list_names_every_check(tmp_path: Path) -> None:
    result = run("publish_pipeline", "check", "--list")
    assert result.returncode == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()[:-1]]
    assert ids == ["markup", "template", "slug", "title", "numbers", "glossary", "unchanged", "dutch", "sentences", "whitespace", "doubled", "punctuation", "structure", "msgfmt"]


def test_large_sites_are_assessed_in_parallel_with_the_same_result(tmp_path: Path, monkeypatch) -> None:
    from publish_pipeline.quality import status as status_module

    site = fresh(tmp_path)
    for number in range(70):
        (site.root / f"source_nl/blog/post-{number:02d}.md").write_text(
            f"---\ntitle: Post {number}\n---\nTekst van post {number}.\n", encoding="utf-8"
        )
    (site.root / "source_nl/blog/kapot.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    extract(site)
    serial = assess_site(site)
    monkeypatch.setattr(status_module, "PARALLEL_FROM", 10)
    parallel = assess_site(site)
    assert [(d.document_id, d.counts, d.reasons) for d in parallel.documents] == [
        (d.document_id, d.counts, d.reasons) for d in serial.documents
    ]
    assert [e.message for e in parallel.errors] == [e.message for e in serial.errors] != []
    assert parallel.errors[0].where == "source_nl/blog/kapot.md:2"


def test_status_reuses_verdicts_of_unchanged_documents(tmp_path: Path, monkeypatch) -> None:
    from publish_pipeline.quality import status as status_module

    site = fresh(tmp_path)
    translate(site, "blog/eerste", fuzzy={"Boeken bestellen"}, note="mt: google 2026-11-28 draft:x")
    first = assess_site(site, reuse=True)
    read: list[str] = []
    real = status_module.load_unit
    monkeypatch.setattr(status_module, "load_unit", lambda site, path: read.append(path.name) or real(site, path))
    again = assess_site(site, reuse=True)
    assert read == []
    assert again.to_json() == first.to_json()
    po = site.catalog_path("topics/thema")
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Jaar"\nmsgstr ""', 'msgid "Jaar"\nmsgstr "Year 3"'), encoding="utf-8")
    third = assess_site(site, reuse=True)
    assert read == ["thema.md"]
    assert [p.check for d in third.documents for p in d.problems] == ["numbers.3"]
    assert assess_site(site).documents[0].unit is not None  # without reuse (publish, export), everything is read


def test_a_reused_verdict_is_kept_as_the_line_it_was_read_from(tmp_path: Path, monkeypatch) -> None:
    """After a PO edit only the verdict made anew is encoded; each other one is written back as its line was; a line
    that cannot be read costs only its document's reuse."""
    from publish_pipeline.quality import status as status_module

    site = fresh(tmp_path)
    translate(site, "blog/eerste")
    first = assess_site(site, reuse=True)
    verdicts = site.root / status_module.VERDICTS_FILE
    lines = verdicts.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)[0] for line in lines] == ["source_nl/blog/eerste.md", "source_nl/topics/thema.md"]
    encoded: list[str] = []
    real = status_module._to_json
    monkeypatch.setattr(status_module, "_to_json", lambda status: encoded.append(status.document_id) or real(status))
    po = site.catalog_path("topics/thema")
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Jaar"\nmsgstr ""', 'msgid "Jaar"\nmsgstr "Year"'), encoding="utf-8")
    assess_site(site, reuse=True)
    assert encoded == ["topics/thema"]
    assert verdicts.read_text(encoding="utf-8").splitlines()[0] == lines[0]
    verdicts.write_text(f"{{not json\n{verdicts.read_text(encoding='utf-8').splitlines()[1]}\n", encoding="utf-8")
    again = assess_site(site, reuse=True)
    assert encoded == ["topics/thema", "blog/eerste"]  # judged again, as it is without a kept verdict
    assert again.to_json()["documents"][0] == first.to_json()["documents"][0]


def test_a_verdict_kept_by_other_code_is_not_reused(tmp_path: Path, monkeypatch) -> None:
    """Caches are keyed by the code that made them: a changed check must judge again, not replay the old verdict."""
    import publish_pipeline
    from publish_pipeline.catalogs import checks
    from publish_pipeline.quality import status as status_module
    from publish_pipeline.catalogs.checks import Problem

    site = fresh(tmp_path)
    translate(site, "blog/eerste")
    assert assess_site(site, reuse=True).documents[0].problems == ()
    original = checks.check_entries_counting_silenced

    def stricter(entries):  # what a newer version of a check might find
        found = original(entries)
        extra = Problem("doubled", "warning", 1, "a problem the new code finds", "", None)
        return type(found)((*found.problems, extra), found.silenced)

    monkeypatch.setattr(status_module, "check_entries_counting_silenced", stricter)
    replayed = assess_site(site, reuse=True).documents[0].problems
    assert replayed == (), "same code and files: the kept verdict is reused"
    monkeypatch.setattr(publish_pipeline, "build_id", lambda: "another build")
    assert [p.message for p in assess_site(site, reuse=True).documents[0].problems] == ["a problem the new code finds"]


def test_the_build_id_changes_with_any_module_of_the_package(tmp_path: Path) -> None:
    import importlib.util
    import shutil
    import subprocess
    import sys

    package = Path(importlib.util.find_spec("publish_pipeline").origin).parent
    copy = tmp_path / "publish_pipeline"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    script = "import publish_pipeline; print(publish_pipeline.build_id())"
    engine = copy / "drafts" / "engines" / "google.py"

    def build() -> str:
        return subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)},
                              capture_output=True, text=True, check=True).stdout

    first = build()
    engine.write_text(engine.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    changed = build()
    last = max(copy.rglob("*.py"), key=lambda path: (path.parent.as_posix(), path.name))  # the last one hashed
    (last.parent / "zz").mkdir()
    last.rename(last.parent / "zz" / last.name)  # the same bytes, hashed in the same order, in another folder
    moved = build()
    assert first.startswith("0.1.0+") and len({first, changed, moved}) == 3


def test_the_verdicts_are_a_cache_never_flushed_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lost in a crash, the verdicts only cost time: no command waits for the disk to keep them."""
    root = copy_site("demo", tmp_path)
    site = Site.open(root)
    extract(site)
    flushed = []
    monkeypatch.setattr(os, "fsync", lambda descriptor: flushed.append(descriptor))
    monkeypatch.setattr(os, "fdatasync", lambda descriptor: flushed.append(descriptor))
    assess_site(site, reuse=True)
    assert flushed == [] and (root / ".cache/publish_pipeline/verdicts.json").is_file()


def test_each_document_is_judged_before_the_next_is_read(tmp_path: Path, monkeypatch) -> None:
    """A document's block parse lives only until it is judged (see ``_assess_paths``): never beside another's."""
    from publish_pipeline.quality import status as status_module

    site = fresh(tmp_path)
    steps: list[str] = []
    real_load, real_assess = status_module.load_unit, status_module.assess_unit
    monkeypatch.setattr(status_module, "load_unit", lambda *a, **k: steps.append("read") or real_load(*a, **k))
    monkeypatch.setattr(status_module, "assess_unit", lambda *a, **k: steps.append("judged") or real_assess(*a, **k))
    before = assess_site(site).to_json()
    assert len(steps) > 2 and steps == ["read", "judged"] * (len(steps) // 2)
    monkeypatch.undo()
    assert assess_site(site).to_json() == before


def status_as_read(root: Path) -> subprocess.CompletedProcess[str]:
    """``status`` as a person reads it in a terminal: stdout and stderr in one stream, in the order printed."""
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [sys.executable, "-m", "publish_pipeline", "status", "--root", str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**env, "PYTHONPATH": str(REPO / "src")}, timeout=120,
    )


def test_a_document_that_cannot_be_read_has_a_row_and_next_is_the_last_line(tmp_path: Path) -> None:
    """The trial: broken front matter left the document out of the table while the summary counted it, and the
    error and "1 document could not be processed" came after ``next:``. Now it has a row saying what is wrong, the
    full error is below the row (location first, what is wrong, what to do) and nowhere else (the new user's trial:
    it was said twice, in the table and again after it), and ``next:``, which says to fix it first, is the last line."""
    site = fresh(tmp_path)
    source = site.root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: [", 1), encoding="utf-8")
    result = status_as_read(site.root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    row = next(line.split() for line in lines if line.startswith("blog/eerste"))
    assert row == ["blog/eerste", "–", "–", "–", "–", "held", "back"]
    below = lines[lines.index(next(line for line in lines if line.startswith("blog/eerste"))) + 1]
    assert below.startswith("    source_nl/blog/eerste.md:3: front matter: not valid YAML")
    assert "English of 2 documents — live: 0, held back: 2" in lines  # as many as the table has rows
    assert result.stdout.count("not valid YAML") == 1  # said once, in its row (stdout and stderr are one stream here)
    assert " — " in " ".join(line.strip() for line in lines[lines.index(below):]).split("English of")[0]  # with what to do
    start = next(number for number, line in enumerate(lines) if line.startswith("next: "))
    assert all(line.startswith("    ") for line in lines[start + 1 :])  # next: and its wrapped lines end it
    assert " ".join(line.strip() for line in lines[start:]).startswith("next: fix the 1 file that cannot be read (each said above")
    assert "could not be processed" not in result.stdout


def test_an_approval_not_committed_yet_is_live_once_committed(tmp_path: Path) -> None:
    """The trial: status called an approval live on the translator's machine, where CI, which builds the commits,
    had never seen it. Uncommitted, it says so and what to do; committed, it is live. The site is a folder of the
    repository, as the paths git gives are from its top."""
    site = fresh(tmp_path)

    def git(*arguments: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *arguments], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "the site, nothing approved")
    translate(site, "blog/eerste")
    result = status_as_read(site.root)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    at = next(number for number, line in enumerate(lines) if line.startswith("blog/eerste"))
    assert lines[at].split()[-1] == "uncommitted"
    below = " ".join(line.strip() for line in itertools.takewhile(lambda line: line.startswith("    "), lines[at + 1 :]))
    # the trial (a Hugo site, export and hugo run): 'live: 1 (1 of them uncommitted)' read as if it were not live; it is
    # built here, and on the published site once committed
    assert below == (
        "its English passes in this clone: invoke publish builds it here; the published site has it once committed and pushed "
        "(its Dutch or PO file differs from the last commit)"
    )
    text = " ".join(line.strip() for line in lines)
    assert "English of 2 documents — live: 1 (1 of them only in this clone until committed and pushed), held back: 1" in text
    start = next(number for number, line in enumerate(lines) if line.startswith("next: "))
    assert " ".join(line.strip() for line in lines[start:]).endswith(
        "commit and push the 1 document whose English passes only in this clone (CI publishes what is committed)"
    )
    git("add", "-A")
    git("commit", "-qm", "approve blog/eerste")
    lines = status_as_read(site.root).stdout.splitlines()
    assert next(line for line in lines if line.startswith("blog/eerste")).split()[-1] == "live"
    assert not any("once committed" in line for line in lines)


def test_a_po_file_that_cannot_be_read_is_named_as_the_po_file_not_the_dutch(tmp_path: Path) -> None:
    """A PO file linked to a file outside the site stops its document's reading: its row said 'the Dutch document
    cannot be read' (review); it names the PO file."""
    site = fresh(tmp_path)
    catalog = site.catalog_path("blog/eerste")
    outside = tmp_path / "outside.po"
    outside.write_bytes(catalog.read_bytes())
    catalog.unlink()
    catalog.symlink_to(outside)
    result = run("publish_pipeline", "status", "--json", "--root", str(site.root))
    row = next(row for row in json.loads(result.stdout)["documents"] if row["id"] == "blog/eerste")
    assert row["reasons"] == [f"the PO file cannot be read: translations/en/blog/eerste.po: leads outside the site folder (to {outside})"]


def test_status_json_has_a_row_for_a_document_that_cannot_be_read_as_the_table_has(tmp_path: Path) -> None:
    """The trial: the table had a row for a document whose Dutch cannot be read, ``status --json`` none: a script
    counting the documents missed it. Now it has one, with what is wrong; the totals count the documents read and those that cannot be."""
    site = fresh(tmp_path)
    source = site.root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: [", 1), encoding="utf-8")
    result = run("publish_pipeline", "status", "--json", "--root", str(site.root))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [document["id"] for document in data["documents"]] == ["blog/eerste", "topics/thema"]
    row = data["documents"][0]
    assert (row["source"], row["catalog"], row["publishable"], row["approved"], row["untranslated"]) == (
        "source_nl/blog/eerste.md", "translations/en/blog/eerste.po", False, 0, 0)
    assert row["reasons"][0].startswith("the Dutch document cannot be read: source_nl/blog/eerste.md:3: front matter: not valid YAML")
    assert (row["unreadable"]["location"], row["unreadable"]["line"]) == ("source_nl/blog/eerste.md", 3) and row["unreadable"]["hint"]
    assert (row["live"]["state"], row["live"]["uncommitted"]) == ("held", False)
    assert (data["totals"]["documents"], data["totals"]["unreadable"]) == (1, 1) and [problem.split(":")[0] for problem in data["problems"]] == ["source_nl/blog/eerste.md"]


def test_status_rows_are_in_the_order_of_the_files_those_that_cannot_be_read_too(tmp_path: Path) -> None:
    """The trial: a document that cannot be read was put in its place by its id as a string, so ``blog/a`` came
    before ``blog/a-b`` and ``blog-x/…`` before ``blog/x``, where the files (and every other list) have them the other
    way round. The table and the JSON list every document in the files' order."""
    site = fresh(tmp_path)
    (site.root / "source_nl/blog-x").mkdir()
    good = "---\ntitle: Goed\n---\n\nTekst.\n"
    for name, text in {"blog/a-b.md": good, "blog/a.md": "---\ntitle: [\n---\n", "blog-x/y.md": good, "blog/x.md": "---\ntitle: [\n---\n"}.items():
        (site.root / "source_nl" / name).write_text(text, encoding="utf-8")
    run("publish_pipeline", "extract", "--root", str(site.root))
    files = ["blog/a-b", "blog/a", "blog/eerste", "blog/x", "blog-x/y", "topics/thema"]  # pathlib's order: part by part
    assert [site.document_id(path) for path in site.source_paths()] == files
    lines = status_as_read(site.root).stdout.splitlines()
    assert [line.split()[0] for line in lines if line.split()[0] in files] == files
    data = json.loads(run("publish_pipeline", "status", "--json", "--root", str(site.root)).stdout)
    assert [document["id"] for document in data["documents"]] == files


def test_status_json_says_which_approval_is_not_committed_yet(tmp_path: Path) -> None:
    """The trial: the table said ``uncommitted`` of an approval CI has not seen, ``status --json`` only ``current``.
    Its ``live`` says ``uncommitted`` too, until the approval is committed."""
    site = fresh(tmp_path)

    def git(*arguments: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *arguments], cwd=tmp_path, check=True, capture_output=True)

    def live() -> tuple[dict[str, tuple[str, bool]], dict[str, int]]:
        data = json.loads(run("publish_pipeline", "status", "--json", "--root", str(site.root)).stdout)
        rows = {document["id"]: (document["live"]["state"], document["live"]["uncommitted"]) for document in data["documents"]}
        return rows, data["totals"]["live"]

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "the site, nothing approved")
    translate(site, "blog/eerste")
    # the totals count the rows by their live state, and the live ones that are so only in uncommitted work apart
    assert live() == (
        {"blog/eerste": ("current", True), "topics/thema": ("held", False)}, {"current": 1, "older": 0, "held": 1, "uncommitted": 1, "on_site": 1},
    )
    git("add", "-A")
    git("commit", "-qm", "approve blog/eerste")
    assert live() == (
        {"blog/eerste": ("current", False), "topics/thema": ("held", False)}, {"current": 1, "older": 0, "held": 1, "uncommitted": 0, "on_site": 1},
    )


def test_which_approvals_are_uncommitted_is_told_from_the_files_that_differ_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``uncommitted`` maps the few files git says differ to their documents: it never lists the site's documents to
    find each one's files (a thousand paths made and looked up in a warm status of 1,000 documents)."""
    from publish_pipeline.quality.live import live_english, uncommitted

    site = fresh(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "-", "--allow-empty"], cwd=tmp_path, check=True)
    translate(site, "blog/eerste")
    subprocess.run(["git", "add", str(site.catalog_path("blog/eerste"))], cwd=tmp_path, check=True)  # staged: still not committed
    live = live_english(site, assess_site(site, reuse=True))
    monkeypatch.setattr(Site, "source_paths", lambda self: pytest.fail("the site's documents were listed"))
    assert uncommitted(site, live) == {"blog/eerste"}


def test_the_rows_are_merged_once(tmp_path: Path) -> None:
    """status reads the rows three times (its table or JSON, the live states, the totals): one list, made once."""
    report = assess_site(fresh(tmp_path))
    assert report.rows is report.rows
    assert [row.document_id for row in report.rows] == ["blog/eerste", "topics/thema"]


def test_status_format_github_says_where_the_files_that_cannot_be_read_are_said(tmp_path: Path) -> None:
    """The trial: in GitHub's format ``next:`` said the files that cannot be read were "each said above", where
    they come after it (annotations, then stderr). Each format says where they are in it."""
    site = fresh(tmp_path)
    source = site.root / "source_nl/blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: [", 1), encoding="utf-8")
    for format, where in (("text", "above"), ("github", "below")):
        result = run("publish_pipeline", "status", "--format", format, "--root", str(site.root))
        lines = result.stdout.splitlines()
        start = next(number for number, line in enumerate(lines) if line.startswith("next: "))
        assert f"next: fix the 1 file that cannot be read (each said {where}, with what to do)" in " ".join(line.strip() for line in lines[start:])
        annotation = [number for number, line in enumerate(lines) if line.startswith("::error file=source_nl/blog/eerste.md")]
        assert annotation == ([] if format == "text" else [annotation[0]]) and all(number > start for number in annotation)
        if format == "github":  # in text, it is said in its row (once)
            assert result.stderr.startswith("source_nl/blog/eerste.md:3: front matter: not valid YAML")
        else:
            assert result.stderr == "" and "source_nl/blog/eerste.md:3: front matter: not valid YAML" in result.stdout


def test_every_po_location_points_at_the_msgid_line_as_msgfmt_does(tmp_path: Path) -> None:
    """The trial: check said ``eerste.po:16`` of the title, whose ``#.`` and ``#:`` comments (and a draft's ``# mt:``
    line) are there, and its msgctxt and msgid below them: an editor opened the file lines above the text. Every
    ``file.po:LINE`` (check, check --silenced, msgfmt's complaints, GitHub's annotations) names the msgid's line, where
    msgfmt says a message is defined."""
    site = fresh(tmp_path)
    translate(site, "blog/eerste")
    path = site.catalog_path("blog/eerste")
    po = polib.pofile(str(path), wrapwidth=0)
    po.find("Mijn eerste blog", msgctxt="title").msgstr = "My 3 blogs"
    po.find("Mijn eerste blog", msgctxt="title").tcomment = "mt: google 2026-11-30"
    po.find("Boeken bestellen").msgstr, po.find("Boeken bestellen").tcomment = "Boeken bestellen", "ignore: unchanged"
    po.find("Waarom schrijf ik?").msgstr = "\nWhy do I write?"
    po.save(str(path))
    lines = path.read_text(encoding="utf-8").splitlines()

    def msgid_line(text: str) -> int:
        return lines.index(f'msgid "{text}"') + 1

    assert lines[msgid_line("Mijn eerste blog") - 5 : msgid_line("Mijn eerste blog")] == [
        "# mt: google 2026-11-30", "#. front matter: title", "#: source_nl/blog/eerste.md:2", 'msgctxt "title"', 'msgid "Mijn eerste blog"']
    result = run("publish_pipeline", "check", "--silenced", "--root", str(site.root))
    said = result.stdout.splitlines()
    assert f"translations/en/blog/eerste.po:{msgid_line('Mijn eerste blog')}: error: numbers.3: the number 3 is not in the Dutch — write the Dutch's number, or take it out" in said
    assert f"translations/en/blog/eerste.po:{msgid_line('Boeken bestellen')}: ignore: unchanged" in said
    if shutil.which("msgfmt"):  # msgfmt names the msgstr's line: the problem is at its entry's msgid, as every other
        assert any(line.startswith(f"translations/en/blog/eerste.po:{msgid_line('Waarom schrijf ik?')}: error: msgfmt: ") for line in said)
    github = run("publish_pipeline", "check", "--format", "github", "--root", str(site.root)).stdout
    assert f"::error file=translations/en/blog/eerste.po,line={msgid_line('Mijn eerste blog')},title=translation check%3A numbers.3::" in github


def test_check_says_what_in_each_translation_changes_the_page_structure_and_what_to_do(tmp_path: Path) -> None:
    """Every entry whose translation changes the page's structure at its PO line, with the one cause in it (quoted)
    and what to do; before, each listed every cause there is ("a blank line, or a line starting with '#', …") and
    no fix."""
    site = fresh(tmp_path)
    paragraph, item = "Ik schrijf om te ontdekken wat ik denk.\nSoms lukt dat.", "Abonneer je hier op mijn blog"
    english = {**ENGLISH, paragraph: "I write to find out what I think.\n- Sometimes that works.", item: "Subscribe\n\nto my blog here"}
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    for entry in po:
        entry.msgstr = english.get(entry.msgid, entry.msgstr)
    po.save(str(site.catalog_path("blog/eerste")))
    starts = {t.source: t.line for t in read_catalog(site.catalog_path("blog/eerste"), "eerste.po").translations}  # each entry's first line
    result = run("publish_pipeline", "check", "--root", str(site.root))
    assert result.returncode == 1
    said = [line for line in result.stdout.splitlines() if ": structure: " in line]
    assert said == [
        f"translations/en/blog/eerste.po:{starts[paragraph]}: error: structure: the translation changes the structure of the page: its line"
        " '- Sometimes that works.' starts with '-', which makes it a list item — join that line to the line before it, or rephrase it"
        " so that no line starts with '-'",
        f"translations/en/blog/eerste.po:{starts[item]}: error: structure: the translation changes the structure of the page: it has a"
        " blank line (after 'Subscribe'), which ends the paragraph there — remove the blank line (the English keeps the Dutch's"
        " paragraphs: a new one needs one in the Dutch)",
    ]


def test_check_reports_every_broken_front_matter_in_one_run(tmp_path: Path) -> None:
    """Three posts with broken front matter (a quote never closed, a '[' never closed, two wrong fields): each is said
    on its line in the same run, not only the first."""
    site = fresh(tmp_path)
    blog = site.root / "source_nl/blog"
    (blog / "a.md").write_text('---\ntitle: "Een\n---\n\nTekst een.\n', encoding="utf-8")
    (blog / "b.md").write_text("---\ntitle: [Twee\n---\n\nTekst twee.\n", encoding="utf-8")
    (blog / "c.md").write_text("---\ntitle: Drie\ndate: 3 maart\ndraft: ja\n---\n\nTekst drie.\n", encoding="utf-8")
    result = run("publish_pipeline", "check", "--root", str(site.root))
    assert result.returncode == 1
    said = [line for line in result.stderr.splitlines() if line.startswith("source_nl/")]
    assert [line.split(": front matter: ")[0] for line in said] == ["source_nl/blog/a.md:2", "source_nl/blog/b.md:2", "source_nl/blog/c.md:3"]
    assert said[2].endswith("; and line 4: 'draft' must be true or false, found 'ja' — write 'draft: true' or 'draft: false'")
    assert result.stdout.splitlines()[-1] == (
        "check: failed: source_nl/blog/a.md, source_nl/blog/b.md, source_nl/blog/c.md cannot be read (above, with what to do);"
        " no problems in the 2 other documents"
    )


def test_check_says_a_translation_ending_in_blank_lines_once_at_its_entry_in_the_files_order(tmp_path: Path) -> None:
    """The trial's case through ``check``: a translation that ends in "\\n\\n" was msgfmt's wording at the msgstr's line,
    printed before everything else, plus a whitespace warning; it is one problem at the entry, with its Dutch and what
    to do, among the file's other problems in the file's order."""
    site = fresh(tmp_path)
    po = polib.pofile(str(site.catalog_path("blog/eerste")), wrapwidth=0)
    for entry in po:
        entry.msgstr = {**ENGLISH, "Boeken bestellen": "Order books\n\n", "Mijn eerste blog": "My first blog."}.get(entry.msgid, entry.msgstr)
    po.save(str(site.catalog_path("blog/eerste")))
    starts = {t.source: t.line for t in read_catalog(site.catalog_path("blog/eerste"), "eerste.po").translations}
    result = run("publish_pipeline", "check", "--root", str(site.root))
    if "msgfmt is not installed" in result.stdout:
        pytest.skip("msgfmt is not installed")
    said = [line for line in result.stdout.splitlines() if line.startswith("translations/en/blog/eerste.po:")]
    assert said == [
        f"translations/en/blog/eerste.po:{starts['Mijn eerste blog']}: warning: punctuation: the English ends with '.', the Dutch has no end punctuation — take it out, unless the English needs it",
        f"translations/en/blog/eerste.po:{starts['Boeken bestellen']}: error: msgfmt: the translation ends with a line break (an empty line at its"
        " end in a PO editor) and the Dutch does not — remove the line break at the end of the translation",
    ]
    assert starts["Mijn eerste blog"] < starts["Boeken bestellen"]


def test_a_footnote_whose_english_starts_a_block_is_said_and_holds_its_page_back(tmp_path: Path) -> None:
    """Review 2, item 1: '# A note about rest.' for a footnote made it a heading; ``new_block`` knew no footnote and the
    structure check left every "it starts with" cause to it, so nothing was said, status called the page live and
    publish dropped its English "(see the problem above)" with nothing above."""
    (tmp_path / "pipeline.yaml").write_text("", encoding="utf-8")
    (tmp_path / "source_nl/blog").mkdir(parents=True)
    (tmp_path / "source_nl/blog/noot.md").write_text("---\ntitle: Noot\n---\nTekst met een noot[^1].\n\n[^1]: Een noot over rust.\n", encoding="utf-8")
    site = Site.open(tmp_path)
    extract(site)
    english = {"Noot": "Note", "noot": "note", "Tekst met een noot[^1].": "Text with a note[^1].", "Een noot over rust.": "# A note about rest."}
    po = polib.pofile(str(site.catalog_path("blog/noot")), wrapwidth=0)
    for entry in po:
        entry.msgstr, entry.flags = english.get(entry.msgid, entry.msgid), []
    po.save(str(site.catalog_path("blog/noot")))
    noot = by_id(site)["blog/noot"]
    assert (noot.errors, noot.publishable) == (1, False)
    result = run("publish_pipeline", "check", "--root", str(tmp_path))
    assert result.returncode == 1
    assert "markup.block: the English starts with '# ', which makes this footnote a heading" in result.stdout


def test_the_structure_check_leaves_to_an_entry_only_what_its_own_check_says() -> None:
    """Whatever role ``new_block`` does not know (a caption, say), the page's structure check says the cause itself."""
    from types import SimpleNamespace
    from publish_pipeline.catalogs.catalog import Translation
    from publish_pipeline.errors import ReassemblyError
    from publish_pipeline.quality.status import structure_problems

    translation = Translation(None, "Een foto van de zee.", "# A photo of the sea.", False, 9, role="caption")
    cause = "it starts with '#', which makes it a heading — rephrase its start so that it does not begin with '#'"
    error = ReassemblyError("x.md", "the structure changes", segments=(SimpleNamespace(context=None, text=translation.source),), causes=(cause,))
    problems = structure_problems(SimpleNamespace(translations=[translation]), error)  # type: ignore[arg-type]
    assert [(p.check, p.line, p.message) for p in problems] == [
        ("structure", 9, f"the translation changes the structure of the page: {cause}")]


def test_a_verdict_sent_between_processes_carries_its_english_body_once(tmp_path: Path) -> None:
    import pickle
    from dataclasses import replace

    site = fresh(tmp_path)
    translate(site, "blog/eerste")
    verdict = {d.document_id: d for d in assess_site(site, detail=False, english=True).documents}["blog/eerste"]  # as publish
    assert verdict.english is not None and verdict.english_document is not None
    sent = pickle.dumps(verdict, protocol=pickle.HIGHEST_PROTOCOL)
    assert sent.count("I write to find out what I think.".encode()) == 1  # in its parse alone, not also in its text
    arrived = pickle.loads(sent)
    assert arrived == verdict and arrived.english == verdict.english
    # an English that is not its parse's text (none today) travels as it is
    other = replace(verdict, english=verdict.english + "\n")
    assert pickle.loads(pickle.dumps(other)).english == other.english


def test_status_json_does_not_load_export(tmp_path: Path) -> None:
    site = fresh(tmp_path)
    program = (
        "import sys\nfrom publish_pipeline.__main__ import main\n"
        f"sys.argv = ['publish-pipeline', 'status', '--json', '--root', {str(site.root)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('publish_pipeline.output.export' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert json.loads(done.stdout)["documents"] and done.stderr.strip().splitlines()[-1] == "False"


HUGO_NEW_SITE = "baseURL = 'http://example.org/'\nlanguageCode = 'en-us'\ntitle = 'My New Hugo Site'\n"
"""The config.toml ``hugo new site`` writes (0.111): no languages."""
HUGO_LANGUAGES = 'defaultContentLanguage = "nl"\n' + HUGO_NEW_SITE + '[languages.nl]\nlanguageCode = "nl"\nweight = 1\n[languages.en]\nlanguageCode = "en"\nweight = 2\n'


def test_a_new_hugo_site_is_told_its_languages_where_an_approval_is_built_and_a_po_file_it_cannot_read(tmp_path: Path) -> None:
    """The trials of a new user (README only, a Hugo site): status's next: did not name Hugo's languages (only export
    said them); 'live: 1 (1 of them uncommitted)' read as if the English export wrote and hugo built were not live;
    a stray '#| msgctxt' left by a hand edit was msgfmt's 'syntax error' at the next line, with 'restore it from git' of
    a file git had no copy of. Each is said as it is, from a shell as she runs it."""
    root = tmp_path / "site"
    (root / "content/blog").mkdir(parents=True)
    (root / "config.toml").write_text(HUGO_NEW_SITE, encoding="utf-8")
    (root / "pipeline.yaml").write_text("layout: hugo-by-filename\n", encoding="utf-8")
    (root / "content/blog/koffie.md").write_text('---\ntitle: "Koffie"\ndate: 2024-01-01\n---\n\nKoffie is lekker.\n', encoding="utf-8")

    def git(*arguments: str) -> None:
        subprocess.run(["git", "-c", "user.name=A", "-c", "user.email=a@example.org", *arguments], cwd=root, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "the site")
    run("publish_pipeline", "extract", "--root", str(root))
    lines = status_as_read(root).stdout.splitlines()
    at = lines.index('defaultContentLanguage = "nl"')  # export's own lines, each as it is to be written
    assert lines[at - 1].endswith("— add to config.toml (defaultContentLanguage above the first [table]):")
    assert lines[at + 1 : at + 7] == ["[languages.nl]", 'languageCode = "nl"', "weight = 1", "[languages.en]", 'languageCode = "en"', "weight = 2"]
    start = next(number for number, line in enumerate(lines) if line.startswith("next: "))
    assert " ".join(line.strip() for line in lines[start:]).endswith(
        "add the languages Hugo needs to config.toml (the lines above), so that it builds the English as the Dutch pages' translations")

    catalog = root / "translations/en/blog/koffie.po"
    po = polib.pofile(str(catalog), wrapwidth=0)
    for entry in po:
        entry.msgstr = {"koffie": "coffee", "Koffie": "Coffee", "Koffie is lekker.": "Coffee is tasty."}[entry.msgid]
    po.save(str(catalog))
    said = " ".join(line.strip() for line in status_as_read(root).stdout.splitlines())  # approved, but export writes no English yet
    assert "English of 1 document — live: 1 (1 of them only in this clone until committed and pushed), held back: 0 — but export " \
           "writes none of it until Hugo's languages are set (below)" in said, said

    (root / "config.toml").write_text(HUGO_LANGUAGES, encoding="utf-8")
    run("publish_pipeline", "export", "--root", str(root))
    assert (root / "content/blog/koffie.en.md").is_file()
    lines = status_as_read(root).stdout.splitlines()
    at = next(number for number, line in enumerate(lines) if line.startswith("blog/koffie"))
    assert lines[at].split()[-1] == "uncommitted"
    below = " ".join(line.strip() for line in itertools.takewhile(lambda line: line.startswith("    "), lines[at + 1 :]))
    assert below.startswith("its English passes in this clone: invoke export writes it into the site here, for hugo to build; "
                            "the published site has it once committed and pushed"), below
    assert not any("Hugo needs" in line for line in lines)

    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgctxt "title"', '#| msgctxt "title"\nmsgctxt "title"'), encoding="utf-8")  # her hand edit, not committed
    line = catalog.read_text(encoding="utf-8").splitlines().index('#| msgctxt "title"') + 1
    result = status_as_read(root)
    where = f"translations/en/blog/koffie.po:{line}"
    assert f"{where}: a '#| msgctxt' line of the earlier Dutch without the '#| msgid' line that goes below it" in " ".join(
        line.strip() for line in result.stdout.splitlines())
    assert "restore" not in result.stdout and "git diff" not in result.stdout  # git has no copy of it
    lines = result.stdout.splitlines()
    at = next(number for number, line in enumerate(lines) if line.startswith("blog/koffie"))
    assert lines[at].split()[1:] == ["–", "–", "–", "–", "held", "back"]  # its row stays, saying where
    assert " ".join(line.strip() for line in lines[at + 1 : at + 3]).startswith(f"{where}: a '#| msgctxt' line")
    data = json.loads(run("publish_pipeline", "status", "--json", "--root", str(root)).stdout)
    [row] = data["documents"]
    assert (row["unreadable"]["location"], row["unreadable"]["line"]) == ("translations/en/blog/koffie.po", line)
    assert row["unreadable"]["hint"] == "delete the entry's leftover '#|' lines (approving the entry drops them anyway)"


def test_next_says_extract_moves_the_po_file_of_a_document_git_saw_renamed(tmp_path: Path) -> None:
    """The cross-clone trial: after ``git mv`` of a post without extract, status's ``next:`` led with 'rename or delete
    the orphaned PO file', though extract moves it itself. Where git saw the document renamed, it says to run extract."""
    from test_workflow import git

    site = fresh(tmp_path)
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "the site")
    git(site.root, "mv", "source_nl/blog/eerste.md", "source_nl/blog/de-eerste.md")
    result = run("publish_pipeline", "status", "--root", str(site.root))
    lines = result.stdout.splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("next: "))
    steps = " ".join(line.strip() for line in lines[start:]).removeprefix("next: ").split("; ")
    assert steps[0] == "run invoke extract (it moves translations/en/blog/eerste.po to translations/en/blog/de-eerste.po)", steps
    assert not any("orphaned PO file" in step or "up to date with the Dutch" in step for step in steps), steps
    run("publish_pipeline", "extract", "--root", str(site.root))  # as said: the PO file moves, no orphan is left
    assert (site.root / "translations/en/blog/de-eerste.po").is_file() and not (site.root / "translations/en/blog/eerste.po").exists()
