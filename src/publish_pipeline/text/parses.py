"""Parsed Dutch documents, remembered by their bytes: a source is parsed once, not by every command.

``extract`` parses the documents that changed; ``status``, ``check``, ``export`` and
``publish`` read every document again. A parse — the document, its segments, its
link definitions and, once the checks have made them, the outlines of its texts'
inline Markdown — is kept in an SQLite file in the site's ``.cache/``, under a key
made of the SHA-256 of the source bytes, the document's place and everything else
that shapes a parse. A parse that cannot be read back is simply made again:
nothing depends on this file, and deleting it only costs time.

The same file keeps the English built from each document's parse and PO file
(with the Dutch HTML it may carry, its body prerendered: ``markdown.Prerendered``, and
where the URLs of its links are: what ``export`` rewrites),
under the fingerprint of its verdict (see ``status.assess_site``): ``export`` and
``publish`` reuse a verdict with its English instead of reading the PO file, checking
it and parsing it again. And it keeps each Dutch body prerendered, made when the
assessment finished the parse of a new source (``put_dutch``): ``publish`` renders
the Dutch page from it, as long as the body is the one it was made of.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import build_id
from .document import Document
from .markdown import Prerendered, UrlSpan
from .segmentation import Segment

PARSES_FILE = ".cache/publish_pipeline/parses.sqlite3"

KeptEnglish = tuple[str, Document | None, frozenset[str], Document, tuple[UrlSpan, ...] | None]
"""A document's English kept (``Parses.english``): its text, its parse, the Dutch HTML, the Dutch document and where
the link URLs of its body are (``DocumentStatus.english_urls``)."""


@dataclass
class Parse:
    """A source document's segments and what goes with them: what every command reads of it.

    The document itself (front matter and body) is not kept: YAML's C loader reads
    it again in a fraction of the time segmentation takes, and the cache stays small.
    """

    segments: tuple[Segment, ...]
    references: dict[str, Any]
    outline: Any
    """The block outline of the body (what reassembly compares a translation's with)."""
    html: frozenset[str]
    """The body's raw HTML (``markdown.html_of``): what its translation may carry."""
    outlines: dict[str, Any] = field(default_factory=dict)
    """Each body text's inline outline, as the checks made it (kept apart: added by the first status)."""


def parse_key(source_digest: str, location: str, translate_fields: tuple[str, ...], reading: dict[str, bool]) -> str:
    """The key of a kept parse: the source's bytes and name, the translated fields, how its front matter was read
    (``SiteConfig.reading``: a Hugo site's ``Title`` is ``title``), and the code that parsed it (``build_id``: any
    change to ``Parse`` or to segmentation makes every parse anew, with no version to remember)."""
    return hashlib.sha256(repr((source_digest, location, translate_fields, sorted(reading.items()), build_id())).encode("utf-8")).hexdigest()


class Parses:
    """The parses of one site, for one process (a forked worker opens its own connection)."""

    _open: dict[tuple[Path, int], Parses] = {}

    @classmethod
    def of(cls, root: Path) -> Parses:
        key = (root, os.getpid())
        if key not in cls._open:
            cls._open[key] = cls(root / PARSES_FILE)
        return cls._open[key]

    def __init__(self, path: Path) -> None:
        self._path = path
        self._db: sqlite3.Connection | None = None
        self._pending: dict[str, Parse] = {}
        self._pending_outlines: dict[str, bytes] = {}
        self._pending_english: dict[str, tuple[str, str | None, bytes]] = {}
        self._pending_prerendered: dict[str, tuple[str, bytes]] = {}
        self._pending_dutch: dict[str, bytes] = {}

    def get(self, key: str) -> Parse | None:
        if self._db is None and not self._path.exists():
            return None  # nothing kept yet (and nothing to create for a reader)
        try:
            db = self._connection()
            row = db.execute("SELECT data FROM parses WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            parse: Parse = pickle.loads(row[0])
            outlines = db.execute("SELECT data FROM outlines WHERE key = ?", (key,)).fetchone()
            if outlines is not None:
                parse.outlines = pickle.loads(outlines[0])
            return parse
        except Exception:  # a damaged or outdated row: parse again
            return None

    def put(self, key: str, parse: Parse) -> None:
        """Remember ``parse`` (written with the next ``flush``, with the outlines the checks add to it by then)."""
        self._pending[key] = parse

    def put_outlines(self, key: str, outlines: dict[str, Any]) -> None:
        """Remember the outlines the checks made for a parse remembered before; a parse made now is written with
        its own (one row, each text pickled once: kept apart, a cold run wrote every text with markup twice more)."""
        pending = self._pending.get(key)
        if pending is not None and pending.outlines is outlines:
            return
        self._pending_outlines[key] = pickle.dumps(outlines, protocol=pickle.HIGHEST_PROTOCOL)

    def english(self, wanted: dict[str, str]) -> dict[str, KeptEnglish]:
        """The English kept for each document location whose verdict's fingerprint ``wanted`` names: its text and
        its parse, with the Dutch HTML, the Dutch document (unpickled in a fraction of the time reading their
        front matter takes) and where the URLs of its body are. One query for all: a site's documents are mostly
        all wanted."""
        found: dict[str, KeptEnglish] = {}
        try:
            if not wanted or (self._db is None and not self._path.exists()):
                return found
            rows = self._connection().execute("SELECT location, fingerprint, text, html FROM english")
            for location, fingerprint, text, kept in rows:
                if wanted.get(location) == fingerprint:
                    try:
                        parsed, html, dutch, urls = pickle.loads(kept)
                        text = parsed.text if text is None else text
                    except Exception:  # a damaged row: that document is assessed again
                        continue
                    found[location] = (text, parsed, frozenset(html), dutch, urls)
        except sqlite3.Error:  # a damaged file: every document is assessed again
            return {}
        return found

    def put_english(
        self, location: str, fingerprint: str, text: str, parsed: Document | None, html: frozenset[str], dutch: Document,
        prerendered: Prerendered | None = None, urls: tuple[UrlSpan, ...] | None = None,
    ) -> None:
        """Remember a document's English with its Dutch side, its body ``prerendered`` and where its body's ``urls``
        are (one per document: the last one replaces any other). The text is kept apart only where its parse does
        not read as it (``Document.text``): kept beside its parse, every English was kept twice."""
        try:
            dutch_side = pickle.dumps((parsed, sorted(html), dutch, urls), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a front-matter value pickle cannot keep: the document is read again next time
            return
        self._pending_english[location] = (fingerprint, None if parsed is not None and parsed.text == text else text, dutch_side)
        if prerendered is not None:
            self._pending_prerendered[location] = (fingerprint, pickle.dumps(prerendered, protocol=pickle.HIGHEST_PROTOCOL))

    def prerendered(self, location: str, fingerprint: str) -> Prerendered | None:
        """The body of the English kept for ``location`` and ``fingerprint`` (see ``english``), prerendered for the
        site; kept apart from the rest, for the process that renders the page alone to read."""
        try:
            row = self._kept("SELECT data FROM prerendered WHERE location = ? AND fingerprint = ?", location, fingerprint)
            found = pickle.loads(row[0]) if row else None
            return found if isinstance(found, Prerendered) else None
        except Exception:  # a damaged row: the page is parsed
            return None

    def put_dutch(self, location: str, prerendered: Prerendered, html: frozenset[str]) -> None:
        """Remember the Dutch body of ``location`` prerendered for the site, with its raw HTML (``markdown.html_of``):
        the page renders from it while its body is the one ``prerendered`` was made of (one per document)."""
        self._pending_dutch[location] = pickle.dumps((prerendered, html), protocol=pickle.HIGHEST_PROTOCOL)

    def dutch(self, location: str) -> tuple[Prerendered, frozenset[str]] | None:
        """The Dutch body kept for ``location`` by this code (``put_dutch``; made of which text, its digest says)."""
        try:
            row = self._kept("SELECT data FROM dutch WHERE location = ? AND code = ?", location, build_id())
            if row is None:
                return None
            prerendered, html = pickle.loads(row[0])
            return (prerendered, html) if isinstance(prerendered, Prerendered) and isinstance(html, frozenset) else None
        except Exception:  # a damaged row (or one of another format): the page is parsed
            return None

    def _kept(self, query: str, *parameters: str) -> Any:
        """The row a query finds, None if none (or nothing is kept yet: then there is nothing to create for a reader)."""
        if self._db is None and not self._path.exists():
            return None
        return self._connection().execute(query, parameters).fetchone()

    def keep_english(self, locations: set[str]) -> None:
        """Forget the English and the Dutch body kept of documents that are gone."""
        self._keep(("english", "prerendered", "dutch"), "location", locations)

    def flush(self) -> None:
        if not (self._pending or self._pending_outlines or self._pending_english or self._pending_prerendered or self._pending_dutch):
            return
        try:
            with self._connection() as db:
                db.executemany("INSERT OR REPLACE INTO parses VALUES (?, ?)", [row for key, parse in self._pending.items() if (row := _row(key, parse))])
                db.executemany("INSERT OR REPLACE INTO outlines VALUES (?, ?)", self._pending_outlines.items())
                db.executemany("INSERT OR REPLACE INTO english VALUES (?, ?, ?, ?)", [(location, *row) for location, row in self._pending_english.items()])
                db.executemany("INSERT OR REPLACE INTO prerendered VALUES (?, ?, ?)", [(location, *row) for location, row in self._pending_prerendered.items()])
                db.executemany("INSERT OR REPLACE INTO dutch VALUES (?, ?, ?)", [(location, build_id(), data) for location, data in self._pending_dutch.items()])
        except sqlite3.Error:
            pass  # the cache only saves time
        self._pending.clear()
        self._pending_outlines.clear()
        self._pending_english.clear()
        self._pending_prerendered.clear()
        self._pending_dutch.clear()

    def keep_only(self, keys: set[str]) -> None:
        """Forget the parses of sources that are gone or changed."""
        self._keep(("parses", "outlines"), "key", keys)

    def _keep(self, tables: tuple[str, ...], column: str, kept: set[str]) -> None:
        """Delete the rows of ``tables`` whose ``column`` is not in ``kept``."""
        try:
            if self._db is None and not self._path.exists():
                return
            with self._connection() as db:
                for table in tables:
                    stale = [(value,) for (value,) in db.execute(f"SELECT {column} FROM {table}") if value not in kept]
                    db.executemany(f"DELETE FROM {table} WHERE {column} = ?", stale)
        except sqlite3.Error:
            pass  # the cache only saves time

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open_database()
            except sqlite3.DatabaseError:  # not a database (any more): start afresh
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self._path}{suffix}").unlink(missing_ok=True)
                self._db = self._open_database()
        return self._db

    def _open_database(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # a cache: a row lost in a crash is parsed again
            db.execute("CREATE TABLE IF NOT EXISTS parses (key TEXT PRIMARY KEY, data BLOB)")
            db.execute("CREATE TABLE IF NOT EXISTS outlines (key TEXT PRIMARY KEY, data BLOB)")
            db.execute("CREATE TABLE IF NOT EXISTS english (location TEXT PRIMARY KEY, fingerprint TEXT, text TEXT, html BLOB)")
            db.execute("CREATE TABLE IF NOT EXISTS prerendered (location TEXT PRIMARY KEY, fingerprint TEXT, data BLOB)")
            db.execute("CREATE TABLE IF NOT EXISTS dutch (location TEXT PRIMARY KEY, code TEXT, data BLOB)")
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db


def _row(key: str, parse: Parse) -> tuple[str, bytes] | None:
    """A parse as it is kept: its outlines keyed by the very strings of its segments' texts, each pickled once; None
    where it cannot be pickled (then it is made again next time)."""
    if parse.outlines:
        texts = {segment.text: segment.text for segment in parse.segments}
        parse = Parse(parse.segments, parse.references, parse.outline, parse.html, {texts.get(text, text): outline for text, outline in parse.outlines.items()})
    try:
        return key, pickle.dumps(parse, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a value pickle cannot keep
        return None
