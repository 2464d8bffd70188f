"""What a photo file records besides its pixels, and taking it out without touching them.

Cameras and phones record where a photo was taken (GPS), the camera and the time, in
EXIF and XMP. The site never publishes any of it (the web versions carry no metadata),
but the original is committed to the repository, which for a Pages site is public.

- `records_location(path)`: whether the file says where it was taken, told from its
  structure alone (no pixel is decoded).
- `without_metadata(data)`: the file with that metadata taken out and every other
  byte kept, so the compressed picture is copied as it is and decodes bit for bit the
  same. JPEG: the EXIF, XMP, Photoshop (IPTC) and comment segments go, and whatever
  follows the main picture (a phone's second picture or motion-photo video, with
  metadata of their own). PNG: eXIf, the text chunks (XMP, comments) and tIME go.
  WebP: the EXIF and XMP chunks go. Each keeps its EXIF orientation, in a new EXIF
  block that holds nothing else. HEIC: an item cannot move without rewriting the
  file's index of items, so the EXIF GPS block and the XMP packet are blanked where
  they are; the file keeps its length and everything else.

scripts/kazdual/admin/kazdual.js does the same for JPEG, PNG and WebP photos that an
editor adds in the web editor, before they are uploaded; a test compares the bytes.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from . import formats
from .problems import DAMAGED, TRUNCATED, PhotoProblem

_ORIENTATION, _GPS_POINTER, _GPS_VERSION = 0x0112, 0x8825, 0x0000
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}
_XMP_LOCATION = (b"GPSLatitude", b"GPSLongitude")
_EXIF_PREFIX = b"Exif\0\0"
_XMP_JPEG = b"http://ns.adobe.com/xap/1.0/\0"
_XMP_EXTENSION = b"http://ns.adobe.com/xmp/extension/\0"
_EMPTY_XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/><?xpacket end="w"?>'
)
# JPEG application segments that only carry metadata: APP1 (EXIF, XMP), APP13 (IPTC), comments.
_APP1, _APP13, _COMMENT, _SCAN, _END = 0xE1, 0xED, 0xFE, 0xDA, 0xD9
_PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
_WEBP_EXIF_FLAG, _WEBP_XMP_FLAG = 0x08, 0x04
_MAX_TEXT = 4 << 20  # a compressed PNG text is read up to this size


# ---------------------------------------------------------------- EXIF (TIFF) blocks


def _entries(tiff: bytes, offset: int) -> tuple[str, list[tuple[int, int, int, int]]]:
    """The byte order and the entries (tag, type, count, where its value is) of the IFD at `offset`."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None or offset + 2 > len(tiff):
        raise ValueError("not a TIFF block")
    (count,) = struct.unpack_from(order + "H", tiff, offset)
    entries = []
    for n in range(count):
        start = offset + 2 + 12 * n
        if start + 12 > len(tiff):
            raise ValueError("cut short")
        tag, kind, number = struct.unpack_from(order + "HHI", tiff, start)
        size = _TYPE_SIZES.get(kind, 1) * number
        where = start + 8 if size <= 4 else struct.unpack_from(order + "I", tiff, start + 8)[0]
        entries.append((tag, kind, number, where))
    return order, entries


def _first_ifd(tiff: bytes) -> tuple[str, list[tuple[int, int, int, int]]]:
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2], "<")
    return _entries(tiff, struct.unpack_from(order + "I", tiff, 4)[0] if len(tiff) >= 8 else len(tiff))


def _gps_ifd(tiff: bytes) -> int | None:
    """Where the GPS block of an EXIF (TIFF) block starts, if it has one."""
    order, entries = _first_ifd(tiff)
    for tag, _kind, _count, where in entries:
        if tag == _GPS_POINTER and where + 4 <= len(tiff):
            return struct.unpack_from(order + "I", tiff, where)[0]
    return None


def _exif_locates(block: bytes) -> bool:
    tiff = block[len(_EXIF_PREFIX) :] if block.startswith(_EXIF_PREFIX) else block
    try:
        offset = _gps_ifd(tiff)
        return offset is not None and any(tag != _GPS_VERSION for tag, *_ in _entries(tiff, offset)[1])
    except (ValueError, struct.error):
        return False  # a block that cannot be read says nothing


def _orientation(block: bytes) -> int:
    tiff = block[len(_EXIF_PREFIX) :] if block.startswith(_EXIF_PREFIX) else block
    try:
        order, entries = _first_ifd(tiff)
        for tag, kind, _count, where in entries:
            if tag == _ORIENTATION and kind == 3:
                value = struct.unpack_from(order + "H", tiff, where)[0]
                return value if 1 <= value <= 8 else 1
    except (ValueError, struct.error):
        pass
    return 1


def orientation_only(orientation: int) -> bytes:
    """An EXIF (TIFF) block that records the orientation and nothing else."""
    return b"MM\0*" + struct.pack(">IHHHIHHI", 8, 1, _ORIENTATION, 3, 1, orientation, 0, 0)


def _blank_gps(tiff: bytearray) -> None:
    """Empty the GPS block of an EXIF block in place: no entry left, its values zeroed."""
    offset = _gps_ifd(bytes(tiff))
    if offset is None:
        return
    order, entries = _entries(bytes(tiff), offset)
    for _tag, kind, number, where in entries:
        size = _TYPE_SIZES.get(kind, 1) * number
        if size > 4 and where + size <= len(tiff):
            tiff[where : where + size] = bytes(size)
    end = offset + 2 + 12 * len(entries) + 4
    tiff[offset:end] = bytes(end - offset)


# ---------------------------------------------------------------- the formats


def _jpeg_segments(data: bytes) -> tuple[list[tuple[int, int, int]], int]:
    """(marker, start, end) of each segment before the first scan, and where that scan's segment starts."""
    segments: list[tuple[int, int, int]] = []
    position = 2
    while True:
        while data[position : position + 2] == b"\xff\xff":  # fill bytes
            position += 1
        if len(data) < position + 4 or data[position] != 0xFF:
            raise PhotoProblem(DAMAGED)
        marker = data[position + 1]
        end = position + 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if marker == _SCAN:
            return segments, position
        segments.append((marker, position, end))
        position = end


def _jpeg_end(data: bytes, position: int) -> int:
    """Where the main picture ends (after its end-of-image marker), from the first scan on.

    In compressed data a 0xFF byte is followed by 0x00 or a restart marker; any other
    marker (a table, the next scan of a progressive JPEG) is a segment with a length.
    """
    while True:
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        while True:
            position = data.find(b"\xff", position)
            if position < 0 or position + 1 >= len(data):
                raise PhotoProblem(TRUNCATED)
            following = data[position + 1]
            if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                position += 1
                continue
            break
        if following == _END:
            return position + 2


def _jpeg_metadata(marker: int, segment: bytes) -> str | None:
    body = segment[4:]
    if marker == _APP1 and body.startswith(_EXIF_PREFIX):
        return "exif"
    if marker == _APP1 and body.startswith((_XMP_JPEG, _XMP_EXTENSION)):
        return "xmp"
    return "other" if marker in (_APP13, _COMMENT) else None


def _jpeg_without(data: bytes) -> bytes:
    segments, scan = _jpeg_segments(data)
    kept, orientation = [data[:2]], 1
    for marker, start, end in segments:
        kind = _jpeg_metadata(marker, data[start:end])
        if kind == "exif":
            orientation = _orientation(data[start + 4 : end])
        if kind is None:
            kept.append(data[start:end])
    if orientation != 1:  # after the JFIF segment, which must come first
        exif = _EXIF_PREFIX + orientation_only(orientation)
        at = 2 if len(kept) > 1 and kept[1][:2] == b"\xff\xe0" else 1
        kept.insert(at, b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
    return b"".join(kept) + data[scan : _jpeg_end(data, scan)]


def _png_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of every chunk up to IEND."""
    chunks, position = [], 8
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind, end = data[position + 4 : position + 8], position + 12 + length
        chunks.append((kind, position, end))
        position = end
        if kind == b"IEND":
            break
    return chunks


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _png_text(kind: bytes, payload: bytes) -> bytes:
    """The text of a tEXt, zTXt or iTXt chunk; compressed text is uncompressed, up to a limit."""
    _keyword, _, rest = payload.partition(b"\0")
    if kind == b"tEXt":
        return rest
    if kind == b"zTXt":
        compressed, text = True, rest[1:]
    else:  # iTXt: compression flag and method, then a language tag and a translated keyword
        compressed, text = rest[:1] == b"\1", rest[2:].split(b"\0", 2)[-1]
    if not compressed:
        return text
    try:
        return zlib.decompressobj().decompress(text, _MAX_TEXT)
    except zlib.error:
        return b""


def _png_without(data: bytes) -> bytes:
    kept, orientation = [data[:8]], 1
    for kind, start, end in _png_chunks(data):
        if kind == b"eXIf":
            orientation = _orientation(data[start + 8 : end - 4])
            if orientation != 1:
                kept.append(_png_chunk(b"eXIf", orientation_only(orientation)))
        elif kind not in _PNG_DROPPED:
            kept.append(data[start:end])
    return b"".join(kept)


def _webp_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of every chunk of a WebP file, padding included."""
    chunks, position = [], 12
    while position + 8 <= len(data):
        kind, length = data[position : position + 4], int.from_bytes(data[position + 4 : position + 8], "little")
        end = min(position + 8 + length + (length & 1), len(data))
        chunks.append((kind, position, end))
        position = end
    return chunks


def _webp_without(data: bytes) -> bytes:
    kept, orientation = [], 1
    for kind, start, end in _webp_chunks(data):
        if kind == b"EXIF":
            length = int.from_bytes(data[start + 4 : start + 8], "little")
            orientation = _orientation(data[start + 8 : start + 8 + length])
        elif kind != b"XMP ":
            kept.append(bytearray(data[start:end]))
    for chunk in kept:
        if chunk[:4] == b"VP8X":
            chunk[8] &= ~(_WEBP_EXIF_FLAG | _WEBP_XMP_FLAG) & 0xFF
            if orientation != 1:
                chunk[8] |= _WEBP_EXIF_FLAG
    if orientation != 1 and any(chunk[:4] == b"VP8X" for chunk in kept):
        exif = orientation_only(orientation)
        kept.append(bytearray(b"EXIF" + struct.pack("<I", len(exif)) + exif + b"\0" * (len(exif) & 1)))
    body = b"WEBP" + b"".join(kept)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int, int]]:
    """(type, start, start of its content, end) of the ISO media boxes between `start` and `end`."""
    found, position = [], start
    while position + 8 <= end:
        size, kind = int.from_bytes(data[position : position + 4], "big"), data[position + 4 : position + 8]
        header = 8
        if size == 1:
            size, header = int.from_bytes(data[position + 8 : position + 16], "big"), 16
        elif size == 0:
            size = end - position
        if size < header:
            break
        found.append((kind, position, position + header, min(position + size, end)))
        position += size
    return found


def _heic_items(data: bytes) -> dict[str, list[tuple[int, int]]]:
    """Where the EXIF and XMP items of a HEIF file are: {"exif"|"xmp": [(start, end)]}."""
    meta = next(((c, e) for k, _, c, e in _boxes(data, 0, len(data)) if k == b"meta"), None)
    if meta is None:
        return {}
    children = {k: (c, e) for k, _, c, e in _boxes(data, meta[0] + 4, meta[1])}
    kinds: dict[int, str] = {}
    if b"iinf" in children:
        start, end = children[b"iinf"]
        skip = 4 + (2 if data[start] == 0 else 4)
        for kind, _, content, entry_end in _boxes(data, start + skip, end):
            version = data[content] if kind == b"infe" else 0
            if kind != b"infe" or version < 2:
                continue
            id_size = 2 if version == 2 else 4
            item = int.from_bytes(data[content + 4 : content + 4 + id_size], "big")
            item_type = data[content + 6 + id_size : content + 10 + id_size]
            if item_type == b"Exif":
                kinds[item] = "exif"
            elif item_type == b"mime" and b"rdf+xml" in data[content + 10 + id_size : entry_end]:
                kinds[item] = "xmp"
    return _heic_extents(data, children, kinds)


def _heic_extents(data: bytes, children: dict, kinds: dict[int, str]) -> dict[str, list[tuple[int, int]]]:
    if b"iloc" not in children:
        return {}
    position, box_end = children[b"iloc"]
    version = data[position]
    sizes = data[position + 4] >> 4, data[position + 4] & 15, data[position + 5] >> 4, data[position + 5] & 15
    offset_size, length_size, base_size, index_size = sizes[0], sizes[1], sizes[2], sizes[3] if version else 0
    position += 6

    def number(size: int) -> int:
        # A damaged count would otherwise loop billions of times over bytes past the box.
        nonlocal position
        if position + size > box_end:
            raise ValueError("the item locations run past their box")
        value = int.from_bytes(data[position : position + size], "big")
        position += size
        return value

    idat = children.get(b"idat", (0, 0))[0]
    found: dict[str, list[tuple[int, int]]] = {}
    for _ in range(number(2 if version < 2 else 4)):
        item = number(2 if version < 2 else 4)
        method = number(2) & 15 if version else 0
        number(2)  # data reference
        base = number(base_size)
        for _ in range(number(2)):
            number(index_size)
            offset, length = base + number(offset_size), number(length_size)
            if item in kinds and method in (0, 1):
                start = offset + (idat if method == 1 else 0)
                if start + length > len(data):  # blanking it would grow the file by gigabytes
                    raise ValueError("an item lies past the end of the file")
                found.setdefault(kinds[item], []).append((start, start + length))
    return found


def _heic_without(data: bytes) -> bytes:
    blanked = bytearray(data)
    items = _heic_items(data)
    for start, end in items.get("exif", [])[:1]:
        tiff_at = start + 4 + int.from_bytes(data[start : start + 4], "big")
        tiff = bytearray(data[tiff_at:end])
        try:
            _blank_gps(tiff)
        except (ValueError, struct.error):
            continue
        blanked[tiff_at:end] = tiff
    for start, end in items.get("xmp", []):
        empty = _EMPTY_XMP if end - start >= len(_EMPTY_XMP) else b""
        blanked[start:end] = empty + b" " * (end - start - len(empty))
    return bytes(blanked)


# ---------------------------------------------------------------- what callers use


def _blocks(data: bytes, kind: str) -> list[tuple[str, bytes]]:
    """("exif"|"xmp"|"text", bytes) of every metadata block that may say where a photo was taken."""
    if kind == "JPEG":
        segments, _ = _jpeg_segments(data)
        return [(k, data[s + 4 : e]) for m, s, e in segments if (k := _jpeg_metadata(m, data[s:e])) in ("exif", "xmp")]
    if kind == "PNG":
        found = []
        for chunk, start, end in _png_chunks(data):
            payload = data[start + 8 : end - 4]
            if chunk == b"eXIf":
                found.append(("exif", payload))
            elif chunk in (b"tEXt", b"zTXt", b"iTXt"):
                found.append(("xmp", _png_text(chunk, payload)))
        return found
    if kind == "WebP":
        found = []
        for chunk, start, end in _webp_chunks(data):
            if chunk in (b"EXIF", b"XMP "):
                found.append(("exif" if chunk == b"EXIF" else "xmp", data[start + 8 : end]))
        return found
    found = []
    for item, places in _heic_items(data).items():
        for start, end in places:
            block = data[start:end]
            found.append((item, block[4 + int.from_bytes(block[:4], "big") :] if item == "exif" else block))
    return found


def records_location(path: Path) -> bool:
    """Whether the photo at `path` records where it was taken; PhotoProblem if it cannot be read.

    Only the headers of a JPEG are read; other formats keep metadata anywhere, so the
    file is read whole (a few milliseconds for a camera photo)."""
    try:
        with open(path, "rb") as file:
            kind = formats.identify(file.read(formats.HEAD_LENGTH))
            file.seek(0)
            data = file.read(1 << 20) if kind == "JPEG" else file.read()
            if kind == "JPEG":
                while _scan_not_reached(data) and (more := file.read(len(data))):
                    data += more
    except OSError as error:
        raise PhotoProblem("photo.cannot-open", error=str(error.strerror or error)) from error
    try:
        blocks = _blocks(data, kind)
    except (PhotoProblem, IndexError, ValueError, struct.error):
        return False  # the photo's own check says what is wrong with it
    return any(
        _exif_locates(block) if what == "exif" else any(word in block for word in _XMP_LOCATION)
        for what, block in blocks
    )


def _scan_not_reached(data: bytes) -> bool:
    try:
        _jpeg_segments(data)
        return False
    except (PhotoProblem, IndexError):
        return True


def without_metadata(data: bytes) -> bytes:
    """`data`, a JPEG, PNG, WebP or HEIC file, with its metadata taken out (see above) and
    its picture as it was; PhotoProblem when it is no such photo, or is damaged."""
    kind = formats.identify(data[: formats.HEAD_LENGTH])
    strip = {"JPEG": _jpeg_without, "PNG": _png_without, "WebP": _webp_without, "HEIC": _heic_without}[kind]
    try:
        return strip(data)
    except (IndexError, ValueError, struct.error):
        raise PhotoProblem(DAMAGED) from None
