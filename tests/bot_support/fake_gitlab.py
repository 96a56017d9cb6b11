"""A fake GitLab REST API v4 on 127.0.0.1, for `leakfix bot --forge gitlab`.

Built on FakeGitHub (the server thread, fault injection, request recording, git smart HTTP), with
GitLab's own routes and shapes under /api/v4:

    GET  /projects/:id                                   the project (default_branch)
    GET  /projects/:id/merge_requests                    filtered by source_branch and state
    POST /projects/:id/merge_requests                    labels as a comma-separated string
    PUT  /projects/:id/merge_requests/:iid               title, description, state_event, add_labels
    POST /projects/:id/merge_requests/:iid/notes         a comment

`:id` is the URL-encoded project path (`acme%2Fleaky`, `grp%2Fsub%2Fleaky`) or the numeric id. The
token is accepted in `PRIVATE-TOKEN` or as `Authorization: Bearer`; git pushes must authenticate
as `oauth2:TOKEN`. Merge requests live in `pulls` (keyed by iid) in GitLab's shape (`state`
"opened"/"closed", `source_branch`, `description`, `labels` as names); notes in `comments`.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from .fake_github import FakeGitHub, Request

PROJECT_ID = 42


class FakeGitLab(FakeGitHub):
    git_user = "oauth2"

    def __init__(self, token: str, bare: str | None = None, owner: str = "acme", name: str = "leaky",
                 default_branch: str = "main"):
        super().__init__(token, bare=bare, owner=owner, name=name, default_branch=default_branch, flavor="gitlab")
        self.prefix = "/api/v4"

    @property
    def project_path(self) -> str:
        return f"{self.owner}/{self.name}"

    def open_pulls(self) -> list[dict]:
        return [p for p in self.pulls.values() if p["state"] == "opened"]

    def add_pull(self, head: str, base: str, title: str, body: str, *, fork: bool = False) -> dict:
        """A merge request made by someone else (from a fork of the project when `fork`)."""
        with self._lock:
            mr = self._new_mr(head, base, title, body, [])
            if fork:
                mr["source_project_id"] = PROJECT_ID + 1
            return mr

    # -- serving ----------------------------------------------------------------------------------

    def _answer(self, req: Request):
        for fault in self.faults:
            if fault.times > 0 and (fault.method in (None, req.method)) and (fault.path is None or re.search(fault.path, req.path)):
                fault.times -= 1
                return fault.status, fault.headers, fault.body
        if req.headers.get("private-token") != self.token and req.headers.get("authorization") != f"Bearer {self.token}":
            return 401, {}, {"message": "401 Unauthorized"}
        m = re.fullmatch(re.escape(self.prefix) + r"/projects/([^/]+)(/.*)?", req.path)
        ids = {quote(self.project_path, safe=""), str(PROJECT_ID)}
        if not m or m.group(1) not in ids:
            return 404, {}, {"message": "404 Project Not Found"}
        rest = m.group(2) or ""
        mr = re.fullmatch(r"/merge_requests/(\d+)(/notes)?", rest)
        if rest == "" and req.method == "GET":
            return 200, {}, {"id": PROJECT_ID, "path_with_namespace": self.project_path,
                             "default_branch": self.default_branch,
                             "web_url": f"https://gitlab.example/{self.project_path}"}
        if rest == "/merge_requests" and req.method == "GET":
            return 200, {}, self._list_mrs(req.query)
        if rest == "/merge_requests" and req.method == "POST":
            return self._create_mr(req.body or {})
        if mr and not mr.group(2) and req.method == "PUT":
            return self._update_mr(int(mr.group(1)), req.body or {})
        if mr and mr.group(2) and req.method == "POST":
            n = int(mr.group(1))
            if n not in self.pulls:
                return 404, {}, {"message": "404 Not found"}
            if not isinstance((req.body or {}).get("body"), str):
                return 400, {}, {"error": "body is missing"}
            self.comments[n].append(req.body["body"])
            return 201, {}, {"id": len(self.comments[n]), "body": req.body["body"], "noteable_iid": n}
        return 404, {}, {"error": "404 Not Found"}

    def _list_mrs(self, query: dict[str, list[str]]) -> list[dict]:
        state = (query.get("state") or ["all"])[0]
        source = (query.get("source_branch") or [None])[0]
        items = [p for p in self.pulls.values() if (state == "all" or p["state"] == state)
                 and (source is None or p["source_branch"] == source)]
        items.sort(key=lambda p: -p["iid"])  # created_at desc, GitLab's default order
        per_page = int((query.get("per_page") or ["20"])[0])
        page = int((query.get("page") or ["1"])[0])
        return [dict(p) for p in items[(page - 1) * per_page: page * per_page]]

    def _create_mr(self, body: dict):
        source, target = body.get("source_branch"), body.get("target_branch")
        if not isinstance(body.get("title"), str) or not isinstance(source, str) or not isinstance(target, str):
            return 400, {}, {"error": "title, source_branch, target_branch are missing"}
        if not self._branch_exists(source) or not self._branch_exists(target):
            return 400, {}, {"message": ["Source branch or target branch does not exist"]}
        dup = [p for p in self.open_pulls() if p["source_branch"] == source and p["source_project_id"] == PROJECT_ID]
        if dup:
            return 409, {}, {"message": [f"Another open merge request already exists for this source branch: !{dup[0]['iid']}"]}
        labels = [x.strip() for x in (body.get("labels") or "").split(",") if x.strip()]
        mr = self._new_mr(source, target, body["title"], body.get("description") or "", labels)
        return 201, {}, dict(mr)

    def _new_mr(self, source: str, target: str, title: str, description: str, labels: list[str]) -> dict:
        n = self._next
        self._next += 1
        mr = {"id": 1000 + n, "iid": n, "project_id": PROJECT_ID, "title": title, "description": description,
              "state": "opened", "source_branch": source, "target_branch": target,
              "source_project_id": PROJECT_ID, "target_project_id": PROJECT_ID, "labels": list(labels),
              "draft": title.startswith("Draft:"), "web_url": f"https://gitlab.example/{self.project_path}/-/merge_requests/{n}"}
        self.pulls[n] = mr
        self.comments[n] = []
        return mr

    def _update_mr(self, n: int, body: dict):
        mr = self.pulls.get(n)
        if mr is None:
            return 404, {}, {"message": "404 Not found"}
        if "title" in body:
            mr["title"] = body["title"]
            mr["draft"] = body["title"].startswith("Draft:")
        if "description" in body:
            mr["description"] = body["description"]
        event = body.get("state_event")
        if event == "close":
            mr["state"] = "closed"
        elif event == "reopen":
            mr["state"] = "opened"
        for name in (body.get("add_labels") or "").split(","):
            if name.strip() and name.strip() not in mr["labels"]:
                mr["labels"].append(name.strip())
        return 200, {}, dict(mr)
