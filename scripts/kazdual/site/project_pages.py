"""The pages drawn from the project's data (data/*.yml) where their text has the
marker line: the partners on the Consortium page, the results on the Results page.

Each result shows what data/results.yml holds about it, and "not recorded" for
what it does not: where a result can be found is its address when one is given,
else that it is not published on this site, and the news item that reports it.
"""

from __future__ import annotations

from html import escape

from mkdocs.utils import get_relative_url

from kazdual.content.project_data import RESULT_TYPES, ProjectData, Result
from kazdual.content.source import replace_marker
from kazdual.dates import news_date
from kazdual.numbers import number
from kazdual.site import html_parts

CONSORTIUM_MARKER = "<!-- consortium-table -->"
RESULTS_MARKER = "<!-- results-list -->"


def partners_html(project: ProjectData, language: str) -> str:
    entries = []
    for partner in project.partners:
        name = partner.name[language] + (f", {partner.city[language]}" if partner.city else "")
        about = f"{partner.country[language]} · {partner.role[language]}"
        entries.append(
            f'<li><p class="kd-partners__name">{escape(name)}</p><p class="kd-partners__about">{escape(about)}</p></li>'
        )
    return f'<ul class="kd-partners">{"".join(entries)}</ul>'


def when(result: Result, language: str, strings: dict) -> str:
    """Its date or milestone in words: "month 3 of the project", "milestone M32"."""
    parts = []
    if result.month is not None:
        parts.append(strings["results_month"].format(month=number(result.month, language)))
    if result.milestone:
        parts.append(strings["results_milestone"].format(milestone=result.milestone))
    if result.academic_year:
        start = int(result.academic_year[:4])
        parts.append(strings["results_academic_year"].format(start=start, end=start + 1))
    if result.reported is not None:
        parts.append(strings["results_reported"].format(date=news_date(result.reported, language)))
    return "; ".join(parts)


def _result(result: Result, project: ProjectData, language: str, strings: dict, page_path: str, news: dict) -> str:
    missing = html_parts.not_recorded(strings)
    partner = project.partner(result.partner)
    access = {True: strings["results_public"], False: strings["results_not_public"], None: ""}[result.public]
    where = (
        f'<a href="{escape(result.url)}">{escape(result.url)}</a>'
        if result.url
        else escape(strings["results_not_published"])
    )
    facts = [
        (
            strings["results_work_package"],
            escape(strings["results_work_package_number"].format(number=result.work_package))
            if result.work_package
            else missing,
        ),
        (strings["results_when"], escape(when(result, language, strings)) or missing),
        (strings["results_access"], escape(access) or missing),
        (strings["results_partner"], escape(partner.name[language]) if partner else missing),
    ]
    if result.prepared_by:
        facts.append((strings["results_prepared_by"], escape(result.prepared_by[language])))
    facts.append((strings["results_where"], where))
    item = news.get(result.news) if result.news else None
    if item is not None:
        href = get_relative_url(item.url_path, page_path)
        title = item.text_for(language)[0].values["title"]
        facts.append((strings["results_news"], f'<a href="{escape(href)}">{escape(title)}</a>'))
    heading = (f"{result.code} — " if result.code else "") + result.title[language]
    return f'<li><h3 class="kd-record__title">{escape(heading)}</h3>{html_parts.facts(facts)}</li>'


def results_markdown(project: ProjectData, news: list, language: str, strings: dict, page_path: str) -> str:
    by_folder = {item.entry.folder: item for item in news}
    groups = []
    for kind in RESULT_TYPES:
        results = [r for r in project.results if r.type == kind]
        if results:
            cards = "".join(_result(r, project, language, strings, page_path, by_folder) for r in results)
            groups.append(f'{html_parts.heading(strings["result_group"][kind])}\n\n<ul class="kd-record">{cards}</ul>')
    return "\n\n" + "\n\n".join(groups) + "\n\n"


def replace_markers(
    markdown: str, project: ProjectData, news: list, language: str, strings: dict, page_path: str
) -> str:
    # Only a marker line of the text itself: one quoted in code stays as written.
    if CONSORTIUM_MARKER in markdown:
        markdown = replace_marker(markdown, CONSORTIUM_MARKER, "\n\n" + partners_html(project, language) + "\n\n")
    if RESULTS_MARKER in markdown:
        markdown = replace_marker(
            markdown, RESULTS_MARKER, results_markdown(project, news, language, strings, page_path)
        )
    return markdown
