"""The one Markdown configuration: CommonMark plus GFM tables, strikethrough and footnotes.

Segmentation, reassembly and rendering all use this parser, so a document means
the same thing at every step. Reference definitions are kept as ``definition``
tokens (with their line map) so that link titles can be translated; they render
as nothing, as CommonMark requires.

Footnotes are mdit-py-plugins' (``[^label]`` references, ``[^label]:`` definitions, as
GitHub, Hugo's goldmark and Jekyll's kramdown write them; not pandoc's inline ``^[…]``,
which those three do not have). A parse leaves each definition where it is written, so
that its text is a segment in its place and a translation keeps the source's block
outline; only rendering moves the notes to the end of the page (``_notes_at_end``).

Some rules are wrapped to report where their text sits in the source, which the
token stream does not say: table rows (where a row starts after any container
prefix), images (where the alt text and the title are) and, in the parse of a
translation, every link, image and definition URL (``url_spans``). They record into
the parse environment only when asked to, and change nothing else.

Four more things only save time, and change no token: the block rules that need a
certain first character are not called on a line that opens with another
(``_OPENINGS``), nor the table rule on a line without a ``|`` (``_with_pipe``); each
link's URL is normalized once per process; a text with nothing for an inline rule to
do is not parsed (``_parse_inline``); and one with no line end to normalize is not
rewritten (``_normalize``).

A body parsed anyway is kept ``Prerendered``: its HTML but for the links and raw HTML
that each site decides on, so that publishing it needs no parse. The English is parsed
when the assessment checks it; the Dutch, whose blocks segmentation parsed, is finished
by the publishing parser's inline pass (``parse_for_publishing``: the texts segmentation
parsed already are taken as they are, ``PARSED``), which also tells the checks what each
of its texts holds.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial
from operator import attrgetter
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common import normalize_url
from markdown_it.common.utils import isStrSpace
from markdown_it.parser_block import RuleFuncBlockType
from markdown_it.ruler import Ruler
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_core.normalize import normalize
from markdown_it.rules_core.state_core import StateCore
from markdown_it.rules_inline.html_inline import html_inline
from markdown_it.rules_inline.image import image
from markdown_it.rules_inline.link import link
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.admon.index import admonition
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_tail

from . import alerts, html_text, template_syntax, url_spans
from .url_spans import Span as UrlSpan

ROW_STARTS = "publish_pipeline.row_starts"
IMAGE_SPANS = "publish_pipeline.image_spans"


@dataclass(frozen=True)
class ImageSpan:
    """Where one image's parts are in the inline text it was parsed from (end-exclusive)."""

    start: int
    end: int
    alt: tuple[int, int]
    title: tuple[int, int] | None


def _configured(rows: bool = False) -> MarkdownIt:
    """The configuration every parser shares; with ``rows``, its table rule notes where rows start (``_recording_rows``)."""
    md = MarkdownIt("commonmark", {"inline_definitions": True}).enable(["table", "strikethrough"])
    md.use(footnote_plugin, inline=False, move_to_end=False)
    md.add_render_rule("definition", lambda *args: "")
    md.add_render_rule("footnote_caption", _footnote_number)
    for name, openings in _OPENINGS.items():
        _rewrap(md.block.ruler, name, lambda rule, openings=openings: _opening_with(openings, rule))
    if rows:
        _rewrap(md.block.ruler, "table", _recording_rows)
    _rewrap(md.block.ruler, "table", _with_pipe)
    md.block.ruler.before("html_block", "markdown_in_html", _opening_with("<", _markdown_in_html))
    md.block.ruler.before("fence", "admonition", _opening_with("!?", _admonition), {"alt": list(_CHAINS)})
    md.block.ruler.before("fence", "wordpress_code", _opening_with("[", _wordpress_code), {"alt": list(_CHAINS)})
    md.inline.terminator_re = _TERMINATORS
    md.normalizeLink = _normalized_link  # type: ignore[method-assign]
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.at("inline", _inline)
    return md


_MARKDOWN_OPENING = re.compile(r"""<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\smarkdown=(["']?)1\2(?:\s[^<>]*)?>[ \t]*""")
"""A line that is only an HTML opening tag asking kramdown (Jekyll's Markdown) to read what it holds as Markdown:
``<div class="notice" markdown="1">``."""


def _markdown_in_html(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """kramdown's ``markdown="1"``: the opening tag's line and the line that is only its closing tag are HTML blocks,
    the lines between Markdown (as Jekyll renders them: ``**Let op:**`` in bold, not asterisks; and a paragraph's
    text to translate, not HTML text)."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    line = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
    opening = _MARKDOWN_OPENING.fullmatch(line)
    if opening is None:
        return False
    closing = re.compile(rf"</{re.escape(opening.group(1))}\s*>[ \t]*", re.IGNORECASE)
    close_line = next(
        (n for n in range(start_line + 1, end_line) if closing.fullmatch(state.src[state.bMarks[n] + state.tShift[n] : state.eMarks[n]])),
        None,
    )
    nested = re.compile(rf"<{re.escape(opening.group(1))}[\s>]", re.IGNORECASE)
    if close_line is None or nested.search(state.getLines(start_line + 1, close_line, 0, False)):
        return False  # never closed, or the same element nested in it: left to CommonMark (an HTML block)
    if silent:
        return True
    for first, last in ((start_line, start_line + 1), (None, None), (close_line, close_line + 1)):
        if first is None:
            line_max, state.lineMax = state.lineMax, close_line
            state.md.block.tokenize(state, start_line + 1, close_line)
            state.lineMax = line_max
            continue
        token = state.push("html_block", "", 0)
        token.map = [first, last]
        token.content = state.getLines(first, last, state.blkIndent, True)
    state.line = close_line + 1
    return True


ADMONITION = re.compile(r'(?P<marker>!!!|\?\?\?\+?) (?P<kind>[\w-]+(?: +[\w-]+)*)(?: +"(?P<title>.*?)")? *')
"""The line that opens an admonition as Python-Markdown (MkDocs) reads it: ``!!! note "Let op"``, ``??? tip`` (a box
that folds), its kind (the box's classes), then its title between double quotes (none: the kind, capitalized)."""


def _admonition(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """mdit-py-plugins' admonition rule, on a line ``ADMONITION`` reads whole only, with a block indented by four
    spaces below it: the lines indented below it are the box's blocks, as MkDocs renders them (read as CommonMark,
    they were a paragraph's lines and, after a blank line, code: a draft that lost their indentation took the English
    out of the box). Without one it is text, as Hugo and Jekyll read it ("!!! Let op" above a paragraph).

    Unquoted words after the kind are more classes, as Python-Markdown's admonition and pymdownx's details read them
    (``??? let-op klein``: classes ``let-op klein``, title "Let-op", the first capitalized, as the entry of a Dutch
    kind says); mdit-py-plugins took them for the title, and the box showed "klein"."""
    line = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
    if (opening := ADMONITION.fullmatch(line)) is None:
        return False
    body = next((number for number in range(start_line + 1, end_line) if not state.isEmpty(number)), None)
    first = len(state.tokens)
    if body is None or state.sCount[body] - state.blkIndent < 4 or not admonition(state, start_line, end_line, silent):
        return False
    kinds = opening["kind"].lower().split()
    if not silent and opening["title"] is None:  # mdit's title for one: the kind in title case ("Let-Op")
        box, title = state.tokens[first], state.tokens[first + 2]
        extra = box.attrs["class"].split()[2:]  # mdit's own for a box that folds (``is-collapsible`` …)
        box.attrs["class"] = " ".join(["admonition", *kinds, *extra])
        box.content = title.content = kinds[0].capitalize()
    return True


def _wordpress_code(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A WordPress code block (``template_syntax.WORDPRESS_CODE``) from a line that opens with its opening tag to the
    line that ends with its closing one: a fence, its language the tag's ``language`` (or ``lang``), as WordPress shows
    it. Read as CommonMark, its lines were paragraphs, a ``# comment`` a heading, indented lines after a blank one code
    of their own, and ``*`` a list: a page showed the code as text and markup, and its lines were texts to translate.
    Its content is the lines between the tags, and the code on the tags' own lines (``[code]x = 1[/code]``)."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    opening = template_syntax.WORDPRESS_CODE_OPENING.match(state.src, begin, state.eMarks[start_line])
    if opening is None:
        return False
    closing, close_line = f"[/{opening.group('name')}]", None
    indent = min(state.blkIndent, state.sCount[start_line])  # a list item's text goes on lazily into it (WordPress imports)
    for number in range(start_line, end_line):
        line = state.src[opening.end() if number == start_line else state.bMarks[number] : state.eMarks[number]]
        if number > start_line and line.strip() and state.sCount[number] < indent:
            return False  # out of its container first
        if closing in line:
            if not line.rstrip().endswith(closing) or line.count(closing) > 1:
                return False  # text after it: a paragraph's (the tags are template syntax there)
            close_line = number
            break
    if close_line is None:
        return False
    if silent:
        return True
    first = state.src[opening.end() : state.eMarks[start_line]]
    lines = ([first.lstrip()] if first.strip() else []) + (
        state.getLines(start_line + 1, close_line + 1, state.sCount[start_line], False).split("\n") if close_line > start_line else []
    )
    lines[-1] = lines[-1].rstrip()[: -len(closing)]
    token = state.push("fence", "code", 0)
    token.info = template_syntax.code_language(opening)
    token.markup = opening.group()
    token.content = "".join(f"{line}\n" for line in (lines if lines[-1].strip() else lines[:-1]))
    token.map = [start_line, close_line + 1]
    state.line = close_line + 1
    return True


def _normalize(state: StateCore) -> None:
    """markdown-it's core ``normalize`` rule (line ends as ``\\n``, NUL as U+FFFD), on a text that has either: it
    rewrote every line end of every text, a ``\\n`` as a ``\\n``, and took a twentieth of a page's parse."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


_OPENINGS = {
    "fence": "`~", "blockquote": ">", "hr": "*-_", "list": "*+-0123456789", "reference": "[", "html_block": "<",
    "heading": "#", "footnote_def": "[",
}
"""The block rules that fail on a line whose text opens with any other character: each looks at that character
first thing, but only after logging its call (a disabled logger still costs two calls) and asking whether the line
is indented code. Every rule is tried on every line of every block, and each line of a paragraph asks again whether
it ends the paragraph: calling none of these on a line of text made a block parse about a sixth faster."""

_CHAINS = ("paragraph", "reference", "blockquote", "list")
"""The blocks whose end a block rule may also be asked to find (markdown-it's ``alt`` chains)."""


def _rewrap(ruler: Ruler[RuleFuncBlockType], name: str, wrap: Callable[[RuleFuncBlockType], RuleFuncBlockType]) -> None:
    """Put ``wrap(rule)`` in the place of the block rule ``name``, in the same chains."""
    rule = dict(zip(ruler.get_active_rules(), ruler.getRules("")))[name]
    ruler.at(name, wrap(rule), {"alt": [chain for chain in _CHAINS if rule in ruler.getRules(chain)]})


def _opening_with(openings: str, rule: RuleFuncBlockType) -> RuleFuncBlockType:
    """``rule``, answered without calling it where the line's text opens with none of ``openings``."""

    def guarded(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        position = state.bMarks[start_line] + state.tShift[start_line]
        if position < state.eMarks[start_line] and state.src[position] not in openings:
            return False
        return rule(state, start_line, end_line, silent)

    return guarded


def _with_pipe(rule: RuleFuncBlockType) -> RuleFuncBlockType:
    """The table rule, answered without calling it where the line has no ``|``: a table's header row has one (markdown-it
    looks for it only after the line below, its delimiter row); every line of every block tried the rule, and each line
    of a paragraph asked it again whether it ends the paragraph (0.3–0.7 % of a body's parse: bench/RESULTS.md)."""

    def guarded(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.src.find("|", state.bMarks[start_line] + state.tShift[start_line], state.eMarks[start_line]) < 0:
            return False
        return rule(state, start_line, end_line, silent)

    return guarded


InlineSeen = Callable[[str, list[Token], dict[str, Any]], None]
"""Told of each inline text of a parse, its tokens and the parse's references (see ``parse_keeping_every_link``)."""
INLINE_SEEN = "publish_pipeline.inline_seen"


def _inline(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule (each inline text parsed into its children, by ``_parse_inline``, or taken
    from ``env[PARSED]`` where it was parsed before), telling ``env[INLINE_SEEN]``, when it is there (a parser whose
    links are ``_SafeLinks``), of each text whose links ``parser()`` accepts too: its children are then what
    ``parse_inline`` makes of the text (given references linking the same labels to the same URLs), until
    ``text_join`` joins them. Where the parse notes URLs (``url_spans``), it tells the inline rules which text they
    parse, and parses every text itself."""
    seen: InlineSeen | None = state.env.get(INLINE_SEEN)
    noting = url_spans.SPANS in state.env
    parsed: dict[str, list[Token]] = {} if noting else state.env.get(PARSED) or {}
    links = state.md.validateLink
    for token in state.tokens:
        if token.type == "inline":
            refused = links.refused if seen is not None else 0  # type: ignore[attr-defined]
            if not token.children and token.content in parsed:
                token.children = parsed.pop(token.content)  # taken once: no two tokens share children
            else:
                token.children = [] if token.children is None else token.children
                if noting:
                    state.env[url_spans.INLINE] = (token.content, token.map[0] if token.map else -1)
                _parse_inline(state.md, token.content, state.env, token.children)
            if seen is not None and links.refused == refused:  # type: ignore[attr-defined]
                seen(token.content, token.children, state.env.get("references", {}))


PARSED = "publish_pipeline.parsed"
"""Where a body's parse environment may keep (a dict, by text) the inline parses ``parse_inline`` made of its texts
that met no link the site refuses: the publishing parser would make the very same tokens (see ``_SafeLinks``), so
its inline pass takes them instead of parsing those texts again (segmentation parses the texts it must look into:
those that open with markup, lone images, raw HTML)."""


WRITTEN_URL = re.compile(r"\][(:][\s>]*<?([^\s<>()]+)")
"""What may be a Markdown link's URL as written (``](foto.jpg``, a definition's ``]: foto.jpg``; space, a new line and
a quote's ``>`` between): each URL of an inline link, an image or a reference definition stands so, and more
(raw HTML's: ``html_text.possible_url_places``)."""


MARKUP = re.compile(r"[\n\\`~*_\[<&]")
"""The characters at which an inline rule of this configuration can fire: a break, an escape, code, strikethrough,
emphasis, a link or an image (``![`` has its ``[``), an autolink or raw HTML, an entity. markdown-it's ``text`` rule
stops at more (its ``terminator_re``: ``-``, ``:``, ``!`` …, for rules this configuration does not have); at those
no rule fires, and the character joins the text."""


_TERMINATORS = re.compile(r"[\n\\`~*_\[\]!<&]")
"""Where markdown-it's ``text`` rule stops to let the other inline rules try: at ``MARKUP``, at an image's ``!`` and at
the ``]`` that ends a link's text (its label is skipped token by token until one). markdown-it's own set has every
ASCII punctuation a rule of any configuration fires at (``-``, ``:``, ``#``, ``>`` …): at each of those every rule of
this one was asked, in vain, and the character joined the text all the same (a twentieth of an inline parse)."""


def _parse_inline(md: MarkdownIt, text: str, env: dict[str, Any], tokens: list[Token]) -> None:
    """Add the inline tokens of ``text`` to ``tokens``: those of a text without ``MARKUP`` are the one text token a
    parse would make of it (most of a site's texts, and parsing one took five times as long)."""
    if text and not tokens and MARKUP.search(text) is None:
        plain = Token("text", "", 0)
        plain.content = text
        tokens.append(plain)
    else:
        md.inline.parse(text, md, env, tokens)


@lru_cache(maxsize=4096)
def _normalized_link(url: str) -> str:
    """markdown-it's ``normalizeLink``, made once per URL: a pure function of it, it took a tenth of the parse of a
    page with many links, and a site links to the same pages again and again."""
    return normalize_url.normalizeLink(url)


@cache
def parser() -> MarkdownIt:
    md = _configured(rows=True)
    md.inline.ruler.at("image", _image_recording_spans)
    md.validateLink = _SafeLinks(md.validateLink)  # type: ignore[method-assign]  # its own rule, counting (see PARSED)
    return md


@cache
def _block_parser() -> MarkdownIt:
    """The same configuration without the inline pass: the blocks, each with its text unparsed."""
    md = _configured(rows=True)
    md.disable("inline")
    return md


@cache
def publishing_parser() -> MarkdownIt:
    """The same configuration, with links limited to http, https, mailto and relative URLs."""
    md = _configured()
    md.validateLink = _SafeLinks()  # type: ignore[method-assign]
    md.add_render_rule(_HOLE, lambda *args: _MARK)
    md.add_render_rule(alerts.TITLE, alerts.render_title)
    return md


class _SafeLinks:
    """``_safe_link``, counting the links it refused: a parse that refused none made ``parser()``'s very tokens
    (the two configurations differ only in which links they accept, and ``parser()`` refuses no safe link).

    ``otherwise``: what a link the site refuses gets all the same (still counted): with every link kept, or
    with markdown-it's own rule (``parser()``), a parse that met none made the publishing parser's very tokens
    (up to the first link the site refuses, the parsers do the same, and that link is counted)."""

    def __init__(self, otherwise: Callable[[str], bool] = lambda url: False) -> None:
        self.refused = 0
        self.otherwise = otherwise

    def __call__(self, url: str) -> bool:
        safe = _safe_link(url)
        self.refused += not safe
        return safe or self.otherwise(url)


def _safe_link(url: str) -> bool:
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return scheme is None or scheme.group(1).lower() in ("http", "https", "mailto")


def render_page(
    text: str, *, allowed_html: frozenset[str] | None = None, rewrite: Callable[[str], str] | None = None,
    link_attributes: Callable[[str], dict[str, str]] | None = None, prerendered: Prerendered | None = None,
    alert_titles: Mapping[str, str] = alerts.ENGLISH,
) -> str:
    """The HTML of a page body for the published site.

    ``allowed_html``: when given (for translations), raw HTML is kept only where the
    very same HTML stands in the source (an HTML block: the same but for its
    translated text, see ``html_of``); anything else is shown as text.
    ``rewrite``: applied to every link and image URL (site prefix, counterpart pages), those in
    raw HTML that is kept too (``html_text.with_urls``).
    ``link_attributes``: more attributes for a link (a raw ``<a href>`` too), given its URL as written
    (``hreflang`` on a link to a page in the other language).
    ``prerendered``: the text's ``prerender``, made when it was parsed before (that of another text is passed over).
    ``alert_titles``: the title of each kind of alert (``alerts``), in the page's language.
    """
    decide = partial(_decide, allowed_html=allowed_html, rewrite=rewrite, link_attributes=link_attributes, alert_titles=alert_titles)
    if prerendered is not None and prerendered.digest == _text_digest(text):
        return _filled(prerendered, decide)
    env: dict[str, Any] = {}
    return _rendered(publishing_parser().parse(text, env), env, decide)


def render_source(
    text: str, *, rewrite: Callable[[str], str] | None = None, kept: tuple[Prerendered, frozenset[str]] | None = None,
    alert_titles: Mapping[str, str] = alerts.ENGLISH,
) -> tuple[str, frozenset[str]]:
    """``render_page(text, rewrite=rewrite)`` and ``html_of(text)``, from one parse where it can be.

    A source page's HTML and the HTML its translation may carry come from the same
    tokens, unless the text has a link the site refuses: the tokens then differ from
    the ones ``html_of`` sees (a refused reference definition is a paragraph), so the
    set is made by ``html_of`` itself.
    ``kept``: the text's ``prerender`` with its ``html_of``, made when it was parsed before (see
    ``parse_for_publishing``), renders it without a parse (those of another text are passed over).
    """
    decide = partial(_decide, allowed_html=None, rewrite=rewrite, link_attributes=None, alert_titles=alert_titles)
    if kept is not None and kept[0].digest == _text_digest(text):
        return _filled(kept[0], decide), kept[1]
    md, env = publishing_parser(), {}
    refused = md.validateLink.refused  # type: ignore[attr-defined]
    tokens = md.parse(text, env)
    allowed = html_in(tokens) if md.validateLink.refused == refused else html_of(text)  # type: ignore[attr-defined]
    return _rendered(tokens, env, decide), allowed


def _rendered(tokens: list[Token], env: dict[str, Any], decide: Callable[[Token], None]) -> str:
    """The HTML of a publishing parse's tokens (see ``render_page``; ``decide``: ``_decide`` with its options); the
    tokens are changed on the way."""
    md = publishing_parser()
    tokens = _page_tokens(tokens)
    for token in _decided(tokens):
        decide(token)
    return md.renderer.render(tokens, md.options, env)


def _page_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens a page renders of a parse: its notes at the end, its alerts boxed, its WordPress shortcodes shown."""
    return _wordpress_shown(alerts.boxed(_notes_at_end(tokens)))


def _wordpress_shown(tokens: list[Token]) -> list[Token]:
    """``tokens`` with each WordPress shortcode in their text (``template_syntax.WORDPRESS``) as a reader of publish's
    pages can have it: no site here runs WordPress, and its brackets and attributes are no text for readers. One with a
    web address (``[youtube=https://…]``, ``[embed]https://…[/embed]``, ``[audio mp3="https://…"]``) is a link to it,
    the address its text, which the reader can follow; its text for readers (a caption's ``caption="…"``) is text;
    code in a line (``[code]x = 1[/code]``) is code (one that starts a block is a fence: ``_wordpress_code``);
    the rest is left out: a ``[caption …]``'s tags (its image and text between them stay), a ``[gallery ids="1,2"]``
    (the numbers of images in WordPress's media library, which did not come along). New tokens where a text has one;
    ``tokens`` unchanged (a parse kept for later stays the parse)."""
    if not any(token.type == "inline" and template_syntax.may_hold(token.content) for token in tokens):
        return tokens
    shown: list[Token] = []
    for token in tokens:
        if token.type == "inline" and token.children and template_syntax.may_hold(token.content):
            token = replace(token, children=[new for child in token.children for new in _wordpress_text(child)])
        if token.type == "paragraph_close" and shown[-1].type == "inline" and not shown[-1].children:
            del shown[-2:]  # a paragraph of nothing but a shortcode left out: no empty one
            continue
        shown.append(token)
    return shown


_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>\[\]]+")


def _wordpress_text(token: Token) -> list[Token]:
    """A text token as ``_wordpress_shown`` shows its shortcodes (the token itself where it has none)."""
    found = [t for t in template_syntax.spans(token.content) if t.kind == "wordpress"] if token.type == "text" else []
    if not found:
        return [token]
    tokens, position = [], 0
    for template in found:
        tokens.append(replace(token, content=token.content[position : template.start]))
        if template.name in template_syntax.WORDPRESS_CODE:  # code in a line of text: code, as a code span shows it
            opening = template_syntax.WORDPRESS_CODE_OPENING.match(template.text)
            code = template.text[opening.end() if opening else 0 : -len(f"[/{template.name}]")]
            tokens.append(Token("code_inline", "code", 0, content=code, markup="`"))
        elif (address := _WEB_ADDRESS.search(template.text)) is not None:
            tokens += [
                Token("link_open", "a", 1, attrs={"href": address.group()}), replace(token, content=address.group()),
                Token("link_close", "a", -1),
            ]
        tokens += [replace(token, content=argument.value) for argument in template.reader_arguments]
        position = template.end
    tokens.append(replace(token, content=token.content[position:]))
    return [t for t in tokens if t.type != "text" or t.content]


def _notes_at_end(tokens: list[Token]) -> list[Token]:
    """The tokens to render: each footnote definition taken from where it is written to a list at the end, numbered in
    the order its first reference is read, with a link back to each reference; one no text refers to is left out.

    The footnote plugin's own core rule (``footnote_tail``) does the moving, once the references are numbered here from
    the tokens themselves: its numbers are those the inline rules hand out as they parse, and a body's texts are parsed
    in no fixed order (segmentation parses some first, ``PARSED``), nor once each (the checks parse a text alone)."""
    if "footnote_reference_open" not in map(_TYPE, tokens):  # looked for without a call per token: most bodies have none
        return tokens  # no definition, so no reference either: the rule matches a defined label only
    notes: dict[int, dict[str, Any]] = {}
    numbers: dict[str, int] = {}
    for reference in _references(tokens):
        number = numbers.setdefault(reference.meta["label"], len(numbers))
        note = notes.setdefault(number, {"label": reference.meta["label"], "count": 0})
        reference.meta.update(id=number, subId=note["count"])
        note["count"] += 1
    state = StateCore("", publishing_parser(), {"footnotes": {"refs": {}, "list": notes}}, tokens)
    footnote_tail(state)
    return state.tokens


def _references(tokens: Sequence[Token]) -> Iterator[Token]:
    """The footnote references among the inline tokens of ``tokens``, in reading order: also those in an image's alt
    text (``![foto[^1]](x.png)``), which markdown-it numbers and lists as it parses the alt text (the page shows no
    marker there)."""
    for token in tokens:
        if token.type == "footnote_ref":
            yield token
        elif token.children:
            yield from _references(token.children)


def hidden_notes(tokens: Sequence[Token]) -> set[int]:
    """The indexes of the block tokens of the footnote definitions no page shows: those whose label no text refers
    to. A text's references are read from its source (``[^label]``): block tokens have no inline parse yet. Of a
    label defined more than once, markdown-it shows the last definition, Hugo the first: none is hidden."""
    if "footnote_reference_open" not in map(_TYPE, tokens):
        return set()
    opened: list[int] = []
    referred: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type == "footnote_reference_open":
            opened.append(index)
        elif token.type == "inline" and "[^" in token.content:
            referred.update(FOOTNOTE_REFERENCE.findall(token.content))
    hidden: set[int] = set()
    for start in opened:
        if tokens[start].meta["label"] not in referred:
            hidden.update(range(start, _closing(tokens, start) + 1))
    return hidden


def _closing(tokens: Sequence[Token], start: int) -> int:
    """The index of the token that closes the one at ``start`` (its ``nesting`` is 1)."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\] \n]+)\]")
"""A footnote reference as written (``[^label]``: a label without spaces), as the footnote rule reads it."""


_TYPE = attrgetter("type")


def _footnote_number(renderer: Any, tokens: Sequence[Token], index: int, *args: Any) -> str:
    """What a footnote reference shows: its number alone (GitHub and Hugo show ``1`` where markdown-it shows ``[1]``,
    and ``1`` again, not ``[1:1]``, for a second reference to the same note)."""
    return str(tokens[index].meta["id"] + 1)


_DECIDED = frozenset({"html_block", "html_inline", "link_open", "image", alerts.TITLE})
"""The tokens whose HTML the site decides as it publishes: raw HTML, kept (its URLs rewritten) or shown as text,
the links and images whose URLs it rewrites, and an alert's title, in the page's language. The HTML of every
other token is the same on every page."""


def _decided(tokens: Sequence[Token]) -> Iterator[Token]:
    """The tokens of a parse (children included) that are ``_DECIDED``, in the order the renderer meets them."""
    for token in tokens:
        if token.type in _DECIDED:
            yield token
        for child in token.children or ():
            if child.type in _DECIDED:
                yield child


def _decide(
    token: Token, allowed_html: frozenset[str] | None, rewrite: Callable[[str], str] | None,
    link_attributes: Callable[[str], dict[str, str]] | None, alert_titles: Mapping[str, str] = alerts.ENGLISH,
) -> None:
    """Make one ``_DECIDED`` token what the site publishes (see ``render_page``)."""
    if token.type == alerts.TITLE:
        alerts.titled(token, alert_titles)
    elif token.type == "html_block" and _refused_block(token.content, allowed_html):
        token.type = "text"
    elif token.type == "html_inline" and _refused_html(token.content, allowed_html) and _refused_html(
        _TAG_SHAPE + html_text.shape(token.content), allowed_html
    ):
        token.type = "text"
    elif token.type in ("html_block", "html_inline") and rewrite:
        # kept as HTML (the check above read it as written): its links lead where a Markdown link's would
        token.content = html_text.with_urls(token.content, rewrite, link_attributes)
    elif token.type in ("link_open", "image") and rewrite:
        attribute = "href" if token.type == "link_open" else "src"
        written = str(token.attrs.get(attribute, ""))
        token.attrs[attribute] = rewrite(written)
        if token.type == "link_open" and link_attributes:
            token.attrs.update(link_attributes(written))


@dataclass(frozen=True)
class Prerendered:
    """A body's HTML as the site publishes it, but for its ``_DECIDED`` tokens (``holes``), whose HTML is made
    as each page is published: ``pieces`` is the fixed HTML before, between and after them. Made once, when
    the body is parsed anyway (the English, by the assessment), it renders the page without parsing again."""

    digest: str
    """The SHA-256 of the text it was made of (``render_page`` passes over that of another text)."""
    pieces: tuple[str, ...]
    holes: tuple[Token, ...]


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_HOLE, _MARK = "publish_pipeline.hole", "\0"
"""A hole's token type while it is prerendered, and what it renders as: a parse turns every NUL into U+FFFD,
so no other HTML has it."""


def prerender(text: str, tokens: list[Token]) -> Prerendered | None:
    """The ``Prerendered`` of ``text`` from ``tokens``, a publishing parse of it (or one of ``parse_keeping_every_link``
    that met no link the site refuses: the very same tokens); None if its HTML has a NUL after all."""
    tokens = _page_tokens(tokens)
    holes = list(_decided(tokens))
    types = [hole.type for hole in holes]
    for hole in holes:
        hole.type = _HOLE
    md = publishing_parser()
    pieces = md.renderer.render(tokens, md.options, {}).split(_MARK)
    for hole, kind in zip(holes, types):
        hole.type = kind
    return Prerendered(_text_digest(text), tuple(pieces), tuple(holes)) if len(pieces) == len(holes) + 1 else None


def parse_for_publishing(text: str, blocks: list[Token], env: dict[str, Any], seen: InlineSeen | None = None) -> list[Token] | None:
    """The publishing parser's tokens of ``text``, made of ``blocks``, its block parse (``parse_blocks``, with ``env``:
    its references), by the publishing parser's inline pass (and the core rules after it); ``blocks`` become them.
    ``seen`` is told of each text whose tokens are those ``parse_inline`` makes of it (see ``_inline``).

    At block level only a reference definition's URL is validated: the blocks are the publishing parser's
    unless a definition links to a URL that ``parse_blocks`` accepts and the site refuses (the publishing
    parser makes a paragraph of it); then None, and nothing is parsed.
    """
    if any(token.type == "definition" and not _safe_link(token.meta["url"]) for token in blocks):
        return None
    md = publishing_parser()
    for token in blocks:
        if token.type == "inline":
            token.children = []  # what another parse of its text left there: ``env[PARSED]`` has it when it may be kept
    state = StateCore(text, md, {**env, INLINE_SEEN: seen} if seen else env, blocks)
    rules = md.core.ruler.getRules("")
    for rule in rules[md.core.ruler.get_active_rules().index("inline") :]:
        rule(state)
    return state.tokens


def _filled(prerendered: Prerendered, decide: Callable[[Token], None]) -> str:
    """``render_page`` of the text ``prerendered`` was made of: each hole decided and rendered alone (the HTML of raw
    HTML, a link or an image depends on that token only), between the fixed pieces; ``prerendered`` stays as it was."""
    md = publishing_parser()
    html = [prerendered.pieces[0]]
    for hole, piece in zip(prerendered.holes, prerendered.pieces[1:]):
        token = replace(hole, attrs=dict(hole.attrs))
        decide(token)
        html += ((md.renderer.render if token.block else md.renderer.renderInline)([token], md.options, {}), piece)
    return "".join(html)


def _refused_html(html: str, allowed_html: frozenset[str] | None) -> bool:
    return allowed_html is not None and html not in allowed_html


def _refused_block(html: str, allowed_html: frozenset[str] | None) -> bool:
    """Whether an HTML block is neither one of the source's nor a translation of one (see ``html_of``)."""
    if not _refused_html(html, allowed_html):
        return False
    texts = html_text.texts(html)
    return _refused_html(_SHAPE + html_text.shape(html, texts), allowed_html) or any(
        _refused_html(_INLINE_TAG + tag, allowed_html) for text in texts for tag in text.tags
    )


def _translatable_forms(html: str) -> set[str]:
    """An HTML block's shape and the inline tags in its text, marked so that they never stand for an inline tag."""
    texts = html_text.texts(html)
    return {_SHAPE + html_text.shape(html, texts), *(_INLINE_TAG + tag for text in texts for tag in text.tags)}


_SHAPE, _INLINE_TAG, _TAG_SHAPE = "\0shape:", "\0tag:", "\0tag shape:"


def _parser_keeping_every_link() -> MarkdownIt:
    """The configuration with links of every scheme kept (``_keeping_every_link``), one for each thread: a parse notes
    in its parser the link destinations its rules parse (``url_spans.Destinations``) and counts the links the site
    refuses (``links_the_site_refuses``), and the workspace parses in worker threads too. One attribute of a
    ``threading.local`` asked per parse, not per rule."""
    parser: MarkdownIt | None = getattr(_PER_THREAD, "parser", None)
    if parser is None:
        parser = _PER_THREAD.parser = _keeping_every_link()
    return parser


_PER_THREAD = threading.local()


def _keeping_every_link() -> MarkdownIt:
    """The configuration with links of every scheme kept: to see which the published site refuses; it notes where
    each link, image and definition URL, and each URL in raw HTML, is when asked (``url_spans``)."""
    md = _configured()
    md.validateLink = _SafeLinks(lambda url: True)  # type: ignore[method-assign]
    md.helpers = url_spans.Destinations()  # type: ignore[assignment]
    md.inline.ruler.at("link", url_spans.noting_links(url_spans.noting_inline(link)))
    md.inline.ruler.at("image", url_spans.noting_inline(image))
    md.inline.ruler.at("html_inline", url_spans.noting_html_inline(html_inline))
    _rewrap(md.block.ruler, "reference", url_spans.noting_definitions)
    _rewrap(md.block.ruler, "html_block", url_spans.noting_html_blocks)
    return md


def links_the_site_refuses() -> int:
    """How many links ``parse_keeping_every_link`` kept so far in this thread that the site refuses: when a parse
    leaves it unchanged, its tokens are the publishing parser's (see ``prerender``)."""
    return _parser_keeping_every_link().validateLink.refused  # type: ignore[attr-defined,no-any-return]


def refused_by_site(text: str, allowed_html: frozenset[str]) -> list[str]:
    """What ``render_page`` would not pass on as written (it shows them as text): raw HTML that is not in
    ``allowed_html``, and link and image URLs with a scheme other than http, https or mailto."""
    return refused_in(parse_keeping_every_link(text), allowed_html)


def parse_keeping_every_link(
    text: str, seen: InlineSeen | None = None, urls: list[UrlSpan] | None = None, links: list[url_spans.LinkSpan] | None = None,
) -> list[Token]:
    """The tokens of a text with links of every scheme kept: what ``refused_in`` reads (its block outline
    is ``outline_of``'s too, so one parse serves reassembly's structure check and the refusals).

    ``seen``: told of each inline text whose tokens are those ``parse_inline`` makes of it, as they are made
    (``text_join`` changes them after), so that a text is not parsed again for its outline (see ``_inline``).
    ``urls``: given, filled with where each inline link's, image's, reference definition's and raw HTML tag's URL is
    in the text (line ends as ``\\n``), in order (``url_spans``): what export's link map rewrites, found by this parse.
    ``links``: given, filled with where each inline or reference link opens and ends its text (``url_spans.LinkSpan``)."""
    env: dict[str, Any] = {INLINE_SEEN: seen} if seen else {}
    if urls is not None or links is not None:
        env[url_spans.SPANS] = []  # the inline rules told which text they parse
    if links is not None:
        env[url_spans.LINKS] = []
    tokens = _parser_keeping_every_link().parse(text, env)
    if urls is not None:
        urls.extend(url_spans.placed(text, env[url_spans.SPANS]))
    if links is not None:
        links.extend(url_spans.placed_links(text, env[url_spans.LINKS]))
    return tokens


def refused_in(tokens: Sequence[Token], allowed_html: frozenset[str]) -> list[str]:
    """``refused_by_site`` of a text parsed by ``parse_keeping_every_link``."""
    refused = []
    for token in tokens:
        if token.type == "html_block" and _refused_block(token.content, allowed_html):
            refused.append(token.content.strip())
        for child in token.children or []:
            url = str(child.attrs.get("href" if child.type == "link_open" else "src", ""))
            if child.type == "html_inline" and _refused_html(child.content, allowed_html):
                refused.append(child.content)
            elif child.type in ("link_open", "image") and not _safe_link(url):
                refused.append(url)
    return refused


def html_of(text: str) -> frozenset[str]:
    """Every raw HTML block and inline tag in a text: what a translation of it may carry.

    An HTML block is also there as its shape (``html_text.shape``: the block without
    the text a translator translates) and the inline tags in its text, so its
    translation, which reassembly wrote with those tags only, is kept as HTML too; an
    inline tag with attributes as its shape as well: one whose alt text is translated is
    the Dutch's tag (as the checks say: ``checks._tag_shape``), not text on the page.
    A document's is kept with its parse (``SourceUnit.html``): segmentation makes it.
    """
    return html_in(parse(text))


def html_in(tokens: Sequence[Token]) -> frozenset[str]:
    """``html_of`` a parsed text (an inline token without ``<`` in its text may be left unparsed: it has no tag)."""
    found = set()
    for token in tokens:
        if token.type == "html_block":
            found.update((token.content, *_translatable_forms(token.content)))
        for child in token.children or ():
            if child.type == "html_inline":  # and as its shape, where a text attribute may be translated (its alt)
                found.update((child.content, *([_TAG_SHAPE + html_text.shape(child.content)] if "=" in child.content else [])))
    return frozenset(found)


def parse(text: str, env: dict[str, Any] | None = None) -> list[Token]:
    return parser().parse(text, {} if env is None else env)


def parse_blocks(text: str, env: dict[str, Any]) -> list[Token]:
    """The block tokens of a text; its ``inline`` tokens have no children yet (see ``parse_inline``)."""
    return _block_parser().parse(text, env)


def parse_inline(text: str, env: dict[str, Any]) -> list[Token]:
    """The inline tokens of one block's text (``env`` carries the document's references; when it has ``PARSED``,
    the tokens are kept there for the publishing pass if the site would make the same)."""
    md, tokens = parser(), []
    refused = md.validateLink.refused  # type: ignore[attr-defined]
    _parse_inline(md, text, env, tokens)
    parsed = env.get(PARSED)
    if parsed is not None and md.validateLink.refused == refused:  # type: ignore[attr-defined]
        parsed.setdefault(text, tokens)
    return tokens


def render(text: str) -> str:
    """The HTML of a Markdown body (raw HTML as the author wrote it: this is for trusted sources)."""
    md, env = parser(), {}
    return md.renderer.render(_notes_at_end(md.parse(text, env)), md.options, env)


def block_outline(tokens: Sequence[Token]) -> list[tuple[str, str, int, str]]:
    """The block structure of a token stream, without any text.

    Two documents with the same outline have the same headings, lists, tables,
    quotes and code in the same places; a faithful translation keeps it.
    """
    return [(token.type, token.tag, token.level, token.markup) for token in tokens]


Outline = tuple[tuple[str, str, int, str], ...]
_OUTLINES: dict[str, Outline] = {}
"""Outlines made so far, by text: a source is compared many times (bounded: cleared when full)."""


def outline_of(text: str, tokens: Sequence[Token] | None = None) -> Outline:
    """The block outline of a Markdown text; ``tokens``: its tokens, when the caller parsed it already."""
    outline = _OUTLINES.get(text)
    if outline is None:
        outline = tuple(block_outline(_block_parser().parse(text, {}) if tokens is None else tokens))
        remember_outline(text, outline)
    return outline


def remember_outline(text: str, outline: Outline) -> None:
    """Let ``outline_of(text)`` answer with an outline made before (kept with a document's parse)."""
    if len(_OUTLINES) >= 1024:
        _OUTLINES.clear()
    _OUTLINES[text] = outline


def _recording_rows(table: RuleFuncBlockType) -> RuleFuncBlockType:
    """The table rule, also noting where each row of a table it finds starts (in ``env[ROW_STARTS]``, when there)."""

    def recording(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        found = table(state, start_line, end_line, silent)
        starts = state.env.get(ROW_STARTS)
        if found and not silent and starts is not None:
            for line in range(start_line, state.line):
                starts[line] = state.bMarks[line] + state.tShift[line]
        return found

    return recording


def _image_recording_spans(state: StateInline, silent: bool) -> bool:
    spans = state.env.get(IMAGE_SPANS)
    if spans is None or silent:
        return image(state, silent)
    start = state.pos
    state.env[IMAGE_SPANS] = None  # an image in this one's alt text is part of that text (and parsed from it alone)
    found = image(state, silent)
    state.env[IMAGE_SPANS] = spans
    if found:
        label_end = state.md.helpers.parseLinkLabel(state, start + 1, False)
        spans.append(ImageSpan(start, state.pos, (start + 2, label_end), _title_span(state.src, label_end + 1, state.pos)))
    return found


def _title_span(src: str, pos: int, end: int) -> tuple[int, int] | None:
    """The title inside ``(destination "title")``, between its quotes; None if there is none."""
    if pos >= end or src[pos] != "(":
        return None
    pos = _skip_space(src, pos + 1, end)
    destination = parser().helpers.parseLinkDestination(src, pos, end)
    if destination.ok:
        pos = _skip_space(src, destination.pos, end)
    title = parser().helpers.parseLinkTitle(src, pos, end)
    return (pos + 1, title.pos - 1) if title.ok else None


def _skip_space(src: str, pos: int, end: int) -> int:
    while pos < end and (isStrSpace(src[pos]) or src[pos] == "\n"):
        pos += 1
    return pos
