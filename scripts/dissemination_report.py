"""The Work Package 5 record of dissemination activities for a period, from the news.

    python3 scripts/dissemination_report.py                       # the whole project, CSV
    python3 scripts/dissemination_report.py --from 2022-01-01 --to 2022-12-31 --format markdown
    python3 scripts/dissemination_report.py --format json --output wp5.json

Every published news item with `activity:` in its front matter is one activity;
drafts and items without `activity:` are left out. The period is inclusive and
defaults to the project's duration, 2021-01-15 to 2024-01-14.

One row per activity, newest first: date and end_date (empty for a one-day
event), activity (its kind, as written in the front matter), participants
(empty, or null in JSON, when the news gives no number: never guessed) and
participants_approximate (true for "about 70"), then the place, the title and the
absolute URL in every language (`place_kk`, `title_ru`, `url_en`, ...). URLs
start with `site_url` from mkdocs.yml; `SITE_URL` overrides it, as in the build.

CSV is UTF-8 with a byte-order mark, so spreadsheets show Kazakh letters; a cell
that a spreadsheet would take for a formula (=, +, -, @) starts with an
apostrophe. The activities come first, as one table a spreadsheet can sort and
filter; after one empty row follows a second table, the totals, with its own
header `total,group,activities,participants,participants_approximate`: a row per
year (`year,2022,…`), per kind (`activity,seminar,…`) and one for the whole
period (`all,,…`). Participants in a total are the sum of the numbers that are
known, empty when none is, and approximate when any part is.

Exit codes: 0 the report was written; 1 the news or mkdocs.yml has problems
(listed as `path:line: message`); 2 bad usage (a date that is not YYYY-MM-DD,
--from after --to, or a --root without the website's mkdocs.yml).
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

import local_env  # beside this script: the standard library only

if __name__ == "__main__":
    # Run with a plain python3: make or reuse .venv and rerun this script in it,
    # before the imports below need what it installs.
    local_env.ensure("requirements.txt")

from kazdual import files  # noqa: E402
from kazdual.addresses import absolute  # noqa: E402
from kazdual.content import config, load  # noqa: E402
from kazdual.dissemination import Record, Total, make_record  # noqa: E402
from kazdual.errors import NotAWebsite, SourceError  # noqa: E402
from kazdual.languages import Language  # noqa: E402

ROOT = local_env.ROOT
# The project's duration (facts.md): the default period of the report.
PROJECT_START = datetime.date(2021, 1, 15)
PROJECT_END = datetime.date(2024, 1, 14)
FORMATS = ("csv", "markdown", "json")


def rows(record: Record, languages: list[Language], base: str) -> list[dict]:
    """One dict per activity; the keys are the CSV header. A translation that does not
    exist yet (possible in a preview, never in a published build) leaves its cells empty."""
    result = []
    for activity in record.activities:
        row = {
            "date": activity.date.isoformat(),
            "end_date": activity.end_date.isoformat() if activity.end_date else None,
            "activity": activity.kind,
            "participants": activity.participants,
            "participants_approximate": activity.approximate if activity.participants is not None else None,
        }
        texts = {lang.code: activity.item.texts.get(lang.code) for lang in languages}
        row.update({f"place_{code}": text.values.get("place") if text else None for code, text in texts.items()})
        row.update({f"title_{code}": text.values.get("title") if text else None for code, text in texts.items()})
        row.update(
            {
                f"url_{lang.code}": absolute(base, lang, activity.item.url_path) if texts[lang.code] else None
                for lang in languages
            }
        )
        result.append(row)
    return result


def totals(record: Record) -> list[tuple[str, str, Total]]:
    """(group, name, total): per year, per kind, then the whole period."""
    return [
        *(("year", str(year), total) for year, total in record.by_year.items()),
        *(("activity", kind, total) for kind, total in record.by_kind.items()),
        ("all", "", record.overall),
    ]


def _csv_cell(value: object) -> object:
    """A value as a spreadsheet cell: never a formula, whatever an editor wrote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(record: Record, languages: list[Language], base: str) -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    header = ["date", "end_date", "activity", "participants", "participants_approximate"]
    header += [f"{f}_{lang.code}" for f in ("place", "title", "url") for lang in languages]
    writer.writerow(header)
    for row in rows(record, languages, base):
        writer.writerow([_csv_cell(row[key]) for key in header])
    writer.writerow([])
    writer.writerow(["total", "group", "activities", "participants", "participants_approximate"])
    for group, name, total in totals(record):
        known = total.participants is not None
        writer.writerow(
            [
                group,
                name,
                total.activities,
                _csv_cell(total.participants),
                _csv_cell(total.approximate if known else None),
            ]
        )
    return output.getvalue()


def _cell(value: object) -> str:
    """A value inside a Markdown table cell: one line, no markup of its own."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#!~])", r"\\\1", text)


def _number(value: int | None, approximate: bool) -> str:
    return "" if value is None else f"≈{value}" if approximate else str(value)


def as_markdown(record: Record, languages: list[Language], base: str, start: datetime.date, end: datetime.date) -> str:
    lines = [
        f"# Dissemination activities, {start.isoformat()} to {end.isoformat()}",
        "",
        "| Date | Activity | Participants | " + " | ".join(_cell(lang.label) for lang in languages) + " |",
        "| --- | --- | ---: |" + " --- |" * len(languages),
    ]
    for row in rows(record, languages, base):
        # Each language's cell: the linked title, then the place as written in that language.
        versions = [
            (f"[{_cell(row[f'title_{lang.code}'])}](<{row[f'url_{lang.code}']}>)" if row[f"url_{lang.code}"] else "")
            + (f"<br>{_cell(row[f'place_{lang.code}'])}" if row[f"place_{lang.code}"] else "")
            for lang in languages
        ]
        dates = row["date"] + (f" – {row['end_date']}" if row["end_date"] else "")
        participants = _number(row["participants"], bool(row["participants_approximate"]))
        lines.append(f"| {dates} | {_cell(row['activity'])} | {participants} | " + " | ".join(versions) + " |")
    lines += [
        "",
        "## Totals",
        "",
        "| Group | | Activities | Participants (where known; ≈ approximate) |",
        "| --- | --- | ---: | ---: |",
    ]
    for group, name, total in totals(record):
        lines.append(
            f"| {group} | {_cell(name)} | {total.activities} | {_number(total.participants, total.approximate)} |"
        )
    return "\n".join(lines) + "\n"


def as_json(record: Record, languages: list[Language], base: str, start: datetime.date, end: datetime.date) -> str:
    def total(t: Total) -> dict:
        known = t.participants is not None
        return {
            "activities": t.activities,
            "participants": t.participants,
            "participants_approximate": t.approximate if known else None,
        }

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
    parser.add_argument(
        "--from",
        dest="start",
        type=_date,
        default=PROJECT_START,
        metavar="DATE",
        help=f"first day, YYYY-MM-DD (default {PROJECT_START})",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=_date,
        default=PROJECT_END,
        metavar="DATE",
        help=f"last day, YYYY-MM-DD (default {PROJECT_END})",
    )
    parser.add_argument("--format", choices=FORMATS, default="csv", help="csv (default), markdown or json")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write to this file instead of the standard output")
    parser.add_argument(
        "--root", type=Path, default=ROOT, metavar="DIR", help="the website's folder (default: this repository)"
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # argparse has printed the usage and the problem
        return int(exit.code or 0)
    if args.start > args.end:
        print(f"error: the period is reversed: --from {args.start} is after --to {args.end}", file=sys.stderr)
        return 2
    root = args.root.resolve()
    try:
        site = config.load(root)
        content = load(site)
    except SourceError as problem:
        print(problem, file=sys.stderr)
        return 2 if isinstance(problem, NotAWebsite) else 1  # a --root that is not the website: bad usage
    if content.blocking:  # the published record only: what the build would publish
        print("\n".join(str(finding) for finding in content.blocking), file=sys.stderr)
        return 1
    record = make_record(content.news(drafts=False), args.start, args.end)
    languages, base = site.languages, site.site_url
    if args.format == "csv":
        text, encoding = as_csv(record, languages, base), "utf-8-sig"
    elif args.format == "markdown":
        text, encoding = as_markdown(record, languages, base, args.start, args.end), "utf-8"
    else:
        text, encoding = as_json(record, languages, base, args.start, args.end), "utf-8"
    # Bytes, not text: the CSV keeps its \r\n rows and byte-order mark, on any console encoding.
    data = text.encode(encoding)
    if args.output:
        if not args.output.parent.is_dir():
            print(f"error: --output {args.output}: the folder {args.output.parent} does not exist", file=sys.stderr)
            return 2
        # The report takes the file's place in one step: a folder, a pipe or a device (/dev/stdout)
        # would be replaced, not written to.
        if os.path.lexists(args.output) and not os.path.isfile(args.output):
            print(
                f"error: --output {args.output}: this is not a file: name a file, or leave --output out to print the "
                "report",
                file=sys.stderr,
            )
            return 2
        try:
            files.write_atomically(args.output, data)
        except OSError as problem:
            print(f"error: cannot write {args.output} ({problem.strerror or problem})", file=sys.stderr)
            return 1
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    local_env.run(main)
