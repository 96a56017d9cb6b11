"""Golden tests: every case folder under golden/<rule>/<case>/ is a specification.

A case folder holds
  input.go       a complete, compilable Go file (std lib only)
  expected.go    the exact file after `leakfix apply` (byte-identical to input.go when nothing
                 must change)
  findings.txt   one line per finding `leakfix check` must report:
                 `<line-in-input.go> <rule> fixed|on-request|reported` (empty: leakfix stays
                 silent): `fixed` for a fix applied by default, `on-request` for a fix applied
                 only with `--fix RULE`, `reported` for a finding without a fix
  go.mod         optional; default `module golden` / `go 1.22`
  .leakfix.toml  optional configuration for the case
  NAME.input.go  optional further files of the same package (for rules that look at the whole
  NAME.expected.go  package), staged as NAME.go beside input.go; their findings are written
                 `NAME.go:<line> <rule> fixed|reported` in findings.txt

The rule folder's name is the rule id: each case runs with `--only <rule> --fix <rule>` (every fix
the rule can make, on-request ones too), so a new rule only adds a folder.

For each case: apply on a temporary copy must give expected.go byte for byte, check must give
exactly findings.txt (line, rule, fixable), and a second apply on the result must change nothing.
A separate test puts every input.go and expected.go into Go modules (one module per distinct
go.mod) and requires `gofmt -l` to print nothing and `go vet ./...` to pass.

Regenerating the expectations from leakfix's current output (review the diff before committing!):

    LEAKFIX_UPDATE_GOLDEN=1 pytest tests/test_golden.py

rewrites expected.go and findings.txt of every case that is run (use -k to pick cases).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
DEFAULT_GO_MOD = "module golden\n\ngo 1.22\n"
UPDATE = os.environ.get("LEAKFIX_UPDATE_GOLDEN", "") not in ("", "0")

CASES = sorted(p for p in GOLDEN.glob("*/*/") if (p / "input.go").is_file())
# Cases the precision audit wrote for a wrong fix or a false alarm found on real code that leakfix
# does not pass yet (golden-pending/README.md): expected to fail, strictly, so the case that starts
# passing is noticed and moved into golden/ with its fix.
PENDING = sorted(p for p in (ROOT / "golden-pending").glob("*/*/") if (p / "input.go").is_file())


def _case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def leakfix_cmd() -> list[str]:
    exe = shutil.which("leakfix")
    return [exe] if exe else [sys.executable, "-m", "leakfix"]


def run_leakfix(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the leakfix command line in this process (the same `main` as the console script;
    tests/test_cli.py covers the installed executable). Set LEAKFIX_GOLDEN_SUBPROCESS=1 to
    run every case through the executable instead."""
    if os.environ.get("LEAKFIX_GOLDEN_SUBPROCESS"):
        return subprocess.run(
            [*leakfix_cmd(), *args], cwd=cwd, capture_output=True, timeout=120,
            env={**os.environ, "NO_COLOR": "1"},
        )
    import contextlib
    import io

    from leakfix.app import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([*args, "--color", "never"] if args[0] in ("apply", "check", "diff") else list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
    return subprocess.CompletedProcess(["leakfix", *args], code, out.getvalue().encode(), err.getvalue().encode())


def stage(case: Path, dest: Path, source: str = "input.go") -> Path:
    """Copy a case into dest as a small module: input.go, go.mod, .leakfix.toml."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case / source, dest / "input.go")
    for name, src in extra_files(case, "input" if source == "input.go" else "expected").items():
        shutil.copyfile(src, dest / name)
    gomod = case / "go.mod"
    (dest / "go.mod").write_text(gomod.read_text() if gomod.is_file() else DEFAULT_GO_MOD)
    if (case / ".leakfix.toml").is_file():
        shutil.copyfile(case / ".leakfix.toml", dest / ".leakfix.toml")
    return dest


def extra_files(case: Path, kind: str) -> dict[str, Path]:
    """NAME.go -> the case's NAME.<kind>.go (kind: input or expected)."""
    return {p.name[: -len(f".{kind}.go")] + ".go": p for p in sorted(case.glob(f"*.{kind}.go"))}


def _describe(proc: subprocess.CompletedProcess) -> str:
    return (f"exit {proc.returncode}\n--- stdout\n{proc.stdout.decode(errors='replace')}"
            f"\n--- stderr\n{proc.stderr.decode(errors='replace')}")


def apply(rule: str, workdir: Path) -> subprocess.CompletedProcess:
    proc = run_leakfix("apply", "--no-progress", "--only", rule, "--fix", rule, str(workdir), cwd=workdir)
    assert proc.returncode in (0, 1), f"leakfix apply failed: {_describe(proc)}"
    assert b"Traceback" not in proc.stderr, _describe(proc)
    return proc


def _finding_dicts(doc) -> list[dict]:
    """The finding objects of leakfix's JSON report, whatever the envelope."""
    if isinstance(doc, list):
        return [d for d in doc if isinstance(d, dict)]
    if isinstance(doc, dict):
        for key in ("findings", "results", "diagnostics"):
            if isinstance(doc.get(key), list):
                return [d for d in doc[key] if isinstance(d, dict)]
        files = doc.get("files")
        if isinstance(files, list):
            return [d for f in files if isinstance(f, dict) for d in _finding_dicts(f)]
    raise AssertionError(f"unrecognised JSON report: {json.dumps(doc)[:500]}")


def check(rule: str, workdir: Path) -> list[tuple[int, str, str]]:
    proc = run_leakfix("check", "--format", "json", "--only", rule, str(workdir), cwd=workdir)
    assert proc.returncode in (0, 1), f"leakfix check failed: {_describe(proc)}"
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise AssertionError(f"check did not print JSON ({e}): {_describe(proc)}") from None
    out = []
    for d in _finding_dicts(doc):
        if d.get("rule") != rule:
            continue
        applicability = d.get("applicability")
        status = {"default": "fixed", "on-request": "on-request", "display-only": "display-only"}.get(
            applicability, "reported")
        name = Path(d.get("path", "input.go")).name
        out.append(("" if name == "input.go" else name, int(d["line"]), d["rule"], status))
    return sorted(out)


def _format_finding(f: tuple[str, int, str, str]) -> str:
    name, line, rule, status = f
    return f"{name + ':' if name else ''}{line} {rule} {status}\n"


def read_findings(case: Path) -> list[tuple[int, str, str]]:
    out = []
    for raw in (case / "findings.txt").read_text().splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where, rule, status = raw.split()
        assert status in ("fixed", "on-request", "display-only", "reported"), \
            f"{case}/findings.txt: bad status in {raw!r}"
        name, _, line = where.rpartition(":")
        out.append((name, int(line), rule, status))
    return sorted(out)


def _first_difference(want: bytes, got: bytes) -> str:
    import difflib

    diff = difflib.unified_diff(
        want.decode(errors="replace").splitlines(True), got.decode(errors="replace").splitlines(True),
        "expected.go", "leakfix output",
    )
    return "".join(diff)[:4000] or repr((want[-80:], got[-80:]))


@pytest.mark.parametrize("case", CASES + [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason="a known wrong fix or false alarm (golden-pending/)"))
    for c in PENDING], ids=_case_id)
def test_golden_case(case: Path, tmp_path: Path) -> None:
    rule = case.parent.name

    work = stage(case, tmp_path / "apply")
    apply(rule, work)
    got = (work / "input.go").read_bytes()
    extras = {name: (work / name).read_bytes() for name in extra_files(case, "input")}

    fresh = stage(case, tmp_path / "check")
    findings = check(rule, fresh)

    if UPDATE and case not in PENDING:  # a pending case keeps what it should be
        (case / "expected.go").write_bytes(got)
        for name, data in extras.items():
            (case / f"{name[:-3]}.expected.go").write_bytes(data)
        (case / "findings.txt").write_text("".join(_format_finding(f) for f in findings))

    want = (case / "expected.go").read_bytes()
    assert got == want, f"apply output differs from expected.go:\n{_first_difference(want, got)}"
    for name, data in extras.items():
        want = (case / f"{name[:-3]}.expected.go").read_bytes()
        assert data == want, f"apply output of {name} differs:\n{_first_difference(want, data)}"
    assert findings == read_findings(case), "check findings differ from findings.txt"

    # Idempotence: applying again to the fixed file changes nothing.
    apply(rule, work)
    again = (work / "input.go").read_bytes()
    assert again == got, f"second apply changed the file:\n{_first_difference(got, again)}"
    for name, data in extras.items():
        assert (work / name).read_bytes() == data, f"second apply changed {name}"


# --- the corpus itself is valid, gofmt-clean Go ---------------------------------------------

_GO_LINE = re.compile(r"^go\s+(\S+)\s*$", re.M)


def _go_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(GOTOOLCHAIN="local", GOWORK="off", GOFLAGS="-mod=mod", GOPROXY="off")
    return env


def test_corpus_is_gofmt_clean_and_vets(tmp_path: Path) -> None:
    """Every input.go and expected.go, each in its own package dir, one module per go.mod."""
    modules: dict[str, Path] = {}
    for case in CASES:
        gomod = (case / "go.mod").read_text() if (case / "go.mod").is_file() else DEFAULT_GO_MOD
        m = _GO_LINE.search(gomod)
        key = m.group(1) if m else "none"
        if key not in modules:
            modules[key] = tmp_path / f"mod{len(modules)}"
            modules[key].mkdir()
            (modules[key] / "go.mod").write_text(f"module golden\n\ngo {key}\n" if m else gomod)
        inputs, outputs = extra_files(case, "input"), extra_files(case, "expected")
        changed = (case / "expected.go").read_bytes() != (case / "input.go").read_bytes() or \
            any(outputs[n].read_bytes() != p.read_bytes() for n, p in inputs.items())
        for name in ("input.go", "expected.go"):
            # a file leakfix rewrote goes to the vetted tree; an untouched one only has to build
            kind = "expected" if name == "expected.go" and changed else "input"
            dest = modules[key] / kind / case.parent.name / f"c{case.name}" / name[:-3]
            dest.mkdir(parents=True)
            shutil.copyfile(case / name, dest / name)
            for extra, src in (inputs if name == "input.go" else outputs).items():
                shutil.copyfile(src, dest / extra)

    # What leakfix wrote must pass go vet. Inputs (and outputs left as they were) need only
    # compile: the leaks some rules fix are exactly what vet's lostcancel and httpresponse report.
    problems = []
    for key, mod in sorted(modules.items()):
        fmt = subprocess.run(["gofmt", "-l", "."], cwd=mod, capture_output=True, text=True)
        if fmt.returncode != 0 or fmt.stdout.strip():
            problems.append(f"gofmt (go {key}):\n{fmt.stdout}{fmt.stderr}")
        for what, cmd in (("expected", ["go", "vet", "./expected/..."]), ("input", ["go", "build", "./input/..."])):
            if not (mod / what).is_dir():
                continue
            run = subprocess.run(cmd, cwd=mod, capture_output=True, text=True, env=_go_env(tmp_path), timeout=600)
            if run.returncode != 0:
                problems.append(f"{' '.join(cmd[:2])} of the {what} files (go {key}):\n{run.stdout}{run.stderr}")
    assert not problems, "\n".join(problems)


def test_case_folders_are_complete() -> None:
    assert CASES, "no golden cases found"
    for case in CASES:
        for name in ("expected.go", "findings.txt"):
            assert (case / name).is_file(), f"{_case_id(case)} lacks {name}"
        assert set(extra_files(case, "input")) == set(extra_files(case, "expected")), \
            f"{_case_id(case)}: every NAME.input.go needs a NAME.expected.go and back"
        first = (case / "input.go").read_text().splitlines()[0]
        assert first.startswith("// "), f"{_case_id(case)}: input.go must start with an explaining comment"
        read_findings(case)
