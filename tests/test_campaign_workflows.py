"""The CI files shipped for campaigns (docs/campaign-*.yml) parse, run shards that cover the list,
and call `leakfix campaign` only with options it has."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / "docs" / "campaign-github-actions.yml"
GITLAB = ROOT / "docs" / "campaign-gitlab-ci.yml"


def options_of(sub: str) -> set[str]:
    from leakfix.app import app

    group = typer.main.get_command(app).commands["campaign"]
    return {opt for p in group.commands[sub].params for opt in p.opts + p.secondary_opts if opt.startswith("-")}


def scripts(ci: dict) -> list[str]:
    """Every shell script of a parsed workflow or pipeline (GitHub `run`, GitLab `script`)."""
    out = []
    for job in (ci.get("jobs") or ci).values():
        if not isinstance(job, dict):
            continue
        out += [s["run"] for s in job.get("steps") or [] if "run" in s] + list(job.get("script") or [])
    return out


def commands(ci: dict) -> list[list[str]]:
    """Every `leakfix campaign ...` command line, with CI expressions made plain words."""
    out = []
    for script in scripts(ci):
        for line in re.sub(r"\$\{\{[^}]*\}\}", "X", script).splitlines():
            if line.strip().startswith("leakfix campaign"):
                out.append(shlex.split(line))
    return out


def check_commands(ci: dict) -> int:
    found = commands(ci)
    for words in found:
        sub = "report" if words[2] == "report" else "run"
        unknown = [w for w in words if w.startswith("--") and w not in options_of(sub)]
        assert not unknown, (words, unknown)
    return len(found)


def test_the_github_workflow_runs_every_shard_and_merges_their_reports():
    text = GITHUB.read_text()
    wf = yaml.safe_load(text)
    shards = wf["jobs"]["shard"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, int(wf["env"]["SHARDS"]) + 1))
    assert wf["jobs"]["shard"]["strategy"]["fail-fast"] is False
    assert wf["jobs"]["dashboard"]["needs"] == "shard" and wf["jobs"]["dashboard"]["if"] == "always()"
    steps = wf["jobs"]["shard"]["steps"]
    assert any(s.get("uses", "").startswith("actions/upload-artifact") and s.get("if") == "always()" for s in steps)
    run = next(s["run"] for s in steps if s.get("name") == "campaign")
    assert "--shard ${{ matrix.shard }}/${{ env.SHARDS }}" in run and "--report report-${{ matrix.shard }}.json" in run
    assert check_commands(wf) == 2


def test_the_gitlab_pipeline_runs_parallel_shards_and_a_dashboard_after_them():
    text = GITLAB.read_text()
    ci = yaml.safe_load(text)
    job = ci["leakfix-campaign"]
    assert job["parallel"] >= 2 and job["artifacts"]["when"] == "always"
    assert '--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"' in job["script"][0]
    dash = ci["leakfix-dashboard"]
    assert dash["needs"][0]["job"] == "leakfix-campaign" and all(r["when"] == "always" for r in dash["rules"])
    assert "when" not in dash  # GitLab refuses a job-level `when` next to `rules`
    assert check_commands(ci) == 2


def test_the_check_catches_an_option_the_command_does_not_have():
    assert check_commands({"job": {"script": ["leakfix campaign repos.txt --shard 1/2"]}}) == 1
    with pytest.raises(AssertionError):
        check_commands({"job": {"script": ["leakfix campaign repos.txt --shards 1/2"]}})
