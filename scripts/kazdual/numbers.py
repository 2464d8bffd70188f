"""Numbers as readers of each language write them (CLDR via Babel): "1 500" in
Kazakh and Russian, "1,500" in English, and shares as "40 %" or "40%"."""

from __future__ import annotations

import functools

from babel.numbers import format_decimal, format_percent

from kazdual.dates import cldr_locale


@functools.lru_cache(maxsize=4096)
def number(value: int, language: str) -> str:
    return format_decimal(value, locale=cldr_locale(language))


@functools.lru_cache(maxsize=4096)
def share(part: float, language: str) -> str:
    """`part` (0.4 for 40 %) as a whole percentage."""
    return format_percent(part, locale=cldr_locale(language))
