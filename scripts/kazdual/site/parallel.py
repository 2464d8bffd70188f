"""The published build on every core: the content is judged once, then one process per
language builds that language's pages and indexes them, all at once.

    python -c "$(parallel.COMMAND)" SITE_DIR      # what scripts/build.py runs, from the website's folder

MkDocs with static-i18n builds the languages one after the other in one process, and
the search index of each only after all of them; `mkdocs build --strict` still does,
and gives the same bytes. Here the parent reads and judges the content (a large
site's second half in a worker meanwhile: kazdual.content.halves) and makes the
photos' web versions, then forks: each child inherits what the parent knows and
builds one language as the preview's --lang does. The default language's child also
writes what every language shares (the theme's files, docs/assets, the photos, the
web editor, the sitemap, robots.txt); the others write only below their language's
folder. Each child indexes its own language when its pages are written, while the
others still write theirs, and hands the parent what its pages have: the parent cuts
Material's style sheets to all of them (kazdual.site.stylesheets).
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
COMMAND = "import sys; sys.path.insert(0, 'scripts'); from kazdual.site.parallel import main; main(sys.argv[1:])"


@dataclass(frozen=True)
class Role:
    """What one process of a parallel build does besides its language's pages."""

    language: str
    shares: bool  # writes what every language shares
    used_file: Path  # where it leaves what its pages have, for the style sheets' cut


def _child(config_file: Path, site_dir: Path, role: Role) -> int:
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    from kazdual.preview.builder import one_language
    from kazdual.site.build import PROCESS
    from kazdual.site.publish import cannot_write

    utils.clean_directory = lambda directory: None  # the others write into the same folder
    PROCESS.role = role
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        one_language(config, role.language)
        build(config)
    except (Abort, PluginError) as problem:
        logging.getLogger("mkdocs").error(str(problem))
        return 1
    except OSError as error:
        print(f"error: {cannot_write(error, site_dir)}", file=sys.stderr)
        return 1
    except Exception as error:  # MkDocs has logged where (a page, a template); one line, never a traceback
        logging.getLogger("mkdocs").error(f"the {role.language} pages could not be built: {error}")
        return 1
    return 0


@dataclass(frozen=True)
class _Site:
    languages: list[str]
    theme_dirs: list[str]
    site_url: str


def _prepare(config_file: Path, site_dir: Path) -> _Site | None:
    """Judge the content and make the photos once, before forking; the languages to build and
    the theme's folders, or None when the site cannot be published (the refusal is logged, as
    the hook logs it)."""
    from mkdocs.config import load_config

    from kazdual.content import config as site_config
    from kazdual.site.build import PROCESS, refusal
    from kazdual.strings import strings_for

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    site = site_config.from_mkdocs(config, config_file.parent)
    content = PROCESS.content(site, both_cores=True)  # the languages' processes wait for it
    if content.blocking:
        logging.getLogger("mkdocs").error(str(refusal(content.blocking, "the site cannot be published")))
        return None
    photos = PROCESS.photos_of(site.root)
    for item in content.news(drafts=False):
        for name in item.shown_photos:
            photos.processed(item, name)
    for language in site.languages:
        photos.share(strings_for(language.code)["site_name"], config.site_name)
    return _Site([language.code for language in site.languages], list(config.theme.dirs), site.site_url)


def build_all(config_file: Path, site_dir: Path) -> int:
    """Build every language into `site_dir` at once; 0 when all did."""
    from kazdual.errors import SourceError

    try:
        prepared = _prepare(config_file, site_dir)
    except SourceError as problem:
        logging.getLogger("mkdocs").error(str(problem))
        return 1
    if prepared is None:
        return 1
    with tempfile.TemporaryDirectory(prefix="kazdual-parallel-") as scratch:
        roles = [Role(code, n == 0, Path(scratch) / f"{code}.used") for n, code in enumerate(prepared.languages)]
        # Frozen before the fork, the parent's objects are never visited by a child's collector,
        # which would write to each of them and so copy the whole heap into every child.
        gc.freeze()
        if not _run_children(config_file, site_dir, roles):
            return 1
        return 0 if _cut_stylesheets(roles, prepared, site_dir) else 1


def _run_children(config_file: Path, site_dir: Path, roles: list[Role]) -> bool:
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    for role in roles:
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                status = _child(config_file, site_dir, role)
            finally:
                logging.shutdown()
                os._exit(status)
        children.append(pid)
    failed = False
    try:
        for pid in children:
            _, status = os.waitpid(pid, 0)
            failed = failed or os.waitstatus_to_exitcode(status) != 0
    except KeyboardInterrupt:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in children:
            os.waitpid(pid, 0)
        raise
    return not failed


def _cut_stylesheets(roles: list[Role], site: _Site, site_dir: Path) -> bool:
    from kazdual.site.stylesheets import Cut

    cut = Cut()
    cut.start(site.theme_dirs, site.site_url)
    for role in roles:
        cut.used.update(pickle.loads(role.used_file.read_bytes()))
    if not cut.write(site_dir):
        logging.getLogger("mkdocs").error("a page loads a script from another host, which the site never does")
        return False
    return True


def main(argv: list[str]) -> None:
    raise SystemExit(_main(argv))


def _main(argv: list[str]) -> int:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    signal.signal(signal.SIGTERM, _interrupted)
    from kazdual.site import engine

    engine.use_in_this_process(engine.chosen())  # before anything imports mkdocs
    from kazdual.site.publish import cannot_write

    site_dir = Path(argv[0])
    try:
        return build_all(ROOT / "mkdocs.yml", site_dir)
    except OSError as error:  # what every language shares (photos, their cache) could not be written
        print(f"error: {cannot_write(error, site_dir)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 2


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt
