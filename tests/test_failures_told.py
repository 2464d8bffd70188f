"""Disk full, read-only files and file systems, a missing folder: one line naming what to free or
fix, never a traceback; the same exit status for the same mistake in every script."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import check_translations
import dissemination_report
from conftest import copy_project
from kazdual import files
from kazdual.site.publish import MARKER
from photo_samples import save_photo, upright_picture
from preview_support import link_venv


@contextlib.contextmanager
def small_disk(folder: Path, size: str):
    """A file system of `size` at `folder`, as a nearly full disk (root only)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def run_build(project: Path, output: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(link_venv(project)), "scripts/build.py", "--output", str(output)],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
        timeout=600,
    )


def test_a_full_disk_under_the_output_is_one_line_and_the_old_site_stays(tmp_path):
    project = copy_project(tmp_path / "project", with_news=False)
    with small_disk(tmp_path / "small", "3m") as disk:
        old = disk / "out"
        old.mkdir()
        (old / "index.html").write_text("old", "utf-8")
        (old / MARKER).write_text("", "utf-8")
        result = run_build(project, old)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert (
            f"no space left on the disk that holds the new site beside {disk}: free some space there" in result.stderr
        )
        assert (old / "index.html").read_text("utf-8") == "old"
        assert [p.name for p in disk.iterdir()] == ["out"]  # no staging folder left


def test_a_full_disk_under_the_photo_cache_is_one_line(tmp_path):
    project = copy_project(tmp_path / "project", with_news=False)
    item = project / "news/2024-01-15-visit"
    item.mkdir(parents=True)
    save_photo(item / "hall.jpg", upright_picture((1600, 1200)), gps=False)
    for code in ("kk", "ru", "en"):
        (item / f"index.{code}.md").write_text(
            f"---\ntitle: Visit {code}\ndate: 2024-01-15\nsummary: One.\nimage: hall.jpg\nimage_alt: Hall "
            f"{code}\n---\n\n"
            f"News {code}.\n",
            "utf-8",
        )
    with small_disk(project / ".cache", "64k"):
        result = run_build(project, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"no space left on the disk that holds {project / '.cache/photos'}/" in result.stderr


def test_stamping_a_read_only_file_is_refused_in_words(tmp_path, capsys):
    project = copy_project(tmp_path / "project", with_news=False)
    page = project / "docs/about.ru.md"
    page.chmod(0o444)
    before = page.read_bytes()
    assert check_translations.main(["--root", str(project), "--stamp", "docs/about.ru.md"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "docs/about.ru.md:1: the file is marked read-only: make it writable, then stamp again",
        "nothing was stamped",
    ]
    assert page.read_bytes() == before


def test_a_write_the_system_refuses_names_the_file_not_its_temporary_copy(tmp_path, monkeypatch):
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / ".about.ru.md.90oyy6ed.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(OSError) as refused:
        files.write_atomically(tmp_path / "about.ru.md", b"text")
    assert refused.value.filename == str(tmp_path / "about.ru.md")
    assert files.cannot_write(refused.value, "docs/about.ru.md") == (
        "docs/about.ru.md is on a disk that is read-only: make it writable, or work in a copy elsewhere"
    )


def test_stamping_on_a_read_only_file_system_names_the_text(tmp_path):
    project = copy_project(tmp_path / "project", with_news=False)
    docs = project / "docs"
    source = project / "docs/about.kk.md"
    source.write_text(source.read_text("utf-8") + "\nA new sentence.\n", "utf-8")  # the translation is outdated
    shutil.move(str(docs), str(tmp_path / "docs-copy"))
    with small_disk(docs, "2m"):
        shutil.copytree(tmp_path / "docs-copy", docs, dirs_exist_ok=True)
        subprocess.run(["mount", "-o", "remount,ro", str(docs)], check=True)
        result = subprocess.run(
            [str(link_venv(project)), "scripts/check_translations.py", "--stamp", "docs/about.ru.md"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "error: docs/about.ru.md is on a disk that is read-only: make it writable, or work in a copy elsewhere;"
        " nothing was stamped"
    )


@pytest.mark.parametrize("script", [check_translations, dissemination_report])
def test_a_root_that_is_no_website_is_bad_usage_everywhere(tmp_path, capsys, script):
    assert script.main(["--root", str(tmp_path / "nonexistent")]) == 2
    assert capsys.readouterr().err.startswith("mkdocs.yml:1: there is no mkdocs.yml in ")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_findings_are_readable_whatever_the_terminal_encoding(tmp_path, encoding):
    project = copy_project(tmp_path / "project", with_news=False)
    (project / "docs/about.ru.md").write_text("---\ntitle: [О проекте\n---\n\nТекст.\n", "utf-8")
    result = run_build(project, tmp_path / "out", PYTHONIOENCODING=encoding)
    assert result.returncode == 1
    assert "docs/about.ru.md:2: " in result.stderr and "\\u" not in result.stderr


def test_edit_without_the_editors_packages_says_the_preview_stops(tmp_path):
    project = copy_project(tmp_path / "project", with_news=False)
    result = subprocess.run(
        [str(link_venv(project)), "scripts/build.py", "--serve", "--edit", "--dev-addr", "127.0.0.1:1"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: --edit needs the web editor's packages, which are not installed: run `npm ci` first,"
        " or preview without --edit"
    )
