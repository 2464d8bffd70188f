"""The translation check's report: lines for editors, JSON for tools, Markdown for a CI job summary."""

from __future__ import annotations

import json
import re

from kazdual.translations import Report

LEGEND = (
    "source: the text the others translate; ok: translated and current; "
    "the other states are explained by the findings above"
)
_GOOD = {"ok", "source"}


def summary(report: Report) -> str:
    pages = sum(1 for e in report.entries if e.entry.kind == "page")
    items = len(report.entries) - pages
    codes = ", ".join(language.code for language in report.languages)
    what = f"{_count(pages, 'page')} and {_count(items, 'news item')} in {codes}"
    if not report.findings:
        return f"{what}: every translation is present, finished and current."
    files = len({f.path for f in report.findings})
    return f"{what}: {_count(len(report.findings), 'finding')} in {_count(files, 'file')} to fix."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _rows(report: Report) -> list[tuple[str, list[str]]]:
    codes = [language.code for language in report.languages]
    return [(e.entry.name, [e.states[code] for code in codes]) for e in report.entries]


def text(report: Report) -> str:
    lines = [str(finding) for finding in report.findings]
    rows = _rows(report)
    if rows:
        header = [""] + [language.code for language in report.languages]
        table = [header] + [[name] + states for name, states in rows]
        widths = [max(len(row[n]) for row in table) for n in range(len(header))]
        if lines:
            lines.append("")
        lines.append(f"Coverage ({LEGEND}):")
        lines.extend("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in table)
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    data = {
        "languages": [
            {"code": language.code, "label": language.label, "default": language.is_default}
            for language in report.languages
        ],
        "findings": [
            {"path": f.path, "line": f.line, "kind": f.kind, "message": f.message} for f in report.findings
        ],
        "matrix": [
            {
                "name": e.entry.name,
                "kind": e.entry.kind,
                "source": e.source,
                "cells": {
                    language.code: {"state": e.states[language.code], "path": e.entry.path(language.code)}
                    for language in report.languages
                },
            }
            for e in report.entries
        ],
        "summary": summary(report),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _code(value: str) -> str:
    """`value` as a Markdown code span, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {value} {fence}" if longest else f"`{value}`"


def markdown(report: Report) -> str:
    codes = [language.code for language in report.languages]
    lines = ["## Translations", "", summary(report), ""]
    if report.entries:
        lines.append("| page or news item | " + " | ".join(codes) + " |")
        lines.append("|---|" + "---|" * len(codes))
        for name, states in _rows(report):
            cells = [("✅ " if state in _GOOD else "❌ " if state == "missing" else "⚠️ ") + state for state in states]
            lines.append(f"| {_code(name).replace('|', '&#124;')} | " + " | ".join(cells) + " |")
        lines += ["", f"_{LEGEND}._", ""]
    if report.findings:
        body = "\n".join(str(finding) for finding in report.findings)
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", body)), default=0))
        lines += ["### Findings", "", fence + "text", body, fence, ""]
    return "\n".join(lines)
