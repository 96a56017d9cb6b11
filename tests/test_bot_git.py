"""The bot's git side: origin URLs, the auth header from the environment, pushes over smart HTTP.

The HTTP tests serve the bare repository through `git http-backend` behind the fake forge, which
accepts git requests only with exactly one `Authorization: basic x-access-token:TOKEN` header.
"""
from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from leakfix.bot.git import auth_env, repo_from_url  # noqa: E402

from bot_support.gitrepo import FIXED, git  # noqa: E402
from bot_support.world import BOT_BRANCH, TOKEN, make_world  # noqa: E402

pytestmark = pytest.mark.skipif(not __import__("shutil").which("git"), reason="needs git")


@pytest.mark.parametrize("url, repo", [
    ("https://github.com/acme/leaky.git", "acme/leaky"),
    ("https://github.com/acme/leaky", "acme/leaky"),
    ("https://github.com/acme/leaky/", "acme/leaky"),
    ("https://user@github.example.com:8443/acme/leaky.git", "acme/leaky"),
    ("git@github.com:acme/leaky.git", "acme/leaky"),
    ("github.com:acme/leaky", "acme/leaky"),
    ("ssh://git@github.com/acme/leaky.git", "acme/leaky"),
    ("ssh://git@gitea.example:2222/acme/leaky.git", "acme/leaky"),
    ("https://gitea.example/sub/path/acme/leaky.git", "acme/leaky"),
    ("/srv/git/leaky.git", None),
    ("file:///srv/git/acme/leaky.git", None),
    ("https://github.com/leaky", None),
    ("../leaky", None),
])
def test_owner_and_name_from_origin_url(url, repo):
    assert repo_from_url(url) == repo


def test_auth_env_resets_the_header_list_then_adds_one_basic_header():
    env = auth_env("https://github.com/acme/leaky.git", TOKEN, environ={})
    basic = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    assert env == {"GIT_CONFIG_COUNT": "2",
                   "GIT_CONFIG_KEY_0": "http.https://github.com/acme/leaky.git.extraheader", "GIT_CONFIG_VALUE_0": "",
                   "GIT_CONFIG_KEY_1": "http.https://github.com/acme/leaky.git.extraheader",
                   "GIT_CONFIG_VALUE_1": f"AUTHORIZATION: basic {basic}"}


def test_auth_env_keeps_config_entries_already_in_the_environment():
    env = auth_env("https://h/a/b", TOKEN, environ={"GIT_CONFIG_COUNT": "1"})
    assert env["GIT_CONFIG_COUNT"] == "3" and "GIT_CONFIG_KEY_1" in env and "GIT_CONFIG_KEY_0" not in env


def test_no_header_for_ssh_or_file_remotes_or_without_token():
    assert auth_env("git@github.com:acme/leaky.git", TOKEN, environ={}) == {}
    assert auth_env("/srv/leaky.git", TOKEN, environ={}) == {}
    assert auth_env("https://github.com/acme/leaky.git", None, environ={}) == {}


@pytest.fixture
def http_world(tmp_path, capfdbinary, monkeypatch):
    w, gh = make_world(tmp_path, capfdbinary, monkeypatch)
    git(w.repos.clone, "remote", "set-url", "origin", gh.git_url)
    try:
        yield w
    finally:
        gh.__exit__(None, None, None)


def test_push_over_http_authenticates_with_exactly_one_header_from_the_environment(http_world):
    w = http_world
    # what actions/checkout leaves behind: a persisted header for the host; it must not be sent too
    stale = base64.b64encode(b"x-access-token:ghs_STALE").decode()
    host = w.gh.git_url.split("/git/")[0] + "/"
    git(w.repos.clone, "config", f"http.{host}.extraheader", f"AUTHORIZATION: basic {stale}")

    res = w.bot()

    assert res.code == 0, res.err
    assert w.repos.show(BOT_BRANCH, "leaky.go") == FIXED
    assert len(w.gh.pulls) == 1
    services = {r.query.get("service", [""])[0] for r in w.gh.git_requests}
    assert {"git-upload-pack", "git-receive-pack"} <= services  # ls-remote/fetch and push both went over HTTP
    want = "basic " + base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    assert all(r.headers["authorization"] == [want] for r in w.gh.git_requests)
    # the token is nowhere on disk: not in the remote URL, not in any config, not in .git at all
    assert git(w.repos.clone, "remote", "get-url", "origin") == w.gh.git_url
    assert TOKEN not in git(w.repos.clone, "config", "--list", "--show-origin")
    for base in (w.repos.clone / ".git", w.repos.bare):
        for path in base.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert TOKEN.encode() not in data and want.split()[1].encode() not in data, path


def test_a_token_the_git_server_refuses_is_one_line_without_the_token(http_world):
    res = http_world.bot("--base", "main", token="ghs_WRONGTOKEN999")
    assert res.code == 1
    assert res.err.count("\n") == 1 and res.err.startswith("leakfix: error: git ls-remote failed")
    secret = base64.b64encode(b"x-access-token:ghs_WRONGTOKEN999").decode()
    assert "ghs_WRONGTOKEN999" not in res.err and secret not in res.err
    assert http_world.branch() is None


def test_git_never_prompts_and_trace_variables_do_not_print_the_header(http_world, monkeypatch):
    monkeypatch.setenv("GIT_TRACE_CURL", "1")
    monkeypatch.setenv("GIT_CURL_VERBOSE", "1")
    res = http_world.bot("--base", "main")
    assert res.code == 0, res.err
    secret = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    assert secret not in res.err and TOKEN not in res.err


def test_the_users_checkout_and_config_are_untouched_by_a_file_remote_run(tmp_path, capfdbinary, monkeypatch):
    w, gh = make_world(tmp_path, capfdbinary, monkeypatch)
    try:
        config_before = (w.repos.clone / ".git" / "config").read_text()
        refs_before = git(w.repos.clone, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads")
        status_before = git(w.repos.clone, "status", "--porcelain")
        res = w.bot()
        assert res.code == 0, res.err
        assert (w.repos.clone / ".git" / "config").read_text() == config_before
        assert git(w.repos.clone, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads") == refs_before
        assert git(w.repos.clone, "status", "--porcelain") == status_before
        assert git(w.repos.clone, "remote", "get-url", "origin") == str(w.repos.bare)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_CONFIG")}
        listing = subprocess.run(["git", "config", "--list"], cwd=w.repos.clone, capture_output=True, env=env).stdout
        assert TOKEN.encode() not in listing
    finally:
        gh.__exit__(None, None, None)
