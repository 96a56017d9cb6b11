"""`Forge` for GitHub's REST API (github.com, or GitHub Enterprise through `--api-url`).

Operations and endpoints (all under /repos/{owner}/{repo}):
default branch `GET ''`; PR by head `GET /pulls?head=owner:branch&state=open` (or closed);
create `POST /pulls` (then labels); update or close `PATCH /pulls/{n}`; labels `POST /issues/{n}/labels`;
comment `POST /issues/{n}/comments`. An organisation's repositories: `GET /orgs/{org}/repos`
(a user's: `GET /users/{user}/repos` when the first answers 404), 100 a page.
"""
from __future__ import annotations

from urllib.parse import quote

from .forge import Forge, ForgeError, PullRequest, Repository
from .transport import Api

API_VERSION = "2022-11-28"
ORG_PAGE = 100
MAX_ORG_PAGES = 100  # 10,000 repositories


class GitHub(Forge):
    """One GitHub repository, `owner/name`, reached at `api_url` with `token`."""

    def __init__(self, api_url: str, repo: str, token: str | None, **api_options):
        self.owner, self.name = repo.split("/", 1)
        self.api = Api(api_url, f"Bearer {token}" if token else None, token,
                       headers={"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": API_VERSION},
                       **api_options)
        self.prefix = f"/repos/{quote(self.owner, safe='')}/{quote(self.name, safe='')}"

    def default_branch(self) -> str:
        return self.api.get(self.prefix)["default_branch"]

    def find_pull(self, branch: str, state: str = "open") -> PullRequest | None:
        pulls = self.api.get(f"{self.prefix}/pulls",
                             {"head": f"{self.owner}:{branch}", "state": state, "per_page": 100})
        for item in pulls or []:
            if (item.get("head") or {}).get("ref") == branch and item.get("state") == state:
                return _pull(item)
        return None

    def create_pull(self, branch: str, base: str, title: str, body: str, draft: bool = False,
                    labels: list[str] | None = None) -> PullRequest:
        payload = {"title": title, "head": branch, "base": base, "body": body}
        if draft:
            payload["draft"] = True
        pull = _pull(self.api.post(f"{self.prefix}/pulls", payload))
        if labels:  # GitHub's pull-request creation takes no labels: they are the issue's
            self.add_labels(pull.number, labels)
        return pull

    def update_pull(self, number: int, *, title: str | None = None, body: str | None = None,
                    state: str | None = None) -> PullRequest:
        payload = {k: v for k, v in (("title", title), ("body", body), ("state", state)) if v is not None}
        return _pull(self.api.patch(f"{self.prefix}/pulls/{int(number)}", payload))

    def add_labels(self, number: int, labels: list[str]) -> None:
        self.api.post(f"{self.prefix}/issues/{int(number)}/labels", {"labels": list(labels)})

    def comment(self, number: int, body: str) -> None:
        self.api.post(f"{self.prefix}/issues/{int(number)}/comments", {"body": body})

    def org_repositories(self, org: str) -> list[Repository]:
        try:
            return self._list_repos(f"/orgs/{quote(org, safe='')}/repos", {"type": "all", "per_page": ORG_PAGE})
        except ForgeError as exc:
            if exc.status != 404:
                raise
        return self._list_repos(f"/users/{quote(org, safe='')}/repos", {"type": "owner", "per_page": ORG_PAGE})

    def _list_repos(self, path: str, params: dict, page_key: str = "page", size: int = ORG_PAGE) -> list[Repository]:
        out: list[Repository] = []
        for page in range(1, MAX_ORG_PAGES + 1):
            items = self.api.get(path, {**params, page_key: page}) or []
            out.extend(Repository(item["full_name"], bool(item.get("archived")), bool(item.get("fork")))
                       for item in items if isinstance(item, dict) and item.get("full_name"))
            if len(items) < size:
                break
        return out

    def close(self) -> None:
        self.api.close()


def _pull(item: dict) -> PullRequest:
    return PullRequest(number=int(item["number"]), title=item.get("title") or "", body=item.get("body") or "",
                       url=item.get("html_url") or "", head=(item.get("head") or {}).get("ref", ""),
                       state=item.get("state") or "open",
                       labels=[lab.get("name", "") for lab in item.get("labels") or [] if isinstance(lab, dict)])
