"""Where the build may write: only into a folder it made itself.

`--output .` in a checkout with an index.html once exchanged the repository with
the new site and deleted it; a folder holding an index.html of one's own lost
every other file. A built site is known by a marker only the build writes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project
from kazdual.site import publish


def _repository(tmp_path: Path) -> Path:
    """A committed copy of the website, with the same packages: nothing to install."""
    project = copy_project(tmp_path / "project")
    (project / ".venv").symlink_to(ROOT / ".venv")
    git = ["git", "-c", "user.email=editor@example.org", "-c", "user.name=Editor"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "the site"], cwd=project, check=True)
    return project


def _build_into(project: Path, output: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/build.py", "--output", str(output)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_output_that_is_the_repository_is_refused_and_nothing_is_lost(tmp_path):
    project = _repository(tmp_path)
    (project / "index.html").write_text('<meta http-equiv="refresh" content="0;url=site/">', "utf-8")
    before = sorted(path.name for path in project.iterdir())
    result = _build_into(project, ".")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"error: {project} holds the website's own folder {project}: choose a folder of its own for the site,"
        " such as site/"
    ]
    assert sorted(path.name for path in project.iterdir()) == before
    assert subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True).returncode == 0


def test_an_output_that_holds_the_repository_is_refused(tmp_path):
    project = _repository(tmp_path)
    (tmp_path / "index.html").write_text("a page of one's own", "utf-8")
    result = _build_into(project, tmp_path)
    assert result.returncode == 2 and "holds the website's own folder" in result.stderr
    assert (tmp_path / "index.html").read_text("utf-8") == "a page of one's own"
    assert (project / ".git").is_dir() and (project / "docs").is_dir()


def test_a_folder_with_files_of_ones_own_is_never_replaced(tmp_path):
    """A plain index.html (~/public_html, /var/www/html) does not make a folder a built site."""
    project = _repository(tmp_path)
    mine = tmp_path / "public_html"
    mine.mkdir()
    (mine / "index.html").write_text("my page", "utf-8")
    (mine / "precious.txt").write_text("keep me", "utf-8")
    result = _build_into(project, mine)
    assert result.returncode == 2 and f"{mine} holds files that this build did not make" in result.stderr
    assert sorted(path.name for path in mine.iterdir()) == ["index.html", "precious.txt"]


def test_a_site_built_here_is_replaced_and_readable_by_everyone(tmp_path):
    project = _repository(tmp_path)
    output = tmp_path / "out"
    for _ in range(2):  # the second build replaces the first: it carries the marker
        result = _build_into(project, output)
        assert result.returncode == 0, result.stderr
    assert (output / publish.MARKER).read_text("utf-8") == publish.MARKER_TEXT
    assert oct(output.stat().st_mode & 0o777) == oct(0o755)  # a web server running as another user serves it
    (output / publish.MARKER).unlink()
    (output / publish.MARKER).symlink_to(output / "index.html")  # a marker must be the build's own file
    assert _build_into(project, output).returncode == 2
    shutil.rmtree(output)
