"""The inputs rules declare (engine.model.INPUTS): loaded for their Context, keyed for the cache.

A rule reads nothing but its file, its options and the inputs it declares; this module is the
one place that reads them from disk. `context_for` gives a rule its Context (each input loaded
the first time the rule reads it); `key` says what a file's cached result depends on besides its
bytes, for a set of declared inputs, from the same bytes the rules see (read once per run).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache

from . import gomod, index, package
from .model import INPUTS, Context


def declared(rule) -> frozenset[str]:
    """The inputs a rule declares (none when it declares nothing); unknown names are an error."""
    names = frozenset(getattr(rule, "inputs", frozenset()))
    unknown = sorted(names - INPUTS.keys())
    if unknown:
        raise ValueError(f"{rule.id}: unknown input {unknown[0]!r} (known: {', '.join(INPUTS)})")
    return names


def profile_path(options: dict) -> str | None:
    """The profile a rule is given: the file its `profile` option names (set by --profile)."""
    value = options.get("profile")
    return os.path.abspath(value) if value else None


def context_for(path: str, inputs: frozenset[str], run_files: frozenset[str], profile: str | None) -> Context:
    """The Context of one rule on one file: its declared inputs, each loaded on first read."""
    loaders = {
        "package": lambda: package.view_for(path, run_files),
        "gomod": lambda: (gomod.go_version_in(os.path.dirname(path)), gomod.module_path_for(path)),
        "profile": lambda: FileProfile(load_profile(profile)[1], path) if profile else None,
        "index": lambda: index.FileIndex(index.current(), path),
    }
    return Context(loaders={k: v for k, v in loaders.items() if k in inputs}, inputs=inputs)


def key(path: str, inputs: frozenset[str], run_files: frozenset[str], profiles: tuple[str, ...] = (),
        stats: dict | None = None) -> str:
    """What a file's result depends on through these inputs: the bytes of every .go file of its
    directory and which of them the run edits (package), the nearest go.mod's location and bytes
    (gomod, and profile, which matches files by their module path), the profiles' bytes, the
    state of every Go file of the module and of GOROOT's release (index; `stats`: the run's
    files, stat'ed already)."""
    parts = []
    if "package" in inputs:
        parts.append("package=" + package.fingerprint(path, run_files).hex())
    if "gomod" in inputs or "profile" in inputs:
        parts.append("gomod=" + _gomod_key(os.path.dirname(os.path.abspath(path))))
    if "profile" in inputs:
        parts.extend(f"profile={p}:{load_profile(p)[0]}" for p in sorted(profiles))
    if "index" in inputs:
        parts.append("index=" + index.module_fingerprint(path, stats or {}))
    return "|".join(parts)


@lru_cache(maxsize=4096)
def _gomod_key(directory: str) -> str:
    found = gomod.gomod_for(os.path.join(directory, "x.go"))
    if found is None:
        return "none"
    data = gomod.gomod_bytes(found)
    return f"{found}:{'unreadable' if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()}"


@lru_cache(maxsize=8)
def load_profile(path: str) -> tuple[str, list]:
    """(hash of its bytes, allocation sites) of a profile, read once per run; an unreadable or
    broken profile has no sites (the command line refuses one before the run)."""
    from . import pprof

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return f"unreadable:{exc.errno}", []
    try:
        sites = pprof.allocation_sites(data)
    except pprof.ProfileError:
        sites = []
    return hashlib.blake2b(data, digest_size=16).hexdigest(), sites


@dataclass
class FileProfile:
    """A profile as one file sees it: its allocation sites there, by line."""

    sites: list
    path: str

    def lines(self, min_share_percent: float = 0.0) -> dict:
        """line -> site of the sites in this file with at least this share of allocated bytes,
        matched by the file's absolute path or, for -trimpath profiles, by its module path."""
        from . import pprof

        sites = [s for s in self.sites if s.share * 100 >= min_share_percent]
        found = pprof.match(sites, os.path.abspath(self.path))  # a profile built from this checkout
        imported = gomod.import_path_for(self.path)  # a -trimpath profile
        return found or (pprof.match(sites, imported) if imported else {})


def forget() -> None:
    """Drop what was read (a new run must see the edits made since)."""
    _gomod_key.cache_clear()
    load_profile.cache_clear()
    gomod.forget()
    package.forget()
    index.forget()
