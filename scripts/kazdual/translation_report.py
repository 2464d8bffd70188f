"""The translation check's report: lines for editors, JSON for tools, Markdown for a
pull request's job summary. Blocking findings stop publishing; advisory ones do not."""

from __future__ import annotations

import json
import re

from kazdual.content import Content
from kazdual.content.fields import safe_line
from kazdual.content.findings import KINDS

LEGEND = (
    "source: the text the others translate; ok: translated and current; the other states are explained by the findings"
)
_GOOD = {"ok", "source"}


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def summary(content: Content) -> str:
    pages = len(content.pages)
    items = len(content.items) - pages
    codes = ", ".join(language.code for language in content.config.languages)
    what = f"{_count(pages, 'page')} and {_count(items, 'news item')} in {codes}"
    blocking = content.blocking
    advisory = len(content.findings) - len(blocking)
    if not content.findings:
        return f"{what}: every translation is present, finished and current."
    told = []
    if blocking:
        told.append(f"{_count(len(blocking), 'finding')} to fix before publishing")
    if advisory:
        told.append(f"{_count(advisory, 'advisory finding')} (publishing goes on)")
    return f"{what}: {' and '.join(told)}."


def _rows(content: Content) -> list[tuple[str, list[str]]]:
    codes = [language.code for language in content.config.languages]
    return [(item.name, [item.states[code] for code in codes]) for item in content.items]


def text(content: Content) -> str:
    lines = [str(finding) + ("" if finding.blocking else "  (advisory)") for finding in content.findings]
    rows = _rows(content)
    if rows:
        header = [""] + [language.code for language in content.config.languages]
        table = [header] + [[name] + states for name, states in rows]
        widths = [max(len(row[n]) for row in table) for n in range(len(header))]
        lines += ([""] if lines else []) + [f"Coverage ({LEGEND}):"]
        lines += [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in table
        ]
        lines.append("")
    lines.append(summary(content))
    return "\n".join(map(safe_line, lines)) + "\n"


def as_json(content: Content) -> str:
    languages = content.config.languages
    data = {
        "languages": [{"code": lang.code, "label": lang.label, "default": lang.is_default} for lang in languages],
        "findings": [
            {"path": f.path, "line": f.line, "kind": f.kind, "blocking": f.blocking, "message": f.message}
            for f in content.findings
        ],
        "matrix": [
            {
                "name": item.name,
                "kind": item.kind,
                "source": item.source,
                "draft": item.draft,
                "cells": {
                    lang.code: {"state": item.states[lang.code], "path": item.entry.path(lang.code)}
                    for lang in languages
                },
            }
            for item in content.items
        ],
        "summary": summary(content),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _code(value: str) -> str:
    """`value` as a Markdown code span, whatever backticks or pipes it holds."""
    value = " ".join(value.split()).replace("|", "&#124;")
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {value} {fence}" if longest else f"`{value}`"


def _block(findings) -> str:
    body = "\n".join(str(finding) for finding in findings)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", body)), default=0))
    return f"{fence}text\n{body}\n{fence}"


def markdown(content: Content) -> str:
    codes = [language.code for language in content.config.languages]
    lines = ["## Translations", "", summary(content), ""]
    if content.items:
        lines.append("| page or news item | " + " | ".join(codes) + " |")
        lines.append("|---|" + "---|" * len(codes))
        for name, states in _rows(content):
            cells = [("✅ " if s in _GOOD else "❌ " if KINDS[s].blocking else "⚠️ ") + s for s in states]
            lines.append(f"| {_code(name)} | " + " | ".join(cells) + " |")
        lines += ["", f"_{LEGEND}._", ""]
    blocking = [f for f in content.findings if f.blocking]
    advisory = [f for f in content.findings if not f.blocking]
    if blocking:
        lines += ["### To fix before publishing", "", _block(blocking), ""]
    if advisory:
        lines += ["### Advisory", "", _block(advisory), ""]
    return "\n".join(lines)
