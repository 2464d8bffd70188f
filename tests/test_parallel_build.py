"""The published build, one process per language (kazdual.site.parallel), writes the same
bytes as `mkdocs build --strict` builds one language after the other; it refuses what that
refuses, once, and fails when any language fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project, site_settings
from kazdual.site import parallel
from test_site import _tree


def _parallel_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("PREVIEW_LANGUAGE", "SITE_URL", "SITE_REPO_URL")}
    return subprocess.run(
        [sys.executable, "-c", parallel.COMMAND, str(site_dir)],
        cwd=project,
        env=dict(environment, NO_MKDOCS_2_WARNING="1", **env),
        capture_output=True,
        text=True,
    )


def test_every_language_at_once_builds_the_same_bytes(built_site, tmp_path):
    result = _parallel_build(ROOT, tmp_path / "parallel", **site_settings())
    assert result.returncode == 0, result.stderr
    first, second = _tree(built_site), _tree(tmp_path / "parallel")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_blocking_finding_is_told_once_and_nothing_is_built(tmp_path):
    project = copy_project(tmp_path / "project")
    text = next(project.glob("news/*/index.ru.md"))
    text.write_text(text.read_text("utf-8") + "\nTODO: finish\n", "utf-8")
    result = _parallel_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.count("the site cannot be published") == 1, result.stderr
    assert f"{text.relative_to(project).as_posix()}:" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_one_language_failing_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    # Material's interface text for Kazakh, which only the Kazakh pages load, made unreadable.
    (project / "overrides" / "partials" / "languages" / "kk.html").write_text('{% include "no-such.html" %}')
    result = _parallel_build(project, tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert "no-such.html" in result.stderr
    assert (tmp_path / "out" / "ru" / "index.html").exists()  # the other languages went on
