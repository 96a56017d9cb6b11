"""A 3,000-function file (issue 8: "fixed in seconds").

The file mixes five kinds of leaky functions, one of each rule that fixes by default or with
`--fix all` (defer-close, defer-cancel, defer-after-check, defer-in-loop, stop-timer), with two
kinds of clean ones. `leakfix apply --fix all` must fix every leak (and nothing else), leave a
gofmt-clean file that passes `go vet` (lostcancel included: every discarded cancel is called
now), and change nothing when run again.

How long that takes is the benchmark's business (bench/), not a unit test's. What a unit test
can pin down is that the work grows linearly with the file: the fixer parses the file a fixed
number of times whatever its size (once, then twice per pass of its fixed-point loop), and the
number of function calls it makes for three times the functions is three times as many, give or
take a little; before 5533d4e choosing clash-free fixes compared every fix with every other and
the factor was about 6.7.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

LEAKY = {
    "defer-close": '''func Size{n}(p string) (int64, error) {{
	f, err := os.Open(p)
	if err != nil {{
		return 0, err
	}}
	st, err := f.Stat()
	if err != nil {{
		return 0, err
	}}
	return st.Size(), nil
}}''',
    "defer-cancel": '''func PathLen{n}(parent context.Context, url string) (int, error) {{
	ctx, _ := context.WithTimeout(parent, time.Second)
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {{
		return 0, err
	}}
	return len(req.URL.Path), nil
}}''',
    "defer-after-check": '''func Head{n}(p string) ([]byte, error) {{
	f, err := os.Open(p)
	defer f.Close()
	if err != nil {{
		return nil, err
	}}
	return io.ReadAll(f)
}}''',
    "defer-in-loop": '''func Copy{n}(w io.Writer, paths []string) error {{
	for _, p := range paths {{
		f, err := os.Open(p)
		if err != nil {{
			return err
		}}
		defer f.Close()
		if _, err := io.Copy(w, f); err != nil {{
			return err
		}}
	}}
	return nil
}}''',
    "stop-timer": '''func Poll{n}(done <-chan struct{{}}, d time.Duration) int {{
	t := time.NewTicker(d)
	n := 0
	for {{
		select {{
		case <-t.C:
			n++
		case <-done:
			return n
		}}
	}}
}}''',
}
CLEAN = [
    '''func Read{n}(p string) ([]byte, error) {{
	f, err := os.Open(p)
	if err != nil {{
		return nil, err
	}}
	defer f.Close()
	return io.ReadAll(f)
}}''',
    '''func Sum{n}(xs []int) int {{
	total := 0
	for _, x := range xs {{
		total += x
	}}
	return total
}}''',
]
KINDS = list(LEAKY) + [None] * len(CLEAN)
HEADER = '// Package big has many functions, most of them leaky.\npackage big\n\nimport (\n\t"context"\n\t"io"\n' \
         '\t"net/http"\n\t"os"\n\t"time"\n)\n'
GO_MOD = "module big\n\ngo 1.22\n"  # below 1.23: stop-timer has work to do


def big_file(n: int) -> tuple[bytes, Counter]:
    """n functions, cycling through the kinds; and how many fixes each rule must make."""
    funcs, want = [], Counter()
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        if kind is None:
            funcs.append(CLEAN[(i % len(KINDS)) - len(LEAKY)].format(n=i))
        else:
            funcs.append(LEAKY[kind].format(n=i))
            want[kind] += 1
    return (HEADER + "\n" + "\n\n".join(funcs) + "\n").encode(), want


def leakfix(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("leakfix")
    cmd = [str(exe)] if exe.exists() else ([shutil.which("leakfix")] if shutil.which("leakfix") else
                                           [sys.executable, "-m", "leakfix"])
    return subprocess.run([*cmd, *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "LEAKFIX_NO_CACHE": "1", "NO_COLOR": "1"})


def _go_env() -> dict[str, str]:
    return {**os.environ, "GOTOOLCHAIN": "local", "GOWORK": "off", "GOFLAGS": "-mod=mod", "GOPROXY": "off"}


def test_a_3000_function_file_is_fixed_completely_and_stays_valid_go(tmp_path):
    src, want = big_file(3000)
    assert sum(want.values()) == 2144 and len(want) == 5
    (tmp_path / "go.mod").write_text(GO_MOD)
    path = tmp_path / "big.go"
    path.write_bytes(src)
    assert subprocess.run(["gofmt", "-l", "big.go"], cwd=tmp_path, capture_output=True, text=True).stdout == ""
    build = subprocess.run(["go", "build", "."], cwd=tmp_path, capture_output=True, text=True, env=_go_env())
    assert build.returncode == 0, build.stderr

    check = leakfix("check", "--format", "json", "--no-progress", "--fix", "all", ".", cwd=tmp_path)
    findings = json.loads(check.stdout)["findings"]
    assert Counter(f["rule"] for f in findings) == want
    assert all(f["fixable"] for f in findings)

    started = time.perf_counter()
    proc = leakfix("apply", "--no-progress", "--fix", "all", ".", cwd=tmp_path)
    elapsed = time.perf_counter() - started
    print(f"\nleakfix apply on 3,000 functions: {elapsed:.2f} s wall, {sum(want.values())} fixes")
    assert proc.returncode == 0, proc.stderr  # nothing left for a person
    m = re.search(r"(\d+) fix\(es\) in (\d+) file\(s\) \(([^)]*)\)", proc.stderr)
    assert m is not None, proc.stderr
    assert (int(m.group(1)), int(m.group(2))) == (sum(want.values()), 1)
    assert dict((k, int(v)) for k, v in (p.split(": ") for p in m.group(3).split(", "))) == dict(want)

    out = path.read_bytes()
    assert out.count(b"defer f.Close()") == want["defer-close"] + want["defer-after-check"] + \
        sum(1 for _ in re.finditer(rb"func Read\d+", out))
    assert out.count(b"defer cancel()") == want["defer-cancel"]
    assert out.count(b"defer t.Stop()") == want["stop-timer"]
    fmt = subprocess.run(["gofmt", "-l", "big.go"], cwd=tmp_path, capture_output=True, text=True)
    assert fmt.stdout == "", "the fixed file is not gofmt-clean"
    vet = subprocess.run(["go", "vet", "."], cwd=tmp_path, capture_output=True, text=True, env=_go_env(), timeout=600)
    assert vet.returncode == 0, vet.stdout + vet.stderr

    again = leakfix("apply", "--no-progress", "--fix", "all", ".", cwd=tmp_path)
    assert again.returncode == 0 and "0 fix(es) in 0 file(s)" in again.stderr, again.stderr
    assert path.read_bytes() == out


def _measure(n: int, monkeypatch) -> tuple[int, int, int]:
    """(parses, function calls, fixes) of fixing an n-function file in-process."""
    from leakfix.codemods import RULES
    from leakfix.engine import fixer, source
    from leakfix.engine.config import Config
    from leakfix.engine.model import Context
    from leakfix.engine.runner import build_rules

    src, want = big_file(n)
    parses = [0]
    real_parse = source.parse

    def counting_parse(body: bytes):
        parses[0] += 1
        return real_parse(body)

    monkeypatch.setattr(source, "parse", counting_parse)
    monkeypatch.setattr(fixer, "parse", counting_parse)
    rules = build_rules([r for r in RULES if r in LEAKY], Config())
    ctx = Context((1, 22))
    calls = [0]

    def profile(frame, event, arg):
        if event in ("call", "c_call"):
            calls[0] += 1

    sys.setprofile(profile)
    try:
        res = fixer.fix_file("/nonexistent/big.go", src, rules, {r.id: ctx for r in rules},
                             requested=frozenset(r.id for r in rules))  # as `--fix all`
    finally:
        sys.setprofile(None)
    fixed = sum(f.fixed for f in res.findings)
    assert fixed == sum(want.values()), f"{n} functions: {fixed} of {sum(want.values())} fixed"
    return parses[0], calls[0], fixed


def test_the_work_grows_linearly_with_the_file(monkeypatch):
    from leakfix.engine.fixer import MAX_PASSES

    small = _measure(350, monkeypatch)
    large = _measure(1050, monkeypatch)  # three times the functions, the same mix
    assert large[2] == 3 * small[2]
    # the file is parsed a fixed number of times, whatever its size
    assert large[0] == small[0] <= 1 + 2 * MAX_PASSES, (small, large)
    # and the rest of the work is linear: 3x the functions, about 3x the calls (quadratic: ~9x)
    ratio = large[1] / small[1]
    assert ratio < 3.3, f"{small[1]} calls for 350 functions, {large[1]} for 1050: x{ratio:.2f}"
