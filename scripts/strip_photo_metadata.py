"""Take out of photos where they were taken (GPS), the camera, the time and comments,
keeping every pixel as it is.

Usage: python3 scripts/strip_photo_metadata.py PHOTO_OR_FOLDER [...]

A folder means every photo in it and below it (JPEG, PNG, WebP, HEIC); symbolic
links are left alone. Nothing is encoded again: the compressed picture is copied
byte for byte, so the photo looks exactly as before, and its EXIF orientation is
kept. A HEIC photo keeps its length: where it was taken is blanked in place, the
camera and time stay (kazdual/photos/metadata.py). Each photo is replaced in one
step, and only after its picture was decoded again and found the same.

Exit status: 0 when every photo is clean; 1 when one could not be handled (it is
left as it was); 2 for bad usage or an interruption.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import local_env

    local_env.ensure("requirements.txt")

from PIL import Image  # noqa: E402

from kazdual import photos  # noqa: E402
from kazdual.files import write_atomically  # noqa: E402


def _photos_in(path: Path) -> list[Path]:
    if path.is_symlink() or not path.is_dir():
        return [path]
    found = []
    for child in sorted(path.rglob("*")):
        linked = child.is_symlink() or any(parent.is_symlink() for parent in child.relative_to(path).parents)
        if not linked and child.is_file() and child.suffix.lower() in photos.PHOTO_SUFFIXES:
            found.append(child)
    return found


def _pixels(data: bytes) -> tuple:
    import io

    with Image.open(io.BytesIO(data)) as image:
        return image.mode, image.size, image.tobytes()


def strip(path: Path) -> str:
    """What was done to the photo at `path`, in one line; PhotoProblem when it cannot be done."""
    if path.is_symlink():
        raise photos.PhotoProblem("photo.strip-link")
    photos.inspect(path)  # a damaged or far too large photo is told as the build would tell it
    data = photos.reading.read_source(path)
    clean = photos.without_metadata(data)
    if clean == data:
        return "nothing to take out"
    try:
        same = _pixels(clean) == _pixels(data)
    except Exception:  # any decoder's failure: the file is left alone
        same = False
    if not same:
        raise photos.PhotoProblem("photo.strip-changed")
    write_atomically(path, clean)
    if len(clean) == len(data):  # HEIC: blanked where it is
        return "where it was taken is blanked out; the picture is unchanged"
    return f"location, camera, time and comments taken out ({len(data) - len(clean):,} bytes); the picture is unchanged"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, metavar="PHOTO_OR_FOLDER")
    args = parser.parse_args(argv)
    failed = False
    for given in args.paths:
        if not given.exists() and not given.is_symlink():
            print(f"{given}: there is no such file or folder", file=sys.stderr)
            failed = True
            continue
        for path in _photos_in(given):
            try:
                print(f"{path}: {strip(path)}")
            except photos.PhotoProblem as problem:
                print(f"{path}: {problem.message}", file=sys.stderr)
                failed = True
            except OSError as error:
                print(f"{path}: cannot write the photo ({error.strerror or error})", file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    local_env.run(main)
