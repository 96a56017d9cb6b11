"""The files of one Go package as they are on disk, for rules whose decision needs all of them.

A package-level variable may be declared in one file and written in another: a rule that decides
about it reads every file of the package through a PackageView, and every worker that handles a
file of that package derives the same decision from the same bytes. Views are cached per process
and forgotten at the start of each run.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field

from .source import GoFile

# The package clause: the first line that starts with `package` (comments and build constraints
# come before it, and none of them starts a line with the word).
_CLAUSE = re.compile(rb"(?m)^(?:\xef\xbb\xbf)?package[ \t]+([A-Za-z_]\w*)")

_views: dict[str, "PackageView"] = {}


def package_name(data: bytes) -> str | None:
    m = _CLAUSE.search(data)
    return m.group(1).decode() if m else None


@dataclass
class PackageView:
    """The .go files of a directory that share one package clause (external `_test` packages
    are other packages), their bytes as read once, and which of them the current run edits."""

    directory: str
    name: str
    sources: dict[str, bytes]  # absolute path -> bytes, sorted by path
    in_run: frozenset[str]
    memo: dict = field(default_factory=dict)  # rules keep their per-package analyses here
    _parsed: dict = field(default_factory=dict)

    @property
    def paths(self) -> list[str]:
        return list(self.sources)

    def adopt(self, gf: GoFile) -> None:
        """Reuse a file the caller parsed already, if it is the one on disk (saves a parse)."""
        path = os.path.abspath(gf.path)
        if path not in self._parsed and self.sources.get(path) == gf.raw:
            self._parsed[path] = gf

    def parsed(self, path: str) -> GoFile:
        gf = self._parsed.get(path)
        if gf is None:
            gf = self._parsed[path] = GoFile(path, self.sources[path])
        return gf


def view_for(path: str, run_files: frozenset[str]) -> PackageView | None:
    """The view of the package `path` belongs to (None if its package clause cannot be read)."""
    path = os.path.abspath(path)
    directory = os.path.dirname(path)
    files = dict(directory_sources(directory))
    own = files.get(path)
    if own is None:  # not a regular .go file of the listing: read it as named
        try:
            own = _read(path)
        except OSError:
            return None
    name = package_name(own)
    if name is None:
        return None
    cache_key = f"{directory}\0{name}"
    if cache_key in _views:
        return _views[cache_key]
    sources = {p: data for p, data in files.items() if package_name(data) == name}
    sources.setdefault(path, own)
    view = PackageView(directory, name, dict(sorted(sources.items())),
                       frozenset(p for p in sources if p in run_files))
    _views[cache_key] = view
    return view


def fingerprint(path: str, run_files: frozenset[str]) -> bytes:
    """What a package-level decision about `path` depends on: the bytes of every .go file in its
    directory (the ones views are built from: read once per run) and which of them the run
    edits (a file's cached result is stale when any changes)."""
    directory = os.path.dirname(os.path.abspath(path))
    found = _fingerprints.get(directory)
    if found is not None:
        return found
    h = hashlib.blake2b(digest_size=16)
    for p, data in directory_sources(directory):
        h.update(p.encode() + b"\0" + (b"1" if p in run_files else b"0"))
        h.update(hashlib.blake2b(data, digest_size=16).digest())
    _fingerprints[directory] = h.digest()
    return _fingerprints[directory]


def forget() -> None:
    _views.clear()
    _dir_cache.clear()
    _fingerprints.clear()


_fingerprints: dict[str, bytes] = {}


_dir_cache: dict[str, list[tuple[str, bytes]]] = {}


def directory_sources(directory: str) -> list[tuple[str, bytes]]:
    """(absolute path, bytes) of every readable regular .go file in directory, sorted (read once
    per run and process)."""
    found = _dir_cache.get(directory)
    if found is not None:
        return found
    out = []
    for p in _go_files(directory):
        try:
            out.append((p, _read(p)))
        except OSError:
            continue
    _dir_cache[directory] = out
    return out


def _go_files(directory: str) -> list[str]:
    """Absolute paths of the regular .go files in directory, sorted."""
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    paths = (os.path.join(directory, n) for n in names if n.endswith(".go"))
    return [p for p in paths if os.path.isfile(p)]


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()
