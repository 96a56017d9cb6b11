"""`leakfix bot` usage errors (exit 2, one line, no traceback) and where the token comes from."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from leakfix.bot.run import parse_author, token_from_env  # noqa: E402

from bot_support.gitrepo import git  # noqa: E402
from bot_support.world import TOKEN, make_world  # noqa: E402

pytestmark = pytest.mark.skipif(not __import__("shutil").which("git"), reason="needs git")


@pytest.fixture
def world(tmp_path, capfdbinary, monkeypatch):
    w, gh = make_world(tmp_path, capfdbinary, monkeypatch)
    try:
        yield w
    finally:
        gh.__exit__(None, None, None)


def one_error_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("leakfix: error: ") and "Traceback" not in err


@pytest.mark.parametrize("args, kw, says", [
    (["--only", "no-such-rule"], {}, "--only: unknown rule 'no-such-rule'"),
    (["--author", "just a name"], {}, "--author: expected"),
    (["--branch", "main"], {}, "is the base branch"),
    (["--branch", "bad..name"], {}, "--branch: 'bad..name' is not a valid branch name"),
    (["--group-by", "file"], {}, "--group-by: only 'rule'"),
    (["--forge", "bitbucket"], {}, "--forge: expected one of github, gitea, gitlab"),
    (["--base", "nope"], {}, "origin has no branch 'nope'"),
    ([], {"token": None}, "no token: set GITHUB_TOKEN or LEAKFIX_TOKEN"),
    ([], {"repo": False}, "cannot tell OWNER/NAME from origin's URL; pass --repo OWNER/NAME"),
    (["--repo", "not-a-repo"], {"repo": False}, "--repo: expected OWNER/NAME"),
    (["--no-such-option"], {}, "No such option"),
])
def test_usage_errors_are_one_line_and_exit_2(world, args, kw, says):
    res = world.bot(*args, **kw)
    assert res.code == 2, res.err
    assert one_error_line(res.err) and says in res.err, res.err
    assert world.gh.writes() == [] and world.branch() is None


def test_outside_a_git_work_tree(world, tmp_path):
    outside = tmp_path / "plain"
    outside.mkdir()
    res = world.bot(path=str(outside))
    assert res.code == 2 and one_error_line(res.err) and "not inside a git work tree" in res.err


def test_without_an_origin_remote(world):
    git(world.repos.clone, "remote", "remove", "origin")
    res = world.bot()
    assert res.code == 2 and one_error_line(res.err) and "no remote 'origin'" in res.err


def test_a_path_inside_the_repository_limits_the_fixes(world):
    sub = world.repos.clone / "sub"
    sub.mkdir()
    res = world.bot(path=str(sub))
    assert res.code == 2 and "sub: not on origin/main" in res.err  # sub/ exists only in the checkout


def test_leakfix_token_wins_over_github_token(world, monkeypatch):
    assert token_from_env({"GITHUB_TOKEN": "a", "LEAKFIX_TOKEN": "b"}) == "b"
    assert token_from_env({"GITHUB_TOKEN": "a", "LEAKFIX_TOKEN": ""}) == "a"
    assert token_from_env({}) is None
    from leakfix.app import main

    monkeypatch.setenv("GITHUB_TOKEN", "ghs_WRONGTOKEN999")
    monkeypatch.setenv("LEAKFIX_TOKEN", TOKEN)
    with pytest.raises(SystemExit) as exc:
        main(["bot", str(world.repos.clone), "--repo", "acme/leaky", "--api-url", world.gh.url, "--base", "main"])
    assert exc.value.code == 0
    assert len(world.gh.pulls) == 1


def test_github_api_url_is_the_default_api(world, monkeypatch, capfdbinary):
    from leakfix.app import main

    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_API_URL", world.gh.url)
    with pytest.raises(SystemExit) as exc:
        main(["bot", str(world.repos.clone), "--repo", "acme/leaky"])
    assert exc.value.code == 0, capfdbinary.readouterr().err
    assert len(world.gh.pulls) == 1


def test_parse_author():
    assert parse_author("leakfix[bot] <leakfix-bot@users.noreply.github.com>") == (
        "leakfix[bot]", "leakfix-bot@users.noreply.github.com")
    assert parse_author("  Jo Q. Public   <jo@example.com> ") == ("Jo Q. Public", "jo@example.com")
