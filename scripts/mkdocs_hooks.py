"""The MkDocs hooks named in mkdocs.yml: each event handed to the process's build
object (kazdual.site.build), which holds all of a build's state.

The events that must follow static-i18n's (priority -100) run at -110: it has
chosen the language being built, and that language's files from docs/, first.
"""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kazdual.site.build import PROCESS as BUILD

AFTER_I18N = -110


def on_startup(command: str, dirty: bool) -> None:
    BUILD.start(command)


@event_priority(AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return BUILD.configure(config)


@event_priority(AFTER_I18N)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return BUILD.add_files(files, config)


@event_priority(AFTER_I18N)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    return BUILD.nav(nav)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return BUILD.page_markdown(markdown, page)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> Markup:
    return BUILD.page_content(html, page, config)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every value a template inserts is escaped unless it is marked as markup
    # (page content after sanitizing, the theme's own partials).
    env.autoescape = True
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    return BUILD.page_context(context, page)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return BUILD.page_written(output, page)


@event_priority(AFTER_I18N)
def on_post_build(config: MkDocsConfig) -> None:
    BUILD.finish(config)


def on_build_error(error: Exception) -> None:
    BUILD.abandon()
