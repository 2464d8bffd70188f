"""The stamp a translation carries: which text it was translated from, and that text's state.

`translated_from: kk:1a2b3c4d5e6f` in a translation's front matter says it was
made from the Kazakh file when that file's normalised text hashed to 1a2b3c4d5e6f.
Nothing is kept outside the sources: when the source's hash no longer matches,
the source changed after the translation was made.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

KEY = "translated_from"
HASH_LENGTH = 12
VALUE_PATTERN = re.compile(rf"^(?P<language>[A-Za-z][A-Za-z0-9_-]*):(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})$")
_KEY_LINE = re.compile(rf"^{KEY}[ \t]*:")
_FENCE_LINE = re.compile(r"^---[ \t]*\r?\n?$")


@dataclass(frozen=True)
class Stamp:
    language: str
    hash: str

    def __str__(self) -> str:
        return f"{self.language}:{self.hash}"


def parse(value: object) -> Stamp | None:
    """The stamp in a front-matter value; None when it is not `<language>:<12 hex digits>`."""
    match = VALUE_PATTERN.match(value) if isinstance(value, str) else None
    return Stamp(match["language"], match["hash"]) if match else None


def normalised(text: str) -> str:
    """The text as far as its meaning goes: no CR, no trailing blanks, no stamp of its own.

    A changed editor setting (line endings, trailing spaces) must not mark every
    translation outdated, nor may a stamp written into the source itself.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = [line.rstrip() for line in lines if not _KEY_LINE.match(line)]
    return "\n".join(kept).strip("\n")


def source_hash(text: str) -> str:
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _lines(text: str) -> list[str]:
    # Split on LF only, each line keeping its own ending: joined again they are the same bytes.
    return re.split(r"(?<=\n)", text) if text else []


def with_stamp(text: str, stamp: Stamp) -> str:
    """`text` with its `translated_from` set to `stamp`, every other byte as it was.

    An existing stamp line is rewritten where it is; otherwise the key becomes the
    last line of the front matter (a front matter is added if the file has none).
    """
    lines = _lines(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    entry = f"{KEY}: {stamp}"
    if not lines or not _FENCE_LINE.match(lines[0]):
        return f"---{newline}{entry}{newline}---{newline}" + text
    closing = next((n for n in range(1, len(lines)) if _FENCE_LINE.match(lines[n])), None)
    if closing is None:
        raise ValueError("the front matter is not closed by a '---' line")
    stamped = False
    for number in range(1, closing):
        if _KEY_LINE.match(lines[number]):
            ending = lines[number][len(lines[number].rstrip("\r\n")):]
            lines[number] = entry + ending
            stamped = True
    if not stamped:
        lines.insert(closing, entry + newline)
    return "".join(lines)
