"""Opening an editor's photo safely, and decoding it upright, in sRGB, without metadata."""

from __future__ import annotations

import io
import json
import math
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import simplejpeg
from PIL import Image, ImageCms

from kazdual.content.messages import from_data

from . import cache, formats
from .problems import DAMAGED, GARBLED, TRUNCATED, PhotoProblem

try:
    import pillow_heif
except ImportError:  # the build still publishes every other photo; HEIC ones get a plain message
    pillow_heif = None  # type: ignore[assignment]
else:
    # Only the main picture is published: skip decoding thumbnails, depth maps and the like.
    pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)

MAX_PIXELS = 40_000_000
# WebP takes at most 16383 pixels a side; variants are at most 1600 wide, so at most 16000 high.
MAX_HEIGHT_PER_WIDTH = 10
HEIC_UNAVAILABLE = "photo.no-heic"

_PILLOW_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WebP": "WEBP", "HEIC": "HEIF"}
_ORIENTATION_TAG = 0x0112
# EXIF orientation -> the transpose that makes the picture upright (as ImageOps.exif_transpose).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SIXTEEN_BIT_MODES = {"I;16", "I;16L", "I;16B", "I;16N", "I"}
_PROFILE_SPACES = {"RGB": "RGB ", "RGBA": "RGB ", "L": "GRAY", "CMYK": "CMYK"}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class PhotoInfo:
    """A photo's size as readers see it (after EXIF orientation) and its format: "JPEG", "PNG", "WebP" or "HEIC"."""

    width: int
    height: int
    format: str


@dataclass
class OpenedPhoto:
    """A photo whose headers were read and checked; its pixels are decoded by `decode()`."""

    image: Image.Image
    format: str
    orientation: int

    @property
    def turned(self) -> bool:
        return self.orientation in (5, 6, 7, 8)

    @property
    def size(self) -> tuple[int, int]:
        width, height = self.image.size
        return (height, width) if self.turned else (width, height)


def inspect(path: Path) -> PhotoInfo:
    """Size and format of the photo at `path`, and that it can be published; PhotoProblem if not.

    Reads headers only, no pixel is decoded: 0.2 ms for a 12 MB JPEG, against 160 ms to decode it.
    """
    try:
        with open(path, "rb") as file:
            opened = open_photo(file)
            with opened.image:
                return PhotoInfo(*opened.size, opened.format)
    except OSError as error:
        raise _cannot_open(error) from error


# Raise when verify() judges photos otherwise: verdicts kept in the cache are then made anew.
VERIFY_VERSION = 2  # 2: the verdict is a message by name and values, said in any language
_JPEG_COLOURS = {"L": "GRAY", "CMYK": "CMYK"}


def verify(path: Path, cache_dir: Path) -> PhotoInfo:
    """inspect(), then every pixel decoded: a photo whose picture data is damaged, or that does
    not decode to the size its header declares, is refused (PhotoProblem). The verdict is kept
    in `cache_dir` by the photo's content, so each photo is decoded once."""
    info = inspect(path)
    digest = source_digest(path, cache_dir)
    record = cache_dir / "verdicts" / f"{cache.key({'verify': VERIFY_VERSION}, digest)}.json"
    try:
        kept = json.loads(record.read_text("utf-8"))["problem"]
        problem = None if kept is None else from_data(kept)
    except (OSError, ValueError, KeyError, TypeError):
        data = read_source(path)
        record = cache_dir / "verdicts" / f"{cache.key({'verify': VERIFY_VERSION}, cache.digest(data))}.json"
        try:
            _decode_fully(data)
            problem = None
        except PhotoProblem as refused:
            problem = refused.said
        said = None if problem is None else problem.as_data()
        cache.remember(record, json.dumps({"problem": said}).encode("utf-8"))
    if problem is not None:
        raise PhotoProblem.of(problem)
    return info


def _decode_fully(data: bytes) -> None:
    opened = open_photo(io.BytesIO(data))
    with opened.image:
        declared = opened.image.size
        decode(opened)
        if opened.image.size != declared:
            raise PhotoProblem(DAMAGED)
        if opened.format == "JPEG":
            # libjpeg fills what it cannot read with grey and tells only a warning, which Pillow drops.
            try:
                simplejpeg.decode_jpeg(
                    data, colorspace=_JPEG_COLOURS.get(opened.image.mode, "RGB"), min_factor=8, strict=True
                )
            except ValueError as error:
                raise PhotoProblem(GARBLED) from error


def read_source(path: Path) -> bytes:
    """The bytes of the photo at `path`; PhotoProblem when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise _cannot_open(error) from error


def source_digest(path: Path, cache_dir: Path) -> bytes:
    """cache.source_digest() of the photo at `path`; PhotoProblem when it cannot be read."""
    try:
        return cache.source_digest(path, cache_dir)
    except OSError as error:
        raise _cannot_open(error) from error


def _cannot_open(error: OSError) -> PhotoProblem:
    return PhotoProblem("photo.cannot-open", error=str(error.strerror or error))


def open_photo(file: BinaryIO) -> OpenedPhoto:
    """Identify, check and open `file` (headers only); PhotoProblem says what is wrong."""
    kind = formats.identify(file.read(formats.HEAD_LENGTH))
    if kind == "HEIC" and pillow_heif is None:
        raise PhotoProblem(HEIC_UNAVAILABLE)
    formats.check_whole(file, kind)
    png_exif = formats.png_exif(file) if kind == "PNG" else None
    try:
        with warnings.catch_warnings():
            # Pillow warns between its limit and twice it; the check below covers that range.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(file, formats=[_PILLOW_FORMATS[kind]])
    except Image.DecompressionBombError as error:
        raise _too_big(_pixels_in(str(error))) from error
    except Exception as error:  # any decoder's failure is a damaged file to the editor
        raise PhotoProblem(DAMAGED) from error
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise _too_big(image.width * image.height)
    opened = OpenedPhoto(image, kind, _orientation(image, png_exif))
    width, height = opened.size
    if height > width * MAX_HEIGHT_PER_WIDTH:
        image.close()
        raise PhotoProblem("photo.too-tall", width=width, height=height, times=MAX_HEIGHT_PER_WIDTH)
    return opened


def decode(opened: OpenedPhoto, at_least: tuple[int, int] | None = None) -> Image.Image:
    """The photo's pixels upright, in sRGB, as RGB or RGBA (alpha kept only if used), with no metadata.

    `at_least` (upright width, height) lets a JPEG decode at a half, quarter or
    eighth of its size when that still covers it: faster, and no worse after resizing.
    """
    image = opened.image
    if at_least and image.format == "JPEG":
        wanted = at_least[::-1] if opened.turned else at_least
        image.draft(None, (max(1, wanted[0]), max(1, wanted[1])))
    try:
        image.load()
    except MemoryError:
        raise
    except OSError as error:
        raise PhotoProblem(TRUNCATED if "truncated" in str(error) else DAMAGED) from error
    except Exception as error:  # any decoder's failure is a damaged file to the editor
        raise PhotoProblem(DAMAGED) from error
    if opened.orientation in _UPRIGHT:
        image = image.transpose(_UPRIGHT[opened.orientation])
    try:
        return _in_srgb(image, opened.image.info.get("icc_profile"))
    except ValueError as error:  # a colour mode Pillow reads but cannot convert
        raise PhotoProblem("photo.colours") from error


def _orientation(image: Image.Image, png_exif: bytes | None) -> int:
    # A broken EXIF block must not stop a photo: it only loses its orientation.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if image.format == "PNG":  # Pillow's getexif() would decode a PNG to look for it
                exif = Image.Exif()
                exif.load(png_exif or b"")
            else:
                exif = image.getexif()
            value = exif.get(_ORIENTATION_TAG, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) and value in range(1, 9) else 1


def _in_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    image = _plain_mode(image)
    if icc_profile and image.mode in _PROFILE_SPACES:
        image = _converted_to_srgb(image, icc_profile)
    if image.mode != "RGBA" or image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    image.info.clear()
    return image


def _plain_mode(image: Image.Image) -> Image.Image:
    """The image as L, RGB, RGBA or CMYK: the modes colour management and the encoders know."""
    if image.mode in _PROFILE_SPACES:
        return image
    if image.mode in _SIXTEEN_BIT_MODES:
        # convert("L") would clip 16-bit values at 255 (white); scale them instead.
        return image.convert("I").point(lambda value: value / 257).convert("L")
    if image.mode == "1":
        return image.convert("L")
    has_alpha = "A" in image.mode or "a" in image.mode or image.has_transparency_data
    return image.convert("RGBA" if has_alpha else "RGB")


def _converted_to_srgb(image: Image.Image, icc_profile: bytes) -> Image.Image:
    """Pixels converted from the embedded profile (phones embed Display P3) to sRGB.

    A profile that cannot be read, or does not fit the pixels, is ignored: the
    photo is then taken as sRGB, which is what a browser would do with it too.
    """
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        if source.profile.xcolor_space != _PROFILE_SPACES[image.mode]:
            return image
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=output_mode)
        return converted if converted is not None else image  # None only when converting in place
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _too_big(pixels: int | None) -> PhotoProblem:
    limit = MAX_PIXELS // 1_000_000
    if pixels is None:
        return PhotoProblem("photo.far-too-large", limit=limit)
    megapixels = math.ceil(pixels / 100_000) / 10
    return PhotoProblem("photo.too-large", megapixels=f"{megapixels:g}", limit=limit)


def _pixels_in(message: str) -> int | None:
    match = re.search(r"\((\d+) pixels\)", message)
    return int(match[1]) if match else None
