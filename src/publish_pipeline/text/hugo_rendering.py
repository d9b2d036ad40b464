"""Whether Hugo renders a page of a document, or only keeps it for other pages to use (a headless page).

Hugo renders no page of a document whose build options say ``render: never`` (or ``false``, or ``link``: checked
with Hugo 0.111), set in its own front matter (``_build:``; ``build:`` from Hugo 0.123) or cascaded from the
``_index.md`` of a section it is in, that section's own included (``cascade: {_build: {render: never}}``, as
hugoDocs' ``_common/`` has it), nor of a leaf bundle (``x/index.md``) marked ``headless: true``. Such a page has no
address: no slug to translate, no English URL. Its English is still translated and exported (a shortcode puts a
snippet into the pages that include it).

A page's own front matter wins over a cascade, a nearer section's cascade over a farther one's, as in Hugo; a
cascade entry with a ``_target`` (``target``) applies where its ``kind``, ``path``, ``lang`` and ``environment``
globs all match the English page in a production build (``path`` as Hugo 0.123 has it, ``/blog/x``, and as 0.111
did, the file's path below the content folder). The cascade is read from the Dutch sections, whose front matter the
English ones copy.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import PipelineError, SourceError
from ..site import DOCUMENT_SUFFIXES, Site
from .document import SECTION, Document, read_source

_UNRENDERED = {"never", "false", "link"}
"""The ``render`` build options with which Hugo writes no page (``false`` as YAML's boolean too)."""


def renders(site: Site, source_path: Path, document: Document) -> bool:
    """Whether Hugo renders a page of ``document`` (at ``source_path``) in the target language; always outside Hugo."""
    if not site.config.layout.startswith("hugo"):
        return True
    options = _lowered(document.front_matter)
    for cascade in cascades(site, source_path):
        for key, value in _applying(site, source_path, document, cascade):
            options.setdefault(key, value)
    build = options.get("build")
    render = _lowered(build).get("render", "always") if isinstance(build, Mapping) else "always"
    if str(render).lower() in _UNRENDERED:
        return False
    return not (options.get("headless") is True and _is_leaf_bundle(source_path))


def section_files(site: Site, source_path: Path, known: dict[str, Path | None] | None = None) -> list[Path]:
    """The Dutch ``_index`` files whose cascade reaches the document at ``source_path``, nearest first: those of the
    sections it is in (a section's own included), up to the home page's; none outside Hugo. ``known``: each folder's
    section file found so far (documents share few folders), for a command that asks of every document."""
    if not site.config.layout.startswith("hugo"):
        return []
    known = {} if known is None else known
    top = str(site.source_dir)
    folder = os.path.dirname(str(source_path))  # by its text: a Path is made anew, and hashed, on each call
    if _is_leaf_bundle(source_path):
        folder = os.path.dirname(folder)
    found = []
    while folder == top or folder.startswith(top + os.sep):
        if folder not in known:
            known[folder] = next((path for path in _section_names(site, Path(folder)) if path.is_file()), None)
        section = known[folder]
        if section is not None:
            found.append(section)
        folder = os.path.dirname(folder)
    return found


def cascades(site: Site, source_path: Path) -> Iterator[Any]:
    """The ``cascade`` of each section whose cascade reaches the document, nearest first (one that cannot be read
    has none: status says what is wrong with it as a document)."""
    for _, cascade in cascading_sections(site, source_path):
        yield cascade


def cascading_sections(site: Site, source_path: Path, known: dict[str, Path | None] | None = None) -> Iterator[tuple[Path, Any]]:
    """Each Dutch section file whose cascade reaches the document at ``source_path``, with that ``cascade``, nearest
    first (``known``: as ``section_files``)."""
    for path in section_files(site, source_path, known):
        status = os.stat(path)
        cascade = _cascade(site, path, status.st_mtime_ns, status.st_size, status.st_ino)
        if cascade is not None:
            yield path, cascade


@lru_cache(maxsize=256)
def _cascade(site: Site, path: Path, *changed: int) -> Any:
    """A section file's ``cascade`` (``changed``: its status, so that an edit is read again)."""
    return _lowered(_section_front(site, path)).get("cascade")


def hugo_document(site: Site, path: Path) -> Document | None:
    """The Dutch file at ``path`` of a Hugo site (a section's, or a page's) as Hugo reads it, as a document (None where
    it cannot be read: status says why)."""
    try:
        return read_source(site.source_bytes(path), site.document_id(path), site.relative(path), title_required=False, any_case=True)
    except PipelineError:
        return None


def _section_front(site: Site, path: Path) -> Mapping[str, Any]:
    """A section file's front matter (empty where it cannot be read: status says why)."""
    document = hugo_document(site, path)
    return {} if document is None else document.front_matter


def build_options(section: Document | None) -> dict[str, Any]:
    """What of a Dutch section (``hugo_document``) decides what Hugo renders (its ``cascade``, its own build options
    and ``headless``), as its front matter has them: what its English copy must carry too, as Hugo reads a cascade in
    each language from that language's section file alone."""
    front = {} if section is None else section.front_matter
    return {key: value for key, value in front.items() if _NEW_NAMES.get(str(key).lower(), str(key).lower()) in _DECIDING}


_DECIDING = {"cascade", "build", "headless"}


def hugo_address(document_id: str, front: Mapping[str, Any]) -> str:
    """Where Hugo with its defaults serves the Dutch page of ``document_id`` with the front matter ``front``: at its
    ``url`` as written; else at ``/<sections>/<slug or name>/``, lowercased; a section (``_index``) at its folder's,
    whatever its ``slug``."""
    url = front.get("url")
    if isinstance(url, str) and url.strip("/ "):
        return "/" + url.strip().lstrip("/")
    *folders, name = document_id.split("/")
    if name != SECTION:
        slug = front.get("slug")
        folders.append(slug.strip() if isinstance(slug, str) and slug.strip() else name)
    return ("/" + "".join(f"{part}/" for part in folders)).lower()


def address_rival(site: Site, source_path: Path, document: Document) -> SourceError | None:
    """Why Hugo cannot serve the page of ``document`` (at ``source_path``) where it would: a section's list page is
    served at the same address (``content/blog.md`` and the section ``content/blog/``, with its ``_index.md`` or
    without), which Hugo writes to one file (0.111: the one a build leaves there changes from build to build;
    ``hugo --printPathWarnings`` says 'Duplicate target paths'); None where none is, as judged by the address each
    is served at (``hugo_address``: a ``slug`` or ``url`` moves a page, an ``url`` a section's list page). Asked of
    the page and of the section alike (``Site.hugo_section``, ``Site.section_pages``); outside Hugo, never."""
    if not (site.config.layout.startswith("hugo") and site.writes_in_place):
        return None
    address = _served(hugo_address(document.id, document.front_matter))
    problem = ": Hugo writes both to one file, and which one a build leaves there changes from build to build"
    if document.is_section:
        if document.id == SECTION:
            return None  # the home page's
        for page in site.section_pages(source_path):
            other = hugo_document(site, page)
            if other is not None and _served(hugo_address(other.id, other.front_matter)) == address:
                return _clash(site, document, f"{site.relative(page)} has its page at /{address}/ too{problem}", page)
        return None
    for folder in dict.fromkeys([address, document.id]):  # where it is served; the folder beside it, of its name
        section = site.hugo_section(folder)
        if section is None:
            continue
        path, index = section
        dutch = None if index is None else hugo_document(site, index)
        listed = _served(hugo_address(dutch.id, dutch.front_matter)) if dutch is not None else folder.lower()
        if listed == address:
            said = f"{site.relative(index)} has its page" if index is not None else f"{site.relative(path)}/ is a Hugo section with its list page"
            return _clash(site, document, f"{said} at /{address}/ too{problem}", index, path)
    return None


def _served(address: str) -> str:
    """An address as the file Hugo writes for it (``/blog`` and ``/blog/`` are both ``blog/index.html``)."""
    return address.strip("/")


def _clash(site: Site, document: Document, problem: str, other: Path | None, folder: Path | None = None) -> SourceError:
    """``address_rival``'s error: location first, then what to do."""
    if other is None:  # a section without an _index file
        section = site.relative(folder) if folder else ""
        hint = f"move its text into {section}/{SECTION}.md, the section's own page, or rename it, or give it a slug or url that serves it elsewhere"
    else:
        hint = "rename or remove one of them, or give the page a slug or url that serves it elsewhere (a section's own text belongs in its _index.md)"
    return SourceError(document.path, problem, hint=hint)


def _applying(site: Site, source_path: Path, document: Document, cascade: Any) -> Iterator[tuple[str, Any]]:
    """The settings of a cascade (a table, or a list of them) that apply to the English page of ``document``."""
    for entry in cascade if isinstance(cascade, list) else [cascade]:
        if not isinstance(entry, Mapping):
            continue
        settings = _lowered(entry)
        target = settings.pop("target", None)
        if target is None or (isinstance(target, Mapping) and _targets(site, source_path, document, _lowered(target))):
            yield from settings.items()


def _targets(site: Site, source_path: Path, document: Document, target: dict[str, Any]) -> bool:
    """Whether a cascade's ``_target`` matches the English page of ``document``."""
    kind = ("home" if "/" not in document.id else "section") if document.is_section else "page"
    folders = document.id.split("/")[:-1] if document.is_section else document.id.split("/")
    content = site.source_dir if site.config.layout == "hugo-by-filename" else site.root / "content" / site.config.target_language
    below = os.path.relpath(site.english_file(source_path), content).replace(os.sep, "/")
    facts = {"kind": [kind], "path": ["/" + "/".join(folders), "/" + below], "lang": [site.config.target_language], "environment": ["production"]}
    return all(any(_glob(str(target[name])).fullmatch(value) for value in values) for name, values in facts.items() if target.get(name))


@lru_cache(maxsize=64)
def _glob(pattern: str) -> re.Pattern[str]:
    """A glob as Hugo reads one (``**`` any text, ``*`` and ``?`` within a part of a path, ``{a,b}``, ``[…]``)."""
    parts = re.split(r"(\*\*|\*|\?|\{[^}]*\}|\[[^\]]*\])", pattern)
    regex = "".join(
        ".*" if part == "**" else "[^/]*" if part == "*" else "[^/]" if part == "?"
        else "(?:" + "|".join(map(re.escape, part[1:-1].split(","))) + ")" if part.startswith("{")
        else "[" + part[1:-1].replace("!", "^", 1) + "]" if part.startswith("[") and len(part) > 2
        else re.escape(part)
        for part in parts
    )
    return re.compile(regex, re.IGNORECASE)


def _section_names(site: Site, folder: Path) -> list[Path]:
    """Where a folder's Dutch section file may be (``_index.md``; ``_index.nl.md`` where languages are told by name)."""
    languages = ["", f".{site.config.source_language}"] if site.config.layout == "hugo-by-filename" else [""]
    return [folder / f"{SECTION}{language}{suffix}" for language in languages for suffix in DOCUMENT_SUFFIXES]


def _is_leaf_bundle(source_path: Path) -> bool:
    return source_path.name.split(".")[0] == "index"


def _lowered(settings: Any) -> dict[str, Any]:
    """A table's settings by their names in lowercase, as Hugo reads them (``_build`` and ``_target`` by their names
    from Hugo 0.123, ``build`` and ``target``)."""
    if not isinstance(settings, Mapping):
        return {}
    return {_NEW_NAMES.get(name, name): value for name, value in ((str(key).lower(), value) for key, value in settings.items())}


_NEW_NAMES = {"_build": "build", "_target": "target"}
