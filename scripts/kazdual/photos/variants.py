"""Every published size of a photo, in AVIF, WebP and JPEG, made once and kept in the cache."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from PIL import Image

from . import cache
from .problems import PhotoProblem
from .reading import decode, open_photo, read_source, source_digest

WIDTHS = (480, 960, 1600)
# The <img src> for browsers that read no srcset: wide enough for a news page's column.
FALLBACK_WIDTH = 960
RESAMPLING = Image.Resampling.LANCZOS
# Resize in two steps (a box reduction, then Lanczos) when shrinking over 3 times: the same look, far faster.
REDUCING_GAP = 3.0
# In the order a <picture> offers them: the smallest first, JPEG for browsers that read neither.
# Chosen with scripts/bench_photos.py: at the same PSNR, AVIF is 25-40 % smaller than
# WebP, for 0.3 s more per new photo. WebP's slowest method saves 15-20 % over the default.
ENCODERS = {
    # One thread: libaom's bytes depend on the thread count, and the same photo must give the same bytes.
    "avif": {"format": "AVIF", "quality": 50, "speed": 8, "max_threads": 1, "codec": "aom", "subsampling": "4:2:0"},
    "webp": {"format": "WEBP", "quality": 80, "method": 6},
    "jpeg": {"format": "JPEG", "quality": 80, "optimize": True, "progressive": True, "subsampling": "4:2:0"},
}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
_JPEG_BACKGROUND = (255, 255, 255)  # JPEG has no transparency: see-through parts turn white
_SETTINGS = {"widths": WIDTHS, "resampling": "lanczos", "reducing_gap": REDUCING_GAP, "encoders": ENCODERS}


@dataclass(frozen=True)
class Variant:
    """One published file: `name` is its file name on the site, `path` its bytes in the cache."""

    width: int
    height: int
    format: str
    path: Path
    name: str

    def url(self, url_prefix: str = "") -> str:
        return url_prefix + quote(self.name)


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo's upright size and its variants, narrowest first within each format."""

    width: int
    height: int
    variants: tuple[Variant, ...]

    def of_format(self, format: str) -> tuple[Variant, ...]:
        if format not in ENCODERS:
            raise ValueError(f"format is one of {', '.join(ENCODERS)}, not {format!r}")
        return tuple(variant for variant in self.variants if variant.format == format)

    def srcset(self, format: str, url_prefix: str = "") -> str:
        """`<prefix>name-480.webp 480w, <prefix>name-960.webp 960w, …` for a <source> or <img>."""
        return ", ".join(f"{variant.url(url_prefix)} {variant.width}w" for variant in self.of_format(format))

    @property
    def fallback(self) -> Variant:
        """The JPEG for `<img src>`: the widest up to FALLBACK_WIDTH (the narrowest if none is)."""
        jpegs = self.of_format("jpeg")
        fitting = [variant for variant in jpegs if variant.width <= FALLBACK_WIDTH]
        return fitting[-1] if fitting else jpegs[0]


def target_widths(width: int) -> tuple[int, ...]:
    """The widths made of a photo `width` wide: each of WIDTHS below it, then its own (at most the largest)."""
    own = min(width, WIDTHS[-1])
    return (*(target for target in WIDTHS if target < own), own)


def process(path: Path, cache_dir: Path) -> ProcessedPhoto:
    """The variants of the photo at `path`, encoded now or found in `cache_dir`; PhotoProblem if unpublishable.

    Published names are `<the photo's file name without suffix>-<width>.<avif|webp|jpg>`.
    """
    entry = _entry(cache_dir, source_digest(path, cache_dir))
    manifest = cache.read_manifest(entry)
    if manifest is None:
        data = read_source(path)
        entry = _entry(cache_dir, cache.digest(data))  # the bytes read decide, should the file have just changed
        manifest = cache.read_manifest(entry) or _make_entry(data, entry)
    variants = tuple(
        Variant(width, height, format, entry / file_name, f"{path.stem}-{width}.{EXTENSIONS[format]}")
        for width, height, format, file_name in manifest["variants"]
    )
    return ProcessedPhoto(manifest["width"], manifest["height"], variants)


def _entry(cache_dir: Path, content_digest: bytes) -> Path:
    return cache_dir / "photos" / cache.key(_SETTINGS, content_digest)


def _make_entry(data: bytes, entry: Path) -> dict:
    opened = open_photo(io.BytesIO(data))
    width, height = opened.size
    with opened.image:
        image = decode(opened, at_least=_largest_size(width, height))
    files: dict[str, int] = {}
    variants: dict[str, list] = {format: [] for format in ENCODERS}
    for target in target_widths(width):
        size = (target, max(1, round(height * target / width)))
        resized = _resized(image, size)
        for format, settings in ENCODERS.items():
            file_name = f"{target}.{EXTENSIONS[format]}"
            encoded = encode(resized, settings)
            cache.write_atomically(entry / file_name, encoded)
            files[file_name] = len(encoded)
            variants[format].append([*size, format, file_name])
    manifest = {"width": width, "height": height, "variants": sum(variants.values(), []), "files": files}
    cache.write_manifest(entry, manifest)
    return manifest


def encode(image: Image.Image, settings: dict) -> bytes:
    """`image` saved with Pillow's `settings` (format included), with no metadata: no EXIF, XMP, ICC or comment."""
    if settings["format"] == "JPEG" and image.mode == "RGBA":
        flat = Image.new("RGB", image.size, _JPEG_BACKGROUND)
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    image.info.clear()  # already empty after decode(); Pillow's JPEG writer would copy a comment from it
    buffer = io.BytesIO()
    try:
        image.save(buffer, **settings)
    except (OSError, ValueError) as error:  # e.g. WebP takes at most 16383 pixels a side
        width, height = image.size
        raise PhotoProblem("photo.cannot-encode", width=width, height=height) from error
    return buffer.getvalue()


def _resized(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image.copy()
    return image.resize(size, RESAMPLING, reducing_gap=REDUCING_GAP)


def _largest_size(width: int, height: int) -> tuple[int, int]:
    widest = target_widths(width)[-1]
    return widest, max(1, round(height * widest / width))
