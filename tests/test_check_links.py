"""The monthly check of external links (scripts/check_links.py), against a server of
its own on 127.0.0.1: it reports the link that does not answer, with its page, and
leaves out the site's own address and the web editor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import static_server
from conftest import ROOT

BASE = "https://kazdual.github.io/"


def tiny_site(folder: Path, links: list[str]) -> Path:
    (folder / "admin").mkdir(parents=True)
    anchors = "".join(f'<a href="{link}">link</a>\n' for link in links)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="kk"><head><link rel="canonical" href="{BASE}"></head>'
        f'<body>{anchors}<a href="{BASE}ru/">own</a><a href="about/">inside</a></body></html>',
        "utf-8",
    )
    (folder / "admin" / "index.html").write_text('<a href="http://127.0.0.1:9/editor-only">x</a>', "utf-8")
    return folder


def check(site: Path, report: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/check_links.py", "--site", str(site), "--report", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_link_that_does_not_answer_is_reported_with_its_page(tmp_path):
    served = tmp_path / "elsewhere"
    served.mkdir()
    (served / "ok.html").write_text("fine", "utf-8")
    with static_server.serve(served) as other:
        site = tiny_site(tmp_path / "site", [f"{other}ok.html", f"{other}gone.html"])
        result = check(site, tmp_path / "report" / "links.md")
    assert result.returncode == 1, result.stderr
    assert "Some external links did not answer" in result.stderr
    report = (tmp_path / "report" / "links.md").read_text("utf-8")
    assert f"{other}gone.html" in report and "404" in report and "index.html" in report
    assert f"{other}ok.html" not in report
    assert "editor-only" not in report and f"{BASE}ru/" not in report


def test_every_link_answering_passes(tmp_path):
    served = tmp_path / "elsewhere"
    served.mkdir()
    (served / "ok.html").write_text("fine", "utf-8")
    with static_server.serve(served) as other:
        result = check(tiny_site(tmp_path / "site", [f"{other}ok.html"]), tmp_path / "links.md")
    assert result.returncode == 0, result.stderr


def test_no_built_site_gets_one_line(tmp_path):
    result = check(tmp_path, tmp_path / "links.md")
    assert result.returncode == 1 and "no built site there" in result.stderr and "Traceback" not in result.stderr
