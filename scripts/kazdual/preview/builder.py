"""Building the preview again after every edit, in this process (so templates and
texts read before are reused), into a fresh folder that replaces the shown one
only when the build is done."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kazdual import preview_mode
from kazdual.content import config as site_config, load


@dataclass
class State:
    generation: int = 0  # goes up with every build, good or failed
    site_dir: Path | None = None  # the last good build
    problems: list[str] = field(default_factory=list)  # why the last build failed
    findings: list[dict] = field(default_factory=list)  # what the content model says, after a good build
    seconds: float = 0.0


class _Collect(logging.Handler):
    """The build's errors, as MkDocs and the hook log them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # The hook's refusal starts with a heading ("…, 3 to fix:"); the page has its own.
        self.lines += [line for line in record.getMessage().splitlines() if line.strip() and not line.endswith("to fix:")]


def _relative(root: Path, path: str | None) -> str:
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

    def build(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        with self._lock:
            started = time.perf_counter()
            staging = Path(tempfile.mkdtemp(prefix="kazdual-preview-"))
            collect = _Collect()
            logging.getLogger("mkdocs").addHandler(collect)
            preview_mode.current = preview_mode.Preview(self.language)
            problems, findings = [], []
            try:
                config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(staging))
                config.site_url = self.base_url
                config.strict = False  # the preview shows what the published build would refuse
                if self.language:
                    one_language(config, self.language)
                build(config)
                content = load(site_config.from_mkdocs(config, self.root))
                findings = [{"text": str(f), "blocking": f.blocking} for f in content.findings]
            except Exception as error:  # whatever broke, the editor gets lines, never a traceback
                problems = self._problems(error, collect.lines)
            finally:
                preview_mode.current = None
                logging.getLogger("mkdocs").removeHandler(collect)
            with self.changed:
                old = None
                if problems:
                    shutil.rmtree(staging, ignore_errors=True)
                else:
                    old, self.state.site_dir = self.state.site_dir, staging
                self.state.problems, self.state.findings = problems, findings
                self.state.seconds = time.perf_counter() - started
                self.state.generation += 1
                self.changed.notify_all()
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)

    def close(self) -> None:
        with self.changed:
            if self.state.site_dir is not None:
                shutil.rmtree(self.state.site_dir, ignore_errors=True)
                self.state.site_dir = None


def one_language(config, code: str) -> None:
    """Build only `code`, at the address it is published under (ru/ stays ru/)."""
    i18n = config.plugins["i18n"]
    for language in i18n.config.languages:
        language.build = language.locale == code
    i18n.current_language = code
