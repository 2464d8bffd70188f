"""The web editor's configuration, made from the content model: a front-matter key
added to the schema, or an activity kind added to the interface text, reaches the
form with no change here."""

from __future__ import annotations

from kazdual.content import Content, schema
from kazdual.content import config as site_config
from kazdual.content import fields as kinds
from kazdual.content.config import SiteConfig
from kazdual.content.tree import MAX_SLUG
from kazdual.strings import strings_for

# The tick box kazdual.js turns into a stamp; it never reaches a file.
UP_TO_DATE = "translation_up_to_date"
UP_TO_DATE_HINT = "Tick when this translation says what the Kazakh text says now: saving records it (translated_from)."


def _widget(field: schema.Field, labels: dict) -> dict:
    kind = field.type
    if isinstance(kind, kinds.Date):
        return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    if isinstance(kind, kinds.YesNo):
        return {"widget": "boolean", "default": False}
    if isinstance(kind, kinds.Count):
        return {"widget": "number", "value_type": "int", "min": 1}
    if isinstance(kind, kinds.Choice):
        return {
            "widget": "select",
            "options": [{"label": labels.get(value, value), "value": value} for value in kind.choices],
        }
    if isinstance(kind, kinds.FileName):
        return {"widget": "image"}
    if isinstance(kind, kinds.ListOf):
        return {"widget": "list", "fields": [_field(sub, labels) for sub in kind.fields]}
    return {"widget": "string"}


def _field(field: schema.Field, labels: dict) -> dict:
    entry = {"name": field.name, "label": field.label, **_widget(field, labels), "hint": field.help}
    # A key needed only with another (alt text with its photo) is checked by the model.
    entry["required"] = field.required and field.needs is None
    entry["i18n"] = "duplicate" if field.shared else True
    return entry


def _fields(fields: tuple, labels: dict, template: str | None = None) -> list[dict]:
    chosen = [f for f in fields if not f.by_tool and f.template in (None, template)]
    out = [_field(f, labels) for f in chosen]
    if template is not None:  # a page drawn by its template: the template is fixed
        out = [{**f, "widget": "hidden", "default": template} if f["name"] == "template" else f for f in out]
    body_needed = template is None
    return out + [
        {"name": "body", "label": "Text", "widget": "markdown", "required": body_needed, "i18n": True},
        {
            "name": UP_TO_DATE,
            "label": "Translation is up to date",
            "widget": "boolean",
            "default": False,
            "required": False,
            "i18n": True,
            "hint": UP_TO_DATE_HINT,
        },
    ]


def _news(labels: dict) -> dict:
    return {
        "name": "news",
        "label": "News",
        "label_singular": "News item",
        "folder": "news",
        "path": "{{slug}}/index",
        "extension": "md",
        "format": "yaml-frontmatter",
        "media_folder": "",  # photos beside the texts
        "public_folder": "",
        "i18n": True,
        "create": True,
        "slug": {
            "template": "{{fields.date | date('YYYY-MM-DD')}}-{{fields._slug}}",
            "editable": ["create"],
            "hint": "The item's permanent address, short English words: study-visit",
            "pattern": [
                f"^(?=.{{1,{MAX_SLUG}}}$)[a-z0-9]+(-[a-z0-9]+)*$",
                f"Lower-case ASCII letters, digits and single hyphens, at most {MAX_SLUG}",
            ],
        },
        "summary": "{{date}} · {{title}}",
        "sortable_fields": {"fields": ["date", "title"], "default": {"field": "date", "direction": "descending"}},
        "fields": _fields(schema.NEWS, labels),
    }


def _pages(content: Content, labels: dict) -> dict:
    files = []
    for item in content.pages:
        name = item.entry.stem[len("docs/") :]
        source = item.texts.get(item.source) if item.source else None
        template = source.values.get("template") if source else None
        title = source.values.get("title", name) if source else name
        files.append(
            {
                "name": name.replace("/", "-"),
                "label": title,
                "file": f"docs/{name}.{{{{locale}}}}.md",
                "i18n": True,
                "fields": _fields(schema.PAGES, labels, template),
            }
        )
    return {"name": "pages", "label": "Pages", "label_singular": "Page", "i18n": True, "files": files}


def editor_config(content: Content, site: SiteConfig) -> dict:
    codes = [language.code for language in site.languages]
    repository = site_config.repository_name(site.repository) if site.repository else "owner/repository"
    labels = strings_for("en")["activity"]
    return {
        # Signing in: each editor uses a GitHub token for this one repository (README.md);
        # GitHub's own sign-in would need an OAuth server, which the site does not run.
        "backend": {"name": "github", "repo": repository, "branch": "main", "auth_methods": ["token"]},
        "site_url": site.site_url,
        # Required by the CMS; every photo goes beside its news text (media_folder '').
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "i18n": {"structure": "multiple_files", "locales": codes, "default_locale": codes[0]},
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "none"}},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [_news(labels), _pages(content, labels)],
    }


def translated_keys() -> dict[str, list[str]]:
    """Per collection, the front-matter keys a translation translates (what a stamp covers)."""
    return {
        "news": [f.name for f in schema.NEWS if f.translated],
        "pages": [f.name for f in schema.PAGES if f.translated],
    }
