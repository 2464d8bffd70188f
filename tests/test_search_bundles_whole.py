"""Search bundles are whole on a busy machine: the same pages, indexed by several builds
at once, give the same bytes every time. Pagefind's Python service stopped the indexer
as soon as it had answered, before every file was on the disk: an empty
pagefind-entry.json or a missing file, in about one build in three here."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import LANGUAGES
from kazdual.search import bundle
from kazdual.search.bundle import BUNDLE_DIR
from kazdual.site.search_index import build_search_index


def _bundles(site: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(site.rglob("*")):
        if file.is_file() and BUNDLE_DIR in file.relative_to(site).parts:
            digest.update(file.relative_to(site).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _index_copy(site: Path) -> str:
    build_search_index(site, LANGUAGES, LANGUAGES)
    return _bundles(site)


def test_bundles_built_at_once_are_whole_and_the_same(built_site, tmp_path):
    copies = []
    for n in range(4):
        copy = tmp_path / f"site-{n}"
        shutil.copytree(built_site, copy, ignore=shutil.ignore_patterns(BUNDLE_DIR))
        copies.append(copy)
    with ProcessPoolExecutor(max_workers=4) as pool:
        digests = list(pool.map(_index_copy, copies))
    assert len(set(digests)) == 1
    assert digests[0] == _bundles(built_site)
    for copy in copies:
        for language in LANGUAGES:
            entry = copy / language.prefix / BUNDLE_DIR / "pagefind-entry.json"
            assert entry.stat().st_size > 0, entry


FAKE_PAGEFIND = """#!/bin/sh
# Writes the bundle's entry as given in FAKE_ENTRY, and nothing else, then says all went well.
while [ "$#" -gt 0 ]; do
  if [ "$1" = "--output-path" ]; then mkdir -p "$2" && printf '%s' "$FAKE_ENTRY" > "$2/pagefind-entry.json"; fi
  shift
done
exit 0
"""


@pytest.mark.parametrize(
    "entry",
    ["", "{", '{"languages": {"ru": {"page_count": 0}}}', '{"languages": {}}'],
    ids=["empty", "cut short", "no page", "no language"],
)
def test_an_indexer_that_writes_an_empty_entry_fails_the_build_in_one_line(tmp_path, monkeypatch, entry):
    fake = tmp_path / "pagefind"
    fake.write_text(FAKE_PAGEFIND, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(bundle, "get_executable", lambda: fake)
    monkeypatch.setenv("FAKE_ENTRY", entry)
    page = "<html lang='ru'><body><main data-pagefind-body><h1>Проект</h1></main></body></html>"
    with pytest.raises(bundle.SearchBundleError) as refused:
        bundle.build([bundle.Bundle(code="ru", output=tmp_path / "site" / BUNDLE_DIR, pages={"index.html": page})])
    assert str(refused.value) == "the ru search index is incomplete: pagefind-entry.json names no page"


def test_a_build_embedded_in_a_running_event_loop_indexes_all_the_same(tmp_path, monkeypatch):
    """A program that already runs an event loop in its thread may build: Playwright's sync API
    does, for the rest of a test session once a browser test has run."""
    fake = tmp_path / "pagefind"
    fake.write_text(FAKE_PAGEFIND, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(bundle, "get_executable", lambda: fake)
    monkeypatch.setenv("FAKE_ENTRY", "")
    page = "<html lang='ru'><body><main data-pagefind-body><h1>Проект</h1></main></body></html>"

    async def embedding() -> None:
        bundle.build([bundle.Bundle(code="ru", output=tmp_path / "site" / BUNDLE_DIR, pages={"index.html": page})])

    with ThreadPoolExecutor(max_workers=1) as thread, pytest.raises(bundle.SearchBundleError, match="names no page"):
        thread.submit(asyncio.run, embedding()).result()  # a thread of its own: this one may run a loop already


def _bundle_of(site: Path, language) -> dict[str, bytes]:
    folder = site / language.prefix / BUNDLE_DIR
    return {file.relative_to(folder).as_posix(): file.read_bytes() for file in folder.rglob("*") if file.is_file()}


def test_a_language_whose_pages_did_not_change_is_copied_from_the_last_run(built_site, tmp_path, monkeypatch):
    """The preview and any second build in a process give the last run's bundles: a language
    whose pages are the same gets the very bytes Pagefind made, without running it again;
    a language with a changed page is indexed again."""
    made = bundle.MadeBefore()
    first, second = tmp_path / "first", tmp_path / "second"
    for copy in (first, second):
        shutil.copytree(built_site, copy, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    build_search_index(first, LANGUAGES, LANGUAGES, made)
    changed = LANGUAGES[1]
    page = second / changed.prefix / "about" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</h1>", " Эдельвейс</h1>", 1), "utf-8")
    indexed: list[str] = []
    started = bundle._started

    async def counted(pages_dir, code, output):
        indexed.append(code)
        return await started(pages_dir, code, output)

    monkeypatch.setattr(bundle, "_started", counted)
    build_search_index(second, LANGUAGES, LANGUAGES, made)
    assert indexed == [changed.code]
    for language in LANGUAGES:
        published = _bundle_of(built_site, language)
        assert _bundle_of(first, language) == published, language.code
        assert (_bundle_of(second, language) == published) == (language != changed), language.code
