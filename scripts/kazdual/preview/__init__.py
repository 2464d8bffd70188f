"""The live preview: `python3 scripts/build.py --serve [--lang ru] [--dev-addr HOST:PORT]`.

It builds the site as the published build does, except that unfinished work is
shown (with notices, drafts with a badge) instead of refused; it rebuilds after
every change to what a page is made from, and every open page reloads itself.
When a rebuild fails, every page shows its findings until the next good save.
"""

from __future__ import annotations

import errno
import re
import signal
import socket
import sys
import threading
from pathlib import Path

from kazdual.content import config as site_config
from kazdual.content.fields import safe_line, shown
from kazdual.errors import SourceError
from kazdual.preview.builder import Builder
from kazdual.preview.server import make_server
from kazdual.preview.watcher import Watcher

_ADDRESS = re.compile(r"^(?P<host>\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(?P<port>\d{1,5})$")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _report(builder: Builder) -> None:
    state = builder.state
    if state.problems:
        _say(f"The preview cannot show the site ({len(state.problems)} to fix, listed in the browser):")
        for line in state.problems[:20]:  # a template's or MkDocs' own words may hold anything
            _say(f"  {safe_line(line)}")
    else:
        blocking = sum(1 for f in state.findings if f["blocking"])
        note = f"; {blocking} finding(s) keep it from being published" if blocking else ""
        _say(f"Built in {state.seconds:.1f} s{note}.")


def _stop_on_terminate(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(root: Path, language: str | None, address: str, edit: bool = False) -> int:
    match = _ADDRESS.match(address)
    if not match or not 0 < int(match["port"]) < 65536:
        _say(f"error: --dev-addr must be HOST:PORT, such as 127.0.0.1:8000, not {shown(address)}")
        return 2
    host, port = match["host"].strip("[]"), int(match["port"])
    try:
        languages = site_config.load(root).languages
    except SourceError as problem:
        _say(f"error: {problem}")
        return 2
    if edit:
        from kazdual.admin.vendor import AdminProblem, NotInstalled, check_packages

        try:
            check_packages(root)
        except NotInstalled:
            _say(
                "error: --edit needs the web editor's packages, which are not installed: run `npm ci` first, or "
                "preview without --edit"
            )
            return 2
        except AdminProblem as problem:
            _say(f"error: {problem}")
            return 2
    codes = [lang.code for lang in languages]
    if language is not None and language not in codes:
        _say(f"error: --lang must be one of {', '.join(codes)}, not {shown(language)}")
        return 2
    url_host = f"[{host}]" if ":" in host else host
    builder = Builder(root, language, f"http://{url_host}:{port}/")
    watcher = Watcher(root)
    try:
        server = make_server(host, port, builder, {lang.code: lang.prefix for lang in languages}, watcher.wake.set)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            _say(
                f"error: port {port} on {host} is in use (is another preview running?): stop it, or use another port: "
                f"--dev-addr {url_host}:{port + 1}"
            )
        elif isinstance(error, socket.gaierror) or error.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
            _say(f"error: {host} is not an address of this computer: use --dev-addr 127.0.0.1:{port}")
        else:
            _say(f"error: cannot serve on {host}:{port} ({error.strerror or error}): try --dev-addr 127.0.0.1:8000")
        return 1
    stop = threading.Event()
    signal.signal(signal.SIGTERM, _stop_on_terminate)  # a terminal closed or a test done: clean up as on Ctrl-C
    try:
        watcher.start()
        _say(f"Building the preview{' (' + language + ' only)' if language else ''} …")
        builder.build()
        _report(builder)
        prefixes = {lang.code: lang.prefix for lang in languages}
        start = f"{builder.base_url}{prefixes[language] if language else ''}"
        _say(f"Preview at {start} — it follows every saved change. Stop it with Ctrl-C.")
        if edit:
            _say(
                f"Web editor at {builder.base_url}admin/ (Chrome or Edge): choose “Work with Local Repository” and "
                f"pick the folder {root}"
            )
        threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
        while watcher.next_change(stop):
            builder.build()
            _report(builder)
    except KeyboardInterrupt:
        _say("\nPreview stopped.")
    finally:
        stop.set()
        watcher.stop()
        server.shutdown()
        server.server_close()
        builder.close()
    return 0
