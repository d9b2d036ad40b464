"""The machine translation cache: nothing is paid for twice.

An SQLite file under the site's ``.cache/`` folder maps (engine, languages,
glossary version, text sent) to the engine's answer. Every answer is committed
the moment it arrives, so a crash, a kill or Ctrl-C loses at most the requests
that were still under way.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import PipelineError

CACHE_FILE = ".cache/publish_pipeline/translations.sqlite3"


def cache_key(engine: str, source: str, target: str, glossary_version: str, text: str) -> str:
    return hashlib.sha256("\0".join([engine, source, target, glossary_version, text]).encode("utf-8")).hexdigest()


@contextmanager
def _speaking() -> Iterator[None]:
    """SQLite's failures (a full disk, a read-only or damaged file) as one line that says what to do."""
    try:
        yield
    except sqlite3.Error as error:
        text = str(error)
        if "full" in text:
            problem, hint = "the disk is full", "free some disk space, then run draft again: what was drafted is saved"
        elif "readonly" in text or "read-only" in text:
            problem, hint = "the translation cache is read-only", "make it writable (or delete it), then run draft again"
        else:
            problem, hint = f"the translation cache cannot be used ({text})", "delete the file (the next run asks the engine again), then run draft again"
        raise PipelineError(CACHE_FILE, problem, hint=hint) from None


class TranslationCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with _speaking():
            self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, engine TEXT, sent TEXT, answer TEXT, stored REAL)"
            )
            self._db.commit()

    def get(self, key: str) -> str | None:
        with self._lock, _speaking():
            row = self._db.execute("SELECT answer FROM answers WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, engine: str, sent: str, answer: str) -> None:
        with self._lock, _speaking():
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)", (key, engine, sent, answer, time.time())
            )
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()
