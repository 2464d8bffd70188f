"""Photos on the site's pages: the web versions of every photo a news item shows,
what partials/picture.html draws for each, and the images link previews show.

Photos are made once per content (kazdual.photos keeps them in .cache/photos/,
which git ignores) and published under news/<slug>/, shared by every language.
The originals never are.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from kazdual import photos
from kazdual.content import Item
from kazdual.content.cache import UsedOnly

CACHE = photos.CACHE_DIR
# How wide each photo is drawn, for the browser's choice among the widths (1rem = 20px).
SIZES = {
    "lead": "(min-width: 45em) 38rem, 100vw",
    "body": "(min-width: 45em) 38rem, 100vw",
    "card": "(min-width: 45em) 14rem, 100vw",
    "gallery": "(min-width: 45em) 12rem, 50vw",
    "view": "(min-width: 45em) 38rem, 100vw",
}
CLASSES = {
    "lead": "kd-article__image",
    "body": "kd-article__image",
    "card": "kd-card__image",
    "gallery": "kd-gallery__image",
    "view": "kd-gallery__large",
}
_IMG = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


class Photos:
    """A site's photos, each processed (or found in the cache) once while it is unchanged;
    `forget_unused()` at the start of a run drops what the last run did not use."""

    def __init__(self, root: Path) -> None:
        self.root, self.cache = root, root / CACHE
        self._made: UsedOnly[tuple, photos.ProcessedPhoto | str] = UsedOnly()  # the photo, or why not
        self._shared: UsedOnly[tuple, Path | None] = UsedOnly()

    def forget_unused(self) -> None:
        self._made.forget_unused()
        self._shared.forget_unused()

    def _key(self, item: Item, name: str) -> tuple | None:
        path = self.root / item.name / name
        try:
            info = path.lstat()
        except OSError:
            return None
        return (path, info.st_mtime_ns, info.st_size, info.st_ino)  # a replaced photo is made again

    def problem(self, item: Item, name: str) -> str | None:
        """Why the photo's web versions could not be made, in an editor's words; None if they were."""
        key = self._key(item, name)
        made = self._made.get(key) if key else "the photo is not there"
        return made if isinstance(made, str) else None

    def processed(self, item: Item, name: str) -> photos.ProcessedPhoto | None:
        """The web versions of a photo; None when it cannot be published (the content
        model has said why: the published build never gets here with such a photo)."""
        key = self._key(item, name)
        if key is None:
            return None
        if key not in self._made:
            try:
                self._made.put(key, photos.process(key[0], self.cache))
            except photos.PhotoProblem as problem:
                self._made.put(key, problem.message)
        made = self._made.get(key)
        return None if isinstance(made, str) else made

    def share(self, title: str, site_name: str, item: Item | None = None) -> Path | None:
        """The link-preview image of `item` (its lead photo) or, without one, a card with `title`;
        None when it cannot be made. Asked once per page of every language: made once."""
        lead = item.value("image") if item else None
        key = (title, site_name, self._key(item, lead) if item and lead else None)
        if key not in self._shared:
            photo = self.root / item.name / lead if item and lead else None
            try:
                self._shared.put(key, photos.share_image(self.cache, title=title, site_name=site_name, photo=photo))
            except photos.PhotoProblem:
                self._shared.put(key, None)
        return self._shared.get(key)


def picture(made: photos.ProcessedPhoto, prefix: str, alt: str, role: str) -> dict:
    """What partials/picture.html needs; `prefix` is the item's folder as seen from the page."""
    return {
        "class": CLASSES[role],
        "sources": [{"type": f"image/{kind}", "srcset": made.srcset(kind, prefix)} for kind in ("avif", "webp")],
        "src": made.fallback.url(prefix),
        "srcset": made.srcset("jpeg", prefix),
        "sizes": SIZES[role],
        "width": made.width,
        "height": made.height,
        "alt": alt,
        "lazy": role != "lead",
    }


def gallery(shown: list[tuple[photos.ProcessedPhoto, dict]], prefix: str, strings: dict) -> list[dict]:
    """What partials/gallery.html needs for each (web versions, gallery entry): its thumbnail,
    its large view (shown when the address names it: #kd-photo-2), and its neighbours'."""
    count = len(shown)
    drawn = []
    for number, (made, photo) in enumerate(shown, start=1):
        drawn.append(
            {
                "id": f"kd-photo-{number}",
                "thumbnail": picture(made, prefix, photo["alt"], "gallery"),
                "view": picture(made, prefix, photo["alt"], "view"),
                "caption": photo.get("caption"),
                "position": strings["gallery_position"].format(number=number, count=count),
                "previous": f"kd-photo-{number - 1}" if number > 1 else None,
                "next": f"kd-photo-{number + 1}" if number < count else None,
            }
        )
    return drawn


def body_pictures(rendered: str, page_url: str, item: Item, draw) -> Markup:
    """`rendered` with each <img> of one of the item's photos drawn as its web versions."""

    def replace(match: re.Match) -> str:
        attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(match.group(1))}
        # MkDocs writes the address of a photo's file percent-encoded (a space, a Cyrillic letter).
        src = unquote(urlsplit(attributes.get("src", "")).path)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url.rstrip("/") + "/x"), src))
        name = target.rsplit("/", 1)[-1]
        if target != f"{item.url_path}{name}" or name not in item.entry.photos:
            return match.group(0)
        return str(draw(name, attributes.get("alt", "")) or match.group(0))

    return Markup(_IMG.sub(replace, str(rendered)))
