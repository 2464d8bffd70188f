"""The Work Package 5 record of dissemination activities for a period, from the news.

    python3 scripts/dissemination_report.py                       # the whole project, CSV
    python3 scripts/dissemination_report.py --from 2022-01-01 --to 2022-12-31 --format markdown
    python3 scripts/dissemination_report.py --format json --output wp5.json

Every published news item with `activity:` in its front matter is one activity;
drafts and items without `activity:` are left out. The period is inclusive and
defaults to the project's duration, 2021-01-15 to 2024-01-14.

One row per activity, newest first: date, activity (its kind, as written in the
front matter), participants (empty, or null in JSON, when the news gives no
number: never guessed), then the place, the title and the absolute URL in every
language (`place_kk`, `title_ru`, `url_en`, ...). URLs start with `site_url` from
mkdocs.yml; `SITE_URL` overrides it, as in the build.

CSV is UTF-8 with a byte-order mark, so spreadsheets show Kazakh letters. The
activities come first, as one table a spreadsheet can sort and filter; after one
empty row follows a second table, the totals, with its own header
`total,group,activities,participants`: a row per year (`year,2022,…`), per kind
(`activity,seminar,…`) and one for the whole period (`all,,…`). Participants in
a total are the sum of the numbers that are known, empty when none is.

Exit codes: 0 the report was written; 1 the news or mkdocs.yml has problems
(listed as `path:line: message`); 2 bad usage (a date that is not YYYY-MM-DD,
or --from after --to).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import os
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

from kazdual.dissemination import Record, Total, make_record  # noqa: E402
from kazdual.errors import SourceError  # noqa: E402
from kazdual.languages import Language, _TagTolerantLoader, site_languages  # noqa: E402
from kazdual.news import NewsErrors, load_news  # noqa: E402
from kazdual.urls import absolute, site_url  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# The project's duration (facts.md): the default period of the report.
PROJECT_START = datetime.date(2021, 1, 15)
PROJECT_END = datetime.date(2024, 1, 14)
FORMATS = ("csv", "markdown", "json")


def configured_site_url(root: Path) -> str:
    """`site_url` of root/mkdocs.yml as the build sees it, `!ENV [NAME, ..., default]` included."""
    # site_languages() has already read this file and reported any problem with it.
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TagTolerantLoader)
    value = config.get("site_url")
    if isinstance(value, list):  # an `!ENV` tag: the first variable that is set, else the last item
        value = next((os.environ[name] for name in value[:-1] if os.environ.get(name)), value[-1] if value else None)
    return site_url(value)


def rows(record: Record, languages: list[Language], base: str) -> list[dict]:
    """One dict per activity; the keys are the CSV header. A translation that does not
    exist yet (possible in a preview, never in a published build) leaves its cells empty."""
    result = []
    for activity in record.activities:
        row = {"date": activity.date.isoformat(), "activity": activity.kind, "participants": activity.participants}
        texts = {lang.code: activity.item.translations.get(lang.code) for lang in languages}
        row.update({f"place_{code}": text and text.meta.place for code, text in texts.items()})
        row.update({f"title_{code}": text and text.title for code, text in texts.items()})
        row.update({
            f"url_{lang.code}": texts[lang.code] and absolute(base, lang, activity.item.url_path()) for lang in languages
        })
        result.append(row)
    return result


def totals(record: Record) -> list[tuple[str, str, Total]]:
    """(group, name, total): per year, per kind, then the whole period."""
    return [
        *(("year", str(year), total) for year, total in record.by_year.items()),
        *(("activity", kind, total) for kind, total in record.by_kind.items()),
        ("all", "", record.overall),
    ]


def as_csv(record: Record, languages: list[Language], base: str) -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    header = ["date", "activity", "participants"] + [f"{f}_{lang.code}" for f in ("place", "title", "url") for lang in languages]
    writer.writerow(header)
    for row in rows(record, languages, base):
        writer.writerow(["" if row[key] is None else row[key] for key in header])
    writer.writerow([])
    writer.writerow(["total", "group", "activities", "participants"])
    for group, name, total in totals(record):
        writer.writerow([group, name, total.activities, "" if total.participants is None else total.participants])
    return output.getvalue()


def _cell(text: str | int | None) -> str:
    return "" if text is None else str(text).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def as_markdown(record: Record, languages: list[Language], base: str, start: datetime.date, end: datetime.date) -> str:
    lines = [
        f"# Dissemination activities, {start.isoformat()} to {end.isoformat()}",
        "",
        "| Date | Activity | Participants | " + " | ".join(lang.label for lang in languages) + " |",
        "| --- | --- | ---: |" + " --- |" * len(languages),
    ]
    for row in rows(record, languages, base):
        # Each language's cell: the linked title, then the place as written in that language.
        versions = [
            f"[{_cell(row[f'title_{lang.code}'])}]({row[f'url_{lang.code}']})"
            + (f"<br>{_cell(row[f'place_{lang.code}'])}" if row[f"place_{lang.code}"] else "")
            for lang in languages
        ]
        lines.append(f"| {row['date']} | {row['activity']} | {_cell(row['participants'])} | " + " | ".join(versions) + " |")
    lines += ["", "## Totals", "", "| Group | | Activities | Participants (where known) |", "| --- | --- | ---: | ---: |"]
    for group, name, total in totals(record):
        lines.append(f"| {group} | {name} | {total.activities} | {_cell(total.participants)} |")
    return "\n".join(lines) + "\n"


def as_json(record: Record, languages: list[Language], base: str, start: datetime.date, end: datetime.date) -> str:
    def total(t: Total) -> dict:
        return {"activities": t.activities, "participants": t.participants}

    data = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "activities": rows(record, languages, base),
        "totals": {
            "by_year": {str(year): total(t) for year, t in record.by_year.items()},
            "by_activity": {kind: total(t) for kind, t in record.by_kind.items()},
            "all": total(record.overall),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _date(text: str) -> datetime.date:
    # fromisoformat alone would also take 20220404 or 2022-W14-1.
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2022-04-04") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="start", type=_date, default=PROJECT_START, metavar="DATE", help=f"first day, YYYY-MM-DD (default {PROJECT_START})")
    parser.add_argument("--to", dest="end", type=_date, default=PROJECT_END, metavar="DATE", help=f"last day, YYYY-MM-DD (default {PROJECT_END})")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="csv (default), markdown or json")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write to this file instead of the standard output")
    parser.add_argument("--root", type=Path, default=ROOT, metavar="DIR", help="the website's folder (default: this repository)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # argparse has printed the usage and the problem
        return int(exit.code or 0)
    if args.start > args.end:
        print(f"error: the period is reversed: --from {args.start} is after --to {args.end}", file=sys.stderr)
        return 2
    root = args.root.resolve()
    try:
        languages = site_languages(root)
        news = [item for item in load_news(root, languages) if not item.draft]  # the published record only
        base = configured_site_url(root)
    except NewsErrors as problems:
        for error in problems.errors:
            print(error, file=sys.stderr)
        return 1
    except SourceError as problem:
        print(problem, file=sys.stderr)
        return 1
    record = make_record(news, args.start, args.end)
    if args.format == "csv":
        text, encoding = as_csv(record, languages, base), "utf-8-sig"
    elif args.format == "markdown":
        text, encoding = as_markdown(record, languages, base, args.start, args.end), "utf-8"
    else:
        text, encoding = as_json(record, languages, base, args.start, args.end), "utf-8"
    # Bytes, not text: the CSV keeps its \r\n rows and byte-order mark, on any console encoding.
    data = text.encode(encoding)
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.stderr.reconfigure(encoding="utf-8")
    raise SystemExit(main())
