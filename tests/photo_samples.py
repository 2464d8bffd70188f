"""Photos made for the tests, as cameras and phones make them, and readers of what outputs carry."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import ExifTags, Image, PngImagePlugin

# Four colours in the four quarters of the upright picture, to tell every turn and mirror apart.
QUARTERS = {
    "top left": (220, 30, 30),
    "top right": (30, 200, 30),
    "bottom left": (30, 30, 220),
    "bottom right": (240, 240, 240),
}
# What a camera stores for each EXIF orientation, from the upright picture (EXIF 2.3, tag 0x0112):
# 6 means "turn the stored image 90° clockwise to view it", so the camera stored it turned anticlockwise.
STORED_FROM_UPRIGHT = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
GPS = {1: "N", 2: (43.0, 14.0, 18.5), 3: "E", 4: (76.0, 53.0, 44.2)}  # Almaty


def upright_picture(size: tuple[int, int]) -> Image.Image:
    width, height = size
    picture = Image.new("RGB", size)
    for name, colour in QUARTERS.items():
        left = 0 if "left" in name else width // 2
        top = 0 if "top" in name else height // 2
        picture.paste(colour, (left, top, left + width - width // 2, top + height - height // 2))
    return picture


def quarter_colours(image: Image.Image) -> dict[str, tuple[int, int, int]]:
    """The colour in the middle of each quarter of `image`."""
    rgb = image.convert("RGB")
    width, height = rgb.size
    points = {"top left": (1, 1), "top right": (3, 1), "bottom left": (1, 3), "bottom right": (3, 3)}
    return {name: rgb.getpixel((width * x // 4, height * y // 4)) for name, (x, y) in points.items()}


def camera_exif(orientation: int = 1, gps: bool = True) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Apple"
    exif[ExifTags.Base.Model] = "iPhone 15"
    if gps:
        exif[ExifTags.Base.GPSInfo] = GPS
    return exif


def save_photo(path: Path, upright: Image.Image, orientation: int = 1, gps: bool = True, **options) -> Path:
    """Save `upright` as a camera would with `orientation`, with EXIF and XMP; by `path`'s suffix.
    `gps`: with where it was taken, as phones do (the site refuses such a photo in a news folder)."""
    turn = STORED_FROM_UPRIGHT[orientation]
    stored = upright.transpose(turn) if turn is not None else upright
    exif = camera_exif(orientation, gps).tobytes()
    suffix = path.suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        stored.save(path, "JPEG", quality=95, exif=exif, xmp=XMP, comment=b"taken at the seminar", **options)
    elif suffix == ".png":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "taken at the seminar")
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        stored.save(path, "PNG", exif=exif, pnginfo=info, **options)
    elif suffix == ".webp":
        stored.save(path, "WEBP", quality=95, exif=exif, xmp=XMP, **options)
    elif suffix == ".heic":
        stored.save(path, "HEIF", quality=90, exif=exif, xmp=XMP, **options)
    else:
        raise ValueError(suffix)
    return path


def display_p3_profile() -> bytes:
    """A Display P3 ICC profile (v2, matrix and gamma 2.2), as phones embed; Pillow can only make sRGB."""

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + struct.pack(">3i", *(round(value * 65536) for value in (x, y, z)))

    gamma = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    description = b"Display P3 (test)\0"
    tags = {
        b"desc": b"desc\0\0\0\0" + struct.pack(">I", len(description)) + description + b"\0" * 78,
        b"wtpt": xyz(0.9642, 1.0, 0.8249),
        b"rXYZ": xyz(0.51512, 0.24119, -0.00105),
        b"gXYZ": xyz(0.29198, 0.69225, 0.04189),
        b"bXYZ": xyz(0.15710, 0.06657, 0.78407),
        b"rTRC": gamma,
        b"gTRC": gamma,
        b"bTRC": gamma,
        b"cprt": b"text\0\0\0\0No copyright, test data\0",
    }
    table, data = b"", b""
    offset = 128 + 4 + 12 * len(tags)
    for signature, body in tags.items():
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    date = (2024, 1, 1, 0, 0, 0)
    header = struct.pack(">I4sI4s4s4s6H4s", size, b"lcms", 0x02100000, b"mntr", b"RGB ", b"XYZ ", *date, b"acsp")
    header += b"\0" * (68 - len(header)) + xyz(0.9642, 1.0, 0.8249)[8:]
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + data


def png_claiming_size(path: Path, width: int, height: int) -> Path:
    """A whole, valid-looking PNG header claiming `width`×`height`, with almost no pixel data:
    a decompression bomb's shape, made without the memory such an image would need."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunks)
    return path


def png_chunks(data: bytes) -> list[bytes]:
    """Every chunk of a PNG, whole (length, type, body, CRC), in order."""
    chunks, position = [], 8
    while position < len(data):
        end = position + 12 + int.from_bytes(data[position : position + 4], "big")
        chunks.append(data[position:end])
        position = end
    return chunks


def jpeg_segments(data: bytes) -> list[int]:
    """The marker of every segment of a JPEG, in order (scans skipped); what is after the end is not read."""
    markers, position = [], 2
    assert data[:2] == b"\xff\xd8"
    while position < len(data):
        assert data[position] == 0xFF, f"no marker at {position}"
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xD9:
            assert position + 2 == len(data), "bytes after the end of the image"
            return markers
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        position += 2 + length
        if marker == 0xDA:  # entropy-coded data runs to the next marker that is not a stuffed 0xFF or a restart
            while not (data[position] == 0xFF and data[position + 1] not in (0x00, *range(0xD0, 0xD8))):
                position += 1
    raise AssertionError("no end of image")


def webp_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(kind, body) of every chunk in a WebP file."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, position = [], 12
    while position < len(data):
        kind, length = data[position : position + 4], int.from_bytes(data[position + 4 : position + 8], "little")
        chunks.append((kind, data[position + 8 : position + 8 + length]))
        position += 8 + length + length % 2
    return chunks


def avif_extras(data: bytes) -> list[str]:
    """What an AVIF file holds besides its pictures: items that are not AV1 images, colour profiles."""
    extras: list[str] = []

    def boxes(start: int, end: int):
        while start < end:
            size, kind, header = int.from_bytes(data[start : start + 4], "big"), data[start + 4 : start + 8], 8
            if size == 1:
                size, header = int.from_bytes(data[start + 8 : start + 16], "big"), 16
            elif size == 0:
                size = end - start
            yield kind, start + header, start + size
            start += size

    def walk(start: int, end: int) -> None:
        for kind, body, box_end in boxes(start, end):
            if kind == b"meta":  # a full box: version and flags come first
                walk(body + 4, box_end)
            elif kind == b"iinf":
                walk(body + 4 + (2 if data[body] == 0 else 4), box_end)
            elif kind == b"infe":  # version 2 or 3: item id, protection index, then the item's type
                item_type = data[body + 4 + (2 if data[body] < 3 else 4) + 2 :][:4]
                if item_type not in (b"av01", b"grid"):
                    extras.append(item_type.decode("latin-1"))
            elif kind in (b"iprp", b"ipco"):
                walk(body, box_end)
            elif kind == b"colr" and data[body : body + 4] != b"nclx":  # nclx names sRGB; prof/rICC embed ICC
                extras.append("colr " + data[body : body + 4].decode("latin-1"))

    assert data[4:12] == b"ftypavif"
    walk(0, len(data))
    return extras


def image_bytes(image: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()
