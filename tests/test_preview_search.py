"""The preview's search index: made once the editor pauses, in a process group of its own
that the next build stops at once (Pagefind's processes with it), so that indexing pages
about to be replaced never takes the CPU from the build the editor waits for."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import copy_project
from kazdual.addresses import SEARCH_BUNDLE
from kazdual.preview import builder as preview_builder
from kazdual.search.bundle import ENTRY_FILE


def wait_for(condition, seconds: float = 120.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"still waiting after {seconds} s")


def running_in_group(group: int) -> list[int]:
    """The processes of process group `group` that still run (a zombie has ended)."""
    running = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            running.append(int(entry.name))
    return running


def test_the_next_build_stops_the_index_under_way_and_a_pause_after_it_makes_one(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.setattr(preview_builder, "QUIET_BEFORE_INDEX", 0.0)
    builder = preview_builder.Builder(project, "ru", "http://127.0.0.1:8000/")
    try:
        builder.build()
        first = builder.state.site_dir
        assert first is not None
        indexing = wait_for(lambda: builder._indexer)
        builder.build()  # an edit saved while the first build was being indexed
        assert indexing.wait(timeout=60) != 0  # stopped, not finished
        wait_for(lambda: not running_in_group(indexing.pid), 30)
        assert not (first / "ru" / SEARCH_BUNDLE / ENTRY_FILE).exists()
        shown = builder.state.site_dir
        assert shown is not None and shown != first
        wait_for(lambda: builder._indexed == shown)  # its index process ended well
        assert (shown / "ru" / SEARCH_BUNDLE / ENTRY_FILE).is_file()
        builder.build()  # the same pages again: their index is the one made for the build before
        again = builder.state.site_dir
        assert again is not None
        wait_for(lambda: builder._indexed == again)
        assert bundle_of(again) == bundle_of(shown)
    finally:
        builder.close()
    assert not first.exists() and not shown.exists() and not again.exists()


def bundle_of(site: Path) -> dict[str, bytes]:
    folder = site / "ru" / SEARCH_BUNDLE
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
