"""The publish gate: may a document's translation be published?

One function decides it, for ``status``, ``check``, ``review``, ``export`` and
``publish``, so that they can never disagree. Some of its rules keep the site
itself whole (a URL slug that is one sane path segment, a title that is not
blank, one document per English URL); no ``ignore:`` comment silences them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..catalogs.catalog import DRAFT, OUTDATED, UNTRANSLATED, Catalog, Key, Translation
from ..catalogs.checks import ERROR, WARNING, Problem
from ..site import english_path
from ..text.document import Document
from ..text.segmentation import Segment
from ..text.slugs import FIXED_SLUG, SLUG, slug_problem
from ..wording import needs_review, plural

DRAFTED = "marked 'draft: true' in its front matter"
"""The reason a document the author took down gives (its pages are off the site in both languages)."""
GUARDS = frozenset({"slug", "title"})
"""The checks whose errors hold a page back with their own words (the page's address and title), not as a count. A
template error, which no comment silences either, is a check error like the others, counted as they are: spelled out
in full beside "1 check error: run check", one held-back reason was worded two ways (a trial)."""


@dataclass(frozen=True)
class EnglishUrl:
    """Where a document's English is published, and where its slug is written.

    ``path``: the address below the site's; None where the generator's address of it is
    not known (``link_map.GeneratorPages.served_at``: a Jekyll post whose date has a time
    zone, the site without ``timezone:``), which is no address to link or compare.
    ``location``: the Dutch document when its front matter fixes the slug
    (``translation_slug``), None for the slug entry of its PO file; ``line``: the
    line of the field or entry.
    """

    path: str | None
    location: str | None
    line: int


def english_slug(front_matter: Mapping[str, Any], translated: object) -> object:
    """The slug an English page has: the front matter's ``translation_slug`` if it has one, else the translated slug.

    The English document carries both fields as they were approved, so a page built
    from an older approved version keeps the URL it was approved with.
    """
    return front_matter[FIXED_SLUG] if FIXED_SLUG in front_matter else translated


def english_url(document: Document, catalog: Catalog | None, language: str, slugged: bool = True) -> tuple[EnglishUrl | None, Problem | None]:
    """Where the document's English would be published (None while its slug is not approved or not valid),
    and the problem of a ``translation_slug`` in its front matter that is no slug.

    A bad slug entry is the ``slug`` check's to report (with the entry's line); a bad
    ``translation_slug`` is no entry, so it is reported here, with the field's line.
    A section page has no slug (``english_path``): its URL is its folder's, known once its translation is, as a
    page's is once its slug is approved (one with nothing to translate at once); a ``translation_slug`` of its own,
    which could not move it, is refused. A page no slug places (not ``slugged``: a Jekyll page, placed by its path)
    has no slug entry either: its URL is known once its translation is, with the Dutch name.
    """
    if document.is_section:
        return _section_url(document, catalog, language)
    if FIXED_SLUG in document.front_matter:
        location, line, slug = document.path, document.field_lines.get(FIXED_SLUG, 1), document.front_matter[FIXED_SLUG]
    elif not slugged:
        return _translated_url(english_path(language, document.id, own_name(document)), document, catalog), None
    else:
        entry = next((t for t in catalog.translations if t.context == SLUG and t.approved), None) if catalog else None
        if entry is None:
            return None, None
        location, line, slug = None, entry.line, entry.text
    problem = slug_problem(slug)
    if problem:
        found = Problem("slug", ERROR, line, f"front matter: {FIXED_SLUG!r}: {problem}", location=location) if location else None
        return None, found
    assert isinstance(slug, str)
    return EnglishUrl(english_path(language, document.id, slug), location, line), None


def _section_url(document: Document, catalog: Catalog | None, language: str) -> tuple[EnglishUrl | None, Problem | None]:
    """A section page's English URL, its folder's, once every entry is approved; the problem of a ``translation_slug``.

    Hugo serves a section at its folder's address whatever its ``slug``, and an ``url`` would move its list page
    alone, away from its pages (``/en/section/`` above ``/en/blog/post/``): so the English of a section keeps its
    folder's address, and a slug of its own is refused rather than honoured as an ``url``.
    """
    path = english_path(language, document.id, "")
    if FIXED_SLUG in document.front_matter:
        message = (f"front matter: {FIXED_SLUG!r}: a section page has no slug of its own: its English is at its folder's "
                   f"address, {path} (Hugo ignores a section's slug): remove {FIXED_SLUG} (rename the folder to move the section)")
        return None, Problem("slug", ERROR, document.field_lines.get(FIXED_SLUG, 1), message, location=document.path)
    return _translated_url(path, document, catalog), None


def own_name(document: Document) -> str:
    """The name that ends the address of a page no slug places: its own ``permalink``'s (or ``url``'s) last part,
    which its English keeps under the language (``/over-ons/`` → ``/en/over-ons/``); else its slug from the file."""
    own = next((value for key in ("permalink", "url") if isinstance(value := document.front_matter.get(key), str) and value.strip("/ ")), None)
    return own.strip("/ ").rsplit("/", 1)[-1] if own is not None else document.slug


def _translated_url(path: str, document: Document, catalog: Catalog | None) -> EnglishUrl | None:
    """The English URL ``path`` of a page no slug entry places, once every entry of its PO file is approved."""
    if catalog is None or not all(t.approved for t in catalog.translations if t.context != SLUG):
        return None
    return EnglishUrl(path, document.path, 1)


def clash_problem(url: EnglishUrl, others: Sequence[str]) -> Problem:
    """Two documents would publish their English at one URL: each is held back, told of the other(s)."""
    message = f"its English URL {url.path} is also that of {', '.join(others)}: give one of them another English slug"
    return Problem("slug", ERROR, url.line, message, location=url.location)


def blockers(
    document: Document, segments: Sequence[Segment], catalog: Catalog | None, problems: Sequence[Problem] = ()
) -> tuple[str, ...]:
    """Why the translation may not be published; empty when it may.

    It may when every entry of the current document is approved, no check reports
    an error (a slug or title problem is named), the PO file is valid, and the
    document is not marked ``draft: true``.
    """
    reasons = []
    if document.is_draft:
        reasons.append(DRAFTED)
    reasons.extend(guard_reasons(problems))
    if catalog is None:
        return (*reasons, with_step("no PO file yet", RUN_EXTRACT))
    translations = {t.key: t for t in catalog.translations}
    wanted = {(s.context, s.text) for s in segments}
    if not wanted <= translations.keys():  # a text without its entry: the English would lack it (entries of Dutch the
        # document no longer has, alone, leave the English whole for the Dutch as it is: extract makes them obsolete)
        reasons.append(with_step(f"{BEHIND} ({behind_by(wanted, translations.keys())})", RUN_EXTRACT))
    entries = [translations[key] for key in wanted & translations.keys()]
    states = Counter(t.state for t in entries)  # as status counts them: an empty entry is untranslated, fuzzy or not
    fuzzy, empty = states[DRAFT] + states[OUTDATED], states[UNTRANSLATED]
    if fuzzy:
        reasons.append(needs_review(fuzzy, states[OUTDATED]))
    if empty:
        reasons.append(f"{plural(empty, 'entry')} untranslated")
    if any(p.check == "msgfmt" and p.severity == ERROR for p in problems):
        reasons.append("the PO file fails msgfmt --check")
    check_errors = sum(p.severity == ERROR and p.check not in ("msgfmt", *GUARDS) for p in problems)
    if check_errors:
        reasons.append(with_step(plural(check_errors, "check error"), RUN_CHECK))
    return tuple(reasons)


def behind_by(wanted: Collection[Key], entries: Collection[Key]) -> str:
    """How a PO file's live entries (``entries``) fall behind its document's texts (``wanted``), said as a count;
    empty where extract would write every entry as it is: the texts the file has no entry for, and the entries of
    Dutch the document no longer has (the author changed the Dutch since the last extract, or a merge kept an entry
    of Dutch she changed again), which extract makes obsolete. A slug entry no text wants is none of those: a page no
    slug places has none (its entry of before waits for nothing), and a slug a new file name changed is a new text."""
    missing, stale = len(set(wanted) - set(entries)), sum(key[0] != SLUG for key in set(entries) - set(wanted))
    return ", ".join([*([plural(missing, "new text")] if missing else []),
                      *([f"{plural(stale, 'entry')} of Dutch it no longer has"] if stale else [])])


def of_current_dutch(problems: Sequence[Problem], stale: Sequence[Translation]) -> list[Problem]:
    """``problems`` with the errors of ``stale`` entries (of Dutch the document no longer has: a merge kept both sides'
    rewording of one text, or the author changed the Dutch since the last extract) said as warnings, with what becomes
    of them: no page shows that English, so it holds nothing back, and extract makes the entry obsolete."""
    lines = {t.line for t in stale}
    if not lines:
        return list(problems)
    return [replace(p, severity=WARNING, message=f"{p.message} ({STALE})") if p.severity == ERROR and p.location is None
            and p.line in lines else p for p in problems]


STALE = "an entry of Dutch the document no longer has: no page shows it, so it holds nothing back; extract makes it obsolete"
"""What a check error of an entry of Dutch the document no longer has says besides its own words (``of_current_dutch``)."""


BEHIND = "the PO file is behind the document"
"""The reason of a PO file extract would change (``behind_by``), which check says too: its findings may quote Dutch
the document no longer has, and miss the new."""
RUN_CHECK, RUN_EXTRACT = "check", "extract"
"""The commands a reason names as its next step (``with_step``): each page says its own (``next_step``)."""


def with_step(reason: str, command: str) -> str:
    """A reason as the command line says it: what holds the page back, then the command to run next."""
    return f"{reason}: run {command}"


def next_step(reason: str) -> tuple[str, str | None]:
    """A reason of ``blockers`` parted into what holds the page back and the command ``with_step`` named (None: none)."""
    what, step, command = reason.rpartition(": run ")
    return (what, command) if step and command in (RUN_CHECK, RUN_EXTRACT) else (reason, None)


def guard_reasons(problems: Sequence[Problem]) -> list[str]:
    """The site-guarding problems as reasons of their own (the English slug, the title)."""
    return [f"English {p.check}: {p.message}" for p in problems if p.check in GUARDS and p.severity == ERROR]
