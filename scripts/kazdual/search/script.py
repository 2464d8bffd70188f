"""The site's scripts made small for the reader, with Python alone (no minifier): the
search engine's (kazakh.js, latin.js, english.js, engine.js) and the theme's own
(overrides/assets/*.js). Comments go, and so does every space JavaScript does not need;
names and line breaks stay as written. It is safe for scripts that keep two rules, as
these do: every "/" that starts no comment starts a regular expression (they divide
nothing), and no string, template or regular expression spans two lines.
tests/test_search_keys.py runs the result in Node, and the browser tests in Chromium.
"""

from __future__ import annotations

import re

_NAME = re.compile(r"[\w$]")
# Two signs that would read as one if they met (a - -b, a + +b).
_KEEP_APART = {"+", "-"}


class ScriptError(ValueError):
    pass


def compact(source: str) -> str:
    """`source` without its comments and the spaces it does not need."""
    if "/*" in source:
        raise ScriptError("block comments are not read here: write // comments")
    lines = (_compact_line(line) for line in source.splitlines())
    return "".join(f"{line}\n" for line in lines if line)


def _compact_line(line: str) -> str:
    parts: list[str] = []
    spaced = False
    at = 0
    while at < len(line):
        sign = line[at]
        if sign.isspace():
            spaced, at = True, at + 1
            continue
        if line.startswith("//", at):
            break
        end = _literal_end(line, at) if sign in "'\"`/" else at + 1
        token = line[at:end]
        if spaced and parts and _joins(parts[-1][-1], token[0]):
            parts.append(" ")
        parts.append(token)
        spaced, at = False, end
    return "".join(parts)


def _joins(before: str, after: str) -> bool:
    """Whether two signs with a space between them would read otherwise without it."""
    both_names = bool(_NAME.match(before) and _NAME.match(after))
    return both_names or (before == after and before in _KEEP_APART)


def _literal_end(line: str, start: int) -> int:
    """Where the string, template or regular expression that starts at `start` ends."""
    quote = line[start]
    in_class = False
    at = start + 1
    while at < len(line):
        sign = line[at]
        if sign == "\\":
            at += 2
            continue
        if quote == "/" and sign == "[":
            in_class = True
        elif quote == "/" and sign == "]":
            in_class = False
        elif sign == quote and not in_class:
            at += 1
            if quote == "/":
                while at < len(line) and line[at].isalpha():  # the flags
                    at += 1
            return at
        at += 1
    raise ScriptError(f"a string or regular expression does not end on its line: {line.strip()}")
