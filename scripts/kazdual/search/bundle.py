"""A language's search bundle: its Pagefind index, and the search page's engine in its pagefind.js.

Pagefind reads a copy of the pages (pages.py), not the published ones, which stay as
they are. For Kazakh it reads two: the keyed copy makes the index (every word filed
under its stems), the plain copy makes the text that results show. Both have the same
words at the same places, so the plain text takes the keyed text's place in each
page's stored record (its "fragment"), and a result's excerpt marks the very words
its stems matched. Each index runs in its own Pagefind process, all at once.

Where a language reads queries its own way (has_engine), its engine (engine.js, and
for Kazakh kazakh.js with the rules) is written into the bundle's pagefind.js, the
file Pagefind's interface loads: the search page downloads no file more than before.

A bundle depends on its language's pages and on this code and Pagefind alone: a
process that builds again (the preview, a program embedding the build) gives `build`
the bundles it made last time (MadeBefore), and a language whose pages did not change
is copied from there instead of being indexed again.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pagefind.service import get_executable

from kazdual.addresses import SEARCH_BUNDLE
from kazdual.files import write_atomically
from kazdual.search import kazakh, pages
from kazdual.search.script import compact

BUNDLE_DIR = SEARCH_BUNDLE
# Pagefind's API, the file its interface loads: where a language has an engine, the engine too.
API_FILE = "pagefind.js"
# What Pagefind's interface reads first: the bundle's languages, each with its page count.
ENTRY_FILE = "pagefind-entry.json"
ENGINE_SOURCE = Path(__file__).with_name("engine.js")
KAZAKH_SOURCE = Path(__file__).with_name("kazakh.js")
ENGLISH_SOURCE = Path(__file__).with_name("english.js")
LATIN_SOURCE = Path(__file__).with_name("latin.js")
# The Kazakh engine's Latin reading, beside pagefind.js: loaded by a query with Latin letters alone.
LATIN_FILE = "kazakh-latin.js"
ENGLISH_RULES = Path(__file__).with_name("english.yml")
KAZAKH = "kk"
ENGLISH = "en"
# A fragment file: this signature, then the page's record as JSON, all gzipped.
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
# The end of Pagefind's pagefind.js: the names it exports. The engine takes the place of two.
_EXPORTS = re.compile(r"export\s*\{([\w\s,]*)\};?\s*$")
_ENGINE_TAKES = ("search", "preload")
# The engine's names beside Pagefind's own, which never use them.
_ENGINE_NAMES = re.compile(r"\b(kazdual|kazakh|british)")


class SearchBundleError(Exception):
    pass


@dataclass(frozen=True)
class Bundle:
    code: str
    output: Path  # the bundle folder in the site
    pages: dict[str, str]  # path below the site root → the page's HTML


async def _index(pages_dir: Path, code: str, output: Path) -> None:
    await _finished(await _started(pages_dir, code, output), code, output)


async def _started(pages_dir: Path, code: str, output: Path) -> asyncio.subprocess.Process:
    """Start indexing the pages of `pages_dir` into the bundle `output`, in a `pagefind` process of its own.

    The command, not Pagefind's Python service: the service stops the indexer as soon as it
    answers that the bundle is written, while its last files may still be on their way to
    the disk (an empty pagefind-entry.json or a missing file, about one build in three on a
    busy machine). The command ends only when every file is written. It is started
    as itself, not as `python -m pagefind`, whose Python start costs more than a small
    site's indexing."""
    command = get_executable()
    if command is None:
        raise SearchBundleError("the pagefind command is missing: install requirements.txt")
    return await asyncio.create_subprocess_exec(
        str(command),
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


async def _finished(process: asyncio.subprocess.Process, code: str, output: Path) -> None:
    told, _ = await process.communicate()
    if process.returncode != 0:
        lines = told.decode("utf-8", "replace").strip().splitlines()
        raise SearchBundleError(lines[-1] if lines else f"pagefind stopped with status {process.returncode}")
    _check_entry(output, code)


def _check_entry(output: Path, code: str) -> None:
    """Refuse a bundle whose entry file names no page: once, on a busy machine, Pagefind
    left pagefind-entry.json empty and still said all went well."""
    try:
        entry = json.loads((output / ENTRY_FILE).read_text(encoding="utf-8"))
        count = entry["languages"][code]["page_count"]
    except (OSError, ValueError, KeyError, TypeError):
        count = 0
    if not isinstance(count, int) or count < 1:
        raise SearchBundleError(f"the {code} search index is incomplete: {ENTRY_FILE} names no page")


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
    plain_bundle = work / "plain-bundle"
    # Pagefind reads the plain copy while the keys are chosen.
    plain_indexing = await _started(plain_pages, bundle.code, plain_bundle)
    try:
        read = {path: pages.Page(html) for path, html in bundle.pages.items()}
        rules = kazakh.rules()
        keys = kazakh.site_keys(word for page in read.values() for word in page.words(rules))
        keyed_pages = work / "keyed"
        _write_pages(keyed_pages, {path: page.keyed(rules, keys) for path, page in read.items()})
        keyed_indexing = await _started(keyed_pages, bundle.code, bundle.output)
    except BaseException:
        plain_indexing.kill()
        await plain_indexing.wait()
        raise
    await asyncio.gather(
        _finished(plain_indexing, bundle.code, plain_bundle),
        _finished(keyed_indexing, bundle.code, bundle.output),
    )
    _show_plain_text(bundle.output, plain_bundle)


def has_engine(code: str) -> bool:
    """Whether language `code` reads queries its own way: Kazakh stems, English spellings."""
    return code in (KAZAKH, ENGLISH)


def engine(code: str) -> str:
    """The search page's engine for language `code`, to follow Pagefind's code in pagefind.js:
    its own search and preload, reading queries as the pages were indexed."""
    settings: dict = {"mark": pages.MARK}
    if code == KAZAKH:
        settings["kazakh"] = kazakh.browser_rules()
        settings["latin"] = f"./{LATIN_FILE}"
        reader = KAZAKH_SOURCE.read_text(encoding="utf-8").replace("export function kazakh(", "function kazakh(")
    else:
        settings["spelling"] = yaml.safe_load(ENGLISH_RULES.read_text(encoding="utf-8"))["spelling"]
        reader = ENGLISH_SOURCE.read_text(encoding="utf-8")
    given = json.dumps(settings, ensure_ascii=False, separators=(",", ":"))
    start = f"const{{search:kazdualSearch,preload:kazdualPreload}}=kazdualEngine(search,preload,{given});"
    return compact(f"{reader}\n{ENGINE_SOURCE.read_text(encoding='utf-8')}\n{start}")


def with_engine(api: str, code: str) -> str:
    """Pagefind's pagefind.js (`api`) with the engine of language `code` in it: Pagefind's
    search and preload become the engine's, what else it exports stays."""
    end = _EXPORTS.search(api)
    if end is None or _ENGINE_NAMES.search(api):
        raise SearchBundleError(f"Pagefind's {API_FILE} does not end as the site's search engine expects")
    exported = [name.strip() for name in end.group(1).split(",") if name.strip()]
    if not set(_ENGINE_TAKES) <= set(exported):
        raise SearchBundleError(f"Pagefind's {API_FILE} exports no {' or '.join(_ENGINE_TAKES)}")
    names = [
        name for name in exported if name not in _ENGINE_TAKES and name not in ("debouncedSearch", "createInstance")
    ]
    names += [f"kazdual{name.title()} as {name}" for name in _ENGINE_TAKES]
    return f"{api[: end.start()].rstrip()};\n{engine(code)}export{{{','.join(names)}}};\n"


def latin_reading() -> str:
    """The Kazakh engine's Latin reading, a module of its own: latin.js and its table."""
    table = json.dumps(kazakh.latin_rules(), ensure_ascii=False, separators=(",", ":"))
    return compact(f"{LATIN_SOURCE.read_text(encoding='utf-8')}\nexport const cyrillic=latinReader({table});")


class MadeBefore:
    """The bundles of the last index run, by a digest of what each was made from. Keeps
    what the last run made or copied, and forgets the rest: one site's worth at most.
    A program may index in threads of its own, hence the lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bundles: dict[str, dict[str, bytes]] = {}

    def take(self, key: str) -> dict[str, bytes] | None:
        with self._lock:
            return self._bundles.get(key)

    def keep(self, used: dict[str, dict[str, bytes]]) -> None:
        with self._lock:
            self._bundles = used

    def remember(self, bundles: list[Bundle]) -> None:
        """Know `bundles` as made, each in its output folder: how an index run in a process of
        its own (the preview's) learns what an earlier build of the site holds."""
        made_by = _made_by()
        self.keep({_made_from(bundle, made_by): _files_of(bundle.output) for bundle in bundles})


def _made_by() -> bytes:
    """What a bundle is made by besides its pages: this package's code and rules, and Pagefind."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.iterdir()):
        if source.suffix in (".py", ".js", ".yml"):
            digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    command = get_executable()
    if command is not None:
        info = os.stat(command)
        digest.update(f"{command}|{info.st_size}|{info.st_mtime_ns}".encode())
    return digest.digest()


def _made_from(bundle: Bundle, made_by: bytes) -> str:
    digest = hashlib.sha256(made_by + bundle.code.encode() + b"\0")
    for path, html in sorted(bundle.pages.items()):
        text = html.encode("utf-8", "surrogatepass")
        digest.update(f"{path}\0{len(text)}\0".encode() + text)
    return digest.hexdigest()


def _files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _copy(files: dict[str, bytes], folder: Path) -> None:
    folder.mkdir(exist_ok=True)  # in the site's folder, which must still be there (a preview may remove it)
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _run_alone(work: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """asyncio.run(work()), in a thread of its own when this one already runs an event loop
    (a program that embeds the build, a test runner)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(work())
        return
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, work()).result()


def build(bundles: list[Bundle], made_before: MadeBefore | None = None) -> None:
    """Index every bundle's pages, each into its own folder, and write its engine into its
    pagefind.js; with `made_before`, a bundle made from the same pages last time is copied."""
    keys: dict[str, str] = {}
    used: dict[str, dict[str, bytes]] = {}
    if made_before is not None:
        made_by = _made_by()
        keys = {bundle.code: _made_from(bundle, made_by) for bundle in bundles}
        for bundle in bundles:
            files = made_before.take(keys[bundle.code])
            if files is not None:
                _copy(files, bundle.output)
                used[keys[bundle.code]] = files
        bundles = [bundle for bundle in bundles if keys[bundle.code] not in used]
    _index_all(bundles)
    if made_before is not None:
        made_before.keep(used | {keys[bundle.code]: _files_of(bundle.output) for bundle in bundles})


def _index_all(bundles: list[Bundle]) -> None:
    if not bundles:
        return
    with tempfile.TemporaryDirectory(prefix="kazdual-search-") as work:

        async def build_all() -> None:
            # The Kazakh bundle's words take a while to read: the other processes start first.
            first = sorted(bundles, key=lambda bundle: bundle.code == KAZAKH)
            await asyncio.gather(*(_build(bundle, Path(work) / bundle.code) for bundle in first))

        _run_alone(build_all)
    for bundle in bundles:
        if has_engine(bundle.code):
            target = bundle.output / API_FILE
            write_atomically(target, with_engine(target.read_text(encoding="utf-8"), bundle.code).encode("utf-8"))
        if bundle.code == KAZAKH:
            write_atomically(bundle.output / LATIN_FILE, latin_reading().encode("utf-8"))
