"""Shared fixtures: the real site built once, and tiny sites built in temporary folders."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The scripts speak the computer's language when the site has it; the tests read
# their English messages, whatever language the machine running them speaks.
os.environ["LC_ALL"] = "C.UTF-8"
sys.path.insert(0, str(ROOT / "scripts"))

from kazdual.content import config as site_config  # noqa: E402

LANGUAGES = site_config.load(ROOT).languages
SITE_PARTS = (
    "mkdocs.yml",
    "overrides",
    "scripts",
    "docs",
    "data",
    "requirements.in",
    "requirements.txt",
    "requirements-test.in",
    "requirements-test.txt",
)
# What changes the built site besides its sources. The real site is built (and
# rebuilt) with the caller's values, as CI builds the site it publishes; the small
# sites of other tests get only what those tests set.
SITE_SETTINGS = ("SITE_URL", "SITE_REPO_URL")
DEFAULT_SITE_URL = "https://kazdual.github.io/"  # mkdocs.yml's, when SITE_URL is unset


def site_settings() -> dict[str, str]:
    return {name: os.environ[name] for name in SITE_SETTINGS if os.environ.get(name)}


def site_address() -> str:
    """The address the real site is built for, ending in "/" as MkDocs writes it."""
    url = site_settings().get("SITE_URL", DEFAULT_SITE_URL)
    return url if url.endswith("/") else url + "/"


def run_mkdocs(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs <args>` in `project`, as an editor or CI would run it."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("PREVIEW_LANGUAGE", *SITE_SETTINGS)}
    environment = dict(inherited, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=project, env=environment, capture_output=True, text=True
    )


class _Log(logging.Handler):
    """MkDocs' log as its command line prints it ("ERROR   -  …")."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    """os.environ as `run_mkdocs` gives a build, for the time of an in-process build."""
    saved = dict(os.environ)
    for name in ("PREVIEW_LANGUAGE", *SITE_SETTINGS):
        os.environ.pop(name, None)
    os.environ.update(NO_MKDOCS_2_WARNING="1", **values)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def build_in_process(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in this process, as its command line runs it (on_startup
    says "build"), with the same exit status and log; the process's one build object
    keeps the theme's compiled templates between builds."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    log = _Log()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(log)
    level, logger.level = logger.level, logging.INFO
    code = 0
    try:
        with _environment(env):
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except SystemExit as stop:  # MkDocs' Abort: the command line prints its message and exits 1
        log.lines.append(f"\n{stop}")
        code = stop.code if isinstance(stop.code, int) else 1
    except Exception:  # as the command line shows it: a traceback, exit 1
        log.lines.append(traceback.format_exc())
        code = 1
    finally:
        logger.removeHandler(log)
        logger.level = level
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict"], code, "", "\n".join(log.lines) + "\n")


def build(project: Path, site_dir: Path, *, in_process: bool = True, **env: str) -> subprocess.CompletedProcess:
    """Build `project` strictly. In this process by default (the code is this repository's,
    not the copy's); `in_process=False` runs `mkdocs build` in the project, for a test
    that changes the project's own scripts/."""
    if in_process:
        return build_in_process(project, site_dir, **env)
    return run_mkdocs(project, "build", "--strict", "--site-dir", str(site_dir), env=env)


def build_ok(project: Path) -> Path:
    """Build `project` strictly into project/out; a failed build fails the test with its log."""
    site = project / "out"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def empty_site(target: Path) -> Path:
    """The website's configuration, templates and hook with no texts at all: docs/ is
    empty, news/ holds only its guide, data/ only the partners (news items name them)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "data").mkdir()
    shutil.copy(ROOT / "data" / "consortium.yml", target / "data" / "consortium.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "docs").mkdir()
    (target / "news").mkdir()
    shutil.copy(ROOT / "news" / "README.md", target / "news" / "README.md")
    return target


def copy_project(target: Path, with_news: bool = True) -> Path:
    """A copy of the website's sources in `target`, to change and build in tests. Without
    the news, without the results too: they name the news items that report them."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    (target / "news").mkdir()
    if not with_news:
        (target / "data" / "results.yml").unlink()
    if with_news:
        for item in sorted((ROOT / "news").iterdir()):
            if item.is_dir():
                shutil.copytree(item, target / "news" / item.name)
    return target


def pytest_collection_modifyitems(config, items) -> None:
    """The wheelhouse test downloads every locked package: it runs in CI, or where asked for.
    Screenshots check nothing the page tests do not: they are taken where asked for."""
    from browser_support import in_ci

    asked = config.getoption("markexpr") or ""
    later = {
        "wheelhouse": None
        if in_ci() or "wheelhouse" in asked
        else "downloads every locked package (about 50 MB): runs in CI, or with -m wheelhouse",
        "screenshots": None if "screenshots" in asked else "pictures for a person to look at: with -m screenshots",
    }
    for item in items:
        for marker, reason in later.items():
            if reason and item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real website: the folder in TEST_SITE_DIR when it is set (`scripts/test.py
    --site site`: CI tests the very folder it publishes), else built once with
    `mkdocs build --strict`."""
    given = os.environ.get("TEST_SITE_DIR")
    if not given:
        site = tmp_path_factory.mktemp("site")
        result = build(ROOT, site, **site_settings())
        assert result.returncode == 0, result.stdout + result.stderr
        return site
    site = Path(given).resolve()
    if not (site / "index.html").is_file():
        pytest.fail(f"TEST_SITE_DIR={given}: no built site there", pytrace=False)
    from html_pages import read_page

    canonical = [link.attrs.get("href") for link in read_page(site / "index.html").find("link", rel="canonical")]
    if canonical != [site_address()]:
        pytest.fail(
            f"{given} was built for {canonical}, not {site_address()}: set SITE_URL as for its build", pytrace=False
        )
    return site


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the website's sources with no news, to add items to."""
    return copy_project(tmp_path / "project", with_news=False)


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for every browser test of the run (Playwright's synchronous API
    allows one session per thread). Nothing reaches another host: names other than
    the local server do not resolve."""
    from browser_support import CHROMIUM_ARGS, axe_script, chromium_path, missing_tool

    executable = chromium_path()
    axe_script()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("Playwright is missing: `pip install -r requirements-test.txt` (or `python3 scripts/test.py`)")
    with sync_playwright() as playwright:
        args = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
        browser = playwright.chromium.launch(executable_path=str(executable), args=args)
        yield browser
        browser.close()
