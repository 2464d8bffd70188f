"""Start a news item: one text per site language, each saying what is still to write.

Usage: python scripts/new_news.py "Title" [--date 2024-01-15] [--slug my-slug] [--root DIR]

Makes news/<date>-<slug>/index.<lang>.md for every language in mkdocs.yml. The
title goes into the default language's text; everything still to write is
marked with "TODO:", which the translation check and the build refuse to
publish. The date defaults to today; the slug is made from the title
(transliterated to ASCII) unless given with --slug.

Exit status: 0 when the item was made, 1 when it already exists, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

if __name__ == "__main__":
    # Run with a plain python3: make or reuse .venv and rerun this script in it,
    # before the imports below need what it installs.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import local_env

    local_env.ensure("requirements.txt")

import yaml  # noqa: E402

from kazdual.errors import SourceError
from kazdual.languages import Language, site_languages
from kazdual.news_folders import NEWS_DIR, folder_name, parse_folder_name
from kazdual.placeholders import placeholder
from kazdual.slugs import SLUG_PATTERN, slugify

REPOSITORY = Path(__file__).resolve().parent.parent
DATE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Optional keys, commented out: the editor removes "# " to use one. The keys
# marked "same in every language" are compared across the texts by the checker.
OPTIONAL_KEYS = """\
# Optional: remove the "# " in front of a line to use it.
# activity: event          # kind of activity (see news/README.md); the same in every language
# place: "…"               # where it took place, in this text's language
# participants: 30         # how many took part, only if known; the same in every language
# image: photo.jpg         # a picture saved beside this file; the same in every language
# image_alt: "…"           # what the picture shows, in this text's language
"""


class UsageError(Exception):
    """The item cannot be made as asked: exit 2."""


def _quoted(text: str) -> str:
    """`text` as a double-quoted YAML string: quotes, colons and control characters are safe."""
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=sys.maxsize).rstrip("\n")


def news_text(title: str, date: datetime.date, language: Language, default: Language) -> str:
    """The first version of one language's text of a news item."""
    if language == default:
        heading = title
        body = placeholder(f"write the news text in {language.label}, below the front matter.")
    else:
        heading = placeholder(f"title in {language.label}")
        body = placeholder(
            f"translate the news text from index.{default.code}.md ({default.label}) into {language.label}."
        )
    summary = placeholder(f"one sentence for the news list and the feed, in {language.label}")
    return (
        "---\n"
        f"title: {_quoted(heading)}\n"
        f"date: {date.isoformat()}\n"
        f"summary: {_quoted(summary)}\n"
        f"{OPTIONAL_KEYS}"
        "---\n"
        "\n"
        f"{body}\n"
    )


def _date(value: str | None) -> datetime.date:
    if value is None:
        return datetime.date.today()  # the only clock this script reads
    try:
        if not DATE_FORMAT.match(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-01-15") from None


def _slug(title: str, given: str | None) -> str:
    if given is not None:
        if not SLUG_PATTERN.match(given):
            raise UsageError(f"--slug {given!r}: use lower-case ASCII letters, digits and single hyphens, e.g. study-visit")
        return given
    slug = slugify(title)
    if not slug:
        raise UsageError(f"no ASCII letters can be made from the title {title!r} for the address: give one with --slug")
    return slug


def _taken(news: Path, name: str, slug: str) -> str | None:
    """Why the folder `name` cannot be made: it exists, or another item has the slug."""
    if (news / name).exists():
        return f"{NEWS_DIR}/{name} already exists: edit it, or choose another --slug or --date"
    for other in sorted(news.iterdir()) if news.is_dir() else []:
        try:
            existing = parse_folder_name(other.name)
        except ValueError:
            continue
        if existing.slug == slug:
            return f"the address news/{slug}/ is already used by {NEWS_DIR}/{other.name}: choose another with --slug"
    return None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Start a news item in every site language.")
    parser.add_argument("title", help="the headline in the default language")
    parser.add_argument("--date", help="the item's date, YYYY-MM-DD (default: today)")
    parser.add_argument("--slug", help="the item's address, e.g. study-visit (default: made from the title)")
    parser.add_argument("--root", type=Path, default=REPOSITORY, help="the website's folder (default: this repository)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit:  # argparse has printed the usage and the problem
        return int(exit.code or 0)
    root = args.root.resolve()
    title = " ".join(args.title.split())
    try:
        if not title:
            raise UsageError("the title is empty: give the headline in the default language")
        date = _date(args.date)
        slug = _slug(title, args.slug)
        languages = site_languages(root)
    except (UsageError, SourceError) as problem:
        print(problem, file=sys.stderr)
        return 2
    news = root / NEWS_DIR
    name = folder_name(date, slug)
    taken = _taken(news, name, slug)
    if taken:
        print(f"nothing written: {taken}", file=sys.stderr)
        return 1
    folder = news / name
    try:
        folder.mkdir(parents=True)
        made = []
        for language in languages:
            path = folder / f"index.{language.code}.md"
            path.write_bytes(news_text(title, date, language, languages[0]).encode("utf-8"))
            made.append(path.relative_to(root).as_posix())
    except OSError as problem:
        print(f"cannot write {folder}: {problem.strerror}", file=sys.stderr)
        return 1
    print("\n".join(made))
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stderr.reconfigure(encoding="utf-8")
    raise SystemExit(main())
