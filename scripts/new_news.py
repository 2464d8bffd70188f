"""Start a news item: one text per site language, each saying what is still to write.

Usage: python3 scripts/new_news.py "Title" [--date 2024-01-15] [--slug my-slug] [--root DIR]
       python3 scripts/new_news.py [options] -- "-Title starting with a hyphen"

Makes news/<date>-<slug>/index.<lang>.md for every language in mkdocs.yml. The
title goes into the default language's text; everything still to write is
marked with "TODO:", which the translation check and the published build refuse
(the preview shows it, with a notice). The date defaults to today. The slug is
the item's permanent address (news/<slug>/): keep it short; by default it is
made from the first words of the title.

Exit status: 0 when the item was made; 1 when it exists or cannot be written;
2 for bad usage or an interruption (nothing is written then).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
from pathlib import Path

import local_env  # beside this script: the standard library only

if __name__ == "__main__":
    # Run with a plain python3: make or reuse .venv and rerun this script in it,
    # before the imports below need what it installs.
    local_env.ensure("requirements.txt")

from kazdual.content import config, schema, tree  # noqa: E402
from kazdual.content.fields import Choices, Date, Text, ValueProblem, shown  # noqa: E402
from kazdual.content.texts import placeholder  # noqa: E402
from kazdual.content.writing import scalar  # noqa: E402
from kazdual.errors import SourceError, UsageError  # noqa: E402
from kazdual.languages import Language  # noqa: E402
from kazdual.slugs import slugify  # noqa: E402

REPOSITORY = local_env.ROOT
# Keys the scaffold writes out; the other optional keys are offered commented out.
WRITTEN = ("title", "date", "summary")


def _offered(language: Language) -> str:
    lines = ['# Optional: remove the "# " in front of a line to use it.']
    for field in schema.NEWS:
        if field.name in WRITTEN or field.by_tool or field.name == "gallery":
            continue
        where = "the same in every language" if field.shared else "in this text's language"
        example = {
            "end_date": "2024-01-19",
            "draft": "true",
            "activity": "study-visit",
            "participants": "30",
            "participants_approximate": "true",
            "scope": "international",
            "organiser": "kaznpu",
            "channel": "event",
            "image": "group-photo.jpg",
        }.get(field.name, '"…"')
        if isinstance(field.type, Choices):  # a list: its words go below it, one per line
            lines.append(f"# {field.name}:".ljust(44) + f"# {field.help}; {where}")
            lines += [f"#   - {word}" for word in field.type.choices[:2]]
            continue
        lines.append(f"# {field.name}: {example}".ljust(44) + f"# {field.help}; {where}")
    lines += [
        "# gallery:                                 # more photos beside this file, each with alt text in this "
        "language",
        "#   - file: hall.jpg",
        '#     alt: "…"',
    ]
    return "\n".join(lines) + "\n"


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
    # Written as the web editor writes (kazdual.content.writing), so its first save
    # changes nothing.
    return (
        f"---\ntitle: {scalar(heading)}\ndate: {date.isoformat()}\nsummary: {scalar(summary)}\n"
        f"{_offered(language)}---\n\n{body}\n"
    )


def _date(value: str | None) -> datetime.date:
    if value is None:
        return datetime.date.today()  # the only clock this script reads
    try:
        return Date().parse(value)
    except ValueProblem as problem:
        raise UsageError(f"--date {problem}") from None


def _slug(title: str, given: str | None) -> str:
    slug = given if given is not None else slugify(title)
    if not slug:
        raise UsageError(
            "no ASCII letters can be made from the title for the address: give one with --slug, e.g. --slug study-visit"
        )
    problem = tree.slug_problem(slug)
    if problem:
        raise UsageError(f"--slug {shown(slug)}: {problem.text()}")
    return slug


def _taken(news: Path, name: str, slug: str) -> str | None:
    """Why the folder `name` cannot be made: it exists, or another item has the slug."""
    if (news / name).exists() or (news / name).is_symlink():
        return f"{tree.NEWS_DIR}/{name} already exists: edit it, or choose another --slug or --date"
    for other in sorted(news.iterdir()) if news.is_dir() else []:
        try:
            _, existing = tree.parse_folder_name(other.name)
        except ValueError:
            continue
        if existing == slug:
            return (
                f"the address news/{slug}/ is already used by {tree.NEWS_DIR}/{other.name}: choose another with --slug"
            )
    return None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        # argparse takes a title such as "-1 day" or "---" for an option.
        if "title" in message or "unrecognized arguments: -" in message:
            message += "; a title that starts with '-' goes after --, e.g. new_news.py --date 2024-01-15 -- '--- title'"
        super().error(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(description="Start a news item in every site language.")
    parser.add_argument("title", help="the headline in the default language")
    parser.add_argument("--date", help="the item's date, YYYY-MM-DD (default: today)")
    parser.add_argument("--slug", help="the item's permanent address, e.g. study-visit (default: from the title)")
    parser.add_argument("--root", type=Path, default=REPOSITORY, help="the website's folder (default: this repository)")
    return parser


def _write(news: Path, name: str, languages: list[Language], title: str, date: datetime.date) -> list[str]:
    """The item's folder with every text, made aside and moved in at once: never half an item."""
    news.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".new-item-", dir=news))
    try:
        for language in languages:
            (staging / f"index.{language.code}.md").write_bytes(
                news_text(title, date, language, languages[0]).encode("utf-8")
            )
        os.chmod(staging, 0o755)
        os.rename(staging, news / name)  # fails if the folder appeared meanwhile
    except BaseException:
        for file in staging.glob("*"):
            file.unlink()
        staging.rmdir()
        raise
    return [f"{tree.NEWS_DIR}/{name}/index.{language.code}.md" for language in languages]


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit:  # argparse has printed the usage and the problem
        return 2 if exit.code else 0
    root = args.root.resolve()
    try:
        try:
            title = Text().parse(" ".join(args.title.split()))
        except ValueProblem as problem:
            raise UsageError(f"the title {problem}") from None
        date = _date(args.date)
        slug = _slug(title, args.slug)
        languages = config.load(root).languages
    except (UsageError, SourceError) as problem:
        print(problem, file=sys.stderr)
        return 2
    news = root / tree.NEWS_DIR
    name = f"{date.isoformat()}-{slug}"
    taken = _taken(news, name, slug)
    if taken:
        print(f"nothing written: {taken}", file=sys.stderr)
        return 1
    try:
        made = _write(news, name, languages, title, date)
    except KeyboardInterrupt:
        print("\nstopped: nothing was written", file=sys.stderr)
        return 2
    except OSError as problem:
        print(f"nothing written: cannot write {tree.NEWS_DIR}/{name} ({problem.strerror or problem})", file=sys.stderr)
        return 1
    print("\n".join(made))
    print(
        f"Next: write the {languages[0].label} text in {made[0]}, then preview it with: python3 scripts/build.py "
        "--serve",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    local_env.run(main)
