"""What each page gets while MkDocs renders it: the values the model judged, the
"Report a problem" link, HTML from the safe list with the item's photos drawn in
their web versions, and the templates' context."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from kazdual.addresses import path_in_language
from kazdual.content.html import sanitize
from kazdual.content.source import replace_marker
from kazdual.site import context as page_context
from kazdual.site import dissemination_page, photo_pages, project_pages
from kazdual.site.language_build import LanguageBuild

# The line in a page's text that the build replaces with the "Report a problem" link.
REPORT_MARKER = "<!-- report-problem-link -->"


def _report_link(build: LanguageBuild, path: str) -> str:
    """The link as a paragraph; nothing where no repository is configured."""
    url = page_context.report_url(build, f"{build.base}{build.language.prefix}{path}")
    if url is None:
        return ""
    return f'<p class="kd-report"><a href="{escape(url)}">{escape(build.strings["report_problem"])}</a></p>'


def markdown(build: LanguageBuild, text: str, page: Page) -> str:
    path = path_in_language(page.url, build.language)
    item = build.item_at(path)
    judged = item.text_for(build.language.code)[0] if item is not None else None
    if judged is not None and judged.document is not None:
        # The values and the body the model judged, not MkDocs' own reading of the front matter
        # (YAML 1.1, where `title: 12:30` is 750 and `title: on` is True, and where the front matter
        # ends at a `...` line): the menu, the heading and the text show what the check has read.
        page.meta = dict(judged.values)
        text = judged.document.body
    if path in build.news_by_path:
        page.meta["template"] = "news-item.html"
    text, charts = with_markers_replaced(build, text, path)
    if charts:
        build.charts[path] = charts
    return text


def with_markers_replaced(build: LanguageBuild, text: str, path: str) -> tuple[str, dict[str, str]]:
    """The text of the page at `path` with every marker replaced (the report link, the tables
    of the project's data and of the news), and the charts its dissemination table brings."""
    if REPORT_MARKER in text:
        text = replace_marker(text, REPORT_MARKER, _report_link(build, path))
    project, code = build.content.project, build.language.code
    text = project_pages.replace_markers(text, project, build.news, code, build.strings, path)
    return dissemination_page.replace_marker(text, build.news, project, code, build.strings, path)


def _as_markup(toc: Iterable[AnchorLink]) -> None:
    # Python-Markdown gives heading titles with their entities escaped (&amp;):
    # escaping them again would show "&amp;" to readers.
    for link in toc:
        link.title = Markup(link.title)
        _as_markup(link.children)


def content(build: LanguageBuild, html: str, page: Page, config: MkDocsConfig) -> Markup:
    """Only HTML from the safe list reaches a page, whatever a text holds; then the
    item's photos in the text are drawn in their web versions."""
    _as_markup(page.toc)
    clean = sanitize(html)
    path = path_in_language(page.url, build.language)
    if path in build.charts:  # SVG, which the sanitizer would remove: drawn by the build alone
        clean = Markup(dissemination_page.insert_charts(str(clean), build.charts.pop(path)))
    item = build.news_by_path.get(path)
    if item is None or not item.shown_photos:
        return clean
    if build.picture_template is None:
        env = config.theme.get_env()
        env.autoescape = True
        build.picture_template = env.get_template("partials/picture.html")
    template = build.picture_template

    def draw(name: str, alt: str) -> Markup | None:
        made = build.photos.processed(item, name)
        if made is None:
            return None
        return Markup(
            template.render(photo=photo_pages.picture(made, page_context.relative(page, item.url_path), alt, "body"))
        )

    return photo_pages.body_pictures(clean, page.url, item, draw)


def context(build: LanguageBuild, values: dict, page: Page) -> dict:
    path = path_in_language(page.url, build.language)
    meta = build.meta_of(path)
    values["site"] = page_context.site(build, page, path, meta)
    values["text"] = meta
    item = build.news_by_path.get(path)
    if item is not None:
        values["news_item"] = page_context.news_item(build, page, item)
    if path in build.listings:
        values["listing"] = page_context.listing(build, page, build.listings[path])
    if path == "":  # the home page of this language
        values["latest_news"] = page_context.cards(build, page, build.news[:3])
    return values
