"""Reading a Markdown source: its YAML front matter (with the line of each key) and its body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kazdual.errors import SourceError

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_EMPTY_FENCE = re.compile(r"\A---[ \t]*\r?\n---[ \t]*(?:\r?\n|\Z)")
BOM = "\ufeff"


# libyaml when PyYAML has it: front matter is read for every page and news text.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_with_node(yaml_text: str):
    """The YAML's node tree (for the line of each key) and its value, in one parse."""
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else {})
    finally:
        loader.dispose()


@dataclass
class Document:
    """One Markdown file: `meta` from its front matter, `body` after it."""

    path: str
    meta: dict
    body: str
    body_line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    text: str = ""

    def line_of(self, key: str) -> int:
        """The line where `key` is set in the front matter, else the first line."""
        return self.key_lines.get(key, 1)


def decode(path: str, data: bytes) -> str:
    """The file's text; a byte-order mark or a non-UTF-8 byte is the editor's to fix."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise SourceError(path, 1, "the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            path,
            line,
            "the file is not UTF-8 (saved as Windows-1251 or another code page?): save it as UTF-8",
        ) from None


def parse_text(path: str, text: str) -> Document:
    """Split `text` into front matter and body; raise SourceError on malformed front matter."""
    if b"\x00" in text.encode("utf-8", "surrogatepass"):
        raise SourceError(path, 1, "the file holds binary data, not Markdown text")
    match = _EMPTY_FENCE.match(text) or _FENCE.match(text)
    if not match:
        if text.startswith("---"):
            raise SourceError(path, 1, "the front matter opened with '---' is never closed by a second '---' line")
        return Document(path=path, meta={}, body=text, body_line=1, text=text)
    yaml_text = match.group(1) if match.re is _FENCE else ""
    try:
        node, meta = _load_with_node(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 1 + (mark.line + 1 if mark else 1)
        problem = getattr(error, "problem", None) or "cannot be read"
        raise SourceError(path, line, f"malformed front matter: {problem}") from None
    if not isinstance(meta, dict):
        kind = "a list" if isinstance(meta, list) else f"a {type(meta).__name__}"
        raise SourceError(path, 2, f"the front matter is {kind}; write it as 'key: value' lines")
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    body_line = text[: match.end()].count("\n") + 1
    return Document(
        path=path,
        meta=meta,
        body=text[match.end():],
        body_line=body_line,
        key_lines=key_lines,
        text=text,
    )


def read(path: Path, shown_as: str) -> Document:
    """Read and parse the Markdown file at `path`; errors name it as `shown_as`."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(shown_as, 1, f"cannot read the file ({error.strerror})") from None
    return parse_text(shown_as, decode(shown_as, data))
