"""A stand-in for GitHub's API, for driving the web editor's GitHub backend in a test:
the part of the REST and GraphQL APIs that Sveltia CMS and publishing.js use, answered
from a real local git repository (its branches and commits are the repository's own),
with pull requests, labels and check runs kept in memory.

    github = FakeGitHub(repository_folder)          # a git working copy with a main branch
    with serve(site, github) as base:               # the built site and the API on one origin
        ...                                         # API root: base + "api/v3"; GraphQL: base + "graphql"
    github.pulls, github.branches(), github.show("cms/news/x", "news/x/index.kk.md")

Requests it does not know are answered 404 and listed in `github.unknown`, so a test
sees what the CMS asked for that a real GitHub would have answered.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import json
import os
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import graphql

import static_server

SCHEMA = """
scalar GitObjectID
enum PullRequestState { OPEN CLOSED MERGED }
enum IssueOrderField { CREATED_AT UPDATED_AT COMMENTS }
enum OrderDirection { ASC DESC }
enum DeploymentOrderField { CREATED_AT }
input IssueOrder { field: IssueOrderField!, direction: OrderDirection! }
input DeploymentOrder { field: DeploymentOrderField!, direction: OrderDirection! }
input CommittableBranch { repositoryNameWithOwner: String, branchName: String, id: ID }
input FileAddition { path: String!, contents: String! }
input FileDeletion { path: String! }
input FileChanges { additions: [FileAddition!], deletions: [FileDeletion!] }
input CommitMessage { headline: String!, body: String }
input CreateCommitOnBranchInput {
  branch: CommittableBranch!, expectedHeadOid: GitObjectID!, fileChanges: FileChanges, message: CommitMessage!
}
input CreateRefInput { repositoryId: ID!, name: String!, oid: GitObjectID! }
input ConvertPullRequestToDraftInput { pullRequestId: ID! }
input MarkPullRequestReadyForReviewInput { pullRequestId: ID! }

interface GitObject { oid: GitObjectID! }
interface Actor { login: String!, avatarUrl: String }
type User implements Actor { login: String!, avatarUrl: String, name: String, email: String, databaseId: Int }
type GitActor { name: String, email: String, avatarUrl: String, user: User }
type TreeEntry { oid: GitObjectID! }
type Commit implements GitObject {
  oid: GitObjectID!, message: String!, committedDate: String!, author: GitActor,
  history(first: Int, path: String): CommitConnection!, file(path: String!): TreeEntry,
  status: Status, checkSuites(last: Int): CheckSuiteConnection, deployments(last: Int, orderBy: DeploymentOrder):
    DeploymentConnection
}
type Blob implements GitObject {
  oid: GitObjectID!, text: String, isTruncated: Boolean!, byteSize: Int!, isBinary: Boolean!
}
type Tree implements GitObject { oid: GitObjectID! }
type Status { contexts: [StatusContext!]! }
type StatusContext { context: String, state: String, targetUrl: String, description: String }
type CheckRun { name: String, status: String, conclusion: String, detailsUrl: String, summary: String }
type CheckRunConnection { nodes: [CheckRun!]! }
type CheckSuite { checkRuns(last: Int): CheckRunConnection! }
type CheckSuiteConnection { nodes: [CheckSuite!]! }
type DeploymentStatus { state: String, environmentUrl: String, description: String }
type Deployment { environment: String, latestStatus: DeploymentStatus }
type DeploymentConnection { nodes: [Deployment!]! }
type CommitConnection { nodes: [Commit!]! }
type Ref { name: String!, target: GitObject }
type Label { name: String! }
type LabelConnection { nodes: [Label!]! }
type ChangedFile { path: String!, changeType: String! }
type ChangedFileConnection { nodes: [ChangedFile!]! }
type PullRequest {
  id: ID!, number: Int!, title: String!, url: String!, isDraft: Boolean!, isCrossRepository: Boolean!,
  createdAt: String!, updatedAt: String!, headRefName: String!, headRefOid: GitObjectID!, author: Actor,
  labels(first: Int): LabelConnection!, files(first: Int): ChangedFileConnection!
}
type PullRequestConnection { nodes: [PullRequest!]!, totalCount: Int! }
type Repository {
  id: ID!, defaultBranchRef: Ref, ref(qualifiedName: String!): Ref,
  object(oid: GitObjectID, expression: String): GitObject,
  pullRequests(states: [PullRequestState!], labels: [String!], first: Int, headRefName: String, orderBy: IssueOrder):
    PullRequestConnection!
}
type CreateCommitOnBranchPayload { commit: Commit }
type CreateRefPayload { ref: Ref }
type PullRequestPayload { pullRequest: PullRequest }
type Query { repository(owner: String!, name: String!): Repository }
type Mutation {
  createCommitOnBranch(input: CreateCommitOnBranchInput!): CreateCommitOnBranchPayload
  createRef(input: CreateRefInput!): CreateRefPayload
  convertPullRequestToDraft(input: ConvertPullRequestToDraftInput!): PullRequestPayload
  markPullRequestReadyForReview(input: MarkPullRequestReadyForReviewInput!): PullRequestPayload
}
"""
USER = {"login": "editor", "name": "Айгүл Редактор", "email": "editor@example.kz", "databaseId": 7, "avatarUrl": None}


@dataclass
class Pull:
    number: int
    title: str
    head: str
    base: str
    draft: bool
    labels: list[str] = field(default_factory=list)
    state: str = "open"
    created: str = ""


class FakeGitHub:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pulls: list[Pull] = []
        self.check_runs: dict[str, list[dict]] = {}  # commit -> GitHub's check runs
        self.unknown: list[str] = []
        self.lock = threading.Lock()
        self.schema = graphql.build_schema(SCHEMA)
        for name in ("GitObject", "Actor"):
            self.schema.type_map[name].resolve_type = lambda value, *_: value["__typename"]  # type: ignore[attr-defined]
        self.base = ""  # the server's address, set by serve()

    # ------------------------------------------------------------ git

    def git(self, *args: str, data: bytes | None = None, env: dict | None = None) -> bytes:
        result = subprocess.run(
            ["git", "-C", str(self.folder), *args], input=data, capture_output=True, env={**os.environ, **(env or {})}
        )
        if result.returncode != 0:
            raise ValueError(result.stderr.decode(errors="replace").strip())
        return result.stdout

    def head(self, branch: str) -> str | None:
        try:
            return self.git("rev-parse", "--verify", "-q", f"refs/heads/{branch}").decode().strip()
        except ValueError:
            return None

    def branches(self) -> list[str]:
        return self.git("for-each-ref", "--format=%(refname:short)", "refs/heads").decode().split()

    def show(self, branch: str, path: str) -> bytes:
        return self.git("show", f"{branch}:{path}")

    def _commit(self, oid: str) -> dict:
        line = self.git("show", "-s", "--format=%H%x00%cI%x00%an%x00%ae%x00%B", oid).decode()
        sha, date, name, email, message = line.split("\0", 4)
        return {
            "__typename": "Commit",
            "oid": sha,
            "committedDate": date,
            "message": message.strip(),
            "author": {"name": name, "email": email, "avatarUrl": None, "user": USER},
        }

    def _object(self, oid: str | None = None, expression: str | None = None) -> dict | None:
        try:
            sha = self.git("rev-parse", "--verify", "-q", expression or oid or "").decode().strip()
            kind = self.git("cat-file", "-t", sha).decode().strip()
        except ValueError:
            return None
        if kind == "commit":
            return self._commit(sha)
        if kind != "blob":
            return {"__typename": "Tree", "oid": sha}
        data = self.git("cat-file", "blob", sha)
        try:
            text, binary = data.decode("utf-8"), False
        except UnicodeDecodeError:
            text, binary = None, True
        return {
            "__typename": "Blob",
            "oid": sha,
            "text": text,
            "isTruncated": False,
            "byteSize": len(data),
            "isBinary": binary,
        }

    # ------------------------------------------------------------ GraphQL

    def graphql(self, query: str, variables: dict) -> dict:
        with self.lock:
            result = graphql.graphql_sync(
                self.schema, query, root_value=self, variable_values=variables, field_resolver=self._resolve
            )
        answer: dict = {"data": result.data}
        if result.errors:
            answer["errors"] = [{"message": error.message, "type": "UNPROCESSABLE"} for error in result.errors]
        return answer

    def _resolve(self, parent, info, **args):
        name = info.field_name
        if parent is self:
            return getattr(self, f"_{name}")(**args)
        if isinstance(parent, dict) and parent.get("__typename") in ("Repository", "Commit", "PullRequest"):
            method = getattr(self, f"_{parent['__typename'].lower()}_{name}", None)
            if method is not None:
                return method(parent, **args)
        value = parent.get(name) if isinstance(parent, dict) else getattr(parent, name, None)
        return value

    def _repository(self, owner: str, name: str) -> dict:
        return {"__typename": "Repository", "id": "R_1", "owner": owner, "name": name}

    def _repository_defaultBranchRef(self, repo: dict) -> dict:
        return self._repository_ref(repo, "main")

    def _repository_ref(self, repo: dict, qualifiedName: str) -> dict | None:
        branch = qualifiedName.removeprefix("refs/heads/")
        head = self.head(branch)
        return {"name": branch, "target": self._commit(head)} if head else None

    def _repository_object(self, repo: dict, oid: str | None = None, expression: str | None = None) -> dict | None:
        return self._object(oid, expression)

    def _repository_pullRequests(self, repo: dict, states=None, labels=None, first=100, headRefName=None, orderBy=None):
        chosen = [
            pull
            for pull in self.pulls
            if (not states or pull.state.upper() in states)
            and (not labels or set(labels) & set(pull.labels))
            and (headRefName is None or pull.head == headRefName)
        ]
        return {"nodes": [self._pull_node(pull) for pull in chosen[:first]], "totalCount": len(chosen)}

    def _pull_node(self, pull: Pull) -> dict:
        changed = self.git("diff", "--name-status", f"{pull.base}...{pull.head}").decode().splitlines()
        types = {"A": "ADDED", "M": "MODIFIED", "D": "DELETED", "R": "RENAMED"}
        return {
            "__typename": "PullRequest",
            "id": f"PR_{pull.number}",
            "number": pull.number,
            "title": pull.title,
            "url": f"{self.base}pull/{pull.number}",
            "isDraft": pull.draft,
            "isCrossRepository": False,
            "createdAt": pull.created,
            "updatedAt": pull.created,
            "headRefName": pull.head,
            "headRefOid": self.head(pull.head) or "",
            "author": {"__typename": "User", **USER},
            "labels": {"nodes": [{"name": label} for label in pull.labels]},
            "files": {
                "nodes": [
                    {"path": line.split("\t")[-1], "changeType": types.get(line[0], "MODIFIED")} for line in changed
                ]
            },
        }

    def _commit_history(self, commit: dict, first: int = 1, path: str | None = None) -> dict:
        shas = (
            self.git("log", f"-n{first}", "--format=%H", commit["oid"], *(["--", path] if path else []))
            .decode()
            .split()
        )
        return {"nodes": [self._commit(sha) for sha in shas]}

    def _commit_file(self, commit: dict, path: str) -> dict | None:
        found = self._object(expression=f"{commit['oid']}:{path}")
        return {"oid": found["oid"]} if found else None

    def _commit_status(self, commit: dict) -> dict:
        return {"contexts": []}

    def _commit_checkSuites(self, commit: dict, last=None) -> dict:
        return {"nodes": []}

    def _commit_deployments(self, commit: dict, last=None, orderBy=None) -> dict:
        return {"nodes": []}

    def _createRef(self, input: dict) -> dict:
        branch = input["name"].removeprefix("refs/heads/")
        if self.head(branch):
            raise ValueError(f'A ref named "{input["name"]}" already exists in the repository.')
        self.git("update-ref", f"refs/heads/{branch}", input["oid"])
        return {"ref": {"name": branch}}

    def _createCommitOnBranch(self, input: dict) -> dict:
        branch = input["branch"]["branchName"]
        head = self.head(branch)
        if head != input["expectedHeadOid"]:
            raise ValueError(f'Expected branch to point to "{input["expectedHeadOid"]}" but it did not')
        with tempfile.TemporaryDirectory() as folder:
            env = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            self.git("read-tree", head, env=env)
            for added in (input.get("fileChanges") or {}).get("additions") or []:
                blob = (
                    self.git("hash-object", "-w", "--stdin", data=base64.b64decode(added["contents"])).decode().strip()
                )
                self.git("update-index", "--add", "--cacheinfo", f"100644,{blob},{added['path']}", env=env)
            for deleted in (input.get("fileChanges") or {}).get("deletions") or []:
                self.git("update-index", "--force-remove", deleted["path"], env=env)
            tree = self.git("write-tree", env=env).decode().strip()
        who = {"GIT_AUTHOR_NAME": USER["name"], "GIT_AUTHOR_EMAIL": USER["email"]}
        who |= {"GIT_COMMITTER_NAME": "GitHub", "GIT_COMMITTER_EMAIL": "noreply@github.com"}
        message = input["message"]["headline"]
        commit = self.git("commit-tree", tree, "-p", head, "-m", message, env=who).decode().strip()
        self.git("update-ref", f"refs/heads/{branch}", commit, head)
        return {"commit": self._commit(commit)}

    def _convertPullRequestToDraft(self, input: dict) -> dict:
        return self._set_draft(input["pullRequestId"], True)

    def _markPullRequestReadyForReview(self, input: dict) -> dict:
        return self._set_draft(input["pullRequestId"], False)

    def _set_draft(self, node: str, draft: bool) -> dict:
        pull = self.pull(int(node.removeprefix("PR_")))
        pull.draft = draft
        return {"pullRequest": self._pull_node(pull)}

    # ------------------------------------------------------------ REST

    def pull(self, number: int) -> Pull:
        return next(pull for pull in self.pulls if pull.number == number)

    def _rest_pull(self, pull: Pull) -> dict:
        now = pull.created
        return {
            "number": pull.number,
            "node_id": f"PR_{pull.number}",
            "title": pull.title,
            "html_url": f"{self.base}pull/{pull.number}",
            "state": pull.state,
            "draft": pull.draft,
            "head": {"ref": pull.head, "sha": self.head(pull.head)},
            "base": {"ref": pull.base},
            "labels": [{"name": label} for label in pull.labels],
            "created_at": now,
            "updated_at": now,
        }

    def rest(self, method: str, path: str, query: dict, body: dict | None) -> tuple[int, object]:
        """(status, JSON or bytes) for a REST request; `path` below /api/v3."""
        parts = [unquote(part) for part in path.strip("/").split("/")]
        with self.lock:
            if parts == ["user"]:
                return 200, {**USER, "id": USER["databaseId"], "html_url": "https://github.com/editor"}
            if len(parts) < 3 or parts[0] != "repos":
                return self._unknown(method, path)
            rest = parts[3:]
            if rest[:1] == ["collaborators"]:
                return 204, b""
            if rest[:2] == ["git", "trees"] and method == "GET":
                listing = self.git("ls-tree", "-r", "-l", rest[2]).decode().splitlines()
                tree = []
                for line in listing:
                    meta, name = line.split("\t", 1)
                    _mode, kind, sha, size = meta.split()
                    tree.append({"path": name, "type": kind, "sha": sha, "size": int(size) if size != "-" else 0})
                return 200, {"tree": tree, "truncated": False}
            if rest[:2] == ["git", "blobs"] and method == "GET":
                return 200, self.git("cat-file", "blob", rest[2])
            if rest[:3] == ["git", "refs", "heads"]:
                branch = "/".join(rest[3:])
                if method == "DELETE":
                    self.git("update-ref", "-d", f"refs/heads/{branch}")
                    return 204, b""
                if method == "PATCH":
                    self.git("update-ref", f"refs/heads/{branch}", body["sha"])
                    return 200, {"ref": f"refs/heads/{branch}"}
            if rest == ["pulls"] and method == "POST":
                pull = Pull(len(self.pulls) + 1, body["title"], body["head"], body["base"], bool(body.get("draft")))
                pull.created = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
                self.pulls.append(pull)
                return 201, self._rest_pull(pull)
            if rest == ["pulls"] and method == "GET":
                state = query.get("state", ["open"])[0]
                return 200, [self._rest_pull(pull) for pull in self.pulls if state == "all" or pull.state == state]
            if rest[:1] == ["pulls"] and len(rest) == 2 and method == "PATCH":
                self.pull(int(rest[1])).state = body.get("state", "open")
                return 200, self._rest_pull(self.pull(int(rest[1])))
            if rest[:1] == ["issues"] and len(rest) >= 2:
                pull = self.pull(int(rest[1]))
                if rest[2:] == ["labels"] and method == "POST":
                    pull.labels += [label for label in body["labels"] if label not in pull.labels]
                elif method == "PATCH":
                    pull.labels = list(body.get("labels", pull.labels))
                return 200, {"number": pull.number, "labels": [{"name": label} for label in pull.labels]}
            if rest[:1] == ["commits"] and len(rest) == 3 and rest[2] == "check-runs":
                sha = self.git("rev-parse", rest[1]).decode().strip()
                runs = self.check_runs.get(sha, [])
                return 200, {"total_count": len(runs), "check_runs": runs}
            if rest[:1] == ["commits"] and len(rest) == 2:
                return 200, {"sha": self.git("rev-parse", rest[1]).decode().strip()}
            return self._unknown(method, path)

    def _unknown(self, method: str, path: str) -> tuple[int, object]:
        self.unknown.append(f"{method} {path}")
        return 404, {"message": "Not Found"}


def _handler(site_url: str, github: FakeGitHub):
    """Requests below /api/ and /graphql go to `github`; the rest to the static server at `site_url`."""
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet, as a fixture should be
            pass

        def _send(self, status: int, data: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _site(self) -> None:
            try:
                with urllib.request.urlopen(site_url.rstrip("/") + self.path) as answer:
                    status, data, kind = answer.status, answer.read(), answer.headers["Content-Type"]
            except urllib.error.HTTPError as error:
                status, data, kind = error.code, error.read(), error.headers["Content-Type"] or "text/plain"
            self._send(status, data, kind)

        def _api(self, method: str) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"null") if length else None
            try:
                if url.path in ("/graphql", "/api/graphql"):  # as the CMS derives it from an API root
                    status, answer = 200, github.graphql(body["query"], body.get("variables") or {})
                else:
                    status, answer = github.rest(method, url.path[len("/api/v3") :], parse_qs(url.query), body)
            except ValueError as problem:
                status, answer = 422, {"message": str(problem)}
            data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
            self._send(status, data, "application/octet-stream" if isinstance(answer, bytes) else "application/json")

        def do_GET(self) -> None:
            self._api("GET") if self.path.startswith(("/api/", "/graphql")) else self._site()

        def do_POST(self) -> None:
            self._api("POST")

        def do_PATCH(self) -> None:
            self._api("PATCH")

        def do_PUT(self) -> None:
            self._api("PUT")

        def do_DELETE(self) -> None:
            self._api("DELETE")

    return Handler


@contextlib.contextmanager
def serve(site: Path, github: FakeGitHub):
    """The built site and the stand-in API on one origin (as the CSP allows): yields its address."""
    with static_server.serve(site) as site_url:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site_url, github))
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        github.base = base
        try:
            yield base
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
