"""The formats CI systems read (GitHub workflow commands, GitLab code quality, checkstyle), several
outputs in one run, and the commands the README's "Use in CI" section and the hooks run."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from leakfix.engine.model import Finding
from leakfix.engine.report import render_checkstyle, render_code_climate, render_github

REPO = Path(__file__).resolve().parents[1]
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

LEAK = """package p

import "os"

func First(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	_ = f
	return nil
}
"""


def leakfix(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("leakfix")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "leakfix"]
    return subprocess.run(cmd + list(args), cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})


# defer-cancel fixes by default (no --fix needed): the hooks' fixable case.
CANCEL = """package p

import (
	"context"
	"time"
)

func Probe(parent context.Context, check func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, 5*time.Second)
	return check(ctx)
}
"""


def finding(path="pkg/a.go", line=3, message="m", rule="defer-close", reason=None) -> Finding:
    return Finding(rule, 0, 1, message, reason=reason, path=path, line=line, column=2, end_line=line, end_column=9)


# --- GitHub workflow commands ---------------------------------------------------------------


def test_github_commands_name_the_rule_and_the_span():
    out = render_github([finding(reason="owned elsewhere")], [("bad.go", "syntax error at 3:1")])
    assert out == (
        "::warning file=pkg/a.go,line=3,col=2,endLine=3,endColumn=9,title=defer-close::m (not fixed: owned elsewhere)\n"
        "::error file=bad.go::syntax error at 3:1\n"
    )


def test_github_commands_escape_data_and_properties_as_github_does():
    odd = finding(path="dir,x:y/100%.go", message="50% done\r\nnext: a, b")
    (line,) = render_github([odd], []).splitlines()
    assert line.startswith("::warning file=dir%2Cx%3Ay/100%25.go,line=3,")
    assert line.endswith("::50% done%0D%0Anext: a, b".replace("50%", "50%25"))


def test_github_paths_are_relative_to_the_root_given(tmp_path):
    inside = tmp_path / "svc" / "a.go"
    out = render_github([finding(path=str(inside))], [], root=str(tmp_path))
    assert out.startswith("::warning file=svc/a.go,")


@needs_git
def test_check_format_github_from_a_subdirectory_gives_repository_paths(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "a.go").write_text(LEAK)
    proc = leakfix(tmp_path / "svc", "check", "--only", "defer-close", "--format", "github")
    assert proc.returncode == 1
    assert proc.stdout.startswith("::warning file=svc/a.go,line=6,col=12,endLine=6,endColumn=25,title=defer-close::")


# --- GitLab code quality --------------------------------------------------------------------


def _climate(body: str, path="a.go") -> list[dict]:
    lines = body.split("\n")
    found = [finding(path=path, line=i + 1, message="leak") for i, text in enumerate(lines) if "os.Open" in text]
    return json.loads(render_code_climate(found, [], {path: body.encode()}))


def test_code_climate_issue_has_what_gitlab_requires():
    (issue,) = _climate(LEAK)
    assert issue["check_name"] == "defer-close" and issue["description"] == "leak"
    assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
    assert issue["location"] == {"path": "a.go", "lines": {"begin": 6, "end": 6}}
    assert issue["type"] == "issue" and len(issue["fingerprint"]) == 64


def test_code_climate_fingerprint_survives_moving_the_code_and_reindenting_it():
    (before,) = _climate(LEAK)
    moved = LEAK.replace("import \"os\"\n", "import \"os\"\n\n// a comment\n// and another\n")
    moved = moved.replace("\tf, err := os.Open(path)", "\t  f, err :=  os.Open(path)")
    (after,) = _climate(moved)
    assert after["location"]["lines"]["begin"] == 9
    assert after["fingerprint"] == before["fingerprint"]


def test_code_climate_fingerprints_of_equal_lines_differ_by_their_order():
    body = LEAK + LEAK.split("\n\n", 2)[2].replace("First", "Second")
    first, second = _climate(body)
    assert first["fingerprint"] != second["fingerprint"]
    (other_file,) = _climate(LEAK, path="b.go")
    assert other_file["fingerprint"] not in (first["fingerprint"], second["fingerprint"])


# --- checkstyle -----------------------------------------------------------------------------


def test_checkstyle_is_xml_grouped_by_file_with_escaped_text():
    out = render_checkstyle([finding(message='a <b> & "c"\x01'), finding(path="z.go", line=1)], [("bad.go", "broken")])
    root = ET.fromstring(out.encode())
    assert root.tag == "checkstyle"
    files = {f.get("name"): f for f in root}
    assert sorted(files) == ["bad.go", "pkg/a.go", "z.go"]
    (error,) = files["pkg/a.go"]
    assert error.attrib == {"line": "3", "column": "2", "severity": "warning", "message": 'a <b> & "c"\ufffd',
                            "source": "leakfix.defer-close"}
    assert files["bad.go"][0].get("severity") == "error"


# --- several outputs in one run -------------------------------------------------------------


def test_output_writes_several_formats_in_one_run(tmp_path):
    (tmp_path / "a.go").write_text(LEAK)
    proc = leakfix(tmp_path, "check", "--only", "defer-close", "--format", "github",
                   "--output", "sarif:out.sarif", "--output", "code-climate:gl-code-quality-report.json",
                   "--output", "checkstyle:cs.xml", "--output", "json:out.json", "--output", "text:out.txt")
    assert proc.returncode == 1
    assert proc.stdout.startswith("::warning file=a.go,")
    sarif = json.loads((tmp_path / "out.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["ruleId"] == "defer-close"
    assert json.loads((tmp_path / "gl-code-quality-report.json").read_text())[0]["check_name"] == "defer-close"
    assert ET.fromstring((tmp_path / "cs.xml").read_bytes()).find("file").get("name") == "a.go"
    assert json.loads((tmp_path / "out.json").read_text())["findings"][0]["line"] == 6
    assert (tmp_path / "out.txt").read_text().startswith("a.go:6:12: defer-close ")


def test_output_alone_leaves_stdout_empty_and_dash_is_stdout(tmp_path):
    (tmp_path / "a.go").write_text(LEAK)
    quiet = leakfix(tmp_path, "check", "--only", "defer-close", "--output", "json:out.json")
    assert quiet.returncode == 1 and quiet.stdout == ""
    dash = leakfix(tmp_path, "check", "--only", "defer-close", "--output", "checkstyle:-")
    assert dash.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle')


def test_a_bad_output_is_a_usage_error(tmp_path):
    for value, message in (("yaml:x", "unknown format 'yaml'"), ("json", "expected FORMAT:PATH")):
        proc = leakfix(tmp_path, "check", "--output", value)
        assert proc.returncode == 2 and message in proc.stderr and proc.stderr.count("\n") == 1


def test_sarif_help_uri_points_into_the_readme_rules_table(tmp_path):
    (tmp_path / "a.go").write_text(LEAK)
    log = json.loads(leakfix(tmp_path, "check", "--format", "sarif").stdout)
    readme = (REPO / "README.md").read_text()
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        anchor = rule["helpUri"].split("#", 1)[1]
        assert rule["helpUri"].startswith("https://") and f'<a id="{anchor}"></a>' in readme
        assert "\n" not in rule["fullDescription"]["text"] and len(rule["fullDescription"]["text"]) < 600


# --- pre-commit hooks and the Action --------------------------------------------------------


def hooks() -> dict[str, dict]:
    return {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}


def test_every_hook_runs_serially_on_go_files():
    for hook in hooks().values():
        assert hook["require_serial"] is True and hook["types"] == ["go"] and hook["entry"].startswith("leakfix ")


def _hook(repo: Path, hook_id: str, *files: str) -> subprocess.CompletedProcess:
    entry = hooks()[hook_id]["entry"].split()
    assert entry[0] == "leakfix"
    return leakfix(repo, *entry[1:], *files)


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@needs_git
def test_hook_entries_check_only_what_the_commit_changes(tmp_path):
    """An old leak it cannot fix does not fail every commit; a new fixable one is fixed (pre-commit
    then fails the commit because files changed) and the hook itself exits 0; a new unfixable one
    fails it, as `leakfix check` would."""
    unfixable = LEAK.replace("\t\treturn err\n", "\t\tprintln(err.Error())\n").replace("First", "Keep")
    _git(tmp_path, "init", "-q")
    (tmp_path / "old.go").write_text(unfixable)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "old")
    (tmp_path / "old.go").write_text(unfixable + "\n// touched\n")
    _git(tmp_path, "add", ".")
    for hook_id in ("leakfix-check", "leakfix-apply"):
        assert _hook(tmp_path, hook_id, "old.go").returncode == 0, hook_id
    (tmp_path / "new.go").write_text(CANCEL)
    _git(tmp_path, "add", "new.go")
    check = _hook(tmp_path, "leakfix-check", "old.go", "new.go")
    assert check.returncode == 1 and check.stdout.startswith("new.go:9:12: defer-cancel ")
    shown = _hook(tmp_path, "leakfix-diff", "old.go", "new.go")
    assert shown.returncode == 1 and "+\tdefer cancel()" in shown.stdout and "old.go" not in shown.stdout
    apply = _hook(tmp_path, "leakfix-apply", "old.go", "new.go")
    assert apply.returncode == 0, apply.stderr
    assert "defer cancel()" in (tmp_path / "new.go").read_text()
    (tmp_path / "new2.go").write_text(unfixable.replace("Keep", "Keep2"))
    _git(tmp_path, "add", "new2.go")
    left = _hook(tmp_path, "leakfix-apply", "new2.go")
    assert left.returncode == 1 and "left to fix by hand" in left.stderr
    full = _hook(tmp_path, "leakfix-check-all", "old.go")
    assert full.returncode == 1


def test_the_action_documents_every_input_and_output_in_the_readme():
    action = yaml.safe_load((REPO / "action.yml").read_text())
    readme = (REPO / "README.md").read_text()
    section = readme.split("### GitHub Action\n", 1)[1].split("\n### ", 1)[0]
    for name in list(action["inputs"]) + list(action["outputs"]):
        assert f"`{name}`" in section, name
    assert set(action["outputs"]) >= {"pull-request-number", "pull-request-url"}
    assert action["inputs"]["mode"]["default"] == "bot"


# --- the bot's pull request line (the Action's outputs) -------------------------------------


@pytest.fixture
def bot_world(tmp_path, capfdbinary, monkeypatch):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bot_support.world import make_world

    w, gh = make_world(tmp_path, capfdbinary, monkeypatch)
    try:
        yield w
    finally:
        gh.__exit__(None, None, None)


@needs_git
def test_the_bot_prints_one_parseable_line_per_pull_request(bot_world):
    from bot_support.gitrepo import LEAK

    (bot_world.repos.clone / "leaky.go").write_text(LEAK)
    first = bot_world.bot()
    assert first.code == 0, first.err
    (line,) = first.out.splitlines()
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    assert line.split()[0] == "pull-request" and fields["operation"] == "created" and fields["number"] == "1"
    assert fields["url"].endswith("/pull/1") and fields["branch"] == "leakfix/fixes"
    again = bot_world.bot()
    assert again.out.split()[:2] == ["pull-request", "operation=unchanged"]


def _action_step(step_id: str) -> str:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == step_id]
    return step["run"]


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines())


@needs_git
def test_the_actions_check_step_reports_new_findings_of_a_pull_request(tmp_path):
    """The check step's script, run as the runner would on a pull_request event."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "old.go").write_text(CANCEL)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "old")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(repo, "checkout", "-q", "-b", "topic")
    (repo / "new.go").write_text(CANCEL.replace("Probe", "Probe2"))
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "new")
    outputs = tmp_path / "github_output"
    outputs.write_text("")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_OUTPUT": str(outputs), "GITHUB_BASE_REF": "main", "INPUT_PATH": ".", "INPUT_NEW_ONLY": "true",
           "INPUT_SARIF_FILE": "leakfix.sarif", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    proc = subprocess.run(["bash", "-c", _action_step("check")], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("::warning file=new.go,line=9,") and "old.go" not in proc.stdout
    assert _outputs(outputs) == {"sarif-file": "leakfix.sarif", "findings": "1"}
    assert json.loads((repo / "leakfix.sarif").read_text())["runs"][0]["results"][0]["ruleId"] == "defer-cancel"


def test_the_actions_bot_step_turns_the_pull_request_line_into_outputs(tmp_path):
    fake = tmp_path / "bin" / "leakfix"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pull-request operation=created number=7 url=https://x/pull/7 branch=leakfix/fixes'\n")
    fake.chmod(0o755)
    outputs = tmp_path / "github_output"
    outputs.write_text("")
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(outputs),
           "RUNNER_TEMP": str(tmp_path)}
    proc = subprocess.run(["bash", "-c", _action_step("bot")], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert _outputs(outputs) == {"pull-request-operation": "created", "pull-request-number": "7",
                                 "pull-request-url": "https://x/pull/7"}


def test_the_installed_metadata_names_the_license_file_and_the_repository():
    from importlib.metadata import metadata

    meta = metadata("leakfix")
    assert meta["License-Expression"] == "MIT"
    assert {"LICENSE", "grammar/LICENSE"} <= set(meta.get_all("License-File"))
    assert (REPO / "LICENSE").read_text().startswith("MIT License\n\nCopyright (c) 2026 the leakfix authors\n")
    assert any(url.startswith("Repository, https://") for url in meta.get_all("Project-URL"))
    assert "Programming Language :: Python :: 3 :: Only" in meta.get_all("Classifier")


def _readme_block(after: str, lang: str) -> str:
    readme = (REPO / "README.md").read_text()
    return readme.split(after, 1)[1].split(f"```{lang}\n", 1)[1].split("```", 1)[0]


@needs_git
def test_the_readme_gitlab_job_writes_a_code_quality_report_of_the_new_findings(tmp_path):
    job = yaml.safe_load(_readme_block("### GitLab CI", "yaml"))["leakfix"]
    (command,) = [line for line in job["script"] if line.startswith("leakfix ")]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "old.go").write_text(CANCEL)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "old")
    _git(tmp_path, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(tmp_path, "checkout", "-q", "-b", "topic")
    (tmp_path / "new.go").write_text(CANCEL.replace("Probe", "Probe2"))
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "new")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    proc = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout.startswith("new.go:9:12: defer-cancel ")
    (issue,) = json.loads((tmp_path / "gl-code-quality-report.json").read_text())
    assert issue["location"] == {"path": "new.go", "lines": {"begin": 9, "end": 9}}


def test_the_readme_lists_every_hook_with_its_entry():
    readme = (REPO / "README.md").read_text()
    for hook_id, hook in hooks().items():
        assert f"`{hook_id}`" in readme and (f"`{hook['entry']}`" in readme or hook_id.endswith("-all")), hook_id
