"""Google Translate without a key, through deep-translator's GoogleTranslator (its mobile page)."""

from __future__ import annotations

from deep_translator import GoogleTranslator

from . import ENGINE_LIMITS
from ._deep import DeepTranslatorEngine


class GoogleEngine(DeepTranslatorEngine):
    name = "google"
    label = "Google Translate"
    path = "/m"
    max_chars = ENGINE_LIMITS["google"]

    def _new_translator(self) -> GoogleTranslator:
        return GoogleTranslator(source=self._source, target=self._target)
