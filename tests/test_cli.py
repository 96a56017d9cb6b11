"""The command-line contract of README.md: commands, output formats, exit codes, errors, files.

Most tests call `leakfix.app.main` in-process (fast); a few run the installed `leakfix`
executable as a user would (process pool, `python -m leakfix`, piping a diff into git and patch).
"""
from __future__ import annotations

import json
import re
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from leakfix import __version__
from leakfix.app import main

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
needs_patch = pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")

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
FIXED = LEAK.replace("\t_ = f\n", "\tdefer f.Close()\n\t_ = f\n")

# f is handed to a function leakfix does not know: reported, never rewritten.
UNFIXABLE = """package p

import "os"

func Keep(path string) error {
	f, err := os.Open(path)
	if err != nil {
		println(err.Error())
	}
	_ = f.Name()
	return nil
}
"""

CLEAN = 'package p\n\nimport "os"\n\nfunc Clean(path string) error {\n\treturn os.Remove(path)\n}\n'

# Contains a trigger word (os.Open), so it really is parsed, and does not parse.
BROKEN = 'package p\n\nimport "os"\n\nfunc Broken() {\n\tf, _ := os.Open("x")\n\tfunc {\n'


def leakfix_cmd() -> list[str]:
    """The installed executable of the interpreter running the tests, else one on PATH, else -m."""
    sibling = Path(sys.executable).with_name("leakfix")
    if sibling.is_file() and os.access(sibling, os.X_OK):
        return [str(sibling)]
    found = shutil.which("leakfix")
    return [found] if found else [sys.executable, "-m", "leakfix"]


def run_leakfix(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(leakfix_cmd() + list(args), cwd=cwd, capture_output=True, timeout=120)


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    return path


@pytest.fixture
def proj(tmp_path, monkeypatch):
    """An empty project directory that is also the current directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def cli(capfdbinary):
    """Run `leakfix ARGS` in-process: (exit code, stdout bytes, stderr text)."""
    def run(*args: str) -> tuple[int, bytes, str]:
        with pytest.raises(SystemExit) as exc:
            main(list(args))
        out, err = capfdbinary.readouterr()
        return exc.value.code, out, err.decode()
    return run


def one_error_line(err: str) -> bool:
    return err.count("\n") == 1 and err.endswith("\n") and err.startswith("leakfix: error: ") and "Traceback" not in err


# --- diff ---------------------------------------------------------------------------------------


def test_diff_prints_the_fix_and_writes_nothing(proj, cli):
    write(proj, "a.go", LEAK)
    code, out, err = cli("diff")
    assert code == 0
    assert out.decode() == (
        "--- a/a.go\n+++ b/a.go\n@@ -7,6 +7,7 @@\n"
        " \tif err != nil {\n \t\treturn err\n \t}\n+\tdefer f.Close()\n \t_ = f\n \treturn nil\n }\n"
    )
    assert (proj / "a.go").read_text() == LEAK


def git(repo: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "core.autocrlf=false",
                           *args], cwd=repo, input=stdin, capture_output=True)


@needs_git
@needs_patch
def test_the_diff_is_accepted_by_git_apply_and_patch_and_gives_what_apply_writes(tmp_path):
    repo = tmp_path / "repo"
    write(repo, "a.go", LEAK)
    write(repo, "pkg/crlf.go", LEAK.replace("\n", "\r\n"))
    write(repo, "pkg/bom.go", b"\xef\xbb\xbf" + LEAK.encode())
    write(repo, "pkg/no_newline_at_end.go", LEAK.replace("First", "Second").rstrip("\n"))
    write(repo, "dir with space/a.go", LEAK)
    write(repo, "clean.go", CLEAN)
    assert git(repo, "init", "-q").returncode == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "input").returncode == 0

    proc = run_leakfix("diff", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    patch = proc.stdout
    assert patch.count(b"\n+++ b/") + patch.startswith(b"+++ b/") == 5

    check = git(repo, "apply", "--check", "-", stdin=patch)
    assert check.returncode == 0, check.stderr
    dry = subprocess.run(["patch", "-p1", "--dry-run"], cwd=repo, input=patch, capture_output=True)
    assert dry.returncode == 0, dry.stdout + dry.stderr

    assert git(repo, "apply", "-", stdin=patch).returncode == 0
    by_git = {p: (repo / p).read_bytes() for p in ("a.go", "pkg/crlf.go", "pkg/bom.go", "pkg/no_newline_at_end.go")}
    git(repo, "checkout", "-q", "--", ".")
    proc = run_leakfix("apply", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert {p: (repo / p).read_bytes() for p in by_git} == by_git
    assert by_git["pkg/crlf.go"] == FIXED.replace("\n", "\r\n").encode()
    assert by_git["pkg/bom.go"] == b"\xef\xbb\xbf" + FIXED.encode()
    assert by_git["pkg/no_newline_at_end.go"] == FIXED.replace("First", "Second").rstrip("\n").encode()


def test_diff_paths_are_relative_to_the_current_directory(proj, cli, monkeypatch):
    write(proj, "sub/pkg/a.go", LEAK)
    for args in (["sub"], ["sub/pkg/a.go"], [str(proj / "sub")], ["./sub/../sub/pkg"]):
        out = cli("diff", *args)[1].decode()
        assert out.startswith("--- a/sub/pkg/a.go\n+++ b/sub/pkg/a.go\n"), args
    monkeypatch.chdir(proj / "sub")
    assert cli("diff", ".")[1].decode().startswith("--- a/pkg/a.go\n+++ b/pkg/a.go\n")
    assert cli("diff", str(proj / "sub" / "pkg"))[1].decode().startswith("--- a/pkg/a.go\n")


def test_diff_exit_code_is_1_only_with_the_flag_and_a_non_empty_diff(proj, cli):
    write(proj, "a.go", LEAK)
    assert cli("diff", "--exit-code")[0] == 1
    assert cli("diff")[0] == 0
    (proj / "a.go").write_text(FIXED)
    code, out, _ = cli("diff", "--exit-code")
    assert (code, out) == (0, b"")


def test_diff_exit_code_ignores_findings_that_cannot_be_fixed(proj, cli):
    write(proj, "keep.go", UNFIXABLE)
    code, out, err = cli("diff", "--exit-code")
    assert (code, out) == (0, b"")
    assert "1 finding(s) cannot be fixed automatically" in err


# --- apply --------------------------------------------------------------------------------------


def test_apply_writes_keeps_the_mode_and_summarises_on_stderr(proj, cli):
    path = write(proj, "a.go", LEAK)
    path.chmod(0o640)
    code, out, err = cli("apply", "a.go")
    assert code == 0
    assert out == b""
    assert err == "leakfix: 1 fix(es) in 1 file(s) (defer-close: 1)\n"
    assert path.read_text() == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p.name for p in proj.iterdir() if p.name != "a.go"]  # no temp file left behind


def test_apply_keeps_crlf_and_the_bom(proj, cli):
    crlf = write(proj, "crlf.go", LEAK.replace("\n", "\r\n"))
    bom = write(proj, "bom.go", b"\xef\xbb\xbf" + LEAK.replace("First", "Second").encode())
    assert cli("apply")[0] == 0
    assert crlf.read_bytes() == FIXED.replace("\n", "\r\n").encode()
    assert bom.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("First", "Second").encode()


def test_apply_twice_changes_nothing_the_second_time(proj, cli):
    path = write(proj, "a.go", LEAK)
    cli("apply")
    code, out, err = cli("apply")
    assert code == 0
    assert err == "leakfix: 0 fix(es) in 0 file(s)\n"
    assert path.read_text() == FIXED


def test_apply_exits_1_and_lists_findings_left_for_a_person(proj, cli):
    write(proj, "a.go", LEAK)
    write(proj, "keep.go", UNFIXABLE)
    code, out, err = cli("apply")
    assert code == 1
    assert (proj / "a.go").read_text() == FIXED
    assert (proj / "keep.go").read_text() == UNFIXABLE
    lines = err.splitlines()
    assert lines[0] == "leakfix: 1 fix(es) in 1 file(s) (defer-close: 1)"
    assert lines[1] == "leakfix: 1 finding(s) left to fix by hand:"
    assert lines[2].startswith("keep.go:6:12: defer-close ") and "not fixed" in lines[2] and "keep" in lines[2]


def test_quiet_silences_the_summary(proj, cli):
    write(proj, "a.go", LEAK)
    write(proj, "keep.go", UNFIXABLE)
    write(proj, "broken.go", BROKEN)
    code, out, err = cli("apply", "-q")
    assert (code, out, err) == (1, b"", "")
    assert (proj / "a.go").read_text() == FIXED
    code, out, err = cli("check", "--quiet")
    assert code == 1 and err == ""
    assert out.decode().startswith("keep.go:6:12: defer-close ")


# --- check --------------------------------------------------------------------------------------


def test_check_exits_0_without_findings_and_1_with(proj, cli):
    write(proj, "clean.go", CLEAN)
    assert cli("check") == (0, b"", "")
    write(proj, "a.go", LEAK)
    code, out, err = cli("check")
    assert code == 1
    assert out.decode() == "a.go:6:12: defer-close file from os.Open is never released [fixable]\n"
    assert err == "leakfix: 1 finding(s), 1 fixed by `leakfix apply`\n"
    assert (proj / "a.go").read_text() == LEAK


def test_check_json_follows_the_documented_schema(proj, cli):
    write(proj, "a.go", LEAK)
    write(proj, "keep.go", UNFIXABLE)
    write(proj, "broken.go", BROKEN)
    code, out, err = cli("check", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert set(doc) == {"version", "findings", "errors"}
    assert doc["version"] == 1
    keys = {"rule", "path", "line", "column", "end_line", "end_column", "message", "fixable", "applicability",
            "reason", "fix"}
    assert all(set(f) == keys for f in doc["findings"])
    fixable, unfixable = doc["findings"]
    fix = fixable.pop("fix")
    assert fixable == {"rule": "defer-close", "path": "a.go", "line": 6, "column": 12, "end_line": 6,
                       "end_column": 25, "message": "file from os.Open is never released", "fixable": True,
                       "applicability": "default", "reason": None}
    assert fix["applicability"] == "default" and fix["edits"] and set(fix["edits"][0]) == {
        "start_line", "start_column", "end_line", "end_column", "text"}
    assert unfixable["path"] == "keep.go" and unfixable["fixable"] is False and unfixable["fix"] is None
    assert unfixable["applicability"] is None and unfixable["reason"]
    assert "not fixed" not in unfixable["message"]  # the reason has its own field
    assert doc["errors"] == [{"path": "broken.go", "message": doc["errors"][0]["message"]}]
    assert doc["errors"][0]["message"].startswith("syntax error at ")


REPO = Path(__file__).resolve().parents[1]


def test_the_readme_json_example_matches_the_bundled_example(cli, monkeypatch):
    readme = (REPO / "README.md").read_text()
    example = json.loads(readme.split("`leakfix check --format json` prints:")[1].split("```json")[1].split("```")[0])
    monkeypatch.chdir(REPO)
    code, out, err = cli("check", "--format", "json", "--only", "defer-close", "examples")
    actual = json.loads(out)["findings"]
    assert example["findings"][0] in actual


def test_check_sarif_has_rules_results_and_fixes(proj, cli):
    write(proj, "a.go", LEAK)
    write(proj, "keep.go", UNFIXABLE)
    code, out, err = cli("check", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert "defer-close" in [r["id"] for r in rules]
    assert all(r["shortDescription"]["text"] for r in rules)
    results = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in run["results"]}
    assert set(results) == {"a.go", "keep.go"}
    fixed = results["a.go"]
    assert fixed["ruleId"] == "defer-close"
    assert rules[fixed["ruleIndex"]]["id"] == "defer-close"
    assert fixed["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    (fix,) = fixed["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"]["text"] == "\n\tdefer f.Close()"
    assert replacement["deletedRegion"]["startLine"] == replacement["deletedRegion"]["endLine"] == 9
    assert "fixes" not in results["keep.go"]


def test_check_warns_about_suppressions_that_suppress_nothing(proj, cli):
    write(proj, "a.go", LEAK.replace("\t_ = f\n", "\t_ = f //leakfix:ignore\n")
          .replace("f, err := os.Open(path)", "f, err := os.Open(path) //leakfix:ignore defer-close"))
    code, out, err = cli("check")
    assert (code, out) == (0, b"")
    assert err == "leakfix: warning: a.go:10: //leakfix:ignore suppresses nothing\n"


def test_apply_leaves_a_suppressed_leak_alone_when_an_earlier_function_is_fixed(proj, cli):
    suppressed = LEAK.replace("First", "Second").replace("os.Open(path)", "os.Open(path) //leakfix:ignore")
    path = write(proj, "a.go", LEAK + suppressed.split("\n", 3)[3])
    cli("apply")
    assert path.read_text().count("defer f.Close()") == 1


# --- list and explain ---------------------------------------------------------------------------


def test_list_shows_each_rules_default(cli):
    code, out, err = cli("list")
    assert code == 0 and err == ""
    lines = out.decode().splitlines()
    default = {ln.split()[0]: ln.split()[1] for ln in lines}
    assert default["defer-cancel"] == default["defer-close"] == default["defer-in-loop"] == "on"
    assert default["sync-pool"] == default["bound-map"] == "off"
    assert all(len(ln.split()) > 2 for ln in lines) and set(default.values()) == {"on", "off"}
    assert "(on request: gzip and zlib readers" in next(ln for ln in lines if ln.startswith("defer-close"))


# --- defaults and fixes applied on request ------------------------------------------------------

GZIP = """package p

import (
	"bytes"
	"compress/gzip"
	"io"
)

func Inflate(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
"""


def test_with_no_flags_the_default_fixes_are_applied(proj, cli):
    """The defaults are the product: an unclosed os.Open is fixed by diff and apply without flags."""
    write(proj, "go.mod", "module m\n\ngo 1.22\n")
    write(proj, "a.go", LEAK)
    code, out, err = cli("diff")
    assert code == 0 and out.decode().count("+\tdefer f.Close()") == 1, err
    code, out, err = cli("apply")
    assert code == 0 and "defer f.Close()" in (proj / "a.go").read_text(), err


def test_an_on_request_fix_is_shown_as_a_fix_and_applied_only_when_asked(proj, cli):
    """A gzip.Reader's Close frees nothing: its fix exists (JSON says at which applicability) but
    apply leaves it and says how to apply it; --fix RULE, --fix all and [rules] fix apply it;
    --only alone does not."""
    write(proj, "go.mod", "module m\n\ngo 1.22\n")
    write(proj, "a.go", GZIP)
    code, out, err = cli("check", "--format", "json")
    (f,) = json.loads(out)["findings"]
    assert code == 1 and f["fixable"] and f["applicability"] == "on-request"
    assert "`--fix defer-close`" in f["reason"] and "frees nothing" in f["reason"]
    code, out, err = cli("apply")
    assert code == 1 and (proj / "a.go").read_text() == GZIP
    assert "`--fix defer-close` applies them" in err
    for args in (["--fix", "defer-close"], ["--fix", "all"], ["--only", "defer-close", "--fix", "defer-close"]):
        assert cli("diff", *args)[1].decode().count("+\tdefer zr.Close()") == 1, args
    assert cli("diff", "--only", "defer-close")[1] == b""
    write(proj, ".leakfix.toml", '[rules]\nfix = ["defer-close"]\n')
    assert cli("diff")[1].decode().count("+\tdefer zr.Close()") == 1
    write(proj, ".leakfix.toml", '[rules]\nfix = ["nope"]\n')
    code, out, err = cli("check")
    assert code == 2 and one_error_line(err) and "nope" in err


def test_explain_prints_the_rule_documentation(cli):
    code, out, err = cli("explain", "defer-close")
    text = out.decode()
    assert code == 0 and err == ""
    assert text.startswith("# defer-close\n")
    for section in ("## What it does", "## Fix safety"):
        assert section in text


# --- errors: one line on stderr, exit 2 ------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["explain", "nope"],
    ["explain"],
    ["diff", "no/such/path"],
    ["check", "no-such.go"],
    ["diff", "--only", "nope"],
    ["check", "--skip", "defer-close,nope"],
    ["diff", "--bogus"],
    ["--bogus"],
    ["frobnicate"],
    ["check", "--format", "xml"],
    ["apply", "--jobs", "many"],
    ["check", "--config", "missing.toml"],
])
def test_errors_are_one_line_on_stderr_and_exit_2(proj, cli, args):
    write(proj, "a.go", LEAK)
    code, out, err = cli(*args)
    assert code == 2
    assert out == b""
    assert one_error_line(err), err
    assert (proj / "a.go").read_text() == LEAK


@pytest.mark.parametrize("toml", [
    "[rules]\ndisable = [\"nope\"]\n",
    "[rules]\ndisable = \"defer-close\"\n",
    "this is not toml\n",
])
def test_a_broken_config_is_one_line_and_exit_2(proj, cli, toml):
    write(proj, "a.go", LEAK)
    write(proj, ".leakfix.toml", toml)
    code, out, err = cli("check")
    assert code == 2 and out == b""
    assert one_error_line(err), err


def test_an_unparsable_file_is_a_warning_and_the_others_are_still_fixed(proj, cli):
    write(proj, "a.go", LEAK)
    write(proj, "broken.go", BROKEN)
    code, out, err = cli("apply")
    assert code == 0
    assert (proj / "a.go").read_text() == FIXED
    assert (proj / "broken.go").read_text() == BROKEN
    warning, summary = err.splitlines()
    assert warning.startswith("leakfix: warning: broken.go: syntax error at ")
    assert warning.endswith("; file left unchanged")
    assert summary == "leakfix: 1 fix(es) in 1 file(s) (defer-close: 1)"


# --- rules and files chosen ------------------------------------------------------------------------


def test_only_and_skip_choose_the_rules(proj, cli):
    write(proj, "a.go", LEAK)
    assert cli("check", "--only", "defer-close")[0] == 1
    assert cli("check", "--skip", "defer-close") == (0, b"", "")
    assert cli("diff", "--only", "defer-close", "--skip", "defer-close") == (0, b"", "")


def test_a_config_disabling_the_rule_makes_check_find_nothing(proj, cli):
    write(proj, "a.go", LEAK)
    write(proj, ".leakfix.toml", '[rules]\ndisable = ["defer-close"]\n')
    assert cli("check") == (0, b"", "")
    assert cli("check", "--only", "defer-close")[0] == 1  # --only overrides the config


def test_the_config_is_found_upward_from_the_first_path(proj, cli):
    write(proj, "mod/.leakfix.toml", '[rules]\ndisable = ["defer-close"]\n')
    write(proj, "mod/pkg/a.go", LEAK)
    assert cli("check", "mod/pkg")[0] == 0
    write(proj, "empty.toml", "")
    assert cli("check", "mod/pkg", "--config", "empty.toml")[0] == 1  # --config replaces the search


def test_files_exclude_globs_are_relative_to_the_config(proj, cli, monkeypatch):
    write(proj, "internal/legacy/old.go", LEAK)
    write(proj, "internal/new.go", LEAK)
    write(proj, ".leakfix.toml", '[files]\nexclude = ["internal/legacy/**"]\n')
    code, out, _ = cli("check", "--format", "json")
    assert [f["path"] for f in json.loads(out)["findings"]] == ["internal/new.go"]
    monkeypatch.chdir(proj / "internal")  # the globs stay relative to the config, not to the cwd
    code, out, _ = cli("check", "--format", "json", ".")
    assert [f["path"] for f in json.loads(out)["findings"]] == ["new.go"]


def test_vendor_generated_gitignored_and_hidden_files_are_skipped(proj, cli):
    write(proj, "a.go", LEAK)
    write(proj, "vendor/example.com/v/v.go", LEAK)
    write(proj, "testdata/t.go", LEAK)
    write(proj, ".hidden/h.go", LEAK)
    write(proj, "_old/o.go", LEAK)
    write(proj, "gen.go", "// Code generated by protoc-gen-go. DO NOT EDIT.\n\n" + LEAK)
    write(proj, "ignored/i.go", LEAK)
    write(proj, ".gitignore", "ignored/\n")
    subprocess.run(["git", "init", "-q", str(proj)], check=True)
    code, out, err = cli("check", "--format", "json")
    assert [f["path"] for f in json.loads(out)["findings"]] == ["a.go"]
    assert json.loads(out)["errors"] == []


def test_a_directory_named_like_a_go_file_is_walked_not_read(proj, cli):
    write(proj, "x.go/inner.go", LEAK)
    code, out, err = cli("diff")
    assert code == 0, err
    assert out.decode().startswith("--- a/x.go/inner.go\n")
    assert "warning" not in err


# --- real processes ----------------------------------------------------------------------------------


def test_jobs_1_and_jobs_2_give_identical_diffs(tmp_path):
    """30 files: more than the serial threshold, so --jobs 2 really uses the process pool."""
    for i in range(30):
        write(tmp_path, f"pkg{i % 4}/f{i:02}.go", LEAK.replace("First", f"F{i}"))
    write(tmp_path, "pkg0/keep.go", UNFIXABLE)
    serial = run_leakfix("diff", "--jobs", "1", cwd=tmp_path)
    pooled = run_leakfix("diff", "--jobs", "2", cwd=tmp_path)
    assert serial.returncode == pooled.returncode == 0
    assert serial.stdout.count(b"\n+++ b/") + serial.stdout.startswith(b"+++ b/") == 30
    assert pooled.stdout == serial.stdout
    assert pooled.stderr == serial.stderr


def test_python_dash_m_leakfix_prints_the_version(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "leakfix", "--version"], cwd=tmp_path, capture_output=True, text=True)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert re.fullmatch(rf"leakfix {re.escape(__version__)} \(tree-sitter [0-9.]+, tree-sitter-go [0-9.]+ with Go 1.26's new\(expr\)\)\n", proc.stdout)


def test_no_arguments_prints_help_and_exits_0(tmp_path, cli):
    proc = run_leakfix(cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for command in (b"diff", b"apply", b"check", b"list", b"explain"):
        assert command in proc.stdout
    assert b"Usage:" in proc.stdout
    code, out, err = cli()
    assert code == 0 and out == proc.stdout
