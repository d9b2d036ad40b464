"""The English URL slug of a document: the msgctxt of its entry, the front-matter key that fixes it, and what one may be.

A module of its own, without Markdown: the PO files' reader and git's merge of them (``catalogs.catalog``, which
git runs as its merge driver) need the entry's name, not the parser.
"""

from __future__ import annotations

import re
import reprlib

SLUG = "slug"
"""The msgctxt of the entry that holds a document's URL slug in the target language."""
FIXED_SLUG = "translation_slug"
"""A front-matter key with which the author fixes the translated slug herself (then it is no entry)."""
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_LENGTH = 100
"""The longest English slug: a folder name of the built site, well below the file systems' 255 bytes."""


def slug_problem(value: object) -> str | None:
    """Why ``value`` cannot be an English URL slug; None when it can.

    A slug is one path segment of a URL and one folder of the built site, so it is
    lowercase letters and digits joined by single hyphens (never ``.``, ``..``, a
    slash, a space or a leading hyphen) and at most ``SLUG_LENGTH`` characters long.
    The one rule for the slug check, the publish gate and the pages of the site.
    """
    if isinstance(value, str) and SLUG_PATTERN.fullmatch(value):
        if len(value) <= SLUG_LENGTH:
            return None
        return f"the URL slug is {len(value)} characters long: use at most {SLUG_LENGTH}"
    return f"{reprlib.repr(value)} is not a URL slug: use lowercase letters, digits and hyphens, e.g. 'what-is-trust'"
