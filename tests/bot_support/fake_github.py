"""A fake GitHub (or Gitea) REST API on 127.0.0.1: an http.server in a thread.

It keeps pull requests, labels and comments in memory, checks the token, checks that the head
and base branches of a new pull request exist in the bare repository serving as origin (as the
real forge does), records every request, and can be told to answer the next matching requests
with a fault (a 429 with Retry-After, a 5xx, a 401, ...).

    with FakeGitHub(token="ghs_TESTTOKEN123", bare=path) as gh:
        gh.url                      # API root to pass as --api-url
        gh.inject(429, headers={"Retry-After": "1"})
        gh.requests                 # [Request(method, path, query, headers, body)]

flavor="gitea" serves the same state under /api/v1 with Gitea's auth (`token X`) and its pull
list (no head filter; page/limit).
"""
from __future__ import annotations

import json
import re
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    """One request as the fake received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: object = None
    raw: bytes = b""

    @property
    def is_write(self) -> bool:
        return self.method not in ("GET", "HEAD", "OPTIONS")


@dataclass
class Fault:
    status: int
    method: str | None
    path: str | None  # regex searched in the path
    headers: dict[str, str] = field(default_factory=dict)
    body: object = None
    times: int = 1


class FakeGitHub:
    """The fake forge; use as a context manager (starts and stops the server thread)."""

    def __init__(self, token: str, bare: str | None = None, owner: str = "acme", name: str = "leaky",
                 default_branch: str = "main", flavor: str = "github"):
        self.token = token
        self.bare = str(bare) if bare else None
        self.owner, self.name = owner, name
        self.default_branch = default_branch
        self.flavor = flavor
        self.prefix = "/api/v1" if flavor == "gitea" else ""
        self.pulls: dict[int, dict] = {}
        self.comments: dict[int, list[str]] = {}
        self.requests: list[Request] = []
        self.git_requests: list[Request] = []
        self.faults: list[Fault] = []
        self._next = 1
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- control ----------------------------------------------------------------------------------

    def __enter__(self) -> "FakeGitHub":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _handle(self):
                fake._serve(self)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    def inject(self, status: int, *, method: str | None = None, path: str | None = None,
               headers: dict[str, str] | None = None, body: object = None, times: int = 1) -> None:
        """Answer the next `times` matching requests with `status` instead of serving them."""
        if body is None:
            body = {"message": {401: "Bad credentials", 403: "API rate limit exceeded",
                                429: "API rate limit exceeded"}.get(status, "Server Error")}
        self.faults.append(Fault(status, method, path, dict(headers or {}), body, times))

    def writes(self) -> list[Request]:
        return [r for r in self.requests if r.is_write]

    def open_pulls(self) -> list[dict]:
        return [p for p in self.pulls.values() if p["state"] == "open"]

    def add_pull(self, head: str, base: str, title: str, body: str) -> dict:
        """A pull request made by someone else (not through a request)."""
        with self._lock:
            return self._new_pull(head, base, title, body, False)

    @property
    def git_url(self) -> str:
        """Smart-HTTP URL of the bare repository (git http-backend behind the token check)."""
        import os

        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/git/{os.path.basename(self.bare)}"

    # -- serving ----------------------------------------------------------------------------------

    #: the username git must send with the token (GitLab: oauth2)
    git_user = "x-access-token"

    def _serve_git(self, h: BaseHTTPRequestHandler, parts, raw: bytes) -> None:
        """git's smart HTTP through `git http-backend`, only with `Authorization: basic <git_user>:TOKEN`."""
        import base64
        import os

        auths = h.headers.get_all("Authorization") or []
        with self._lock:
            self.git_requests.append(Request(h.command, parts.path, parse_qs(parts.query), {"authorization": auths}, None, b""))
        want = "basic " + base64.b64encode(f"{self.git_user}:{self.token}".encode()).decode()
        if auths != [want]:
            data = b"bad credentials\n"
            h.send_response(401)
            h.send_header("WWW-Authenticate", 'Basic realm="fake"')
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
            return
        env = {"PATH": os.environ.get("PATH", ""), "GIT_PROJECT_ROOT": os.path.dirname(self.bare),
               "GIT_HTTP_EXPORT_ALL": "1", "REQUEST_METHOD": h.command, "PATH_INFO": parts.path[len("/git"):],
               "QUERY_STRING": parts.query, "CONTENT_TYPE": h.headers.get("Content-Type", ""),
               "CONTENT_LENGTH": str(len(raw)), "REMOTE_USER": self.git_user, "REMOTE_ADDR": "127.0.0.1",
               "GIT_HTTP_MAX_REQUEST_BUFFER": "100M"}
        if h.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = h.headers["Content-Encoding"]
        if h.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = h.headers["Git-Protocol"]
        out = subprocess.run(["git", "http-backend"], input=raw, capture_output=True, env=env).stdout
        head, _, body = out.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.decode("latin-1").split("\r\n"):
            key, _, value = line.partition(":")
            if key.lower() == "status":
                status = int(value.split()[0])
            elif key:
                headers.append((key, value.strip()))
        h.send_response(status)
        for key, value in headers:
            h.send_header(key, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        raw = _read_body(h)
        if parts.path.startswith("/git/"):
            return self._serve_git(h, parts, raw)
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        req = Request(h.command, parts.path, parse_qs(parts.query, keep_blank_values=True),
                      {k.lower(): v for k, v in h.headers.items()}, body, raw)
        with self._lock:
            self.requests.append(req)
            status, headers, payload = self._answer(req)
        data = b"" if payload is None else json.dumps(payload).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    def _answer(self, req: Request):
        for fault in self.faults:
            if fault.times > 0 and (fault.method in (None, req.method)) and (fault.path is None or re.search(fault.path, req.path)):
                fault.times -= 1
                return fault.status, fault.headers, fault.body
        scheme = "token" if self.flavor == "gitea" else "Bearer"
        if req.headers.get("authorization") != f"{scheme} {self.token}":
            return 401, {}, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}
        if not req.path.startswith(self.prefix + "/"):
            return 404, {}, {"message": "Not Found"}
        path = req.path[len(self.prefix):]
        repo = f"/repos/{self.owner}/{self.name}"
        if not (path == repo or path.startswith(repo + "/")):
            return 404, {}, {"message": "Not Found"}
        rest = path[len(repo):]
        m = re.fullmatch(r"/(pulls|issues)/(\d+)(/labels|/comments)?", rest)
        if rest == "" and req.method == "GET":
            return 200, {}, self._repo_json()
        if rest == "/pulls" and req.method == "GET":
            return 200, {}, self._list(req)
        if rest == "/pulls" and req.method == "POST":
            return self._create(req.body or {})
        if m and m.group(1) == "pulls" and not m.group(3) and req.method == "PATCH":
            return self._update(int(m.group(2)), req.body or {})
        if m and m.group(1) == "issues" and m.group(3) == "/labels" and req.method == "POST":
            return self._label(int(m.group(2)), req.body)
        if m and m.group(1) == "issues" and m.group(3) == "/comments" and req.method == "POST":
            return self._comment(int(m.group(2)), req.body or {})
        return 404, {}, {"message": "Not Found"}

    def _repo_json(self) -> dict:
        return {"id": 1, "name": self.name, "full_name": f"{self.owner}/{self.name}",
                "owner": {"login": self.owner}, "default_branch": self.default_branch, "private": False}

    def _pull_json(self, p: dict) -> dict:
        out = dict(p)
        out["labels"] = [{"name": n} for n in p["labels"]]
        return out

    def _list(self, req: Request):
        state = (req.query.get("state") or ["open"])[0]
        items = [p for p in self.pulls.values() if state == "all" or p["state"] == state]
        if self.flavor == "github":
            head = (req.query.get("head") or [None])[0]
            if head:
                owner, _, ref = head.partition(":")
                items = [p for p in items if owner == self.owner and p["head"]["ref"] == ref]
            per_page = int((req.query.get("per_page") or ["30"])[0])
        else:
            per_page = int((req.query.get("limit") or ["30"])[0])
        page = int((req.query.get("page") or ["1"])[0])
        items = items[(page - 1) * per_page: page * per_page]
        return [self._pull_json(p) for p in items]

    def _branch_exists(self, ref: str) -> bool:
        if not self.bare:
            return True
        return subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{ref}"], cwd=self.bare,
                              capture_output=True).returncode == 0

    def _invalid(self, field_name: str, code: str = "invalid", message: str | None = None):
        err = {"resource": "PullRequest", "field": field_name, "code": code}
        if message:
            err = {"resource": "PullRequest", "code": "custom", "message": message}
        return 422, {}, {"message": "Validation Failed", "errors": [err],
                         "documentation_url": "https://docs.github.com/rest/pulls/pulls#create-a-pull-request"}

    def _create(self, body: dict):
        head, base = body.get("head"), body.get("base")
        if not isinstance(head, str) or not self._branch_exists(head):
            return self._invalid("head")
        if not isinstance(base, str) or not self._branch_exists(base):
            return self._invalid("base")
        if any(p["head"]["ref"] == head for p in self.open_pulls()):
            return self._invalid("", message=f"A pull request already exists for {self.owner}:{head}.")
        p = self._new_pull(head, base, body.get("title", ""), body.get("body") or "", bool(body.get("draft")))
        return 201, {}, self._pull_json(p)

    def _new_pull(self, head: str, base: str, title: str, body: str, draft: bool) -> dict:
        n = self._next
        self._next += 1
        p = {"number": n, "state": "open", "title": title, "body": body, "draft": draft,
             "html_url": f"https://github.example/{self.owner}/{self.name}/pull/{n}",
             "head": {"ref": head, "label": f"{self.owner}:{head}",
                      "repo": {"full_name": f"{self.owner}/{self.name}"}},
             "base": {"ref": base}, "labels": []}
        self.pulls[n] = p
        self.comments[n] = []
        return p

    def _update(self, n: int, body: dict):
        p = self.pulls.get(n)
        if p is None:
            return 404, {}, {"message": "Not Found"}
        for key in ("title", "body", "state"):
            if key in body:
                p[key] = body[key]
        return 200, {}, self._pull_json(p)

    def _label(self, n: int, body):
        p = self.pulls.get(n)
        if p is None:
            return 404, {}, {"message": "Not Found"}
        names = body.get("labels") if isinstance(body, dict) else body
        for name in names or []:
            if name not in p["labels"]:
                p["labels"].append(name)
        return 200, {}, [{"name": n_} for n_ in p["labels"]]

    def _comment(self, n: int, body: dict):
        if n not in self.pulls:
            return 404, {}, {"message": "Not Found"}
        self.comments[n].append(body.get("body", ""))
        return 201, {}, {"id": len(self.comments[n]), "body": body.get("body", "")}


def _read_body(h: BaseHTTPRequestHandler) -> bytes:
    """The request body, by Content-Length or chunked transfer encoding."""
    if "chunked" in (h.headers.get("Transfer-Encoding") or "").lower():
        data = b""
        while True:
            size = int(h.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                h.rfile.readline()
                return data
            data += h.rfile.read(size)
            h.rfile.readline()
    length = int(h.headers.get("Content-Length") or 0)
    return h.rfile.read(length) if length else b""
