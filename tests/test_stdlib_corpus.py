"""The Go standard library as a real corpus (issue 8): `leakfix apply --fix all` (every rule that
runs by default, on-request fixes too) on a copy of `$(go env GOROOT)/src`, then the
go tool must agree that nothing broke.

Default run (part of `python -m pytest`, a few minutes):
  - apply: counts files, packages and fixes per rule (printed in the "leakfix on the Go standard
    library" section at the end of the run); no file created or removed; every changed file still
    gofmt-clean; a second run finds nothing more to fix;
  - `go build std` (and of every changed cmd package) passes in the fixed copy;
  - `go vet` of every package leakfix changed, test files included (and of every changed
    `//go:build ignore` program) reports nothing the untouched copy does not report, positions
    ignored;
  - `go test -short` of every changed package passes wherever it passes on the untouched copy
    (the build proves little: a close of a file the function returns compiles and breaks callers);
    a test that fails only after apply is rerun alone twice on each copy before it counts.
Slow stage (LEAKFIX_CI_STDLIB=1, or `.ci/run --stdlib`; skipped with that reason otherwise):
  - `go build cmd` passes, and `go vet std cmd` reports nothing new (a change can alter what vet
    infers about the callers of a changed package).

Environment: LEAKFIX_STDLIB_SUBTREES="net/http os" applies leakfix to these folders of src only
(to iterate quickly; the summary says so); LEAKFIX_STDLIB_RULES replaces `--fix all` as the rule
options of check, apply and diff (e.g. "--only sync-pool" for a rule that is off by default); LEAKFIX_STDLIB_KEEP=1 keeps the two GOROOT copies and
the go cache (several GB) instead of removing them at the end; the logs of every command are kept
under the pytest temp folder either way (the summary names it).
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stdlib_support as sl  # noqa: E402

pytestmark = pytest.mark.stdlib

FULL = os.environ.get("LEAKFIX_CI_STDLIB", "").strip() not in ("", "0")
SUBTREES = os.environ.get("LEAKFIX_STDLIB_SUBTREES", "").replace(",", " ").split()
# Every rule that runs by default, on-request fixes too: the fixes a user can ask for are the ones
# to prove harmless.
RULE_ARGS = shlex.split(os.environ.get("LEAKFIX_STDLIB_RULES", "--fix all"))
KEEP = os.environ.get("LEAKFIX_STDLIB_KEEP", "").strip() not in ("", "0")
SLOW_REASON = ("slow stage of the stdlib corpus test, not in the default run: set LEAKFIX_CI_STDLIB=1 "
               "(or run `.ci/run --stdlib`) to run it")
PROPERTY = "leakfix-stdlib"


def leakfix_cmd() -> list[str]:
    """The installed executable of the interpreter running the tests, else one on PATH."""
    sibling = Path(sys.executable).with_name("leakfix")
    if sibling.is_file() and os.access(sibling, os.X_OK):
        return [str(sibling)]
    found = shutil.which("leakfix")
    if not found:
        pytest.fail("no `leakfix` executable next to the Python running the tests or on PATH "
                    "(pip install . first): the stdlib corpus test runs the installed command")
    return [found]


def report(record_property, order: int, lines: list[str]) -> None:
    """Adds lines to the section conftest.py prints at the end of the run."""
    record_property(f"{PROPERTY}:{order:02d}", "\n".join(lines))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if shutil.which("go") is None or shutil.which("gofmt") is None:
        pytest.skip("the go toolchain (go, gofmt) is not on PATH")
    work = tmp_path_factory.mktemp("stdlib")
    try:
        c = sl.Corpus.create(work, sl.goroot(), leakfix_cmd(), SUBTREES, RULE_ARGS)
        c.apply()
    except sl.StepFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    yield c
    if KEEP:
        print(f"\nstdlib corpus kept in {work} (LEAKFIX_STDLIB_KEEP)")
    else:
        c.cleanup()


def test_apply_on_stdlib(corpus, record_property):
    src = corpus.fixed / "src"
    started = time.monotonic()
    targets = [c.rel for c in corpus.changed]
    unformatted = []
    if targets:
        gofmt = str(corpus.fixed / "bin" / "gofmt")
        was = subprocess.run([gofmt, "-l", *targets], cwd=corpus.base / "src", capture_output=True, text=True)
        now = subprocess.run([gofmt, "-l", *targets], cwd=src, capture_output=True, text=True)
        unformatted = sorted(set(now.stdout.split()) - set(was.stdout.split()))
        if now.returncode != 0:
            unformatted.append(f"(gofmt exit {now.returncode}: {now.stderr.strip()[:500]})")
    corpus.steps.append(sl.Step("gofmt -l of the changed files", time.monotonic() - started, 0, src))
    again_rc, again = corpus.run("leakfix-diff-again", [*corpus.leakfix, "diff", *corpus.rule_args, "--exit-code",
                                                        "--no-progress", *(corpus.subtrees or ["."])],
                                 cwd=src, env={**os.environ, "NO_COLOR": "1"}, timeout=900, split=True)
    report(record_property, 1, [*corpus.summary_lines(), f"logs: {corpus.work / 'logs'}"])

    assert not corpus.stray, f"leakfix apply created, removed or changed non-Go files: {corpus.stray}"
    assert corpus.changed, ("leakfix apply changed no file of the standard library: the corpus test "
                            f"proves nothing.\n{sl.tail(corpus.log_text('leakfix-apply'))}")
    if corpus.applied or corpus.apply_summary:
        files = len({c.rel for c in corpus.changed})
        assert f"in {files} file(s)" in corpus.apply_summary, (
            f"leakfix apply says `{corpus.apply_summary}` but {files} files changed on disk")
    assert not unformatted, ("files no longer gofmt-clean after leakfix apply: "
                             f"{unformatted}\n{corpus.diffs(f for f in unformatted if not f.startswith('('))}")
    assert again_rc == 0 and not again.strip(), (
        f"a second run finds more to fix (leakfix diff --exit-code exit {again_rc}): apply is not "
        f"idempotent on the standard library:\n{sl.head(again)}\n{sl.tail(corpus.log_text('leakfix-diff-again'), 10)}")


def test_std_builds(corpus, record_property):
    """go build std, and every cmd package leakfix changed (all of cmd: the slow stage)."""
    targets = ["std", *(p for p in corpus.packages("package") if p.startswith("cmd/"))]
    failure = sl.build_failure(corpus, targets, "build")
    report(record_property, 2, [f"go build {' '.join(targets)}: {'FAILS' if failure else 'passes'}"])
    assert failure is None, failure


def test_vet_of_changed_packages(corpus, record_property):
    packages = corpus.packages()
    programs = [c.rel for c in corpus.changed if c.kind == "program"]
    new, nbase, nfixed = ([], 0, 0)
    if packages:
        new, nbase, nfixed = sl.vet_new_findings(corpus, "vet-changed", packages)
    lines = [f"go vet of the {len(packages)} changed packages: {len(new)} new findings "
             f"({nbase} on the untouched copy, {nfixed} after apply)"]
    for n, rel in enumerate(programs):
        d, name = os.path.split(rel)
        p_new, p_base, _ = sl.vet_new_findings(corpus, f"vet-program-{n}", [name], cwd_rel=f"src/{d}")
        new += p_new
        lines.append(f"go vet {rel} (a //go:build ignore program): {len(p_new)} new findings ({p_base} before)")
    report(record_property, 3, lines)
    assert not new, sl.vet_failure(corpus, new, "of the changed packages and programs")


def test_tests_of_changed_packages(corpus, record_property):
    packages = corpus.packages()  # in the default run too: a close on a returned file builds, vets, and fails here
    failures, notes, counts = sl.go_test_failures(corpus, packages) if packages else ([], [], {})
    lines = [f"go test -short of the {len(packages)} changed packages: {len(failures)} broken by leakfix; "
             + ", ".join(f"{k}: {v}" for k, v in counts.items()), *notes]
    report(record_property, 4, lines)
    assert not failures, "\n\n".join(failures)


def test_cmd_builds(corpus, record_property):
    if not FULL:
        report(record_property, 5, [f"go build cmd, go vet std cmd: not run ({SLOW_REASON})"])
        pytest.skip(SLOW_REASON)
    failure = sl.build_failure(corpus, ["cmd"], "build-cmd")
    report(record_property, 5, [f"go build cmd: {'FAILS' if failure else 'passes'}"])
    assert failure is None, failure


def test_vet_std_and_cmd(corpus, record_property):
    if not FULL:
        pytest.skip(SLOW_REASON)
    new, nbase, nfixed = sl.vet_new_findings(corpus, "vet-all", ["std", "cmd"])
    report(record_property, 6, [f"go vet std cmd: {len(new)} new findings ({nbase} on the untouched copy, "
                                f"{nfixed} after apply)"])
    assert not new, sl.vet_failure(corpus, new, "std cmd")


def test_stdlib_timings(corpus, record_property):
    """Last in the module: prints how long each step took (not a check)."""
    wall, cpu = sum(s.seconds for s in corpus.steps), sum(s.cpu for s in corpus.steps)
    report(record_property, 9, [f"time per step ({wall:.0f} s wall, {cpu:.0f} s CPU in all; the machine's "
                                f"load average now: {os.getloadavg()[0]:.1f}):", *corpus.timing_lines()])
