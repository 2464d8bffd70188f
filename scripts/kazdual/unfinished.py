"""Text still to write: the placeholder mark, an empty text, a text copied from another language."""

from __future__ import annotations

import re

from kazdual.frontmatter import Document
from kazdual.placeholders import MARK
from kazdual.translation_tree import Finding

KIND = "unfinished"
_CODE = re.compile(r"(`+).+?\1|^ {0,3}(`{3,}|~{3,}).*$", re.M)
_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]*>|https?://\S+")


def _flatten(value: object) -> str:
    if isinstance(value, dict):
        return " ".join(_flatten(k) + " " + _flatten(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten(v) for v in value)
    return str(value)


def placeholders_and_empty_text(path: str, document: Document, kind: str) -> list[Finding]:
    """The placeholder mark in front-matter values or the body, and an empty body."""
    found = []
    for key, value in document.meta.items():
        if MARK in _flatten(value):
            found.append(Finding(path, document.line_of(str(key)), KIND, f"'{key}' is unfinished ('{MARK}' still here): write it"))
    for number, line in enumerate(document.body.split("\n"), start=document.body_line):
        if MARK in line:
            found.append(Finding(path, number, KIND, f"unfinished text ('{MARK}' still here): write it"))
    if not document.body.strip():
        if kind == "news item":
            found.append(Finding(path, document.body_line, KIND, "the news text is empty: write it below the front matter"))
        elif "template" not in document.meta:
            # A page drawn by its template (the home page) needs no text of its own.
            found.append(Finding(path, document.body_line, KIND, "the page text is empty: write it below the front matter"))
    return found


def _prose(body: str) -> str:
    """The body's words, whitespace normalised; '' when it has no words (only images, code, links)."""
    words = " ".join(body.split())
    letters = _MARKUP.sub(" ", _CODE.sub(" ", body))
    return words if any(char.isalpha() for char in letters) else ""


def _first_text_line(document: Document) -> int:
    lines = document.body.split("\n")
    return document.body_line + next((n for n, line in enumerate(lines) if line.strip()), 0)


def copies(texts: list[tuple[str, Document]]) -> list[Finding]:
    """Texts whose body is another's, word for word: copied, not translated.

    `texts` come source first, so the finding lands on the copy, not the original.
    """
    found = []
    first_with: dict[str, str] = {}
    for path, document in texts:
        prose = _prose(document.body)
        if prose and prose in first_with:
            found.append(Finding(path, _first_text_line(document), KIND, f"the text is the same as in {first_with[prose]}: translate it"))
        first_with.setdefault(prose, path)
    return found
