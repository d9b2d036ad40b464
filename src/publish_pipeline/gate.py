"""The publish gate: may a document's translation be published?

One function decides it, for ``export`` now and for ``status``, ``check`` and
``publish`` later, so that they can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from .catalog import Catalog
from .checks import ERROR, Problem
from .document import Document
from .segmentation import Segment
from .wording import plural


def blockers(
    document: Document, segments: Sequence[Segment], catalog: Catalog | None, problems: Sequence[Problem] = ()
) -> tuple[str, ...]:
    """Why the translation may not be published; empty when it may.

    It may when every entry of the current document is approved, no check reports
    an error, the PO file is valid, and the document is not marked ``draft: true``.
    """
    reasons = []
    if document.is_draft:
        reasons.append("marked 'draft: true' in its front matter")
    if catalog is None:
        return (*reasons, "no PO file yet: run extract")
    translations = {t.key: t for t in catalog.translations}
    wanted = {(s.context, s.text) for s in segments}
    missing = len(wanted - translations.keys())
    if missing:
        reasons.append(f"the PO file is behind the document ({plural(missing, 'new text')}): run extract")
    entries = [translations[key] for key in wanted & translations.keys()]
    fuzzy = sum(t.fuzzy for t in entries)
    empty = sum(not t.text and not t.fuzzy for t in entries)
    if fuzzy:
        reasons.append(f"{plural(fuzzy, 'entry')} to review (fuzzy)")
    if empty:
        reasons.append(f"{plural(empty, 'entry')} untranslated")
    if any(p.check == "msgfmt" and p.severity == ERROR for p in problems):
        reasons.append("the PO file fails msgfmt --check")
    check_errors = sum(p.severity == ERROR and p.check != "msgfmt" for p in problems)
    if check_errors:
        reasons.append(f"{plural(check_errors, 'check error')}: run check")
    return tuple(reasons)
