"""A Hugo site's own configuration, as export needs it: whether Hugo pairs the English export writes with its Dutch,
and whether it serves pages where ``addresses.page_address`` says.

Hugo reads the first of ``hugo.toml``, ``hugo.yaml``, ``hugo.yml``, ``hugo.json``, ``config.toml`` … in the site
folder, and the files of ``config/_default/``: there ``hugo.toml`` (or ``config.toml``) holds settings as the root
file does, and any other file the one setting it is named after (``languages.toml`` holds ``languages``;
``menus.en.toml`` is ``menus``); then those of ``config/production/``, the environment ``hugo`` builds in, whose
settings win. Its settings' names are told apart without their case.

Hugo tells a page's language by its file name (``post.en.md``; one without a language is the default content
language's, ``en`` unless ``defaultContentLanguage`` says otherwise) or by the folder a language reads its content
from (``[languages.nl] contentDir``); a language not in ``[languages]`` is not one (``post.en.md`` is then a page of
the default language of its own). So unless the configuration names both languages, and pairs them the way export
writes (see ``site.Site.english_file``), Hugo builds the English in its Dutch page's place or as a page of its own.
A site with no configuration of its own found (``hugo --config`` elsewhere) is not judged.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..site import HUGO_SETTINGS_SUFFIXES, Site, hugo_config_paths

_FORMATS = {suffix: "yaml" if suffix == ".yml" else suffix[1:] for suffix in HUGO_SETTINGS_SUFFIXES}


@dataclass(frozen=True)
class ConfigFile:
    """One file of a Hugo configuration: its name in the site, its format (``toml``, ``yaml``, ``json``), the setting
    it holds alone (``languages`` for ``config/_default/languages.toml``; None: root settings) and what it sets, as
    root settings (``{"languages": …}`` for that file)."""

    name: str
    format: str
    key: str | None
    settings: dict[str, Any]
    inline: frozenset[str] = frozenset()
    """The root settings it writes as an inline table (TOML's ``languages = { nl = {…} }``), to which no table can
    be added."""


@dataclass(frozen=True)
class HugoConfig:
    """The files of a Hugo site's configuration, in the order Hugo reads them; ``unreadable``: the first that cannot
    be read (its settings are not known), if any."""

    files: tuple[ConfigFile, ...]
    unreadable: str | None = None

    @classmethod
    def of(cls, site: Site) -> HugoConfig:
        files, unreadable = [], None
        for path, key in config_paths(site.root):
            try:
                settings = _read(path)
            except (OSError, ValueError, yaml.YAMLError):  # tomllib's and json's errors are ValueErrors
                unreadable = unreadable or site.relative(path)
                continue
            if not isinstance(settings, dict):
                settings = {}
            files.append(ConfigFile(
                site.relative(path), _FORMATS[path.suffix], key, settings if key is None else {key: settings}, _inline_tables(path, key),
            ))
        return cls(tuple(files), unreadable)

    def value(self, name: str) -> tuple[str, Any] | None:
        """A root setting (by its name in any case) as the first file that sets it writes it: its name and value."""
        setter = self.setter(name)
        return None if setter is None else _get(setter.settings, name)

    def setter(self, name: str) -> ConfigFile | None:
        """The first file that sets a root setting (by its name in any case): the one whose value Hugo takes."""
        return next((file for file in self.files if _get(file.settings, name) is not None), None)

    def setting(self, *names: str) -> Any:
        """A setting in its tables (``("markup", "goldmark", "duplicateResourceFiles")``, each name in any case) as the
        first file that sets it has it; None where none does."""
        for file in self.files:
            value: Any = file.settings
            for name in names:
                found = _get(value, name) if isinstance(value, dict) else None
                if found is None:
                    break
                value = found[1]
            else:
                return value
        return None

    def embedded_link_hook(self, version: tuple[int, ...] | None = None) -> bool:
        """Whether Hugo's own link render hook (Hugo 0.123 and later) renders the links of a site with no hook of its
        own, finding a page by its Markdown file (``[x](over-mij.md)``), in the Hugo of ``version`` (None: one of 0.123
        or later): as Hugo decides it, ``renderHooks.link``'s ``enableDefault`` where it is set (0.123: true uses it,
        false not), else its ``useEmbedded`` (0.148: ``always`` and ``fallback`` use it, ``never`` not), else ``auto``:
        for a site of several languages on one host (no language has a ``baseURL`` of its own) that does not set
        ``duplicateResourceFiles``. Hugo before 0.123 has no such hook: these settings say nothing to it."""
        if version is not None and version < EMBEDDED_LINK_HOOK:
            return False
        hooks = ("markup", "goldmark", "renderHooks", "link")
        enabled = self.setting(*hooks, "enableDefault")
        if enabled is not None:
            return enabled is True
        used = str(self.setting(*hooks, "useEmbedded") or "auto").lower()
        if used != "auto":
            return used in ("always", "fallback")
        languages = self.languages()
        one_host = not any(self.setting("languages", code, "baseURL") for code in languages)
        return len(languages) > 1 and one_host and self.setting("markup", "goldmark", "duplicateResourceFiles") is not True

    def languages(self) -> dict[str, dict[str, Any]]:
        """Each language of ``[languages]`` (lowercased, as Hugo has them) with its settings, merged as Hugo merges
        them: a language set in several files has each setting from the first file that sets it (production's
        ``[nl] title`` beside ``_default``'s ``[nl] weight``)."""
        found: dict[str, dict[str, Any]] = {}
        for file in self.files:
            table = (_get(file.settings, "languages") or ("", None))[1]
            for code, settings in table.items() if isinstance(table, dict) else ():
                merged = found.setdefault(str(code).lower(), {})
                for name, value in settings.items() if isinstance(settings, dict) else ():
                    if _get(merged, str(name)) is None:
                        merged[name] = value
        return found

    @property
    def default_language(self) -> str:
        """The default content language: ``defaultContentLanguage``, else Hugo's own, ``en``."""
        found = self.value("defaultContentLanguage")
        return str(found[1]).lower() if found else "en"

    def custom_addresses(self, source_language: str) -> str | None:
        """The first setting that gives pages other addresses than Hugo's defaults with the Dutch as the default
        content language (which ``page_address`` assumes), as ``<file> sets <setting>``; why they cannot be known
        when a file cannot be read; None when neither."""
        if self.unreadable:
            return f"{self.unreadable} cannot be read"
        for file in self.files:
            reason = _custom_addresses(file.settings)
            if reason:
                return f"{file.name} sets {reason}"
        if self.files and self.default_language != source_language:
            found = self.value("defaultContentLanguage")
            return f"{self.files[0].name} sets {found[0]} = {found[1]}" if found else (
                f"{self.files[0].name} sets no defaultContentLanguage, so Hugo's default, en, is the default content language")
        return None


EMBEDDED_LINK_HOOK = (0, 123, 0)
"""The first Hugo with a link render hook of its own (``HugoConfig.embedded_link_hook``)."""


@dataclass(frozen=True)
class Hugo:
    """The ``hugo`` a build here runs (the first on ``PATH``, as ``hugo`` and CI's step after ``invoke export`` find
    it): where it is (None: there is none) and its version (None where ``hugo version`` names none)."""

    path: str | None
    version: tuple[int, int, int] | None

    @classmethod
    def installed(cls) -> Hugo:
        """The ``hugo`` on ``PATH``, its version asked once for each binary (by its path, size and last change) in a
        process, and only of a command that needs it."""
        path = shutil.which("hugo")
        try:
            status = os.stat(path) if path else None
        except OSError:
            status = None
        return cls(path, _version(path, status.st_size, status.st_mtime_ns) if path and status else None)

    def __str__(self) -> str:
        if self.path is None:
            return "no hugo is installed here"
        return f"Hugo {'.'.join(map(str, self.version))}" if self.version else f"{self.path} names no version (hugo version)"


@lru_cache(maxsize=4)
def _version(path: str, *changed: int) -> tuple[int, int, int] | None:
    """What ``hugo version`` says of the binary at ``path`` (``hugo v0.111.3+extended linux/amd64 …``), as numbers."""
    try:
        said = subprocess.run([path, "version"], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return None
    found = re.search(r"\bv?(\d+)\.(\d+)\.(\d+)", said)
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


config_paths = hugo_config_paths
"""The files Hugo reads, the one whose settings win first (``site.hugo_config_paths``: ``HugoConfig.value`` takes the
first file's)."""


_INLINE_TABLE = re.compile(r"^[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*\{", re.MULTILINE)


def _inline_tables(path: Path, key: str | None) -> frozenset[str]:
    """The root settings a TOML file of root settings writes as inline tables (before its first ``[table]``)."""
    if path.suffix != ".toml" or key is not None:
        return frozenset()
    top = re.split(r"^[ \t]*\[", path.read_text(encoding="utf-8"), maxsplit=1, flags=re.MULTILINE)[0]
    return frozenset(name.lower() for name in _INLINE_TABLE.findall(top))


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        return tomllib.loads(text)
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def _get(settings: dict[str, Any], name: str) -> tuple[str, Any] | None:
    """A setting by its name in any case (Hugo's are told apart without it): its name as written and its value."""
    wanted = name.lower()
    return next(((str(key), value) for key, value in settings.items() if str(key).lower() == wanted), None)


def _custom_addresses(settings: Any) -> str | None:
    """The setting of a Hugo config (any level) that gives pages other addresses than Hugo's defaults, if any."""
    if not isinstance(settings, dict):
        return None
    for key, value in settings.items():
        name = str(key).lower()
        if name == "params":
            continue  # a theme's own settings (``[params] uglyURLs``), not Hugo's
        if name == "permalinks" and value:
            return "permalinks"
        if name in ("uglyurls", "defaultcontentlanguageinsubdir", "disablepathtolower") and value is True:
            return str(key)
        found = _custom_addresses(value)
        if found:
            return found
    return None


# Whether Hugo pairs the two languages as export writes them -----------------------------------------------------------

Setting = tuple[tuple[str, ...], str, Any]
"""A setting to add: the tables it is in (``("languages", "nl")``; none: a root setting), its name and its value."""


def language_problem(site: Site) -> ConfigError | None:
    """Why Hugo would not build the English export writes into ``site`` as the translation of its Dutch page, with
    the settings to add in the configuration's own format; None when it would, when the site is no Hugo site, when
    its configuration is not found or cannot be read (Hugo says so itself), or when there is no Dutch document."""
    if not site.config.layout.startswith("hugo"):
        return None
    config = HugoConfig.of(site)
    if not config.files or config.unreadable:
        return None
    facts, missing = _missing(site, config)
    documents = site.source_paths() if missing else []  # a sound configuration lists none
    if not documents:
        return None
    additions = _additions(config, missing)
    hint = "".join(f"{addition}\n" for addition in additions)
    problem = f"{', '.join(facts)}: Hugo would {_consequence(site, documents, missing)}"
    return ConfigError(additions[0].file, problem, hint=f"{hint}then run invoke export")


def _missing(site: Site, config: HugoConfig) -> tuple[list[str], list[Setting]]:
    """What the configuration lacks for Hugo to pair the languages as export writes them, in words (as the file
    that holds ``languages`` names tables), and the settings to add: both languages; for ``hugo-by-folder`` each
    one's ``contentDir``; the Dutch as the default content language where a Dutch file names no language (Hugo would
    take it for the default language's), and whenever anything else lacks (the Dutch at ``/``, where the links'
    addresses have it)."""
    source, target = site.config.source_language, site.config.target_language
    by_folder = site.config.layout == "hugo-by-folder"
    languages = config.languages()
    form = (next((file for file in config.files if _get(file.settings, "languages")), None) or config.files[0]).format
    facts = [] if languages else [f"no {_named(form, 'languages')}{' table' if form == 'toml' else ''}"]
    missing: list[Setting] = []
    if absent := [code for code in (source, target) if languages and code not in languages]:
        facts.append(f"{_named(form, 'languages')} lacks {' and '.join(absent)}")
    for weight, code in enumerate((source, target), 1):
        table, folder = ("languages", code), f"content/{code}"
        if code not in languages:
            missing += [(table, "languageCode", code), (table, "weight", weight)] + ([(table, "contentDir", folder)] if by_folder else [])
        elif by_folder and (own := str((_get(languages[code], "contentDir") or ("", ""))[1])).strip("./") != folder:
            facts.append(f"{_named(form, *table)} has " + (f"contentDir {own!r}, not {folder!r}" if own else f"no contentDir {folder!r}"))
            missing.append((table, "contentDir", folder))
    if config.default_language != source and (missing or (not by_folder and _unnamed(site))):
        found = config.value("defaultContentLanguage")
        facts.append(f"{found[0]} is {found[1]!r}" if found else "no defaultContentLanguage (Hugo's default is 'en')")
        missing.append(((), "defaultContentLanguage", source))
    return facts, missing


def _unnamed(site: Site) -> bool:
    """Whether a Dutch file names no language (``post.md``, not ``post.nl.md``): Hugo takes it for the default
    language's."""
    return any(not path.stem.endswith(f".{site.config.source_language}") for path in site.source_paths())


def _named(form: str, *tables: str) -> str:
    """A table as a file of ``form`` names it: ``[languages.nl]`` in TOML, ``languages.nl`` else."""
    return f"[{'.'.join(tables)}]" if form == "toml" else ".".join(tables)


def _consequence(site: Site, documents: list[Path], missing: list[Setting]) -> str:
    """What Hugo would make of a post's English file (``missing``: the settings that lack), in words."""
    source, target = site.config.source_language, site.config.target_language
    page = next((path for path in documents if not path.name.startswith("_index.")), documents[0])
    english, dutch = site.relative(site.english_file(page)), site.relative(page)
    if site.config.layout == "hugo-by-folder":
        apart = all((("languages", code), "contentDir", f"content/{code}") in missing for code in (source, target))
        return f"not pair {english}, which export writes, with {dutch}" + (
            f": it would publish both as pages of one language, under /{source}/ and /{target}/" if apart else "")
    if missing[-1][1] == "defaultContentLanguage" and not page.stem.endswith(f".{source}"):  # Hugo's default language's
        return f"build {english}, which export writes, in the place of the Dutch page {dutch}"
    if (("languages", target), "languageCode", target) in missing:
        return f"build {english}, which export writes, as a page of its own, not as the English of {dutch}"
    return f"not pair {english}, which export writes, with {dutch}"


@dataclass(frozen=True)
class _Addition:
    """Settings to add to one table of one file: the file's name and format, the tables that lead to that table as the
    file has them (none: the file's top level), and the settings, nested below it."""

    file: str
    format: str
    table: tuple[str, ...]
    settings: dict[str, Any]
    replaced: str = ""
    """The setting the lines take the place of, as the file names it: one set to another value, or a TOML inline
    table (its line goes, the lines are added at the file's end)."""
    among_others: bool = False
    """Whether the table has settings already (a JSON object's members then each need a comma after them)."""

    def __str__(self) -> str:
        """What to add where, and the lines to add, as the file writes them."""
        if self.replaced:
            return self._replacement()
        if self.format == "json":
            where = f" at the start of {' → '.join(map(json.dumps, self.table)) if self.table else 'its outermost'} object"
            lines = json.dumps(self.settings, indent=2)[2:-2] + ("," if self.among_others else "")  # the members, for the object
        elif self.format == "yaml":
            where = f" under {' → '.join(self.table)}" if self.table else ""
            lines = yaml.safe_dump(self.settings, sort_keys=False, allow_unicode=True).rstrip("\n").replace("\n", "\n" + "  " * len(self.table))
            lines = "  " * len(self.table) + lines
        else:
            own = [key for key, value in self.settings.items() if not isinstance(value, dict)]
            where = f" under [{'.'.join(self.table)}]" if self.table and own else f" ({', '.join(own)} above the first [table])" if own else ""
            lines = "\n".join(_toml_lines(self.settings, self.table))
        return f"add to {self.file}{where}:\n{lines}"

    def _replacement(self) -> str:
        """What to write in the place of a setting: its new value, or an inline table's tables."""
        if isinstance(self.settings[self.replaced], dict):  # an inline table
            lines = "\n".join(_toml_lines(self.settings, ()))
            return f"in {self.file}, take out the line {self.replaced} = {{…}} and add at the file's end:\n{lines}"
        value = self.settings[self.replaced]
        line = {"json": f"{json.dumps(self.replaced)}: {json.dumps(value)}", "yaml": f"{self.replaced}: {json.dumps(value)}"}.get(
            self.format, f"{self.replaced} = {json.dumps(value)}")
        return f"change in {self.file} the value of {self.replaced}:\n{line}"


def _additions(config: HugoConfig, missing: list[Setting]) -> list[_Addition]:
    """The settings to add, by the table of a file they go into: ``languages`` where it is set already (in its own
    file of ``config/_default/``, without its name), the others in the first file of root settings
    (``config/_default/hugo.toml`` when there is none); each below the deepest of its tables the file has already
    (a table written twice is an error in TOML, a key written twice a doubt in YAML). Not in ``config/production/``
    where another file will do: what is added there, ``hugo server`` (the development environment) never reads."""
    files = [file for file in config.files if not file.name.startswith("config/production/")] or config.files
    root = next((file for file in files if file.key is None), None)
    holder = next((file for file in files if _get(file.settings, "languages")), root)
    additions: dict[tuple[str, tuple[str, ...]], _Addition] = {}
    for tables, name, value in missing:
        if not tables and (setter := config.setter(name)) is not None and setter.key is None:  # set to another value
            written = _get(setter.settings, name)[0]  # type: ignore[index]
            additions[(setter.name, (written,))] = _Addition(setter.name, setter.format, (), {written: value}, replaced=written)
            continue
        file = holder if tables[:1] == ("languages",) else root
        if file is None:
            file = ConfigFile("config/_default/hugo.toml", "toml", None, {})
        if tables and file.key is None and tables[0] in file.inline:  # TOML's inline table: written out as tables instead
            written, table = _get(file.settings, tables[0])  # type: ignore[misc]
            replacement = additions.setdefault((file.name, (written,)), _Addition(
                file.name, file.format, (), {written: copy.deepcopy(table)}, replaced=written))
            place = replacement.settings[written]
            for part in tables[1:]:
                place = place.setdefault(part, {})
            place[name] = value
            continue
        if file.key is not None:
            tables = tables[1:]  # the file holds that setting alone
        data = file.settings if file.key is None else file.settings[file.key]
        existing: list[str] = []
        for table in tables:
            found = _get(data, table) if isinstance(data, dict) else None
            if found is None or not isinstance(found[1], dict):
                break
            existing.append(found[0])
            data = found[1]
        addition = additions.setdefault(
            (file.name, tuple(existing)), _Addition(file.name, file.format, tuple(existing), {}, among_others=bool(data)))
        place = addition.settings
        for table in tables[len(existing):]:
            place = place.setdefault(table, {})
        place[name] = value
    return list(additions.values())


def _toml_lines(table: dict[str, Any], path: tuple[str, ...]) -> list[str]:
    """A table at ``path`` as TOML: its own values first, then each of its tables under its ``[header]`` (one that
    holds only tables needs none)."""
    lines = [f"{key} = {json.dumps(value)}" for key, value in table.items() if not isinstance(value, dict)]
    for key, value in table.items():
        if isinstance(value, dict):
            header = [f"[{'.'.join((*path, key))}]"] if any(not isinstance(item, dict) for item in value.values()) else []
            lines += header + _toml_lines(value, (*path, key))
    return lines
