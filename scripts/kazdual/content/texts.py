"""The rules that judge one text on its own: its front matter against the schema,
text still to write, words that mix scripts, raw HTML outside the safe list."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from kazdual.content import mixed_script, schema
from kazdual.content.fields import character_name, invisible_characters
from kazdual.content.findings import Finding
from kazdual.content.html import raw_html_problems
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
    found = [
        Finding(
            text.path,
            document.line_of(str(key)),
            "unfinished",
            f"{key} is still to write ('{MARK}' is still here): write it",
        )
        for key, value in document.meta.items()
        if _holds_mark(value)
    ]
    for number, line in enumerate(document.body.split("\n"), start=document.body_line):
        if MARK in line:
            found.append(
                Finding(
                    text.path, number, "unfinished", f"this text is still to write ('{MARK}' is still here): write it"
                )
            )
    if not document.body.strip():
        if kind == "news item":
            found.append(
                Finding(
                    text.path,
                    document.body_line,
                    "unfinished",
                    "the news text is empty: write it below the front matter",
                )
            )
        elif "template" not in document.meta:
            # A page drawn by its template (the home page) needs no text of its own.
            found.append(
                Finding(
                    text.path,
                    document.body_line,
                    "unfinished",
                    "the page text is empty: write it below the front matter",
                )
            )
    return found


def _mixed_scripts(text: Text) -> list[Finding]:
    if not mixed_script.written_in_cyrillic(text.language):
        return []
    found = []
    for word in mixed_script.in_document(text.readable):
        other = "Cyrillic" if word.odd_script == "Latin" else "Latin"
        message = (
            f"the word '{word.word}' mixes Latin and Cyrillic letters: retype the {word.odd_script} "
            f"{' '.join(word.odd_letters)} in {other}"
        )
        found.append(Finding(text.path, word.line, "mixed-script", message))
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
            message = (
                f"an invisible character ({escape}, {character_name(char)}) hides in this line"
                + (f", and {len(hidden) - 1} more" if len(hidden) > 1 else "")
                + ": delete it (retype the words around it if you cannot see where it is)"
            )
            found.append(Finding(text.path, number, "mixed-script", message))
    return found


def _dates(text: Text, folder_date: datetime.date) -> list[Finding]:
    document, found = text.readable, []
    date, end = text.value("date"), text.value("end_date")
    if date is not None and date != folder_date:
        found.append(
            Finding(
                text.path,
                document.line_of("date"),
                "value",
                f"date is {date} but the folder name says {folder_date}: make them the same (rename the folder if the "
                "date is right)",
            )
        )
    if date is not None and end is not None and not (date < end and (end - date).days <= MAX_EVENT_DAYS):
        found.append(
            Finding(
                text.path,
                document.line_of("end_date"),
                "value",
                f"end_date {end} must come after date {date} (within a year): it is the event's last day",
            )
        )
    return found


def judge(text: Text, kind: str, folder_date: datetime.date | None = None) -> None:
    """Fill `text.values` and `text.findings` from its document."""
    document = text.readable
    fields = schema.NEWS if kind == "news item" else schema.PAGES
    values, problems = schema.check(document.meta, fields)
    text.values = values
    text.findings += [Finding(text.path, schema.problem_line(document, p), "value", p.message) for p in problems]
    text.findings += _unfinished(text, kind)
    text.findings += _mixed_scripts(text)
    text.findings += _invisible_characters(text)
    text.findings += [
        Finding(text.path, line, "html", message)
        for line, message in raw_html_problems(document.body, document.body_line)
    ]
    if folder_date is not None:
        text.findings += _dates(text, folder_date)
