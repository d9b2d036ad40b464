"""The term base: fixed translations and terms that are never translated.

``translations/glossary.yaml``::

    terms:                      # Dutch term: the English it must become
      veranderopgave: change challenge
    keep:                       # names and titles the author keeps in Dutch
      - De functie van frictie

Drafts get these enforced (the engine never sees the terms), and ``check`` reports
translations that break them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ConfigError

GLOSSARY_FILE = "translations/glossary.yaml"


@dataclass(frozen=True)
class Glossary:
    """``terms``: Dutch → English, always; ``keep``: left as written."""

    terms: dict[str, str] = field(default_factory=dict)
    keep: tuple[str, ...] = ()

    @property
    def version(self) -> str:
        """Changes whenever an entry does, so cached drafts made under another glossary are not reused."""
        data = json.dumps({"terms": self.terms, "keep": list(self.keep)}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]

    def pattern(self) -> re.Pattern[str] | None:
        """One regex for every term, longest first, matched as whole words regardless of case."""
        words = sorted({*self.terms, *self.keep}, key=len, reverse=True)
        if not words:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")(?!\w)", re.IGNORECASE)

    def target_for(self, found: str) -> str:
        """What a matched term becomes: its fixed translation (capitalised like the match) or itself."""
        for source, target in self.terms.items():
            if source.casefold() == found.casefold():
                return target[:1].upper() + target[1:] if found[:1].isupper() and target[:1].islower() else target
        return found


def load_glossary(root: Path) -> Glossary:
    path = root / GLOSSARY_FILE
    if not path.exists():
        return Glossary()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        raise ConfigError(GLOSSARY_FILE, f"not valid YAML: {getattr(error, 'problem', None) or error}", line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or set(data) - {"terms", "keep"}:
        raise ConfigError(GLOSSARY_FILE, "expected 'terms:' (Dutch: English) and 'keep:' (a list of terms)")
    terms, keep = data.get("terms") or {}, data.get("keep") or []
    if not isinstance(terms, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in terms.items()):
        raise ConfigError(GLOSSARY_FILE, "terms: expected 'Dutch term: English term' lines")
    if not isinstance(keep, list) or not all(isinstance(term, str) for term in keep):
        raise ConfigError(GLOSSARY_FILE, "keep: expected a list of terms")
    return Glossary(dict(terms), tuple(keep))
