"""Run codemods over many files: read, prefilter, parse once, fix, in a pool of processes.

Workers receive rule ids and configuration (cheap to send) and build their codemods once.
Results come back in the order of the sorted file list, whatever the number of jobs.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from .cache import Cache, content_digest, read_signed, signature
from .config import Config
from .discover import is_generated
from .fixer import FileResult, can_match, fix_file
from . import inputs, suppress
from .source import BOM

DEFAULT_MAX_BYTES = 4 * 1024 * 1024
SERIAL_BELOW = 24  # files: below this a process pool costs more than it saves


@dataclass
class RunSpec:
    rule_ids: list[str]
    config: Config
    apply_fixes: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    cache_dir: str | None = None  # None: no cache
    run_files: frozenset[str] = frozenset()  # absolute paths of the run's files (for package views)
    requested: frozenset[str] = frozenset()  # rules whose on-request fixes are applied too
    # absolute path -> the lines whose findings may be fixed (None: all of them; a path not
    # listed: none); None: no limit (see engine.newcode)
    fix_lines: dict[str, frozenset[int] | None] | None = None

    @cached_property
    def declared_inputs(self) -> frozenset[str]:
        """What the chosen rules read besides a file and their options (engine.model.INPUTS)."""
        from leakfix.codemods import RULES

        return frozenset().union(*(inputs.declared(RULES[r]) for r in self.rule_ids))

    @cached_property
    def profiles(self) -> dict[str, str]:
        """rule id -> the profile it is given, for the rules that declare a profile."""
        from leakfix.codemods import RULES

        found = {r: inputs.profile_path(self.config.rule_options(r)) for r in self.rule_ids
                 if "profile" in inputs.declared(RULES[r])}
        return {r: p for r, p in found.items() if p}

    def salt(self) -> str:
        """What every result depends on: leakfix's code, the configuration (every rule's options
        and templates among it), the rules, and how they run."""
        from leakfix import __version__

        from .cache import code_fingerprint

        return "|".join([__version__, code_fingerprint(), self.config.fingerprint(), ",".join(self.rule_ids),
                         str(self.apply_fixes), str(self.max_bytes), ",".join(sorted(self.requested))])


@dataclass
class Run:
    results: list[FileResult] = field(default_factory=list)

    @property
    def findings(self):
        return [f for r in self.results for f in r.findings]

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(r.path, e) for r in self.results for e in r.errors]


_worker: dict = {}


def build_rules(rule_ids: list[str], config: Config) -> list:
    from leakfix.codemods import RULES

    return [RULES[rid](config.rule_options(rid), config.rule_templates(rid)) for rid in rule_ids]


def _init(spec: RunSpec) -> None:
    _worker["spec"] = spec
    _worker["rules"] = build_rules(spec.rule_ids, spec.config)


def process(path: str) -> FileResult:
    """Everything that happens to one file, in a worker. The result keeps the file's bytes only
    when the file has findings or changed: nothing else needs them, so they do not travel back."""
    spec: RunSpec = _worker["spec"]
    try:
        raw, sig = read_signed(path, spec.max_bytes)
    except OSError as exc:
        return FileResult(path, b"", b"", errors=[f"cannot read: {exc.strerror or exc}"], skipped=True)
    if raw is None:
        return FileResult(path, b"", b"", errors=[f"larger than {spec.max_bytes} bytes; skipped"], skipped=True)
    result = _fix(path, raw, spec, _worker["rules"])
    if not result.findings and not result.changed:
        result.old = result.new = b""
    if spec.cache_dir:
        result.digest, result.signature = content_digest(raw), sig
    return result


def _fix(path: str, raw: bytes, spec: RunSpec, rules: list) -> FileResult:
    result = _fix_with_rules(path, raw, spec, rules)
    if b"leakfix:ignore" in raw:
        from leakfix.codemods import RULES

        result.errors.extend(suppress.unknown_rules(raw, RULES))
    return result


def _fix_with_rules(path: str, raw: bytes, spec: RunSpec, rules: list) -> FileResult:
    if is_generated(raw):
        return FileResult(path, raw, raw)
    contexts = {r.id: inputs.context_for(path, inputs.declared(r), spec.run_files, spec.profiles.get(r.id))
                for r in rules}  # each input is loaded only when a rule reads it
    try:
        # byte triggers, then what a rule reads from its inputs (the file's package, the index)
        matching = can_match(raw, rules, contexts)
        if not matching:
            return FileResult(path, raw, raw)
        return fix_file(path, raw, rules, contexts, apply_fixes=spec.apply_fixes, requested=spec.requested,
                        matching=None if raw.startswith(BOM) else matching,  # raw is then the body fix_file sees
                        fix_lines=_fix_lines(path, spec))
    except RecursionError:
        return FileResult(path, raw, raw, errors=["too deeply nested to analyse; skipped"])
    except Exception as exc:  # a bug in a codemod must not stop the run nor touch the file
        return FileResult(path, raw, raw, errors=[f"internal error ({type(exc).__name__}: {exc}); file left unchanged"])


def _fix_lines(path: str, spec: RunSpec) -> frozenset[int] | None:
    if spec.fix_lines is None:
        return None
    return spec.fix_lines.get(os.path.abspath(path), frozenset())


def run(files: list[str], spec: RunSpec, jobs: int | None = None,
        progress: Callable[[int], None] | None = None) -> Run:
    """Process files (in parallel when worth it), reusing cached results for unchanged ones."""
    inputs.forget()
    _stats.clear()
    absolute = [os.path.abspath(p) for p in files]
    spec.run_files = frozenset(absolute)
    cache, hits, known = None, {}, []
    if spec.cache_dir:
        cache, hits, known = _lookup(files, absolute, spec)
        if progress and hits:
            progress(len(hits))
    todo = [p for p in files if p not in hits]
    fresh = dict(zip(todo, _analyse(todo, spec, jobs, progress)))
    if cache is not None:
        _store(cache, spec, fresh, known)
        cache.close()
    return Run([hits[p] if p in hits else fresh[p] for p in files])


def _analyse(files: list[str], spec: RunSpec, jobs: int | None, progress) -> list[FileResult]:
    jobs = jobs or os.cpu_count() or 1
    out: list[FileResult] = []
    if jobs == 1 or len(files) < SERIAL_BELOW:
        _init(spec)
        for path in files:
            out.append(process(path))
            if progress:
                progress(1)
        return out
    import multiprocessing

    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(spec,)) as pool:
        for res in pool.map(process, files, chunksize=chunk):
            out.append(res)
            if progress:
                progress(1)
    return out


def _lookup(files: list[str], absolute: list[str], spec: RunSpec):
    """(cache, cached result per file, signature index rows to record) — a broken cache is no
    cache. A file whose stat signature is the one recorded is neither read nor hashed unless its
    result has findings or changes (their output needs its bytes); any other file is read and
    hashed."""
    try:
        cache = Cache(spec.cache_dir, spec.salt())
        recorded = cache.known_digests(absolute)
    except Exception:
        return None, {}, []
    keys: dict[str, tuple[bytes, bytes]] = {}
    read: dict[str, bytes] = {}
    rows: dict[str, tuple[str, bytes, bytes]] = {}
    for path, apath in zip(files, absolute):
        try:
            st = os.stat(path)
        except OSError:
            continue
        _stats[apath] = st
        if st.st_size > spec.max_bytes:
            continue
        rec = recorded.get(apath)
        if rec is not None and rec[0] == signature(st):
            digest = rec[1]
        else:
            try:
                raw, sig = read_signed(path, spec.max_bytes)
            except OSError:
                continue
            if raw is None:
                continue
            digest = content_digest(raw)
            read[path] = raw
            if sig is not None:
                rows[path] = (apath, sig, digest)
        keys[path] = (cache.key(path, digest, _context_key(path, spec)), digest)
    found = cache.get_many([k for k, _ in keys.values()])
    hits = {}
    for path, (key, digest) in keys.items():
        entry = found.get(key)
        if entry is not None:
            res = _restore(path, entry, read.get(path), digest)
            if res is not None:
                hits[path] = res
    return cache, hits, [row for p, row in rows.items() if p in hits]


def _store(cache: Cache, spec: RunSpec, fresh: dict[str, FileResult], known: list) -> None:
    """Record the new results, and the signatures of the files read (theirs and known's)."""
    items, rows = [], list(known)
    for path, r in fresh.items():
        if r.skipped or r.digest is None:
            continue
        items.append((cache.key(path, r.digest, _context_key(path, spec)), _entry(r)))
        if r.signature is not None:
            rows.append((os.path.abspath(path), r.signature, r.digest))
    cache.put_many(items, rows)


def _context_key(path: str, spec: RunSpec) -> str:
    """What a file's result depends on besides its bytes and the salt: the inputs the chosen rules
    declare (the rules that can match a file are known only once it is read, and a signature hit
    is not read, so the key follows every chosen rule's declarations), and the lines whose
    findings may be fixed when the run is limited to a change."""
    part = inputs.key(path, spec.declared_inputs, spec.run_files, tuple(sorted(set(spec.profiles.values()))), _stats)
    if spec.fix_lines is not None:
        lines = _fix_lines(path, spec)
        part += "|" + ("all" if lines is None else ",".join(map(str, sorted(lines))))
    return part


_stats: dict[str, os.stat_result] = {}  # absolute path -> stat of the run's files (this run)


def _entry(r: FileResult) -> tuple:
    """What the cache keeps of a result: not the file's bytes, only what leakfix made of them."""
    return (r.findings, r.errors, r.unused_suppressions, r.new if r.changed else None)


def _restore(path: str, entry: tuple, raw: bytes | None, digest: bytes) -> FileResult | None:
    """The cached result of a file; None when its bytes are needed and are no longer the ones
    hashed (it changed since it was stat'ed: analyse it again)."""
    findings, errors, unused, new = entry
    if not findings and new is None:
        return FileResult(path, b"", b"", findings, errors, unused)
    if raw is None:
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError:
            return None
        if content_digest(raw) != digest:
            return None
    return FileResult(path, raw, raw if new is None else new, findings, errors, unused)
