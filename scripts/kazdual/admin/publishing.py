"""What an editor sees at /admin/publishing.<lang>.html: which version of the texts the
site shows, and her changes on their way (pull requests, their checks), without a terminal.

The build writes publishing.json: the repository, GitHub's API, and the commit the site
was built from with its date (from git; absent when the sources are no git working
copy). The same commit always gives the same file. publishing.js reads it, and asks
GitHub, with the token the editor signed in with, for the open pull requests of the
web editor and the state of their checks.
"""

from __future__ import annotations

import datetime
import json
import subprocess
from html import escape
from pathlib import Path

from kazdual.strings import strings_for

API = "https://api.github.com"
PAGE = """<!doctype html>
<html lang="{code}">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="{csp}">
  <meta name="robots" content="noindex">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <link rel="icon" href="../assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="translations.css">
</head>
<body>
<main>
<h1>{title}</h1>
<h2>{now}</h2>
<p id="kd-published">{published}</p>
<h2>{waiting}</h2>
<p id="kd-waiting" aria-live="polite">{sign_in}</p>
<ul id="kd-changes"></ul>
<p><a href="./">{open_editor}</a> · <a href="{translations_page}">{translations}</a></p>
</main>
<script id="kazdual-publishing" type="application/json">{settings}</script>
<script src="publishing.js"></script>
</body>
</html>
"""


def source_version(root: Path) -> dict | None:
    """The commit the sources at `root` are, with its date; None outside a git working copy."""
    try:
        found = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%H %cI"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = found.stdout.split()
    if found.returncode != 0 or len(parts) != 2:
        return None
    top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if Path(top.stdout.strip()).resolve() != root.resolve():
        return None  # a folder inside some other repository, not the website's own
    return {"commit": parts[0], "date": parts[1]}


def day(iso: str) -> str:
    """DD.MM.YYYY, as editors write dates."""
    return datetime.datetime.fromisoformat(iso).strftime("%d.%m.%Y")


def publishing_json(repository: str, version: dict | None) -> bytes:
    data = {"repository": repository, "api": API, "published": version}
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def publishing_page(code: str, version: dict | None, repository: str | None, translations_page: str) -> bytes:
    """The page of what is published, in the language `code`; the version links to its
    commit on GitHub when the repository is known (SITE_REPO_URL), and is plain text otherwise."""
    from kazdual.admin.files import json_for_html

    told = strings_for(code)["editor"]["publishing"]
    if version:
        short = escape(version["commit"][:7])
        link = (
            f'<a href="https://github.com/{escape(repository)}/commit/{escape(version["commit"])}">{short}</a>'
            if repository
            else f"<code>{short}</code>"
        )
        published = escape(told["version"]).replace("{date}", escape(day(version["date"]))).replace("{commit}", link)
    else:
        published = escape(told["unknown"])
    return PAGE.format(
        code=escape(code),
        csp=escape(
            f"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' {API}"
        ),
        title=escape(told["title"]),
        now=escape(told["now"]),
        published=published,
        waiting=escape(told["waiting"]),
        sign_in=escape(told["sign_in"]),
        open_editor=escape(told["open_editor"]),
        translations=escape(told["translations"]),
        translations_page=escape(translations_page),
        settings=json_for_html(told),
    ).encode("utf-8")
