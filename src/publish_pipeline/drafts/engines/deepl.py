"""DeepL through its official client (deep-translator's DeepL sends the key in the URL, which DeepL refuses)."""

from __future__ import annotations

import os

import deepl
import deepl.http_client

from ...config import TranslationConfig
from . import ENGINE_LIMITS, EngineError, Failed, Fatal, last_response, status_error, unreadable

KEY_VARIABLE = "DEEPL_API_KEY"
QUOTA_EXCEEDED = 456


class DeepLEngine:
    name = "deepl"
    max_chars = ENGINE_LIMITS["deepl"]

    def __init__(self, config: TranslationConfig, source: str, target: str) -> None:
        key = os.environ.get(KEY_VARIABLE, "").strip()
        if not key:
            raise Fatal(f"DeepL needs an API key: set the environment variable {KEY_VARIABLE}")
        # Retries are ours (one policy for every engine), and so is the timeout.
        deepl.http_client.max_network_retries = 0
        deepl.http_client.min_connection_timeout = config.timeout
        self._translator = deepl.Translator(key, server_url=config.url, send_platform_info=False)
        self._source = source.upper()
        self._target = {"en": "EN-GB", "pt": "PT-PT"}.get(target, target.upper())

    def close(self) -> None:
        self._translator.close()  # the client keeps its connections in a pool

    def translate(self, text: str) -> str:
        try:
            result = self._translator.translate_text(text, source_lang=self._source, target_lang=self._target)
        except deepl.DeepLException as error:
            raise _engine_error(error) from None
        except Exception as error:  # the client could not read the answer: `{}`, wrong types, HTML
            raise unreadable("DeepL", error) from None
        text_out = getattr(result, "text", None)
        if not isinstance(text_out, str) or not text_out.strip():
            raise Failed("empty answer")
        return text_out


def _engine_error(error: deepl.DeepLException) -> EngineError:
    """The client's exception as ours: guarded_requests' verdict if it wrapped one, else by HTTP status."""
    if isinstance(error.__cause__, EngineError):
        return error.__cause__
    status = error.http_status_code
    if status == QUOTA_EXCEEDED:
        return Fatal(f"DeepL: the character quota of this plan is used up ({status}): wait for the next period or upgrade the plan")
    return status_error(status, "DeepL", KEY_VARIABLE, last_response.retry_after)
