"""The author's own Dutch links to Markdown files in a Hugo site (``[x](over-mij.md)``, as an editor links a page):
export writes nothing into her files, and real Hugo shows such a link as written, a link to no page; export says so,
once per file and line, with what to write instead, which real Hugo then resolves — unless a link render hook finds
the file: the site's own, or Hugo's embedded one (Hugo 0.123 and later, on by default for a site of two languages on
one host). Which Hugo builds the site is the installed one's to say (0.111 here, which has no embedded hook: the
builds hold the warning to it); the settings of a later one are tested with no hugo on ``PATH``, where export takes
the Hugo that builds the site for 0.123 or later and says so."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from publish_pipeline.output.export import export
from publish_pipeline.output.hugo_config import EMBEDDED_LINK_HOOK, Hugo, HugoConfig
from publish_pipeline.site import Site
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


@pytest.fixture(scope="session")
def path_without_hugo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """``PATH`` with no ``hugo`` on it: each folder of it that holds one replaced by a folder of links to its other
    files (made once: a thousand links)."""
    folders, top = [], tmp_path_factory.mktemp("path")
    for number, folder in enumerate(os.environ["PATH"].split(os.pathsep)):
        if not (Path(folder) / "hugo").exists():
            folders.append(folder)
            continue
        copy = top / str(number)
        copy.mkdir()
        for entry in os.scandir(folder):
            if entry.name != "hugo":
                (copy / entry.name).symlink_to(entry.path)
        folders.append(str(copy))
    return os.pathsep.join(folders)


@pytest.fixture
def without_hugo(path_without_hugo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", path_without_hugo)
    assert shutil.which("hugo") is None and shutil.which("git") is not None


def installed_hugo() -> Hugo:
    hugo = Hugo.installed()
    if hugo.version is None:
        pytest.skip(f"{hugo}: apt-get install hugo")
    return hugo


def test_export_into_a_hugo_site_says_where_the_author_links_a_markdown_file_and_what_hugo_resolves(tmp_path: Path) -> None:
    site = hugo_link_site(tmp_path / "site")
    hugo = installed_hugo()
    report = export(site)
    assert not report.errors
    why = f"{hugo}, before 0.123, has no link render hook of its own, nor has the site" if hugo.version < EMBEDDED_LINK_HOOK else (
        "the site has no link render hook, and its settings leave Hugo's own unused")
    fix = f"Hugo shows a link to a Markdown file as written, leading to no page ({why}) — write"
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


def test_the_warning_is_true_of_the_hugo_installed_whatever_the_settings_of_a_later_one_say(tmp_path: Path) -> None:
    """Hugo's settings alone turn on its embedded link render hook for this site (two languages on one host), and export
    said nothing, while the installed Hugo 0.111 has no such hook and shows the link as written. Export asks the
    installed Hugo its version: it warns where that Hugo shows the link as written, and only there."""
    site = hugo_link_site(tmp_path / "site")
    (site.root / "config.toml").write_text(hugo_config("hugo-by-filename"), encoding="utf-8")  # no setting of the hook
    hugo = installed_hugo()
    assert HugoConfig.of(site).embedded_link_hook()  # by the settings, for a Hugo of 0.123 or later
    report = export(site)
    page = (build(site.root) / "blog/een/index.html").read_text(encoding="utf-8")
    shown_as_written = '<a href="twee.md">twee</a>' in page
    assert shown_as_written == (hugo.version < EMBEDDED_LINK_HOOK)
    assert [warning.split(": ")[0] for warning in report.file_links] == (["content/blog/een.md:4", "content/blog/een.md:6"] if shown_as_written else [])
    assert all(f"({hugo}, before 0.123, has no link render hook of its own, nor has the site)" in warning for warning in report.file_links)


def test_hugo_is_asked_its_version_once_and_only_where_a_link_is_to_be_judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from publish_pipeline.output import hugo_config

    site = hugo_link_site(tmp_path / "site")
    installed_hugo()
    asked: list[list[str]] = []
    original = hugo_config.subprocess.run
    monkeypatch.setattr(hugo_config.subprocess, "run", lambda command, **options: (
        Path(command[0]).name == "hugo" and asked.append(command)) or original(command, **options))  # not msgfmt's
    hugo_config._version.cache_clear()
    assert export(site).file_links and export(site).file_links
    assert [command[1:] for command in asked] == [["version"]]  # two exports in one process: asked once
    (site.root / "content/blog/een.md").write_text("---\ntitle: Een\n---\nGeen links.\n", encoding="utf-8")
    hugo_config._version.cache_clear()
    assert export(Site.open(site.root)).file_links == () and len(asked) == 1  # nothing to judge: not asked


def test_with_no_hugo_installed_export_says_what_it_assumed(tmp_path: Path, without_hugo: None) -> None:
    site = hugo_link_site(tmp_path / "site")
    (site.root / "config.toml").write_text(hugo_config("hugo-by-filename"), encoding="utf-8")
    assert export(site).file_links == (
        "note: no hugo is installed here, so export took the Hugo that builds the site for 0.123 or later, whose own link render "
        "hook finds the page of each of 3 links to a Markdown file in content/blog/een.md; a Hugo before 0.123 shows them as "
        "written, leading to no page (install hugo here and export again to be told where)",
    )


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
def test_hugo_s_embedded_link_hook_where_the_config_turns_it_on_says_nothing(tmp_path: Path, settings: str, warned: bool, without_hugo: None) -> None:
    """For a Hugo of 0.123 or later (taken for it where none is installed: a note says so instead of the warnings)."""
    site = hugo_link_site(tmp_path / "site")
    (site.root / "config.toml").write_text(hugo_config("hugo-by-filename") + settings, encoding="utf-8")
    said = export(site).file_links
    assert [line.startswith("note: ") for line in said] == ([False, False] if warned else [True])
    assert HugoConfig.of(site).embedded_link_hook((0, 123, 0)) != warned and not HugoConfig.of(site).embedded_link_hook((0, 111, 3))


@pytest.mark.parametrize("files, warned", [
    ({"config/_default/markup.toml": "[goldmark.renderHooks.link]\nuseEmbedded = 'never'\n"}, True),  # a file of its own
    ({"config/_default/markup.yaml": "goldmark:\n  renderhooks:\n    link:\n      enabledefault: false\n"}, True),  # any case
    ({"config/production/hugo.toml": "[markup.goldmark.renderHooks.link]\nuseEmbedded = 'never'\n",
      "config/_default/markup.toml": "[goldmark.renderHooks.link]\nuseEmbedded = 'always'\n"}, True),  # production's wins
    ({"config/_default/languages.toml": '[nl]\nbaseURL = "https://example.nl/"\n[en]\nbaseURL = "https://example.com/"\n'}, True),
])
def test_the_embedded_link_hook_is_read_where_hugo_reads_its_settings(tmp_path: Path, files: dict[str, str], warned: bool, without_hugo: None) -> None:
    """In ``config/``'s files too; a language with a host of its own (``baseURL``) makes the site multihost, where
    ``auto`` does not use the hook."""
    site = hugo_link_site(tmp_path / "site")
    (site.root / "config.toml").write_text(hugo_config("hugo-by-filename"), encoding="utf-8")
    for name, text in files.items():
        (site.root / name).parent.mkdir(parents=True, exist_ok=True)
        (site.root / name).write_text(text, encoding="utf-8")
    assert [line.startswith("note: ") for line in export(site).file_links] == ([False, False] if warned else [True])


def test_hugo_installed_after_an_export_is_asked_at_the_next_one(tmp_path: Path, path_without_hugo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Export with no hugo says what it assumed and to install hugo; installed, the same export again (nothing else
    changed) is told by the Hugo now there: it replayed the last export's note, as if hugo were still missing."""
    hugo = installed_hugo()
    site = hugo_link_site(tmp_path / "site")
    (site.root / "config.toml").write_text(hugo_config("hugo-by-filename"), encoding="utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qm", "site"]):
        subprocess.run(["git", *command], cwd=site.root, check=True, capture_output=True)
    monkeypatch.setenv("PATH", path_without_hugo)
    first = run("publish_pipeline", "export", "--root", str(site.root))
    assert "note: no hugo is installed here" in first.stdout + first.stderr, first
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin/hugo").symlink_to(str(hugo.path))  # hugo alone installed: git and msgfmt are where they were
    monkeypatch.setenv("PATH", os.pathsep.join([str(tmp_path / "bin"), path_without_hugo]))
    second = run("publish_pipeline", "export", "--root", str(site.root))
    said = second.stdout + second.stderr
    assert "no hugo is installed here" not in said and "content/blog/een.md:4" in said, said
