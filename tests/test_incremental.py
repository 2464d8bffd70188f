"""The preview's rebuild after an edit writes the same bytes as a full build of the same
sources, for every kind of edit: two previews of one copy of the website follow the same
edits, one rebuilding incrementally from its last build, the other from nothing, and their
whole folders are compared. An edit of what every page is drawn from keeps nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LANGUAGES, copy_project
from kazdual.addresses import NEWS_PER_PAGE
from photo_samples import save_photo, upright_picture

DRIVER = Path(__file__).with_name("incremental_driver.py")
PHOTO_ITEM = "news/2023-03-01-photo-visit"
DOOMED_ITEM = "news/2022-10-10-doomed-visit"  # removed by deleted_item, and linked to from another text


class Previews:
    """The incremental preview and the full one, each a process of its own."""

    def __init__(self, project: Path) -> None:
        self.processes = [
            subprocess.Popen(
                [sys.executable, str(DRIVER)],
                cwd=project,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"},
            )
            for _ in range(2)
        ]

    def _ask(self, process: subprocess.Popen, command: str) -> dict:
        assert process.stdin and process.stdout
        process.stdin.write(command + "\n")
        process.stdin.flush()
        answer = json.loads(process.stdout.readline())
        assert answer["problems"] == [], answer["problems"]
        return answer

    def rebuild(self) -> tuple[dict, dict]:
        incremental, full = self.processes
        return self._ask(incremental, "build"), self._ask(full, "full")

    def stop(self) -> None:
        for process in self.processes:
            assert process.stdin and process.stdout
            process.stdin.close()
            process.wait(timeout=60)
            process.stdout.close()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def first_difference(incremental: dict[str, bytes], full: dict[str, bytes]) -> str:
    if incremental.keys() != full.keys():
        return (
            f"only in the incremental build: {sorted(incremental.keys() - full.keys())[:5]}; only in the full "
            f"build: {sorted(full.keys() - incremental.keys())[:5]}"
        )
    for name in full:
        if incremental[name] != full[name]:
            return f"{name} differs"
    return ""


def item(project: Path, stem: str) -> Path:
    return next(p for p in (project / "news").iterdir() if p.name.endswith(stem))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def news_folders(project: Path) -> list[Path]:
    return sorted(p for p in (project / "news").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The website with its news, a first listing page of newer ones, one item with a lead
    photo, and a news text and a page linking to the item that the deletion below removes."""
    project = copy_project(tmp_path_factory.mktemp("incremental") / "project")
    folders = news_folders(project)
    shutil.copytree(folders[0], project / PHOTO_ITEM)
    set_date(project / PHOTO_ITEM, "2023-03-01")
    save_photo(project / PHOTO_ITEM / "photo.jpg", upright_picture((800, 600)), gps=False)
    for lang in LANGUAGES:
        replace_in(
            project / PHOTO_ITEM / f"index.{lang.code}.md", "\n---\n", "\nimage: photo.jpg\nimage_alt: A room\n---\n"
        )
    for month in range(1, NEWS_PER_PAGE + 1):  # a first listing page of their own, in the menu
        newer = project / "news" / f"2025-{month:02d}-01-meeting-{month}"
        shutil.copytree(folders[1], newer)
        set_date(newer, f"2025-{month:02d}-01")
    shutil.copytree(folders[0], project / DOOMED_ITEM)
    set_date(project / DOOMED_ITEM, "2022-10-10")
    linking = folders[1] / "index.ru.md"
    link = f"\n[Ещё одна новость](../{Path(DOOMED_ITEM).name}/index.ru.md)\n"
    linking.write_text(linking.read_text("utf-8") + link, "utf-8")
    outside_the_menu = project / "docs" / "accessibility.ru.md"
    outside_the_menu.write_text(outside_the_menu.read_text("utf-8") + "\n[Новость](../news/doomed-visit/)\n", "utf-8")
    return project


@pytest.fixture(scope="module")
def previews(project):
    running = Previews(project)
    incremental, full = running.rebuild()
    assert first_difference(tree(Path(incremental["site"])), tree(Path(full["site"]))) == ""
    yield running
    running.stop()


def edit_text(project: Path) -> None:
    path = news_folders(project)[2] / "index.ru.md"
    path.write_text(path.read_text("utf-8") + "\nЕщё один абзац о встрече.\n", "utf-8")


def edit_title(project: Path) -> None:
    path = news_folders(project)[3] / "index.kk.md"
    replace_in(path, "title: ", "title: Жаңа тақырып — ")


def set_date(folder: Path, date: str) -> None:
    for lang in LANGUAGES:
        path = folder / f"index.{lang.code}.md"
        text = path.read_text("utf-8")
        old = next(line for line in text.splitlines() if line.startswith("date: "))
        path.write_text(text.replace(old, f"date: {date}", 1), "utf-8")


def edit_date(project: Path) -> None:
    """The date in the texts and in the folder's name, as an editor moves an item."""
    folder = item(project, "-online-seminar-dual-model")  # of one day (no end_date), named by no data file
    set_date(folder, "2023-12-30")
    folder.rename(folder.with_name("2023-12-30-" + folder.name.split("-", 3)[3]))


def edit_draft(project: Path) -> None:
    for lang in LANGUAGES:
        replace_in(news_folders(project)[5] / f"index.{lang.code}.md", "title: ", "draft: true\ntitle: ")


def edit_photo(project: Path) -> None:
    save_photo(project / PHOTO_ITEM / "photo.jpg", upright_picture((600, 800)), gps=False)


def new_item(project: Path) -> None:
    shutil.copytree(news_folders(project)[6], project / "news" / "2024-02-01-another-visit")
    set_date(project / "news" / "2024-02-01-another-visit", "2024-02-01")


def deleted_item(project: Path) -> None:
    shutil.rmtree(project / DOOMED_ITEM)


def edit_docs_page(project: Path) -> None:
    path = project / "docs" / "about.ru.md"
    path.write_text(path.read_text("utf-8") + "\nЕщё один абзац о проекте.\n", "utf-8")


def edit_template(project: Path) -> None:
    replace_in(project / "overrides" / "main.html", "{% block", "{#- a comment -#}{% block")


def edit_interface_text(project: Path) -> None:
    path = project / "scripts" / "kazdual" / "strings" / "ru.yml"
    replace_in(path, "news: Новости", "news: Все новости")


def edit_project_data(project: Path) -> None:
    """A partner's name, which the consortium page and the news it organised show."""
    path = project / "data" / "consortium.yml"
    replace_in(path, "университет имени М. Ауэзова", "университет им. М. Ауэзова")


NEWS_EDITS = [edit_text, edit_title, edit_date, edit_draft, edit_photo, new_item, deleted_item]
COMMON_EDITS = [edit_docs_page, edit_template, edit_interface_text, edit_project_data]


@pytest.mark.parametrize("edit", NEWS_EDITS + COMMON_EDITS, ids=lambda edit: edit.__name__)
def test_an_incremental_rebuild_writes_what_a_full_one_does(project, previews, edit):
    edit(project)
    incremental, full = previews.rebuild()
    assert first_difference(tree(Path(incremental["site"])), tree(Path(full["site"]))) == ""
    assert full["kept"] == 0
    if edit in NEWS_EDITS:
        assert incremental["kept"] > 0  # the rest of the news was taken from the build before
    else:
        assert incremental["kept"] == 0  # every page may have changed: all are drawn again
