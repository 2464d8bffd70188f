"""Recording a stamp in a translation's front matter, structurally.

The `translated_from` value is found by the YAML parser, not by matching lines, and
replaced where it stands; a file without one gets it as the front matter's last
key. Every other byte stays as it was, and the result is read back: unless it
holds exactly the old values plus the new stamp, nothing is written.
"""

from __future__ import annotations

import yaml

from kazdual.content import source
from kazdual.content.schema import STAMP_KEY


class StampRefused(Exception):
    """The stamp cannot be written without changing something else: nothing is written."""


def with_stamp(path: str, text: str, stamp: str) -> str:
    match = source._EMPTY_FENCE.match(text) or source._FENCE.match(text)
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    entry = f"{STAMP_KEY}: {stamp}"
    if not match:
        stamped = f"---{newline}{entry}{newline}---{newline}" + text
    else:
        offset = match.start(1) if match.re is source._FENCE else match.end() - len(match.group(0).split("\n", 1)[1])
        yaml_text = match.group(1) if match.re is source._FENCE else ""
        try:  # read as the content model reads it (YAML 1.2)
            node = yaml.compose(yaml_text, Loader=source._Loader) if yaml_text.strip() else None
        except yaml.YAMLError:
            raise _refused(path, stamp) from None
        value = (
            next((v for k, v in node.value if k.value == STAMP_KEY), None)
            if isinstance(node, yaml.MappingNode)
            else None
        )
        if value is not None:
            start, end = offset + value.start_mark.index, offset + value.end_mark.index
            stamped = (
                text[:start] + (" " if start == end else "") + stamp + text[end:]
            )  # `translated_from:` with no value yet
        else:
            at = offset + len(yaml_text)
            stamped = text[:at] + entry + newline + text[at:]
    _check(path, text, stamped, stamp)
    return stamped


def _refused(path: str, stamp: str) -> StampRefused:
    return StampRefused(
        f"{path}:1: the stamp could not be added without changing other text: add `{STAMP_KEY}: {stamp}` to the front "
        "matter by hand"
    )


def _check(path: str, before: str, after: str, stamp: str) -> None:
    try:
        old, new = source.parse(path, before), source.parse(path, after)
    except source.SourceProblem:  # the stamp would break the front matter (flow style, `...`)
        raise _refused(path, stamp) from None
    expected = {**{k: v for k, v in old.meta.items() if k != STAMP_KEY}, STAMP_KEY: stamp}
    if new.meta != expected or new.body != old.body:
        raise _refused(path, stamp)
