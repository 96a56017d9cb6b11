"""The files around the bot: action.yml, .pre-commit-hooks.yaml and the README's workflow.

The action's run script is executed with bash as Actions would (inputs in the environment) and a
stand-in `leakfix` that prints its arguments; the pre-commit hooks' entries are run on a file.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def test_the_action_is_composite_and_declares_the_inputs_it_uses():
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    setup = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/setup-python@"))
    assert 'pip install' in steps[setup + 1]["run"] and '"$GITHUB_ACTION_PATH"' in steps[setup + 1]["run"]
    declared = set(ACTION["inputs"])
    assert {"token", "branch", "labels", "only", "skip", "dry-run", "mode"} <= declared
    used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", (ROOT / "action.yml").read_text()))
    assert used <= declared, used - declared
    for step in steps:
        assert "${{" not in step.get("run", "")  # inputs reach the scripts through env only
    assert bot_step()["env"]["LEAKFIX_TOKEN"] == "${{ inputs.token }}"


def bot_step() -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("id") == "bot")


def run_action_script(tmp_path, **inputs) -> list[str]:
    """Run the action's bot step with INPUT_* env, `leakfix` replaced by an argument printer."""
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "leakfix").write_text('#!/usr/bin/env bash\nfor a in "$@"; do printf "%s\\n" "$a"; done\n')
    (fake / "leakfix").chmod(0o755)
    step = bot_step()
    env = {"PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(tmp_path / "github_output"),
           "RUNNER_TEMP": str(tmp_path)}
    for name, value in step["env"].items():
        m = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", value)
        key = m.group(1)
        default = ACTION["inputs"][key].get("default", "")
        env[name] = inputs.get(key.replace("-", "_"), "" if default.startswith("${{") else default)
    proc = subprocess.run(["bash", "-c", step["run"]], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_the_action_passes_its_defaults(tmp_path):
    assert run_action_script(tmp_path) == ["bot", ".", "--branch", "leakfix/fixes"]


def test_the_action_passes_every_input(tmp_path):
    argv = run_action_script(tmp_path, path="svc", branch="bot/x", base="dev", labels=" leaks, automated ,,",
                             only="defer-close", skip="stop-timer", group_by="rule", draft="true", dry_run="true")
    assert argv == ["bot", "svc", "--branch", "bot/x", "--base", "dev", "--only", "defer-close", "--skip", "stop-timer",
                    "--group-by", "rule", "--draft", "--dry-run", "--label", "leaks", "--label", "automated"]


def test_pre_commit_hooks():
    hooks = {h["id"]: h for h in HOOKS}
    assert set(hooks) == {"leakfix-check", "leakfix-diff", "leakfix-apply", "leakfix-check-all", "leakfix-apply-all"}
    assert hooks["leakfix-check"]["entry"] == "leakfix check --new-from-rev HEAD"
    assert hooks["leakfix-diff"]["entry"] == "leakfix diff --exit-code --new-from-rev HEAD"
    assert hooks["leakfix-apply"]["entry"] == "leakfix apply --new-from-rev HEAD"
    assert hooks["leakfix-check-all"]["entry"] == "leakfix check"
    assert hooks["leakfix-apply-all"]["entry"] == "leakfix apply"
    for h in hooks.values():
        assert h["language"] == "python" and h["types"] == ["go"] and h["pass_filenames"] is True
        assert h["require_serial"] is True


def test_pre_commit_entries_work_on_passed_filenames(tmp_path, capfdbinary, monkeypatch):
    from leakfix.app import main

    leak = 'package p\n\nimport "os"\n\nfunc F(p string) error {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\treturn err\n\t}\n\t_ = f\n\treturn nil\n}\n'
    (tmp_path / "a.go").write_text(leak)
    monkeypatch.chdir(tmp_path)

    def hook(hook_id: str) -> int:
        entry = shlex.split(next(h["entry"] for h in HOOKS if h["id"] == hook_id))
        assert entry[0] == "leakfix"
        with pytest.raises(SystemExit) as exc:
            main(entry[1:] + ["a.go"])
        capfdbinary.readouterr()
        return exc.value.code

    assert hook("leakfix-check-all") == 1
    assert hook("leakfix-apply-all") == 0
    assert "defer f.Close()" in (tmp_path / "a.go").read_text()
    assert hook("leakfix-check-all") == 0


def test_the_readme_workflow_runs_the_action_on_a_schedule_with_write_permissions():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Bot and GitHub Action", 1)[1].split("\n## ", 1)[0]
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.S)]
    workflow = next(b for b in blocks if "jobs" in b)
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert "schedule" in on and "workflow_dispatch" in on
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    steps = workflow["jobs"]["leakfix"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert "leakfix@" in steps[1]["uses"]
    assert set(steps[1].get("with", {})) <= set(ACTION["inputs"])
    hooks_section = readme.split("### pre-commit", 1)[1].split("\n### ", 1)[0]
    hooks_cfg = yaml.safe_load(re.findall(r"```yaml\n(.*?)```", hooks_section, re.S)[0])
    assert hooks_cfg["repos"][0]["hooks"][0]["id"] in {h["id"] for h in HOOKS}
