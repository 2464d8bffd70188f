"""Open an issue for each scheduled check that failed, with the end of its log.

    python3 .github/scripts/report_failure.py --logs DIR

Run by the last job of .github/workflows/scheduled.yml. It reads what GitHub gives
a step: the results of the jobs before it (RESULTS, `toJSON(needs)`), the event
(GITHUB_EVENT_PATH), the repository and run (GITHUB_REPOSITORY, GITHUB_RUN_ID,
GITHUB_SERVER_URL), the API's address (GITHUB_API_URL) and the job's token
(GITHUB_TOKEN, allowed `issues: write`). The logs are the artifacts the failed
jobs uploaded, merged: a folder per job (checks/, engines/, newest/, links/),
each file in it the output of one step.

One issue per kind of failure: while one is open, a new failure of that kind is
a comment on it, so a weekly failure does not pile up issues. Standard library
only: the job installs nothing. Exit status: 0 reported (or nothing failed); 1
GitHub refused or could not be reached; 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Check:
    title: str
    what: str
    todo: str
    logs: tuple[str, ...]  # the folders of its logs, one per job


# The jobs of scheduled.yml, by id.
CHECKS = {
    "locked": Check(
        "Scheduled check: main no longer builds or passes its tests from the locks",
        "The site was built and tested from the locked packages, as every pull request is, and failed.",
        "Nothing in the repository changed for this: something around it did (the runner's image, its browser, "
        "a package file withdrawn from PyPI or npm). The log below names the step; fix it before the next "
        "change needs the checks.",
        ("checks", "engines"),
    ),
    "newest": Check(
        "Scheduled check: the newest releases of the dependencies break the site",
        "The site was built and tested with the newest release of every Python dependency "
        "(`scripts/lock.py --newest`), and failed.",
        "The locks still build the site: nothing is broken today. The versions that moved are at the top of "
        "`lock.log`; find the release that breaks it, then adapt the site or keep that package below it in "
        "requirements.in (and in dependabot.yml's `ignore`), before Dependabot proposes it.",
        ("newest",),
    ),
    "links": Check(
        "Scheduled check: external links are broken",
        "Every link to another website was tried online, and some did not answer.",
        "The report below lists each broken link and the page it is on. Fix or remove it in docs/ or news/; "
        "a site that is only down for a while answers again next month.",
        ("links",),
    ),
}
LOG_LINES = 150  # the end of each log: where the failure is
LINE_CHARS = 400
BODY_CHARS = 60_000  # GitHub takes 65,536 characters in an issue body


class Refused(Exception):
    """GitHub's API said no, or could not be reached: one line saying which."""


def failed(results: dict) -> list[str]:
    """The checks whose job failed, in the order of CHECKS."""
    return [name for name in CHECKS if (results.get(name) or {}).get("result") == "failure"]


def _fenced(text: str) -> str:
    """`text` as a code block that nothing in it can close, and where no @name notifies anyone."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _tail(file: Path) -> str:
    lines = file.read_text("utf-8", "replace").splitlines()
    shown = [line if len(line) <= LINE_CHARS else line[:LINE_CHARS] + " …" for line in lines[-LOG_LINES:]]
    cut = f"… ({len(lines) - LOG_LINES} earlier lines left out)\n" if len(lines) > LOG_LINES else ""
    return cut + "\n".join(shown)


def log_files(check: Check, logs: Path) -> list[Path]:
    return sorted(
        file for name in check.logs if (logs / name).is_dir() for file in (logs / name).rglob("*") if file.is_file()
    )


def body(name: str, event_name: str, event: dict, logs: Path, run_url: str) -> str:
    check = CHECKS[name]
    started = f"the schedule `{event['schedule']}`" if event.get("schedule") else f"a `{event_name}` event"
    if event_name == "workflow_dispatch":
        started = f"{(event.get('sender') or {}).get('login', 'someone')}, by hand"
    parts = [
        f"The scheduled checks of `main`, started by {started}, failed: {run_url}",
        f"**What failed:** {check.what}",
        f"**What to do:** {check.todo}",
    ]
    files = log_files(check, logs)
    if not files:
        parts.append("No step left a log of its own: the run's page shows which step failed and why.")
    for file in files:
        section = f"### {file.name}\n\n{_fenced(_tail(file))}"
        if sum(map(len, parts)) + len(section) > BODY_CHARS:
            parts.append(f"The other logs are too long for an issue: see {run_url}")
            break
        parts.append(section)
    return "\n\n".join(parts) + "\n"


class GitHub:
    def __init__(self, api: str, repository: str, token: str) -> None:
        self.base = f"{api.rstrip('/')}/repos/{repository}"
        self.token = token

    def call(self, method: str, path: str, data: dict | None = None):
        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=json.dumps(data).encode() if data is not None else None,
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "kazdual-scheduled-checks",
                **({"Content-Type": "application/json"} if data is not None else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            said = error.read().decode("utf-8", "replace")
            try:
                said = json.loads(said).get("message", said)
            except (ValueError, AttributeError):
                pass
            shown = (self.base + path).split("?")[0].split("://", 1)[-1].split("/", 1)[-1]
            raise Refused(f"GitHub refused {method} /{shown}: {error.code} {said}"[:300]) from None
        except (urllib.error.URLError, OSError) as error:
            raise Refused(f"GitHub could not be reached ({getattr(error, 'reason', error)})") from None

    def open_issue(self, title: str) -> dict | None:
        """The open issue (not pull request) with exactly this title, if there is one."""
        for issue in self.call("GET", "/issues?state=open&per_page=100&sort=created&direction=desc") or []:
            if issue.get("title") == title and "pull_request" not in issue:
                return issue
        return None

    def report(self, title: str, text: str) -> str:
        known = self.open_issue(title)
        if known is not None:
            self.call("POST", f"/issues/{known['number']}/comments", {"body": text})
            return f"added to issue #{known['number']}: {title}"
        made = self.call("POST", "/issues", {"title": title, "body": text})
        return f"opened issue #{made['number']}: {title}"


def _setting(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise KeyError(name)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", type=Path, required=True, help="the folder the failed jobs' log artifacts are in")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return 2 if exit.code else 0
    try:
        results = json.loads(_setting("RESULTS"))
        event = json.loads(Path(_setting("GITHUB_EVENT_PATH")).read_text("utf-8"))
        repository, token = _setting("GITHUB_REPOSITORY"), _setting("GITHUB_TOKEN")
        run_url = f"{_setting('GITHUB_SERVER_URL')}/{repository}/actions/runs/{_setting('GITHUB_RUN_ID')}"
        api = os.environ.get("GITHUB_API_URL") or "https://api.github.com"
    except KeyError as missing:
        print(f"error: {missing.args[0]} is not set: this runs in a GitHub Actions job", file=sys.stderr)
        return 2
    except (OSError, ValueError) as problem:
        print(f"error: cannot read the results or the event ({problem})", file=sys.stderr)
        return 2
    names = failed(results)
    if not names:
        print("No scheduled check failed: nothing to report.")
        return 0
    github = GitHub(api, repository, token)
    event_name = os.environ.get("GITHUB_EVENT_NAME", "schedule")
    try:
        for name in names:
            print(github.report(CHECKS[name].title, body(name, event_name, event, args.logs, run_url)))
    except Refused as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
