"""The issue-opening step of .github/workflows/scheduled.yml, run as that job runs it:
with the event and the jobs' results GitHub gives it (tests/recorded/, in the shape
GitHub sends them), the logs the failed jobs uploaded, and a stand-in for GitHub's
API over real HTTP on 127.0.0.1 that records every request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / ".github" / "scripts" / "report_failure.py"
RECORDED = Path(__file__).parent / "recorded"
TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a"
REPOSITORY = "kazdual/kazdual.github.io"
LOCKED_TITLE = "Scheduled check: main no longer builds or passes its tests from the locks"
LINKS_TITLE = "Scheduled check: external links are broken"


class FakeGitHub:
    """Answers what the script asks: the open issues, a new issue, a comment."""

    def __init__(self, open_issues: list[dict] | None = None, refuse: int | None = None) -> None:
        self.open_issues = open_issues or []
        self.refuse = refuse
        self.requests: list[dict] = []

    def handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # noqa: A002
                pass

            def _answer(self, status: int, data) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _record(self) -> dict:
                length = int(self.headers.get("Content-Length") or 0)
                sent = json.loads(self.rfile.read(length)) if length else None
                request = {
                    "method": self.command,
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "json": sent,
                }
                fake.requests.append(request)
                return request

            def do_GET(self):
                self._record()
                if fake.refuse:
                    self._answer(fake.refuse, {"message": "Resource not accessible by integration"})
                else:
                    self._answer(200, fake.open_issues)

            def do_POST(self):
                request = self._record()
                if fake.refuse:
                    self._answer(fake.refuse, {"message": "Resource not accessible by integration"})
                elif request["path"].endswith("/comments"):
                    self._answer(201, {"id": 1})
                else:
                    number = 40 + len([r for r in fake.requests if r["method"] == "POST"])
                    self._answer(
                        201, {"number": number, "html_url": f"https://github.com/{REPOSITORY}/issues/{number}"}
                    )

        return Handler


@contextmanager
def serving(fake: FakeGitHub):
    server = ThreadingHTTPServer(("127.0.0.1", 0), fake.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run_report(api: str, logs: Path, needs: str | None = None, **env: str) -> subprocess.CompletedProcess:
    settings = {
        "GITHUB_API_URL": api,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_RUN_ID": "12893514207",
        "GITHUB_EVENT_NAME": "schedule",
        "GITHUB_EVENT_PATH": str(RECORDED / "schedule-event.json"),
        "GITHUB_TOKEN": TOKEN,
        "RESULTS": needs or (RECORDED / "needs-locked-and-links-failed.json").read_text("utf-8"),
        **env,
    }
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--logs", str(logs)],
        capture_output=True,
        text=True,
        env=dict(inherited, **settings),
        timeout=60,
    )


@pytest.fixture
def logs(tmp_path) -> Path:
    """The failed jobs' artifacts, merged as download-artifact leaves them."""
    folder = tmp_path / "logs"
    (folder / "checks").mkdir(parents=True)
    build = [f"INFO    -  Building page {n}" for n in range(400)]
    (folder / "checks" / "build.log").write_text("\n".join(build) + "\nBuilt the site into site\n", "utf-8")
    (folder / "checks" / "test.log").write_text(
        "tests/test_site.py::test_feed PASSED\n"
        "FAILED tests/test_browser.py::test_every_page_passes_axe[ru-about] - chromium exited\n"
        "1 failed, 480 passed in 312.40s\n",
        "utf-8",
    )
    (folder / "links").mkdir()
    (folder / "links" / "links.md").write_text(
        "## Errors per input\n\n### Errors in site/ru/consortium/index.html\n\n"
        "* [404] <https://www.ovgu.de/old-page> | Rejected status code: 404 Not Found\n",
        "utf-8",
    )
    return folder


def test_each_failed_check_opens_an_issue_with_the_end_of_its_log(logs):
    fake = FakeGitHub()
    with serving(fake) as api:
        result = run_report(api, logs)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"opened issue #41: {LOCKED_TITLE}", f"opened issue #42: {LINKS_TITLE}"]
    assert [(r["method"], r["path"]) for r in fake.requests] == [
        ("GET", f"/repos/{REPOSITORY}/issues?state=open&per_page=100&sort=created&direction=desc"),
        ("POST", f"/repos/{REPOSITORY}/issues"),
        ("GET", f"/repos/{REPOSITORY}/issues?state=open&per_page=100&sort=created&direction=desc"),
        ("POST", f"/repos/{REPOSITORY}/issues"),
    ]
    for request in fake.requests:
        assert request["headers"]["authorization"] == f"Bearer {TOKEN}"
        assert request["headers"]["accept"] == "application/vnd.github+json"
        assert request["headers"]["x-github-api-version"] == "2022-11-28"
    locked, links = (r["json"] for r in fake.requests if r["method"] == "POST")
    assert locked["title"] == LOCKED_TITLE
    text = locked["body"]
    assert "started by the schedule `17 4 * * 1`" in text
    assert f"https://github.com/{REPOSITORY}/actions/runs/12893514207" in text
    assert "FAILED tests/test_browser.py::test_every_page_passes_axe[ru-about] - chromium exited" in text
    assert "### test.log" in text and "### build.log" in text
    # The end of a long log, where the failure is, and a word that the start was left out.
    assert "Building page 399" in text and "Building page 100\n" not in text
    assert "(251 earlier lines left out)" in text
    assert links["title"] == LINKS_TITLE and "https://www.ovgu.de/old-page" in links["body"]
    assert TOKEN not in result.stdout + result.stderr


def test_a_check_with_an_open_issue_adds_a_comment_instead(logs):
    fake = FakeGitHub(
        open_issues=[
            {"number": 7, "title": LINKS_TITLE, "pull_request": {"url": "…"}},  # a pull request of that name
            {"number": 9, "title": LINKS_TITLE},
            {"number": 3, "title": "Another issue"},
        ]
    )
    with serving(fake) as api:
        result = run_report(api, logs)
    assert result.returncode == 0, result.stderr
    assert f"added to issue #9: {LINKS_TITLE}" in result.stdout.splitlines()
    posts = [r for r in fake.requests if r["method"] == "POST"]
    assert [r["path"] for r in posts] == [f"/repos/{REPOSITORY}/issues", f"/repos/{REPOSITORY}/issues/9/comments"]
    assert set(posts[1]["json"]) == {"body"} and "https://www.ovgu.de/old-page" in posts[1]["json"]["body"]


def test_a_log_cannot_break_out_of_its_code_block_or_notify_anyone(logs):
    (logs / "checks" / "test.log").write_text("```\n## Owned\n@kazdual-maintainers look\n`````\n", "utf-8")
    fake = FakeGitHub()
    with serving(fake) as api:
        assert run_report(api, logs).returncode == 0
    text = fake.requests[1]["json"]["body"]
    block = text.split("### test.log\n\n", 1)[1]
    fence = block.split("text\n", 1)[0]
    assert fence == "`" * 6
    assert block.split("\n", 1)[1].split("\n" + fence)[0] == "```\n## Owned\n@kazdual-maintainers look\n`````"


def test_huge_logs_still_fit_in_an_issue(logs):
    for n in range(30):
        (logs / "checks" / f"step{n:02}.log").write_text(("x" * 1000 + "\n") * 500, "utf-8")
    fake = FakeGitHub()
    with serving(fake) as api:
        assert run_report(api, logs).returncode == 0
    text = fake.requests[1]["json"]["body"]
    assert len(text) <= 65_536
    assert "The other logs are too long for an issue: see https://github.com/" in text


def test_a_failure_that_left_no_log_says_where_to_look(tmp_path):
    fake = FakeGitHub()
    needs = json.dumps(
        {"locked": {"result": "success"}, "newest": {"result": "failure"}, "links": {"result": "skipped"}}
    )
    with serving(fake) as api:
        result = run_report(api, tmp_path / "nothing-downloaded", needs=needs)
    assert result.returncode == 0, result.stderr
    assert "No step left a log of its own" in fake.requests[1]["json"]["body"]


def test_a_run_started_by_hand_names_who_started_it(logs, tmp_path):
    event = json.loads((RECORDED / "schedule-event.json").read_text("utf-8"))
    del event["schedule"]
    event["inputs"] = {"monthly": "true"}
    event["sender"]["login"] = "editor-aigerim"
    path = tmp_path / "dispatch.json"
    path.write_text(json.dumps(event), "utf-8")
    fake = FakeGitHub()
    with serving(fake) as api:
        assert run_report(api, logs, GITHUB_EVENT_NAME="workflow_dispatch", GITHUB_EVENT_PATH=str(path)).returncode == 0
    assert "started by editor-aigerim, by hand" in fake.requests[1]["json"]["body"]


def test_nothing_failed_nothing_is_asked(logs):
    fake = FakeGitHub()
    needs = json.dumps({name: {"result": "success"} for name in ("locked", "newest", "links")})
    with serving(fake) as api:
        result = run_report(api, logs, needs=needs)
    assert result.returncode == 0 and fake.requests == []


def test_github_refusing_gets_one_line_and_no_token(logs):
    fake = FakeGitHub(refuse=403)
    with serving(fake) as api:
        result = run_report(api, logs)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: GitHub refused GET /repos/{REPOSITORY}/issues: 403 Resource not accessible by integration"
    )
    assert TOKEN not in result.stdout + result.stderr


def test_github_out_of_reach_gets_one_line(logs):
    with serving(FakeGitHub()) as api:
        pass  # the server is closed again: nothing listens there now
    result = run_report(api, logs)
    assert result.returncode == 1 and result.stderr.startswith("error: GitHub could not be reached (")
    assert "Traceback" not in result.stderr


def test_outside_a_github_job_it_says_what_is_missing(logs):
    result = run_report("http://127.0.0.1:9", logs, GITHUB_TOKEN="")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: GITHUB_TOKEN is not set: this runs in a GitHub Actions job"
