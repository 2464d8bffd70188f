"""Editors' photos made ready for the web: checked, resized, re-encoded, stripped of metadata.

    from kazdual import photos

    info = photos.inspect(path)                     # PhotoInfo(width, height, format), headers only
    photo = photos.process(path, cache_dir)         # ProcessedPhoto: every variant, in the cache
    photo.srcset("webp", "/news/study-visit/")      # "/news/study-visit/group-photo-480.webp 480w, …"
    photo.fallback                                  # the JPEG Variant for <img src> (960 px or less)
    photo.write_to(site_folder)                     # copies the variants under their published names
    photos.share_image(cache_dir, title=..., site_name=..., photo=path_or_None)  # 1200×630 JPEG Path

- `PHOTO_SUFFIXES`: the file name endings taken as photos (lower-case; compare with
  `path.suffix.lower()`). The content decides the format, not the ending.
- `inspect(path) -> PhotoInfo(width, height, format)`: the size as readers see it
  (after EXIF orientation) and "JPEG", "PNG", "WebP" or "HEIC". Reads headers only,
  yet catches a truncated file: about a millisecond for a 12 MB JPEG.
- `process(path, cache_dir) -> ProcessedPhoto`: `width`, `height` (upright), and
  `variants`, each a `Variant(width, height, format, path, name)` with `format`
  "webp" or "jpeg", `path` in the cache and `name` the published file name
  `<file name without suffix>-<width>.<webp|jpg>`. Widths are WIDTHS below the
  photo's own width, then its own width capped at 1600: never enlarged, and a photo
  narrower than 480 gets one variant of its own width. `srcset(format, url_prefix)`,
  `of_format(format)`, `fallback` and `write_to(folder)` serve the templates.
- `share_image(cache_dir, *, title, site_name, photo=None) -> Path`: a 1200×630
  JPEG: the photo cropped around its centre, or, without a photo, a card in the
  site's colours with the title and site name (Noto Sans, in any of the site's languages).
- `PhotoProblem(message)`: why a photo cannot be published, in an editor's words
  (`.message`); the caller puts `path:line: ` in front. Every unreadable,
  truncated, unsupported or too large file (over MAX_PIXELS, decompression bombs
  included) raises it; nothing else escapes for a bad file.

Every published image is upright (EXIF orientation 1–8 applied), in sRGB (an
embedded ICC profile such as Display P3 is converted, then dropped), and carries
no metadata: no EXIF, GPS, XMP, comment or ICC. Transparency is kept in WebP and
flattened onto white in JPEG. The original file is never published.

The cache (`cache_dir`, e.g. `.cache/images/`, ignored by git) is keyed by the
source's bytes, every encoding setting, a pipeline version and the library
versions: an unchanged photo is never decoded or encoded again, and the same
photo always gives the same bytes. See cache.py for how concurrent and
interrupted builds are kept from spoiling it.
"""

from __future__ import annotations

from .problems import PhotoProblem
from .reading import MAX_PIXELS, PHOTO_SUFFIXES, PhotoInfo, inspect
from .share import SHARE_SIZE, share_image
from .variants import FALLBACK_WIDTH, WIDTHS, ProcessedPhoto, Variant, process, target_widths

__all__ = [
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
    "share_image",
    "target_widths",
]
