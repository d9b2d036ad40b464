"""The Dutch pages' links that lead to no page (quality/links.py): publish and check say the same of each."""

from __future__ import annotations

from pathlib import Path

from publish_pipeline.text.links import written_links
from publish_pipeline.text.document import parse_document
from test_tasks import run


def test_written_links_are_the_links_to_markdown_files_and_the_wiki_links_outside_code() -> None:
    text = ("---\ntitle: Een\n---\n\nZie [twee](twee.md#kop), [web](https://example.org/x.md), [[drie]] en `[[code]]`.\n\n"
            "```\n[[blok]] [x](blok.md)\n```\n\n<a href=\"vier.markdown\">vier</a> en [[vijf|de vijfde]].\n")
    document = parse_document(text, "blog/een", "source_nl/blog/een.md")
    links, places = written_links(document)
    assert links == (("twee.md#kop", 5), ("[[drie]]", 5), ("vier.markdown", 11), ("[[vijf|de vijfde]]", 11))
    assert [document.body[start:end] for start, end in places] == ["twee.md#kop", "vier.markdown"]
    assert written_links(parse_document("---\ntitle: Een\n---\n\nGeen link.\n", "blog/een", "source_nl/blog/een.md")) == ((), ())


def test_a_wiki_link_is_warned_of_at_its_line_by_publish_and_check(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "source_nl/blog/een.md").write_text(
        "---\ntitle: Een\n---\n\nTekst.\n\nZie [[twee]] en [[Over mij|mij]], niet `[[code]]`.\n", encoding="utf-8",
    )
    (root / "source_nl/blog/twee.md").write_text("---\ntitle: Twee\n---\n\nTekst.\n", encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    expected = [
        "source_nl/blog/een.md:7: [[Over mij|mij]] is not a link in Markdown, so the page shows it as text — write [mij](Over%20mij.md)",
        "source_nl/blog/een.md:7: [[twee]] is not a link in Markdown, so the page shows it as text — write [twee](twee.md)",
    ]
    for task in ("publish", "check"):
        result = run("publish_pipeline", task, "--root", str(root))
        assert result.returncode == 0, result.stderr
        assert [line for line in result.stdout.splitlines() if "[[" in line] == expected, result.stdout
