"""The live preview (`mkdocs serve`): it keeps working with a missing translation,
says so in the page's language, and shows drafts that a published build leaves out."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml

from conftest import ROOT, build
from test_news import add_item


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.fixture
def preview(project):
    """A preview of a project whose about page has no Russian text and one draft item."""
    (project / "docs" / "about.ru.md").unlink()
    add_item(project, "2024-01-10-planned-visit", draft="true")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            fetch(base)
            break
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait()
                pytest.fail("the preview did not start:\n" + server.stderr.read())
            time.sleep(0.5)
    yield base
    server.terminate()
    server.wait(timeout=20)
    server.stderr.close()


def test_preview_shows_an_untranslated_page_with_a_notice_in_its_language(preview):
    notice = yaml.safe_load((ROOT / "scripts/kazdual/strings/ru.yml").read_text("utf-8"))["translation_missing"]
    page = fetch(preview + "ru/about/")
    assert notice in page
    assert '<html lang="ru"' in page


def test_preview_shows_drafts(preview):
    assert "2024-01-10-planned-visit ru" in fetch(preview + "ru/news/planned-visit/")


def test_published_build_refuses_the_missing_translation(project):
    (project / "docs" / "about.ru.md").unlink()
    result = build(project, project / "out")
    assert result.returncode != 0
    assert "docs/about.kk.md: no Русский (ru) translation: add docs/about.ru.md" in result.stderr
