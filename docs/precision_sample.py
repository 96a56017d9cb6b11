#!/usr/bin/env python3
"""Draw the precision audit's sample from one Go tree, deterministically.

Runs `leakfix check --format json --no-cache` and `leakfix diff --no-cache` on the tree
with the default configuration (no flags), splits each rule's findings into classes by
applicability (`default`: fixed without flags; `none`: reported without a fix;
`on-request` is counted but not sampled), draws up to N findings per rule and class with a
seeded random generator, and prints for each its location, message, reason and the hunks
of the diff that fall inside the finding's function.

    python3 docs/precision_sample.py TREE --seed 12 --n 20 [--out DIR] [--leakfix PATH]
    python3 docs/precision_sample.py TREE --out DIR --recheck docs/precision_judged.tsv --corpus NAME

The same tree, leakfix version, seed and N print the same sample. With --out, the check
report and the diff are kept in DIR (check.json, fixes.diff) and reused when present.
--recheck reads judged rows (tab-separated: corpus, rule, class, path:line, verdict, reason)
and says for each row of --corpus whether the finding is still there, in the same class, and
whether the diff of its function changed since the run kept in --before DIR.
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import re
import subprocess
import sys
from pathlib import Path

from unidiff import PatchSet

CLASSES = ("default", "none")


def run_leakfix(leakfix: str, tree: Path, out: Path | None) -> tuple[dict, PatchSet]:
    """The check report and the diff of the tree, from DIR when kept there before."""
    report_file = out / "check.json" if out else None
    diff_file = out / "fixes.diff" if out else None
    if report_file and report_file.exists() and diff_file.exists():
        report_text = report_file.read_text()
        diff_text = diff_file.read_text()
    else:
        common = ["--no-cache", "--no-progress", "-q", "."]
        report_text = subprocess.run([leakfix, "check", "--format", "json", *common],
                                     cwd=tree, capture_output=True, text=True).stdout
        diff_text = subprocess.run([leakfix, "diff", *common],
                                   cwd=tree, capture_output=True, text=True).stdout
        if out:
            out.mkdir(parents=True, exist_ok=True)
            report_file.write_text(report_text)
            diff_file.write_text(diff_text)
    return json.loads(report_text), PatchSet(diff_text)


def klass(finding: dict) -> str:
    """`default`, `on-request` or `none` (no fix)."""
    return finding.get("applicability") or "none"


def function_span(path: Path, line: int) -> tuple[int, int]:
    """Lines of the top-level declaration holding `line` (gofmt puts `func` and its `}` at column 0)."""
    lines = path.read_text(errors="replace").splitlines()
    start = line
    while start > 1 and not re.match(r"(func|var|type|const) ", lines[start - 1]):
        start -= 1
    end = line
    while end < len(lines) and lines[end - 1] not in ("}", ")"):
        end += 1
    return start, end


def hunks_for(patch: PatchSet, rel: str, span: tuple[int, int]) -> str:
    """The hunks of `rel`'s diff whose source lines meet `span`."""
    out = []
    for pfile in patch:
        if pfile.path.removeprefix("a/").removeprefix("b/") != rel:
            continue
        for hunk in pfile:
            lo, hi = hunk.source_start, hunk.source_start + max(hunk.source_length, 1) - 1
            if lo <= span[1] and hi >= span[0]:
                out.append(str(hunk))
    return "".join(out)


def sample(findings: list[dict], rule: str, cls: str, seed: int, n: int) -> list[dict]:
    """Up to n findings of one rule and class, drawn with a seed derived from (seed, rule, class)."""
    pool = sorted((f for f in findings if f["rule"] == rule and klass(f) == cls),
                  key=lambda f: (f["path"], f["line"], f["column"]))
    rng = random.Random(f"{seed}/{rule}/{cls}")
    return sorted(rng.sample(pool, min(n, len(pool))), key=lambda f: (f["path"], f["line"]))


def recheck(args, tree: Path, findings: list[dict], patch: PatchSet) -> None:
    """Each judged row of this corpus: still found, in which class, with the same diff?"""
    before = run_leakfix(args.leakfix, tree, args.before)[1] if args.before else None
    by_loc: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for f in findings:
        by_loc[(f["rule"], f"{f['path']}:{f['line']}")].append(klass(f))
    for line in args.recheck.read_text().splitlines():
        corpus, rule, cls, loc, verdict, *_ = line.split("\t")
        if corpus != args.corpus:
            continue
        now = by_loc.get((rule, loc))
        if not now:
            state = "GONE"
        elif cls not in now:
            state = "CLASS " + "/".join(now)
        elif cls != "none" and before is not None:
            path, ln = loc.rsplit(":", 1)
            span = function_span(tree / path, int(ln))
            same = _strip_positions(hunks_for(before, path, span)) == _strip_positions(hunks_for(patch, path, span))
            state = "same" if same else "DIFF CHANGED"
        else:
            state = "same"
        print(f"{state:14} {rule:18} {cls:8} {verdict:9} {loc}")


def _strip_positions(hunks: str) -> str:
    """Hunk text without its @@ headers (line numbers move when other fixes come and go)."""
    return "".join(l for l in hunks.splitlines(keepends=True) if not l.startswith("@@"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tree", type=Path)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--leakfix", default="leakfix")
    ap.add_argument("--rule", action="append", help="only these rules (repeatable)")
    ap.add_argument("--no-diff", action="store_true", help="locations only")
    ap.add_argument("--recheck", type=Path, help="judged rows to look up again")
    ap.add_argument("--corpus", help="with --recheck: the corpus name of this tree's rows")
    ap.add_argument("--before", type=Path, help="with --recheck: DIR of the run the rows were judged on")
    args = ap.parse_args()

    tree = args.tree.resolve()
    report, patch = run_leakfix(args.leakfix, tree, args.out)
    findings = report["findings"]
    if args.recheck:
        recheck(args, tree, findings, patch)
        return
    counts = collections.Counter((f["rule"], klass(f)) for f in findings)
    rules = sorted({f["rule"] for f in findings})
    print(f"# tree {tree}  seed {args.seed}  n {args.n}")
    for rule in rules:
        print(f"# population {rule}: " + ", ".join(
            f"{c} {counts[(rule, c)]}" for c in ("default", "on-request", "none")))
    for rule in rules:
        if args.rule and rule not in args.rule:
            continue
        for cls in CLASSES:
            picked = sample(findings, rule, cls, args.seed, args.n)
            if not picked:
                continue
            print(f"\n## {rule} / {cls}: {len(picked)} of {counts[(rule, cls)]}")
            for f in picked:
                print(f"\n### {f['path']}:{f['line']}  {f['message']}")
                if f.get("reason"):
                    print(f"reason: {f['reason']}")
                if cls != "none" and not args.no_diff:
                    span = function_span(tree / f["path"], f["line"])
                    print(hunks_for(patch, f["path"], span) or "(no hunk in this function)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
