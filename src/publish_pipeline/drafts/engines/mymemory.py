"""MyMemory through deep-translator's MyMemoryTranslator (500 characters a request, nl-NL → en-GB)."""

from __future__ import annotations

from deep_translator import MyMemoryTranslator

from ...config import TranslationConfig
from . import ENGINE_LIMITS, Fatal
from ._deep import DeepTranslatorEngine

_LOCALES = {"nl": "nl-NL", "en": "en-GB", "de": "de-DE", "fr": "fr-FR"}


class MyMemoryEngine(DeepTranslatorEngine):
    name = "mymemory"
    label = "MyMemory"
    path = "/get"
    max_chars = ENGINE_LIMITS["mymemory"]

    def __init__(self, config: TranslationConfig, source: str, target: str) -> None:
        super().__init__(config, source, target)
        self._email = config.email

    def _language(self, code: str) -> str:
        return _LOCALES.get(code, code)

    def _new_translator(self) -> MyMemoryTranslator:
        return MyMemoryTranslator(source=self._source, target=self._target, email=self._email)

    def translate(self, text: str) -> str:
        result = super().translate(text)
        if result.startswith("MYMEMORY WARNING"):
            raise Fatal("MyMemory: the free daily quota is used up; set translation.email for a larger one, or wait a day")
        return result
