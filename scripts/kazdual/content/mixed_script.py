"""Words that mix Latin and Cyrillic letters, such as "Казaқстан" with a Latin "a".

Latin a, e, o, p, c, x (and Kazakh і, һ) look like their Cyrillic twins, so a
keyboard switched at the wrong moment leaves words that read fine but that no
search finds and no screen reader pronounces right.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from kazdual.content.characters import character_class
from kazdual.content.fields import INVISIBLE
from kazdual.content.source import Document, prose_lines

# The script each language is written in: the one table that says which texts to
# check. Kazakh is written in Cyrillic on this site (the Latin alphabet of 2021 is
# not in use yet); a language missing here is not checked.
CYRILLIC_LANGUAGES = frozenset({"ba", "be", "bg", "kk", "ky", "mk", "mn", "ru", "sr", "tg", "tt", "uk"})

_NOT_PROSE = re.compile(
    r"(`+)(?:.+?)\1"  # code span
    r"|<[^<>\s][^<>]*>"  # HTML tag or <autolink>
    r"|\]\([^)]*\)"  # link target: ](path "title")
    r"|^\s*\[[^\]]+\]:\s*\S+"  # reference link definition
    r"|\b(?:https?|ftp|mailto):\S+|\bwww\.\S+"  # bare URL
)
_WORD = re.compile(r"[^\W\d_]+")
# A front-matter line: the key is YAML, only its value is text.
_KEY = re.compile(r"^\s*(?:-\s+)?[\w\"'-]+\s*:(?=\s|$)")


@dataclass(frozen=True)
class MixedWord:
    line: int
    word: str
    odd_script: str  # the script of the fewer letters: the ones to retype
    odd_letters: str


def written_in_cyrillic(language: str) -> bool:
    return language.split("-")[0].split("_")[0].lower() in CYRILLIC_LANGUAGES


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC"):
        if name.startswith(script):
            return script.title()
    return None


# Outside the Basic Multilingual Plane: the few letters there are looked up one by one.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _script_classes() -> tuple[re.Pattern, re.Pattern]:
    """Latin and Cyrillic characters of the Basic Multilingual Plane, by their Unicode names:
    made once, so that a text is searched at C speed instead of naming each of its characters."""
    by_script: dict[str, list[int]] = {"Latin": [], "Cyrillic": []}
    for code in range(0x10000):
        script = _script(chr(code))
        if script:
            by_script[script].append(code)
    return character_class(by_script["Latin"]), character_class(by_script["Cyrillic"])


@functools.cache
def _hidden_characters() -> re.Pattern:
    """The invisible characters (fields.INVISIBLE) and the formatting ones (Unicode category Cf)
    of the Basic Multilingual Plane, in one class: one pass over a text takes them all out."""
    formatting = (code for code in range(0x10000) if unicodedata.category(chr(code)) == "Cf")
    return character_class([*INVISIBLE, *formatting])


def _without_hidden(text: str) -> str:
    text = _hidden_characters().sub("", text)
    if _ASTRAL.search(text):
        text = "".join(c for c in text if ord(c) < 0x10000 or unicodedata.category(c) != "Cf")
    return text


def _may_mix(text: str) -> bool:
    latin, cyrillic = _script_classes()
    return bool(_ASTRAL.search(text) or (latin.search(text) and cyrillic.search(text)))


def mixed_words(text: str, line: int) -> list[MixedWord]:
    """Words in `text` (at line `line`) with both Latin and Cyrillic letters."""
    found: list[MixedWord] = []
    # Composed form: "й" typed as "и" + breve is still one letter of one word; an invisible
    # character between two letters (a zero-width space or joiner, a soft hyphen) hides neither.
    prose = unicodedata.normalize("NFC", _without_hidden(_NOT_PROSE.sub(" ", text)))
    if not _may_mix(prose):
        return found
    for word in _WORD.findall(prose):
        if not _may_mix(word):
            continue
        by_script: dict[str, list[str]] = {"Latin": [], "Cyrillic": []}
        for char in word:
            script = _script(char)
            if script:
                by_script[script].append(char)
        latin, cyrillic = by_script["Latin"], by_script["Cyrillic"]
        if latin and cyrillic:
            odd = "Cyrillic" if len(cyrillic) < len(latin) else "Latin"
            letters = "".join(dict.fromkeys(by_script[odd]))
            found.append(MixedWord(line, word, odd, letters))
    return found


def in_front_matter(lines: list[str], first_line: int) -> list[MixedWord]:
    """Mixed words in front-matter values (keys and comments are not text)."""
    found = []
    for number, text in enumerate(lines, start=first_line):
        if text.lstrip().startswith("#"):
            continue
        found.extend(mixed_words(_KEY.sub(" ", text, count=1), number))
    return found


def in_body(lines: list[str], first_line: int) -> list[MixedWord]:
    """Mixed words in Markdown prose, outside fenced code blocks."""
    return [word for number, text in prose_lines("\n".join(lines), first_line) for word in mixed_words(text, number)]


def in_document(document: Document) -> list[MixedWord]:
    """Mixed words in a Markdown file's front-matter values and prose."""
    lines = document.text.split("\n")  # the lines as the front-matter reader counts them
    front = lines[1 : document.body_line - 2] if document.body_line > 1 else []
    body = lines[document.body_line - 1 :]
    return in_front_matter(front, 2) + in_body(body, document.body_line)
