"""Building the preview again after every edit, in this process, into a fresh folder
that replaces the shown one only when the build is done. Each build starts as
`mkdocs serve` starts one (`on_startup(command="serve")`), and the process's one
build object keeps the templates and texts read before for the next, and the pages
an edit of news cannot have changed (kazdual.site.incremental)."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kazdual.content import config as site_config
from kazdual.content.findings import Finding
from kazdual.errors import ErrorLines
from kazdual.preview import index
from kazdual.site.build import PROCESS

# A preview's pages are thrown away at the next edit: in memory where the system
# offers it, writing a thousand small files costs nothing.
SCRATCH = next((folder for folder in ("/dev/shm",) if os.access(folder, os.W_OK)), None)
AFTER_SERVING = 1.0  # seconds after a build before the one it retired is removed
QUIET_BEFORE_INDEX = 5.0  # seconds after a build, with no other begun, before the preview's search index is made


@dataclass
class State:
    generation: int = 0  # goes up with every build, good or failed
    site_dir: Path | None = None  # the last good build
    problems: list[str] = field(default_factory=list)  # why the last build failed
    findings: list[dict] = field(default_factory=list)  # what the content model says, after a good build
    stopping: list[Finding] = field(default_factory=list)  # the findings that stopped the last build, if any
    seconds: float = 0.0


def _error_lines(message: str) -> list[str]:
    # The hook's refusal starts with a heading ("…, 3 to fix:"); the page has its own.
    return [line for line in message.splitlines() if line.strip() and not line.endswith("to fix:")]


def _relative(root: Path, path: str | None) -> str:
    if path is None:
        return "a template"
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except (TypeError, ValueError):
        return path or "a template"


class Builder:
    def __init__(self, root: Path, language: str | None, base_url: str) -> None:
        self.root, self.language, self.base_url = root, language, base_url
        self.state = State()
        self.changed = threading.Condition()
        self._lock = threading.Lock()
        self._retired: Path | None = None  # the build before the last: requests may still read it
        self._removing: set[Path] = set()  # older builds, about to be removed
        # The search index of the build on screen: asked for after each build, stopped when the next begins.
        self._index_lock = threading.Lock()
        self._index_stop = threading.Event()
        self._indexer: subprocess.Popen | None = None
        self._indexed: Path | None = None  # the last build whose index was made
        self._index_of: tuple[list, list] = ([], [])  # the languages built and the site's, of the build on screen

    def _problems(self, error: Exception, collected: list[str]) -> list[str]:
        import jinja2
        from mkdocs.exceptions import Abort, ConfigurationError

        if isinstance(error, jinja2.TemplateSyntaxError):
            return [f"{_relative(self.root, error.filename)}:{error.lineno}: {error.message}"]
        if isinstance(error, ConfigurationError):
            return [f"mkdocs.yml:1: {' '.join(str(error).split())}"]
        if isinstance(error, Abort) and collected:
            return collected
        return collected + [f"the build failed: {error}"]

    def _stopping(self) -> list[Finding]:
        """The findings that keep the preview from showing the site, to say in each page's language."""
        try:
            return PROCESS.content(site_config.load(self.root)).stopping_preview
        except Exception:  # mkdocs.yml itself cannot be read: its problem is told as it is
            return []

    def build(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        with self._lock:
            started = time.perf_counter()
            self._stop_indexing()
            staging = Path(tempfile.mkdtemp(prefix="kazdual-preview-", dir=SCRATCH))
            collect = ErrorLines(_error_lines)
            logging.getLogger("mkdocs").addHandler(collect)
            problems, findings, stopping = [], [], []
            PROCESS.reuse.begin(self.state.site_dir, self.root)
            try:
                config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(staging))
                config.site_url = self.base_url
                config.strict = False  # the preview shows what the published build would refuse
                config.plugins.on_startup(command="serve", dirty=False)
                if self.language:
                    one_language(config, self.language)
                build(config)
                site = site_config.from_mkdocs(config, self.root)
                content = PROCESS.content(site)
                findings = [{"text": str(f), "blocking": f.blocking} for f in content.findings]
            except Exception as error:  # whatever broke, the editor gets lines, never a traceback
                problems = self._problems(error, collect.lines)
                stopping = self._stopping()
            finally:
                logging.getLogger("mkdocs").removeHandler(collect)
            with self.changed:
                old = None
                if problems:
                    shutil.rmtree(staging, ignore_errors=True)
                    PROCESS.reuse.forget()
                else:
                    old, self.state.site_dir = self.state.site_dir, staging
                    PROCESS.reuse.adopt(staging)
                self.state.problems, self.state.findings, self.state.stopping = problems, findings, stopping
                self.state.seconds = time.perf_counter() - started
                self.state.generation += 1
                self.changed.notify_all()
            self._after_serving(self._retired)
            self._retired = old
            if not problems:
                self._index_of = (
                    [lang for lang in site.languages if self.language in (None, lang.code)],
                    site.languages,
                )
            self._index_when_quiet()

    def _after_serving(self, folder: Path | None) -> None:
        """Once the pages of this build are served: remove `folder` (removing 1,800 files while
        they are asked for makes them wait), then collect the garbage of the builds so far and
        leave what lives on out of the collections the next build sets off (the content model,
        its caches, the templates: at 2,000 news items, a quarter of a second per rebuild)."""
        if folder is not None:
            self._removing.add(folder)

        def later() -> None:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
                self._removing.discard(folder)
            if self._lock.acquire(blocking=False):  # else a build has begun: the next one collects
                try:
                    gc.unfreeze()
                    gc.collect()
                    gc.freeze()
                finally:
                    self._lock.release()

        timer = threading.Timer(AFTER_SERVING, later)
        timer.daemon = True
        timer.start()

    def _stop_indexing(self) -> None:
        with self._index_lock:
            self._index_stop.set()
            if self._indexer is not None:
                index.stop(self._indexer)

    def _index_when_quiet(self) -> None:
        """Index the build on screen once the editor has paused (after a failed build too, when
        the index of the one still shown was stopped): while saves follow each other, the CPU
        goes to the pages, and an index no one will see is never made."""
        site_dir = self.state.site_dir
        if site_dir is None or site_dir == self._indexed:
            return
        with self._index_lock:
            stop = self._index_stop = threading.Event()
        threading.Thread(
            target=self._index, args=(stop, site_dir, *self._index_of), name="preview-search", daemon=True
        ).start()

    def _index(self, stop: threading.Event, site_dir: Path, built: list, languages: list) -> None:
        """The search index of a preview, made after its pages are shown: searching waits
        a moment, the pages do not."""
        if stop.wait(QUIET_BEFORE_INDEX):
            return
        with self._index_lock:
            if stop.is_set():
                return
            before = self._indexed if self._indexed is not None and self._indexed.is_dir() else None
            process = self._indexer = index.start(site_dir, built, languages, before)
        _, told = process.communicate()
        with self._index_lock:
            if self._indexer is process:
                self._indexer = None
            if stop.is_set():
                return
            if process.returncode == 0:
                self._indexed = site_dir
                return
        if site_dir.is_dir():  # else a newer build replaced the folder: that one has its own index
            problem = told.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"status {process.returncode}"]
            logging.getLogger("kazdual.preview").warning(f"the preview's search index could not be made: {problem[0]}")

    def close(self) -> None:
        self._stop_indexing()
        gc.unfreeze()
        with self.changed:
            for folder in (self.state.site_dir, self._retired, *list(self._removing)):
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
            self.state.site_dir = self._retired = None


def one_language(config, code: str) -> None:
    """Build only `code`, at the address it is published under (ru/ stays ru/)."""
    i18n = config.plugins["i18n"]
    for language in i18n.config.languages:
        language.build = language.locale == code
    i18n.current_language = code
