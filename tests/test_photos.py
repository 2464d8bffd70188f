"""The photo pipeline: variants, orientation, colour, metadata, cache, problems, share images."""

from __future__ import annotations

import concurrent.futures
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageFile, ImageFont, WebPImagePlugin
from pillow_heif.as_plugin import HeifImageFile

from kazdual import photos
from kazdual.photos import cache, reading, share, variants
from photo_samples import (
    QUARTERS,
    XMP,
    avif_extras,
    camera_exif,
    display_p3_profile,
    image_bytes,
    jpeg_segments,
    png_chunks,
    png_claiming_size,
    quarter_colours,
    save_photo,
    upright_picture,
    webp_chunks,
)

KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
RUSSIAN_LETTERS = "ёйщъыэюяЁЙЩЪЫЭЮЯ«»—№"
# Segments a JPEG needs to be seen: start, JFIF header, tables, frame, scans, end. No APPn but APP0, no comment.
PLAIN_JPEG_MARKERS = {0xD8, 0xE0, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDD, 0xDA, 0xD9}
PLAIN_WEBP_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
VP8X_METADATA_FLAGS = 0x20 | 0x08 | 0x04  # ICC, EXIF, XMP


def close(colour, expected, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def assert_no_metadata(path: Path) -> None:
    """Nothing but pixels: checked on the file's structure, then as Pillow reads it."""
    data = path.read_bytes()
    if data[:2] == b"\xff\xd8":
        assert set(jpeg_segments(data)) <= PLAIN_JPEG_MARKERS, path
        assert data[6:11] == b"JFIF\0"
    elif data[4:8] == b"ftyp":
        assert avif_extras(data) == [], path
    else:
        chunks = dict(webp_chunks(data))
        assert set(chunks) <= PLAIN_WEBP_CHUNKS, path
        assert not (chunks.get(b"VP8X", b"\0")[0] & VP8X_METADATA_FLAGS), path
    with Image.open(path) as image:
        assert not len(image.getexif()), path
        assert not {"exif", "icc_profile", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info), path


def problem_of(action, *args, **kwargs) -> str:
    with pytest.raises(photos.PhotoProblem) as caught:
        action(*args, **kwargs)
    return caught.value.message


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def count_encodes(monkeypatch) -> list[str]:
    """Every image Pillow saves from now on, by format (clear it after making the samples)."""
    saved: list[str] = []
    original = Image.Image.save

    def counting_save(image, fp, format=None, **options):
        saved.append(format)
        return original(image, fp, format, **options)

    monkeypatch.setattr(Image.Image, "save", counting_save)
    return saved


# Sizes and formats.


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (4000, (480, 960, 1600)),
        (1600, (480, 960, 1600)),
        (1200, (480, 960, 1200)),
        (960, (480, 960)),
        (480, (480,)),
        (300, (300,)),
    ],
)
def test_widths_are_never_enlarged_and_include_the_photos_own_up_to_1600(width, expected):
    assert photos.target_widths(width) == expected


def test_a_camera_photo_gives_every_width_in_avif_webp_and_jpeg(tmp_path, cache_dir):
    photo = save_photo(tmp_path / "group-photo.jpg", upright_picture((2000, 1500)))
    processed = photos.process(photo, cache_dir)
    assert (processed.width, processed.height) == (2000, 1500)
    found = [(v.width, v.height, v.format, v.name) for v in processed.variants]
    assert found == [
        (width, height, format, f"group-photo-{width}.{extension}")
        for format, extension in (("avif", "avif"), ("webp", "webp"), ("jpeg", "jpg"))
        for width, height in ((480, 360), (960, 720), (1600, 1200))
    ]
    for variant in processed.variants:
        with Image.open(variant.path) as image:
            assert (image.width, image.height, image.format) == (variant.width, variant.height, variant.format.upper())
            assert variant.path.parent.is_relative_to(cache_dir)


def test_a_4000_by_3000_photo_turned_by_exif_6_gives_portrait_variants(tmp_path, cache_dir):
    photo = save_photo(tmp_path / "portrait.jpg", upright_picture((3000, 4000)), orientation=6)
    with Image.open(photo) as stored:
        assert stored.size == (4000, 3000)
    assert photos.inspect(photo) == photos.PhotoInfo(3000, 4000, "JPEG")
    processed = photos.process(photo, cache_dir)
    assert [(v.width, v.height) for v in processed.of_format("webp")] == [(480, 640), (960, 1280), (1600, 2133)]
    with Image.open(processed.of_format("webp")[-1].path) as image:
        assert all(close(quarter_colours(image)[name], colour) for name, colour in QUARTERS.items())


def test_a_photo_narrower_than_480_gets_one_variant_of_its_own_width(tmp_path, cache_dir):
    processed = photos.process(save_photo(tmp_path / "small.png", upright_picture((300, 200))), cache_dir)
    assert [(v.width, v.height, v.format) for v in processed.variants] == [
        (300, 200, "avif"),
        (300, 200, "webp"),
        (300, 200, "jpeg"),
    ]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_turned_upright(tmp_path, cache_dir, orientation):
    photo = save_photo(tmp_path / "turned.jpg", upright_picture((64, 48)), orientation=orientation)
    info = photos.inspect(photo)
    assert (info.width, info.height) == (64, 48)
    processed = photos.process(photo, cache_dir)
    assert (processed.width, processed.height) == (64, 48)
    for variant in processed.variants:
        with Image.open(variant.path) as image:
            colours = quarter_colours(image)
        assert all(close(colours[name], colour) for name, colour in QUARTERS.items()), (variant.format, colours)


def test_srcset_fallback_and_published_copies(tmp_path, cache_dir):
    photo = save_photo(tmp_path / "Семинар 2024.jpg", upright_picture((1200, 800)))
    processed = photos.process(photo, cache_dir)
    assert processed.srcset("webp", "/ru/news/seminar/") == (
        "/ru/news/seminar/%D0%A1%D0%B5%D0%BC%D0%B8%D0%BD%D0%B0%D1%80%202024-480.webp 480w, "
        "/ru/news/seminar/%D0%A1%D0%B5%D0%BC%D0%B8%D0%BD%D0%B0%D1%80%202024-960.webp 960w, "
        "/ru/news/seminar/%D0%A1%D0%B5%D0%BC%D0%B8%D0%BD%D0%B0%D1%80%202024-1200.webp 1200w"
    )
    fallback = processed.fallback
    assert (fallback.width, fallback.format, fallback.name) == (960, "jpeg", "Семинар 2024-960.jpg")
    assert all(variant.path.is_file() for variant in processed.variants)
    with pytest.raises(ValueError):
        processed.srcset("png")


# Metadata and colour.


@pytest.mark.parametrize("suffix", [".jpg", ".png", ".webp", ".heic"])
def test_no_metadata_survives_in_any_output(tmp_path, cache_dir, suffix):
    photo = save_photo(tmp_path / f"camera{suffix}", upright_picture((600, 400)), icc_profile=display_p3_profile())
    with Image.open(photo) as source:  # the sample does carry what must go
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert source.info.get("icc_profile") and (source.info.get("xmp") or source.info.get("XML:com.adobe.xmp"))
    processed = photos.process(photo, cache_dir)
    assert len(processed.variants) == 6
    for variant in processed.variants:
        assert_no_metadata(variant.path)
    assert_no_metadata(photos.share_image(cache_dir, title="", site_name="", photo=photo))


@pytest.mark.parametrize("format", ["JPEG", "WEBP", "AVIF"])
def test_the_metadata_check_sees_metadata(tmp_path, format):
    path = tmp_path / f"with-metadata.{format.lower()}"
    exif = camera_exif().tobytes()
    Image.new("RGB", (32, 32)).save(path, format, exif=exif, xmp=XMP, icc_profile=display_p3_profile())
    with pytest.raises(AssertionError):
        assert_no_metadata(path)


def test_display_p3_colours_are_converted_to_srgb(tmp_path, cache_dir):
    p3_colour = (180, 120, 60)
    photo = tmp_path / "p3.jpg"
    Image.new("RGB", (64, 48), p3_colour).save(photo, quality=100, subsampling=0, icc_profile=display_p3_profile())
    expected = ImageCms.profileToProfile(
        Image.new("RGB", (1, 1), p3_colour),
        ImageCms.ImageCmsProfile(io.BytesIO(display_p3_profile())),
        ImageCms.createProfile("sRGB"),
    ).getpixel((0, 0))
    assert not close(expected, p3_colour, tolerance=8)  # the test means something only if they differ
    for variant in photos.process(photo, cache_dir).variants:
        with Image.open(variant.path) as image:
            assert close(image.convert("RGB").getpixel((32, 24)), expected, tolerance=4), variant.format


def test_cmyk_jpeg_becomes_rgb(tmp_path, cache_dir):
    photo = tmp_path / "print.jpg"
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(photo, quality=95)  # full magenta and yellow: red
    for variant in photos.process(photo, cache_dir).variants:
        with Image.open(variant.path) as image:
            assert image.mode == "RGB"
            assert close(image.getpixel((32, 24)), (255, 0, 0), tolerance=20)


def test_transparency_is_kept_in_avif_and_webp_and_flattened_onto_white_in_jpeg(tmp_path, cache_dir):
    picture = Image.new("RGBA", (64, 48), (0, 0, 0, 0))
    picture.paste((200, 0, 0, 255), (0, 0, 32, 48))
    photo = tmp_path / "logo.png"
    picture.save(photo)
    processed = photos.process(photo, cache_dir)
    for variant in processed.of_format("avif") + processed.of_format("webp"):
        with Image.open(variant.path) as image:
            assert image.mode == "RGBA"
            assert image.getpixel((48, 24))[3] == 0 and close(image.getpixel((16, 24)), (200, 0, 0, 255))
    with Image.open(processed.fallback.path) as jpeg:
        assert jpeg.mode == "RGB"
        assert close(jpeg.getpixel((48, 24)), (255, 255, 255)) and close(jpeg.getpixel((16, 24)), (200, 0, 0))


def test_an_opaque_png_with_alpha_channel_loses_the_channel(tmp_path, cache_dir):
    photo = tmp_path / "opaque.png"
    upright_picture((64, 48)).convert("RGBA").save(photo)
    with Image.open(photo_webp := photos.process(photo, cache_dir).of_format("webp")[0].path) as image:
        assert image.mode == "RGB", photo_webp


def test_palette_png_with_transparency(tmp_path, cache_dir):
    picture = Image.new("P", (64, 48), 0)
    picture.putpalette([255, 255, 255, 0, 0, 200])
    picture.paste(1, (0, 0, 32, 48))
    photo = tmp_path / "palette.png"
    picture.save(photo, transparency=0)
    with Image.open(photos.process(photo, cache_dir).of_format("webp")[0].path) as image:
        assert image.mode == "RGBA" and image.getpixel((48, 24))[3] == 0
        assert close(image.getpixel((16, 24)), (0, 0, 200, 255))


def test_16_bit_grey_png_keeps_its_tones(tmp_path, cache_dir):
    picture = Image.new("I", (64, 48))
    picture.paste(16384, (0, 0, 32, 48))  # a quarter of full white
    picture.paste(49152, (32, 0, 64, 48))  # three quarters
    photo = tmp_path / "scan.png"
    picture.convert("I;16").save(photo)
    assert photo.read_bytes()[24] == 16  # bits per sample
    with Image.open(photos.process(photo, cache_dir).fallback.path) as image:
        assert close(image.getpixel((16, 24)), (64, 64, 64), 4) and close(image.getpixel((48, 24)), (191, 191, 191), 4)


def test_heic_from_an_iphone_is_read_upright(tmp_path, cache_dir):
    photo = save_photo(tmp_path / "IMG_0001.heic", upright_picture((64, 48)), orientation=6)
    assert photos.inspect(photo) == photos.PhotoInfo(64, 48, "HEIC")
    processed = photos.process(photo, cache_dir)
    assert [(v.width, v.height, v.name) for v in processed.of_format("jpeg")] == [(64, 48, "IMG_0001-64.jpg")]
    with Image.open(processed.fallback.path) as image:
        assert all(close(quarter_colours(image)[name], colour, 16) for name, colour in QUARTERS.items())


# The cache.


def test_an_unchanged_photo_is_neither_decoded_nor_encoded_again(tmp_path, cache_dir, count_encodes, monkeypatch):
    photo = save_photo(tmp_path / "photo.jpg", upright_picture((1000, 750)))
    count_encodes.clear()
    first = photos.process(photo, cache_dir)
    assert len(count_encodes) == 9
    written = {v.path: v.path.stat().st_mtime_ns for v in first.variants}

    def not_again(*args, **kwargs):
        raise AssertionError("an unchanged photo was read or decoded")

    monkeypatch.setattr(Image, "open", not_again)
    monkeypatch.setattr(cache.hashlib, "file_digest", not_again)
    monkeypatch.setattr(variants, "read_source", not_again)
    again = photos.process(photo, cache_dir)
    assert again == first
    assert len(count_encodes) == 9
    assert {v.path: v.path.stat().st_mtime_ns for v in again.variants} == written


def test_a_photo_replaced_by_another_of_the_same_size_and_time_is_processed_again(tmp_path, cache_dir):
    photo = tmp_path / "photo.png"
    upright_picture((64, 48)).save(photo, compress_level=0)  # uncompressed: the size depends on nothing else
    first = photos.process(photo, cache_dir)
    status = photo.stat()
    replaced = upright_picture((64, 48)).transpose(Image.Transpose.ROTATE_180)
    photo.write_bytes(image_bytes(replaced, "PNG", compress_level=0))
    os.utime(photo, ns=(status.st_atime_ns, status.st_mtime_ns))  # as `cp -p` or `touch -r` would leave it
    assert photo.stat().st_size == status.st_size and photo.stat().st_mtime_ns == status.st_mtime_ns
    second = photos.process(photo, cache_dir)
    assert second.fallback.path != first.fallback.path
    with Image.open(second.fallback.path) as image:
        assert close(quarter_colours(image)["top left"], QUARTERS["bottom right"])


def test_the_same_photo_gives_the_same_bytes_in_fresh_caches(tmp_path):
    photo = save_photo(tmp_path / "photo.webp", upright_picture((1000, 750)), icc_profile=display_p3_profile())
    first = photos.process(photo, tmp_path / "one")
    second = photos.process(photo, tmp_path / "two")
    assert [v.path.read_bytes() for v in first.variants] == [v.path.read_bytes() for v in second.variants]
    assert [v.path.relative_to(tmp_path / "one") for v in first.variants] == [
        v.path.relative_to(tmp_path / "two") for v in second.variants
    ]


def test_changing_an_encoding_setting_makes_new_files(tmp_path, cache_dir, monkeypatch):
    photo = save_photo(tmp_path / "photo.jpg", upright_picture((500, 400)))
    before = photos.process(photo, cache_dir)
    monkeypatch.setitem(variants.ENCODERS["webp"], "quality", 50)
    after = photos.process(photo, cache_dir)
    assert before.variants[0].path.parent != after.variants[0].path.parent
    assert before.of_format("webp")[0].path.read_bytes() != after.of_format("webp")[0].path.read_bytes()


def test_a_damaged_or_unfinished_cache_entry_is_made_again(tmp_path, cache_dir, count_encodes):
    photo = save_photo(tmp_path / "photo.jpg", upright_picture((500, 400)))
    count_encodes.clear()
    processed = photos.process(photo, cache_dir)
    good = processed.variants[0].path.read_bytes()
    processed.variants[0].path.write_bytes(good[: len(good) // 2])  # as a half-written file would be
    assert photos.process(photo, cache_dir) == processed
    assert processed.variants[0].path.read_bytes() == good
    (processed.variants[0].path.parent / cache.MANIFEST).unlink()  # as a build stopped before the end would leave it
    assert photos.process(photo, cache_dir) == processed
    assert len(count_encodes) == 18


def test_an_interrupted_write_leaves_nothing_to_trust(tmp_path, cache_dir, monkeypatch):
    photo = save_photo(tmp_path / "photo.jpg", upright_picture((500, 400)))
    replace = os.replace

    def interrupted(source, target):
        if Path(target).name == "480.jpg":
            raise KeyboardInterrupt
        replace(source, target)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        photos.process(photo, cache_dir)
    [entry] = (cache_dir / "photos").iterdir()
    assert sorted(path.name for path in entry.iterdir()) == ["480.avif", "480.webp"]  # no manifest, no partial file
    monkeypatch.setattr(os, "replace", replace)
    assert all(v.path.is_file() for v in photos.process(photo, cache_dir).variants)


def _process_in_another_process(arguments: tuple[str, str]) -> list[bytes]:
    processed = photos.process(Path(arguments[0]), Path(arguments[1]))
    return [variant.path.read_bytes() for variant in processed.variants]


def test_builds_filling_the_cache_at_once_agree(tmp_path, cache_dir):
    photo = save_photo(tmp_path / "photo.jpg", upright_picture((1000, 750)))
    with concurrent.futures.ProcessPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(_process_in_another_process, [(str(photo), str(cache_dir))] * 3))
    reference = [v.path.read_bytes() for v in photos.process(photo, tmp_path / "alone").variants]
    assert results == [reference] * 3
    assert [v.path.read_bytes() for v in photos.process(photo, cache_dir).variants] == reference
    assert not list(cache_dir.rglob("*.partial"))


# Problems, in an editor's words.


def _truncated(suffix: str, cut: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = save_photo(folder / f"a{suffix}", upright_picture((256, 192)))
        path.write_bytes(path.read_bytes()[:-cut])
        return path

    return make


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return make


def _claiming(width: int, height: int) -> Callable[[Path], Path]:
    return lambda folder: png_claiming_size(folder / "a.png", width, height)


_TINY = Image.new("RGB", (9, 9))
# case: (what makes the file in a folder, what the message says)
PROBLEMS = {
    "truncated jpeg": (_truncated(".jpg", 12), "truncated"),
    "jpeg cut in its headers": (
        _file("a.jpg", image_bytes(_TINY, "JPEG", exif=camera_exif().tobytes())[:60]),
        "truncated",
    ),
    "truncated png": (_truncated(".png", 12), "truncated"),
    "truncated webp": (_truncated(".webp", 100), "truncated"),
    "truncated heic": (_truncated(".heic", 100), "truncated"),
    "over 40 megapixels": (_claiming(8000, 5001), "the photo is 40.1 megapixels; the limit is 40 megapixels"),
    "past Pillow's warning": (_claiming(10000, 10000), "the photo is 100 megapixels; the limit is 40 megapixels"),
    "decompression bomb": (_claiming(30000, 20000), "the photo is 600 megapixels; the limit is 40 megapixels"),
    "text renamed .jpg": (_file("a.jpg", "Семинар туралы мәтін\n".encode()), "not a photo the site can read"),
    "pdf renamed .jpg": (_file("a.jpg", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"), "this is a PDF document"),
    "gif": (_file("a.gif", image_bytes(Image.new("P", (9, 9)), "GIF")), "this is a GIF image"),
    "avif": (_file("a.jpg", image_bytes(_TINY, "AVIF")), "this is an AVIF image"),
    "empty file": (_file("a.jpg", b""), "the file is empty"),
    "damaged jpeg": (_file("a.jpg", b"\xff\xd8\xff\xdb\x00\x04\x00\x00" + b"\x17" * 300 + b"\xff\xd9"), "damaged"),
    "missing file": (lambda folder: folder / "gone.jpg", "cannot be opened"),
    "a strip too tall for WebP": (_file("a.png", image_bytes(Image.new("L", (2, 20000)), "PNG")), "2×20000 pixels"),
}


@pytest.mark.parametrize("case", PROBLEMS)
def test_every_problem_is_told_in_plain_words(tmp_path, cache_dir, case):
    make, expected = PROBLEMS[case]
    photo = make(tmp_path)
    messages = [
        problem_of(photos.inspect, photo),
        problem_of(photos.process, photo, cache_dir),
        problem_of(photos.share_image, cache_dir, title="", site_name="", photo=photo),
    ]
    for message in messages:
        assert expected in message
        assert message[0].islower() and message == message.strip()
        assert not any(
            word in message for word in ("None", "Error", "Exception", "Traceback", "PIL", "Pillow", "errno")
        )
    made = [path for folder in ("photos", "share") for path in (cache_dir / folder).rglob("*.*")]
    assert not made, "a problem photo left images in the cache"


def test_an_encoder_refusing_a_photo_is_told_not_thrown(tmp_path, cache_dir, monkeypatch):
    photo = save_photo(tmp_path / "a.jpg", upright_picture((64, 48)))

    def refusing(image, fp, format=None, **options):
        raise ValueError("encoding error 5: Image size exceeds WebP limit of 16383 pixels")

    monkeypatch.setattr(Image.Image, "save", refusing)
    message = problem_of(photos.process, photo, cache_dir)
    assert message == "the photo cannot be made ready for the web at 64×48 pixels: crop it to a usual shape"


def test_truncated_messages_say_what_to_do(tmp_path):
    photo = _truncated(".jpg", 12)(tmp_path)
    assert problem_of(photos.inspect, photo) == "the photo is cut short (truncated): copy or export it again"


def test_too_large_message_says_what_to_do(tmp_path):
    message = problem_of(photos.inspect, png_claiming_size(tmp_path / "big.png", 8000, 6500))
    assert message == "the photo is 52 megapixels; the limit is 40 megapixels: export it smaller, e.g. 4000×3000"


def test_heic_without_pillow_heif_is_explained(tmp_path, monkeypatch):
    photo = save_photo(tmp_path / "IMG_0001.heic", upright_picture((64, 48)))
    monkeypatch.setattr(reading, "pillow_heif", None)
    assert problem_of(photos.inspect, photo).startswith("HEIC photos need the pillow-heif package")


def test_a_jpeg_with_data_after_its_end_is_whole(tmp_path):
    """Phones append a second picture or a short video after the photo (motion photos)."""
    photo = save_photo(tmp_path / "motion.jpg", upright_picture((64, 48)))
    photo.write_bytes(photo.read_bytes() + b"\0\0\0\x18ftypmp42" + bytes(range(256)) * 40)
    assert photos.inspect(photo) == photos.PhotoInfo(64, 48, "JPEG")


@pytest.mark.parametrize("suffix", [".jpg", ".png", ".webp", ".heic"])
def test_inspect_decodes_no_pixels(tmp_path, monkeypatch, suffix):
    photo = save_photo(tmp_path / f"a{suffix}", upright_picture((64, 48)), orientation=8)
    plain_png = tmp_path / "plain.png"
    upright_picture((64, 48)).save(plain_png)  # no EXIF at all: Pillow would decode it to look for one

    def no_decoding(*args, **kwargs):
        raise AssertionError("inspect decoded the photo")

    for image_class in (ImageFile.ImageFile, WebPImagePlugin.WebPImageFile, HeifImageFile):
        monkeypatch.setattr(image_class, "load", no_decoding)
    formats = {".jpg": "JPEG", ".png": "PNG", ".webp": "WebP", ".heic": "HEIC"}
    assert photos.inspect(photo) == photos.PhotoInfo(64, 48, formats[suffix])
    assert photos.inspect(plain_png) == photos.PhotoInfo(64, 48, "PNG")


def test_a_png_whose_exif_follows_its_pixels_is_turned_upright(tmp_path, cache_dir, monkeypatch):
    photo = save_photo(tmp_path / "late-exif.png", upright_picture((64, 48)), orientation=6)
    chunks = png_chunks(photo.read_bytes())
    exif = next(chunk for chunk in chunks if chunk[4:8] == b"eXIf")
    chunks.remove(exif)
    chunks.insert(-1, exif)  # just before IEND, after IDAT
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"".join(chunks))
    with monkeypatch.context() as patch:
        patch.setattr(ImageFile.ImageFile, "load", lambda image: pytest.fail("inspect decoded the photo"))
        assert photos.inspect(photo) == photos.PhotoInfo(64, 48, "PNG")
    with Image.open(photos.process(photo, cache_dir).fallback.path) as image:
        assert all(close(quarter_colours(image)[name], colour) for name, colour in QUARTERS.items())


def test_photo_suffixes_are_lower_case_and_cover_the_formats():
    assert set(photos.PHOTO_SUFFIXES) == {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"}
    assert photos.MAX_PIXELS == 40_000_000 and photos.WIDTHS == (480, 960, 1600)


# Share images.


def test_a_share_image_from_a_photo_is_its_centre_at_1200_by_630(tmp_path, cache_dir, count_encodes):
    photo = save_photo(tmp_path / "lead.jpg", upright_picture((1600, 1200)), orientation=3)
    count_encodes.clear()
    path = photos.share_image(cache_dir, title="Title", site_name="KAZDUAL", photo=photo)
    with Image.open(path) as image:
        assert (image.size, image.format) == ((1200, 630), "JPEG")
        colours = quarter_colours(image)
    assert all(close(colours[name], colour) for name, colour in QUARTERS.items())
    assert photos.share_image(cache_dir, title="Another title", site_name="KAZDUAL", photo=photo) == path
    assert len(count_encodes) == 1
    assert photos.share_image(tmp_path / "fresh", title="", site_name="", photo=photo).read_bytes() == path.read_bytes()


def test_a_share_card_is_drawn_in_the_site_colours(tmp_path, cache_dir, count_encodes):
    title = "Дуалды білім беру жобасы"
    path = photos.share_image(cache_dir, title=title, site_name="KAZDUAL")
    with Image.open(path) as image:
        assert (image.size, image.format) == ((1200, 630), "JPEG")
        assert close(image.getpixel((8, 300)), share.GOLD) and close(image.getpixel((1150, 20)), share.BLUE)
    assert_no_metadata(path)
    assert photos.share_image(cache_dir, title="Дуалды  білім беру жобасы ", site_name="KAZDUAL") == path
    assert len(count_encodes) == 1
    assert photos.share_image(tmp_path / "fresh", title=title, site_name="KAZDUAL").read_bytes() == path.read_bytes()
    assert photos.share_image(cache_dir, title="Жаңалықтар", site_name="KAZDUAL") != path


def test_a_long_title_is_wrapped_in_at_most_four_lines_and_cut_with_an_ellipsis():
    width, height = 1024, 400
    short_font, short = share._fitted_title("Оқу сапары", width, height)
    assert short == ["Оқу сапары"] and short_font.size == max(share.TITLE_SIZES)
    long_title = " ".join(["Тироль педагогикалық жоғары мектебіне оқу сапары"] * 6)
    font, lines = share._fitted_title(long_title, width, height)
    assert len(lines) == 4 and lines[-1].endswith("…") and font.size == min(share.TITLE_SIZES)
    assert all(font.getlength(line) <= width for line in lines)
    _, broken = share._fitted_title("Қ" * 80, width, height)
    assert all(font.getlength(line) <= width for line in broken)


def _drawn(letter: str, font: ImageFont.FreeTypeFont) -> bytes:
    image = Image.new("L", (96, 96))
    ImageDraw.Draw(image).text((16, 8), letter, font=font, fill=255)
    return image.tobytes()


def test_the_font_has_every_kazakh_and_russian_letter():
    font = ImageFont.truetype(str(share.FONT), 48)
    missing = _drawn("\ue000", font)  # private use: drawn as the font's "no such letter" glyph
    blank = _drawn(" ", font)
    for letter in KAZAKH_LETTERS + RUSSIAN_LETTERS:
        assert _drawn(letter, font) not in (missing, blank), letter
