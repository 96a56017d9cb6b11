"""Git fixtures for the bot tests: a bare repository as origin and a user's clone of it.

The repository is a tiny Go module with one leak (an os.Open that is never closed).
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

GO_MOD = "module example.com/leaky\n\ngo 1.22\n"

LEAK = """package leaky

import "os"

// Size leaks the file: nothing closes it.
func Size(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
"""

FIXED = LEAK.replace("\tst, err := f.Stat()\n", "\tdefer f.Close()\n\tst, err := f.Stat()\n")

SECOND_LEAK = """package leaky

import "os"

// Head leaks the file too.
func Head(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 16)
	n, err := f.Read(buf)
	return buf[:n], err
}
"""

# Environment for git commands of "people" in the tests (never the bot's identity).
PERSON = {"GIT_AUTHOR_NAME": "Dana Dev", "GIT_AUTHOR_EMAIL": "dana@example.com",
          "GIT_COMMITTER_NAME": "Dana Dev", "GIT_COMMITTER_EMAIL": "dana@example.com"}


def git(cwd, *args: str, env: dict | None = None, check: bool = True) -> str:
    full = {**os.environ, **PERSON, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C", **(env or {})}
    proc = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", *args],
                          cwd=cwd, capture_output=True, env=full)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr.decode()}")
    return proc.stdout.decode().strip()


@dataclass
class Repos:
    """origin (bare), the user's clone, and a second clone for a person's pushes."""

    bare: Path
    clone: Path
    tmp: Path

    def branch_sha(self, branch: str) -> str | None:
        out = git(self.bare, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False)
        return out or None

    def show(self, branch: str, path: str) -> str:
        return git(self.bare, "show", f"refs/heads/{branch}:{path}") + "\n"

    def commit_on(self, branch: str, files: dict[str, str], message: str = "change") -> str:
        """A person commits files to origin's branch (through a scratch clone) and pushes."""
        scratch = self.tmp / f"scratch-{len(list(self.tmp.glob('scratch-*')))}"
        git(self.tmp, "clone", "--quiet", str(self.bare), str(scratch))
        if branch != "main":
            git(scratch, "checkout", "--quiet", "-B", branch, f"origin/{branch}")
        for rel, text in files.items():
            (scratch / rel).parent.mkdir(parents=True, exist_ok=True)
            (scratch / rel).write_text(text)
        git(scratch, "add", "-A")
        git(scratch, "commit", "--quiet", "-m", message)
        git(scratch, "push", "--quiet", "origin", f"HEAD:refs/heads/{branch}")
        return git(scratch, "rev-parse", "HEAD")


def make_repos(tmp: Path, name: str = "leaky") -> Repos:
    """origin with main = go.mod + leaky.go (one leak, which the bot fixes with its defaults, no
    configuration); the user's clone of it at `clone`."""
    seed = tmp / "seed"
    seed.mkdir()
    (seed / "go.mod").write_text(GO_MOD)
    (seed / "leaky.go").write_text(LEAK)
    git(seed, "init", "--quiet")
    git(seed, "add", "-A")
    git(seed, "commit", "--quiet", "-m", "initial")
    bare = tmp / f"{name}.git"
    git(tmp, "init", "--quiet", "--bare", str(bare))
    git(seed, "push", "--quiet", str(bare), "HEAD:refs/heads/main")
    git(bare, "symbolic-ref", "HEAD", "refs/heads/main")
    clone = tmp / "clone"
    git(tmp, "clone", "--quiet", str(bare), str(clone))
    return Repos(bare, clone, tmp)
