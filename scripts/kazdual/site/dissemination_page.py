"""The page "Dissemination activities": the record of the news drawn in the page's
language, where its text has the marker line.

In order: three charts, each with its numbers in a table beside it (activities
per year by type, participants per year with approximate numbers kept apart,
audiences reached), the totals by type, progress against the targets, and each
activity with everything the record holds about it ("not recorded" where the news
says nothing). The tables and lists are HTML that passes the page's sanitizer;
the charts are SVG, which it would remove, so the Markdown holds an empty slot for
each and `insert_charts` puts them in after it.
"""

from __future__ import annotations

from html import escape

from mkdocs.utils import get_relative_url

from kazdual.content import Item, source
from kazdual.content.project_data import ProjectData
from kazdual.content.reach import AUDIENCES
from kazdual.content.schema import ACTIVITY_KINDS
from kazdual.dates import event_dates
from kazdual.dissemination import Activity, Record, Total, make_record
from kazdual.numbers import number, share
from kazdual.site import charts, html_parts
from kazdual.targets import Progress, progress

# The line in docs/dissemination.<lang>.md that the build replaces with the record.
MARKER = "<!-- dissemination-table -->"
CHART_NAMES = ("kinds", "participants", "audiences")
NOT_RECORDED_SERIES = len(charts.PALETTE) - 1  # grey


def slot(name: str) -> str:
    """Where a chart goes: an element the sanitizer keeps as it is."""
    return f'<div class="kd-chart" id="kd-chart-{name}"></div>'


def number_text(value: int | None, approximate: bool, strings: dict, language: str) -> str:
    if value is None:
        return ""
    shown = number(value, language)
    return strings["approximately"].format(number=shown) if approximate else shown


def _total_text(total: Total, strings: dict, language: str) -> str:
    return number_text(total.participants, total.approximate, strings, language) or strings["not_recorded"]


def _section(title: str, *parts: str) -> str:
    # Blank lines around each part: Markdown passes a raw HTML block through untouched.
    return "\n\n".join([html_parts.heading(title), *parts])


def _kinds(record: Record, strings: dict, language: str) -> tuple[str, str]:
    labels, order = strings["activity"], ACTIVITY_KINDS
    years = list(record.by_year)
    title = strings["dissemination_by_year_kind"]
    bars = [
        charts.Bar(
            str(year),
            tuple(
                charts.Part(
                    count,
                    number(count, language),
                    order.index(kind),
                    tooltip=f"{year}, {labels[kind]}: {number(count, language)}",
                )
                for kind, count in record.by_year_kind[year].items()
                if count
            ),
            number(record.by_year[year].activities, language),
        )
        for year in years
    ]
    legend = [charts.Key(labels[kind], order.index(kind)) for kind in record.by_kind]
    drawing = charts.bar_chart("kd-chart-kinds", title, strings["dissemination_chart_note"], bars, legend)
    rows = [
        html_parts.row(
            labels[kind],
            [html_parts.cell(number(record.by_year_kind[year][kind], language), strings, True) for year in years]
            + [html_parts.cell(number(total.activities, language), strings, True)],
        )
        for kind, total in record.by_kind.items()
    ]
    rows.append(
        html_parts.row(
            strings["dissemination_total"],
            [html_parts.cell(number(record.by_year[year].activities, language), strings, True) for year in years]
            + [html_parts.cell(number(record.overall.activities, language), strings, True)],
        )
    )
    headers = [strings["dissemination_kind"], *map(str, years), strings["dissemination_total"]]
    return drawing, html_parts.table(title, headers, rows)


def _participants(record: Record, strings: dict, language: str) -> tuple[str, str]:
    title = strings["dissemination_participants_by_year"]
    exact, approximate = strings["dissemination_exact"], strings["dissemination_approximate"]
    bars = []
    for year, total in record.by_year.items():
        parts = []
        if total.exact:
            parts.append(
                charts.Part(
                    total.exact,
                    number(total.exact, language),
                    0,
                    tooltip=f"{year}, {exact}: {number(total.exact, language)}",
                )
            )
        if total.approximate_part:
            shown = number_text(total.approximate_part, True, strings, language)
            parts.append(charts.Part(total.approximate_part, shown, 0, True, f"{year}, {approximate}: {shown}"))
        bars.append(charts.Bar(str(year), tuple(parts), _total_text(total, strings, language)))
    legend = [charts.Key(exact, 0), charts.Key(approximate, 0, approximate=True)]
    drawing = charts.bar_chart("kd-chart-participants", title, strings["dissemination_chart_note"], bars, legend)

    def cells(total: Total) -> list[str]:
        return [
            html_parts.cell(number_text(total.exact, False, strings, language) or "—", strings, True),
            html_parts.cell(number_text(total.approximate_part, True, strings, language) or "—", strings, True),
            html_parts.cell(_total_text(total, strings, language), strings, True),
        ]

    rows = [html_parts.row(str(year), cells(total)) for year, total in record.by_year.items()]
    rows.append(html_parts.row(strings["dissemination_total"], cells(record.overall)))
    headers = [strings["dissemination_year"], exact, approximate, strings["dissemination_participants_known"]]
    counted = strings["dissemination_counted"].format(
        counted=number(record.overall.counted, language), activities=number(record.overall.activities, language)
    )
    return drawing, html_parts.table(title, headers, rows) + f"\n\n<p>{escape(counted)}</p>"


def _audiences(record: Record, strings: dict, language: str) -> tuple[str, str]:
    title, labels = strings["dissemination_audiences_reached"], strings["audience"]
    counts = [(labels[word], record.by_audience[word].activities, 0) for word in AUDIENCES]
    unrecorded = strings["not_recorded"]
    counts.append((unrecorded[:1].upper() + unrecorded[1:], record.not_recorded["audiences"], NOT_RECORDED_SERIES))
    bars = [
        charts.Bar(
            label,
            (charts.Part(count, number(count, language), series, tooltip=f"{label}: {number(count, language)}"),),
            number(count, language),
        )
        for label, count, series in counts
    ]
    drawing = charts.bar_chart("kd-chart-audiences", title, strings["dissemination_chart_note"], bars, [])
    rows = [
        html_parts.row(label, [html_parts.cell(number(count, language), strings, True)]) for label, count, _ in counts
    ]
    table = html_parts.table(title, [strings["dissemination_audience"], strings["dissemination_activities"]], rows)
    return drawing, f"<p>{escape(strings['dissemination_audiences_note'])}</p>\n\n{table}"


def _by_kind(record: Record, strings: dict, language: str) -> str:
    labels = strings["activity"]
    rows = [
        html_parts.row(
            name,
            [
                html_parts.cell(number(total.activities, language), strings, True),
                html_parts.cell(number_text(total.participants, total.approximate, strings, language), strings, True),
            ],
        )
        for name, total in [
            *((labels[k], t) for k, t in record.by_kind.items()),
            (strings["dissemination_total"], record.overall),
        ]
    ]
    headers = [
        strings["dissemination_kind"],
        strings["dissemination_activities"],
        strings["dissemination_participants_known"],
    ]
    return html_parts.table(strings["dissemination_by_kind"], headers, rows)


def _targets(record: Record, project: ProjectData, strings: dict, language: str) -> str:
    reached = progress(record, project.targets)
    if not reached:
        return f"<p>{escape(strings['dissemination_no_targets'])}</p>"
    rows = []
    for found in reached:
        target = found.target
        filters = [strings[name][value] for name, value in target.filters.items()]  # their labels share the names
        what = strings["target_measure"][target.measure] + (" — " + ", ".join(filters) if filters else "")
        rows.append(
            html_parts.row(
                what,
                [
                    html_parts.cell(number_text(found.reached, found.approximate, strings, language), strings, True),
                    html_parts.cell(number(target.target, language), strings, True),
                    html_parts.cell(_share(found, strings, language), strings, True),
                ],
            )
        )
    headers = [
        strings["dissemination_target"],
        strings["dissemination_target_reached"],
        strings["dissemination_target_value"],
        strings["dissemination_target_progress"],
    ]
    return html_parts.table(strings["dissemination_targets"], headers, rows)


def _share(found: Progress, strings: dict, language: str) -> str:
    shown = share(found.share, language)
    return strings["approximately"].format(number=shown) if found.approximate else shown


def _activity(activity: Activity, project: ProjectData, strings: dict, language: str, page_path: str) -> str:
    values = activity.values(language)
    href = get_relative_url(activity.item.url_path, page_path)
    partner = project.partner(activity.organiser)
    missing = html_parts.not_recorded(strings)

    def shown(text: str | None) -> str:
        return escape(text) if text else missing

    evidence = [strings["dissemination_evidence_news"]]
    if activity.photos:
        evidence.append(strings["dissemination_evidence_photos"].format(count=number(len(activity.photos), language)))
    if activity.attendance_note(language):
        evidence.append(activity.attendance_note(language))
    dates = event_dates(activity.date, activity.end_date, language)
    facts = [
        (strings["dissemination_date"], f'<time datetime="{activity.date.isoformat()}">{escape(dates)}</time>'),
        (strings["dissemination_kind"], escape(strings["activity"][activity.kind])),
        (strings["dissemination_place"], shown(values.get("place"))),
        (
            strings["dissemination_participants"],
            shown(number_text(activity.participants, activity.approximate, strings, language)),
        ),
        (strings["dissemination_audiences"], shown(", ".join(strings["audience"][a] for a in activity.audiences))),
        (strings["dissemination_scope"], shown(strings["scope"].get(activity.scope or ""))),
        (strings["dissemination_organiser"], shown(partner.name[language] if partner else activity.organiser)),
        (strings["dissemination_channel"], shown(strings["channel"].get(activity.channel or ""))),
        (strings["dissemination_evidence"], escape("; ".join(evidence))),
    ]
    title = f'<h3 class="kd-record__title"><a href="{escape(href)}">{escape(values["title"])}</a></h3>'
    return f"<li>{title}{html_parts.facts(facts)}</li>"


def render(
    record: Record, project: ProjectData, language: str, strings: dict, page_path: str
) -> tuple[str, dict[str, str]]:
    """The Markdown that replaces the marker, and the chart for each slot in it."""
    drawn: dict[str, str] = {}
    sections = []
    for name, title, make in (
        ("kinds", strings["dissemination_by_year_kind"], _kinds),
        ("participants", strings["dissemination_participants_by_year"], _participants),
        ("audiences", strings["dissemination_audiences_reached"], _audiences),
    ):
        drawing, tables = make(record, strings, language)
        drawn[slot(name)] = f'<div class="kd-chart">{drawing}</div>'
        sections.append(_section(title, slot(name), tables))
    sections.append(_section(strings["dissemination_by_kind"], _by_kind(record, strings, language)))
    sections.append(_section(strings["dissemination_targets"], _targets(record, project, strings, language)))
    cards = "".join(_activity(a, project, strings, language, page_path) for a in record.activities)
    sections.append(_section(strings["dissemination_list"], f'<ul class="kd-record">{cards}</ul>'))
    return "\n\n" + "\n\n".join(sections) + "\n\n", drawn


def replace_marker(
    markdown: str, news: list[Item], project: ProjectData, language: str, strings: dict, page_path: str
) -> tuple[str, dict[str, str]]:
    """`markdown` with the marker line replaced by the record, and its charts; a page without it is unchanged."""
    if MARKER not in markdown:
        return markdown, {}
    made, drawn = render(make_record(news), project, language, strings, page_path)
    replaced = source.replace_marker(markdown, MARKER, made)  # not where the marker is quoted in code
    return (replaced, drawn) if replaced != markdown else (markdown, {})


def insert_charts(html: str, drawn: dict[str, str]) -> str:
    """The sanitized page with each chart in its slot."""
    for empty, chart in drawn.items():
        html = html.replace(empty, chart, 1)
    return html
