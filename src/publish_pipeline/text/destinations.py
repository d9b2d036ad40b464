"""Where a text's links lead, and a change of only that: the author fixed a link, not a word.

A text's destinations are what its parse says lead somewhere: each inline link's, image's and reference
definition's URL and each URL of its raw HTML (``url_spans``, noted by the parser's own rules), each autolink, and
the page a Hugo ``ref``/``relref`` shortcode or a Jekyll ``link``/``post_url`` tag names (``template_syntax``).
``moved`` tells whether two texts differ only in destinations (the same words, link texts and titles around
them) and how each old destination became a new one; ``carried`` makes the same change in a translation that leads
to the old places as written, so that English the translator approved stays approved (she never edits URLs).
Where the change cannot be told for certain (a destination that became two, a translation that leads elsewhere,
a URL that would no longer read as one where it is put), neither says anything: the entry is reviewed as before.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it.common.normalize_url import normalizeLink

from . import markdown, template_syntax

Span = tuple[int, int]

LINKING_TEMPLATES = frozenset({"ref", "relref", "link", "post_url"})
"""Hugo's shortcodes and Jekyll's tags whose first argument names the page a link leads to."""

_AUTOLINK = importlib.import_module("markdown_it.rules_inline.autolink")  # the parser's own patterns (its package
# exports the rule function under the module's name)


def destinations(text: str) -> tuple[Span, ...]:
    """Where each destination of ``text`` is in it (start, end), in order: the innermost where one holds another."""
    urls: list[Span] = []
    tokens = markdown.parse_keeping_every_link(text, urls=urls)
    found = sorted({*urls, *_autolinks(text, tokens), *_template_targets(text)})
    return tuple(span for span in found if not any(other != span and span[0] <= other[0] and other[1] <= span[1] for other in found))


def _autolinks(text: str, tokens: Sequence[Any]) -> list[Span]:
    """The URL of each ``<scheme:…>`` or ``<name@host>`` autolink, as the parser's autolink rule reads one; none
    where the parse found another number of them (one written in code: where it is cannot be told for certain)."""
    if "<" not in text:
        return []
    parsed = sum(child.markup == "autolink" for token in tokens if token.type == "inline" for child in token.children or [] if child.type == "link_open")
    found, at = [], text.find("<")
    while at >= 0:
        end = text.find(">", at + 1)
        if end < 0:
            break
        inside = text[at + 1:end]
        if _AUTOLINK.AUTOLINK_RE.match(inside) or _AUTOLINK.EMAIL_RE.match(inside):
            found.append((at + 1, end))
        at = text.find("<", at + 1)
    return found if len(found) == parsed else []


def _template_targets(text: str) -> list[Span]:
    """The page argument of each Hugo ``ref``/``relref`` (its first positional one, or ``path=``) and each Jekyll
    ``link``/``post_url`` tag (not in code)."""
    found = []
    for template in template_syntax.spans(text):
        if template.name in LINKING_TEMPLATES and not template.literal:
            target = next((argument for argument in template.arguments if argument.key in (None, "path")), None)
            if target is not None and target.end > target.start:
                found.append((target.start, target.end))
    return found


@lru_cache(maxsize=4096)
def _pieces(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The text between its destinations, and its destinations as written."""
    spans = destinations(text)  # each text once (``_pieces`` is kept): a merge compares each new text with each going one
    edges = [0, *(edge for span in spans for edge in span), len(text)]
    between = tuple(text[edges[index]:edges[index + 1]] for index in range(0, len(edges), 2))
    return between, tuple(text[start:end] for start, end in spans)


def moved(old: str, new: str) -> dict[str, str] | None:
    """How ``new`` leads elsewhere than ``old`` where it differs from it only in destinations: each old destination
    that changed with the one it became. None where anything else changed (a word, a link's text or title, a link
    added), where nothing did, or where one destination became two (written twice, changed in one place only)."""
    if old == new:
        return None
    old_between, old_urls = _pieces(old)
    new_between, new_urls = _pieces(new)
    if old_between != new_between:
        return None
    became: dict[str, str] = {}
    for was, now in zip(old_urls, new_urls):
        if became.setdefault(was, now) != now:
            return None
    return {was: now for was, now in became.items() if was != now} or None


def carried(translation: str, change: dict[str, str]) -> str | None:
    """``translation`` with each destination that leads where one of ``change``'s old ones does written as the new
    one; None where it does not lead to every one of them (the translator pointed a link elsewhere) or where the new
    ones would not read as its destinations (a URL that needs ``<>`` where the translation has none).

    Two destinations lead to the same place where the page's link is the same (``same_place``): the translator
    may write ``/een%20map/`` where the Dutch has ``</een map/>``. Hers is then written in the link's own form (the
    new one percent-encoded: it reads as a URL with or without ``<>``); a trailing slash, a case or a query is another
    address, and not carried."""
    spans = destinations(translation)
    urls = [translation[start:end] for start, end in spans]
    places: dict[str, str] = {}
    for was, now in change.items():
        if places.setdefault(same_place(was), now) != now:
            return None  # two ways of writing one place, moved to two places: which is hers cannot be told
    if not places.keys() <= {same_place(url) for url in urls}:
        return None
    written = [change[url] if url in change else same_place(places[same_place(url)]) if same_place(url) in places else url for url in urls]
    pieces, at = [], 0
    for (start, end), url, now in zip(spans, urls, written):
        if now != url:
            pieces += [translation[at:start], now]
            at = end
    result = "".join([*pieces, translation[at:]])
    return result if _pieces(result)[1] == tuple(written) else None


def same_place(url: str) -> str:
    """A destination as the page's link has it (markdown-it's ``normalizeLink``: spaces and other characters
    percent-encoded, a host name in ASCII): two written alike here lead to the same place."""
    return normalizeLink(url)
