"""The world of a bot scenario: origin (a bare repository), the user's clone, a fake forge.

`World.bot(*args)` runs `leakfix bot` in-process as a user would type it in the clone (token in
GITHUB_TOKEN, the fake's URL as --api-url) and returns (exit code, stdout, stderr); it then
checks every request of that run against the forge's API description (GitHub's and Gitea's
published ones, a hand-written one for GitLab: see contract.py; a missing description fails the
test) and that the token is in neither output. The forge
client's sleep is recorded instead of slept, so rate-limit and backoff waits cost nothing.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pytest

from leakfix.bot.run import make_forge as REAL_MAKE_FORGE

from . import contract
from .fake_github import FakeGitHub
from .gitrepo import Repos, git, make_repos

TOKEN = "ghs_TESTTOKEN123"
BOT_BRANCH = "leakfix/fixes"
CLOCK = 1_700_000_000.0


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class World:
    repos: Repos
    gh: FakeGitHub
    capfd: object
    monkeypatch: object
    sleeps: list = field(default_factory=list)
    outputs: list = field(default_factory=list)

    def bot(self, *args: str, token: str | None = TOKEN, api: bool = True, repo: bool = True,
            path: str | None = None) -> Result:
        from leakfix.app import main
        from leakfix.bot import run as bot_run

        mp = self.monkeypatch
        for var in ("LEAKFIX_TOKEN", "GITHUB_TOKEN", "GITHUB_API_URL"):
            mp.delenv(var, raising=False)
        if token is not None:
            mp.setenv("GITHUB_TOKEN", token)
        mp.setattr(bot_run, "make_forge", functools.partial(_make_forge, self.sleeps))
        argv = ["bot", path or str(self.repos.clone)]
        if repo:
            argv += ["--repo", f"{self.gh.owner}/{self.gh.name}"]
        if api:
            argv += ["--api-url", self.gh.url]
        argv += list(args)
        self.capfd.readouterr()
        seen = len(self.gh.requests)
        with pytest.raises(SystemExit) as exc:
            main(argv)
        out, err = self.capfd.readouterr()
        res = Result(exc.value.code, out.decode(), err.decode())
        self.outputs.append(res)
        assert TOKEN not in res.out and TOKEN not in res.err
        # every request of this run, checked against the forge's API description
        errors = contract.check_all(self.gh.requests[seen:], self.gh.flavor)
        assert not errors, f"requests that break the {self.gh.flavor} API description:\n" + "\n".join(errors)
        return res

    def branch(self, name: str = BOT_BRANCH) -> str | None:
        return self.repos.branch_sha(name)


def _make_forge(sleeps, kind, api_url, repo, token, **options):
    """The bot's make_forge with the sleep recorded and the clock fixed."""
    return REAL_MAKE_FORGE(kind, api_url, repo, token, sleep=sleeps.append, clock=lambda: CLOCK, **options)


def make_world(tmp_path, capfd, monkeypatch, flavor: str = "github", owner: str = "acme") -> tuple[World, FakeGitHub]:
    """flavor: "github", "gitea" or "gitlab" (FakeGitLab; `owner` may be nested groups, "grp/sub")."""
    repos = make_repos(tmp_path)
    if flavor == "gitlab":
        from .fake_gitlab import FakeGitLab

        gh = FakeGitLab(TOKEN, bare=repos.bare, owner=owner).__enter__()
    else:
        gh = FakeGitHub(TOKEN, bare=repos.bare, owner=owner, flavor=flavor).__enter__()
    return World(repos, gh, capfd, monkeypatch), gh


__all__ = ["World", "Result", "TOKEN", "BOT_BRANCH", "make_world", "git"]
