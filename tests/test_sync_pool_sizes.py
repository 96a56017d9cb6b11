"""sync-pool on `make([]byte, n)` with a size known only at run time (codecs and framed reads):
pooled only when a heap profile says the site matters, since the min-bytes threshold cannot be
checked; the pooled buffer is grown to n when short, cut to length and capacity n (as make gives),
cleared, and not put back when above max-bytes."""
from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from leakfix.app import main

PROGRAM = """package frame

import "io"

// ReadFrame reads one frame of n bytes: called for every message.
func ReadFrame(r io.Reader, n int) (string, error) {
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", err
	}
	return string(buf), nil
}

// Keep returns its buffer: it must stay as it is.
func Keep(r io.Reader, n int) ([]byte, error) {
	buf := make([]byte, n)
	_, err := io.ReadFull(r, buf)
	return buf, err
}
"""

TEST = """package frame

import (
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	for i := 0; i < 3000; i++ {
		n := 100 + i%50
		if _, err := ReadFrame(strings.NewReader(strings.Repeat("x", n)), n); err != nil {
			t.Fatal(err)
		}
		if _, err := Keep(strings.NewReader(strings.Repeat("y", n)), n); err != nil {
			t.Fatal(err)
		}
	}
}
"""

CHECK = """package frame

import (
	"strings"
	"testing"
)

// Sizes that shrink, grow past max-bytes and come back: every frame reads exactly its bytes,
// and a short read leaves no bytes of an earlier, longer frame behind.
func TestFrames(t *testing.T) {
	for _, n := range []int{0, 5, 300, 3, 100000, 7, 1 << 17, 2} {
		want := strings.Repeat(string(rune('a'+n%26)), n)
		got, err := ReadFrame(strings.NewReader(want), n)
		if err != nil || got != want {
			t.Fatalf("n=%d: got %d bytes, err %v", n, len(got), err)
		}
	}
	if _, err := ReadFrame(strings.NewReader("ab"), 4); err == nil {
		t.Fatal("a short frame must fail")
	}
}
"""

GO_ENV = {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "GOWORK": "off"}


def leakfix(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        with pytest.raises(SystemExit) as exc:
            main(list(args))
    return exc.value.code, out.getvalue()


@pytest.fixture(scope="module")
def profiled(tmp_path_factory) -> Path:
    mod = tmp_path_factory.mktemp("frame", numbered=False)
    (mod / "go.mod").write_text("module example.com/frame\n\ngo 1.22\n")
    (mod / "frame.go").write_text(PROGRAM)
    (mod / "frame_test.go").write_text(TEST)
    subprocess.run(["go", "test", "-run", "TestLoad", "-memprofile", "mem.pprof", "-memprofilerate", "1", "."],
                   cwd=mod, env=GO_ENV, check=True, capture_output=True, timeout=300)
    (mod / "frame_test.go").unlink()
    return mod


def test_without_a_profile_a_size_known_at_run_time_is_not_a_candidate(profiled):
    _, out = leakfix("check", "--format", "json", "--no-cache", "--only", "sync-pool", str(profiled / "frame.go"))
    assert json.loads(out)["findings"] == []


def test_with_a_profile_the_frame_buffer_is_pooled_and_the_kept_one_reported(profiled):
    _, out = leakfix("check", "--format", "json", "--no-cache", "--profile", str(profiled / "mem.pprof"),
                     "--profile-share", "0", str(profiled / "frame.go"))
    found = {f["line"]: f for f in json.loads(out)["findings"] if f["rule"] == "sync-pool"}
    assert sorted(found) == [7, 16]
    assert found[7]["fixable"] and not found[16]["fixable"]
    assert "returned" in found[16]["reason"]


def test_the_pooled_frame_buffer_reads_every_size_right(profiled, tmp_path):
    work = tmp_path / "frame"
    work.mkdir()
    (work / "go.mod").write_text((profiled / "go.mod").read_text())
    (work / "frame.go").write_text(PROGRAM)
    code, _ = leakfix("apply", "--no-cache", "--profile", str(profiled / "mem.pprof"), "--profile-share", "0",
                      str(work))
    text = (work / "frame.go").read_text()
    assert code == 1  # Keep's buffer is returned: it remains, reported
    assert "buf := (*bufp)[:n:n]" in text and "cap(*bufp) <= 64<<10" in text and "clear(buf)" in text
    assert "return buf, err" in text and text.count("make([]byte, n)") == 2  # Keep and the grow
    (work / "frame_test.go").write_text(CHECK)
    gofmt = subprocess.run(["gofmt", "-l", "."], cwd=work, capture_output=True, text=True)
    assert gofmt.stdout == ""
    for cmd in (["go", "vet", "."], ["go", "test", "-count=1", "-run", "TestFrames", "."]):
        run = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env=GO_ENV, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr
