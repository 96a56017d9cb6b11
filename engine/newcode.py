"""New code only: the lines a change added or modified, and which findings fall on them.

A change is a unified diff: given as a file (`--new-from-patch`), or made by git in the
repository's root between a revision and the working tree (`--new-from-rev`, or the merge base
of a revision and HEAD with `--new-from-merge-base`). Untracked files that git does not ignore
count as new in full (they are what the change adds); deleted lines count for nothing.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from typing import Iterable

import unidiff

from .model import Finding

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree: a repository without commits


class ChangeError(Exception):
    """The change cannot be read: not a git repository, an unknown revision, a broken patch."""


@dataclass
class NewCode:
    """Real path (symbolic links resolved) -> the 1-based line numbers the change added or
    modified; `whole` holds the files that are new in full."""

    lines: dict[str, frozenset[int]] = field(default_factory=dict)
    whole: frozenset[str] = frozenset()

    def lines_of(self, path: str) -> frozenset[int] | None:
        """The new lines of path; None when every line is new."""
        apath = os.path.realpath(path)
        if apath in self.whole:
            return None
        return self.lines.get(apath, frozenset())

    def covers(self, path: str, first: int, last: int) -> bool:
        """Whether any line from first to last (inclusive) of path is new."""
        lines = self.lines_of(path)
        if lines is None:
            return True
        return any(n in lines for n in range(first, max(first, last) + 1))

    def keep(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings on new lines (any line of their range)."""
        return [f for f in findings if self.covers(f.path, f.line, f.end_line or f.line)]


def from_patch_text(text: str, base_dir: str) -> NewCode:
    """The added lines of a unified diff whose paths (after `a/` / `b/`) are relative to base_dir."""
    try:
        patch = unidiff.PatchSet(text)
    except unidiff.UnidiffParseError as exc:
        raise ChangeError(f"not a unified diff: {exc}") from None
    lines: dict[str, frozenset[int]] = {}
    for patched in patch:
        if patched.is_removed_file:
            continue
        target = _strip_prefix(patched.target_file)
        added = frozenset(line.target_line_no for hunk in patched for line in hunk
                          if line.is_added and line.target_line_no is not None)
        apath = os.path.realpath(os.path.join(base_dir, target))
        lines[apath] = lines.get(apath, frozenset()) | added
    return NewCode(lines)


def from_patch_file(path: str, base_dir: str | None = None) -> NewCode:
    """--new-from-patch: paths in the patch are relative to the current directory (as for
    `git apply` and `patch -p1` run there)."""
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8", "surrogateescape")
    except OSError as exc:
        raise ChangeError(f"{path}: {exc.strerror or exc}") from None
    return from_patch_text(text, base_dir or os.getcwd())


def from_rev(rev: str, cwd: str | None = None) -> NewCode:
    """--new-from-rev: `git diff REV` (working tree against REV) in the repository's root, plus the
    untracked files that are not ignored. HEAD in a repository without commits is the empty tree."""
    root = repo_root(cwd)
    if root is None:
        raise ChangeError("not in a git repository")
    base = _commit(rev, root)
    text = _git(["diff", "--no-color", "--no-ext-diff", "--unified=0", "--find-renames",
                 "--src-prefix=a/", "--dst-prefix=b/", base, "--"], root)
    new = from_patch_text(text, root)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0")
    new.whole = frozenset(os.path.realpath(os.path.join(root, p)) for p in untracked if p)
    return new


def from_merge_base(rev: str, cwd: str | None = None) -> NewCode:
    """--new-from-merge-base: as from_rev, from the merge base of REV and HEAD."""
    root = repo_root(cwd)
    if root is None:
        raise ChangeError("not in a git repository")
    tip = _commit(rev, root)
    try:
        base = _git(["merge-base", tip, "HEAD"], root).strip()
    except ChangeError:
        base = ""
    if not base:
        raise ChangeError(f"{rev} and HEAD have no common ancestor here (a shallow clone? fetch the whole history)")
    return from_rev(base, root)


def repo_root(cwd: str | None = None) -> str | None:
    """The top of the git work tree around cwd (default: the current directory), or None."""
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd or None, capture_output=True,
                             text=True, check=False)
    except OSError:
        return None
    return os.path.abspath(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None


def _commit(rev: str, root: str) -> str:
    try:
        return _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], root).strip()
    except ChangeError:
        if rev == "HEAD" and _git_ok(["rev-parse", "--git-dir"], root):
            return EMPTY_TREE  # no commit yet: everything is new
        raise ChangeError(f"{rev}: unknown revision") from None


def _git(args: list[str], cwd: str) -> str:
    try:
        out = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True,
                             check=False)
    except OSError as exc:
        raise ChangeError(f"cannot run git: {exc.strerror or exc}") from None
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangeError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return out.stdout.decode("utf-8", "surrogateescape")


def _git_ok(args: list[str], cwd: str) -> bool:
    try:
        _git(args, cwd)
        return True
    except ChangeError:
        return False


def _strip_prefix(name: str) -> str:
    """`b/dir/x.go` -> `dir/x.go` (a diff's target names carry a one-letter prefix)."""
    return name[2:] if name[:2] in ("a/", "b/") else name
