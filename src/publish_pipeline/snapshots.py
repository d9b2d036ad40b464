"""Snapshots of approved English documents: a published page never reverts or vanishes.

When the author edits a Dutch document whose English was published, the English
waits for review — and meanwhile the last approved English stays online. That
version is kept as Markdown in ``translations/published/en/<kind>/<slug>.md``
(commit it with the PO files). It is written:

- by ``publish``, for every English page it builds from approved translations;
- by ``extract``, just before it turns a complete translation's entries fuzzy:
  the English is rebuilt from the PO file and the Dutch as last committed in git
  (when the site is a git checkout, that version matches the PO file, and the
  translation of it passes the publish gate).

Only English that passed the publish gate is ever written; ``publish`` serves a
snapshot only when it still passes the gate's rules for the site itself (a valid
slug, a title, a URL no other page has).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .checks import Entry, check_entries
from .document import Document, parse_document
from .errors import PipelineError
from .files import write_atomic
from .gate import blockers, english_url
from .glossary import load_glossary
from .reassembly import reassemble, reassemble_body
from .segmentation import Segment, segment
from .site import Site

SNAPSHOTS = "translations/published"


def snapshot_path(site: Site, document_id: str) -> Path:
    """Where a document's snapshot is kept; raise if a link on the way leads out of the site (it is read and written)."""
    return site.check_inside(site.root / SNAPSHOTS / site.config.target_language / f"{document_id}.md")


def english_markdown(document: Document, segments: Sequence[Segment], catalog: Catalog) -> str:
    """The document with every approved translation in place (the source text where there is none)."""
    return reassemble(document, segments, _approved(catalog))


def english_body(document: Document, segments: Sequence[Segment], catalog: Catalog) -> str:
    """The body of ``english_markdown`` alone (front matter aside); raises ReassemblyError as it does."""
    return reassemble_body(document, segments, _approved(catalog))


def _approved(catalog: Catalog) -> Callable[[Segment], str | None]:
    approved = {t.key: t.text for t in catalog.translations if t.approved}
    return lambda segment: approved.get((segment.context, segment.text))


def keep_snapshot(site: Site, document_id: str, english: str) -> None:
    path = snapshot_path(site, document_id)
    if not path.is_file() or path.read_text(encoding="utf-8") != english:
        write_atomic(path, english)


def keep_before_change(site: Site, document: Document, catalog: Catalog) -> bool:
    """Snapshot a complete translation from the committed Dutch, before an edit makes it incomplete."""
    entries = catalog.translations
    if not entries or not all(t.approved for t in entries):
        return False
    snapshot_path(site, document.id)  # a link out of the site stops this document before its translation turns fuzzy
    try:
        committed = subprocess.run(
            ["git", "show", f"HEAD:{document.path}"], cwd=site.root, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    if committed.returncode != 0:
        return False
    try:
        old = parse_document(committed.stdout, document.id, document.path)
        env: dict[str, Any] = {}
        old_segments = segment(old, site.config.translate_fields, env)
        if {(s.context, s.text) for s in old_segments} != {t.key for t in entries}:
            return False  # the committed Dutch is not the text these translations were approved for
        if _gate_refuses(site, old, old_segments, catalog, env.get("references", {})):
            return False
        english = english_markdown(old, old_segments, catalog)
        parse_document(english, document.id, document.path)  # what publish will read back
        keep_snapshot(site, document.id, english)
    except PipelineError:
        return False
    return True


def _gate_refuses(site: Site, document: Document, segments: Sequence[Segment], catalog: Catalog, references: dict[str, Any]) -> bool:
    """Whether the publish gate holds this translation back: its checks and its slug (msgfmt aside, and a
    clash with another page is for publish to see: it never serves a snapshot at another page's URL)."""
    glossary = load_glossary(site.root)
    problems = check_entries([Entry(t, references, glossary) for t in catalog.translations])
    _, slug = english_url(document, catalog, site.config.target_language)
    return bool(blockers(document, segments, catalog, [*problems, *([slug] if slug else [])]))
