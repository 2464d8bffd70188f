"""The archive anyone can keep (scripts/archive.py): a ZIP whose every link leads to
a file of the copy, and a WARC of every published address with status 200 that
replays in pywb; both the same bytes from the same site, whatever the files' times."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive_support import (
    FOLDER,
    WARC_NAME,
    ZIP_NAME,
    archive,
    archive_ok,
    published_files,
    sitemap_addresses,
    unpacked,
)
from conftest import LANGUAGES, site_address
from kazdual.archive import offline
from kazdual.strings import strings_for

LINK = re.compile(r'<(?:a|area|form)\b[^>]*?\s(?:href|action)="([^"]*)"')


@pytest.fixture(scope="module")
def archived(built_site, tmp_path_factory) -> Path:
    return archive_ok(built_site, tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def copy(archived, tmp_path_factory) -> Path:
    return unpacked(archived, tmp_path_factory.mktemp("unpacked"))


def warc_responses(archived: Path) -> dict[str, tuple[str, dict[str, str], bytes]]:
    found = {}
    with open(archived / WARC_NAME, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                headers = dict(record.http_headers.headers)
                found[record.rec_headers.get_header("WARC-Target-URI")] = (
                    record.http_headers.get_statuscode(),
                    headers,
                    record.content_stream().read(),
                )
    return found


# ---------------------------------------------------------------- the same bytes


def test_two_archive_runs_give_the_same_bytes_whatever_the_files_times(built_site, archived, tmp_path):
    again = archive_ok(built_site, tmp_path / "again")
    # The same site copied anew: other times, other permissions, created in another order.
    copied = tmp_path / "copied"
    shutil.copytree(built_site, copied, copy_function=shutil.copyfile)
    for number, file in enumerate(sorted(copied.rglob("*"), reverse=True)):
        if file.is_file():
            os.utime(file, (1_000_000 + number, 2_000_000_000 - number))
            file.chmod(0o600 if number % 2 else 0o664)
    third = archive_ok(copied, tmp_path / "third")
    for name in (ZIP_NAME, WARC_NAME):
        assert (again / name).read_bytes() == (archived / name).read_bytes(), name
        assert (third / name).read_bytes() == (archived / name).read_bytes(), name


def test_the_archive_is_dated_by_source_date_epoch_when_it_is_set(built_site, tmp_path):
    dated = archive_ok(built_site, tmp_path / "dated", SOURCE_DATE_EPOCH="1705190400")  # 14 January 2024
    with zipfile.ZipFile(dated / ZIP_NAME) as packed:
        assert {entry.date_time for entry in packed.infolist()} == {(2024, 1, 14, 0, 0, 0)}
    with open(dated / WARC_NAME, "rb") as stream:
        assert {r.rec_headers.get_header("WARC-Date") for r in ArchiveIterator(stream)} == {"2024-01-14T00:00:00Z"}


def test_a_time_before_1980_dates_the_zip_on_its_first_day():
    early = datetime.datetime(1970, 1, 2, tzinfo=datetime.UTC)
    assert offline._zip_time(early) == (1980, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------- the ZIP


def test_the_zip_is_one_folder_of_plain_files_in_order(archived, built_site):
    with zipfile.ZipFile(archived / ZIP_NAME) as packed:
        entries = packed.infolist()
        names = [entry.filename for entry in entries]
        assert names == sorted(names)
        assert {name.split("/")[0] for name in names} == {FOLDER}
        assert {entry.external_attr >> 16 for entry in entries} == {0o100644}
        assert packed.testzip() is None
    assert [name.removeprefix(f"{FOLDER}/") for name in names] == published_files(built_site)


def test_every_link_of_the_copy_leads_to_a_file_of_the_copy(copy):
    pages = [p for p in copy.rglob("*.html") if p.relative_to(copy).parts[0] != "admin"]
    assert len(pages) > 60
    broken = []
    for page in pages:
        html = page.read_text("utf-8")
        assert "<base " not in html, page
        for link in LINK.findall(html):
            if link.startswith("#") or re.match(r"[a-z][a-z0-9+.-]*:", link):
                assert not link.startswith(site_address()), (page, link)  # the live domain is never needed
                continue
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(copy)}: {link}")
    assert broken == []


def test_the_copys_search_page_says_why_it_cannot_search(copy):
    for lang in LANGUAGES:
        html = (copy / lang.prefix / "search" / "index.html").read_text("utf-8")
        assert "<script" not in html and "<noscript" not in html
        assert strings_for(lang.code)["archive_search_offline"].split(":")[0] in html
        assert '<a href="../news/index.html">' in html


def test_only_the_copy_changes_the_site_is_left_as_it_was(built_site, copy):
    assert 'href="../about/"' in (built_site / "ru" / "news" / "index.html").read_text("utf-8")
    for path in ("sitemap.xml", "feed.xml", "assets/site.css", "ru/pagefind/pagefind-entry.json"):
        assert (copy / path).read_bytes() == (built_site / path).read_bytes(), path


# ---------------------------------------------------------------- the WARC


def test_the_warc_holds_every_address_of_the_sitemap_with_status_200(archived, built_site):
    responses = warc_responses(archived)
    addresses = sitemap_addresses(built_site)
    assert len(addresses) > 60
    missing = [a for a in addresses if a not in responses]
    assert missing == []
    assert {responses[a][0] for a in addresses} == {"200"}
    page = responses[site_address() + "ru/about/"]
    assert page[1]["Content-Type"] == "text/html; charset=utf-8"
    assert page[2] == (built_site / "ru" / "about" / "index.html").read_bytes()
    assert int(page[1]["Content-Length"]) == len(page[2])


def test_the_warc_holds_every_published_file_once(archived, built_site):
    responses = warc_responses(archived)
    assert len(responses) == len(published_files(built_site))
    assert responses[site_address() + "assets/site.css"][1]["Content-Type"] == "text/css; charset=utf-8"
    assert responses[site_address() + "sitemap.xml"][2] == (built_site / "sitemap.xml").read_bytes()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_warc_replays_a_page_in_pywb(archived, built_site, tmp_path):
    tools = Path(sys.executable).parent
    if not (tools / "wayback").exists():
        pytest.fail("pywb is missing: `pip install --require-hashes -r requirements-test.txt`", pytrace=False)
    collections = tmp_path / "pywb"
    collections.mkdir()
    for command in (["wb-manager", "init", "kazdual"], ["wb-manager", "add", "kazdual", str(archived / WARC_NAME)]):
        result = subprocess.run(
            [str(tools / command[0]), *command[1:]], cwd=collections, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    port = _free_port()
    log = tmp_path / "wayback.log"
    with open(log, "wb") as log_file:
        server = subprocess.Popen(
            [str(tools / "wayback"), "--port", str(port), "--bind", "127.0.0.1"],
            cwd=collections,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    page = site_address() + "ru/about/"
    try:
        replayed = original = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and replayed is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/kazdual/2025id_/{page}", timeout=10) as answer:
                    replayed = (answer.status, answer.headers["Memento-Datetime"], answer.read())
            except OSError:
                assert server.poll() is None, log.read_text("utf-8", "replace")
                time.sleep(0.5)
        assert replayed is not None, "pywb did not answer"
        original = (built_site / "ru" / "about" / "index.html").read_bytes()
        assert replayed[0] == 200 and replayed[1] and replayed[2] == original
        # As a reader of the archive sees it: the page rewritten to be served from the archive.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/kazdual/2025mp_/{page}", timeout=10) as answer:
            shown = answer.read().decode("utf-8")
        assert "<title>О проекте · KAZDUAL</title>" in shown
        assert "/kazdual/" in shown and "mp_/" in shown
    finally:
        server.terminate()
        server.wait(timeout=30)


# ---------------------------------------------------------------- what it refuses


def test_no_built_site_gets_one_line(tmp_path):
    result = archive(tmp_path / "nothing", tmp_path / "out")
    assert result.returncode == 1
    assert "no built site there (no index.html): run `python3 scripts/build.py` first" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_a_link_in_the_site_is_refused(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("admin", "pagefind"))
    (site / "assets" / "secret").symlink_to("/etc/passwd")
    result = archive(site, tmp_path / "out")
    assert result.returncode == 1 and "a link or hidden file is not part of a built site" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_bad_source_date_epoch_gets_one_line(built_site, tmp_path):
    result = archive(built_site, tmp_path / "out", SOURCE_DATE_EPOCH="yesterday")
    assert result.returncode == 1 and "SOURCE_DATE_EPOCH:1: must be a whole number of seconds" in result.stderr


def test_a_search_page_the_archive_does_not_know_is_refused(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("admin", "pagefind"))
    search = site / "en" / "search" / "index.html"
    search.write_text(search.read_text("utf-8").replace('id="kd-search-results"', 'id="elsewhere"'), "utf-8")
    result = archive(site, tmp_path / "out")
    assert result.returncode == 1
    assert "en/search/index.html: no search box" in result.stderr and "Traceback" not in result.stderr
