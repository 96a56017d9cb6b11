"""examples/ shows every rule, the opt-in ones too, and the README's commands on it do what it says."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leakfix.codemods import RULES

REPO = Path(__file__).resolve().parents[1]


def leakfix(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("leakfix")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "leakfix"]
    return subprocess.run(cmd + list(args), cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LEAKFIX_NO_CACHE": "1"})


def test_examples_have_a_finding_of_every_rule():
    proc = leakfix(REPO, "check", "--only", ",".join(RULES), "--format", "json", "examples")
    found = {f["rule"] for f in json.loads(proc.stdout)["findings"]}
    assert found == set(RULES)


def test_the_opt_in_rules_fix_the_examples_as_the_readme_says():
    assert "leakfix diff --only sync-pool,bound-map examples" in (REPO / "README.md").read_text()
    proc = leakfix(REPO, "diff", "--only", "sync-pool,bound-map", "examples")
    assert proc.returncode == 0, proc.stderr
    assert "+var cacheBufferPool = sync.Pool{" in proc.stdout  # sync-pool
    assert "+const patternsMaxEntries = 65536" in proc.stdout  # bound-map
    assert "+\t\tpatterns = make(map[string]*regexp.Regexp)" in proc.stdout


@pytest.mark.skipif(shutil.which("go") is None or shutil.which("gofmt") is None, reason="needs go")
def test_the_examples_fixed_by_every_rule_build_and_stay_gofmt_clean(tmp_path):
    copy = tmp_path / "examples"
    shutil.copytree(REPO / "examples", copy)
    proc = leakfix(tmp_path, "apply", "--fix", "all", "--only", ",".join(RULES), "examples")
    assert proc.returncode == 1 and "1 finding(s) left to fix by hand" in proc.stderr  # Lookup, on purpose
    assert subprocess.run(["gofmt", "-l", "."], cwd=copy, capture_output=True, text=True).stdout == ""
    env = {**os.environ, "GOFLAGS": "", "GOTOOLCHAIN": "local"}
    build = subprocess.run(["go", "build", "./..."], cwd=copy, capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stderr
