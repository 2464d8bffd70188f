"""Reading one Markdown text: its bytes, its front matter and its body, as untrusted input.

A file is read only if it is a regular file (never through a symbolic link) of
sane size in UTF-8. Front matter is plain YAML `key: value` lines: anchors and
aliases (which let 500 bytes stand for gigabytes), repeated keys (the last one
silently wins), tags and deep nesting are refused. Every value keeps the line it
was written on, so a finding can name it.

MkDocs reads the same front matter its own way (mkdocs/utils/meta.py): it ends it
at a `...` line too, and reads it as YAML 1.1, where `=`, `<<` or `0b_` cannot be
read at all and it then publishes the whole front matter as text. The build gives
MkDocs the body and the values read here; whatever MkDocs would still read
otherwise is refused here, with its line, so no reader of the file sees another text.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kazdual.content.findings import Finding, finding
from kazdual.content.messages import say

MAX_TEXT_BYTES = 512 * 1024
MAX_FRONT_MATTER_BYTES = 32 * 1024
MAX_DEPTH = 6  # page: facts -> item -> value is 3 levels; room to spare
_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_LONE_CR = re.compile(r"\r(?!\n)")
_EMPTY_FENCE = re.compile(r"\A---[ \t]*\r?\n---[ \t]*(?:\r?\n|\Z)")
# YAML's end-of-document line, where MkDocs ends the front matter.
_DOCUMENT_END = re.compile(r"^\.\.\.[ \t]*\r?$", re.M)
# A value that opens a flow list or mapping: `title: [Draft] Visit`, `- {`.
_OPENS_FLOW = re.compile(r"^\s*(?:-\s+)?(?:[^\s#\[{'\"][^:#]*:\s+|-\s*)?([\[{])")


# The loader MkDocs reads front matter with (mkdocs/utils/meta.py): YAML 1.1.
MKDOCS_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(MKDOCS_LOADER):  # type: ignore[misc, valid-type]  # libyaml when PyYAML has it
    """YAML 1.2's core schema, as the web editor writes it: `yes`, `on` and `12:30`
    stay text (YAML 1.1 would make them true and 750). Dates stay dates."""

    yaml_implicit_resolvers: dict = {}


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    return int(text[2:], 8) if text.startswith("0o") else int(text[2:], 16) if text.startswith("0x") else int(text)


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        "timestamp",
        r"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
        r"(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?$",
        "0123456789",
    ),
):
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))
_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
# What a YAML parser says, and what an editor can do about it (a message of the catalogs' yaml section).
_HINTS = (
    ("mapping values are not allowed", "yaml.colon"),
    ("tab character", "yaml.tab"),
    ("cannot start any token", "yaml.token"),
    ("flow sequence", "yaml.bracket"),
    ("flow mapping", "yaml.brace"),
    ("'-' indicator", "yaml.dash"),
    ("expected <block end>", "yaml.quote-end"),
    ("could not find expected ':'", "yaml.key-value"),
    ("found unexpected end of stream", "yaml.quote-open"),
    ("while scanning a quoted scalar", "yaml.quote-open"),
    ("found undefined alias", "yaml.alias"),
    ("expected alphabetic or numeric character", "yaml.anchor"),
)


class SourceProblem(Exception):
    """The text cannot be used at all: one finding says why."""

    def __init__(self, found: Finding) -> None:
        super().__init__(str(found))
        self.finding = found


@dataclass
class Document:
    """One Markdown file: `meta` from its front matter, `body` after it."""

    path: str  # as shown to editors, relative to the website's folder
    text: str
    meta: dict
    body: str
    body_line: int
    lines: dict[tuple, int] = field(default_factory=dict)  # ("gallery", 0, "alt") -> line

    def line_of(self, *key) -> int:
        """The line where the value at `key` is written; else its nearest parent's; else 1."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


_CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_INDENTED = re.compile(r"^(?: {4}|\t)")


def prose_lines(body: str, first_line: int):
    """(line number, line) of a Markdown body outside code blocks, fenced or indented: what
    readers read as text, where rules about words and HTML apply. (Inside a list, an indented
    line goes on with its item: it is text.)"""
    fence, blank_before, in_list, indented_code = "", True, False, False
    for number, line in enumerate(body.split("\n"), start=first_line):
        match = _CODE_FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            continue
        blank = not line.strip()
        if indented_code and (blank or _INDENTED.match(line)):
            continue
        indented_code = False
        if match:
            fence = match.group(1)
            continue
        if not blank:
            if _LIST_ITEM.match(line):
                in_list = True
            elif not _INDENTED.match(line) and blank_before:
                in_list = False  # a paragraph of its own ends the list
            elif _INDENTED.match(line) and blank_before and not in_list:
                indented_code = True
                continue
        blank_before = blank
        yield number, line


def replace_marker(body: str, marker: str, replacement: str) -> str:
    """`body` with each line that is `marker` alone, outside code, replaced by `replacement`: a
    marker quoted in code (`<!-- x -->`, in a code block) stays as written."""
    lines = body.split("\n")
    first = 1
    for number, line in prose_lines(body, first):
        if line.strip() == marker:
            lines[number - first] = replacement
    return "\n".join(lines)


def _problem(path: str, line: int, kind: str, message: str, /, **values: object) -> SourceProblem:
    return SourceProblem(finding(path, line, kind, message, **values))


def read_bytes(root: Path, path: str, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of the regular file `root/path`; never follows a symbolic link."""
    file = root / path
    try:
        info = file.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise _problem(path, 1, "stray", "file.link")
        if not stat.S_ISREG(info.st_mode):
            raise _problem(path, 1, "stray", "file.not-regular-text")
        if info.st_size > limit:
            raise _problem(path, 1, "unreadable", "file.too-big", size=info.st_size // 1024, most=limit // 1024)
        # O_NOFOLLOW: the file cannot be swapped for a link between the check and the read.
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as handle:
            return handle.read(limit + 1)[:limit]
    except OSError as error:
        raise _problem(path, 1, "unreadable", "file.cannot-read", error=str(error.strerror or error)) from None


def decode(path: str, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _problem(path, 1, "unreadable", "file.utf-16")
    if b"\x00" in data:
        raise _problem(path, 1, "unreadable", "file.binary")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark (Windows Notepad) is harmless
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _problem(path, line, "unreadable", "file.not-utf-8") from None
    # A line ending of a lone CR (old Mac files) is a line ending, as MkDocs reads it.
    return _LONE_CR.sub("\n", text)


def _flow_opened(yaml_text: str, until: int) -> tuple[int, str] | None:
    """(line index, bracket) of the last `[` or `{` that opens a value on lines up to `until`."""
    lines = yaml_text.split("\n")[: until + 1]
    for index in reversed(range(len(lines))):
        match = _OPENS_FLOW.match(lines[index])
        if match:
            return index, match.group(1)
    return None


def _yaml_error(path: str, yaml_text: str, error: yaml.YAMLError) -> SourceProblem:
    mark = getattr(error, "problem_mark", None)
    context = str(getattr(error, "context", None) or "")
    problem = f"{context} {getattr(error, 'problem', None) or ''}"
    hint = next((advice for text, advice in _HINTS if text in problem), "yaml.lines")
    if "quoted scalar" in context:
        mark = getattr(error, "context_mark", None) or mark  # where the quote was opened
    line = mark.line + 2 if mark else 2  # the YAML starts on the file's second line
    opened = _flow_opened(yaml_text, mark.line) if "flow" in context and mark else None
    if opened:  # the bracket was opened where the finding points, and never closed
        line = opened[0] + 2
        hint = next(
            advice for text, advice in _HINTS if text == ("flow sequence" if opened[1] == "[" else "flow mapping")
        )
    return _problem(path, line, "front-matter", "yaml.invalid", hint=say(hint))


def _values(node: yaml.Node, key: tuple = ()):
    """(key, node) of every plain value below `node`: ("gallery", 0, "alt")."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield from _values(value_node, key + (key_node.value,))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _values(item, key + (index,))
    else:
        yield key, node


def _quoted_example(key: tuple, node: yaml.ScalarNode) -> str:
    name = next((part for part in reversed(key) if isinstance(part, str)), "title")
    return f"{name}: '{node.value.replace(chr(39), chr(39) * 2)}'"


def _unconstructable(loader: yaml.SafeLoader, node: yaml.Node):
    """(key, node) of the first value `loader` cannot turn into a value, or None."""
    for key, value in _values(node):
        try:
            loader.construct_object(value, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError, TypeError, RecursionError):
            return key, value
    return None


def _mkdocs_reading(path: str, yaml_text: str) -> None:
    """Refuse a front matter that MkDocs' own reader (YAML 1.1) cannot read: it would
    publish the whole of it as text, and any other YAML 1.1 reader would fail on it too."""
    loader = MKDOCS_LOADER(yaml_text)
    try:
        document = loader.get_single_node()
        found = _unconstructable(loader, document) if document is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        found = ((), None) if mark is None else ((), yaml.ScalarNode("tag:yaml.org,2002:str", "", mark, mark))
    finally:
        loader.dispose()
    if found is None:
        return
    key, node = found
    line = node.start_mark.line + 2 if node is not None else 2
    if node is not None and node.value:
        raise _problem(path, line, "front-matter", "yaml.builder-example", example=_quoted_example(key, node))
    raise _problem(path, line, "front-matter", "yaml.builder")


def _walk(path: str, node: yaml.Node, key: tuple, lines: dict, seen: set, depth: int) -> None:
    """Refuse what plain `key: value` lines never need; record the line of every value."""
    line = node.start_mark.line + 2
    if id(node) in seen:
        raise _problem(path, line, "front-matter", "yaml.aliases")
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        raise _problem(path, line, "front-matter", "yaml.tag", tag=node.tag)
    if depth > MAX_DEPTH:
        raise _problem(path, line, "front-matter", "yaml.deep")
    lines[key] = line
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(path, item, key + (index,), lines, seen, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        names: set[str] = set()
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 2
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise _problem(path, key_line, "front-matter", "yaml.key")
            if key_node.value == "<<":
                raise _problem(path, key_line, "front-matter", "yaml.merge")
            if key_node.value in names:
                raise _problem(path, key_line, "front-matter", "yaml.twice", key=key_node.value)
            names.add(key_node.value)
            seen.add(id(key_node))
            _walk(path, value_node, key + (key_node.value,), lines, seen, depth + 1)


def parse_front_matter(path: str, yaml_text: str) -> tuple[dict, dict[tuple, int]]:
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise _problem(path, 2, "front-matter", "yaml.long", most=MAX_FRONT_MATTER_BYTES // 1024)
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise _problem(path, 2, "front-matter", "yaml.not-keys")
        lines: dict[tuple, int] = {}
        _walk(path, node, (), lines, set(), 0)
        failed = _unconstructable(loader, node)  # a date like 2023-02-30, a number of 5,000 digits
        if failed:
            raise _problem(path, failed[1].start_mark.line + 2, "front-matter", "yaml.unreadable-value")
        meta = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise _yaml_error(path, yaml_text, error) from None
    except (RecursionError, ValueError, OverflowError):
        raise _problem(path, 2, "front-matter", "yaml.unreadable") from None
    finally:
        loader.dispose()
    _mkdocs_reading(path, yaml_text)
    return meta, lines


def parse(path: str, text: str) -> Document:
    """Split `text` into front matter and body; SourceProblem on malformed front matter."""
    match = _EMPTY_FENCE.match(text) or _FENCE.match(text)
    if not match:
        if text.startswith("---"):
            raise _problem(path, 1, "front-matter", "yaml.unclosed")
        return Document(path=path, text=text, meta={}, body=text, body_line=1)
    yaml_text = match.group(1) if match.re is _FENCE else ""
    ended = _DOCUMENT_END.search(yaml_text)
    if ended:
        raise _problem(path, yaml_text[: ended.start()].count("\n") + 2, "front-matter", "yaml.dots")
    meta, lines = parse_front_matter(path, yaml_text)
    body_line = text[: match.end()].count("\n") + 1
    return Document(path=path, text=text, meta=meta, body=text[match.end() :], body_line=body_line, lines=lines)


def read(root: Path, path: str) -> Document:
    """Read and parse the text at `root/path`; SourceProblem says why it cannot be used."""
    return parse(path, decode(path, read_bytes(root, path)))
