"""Parse once: a source page's HTML and the HTML its translation may carry come from one parse, as from two; an
English page renders from the parse the assessment made of it (``markdown.Prerendered``) as from a fresh one."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import sys
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from conftest import REPO, snapshot
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.output.publishing import publish
from publish_pipeline.quality.status import assess_site
from publish_pipeline.site import Site
from publish_pipeline.text import markdown
from publish_pipeline.text.parses import PARSES_FILE

sys.path.insert(0, str(REPO / "bench"))
from corpus import translate, write_realworld  # noqa: E402

TEXTS = [
    "Een <b>vet</b> woord en [een link](/blog/x/) en <https://example.org/y>.\n",
    "<div class=\"kader\">\nTekst in een <em>kader</em>.\n</div>\n\n| a | <span>b</span> |\n|---|---|\n| c | d |\n",
    # a link the site refuses changes the tokens: a refused definition is a paragraph, and its <i> inline HTML
    "[ref]: ftp://example.org/z \"titel <i>schuin</i>\"\n<custom-tag>tekst</custom-tag>\n",
    "[javascript](javascript:alert(1)) en ![beeld](data:image/png;base64,AAAA) <sup>1</sup>\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_one_parse_gives_the_page_and_the_html_a_translation_may_carry(text: str) -> None:
    rewrite = lambda href: "/prefix" + href if href.startswith("/") else href  # noqa: E731
    assert markdown.render_source(text, rewrite=rewrite) == (markdown.render_page(text, rewrite=rewrite), markdown.html_of(text))


# English bodies a translator may write (the Dutch they translate has <b>, the box <div>, <span> and <i>)
DUTCH = '<b>vet</b> <span>x</span> <i>y</i>\n\n<div class="box">\nTekst in een <em>kader</em>.\n</div>\n'
ENGLISH = [
    'A <b>bold</b> word, [a link](/blog/x/ "title"), <https://example.org/y>, [mail](mailto:a@b.nl) and ![an *image*](/img/a.png "t").\n',
    '<div class="box">\nText in a <em>box</em>.\n</div>\n\n| a | <span>b</span> |\n|---|---|\n| c | [d](/blog/y/#part) |\n',
    '[ref]: /blog/z/ "a <i>title</i>"\n\nSee [the ref][ref], ![pic][ref] and <custom-tag>text</custom-tag>.\n',
    "- item with `code` and <sup>1</sup>\n- ![alt](pic.png)\n\n> quote <script>alert(1)</script>\n\n<script>x</script>\n\n    indented &amp; code\n",
    "Hard  \nbreak, ```fence``` and &#0; a NUL entity, \0 a NUL.\n\n```\nfenced <b>\n```\n",
]
REFUSED = [  # links the site refuses: a publishing parse makes other tokens than one keeping every link
    "[javascript](javascript:alert(1)) and ![image](data:image/png;base64,AAAA)\n",
    "[ref]: javascript:alert(1)\n\n[ref] <i>x</i>\n",
    "<javascript:alert(1)> and <ftp://example.org/> and [x](/ok/)\n",
]


def _site_rendering(text: str, allowed: frozenset[str] | None, prerendered: markdown.Prerendered | None = None) -> str:
    return markdown.render_page(
        text, allowed_html=allowed, rewrite=lambda href: "/en" + href if href.startswith("/") else href,
        link_attributes=lambda href: {"hreflang": "nl"} if href.startswith("/blog/") else {}, prerendered=prerendered,
    )


def _kept_parse(text: str) -> tuple[list[Token], bool]:
    """The assessment's parse of an English body, and whether it met a link the site refuses."""
    before = markdown.links_the_site_refuses()
    tokens = markdown.parse_keeping_every_link(text)
    return tokens, markdown.links_the_site_refuses() != before


@pytest.mark.parametrize("allowed", [markdown.html_of(DUTCH), frozenset(), None])
@pytest.mark.parametrize("text", ENGLISH)
def test_a_prerendered_body_renders_as_a_fresh_parse_does(text: str, allowed: frozenset[str] | None) -> None:
    tokens, refused = _kept_parse(text)
    prerendered = markdown.prerender(text, tokens)
    assert not refused and prerendered is not None
    fresh = _site_rendering(text, allowed)
    assert _site_rendering(text, allowed, prerendered) == fresh
    assert _site_rendering(text, allowed, prerendered) == fresh  # using it changed nothing in it
    assert pickle.loads(pickle.dumps(prerendered)) == prerendered


@pytest.mark.parametrize("text", REFUSED)
def test_a_parse_that_met_a_link_the_site_refuses_is_not_prerendered(text: str) -> None:
    tokens, refused = _kept_parse(text)
    assert refused
    prerendered = markdown.prerender(text, tokens)
    assert prerendered is not None and _site_rendering(text, None, prerendered) != _site_rendering(text, None)  # why not


def test_the_prerendering_of_another_text_is_passed_over() -> None:
    prerendered = markdown.prerender(ENGLISH[0], _kept_parse(ENGLISH[0])[0])
    assert _site_rendering(ENGLISH[1], None, prerendered) == _site_rendering(ENGLISH[1], None)


ALERTS = ["> [!NOTE]\n> a *note* with [a link](/blog/n/)\n", "> [!tip]\n>\n> <b>tip</b>\n"]
"""GitHub's alerts: their box is made as the page is rendered, and their title is decided per page, as a link is."""


@given(st.lists(st.sampled_from([*ENGLISH, *ALERTS, "# Title\n", "plain *text* with _em_ and [link](https://x.org)\n", "\n", "> ", "- ", "1. ", "|x|\n|-|\n"]), max_size=8))
def test_any_mix_prerenders_as_it_renders(parts: list[str]) -> None:
    text = "".join(parts)
    tokens, refused = _kept_parse(text)
    prerendered = markdown.prerender(text, tokens)
    assert not refused and prerendered is not None
    assert _site_rendering(text, markdown.html_of(DUTCH), prerendered) == _site_rendering(text, markdown.html_of(DUTCH))
    dutch = {"note": "Opmerking", "tip": "Tip"}
    assert markdown.render_source(text, kept=(prerendered, frozenset()), alert_titles=dutch)[0] == markdown.render_source(text, alert_titles=dutch)[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve real-world posts (HTML blocks, reference definitions, tables, images), every entry approved; in one
    of them the English has links the site refuses."""
    root = write_realworld(tmp_path_factory.mktemp("corpus") / "site", 12)
    site = Site.open(root)
    extract(site)
    for path in site.catalog_paths():
        po = polib.pofile(str(path), wrapwidth=0)
        for number, entry in enumerate(po):
            entry.msgstr = f"{entry.msgid}-en" if entry.msgctxt == "slug" else translate(entry.msgid)
            if number == 5 and site.catalog_document_id(path) == "blog/post-00001":
                entry.msgstr += " [click](javascript:void) <javascript:void>"
            entry.flags = []
        po.save(str(path))
    return root


def _published(root: Path, *, checked: bool) -> tuple[dict[str, bytes], int]:
    """The site published (after a check when ``checked``), and how many page bodies were parsed for it."""
    site = Site.open(root)
    if checked:
        assess_site(site, reuse=True)
    parses = []
    rendered = markdown._rendered
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown, "_rendered", lambda *args: parses.append(1) or rendered(*args))
        publish(site)
    return snapshot(root / "public"), len(parses)


def _fresh(site_root: Path, tmp_path: Path, pages: int = 24) -> dict[str, bytes]:
    """What a cold publish of a copy makes with every page parsed afresh (nothing prerendered: the base code's way)."""
    root = shutil.copytree(site_root, tmp_path / "fresh", ignore=shutil.ignore_patterns(".cache", "public"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown, "prerender", lambda text, tokens: None)
        made, parses = _published(root, checked=False)
    assert parses == pages
    return made


def test_publish_after_check_renders_the_english_from_the_checks_parse(corpus: Path, tmp_path: Path) -> None:
    root = shutil.copytree(corpus, tmp_path / "site")
    pages, parses = _published(root, checked=True)
    assert parses == 1  # the English whose links the site refuses (the Dutch pages are the check's too)
    assert pages == _fresh(root, tmp_path)
    assert b"&lt;javascript:void&gt;" in pages["en/blog/post-00001-en/index.html"]


def test_english_changed_after_the_check_is_rendered_from_its_own_parse(corpus: Path, tmp_path: Path) -> None:
    root = shutil.copytree(corpus, tmp_path / "site")
    assess_site(Site.open(root), reuse=True)
    path = root / "translations" / "en" / "blog" / "post-00004.po"
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(entry for entry in po if "](/topics/" in entry.msgid)
    entry.msgstr += " Changed after the check."
    po.save(str(path))
    pages, _ = _published(root, checked=False)
    assert b"Changed after the check" in pages["en/blog/post-00004-en/index.html"]
    assert pages == _fresh(root, tmp_path)


DAMAGES = {
    "english damaged": ("UPDATE english SET html = ?", (b"\0damaged",), 1),  # assessed again, prerendered again
    "prerendered damaged": ("UPDATE prerendered SET data = ?", (b"\0damaged",), 12),
    "prerendered of another format": ("UPDATE prerendered SET data = ?", (pickle.dumps(("old", ["format"])),), 12),
    "no prerendered (a cache of the code before)": ("DROP TABLE prerendered", (), 12),
    "dutch damaged": ("UPDATE dutch SET data = ?", (b"\0damaged",), 12 + 1),
    "dutch of another format": ("UPDATE dutch SET data = ?", (pickle.dumps(("old", ["format"])),), 12 + 1),
    "dutch of other code": ("UPDATE dutch SET code = ?", ("0.1+older",), 12 + 1),
    "no dutch (a cache of the code before)": ("DROP TABLE dutch", (), 12 + 1),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_or_old_kept_english_only_costs_time(corpus: Path, tmp_path: Path, damage: str) -> None:
    root = shutil.copytree(corpus, tmp_path / "site")
    assess_site(Site.open(root), reuse=True)
    statement, arguments, parses = DAMAGES[damage]
    with sqlite3.connect(root / PARSES_FILE) as db:
        db.execute(statement, arguments)
    db.close()
    assert _published(root, checked=False) == (_fresh(root, tmp_path), parses)


def test_a_cold_publish_renders_the_dutch_pages_from_the_assessments_parse(corpus: Path, tmp_path: Path) -> None:
    root = shutil.copytree(corpus, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "public"))
    pages, parses = _published(root, checked=False)
    assert parses == 1  # the English whose links the site refuses
    assert pages == _fresh(root, tmp_path)


def test_a_dutch_post_edited_publishes_what_a_cold_publish_does(corpus: Path, tmp_path: Path) -> None:
    """The edited post is parsed once (by the assessment); the pages that link to it render again (its English
    waits for review), each filled in from what the cold publish's assessment kept of its Dutch and English."""
    root = shutil.copytree(corpus, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "public"))
    _published(root, checked=False)
    topic = root / "source_nl" / "topics" / "topic-000.md"
    linking = [path for path in (root / "source_nl" / "blog").glob("*.md") if "](/topics/topic-000/)" in path.read_text(encoding="utf-8")]
    assert len(linking) == 11  # every post, post-00001 (whose English has links the site refuses) too
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("\n\n", "\n\nEen nieuwe alinea met *nadruk* en [een link](/blog/post-00002/).\n\n", 1), encoding="utf-8")
    extract(Site.open(root))
    rendered = []
    real = markdown._filled
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown, "_filled", lambda *args: rendered.append(1) or real(*args))
        pages, parses = _published(root, checked=False)
    assert parses == 1 and len(rendered) == 1 + 2 * len(linking) - 1  # the topic in Dutch, and each page linking to it
    assert pages == _fresh(root, tmp_path, pages=23)


# The Dutch body: segmentation's block parse, finished by the publishing parser's inline pass (``parse_for_publishing``)

INLINE = [
    "tekst", "*nadruk*", "**vet**", "_x_", "~~weg~~", "`code <b>`", "&amp;", "&#0;", "\\*", "\\[", "  \n", "\n", "\0",
    "[link](https://x.nl/a)", "[rel](../b/ 'titel')", "[mail](mailto:a@b.nl)", "[js](javascript:alert(1))", "[ftp](ftp://x.nl/f)",
    "[file](file:///etc/passwd)", "[vb](VBScript:x)", "![beeld](/img/a.png \"titel\")", "![data](data:image/png;base64,AAAA)",
    "![d2](data:text/html,x)", "<https://x.nl/auto>", "<ftp://x.nl/auto>", "<javascript:alert(1)>", "<a@b.nl>",
    "<b>vet</b>", '<span class="x">s</span>', "<!-- c -->", "[ref]", "[Ref][ref]", "[onveilig]", "![pic][onveilig]", "[x][ontbreekt]",
    '{{< shortcode arg="x" >}}', "{{% note %}}", "{% raw %}", "{% endraw %}", "{{ page.title }}", "[{{< ref \"b\" >}}](/b/)",
]
DEFINITIONS = [
    '[ref]: /blog/r/ "Titel"', "[ref]: https://x.nl/r", "[ref]: <mailto:a@b.nl>", "[onveilig]: ftp://x.nl/u",
    "[onveilig]: javascript:alert(1)", "[onveilig]: data:image/png;base64,AA", "[onveilig]: file:///x", "[Onveilig]: /veilig",
]
BLOCKS = [
    "{}", "# {}", "Kop\n===", "> {}", "- {}\n- {}", "1. {}", "| a | {} |\n|---|---|\n| {} | y |", "```\ncode <b>{}\n```", "    ingesprongen {}",
    '<div class="kader">\n{} <em>x</em>\n</div>', "<!-- {} -->", "<custom-tag>{}</custom-tag>", "<script>{}</script>", "{{{{< figure src=\"a.png\" caption=\"{}\" >}}}}",
]
inline_texts = st.lists(st.sampled_from(INLINE), min_size=1, max_size=6).map(" ".join)
blocks = st.one_of(
    st.tuples(st.sampled_from(BLOCKS), inline_texts, inline_texts).map(lambda b: b[0].format(b[1], b[2])), st.sampled_from(DEFINITIONS),
)
bodies = st.tuples(st.lists(blocks, max_size=8), st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n"]), min_size=8, max_size=8)).map(
    lambda b: "".join(block + separator for block, separator in zip(*b))
)


def _dutch_parse(text: str, seen: markdown.InlineSeen | None = None) -> tuple[list[Token] | None, dict, frozenset[str]]:
    """What the assessment makes of a Dutch body: segmentation's block parse (which parses some texts already, to
    find their words and lone images: ``markdown.PARSED``), with its raw HTML taken (which parses more:
    ``SourceUnit.html``), finished for publishing. A body segmentation refuses is only parsed as it would be."""
    from publish_pipeline.errors import SourceError
    from publish_pipeline.text import segmentation
    from publish_pipeline.text.document import parse_document

    env: dict = {}
    try:
        segmentation.segment(parse_document(f"---\ntitle: T\n---\n{text}", "blog/x", "x.md"), (), env)
    except SourceError:  # an HTML comment never closed, tabs in a container: the parse alone
        env = {}
        env[segmentation.TOKENS] = markdown.parse_blocks(text, env)
    html = segmentation.body_html(env)
    return markdown.parse_for_publishing(text, env[segmentation.TOKENS], env, seen), env, html


def _site_rewrite(href: str) -> str:
    return "/prefix" + href if href.startswith("/") else href


@settings(max_examples=500, deadline=None)
@given(bodies)
def test_a_dutch_body_finished_from_its_blocks_renders_as_render_source_does(text: str) -> None:
    tokens, env, html = _dutch_parse(text)
    if tokens is None:  # a definition the site refuses: the publishing parser makes other blocks (a paragraph of it)
        assert markdown.block_outline(env["tokens"]) != markdown.block_outline(markdown.publishing_parser().parse(text, {}))
        return
    assert tokens == markdown.publishing_parser().parse(text, {})
    prerendered = markdown.prerender(text, tokens)
    assert prerendered is not None
    kept = (pickle.loads(pickle.dumps(prerendered)), html)  # as Parses.put_dutch keeps them
    assert markdown.render_source(text, rewrite=_site_rewrite, kept=kept) == markdown.render_source(text, rewrite=_site_rewrite)
    assert markdown.render_source(text, kept=kept) == markdown.render_source(text)


@settings(max_examples=500, deadline=None)
@given(bodies)
def test_the_outlines_told_by_the_dutch_parse_are_those_of_each_text_alone(text: str) -> None:
    from publish_pipeline.catalogs import checks

    env: dict = {}
    texts = {token.content for token in markdown.parse_blocks(text, env) if token.type == "inline"}
    references = env.get("references", {})  # the checks' (``SourceUnit.references``)
    seen = checks.OutlinesSeen(texts, references)
    _dutch_parse(text, seen)
    for told, outline in seen.outlines.items():
        assert outline == checks._outline(told, references)


def test_the_dutch_parse_tells_every_text_whose_links_the_site_accepts() -> None:
    from publish_pipeline.catalogs import checks

    safe, unsafe = "Een [link](/a/) en *nadruk* en <b>vet</b>", "Een [link](ftp://x.nl/) en *nadruk*"
    seen = checks.OutlinesSeen({safe, unsafe}, {})
    tokens, _, _ = _dutch_parse(f"{safe}\n\n# {unsafe}\n", seen)
    assert tokens is not None and seen.outlines.keys() == {safe}  # the other is a link to the one parse, text to the other
    assert _dutch_parse("[a]: ftp://x.nl/\n\nTekst [a]\n")[0] is None  # a paragraph to the publishing parser
    assert _dutch_parse("[a]: javascript:alert(1)\n\nTekst [a]\n")[0] is not None  # a paragraph to both


def test_the_texts_segmentation_parsed_are_not_parsed_again_for_publishing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text segmentation looked into (a lone image, one that opens with markup, raw HTML) is parsed once: the
    publishing pass takes its tokens (``markdown.PARSED``), unless it has a link the site refuses."""
    unsafe = "Een [onveilige](ftp://x.nl/) link met <b>html</b>"
    body = f'![Een foto](/a.png "Titel")\n\n<b>Vet</b> en [link](/b/)\n\n*Nadruk* vooraan en <i>schuin</i>\n\n{unsafe}\n'
    expected = markdown.publishing_parser().parse(body, {})
    published: list[str] = []
    real = markdown._parse_inline

    def counting(md: object, text: str, env: dict, tokens: list[Token]) -> None:
        if md is markdown.publishing_parser() and markdown.MARKUP.search(text):
            published.append(text)
        real(md, text, env, tokens)  # type: ignore[arg-type]

    monkeypatch.setattr(markdown, "_parse_inline", counting)
    tokens, _, html = _dutch_parse(body)
    assert tokens == expected and html == markdown.html_of(body)
    assert published == [unsafe]


def test_the_prerendered_dutch_of_another_text_is_passed_over() -> None:
    tokens, _, _ = _dutch_parse(TEXTS[0])
    assert tokens is not None
    kept = (markdown.prerender(TEXTS[0], tokens), markdown.html_of(TEXTS[0]))
    assert markdown.render_source(TEXTS[1], kept=kept) == markdown.render_source(TEXTS[1])  # type: ignore[arg-type]
