"""The rules for a news item's photos: every photo a text names exists, can be
published (readable, whole, of sane size), has alt text in every language, and
every photo in the folder is shown somewhere and says nothing of where it was taken."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from kazdual.content.cache import UsedOnly
from kazdual.content.fields import visible
from kazdual.content.findings import Finding, finding
from kazdual.content.links import Rendered, own_photo
from kazdual.content.messages import Message, say
from kazdual.content.texts import Text
from kazdual.content.tree import Entry


def _problem(root: Path, file: Path, inspected: UsedOnly[tuple, Message | None]) -> Message | None:
    """Why the photo cannot be published, in an editor's words; None when it can. Every pixel
    is decoded, once per content (the verdict is cached beside the photos' web versions)."""
    from kazdual import photos

    try:
        info = file.lstat()
    except OSError as error:
        return say("photo.cannot-read", error=error.strerror)
    key = (str(file), info.st_mtime_ns, info.st_size, info.st_ino)
    if key not in inspected:
        try:
            photos.verify(file, root / photos.CACHE_DIR)
            inspected.put(key, None)
        except photos.PhotoProblem as problem:
            inspected.put(key, problem.said)
    return inspected.get(key)


def _records_location(file: Path, located: UsedOnly[tuple, bool]) -> bool:
    """Whether the photo says where it was taken, from its structure alone (read once per content)."""
    from kazdual import photos

    try:
        info = file.lstat()
    except OSError:
        return False  # the photo's own check says so
    key = (str(file), info.st_mtime_ns, info.st_size, info.st_ino)
    if key not in located:
        try:
            located.put(key, photos.records_location(file))
        except photos.PhotoProblem:
            located.put(key, False)
    return bool(located.get(key))


def named_photos(text: Text) -> list[tuple[str, int]]:
    """(file name, line) of each photo the text's front matter names."""
    named = []
    if text.values.get("image"):
        named.append((text.values["image"], text.readable.line_of("image")))
    for index, photo in enumerate(text.values.get("gallery", [])):
        named.append((photo["file"], text.readable.line_of("gallery", index, "file")))
    return named


def body_photos(entry: Entry, rendered: Rendered) -> list[tuple[str, str]]:
    """(file name, alt) of each photo of the folder that the body shows."""
    return [(name, alt) for src, alt in rendered.images if (name := own_photo(entry, src))]


def shown(entry: Entry, texts: list[Text], rendered: dict[str, Rendered]) -> list[str]:
    """The photos of the folder that some text shows: the ones the site publishes."""
    named = {name for text in texts for name, _ in named_photos(text)}
    named |= {name for text in texts for name, _ in body_photos(entry, rendered[text.language])}
    return [name for name in entry.photos if name in named]


def _same_looking(name: str, photos: list[str]) -> str | None:
    """The photo whose name differs from `name` only in Unicode normalisation: "й" as one
    character or as "и" and a breve, as macOS and some zip programs write names."""
    composed = unicodedata.normalize("NFC", name)
    return next((photo for photo in photos if unicodedata.normalize("NFC", photo) == composed), None)


def judge(
    root: Path,
    entry: Entry,
    source: Text,
    texts: list[Text],
    rendered: dict[str, Rendered],
    inspected: UsedOnly[tuple, Message | None],
    located: UsedOnly[tuple, bool],
) -> list[Finding]:
    found, look_alikes = [], set()
    for name, line in named_photos(source):
        if name not in entry.photos:
            twin = _same_looking(name, entry.photos)
            look_alikes.add(twin)
            message = "photo.look-alike" if twin else "photo.not-there"
            found.append(finding(source.path, line, "photo", message, name=name, folder=entry.name))
    used = {name for text in texts for name, _ in named_photos(text)} | look_alikes
    for text in texts:
        for name, alt in body_photos(entry, rendered[text.language]):
            used.add(name)
            if not visible(alt):
                line = next(
                    (
                        n
                        for n, written in enumerate(text.readable.body.split("\n"), start=text.readable.body_line)
                        if name in written
                    ),
                    text.readable.body_line,
                )
                found.append(finding(text.path, line, "photo", "photo.no-alt", name=name))
    stems: dict[str, str] = {}
    for name in entry.photos:
        stem = name.rsplit(".", 1)[0].lower()
        if stem in stems:
            found.append(finding(f"{entry.name}/{name}", 1, "photo", "photo.one-name", name=name, other=stems[stem]))
        stems.setdefault(stem, name)
        if _records_location(root / entry.name / name, located):  # published or not, the original is in the repository
            path = f"{entry.name}/{name}"
            found.append(finding(path, 1, "photo", "photo.located", path=path))
        if name not in used:
            found.append(finding(f"{entry.name}/{name}", 1, "unused-photo", "photo.unused"))
            continue
        problem = _problem(root, root / entry.name / name, inspected)
        if problem:
            found.append(Finding(f"{entry.name}/{name}", 1, "photo", problem))
    return found
