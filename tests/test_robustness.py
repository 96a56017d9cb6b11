"""Bad input and interruptions: --strict, the size limit, SIGTERM during apply."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

LEAK = """package p

import "os"

func F{n}(p string) error {{
	f, err := os.Open(p)
	if err != nil {{
		return err
	}}
	_, err = f.Stat()
	return err
}}
"""


def leakfix(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("leakfix")
    cmd = [str(exe)] if exe.exists() else ([shutil.which("leakfix")] if shutil.which("leakfix") else
                                           [sys.executable, "-m", "leakfix"])
    return subprocess.run([*cmd, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "LEAKFIX_NO_CACHE": "1"})


def test_strict_turns_a_skipped_file_into_exit_2_after_the_output(tmp_path):
    (tmp_path / "good.go").write_text(LEAK.format(n=1))
    (tmp_path / "bad.go").write_text("package p\n\nfunc ( {\n\tos.Open(\n")
    plain = leakfix("check", "--no-progress", ".", cwd=tmp_path)
    strict = leakfix("check", "--no-progress", "--strict", ".", cwd=tmp_path)
    assert plain.returncode == 1
    assert strict.returncode == 2
    assert "good.go:6:12" in strict.stdout  # the findings are still printed
    assert "bad.go" in strict.stderr and "Traceback" not in strict.stderr


def test_files_above_the_configured_size_are_skipped_with_a_warning(tmp_path):
    (tmp_path / "small.go").write_text(LEAK.format(n=1))
    (tmp_path / "big.go").write_text(LEAK.format(n=2) + "// " + "x" * 5000 + "\n")
    (tmp_path / ".leakfix.toml").write_text("[files]\nmax-bytes = 2000\n")
    proc = leakfix("check", "--no-progress", ".", cwd=tmp_path)
    assert "small.go" in proc.stdout and "big.go" not in proc.stdout
    assert "big.go: larger than 2000 bytes; skipped" in proc.stderr


def test_sigterm_during_apply_leaves_every_file_whole(tmp_path):
    originals = {}
    for i in range(400):
        path = tmp_path / f"f{i:03}.go"
        path.write_text(LEAK.format(n=i))
        originals[path] = path.read_text()
    exe = Path(sys.executable).with_name("leakfix")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "leakfix"]
    proc = subprocess.Popen([*cmd, "apply", "--no-progress", "--jobs", "1", "."], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "LEAKFIX_NO_CACHE": "1"})
    time.sleep(0.8)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in (143, 0, 1), err
    fixed = 0
    for path, before in originals.items():
        text = path.read_text()
        if text != before:
            assert "defer f.Close()" in text and text.count("defer f.Close()") == 1
            fixed += 1
    assert not list(tmp_path.glob(".leakfix-*")), "a temporary file was left behind"
    if proc.returncode == 143:
        assert "terminated" in err
