"""The built pages as the indexer reads them, never as readers get them.

Pagefind glues the cells of a table's header row into one word ("КүніІс-шара
түрі…": it separates <td> cells, not <th> ones), so a space ends every header cell
here. For Kazakh, the keyed copy of a page also has each word replaced by its search
keys, ǂkeyǂword (one per key, joined by "."), so that Pagefind files the word under
its stems, at the word's own place in the text. Only whitespace is ever kept as it
is, and no word is added or removed: the keyed copy has the same words, at the same
places, as the plain one, whose text is what results show (bundle.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape
from html.parser import HTMLParser

from kazdual.search.kazakh import Rules

MARK = "ǂ"  # a letter no text uses, around a stem: "ǂжобаǂ" is the whole stem жоба, never the start of another
_SPACE = re.compile(r"(\s+)")
_RAW_TEXT = {"script", "style"}


class _Copy(HTMLParser):
    """A page rewritten tag for tag, its text passed through `words`."""

    def __init__(self, words: Callable[[str, bool], str] | None) -> None:
        super().__init__(convert_charrefs=True)
        self.words = words
        self.out: list[str] = []
        self.raw = 0
        self.glued = False  # the text so far ends in a word: a word right after it belongs to it

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")
        self.raw += tag in _RAW_TEXT

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag == "th":
            self.out.append(" ")
            self.glued = False
        self.raw -= tag in _RAW_TEXT and self.raw > 0
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.raw:
            self.out.append(data)
            return
        text = self.words(data, self.glued) if self.words and data.strip() else data
        self.out.append(escape(text, quote=False))
        if data:
            self.glued = not data[-1].isspace()

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def _rewrite(html: str, words: Callable[[str, bool], str] | None) -> str:
    copy = _Copy(words)
    copy.feed(html)
    copy.close()
    return "".join(copy.out)


def plain_copy(html: str) -> str:
    """The page for indexing: header cells apart, nothing else changed."""
    return _rewrite(html, None)


def vocabulary(html: str, rules: Rules) -> Iterable[str]:
    """The words of a page's text, for choosing the site's keys."""
    words: list[str] = []

    def collect(text: str, glued: bool) -> str:
        words.extend(rules.words(text))
        return text

    _rewrite(html, collect)
    return words


def keyed_copy(html: str, rules: Rules, keys: dict[str, list[str]]) -> str:
    """The page for indexing with every word as its keys: ǂkeyǂword."""

    def key(text: str, glued: bool) -> str:
        parts = _SPACE.split(text)
        for at in range(0, len(parts), 2):
            chunk = parts[at]
            if not chunk:
                continue
            words = rules.words(chunk)
            if words:
                tokens = ".".join(f"{MARK}{stem}{MARK}{word}" for word in words for stem in keys.get(word, [word]))
                # A word glued to the text before it (mid-word markup) stays a word of its own.
                parts[at] = ("." if glued and at == 0 else "") + tokens
        return "".join(parts)

    return _rewrite(html, key)
