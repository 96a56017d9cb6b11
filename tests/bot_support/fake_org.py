"""Several repositories of one organisation behind one fake GitHub (tests of `leakfix campaign`).

`FakeOrg` is a `FakeGitHub` that routes /repos/{owner}/{name}/... to one `FakeGitHub` per
repository (their pulls, comments and branch checks are their own), answers
`GET /orgs/{owner}/repos` (paginated, with `archived` and `fork`), and serves every bare
repository under `root` through git's smart HTTP at `{url}/git/{owner}/{name}.git` (the token
checked as the single fake does). Faults injected on the organisation apply to every repository.

    org = FakeOrg(TOKEN, root).__enter__()
    org.add("leaky", bare_path)           # bare_path is root/acme/leaky.git
    org.repo("leaky").open_pulls()
"""
from __future__ import annotations

import re
from pathlib import Path

from .fake_github import FakeGitHub, Request


class FakeOrg(FakeGitHub):
    def __init__(self, token: str, root: Path, owner: str = "acme"):
        super().__init__(token, bare=None, owner=owner, name="-")
        self.root = Path(root)
        self.bare = str(self.root / "-")  # git smart HTTP: GIT_PROJECT_ROOT is the bare's folder, here root
        self._repos: dict[str, FakeGitHub] = {}
        self._meta: dict[str, dict] = {}

    def add(self, name: str, bare: Path | None, archived: bool = False, fork: bool = False) -> FakeGitHub:
        """A repository of the organisation; `bare=None` lists it although nothing can clone it."""
        fake = FakeGitHub(self.token, bare=bare, owner=self.owner, name=name)
        fake.faults = self.faults  # one list: faults injected on the organisation hit every repository
        self._repos[name] = fake
        self._meta[name] = {"archived": archived, "fork": fork}
        return fake

    def repo(self, name: str) -> FakeGitHub:
        return self._repos[name]

    def all_pulls(self) -> dict[str, list[dict]]:
        return {name: list(fake.pulls.values()) for name, fake in self._repos.items() if fake.pulls}

    def _answer(self, req: Request):
        path = req.path[len(self.prefix):]
        m = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)?", path)
        if m and m.group(1) == self.owner and m.group(2) in self._repos:
            return self._repos[m.group(2)]._answer(req)
        for fault in self.faults:
            if fault.times > 0 and fault.method in (None, req.method) and (fault.path is None or re.search(fault.path, req.path)):
                fault.times -= 1
                return fault.status, fault.headers, fault.body
        if req.headers.get("authorization") != f"Bearer {self.token}":
            return 401, {}, {"message": "Bad credentials"}
        if path == f"/orgs/{self.owner}/repos" and req.method == "GET":
            per_page = int((req.query.get("per_page") or ["30"])[0])
            page = int((req.query.get("page") or ["1"])[0])
            names = sorted(self._repos)[(page - 1) * per_page: page * per_page]
            return 200, {}, [{"id": i, "name": n, "full_name": f"{self.owner}/{n}", "owner": {"login": self.owner},
                              "default_branch": "main", **self._meta[n]} for i, n in enumerate(names, 1)]
        return 404, {}, {"message": "Not Found"}
