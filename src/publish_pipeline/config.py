"""Site settings from ``pipeline.yaml`` (optional: every setting has a default)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .errors import ConfigError

CONFIG_FILE = "pipeline.yaml"

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_NAME = re.compile(r"[^\x00-\x1f\x7f-\x9f\u2028\u2029]{1,200}")
"""A site or author name: up to 200 characters on one line; no control character (feeds are XML)."""


UNNAMED = "publish-pipeline site"
"""What a site that sets neither ``project`` nor ``site_name`` is called."""

ENGINES = ("google", "deepl", "libre", "mymemory")
LAYOUTS = ("default", "hugo-by-filename", "hugo-by-folder", "jekyll")
"""Where a site keeps its documents and where their English goes (``site.py`` says how each is laid out)."""


@dataclass(frozen=True)
class TranslationConfig:
    """How ``draft`` gets machine translations (the ``translation:`` section).

    ``engine``: one of ``ENGINES``. ``url``: the engine's endpoint, for a
    self-hosted server (LibreTranslate) or a test server; None for the public one.
    ``concurrency``: requests under way at once. ``timeout``: seconds one request
    may take. ``retries``: further attempts after a 429, 5xx, timeout or reset.
    ``memory_approves``: an exact translation-memory match counts as approved.
    ``email``: sent to MyMemory for its larger free quota.
    """

    engine: str = "google"
    url: str | None = None
    concurrency: int = 4
    timeout: float = 30.0
    retries: int = 4
    memory_approves: bool = False
    email: str | None = None


@dataclass(frozen=True)
class SiteConfig:
    """The settings of one site.

    ``project``: the ``Project-Id-Version`` written into every PO header (default: ``site_name``).
    ``source_language`` / ``target_language``: ISO 639-1 codes; they name the
    folders ``source_<source>/`` and ``translations/<target>/``.
    ``translate_fields``: front-matter fields whose (string) values are translated.
    ``base_url``: the absolute URL the site is published at.
    ``site_name``: the name in every page's header and ``<title>`` and in the
    feeds (default: ``project``). ``author``: who writes the site, for the feeds'
    ``<author>`` and the pages' ``<meta name="author">`` (default: ``site_name``).
    ``layout``: one of ``LAYOUTS``: ``default`` (``source_nl/`` → ``translations/``), or
    an existing Hugo or Jekyll site's own content folders.
    """

    project: str = ""
    source_language: str = "nl"
    target_language: str = "en"
    translate_fields: tuple[str, ...] = ("title", "summary")
    base_url: str = "https://example.org"
    site_name: str = ""
    author: str = ""
    layout: str = "default"
    translation: TranslationConfig = TranslationConfig()

    @property
    def titles_required(self) -> bool:
        """Whether every page (but a section's) must have a title: this pipeline's own templates show it in the
        header, the tab and the feeds; Hugo and Jekyll make a page without one (a snippet a shortcode includes)."""
        return self.layout == "default"

    @property
    def reading(self) -> dict[str, bool]:
        """How a document of the site is read (``document.read_source``): its title rule, its front matter's keys
        in any case on a Hugo site, and a date written day first on a Jekyll site, as Hugo and Jekyll read them."""
        return {"title_required": self.titles_required, "any_case": self.layout.startswith("hugo"), "day_first": self.layout == "jekyll"}

    def __post_init__(self) -> None:
        # the defaults follow other settings: a site that names only its project keeps showing that name, and one that
        # gives only its name has it in its PO headers
        if not self.project:
            object.__setattr__(self, "project", self.site_name or UNNAMED)
        if not self.site_name:
            object.__setattr__(self, "site_name", self.project)
        if not self.author:
            object.__setattr__(self, "author", self.site_name)


_ALLOWED = ", ".join(SiteConfig.__dataclass_fields__)


class _Aliases(yaml.YAMLError):
    """Settings written with YAML aliases (``*name``)."""

    def __init__(self, node: yaml.Node) -> None:
        super().__init__()
        self.problem, self.problem_mark = "YAML anchors and aliases ('&name', '*name') are not supported: write each value out", node.start_mark


def _without_aliases(text: str) -> object:
    """The YAML value of ``text``, refusing aliases before anything is built: a few lines of
    them expand to gigabytes (the "billion laughs"), and settings never need them."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                raise _Aliases(node)
            seen.add(id(node))
            if isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))  # popped in reading order: the first alias is the one named
            elif isinstance(node, yaml.MappingNode):
                stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        return loader.construct_document(root)
    finally:
        loader.dispose()


def load_config(root: Path) -> SiteConfig:
    """Read ``root/pipeline.yaml``; a missing file means all defaults."""
    path = root / CONFIG_FILE
    if not path.exists():
        return SiteConfig()
    try:
        data = _without_aliases(path.read_text(encoding="utf-8"))
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
    for key in ("site_name", "author"):
        if key in values and not (isinstance(values[key], str) and values[key].strip() and _NAME.fullmatch(values[key])):
            raise ConfigError(CONFIG_FILE, f"{key}: expected a name (one line, up to 200 characters), found {_short(values[key])}")
    for key in ("source_language", "target_language"):
        if key in values and not (isinstance(values[key], str) and _LANGUAGE.match(values[key])):
            raise ConfigError(CONFIG_FILE, f"{key}: expected a language code such as 'nl' or 'en', found {values[key]!r}")
    if "layout" in values and values["layout"] not in LAYOUTS:
        raise ConfigError(CONFIG_FILE, f"layout: expected one of {', '.join(LAYOUTS)}, found {_short(values['layout'])}")
    if "translate_fields" in values:
        fields = values["translate_fields"]
        if not (isinstance(fields, list) and all(isinstance(f, str) for f in fields)):
            raise ConfigError(CONFIG_FILE, f"translate_fields: expected a list of field names, found {fields!r}")
        values["translate_fields"] = tuple(fields)
    if "translation" in values:
        values["translation"] = _translation(values["translation"])
    return SiteConfig(**values)


def unset_warning(config: SiteConfig) -> str | None:
    """What publish says of a site that leaves ``base_url`` (or its name) at the placeholder: one line, location first;
    None when both are set. Such a site looks right in a browser, and nobody notices the placeholder addresses in its
    sitemap, feeds and hreflang links until search engines index them."""
    unset = _unset(config)
    if not unset:
        return None
    names = " and ".join(name for name, _, _ in unset)
    return f"{CONFIG_FILE}: {names} {'is' if len(unset) == 1 else 'are'} not set, so {_effects(unset)} — {_remedy(unset)}"


def own_address(config: SiteConfig) -> str:
    """The address behind which an absolute link is one of the site's own (``https://x.nl/blog/y/`` → ``/blog/y/``):
    ``base_url`` without its trailing slash; none (``""``) where it is left at the placeholder: a link to
    example.org is then another site's, not a page the site lacks (status's ``next:`` line says to set it)."""
    return "" if any(name == "base_url" for name, _, _ in _unset(config)) else config.base_url.rstrip("/")


def unset_step(config: SiteConfig) -> str | None:
    """``unset_warning`` as a step of status's ``next:`` line."""
    unset = _unset(config)
    return f"{_remedy(unset)}: until then {_effects(unset)}" if unset else None


def _unset(config: SiteConfig) -> list[tuple[str, str, str]]:
    """The settings a published site shows that ``config`` leaves at their placeholders (a ``site_name`` taken from
    a ``project`` is set): each with what the site says instead, and an example."""
    default = SiteConfig()
    return [(name, effect, example) for name, effect, example in (
        ("base_url", f"the sitemap, feeds and hreflang links say {default.base_url}/…", "base_url: https://… (the address the site is published at)"),
        ("site_name", f"the pages and feeds name the site {default.site_name!r}", "site_name: … (the name on every page)"),
    ) if str(getattr(config, name)).rstrip("/") == str(getattr(default, name)).rstrip("/")]  # https://example.org/ too


def _effects(unset: list[tuple[str, str, str]]) -> str:
    return " and ".join(effect for _, effect, _ in unset)


def _remedy(unset: list[tuple[str, str, str]]) -> str:
    return f"set {' and '.join(example for _, _, example in unset)} in {CONFIG_FILE}"


def is_http_url(url: str) -> bool:
    """An http(s) address with a host, and nothing in it that no URL holds (spaces, control characters)."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and url.isprintable() and " " not in url
    except ValueError:  # such as an unclosed IPv6 bracket
        return False


def _translation(data: object) -> TranslationConfig:
    allowed = ", ".join(TranslationConfig.__dataclass_fields__)
    if not isinstance(data, dict):
        raise ConfigError(CONFIG_FILE, f"translation: expected a mapping ({allowed}), found {data!r}")
    unknown = sorted(str(key) for key in data if key not in TranslationConfig.__dataclass_fields__)
    if unknown:
        raise ConfigError(CONFIG_FILE, f"translation: unknown setting {unknown[0]!r}; allowed: {allowed}")
    checks = {
        "engine": (lambda v: v in ENGINES, f"one of {', '.join(ENGINES)}"),
        "url": (lambda v: v is None or (isinstance(v, str) and is_http_url(v)), "an http(s) URL"),
        "concurrency": (lambda v: type(v) is int and 1 <= v <= 64, "a whole number from 1 to 64"),
        "timeout": (lambda v: type(v) in (int, float) and v > 0, "a number of seconds above 0"),
        "retries": (lambda v: type(v) is int and 0 <= v <= 20, "a whole number from 0 to 20"),
        "memory_approves": (lambda v: isinstance(v, bool), "true or false"),
        "email": (lambda v: v is None or isinstance(v, str), "an e-mail address"),
    }
    for key, value in data.items():
        valid, expected = checks[key]
        if not valid(value):
            raise ConfigError(CONFIG_FILE, f"translation.{key}: expected {expected}, found {value!r}")
    return TranslationConfig(**data)


def _short(value: object) -> str:
    """``value`` as it is written in a message: its repr, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
