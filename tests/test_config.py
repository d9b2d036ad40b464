from __future__ import annotations

from pathlib import Path

import pytest

from publish_pipeline.config import SiteConfig, load_config
from publish_pipeline.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pipeline.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == SiteConfig()


def test_settings_are_read(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "project: mijn site\ntranslate_fields: [title, summary, tags]\n"))
    assert config.project == "mijn site"
    assert config.translate_fields == ("title", "summary", "tags")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("projekt: x\n", "pipeline.yaml: unknown setting 'projekt'; allowed: project, source_language, target_language, translate_fields, base_url, site_name, author, layout, translation"),
        ("- a\n", "pipeline.yaml: expected a mapping of settings (project, source_language, target_language, translate_fields, base_url, site_name, author, layout, translation), found list"),
        ("target_language: English\n", "pipeline.yaml: target_language: expected a language code such as 'nl' or 'en', found 'English'"),
        ("translate_fields: title\n", "pipeline.yaml: translate_fields: expected a list of field names, found 'title'"),
        ("project: [\n", "pipeline.yaml:2: not valid YAML: expected the node content, but found '<stream end>'"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert str(caught.value) == message


def test_the_site_name_follows_the_project_and_the_author_the_site_name(tmp_path: Path) -> None:
    assert (SiteConfig().site_name, SiteConfig().author) == ("publish-pipeline site", "publish-pipeline site")
    config = load_config(write(tmp_path, "project: mijnsite.nl\n"))
    assert (config.site_name, config.author) == ("mijnsite.nl", "mijnsite.nl")
    config = load_config(write(tmp_path, "project: mijnsite.nl\nsite_name: Mijn Site\n"))
    assert (config.project, config.site_name, config.author) == ("mijnsite.nl", "Mijn Site", "Mijn Site")
    config = load_config(write(tmp_path, "site_name: Mijn Site\nauthor: Anne <b>Mars</b>\n"))
    assert (config.site_name, config.author) == ("Mijn Site", "Anne <b>Mars</b>")  # the templates escape it


@pytest.mark.parametrize(
    ("text", "found"),
    [("site_name: [a, b]\n", "['a', 'b']"), ("author: ''\n", "''"), ("author: '  '\n", "'  '"),
     ('site_name: "Mijn\\nSite"\n', "'Mijn\\nSite'"), ("author: 12\n", "12"), (f"site_name: {'x' * 201}\n", f"'{'x' * 56}...")],
)
def test_a_site_name_or_author_must_be_a_name_on_one_line(tmp_path: Path, text: str, found: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    key = text.split(":")[0]
    assert str(caught.value) == f"pipeline.yaml: {key}: expected a name (one line, up to 200 characters), found {found}"


def test_yaml_aliases_in_the_settings_are_refused_before_they_expand(tmp_path: Path) -> None:
    """A "billion laughs" in pipeline.yaml: refused at its line in no time, never built."""
    import time

    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    (tmp_path / "pipeline.yaml").write_text("\n".join(levels) + "\ntranslate_fields: *a9\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert time.monotonic() - started < 5
    assert caught.value.message == "pipeline.yaml:1: not valid YAML: YAML anchors and aliases ('&name', '*name') are not supported: write each value out"


UNSET_BASE_URL = (
    "pipeline.yaml: base_url is not set, so the sitemap, feeds and hreflang links say https://example.org/… — "
    "set base_url: https://… (the address the site is published at) in pipeline.yaml"
)


def test_publish_says_once_that_base_url_is_not_set_and_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trial: a site without base_url published https://example.org in its sitemap, feeds and hreflang links,
    and said nothing; it looks right in a browser, so nobody notices until search engines index the wrong URLs.
    Publish says so in one line, also when it answers from its record, and also in CI: a warning, not a failure
    (the pages read as they should; a failing publish would hold back every page for want of a setting), as status's
    next step."""
    from conftest import copy_site
    from test_tasks import run

    root = copy_site("basic", tmp_path)  # project: basic test site, no base_url
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    for ci in ("", "true"):  # the first publish, then the quick answer, in CI
        monkeypatch.setenv("CI", ci)
        result = run("publish_pipeline", "publish", "--root", str(root))
        assert result.returncode == 0, result.stderr
        assert [line for line in result.stdout.splitlines() if "base_url" in line] == [UNSET_BASE_URL]
    assert "https://example.org/blog/eerste/" in (root / "public/sitemap.xml").read_text(encoding="utf-8")  # as it says
    status = run("publish_pipeline", "status", "--root", str(root)).stdout
    assert " ".join(status.split()).endswith(
        "set base_url: https://… (the address the site is published at) in pipeline.yaml: "
        "until then the sitemap, feeds and hreflang links say https://example.org/…"
    )
    (root / "pipeline.yaml").write_text("project: basic test site\nbase_url: https://blog.example.nl/\n", encoding="utf-8")
    result = run("publish_pipeline", "publish", "--root", str(root))
    assert result.returncode == 0 and "base_url" not in result.stdout + result.stderr
    assert "base_url" not in run("publish_pipeline", "status", "--root", str(root)).stdout


def test_a_site_without_settings_is_told_of_its_address_and_its_name(tmp_path: Path) -> None:
    """No pipeline.yaml at all: the pages and feeds are called "publish-pipeline site" too; one line says both."""
    from test_tasks import run

    (tmp_path / "source_nl/blog").mkdir(parents=True)
    (tmp_path / "source_nl/blog/een.md").write_text("---\ntitle: Een\n---\n\nTekst.\n", encoding="utf-8")
    result = run("publish_pipeline", "publish", "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("pipeline.yaml")] == [
        "pipeline.yaml: base_url and site_name are not set, so the sitemap, feeds and hreflang links say https://example.org/… "
        "and the pages and feeds name the site 'publish-pipeline site' — set base_url: https://… (the address the site is "
        "published at) and site_name: … (the name on every page) in pipeline.yaml"
    ]
    (tmp_path / "pipeline.yaml").write_text("base_url: https://blog.example.nl/\n", encoding="utf-8")
    result = run("publish_pipeline", "publish", "--root", str(tmp_path))
    assert [line for line in result.stdout.splitlines() if line.startswith("pipeline.yaml")] == [
        "pipeline.yaml: site_name is not set, so the pages and feeds name the site 'publish-pipeline site' — "
        "set site_name: … (the name on every page) in pipeline.yaml"
    ]
