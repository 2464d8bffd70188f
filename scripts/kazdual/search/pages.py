"""The built pages as the indexer reads them, never as readers get them.

Pagefind glues the cells of a table's header row into one word ("КүніІс-шара түрі…": it
separates <td> cells, not <th> ones), and so the terms and values of a list of terms
(<dt>, <dd>), so a space ends each of those here. For Kazakh, the keyed copy of a page
also has each word replaced by its search keys, ǂkeyǂword (one per key, joined by "."),
so that Pagefind files the word under its stems, at the word's own place in the text.
Only whitespace is ever kept as it is, and no word is added or removed: the keyed copy
has the same words, at the same places, as the plain one, whose text is what results
show (bundle.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape

from kazdual.search.kazakh import Rules

MARK = "ǂ"  # a letter no text uses, around a stem: "ǂжобаǂ" is the whole stem жоба, never the start of another
_SPACE = re.compile(r"(\s+)")


@dataclass(frozen=True)
class _Text:
    data: str
    glued: bool  # the text before it ends in a word: a word right at its start belongs to that one


# Markup: a comment, a script or style with its content, a tag (quoted values may hold ">").
_MARKUP = re.compile(
    r"<!--.*?-->|<(script|style)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\1\s*>|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL | re.IGNORECASE,
)
# The ends of the elements whose words Pagefind glues to the next ones (<th>, and <dt> and <dd>
# of a list of terms: "Date or milestonemonth 3").
_GLUED_END = re.compile(r"</(?:th|dt|dd)\s*>", re.IGNORECASE)
# The attribute of the elements Pagefind indexes: outside of those it reads no word.
_BODY_MARK = "data-pagefind-body"
_TAG_NAME = re.compile(r"<([a-z][\w-]*)", re.IGNORECASE)


def _marked(html: str) -> list[tuple[int, int]] | None:
    """Where the elements marked data-pagefind-body hold their content: none when the page
    marks none, None when one cannot be told apart (an element that does not end)."""
    spans: list[tuple[int, int]] = []
    at = 0
    while (mark := html.find(_BODY_MARK, at)) >= 0:
        tag_start = html.rfind("<", 0, mark)
        if html.find(">", tag_start, mark) >= 0:  # the words data-pagefind-body in a text
            at = mark + len(_BODY_MARK)
            continue
        opening = _TAG_NAME.match(html, tag_start)
        content = html.find(">", mark) + 1
        if opening is None or not content:
            return None
        depth, end = 1, None
        for tag in re.finditer(rf"<(/?){re.escape(opening.group(1))}\b[^>]*>", html[content:], re.IGNORECASE):
            depth += -1 if tag.group(1) else 1
            if not depth:
                end = content + tag.start()
                break
        if end is None:
            return None
        spans.append((content, end))
        at = end
    return spans


def _bodies(html: str) -> list[tuple[int, int]]:
    """Where the elements marked data-pagefind-body hold their content; the whole page when
    one cannot be told apart (no such element, or one that does not end)."""
    return _marked(html) or [(0, len(html))]


def marks_body(html: str) -> bool:
    """Whether the page marks what Pagefind indexes (data-pagefind-body). Once one page of a
    site does, Pagefind leaves out every page that does not."""
    return _marked(html) != []


def _read(html: str) -> list[str | _Text]:
    """A page as its markup, kept as it is, and its text between."""
    parts: list[str | _Text] = []
    glued, at = False, 0
    for markup in _MARKUP.finditer(html):
        if markup.start() > at:
            data = unescape(html[at : markup.start()])
            parts.append(_Text(data, glued) if data.strip() else escape(data, quote=False))
            glued = not data[-1].isspace()
        if _GLUED_END.fullmatch(markup.group()):
            parts.append(" ")
            glued = False
        parts.append(markup.group())
        at = markup.end()
    if at < len(html):
        parts.append(escape(unescape(html[at:]), quote=False))
    return parts


def plain(html: str) -> str:
    """The page for indexing: header cells and listed terms apart, nothing else changed."""
    return Page(html).plain() if _GLUED_END.search(html) else html


class Page:
    """A built page, read once, for its copies and its words."""

    def __init__(self, html: str) -> None:
        # Only the indexed content is read: the rest is kept as it is, and Pagefind skips it.
        self.parts: list[str | _Text] = []
        at = 0
        for start, end in _bodies(html):
            self.parts += [html[at:start], *_read(html[start:end])]
            at = end
        self.parts.append(html[at:])

    def _copy(self, text: Callable[[_Text], str]) -> str:
        return "".join(part if isinstance(part, str) else escape(text(part), quote=False) for part in self.parts)

    def plain(self) -> str:
        """The page for indexing: header cells and listed terms apart, nothing else changed."""
        return self._copy(lambda text: text.data)

    def words(self, rules: Rules) -> list[str]:
        """The words of the page's text, for choosing the site's keys."""
        return [word for part in self.parts if isinstance(part, _Text) for word in rules.words(part.data)]

    def keyed(self, rules: Rules, keys: dict[str, list[str]]) -> str:
        """The page for indexing with every word as its keys: ǂkeyǂword."""

        def key(text: _Text) -> str:
            parts = _SPACE.split(text.data)
            for at in range(0, len(parts), 2):
                words = rules.words(parts[at]) if parts[at] else []
                if words:
                    tokens = ".".join(f"{MARK}{stem}{MARK}{word}" for word in words for stem in keys.get(word, [word]))
                    # A word glued to the text before it (mid-word markup) stays a word of its own.
                    parts[at] = ("." if text.glued and at == 0 else "") + tokens
            return "".join(parts)

        return self._copy(key)
