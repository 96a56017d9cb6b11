"""`leakfix campaign` end to end: bare repositories of one organisation, a fake GitHub for all.

Each test builds an organisation of local bare repositories (`acme/NAME`, some leaky, one clean,
one whose own .leakfix.toml turns the leak's rule off) behind `FakeOrg`, runs the command in-process
as a user would, and checks the pull requests, the report, the work folder and the output. Every
API request of a test is checked against GitHub's OpenAPI description at the end.
"""
from __future__ import annotations

import functools
import json
import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot_support import contract  # noqa: E402
from bot_support.fake_org import FakeOrg  # noqa: E402
from bot_support.gitrepo import GO_MOD, LEAK, SECOND_LEAK, git  # noqa: E402

from leakfix.bot import run as bot_run  # noqa: E402

pytestmark = pytest.mark.skipif(not __import__("shutil").which("git"), reason="needs git")

TOKEN = "ghs_CAMPAIGNTOKEN42"
FIX_ALL = '[rules]\nfix = ["all"]\n'
CLEAN = "package clean\n\n// Add adds.\nfunc Add(a, b int) int { return a + b }\n"
REAL_MAKE_FORGE = bot_run.make_forge


def make_bare(root: Path, name: str, files: dict[str, str]) -> Path:
    """root/acme/NAME.git with one commit of `files` on main."""
    seed = root / "seeds" / name
    seed.mkdir(parents=True)
    for rel, text in files.items():
        (seed / rel).write_text(text)
    git(seed, "init", "--quiet")
    git(seed, "add", "-A")
    git(seed, "commit", "--quiet", "-m", "initial")
    bare = root / "origin" / "acme" / f"{name}.git"
    bare.parent.mkdir(parents=True, exist_ok=True)
    git(root, "init", "--quiet", "--bare", str(bare))
    git(seed, "push", "--quiet", str(bare), "HEAD:refs/heads/main")
    git(bare, "symbolic-ref", "HEAD", "refs/heads/main")
    return bare


def push_to(root: Path, name: str, files: dict[str, str], message: str = "change") -> None:
    """A person commits files to main of acme/NAME."""
    seed = root / "seeds" / name
    for rel, text in files.items():
        (seed / rel).write_text(text)
    git(seed, "add", "-A")
    git(seed, "commit", "--quiet", "-m", message)
    git(seed, "push", "--quiet", str(root / "origin" / "acme" / f"{name}.git"), "HEAD:refs/heads/main")


class Org:
    """The organisation: bare repositories, the fake forge, and a way to run the command."""

    def __init__(self, tmp: Path, capfd, monkeypatch):
        self.tmp = tmp
        self.capfd = capfd
        self.mp = monkeypatch
        self.forge = FakeOrg(TOKEN, tmp / "origin").__enter__()
        self.workdir = tmp / "work"
        self.sleeps: list[float] = []
        for var in ("LEAKFIX_TOKEN", "GITHUB_TOKEN", "GITHUB_API_URL"):
            monkeypatch.delenv(var, raising=False)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        monkeypatch.setattr(bot_run, "make_forge", functools.partial(_make_forge, self.sleeps))

    def add(self, name: str, files: dict[str, str] | None, **meta) -> None:
        bare = make_bare(self.tmp, name, files) if files is not None else None
        self.forge.add(name, bare, **meta)

    @property
    def file_url(self) -> str:
        return f"file://{self.tmp}/origin/{{repo}}.git"

    def repos_file(self, names: list[str]) -> str:
        path = self.tmp / "repos.txt"
        path.write_text("# the organisation's Go services\n\n" + "".join(f"acme/{n}\n" for n in names))
        return str(path)

    def run(self, *args: str, git_url: str | None = None, report: str | None = "report.json"):
        from leakfix.app import main

        argv = ["campaign", *args, "--api-url", self.forge.url, "--workdir", str(self.workdir),
                "--git-url", git_url or self.file_url, "--write-interval", "0"]
        if "--progress" not in args:
            argv.append("--no-progress")
        if report:
            argv += ["--report", str(self.tmp / report)]
        self.capfd.readouterr()
        with pytest.raises(SystemExit) as exc:
            main(argv)
        out, err = self.capfd.readouterr()
        out, err = out.decode(), err.decode()
        assert TOKEN not in out and TOKEN not in err
        return exc.value.code, out, err

    def report(self, name: str = "report.json") -> dict:
        return json.loads((self.tmp / name).read_text())

    def statuses(self, name: str = "report.json") -> dict[str, str]:
        return {r["repo"]: r["status"] for r in self.report(name)["repos"]}

    def close(self) -> None:
        self.forge.__exit__(None, None, None)
        errors = contract.check_all(self.forge.requests)
        assert not errors, "requests that break GitHub's OpenAPI description:\n" + "\n".join(errors)


def _make_forge(sleeps, kind, api_url, repo, token, **options):
    return REAL_MAKE_FORGE(kind, api_url, repo, token, sleep=sleeps.append, clock=lambda: 1_700_000_000.0, **options)


@pytest.fixture
def org(tmp_path, capfdbinary, monkeypatch):
    o = Org(tmp_path, capfdbinary, monkeypatch)
    o.add("leaky", {"go.mod": GO_MOD, "leaky.go": LEAK, ".leakfix.toml": FIX_ALL})
    o.add("second", {"go.mod": GO_MOD, "head.go": SECOND_LEAK, ".leakfix.toml": FIX_ALL})
    o.add("clean", {"go.mod": GO_MOD, "clean.go": CLEAN})
    o.add("optedout", {"go.mod": GO_MOD, "leaky.go": LEAK, ".leakfix.toml": '[rules]\ndisable = ["defer-close"]\n'})
    try:
        yield o
    finally:
        o.close()


ALL = ["leaky", "second", "clean", "optedout"]


def files_containing(folder: Path, needle: bytes) -> list[str]:
    hits = []
    for dirpath, _, names in os.walk(folder):
        for n in names:
            p = Path(dirpath) / n
            try:
                if needle in p.read_bytes():
                    hits.append(str(p))
            except OSError:
                pass
    return hits


def test_pull_requests_for_the_leaky_repositories_only_and_a_missing_one_fails_alone(org):
    org.add("missing", None)  # listed on the forge, nothing to clone
    code, out, err = org.run(org.repos_file(ALL[:2] + ["missing"] + ALL[2:]), "--jobs", "2",
                             git_url=f"{org.forge.url}/git/{{repo}}.git")  # git over HTTP with the token
    assert code == 1
    report = org.report()
    assert report["version"] == 1
    by_repo = {r["repo"]: r for r in report["repos"]}
    assert [r["repo"] for r in report["repos"]] == ["acme/leaky", "acme/second", "acme/missing", "acme/clean",
                                                    "acme/optedout"]
    assert {k: v["status"] for k, v in by_repo.items()} == {
        "acme/leaky": "opened", "acme/second": "opened", "acme/missing": "failed", "acme/clean": "clean",
        "acme/optedout": "clean"}
    assert set(org.forge.all_pulls()) == {"leaky", "second"}
    leaky = by_repo["acme/leaky"]
    assert leaky["fixes"] == 1 and leaky["findings"] == 1 and leaky["per_rule"] == {"defer-close": 1}
    assert leaky["pull_request"] == {"number": 1, "url": org.forge.repo("leaky").pulls[1]["html_url"]}
    assert leaky["error"] is None
    # its own .leakfix.toml turns the leak's rule off: the bot runs no rule that finds it
    assert by_repo["acme/optedout"]["findings"] == 0 and by_repo["acme/optedout"]["fixes"] == 0
    assert "cannot clone" in by_repo["acme/missing"]["error"]
    assert "acme/missing: failed" in err and "acme/leaky: opened #1" in err
    # the token is nowhere: not in the output (checked by run), the report, the clones' config, the logs
    assert files_containing(org.workdir, TOKEN.encode()) == []
    assert TOKEN not in (org.tmp / "report.json").read_text()
    assert git(org.workdir / "repos" / "acme" / "leaky", "remote", "get-url", "origin") == \
        f"{org.forge.url}/git/acme/leaky.git"
    assert org.forge.git_requests, "git went through the fake's smart HTTP"


def test_a_rerun_opens_nothing_and_sends_no_write(org):
    code, _, _ = org.run(org.repos_file(ALL))
    assert code == 0
    writes = len(org.forge.writes())
    code, _, err = org.run(org.repos_file(ALL), report="again.json")
    assert code == 0
    assert org.statuses("again.json") == {"acme/leaky": "unchanged", "acme/second": "unchanged",
                                          "acme/clean": "clean", "acme/optedout": "clean"}
    assert len(org.forge.writes()) == writes
    assert sum(len(p) for p in org.forge.all_pulls().values()) == 2
    assert "resuming" not in err  # the first run finished: the second is a new run


def test_an_interrupted_run_resumes_where_it_stopped_without_a_second_pull_request(org, capfdbinary):
    from leakfix.bot.campaign import Campaign, CampaignOptions
    from leakfix.bot.run import Options

    seen = []

    def stop_after_two(entry, done, total):
        seen.append(entry.repo)
        if done == 2:
            raise KeyboardInterrupt

    opts = CampaignOptions(bot=Options(token=TOKEN, api_url=org.forge.url), repos=[f"acme/{n}" for n in ALL],
                           git_url=org.file_url, workdir=str(org.workdir), jobs=1, write_interval=0)
    with pytest.raises(KeyboardInterrupt):
        Campaign(opts, on_entry=stop_after_two).run()
    assert seen == ["acme/leaky", "acme/second"]
    assert set(org.forge.all_pulls()) == {"leaky", "second"}
    # the repository already running when the interrupt came (the third) finishes and is recorded
    state = list((org.workdir / "runs").glob("*.jsonl"))
    assert len(state) == 1
    recorded = [json.loads(line)["repo"] for line in state[0].read_text().splitlines()]
    assert recorded[:2] == ["acme/leaky", "acme/second"] and len(recorded) in (2, 3)
    code, _, err = org.run(org.repos_file(ALL))
    assert code == 0
    assert f"resuming an unfinished run: {len(recorded)} of 4 repositories already done" in err
    again = re.findall(r"^leakfix: campaign: \[\d/4\] (\S+):", err, re.M)  # the repositories this run ran
    assert sorted(again + recorded) == sorted(f"acme/{n}" for n in ALL)
    assert org.statuses() == {"acme/leaky": "opened", "acme/second": "opened", "acme/clean": "clean",
                              "acme/optedout": "clean"}
    assert sum(len(p) for p in org.forge.all_pulls().values()) == 2
    assert list((org.workdir / "runs").glob("*.jsonl")) == []  # finished: the next run starts over


def test_a_real_process_stopped_by_sigterm_resumes_in_the_next_run(org):
    import signal
    import subprocess

    argv = [sys.executable, "-m", "leakfix", "campaign", org.repos_file(ALL), "--jobs", "1", "--no-progress",
            "--api-url", org.forge.url, "--git-url", org.file_url, "--workdir", str(org.workdir),
            "--write-interval", "0", "--report", str(org.tmp / "stopped.json")]
    env = {**os.environ, "GITHUB_TOKEN": TOKEN, "LEAKFIX_CACHE_DIR": str(org.tmp / "cache")}
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)
    lines = []
    for raw in proc.stderr:
        lines.append(raw.decode())
        if "[1/4]" in lines[-1]:
            proc.send_signal(signal.SIGTERM)
            break
    rest = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 143, rest
    assert "leakfix: terminated" in rest and TOKEN not in "".join(lines) + rest
    assert not (org.tmp / "stopped.json").exists()
    recorded = [json.loads(line)["repo"] for f in (org.workdir / "runs").glob("*.jsonl") for line in f.read_text().splitlines()]
    assert 1 <= len(recorded) < 4
    code, _, err = org.run(org.repos_file(ALL))
    assert code == 0 and f"resuming an unfinished run: {len(recorded)} of 4" in err
    assert sorted(re.findall(r"\] (acme/\S+):", err)) == sorted(set(f"acme/{n}" for n in ALL) - set(recorded))
    assert sum(len(p) for p in org.forge.all_pulls().values()) == 2
    assert set(org.statuses().values()) == {"opened", "clean"}


def test_parallel_jobs_run_the_rules_without_forking_a_process_pool(org, monkeypatch):
    from leakfix.engine import pipeline

    seen = []
    real = pipeline.execute

    def execute(p, **kw):
        seen.append(kw.get("jobs"))
        return real(p, **kw)

    monkeypatch.setattr(pipeline, "execute", execute)
    code, _, err = org.run(org.repos_file(ALL), "--jobs", "3", "--dry-run")
    assert code == 0, err
    assert seen and set(seen) == {1}
    seen.clear()
    code, _, err = org.run(org.repos_file(ALL), "--jobs", "1", "--dry-run", "--restart", report="one.json")
    assert code == 0, err
    assert seen and set(seen) == {None}  # one repository at a time: the engine's own default


def test_a_base_that_moved_on_is_deepened_so_the_bots_branch_is_still_its_own(org):
    """A depth-1 clone cannot show that the bot's commit sits on an older base commit; the
    campaign fetches enough history, so the bot updates its branch instead of leaving it alone."""
    code, _, _ = org.run(org.repos_file(["leaky"]))
    assert code == 0
    first = git(org.tmp / "origin" / "acme" / "leaky.git", "rev-parse", "refs/heads/leakfix/fixes")
    push_to(org.tmp, "leaky", {"head.go": SECOND_LEAK}, "a second leak")
    for workdir in ("work", "fresh"):  # the reused clone, then a new one
        org.workdir = org.tmp / workdir
        code, _, err = org.run(org.repos_file(["leaky"]), report=f"{workdir}.json")
        assert code == 0, err
        assert org.statuses(f"{workdir}.json") == {"acme/leaky": "updated" if workdir == "work" else "unchanged"}
        assert "left alone" not in err
    assert git(org.tmp / "origin" / "acme" / "leaky.git", "rev-parse", "refs/heads/leakfix/fixes") != first
    assert org.report("work.json")["repos"][0]["fixes"] == 2
    assert len(org.forge.repo("leaky").pulls) == 1


def test_a_persons_commit_on_the_bots_branch_is_left_alone_and_reported_skipped(org):
    code, _, _ = org.run(org.repos_file(["leaky", "second"]))
    assert code == 0
    bare = org.tmp / "origin" / "acme" / "leaky.git"
    scratch = org.tmp / "person"
    git(org.tmp, "clone", "--quiet", "--branch", "leakfix/fixes", str(bare), str(scratch))
    (scratch / "notes.txt").write_text("reviewed\n")
    git(scratch, "add", "-A")
    git(scratch, "commit", "--quiet", "-m", "a person's commit")
    git(scratch, "push", "--quiet", "origin", "HEAD:refs/heads/leakfix/fixes")
    pushed = git(bare, "rev-parse", "refs/heads/leakfix/fixes")
    writes = len(org.forge.writes())
    code, _, err = org.run(org.repos_file(["leaky", "second"]), report="again.json")
    assert code == 0, err
    again = {r["repo"]: r for r in org.report("again.json")["repos"]}
    assert again["acme/leaky"]["status"] == "skipped" and "left alone" in again["acme/leaky"]["note"]
    assert again["acme/second"]["status"] == "unchanged"
    assert git(bare, "rev-parse", "refs/heads/leakfix/fixes") == pushed and len(org.forge.writes()) == writes


def test_group_by_rule_reports_every_pull_request_of_a_repository(org):
    examples = Path(__file__).resolve().parents[1] / "examples"
    org.add("many", {"go.mod": GO_MOD, "leaks.go": (examples / "leaks.go").read_text(),
                     "lifecycle.go": (examples / "lifecycle.go").read_text(), ".leakfix.toml": FIX_ALL})
    code, _, err = org.run(org.repos_file(["many", "clean"]), "--group-by", "rule")
    assert code == 0, err
    many = next(r for r in org.report()["repos"] if r["repo"] == "acme/many")
    pulls = org.forge.repo("many").pulls
    assert many["status"] == "opened" and len(pulls) == len(many["per_rule"]) >= 2
    assert sorted(p["number"] for p in many["pull_requests"]) == sorted(pulls)
    assert many["pull_request"] == many["pull_requests"][0] and many["fixes"] == sum(many["per_rule"].values())
    assert {p["head"]["ref"] for p in pulls.values()} == {f"leakfix/fixes-{rule}" for rule in many["per_rule"]}


def test_a_broken_clone_in_the_work_folder_is_cloned_again(org):
    broken = org.workdir / "repos" / "acme" / "leaky"
    broken.mkdir(parents=True)
    git(broken, "init", "--quiet")  # a git repository without origin, as a clone cut short leaves
    code, _, err = org.run(org.repos_file(["leaky"]))
    assert code == 0, err
    assert org.statuses() == {"acme/leaky": "opened"}
    assert git(broken, "remote", "get-url", "origin") == org.file_url.replace("{repo}", "acme/leaky")


def test_a_campaign_on_gitlab_opens_a_merge_request_in_a_subgroups_project(tmp_path, capfdbinary, monkeypatch):
    from bot_support.fake_gitlab import FakeGitLab
    from leakfix.app import main

    seed = tmp_path / "seed"
    seed.mkdir()
    for rel, text in {"go.mod": GO_MOD, "leaky.go": LEAK}.items():
        (seed / rel).write_text(text)
    git(seed, "init", "--quiet")
    git(seed, "add", "-A")
    git(seed, "commit", "--quiet", "-m", "initial")
    bare = tmp_path / "origin" / "grp" / "sub" / "leaky.git"
    bare.parent.mkdir(parents=True)
    git(tmp_path, "clone", "--quiet", "--bare", str(seed), str(bare))
    lab = FakeGitLab(TOKEN, bare=bare, owner="grp/sub", name="leaky").__enter__()
    try:
        for var in ("LEAKFIX_TOKEN", "GITHUB_TOKEN", "CI_API_V4_URL"):
            monkeypatch.delenv(var, raising=False)
        monkeypatch.setenv("LEAKFIX_TOKEN", TOKEN)
        (tmp_path / "repos.txt").write_text("grp/sub/leaky\n")
        capfdbinary.readouterr()
        with pytest.raises(SystemExit) as exc:
            main(["campaign", str(tmp_path / "repos.txt"), "--forge", "gitlab", "--api-url", lab.url,
                  "--git-url", f"file://{tmp_path}/origin/{{repo}}.git", "--workdir", str(tmp_path / "work"),
                  "--report", str(tmp_path / "report.json"), "--write-interval", "0", "--no-progress"])
        out, err = (x.decode() for x in capfdbinary.readouterr())
        assert exc.value.code == 0, err
        assert TOKEN not in out + err
        report = json.loads((tmp_path / "report.json").read_text())
        mr = lab.pulls[1]
        assert report["repos"] == [{"repo": "grp/sub/leaky", "status": "opened", "findings": 1, "fixes": 1,
                                    "pull_request": {"number": 1, "url": mr["web_url"]}, "error": None,
                                    "per_rule": {"defer-close": 1}}]
        assert mr["source_branch"] == "leakfix/fixes" and (tmp_path / "work" / "repos" / "grp" / "sub" / "leaky").is_dir()
        errors = contract.check_all(lab.requests, "gitlab")
        assert not errors, "\n".join(errors)
    finally:
        lab.__exit__(None, None, None)


def test_dry_run_touches_nothing_remote_and_writes_each_patch(org):
    code, out, err = org.run(org.repos_file(ALL), "--dry-run")
    assert code == 0, err
    assert org.forge.requests == []  # no API request at all, let alone a write
    assert git(org.tmp / "origin" / "acme" / "leaky.git", "branch", "--list", "leakfix/*") == ""
    report = org.report()
    assert report["dry_run"] is True
    assert org.statuses()["acme/leaky"] == "opened"  # what a run would do
    patch = org.workdir / "patches" / "acme" / "leaky.patch"
    assert patch.is_file() and not (org.workdir / "patches" / "acme" / "clean.patch").exists()
    check = org.tmp / "check"
    git(org.tmp, "clone", "--quiet", str(org.tmp / "origin" / "acme" / "leaky.git"), str(check))
    git(check, "apply", str(patch))
    assert "defer f.Close()" in (check / "leaky.go").read_text()


def test_org_listing_skips_archived_repositories_and_forks_unless_asked(org):
    org.add("old", {"go.mod": GO_MOD, "leaky.go": LEAK, ".leakfix.toml": FIX_ALL}, archived=True)
    org.add("forked", {"go.mod": GO_MOD, "leaky.go": LEAK, ".leakfix.toml": FIX_ALL}, fork=True)
    code, _, err = org.run("--org", "acme")
    assert code == 0, err
    statuses = org.statuses()
    assert statuses["acme/old"] == "skipped" and statuses["acme/forked"] == "skipped"
    assert statuses["acme/leaky"] == "opened"
    assert "old" not in org.forge.all_pulls() and "forked" not in org.forge.all_pulls()
    code, _, err = org.run("--org", "acme", "--include-forks", report="forks.json")
    assert code == 0, err
    assert org.statuses("forks.json")["acme/forked"] == "opened"
    assert org.statuses("forks.json")["acme/old"] == "skipped"
    listing = [r for r in org.forge.requests if r.path == "/orgs/acme/repos"]
    assert listing and all(r.query.get("per_page") == ["100"] for r in listing)


def test_a_rate_limit_holds_every_job_and_the_run_finishes(org):
    org.forge.inject(429, method="GET", path=r"/pulls$", headers={"Retry-After": "1"})
    code, _, err = org.run(org.repos_file(ALL), "--jobs", "4")
    assert code == 0, err
    assert org.statuses()["acme/leaky"] == "opened" and org.statuses()["acme/second"] == "opened"
    assert sum(1 for r in org.forge.requests if r.path.endswith("/pulls") and r.method == "POST") == 2
    assert org.forge.faults[0].times == 0  # the 429 was served, waited for and retried


def test_the_list_can_come_from_stdin_and_a_progress_bar_can_be_asked_for(org, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("acme/leaky\n# acme/second\n"))
    code, _, err = org.run("-", "--dry-run", "--progress")
    assert code == 0, err
    assert org.statuses() == {"acme/leaky": "opened"}
    assert "acme/leaky: opened" in err


def test_usage_errors_exit_2(org):
    for args, said in ((["--org", "acme", org.repos_file(ALL)], "either REPOS_FILE or --org"),
                       ([org.repos_file(ALL), "--shard", "3/2"], "--shard"),
                       ([org.repos_file(ALL), "--only", "no-such-rule"], "--only: unknown rule 'no-such-rule'"),
                       ([org.repos_file(ALL), "--branch", "bad..name"], "--branch"),
                       ([org.repos_file(ALL), "--jobs", "0"], "--jobs"),
                       ([str(org.tmp / "nope.txt")], "nope.txt"),
                       ([org.repos_file(ALL), "--git-url", "file:///x.git"], "{repo}")):
        code, _, err = org.run(*args, report=None) if "--git-url" not in args else _run_raw(org, args)
        assert code == 2 and said in err, (args, err)
    bad = org.tmp / "bad.txt"
    bad.write_text("acme/ok\nnot a repo\n")
    code, _, err = org.run(str(bad))
    assert code == 2 and f"{bad}:2: expected OWNER/NAME" in err
    org.mp.delenv("GITHUB_TOKEN")
    code, _, err = org.run(org.repos_file(ALL))
    assert code == 2 and "no token" in err


def _run_raw(org, args):
    from leakfix.app import main

    org.capfd.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["campaign", *args, "--api-url", org.forge.url, "--workdir", str(org.workdir)])
    out, err = org.capfd.readouterr()
    return exc.value.code, out.decode(), err.decode()


def test_shards_run_disjoint_shares_that_merge_into_one_dashboard(org):
    from leakfix.bot.campaign import shard_index

    names = [f"acme/{n}" for n in ALL]
    for k in (1, 2):
        code, _, err = org.run(org.repos_file(ALL), "--shard", f"{k}/2", report=f"shard{k}.json")
        assert code == 0, err
    one, two = ({r["repo"] for r in org.report(f"shard{k}.json")["repos"]} for k in (1, 2))
    assert one.isdisjoint(two) and one | two == set(names)
    assert one == {n for n in names if shard_index(n, 2) == 0}
    md = org.tmp / "dash.md"
    html = org.tmp / "dash.html"
    from leakfix.app import main

    org.capfd.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["campaign", "report", str(org.tmp / "shard1.json"), str(org.tmp / "shard2.json"),
              "--markdown", str(md), "--html", str(html)])
    assert exc.value.code == 0
    text = md.read_text()
    assert "4 repositories, 2 findings, 2 fixes." in text
    assert "| opened | 2 |" in text and "| clean | 2 |" in text and "| `defer-close` | 2 |" in text
    url = org.forge.repo("leaky").pulls[1]["html_url"]
    assert f"| acme/leaky | opened | 1 | 1 | [#1]({url}) |  |" in text
    page = html.read_text()
    assert f'<a href="{url}">#1</a>' in page and page.startswith("<!DOCTYPE html>")
