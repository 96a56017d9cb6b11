"""`leakfix bot` end to end: a bare repository as origin, the user's clone, a fake GitHub.

Each scenario runs the command in-process as a user would; after each run every request the
bot sent is checked against GitHub's OpenAPI description (tests/bot_support/contract.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot_support.gitrepo import FIXED, LEAK, SECOND_LEAK, git  # noqa: E402
from bot_support.world import BOT_BRANCH, make_world  # noqa: E402

pytestmark = pytest.mark.skipif(not __import__("shutil").which("git"), reason="needs git")

BOT_AUTHOR = "leakfix[bot] <leakfix-bot@users.noreply.github.com>"


@pytest.fixture
def world(tmp_path, capfdbinary, monkeypatch):
    w, gh = make_world(tmp_path, capfdbinary, monkeypatch)
    try:
        yield w  # World.bot checks each run's requests against the OpenAPI description
    finally:
        gh.__exit__(None, None, None)


def writes(w, method=None, suffix=None):
    return [r for r in w.gh.writes() if (method is None or r.method == method) and (suffix is None or r.path.endswith(suffix))]


def test_first_run_opens_one_pull_request_whose_branch_holds_the_fix(world):
    clone = world.repos.clone
    (clone / "leaky.go").write_text(LEAK + "// my uncommitted edit\n")
    head_before = git(clone, "rev-parse", "HEAD")
    branch_before = git(clone, "symbolic-ref", "HEAD")

    res = world.bot("--label", "leaks", "--label", "bot")

    assert res.code == 0, res.err
    assert world.repos.show(BOT_BRANCH, "leaky.go") == FIXED
    # one commit by the bot on top of main's tip
    main_sha = world.repos.branch_sha("main")
    assert git(world.repos.bare, "rev-parse", f"{BOT_BRANCH}^") == main_sha
    assert git(world.repos.bare, "show", "-s", "--format=%an <%ae>|%cn <%ce>", BOT_BRANCH) == f"{BOT_AUTHOR}|{BOT_AUTHOR}"
    msg = git(world.repos.bare, "show", "-s", "--format=%B", BOT_BRANCH)
    assert msg.startswith("leakfix: fix 1 leak-prone spot\n") and "defer-close: 1 fix\n  leaky.go:7" in msg
    # exactly one pull request, from the bot's branch into main, labelled
    creates = writes(world, "POST", "/pulls")
    assert len(creates) == 1 and len(world.gh.pulls) == 1
    assert creates[0].body["head"] == BOT_BRANCH and creates[0].body["base"] == "main"
    pr = world.gh.pulls[1]
    body = pr["body"]
    assert "<!-- leakfix-bot -->" in body
    assert "| `defer-close` | `leaky.go` | 1 |" in body
    assert "Release files, HTTP bodies" in body  # the rule's summary
    assert "//leakfix:ignore defer-close" in body
    assert pr["labels"] == ["leaks", "bot"]
    assert "opened pull request #1" in res.err
    # the user's checkout was not disturbed
    assert git(clone, "rev-parse", "HEAD") == head_before and git(clone, "symbolic-ref", "HEAD") == branch_before
    assert (clone / "leaky.go").read_text() == LEAK + "// my uncommitted edit\n"
    assert git(clone, "worktree", "list").count("\n") == 0  # the temporary worktree is gone
    # the default branch came from origin (`git ls-remote --symref origin HEAD`), not from the API
    assert ("GET", "/repos/acme/leaky") not in [(r.method, r.path) for r in world.gh.requests]


def test_a_rerun_with_nothing_new_pushes_nothing_and_sends_no_write(world):
    assert world.bot("--label", "leaks").code == 0
    sha = world.branch()
    n_writes = len(world.gh.writes())

    res = world.bot("--label", "leaks")

    assert res.code == 0, res.err
    assert world.branch() == sha  # no push of an identical tree
    assert len(world.gh.writes()) == n_writes  # no new PR, no PATCH, no labels
    assert len(world.gh.pulls) == 1
    assert "not pushed" in res.err and "up to date" in res.err


def test_new_fixes_on_main_replace_the_bots_commit_and_update_the_body(world):
    assert world.bot().code == 0
    first = world.branch()
    world.repos.commit_on("main", {"head.go": SECOND_LEAK}, "add Head")

    res = world.bot()

    assert res.code == 0, res.err
    assert world.branch() != first
    assert git(world.repos.bare, "rev-parse", f"{BOT_BRANCH}^") == world.repos.branch_sha("main")
    assert "defer f.Close()" in world.repos.show(BOT_BRANCH, "head.go")
    patches = writes(world, "PATCH")
    assert len(patches) == 1 and "| `defer-close` | `head.go` | 1 |" in patches[0].body["body"]
    assert patches[0].body.get("title") == "leakfix: fix 2 leak-prone spots"
    assert len(writes(world, "POST", "/pulls")) == 1


def test_a_persons_commit_on_the_bots_branch_survives_a_rerun(world):
    assert world.bot().code == 0
    persons = world.repos.commit_on(BOT_BRANCH, {"leaky.go": FIXED + "// reviewed\n"}, "review tweak")
    world.repos.commit_on("main", {"head.go": SECOND_LEAK}, "add Head")  # the bot would want to push
    n_writes = len(world.gh.writes())

    res = world.bot()

    assert res.code == 0, res.err
    assert world.branch() == persons
    assert "not the bot's" in res.err and BOT_BRANCH in res.err
    assert len(world.gh.writes()) == n_writes


def test_main_fixed_by_hand_closes_the_pull_request_with_a_comment(world):
    assert world.bot().code == 0
    branch = world.branch()
    world.repos.commit_on("main", {"leaky.go": FIXED}, "close the file")

    res = world.bot()

    assert res.code == 0, res.err
    assert world.gh.pulls[1]["state"] == "closed"
    assert len(world.gh.comments[1]) == 1 and "nothing left to fix" in world.gh.comments[1][0]
    kinds = [(r.method, r.path.rsplit("/", 1)[-1]) for r in world.gh.writes()][-2:]
    assert kinds == [("POST", "comments"), ("PATCH", "1")]
    assert writes(world, "PATCH")[-1].body == {"state": "closed"}
    assert world.branch() == branch  # nothing deleted
    # and one more run finds no open PR: nothing to do, no write
    n = len(world.gh.writes())
    assert world.bot().code == 0 and len(world.gh.writes()) == n


def test_a_429_with_retry_after_is_waited_for_and_retried(world):
    world.gh.inject(429, method="GET", path=r"/pulls$", headers={"Retry-After": "7"})

    res = world.bot("--base", "main")

    assert res.code == 0, res.err
    assert world.sleeps == [7.0]
    assert len(world.gh.pulls) == 1
    assert [r.method for r in world.gh.requests if r.path.endswith("/pulls")] == ["GET", "GET", "POST"]


def test_a_403_with_an_exhausted_rate_limit_waits_until_the_reset(world):
    from bot_support.world import CLOCK

    world.gh.inject(403, method="POST", path=r"/pulls$",
                    headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(CLOCK) + 20)})
    res = world.bot("--base", "main")
    assert res.code == 0, res.err
    assert world.sleeps == [21.0]
    assert len(world.gh.pulls) == 1


def test_5xx_answers_are_retried_with_backoff(world):
    world.gh.inject(502, method="GET", path=r"/pulls$", times=2)
    res = world.bot("--base", "main")
    assert res.code == 0, res.err
    assert world.sleeps == [1.0, 2.0]
    assert len(world.gh.pulls) == 1


def test_a_5xx_that_does_not_stop_gives_up_after_four_tries(world):
    world.gh.inject(503, method="GET", path=r"/pulls$", times=10)
    res = world.bot()
    assert res.code == 1
    assert res.err.count("\n") == 1 and res.err.startswith("leakfix: error: leakfix/fixes: GET /repos/acme/leaky/pulls: failed with 503")
    assert len(world.gh.requests) == 4 and world.sleeps == [1.0, 2.0, 4.0]
    assert world.branch() is None


def test_a_rejected_token_is_one_line_and_exit_1(world):
    res = world.bot("--base", "main", token="ghs_WRONGTOKEN999")
    assert res.code == 1
    assert res.err.count("\n") == 1 and res.err.startswith("leakfix: error: ")
    assert "401" in res.err and "token" in res.err and "Traceback" not in res.err
    assert "ghs_WRONGTOKEN999" not in res.err + res.out
    assert world.branch() is None  # nothing pushed before the forge said no


def test_an_injected_401_on_the_first_request(world):
    world.gh.inject(401)
    res = world.bot()
    assert res.code == 1 and res.err.count("\n") == 1 and "rejected the token" in res.err


def test_a_validation_error_says_what_the_forge_rejected(world):
    world.gh.inject(422, method="POST", path=r"/pulls$",
                    body={"message": "Validation Failed", "errors": [{"resource": "PullRequest", "code": "custom",
                                                                      "message": "No commits between main and leakfix/fixes"}]})
    res = world.bot("--base", "main")
    assert res.code == 1
    assert "422" in res.err and "Validation Failed" in res.err and "No commits between" in res.err
    assert res.err.count("\n") == 2  # "pushed ..." then the error line
    assert res.err.splitlines()[-1].startswith("leakfix: error: ")


def test_dry_run_prints_what_would_be_pushed_and_posted_and_touches_nothing(world):
    res = world.bot("--dry-run", token=None)

    assert res.code == 0, res.err
    assert world.branch() is None
    assert world.gh.requests == []  # --base absent: origin/HEAD of the clone named main
    out = res.out
    assert f"# branch: {BOT_BRANCH} (base: main" in out
    assert "# title: leakfix: fix 1 leak-prone spot" in out
    assert "<!-- leakfix-bot -->" in out and "| `defer-close` | `leaky.go` | 1 |" in out
    assert "--- a/leaky.go\n+++ b/leaky.go\n" in out and "+\tdefer f.Close()\n" in out
    assert "# push: yes, a new branch" in out


def test_dry_run_after_a_real_run_shows_no_push_and_still_writes_nothing(world):
    assert world.bot().code == 0
    sha = world.branch()
    n = len(world.gh.requests)
    res = world.bot("--dry-run", "--base", "main")
    assert res.code == 0, res.err
    assert "# push: no: the branch already holds these fixes" in res.out
    assert world.branch() == sha and len(world.gh.requests) == n


def test_dry_run_without_origin_head_in_the_clone_asks_the_remote_not_the_api(world):
    git(world.repos.clone, "symbolic-ref", "--delete", "refs/remotes/origin/HEAD")
    git(world.repos.bare, "branch", "-m", "main", "trunk")  # renamed on origin since the clone
    git(world.repos.bare, "symbolic-ref", "HEAD", "refs/heads/trunk")
    res = world.bot("--dry-run", token=None)
    assert res.code == 0, res.err
    assert world.gh.requests == []
    assert "# branch: leakfix/fixes (base: trunk at " in res.out


def test_when_the_remote_does_not_name_its_head_the_api_is_the_fallback(world):
    git(world.repos.bare, "symbolic-ref", "HEAD", "refs/heads/gone")  # an unborn HEAD: ls-remote shows none
    git(world.repos.clone, "symbolic-ref", "--delete", "refs/remotes/origin/HEAD")
    res = world.bot("--dry-run")
    assert res.code == 0, res.err
    assert [(r.method, r.path) for r in world.gh.requests] == [("GET", "/repos/acme/leaky")]
    assert "# branch: leakfix/fixes (base: main at " in res.out
    res = world.bot()  # a real run too
    assert res.code == 0, res.err
    assert [(r.method, r.path) for r in world.gh.requests].count(("GET", "/repos/acme/leaky")) == 2
    assert world.gh.pulls[1]["base"]["ref"] == "main"


def test_group_by_rule_opens_one_branch_and_pull_request_per_rule(world):
    cancel = ('package leaky\n\nimport (\n\t"context"\n\t"time"\n)\n\n'
              'func Wait(ctx context.Context) error {\n\tctx, cancel := context.WithTimeout(ctx, time.Second)\n'
              '\t_ = cancel\n\t<-ctx.Done()\n\treturn ctx.Err()\n}\n')
    world.repos.commit_on("main", {"wait.go": cancel}, "add Wait")
    res = world.bot("--group-by", "rule")
    assert res.code == 0, res.err
    heads = sorted(p["head"]["ref"] for p in world.gh.pulls.values())
    assert heads == ["leakfix/fixes-defer-cancel", "leakfix/fixes-defer-close"], res.err
    assert world.repos.show("leakfix/fixes-defer-close", "wait.go") == cancel
    assert world.repos.show("leakfix/fixes-defer-close", "leaky.go") == FIXED
    assert world.repos.show("leakfix/fixes-defer-cancel", "leaky.go") == LEAK
    assert "(defer-cancel)" in world.gh.pulls[1]["title"] + world.gh.pulls[2]["title"]


def test_only_and_skip_are_passed_on(world):
    res = world.bot("--skip", "defer-close")
    assert res.code == 0 and "nothing to fix" in res.err
    assert world.gh.writes() == [] and world.branch() is None


def test_a_pull_request_from_the_branch_without_the_marker_is_left_alone(world):
    assert world.bot().code == 0
    world.gh.pulls[1]["state"] = "closed"
    world.gh.add_pull(BOT_BRANCH, "main", "my own PR", "hand-written")
    world.repos.commit_on("main", {"head.go": SECOND_LEAK}, "add Head")
    sha, n = world.branch(), len(world.gh.writes())
    res = world.bot()
    assert res.code == 0 and "not opened by leakfix" in res.err
    assert world.branch() == sha and len(world.gh.writes()) == n


def test_the_installed_command_in_a_real_process(world):
    """`leakfix bot --dry-run` as a separate process, from inside the clone, as a user runs it."""
    import os
    import subprocess

    exe = Path(sys.executable).with_name("leakfix")
    cmd = [str(exe)] if exe.is_file() else [sys.executable, "-m", "leakfix"]
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_TOKEN", "LEAKFIX_TOKEN", "GITHUB_API_URL")}
    proc = subprocess.run(cmd + ["bot", "--dry-run", "--repo", "acme/leaky"], cwd=world.repos.clone,
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "+\tdefer f.Close()" in proc.stdout and world.gh.requests == [] and world.branch() is None


def test_a_failed_open_is_completed_by_the_next_run_without_a_push(world):
    world.gh.inject(502, method="POST", path=r"/pulls$", times=4)
    assert world.bot("--base", "main").code == 1
    sha = world.branch()
    assert sha is not None and world.gh.pulls == {}

    res = world.bot("--base", "main")

    assert res.code == 0, res.err
    assert world.branch() == sha and "not pushed" in res.err
    assert len(world.gh.open_pulls()) == 1


def test_a_pull_request_a_person_closed_is_not_opened_again_for_the_same_fixes(world):
    assert world.bot().code == 0
    world.gh.pulls[1]["state"] = "closed"
    n = len(world.gh.writes())

    res = world.bot()

    assert res.code == 0 and "was closed; not opening it again" in res.err
    assert len(world.gh.writes()) == n and world.gh.open_pulls() == []
    # new fixes do open a new one
    world.repos.commit_on("main", {"head.go": SECOND_LEAK}, "add Head")
    assert world.bot().code == 0
    assert [p["number"] for p in world.gh.open_pulls()] == [2]


def test_labels_are_set_when_opening_only(world):
    assert world.bot("--label", "leaks").code == 0
    world.gh.pulls[1]["labels"] = []  # a person removed it
    n = len(world.gh.writes())
    assert world.bot("--label", "leaks").code == 0
    assert len(world.gh.writes()) == n


def test_only_the_base_moved_and_the_fixes_are_the_same_the_branch_is_left_alone(world):
    assert world.bot().code == 0
    sha = world.branch()
    old_base = world.repos.branch_sha("main")
    world.repos.commit_on("main", {"README.md": "# leaky\n"}, "docs")
    n = len(world.gh.writes())

    res = world.bot()

    assert res.code == 0, res.err
    assert world.branch() == sha  # no force-push: CI is not re-run, approvals stay
    assert git(world.repos.bare, "rev-parse", f"{BOT_BRANCH}^") == old_base
    assert len(world.gh.writes()) == n  # the pull request is untouched too (same title and body)
    assert "only the base moved" in res.err and "no force-push" in res.err and old_base[:12] in res.err
    dry = world.bot("--dry-run")
    assert "# push: no: the branch holds these same fixes on an older commit of main" in dry.out


def test_a_base_change_that_conflicts_with_the_bots_commit_is_rebased(world):
    assert world.bot().code == 0
    first = world.branch()
    # the line the fix inserts before changes on main: the old commit no longer applies
    world.repos.commit_on("main", {"leaky.go": LEAK.replace("\tst, err := f.Stat()\n", "\tst, err := f.Stat() // size\n")},
                          "comment")

    res = world.bot()

    assert res.code == 0, res.err
    assert world.branch() != first
    assert git(world.repos.bare, "rev-parse", f"{BOT_BRANCH}^") == world.repos.branch_sha("main")
    assert "\tdefer f.Close()\n\tst, err := f.Stat() // size\n" in world.repos.show(BOT_BRANCH, "leaky.go")
    assert "conflicts with the new commits of main" in res.err and "pushed 1 fix on top of main" in res.err


def test_new_fixes_on_a_moved_base_are_a_rebase_because_the_fixes_changed(world):
    assert world.bot().code == 0
    world.repos.commit_on("main", {"head.go": SECOND_LEAK}, "add Head")
    res = world.bot()
    assert res.code == 0, res.err
    assert "pushed 2 fixes on top of main" in res.err and "the fixes changed" in res.err
