"""Turn the paths a user names into the sorted list of Go files to process.

Directories are walked the way the go tool walks them (skipping `vendor`, `testdata`, and names
starting with `.` or `_`), honouring `.gitignore` files and the configured `exclude` globs.
Returned paths keep the user's spelling (normalised, never made absolute).
"""
from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field

import pathspec

SKIPPED_DIR_NAMES = frozenset({"vendor", "testdata"})
GENERATED_LINE = re.compile(rb"// Code generated .* DO NOT EDIT\.")
PACKAGE_CLAUSE = re.compile(rb"[ \t]*package[ \t]")
BOM = b"\xef\xbb\xbf"


@dataclass
class Discovery:
    """The files found, and (path, message) warnings about paths that were skipped."""

    files: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Seen:
    """What the walk learns without extra system calls: the real path of every directory it
    enters (links to directories are not followed) and so of every file in them that is not a
    link itself. Deduplication needs them."""

    real_dirs: dict[str, str] = field(default_factory=dict)  # absolute path -> real path
    real_files: dict[str, str] = field(default_factory=dict)  # file as found -> real path


@dataclass(frozen=True)
class _Ignore:
    """One compiled ignore file: patterns relative to the absolute directory `base`."""

    base: str
    spec: pathspec.GitIgnoreSpec


def discover(paths: list[str], exclude: list[str] = (), root: str | None = None) -> Discovery:
    """Find the Go files under `paths`; `exclude` globs are relative to `root` (default: cwd).

    Raises FileNotFoundError for a named path that does not exist.
    """
    found = Discovery()
    seen = _Seen()
    excluded = _Ignore(_abs(root or os.curdir), pathspec.GitIgnoreSpec.from_lines(list(exclude)))
    for path in paths:
        _discover_one(os.path.normpath(path), excluded, found, seen)
    found.files = _dedupe(found.files, seen)
    found.warnings = sorted({(os.path.normpath(path), message) for path, message in found.warnings})
    return found


def is_generated(data: bytes) -> bool:
    """True when a `// Code generated ... DO NOT EDIT.` line comes before the package clause."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    if b"DO NOT EDIT" not in data:
        return False
    pkg = re.search(rb"(?m)^[ \t]*package[ \t]", data)
    header = data[:pkg.end()] if pkg else data
    for line in header.split(b"\n"):
        line = line.removesuffix(b"\r")
        if GENERATED_LINE.fullmatch(line):
            return True
        if PACKAGE_CLAUSE.match(line):
            return False
    return False


def _discover_one(path: str, excluded: _Ignore, found: Discovery, seen: _Seen) -> None:
    """Add a named path: a file is taken as is, a directory is walked."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            found.warnings.append((path, "broken symbolic link, skipped"))
            return
        raise FileNotFoundError(errno.ENOENT, "no such file or directory", path) from None
    except OSError as exc:
        found.warnings.append((path, f"cannot read: {exc.strerror or exc}"))
        return
    if stat.S_ISDIR(st.st_mode):
        _walk(path, _ancestor_ignores(_abs(path)), excluded, found, seen)
    elif not stat.S_ISREG(st.st_mode):
        found.warnings.append((path, "not a regular file, skipped"))
    elif not path.endswith(".go"):
        found.warnings.append((path, "not a Go file, skipped"))
    else:
        found.files.append(path)


def _walk(top: str, ignores: list[_Ignore], excluded: _Ignore, found: Discovery, seen: _Seen) -> None:
    """Walk `top` without following symlinked directories; `ignores` are outermost first."""
    stack = [(top, _abs(top), ignores)]
    seen.real_dirs[_abs(top)] = os.path.realpath(top)
    while stack:
        path, abs_path, ignores = stack.pop()
        real_path = seen.real_dirs[abs_path]
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            found.warnings.append((path, f"cannot read directory: {exc.strerror or exc}"))
            continue
        names = {e.name for e in entries}
        if ".git" in names and path != top:
            ignores = []  # a nested repository has its own ignore rules
        if ".gitignore" in names:
            ignores = ignores + _read_ignore(abs_path, found)
        for entry in entries:
            if _is_walkable_dir(entry):
                child_abs = os.path.join(abs_path, entry.name)
                if not _ignored(child_abs, True, ignores, excluded):
                    stack.append((entry.path, child_abs, ignores))
                    seen.real_dirs[child_abs] = os.path.join(real_path, entry.name)
            elif _is_go_name(entry.name) and not _ignored(os.path.join(abs_path, entry.name), False, ignores, excluded):
                child = os.path.normpath(entry.path)
                if _add_walked_file(entry, child, found) and not entry.is_symlink():
                    seen.real_files[child] = os.path.join(real_path, entry.name)


def _is_walkable_dir(entry: os.DirEntry) -> bool:
    name = entry.name
    if name in SKIPPED_DIR_NAMES or name.startswith((".", "_")):
        return False
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_go_name(name: str) -> bool:
    return name.endswith(".go") and not name.startswith((".", "_"))


def _add_walked_file(entry: os.DirEntry, path: str, found: Discovery) -> bool:
    """Take a walked `.go` entry if it is (or links to) a regular file; True when taken."""
    taken = False
    try:
        if entry.is_file(follow_symlinks=True):
            found.files.append(path)
            taken = True
    except OSError as exc:
        found.warnings.append((path, f"cannot read: {exc.strerror or exc}"))
        return False
    if entry.is_symlink() and not os.path.exists(path):
        found.warnings.append((path, "broken symbolic link, skipped"))
    return taken


def _ignored(abs_path: str, is_dir: bool, ignores: list[_Ignore], excluded: _Ignore) -> bool:
    """Git's rule: the deepest .gitignore with a matching pattern decides; then `exclude`."""
    for ignore in reversed(ignores):
        verdict = _check(ignore, abs_path, is_dir)
        if verdict is not None:
            if verdict:
                return True
            break
    return bool(excluded.spec.patterns) and bool(_check(excluded, abs_path, is_dir))


def _check(ignore: _Ignore, abs_path: str, is_dir: bool) -> bool | None:
    rel = _relative(abs_path, ignore.base)
    if rel is None:
        return None
    return ignore.spec.check_file(rel + "/" if is_dir else rel).include


def _ancestor_ignores(top_abs: str) -> list[_Ignore]:
    """The .gitignore files above `top_abs` up to its git work tree root, outermost first.

    When those rules ignore `top_abs` itself, the user named an ignored directory on purpose:
    it is walked, honouring only the .gitignore files inside it.
    """
    git_root = _git_root(top_abs)
    if git_root is None or git_root == top_abs:
        return []
    ignores: list[_Ignore] = []
    directory = os.path.dirname(top_abs)
    while True:
        ignores = _read_ignore(directory, None) + ignores
        if directory == git_root:
            break
        directory = os.path.dirname(directory)
    nothing = _Ignore(top_abs, pathspec.GitIgnoreSpec.from_lines([]))
    return [] if _ignored(top_abs, True, ignores, nothing) else ignores


def _git_root(start: str) -> str | None:
    directory = start
    while True:
        if os.path.lexists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _read_ignore(directory: str, found: Discovery | None) -> list[_Ignore]:
    path = os.path.join(directory, ".gitignore")
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return []
    except OSError as exc:
        if found is not None:
            found.warnings.append((path, f"cannot read: {exc.strerror or exc}"))
        return []
    return [_Ignore(directory, pathspec.GitIgnoreSpec.from_lines(text.splitlines()))]


def _relative(abs_path: str, base: str) -> str | None:
    """`abs_path` relative to `base` with forward slashes, or None when it is not inside."""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not abs_path.startswith(prefix):
        return None
    return abs_path[len(prefix):].replace(os.sep, "/")


def _abs(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _dedupe(files: list[str], seen: _Seen) -> list[str]:
    """One path per real file, preferring a non-symlink spelling; sorted.

    A file's real path is its directory's real path (known from the walk, or resolved once per
    directory) plus its name, unless the file itself is a link: far fewer system calls than
    resolving every path."""
    real_dirs = seen.real_dirs

    def real(path: str, link: bool) -> str:
        if link:
            return os.path.realpath(path)
        d, name = os.path.split(os.path.abspath(path))
        if d not in real_dirs:
            real_dirs[d] = os.path.realpath(d)
        return os.path.join(real_dirs[d], name)

    best: dict[str, tuple[bool, str]] = {}
    for path in set(files):
        key = seen.real_files.get(path)
        link = False if key is not None else os.path.islink(path)
        if key is None:
            key = real(path, link)
        candidate = (link, path)
        if key not in best or candidate < best[key]:
            best[key] = candidate
    return sorted(path for _, path in best.values())
