"""Run codemods over many files: read, prefilter, parse once, fix, in a pool of processes.

Workers receive rule ids and configuration (cheap to send) and build their codemods once.
Results come back in the order of the sorted file list, whatever the number of jobs.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .config import Config
from .discover import is_generated
from .fixer import FileResult, can_match, fix_file
from .gomod import go_version_for
from .model import Context

DEFAULT_MAX_BYTES = 4 * 1024 * 1024
SERIAL_BELOW = 24  # files: below this a process pool costs more than it saves


@dataclass
class RunSpec:
    rule_ids: list[str]
    config: Config
    apply_fixes: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES


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
    """Everything that happens to one file, in a worker."""
    spec: RunSpec = _worker["spec"]
    rules = _worker["rules"]
    try:
        st = os.stat(path)
        if st.st_size > spec.max_bytes:
            return FileResult(path, b"", b"", errors=[f"larger than {spec.max_bytes} bytes; skipped"], skipped=True)
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return FileResult(path, b"", b"", errors=[f"cannot read: {exc.strerror or exc}"], skipped=True)
    if not can_match(raw, rules) or is_generated(raw):
        return FileResult(path, raw, raw)
    version = go_version_for(path)
    contexts = {r.id: Context(version, spec.config.rule_options(r.id)) for r in rules}
    try:
        return fix_file(path, raw, rules, contexts, apply_fixes=spec.apply_fixes)
    except RecursionError:
        return FileResult(path, raw, raw, errors=["too deeply nested to analyse; skipped"])
    except Exception as exc:  # a bug in a codemod must not stop the run nor touch the file
        return FileResult(path, raw, raw, errors=[f"internal error ({type(exc).__name__}: {exc}); file left unchanged"])


def run(files: list[str], spec: RunSpec, jobs: int | None = None,
        progress: Callable[[int], None] | None = None) -> Run:
    jobs = jobs or os.cpu_count() or 1
    out = Run()
    if jobs == 1 or len(files) < SERIAL_BELOW:
        _init(spec)
        for path in files:
            out.results.append(process(path))
            if progress:
                progress(1)
        return out
    import multiprocessing

    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(spec,)) as pool:
        for res in pool.map(process, files, chunksize=chunk):
            out.results.append(res)
            if progress:
                progress(1)
    return out


def iter_changed(run: Run) -> Iterable[FileResult]:
    return (r for r in run.results if r.changed)
