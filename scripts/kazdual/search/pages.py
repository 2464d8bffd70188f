"""The built pages as the indexer reads them, never as readers get them.

Pagefind glues the cells of a table's header row into one word ("КүніІс-шара түрі…": it
separates <td> cells, not <th> ones), and so the terms and values of a list of terms
(<dt>, <dd>), so a space ends each of those here. For Kazakh, the keyed copy of a page
also has each word replaced by its search keys, ǂkeyǂword (one per key, joined by "."),
so that Pagefind files the word under its stems, at the word's own place in the text.
Only whitespace is ever kept as it is, and no word is added or removed: the keyed copy
has the same words, at the same places, as the plain one, whose text is what results
show (bundle.py).

Of a page that marks its content (data-pagefind-body), a copy keeps only that content
where nothing else of the page counts for Pagefind (indexed.py): its header, menus and
footer are most of its bytes. The plain copy has the text as the page writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

from kazdual.search import indexed
from kazdual.search.kazakh import Rules

MARK = "ǂ"  # a letter no text uses, around a stem: "ǂжобаǂ" is the whole stem жоба, never the start of another
_SPACE = re.compile(r"(\s+)")


@dataclass(frozen=True)
class _Text:
    data: str  # as read, entities decoded
    raw: str  # as the page writes it
    glued: bool  # the text before it ends in a word: a word right at its start belongs to that one


# The ends of the elements whose words Pagefind glues to the next ones (<th>, and <dt> and <dd>
# of a list of terms: "Date or milestonemonth 3").
_GLUED_END = re.compile(r"</(?:th|dt|dd)\s*>", re.IGNORECASE)


def _read(html: str) -> list[str | _Text]:
    """A page as its markup, kept as it is, and its text between."""
    parts: list[str | _Text] = []
    glued, at = False, 0
    for markup in [*indexed.MARKUP.finditer(html), None]:
        end = len(html) if markup is None else markup.start()
        if end > at:
            raw = html[at:end]
            data = unescape(raw)
            parts.append(_Text(data, raw, glued) if data.strip() else raw)
            glued = not data[-1].isspace()
        if markup is None:
            break
        if _GLUED_END.fullmatch(markup.group()):
            parts.append(" ")
            glued = False
        parts.append(markup.group())
        at = markup.end()
    return parts


def plain(html: str) -> str:
    """The page for indexing: its content, with header cells and listed terms apart."""
    return Page(html).plain()


class Page:
    """A built page, read once, for its copies and its words."""

    def __init__(self, html: str) -> None:
        # Only the indexed content is read; of the rest, what Pagefind reads is kept as it is.
        lower = indexed.lowered(html)
        marked = indexed.bodies(html, lower)
        spans = [(body.start, body.end) for body in marked] if marked else [(0, len(html))]
        around = indexed.kept_around(html, lower, marked) if marked else None
        if around is None:  # the page as it is around its content
            ends = [0, *(at for span in spans for at in span), len(html)]
            around = [html[ends[n] : ends[n + 1]] for n in range(0, len(ends), 2)]
        self.parts: list[str | _Text] = []
        for piece, (start, end) in zip(around, spans, strict=False):
            self.parts += [piece, *_read(html[start:end])]
        self.parts.append(around[-1])

    def plain(self) -> str:
        """The page for indexing: its content, with header cells and listed terms apart."""
        return "".join(part if isinstance(part, str) else part.raw for part in self.parts)

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

        return "".join(part if isinstance(part, str) else escape(key(part), quote=False) for part in self.parts)
