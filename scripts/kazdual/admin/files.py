"""The files of /admin/: the CMS laid out by vendor.py, its page and configuration,
and a page that shows editors which translations are missing, unfinished or outdated."""

from __future__ import annotations

import json
from html import escape

import markdown
import yaml

from kazdual import translation_report
from kazdual.admin import vendor
from kazdual.admin.editor_config import editor_config, translated_keys
from kazdual.content import Content, schema
from kazdual.content import fields as kinds
from kazdual.content.config import SiteConfig
from kazdual.content.html import sanitize

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="{csp}">
  <meta name="robots" content="noindex">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{site_name}: web editor</title>
  <link rel="icon" href="../assets/favicon.svg" type="image/svg+xml">
  <link id="{style_id}" rel="stylesheet" href="fonts.css">
  <script type="importmap">{import_map}</script>
  <script id="kazdual-settings" type="application/json">{settings}</script>
  <script src="offline.js"></script>
</head>
<body>
  <script src="sveltia-cms.js"></script>
  <script src="kazdual.js"></script>
</body>
</html>
"""
STATUS = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'">
  <meta name="robots" content="noindex">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{site_name}: translations</title>
  <link rel="icon" href="../assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="translations.css">
</head>
<body>
<main>
{report}
<p><a href="./">Open the web editor</a></p>
</main>
</body>
</html>
"""
STATUS_CSS = b"""body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; }
main { max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #c7cbd6; padding: 0.25rem 0.6rem; text-align: left; }
pre { white-space: pre-wrap; word-break: break-word; background: #f4f5f8; padding: 0.8rem; }
"""


def _json_for_html(data: object) -> str:
    """JSON inside a <script> element: nothing in it can end the element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def admin_files(content: Content, site: SiteConfig, site_name: str) -> dict[str, bytes]:
    """Every file of /admin/ by its name there; vendor.AdminProblem when the editor cannot be
    laid out as reviewed (vendor.NotInstalled when its packages are not installed at all)."""
    files, style_id, import_map = vendor.layout(site.root)
    settings = {
        "source": site.languages[0].code,
        "translated": translated_keys(),
        "leftOutWhenFalse": [f.name for f in schema.NEWS if isinstance(f.type, kinds.YesNo)],
    }
    files["index.html"] = PAGE.format(
        csp=escape(vendor.csp(vendor.inline_hash(import_map))),
        site_name=escape(site_name),
        style_id=escape(style_id),
        import_map=import_map,
        settings=_json_for_html(settings),
    ).encode("utf-8")
    config = editor_config(content, site)
    files["config.yml"] = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10**6).encode("utf-8")
    report = sanitize(markdown.markdown(translation_report.markdown(content), extensions=["tables", "fenced_code"]))
    files["translations.html"] = STATUS.format(site_name=escape(site_name), report=report).encode("utf-8")
    files["translations.css"] = STATUS_CSS
    return files
