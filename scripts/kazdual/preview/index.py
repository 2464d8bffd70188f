"""The preview's search index, in a process of its own: the preview starts it once the
editor has paused, and stops it (its whole process group, Pagefind's too) as soon as
the next build begins, so that indexing pages about to be replaced never takes the
CPU, or the interpreter's lock, from the build the editor waits for.

A language whose pages are those of the last build indexed (`before`) has its bundle
copied from there, as the published build's next run would copy it.

    python -m kazdual.preview.index SITE_DIR '{"built": ["ru"], "languages": [...], "before": null}'
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from kazdual.languages import Language
from kazdual.search.bundle import BUNDLE_DIR

SCRIPTS_DIR = Path(__file__).resolve().parents[2]  # the folder kazdual is imported from
NICENESS = 10  # what the build leaves of the CPU is enough


def start(site_dir: Path, built: list[Language], languages: list[Language], before: Path | None) -> subprocess.Popen:
    """Index `built` in `site_dir`, in a process group of its own (see `stop`)."""
    order = {
        "before": str(before) if before else None,
        "built": [language.code for language in built],
        "languages": [{"code": lang.code, "label": lang.label, "is_default": lang.is_default} for lang in languages],
    }
    return subprocess.Popen(
        [sys.executable, "-m", "kazdual.preview.index", str(site_dir), json.dumps(order)],
        env=dict(
            os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SCRIPTS_DIR), os.environ.get("PYTHONPATH")]))
        ),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    """Ask the index and its Pagefind processes to end now; whoever waits for it reaps it."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):  # already gone
        pass


def _leave(signum, frame) -> None:
    raise SystemExit(1)  # its temporary folder is removed on the way out


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, _leave)
    os.nice(NICENESS)
    from kazdual.site.search_index import build_search_index, indexed_in

    site_dir, order = Path(argv[0]), json.loads(argv[1])
    languages = [Language(**entry) for entry in order["languages"]]
    built = [language for language in languages if language.code in order["built"]]
    for language in built:  # what an index stopped half-way left
        shutil.rmtree(site_dir / language.prefix / BUNDLE_DIR, ignore_errors=True)
    try:
        made_before = indexed_in(Path(order["before"]), built, languages) if order["before"] else None
    except (OSError, ValueError):  # removed or replaced meanwhile: every language is indexed
        made_before = None
    try:
        build_search_index(site_dir, built, languages, made_before)
    except Exception as error:  # the indexer's own errors vary: one line for the preview to tell
        print(" ".join(str(error).split()) or type(error).__name__, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
