"""Bare py-tree-sitter parse of every Go file under a directory, in a pool of processes.

The reference points of bench/run.py (run by it as a child process, in bench/.venv):

    python bench/parse_only.py DIR [--jobs N]              read + parse every file
    python bench/parse_only.py DIR [--jobs N] --prefilter  read every file, parse only those that
                                                           leakfix's prefilter keeps

The prefiltered mode does what leakfix cannot avoid doing and nothing more: read each file, apply
the same cheap test leakfix applies before parsing (the size limit, the trigger bytes of the
default rules via leakfix.engine.fixer.can_match, the generated-file marker), and parse what is
left with one parser per worker. That is the floor for leakfix's design. The pool is set up the
way leakfix's runner sets up its own (fork, same chunk size) so the two compare like for like.

Prints one JSON line: files seen, files parsed, files whose tree has an error.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor

MAX_BYTES = 4 * 1024 * 1024  # leakfix.engine.runner.DEFAULT_MAX_BYTES
SKIPPED_DIRS = ("vendor", "testdata")

_worker: dict = {}


def walk(top: str) -> list[str]:
    """Go files under top, skipping what the go tool (and leakfix) skip; sorted."""
    out = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if d not in SKIPPED_DIRS and not d.startswith((".", "_"))]
        out.extend(os.path.join(dirpath, f) for f in filenames
                   if f.endswith(".go") and not f.startswith((".", "_")))
    return sorted(out)


def _init(prefilter: bool) -> None:
    import tree_sitter

    from leakfix.engine.source import go_language

    _worker["parser"] = tree_sitter.Parser(go_language())
    _worker["rules"] = None
    if prefilter:
        from leakfix.codemods import RULES
        from leakfix.engine.config import Config
        from leakfix.engine.discover import is_generated
        from leakfix.engine.fixer import can_match
        from leakfix.engine.runner import build_rules

        ids = [rid for rid, cls in RULES.items() if cls.default_enabled]
        _worker["rules"] = build_rules(ids, Config())
        _worker["can_match"] = can_match
        _worker["is_generated"] = is_generated


def work(path: str) -> int:
    """0: not parsed; 1: parsed cleanly; 2: parsed, tree has errors."""
    with open(path, "rb") as fh:
        raw = fh.read()
    rules = _worker["rules"]
    if rules is not None:
        if len(raw) > MAX_BYTES or not _worker["can_match"](raw, rules) or _worker["is_generated"](raw):
            return 0
    tree = _worker["parser"].parse(raw)
    return 2 if tree.root_node.has_error else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--prefilter", action="store_true")
    args = ap.parse_args(argv)
    files = walk(args.dir)
    jobs = max(1, args.jobs)
    chunk = max(1, min(64, len(files) // (jobs * 8)))  # as leakfix.engine.runner.run
    ctx = multiprocessing.get_context("fork")
    counts = [0, 0, 0]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init,
                             initargs=(args.prefilter,)) as pool:
        for r in pool.map(work, files, chunksize=chunk):
            counts[r] += 1
    json.dump({"files": len(files), "parsed": counts[1] + counts[2], "with_errors": counts[2]}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
