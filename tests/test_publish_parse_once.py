"""Parse once: a source page's HTML and the HTML its translation may carry come from one parse, as from two."""

from __future__ import annotations

import pytest

from publish_pipeline.text import markdown

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
