"""The build object: one per process (`PROCESS`), the owner of everything a build
keeps. MkDocs' hooks (scripts/mkdocs_hooks.py) hand every event to it, and the
preview keeps using it from one rebuild to the next.

Why a hook and not static-i18n alone: static-i18n only handles files inside docs/
(a file from news/ is dropped, a generated one crashes it). So these events run
*after* its `on_files` (priority below its -100) and add, for the language being
built, ready-made pages with their final URLs. static-i18n runs one build per
language, the others from inside the first one's `on_post_build`; each adds only
its own language's pages, so the work is linear.

The content model judges every text before anything is built: a published build
stops on any blocking finding, with every `path:line` the checker reports; a
preview (`on_startup(command="serve")`, as `mkdocs serve` and the preview say)
stops only on what it cannot show, and shows the rest with notices.

What it keeps between builds, and until when:
- the content model's cache (kazdual.content.cache): what the last load used;
- the theme's compiled templates and installed listings (theme_cache): one per
  template and per installed folder;
- the processed photos of the site last built (photo_pages.Photos): what the
  last run used;
- the slow parts of /admin/ (admin.files.Memo): what the last build used;
- the language builds of the run under way, outermost first: none between runs;
- in a preview, the inputs of the pages on screen (incremental.Reuse): until the next
  good build, and none after a failed one.
"""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kazdual.admin.files import Memo
from kazdual.content import Content, load
from kazdual.content import config as site_config
from kazdual.content.cache import ContentCache
from kazdual.content.findings import Finding
from kazdual.errors import SourceError
from kazdual.search.bundle import MadeBefore
from kazdual.site import generated, incremental, listings, rendering, stylesheets
from kazdual.site.language_build import LanguageBuild
from kazdual.site.parallel import Role
from kazdual.site.photo_pages import Photos
from kazdual.site.search_index import build_search_index
from kazdual.site.theme_cache import ThemeCache
from kazdual.strings import strings_for


def refusal(findings: list[Finding], what: str) -> PluginError:
    lines = "\n".join(str(finding) for finding in findings)
    return PluginError(f"{what}, {len(findings)} to fix:\n{lines}")


# Python's cyclic collector runs after every 700 new objects by default, and a build makes
# millions (pages, Markdown trees, template contexts) of which few are cyclic garbage.
COLLECT_AFTER = 50_000


def _spare_the_collector(preview: bool) -> None:
    """Collect less often; in a build, which ends with its process, also leave the content
    model out of every later collection (a preview lives on and replaces its content)."""
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])
    if not preview:
        gc.freeze()


class SiteBuild:
    def __init__(self) -> None:
        self.command = "build"
        self.content_cache = ContentCache()
        self.theme = ThemeCache()
        self._photos: Photos | None = None
        self._running: list[LanguageBuild] = []  # the run under way, outermost first
        self.stylesheets = stylesheets.Cut()  # the run's pages, for Material's sheets cut to them
        self.role: Role | None = None  # in a parallel build (kazdual.site.parallel): this process's part
        self.reuse = incremental.Reuse()  # the preview's pages kept from the build on screen
        self.admin_memo = Memo()  # the slow parts of /admin/ made in the last build
        self.search_bundles = MadeBefore()  # each language's search bundle of the last index run
        self._run_content: Content | None = None  # a preview's content, judged once per run

    def start(self, command: str) -> None:
        """A command begins (MkDocs' `on_startup`): "build", or "serve" for a preview."""
        self.command = command
        self._running = []
        self._run_content = None

    @property
    def preview(self) -> bool:
        return self.command == "serve"

    def content(self, site: site_config.SiteConfig, both_cores: bool = False) -> Content:
        """The content model of `site`, read and judged again only where a file changed; in a
        preview, once per run: its languages and its findings show the sources as one
        (an edit while it runs starts the next build, whose record tells it apart).
        `both_cores`: a large site's first reading is shared with a worker (kazdual.content.halves)."""
        if self.preview and self._run_content is not None and self._run_content.config == site:
            return self._run_content
        content = load(site, self.content_cache, both_cores)
        if self.preview:
            self._run_content = content
        return content

    @property
    def current(self) -> LanguageBuild:
        """The language being built now."""
        if not self._running:
            raise PluginError("a page was built before its language was configured")
        return self._running[-1]

    def photos_of(self, root: Path) -> Photos:
        if self._photos is None or self._photos.root != root:
            self._photos = Photos(root)
        return self._photos

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        """A language's build begins (`on_config`, after static-i18n chose the language)."""
        try:
            site = site_config.from_mkdocs(config, Path(config.config_file_path).resolve().parent)
            code = config.theme["language"]  # static-i18n sets the theme's language to the one it builds
            language = next(lang for lang in site.languages if lang.code == code)
            strings = strings_for(language.code)
            content = self.content(site)
        except SourceError as problem:
            raise PluginError(str(problem)) from None
        _spare_the_collector(self.preview)
        if self.preview and content.stopping_preview:
            raise refusal(content.stopping_preview, "the preview cannot show the site")
        if not self.preview and content.blocking:
            raise refusal(content.blocking, "the site cannot be published")
        self.theme.install(config)
        # static-i18n's sitemap and 404 are ours, per language.
        config.site_description = strings["site_description"]
        config.theme.static_templates.difference_update({"404.html", "sitemap.xml"})
        withheld = content.withheld  # worked out at each reading: once, not once per item
        news = [item for item in content.news(drafts=self.preview) if item.name not in withheld]
        if any(running.language == language for running in self._running):
            self._running = []  # a run that stopped half-way: this is a new one
        photos = self.photos_of(site.root)
        if not self._running:
            photos.forget_unused()
        self._running.append(
            LanguageBuild(
                site,
                content,
                language,
                strings,
                self.preview,
                news,
                listings.news_listings(news, strings),
                photos,
                site_name=config.site_name,
                admin_memo=self.admin_memo,
            )
        )
        return config

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        shares = self.role is None or self.role.shares
        first_of_run = len(self._running) == 1
        if first_of_run:
            self.stylesheets.start(config.theme.dirs, self.current.site.site_url)
        files = generated.add_files(self.current, files, config, first_of_run=first_of_run and shares)
        if not shares:
            generated.leave_shared_to_others(self.current, files)
        if self.preview:
            self.reuse.keep_unchanged(self.current, files, config)
        return files

    def nav(self, nav: Navigation) -> Navigation:
        # The tabs and the menu name the home page "Home" in each language: its title,
        # the project's full name, is too long for a tab and stays as the page's heading.
        if nav.homepage is not None:
            nav.homepage.title = self.current.strings["home"]
        return nav

    def page_markdown(self, markdown: str, page: Page) -> str:
        return rendering.markdown(self.current, markdown, page)

    def page_content(self, html: str, page: Page, config: MkDocsConfig) -> Markup:
        return rendering.content(self.current, html, page, config)

    def page_context(self, context: dict, page: Page) -> dict:
        return rendering.context(self.current, context, page)

    def page_written(self, output: str, page: Page) -> str:
        """A page's HTML (`on_post_page`): what it has, for the cut sheets of a published build
        (the preview keeps Material's sheets whole: its search index comes after its pages)."""
        if not self.preview:
            self.stylesheets.add_page(output, page.url)
        return output

    def finish(self, config: MkDocsConfig) -> None:
        """A language's build ends (`on_post_build`); the outermost one, last of the run,
        makes the search index of every language and cuts Material's style sheets to the
        pages, except in a preview (it indexes in the background, after its pages are shown)."""
        build = self._running.pop()
        if self._running or self.preview:
            return
        built = build.languages if self.role is None else [build.language]
        try:
            # A parallel build's process indexes once: nothing to keep for a next time.
            made_before = self.search_bundles if self.role is None else None
            build_search_index(Path(config.site_dir), built, build.languages, made_before)
        except Exception as error:  # the indexer's own errors vary; the editor needs one line
            raise PluginError(f"the search index could not be built: {error}") from None
        if self.role is not None:
            self.role.used_file.write_bytes(pickle.dumps(self.stylesheets.used))  # the parent cuts for all
        elif not self.stylesheets.write(Path(config.site_dir)):
            raise PluginError("a page loads a script from another host, which the site never does")

    def abandon(self) -> None:
        """The run failed (`on_build_error`): none of its language builds goes on."""
        self._running = []


# The one build object of this process.
PROCESS = SiteBuild()
