"""DeepL through its official client (deep-translator's DeepL sends the key in the URL, which DeepL refuses)."""

from __future__ import annotations

import os

import deepl
import deepl.http_client

from ..config import TranslationConfig
from . import ENGINE_LIMITS, Failed, Fatal, Retryable

KEY_VARIABLE = "DEEPL_API_KEY"


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
        self._timeout = config.timeout

    def translate(self, text: str) -> str:
        try:
            result = self._translator.translate_text(text, source_lang=self._source, target_lang=self._target)
        except deepl.AuthorizationException:
            raise Fatal(f"DeepL refused the key in {KEY_VARIABLE} (403): check that it is the right key") from None
        except deepl.QuotaExceededException:
            raise Fatal("DeepL: the character quota of this plan is used up (456): wait for the next period or upgrade the plan") from None
        except deepl.TooManyRequestsException:
            raise Retryable("too many requests (429)") from None
        except deepl.ConnectionException as error:
            timed_out = "timed out" in str(error).lower()
            raise Retryable(f"no answer within {self._timeout:g} s" if timed_out else "cannot connect", unreachable=not timed_out) from None
        except deepl.DeepLException as error:
            status = getattr(error, "http_status_code", None)
            if getattr(error, "should_retry", False) or (status is not None and status >= 500):
                raise Retryable(f"server error ({status})") from None
            raise Failed(f"HTTP {status}" if status else "no usable answer") from None
        except (TypeError, ValueError, KeyError, AttributeError):
            raise Failed("the answer is not what DeepL sends") from None
        text_out = getattr(result, "text", None)
        if not isinstance(text_out, str) or not text_out.strip():
            raise Failed("empty answer")
        return text_out
