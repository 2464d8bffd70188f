"""The outline of a Markdown body: its headings, lists and tables in order, each with
its line, read from the source lines outside fenced code (as Python-Markdown reads them:
`#` and underlined headings, `-`/`*`/`+`/`1.` items, pipe tables with a `---` row)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kazdual.content.source import prose_lines

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_CELL_BORDER = re.compile(r"^[ \t]*\||\|[ \t]*$")


@dataclass(frozen=True)
class Element:
    kind: str  # "heading", "list" or "table"
    line: int
    level: int = 0  # a heading's
    title: str = ""  # a heading's words
    items: int = 0  # a list's items, every level counted
    rows: int = 0  # a table's rows below its header
    columns: int = 0

    @property
    def signature(self) -> str:
        """What must match for two elements to stand for each other: a heading's level."""
        return f"h{self.level}" if self.kind == "heading" else self.kind


def _columns(row: str) -> int:
    return _CELL_BORDER.sub("", row).count("|") + 1


def outline(body: str, first_line: int) -> list[Element]:
    lines = list(prose_lines(body, first_line))
    found: list[Element] = []
    index = 0
    while index < len(lines):
        number, line = lines[index]
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        heading = _ATX.match(line)
        if heading:
            found.append(Element("heading", number, level=len(heading[1]), title=(heading[2] or "").strip()))
        elif "|" in line and _TABLE_RULE.match(following):
            rows = 0
            index += 2
            while index < len(lines) and "|" in lines[index][1] and lines[index][1].strip():
                rows, index = rows + 1, index + 1
            found.append(Element("table", number, rows=rows, columns=_columns(line)))
            continue
        elif _ITEM.match(line):
            items, index = _list_items(lines, index)
            found.append(Element("list", number, items=items))
            continue
        elif line.strip() and _UNDERLINE.match(following) and not _UNDERLINE.match(line):
            level = 1 if following.strip().startswith("=") else 2
            found.append(Element("heading", number, level=level, title=line.strip()))
            index += 1
        index += 1
    return found


def _list_items(lines: list[tuple[int, str]], index: int) -> tuple[int, int]:
    """(items, index after the list) of the list starting at `index`: it goes on over
    its items' lines and over blank lines followed by an item or an indented line."""
    items = 0
    while index < len(lines):
        line = lines[index][1]
        if _ITEM.match(line):
            items += 1
        elif not line.strip():
            following = lines[index + 1][1] if index + 1 < len(lines) else ""
            if not (_ITEM.match(following) or following.startswith((" ", "\t"))):
                break
        elif _ATX.match(line):
            break
        index += 1
    return items, index
