"""The built pages as the indexer reads them, never as readers get them.

Pagefind glues the cells of a table's header row into one word ("КүніІс-шара түрі…": it
separates <td> cells, not <th> ones), and so the terms and values of a list of terms
(<dt>, <dd>), so a space ends each of those here. For Kazakh, the keyed copy of a page
also has each word replaced by its search keys, ǂkeyǂword (one per key, joined by "."),
so that Pagefind files the word under its stems, at the word's own place in the text.
Only whitespace is ever kept as it is, and no word is added or removed: the keyed copy
has the same words, at the same places, as the plain one, whose text is what results
show (bundle.py).

Of a page that marks its content (data-pagefind-body), a copy keeps only that content,
in a bare document with the page's <html> tag and title: Pagefind reads nothing else of
such a page, and its header, menus and footer are most of its bytes.
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
# What Pagefind may read outside the marked elements, besides their words.
_OTHER_ATTRIBUTE = re.compile(r"data-pagefind-(?!body\b)", re.IGNORECASE)
_HTML_TAG = re.compile(r"<html\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class _Body:
    """An element marked data-pagefind-body: where its opening tag starts, where its content
    starts and ends, and its tag's name."""

    opening: int
    start: int
    end: int
    name: str


def _marked(html: str) -> list[_Body] | None:
    """The elements marked data-pagefind-body: none when the page marks none, None when one
    cannot be told apart (an element that does not end)."""
    bodies: list[_Body] = []
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
        bodies.append(_Body(tag_start, content, end, opening.group(1)))
        at = end
    return bodies


def marks_body(html: str) -> bool:
    """Whether the page marks what Pagefind indexes (data-pagefind-body). Once one page of a
    site does, Pagefind leaves out every page that does not."""
    return _marked(html) != []


def _around(html: str, bodies: list[_Body]) -> list[str] | None:
    """What the copy of a page keeps around each marked element's content (one more piece
    than there are elements): a bare document with the page's <html> tag and title, and the
    elements' own tags. None where the page's other markup may matter to Pagefind: another
    of its attributes there (data-pagefind-meta, -filter, -sort), or no <html> tag."""
    kept = [html[: bodies[0].opening]]
    kept += [html[before.end : after.opening] for before, after in zip(bodies, bodies[1:], strict=False)]
    kept.append(html[bodies[-1].end :])
    root = _HTML_TAG.search(kept[0])
    if root is None or any(_OTHER_ATTRIBUTE.search(piece) for piece in kept):
        return None
    title = _TITLE.search(kept[0])
    shell = f'<!doctype html>{root.group()}<head><meta charset="utf-8">{title.group() if title else ""}</head><body>'
    openings = [html[body.opening : body.start] for body in bodies]
    closings = [f"</{body.name}>" for body in bodies]
    between = [closings[n - 1] + openings[n] for n in range(1, len(bodies))]
    return [shell + openings[0], *between, closings[-1] + "</body></html>"]


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
    """The page for indexing: its content, with header cells and listed terms apart."""
    return Page(html).plain()


class Page:
    """A built page, read once, for its copies and its words."""

    def __init__(self, html: str) -> None:
        # Only the indexed content is read; of the rest, what Pagefind reads is kept as it is.
        bodies = _marked(html)
        spans = [(body.start, body.end) for body in bodies] if bodies else [(0, len(html))]
        around = _around(html, bodies) if bodies else None
        if around is None:  # the page as it is around its content
            ends = [0, *(at for span in spans for at in span), len(html)]
            around = [html[ends[n] : ends[n + 1]] for n in range(0, len(ends), 2)]
        self.parts: list[str | _Text] = []
        for piece, (start, end) in zip(around, spans, strict=False):
            self.parts += [piece, *_read(html[start:end])]
        self.parts.append(around[-1])

    def _copy(self, text: Callable[[_Text], str]) -> str:
        return "".join(part if isinstance(part, str) else escape(text(part), quote=False) for part in self.parts)

    def plain(self) -> str:
        """The page for indexing: its content, with header cells and listed terms apart."""
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
