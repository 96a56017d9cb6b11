"""The parts of `leakfix campaign` on their own: the repository list, shards, clone URLs, the shared
rate budget, organisation listings (GitHub, Gitea), a repository's status from its branches, and
merging reports. httpx.MockTransport answers in-process; clocks and sleeps are injected.
"""
from __future__ import annotations

import json

import httpx
import pytest

from leakfix.bot.campaign import default_git_url, in_shard, parse_repo_list, parse_shard, shard_index, summarize
from leakfix.bot.campaign_report import ReportError, html, markdown, merge
from leakfix.bot.gitea import Gitea
from leakfix.bot.github import GitHub
from leakfix.bot.gitlab import GitLab
from leakfix.bot.run import GroupResult, UsageError
from leakfix.bot.transport import RateBudget

TOKEN = "ghs_PARTSTOKEN7"


def test_the_list_skips_comments_blank_lines_and_duplicates():
    text = "# services\nacme/api\n\n  acme/web  # the site\nacme/api\nother-org/tool.go\n"
    assert parse_repo_list(text) == ["acme/api", "acme/web", "other-org/tool.go"]


def test_gitlab_paths_with_subgroups_are_names_too():
    assert parse_repo_list("grp/sub/svc\n") == ["grp/sub/svc"]


@pytest.mark.parametrize("line", ["acme", "acme/", "acme/../x", "https://github.com/acme/web", "acme/ web"])
def test_a_line_that_is_not_owner_slash_name_is_a_usage_error_with_its_line_number(line):
    with pytest.raises(UsageError, match=r"repos.txt:2: expected OWNER/NAME"):
        parse_repo_list(f"acme/ok\n{line}\n", "repos.txt")


def test_shards_are_disjoint_cover_the_list_and_stay_put_when_it_grows():
    names = [f"org{i % 7}/service-{i}" for i in range(1000)]
    for n in (1, 2, 3, 8):
        shares = [{r for r in names if in_shard(r, (k, n))} for k in range(1, n + 1)]
        assert sum(len(s) for s in shares) == len(names) and set().union(*shares) == set(names)
        if n > 1:
            assert min(len(s) for s in shares) > len(names) / n * 0.8  # an even split, roughly
    grown = names + [f"new/repo-{i}" for i in range(50)]
    assert all(shard_index(r, 4) == shard_index(r, 4) for r in grown)
    before = {r: shard_index(r, 4) for r in names}
    assert {r: shard_index(r, 4) for r in grown if r in before} == before
    assert shard_index("Acme/API", 5) == shard_index("acme/api", 5)  # GitHub's names ignore case


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0"])
def test_bad_shards_are_usage_errors(text):
    with pytest.raises(UsageError, match="--shard"):
        parse_shard(text)


def test_clone_urls_follow_the_api_root():
    assert default_git_url("github", "https://api.github.com") == "https://github.com/{repo}.git"
    assert default_git_url("github", "https://ghe.example.com/api/v3/") == "https://ghe.example.com/{repo}.git"
    assert default_git_url("gitea", "https://codeberg.org/api/v1") == "https://codeberg.org/{repo}.git"
    assert default_git_url("gitlab", "https://gitlab.com/api/v4") == "https://gitlab.com/{repo}.git"


class Clock:
    def __init__(self):
        self.now = 100.0
        self.slept: list[float] = []

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def forge_with(answers, budget, cls=GitHub, repo="acme/one"):
    queue = list(answers)
    seen: list[httpx.Request] = []

    def handler(request):
        seen.append(request)
        return queue.pop(0)

    forge = cls("https://api.example.test", repo, TOKEN, transport=httpx.MockTransport(handler),
                sleep=lambda s: pytest.fail("a client with a budget waits in the budget"), clock=lambda: 1000.0,
                budget=budget)
    return forge, seen


def test_a_429_one_client_gets_holds_the_other_clients_of_the_budget():
    clock = Clock()
    budget = RateBudget(sleep=clock.sleep, clock=lambda: clock.now)
    one, _ = forge_with([httpx.Response(429, headers={"Retry-After": "30"}), httpx.Response(200, json={"default_branch": "main"})], budget)
    two, _ = forge_with([httpx.Response(200, json={"default_branch": "trunk"})], budget, repo="acme/two")
    assert one.default_branch() == "main"
    assert clock.slept == [30.0]
    clock.now -= 30  # as if the second client asked while the first was waiting
    assert two.default_branch() == "trunk"
    assert clock.slept == [30.0, 30.0] and budget.holds == 1


def test_an_exhausted_budget_on_a_success_holds_everyone_until_the_reset():
    clock = Clock()
    budget = RateBudget(sleep=clock.sleep, clock=lambda: clock.now)
    spent = httpx.Response(200, json={"default_branch": "main"},
                           headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1010"})
    one, _ = forge_with([spent], budget)
    two, _ = forge_with([httpx.Response(200, json={"default_branch": "dev"})], budget, repo="acme/two")
    one.default_branch()
    assert clock.slept == []
    two.default_branch()
    assert clock.slept == [11.0]  # reset 1010 - clock 1000, plus a second


def test_writes_are_spaced_by_the_interval_across_clients_reads_are_not():
    clock = Clock()
    budget = RateBudget(write_interval=1.0, sleep=clock.sleep, clock=lambda: clock.now)
    for _ in range(3):
        budget.wait("POST")
    budget.wait("GET")
    assert clock.slept == [1.0, 1.0]


def test_github_lists_an_organisation_page_by_page_and_falls_back_to_a_user():
    page1 = [{"full_name": f"acme/r{i}", "archived": i == 3, "fork": i == 4} for i in range(100)]
    page2 = [{"full_name": "acme/last"}]
    forge, seen = forge_with([httpx.Response(200, json=page1), httpx.Response(200, json=page2)], None)
    repos = forge.org_repositories("acme")
    assert len(repos) == 101 and repos[3].archived and repos[4].fork and repos[-1].full_name == "acme/last"
    assert [dict(r.url.params) for r in seen] == [{"type": "all", "per_page": "100", "page": "1"},
                                                   {"type": "all", "per_page": "100", "page": "2"}]
    assert seen[0].url.path == "/orgs/acme/repos"
    forge, seen = forge_with([httpx.Response(404, json={"message": "Not Found"}),
                              httpx.Response(200, json=[{"full_name": "dana/tool"}])], None)
    assert [r.full_name for r in forge.org_repositories("dana")] == ["dana/tool"]
    assert seen[1].url.path == "/users/dana/repos"


def test_gitea_lists_an_organisation_with_its_page_and_limit():
    forge, seen = forge_with([httpx.Response(200, json=[{"full_name": "acme/a", "archived": True}])], None, cls=Gitea)
    assert [(r.full_name, r.archived) for r in forge.org_repositories("acme")] == [("acme/a", True)]
    assert seen[0].url.path == "/orgs/acme/repos" and dict(seen[0].url.params) == {"limit": "50", "page": "1"}
    assert seen[0].headers["authorization"] == f"token {TOKEN}"


def test_gitlab_lists_a_groups_projects_with_subgroups_and_falls_back_to_a_user():
    page = [{"path_with_namespace": "grp/sub/a", "archived": True},
            {"path_with_namespace": "grp/b", "forked_from_project": {"id": 1}}]
    forge, seen = forge_with([httpx.Response(200, json=page)], None, cls=GitLab, repo="grp/-")
    assert [(r.full_name, r.archived, r.fork) for r in forge.org_repositories("grp")] == [
        ("grp/sub/a", True, False), ("grp/b", False, True)]
    assert seen[0].url.raw_path.decode().startswith("/groups/grp/projects?")
    assert dict(seen[0].url.params) == {"include_subgroups": "true", "per_page": "100", "page": "1"}
    assert seen[0].headers["private-token"] == TOKEN
    forge, seen = forge_with([httpx.Response(404, json={"message": "404 Group Not Found"}),
                              httpx.Response(200, json=[{"path_with_namespace": "dana/tool"}])], None, cls=GitLab)
    assert [r.full_name for r in forge.org_repositories("dana")] == ["dana/tool"]
    assert seen[1].url.path == "/users/dana/projects"


def result(status, fixes=0, left=0, pr=None, rules=None, branch="leakfix/fixes", error=None):
    return GroupResult(branch, status, pr, fixes, left, rules or {}, error)


def test_a_repository_status_comes_from_its_branches():
    pr = {"number": 3, "url": "https://x/pull/3"}
    e = summarize("acme/a", [result("opened", 2, 1, pr, {"defer-close": 2})], 0, None)
    assert (e.status, e.findings, e.fixes, e.pull_request, e.error) == ("opened", 3, 2, pr, None)
    e = summarize("acme/a", [result("unchanged", 1, 0, pr, {"a": 1}, "b-a"), result("updated", 1, 0, pr, {"b": 1}, "b-b")], 0, None)
    assert e.status == "updated" and e.per_rule == {"a": 1, "b": 1} and len(e.pull_requests) == 2
    e = summarize("acme/a", [result("left-alone", 1)], 0, None)
    assert e.status == "skipped" and "left alone" in e.note
    e = summarize("acme/a", [result("closed", 0, 0, pr)], 0, None)
    assert e.status == "clean" and e.pull_request == pr
    e = summarize("acme/a", [], 1, "origin has no branch 'main'")
    assert e.status == "failed" and e.error == "origin has no branch 'main'"
    e = summarize("acme/a", [result("opened", 1, 0, pr), result("failed", 1, error="push refused", branch="x")], 1, None)
    assert e.status == "failed" and e.error == "push refused"


def write(tmp_path, name, repos, version=1):
    path = tmp_path / name
    path.write_text(json.dumps({"version": version, "dry_run": False, "shard": None, "repos": repos}))
    return str(path)


def entry(repo, status, findings=0, fixes=0, pr=None, error=None, per_rule=None):
    return {"repo": repo, "status": status, "findings": findings, "fixes": fixes, "pull_request": pr,
            "error": error, "per_rule": per_rule or {}}


def test_merging_reports_keeps_one_entry_per_repository_and_totals_per_rule(tmp_path):
    pr = {"number": 7, "url": "https://github.com/acme/b/pull/7"}
    one = write(tmp_path, "1.json", [entry("acme/b", "opened", 3, 2, pr, per_rule={"defer-close": 2}),
                                     entry("acme/c|d", "failed", error="cannot clone <x>")])
    two = write(tmp_path, "2.json", [entry("acme/a", "updated", 1, 1, per_rule={"defer-close": 1}),
                                     entry("acme/b", "unchanged", 3, 2, pr, per_rule={"defer-close": 2})])
    m = merge([one, two])
    assert [r["repo"] for r in m.repos] == ["acme/a", "acme/b", "acme/c|d"] and m.duplicates == ["acme/b"]
    assert m.by_status()["unchanged"] == 1 and m.per_rule() == {"defer-close": 3} and m.totals() == (4, 3)
    md = markdown(m)
    assert "| acme/c\\|d | failed | 0 | 0 |  | cannot clone <x> |" in md
    page = html(m)
    assert "cannot clone &lt;x&gt;" in page and '<a href="https://github.com/acme/b/pull/7">#7</a>' in page


def test_a_report_of_another_version_or_not_json_is_refused(tmp_path):
    with pytest.raises(ReportError, match="version 1"):
        merge([write(tmp_path, "v2.json", [], version=2)])
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(ReportError, match="not a JSON report"):
        merge([str(bad)])
    with pytest.raises(ReportError, match="unknown status"):
        merge([write(tmp_path, "s.json", [entry("acme/a", "exploded")])])
