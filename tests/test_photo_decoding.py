"""Photos are decoded fully before they are accepted: a photo whose picture data is damaged is
refused by name, the verdict is kept by content, and no page refers to a picture never written."""

from __future__ import annotations

import io
import json
import random
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import check_translations
from conftest import LANGUAGES, build
from kazdual import photos
from kazdual.photos import reading
from photo_samples import upright_picture

ITEM = "news/2023-11-13-visit"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_pixels(pixels: bytes, width: int = 600, height: int = 400) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def short_png() -> bytes:
    rows = b"".join(b"\x00" + bytes(3 * 600) for _ in range(400))
    return png_with_pixels(zlib.compress(rows[: len(rows) // 3]))


def not_deflate_png() -> bytes:
    return png_with_pixels(b"\x78\x9c" + bytes(range(256)) * 8)


def jpeg(size=(1200, 800), **options) -> bytes:
    buffer = io.BytesIO()
    upright_picture(size).save(buffer, "JPEG", quality=90, **options)
    return buffer.getvalue()


def _scan(data: bytes) -> tuple[int, int]:
    start = data.index(b"\xff\xda")
    return start + 2 + int.from_bytes(data[start + 2 : start + 4], "big"), data.rindex(b"\xff\xd9")


def jpeg_cut_and_closed() -> bytes:
    data = jpeg()
    start, end = _scan(data)
    return data[: start + (end - start) // 2] + b"\xff\xd9"


def jpeg_garbled() -> bytes:
    data = bytearray(jpeg())
    start, end = _scan(bytes(data))
    middle = (start + end) // 2
    data[middle : middle + 64] = bytes(random.Random(7).randrange(1, 255) for _ in range(64))
    return bytes(data)


DAMAGED = {
    "short.png": (short_png, "the photo is cut short (truncated)"),
    "noise.png": (not_deflate_png, "the photo is damaged and cannot be read"),
    "cut.jpg": (jpeg_cut_and_closed, "the photo's picture data is damaged"),
    "garbled.jpg": (jpeg_garbled, "the photo's picture data is damaged"),
}


def write_item(project: Path, photo: str, data: bytes) -> None:
    (project / ITEM).mkdir(parents=True, exist_ok=True)
    (project / ITEM / photo).write_bytes(data)
    for language in LANGUAGES:
        (project / ITEM / f"index.{language.code}.md").write_text(
            f"---\ntitle: Visit {language.code}\ndate: 2023-11-13\nsummary: One sentence.\n"
            f"image: {photo}\nimage_alt: The hall\n---\n\nA sentence of news {language.code}.\n",
            "utf-8",
        )


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_photo_whose_picture_data_is_damaged_is_refused_by_name(project, capsys, name):
    make, message = DAMAGED[name]
    write_item(project, name, make())
    assert check_translations.main(["--root", str(project)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(f"{ITEM}/{name}:1: ")]
    assert len(lines) == 1 and message in lines[0], lines


def test_the_published_build_refuses_it_too(project, tmp_path):
    write_item(project, "short.png", short_png())
    result = build(project, tmp_path / "out")
    assert result.returncode == 1 and f"{ITEM}/short.png:1: the photo is cut short" in result.stderr


def test_a_whole_photo_in_every_format_is_accepted(tmp_path):
    for suffix, options in ((".jpg", {}), (".jpg", {"progressive": True}), (".png", {}), (".webp", {})):
        path = tmp_path / f"whole{suffix}"
        upright_picture((640, 480)).save(path, **options)
        assert photos.verify(path, tmp_path / "cache") == photos.PhotoInfo(640, 480, photos.inspect(path).format)


def test_the_verdict_is_decoded_once_per_content(tmp_path, monkeypatch):
    decoded = []
    real = reading._decode_fully
    monkeypatch.setattr(reading, "_decode_fully", lambda data: decoded.append(len(data)) or real(data))
    cache = tmp_path / "cache"
    for name, data in (("a.png", short_png()), ("b.png", short_png()), ("c.jpg", jpeg())):
        (tmp_path / name).write_bytes(data)
    for _ in range(2):
        for name in ("a.png", "b.png", "c.jpg"):
            try:
                photos.verify(tmp_path / name, cache)
            except photos.PhotoProblem:
                pass
    assert len(decoded) == 2  # the short PNG (twice the same bytes) and the JPEG, once each


def test_a_check_on_a_read_only_cache_still_judges(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache").chmod(0o500)
    (tmp_path / "a.png").write_bytes(short_png())
    try:
        with pytest.raises(photos.PhotoProblem):
            photos.verify(tmp_path / "a.png", tmp_path / "cache" / "inside")
    finally:
        (tmp_path / "cache").chmod(0o700)


def test_no_page_of_a_preview_points_at_a_picture_never_written(project, tmp_path):
    """The preview shows an item whose lead photo is damaged, without it: its link preview is the site's card."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    write_item(project, "short.png", short_png())
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    config.strict = False
    config.plugins.on_startup(command="serve", dirty=False)  # a preview, started as the preview starts one
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # this process's next builds publish
    site = tmp_path / "out"
    base = config.site_url
    for page in site.rglob("*.html"):
        for url in _meta_images(page.read_text("utf-8")):
            assert url.startswith(base) and (site / url[len(base) :]).is_file(), (page, url)


def _meta_images(page: str) -> list[str]:
    import re

    return re.findall(r'<meta (?:property="og:image"|name="twitter:image") content="([^"]+)"', page)


PHOTO = st.sampled_from(["jpg", "png", "webp"])
EDITS = st.lists(
    st.tuples(st.sampled_from(["flip", "cut", "insert"]), st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=4
)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=PHOTO, edits=EDITS)
def test_a_photo_is_refused_in_words_or_published_whole(tmp_path, kind, edits):
    buffer = io.BytesIO()
    upright_picture((160, 120)).save(buffer, {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[kind])
    data = bytearray(buffer.getvalue())
    for edit, where, value in edits:
        at = int(where * max(0, len(data) - 1))
        if edit == "flip" and data:
            data[at] = value
        elif edit == "cut" and at > 0:
            del data[at:]
        elif edit == "insert":
            data[at:at] = bytes([value])
    path = tmp_path / f"photo-{len(data)}-{zlib.crc32(bytes(data))}.{kind}"
    path.write_bytes(bytes(data))
    try:
        info = photos.verify(path, tmp_path / "cache")
    except photos.PhotoProblem as problem:
        assert problem.message and "\n" not in problem.message
        return
    made = photos.process(path, tmp_path / "cache")  # a photo accepted is published: no PhotoProblem here
    assert (made.width, made.height) == (info.width, info.height)
    for variant in made.variants:
        with Image.open(variant.path) as image:
            image.load()
            assert image.size == (variant.width, variant.height)
    json.dumps([variant.name for variant in made.variants])
