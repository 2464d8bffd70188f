"""The rules for a news item's photos: every photo a text names exists, can be
published (readable, whole, of sane size), has alt text in every language, and
every photo in the folder is shown somewhere."""

from __future__ import annotations

from pathlib import Path

from kazdual.content.fields import visible
from kazdual.content.findings import Finding
from kazdual.content.links import Rendered, own_photo
from kazdual.content.texts import Text
from kazdual.content.tree import Entry

_inspected: dict[tuple, str | None] = {}  # (path, mtime, size) -> problem or None


def _problem(file: Path) -> str | None:
    """Why the photo cannot be published, in an editor's words; None when it can."""
    from kazdual import photos

    try:
        info = file.lstat()
    except OSError as error:
        return f"cannot read the photo ({error.strerror})"
    key = (str(file), info.st_mtime_ns, info.st_size)
    if key not in _inspected:
        try:
            photos.inspect(file)
            _inspected[key] = None
        except photos.PhotoProblem as problem:
            _inspected[key] = problem.message
    return _inspected[key]


def named_photos(text: Text) -> list[tuple[str, int]]:
    """(file name, line) of each photo the text's front matter names."""
    named = []
    if text.values.get("image"):
        named.append((text.values["image"], text.document.line_of("image")))
    for index, photo in enumerate(text.values.get("gallery", [])):
        named.append((photo["file"], text.document.line_of("gallery", index, "file")))
    return named


def body_photos(entry: Entry, rendered: Rendered) -> list[tuple[str, str]]:
    """(file name, alt) of each photo of the folder that the body shows."""
    return [(name, alt) for src, alt in rendered.images if (name := own_photo(entry, src))]


def shown(entry: Entry, texts: list[Text], rendered: dict[str, Rendered]) -> list[str]:
    """The photos of the folder that some text shows: the ones the site publishes."""
    named = {name for text in texts for name, _ in named_photos(text)}
    named |= {name for text in texts for name, _ in body_photos(entry, rendered[text.language])}
    return [name for name in entry.photos if name in named]


def judge(root: Path, entry: Entry, source: Text, texts: list[Text], rendered: dict[str, Rendered]) -> list[Finding]:
    found = []
    for name, line in named_photos(source):
        if name not in entry.photos:
            found.append(
                Finding(
                    source.path,
                    line,
                    "photo",
                    f"the photo {name} is not in {entry.name}/: add it there, or fix the name",
                )
            )
    used = {name for text in texts for name, _ in named_photos(text)}
    for text in texts:
        for name, alt in body_photos(entry, rendered[text.language]):
            used.add(name)
            if not visible(alt):
                line = next(
                    (
                        n
                        for n, l in enumerate(text.document.body.split("\n"), start=text.document.body_line)
                        if name in l
                    ),
                    text.document.body_line,
                )
                found.append(
                    Finding(
                        text.path,
                        line,
                        "photo",
                        f"the photo {name} has no alt text here: write what it shows between the brackets, e.g. ![Participants in the hall]({name})",
                    )
                )
    stems: dict[str, str] = {}
    for name in entry.photos:
        stem = name.rsplit(".", 1)[0].lower()
        if stem in stems:
            found.append(
                Finding(
                    f"{entry.name}/{name}",
                    1,
                    "photo",
                    f"{name} and {stems[stem]} would be published under one name: rename one of them",
                )
            )
        stems.setdefault(stem, name)
        if name not in used:
            found.append(
                Finding(
                    f"{entry.name}/{name}",
                    1,
                    "unused-photo",
                    "no text shows this photo: add it to the gallery with alt text in every language, or remove it",
                )
            )
            continue
        problem = _problem(root / entry.name / name)
        if problem:
            found.append(Finding(f"{entry.name}/{name}", 1, "photo", problem))
    return found
