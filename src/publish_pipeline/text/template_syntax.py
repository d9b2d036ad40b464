"""Template syntax in Markdown: Hugo shortcodes and Liquid tags, which are markup, not text.

Hugo sites write ``{{< name args >}}`` and ``{{% name args %}}`` (closed by
``{{< /name >}}``, or self-closing ``{{< name />}}``); Jekyll sites write Liquid
tags ``{% tag … %}`` and output ``{{ variable | filter }}``. ``highlight`` blocks hold code and ``comment``
blocks notes: each is one unit, nothing inside is text. So are Hugo's: ``{{< highlight go >}}`` … ``{{< /highlight >}}``,
``{{% comment %}}`` … ``{{% /comment %}}``, and any paired shortcode given a ``lang`` (Docsy's ``{{< tab lang="toml" >}}``,
``{{< card code=true lang="go" >}}``): the language of the code it shows highlighted. ``{% raw %}…{% endraw %}`` shows what it holds as it is
written: its prose is text for readers like any other, and the template syntax in it (``{{ x }}``, shown to readers
as written) is protected like any other, so that the translation keeps it byte for byte. The generator, not the
reader, sees them, so they are protected from engines and checked like links.

They are recognised in every site, whatever its layout: ``{{`` and ``{%`` almost
never occur in Dutch prose, and a site that writes about templates shows them in
code, which is never read for template syntax (a code span comes first in
``_SCANNED``, so what is inside one is skipped).

Posts imported from WordPress keep its shortcodes: ``[caption id="x" align="alignleft"]<img …> Bijschrift[/caption]``,
``[gallery ids="1,2"]``, ``[embed]…[/embed]``, WordPress.com's ``[youtube=https://…]``. Those of the names in
``WORDPRESS`` are template syntax too (kind ``wordpress``): brackets are common in prose, a bracket that opens one of
these names almost never is. The text between an opening and its closing (a caption's) is text, as a paired Hugo
shortcode's is. But not a code block's: ``[code]…[/code]`` and ``[sourcecode language="python"]…[/sourcecode]``
(``WORDPRESS_CODE``: WordPress.com's and the SyntaxHighlighter plugin's) hold code, one unit with their closing tag, as
``{% highlight %}`` does; only with their closing tag are they template syntax (``[code]`` alone may be a link's text).
One that stands at the start of a block is code to the Markdown parser too (``markdown``), which shows it as code.

Only the arguments in ``READER_ARGUMENTS`` are text for readers; they become
entries of their own when a block is nothing but template syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

READER_ARGUMENTS = ("title", "alt", "caption")
"""Named arguments whose value readers see (a figure's caption, an image's alt text): translated, not checked."""

WORDPRESS = (
    "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist", "youtube", "vimeo", "soundcloud",
    "dailymotion", "spotify", "instagram", "twitter", "tweet", "googlemaps", "slideshare", "ted", "wpvideo",
)
"""The WordPress shortcodes (its own, and WordPress.com's embeds) that imported posts keep: media, no code."""
WORDPRESS_CODE = ("code", "sourcecode")
"""The WordPress shortcodes that hold code (``[code lang="css"]``, ``[sourcecode language="python"]``): one unit
with their closing tag, nothing inside is text."""
WORDPRESS_CODE_OPENING = re.compile(rf"\[(?P<name>{'|'.join(WORDPRESS_CODE)})(?P<arguments>[\s=][^\[\]\n]*)?\]")
"""The opening tag of a WordPress code block; its ``language`` (or ``lang``) argument names the code's language."""
_WORDPRESS_NAME = rf"/?(?:{'|'.join(WORDPRESS)})(?![\w-])"
_WORDPRESS = (
    rf"\[(?P<wordpress_code>{'|'.join(WORDPRESS_CODE)})(?:[\s=][^\[\]\n]*)?\][\s\S]*?\[/(?P=wordpress_code)\]"  # code: one unit
    r"|\[embed(?:\s[^\[\]]*)?\][^\[\]\n]*\[/embed\]"  # one unit: the address it embeds, no text
    rf"|\[{_WORDPRESS_NAME}(?:[\s=/][^\[\]]*)?\](?!\()"  # never a link's text: [video](x.mp4)
)
_MAY_HOLD = re.compile(rf"\{{|\[{_WORDPRESS_NAME}|\[(?:{'|'.join(WORDPRESS_CODE)})[\s=\]]")

_TEMPLATE = (
    r"\{%-?\s*(?P<literal>highlight|comment)\b[\s\S]*?%\}[\s\S]*?\{%-?\s*end(?P=literal)\s*-?%\}"  # one unit: no text inside
    r"|\{\{[<%]\s*(?P<hugo_literal>highlight|comment)(?![\w-])[\s\S]*?[>%]\}\}[\s\S]*?\{\{[<%]\s*/\s*(?P=hugo_literal)\s*[>%]\}\}"  # Hugo's
    r"|\{\{[<%]\s*(?P<coded>[\w-]+)\s(?:[^{}]*?\s)?lang\s*=[^{}]*?[>%]\}\}[\s\S]*?\{\{[<%]\s*/\s*(?P=coded)\s*[>%]\}\}"  # code shown
    r"|\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}"  # Hugo shortcodes
    r"|\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}"  # Liquid tags and output
    rf"|{_WORDPRESS}"  # WordPress shortcodes
)
PATTERN = re.compile(_TEMPLATE)
"""One piece of template syntax (without regard to code spans: see ``spans``)."""

_LITERAL_NAMES = ("highlight", "comment")
_LITERAL = re.compile(r"\{%-?\s*(highlight|comment)\b")
_MAY_OPEN_LITERAL = re.compile(r"\{%-?\s*(?:highlight|comment)\b|\{\{[<%]\s*(?:highlight|comment)(?![\w-])|\{\{[<%][^{}]*?\slang\s*=")
_HUGO_LITERAL = re.compile(r"(?:\{\{[<%]\s*(highlight|comment)(?![\w-])|\{\{[<%]\s*([\w-]+)\s)[\s\S]*\{\{[<%]\s*/")
_SCANNED = re.compile(rf"(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)|(?P<template>{_TEMPLATE})")
_OPENER = re.compile(r"\{\{[<%]?|\{%")
_ARGUMENT = re.compile(
    r"""(?:(?P<key>[\w.-]+)\s*=\s*)?(?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|`[^`]*`|[^\s'`=]+)""", re.DOTALL
)
"""An argument; a ``"`` that closes no string is part of an unquoted one (``"vertrouwen.md``), so shown as written."""
_SHORTCODE_CLOSE = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|(?P<close>[>%]?\}\})')
"""A quoted string of a shortcode, which Hugo reads whole, or the first ``}}`` after it, with the ``>``/``%`` before it."""


@dataclass(frozen=True)
class Argument:
    """A named (``key``) or positional argument; ``start``/``end`` frame its value inside the quotes, in the text."""

    key: str | None
    value: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Template:
    """One piece of template syntax at ``[start, end)`` of a text.

    ``kind``: ``shortcode`` (Hugo), ``liquid`` or ``wordpress``; ``name``: the shortcode or tag
    (``figure``, ``/note``, ``include``; for Liquid output the whole expression).
    """

    text: str
    start: int
    end: int
    kind: str
    name: str
    arguments: tuple[Argument, ...]
    literal: bool = False
    """Code or a comment with its closing tag, one unit (``{% highlight %}`` … ``{% endhighlight %}``): nothing inside is text."""
    misclosed: str = ""
    """Where a Hugo shortcode is closed otherwise than it opened (``{{< relref "x.md" }}``, ``{{% note >}}``): its text up
    to the closing it has (Liquid's pattern finds it whole); Hugo stops the whole build on it (``misclosing``)."""

    @property
    def shown(self) -> str:
        """The template as the checks name it: without the text for readers, white space normalised."""
        opening, closing = _delimiters(self.text)
        opening += "-" * self.text[len(opening) :].startswith("-")
        closing = "-" * self.text[: -len(closing)].endswith("-") + closing
        kept = [
            f"{a.key}={a.quote}{a.value}{a.quote}" if a.key else f"{a.quote}{a.value}{a.quote}"
            for a in self.arguments
            if a.key not in READER_ARGUMENTS
        ]
        if self.literal:
            return self.text  # code or a comment: compared whole
        if self.kind == "liquid" and opening == "{{":
            return f"{opening} {self.name} {closing}"
        if self.kind == "shortcode" and self.text[: -len(closing)].rstrip().endswith("/"):
            closing = "/" + closing  # self-closing
        return " ".join([opening, self.name, *kept, closing])

    @property
    def reader_arguments(self) -> tuple[Argument, ...]:
        """The quoted arguments in ``READER_ARGUMENTS`` with a word in them."""
        return tuple(
            a for a in self.arguments if a.key in READER_ARGUMENTS and a.quote and any(ch.isalpha() for ch in a.value)
        )


def _delimiters(text: str) -> tuple[str, str]:
    for opening, closing in (("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}"), ("{{", "}}"), ("[", "]")):
        if text.startswith(opening):
            return opening, closing
    raise ValueError(text)


def spans(text: str) -> Iterator[Template]:
    """Every piece of template syntax in a text, outside code spans, in order."""
    if not may_hold(text):
        return
    for match in _SCANNED.finditer(text):
        if match.group("template") is not None:
            yield _parse(match.group("template"), match.start())


def may_hold(text: str) -> bool:
    """Whether a text may hold template syntax (a brace, or a bracket that opens a WordPress name): most texts
    are told without a scan for it."""
    return "{" in text or "[" in text and _MAY_HOLD.search(text) is not None


def _parse(text: str, start: int) -> Template:
    opening, closing = _delimiters(text)
    if opening == "{%" and (literal := _LITERAL.match(text)):
        name = literal.group(1)  # the opening tag alone, when the block goes on past a blank line: literal_opened
        return Template(text, start, start + len(text), "liquid", name, (), literal=literal_closed(text, name))
    misclosed = misclosing(text) if opening in ("{{<", "{{%") else ""
    if opening in ("{{<", "{{%") and (literal := _HUGO_LITERAL.match(text)):  # code or a comment with its closing tag
        return Template(text, start, start + len(text), "shortcode", literal.group(1) or literal.group(2), (), literal=True, misclosed=misclosed)
    inner_start = len(opening) + (text[len(opening)] == "-" if len(text) > len(opening) else 0)
    inner_end = len(text) - len(closing) - (text[-len(closing) - 1] == "-" and opening in ("{%", "{{"))
    if misclosed:  # read up to the closing it has, as though its own: {{< relref "x.md" }}, {{< relref "x.md" > }}
        inner_end = len(misclosed) - len(_SHORTCODE_CLOSE.search(misclosed, len(misclosed) - 3)["close"] or "")
        inner_end = len(text[:inner_end].rstrip().rstrip(">%").rstrip())
    if opening in ("{{<", "{{%") and text[:inner_end].rstrip().endswith("/"):
        inner_end = text.rindex("/", 0, inner_end)  # self-closing: {{< name />}}
    inner = text[inner_start:inner_end]
    kind = "shortcode" if opening in ("{{<", "{{%") else "wordpress" if opening == "[" else "liquid"
    if kind == "liquid" and opening == "{{":
        return Template(text, start, start + len(text), kind, " ".join(inner.split()), ())
    name_match = re.match(r"\s*(/?[\w-]+)" if kind == "wordpress" else r"\s*(/?\s*[^\s/]*)", inner)
    name = re.sub(r"\s+", "", name_match.group(1)) if name_match else ""
    arguments = []
    offset = start + inner_start + (name_match.end() if name_match else 0)
    rest = inner[name_match.end() if name_match else 0 :]
    if kind == "wordpress" and (name == "embed" or name in WORDPRESS_CODE) and text.endswith(f"[/{name}]"):  # compared whole
        return Template(text, start, start + len(text), kind, name, (), literal=True)  # with its address; code
    if kind == "wordpress" and rest.startswith("="):  # WordPress.com's [youtube=https://…]: the address, whole
        return Template(text, start, start + len(text), kind, name, (Argument(None, rest, "", offset, offset + len(rest)),))
    for argument in _ARGUMENT.finditer(rest):
        value = argument.group("value")
        quote = value[0] if value[0] in "\"'`" and len(value) > 1 and value[-1] == value[0] else ""  # "x.md: as written
        value_start = offset + argument.start("value") + len(quote)
        inner_value = value[1:-1] if quote else value
        arguments.append(Argument(argument.group("key"), inner_value, quote, value_start, value_start + len(inner_value)))
    return Template(text, start, start + len(text), kind, name, tuple(arguments), misclosed=misclosed)


def misclosing(text: str) -> str:
    """A Hugo shortcode's text (``{{<``/``{{%`` first) up to its first closing outside a quoted string, where that is no
    closing of its own (``>}}`` for ``{{<``, ``%}}`` for ``{{%``): ``}}``, ``>}`` (the ``}`` after it), the other one;
    else ``""``. Hugo reads a shortcode so (``unrecognized character in shortcode action``), on any site Liquid's
    ``{{ … }}`` would read it as one piece, equal to the Dutch's: only this tells it."""
    own = ">}}" if text.startswith("{{<") else "%}}"
    for found in _SHORTCODE_CLOSE.finditer(text, 3):
        if found["close"] is not None:
            return "" if found["close"] == own else text[: found.end()]
    return ""


def code_language(opening: re.Match[str]) -> str:
    """The language a WordPress code block's opening tag (``WORDPRESS_CODE_OPENING``) names, or ``""``."""
    arguments = _ARGUMENT.finditer(opening.group("arguments") or "")
    values = {a.group("key"): a.group("value").strip("\"'`") for a in arguments}
    return values.get("language") or values.get("lang") or ""


def unclosed(text: str) -> list[str]:
    """The openers (``{{<``, ``{%`` …) in a text that start no complete piece of template syntax, each with the rest of its line."""
    if "{" not in text:
        return []
    found, position = [], 0
    for template in spans(text):
        found.extend(_openers(text, position, template.start))
        position = template.end
    found.extend(_openers(text, position, len(text)))
    return found


def _openers(text: str, start: int, end: int) -> list[str]:
    gap = re.sub(r"(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)", lambda m: " " * len(m.group(0)), text[start:end])
    return [text[start + m.start() :].split("\n", 1)[0] for m in _OPENER.finditer(gap)]


def literal_opened(text: str) -> str | None:
    """The block of code or comment a text opens and does not close (it goes on past a blank line): ``highlight`` or
    ``comment`` (Liquid's or Hugo's), or a Hugo shortcode given a ``lang`` (``tab``)."""
    return None if (opening := literal_opening(text)) is None else opening.name


def literal_opening(text: str) -> Template | None:
    """The template that opens ``literal_opened``'s block, where it is in the text."""
    if _MAY_OPEN_LITERAL.search(text) is None:
        return None  # the common case, told without finding the text's template syntax (a scan that segment makes anyway)
    for template in spans(text):
        if template.literal:
            continue  # closed in the text itself
        opens = template.name in _LITERAL_NAMES or template.kind == "shortcode" and any(a.key == "lang" for a in template.arguments)
        if opens and not template.text[:-3].rstrip().endswith("/"):  # a self-closing shortcode holds nothing
            return template
    return None


def literal_closed(text: str, name: str) -> bool:
    """Whether a text closes the ``name`` block (``{% endhighlight %}``, ``{{< /highlight >}}`` …)."""
    return literal_closing(text, name) is not None


def literal_closing(text: str, name: str) -> re.Match[str] | None:
    """Where in a text the ``name`` block closes (``literal_closed``), or None."""
    name = re.escape(name)
    return re.search(rf"\{{%-?\s*end{name}\s*-?%\}}|\{{\{{[<%]\s*/\s*{name}\s*[>%]\}}\}}", text)


def without(text: str, found: Sequence[Template] | None = None) -> str:
    """The text with every piece of template syntax (outside code spans) replaced by a space.
    ``found``: the text's ``spans``, when the caller has them."""
    if found is None and not may_hold(text):
        return text
    pieces, position = [], 0
    for template in spans(text) if found is None else found:
        pieces.extend([text[position : template.start], " "])
        position = template.end
    pieces.append(text[position:])
    return "".join(pieces)
