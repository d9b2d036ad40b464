"""A site folder: where its documents and PO files are, and which paths are safe.

```
pipeline.yaml                 settings (optional)
source_nl/<kind>/<slug>.md    Dutch documents
translations/en/<kind>/<slug>.po
```
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG_FILE, SiteConfig, load_config
from .errors import SitePathError

CACHE = ".cache/publish_pipeline"
"""The folder of the caches and the lock."""


@dataclass(frozen=True)
class Site:
    """One site: its root folder (absolute) and its settings."""

    root: Path
    config: SiteConfig
    _folders: dict[Path, Path] = field(default_factory=dict, compare=False, repr=False)
    """Folders resolved so far (documents share few folders): a cache for this command's run."""

    def __post_init__(self) -> None:
        # every command, status and review too, keeps caches here: none may be written outside the site
        self.check_inside(self.root / CACHE)

    @classmethod
    def open(cls, root: Path | str = ".") -> Site:
        """The site in ``root``: a folder with ``pipeline.yaml`` or ``source_nl/`` (or both).

        Any other folder is refused, so that a command run in the wrong place
        creates nothing there (no ``public/``, no ``.cache/``).
        """
        resolved = Path(root).resolve()
        if not resolved.is_dir():
            raise SitePathError(str(root), "no such folder", hint="pass --root with the folder that holds source_nl/")
        if not (resolved / CONFIG_FILE).is_file() and not (resolved / f"source_{SiteConfig.source_language}").is_dir():
            raise SitePathError(
                str(resolved),
                f"not a site: it has neither source_{SiteConfig.source_language}/ nor {CONFIG_FILE}",
                hint="cd into the site folder, or pass --root with it",
            )
        return cls(resolved, load_config(resolved))

    @property
    def source_dir(self) -> Path:
        return self.root / f"source_{self.config.source_language}"

    @property
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
            if path.parent not in self._folders:
                self._folders[path.parent] = path.parent.resolve()
            resolved = self._folders[path.parent] / path.name
        if not resolved.is_relative_to(self.root):
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

        def walk(folder: Path) -> None:
            if folder.resolve() in seen:
                return
            seen.add(folder.resolve())
            for entry in os.scandir(folder):
                path = Path(entry.path)
                if entry.name.startswith((".", "#")):
                    continue
                if entry.is_dir():
                    if entry.is_symlink() and not path.resolve().is_relative_to(self.root):
                        found.append(path)
                    else:
                        walk(path)
                elif entry.name.endswith(".md"):
                    found.append(path)

        if self.source_dir.is_dir():
            walk(self.source_dir)
        return sorted(found)

    def catalog_paths(self) -> list[Path]:
        if not self.catalog_dir.is_dir():
            return []
        return sorted(Path(folder, name) for folder, _, files in os.walk(self.catalog_dir) for name in files if name.endswith(".po"))

    def document_id(self, source_path: Path) -> str:
        """``blog/x`` for ``source_nl/blog/x.md``: the name a document goes by everywhere."""
        below = _below(self.source_dir, source_path)
        name = below if below is not None else os.path.relpath(source_path, self.source_dir).replace(os.sep, "/")
        return name.removesuffix(".md")

    def catalog_path(self, document_id: str) -> Path:
        return self.catalog_dir / f"{document_id}.po"

    def source_path(self, document_id: str) -> Path:
        return self.source_dir / f"{document_id}.md"

    def catalog_document_id(self, catalog_path: Path) -> str:
        below = _below(self.catalog_dir, catalog_path)
        name = below if below is not None else os.path.relpath(catalog_path, self.catalog_dir).replace(os.sep, "/")
        return name.removesuffix(".po")


def _below(folder: Path, path: Path) -> str | None:
    """``path`` relative to ``folder``, slash-separated, when it is inside it as written (pathlib's way is slow)."""
    prefix, text = str(folder) + os.sep, str(path)
    if text == str(folder):
        return "."
    if not text.startswith(prefix):
        return None
    return text[len(prefix) :].replace(os.sep, "/")
