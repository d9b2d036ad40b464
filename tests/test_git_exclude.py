"""What export builds into a Hugo site stays out of git in every clone, with real git and real Hugo.

The author, the translator and CI each clone one bare remote. The English files export
writes are built from the PO files, like ``public/``: the author's ``git add -A`` must not
commit them (else the translator's ``git pull`` stops at her own export's files, and a
Hugo-only CI keeps serving a committed ``draft: false`` English after the author set
``draft: true``). CI builds the site as README says: ``status``, ``export``, then ``hugo``.
"""

from __future__ import annotations

from pathlib import Path

from publish_pipeline import tasks
from publish_pipeline.output.export import MANIFEST
from publish_pipeline.plumbing.git_exclude import BEGIN, END, exclude
from publish_pipeline.site import Site
from test_hugo import LAYOUT, build, hugo_config
from test_layouts import approve, english, hugo_site
from test_workflow import git, run_task

POST = "blog/derde"


def hugo_clone(tmp_path: Path, layout: str) -> tuple[Path, Path]:
    """A bare remote and the author's clone of a Hugo site whose every page is approved, committed as she would:
    ``git add -A`` after ``invoke export``, with only Hugo's own output in ``.gitignore``."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(tmp_path, "clone", "-q", str(remote), "author")
    author = tmp_path / "author"
    site = hugo_site(author, layout)
    (author / "config.toml").write_text(hugo_config(layout), encoding="utf-8")
    (author / "layouts/_default").mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (author / "layouts/_default" / name).write_text(LAYOUT, encoding="utf-8")
    (author / ".gitignore").write_text("/public/\n/.cache/\n/resources/\n.hugo_build.lock\n", encoding="utf-8")
    approve(site, english)
    code, output = run_task(tasks.export, author)
    assert code == 0, output
    push(author, "A Hugo site, every page approved, exported to look at it")
    return remote, author


def push(clone: Path, message: str) -> None:
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", message)
    git(clone, "push", "-q", "origin", "HEAD:main")


def test_export_keeps_its_files_out_of_every_clones_commits_and_ci_builds_them_with_hugo(tmp_path: Path) -> None:
    remote, author = hugo_clone(tmp_path, "hugo-by-filename")
    site = Site.open(author)
    english_file = site.english_file(site.source_path(POST))
    assert english_file.is_file() and (author / MANIFEST).is_file()
    committed = git(author, "ls-files").stdout.split()
    assert not [name for name in committed if name.endswith(".en.md")] and MANIFEST not in committed
    assert "content/blog/derde.md" in committed and "translations/en/blog/derde.po" in committed

    # the translator exports too (to look at it with hugo server), then pulls the author's next commit
    git(tmp_path, "clone", "-q", str(remote), "translator")
    translator = tmp_path / "translator"
    assert run_task(tasks.export, translator)[0] == 0
    assert git(translator, "status", "--porcelain").stdout == ""  # nothing to commit: export's files are her clone's own
    source = site.source_path(POST)
    source.write_text(source.read_text(encoding="utf-8").replace("translationKey: derde\n", "translationKey: derde\ndraft: true\n"), encoding="utf-8")
    assert run_task(tasks.extract, author)[0] == 0
    push(author, "The third post is a draft again")
    git(translator, "pull", "-q", "origin", "main")  # no "untracked working tree files would be overwritten"

    # CI: a fresh clone; publish refuses (it would build our plain site), status, export and hugo build the site
    git(tmp_path, "clone", "-q", str(remote), "ci")
    ci = tmp_path / "ci"
    code, output = run_task(tasks.publish, ci)
    assert code == 1 and output.strip().splitlines()[-1] == (
        "publish: pipeline.yaml says layout: hugo-by-filename, a site Hugo builds; publish builds publish_pipeline's own "
        "plain site, not that one — run invoke export (the approved English into the site's content), then hugo"
    )
    assert not (ci / "public").exists()
    assert run_task(tasks.status, ci)[0] == 0
    code, output = run_task(tasks.export, ci)
    assert code == 0 and f"{POST}: English held back: marked 'draft: true' in its front matter" in output, output
    public = build(ci)
    assert (public / "en/blog/eerste-post-en/index.html").is_file()  # the other English pages are there
    assert not (public / "en/blog/derde-en").exists()  # the draft's English is not (a committed draft: false would be)
    assert git(ci, "status", "--porcelain").stdout == ""  # export's files are kept out of CI's git too


def test_the_block_lists_exactly_what_export_wrote_and_every_other_line_stays(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "repository")
    site = tmp_path / "repository" / "site"
    site.mkdir()
    exclude_file = tmp_path / "repository/.git/info/exclude"
    exclude_file.write_text("# the person's own\n*.swp", encoding="utf-8")  # no line end at the end
    exclude(site, ["content/a.en.md", "content/b c.png ", "content/[x]*.png"])
    assert exclude_file.read_text(encoding="utf-8") == (
        f"# the person's own\n*.swp\n{BEGIN}\n/site/content/\\[x\\]\\*.png\n/site/content/a.en.md\n/site/content/b c.png\\ \n{END}\n"
    )
    for name in ("a.en.md", "b c.png ", "[x]*.png", "other.en.md"):
        (site / "content").mkdir(exist_ok=True)
        (site / "content" / name).write_text("x", encoding="utf-8")
    assert git(tmp_path / "repository", "status", "--porcelain", "-uall").stdout == "?? site/content/other.en.md\n"
    exclude(site, ["content/a.en.md"])
    assert exclude_file.read_text(encoding="utf-8") == f"# the person's own\n*.swp\n{BEGIN}\n/site/content/a.en.md\n{END}\n"
    exclude(site, [])
    assert exclude_file.read_text(encoding="utf-8") == "# the person's own\n*.swp\n"
    exclude(tmp_path, ["x"])  # no git checkout: nothing
    assert not (tmp_path / ".git").exists()


def test_a_renamed_page_bundle_takes_no_exported_english_into_git_and_every_clone_builds_the_approved_english(tmp_path: Path) -> None:
    """A trial: the author had run ``invoke export`` to look at her site with hugo; ``git mv`` of a page bundle's folder
    carried the untracked ``index.en.md`` to a name the exclude did not list, and ``git add -A`` committed it. Every
    export then refused it ("exists and was not written by export"), hugo served the stale copy, and status called it
    live. Now the extract hook (the real pre-commit) stops the commit on it, export takes its own moved file back, and a
    committed copy (a commit past the hook) is said as what it is, with git rm --cached, and held back by status."""
    from types import SimpleNamespace

    from test_commit_hook import hooked, said

    remote, author = hugo_clone(tmp_path, "hugo-by-filename")
    shim = SimpleNamespace(tmp_path=tmp_path, commit=lambda clone, message: push(clone, message))
    commit = hooked(shim, author)  # type: ignore[arg-type]
    git(author, "mv", "content/blog/tweede", "content/blog/twee")
    moved = "content/blog/twee/index.en.md"
    assert (author / moved).is_file()  # git mv took the untracked English along, out of the exclude's names
    git(author, "add", "-A", "content", "translations/en")
    assert moved in git(author, "diff", "--cached", "--name-only").stdout.split()

    done = commit("Tweede heet nu twee")  # type: ignore[operator]

    assert done.returncode != 0, said(done)
    assert (f"{moved}: error: English that invoke export built from the PO files as content/blog/tweede/index.en.md, and it moved with "
            f"its folder: committed, the site would serve this copy and export would never update it — keep it out of the commit: git rm "
            f"--cached {moved} (the file stays), invoke export") in said(done), said(done)
    git(author, "rm", "-q", "--cached", moved)
    code, output = run_task(tasks.export, author)  # takes its moved file back, and keeps it out of git by its new name
    assert code == 0, output
    for _ in range(4):  # as the author did, once for each thing the hook said
        git(author, "add", "-A", "content", "translations/en")
        if (done := commit("Tweede heet nu twee")).returncode == 0:  # type: ignore[operator]
            break
    assert done.returncode == 0, said(done)
    committed = git(author, "ls-files").stdout.split()
    assert "content/blog/twee/index.md" in committed and not [name for name in committed if name.endswith(".en.md")]
    git(author, "push", "-q", "origin", "HEAD:main")

    git(tmp_path, "clone", "-q", str(remote), "ci")
    ci = tmp_path / "ci"
    assert run_task(tasks.status, ci)[0] == 0
    code, output = run_task(tasks.export, ci)
    assert code == 0, output
    assert (build(ci) / "en/blog/tweede-bericht-en/index.html").is_file()

    # a commit past the hook (--no-verify, or a clone without it) takes the moved English into git all the same
    git(author, "mv", "content/blog/twee", "content/blog/tweetal")
    assert run_task(tasks.extract, author)[0] == 0  # its PO file moves along
    git(author, "add", "-A")
    git(author, "commit", "-qm", "Tweetal", "--no-verify")
    git(author, "push", "-q", "origin", "HEAD:main")
    assert "content/blog/tweetal/index.en.md" in git(author, "ls-files").stdout.split()
    catalog = author / "translations/en/blog/tweetal.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("Het tweede post", "The second post"), encoding="utf-8")
    git(author, "add", "-A")
    assert (done := commit("The translator's better English")).returncode == 0, said(done)  # type: ignore[operator]
    git(author, "push", "-q", "origin", "HEAD:main")
    code, output = run_task(tasks.export, author)
    assert code == 1 and ("content/blog/tweetal/index.en.md: is committed in git and holds English this clone's export wrote as "
                          "content/blog/twee/index.en.md: it moved here with a renamed folder and was committed, so the site serves this stale "
                          "copy — if it is English export built (moved with a renamed folder), take it out of git: git rm --cached "
                          "content/blog/tweetal/index.en.md, commit, and export again") in " ".join(output.split()), output
    git(tmp_path, "clone", "-q", str(remote), "ci2")  # CI's next run: a fresh clone
    ci = tmp_path / "ci2"
    code, output = run_task(tasks.export, ci)
    assert code == 1 and "content/blog/tweetal/index.en.md: is committed in git, and export did not write it in this clone" in output, output
    code, output = run_task(tasks.status, ci)
    assert "blog/tweetal" in output and "held back" in output.split("blog/tweetal", 1)[1].splitlines()[0], output
    assert ("content/blog/tweetal/index.en.md: export will not replace this file (next: says why), so the site serves it as it stands, "
            "not the approved English") in " ".join(output.split()), output
    git(author, "rm", "-q", "--cached", "content/blog/tweetal/index.en.md")
    assert (done := commit("The exported English out of git")).returncode == 0, said(done)  # type: ignore[operator]
    git(author, "push", "-q", "origin", "HEAD:main")
    assert run_task(tasks.export, author)[0] == 0  # her own moved file: export takes it back
    git(ci, "pull", "-q", "origin", "main")
    assert run_task(tasks.export, ci)[0] == 0
    assert "The second post" in (build(ci) / "en/blog/tweede-bericht-en/index.html").read_text(encoding="utf-8")
