"""Where a generator serves a page: Hugo's and Jekyll's conventions for the address of a document's page, from its
file and front matter (its own ``url``, ``permalink`` or ``slug`` moves it), Dutch or English as export writes it.
Export's link map (``output.link_map``) maps links by them, status and check say each English URL by them, and an
earlier English's links to a post deleted since are found by them (``text.links.renamed_links``), so they sit here,
below all three."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections.abc import Mapping
from typing import Any

from ..jekyll_config import JEKYLL_CONFIG
from ..site import Site
from .document import SECTION
from .hugo_rendering import hugo_address


def generator_url(url: str, slug: str, source_language: str, target_language: str) -> str:
    """An author's ``url``/``permalink`` as the English file carries it: under the language, ending in the
    English slug (``/blog/x/`` → ``/en/blog/slug/``; ``/nl/blog/x`` → ``/en/blog/slug``)."""
    parts = url.strip("/ ").split("/")
    parts[0:1] = [target_language] if parts[0] == source_language else [target_language, parts[0]]
    parts[-1] = slug
    return "/" + "/".join(parts) + ("/" if url.rstrip().endswith("/") else "")


def page_address(
    site: Site, document_id: str, front: Mapping[str, Any], english_slug: str | None, in_place: bool, location: str | None = None,
) -> str | None:
    """Where the generator serves the page of the document ``document_id`` with the (Dutch) front matter ``front``
    (its English one, with ``english_slug``), as a path of the site; None when that cannot be known.

    Hugo (its layouts, and the ``nl/`` + ``en/`` tree of ``--out``) with its defaults: ``/<sections>/<name>/``,
    the name being the front matter's ``slug`` or the file's (a bundle's folder), lowercased; a section page
    (``_index``) at its section; an ``url`` as written; the English under ``/en/`` (``defaultContentLanguageInSubdir``
    false). Jekyll: a page's ``permalink`` (or ``url``) as written, the English's as export writes it; else where
    Jekyll puts the document of the file at ``location`` (``jekyll_address``).
    """
    language = site.config.target_language
    front = site.jekyll_front(location, front) if site.config.layout == "jekyll" and location else front
    own_url = next((front[key] for key in ("url", "permalink") if isinstance(front.get(key), str) and front[key].strip("/ ")), None)
    if own_url is not None and not (site.config.layout == "jekyll" and ":" in own_url):  # a pattern: Jekyll fills it in
        if english_slug is None:
            return "/" + own_url.strip().lstrip("/")
        if document_id.rpartition("/")[2] == SECTION:  # no slug entry: export's url: ends in its Dutch slug (``Document.slug``)
            own_slug = front.get("slug")
            english_slug = own_slug.strip() if isinstance(own_slug, str) and own_slug.strip() else own_url.strip("/ ").rsplit("/", 1)[-1]
        return generator_url(own_url, english_slug, site.config.source_language, language) if in_place else "/" + own_url.strip().lstrip("/")
    if site.config.layout == "jekyll":
        return jekyll_address(site, location, front, english_slug) if location and in_place else None
    if english_slug is None:
        return hugo_address(document_id, front)
    *folders, name = document_id.split("/")
    names = [language, *folders, *([] if name == SECTION else [english_slug.strip()])]
    return ("/" + "/".join(names) + "/").replace("//", "/").lower()


def jekyll_address(site: Site, location: str, front: Mapping[str, Any], english_slug: str | None) -> str | None:
    """Where Jekyll serves the document of the file at ``location`` that sets no permalink (its English, with
    ``english_slug``, as export writes it: see ``export.jekyll_permalink``); None where that cannot be known.

    A page: ``/<folder>/<name>.html`` (``/<folder>/<name>/`` in the ``pretty`` style or a pattern ending in ``/``),
    an ``index`` at its folder; the English below ``/en/``. A post: the posts' pattern (``post_pattern``: its
    ``:categories`` the Dutch post's) filled in, the English's below ``/en/``; a collection's document: the
    collection's. The English's ``:title`` is its slug. Unknown: any other placeholder, categories Jekyll escapes, a
    date with a time zone (Jekyll moves it into the site's), a title Jekyll would change when it makes it a slug."""
    config = site.jekyll
    prefix = f"/{site.config.target_language}" if english_slug is not None else ""
    folder, _, name = location.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    collection = site.jekyll_collection(site.root / location)
    place = site.jekyll_place(location)
    if collection is None and not site.jekyll_post(location):  # a page
        address = page_url(config.page_suffix, folder, stem, front.get("permalink"))
        return prefix + address if address is not None else None
    own_slug = front.get("slug")
    title = english_slug or (own_slug if isinstance(own_slug, str) else _POST_NAME.sub("", stem) if collection is None else stem)
    values = {"title": title, "slug": title.lower(), "output_ext": ".html", **_date_values(front.get("date"), stem if collection is None else "", config.timezone)}
    if collection is not None:
        values.update(collection=collection, path=collection_path(place, english_slug), name=(english_slug or stem).lower())
    pattern = config.collection_permalink(collection) if collection is not None else post_pattern(site, front)
    if not _SIMPLE_TITLE.fullmatch(title) or pattern is None:
        return None
    filled = _PLACEHOLDER.sub(lambda match: values.get(match[1], "\0"), pattern)
    return None if "\0" in filled else prefix + "/" + re.sub("/+", "/", filled).lstrip("/")


def unknown_why(site: Site, location: str, front: Mapping[str, Any]) -> tuple[str, str]:
    """Why the address of the Jekyll document at ``location`` (Dutch front matter ``front``) is not known
    (``jekyll_address`` says None), and what to do."""
    front = site.jekyll_front(location, front)
    permalink = "give it a permalink: of its own"
    if site.jekyll_page(site.root / location):
        return "Jekyll escapes characters of its folder or file name in its address", permalink
    collection = site.jekyll_collection(site.root / location)
    pattern = site.jekyll.collection_permalink(collection) if collection is not None else post_pattern(site, front)
    if pattern is None:
        return "its categories have characters Jekyll escapes, or the permalink has :slugified_categories", permalink
    date = front.get("date")
    dated = _parsed_date(date.strip()) if isinstance(date, str) else date
    if isinstance(dated, datetime.datetime) and dated.tzinfo is not None and site.jekyll.timezone is None:
        return (
            "its date has a time zone, which Jekyll moves into the zone of the machine that builds",
            f"drop the time zone from its date (or set timezone: in {JEKYLL_CONFIG}), or {permalink}",
        )
    if any(name not in _KNOWN_PLACEHOLDERS for name in _PLACEHOLDER.findall(pattern)):
        return f"the pipeline does not fill in every placeholder of {pattern}", f"{permalink} without them"
    return "its name or slug has characters Jekyll changes as it makes an address of it", f"give it a slug: of letters, digits and -, or {permalink}"


_KNOWN_PLACEHOLDERS = frozenset({
    "title", "slug", "output_ext", "collection", "path", "name", "categories",
    "year", "month", "day", "i_month", "i_day", "short_year", "hour", "minute", "second",
})


def page_url(suffix: str, folder: str, stem: str, permalink: object) -> str | None:
    """Where Jekyll serves the page of the file ``<folder>/<stem>.md`` (``page.rb``, ``url``): by its ``permalink``
    pattern where it has one (``/:path/:basename/``), its placeholders ``url_placeholders``' (``:path`` its folder,
    ``:basename`` its name, ``:output_ext`` ``.html``) and any other left as written (``url.rb``,
    ``generate_url_from_hash``: ``/:title/`` is served at ``/:title/``), then ``sanitize_url``'s; else by its
    ``template``: ``/<folder>/<stem>`` and ``suffix`` (``/``, ``.html``), an ``index`` at its folder. None where
    Jekyll escapes its folder or name."""
    if not (isinstance(permalink, str) and ":" in permalink):
        return "/" + (folder + "/" if folder else "") + ("" if stem == "index" else stem + suffix)
    if not _PLAIN_NAME.fullmatch(f"{folder}/{stem}"):
        return None
    filled = permalink.strip().replace(":path", folder).replace(":basename", stem).replace(":output_ext", ".html")
    return re.sub("/+", "/", ("/" + filled).replace("..", "/").replace("./", ""))


_PLAIN_NAME = re.compile(r"[A-Za-z0-9./_-]*")
"""A page's folder and name as Jekyll's ``URL.escape_path`` leaves them."""


def collection_path(place: str, english_slug: str | None = None) -> str:
    """The ``:path`` of a Jekyll collection's document at ``place`` (``Site.jekyll_place``: ``_recepten/soepen/erwtensoep.md``:
    ``soepen/erwtensoep``); its English's, as export writes its permalink, with the English slug for its name."""
    path = place.split("/", 1)[1].rsplit(".", 1)[0]
    return path if not english_slug else path.rpartition("/")[0] + ("/" if "/" in path else "") + english_slug


def post_pattern(site: Site, front: Mapping[str, Any]) -> str | None:
    """The permalink pattern of the post with the Dutch front matter ``front`` (with the ``defaults:`` that apply to it:
    ``Site.jekyll_front``): its own where it has placeholders (``/blog/:title/``), else the posts'
    (``JekyllConfig.permalink``); its ``:categories`` filled in with that post's (``post_categories``); None where they
    are not known. Its English
    (in ``en/_posts/``, where Jekyll adds the category ``en``) gets it under the language, written by export
    (``export.jekyll_permalink``): its address is the Dutch post's below ``/en/``, in every style."""
    own = front.get("permalink")
    pattern = own.strip() if isinstance(own, str) and ":" in own else site.jekyll.permalink
    if pattern is None or "categories" not in pattern:
        return pattern
    categories = post_categories(front)
    filled = pattern.replace(":categories", categories or "") if categories is not None else pattern
    return re.sub("/{2,}", "/", filled) if "categories" not in filled else None  # :slugified_categories: not known


def post_categories(front: Mapping[str, Any]) -> str | None:
    """What Jekyll fills ``:categories`` with for a post at the top of ``_posts/`` with front matter ``front``: its
    ``categories`` (a list, or words in one text), then its ``category`` (one, or a list), each once, lowercased and
    joined by ``/`` (``document.rb``'s ``merge_categories!`` and ``populate_categories``, ``drops/url_drop.rb``'s
    ``categories``); None where one is not plain letters, digits, ``.``, ``_`` and ``-`` (Jekyll escapes it) or
    not a text or number."""
    plural, singular = front.get("categories"), front.get("category")
    names = [*_categories(plural, split=True), *(_categories(singular) if singular is not None else _categories(plural, split=True))]
    lowered = [str(name).lower() for name in names]
    if not all(isinstance(name, (str, int)) and not isinstance(name, bool) for name in names) or not all(map(_CATEGORY.fullmatch, lowered)):
        return None
    return "/".join(dict.fromkeys(lowered))


def _categories(value: object, split: bool = False) -> list[object]:
    """The names of a ``categories``/``category`` value: a text split into words where ``split`` (Jekyll splits the
    plural's, not the singular's), a list's items but empty ones."""
    if value is None:
        return []
    if isinstance(value, str):
        return list(value.split()) if split else [value]
    return [item for item in value if item is not None] if isinstance(value, list) else [value]


_CATEGORY = re.compile(r"[a-z0-9._-]+")

_PLACEHOLDER = re.compile(r":([a-z_]+)")
_SIMPLE_TITLE = re.compile(r"[A-Za-z0-9_-]+")
"""A title Jekyll's slug makes nothing else of (its ``pretty`` mode keeps the case)."""
_POST_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _date_values(date: object, stem: str, zone: str | None = None) -> dict[str, str]:
    """The date placeholders of a Jekyll document with front matter ``date`` (a post's file name ``stem`` gives one
    where that is missing), as Jekyll fills them in; those that are not known left out. A date with a time zone Jekyll
    moves into the zone it builds in (``utils.rb``, ``parse_date``: ``localtime``): ``zone`` (``timezone:``) where the
    site sets it; else that of the machine that builds, unknown, so only what is the same in every zone (from UTC-12
    to UTC+14: the year, month and day of most moments) is known."""
    if isinstance(date, datetime.datetime):
        if date.tzinfo is not None:
            return _zoned_values(date, zone)
        moment = date
    elif isinstance(date, datetime.date):
        moment = datetime.datetime(date.year, date.month, date.day)
    elif isinstance(date, str):
        moment = _parsed_date(date.strip())
        if moment is None:
            return {}
        if moment.tzinfo is not None:
            return _zoned_values(moment, zone)
    else:
        found = _DATE.match(stem) if date is None else None
        if found is None:
            return {}
        moment = datetime.datetime(*map(int, found.groups()))
    return _moment_values(moment)


_DATE_TIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d*)?)?"
    r"(?:[ \t]*(Z|[-+]\d{2}(?::?\d{2})?))?)?"
)
"""A date as a text (``2026-01-10``, ``2026-01-10 09:00:00 +0100``, which YAML reads as a text and Jekyll as a date)."""


def _parsed_date(text: str) -> datetime.datetime | None:
    """The moment a date written as a text says (with its time zone, if it has one); None where it says none."""
    found = _DATE_TIME.fullmatch(text)
    if found is None:
        return None
    year, month, day, hour, minute, second, offset = found.groups()
    zone = None
    if offset is not None:
        digits = offset.replace(":", "")
        zone = datetime.timezone.utc if offset == "Z" else datetime.timezone(
            (1 if digits[0] == "+" else -1) * datetime.timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5] or 0))
        )
    try:
        return datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=zone)
    except ValueError:
        return None


def _moment_values(moment: datetime.datetime) -> dict[str, str]:
    return {
        "year": f"{moment.year:04d}", "month": f"{moment.month:02d}", "day": f"{moment.day:02d}", "i_month": str(moment.month),
        "i_day": str(moment.day), "short_year": f"{moment.year % 100:02d}", "hour": f"{moment.hour:02d}",
        "minute": f"{moment.minute:02d}", "second": f"{moment.second:02d}",
    }


_EARLIEST, _LATEST = datetime.timezone(datetime.timedelta(hours=-12)), datetime.timezone(datetime.timedelta(hours=14))
"""The zones furthest apart that a machine may build in."""


def _zoned_values(date: datetime.datetime, zone: str | None) -> dict[str, str]:
    """``_date_values`` of a date with a time zone: moved into ``zone`` where it is a zone; else what it is in every zone."""
    if zone is not None:
        try:
            return _moment_values(date.astimezone(zoneinfo.ZoneInfo(zone)))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass  # a zone Jekyll may know and this machine not: as unknown as none
    earliest, latest = _moment_values(date.astimezone(_EARLIEST)), _moment_values(date.astimezone(_LATEST))
    return {name: value for name, value in earliest.items() if latest[name] == value and name not in ("hour", "minute")}
