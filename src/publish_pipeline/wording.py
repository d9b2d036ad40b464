"""Small helpers for messages people read."""

from collections.abc import Mapping


def plural(count: int, noun: str) -> str:
    """``1 entry``, ``2 entries``, ``3 documents``."""
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


def extract_summary(documents: int, segments: int, written: int, unread: int = 0, drafts: int = 0, carried: int = 0) -> str:
    """Extract's last line: the documents it extracted (of how many, when ``unread`` of them could not be read), their
    segments and the PO files written, and what it held back: ``extract: 2 of 3 documents, … (1 could not be read, see above)``;
    a Jekyll site's ``drafts`` it left out (``jekyll_config.drafts_note``: status says why); the links the author moved
    that it ``carried`` into approved English (``catalog.carry``: they need no review)."""
    extracted = f"{documents} of {plural(documents + unread, 'document')}" if unread else plural(documents, "document")
    held = f" ({unread} could not be read, see above)" if unread else ""
    left_out = f", {plural(drafts, 'draft')} of _drafts/ left out (status says why)" if drafts else ""
    moved = f", {plural(carried, 'link')} updated in approved English" if carried else ""
    return f"extract: {extracted}, {plural(segments, 'segment')}, {plural(written, 'PO file')} written{moved}{left_out}{held}"


# One plain word (or phrase) per state, the same in every place a person reads it: the status
# table, check, publish, export, the review page and the workspace. Machines keep the keys
# (``draft``, ``older``, …) in ``status --json``; people read these. Poedit says "Needs work" and
# Weblate "Needs editing" for what a PO file calls fuzzy; "needs review" says what is to be done.

ENTRY_WORDS = {
    "approved": "approved",
    "draft": "needs review",
    "outdated": "needs review (Dutch changed)",
    "untranslated": "untranslated",
}
"""An entry's state in words: a draft and an outdated entry are both fuzzy in the PO file, and both
wait for the translator; an outdated one also shows the Dutch it was translated from."""

FUZZY = "fuzzy in the PO file"
"""What the PO file calls an entry that needs review: said once, where it helps to find it there."""

LIVE_WORDS = {"current": "live", "older": "update waits", "held": "held back"}
"""A document's English on the site: live as it is now; an earlier approved version live while the
update waits for review; or nothing live (held back)."""


def needs_review(count: int, changed: int = 0) -> str:
    """``1 entry needs review``, ``2 entries need review`` — the gate's reason, with the PO term once, and how
    many of them wait because the Dutch changed (``ENTRY_WORDS["outdated"]``)."""
    why = FUZZY if not changed else f"{FUZZY}; {'the Dutch changed' if changed == count else f'{changed} because the Dutch changed'}"
    return f"{plural(count, 'entry')} {'needs' if count == 1 else 'need'} review ({why})"


ON_SITE = ("current", "older")
"""The live states whose English the site shows: as it is now, or an earlier approved version while the update waits."""


def live_counts(counts: Mapping[str, int], uncommitted: int = 0) -> str:
    """Documents by what the site shows of their English: live (as it is now or, while its update waits, an earlier
    version; and of those, ``uncommitted``: live as this clone builds the site, on the published site once committed),
    or held back: ``live: 990 (2 of them only in this clone until committed and pushed; 3 at an earlier version, update
    waits), held back: 7``. An earlier version
    is counted among the live: it is on the site, and a translator who read "live: 0" would think her pages gone."""
    notes = [f"{uncommitted} of them only in this clone until committed and pushed"] if uncommitted else []
    if older := counts.get("older", 0):
        notes.append(f"{older} at an earlier version, {LIVE_WORDS['older']}")
    said = f" ({'; '.join(notes)})" if notes else ""
    return f"{LIVE_WORDS['current']}: {sum(counts.get(state, 0) for state in ON_SITE)}{said}, {LIVE_WORDS['held']}: {counts.get('held', 0)}"


def orphaned(consequence: str = "") -> str:
    """Said of a PO file without its document, wherever it is said (extract, status, publish, CI's annotations),
    with what to do in either case (extract moves the file itself when the renamed document is mostly the same)."""
    return f"its Dutch document is gone{consequence}: if it was renamed, give the PO file its new name (git mv -f when extract made an empty one there); if it was deleted, delete the PO file"


def leading_nowhere(broken: int) -> str:
    """'3 links of the Dutch pages lead to no page': what status, check and CI's summary say of the links
    ``quality.links`` warns of."""
    return f"{plural(broken, 'link')} of the Dutch pages {'leads' if broken == 1 else 'lead'} to no page"


def one_line(text: str, width: int = 72) -> str:
    """A text on one line of a terminal: line ends shown as ⏎, cut to ``width`` with "…"."""
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
