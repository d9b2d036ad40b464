"""What the pre-commit hook (``extract --pre-commit``) adds to extract: a new PO file goes into the commit of its Dutch.

pre-commit stops a commit when a hook changed a file git tracks ("files were modified by
this hook"), so that the author sees the change and adds it; it does not look at files
git does not track. A new Dutch document's PO file is such a file: without more, her
commit would go through without it, and neither CI nor the translator would see it.
pre-commit's answer for a hook that makes new files (pre-commit/pre-commit#1489, #2789)
is ``git add --intent-to-add``: the file is then tracked with no content yet, ``git diff``
shows it, and the commit stops as for any fixer, until she adds it (``git add``, or
``git commit -a``). Only a PO file whose Dutch document git tracks is so marked: the PO
file of a Dutch draft she has not added yet stays hers to add with it (``git.untracked``, ``git.intend_to_add``).

The translator's commit of PO files runs check (the hook ``publish-pipeline-check``): an error the commit makes
stops it, and check then says how to commit work in progress all the same (``commit_stopped``); an error in what
the commit leaves as it was (another document, another entry) is listed, and does not (``not_stopping``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..wording import plural
from .git import checkout_top, git_output


CHECK_HOOK = "publish-pipeline-check"
"""The id of the hook that runs check on a commit of PO files (``.pre-commit-hooks.yaml``): what ``SKIP`` names."""


_HANDED: dict[Path, frozenset[str]] = {}
"""The commit's files the quick answer (``__main__``) asked git for, handed to the task it leaves the hook to (once)."""


def committed(root: Path, *, hand_on: bool = False) -> frozenset[str] | None:
    """The files of the commit being made, as paths in the site ``root``, where pre-commit runs this command (it sets
    ``PRE_COMMIT=1`` for its hooks); None elsewhere (a terminal, CI: every document counts) or where git cannot say.
    ``hand_on``: kept for the next call for ``root`` in this process (the task after the quick answer), so that an
    ordinary commit's hook asks git once."""
    if not os.environ.get("PRE_COMMIT") or (top := checkout_top(root)) is None:
        return None
    if (handed := _HANDED.pop(root.resolve(), None)) is not None:
        return handed
    names = git_output(root, "diff", "--cached", "--name-only", "--no-renames", "-z")
    if names is None:
        return None
    files = frozenset(os.path.relpath(top / name, root) for name in names.split("\0") if name)
    if hand_on:
        _HANDED[root.resolve()] = files
    return files


def of_po_files_alone(root: Path, files: frozenset[str] | None) -> bool:
    """Whether the commit being made (its ``files``, ``committed``) changes PO files alone and deletes nothing: the
    translator's, which the extract hook passes by (its extract would only rewrap her files). pre-commit runs that hook on
    every commit (``always_run``), as it passes a hook no file a commit deletes: a commit that only deleted a post skipped
    it, and a ref to the post from another one stopped CI's build (a trial). False where pre-commit does not run it."""
    return files is not None and all(name.endswith(".po") and os.path.lexists(root / name) for name in files)


PO_ALONE = "extract: this commit changes PO files alone and deletes nothing: no Dutch to extract (the check hook judges it)"
"""What the extract hook says of the translator's commit (``of_po_files_alone``)."""


def orphaned_by_commit(site: Any, files: frozenset[str] | None) -> list[tuple[str, str]]:
    """The PO files (site-relative, each with its deleted Dutch file) whose Dutch document the commit being made (``files``, ``committed``) deletes and
    leaves them behind: the commit stops on them, so that nobody commits a PO file no document has (a trial's stayed
    until the author deleted it by hand); what to do is hers to choose (delete it with the post, or restore the post,
    or give it the renamed post's name), so the hook deletes none of the translator's work itself. No git."""
    from ..errors import SitePathError

    found = []
    for name in sorted(files or ()):
        path = site.root / name
        if not name.endswith((".md", ".markdown")) or os.path.lexists(path) or not path.is_relative_to(site.source_dir):
            continue
        document_id = site.document_id(path)
        catalog = site.catalog_path(document_id)
        try:
            site.source_path(document_id)  # the document is still there, by another file (x.md became x/index.md)
        except SitePathError:
            if catalog.is_file():
                found.append((site.relative(catalog), name))
    return found


def orphan_stops(catalog: str, source: str) -> str:
    """The extract hook's line for a PO file whose Dutch document the commit deletes (``orphaned_by_commit``)."""
    return (f"{catalog}: error: this commit deletes its Dutch document ({source}) and leaves the PO file behind: delete it in the same "
            f"commit (git rm {catalog}; its English stays in git's history), or restore the post (git restore --staged --worktree "
            f"{source}); if the post was renamed, give the PO file its new name (git mv -f {catalog} …)")


TEMPLATE_LINKS = (b"ref", b"post_url", b"link")
"""What a Dutch file that may hold a Hugo ``ref``/``relref`` or a Jekyll ``post_url``/``link`` tag has in its bytes."""


def tagged(root: Path, files: frozenset[str] | None, suffixes: tuple[str, ...] = (".md", ".markdown")) -> frozenset[str] | None:
    """Of the commit's ``files`` (``committed``), the Markdown files whose template links to pages the extract hook checks,
    as Hugo and Jekyll stop the build on one that finds none (pre-commit stashes what is not staged: each file is as the
    commit has it): those that may hold one (``{{`` or ``{%`` and ``TEMPLATE_LINKS``); None (every file's) where the commit
    deletes or renames a Markdown file, which a link elsewhere may name. Empty where pre-commit does not run it."""
    found = set()
    for name in files or ():
        if not name.endswith(suffixes):
            continue
        try:
            data = (root / name).read_bytes()
        except FileNotFoundError:
            return None  # deleted by the commit (a rename too: --no-renames): any file's link to it finds nothing now
        except OSError:
            continue
        if (b"{{" in data or b"{%" in data) and any(word in data for word in TEMPLATE_LINKS):
            found.add(name)
    return frozenset(found)


def tags_stopped(count: int, orphans: int = 0, exported: int = 0) -> str:
    """What the extract hook says last when the commit's Dutch has ``count`` template links that find no page, it
    leaves ``orphans`` PO files without their Dutch (``orphaned_by_commit``), and holds ``exported`` files export wrote
    (``git_exclude.exported``)."""
    links = (f"{count} template link{'s' * (count != 1)} of this commit's Dutch find{'s' * (count == 1)} no page, and the site's build "
             "stops on it") if count else ""
    left = f"it leaves {plural(orphans, 'PO file')} without its Dutch document" if orphans else ""
    built = f"it holds {plural(exported, 'file')} that export built from the PO files" if exported else ""
    return f"commit stopped: {' and '.join(filter(None, (links, left, built)))} (listed above): fix them as said, and commit again"


def exported_stops(name: str, written_as: str) -> str:
    """The extract hook's line for a file of the commit that export wrote (``git_exclude.exported``)."""
    moved = f" as {written_as}, and it moved with its folder" if written_as != name else ""
    return (f"{name}: error: English that invoke export built from the PO files{moved}: committed, the site would serve this copy and "
            f"export would never update it — keep it out of the commit: git rm --cached {name} (the file stays), invoke export (it keeps its files "
            "out of git by their new names), and commit again")


def not_stopping(root: Path, documents: Sequence[Any], files: frozenset[str] | None) -> int:
    """Of the check errors of ``documents`` (``DocumentStatus``), those the commit being made does not make, where
    pre-commit runs check (``committed``): an error of a document it touches neither by its Dutch nor by its PO file,
    or in a part of one it leaves as it was (an entry of the PO file, a paragraph or the front matter of the Dutch)
    does not stop it: an author's commit of her post is not stopped by the translator's error in another entry, or
    another document, which she cannot fix. An error of a part the commit changes, of a file it adds, or of a whole
    file (no line) does. 0 elsewhere: at a terminal and in CI every error counts. One ``git diff`` for the files of
    the documents with errors that the commit touches. ``files``: the commit's (``committed``)."""
    if files is None:
        return 0
    touched = [document for document in documents if document.errors and files & {document.source, document.catalog}]
    changed = _changed_lines(root, sorted({name for document in touched for name in (document.source, document.catalog) if name in files}))
    count = sum(document.errors for document in documents if not files & {document.source, document.catalog})
    read: dict[str, list[str] | None] = {}  # each file read once, for all its errors' blocks
    for document in touched:
        for problem in (problem for problem in document.problems if problem.severity == "error"):
            path = problem.location or document.catalog or document.source
            lines = read[path] if path in read else read.setdefault(path, _lines(root / path))
            block = _block(lines, problem.line) if problem.line > 0 else set()
            count += path not in files or bool(block) and (
                (path in changed and not block & changed[path]) or (path == document.catalog and _fuzzy(lines, block))
            )
    return count


def _lines(path: Path) -> list[str] | None:
    """The lines of the file at ``path``; None where it cannot be read."""
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None


def _fuzzy(lines: list[str] | None, block: set[int]) -> bool:
    """Whether the PO file's entry at the lines ``block`` (of its ``lines``, None: it cannot be read) needs review
    (``#, fuzzy``): English nobody approved yet, which no page shows. Its error is the translator's to mend as she
    reviews it, even where the commit made it so: an author who took a link out of her Dutch made its approved English
    fuzzy, and her commit was stopped for that English's link, which she cannot mend (a trial)."""
    if lines is None:
        return False
    return any(lines[number - 1].startswith("#,") and "fuzzy" in lines[number - 1] for number in block if 0 < number <= len(lines))


def _changed_lines(root: Path, paths: Sequence[str]) -> dict[str, set[int]]:
    """The lines (of the file as it is) that differ from ``HEAD``'s version in each of ``paths`` (relative to the site
    ``root``), a line removed counting for the lines on both sides of it; a path missing from the answer: git could not
    tell, or ``HEAD`` has no such file (all of it is the commit's)."""
    said = git_output(root, "-c", "core.quotePath=false", "diff", "HEAD", "-U0", "--no-renames", "--no-color", "--no-ext-diff", "--no-textconv",
                      "--src-prefix=a/", "--dst-prefix=b/", "--relative", "--", *paths) if paths else None  # as git prints it, whatever her config
    changed: dict[str, set[int]] = {}
    lines: set[int] | None = None
    for line in (said or "").splitlines():
        if line.startswith("--- "):
            lines = None if line == "--- /dev/null" else set()
        elif line.startswith("+++ b/") and lines is not None:
            changed[line.removeprefix("+++ b/")] = lines
        elif line.startswith("@@ ") and lines is not None:
            start, _, count = line.split()[2].removeprefix("+").partition(",")
            first, size = int(start), int(count or 1)
            lines.update(range(first, first + size) if size else (first, first + 1))
    return changed


def _block(lines: list[str] | None, line: int) -> set[int]:
    """The lines of the block of a file's ``lines`` that holds ``line``: the lines around it up to a blank line (a PO
    file's entry, with its comments; a paragraph, or the front matter, of a Dutch document); ``{line}`` where the file
    cannot be read (``lines`` None)."""
    if lines is None:
        return {line}
    first = last = line
    while first > 1 and first - 2 < len(lines) and lines[first - 2].strip():
        first -= 1
    while last < len(lines) and lines[last].strip():
        last += 1
    return set(range(first, last + 1))


def on_drafts(root: Path, document: Any) -> tuple[tuple[Any, ...], int]:
    """Of the warnings of ``document`` (``DocumentStatus``) in its PO file, those on entries that need review (``#,
    fuzzy``: machine drafts, memory drafts, outdated English), which the check hook counts rather than lists, and how
    many such entries they are on: a translator's first commit of machine drafts listed some 125 warnings, one per
    draft, where what she needs is which documents to review (a trial). Errors are never among them: each stops a
    commit, or is said as not stopping it. Empty where the PO file cannot be read."""
    lines = _lines(root / document.catalog) if document.catalog else None
    if lines is None:
        return (), 0
    found, entries = [], set()
    for problem in document.problems:
        if problem.severity == "error" or problem.location not in (None, document.catalog) or problem.line <= 0:
            continue
        block = _block(lines, problem.line)
        if _fuzzy(lines, block):
            found.append(problem)
            entries.add(min(block))
    return tuple(found), len(entries)


def drafts_warned(catalog: str, to_review: int, entries: int, warnings: int) -> str:
    """The check hook's line for a document whose drafts have warnings (``on_drafts``): in place of each of them."""
    return (f"{catalog}: {plural(to_review, 'draft')} to review, {entries} with warnings ({warnings}): review them in invoke workspace "
            "or a PO editor; invoke check lists each warning")


def others_errors(count: int) -> str:
    """What check says of ``count`` errors the commit being made does not make: they do not stop it."""
    return (f"{count} error{'s' * (count != 1)} above in what this commit leaves as it was (other documents, other entries) or in English "
            "that needs review (no page shows it): not "
            "stopping it (they are for whoever edits those; CI still holds their English back)")


def commit_stopped() -> str | None:
    """What check says last when its errors stop a commit: how to commit all the same, and when that is fine. None
    where pre-commit did not run it (pre-commit sets ``PRE_COMMIT=1`` for its hooks): at a terminal, or in CI."""
    if not os.environ.get("PRE_COMMIT"):
        return None
    return (f"commit stopped by the errors above: fix them and commit again; or, for work in progress, commit it all the same "
            f"with SKIP={CHECK_HOOK} git commit … — CI still refuses it: its English stays off the site (an earlier approved "
            "version stays live) until check passes")
