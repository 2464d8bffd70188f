"""What Pagefind reads of a built page: the elements marked data-pagefind-body, and whether
the rest of the page may be left out of the copy it indexes.

Pagefind 1.5 files the words of the marked elements, but reads a few things elsewhere: the
first <h1> anywhere is a result's title, and the first <img> after it the result's image;
text right after a marked element joins its words; data-pagefind-meta, -filter and -sort
count wherever they stand. So a copy keeps only the marked elements, in a bare document
with the page's <html> tag and title, where none of those stands outside them; any other
page is given whole. Comments, scripts and quoted attribute values are never read as tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Markup: a comment, a script or style with its content, a tag (quoted values may hold ">").
# A script or style that does not end runs to the end, as a browser reads it (and so each is
# read once, not again from every "<script" in it).
MARKUP = re.compile(
    r"<!--.*?-->|<(script|style)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?(?:</\1\s*>|\Z)|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL | re.IGNORECASE,
)
_TAG = re.compile(r"<(/?)([a-z][\w-]*)", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_BODY_WORDS = "data-pagefind-body"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_BODY_ATTRIBUTE = re.compile(r"\sdata-pagefind-body(?=[\s/>=])", re.IGNORECASE)
_HEADING = re.compile(r"<h1\b", re.IGNORECASE)
_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
_TEXT_RIGHT_AFTER = re.compile(r"\A</[^>]*>\s*[^\s<]")  # at the start of what follows a marked element
_HIDDEN = re.compile(r"<!--.*?-->|<(script|style)\b.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_HTML_TAG = re.compile(r"<html\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Body:
    """A marked element: where its opening tag starts, where its content starts and ends
    (at its closing tag), and its tag's name."""

    opening: int
    start: int
    end: int
    name: str


def lowered(html: str) -> str:
    """The page in lower case, each character where it stands: where tags and attribute names
    are looked for, in whatever case the page writes them."""
    lower = html.lower()
    return lower if len(lower) == len(html) else html.translate(_ASCII_LOWER)


def bodies(html: str, lower: str) -> list[Body] | None:
    """The page's marked elements, outermost only (`lower` is the page's `lowered()`): none
    when it marks none, None when one does not end."""
    found: list[Body] = []
    at = 0
    for mark in _marks(lower):
        opening = html.rfind("<", 0, mark)
        if mark < at or opening < 0 or _hidden_at(lower, opening):
            continue
        tag = MARKUP.match(html, opening)
        name = _TAG.match(tag.group()) if tag is not None and not tag.group(1) else None
        if tag is None or name is None or name.group(1) or tag.end() <= mark:
            continue  # the words in a text
        if not _BODY_ATTRIBUTE.search(_QUOTED.sub('""', tag.group())):
            continue  # the words in an attribute's value
        end = _end(html, tag.end(), name.group(2))
        if end is None:
            return None
        found.append(Body(opening, tag.end(), end, name.group(2)))
        at = end
    return found


def _marks(lower: str) -> list[int]:
    """Where the words data-pagefind-body stand."""
    found, at = [], lower.find(_BODY_WORDS)
    while at >= 0:
        found.append(at)
        at = lower.find(_BODY_WORDS, at + 1)
    return found


def _hidden_at(lower: str, at: int) -> bool:
    """Whether `at` is inside a comment, or a script or style element."""
    if lower.rfind("<!--", 0, at) > lower.rfind("-->", 0, at):
        return True
    return any(lower.rfind(f"<{name}", 0, at) > lower.rfind(f"</{name}", 0, at) for name in ("script", "style"))


def _end(html: str, start: int, name: str) -> int | None:
    """Where the element `name` whose content starts at `start` ends: its closing tag. Only
    its own tags are counted; comments, scripts, styles and other tags with quoted values
    are passed over whole, so that a "</div>" in one of them is no end."""
    tokens = re.compile(
        rf"<!--.*?-->|<(script|style)\b.*?(?:</\1\s*>|\Z)|<(/?){re.escape(name)}\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
        r"|<[a-z][^>\"']*(?:\"[^\"]*\"|'[^']*')(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
        re.DOTALL | re.IGNORECASE,
    )
    depth = 1
    for token in tokens.finditer(html, start):
        if token.group(2) is None:  # passed over
            continue
        depth += -1 if token.group(2) else 1
        if not depth:
            return token.start()
    return None


def marks_body(html: str) -> bool:
    """Whether the page marks what Pagefind indexes. Once one page of a site does, Pagefind
    leaves out every page that does not."""
    return bodies(html, lowered(html)) != []


def kept_around(html: str, lower: str, marked: list[Body]) -> list[str] | None:
    """What the copy of a page keeps around each marked element's content (one more piece
    than there are elements): the bare document's start with the first element's opening
    tag, each closing and next opening tag, the last closing tag and the document's end.
    None where the page must be given whole."""
    cuts = [(0, marked[0].opening), *((a.end, b.opening) for a, b in zip(marked, marked[1:], strict=False))]
    cuts.append((marked[-1].end, len(html)))
    outside, low = [html[a:b] for a, b in cuts], [lower[a:b] for a, b in cuts]
    head_end = low[0].find("</head")
    root = _HTML_TAG.search(outside[0])
    title = _title(outside[0][:head_end]) if head_end >= 0 else None
    if (
        root is None
        or title is None
        or any(piece.count("data-pagefind-") > piece.count(_BODY_WORDS) for piece in low)  # -meta, -filter…
        or any("<h1" in piece and _reads(_HEADING, whole) for piece, whole in zip(low, outside, strict=True))
        or any(
            ("<img" in piece and _reads(_IMAGE, whole)) or _reads(_TEXT_RIGHT_AFTER, whole)
            for piece, whole in zip(low[1:], outside[1:], strict=True)
        )
    ):
        return None
    start = f'<!doctype html>{root.group()}<head><meta charset="utf-8">{title}</head><body>'
    openings = [html[body.opening : body.start] for body in marked]
    closings = [f"</{body.name}>" for body in marked]
    between = [closings[n - 1] + openings[n] for n in range(1, len(marked))]
    return [start + openings[0], *between, closings[-1] + "</body></html>"]


def _reads(pattern: re.Pattern, piece: str) -> bool:
    """Whether Pagefind reads `pattern` in `piece`: outside comments, scripts and styles."""
    if not pattern.search(piece):
        return False
    return pattern.search(_HIDDEN.sub("", piece)) is not None


def _title(head: str) -> str | None:
    """The head's <title> element, as written, unless a comment or script holds it."""
    found = _TITLE.search(head)
    if found is not None and _hidden_at(lowered(head), found.start()):
        found = _TITLE.search(_HIDDEN.sub("", head))
    return found.group() if found is not None else None
