"""A language's search bundle: its Pagefind index, and the search page's engine beside it.

Pagefind reads a copy of the pages (pages.py), not the published ones, which stay as
they are. For Kazakh it reads two: the keyed copy makes the index (every word filed
under its stems), the plain copy makes the text that results show. Both have the same
words at the same places, so the plain text takes the keyed text's place in each
page's stored record (its "fragment"), and a result's excerpt marks the very words
its stems matched. Each index runs in its own Pagefind process, all at once.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from kazdual.addresses import SEARCH_BUNDLE
from kazdual.files import write_atomically
from kazdual.search import kazakh, pages

BUNDLE_DIR = SEARCH_BUNDLE
# The search page's engine: Pagefind's interface loads <bundle>/engine/pagefind.js.
ENGINE_DIR = "engine"
ENGINE_SOURCE = Path(__file__).with_name("engine.js")
KAZAKH_SOURCE = Path(__file__).with_name("kazakh.js")
ENGLISH_RULES = Path(__file__).with_name("english.yml")
KAZAKH = "kk"
ENGLISH = "en"
# A fragment file: this signature, then the page's record as JSON, all gzipped.
_FRAGMENT_SIGNATURE = b"pagefind_dcd"


class SearchBundleError(Exception):
    pass


@dataclass(frozen=True)
class Bundle:
    code: str
    output: Path  # the bundle folder in the site
    pages: dict[str, str]  # path below the site root → the page's HTML


async def _index(pages_dir: Path, code: str, output: Path) -> None:
    """Index the pages of `pages_dir` into the bundle `output`, in a `pagefind` process of its own.

    The command, not Pagefind's Python service: the service stops the indexer as soon as it
    answers that the bundle is written, while its last files may still be on their way to
    the disk (an empty pagefind-entry.json or a missing file, about one build in three on a
    busy machine). The command ends only when every file is written."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(pages_dir),
        "--output-path",
        str(output),
        "--force-language",
        code,
        "--silent",
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    told, _ = await process.communicate()
    if process.returncode != 0:
        lines = told.decode("utf-8", "replace").strip().splitlines()
        raise SearchBundleError(lines[-1] if lines else f"pagefind stopped with status {process.returncode}")


def _write_pages(folder: Path, copies: dict[str, str]) -> None:
    for path, html in copies.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def _read_fragment(path: Path) -> dict:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_FRAGMENT_SIGNATURE):
        raise SearchBundleError(f"{path.name} is not a Pagefind fragment this site knows how to read")
    return json.loads(data[len(_FRAGMENT_SIGNATURE) :])


def _show_plain_text(bundle: Path, plain_bundle: Path) -> None:
    """Give each page of `bundle` the record of the same page in `plain_bundle`."""
    plain = {record["url"]: record for record in map(_read_fragment, (plain_bundle / "fragment").iterdir())}
    for path in sorted((bundle / "fragment").iterdir()):
        keyed = _read_fragment(path)
        shown = plain.get(keyed["url"])
        if shown is None or shown["word_count"] != keyed["word_count"]:
            raise SearchBundleError(f"the plain and keyed texts of {keyed['url']} do not have the same words")
        data = _FRAGMENT_SIGNATURE + json.dumps(shown, ensure_ascii=False, separators=(",", ":")).encode()
        write_atomically(path, gzip.compress(data, mtime=0))


async def _build(bundle: Bundle, work: Path) -> None:
    plain_pages = work / "plain"
    _write_pages(plain_pages, {path: pages.plain(html) for path, html in bundle.pages.items()})
    if bundle.code != KAZAKH:
        await _index(plain_pages, bundle.code, bundle.output)
        return
    read = {path: pages.Page(html) for path, html in bundle.pages.items()}
    rules = kazakh.rules()
    keys = kazakh.site_keys(word for page in read.values() for word in page.words(rules))
    keyed_pages = work / "keyed"
    _write_pages(keyed_pages, {path: page.keyed(rules, keys) for path, page in read.items()})
    plain_bundle = work / "plain-bundle"
    await asyncio.gather(
        _index(plain_pages, bundle.code, plain_bundle),
        _index(keyed_pages, bundle.code, bundle.output),
    )
    _show_plain_text(bundle.output, plain_bundle)


def _compact(source: str) -> str:
    """Script text without its comment lines and indentation: the reader downloads less."""
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def has_engine(code: str) -> bool:
    """Whether language `code` reads queries its own way: Kazakh stems, English spellings."""
    return code in (KAZAKH, ENGLISH)


def engine(code: str) -> str:
    """The search page's engine for language `code`: Pagefind's API, reading queries as indexed."""
    settings: dict = {"mark": pages.MARK}
    parts = ['import * as pagefind from "../pagefind.js";']
    if code == KAZAKH:
        settings["kazakh"] = kazakh.browser_rules()
        parts.append(KAZAKH_SOURCE.read_text(encoding="utf-8").replace("export function kazakh(", "function kazakh("))
    if code == ENGLISH:
        settings["spelling"] = yaml.safe_load(ENGLISH_RULES.read_text(encoding="utf-8"))["spelling"]
    parts.insert(1, f"const SETTINGS = {json.dumps(settings, ensure_ascii=False, separators=(',', ':'))};")
    parts.append(ENGINE_SOURCE.read_text(encoding="utf-8"))
    return _compact("\n".join(parts))


def build(bundles: list[Bundle]) -> None:
    """Index every bundle's pages, each into its own folder, and write its engine."""
    with tempfile.TemporaryDirectory(prefix="kazdual-search-") as work:

        async def build_all() -> None:
            # The Kazakh bundle's words take a while to read: the other processes start first.
            first = sorted(bundles, key=lambda bundle: bundle.code == KAZAKH)
            await asyncio.gather(*(_build(bundle, Path(work) / bundle.code) for bundle in first))

        asyncio.run(build_all())
    for bundle in bundles:
        if not has_engine(bundle.code):
            continue
        target = bundle.output / ENGINE_DIR / "pagefind.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, engine(bundle.code).encode("utf-8"))
