"""The web editor's configuration, made from the content model: a front-matter key
added to the schema, or an activity kind added to the interface text, reaches the
form with no change here.

One configuration per language of the form (config.<code>.yml): Sveltia CMS has no
labels per interface language, so start.js picks the file that matches the
interface the CMS shows. Every label, hint and option comes from the strings file
of that language (the `editor` and `activity` keys); a key the strings do not name
yet shows the schema's English label, and tests/test_admin.py fails on it.

Saving works on a branch per change with a pull request (Sveltia's editorial
workflow), so `main` can stay protected and checks.yml runs on every change.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from kazdual.content import Content, schema
from kazdual.content import config as site_config
from kazdual.content import fields as kinds
from kazdual.content.config import SiteConfig
from kazdual.content.tree import MAX_SLUG
from kazdual.strings import strings_for

# The tick box kazdual.js turns into a stamp; it never reaches a file.
UP_TO_DATE = "translation_up_to_date"
# The pages of /admin/ the collections link to, per language of the form.
TRANSLATIONS_PAGE = "translations.{code}.html"
PUBLISHING_PAGE = "publishing.{code}.html"
LOGO = "assets/kazdual-logo.svg"
# Each group of fields has its labels under editor.fields.<group> in the strings.
_GROUPS = {id(schema.NEWS): "news", id(schema.PAGES): "pages"}
# The strings that label the words a field may hold.
_OPTION_LABELS = {"activity": "activity", "audiences": "audience", "scope": "scope", "channel": "channel"}


class _Form:
    """The labels of one language's form."""

    def __init__(self, code: str, content: Content | None = None) -> None:
        self.code = code
        self.strings = strings_for(code)
        self.editor = self.strings["editor"]
        partners = content.project.partners if content is not None else []
        # The organiser is one of the consortium's partners, by its name in this language.
        self.partners = [{"label": p.name.get(code, p.key), "value": p.key} for p in partners]

    def options(self, field: schema.Field, values: tuple[str, ...]) -> list[dict]:
        labels = self.strings.get(_OPTION_LABELS.get(field.name, ""), {})
        return [{"label": labels.get(value, value), "value": value} for value in values]

    def field(self, group: str, field: schema.Field) -> tuple[str, str]:
        shown = self.editor["fields"].get(group, {}).get(field.name, {})
        return shown.get("label", field.label), shown.get("hint", field.help)


def _widget(field: schema.Field, form: _Form, group: str) -> dict:
    kind = field.type
    if isinstance(kind, kinds.Date):
        # The browser's own date picker shows the date as its language writes it (DD.MM.YYYY
        # in Kazakh and Russian); the file keeps YYYY-MM-DD.
        return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    if isinstance(kind, kinds.YesNo):
        return {"widget": "boolean", "default": False}
    if isinstance(kind, kinds.Count):
        return {"widget": "number", "value_type": "int", "min": 1}
    if isinstance(kind, kinds.Choice):
        return {"widget": "select", "options": form.options(field, kind.choices)}
    if isinstance(kind, kinds.Choices):
        return {"widget": "select", "multiple": True, "options": form.options(field, kind.choices)}
    if isinstance(kind, kinds.Key) and field.name == "organiser" and form.partners:
        return {"widget": "select", "options": form.partners}
    if isinstance(kind, kinds.FileName):
        return {"widget": "image"}
    if isinstance(kind, kinds.ListOf):
        shown = form.editor["fields"].get(group, {}).get(field.name, {})
        entry = {"widget": "list", "fields": [_field(sub, form, field.name) for sub in kind.fields]}
        return {**entry, "label_singular": shown["singular"]} if "singular" in shown else entry
    return {"widget": "string"}


def _field(field: schema.Field, form: _Form, group: str) -> dict:
    label, hint = form.field(group, field)
    entry = {"name": field.name, "label": label, **_widget(field, form, group), "hint": hint}
    # A key needed only with another (alt text with its photo) is checked by the model.
    entry["required"] = field.required and field.needs is None
    # A list whose items share a value (a gallery's photos) has the same items in every
    # language: adding, removing or moving one does so everywhere; its texts stay per language.
    entry["i18n"] = "duplicate" if schema.agrees_across(field) else True
    return entry


def _fields(fields: tuple, form: _Form, template: str | None = None) -> list[dict]:
    group = _GROUPS[id(fields)]
    chosen = [f for f in fields if not f.by_tool and f.template in (None, template)]
    out = [_field(f, form, group) for f in chosen]
    if template is not None:  # a page drawn by its template: the template is fixed
        out = [
            {"name": "template", "widget": "hidden", "default": template} if f["name"] == "template" else f for f in out
        ]
    body_needed = template is None
    return out + [
        {"name": "body", "label": form.editor["body"], "widget": "markdown", "required": body_needed, "i18n": True},
        {
            "name": UP_TO_DATE,
            "label": form.editor["up_to_date"],
            "widget": "boolean",
            "default": False,
            "required": False,
            "i18n": True,
            "hint": form.editor["up_to_date_hint"],
        },
    ]


def _news(form: _Form) -> dict:
    links = {
        "translations": TRANSLATIONS_PAGE.format(code=form.code),
        "publishing": PUBLISHING_PAGE.format(code=form.code),
    }
    return {
        "name": "news",
        "label": form.editor["news"],
        "label_singular": form.editor["news_item"],
        "description": form.editor["news_description"].format(**links),
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
            "hint": form.editor["slug_hint"],
            "pattern": [
                f"^(?=.{{1,{MAX_SLUG}}}$)[a-z0-9]+(-[a-z0-9]+)*$",
                form.editor["slug_rule"].format(max=MAX_SLUG),
            ],
        },
        # kazdual.js finds an item's row in the list by this text (its translation state).
        "summary": "{{date | date('DD.MM.YYYY')}} · {{title}}",
        "sortable_fields": {"fields": ["date", "title"], "default": {"field": "date", "direction": "descending"}},
        "fields": _fields(schema.NEWS, form),
    }


def _pages(content: Content, form: _Form) -> dict:
    files = []
    for item in content.pages:
        name = item.entry.stem[len("docs/") :]
        source = item.texts.get(item.source) if item.source else None
        template = source.values.get("template") if source else None
        own = item.texts.get(form.code) or source
        title = own.values.get("title", name) if own else name
        files.append(
            {
                "name": name.replace("/", "-"),
                "label": title,
                "file": f"docs/{name}.{{{{locale}}}}.md",
                "i18n": True,
                "fields": _fields(schema.PAGES, form, template),
            }
        )
    return {
        "name": "pages",
        "label": form.editor["pages"],
        "label_singular": form.editor["page"],
        "i18n": True,
        "files": files,
    }


def repository_name(site: SiteConfig) -> str:
    return site_config.repository_name(site.repository) if site.repository else "owner/repository"


def editor_config(content: Content, site: SiteConfig, code: str) -> dict:
    """The configuration of the form in the language `code`."""
    codes = [language.code for language in site.languages]
    form = _Form(code, content)
    base = urlsplit(site.site_url).path or "/"
    return {
        # Signing in: each editor uses a GitHub token for this one repository (README.md);
        # GitHub's own sign-in would need an OAuth server, which the site does not run.
        # Saving opens a pull request from a branch of its own, which checks.yml checks.
        "backend": {
            "name": "github",
            "repo": repository_name(site),
            "branch": "main",
            "auth_methods": ["token"],
            "squash_merges": True,
            # The titles of the changes on the publishing page and in GitHub, in the form's language.
            "commit_messages": form.editor["commit_messages"],
        },
        "publish_mode": "editorial_workflow",
        "app_title": form.editor["title"],
        "logo": {"src": base + LOGO},
        "site_url": site.site_url,
        # Required by the CMS; every photo goes beside its news text (media_folder '').
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "i18n": {"structure": "multiple_files", "locales": codes, "default_locale": codes[0]},
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "none"}},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [_news(form), _pages(content, form)],
    }


def translated_keys() -> dict[str, list[str]]:
    """Per collection, the front-matter keys a translation translates (what a stamp covers)."""
    return {
        "news": [f.name for f in schema.NEWS if f.translated],
        "pages": [f.name for f in schema.PAGES if f.translated],
    }
