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
    links, places = written_links(document, "https://example.com")
    assert links == (("twee.md#kop", 5), ("[[drie]]", 5), ("vier.markdown", 11), ("[[vijf|de vijfde]]", 11))
    assert [document.body[start:end] for start, end in places] == ["twee.md#kop", "vier.markdown"]
    # what may be an address of the site: a web address behind the site's base_url too (another site's is no link to judge)
    assert written_links(document, "https://example.org/")[0][-1] == ("https://example.org/x.md", 0)
    assert written_links(parse_document("---\ntitle: Een\n---\n\nGeen link.\n", "blog/een", "source_nl/blog/een.md"), "https://example.org") == ((), ())


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


def link_site(root: Path) -> Path:
    """A post that links to addresses of the site: two lead nowhere (one absolute, one relative), the others to a
    page, a file of static/ and the page itself; one in a code span is no link."""
    (root / "static").mkdir(parents=True)
    (root / "static/logo.png").write_bytes(b"png")
    return two_posts(root, "Zie [twee](/blog/twee/#kop), [weg](/blog/weg/) en ![logo](/logo.png).\n\n"
                           "Ook [terug](../verloren/), [hier](./) en `[code](/code/)`.\n\n[Home](/) en <a href=\"/feed.xml\">feed</a>.\n")


def two_posts(root: Path, body: str, settings: str = "site_name: Test\n") -> Path:
    """A site (``settings``: its pipeline.yaml) of two posts, ``blog/een`` with ``body`` and ``blog/twee``, extracted."""
    (root / "source_nl/blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text(settings, encoding="utf-8")
    (root / "source_nl/blog/een.md").write_text(f"---\ntitle: Een\n---\n\n{body}", encoding="utf-8")
    (root / "source_nl/blog/twee.md").write_text("---\ntitle: Twee\n---\n\nTekst.\n", encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    return root


def test_a_link_to_an_address_that_leads_nowhere_is_said_by_check_and_status_as_publish_says_it(tmp_path: Path) -> None:
    """check said nothing of ``/blog/weg/`` or ``../verloren/`` (only of links to Markdown files), publish did."""
    root = link_site(tmp_path / "site")
    expected = [
        "source_nl/blog/een.md:5: the link to /blog/weg/ on /blog/een/ leads to no page or file of this site — correct the link, "
        "or add what it leads to (a file goes in static/)",
        "source_nl/blog/een.md:7: the link to /blog/verloren/ on /blog/een/ leads to no page or file of this site — correct the link, "
        "or add what it leads to (a file goes in static/)",
    ]
    for task in ("publish", "check"):
        result = run("publish_pipeline", task, "--root", str(root))
        assert result.returncode == 0, result.stderr
        assert sorted(line for line in result.stdout.splitlines() if "leads to no page or file" in line) == sorted(expected), result.stdout
    assert "2 links of the Dutch pages lead to no page (above)" in result.stdout
    status = run("publish_pipeline", "status", "--root", str(root))
    assert "links: 2 links of the Dutch pages lead to no page — invoke check lists them on their lines" in status.stdout, status.stdout


def test_check_in_github_format_annotates_each_link_that_leads_nowhere_on_its_line(tmp_path: Path) -> None:
    root = link_site(tmp_path / "site")
    result = run("publish_pipeline", "check", "--format", "github", "--root", str(root))
    assert result.returncode == 0, result.stderr
    annotations = [line for line in result.stdout.splitlines() if "leads to no page" in line and "::" in line]
    assert sorted(line.split("::")[1] for line in annotations) == [
        "warning file=source_nl/blog/een.md,line=5,title=link leads to no page",
        "warning file=source_nl/blog/een.md,line=7,title=link leads to no page",
    ], result.stdout
    assert all(not line.startswith("source_nl/") for line in result.stdout.splitlines()), result.stdout  # none as plain text


def leading_nowhere(root: Path, task: str) -> list[str]:
    """The lines of ``task`` (publish or check, which succeed) that say a link leads to no page or file."""
    result = run("publish_pipeline", task, "--root", str(root))
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if "leads to no page or file" in line]


def test_a_link_to_the_sites_own_base_url_that_leads_nowhere_is_said_by_check_as_publish_says_it(tmp_path: Path) -> None:
    """check skipped every link with a scheme; publish judged one behind the site's base_url as the path it is."""
    root = two_posts(
        tmp_path / "site", "Zie [twee](https://example.org/sub/blog/twee/), [weg](https://example.org/sub/blog/weg/#kop)\n"
                           "en [elders](https://example.com/sub/blog/weg/).\n", "site_name: Test\nbase_url: https://example.org/sub/\n",
    )
    expected = ["source_nl/blog/een.md:5: the link to /blog/weg/ on /blog/een/ leads to no page or file of this site — correct the link, "
                "or add what it leads to (a file goes in static/)"]
    for task in ("publish", "check"):
        assert leading_nowhere(root, task) == expected


def test_check_names_a_hugo_page_by_its_address(tmp_path: Path) -> None:
    """check said a section's link was on /blog/_index/ (and a page's on /blog/<file name>/, whatever its slug), and
    resolved a relative link from there: ``een/`` of the section led to /blog/_index/een/, no page. Hugo serves the
    section at /blog/ and the page at its slug, where the link map has them. (Links to addresses are not judged in a
    Hugo site, whose generator makes pages the pipeline does not know: links to Markdown files are.)"""
    from test_hugo import hugo_config

    root = tmp_path / "site"
    (root / "content/blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("layout: hugo-by-filename\n", encoding="utf-8")
    (root / "config.toml").write_text(hugo_config("hugo-by-filename"), encoding="utf-8")
    (root / "content/blog/_index.md").write_text("---\ntitle: Blog\n---\n\nLees [een](een.md) en [weg](weg.md).\n", encoding="utf-8")
    (root / "content/blog/een.md").write_text("---\ntitle: Een\nslug: mijn-een\n---\n\nTerug [naar](../verloren.md).\n", encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    result = run("publish_pipeline", "check", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert sorted(line for line in result.stdout.splitlines() if "leads to no page" in line and line.startswith("content/")) == [
        "content/blog/_index.md:5: the link weg.md on /blog/ leads to no page: there is no document content/blog/weg.md — correct the file name",
        "content/blog/een.md:6: the link ../verloren.md on /blog/mijn-een/ leads to no page: there is no document content/verloren.md nor "
        "content/blog/verloren.md — correct the file name",
    ], result.stdout


def test_a_site_that_left_base_url_unset_judges_no_link_to_example_org_as_its_own(tmp_path: Path) -> None:
    """base_url defaults to the placeholder https://example.org: publish, check and status took a link to a real page
    of example.org for one of the site's own (a page it lacks). Unset, no absolute link is the site's; status says
    once to set base_url. A set base_url is no prefix of another host's address (https://tuin.nl.example/)."""
    body = "Zie [het voorbeeld](https://example.org/blog/weg/) en [de tuin](https://tuin.nl.example/blog/weg/).\n"
    root = two_posts(tmp_path / "unset", body)
    for task in ("publish", "check"):
        result = run("publish_pipeline", task, "--root", str(root))
        assert result.returncode == 0 and "leads to no page" not in result.stdout, result.stdout + result.stderr
    result = run("publish_pipeline", "status", "--root", str(root))
    assert "leads to no page" not in result.stdout and result.stdout.count("set base_url: https://") == 1, result.stdout

    root = two_posts(tmp_path / "set", body.replace("https://example.org/", "https://tuin.nl/"), "site_name: Test\nbase_url: https://tuin.nl\n")
    expected = ["source_nl/blog/een.md:5: the link to /blog/weg/ on /blog/een/ leads to no page or file of this site — correct the link, "
                "or add what it leads to (a file goes in static/)"]
    for task in ("publish", "check"):
        assert leading_nowhere(root, task) == expected


def test_unlink_writes_a_link_as_its_text_wherever_the_parser_finds_it() -> None:
    """``links.unlink`` (an earlier English's links to a deleted post): each link the parser finds to the unwanted URL,
    inline, by a full, collapsed or shortcut reference, over two lines of a quote, with an image in its text, is
    written as its text; a link in code, an image of its own and every other byte (CRLF line ends too) stay."""
    from publish_pipeline.text.links import unlink

    body = (
        "Lees [mijn *zaden*](zaden.md \"titel\") en [hier][z], [z][] en [z].\r\n\r\n"
        "> Een [lange\r\n> link](/blog/zaden/) en [![foto](foto.png)](zaden.md), ![zaden](zaden.md) en `[x](zaden.md)`.\r\n\r\n"
        "[z]: zaden.md\r\n"
    )
    text = "---\r\ntitle: x\r\n---\r\n" + body
    normalized = body.replace("\r\n", "\n")

    written, links = unlink(text, normalized, lambda link: link.href in ("zaden.md", "/blog/zaden/"))

    assert written == "---\r\ntitle: x\r\n---\r\n" + (
        "Lees mijn *zaden* en hier, z en z.\r\n\r\n"
        "> Een lange\r\n> link en ![foto](foto.png), ![zaden](zaden.md) en `[x](zaden.md)`.\r\n\r\n"
        "[z]: zaden.md\r\n"
    ), written
    assert len(links) == 6
