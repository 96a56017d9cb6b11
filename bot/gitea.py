"""`Forge` for Gitea and Forgejo (`--forge gitea`), whose API is close to GitHub's.

Endpoints under {api_url}/repos/{owner}/{repo} (api_url ends in /api/v1): default branch `GET ''`;
pulls `GET /pulls?state=open|closed` (no head filter there: filtered here, page by page); create
`POST /pulls`; update or close `PATCH /pulls/{n}`; labels by name `POST /issues/{n}/labels`
(Gitea >= 1.19); comment `POST /issues/{n}/comments`. An organisation's repositories:
`GET /orgs/{org}/repos?page=&limit=` (a user's: `GET /users/{user}/repos` on 404). Draft pull
requests are GitHub's: ignored.
"""
from __future__ import annotations

from urllib.parse import quote

from .forge import ForgeError, PullRequest, Repository
from .github import GitHub, _pull
from .transport import Api

PAGE = 50
MAX_PAGES = 20


class Gitea(GitHub):
    """One Gitea/Forgejo repository, `owner/name`, reached at `api_url` with `token`.

    Shares GitHub's endpoints for the default branch, updates, labels and comments; differs in
    authentication, in finding a pull request by its head branch, and in drafts."""

    def __init__(self, api_url: str, repo: str, token: str | None, **api_options):
        self.owner, self.name = repo.split("/", 1)
        self.api = Api(api_url, f"token {token}" if token else None, token, **api_options)
        self.prefix = f"/repos/{quote(self.owner, safe='')}/{quote(self.name, safe='')}"

    def find_pull(self, branch: str, state: str = "open") -> PullRequest | None:
        full = f"{self.owner}/{self.name}".lower()
        for page in range(1, MAX_PAGES + 1):
            items = self.api.get(f"{self.prefix}/pulls", {"state": state, "page": page, "limit": PAGE}) or []
            for item in items:
                head = item.get("head") or {}
                repo = ((head.get("repo") or {}).get("full_name") or full).lower()
                if head.get("ref") == branch and repo == full and item.get("state") == state:
                    return _pull(item)
            if len(items) < PAGE:
                break
        return None

    def org_repositories(self, org: str) -> list[Repository]:
        try:
            return self._list_repos(f"/orgs/{quote(org, safe='')}/repos", {"limit": PAGE}, size=PAGE)
        except ForgeError as exc:
            if exc.status != 404:
                raise
        return self._list_repos(f"/users/{quote(org, safe='')}/repos", {"limit": PAGE}, size=PAGE)

    def create_pull(self, branch: str, base: str, title: str, body: str, draft: bool = False,
                    labels: list[str] | None = None) -> PullRequest:
        pull = _pull(self.api.post(f"{self.prefix}/pulls", {"title": title, "head": branch, "base": base, "body": body}))
        if labels:  # by name: Gitea's creation option takes label ids only
            self.add_labels(pull.number, labels)
        return pull
