"""The pre-commit check hook judges the commit being made (``commit_hook.not_stopping``): real git (a bare remote, the
author's and the translator's clones, each with the shipped hooks installed by the real pre-commit), and CI's fresh clone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import polib
import pytest
import yaml

from conftest import REPO
from publish_pipeline import tasks
from test_ci import HOOKS, pre_commit
from test_status import ENGLISH
from test_workflow import ENGLISH_PAGE, Team, edit, git, page, review, run_task

PO_FILE = "translations/en/blog/eerste.po"
WRONG = {"Waarom schrijf ik?": "Why do I write 7 times?"}  # a number the Dutch does not have: an error of check
ERROR = "error: numbers.7: the number 7 is not in the Dutch"


def hooked_hugo_site(tmp_path: Path, content: dict[str, str]) -> tuple[Any, Any, str]:
    """A Hugo site of ``content`` (``test_hugo.hugo_ref_site``), extracted, in a git repository of its own with the
    shipped hooks installed: the site, its hooked commit (``hooked``) and the hooks' commit (HEAD)."""
    from types import SimpleNamespace

    from test_hugo import hugo_ref_site

    site = hugo_ref_site(tmp_path / "site", content)
    assert run_task(tasks.extract, site.root)[0] == 0
    (site.root / ".gitignore").write_text(".cache/\npublic/\nresources/\n", encoding="utf-8")
    git(site.root, "init", "-q")
    shim = SimpleNamespace(tmp_path=tmp_path, commit=lambda clone, message: (git(clone, "add", "-A"), git(clone, "commit", "-qm", message)))
    commit = hooked(shim, site.root)  # type: ignore[arg-type]
    return site, commit, git(site.root, "rev-parse", "HEAD").stdout


def hooked(team: Team, clone: Path) -> object:
    """The shipped hooks installed in ``clone`` by the real pre-commit (as ``system`` hooks: no network to install
    from), committed for every clone; returns a commit with a message that runs them."""
    if not (clone / ".pre-commit-config.yaml").exists():
        hooks = [{**hook, "language": "system"} for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))]
        (clone / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}), encoding="utf-8")
        team.commit(clone, "The hooks")
    environment = {
        **os.environ, "PRE_COMMIT_HOME": str(team.tmp_path / "pre-commit-home"), "PYTHONPATH": str(REPO / "src"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    environment.pop("CI", None)
    subprocess.run([pre_commit(), "install"], cwd=clone, env=environment, check=True, capture_output=True, timeout=60)

    def commit(message: str, *, skip: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "commit", "-m", message], cwd=clone, env={**environment, **({"SKIP": skip} if skip else {})},
                              capture_output=True, text=True, timeout=120)

    return commit


def said(done: subprocess.CompletedProcess[str]) -> str:
    return " ".join((done.stdout + done.stderr).split())


def test_the_authors_commit_of_her_post_is_not_stopped_by_the_translators_error_in_another_entry_of_it(tmp_path: Path) -> None:
    """The trial: the translator committed an error in blog/eerste (SKIP'd: work in progress); the author's next commit
    of her post (a new paragraph, with its PO file) was stopped for it, an entry she
    cannot fix. The check hook lists it and counts it as not stopping her commit, as an error of another document;
    her commit that changes the entry with the error is stopped; CI still refuses the document's English."""
    team = Team(tmp_path)
    author_commit = hooked(team, team.author)
    assert team.pull(team.translator)
    translator_commit = hooked(team, team.translator)
    review(team.translator, {**ENGLISH, **WRONG})
    git(team.translator, "add", PO_FILE)
    skipped = translator_commit("Translate blog/eerste (work in progress)", skip="publish-pipeline-check")
    assert skipped.returncode == 0, said(skipped)
    git(team.translator, "push", "-q", "origin", "HEAD:main")

    assert team.pull(team.author)
    edit(team.author, "- Boeken bestellen", "Een nieuwe alinea over boeken.\n\n- Boeken bestellen")
    assert run_task(tasks.extract, team.author)[0] == 0  # her PO file along (else the extract hook stops her to add it)
    git(team.author, "add", "source_nl/blog/eerste.md", PO_FILE)
    as_the_hook = subprocess.run([sys.executable, "-m", "publish_pipeline", "check"], cwd=team.author, capture_output=True, text=True,
                                 env={**os.environ, "PYTHONPATH": str(REPO / "src"), "PRE_COMMIT": "1"}, timeout=120)
    assert as_the_hook.returncode == 0 and f"{PO_FILE}:" in said(as_the_hook) and ERROR in said(as_the_hook), said(as_the_hook)
    assert "1 error above in what this commit leaves as it was (other documents, other entries) or in English that needs review (no page shows it): not stopping it" in said(as_the_hook)
    hers = author_commit("A paragraph on books")

    assert hers.returncode == 0 and "check the translations (publish-pipeline check)....." in said(hers), said(hers)
    assert "not stopping it" in said(hers), said(hers)  # shown by pre-commit although the hook passed (verbose): she hears of it
    assert git(team.author, "show", "--name-only", "--format=", "HEAD").stdout.split() == ["source_nl/blog/eerste.md", PO_FILE]

    po = polib.pofile(str(team.author / PO_FILE), wrapwidth=0)  # her edit of the entry with the error: hers to fix
    entry = next(entry for entry in po if entry.msgid == "Waarom schrijf ik?")
    entry.msgstr = "Why do I write 7 times, then?"
    po.save(str(team.author / PO_FILE))
    git(team.author, "add", PO_FILE)
    changed = author_commit("Sharper English")
    assert changed.returncode == 1 and ERROR in said(changed) and "not stopping it" not in said(changed), said(changed)
    git(team.author, "reset", "-q")
    git(team.author, "checkout", "-q", "--", PO_FILE)
    git(team.author, "push", "-q", "origin", "HEAD:main")

    code, output, clone = team.ci()  # CI refuses it all the same: the English stays off the site
    assert code == 0 and page(clone, ENGLISH_PAGE) is None, output
    assert run_task(tasks.check, clone)[0] == 1


def test_the_check_hook_lists_no_warnings_of_documents_the_commit_does_not_touch(tmp_path: Path) -> None:
    """A trial: the author's commit of pipeline.yaml alone printed every warning of every document (the hook is
    verbose, so pre-commit shows its output). The hook lists the findings of the documents the commit touches and
    every error (CI refuses those wherever they are); of the others' warnings it says how many, and where to see them."""
    team = Team(tmp_path)
    review(team.author, {**ENGLISH, "Waarom schrijf ik?": "Why do I write?!"})  # a warning (punctuation), no error
    team.commit(team.author, "English with a warning")
    everything = " ".join(run_task(tasks.check, team.author)[1].split())
    assert f"{PO_FILE}:" in everything and ": warning: " in everything, everything
    (team.author / "pipeline.yaml").write_text((team.author / "pipeline.yaml").read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    git(team.author, "add", "pipeline.yaml")
    as_the_hook = subprocess.run([sys.executable, "-m", "publish_pipeline", "check"], cwd=team.author, capture_output=True, text=True,
                                 env={**os.environ, "PYTHONPATH": str(REPO / "src"), "PRE_COMMIT": "1"}, timeout=120)
    output = said(as_the_hook)
    assert as_the_hook.returncode == 0 and f"{PO_FILE}:" not in output, output
    assert "1 warning of documents this commit does not touch not listed (invoke check lists them)" in output, output


def test_the_authors_commit_is_not_stopped_by_an_error_her_dutch_edit_made_in_english_that_now_needs_review(tmp_path: Path) -> None:
    """A trial: the author took a link out of a paragraph whose English was approved; extract made that English fuzzy,
    and check's error on it (the link the English still has) stopped her commit: an error in the English she cannot
    mend, on English no page shows. It is listed and counted as not stopping her; the translator's approval of English
    with the same error is stopped."""
    team = Team(tmp_path)
    review(team.author)
    team.commit(team.author, "Approve blog/eerste")
    author_commit = hooked(team, team.author)
    edit(team.author, "Waarom schrijf ik?", "Waarom schrijf ik 7 keer?")  # the English 'Why do I write?' lacks the 7
    assert run_task(tasks.extract, team.author)[0] == 0
    git(team.author, "add", "source_nl/blog/eerste.md", PO_FILE)
    hers = author_commit("Sharper heading")
    assert hers.returncode == 0 and "numbers" in said(hers) and "not stopping it" in said(hers), said(hers)

    po = polib.pofile(str(team.author / PO_FILE), wrapwidth=0)  # approved as it is: the error is hers who approves it
    entry = next(entry for entry in po if entry.msgid == "Waarom schrijf ik 7 keer?")
    entry.flags = []
    entry.previous_msgid = None
    po.save(str(team.author / PO_FILE))
    git(team.author, "add", PO_FILE)
    approved = author_commit("Approve the heading as it is")
    assert approved.returncode == 1 and "numbers" in said(approved), said(approved)


def test_the_hook_reads_a_file_once_for_all_its_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the check hook judges the errors of a commit, each file is read once, for every error in it: the block of
    each error, and whether its entry needs review (``_fuzzy`` read the PO file again after ``_block`` had, per error)."""
    from publish_pipeline.plumbing import commit_hook
    from publish_pipeline.quality.status import assess_site
    from publish_pipeline.site import Site

    team = Team(tmp_path)
    review(team.author)
    team.commit(team.author, "Approve blog/eerste")
    edit(team.author, "Waarom schrijf ik?", "Waarom schrijf ik 7 keer?")  # two approved English texts lack a number now
    edit(team.author, "Mijn eerste blog", "Mijn eerste 3 blogs")
    assert run_task(tasks.extract, team.author)[0] == 0
    documents = assess_site(Site.open(team.author)).documents
    assert sum(document.errors for document in documents) == 2
    reads: list[str] = []
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda path, *args, **options: reads.append(path.name) or read_text(path, *args, **options))
    files = frozenset({"source_nl/blog/eerste.md", PO_FILE})
    assert commit_hook.not_stopping(team.author, documents, files) == 2  # both fuzzy now: the translator's to mend
    assert reads.count("eerste.po") == 1


def test_the_extract_hook_stops_the_authors_commit_of_a_ref_that_finds_no_page(tmp_path: Path) -> None:
    """A trial: the author's commit of her Dutch alone passed the extract hook with a ``{{< ref >}}`` she misspelled, and
    one to a post she deleted: hugo stopped CI's whole build (REF_NOT_FOUND). The hook (the real pre-commit) checks the
    template links of the commit's Dutch, whether its extract had anything to do or not (she ran extract herself), and
    stops the commit at the line, with what to write (for a post git saw deleted: when, and to remove the link or restore it)."""
    from test_hugo import build

    site, commit, head = hooked_hugo_site(tmp_path, {
        "blog/zaden.md": "---\ntitle: Zaden\n---\nZaden bewaren.\n",
        "blog/moestuin.md": "---\ntitle: Moestuin\n---\nEen moestuin.\n",
    })
    post = site.root / "content/blog/moestuin.md"
    post.write_text(post.read_text(encoding="utf-8") + '\nLees [mijn zaden]({{< ref "zaadjes.md" >}}).\n', encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0  # the hook's extract has nothing left to do
    git(site.root, "add", "-A")

    done = commit("A link to my seeds")  # type: ignore[operator]

    assert done.returncode != 0 and git(site.root, "rev-parse", "HEAD").stdout == head, said(done)
    assert ('content/blog/moestuin.md:6: error: {{< ref "zaadjes.md" >}} finds no page, and Hugo stops the whole build on it (REF_NOT_FOUND) '
            "— write the name of the file it means (content/blog/zaden.md?)") in said(done), said(done)
    assert "commit stopped: 1 template link of this commit's Dutch finds no page" in said(done), said(done)
    post.write_text(post.read_text(encoding="utf-8").replace("zaadjes.md", "zaden.md"), encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    done = commit("A link to my seeds")  # type: ignore[operator]
    assert done.returncode == 0, said(done)
    build(site.root)

    git(site.root, "rm", "-q", "content/blog/zaden.md", "translations/en/blog/zaden.po")
    post.write_text(post.read_text(encoding="utf-8").replace('[mijn zaden]({{< ref "zaden.md" >}})', "mijn zaden"), encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    assert commit("No more seeds").returncode == 0  # type: ignore[operator]
    deleted = git(site.root, "log", "-1", "--format=%h of %cs").stdout.strip()
    post.write_text(post.read_text(encoding="utf-8") + '\nZie [zaden]({{< ref "zaden.md" >}}).\n', encoding="utf-8")  # from memory
    git(site.root, "add", "-A")

    done = commit("See my seeds")  # type: ignore[operator]

    assert done.returncode != 0, said(done)
    assert ('content/blog/moestuin.md:8: error: {{< ref "zaden.md" >}} finds no page, and Hugo stops the whole build on it (REF_NOT_FOUND) '
            f"— git saw content/blog/zaden.md deleted in commit {deleted}: remove the link, or restore the post (git checkout "
            f"{deleted.split()[0]}^ -- content/blog/zaden.md)") in said(done), said(done)


def test_the_check_hook_counts_the_warnings_of_machine_drafts_in_one_line_per_document_and_lists_each_error(tmp_path: Path) -> None:
    """A trial: the translator's first commit of machine drafts printed ~125 warnings, one per draft (the hook is
    verbose). What she needs of drafts is which documents to review: one line each, with how many drafts have
    warnings, and where to see them; an error (in English she approved) is still listed in full, and stops the commit."""
    from engine_server import EngineServer

    team = Team(tmp_path)
    commit = hooked(team, team.translator)
    with EngineServer() as server:  # its word-for-word English leaves Dutch words: a warning on some drafts
        code, drafted = run_task(tasks.draft, team.translator, url=server.url)
    assert code == 0, drafted
    po = polib.pofile(str(team.translator / PO_FILE), wrapwidth=0)
    drafts = sum("fuzzy" in entry.flags for entry in po)
    git(team.translator, "add", "translations")
    listed = [line for line in run_task(tasks.check, team.translator)[1].splitlines() if re.match(r"translations/.*\.po:\d+: warning: ", line)]
    warnings = len(listed)
    ours = [line for line in listed if line.startswith(f"{PO_FILE}:")]
    assert drafts > 3 and len(ours) > 1 and warnings > len(ours), listed

    done = commit("Machine drafts")
    output = said(done)
    assert done.returncode == 0, output
    assert not re.search(r"\.po:\d+: warning: ", output), output
    line = f"{PO_FILE}: {drafts} drafts to review, {len(ours)} with warnings ({len(ours)}): review them in invoke workspace or a PO editor; invoke check lists each warning"
    assert line in output, output
    assert f"; {warnings} warnings of drafts to review counted by document above (invoke check lists them)" in output, output

    entry = next(entry for entry in po if entry.msgid == "Waarom schrijf ik?")
    entry.msgstr, entry.flags = "Why do I write 7 times?", []  # approved, with an error
    po.save(str(team.translator / PO_FILE))
    git(team.translator, "add", PO_FILE)
    stopped = commit("One approved")
    output = said(stopped)
    assert stopped.returncode == 1 and ERROR in output, output
    assert f"{PO_FILE}: {drafts - 1} drafts to review, {len(ours)} with warnings (" in output and not re.search(r"\.po:\d+: warning: ", output), output


def test_the_extract_hook_stops_a_commit_that_only_deletes_a_post_another_post_refs(tmp_path: Path) -> None:
    """A trial: ``git rm`` of a post and a commit of that alone skipped the extract hook ("(no files to check)Skipped":
    pre-commit passes a hook no deleted file), so another post's ref to it reached CI and hugo stopped the build
    (REF_NOT_FOUND), and its PO file was committed without its Dutch. The hook runs on every commit (always_run), checks
    every Dutch file's links where the commit deletes one, and names the PO file left behind; the translator's commit
    of PO files alone still passes it by."""
    from test_hugo import build

    site, commit, head = hooked_hugo_site(tmp_path, {
        "blog/loyaliteit.md": "---\ntitle: Loyaliteit\n---\nTrouw.\n",
        "blog/kiezen.md": '---\ntitle: Kiezen\n---\nLees [loyaliteit]({{< ref "loyaliteit.md" >}}).\n',
    })
    git(site.root, "rm", "-q", "content/blog/loyaliteit.md")

    done = commit("Loyaliteit-blog weg")  # type: ignore[operator]

    assert done.returncode != 0 and git(site.root, "rev-parse", "HEAD").stdout == head, said(done)
    assert "content/blog/kiezen.md:4: error: {{< ref \"loyaliteit.md\" >}} finds no page" in said(done), said(done)
    assert ("translations/en/blog/loyaliteit.po: error: this commit deletes its Dutch document (content/blog/loyaliteit.md) and leaves "
            "the PO file behind: delete it in the same commit (git rm translations/en/blog/loyaliteit.po") in said(done), said(done)
    assert ("commit stopped: 1 template link of this commit's Dutch finds no page, and the site's build stops on it and it leaves "
            "1 PO file without its Dutch document") in said(done), said(done)
    assert (site.root / "translations/en/blog/loyaliteit.po").is_file()  # hers to delete: the hook deletes no English

    git(site.root, "rm", "-q", "translations/en/blog/loyaliteit.po")
    kiezen = site.root / "content/blog/kiezen.md"
    kiezen.write_text(kiezen.read_text(encoding="utf-8").replace('[loyaliteit]({{< ref "loyaliteit.md" >}})', "loyaliteit"), encoding="utf-8")
    assert run_task(tasks.extract, site.root)[0] == 0
    git(site.root, "add", "-A")
    done = commit("Loyaliteit-blog weg")  # type: ignore[operator]
    assert done.returncode == 0, said(done)
    assert git(site.root, "ls-files", "translations").stdout.split() == ["translations/en/blog/kiezen.po"]
    build(site.root)  # hugo builds what was committed

    catalog = site.root / "translations/en/blog/kiezen.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr ""\n\n', 'msgstr ""\n\n\n', 1), encoding="utf-8")
    written = catalog.read_bytes()  # a PO file as an editor may write it, which extract would rewrap
    git(site.root, "add", "translations")
    done = commit("Vertaling")  # type: ignore[operator]
    assert done.returncode == 0 and catalog.read_bytes() == written, said(done)  # the translator's commit: extract passes it by
