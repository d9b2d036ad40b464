"""GitHub's alerts (``> [!WARNING]`` alone on a quote's first line) on publish's own pages: a box as GitHub and Hugo
draw it, titled in the page's language, its text escaped as any page's text is (they were a quote showing
``[!WARNING]`` as text)."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from conftest import browser_test
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.publishing import publish
from publish_pipeline.quality.status import assess_site
from publish_pipeline.text import markdown
from test_publishing import approve, serving
from test_status import ENGLISH, fresh

ALERT = "> [!WARNING]\n> Lees dit eerst.\n"
HOSTILE = "Read this first: a < b & c > d."


def alert_site(tmp_path: Path):
    site = fresh(tmp_path)
    source = site.source_dir / "blog/eerste.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + ALERT + "\n> [!tip]\n> Een *tip*.\n", encoding="utf-8")
    extract(site)
    approve(site, "blog/eerste", {**ENGLISH, "Lees dit eerst.": HOSTILE, "Een *tip*.": "A *tip*."})
    return site


def boxes(page: Path) -> list[tuple[str | None, str]]:
    tree = html.parse(str(page / "index.html")).getroot()
    return [(box.get("class"), " ".join(box.text_content().split())) for box in tree.iterfind(".//main//div")]


def test_an_alert_is_a_box_titled_in_each_pages_language(tmp_path: Path) -> None:
    site = alert_site(tmp_path)
    assert next(d for d in assess_site(site).documents if d.document_id == "blog/eerste").publishable
    publish(site)  # from the parses the assessment kept
    dutch, english = site.root / "public/blog/eerste", site.root / "public/en/blog/my-first-blog"
    expected_dutch = [
        ("markdown-alert markdown-alert-warning", "Waarschuwing Lees dit eerst."), ("markdown-alert markdown-alert-tip", "Tip Een tip."),
    ]
    assert boxes(dutch) == expected_dutch
    assert boxes(english) == [("markdown-alert markdown-alert-warning", f"Warning {HOSTILE}"), ("markdown-alert markdown-alert-tip", "Tip A tip.")]
    assert "[!" not in (dutch / "index.html").read_text(encoding="utf-8") + (english / "index.html").read_text(encoding="utf-8")
    (site.root / ".cache").rename(site.root / "cold")  # and parsed anew, as publish parses when nothing is kept
    (site.root / "public").rename(site.root / "before")
    publish(site)
    assert boxes(dutch) == expected_dutch and (english / "index.html").read_bytes() == (site.root / "before/en/blog/my-first-blog/index.html").read_bytes()


def test_only_a_kind_alone_on_the_first_line_makes_a_box() -> None:
    """As GitHub: a kind with text after it on its line, a kind GitHub does not have, or a kind with nothing below it
    is a quote."""
    for text in ("> [!NOTE] Let op\n> tekst", "> [!INFO]\n> tekst", "> [!NOTE]", "> tekst\n> [!NOTE]\n> meer"):
        assert "<blockquote>" in markdown.render_page(text) and "markdown-alert" not in markdown.render_page(text)
    nested = markdown.render_page("- punt\n\n  > [!NOTE]\n  > tekst\n")
    assert '<div class="markdown-alert markdown-alert-note">\n<p class="markdown-alert-title">Note</p>\n<p>tekst</p>\n</div>' in nested


@browser_test
def test_a_reader_sees_the_alert_as_a_box(tmp_path: Path, browser: object) -> None:
    site = alert_site(tmp_path)
    publish(site)
    with serving(site.root) as home:
        page = browser.new_page(viewport={"width": 1000, "height": 1200})
        for path, title, text in (("blog/eerste/", "Waarschuwing", "Lees dit eerst."), ("en/blog/my-first-blog/", "Warning", HOSTILE)):
            page.goto(home.rstrip("/") + "/" + path)
            box = page.locator(".markdown-alert-warning")
            assert box.is_visible() and box.locator(".markdown-alert-title").inner_text() == title
            assert box.locator("p").nth(1).inner_text() == text  # the translation's markup is text
            style = box.evaluate("(box) => { const s = getComputedStyle(box); return [s.borderLeftWidth, s.borderLeftStyle, s.backgroundColor] }")
            assert style[0] == "4px" and style[1] == "solid" and style[2] not in ("rgba(0, 0, 0, 0)", "transparent")
