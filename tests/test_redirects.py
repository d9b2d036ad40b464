"""Redirects from the English addresses pages had before, with real git: a bare remote, the author's and the
translator's clones, and CI's fresh clone that publishes (see output/redirects.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import browser_test
from publish_pipeline import tasks
from publish_pipeline.catalogs.extraction import extract
from publish_pipeline.site import Site
from test_status import ENGLISH
from test_workflow import Team, edit, git, page, review, run_task

OLD, NEW = "public/en/blog/my-first-blog/index.html", "public/en/blog/why-i-write/index.html"
AFTER_THE_FOLDER_RULE = "2026-12-02T09:00:00+00:00"
"""A commit time after English URLs got every folder (``redirects.LAYOUT_CHANGED``); the team's clock is before it."""


def approve_slug(clone: Path, slug: str, document: str = "blog/eerste", dutch_slug: str = "eerste") -> None:
    """The translator approves every entry of ``document``, its URL slug as ``slug``."""
    review(clone, {**ENGLISH, dutch_slug: slug}, document=document)


def with_slug_entry(team: Team, document: str = "source_nl/blog/eerste.md") -> None:
    """The author takes her fixed English slug out of the front matter (the translator's slug entry names it now)."""
    team.pull(team.author)
    edit(team.author, "translation_slug: my-first-blog\n", "", document)
    extract(Site.open(team.author))
    team.commit(team.author, "The translator chooses the English slug")
    team.pull(team.translator)


def commit_later(team: Team, clone: Path, message: str) -> None:
    """A commit (and push) made after the folder rule (``AFTER_THE_FOLDER_RULE``)."""
    environment = {**os.environ, "GIT_AUTHOR_DATE": AFTER_THE_FOLDER_RULE, "GIT_COMMITTER_DATE": AFTER_THE_FOLDER_RULE}
    for arguments in (["add", "-A"], ["commit", "-qm", message], ["push", "-q", "origin", "HEAD:main"]):
        subprocess.run(["git", "-c", "user.name=Someone", "-c", "user.email=someone@example.org", *arguments],
                       cwd=clone, check=True, capture_output=True, env=environment, timeout=60)


@pytest.fixture
def moved(tmp_path: Path) -> Team:
    """blog/eerste live at /en/blog/my-first-blog/ (its approved slug entry), then the translator approves another
    slug, why-i-write, and pushes."""
    team = Team(tmp_path)
    with_slug_entry(team)
    approve_slug(team.translator, "my-first-blog")
    team.commit(team.translator, "Approve blog/eerste")
    code, output, clone = team.ci()
    assert code == 0 and page(clone, OLD), output
    approve_slug(team.translator, "why-i-write")
    team.commit(team.translator, "A better English slug")
    return team


def redirect_target(html: str | None) -> str | None:
    """Where a redirect page sends the reader (its meta refresh), None for any other page."""
    found = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]*)">', html or "")
    return found.group(1) if found else None


def test_an_approved_slug_the_translator_changes_leaves_a_redirect_at_the_old_address(moved: Team) -> None:
    code, output, clone = moved.ci()
    assert code == 0, output
    assert "Sometimes that works." in (page(clone, NEW) or "")
    old = page(clone, OLD)
    assert redirect_target(old) == "/en/blog/why-i-write/"
    assert '<meta name="robots" content="noindex">' in old and '<link rel="canonical" href="https://example.org/en/blog/why-i-write/">' in (old or "")
    assert '<a href="/en/blog/why-i-write/">My first blog</a>' in (old or "")
    assert "1 redirect from former addresses" in output.splitlines()[-1]
    assert "/en/blog/my-first-blog/" not in (page(clone, "public/sitemap.xml") or "")


def test_an_unchanged_publish_keeps_the_redirect_and_reads_no_version_again(moved: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, clone = moved.ci()
    assert redirect_target(page(clone, OLD)) == "/en/blog/why-i-write/"
    from publish_pipeline.output import redirects

    monkeypatch.setattr(redirects, "blob_contents", lambda *arguments: pytest.fail("a version's slug read again"))
    code, output = run_task(tasks.publish, clone, out="public")  # out: no quick answer, the whole publish runs
    assert code == 0, output
    assert redirect_target(page(clone, OLD)) == "/en/blog/why-i-write/" and "1 redirect" in output.splitlines()[-1]


def test_the_redirect_page_escapes_the_translated_title(moved: Team) -> None:
    review(moved.translator, {"Mijn eerste blog": 'Why I write & what "works"'}, document="blog/eerste")
    moved.commit(moved.translator, "A title with an ampersand and quotes")
    code, output, clone = moved.ci()
    old = page(clone, OLD) or ""
    assert '<title>Why I write &amp; what &#34;works&#34;</title>' in old and '"works"' not in old


def test_no_redirect_where_another_page_has_the_old_address_now_and_it_is_said(moved: Team) -> None:
    moved.pull(moved.author)
    post = "---\ntitle: Tweede\ntranslation_slug: my-first-blog\n---\n\nBoeken bestellen\n"
    (moved.author / "source_nl/blog/tweede.md").write_text(post, encoding="utf-8")
    extract(Site.open(moved.author))
    review(moved.author, {"Tweede": "Second", "Boeken bestellen": "Order books"}, document="blog/tweede")
    moved.commit(moved.author, "A second post takes the old address")
    code, output, clone = moved.ci()
    assert code == 0, output
    assert redirect_target(page(clone, OLD)) is None and "Order books" in (page(clone, OLD) or "")
    assert "/en/blog/my-first-blog/: once the English page of blog/eerste, now the en page of blog/tweede: no redirect to /en/blog/why-i-write/ there" in output
    assert "redirect" not in output.splitlines()[-1]


def test_a_shallow_clone_writes_no_redirect_and_says_so_once(moved: Team) -> None:
    git(moved.tmp_path, "clone", "-q", "--depth", "1", f"file://{moved.remote}", "shallow")
    code, output = run_task(tasks.publish, moved.tmp_path / "shallow")
    assert code == 0, output
    assert page(moved.tmp_path / "shallow", OLD) is None and page(moved.tmp_path / "shallow", NEW)
    assert output.count("shallow git clone") == 1 and "no redirects from the English addresses pages had before" in output


def test_a_site_that_is_no_git_checkout_has_no_redirects_and_says_so_once(moved: Team) -> None:
    clone = moved.clone("copy")
    shutil.rmtree(clone / ".git")
    code, output = run_task(tasks.publish, clone)
    assert code == 0, output
    assert page(clone, OLD) is None and page(clone, NEW)
    assert output.count("not a git checkout") == 1 and "no redirects" in output


NESTED = "---\ntitle: Genest\ndate: 2024-03-01\n---\n\nBoeken bestellen\n"
NESTED_ENGLISH = {"Genest": "Nested", "Boeken bestellen": "Order books"}


def test_a_post_in_a_nested_folder_redirects_from_where_it_was_before_english_urls_got_its_folders(tmp_path: Path) -> None:
    """Approved before the folder rule, a post of blog/2024/ was at /en/blog/<slug>/; its later slug moves it again:
    both old addresses, and the one of the folder rule with the first slug, lead to where it is now."""
    team = Team(tmp_path)
    folder = team.author / "source_nl/blog/2024"
    folder.mkdir()
    (folder / "genest.md").write_text(NESTED, encoding="utf-8")
    extract(Site.open(team.author))
    review(team.author, {**NESTED_ENGLISH, "genest": "nested"}, document="blog/2024/genest")
    team.commit(team.author, "A nested post, approved before the folder rule")
    code, output, clone = team.ci()
    assert code == 0 and "Order books" in (page(clone, "public/en/blog/2024/nested/index.html") or ""), output
    assert redirect_target(page(clone, "public/en/blog/nested/index.html")) == "/en/blog/2024/nested/"
    team.pull(team.translator)
    review(team.translator, {"genest": "nested-again"}, document="blog/2024/genest")
    commit_later(team, team.translator, "Another slug, after the folder rule")
    code, output, clone = team.ci()
    assert code == 0, output
    for old in ("nested", "2024/nested"):
        assert redirect_target(page(clone, f"public/en/blog/{old}/index.html")) == "/en/blog/2024/nested-again/", old
    assert page(clone, "public/en/blog/nested-again/index.html") is None  # never at the address of before the rule


@browser_test
def test_chromium_follows_the_redirect_from_the_old_address_to_the_page(moved: Team, browser: object) -> None:
    import functools
    import http.server
    import threading

    code, output, clone = moved.ci()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(clone / "public")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        reader = browser.new_page()
        reader.goto(f"{origin}/en/blog/my-first-blog/")
        reader.wait_for_url(f"{origin}/en/blog/why-i-write/")
        assert reader.locator("html").get_attribute("lang") == "en"
        assert reader.get_by_text("Sometimes that works.").is_visible()
    finally:
        server.shutdown()


@pytest.mark.parametrize("layout", ["hugo-by-filename", "hugo-by-folder"])
def test_a_hugo_site_gets_the_old_english_address_as_an_alias_and_hugo_redirects_it(tmp_path: Path, layout: str) -> None:
    from test_export_live import Pair, fresh_build
    from test_layouts import approve, english

    pair = Pair(tmp_path, layout)
    approve(Site.open(pair.translator), lambda entry: "first-post" if entry.msgid == "eerste-post" else english(entry))
    pair.commit(pair.translator, "Another English slug for the first post")
    git(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), "ci")
    code, output = run_task(tasks.export, tmp_path / "ci")
    assert code == 0, output
    site = Site.open(tmp_path / "ci")
    front = site.english_file(site.source_path("blog/Eerste-Post")).read_text(encoding="utf-8")
    assert re.search(r"aliases = \[\s*['\"]/en/blog/eerste-post-en/['\"]\s*\]", front), front
    public = fresh_build(tmp_path / "ci")
    assert "Tekst van het first post." in (public / "en/blog/first-post/index.html").read_text(encoding="utf-8")
    alias = (public / "en/blog/eerste-post-en/index.html").read_text(encoding="utf-8")
    assert redirect_target(alias) == "https://example.org/en/blog/first-post/", alias


def test_an_address_two_hugo_pages_had_is_the_alias_of_the_one_that_had_it_last(tmp_path: Path) -> None:
    """The first post leaves eerste-post-en; the second takes it, then leaves it too: the address leads to the second
    post, as publish's redirect does, and only its English file names it (Hugo writes one of two aliases, either)."""
    from test_export_live import Pair, fresh_build
    from test_layouts import approve, english

    pair = Pair(tmp_path, "hugo-by-folder")
    slugs = {"eerste-post": "first-post"}  # the second post's is tweede-bericht-en
    for second in (None, "eerste-post-en", "second-post"):
        slugs.update({"tweede-bericht": second} if second else {})
        approve(Site.open(pair.translator), lambda entry: slugs.get(entry.msgid) or english(entry))
        pair.commit(pair.translator, f"English slugs: {slugs}")
    git(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), "ci")
    code, output = run_task(tasks.export, tmp_path / "ci")
    assert code == 0, output
    site = Site.open(tmp_path / "ci")
    aliases = {document: re.findall(r"/en/blog/[a-z-]+/", site.english_file(site.source_path(document)).read_text(encoding="utf-8"))
               for document in ("blog/Eerste-Post", "blog/tweede")}
    assert aliases == {"blog/Eerste-Post": [], "blog/tweede": ["/en/blog/eerste-post-en/", "/en/blog/tweede-bericht-en/"]}, aliases
    alias = (fresh_build(tmp_path / "ci") / "en/blog/eerste-post-en/index.html").read_text(encoding="utf-8")
    assert redirect_target(alias) == "https://example.org/en/blog/second-post/", alias


@pytest.mark.parametrize("plugin", [True, False])
def test_a_jekyll_site_gets_redirect_from_only_where_it_uses_jekyll_redirect_from(tmp_path: Path, plugin: bool) -> None:
    from test_jekyll import CONFIG, SITE, front, jekyll_site
    from test_layouts import approve, english

    root = tmp_path / "site"
    git(tmp_path, "init", "-q", str(root))
    site = jekyll_site(root, {**SITE, "_config.yml": CONFIG + ("plugins: [jekyll-redirect-from]\n" if plugin else "")})
    (root / ".gitignore").write_text(".cache/\n/en/\n/_recepten/en/\n.publish-pipeline-export\n", encoding="utf-8")
    approve(site, english)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Every page approved")
    code, output = run_task(tasks.export, root)
    assert code == 0 and "jekyll-redirect-from" not in output, output  # no page has had another address: nothing to say
    approve(site, lambda entry: "hello" if entry.msgid == "eerste" else english(entry))
    git(root, "commit", "-qam", "Another English slug for the first post")
    code, output = run_task(tasks.export, root)
    assert code == 0, output
    post = front(root / "en/_posts/2024-01-01-eerste.md")
    if plugin:
        assert yaml.safe_load(post)["redirect_from"] == ["/en/2024/01/eerste-en/"], post
        assert "jekyll-redirect-from" not in output
    else:
        assert "redirect_from" not in yaml.safe_load(post)
        assert output.count("the site does not use jekyll-redirect-from: no redirects from the English addresses pages had before") == 1, output


SLUG_ENTRY = '#. URL slug\n#: source_nl/blog/x.md:1\n{flag}msgctxt "slug"\nmsgid "x"\nmsgstr "{text}"\n'
PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n{entry}\nmsgid "Tekst"\nmsgstr "Text"\n'


@pytest.mark.parametrize(("entry", "expected"), [
    (SLUG_ENTRY.format(flag="", text="why-i-write"), "why-i-write"),
    (SLUG_ENTRY.format(flag="#, fuzzy\n", text="why-i-write"), None),  # a draft: never served
    (SLUG_ENTRY.format(flag="", text=""), None),
    ('#~ msgctxt "slug"\n#~ msgid "x"\n#~ msgstr "gone"\n', None),  # obsolete
    (SLUG_ENTRY.format(flag="# mt: an engine\n", text="long-").replace('msgstr "long-"', 'msgstr ""\n"long-"\n"slug"'), "long-slug"),
])
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_a_versions_approved_slug_is_read_from_its_entry_alone_as_the_whole_file_reads_it(
    tmp_path: Path, entry: str, expected: str | None, line_end: str,
) -> None:
    from publish_pipeline.catalogs.catalog import approved_slug, read_catalog

    data = PO.format(entry=entry).replace("\n", line_end).encode()
    (tmp_path / "x.po").write_bytes(data)
    whole = next((t.text for t in read_catalog(tmp_path / "x.po", "x.po").translations if t.context == "slug" and t.approved), None)
    assert approved_slug(data, "x.po") == whole == expected


@pytest.mark.parametrize("extracted", [True, False])
def test_a_renamed_post_s_old_dutch_address_sends_readers_to_its_new_one(tmp_path: Path, extracted: bool) -> None:
    """The cross-clone trial: a post renamed in git (git mv, with or without extract) left its old Dutch address dead
    (only old English addresses had redirects). CI's publish makes a redirect page there, from git's rename history."""
    team = Team(tmp_path)
    review(team.translator)
    team.commit(team.translator, "Approve blog/eerste")
    assert team.pull(team.author)
    git(team.author, "mv", "source_nl/blog/eerste.md", "source_nl/blog/eerst-geschreven.md")
    if extracted:
        assert run_task(tasks.extract, team.author)[0] == 0
    team.commit(team.author, "A better name for the first blog")

    code, output, clone = team.ci()

    assert code == 0, output
    old = page(clone, "public/blog/eerste/index.html")
    assert redirect_target(old) == "/blog/eerst-geschreven/" and '<html lang="nl">' in (old or ""), old
    assert "Deze pagina is verhuisd:" in (old or "") and page(clone, "public/blog/eerst-geschreven/index.html")
    assert "1 redirect from former addresses" in output.splitlines()[-1], output
