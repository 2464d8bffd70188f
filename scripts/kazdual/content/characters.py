"""Sets of characters as regular-expression classes: one C-level search of a text instead of a
Python test of each of its characters."""

from __future__ import annotations

import re
from collections.abc import Iterable


def character_class(codes: Iterable[int]) -> re.Pattern:
    """A pattern matching any one of the characters `codes`, written as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(set(codes)):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]")
