"""The kinds of value a front-matter key may hold, each saying in an editor's words
what to write when a value is wrong: "participants must be a whole number such as
30, not '45 адам'". No message names a Python type or says `None`.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from kazdual.content.characters import character_class

MAX_LINE = 300  # a title or summary longer than this is a paragraph: it belongs in the text
MAX_COUNT = 1_000_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Formatting characters a reader never sees, which can make text look other than it
# is: zero-width space, word joiners, the byte-order mark, and the marks and overrides
# that reorder text right-to-left. (Zero-width joiners stay: emoji are made with them.)
_HIDDEN_FORMAT = frozenset(
    [
        0x200B,
        0x200E,
        0x200F,
        0x061C,
        0xFEFF,
        0x180E,
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
    ]
)


# Control characters, line separators, Unicode noncharacters and hidden formatting:
# invisible to readers, and XML (the feeds, the sitemap) cannot carry most of them.
INVISIBLE = (
    *(code for code in range(0x20) if chr(code) not in "\t\n"),
    *range(0x7F, 0xA0),
    0x2028,
    0x2029,
    *range(0xFDD0, 0xFDF0),
    *(plane + last for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)),
    *_HIDDEN_FORMAT,
)
_INVISIBLE = character_class(INVISIBLE)
_INVISIBLE_OR_BREAK = re.compile(f"{_INVISIBLE.pattern}|\n")


def _invisible(char: str) -> bool:
    return _INVISIBLE.match(char) is not None


# Letters and symbols that are drawn as blank space (Hangul fillers, the blank Braille cell).
_BLANK_LOOKING = frozenset([0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800])


def visible(text: str) -> bool:
    """Does `text` hold something a reader sees: a letter, digit, punctuation mark or symbol?"""
    return any(unicodedata.category(char)[0] in "LNPS" and ord(char) not in _BLANK_LOOKING for char in text)


def _has_invisible(text: str) -> bool:
    return _INVISIBLE.search(text) is not None


def invisible_characters(text: str) -> list[str]:
    """The invisible characters in `text` (a carriage return of a Windows line ending aside), in order."""
    return [char for char in _INVISIBLE.findall(text) if char != "\r"]


def without_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


_CHARACTER_NAMES = {0x200B: "a zero-width space", 0xFEFF: "a zero-width no-break space (a byte-order mark)"}


def character_name(char: str) -> str:
    """`char` in words: 'a right-to-left override', 'a control character'."""
    named = _CHARACTER_NAMES.get(ord(char)) or unicodedata.name(char, "") or ""
    return named if named.startswith("a ") else f"a {named.lower()}" if named else "a control character"


def _escaped(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """`text` on one line, each invisible character or line break written as its escape (\\n, \\u202e)."""
    return _INVISIBLE_OR_BREAK.sub(_escaped, text) if _INVISIBLE_OR_BREAK.search(text) else text


def safe_line(text: str) -> str:
    """`text` as one line that can be printed anywhere: printable(), and never starting with `::`,
    which GitHub Actions reads in a job's output as a workflow command (::error::, ::add-mask::)."""
    line = printable(text)
    start = len(line) - len(line.lstrip())
    return line[:start] + "\\x3a" + line[start + 1 :] if line[start:].startswith("::") else line


class ValueProblem(Exception):
    """What is wrong with a value, as the end of a sentence that starts with the key."""


def shown(value: object) -> str:
    """A value as an editor wrote it, short enough for a message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "nothing"
    elif isinstance(value, (list, dict)):
        text = "a list" if isinstance(value, list) else "several lines of keys"
    else:
        text = str(value)
    text = printable(text)
    return f"'{text[:57]}…'" if len(text) > 60 else f"'{text}'"


@dataclass(frozen=True)
class Text:
    """Words in the file's language, on one line unless `multiline`."""

    multiline: bool = False
    example: str = "Study visit to Tyrol"
    describe: str = "a line of text"

    def parse(self, value: object) -> str:
        if isinstance(value, (int, float, datetime.date)) and not isinstance(value, bool):
            value = str(value)  # a title such as 2023 is still a title
        if not isinstance(value, str):
            raise ValueProblem(f'must be {self.describe} such as "{self.example}", not {shown(value)}')
        if not visible(value):
            raise ValueProblem(f'is empty: write {self.describe} such as "{self.example}"')
        if _has_invisible(value) or (not self.multiline and "\n" in value.strip()):
            raise ValueProblem("holds a line break or an invisible control character: write it on one line")
        if not self.multiline and len(value) > MAX_LINE:
            raise ValueProblem(
                f"is {len(value)} characters long; keep it under {MAX_LINE} and put the rest in the text"
            )
        return unicodedata.normalize("NFC", value.strip())


@dataclass(frozen=True)
class Date:
    def parse(self, value: object) -> datetime.date:
        if isinstance(value, str) and _DATE.match(value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueProblem(
                    f"{shown(value)} is not a real date: write it as YYYY-MM-DD, e.g. 2023-11-13"
                ) from None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        raise ValueProblem(f"must be a date written as YYYY-MM-DD, such as 2023-11-13, not {shown(value)}")


@dataclass(frozen=True)
class YesNo:
    def parse(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            raise ValueProblem(f"must be true or false, not the text {shown(value)} in quotes: remove the quotes")
        raise ValueProblem(f"must be true or false, not {shown(value)}")


@dataclass(frozen=True)
class Count:
    example: int = 30

    def parse(self, value: object) -> int:
        if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
            quoted = f"the text {shown(value)} in quotes"
            raise ValueProblem(f"must be a whole number such as {self.example}, not {quoted}: remove the quotes")
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueProblem(f"must be a whole number such as {self.example}, not {shown(value)}")
        if not 1 <= value <= MAX_COUNT:
            raise ValueProblem(f"must be a whole number from 1 to {MAX_COUNT}, such as {self.example}, not {value}")
        return value


@dataclass(frozen=True)
class Choice:
    """One of a list of words (the activity kinds of the schema)."""

    choices: tuple[str, ...]

    def parse(self, value: object) -> str:
        allowed = self.choices
        if isinstance(value, str) and value.strip() in allowed:
            return value.strip()
        raise ValueProblem(f"must be one of {', '.join(allowed)}, not {shown(value)}")


@dataclass(frozen=True)
class Choices:
    """Some words of a fixed list, each once, one per line after '- ' (audiences: students,
    employers). Kept in the list's order: two translations naming the same words agree."""

    choices: tuple[str, ...]
    example: str = "students"

    def parse(self, value: object) -> list[str]:
        allowed = self.choices
        if not isinstance(value, list):
            raise ValueProblem(
                f"must be a list, one word per line starting with '- ', such as '- {self.example}', not {shown(value)}"
            )
        if not value:
            raise ValueProblem("is an empty list: remove the key, or add entries")
        words: list[str] = []
        for entry in value:
            word = entry.strip() if isinstance(entry, str) else entry
            if word not in allowed:
                raise ValueProblem(f"may list only {', '.join(allowed)}, not {shown(entry)}")
            if word in words:
                raise ValueProblem(f"names {shown(word)} twice: keep it once")
            words.append(word)
        return sorted(words, key=allowed.index)


@dataclass(frozen=True)
class Key:
    """A short name that stands for something listed elsewhere: a partner of the consortium
    (data/consortium.yml), a news item's folder. Whether it is listed is judged where the
    list is known."""

    what: str = "a partner's short name from data/consortium.yml"
    example: str = "kaznpu"
    pattern: str = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"

    def parse(self, value: object) -> str:
        if isinstance(value, str) and re.match(self.pattern, value.strip()):
            return value.strip()
        raise ValueProblem(f"must be {self.what}, such as {self.example}, not {shown(value)}")


@dataclass(frozen=True)
class InLanguages:
    """One text per language of the site, each on its own line: `kk: …`, `ru: …`, `en: …`."""

    languages: tuple[str, ...]
    text: Text = Text()

    def parse(self, value: object) -> dict[str, str]:
        lines = ", ".join(f"{code}: …" for code in self.languages)
        if not isinstance(value, dict):
            raise ValueProblem(
                f"must give one text per language, each on its own indented line ({lines}), not {shown(value)}"
            )
        unknown = [str(code) for code in value if code not in self.languages]
        if unknown:
            raise ValueProblem(f"'{unknown[0]}' is not a language of the site: write {lines}")
        missing = [code for code in self.languages if value.get(code) is None]
        if missing:
            raise ValueProblem(f"has no text in {missing[0]}: add the line '{missing[0]}: …'")
        texts = {}
        for code in self.languages:
            try:
                texts[code] = self.text.parse(value[code])
            except ValueProblem as problem:
                raise ValueProblem(f"in {code} {problem}") from None
        return texts


@dataclass(frozen=True)
class Address:
    """The https address of a page elsewhere, such as a document's place on a partner's site."""

    example: str = "https://example.org/strategy.pdf"

    def parse(self, value: object) -> str:
        text = value.strip() if isinstance(value, str) else ""
        try:
            parts = urlsplit(text) if text and not _has_invisible(text) and " " not in text else None
            host = parts.hostname if parts else None
        except ValueError:  # a bracket that opens an address and never closes
            parts = host = None
        if parts is None or parts.scheme not in ("http", "https") or not host:
            raise ValueProblem(
                f"must be a web address starting with https://, such as {self.example}, not {shown(value)}"
            )
        return text


@dataclass(frozen=True)
class FileName:
    """The name of a file beside the text, e.g. group-photo.jpg."""

    suffixes: tuple[str, ...]
    example: str = "group-photo.jpg"

    def parse(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueProblem(f"must be the name of a file in this folder, such as {self.example}, not {shown(value)}")
        name = value.strip()
        if "/" in name or "\\" in name or name.startswith(".") or _has_invisible(name):
            raise ValueProblem(
                f"must be the name of a file in this very folder, such as {self.example}: no folders, no '..', not "
                f"{shown(value)}"
            )
        if not name.lower().endswith(self.suffixes):
            raise ValueProblem(f"must be a photo ({', '.join(self.suffixes)}), not {shown(value)}")
        return name


@dataclass(frozen=True)
class Stamp:
    """Written by `check_translations.py --stamp`: which source a translation was made from."""

    def parse(self, value: object) -> object:
        return value  # judged by the stamp rule, which can say more than a type could


@dataclass(frozen=True)
class ListOf:
    """A list of small records (photos of a gallery, facts on the home page)."""

    fields: tuple  # of schema.Field
    example: str = "- file: photo.jpg"

    def parse(self, value: object) -> list:
        if not isinstance(value, list):
            raise ValueProblem(f"must be a list, one entry per line starting with '- ', such as: {self.example}")
        if not value:
            raise ValueProblem("is an empty list: remove the key, or add entries")
        return value  # the entries are judged field by field by the schema
