"""`leakfix bot --forge gitea`: the same flow against a fake Gitea (API under /api/v1)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot_support.gitrepo import FIXED  # noqa: E402
from bot_support.world import BOT_BRANCH, make_world  # noqa: E402

pytestmark = pytest.mark.skipif(not __import__("shutil").which("git"), reason="needs git")


@pytest.fixture
def world(tmp_path, capfdbinary, monkeypatch):
    w, gh = make_world(tmp_path, capfdbinary, monkeypatch, flavor="gitea")
    try:
        yield w
    finally:
        gh.__exit__(None, None, None)


def test_open_rerun_and_close_on_gitea(world):
    # someone else's open pull request comes first in the list: it is not the bot's
    world.gh.add_pull("feature", "main", "a feature", "mine")

    res = world.bot("--forge", "gitea", "--label", "leaks")
    assert res.code == 0, res.err
    assert world.repos.show(BOT_BRANCH, "leaky.go") == FIXED
    assert [p["head"]["ref"] for p in world.gh.open_pulls()] == ["feature", BOT_BRANCH]
    assert world.gh.pulls[2]["labels"] == ["leaks"]
    assert all(r.path.startswith("/api/v1/repos/acme/leaky") for r in world.gh.requests)
    assert "/api/v1/repos/acme/leaky" not in [r.path for r in world.gh.requests]  # default branch from origin

    n = len(world.gh.writes())
    sha = world.branch()
    assert world.bot("--forge", "gitea", "--label", "leaks").code == 0
    assert len(world.gh.writes()) == n and world.branch() == sha

    world.repos.commit_on("main", {"leaky.go": FIXED}, "fixed by hand")
    assert world.bot("--forge", "gitea").code == 0
    assert world.gh.pulls[2]["state"] == "closed" and len(world.gh.comments[2]) == 1
    assert world.gh.pulls[1]["state"] == "open"
