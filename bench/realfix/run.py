#!/usr/bin/env python3
"""Run leakfix on real leak fixes and negative controls; print found / fixed / quiet-after-fix.

Each case of cases.toml names a repository, a commit, a file and a function. The runner exports
that file's package directory (its .go files, and the go.mod / .leakfix.toml files above it) at the
commit before the fix with `git archive`, runs `leakfix check --format json` and `leakfix diff` on
it, and does the same on the fix commit. Negative controls are exported at their own commit and
must not be rewritten. See README.md in this directory for the schema and the decisions.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    import gofuncs  # noqa: E402
    import unidiff  # noqa: E402
except ImportError as missing:  # pragma: no cover - depends on the interpreter used
    raise SystemExit(f"{missing}: run this with leakfix's virtualenv (.venv/bin/python)") from None

HERE = Path(__file__).resolve().parent

# Which rules can report a leak of each kind. Release kinds take any rule not tied to another kind,
# so a new release rule counts without editing this table.
KIND_RULES = {
    "cancel": {"defer-cancel", "defer-in-loop", "defer-after-check"},
    "ticker": {"stop-timer", "defer-in-loop"},
    "cache": {"bound-map"},
    "pool": {"sync-pool"},
}
OTHER_KIND_ONLY = {"defer-cancel", "stop-timer", "bound-map", "sync-pool"}
OPT_IN = {"cache": "bound-map", "pool": "sync-pool"}
SHAPES = [
    "plain-missing", "constructor-unknown", "error-path", "defer-too-late",
    "exiting-check", "non-2xx", "cache", "pool", "other",
]


def rule_matches(kind: str, rule: str) -> bool:
    """Whether a finding of `rule` reports a leak of `kind`."""
    if kind in KIND_RULES:
        return rule in KIND_RULES[kind]
    return rule not in OTHER_KIND_ONLY


@dataclass
class Outcome:
    """What leakfix did on one case."""

    id: str
    negative: bool
    shape: str
    kind: str
    repo: str
    status: str = "ok"  # ok, missing-repo, error
    detail: str = ""
    found: bool = False
    at_line: bool = False  # a finding spans the recorded acquisition line
    fixable: bool = False
    fixed: bool = False
    quiet_after_fix: bool | None = None
    rewritten: bool = False
    findings: list[dict] = field(default_factory=list)
    fix_findings: list[dict] = field(default_factory=list)


def git_dir(repos: Path, repo: str) -> Path | None:
    """The git directory of `owner/name` under `repos` (laid out as fetch does: owner+name/repo)."""
    base = repos / repo.replace("/", "+")
    for cand in (base / "repo", base, base / ".git"):
        if (cand / "HEAD").is_file() and (cand / "objects").is_dir():
            return cand
    return None


def git(gd: Path, *args: str, binary: bool = False):
    res = subprocess.run(["git", "--git-dir", str(gd), *args], capture_output=True, check=True)
    return res.stdout if binary else res.stdout.decode("utf-8", "replace")


def export(gd: Path, commit: str, file: str, dest: Path, scope: str) -> Path:
    """Write the package directory of `file` at `commit` (plus go.mod/.leakfix.toml above) to dest."""
    pkg = PurePosixPath(file).parent
    if scope == "module":
        root = _module_root(gd, commit, pkg)
        where = [] if str(root) == "." else ["--", f"{root}/"]
        paths = [p for p in git(gd, "ls-tree", "-r", "--name-only", commit, *where).split("\n")
                 if p.endswith(".go")]
    else:
        where = [] if str(pkg) == "." else ["--", f"{pkg}/"]
        listing = git(gd, "ls-tree", "--name-only", commit, *where).split("\n")
        paths = [p for p in listing if p.endswith(".go")]
    above = [str(d / n) if str(d) != "." else n
             for d in [pkg, *pkg.parents] for n in ("go.mod", ".leakfix.toml")]
    present = git(gd, "ls-tree", "--name-only", commit, "--", *above).split()
    paths = sorted(set(paths) | set(present))
    dest.mkdir(parents=True, exist_ok=True)
    for archive in _archives(gd, commit, paths):
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest / pkg


def _archives(gd: Path, commit: str, paths: list[str]) -> list[bytes]:
    """A tar of `paths`; when the snapshot lacks some blobs (fetch leaves out a repository's
    largest files), a tar of the paths that are present."""
    def tar(which: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "--git-dir", str(gd), "archive", commit, "--", *which],
                              capture_output=True)
    whole = tar(paths)
    if whole.returncode == 0:
        return [whole.stdout]
    check = subprocess.run(["git", "--git-dir", str(gd), "cat-file", "--batch-check"],
                           input="".join(f"{commit}:{p}\n" for p in paths),
                           capture_output=True, text=True)
    present = [p for p, line in zip(paths, check.stdout.splitlines()) if not line.endswith("missing")]
    rest = tar(present) if present else None
    return [rest.stdout] if rest is not None and rest.returncode == 0 else []


def _module_root(gd: Path, commit: str, pkg: PurePosixPath) -> PurePosixPath:
    for d in [pkg, *pkg.parents]:
        name = "go.mod" if str(d) == "." else f"{d}/go.mod"
        if git(gd, "ls-tree", "--name-only", commit, "--", name).strip():
            return d
    return PurePosixPath(".")


def leakfix(cmd: list[str], sub: str, extra: list[str], paths: list[str], cwd: Path,
            jobs: int) -> subprocess.CompletedProcess:
    args = [*cmd, sub, *extra, "--no-progress", "--no-cache", "--jobs", str(jobs)]
    if sub == "check":
        args += ["--format", "json"]
    return subprocess.run([*args, *paths], cwd=cwd, capture_output=True, text=True, timeout=3600)


def findings_in(findings: list[dict], path: str, span: tuple[int, int] | None, kind: str,
                decl_line: int | None = None) -> list[dict]:
    """The findings of `kind` that leakfix reported inside `span` of the file at `path`, or on
    `decl_line` (the package-level declaration of a cache, outside any function)."""
    if span is None:
        return []
    return [f for f in findings if f["path"] == path and rule_matches(kind, f["rule"])
            and (span[0] <= f["line"] <= span[1] or f["line"] == decl_line)]


def touched(patches: unidiff.PatchSet, path: str, span: tuple[int, int] | None) -> bool:
    """Whether the diff changes or inserts lines inside `span` of the file at `path`."""
    if span is None:
        return False
    for patched in patches:
        if not (patched.source_file.endswith("/" + path) or patched.target_file.endswith("/" + path)
                or patched.path == path):
            continue
        for hunk in patched:
            prev = hunk.source_start - 1
            for line in hunk:
                if line.is_removed and span[0] <= line.source_line_no <= span[1]:
                    return True
                if line.is_added and span[0] <= prev + 1 and prev < span[1]:
                    return True
                if line.source_line_no is not None:
                    prev = line.source_line_no
    return False


def span_of(root: Path, file: str, function: str) -> tuple[int, int] | None:
    path = root / file
    if not path.is_file():
        return None
    return gofuncs.function_spans(path.read_bytes()).get(function)


@dataclass
class Prepared:
    """A case exported into the work directory: where its trees and function spans are."""

    case: dict
    out: Outcome
    before: str = ""  # path of the file under the work dir, at the commit judged
    after: str = ""  # path of the fixed file under the work dir (fixes only)
    pkg_before: str = ""
    pkg_after: str = ""
    span: tuple[int, int] | None = None
    span_after: tuple[int, int] | None = None


def prepare(case: dict, args, work: Path) -> Prepared:
    """Export the case's package at the parent (or its own commit for negatives) and at the fix."""
    neg = case["negative"]
    prep = Prepared(case, Outcome(case["id"], neg, case["shape"], case["kind"], case["repo"]))
    gd = git_dir(args.repos, case["repo"])
    if gd is None:
        prep.out.status, prep.out.detail = "missing-repo", str(args.repos / case["repo"].replace("/", "+"))
        return prep
    try:
        root = work / case["id"] / "before"
        pkg = export(gd, case["commit"] if neg else case["parent"], case["file"], root, args.scope)
        prep.pkg_before = os.path.relpath(pkg, work)
        prep.before = os.path.relpath(root / case["file"], work)
        prep.span = span_of(root, case["file"], case["function"])
        if prep.span is None:
            prep.out.status, prep.out.detail = "error", "function not found in the export"
            return prep
        if not neg:
            root = work / case["id"] / "after"
            fixed_file = case.get("fixed_file", case["file"])
            pkg = export(gd, case["commit"], fixed_file, root, args.scope)
            prep.pkg_after = os.path.relpath(pkg, work)
            prep.after = os.path.relpath(root / fixed_file, work)
            prep.span_after = span_of(root, fixed_file, case.get("fixed_function", case["function"]))
    except (subprocess.SubprocessError, OSError) as exc:
        prep.out.status, prep.out.detail = "error", f"{type(exc).__name__}: {exc}"[:300]
    return prep


def _nearest(prep: Prepared, finding: dict, group: list[Prepared]) -> Prepared:
    """The case a finding belongs to when several cases record the same function at the same
    commit: the one whose recorded line is nearest to the finding (the first on a tie)."""
    c = prep.case
    same = [p for p in group if p.case["repo"] == c["repo"] and p.case["file"] == c["file"]
            and p.case["function"] == c["function"] and p.case.get("parent") == c.get("parent")
            and p.case["commit"] == c["commit"] and rule_matches(p.case["kind"], finding["rule"])]
    return min(same, key=lambda p: abs(p.case["line"] - finding["line"])) if same else prep


def judge(preps: list[Prepared], args, cmd: list[str], work: Path) -> None:
    """Run leakfix once per configuration over all exported trees and judge each case."""
    groups: dict[str, list[Prepared]] = {}
    for p in preps:
        if p.out.status == "ok":
            groups.setdefault(OPT_IN.get(p.case["kind"], ""), []).append(p)
    for rule, group in groups.items():
        extra = list(args.extra)
        if rule:
            cfg = work / f"enable-{rule}.toml"
            cfg.write_text(f'[rules]\nenable = ["{rule}"]\n')
            extra += ["--config", str(cfg)]
        paths = [p.pkg_before for p in group] + [p.pkg_after for p in group if p.pkg_after]
        res = leakfix(cmd, "check", extra, sorted(set(paths)), work, args.jobs)
        try:
            findings = json.loads(res.stdout)["findings"]
        except (json.JSONDecodeError, KeyError):
            for p in group:
                p.out.status, p.out.detail = "error", f"leakfix check failed: {res.stderr[-300:]}"
            continue
        for p in group:
            o = p.out
            o.findings = [f for f in findings_in(findings, p.before, p.span, o.kind,
                                                 p.case.get("decl_line"))
                          if _nearest(p, f, group) is p]
            o.found = bool(o.findings)
            o.at_line = any(f["line"] <= o_line <= f.get("end_line", f["line"])
                            for f in o.findings for o_line in [p.case["line"]])
            o.fixable = any(f.get("fixable") for f in o.findings)
            if not o.negative and p.span_after is not None:
                o.fix_findings = findings_in(findings, p.after, p.span_after, o.kind)
                o.quiet_after_fix = not o.fix_findings
        to_diff = [p for p in group if p.out.negative or p.out.found]
        if not to_diff:
            continue
        res = leakfix(cmd, "diff", extra, sorted({p.pkg_before for p in to_diff}), work, args.jobs)
        patches = unidiff.PatchSet(res.stdout)
        for p in to_diff:
            decl = p.case.get("decl_line")
            changed = touched(patches, p.before, p.span) or bool(
                decl and touched(patches, p.before, (decl, decl)))
            if p.out.negative:
                p.out.rewritten = changed
            else:
                p.out.fixed = changed and p.out.fixable


def load_cases(path: Path) -> list[dict]:
    data = tomllib.loads(path.read_text())
    cases = []
    for c in data.get("fix", []):
        cases.append({**c, "negative": False})
    for c in data.get("negative", []):
        cases.append({**c, "negative": True})
    ids = [c["id"] for c in cases]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise SystemExit(f"duplicate case ids: {sorted(dup)}")
    return cases


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def report(outcomes: list[Outcome]) -> str:
    ok = [o for o in outcomes if o.status == "ok"]
    pos = [o for o in ok if not o.negative]
    neg = [o for o in ok if o.negative]
    lines = [f"{'shape':<20} {'cases':>5} {'found':>13} {'at line':>13} {'fixed':>13} "
             f"{'quiet-after-fix':>16}"]

    def row(name: str, group: list[Outcome]) -> str:
        n = len(group)
        f = sum(o.found for o in group)
        a = sum(o.at_line for o in group)
        x = sum(o.fixed for o in group)
        judged = [o for o in group if o.quiet_after_fix is not None]
        q = sum(bool(o.quiet_after_fix) for o in judged)
        return (f"{name:<20} {n:>5} {f:>4} {pct(f, n):>8} {a:>4} {pct(a, n):>8} {x:>4} {pct(x, n):>8} "
                f"{q:>4}/{len(judged):<3} {pct(q, len(judged)):>7}")

    for shape in SHAPES:
        group = [o for o in pos if o.shape == shape]
        if group:
            lines.append(row(shape, group))
    lines.append(row("TOTAL", pos))
    rewritten = [o.id for o in neg if o.rewritten]
    flagged = [o.id for o in neg if o.findings]
    lines.append(f"negative controls: {len(neg)}, rewritten {len(rewritten)}"
                 f"{' (' + ', '.join(rewritten) + ')' if rewritten else ''}; "
                 f"reported (not rewritten) {len(flagged) - len([r for r in rewritten if r in flagged])}")
    missing = sorted({o.detail for o in outcomes if o.status == "missing-repo"})
    if missing:
        lines.append(f"MISSING repositories ({sum(o.status == 'missing-repo' for o in outcomes)} cases "
                     "not run): " + ", ".join(missing))
    errors = [o for o in outcomes if o.status == "error"]
    for o in errors:
        lines.append(f"ERROR {o.id}: {o.detail}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=HERE / "cases.toml", help="default: cases.toml here")
    ap.add_argument("--repos", type=Path, default=Path("/work/.mirror"),
                    help="directory of git dirs named owner+name (as fetch lays them out)")
    ap.add_argument("--leakfix", default="leakfix", help="leakfix command (default: the one on PATH)")
    ap.add_argument("--extra", default="", help="extra leakfix arguments, e.g. '--fix all'")
    ap.add_argument("--scope", choices=["package", "module"], default="package",
                    help="export the package directory (default) or the whole module")
    ap.add_argument("--jobs", type=int, default=2, help="leakfix --jobs (default 2)")
    ap.add_argument("--keep", help="copy the exported trees to this directory")
    ap.add_argument("--only", default="", help="comma-separated case ids (prefixes) to run")
    ap.add_argument("--json", type=Path, help="write every outcome to this file")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per case")
    args = ap.parse_args()
    args.extra = shlex.split(args.extra)
    cmd = shlex.split(args.leakfix)
    if "/" in cmd[0]:
        cmd[0] = str(Path(cmd[0]).resolve())
    if shutil.which(cmd[0]) is None:
        raise SystemExit(f"leakfix command not found: {cmd[0]}")
    cases = load_cases(args.cases)
    if args.only:
        wanted = args.only.split(",")
        cases = [c for c in cases if any(c["id"].startswith(w) for w in wanted)]
    missing = sorted({c["repo"] for c in cases if git_dir(args.repos, c["repo"]) is None})
    if missing:
        print(f"missing under {args.repos} (fetch them first): {', '.join(missing)}", file=sys.stderr)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="realfix-") as tmp:
        work = Path(tmp)
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            preps = list(pool.map(lambda c: prepare(c, args, work), cases))
        exported = time.monotonic() - start
        judge(preps, args, cmd, work)
        if args.keep:
            kept = Path(args.keep)
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(work, kept)
    outcomes = [p.out for p in preps]
    if args.verbose:
        for o in outcomes:
            mark = ("REWRITTEN" if o.rewritten else "kept") if o.negative else \
                f"found={int(o.found)} at_line={int(o.at_line)} fixed={int(o.fixed)} quiet={o.quiet_after_fix}"
            print(f"{o.id:<48} {o.shape:<20} {o.status:<6} {mark}")
    print(report(outcomes))
    print(f"{len(cases)} cases in {time.monotonic() - start:.0f} s ({exported:.0f} s exporting)")
    if args.json:
        args.json.write_text(json.dumps({
            "leakfix": args.leakfix, "extra": args.extra, "scope": args.scope,
            "outcomes": [asdict(o) for o in outcomes]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
