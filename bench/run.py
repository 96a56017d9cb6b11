#!/usr/bin/env python3
"""Benchmark `leakfix check` against ast-grep, semgrep and a bare tree-sitter parse.

    python bench/run.py [--corpus DIR] [--reps N] [--quick] [--scale] [--json FILE]

Installs its peers and leakfix (from this repository, not editable) into bench/.venv, then runs
every tool on the same copy of the corpus, alternating them, and prints a Markdown table of
medians. See bench/README.md for what is measured and how to read it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
VENV = BENCH / ".venv"
VBIN = VENV / "bin"
SAMPLE_EVERY = 0.05  # seconds between /proc samples of the process tree
MB = 1024 * 1024


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- bootstrap: our own venv with the peers and a non-editable leakfix -----------------------------

def _stamp(path: Path) -> str:
    return path.read_text() if path.exists() else ""


def _pip(*args: str) -> None:
    subprocess.run([str(VBIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q", *args], check=True)


def _repo_files() -> list[str]:
    """The repository's files (tracked and untracked, not ignored), bench/ left out."""
    try:
        out = subprocess.run(["git", "-C", str(REPO), "ls-files", "-co", "--exclude-standard", "-z"],
                             check=True, capture_output=True).stdout.decode()
        files = [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for dirpath, dirnames, filenames in os.walk(REPO):
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in
                           ("build", "dist", "__pycache__") and not d.endswith(".egg-info")]
            files += [os.path.relpath(os.path.join(dirpath, f), REPO) for f in filenames]
    return sorted(f for f in files if not f.startswith("bench/") and os.path.isfile(REPO / f))


def bootstrap(argv: list[str], reinstall: bool) -> None:
    """Create/refresh bench/.venv, then re-run this script with its Python."""
    py = VBIN / "python"
    if not py.exists():
        log(f"creating {VENV}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        _pip("install", "-U", "pip")
    req = BENCH / "requirements.txt"
    want = hashlib.sha256(req.read_bytes()).hexdigest()
    if _stamp(VENV / ".stamp-requirements") != want:
        log("installing the peers (bench/requirements.txt)")
        _pip("install", "-r", str(req))
        (VENV / ".stamp-requirements").write_text(want)
    if reinstall or not (VBIN / "leakfix").exists():
        # Install from a snapshot of the work tree: the build then writes nothing into the repo,
        # and a tree being edited meanwhile is installed as it was at this moment.
        with tempfile.TemporaryDirectory(prefix="leakfix-src-") as snap:
            h = hashlib.sha256()
            for rel in _repo_files():
                data = (REPO / rel).read_bytes()
                h.update(rel.encode() + b"\0" + data + b"\0")
                os.makedirs(os.path.dirname(os.path.join(snap, rel)) or snap, exist_ok=True)
                with open(os.path.join(snap, rel), "wb") as fh:
                    fh.write(data)
            want = h.hexdigest()
            if _stamp(VENV / ".stamp-leakfix") != want or not (VBIN / "leakfix").exists():
                log(f"installing leakfix from {REPO} (snapshot of the work tree)")
                _pip("install", snap)
                (VENV / ".stamp-leakfix").write_text(want)
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *argv])


# -- measuring one run ------------------------------------------------------------------------------

def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                data = fh.read()
        except OSError:
            continue
        ppid = int(data[data.rfind(b")") + 2:].split(None, 2)[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def _rss_pss_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


HZ = os.sysconf("SC_CLK_TCK")


def _busy_seconds() -> float:
    """CPU time the whole machine has spent busy (all cores; steal included), in seconds."""
    with open("/proc/stat") as fh:
        v = [int(x) for x in fh.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = v
    return (user + nice + system + irq + softirq + steal) / HZ


def _self_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def wait_idle(max_wait: float, threshold: float = 0.25) -> tuple[float, float]:
    """Wait (up to max_wait s) until other processes use less than threshold cores over 1 s.

    Returns (seconds waited, the load of the others in the last second, in cores).
    """
    t0 = time.perf_counter()
    load = 0.0
    while True:
        b0, s0, w0 = _busy_seconds(), _self_cpu(), time.perf_counter()
        time.sleep(1.0)
        load = max(0.0, (_busy_seconds() - b0 - (_self_cpu() - s0)) / (time.perf_counter() - w0))
        if load < threshold or time.perf_counter() - t0 >= max_wait:
            return time.perf_counter() - t0, load


class TreeSampler(threading.Thread):
    """Every SAMPLE_EVERY s: the summed RSS and PSS of a process and all its descendants."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.done = threading.Event()
        self.peak_rss_kb = self.peak_pss_kb = self.peak_procs = self.samples = 0

    def sample(self) -> None:
        kids = _children_map()
        tree, i = [self.root], 0
        while i < len(tree):
            tree.extend(kids.get(tree[i], ()))
            i += 1
        rss = pss = 0
        for pid in tree:
            r, p = _rss_pss_kb(pid)
            rss, pss = rss + r, pss + p
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        self.peak_pss_kb = max(self.peak_pss_kb, pss)
        self.peak_procs = max(self.peak_procs, len(tree))
        self.samples += 1

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            self.done.wait(SAMPLE_EVERY)


@dataclass
class Sample:
    wall: float
    cpu: float  # user+sys, getrusage(RUSAGE_CHILDREN) delta
    user: float
    sys: float
    cpu_wait4: float  # user+sys from wait4 of the direct child (includes its reaped descendants)
    maxrss_mb: float  # ru_maxrss from wait4: the largest single process of the tree
    tree_rss_mb: float  # peak of the summed RSS of the tree, sampled
    tree_pss_mb: float  # the same with PSS (shared pages counted once)
    procs: int
    others_load: float  # cores kept busy by other processes (not the tool, not us) during the run
    exit: int
    ok: bool
    note: str = ""
    extra: dict = field(default_factory=dict)


def measure(argv: list[str], cwd: str | None, env: dict, stdout_path: str, ok_codes: tuple) -> Sample:
    full_env = {**os.environ, **env}
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy0, self0 = _busy_seconds(), _self_cpu()
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=full_env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy1, self1 = _busy_seconds(), _self_cpu()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    user, sys_ = r1.ru_utime - r0.ru_utime, r1.ru_stime - r0.ru_stime
    others = max(0.0, (busy1 - busy0 - (user + sys_) - (self1 - self0)) / wall)
    ok = code in ok_codes
    note = ""
    if not ok:
        lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
        note = f"exit {code}: " + (lines[-1][:160] if lines else "no message")
    return Sample(wall=wall, cpu=user + sys_, user=user, sys=sys_, cpu_wait4=ru.ru_utime + ru.ru_stime,
                  maxrss_mb=ru.ru_maxrss * 1024 / MB, tree_rss_mb=sampler.peak_rss_kb * 1024 / MB,
                  tree_pss_mb=sampler.peak_pss_kb * 1024 / MB, procs=sampler.peak_procs,
                  others_load=others, exit=code, ok=ok,
                  note=note)


# -- the tools --------------------------------------------------------------------------------------

@dataclass
class Tool:
    key: str
    label: str
    argv: list[str]
    files: int  # files of the corpus it runs on (for files/s)
    lines: int
    cwd: str | None = None
    env: dict = field(default_factory=dict)
    stdout: str = os.devnull
    ok_codes: tuple = (0,)
    before: Callable[[], None] | None = None
    after: Callable[["Tool", Sample], None] | None = None
    samples: list[Sample] = field(default_factory=list)
    failed: str = ""


def _sg_binary() -> str:
    for name in ("ast-grep", "sg"):
        if (VBIN / name).exists():
            return str(VBIN / name)
    return shutil.which("ast-grep") or shutil.which("sg") or "ast-grep"


def _version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=120,
                             env={**os.environ, "SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"})
        return (out.stdout.strip() or out.stderr.strip()).splitlines()[-1]
    except Exception as exc:  # a version is only for the record
        return f"unknown ({exc})"


def leakfix_flags() -> set[str]:
    out = subprocess.run([str(VBIN / "leakfix"), "check", "--help"], capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})
    return set(re.findall(r"--[a-z][a-z-]+", out.stdout))


# -- the corpus -------------------------------------------------------------------------------------

@dataclass
class Corpus:
    source: str
    path: str
    files: int
    lines: int
    bytes: int
    kept_files: int  # files leakfix's prefilter sends to the parser
    kept_lines: int
    go_mod: int
    sampled: str = ""


def prepare_corpus(src: str, dst: str, every: int) -> Corpus:
    """Copy the Go files leakfix would process under src (and the go.mod files above them) to dst."""
    from leakfix.codemods import RULES
    from leakfix.engine.config import Config
    from leakfix.engine.discover import discover, is_generated
    from leakfix.engine.fixer import can_match
    from leakfix.engine.runner import DEFAULT_MAX_BYTES, build_rules

    src = os.path.abspath(src)
    files = discover([src]).files
    if every > 1:
        files = files[::every]
    rules = build_rules([rid for rid, cls in RULES.items() if cls.default_enabled], Config())
    n_lines = n_bytes = kept = kept_lines = 0
    mods: set[str] = set()
    for f in files:
        rel = os.path.relpath(f, src)
        target = os.path.join(dst, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(f, "rb") as fh:
            raw = fh.read()
        with open(target, "wb") as fh:
            fh.write(raw)
        lines = raw.count(b"\n") + (1 if raw and not raw.endswith(b"\n") else 0)
        n_lines += lines
        n_bytes += len(raw)
        if len(raw) <= DEFAULT_MAX_BYTES and can_match(raw, rules) and not is_generated(raw):
            kept += 1
            kept_lines += lines
        d = os.path.dirname(f)
        while True:  # go.mod files decide the Go version leakfix assumes
            if os.path.exists(os.path.join(d, "go.mod")):
                mods.add(os.path.join(d, "go.mod"))
                break
            if d == src or os.path.dirname(d) == d:
                break
            d = os.path.dirname(d)
    for m in mods:
        shutil.copyfile(m, os.path.join(dst, os.path.relpath(m, src)))
    # semgrep's built-in ignore list drops *_test.go and test/ directories; an empty
    # .semgrepignore at the root replaces it, so semgrep scans the same files as the others.
    with open(os.path.join(dst, ".semgrepignore"), "w") as fh:
        fh.write("# bench: scan every file (replaces semgrep's default ignore list)\n")
    return Corpus(source=src, path=dst, files=len(files), lines=n_lines, bytes=n_bytes, kept_files=kept,
                  kept_lines=kept_lines, go_mod=len(mods), sampled=f"every {every}th file" if every > 1 else "")


# -- report -----------------------------------------------------------------------------------------

def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / MB:.1f} GiB"
                break
    except OSError:
        pass
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": cpu, "memory": mem, "kernel": platform.release(),
            "python": platform.python_version()}


def median_of(samples: list[Sample]) -> dict:
    ok = [s for s in samples if s.ok]
    if not ok:
        return {}
    keys = ("wall", "cpu", "user", "sys", "cpu_wait4", "maxrss_mb", "tree_rss_mb", "tree_pss_mb", "others_load")
    m = {k: statistics.median(getattr(s, k) for s in ok) for k in keys}
    m["wall_min"] = min(s.wall for s in ok)
    m["wall_max"] = max(s.wall for s in ok)
    m["n"] = len(ok)
    return m


def fmt(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "n/a"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def table(tools: list[Tool], base: Tool | None) -> str:
    head = ("| tool | wall s | wall range s | CPU s | CPU/wall | peak RSS, largest process MB "
            "| peak RSS, tree sum MB | peak PSS, tree sum MB | files/s | lines/s | wall ÷ leakfix cold "
            "| CPU ÷ leakfix cold | others' load, cores |")
    rows = [head, "|" + "|".join(["---"] + ["---:"] * 12) + "|"]
    bm = median_of(base.samples) if base else {}
    for t in tools:
        m = median_of(t.samples)
        if not m:
            reason = t.failed or next((s.note for s in t.samples if s.note), "not run")
            rows.append(f"| {t.label} | {reason} |" + " |" * 11)
            continue
        ratio = m["wall"] / bm["wall"] if bm else None
        cratio = m["cpu"] / bm["cpu"] if bm and bm["cpu"] else None
        rows.append(
            f"| {t.label} | {fmt(m['wall'])} | {fmt(m['wall_min'])}–{fmt(m['wall_max'])} | {fmt(m['cpu'])} "
            f"| {fmt(m['cpu'] / m['wall'])} | {fmt(m['maxrss_mb'], 0)} | {fmt(m['tree_rss_mb'], 0)} "
            f"| {fmt(m['tree_pss_mb'], 0)} | {fmt(t.files / m['wall'], 0)} | {fmt(t.lines / m['wall'], 0)} "
            f"| {fmt(ratio)}x | {fmt(cratio)}x | {fmt(m['others_load'])} |")
    return "\n".join(rows)


def targets(by_key: dict[str, Tool]) -> list[dict]:
    def med(key: str, what: str = "wall"):
        t = by_key.get(key)
        m = median_of(t.samples) if t else {}
        return m.get(what)

    def ratio(a, b):
        return a / b if a is not None and b else None

    cold = med("leakfix-cold")
    out = []

    def add(name, value, limit, le, unit="x"):
        ok = None if value is None else (value <= limit if le else value >= limit)
        out.append({"target": name, "value": value, "limit": limit, "unit": unit,
                    "met": ok})

    add("leakfix cold wall ÷ ast-grep wall <= 0.5", ratio(cold, med("ast-grep")), 0.5, True)
    add("(same on CPU time) leakfix cold CPU ÷ ast-grep CPU <= 0.5",
        ratio(med("leakfix-cold", "cpu"), med("ast-grep", "cpu")), 0.5, True)
    add("semgrep wall ÷ leakfix cold wall >= 20", ratio(med("semgrep"), cold), 20, False)
    rss = max((v for v in (med(k, "tree_rss_mb") for k in ("leakfix-cold", "leakfix-first", "leakfix-warm"))
               if v is not None), default=None)
    add("leakfix peak RSS (tree sum, worst leakfix run) < 400 MB", rss, 400, True, " MB")
    add("leakfix cold wall ÷ prefiltered bare parse wall <= 1.3", ratio(cold, med("parse-prefiltered")), 1.3, True)
    add("(same on CPU time) leakfix cold CPU ÷ prefiltered bare parse CPU <= 1.3",
        ratio(med("leakfix-cold", "cpu"), med("parse-prefiltered", "cpu")), 1.3, True)
    add("leakfix warm wall ÷ cold wall <= 0.2", ratio(med("leakfix-warm"), cold), 0.2, True)
    add("leakfix 2x corpus wall ÷ 1x wall <= 2.1", ratio(med("leakfix-cold-2x"), cold), 2.1, True)
    return out


def targets_md(rows: list[dict]) -> str:
    lines = ["| target | measured | met |", "|---|---:|---|"]
    for r in rows:
        v = "not measured" if r["value"] is None else f"{fmt(r['value'])}{r['unit']}"
        met = "n/a" if r["met"] is None else ("yes" if r["met"] else "**no**")
        lines.append(f"| {r['target']} | {v} | {met} |")
    return "\n".join(lines)


def render(info: dict, versions: dict, corpus: Corpus, reps: int, jobs: int, flat: list[Tool],
           notes: list[str]) -> tuple[str, list[dict]]:
    """The Markdown report and the target checks."""
    by_key = {t.key: t for t in flat}
    base = by_key.get("leakfix-cold")
    tgt = targets(by_key)
    matches = {t.key: t.samples[0].extra.get("matches") for t in flat
               if t.key in ("ast-grep", "semgrep") and t.samples and t.samples[0].ok}
    sem = by_key["semgrep"].samples[0].extra if "semgrep" in by_key and by_key["semgrep"].samples else {}
    scanned = sem.get("scanned")
    sem_errors = f", {sem['errors']} errors: {sem.get('error_kinds', {})}" if sem.get("errors") else ""

    md = []
    md.append(f"Machine: {info['nproc']} cores ({info['cpu']}), {info['memory']} RAM, Linux {info['kernel']}, "
              f"Python {info['python']}.")
    md.append(f"Versions: {versions['leakfix']}; ast-grep {versions['ast-grep'].split()[-1] if versions['ast-grep'] else '-'}; "
              f"semgrep {versions['semgrep'] or '-'}; tree-sitter {versions['tree-sitter']}, "
              f"tree-sitter-go {versions['tree-sitter-go']}; {versions['go']}.")
    md.append(f"Corpus: {corpus.source}{' (' + corpus.sampled + ')' if corpus.sampled else ''}: the "
              f"{corpus.files:,} Go files leakfix selects ({corpus.lines:,} lines, {corpus.bytes / MB:.1f} MB), "
              f"copied to one directory that every tool scans; the prefilter keeps {corpus.kept_files:,} of them. "
              f"{jobs} workers/threads per tool; median of {reps} run(s), tools alternating.")
    md.append("")
    md.append(table(flat, base))
    md.append("")
    md.append("Peak RSS, largest process: ru_maxrss from wait4 (the largest single process of the tree). "
              f"Tree sum: RSS (and PSS) of the child and all its descendants summed, sampled every "
              f"{int(SAMPLE_EVERY * 1000)} ms. files/s and lines/s are over the whole corpus for every row. "
              "Others' load: cores kept busy by other processes during the run (from /proc/stat; "
              "anything above ~0.1 means the machine was shared and the row is slower than it should be).")
    if matches:
        md.append("Matches of the trigger patterns: " + ", ".join(f"{k} {v:,}" for k, v in matches.items() if v is not None)
                  + (f" (semgrep scanned {scanned:,} files{sem_errors}; first run)" if scanned is not None else "") + ".")
    for n in notes:
        md.append(n)
    md.append("")
    md.append(targets_md(tgt))
    return "\n".join(md), tgt



# -- main -------------------------------------------------------------------------------------------

def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Benchmark leakfix check against ast-grep, semgrep and a bare parse.")
    ap.add_argument("--corpus", help="directory of Go code (default: $(go env GOROOT)/src)")
    ap.add_argument("--reps", type=int, help="repetitions per tool; the median is reported (default 3, 1 with --quick)")
    ap.add_argument("--quick", action="store_true", help="every 8th file of the corpus, 1 repetition: a smoke run")
    ap.add_argument("--scale", action="store_true", help="also run leakfix on the corpus copied twice (2x/1x ratio)")
    ap.add_argument("--json", metavar="FILE", help="save raw samples, medians, ratios and machine info")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                    help="workers/threads for every tool (default: all cores)")
    ap.add_argument("--tools", default="leakfix,ast-grep,semgrep,parse",
                    help="comma-separated subset of leakfix,ast-grep,semgrep,parse")
    ap.add_argument("--idle-wait", type=float, default=30, metavar="SECONDS",
                    help="before each run, wait up to this long for other processes to use < 0.25 cores "
                         "(default 30; 0: do not wait)")
    ap.add_argument("--render", metavar="FILE", help="print the report of a saved --json FILE again and exit")
    ap.add_argument("--no-install", action="store_true", help="use bench/.venv as it is (no leakfix reinstall)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (corpus copies, outputs)")
    return ap.parse_args(argv)


def rerender(path: str) -> int:
    with open(path) as fh:
        d = json.load(fh)
    flat = []
    for key, t in d["tools"].items():
        tool = Tool(key, t["label"], t["argv"], t["files"], t["lines"], failed=t.get("failed", ""))
        tool.samples = [Sample(**{"others_load": 0.0, **s}) for s in t["samples"]]
        flat.append(tool)
    report, _ = render(d["machine"], d["versions"], Corpus(**d["corpus"]), d["reps"], d["jobs"], flat, d["notes"])
    print(report)
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.render:
        return rerender(args.render)
    if Path(sys.prefix).resolve() != VENV.resolve():
        bootstrap(argv, reinstall=not args.no_install)  # does not return
    reps = args.reps or (1 if args.quick else 3)
    jobs = max(1, args.jobs)
    wanted = set(args.tools.split(","))
    src = args.corpus
    if not src:
        goroot = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()
        src = os.path.join(goroot, "src")
    if not os.path.isdir(src):
        log(f"not a directory: {src}")
        return 2

    work = tempfile.mkdtemp(prefix="leakfix-bench-")
    try:
        return _bench(args, reps, jobs, wanted, src, work)
    finally:
        if args.keep:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _bench(args, reps: int, jobs: int, wanted: set[str], src: str, work: str) -> int:
    info = machine_info()
    log(f"machine: {info['nproc']} cores, {info['cpu']}, {info['memory']}")
    log(f"copying the corpus {src} -> {work}/corpus")
    corpus = prepare_corpus(src, os.path.join(work, "corpus"), 8 if args.quick else 1)
    log(f"corpus: {corpus.files} files, {corpus.lines} lines, {corpus.bytes / MB:.1f} MB; "
        f"prefilter keeps {corpus.kept_files} files ({corpus.kept_lines} lines)")
    c1 = corpus.path
    c2 = os.path.join(work, "corpus-2x")
    if args.scale:
        for half in ("a", "b"):
            shutil.copytree(c1, os.path.join(c2, half))
    outdir = os.path.join(work, "out")
    os.makedirs(outdir)

    flags = leakfix_flags()
    has_cache = "--no-cache" in flags
    cache_dir = os.path.join(work, "leakfix-cache")
    xdg = os.path.join(work, "xdg-cache")
    # Point every cache leakfix might keep into the work directory (LEAKFIX_CACHE_DIR is the
    # variable of leakfix's cache; XDG_CACHE_HOME catches a platformdirs default).
    lf_env = {"LEAKFIX_CACHE_DIR": cache_dir, "XDG_CACHE_HOME": xdg, "NO_COLOR": "1"}
    lf = [str(VBIN / "leakfix"), "check", "--no-progress", "-q", "-j", str(jobs)]
    N, L = corpus.files, corpus.lines
    tools: list[list[Tool]] = []  # groups: the tools of a group run back to back, groups rotate
    notes: list[str] = []

    def reset_cache() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)
        shutil.rmtree(xdg, ignore_errors=True)

    if "leakfix" in wanted:
        cold_argv = lf + (["--no-cache"] if has_cache else []) + [c1]
        label = "leakfix check, cold (--no-cache)" if has_cache else "leakfix check (no cache in this build)"
        tools.append([Tool("leakfix-cold", label, cold_argv, N, L, env=lf_env, ok_codes=(0, 1))])
        if has_cache:
            tools.append([
                Tool("leakfix-first", "leakfix check, cache on, empty cache", lf + [c1], N, L, env=lf_env,
                     ok_codes=(0, 1), before=reset_cache),
                Tool("leakfix-warm", "leakfix check, warm (2nd run, nothing changed)", lf + [c1], N, L,
                     env=lf_env, ok_codes=(0, 1)),
            ])
        else:
            notes.append("`leakfix check --help` has no --no-cache: no warm run measured.")
        if args.scale:
            tools.append([Tool("leakfix-cold-2x", "leakfix check, cold, 2x corpus",
                               cold_argv[:-1] + [c2], 2 * N, 2 * L, env=lf_env, ok_codes=(0, 1))])

    if "ast-grep" in wanted:
        out = os.path.join(outdir, "ast-grep.jsonl")

        def count_sg(tool: Tool, s: Sample) -> None:
            with open(tool.stdout, "rb") as fh:
                s.extra["matches"] = sum(1 for _ in fh)

        tools.append([Tool("ast-grep", f"ast-grep scan -j {jobs}",
                           [_sg_binary(), "scan", "-c", str(BENCH / "ast-grep" / "sgconfig.yml"),
                            "--json=stream", "-j", str(jobs), c1],
                           N, L, stdout=out, ok_codes=(0, 1), after=count_sg)])

    if "semgrep" in wanted:
        out = os.path.join(outdir, "semgrep.json")

        def count_semgrep(tool: Tool, s: Sample) -> None:
            try:
                with open(out) as fh:
                    d = json.load(fh)
                s.extra["matches"] = len(d.get("results", []))
                errs = d.get("errors", [])
                s.extra["errors"] = len(errs)
                kinds: dict[str, int] = {}
                for e in errs:
                    k = e.get("type", "error") if isinstance(e, dict) else "error"
                    k = str(k[0] if isinstance(k, list) and k else k)  # ["PartialParsing", [spans]]
                    kinds[k] = kinds.get(k, 0) + 1
                if kinds:
                    s.extra["error_kinds"] = kinds
                s.extra["scanned"] = len(d.get("paths", {}).get("scanned", []))
            except (OSError, ValueError) as exc:
                s.extra["output"] = f"unreadable: {exc}"
            if os.path.exists(out):
                os.remove(out)

        tools.append([Tool("semgrep", f"semgrep scan -j {jobs}",
                           [str(VBIN / "semgrep"), "scan", "--config", str(BENCH / "semgrep.yml"), "--metrics=off",
                            "--disable-version-check", "--no-git-ignore", "-j", str(jobs),
                            "--max-target-bytes", str(4 * MB), "--json", "--output", out, "."],
                           N, L, cwd=c1, ok_codes=(0, 1), after=count_semgrep,
                           env={"SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0",
                                "NO_COLOR": "1"})])

    if "parse" in wanted:
        def read_parse(tool: Tool, s: Sample) -> None:
            try:
                with open(tool.stdout) as fh:
                    s.extra.update(json.load(fh))
            except (OSError, ValueError):
                pass

        po = [str(VBIN / "python"), str(BENCH / "parse_only.py"), "--jobs", str(jobs), c1]
        tools.append([Tool("parse-all", f"bare tree-sitter parse, all files ({jobs} processes)", po, N, L,
                           stdout=os.path.join(outdir, "parse-all.json"), after=read_parse)])
        tools.append([Tool("parse-prefiltered",
                           f"bare parse of the {corpus.kept_files} files the prefilter keeps (floor)",
                           po + ["--prefilter"], N, L, stdout=os.path.join(outdir, "parse-pre.json"),
                           after=read_parse)])

    flat = [t for g in tools for t in g]
    by_key = {t.key: t for t in flat}
    total = reps * len(flat)
    done = 0
    for rep in range(reps):
        k = rep % len(tools) if tools else 0
        for group in tools[k:] + tools[:k]:
            for t in group:
                done += 1
                if t.failed:
                    continue
                if t.before:
                    t.before()
                waited, load = wait_idle(args.idle_wait) if args.idle_wait > 0 else (0.0, 0.0)
                log(f"[{done}/{total}] rep {rep + 1}: {t.label} ..."
                    + (f" (waited {waited:.0f} s for other load to drop; now {load:.2f} cores)" if waited > 1.5 else ""))
                s = measure(t.argv, t.cwd, t.env, t.stdout, t.ok_codes)
                s.extra["idle_wait_s"] = round(waited, 1)
                if t.after:
                    t.after(t, s)
                t.samples.append(s)
                log(f"    {s.wall:.2f} s wall, {s.cpu:.2f} s CPU, {s.maxrss_mb:.0f} MB / tree {s.tree_rss_mb:.0f} MB, "
                    f"others' load {s.others_load:.2f} cores"
                    f"{', ' + s.note if s.note else ''}{', ' + json.dumps(s.extra) if s.extra else ''}")
                if not s.ok:
                    t.failed = s.note  # do not spend more time on a tool that cannot run
                if t.key == "leakfix-first" and rep == 0:
                    where = [d for d in (cache_dir, xdg) if os.path.isdir(d) and os.listdir(d)]
                    if where:
                        notes.append(f"leakfix's cache was written under {', '.join(where)} (reset before "
                                     "each 'empty cache' run).")
                    else:
                        notes.append("leakfix wrote no cache under LEAKFIX_CACHE_DIR or XDG_CACHE_HOME: the "
                                     "'empty cache' runs may have found a cache elsewhere.")

    versions = {
        "leakfix": _version([str(VBIN / "leakfix"), "--version"]),
        "ast-grep": _version([_sg_binary(), "--version"]) if "ast-grep" in wanted else "",
        "semgrep": _version([str(VBIN / "semgrep"), "--version"]) if "semgrep" in wanted else "",
        "go": _version(["go", "version"]),
    }
    from importlib.metadata import version as dist_version
    versions["tree-sitter"] = dist_version("tree-sitter")
    versions["tree-sitter-go"] = "0.25 + new(expr) (grammar/)"

    report, tgt = render(info, versions, corpus, reps, jobs, flat, notes)
    print(report)
    base = by_key.get("leakfix-cold")

    if args.json:
        data = {
            "machine": info, "versions": versions, "corpus": asdict(corpus), "reps": reps, "jobs": jobs,
            "tools": {t.key: {"label": t.label, "argv": t.argv, "files": t.files, "lines": t.lines,
                              "samples": [asdict(s) for s in t.samples], "median": median_of(t.samples),
                              "failed": t.failed} for t in flat},
            "wall_vs_leakfix_cold": {t.key: (median_of(t.samples)["wall"] / median_of(base.samples)["wall"])
                                     for t in flat if base and median_of(t.samples) and median_of(base.samples)},
            "targets": tgt, "notes": notes, "markdown": report,
        }
        with open(args.json, "w") as fh:
            json.dump(data, fh, indent=2)
        log(f"raw numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
