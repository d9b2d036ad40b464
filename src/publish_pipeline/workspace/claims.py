"""The English URLs the site's documents claim, as the workspace keeps them: what a document's page needs of the others.

A document's verdict depends on no other document's but in one case: two publishable documents whose English
has one URL are both held back (``status.assess_site``). So the page of a publishable document judges it
alone (``Workspace.status``, as it does any document) and asks here only which other documents claim its URL.
Those claims come from the site's verdicts (``assess_site``), made anew only when a file of another document,
or the glossary, changed since: told by a listing of the folders (each file's size, times and inode, as git's
index tells a change), which reads no file. Asking the site on every page and every save (fingerprints of
every file, a thousand verdicts read back) was most of the time a page of a publishable document took.
"""

from __future__ import annotations

import stat
import threading
from collections import Counter
from collections.abc import Callable

from ..plumbing.freshness import listing
from ..plumbing.progress import Phases
from ..output.link_map import GeneratorPages
from ..quality.status import DocumentStatus, SiteStatus, assess_site, clashing, english_url_path
from ..site import Site

Listing = dict[str, list[int]]
"""Each file and folder (site-relative) with its mode, size, times and inode (``freshness``)."""
Claims = dict[str, tuple[str, str]]
"""The publishable documents' English URLs: the URL's path and the document's source, by document."""


class KeptClaims:
    """The claims of ``site``'s documents to their English URLs, with the listing they were made after."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.folders = [*site.source_places, site.relative(site.catalog_dir.parent)]  # the Dutch; the PO files and the glossary
        self._kept: tuple[Listing | None, Claims] | None = None
        self._judging = threading.RLock()  # the documents list judges the site in a thread (``listing``): a page does not wait for it

    def judged(self, status: DocumentStatus) -> DocumentStatus | None:
        """``status``, a publishable document judged alone as its files are now, as the site judges it: held back
        where another document that may be published claims its English URL (``status.assess_site``). None (not
        known yet) while the documents list is making the site's verdicts anew: a page or a save that waited for
        it waited for a cold list of a thousand documents."""
        if status.english_url is None:
            return status
        claims = self._current(mine={status.source, status.catalog})
        if claims is None:
            return None
        path = _english_address(self.site)(status)
        others = [source for document_id, (claimed, source) in claims.items() if claimed == path and document_id != status.document_id]
        return clashing(status, others, path) if others else status

    def site_status(self, progress: Phases | None = None) -> SiteStatus:
        """``assess_site`` (verdicts kept in ``.cache/``; ``progress`` told), whose claims are kept. Its pages are not
        prerendered for publish (``status.prerenders``): CI publishes, from a clone of its own."""
        with self._judging:
            found = listing(self.site.root, self.folders)  # before the files are read: a change meanwhile is seen next time
            address = _english_address(self.site)
            status = assess_site(self.site, reuse=True, detail=False, prerender=False, progress=progress, english_address=address)
            self._kept = (found, _claims(status, address))
            return status

    def addresses(self) -> dict[str, str] | None:
        """Where the English of each document that may be published is served, by document (of two that claim one
        address, neither: both are held back), from the kept claims; None where a file changed since they were made
        (or none were made yet), so that nothing here waits for the site to be judged."""
        claims = self._unchanged(set())
        if claims is None:
            return None
        claimed = Counter(path for path, _ in claims.values())
        return {document_id: path for document_id, (path, _) in claims.items() if claimed[path] == 1}

    def _current(self, mine: set[str | None]) -> Claims | None:
        """The kept claims, made anew when a file changed since but the files ``mine`` (the page's own document's:
        its own claim is not taken from them); None while the list is making them (``site_status``)."""
        kept = self._unchanged(mine)
        if kept is not None:
            return kept
        if not self._judging.acquire(blocking=False):
            return None
        try:
            kept = self._unchanged(mine)  # made by the list that held the lock until now
            return kept if kept is not None else self._claims_now()
        finally:
            self._judging.release()

    def _unchanged(self, mine: set[str | None]) -> Claims | None:
        """The kept claims if no file but the files ``mine`` changed since they were made; else None."""
        kept = self._kept
        if kept is None or kept[0] is None:
            return None
        found = listing(self.site.root, self.folders)
        return kept[1] if found is not None and not _changed(kept[0], found) - mine else None

    def _claims_now(self) -> Claims:
        self.site_status()
        assert self._kept is not None
        return self._kept[1]


def _english_address(site: Site) -> Callable[[DocumentStatus], str]:
    """Where the site serves a document's English (a Hugo or Jekyll site: its generator, ``GeneratorPages``), from its
    Dutch as it is now."""
    pages = GeneratorPages.of(site)
    return english_url_path if pages is None else pages.english_address


def _claims(status: SiteStatus, address: Callable[[DocumentStatus], str]) -> Claims:
    """The claims of the documents that may be published but for a clash (``DocumentStatus.clash``), at ``address``."""
    return {
        document.document_id: (address(document), str(document.source))
        for document in status.documents if document.english_url is not None and (document.publishable or document.clash)
    }


def _changed(before: Listing, now: Listing) -> set[str | None]:
    """The files added, removed or changed (not folders: a file saved by replacing it changes its folder's times too)."""
    return {
        name for name in before.keys() | now.keys()
        if before.get(name) != now.get(name) and not stat.S_ISDIR((before.get(name) or now.get(name) or [0])[0])
    }
