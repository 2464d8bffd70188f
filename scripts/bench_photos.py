"""How the photo pipeline does on camera-sized photos: bytes of each variant, and time.

    python3 scripts/bench_photos.py [--photo PATH] [--photos 50]

Makes a camera-like 4000×3000 JPEG of about 12 MB from a real photograph (by
default LadyBird.jpg from Debian's mate-backgrounds, GPL-2+: `apt-get install
mate-backgrounds`): cropped to 4:3, enlarged with Lanczos, given per-pixel grain
as a phone's sensor adds indoors, saved at quality 97 without colour subsampling
with camera EXIF (GPS included). Then prints Markdown tables:

- the bytes of every published variant (AVIF, WebP, JPEG) at each width, against
  the targets, and each one's PSNR against the original resized the same way, so
  formats compare at known quality (AVIF and WebP were tuned to about equal PSNR);
- the time of `inspect`, of a full decode it avoids, of processing one photo,
  of a first build of N distinct photos and of a rebuild with all N unchanged
  (every one a cache hit), and of a share image.

Not a test: timings depend on the machine. KB here is 1000 bytes.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402

DEFAULT_PHOTO = Path("/usr/share/backgrounds/mate/nature/LadyBird.jpg")
CAMERA_SIZE = (4000, 3000)
GRAIN = 0.14  # luminance grain: ±18 of 255 levels, uniform per pixel; colour grain a third of it
TARGETS = {1600: 250_000, 480: 60_000}
TAKEN = "2024:01:15 10:00:00"


def camera_photo(source: Path, target: Path) -> Path:
    """A 12 MB camera-like JPEG at `target` from the photograph at `source`."""
    from PIL import ExifTags, Image, ImageChops

    picture = Image.open(source).convert("RGB")
    width, height = picture.size
    crop_width = min(width, height * 4 // 3)
    crop_height = crop_width * 3 // 4
    left, top = (width - crop_width) // 2, (height - crop_height) // 2
    picture = picture.crop((left, top, left + crop_width, top + crop_height))
    picture = picture.resize(CAMERA_SIZE, Image.Resampling.LANCZOS)
    noise = random.Random(2024)

    def grain(amount: float) -> Image.Image:
        levels = Image.frombytes("L", CAMERA_SIZE, noise.randbytes(CAMERA_SIZE[0] * CAMERA_SIZE[1]))
        return levels.point(lambda value: round(128 + (value - 128) * amount))

    luminance = grain(GRAIN)
    channels = [ImageChops.add(luminance, grain(GRAIN / 3), 1, -128) for _ in range(3)]
    picture = ImageChops.add(picture, Image.merge("RGB", channels), 1, -128)
    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Apple", "iPhone 15"
    exif[ExifTags.Base.DateTime] = TAKEN
    exif[ExifTags.Base.GPSInfo] = {1: "N", 2: (43.0, 14.0, 18.5), 3: "E", 4: (76.0, 53.0, 44.2)}
    picture.save(target, "JPEG", quality=97, subsampling=0, exif=exif.tobytes())
    return target


def with_other_exif(photo: Path, target: Path, taken: int) -> Path:
    """A copy of `photo` with another time taken: the same pixels, other bytes (another cache entry)."""
    other_time = f"{TAKEN[:-5]}{taken // 60:02}:{taken % 60:02}"
    target.write_bytes(photo.read_bytes().replace(TAKEN.encode(), other_time.encode(), 1))
    return target


def psnr(reference, encoded: bytes) -> float:
    """Peak signal-to-noise ratio of the luminance, in dB: higher is closer to the reference."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(encoded)) as image:
        difference = ImageChops.difference(reference.convert("L"), image.convert("L"))
    squared = sum(count * value * value for value, count in enumerate(difference.histogram()))
    mean = squared / (difference.width * difference.height)
    return 10 * math.log10(255 * 255 / mean) if mean else math.inf


def median_time(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sizes_table(photo: Path, cache_dir: Path) -> list[str]:
    from kazdual import photos
    from kazdual.photos import reading, variants

    processed = photos.process(photo, cache_dir)
    with open(photo, "rb") as file:
        upright = reading.decode(reading.open_photo(file))
    formats = list(variants.ENCODERS)
    rows = [
        f"| width | {' | '.join(formats)} | target | PSNR {' / '.join(formats)} |",
        f"| ---: |{' ---: |' * len(formats)} :--- | :--- |",
    ]
    for same_width in zip(*(processed.of_format(format) for format in formats), strict=True):
        width, height = same_width[0].width, same_width[0].height
        reference = upright.resize((width, height), variants.RESAMPLING, reducing_gap=variants.REDUCING_GAP)
        encoded = [variant.path.read_bytes() for variant in same_width]
        target = TARGETS.get(width)
        verdict = "—"
        if target:
            verdict = f"≤ {target // 1000} KB: {'met' if max(map(len, encoded)) <= target else 'MISSED'}"
        sizes = " | ".join(f"{len(data) / 1000:.1f} KB" for data in encoded)
        quality = " / ".join(f"{psnr(reference, data):.1f}" for data in encoded)
        rows.append(f"| {width} | {sizes} | {verdict} | {quality} dB |")
    upright.close()
    return rows


def timings_table(photo: Path, work: Path, count: int) -> list[str]:
    from PIL import Image

    from kazdual import photos
    from kazdual.photos import reading, variants

    rows = ["| what | time |", "| :--- | ---: |"]

    def full_decode():
        with Image.open(photo) as image:
            image.load()

    inspecting = median_time(lambda: photos.inspect(photo), 20) * 1000
    rows.append(f"| `inspect` (headers and structure, no pixels) | {inspecting:.1f} ms |")
    motion = work / "motion.jpg"  # phones append a video after the photo: the check then reads the scan
    motion.write_bytes(photo.read_bytes() + bytes(range(256)) * 8000)
    trailing = median_time(lambda: photos.inspect(motion), 20) * 1000
    rows.append(f"| `inspect` of the same photo with 2 MB appended after its end | {trailing:.1f} ms |")
    rows.append(f"| full decode of the same photo, for comparison | {median_time(full_decode, 5) * 1000:.0f} ms |")
    one = median_time(lambda: photos.process(photo, Path(tempfile.mkdtemp(dir=work))), 3)
    rows.append(f"| `process`: one new photo, every variant | {one:.2f} s |")

    with open(photo, "rb") as file:
        largest = reading.decode(reading.open_photo(file)).resize((1600, 1200), variants.RESAMPLING)
    encoding = {
        format: median_time(lambda settings=settings: largest.save(io.BytesIO(), **cast(dict[str, Any], settings)), 3)
        for format, settings in variants.ENCODERS.items()
    }
    rows.append(
        f"| encoding the 1600 px variant: {' / '.join(encoding)} "
        f"| {' / '.join(f'{seconds:.2f}' for seconds in encoding.values())} s |"
    )

    folder = work / "news"
    folder.mkdir()
    sources = [with_other_exif(photo, folder / f"photo-{number:02}.jpg", number) for number in range(count)]
    cache_dir = work / "build-cache"
    start = time.perf_counter()
    for source in sources:
        photos.process(source, cache_dir)
    first = time.perf_counter() - start
    rows.append(f"| first build: {count} new photos | {first:.1f} s ({first / count:.2f} s each) |")
    start = time.perf_counter()
    for source in sources:
        photos.process(source, cache_dir)
    again = time.perf_counter() - start
    rows.append(f"| rebuild: the same {count} photos, unchanged (cache hits) | {again:.2f} s |")

    share_cache = work / "share-cache"
    share = median_time(
        lambda: photos.share_image(Path(tempfile.mkdtemp(dir=work)), title="", site_name="", photo=photo), 3
    )
    card = median_time(
        lambda: photos.share_image(Path(tempfile.mkdtemp(dir=work)), title="Оқу сапары", site_name="KAZDUAL"), 3
    )
    photos.share_image(share_cache, title="", site_name="", photo=photo)
    cached = median_time(lambda: photos.share_image(share_cache, title="", site_name="", photo=photo), 5)
    rows.append(
        f"| share image: from the photo / drawn card / cached | {share:.2f} s / {card:.2f} s / {cached * 1000:.0f} ms |"
    )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--photo", type=Path, default=DEFAULT_PHOTO, help="the photograph to build the camera JPEG from"
    )
    parser.add_argument("--photos", type=int, default=50, help="how many photos the build and rebuild have")
    arguments = parser.parse_args()
    if not arguments.photo.is_file():
        print(f"{arguments.photo} is missing: apt-get install mate-backgrounds, or pass --photo", file=sys.stderr)
        return 2
    sys.path.insert(0, str(local_env.ROOT / "scripts"))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        photo = camera_photo(arguments.photo, work / "camera.jpg")
        print(
            f"Camera-like photo: {photo.stat().st_size / 1e6:.1f} MB, {CAMERA_SIZE[0]}×{CAMERA_SIZE[1]}, "
            f"from {arguments.photo.name}\n"
        )
        print("\n".join(sizes_table(photo, work / "cache")))
        print()
        print("\n".join(timings_table(photo, work, arguments.photos)))
    return 0


if __name__ == "__main__":
    local_env.ensure("requirements-test.txt")
    local_env.run(main)
