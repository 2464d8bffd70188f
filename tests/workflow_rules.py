"""Rules for the GitHub Actions workflows, read as a maintainer reads them. Each
rule returns its problems as "file: job: what is wrong"; none means it holds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*([^\s#]+)\s*(?:#\s*(.*?))?\s*$")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
VERSION = re.compile(r"^v\d+\.\d+\.\d+$")
# What each action asks of the GITHUB_TOKEN: a job is granted exactly what its actions need.
TOKEN_NEEDS = {
    "actions/checkout": {"contents": "read"},
    "actions/setup-python": {},
    "actions/setup-node": {},
    "actions/cache": {},
    "actions/configure-pages": {"pages": "read"},  # reads the Pages site's address
    "actions/upload-pages-artifact": {},
    "actions/deploy-pages": {"pages": "write", "id-token": "write"},
    # Artifacts of the run itself go through the runner's own token, not GITHUB_TOKEN.
    "actions/upload-artifact": {},
    "actions/download-artifact": {},
}
# What this repository's own scripts ask of the token when a step runs them.
SCRIPT_TOKEN_NEEDS = {".github/scripts/report_failure.py": {"issues": "write"}}
REPORT_SCRIPT = ".github/scripts/report_failure.py"
# Steps that run code from packages: never in a job that may write.
RUNS_PACKAGES = re.compile(r"\b(?:pip|pip3|npm|npx|pip-compile)\b|scripts/(?:build|test|check_links|lock|archive)\.py")
DEPLOY, UPLOAD = "actions/deploy-pages", "actions/upload-pages-artifact"
SITE_DIR = "site"  # where scripts/build.py builds


@dataclass
class Workflow:
    path: str  # as `uses: ./<path>` names it
    text: str

    @property
    def data(self) -> dict:
        return yaml.safe_load(self.text) or {}

    @property
    def triggers(self) -> set[str]:
        on = self.data.get("on", self.data.get(True))  # YAML 1.1 reads a bare `on` as true
        return {on} if isinstance(on, str) else set(on or ())

    @property
    def jobs(self) -> dict[str, dict]:
        return self.data.get("jobs") or {}


def load(root: Path) -> dict[str, Workflow]:
    folder = root / ".github" / "workflows"
    return {
        f.relative_to(root).as_posix(): Workflow(f.relative_to(root).as_posix(), f.read_text("utf-8"))
        for f in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    }


def action(step: dict) -> str | None:
    uses = step.get("uses", "")
    return None if not uses or uses.startswith("./") else uses.split("@")[0]


def called(job: dict, workflows: dict[str, Workflow]) -> Workflow | None:
    """The workflow that a job calls with `uses: ./...`, if it calls one."""
    uses = job.get("uses", "")
    return workflows.get(uses.removeprefix("./")) if uses.startswith("./") else None


def concrete_jobs(workflow: Workflow, name: str, workflows: dict[str, Workflow]):
    """(where, job) for a job with steps: the job itself, or the jobs of the workflow it calls."""
    job = workflow.jobs[name]
    inner = called(job, workflows)
    if inner:
        for inner_name in inner.jobs:
            yield from concrete_jobs(inner, inner_name, workflows)
    else:
        yield f"{workflow.path}: {name}", job


def unpinned_actions(workflows: dict[str, Workflow]) -> list[str]:
    problems, versions = [], {}
    for workflow in workflows.values():
        for number, line in enumerate(workflow.text.splitlines(), 1):
            match = USES_LINE.match(line)
            if not match or match[1].startswith("./"):
                continue
            ref, comment = match[1], match[2] or ""
            where = f"{workflow.path}:{number}"
            if not PINNED.match(ref):
                problems.append(f"{where}: {ref} is not pinned to a full commit SHA")
            elif not VERSION.match(comment):
                problems.append(f"{where}: {ref} needs the release it is, as `# vX.Y.Z`")
            elif versions.setdefault(ref, comment) != comment:
                problems.append(f"{where}: {ref} is called {comment} here and {versions[ref]} elsewhere")
    return problems


def jobs_without_timeout(workflows: dict[str, Workflow]) -> list[str]:
    return [
        f"{workflow.path}: {name}: no timeout-minutes"
        for workflow in workflows.values()
        for name, job in workflow.jobs.items()
        # A job that calls a workflow cannot have one: the called workflow's jobs do.
        if not called(job, workflows)
        and not (isinstance(job.get("timeout-minutes"), int) and job["timeout-minutes"] > 0)
    ]


def _union(grants: list[dict]) -> dict:
    merged: dict[str, str] = {}
    for grant in grants:
        for scope, level in grant.items():
            merged[scope] = "write" if "write" in (level, merged.get(scope)) else level
    return merged


def token_needs(workflow: Workflow, name: str, workflows: dict[str, Workflow]) -> dict:
    job = workflow.jobs[name]
    inner = called(job, workflows)
    if inner:
        return _union([inner_job.get("permissions") or {} for inner_job in inner.jobs.values()])
    steps = job.get("steps", [])
    scripts = [needs for step in steps for script, needs in SCRIPT_TOKEN_NEEDS.items() if script in _runs(step)]
    return _union([TOKEN_NEEDS[a] for step in steps if (a := action(step))] + scripts)


def excess_permissions(workflows: dict[str, Workflow]) -> list[str]:
    problems = []
    for workflow in workflows.values():
        if workflow.data.get("permissions") != {}:
            problems.append(
                f"{workflow.path}: the workflow must grant nothing (`permissions: {{}}`); each job grants its own"
            )
        for name, job in workflow.jobs.items():
            unknown = [a for step in job.get("steps", []) if (a := action(step)) and a not in TOKEN_NEEDS]
            if unknown:
                problems.append(
                    f"{workflow.path}: {name}: what do {unknown} need of the token? Add them to TOKEN_NEEDS"
                )
                continue
            granted, needed = job.get("permissions"), token_needs(workflow, name, workflows)
            if granted != needed:
                problems.append(
                    f"{workflow.path}: {name}: permissions {granted}, but its actions need exactly {needed}"
                )
    return problems


def _runs(step: dict) -> str:
    return step.get("run", "")


def untested_upload(where: str, job: dict) -> list[str]:
    """An upload of the Pages artifact must be the folder that was built once and then tested."""
    steps = job.get("steps", [])
    upload = next(i for i, step in enumerate(steps) if action(step) == UPLOAD)
    path = (steps[upload].get("with") or {}).get("path")
    tests = [i for i in range(upload) if "scripts/test.py" in _runs(steps[i])]
    builds = [
        i for i, step in enumerate(steps) if re.search(r"scripts/build\.py|mkdocs (build|gh-deploy)", _runs(step))
    ]
    if not tests:
        return [f"{where}: uploads {path} that no step before it tested"]
    tested = re.search(r"scripts/test\.py\s+--site\s+(\S+)", _runs(steps[tests[-1]]))
    problems = []
    if not tested or tested[1] != path:
        problems.append(
            f"{where}: the tests check {tested[1] if tested else 'a copy of their own'}, the upload is {path}"
        )
    if path != SITE_DIR:
        problems.append(f"{where}: uploads {path}, but scripts/build.py builds {SITE_DIR}")
    if not builds or builds[0] > tests[-1] or any(tests[-1] < i for i in builds):
        problems.append(f"{where}: the site must be built once, before the tests, and not again")
    for i in [*builds, *tests]:
        if "if" in steps[i] or steps[i].get("continue-on-error") or job.get("continue-on-error"):
            problems.append(f"{where}: step {i + 1} may be skipped or fail without stopping the upload")
    return problems


def untested_deploys(workflows: dict[str, Workflow]) -> list[str]:
    problems = []
    for workflow in workflows.values():
        for name, job in workflow.jobs.items():
            for where, inner in concrete_jobs(workflow, name, workflows):
                if any(action(step) == UPLOAD for step in inner.get("steps", [])):
                    problems += untested_upload(where, inner)
            if not any(action(step) == DEPLOY for step in job.get("steps", [])):
                continue
            needs = job.get("needs", [])
            needs = [needs] if isinstance(needs, str) else needs
            uploaders = [
                n
                for n in needs
                if n in workflow.jobs
                and any(
                    action(s) == UPLOAD for _, j in concrete_jobs(workflow, n, workflows) for s in j.get("steps", [])
                )
            ]
            if not uploaders:
                problems.append(f"{workflow.path}: {name}: deploys an artifact that no job it needs uploads")
    return problems


def pull_request_gaps(workflows: dict[str, Workflow]) -> list[str]:
    """Every change is checked on its pull request, the translation matrix shown there, and nothing deployed."""
    problems = [
        f"{w.path}: pull_request_target runs a fork's code with this repository's token"
        for w in workflows.values()
        if "pull_request_target" in w.triggers
    ]
    on_pull_requests = [w for w in workflows.values() if "pull_request" in w.triggers]
    if not on_pull_requests:
        return problems + ["no workflow runs on pull requests"]
    for workflow in on_pull_requests:
        steps = [
            s
            for name in workflow.jobs
            for _, job in concrete_jobs(workflow, name, workflows)
            for s in job.get("steps", [])
        ]
        lines = [line.strip() for step in steps for line in _runs(step).splitlines()]
        wanted = {
            "the translation matrix in the job summary": lambda line: (
                'check_translations.py --format markdown >> "$GITHUB_STEP_SUMMARY"' in line
            ),
            "a translation check that fails the job": lambda line: (
                "scripts/check_translations.py" in line and "||" not in line
            ),
            "the strict build": lambda line: "scripts/build.py" in line,
            "the tests": lambda line: "scripts/test.py" in line,
        }
        problems += [
            f"{workflow.path}: runs no step for {what}"
            for what, runs_it in wanted.items()
            if not any(map(runs_it, lines))
        ]
        if any(action(step) == DEPLOY for step in steps):
            problems.append(f"{workflow.path}: deploys from a pull request")
        if any("scripts/check_links.py" in line for line in lines):
            problems.append(f"{workflow.path}: checks links online: another site's outage would fail the pull request")
    return problems


def write_tokens_near_packages(workflows: dict[str, Workflow]) -> list[str]:
    """A job that may write (issues, pages) runs no code from packages: a compromised
    release would get the token."""
    problems = []
    for workflow in workflows.values():
        for name, job in workflow.jobs.items():
            if "write" not in (job.get("permissions") or {}).values():
                continue
            for step in job.get("steps", []):
                if RUNS_PACKAGES.search(_runs(step)):
                    problems.append(f"{workflow.path}: {name}: may write, and runs `{_runs(step).strip()}`")
    return problems


def _job_needs(job: dict) -> set[str]:
    needs = job.get("needs", [])
    return {needs} if isinstance(needs, str) else set(needs)


def unreported_schedules(workflows: dict[str, Workflow]) -> list[str]:
    """A scheduled run has no one watching it: a failure must open an issue, from a job
    that waits for every other job and runs even when they failed."""
    problems = []
    for workflow in workflows.values():
        if "schedule" not in workflow.triggers:
            continue
        reporters = {
            name: job
            for name, job in workflow.jobs.items()
            if any(REPORT_SCRIPT in _runs(step) for step in job.get("steps", []))
        }
        if not reporters:
            problems.append(f"{workflow.path}: runs on a schedule and reports no failure ({REPORT_SCRIPT})")
        for name, job in reporters.items():
            others = set(workflow.jobs) - {name}
            if _job_needs(job) != others:
                problems.append(f"{workflow.path}: {name}: must need every other job, {sorted(others)}")
            condition = str(job.get("if", ""))
            if "always()" not in condition or "failure" not in condition:
                problems.append(f"{workflow.path}: {name}: must run when a job failed (`if: always() && …failure…`)")
    return problems
