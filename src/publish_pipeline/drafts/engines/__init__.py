"""Machine translation engines: one protocol, one module per engine family.

An engine translates one text and raises one of three errors, whatever library
is underneath: ``Retryable`` (429, 5xx, a timeout, a reset connection: try
again later), ``Failed`` (this text got no usable answer: a malformed, empty or
unreadable one) or ``Fatal`` (a missing or refused key, a spent quota, a
redirect: stop the whole run). Error messages never contain a key or a request URL.

deep-translator sets no request timeout and hides the HTTP response, and the
``deepl`` client and ``requests`` time out per read, not per request. So engines
run inside ``guarded_requests``, which holds every ``requests`` call to our rules,
whichever library makes it: a deadline from the start of the request to the last
byte of the answer, no redirects, network failures as ``Retryable``, and the
status and ``Retry-After`` of the last response in this thread kept for the
engines to read.
"""

from __future__ import annotations

import http.client
import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.connection

from ...config import TranslationConfig


ENGINE_LIMITS = {"google": 4999, "deepl": 50_000, "libre": 5000, "mymemory": 499}
"""The longest text each engine takes in one request (characters)."""


class EngineError(Exception):
    """Base of the three outcomes an engine can raise; the message is safe to print. ``unreachable``: the
    request never reached the engine (no connection, an unusable address), so it was not sent."""

    def __init__(self, reason: str, *, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.unreachable = unreachable


class Retryable(EngineError):
    def __init__(self, reason: str, retry_after: float | None = None, unreachable: bool = False) -> None:
        super().__init__(reason, unreachable=unreachable)
        self.retry_after = retry_after


class Failed(EngineError):
    pass


class Fatal(EngineError):
    pass


class Engine(Protocol):
    name: str
    max_chars: int

    def translate(self, text: str) -> str:
        """The translation of ``text``; raises Retryable, Failed or Fatal."""
        ...

    def close(self) -> None:
        """Let go of any connection the engine keeps open."""
        ...


@dataclass
class LastResponse(threading.local):
    status: int | None = None
    retry_after: float | None = None


@dataclass
class _Deadline(threading.local):
    at: float | None = None  # time.monotonic() by which this thread's request must be answered


last_response = LastResponse()
_deadline = _Deadline()
_patch_lock = threading.Lock()


@contextmanager
def guarded_requests(timeout: float) -> Iterator[None]:
    """Hold every ``requests`` call to ``timeout`` seconds in all, no redirects, and our error types.

    The deadline is kept by the reads themselves (each gets only the time
    left, see ``_DeadlineResponse``), so no watchdog thread is needed and the
    connection of a request that ran out of time is closed by urllib3 as after
    any read timeout. Only answers read inside ``Session.send`` count: none of our
    engines streams.
    """
    original_send = requests.Session.send
    connection = urllib3.connection.HTTPConnection
    own_response_class = vars(connection).get("response_class")

    def send(session: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        kwargs["timeout"] = timeout
        kwargs["allow_redirects"] = False  # a key goes only where translation.url says
        last_response.status = last_response.retry_after = None
        _deadline.at = time.monotonic() + timeout
        try:
            response = original_send(session, request, **kwargs)
        except requests.RequestException as error:
            if time.monotonic() >= _deadline.at:
                raise Retryable(f"no answer within {timeout:g} s") from None
            raise network_error(error, timeout) from None
        finally:
            _deadline.at = None
        if response.is_redirect:
            response.close()
            raise _redirect_error(response.status_code, request.url or "", response.headers["Location"])
        last_response.status = response.status_code
        last_response.retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        return response

    with _patch_lock:
        requests.Session.send = send  # type: ignore[method-assign]
        connection.response_class = _DeadlineResponse  # type: ignore[attr-defined]
    try:
        yield
    finally:
        with _patch_lock:
            requests.Session.send = original_send  # type: ignore[method-assign]
            if own_response_class is None:
                del connection.response_class  # type: ignore[attr-defined]
            else:
                connection.response_class = own_response_class  # type: ignore[attr-defined]


class _DeadlineResponse(http.client.HTTPResponse):
    """http.client's response (urllib3 reads status, headers and body through it), reading against the deadline."""

    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        self.fp = io.BufferedReader(_DeadlineReader(self.fp.detach(), sock))


class _DeadlineReader(io.RawIOBase):
    """A socket's reader that gives each read only the time left until this thread's deadline.

    A server that sends one byte at a time would otherwise never trip a
    per-read timeout. The socket's own timeout is reset by urllib3 before
    every use, so changing it here leaks into nothing.
    """

    def __init__(self, raw: io.RawIOBase, sock: socket.socket) -> None:
        super().__init__()
        self._raw = raw
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        if _deadline.at is not None:
            left = _deadline.at - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request's deadline passed")
            self._sock.settimeout(left)
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()  # gives the socket back its reference, as http.client expects
        super().close()


def retry_after_seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def network_error(error: requests.RequestException, timeout: float) -> EngineError:
    """A requests failure as an engine error with a message that names no URL."""
    if isinstance(error, requests.Timeout):
        return Retryable(f"no answer within {timeout:g} s")
    if isinstance(error, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema)):
        return Fatal("the engine's address is not a usable URL: check translation.url", unreachable=True)
    if isinstance(error, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
        return Retryable("the answer broke off")
    if isinstance(error, requests.ConnectionError):
        return Retryable("cannot connect", unreachable=True)
    return Retryable(type(error).__name__)


def status_error(
    status: int | None, engine: str, key_variable: str | None = None, retry_after: float | None = None
) -> EngineError:
    """The error for an HTTP status an engine answered with (``key_variable``: where the key sent came from)."""
    if status == 429:
        return Retryable("too many requests (429)", retry_after=retry_after)
    if status is not None and status >= 500:
        return Retryable(f"server error ({status})", retry_after=retry_after)
    if status in (401, 403):
        if key_variable:
            return Fatal(f"{engine} refused the key in {key_variable} ({status}): check that it is the right key")
        return Fatal(f"{engine} refused the request ({status}): check translation.url and the engine's access rules")
    return Failed(f"HTTP {status}" if status else "no usable answer")


def unreadable(engine: str, error: Exception) -> Failed:
    """An answer the engine's library could not make sense of (empty JSON, wrong types, HTML, …)."""
    return Failed(f"{engine} sent an answer that cannot be read ({type(error).__name__})")


def _redirect_error(status: int, request_url: str, location: str) -> Fatal:
    """A redirect stops the run: followed, it would carry a key (in a header or the body) to another address."""
    try:
        parts = urlsplit(urljoin(request_url, location))
        where = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
    except ValueError:
        where = ""
    if not re.fullmatch(r"https?://[\w.:\[\]-]{1,100}", where):
        where = "another address"
    return Fatal(
        f"the engine redirects to {where} ({status}); draft follows no redirect, so that a key never goes elsewhere: "
        "set translation.url (or --url) to the address that answers"
    )


def make_engine(name: str, config: TranslationConfig, source: str, target: str) -> Engine:
    """The engine called ``name``; raises Fatal when it cannot be set up (a missing key)."""
    if name == "google":
        from .google import GoogleEngine

        return GoogleEngine(config, source, target)
    if name == "deepl":
        from .deepl import DeepLEngine

        return DeepLEngine(config, source, target)
    if name == "libre":
        from .libre import LibreEngine

        return LibreEngine(config, source, target)
    if name == "mymemory":
        from .mymemory import MyMemoryEngine

        return MyMemoryEngine(config, source, target)
    raise Fatal(f"unknown engine {name!r}; choose one of google, deepl, libre, mymemory")
