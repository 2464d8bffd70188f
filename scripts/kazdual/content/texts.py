"""The rules that judge one text on its own: its front matter against the schema,
text still to write, words that mix scripts, raw HTML outside the safe list."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from kazdual.content import mixed_script, schema
from kazdual.content.fields import CharacterName, invisible_characters
from kazdual.content.findings import Finding, finding
from kazdual.content.html import raw_html_problems
from kazdual.content.messages import FieldLabel
from kazdual.content.source import Document

# The mark that flags text an editor still has to write: the scaffold writes it,
# and nothing that holds it is published.
MARK = "TODO:"
MAX_EVENT_DAYS = 366


def placeholder(what: str) -> str:
    """A placeholder for text still to write, e.g. `TODO: write the summary in Kazakh`."""
    return f"{MARK} {what}"


@dataclass
class Text:
    """One language's file of a page or news item, as read and judged."""

    language: str
    path: str
    document: Document | None  # None when the file cannot be read
    values: dict = field(default_factory=dict)  # the front-matter values that are valid
    findings: list[Finding] = field(default_factory=list)

    @property
    def readable(self) -> Document:
        """The document of a text that could be read: the only kind the rules judge."""
        if self.document is None:
            raise ValueError(f"{self.path} could not be read")
        return self.document

    @property
    def stamp_value(self) -> object:
        return self.document.meta.get(schema.STAMP_KEY) if self.document else None

    def value(self, key: str, default=None):
        return self.values.get(key, default)


def _holds_mark(value: object) -> bool:
    if isinstance(value, dict):
        return any(_holds_mark(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_mark(v) for v in value)
    return isinstance(value, str) and MARK in value


def _unfinished(text: Text, kind: str) -> list[Finding]:
    document = text.readable
    group = "news" if kind == "news item" else "pages"
    found = [
        finding(
            text.path,
            document.line_of(str(key)),
            "unfinished",
            "unfinished.key",
            key=FieldLabel(group, str(key)),
            mark=MARK,
        )
        for key, value in document.meta.items()
        if _holds_mark(value)
    ]
    for number, line in enumerate(document.body.split("\n"), start=document.body_line):
        if MARK in line:
            found.append(finding(text.path, number, "unfinished", "unfinished.text", mark=MARK))
    if not document.body.strip():
        if kind == "news item":
            found.append(finding(text.path, document.body_line, "unfinished", "unfinished.empty-news"))
        elif "template" not in document.meta:
            # A page drawn by its template (the home page) needs no text of its own.
            found.append(finding(text.path, document.body_line, "unfinished", "unfinished.empty-page"))
    return found


def _mixed_scripts(text: Text) -> list[Finding]:
    if not mixed_script.written_in_cyrillic(text.language):
        return []
    found = []
    for word in mixed_script.in_document(text.readable):
        message = "mixed.cyrillic-in-latin" if word.odd_script == "Cyrillic" else "mixed.latin-in-cyrillic"
        found.append(
            finding(text.path, word.line, "mixed-script", message, word=word.word, letters=" ".join(word.odd_letters))
        )
    return found


def _invisible_characters(text: Text) -> list[Finding]:
    """Characters no reader sees in the body, code included: a zero-width space splits a word for
    search and hides a Latin letter in a Cyrillic word; a right-to-left override shows a text
    other than it is. (The front matter's values refuse them already.)"""
    found = []
    for number, line in enumerate(text.readable.body.split("\n"), start=text.readable.body_line):
        hidden = invisible_characters(line)
        if hidden:
            char = hidden[0]
            escape = char.encode("unicode_escape").decode("ascii")
            values = {"escape": escape, "name": CharacterName(char)}
            if len(hidden) > 1:
                found.append(
                    finding(text.path, number, "mixed-script", "mixed.invisible-more", **values, more=len(hidden) - 1)
                )
            else:
                found.append(finding(text.path, number, "mixed-script", "mixed.invisible", **values))
    return found


def _dates(text: Text, folder_date: datetime.date) -> list[Finding]:
    document, found = text.readable, []
    date, end = text.value("date"), text.value("end_date")
    if date is not None and date != folder_date:
        found.append(
            finding(text.path, document.line_of("date"), "value", "date.folder", date=date, folder=folder_date)
        )
    if date is not None and end is not None and not (date < end and (end - date).days <= MAX_EVENT_DAYS):
        found.append(finding(text.path, document.line_of("end_date"), "value", "date.end", end=end, date=date))
    return found


def judge(text: Text, kind: str, folder_date: datetime.date | None = None) -> None:
    """Fill `text.values` and `text.findings` from its document."""
    document = text.readable
    fields = schema.NEWS if kind == "news item" else schema.PAGES
    values, problems = schema.check(document.meta, fields)
    text.values = values
    text.findings += [Finding(text.path, schema.problem_line(document, p), "value", p.said) for p in problems]
    text.findings += _unfinished(text, kind)
    text.findings += _mixed_scripts(text)
    text.findings += _invisible_characters(text)
    text.findings += [
        Finding(text.path, line, "html", said) for line, said in raw_html_problems(document.body, document.body_line)
    ]
    if folder_date is not None:
        text.findings += _dates(text, folder_date)
