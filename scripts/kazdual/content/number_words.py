"""Numbers written out in words, in Kazakh, Russian and English: "twenty-one", «жиырма бір»,
«двадцать один», "third", «үшінші», «третий». They never raise a finding of their own
(«бір» and "one" are as often no number at all); they only stand for a digit that the
other text writes, so that "Thirty teachers" says what «30 мұғалім» says."""

from __future__ import annotations

import re
from collections import Counter

# Numbers written out, by value. A word of four letters or more may take an ending
# (twenty, «двадцать», «двадцати»; «жиырмасыншы»); a shorter one is listed in its forms.
_WORDS = {
    0: "zero|нөл|ноль|нуль|нуля",
    1: "one|first|бір|бірі|бірінші|один|одна|одно|одного|одной|одному|одним|одну|перв",
    2: "two|second|екі|екеу|екінші|два|две|двух|двум|двумя|втор",
    3: "three|third|үш|үшеу|үшінші|три|трёх|трех|трём|трем|тремя|трет",
    4: "four|fourth|төрт|төртеу|төртінші|четыр|четвёрт|четверт",
    5: "five|fifth|бес|бесеу|бесінші|пять|пяти|пятью|пятый|пятая|пятое|пятого|пятом|пятому",
    6: "six|sixth|алты|алтау|алтыншы|шесть|шести|шестью|шестой|шестая|шестое|шестого|шестом",
    7: "seven|seventh|жеті|жетеу|жетінші|семь|семи|семью|седьм",
    8: "eight|eighth|сегіз|сегізінші|восемь|восьми|восемью|восьм",
    9: "nine|ninth|тоғыз|тоғызыншы|девят",
    10: "ten|tenth|он|оныншы|десят",
    11: "eleven|eleventh|одиннадцат",
    12: "twelve|twelfth|двенадцат",
    13: "thirteen|thirteenth|тринадцат",
    14: "fourteen|fourteenth|четырнадцат",
    15: "fifteen|fifteenth|пятнадцат",
    16: "sixteen|sixteenth|шестнадцат",
    17: "seventeen|seventeenth|семнадцат",
    18: "eighteen|eighteenth|восемнадцат",
    19: "nineteen|nineteenth|девятнадцат",
    20: "twenty|twentieth|жиырма|двадцат",
    30: "thirty|thirtieth|отыз|тридцат",
    40: "forty|fortieth|қырық|сорок|сорока",
    50: "fifty|fiftieth|елу|пятьдесят|пятидесят",
    60: "sixty|sixtieth|алпыс|шестьдесят|шестидесят",
    70: "seventy|seventieth|жетпіс|семьдесят|семидесят",
    80: "eighty|eightieth|сексен|восемьдесят|восьмидесят",
    90: "ninety|ninetieth|тоқсан|девяносто|девяноста",
    100: "hundred|жүз|сто|ста|сотн",
    1000: "thousand|мың|тысяч",
}
_SUFFIXED = 4  # letters a word needs to take an ending
_EXACT = {word: value for value, words in _WORDS.items() for word in words.split("|")}
_STEMS = {word: value for word, value in _EXACT.items() if len(word) >= _SUFFIXED}
_STEM_LENGTHS = sorted({len(word) for word in _STEMS}, reverse=True)
_ENDING = 7  # letters an ending may have
_WORD = re.compile(r"[^\W\d_]+")
_JOINED = re.compile(r"[\s-]*(?:and\s+|и\s+)?")


def value_of(word: str) -> int | None:
    """The number a word writes out, if any: the word itself, or a stem and an ending."""
    word = word.lower()
    if word in _EXACT:
        return _EXACT[word]
    for length in _STEM_LENGTHS:
        if len(word) - _ENDING <= length < len(word) and word[:length] in _STEMS:
            return _STEMS[word[:length]]
    return None


def written_out(text: str) -> Counter:
    """The numbers written in words in `text`, a run of them summed: "twenty-one" is 21,
    «сто двадцать» is 120, "two hundred" is 200. Counted as strings, as facts are."""
    values: Counter = Counter()
    total, last_end = 0, -1
    for match in _WORD.finditer(text):
        value = value_of(match.group())
        if value is None:
            continue
        if total and not _JOINED.fullmatch(text, last_end, match.start()):
            values[str(total)] += 1
            total = 0
        total = (total or 1) * value if value in (100, 1000) else total + value
        last_end = match.end()
    if total:
        values[str(total)] += 1
    return values
