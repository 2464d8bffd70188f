"""The kinds of value a front-matter key may hold, each saying in an editor's words
what to write when a value is wrong: "participants must be a whole number such as
30, not '45 адам'". No message names a Python type or says `None`. The words are
the catalogs' (kazdual.content.messages): a kind names its message and its values.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from kazdual.content.characters import character_class
from kazdual.content.messages import ENGLISH, Message, say

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


@dataclass(frozen=True)
class CharacterName:
    """An invisible character in a message: `character_name()` in English, its Unicode name elsewhere."""

    char: str

    def text(self, language: str) -> str:
        if language == ENGLISH:
            return character_name(self.char)
        return unicodedata.name(self.char, "") or f"U+{ord(self.char):04X}"


class ValueProblem(Exception):
    """What is wrong with a value: a message (messages.say) that ends a sentence starting
    with the key ("participants" + "must be a whole number such as 30, not '45 адам'")."""

    def __init__(self, message: str, /, **values: object) -> None:
        self.said = say(message, **values)
        super().__init__(self.said.text())


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


def said_value(value: object) -> Message:
    """shown(value), for a message in any language: the words for 'nothing' and 'a list' are the catalogs'."""
    if value is None:
        return say("shown.nothing")
    if isinstance(value, list):
        return say("shown.list")
    if isinstance(value, dict):
        return say("shown.keys")
    text = printable(("true" if value else "false") if isinstance(value, bool) else str(value))
    return say("shown.text", text=f"{text[:57]}…" if len(text) > 60 else text)


@dataclass(frozen=True)
class Text:
    """Words in the file's language, on one line unless `multiline`."""

    multiline: bool = False
    example: str = "example.title"  # a message: an example in the editor's language

    def parse(self, value: object) -> str:
        if isinstance(value, (int, float, datetime.date)) and not isinstance(value, bool):
            value = str(value)  # a title such as 2023 is still a title
        example = say(self.example)
        if not isinstance(value, str):
            raise ValueProblem("value.text", example=example, value=said_value(value))
        if not visible(value):
            raise ValueProblem("value.text-empty", example=example)
        if _has_invisible(value) or (not self.multiline and "\n" in value.strip()):
            raise ValueProblem("value.text-hidden")
        if not self.multiline and len(value) > MAX_LINE:
            raise ValueProblem("value.text-long", length=len(value), most=MAX_LINE)
        return unicodedata.normalize("NFC", value.strip())


@dataclass(frozen=True)
class Date:
    def parse(self, value: object) -> datetime.date:
        if isinstance(value, str) and _DATE.match(value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueProblem("value.date-unreal", value=said_value(value)) from None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        raise ValueProblem("value.date", value=said_value(value))


@dataclass(frozen=True)
class YesNo:
    def parse(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            raise ValueProblem("value.yes-no-quoted", value=said_value(value))
        raise ValueProblem("value.yes-no", value=said_value(value))


@dataclass(frozen=True)
class Count:
    example: int = 30

    def parse(self, value: object) -> int:
        if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
            raise ValueProblem("value.count-quoted", example=self.example, value=said_value(value))
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueProblem("value.count", example=self.example, value=said_value(value))
        if not 1 <= value <= MAX_COUNT:
            raise ValueProblem("value.count-range", most=MAX_COUNT, example=self.example, number=value)
        return value


@dataclass(frozen=True)
class Choice:
    """One of a list of words (the activity kinds of the schema)."""

    choices: tuple[str, ...]

    def parse(self, value: object) -> str:
        allowed = self.choices
        if isinstance(value, str) and value.strip() in allowed:
            return value.strip()
        raise ValueProblem("value.choice", choices=", ".join(allowed), value=said_value(value))


@dataclass(frozen=True)
class Choices:
    """Some words of a fixed list, each once, one per line after '- ' (audiences: students,
    employers). Kept in the list's order: two translations naming the same words agree."""

    choices: tuple[str, ...]
    example: str = "students"

    def parse(self, value: object) -> list[str]:
        allowed = self.choices
        if not isinstance(value, list):
            raise ValueProblem("value.choices-list", example=self.example, value=said_value(value))
        if not value:
            raise ValueProblem("value.list-empty")
        words: list[str] = []
        for entry in value:
            word = entry.strip() if isinstance(entry, str) else entry
            if word not in allowed:
                raise ValueProblem("value.choices-only", choices=", ".join(allowed), value=said_value(entry))
            if word in words:
                raise ValueProblem("value.choices-twice", value=said_value(word))
            words.append(word)
        return sorted(words, key=allowed.index)


@dataclass(frozen=True)
class Key:
    """A short name that stands for something listed elsewhere: a partner of the consortium
    (data/consortium.yml), a news item's folder. Whether it is listed is judged where the
    list is known."""

    what: str = "what.partner"  # a message: what the name is, in the editor's language
    example: str = "kaznpu"
    pattern: str = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"

    def parse(self, value: object) -> str:
        if isinstance(value, str) and re.match(self.pattern, value.strip()):
            return value.strip()
        raise ValueProblem("value.key-name", what=say(self.what), example=self.example, value=said_value(value))


@dataclass(frozen=True)
class InLanguages:
    """One text per language of the site, each on its own line: `kk: …`, `ru: …`, `en: …`."""

    languages: tuple[str, ...]
    text: Text = Text()

    def parse(self, value: object) -> dict[str, str]:
        lines = ", ".join(f"{code}: …" for code in self.languages)
        if not isinstance(value, dict):
            raise ValueProblem("value.languages", lines=lines, value=said_value(value))
        unknown = [str(code) for code in value if code not in self.languages]
        if unknown:
            raise ValueProblem("value.language-unknown", code=unknown[0], lines=lines)
        missing = [code for code in self.languages if value.get(code) is None]
        if missing:
            raise ValueProblem("value.language-missing", code=missing[0])
        texts = {}
        for code in self.languages:
            try:
                texts[code] = self.text.parse(value[code])
            except ValueProblem as problem:
                raise ValueProblem("value.in-language", code=code, problem=problem.said) from None
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
            raise ValueProblem("value.address", example=self.example, value=said_value(value))
        return text


@dataclass(frozen=True)
class FileName:
    """The name of a file beside the text, e.g. group-photo.jpg."""

    suffixes: tuple[str, ...]
    example: str = "group-photo.jpg"

    def parse(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueProblem("value.file", example=self.example, value=said_value(value))
        name = value.strip()
        if "/" in name or "\\" in name or name.startswith(".") or _has_invisible(name):
            raise ValueProblem("value.file-elsewhere", example=self.example, value=said_value(value))
        if not name.lower().endswith(self.suffixes):
            raise ValueProblem("value.file-photo", suffixes=", ".join(self.suffixes), value=said_value(value))
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
            raise ValueProblem("value.list", example=self.example)
        if not value:
            raise ValueProblem("value.list-empty")
        return value  # the entries are judged field by field by the schema
