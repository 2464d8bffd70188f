"""Check that every page and news item of the website is present, finished and current in every language.

Usage: python scripts/check_translations.py [--root DIR] [--format text|json|markdown] [--stamp PATH ...]

Looks at docs/<name>.<lang>.md and news/YYYY-MM-DD-slug/index.<lang>.md for the
languages in mkdocs.yml, and prints one `path:line: message` per thing to fix,
then a coverage matrix (each page and news item in each language) and a summary.

Each translation records the text it was made from, in its front matter:
`translated_from: kk:1a2b3c4d5e6f` (the source's language and a hash of its
text). When the source changes, its translations are reported outdated.
After checking a translation against its source, record that with
`--stamp PATH` (a translation, a news item's folder, or all of docs or news);
the check then runs as usual.

Exit status: 0 when everything is in order, 1 when there are findings,
2 for bad usage or a refused --stamp (nothing is written then).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __name__ == "__main__":
    # Run with a plain python3: make or reuse .venv and rerun this script in it,
    # before the imports below need what it installs.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import local_env

    local_env.ensure("requirements.txt")

from kazdual import stamps, translation_report  # noqa: E402
from kazdual.errors import SourceError
from kazdual.languages import site_languages
from kazdual.translations import EntryReport, Report, Text, check

REPOSITORY = Path(__file__).resolve().parent.parent
FORMATS = {
    "text": translation_report.text,
    "json": translation_report.as_json,
    "markdown": translation_report.markdown,
}


class UsageError(Exception):
    """The command cannot run as asked: exit 2, and say why."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Check the translations of the website's pages and news.",
        epilog="Exit status: 0 complete, 1 findings, 2 bad usage or refused --stamp.",
    )
    parser.add_argument("--root", type=Path, default=REPOSITORY, help="the website's folder (default: this repository)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    parser.add_argument(
        "--stamp",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="record that these translations match their source (a file, a news item's folder, docs, news)",
    )
    return parser


def _locate(root: Path, given: str) -> Path:
    """A --stamp PATH, relative to the website's folder or else to the current one."""
    candidates = [Path(given)] if Path(given).is_absolute() else [root / given, Path.cwd() / given]
    for candidate in candidates:
        if candidate.exists():
            resolved = candidate.resolve()
            if resolved != root and root not in resolved.parents:
                raise UsageError(f"{given}: --stamp takes a file or folder inside {root}")
            return resolved
    raise UsageError(f"{given}: no such file or folder")


def _targets(root: Path, report: Report, given: str) -> list[tuple[EntryReport, Text]]:
    place = _locate(root, given)
    shown = place.relative_to(root).as_posix()
    if place.is_file():
        for entry in report.entries:
            for text in entry.texts.values():
                if text.path == shown:
                    if text.language == entry.source:
                        raise UsageError(f"{shown}:1: cannot stamp the source text: stamp its translations instead")
                    return [(entry, text)]
        raise UsageError(f"{shown}:1: not the text of a page or news item: --stamp takes a translation, a news item's folder, docs or news")
    inside = "" if shown == "." else shown + "/"
    return [
        (entry, text)
        for entry in report.entries
        for text in entry.texts.values()
        if text.path.startswith(inside) and text.language != entry.source
    ]


def _refusal(report: Report, entry: EntryReport, text: Text) -> str | None:
    """Why `text` cannot be stamped, as a finding line; None when it can."""
    if entry.source is None:
        return f"{text.path}:1: cannot stamp: there is no source text to translate from"
    if text.document is None:
        return f"{text.path}:1: cannot stamp: the file cannot be read (see the finding for it)"
    if entry.texts[entry.source].document is None:
        return f"{text.path}:1: cannot stamp: its source {entry.entry.path(entry.source)} cannot be read"
    unfinished = [f for f in report.findings if f.path == text.path and f.kind == "unfinished"]
    if unfinished:
        return f"{text.path}:{unfinished[0].line}: cannot stamp unfinished text: {unfinished[0].message}"
    return None


def _stamp_for(entry: EntryReport, text: Text) -> stamps.Stamp:
    # A translation made from another translation keeps naming it; any other is
    # stamped against the source.
    named = text.stamp.language if text.stamp else None
    language = entry.source
    if named and named != text.language and named in entry.texts and entry.texts[named].document:
        language = named
    return stamps.Stamp(language, entry.source_hash(language))


def stamp(root: Path, report: Report, paths: list[str]) -> list[str]:
    """Stamp the translations at `paths`; lines saying what was stamped. Nothing is written unless all can be."""
    targets: dict[str, tuple[EntryReport, Text]] = {}
    for given in paths:
        for entry, text in _targets(root, report, given):
            targets[text.path] = (entry, text)
    refusals = [r for r in (_refusal(report, *target) for target in targets.values()) if r]
    if refusals:
        raise UsageError("\n".join(refusals + ["nothing was stamped: finish these texts first"]))
    done = []
    for path, (entry, text) in sorted(targets.items()):
        value = _stamp_for(entry, text)
        file = root / path
        old = text.document.text
        new = stamps.with_stamp(old, value)
        if new == old:
            done.append(f"already stamped {path}: {stamps.KEY}: {value}")
            continue
        file.write_bytes(new.encode("utf-8"))
        done.append(f"stamped {path}: {stamps.KEY}: {value}")
    return done or [f"nothing to stamp in {', '.join(paths)}: no translations there"]


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # argparse has printed the usage and the problem
        return int(exit.code or 0)
    root = args.root.resolve()
    try:
        if not (root / "mkdocs.yml").is_file() or not (root / "docs").is_dir():
            raise UsageError(f"{args.root}: not the website's folder (no mkdocs.yml and docs/ there): give it with --root")
        languages = site_languages(root)
        report = check(root, languages)
        if args.stamp:
            print("\n".join(stamp(root, report, args.stamp)), file=sys.stderr)
            report = check(root, languages)
    except UsageError as problem:
        print(problem, file=sys.stderr)
        return 2
    except SourceError as problem:  # mkdocs.yml does not say which languages the site has
        print(problem, file=sys.stderr)
        return 2
    except OSError as problem:
        print(f"cannot read the website's files: {problem}", file=sys.stderr)
        return 2
    sys.stdout.write(FORMATS[args.format](report))
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stderr.reconfigure(encoding="utf-8")
    raise SystemExit(main())
