"""Runtime proof that `leakfix apply` removes real leaks and keeps behaviour.

Every directory tests/runtime/<case>/ is a small Go module (`module leakcase`, standard
library only) whose `main` package leaks something a leakfix rule fixes. The
program prints its normal output on stdout and measurements on stderr, one per line:

    LEAKFIX-METRIC <name>=<number>

(the last line for a name wins). For each case this test

1. copies the module to tmp_path and runs `go run .`: the `[before]` metrics must hold;
2. runs `leakfix apply <copy>`; some .go file must have changed, a second apply must change
   nothing, `gofmt -l` must report none of the changed files and `go vet ./...` must pass;
3. runs `go run .` again: stdout must be byte-for-byte the same, the `[after]` metrics must hold.

metrics.toml format (in each case directory)::

    # comments are fine
    [before]              # must hold for the program as committed
    open = ">= 40"        # "<op> <number>", op one of == != >= <= > <
    [after]               # must hold after `leakfix apply`
    open = "== 0"
    peak = 1              # a bare number means "== number"

Optional top-level keys (before the first section):

    only = "defer-cancel"   # run `leakfix apply --only <rules>` instead of every rule
    expect_exit_before = 2  # the unfixed program must exit with this status (2 = Go panic);
                            # its [before] metrics are read as usual, stdout is not compared
                            # byte for byte: the unfixed program's stdout (the lines printed
                            # before it died) must be a prefix of the fixed program's stdout.
                            # The fixed program must always exit 0.
    race = true             # run both programs with `go run -race .`
    expect_unchanged = true # leakfix must change no .go file (a program it must leave alone);
                            # the [before] and [after] metrics and stdout are checked as usual

Every metric named must be printed by the program. A case may also hold a .leakfix.toml
(user-configured constructors); it is copied along and found by leakfix from the copy.

Validating the cases without leakfix: set LEAKFIX_RUNTIME_FIXED=<dir> where <dir>/<case>/
holds hand-fixed files; they are copied over the copy instead of running leakfix.
"""
from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

pytestmark = pytest.mark.runtime

CASES_DIR = Path(__file__).parent / "runtime"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "go.mod").is_file()) if CASES_DIR.is_dir() else []

GO_RUN_TIMEOUT = 180  # seconds; generous for a cold build cache, the programs themselves take < 3 s
LEAKFIX_TIMEOUT = 120

METRIC_LINE = re.compile(r"^LEAKFIX-METRIC ([A-Za-z_][A-Za-z0-9_]*)=(-?\d+(?:\.\d+)?)\s*$")
CONDITION = re.compile(r"^\s*(==|!=|>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
OPS = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}


# --- helpers ---------------------------------------------------------------------------------


def go_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GOTOOLCHAIN="local",  # never download a toolchain
        GOPROXY="off",  # the cases have no dependencies
        GOWORK="off",
        GO111MODULE="on",
        GOFLAGS="-buildvcs=false",
    )
    if not any(env.get(k) for k in ("GOCACHE", "XDG_CACHE_HOME", "HOME")):
        env["GOCACHE"] = os.path.join(tempfile.gettempdir(), "leakfix-runtime-gocache")
    return env


def parse_metrics(stderr: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for line in stderr.splitlines():
        m = METRIC_LINE.match(line.strip())
        if m:
            found[m.group(1)] = float(m.group(2))
    return found


def parse_condition(spec) -> tuple[str, float]:
    if isinstance(spec, (int, float)) and not isinstance(spec, bool):
        return "==", float(spec)
    m = CONDITION.match(str(spec))
    if not m:
        raise ValueError(f"bad metric condition {spec!r}: want '<op> <number>' with op in {sorted(OPS)}")
    return m.group(1), float(m.group(2))


CASE_OPTIONS = {"only": str, "expect_exit_before": int, "race": bool, "expect_unchanged": bool}


def load_expectations(case: Path) -> dict:
    """{"before": {...}, "after": {...}, "only": str | None, "expect_exit_before": int}."""
    with open(case / "metrics.toml", "rb") as fh:
        data = tomllib.load(fh)
    unknown = set(data) - {"before", "after"} - set(CASE_OPTIONS)
    assert not unknown, f"{case.name}/metrics.toml: unknown sections or keys {sorted(unknown)}"
    out: dict = {"only": None, "expect_exit_before": 0, "race": False, "expect_unchanged": False}
    for key, typ in CASE_OPTIONS.items():
        if key in data:
            assert isinstance(data[key], typ) and (typ is bool or not isinstance(data[key], bool)), (
                f"{case.name}/metrics.toml: {key} must be a {typ.__name__}"
            )
            out[key] = data[key]
    for phase in ("before", "after"):
        section = data.get(phase) or {}
        assert section, f"{case.name}/metrics.toml: [{phase}] is missing or empty"
        out[phase] = {name: parse_condition(spec) for name, spec in section.items()}
    return out


def check_metrics(phase: str, expected: dict[str, tuple[str, float]], got: dict[str, float]) -> list[str]:
    problems = []
    for name, (op, value) in expected.items():
        if name not in got:
            problems.append(f"[{phase}] metric {name!r} was not reported")
        elif not OPS[op](got[name], value):
            problems.append(f"[{phase}] {name} = {got[name]:g}, want {op} {value:g}")
    return problems


EXIT_STATUS_LINE = re.compile(r"^exit status (\d+)\s*$")


def go_run(module: Path, expect_exit: int = 0, race: bool = False) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        ["go", "run", *(["-race"] if race else []), "."],
        cwd=module, env=go_env(), capture_output=True, text=True, timeout=GO_RUN_TIMEOUT,
    )
    if not expect_exit:
        assert proc.returncode == 0, f"go run . failed in {module} ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        return proc
    # `go run` itself exits 1 and ends stderr with "exit status N" when the program exits N != 0.
    lines = proc.stderr.rstrip().splitlines()
    m = EXIT_STATUS_LINE.match(lines[-1]) if lines else None
    status = int(m.group(1)) if m and proc.returncode != 0 else proc.returncode
    assert status == expect_exit, (
        f"go run . in {module}: program exit status {status}, want {expect_exit}:\n{proc.stdout}\n{proc.stderr}"
    )
    return proc


def leakfix_command() -> list[str]:
    # The venv running pytest first (its bin/ need not be on PATH), then PATH, then the module.
    sibling = Path(sys.executable).with_name("leakfix")
    if sibling.is_file() and os.access(sibling, os.X_OK):
        return [str(sibling)]
    found = shutil.which("leakfix")
    if found:
        return [found]
    return [sys.executable, "-m", "leakfix"]


def go_files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(root.rglob("*.go"))
    }


def render_diff(before: dict[str, str], after: dict[str, str]) -> str:
    chunks = []
    for rel in sorted(set(before) | set(after)):
        a, b = before.get(rel, ""), after.get(rel, "")
        if a != b:
            chunks.extend(
                difflib.unified_diff(
                    a.splitlines(keepends=True), b.splitlines(keepends=True), f"a/{rel}", f"b/{rel}"
                )
            )
    return "".join(chunks) or "(no change)\n"


def apply_fix(case: str, work: Path, only: str | None = None) -> str:
    """Fix `work` in place; return what the fixer printed."""
    handfixed = os.environ.get("LEAKFIX_RUNTIME_FIXED")
    if handfixed:
        src = Path(handfixed) / case
        if not src.is_dir():
            pytest.skip(f"LEAKFIX_RUNTIME_FIXED has no {case}/")
        shutil.copytree(src, work, dirs_exist_ok=True)
        return f"(hand-fixed files copied from {src})"
    # every rule's fixes (on-request ones included): the case proves what the fix does
    cmd = leakfix_command() + ["apply", *(["--only", only, "--fix", only] if only else ["--fix", "all"]), str(work)]
    proc = subprocess.run(cmd, cwd=work.parent, capture_output=True, text=True, timeout=LEAKFIX_TIMEOUT)
    out = f"$ {' '.join(cmd)}  -> exit {proc.returncode}\n{proc.stdout}{proc.stderr}"
    # 0 = fixed / nothing to do, 1 = findings left behind; anything else is a crash or usage error.
    assert proc.returncode in (0, 1), f"leakfix apply failed:\n{out}"
    return out


# --- the test --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def go_tool():
    if shutil.which("go") is None or shutil.which("gofmt") is None:
        pytest.skip("the go toolchain (go, gofmt) is not on PATH")
    return "go"


def test_cases_exist():
    assert len(CASES) >= 12, f"expected at least 12 runtime cases in {CASES_DIR}, found {CASES}"
    for case in CASES:
        assert (CASES_DIR / case / "metrics.toml").is_file(), f"{case}: metrics.toml missing"
        load_expectations(CASES_DIR / case)


@pytest.mark.parametrize("case", CASES)
def test_fix_removes_leak_and_keeps_output(case, tmp_path, go_tool):
    src = CASES_DIR / case
    expected = load_expectations(src)
    work = tmp_path / case
    shutil.copytree(src, work)
    original = go_files(work)

    # 1. the program as written leaks
    before = go_run(work, expected["expect_exit_before"], expected["race"])
    got_before = parse_metrics(before.stderr)
    problems = check_metrics("before", expected["before"], got_before)
    assert not problems, f"{case}: the unfixed program does not show its leak:\n" + "\n".join(problems) + (
        f"\nstderr:\n{before.stderr}"
    )

    # 2. leakfix rewrites it into gofmt-clean, vet-clean Go
    fixer_output = apply_fix(case, work, expected["only"])
    fixed = go_files(work)
    diff = render_diff(original, fixed)
    context = f"\n--- leakfix output ---\n{fixer_output}\n--- diff ---\n{diff}"
    changed = [rel for rel in fixed if original.get(rel) != fixed[rel]]
    if expected["expect_unchanged"]:
        assert not changed, f"{case}: leakfix must leave this program unchanged, changed {changed}" + context
    else:
        assert changed, f"{case}: leakfix changed no .go file" + context

    if not os.environ.get("LEAKFIX_RUNTIME_FIXED"):
        second = apply_fix(case, work, expected["only"])
        assert go_files(work) == fixed, (
            f"{case}: a second `leakfix apply` changed the fixed code again\n{second}\n"
            + render_diff(fixed, go_files(work))
            + context
        )

    fmt = subprocess.run(["gofmt", "-l", *(changed or ["."])], cwd=work, capture_output=True, text=True, timeout=60)
    assert fmt.returncode == 0 and not fmt.stdout.strip(), (
        f"{case}: gofmt -l reports {fmt.stdout.split()} {fmt.stderr}" + context
    )
    vet = subprocess.run(
        ["go", "vet", "./..."], cwd=work, env=go_env(), capture_output=True, text=True, timeout=GO_RUN_TIMEOUT
    )
    assert vet.returncode == 0, f"{case}: go vet ./... failed:\n{vet.stdout}{vet.stderr}" + context

    # 3. the fixed program behaves the same and no longer leaks
    after = go_run(work, race=expected["race"])
    if expected["expect_exit_before"]:
        same = after.stdout.startswith(before.stdout)  # the unfixed program died part-way
    else:
        same = after.stdout == before.stdout
    assert same, (
        f"{case}: stdout changed after the fix\n"
        + "".join(difflib.unified_diff(before.stdout.splitlines(True), after.stdout.splitlines(True), "before", "after"))
        + context
    )
    got_after = parse_metrics(after.stderr)
    problems = check_metrics("after", expected["after"], got_after)
    assert not problems, (
        f"{case}: the fixed program still leaks:\n" + "\n".join(problems) + f"\nstderr:\n{after.stderr}" + context
    )
