"""Running the live preview in a test: `python3 scripts/build.py --serve` in a copy of
the website, exactly as an editor starts it, and asking it over real HTTP."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

WAIT_SECONDS = 60  # the longest a preview may take to start or to follow an edit here


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def link_venv(project: Path) -> Path:
    """The copy uses the website's own environment: nothing is installed again."""
    venv = project / ".venv"
    if not venv.exists():
        venv.symlink_to(Path(sys.prefix).resolve(), target_is_directory=True)
    return venv / "bin" / "python"


class Preview:
    def __init__(self, project: Path, *args: str, port: int | None = None, host: str = "127.0.0.1") -> None:
        self.project, self.port, self.host = project, port or free_port(), host
        address = f"[{host}]" if ":" in host else host
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        self.process = subprocess.Popen(
            [str(link_venv(project)), "scripts/build.py", "--serve", "--dev-addr", f"{address}:{self.port}", *args],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def get(self, path: str) -> tuple[int, str, dict]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders())
        finally:
            connection.close()

    def status(self) -> dict:
        return json.loads(self.get("/__preview__/status")[1])

    def wait_ready(self) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("the preview stopped:\n" + self.process.stderr.read())
            try:
                if self.status()["generation"] >= 1:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("the preview did not start")

    def wait_for(self, path: str, condition, what: str) -> tuple[int, str]:
        """Poll `path` until `condition(status, body)`, and give that status and body."""
        started = time.monotonic()
        while time.monotonic() - started < WAIT_SECONDS:
            status, body, _ = self.get(path)
            if condition(status, body):
                return status, body
            time.sleep(0.1)
        raise AssertionError(f"{what}: {path} still answers {status}:\n{body[:2000]}")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        err = self.process.stderr.read()
        self.process.stdout.close()
        self.process.stderr.close()
        return err
