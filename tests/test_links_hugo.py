"""The author's own Dutch links to Markdown files in a Hugo site (``[x](over-mij.md)``, as an editor links a page):
export writes nothing into her files, and real Hugo shows such a link as written, a link to no page; export says so,
once per file and line, with what to write instead, which real Hugo then resolves — unless a link render hook finds
the file: the site's own, or Hugo's embedded one (Hugo 0.123 and later, on by default for a site of two languages on
one host). The installed Hugo is 0.111, which has no embedded hook: its settings are tested as they are read, and
the builds here are of a site that turns it off."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish_pipeline.output.export import export
from test_hugo import LAYOUT, build, hugo_config
from test_layouts import approve, english, make_site
from test_tasks import run

CONTENT = {
    "_index.md": "---\ntitle: Welkom\n---\nDe voorpagina.\n",
    "over-mij.md": "---\ntitle: Over mij\n---\nIk.\n",
    "blog/een.md": "---\ntitle: Een\n---\nLees [over mij](../over-mij.md) en [nog eens](../over-mij.md#kop).\n\n"
                   "Dan [twee](twee.md), nog eens [twee](twee.md) en [weg](weg.md).\n",
    "blog/twee.md": "---\ntitle: Twee\n---\nTekst.\n",
}


HOOK_OFF = "[markup.goldmark.renderHooks.link]\nenableDefault = false\n"
"""Hugo's embedded link render hook turned off (Hugo 0.123 to 0.147's name for it; 0.148 reads it as useEmbedded =
'never'; 0.111 ignores it)."""


def hugo_link_site(root: Path):
    site = make_site(root, "hugo-by-filename", CONTENT, folder="content")
    (root / "config.toml").write_text(hugo_config("hugo-by-filename") + HOOK_OFF, encoding="utf-8")
    (root / "layouts/_default").mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (root / "layouts/_default" / name).write_text(LAYOUT, encoding="utf-8")
    approve(site, english)
    return site


def test_export_into_a_hugo_site_says_where_the_author_links_a_markdown_file_and_what_hugo_resolves(tmp_path: Path) -> None:
    site = hugo_link_site(tmp_path / "site")
    report = export(site)
    assert not report.errors
    fix = "Hugo shows a link to a Markdown file as written, leading to no page (no link render hook finds the file) — write"
    assert report.file_links == (
        f'content/blog/een.md:4: {fix} ../over-mij.md as {{{{< relref "/over-mij.md" >}}}} or /over-mij/; '
        f'../over-mij.md#kop as {{{{< relref "/over-mij.md#kop" >}}}} or /over-mij/#kop',
        f'content/blog/een.md:6: {fix} twee.md as {{{{< relref "/blog/twee.md" >}}}} or /blog/twee/',  # once; weg.md: check says it
    )
    page = build(site.root) / "blog/een/index.html"
    assert '<a href="twee.md">twee</a>' in page.read_text(encoding="utf-8")  # real Hugo: a link to no page
    source = site.root / "content/blog/een.md"
    source.write_text(source.read_text(encoding="utf-8").replace("(twee.md)", '({{< relref "/blog/twee.md" >}})'), encoding="utf-8")
    assert '<a href="/blog/twee/">twee</a>' in (build(site.root) / "blog/een/index.html").read_text(encoding="utf-8")  # the advice works
    assert [line.split(":")[1] for line in export(site).file_links] == ["4"]


def test_a_hugo_site_with_a_link_render_hook_is_told_nothing(tmp_path: Path) -> None:
    site = hugo_link_site(tmp_path / "site")
    (site.root / "layouts/_default/_markup").mkdir()
    (site.root / "layouts/_default/_markup/render-link.html").write_text('<a href="{{ .Destination }}">{{ .Text }}</a>', encoding="utf-8")
    assert export(site).file_links == ()


def test_check_says_nothing_of_links_to_the_pages_hugo_makes_of_its_own(tmp_path: Path) -> None:
    """check said a Hugo site's links to a section's list, a tag's page and the feed led to no page or file, on every
    Hugo site: only publish's own site is one whose every page and file the pipeline knows. Real Hugo serves each."""
    content = {"blog/een.md": "---\ntitle: Een\ntags: [koffie]\n---\nZie [de tags](/tags/koffie/), [het blog](/blog/) en [de feed](/index.xml).\n"}
    site = make_site(tmp_path / "site", "hugo-by-filename", content, folder="content")
    (site.root / "hugo.toml").write_text('baseURL = "https://example.org/"\ndefaultContentLanguage = "nl"\n', encoding="utf-8")
    (site.root / "layouts/_default").mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (site.root / "layouts/_default" / name).write_text(LAYOUT, encoding="utf-8")
    public = build(site.root)
    assert all((public / name).is_file() for name in ("tags/koffie/index.html", "blog/index.html", "index.xml"))
    result = run("publish_pipeline", "check", "--root", str(site.root))
    assert result.returncode == 0, result.stderr
    assert "lead" not in result.stdout, result.stdout


@pytest.mark.parametrize("settings, warned", [
    ("", False),  # two languages on one host: Hugo's embedded hook by default
    ('[markup.goldmark.renderHooks.link]\nuseEmbedded = "fallback"\n', False),
    ('[markup.goldmark.renderHooks.link]\nuseEmbedded = "always"\n', False),
    ("[markup.goldmark.renderHooks.link]\nenableDefault = true\n", False),
    ('[markup.goldmark.renderHooks.link]\nuseEmbedded = "never"\n', True),
    ("[markup.goldmark.renderHooks.link]\nenableDefault = false\n", True),
    ('[markup.goldmark.renderHooks.link]\nenableDefault = false\nuseEmbedded = "always"\n', True),  # enableDefault wins
    ("[markup.goldmark]\nduplicateResourceFiles = true\n", True),  # then auto does not use it
    ('[languages.nl.x]\n[languages.en.x]\n', False),
])
def test_hugo_s_embedded_link_hook_where_the_config_turns_it_on_says_nothing(tmp_path: Path, settings: str, warned: bool) -> None:
    site = hugo_link_site(tmp_path / "site")
    (site.root / "config.toml").write_text(hugo_config("hugo-by-filename") + settings, encoding="utf-8")
    assert bool(export(site).file_links) == warned


@pytest.mark.parametrize("files, warned", [
    ({"config/_default/markup.toml": "[goldmark.renderHooks.link]\nuseEmbedded = 'never'\n"}, True),  # a file of its own
    ({"config/_default/markup.yaml": "goldmark:\n  renderhooks:\n    link:\n      enabledefault: false\n"}, True),  # any case
    ({"config/production/hugo.toml": "[markup.goldmark.renderHooks.link]\nuseEmbedded = 'never'\n",
      "config/_default/markup.toml": "[goldmark.renderHooks.link]\nuseEmbedded = 'always'\n"}, True),  # production's wins
    ({"config/_default/languages.toml": '[nl]\nbaseURL = "https://example.nl/"\n[en]\nbaseURL = "https://example.com/"\n'}, True),
])
def test_the_embedded_link_hook_is_read_where_hugo_reads_its_settings(tmp_path: Path, files: dict[str, str], warned: bool) -> None:
    """In ``config/``'s files too; a language with a host of its own (``baseURL``) makes the site multihost, where
    ``auto`` does not use the hook."""
    site = hugo_link_site(tmp_path / "site")
    (site.root / "config.toml").write_text(hugo_config("hugo-by-filename"), encoding="utf-8")
    for name, text in files.items():
        (site.root / name).parent.mkdir(parents=True, exist_ok=True)
        (site.root / name).write_text(text, encoding="utf-8")
    assert bool(export(site).file_links) == warned
