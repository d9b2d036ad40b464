"""What a Jekyll site's own ``_config.yml`` says that the pipeline depends on: which collections Jekyll writes as
pages (``collections:`` with ``output: true``), the permalink patterns of the posts and of each such collection,
where the collections are (``collections_dir``) and which files Jekyll reads (``exclude:``, ``include:``).

Jekyll reads the file only as it starts; so does the pipeline: once for each site it opens (``Site.jekyll``).
A file that cannot be read or parsed says nothing: Jekyll refuses to build with it, and says why.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import ConfigError

if TYPE_CHECKING:
    from .site import Site

JEKYLL_CONFIG = "_config.yml"

_NAME = re.compile(r"[A-Za-z0-9_-]+")
"""A collection's name as it names its folder (``recepten`` → ``_recepten/``); any other is no folder of the site."""

DEFAULT_COLLECTION_PERMALINK = "/:collection/:path:output_ext"
"""Where Jekyll writes a collection's document when neither the collection nor the document sets a permalink."""

STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
"""The posts' pattern of each named permalink style (Jekyll's ``configuration.rb``, ``STYLE_TO_PERMALINK``); ``date``
is the default."""

DESTINATION = "_site"
"""Where Jekyll writes the site where ``destination:`` does not say (``configuration.rb``, ``DEFAULTS``)."""

DRAFTS = "_drafts"
"""Where Jekyll reads the drafts (``post_reader.rb``), beside ``_posts``."""

DEFAULT_EXCLUDES = (
    ".sass-cache", ".jekyll-cache", ".ruby-lsp", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
)
"""What Jekyll leaves out besides a site's own ``exclude:`` (``configuration.rb``, ``DEFAULT_EXCLUDES``): Jekyll 4
adds them to a site's own list (jekyll/jekyll#7188); Jekyll 3, which GitHub Pages runs, leaves out only what that list
names once there is one."""

PIPELINE_OWN = ("pipeline.yaml", "tasks.py", "build/", ".cache/")
"""publish_pipeline's own files and folders in a site (the PO files' folder besides), which ``jekyll build`` must
leave out: Jekyll copies every file it does not leave out (``leaves_out``) into the site it publishes."""

_SPECIAL = (".", "_", "#", "~")
"""How the name of a file or folder Jekyll skips unless ``include:`` names it begins (``entry_filter.rb``)."""


@dataclass(frozen=True)
class JekyllConfig:
    """``permalink``: the posts' pattern (``collections: posts: permalink:``, else the site's ``permalink``, a named
    style as its pattern; None where it is set to nothing). ``collections``: each collection Jekyll writes as pages
    (``output: true``; not ``posts``), by name, with its ``permalink`` pattern (None: Jekyll's default).
    ``exclude``/``include``: the patterns of what Jekyll leaves out and of what it reads although its name starts
    with ``_``, ``.``, ``#`` or ``~`` (``_pages``, as Minimal Mistakes has it), Jekyll's defaults added as it adds
    them. ``collections_dir``: the folder of the collections (posts too), ``""`` for the site's. ``digest``: what of
    the file the English's addresses depend on, as a short hash (it changes when they may)."""

    permalink: str | None = STYLES["date"]
    collections: tuple[tuple[str, str | None], ...] = ()
    exclude: frozenset[str] = frozenset(DEFAULT_EXCLUDES)
    digest: str = ""
    page_suffix: str = ".html"
    """How a page's address ends after its name: ``/`` in the ``pretty`` style or with a pattern ending in ``/``."""
    include: frozenset[str] = frozenset({".htaccess"})
    collections_dir: str = ""
    address: str = ""
    """Where the site is published (``url`` and ``baseurl`` joined); ``""`` where ``url`` is not set."""
    plugins: frozenset[str] = frozenset()
    """The gems the site loads as plugins (``plugins:``, or ``gems:`` as older sites have it)."""
    show_drafts: bool = False
    """Whether Jekyll builds the drafts (``show_drafts: true``, as ``--drafts`` sets it: ``site.rb``, ``reader.rb``)."""
    destination: str = DESTINATION
    """Where ``jekyll build`` writes the site (``destination:``), site-relative; ``""`` outside the site. Jekyll reads
    no page there (``reader.rb``, ``retrieve_dirs``), nor does the pipeline."""
    defaults: tuple[tuple[str, str | None, Mapping[str, Any]], ...] = ()
    """``defaults:``: each set's scope ``path`` (``""``: every file), its ``type`` (``pages``, ``posts``, a
    collection's name; None: every type) and its ``values``, in the file's order."""
    timezone: str | None = None
    """``timezone:``, the zone Jekyll builds in (``site.rb`` sets ``TZ``), which a date with a time zone of its own is
    moved into (``utils.rb``, ``parse_date``: ``localtime``); None where it is not set: the zone of the machine that builds."""
    title: str | None = None
    """The site's name (``title:``), where it is set."""

    def with_defaults(self, path: str, kind: str, front: Mapping[str, Any]) -> Mapping[str, Any]:
        """``front`` over the ``defaults:`` that apply to the document of ``kind`` at ``path`` (a page's site-relative;
        a post's or a collection document's below ``collections_dir``), as Jekyll merges them
        (``frontmatter_defaults.rb``, ``all``): of two sets, the one with the longer scope path wins, at equal length
        the one with a type, else the later; the document's own front matter wins over all."""
        merged: dict[str, Any] = {}
        winner: tuple[str, str | None] | None = None
        for scope, type_, values in self.defaults:
            if (type_ is None or type_ == kind) and _in_scope(path, scope):
                if winner is None or _precedes((scope, type_), winner):
                    merged, winner = {**merged, **values}, (scope, type_)
                else:
                    merged = {**values, **merged}
        return {**merged, **front} if merged else front

    @classmethod
    def of(cls, root: Path) -> JekyllConfig:
        """The Jekyll settings of the site in ``root`` (Jekyll's defaults where it has no readable ``_config.yml``)."""
        try:
            settings = yaml.safe_load((root / JEKYLL_CONFIG).read_bytes())
        except (OSError, yaml.YAMLError, ValueError):
            return cls()
        return _read(settings, root) if isinstance(settings, dict) else cls()

    def collection_permalink(self, name: str) -> str:
        """The permalink pattern of the output collection ``name`` (Jekyll's default where it sets none)."""
        return dict(self.collections).get(name) or DEFAULT_COLLECTION_PERMALINK

    def leaves_out(self, relative: str, folder: bool) -> bool:
        """Whether Jekyll leaves out the file (or ``folder``) at the site-relative ``relative`` as it reads the site
        (``entry_filter.rb``): excluded and not included, or its name starts with ``_``, ``.``, ``#`` or ``~`` or
        ends with ``~`` and ``include:`` does not name it."""
        if folder and relative == self.destination:
            return True
        name = relative.rpartition("/")[2]
        included = _matches(self.include, name, folder)
        if not included and _matches(self.exclude - self.include, relative, folder):
            return True
        return not included and (name.startswith(_SPECIAL) or name.endswith("~"))


def _matches(patterns: frozenset[str], relative: str, folder: bool) -> bool:
    """Jekyll's ``glob_include?``: a pattern matches a path as a glob (``*`` crosses ``/``), as the start of its
    text (``docs`` matches ``docs/x.md``), or as a folder's name with ``/`` (``vendor/bundle/``)."""
    return any(
        fnmatch.fnmatchcase(relative, pattern) or relative.startswith(pattern) or (folder and pattern == relative + "/")
        for pattern in patterns
    )


def _read(settings: dict[object, object], root: Path) -> JekyllConfig:
    """``JekyllConfig.of`` for the parsed ``settings``."""
    collections = _collections(settings.get("collections"))
    posts = collections.get("posts")
    style = settings.get("permalink", "date")
    own = posts.get("permalink") if isinstance(posts, dict) else None
    permalink = own if isinstance(own, str) and own.strip() else STYLES.get(style, style) if isinstance(style, str) and style.strip() else None
    outputs = tuple(
        (name, _pattern(value.get("permalink")))
        for name, value in collections.items()
        if isinstance(value, dict) and value.get("output") is True and name != "posts"
    )
    excluded = settings.get("exclude", [])
    included = _names(settings.get("include", [".htaccess"]))
    excluded = _names(excluded) | frozenset(DEFAULT_EXCLUDES) if excluded is not None else frozenset()  # Jekyll adds its own
    folder = settings.get("collections_dir")
    collections_dir = folder.strip().strip("/") if isinstance(folder, str) else ""
    site_pattern = _pattern(style)
    suffix = "/" if style == "pretty" or (site_pattern or "").endswith("/") else "" if site_pattern and not site_pattern.endswith(":output_ext") else ".html"
    defaults = _defaults(settings.get("defaults"), collections_dir)
    url, base = settings.get("url"), settings.get("baseurl")
    address = url.strip().rstrip("/") + ("/" + base.strip().strip("/") if isinstance(base, str) and base.strip("/ ") else "") if isinstance(url, str) and url.strip() else ""
    plugins = frozenset(name for key in ("plugins", "gems") if isinstance(names := settings.get(key), list) for name in names if isinstance(name, str))
    destination = _destination(settings.get("destination"), root)
    drafts = settings.get("show_drafts") is True
    zone, title = settings.get("timezone"), settings.get("title")
    zone = zone.strip() if isinstance(zone, str) and zone.strip() else None
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    digest = hashlib.sha256(repr((permalink, outputs, suffix, collections_dir, defaults, zone)).encode()).hexdigest()[:16]
    return JekyllConfig(
        permalink.strip() if permalink else None, outputs, excluded, digest, suffix, included, collections_dir, address, plugins, drafts,
        destination, defaults, zone, title,
    )


_OLD_TYPES = {"page": "pages", "post": "posts", "draft": "drafts"}
"""The scope types Jekyll still takes by their old names (``frontmatter_defaults.rb``, ``update_deprecated_types``)."""


def _defaults(value: object, collections_dir: str) -> tuple[tuple[str, str | None, Mapping[str, Any]], ...]:
    """``defaults:`` as ``JekyllConfig.defaults``: a set without a mapping of ``values`` is left out (Jekyll warns),
    a scope path as Jekyll compares it (no leading ``/``, ``collections_dir`` taken off)."""
    found = []
    for entry in value if isinstance(value, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        scope = entry.get("scope") if isinstance(entry.get("scope"), dict) else {}
        path = scope.get("path") if isinstance(scope.get("path"), str) else ""
        path = path.removeprefix("/")
        if collections_dir and path.startswith(collections_dir + "/"):
            path = path[len(collections_dir) + 1:]
        type_ = scope.get("type")
        found.append((path, _OLD_TYPES.get(type_, type_) if isinstance(type_, str) else None, entry["values"]))
    return tuple(found)


def _precedes(new: tuple[str, str | None], old: tuple[str, str | None]) -> bool:
    """Whether the scope ``new`` (path, type) of a later set wins over ``old`` (``has_precedence?``): a longer path,
    else a type of its own, else where ``old`` has none either."""
    if len(new[0]) != len(old[0]):
        return len(new[0]) > len(old[0])
    return new[1] is not None or old[1] is None


def _in_scope(path: str, scope: str) -> bool:
    """Whether a scope path reaches ``path``: as the start of its text (``frontmatter_defaults.rb``,
    ``path_is_subpath?``), a glob (``*``) as the start of a path it matches."""
    if "*" not in scope:
        return path.startswith(scope)
    parts = path.split("/")
    return any(fnmatch.fnmatchcase("/".join(parts[:end]), scope) for end in range(1, len(parts) + 1))


def draft_count(site: Site) -> int:
    """How many drafts a Jekyll site has in the ``_drafts/`` Jekyll reads (``Site.jekyll_drafts``: a folder's too,
    ``blog/_drafts/``), which the pipeline never translates (``drafts_note``); none in another layout."""
    return len(site.jekyll_drafts()) if site.config.layout == "jekyll" else 0


def drafts_note(count: int, config: JekyllConfig) -> str | None:
    """What status says of a Jekyll site's ``count`` drafts (``_drafts/``), which the pipeline never translates:
    ``jekyll build`` leaves them out (``reader.rb``: read only where ``show_drafts`` is set, by ``--drafts`` or
    ``_config.yml``), and where it builds them, a draft is dated by its file's last change (``document.rb``:
    ``source_file_mtime``), so its address moves with each edit; None without drafts."""
    if not count:
        return None
    why = ("Jekyll dates a draft by its file's last change (show_drafts: true), so its English address is not known"
           if config.show_drafts else "Jekyll builds them only with --drafts")
    return f"{DRAFTS}/: {count} draft{'s' * (count != 1)} not translated: {why}; move one into _posts/, its date in its name, to translate it"


def _destination(value: object, root: Path) -> str:
    """``destination:`` as a site-relative name, ``""`` outside the site (or the site itself, which Jekyll refuses):
    Jekyll expands it from the folder it runs in (``site.rb``: ``File.expand_path``), the site's, as CI and a person
    run it; ``_site`` where it is not set."""
    if not isinstance(value, str) or not value.strip():
        return DESTINATION
    relative = os.path.relpath(os.path.normpath(os.path.join(root, os.path.expanduser(value.strip()))), root).replace(os.sep, "/")
    return "" if relative == "." or relative.startswith("../") or relative == ".." else relative


def _names(value: object) -> frozenset[str]:
    """The patterns of an ``exclude:``/``include:`` list, relative to the site (Jekyll joins them to its folder)."""
    return frozenset(name.lstrip("/") for name in value if isinstance(name, str) and name.strip("/")) if isinstance(value, list) else frozenset()


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


def published_own(site: Site) -> list[str]:
    """publish_pipeline's own files and folders in a Jekyll site that ``jekyll build`` would copy into the site it
    publishes (``JekyllConfig.leaves_out``), a folder's name with ``/``: the PO files' folder (``translations/``, with
    the machine drafts nobody reviewed), ``pipeline.yaml``, ``tasks.py``, ``build/`` and ``.cache/``, whether or not
    the site has them yet (a clone gets them as it works); none in another layout."""
    if site.config.layout != "jekyll":
        return []
    catalogs = site.relative(site.catalog_dir).split("/")[0] + "/"
    return [name for name in (catalogs, *PIPELINE_OWN) if not site.jekyll.leaves_out(name.rstrip("/"), name.endswith("/"))]


class PublishesOwnFiles(ConfigError):
    """``jekyll build`` would publish publish_pipeline's own files (``published_problem``)."""


def published_problem(site: Site, names: list[str]) -> ConfigError:
    """The error of a Jekyll site whose ``jekyll build`` would publish publish_pipeline's ``names``
    (``published_own``), with the exact lines that leave them out."""
    text = _config_text(site.root)
    listing = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
    drafts = " (its PO files hold machine drafts nobody reviewed)" if names[0] not in PIPELINE_OWN else ""
    key = _EXCLUDE_KEY.search(text) if text is not None else None
    line = None
    if key is None:
        fix = f"add this line to {JEKYLL_CONFIG}: {_new_exclude(names)} (Jekyll's own excludes among them: Jekyll 3, as on GitHub Pages, drops those from a site that sets exclude:)"
    elif text is None or with_excludes(text, names) is not None:
        fix = f"add {', '.join(names)} to the exclude: list in {JEKYLL_CONFIG}"
    else:  # export would refuse it: the line to write instead, where it can be told
        line = text[: key.start()].count("\n") + 1
        fix = _rewritten(text, names, line)
    return PublishesOwnFiles(
        JEKYLL_CONFIG, f"jekyll build would publish {listing}{drafts}: Jekyll copies every file whose name does not start with _ . # ~ unless exclude: names it",
        line=line, hint=f"{fix}; invoke export adds them where it can" if line is None else fix,
    )


def _rewritten(text: str, names: list[str], line: int) -> str:
    """What to do with an ``exclude:`` export cannot add ``names`` to (at ``line`` of ``text``; ``with_excludes`` refused
    it): the one line to write in its place, its items and ``names`` (Jekyll's own excludes too where it is null)."""
    try:
        current = (yaml.safe_load(text) or {}).get("exclude")
    except (yaml.YAMLError, AttributeError):
        current = ()
    items = _with_defaults(names) if current is None else [*([current] if isinstance(current, str) else current if isinstance(current, list) else []), *names]
    written = f"exclude: [{', '.join(map(_flow_item, items))}]"
    anchored = " (and where an alias names its list, write the list there too)" if "&" in text.splitlines()[line - 1] else ""
    twice = len(_EXCLUDE_KEY.findall(text))
    which = f"the {twice} exclude: of this file (YAML takes the last)" if twice > 1 else "this exclude:"
    return f"invoke export cannot add them to {which} as it is written: replace it, and the lines of its list, with this line: {written}{anchored}"


def _flow_item(item: object) -> str:
    """An item of a YAML flow list as written: plain where YAML reads it back as this text, else in single quotes."""
    text = str(item)
    try:
        plain = re.fullmatch(r"[^\s\[\]{},#&*!|>'\"%@`:-][^\[\]{},#:]*", text) is not None and yaml.safe_load(f"[{text}]") == [text]
    except yaml.YAMLError:
        plain = False
    return text if plain else "'" + text.replace("'", "''") + "'"


def exclude_own(site: Site, names: list[str]) -> bool:
    """Add publish_pipeline's ``names`` (``published_own``) to the ``exclude:`` of the site's ``_config.yml``, every
    other byte as it is (its comments and layout): a new ``exclude:`` at its end (with Jekyll's own excludes, which
    Jekyll 3 drops from a site that sets the list), or the names at the end of a list on one line or of plain items on
    lines of their own. False where it cannot be done so (another form of the list, a file that cannot be read), or
    where the file would then say more than that. A site without the file gets one."""
    from .plumbing.files import write_atomic

    text = _config_text(site.root)
    changed = None if text is None else with_excludes(text, names)
    if changed is None:
        return False
    write_atomic(site.root / JEKYLL_CONFIG, changed)
    return True


_EXCLUDE_KEY = re.compile(r"^exclude[ \t]*:", re.MULTILINE)
_ANCHOR = r"(?:&[^\s\[\]{},]+[ \t]+)?"
_FLOW = re.compile(r"(exclude[ \t]*:[ \t]*" + _ANCHOR + r"\[)([^\[\]#]*?)(\][ \t]*(?:#[^\n]*)?(?:\n|$))")
"""A flow list, on one line or over several (``exclude: [a,\\n  b]``), anchored or not, without comments inside."""
_NULL = re.compile(r"(exclude[ \t]*:(?:[ \t]*&[^\s\[\]{},]+)?)([ \t]*(?:~|null|Null|NULL)?)([ \t]*(?:#[^\n]*)?(?:\n|$))")
"""An ``exclude:`` with no value on its line (null, or a block list below it), anchored or not."""
_ITEM = re.compile(r"^([ \t]*)-[ \t]+[^\s#].*\n?$")
_NOTHING = re.compile(r"^[ \t]*(?:#.*)?\n?$")


def _config_text(root: Path) -> str | None:
    """The text of the site's ``_config.yml`` (``""`` where it has none: Jekyll's defaults); None where it cannot be read."""
    path = root / JEKYLL_CONFIG
    try:
        return path.read_text(encoding="utf-8") if os.path.lexists(path) else ""
    except (OSError, UnicodeDecodeError):
        return None


def _with_defaults(names: list[str]) -> list[str]:
    """``names`` and Jekyll's own excludes that Jekyll would not leave out anyway (not ``.sass-cache``)."""
    return list(dict.fromkeys([*names, *(name for name in DEFAULT_EXCLUDES if not name.startswith(_SPECIAL))]))


def _new_exclude(names: list[str]) -> str:
    """The ``exclude:`` line that leaves out ``names`` in a ``_config.yml`` that has none."""
    return f"exclude: [{', '.join(_with_defaults(names))}]"


def with_excludes(text: str, names: list[str]) -> str | None:
    """``_config.yml``'s ``text`` with ``names`` added to its ``exclude:`` (see ``exclude_own``); None where that
    cannot be done without touching anything else, as parsing the result shows."""
    try:
        before = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError:
        return None
    if not isinstance(before, dict):
        return None
    lines = text.splitlines(keepends=True)
    starts = [number for number, line in enumerate(lines) if _EXCLUDE_KEY.match(line)]
    if not starts:
        ending = "" if not text or text.endswith("\n") else "\n"
        changed = f"{text}{ending}{chr(10) if text else ''}# publish_pipeline's files, which jekyll build would publish (added by invoke export)\n{_new_exclude(names)}\n"
        wanted = _with_defaults(names)
    elif len(starts) == 1:
        start = starts[0]
        offset = sum(map(len, lines[:start]))
        flow, null = _FLOW.match(text, offset), _NULL.match(text, offset)
        wanted = [*(before.get("exclude") or []), *names]
        if flow:  # the names before its ']', after its last item (a trailing comma kept), the line breaks as they are
            inside = flow[2].rstrip()
            separator = " " if inside.endswith(",") else ", " if inside.strip() else ""
            changed = text[: flow.start(2)] + inside + separator + ", ".join(names) + flow[2][len(inside):] + text[flow.start(3):]
        elif null:
            end, indent = start + 1, None
            for number in range(start + 1, len(lines)):
                item = _ITEM.match(lines[number])
                if item and (indent is None or item[1] == indent):
                    end, indent = number + 1, item[1]
                elif not (_NOTHING.match(lines[number]) and number + 1 < len(lines) and _ITEM.match(lines[number + 1])):
                    break
            if indent is None:  # null: Jekyll's own excludes too, as in a new list
                wanted = _with_defaults(names)
                changed = text[: null.end(1)] + f" [{', '.join(wanted)}]" + text[null.start(3):]
            else:
                if not lines[end - 1].endswith("\n"):
                    lines[end - 1] += "\n"
                lines[end:end] = [f"{indent}- {name}\n" for name in names]
                changed = "".join(lines)
        else:
            return None
    else:
        return None
    try:
        after = yaml.safe_load(changed)
    except yaml.YAMLError:
        return None
    return changed if after == {**before, "exclude": wanted} else None
