"""The Go standard library as a corpus: apply leakfix to a copy of GOROOT and ask the go tool.

Used by tests/test_stdlib_corpus.py. Two copies of `$(go env GOROOT)` (symlinks resolved,
writable) are made side by side: `base` stays untouched, `fixed` gets `leakfix apply` on its src.
Every go command runs with the copy's own go binary and GOROOT, GOFLAGS empty, GOTOOLCHAIN=local,
and one GOCACHE under the work folder, shared by both copies: the go tool keys its cache on file
contents (not on the GOROOT path), so each unchanged package is compiled once and only what
leakfix changed, and what depends on it, is compiled again for `fixed`.

Baselines are always measured on `base` in the same run, never assumed: a vet finding or a test
failure counts against leakfix only when `base` does not have it.
"""
from __future__ import annotations

import difflib
import json
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

# Environment variables that would make the go tool build something else than the copy's
# toolchain for this machine, or read the user's settings.
GO_ENV_DROP = (
    "GOROOT", "GOFLAGS", "GOTOOLCHAIN", "GOCACHE", "GOENV", "GOWORK", "GO111MODULE", "GOOS",
    "GOARCH", "GOCOVERDIR", "GODEBUG", "GOEXPERIMENT",
)

APPLY_SUMMARY = re.compile(r"(\d+) fix\(es\) in (\d+) file\(s\)(?: \(([^)]*)\))?")
VET_POSITION = re.compile(r"^(\s*(?:vet: )?\S+?\.go):\d+(?::\d+)?:")
VET_LINE_REF = re.compile(r"\bline \d+\b")
TEST_TIMEOUT = "600s"  # per test binary, as the stdlib oracle
MAX_DIFF_LINES = 120
MAX_OUTPUT_LINES = 80


class StepFailed(Exception):
    """A go or leakfix command could not run to the end (timeout, missing binary)."""


@dataclass
class Step:
    name: str
    seconds: float          # wall clock
    returncode: int
    log: Path
    cpu: float = 0.0        # user + system seconds of the command and everything it waited for


@dataclass
class Changed:
    """A .go file leakfix changed, relative to src/, and what the go tool does with it."""
    rel: str
    package: str            # import path of its directory ("" when it has none)
    kind: str               # "package", "test", "program" (a //go:build ignore main), "elsewhere"


@dataclass
class Corpus:
    work: Path
    base: Path              # untouched GOROOT copy
    fixed: Path             # GOROOT copy with leakfix applied to src (or to the subtrees)
    cache: Path             # GOCACHE shared by both copies
    leakfix: list[str]
    subtrees: list[str]     # relative to src; empty: all of src
    rule_args: list[str]    # given to check, apply and diff: which rules run and fix
    steps: list[Step] = field(default_factory=list)
    findings: dict = field(default_factory=dict)   # rule -> {"fixable": n, "reported": n}
    parse_warnings: list[str] = field(default_factory=list)
    apply_rc: int = -1
    apply_summary: str = ""
    applied: dict = field(default_factory=dict)     # rule -> fixes, from apply's summary line
    changed: list[Changed] = field(default_factory=list)
    stray: list[str] = field(default_factory=list)  # files apply created or removed

    # ---- running commands -------------------------------------------------------------------

    def go_env(self, tree: Path) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in GO_ENV_DROP}
        env.update(
            GOROOT=str(tree), GOCACHE=str(self.cache), GOFLAGS="", GOTOOLCHAIN="local",
            GOENV="off", GOWORK="off", PATH=f"{tree / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        )
        return env

    def run(self, name: str, args: list[str], *, cwd: Path, env: dict | None = None,
            timeout: float, split: bool = False) -> tuple[int, str]:
        """Runs a command in its own process group and kills the whole group on timeout. Its
        output goes to work/logs/<name>.log; with split, stdout goes to <name>.out instead and
        only stdout is returned. Returns (exit code, output)."""
        logs = self.work / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        log, out_path = logs / f"{name}.log", logs / f"{name}.out"
        started, cpu0 = time.monotonic(), children_cpu()
        with open(log, "wb") as err, open(out_path if split else os.devnull, "wb") as out:
            try:
                proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out if split else err,
                                        stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)
            except OSError as exc:
                raise StepFailed(f"{name}: cannot run {args[0]}: {exc}") from exc
            try:
                rc = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                self.steps.append(Step(name, time.monotonic() - started, -9, log, children_cpu() - cpu0))
                raise StepFailed(f"{name}: `{' '.join(args)}` did not finish in {timeout:.0f} s "
                                 f"(killed); its output so far: {log}") from None
        self.steps.append(Step(name, time.monotonic() - started, rc, log, children_cpu() - cpu0))
        return rc, (out_path if split else log).read_text(errors="replace")

    def log_text(self, name: str) -> str:
        return (self.work / "logs" / f"{name}.log").read_text(errors="replace")

    def go(self, name: str, tree: Path, args: list[str], *, cwd_rel: str = "src",
           timeout: float = 1800, split: bool = False) -> tuple[int, str]:
        return self.run(name, [str(tree / "bin" / "go"), *args], cwd=tree / cwd_rel,
                        env=self.go_env(tree), timeout=timeout, split=split)

    # ---- preparing the trees ----------------------------------------------------------------

    @classmethod
    def create(cls, work: Path, goroot: Path, leakfix: list[str], subtrees: list[str],
               rule_args: list[str]) -> "Corpus":
        corpus = cls(work=work, base=work / "base" / "go", fixed=work / "fixed" / "go",
                     cache=work / "gocache", leakfix=leakfix, subtrees=subtrees, rule_args=rule_args)
        for rel in subtrees:
            if not (goroot / "src" / rel).is_dir():
                raise StepFailed(f"LEAKFIX_STDLIB_SUBTREES names {rel!r}, which is no folder of {goroot / 'src'}")
        started, cpu0 = time.monotonic(), time.process_time() + children_cpu()
        for tree in (corpus.base, corpus.fixed):
            copy_tree(goroot, tree)
        corpus.steps.append(Step(f"copy {goroot} twice", time.monotonic() - started, 0, work,
                                 time.process_time() + children_cpu() - cpu0))
        return corpus

    def apply(self) -> None:
        """`leakfix check --format json` (to count findings per rule), then `leakfix apply`, on
        the fixed copy; then finds what changed by comparing every file with the base copy."""
        src = self.fixed / "src"
        targets = self.subtrees or ["."]
        env = {**os.environ, "NO_COLOR": "1"}
        rc, text = self.run("leakfix-check", [*self.leakfix, "check", *self.rule_args, "--format", "json",
                                              "--no-progress", *targets], cwd=src, env=env, timeout=900, split=True)
        try:
            report = json.loads(text)
        except ValueError:
            raise StepFailed(f"leakfix check (exit {rc}) printed no JSON report:\n{tail(text)}\n"
                             f"{tail(self.log_text('leakfix-check'))}") from None
        for finding in report.get("findings", []):
            counts = self.findings.setdefault(finding["rule"], {"fixable": 0, "reported": 0})
            counts["fixable" if finding.get("fixable") else "reported"] += 1
        self.parse_warnings = [f"{e['path']}: {e['message']}" for e in report.get("errors", [])]

        self.apply_rc, out = self.run("leakfix-apply", [*self.leakfix, "apply", *self.rule_args, "--no-progress",
                                                        *targets], cwd=src, env=env, timeout=900)
        if self.apply_rc not in (0, 1):
            raise StepFailed(f"leakfix apply exited {self.apply_rc} on {src}:\n{tail(out)}")
        for line in out.splitlines():
            m = APPLY_SUMMARY.search(line)
            if m:
                self.apply_summary = line.removeprefix("leakfix: ").strip()
                for part in (m.group(3) or "").split(","):
                    rule, _, n = part.strip().rpartition(": ")
                    if rule and n.isdigit():
                        self.applied[rule] = int(n)
                break
        self._find_changes()

    def _find_changes(self) -> None:
        started, cpu0 = time.monotonic(), time.process_time()
        base_files = files_under(self.base / "src")
        fixed_files = files_under(self.fixed / "src")
        self.stray = sorted((base_files ^ fixed_files))
        rels = sorted(rel for rel in base_files & fixed_files
                      if rel.endswith(".go") and not same_file(self.base / "src" / rel, self.fixed / "src" / rel))
        non_go = sorted(rel for rel in base_files & fixed_files
                        if not rel.endswith(".go") and not same_file(self.base / "src" / rel, self.fixed / "src" / rel))
        self.stray += [f"{rel} (changed, not a .go file)" for rel in non_go]
        self.steps.append(Step("compare the copies' files", time.monotonic() - started, 0, self.work,
                               time.process_time() - cpu0))
        dirs = sorted({os.path.dirname(rel) for rel in rels})
        listed = self.list_packages(dirs) if dirs else {}
        for rel in rels:
            d, name = os.path.split(rel)
            pkg = listed.get(d)
            if pkg is None:
                kind, path = "elsewhere", ""
            else:
                path = pkg.get("ImportPath", d)
                if name in pkg.get("GoFiles", []) + pkg.get("CgoFiles", []):
                    kind = "package"
                elif name in pkg.get("TestGoFiles", []) + pkg.get("XTestGoFiles", []):
                    kind = "test"
                elif is_ignored_main(self.fixed / "src" / rel):
                    kind = "program"
                else:
                    kind = "elsewhere"
            self.changed.append(Changed(rel, path, kind))

    def list_packages(self, dirs: list[str]) -> dict[str, dict]:
        """go list of the given src-relative folders (in the fixed copy), keyed by folder."""
        rc, out = self.go("go-list-changed", self.fixed, ["list", "-e", "-json", *dirs_as_patterns(dirs)],
                          timeout=600, split=True)
        packages: dict[str, dict] = {}
        decoder, text, pos = json.JSONDecoder(), out, 0
        while True:
            start = text.find("{", pos)
            if start < 0:
                break
            try:
                obj, pos = decoder.raw_decode(text, start)
            except ValueError:
                pos = start + 1
                continue
            if isinstance(obj, dict) and "Dir" in obj:
                rel = os.path.relpath(obj["Dir"], self.fixed / "src").replace(os.sep, "/")
                packages[rel] = obj
        return packages

    # ---- what changed -----------------------------------------------------------------------

    def packages(self, *kinds: str) -> list[str]:
        kinds = kinds or ("package", "test")
        return sorted({c.package for c in self.changed if c.kind in kinds and c.package})

    def diff(self, rel: str) -> str:
        a = (self.base / "src" / rel).read_text(errors="replace").splitlines(keepends=True)
        b = (self.fixed / "src" / rel).read_text(errors="replace").splitlines(keepends=True)
        lines = list(difflib.unified_diff(a, b, f"a/src/{rel}", f"b/src/{rel}"))
        if len(lines) > MAX_DIFF_LINES:
            lines = lines[:MAX_DIFF_LINES] + [f"... ({len(lines) - MAX_DIFF_LINES} more diff lines)\n"]
        return "".join(lines)

    def diffs(self, rels) -> str:
        return "\n".join(self.diff(rel) for rel in sorted(set(rels)))

    def changed_in(self, packages) -> list[str]:
        packages = set(packages)
        return [c.rel for c in self.changed if c.package in packages]

    def named_in(self, text: str) -> list[str]:
        """The changed files that the go tool's output names (by their path under src)."""
        return [c.rel for c in self.changed if c.rel in text or f"./{os.path.basename(c.rel)}:" in text]

    def summary_lines(self) -> list[str]:
        go_files = {c.rel for c in self.changed}
        dirs = {os.path.dirname(r) for r in go_files}
        kinds = {k: sum(1 for c in self.changed if c.kind == k) for k in ("package", "test", "program", "elsewhere")}
        scope = "src/" + ", src/".join(self.subtrees) if self.subtrees else "all of src"
        lines = [
            f"leakfix apply {' '.join(self.rule_args)} on a copy of GOROOT ({scope}): {len(go_files)} files "
            f"changed in {len(dirs)} folders, {len(self.packages())} packages "
            f"({kinds['package']} package files, {kinds['test']} test files, {kinds['program']} "
            f"//go:build ignore programs, {kinds['elsewhere']} built only on other platforms); "
            f"apply exit {self.apply_rc}",
            "fixes applied per rule: " + (", ".join(f"{r} {n}" for r, n in sorted(self.applied.items()))
                                          or "(apply printed no per-rule summary)")
            + (f"  [apply: {self.apply_summary}]" if self.apply_summary else ""),
            "findings before apply (leakfix check): " + ", ".join(
                f"{r} {c['fixable']} fixable + {c['reported']} reported" for r, c in sorted(self.findings.items())),
        ]
        if self.parse_warnings:
            lines.append(f"files leakfix could not parse (left unchanged): {len(self.parse_warnings)}: "
                         + "; ".join(self.parse_warnings))
        elsewhere = [c.rel for c in self.changed if c.kind == "elsewhere"]
        if elsewhere:
            lines.append("changed files not compiled on this platform (not checked by the go tool): "
                         + ", ".join(elsewhere))
        return lines

    def timing_lines(self) -> list[str]:
        return [f"  {s.name}: {s.seconds:.1f} s wall, {s.cpu:.1f} s CPU (exit {s.returncode})" for s in self.steps]

    def cleanup(self) -> None:
        """Removes the two GOROOT copies and the go cache (GBs); keeps the logs."""
        for path in (self.base.parent, self.fixed.parent, self.cache):
            remove_tree(path)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---- files --------------------------------------------------------------------------------------

def goroot() -> Path:
    env = {k: v for k, v in os.environ.items() if k not in ("GOFLAGS", "GOTOOLCHAIN", "GOROOT")}
    env.update(GOFLAGS="", GOTOOLCHAIN="local")
    out = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True, env=env, timeout=120)
    if out.returncode != 0 or not out.stdout.strip():
        raise StepFailed(f"`go env GOROOT` failed: {out.stderr.strip()}")
    return Path(os.path.realpath(out.stdout.strip()))


def copy_tree(src: Path, dst: Path) -> None:
    """Copies src to dst with symlinks resolved, mtimes kept, and every file and folder made
    writable by its owner (a GOROOT from the module cache is read-only). `cp -RLp` (POSIX) when
    it works, three times faster than shutil; else shutil, which also skips dangling symlinks."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    if shutil.which("cp") and subprocess.run(["cp", "-RLp", str(src), str(dst)], capture_output=True).returncode == 0:
        pass
    else:
        remove_tree(dst)
        shutil.copytree(src, dst, symlinks=False, ignore_dangling_symlinks=True)
    for root, dirs, files in os.walk(dst):
        for name in dirs + files:
            p = os.path.join(root, name)
            mode = os.lstat(p).st_mode
            if not mode & stat.S_IWUSR:
                os.chmod(p, mode | stat.S_IWUSR)
    os.chmod(dst, os.stat(dst).st_mode | stat.S_IWUSR)


def remove_tree(path: Path) -> None:
    def make_writable(func, p, _exc):
        os.chmod(os.path.dirname(p), 0o700)
        os.chmod(p, 0o700)
        func(p)
    if path.exists():
        shutil.rmtree(path, onerror=make_writable)


def files_under(root: Path) -> set[str]:
    out = set()
    for dirpath, _dirs, files in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for name in files:
            out.add(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return out


def same_file(a: Path, b: Path) -> bool:
    sa, sb = a.stat(), b.stat()
    if sa.st_size != sb.st_size:
        return False
    return a.read_bytes() == b.read_bytes()


def is_ignored_main(path: Path) -> bool:
    """A standalone program kept out of its folder's package by `//go:build ignore`."""
    head = path.read_text(errors="replace")[:4000]
    return bool(re.search(r"^//go:build\b.*\bignore\b", head, re.M)) and bool(
        re.search(r"^package main\b", head, re.M))


def dirs_as_patterns(dirs: list[str]) -> list[str]:
    # Run from src/: "./net/http" names the folder in whichever module (std or cmd) holds it.
    return [f"./{d}" if d else "." for d in dirs]


def tail(text: str, n: int = MAX_OUTPUT_LINES) -> str:
    lines = text.rstrip("\n").splitlines()
    if len(lines) > n:
        lines = [f"... ({len(lines) - n} earlier lines)"] + lines[-n:]
    return "\n".join(lines)


def head(text: str, n: int = MAX_OUTPUT_LINES) -> str:
    lines = text.rstrip("\n").splitlines()
    if len(lines) > n:
        lines = lines[:n] + [f"... ({len(lines) - n} more lines)"]
    return "\n".join(lines)


# ---- vet -----------------------------------------------------------------------------------------

def vet_findings(output: str, tree: Path) -> dict[str, str]:
    """go vet's findings with positions stripped (file:line:col: -> file:, 'line N' -> 'line N'),
    mapped to one original line each. '#' package headers are dropped."""
    found: dict[str, str] = {}
    for line in output.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key = line.replace(str(tree), "$GOROOT")
        key = VET_POSITION.sub(r"\1:", key)
        key = VET_LINE_REF.sub("line N", key)
        found.setdefault(key, line)
    return found


# ---- go test -json --------------------------------------------------------------------------------

@dataclass
class GoTestRun:
    failed_tests: set = field(default_factory=set)      # (package, test)
    failed_packages: set = field(default_factory=set)   # package
    passed_packages: set = field(default_factory=set)
    skipped_packages: set = field(default_factory=set)  # no test files
    output: dict = field(default_factory=dict)          # (package, test or "") -> text
    build_output: dict = field(default_factory=dict)    # import path -> text
    other: list = field(default_factory=list)           # lines that were not JSON


def parse_test_json(text: str) -> GoTestRun:
    run = GoTestRun()
    for line in text.splitlines():
        if not line.startswith("{"):
            if line.strip():
                run.other.append(line)
            continue
        try:
            ev = json.loads(line)
        except ValueError:
            run.other.append(line)
            continue
        action, pkg, test = ev.get("Action"), ev.get("Package", ""), ev.get("Test", "")
        if action == "output":
            key = (pkg, test)
            run.output[key] = run.output.get(key, "") + ev.get("Output", "")
        elif action == "build-output":
            ip = ev.get("ImportPath", "")
            run.build_output[ip] = run.build_output.get(ip, "") + ev.get("Output", "")
        elif action == "fail":
            if test:
                run.failed_tests.add((pkg, test))
            else:
                run.failed_packages.add(pkg)
        elif action == "pass" and not test:
            run.passed_packages.add(pkg)
        elif action == "skip" and not test:
            run.skipped_packages.add(pkg)
    return run


def go_test_output(run: GoTestRun, pkg: str, test: str = "") -> str:
    if test:
        texts = [v for (p, t), v in sorted(run.output.items()) if p == pkg and (t == test or t.startswith(test + "/"))]
        return "".join(texts)
    texts = [v for (p, _t), v in sorted(run.output.items()) if p == pkg]
    texts += [v for ip, v in run.build_output.items() if ip == pkg or ip.startswith(pkg + " ")]
    return "".join(texts)


# ---- the checks ----------------------------------------------------------------------------------

def build_failure(corpus: Corpus, targets: list[str], name: str) -> str | None:
    """`go build TARGETS` in the fixed copy; None when it passes, else the failure message (which
    says whether the untouched copy builds)."""
    rc, out = corpus.go(f"{name}-fixed", corpus.fixed, ["build", *targets])
    if rc == 0:
        return None
    base_rc, base_out = corpus.go(f"{name}-base", corpus.base, ["build", *targets])
    named = corpus.named_in(out)
    packages = re.findall(r"^# (\S+)", out, re.M)
    shown = named or corpus.changed_in(packages) or [c.rel for c in corpus.changed if c.kind == "package"]
    verdict = ("leakfix apply broke the build"
               if base_rc == 0 else
               f"the untouched copy does not build either (exit {base_rc}): the environment is broken, "
               f"not necessarily leakfix:\n{head(base_out, 20)}")
    return (f"`go build {' '.join(targets)}` fails after leakfix apply (exit {rc}); {verdict}\n"
            f"--- go build output (fixed copy) ---\n{head(out)}\n"
            f"--- leakfix's changes to {', '.join(shown) or 'no file'} ---\n{corpus.diffs(shown)}")


def vet_new_findings(corpus: Corpus, name: str, args: list[str], *, cwd_rel: str = "src") -> tuple[list[str], int, int]:
    """Runs `go vet ARGS` in both copies; returns the fixed copy's findings that the base copy
    does not have (positions stripped), and the number of findings in each copy."""
    _, base_out = corpus.go(f"{name}-base", corpus.base, ["vet", *args], cwd_rel=cwd_rel)
    _, fixed_out = corpus.go(f"{name}-fixed", corpus.fixed, ["vet", *args], cwd_rel=cwd_rel)
    base = vet_findings(base_out, corpus.base)
    fixed = vet_findings(fixed_out, corpus.fixed)
    new = [line for key, line in fixed.items() if key not in base]
    return new, len(base), len(fixed)


def vet_failure(corpus: Corpus, new: list[str], what: str) -> str:
    named = corpus.named_in("\n".join(new))
    return (f"`go vet {what}` reports {len(new)} finding(s) after leakfix apply that the untouched "
            f"copy does not report (positions ignored):\n" + head("\n".join(new), 40)
            + f"\n--- leakfix's changes to {', '.join(named) or '(no changed file named)'} ---\n"
            + corpus.diffs(named))


def go_test_failures(corpus: Corpus, packages: list[str]) -> tuple[list[str], list[str], dict]:
    """`go test -short` of PACKAGES in both copies. Returns (failures: one message per test or
    package that fails in the fixed copy only and again when rerun alone while it passes alone on
    the untouched copy; notes: failures not counted, with the reason; counts)."""
    args = ["test", "-short", "-count=1", "-json", f"-timeout={TEST_TIMEOUT}", *packages]
    rc0, out0 = corpus.go("test-base", corpus.base, args, split=True, timeout=2700)
    rc1, out1 = corpus.go("test-fixed", corpus.fixed, args, split=True, timeout=2700)
    base, fixed = parse_test_json(out0), parse_test_json(out1)
    counts = {
        "packages": len(packages),
        "pass both": len(base.passed_packages & fixed.passed_packages),
        "no test files": len(fixed.skipped_packages),
        "fail on untouched": sorted(base.failed_packages),
        "failing tests on untouched": sorted(f"{p}.{t}" for p, t in base.failed_tests),
    }
    failures, notes = [], []
    if not (base.passed_packages | base.failed_packages | base.skipped_packages):
        notes.append(f"go test on the untouched copy reported no package (exit {rc0}): "
                     f"{tail(corpus.log_text('test-base'), 20)}")
    if not (fixed.passed_packages | fixed.failed_packages | fixed.skipped_packages):
        failures.append(f"go test on the fixed copy reported no package (exit {rc1}):\n"
                        f"{tail(corpus.log_text('test-fixed'))}")
    # Failing tests, top-level names (a failing subtest fails its parent too).
    new_tests = sorted({(p, t.split("/")[0]) for p, t in fixed.failed_tests - base.failed_tests
                        if (p, t.split("/")[0]) not in base.failed_tests})
    new_pkgs = sorted(p for p in fixed.failed_packages - base.failed_packages
                      if not any(q == p for q, _ in new_tests))
    for n, (pkg, test) in enumerate(new_tests):
        verdict = confirm(corpus, f"rerun-{n}", pkg, test)
        output = go_test_output(fixed, pkg, test)
        if verdict is None:
            failures.append(
                f"{pkg} {test}: fails after leakfix apply, passes on the untouched copy (and again "
                f"when each is rerun alone)\n--- test output (fixed copy) ---\n{tail(output)}\n"
                f"--- leakfix's changes in {pkg} ---\n{corpus.diffs(corpus.changed_in([pkg]))}")
        else:
            notes.append(f"{pkg} {test} failed once in the fixed copy, not counted: {verdict}")
    for n, pkg in enumerate(new_pkgs):
        verdict = confirm(corpus, f"rerun-pkg-{n}", pkg, "")
        output = go_test_output(fixed, pkg)
        if verdict is None:
            failures.append(
                f"{pkg}: the package's tests fail after leakfix apply (no single test named: a build "
                f"failure, a panic outside a test or a timeout) and pass on the untouched copy\n"
                f"--- go test output (fixed copy) ---\n{tail(output)}\n"
                f"--- leakfix's changes in {pkg} ---\n{corpus.diffs(corpus.changed_in([pkg]))}")
        else:
            notes.append(f"{pkg} failed once in the fixed copy, not counted: {verdict}")
    return failures, notes, counts


def confirm(corpus: Corpus, name: str, pkg: str, test: str, tries: int = 2) -> str | None:
    """Reruns a test (or a package's tests) that failed only in the fixed copy: None when it fails
    again there and passes on the untouched copy (a real break), else why it is not counted."""
    args = ["test", "-short", "-count=1", "-json", f"-timeout={TEST_TIMEOUT}"]
    if test:
        args += ["-run", f"^{re.escape(test)}$"]
    args.append(pkg)
    fixed_fails = 0
    for i in range(tries):
        _, out = corpus.go(f"{name}-fixed-{i}", corpus.fixed, args, split=True, timeout=900)
        fixed_fails += pkg in parse_test_json(out).failed_packages
    if fixed_fails == 0:
        return f"flaky: passed {tries} of {tries} reruns alone"
    for i in range(tries):
        _, out = corpus.go(f"{name}-base-{i}", corpus.base, args, split=True, timeout=900)
        if pkg in parse_test_json(out).failed_packages:
            return "fails on the untouched copy too when rerun alone (the environment, not leakfix)"
    return None
