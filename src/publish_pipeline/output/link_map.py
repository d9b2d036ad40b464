"""The link map of an export: where the generator serves each exported page, and where an English page's links lead.

``publish`` maps the links of an English page as it renders it (see publishing's ``_LinkTable``); ``export``
hands Markdown to another generator, so the same promise is kept in the Markdown itself. A link or image URL
of an English file that leads to a page of the site goes to that page's English when this export writes its
English, else to the Dutch page, made absolute (a URL relative to the Dutch page would lead elsewhere from the
English page's place); a relative link to a file that is not the page's own (``../../images/x.png``, or
``foto.jpg`` on a page that is no bundle: a file of ``static/``) is made absolute too, so the file stays
reachable; the page's own files (a bundle's ``foto.png``) stay as written, since they lie beside the English
page too. A fragment or query stays; links out of the site stay. A link to a page's Markdown file
(``andere-post.md``, as an editor links it) goes to that page, as publish's does (``linked_document``); one to a
Dutch document whose address is not known stays as written, for the generator's own rule to find; one to any other
Markdown file (``static/docs/notes.md``) is a link to a file like any other.

Where the generator serves a page is known from its conventions (see ``page_address``). Where it cannot be
known (a Hugo config of the author's with ``permalinks``, a Jekyll page without ``permalink:``), links to and
from that page are left as written, and ``LinkMap.unknown`` says why, once.

Only the URL characters of inline links, images, reference definitions and raw HTML's URL attributes change
(found by the parse that checked the English: see ``url_spans``); every other byte stays.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
import posixpath
import re
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as calendar_date, datetime, timezone, tzinfo
from typing import Any
from urllib.parse import unquote, urljoin, urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import PipelineError
from ..quality.live import deletions, drafted, renames
from ..quality.status import DocumentStatus, SiteStatus
from ..site import DOCUMENT_SUFFIXES, Site
from ..text import markdown
from ..text.addresses import page_address, unknown_why
from ..text.document import SECTION, parse_document, read_date, read_in_site, read_source
from ..text.links import (
    HUGO_REF, POST_URL, SCHEME, jekyll_tag as _tag, linked_document, linked_files, linked_source, names_markdown_file, path_in_site, possible_urls,
    ref_arguments, ref_target, rewrite_urls, same_page_files, unlink_templates, url_path,
)
from ..wording import plural
from .hugo_config import EMBEDDED_LINK_HOOK, Hugo, HugoConfig


def _listed(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]


def unknown_addresses(site: Site, in_place: bool) -> str | None:
    """Why the generator's addresses cannot be known for any page (None when they can, with ``page_address``)."""
    if site.config.layout == "jekyll" and not in_place:
        return "the nl/ + en/ tree of a Jekyll site's posts has no addresses Hugo's conventions give"
    if not in_place or not site.config.layout.startswith("hugo"):
        return None
    return HugoConfig.of(site).custom_addresses(site.config.source_language)


_PLAIN = re.compile(r"[^\s\\&<>()]+")
def _ref_target(match: re.Match[str]) -> str | None:
    """The target a ``links.HUGO_REF`` names; None where it names its language already (or its arguments have no path),
    or is quoted as Hugo quotes no argument (``'x.md'``)."""
    arguments = ref_arguments(match)
    return None if "lang" in arguments or match[2] == "'" else arguments.get("path")


def _ref_answered(match: re.Match[str], answer: str) -> str:
    """A ``links.HUGO_REF`` as ``LinkMap.hugo_ref`` answers it: as written; in the language ``answer`` names; or, ``gone``,
    a plain link to its target as written (Hugo makes it relative to the page: it leads nowhere, as the file it named)."""
    if not answer:
        return match[0]
    if answer == "gone":
        return _ref_target(match) or match[0]
    if match[3] is not None:
        return f'{match[1]}path={match[2]}{match[3]}{match[2]} lang="{answer}"{match[5]}'
    close = match[5] if match[5][:1].isspace() else " " + match[5]
    return f'{match[1]}{match[4].rstrip()} lang="{answer}"{close}'


_POST_FILE = re.compile(r"(?:(.+)/)?_posts/(?:(.+)/)?(\d{2,4}-\d{1,2}-\d{1,2}-[^/]*)\.[^./]+")
"""A post's file as Jekyll names it (its ``relative_path``): the folders above ``_posts/``, those below, its date and slug."""


def jekyll_tag_names(site: Site, location: str) -> dict[tuple[str, str], str]:
    """The names by which Jekyll's tags find the document of the file at ``location``, each by its tag (``link``,
    ``post_url``) with the name that finds its English where export writes it (``Site.english_file``): ``{% link %}``'s,
    the file's ``relative_path`` exactly (a post's or a collection document's below ``collections_dir``, a page's in the
    site, never with a leading ``/``: ``tags/link.rb`` takes one only where a static file's path has it, ``page.rb``
    takes it off a page's); a post's ``{% post_url %}`` name, its folders above ``_posts/`` or below it, never both
    (``tags/post_url.rb``, ``PostComparer``: ``_posts/<folders>/<date>-<slug>.*`` or ``<folders>/_posts/<date>-<slug>.*``)."""
    english = site.relative(site.english_file(site.root / location))
    dutch_file, english_file = _jekyll_relative(site, location), _jekyll_relative(site, english)
    names = {("link", dutch_file): english_file}
    dutch_post, english_post = _post_name(dutch_file), _post_name(english_file)
    if dutch_post and english_post:
        names["post_url", dutch_post] = english_post
    return names


def _jekyll_relative(site: Site, location: str) -> str:
    """A Jekyll document's ``relative_path``: a page's in the site, a post's or collection document's below ``collections_dir``."""
    return location if site.jekyll_page(site.root / location) else site.jekyll_place(location)


def _post_name(relative: str) -> str | None:
    """The ``{% post_url %}`` name that finds the post of the file ``relative`` (``_post_url``'s ``PostComparer``); None
    for no post, or one in folders both above and below ``_posts/``, which no name finds."""
    found = _POST_FILE.fullmatch(relative)
    if found is None or (found[1] and found[2]):
        return None
    folder = found[1] or found[2]
    return f"{folder}/{found[3]}" if folder else found[3]


@dataclass(frozen=True, eq=False)
class LinkMap:
    """The exported pages: each Dutch page's address (``dutch``) and, where this export writes its English,
    that page's (``english_of``); ``prefix``: ``base_url``'s own path, which a link made absolute gets.
    ``unknown``: why some addresses cannot be known (their links are left as written), or None."""

    english_of: dict[str, str]
    dutch: dict[str, str]
    """Each document's Dutch address, by its id."""
    prefix: str
    unknown: str | None
    site: Site
    """The site: where a link to a Markdown file finds it."""
    own: dict[str, frozenset[str]] = field(default_factory=dict)
    """A page bundle's files as paths of the site, by its Dutch address: beside its English page too."""
    files: dict[str, str] = field(default_factory=dict)
    """Each page's Markdown file (its path in the site), by its Dutch address: where a link to another is looked for from."""
    tag_names: dict[tuple[str, str], str] = field(default_factory=dict)
    """The names by which Jekyll's tags find the documents whose English this export writes, by tag, each with its
    English's (``jekyll_tag_names``): ``2024-01-01-x`` → ``en/2024-01-01-x``, ``blog/_posts/2024-01-01-x.md`` → ``en/blog/_posts/2024-01-01-x.md``."""
    unaddressed: dict[str, tuple[str, Mapping[str, Any]]] = field(default_factory=dict)
    """The documents whose address is not known (a Jekyll post whose date has a time zone), by their file, each with
    its id and Dutch front matter: their links, and the links to their files, are left as written (``unknown_links``)."""
    unfound: dict[tuple[str, str], bool] = field(default_factory=dict, init=False, repr=False)
    """Each Hugo ``ref``/``relref`` of an earlier English to a file the site no longer has, by that English's Dutch
    page and the ref's target, as this export mapped them (``hugo_ref``), for export to say: True where the Markdown
    link around it was written as its text (``rewrite``), False where it was written as a plain link (outside one)."""
    _refs: dict[tuple[str, str, bool], str] = field(default_factory=dict, init=False, repr=False)
    """``hugo_ref``'s answers, by target, page and whether of an earlier English, once given."""
    _answers: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False)
    """Each link's answer, by its URL and page, once given: an export asks for each of a file's links when it
    records what the map answers (``asked``) and again when it maps them (``rewrite``); the map never changes."""

    @classmethod
    def of(
        cls, site: Site, in_place: bool, pages: Iterable[tuple[str, Mapping[str, Any], str | None]],
        bundles: Mapping[str, Iterable[str]] | None = None, files: Mapping[str, str] | None = None,
    ) -> LinkMap:
        """The map of ``pages``: each document's id and Dutch front matter, with its exported English slug (None:
        none exported); ``bundles``: a page bundle's files (their names below its folder), by document id;
        ``files``: each document's Markdown file (its path in the site), by document id."""
        unknown = unknown_addresses(site, in_place)
        pages = list(pages)
        tag_names = {
            name: english for document_id, _, slug in pages
            if slug is not None and site.config.layout == "jekyll" and in_place and files and document_id in files
            for name, english in jekyll_tag_names(site, files[document_id]).items()
        }
        english_of: dict[str, str] = {}
        dutch: dict[str, str] = {}
        own: dict[str, frozenset[str]] = {}
        sources: dict[str, str] = {}
        unaddressed: dict[str, tuple[str, Mapping[str, Any]]] = {}
        for document_id, front, slug in () if unknown else pages:
            location = (files or {}).get(document_id)
            address = page_address(site, document_id, front, None, in_place, location)
            if address is None:
                if location is not None:
                    unaddressed[location] = (document_id, front)
                continue
            dutch[document_id] = address
            if bundles and bundles.get(document_id):
                own[address] = frozenset(address + name for name in bundles[document_id])
            if files and document_id in files:
                sources[address] = files[document_id]
            english = page_address(site, document_id, front, slug, in_place, location) if slug is not None else None
            if english is not None:
                english_of[address] = english
        return cls(english_of, dutch, urlparse(site.config.base_url).path.rstrip("/"), unknown, site, own, sources, tag_names, unaddressed)

    def unknown_links(self, documents: Iterable[DocumentStatus]) -> list[str]:
        """What export says of the links it leaves as written because a page's address is not known, each with the
        file of that page first, why and what to do: the links of the Dutch of ``documents`` (as the assessment found
        them) on such a page to the site's pages and files, and those of any page to such a page's Markdown file.
        Nothing where no link depends on an unknown address (``{% post_url %}`` and ``{% link %}``: Jekyll finds them)."""
        found: dict[str, list[str]] = {}
        for document in documents:
            file = document.source or ""
            on_it = file in self.unaddressed
            page = self.dutch.get(document.document_id)
            for url, line in document.links:
                if not url or url[0] in "#?" or url.startswith(("//", "[[")) or SCHEME.match(url):
                    continue
                path = url_path(url)
                if on_it:
                    found.setdefault(file, []).append(f"its link {url}" + (f" (line {line})" if line else ""))
                elif page is not None and names_markdown_file(path):
                    target = linked_source(self.site, path_in_site(path, self.prefix) if path.startswith("/") else path, file, page)
                    if target in self.unaddressed:
                        found.setdefault(target, []).append(f"the link {url} to it on {file}" + (f":{line}" if line else ""))
        return [
            f"{file}: its address is not known ({why}), so {_listed(links)} {'is' if len(links) == 1 else 'are'} left as written in the English — {fix}"
            for file, links in found.items() for why, fix in [unknown_why(self.site, file, self.unaddressed[file][1])]
        ]

    def unfound_refs(self) -> list[str]:
        """What export says of each ``ref`` of an earlier English it wrote as a plain link (``unfound``), its file first."""
        return [
            f"{self.files.get(page, page)}: the English served while its update waits has a ref to {target}, a file the site no longer has "
            "(hugo would stop the whole build on it), so export wrote "
            + ("its link text as plain text, not a link" if unlinked else "it as a plain link that leads nowhere")
            + " — approve the waiting update (invoke workspace): its English links as the Dutch does now"
            for (page, target), unlinked in self.unfound.items()
        ]

    def asked(self, text: str, document_id: str) -> str:
        """What the map answers the links of the English ``text`` of ``document_id`` (its page's address, and where
        each URL that may be a link's leads), as JSON: its file records it, and is made again when the map answers
        otherwise (``answers_as``), as publish's pages are."""
        page = self.dutch.get(document_id)
        urls = sorted(set(possible_urls(text))) if page is not None else []
        posts = [[tag, name, self.tag_name(tag, name)] for tag, name in sorted({(_tag(match), match[2]) for match in POST_URL.finditer(text) if match[2]})]
        if page is not None and self._hugo:
            posts += [["ref", target, self.hugo_ref(target, page)] for target in sorted({_ref_target(match) for match in HUGO_REF.finditer(text)} - {None})]
        answers = [page, [[url, self.english_link(url, page)] for url in urls if page is not None], *([posts] if posts else [])]
        return json.dumps(answers, separators=(",", ":"))

    def answers_as(self, asked: str, document_id: str) -> bool:
        """Whether the map answers the links of ``document_id``'s English as it did when it said ``asked``."""
        try:
            page, pairs, *posts = json.loads(asked)
            return bool(
                page == self.dutch.get(document_id) and all(self.english_link(url, page) == answer for url, answer in pairs)
                and all((self.hugo_ref(name, page) if tag == "ref" else self.tag_name(tag, name)) == answer for named in posts for tag, name, answer in named)
            )
        except (ValueError, TypeError):
            return False

    def tag_name(self, tag: str, name: str) -> str:
        """A ``{% post_url %}`` or ``{% link %}`` (``tag``) name as the English has it: the English document's where this
        export writes it (``tag_names``; Jekyll takes a ``/`` off a post's name first, never off a link's)."""
        return self.tag_names.get((tag, name.removeprefix("/") if tag == "post_url" else name)) or name

    @property
    def _hugo(self) -> bool:
        return self.site.config.layout.startswith("hugo")

    def hugo_ref(self, target: str, page: str, earlier: bool = False) -> str:
        """How a Hugo ``ref``/``relref`` to ``target`` (``x.md``, ``/blog/x``, ``x.md#kop``) in the English of the Dutch
        page at ``page`` finds a page: ``""`` as written, where this export writes the English of the file it names
        (Hugo finds that by the same name in the English's language) or where the file is not known here; ``"nl"``
        (the Dutch's language) where the file is there and its English is not written: Hugo looks a ``ref`` up in
        the page's own language and stops the WHOLE build on one it cannot find (``REF_NOT_FOUND``), so the English
        page's link leads to the Dutch page, as its Markdown links do. ``earlier``: the English is an earlier
        approved version's (written while its update waits): ``"gone"`` where no file of the site is what it names
        (the Dutch it was made for linked a post deleted since), for a plain link that leads nowhere in place of a
        build that stops; the current English names the Dutch's very refs, and a Dutch one to no file is hugo's to say."""
        answer = self._refs.get((target, page, earlier))
        if answer is None:
            answer = self._refs[target, page, earlier] = self._hugo_ref(target, page, earlier)
        return answer

    def _hugo_ref(self, target: str, page: str, earlier: bool) -> str:
        file = self.files.get(page)
        if file is None:
            return ""
        path = unquote(target.partition("#")[0])
        content = self.site.relative(self.site.source_dir)
        tried = (*linked_files(self.site, path, file, page), posixpath.normpath(posixpath.join(content, path.lstrip("/"))))
        named = [*tried, *(f"{place}.md" for place in tried if not place.endswith(DOCUMENT_SUFFIXES))]
        found = next((same for place in named for same in same_page_files(place) if (self.site.root / same).is_file()), None)
        if found is None and "/" not in path.strip("/"):  # Hugo finds a page by its file's name alone where one has it
            stem = posixpath.splitext(path.strip("/"))[0]
            alike = [other for other in self.files.values() if posixpath.splitext(posixpath.basename(other))[0] == stem]
            found = alike[0] if len(alike) == 1 else None
        if found is None:
            stem = posixpath.splitext(posixpath.basename(path.rstrip("/")))[0]
            if not earlier or not stem or any(True for name in (stem, *(stem + suffix for suffix in DOCUMENT_SUFFIXES)) for _ in self.site.source_dir.rglob(name)):
                return ""  # a file by that name somewhere: Hugo's to find
            self.unfound.setdefault((page, target), False)
            return "gone"
        address = self.dutch.get(self.site.document_id(self.site.root / found))
        return "" if address is not None and address in self.english_of else self.site.config.source_language

    def english_link(self, url: str, page: str) -> str:
        """A link of the English of the Dutch page at ``page``, as written, as the English page has it."""
        answer = self._answers.get((url, page))
        if answer is None:
            answer = self._answers[url, page] = self._english_link(url, page)
        return answer

    def _english_link(self, url: str, page: str) -> str:
        if not url or url[0] in "#?" or url.startswith("//") or SCHEME.match(url) or not _PLAIN.fullmatch(url):
            return url
        split = min((at for at in (url.find("#"), url.find("?")) if at >= 0), default=len(url))
        path, rest = url[:split], url[split:]
        absolute = path.startswith("/")
        if absolute:
            site_path = path_in_site(path, self.prefix)
        else:
            site_path = urljoin(f"http://site{page}", path).removeprefix("http://site")
        if path.endswith(DOCUMENT_SUFFIXES):
            linked = self._file_link(url, site_path if absolute else path, page, rest)
            if linked is not None:
                return linked
        target = site_path if site_path.endswith("/") else site_path + "/"
        english = self.english_of.get(target) or self.english_of.get(site_path)  # a Jekyll page's /over.html too
        if english is not None:
            return self.prefix + english + rest
        if absolute or site_path in self.own.get(page, ()):
            return url  # a Dutch page or a file by its absolute address; the page's own file, beside its English too
        return self.prefix + site_path + rest

    def _file_link(self, url: str, path: str, page: str, rest: str) -> str | None:
        """A link to the Markdown file of an exported page (``andere-post.md``, as an editor links it) as a link to that
        page, to its English where this export writes it: as publish leads it (``linked_document``). ``url`` as written
        where the file is a Dutch document whose address is not known: a generator's own rule (Jekyll's relative links,
        a Hugo render hook) may find it, as from the English file's place it did before. None where it is no Dutch
        document: a file like any other."""
        file = self.files.get(page)
        if file is None:
            return None
        address = self._address_of_file(path, file, page)
        if address is not None:
            return self.prefix + self.english_of.get(address, address) + rest
        return url if linked_source(self.site, path, file, page) is not None else None

    def _address_of_file(self, path: str, file: str, page: str) -> str | None:
        """The Dutch address of the page of the Markdown file ``path`` (``linked_document``), linked from the file
        ``file`` of the page at ``page``; None where that file has no page."""
        found = linked_document(self.site, path, file, page, self.dutch.__contains__)
        return None if found is None else self.dutch[found]

    def dutch_link(self, url: str, page: str) -> str:
        """A link of the Dutch page at ``page`` as its copy in the ``nl/`` + ``en/`` tree has it: one to the Markdown
        file of a page (``over-mij.md``, which Hugo does not resolve) to that page, as publish's Dutch page leads it;
        any other as written (its address is the Dutch page's own)."""
        split = min((at for at in (url.find("#"), url.find("?")) if at >= 0), default=len(url))
        path, rest = url[:split], url[split:]
        file = self.files.get(page)
        if file is None or not names_markdown_file(path):
            return url
        address = self._address_of_file(path_in_site(path, self.prefix) if path.startswith("/") else path, file, page)
        return url if address is None else self.prefix + address + rest

    def rewrite_dutch(self, text: str, document_id: str, urls: Sequence[markdown.UrlSpan]) -> str:
        """The Dutch file ``text`` of ``document_id``, its links to pages' Markdown files (at ``urls`` in its body, as
        the assessment found them: ``written_links``) leading to the pages (``dutch_link``)."""
        page = self.dutch.get(document_id)
        if page is None:
            return text
        return rewrite_urls(text, self._body(text, document_id), lambda url: self.dutch_link(url, page), urls)

    def rewrite(
        self, text: str, document_id: str, body: str | None = None, urls: Sequence[markdown.UrlSpan] | None = None, earlier: bool = False,
    ) -> str:
        """The English file ``text`` (its Markdown: ``body``, if at hand, its URLs where ``urls`` says) of the
        document ``document_id``, its links mapped (as written where its Dutch address is unknown); a Hugo site's
        ``ref``/``relref`` as ``hugo_ref`` answers (``earlier``: an earlier approved version's English)."""
        page = self.dutch.get(document_id)
        if page is not None and any(self.english_link(url, page) != url for url in possible_urls(text)):  # else no URL changes
            body = self._body(text, document_id) if body is None else body
            text = rewrite_urls(text, body, lambda url: self.english_link(url, page), urls)
        if page is not None and self._hugo and "ref" in text:  # after: the URLs' places are the parse's
            text = self._gone_refs_unlinked(text, document_id, page) if earlier else text
            text = HUGO_REF.sub(lambda match: _ref_answered(match, self.hugo_ref(_ref_target(match) or "", page, earlier)) if _ref_target(match) else match[0], text)
        if not self.tag_names:
            return text
        return POST_URL.sub(lambda match: match[1] + self.tag_name(_tag(match), match[2]) + match[3] if match[2] else match[0], text)  # after: the URLs' places are the parse's

    def _gone_refs_unlinked(self, text: str, document_id: str, page: str) -> str:
        """An earlier English's file ``text`` with each Markdown link whose URL is a ``ref`` to a file the site no longer
        has (``hugo_ref``: ``gone``) written as its text alone (``links.unlink``): its reader sees no link to nowhere.
        The text is parsed only where there is one; a ref outside a Markdown link is ``_ref_answered``'s."""
        body = self._body(text, document_id)
        gone = {match.span(): _ref_target(match) or "" for match in HUGO_REF.finditer(body) if _ref_target(match) and self.hugo_ref(_ref_target(match) or "", page, True) == "gone"}
        if not gone:
            return text
        text, links = unlink_templates(text, body, gone)
        for _, inside in links:
            for target in inside:
                self.unfound[page, target] = True
        return text

    def _body(self, text: str, document_id: str) -> str:
        """The Markdown of a document's file ``text`` (read under the site's title rule, as the assessment read it)."""
        return parse_document(text, document_id, document_id, **self.site.config.reading).body


def as_written(body: str, asked: str) -> str:
    """The inverse of ``LinkMap.rewrite`` for one file: ``body``, the Markdown of an English file export wrote when the
    map answered its links ``asked`` (``LinkMap.asked``) and changed by hand since, with each URL the map made of one
    URL as written (``/en/blog/andere-post/`` of ``andere-post.md``) as written again: its Dutch's link, which its PO
    entry must keep. A URL the map made of two (``x.md`` and ``./x.md``), or that was written so too, stays as it is.
    A ``{% post_url %}`` name the map answered (``en/2024-01-01-x``) goes back too, but in ``{% raw %}`` (written so)."""
    try:
        pairs, *posts = json.loads(asked)[1:]
        written: dict[str, set[str]] = {}
        for url, answer in pairs:
            written.setdefault(answer, set()).add(url)
        names = {answer: name for named in posts for _, name, answer in named if answer != name}
    except (ValueError, TypeError, IndexError):
        return body
    back = {answer: next(iter(urls)) for answer, urls in written.items() if len(urls) == 1 and answer not in urls}
    body = rewrite_urls(body, body, lambda url: back.get(url, url)) if back else body
    return POST_URL.sub(lambda found: found[1] + names[found[2]] + found[3] if found[2] in names else found[0], body) if names else body


def hugo_file_links(site: Site, documents: Iterable[DocumentStatus], links: LinkMap) -> list[str]:
    """Where the author's own Dutch files of a Hugo site link a page by its Markdown file (``[x](over-mij.md)``, as an
    editor links it; as ``written_links`` found them, ``DocumentStatus.link_places``): export writes nothing into her
    files, and Hugo shows such a link as written, leading to no page, unless a link render hook finds the file. Once
    per file and line, with what to write instead: a ``relref`` to the file, or the page's address. A link to a file
    that has no page is not said here (check and publish say it). Nothing is said where a hook of the site's own or
    Hugo's finds the file (``HugoConfig.embedded_link_hook``): which one is there is the installed Hugo's to say
    (``Hugo.installed``, asked only where there is such a link); where its version is not known, a Hugo of 0.123 or
    later is assumed, and a note says so where that is what keeps the links from being warned of."""
    if not site.config.layout.startswith("hugo") or _link_hook(site):
        return []
    found = _markdown_file_links(site, documents, links)
    if not found:
        return []
    hugo = Hugo.installed()
    if HugoConfig.of(site).embedded_link_hook(hugo.version):
        if hugo.version is not None:
            return []
        files = sorted({location.rpartition(":")[0] for location in found})
        return [
            f"note: {hugo}, so export took the Hugo that builds the site for 0.123 or later, whose own link render hook finds "
            f"the page of each of {plural(sum(map(len, found.values())), 'link')} to a Markdown file in {', '.join(files)}; "
            "a Hugo before 0.123 shows them as written, leading to no page (install hugo here and export again to be told where)"
        ]
    why = f"{hugo}, before 0.123, has no link render hook of its own, nor has the site" if hugo.version is not None and hugo.version < EMBEDDED_LINK_HOOK else (
        "the site has no link render hook, and its settings leave Hugo's own unused")
    return [
        f"{location}: Hugo shows a link to a Markdown file as written, leading to no page ({why}) — write "
        + "; ".join(f"{written} as {instead}" for written, instead in fixes.items())
        for location, fixes in found.items()
    ]


def _markdown_file_links(site: Site, documents: Iterable[DocumentStatus], links: LinkMap) -> dict[str, dict[str, str]]:
    """``hugo_file_links``' links: by ``file:line``, in order, each link as written with what to write instead."""
    documents = list(documents)
    sources = {document.document_id: document.source for document in documents if document.source}
    folder = site.relative(site.source_dir)
    found: dict[str, dict[str, str]] = {}
    for document in documents:
        page = links.dutch.get(document.document_id)
        if page is None or not document.link_places or drafted(document) or document.source is None:
            continue
        try:
            dutch = read_in_site(site, document.source, document.document_id)
        except PipelineError:
            continue  # status says why
        by_line: dict[int, dict[str, str]] = {}
        for start, end in document.link_places:
            written = dutch.body[start:end]
            path = url_path(written)
            linked = linked_document(
                site, path_in_site(path, links.prefix) if path.startswith("/") else path, document.source, page, links.dutch.__contains__,
            )
            if linked is not None:
                relref = posixpath.relpath(sources[linked], folder) + written[len(path):]
                line = dutch.body_line + dutch.body.count("\n", 0, start) + 1
                by_line.setdefault(line, {})[written] = f'{{{{< relref "/{relref}" >}}}} or {links.prefix}{links.dutch[linked]}{written[len(path):]}'
        found.update((f"{document.source}:{line}", fixes) for line, fixes in sorted(by_line.items()))
    return found


def jekyll_link_tags(site: Site, documents: Iterable[DocumentStatus]) -> list[str]:
    """Where the author's own Dutch files of a Jekyll site have a ``{% link %}`` that finds no document, on which Jekyll
    stops the whole build ('Could not find document', ``tags/link.rb``): one that names a page, post or collection's
    document with a leading ``/`` (Jekyll finds those by their ``relative_path`` exactly, which has none: see
    ``jekyll_tag_names``), or a file the site does not have. Once per file and line, with what to write instead (the
    document's path as the tag finds it; for a file not there, the documents of its name). A name of a file the site
    has that is no document (a static file, an HTML page) is Jekyll's to judge; so is one in ``{% raw %}``. Export
    writes nothing into her files, and the English it writes keeps a name it cannot map as written."""
    if site.config.layout != "jekyll":
        return []
    documents = [document for document in documents if document.source]
    known = {_jekyll_relative(site, document.source): document.source for document in documents if document.source}
    by_name: dict[str, list[str]] = {}
    for relative in known:
        by_name.setdefault(posixpath.basename(relative), []).append(relative)
    warnings = []
    for document in documents:
        if drafted(document) or document.source is None:
            continue
        try:
            data = site.source_bytes(site.root / document.source)
            if b"link" not in data or b"{%" not in data:
                continue
            dutch = read_in_site(site, document.source, document.document_id)
        except (OSError, PipelineError):
            continue  # status says why
        for match in POST_URL.finditer(dutch.body):
            name = match[2]
            if match[1] is None or _tag(match) != "link" or name in known or (not name.startswith("/") and os.path.isfile(site.root / name)):
                continue
            line = dutch.body_line + dutch.body.count("\n", 0, match.start()) + 1
            bare = name.lstrip("/")
            if bare in known:
                fix, why = [bare], f"finds a document by its path without a leading '/' ({known[bare]})"
            elif os.path.isfile(site.root / bare):
                continue  # a static file: Jekyll finds it with the '/' too
            else:
                fix, why = sorted(by_name.get(posixpath.basename(bare), [])), "finds a document by its path from the site's top, and the site has no file there"
            instead = " or ".join(f"{match[1]}{path}{match[3]}" for path in fix) or "the path of a document of the site"
            warnings.append(
                f"{document.source}:{line}: {match[0]} finds no document, and Jekyll stops the build on it ('Could not find "
                f"document'): its link tag {why} — write {instead}"
            )
    return warnings


def _link_hook(site: Site) -> bool:
    """Whether the site (or a theme of it) has a link render hook, which may find a page by its Markdown file."""
    return any(next(site.root.glob(pattern), None) for pattern in ("layouts/**/_markup/render-link*", "themes/*/layouts/**/_markup/render-link*"))


class GeneratorPages:
    """Where a Hugo or Jekyll site's generator serves each document's pages (``page_address``), for status and check:
    each English URL (``served_at``) and the Dutch page a link is on (``dutch``), each Dutch document read once for
    both (``of``: None on publish's own site, or where the link map cannot know them, ``unknown_addresses``)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._fronts: dict[str, Mapping[str, Any] | None] = {}

    @classmethod
    def of(cls, site: Site) -> GeneratorPages | None:
        return cls(site) if site.writes_in_place and unknown_addresses(site, True) is None else None

    def dutch(self, document: DocumentStatus) -> str | None:
        """The address of the document's Dutch page (a section at its folder, a page at its ``slug``, ``url`` or ``permalink``),
        for check's link warnings to say where a link is; None where its file cannot be read (status says why)."""
        front = self.front(document)
        return None if front is None else page_address(self.site, document.document_id, front, None, True, document.source)

    def served_at(self, status: SiteStatus) -> SiteStatus:
        """``status`` with each English URL where the generator serves the English (a Jekyll post by its permalink, a page
        by its path, a page or section with its own ``url``), as export writes it, in place of ``site.english_path``."""
        return replace(status, documents=tuple(map(self._served, status.documents)))

    def english_address(self, document: DocumentStatus) -> str:
        """Where the generator serves the English of ``document`` (which has an English URL), or publish's address of it
        where that is not known (two posts whose address is not known are no two at one address): which no two documents
        may share (``status.assess_site``)."""
        served, url = self._served(document).english_url, document.english_url
        assert served is not None and url is not None and url.path is not None
        return served.path or url.path

    def _served(self, document: DocumentStatus) -> DocumentStatus:
        """``document`` with its English URL where the generator serves it; its path None where that is not known
        (``EnglishUrl.path``: a Jekyll post whose date has a time zone, and the site no ``timezone:``)."""
        url = document.english_url
        front = None if url is None or url.path is None else self.front(document)
        if url is None or url.path is None or front is None:
            return document
        address = self.served(document.document_id, front, url.path, document.source)
        return replace(document, english_url=replace(url, path=address)) if address != url.path else document

    def english_at(self, document_id: str, front: Mapping[str, Any], path: str, location: str | None) -> str:
        """``served``, or ``path`` where that cannot be known: which no two documents may share."""
        return self.served(document_id, front, path, location) or path

    def served(self, document_id: str, front: Mapping[str, Any], path: str, location: str | None) -> str | None:
        """Where the generator serves the English that publish serves at ``path`` (``site.english_path``: its last name
        the approved slug; a section's: none used), of the document with the Dutch front matter ``front`` in the file
        at ``location``; None where that cannot be known."""
        slug = path.rstrip("/").rpartition("/")[2]
        return page_address(self.site, document_id, front, slug, True, location)

    def front(self, document: DocumentStatus) -> Mapping[str, Any] | None:
        """The document's Dutch front matter as far as its addresses need it (as the assessment read it, where it kept it;
        else ``addressing_front_matter``), read once; None where it cannot be read."""
        if document.unit is not None:
            return document.unit.document.front_matter
        if document.document_id not in self._fronts:
            try:
                self._fronts[document.document_id] = addressing_front_matter(self.site, document)
            except (OSError, PipelineError):
                self._fronts[document.document_id] = None
        return self._fronts[document.document_id]


def addressing_front_matter(site: Site, verdict: DocumentStatus) -> Mapping[str, Any]:
    """The front matter of a document whose verdict came without it, as far as its addresses need it (``page_address``):
    read only when its bytes name ``slug``, ``url``, ``permalink``, ``date`` or ``categor(y|ies)`` at all, in any case
    (no key of them, no other address)."""
    return addressing_front_of(site, verdict.document_id, verdict.source or "")


def addressing_front_of(site: Site, document_id: str, source: str) -> Mapping[str, Any]:
    """``addressing_front_matter`` of the document ``document_id`` in the file ``source`` (its path in the site)."""
    data = site.source_bytes(site.root / source)
    lowered = data.lower()  # Hugo reads ``Slug`` as ``slug`` (``Document.any_case``)
    if not any(key in lowered for key in (b"slug", b"url", b"permalink", b"date", b"categor")):  # a Jekyll post's date is in its address
        return {}
    return read_source(data, document_id, source, **site.config.reading).front_matter


def site_address(site: Site) -> str:
    """Where the site is published, as its generator has it: a Hugo site's ``baseURL``, a Jekyll site's ``url`` and
    ``baseurl``; ``base_url`` of pipeline.yaml on publish's own site, or where the generator's is not set."""
    if site.config.layout == "jekyll":
        return site.jekyll.address or site.config.base_url
    if site.config.layout.startswith("hugo"):
        found = HugoConfig.of(site).value("baseURL")
        if found is not None and isinstance(found[1], str) and found[1].strip().startswith(("http://", "https://")):
            return found[1].strip()
    return site.config.base_url


def unfound_tags(site: Site, documents: Iterable[DocumentStatus], sources: Container[str] | None = None) -> list[str]:
    """Where the author's Dutch files of a Hugo site have a ``ref``/``relref`` (``links.HUGO_REF``), or those of a Jekyll
    site a ``{% post_url %}`` or ``{% link %}`` (``jekyll_link_tags``), that finds no page: Hugo stops the whole build on it
    (REF_NOT_FOUND), Jekyll too ('Could not find post', 'Could not find document'). Once per file and line, as errors,
    with the closest file there is (by its name), if one is near; check and status say them before any build does.

    Hugo finds a ref's file from the page's folder, then from the content folder's top, and a bare name anywhere
    (``page_finder``'s reverse index); Jekyll a post by its date and name, in any folder (``post_url.rb``'s deprecated
    fallback too). A tag whose target is template syntax, or that names a language, is the generator's to judge.
    ``sources``: only the tags of these files (the Dutch of the commit being made, ``commit_hook.tagged``), if given."""
    hugo = site.config.layout.startswith("hugo")
    if not hugo and site.config.layout != "jekyll":
        return []
    documents = [document for document in documents if document.source and not drafted(document)]
    top = site.root / "content" if hugo else site.source_dir
    known: dict[str, list[str]] = {}  # each page's path as a tag may name it (lowercased, no suffix), → its files
    # a Dutch ref finds Dutch pages only (not post.en.md, nor content/en/…); a Jekyll tag any post
    pages = site.source_paths() if hugo else (Path(folder, name) for folder, _, names in os.walk(top) for name in names)
    for page in pages:
        if page.name.endswith(DOCUMENT_SUFFIXES):
            path = site.relative(page)
            for key in _tag_keys(site, path, hugo):
                known.setdefault(key, []).append(path)
    errors = []
    history = _TagHistory(site, top, hugo)
    built = HugoBuilds(site) if hugo else None
    for document in documents:
        if sources is not None and document.source not in sources:
            continue
        try:
            data = site.source_bytes(site.root / document.source)  # type: ignore[operator]
            if (b"ref" if hugo else b"post_url") not in data:
                continue
            dutch = read_in_site(site, document.source or "", document.document_id)
        except (OSError, PipelineError):
            continue  # status says why
        if built is not None and built.expired(dutch.front_matter):
            continue  # Hugo builds no page of it, and reads none of its refs
        for match in (HUGO_REF if hugo else POST_URL).finditer(dutch.body):
            target = ref_target(match) if hugo else match[2]
            if not target or "{" in target or (not hugo and _tag(match) != "post_url") or (hugo and "lang" in ref_arguments(match)):
                continue
            wanted = _wanted_keys(site, document.source or "", target.partition("#")[0], hugo)
            if not wanted:
                continue
            files = [file for key in reversed(wanted) for file in known.get(key, ())]  # the likeliest first
            unbuilt = None if built is None or not files else built.none_of(files, dutch.front_matter)
            if files and unbuilt is None:
                continue
            line = dutch.body_line + dutch.body.count("\n", 0, match.start()) + 1
            instead = unbuilt or history.instead(wanted) or _closest(known, wanted)
            if hugo:
                what = f"{match[0]} finds no page, and Hugo stops the whole build on it (REF_NOT_FOUND)"
            else:
                what = f"{match[0]} finds no post, and Jekyll stops the whole build on it ('Could not find post')"
            errors.append(f"{document.source}:{line}: error: {what} — {instead}")
    if not hugo:  # a {% link %} that finds no document stops Jekyll's build as surely: an error here too, not export's warning alone
        errors += [
            f"{place}: error: {said}" for place, said in (found.split(": ", 1) for found in jekyll_link_tags(site, documents))
            if sources is None or place.rpartition(":")[0] in sources
        ]
    return errors


class HugoBuilds:
    """Whether Hugo 0.111 builds a page of a Dutch file a ref finds, for ``unfound_tags``: not of one marked
    ``draft: true``, one whose publish date (``publishDate``, ``pubDate``, ``published``, else ``date``) is still to
    come, nor one whose ``expiryDate`` (``unpublishDate``) has passed, unless the site's config says
    ``buildDrafts``, ``buildFuture`` or ``buildExpired`` (the ``hugo`` command's own flags are not known here); a
    ref to such a page is REF_NOT_FOUND. Pages Hugo does not render (``_build: {render: never}``, a headless bundle)
    it still finds. Each file's front matter is read once, and only where a ref finds it."""

    _PUBLISHED = ("publishdate", "pubdate", "published", "date")
    _EXPIRES = ("expirydate", "unpublishdate")

    def __init__(self, site: Site) -> None:
        self.site = site
        config = HugoConfig.of(site)
        self.drafts, self.future, self.expired_too = (
            (found := config.value(name)) is not None and found[1] is True for name in ("buildDrafts", "buildFuture", "buildExpired")
        )
        zone = config.value("timeZone")
        try:
            self.zone: tzinfo = ZoneInfo(zone[1]) if zone is not None and isinstance(zone[1], str) and zone[1] else timezone.utc
        except (ValueError, ZoneInfoNotFoundError):
            self.zone = timezone.utc  # hugo refuses an unknown zone itself
        self.now = datetime.now(timezone.utc)
        self._fronts: dict[str, Mapping[str, Any] | None] = {}

    def expired(self, front: Mapping[str, Any]) -> bool:
        """Whether the page of ``front`` has expired: Hugo builds none, and reads none of its refs."""
        ends = self._moment(front, self._EXPIRES)
        return not self.expired_too and ends is not None and ends[1] <= self.now

    def none_of(self, files: Sequence[str], front: Mapping[str, Any]) -> str | None:
        """Why Hugo builds no page of any of ``files`` (the Dutch files a ref in the page of ``front`` finds, the
        likeliest first), with what to do; None where it builds one, or its front matter cannot be read (status says
        why). A ref to a page published later is no error on a page published no earlier: Hugo builds neither today."""
        reasons = [self.why_not(file, front) for file in files]
        return None if None in reasons else reasons[0]

    def why_not(self, file: str, front: Mapping[str, Any]) -> str | None:
        """Why Hugo builds no page of ``file`` while it builds the page of ``front``; None where it does."""
        target = self._front(file)
        if target is None:
            return None
        if not self.drafts and any(str(key).lower() == "draft" and value is True for key, value in target.items()):
            return f"{file} is draft: true: hugo builds no page for it; publish it (draft: false) or remove the link"
        published = self._moment(target, self._PUBLISHED)
        if not self.future and published is not None and published[1] > self.now:
            mine = self._moment(front, self._PUBLISHED)
            if mine is not None and mine[1] >= published[1]:
                return None  # this page goes live no earlier than it: hugo builds neither before then
            return (f"{file} has {published[0]} {published[2]}, in the future: hugo builds no page for it before then; "
                    "remove the link until then, or give this page a date no earlier than it")
        ends = self._moment(target, self._EXPIRES)
        if not self.expired_too and ends is not None and ends[1] <= self.now:
            return f"{file} has {ends[0]} {ends[2]}, which has passed: hugo builds no page for it; remove the link, or take its {ends[0]} out"
        return None

    def _front(self, file: str) -> Mapping[str, Any] | None:
        """The front matter of ``file`` (a path in the site); None where it cannot be read."""
        if file not in self._fronts:
            try:
                path = self.site.root / file
                front = read_source(self.site.source_bytes(path), self.site.document_id(path), file, **self.site.config.reading).front_matter
                self._fronts[file] = front
            except (OSError, PipelineError):
                self._fronts[file] = None
        return self._fronts[file]

    def _moment(self, front: Mapping[str, Any], names: Sequence[str]) -> tuple[str, datetime, str] | None:
        """The first of the date settings ``names`` that ``front`` has (by its name in any case), as Hugo reads it:
        its name as written, the moment, and the value as written; None where none is set, or is no date Hugo reads."""
        lowered = {str(key).lower(): (str(key), value) for key, value in front.items()}
        for name in names:
            if name not in lowered or lowered[name][1] in (None, ""):
                continue
            written, value = lowered[name]
            if isinstance(value, str):
                value = read_date(value)  # None: a form only hugo reads, its to judge
            if not isinstance(value, datetime) and isinstance(value, calendar_date):
                value = datetime(value.year, value.month, value.day)
            if not isinstance(value, datetime):
                return None
            return written, value if value.tzinfo else value.replace(tzinfo=self.zone), str(lowered[name][1]).strip()
        return None


def _closest(known: Mapping[str, Sequence[str]], wanted: Sequence[str]) -> str:
    """What to write in place of a tag that finds no page and whose file git saw neither renamed nor deleted: the file
    there is whose name is closest to the one it names, if one is near."""
    close = difflib.get_close_matches(wanted[-1], list(known), n=1, cutoff=0.6)
    return f"write the name of the file it means ({known[close[0]][0]}?)" if close else "write the name of a file the site has"


class _TagHistory:
    """What git saw of the files a tag that finds no page may name (``live.renames``, ``live.deletions``: asked once, and
    only where a tag finds no page; status and check ask them anyway for their renamed pages' notes), by ``_tag_keys``."""

    def __init__(self, site: Site, top: Path, hugo: bool) -> None:
        self.site, self.hugo = site, hugo
        self.folder = "" if site.relative(top) == "." else site.relative(top) + "/"  # a Jekyll site's posts: anywhere in it
        self._keys: tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str, str]]] | None = None

    def keys(self) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str, str]]]:
        """Each key a renamed file's old name gives, with its old and new file; each a deleted file's gives, with it and its commit."""
        if self._keys is None:
            moved: dict[str, tuple[str, str]] = {}
            for old, new in renames(self.site).values():
                if old.startswith(self.folder) and (self.site.root / new).is_file():
                    for key in _tag_keys(self.site, old, self.hugo):
                        moved.setdefault(key, (old, new))
            gone: dict[str, tuple[str, str, str]] = {}
            for path, (commit, date) in deletions(self.site).items():
                if path.startswith(self.folder) and path.endswith(DOCUMENT_SUFFIXES):
                    for key in _tag_keys(self.site, path, self.hugo):
                        gone.setdefault(key, (path, commit, date))
            self._keys = moved, gone
        return self._keys

    def instead(self, wanted: Sequence[str]) -> str | None:
        """What to write in place of a tag that finds no page (``wanted``: the keys it may find, the likeliest last), where
        git saw its file renamed (its new name) or deleted (when, and to remove the link or restore the file); else None."""
        moved, gone = self.keys()
        for key in reversed(wanted):
            if key in moved:
                old, new = moved[key]
                name = "/" + new.removeprefix(self.folder) if self.hugo else posixpath.splitext(posixpath.basename(new))[0]
                return f"git saw {old} renamed to {new}: write its new name ({name})"
            if key in gone:
                path, commit, date = gone[key]
                if not commit:
                    return f"git saw {path} deleted, not committed yet: remove the link, or restore the post (git checkout HEAD -- {path})"
                return f"git saw {path} deleted in commit {commit} of {date}: remove the link, or restore the post (git checkout {commit}^ -- {path})"
        return None


def _tag_keys(site: Site, path: str, hugo: bool) -> list[str]:
    """The names a tag may find the file at ``path`` by: Hugo's, from the content folder's top without its suffix (and a
    ``.nl``/``.en`` language part, a language folder of ``hugo-by-folder``), its bundle's or section's folder for
    ``index``/``_index``, and its bare name; Jekyll's, a post's date and name (its file's name without suffix)."""
    stem = posixpath.splitext(path)[0].lower()
    if not hugo:
        return [posixpath.basename(stem)]
    below = stem.removeprefix("content/")
    parts = below.split("/")
    if site.config.layout == "hugo-by-folder" and len(parts) > 1:
        parts = parts[1:]  # content/nl/blog/x: /blog/x
    parts[-1] = re.sub(r"\.[a-z]{2}(?:-[a-z]+)?$", "", parts[-1])  # x.nl: x
    keys = ["/".join(parts)]
    if parts[-1] in ("index", SECTION):
        keys.append("/".join(parts[:-1]))
    return [*keys, "~" + keys[-1].rpartition("/")[2]]  # "~name": found by its bare name


def _wanted_keys(site: Site, file: str, target: str, hugo: bool) -> list[str]:
    """The keys of ``_tag_keys`` a tag's ``target``, written in ``file``, may find (the likeliest last); none where it
    names no page (an empty target: the page itself)."""
    target = target.strip().lower()
    if not hugo:
        return [target.rpartition("/")[2]] if target else []
    stem = posixpath.splitext(target)[0] if target.endswith(DOCUMENT_SUFFIXES) else target
    stem = stem.rstrip("/")
    if not stem:
        return [""] if target.startswith("/") else []  # the home page: "/"
    content = site.relative(site.source_dir).lower()
    if stem.startswith("/"):
        return [stem.lstrip("/")]
    folder = posixpath.dirname(file.lower())
    beside = posixpath.normpath(posixpath.join(folder, stem))
    beside = beside[len(content) + 1:] if beside.startswith(content + "/") else beside
    return [*([] if "/" in stem else ["~" + stem]), posixpath.normpath(stem), beside]
