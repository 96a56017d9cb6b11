"""`Forge` for GitLab merge requests (REST API v4, `--forge gitlab`), gitlab.com or self-managed.

The project id is the URL-encoded path `group/sub/name` (nested groups allowed). Endpoints under
{api_url}/projects/{id} (api_url ends in /api/v4): default branch `GET ''`; merge request by
source branch `GET /merge_requests?source_branch=B&state=opened|closed`; create
`POST /merge_requests` (labels given there, comma-separated; a draft is a `Draft: ` title
prefix); update `PUT /merge_requests/{iid}` (`state_event=close` closes it, `add_labels` adds
labels); comment `POST /merge_requests/{iid}/notes`. A group's projects, subgroups included:
`GET /groups/{id}/projects?include_subgroups=true` (a user's: `GET /users/{user}/projects` on
404), 100 a page. The token goes in the `PRIVATE-TOKEN` header
(personal, project or group access tokens); git pushes use the username `oauth2`.
"""
from __future__ import annotations

from urllib.parse import quote

from .forge import Forge, ForgeError, PullRequest, Repository
from .transport import Api

DRAFT = "Draft: "
_STATES = {"opened": "open", "closed": "closed", "merged": "merged", "locked": "locked"}


class GitLab(Forge):
    """One GitLab project, `group[/sub...]/name`, reached at `api_url` with `token`."""

    git_username = "oauth2"

    def __init__(self, api_url: str, repo: str, token: str | None, **api_options):
        self.path = repo
        self.api = Api(api_url, None, token, headers={"PRIVATE-TOKEN": token} if token else None, **api_options)
        self.prefix = f"/projects/{quote(repo, safe='')}"
        self._drafts: set[int] = set()

    def default_branch(self) -> str:
        return self.api.get(self.prefix)["default_branch"]

    def find_pull(self, branch: str, state: str = "open") -> PullRequest | None:
        items = self.api.get(f"{self.prefix}/merge_requests",
                             {"source_branch": branch, "state": "opened" if state == "open" else state,
                              "per_page": 100})
        for item in items or []:
            same_project = item.get("source_project_id") == item.get("target_project_id")
            if item.get("source_branch") == branch and same_project and _STATES.get(item.get("state")) == state:
                return self._mr(item)
        return None

    def create_pull(self, branch: str, base: str, title: str, body: str, draft: bool = False,
                    labels: list[str] | None = None) -> PullRequest:
        payload = {"source_branch": branch, "target_branch": base, "title": DRAFT + title if draft else title,
                   "description": body}
        if labels:
            payload["labels"] = ",".join(labels)
        return self._mr(self.api.post(f"{self.prefix}/merge_requests", payload))

    def update_pull(self, number: int, *, title: str | None = None, body: str | None = None,
                    state: str | None = None) -> PullRequest:
        payload: dict[str, str] = {}
        if title is not None:
            payload["title"] = DRAFT + title if int(number) in self._drafts else title  # stays a draft
        if body is not None:
            payload["description"] = body
        if state is not None:
            payload["state_event"] = {"closed": "close", "open": "reopen"}[state]
        return self._mr(self.api.put(f"{self.prefix}/merge_requests/{int(number)}", payload))

    def add_labels(self, number: int, labels: list[str]) -> None:
        self.api.put(f"{self.prefix}/merge_requests/{int(number)}", {"add_labels": ",".join(labels)})

    def comment(self, number: int, body: str) -> None:
        self.api.post(f"{self.prefix}/merge_requests/{int(number)}/notes", {"body": body})

    def org_repositories(self, org: str) -> list[Repository]:
        try:
            return self._projects(f"/groups/{quote(org, safe='')}/projects", {"include_subgroups": "true"})
        except ForgeError as exc:
            if exc.status != 404:
                raise
        return self._projects(f"/users/{quote(org, safe='')}/projects", {})

    def _projects(self, path: str, params: dict) -> list[Repository]:
        out: list[Repository] = []
        for page in range(1, 101):
            items = self.api.get(path, {**params, "per_page": 100, "page": page}) or []
            out.extend(Repository(item["path_with_namespace"], bool(item.get("archived")),
                                  bool(item.get("forked_from_project")))
                       for item in items if isinstance(item, dict) and item.get("path_with_namespace"))
            if len(items) < 100:
                break
        return out

    def close(self) -> None:
        self.api.close()

    def _mr(self, item: dict) -> PullRequest:
        """A merge request as a PullRequest: number = iid, title without the draft prefix."""
        iid = int(item["iid"])
        title = item.get("title") or ""
        draft = bool(item.get("draft") or item.get("work_in_progress")) or title.startswith(DRAFT)
        if draft:
            self._drafts.add(iid)
            if title.startswith(DRAFT):
                title = title[len(DRAFT):]
        else:
            self._drafts.discard(iid)
        labels = [lab if isinstance(lab, str) else (lab or {}).get("name", "") for lab in item.get("labels") or []]
        return PullRequest(number=iid, title=title, body=item.get("description") or "", url=item.get("web_url") or "",
                           head=item.get("source_branch") or "", state=_STATES.get(item.get("state"), "open"),
                           labels=labels)
