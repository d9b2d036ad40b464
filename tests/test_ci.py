"""CI: GitHub Actions output of check and status, the workflow file under zizmor, and the pre-commit hooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from conftest import REPO, copy_site
from test_tasks import run_here
from publish_pipeline.quality.github import Annotation, escape_data, escape_property, markdown_text

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
LOYALTY_PO = "translations/en/blog/loyaliteit-is-geen-blinde-trouw.po"
NOT_IN_THE_DUTCH = " — write the Dutch's number, or take it out"
"""What check says to do of a number the Dutch does not have."""
HOSTILE = "100% <b>after</b> a workshop,\\n::add-mask::secret, | **x** [y](javascript:alert(1))"
"""A translator's text with a workflow command, HTML, Markdown and a table bar in it (PO-escaped: \\n is a line break)."""


def git(folder: Path, *args: str) -> str:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.org",
                   "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.org"}
    result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, env=environment, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def troubled_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo site, committed to git, then: a hostile check error in an approved post, a hostile
    English slug in the topic page, and a Dutch post whose front matter cannot be read."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    site = copy_site("demo", tmp_path)
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "approved")
    po = site / LOYALTY_PO
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Last week, after a workshop,', f'msgstr "Last week, {HOSTILE}'), encoding="utf-8")
    topic = site / "translations/en/topics/vertrouwen.po"
    topic.write_text(topic.read_text(encoding="utf-8").replace('msgstr "trust"', 'msgstr "<img src=x onerror=alert(1)>|Trust"'), encoding="utf-8")
    (site / "source_nl/blog/kapot.md").write_text("---\ntitle: Kapot\ndate: <script>x</script>\n---\n\nTekst.\n", encoding="utf-8")
    return site


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command read as GitHub's runner reads it: ``::name k=v,k=v::message``, then unescaped."""
    assert line.startswith("::"), line
    head, separator, data = line[2:].partition("::")
    assert separator, line
    name, _, written = head.partition(" ")
    properties = {}
    for pair in written.split(",") if written else []:
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, property=True)
    return name, properties, _unescape(data)


def _unescape(text: str, property: bool = False) -> str:
    codes = {"%0D": "\r", "%0A": "\n", **({"%3A": ":", "%2C": ","} if property else {})}
    for code, character in codes.items():
        text = text.replace(code, character)
    return text.replace("%25", "%")


def render(markdown: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<div>{MarkdownIt('commonmark').enable(['table', 'strikethrough']).render(markdown)}</div>")


# Annotations: GitHub's escaping rules ---------------------------------------------------------------------------------


def test_annotations_escape_data_and_properties_as_githubs_toolkit_does() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("100% a:b,c\n") == "100%25 a%3Ab%2Cc%0A"
    written = str(Annotation("error", "line one\n::add-mask::x", "translations/en/a,b:c.po", 12, "check: numbers"))
    assert written == "::error file=translations/en/a%2Cb%3Ac.po,line=12,title=check%3A numbers::line one%0A::add-mask::x"
    assert str(Annotation("notice", "plain")) == "::notice::plain"


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text(min_size=1), st.text(min_size=1), st.integers(min_value=1, max_value=10**6))
def test_an_annotation_is_one_line_that_the_runner_reads_back_as_written(message: str, file: str, title: str, line: int) -> None:
    written = str(Annotation("warning", message, file, line, title))
    assert "\n" not in written and "\r" not in written
    assert parse_command(written) == ("warning", {"file": file, "line": str(line), "title": title}, message)


# check and status --format github ------------------------------------------------------------------------------------


def test_check_format_github_puts_each_problem_on_its_line_errors_first(
    troubled_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_here(monkeypatch, capsys, "check", "--format", "github", "--root", str(troubled_site))
    assert code == 1
    lines = out.splitlines()
    assert lines[-1].startswith("check: ") and all(line.startswith(("::error ", "::warning ")) for line in lines[:-1])
    commands = [parse_command(line) for line in lines[:-1]]
    severities = [name for name, _, _ in commands]
    assert severities == sorted(severities, key=lambda name: name != "error")  # GitHub shows the first ten of each step
    numbers = [(p, m) for name, p, m in commands if p.get("title") == "translation check: numbers.100"]
    assert numbers and numbers[0][0] == {"file": LOYALTY_PO, "line": "35", "title": "translation check: numbers.100"}
    assert numbers[0][1].startswith(f"the number 100 is not in the Dutch{NOT_IN_THE_DUTCH}\nnl: Vorige week vroeg een teamleider")
    unreadable = next(p | {"message": m} for name, p, m in commands if p["file"] == "source_nl/blog/kapot.md")
    assert unreadable["line"] == "3" and unreadable["title"] == "cannot be read" and "YYYY-MM-DD" in unreadable["message"]
    assert any(p.get("title", "").startswith("translation check: slug") and "<img src=x" in m for _, p, m in commands)
    assert not any(line.startswith("::add-mask") for line in out.splitlines() + err.splitlines())  # the translator's text stays in its message


def test_status_format_github_fences_its_table_then_annotates_and_writes_the_summary(
    troubled_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary_file = tmp_path / "step_summary.md"
    summary_file.write_text("an earlier step's summary\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    code, out, err = run_here(monkeypatch, capsys, "status", "--format", "github", "--root", str(troubled_site))
    assert code == 1 and "source_nl/blog/kapot.md:3: front matter" in err  # a document that cannot be read, as always
    lines = out.splitlines()
    token = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", lines[0])
    assert token, lines[0]
    end = lines.index(f"::{token.group(1)}::")
    assert any("loyaliteit-is-geen-blinde-trouw" in line for line in lines[1:end])  # the table, as text
    assert lines[end + 1 : -1] and all(line.startswith(("::error ", "::warning ")) for line in lines[end + 1 : -1])
    assert lines[-1].startswith("status: English of ")  # the summary last, as every command's

    written = summary_file.read_text(encoding="utf-8")
    assert written.startswith("an earlier step's summary\n### English pages\n")
    page = render(written)
    rows = {row.xpath("string(td[1])"): (row.xpath("string(td[2])"), row.xpath("string(td[3])")) for row in page.xpath("//tbody/tr")}
    assert rows["blog/loyaliteit-is-geen-blinde-trouw"][0].startswith("🕓 update waits: the English of ")
    assert "check errors: run check" in rows["blog/loyaliteit-is-geen-blinde-trouw"][1]
    assert rows["blog/frictie-als-brandstof"] == ("⛔ held back", "42 entries untranslated")
    assert rows["topics/vertrouwen"][0] == "⛔ held back" or rows["topics/vertrouwen"][0].startswith("🕓")
    assert "English slug: '<img src=x o...ert(1)>|Trust' is not a URL slug" in rows["topics/vertrouwen"][1]  # the translator's slug, as text
    assert not page.xpath("//td//* | //li//*")  # the translator's HTML and Markdown are text (no live page: no link)
    assert "source_nl/blog/kapot.md:3: front matter: 'date' is not a date: '<script>x</script>'" in page.xpath("string(//li)")
    assert "held back: 1," not in written and "Checks: " in written
    # a row for every document, as status has (the trial: the one that cannot be read had none, yet was counted)
    assert rows["blog/kapot"] == ("⛔ held back", "the Dutch document cannot be read: source_nl/blog/kapot.md:3: front matter: 'date' is not a date: '<script>x</script>'")
    headline = re.search(r"English of (\d+) documents — live: (\d+)(?: \((\d+) at an earlier version, update waits\))?, held back: (\d+)", written)
    assert headline and int(headline[1]) == len(rows) == int(headline[2]) + int(headline[4])


def test_status_format_github_annotates_each_error_a_documents_warnings_once_and_ends_with_its_summary(tmp_path: Path) -> None:
    """A CI log reader's trial: machine drafts made ~100 warning annotations, of which GitHub shows ten of a step ("10
    warning annotations, 10 error annotations, and 10 notice annotations per step", actions/toolkit's
    docs/problem-matchers.md), and the log ended with an error, not the summary. A document's several warnings are one
    annotation, at the first; where there are more than ten of a kind, the tenth says how many there are (the rest
    follow it, in the log); the last line, also after an error on stderr, is the summary."""
    from engine_server import EngineServer

    root = copy_site("basic", tmp_path)
    source = (root / "source_nl/blog/eerste.md").read_text(encoding="utf-8")
    for number in range(12):  # twelve more posts, each drafted with two warnings (the toy engine leaves Dutch words)
        copy = source.replace("translation_slug: my-first-blog", f"translation_slug: my-post-{number}")
        (root / f"source_nl/blog/post-{number}.md").write_text(copy, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for name in ("GITHUB_WORKSPACE", "GITHUB_STEP_SUMMARY"):
        environment.pop(name, None)

    def cli(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "publish_pipeline", *arguments, "--root", str(root)], env=environment,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)

    assert cli("extract").returncode == 0
    with EngineServer() as server:
        assert cli("draft", "--url", server.url).returncode == 0
    terminal = [line for line in cli("check").stdout.splitlines() if re.match(r"translations/.*\.po:\d+: warning: ", line)]
    (root / "source_nl/blog/kapot.md").write_text("---\ntitle: [\n---\n\nTekst.\n", encoding="utf-8")

    done = cli("status", "--format", "github")
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and lines[-2].startswith("source_nl/blog/kapot.md:2: front matter: "), lines[-3:]  # the error, on stderr
    warnings = [parse_command(line) for line in lines if line.startswith("::warning ")]
    errors = [parse_command(line) for line in lines if line.startswith("::error ")]
    assert len(errors) == 1 and errors[0][1]["file"] == "source_nl/blog/kapot.md"
    files = [properties.get("file") for _, properties, _ in warnings]
    documents = {line.split(":")[0] for line in terminal}
    assert len(documents) == 14 and len(terminal) == 27, terminal  # 13 posts with two warnings each, the topic with one
    assert len(warnings) == len(documents) + 1 and set(files) == documents | {None}, files  # one per document, and the note
    note = warnings[9]
    assert note[1] == {"title": "5 more warnings in the log"} and note[2].startswith("14 warnings in all: GitHub shows 10 of a step"), note
    first = next(message for _, properties, message in warnings if properties.get("file") == "translations/en/blog/eerste.po")
    assert first.startswith("2 warnings in translations/en/blog/eerste.po (dutch.words 2), the first here: "), first
    assert lines[-1] == ("status: English of 15 documents — live: 0, held back: 15; annotated: 1 error, 14 warnings (a document's several warnings in one) "
                         "(invoke check lists every problem on its line)"), lines[-1]


@pytest.mark.parametrize("task", ["check", "status"])
def test_the_summary_counts_the_links_that_lead_to_no_page_among_the_warnings(
    task: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary said "Checks:" of the translations only, while the annotations had a warning for each link that
    leads nowhere (status had none): both count them, and status annotates them as check does."""
    from test_links import link_site

    root = link_site(tmp_path / "site")
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    code, out, _ = run_here(monkeypatch, capsys, task, "--format", "github", "--root", str(root))
    assert code == 0
    assert len([line for line in out.splitlines() if line.startswith("::warning ") and "title=link leads to no page" in line]) == 2
    assert ("Checks: 0 errors and 2 warnings (2 links of the Dutch pages lead to no page): each error annotated on its line"
            in " ".join(summary_file.read_text(encoding="utf-8").split())), summary_file.read_text(encoding="utf-8")


def test_the_summary_links_each_live_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    site = copy_site("demo", tmp_path)
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    code, out, _ = run_here(monkeypatch, capsys, "check", "--format", "github", "--root", str(site))
    assert code == 0 and out.startswith("check: no problems in 5 documents")
    page = render(summary_file.read_text(encoding="utf-8"))
    assert page.xpath("//td/a/@href") == ["https://demo.annemariemars.nl/en/blog/loyalty-is-not-blind-allegiance/", "https://demo.annemariemars.nl/en/topics/trust/"]
    assert "English of 5 documents — live: 2, held back: 3." in page.text_content()


def test_the_summary_lists_an_orphaned_po_file_as_one_without_its_document_not_as_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """The week-long trial: a PO file whose document was renamed (no extract yet) was listed under "Cannot be read",
    which it can be."""
    site = copy_site("demo", tmp_path)
    (site / "source_nl/blog/weerstand-bestaat-niet.md").rename(site / "source_nl/blog/weerstand.md")
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    run_here(monkeypatch, capsys, "status", "--format", "github", "--root", str(site))
    said = summary_file.read_text(encoding="utf-8")
    assert "Cannot be read" not in said and "**PO files without their Dutch document**" in said, said
    assert "- translations/en/blog/weerstand\\-bestaat\\-niet\\.po\\: its Dutch document is gone" in said, said


JEKYLL_EXCLUDE = "exclude: [translations/, pipeline.yaml, tasks.py, build/]\n"
"""What a Jekyll site's _config.yml says, as the README sets it up: jekyll build leaves publish_pipeline's files out."""


@pytest.mark.parametrize("layout, config, address", [
    ("jekyll", {"_config.yml": f"url: https://fiets.example.nl\nbaseurl: /blog\npermalink: /:year/:title/\n{JEKYLL_EXCLUDE}"}, "https://fiets.example.nl/blog/en/2024/eerste-en/"),
    ("hugo-by-filename", {"hugo.toml": 'baseURL = "https://fiets.example.nl/"\n'}, "https://fiets.example.nl/en/blog/eerste-en/"),
])
def test_the_summary_links_a_hugo_or_jekyll_page_at_the_address_of_the_generators_own_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], layout: str, config: dict[str, str], address: str,
) -> None:
    """The new user's trial: the summary linked https://example.org/en/… (pipeline.yaml's base_url, which these
    layouts leave unset: README), not the address the generator's own settings give."""
    from test_layouts import approve, english, make_site

    post = {"jekyll": "_posts/2024-01-01-eerste.md", "hugo-by-filename": "blog/eerste.md"}[layout]
    site = make_site(tmp_path / "site", layout, {post: "---\ntitle: Eerste bericht\n---\nHallo.\n"}, folder="content" if layout != "jekyll" else "")
    for name, text in config.items():
        (site.root / name).write_text(text, encoding="utf-8")
    approve(site, english)
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    code, out, _ = run_here(monkeypatch, capsys, "status", "--format", "github", "--root", str(site.root))
    assert code == 0, out
    assert render(summary_file.read_text(encoding="utf-8")).xpath("//td/a/@href") == [address]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_stays_literal_text_in_a_summary_cell_and_list_item(text: str) -> None:
    flat = " ".join(text.split()).replace("\0", "\ufffd")  # CommonMark's own rule for U+0000
    page = render(f"| a | b |\n| --- | --- |\n| x | {markdown_text(text)} |\n\n- {markdown_text(text)}\n")
    cell, item = page.xpath("//tbody/tr/td")[1], page.xpath("//li")[0]
    assert (cell.text_content(), item.text_content()) == (flat, flat)
    assert not len(cell) and not len(item)  # no element inside: no link, emphasis, code or HTML


def test_annotation_paths_are_the_repositorys_when_the_site_is_in_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "repository" / "docs"
    folder.mkdir(parents=True)
    site = copy_site("demo", folder)
    po = site / LOYALTY_PO
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Last week,', 'msgstr "Last week 7,'), encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repository"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    _, out, _ = run_here(monkeypatch, capsys, "check", "--format", "github", "--root", str(site))
    assert parse_command(out.splitlines()[0])[1]["file"] == f"docs/demo/{LOYALTY_PO}"


def test_without_format_github_the_output_is_the_plain_one_even_on_github(
    troubled_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    for command in ("check", "status"):
        _, out, err = run_here(monkeypatch, capsys, command, "--root", str(troubled_site))
        assert not [line for line in (out + err).splitlines() if line.startswith("::")]
    _, out, _ = run_here(monkeypatch, capsys, "check", "--root", str(troubled_site))
    assert f"{LOYALTY_PO}:35: error: numbers.100: the number 100 is not in the Dutch{NOT_IN_THE_DUTCH}" in out.splitlines()
    assert not (tmp_path / "summary.md").exists()


def test_an_unknown_format_or_json_with_github_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = copy_site("demo", tmp_path)
    assert run_here(monkeypatch, capsys, "check", "--format", "xml", "--root", str(site)) == (
        1, "", "--format: 'xml' is not a format — use text or github\n")
    code, out, err = run_here(monkeypatch, capsys, "status", "--json", "--format", "github", "--root", str(site))
    assert (code, out) == (1, "") and err == "--json and --format github are two outputs for the same stdout — choose one\n"


# The workflow file ---------------------------------------------------------------------------------------------------


def test_the_workflow_passes_zizmor_offline() -> None:
    zizmor = shutil.which("zizmor") or shutil.which("zizmor", path=str(Path(sys.executable).parent))
    if zizmor is None:
        if os.environ.get("CI"):
            pytest.fail("zizmor is not installed; it is in the test extras: python -m pip install -e '.[test]'")
        pytest.skip("zizmor (GitHub Actions' security linter, PyPI) is not installed: python -m pip install zizmor")
    result = subprocess.run([zizmor, "--offline", "--no-progress", str(WORKFLOW)], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_the_workflow_pins_every_action_by_commit_with_its_release_in_a_comment() -> None:
    uses = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert len(uses) == 5
    for line in uses:
        assert re.fullmatch(r"(- )?uses: actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_the_workflow_checks_out_the_history_reports_for_people_and_deploys_only_what_passed() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"} and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = build["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}  # every commit: the live English is in the history
    runs = [step.get("run", step.get("uses", "")) for step in build["steps"]]
    test, status, publish, upload = (next(i for i, run in enumerate(runs) if run.startswith(start)) for start in
                                     ("python -m pytest", "invoke status --format github", "invoke publish", "actions/upload-pages-artifact@"))
    assert test < status < publish < upload  # a failing test stops the job before its site is handed over
    tolerant = [i for i, step in enumerate(build["steps"]) if step.get("continue-on-error")]
    assert tolerant == [status, publish]  # one unreadable document costs only its own update; a failed build leaves no public/
    assert any(step.get("run") == "invoke check" and step["if"] == "github.event_name == 'pull_request'" for step in build["steps"])
    assert deploy["needs"] == "build" and deploy["if"] == "github.ref == 'refs/heads/main'"
    assert "pull_request" in workflow[True] and "pull_request_target" not in workflow[True]  # YAML 1.1 reads 'on' as True


# pre-commit ----------------------------------------------------------------------------------------------------------


def pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("pre-commit is not installed; it is in the test extras: python -m pip install -e '.[test]'")
        pytest.skip("pre-commit (PyPI) is not installed: python -m pip install pre-commit")
    return found


def test_the_hooks_file_is_a_valid_pre_commit_manifest() -> None:
    result = subprocess.run([pre_commit(), "validate-manifest", str(HOOKS)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert hooks["publish-pipeline-extract"]["entry"] == "publish-pipeline extract --pre-commit"
    assert hooks["publish-pipeline-check"]["entry"] == "publish-pipeline check"
    assert all(hook["language"] == "python" and hook["pass_filenames"] is False for hook in hooks.values())


def hooked_repository(site: Path, pre_commit_home: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``site`` committed to a new git repository with the shipped hooks installed by the real pre-commit; returns
    a commit with a message. Installing a ``language: python`` hook means pip installing this package from an index;
    the tests have no network, so the same hooks run as ``system`` hooks with the publish-pipeline installed here (a
    site's venv has it too)."""
    tool = pre_commit()
    (site / ".gitignore").write_text("/public/\n/build/\n/.cache/\n", encoding="utf-8")
    hooks = [{**hook, "language": "system"} for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))]
    (site / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}), encoding="utf-8")
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "the site")
    environment = {
        **os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "PYTHONPATH": str(REPO / "src"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    subprocess.run([tool, "install"], cwd=site, env=environment, check=True, capture_output=True, timeout=60)

    def commit(message: str, *options: str, skip: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "commit", *options, "-m", message], cwd=site, env={**environment, **({"SKIP": skip} if skip else {})},
                              capture_output=True, text=True, timeout=120)

    return commit


def test_a_commit_of_a_dutch_edit_brings_its_po_file_along_and_a_check_error_stops_one(tmp_path: Path) -> None:
    """The shipped hooks, run by the real pre-commit in a real repository."""
    site = copy_site("demo", tmp_path)
    commit = hooked_repository(site, tmp_path / "pre-commit-home")
    post = site / "source_nl/blog/weerstand-bestaat-niet.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nEen nieuwe alinea over weerstand.\n", encoding="utf-8")
    git(site, "add", post.relative_to(site).as_posix())
    stopped = commit("a new paragraph")
    assert stopped.returncode == 1, stopped.stdout + stopped.stderr
    assert "files were modified by this hook" in stopped.stderr  # git shows a hook's output there; as with any fixer: the author sees and adds them
    po = "translations/en/blog/weerstand-bestaat-niet.po"
    assert f"it updated {po} for the Dutch of this commit: git add -A translations/en, and commit again" in stopped.stderr + stopped.stdout
    assert git(site, "status", "--porcelain") == f"M  {post.relative_to(site).as_posix()}\n M {po}\n"
    assert 'msgid "Een nieuwe alinea over weerstand."' in (site / po).read_text(encoding="utf-8")
    git(site, "add", po)
    done = commit("a new paragraph")
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(site, "show", "--name-only", "--format=", "HEAD").split() == ["source_nl/blog/weerstand-bestaat-niet.md", po]

    approved = site / LOYALTY_PO  # the translator's commit: a check error stops it, with the line
    approved.write_text(approved.read_text(encoding="utf-8").replace('msgstr "Last week,', 'msgstr "Last week 7,'), encoding="utf-8")
    git(site, "add", LOYALTY_PO)
    refused = commit("a new paragraph")
    assert refused.returncode == 1 and f"{LOYALTY_PO}:35: error: numbers.7: the number 7 is not in the Dutch" in refused.stderr
    assert git(site, "status", "--porcelain") == f"M  {LOYALTY_PO}\n"  # nothing committed, nothing changed
    # and how to commit work in progress all the same (only README said it), which works as said
    said = " ".join((refused.stdout + refused.stderr).split())
    assert "or, for work in progress, commit it all the same with SKIP=publish-pipeline-check git commit … — CI still refuses it" in said, said
    skipped = commit("work in progress", skip="publish-pipeline-check")
    assert skipped.returncode == 0 and git(site, "status", "--porcelain") == "", skipped.stdout + skipped.stderr

    # the author's next commit, of her post and its PO file: the translator's error in another document (committed
    # above) does not stop it — she cannot fix it (a trial: every author commit stopped for it); CI still holds it back
    post.write_text(post.read_text(encoding="utf-8") + "\nNog een alinea.\n", encoding="utf-8")
    extracted = pipeline(site, "extract")
    assert extracted.returncode == 0, extracted.stderr
    git(site, "add", post.relative_to(site).as_posix(), po)
    as_the_hook = subprocess.run([sys.executable, "-m", "publish_pipeline", "check"], cwd=site, capture_output=True, text=True,
                                 env={**os.environ, "PYTHONPATH": str(REPO / "src"), "PRE_COMMIT": "1"}, timeout=120)
    said = " ".join((as_the_hook.stdout + as_the_hook.stderr).split())
    assert as_the_hook.returncode == 0 and f"{LOYALTY_PO}:35: error: numbers.7" in said, said
    assert "1 error above in what this commit leaves as it was (other documents, other entries) or in English that needs review (no page shows it): not stopping it" in said and "SKIP=" not in said
    hers = commit("another paragraph")
    assert hers.returncode == 0 and "check the translations (publish-pipeline check)....." in hers.stdout + hers.stderr, hers.stdout + hers.stderr
    assert pipeline(site, "check").returncode == 1  # at a terminal (and in CI) every document counts


def pipeline(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``publish-pipeline ARGS`` run in ``folder`` as a person runs it (this checkout's code)."""
    return subprocess.run([sys.executable, "-m", "publish_pipeline", *args], cwd=folder, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")}, timeout=120)


@pytest.mark.parametrize("extracted_first", [False, True], ids=["hook-extracts", "author-extracted-first"])
def test_the_commit_of_a_new_post_carries_its_new_po_file_to_ci_and_the_translator(tmp_path: Path, extracted_first: bool) -> None:
    """A new document's PO file is a file git does not track: pre-commit looks only at tracked files, so the hook
    marks it for the commit (git add --intent-to-add) and the commit stops, naming it, until the author adds it. Then
    a fresh clone (CI) has it and publishes, and the translator's pull brings its entries. A Dutch draft she has not
    added keeps its PO file to itself. With the author's own extract before the commit, the hook's quick answer
    (nothing changed since) marks it all the same."""
    author = copy_site("demo", tmp_path)
    commit = hooked_repository(author, tmp_path / "pre-commit-home")
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "remote.git")
    git(author, "remote", "add", "origin", str(tmp_path / "remote.git"))
    git(author, "push", "-q", "-u", "origin", "main")
    git(tmp_path, "clone", "-q", "remote.git", "translator")
    post, po = "source_nl/blog/nieuw-bericht.md", "translations/en/blog/nieuw-bericht.po"
    (author / post).write_text("---\ntitle: Een nieuw bericht\ndate: 2026-11-30\n---\n\nEen alinea over vertrouwen.\n", encoding="utf-8")
    (author / "source_nl/blog/concept.md").write_text("---\ntitle: Een concept\n---\n\nNog niet af.\n", encoding="utf-8")
    if extracted_first:
        assert pipeline(author, "extract").returncode == 0
    git(author, "add", post)

    stopped = commit("a new post")
    said = stopped.stdout + stopped.stderr
    assert stopped.returncode == 1 and "files were modified by this hook" in said, said
    assert f"{po}: the new PO file of {post}, not in this commit yet: git add -A translations/en, and commit again" in said
    assert set(git(author, "status", "--porcelain").splitlines()) == {
        f"A  {post}", f" A {po}", "?? source_nl/blog/concept.md", "?? translations/en/blog/concept.po",
    }
    assert commit("a new post").returncode == 1  # not added yet: it stops again
    done = commit("a new post", "-a")
    assert done.returncode == 0, done.stdout + done.stderr  # commit -a takes a file marked so
    assert sorted(git(author, "show", "--name-only", "--format=", "HEAD").split()) == [post, po]
    git(author, "push", "-q")

    git(tmp_path, "clone", "-q", "remote.git", "ci")
    status = pipeline(tmp_path / "ci", "status")
    assert "blog/nieuw-bericht" in status.stdout and "no PO file yet" not in status.stdout, status.stdout
    published = pipeline(tmp_path / "ci", "publish")
    assert published.returncode == 0 and (tmp_path / "ci/public/blog/nieuw-bericht/index.html").is_file(), published.stdout + published.stderr
    git(tmp_path / "translator", "pull", "-q")
    assert 'msgid "Een alinea over vertrouwen."' in (tmp_path / "translator" / po).read_text(encoding="utf-8")


LAYOUT_SOURCES = {  # where each layout keeps the Dutch, and the document id (its PO file) of the post below
    "hugo-by-filename": ("content/blog/zee.md", "blog/zee"),
    "hugo-by-folder": ("content/nl/blog/zee/index.md", "blog/zee"),
    "jekyll": ("_posts/2020-02-02-zee.md", "2020-02-02-zee"),
}


def test_a_renamed_post_s_commit_is_told_the_one_command_that_adds_its_moved_po_file(tmp_path: Path) -> None:
    """The author renames a post (git mv) and commits: the hook's extract moves its PO file and stops the commit. It
    said to git add the new file alone (a trial did, and the old one's deletion stayed out of the commit, which the
    next commit refused); now one command adds both, and the commit after it passes."""
    site = copy_site("demo", tmp_path)
    commit = hooked_repository(site, tmp_path / "pre-commit-home")
    git(site, "mv", "source_nl/blog/weerstand-bestaat-niet.md", "source_nl/blog/weerstand.md")
    stopped = commit("a shorter name")
    said = stopped.stdout + stopped.stderr
    assert stopped.returncode == 1 and "git add -A translations/en (the moved files too), and commit again" in said, said
    git(site, "add", "-A", "translations")
    done = commit("a shorter name")
    assert done.returncode == 0, done.stdout + done.stderr
    moved = [line.split("\t")[1:] for line in git(site, "show", "--name-status", "--format=", "-M", "HEAD").splitlines()]
    assert sorted(moved) == [["source_nl/blog/weerstand-bestaat-niet.md", "source_nl/blog/weerstand.md"],
                             ["translations/en/blog/weerstand-bestaat-niet.po", "translations/en/blog/weerstand.po"]], moved
    assert not git(site, "status", "--porcelain")  # nothing left out of the commit


@pytest.mark.parametrize("layout", LAYOUT_SOURCES)
def test_the_hooks_follow_the_dutch_wherever_the_layout_keeps_it(tmp_path: Path, layout: str) -> None:
    """A Hugo or Jekyll site's Dutch edit stops the commit with the updated PO file, as in source_nl/;
    the translator's commit of PO files alone is passed by without extract (which would rewrite Poedit's wrapping)."""
    source, document = LAYOUT_SOURCES[layout]
    site = tmp_path / "site"
    (site / source).parent.mkdir(parents=True)
    (site / "pipeline.yaml").write_text(f"layout: {layout}\n", encoding="utf-8")
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\n', encoding="utf-8")  # the generator's own files: no Dutch
    (site / "_config.yml").write_text(JEKYLL_EXCLUDE, encoding="utf-8")  # as the README sets a Jekyll site up
    (site / source).write_text("---\ntitle: Aan zee\ndate: 2020-02-02\n---\n\nEen dag aan zee.\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "publish_pipeline", "extract", "--root", str(site)], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(REPO / "src")}, timeout=120)
    commit = hooked_repository(site, tmp_path / "pre-commit-home")
    po = f"translations/en/{document}.po"

    (site / "hugo.toml").write_text('baseURL = "https://example.org/blog/"\n', encoding="utf-8")
    git(site, "add", "hugo.toml")
    passed = commit("another address")  # extract runs, finds nothing to do
    assert passed.returncode == 0 and re.search(r"publish-pipeline extract\)\.+Passed", passed.stdout + passed.stderr), passed.stdout + passed.stderr

    (site / source).write_text((site / source).read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    git(site, "add", source)
    stopped = commit("a new paragraph")
    assert stopped.returncode == 1 and "files were modified by this hook" in stopped.stderr, stopped.stdout + stopped.stderr
    assert git(site, "status", "--porcelain") == f"M  {source}\n M {po}\n"
    assert 'msgid "Een nieuwe alinea."' in (site / po).read_text(encoding="utf-8")
    git(site, "add", po)
    done = commit("a new paragraph")
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(git(site, "show", "--name-only", "--format=", "HEAD").split()) == sorted([source, po])

    wrapped = (site / po).read_text(encoding="utf-8").replace('"Een nieuwe alinea."\nmsgstr ""', '"Een nieuwe alinea."\nmsgstr ""\n"A new "\n"paragraph."')
    (site / po).write_text(wrapped, encoding="utf-8")  # the translator's English, wrapped as Poedit may wrap it
    git(site, "add", po)
    translated = commit("the translator's English")
    assert translated.returncode == 0, translated.stdout + translated.stderr
    assert re.search(r"publish-pipeline extract\)\.+Passed", translated.stderr), translated.stderr  # always_run: it passes her commit by itself
    assert (site / po).read_text(encoding="utf-8") == wrapped and git(site, "status", "--porcelain") == ""


@pytest.mark.parametrize("extracted_first", [False, True], ids=["extracts", "quick-answer"])
def test_extract_for_the_hook_names_the_new_po_file_before_its_summary(tmp_path: Path, extracted_first: bool) -> None:
    """The trial: ``extract --pre-commit`` said its summary, then a line of git's after it. The line naming a new
    PO file comes before the summary, which is the last line, whether extract ran or answered that nothing changed."""
    site = copy_site("demo", tmp_path)
    git(site, "init", "-q", "-b", "main")
    git(site, "add", ".")
    git(site, "commit", "-q", "-m", "site")
    post, po = "source_nl/blog/nieuw-bericht.md", "translations/en/blog/nieuw-bericht.po"
    (site / post).write_text("---\ntitle: Een nieuw bericht\ndate: 2026-11-30\n---\n\nEen alinea over vertrouwen.\n", encoding="utf-8")
    git(site, "add", post)
    if extracted_first:
        assert pipeline(site, "extract").returncode == 0
    result = pipeline(site, "extract", "--pre-commit")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-2] == f"{po}: the new PO file of {post}, not in this commit yet: git add -A translations/en, and commit again"
    assert lines[-1].startswith("extract: "), lines
    assert f" A {po}" in git(site, "status", "--porcelain").splitlines()
