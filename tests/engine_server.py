"""A local stand-in for the machine translation services, on 127.0.0.1 only.

It speaks each engine's wire format — Google's mobile result page (``GET /m``),
DeepL's ``POST /v2/translate``, LibreTranslate's ``POST /translate`` and MyMemory's
``GET /get`` — so that deep-translator's and deepl's real client code run against
it. Its translation is a deterministic toy (a small Dutch → English word list)
that leaves placeholders alone. Faults are queued per request (``FAULTS``):
``429`` (with ``Retry-After``), ``500``, ``401``, ``403``, ``456``, ``slow`` (an
answer after ``slow_seconds``), ``dribble`` (the whole answer one byte every
``dribble_seconds``), ``redirect`` (307 to ``redirect_to``), ``mangle`` (drops a
placeholder), ``empty``, ``garbage`` (a page without a result), ``dutch`` (the
input unchanged), ``{}`` (an empty JSON object), ``html`` (an HTML page where
JSON belongs), ``truncated`` (the answer breaks off), or a ``Raw`` answer.
Every engine gives the same toy English, unless ``signed`` (``--signed``): then each
engine's English starts with its name (``libre: Why do I write?``), so that asking
anew of another engine (``draft --again --engine libre``) shows another draft.

From a shell, to try ``draft`` by hand (Ctrl-C stops)::

    python tests/engine_server.py --engine google --port 8081 [--signed] [--latency 0.2] [--fail 429 ok 500 …]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import signal
import ssl
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
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
ENGINES = ("google", "deepl", "libre", "mymemory")
PATHS = {"google": "/m", "deepl": "/v2/translate", "libre": "/translate", "mymemory": "/get"}
FAULTS = (
    "429", "500", "401", "403", "456", "slow", "dribble", "redirect",
    "mangle", "empty", "garbage", "dutch", "{}", "html", "truncated",
)


@dataclass(frozen=True)
class Raw:
    """An answer given as it is: ``declared_length`` above ``len(body)`` makes it break off."""

    body: bytes
    content_type: str = "application/json"
    status: int = 200
    declared_length: int | None = None


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

    def __init__(
        self,
        *,
        port: int = 0,
        latency: float = 0.0,
        deepl_key: str = "test-key:fx",
        slow_seconds: float = 3.0,
        dribble_seconds: float = 0.2,
        certificate: tuple[str, str] | None = None,
        signed: bool = False,
    ) -> None:
        """``certificate``: (certificate file, key file) to speak HTTPS, as the real services do; ``signed``: each
        engine's English starts with its name (``google: …``, ``libre: …``), so that two engines' drafts differ."""
        self.latency = latency
        self.signed = signed
        self.slow_seconds = slow_seconds
        self.dribble_seconds = dribble_seconds
        self.deepl_key = deepl_key
        self.redirect_to = "http://127.0.0.1:9"  # where ``redirect`` sends the client
        self.faults: list[str | Raw | None] = []
        self.requests: Counter[str] = Counter()  # text -> how often it was asked
        self.paths: Counter[str] = Counter()
        self.seen_secrets: list[str] = []
        self.dribbling = 0  # answers being dribbled right now (the client hung up when it is back at 0)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self.scheme = "http"
        if certificate:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*certificate)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    @property
    def total(self) -> int:
        return sum(self.requests.values())

    def __enter__(self) -> EngineServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_fault(self) -> str | Raw | None:
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
            disable_nagle_algorithm = True  # headers and body leave at once: no 40 ms delayed-ACK wait per answer

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
                    server.seen_secrets.append(str(data.get("api_key", "")))
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
                if isinstance(fault, Raw):
                    return self._send_raw(fault.status, fault.content_type, fault.body, fault.declared_length)
                if fault == "429":
                    return self._send(429, "text/plain", "slow down", {"Retry-After": "0"})
                if fault in ("500", "401", "403", "456"):
                    return self._send(int(fault), "text/plain", "fault")
                if fault == "redirect":
                    return self._send(307, "text/plain", "moved", {"Location": server.redirect_to + self.path})
                if fault == "{}":
                    return self._send(200, "application/json", "{}")
                if fault == "html":
                    return self._send(200, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")
                if fault == "slow":
                    time.sleep(server.slow_seconds)
                translation = toy_translate(text)
                if server.signed:
                    translation = f"{engine}: {translation}"
                if fault == "mangle":
                    translation = _PLACEHOLDER.sub("", translation, count=1)
                elif fault == "empty":
                    translation = ""
                elif fault == "dutch":
                    translation = text
                if engine == "google" and fault == "garbage":
                    return self._send(200, "text/html", "<html><body><p>Something went wrong</p></body></html>")
                content_type, body = "application/json", b""
                if engine == "google":
                    content_type = "text/html; charset=utf-8"
                    body = f'<html><body><div class="result-container">{html.escape(translation)}</div></body></html>'.encode()
                elif engine == "deepl":
                    payload = {"translations": [{"detected_source_language": "NL", "text": translation, "billed_characters": len(text)}]}
                elif engine == "libre":
                    payload = {"translatedText": translation}
                else:
                    payload = {"responseData": {"translatedText": translation}, "responseStatus": 200, "matches": []}
                body = body or json.dumps(payload).encode("utf-8")
                if fault == "truncated":
                    return self._send_raw(200, content_type, body[: len(body) // 2], len(body))
                if fault == "dribble":
                    return self._dribble(200, content_type, body)
                self._send_raw(200, content_type, body)

            def _send(self, status: int, content_type: str, body: str, headers: dict[str, str] | None = None) -> None:
                self._send_raw(status, content_type, body.encode("utf-8"), headers=headers)

            def _send_raw(
                self, status: int, content_type: str, body: bytes, declared_length: int | None = None,
                headers: dict[str, str] | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(declared_length or len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                if declared_length:
                    self.send_header("Connection", "close")
                    self.close_connection = True  # the answer breaks off: hang up after the part sent
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:  # the client hung up (over TLS: an SSL error)
                    pass

            def _dribble(self, status: int, content_type: str, body: bytes) -> None:
                """The whole answer, status line included, one byte at a time, until done or the client hangs up."""
                head = f"HTTP/1.1 {status} OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
                self.close_connection = True
                with server._lock:
                    server.dribbling += 1
                try:
                    for byte in head.encode("ascii") + body:
                        self.wfile.write(bytes([byte]))
                        time.sleep(server.dribble_seconds)
                except OSError:  # the client hung up (over TLS: an SSL error)
                    pass
                finally:
                    with server._lock:
                        server.dribbling -= 1

        return Handler


def main(argv: list[str] | None = None) -> int:
    """Serve every engine's wire format on 127.0.0.1 until Ctrl-C, printing the draft command to try."""
    parser = argparse.ArgumentParser(
        prog="python tests/engine_server.py",
        description="A local stand-in for the machine translation services (127.0.0.1 only), to try draft by hand.",
    )
    parser.add_argument("--engine", choices=ENGINES, default="google", help="the engine to print the draft command for (all are served)")
    parser.add_argument("--port", type=int, default=8081, help="the port on 127.0.0.1 (0: any free port; default 8081)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before every answer")
    parser.add_argument(
        "--signed", action="store_true",
        help="each engine's English starts with its name (libre: …), so that draft --again --engine X shows another engine's draft",
    )
    parser.add_argument(
        "--fail", nargs="+", default=[], choices=("ok", *FAULTS), metavar="FAULT",
        help=f"how to answer the first requests, in order: ok or one of {', '.join(FAULTS)}",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C stops it, also where it was started ignoring Ctrl-C (a shell's background job)
    try:
        server = EngineServer(port=args.port, latency=args.latency, signed=args.signed)
    except OSError as error:
        print(f"engine_server: cannot listen on 127.0.0.1:{args.port}: {error.strerror} — choose another --port", file=sys.stderr)
        return 1
    server.faults = [None if fault == "ok" else fault for fault in args.fail]
    with server:
        key = f"DEEPL_API_KEY={server.deepl_key} " if args.engine == "deepl" else ""
        try:  # from the first line it prints on, Ctrl-C stops it (a script may send it as soon as it reads that line)
            print(f"engine server at {server.url} ({args.engine} at {PATHS[args.engine]}; Ctrl-C stops)", flush=True)
            print(f"try: {key}publish-pipeline draft --engine {args.engine} --url {server.url} --root SITE", flush=True)
            if args.signed:
                other = "mymemory" if args.engine != "mymemory" else "google"
                print(f"then, where you emptied a draft: publish-pipeline draft --again --engine {other} --url {server.url} --root SITE "
                      "(another engine's draft, which starts with its name)", flush=True)
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print(f"served {server.total} requests", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
