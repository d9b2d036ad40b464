"""A draft a person emptied: the entry is hers to translate by hand.

When the translator empties a draft (Poedit's "Clear translation", an emptied box saved in the workspace, a text
editor), the entry keeps the draft's provenance comment (``mt: google 2026-11-28 draft:<digest>`` or ``tm: <PO
file>``) with no English: a comment survives Poedit's save (``msgcat``), msgmerge and the merge of PO files, where a
custom flag would not (see DESIGN, PO conventions). No other path leaves one: extract makes an entry of new Dutch
without comments, and ``draft`` writes the comment and the English together. ``draft`` leaves such an entry alone
(the cache, and the memory, would give back the very draft she emptied), ``status`` counts it apart and does not
advise ``draft`` for it.
"""

from __future__ import annotations

from ..catalogs.catalog import DRAFT_MARK, Translation


def emptied(translation: Translation) -> bool:
    """Whether an entry holds no English and the provenance of a draft that had it: a draft a person emptied."""
    return not translation.text and translation.origin is not None


def emptied_digests(translation: Translation) -> frozenset[str]:
    """The digests of the machine drafts its comment names (``mt: … draft:<digest>``): a new draft with one of them
    is the draft she emptied."""
    return frozenset(DRAFT_MARK.findall(translation.note))
