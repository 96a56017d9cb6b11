"""How leakfix finds the Go files to look at: the go tool's walking rules plus .gitignore."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from leakfix.engine.discover import Discovery, discover, is_generated


def make(root, *relpaths: str, text: str = "package p\n") -> None:
    for rel in relpaths:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- walking like the go tool ---------------------------------------------------------------


def test_walks_directories_and_keeps_the_users_spelling(in_tmp):
    make(in_tmp, "examples/a.go", "examples/sub/b.go", "examples/notes.txt")
    assert discover(["examples"]).files == ["examples/a.go", "examples/sub/b.go"]
    assert discover(["./examples/"]).files == ["examples/a.go", "examples/sub/b.go"]
    assert discover(["."]).files == ["examples/a.go", "examples/sub/b.go"]


def test_absolute_paths_stay_absolute(in_tmp):
    make(in_tmp, "a.go")
    assert discover([str(in_tmp)]).files == [str(in_tmp / "a.go")]


def test_skips_vendor_testdata_dot_and_underscore_directories(in_tmp):
    make(in_tmp, "ok/a.go", "vendor/v.go", "x/testdata/t.go", ".hidden/h.go", "_old/o.go")
    assert discover(["."]).files == ["ok/a.go"]


def test_never_skips_the_directory_the_user_named(in_tmp):
    make(in_tmp, "x/testdata/t.go", "_old/o.go", "vendor/v.go")
    assert discover(["x/testdata"]).files == ["x/testdata/t.go"]
    assert discover(["_old", "vendor"]).files == ["_old/o.go", "vendor/v.go"]


def test_skips_dot_and_underscore_files_while_walking(in_tmp):
    make(in_tmp, "a.go", ".b.go", "_c.go", "d.go.orig")
    assert discover(["."]).files == ["a.go"]


def test_an_explicitly_named_go_file_is_always_included(in_tmp):
    make(in_tmp, "_c.go", "vendor/v.go", "ignored.go")
    (in_tmp / ".gitignore").write_text("ignored.go\n")
    found = discover(["_c.go", "vendor/v.go", "ignored.go"], exclude=["*.go"])
    assert found.files == ["_c.go", "ignored.go", "vendor/v.go"]


def test_a_named_file_that_is_not_go_is_skipped_with_a_warning(in_tmp):
    make(in_tmp, "README.md")
    assert discover(["README.md"]) == Discovery([], [("README.md", "not a Go file, skipped")])


def test_a_directory_named_like_a_go_file_is_walked(in_tmp):
    make(in_tmp, "pkg.go/inner.go")
    assert discover(["."]).files == ["pkg.go/inner.go"]
    assert discover(["pkg.go"]).files == ["pkg.go/inner.go"]


def test_missing_path_raises_file_not_found(in_tmp):
    with pytest.raises(FileNotFoundError, match="nope"):
        discover(["nope"])


def test_output_is_sorted_and_deduplicated(in_tmp):
    make(in_tmp, "b.go", "a/z.go", "a/y.go")
    assert discover(["b.go", ".", "a", "./b.go"]).files == ["a/y.go", "a/z.go", "b.go"]


# --- symlinks and unreadable directories ------------------------------------------------------


def test_symlinked_directories_are_not_followed(in_tmp):
    make(in_tmp, "real/a.go")
    os.symlink("real", in_tmp / "link")
    os.symlink("..", in_tmp / "real/loop")
    assert discover(["."]).files == ["real/a.go"]


def test_a_symlinked_file_is_included_once(in_tmp):
    make(in_tmp, "outside/shared.go", "pkg/own.go")
    os.symlink("../outside/shared.go", in_tmp / "pkg/shared.go")
    os.symlink("own.go", in_tmp / "pkg/alias.go")
    # alias.go and own.go are one file: the real spelling wins.
    assert discover(["pkg"]).files == ["pkg/own.go", "pkg/shared.go"]


def test_a_dangling_symlink_is_a_warning(in_tmp):
    make(in_tmp, "a.go")
    os.symlink("gone.go", in_tmp / "broken.go")
    found = discover(["."])
    assert found.files == ["a.go"]
    assert found.warnings == [("broken.go", "broken symbolic link, skipped")]
    assert discover(["broken.go"]).warnings == [("broken.go", "broken symbolic link, skipped")]


def test_an_unreadable_directory_is_a_warning(in_tmp, monkeypatch):
    make(in_tmp, "a.go", "locked/b.go")
    real_scandir = os.scandir

    def scandir(path):
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = discover(["."])
    assert found.files == ["a.go"]
    assert found.warnings == [("locked", "cannot read directory: Permission denied")]


# --- .gitignore and exclude -----------------------------------------------------------------


def test_gitignore_in_walked_directories_is_honoured(in_tmp):
    make(in_tmp, "a.go", "gen.pb.go", "build/b.go", "sub/keep.go", "sub/drop.go", "sub/x.pb.go")
    (in_tmp / ".gitignore").write_text("*.pb.go\nbuild/\n")
    (in_tmp / "sub/.gitignore").write_text("drop.go\n!x.pb.go\n")
    assert discover(["."]).files == ["a.go", "sub/keep.go", "sub/x.pb.go"]


def test_gitignore_of_parents_applies_up_to_the_git_root(in_tmp):
    (in_tmp / "outer").mkdir()
    (in_tmp / "outer/.gitignore").write_text("*.go\n")  # above the repository: not used
    repo = in_tmp / "outer/repo"
    make(repo, "pkg/a.go", "pkg/a_gen.go")
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("*_gen.go\n/pkg/anchored.go\n")
    make(repo, "pkg/anchored.go")
    assert discover(["outer/repo/pkg"]).files == ["outer/repo/pkg/a.go"]


def test_naming_an_ignored_directory_walks_it(in_tmp):
    (in_tmp / ".git").mkdir()
    (in_tmp / ".gitignore").write_text("build/\n")
    make(in_tmp, "build/out.go")
    assert discover(["."]).files == []
    assert discover(["build"]).files == ["build/out.go"]


def test_a_nested_repository_has_its_own_ignore_rules(in_tmp):
    (in_tmp / ".gitignore").write_text("*.go\n")
    make(in_tmp, "nested/a.go")
    (in_tmp / "nested/.git").mkdir()
    assert discover(["."]).files == ["nested/a.go"]


def test_exclude_globs_are_relative_to_the_config_root(in_tmp):
    make(in_tmp, "proj/a.go", "proj/gen/g.go", "proj/x/mock_y.go", "proj/x/y.go")
    found = discover(["proj"], exclude=["gen/", "mock_*.go"], root=str(in_tmp / "proj"))
    assert found.files == ["proj/a.go", "proj/x/y.go"]
    # Anchored globs only match at the root.
    found = discover(["proj"], exclude=["/x/"], root=str(in_tmp / "proj"))
    assert found.files == ["proj/a.go", "proj/gen/g.go"]


# --- generated files ------------------------------------------------------------------------


def test_generated_header_before_the_package_clause():
    assert is_generated(b"// Code generated by protoc-gen-go. DO NOT EDIT.\n\npackage p\n")
    assert is_generated(b"// Copyright\n\n// Code generated by x DO NOT EDIT.\npackage p\n")


def test_generated_header_with_crlf_and_bom():
    assert is_generated(b"\xef\xbb\xbf// Code generated by x. DO NOT EDIT.\r\npackage p\r\n")


def test_not_generated():
    assert not is_generated(b"package p\n\n// Code generated by x. DO NOT EDIT.\n")
    assert not is_generated(b"// Code generated by x. DO NOT EDIT. \npackage p\n")  # trailing space
    assert not is_generated(b"// Code generated DO NOT EDIT.\npackage p\n")  # nothing in between
    assert not is_generated(b"/* Code generated by x. DO NOT EDIT. */\npackage p\n")
    assert not is_generated(b"")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_gitignore_handling_agrees_with_git(in_tmp):
    subprocess.run(["git", "init", "-q", "."], check=True)
    make(in_tmp, "x.go", "top.go", "a/top.go", "a/y.go", "a/b/z.go", "a/b/gen.pb.go",
         "a/b/keep.pb.go", "c/build/o.go", "c/k.go", "d/keep.go", "d/drop.go")
    (in_tmp / ".gitignore").write_text("*.pb.go\n/top.go\nbuild\nd/*\n!d/keep.go\n")
    (in_tmp / "a/b/.gitignore").write_text("!keep.pb.go\n")
    untracked = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard", "*.go"],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    assert discover(["."]).files == sorted(untracked)
    assert "d/keep.go" in untracked and "top.go" not in untracked


# --- git's ignore rules, applied by the walk (these trees are not git work trees) ---------------


def test_a_directory_that_a_negation_re_includes_is_walked(in_tmp):
    (in_tmp / ".gitignore").write_text("*\n!*.*\n!*/\n")  # go-zero's: everything, then files with a dot and dirs
    make(in_tmp, "top.go", "core/fs/files.go", "core/Makefile")
    found = discover(["."])
    assert found.files == ["core/fs/files.go", "top.go"] and found.skipped == []


def test_the_walk_reads_ignore_lines_as_git_does(in_tmp):
    # escaped `#`, trailing spaces dropped unless escaped, `/**/`, anchoring, classes (checked against git 2.39)
    (in_tmp / ".gitignore").write_text("\\#hash.go\ntrailing.go   \na/**/deep.go\n/anchored.go\n[ab].go\nsp\\ .go\n")
    make(in_tmp, "#hash.go", "trailing.go", "a/x/y/deep.go", "a/deep.go", "anchored.go", "sub/anchored.go", "a.go",
         "c.go", "keep/k.go", "sp .go")
    assert discover(["."]).files == ["c.go", "keep/k.go", "sub/anchored.go"]


def test_nothing_below_an_ignored_directory_is_re_included(in_tmp):
    (in_tmp / ".gitignore").write_text("build/\n!build/keep.go\n")
    make(in_tmp, "build/keep.go", "a.go")
    found = discover(["."])
    assert found.files == ["a.go"]
    assert found.skipped == [("build/keep.go", "ignored by .gitignore line 1: build/")]
