"""Kazakh search keys: the stems a word may have, and the one the site files it under.

The rules are data, in kazakh.yml. This module reads them and, at build time, gives
every word of the Kazakh pages its keys (`site_keys`); the search page's kazakh.js
applies the same rules, compiled by `browser_rules`, to the reader's words, and
looks for each stem they may have that the index holds. tests/test_search_keys.py
holds both sides to the same stems.

Every stem is written as a key: in Russian-keyboard letters, spelled as the Latin
alphabet has it (key_spelling). A word is read twice: with the exact Kazakh rules, and,
spelled as on a Russian keyboard, with the folded rules (every letter taken for what
it may stand for). A query is read the first way when it has a Kazakh letter, the
second way otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).with_name("kazakh.yml")
SHORTEST_STEM = 2
READ_TEXTS = 100_000
# A word: letters and digits, as Python's \w has them without "_" (JavaScript's [\p{L}\p{N}]).
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


# The sound classes that stand for a possessive ending: the one that must come off next.
_POSSESSIVE_CLASSES = ("poss3", "my", "your")


@dataclass(frozen=True)
class Ending:
    form: str
    after: frozenset[str]  # the letters a stem may end in before this form
    harmony: str  # "b" (back), "f" (front) or "" (either)
    shortest: int
    rare: bool
    then: frozenset[str]  # if any: the possessive ending to come off next ends in one of these


@dataclass(frozen=True)
class Layer:
    name: str
    alone: bool  # what is left loses nothing more (a verb stem)
    verb: bool  # what is left is a verb stem, which in -ы/-і is also read without it (оқы-: оқу)
    endings: tuple[Ending, ...]
    by_last: dict[str, tuple[Ending, ...]] = field(default_factory=dict, compare=False)  # the same, by last letter

    def __post_init__(self) -> None:
        for letter in {ending.form[-1] for ending in self.endings}:
            self.by_last[letter] = tuple(ending for ending in self.endings if ending.form[-1] == letter)


@dataclass(frozen=True)
class Stem:
    text: str
    rare: int  # how many rare endings came off to reach it


@dataclass(frozen=True)
class Reading:
    """The rules as they read one spelling: exact Kazakh, or Russian-keyboard letters."""

    layers: tuple[Layer, ...]
    possessive: int  # the possessive layer's place among them
    back: frozenset[str]
    front: frozenset[str]
    vowels: frozenset[str]
    glides: frozenset[str]
    poss3: frozenset[str]  # ы and і
    voicing: dict[str, str]
    irregular: dict[str, str]  # a stem as it stands before an ending, or a pronoun's form → its dictionary form
    whole: frozenset[str]

    def dictionary_form(self, stem: str) -> str:
        if stem and stem[-1] in self.voicing:
            stem = stem[:-1] + self.voicing[stem[-1]]
        return self.irregular.get(stem, stem)

    def harmony(self, stem: str) -> str:
        if stem.endswith("ь"):
            return "f"
        if stem.endswith("л"):  # a borrowed noun in -ль, written without its ь (Тиролі, Latin tiroldіñ): either
            return ""
        for at in range(len(stem) - 1, -1, -1):
            letter = stem[at]
            if letter in self.glides:
                if at and stem[at - 1] in self.vowels and stem[at - 1] not in self.glides:
                    continue  # the glide of тау: the vowel before it decides
                return ""
            if letter in self.back or letter in self.front:
                return "" if letter in self.back and letter in self.front else "b" if letter in self.back else "f"
        return ""

    def allows(self, ending: Ending, stem: str) -> bool:
        if len(stem) < ending.shortest or not any(letter in self.vowels for letter in stem):
            return False
        last = stem[-2] if stem[-1] in "ьъ" and len(stem) > 1 else stem[-1]
        if last not in ending.after:
            return False
        harmony = self.harmony(stem)
        return not ending.harmony or not harmony or ending.harmony == harmony

    def stems(self, word: str) -> list[Stem]:
        """Every stem the rules allow `word`, itself first, each with the fewest rare endings it takes."""
        found: dict[str, int] = {}
        possessive = self.possessive

        def strip(stem: str, start: int, rare: int, then: frozenset[str]) -> None:
            stem = self.dictionary_form(stem)
            if then:  # a case ending that follows a possessive one: that one comes off, or this reading fails
                for ending in self.layers[possessive].by_last.get(stem[-1:], ()):
                    rest = stem[: -len(ending.form)]
                    if ending.form[-1] in then and stem.endswith(ending.form) and self.allows(ending, rest):
                        strip(rest, possessive + 1, rare + ending.rare, ending.then)
                return
            found[stem] = min(rare, found.get(stem, rare))
            if stem in self.whole:
                return
            for inner in range(start, len(self.layers)):
                layer = self.layers[inner]
                for ending in layer.by_last.get(stem[-1:], ()):
                    rest = stem[: -len(ending.form)]
                    if stem.endswith(ending.form) and self.allows(ending, rest):
                        after = len(self.layers) if layer.alone else inner + 1
                        strip(rest, after, rare + ending.rare, ending.then)
                        if layer.verb and rest[-1] in self.poss3 and rest[-2] not in self.vowels and len(rest) > 2:
                            strip(rest[:-1], after, rare + ending.rare, frozenset())

        strip(word, 0, 0, frozenset())
        return [Stem(text, rare) for text, rare in found.items()]


@dataclass(frozen=True)
class Rules:
    exact: Reading
    folded: Reading
    fold_map: dict[str, str]
    kazakh_letters: frozenset[str]
    look_alikes: dict[str, str]
    conjunctions: frozenset[str]
    endings_only: re.Pattern[str]  # a text made of ending forms alone
    fold_table: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    key_table: dict[int, str] = field(default_factory=dict, compare=False, repr=False)  # folding, then key_spelling
    # Texts already read, and their words: a site repeats its menus and footers on every page.
    read: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def fold(self, text: str) -> str:
        return text.translate(self.fold_table)

    def typed_in_kazakh(self, word: str) -> bool:
        return any(letter in self.kazakh_letters for letter in word)

    def query_stems(self, word: str) -> list[Stem]:
        """The keys of the stems a query word may have: read exactly when typed with a Kazakh letter."""
        if self.typed_in_kazakh(word):
            return self._keys(self.exact.stems(word))
        return self.keyboard_stems(word)

    def keyboard_stems(self, word: str) -> list[Stem]:
        """The keys of the stems `word` may have, read as typed on a Russian keyboard."""
        return self._keys(self.folded.stems(self.fold(word)))

    def _keys(self, stems: list[Stem]) -> list[Stem]:
        keys: dict[str, int] = {}
        for stem in stems:
            key = stem.text.translate(self.key_table)
            keys[key] = min(stem.rare, keys.get(key, stem.rare))
        return [Stem(text, rare) for text, rare in keys.items()]

    def is_ending(self, part: str) -> bool:
        """Whether `part` is endings only, as "дың" in KAZDUAL-дың: it belongs to the word before it."""
        return bool(self.endings_only.fullmatch(part))

    def words(self, text: str) -> list[str]:
        """The words of `text` as search sees them: lowercase, Latin look-alikes in Cyrillic
        words made Cyrillic, endings written after a hyphen left out (KAZDUAL-дың)."""
        known = self.read.get(text)
        if known is None:
            if len(self.read) > READ_TEXTS:
                self.read.clear()
            known = self.read[text] = self._words(text)
        return list(known)

    def _words(self, text: str) -> tuple[str, ...]:
        found = []
        for chunk in unicodedata.normalize("NFC", text).split():
            for position, match in enumerate(_WORD.finditer(chunk)):
                word = match.group()
                if _CYRILLIC.search(word):
                    word = "".join(self.look_alikes.get(letter, letter) for letter in word)
                word = word.lower()
                if not (position and self.is_ending(word)):
                    found.append(word)
        return tuple(found)


# When the site's words cannot tell a word's stems apart, those that look least like a
# Kazakh stem go first, in this order: reached through a rare ending (ада+м for адам),
# a consonant and a vowel alone (са+ны for сан+ы), a doubled last consonant (автоматт+ы
# for автомат+ты). Of those left the shortest is taken, and one a letter longer that a
# query could not reach from it: spelling cannot tell бары+сы from барыс+ы, and a query
# for барыс must find the page.
_UNLIKELY_STEM = (
    lambda stem: bool(stem.rare),
    lambda stem: len(stem.text) == 2 and stem.text[1] in _VOWELS and stem.text[0] not in _VOWELS,
    lambda stem: len(stem.text) > 2 and stem.text[-1] == stem.text[-2] and stem.text[-1] not in _VOWELS,
)
_VOWELS = "аеоуыиэюяё"  # the vowels of Russian-keyboard letters, in which every stem is written


def site_keys(words: Iterable[str]) -> dict[str, list[str]]:
    """Each word's keys in the index: of the stems it may have, the one most of the site's
    words share (on a tie, see _UNLIKELY_STEM). A word read differently on a Russian keyboard
    also gets that reading's choice, so that a query typed either way finds it."""
    table = rules()
    vocabulary = sorted(set(words))
    readings = {
        word: (table.query_stems(word), table.keyboard_stems(word) if table.typed_in_kazakh(word) else [])
        for word in vocabulary
    }
    support = Counter(text for exact, folded in readings.values() for text in {stem.text for stem in exact + folded})

    def best(stems: list[Stem]) -> list[str]:
        top = max(support[stem.text] for stem in stems)
        tied = [stem for stem in stems if support[stem.text] == top]
        for unlikely in _UNLIKELY_STEM:
            tied = [stem for stem in tied if not unlikely(stem)] or tied
        shortest = min(tied, key=lambda stem: len(stem.text)).text
        longer = [
            stem.text
            for stem in tied
            if len(stem.text) == len(shortest) + 1
            and shortest not in {other.text for other in table.keyboard_stems(stem.text)}
        ]
        return [shortest, *longer]

    keys = {}
    for word, (exact, folded) in readings.items():
        chosen = best(exact)
        if folded and not set(chosen) & {stem.text for stem in folded}:
            chosen += [key for key in best(folded) if key not in chosen]
        keys[word] = chosen
    return keys


def _harmony(form: str) -> str:
    """An ending's harmony, by its own vowels: "back", "front", or "" (either)."""
    return "back" if set(form) & set("аоұы") else "front" if set(form) & set("әеіөү") else ""


def _pairs(mapping: dict) -> str:
    """A letter map for the browser: each letter followed by what it becomes, space apart."""
    return " ".join(f"{key}{value}" for key, value in mapping.items())


def _front_of(form: str) -> str:
    return "".join(_FRONT_OF.get(letter, letter) for letter in form)


def _without_last_vowel(word: str) -> str:
    """орын → орн: the stem a vowel-dropping noun has before a vowel (its last ы or і goes)."""
    at = max(word.rfind("ы"), word.rfind("і"), word.rfind("и"))
    return word[:at] + word[at + 1 :]


def _letters(text: str, fold_map: dict[str, str] | None) -> frozenset[str]:
    return frozenset(fold_map.get(letter, letter) for letter in text) if fold_map else frozenset(text)


def _reading(source: dict, fold_map: dict[str, str] | None) -> Reading:
    def fold(text: str) -> str:
        return "".join(fold_map.get(letter, letter) for letter in text) if fold_map else text

    sounds = {name: _letters(letters, fold_map) for name, letters in source["sounds"].items()}
    sounds["consonant"] = frozenset().union(*(sounds[name] for name in ("sonorant", "l", "nasal", "zh", "voiceless")))
    back, front, glides = (_letters(source["harmony"][name], fold_map) for name in ("back", "front", "glides"))
    layers = []
    for layer in source["endings"]:
        endings = []
        for line in layer["forms"]:
            ((forms, rule),) = line.items()
            words = str(rule).split()
            if "exact" in words and fold_map:
                continue
            shortest = int(words[words.index("min") + 1]) if "min" in words else SHORTEST_STEM
            after = frozenset().union(*(sounds[word] for word in words if word in sounds))
            then = frozenset().union(*(sounds[word] for word in words if word in _POSSESSIVE_CLASSES))
            for form in str(forms).split():
                harmony = "" if "neutral" in words else _harmony(form)[:1]
                endings.append(Ending(fold(form), after, harmony, shortest, "rare" in words, then))
        # Longest first, so that "ның" comes off before "ң"; the sort keeps the table's order otherwise.
        endings.sort(key=lambda ending: -len(ending.form))
        layers.append(Layer(layer["name"], bool(layer.get("alone")), bool(layer.get("verb")), tuple(endings)))
    return Reading(
        layers=tuple(layers),
        possessive=next(index for index, layer in enumerate(layers) if layer.name == "possessive"),
        back=back,
        front=front,
        vowels=sounds["vowel"] | glides,
        glides=glides,
        poss3=sounds["poss3"],
        voicing={fold(key): fold(value) for key, value in source["voicing"].items()},
        irregular={
            **{_without_last_vowel(fold(word)): fold(word) for word in source["dropped_vowel"]},
            **{fold(form): fold(pronoun) for pronoun, forms in source["pronouns"].items() for form in forms.split()},
        },
        whole=frozenset(fold(word) for word in [*source["whole"], *source["dropped_vowel"], *source["pronouns"]]),
    )


@cache
def source() -> dict:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


@cache
def rules() -> Rules:
    data = source()
    fold_map = {str(key): str(value) for key, value in data["fold"].items()}
    spelling = {str(key): str(value) for key, value in data["key_spelling"].items()}
    forms = {form for layer in data["endings"] for line in layer["forms"] for form in str(next(iter(line))).split()}
    return Rules(
        exact=_reading(data, None),
        folded=_reading(data, fold_map),
        fold_map=fold_map,
        fold_table=str.maketrans(fold_map),
        key_table=str.maketrans(fold_map | spelling),
        kazakh_letters=frozenset(fold_map),
        look_alikes={str(key): str(value) for key, value in data["look_alikes"].items()},
        conjunctions=frozenset(data["conjunctions"]),
        endings_only=re.compile(f"(?:{'|'.join(sorted(forms))})+"),
    )


# The letter classes of the browser's table, bit i for the i-th: the sound classes, then these.
_BROWSER_CLASSES = ("back", "front", "glides")
# An ending's flags in the browser, above every class bit (kazakh.js knows them too).
_THIRD_LETTER, _EXACT = 1 << 13, 1 << 14
# The front form of an ending, from its back form: the letters that change (ның → нің).
_FRONT_OF = {"а": "е", "ы": "і", "ғ": "г", "қ": "к"}


def browser_rules() -> dict:
    """The rules as kazakh.js reads them (JSON): kazakh.yml in few bytes, only what a query
    needs. "classes": the letters of each sound class, then of back, front and glides.
    "layers": a string a layer: its flags (1 alone, 2 verb), then each form of its endings,
    longest first, with a number: the bits of the classes it may follow and of its harmony
    (back, front, or neither), and _THIRD_LETTER (a stem of 3 letters at least) and _EXACT;
    a back form stands for its front one too ("fronts" says how it is spelled), which follows it.
    "irregular": nouns that drop a vowel, and pronouns each followed by its forms. Letter
    maps are pairs: a letter, then what it becomes."""
    data = source()
    names = [*data["sounds"], *_BROWSER_CLASSES]
    consonant = ("sonorant", "l", "nasal", "zh", "voiceless")

    layers = []
    for layer in data["endings"]:
        endings = []
        for entry in layer["forms"]:
            ((forms, rule),) = entry.items()
            words = str(rule).split()
            classes = {*words, *consonant} if "consonant" in words else set(words)
            bits = sum(1 << names.index(name) for name in classes & set(data["sounds"]))
            bits |= _THIRD_LETTER * ("min" in words and int(words[words.index("min") + 1]) >= 3)
            bits |= _EXACT * ("exact" in words)
            forms = str(forms).split()
            for at, form in enumerate(forms):
                harmony = "" if "neutral" in words else _harmony(form)
                if harmony == "front":
                    if at == 0 or _front_of(forms[at - 1]) != form:
                        raise ValueError(f"kazakh.yml: the front form {form} does not follow its back form")
                    continue
                if harmony == "back" and forms[at + 1 : at + 2] != [_front_of(form)]:
                    raise ValueError(f"kazakh.yml: the back form {form} is not followed by {_front_of(form)}")
                endings.append(f"{form}{bits | (1 << names.index(harmony) if harmony else 0)}")
        endings.sort(key=lambda ending: -len(ending.rstrip("0123456789")))
        layers.append(" ".join([str(int(bool(layer.get("alone"))) | 2 * bool(layer.get("verb"))), *endings]))
    # The vowels as back, front, then the others: the back and front classes repeat them.
    back, front = data["harmony"]["back"], data["harmony"]["front"]
    vowels = back + front + "".join(vowel for vowel in data["sounds"]["vowel"] if vowel not in back + front)
    if sorted(vowels) != sorted(data["sounds"]["vowel"]):
        raise ValueError("kazakh.yml: every back and front letter must be a vowel")
    sounds = dict(data["sounds"], vowel=vowels)
    return {
        "classes": [*sounds.values(), *(data["harmony"][name] for name in _BROWSER_CLASSES)],
        "fronts": " ".join(f"{letter}{front_letter}" for letter, front_letter in _FRONT_OF.items()),
        "fold": _pairs(data["fold"]),
        "keys": _pairs(data["key_spelling"]),
        "voicing": _pairs(data["voicing"]),
        "irregular": ",".join(
            [*data["dropped_vowel"], *(f"{word} {forms}" for word, forms in data["pronouns"].items())]
        ),
        "whole": " ".join(data["whole"]),
        "conjunctions": " ".join(data["conjunctions"]),
        "possessive": next(i for i, layer in enumerate(data["endings"]) if layer["name"] == "possessive"),
        "layers": layers,
    }


def latin_rules() -> dict:
    """The Latin reading's table, as latin.js reads it (JSON): the spellings of the Latin
    alphabet and the Latin look-alikes, each followed by the Cyrillic letter it stands for,
    and the vowels after which i is й."""

    data = source()
    return {"latin": _pairs(data["latin"]), "alike": _pairs(data["look_alikes"]), "vowels": data["sounds"]["vowel"]}
