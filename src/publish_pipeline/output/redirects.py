"""Redirects: the English addresses a page was served at before, each sent on to where the page is now.

An English page moves when the translator approves a new slug, and moved when English
URLs got every folder of the document's id (``/en/blog/<slug>/`` became
``/en/blog/2024/<slug>/`` on 2026-12-01: ``LAYOUT_CHANGED``). A link elsewhere, or a
search result, still leads to the old address: ``publish`` writes a small page there
that sends the reader on (``redirect.html.j2``), and ``export`` names the old
addresses as Hugo's ``aliases`` (Jekyll's ``redirect_from``).

Git's history is the record: one ``git log`` over the PO files gives every committed
version of each (its date and blob id); each version's approved slug entry is read once
ever (``SLUGS_CACHE``, by blob id), and each (document, slug, rule) pair made an address
once. An address goes to the document that had it last. Where git cannot tell the whole
history (no git, a shallow clone), there are no redirects, and ``FormerAddresses.note``
says so once.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass

from ..catalogs.catalog import approved_slug
from ..plumbing.git import blob_contents
from ..plumbing.freshness import write_cache
from ..errors import PipelineError
from ..quality.live import file_versions, renames
from ..site import DOCUMENT_SUFFIXES, Site, dutch_path, english_path
from ..text.document import kind_of, read_source
from ..text.slugs import slug_problem

SLUGS_CACHE = ".cache/publish_pipeline/slugs.json"
"""The approved slug of each committed version of a PO file read so far, by its blob id (null: none)."""
LAYOUT_CHANGED = int(datetime.datetime(2026, 12, 1, 20, 6, 32, tzinfo=datetime.timezone.utc).timestamp())
"""When English URLs got every folder of the document's id (commit 89a6d0e): a version committed before was served
at ``/<language>/<first folder>/<slug>/`` (``_addresses``) by a site in the default layout."""
NO_REDIRECTS = "no redirects from the English addresses pages had before"
"""What is said where git cannot tell those addresses."""


@dataclass(frozen=True)
class Redirect:
    """An old English address (``path``) that sends the reader on to the page of ``document_id`` at ``target``."""

    path: str
    target: str
    document_id: str


@dataclass(frozen=True)
class FormerAddresses:
    """Every English address a page had in git's history (``by_address``: the document that had it last), and
    ``note``: why there are none, where git could not tell."""

    by_address: Mapping[str, str]
    note: str | None = None
    renamed: bool = False
    """Whether a PO file of the history is not there now (moved by extract, or removed): only then, or where a PO file
    is orphaned (renamed without extract), may git know of a rename whose old Dutch address wants a redirect
    (``renamed_pages``); elsewhere git is not asked."""


def former_addresses(site: Site) -> FormerAddresses:
    """The English addresses publish served every document's committed versions at (see the module's docstring)."""
    slugs, note, paths = _former(site)
    language = site.config.target_language
    by_address: dict[str, str] = {}
    for document_id, slug, before in slugs:
        for address in _addresses(language, document_id, slug, before and site.config.layout == "default"):
            by_address.setdefault(address, document_id)  # newest first: the document that had it last keeps it
    renamed = any(not (site.root / path).exists() for path in paths)
    return FormerAddresses(by_address, note, renamed)


def former_slugs(site: Site) -> tuple[list[tuple[str, str, bool]], str | None]:
    """Each document's approved slugs in git's history, newest first, once each: (document id, slug, whether
    before ``LAYOUT_CHANGED``); and why there are none where git cannot tell the whole history."""
    slugs, note, _ = _former(site)
    return slugs, note


def _former(site: Site) -> tuple[list[tuple[str, str, bool]], str | None, frozenset[str]]:
    """``former_slugs``, and every PO file the history has (as the site names it), from the one ``git log``."""
    catalogs = site.relative(site.catalog_dir)
    versions, why = file_versions(site, catalogs)
    if why is not None:
        return [], f"{why}: {NO_REDIRECTS}", frozenset()
    slugs = _slugs(site, {blob: path for _, path, blob in versions})
    found: dict[tuple[str, str, bool], None] = {}
    for time, path, blob in versions:
        slug = slugs.get(blob)
        if slug is not None and path.endswith(".po"):
            found.setdefault((path.removeprefix(catalogs + "/").removesuffix(".po"), slug, time < LAYOUT_CHANGED))
    return list(found), None, frozenset(path for _, path, _ in versions if path.endswith(".po"))


def redirects(former: FormerAddresses, pages: Mapping[str, str], taken: Mapping[str, str]) -> tuple[list[Redirect], list[str]]:
    """The redirects to write: each former address of a document whose English page is live (``pages``: its
    address by document) and is elsewhere now; and what is said of a former address where another page is now
    (``taken``: who has each address now; a real page is never replaced)."""
    return _to_pages({address: (document_id, document_id) for address, document_id in former.by_address.items()}, pages, taken, "English")


def renamed_pages(
    site: Site, renamed: Mapping[str, tuple[str, str]], pages: Mapping[str, str], taken: Mapping[str, str],
) -> tuple[list[Redirect], list[str]]:
    """The redirects from the Dutch address of each document git saw renamed (``renamed``: ``live.renames``, by its old
    id: its old file and its new one) to its Dutch page now (``pages``: each Dutch page's address, by document id), as
    publish makes them for the English addresses (``redirects``); and what is said where another page has the old
    address now (``taken``)."""
    by_address = {dutch_path(old_id): (site.document_id(site.root / new), old_id) for old_id, (_, new) in renamed.items()}
    return _to_pages(by_address, pages, taken, "Dutch")


def _to_pages(
    by_address: Mapping[str, tuple[str, str]], pages: Mapping[str, str], taken: Mapping[str, str], language: str,
) -> tuple[list[Redirect], list[str]]:
    """The redirects from each former address (``by_address``: the document there now, and the name it had there) to its
    page now, where that is elsewhere; and what is said of a former address another page has now (a real page is never
    replaced)."""
    found, said = [], []
    for address, (document_id, named) in sorted(by_address.items()):
        target = pages.get(document_id)
        if target is None or target == address:
            continue
        holder = taken.get(address)
        if holder is not None:
            said.append(f"{address}: once the {language} page of {named}, now {holder}: no redirect to {target} there")
            continue
        found.append(Redirect(address, target, document_id))
    return found, said


def _addresses(language: str, document_id: str, slug: str, before: bool) -> tuple[str, ...]:
    """The English addresses of a version with ``slug``: a version committed ``before`` ``LAYOUT_CHANGED`` was served
    under its document's first folder only, and, where it stayed live past it, at its every folder's."""
    now = english_path(language, document_id, slug)
    if not before:
        return (now,)
    kind = kind_of(document_id)
    return (f"/{language}/{kind}/{slug}/" if kind else f"/{language}/{slug}/", now)


def _slugs(site: Site, blobs: Mapping[str, str]) -> dict[str, str | None]:
    """The approved slug of each PO file version (``blobs``: its blob id and path), a valid one only: from the cache,
    the others read from git in one process and kept in it."""
    path = site.root / SLUGS_CACHE
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        known: dict[str, str | None] = cached if isinstance(cached, dict) else {}
    except (OSError, ValueError):
        known = {}
    unknown = [blob for blob in blobs if blob not in known]
    if unknown:
        contents = blob_contents(site.root, unknown)
        for blob in unknown:
            slug = approved_slug(contents[blob], blobs[blob])
            known[blob] = slug if isinstance(slug, str) and not slug_problem(slug) else None
        write_cache(path, json.dumps(known, sort_keys=True))
    return {blob: known.get(blob) for blob in blobs}


REDIRECT_PLUGIN = "jekyll-redirect-from"


def jekyll_redirects(site: Site) -> bool:
    """Whether the Jekyll site loads the plugin that makes ``redirect_from`` redirect (``JekyllConfig.plugins``)."""
    return REDIRECT_PLUGIN in site.jekyll.plugins


def alias_notes(site: Site) -> list[str]:
    """What status and check note of each Dutch document of a Hugo or Jekyll site git saw renamed (``live.renames``)
    whose page moved with it: the front-matter line that keeps its old Dutch address leading to it (Hugo's
    ``aliases``; Jekyll's ``redirect_from``, which the jekyll-redirect-from plugin reads), until it has it. Export
    writes nothing into her files: the line is hers to add (publish's own site gets a redirect page, ``renamed_pages``)."""
    if not site.writes_in_place:
        return []
    from .link_map import addressing_front_of, page_address  # the generator's addresses: publish's own site does not load them

    key = "redirect_from" if site.config.layout == "jekyll" else "aliases"
    notes = []
    for old_id, (old, new) in sorted(renames(site).items()):
        if not (site.root / new).is_file() or not new.endswith(DOCUMENT_SUFFIXES):
            continue
        document_id = site.document_id(site.root / new)
        try:
            front = addressing_front_of(site, document_id, new)
            front = front if key in front else read_source(site.source_bytes(site.root / new), document_id, new, **site.config.reading).front_matter
        except (OSError, PipelineError):
            continue  # status says why it cannot be read
        was, now = page_address(site, old_id, front, None, True, old), page_address(site, document_id, front, None, True, new)
        aliases = front.get(key)
        have = [aliases] if isinstance(aliases, str) else aliases if isinstance(aliases, list) else []
        if was is None or now is None or was == now or was in have or was.rstrip("/") in have:
            continue
        generator = "Jekyll" if site.config.layout == "jekyll" else "Hugo"
        plugin = "" if site.config.layout != "jekyll" or jekyll_redirects(site) else f", with {REDIRECT_PLUGIN} in the plugins of _config.yml"
        notes.append(
            f"note: {new}: renamed from {old}, so its page moved from {was} to {now} and a link elsewhere to the old address "
            f"leads nowhere — add the line '{key}: [{was}]' to its front matter{plugin} ({generator} makes a redirect page there)"
        )
    return notes
