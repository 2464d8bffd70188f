"""What the site publishes as it is, from docs/ and overrides/: an allow-list, by name and by content.

A file copied to the site keeps the site's address, so a browser opening it runs
whatever it can run with the site's origin, where the web editor keeps its
GitHub token. So only kinds that no browser runs as a document are published:
style sheets, raster images, fonts and PDF documents, each checked by its first
bytes; and SVG drawings only as an SVG sanitizer (Cloudflare's svg-hush) leaves
them: no script, event handler, `foreignObject` or address on another host. A
drawing the sanitizer would change is refused, so the editor learns that it
would not look as drawn; the build publishes the sanitizer's output in any case.
The site's own scripts live with its templates in overrides/, never in docs/.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from py_svg_hush import filter_svg

from kazdual.content.findings import Finding, finding
from kazdual.content.messages import Message, say

SVG = ".svg"
# Name ending -> (what it is, a message; whether a file's first 16 bytes are one).
_SIGNATURES: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    ".png": ("asset.png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("asset.jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("asset.jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".gif": ("asset.gif", lambda head: head.startswith((b"GIF87a", b"GIF89a"))),
    ".webp": ("asset.webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    ".avif": ("asset.avif", lambda head: head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")),
    ".ico": ("asset.icon", lambda head: head.startswith(b"\x00\x00\x01\x00")),
    ".woff2": ("asset.font", lambda head: head.startswith(b"wOF2")),
    ".woff": ("asset.font", lambda head: head.startswith(b"wOFF")),
    ".ttf": ("asset.font", lambda head: head.startswith((b"\x00\x01\x00\x00", b"true"))),
    ".otf": ("asset.font", lambda head: head.startswith(b"OTTO")),
    ".pdf": ("asset.pdf", lambda head: head.startswith(b"%PDF-")),
}
STYLE_SHEET = ".css"
PUBLISHED = (*_SIGNATURES, STYLE_SHEET, SVG)
# Only the templates' own folder may hold scripts: it is the site's code, not its content.
SCRIPT = ".js"
ALLOWED_RULE = say("asset.allowed").text()  # in English, as the finding begins
# url(…) or @import of an address with a scheme or a host of its own; data: addresses stay inside the file.
_FOREIGN_IN_CSS = re.compile(
    r"""url\(\s*['"]?\s*((?!data:)(?:[a-z][a-z0-9+.-]*:|//)[^'")\s]*)|@import\s+['"]\s*((?:[a-z][a-z0-9+.-]*:|//)[^'"]*)""",
    re.I,
)
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
_XLINK_NAMESPACE = "{http://www.w3.org/1999/xlink}"


def _svg_parts(data: bytes) -> Counter[tuple[str, str, str]] | None:
    """Each element, attribute and text of a drawing's SVG markup; None where it is no XML.
    Parts in other vocabularies (an editor program's own notes) are left out: they draw nothing."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    parts: Counter[tuple[str, str, str]] = Counter()
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag.startswith(_SVG_NAMESPACE):
            continue
        name = tag[len(_SVG_NAMESPACE) :]
        parts[(name, "", (element.text or "").strip())] += 1
        for attribute, value in element.attrib.items():
            if attribute.startswith("{") and not attribute.startswith(_XLINK_NAMESPACE):
                continue
            parts[(name, attribute.replace(_XLINK_NAMESPACE, "xlink:"), value.strip())] += 1
    return parts


def _describe(part: tuple[str, str, str]) -> Message:
    element, attribute, value = part
    if not attribute:
        return say("asset.svg-element", element=element)
    shown = value if len(value) <= 60 else value[:57] + "…"
    return say("asset.svg-attribute", attribute=attribute, value=shown, element=element)


def published_svg(data: bytes) -> bytes:
    """The drawing as the site publishes it: what the sanitizer leaves of it. ValueError if it is no SVG."""
    return filter_svg(data, None)


def _svg_problem(data: bytes) -> Message | None:
    if b"<!ENTITY" in data or b"<!entity" in data:
        return say("asset.svg-entities")
    try:
        kept = published_svg(data)
    except ValueError:
        return say("asset.svg-unreadable")
    before, after = _svg_parts(data), _svg_parts(kept)
    if before is None or after is None:
        return say("asset.svg-unreadable")
    dropped = sorted((before - after).elements())
    if not dropped:
        return None
    if len(dropped) > 1:
        return say("asset.svg-dropped-more", part=_describe(dropped[0]), more=len(dropped) - 1)
    return say("asset.svg-dropped", part=_describe(dropped[0]))


def judge(root: Path, path: str, scripts_allowed: bool = False) -> list[Finding]:
    """Findings about one file that would be published as it is (`path` below `root`)."""
    suffix = Path(path).suffix.lower()
    if scripts_allowed and suffix == SCRIPT:
        return []
    if suffix not in PUBLISHED:
        return [finding(path, 1, "stray", "asset.not-published", rule=say("asset.allowed"))]
    try:
        with open(root / path, "rb") as file:
            data = file.read() if suffix in (SVG, STYLE_SHEET) else file.read(16)
    except OSError as error:
        return [finding(path, 1, "unreadable", "file.cannot-read", error=error.strerror)]
    problem: Message | None
    if suffix == SVG:
        problem = _svg_problem(data)
    elif suffix == STYLE_SHEET:
        problem = None if _is_text(data) else say("asset.css-not-utf-8")
        foreign = None if problem else _FOREIGN_IN_CSS.search(data.decode("utf-8"))
        if foreign:
            problem = say("asset.css-foreign", address=foreign.group(1) or foreign.group(2))
    else:
        what, is_one = _SIGNATURES[suffix]
        problem = None if is_one(data) else say("asset.not-what-named", what=say(what))
    return [Finding(path, 1, "stray", problem)] if problem else []


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data
