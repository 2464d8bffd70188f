"""`scripts/dissemination_report.py --pack FILE`: one ZIP with the record, each
activity's pages as published, its photos' checksums and a manifest with the
source commit; the same bytes from two builds of the same sources."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import zipfile

import pytest

import dissemination_report
from conftest import LANGUAGES, build_ok, copy_project
from photo_samples import save_photo, upright_picture
from test_dissemination import KAZAKH_TITLE, add_activities

EPOCH = "1700000000"  # 14 November 2023, 22:13:20 UTC
FOLDERS = ("2022-11-20-study-visit", "2022-05-10-seminar", "2021-03-01-kick-off")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("pack") / "project", with_news=False)
    add_activities(root)
    seminar = root / "news" / "2022-05-10-seminar"
    save_photo(seminar / "hall.jpg", upright_picture((900, 600)), gps=False)
    for lang in LANGUAGES:
        text = seminar / f"index.{lang.code}.md"
        text.write_text(text.read_text("utf-8").replace("---\n\n", "image: hall.jpg\nimage_alt: Hall\n---\n\n", 1))
    return root


def pack(project, out, *args: str) -> bytes:
    assert dissemination_report.main(["--root", str(project), "--pack", str(out), *args]) == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def packs(project, tmp_path_factory):
    """Two packs, each from a build of its own, as two people would make them."""
    folder = tmp_path_factory.mktemp("packs")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        env.delenv("SITE_URL", raising=False)
        return pack(project, folder / "first.zip"), pack(project, folder / "second.zip")


def test_two_builds_of_the_same_sources_give_the_same_pack(packs):
    first, second = packs
    assert first == second


def test_the_pack_holds_the_record_each_page_and_the_photos_checksums(packs, project, capsys, monkeypatch):
    archive = zipfile.ZipFile(io.BytesIO(packs[0]))
    names = archive.namelist()
    assert names == sorted(names)
    assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}
    expected = {
        "manifest.json",
        "record/activities.csv",
        "record/activities.json",
        "activities/2022-05-10-seminar/photos.sha256",
    }
    expected |= {f"activities/{folder}/{lang.code}.html" for folder in FOLDERS for lang in LANGUAGES}
    assert set(names) == expected
    monkeypatch.delenv("SITE_URL", raising=False)
    assert dissemination_report.main(["--root", str(project)]) == 0
    assert archive.read("record/activities.csv") == capsys.readouterr().out.encode("utf-8")
    photo = (project / "news" / "2022-05-10-seminar" / "hall.jpg").read_bytes()
    assert archive.read("activities/2022-05-10-seminar/photos.sha256") == (
        f"{hashlib.sha256(photo).hexdigest()}  hall.jpg\n".encode()
    )
    assert photo not in b"".join(archive.read(name) for name in names)  # the original, GPS and all, stays out
    seminar = archive.read("activities/2022-05-10-seminar/ru.html").decode("utf-8")
    assert '<html lang="ru"' in seminar and KAZAKH_TITLE in seminar
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["source"] == {"commit": None, "modified": None}  # not a git repository
    assert (manifest["from"], manifest["to"], manifest["site_url"]) == (
        "2021-01-15",
        "2024-01-14",
        "https://kazdual.github.io/",
    )
    for name in names:
        if name != "manifest.json":
            assert manifest["files"][name]["sha256"] == hashlib.sha256(archive.read(name)).hexdigest()
    assert [a["news"] for a in manifest["activities"]] == [f"news/{folder}" for folder in FOLDERS]


def test_the_pages_are_those_of_the_published_site(packs, project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("SITE_URL", raising=False)
    site = build_ok(project)
    assert pack(project, tmp_path / "given.zip", "--site", str(site)) == packs[0]
    archive = zipfile.ZipFile(io.BytesIO(packs[0]))
    for lang in LANGUAGES:
        page = site / lang.prefix / "news" / "seminar" / "index.html"
        assert archive.read(f"activities/2022-05-10-seminar/{lang.code}.html") == page.read_bytes()


def test_the_manifest_names_the_commit_and_says_when_the_sources_differ(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = build_ok(project)

    def git(*args):
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "sources")
    head = subprocess.run(
        ["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()

    def source() -> dict:
        data = pack(project, tmp_path / "pack.zip", "--site", str(site))
        return json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))["source"]

    assert source() == {"commit": head, "modified": False}
    news = project / "news" / "2021-03-01-kick-off" / "index.en.md"
    news.write_text(news.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    try:
        assert source() == {"commit": head, "modified": True}
    finally:
        git("checkout", "-q", "--", ".")
        subprocess.run(["rm", "-rf", str(project / ".git")], check=True)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--pack", "x.zip", "--output", "y.csv"], "--pack writes its own file: leave out --output and --results"),
        (["--site", "."], "--site goes with --pack"),
        (["--pack", "x.zip", "--site", "/nonexistent"], "--site /nonexistent: no built site there"),
    ],
)
def test_options_that_do_not_go_together_are_bad_usage(capsys, args, message):
    assert dissemination_report.main(args) == 2
    assert message in capsys.readouterr().err


def test_a_site_that_cannot_be_built_makes_no_pack(tmp_path, capsys):
    project = copy_project(tmp_path / "project", with_news=False)
    (project / "overrides" / "main.html").write_text("{% block content %}", "utf-8")  # a template that breaks
    out = tmp_path / "pack.zip"
    code = dissemination_report.main(["--root", str(project), "--pack", str(out)])
    assert code == 1 and not out.exists()
    assert "Traceback" not in capsys.readouterr().err
