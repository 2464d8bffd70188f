"""The files of /admin/: the CMS laid out by vendor.py, its page and a configuration per
language of the form, a page that shows editors which translations are missing,
unfinished or outdated, and one that shows what is published (publishing.py)."""

from __future__ import annotations

import json
from html import escape

import markdown
import yaml

from kazdual import translation_report
from kazdual.admin import publishing, vendor
from kazdual.admin.editor_config import (
    PUBLISHING_PAGE,
    TRANSLATIONS_PAGE,
    editor_config,
    repository_name,
    translated_keys,
)
from kazdual.content import Content, schema
from kazdual.content import fields as kinds
from kazdual.content.config import SiteConfig
from kazdual.content.html import sanitize
from kazdual.strings import strings_for

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
  <link rel="stylesheet" href="kazdual.css">
  <script type="importmap">{import_map}</script>
  <script id="kazdual-settings" type="application/json">{settings}</script>
  <script src="start.js"></script>
  <script src="offline.js"></script>
  <script src="photos.js"></script>
</head>
<body>
  <script src="sveltia-cms.js"></script>
  <script src="kazdual.js"></script>
</body>
</html>
"""
STATUS = """{report}
<p><a href="./">{open_editor}</a></p>
</main>
</body>
</html>
"""
# The translation state kazdual.js adds to the news list: in the text's own colours, so
# it reads in the CMS's light and dark themes alike.
EDITOR_CSS = b""".kazdual-translations { display: inline-block; margin-inline-start: 0.6em; padding: 0 0.4em;
  border: 1px solid currentColor; border-radius: 0.6em; font-size: 0.85em; white-space: nowrap; }
"""
STATUS_CSS = b"""body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; }
main { max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #c7cbd6; padding: 0.25rem 0.6rem; text-align: left; }
pre { white-space: pre-wrap; word-break: break-word; background: #f4f5f8; padding: 0.8rem; }
"""


def json_for_html(data: object) -> str:
    """JSON inside a <script> element: nothing in it can end the element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# Where the CMS shows a language no form speaks (none today): Russian.
FALLBACK_FORM = "ru"


def _translation_states(content: Content, site: SiteConfig, version: dict | None) -> dict:
    """For kazdual.js: each news item's row in the editor's list, by the text it shows
    (editor_config's summary), with the translations that are not in order."""
    codes = [language.code for language in site.languages]
    rows = {}
    for item in content.news(drafts=True):
        if item.source is None:  # news() lists only items with a source text
            continue
        source = item.texts[item.source].values
        shown = f"{item.date:%d.%m.%Y} · {source.get('title', '')}"
        rows[shown] = {code: item.states[code] for code in codes if item.states[code] not in ("ok", "source")}
    labels = {}
    for code in codes:
        editor = strings_for(code)["editor"]
        date = publishing.day(version["date"]) if version else ""
        labels[code] = {**editor["states"], "title": editor["states_title"].format(date=date) if date else ""}
    return {"rows": rows, "labels": labels}


class Memo:
    """What the slow steps of /admin/ made from given inputs (the forms' YAML, the report's
    HTML), for the next build: a preview's rebuild after an edit mostly asks the same. Each
    build keeps only what it asked for."""

    def __init__(self) -> None:
        self._last: dict[tuple, object] = {}
        self._asked: dict[tuple, object] = {}

    def get(self, key: tuple, make):
        if key in self._asked:
            return self._asked[key]
        value = self._last[key] if key in self._last else make()
        self._asked[key] = value
        return value

    def end_build(self) -> None:
        self._last, self._asked = self._asked, {}


def admin_files(content: Content, site: SiteConfig, site_name: str, memo: Memo | None = None) -> dict[str, bytes]:
    """Every file of /admin/ by its name there; vendor.AdminProblem when the editor cannot be
    laid out as reviewed (vendor.NotInstalled when its packages are not installed at all)."""
    memo = memo or Memo()
    files, style_id, import_map = vendor.layout(site.root)
    codes = [language.code for language in site.languages]
    version = publishing.source_version(site.root)
    settings = {
        "source": site.languages[0].code,
        "translated": translated_keys(),
        "leftOutWhenFalse": [f.name for f in schema.NEWS if isinstance(f.type, kinds.YesNo)],
        "cmsLocales": vendor.interface_locales(site.root),
        "served": [vendor.BUNDLED_LANGUAGE, *vendor.INTERFACE_LANGUAGES],
        "forms": codes,
        "fallbackForm": FALLBACK_FORM,
        "titles": {code: strings_for(code)["editor"]["title"] for code in codes},  # the tab's, in the form's language
        "states": _translation_states(content, site, version),
    }
    files["index.html"] = PAGE.format(
        csp=escape(vendor.csp(vendor.inline_hash(import_map))),
        site_name=escape(site_name),
        style_id=escape(style_id),
        import_map=import_map,
        settings=json_for_html(settings),
    ).encode("utf-8")
    for code in codes:
        config = editor_config(content, site, code)
        # Plain values (text, numbers, lists, mappings): the same repr, the same YAML.
        files[f"config.{code}.yml"] = memo.get(
            ("config", repr(config)),
            lambda config=config: yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10**6).encode(),
        )
        files[PUBLISHING_PAGE.format(code=code)] = publishing.publishing_page(
            code, version, repository_name(site) if site.repository else None, TRANSLATIONS_PAGE.format(code=code)
        )
    files["publishing.json"] = publishing.publishing_json(repository_name(site), version)
    for code in codes:
        told = strings_for(code)["editor"]["publishing"]
        report = translation_report.markdown(content, code)
        head = publishing.plain_page(
            code, f"{site_name}: {told['translations']}", "default-src 'none'; style-src 'self'; img-src 'self'"
        )
        files[TRANSLATIONS_PAGE.format(code=code)] = (
            head
            + STATUS.format(
                open_editor=escape(told["open_editor"]),
                report=memo.get(
                    ("report", report),
                    lambda report=report: sanitize(markdown.markdown(report, extensions=["tables", "fenced_code"])),
                ),
            )
        ).encode()
    files["translations.css"] = STATUS_CSS
    files["kazdual.css"] = EDITOR_CSS
    memo.end_build()
    return files
