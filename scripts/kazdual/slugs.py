"""URL slugs made from titles: lower-case ASCII letters, digits and hyphens.

A Kazakh or Russian title is transliterated, so a reader can still guess the
page from its address (`news/2023-09-11-dual-bilim-beru/`).
"""

from __future__ import annotations

import re
import unicodedata

# The slug is an item's permanent address: short, from the title's first words.
MAX_LENGTH = 40
MAX_WORDS = 5

# Russian and Kazakh Cyrillic, after the usual passport-style romanisation;
# the Kazakh letters without diacritics (ә→a, қ→q, ң→ng, ө→o, ұ/ү→u, і→i), as URLs stay ASCII.
_CYRILLIC = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ng",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "kh",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}

# Latin letters that are no letter plus an accent, so taking the accent off does
# not reach them: dropped, "Straße" would read "strae".
_LATIN = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"}
_SPELLED = {**_CYRILLIC, **_LATIN}


def transliterate(text: str) -> str:
    """`text` in lower-case ASCII as far as it goes; letters with no ASCII form are dropped."""
    letters = [_SPELLED.get(char, char) for char in text.lower()]
    # "é" -> "e" + accent: keep the letter, drop the accent.
    decomposed = unicodedata.normalize("NFKD", "".join(letters))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(title: str) -> str:
    """The slug for `title`, or "" when nothing of it can be written in ASCII."""
    # Words are split before transliterating: a dash or a quote that has no ASCII
    # form still separates them ("13–17" -> "13-17", not "1317").
    words = [part for word in re.findall(r"\w+", title) for part in re.findall(r"[a-z0-9]+", transliterate(word))]
    slug = ""
    for word in words[:MAX_WORDS]:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > MAX_LENGTH and slug:
            break  # cut at a word boundary: short addresses, no half words
        slug = longer
    return slug[:MAX_LENGTH].strip("-")
