"""Profile-guided sync-pool: a real heap profile from `go test -memprofile` limits the rewrite
to the allocation sites that carry at least --profile-share percent of the allocated bytes."""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from leakfix.app import main

PROGRAM = """package render

import (
	"bytes"
	"fmt"
	"io"
)

// Hot is called on every request: its buffer is most of the allocated bytes.
func Hot(w io.Writer, n int) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "item %d\\n", n)
	_, err := w.Write(b.Bytes())
	return err
}

// Cold runs once: its buffer is a tiny share of the allocated bytes.
func Cold(r io.Reader) (string, error) {
	buf := make([]byte, 2048)
	n, err := io.ReadFull(r, buf)
	return string(buf[:n]), err
}
"""

TEST = """package render

import (
	"io"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	for i := 0; i < 20000; i++ {
		if err := Hot(io.Discard, i); err != nil {
			t.Fatal(err)
		}
	}
	Cold(strings.NewReader(strings.Repeat("x", 4096)))
}
"""


def leakfix(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        with pytest.raises(SystemExit) as exc:
            main(list(args))
    return exc.value.code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def profiled(tmp_path_factory) -> Path:
    mod = tmp_path_factory.mktemp("render", numbered=False)
    (mod / "go.mod").write_text("module example.com/render\n\ngo 1.22\n")
    (mod / "render.go").write_text(PROGRAM)
    (mod / "render_test.go").write_text(TEST)
    env = {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "GOWORK": "off"}
    subprocess.run(["go", "test", "-run", "TestLoad", "-memprofile", "mem.pprof", "-memprofilerate", "1", "."],
                   cwd=mod, env=env, check=True, capture_output=True, timeout=300)
    (mod / "render_test.go").unlink()  # leave only the code leakfix should look at
    return mod


def test_check_reports_only_the_hot_site_with_its_bytes(profiled):
    code, out, _ = leakfix("check", "--format", "json", "--no-cache", "--profile", str(profiled / "mem.pprof"),
                           str(profiled / "render.go"))
    findings = json.loads(out)["findings"]
    assert code == 1
    assert [(f["rule"], f["line"]) for f in findings] == [("sync-pool", 11)]
    assert "% of allocated bytes in the profile" in findings[0]["message"]


def test_without_a_profile_both_sites_are_candidates(profiled):
    _, out, _ = leakfix("check", "--format", "json", "--no-cache", "--only", "sync-pool", str(profiled / "render.go"))
    assert sorted(f["line"] for f in json.loads(out)["findings"]) == [11, 19]


def test_a_zero_share_keeps_every_profiled_site_heaviest_first(profiled):
    _, out, _ = leakfix("check", "--no-cache", "--profile", str(profiled / "mem.pprof"), "--profile-share", "0",
                        str(profiled / "render.go"))
    lines = [ln for ln in out.splitlines() if "sync-pool" in ln]
    assert [ln.split(":")[1] for ln in lines] == ["11", "19"]


def test_apply_with_a_profile_rewrites_the_hot_site_only(profiled, tmp_path):
    # another checkout of the same module: the profile's paths match by their last components
    work = tmp_path / "render"
    work.mkdir()
    (work / "go.mod").write_text((profiled / "go.mod").read_text())
    (work / "render.go").write_text(PROGRAM)
    code, _, _ = leakfix("apply", "--no-cache", "--profile", str(profiled / "mem.pprof"), str(work))
    text = (work / "render.go").read_text()
    assert code == 0
    assert "renderBufferPool.Get()" in text and "make([]byte, 2048)" in text
    vet = subprocess.run(["go", "vet", "."], cwd=work, capture_output=True, text=True,
                         env={**os.environ, "GOTOOLCHAIN": "local", "GOWORK": "off"})
    assert vet.returncode == 0, vet.stderr


def test_a_file_that_is_not_a_heap_profile_is_a_usage_error(tmp_path):
    bad = tmp_path / "cpu.pprof"
    bad.write_bytes(b"not a profile")
    code, _, err = leakfix("check", "--profile", str(bad), str(tmp_path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
