"""A search across every document's entries, as the workspace's search box asks it: case and accents aside, each
entry found with its document and a snippet of each text, the stretch found marked.

Each PO file is read when it is first searched (in the background as the server starts: ``Searchable.current``)
and again only when its size or time changed, its texts kept ``folded``: a search of a thousand documents stats
their files and compares strings, and parses none of them again.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..catalogs.catalog import Translation, read_catalog
from ..errors import PipelineError
from ..site import Site


MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining marks that decomposing (NFKD) splits off a letter: é is e and a mark."""


def folded(text: str) -> str:
    """``text`` as a search compares it: case folded and its accents dropped, so that "ideeen", "Ideeën" and
    "IDEEËN" are one word (a Dutch reader types the one her keyboard has)."""
    text = text.casefold()
    return text if text.isascii() else MARKS.sub("", unicodedata.normalize("NFKD", text))


@dataclass(frozen=True)
class Piece:
    """A stretch of a text found, ``marked`` where the search found it."""

    text: str
    marked: bool = False


WIDTH = 70
"""Characters of a text shown on either side of the first place a search found in it."""


def terms(query: str) -> tuple[str, ...]:
    """What ``query`` asks for, ``folded``: each of its words, or a phrase in quotes as it stands (as Weblate reads
    a search: "vertrouwen team" finds the entries with both words, anywhere in them)."""
    found = [phrase or word for phrase, word in QUOTED_OR_WORD.findall(query)]
    return tuple(dict.fromkeys(term for term in map(folded, found) if term.strip()))


QUOTED_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')


def snippet(text: str, wanted: Sequence[str], width: int = WIDTH) -> tuple[Piece, ...]:
    """``text`` around the first place that one of ``wanted`` (``terms``) is found in it (``folded`` too), every
    place found there marked, cut at a space with "…" where it goes on; its start where nothing is found."""
    flat: list[str]
    places: Sequence[int]  # of each folded character, the character of ``text`` it comes from
    if text.isascii():  # folded letter for letter, each in its place
        flat, places = list(text.lower()), range(len(text))
    else:
        flat, made_from = [], []
        for index, char in enumerate(text):
            made = folded(char)
            flat.append(made)
            made_from.extend([index] * len(made))
        places = made_from
    joined, found = "".join(flat), []
    for term in wanted:
        start = joined.find(term)
        while start >= 0:
            end = places[start + len(term) - 1] + 1
            while end < len(text) and not flat[end]:  # a mark of the last letter's own (a decomposed é) is found with it
                end += 1
            found.append((places[start], end))
            start = joined.find(term, start + len(term))
    spans: list[tuple[int, int]] = []
    for begin, end in sorted(found):  # overlapping ones marked as one
        if spans and begin <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((begin, end))
    first, last = spans[0] if spans else (0, width)  # nothing found: its start, as long as a snippet around a place found
    low = 0 if first <= width else text.find(" ", first - width, first) + 1 or first - width
    reach = last + width + max(0, width - first)  # what the start leaves of its share, shown after the place found
    high = len(text) if len(text) <= reach else (text.rfind(" ", last, reach) if text.rfind(" ", last, reach) > last else reach)
    pieces = [Piece("…")] if low else []
    at = low
    for begin, end in spans:
        if begin >= high:
            break
        pieces += [Piece(text[at:begin]), Piece(text[begin:min(end, high)], marked=True)]
        at = min(end, high)
    pieces += [Piece(text[at:high]), *([Piece("…")] if high < len(text) else [])]
    return tuple(piece for piece in pieces if piece.text)


FIELDS = ("source", "text", "context", "note")
"""What a search looks in, of each entry: its Dutch, its English, its context (msgctxt) and its translator comments."""

SHOWN = ("source", "text")
"""What every entry found shows of itself (its context and comments where the search found it there)."""


@dataclass(frozen=True)
class Hit:
    """An entry a search found: of the document ``document_id`` (its Dutch ``title``), found in ``fields`` (of
    ``FIELDS``), each shown as ``snippets`` has it (in the order of ``FIELDS``)."""

    document_id: str
    title: str
    translation: Translation
    fields: tuple[str, ...]
    snippets: dict[str, tuple[Piece, ...]]


@dataclass(frozen=True)
class Found:
    """What a search found: the first ``hits`` (in the documents list's order), how many entries of how many
    documents in all, and the documents whose PO file cannot be read (``unread``: not searched)."""

    hits: tuple[Hit, ...]
    total: int
    documents: int
    unread: tuple[str, ...]


@dataclass(frozen=True)
class _Read:
    stamp: tuple[int, int]
    title: str
    translations: tuple[Translation, ...]
    folded: tuple[tuple[str, ...], ...]


class Searchable:
    """The entries of ``site``'s PO files, kept ``folded`` by each file's size and time."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._files: dict[Path, _Read] = {}
        self._lock = threading.Lock()

    def current(self) -> list[tuple[str, _Read | None]]:
        """Each document (in the documents list's order) and its entries as its PO file is now; None where it has
        no PO file or one that cannot be read. Reads only the files that changed since."""
        documents = []
        with self._lock:
            before, self._files = self._files, {}  # a document deleted since is forgotten
            for source in self.site.source_paths():
                document_id = self.site.document_id(source)
                path = self.site.catalog_path(document_id)
                try:
                    stat = path.stat()
                except OSError:
                    documents.append((document_id, None))  # not extracted yet: no English to search
                    continue
                stamp = (stat.st_mtime_ns, stat.st_size)
                read = before.get(path)
                if read is None or read.stamp != stamp:
                    try:
                        catalog = read_catalog(path, self.site.relative(path))
                    except PipelineError:
                        documents.append((document_id, None))
                        continue
                    translations = tuple(catalog.translations)
                    title = next((t.source for t in translations if t.context == "title"), document_id)
                    folds = tuple(tuple(folded(getattr(t, name) or "") for name in FIELDS) for t in translations)
                    read = _Read(stamp, title, translations, folds)
                self._files[path] = read
                documents.append((document_id, read))
        return documents

    def search(self, query: str, limit: int) -> Found:
        """The first ``limit`` entries whose Dutch, English, context and translator comment hold every one of the
        ``terms`` of ``query`` between them, in the documents list's order, and how many there are in all."""
        wanted = terms(query)
        hits: list[Hit] = []
        total, documents, unread = 0, set(), []
        if not wanted:
            return Found((), 0, 0, ())
        for document_id, read in self.current():
            if read is None:
                if self.site.catalog_path(document_id).exists():
                    unread.append(document_id)
                continue
            for translation, texts in zip(read.translations, read.folded):
                if not all(any(term in text for text in texts) for term in wanted):
                    continue
                total += 1
                documents.add(document_id)
                if len(hits) < limit:
                    fields = tuple(name for name, text in zip(FIELDS, texts) if any(term in text for term in wanted))
                    shown = {name: snippet(getattr(translation, name) or "", wanted) for name in FIELDS if name in (*SHOWN, *fields)}
                    hits.append(Hit(document_id, read.title, translation, fields, shown))
        return Found(tuple(hits), total, len(documents), tuple(unread))
