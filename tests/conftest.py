"""Shared fixtures: the real site built once, and tiny sites built in temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from kazdual.content import config as site_config  # noqa: E402

LANGUAGES = site_config.load(ROOT).languages
SITE_PARTS = ("mkdocs.yml", "overrides", "scripts", "docs", "requirements.txt", "requirements-test.txt")


def run_mkdocs(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs <args>` in `project`, as an editor or CI would run it."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    environment.pop("PREVIEW_LANGUAGE", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=project, env=environment, capture_output=True, text=True
    )


def build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    return run_mkdocs(project, "build", "--strict", "--site-dir", str(site_dir), env=env)


def build_ok(project: Path) -> Path:
    """Build `project` strictly into project/out; a failed build fails the test with its log."""
    site = project / "out"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def empty_site(target: Path) -> Path:
    """The website's configuration, templates and hook with no texts at all: docs/ is
    empty, news/ holds only its guide."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "docs").mkdir()
    (target / "news").mkdir()
    shutil.copy(ROOT / "news" / "README.md", target / "news" / "README.md")
    return target


def copy_project(target: Path, with_news: bool = True) -> Path:
    """A copy of the website's sources in `target`, to change and build in tests."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    (target / "news").mkdir()
    if with_news:
        for item in sorted((ROOT / "news").iterdir()):
            if item.is_dir():
                shutil.copytree(item, target / "news" / item.name)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real website, built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site")
    result = build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the website's sources with no news, to add items to."""
    return copy_project(tmp_path / "project", with_news=False)
