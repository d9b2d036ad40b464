"""What ``check`` and ``status`` tell GitHub Actions: annotations on the lines, and a step summary.

With ``--format github`` every problem becomes a workflow command,
``::error file=translations/en/blog/x.po,line=12,title=…::message``, which GitHub
shows on that line of the pull request's diff; and a Markdown summary of the
English pages (live; update waits: an earlier approved version is live while the
update waits for review; held back; and why) is appended to the file ``$GITHUB_STEP_SUMMARY``
names, which GitHub shows on the run's page.

Texts from documents and PO files are untrusted: in a workflow command they are
escaped by GitHub's rules (so no text can end the command or start another), and in
the summary every Markdown and HTML character is escaped (so they stay text).
"""

from __future__ import annotations

import html
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..catalogs.checks import ERROR, Problem
from ..errors import PipelineError
from ..site import Site
from .links import LinkWarning
from .live import CURRENT, HELD, OLDER, Live
from .status import DocumentStatus, SiteStatus
from ..wording import LIVE_WORDS, leading_nowhere, live_counts, orphaned, plural

FORMATS = ("text", "github")
"""The values of ``--format``: the plain lines people read, or GitHub Actions' annotations and summary."""


SOURCE_EXCERPT = 200
"""Characters of the Dutch an annotation quotes: enough to find the entry, never a flood."""


@dataclass(frozen=True)
class Annotation:
    """One workflow command that GitHub shows as an annotation: ``severity`` is error, warning or notice.

    ``file`` is relative to the repository (GitHub's workspace); ``line`` is 1-based.
    """

    severity: str
    message: str
    file: str | None = None
    line: int | None = None
    title: str | None = None

    def __str__(self) -> str:
        properties = {"file": self.file, "line": str(self.line) if self.line else None, "title": self.title}
        written = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items() if value)
        return f"::{self.severity}{' ' + written if written else ''}::{escape_data(self.message)}"


def escape_data(text: str) -> str:
    """A workflow command's message as GitHub's toolkit escapes it: ``%``, CR and LF as percent codes."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as ``escape_data``, and ``:`` and ``,``, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


SHOWN_PER_STEP = 10
"""Annotations of each kind (error, warning, notice) GitHub shows of a step; it drops the rest from the page without
a word, and takes 50 of a whole job: "10 warning annotations, 10 error annotations, and 10 notice annotations per
step; 50 annotations per job" (actions/toolkit, docs/problem-matchers.md, "Limitations")."""


def annotations(site: Site, report: SiteStatus, links: Sequence[LinkWarning] = ()) -> list[Annotation]:
    """What a reviewer must act on, errors first: every error on its line (documents that cannot be read at theirs);
    a document's one warning on its line, its several in one warning at the first (``_grouped``: machine drafts had
    one each, ~100 of them, of which GitHub showed ten); orphaned PO files and ``links`` (those of the Dutch pages
    that lead to no page, ``quality.links``), warnings. ``shown`` orders them for GitHub's limits."""
    prefix = _workspace_prefix(site)
    found = [Annotation("error", _with_hint(error), prefix + error.location, error.line, "cannot be read") for error in report.errors]
    for document in report.documents:
        found.extend(_problem(prefix, document, problem) for problem in document.problems if problem.severity == ERROR)
        found.extend(_grouped(prefix, document, [problem for problem in document.problems if problem.severity != ERROR]))
    found.extend(Annotation("warning", orphaned(), prefix + orphan, None, "orphaned PO file") for orphan in report.orphans)
    found.extend(Annotation("warning", link.message, prefix + link.file, link.line or None, "link leads to no page") for link in links)
    return sorted(found, key=lambda annotation: annotation.severity != ERROR)


def _grouped(prefix: str, document: DocumentStatus, warnings: Sequence[Problem]) -> list[Annotation]:
    """A document's warnings as annotations: one on its line; several as one, at the first, saying how many of each check."""
    if len(warnings) <= 1:
        return [_problem(prefix, document, problem) for problem in warnings]
    first = min(warnings, key=lambda problem: (problem.location is not None, problem.line))
    checks: dict[str, int] = {}
    for problem in warnings:
        checks[problem.check] = checks.get(problem.check, 0) + 1
    counted = ", ".join(f"{check} {count}" if count > 1 else check for check, count in sorted(checks.items(), key=lambda item: -item[1]))
    where = document.catalog or document.source or document.document_id
    message = (f"{len(warnings)} warnings in {where} ({counted}), the first here: {first.message} — invoke check lists each on its "
               "line; most are for whoever reviews the drafts")
    return [Annotation("warning", message, prefix + (first.location or where), first.line or None, f"translation checks: {plural(len(warnings), 'warning')}")]


def shown(found: Sequence[Annotation], per_step: int = SHOWN_PER_STEP) -> list[Annotation]:
    """``found`` in the order to print them, errors first: where a kind has more than GitHub shows of a step
    (``SHOWN_PER_STEP``), one that says how many there are in all, and where to see them, takes the last place GitHub
    shows, and the rest follow it (GitHub drops them from the page, not from the log)."""
    kept: list[Annotation] = []
    for severity in dict.fromkeys(annotation.severity for annotation in sorted(found, key=lambda annotation: annotation.severity != ERROR)):
        these = [annotation for annotation in found if annotation.severity == severity]
        if len(these) > per_step:
            more = len(these) - per_step + 1
            note = Annotation(severity, f"{plural(len(these), severity)} in all: GitHub shows {per_step} of a step, so {more} of them only in the "
                                        "log, below this — invoke check lists them all", title=f"{more} more {severity}s in the log")
            these = [*these[: per_step - 1], note, *these[per_step - 1 :]]
        kept.extend(these)
    return kept


def told(found: Sequence[Annotation]) -> str:
    """The annotations, counted: ``annotated: 2 errors, 5 warnings (a document's several warnings in one)``."""
    counts = {severity: sum(annotation.severity == severity for annotation in found) for severity in ("error", "warning", "notice")}
    said = ", ".join(plural(count, severity) for severity, count in counts.items() if count or severity != "notice")
    return f"annotated: {said} (a document's several warnings in one)"


def located(site: Site, lines: Sequence[str], severity: str, title: str) -> list[Annotation]:
    """Annotations of what a command says as ``file:line: error: message`` (or ``file: message``) lines: each at its
    file and line, the ``error:`` or ``note:`` label left to ``severity``."""
    prefix = _workspace_prefix(site)
    found = []
    for said in lines:
        place, _, message = said.partition(": ")
        file, _, line = place.partition(":")
        message = message.removeprefix(f"{severity}: ").removeprefix("note: ")
        found.append(Annotation(severity, message, prefix + file, int(line) if line.isdigit() else None, title))
    return found


def _with_hint(error: PipelineError) -> str:
    return f"{error.problem} — {error.hint}" if error.hint else error.problem


def _problem(prefix: str, document: DocumentStatus, problem: Problem) -> Annotation:
    where = problem.location or document.catalog or document.source or document.document_id
    message = problem.message
    if problem.source:
        dutch = problem.source if len(problem.source) <= SOURCE_EXCERPT else problem.source[: SOURCE_EXCERPT - 1] + "…"
        message += f"\nnl: {dutch}"
    return Annotation(problem.severity, message, prefix + where, problem.line or None, f"translation check: {problem.check}")


def _workspace_prefix(site: Site) -> str:
    """What makes a site-relative path relative to the repository: GitHub names files from its workspace."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return ""
    try:
        inside = site.root.resolve().relative_to(Path(workspace).resolve())
    except ValueError:
        return ""  # the site is elsewhere: its own paths are the best GitHub can get
    return "" if inside == Path(".") else inside.as_posix() + "/"


def summary(
    site: Site, report: SiteStatus, lives: Mapping[str, Live], note: str | None = None, links: Sequence[LinkWarning] = (), address: str = "",
) -> str:
    """The step summary in Markdown: a headline of counts, a table of the English pages (a row for every document,
    as status has, one whose Dutch cannot be read too), the checks' counts (``links``, the links of the Dutch pages
    that lead to no page, among the warnings: each is annotated as one), then what cannot be read.

    ``note``: what limits the answer (the site is no git checkout, or a shallow one), said under the headline.
    ``address``: where the site is published (``link_map.site_address``; default: ``base_url``), the pages' links.
    """
    rows = report.rows
    counts = {state: sum(lives[document.document_id].state == state for document in rows) for state in (CURRENT, OLDER, HELD)}
    lines = [
        "### English pages",
        "",
        f"English of {plural(len(rows), 'document')} — {live_counts(counts)}.",
        "",
        *([f"Note: {markdown_text(note)}", ""] if note else []),
        "| document | English | why |",
        "| --- | --- | --- |",
    ]
    for document in rows:
        live = lives[document.document_id]
        english = _state_words(live) + (_link(address or site.config.base_url, document.english_url.path) if live.state == CURRENT and document.english_url else "")
        lines.append(f"| {markdown_text(document.document_id)} | {english} | {markdown_text('; '.join(live.reasons))} |")
    errors, warnings = report.totals["errors"], report.totals["warnings"] + len(links)
    if errors or warnings:
        of_links = f" ({leading_nowhere(len(links))})" if links else ""
        lines += ["", f"Checks: {plural(errors, 'error')} and {plural(warnings, 'warning')}{of_links}: each error annotated on its "
                      "line, a document's several warnings in one annotation (GitHub shows ten of each kind; `invoke check` lists them all)."]
    problems = [f"{error.where}: {_with_hint(error)}" for error in report.errors]
    if problems:
        lines += ["", "**Cannot be read**", "", *(f"- {markdown_text(problem)}" for problem in problems)]
    if report.orphans:  # readable: their Dutch document is what is missing
        lines += ["", "**PO files without their Dutch document**", "", *(f"- {markdown_text(f'{orphan}: {orphaned()}')}" for orphan in report.orphans)]
    return "\n".join(lines) + "\n"


def _state_words(live: Live) -> str:
    """The state's word (``wording.LIVE_WORDS``) with its sign; for an update that waits, which English stays live."""
    word = LIVE_WORDS[live.state]
    if live.state == CURRENT:
        return f"✅ {word}"
    if live.state == OLDER:
        version = f" of {markdown_text((live.date or '')[:10])} ({markdown_text(live.commit[:10])})" if live.commit else ""
        return f"🕓 {word}: the English{version} stays live"
    return f"⛔ {word}"


def _link(base: str, path: str | None) -> str:
    """`` at [/en/blog/x/](https://…/en/blog/x/)``: where the live page is; where its address is not known (None:
    a Jekyll post whose date has a time zone), no link."""
    if path is None:
        return " (its address is not known)"
    address = base.rstrip("/") + path
    return f" at [{markdown_text(path)}]({quote(address, safe=':/?#@!$&*+,;=%~')})"


_PUNCTUATION = re.compile(r"([!#$()*+\-.:@\[\\\]^_`{|}~])")
"""The ASCII punctuation Markdown (with GitHub's tables, strikethrough, math and autolinks) may read
as markup; CommonMark lets a backslash escape each. ``&``, ``<``, ``>``, ``"`` and ``'`` become HTML
entities instead; ``/ , ; = ? %`` mean nothing in a line of text."""


def markdown_text(text: str) -> str:
    """``text`` as literal text on one line of Markdown (a table cell): no markup, no HTML, no link."""
    return html.escape(_PUNCTUATION.sub(r"\\\1", " ".join(text.split())))


def append_summary(path: str, markdown: str) -> None:
    """Add ``markdown`` to the step summary file (GitHub gives each step its own; appending keeps what others wrote)."""
    with open(path, "a", encoding="utf-8") as summary_file:
        summary_file.write(markdown)


def stop_commands() -> tuple[str, str]:
    """The two lines that fence plain output with untrusted text, so that none of it is read as a workflow command."""
    token = secrets.token_hex(16)
    return f"::stop-commands::{token}", f"::{token}::"
