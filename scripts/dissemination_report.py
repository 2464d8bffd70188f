"""The Work Package 5 record of dissemination activities for a period, from the news.

    python3 scripts/dissemination_report.py                       # the whole project, CSV
    python3 scripts/dissemination_report.py --from 2022-01-01 --to 2022-12-31 --format markdown
    python3 scripts/dissemination_report.py --format json --output wp5.json
    python3 scripts/dissemination_report.py --results              # the results, for the EU's platform
    python3 scripts/dissemination_report.py --pack wp5-audit.zip   # the audit pack

Every published news item with `activity:` in its front matter is one activity;
drafts and items without `activity:` are left out. The period is inclusive and
defaults to the project's duration, 2021-01-15 to 2024-01-14.

One row per activity, newest first: date and end_date (empty for a one-day
event), activity (its kind, as written in the front matter), participants
(empty, or null in JSON, when the news gives no number: never guessed) and
participants_approximate (true for "about 70"), audiences (the words of the
front matter, separated by ';' in CSV, a list in JSON), scope, organiser (a
partner's key in data/consortium.yml), channel and photos (the file names its
news shows) — each empty when the news does not say —, then the place, the title,
the absolute URL, the organiser's name and the attendance note in every language
(`place_kk`, `title_ru`, `url_en`, `organiser_name_kk`, `attendance_note_ru`, ...).
URLs start with `site_url` from mkdocs.yml; `SITE_URL` overrides it, as in the build.

CSV is UTF-8 with a byte-order mark, so spreadsheets show Kazakh letters; a cell
that a spreadsheet would take for a formula (=, +, -, @) starts with an
apostrophe. The activities come first, as one table a spreadsheet can sort and
filter; after one empty row follows a second table, the totals, with its own
header `total,group,activities,participants,participants_approximate`: a row per
year (`year,2022,…`), per kind (`activity,seminar,…`), per audience, scope,
channel and organiser (`audience,employers,…`: an activity counts for each
audience it reached), one for the whole period (`all,,…`), and how many
activities do not record a value (`not-recorded,audiences,8,,`). Participants in
a total are the sum of the numbers that are known, empty when none is, and
approximate when any part is.

`--results` writes the results of data/results.yml instead (CSV or JSON), one row
each with what the data holds about it: for the Project Results Platform. `--pack
FILE` writes the audit pack (see kazdual/audit_pack.py), building the site for it
unless `--site DIR` names a site already built from the same sources.

Exit codes: 0 the report was written; 1 the news, the data or mkdocs.yml has
problems (listed as `path:line: message`), or the site for the pack could not be
built; 2 bad usage (a date that is not YYYY-MM-DD, --from after --to, options
that do not go together, or a --root without the website's mkdocs.yml).
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

from kazdual import audit_pack, files  # noqa: E402
from kazdual.addresses import absolute  # noqa: E402
from kazdual.content import config, load  # noqa: E402
from kazdual.content.project_data import ProjectData  # noqa: E402
from kazdual.content.reach import REACH_KEYS  # noqa: E402
from kazdual.dissemination import Record, Total, make_record  # noqa: E402
from kazdual.errors import NotAWebsite, SourceError  # noqa: E402
from kazdual.languages import Language  # noqa: E402

ROOT = local_env.ROOT
# The project's duration (facts.md): the default period of the report.
PROJECT_START = datetime.date(2021, 1, 15)
PROJECT_END = datetime.date(2024, 1, 14)
FORMATS = ("csv", "markdown", "json")


SHARED_COLUMNS = (
    "date",
    "end_date",
    "activity",
    "participants",
    "participants_approximate",
    "audiences",
    "scope",
    "organiser",
    "channel",
    "photos",
)
PER_LANGUAGE_COLUMNS = ("place", "title", "url", "organiser_name", "attendance_note")
# The reach the Markdown table shows once per activity: what every language shares.
REACH = tuple(key for key in REACH_KEYS if key not in PER_LANGUAGE_COLUMNS)


def header(languages: list[Language]) -> list[str]:
    return [*SHARED_COLUMNS, *(f"{f}_{lang.code}" for f in PER_LANGUAGE_COLUMNS for lang in languages)]


def rows(record: Record, languages: list[Language], base: str, project: ProjectData) -> list[dict]:
    """One dict per activity; the keys are the CSV header. A translation that does not
    exist yet (possible in a preview, never in a published build) leaves its cells empty;
    so does a value the news does not give."""
    result = []
    for activity in record.activities:
        partner = project.partner(activity.organiser)
        row = {
            "date": activity.date.isoformat(),
            "end_date": activity.end_date.isoformat() if activity.end_date else None,
            "activity": activity.kind,
            "participants": activity.participants,
            "participants_approximate": activity.approximate if activity.participants is not None else None,
            "audiences": list(activity.audiences),
            "scope": activity.scope,
            "organiser": activity.organiser,
            "channel": activity.channel,
            "photos": activity.photos,
        }
        for lang in languages:
            text = activity.item.texts.get(lang.code)
            values = text.values if text else {}
            row[f"place_{lang.code}"] = values.get("place")
            row[f"title_{lang.code}"] = values.get("title")
            row[f"url_{lang.code}"] = absolute(base, lang, activity.item.url_path) if text else None
            row[f"organiser_name_{lang.code}"] = partner.name[lang.code] if partner else None
            row[f"attendance_note_{lang.code}"] = values.get("attendance_note")
        result.append(row)
    return result


def totals(record: Record) -> list[tuple[str, str, Total]]:
    """(group, name, total): per year, per kind, per audience, scope, channel and organiser
    (an activity counts in each audience it reached), then the whole period."""
    return [
        *(("year", str(year), total) for year, total in record.by_year.items()),
        *(("activity", kind, total) for kind, total in record.by_kind.items()),
        *(("audience", word, total) for word, total in record.by_audience.items()),
        *(("scope", word, total) for word, total in record.by_scope.items()),
        *(("channel", word, total) for word, total in record.by_channel.items()),
        *(("organiser", key, total) for key, total in record.by_organiser.items()),
        ("all", "", record.overall),
    ]


def _csv_cell(value: object) -> object:
    """A value as a spreadsheet cell: never a formula, whatever an editor wrote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):  # audiences, photos: words and file names, never holding a ';'
        return ";".join(map(str, value))
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(record: Record, languages: list[Language], base: str, project: ProjectData) -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    columns = header(languages)
    writer.writerow(columns)
    for row in rows(record, languages, base, project):
        writer.writerow([_csv_cell(row[key]) for key in columns])
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
    for key, count in record.not_recorded.items():
        writer.writerow(["not-recorded", key, count, "", ""])
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


def as_markdown(
    record: Record, languages: list[Language], base: str, start: datetime.date, end: datetime.date, project: ProjectData
) -> str:
    lines = [
        f"# Dissemination activities, {start.isoformat()} to {end.isoformat()}",
        "",
        "| Date | Activity | Participants | Audiences | Scope | Organiser | Channel | "
        + " | ".join(_cell(lang.label) for lang in languages)
        + " |",
        "| --- | --- | ---: | --- | --- | --- | --- |" + " --- |" * len(languages),
    ]
    for row in rows(record, languages, base, project):
        # Each language's cell: the linked title, then the place as written in that language.
        versions = [
            (f"[{_cell(row[f'title_{lang.code}'])}](<{row[f'url_{lang.code}']}>)" if row[f"url_{lang.code}"] else "")
            + (f"<br>{_cell(row[f'place_{lang.code}'])}" if row[f"place_{lang.code}"] else "")
            for lang in languages
        ]
        dates = row["date"] + (f" – {row['end_date']}" if row["end_date"] else "")
        participants = _number(row["participants"], bool(row["participants_approximate"]))
        reach = " | ".join(
            _cell(", ".join(row["audiences"])) if key == "audiences" else _cell(row[key]) for key in REACH
        )
        lines.append(
            f"| {dates} | {_cell(row['activity'])} | {participants} | {reach} | " + " | ".join(versions) + " |"
        )
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


def as_json(
    record: Record, languages: list[Language], base: str, start: datetime.date, end: datetime.date, project: ProjectData
) -> str:
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
        "activities": rows(record, languages, base, project),
        "totals": {
            "by_year": {str(year): total(t) for year, t in record.by_year.items()},
            "by_activity": {kind: total(t) for kind, t in record.by_kind.items()},
            "by_audience": {word: total(t) for word, t in record.by_audience.items()},
            "by_scope": {word: total(t) for word, t in record.by_scope.items()},
            "by_channel": {word: total(t) for word, t in record.by_channel.items()},
            "by_organiser": {key: total(t) for key, t in record.by_organiser.items()},
            "all": total(record.overall),
        },
        "not_recorded": record.not_recorded,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RESULT_COLUMNS = (
    "key",
    "type",
    "code",
    "work_package",
    "month",
    "milestone",
    "academic_year",
    "reported",
    "public",
    "partner",
    "url",
)
RESULT_PER_LANGUAGE = ("title", "partner_name", "prepared_by", "news_url")


def result_rows(project: ProjectData, news: list, languages: list[Language], base: str) -> list[dict]:
    """One dict per result of data/results.yml, for the Project Results Platform: what the data
    holds, empty (null in JSON) where it holds nothing; `url` only where the result is published."""
    by_folder = {item.entry.folder: item for item in news}
    found = []
    for result in project.results:
        partner = project.partner(result.partner)
        item = by_folder.get(result.news) if result.news else None
        row = {key: getattr(result, key) for key in RESULT_COLUMNS}
        row["reported"] = result.reported.isoformat() if result.reported else None
        for lang in languages:
            row[f"title_{lang.code}"] = result.title[lang.code]
            row[f"partner_name_{lang.code}"] = partner.name[lang.code] if partner else None
            row[f"prepared_by_{lang.code}"] = result.prepared_by[lang.code] if result.prepared_by else None
            row[f"news_url_{lang.code}"] = absolute(base, lang, item.url_path) if item else None
        found.append(row)
    return found


def results_csv(project: ProjectData, news: list, languages: list[Language], base: str) -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    columns = [*RESULT_COLUMNS, *(f"{f}_{lang.code}" for f in RESULT_PER_LANGUAGE for lang in languages)]
    writer.writerow(columns)
    for row in result_rows(project, news, languages, base):
        writer.writerow([_csv_cell(row[key]) for key in columns])
    return output.getvalue()


def results_json(project: ProjectData, news: list, languages: list[Language], base: str) -> str:
    data = {"results": result_rows(project, news, languages, base)}
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
        "--results",
        action="store_true",
        help="the project's results (data/results.yml) instead of the activities, for the Project Results Platform",
    )
    parser.add_argument(
        "--pack",
        type=Path,
        metavar="FILE",
        help="write the audit pack, one ZIP: the record, each activity's pages as published, its photos' checksums",
    )
    parser.add_argument("--site", type=Path, metavar="DIR", help="with --pack: take the pages from this built site")
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
    usage = _usage_problem(args)
    if usage:
        print(f"error: {usage}", file=sys.stderr)
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
    languages, base, project = site.languages, site.site_url, content.project
    if args.pack:
        meta = {"from": args.start.isoformat(), "to": args.end.isoformat(), "site_url": base}
        try:
            data = audit_pack.pack(
                root,
                args.site.resolve() if args.site else None,
                record,
                languages,
                as_csv(record, languages, base, project).encode("utf-8-sig"),
                as_json(record, languages, base, args.start, args.end, project).encode("utf-8"),
                meta,
            )
        except audit_pack.PackError as problem:
            print(f"error: {problem}", file=sys.stderr)
            return 1
        return _write(data, args.pack, "--pack")
    if args.results:
        published = content.news(drafts=False)
        if args.format == "json":
            text, encoding = results_json(project, published, languages, base), "utf-8"
        else:
            text, encoding = results_csv(project, published, languages, base), "utf-8-sig"
    elif args.format == "csv":
        text, encoding = as_csv(record, languages, base, project), "utf-8-sig"
    elif args.format == "markdown":
        text, encoding = as_markdown(record, languages, base, args.start, args.end, project), "utf-8"
    else:
        text, encoding = as_json(record, languages, base, args.start, args.end, project), "utf-8"
    # Bytes, not text: the CSV keeps its \r\n rows and byte-order mark, on any console encoding.
    data = text.encode(encoding)
    if args.output:
        return _write(data, args.output, "--output")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.pack and (args.output or args.results):
        return "--pack writes its own file: leave out --output and --results"
    if args.site and not args.pack:
        return "--site goes with --pack"
    if args.site and not (args.site / "index.html").is_file():
        return f"--site {args.site}: no built site there (build it with python3 scripts/build.py --output DIR)"
    if args.results and args.format == "markdown":
        return "the results are written as csv or json"
    return None


def _write(data: bytes, output: Path, option: str) -> int:
    if not output.parent.is_dir():
        print(f"error: {option} {output}: the folder {output.parent} does not exist", file=sys.stderr)
        return 2
    # The file is replaced in one step: a folder, a pipe or a device (/dev/stdout) would be replaced, not written to.
    if os.path.lexists(output) and not os.path.isfile(output):
        instead = ", or leave --output out to print the report" if option == "--output" else ""
        print(f"error: {option} {output}: this is not a file: name a file{instead}", file=sys.stderr)
        return 2
    try:
        files.write_atomically(output, data)
    except OSError as problem:
        print(f"error: cannot write {output} ({problem.strerror or problem})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    local_env.run(main)
