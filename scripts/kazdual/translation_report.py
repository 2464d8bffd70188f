"""The translation check's report: lines for editors, JSON for tools, Markdown for a
pull request's job summary. Blocking findings stop publishing; advisory ones do not.
Lines and JSON are in the editor's language (the catalogs' `report` section and each
finding's message); the job summary is for CI, in English."""

from __future__ import annotations

import json
import re

from kazdual.content import Content
from kazdual.content.fields import safe_line
from kazdual.content.findings import KINDS
from kazdual.content.messages import ENGLISH, Message, say

_GOOD = {"ok", "source"}


def _count(number: int, message: str) -> Message:
    return say(f"report.{message}" if number == 1 else f"report.{message}s", count=number)


def _summary(content: Content) -> Message:
    pages = len(content.pages)
    codes = ", ".join(language.code for language in content.config.languages)
    what = say(
        "report.what", pages=_count(pages, "page"), items=_count(len(content.items) - pages, "item"), codes=codes
    )
    blocking = len(content.blocking)
    advisory = len(content.findings) - blocking
    if not content.findings:
        return say("report.clean", what=what)
    told = [_count(blocking, "blocking")] if blocking else []
    told += [_count(advisory, "advice")] if advisory else []
    both = say("report.both", blocking=told[0], advisory=told[1]) if len(told) == 2 else told[0]
    return say("report.found", what=what, told=both)


def summary(content: Content, language: str = ENGLISH) -> str:
    return _summary(content).text(language)


def _rows(content: Content) -> list[tuple[str, list[str]]]:
    codes = [language.code for language in content.config.languages]
    return [(item.name, [item.states[code] for code in codes]) for item in content.items]


def text(content: Content, language: str = ENGLISH) -> str:
    advisory = "  " + say("report.advisory").text(language)
    lines = [finding.line_in(language) + ("" if finding.blocking else advisory) for finding in content.findings]
    rows = _rows(content)
    if rows:
        header = [""] + [language.code for language in content.config.languages]
        table = [header] + [[name] + states for name, states in rows]
        widths = [max(len(row[n]) for row in table) for n in range(len(header))]
        lines += ([""] if lines else []) + [say("report.coverage", legend=say("report.legend")).text(language)]
        lines += [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in table
        ]
        lines.append("")
    lines.append(summary(content, language))
    return "\n".join(map(safe_line, lines)) + "\n"


def as_json(content: Content, language: str = ENGLISH) -> str:
    languages = content.config.languages
    data = {
        "languages": [{"code": lang.code, "label": lang.label, "default": lang.is_default} for lang in languages],
        "findings": [
            {"path": f.path, "line": f.line, "kind": f.kind, "blocking": f.blocking, "message": f.in_language(language)}
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
        "summary": summary(content, language),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _code(value: str) -> str:
    """`value` as a Markdown code span, whatever backticks or pipes it holds."""
    value = " ".join(value.split()).replace("|", "&#124;")
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {value} {fence}" if longest else f"`{value}`"


def _block(findings, language: str) -> str:
    body = "\n".join(finding.line_in(language) for finding in findings)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", body)), default=0))
    return f"{fence}text\n{body}\n{fence}"


def markdown(content: Content, language: str = ENGLISH) -> str:
    """The report as Markdown: a pull request's job summary (English), the web editor's translations page."""

    def said(message: str) -> str:
        return say(message).text(language)

    codes = [lang.code for lang in content.config.languages]
    lines = ["## " + said("report.heading"), "", summary(content, language), ""]
    if content.items:
        lines.append(f"| {said('report.column')} | " + " | ".join(codes) + " |")
        lines.append("|---|" + "---|" * len(codes))
        for name, states in _rows(content):
            cells = [("✅ " if s in _GOOD else "❌ " if KINDS[s].blocking else "⚠️ ") + s for s in states]
            lines.append(f"| {_code(name)} | " + " | ".join(cells) + " |")
        lines += ["", f"_{said('report.legend')}._", ""]
    blocking = [f for f in content.findings if f.blocking]
    advisory = [f for f in content.findings if not f.blocking]
    if blocking:
        lines += ["### " + said("report.to-fix"), "", _block(blocking, language), ""]
    if advisory:
        lines += ["### " + said("report.advisories"), "", _block(advisory, language), ""]
    return "\n".join(lines)
