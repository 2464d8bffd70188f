"""Writing a text's front matter the way the web editor (Sveltia CMS, through the
`yaml` library) writes it: keys in the schema's order with the ones it does not
know last, plain values where YAML 1.2 allows, single quotes where it does not,
no folded lines. Files written by the scaffold and the stamp are then already in
the editor's style, and a save from the web editor changes only what was edited.
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


def _lines(key: str, value: object, indent: str) -> list[str]:
    if isinstance(value, dict):
        return [f"{indent}{key}:"] + [
            line for k, v in value.items() if v is not None for line in _lines(k, v, indent + "  ")
        ]
    if isinstance(value, list):
        lines = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict):
                entries = [line for k, v in item.items() if v is not None for line in _lines(k, v, indent + "    ")]
                lines.append(f"{indent}  - {entries[0].lstrip()}" if entries else f"{indent}  - {{}}")
                lines += entries[1:]
            else:
                lines.append(f"{indent}  - {scalar(item)}")
        return lines
    return [f"{indent}{key}: {scalar(value)}"]


def front_matter(values: dict, order: list[str]) -> str:
    """The YAML of `values`, keys in `order` first, the others after as they came."""
    keys = [k for k in order if k in values] + [k for k in values if k not in order]
    return "".join(line + "\n" for key in keys if values[key] is not None for line in _lines(key, values[key], ""))


def text_file(values: dict, order: list[str], body: str) -> str:
    """A whole Markdown file: front matter, a blank line, the body (if there is one)."""
    text = body.strip("\n")
    return f"---\n{front_matter(values, order)}---\n" + (f"\n{text}\n" if text else "")
