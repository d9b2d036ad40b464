"""A local stand-in for the machine translation services, on 127.0.0.1 only.

It speaks each engine's wire format — Google's mobile result page (``GET /m``),
DeepL's ``POST /v2/translate``, LibreTranslate's ``POST /translate`` and MyMemory's
``GET /get`` — so that deep-translator's and deepl's real client code run against
it. Its translation is a deterministic toy (a small Dutch → English word list)
that leaves placeholders alone. Faults are queued per request: ``429`` (with
``Retry-After``), ``500``, ``slow`` (an answer after ``slow_seconds``), ``403``,
``456``, ``mangle`` (drops a placeholder), ``empty``, ``garbage`` (a page without
a result), ``dutch`` (answers with the input unchanged).
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

WORDS = {
    "de": "the", "het": "the", "een": "a", "en": "and", "is": "is", "van": "of", "in": "in", "op": "on",
    "mijn": "my", "je": "you", "ik": "I", "wat": "what", "hoe": "how", "niet": "not", "met": "with",
    "vertrouwen": "trust", "loyaliteit": "loyalty", "frictie": "friction", "verandering": "change",
    "boek": "book", "boeken": "books", "bestellen": "order", "lees": "read", "tekst": "text",
    "alinea": "paragraph", "eerste": "first", "tweede": "second", "blog": "blog", "waarom": "why",
    "schrijf": "write", "thema": "theme", "kop": "heading", "goed": "good", "zit": "sits", "kat": "cat",
    "mat": "mat", "abonneer": "subscribe", "hier": "here", "jaar": "year", "soort": "kind",
    # every word the pipeline takes for a sign of Dutch gets an English one, so the toy never answers "in Dutch"
    "zijn": "are", "ook": "also", "maar": "but", "voor": "for", "naar": "to", "wordt": "becomes", "worden": "become",
    "deze": "these", "dit": "this", "wij": "we", "jij": "you", "jouw": "your", "dat": "that", "die": "who",
    "als": "as", "bij": "at", "waar": "where", "zich": "itself", "nog": "still", "dan": "then", "er": "there",
    "heeft": "has", "hebben": "have", "kan": "can", "kunnen": "can", "geen": "no", "meer": "more", "om": "around",
    "te": "to", "uit": "out", "zo": "so", "wel": "well", "onze": "our", "zij": "they", "hij": "he",
    "omdat": "because", "wie": "who", "welke": "which", "altijd": "always", "nooit": "never", "heel": "very",
    "veel": "much",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_PLACEHOLDER = re.compile(r"⟦\s*\d+\s*⟧")


def toy_translate(text: str) -> str:
    """Word for word; keeps capitals, punctuation and placeholders."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        english = WORDS.get(word.lower())
        if english is None:
            return word
        return english[:1].upper() + english[1:] if word[:1].isupper() else english

    return _WORD.sub(swap, text)


class EngineServer:
    """Start with ``with EngineServer() as server:``; ``server.url`` is the root every engine's path hangs from."""

    def __init__(self, *, latency: float = 0.0, deepl_key: str = "test-key:fx", slow_seconds: float = 3.0) -> None:
        self.latency = latency
        self.slow_seconds = slow_seconds
        self.deepl_key = deepl_key
        self.faults: list[str] = []
        self.requests: Counter[str] = Counter()  # text -> how often it was asked
        self.paths: Counter[str] = Counter()
        self.seen_secrets: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def total(self) -> int:
        return sum(self.requests.values())

    def __enter__(self) -> EngineServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_fault(self) -> str | None:
        with self._lock:
            return self.faults.pop(0) if self.faults else None

    def _count(self, path: str, text: str) -> None:
        with self._lock:
            self.requests[text] += 1
            self.paths[path] += 1

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = {key: values[0] for key, values in parse_qs(url.query).items()}
                if url.path == "/m":
                    self._answer("google", query.get("q", ""))
                elif url.path == "/get":
                    self._answer("mymemory", query.get("q", ""), langpair=query.get("langpair", ""))
                else:
                    self._send(404, "text/plain", "not found")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8")
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    data = json.loads(body or "{}")
                else:
                    data = {key: values[0] for key, values in parse_qs(body).items()}
                path = urlparse(self.path).path
                if path == "/v2/translate":
                    texts = data.get("text")
                    text = texts[0] if isinstance(texts, list) else (texts or "")
                    auth = self.headers.get("Authorization", "")
                    server.seen_secrets.append(auth)
                    if auth != f"DeepL-Auth-Key {server.deepl_key}":
                        server._count("deepl", text)
                        return self._send(403, "application/json", json.dumps({"message": "Wrong key"}))
                    self._answer("deepl", text)
                elif path == "/translate":
                    if data.get("source") not in ("nl", "auto"):
                        return self._send(400, "application/json", json.dumps({"error": "unsupported source"}))
                    self._answer("libre", data.get("q", ""))
                else:
                    self._send(404, "text/plain", "not found")

            def _answer(self, engine: str, text: str, langpair: str = "") -> None:
                server._count(engine, text)
                if server.latency:
                    time.sleep(server.latency)
                fault = server._next_fault()
                if fault == "429":
                    return self._send(429, "text/plain", "slow down", {"Retry-After": "0"})
                if fault in ("500", "403", "456"):
                    return self._send(int(fault), "text/plain", "fault")
                if fault == "slow":
                    time.sleep(server.slow_seconds)
                translation = toy_translate(text)
                if fault == "mangle":
                    translation = _PLACEHOLDER.sub("", translation, count=1)
                elif fault == "empty":
                    translation = ""
                elif fault == "dutch":
                    translation = text
                if engine == "google":
                    if fault == "garbage":
                        return self._send(200, "text/html", "<html><body><p>Something went wrong</p></body></html>")
                    page = f'<html><body><div class="result-container">{html.escape(translation)}</div></body></html>'
                    return self._send(200, "text/html; charset=utf-8", page)
                if engine == "deepl":
                    payload = {"translations": [{"detected_source_language": "NL", "text": translation, "billed_characters": len(text)}]}
                elif engine == "libre":
                    payload = {"translatedText": translation}
                else:
                    payload = {"responseData": {"translatedText": translation}, "responseStatus": 200, "matches": []}
                self._send(200, "application/json", json.dumps(payload))

            def _send(self, status: int, content_type: str, body: str, headers: dict[str, str] | None = None) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler
