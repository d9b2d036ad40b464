"""GitHub's alerts: a quote whose first line is only its kind (``> [!NOTE]``, ``[!TIP]``, ``[!IMPORTANT]``,
``[!WARNING]``, ``[!CAUTION]``, in any case) is a box, as GitHub and Hugo draw it: ``<div class="markdown-alert
markdown-alert-note">``, a title (``<p class="markdown-alert-title">``, the kind's name in the page's language), and
the quote's text below it. The parse keeps the quote (segmentation leaves the kind out of the entry and in its
place); only rendering makes the box of it (``boxed``), so every parse the pages are rendered from makes the same."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

ENGLISH = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"}
"""Each kind's title as GitHub writes it (a page in another language names them in its own: ``titled``)."""

TITLE = "alert_title"
"""The token of an alert's title: the one part of its HTML that depends on the page's language."""

_KIND = re.compile(r"\[!(" + "|".join(ENGLISH) + r")\]", re.IGNORECASE)
_BREAKS = ("softbreak", "hardbreak")


def boxed(tokens: list[Token]) -> list[Token]:
    """``tokens`` with each alert's quote as its box (new tokens where a quote is one; the others as they are, and
    ``tokens`` unchanged: a parse kept for later stays the parse)."""
    if not any(token.type == "blockquote_open" for token in tokens):
        return tokens
    result: list[Token] = []
    quotes: list[bool] = []  # for each quote open here: whether it is an alert
    skip = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
        elif token.type == "blockquote_open":
            kind = _kind(tokens, index)
            quotes.append(kind is not None)
            if kind is None:
                result.append(token)
                continue
            result += _opening(token, kind)
            first = tokens[index + 2]
            if len(first.children or []) == 1:  # the kind is the whole paragraph: the text is in the next
                skip = 3
            else:
                _, _, text = first.content.partition("\n")
                result += [tokens[index + 1], replace(first, content=text, children=(first.children or [])[2:])]
                skip = 2
        elif token.type == "blockquote_close" and quotes.pop():
            result.append(replace(token, type="alert_close", tag="div"))
        else:
            result.append(token)
    return result


def _kind(tokens: list[Token], index: int) -> str | None:
    """The kind of the quote that opens at ``index`` when it is an alert: its first paragraph's first line is the kind
    alone, and text follows (in that paragraph, or after it in the quote); else None."""
    if index + 4 >= len(tokens) or tokens[index + 1].type != "paragraph_open" or tokens[index + 2].type != "inline":
        return None
    children = tokens[index + 2].children or []
    if not children or children[0].type != "text" or not (found := _KIND.fullmatch(children[0].content.rstrip())):
        return None
    alone = len(children) == 1 and tokens[index + 4].type != "blockquote_close"
    follows = len(children) > 2 and children[1].type in _BREAKS
    return found.group(1).lower() if alone or follows else None


def _opening(quote: Token, kind: str) -> list[Token]:
    """The box's opening and its title (in English until ``titled``)."""
    opening = replace(quote, type="alert_open", tag="div", attrs={"class": f"markdown-alert markdown-alert-{kind}"})
    title = Token(TITLE, "p", 0, block=True, info=kind, content=ENGLISH[kind], level=quote.level + 1)
    return [opening, title]


def titled(title: Token, titles: Mapping[str, str]) -> None:
    """Name an alert's title token in the page's language (``titles``: by kind; a kind it lacks keeps its English)."""
    title.content = titles.get(title.info, title.content)


def render_title(renderer: object, tokens: list[Token], index: int, *args: object) -> str:
    """An alert's title as GitHub writes it (without its icon), its text escaped."""
    return f'<p class="markdown-alert-title">{escapeHtml(tokens[index].content)}</p>\n'
