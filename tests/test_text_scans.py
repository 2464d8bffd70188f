"""The content model's character scans, made fast on precomputed classes, say exactly what
their definitions by Unicode name and code point say, for every character there is."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from kazdual.content import fields, mixed_script

EVERY_CHARACTER = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]


def _script_by_name(char: str) -> str | None:
    name = unicodedata.name(char, "")
    return "Latin" if name.startswith("LATIN") else "Cyrillic" if name.startswith("CYRILLIC") else None


@pytest.fixture(scope="module")
def letters_by_script() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"Latin": [], "Cyrillic": []}
    for char in EVERY_CHARACTER:
        if unicodedata.normalize("NFC", char) == char and mixed_script._WORD.fullmatch(char):
            script = _script_by_name(char)
            if script:
                found[script].append(char)
    return found


def test_letters_outside_the_basic_plane_are_among_them(letters_by_script):
    """Latin Extended-G (U+1DF00), looked up one by one rather than from the precomputed classes."""
    assert any(ord(c) > 0xFFFF for c in letters_by_script["Latin"])


def test_every_latin_letter_in_a_cyrillic_word_is_found(letters_by_script):
    for letter in letters_by_script["Latin"]:
        word = f"жо{letter}ба"
        assert mixed_script.mixed_words(f"Бұл {word} сөзі.", 3) == [mixed_script.MixedWord(3, word, "Latin", letter)]


def test_every_cyrillic_letter_in_a_latin_word_is_found(letters_by_script):
    for letter in letters_by_script["Cyrillic"]:
        word = f"pro{letter}ject"
        found = mixed_script.mixed_words(f"The {word} word.", 1)
        assert found == [mixed_script.MixedWord(1, word, "Cyrillic", letter)], hex(ord(letter))


def test_no_other_character_makes_a_word_mixed(letters_by_script):
    either = set(letters_by_script["Latin"]) | set(letters_by_script["Cyrillic"])
    others = "".join(
        c
        for c in EVERY_CHARACTER
        if c not in either and mixed_script._WORD.fullmatch(c) and unicodedata.normalize("NFC", c) == c
    )
    for start in range(0, len(others), 500):
        chunk = others[start : start + 500]
        assert mixed_script.mixed_words(f"жоба{chunk} project{chunk}", 1) == []


def test_a_sign_that_composes_to_a_letter_counts_as_that_letter():
    assert mixed_script.mixed_words("\u212aазақстан", 1) == [mixed_script.MixedWord(1, "Kазақстан", "Latin", "K")]


def test_a_word_with_both_scripts_names_the_fewer_letters():
    assert mixed_script.mixed_words("Қазaқстан", 5) == [mixed_script.MixedWord(5, "Қазaқстан", "Latin", "a")]
    assert mixed_script.mixed_words("Kazахstan", 5) == [mixed_script.MixedWord(5, "Kazахstan", "Cyrillic", "ах")]


def _invisible_by_definition(char: str) -> bool:
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n")
        or 0x7F <= code <= 0x9F
        or code in (0x2028, 0x2029)
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
        or code in fields._HIDDEN_FORMAT
    )


def test_invisible_characters_are_exactly_the_defined_ones():
    invisible = [c for c in EVERY_CHARACTER if _invisible_by_definition(c)]
    assert [c for c in EVERY_CHARACTER if fields._invisible(c)] == invisible
    assert all(fields._has_invisible(f"Title {c} here") for c in invisible)
    visible = "".join(c for c in EVERY_CHARACTER if not _invisible_by_definition(c))
    assert not fields._has_invisible(visible)
    assert fields.printable("a\u202eb\nc") == "a\\u202eb\\nc"
    text = "".join(EVERY_CHARACTER)
    assert fields.without_invisible(text) == visible
    assert fields.invisible_characters(text) == [c for c in invisible if c != "\r"]
    hidden = set(invisible) | {"\n"}
    escaped = [c.encode("unicode_escape").decode("ascii") if c in hidden else c for c in text]
    assert fields.printable(text) == "".join(escaped)


def test_a_hidden_character_inside_a_word_hides_no_letter():
    for hidden in ("\u200b", "\u200d", "\u00ad", "\U000e0041"):  # zero-width space and joiner, soft hyphen, a tag
        found = mixed_script.mixed_words(f"Қаз{hidden}aқстан", 2)
        assert [(w.odd_script, w.odd_letters) for w in found] == [("Latin", "a")], repr(hidden)
