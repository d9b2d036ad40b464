"""A LibreTranslate server (usually self-hosted), spoken to directly: deep-translator's table lacks Dutch."""

from __future__ import annotations

import os

import requests

from ...config import TranslationConfig
from . import ENGINE_LIMITS, Failed, retry_after_seconds, status_error, unreadable

KEY_VARIABLE = "LIBRETRANSLATE_API_KEY"


class LibreEngine:
    name = "libre"
    max_chars = ENGINE_LIMITS["libre"]

    def __init__(self, config: TranslationConfig, source: str, target: str) -> None:
        self._url = f"{(config.url or 'https://libretranslate.com').rstrip('/')}/translate"
        self._source, self._target = source, target
        self._key = os.environ.get(KEY_VARIABLE, "").strip() or None
        self._timeout = config.timeout

    def close(self) -> None:
        pass  # one connection per request, closed with it

    def translate(self, text: str) -> str:
        payload = {"q": text, "source": self._source, "target": self._target, "format": "text"}
        if self._key:
            payload["api_key"] = self._key
        # guarded_requests keeps the deadline, refuses redirects (the key is in the body) and maps network failures
        response = requests.post(self._url, json=payload, timeout=self._timeout, allow_redirects=False)
        if response.status_code != 200:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            raise status_error(response.status_code, "LibreTranslate", KEY_VARIABLE if self._key else None, retry_after)
        try:
            result = response.json()["translatedText"]
        except Exception as error:  # not JSON, not an object, no translatedText
            raise unreadable("LibreTranslate", error) from None
        if not isinstance(result, str) or not result.strip():
            raise Failed("empty answer")
        return result
