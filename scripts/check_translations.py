"""Check the website's pages and news: present, finished and current in every language.

Usage: python3 scripts/check_translations.py [--root DIR] [--format text|json|markdown]
                                             [--lang kk|ru|en] [--stamp PATH ...] [--kinds]

Prints one `path:line: what to fix` per finding, then the coverage matrix (each
page and news item in each language) and a summary. A finding is blocking (the
published build refuses it too) or advisory (marked so; publishing goes on).
`--kinds` lists every kind of finding and which it is. `--lang` chooses the language
of the messages (`path:line:` stays in front, the same in every language); without it,
the system's language when the site has it (LANG, LC_ALL, LC_MESSAGES; Windows' own
setting), else English, as CI logs have it.

Each translation records the text it was made from: `translated_from: kk:1a2b3c4d5e6f`
in its front matter. When that text changes, the translation is reported outdated.
After bringing a translation up to date, record it with `--stamp FILE`; a folder
(a news item, docs, news) asks about each translation in it that needs a stamp.

Exit status: 0 nothing blocks publishing; 1 blocking findings; 2 bad usage, a
refused --stamp (nothing is written then) or an interruption.
"""

from __future__ import annotations

import argparse
import codecs
import locale
import os
import stat
import sys
from pathlib import Path

import local_env  # beside this script: the standard library only

if __name__ == "__main__":
    # Run with a plain python3: make or reuse .venv and rerun this script in it,
    # before the imports below need what it installs.
    local_env.ensure("requirements.txt")

from kazdual import files, translation_report  # noqa: E402
from kazdual.content import KINDS, Content, config, load, source  # noqa: E402
from kazdual.content.messages import ENGLISH  # noqa: E402
from kazdual.content.stamping import StampRefused, with_stamp  # noqa: E402
from kazdual.content.translation import stamp_for  # noqa: E402
from kazdual.errors import SourceError, UsageError  # noqa: E402

REPOSITORY = local_env.ROOT
FORMATS = {"text": translation_report.text, "json": translation_report.as_json, "markdown": translation_report.markdown}
_NEEDS_STAMP = {"unstamped", "outdated", "stamp"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Check the translations of the website's pages and news.",
        epilog="Exit status: 0 nothing blocks publishing, 1 blocking findings, 2 bad usage or refused --stamp.",
    )
    parser.add_argument("--root", type=Path, default=REPOSITORY, help="the website's folder (default: this repository)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    parser.add_argument(
        "--stamp",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="record that these translations are up to date with their source",
    )
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help="the language of the messages: a language of the site, such as kk, ru or en (default: the system's, "
        "else English)",
    )
    parser.add_argument(
        "--kinds", action="store_true", help="list the kinds of finding, blocking or advisory, and stop"
    )
    return parser


def _locate(root: Path, given: str) -> str:
    """A --stamp PATH as shown in findings (relative to the website's folder)."""
    for candidate in [Path(given)] if Path(given).is_absolute() else [root / given, Path.cwd() / given]:
        try:
            found = candidate.exists()
        except OSError:  # a name too long for the system: no file can have it
            found = False
        if found:
            resolved = candidate.resolve()
            if resolved != root and root not in resolved.parents:
                raise UsageError(f"{given}: --stamp takes a file or folder inside {root}")
            return resolved.relative_to(root).as_posix()
    raise UsageError(f"{given}: no such file or folder")


def _translations(content: Content):
    for item in content.items:
        for text in item.texts.values():
            if text.language != item.source:
                yield item, text


def _ask(question: str) -> bool:
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes", "д", "да", "и", "иә")


def _targets(root: Path, content: Content, given: str, interactive: bool) -> list:
    shown = _locate(root, given)
    if (root / shown).is_file():
        for item, text in _translations(content):
            if text.path == shown:
                return [(item, text)]
        if any(shown in (t.path for t in item.texts.values()) for item in content.items):
            raise UsageError(f"{shown}:1: this is the source text: stamp its translations instead")
        raise UsageError(f"{shown}:1: not the text of a page or news item: --stamp takes a translation")
    inside = "" if shown == "." else shown + "/"
    due = [
        (item, text)
        for item, text in _translations(content)
        if text.path.startswith(inside)
        and any(f.path == text.path and f.kind in _NEEDS_STAMP for f in content.findings)
    ]
    if due and not interactive:
        names = " ".join(text.path for _, text in due)
        raise UsageError(
            f"{shown} holds {len(due)} translation(s) to stamp; name the ones you brought up to date: --stamp {names}"
        )
    return [
        (item, text) for item, text in due if _ask(f"Is {text.path} up to date with {item.entry.path(item.source)}?")
    ]


def _refusal(content: Content, item, text) -> str | None:
    """Why `text` cannot be stamped, as a finding line; None when it can."""
    if item.source is None:
        return f"{text.path}:1: cannot stamp: there is no source text to translate from"
    if text.document is None or item.texts[item.source].document is None:
        return f"{text.path}:1: cannot stamp: it or its source cannot be read (see the findings)"
    blocking = [f for f in content.findings if f.path == text.path and f.blocking]
    if blocking:
        return f"{blocking[0]}  (fix this first)"
    return None


def _as_saved(root: Path, path: str, read: str, stamped: str) -> bytes:
    """`stamped` encoded as the file is (a byte-order mark kept); UsageError when the file
    is no longer the text that was read: an editor saved it meanwhile, and writing the
    stamp would throw that edit away."""
    try:
        data = source.read_bytes(root, path)
        unchanged = source.decode(path, data) == read
    except source.SourceProblem:
        unchanged = False
    if not unchanged:
        raise UsageError(
            f"{path}:1: the file changed while it was being stamped (is it open in an editor?): save it, then stamp "
            "again\nnothing was stamped"
        )
    return (codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b"") + stamped.encode("utf-8")


def stamp(root: Path, content: Content, paths: list[str], interactive: bool = False) -> list[str]:
    """Stamp the translations at `paths`; lines saying what was stamped. Nothing is written unless all can be."""
    targets = {}
    for given in paths:
        for item, text in _targets(root, content, given, interactive):
            targets[text.path] = (item, text)
    refusals = [r for r in (_refusal(content, *target) for target in targets.values()) if r]
    if refusals:
        raise UsageError("\n".join(refusals + ["nothing was stamped"]))
    read_only = [path for path in sorted(targets) if not (root / path).stat().st_mode & stat.S_IWUSR]
    if read_only:
        lines = [f"{path}:1: the file is marked read-only: make it writable, then stamp again" for path in read_only]
        raise UsageError("\n".join(lines + ["nothing was stamped"]))
    changes, done = {}, []
    for path, (item, text) in sorted(targets.items()):
        value = str(stamp_for(item.entry, text, item.texts, item.source))
        try:
            new = with_stamp(path, text.document.text, value)
        except StampRefused as refused:
            raise UsageError(f"{refused}\nnothing was stamped") from None
        if new == text.document.text:
            done.append(f"already current: {path}")
            continue
        changes[root / path] = _as_saved(root, path, text.document.text, new)
        done.append(f"stamped {path}: translated_from: {value}")
    files.write_all(changes)
    return done or ["nothing to stamp there: every translation is already current"]


def _shown_path(root: Path, filename) -> str:
    """A file the system named, as findings name it (relative to the website's folder)."""
    if not filename:
        return "a file"
    path = Path(filename)
    try:
        return path.resolve().relative_to(root).as_posix()
    except (OSError, ValueError):
        return str(path)


def _system_language() -> str:
    """The language the computer speaks, as a two-letter code ("" when it says none)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name):
            return os.environ[name].split("_")[0].split(".")[0].lower()
    named = (locale.getlocale()[0] or "").lower()  # Windows says "Russian_Russia", "Kazakh_Kazakhstan"
    return {"kazakh": "kk", "russian": "ru", "english": "en"}.get(named.split("_")[0], named[:2])


def message_language(given: str | None, codes: list[str]) -> str:
    """--lang, else the system's language when the site has it, else English."""
    if given is not None:
        if given not in codes:
            from kazdual.content.tree import COUNTRY_CODES

            meant = COUNTRY_CODES.get(given.lower())
            hint = f" ({given} is a country's code; the language's is {meant})" if meant in codes else ""
            raise UsageError(f"--lang must be one of {', '.join(codes)}, not {given!r}{hint}")
        return given
    system = _system_language()
    return system if system in codes else ENGLISH


def _kinds() -> str:
    return (
        "\n".join(f"{'blocking' if k.blocking else 'advisory'}  {k.name:<13} {k.what}" for k in KINDS.values()) + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit:  # argparse has printed the usage and the problem
        return 2 if exit.code else 0
    if args.kinds:
        sys.stdout.write(_kinds())
        return 0
    root = args.root.resolve()
    try:
        site = config.load(root)
        language = message_language(args.lang, [lang.code for lang in site.languages])
        content = load(site)
        if args.stamp:
            print("\n".join(stamp(root, content, args.stamp, sys.stdin.isatty())), file=sys.stderr)
            content = load(site)
    except (UsageError, SourceError) as problem:
        print(problem, file=sys.stderr)
        return 2
    except OSError as problem:
        where = _shown_path(root, problem.filename)
        if problem.errno in files.CANNOT_WRITE:
            print(f"error: {files.cannot_write(problem, where)}; nothing was stamped", file=sys.stderr)
        else:
            print(f"cannot read or write the website's files: {where}: {problem.strerror or problem}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, EOFError):
        print("\nstopped: nothing was written", file=sys.stderr)
        return 2
    sys.stdout.write(FORMATS[args.format](content, language))
    return 1 if content.blocking else 0


if __name__ == "__main__":
    local_env.run(main)
