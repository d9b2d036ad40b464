"""Links in the author's Markdown to the site's documents: which Dutch Markdown file a link means (as an editor finds
it, beside the file it is written in, and as the site finds it, from the page's address; ``x.md`` also the bundle
``x/index.md`` or the section ``x/_index.md``), and which of a body's links name a Markdown file or are an Obsidian
``[[wiki-link]]``, with their lines. Judged by ``quality`` (check's broken links, kept with each verdict) and used by
``output`` (publish's links, export's link map), so it sits below both."""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import cache
from glob import escape as glob_escape
from typing import Any, TypeVar
from urllib.parse import unquote, urljoin, urlparse

from ..config import own_address
from ..errors import PipelineError
from ..site import DOCUMENT_SUFFIXES, Site, dutch_path
from . import html_text, markdown
from .document import SECTION, Document, normalize_newlines, parse_document
from .url_spans import LinkSpan

def path_in_site(path: str, prefix: str) -> str:
    """An absolute path as a path of the site: without base_url's own path ``prefix`` where it is written behind it
    (``/sub/blog/x/`` → ``/blog/x/``; ``/sub`` itself, the site's root, → ``/``); any other path as it is."""
    rest = path[len(prefix):] if prefix and path.startswith(prefix) else None
    if rest == "":
        return "/"  # the site's root, written without its slash
    if rest and rest.startswith("//"):
        return "/" + rest.lstrip("/")  # /sub//host/x stays a path of the site: //host/x would lead to another host
    return rest if rest and rest.startswith("/") else path  # not /subway/ of /sub


def linked_files(site: Site, path: str, file: str, page: str) -> tuple[str, ...]:
    """The files a link to a Markdown file may mean, as paths of the site, the likelier first (``path``: the link's,
    without its fragment or query: ``andere-post.md``, ``../blog/x/index.md``, ``mijn%20post.md``, read decoded as a
    browser and a web server read it): the file as an editor (VS Code, Obsidian, GitHub) finds it, from the place of the
    Markdown file the link is written in (``file``: its path in the site); then the file as the site finds the link,
    from the address of that file's page (``page``), below the folder of the Dutch documents."""
    path = unquote(path)
    beside = posixpath.join(posixpath.dirname(file), path)
    from_page = site.relative(site.source_dir) + urljoin(f"http://site{page}", path).removeprefix("http://site")
    return tuple(posixpath.normpath(place).lstrip("/") for place in (beside, from_page))


def same_page_files(place: str) -> tuple[str, ...]:
    """The files Hugo gives one page's path (``blog/x``) with the file a link names (``blog/x.md``): that file, the
    page bundle ``blog/x/index.md`` and the section ``blog/x/_index.md`` (a link to one of those: that file)."""
    stem, suffix = posixpath.splitext(place)
    if posixpath.basename(stem) in ("index", SECTION):
        return (place,)
    return (place, f"{stem}/index{suffix}", f"{stem}/{SECTION}{suffix}")


def linked_document(site: Site, path: str, file: str, page: str, is_page: Callable[[str], bool]) -> str | None:
    """The document a link to a Markdown file leads to (see ``linked_files``, each with its ``same_page_files``): the
    first whose id ``is_page`` says has a page; None when none has."""
    places = (same for place in linked_files(site, path, file, page) for same in same_page_files(place))
    documents = (site.document_id(site.root / place) for place in places)  # x.md and x/index.md: one id, asked twice
    return next((document_id for document_id in documents if is_page(document_id)), None)


def dutch_places(site: Site, path: str, file: str, page: str) -> tuple[str, ...]:
    """The files a link to a Markdown file may mean (``linked_files``) that lie in the folder of the Dutch documents."""
    folder = site.relative(site.source_dir) + "/"
    return tuple(dict.fromkeys(place for place in linked_files(site, path, file, page) if place.startswith(folder)))


def linked_source(site: Site, path: str, file: str, page: str) -> str | None:
    """The Dutch Markdown file (a path of the site) a link to a Markdown file means, page or not (a draft, one that
    cannot be read); None when there is none where it is looked for (``dutch_places``, each with its ``same_page_files``)."""
    places = (same for place in dutch_places(site, path, file, page) for same in same_page_files(place))
    return next((place for place in places if (site.root / place).is_file()), None)

T = TypeVar("T")

SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
"""How an absolute URL begins (its scheme, ``https:``, ``mailto:``): a link that has one leads off the site."""

WrittenLink = tuple[str, int]
"""A link of a Dutch body as the page has it (``andere-post.md#kop``; an Obsidian ``[[andere-post]]`` as written),
with the file line it is written on; or what may be a link to an address of the site as written (``/blog/x/``,
``../x/``, ``foto.jpg``), with line 0 (``possible_addresses``)."""

_MAY_NAME_A_FILE = re.compile(r"\.(?:md|markdown)\b|\[\[", re.IGNORECASE)
_WIKI_LINK = re.compile(r"\[\[[^\[\]\n]+\]\]")


def written_links(document: Document, base: str) -> tuple[tuple[WrittenLink, ...], tuple[markdown.UrlSpan, ...]]:
    """The links of ``document``'s body that judge whether a page is there (``quality.links``): each URL of the page
    the body makes (links, images, raw HTML's attributes, as ``html_text.page_urls`` reads the page publish renders)
    whose path names a Markdown file, and each ``[[wiki-link]]`` left as text (not in code), with its line; and where
    in the body each URL that names a Markdown file is written (what export's ``LinkMap.rewrite_dutch`` rewrites).
    Only a body that names one is parsed (most are not: no ``.md``, no ``[[``); with them, what may be its links to
    addresses of the site (``possible_addresses``, ``base``: base_url; its page's very links, ``page_urls``, are found
    by a parse only where one of these leads nowhere)."""
    body = document.body
    addresses = tuple((url, 0) for url in possible_addresses(body, base.rstrip("/")))
    if not _MAY_NAME_A_FILE.search(body):
        return addresses, ()
    found: dict[str, int] = {}
    places: list[markdown.UrlSpan] = []
    for token in markdown.parse_keeping_every_link(body, urls=places):
        for url in _urls_of(token):
            if names_markdown_file(url) and url not in found:
                found[url] = _file_line(document, url)
        if token.type == "inline" and "[[" in token.content:
            text = "".join(child.content if child.type == "text" else "\n" if child.type.endswith("break") else "\0" for child in token.children or [])
            for wiki in _WIKI_LINK.findall(text):
                found.setdefault(wiki, _file_line(document, wiki))
    return (*found.items(), *addresses), tuple((start, end) for start, end in places if names_markdown_file(unquote(body[start:end])))


def possible_urls(text: str) -> list[str]:
    """What may be a link's URL in ``text``: each ``markdown.WRITTEN_URL``, and each URL of raw HTML's URL attributes
    wherever it may stand (``html_text.possible_url_places``, a superset of the places ``url_places`` finds): so when
    none of these changes, no URL a parse finds does, and a URL a parse finds is one of these as written (but where
    the parse reads an escape, an entity or a URL in ``<>`` with a space, which none of these is as written)."""
    return [*markdown.WRITTEN_URL.findall(text), *(text[start:end] for start, end in html_text.possible_url_places(text))]


def possible_addresses(text: str, base: str) -> list[str]:
    """Those of ``possible_urls`` that may lead to an address of the site: not a Markdown file's, a page's own part
    (``#kop``), or another site's (``//host``, a scheme, but for the site's own URLs behind its ``base``: base_url),
    each once."""
    return [
        url for url in dict.fromkeys(possible_urls(text))
        if url[:1] != "#" and url[:2] != "//" and (not SCHEME.match(url) or behind(url, base)) and not names_markdown_file(url)
    ]


def behind(url: str, base: str) -> bool:
    """Whether ``url`` is an address behind ``base`` (the site's ``config.own_address``; none where it is ``""``): the
    base itself, or it and a path, query or fragment after it (``https://example.org`` is no base of
    ``https://example.organic.nl/``)."""
    base = base.rstrip("/")
    return bool(base) and url.startswith(base) and url[len(base):len(base) + 1] in ("", "/", "?", "#")


def page_urls(document: Document) -> list[WrittenLink]:
    """Every URL of the page ``document``'s body makes (as ``written_links`` reads them), with its file line."""
    found = dict.fromkeys(url for token in markdown.parse_keeping_every_link(document.body) for url in _urls_of(token))
    return [(url, _file_line(document, url)) for url in found]


def resolved(href: str, page: str) -> str:
    """A link relative to the page at ``page`` (``../andere-post/``, ``foto.jpg``) as a path of the site
    (``/blog/andere-post/``); any other link as it is."""
    if not href or href[0] in "/#?" or SCHEME.match(href):
        return href
    return urljoin(f"http://site{page}", href).removeprefix("http://site")


def _file_line(document: Document, written: str) -> int:
    line = written_line(document.body, written)
    return document.body_line + line if line else 0


def _urls_of(token: Any) -> list[str]:
    """The URLs a token puts in the page: a link's, an image's, its raw HTML's (an inline token's children's)."""
    if token.type in ("html_block", "html_inline"):
        return html_text.page_urls(token.content)
    if token.type == "inline":
        return [url for child in token.children or [] for url in _urls_of(child)]
    url = token.attrGet("href") if token.type == "link_open" else token.attrGet("src") if token.type == "image" else None
    return [url] if isinstance(url, str) else []


def url_path(url: str) -> str:
    """A URL without its fragment or query (``andere-post.md#kop`` → ``andere-post.md``)."""
    return re.split(r"[#?]", url, maxsplit=1)[0]


def names_markdown_file(url: str) -> bool:
    """Whether a URL is a link inside the site to a Markdown file (``andere-post.md#kop``, ``/blog/x.md``)."""
    path = url_path(url)
    return path.endswith(DOCUMENT_SUFFIXES) and not path.startswith("//") and not SCHEME.match(path)


def written_line(text: str, href: str) -> int:
    """The line (from 1) of ``text`` where ``href`` is first written: as it is, or as markdown-it escaped it
    (``café.md`` as ``caf%C3%A9.md``); 0 when it is in neither form."""
    at = next((at for at in (text.find(href), text.find(unquote(href))) if at >= 0), -1)
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


def rewrite_urls(text: str, body: str, rewrite: Callable[[str], str], urls: Sequence[markdown.UrlSpan] | None = None) -> str:
    """``text`` (a whole file ending in ``body``, its Markdown) with each link, image, reference definition and raw
    HTML URL (at ``urls``, where they were found already: ``url_spans``) replaced by ``rewrite`` of it; every other
    character as it was. Where the URL's place cannot be told for certain, it stays."""
    changes = []
    for start, end in url_spans(body) if urls is None else urls:
        url = body[start:end]
        new = rewrite(url)
        if new != url:
            changes.append((start, end, new))
    return _changed(text, body, changes)


def unlink(text: str, body: str, unwanted: Callable[[LinkSpan], bool], parsed: str | None = None) -> tuple[str, list[LinkSpan]]:
    """``text`` (a whole file ending in ``body``, its Markdown) with each link of ``body`` that is ``unwanted`` written as
    its text alone: its ``[`` and its ``](url "title")``, ``][label]`` or ``]`` taken out (``[mijn zaden](zaden.md)`` →
    ``mijn zaden``, an image in it kept), as the parser found them (``url_spans.LinkSpan``); every other character as
    it was; and the links so written. ``parsed``: what to parse in place of ``body``, of its length (its Hugo refs
    written as plain characters, so that a link to one reads as a link)."""
    links: list[LinkSpan] = []
    markdown.parse_keeping_every_link(body if parsed is None else parsed, links=links)
    gone = [link for link in links if unwanted(link)]
    return _changed(text, body, [(start, end, "") for link in gone for start, end in (link.opening, link.closing)]), gone


def unlink_templates(
    text: str, body: str, templates: Mapping[tuple[int, int], T], unwanted: Callable[[LinkSpan], bool] = lambda link: False,
) -> tuple[str, list[tuple[LinkSpan, list[T]]]]:
    """``unlink`` of the links whose URL holds one of ``templates`` (a Hugo ref, a Jekyll tag: their places in ``body``,
    each with what it names), or that are ``unwanted``: each template read as one URL's characters (as written, its
    spaces and quotes make no URL, and a link to it would read as text). With each link so written, the templates in it."""
    pieces, at = [], 0
    for start, end in sorted(templates):
        pieces += [body[at:start], "x" * (end - start)]
        at = end

    def inside(link: LinkSpan) -> list[T]:
        return [named for (start, end), named in templates.items() if link.closing[0] <= start and end <= link.closing[1]]

    text, links = unlink(text, body, lambda link: bool(inside(link)) or unwanted(link), "".join([*pieces, body[at:]]))
    return text, [(link, inside(link)) for link in links]


def _changed(text: str, body: str, changes: Sequence[tuple[int, int, str]]) -> str:
    """``text`` (a whole file ending in ``body``) with each of ``changes`` (start and end in ``body``, in order, and what
    goes there) made; as it is where ``body`` is not its end."""
    if not changes:
        return text
    normalized = normalize_newlines(text)
    if not normalized.endswith(body):
        return text
    offset = len(normalized) - len(body)
    changes = [(offset + start, offset + end, new) for start, end, new in changes]
    if "\r" in text:  # else each position of the normalized text is the text's own
        starts, normalized_starts = _line_starts(text), _line_starts(normalized)
        changes = [(_original(start, normalized_starts, starts), _original(end, normalized_starts, starts), new) for start, end, new in changes]
    pieces, last = [], 0
    for start, end, new in changes:
        pieces += [text[last:start], new]
        last = end
    return "".join([*pieces, text[last:]])


_LINE_END = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in _LINE_END.finditer(text))]


def _original(position: int, normalized_starts: list[int], starts: list[int]) -> int:
    """A position of the normalized text in the text itself (lines are the same but for their ends)."""
    line = bisect_right(normalized_starts, position) - 1
    return starts[line] + position - normalized_starts[line]


def url_spans(body: str) -> tuple[markdown.UrlSpan, ...]:
    """Where the URL of each inline link, image, reference definition and raw HTML tag of ``body`` (``\\n`` line
    ends) is, as (start, end) in it, in order, from a parse of it (``markdown.parse_keeping_every_link``: the assessment's
    parse of the English finds them as it checks it, ``DocumentStatus.english_urls``)."""
    urls: list[markdown.UrlSpan] = []
    markdown.parse_keeping_every_link(body, urls=urls)
    return tuple(urls)


POST_URL = re.compile(
    r"\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}"  # shown as written: Jekyll runs no tag in it
    r"|(\{%-?\s*(?:post_url|link)\s+)([^\s%{}]+)(\s*-?%\})"
)
"""Jekyll's link to a post by its name (``{% post_url 2024-01-01-x %}``; ``2024/2024-01-01-x`` for one in a folder of
``_posts/``, ``blog/2024-01-01-x`` for one in ``blog/_posts/``) or to a document by its file (``{% link _posts/2024-01-01-x.md %}``),
outside ``{% raw %}``: the English's leads to the English document where this export writes it (``LinkMap.tag_names``)."""

def jekyll_tag(match: re.Match[str]) -> str:
    """The tag of a ``POST_URL`` match that names a document: ``post_url`` or ``link``."""
    return match[1].strip("{%- \t\r\n")


HUGO_REF = re.compile(
    r"""(\{\{[<%]-?\s*(?:rel)?ref\s+)"""
    r"""(?:(?:path=)?(["'`])([^"'`\n]+)\2|((?:\w+=(?:"[^"\n]*"|`[^`\n]*`)\s*)+?))"""
    r"""(\s*-?[>%]\}\})"""
)
"""A Hugo ``ref`` or ``relref`` shortcode whole: its opening (1), then its one target, quoted (2, 3: ``{{< ref "x.md#kop" >}}``,
``path="x.md"``) or its named arguments (4: ``path="x.md" lang="nl"``), then its closing (5). Renamed and deleted
files' refs (``renamed_links``), the Dutch refs that find no page (``link_map.unfound_tags``) and export's answers
(``link_map.LinkMap.hugo_ref``) all read a ref so."""
_REF_ARGUMENT = re.compile(r"""(\w+)=(?:"([^"\n]*)"|`([^`\n]*)`)""")


def ref_arguments(match: re.Match[str]) -> dict[str, str]:
    """The named arguments of a ``HUGO_REF`` (its one quoted target as ``path``)."""
    if match[3] is not None:
        return {"path": match[3]}
    return {name: value if value is not None else raw for name, value, raw in _REF_ARGUMENT.findall(match[4])}


def ref_target(match: re.Match[str]) -> str | None:
    """The page a ``HUGO_REF`` names (``x.md#kop``); None where its arguments have no path."""
    return ref_arguments(match).get("path")


def ref_with_target(match: re.Match[str], target: str) -> str:
    """A ``HUGO_REF`` as written but for its target, ``target`` in its place."""
    whole, start = match[0], match.start()
    if match[3] is not None:
        return whole[:match.start(3) - start] + target + whole[match.end(3) - start:]
    path = next(found for found in _REF_ARGUMENT.finditer(match[4]) if found[1] == "path")
    at = match.start(4) - start + path.start(2 if path[2] is not None else 3)
    return whole[:at] + target + whole[at + len(path[2] if path[2] is not None else path[3]):]


def renamed_links(
    site: Site, text: str, file: str, page: str, moved: Callable[[], Mapping[str, str]], is_page: Callable[[str], bool],
    deleted: Callable[[], Collection[str]] = frozenset, deleted_pages: Callable[[], Mapping[str, str]] | None = None,
    renamed_pages: Callable[[], Mapping[str, str]] | None = None,
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """An earlier approved version's English ``text`` (a whole file: the English of the Dutch Markdown file ``file``, whose
    page is at ``page``) with each link to a Dutch document git saw renamed since leading to it under its new name: a link
    to its Markdown file (``compost.md``, ``/tuin/compost.md``), a Hugo ``ref``/``relref`` to it, a link to its old address
    (``/tuin/compost/``, or its full URL behind base_url, ``https://tuin.nl/tuin/compost/``, which stays a full URL: ``is_page``
    says whether an address is a Dutch page now). In its folder, the new name as the link
    was written otherwise; moved to another folder, its path from the Dutch folder's top (``/moestuin/compost.md``), which
    publish, an editor and Hugo all find. ``moved``: the renames git knows, old file → new, as the site names them; asked
    only where a link leads to nothing there is now (``renamed_pages``: each old address the site served one at, with its
    new one, where a generator's permalink places it; else its ``dutch_path``). The English approved before the rename named the old file; nobody can
    edit that version, and the update that names the new one waits for review.

    A Markdown link (inline, or by a reference) to a Dutch document git saw deleted since (``deleted``: the files, as the
    site names them; asked as ``moved`` is), by its file or its address (``deleted_pages``: each address the site served
    one at, with its file, where its own ``slug``, ``url`` or ``permalink`` placed it; else its ``dutch_path``), is written
    as its text alone (``unlink``): a link
    to no page on the English site, which nobody can mend in that version. With the text, each link so written: its URL
    and the deleted file. An image is left as it is: it shows a file, never a document, and a browser shows a missing
    file's alt text already. So is a Jekyll ``{% post_url %}`` or ``{% link %}`` to a deleted post, on which Jekyll stops the
    whole build: a Markdown link whose URL it is, as its text; the tag elsewhere, as its name (``_deleted_unlinked``)."""
    content = site.relative(site.source_dir)
    prefix, base = urlparse(site.config.base_url).path.rstrip("/"), own_address(site.config)
    moved, deleted = cache(moved), cache(deleted)

    @cache
    def addresses() -> Mapping[str, str]:
        """The renamed documents' old Dutch addresses, each with its new one."""
        if renamed_pages is not None:
            return renamed_pages()
        return {
            dutch_path(site.document_id(site.root / old)): dutch_path(site.document_id(site.root / new))
            for old, new in moved().items() if new.endswith(DOCUMENT_SUFFIXES)
        }

    @cache
    def deleted_addresses() -> Mapping[str, str]:
        """The deleted documents' Dutch addresses, each with its file."""
        if deleted_pages is not None:
            return deleted_pages()
        return {dutch_path(site.document_id(site.root / old)): old for old in deleted() if old.endswith(DOCUMENT_SUFFIXES) and old.startswith(content + "/")}

    def files_of(named: str) -> list[str] | None:
        """The files a link's file (a path as written, from ``file``'s folder, or rooted at the Dutch folder) may be; None
        where one of them is there."""
        decoded = unquote(named)
        places = [posixpath.normpath(content + decoded)] if decoded.startswith("/") else [*dutch_places(site, decoded, file, page), posixpath.normpath(posixpath.join(content, decoded))]
        files = [same for place in dict.fromkeys(places) for same in same_page_files(place)]
        return None if any((site.root / same).exists() for same in files) else files

    def renamed_file(named: str) -> str | None:
        """The link's file as renamed since."""
        files = files_of(named)
        old = next((same for same in files or () if same in moved()), None)
        if old is None:
            return None
        found = moved()[old]
        written = found if named.endswith(DOCUMENT_SUFFIXES) else posixpath.splitext(found)[0]
        if posixpath.dirname(found) == posixpath.dirname(old):
            return posixpath.join(posixpath.dirname(named), posixpath.basename(written))
        return "/" + posixpath.relpath(written, content)

    def renamed_address(target: str) -> str | None:
        """The page's new address, where ``target`` (a path of the site) is a renamed document's old one."""
        address = target if target.endswith("/") else target + "/"
        return None if is_page(address) else addresses().get(address) or addresses().get(target)  # a Jekyll page's x.html

    def target_of(url: str) -> tuple[bool, str] | None:
        """What a link leads to: a Markdown file (True, its path as written, or in the site), or an address (False, a path
        of the site: a full URL of the site's own, ``https://tuin.nl/blog/x/``, too); None for a link out of the site or
        on the page."""
        if behind(url, base):
            return False, path_in_site(prefix + (url_path(url[len(base):]) or "/"), prefix)
        if not url or url[0] in "#?" or url.startswith("//") or SCHEME.match(url):
            return None
        path = url_path(url)
        if names_markdown_file(path):
            return True, path_in_site(path, prefix) if path.startswith("/") else path
        target = resolved(path_in_site(path, prefix) if path.startswith("/") else path, page)
        return (False, target) if target.startswith("/") else None

    def link(url: str) -> str:
        target = target_of(url)
        if target is None:
            return url
        rest = url[len(url_path(url)):]
        if target[0]:
            new = renamed_file(target[1])
        else:
            new = renamed_address(target[1])
            new = (base if behind(url, base) else prefix) + new if new else None  # a full URL stays one
        return url if new is None else new + rest

    def gone(url: str) -> str | None:
        """The deleted document a link leads to, if any."""
        target = target_of(url)
        if target is None:
            return None
        if target[0]:
            files = files_of(target[1])
            return next((same for same in files or () if same in deleted()), None)
        address = target[1] if target[1].endswith("/") else target[1] + "/"
        return None if is_page(address) else deleted_addresses().get(address) or deleted_addresses().get(target[1])  # a Jekyll page's x.html

    def ref(found: re.Match[str]) -> str:
        written = ref_target(found) or ""
        target = written.partition("#")[0]
        new = renamed_file(target if target.endswith(DOCUMENT_SUFFIXES) else target + ".md") if target else None
        if new is None:
            return found[0]
        new = new if target.endswith(DOCUMENT_SUFFIXES) else posixpath.splitext(new)[0]
        return ref_with_target(found, new + written[len(target):])

    def tag(found: re.Match[str]) -> str:
        """A Jekyll ``{% link %}`` (a document's path, below ``collections_dir``) or ``{% post_url %}`` (a post's
        name: its date and title, with the folders of the name as written) to a document renamed since."""
        if found[1] is None or not found[2]:
            return found[0]  # {% raw %}: shown as written
        name, collections = found[2], site.jekyll.collections_dir
        if jekyll_tag(found) == "link":
            place = posixpath.join(collections, name.lstrip("/")) if collections else name.lstrip("/")
            new = None if (site.root / place).exists() else moved().get(place)
            new = new[len(collections) + 1:] if new and collections and new.startswith(collections + "/") else new
            return found[0] if new is None else f"{found[1]}{new}{found[3]}"
        folder, _, stem = name.strip("/").rpartition("/")
        if any(site.source_dir.rglob(glob_escape(stem) + ".*")):
            return found[0]  # there (Jekyll finds a post by its name in any folder)
        new = next((new for old, new in moved().items() if posixpath.splitext(posixpath.basename(old))[0] == stem and "_posts/" in new), None)
        if new is None:
            return found[0]
        renamed = posixpath.splitext(posixpath.basename(new))[0]
        return f"{found[1]}{folder + '/' if folder else ''}{renamed}{found[3]}"

    def gone_tag(found: re.Match[str]) -> str | None:
        """The deleted document a Jekyll ``{% link %}`` or ``{% post_url %}`` names (``deleted``), where the site has no
        document of that name now: Jekyll stops the whole build on it ('Could not find post', ``tags/post_url.rb``;
        'Could not find document', ``tags/link.rb``)."""
        if found[1] is None or not found[2]:
            return None  # {% raw %}: shown as written
        name, collections = found[2], site.jekyll.collections_dir
        if jekyll_tag(found) == "link":
            place = posixpath.join(collections, name.lstrip("/")) if collections else name.lstrip("/")
            return place if place in deleted() and not (site.root / place).exists() else None
        stem = name.strip("/").rpartition("/")[2]
        if any(site.source_dir.rglob(glob_escape(stem) + ".*")):
            return None  # there (Jekyll finds a post by its name in any folder)
        return next((old for old in deleted() if "_posts/" in old and posixpath.splitext(posixpath.basename(old))[0] == stem), None)

    urls = possible_urls(text)
    unlinked: tuple[tuple[str, str], ...] = ()
    renaming, deleting = any(link(url) != url for url in urls), any(gone(url) for url in urls)
    jekyll = site.config.layout == "jekyll" and "{%" in text
    deleting = deleting or (jekyll and any(gone_tag(found) for found in POST_URL.finditer(text)))
    if renaming or deleting:  # else no URL changes, and the text is not parsed
        try:
            text = rewrite_urls(text, parse_document(text, file, file, **site.config.reading).body, link) if renaming else text
            if deleting:
                text, unlinked = _deleted_unlinked(text, parse_document(text, file, file, **site.config.reading).body, gone, gone_tag if jekyll else None)
        except PipelineError:
            pass  # it passed the gate as it is: read so, it is readable; else it stays as it was
    text = HUGO_REF.sub(ref, text) if site.config.layout.startswith("hugo") and "ref" in text else text
    return (POST_URL.sub(tag, text) if jekyll else text), unlinked


def _deleted_unlinked(
    text: str, body: str, gone: Callable[[str], str | None], gone_tag: Callable[[re.Match[str]], str | None] | None,
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` (a whole file ending in ``body``) with each Markdown link to a deleted document (``gone`` of its URL says
    which), or whose URL is a Jekyll tag naming one (``gone_tag``), written as its text alone (``unlink``); a tag to one
    outside a Markdown link (``<a href="{% post_url x %}">``) as its name alone, a link that leads nowhere and no build
    that stops. With each link so written: its URL (the tag as written) and the deleted file."""
    tags = {found.span(): (found[0], file) for found in POST_URL.finditer(body) if gone_tag and (file := gone_tag(found))}
    text, links = unlink_templates(text, body, tags, lambda found: gone(unquote(found.href)) is not None)
    said = [pair for found, inside in links for pair in (inside or [(unquote(found.href), gone(unquote(found.href)) or "")])]
    if gone_tag and tags:  # the tags left: outside a link
        text = POST_URL.sub(lambda found: found[2] if gone_tag(found) else found[0], text)
        said += list(tags.values())
    return text, tuple(dict.fromkeys(said))
