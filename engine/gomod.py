"""Find the Go language version of a file: the `go` line of the nearest go.mod above it."""
from __future__ import annotations

import os
import re
from functools import lru_cache

VERSION = re.compile(r"(\d+)(?:\.(\d+))?")


def go_version_for(path: str) -> tuple[int, int] | None:
    """(major, minor) of the nearest go.mod's `go` line, e.g. `go 1.22.3` -> (1, 22).

    None when no go.mod is found or it has no `go` line.
    """
    gomod = _gomod_in_or_above(_start_dir(path))
    return None if gomod is None else _go_line_version(gomod)


@lru_cache(maxsize=4096)
def go_version_in(directory: str) -> tuple[int, int] | None:
    """go_version_for a file in directory (as spelled in its path; "" is the current one),
    computed once per directory."""
    return go_version_for(directory or os.curdir)


def module_root_for(path: str) -> str | None:
    """The directory holding the nearest go.mod at or above the file's directory."""
    gomod = _gomod_in_or_above(_start_dir(path))
    return None if gomod is None else os.path.dirname(gomod)


def _start_dir(path: str) -> str:
    absolute = os.path.normpath(os.path.abspath(path))
    return absolute if os.path.isdir(absolute) else os.path.dirname(absolute)


@lru_cache(maxsize=4096)
def _gomod_in_or_above(directory: str) -> str | None:
    candidate = os.path.join(directory, "go.mod")
    if os.path.isfile(candidate):
        return candidate
    parent = os.path.dirname(directory)
    return None if parent == directory else _gomod_in_or_above(parent)


def _go_line_version(gomod: str) -> tuple[int, int] | None:
    data = gomod_bytes(gomod)
    return None if data is None else parse_go_line(data.decode("utf-8", "replace"))


@lru_cache(maxsize=1024)
def gomod_bytes(gomod: str) -> bytes | None:
    """The bytes of a go.mod file, read once per run (None when unreadable)."""
    try:
        with open(gomod, "rb") as f:
            return f.read()
    except OSError:
        return None


def gomod_for(path: str) -> str | None:
    """The path of the nearest go.mod at or above the file's directory."""
    return _gomod_in_or_above(_start_dir(path))


def parse_go_line(text: str) -> tuple[int, int] | None:
    """The version of the first top-level `go` directive in go.mod text (comments ignored)."""
    for line in text.lstrip("\ufeff").splitlines():
        words = line.split("//", 1)[0].split()
        if len(words) == 2 and words[0] == "go":
            match = VERSION.match(words[1])
            if match:
                return int(match.group(1)), int(match.group(2) or 0)
    return None


def parse_module_line(text: str) -> str | None:
    """The module path of go.mod text (its `module` directive), None without one."""
    for line in text.lstrip("\ufeff").splitlines():
        words = line.split("//", 1)[0].split()
        if len(words) == 2 and words[0] == "module":
            return words[1].strip('"')
    return None


def module_path_for(path: str) -> str | None:
    """The module path of the nearest go.mod above the file."""
    gomod = gomod_for(path)
    data = None if gomod is None else gomod_bytes(gomod)
    return None if data is None else parse_module_line(data.decode("utf-8", "replace"))


def forget() -> None:
    """Drop what was learnt about go.mod files (a new run must see edits made since)."""
    _gomod_in_or_above.cache_clear()
    go_version_in.cache_clear()
    gomod_bytes.cache_clear()


def import_path_for(path: str) -> str | None:
    """The file's path as the Go toolchain names it with -trimpath: the module path from the
    nearest go.mod's `module` line, then the file's path below the module root."""
    gomod = gomod_for(path)
    module = module_path_for(path)
    if gomod is None or module is None:
        return None
    rel = os.path.relpath(os.path.abspath(path), os.path.dirname(gomod)).replace(os.sep, "/")
    return f"{module}/{rel}"
