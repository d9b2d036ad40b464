"""A site folder: where its documents and PO files are, and which paths are safe.

```
pipeline.yaml                 settings (optional)
source_nl/<kind>/<slug>.md    Dutch documents (also .markdown, and <slug>/index.md: a page bundle)
translations/en/<kind>/<slug>.po
```

An existing Hugo or Jekyll site keeps its own folders (``layout`` in ``pipeline.yaml``);
the PO files are in ``translations/en/`` under the document's id in every layout:

| layout             | Dutch                         | id                  | English (``export``)          |
|--------------------|-------------------------------|---------------------|-------------------------------|
| ``hugo-by-filename`` | ``content/blog/x.md``        | ``blog/x``          | ``content/blog/x.en.md``      |
| ``hugo-by-folder``   | ``content/nl/blog/x/index.md`` | ``blog/x``        | ``content/en/blog/x/index.md`` |
| ``jekyll``           | ``_posts/2019-03-14-x.markdown`` | ``2019-03-14-x`` | ``en/_posts/2019-03-14-x.markdown`` |
|                      | ``over.md``, ``_pages/x.md``   | ``over``, ``_pages/x`` | ``en/over.md``, ``en/_pages/x.md`` |
|                      | ``_recepten/soep.md``          | ``_recepten/soep``  | ``_recepten/en/soep.md``      |

A Jekyll site's documents are its posts, its pages (a Markdown file that starts with YAML front matter, as Jekyll
renders only those, in any folder Jekyll reads: ``docs/x.md``, ``_pages/x.md`` where ``include:`` names it) and the
documents of each collection that ``_config.yml`` has Jekyll write as pages (``output: true``); Jekyll reads a
collection only in its own folder, so the English of one stands in its ``en/`` folder (export gives it the
collection's permalink under the language). Posts and collections are in ``collections_dir`` where it sets one.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .config import CONFIG_FILE, UNNAMED, SiteConfig, load_config
from .errors import SitePathError, SourceError, excerpt
from .jekyll_config import DEFAULT_EXCLUDES, DRAFTS, JEKYLL_CONFIG, JekyllConfig
from .plumbing.files import NotAFile, read_file_bytes

GENERATED_FILES = frozenset({"index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html", "style.css"})
"""The files ``publish`` writes at the top of the site besides pages (a test holds this to publishing)."""
_URL_SAFE = re.compile(r"[A-Za-z0-9._/-]+")
"""What a document's name may be made of: it becomes the page's web address, and these need no escaping there."""

HUGO_SETTINGS = ("hugo", "config")
"""The names of a Hugo site's files of root settings, in the order Hugo looks for them (``hugo.toml`` before
``config.toml``, at the site's top or in ``config/_default/``), each with one of ``HUGO_SETTINGS_SUFFIXES``."""
HUGO_SETTINGS_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
"""How the name of a file of a Hugo site's settings ends, in the order Hugo looks for them."""

SECTION = "_index"
"""The file name (without ``.md``) of a section page (Hugo's ``_index.md``): its page is its folder's."""


def dutch_path(document_id: str) -> str:
    """The URL path of a Dutch page where publish serves it: ``/<document id>/`` (``/blog/trust/``); a section page
    (``blog/_index``) at its folder's (``/blog/``), as Hugo serves it."""
    return _page_path([], document_id, None)


def english_path(language: str, document_id: str, slug: str) -> str:
    """The URL path of an English page: ``/en/<folders>/<slug>/``, the folders being those of the document's id
    (``/en/blog/trust/``; a Hugo site's nested sections: ``/en/functions/collections/in/``, where Hugo serves it, so
    two ``in`` pages of two sections are two pages); a section page (``_index``) at its folder's, as Hugo serves it
    (a section's ``slug`` does not move it)."""
    return _page_path([language], document_id, slug)


def _page_path(prefix: list[str], document_id: str, slug: str | None) -> str:
    *folders, name = document_id.split("/")
    names = [*prefix, *folders, *([] if name == SECTION else [name if slug is None else slug])]
    return "/" + "".join(f"{part}/" for part in names)


CACHE = ".cache/publish_pipeline"
"""The folder of the caches and the lock."""


@dataclass(frozen=True)
class Site:
    """One site: its root folder (absolute) and its settings."""

    root: Path
    config: SiteConfig
    _folders: dict[str, Path] = field(default_factory=dict, compare=False, repr=False)
    """Folders resolved so far (documents share few folders): a cache for this command's run."""
    _sources: dict[str, Path] = field(default_factory=dict, compare=False, repr=False)
    """Each document's file by its id, as last listed (``source_path`` lists again when one is not found)."""
    _jekyll_listing: list[tuple[dict[str, tuple[int, int]], list[Path], list[Path]]] = field(default_factory=list, compare=False, repr=False)
    """A Jekyll site's pages and drafts as last listed (``_jekyll_read``), with the state of each folder and Markdown
    file that listing read: a command asks for them several times (status: five), the site's files change seldom."""

    def __post_init__(self) -> None:
        # every command, status and review too, keeps caches here: none may be written outside the site
        self.check_inside(self.root / CACHE)

    @classmethod
    def open(cls, root: Path | str = ".") -> Site:
        """The site in ``root``: a folder with ``pipeline.yaml`` or ``source_nl/`` (or both), or
        the nearest such folder above it, as git finds its repository: a command run in
        ``source_nl/blog/`` acts on the site it is in. The search stops at the top of a git
        repository, so a site is never found outside the repository one works in.

        Any other folder is refused, so that a command run in the wrong place
        creates nothing there (no ``public/``, no ``.cache/``).
        """
        resolved = Path(root).resolve()
        if not resolved.is_dir():
            raise SitePathError(str(root), "no such folder", hint="pass --root with the folder that holds source_nl/")
        found = _site_folder(resolved)
        if found is None:
            raise SitePathError(
                str(resolved),
                f"not a site: it has neither source_{SiteConfig.source_language}/ nor {CONFIG_FILE}",
                hint=_layout_hint(resolved, f"write {CONFIG_FILE} with") or "cd into the site folder, or pass --root with it",
            )
        config = load_config(found)
        if config.layout == "default" and not (found / f"source_{config.source_language}").is_dir() and (hint := _layout_hint(found, f"set in {CONFIG_FILE}")):
            raise SitePathError(f"{found / CONFIG_FILE}", f"the default layout reads the Dutch from source_{config.source_language}/, which this folder lacks", hint=hint)
        if config.layout == "default":
            return cls(found, config)
        jekyll = JekyllConfig.of(found) if config.layout == "jekyll" else None
        title = jekyll.title if jekyll is not None else _hugo_title(found, config.source_language)
        site = cls(found, _named(config, title))
        if jekyll is not None:
            site.__dict__["jekyll"] = jekyll  # read once, as Jekyll reads it (``Site.jekyll``)
        return site

    @cached_property
    def source_dir(self) -> Path:
        """The folder of the Dutch documents, as the layout has it (asked for every document: made once)."""
        layout = self.config.layout
        if layout == "hugo-by-filename":
            return self.root / "content"
        if layout == "hugo-by-folder":
            return self.root / "content" / self.config.source_language
        if layout == "jekyll":
            return self.root / self.jekyll.collections_dir / "_posts"
        return self.root / f"source_{self.config.source_language}"

    @property
    def shares_section_pages(self) -> bool:
        """Whether a page ``x.md`` and the section ``x/_index.md`` have one address (``dutch_path``): publish's own, and
        Hugo's, which writes both to ``x/index.html`` (Hugo 0.111: the one a build leaves there changes from build to
        build; ``hugo --printPathWarnings`` says 'Duplicate target paths'). Jekyll writes ``x.html`` and ``x/index.html``."""
        return self.config.layout != "jekyll"

    @property
    def writes_in_place(self) -> bool:
        """Whether ``export`` writes the English into the site's own content (a Hugo or Jekyll layout)."""
        return self.config.layout != "default"

    def english_file(self, source_path: Path) -> Path:
        """Where ``export`` puts the English of a Hugo or Jekyll site's document: where the generator looks for it.

        ``post.md`` → ``post.en.md`` beside it (``post.nl.md`` too), ``content/nl/…`` →
        ``content/en/…``, ``_posts/…`` → ``en/_posts/…``; the same path otherwise, so that
        Hugo pairs the two as translations of each other (it pairs by path). A Jekyll post in a folder of
        ``_posts/`` (``_posts/2024/x.md``) too goes to ``en/_posts/x.md``, where ``{% post_url en/x %}`` finds it
        (Jekyll's ``tags/post_url.rb``: a name's folders are either below ``_posts/`` or above it, never both); where
        her English of it is in a folder of ``en/_posts/`` (``en/_posts/2024/x.md``), there.
        """
        target, below = self.config.target_language, _below(self.source_dir, source_path) or source_path.name
        if self.config.layout == "hugo-by-filename":
            stem, suffix = _split_suffix(source_path.name)
            return source_path.with_name(f"{stem.removesuffix('.' + self.config.source_language)}.{target}{suffix}")
        if self.config.layout == "hugo-by-folder":
            return self.root / "content" / target / below
        place, collections = self.jekyll_place(self.relative(source_path)), self.root / self.jekyll.collections_dir
        collection = self.jekyll_collection(source_path)
        if collection is not None:  # Jekyll reads a collection in its own folder only
            return collections / f"_{collection}" / target / place.split("/", 1)[1]
        if place.startswith(JEKYLL_POSTS):
            flat = collections / target / JEKYLL_POSTS / source_path.name
            return flat if os.path.lexists(flat) else self._english_posts_below.get(source_path.name, flat)
        return self.root / target / self.relative(source_path)

    @cached_property
    def _english_posts_below(self) -> dict[str, Path]:
        """A Jekyll site's English posts written by hand in a folder of ``en/_posts/`` (``en/_posts/2024/x.md``), by
        their file's name where one alone has it: the English of the post of that name (Jekyll reads it there too)."""
        top, found = self.root / self.jekyll.collections_dir / self.config.target_language / JEKYLL_POSTS, {}
        for folder, _, names in os.walk(top):
            for name in names if folder != str(top).rstrip(os.sep) else ():
                found[name] = None if name in found else Path(folder, name)
        return {name: path for name, path in found.items() if path is not None}

    @property
    def source_places(self) -> list[str]:
        """Where the Dutch documents are, as site-relative names (for git and for listings of what changed): the
        source folder; in a Jekyll site its posts' and collections' folders, its pages by name, and ``_config.yml``,
        which says which collections are documents."""
        if self.config.layout != "jekyll":
            return [self.relative(self.source_dir)]
        return [JEKYLL_CONFIG, *map(self.relative, self.jekyll_folders()), *map(self.relative, self.jekyll_pages())]

    @cached_property
    def jekyll(self) -> JekyllConfig:
        """What the site's ``_config.yml`` says (``jekyll_config``), read once for the site, as Jekyll reads it once
        as it starts (a change takes a new ``Site``, as it takes Jekyll a restart); Jekyll's defaults in another layout."""
        return JekyllConfig.of(self.root) if self.config.layout == "jekyll" else JekyllConfig()

    def jekyll_collection(self, source_path: Path) -> str | None:
        """The name of the output collection a Jekyll site's document belongs to (``_recepten/soep.md``: ``recepten``);
        None for a post or a page, and in another layout."""
        if self.config.layout != "jekyll":
            return None
        first = self.jekyll_place(self.relative(source_path)).split("/", 1)[0]
        return first[1:] if first.startswith("_") and first[1:] in dict(self.jekyll.collections) else None

    def jekyll_page(self, source_path: Path) -> bool:
        """Whether a Jekyll site's document is a page (neither a post nor a collection's document): Jekyll places it
        by its path or its own ``permalink`` and reads no slug (``page.rb``: its placeholders are ``:path``,
        ``:basename`` and ``:output_ext``), so it has no slug entry; False in another layout."""
        return self.config.layout == "jekyll" and not self.jekyll_post(self.relative(source_path)) and self.jekyll_collection(source_path) is None

    def jekyll_post(self, location: str) -> bool:
        """Whether the Jekyll document at the site-relative ``location`` is a post: in ``_posts/``, or in the
        ``_posts/`` of a folder (``blog/_posts/x.md``: Jekyll reads those too, the folder a category: ``reader.rb``)."""
        return JEKYLL_POSTS in "/" + self.jekyll_place(location)

    def jekyll_front(self, location: str, front: Mapping[str, Any]) -> Mapping[str, Any]:
        """The front matter ``front`` of the Jekyll document at the site-relative ``location`` over the ``defaults:``
        of ``_config.yml`` that apply to it (``JekyllConfig.with_defaults``: its type and path as Jekyll's ``Page`` and
        ``Document`` have them), as Jekyll reads it."""
        place, collection = self.jekyll_place(location), self.jekyll_collection(self.root / location)
        kind = collection or ("posts" if self.jekyll_post(location) else "pages")  # en/_posts/x.md too
        merged = self.jekyll.with_defaults(location if kind == "pages" else place, kind, front)
        folders = place.partition("/" + JEKYLL_POSTS)[0].split("/") if f"/{JEKYLL_POSTS}" in place else []
        if not folders:
            return merged
        own = merged.get("categories")  # Jekyll puts a post's folders first among its categories (document.rb)
        return {**merged, "categories": [*folders, *(own.split() if isinstance(own, str) else own if isinstance(own, list) else [] if own is None else [own])]}

    def jekyll_place(self, location: str) -> str:
        """A Jekyll document's place among the collections (``_posts/x.md``, ``_recepten/soep.md``): the site-relative
        ``location`` below ``collections_dir``, where Jekyll reads the collections, posts too."""
        folder = self.jekyll.collections_dir
        return location[len(folder) + 1 :] if folder and location.startswith(folder + "/") else location

    def jekyll_folders(self) -> list[Path]:
        """The folders of a Jekyll site's posts and output collections (see the table above), in ``collections_dir``."""
        return [self.source_dir, *(self.root / self.jekyll.collections_dir / f"_{name}" for name, _ in self.jekyll.collections)]

    def jekyll_pages(self) -> list[Path]:
        """A Jekyll site's pages: its Markdown files that start with YAML front matter (Jekyll copies any other as it is),
        in every folder Jekyll reads (``JekyllConfig.leaves_out``: not one whose name starts with ``_``, ``.``, ``#``
        or ``~`` unless ``include:`` names it, nor one ``exclude:`` or Jekyll's defaults leave out), but the
        pipeline's own (``JEKYLL_OWN``, and the English's ``en/``). A linked folder is followed once, also one that leads
        out (a theme's assets: no page in it, nothing listed); a page in it, or a link to a page, is listed as it is:
        reading it tells where it leads."""
        return self._jekyll_read()[0]

    def jekyll_drafts(self) -> list[Path]:
        """A Jekyll site's drafts: the Markdown files of each ``_drafts/`` Jekyll reads with ``--drafts`` (``reader.rb``,
        ``retrieve_posts``: the one beside ``_posts/`` and a folder's, ``blog/_drafts/``, in ``collections_dir`` where
        one is set), which the pipeline never translates (``jekyll_config.drafts_note``)."""
        return self._jekyll_read()[1]

    def _jekyll_read(self) -> tuple[list[Path], list[Path]]:
        """``jekyll_pages`` and ``jekyll_drafts``, from one walk of the folders Jekyll reads; the last walk's again while
        none of the folders and Markdown files it read changed (each stat'ed, none opened: a file added, removed,
        renamed or edited, a folder made, is a change), so that the workspace, which keeps its ``Site``, sees a new page."""
        if self._jekyll_listing:
            stamps, pages, drafts = self._jekyll_listing[0]
            if _stamps(stamps) == stamps:
                return list(pages), list(drafts)
        stamps = {}
        pages, drafts = self._jekyll_walk(stamps)
        self._jekyll_listing[:] = [(stamps, pages, drafts)]
        return list(pages), list(drafts)

    def _jekyll_walk(self, stamps: dict[str, tuple[int, int]]) -> tuple[list[Path], list[Path]]:
        """``_jekyll_read``'s walk, the state of each folder and Markdown file it read put into ``stamps``."""
        config, found, seen, drafts = self.jekyll, [], set(), []
        own = {*JEKYLL_OWN, self.config.target_language}
        top = config.collections_dir  # its _posts/ is the posts' folder (``source_dir``)
        inside = top + "/" if top else ""  # Jekyll reads a folder's posts there only (reader.rb, outside_configured_directory?)
        english = inside + self.config.target_language  # the posts' English (export's), there too

        def walk(folder: str) -> None:
            path = os.path.join(self.root, folder)
            _stamp(path, stamps)
            for entry in os.scandir(path):
                relative = f"{folder}/{entry.name}" if folder else entry.name
                if entry.name == "_posts" and folder not in ("", top) and folder.startswith(inside) and entry.is_dir():
                    found.extend(_documents_below(Path(entry.path), stamps))  # a folder's posts, in collections_dir where one is set
                    continue
                if entry.name == DRAFTS and (folder == top or folder.startswith(inside)) and entry.is_dir():
                    drafts.extend(_documents_below(Path(entry.path), stamps))
                    continue
                if (not folder and entry.name in own) or relative == english or config.leaves_out(relative, entry.is_dir()):
                    continue
                if entry.is_dir():
                    resolved = Path(entry.path).resolve()
                    if resolved not in seen:
                        seen.add(resolved)
                        walk(relative)
                elif entry.name.endswith(DOCUMENT_SUFFIXES):
                    _stamp(entry.path, stamps)
                    if entry.is_symlink() or _starts_with_front_matter(Path(entry.path)):
                        found.append(Path(entry.path))

        walk("")
        return found, drafts

    def jekyll_unread(self) -> list[str]:
        """What of a Jekyll site neither Jekyll nor the pipeline reads for its documents, as site-relative names
        (a listing of what extract read leaves them out): Jekyll's output (its ``destination``) and caches (``JEKYLL_MADE``) and its
        default excludes, there or not (``jekyll build`` makes them); each entry at the top Jekyll leaves out
        (``JekyllConfig.leaves_out``) but those the pipeline reads (``_config.yml``, ``_posts/``, a collection's
        folder, ``_drafts/``, whose drafts extract counts); and the English export writes (``en/``, a collection's ``en/``)."""
        read = {JEKYLL_CONFIG, DRAFTS, *(self.relative(folder).split("/")[0] for folder in self.jekyll_folders())}  # drafts: counted
        top = [entry.name for entry in os.scandir(self.root) if self.jekyll.leaves_out(entry.name, entry.is_dir())]
        posts_english = self.english_file(self.source_dir / "x.md").parent.parent  # en/, or <collections_dir>/en/
        english = [self.relative(posts_english), *(f"{self.relative(folder)}/{self.config.target_language}" for folder in self.jekyll_folders()[1:])]
        made = [*JEKYLL_MADE, *([self.jekyll.destination] if self.jekyll.destination else []), *(name.rstrip("/") for name in DEFAULT_EXCLUDES)]
        return sorted({*made, *(name for name in top if name not in read), *english})

    def bundle_files(self, source_path: Path) -> list[Path]:
        """The files of a page bundle (``x/index.md`` and its images): everything in its folder but documents,
        hidden files and links; none for a document that is no bundle (``blog/index.md`` in ``source_nl/`` is none)."""
        if _split_suffix(source_path.name)[0].split(".")[0] != "index" or self.document_id(source_path).endswith("index"):
            return []
        return sorted(
            Path(path, name) for path, folders, names in os.walk(source_path.parent)
            for name in names
            if not name.startswith((".", "#")) and not name.endswith(DOCUMENT_SUFFIXES) and not os.path.islink(os.path.join(path, name))
        )

    @cached_property
    def catalog_dir(self) -> Path:
        return self.root / "translations" / self.config.target_language

    def relative(self, path: Path) -> str:
        """The site-relative, slash-separated name used in messages and PO references."""
        return _below(self.root, path) or str(path)

    def check_inside(self, path: Path) -> Path:
        """Return ``path`` resolved, or raise if it (or a link on the way) leaves the site."""
        if os.path.islink(path):
            resolved = path.resolve()
        else:
            folder, name = os.path.split(path)  # by its text: a Path's parent is made anew, and hashed, on each call
            found = self._folders.get(folder)
            if found is None:
                found = self._folders[folder] = path.parent.resolve()
            resolved = found / name
        if not _inside(self.root, resolved):
            raise SitePathError(
                self.relative(path),
                f"leads outside the site folder (to {resolved})",
                hint="keep documents and translations inside the site; replace the link by a real file",
            )
        return resolved

    def check_output(self, path: Path) -> Path:
        """Return ``path`` resolved, or raise if a command's output there would overwrite the site itself.

        An output may not be the site folder, a folder that holds it, or lie in
        one of the folders that hold the author's and translator's own files.
        """
        resolved = path.resolve()
        location = self.relative(resolved)
        hint = "choose an output folder of its own, such as public/ or one outside the site"
        if self.root.is_relative_to(resolved):
            problem = "is the site folder" if resolved == self.root else f"holds the site folder {self.root}"
            raise SitePathError(location, f"{problem}: the output would replace it", hint=hint)
        for folder in (self.source_dir, self.root / "translations", self.root / "static", self.root / "templates", self.root / ".git"):
            if resolved.is_relative_to(folder.resolve()):
                raise SitePathError(location, f"is inside {folder.name}/, which holds the site's own files", hint=hint)
        return resolved

    def source_paths(self) -> list[Path]:
        """Every Dutch document, sorted; hidden files and editor backups are skipped.

        A linked folder is followed while it stays inside the site; a link that
        leads out is listed as it is, so that reading it reports the escape.
        """
        found: list[Path] = []
        seen: set[Path] = set()
        english = {folder / self.config.target_language for folder in self.jekyll_folders()[1:]} if self.config.layout == "jekyll" else set()

        def walk(folder: Path) -> None:
            if folder.resolve() in seen:
                return
            seen.add(folder.resolve())
            for entry in os.scandir(folder):
                path = Path(entry.path)
                if entry.name.startswith((".", "#")) or path in english:  # a collection's English (export's)
                    continue
                if entry.is_dir():
                    if entry.is_symlink() and not path.resolve().is_relative_to(self.root):
                        found.append(path)
                    else:
                        walk(path)
                elif entry.name.endswith(DOCUMENT_SUFFIXES) and not self._is_translation(entry.name):
                    found.append(path)

        if self.config.layout == "jekyll":
            for folder in self.jekyll_folders():
                if folder.is_dir():
                    walk(folder)
            return _sorted([*found, *self.jekyll_pages()])
        if self.source_dir.is_dir():
            walk(self.source_dir)
        return _sorted(found)

    def _is_translation(self, name: str) -> bool:
        """Whether a file beside the Dutch ones is the English of one (``post.en.md``, translation by file name)."""
        return self.config.layout == "hugo-by-filename" and _split_suffix(name)[0].endswith(f".{self.config.target_language}")

    def source_document_id(self, source_path: Path) -> str:
        """``document_id``, once the name is known to be safe as a web address of this site; else a SourceError.

        The name becomes the page's address (``source_nl/blog/x.md`` → ``/blog/x/``),
        so it may not need escaping there (a ``#`` or ``?`` would cut it short), nor
        take the place of a file publish writes (``feed.xml``) or copies from
        ``static/``, or of the other language's pages (``/en/``). Refused rather than
        escaped: an address is what readers see, type and share, and a name made of
        plain letters is what the author chooses anyway once she is told — the hint
        names one.
        """
        document_id = self.document_id(source_path)
        location = self.relative(source_path)
        if not _URL_SAFE.fullmatch(document_id):
            unsafe = sorted(set(_URL_SAFE.sub("", document_id)))
            raise SourceError(
                "".join(c if c.isprintable() else repr(c)[1:-1] for c in location),  # a line end in a name stays on one line
                f"its name becomes the page's web address, which cannot hold {', '.join(map(_character, unsafe[:5]))}",
                hint="rename it (and its PO file in translations/) to lowercase words joined by hyphens, "
                f"e.g. '{'/'.join(map(_suggested_name, document_id.split('/')))}.md'",
            )
        rival = self._rival(source_path, document_id)
        if rival is not None:
            raise SourceError(
                location,
                f"{self.relative(rival)} is the document {document_id!r} too: they would share one PO file and one page"
                if self.document_id(rival) == document_id else f"{self.relative(rival)} has its page at {dutch_path(document_id)} too",
                hint="rename or remove one of them",
            )
        namesake = next((path for path in self._posts_by_name.get(source_path.name, ()) if path != source_path), None)
        if namesake is not None:
            raise SourceError(
                location,
                f"{self.relative(namesake)} is a post of the same name: their English would be one file, "
                f"{self.relative(self.english_file(source_path))}",
                hint="rename one of them",
            )
        if document_id == SECTION and not self.writes_in_place:
            raise SourceError(
                location, "its page would be /, the site's home page, which publish makes",
                hint=f"move it into a folder: {self.relative(self.source_dir)}/blog/{SECTION}.md is the page of /blog/",
            )
        first = document_id.split("/")[0]
        if first == self.config.target_language:
            raise SourceError(
                location,
                f"its page would be {dutch_path(document_id)}, inside /{first}/ where the site's translated pages are",
                hint=f"move it to another folder, e.g. {self.relative(self.source_dir)}/blog/",
            )
        if document_id in GENERATED_FILES:
            raise SourceError(
                location,
                f"its page {dutch_path(document_id)} would take the place of the site's own {document_id}",
                hint="give it another name, or move it into a folder such as blog/",
            )
        parts = dutch_path(document_id).strip("/").split("/")
        static = os.path.join(self.root, "static")
        for end in range(1, len(parts) + 1 if os.path.isdir(static) else 1):  # static/blog or static/blog/x as a file leaves no room for /blog/x/
            taken = "/".join(parts[:end])
            if os.path.isfile(os.path.join(static, *parts[:end])):
                raise SourceError(
                    location,
                    f"its page {dutch_path(document_id)} would take the place of static/{taken}, which the site copies as it is",
                    hint="rename the document or that file",
                )
        return document_id

    @cached_property
    def _posts_by_name(self) -> dict[str, list[Path]]:
        """A Jekyll site's posts by their file's name, where two in folders of ``_posts/`` share one (each post's
        English is ``en/_posts/<name>``: see ``english_file``); listed once for the site."""
        if self.config.layout != "jekyll":
            return {}
        found: dict[str, list[Path]] = {}
        for folder, _, names in os.walk(self.source_dir):
            for name in names:
                found.setdefault(name, []).append(Path(folder, name))
        return {name: paths for name, paths in found.items() if len(paths) > 1}

    def hugo_section(self, folder: str) -> tuple[Path, Path | None] | None:
        """The Hugo section of the folder ``folder`` (below the Dutch content, ``blog`` or ``blog/oud``), if it is one:
        its folder and its Dutch ``_index`` file (None: it has none). Hugo makes a section of a folder with an
        ``_index.md``, and of each top-level folder with a Dutch document in it, ``_index.md`` or not."""
        parts = folder.split("/")
        path = os.path.join(self.source_dir, *parts)
        if any(part in ("", ".", "..") for part in parts) or not os.path.isdir(path):
            return None  # an address that leads to no folder below the content (an url of '/../')
        index = next((Path(name) for name in self._files(os.path.join(path, SECTION)) if os.path.isfile(name)), None)
        if index is not None:
            return Path(path), index
        if "/" in folder or any(os.path.isfile(name) for name in self._files(os.path.join(path, "index"))):
            return None  # a folder below the top without _index.md, a leaf bundle (x/index.md): no section
        english = f".{self.config.target_language}"
        dutch = (name for _, _, names in os.walk(path) for name in names if not _split_suffix(name)[0].endswith(english))
        return (Path(path), None) if any(name.endswith(DOCUMENT_SUFFIXES) for name in dutch) else None

    def section_pages(self, section: Path) -> list[Path]:
        """The Dutch files of the pages beside the folder of a Hugo section whose ``_index`` file is ``section``
        (``content/blog.md`` beside ``content/blog/_index.md``), which Hugo serves at its list page's address unless
        a ``slug`` or ``url`` moves one of them."""
        return [Path(name) for name in self._files(str(section.parent)) if os.path.isfile(name)]

    def _files(self, stem: str) -> list[str]:
        """The names a Dutch document whose file is ``stem`` without its suffix may have (``x.md``, ``x.nl.md`` …)."""
        languages = ["", f".{self.config.source_language}"] if self.config.layout == "hugo-by-filename" else [""]
        return [f"{stem}{language}{suffix}" for language in languages for suffix in DOCUMENT_SUFFIXES]

    def _rival(self, source_path: Path, document_id: str) -> Path | None:
        """Another Dutch file with the same document id (``x.md`` and ``x/index.md``, ``x.md`` and ``x.nl.md``), or on
        publish's own site with the same page (``x.md`` and ``x/_index.md``: ``dutch_path``), if any. (On a Hugo
        site, where a ``slug`` or ``url`` may move a page away, ``hugo_rendering.address_rival`` judges the latter.)"""
        page = self.config.layout == "jekyll" and _below(self.source_dir, source_path) is None  # its id is its path in the site
        base = os.path.join(self.root if page else self.source_dir, *document_id.split("/"))
        own = os.fspath(source_path)
        stems = [base, os.path.join(base, "index")]
        if self.shares_section_pages and not self.writes_in_place:
            stems.append(os.path.dirname(base) if document_id.rpartition("/")[2] == SECTION else os.path.join(base, SECTION))
        for stem in stems:
            for name in self._files(stem):
                if name != own and os.path.isfile(name) and dutch_path(self.document_id(Path(name))) == dutch_path(document_id):
                    return Path(name)
        return None

    def source_bytes(self, source_path: Path) -> bytes:
        """The bytes of a Dutch document; a named pipe, socket or device is refused unopened (reading one can wait forever)."""
        self.check_inside(source_path)
        location = self.relative(source_path)
        try:
            return read_file_bytes(source_path)
        except NotAFile as not_a_file:
            raise SourceError(location, f"not a file but {not_a_file.kind}; it is never opened", hint="remove it, or rename it to end in something other than .md") from None
        except OSError as error:
            raise SourceError(location, f"cannot read the file: {error.strerror}") from None

    def catalog_paths(self) -> list[Path]:
        if not self.catalog_dir.is_dir():
            return []
        return _sorted([Path(folder, name) for folder, _, files in os.walk(self.catalog_dir) for name in files if name.endswith(".po")])

    def document_id(self, source_path: Path) -> str:
        """``blog/x`` for ``source_nl/blog/x.md`` (and ``x.markdown``, and the bundle ``x/index.md``): the name a document goes by everywhere."""
        folder = self.root if self.config.layout == "jekyll" else self.source_dir  # a Jekyll page is outside _posts/
        below = _below(folder, source_path)
        name = below if below is not None else os.path.relpath(source_path, folder).replace(os.sep, "/")
        posts = _below(self.source_dir, source_path) if folder is self.root else None  # a post's id is its name in _posts/
        name = _split_suffix(posts if posts is not None else name)[0]
        if self.config.layout == "hugo-by-filename":
            name = name.removesuffix(f".{self.config.source_language}")
        parts = name.split("/")
        if parts[-1] == "index" and len(parts) > (2 if self.config.layout == "default" else 1):
            return "/".join(parts[:-1])  # a page bundle is called after its folder (in source_nl/, one below a kind)
        return name

    def source_path(self, document_id: str) -> Path:
        """The Dutch file of ``document_id`` (the layout decides its folder, suffix and whether it is a bundle)."""
        found = self._sources.get(document_id)
        if found is None or not os.path.lexists(found):  # a document added or moved since: list them once more
            self._sources.clear()
            self._sources.update((self.document_id(path), path) for path in self.source_paths())
            found = self._sources.get(document_id)
        if found is None:
            raise SitePathError(document_id, "no Dutch document goes by that name", hint="run status to list the documents")
        return found

    def catalog_path(self, document_id: str) -> Path:
        return self.catalog_dir / f"{document_id}.po"

    def catalog_document_id(self, catalog_path: Path) -> str:
        below = _below(self.catalog_dir, catalog_path)
        name = below if below is not None else os.path.relpath(catalog_path, self.catalog_dir).replace(os.sep, "/")
        return name.removesuffix(".po")


DOCUMENT_SUFFIXES = (".md", ".markdown")
"""How the name of a Markdown document ends (Jekyll's are often ``.markdown``)."""
JEKYLL_POSTS = "_posts/"
"""A Jekyll post's folder: its document id leaves it out (``_posts/2019-03-14-x.md`` is ``2019-03-14-x``)."""
JEKYLL_MADE = ("_site", ".jekyll-cache", ".jekyll-metadata")
"""What ``jekyll build`` writes into the site: its output (its default ``destination``) and its caches."""
JEKYLL_OWN = frozenset({"translations", "public", "build"})
"""The pipeline's own folders at the top of a Jekyll site, never pages of it: the PO files, publish's and export's
default outputs (the English of export's ``en/`` is left out too)."""


def _documents_below(folder: Path, stamps: dict[str, tuple[int, int]] | None = None) -> list[Path]:
    """The Markdown files in ``folder`` and its folders, but hidden ones and editor backups (as Jekyll reads a
    ``_posts/``: ``reader.rb``, ``get_entries``); the state of each folder read put into ``stamps``."""
    found = []
    for path, folders, names in os.walk(folder):
        if any(part.startswith((".", "#")) for part in Path(path).relative_to(folder).parts):
            continue
        if stamps is not None:
            _stamp(path, stamps)
        found += [Path(path, name) for name in names if name.endswith(DOCUMENT_SUFFIXES) and not name.startswith((".", "#"))]
    return found


def _stamp(path: str, stamps: dict[str, tuple[int, int]]) -> None:
    """Put the state of the folder or file at ``path`` into ``stamps``: its last change and size (a folder's changes as
    a name in it is added, removed or renamed); none where it is gone."""
    try:
        status = os.stat(path)
    except OSError:
        stamps[path] = (-1, -1)
        return
    stamps[path] = (status.st_mtime_ns, status.st_size)


def _stamps(kept: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The state now of each folder and file ``kept`` has one of (``_stamp``)."""
    now: dict[str, tuple[int, int]] = {}
    for path in kept:
        _stamp(path, now)
    return now


def _starts_with_front_matter(path: Path) -> bool:
    """Whether a file's first line opens YAML front matter (``---``), as Jekyll tells a page from a file it copies."""
    try:
        with open(path, "rb") as file:
            return file.readline(64).removeprefix(b"\xef\xbb\xbf").rstrip() == b"---"
    except OSError:
        return True  # listed: reading it says what is wrong


def _sorted(paths: list[Path]) -> list[Path]:
    """``paths`` in pathlib's order (part by part: ``a/x`` before ``a-b/x``), without comparing Path objects (a
    thousand PO files' paths: 6.5 ms compared as Path objects, 2.4 ms by their strings' parts)."""
    return sorted(paths, key=lambda path: str(path).split(os.sep))


def _split_suffix(name: str) -> tuple[str, str]:
    """``(post, .md)`` for ``post.md``; the whole name and no suffix for a file that is no document."""
    for suffix in DOCUMENT_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)], suffix
    return name, ""


def _below(folder: Path, path: Path) -> str | None:
    """``path`` relative to ``folder``, slash-separated, when it is inside it as written (pathlib's way is slow)."""
    prefix, text = str(folder) + os.sep, str(path)
    if text == str(folder):
        return "."
    if not text.startswith(prefix):
        return None
    return text[len(prefix) :].replace(os.sep, "/")


def _inside(folder: Path, path: Path) -> bool:
    """``path.is_relative_to(folder)`` for two absolute paths, by their text (pathlib's way is slow; as it does, a
    Windows path's case is not told apart)."""
    top, text = os.path.normcase(folder), os.path.normcase(path)
    return text == top or text.startswith(top if top.endswith(os.sep) else top + os.sep)


def _character(character: str) -> str:
    return "a space" if character == " " else excerpt(character)


def slugify(name: str) -> str:
    """A name as lowercase ASCII words joined by hyphens (``Één idee?`` → ``een-idee``; empty when no letter is left)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _suggested_name(name: str) -> str:
    """A name as lowercase ASCII words joined by hyphens (``Één idee?`` → ``een-idee``): what to suggest instead."""
    return slugify(name) or "document"


_LAYOUT_OF = {
    "hugo": "layout: hugo-by-filename (content/blog/post.md → post.en.md beside it) or layout: hugo-by-folder (content/nl/…)",
    "jekyll": "layout: jekyll (_posts/2019-03-14-post.md → en/_posts/…)",
}


def _layout_hint(folder: Path, action: str) -> str | None:
    """What to write (``action``) in ``pipeline.yaml`` of a Hugo or Jekyll site (``folder``) that has no layout set for it: a new
    user's Hugo site without one was read as the default layout's (0 documents, every PO file said deleted)."""
    hugo = any((folder / f"{name}{suffix}").is_file() for name in HUGO_SETTINGS for suffix in HUGO_SETTINGS_SUFFIXES)
    if (hugo or (folder / "config").is_dir()) and (folder / "content").is_dir():
        generator = "hugo"
    elif (folder / JEKYLL_CONFIG).is_file():
        generator = "jekyll"
    else:
        return None
    return f"it looks like a {generator.capitalize()} site: {action} {_LAYOUT_OF[generator]} (README: Using it with an existing Hugo or Jekyll site)"


def _site_folder(folder: Path) -> Path | None:
    """``folder`` or the nearest folder above it that is a site, up to the top of its git repository."""
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file() or (candidate / f"source_{SiteConfig.source_language}").is_dir():
            return candidate
        if (candidate / ".git").exists():
            return None
    return None


def _named(config: SiteConfig, title: str | None) -> SiteConfig:
    """``config`` with the generator's ``title`` as the site's name (in the PO headers, the workspace) where
    ``pipeline.yaml`` names it neither by ``site_name`` nor by ``project``: Hugo and Jekyll have their own."""
    if not title or config.site_name != UNNAMED or config.project != UNNAMED:
        return config
    return replace(config, project="", site_name=title, author="" if config.author == UNNAMED else config.author)


def hugo_config_paths(root: Path) -> list[tuple[Path, str | None]]:
    """The files Hugo reads its settings from, each with the one setting it holds alone (None: root settings;
    ``languages`` for ``config/_default/languages.toml``, ``menus`` for ``menus.en.toml``), the one whose settings win
    first, as ``hugo config`` merges them (Hugo 0.111): ``config/production/`` (the environment a plain ``hugo`` builds
    in), then ``config/_default/``, then the first of ``hugo.toml``, ``hugo.yaml`` … ``config.json`` in the site folder.
    Hugo merges their tables key by key: a setting one file lacks is taken from the next."""
    first = next((path for path in (root / f"{stem}{suffix}" for stem in HUGO_SETTINGS for suffix in HUGO_SETTINGS_SUFFIXES) if path.is_file()), None)
    return [*_environment_files(root, "production"), *_environment_files(root, "_default"), *([(first, None)] if first else [])]


def _environment_files(root: Path, environment: str) -> list[tuple[Path, str | None]]:
    """The files of ``config/<environment>/``, each with the one setting it holds alone (None: root settings)."""
    folder = root / "config" / environment
    paths = sorted(path for path in folder.iterdir() if path.suffix in HUGO_SETTINGS_SUFFIXES and path.is_file()) if folder.is_dir() else []
    return [(path, None if (stem := path.name.split(".")[0]) in HUGO_SETTINGS else stem) for path in paths]


def _hugo_title(root: Path, language: str) -> str | None:
    """The ``title`` of a Hugo site as a production build has it for its Dutch pages (``hugo_config_paths``): its Dutch
    language's (``[languages.nl] title``) where any file sets one, else the site's; None where none does or a file
    cannot be read (Hugo refuses to build with it, and says why)."""
    titles: list[object] = []
    for path, key in hugo_config_paths(root):
        try:
            text = path.read_text(encoding="utf-8")
            settings = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
        except (OSError, ValueError, yaml.YAMLError):
            return None
        keys = {str(name).lower(): value for name, value in settings.items()} if isinstance(settings, dict) else {}
        languages = settings if key == "languages" else keys.get("languages") if key is None else None
        own = next((value for name, value in languages.items() if str(name).lower() == language), None) if isinstance(languages, dict) else None
        own_keys = {str(name).lower(): value for name, value in own.items()} if isinstance(own, dict) else {}
        titles += [(0, own_keys.get("title")), (1, keys.get("title") if key is None else None)]
    found = [title for _, title in sorted(titles, key=lambda pair: pair[0]) if isinstance(title, str) and title.strip()]  # a language's first
    return " ".join(found[0].split()) if found else None
