"""What the engines that go through deep-translator share: one client per thread, one error mapping."""

from __future__ import annotations

import threading
from typing import Any

from deep_translator.exceptions import RequestError, TooManyRequests

from ...config import TranslationConfig
from . import EngineError, Failed, Retryable, last_response, status_error, unreadable


class DeepTranslatorEngine:
    """Base of an engine backed by a deep-translator class; subclasses say how to make the client."""

    name = ""
    label = ""
    path = ""  # appended to translation.url to reach a self-hosted or test server

    def __init__(self, config: TranslationConfig, source: str, target: str) -> None:
        self._source, self._target = self._language(source), self._language(target)
        self._base_url = f"{config.url.rstrip('/')}{self.path}" if config.url else None
        # A deep-translator client keeps request parameters on itself: one per thread.
        self._local = threading.local()

    def _language(self, code: str) -> str:
        """The engine's name for a language (ISO 639-1 unless a subclass says otherwise)."""
        return code

    def _new_translator(self) -> Any:
        raise NotImplementedError

    def _translator(self) -> Any:
        translator = getattr(self._local, "translator", None)
        if translator is None:
            translator = self._new_translator()
            if self._base_url:
                translator._base_url = self._base_url
            self._local.translator = translator
        return translator

    def close(self) -> None:
        pass  # deep-translator opens a connection per request and closes it

    def translate(self, text: str) -> str:
        try:
            result = self._translator().translate(text)
        except EngineError:
            raise  # guarded_requests' verdict on the request itself
        except TooManyRequests:
            raise Retryable("too many requests (429)", retry_after=last_response.retry_after) from None
        except RequestError:
            raise status_error(last_response.status, self.label, retry_after=last_response.retry_after) from None
        except Exception as error:  # whatever the library makes of an answer it cannot read
            raise unreadable(self.label, error) from None
        if not isinstance(result, str) or not result.strip():
            raise Failed("empty answer")
        return result
