"""New code only (--new-from-rev, --new-from-patch, --new-from-merge-base) on real git histories."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leakfix.engine.model import Finding
from leakfix.engine.newcode import ChangeError, NewCode, from_merge_base, from_patch_text, from_rev

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def leak(name: str) -> str:
    return f"""func {name}(path string) error {{
	f, err := os.Open(path)
	if err != nil {{
		return err
	}}
	_ = f
	return nil
}}
"""


HEADER = 'package p\n\nimport "os"\n\n'
OLD = HEADER + leak("Old")  # the leak on line 6 was there before the change


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def leakfix(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("leakfix")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "leakfix"]
    return subprocess.run(cmd + list(args), cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})


def lines_of(out: str) -> list[tuple[str, int]]:
    return [(f["path"], f["line"]) for f in json.loads(out)["findings"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose one commit holds a leak; then the working tree adds one to that file
    (lines 15-22) and an untracked file with another."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.go").write_text(OLD)
    git(tmp_path, "add", "a.go")
    git(tmp_path, "commit", "-q", "-m", "old")
    (tmp_path / "a.go").write_text(OLD + "\n" + leak("New"))
    (tmp_path / "b.go").write_text(HEADER + leak("Untracked"))
    return tmp_path


def test_check_new_from_rev_reports_only_changed_lines_and_untracked_files(repo):
    everything = leakfix(repo, "check", "--only", "defer-close", "--format", "json")
    assert lines_of(everything.stdout) == [("a.go", 6), ("a.go", 15), ("b.go", 6)]
    new = leakfix(repo, "check", "--only", "defer-close", "--format", "json", "--new-from-rev", "HEAD")
    assert new.returncode == 1, new.stderr
    assert lines_of(new.stdout) == [("a.go", 15), ("b.go", 6)]


def test_diff_new_from_rev_fixes_only_the_new_leaks(repo):
    proc = leakfix(repo, "diff", "--only", "defer-close", "--new-from-rev", "HEAD")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("+\tdefer f.Close()") == 2  # New and Untracked, not Old
    assert "--- a/a.go" in proc.stdout and "--- a/b.go" in proc.stdout
    assert "@@ -3," not in proc.stdout  # nothing near Old (lines 5-12)
    assert proc.stderr == ""  # the old leak is not counted as left either


def test_apply_new_from_rev_leaves_old_code_alone_and_exits_0_when_the_new_code_is_fixed(repo):
    proc = leakfix(repo, "apply", "--only", "defer-close", "--new-from-rev", "HEAD")
    assert proc.returncode == 0, proc.stderr
    a = (repo / "a.go").read_text()
    assert a.count("defer f.Close()") == 1 and a.index("defer f.Close()") > a.index("func New")
    assert "defer f.Close()" in (repo / "b.go").read_text()
    again = leakfix(repo, "check", "--only", "defer-close", "--new-from-rev", "HEAD")
    assert again.returncode == 0 and again.stdout == ""


def test_a_cached_run_limited_to_the_change_does_not_limit_the_next_run(repo):
    limited = leakfix(repo, "diff", "--only", "defer-close", "--new-from-rev", "HEAD")
    full = leakfix(repo, "diff", "--only", "defer-close")
    assert limited.stdout.count("+\tdefer f.Close()") == 2 and full.stdout.count("+\tdefer f.Close()") == 3
    again = leakfix(repo, "diff", "--only", "defer-close", "--new-from-rev", "HEAD")
    assert again.stdout == limited.stdout


def test_a_symlinked_path_to_the_repository_is_the_same_file(repo, tmp_path_factory):
    link = tmp_path_factory.mktemp("links") / "repo"
    link.symlink_to(repo)
    proc = leakfix(repo, "check", "--only", "defer-close", "--format", "json", "--new-from-rev", "HEAD",
                   str(link / "a.go"))
    assert [line for _, line in lines_of(proc.stdout)] == [15]


def test_a_clean_change_passes_even_when_old_code_leaks(repo):
    (repo / "a.go").write_text(OLD + "\n// a comment\n")
    (repo / "b.go").unlink()
    proc = leakfix(repo, "check", "--new-from-rev", "HEAD")
    assert (proc.returncode, proc.stdout) == (0, "")


def test_staged_changes_count_as_the_pre_commit_hook_sees_them(repo):
    git(repo, "add", "a.go", "b.go")
    proc = leakfix(repo, "check", "--only", "defer-close", "--format", "json", "--new-from-rev", "HEAD", "a.go", "b.go")
    assert lines_of(proc.stdout) == [("a.go", 15), ("b.go", 6)]


def test_new_from_patch_reads_a_git_diff(repo):
    git(repo, "add", "b.go")
    (repo / "change.patch").write_text(git(repo, "diff", "HEAD"))
    proc = leakfix(repo, "check", "--only", "defer-close", "--format", "json", "--new-from-patch", "change.patch")
    assert lines_of(proc.stdout) == [("a.go", 15), ("b.go", 6)]


def test_new_from_merge_base_ignores_what_the_base_branch_did_since(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.go").write_text(OLD)
    git(tmp_path, "add", "a.go")
    git(tmp_path, "commit", "-q", "-m", "old")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    (tmp_path / "a.go").write_text(OLD + "\n" + leak("Feature"))
    git(tmp_path, "commit", "-q", "-am", "feature")
    git(tmp_path, "checkout", "-q", "main")
    (tmp_path / "a.go").write_text(OLD.replace("f, err := os.Open(path)", "f, err := os.Open(path) // main"))
    git(tmp_path, "commit", "-q", "-am", "main moves on")
    git(tmp_path, "checkout", "-q", "feature")
    since_base = leakfix(tmp_path, "check", "--only", "defer-close", "--format", "json", "--new-from-merge-base", "main")
    assert lines_of(since_base.stdout) == [("a.go", 15)]
    # against main's tip, the line main changed looks changed by the feature branch too
    since_tip = leakfix(tmp_path, "check", "--only", "defer-close", "--format", "json", "--new-from-rev", "main")
    assert lines_of(since_tip.stdout) == [("a.go", 6), ("a.go", 15)]
    assert from_merge_base("main", str(tmp_path)).lines == from_rev(git(tmp_path, "merge-base", "main", "HEAD").strip(),
                                                                     str(tmp_path)).lines


def test_a_repository_without_commits_is_new_in_full(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "a.go").write_text(OLD)
    git(tmp_path, "add", "a.go")
    proc = leakfix(tmp_path, "check", "--only", "defer-close", "--format", "json", "--new-from-rev", "HEAD")
    assert lines_of(proc.stdout) == [("a.go", 6)]


def test_run_from_a_subdirectory_uses_paths_from_the_repository_root(repo):
    sub = repo / "pkg"
    sub.mkdir()
    (sub / "c.go").write_text(HEADER + leak("Sub"))
    proc = leakfix(sub, "check", "--only", "defer-close", "--format", "json", "--new-from-rev", "HEAD")
    assert lines_of(proc.stdout) == [("c.go", 6)]


def test_errors_are_one_line_and_exit_2(repo, tmp_path_factory):
    outside = tmp_path_factory.mktemp("nogit")
    orphan = tmp_path_factory.mktemp("orphan")
    git(orphan, "init", "-q", "-b", "main")
    (orphan / "a.go").write_text(OLD)
    git(orphan, "add", ".")
    git(orphan, "commit", "-q", "-m", "one")
    git(orphan, "checkout", "-q", "--orphan", "other")
    git(orphan, "commit", "-q", "-m", "unrelated")
    (outside / "a.go").write_text(OLD)
    cases = [
        (outside, ["--new-from-rev", "HEAD"], "--new-from-rev: not in a git repository"),
        (repo, ["--new-from-rev", "no-such-rev"], "--new-from-rev: no-such-rev: unknown revision"),
        (repo, ["--new-from-patch", "missing.patch"], "--new-from-patch: missing.patch: No such file or directory"),
        (repo, ["--new-from-rev", "HEAD", "--new-from-patch", "x"], "--new-from-rev and --new-from-patch cannot be used together"),
        (orphan, ["--new-from-merge-base", "main"],
         "--new-from-merge-base: main and HEAD have no common ancestor here (a shallow clone? fetch the whole history)"),
    ]
    for cwd, args, message in cases:
        proc = leakfix(cwd, "check", *args)
        assert (proc.returncode, proc.stderr) == (2, f"leakfix: error: {message}\n"), args


# --- the model, without git -----------------------------------------------------------------


def test_a_patch_gives_added_lines_per_target_file_and_ignores_deleted_files(tmp_path):
    patch = """diff --git a/x.go b/x.go
--- a/x.go
+++ b/x.go
@@ -1,3 +1,4 @@
 package p
-var a = 1
+var a = 2
+var b = 3
 var c = 4
@@ -10,2 +11,2 @@
 x
-y
+z
diff --git a/gone.go b/gone.go
deleted file mode 100644
--- a/gone.go
+++ /dev/null
@@ -1 +0,0 @@
-package p
"""
    new = from_patch_text(patch, str(tmp_path))
    assert new.lines == {os.path.realpath(tmp_path / "x.go"): frozenset({2, 3, 12})}


def test_a_finding_is_new_when_any_line_of_its_range_is():
    new = NewCode({os.path.realpath("x.go"): frozenset({5})}, frozenset({os.path.realpath("all.go")}))

    def at(path, first, last):
        return Finding("r", 0, 1, "m", path=path, line=first, end_line=last)

    kept = new.keep([at("x.go", 3, 4), at("x.go", 4, 6), at("x.go", 5, 5), at("y.go", 5, 5), at("all.go", 99, 99)])
    assert [(f.path, f.line) for f in kept] == [("x.go", 4), ("x.go", 5), ("all.go", 99)]


def test_a_broken_patch_is_a_change_error(tmp_path):
    with pytest.raises(ChangeError):
        from_patch_text("--- a/x.go\n+++ b/x.go\n@@ -1,3 +1,9 @@\n+only one line\n", str(tmp_path))
