"""Editors' photos made ready for the web: checked, resized, re-encoded, stripped of metadata.

    from kazdual import photos

    info = photos.inspect(path)               # PhotoInfo(width, height, format): headers only
    photo = photos.process(path, cache_dir)   # ProcessedPhoto: every variant, made or found in the cache
    share = photos.share_image(cache_dir, title=title, site_name=site_name, photo=lead_photo_or_None)

A template then offers the formats smallest first (sizes= is the page's own):

    <picture>
      <source type="image/avif" srcset="{{ photo.srcset('avif', prefix) }}" sizes="...">
      <source type="image/webp" srcset="{{ photo.srcset('webp', prefix) }}" sizes="...">
      <img src="{{ photo.fallback.url(prefix) }}" srcset="{{ photo.srcset('jpeg', prefix) }}" sizes="..."
           width="{{ photo.width }}" height="{{ photo.height }}" alt="...">
    </picture>

- `PHOTO_SUFFIXES`: the file name endings taken as photos, lower-case (compare
  with `path.suffix.lower()`), as the front-matter schema names them. The content decides the format, not the ending.
  `MAX_PIXELS` (40 million) is the largest photo accepted.
- `verify(path, cache_dir) -> PhotoInfo`: inspect(), then every pixel decoded (JPEG
  strictly, since libjpeg only warns of a scan cut short); the verdict is cached by content.
- `inspect(path) -> PhotoInfo(width, height, format)`: the size as readers see it
  (after EXIF orientation) and "JPEG", "PNG", "WebP" or "HEIC". Reads headers and
  walks the file's structure without decoding a pixel, so it also catches a file
  cut short: a fraction of a millisecond for a 12 MB JPEG, against 0.2 s to decode it.
- `process(path, cache_dir) -> ProcessedPhoto` with `width`, `height` (upright) and
  `variants`: `Variant(width, height, format, path, name)`, `format` one of
  "avif", "webp", "jpeg", `path` the bytes in
  the cache, `name` the published file name `<photo's name without suffix>-<width>.<avif|webp|jpg>`,
  `url(prefix)` that name percent-encoded after `prefix`. Widths are those of
  WIDTHS (480, 960, 1600) below the photo's own, then its own capped at 1600:
  never enlarged, and a photo narrower than 480 gets one variant of its own width.
  `of_format(format)` lists one format's variants narrowest first;
  `srcset(format, url_prefix)` gives "prefix/name-480.avif 480w, …"; `fallback`
  is the JPEG for `<img src>` (the widest up to 960 px). The site's build copies
  each variant to its page's folder (kazdual/site/generated.py).
- `share_image(cache_dir, *, title, site_name, photo=None) -> Path`: a 1200×630
  JPEG for Open Graph and Twitter: the photo cropped around its centre or, without
  a photo, a card in the site's colours with the title (up to four lines, as large
  as fits) and the site name, drawn with the Noto Sans shipped in ../fonts.
- `records_location(path) -> bool`: whether the file says where it was taken
  (GPS in EXIF or XMP), from its structure alone; `without_metadata(data) -> bytes`:
  the file with its location, camera, time and comments taken out, its compressed
  picture kept byte for byte (metadata.py; scripts/strip_photo_metadata.py).
- `PhotoProblem`: why a photo cannot be published, in an editor's words
  (`.message`); the caller puts `path:line: ` in front. A truncated, damaged,
  unsupported, mislabelled, missing or too large file (decompression bombs
  included) raises it: nothing else escapes for a bad file.

Every published image is upright (EXIF orientation 1–8 applied), in sRGB (an
embedded ICC profile such as Display P3 is converted, then dropped), and carries
no metadata: no EXIF, GPS, XMP, comment or ICC. Transparency is kept in AVIF and
WebP and flattened onto white in JPEG. The original file is never published.

The cache (`cache_dir`: the build uses `.cache/photos/`, which git ignores) is keyed by the
source's bytes, every encoding setting, a pipeline version and the library
versions: an unchanged photo is never decoded or encoded again, and the same
photo always gives the same bytes. cache.py tells how concurrent and interrupted
builds are kept from spoiling it.
"""

from __future__ import annotations

from pathlib import Path

from kazdual.content.schema import PHOTO_SUFFIXES  # the formats editors may add: the schema's

from .metadata import records_location, without_metadata
from .problems import PhotoProblem
from .reading import MAX_PIXELS, PhotoInfo, inspect, verify
from .share import SHARE_SIZE, share_image
from .variants import FALLBACK_WIDTH, WIDTHS, ProcessedPhoto, Variant, process, target_widths

# Where a website keeps its photos' web versions and verdicts, below its folder (git ignores it).
CACHE_DIR = Path(".cache") / "photos"

__all__ = [
    "CACHE_DIR",
    "FALLBACK_WIDTH",
    "MAX_PIXELS",
    "PHOTO_SUFFIXES",
    "SHARE_SIZE",
    "WIDTHS",
    "PhotoInfo",
    "PhotoProblem",
    "ProcessedPhoto",
    "Variant",
    "inspect",
    "process",
    "records_location",
    "share_image",
    "target_widths",
    "verify",
    "without_metadata",
]
