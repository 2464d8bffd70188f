"""Share images (Open Graph, Twitter): 1200×630 JPEGs, from a news item's lead photo or drawn as a title card."""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from . import cache
from .reading import decode, open_photo, read_source, source_digest
from .variants import RESAMPLING, encode

SHARE_SIZE = (1200, 630)
PHOTO_JPEG = {"format": "JPEG", "quality": 85, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
# Full-resolution colour keeps the edges of white and gold letters on blue clean.
CARD_JPEG = {"format": "JPEG", "quality": 90, "optimize": True, "progressive": True, "subsampling": "4:4:4"}
FONT = Path(__file__).resolve().parent.parent / "fonts" / "NotoSans-Bold.ttf"

# The site's palette, from docs/assets/site.css.
BLUE = (0x00, 0x33, 0x99)  # --md-primary-fg-color
GOLD = (0xFF, 0xCC, 0x00)  # --kd-gold
WHITE = (0xFF, 0xFF, 0xFF)

MARGIN = 88
GOLD_BAR_WIDTH = 24
SITE_NAME_SIZE = 40
TITLE_SIZES = range(80, 43, -4)  # the largest size at which the title fits is used
TITLE_MAX_LINES = 4
LINE_SPACING = 1.2
ELLIPSIS = "…"
_CARD_LAYOUT = {
    "size": SHARE_SIZE,
    "colours": [BLUE, GOLD, WHITE],
    "margin": MARGIN,
    "bar": GOLD_BAR_WIDTH,
    "site_name_size": SITE_NAME_SIZE,
    "title_sizes": list(TITLE_SIZES),
    "lines": TITLE_MAX_LINES,
    "spacing": LINE_SPACING,
    "jpeg": CARD_JPEG,
}


def share_image(cache_dir: Path, *, title: str, site_name: str, photo: Path | None = None) -> Path:
    """A 1200×630 JPEG in `cache_dir` for a page's share image; PhotoProblem if `photo` is unpublishable.

    With `photo`: the photo, upright, in sRGB, scaled to cover 1200×630 and cropped
    around its centre (`title` and `site_name` are not drawn on it). Without: a card
    in the site's colours with `title` (wrapped in up to four lines, as large as
    fits) and `site_name`. The same inputs always give the same bytes, made once.
    """
    # Files are written atomically, so a file that is there is whole.
    if photo is not None:
        path = _photo_share_path(cache_dir, source_digest(photo, cache_dir))
        if not path.is_file():
            data = read_source(photo)
            path = _photo_share_path(cache_dir, cache.digest(data))  # the bytes read decide
            cache.write_atomically(path, encode(_photo_card(data), PHOTO_JPEG))
        return path
    title, site_name = " ".join(title.split()), " ".join(site_name.split())
    contents = (title.encode("utf-8"), site_name.encode("utf-8"), _font_bytes())
    path = cache_dir / "share" / f"{cache.key(_CARD_LAYOUT, *contents)}.jpg"
    if not path.is_file():
        cache.write_atomically(path, encode(_title_card(title, site_name), CARD_JPEG))
    return path


def _photo_share_path(cache_dir: Path, content_digest: bytes) -> Path:
    return cache_dir / "share" / f"{cache.key({'photo': SHARE_SIZE, 'jpeg': PHOTO_JPEG}, content_digest)}.jpg"


def _photo_card(data: bytes) -> Image.Image:
    opened = open_photo(io.BytesIO(data))
    width, height = opened.size
    scale = max(SHARE_SIZE[0] / width, SHARE_SIZE[1] / height)
    with opened.image:
        image = decode(opened, at_least=(round(width * scale), round(height * scale)))
    return ImageOps.fit(image, SHARE_SIZE, method=RESAMPLING, centering=(0.5, 0.5))


def _title_card(title: str, site_name: str) -> Image.Image:
    card = Image.new("RGB", SHARE_SIZE, BLUE)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, GOLD_BAR_WIDTH - 1, SHARE_SIZE[1] - 1), fill=GOLD)
    left, text_width = MARGIN, SHARE_SIZE[0] - 2 * MARGIN
    name_font = _font(SITE_NAME_SIZE)
    name_top = SHARE_SIZE[1] - MARGIN - SITE_NAME_SIZE
    draw.text((left, name_top), _cut_to_width(site_name, name_font, text_width), font=name_font, fill=GOLD, anchor="la")
    title_area = (MARGIN, name_top - MARGIN // 2)  # top and bottom of the space the title may fill
    font, lines = _fitted_title(title, text_width, title_area[1] - title_area[0])
    line_height = round(font.size * LINE_SPACING)
    top = title_area[0] + (title_area[1] - title_area[0] - line_height * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((left, top + number * line_height), line, font=font, fill=WHITE, anchor="la")
    return card


def _fitted_title(title: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title font whose wrapped lines fit; at the smallest, the lines cut with an ellipsis."""
    for size in TITLE_SIZES:
        font = _font(size)
        lines = _wrapped(title, font, width)
        if len(lines) <= TITLE_MAX_LINES and len(lines) * round(size * LINE_SPACING) <= height:
            return font, lines
    kept = lines[:TITLE_MAX_LINES]
    kept[-1] = _cut_to_width(kept[-1] + ELLIPSIS, font, width)
    return font, kept


def _wrapped(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """`text` in lines no wider than `width`, broken between words (inside a word only if it is wider)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        for piece in _pieces(word, font, width):
            candidate = f"{line} {piece}" if line else piece
            if font.getlength(candidate) <= width:
                line = candidate
            else:
                if line:
                    lines.append(line)
                line = piece
    return [*lines, line] if line else lines


def _pieces(word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    pieces = [""]
    for letter in word:
        if pieces[-1] and font.getlength(pieces[-1] + letter) > width:
            pieces.append("")
        pieces[-1] += letter
    return pieces


def _cut_to_width(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    # Basic layout, not Raqm: Raqm depends on system libraries that may differ between
    # machines, and so would the drawn bytes. Latin and Cyrillic need no shaping.
    return ImageFont.truetype(io.BytesIO(_font_bytes()), size, layout_engine=ImageFont.Layout.BASIC)


@functools.cache
def _font_bytes() -> bytes:
    return FONT.read_bytes()
