"""Build the website into site/, or preview it while you edit.

    python3 scripts/build.py                     # strict build of every language into site/
    python3 scripts/build.py --output DIR        # into another folder
    python3 scripts/build.py --serve             # live preview at http://127.0.0.1:8000/
    python3 scripts/build.py --serve --lang ru   # preview one language, at its published address
    python3 scripts/build.py --serve --edit      # and edit in the browser, at /admin/ (needs `npm ci`)
    SITE_ENGINE=properdocs python3 scripts/build.py   # built by ProperDocs instead of MkDocs: the same bytes

A build goes to a hidden folder beside the output first and takes the output's
place in one step when it succeeded: the output always holds the old site or the
new one. Exit status: 0 built; 1 the build failed (the old site is kept); 2 bad
usage or an interruption.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402

ROOT = local_env.ROOT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true", help="preview with live reload instead of building")
    parser.add_argument("--lang", help="preview only this language (with --serve)")
    parser.add_argument(
        "--edit",
        action="store_true",
        help="also serve the web editor at /admin/ for this folder (with --serve; needs `npm ci`)",
    )
    parser.add_argument(
        "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address of the preview (with --serve)"
    )
    parser.add_argument(
        "--output", type=Path, default=ROOT / "site", metavar="DIR", help="where the built site goes (default: site/)"
    )
    return parser


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


def _run(command: list[str], env: dict) -> int:
    """Run MkDocs; when this build is stopped, stop it too before its folder is removed."""
    child = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        return child.wait()
    except KeyboardInterrupt:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        raise


def build(output: Path) -> int:
    from kazdual.content.config import check_environment
    from kazdual.errors import SourceError
    from kazdual.site import engine, parallel, publish

    for signum in publish.INTERRUPTIONS - {signal.SIGINT}:  # `kill` or a closed terminal stops it as Ctrl-C does
        signal.signal(signum, _interrupted)
    output = output.absolute()
    try:
        check_environment()
        builder = engine.chosen()
    except SourceError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    staging = None
    try:
        try:
            publish.check_output(output, ROOT)
            publish.remove_stale(output.parent)
            staging = publish.staging_for(output)
        except publish.PublishError as problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        except OSError as problem:  # a name too long, a folder no one may write in
            print(
                f"error: cannot build the site into {output} ({problem.strerror or problem}): choose another --output",
                file=sys.stderr,
            )
            return 2
        # Every language at once, one process each (kazdual.site.parallel); `mkdocs build --strict
        # --site-dir DIR` builds the same bytes one language after the other.
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        command = [sys.executable, "-c", parallel.COMMAND, str(staging)]
        if _run(command, env) != 0:
            print(f"The build failed: {output.name}/ was left as it was.", file=sys.stderr)
            return 1
        publish.mark(staging)
        publish.replace(output, staging)
    except publish.PublishError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\nstopped: {output.name}/ was left as it was", file=sys.stderr)
        return 2
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    print(f"Built the site into {output} with {engine.described(builder)}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return 2 if exit.code else 0
    if args.serve:
        from kazdual.errors import SourceError
        from kazdual.site import engine

        try:
            engine.use_in_this_process(engine.chosen())
        except SourceError as problem:
            print(f"error: {problem}", file=sys.stderr)
            return 1
        from kazdual.preview import serve

        return serve(ROOT, args.lang, args.dev_addr, edit=args.edit)
    if args.lang or args.edit:
        print(
            "error: --lang and --edit go with --serve (the preview); a published build has every language",
            file=sys.stderr,
        )
        return 2
    return build(args.output)


if __name__ == "__main__":
    try:
        local_env.ensure("requirements.txt")
    except KeyboardInterrupt:
        print("\nstopped while installing: run the command again", file=sys.stderr)
        raise SystemExit(2) from None
    local_env.run(main)
