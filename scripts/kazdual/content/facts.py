"""The facts a text states that survive translation, each with the line it is written on:
numbers (with "about" or "more than"), days and months, years, codes such as 6B01705 or
D3.4, and names written in Latin letters.

Dates are read in the spellings of all three languages («2023 жылғы 11 қыркүйекте»,
«11 сентября 2023 года», "11 September 2023", "September 11th", 11.09.2023, 2023-09-11,
ranges such as «13–17 қараша» or "from 13 to 17 November"), and split into a day with its
month and a year: a range names its year once in one language and twice in another, and
"2022–23" is "2022–2023". Thousands are grouped as each language groups them ("1 500",
"1,500"). Numbers written out ("thirty", «отыз», «тридцать») are kept apart: they only
stand for a digit the other text writes, since «бір» and "one" are as often no number.

Only the Markdown's prose is read: code, link targets, addresses and HTML tags are not.
Every pattern is compiled once; a text is read with a few passes of regular expressions.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from kazdual.content import number_words

# Month names for January..December: Kazakh (any case ending; «қыркүйегі»), its CLDR
# abbreviations; Russian stems (an ending of up to two letters: «января», «январе»), its
# abbreviations; English names and abbreviations (capitalised: "May" only as a month).
_KK = r"[а-яәғқңөұүһі]"
_MONTHS = (
    ("қаңтар", "қаң", "январ", "янв", "January|Jan"),
    ("ақпан", "ақп", "феврал", "февр|фев", "February|Feb"),
    ("наурыз", "нау", "март", "мар", "March|Mar"),
    ("сәуір", "сәу", "апрел", "апр", "April|Apr"),
    ("мамыр", "мам", "ма(?=[йяею])", "", "May"),
    ("маусым", "мау", "июн", "июн", "June|Jun"),
    ("шілде", "шіл", "июл", "июл", "July|Jul"),
    ("тамыз", "там", "август", "авг", "August|Aug"),
    ("қыркүйе[кг]", "қыр", "сентябр", "сент|сен", "September|Sept|Sep"),
    ("қазан", "қаз", "октябр", "окт", "October|Oct"),
    ("қараша", "қар", "ноябр", "нояб|ноя", "November|Nov"),
    ("желтоқсан", "жел", "декабр", "дек", "December|Dec"),
)


def _month(number: int, kk: str, kk_short: str, ru: str, ru_short: str, en: str) -> str:
    cyrillic = [f"{kk}{_KK}*", rf"{kk_short}\.", rf"{ru}[а-яё]{{0,2}}(?![а-яё])"]
    if ru_short:
        cyrillic.append(rf"(?:{ru_short})\.")
    return rf"(?P<m{number}>(?i:{'|'.join(cyrillic)})|(?:{en})\b\.?)"


_MONTH = "(?:" + "|".join(_month(n, *names) for n, names in enumerate(_MONTHS, start=1)) + ")"
_ORDINAL = r"(?:-?(?:го|ое|е|й|ші|шы|інші|ыншы|нші|ншы)|st|nd|rd|th)?"
_TO = r"(?:–|—|−|-|to|till|until|through|and|по|до|и|мен|бен|пен)"
_YEAR = r"(?:19|20)\d\d"
_YEAR_WORD = r"(?:жылғы|жылы|жылдың|ж\.|года|году|год|г\.)"
# A pattern that starts with a digit lets the engine skip to the next digit at C speed, so
# the digit comes first and only then looks back: `\d(?<=(?<![\w.,])\d)` is a digit that
# follows no letter, digit, point or comma.
_FRESH = r"\d(?<=(?<![\w.,])\d)"
_DAYS = rf"({_FRESH}\d?){_ORDINAL}(?:\s*{_TO}\s*([0-3]?\d){_ORDINAL})?"
_DAY_FIRST = re.compile(rf"{_DAYS}\s+(?:of\s+)?{_MONTH}")
_MONTH_FIRST = re.compile(rf"{_MONTH}\s+([0-3]?\d){_ORDINAL}(?:\s*{_TO}\s*([0-3]?\d){_ORDINAL})?(?![\d.,]?\d)")
_MONTH_YEAR = re.compile(rf"{_MONTH}\s+(?={_YEAR}(?!\d))")
_BEFORE_MONTH = re.compile(rf"(?<![^\W\d_]){_MONTH}\s+$")
_AFTER_BLANK = re.compile(r"\d(?<=\s\d)")  # where a month-first date can go on: "May 5", "May 2023"
_YEAR_MONTH = re.compile(rf"(?P<year>\d(?<=(?<!\d)\d)\d{{3}})\s*{_YEAR_WORD}?\s*(?P<month>{_MONTH})")
_NUMERIC_DATE = re.compile(
    r"(?P<first>\d(?<=(?<![\d.,/-])\d))(?:(?P<d>\d?)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)"
    r"|(?P<iy>\d{3})-(?P<im>[01]\d)-(?P<id>[0-3]\d))(?![\d./-]?\d)"
)
_YEAR_RANGE = re.compile(rf"({_FRESH}\d{{3}})\s*[–—−-]\s*(\d\d)(?![\d.,]?\d)")
_TIME = re.compile(r"(\d(?<=(?<![\d.,:])\d)\d?):([0-5]\d)(?![\d:])")
_NUMBER = re.compile(rf"{_FRESH}\d*(?:(?:[ \u00a0\u202f]\d{{3}})+(?![\d.,]?\d)|(?:[.,]\d+)+)?")
# Codes: Latin capitals and digits, both, perhaps joined by - . /: 6B01705, D3.4, M32, WP5.
_CODE = re.compile(r"[A-Z0-9](?<=(?<![\w.-])[A-Z0-9])[A-Z0-9]*(?:[-./][A-Z0-9]+)*(?![\w]|[-./]\w)")
# What each pattern needs to find anything, looked for first: most blocks have none of it.
_TRIGGERS = {
    "code": re.compile(r"[A-Z]"),  # a code has a capital as well as a digit
    "numeric date": re.compile(r"\d[./]\d\d?[./]\d|\d-\d\d-\d"),
    "year range": re.compile(r"\d\d\s*[–—−-]\s*\d\d(?!\d)"),
    "time": re.compile(r"\d:\d\d"),
}
_HAS_CAPITAL, _HAS_DIGIT = re.compile(r"[A-Z]"), re.compile(r"\d")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
# Acronyms that each language writes in its own letters (ЕО, ЕС; еуро, евро): never a name
# that the Kazakh or Russian text must write in Latin letters too.
_OWN_LETTERS = frozenset({"EU", "EUR", "USD", "KZT", "UN", "UNESCO", "USA", "UK", "NGO", "IT", "ID", "PDF"})
_NAME = re.compile(r"\b[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]{2,}\b")  # a whole word: WP5 is a code
_CAPITAL = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u024f]")
# What makes a number approximate, or a lower bound, written before it or after it.
_ABOUT_BEFORE = frozenset(
    "шамамен шамасы около примерно приблизительно порядка почти about around approximately approx. roughly "
    "nearly almost some circa ca.".split()
)
_ABOUT_AFTER = re.compile(
    r"(?i)^(?:-?[а-яәғқңөұүһі]{0,3}\s*(?:жуық|тарта|таяу)\b|-(?:тай|тей|дай|дей)\b|\s*шақты|-odd)"
)
_OVER_BEFORE = frozenset(
    {"over", "свыше", "более", "больше", "кемінде", "more than", "at least", "не менее", "кем дегенде"}
)
_OVER_AFTER = re.compile(r"(?i)^(?:-?[а-яәғқңөұүһі]{0,3}\s*(?:астам|аса|артық)\b|\+|\s+or\s+more\b|\s+и\s+более\b)")
_COMMA_THOUSANDS = frozenset({"en"})  # "1,500"; elsewhere a comma is the decimal sign: «1,5»

# Markdown that is not prose, blanked out with its line breaks kept: a link's target, a
# footnote's mark, an HTML tag or <autolink>, attributes {: #id}, code spans' backticks
# (their words stay: `6B01705` is a code); a reference link's definition, a list item's mark;
# a bare address.
_MARKUP = re.compile(r"\]\([^)\n]*\)|\[\^[^\]\n]*\]|<[^<>\n]+>|\{:?[^{}\n]*\}|`+")
_LINE_MARKS = re.compile(r"^[ \t]*(?:\[[^\]\n]+\]:[^\n]*|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))", re.M)
_ADDRESS = re.compile(r"\b(?:https?|ftp|mailto|tel):[^\s)]+|\bwww\.[^\s)]+")
_E_MAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_GROUPING = re.compile(r"[ \u00a0\u202f]")
_COMMA_GROUPING = re.compile(r",(?=\d{3}(?!\d))")
_BREAK, _NOT_BREAK = re.compile(r"\n"), re.compile(r"[^\n]")
_PLAIN_YEAR = re.compile(_YEAR)
# Between two dates or years of one run: blanks, dashes and at most two short words ("года по").
_RUN_GAP = re.compile(r"[\s,–—−-]*(?:[^\W\d_]{1,6}\.?[\s,–—−-]+){0,2}")


@dataclass(frozen=True)
class Fact:
    group: str  # "number", "date", "year", "code" or "name"
    value: str  # compared: "21", "~70" (about 70), ">70" (more than 70), "11.09", "09" (a month), "2023", "D3.4"
    line: int
    where: tuple  # ("body", block) or the front-matter key: ("title",), ("gallery", 0, "alt")
    shown: str = ""  # as written, when `value` is made comparable from it (a link's address)


@dataclass
class Said:
    """What one text says, part by part ("body" or a front-matter key)."""

    facts: list[Fact] = field(default_factory=list)
    prose: dict[str, list[str]] = field(default_factory=dict)  # part -> the prose of its segments
    latin_words: set[str] = field(default_factory=set)
    names: dict[str, Fact] = field(default_factory=dict)  # each name once, where it first stands

    def written_out(self, part: str) -> Counter:
        """The numbers the part writes in words: looked for only when a digit is unmatched."""
        counts: Counter = Counter()
        for segment in self.prose.get(part, ()):
            counts.update(number_words.written_out(segment))
        return counts


def prose(segment: str) -> str:
    """`segment`'s prose: markup blanked out, every line break kept."""
    text = _MARKUP.sub(" ", html.unescape(segment))
    text = _LINE_MARKS.sub(" ", text)
    if ":" in text or "www." in text:
        text = _ADDRESS.sub(" ", text)
    return _E_MAIL.sub(" ", text) if "@" in text else text


def _month_of(match: re.Match) -> int:
    return next(n for n in range(1, 13) if match.group(f"m{n}"))


def _number(written: str, language: str) -> str | None:
    """The value of a number as written: "1 500" and "1,500" are 1500, «1,5» is 1.5."""
    digits = _GROUPING.sub("", written)
    if language in _COMMA_THOUSANDS:
        digits = _COMMA_GROUPING.sub("", digits)
    digits = digits.replace(",", ".")
    if len(digits) > 40:  # no quantity: an identifier, compared as written
        return digits
    if digits.count(".") > 1:  # a section or version number: 2.1.3
        return ".".join(str(int(part)) for part in digits.split("."))
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return format(value.normalize(), "f") if value != value.to_integral() else str(int(value))


def _qualified(value: str, text: str, start: int, end: int) -> str:
    """ "~70" for about 70, ">70" for more than 70, as the words around the number say."""
    words = text[max(0, start - 20) : start].lower().split()
    last, two = (words[-1], " ".join(words[-2:])) if words else ("", "")
    after = text[end : end + 16]
    if last in _ABOUT_BEFORE or last.endswith(("~", "≈")) or _ABOUT_AFTER.match(after):
        return f"~{value}"
    if last in _OVER_BEFORE or two in _OVER_BEFORE or last.endswith(">") or _OVER_AFTER.match(after):
        return f">{value}"
    return value


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans blanked out (line breaks kept), rebuilt once."""
    pieces, last = [], 0
    for start, end in spans:
        taken = text[start:end]
        pieces += [text[last:start], _NOT_BREAK.sub(" ", taken) if "\n" in taken else " " * len(taken)]
        last = end
    return "".join(pieces) + text[last:]


class _Reader:
    """The facts of one segment (a block of the body, a front-matter value), by position.
    Each pattern blanks out what it read, so that no later one reads it again."""

    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.language = language
        self.found: list[tuple[int, int, str, str]] = []  # (start, end, group, value)

    def _pass(self, pattern: re.Pattern, read, trigger: str | None = None) -> None:
        """Read each match with `read(match)`: (facts, the group of the match they stand for)."""
        if trigger and not _TRIGGERS[trigger].search(self.text):
            return
        spans = []
        for match in pattern.finditer(self.text):
            facts, group = read(match)
            if facts:
                start, end = match.span(group)
                self.found += [(start, end, kind, value) for kind, value in facts]
                spans.append((start, end))
        if spans:
            self.text = _blanked(self.text, spans)

    def _months_first(self) -> None:
        """ "September 11", "May 5–7", "September 2023": found from the digits after a blank,
        where the word before is a month (a pattern starting with a month would try every
        month's names at every letter of the text)."""
        spans: list[tuple[int, int]] = []
        for digit in _AFTER_BLANK.finditer(self.text):
            month = _BEFORE_MONTH.search(self.text, max(0, digit.start() - 16), digit.start())
            if month is None or (spans and month.start() < spans[-1][1]):
                continue
            match, facts = self._month_first_at(month.start())
            if match is not None:
                self.found += [(match.start(), match.end(), kind, value) for kind, value in facts]
                spans.append(match.span())
        if spans:
            self.text = _blanked(self.text, spans)

    def _month_first_at(self, start: int) -> tuple[re.Match | None, list[tuple[str, str]]]:
        match = _MONTH_FIRST.match(self.text, start)
        facts = _dates(match)[0] if match else []
        if match and facts:
            return match, facts
        match = _MONTH_YEAR.match(self.text, start)
        return (match, [("date", f"{_month_of(match):02}")]) if match else (None, [])

    def read(self) -> list[tuple[int, int, str, str]]:
        if not _HAS_DIGIT.search(self.text):
            return []
        self._pass(_CODE, lambda m: ([("code", m.group())] if _is_code(m.group()) else [], 0), "code")
        self._pass(_NUMERIC_DATE, _numeric_date, "numeric date")
        self._pass(_DAY_FIRST, _dates)
        self._months_first()
        self._pass(_YEAR_MONTH, _year_month)
        self._pass(_YEAR_RANGE, _year_range, "year range")
        self._pass(_TIME, _time, "time")
        for match in _NUMBER.finditer(self.text):
            value = _number(match.group(), self.language)
            if value is not None:
                group = "year" if _PLAIN_YEAR.fullmatch(match.group()) else "number"
                fact = value if group == "year" else _qualified(value, self.text, *match.span())
                self.found.append((match.start(), match.end(), group, fact))
        return self._once()

    def _once(self) -> list[tuple[int, int, str, str]]:
        """A year said twice in one run of dates («с 26 июня 2022 года по 6 июля 2022 года»)
        counts once, as "from 26 June to 6 July 2022" says it."""
        kept, last_end = [], -1
        run_years: set[str] = set()
        for start, end, group, value in sorted(self.found):
            dated = group in ("date", "year")
            if not dated or last_end < 0 or not _RUN_GAP.fullmatch(self.text, min(last_end, start), start):
                run_years = set()
            last_end = max(end, last_end) if dated else -1
            if group == "year" and value in run_years:
                continue
            if group == "year":
                run_years.add(value)
            kept.append((start, end, group, value))
        return kept


def _is_code(word: str) -> bool:
    return bool(_HAS_CAPITAL.search(word) and _HAS_DIGIT.search(word))


def _numeric_date(match: re.Match) -> tuple[list[tuple[str, str]], int]:
    if match["y"]:
        day, month, year = int(match["first"] + match["d"]), int(match["m"]), match["y"]
    else:
        day, month, year = int(match["id"]), int(match["im"]), match["first"] + match["iy"]
    if not (1 <= day <= 31 and 1 <= month <= 12 and _PLAIN_YEAR.fullmatch(year)):
        return [], 0
    return [("date", f"{day:02}.{month:02}"), ("year", year)], 0


def _dates(match: re.Match) -> tuple[list[tuple[str, str]], int]:
    days = [int(day) for day in _days(match) if day]
    if not all(1 <= day <= 31 for day in days):
        return [], 0
    return [("date", f"{day:02}.{_month_of(match):02}") for day in days], 0


def _year_month(match: re.Match) -> tuple[list[tuple[str, str]], str]:
    return ([("date", f"{_month_of(match):02}")] if _PLAIN_YEAR.fullmatch(match["year"]) else []), "month"


def _year_range(match: re.Match) -> tuple[list[tuple[str, str]], int]:
    first, last = int(match[1]), int(match[1]) // 100 * 100 + int(match[2])
    if not (_PLAIN_YEAR.fullmatch(match[1]) and last > first):
        return [], 0
    return [("year", str(first)), ("year", str(last))], 0


def _time(match: re.Match) -> tuple[list[tuple[str, str]], int]:
    return ([("number", f"{int(match[1])}:{match[2]}")] if int(match[1]) < 24 else []), 0


def _days(match: re.Match) -> list[str]:
    """The one or two days of a day-first or month-first match: its unnamed groups."""
    named = set(match.re.groupindex.values())
    return [match.group(index) for index in range(1, match.re.groups + 1) if index not in named]


def read(segments, language: str, latin_script: bool) -> Said:
    """What a text says: `segments` are (part, where, first line, text) of its front-matter
    values and its body's blocks. Names: in a text in Latin letters, the words in capitals
    (ACQUIN, PH); in any other, every word in Latin letters with a capital (PH, Tirol)."""
    said = Said()
    for part, where, first_line, segment in segments:
        breaks = [match.start() for match in _BREAK.finditer(segment)] if "\n" in segment else []
        words = prose(segment)
        for start, _, group, value in _Reader(words, language).read():
            said.facts.append(Fact(group, value, first_line + bisect.bisect_left(breaks, start), where))
        said.prose.setdefault(part, []).append(words)
        latin = _LATIN_WORD.findall(words)
        if not latin:
            continue
        said.latin_words.update(latin)
        for match in (_ACRONYM if latin_script else _NAME).finditer(words):
            name = match.group()
            if _CAPITAL.search(name) and name not in said.names and name not in _OWN_LETTERS:
                line = first_line + bisect.bisect_left(breaks, match.start())
                said.names[name] = Fact("name", name, line, where)
    return said
