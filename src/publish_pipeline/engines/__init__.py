"""Machine translation engines: one protocol, one module per engine family.

An engine translates one text and raises one of three errors, whatever library
is underneath: ``Retryable`` (429, 5xx, a timeout, a reset connection: try
again later), ``Failed`` (this text got no usable answer) or ``Fatal`` (a missing
or refused key, a spent quota: stop the whole run). Error messages never contain
a key or a request URL.

deep-translator sets no request timeout and hides the HTTP response; while
``guarded_requests`` is active every ``requests`` call gets our timeout and the
status and ``Retry-After`` of the last response in this thread are kept for the
engines to read.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import requests

from ..config import TranslationConfig


ENGINE_LIMITS = {"google": 4999, "deepl": 50_000, "libre": 5000, "mymemory": 499}
"""The longest text each engine takes in one request (characters)."""


class EngineError(Exception):
    """Base of the three outcomes an engine can raise; the message is safe to print."""


class Retryable(EngineError):
    def __init__(self, reason: str, retry_after: float | None = None, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.unreachable = unreachable


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


@dataclass
class LastResponse(threading.local):
    status: int | None = None
    retry_after: float | None = None


last_response = LastResponse()
_patch_lock = threading.Lock()


@contextmanager
def guarded_requests(timeout: float) -> Iterator[None]:
    """Give every ``requests`` call a timeout and remember its status and Retry-After."""
    original = requests.Session.send

    def send(self, request, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = timeout
        last_response.status = None
        last_response.retry_after = None
        response = original(self, request, **kwargs)
        last_response.status = response.status_code
        last_response.retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        return response

    with _patch_lock:
        requests.Session.send = send  # type: ignore[method-assign]
    try:
        yield
    finally:
        with _patch_lock:
            requests.Session.send = original  # type: ignore[method-assign]


def retry_after_seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def network_error(error: requests.RequestException, timeout: float) -> Retryable:
    """A requests failure as a Retryable with a message that names no URL."""
    if isinstance(error, requests.Timeout):
        return Retryable(f"no answer within {timeout:g} s")
    if isinstance(error, requests.ConnectionError):
        return Retryable("cannot connect", unreachable=True)
    return Retryable(type(error).__name__)


def status_error(
    status: int | None, engine: str, key_variable: str | None = None, retry_after: float | None = None
) -> EngineError:
    """The error for an HTTP status an engine answered with."""
    if status == 429:
        return Retryable("too many requests (429)", retry_after=retry_after)
    if status is not None and status >= 500:
        return Retryable(f"server error ({status})", retry_after=retry_after)
    if status in (401, 403):
        hint = f"check {key_variable}" if key_variable else "check translation.url and the engine's access rules"
        return Fatal(f"{engine} refused the request ({status}): {hint}")
    return Failed(f"HTTP {status}" if status else "no usable answer")


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
