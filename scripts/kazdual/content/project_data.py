"""The project's data besides its texts, one YAML file each in data/:

- `data/consortium.yml`: the partners, in the order the Consortium page lists them;
  a news item names its organiser by a partner's key (`organiser: kaznpu`);
- `data/results.yml`: the results (deliverables, accreditations) the Results page
  lists and the Project Results Platform export carries;
- `data/targets.yml`: the dissemination targets the record measures progress
  against; none until the project has some.

They are read with the front matter's rules (plain YAML, no aliases, every value
on a known line) and judged field by field as the front matter is, so a wrong value
is a `data` finding with its `path:line` in an editor's words. A file that does not
exist holds nothing.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from kazdual.content import fields as kinds
from kazdual.content import reach, source, tree
from kazdual.content.findings import Finding, finding
from kazdual.content.messages import Message, say
from kazdual.content.schema import ACTIVITY_KINDS, Field, check

DATA_DIR = "data"
CONSORTIUM = f"{DATA_DIR}/consortium.yml"
RESULTS = f"{DATA_DIR}/results.yml"
TARGETS = f"{DATA_DIR}/targets.yml"
MAX_DATA_BYTES = source.MAX_FRONT_MATTER_BYTES  # refused by size first, in its own words
RESULT_TYPES = ("deliverable", "accreditation")
MEASURES = ("activities", "participants")
TARGET_FILTERS = ("activity", "scope", "channel", "audience")


@dataclass(frozen=True)
class Partner:
    key: str
    name: dict[str, str]  # per language
    country: dict[str, str]
    role: dict[str, str]
    city: dict[str, str] | None = None


@dataclass(frozen=True)
class Result:
    key: str
    title: dict[str, str]
    type: str
    code: str | None = None  # D3.3
    work_package: int | None = None
    month: int | None = None  # of the project
    milestone: str | None = None  # M32
    academic_year: str | None = None  # 2022-23
    reported: datetime.date | None = None  # the day a source on this site reports it
    public: bool | None = None  # None: the sources do not say
    partner: str | None = None  # the partner that prepared it or whose programme it is
    prepared_by: dict[str, str] | None = None  # a person's name, per language
    news: str | None = None  # the news item (its folder) that reports it
    url: str | None = None  # where the result itself is published


@dataclass(frozen=True)
class Target:
    measure: str  # activities or participants
    target: int
    activity: str | None = None
    scope: str | None = None
    channel: str | None = None
    audience: str | None = None

    @property
    def filters(self) -> dict[str, str]:
        return {name: value for name in TARGET_FILTERS if (value := getattr(self, name)) is not None}


@dataclass
class ProjectData:
    partners: list[Partner] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    lines: dict[str, dict[tuple, int]] = field(default_factory=dict)  # path -> the line of each value
    result_entry: dict[str, int] = field(default_factory=dict)  # key -> its entry's place in the file

    def line(self, path: str, key: tuple) -> int:
        lines = self.lines.get(path, {})
        while key and key not in lines:
            key = key[:-1]
        return lines.get(key, 1)

    def partner(self, key: str | None) -> Partner | None:
        return next((p for p in self.partners if p.key == key), None)


def _partner_fields(codes: tuple[str, ...]) -> tuple[Field, ...]:
    texts = kinds.InLanguages(codes)
    return (
        Field(
            "key",
            kinds.Key("what.short-name", "kaznpu"),
            "Key",
            "how a news item names the partner: organiser: kaznpu",
            required=True,
        ),
        Field("name", texts, "Name", "the partner's name in every language", required=True),
        Field("city", texts, "City", "where it is, when the name does not say"),
        Field("country", texts, "Country", "its country, or what it is (an international network)", required=True),
        Field("role", texts, "Role", "its role in the project", required=True),
    )


def _result_fields(codes: tuple[str, ...]) -> tuple[Field, ...]:
    return (
        Field(
            "key",
            kinds.Key("what.short-name", "sustainability-strategy"),
            "Key",
            "the result's own short name, for the export",
            required=True,
        ),
        Field("title", kinds.InLanguages(codes), "Title", "the result's name in every language", required=True),
        Field("type", kinds.Choice(RESULT_TYPES), "Type", "what it is", required=True),
        Field("code", kinds.Text(example="example.code"), "Code", "the deliverable's number, as the project gives it"),
        Field("work_package", kinds.Count(example=5), "Work package", "the number of its work package"),
        Field("month", kinds.Count(example=3), "Month", "the month of the project it is due in"),
        Field("milestone", kinds.Text(example="example.milestone"), "Milestone", "the milestone it belongs to"),
        Field(
            "academic_year",
            kinds.Key("what.academic-year", "2022-23", r"^\d{4}-\d{2}$"),
            "Academic year",
            "the academic year it covers",
        ),
        Field("reported", kinds.Date(), "Reported", "YYYY-MM-DD: the day a news item on this site reports it"),
        Field("public", kinds.YesNo(), "Public", "true when the project lists it as public; leave out when unknown"),
        Field("partner", kinds.Key(), "Partner", "the partner that prepared it: its key in data/consortium.yml"),
        Field("prepared_by", kinds.InLanguages(codes), "Prepared by", "who prepared it, in every language"),
        Field(
            "news",
            kinds.Key("what.news-folder", "2023-09-11-x"),
            "News item",
            "the news item on this site that reports it",
        ),
        Field("url", kinds.Address(), "Address", "where the result itself is published, when it is"),
    )


def _target_fields() -> tuple[Field, ...]:
    return (
        Field("measure", kinds.Choice(MEASURES), "Measure", "what is counted", required=True),
        Field("target", kinds.Count(example=10), "Target", "the number to reach", required=True),
        Field("activity", kinds.Choice(ACTIVITY_KINDS), "Activity", "count only activities of this kind"),
        Field("scope", kinds.Choice(reach.SCOPES), "Scope", "count only activities of this scope"),
        Field("channel", kinds.Choice(reach.CHANNELS), "Channel", "count only this channel"),
        Field("audience", kinds.Choice(reach.AUDIENCES), "Audience", "count only activities reaching it"),
    )


@dataclass(frozen=True)
class InFile:
    """A front matter's problem said of a whole data file ("the file is not valid YAML here")."""

    said: Message

    def text(self, language: str) -> str:
        return self.said.text(language).replace(
            say("data.front-matter").text(language), say("data.the-file").text(language)
        )


def _read(root: Path, path: str) -> tuple[dict, dict[tuple, int]] | Finding | None:
    """The file's values and lines; a finding when it cannot be read; None when there is none.

    A data file is read as a front matter is, by the same reader: its YAML starts on the
    file's first line, not below a `---` line, so every line the reader gives is one less."""
    if not os.path.lexists(root / path):
        return None
    try:
        text = source.decode(path, source.read_bytes(root, path, MAX_DATA_BYTES))
        meta, lines = source.parse_front_matter(path, text)
    except source.SourceProblem as problem:
        told = problem.finding
        line = told.line - 1 if told.kind == "front-matter" else told.line
        return Finding(path, max(line, 1), "data", say("data.read", problem=InFile(told.said)))
    return meta, {key: line - 1 for key, line in lines.items()}


def _entries(root: Path, path: str, name: str, fields: tuple[Field, ...], example: str, data: ProjectData) -> list:
    """(number in the file, values) of each whole entry of the file's list `name`; every
    problem is a finding, and an entry with one is left out."""
    read = _read(root, path)
    if read is None:
        return []
    if isinstance(read, Finding):
        data.findings.append(read)
        return []
    meta, lines = read
    data.lines[path] = lines
    top = (Field(name, kinds.ListOf(fields, example), name, f"the list of {name}"),)
    _, problems = check(meta, top)
    data.findings += [
        Finding(path, data.line(path, p.key[:-1] if p.missing else p.key), "data", p.said) for p in problems
    ]
    entries, keys = [], set()
    listed = meta.get(name)
    for index, entry in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(entry, dict) or check(entry, fields)[1]:
            continue  # told above, with the entry's number
        value = check(entry, fields)[0]
        if "key" in value and value["key"] in keys:
            where = data.line(path, (name, index, "key"))
            data.findings.append(
                finding(path, where, "data", "data.key-taken", name=name, number=index + 1, key=value["key"])
            )
            continue
        keys.add(value.get("key"))
        entries.append((index, value))
    return entries


def load(root: Path, languages: list[str]) -> ProjectData:
    """Every data file of the website at `root`, judged; the site's language codes first."""
    codes = tuple(languages)
    data = ProjectData()
    partners = _entries(root, CONSORTIUM, "partners", _partner_fields(codes), "- key: kaznpu", data)
    results = _entries(root, RESULTS, "results", _result_fields(codes), "- key: sustainability-strategy", data)
    targets = _entries(root, TARGETS, "targets", _target_fields(), "- measure: activities", data)
    data.partners = [Partner(**values) for _, values in partners]
    keys = [partner.key for partner in data.partners]
    for index, values in results:
        if values.get("partner") is not None and values["partner"] not in keys:
            message = say(
                "data.partner" if keys else "data.no-partners",
                number=index + 1,
                partner=values["partner"],
                file=CONSORTIUM,
                keys=", ".join(keys),
            )
            data.findings.append(Finding(RESULTS, data.line(RESULTS, ("results", index, "partner")), "data", message))
            continue
        data.results.append(Result(**values))
        data.result_entry[values["key"]] = index
    data.targets = [Target(**values) for _, values in targets]
    return data


def news_findings(data: ProjectData, news_folders: set[str]) -> list[Finding]:
    """A result that names a news item this site does not have."""
    found = []
    for result in data.results:
        if result.news is not None and f"{tree.NEWS_DIR}/{result.news}" not in news_folders:
            where = data.line(RESULTS, ("results", data.result_entry[result.key], "news"))
            found.append(finding(RESULTS, where, "data", "data.news", news=result.news))
    return found
