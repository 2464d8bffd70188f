"""What one language's build knows: the judged content, the news it shows, its
listings and interface text, and what the preview tells about each page.

Made by the build object at every language's `on_config`; the events of that
language's build read it, and nothing outlives the run but the build object's caches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from kazdual.admin.files import Memo
from kazdual.content import Content, Item
from kazdual.content.config import SiteConfig
from kazdual.content.findings import Finding
from kazdual.languages import Language
from kazdual.site.listings import Listing
from kazdual.site.photo_pages import Photos


@dataclass
class LanguageBuild:
    site: SiteConfig
    content: Content
    language: Language
    strings: dict
    preview: bool
    news: list[Item]
    listings: dict[str, Listing]
    photos: Photos
    fallback_pages: set[str] = field(default_factory=set)
    notices: dict[str, list[Finding]] = field(default_factory=dict)  # preview: path -> what to fix
    picture_template: jinja2.Template | None = None  # partials/picture.html, for photos inside a text
    fragments: dict[str, Markup] = field(default_factory=dict)  # parts drawn once and shared by news item pages
    site_name: str = ""  # mkdocs.yml's, drawn on the link-preview cards
    admin_memo: Memo | None = None  # the build object's, for the files of /admin/
    charts: dict[str, dict[str, str]] = field(default_factory=dict)  # page path -> its charts, by slot

    def __post_init__(self) -> None:
        self.news_by_path = {item.url_path: item for item in self.news}
        self.news_position = {item.url_path: n for n, item in enumerate(self.news)}
        # Every listing page links to each year's archive: worked out once, not once per page.
        self.news_years = sorted({item.news_date.year for item in self.news}, reverse=True)
        # The preview's pages and items held back by their findings (a published build has none).
        held = self.content.withheld
        self.withheld = {item.url_path: item for item in self.content.items if item.name in held}
        self.pages_by_path = {item.url_path: item for item in self.content.pages if item.name not in held}

    @property
    def languages(self) -> list[Language]:
        return self.site.languages

    @property
    def base(self) -> str:
        return self.site.site_url

    def item_at(self, path: str) -> Item | None:
        """The page or news item at `path` below the language root."""
        return self.news_by_path.get(path) or self.pages_by_path.get(path)

    def meta_of(self, path: str) -> dict:
        """The front-matter values readers of this language get for the page at `path`."""
        item = self.item_at(path)
        return item.text_for(self.language.code)[0].values if item else {}

    def item_share(self, item: Item) -> Path | None:
        """The link-preview image of a news item with a lead photo; None when it cannot be made."""
        if item.source is None:
            return None
        return self.photos.share(item.texts[item.source].values["title"], self.site_name, item)

    def shared(self, name: str, caller: Callable[[], str]) -> Markup:
        """A part of a news item page that is the same on all of them in this language (the
        tabs and the menu: no menu entry is active on an item), drawn on the first only."""
        if name not in self.fragments:
            self.fragments[name] = Markup(caller())
        return self.fragments[name]
