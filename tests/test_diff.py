"""Diffs leakfix prints must apply with `git apply` and `patch -p1`, byte for byte."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import unidiff

from leakfix.engine.diff import relpath_for_diff, unified_diff

needs_git_and_patch = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("patch") is None, reason="needs git and patch"
)

GO = b"package p\n\nimport \"time\"\n\nfunc f() {\n\tt := time.NewTicker(time.Second)\n\t_ = t\n}\n"

# (name, old, new): each pair must round-trip through git apply and patch.
CASES = [
    ("middle", GO, GO.replace(b"\t_ = t\n", b"\tdefer t.Stop()\n\t_ = t\n")),
    ("first-line", GO, b"// Package p.\n" + GO),
    ("last-line", GO, GO + b"\nfunc g() {}\n"),
    ("old-lacks-newline", GO.rstrip(b"\n"), GO),
    ("new-lacks-newline", GO, GO.rstrip(b"\n")),
    ("both-lack-newline", GO.rstrip(b"\n"), GO.replace(b"_ = t", b"_ = t // ok").rstrip(b"\n")),
    ("unchanged-last-line-lacks-newline", GO.rstrip(b"\n"), GO.replace(b"package p", b"package q").rstrip(b"\n")),
    ("crlf", GO.replace(b"\n", b"\r\n"), GO.replace(b"\t_ = t\n", b"\tdefer t.Stop()\n\t_ = t\n").replace(b"\n", b"\r\n")),
    ("invalid-utf8", GO.replace(b"package p\n", b"package p // caf\xe9 \xff\xfe\n"),
     GO.replace(b"package p\n", b"package p // caf\xe9 \xff\xfe\n").replace(b"_ = t", b"t.Stop()")),
    ("lone-cr-inside-a-line", b"package p\n\nvar s = `a\rb`\n", b"package p\n\nvar s = `a\rb`\nvar t = 1\n"),
    ("two-hunks", b"".join(b"// %d\n" % i for i in range(40)),
     b"".join(b"// %d\n" % i for i in range(40)).replace(b"// 2\n", b"// two\n").replace(b"// 35\n", b"")),
    ("empty-to-something", b"", b"package p\n"),
    ("something-to-empty", b"package p\n", b""),
]


@pytest.fixture
def repo(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def check_applies(repo, relpath: str, old: bytes, new: bytes) -> bytes:
    """Write old, apply the diff with git and with patch, and return the diff."""
    target = repo / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(old)
    patch = unified_diff(old, new, relpath)
    patch_file = repo.parent / (repo.name + ".patch")
    patch_file.write_bytes(patch)

    run = dict(cwd=repo, capture_output=True)
    result = subprocess.run(["git", "apply", "--check", str(patch_file)], **run)
    assert result.returncode == 0, result.stderr.decode()
    result = subprocess.run(["patch", "-p1", "--dry-run", "-i", str(patch_file)], **run)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()

    result = subprocess.run(["git", "apply", str(patch_file)], **run)
    assert result.returncode == 0, result.stderr.decode()
    assert target.read_bytes() == new
    target.write_bytes(old)
    result = subprocess.run(["patch", "-p1", "-s", "-i", str(patch_file)], **run)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    assert target.read_bytes() == new
    return patch


@needs_git_and_patch
@pytest.mark.parametrize(("name", "old", "new"), CASES, ids=[c[0] for c in CASES])
def test_diff_applies_with_git_and_patch(repo, name, old, new):
    check_applies(repo, f"pkg/{name}.go", old, new)


@needs_git_and_patch
@pytest.mark.parametrize("relpath", ["my pkg/a.go", "tab\there.go", 'quote"d.go', "caf\u00e9/a.go"])
def test_unusual_file_names_apply(repo, relpath):
    check_applies(repo, relpath, GO, GO + b"// end\n")


def test_file_names_are_written_like_git_writes_them():
    # A trailing tab keeps GNU patch from cutting the name at the space; odd bytes are C-quoted.
    assert unified_diff(b"a\n", b"b\n", "my pkg/a.go").startswith(b"--- a/my pkg/a.go\t\n+++ b/my pkg/a.go\t\n")
    assert unified_diff(b"a\n", b"b\n", "t\tx.go").startswith(b'--- "a/t\\tx.go"\n+++ "b/t\\tx.go"\n')
    patch = unidiff.PatchSet(unified_diff(b"a\n", b"b\n", "my pkg/a.go").decode())
    assert patch[0].path == "my pkg/a.go"


@pytest.mark.parametrize(("name", "old", "new"), CASES, ids=[c[0] for c in CASES])
def test_unidiff_parses_the_diff(name, old, new):
    patch = unidiff.PatchSet(unified_diff(old, new, f"pkg/{name}.go").decode("utf-8", "surrogateescape"))
    assert [f.path for f in patch] == [f"pkg/{name}.go"]
    assert patch[0].added + patch[0].removed > 0


def test_no_change_is_an_empty_diff():
    assert unified_diff(GO, GO, "a.go") == b""


def test_the_diff_looks_like_git_diff():
    new = GO.replace(b"\t_ = t\n", b"\tdefer t.Stop()\n\t_ = t\n")
    assert unified_diff(GO, new, "pkg/a.go").decode() == (
        "--- a/pkg/a.go\n"
        "+++ b/pkg/a.go\n"
        "@@ -4,5 +4,6 @@\n"
        " \n"
        " func f() {\n"
        " \tt := time.NewTicker(time.Second)\n"
        "+\tdefer t.Stop()\n"
        " \t_ = t\n"
        " }\n"
    )


def test_missing_final_newline_gets_the_git_marker():
    assert unified_diff(b"a\nb", b"a\nc", "x.go") == (
        b"--- a/x.go\n+++ b/x.go\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
        b"\\ No newline at end of file\n"
    )


def test_single_line_and_empty_ranges_are_written_like_diff():
    assert unified_diff(b"", b"x\n", "e.go") == b"--- a/e.go\n+++ b/e.go\n@@ -0,0 +1 @@\n+x\n"
    assert b"@@ -1,2 +1 @@" in unified_diff(b"a\nb\n", b"a\n", "e.go")


def test_context_size_is_respected():
    old = b"".join(b"%d\n" % i for i in range(20))
    new = old.replace(b"10\n", b"ten\n")
    assert unified_diff(old, new, "n.go", context=1).decode().splitlines()[2:] == [
        "@@ -10,3 +10,3 @@", " 9", "-10", "+ten", " 11",
    ]


def test_bytes_survive_exactly():
    old = b"\xff\xfe\r\n\xc3\n"
    new = b"\xff\xfe\r\n\xc3\xa9\n"
    diff = unified_diff(old, new, "b.go")
    assert b"-\xc3\n" in diff and b"+\xc3\xa9\n" in diff and b" \xff\xfe\r\n" in diff


def test_relpath_for_diff(tmp_path):
    cwd = tmp_path / "repo"
    assert relpath_for_diff(str(cwd / "pkg" / "a.go"), str(cwd)) == "pkg/a.go"
    assert relpath_for_diff(str(tmp_path / "other" / "b.go"), str(cwd)) == "../other/b.go"


def test_relpath_for_diff_defaults_to_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert relpath_for_diff("./x/../pkg/a.go") == "pkg/a.go"
    assert relpath_for_diff(os.path.join(str(tmp_path), "a.go")) == "a.go"


LINES = st.sampled_from(["\n", "\t}\n", "x\n", "y\r\n", "\treturn nil\n", "caf\u00e9\n", "z"])


@needs_git_and_patch
@settings(max_examples=40, deadline=None)
@given(old=st.lists(LINES, max_size=300), new_lines=st.lists(LINES, max_size=300))
def test_any_diff_applies_with_git(old, new_lines):
    """Random files, long enough for difflib's popular-line heuristic to kick in."""
    old_bytes = "".join(old).encode()
    new_bytes = "".join(new_lines).encode()
    with tempfile.TemporaryDirectory() as work:
        target = os.path.join(work, "f.go")
        with open(target, "wb") as f:
            f.write(old_bytes)
        patch = unified_diff(old_bytes, new_bytes, "f.go", context=2)
        if old_bytes == new_bytes:
            assert patch == b""
            return
        result = subprocess.run(["git", "apply", "-"], cwd=work, input=patch, capture_output=True)
        assert result.returncode == 0, result.stderr.decode()
        with open(target, "rb") as f:
            assert f.read() == new_bytes


def test_large_files_diff_quickly():
    lines = [b"\t}\n" if i % 3 else b"\tx := %d\n" % i for i in range(30000)]
    for i in range(0, 30000, 1000):
        lines[i] = b"\t// edited\n"
    old, new = b"".join(b"\t}\n" if i % 3 else b"\tx := %d\n" % i for i in range(30000)), b"".join(lines)
    started = time.perf_counter()
    patch = unified_diff(old, new, "big.go")
    assert time.perf_counter() - started < 1.0
    assert patch.count(b"\n+\t// edited\n") == 30
