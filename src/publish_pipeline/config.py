"""Site settings from ``pipeline.yaml`` (optional: every setting has a default)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ConfigError

CONFIG_FILE = "pipeline.yaml"

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class SiteConfig:
    """The settings of one site.

    ``project``: the ``Project-Id-Version`` written into every PO header.
    ``source_language`` / ``target_language``: ISO 639-1 codes; they name the
    folders ``source_<source>/`` and ``translations/<target>/``.
    ``translate_fields``: front-matter fields whose (string) values are translated.
    ``base_url``: the absolute URL the site is published at.
    """

    project: str = "publish-pipeline site"
    source_language: str = "nl"
    target_language: str = "en"
    translate_fields: tuple[str, ...] = ("title", "summary")
    base_url: str = "https://example.org"


_ALLOWED = ", ".join(SiteConfig.__dataclass_fields__)


def load_config(root: Path) -> SiteConfig:
    """Read ``root/pipeline.yaml``; a missing file means all defaults."""
    path = root / CONFIG_FILE
    if not path.exists():
        return SiteConfig()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ConfigError(
            CONFIG_FILE,
            f"not valid YAML: {getattr(error, 'problem', None) or error}",
            line=mark.line + 1 if mark else None,
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(CONFIG_FILE, "not UTF-8 text") from None
    if data is None:
        return SiteConfig()
    if not isinstance(data, dict):
        raise ConfigError(CONFIG_FILE, f"expected a mapping of settings ({_ALLOWED}), found {type(data).__name__}")
    unknown = sorted(str(key) for key in data if key not in SiteConfig.__dataclass_fields__)
    if unknown:
        raise ConfigError(CONFIG_FILE, f"unknown setting {unknown[0]!r}; allowed: {_ALLOWED}")
    values = dict(data)
    for key in ("project", "base_url"):
        if key in values and not isinstance(values[key], str):
            raise ConfigError(CONFIG_FILE, f"{key}: expected a string, found {values[key]!r}")
    for key in ("source_language", "target_language"):
        if key in values and not (isinstance(values[key], str) and _LANGUAGE.match(values[key])):
            raise ConfigError(CONFIG_FILE, f"{key}: expected a language code such as 'nl' or 'en', found {values[key]!r}")
    if "translate_fields" in values:
        fields = values["translate_fields"]
        if not (isinstance(fields, list) and all(isinstance(f, str) for f in fields)):
            raise ConfigError(CONFIG_FILE, f"translate_fields: expected a list of field names, found {fields!r}")
        values["translate_fields"] = tuple(fields)
    return SiteConfig(**values)
