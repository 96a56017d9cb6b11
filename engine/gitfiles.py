"""Ask git which files of a work tree it considers, and why it ignores the others.

`git ls-files --cached --others --exclude-standard` is the reference for what a repository
holds: tracked files (never ignored) and untracked files that no ignore rule (`.gitignore` at any
depth, `.git/info/exclude`, `core.excludesFile`) excludes. A second listing with `--ignored`
runs beside it so that nothing is skipped unseen; `git check-ignore -v` tells which line of which
file ignores a path. Every function returns None when git cannot answer (not installed, not a
repository it accepts), and the caller walks the tree itself.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field

# Variables a git hook or another git command may have set: they would point every call at
# that repository instead of the one asked about.
_LOCAL_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX",
              "GIT_NAMESPACE", "GIT_OBJECT_DIRECTORY")
_STAGED = re.compile(rb"(\d{6}) [0-9a-f]{40,64} \d\t")
_GITLINK = b"160000"


@dataclass
class Listing:
    """What git lists under some directories of one work tree, paths relative to its root
    with `/` (directories end with `/`)."""

    files: list[str] = field(default_factory=list)    # tracked, and untracked not ignored
    repos: list[str] = field(default_factory=list)    # submodules and nested repositories
    ignored: list[str] = field(default_factory=list)  # untracked and ignored


def work_tree_root(directory: str) -> str | None:
    """The nearest directory at or above `directory` (absolute) holding a `.git`."""
    while True:
        if os.path.lexists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def list_files(root: str, pathspecs: list[str]) -> Listing | None:
    """One listing of the work tree at `root`, limited to `pathspecs` (relative directories;
    none: all). Two git processes run at once: the files git keeps, and those it ignores."""
    specs = ["--", *pathspecs] if pathspecs else []
    kept = _start(root, ["--literal-pathspecs", "ls-files", "-z", "--stage", "--cached", "--others", "--exclude-standard", *specs])
    ignored = _start(root, ["--literal-pathspecs", "ls-files", "-z", "--others", "--ignored", "--exclude-standard", *specs])
    if kept is None or ignored is None:
        for proc in (kept, ignored):
            if proc is not None:
                proc.kill()
                proc.communicate()
        return None
    kept_out, _ = kept.communicate()
    ignored_out, _ = ignored.communicate()
    if kept.returncode != 0 or ignored.returncode != 0:
        return None
    listing = Listing()
    seen: set[str] = set()
    for entry in kept_out.split(b"\0"):
        if not entry:
            continue
        staged = _STAGED.match(entry)
        mode = staged.group(1) if staged else None
        path = _decode(entry[staged.end():] if staged else entry)
        if path in seen:
            continue  # a conflicted file is listed once per stage
        seen.add(path)
        if mode == _GITLINK or path.endswith("/"):
            listing.repos.append(path.rstrip("/"))
        else:
            listing.files.append(path)
    listing.ignored = [_decode(p) for p in ignored_out.split(b"\0") if p]
    return listing


def ignore_sources(root: str, paths: list[str]) -> dict[str, tuple[str, int, str]] | None:
    """For each of `paths` (relative to `root`) that git ignores: (ignore file relative to
    `root` or absolute, line number, pattern)."""
    if not paths:
        return {}
    proc = _start(root, ["check-ignore", "-v", "-z", "--stdin"], stdin=True)
    if proc is None:
        return None
    out, _ = proc.communicate(b"".join(p.encode("utf-8", "surrogateescape") + b"\0" for p in paths))
    if proc.returncode not in (0, 1):
        return None
    fields = [_decode(f) for f in out.split(b"\0")]
    found: dict[str, tuple[str, int, str]] = {}
    for i in range(0, len(fields) - 3, 4):
        source, line, pattern, path = fields[i:i + 4]
        if source and not pattern.startswith("!"):
            found[path] = (source, int(line), pattern)
    return found


def is_ignored(root: str, path: str) -> bool | None:
    """Whether git ignores `path` (relative to `root`; a directory ends with `/`)."""
    proc = _start(root, ["check-ignore", "-q", "--", path])
    if proc is None:
        return None
    proc.communicate()
    return {0: True, 1: False}.get(proc.returncode)


def _start(root: str, args: list[str], stdin: bool = False) -> subprocess.Popen | None:
    env = {k: v for k, v in os.environ.items() if k not in _LOCAL_ENV}
    env["LC_ALL"] = "C"
    env["GIT_CEILING_DIRECTORIES"] = os.path.dirname(root)  # a broken `.git` here is no reason to look above
    try:
        return subprocess.Popen(["git", "-c", "core.quotePath=false", *args], cwd=root,
                                stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    except OSError:
        return None


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")
