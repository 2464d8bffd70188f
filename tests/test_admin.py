"""The web editor at /admin/: its configuration follows the content model, it is
served from our origin only and stays out of the sitemap, search and feeds; and in
Chromium, offline, against a local copy of the repository, it writes news items that
the translation check and the build accept, and an edit of one translation changes
that file only, where it was edited."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

import check_translations
from conftest import LANGUAGES, ROOT, build, build_ok, copy_project
from kazdual.admin import editor_config
from kazdual.content import config as site_config
from kazdual.content import load, schema

REPOSITORY = "https://github.com/kazdual/kazdual.github.io"


def with_editor(project):
    """The npm packages the editor is laid out from, as `npm ci` installs them."""
    if not (ROOT / "node_modules" / "@sveltia" / "cms").is_dir():
        from browser_support import missing_tool

        missing_tool("the web editor's packages are missing: run `npm ci`")
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / name, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return with_editor(copy_project(tmp_path_factory.mktemp("admin") / "project"))


@pytest.fixture(scope="module")
def site(project):
    result = build(project, project / "out", SITE_REPO_URL=REPOSITORY)
    assert result.returncode == 0, result.stderr
    return project / "out"


# ---------------------------------------------------------------- made from the model


def config_of(site) -> dict:
    return yaml.safe_load((site / "admin" / "config.yml").read_text("utf-8"))


def test_the_news_form_is_the_front_matter_schema(site):
    news = next(c for c in config_of(site)["collections"] if c["name"] == "news")
    fields = {f["name"]: f for f in news["fields"]}
    for field in schema.NEWS:
        if field.by_tool:
            assert field.name not in fields  # written by the stamp, kept as it is
            continue
        shown = fields[field.name]
        assert shown["i18n"] == ("duplicate" if field.shared else True), field.name
        assert shown["required"] == (field.required and field.needs is None), field.name
        assert shown["hint"] == field.help
    assert [option["value"] for option in fields["activity"]["options"]] == list(schema.ACTIVITY_KINDS)
    assert {f["name"] for f in fields["gallery"]["fields"]} == {"file", "alt", "caption"}
    assert list(fields)[-2:] == ["body", editor_config.UP_TO_DATE]
    assert news["path"] == "{{slug}}/index" and news["media_folder"] == "" and news["folder"] == "news"


def test_a_new_key_or_activity_reaches_the_form_with_no_change_to_the_editor(monkeypatch, project):
    import dataclasses

    import kazdual.strings

    site = site_config.load(project)
    added = schema.Field("organiser", schema.kinds.Text(), "Organiser", "who organised it")
    exhibition = schema.kinds.Choice((*schema.ACTIVITY_KINDS, "exhibition"))
    news_fields = tuple(dataclasses.replace(f, type=exhibition) if f.name == "activity" else f for f in schema.NEWS)
    monkeypatch.setattr(schema, "NEWS", news_fields + (added,))
    english = kazdual.strings.strings_for("en")
    with_exhibition = {**english, "activity": {**english["activity"], "exhibition": "Exhibition"}}
    monkeypatch.setattr(editor_config, "strings_for", lambda code: with_exhibition)
    news = next(c for c in editor_config.editor_config(load(site), site)["collections"] if c["name"] == "news")
    fields = {f["name"]: f for f in news["fields"]}
    assert fields["organiser"]["i18n"] is True and fields["organiser"]["hint"] == "who organised it"
    assert {"label": "Exhibition", "value": "exhibition"} in fields["activity"]["options"]


def test_the_pages_collection_lists_every_page_in_every_language(site, project):
    pages = next(c for c in config_of(site)["collections"] if c["name"] == "pages")
    content = load(site_config.load(project))
    assert sorted(f["file"] for f in pages["files"]) == sorted(
        f"{item.entry.stem}.{{{{locale}}}}.md" for item in content.pages
    )
    home = next(f for f in pages["files"] if f["name"] == "index")
    assert {"lead", "facts", "sections"} <= {f["name"] for f in home["fields"]}
    assert config_of(site)["i18n"] == {
        "structure": "multiple_files",
        "locales": [lang.code for lang in LANGUAGES],
        "default_locale": "kk",
    }
    assert config_of(site)["backend"] == {
        "name": "github",
        "repo": "kazdual/kazdual.github.io",
        "branch": "main",
        "auth_methods": ["token"],
    }


def test_the_editor_is_not_a_page_for_readers(site):
    index = (site / "admin" / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in index and "Content-Security-Policy" in index
    assert "/admin/" not in (site / "sitemap.xml").read_text("utf-8")
    for lang in LANGUAGES:
        assert "admin" not in (site / lang.prefix / "feed.xml").read_text("utf-8")
    indexed = " ".join(p.read_text("utf-8", "replace") for p in (site / "pagefind").rglob("pagefind-entry.json"))
    assert "admin" not in indexed


def test_a_plain_build_without_npm_leaves_the_editor_out(tmp_path):
    site = build_ok(copy_project(tmp_path / "project", with_news=False))
    assert not (site / "admin").exists()


def test_an_unreviewed_version_of_the_editor_stops_the_build(tmp_path):
    project = with_editor(copy_project(tmp_path / "project", with_news=False))
    lock = json.loads((project / "package-lock.json").read_text("utf-8"))
    lock["packages"]["node_modules/@sveltia/cms"]["version"] = "0.999.0"
    (project / "package-lock.json").write_text(json.dumps(lock), "utf-8")
    result = build(project, project / "out")
    assert result.returncode != 0 and "the web editor was reviewed with 0.221.1" in result.stderr


# ---------------------------------------------------------------- in the browser


@pytest.fixture
def editor(site, project, tmp_path, chromium):
    """The editor in Chromium on a fresh copy of the project's texts: (page, copy, problems)."""
    import static_server
    from admin_support import PICKER, seed
    from browser_support import RECORD_CSP_VIOLATIONS_JS

    copy = tmp_path / "copy"
    for top in ("docs", "news"):
        shutil.copytree(project / top, copy / top)
    with static_server.serve(site) as base:
        context = chromium.new_context(
            locale="en-US", timezone_id="Asia/Almaty", viewport={"width": 1400, "height": 1000}
        )
        context.set_default_timeout(20_000)
        context.add_init_script(PICKER)
        context.add_init_script(RECORD_CSP_VIOLATIONS_JS)
        problems: list[str] = []
        page = context.new_page()
        page.on(
            "request",
            lambda r: (
                r.url.startswith((base, "data:", "blob:")) or problems.append(f"request to another host: {r.url}")
            ),
        )
        page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
        page.goto(base + "admin/translations.html")  # the editor's origin: the same private file system
        seed(page, copy)
        page.goto(base + "admin/")
        # Tokens only: GitHub's own sign-in would need an OAuth server the site does not run.
        page.get_by_role("button", name="Sign In Using Access Token").wait_for()
        assert page.get_by_role("button", name="Sign In with GitHub").count() == 0
        page.get_by_role("button", name="Work with Local Repository").click()
        page.get_by_role("button", name="Create New Entry").wait_for()
        try:
            yield page, copy, problems
        finally:
            context.close()


def pane(page):
    return page.locator('[data-mode="edit"].pane')


def field(page, key):
    return pane(page).locator(f'section.field[data-key-path="{key}"]').first


def fill(page, key, value):
    field(page, key).locator("input[type=text], textarea").first.fill(value)


def fill_body(page, value):
    body = field(page, "body")
    if not body.locator("textarea:visible").count():  # the rich editor drops the first key typed headless
        body.get_by_role("button", name="Edit in Markdown").click()
    body.locator("textarea:visible").first.fill(value)


def switch(page, locale):
    page.locator(f'button[data-mode="edit"][value="{locale}"]').first.click()
    pane(page).and_(page.locator(f'[data-locale="{locale}"]')).wait_for()


def save(page):
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_timeout(1500)


TEXTS = {
    "kk": ("Дуалды білім беру семинары", "Семинар Алматыда өтті.", "Семинарға қатысушылар", "Алматы", "Қазақша мәтін."),
    "ru": (
        "Семинар по дуальному образованию",
        "Семинар прошёл в Алматы.",
        "Участники семинара",
        "Алматы",
        "Русский текст.",
    ),
    "en": (
        "Seminar on dual education",
        "The seminar took place in Almaty.",
        "Seminar participants",
        "Almaty",
        "English text.",
    ),
}


@pytest.mark.browser
def test_a_news_item_made_in_the_editor_is_accepted_by_the_check_and_the_build(editor, project, capsys, tmp_path):
    from admin_support import export
    from photo_samples import save_photo, upright_picture

    page, copy, problems = editor
    photo = save_photo(tmp_path / "group.jpg", upright_picture((1200, 800)))
    page.get_by_role("button", name="Create New Entry").click()
    title, summary, alt, place, text = TEXTS["kk"]
    fill(page, "title", title)
    field(page, "date").locator("input[type=date]").fill("2025-03-10")
    fill(page, "summary", summary)
    field(page, "image").locator("input[type=file]").first.set_input_files(str(photo))
    page.wait_for_timeout(500)
    fill(page, "image_alt", alt)
    field(page, "activity").get_by_role("combobox").click()
    page.get_by_role("option", name="Seminar", exact=True).click()
    fill(page, "place", place)
    field(page, "participants").locator("input").first.fill("40")
    fill_body(page, text)
    for code in ("ru", "en"):
        switch(page, code)
        title, summary, alt, place, text = TEXTS[code]
        fill(page, "title", title)
        fill(page, "summary", summary)
        fill(page, "image_alt", alt)
        fill(page, "place", place)
        fill_body(page, text)
        field(page, editor_config.UP_TO_DATE).get_by_role("switch").click()
    switch(page, "kk")
    page.locator("#entry-sidebar-content").get_by_role("textbox", name="Slug").fill("dual-seminar")
    save(page)
    files = export(page, copy)
    folder = "news/2025-03-10-dual-seminar"
    assert sorted(p for p in files if p.startswith(folder)) == [
        f"{folder}/group.jpg",
        f"{folder}/index.en.md",
        f"{folder}/index.kk.md",
        f"{folder}/index.ru.md",
    ]
    assert files[f"{folder}/index.kk.md"].decode() == (
        "---\ntitle: Дуалды білім беру семинары\ndate: 2025-03-10\nsummary: Семинар Алматыда өтті.\nactivity: seminar\n"
        "place: Алматы\nparticipants: 40\nimage: group.jpg\nimage_alt: Семинарға қатысушылар\n---\n\nҚазақша мәтін.\n"
    )
    ru = files[f"{folder}/index.ru.md"].decode()
    assert "translated_from: kk:" in ru and editor_config.UP_TO_DATE not in ru and "draft" not in ru
    for top in ("docs", "news"):  # the project as the editor left it
        shutil.rmtree(project / top)
        shutil.copytree(copy / top, project / top)
    assert check_translations.main(["--root", str(project), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    # The stamps the editor wrote are the model's own fingerprints: nothing is outdated.
    assert [f for f in report["findings"] if f["path"].startswith(folder)] == []
    row = next(r for r in report["matrix"] if r["name"] == folder)
    assert {code: cell["state"] for code, cell in row["cells"].items()} == {"kk": "source", "ru": "ok", "en": "ok"}
    built = build(project, project / "after", SITE_REPO_URL=REPOSITORY)
    assert built.returncode == 0, built.stderr
    for lang in LANGUAGES:
        assert TEXTS[lang.code][0] in (project / "after" / lang.prefix / "news/dual-seminar/index.html").read_text(
            "utf-8"
        )
    assert problems == [] and page.evaluate("window.__kdCspViolations") == []


@pytest.mark.browser
def test_editing_one_translation_changes_that_file_only_where_it_was_edited(editor):
    from admin_support import export

    page, copy, problems = editor
    folder = "news/2023-11-13-study-visit-tyrol"
    before = {code: (copy / folder / f"index.{code}.md").read_bytes() for code in ("kk", "ru", "en")}
    page.get_by_role("row", name="KAZDUAL жобасы аясында Тирольге").first.get_by_role("gridcell").nth(2).click()
    pane(page).wait_for()
    switch(page, "ru")
    old_summary = field(page, "summary").locator("input[type=text], textarea").first.input_value()
    fill(page, "summary", old_summary + " Подробности — на сайте PH Tirol.")
    save(page)
    after = {path: data for path, data in export(page, copy).items() if path.startswith(folder)}
    assert after[f"{folder}/index.kk.md"] == before["kk"] and after[f"{folder}/index.en.md"] == before["en"]
    old_lines, new_lines = before["ru"].decode().split("\n"), after[f"{folder}/index.ru.md"].decode().split("\n")
    changed = [n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b]
    assert len(old_lines) == len(new_lines) and len(changed) == 1 and new_lines[changed[0]].startswith("summary: ")
    assert problems == []


@pytest.mark.browser
def test_the_editor_speaks_russian_to_a_browser_that_asks_for_kazakh_then_russian(site, chromium):
    import static_server

    with static_server.serve(site) as base:
        context = chromium.new_context(locale="kk-KZ", extra_http_headers={"Accept-Language": "kk,ru;q=0.9"})
        try:
            context.add_init_script("Object.defineProperty(navigator, 'languages', {get: () => ['kk-KZ', 'kk', 'ru']})")
            page = context.new_page()
            page.goto(base + "admin/")
            page.get_by_role("button", name="Войти с помощью токена доступа").wait_for(timeout=20_000)
        finally:
            context.close()
