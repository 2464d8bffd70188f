"""Writing a front-matter value the way the web editor (Sveltia CMS, through the
`yaml` library) writes it: plain where YAML 1.2 allows, single quotes where it does
not, double quotes for control characters, no folded lines. The scaffold
(scripts/new_news.py) writes its values so, and a save from the web editor then
changes only what was edited.
"""

from __future__ import annotations

import datetime
import re

import yaml

from kazdual.content import source

# Where the `yaml` library refuses a plain scalar (stringifyString.js, plainString).
_NOT_PLAIN = re.compile(r"^[\n\t ,\[\]{}#&*!|>'\"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$")
# Plain text YAML 1.2's core schema would read as something else (null, bool, numbers).
_OTHER_TYPE = re.compile(
    r"^(?:~|[Nn]ull|NULL)?$|^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$|^0o[0-7]+$|^[-+]?[0-9]+$|^0x[0-9a-fA-F]+$"
    r"|^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\n]")


def _read_as_written(text: str) -> bool:
    """Does `text`, written plain, read back as this very text, for the content model (YAML 1.2)
    and for MkDocs (YAML 1.1, where `=` and `2024-02-30` cannot be read and `on` is true)?"""
    for loader in (source._Loader, source.MKDOCS_LOADER):
        try:
            if yaml.load(f"key: {text}\n", Loader=loader) != {"key": text}:
                return False
        except (yaml.YAMLError, ValueError, OverflowError, TypeError, RecursionError):
            return False
    return True


def _double_quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = _CONTROL.sub(lambda m: {"\n": "\\n", "\t": "\\t"}.get(m.group(), f"\\x{ord(m.group()):02x}"), escaped)
    return f'"{escaped}"'


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if _CONTROL.search(text):
        return _double_quoted(text)
    if not _NOT_PLAIN.search(text) and not _OTHER_TYPE.match(text) and _read_as_written(text):
        return text
    if "'" in text and '"' not in text:
        return _double_quoted(text)
    return "'" + text.replace("'", "''") + "'"
