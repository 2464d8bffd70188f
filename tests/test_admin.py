"""The web editor at /admin/: its configuration follows the content model, it is
served from our origin only and stays out of the sitemap, search and feeds; and in
Chromium, offline, against a local copy of the repository, it writes news items that
the translation check and the build accept, and an edit of one translation changes
that file only, where it was edited."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

import check_translations
from browser_support import strings
from conftest import LANGUAGES, ROOT, build, build_ok, copy_project
from kazdual.admin import editor_config
from kazdual.content import config as site_config
from kazdual.content import load, project_data, reach, schema

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


def config_of(site, code: str = "en") -> dict:
    return yaml.safe_load((site / "admin" / f"config.{code}.yml").read_text("utf-8"))


def labelled(fields: list[dict]) -> list[tuple[str, str, str]]:
    """(key path, label, hint) of every field of a form, lists' fields included."""
    found = []
    for field in fields:
        found.append((field["name"], field.get("label", ""), field.get("hint", "")))
        found += [(f"{field['name']}.{name}", label, hint) for name, label, hint in labelled(field.get("fields", []))]
    return found


def test_the_news_form_is_the_front_matter_schema(site):
    news = next(c for c in config_of(site)["collections"] if c["name"] == "news")
    fields = {f["name"]: f for f in news["fields"]}
    for field in schema.NEWS:
        if field.by_tool:
            assert field.name not in fields  # written by the stamp, kept as it is
            continue
        shown = fields[field.name]
        # A gallery has the same photos in every language: its items are added everywhere at once.
        assert shown["i18n"] == ("duplicate" if field.shared or field.name == "gallery" else True), field.name
        assert shown["required"] == (field.required and field.needs is None), field.name
    assert [option["value"] for option in fields["activity"]["options"]] == list(schema.ACTIVITY_KINDS)
    assert fields["audiences"]["widget"] == "select" and fields["audiences"]["multiple"] is True
    assert [option["value"] for option in fields["audiences"]["options"]] == list(reach.AUDIENCES)
    assert [option["value"] for option in fields["scope"]["options"]] == list(reach.SCOPES)
    assert [option["value"] for option in fields["channel"]["options"]] == list(reach.CHANNELS)
    partners = project_data.load(ROOT, [lang.code for lang in LANGUAGES]).partners
    assert fields["organiser"]["options"] == [{"label": p.name["en"], "value": p.key} for p in partners]
    assert fields["attendance_note"]["widget"] == "string" and fields["attendance_note"]["i18n"] is True
    assert {f["name"] for f in fields["gallery"]["fields"]} == {"file", "alt", "caption"}
    assert list(fields)[-2:] == ["body", editor_config.UP_TO_DATE]
    assert news["path"] == "{{slug}}/index" and news["media_folder"] == "" and news["folder"] == "news"


def expected_labels(fields: list[dict], own: dict, group: str) -> list[tuple]:
    """(key path, label and hint shown, label and hint in the strings) for every field of a form."""
    found = []
    for field in fields:
        name = field["name"]
        if name in ("body", editor_config.UP_TO_DATE) or field["widget"] == "hidden":
            continue
        found.append(
            (f"{group}.{name}", (field["label"], field["hint"]), (own[group][name]["label"], own[group][name]["hint"]))
        )
        found += expected_labels(field.get("fields", []), own, name)
    return found


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_label_hint_option_and_name_of_the_form_is_in_its_language(site, lang):
    """From the strings file of the form's language, never the schema's English."""
    config, t = config_of(site, lang.code), strings(lang.code)
    editor = t["editor"]
    news, pages = config["collections"]
    assert (news["label"], news["label_singular"]) == (editor["news"], editor["news_item"])
    assert (pages["label"], pages["label_singular"]) == (editor["pages"], editor["page"])
    assert config["app_title"] == editor["title"] and news["slug"]["hint"] == editor["slug_hint"]
    shown = expected_labels(news["fields"], editor["fields"], "news")
    shown += [entry for file in pages["files"] for entry in expected_labels(file["fields"], editor["fields"], "pages")]
    assert {"news.gallery", "gallery.alt", "pages.facts", "facts.value", "sections.link"} <= {p for p, _, _ in shown}
    assert [(path, labels) for path, labels, own in shown if labels != own] == []
    body, up_to_date = news["fields"][-2:]
    assert (body["label"], up_to_date["label"], up_to_date["hint"]) == (
        editor["body"],
        editor["up_to_date"],
        editor["up_to_date_hint"],
    )
    activity = next(f for f in news["fields"] if f["name"] == "activity")
    assert [o["label"] for o in activity["options"]] == [t["activity"][kind] for kind in schema.ACTIVITY_KINDS]
    for name, labels, words in (
        ("audiences", "audience", reach.AUDIENCES),
        ("scope", "scope", reach.SCOPES),
        ("channel", "channel", reach.CHANNELS),
    ):
        chosen = next(f for f in news["fields"] if f["name"] == name)
        assert [o["label"] for o in chosen["options"]] == [t[labels][word] for word in words], name
    organiser = next(f for f in news["fields"] if f["name"] == "organiser")
    partners = project_data.load(ROOT, [code.code for code in LANGUAGES]).partners
    assert [o["label"] for o in organiser["options"]] == [p.name[lang.code] for p in partners]
    gallery = next(f for f in news["fields"] if f["name"] == "gallery")
    assert gallery["label_singular"] == editor["fields"]["news"]["gallery"]["singular"]
    home = next(f for f in pages["files"] if f["name"] == "index")
    assert (
        home["label"] == (ROOT / f"docs/index.{lang.code}.md").read_text("utf-8").split("title: ", 1)[1].split("\n")[0]
    )
    assert "{{date | date('DD.MM.YYYY')}}" in news["summary"]


def test_a_new_key_or_activity_reaches_the_form_with_no_change_to_the_editor(monkeypatch, project):
    import dataclasses

    import kazdual.strings

    site = site_config.load(project)
    added = schema.Field("sponsor", schema.kinds.Text(), "Sponsor", "who sponsored it")
    exhibition = schema.kinds.Choice((*schema.ACTIVITY_KINDS, "exhibition"))
    news_fields = tuple(dataclasses.replace(f, type=exhibition) if f.name == "activity" else f for f in schema.NEWS)
    monkeypatch.setattr(schema, "NEWS", news_fields + (added,))
    monkeypatch.setattr(editor_config, "_GROUPS", {id(schema.NEWS): "news", id(schema.PAGES): "pages"})
    english = kazdual.strings.strings_for("en")
    with_exhibition = {**english, "activity": {**english["activity"], "exhibition": "Exhibition"}}
    monkeypatch.setattr(editor_config, "strings_for", lambda code: with_exhibition)
    news = next(c for c in editor_config.editor_config(load(site), site, "en")["collections"] if c["name"] == "news")
    fields = {f["name"]: f for f in news["fields"]}
    # Until the strings name it, a new key shows the schema's own label and help.
    assert fields["sponsor"]["i18n"] is True and fields["sponsor"]["hint"] == "who sponsored it"
    assert {"label": "Exhibition", "value": "exhibition"} in fields["activity"]["options"]


def test_every_key_of_the_schema_has_its_label_in_every_language():
    groups = {"news": schema.NEWS, "pages": schema.PAGES, "gallery": schema.GALLERY_PHOTO}
    groups |= {"facts": schema.HOME_FACT, "sections": schema.HOME_SECTION}
    for lang in LANGUAGES:
        shown = strings(lang.code)["editor"]["fields"]
        for group, fields in groups.items():
            for field in fields:
                if not field.by_tool:
                    assert {"label", "hint"} <= set(shown[group][field.name]), (lang.code, group, field.name)


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


def test_saving_opens_a_pull_request_from_a_branch_so_main_can_stay_protected(site):
    for lang in LANGUAGES:
        config = config_of(site, lang.code)
        assert config["backend"] == {
            "name": "github",
            "repo": "kazdual/kazdual.github.io",
            "branch": "main",
            "auth_methods": ["token"],
            "squash_merges": True,
            "commit_messages": strings(lang.code)["editor"]["commit_messages"],
        }
        assert config["publish_mode"] == "editorial_workflow"
        assert all(c.get("publish_mode") in (None, "editorial_workflow") for c in config["collections"])
        assert config["logo"]["src"] == "/assets/kazdual-logo.svg" and (site / "assets/kazdual-logo.svg").is_file()


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


def test_the_build_records_the_commit_and_date_the_site_is_made_from(site, tmp_path):
    """publishing.json: the version of the texts the live site shows; none outside git."""
    assert json.loads((site / "admin" / "publishing.json").read_text("utf-8"))["published"] is None
    project = with_editor(copy_project(tmp_path / "project", with_news=False))
    git = lambda *args: subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("add", "docs", "mkdocs.yml")
    when = {"GIT_COMMITTER_DATE": "2025-03-01T10:00:00+05:00", "GIT_AUTHOR_DATE": "2025-03-01T10:00:00+05:00"}
    subprocess.run(
        [
            "git",
            "-C",
            str(project),
            "-c",
            "user.name=M",
            "-c",
            "user.email=m@example.kz",
            "commit",
            "-q",
            "-m",
            "Texts",
        ],
        check=True,
        env={**os.environ, **when},
    )
    commit = subprocess.run(
        ["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    built = build_ok(project)
    info = json.loads((built / "admin" / "publishing.json").read_text("utf-8"))
    assert info["published"] == {"commit": commit, "date": "2025-03-01T10:00:00+05:00"}
    page = (built / "admin" / "publishing.ru.html").read_text("utf-8")
    # No repository is configured for this build: the version is named, and links nowhere.
    assert "01.03.2025" in page and f"<code>{commit[:7]}</code>" in page and "/commit/" not in page


def test_an_unreviewed_version_of_the_editor_stops_the_build(tmp_path):
    project = with_editor(copy_project(tmp_path / "project", with_news=False))
    lock = json.loads((project / "package-lock.json").read_text("utf-8"))
    lock["packages"]["node_modules/@sveltia/cms"]["version"] = "0.999.0"
    (project / "package-lock.json").write_text(json.dumps(lock), "utf-8")
    result = build(project, project / "out")
    assert result.returncode != 0 and "the web editor was reviewed with 0.221.1" in result.stderr


# ---------------------------------------------------------------- in the browser


# The CMS's own words for what the tests press, in the interface languages served.
CMS_WORDS = {
    "en-US": {
        "token": "Sign In Using Access Token",
        "local": "Work with Local Repository",
        "create": "Create New Entry",
        "save": "Save",
        "slug": "Slug",
        "markdown": "Edit in Markdown",
    },
    "ru-RU": {
        "token": "Войти с помощью токена доступа",
        "local": "Работать с локальным репозиторием",
        "create": "Создать новую запись",
        "save": "Сохранить",
        "slug": "Слаг",
        "markdown": "Редактировать в Markdown",
    },
}


@pytest.fixture(params=["en-US"])
def editor(request, site, project, tmp_path, chromium):
    """The editor in Chromium on a fresh copy of the project's texts, its interface in the
    browser's language (the fixture's parameter): (page, copy, problems, words)."""
    import static_server
    from admin_support import PICKER, seed
    from browser_support import RECORD_CSP_VIOLATIONS_JS

    words = CMS_WORDS[request.param]
    copy = tmp_path / "copy"
    for top in ("docs", "news"):
        shutil.copytree(project / top, copy / top)
    with static_server.serve(site) as base:
        context = chromium.new_context(
            locale=request.param, timezone_id="Asia/Almaty", viewport={"width": 1400, "height": 1000}
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
        page.goto(base + "admin/translations.en.html")  # the editor's origin: the same private file system
        seed(page, copy)
        page.goto(base + "admin/")
        # Tokens only: GitHub's own sign-in would need an OAuth server the site does not run.
        page.get_by_role("button", name=words["token"]).wait_for()
        assert page.get_by_role("button", name="Sign In with GitHub").count() == 0
        page.get_by_role("button", name=words["local"]).click()
        page.get_by_role("button", name=words["create"]).wait_for()
        try:
            yield page, copy, problems, words
        finally:
            context.close()


def pane(page):
    return page.locator('[data-mode="edit"].pane')


def field(page, key):
    """The field `key` of the form; the editor draws the fields below the fold as they come into view."""
    section = pane(page).locator(f'section.field[data-key-path="{key}"]').first
    for _ in range(20):
        if section.count():
            break
        pane(page).locator("section.field").last.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
    return section


def choose(page, key, *labels):
    """Pick options of a select: a drop-down list, or radio buttons when there are a few."""
    for label in labels:
        radio = field(page, key).get_by_role("radio", name=label, exact=True)
        if radio.count():
            radio.click()
            continue
        field(page, key).get_by_role("combobox").click()
        page.get_by_role("option", name=label, exact=True).click()
        if len(labels) > 1:  # a list of several stays open after a choice
            field(page, key).locator("h4").click()


def fill(page, key, value):
    field(page, key).locator("input[type=text], textarea").first.fill(value)


def fill_body(page, value, words=CMS_WORDS["en-US"]):
    body = field(page, "body")
    if not body.locator("textarea:visible").count():  # the rich editor drops the first key typed headless
        body.get_by_role("button", name=words["markdown"]).click()
    body.locator("textarea:visible").first.fill(value)


def switch(page, locale):
    page.locator(f'button[data-mode="edit"][value="{locale}"]').first.click()
    pane(page).and_(page.locator(f'[data-locale="{locale}"]')).wait_for()


def save(page, words=CMS_WORDS["en-US"]):
    page.get_by_role("button", name=words["save"], exact=True).click()
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


GALLERY = {
    "kk": (("Залдағы қатысушылар", "Пленарлық отырыс"), ("Бағдарлама", None)),
    "ru": (("Участники в зале", "Пленарное заседание"), ("Программа", None)),
    "en": (("Participants in the hall", "The plenary session"), ("The programme", None)),
}


def label_of(page, key) -> str:
    return field(page, key).locator("h4, label, .title").first.inner_text().strip()


@pytest.mark.browser
@pytest.mark.parametrize("editor", ["ru-RU"], indirect=True)
def test_a_news_item_made_in_the_editor_is_accepted_by_the_check_and_the_build(editor, capsys, tmp_path):
    """Made from scratch, gallery included, each translation marked up to date on its first
    save: the stamps are the model's own, and no photo says where it was taken. In the Russian
    interface, as the editors use it; the form's words in every language are the next tests'."""
    from admin_support import export
    from photo_samples import save_photo, upright_picture

    page, copy, problems, words = editor
    form_code = "ru" if words["save"] == "Сохранить" else "en"
    form = strings(form_code)
    # Camera photos, with where they were taken: the editor takes that out before uploading.
    photos = [
        save_photo(tmp_path / name, upright_picture(size))
        for name, size in (("group.jpg", (1200, 800)), ("hall.jpg", (1000, 750)), ("plan.png", (800, 600)))
    ]
    page.get_by_role("button", name=words["create"]).click()
    labels = form["editor"]["fields"]
    for key in ("title", "summary", "image_alt", "gallery", "participants_approximate"):
        assert labels["news"][key]["label"] in field(page, key).inner_text(), key
        assert labels["news"][key]["hint"] in field(page, key).inner_text(), key
    title, summary, alt, place, text = TEXTS["kk"]
    fill(page, "title", title)
    field(page, "date").locator("input[type=date]").fill("2025-03-10")
    fill(page, "summary", summary)
    field(page, "image").locator("input[type=file]").first.set_input_files(str(photos[0]))
    page.wait_for_timeout(500)
    fill(page, "image_alt", alt)
    choose(page, "activity", form["activity"]["seminar"])
    fill(page, "place", place)
    field(page, "participants").locator("input").first.fill("40")
    choose(page, "audiences", form["audience"]["employers"], form["audience"]["students"])
    choose(page, "scope", form["scope"]["national"])
    partners = project_data.load(ROOT, [lang.code for lang in LANGUAGES]).partners
    choose(page, "organiser", next(p for p in partners if p.key == "kaznpu").name[form_code])
    adding = labels["news"]["gallery"]["singular"]
    for number, photo in enumerate(photos[1:]):
        field(page, "gallery").get_by_role("button", name=adding).last.click()
        field(page, f"gallery.{number}.file").wait_for()
        field(page, f"gallery.{number}.file").locator("input[type=file]").first.set_input_files(str(photo))
        page.wait_for_timeout(500)
    fill_gallery(page, "kk")
    fill_body(page, text, words)
    for code in ("ru", "en"):
        switch(page, code)
        title, summary, alt, place, text = TEXTS[code]
        fill(page, "title", title)
        fill(page, "summary", summary)
        fill(page, "image_alt", alt)
        fill(page, "place", place)
        fill_gallery(page, code)
        fill_body(page, text, words)
        field(page, editor_config.UP_TO_DATE).get_by_role("switch").click()
    switch(page, "kk")
    page.locator("#entry-sidebar-content").get_by_role("textbox", name=words["slug"]).fill("dual-seminar")
    save(page, words)
    files = export(page, copy)
    folder = "news/2025-03-10-dual-seminar"
    assert sorted(p for p in files if p.startswith(folder)) == [
        f"{folder}/group.jpg",
        f"{folder}/hall.jpg",
        f"{folder}/index.en.md",
        f"{folder}/index.kk.md",
        f"{folder}/index.ru.md",
        f"{folder}/plan.png",
    ]
    assert files[f"{folder}/index.kk.md"].decode() == (
        "---\ntitle: Дуалды білім беру семинары\ndate: 2025-03-10\nsummary: Семинар Алматыда өтті.\nactivity: seminar\n"
        "place: Алматы\nparticipants: 40\naudiences:\n  - employers\n  - students\nscope: national\norganiser: kaznpu\n"
        "image: group.jpg\nimage_alt: Семинарға қатысушылар\ngallery:\n"
        "  - file: hall.jpg\n    alt: Залдағы қатысушылар\n    caption: Пленарлық отырыс\n"
        "  - file: plan.png\n    alt: Бағдарлама\n---\n\nҚазақша мәтін.\n"
    )
    ru = files[f"{folder}/index.ru.md"].decode()
    assert "translated_from: kk:" in ru and editor_config.UP_TO_DATE not in ru and "draft" not in ru
    for name in ("group.jpg", "hall.jpg", "plan.png"):  # uploaded without where they were taken
        uploaded = copy / folder / name
        assert not photos_records_location(uploaded), name
        assert decoded(uploaded) == decoded(tmp_path / name), name  # and with the very same pixels
    project = copy_project(tmp_path / "after", with_news=False)  # the project as the editor left it
    for top in ("docs", "news"):
        shutil.rmtree(project / top)
        shutil.copytree(copy / top, project / top)
    assert check_translations.main(["--root", str(project), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    # The stamps the editor wrote are the model's own fingerprints: nothing is outdated.
    assert [f for f in report["findings"] if f["path"].startswith(folder)] == []
    row = next(r for r in report["matrix"] if r["name"] == folder)
    assert {code: cell["state"] for code, cell in row["cells"].items()} == {"kk": "source", "ru": "ok", "en": "ok"}
    built = build(project, project / "out", SITE_REPO_URL=REPOSITORY)
    assert built.returncode == 0, built.stderr
    for lang in LANGUAGES:
        page_file = project / "out" / lang.prefix / "news/dual-seminar/index.html"
        assert TEXTS[lang.code][0] in page_file.read_text("utf-8")
    assert problems == [] and page.evaluate("window.__kdCspViolations") == []


def fill_gallery(page, code):
    field(page, "gallery").scroll_into_view_if_needed()
    for number, (alt, caption) in enumerate(GALLERY[code]):
        fill(page, f"gallery.{number}.alt", alt)
        if caption:
            fill(page, f"gallery.{number}.caption", caption)


def photos_records_location(path) -> bool:
    from kazdual import photos

    return photos.records_location(path)


def decoded(path) -> tuple:
    from PIL import Image

    with Image.open(path) as image:
        return image.mode, image.size, image.tobytes()


@pytest.mark.browser
def test_editing_one_translation_changes_that_file_only_where_it_was_edited(editor):
    from admin_support import export

    page, copy, problems, words = editor
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
@pytest.mark.parametrize(
    "asked, form, button",
    [
        (["kk-KZ", "kk", "ru"], "ru", "Войти с помощью токена доступа"),
        (["kk-KZ", "kk"], "ru", "Войти с помощью токена доступа"),  # the CMS has no Kazakh: Russian, not English
        (["kk", "en-GB"], "ru", "Войти с помощью токена доступа"),
        (["ru-RU"], "ru", "Войти с помощью токена доступа"),
        (["en-GB", "ru"], "en", "Sign In Using Access Token"),
        (["de-DE"], "en", "Sign In Using Access Token"),  # not served here: the CMS's English, and the English form
    ],
)
def test_the_form_speaks_the_language_the_interface_shows(site, chromium, asked, form, button):
    import static_server

    with static_server.serve(site) as base:
        context = chromium.new_context(locale=asked[0], extra_http_headers={"Accept-Language": ",".join(asked)})
        try:
            # As a browser has it: a getter on the prototype (Chromium's --lang cannot be set per context).
            languages = f"{{get: () => {json.dumps(asked)}, configurable: true}}"
            context.add_init_script(f"Object.defineProperty(Navigator.prototype, 'languages', {languages})")
            page = context.new_page()
            configs: list[str] = []
            page.on("request", lambda r: "/config." in r.url and configs.append(r.url.rsplit("/", 1)[1].split("?")[0]))
            page.goto(base + "admin/")
            page.get_by_role("button", name=button).wait_for(timeout=20_000)
            assert configs == [f"config.{form}.yml"]
            assert page.title() == strings(form)["editor"]["title"]  # the sign-in screen: KAZDUAL's name and emblem
            assert page.locator("img[src$='kazdual-logo.svg']").count() >= 1
        finally:
            context.close()


@pytest.mark.browser
def test_the_news_list_shows_which_translations_are_not_in_order(tmp_path, chromium):
    """Beside each item of the editor's list, its outdated or missing translations, in the
    form's language, as the content model judged the site that was built."""
    import static_server
    from admin_support import PICKER, seed

    project = with_editor(copy_project(tmp_path / "project"))
    item = project / "news/2023-11-13-study-visit-tyrol"
    source = item / "index.kk.md"
    source.write_text(source.read_text("utf-8") + "\nҚосымша сөйлем.\n", "utf-8")  # ru and en now outdated
    english = project / "news/2023-09-11-flexible-model-dual-education/index.en.md"
    english.write_text(re.sub(r"(?m)^translated_from: .*\n", "", english.read_text("utf-8")), "utf-8")  # unstamped
    site = project / "out"
    result = build(project, site, SITE_REPO_URL=REPOSITORY)
    assert result.returncode == 0, result.stderr  # advisory findings: the site is published all the same
    ru = strings("ru")["editor"]["states"]
    with static_server.serve(site) as base:
        context = chromium.new_context(locale="ru-RU", viewport={"width": 1400, "height": 1000})
        try:
            context.add_init_script(PICKER)
            page = context.new_page()
            page.goto(base + "admin/translations.ru.html")
            seed(page, project)
            page.goto(base + "admin/")
            page.get_by_role("button", name=CMS_WORDS["ru-RU"]["local"]).click()
            marks = page.locator(".kazdual-translations")
            marks.first.wait_for()
            shown = {
                row.get_attribute("aria-label"): row.locator(".kazdual-translations").inner_text()
                for row in page.get_by_role("row").all()
                if row.locator(".kazdual-translations").count()
            }
            assert shown == {
                "KAZDUAL жобасы аясында Тирольге оқу сапары өтті": f"ru: {ru['outdated']} · en: {ru['outdated']}",
                "Дуалды білім берудің икемді моделі: бір күнде үш кездесу": f"en: {ru['unstamped']}",
            }
        finally:
            context.close()


# ---------------------------------------------------------------- against a stand-in for GitHub


@pytest.mark.browser
def test_a_new_item_goes_to_a_branch_with_a_pull_request_and_the_publishing_page_shows_it(
    site, project, tmp_path, chromium
):
    """Signed in with a token, as an editor is: saving puts the item on a branch of its own
    and opens a draft pull request, main stays as it was; the publishing page lists the
    change with the state of its checks, linked to them, in the form's language."""
    import fake_github

    repository = tmp_path / "repository"
    repository.mkdir()
    for top in ("docs", "news"):
        shutil.copytree(project / top, repository / top)
    git = lambda *args: subprocess.run(["git", "-C", str(repository), *args], check=True, capture_output=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("-c", "user.name=Maintainer", "-c", "user.email=m@example.kz", "commit", "-q", "-m", "The site")
    github = fake_github.FakeGitHub(repository)
    published = github.head("main")
    served = tmp_path / "site"
    shutil.copytree(site, served)
    ru = strings("ru")["editor"]["publishing"]
    with fake_github.serve(served, github) as base:
        for lang in LANGUAGES:  # the API root of a GitHub Enterprise server: this one
            config = served / "admin" / f"config.{lang.code}.yml"
            data = yaml.safe_load(config.read_text("utf-8"))
            data["backend"]["api_root"] = base + "api/v3"
            config.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        info = {
            "repository": "kazdual/kazdual.github.io",
            "api": base + "api/v3",
            "published": {"commit": published, "date": "2025-03-01T10:00:00+05:00"},
        }
        (served / "admin" / "publishing.json").write_text(json.dumps(info), "utf-8")
        context = chromium.new_context(locale="ru-RU", viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(20_000)
        problems: list[str] = []
        try:
            page = context.new_page()
            page.on("request", lambda r: r.url.startswith((base, "data:", "blob:")) or problems.append(r.url))
            page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
            page.goto(base + "admin/")
            page.get_by_role("button", name=CMS_WORDS["ru-RU"]["token"]).click()
            page.get_by_role("textbox", name="Персональный токен доступа").fill("github_pat_test")
            page.get_by_role("button", name="Войти", exact=True).click()
            page.get_by_role("button", name=CMS_WORDS["ru-RU"]["create"]).click()
            for code in ("kk", "ru", "en"):
                if code != "kk":
                    switch(page, code)
                title, summary, _alt, place, text = TEXTS[code]
                fill(page, "title", title)
                if code == "kk":
                    field(page, "date").locator("input[type=date]").fill("2025-03-10")
                fill(page, "summary", summary)
                fill(page, "place", place)
                fill_body(page, text, CMS_WORDS["ru-RU"])
                if code != "kk":
                    field(page, editor_config.UP_TO_DATE).get_by_role("switch").click()
            switch(page, "kk")
            page.locator("#entry-sidebar-content").get_by_role("textbox", name="Слаг").fill("dual-seminar")
            save(page, CMS_WORDS["ru-RU"])
            page.wait_for_function("() => true")
            for _ in range(40):
                if github.pulls:
                    break
                page.wait_for_timeout(250)
            branch = "cms/news/2025-03-10-dual-seminar"
            assert github.head("main") == published  # main is as it was
            assert branch in github.branches()
            pull = github.pulls[0]
            assert (pull.head, pull.base, pull.draft, pull.labels, pull.state) == (
                branch,
                "main",
                True,
                ["sveltia-cms/draft"],
                "open",
            )
            kk = github.show(branch, "news/2025-03-10-dual-seminar/index.kk.md").decode()
            ru_text = github.show(branch, "news/2025-03-10-dual-seminar/index.ru.md").decode()
            assert "title: Дуалды білім беру семинары" in kk and "translated_from: kk:" in ru_text
            # The publishing page: the change, its status and its checks.
            page.goto(base + "admin/publishing.ru.html")
            change = page.locator("#kd-changes li")
            change.wait_for()
            assert ru["draft"] in change.inner_text() and ru["checks_none"] in change.inner_text()
            assert "01.03.2025" in page.locator("#kd-published").inner_text()
            github.check_runs[github.head(branch)] = [
                {"name": "checks", "status": "completed", "conclusion": "success"}
            ]
            page.reload()
            change.wait_for()
            assert ru["checks_passed"] in change.inner_text()
            checks = change.get_by_role("link", name=ru["checks_passed"])
            assert checks.get_attribute("href") == f"{base}pull/1/checks"
            assert page.locator("#kd-deploying").count() == 0
            git("-c", "user.name=M", "-c", "user.email=m@example.kz", "commit", "-q", "--allow-empty", "-m", "Merged")
            page.reload()
            page.locator("#kd-deploying").wait_for()  # accepted, on its way to the site
            assert problems == [] and github.unknown == []
        finally:
            context.close()


def test_the_translations_page_speaks_the_language_it_is_for():
    from kazdual.admin.files import admin_files
    from kazdual.admin.vendor import NotInstalled

    site = site_config.load(ROOT)
    try:
        made = admin_files(load(site), site, "KAZDUAL")
    except NotInstalled:
        from browser_support import missing_tool

        missing_tool("the web editor's packages are missing: run `npm ci`")
    for lang in LANGUAGES:
        page = made[f"translations.{lang.code}.html"].decode("utf-8")
        told = strings(lang.code)["editor"]["publishing"]
        assert f'<html lang="{lang.code}">' in page
        assert f"KAZDUAL: {told['translations']}</title>" in page and f">{told['open_editor']}</a>" in page
    # The summary and the headings of the report, in the page's language.
    assert "Проверено — страниц:" in made["translations.ru.html"].decode("utf-8")
    assert "<h2>Аудармалар</h2>" in made["translations.kk.html"].decode("utf-8")
    assert " pages and " in made["translations.en.html"].decode("utf-8")


def test_a_change_is_titled_in_the_language_of_the_form():
    site = site_config.load(ROOT)
    content = load(site)
    for lang in LANGUAGES:
        titles = editor_config.editor_config(content, site, lang.code)["backend"]["commit_messages"]
        assert set(titles) == {"create", "update", "delete", "uploadMedia", "deleteMedia"}
        assert all("{{" in title for title in titles.values()), lang.code
    ru = editor_config.editor_config(content, site, "ru")["backend"]["commit_messages"]
    assert ru["create"] == "{{collection}} «{{slug}}»: создание"


def test_the_publishing_page_links_to_the_commit_only_when_the_repository_is_known():
    from kazdual.admin.publishing import publishing_page

    version = {"commit": "0123456789abcdef" * 2 + "01234567", "date": "2024-01-15T10:00:00+00:00"}
    unknown = publishing_page("ru", version, None, "translations.ru.html").decode("utf-8")
    assert "https://github.com/" not in unknown and "<code>0123456</code>" in unknown and "15.01.2024" in unknown
    known = publishing_page("ru", version, "kazdual/site", "translations.ru.html").decode("utf-8")
    assert f'href="https://github.com/kazdual/site/commit/{version["commit"]}">0123456</a>' in known
