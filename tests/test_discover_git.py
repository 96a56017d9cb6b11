"""Discovery against git itself: inside a work tree leakfix reads exactly the .go files git lists
(`git ls-files --cached --others --exclude-standard`) less the go tool's rules, and the walk used
without git gets the same answer from the ignore files alone. Every skipped file has a reason.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leakfix.engine.discover import discover

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

GIT = shutil.which("git") or "git"
LEAKFIX = [sys.executable, "-m", "leakfix"]


def isolated_git_env() -> dict[str, str]:
    """No user or system configuration (core.excludesFile among it) reaches the tests' git."""
    home = tempfile.mkdtemp(prefix="leakfix-git-home-")
    return {"HOME": home, "XDG_CONFIG_HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com"}


@pytest.fixture(autouse=True)
def _git_env(monkeypatch):
    for key, value in isolated_git_env().items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def without_git(monkeypatch, tmp_path_factory):
    """git is not installed: discovery walks the tree itself."""
    monkeypatch.setenv("PATH", str(tmp_path_factory.mktemp("empty-path")))


def git(*args: str, cwd=".") -> str:
    return subprocess.run([GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def make(root, *relpaths: str, text: str = "package p\n") -> None:
    for rel in relpaths:
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def write(root, rel: str, text: str) -> None:
    make(root, rel, text=text)


def go_tool_skips(rel: str) -> bool:
    """The go tool's rule for a file below a named directory."""
    parts = rel.split("/")
    return any(p in ("vendor", "testdata") or p.startswith((".", "_")) for p in parts[:-1]) \
        or parts[-1].startswith((".", "_"))


def git_go_files(cwd=".", *pathspec: str, tracked: bool = True) -> list[str]:
    """What git lists (less the go tool's rules), relative to the named directory."""
    args = ["ls-files", "-z", "--others", "--exclude-standard"] + (["--cached"] if tracked else [])
    listed = git(*args, "--", *pathspec, cwd=cwd).split("\0") if pathspec else git(*args, cwd=cwd).split("\0")
    prefix = pathspec[0].rstrip("/") + "/" if pathspec else ""
    rels = [p[len(prefix):] for p in listed if p.endswith(".go")]
    return sorted(r for r in rels if not go_tool_skips(r))


# --- the cases that were wrong ------------------------------------------------------------------

GO_ZERO_IGNORE = "*\n!*.*\n!*/\n"


@pytest.mark.parametrize("mode", ["git", "no git"])
def test_the_go_zero_shape_reads_every_file(in_tmp, mode, request):
    git("init", "-q", ".")
    write(in_tmp, ".gitignore", GO_ZERO_IGNORE)
    make(in_tmp, "top.go", "core/fs/files.go", "core/Makefile")
    if mode == "no git":
        request.getfixturevalue("without_git")
    found = discover(["."])
    assert found.files == ["core/fs/files.go", "top.go"]
    assert found.skipped == [] and found.warnings == []


def test_a_tracked_file_matching_an_ignore_pattern_is_read(in_tmp):
    git("init", "-q", ".")
    write(in_tmp, ".gitignore", "*.go\n")
    make(in_tmp, "tracked.go", "untracked.go")
    git("add", "-f", "tracked.go")
    found = discover(["."])
    assert found.files == ["tracked.go"]
    assert found.skipped == [("untracked.go", "ignored by git")]


@pytest.mark.parametrize("mode", ["git", "no git"])
def test_info_exclude_is_honoured(in_tmp, mode, request):
    git("init", "-q", ".")
    write(in_tmp, ".git/info/exclude", "local/\n")
    make(in_tmp, "a.go", "local/scratch.go")
    if mode == "no git":
        request.getfixturevalue("without_git")
    found = discover(["."], explain=True)
    assert found.files == ["a.go"]
    assert found.skipped == [("local/scratch.go", f"ignored by {os.path.join('.git', 'info', 'exclude')} line 1: local/")]


def test_go_package_patterns_name_a_directory_recursively(in_tmp):
    git("init", "-q", ".")
    make(in_tmp, "a.go", "pkg/b.go", "pkg/sub/c.go", "pkg/vendor/v.go")
    assert discover(["./..."]).files == discover(["."]).files == ["a.go", "pkg/b.go", "pkg/sub/c.go"]
    assert discover(["pkg/..."]).files == discover(["./pkg/..."]).files == ["pkg/b.go", "pkg/sub/c.go"]
    assert discover([str(in_tmp / "pkg") + "/..."]).files == [str(in_tmp / "pkg/b.go"), str(in_tmp / "pkg/sub/c.go")]
    with pytest.raises(FileNotFoundError, match="nope"):
        discover(["nope/..."])


def test_go_package_patterns_on_the_command_line(in_tmp):
    git("init", "-q", ".")
    make(in_tmp, "pkg/b.go", text="package p\n\nimport \"context\"\n\nfunc f() {\n\tctx, _ := context.WithCancel(context.Background())\n\t_ = ctx\n}\n")
    for args in (["check", "./..."], ["check", "pkg/..."], ["diff", "./pkg/..."]):
        proc = subprocess.run(LEAKFIX + args, capture_output=True, text=True)
        assert proc.returncode in (0, 1) and "pkg/b.go" in proc.stdout, (args, proc.stdout, proc.stderr)
    proc = subprocess.run(LEAKFIX + ["apply", "./..."], capture_output=True, text=True)
    assert proc.stderr == "leakfix: 1 fix(es) in 1 file(s) (defer-cancel: 1)\n"


# --- every skip has a reason, and nothing is skipped silently ------------------------------------

def test_every_skipped_file_has_its_reason(in_tmp):
    git("init", "-q", ".")
    write(in_tmp, ".gitignore", "# build output\n*.gen.go\n/out/\n")
    write(in_tmp, "sub/.gitignore", "local_*.go\n")
    make(in_tmp, "a.go", "x.gen.go", "out/o.go", "sub/local_1.go", "vendor/v.go", "p/testdata/t.go",
         ".github/h.go", "_old/o.go", "_u.go", "gen/g.go")
    found = discover(["."], exclude=["gen/"], explain=True)
    assert found.files == ["a.go"]
    assert dict(found.skipped) == {
        "x.gen.go": "ignored by .gitignore line 2: *.gen.go",
        "out/o.go": "ignored by .gitignore line 3: /out/",
        os.path.join("sub", "local_1.go"): f"ignored by {os.path.join('sub', '.gitignore')} line 1: local_*.go",
        "vendor/v.go": "in a vendor directory, which the go tool skips",
        "p/testdata/t.go": "in a testdata directory, which the go tool skips",
        ".github/h.go": "in a directory whose name starts with . or _, which the go tool skips",
        "_old/o.go": "in a directory whose name starts with . or _, which the go tool skips",
        "_u.go": "name starts with . or _, which the go tool skips",
        "gen/g.go": "excluded by [files] exclude `gen/`",
    }


@pytest.mark.parametrize("mode", ["git", "no git"])
def test_a_path_whose_files_are_all_ignored_is_a_warning_and_fails_strict(in_tmp, mode, request):
    if mode == "git":
        git("init", "-q", ".")
    write(in_tmp, ".gitignore", "*\n")
    make(in_tmp, "a.go", "core/b.go")
    if mode == "no git":
        request.getfixturevalue("without_git")
    found = discover(["."])
    assert found.files == []
    assert found.warnings == [(".", "2 .go file(s) found, none read: 2 ignored by .gitignore line 1: * (-v lists them)")]
    if mode == "git":
        proc = subprocess.run(LEAKFIX + ["check", "."], capture_output=True, text=True)
        assert proc.returncode == 0
        assert "leakfix: warning: .: 2 .go file(s) found, none read: 2 ignored by .gitignore line 1: *" in proc.stderr
        proc = subprocess.run(LEAKFIX + ["check", "--strict", "."], capture_output=True, text=True)
        assert proc.returncode == 2


def test_a_named_path_without_go_files_fails_strict(in_tmp):
    make(in_tmp, "docs/readme.md")
    assert discover(["docs"]).warnings == [("docs", "no .go file here")]
    proc = subprocess.run(LEAKFIX + ["check", "--strict", "docs"], capture_output=True, text=True)
    assert proc.returncode == 2 and "docs: no .go file here" in proc.stderr


def test_a_large_share_skipped_is_a_warning_that_does_not_fail_strict(in_tmp):
    git("init", "-q", ".")
    make(in_tmp, "a.go", "vendor/x/1.go", "vendor/x/2.go", "vendor/y/3.go")
    found = discover(["."])
    assert found.files == ["a.go"] and found.warnings == []
    assert found.notices == [(".", "3 of 4 .go file(s) skipped: 3 in a vendor directory, which the go tool skips "
                                   "(-v lists them)")]
    proc = subprocess.run(LEAKFIX + ["check", "--strict", "."], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stderr == f"leakfix: warning: .: {found.notices[0][1]}\n"


def test_verbose_lists_every_skipped_file_and_generated_ones(in_tmp):
    git("init", "-q", ".")
    write(in_tmp, ".gitignore", "ignored.go\n")
    make(in_tmp, "a.go", "ignored.go", "testdata/t.go")
    write(in_tmp, "gen.go", "// Code generated by hand. DO NOT EDIT.\n\npackage p\n")
    proc = subprocess.run(LEAKFIX + ["diff", "-v"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [
        "leakfix: skipped: gen.go: generated (`// Code generated ... DO NOT EDIT.`): read, not analysed",
        "leakfix: skipped: ignored.go: ignored by .gitignore line 1: ignored.go",
        "leakfix: skipped: testdata/t.go: in a testdata directory, which the go tool skips",
    ]
    quiet = subprocess.run(LEAKFIX + ["check", "-q", "-v"], capture_output=True, text=True)
    assert quiet.stderr == ""


def test_a_named_file_is_read_even_if_ignored_with_a_note(in_tmp):
    git("init", "-q", ".")
    write(in_tmp, ".gitignore", "*.go\n")
    make(in_tmp, "a.go")
    found = discover(["a.go"], explain=True)
    assert found.files == ["a.go"]
    assert found.notes == [("a.go", "named on the command line, so read although ignored by .gitignore line 1: *.go")]
    proc = subprocess.run(LEAKFIX + ["check", "-v", "a.go"], capture_output=True, text=True)
    assert "leakfix: note: a.go: named on the command line, so read although ignored" in proc.stderr


def test_a_named_ignored_directory_is_read(in_tmp):
    git("init", "-q", ".")
    write(in_tmp, ".gitignore", "build/\n")
    write(in_tmp, "build/.gitignore", "skip.go\n")
    make(in_tmp, "build/out.go", "build/skip.go")
    assert discover(["."]).files == []
    found = discover(["build"], explain=True)
    assert found.files == ["build/out.go"]
    assert found.skipped == [("build/skip.go", f"ignored by {os.path.join('build', '.gitignore')} line 1: skip.go")]


# --- repositories inside repositories -----------------------------------------------------------

def test_a_nested_repository_is_listed_by_its_own_git(in_tmp):
    git("init", "-q", ".")
    write(in_tmp, ".gitignore", "*.gen.go\n")
    make(in_tmp, "a.go", "nested/b.go", "nested/c.gen.go", "nested/d.go")
    git("init", "-q", "nested")
    write(in_tmp, "nested/.git/info/exclude", "d.go\n")
    found = discover(["."], explain=True)
    # the outer .gitignore does not reach into the nested repository; its own exclude does
    assert found.files == ["a.go", "nested/b.go", "nested/c.gen.go"]
    assert found.skipped == [("nested/d.go", f"ignored by {os.path.join('nested', '.git', 'info', 'exclude')} line 1: d.go")]


def test_a_submodule_is_read_from_its_own_work_tree(in_tmp):
    make(in_tmp, "lib/s.go", "lib/ignored.go")
    write(in_tmp, "lib/.gitignore", "ignored.go\n")
    git("init", "-q", "lib")
    git("add", ".gitignore", "s.go", cwd="lib")
    git("commit", "-qm", "lib", cwd="lib")
    os.makedirs("app")
    git("init", "-q", "app")
    git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(in_tmp / "lib"), "mod", cwd="app")
    make(in_tmp, "app/main.go", "app/mod/new.go")
    assert discover(["app"]).files == ["app/main.go", "app/mod/new.go", "app/mod/s.go"]


def test_a_tracked_file_deleted_from_the_work_tree_is_not_read(in_tmp):
    git("init", "-q", ".")
    make(in_tmp, "a.go", "gone.go")
    git("add", ".")
    os.remove("gone.go")
    assert discover(["."]) .files == ["a.go"]


def test_a_git_hooks_environment_does_not_redirect_the_listing(in_tmp, monkeypatch):
    git("init", "-q", "other")
    make(in_tmp, "other/o.go")
    git("init", "-q", "repo")
    make(in_tmp, "repo/r.go")
    monkeypatch.setenv("GIT_DIR", str(in_tmp / "other/.git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(in_tmp / "other"))
    assert discover(["repo"]).files == ["repo/r.go"]


# --- the property: leakfix reads what git lists, less the go tool's rules ----------------------

NAMES = ["a", "b", "build", "a", "b", "build", "vendor", "testdata", ".hid", "_u"]  # plain names weigh more
FILES = ["x.go", "y.go", "k.go", "x.go", "y.go", "_z.go", ".d.go", "x.txt"]
GLOBS = ["*", "*.go", "*", "*.go", "x*", "?.go", "k.go", "y.go", "a", "b", "build", "**", "[xy].go", "[!x].go",
         "*.txt", "_*", "b*"]

paths = st.lists(st.sampled_from(NAMES), min_size=0, max_size=3).flatmap(
    lambda dirs: st.sampled_from(FILES).map(lambda f: "/".join([*dirs, f])))
pattern = st.builds(
    lambda neg, lead, body, middle, trail: ("!" if neg else "") + ("/" if lead else "")
    + "/".join(([body[0]] + (["**"] if middle else []) + body[1:])) + ("/" if trail else ""),
    st.sampled_from([False, False, True]),                  # `!`: re-include
    st.sampled_from([False, False, False, True]),           # leading `/`: anchored
    st.lists(st.sampled_from(GLOBS), min_size=1, max_size=2),
    st.sampled_from([False, False, False, True]),           # `/**/` in the middle
    st.sampled_from([False, False, True]))                  # trailing `/`: directories only
ignore_text = st.lists(pattern, max_size=4).map(lambda lines: "".join(line + "\n" for line in lines))
ignore_dirs = st.lists(st.lists(st.sampled_from(NAMES[:3]), min_size=1, max_size=2).map("/".join), max_size=3,
                       unique=True)

# A few seconds by default; LEAKFIX_PROPERTY_EXAMPLES=2000 searches harder.
PROPERTY = settings(max_examples=int(os.environ.get("LEAKFIX_PROPERTY_EXAMPLES", "40")), derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _tree(files, ignores, exclude_text):
    """A fresh work tree: the files, the ignore files (at the listed directories) and
    .git/info/exclude."""
    root = tempfile.mkdtemp(prefix="leakfix-prop-")
    git("init", "-q", root)
    make(root, *files)
    for d, text in ignores:
        write(root, os.path.join(d, ".gitignore"), text)
    write(root, ".git/info/exclude", exclude_text)
    return root


@PROPERTY
@given(files=st.lists(paths, min_size=1, max_size=15, unique=True), dirs=ignore_dirs,
       texts=st.lists(ignore_text, min_size=4, max_size=4), exclude_text=ignore_text,
       tracked=st.lists(st.integers(0, 14), max_size=4), named=st.sampled_from(["", "a", "b"]))
def test_leakfix_reads_what_git_lists_less_the_go_tools_rules(files, dirs, texts, exclude_text, tracked, named):
    root = _tree(files, list(zip([""] + dirs, texts)), exclude_text)
    cwd = os.getcwd()
    try:
        os.chdir(root)
        to_track = sorted({files[i] for i in tracked if i < len(files)})
        if to_track:
            git("add", "-f", "--", *to_track)  # tracked files are read even when a pattern ignores them
        if named and (not os.path.isdir(named) or subprocess.run([GIT, "check-ignore", "-q", named + "/"]).returncode == 0):
            named = ""  # a named ignored directory is read on purpose: not git's answer
        expected = git_go_files(".", *([named] if named else []))
        got = discover([named or "."]).files
        prefix = named + "/" if named else ""
        assert got == [prefix + f for f in expected]
    finally:
        os.chdir(cwd)
        shutil.rmtree(root, ignore_errors=True)


@PROPERTY
@given(files=st.lists(paths, min_size=1, max_size=15, unique=True), dirs=ignore_dirs,
       texts=st.lists(ignore_text, min_size=4, max_size=4), exclude_text=ignore_text)
def test_without_git_the_walk_gives_gits_answer(files, dirs, texts, exclude_text, tmp_path_factory):
    """Untracked files only: a walk cannot know what the index holds."""
    root = _tree(files, list(zip([""] + dirs, texts)), exclude_text)
    expected = git_go_files(root, tracked=False)
    cwd, path = os.getcwd(), os.environ["PATH"]
    try:
        os.chdir(root)
        os.environ["PATH"] = str(tmp_path_factory.getbasetemp())  # no git there
        got = discover(["."]).files
    finally:
        os.environ["PATH"] = path
        os.chdir(cwd)
        shutil.rmtree(root, ignore_errors=True)
    assert got == expected


def test_repositories_inside_a_directory_that_is_not_one_are_listed_by_git(in_tmp):
    make(in_tmp, "src/one/a.go", "src/one/ignored.go", "src/one/tracked.go", "src/loose.go")
    git("init", "-q", "src/one")
    write(in_tmp, "src/one/.gitignore", "ignored.go\ntracked.go\n")
    git("add", "-f", "tracked.go", cwd="src/one")
    found = discover(["src"])
    assert found.files == ["src/loose.go", "src/one/a.go", "src/one/tracked.go"]
    assert found.skipped == [("src/one/ignored.go", "ignored by git")]


def test_a_named_link_to_a_directory_is_read_through_the_link(in_tmp):
    git("init", "-q", "repo")
    make(in_tmp, "repo/pkg/a.go", "repo/pkg/vendor/v.go")
    os.symlink("repo/pkg", "link")
    assert discover(["link"]).files == ["link/a.go"]
    assert len(discover(["link", "repo"]).files) == 1  # one file under two spellings is read once


def test_the_bot_takes_a_package_pattern(tmp_path, capfdbinary, monkeypatch):
    sys.path.insert(0, os.path.dirname(__file__))
    from bot_support.gitrepo import FIXED
    from bot_support.world import BOT_BRANCH, make_world

    world, forge = make_world(tmp_path, capfdbinary, monkeypatch)
    try:
        res = world.bot("--dry-run", path=str(world.repos.clone) + "/...")
        assert res.code == 0, res.err
        assert "leaky.go" in res.out
        res = world.bot(path=str(world.repos.clone) + "/...")
        assert res.code == 0, res.err
        assert world.repos.show(BOT_BRANCH, "leaky.go") == FIXED
    finally:
        forge.__exit__(None, None, None)
