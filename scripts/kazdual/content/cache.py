"""What a process keeps of the content between two loads, so that a rebuild reads and
judges only what changed: the texts (by each file's identity), each item's judgement,
the Markdown renderer with its renders, the photos already inspected, and the last
load whole.

Eviction: each store keeps what the last load used and forgets the rest when the
load ends, so the cache holds one site's worth at most. A deleted text, an older
version of an item, a replaced photo, or all of another site's content are gone
after the next load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from kazdual.content.findings import Finding
    from kazdual.content.links import Renderer
    from kazdual.content.messages import Message
    from kazdual.content.model import Content
    from kazdual.content.texts import Text

Key = TypeVar("Key")
Value = TypeVar("Value")


class UsedOnly(Generic[Key, Value]):
    """A mapping that, at `forget_unused()`, drops every key not asked for or stored since."""

    def __init__(self) -> None:
        self._data: dict[Key, Value] = {}
        self._used: set[Key] = set()

    def get(self, key: Key) -> Value | None:
        self._used.add(key)
        return self._data.get(key)

    def put(self, key: Key, value: Value) -> Value:
        self._used.add(key)
        self._data[key] = value
        return value

    def forget_unused(self) -> None:
        self._data = {key: value for key, value in self._data.items() if key in self._used}
        self._used = set()

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def values(self) -> list[Value]:
        return list(self._data.values())

    def __len__(self) -> int:
        return len(self._data)


@dataclass
class ContentCache:
    """One per process (the build object holds it); a new one for a load that is not to be reused."""

    texts: UsedOnly[str, tuple[tuple, Text]] = field(default_factory=UsedOnly)  # file -> (its identity, text)
    judged: UsedOnly[tuple, tuple[list[Finding], list[str], tuple]] = field(default_factory=UsedOnly)
    renderers: UsedOnly[tuple, Renderer] = field(default_factory=UsedOnly)  # Markdown settings -> renderer
    photos: UsedOnly[tuple, Message | None] = field(default_factory=UsedOnly)  # (path, mtime, size) -> problem
    located: UsedOnly[tuple, bool] = field(default_factory=UsedOnly)  # (path, mtime, size) -> records its place
    last: tuple[tuple, Content] | None = None  # (signature, content) of the last load

    def end_load(self) -> None:
        for store in (self.texts, self.judged, self.renderers, self.photos, self.located):
            store.forget_unused()
        for renderer in self.renderers.values():
            renderer.forget_unused()
