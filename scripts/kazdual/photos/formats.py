"""What a file is, told by its first bytes, and whether it is whole, told by its structure.

Both read only headers (and seek over the rest), so the editors' checker can ask
about every photo without decoding any. A file cut short by an interrupted copy
or upload is caught here, before a decoder meets the missing end.
"""

from __future__ import annotations

from typing import BinaryIO

from kazdual.content.messages import say

from .problems import TRUNCATED, PhotoProblem

HEAD_LENGTH = 64
# ISO base media file brands of HEIF stills (what iPhones write) and of AVIF.
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1", b"mif2"}
_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_ONLY_BRANDS = _HEIF_BRANDS - {b"mif1", b"msf1", b"mif2"}

# Files editors are likely to drop by mistake, by their first bytes (each named by a message).
_NOT_ACCEPTED = (
    (b"%PDF", "photo.is-pdf"),
    (b"GIF8", "photo.is-gif"),
    (b"II*\x00", "photo.is-tiff"),
    (b"MM\x00*", "photo.is-tiff"),
    (b"BM", "photo.is-bmp"),
    (b"8BPS", "photo.is-photoshop"),
    (b"PK\x03\x04", "photo.is-zip"),
    (b"\xd0\xcf\x11\xe0", "photo.is-office"),
    (b"<svg", "photo.is-svg"),
    (b"<?xml", "photo.is-xml"),
)


def identify(head: bytes) -> str:
    """ "JPEG", "PNG", "WebP" or "HEIC" for the formats accepted; PhotoProblem for anything else."""
    if not head:
        raise PhotoProblem("photo.empty")
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        brands = _ftyp_brands(head)
        if brands & _HEIF_ONLY_BRANDS or (brands & _HEIF_BRANDS and not brands & _AVIF_BRANDS):
            return "HEIC"
        if brands & _AVIF_BRANDS:
            raise _not_accepted("photo.is-avif")
        raise _not_accepted("photo.is-media")
    for signature, description in _NOT_ACCEPTED:
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(signature):
            raise _not_accepted(description)
    raise PhotoProblem("photo.not-a-photo")


def check_whole(file: BinaryIO, kind: str) -> None:
    """PhotoProblem(TRUNCATED) when `file`, of `kind` from identify(), ends before its structure does."""
    size = file.seek(0, 2)
    whole = {"JPEG": _jpeg_is_whole, "PNG": _png_is_whole, "WebP": _webp_is_whole, "HEIC": _boxes_are_whole}[kind]
    if not whole(file, size):
        raise PhotoProblem(TRUNCATED)
    file.seek(0)


def _not_accepted(description: str) -> PhotoProblem:
    return PhotoProblem("photo.not-accepted", what=say(description))


def _ftyp_brands(head: bytes) -> set[bytes]:
    box_end = min(int.from_bytes(head[:4], "big"), len(head))
    compatible = [head[offset : offset + 4] for offset in range(16, box_end - 3, 4)]
    return {head[8:12], *compatible}


def _jpeg_is_whole(file: BinaryIO, size: int) -> bool:
    """The marker segments up to the first scan fit, and an end-of-image marker follows it.

    Inside a scan a 0xFF byte is always followed by 0x00 or a restart marker, so
    the first FF D9 after the scan's header ends the main image. Phones may append
    more after it (a second image, a video), so the file need not end there.
    """
    file.seek(2)
    while True:
        marker = file.read(2)
        while marker[:1] == b"\xff" and marker[1:] == b"\xff":  # fill bytes before a marker
            marker = marker[1:] + file.read(1)
        if len(marker) < 2:
            return False
        if marker[0] != 0xFF or marker[1] == 0xD9:
            return True  # not a structure this check knows: the decoder will judge
        if 0xD0 <= marker[1] <= 0xD7 or marker[1] == 0x01:
            continue  # markers without a length
        length_bytes = file.read(2)
        if len(length_bytes) < 2:
            return False
        segment_end = file.tell() + int.from_bytes(length_bytes, "big") - 2
        if segment_end > size:
            return False
        file.seek(segment_end)
        if marker[1] == 0xDA:
            return _finds_end_of_image(file, size, segment_end)


def _finds_end_of_image(file: BinaryIO, size: int, scan_start: int) -> bool:
    file.seek(size - 2)
    if file.read(2) == b"\xff\xd9":
        return True  # the usual case, answered without reading the scan
    file.seek(scan_start)
    previous = b""
    while chunk := file.read(1 << 20):
        if b"\xff\xd9" in previous[-1:] + chunk:
            return True
        previous = chunk
    return False


def _png_is_whole(file: BinaryIO, size: int) -> bool:
    """Every chunk fits in the file, up to the IEND chunk that closes a PNG."""
    position = 8
    while position + 8 <= size:
        file.seek(position)
        header = file.read(8)
        position += 12 + int.from_bytes(header[:4], "big")
        if position > size:
            return False
        if header[4:] == b"IEND":
            return True
    return False


def png_exif(file: BinaryIO) -> bytes | None:
    """The EXIF block of a PNG (its eXIf chunk), wherever it is, without decoding the pixels.

    Pillow finds an eXIf chunk that follows the pixels only by decoding them all.
    """
    size = file.seek(0, 2)
    position = 8
    while position + 8 <= size:
        file.seek(position)
        header = file.read(8)
        length = int.from_bytes(header[:4], "big")
        if header[4:] == b"eXIf":
            found = file.read(length)
            file.seek(0)
            return found
        if header[4:] == b"IEND":
            break
        position += 12 + length
    file.seek(0)
    return None


def _webp_is_whole(file: BinaryIO, size: int) -> bool:
    """The RIFF header says how long the file is."""
    file.seek(4)
    return int.from_bytes(file.read(4), "little") + 8 <= size


def _boxes_are_whole(file: BinaryIO, size: int) -> bool:
    """Every top-level box of a HEIF file fits in it."""
    position = 0
    while position < size:
        file.seek(position)
        header = file.read(16)
        if len(header) < 8:
            return False
        box_size = int.from_bytes(header[:4], "big")
        if box_size == 1:  # a 64-bit size follows the box type
            if len(header) < 16:
                return False
            box_size = int.from_bytes(header[8:16], "big")
        elif box_size == 0:  # the box runs to the end of the file
            return True
        if box_size < 8:
            return True  # not a structure this check knows: the decoder will judge
        position += box_size
    return position == size
