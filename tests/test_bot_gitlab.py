"""`leakfix bot --forge gitlab`: merge requests through GitLab's REST API v4, against a fake GitLab.

Every request of every run is checked against the GitLab description of
tests/bot_support/gitlab_description.py (hand-written: GitLab publishes none installable here).
"""
from __future__ import annotations

import base64
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from leakfix.bot.run import default_api_url  # noqa: E402

from bot_support.gitrepo import FIXED, LEAK, SECOND_LEAK, git  # noqa: E402
from bot_support.world import BOT_BRANCH, TOKEN, make_world  # noqa: E402

pytestmark = pytest.mark.skipif(not __import__("shutil").which("git"), reason="needs git")

PROJECT = "/api/v4/projects/acme%2Fleaky"


@pytest.fixture
def world(tmp_path, capfdbinary, monkeypatch):
    for var in ("CI_API_V4_URL", "CI_PROJECT_PATH"):
        monkeypatch.delenv(var, raising=False)
    w, gl = make_world(tmp_path, capfdbinary, monkeypatch, flavor="gitlab")
    try:
        yield w
    finally:
        gl.__exit__(None, None, None)


def calls(w, since: int = 0) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in w.gh.requests[since:]]


def test_first_run_opens_a_labelled_merge_request(world):
    res = world.bot("--forge", "gitlab", "--label", "leaks", "--label", "bot")

    assert res.code == 0, res.err
    assert world.repos.show(BOT_BRANCH, "leaky.go") == FIXED
    assert calls(world) == [("GET", f"{PROJECT}/merge_requests"), ("POST", f"{PROJECT}/merge_requests")]
    find, create = world.gh.requests
    assert find.query == {"source_branch": [BOT_BRANCH], "state": ["opened"], "per_page": ["100"]}
    assert create.body["source_branch"] == BOT_BRANCH and create.body["target_branch"] == "main"
    assert create.body["labels"] == "leaks,bot"  # labels on create: no second request
    assert create.headers["private-token"] == TOKEN and "authorization" not in create.headers
    mr = world.gh.pulls[1]
    assert mr["labels"] == ["leaks", "bot"] and mr["title"] == "leakfix: fix 1 leak-prone spot"
    assert "<!-- leakfix-bot -->" in mr["description"] and "| `defer-close` | `leaky.go` | 1 |" in mr["description"]
    assert "opened pull request #1 https://gitlab.example/acme/leaky/-/merge_requests/1" in res.err


def test_update_then_left_alone_then_closed(world):
    assert world.bot("--forge", "gitlab").code == 0
    world.repos.commit_on("main", {"head.go": SECOND_LEAK}, "add Head")

    n = len(world.gh.requests)
    res = world.bot("--forge", "gitlab")  # new fixes: the branch is replaced and the description updated
    assert res.code == 0, res.err
    assert "defer f.Close()" in world.repos.show(BOT_BRANCH, "head.go")
    put = world.gh.requests[-1]
    assert (put.method, put.path) == ("PUT", f"{PROJECT}/merge_requests/1")
    assert put.body["title"] == "leakfix: fix 2 leak-prone spots" and "| `head.go` | 1 |" in put.body["description"]
    assert set(put.body) == {"title", "description"} and len(world.gh.requests) == n + 2

    sha, n = world.branch(), len(world.gh.writes())
    res = world.bot("--forge", "gitlab")  # nothing new
    assert res.code == 0 and world.branch() == sha and len(world.gh.writes()) == n
    assert "up to date" in res.err

    world.repos.commit_on("main", {"go.sum": ""}, "only the base moves")
    res = world.bot("--forge", "gitlab")
    assert res.code == 0 and world.branch() == sha and len(world.gh.writes()) == n
    assert "no force-push" in res.err

    world.repos.commit_on("main", {"leaky.go": FIXED, "head.go": SECOND_LEAK.replace(
        "\tbuf := make", "\tdefer f.Close()\n\tbuf := make")}, "fixed by hand")
    res = world.bot("--forge", "gitlab")
    assert res.code == 0, res.err
    writes = world.gh.writes()[-2:]
    assert [(r.method, r.path) for r in writes] == [("POST", f"{PROJECT}/merge_requests/1/notes"),
                                                    ("PUT", f"{PROJECT}/merge_requests/1")]
    assert "nothing left to fix" in writes[0].body["body"] and writes[1].body == {"state_event": "close"}
    assert world.gh.pulls[1]["state"] == "closed" and world.branch() == sha
    n = len(world.gh.writes())
    assert world.bot("--forge", "gitlab").code == 0 and len(world.gh.writes()) == n


def test_a_closed_merge_request_is_not_opened_again_for_the_same_fixes(world):
    assert world.bot("--forge", "gitlab").code == 0
    world.gh.pulls[1]["state"] = "closed"
    n = len(world.gh.writes())
    res = world.bot("--forge", "gitlab")
    assert res.code == 0 and "was closed; not opening it again" in res.err
    assert len(world.gh.writes()) == n
    assert ("GET", f"{PROJECT}/merge_requests") in calls(world)
    assert world.gh.requests[-1].query["state"] == ["closed"]


def test_draft_is_a_title_prefix_that_survives_updates(world):
    assert world.bot("--forge", "gitlab", "--draft").code == 0
    assert world.gh.pulls[1]["title"] == "Draft: leakfix: fix 1 leak-prone spot" and world.gh.pulls[1]["draft"]
    n = len(world.gh.writes())
    assert world.bot("--forge", "gitlab", "--draft").code == 0
    assert len(world.gh.writes()) == n  # the prefix is not taken for a changed title
    world.repos.commit_on("main", {"head.go": SECOND_LEAK}, "add Head")
    assert world.bot("--forge", "gitlab").code == 0
    assert world.gh.pulls[1]["title"] == "Draft: leakfix: fix 2 leak-prone spots"  # still a draft


def test_a_merge_request_from_a_fork_with_the_same_branch_name_is_not_the_bots(world):
    world.gh.add_pull(BOT_BRANCH, "main", "from a fork", "<!-- leakfix-bot -->", fork=True)
    res = world.bot("--forge", "gitlab")
    assert res.code == 0, res.err
    assert [p["iid"] for p in world.gh.open_pulls()] == [1, 2]
    assert world.gh.pulls[2]["source_project_id"] == world.gh.pulls[2]["target_project_id"]


def test_dry_run_touches_nothing(world):
    res = world.bot("--forge", "gitlab", "--dry-run", token=None)
    assert res.code == 0, res.err
    assert world.gh.requests == [] and world.branch() is None
    assert "# branch: leakfix/fixes (base: main at " in res.out and "repository: acme/leaky" in res.out
    assert "+\tdefer f.Close()\n" in res.out


def test_nested_groups(tmp_path, capfdbinary, monkeypatch):
    w, gl = make_world(tmp_path, capfdbinary, monkeypatch, flavor="gitlab", owner="grp/sub")
    try:
        res = w.bot("--forge", "gitlab")
        assert res.code == 0, res.err
        assert {r.path.split("/merge_requests")[0] for r in gl.requests} == {"/api/v4/projects/grp%2Fsub%2Fleaky"}
        assert len(gl.open_pulls()) == 1
    finally:
        gl.__exit__(None, None, None)


def test_project_and_api_from_gitlab_ci_variables(world, monkeypatch):
    monkeypatch.setenv("CI_API_V4_URL", world.gh.url)
    monkeypatch.setenv("CI_PROJECT_PATH", "acme/leaky")
    res = world.bot("--forge", "gitlab", api=False, repo=False)
    assert res.code == 0, res.err
    assert len(world.gh.open_pulls()) == 1


def test_the_default_api_url_comes_from_origin():
    env: dict[str, str] = {}
    assert default_api_url("gitlab", "https://gitlab.example.com/grp/sub/leaky.git", env) == "https://gitlab.example.com/api/v4"
    assert default_api_url("gitlab", "git@gitlab.com:grp/leaky.git", env) == "https://gitlab.com/api/v4"
    assert default_api_url("gitlab", "ssh://git@gitlab.example.com:2222/grp/leaky.git", env) == "https://gitlab.example.com/api/v4"
    assert default_api_url("gitlab", "https://gitlab.com/grp/leaky.git",
                           {"CI_API_V4_URL": "https://gl.corp/api/v4", "GITHUB_API_URL": "x"}) == "https://gl.corp/api/v4"


@pytest.mark.parametrize("repo, forge, ok", [
    ("grp/sub/leaky", "gitlab", True),
    ("grp/leaky", "gitlab", True),
    ("leaky", "gitlab", False),
    ("grp//leaky", "gitlab", False),
    ("grp/sub/leaky", "github", False),
])
def test_repo_validation(world, repo, forge, ok):
    res = world.bot("--forge", forge, "--repo", repo, "--dry-run", repo=False, token=None)
    if ok:
        assert res.code == 0, res.err
    else:
        assert res.code == 2 and "--repo: expected" in res.err


def test_pushes_over_http_authenticate_as_oauth2(world):
    git(world.repos.clone, "remote", "set-url", "origin", world.gh.git_url)
    res = world.bot("--forge", "gitlab")
    assert res.code == 0, res.err
    assert world.repos.show(BOT_BRANCH, "leaky.go") == FIXED
    want = "basic " + base64.b64encode(f"oauth2:{TOKEN}".encode()).decode()
    services = {r.query.get("service", [""])[0] for r in world.gh.git_requests}
    assert {"git-upload-pack", "git-receive-pack"} <= services
    assert all(r.headers["authorization"] == [want] for r in world.gh.git_requests)


def test_a_rejected_token_is_one_line_and_exit_1(world):
    res = world.bot("--forge", "gitlab", token="glpat-WRONG999")
    assert res.code == 1 and res.err.splitlines()[-1].startswith("leakfix: error: ")
    assert "401" in res.err and "glpat-WRONG999" not in res.err
    assert LEAK == world.repos.show("main", "leaky.go")


def test_the_readme_gitlab_ci_job_runs_the_bot(world, monkeypatch):
    """The README's GitLab CI job: its `leakfix bot` line, with the variables GitLab CI sets."""
    import re
    import shlex

    import yaml

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme.split("## Bot and GitHub Action", 1)[1].split("\n## ", 1)[0]
    jobs = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.S)]
    job = next(b["leakfix"] for b in jobs if "script" in (b.get("leakfix") or {}))
    assert job["variables"]["GIT_DEPTH"] == "0"
    line = next(cmd for cmd in job["script"] if cmd.startswith("leakfix bot"))
    args = shlex.split(line, comments=True)[2:]
    monkeypatch.setenv("CI_API_V4_URL", world.gh.url)
    monkeypatch.setenv("CI_PROJECT_PATH", "acme/leaky")
    res = world.bot(*args, api=False, repo=False)
    assert res.code == 0, res.err
    assert [mr["labels"] for mr in world.gh.open_pulls()] == [["leaks"]]
