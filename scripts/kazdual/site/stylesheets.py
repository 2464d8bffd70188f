"""Material's style sheets cut to the rules the built pages can use.

Material's `main.css` is 137 KB (23 KB compressed) and blocks the first paint of
every page, yet the site uses a small part of it: no code blocks, no admonitions,
no right-to-left layout, one colour palette. After the last language is built,
each of the theme's style sheets is written again with only the rules whose
selectors can match something that some page has: its tags, classes, ids and
attributes, gathered from every page's HTML as it is written, and every word of
the scripts the site publishes (Pagefind's draws the search results). The cut
is made from the same pages in the same order, so the same sources give the
same bytes. The preview keeps the sheets whole: its search index comes later.

A selector is kept unless it names a tag, class, id or attribute (or an
attribute's exact value) that no page has; what stands inside :not(), :is(),
:has() and other pseudo-classes is not asked for, and pseudo-classes such as
:hover or :checked are states any element may take: the cut only ever keeps too
much, never too little. A browser test checks that every rule that matches an
element of a page survives.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# Strings first, so that "/*" or "}" inside a string is text; then comments, blocks, the rest.
_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|/\*.*?\*/|[{};]|[^"\'/{};]+|/', re.S)
# At-rules that hold rules; the others (@keyframes, @font-face, @page) are kept whole.
_GROUPING = frozenset({"media", "supports", "layer", "container", "document", "-moz-document"})
_AT_NAME = re.compile(r"@(-?[\w-]+)")
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)\s*(?:([~|^$*]?=)\s*(\"[^\"]*\"|'[^']*'|[^\]\s]+)\s*[iIsS]?\s*)?\]")
_PSEUDO_CALL = re.compile(r"::?[\w-]+\(")
_PSEUDO = re.compile(r"::?[\w-]+")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_TAG = re.compile(r"(?:^|(?<=[\s>+~(]))([a-zA-Z][\w-]*)")
_WORD = re.compile(r"[\w-]+")
# In a page's HTML: what a selector may ask for.
_PAGE_TAG = re.compile(r"<([a-zA-Z][\w-]*)")
_PAGE_CLASS = re.compile(r' class="([^"]*)"')
_PAGE_ID = re.compile(r' id="([^"]*)"')
_PAGE_SCRIPT = re.compile(r'<script src="([^"]+)"')
_JS_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|`(?:\\.|[^`\\])*`')


@dataclass
class Used:
    """What the site's pages and scripts have, for the selectors to ask."""

    tags: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    values: set[tuple[str, str]] = field(default_factory=set)  # (attribute, exact value)
    words: set[str] = field(default_factory=set)  # from scripts: a class, tag or attribute they may add
    scripts: set[str] = field(default_factory=set)  # what the pages load: "assets/search.js", or an address

    def add_page(self, html: str, asked: re.Pattern, page_url: str, base_path: str) -> None:
        """The tags, classes, ids and `asked` attributes (with their values) of a page at `page_url`
        (below the site's root, which is at `base_path` on its host), and the scripts it loads."""
        for source in set(_PAGE_SCRIPT.findall(html)):
            self.scripts.add(_below_root(source, page_url, base_path))
        self.tags.update(tag.lower() for tag in set(_PAGE_TAG.findall(html)))
        for names in set(_PAGE_CLASS.findall(html)):
            self.classes.update(names.split())
        self.ids.update(_PAGE_ID.findall(html))
        for name, double, single, bare in set(asked.findall(html)):
            self.attributes.add(name)
            self.values.add((name, double or single or bare))

    def update(self, other: Used) -> None:
        """Add what `other` (another language's pages) has."""
        for name in ("tags", "classes", "ids", "attributes", "values", "words", "scripts"):
            getattr(self, name).update(getattr(other, name))

    def add_script(self, source: str) -> None:
        """The words of a script's strings: the tags, classes, ids and attribute names it may set
        (attribute values are taken from pages only: no script here sets one that a sheet asks for)."""
        for string in _JS_STRING.findall(source):
            self.words.update(_WORD.findall(string))

    def has(self, kind: set[str], name: str) -> bool:
        return name in kind or name in self.words


def _below_root(source: str, page_url: str, base_path: str) -> str:
    """A script's path below the site's root, or its address as written when it is elsewhere."""
    parts = urlsplit(source)
    if parts.scheme or parts.netloc:
        return source
    if parts.path.startswith("/"):
        return parts.path[len(base_path) :] if parts.path.startswith(base_path) else source
    return posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), parts.path)).lstrip("/")


def script_words(used: Used, site_dir: Path) -> bool:
    """Read the words of the scripts the pages load, and of the others in their folders, which
    they may import (Pagefind's interface imports its engine); False if one is not in the site."""
    folders = set()
    for address in used.scripts:
        path = site_dir / address
        if urlsplit(address).scheme or not path.is_file():
            return False
        folders.add(path.parent)
    for folder in sorted(folders):
        for script in sorted(folder.glob("*.js")):
            used.add_script(script.read_text("utf-8", errors="replace"))
    return True


@dataclass
class _Rule:
    prelude: str  # the selectors, or an at-rule's head
    body: str | None = None  # declarations, or a whole block kept as it is (@keyframes)
    children: list[_Rule] | None = None  # the rules of a grouping at-rule (@media)


def _blocks(tokens: list[str], start: int) -> tuple[list[_Rule], int]:
    rules: list[_Rule] = []
    prelude: list[str] = []
    i = start
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token.startswith("/*"):
            continue
        if token == "}":
            return rules, i
        if token == ";":
            statement = "".join(prelude).strip()
            if statement:
                rules.append(_Rule(statement + ";"))
            prelude = []
        elif token == "{":
            head = "".join(prelude).strip()
            prelude = []
            at = _AT_NAME.match(head)
            if at and at.group(1).lower() in _GROUPING:
                children, i = _blocks(tokens, i)
                rules.append(_Rule(head, children=children))
            else:
                body, i = _raw_block(tokens, i)
                rules.append(_Rule(head, body=body))
        else:
            prelude.append(token)
    return rules, i


def _raw_block(tokens: list[str], start: int) -> tuple[str, int]:
    """The text up to the brace that closes the block opened before `start`, comments left out."""
    depth, parts, i = 1, [], start
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                break
        if not token.startswith("/*"):
            parts.append(token)
    return "".join(parts), i


@functools.cache
def parse(css: str) -> tuple[_Rule, ...]:
    rules, _ = _blocks(_TOKEN.findall(css), 0)
    return tuple(rules)


def _split(selectors: str) -> list[str]:
    """A selector list at its top-level commas."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in selectors:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def _without_calls(selector: str) -> str:
    """`selector` without the pseudo-classes that take arguments, arguments and all."""
    while match := _PSEUDO_CALL.search(selector):
        depth, end = 1, match.end()
        while end < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[end], 0)
            end += 1
        selector = selector[: match.start()] + selector[end:]
    return selector


def can_match(selector: str, used: Used) -> bool:
    """Could `selector` match an element of some page, in some state?"""
    if "\\" in selector:
        return True  # an escaped name: not worth reading, kept
    selector = _without_calls(selector)
    for name, operator, value in _ATTRIBUTE.findall(selector):
        if not used.has(used.attributes, name):
            return False
        if operator == "=" and (name, value.strip("\"'")) not in used.values:
            return False
    rest = _PSEUDO.sub("", _ATTRIBUTE.sub("", selector))
    return (
        all(used.has(used.classes, name) for name in _CLASS.findall(rest))
        and all(used.has(used.ids, name) for name in _ID.findall(rest))
        and all(used.has(used.tags, name.lower()) for name in _TAG.findall(_ID.sub("", _CLASS.sub("", rest))))
    )


def asked_attributes(sheets: list[str]) -> re.Pattern:
    """What to look for in pages: the attributes that the sheets' selectors name."""
    names: set[str] = set()
    for css in sheets:
        for rule in _style_rules(parse(css)):
            names.update(name for name, _, _ in _ATTRIBUTE.findall(rule.prelude))
    alternatives = "|".join(sorted(map(re.escape, names), key=lambda name: (-len(name), name))) or "(?!)"
    return re.compile(rf"\s({alternatives})(?:=(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>=`]+)))?(?=[\s/>])")


def _style_rules(rules) -> list[_Rule]:
    found = []
    for rule in rules:
        if rule.children is not None:
            found += _style_rules(rule.children)
        elif rule.body is not None and not rule.prelude.startswith("@"):
            found.append(rule)
    return found


def _cut_rules(rules, used: Used) -> list[str]:
    out = []
    for rule in rules:
        if rule.children is not None:
            inner = _cut_rules(rule.children, used)
            if inner:
                out.append(f"{rule.prelude}{{{''.join(inner)}}}")
        elif rule.body is None or rule.prelude.startswith("@"):
            out.append(rule.prelude if rule.body is None else f"{rule.prelude}{{{rule.body}}}")
        else:
            kept = [selector for selector in _split(rule.prelude) if can_match(selector, used)]
            if kept:
                out.append(f"{','.join(kept)}{{{rule.body}}}")
    return out


def cut(css: str, used: Used) -> str:
    """`css` with only the rules that can match something `used` has."""
    return "".join(_cut_rules(parse(css), used)) + "\n"


def installed_sheets(theme_dirs: list[str]) -> list[Path]:
    """The style sheets of the installed themes (Material's), as the package has them: never the
    cut copy that an earlier build left in the site's folder."""
    installed = os.path.realpath(sys.prefix)
    found = []
    for folder in theme_dirs:
        sheets = Path(folder) / "assets" / "stylesheets"
        if os.path.realpath(folder).startswith(installed) and sheets.is_dir():
            found += sorted(sheets.glob("*.css"))
    return found


class Cut:
    """One run's cut: started with the run, fed every page as it is written, written at its end."""

    def __init__(self) -> None:
        self.used = Used()
        self._asked = re.compile("(?!)")
        self._theme_dirs: list[str] = []
        self._base_path = "/"

    def start(self, theme_dirs: list[str], site_url: str) -> None:
        self.used = Used()
        self._theme_dirs = list(theme_dirs)
        self._asked = asked_attributes([sheet.read_text("utf-8") for sheet in installed_sheets(theme_dirs)])
        self._base_path = urlsplit(site_url).path or "/"

    def add_page(self, html: str, page_url: str) -> None:
        self.used.add_page(html, self._asked, page_url, self._base_path)

    def write(self, site_dir: Path) -> bool:
        """Write the cut sheets into `site_dir`; False, leaving them whole, when a page loads a
        script from elsewhere (whose words cannot be read)."""
        if not script_words(self.used, site_dir):
            return False
        for sheet in installed_sheets(self._theme_dirs):
            published = site_dir / "assets" / "stylesheets" / sheet.name
            if published.is_file():
                published.write_text(cut(sheet.read_text("utf-8"), self.used), "utf-8")
        return True
