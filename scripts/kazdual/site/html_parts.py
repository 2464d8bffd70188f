"""Small pieces of HTML the build writes into pages from data: tables that fit a
phone, lists of facts, and the "not recorded" of a value no source gives. Every
value is escaped here; the pieces then pass the page's sanitizer like any text."""

from __future__ import annotations

from html import escape


def not_recorded(strings: dict) -> str:
    return f'<span class="kd-not-recorded">{escape(strings["not_recorded"])}</span>'


def cell(text: str | None, strings: dict, number: bool = False) -> str:
    """A table cell; an empty value says so."""
    shown = escape(text) if text else not_recorded(strings)
    return f'<td class="kd-number">{shown}</td>' if number else f"<td>{shown}</td>"


def table(caption: str, headers: list[str], rows: list[str], numbers_from: int = 1) -> str:
    """A table of the site's own look (class kd-table: Material's boxed, sideways-scrolling
    table cuts the caption on a phone); its caption is read out, the section's heading shows it.
    Columns from `numbers_from` on hold numbers."""
    number = ' class="kd-number"'
    head = "".join(
        f'<th scope="col"{number if index >= numbers_from else ""}>{escape(text)}</th>'
        for index, text in enumerate(headers)
    )
    return (
        f'<table class="kd-table">\n<caption class="kd-visually-hidden">{escape(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def row(header: str, cells: list[str]) -> str:
    return f'<tr><th scope="row">{escape(header)}</th>{"".join(cells)}</tr>'


def facts(pairs: list[tuple[str, str]]) -> str:
    """A list of facts: (label, HTML of the value)."""
    return "<dl>" + "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in pairs) + "</dl>"


def heading(text: str) -> str:
    """`text` as a Markdown heading line of level 2, its characters taken literally."""
    literal = "".join("\\" + char if char in "\\`*_[]#<>!|" else char for char in text)
    return f"## {literal}"
