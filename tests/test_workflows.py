"""The GitHub Actions workflows and Dependabot's configuration: actions pinned to
commits, a timeout and only the token permissions it needs on every job, pull
requests checked, and only the site that passed the tests deployed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

import workflow_rules as rules
from conftest import ROOT

WORKFLOWS = rules.load(ROOT)
RULES = [
    rules.unpinned_actions,
    rules.jobs_without_timeout,
    rules.excess_permissions,
    rules.untested_deploys,
    rules.pull_request_gaps,
    rules.write_tokens_near_packages,
    rules.unreported_schedules,
]
TOOLS = Path(sys.executable).parent


def test_there_are_workflows_to_read():
    assert {
        ".github/workflows/checks.yml",
        ".github/workflows/publish.yml",
        ".github/workflows/scheduled.yml",
    } <= set(WORKFLOWS)


def test_zizmor_finds_nothing_in_the_workflows():
    # Offline: its audits that ask GitHub about the actions need a token and the network.
    result = subprocess.run(
        [str(TOOLS / "zizmor"), "--offline", "--no-progress", "--format", "plain", ".github/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "schema, files",
    [("vendor.github-workflows", sorted(WORKFLOWS)), ("vendor.dependabot", [".github/dependabot.yml"])],
    ids=["workflows", "dependabot"],
)
def test_the_workflows_follow_githubs_schema(schema, files):
    # check-jsonschema carries the schemas of SchemaStore: nothing is downloaded.
    result = subprocess.run(
        [str(TOOLS / "check-jsonschema"), "--builtin-schema", schema, *files], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail(tmp_path):
    wrong = tmp_path / "wrong.yml"
    wrong.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n", "utf-8")
    result = subprocess.run(
        [str(TOOLS / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(wrong)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout


def test_zizmor_can_fail(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "w.yml").write_text(
        "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        "utf-8",
    )
    result = subprocess.run(
        [str(TOOLS / "zizmor"), "--offline", "--no-progress", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode != 0 and "template-injection" in result.stdout, result.stdout


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_the_workflows_keep_the_rule(rule):
    assert rule(WORKFLOWS) == []


def test_dependabot_updates_every_kind_of_dependency_in_monthly_groups():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"github-actions", "pip", "npm"}
    assert all(update["schedule"]["interval"] == "monthly" and update.get("groups") for update in updates.values())
    manifests = [p.relative_to(ROOT) for p in ROOT.glob("**/package.json")]
    npm_folders = {
        "/" + m.parent.as_posix().removeprefix(".")
        for m in manifests
        if not any(part == "node_modules" or part.startswith(".") for part in m.parts)
    }
    assert {f.rstrip("/") or "/" for f in updates["npm"]["directories"]} == {f.rstrip("/") or "/" for f in npm_folders}
    assert "/" in npm_folders


# ---------------------------------------------------------------- the rules find what they are for

CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1"
UPLOAD = "actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0"
DEPLOY = "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0"


def workflow(body: str, path: str = ".github/workflows/w.yml") -> dict[str, rules.Workflow]:
    return {path: rules.Workflow(path, textwrap.dedent(body))}


def publishing(
    build_and_test: str, upload_path: str = "site", permissions: str = "contents: read"
) -> dict[str, rules.Workflow]:
    steps = textwrap.indent(textwrap.dedent(build_and_test).strip(), " " * 6)
    return workflow(f"""\
on: push
permissions: {{}}
jobs:
  site:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      {permissions}
    steps:
      - uses: {CHECKOUT}
{steps}
      - uses: {UPLOAD}
        with:
          path: {upload_path}
  deploy:
    needs: site
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      pages: write
      id-token: write
    steps:
      - uses: {DEPLOY}
""")


GOOD_STEPS = """
- run: python3 scripts/build.py
- run: python3 scripts/test.py --site site
"""


def test_a_workflow_that_builds_tests_and_deploys_that_site_passes():
    good = publishing(GOOD_STEPS)
    assert [rule(good) for rule in RULES[:4]] == [[], [], [], []]


@pytest.mark.parametrize(
    "steps, upload_path, expected",
    [
        ("- run: python3 scripts/build.py", "site", "that no step before it tested"),
        (
            "- run: python3 scripts/build.py\n- run: python3 scripts/test.py",
            "site",
            "the tests check a copy of their own",
        ),
        (GOOD_STEPS + "- run: python3 scripts/build.py", "site", "built once, before the tests, and not again"),
        (GOOD_STEPS, "public", "the tests check site, the upload is public"),
        (
            "- run: python3 scripts/build.py\n- run: python3 scripts/test.py --site site\n  continue-on-error: true",
            "site",
            "may be skipped",
        ),
    ],
)
def test_a_deploy_of_anything_but_the_tested_folder_is_found(steps, upload_path, expected):
    problems = rules.untested_deploys(publishing(steps, upload_path))
    assert any(expected in problem for problem in problems), problems


def test_a_deploy_that_needs_no_uploading_job_is_found():
    lone = workflow(f"""\
jobs:
  deploy:
    steps:
      - uses: {DEPLOY}
""")
    assert rules.untested_deploys(lone) == [
        ".github/workflows/w.yml: deploy: deploys an artifact that no job it needs uploads"
    ]


def test_unpinned_or_unlabelled_actions_are_found():
    text = workflow("""\
steps:
  - uses: actions/checkout@v4
  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
  - uses: actions/setup-node@1e60f620b9541d16bece96c5465dc8ee9832be0b # v4
  - uses: ./.github/workflows/checks.yml
""")
    problems = rules.unpinned_actions(text)
    assert [p.split(": ", 1)[0] for p in problems] == [
        ".github/workflows/w.yml:2",
        ".github/workflows/w.yml:3",
        ".github/workflows/w.yml:4",
    ]


def test_one_commit_called_two_versions_is_found():
    sha = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"
    both = {**workflow(f"- uses: {sha} # v7.0.1\n", "a.yml"), **workflow(f"- uses: {sha} # v4.1.7\n", "b.yml")}
    assert rules.unpinned_actions(both) == [f"b.yml:1: {sha} is called v4.1.7 here and v7.0.1 elsewhere"]


def test_a_job_without_timeout_is_found():
    jobs = workflow("jobs:\n  a:\n    steps: []\n  b:\n    timeout-minutes: 0\n    steps: []\n")
    assert rules.jobs_without_timeout(jobs) == [
        ".github/workflows/w.yml: a: no timeout-minutes",
        ".github/workflows/w.yml: b: no timeout-minutes",
    ]


@pytest.mark.parametrize(
    "permissions, expected",
    [
        ("contents: write", "permissions {'contents': 'write'}, but its actions need exactly {'contents': 'read'}"),
        (
            "contents: read\n      pages: read",
            "permissions {'contents': 'read', 'pages': 'read'}, but its actions need exactly {'contents': 'read'}",
        ),
        ("{}", "permissions {}, but its actions need exactly {'contents': 'read'}"),
    ],
)
def test_a_job_granted_more_or_other_than_its_actions_need_is_found(permissions, expected):
    problems = rules.excess_permissions(publishing(GOOD_STEPS, permissions=permissions))
    assert [p.split(": ", 2)[2] for p in problems] == [expected]


def test_a_workflow_that_grants_permissions_to_all_its_jobs_is_found():
    broad = workflow("permissions:\n  contents: write\njobs: {}\n")
    assert rules.excess_permissions(broad) == [
        ".github/workflows/w.yml: the workflow must grant nothing (`permissions: {}`); each job grants its own"
    ]


def test_pull_requests_without_the_translation_matrix_or_with_a_deploy_are_found():
    partial = publishing(GOOD_STEPS)
    path = ".github/workflows/w.yml"
    partial[path].text = partial[path].text.replace("on: push", "on: [pull_request, pull_request_target]")
    problems = rules.pull_request_gaps(partial)
    assert problems == [
        f"{path}: pull_request_target runs a fork's code with this repository's token",
        f"{path}: runs no step for the translation matrix in the job summary",
        f"{path}: runs no step for a translation check that fails the job",
        f"{path}: deploys from a pull request",
    ]


REPORT = "python3 .github/scripts/report_failure.py --logs logs"


def scheduled(report_job: str) -> dict[str, rules.Workflow]:
    return workflow(
        f"""\
on:
  schedule:
    - cron: "0 0 * * 1"
permissions: {{}}
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions: {{}}
    steps:
      - run: python3 scripts/build.py
  links:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions: {{}}
    steps:
      - run: python3 scripts/check_links.py
{textwrap.indent(textwrap.dedent(report_job), "  ")}"""
    )


GOOD_REPORT = f"""\
report:
  needs: [build, links]
  if: always() && contains(needs.*.result, 'failure')
  runs-on: ubuntu-latest
  timeout-minutes: 5
  permissions:
    contents: read
    issues: write
  steps:
    - uses: {CHECKOUT}
    - run: {REPORT}
"""


def test_a_scheduled_workflow_that_reports_its_failures_passes():
    good = scheduled(GOOD_REPORT)
    # (pull_request_gaps needs a workflow on pull requests beside it.)
    others = [rule for rule in RULES if rule is not rules.pull_request_gaps]
    assert [rule(good) for rule in others] == [[]] * len(others)


@pytest.mark.parametrize(
    "change, expected",
    [
        (("  needs: [build, links]", "  needs: build"), "report: must need every other job, ['build', 'links']"),
        (("  if: always() && contains(needs.*.result, 'failure')", "  if: failure()"), "must run when a job failed"),
        ((f"    - run: {REPORT}", "    - run: echo done"), "runs on a schedule and reports no failure"),
    ],
)
def test_a_scheduled_failure_that_nobody_hears_of_is_found(change, expected):
    problems = rules.unreported_schedules(scheduled(GOOD_REPORT.replace(*change)))
    assert any(expected in problem for problem in problems), problems


def test_a_job_that_may_write_and_runs_packages_is_found():
    risky = scheduled(GOOD_REPORT.replace(f"    - run: {REPORT}", f"    - run: pip install foo && {REPORT}"))
    assert rules.write_tokens_near_packages(risky) == [
        f".github/workflows/w.yml: report: may write, and runs `pip install foo && {REPORT}`"
    ]


def test_the_report_script_needs_issues_write_and_no_more():
    broad = scheduled(GOOD_REPORT.replace("    issues: write", "    issues: write\n    actions: write"))
    assert rules.excess_permissions(broad) == [
        ".github/workflows/w.yml: report: permissions {'contents': 'read', 'issues': 'write', 'actions': 'write'}, "
        "but its actions need exactly {'contents': 'read', 'issues': 'write'}"
    ]


def test_an_online_link_check_on_pull_requests_is_found():
    on_pulls = publishing(GOOD_STEPS + "- run: python3 scripts/check_links.py\n")
    path = ".github/workflows/w.yml"
    on_pulls[path].text = (
        on_pulls[path]
        .text.replace("on: push", "on: pull_request")
        .replace(
            "- run: python3 scripts/build.py",
            '- run: python3 scripts/check_translations.py --format markdown >> "$GITHUB_STEP_SUMMARY" || true\n'
            "      - run: python3 scripts/check_translations.py\n      - run: python3 scripts/build.py",
        )
    )
    problems = rules.pull_request_gaps(on_pulls)
    assert problems[-1] == f"{path}: checks links online: another site's outage would fail the pull request", problems
