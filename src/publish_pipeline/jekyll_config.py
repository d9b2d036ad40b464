"""What a Jekyll site's own ``_config.yml`` says that the pipeline depends on: which collections Jekyll writes as
pages (``collections:`` with ``output: true``), the permalink patterns of the posts and of each such collection,
and the files Jekyll leaves out (``exclude:``).

Jekyll reads the file only as it starts; so does the pipeline, once for each version of it (its time and size).
A file that cannot be read or parsed says nothing: Jekyll refuses to build with it, and says why.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

JEKYLL_CONFIG = "_config.yml"

_NAME = re.compile(r"[A-Za-z0-9_-]+")
"""A collection's name as it names its folder (``recepten`` → ``_recepten/``); any other is no folder of the site."""

DEFAULT_COLLECTION_PERMALINK = "/:collection/:path:output_ext"
"""Where Jekyll writes a collection's document when neither the collection nor the document sets a permalink."""


@dataclass(frozen=True)
class JekyllConfig:
    """``permalink``: the site's own pattern for posts (one starting with ``/``; a named style such as ``pretty`` is
    None). ``collections``: each collection Jekyll writes as pages (``output: true``; not ``posts``), by name, with
    its ``permalink`` pattern (None: Jekyll's default). ``exclude``: the names Jekyll leaves out; ``include``: those it
    reads although they start with ``_`` (``_pages``, as Minimal Mistakes has it). ``digest``: what
    of the file the English's addresses depend on, as a short hash (it changes when they may)."""

    permalink: str | None = None
    collections: tuple[tuple[str, str | None], ...] = ()
    exclude: frozenset[str] = frozenset()
    digest: str = ""
    page_suffix: str = ".html"
    """How a page's address ends after its name: ``/`` in the ``pretty`` style or with a pattern ending in ``/``."""
    include: frozenset[str] = frozenset()

    @classmethod
    def of(cls, root: Path) -> JekyllConfig:
        """The Jekyll settings of the site in ``root`` (none where it has no readable ``_config.yml``)."""
        try:
            found = (root / JEKYLL_CONFIG).stat()
        except OSError:
            return cls()
        return _read(root / JEKYLL_CONFIG, found.st_mtime_ns, found.st_size)

    def collection_permalink(self, name: str) -> str:
        """The permalink pattern of the output collection ``name`` (Jekyll's default where it sets none)."""
        return dict(self.collections).get(name) or DEFAULT_COLLECTION_PERMALINK


@cache
def _read(path: Path, *changed: int) -> JekyllConfig:
    """``JekyllConfig.of``, read once for each version of the file (``changed``: its time and size)."""
    try:
        settings = yaml.safe_load(path.read_bytes())
    except (OSError, yaml.YAMLError, ValueError):
        return JekyllConfig()
    if not isinstance(settings, dict):
        return JekyllConfig()
    permalink = _pattern(settings.get("permalink"))
    collections = tuple(
        (name, _pattern(value.get("permalink")))
        for name, value in _collections(settings.get("collections")).items()
        if isinstance(value, dict) and value.get("output") is True and name != "posts"
    )
    excluded, included = (_names(settings.get(key)) for key in ("exclude", "include"))
    style = settings.get("permalink")
    suffix = "/" if style == "pretty" or (permalink or "").endswith("/") else "" if permalink and not permalink.endswith(":output_ext") else ".html"
    digest = hashlib.sha256(repr((permalink, collections, suffix)).encode()).hexdigest()[:16]
    return JekyllConfig(permalink, collections, excluded, digest, suffix, included)


def _names(value: object) -> frozenset[str]:
    """The file and folder names of an ``exclude:``/``include:`` list."""
    return frozenset(name.strip("/") for name in value if isinstance(name, str)) if isinstance(value, list) else frozenset()


def _collections(value: object) -> dict[str, object]:
    """``collections:`` as a mapping of names: a list names collections without settings (Jekyll writes none of them)."""
    if isinstance(value, dict):
        return {name: settings for name, settings in value.items() if isinstance(name, str) and _NAME.fullmatch(name)}
    if isinstance(value, list):
        return {name: None for name in value if isinstance(name, str)}
    return {}


def _pattern(value: object) -> str | None:
    """A permalink pattern of one's own (``/:year/:title/``); None for none or a named style (``pretty``, ``date``)."""
    return value.strip() if isinstance(value, str) and value.strip().startswith("/") else None
