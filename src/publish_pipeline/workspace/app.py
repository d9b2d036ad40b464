"""The workspace's web side: Starlette routes, the token/Host/Origin guard, and the uvicorn server.

Only the person who started the server can use it, as with Jupyter: it listens on
127.0.0.1, the printed address carries a random token (exchanged once for a
cookie), a request naming another Host (DNS rebinding) or sent from another
page's Origin is refused, and every page forbids inline script (CSP) so that a
text that slipped past escaping could still not run.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import os
import re
import secrets
import signal
import socket
import stat
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..catalogs.catalog import STATES, Key
from ..wording import ENTRY_WORDS, plural
from ..catalogs.checks import CHECKS
from ..errors import PipelineError, SitePathError
from ..output.preview import HOST, refused_port
from ..plumbing.parallel import stop_workers
from ..plumbing.progress import Phases
from ..quality.review import TO_REVIEW, origin_words, progress, stretches
from ..site import DOCUMENT_SUFFIXES, Site
from ..quality.live import OLDER, UNCOMMITTED_SUMMARY, Live, live_english, renames, uncommitted
from ..quality.status import DocumentStatus
from .entries import entry_id
from .listing import Listing, Next, next_document, patience, to_review
from .search import Searchable
from .entries import (
    ATTENTION, DOCUMENT_CHECKS, Conflict, Gone, Judged, State, Workspace, approves, draft_preview, drafts_with_errors, english_front_matter, english_preview, entry_lines, entry_names, successor,
    in_the_browser, needs_attention, said_of_document, shown, unplaced, with_ignored, with_provenance,
)

COOKIE = "publish_pipeline_workspace"
UNSILENCED = frozenset(rule.id for rule in CHECKS if not rule.silenceable)
"""The checks no ``# ignore:`` comment silences (a template, a slug, a title): their errors have no "ignore here"."""
SEARCH_LIMIT = 200
"""Entries a search across documents shows at most (the rest counted: a longer word finds fewer)."""
ORDERS: dict[str, Callable[[DocumentStatus], Any]] = {
    "fewest": lambda document: (not needs_attention(document), to_review(document) or document.errors, document.words_to_review),
    "most": lambda document: (-to_review(document), -document.errors, -document.words_to_review),
}
"""The documents list's orders besides the site's own: those nearest to done first (each one finished puts a page
live), or those with the most to review first."""
ORDER_WORDS = {"": "as the site lists them", "fewest": "fewest to review first", "most": "most to review first"}


def cookie_name(port: int) -> str:
    """The name of the cookie of the workspace on ``port``: a browser keeps cookies by host, not by port, so two
    workspaces on 127.0.0.1 (two sites) would each overwrite the other's under one name."""
    return f"{COOKIE}_{port}"


HUGO = "Hugo builds this site's pages: its shortcodes ({{< … >}}, {{% … %}}) stand here as written, Hugo renders them"
GENERATED_BY = {
    "hugo-by-filename": HUGO,
    "hugo-by-folder": HUGO,
    "jekyll": "Jekyll builds this site's pages: its Liquid tags ({% … %}, {{ … }}) stand here as written, Jekyll renders them",
}
"""What the English preview of a Hugo or Jekyll site cannot show (the workspace does not run the generator per keystroke)."""
GENERATORS = {"hugo-by-filename": "hugo", "hugo-by-folder": "hugo", "jekyll": "jekyll"}
"""The generator that builds a Hugo or Jekyll site's pages from what export writes (publish is refused there)."""


TYPED_FOR_OTHER = "this English was typed for the Dutch before it changed: read it against the Dutch now"
"""What the first Ctrl+Enter on English the page put back in an entry whose Dutch changed since says (``ask_first``)."""


def held_back(layout: str, live: Live) -> str:
    """What happens to a document's English while an entry approved with an error waits to be fixed, said from what
    the site then serves (``live``, judged as if it were saved): the command that holds it back by the site's layout
    (on a Hugo or Jekyll site export, which writes what the generator builds: a trial heard "publish" said on a Hugo
    site), and an earlier approved version that stays live where there is one (a trial heard "hugo builds none of it"
    while hugo built last week's approved English)."""
    generator = GENERATORS.get(layout)
    command = "export" if generator else "publish"
    if live.state == OLDER and live.commit:
        built = f", which {generator} builds" if generator else ""
        return f"{command} holds this update back until it is fixed: the English of {(live.date or '')[:10]} (commit {live.commit[:10]}) stays live{built}"
    return f"{command} holds its English back{f' (so {generator} builds none of it)' if generator else ''} until it is fixed"


HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}
Scope = MutableMapping[str, Any]
ASGI = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


class Guard:
    """Refuses what the person at the keyboard did not send: no token or cookie, a foreign Host or Origin."""

    def __init__(self, app: ASGI, token: str, port: int, stop: Callable[[], None] = lambda: None) -> None:
        self.app, self.token, self.cookie = app, token, cookie_name(port)
        self.hosts = frozenset({f"{HOST}:{port}", f"localhost:{port}"})
        self.stop = stop
        """Called as the server stops: what a request waits for that is no one's work (the documents list) ends now."""

    def refusal(self, request: Request) -> str | None:
        if request.headers.get("host") not in self.hosts:
            return "refused: this server answers only to its own address (127.0.0.1)"
        origin = request.headers.get("origin")
        if origin is not None and origin.removeprefix("http://") not in self.hosts:
            return "refused: a request from another site"
        given = request.query_params.get("token") or request.cookies.get(self.cookie) or ""
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return "refused: open the address with the token that invoke workspace printed (unsaved English typed in this browser comes back there)"
        return None

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Any]], send: Callable[[Any], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        refusal = self.refusal(request)
        response: Response | None = None
        if refusal:
            response = PlainTextResponse(refusal, status_code=403)
        elif "token" in request.query_params:  # once: the token moves into a cookie and out of the address bar
            rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
            response = RedirectResponse(request.url.path + (f"?{rest}" if rest else ""), status_code=303)
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict")
        if response is not None:
            response.headers.update(HEADERS)
            return await response(scope, receive, send)

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] += [(name.encode(), value.encode()) for name, value in HEADERS.items()]
            await send(message)

        await self.app(scope, receive, with_headers)


SANDBOX = {"content-security-policy": "sandbox"}
"""The site's files are served sandboxed: a file opened on its own (an SVG with a script) runs nothing here."""
JEKYLL_RENDERED = (*DOCUMENT_SUFFIXES, ".html", ".htm")
"""Files Jekyll renders into pages rather than copies."""


class SiteFiles(StaticFiles):
    """The files the site's generator copies as they are (``copied``: which of them, by their path below
    ``directory``), at the paths the site serves them from, so that a preview shows its images. Read-only,
    inside the site only (StaticFiles follows no link out), sandboxed."""

    def __init__(self, directory: Path, copied: Callable[[str], bool] = lambda path: True) -> None:
        super().__init__(directory=directory, check_dir=False)
        self.copied = copied

    async def check_config(self) -> None:
        pass  # a site without the folder (no static/): each file is missing (404), the server is not broken

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        return super().lookup_path(path) if self.copied(path) else ("", None)

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update(SANDBOX)
        return response


def copied_by_jekyll(site: Site) -> Callable[[str], bool]:
    """Whether Jekyll copies the site's file at a path (below the site) into the built site as it is: neither it nor a
    folder above it is left out as the site's ``_config.yml`` has it (``JekyllConfig.leaves_out``), nor is it a page
    Jekyll renders."""
    config = site.jekyll

    def copied(path: str) -> bool:
        parts = path.split("/")
        if not path or path.endswith(JEKYLL_RENDERED):
            return False
        return not any(config.leaves_out("/".join(parts[:end]), end < len(parts)) for end in range(1, len(parts) + 1))

    return copied


def site_files(site: Site) -> SiteFiles:
    """The site's files its pages link to from the site's top (``/images/x.png``), as the generator serves them:
    ``static/`` (this pipeline's and Hugo's), or what Jekyll copies of the site's own folder (``/assets/…``)."""
    if site.config.layout == "jekyll":
        return SiteFiles(site.root, copied_by_jekyll(site))
    return SiteFiles(site.root / "static")


def create_app(site: Site, token: str, port: int, workspace: Workspace | None = None) -> Guard:
    """The ``workspace`` for ``site`` (a new one by default), answering on 127.0.0.1:``port`` to requests carrying ``token``."""
    workspace = workspace or Workspace(site)
    loader = ChoiceLoader([PackageLoader("publish_pipeline.workspace", "templates"), PackageLoader("publish_pipeline.quality", "templates")])
    templates = Environment(loader=loader, autoescape=select_autoescape(default=True))  # the review page's too: its progress bar
    templates.globals.update(states=STATES, words={**ENTRY_WORDS, ATTENTION: TO_REVIEW}, project=site.config.site_name, stretches=stretches, progress=progress, unsilenced=frozenset(DOCUMENT_CHECKS) | UNSILENCED, in_the_browser=in_the_browser, plural=plural, origin_words=origin_words)
    # the browser keeps her unsaved English and undo history by origin, and two sites' workspaces take turns on one
    # port (the workspace's default): the page names its site in those keys, or one site's would be another's "gone"
    templates.globals["site_key"] = hashlib.sha256(str(site.root.resolve()).encode()).hexdigest()[:16]

    def page(name: str, **values: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**values))

    def header_html(state: tuple[DocumentStatus, Live, str]) -> str:
        """The header of a document from its ``Workspace.state``: its counts and what happens to its English, as
        they are now (after a save too)."""
        document, live, said = state
        found = [(problem.severity, said_of_document(document, problem)) for problem in unplaced(document)]
        erring = drafts_with_errors(document, workspace.glossary)
        return templates.get_template("header.html.j2").render(document=document, live=live, said=said, found=found, drafts_with_errors=erring)

    def entry_html(document_id: str, view: Any, conflict: bool = False) -> str:
        return templates.get_template("entry.html.j2").render(document_id=document_id, view=view, conflict=conflict)

    def listed(progress: Phases) -> dict[str, Any]:
        """What the documents list shows of the site as its files are now: made in a thread (``listing``), ``progress`` told."""
        begun = time.monotonic()
        status = workspace.site_status(progress)
        live = live_english(site, status)
        local = uncommitted(site, live)
        english = f"English of {plural(len(live.documents), 'document')} — {live.counts(local)}"
        return {"status": status, "live": live, "english": english, "titles": workspace.titles(status.rows), "uncommitted": local, "begun": begun}

    listing = Listing(listed)
    stopped = PipelineError("workspace", "stopped (Ctrl-C)", hint="start it again (invoke workspace), then reload the page")

    async def documents(request: Request) -> Response:
        show = request.query_params.get("show", "")  # of a thousand, the few that need her
        if not warming:  # the search box's entries read meanwhile, once: her first search does not wait for every PO file
            warming.append(threading.Thread(target=searchable.current, name="workspace search", daemon=True))
            warming[0].start()
        order = request.query_params.get("order", "")
        shown_list = await made_list()
        if isinstance(shown_list, Response):
            return shown_list
        status = shown_list["status"]
        # every document a row, those whose Dutch cannot be read too (``SiteStatus.rows``), as status lists them
        waiting = [document for document in status.rows if needs_attention(document)]
        rows = {id(document.catalog_error) for document in status.unreadable}
        listed_rows = waiting if show == ATTENTION else status.rows
        if order in ORDERS:
            listed_rows = sorted(listed_rows, key=ORDERS[order])
        return page(
            "index.html.j2", **shown_list, totals=status.totals, show=show, waiting=len(waiting), order=order,
            orders=[(name, said, _address("/", show=show, order=name)) for name, said in ORDER_WORDS.items()],
            documents=listed_rows, needing={document.document_id for document in waiting}, attention=ATTENTION, once_committed=UNCOMMITTED_SUMMARY,
            errors=[error for error in status.errors if id(error) not in rows],  # the rest, said below the list
            first=next_document(status.rows, shown_list["titles"], None, needs_attention),
            to_review=sum(to_review(document) for document in status.rows),
        )

    async def search(request: Request) -> Response:
        """The entries of every document whose Dutch, English, context or translator comment holds what she typed
        (``search.folded``: case and accents aside), each with its document and a snippet, linked to its place."""
        query = request.query_params.get("q", "")
        found = await unless_stopped(run_in_threadpool(searchable.search, query, SEARCH_LIMIT))  # the first: every PO file read
        return page("search.html.j2", query=query, found=found, entry_id=entry_id)

    searchable = Searchable(site)
    pages_had: dict[str, tuple[float, DocumentStatus]] = {}
    """Each document's verdict as its page last had it (shown, or after a save), and when: newer than the last list,
    it is the one the next document is chosen by (she approved its last entry since the list was made)."""

    def page_had(status: DocumentStatus) -> None:
        pages_had[status.document_id] = (time.monotonic(), status)

    def next_after(document_id: str | None) -> Next | None | str:
        """The document that needs her after ``document_id`` (``next_document``) by the last list made, each document's
        verdict as its page had it since; "" (not known yet) while no list was made."""
        made = listing.latest()
        if made is None:
            return ""
        rows = []
        for row in made["status"].rows:
            had = pages_had.get(row.document_id)
            rows.append(had[1] if had is not None and had[0] > made["begun"] else row)
        return next_document(rows, made["titles"], document_id, needs_attention)

    async def made_list() -> dict[str, Any] | Response:
        """The documents list as the files are now, or the page that says how far it is while a long one is made."""
        sources = site.source_paths()
        making = listing.making()
        made, _ = await asyncio.wait({asyncio.wrap_future(making)}, timeout=patience(len(sources)))
        if not made:  # the server answers meanwhile: the page says how far the list is, and her documents can be opened
            names = [site.document_id(path) for path in sources]
            return page("judging.html.j2", names=names, progress=listing.progress())
        listing.took(making)
        return making.result()

    warming: list[threading.Thread] = []

    async def judging(request: Request) -> Response:
        """How far the documents list is (``listing.Progress``): the page waiting for it asks."""
        return JSONResponse(dataclasses.asdict(listing.progress()))

    async def document(request: Request) -> Response:
        document_id, answered = _page_or_file(site, request)
        if answered is not None:
            return answered
        try:
            unit = workspace.unit(document_id)
        except PipelineError as error:  # its PO file (or Dutch) cannot be read: the page says where and what to do, as status does
            return HTMLResponse(templates.get_template("unreadable.html.j2").render(document_id=document_id, error=error, up_next=next_after(document_id)))  # the page is shown: no console error
        status = workspace.status(unit)
        links = workspace.links(unit)  # the site's pages read once for every entry's preview
        views = [workspace.view(unit, translation, status.problems, links) for translation in status.translations]
        state, check, query = (request.query_params.get(name, "") for name in ("state", "check", "q"))
        standing = await run_in_threadpool(workspace.state, status)  # a publishable one's claims: kept, made anew, or not waited for while the list makes them
        page_had(standing[0])
        title = next((t.source for t in status.translations if t.context == "title"), document_id)  # as the list names it
        return page(  # the memory's suggestions are not asked here: the page asks for them once shown (suggest)
            "document.html.j2", document=status, title=title, header=header_html(standing), views=shown(views, state, check, query), total=len(views),
            state=state, check=check, query=query, filters=(*STATES, ATTENTION), checks=[*(rule.id for rule in CHECKS), *DOCUMENT_CHECKS],
            entry_html=lambda view: entry_html(document_id, view), up_next=next_after(document_id),
        )

    async def preview(request: Request) -> Response:
        document_id, answered = _page_or_file(site, request)
        if answered is not None:
            return answered
        unit = workspace.unit(document_id)
        drafts = request.query_params.get("drafts") == "yes"  # hers not approved yet too: a page no one publishes, never written
        rendered, left_out = draft_preview(unit) if drafts else (english_preview(unit), [])
        body = await run_in_threadpool(workspace.preview_links, unit, rendered)  # reads every document's address
        return page(
            "preview.html.j2", document_id=unit.document.id, body=body, front=english_front_matter(unit, drafts), titled=body.lstrip().startswith("<h1"),
            generated_by=GENERATED_BY.get(site.config.layout), drafts=drafts, left_out=left_out,
        )

    # One save at a time, from reading the PO file to writing it and judging it, in a thread: msgfmt and the verdicts
    # of a document hold no other request of the server (the documents list, a page, the list's progress).
    saving = asyncio.Lock()

    async def save(request: Request) -> Response:
        body = await _body(request)
        try:
            _known(site, [body["document"]])
        except Moved as moved:  # a tab left open on a document renamed since: her text stays in its box, and kept
            return JSONResponse({"gone": _said(moved), "moved": moved.to}, status_code=409)
        async with saving:
            try:
                return await run_in_threadpool(saved_entry, body)
            except Gone as gone:  # a conflict with the file (extract, git pull), as one with another editor is; her text stays hers
                return JSONResponse({"gone": _said(gone), "instead": gone.instead}, status_code=409)

    def saved_entry(body: dict[str, Any], rebased: bool = False) -> Response:
        """The save ``body`` asks, answered. One whose English the file holds already, though the file changed since
        the page read it (a second Ctrl+Enter before the first was answered, another tab saving the same text),
        loses no one's text: it is made again on the file's entry (``rebased``, once) rather than called a conflict."""
        document_id, key, seen = _entry_of(body)
        wanted = workspace.reviewed(document_id, key, seen, _wanted(body, seen))  # a line merge's English approved as it is
        judged = None
        if approves(seen, wanted) and not body.get("anyway"):  # judged before it is written, and the save answered from it
            judged = workspace.judged(document_id, key, wanted)
            if judged.error is not None or judged.dutch_left is not None or body.get("typed_for_other"):
                return ask_first(document_id, judged, bool(body.get("typed_for_other")))
        made_for = body.get("made_for") if isinstance(body.get("made_for"), str) else None  # a suggestion's Dutch
        undone_to = workspace.previous(document_id, key) if made_for is not None else None
        try:
            saved = workspace.save(document_id, key, seen, wanted, judged, made_for)
            listing.saved()
            page_had(saved.status)
        except Conflict as conflict:
            current = State.of(conflict.current)
            if current.text == wanted.text and not rebased:
                return saved_entry({**body, "seen": _json(current)}, rebased=True)
            unit = _unit(workspace, document_id)
            html = entry_html(document_id, workspace.view(unit, conflict.current), conflict=True)
            answer = {"conflict": conflict.message, "html": html, "header": header_html(workspace.state(workspace.status(unit))), "lines": entry_lines(unit)}
            return JSONResponse(answer, status_code=409)
        html = entry_html(document_id, saved.view)  # its suggestions asked as the page's
        answer = {"html": html, "header": header_html(workspace.state(saved.status)), "lines": entry_lines(saved.unit)}
        after = State.of(saved.view.translation)
        if after != seen:  # what undo puts back; a save that changed nothing leaves the last change to undo
            answer["undo"] = {"seen": _json(after), "wanted": _json(seen)}
            if made_for is not None:  # the previous Dutch it had too (none: its own Dutch, which drops the one recorded)
                answer["undo"]["wanted"]["made_for"] = key[1] if undone_to is None else undone_to
        return JSONResponse(answer)

    def ask_first(document_id: str, judged: Judged, typed_for_other: bool = False) -> Response:
        """Approving an English with a check error (``Judged.error``: of the document as a whole too) takes a second,
        deliberate step (publish would hold it back), as does one with Dutch left that check only warns of (the
        English site would show it), and one the page put back that she typed for the Dutch before it changed
        (``typed_for_other``): the answer says so, all in one question (a trial: three Ctrl+Enter, a question each),
        and shows the problems; nothing is written. The next Ctrl+Enter approves."""
        typed = TYPED_FOR_OTHER if typed_for_other else ""
        if (error := judged.error) is not None:
            served = workspace.state(judged.status)[1]  # as it would be once saved: an earlier approved version, or none
            question = f"this entry has an error ({error.check}: {error.message}): Ctrl+Enter (or Approve) again to approve it anyway; {held_back(site.config.layout, served)}"
        elif (left := judged.dutch_left) is not None:
            question = f"this entry has Dutch left ({left.check}: {left.message}): Ctrl+Enter (or Approve) again to approve it anyway; check only warns of it, so the English site will show it"
        else:
            return JSONResponse({"confirm": f"{typed}, change it, or press Ctrl+Enter again to approve it as it is", "kind": "conflict", "html": entry_html(document_id, judged.view)})
        return JSONResponse({"confirm": f"{typed}, and {question}" if typed else question, "html": entry_html(document_id, judged.view)})  # a question, not a failure

    async def check(request: Request) -> Response:
        """The entry judged with the English she is typing (nothing written); of a document renamed since, or an entry
        whose Dutch changed, said as a save says it (409: where it went, her text kept in its box), not refused."""
        body = await _body(request)
        document_id, key, _ = _entry_of(body)
        try:
            unit = _unit(workspace, document_id)
            view = workspace.unsaved(unit, key, str(body.get("text", "")))
        except Moved as moved:
            return JSONResponse({"gone": _said(moved), "moved": moved.to}, status_code=409)
        except Gone as gone:
            return JSONResponse({"gone": _said(gone), "instead": gone.instead}, status_code=409)
        return JSONResponse({"html": entry_html(document_id, view)})

    async def suggest(request: Request) -> Response:
        """The memory's suggestions for the entries a page names (each by its key and the English it shows), each
        list as the entry shows it: asked once the page is shown, for the entries she reaches first."""
        body = await _json_body(request)
        asked = body.get("entries")
        if not isinstance(asked, list) or not all(isinstance(entry, dict) and isinstance(entry.get("source"), str) for entry in asked):
            raise PipelineError(request.url.path, "not a request of the workspace page", hint="reload the page")
        asked_for = [(_key(entry), str(entry.get("text", ""))) for entry in asked]
        found = await unless_stopped(run_in_threadpool(workspace.suggested, asked_for))  # seconds, the first time: the server answers other requests meanwhile
        suggestions = templates.get_template("suggestions.html.j2")
        return JSONResponse({"html": [suggestions.render(suggestions=offered) for offered in found]})

    stops: set[asyncio.Future[None]] = set()  # one for each request waiting for what the server's stop need not wait for

    async def unless_stopped(work: Awaitable[Any]) -> Any:
        """What ``work`` gives, or, once the server stops (``stop``), the line that says so at once: no one's work
        is lost (a save is never made so), and the memory being made (seconds on a big site) held the stop."""
        doing, stop = asyncio.ensure_future(work), asyncio.get_running_loop().create_future()
        stops.add(stop)
        try:
            await asyncio.wait({doing, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stops.discard(stop)
        if not doing.done():
            doing.add_done_callback(lambda done: done.cancelled() or done.exception())  # its end, whenever, told to no one
            raise stopped
        return doing.result()

    def stop() -> None:
        """The server stops: the requests that wait for no one's work (the documents list, the memory's suggestions)
        are answered at once."""
        listing.stop(stopped)
        for waiting in list(stops):
            if not waiting.done():
                waiting.set_result(None)

    async def kept(request: Request) -> Response:
        """Which of the entries the page names (each by its document and name) English kept in the browser belongs
        to no more: its document is gone, or its PO file has no entry of that name (now or before extract); and which
        belongs to a document git saw renamed (``moved``: to the document it is now, whose entries have the same names)."""
        body = await _json_body(request)
        asked = body.get("entries")
        if not isinstance(asked, list) or not all(isinstance(entry, dict) and isinstance(entry.get("document"), str) for entry in asked):
            raise PipelineError(request.url.path, "not a request of the workspace page", hint="reload the page")
        names: dict[str, frozenset[str] | None] = {}
        for entry in asked:
            if entry["document"] not in names:
                names[entry["document"]] = _names(workspace, entry["document"])
        moved = {document: _renamed(site, document) for document, found in names.items() if found == frozenset()}
        moves = [[index, moved[entry["document"]]] for index, entry in enumerate(asked) if moved.get(entry["document"])]  # renamed in git: to its page now
        gone = [index for index, entry in enumerate(asked) if not moved.get(entry["document"]) and _gone(names[entry["document"]], entry.get("id"))]
        instead = {index: await run_in_threadpool(_successor, workspace, asked[index]) for index in gone}  # the Dutch it was typed for reworded
        return JSONResponse({"gone": [index for index in gone if not instead[index]], "instead": [[index, name] for index, name in instead.items() if name], "moved": moves})

    async def refused(request: Request, error: Exception) -> Response:
        assert isinstance(error, PipelineError)
        line = _said(error)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": line}, status_code=422)
        return PlainTextResponse(line, status_code=422)

    static = Path(__file__).parent / "static"
    routes = [
        Route("/", documents),
        Route("/document/{path:path}", document),
        Route("/preview/{path:path}", preview),
        Route("/api/save", save, methods=["POST"]),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/suggestions", suggest, methods=["POST"]),
        Route("/api/kept", kept, methods=["POST"]),
        Route("/api/listing", judging),
        Route("/search", search),
        Mount("/static", StaticFiles(directory=static), name="static"),
        Mount("/", site_files(site), name="site"),  # the images of the previews
    ]
    return Guard(Starlette(routes=routes, exception_handlers={PipelineError: refused}), token, port, stop)


def _address(path: str, **query: str) -> str:
    """``path`` with the parameters of ``query`` that are not empty."""
    given = urlencode({name: value for name, value in query.items() if value})
    return f"{path}?{given}" if given else path


def _said(error: PipelineError) -> str:
    """The error as one line, as the tasks print it."""
    return f"{error.message} — {error.hint}" if error.hint else error.message


def _names(workspace: Workspace, document_id: str) -> frozenset[str] | None:
    """The ``entry_names`` of the document ``document_id``: none when the site has no such document; None (nothing
    to say) when its files cannot be read now (a conflict marker, say: fixed, they are its entries again)."""
    try:
        workspace.site.source_path(document_id)
    except SitePathError:
        return frozenset()
    try:
        return entry_names(workspace.unit(document_id))
    except PipelineError:
        return None


def _successor(workspace: Workspace, entry: dict[str, Any]) -> str:
    """The name of the entry that took the place of the one ``entry`` names, gone, by the Dutch the page says her
    English was typed for (``typed_for``: its context and source; ``successor``); empty when none or not said."""
    typed_for = entry.get("typed_for")
    if not isinstance(typed_for, dict) or not isinstance(typed_for.get("source"), str):
        return ""
    try:
        catalog = workspace.unit(_known(workspace.site, [entry["document"]])).catalog
    except PipelineError:
        return ""
    return "" if catalog is None else successor(catalog, _key(typed_for))


def _gone(names: frozenset[str] | None, name: object) -> bool:
    return names is not None and (not isinstance(name, str) or name not in names)


def _unit(workspace: Workspace, document_id: str) -> Any:
    return workspace.unit(_known(workspace.site, [document_id]))


def _known(site: Site, document_ids: list[str]) -> str:
    """The first of ``document_ids`` that names a document of the site; a refusal when none does.

    Asked of the site's list of its documents (``Site.source_path``), which lists them again only for a name it
    does not hold: a page's own request lists nothing (listing a thousand documents was most of a save's time).
    """
    for document_id in document_ids:
        if document_id and not document_id.endswith("/"):  # no document's name ends so (a page's address does)
            try:
                site.source_path(document_id)
            except SitePathError:
                continue
            return document_id
    for document_id in document_ids:
        if (to := _renamed(site, document_id)) is not None:
            raise Moved(document_id, to)
    raise PipelineError(document_ids[0], "no such document", hint="pick one from the list")


class Moved(PipelineError):
    """The document a page names is gone, and git saw it renamed (``git mv``): ``to`` is the document it is now."""

    def __init__(self, document_id: str, to: str) -> None:
        super().__init__(
            document_id, f"this document is now {to} (renamed in git)",
            hint=f"your English is kept in its box and comes back on its page: reload this page, which opens {to}",
        )
        self.document_id, self.to = document_id, to


def _renamed(site: Site, document_id: str) -> str | None:
    """The document of the site that ``document_id``, a name none has, became by the renames git knows (``renames``:
    staged, or in the last 100 commits); None where git saw no such rename, or its end is no document now."""
    moved = renames(site).get(document_id) if document_id and not document_id.endswith("/") else None
    if moved is None:
        return None
    to = site.document_id(site.root / moved[1])
    try:
        site.source_path(to)
    except SitePathError:
        return None
    return to


def _page_or_file(site: Site, request: Request) -> tuple[str, Response | None]:
    """The document a page's address (``/document/<path>``, ``/preview/<path>``) names, and the answer when the
    address is not the page's own: a page is at ``<document>/``, with the files of its page bundle beside it as
    the site serves them beside the page (so that the relative links of its previews, ``photo.jpg``, find them);
    ``<document>`` alone (an earlier link or bookmark) is sent there."""
    path = request.path_params["path"]
    ends = [len(path)] + [index for index in range(len(path) - 1, 0, -1) if path[index] == "/"]  # the longest name first
    try:
        document_id = _known(site, [path[:end] for end in ends])
    except Moved as moved:  # a bookmark, or a tab left open, of a document renamed since: to its page now
        page = request.url.path[: len(request.url.path) - len(path)]
        query = f"?{request.url.query}" if request.url.query else ""
        return moved.document_id, RedirectResponse(quote(page + moved.to + (path[len(moved.document_id):] or "/")) + query)
    if len(document_id) == len(path):
        query = f"?{request.url.query}" if request.url.query else ""
        return document_id, RedirectResponse(f"{quote(request.url.path)}/{query}")
    name = path[len(document_id) + 1:]
    return document_id, _bundle_file(site, site.source_path(document_id), name) if name else None


def _bundle_file(site: Site, source: Path, name: str) -> Response:
    """The file ``name`` of the page bundle of the document ``source``, sandboxed; 404 when its bundle has none
    of that name (``..`` names none)."""
    file = source.parent / name
    if file not in site.bundle_files(source):
        return PlainTextResponse(f"{site.relative(file)}: not a file of the page's bundle", status_code=404)
    return FileResponse(site.check_inside(file), headers=SANDBOX)


async def _json_body(request: Request) -> dict[str, Any]:
    """The JSON object a request of the page sends."""
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise PipelineError(request.url.path, "not a request of the workspace page", hint="reload the page")
    return body


async def _body(request: Request) -> dict[str, Any]:
    """A request of the page about one entry: its document and key."""
    body = await _json_body(request)
    if not isinstance(body.get("document"), str) or not isinstance(body.get("source"), str):
        raise PipelineError(request.url.path, "not a request of the workspace page", hint="reload the page")
    return body


def _key(entry: dict[str, Any]) -> Key:
    context = entry.get("context")
    return (None if context is None else str(context), entry["source"])


def _entry_of(body: dict[str, Any]) -> tuple[str, Key, State]:
    """The document, the entry's key and the state the page showed, from a request of the page."""
    seen = body.get("seen") if isinstance(body.get("seen"), dict) else {}
    return body["document"], _key(body), State(str(seen.get("text", "")), bool(seen.get("fuzzy")), str(seen.get("note", "")))


def _wanted(body: dict[str, Any], seen: State) -> State:
    """The entry's state a save asks for: what the request changes of the state the page saw (``seen``)."""
    wanted = State(
        str(body.get("text", seen.text)),
        bool(body.get("fuzzy", seen.fuzzy or not seen.text)),  # a first English is a draft until she approves it
        str(body.get("note", seen.note)),
    )
    if body.get("ignore"):
        wanted = State(wanted.text, wanted.fuzzy, with_ignored(wanted.note, str(body["ignore"])))
    if body.get("origin"):  # a memory suggestion used: the provenance says where it came from
        wanted = State(wanted.text, wanted.fuzzy, with_provenance(wanted.note, str(body["origin"]), wanted.text))
    return wanted


def _json(state: State) -> dict[str, Any]:
    return {"text": state.text, "fuzzy": state.fuzzy, "note": state.note}


TOKEN_FILE = ".cache/publish_pipeline/workspace-token"
"""The site's workspace token, kept from one ``invoke workspace`` to the next: readable and writable by her alone."""


def kept_token(site: Site) -> str:
    """The token of ``site``'s workspace: the one ``TOKEN_FILE`` keeps, so that a server started again (Ctrl-C, a
    reboot) lets in the tabs still open, with their cookie, and her saves go on; a new one where none is kept, or
    the file is no file of hers that only she can read (kept then as such: 0600). Deleting the file makes a new one.

    What the guard asks stays as it was: 127.0.0.1 only, its own Host, no foreign Origin, and a random token of
    192 bits. Only its life is longer: whoever can read the file is her (or root), who can edit the PO files
    themselves anyway; a printed address shared by mistake is revoked by deleting the file.
    """
    path = site.root / TOKEN_FILE
    try:
        site.check_inside(path)  # .cache leads nowhere else; the file itself is no link (O_NOFOLLOW)
        with open(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK), "rb") as file:  # a FIFO planted there blocks nothing
            found, kept = os.fstat(file.fileno()), file.read(64)
        if stat.S_ISREG(found.st_mode) and not found.st_mode & 0o077 and found.st_uid == os.getuid() and re.fullmatch(rb"[A-Za-z0-9_-]{32}", kept):
            return kept.decode("ascii")
    except (OSError, SitePathError):
        pass
    token = secrets.token_urlsafe(24)
    try:
        site.check_inside(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # a file others could read, or a link: replaced, not written through
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600), "wb") as file:
            file.write(token.encode("ascii"))
    except (OSError, SitePathError):
        pass  # not kept: this server's alone, as before
    return token


def listening_socket(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1:``port`` (0: any free port); a port that cannot be used is one line."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, port))
        listener.listen(64)
    except (OSError, OverflowError) as error:
        listener.close()
        raise refused_port(error, port) from None
    return listener


def _interrupt(number: int, frame: Any) -> None:
    raise KeyboardInterrupt


def server(site: Site, port: int, workspace: Workspace | None = None) -> tuple[Any, socket.socket, str]:
    """The uvicorn server for the workspace (``workspace``: a new one by default), its socket, and the address to
    open (with the token)."""
    import uvicorn

    listener = listening_socket(port)
    bound = listener.getsockname()[1]
    token = kept_token(site)
    workspace = workspace or Workspace(site)
    # the memory made as the server starts, in the background: her first suggestions then come at once (on a site of
    # ten thousand entries, reading every PO file took seconds), and the first page waits for nothing
    threading.Thread(target=workspace.memory, name="workspace memory", daemon=True).start()
    app = create_app(site, token, bound, workspace)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)

    class Stopping(uvicorn.Server):
        """uvicorn's server, which on Ctrl-C or SIGTERM also ends the workers of a documents list being made: Python
        waited at exit for them to finish their shares (a cold list of a thousand documents: half a minute), and a
        request waiting for the list, for the list (``Listing.stop``); a save being made is answered first. SIGTERM
        ends it as Ctrl-C does, with its line (uvicorn raises the signal again once stopped: the process died of it)."""

        def run(self, sockets: Any = None) -> None:
            main = threading.current_thread() is threading.main_thread()  # signals are the main thread's only
            before = signal.signal(signal.SIGTERM, _interrupt) if main else None
            try:
                super().run(sockets)
            finally:
                if main:
                    signal.signal(signal.SIGTERM, before)

        async def shutdown(self, sockets: Any = None) -> None:
            stop_workers()
            app.stop()  # a request waiting for the list held the stop until the list was made; a save is waited for
            await super().shutdown(sockets)

    return Stopping(config), listener, f"http://{HOST}:{bound}/?token={token}"
