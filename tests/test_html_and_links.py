"""The built site's HTML is valid (Nu HTML Checker) and no internal link or #anchor
is broken in any language (lychee, offline).

The checker needs Java (`apt-get install default-jre-headless`); without it the
test is skipped, except in CI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from browser_support import missing_tool
from conftest import ROOT
from html_pages import read_page


def vnu_jar() -> Path:
    """The Nu HTML Checker from npm (`npm ci`): a current one, which knows CSP level 3."""
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        missing_tool(f"the Nu HTML Checker is missing ({jar.relative_to(ROOT)}): run `npm ci`")
    return jar


def test_html_is_valid(built_site):
    java = shutil.which("java")
    if not java:
        missing_tool("Java is missing, the HTML checker needs it: `apt-get install default-jre-headless`")
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--skip-non-html", str(built_site)],
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [
        f"{m['url'].removeprefix('file:' + str(built_site))}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors[:40])


def test_no_broken_internal_link_or_anchor(built_site):
    lychee = Path(sys.executable).with_name("lychee")
    if not lychee.exists():
        lychee = Path(shutil.which("lychee") or "lychee")
    # Links to the site's own address (canonical, hreflang, feeds) are checked as local files.
    site_url = read_page(built_site / "index.html").find("link", rel="canonical")[0].attrs["href"]
    # A site built for a project path (https://host/project/) links /project/... from its 404 pages.
    site_path = urlsplit(site_url).path
    below_path = (
        ["--remap", f"^{re.escape(built_site.as_uri() + site_path.rstrip('/'))}(/.*)?$ {built_site.as_uri()}$1"]
        if site_path != "/"
        else []
    )
    result = subprocess.run(
        [
            str(lychee),
            "--offline",
            "--no-progress",
            "--format",
            "json",
            "--root-dir",
            str(built_site),
            "--include-fragments",
            # A folder link is good only with its index.html, whose anchors are then checked.
            "--index-files",
            "index.html",
            "--remap",
            f"^{re.escape(site_url)}(.*)$ {built_site.as_uri()}/$1",
            *below_path,
            str(built_site),
        ],
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip(), result.stderr
    report = json.loads(result.stdout)
    broken = [
        f"{Path(page).relative_to(built_site)}: {link['url']} ({link['status'].get('text')})"
        for page, links in report["error_map"].items()
        for link in links
    ]
    assert broken == [], "\n".join(broken)
    assert result.returncode == 0, result.stderr
    assert report["successful"] > 0
