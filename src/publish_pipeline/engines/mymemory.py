"""MyMemory through deep-translator's MyMemoryTranslator (500 characters a request, nl-NL → en-GB)."""

from __future__ import annotations

import threading

import requests
from deep_translator import MyMemoryTranslator
from deep_translator.exceptions import BaseError, RequestError, TooManyRequests

from ..config import TranslationConfig
from . import ENGINE_LIMITS, Failed, Fatal, Retryable, last_response, network_error, status_error

_LOCALES = {"nl": "nl-NL", "en": "en-GB", "de": "de-DE", "fr": "fr-FR"}


class MyMemoryEngine:
    name = "mymemory"
    max_chars = ENGINE_LIMITS["mymemory"]

    def __init__(self, config: TranslationConfig, source: str, target: str) -> None:
        self._source, self._target = _LOCALES.get(source, source), _LOCALES.get(target, target)
        self._base_url = f"{config.url.rstrip('/')}/get" if config.url else None
        self._email = config.email
        self._timeout = config.timeout
        self._local = threading.local()

    def _translator(self) -> MyMemoryTranslator:
        translator = getattr(self._local, "translator", None)
        if translator is None:
            translator = MyMemoryTranslator(source=self._source, target=self._target, email=self._email)
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
            raise status_error(last_response.status, "MyMemory", retry_after=last_response.retry_after) from None
        except (BaseError, ValueError, AttributeError, StopIteration) as error:
            raise Failed(type(error).__name__) from None
        if not isinstance(result, str) or not result.strip():
            raise Failed("empty answer")
        if result.startswith("MYMEMORY WARNING"):
            raise Fatal("MyMemory: the free daily quota is used up; set translation.email for a larger one, or wait a day")
        return result
