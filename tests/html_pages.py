"""Reading built pages in tests: the tags and text a reader's browser would get."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]


@dataclass
class HtmlPage:
    path: Path
    tags: list[Tag] = field(default_factory=list)
    text: str = ""

    def find(self, tag_name: str, **attrs: str) -> list[Tag]:
        return [
            tag
            for tag in self.tags
            if tag.name == tag_name and all(tag.attrs.get(key.rstrip("_")) == value for key, value in attrs.items())
        ]

    @property
    def lang(self) -> str:
        return self.find("html")[0].attrs.get("lang", "")


class _Collector(HTMLParser):
    def __init__(self, page: HtmlPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.chunks: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.page.tags.append(Tag(tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.chunks.append(data)


def read_page(path: Path) -> HtmlPage:
    page = HtmlPage(path)
    collector = _Collector(page)
    collector.feed(path.read_text(encoding="utf-8"))
    page.text = " ".join(" ".join(collector.chunks).split())
    return page
