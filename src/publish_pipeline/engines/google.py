"""Google Translate without a key, through deep-translator's GoogleTranslator (its mobile page)."""

from __future__ import annotations

import threading

import requests
from deep_translator import GoogleTranslator
from deep_translator.exceptions import BaseError, RequestError, TooManyRequests

from ..config import TranslationConfig
from . import ENGINE_LIMITS, Failed, Retryable, last_response, network_error, status_error


class GoogleEngine:
    name = "google"
    max_chars = ENGINE_LIMITS["google"]

    def __init__(self, config: TranslationConfig, source: str, target: str) -> None:
        self._source, self._target = source, target
        self._base_url = f"{config.url.rstrip('/')}/m" if config.url else None
        self._timeout = config.timeout
        # A GoogleTranslator keeps request parameters on itself: one per thread.
        self._local = threading.local()

    def _translator(self) -> GoogleTranslator:
        translator = getattr(self._local, "translator", None)
        if translator is None:
            translator = GoogleTranslator(source=self._source, target=self._target)
            if self._base_url:
                translator._base_url = self._base_url
            self._local.translator = translator
        return translator

    def translate(self, text: str) -> str:
        try:
            result = self._translator().translate(text)
        except requests.RequestException as error:
            raise network_error(error, self._timeout) from None
        except TooManyRequests:
            raise Retryable("too many requests (429)", retry_after=last_response.retry_after) from None
        except RequestError:
            raise status_error(last_response.status, "Google Translate", retry_after=last_response.retry_after) from None
        except BaseError as error:
            raise Failed(type(error).__name__) from None
        if not isinstance(result, str) or not result.strip():
            raise Failed("empty answer")
        return result
