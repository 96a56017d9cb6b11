"""The result cache: a warm run reuses results, and nothing stale survives a change.

A file is re-analysed when its bytes, the configuration, the rules, its go.mod's Go version or
leakfix's own code change; `--no-cache` bypasses the cache.
"""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

import leakfix.engine.runner as runner
from leakfix.app import main

LEAK = """package p

import "os"

func Read(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	_, err = f.Stat()
	return err
}
"""

TICKER = """package p

import "time"

func Wait() {
	t := time.NewTicker(time.Second)
	<-t.C
}
"""


@pytest.fixture
def analysed(monkeypatch):
    """The paths the workers analysed during one leakfix call (cache misses)."""
    seen: list[str] = []
    real = runner.process

    def counting(path):
        seen.append(path)
        return real(path)

    monkeypatch.setattr(runner, "process", counting)
    return seen


def check(path: Path, *extra: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        with pytest.raises(SystemExit):
            main(["check", "--format", "json", "--jobs", "1", *extra, str(path)])
    return json.loads(out.getvalue())


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAKFIX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LEAKFIX_NO_CACHE", raising=False)
    root = tmp_path / "proj"
    root.mkdir()
    (root / "go.mod").write_text("module p\n\ngo 1.22\n")
    (root / "a.go").write_text(LEAK)
    (root / "b.go").write_text(TICKER)
    return root


def test_a_warm_run_analyses_nothing_and_reports_the_same(project, analysed):
    first = check(project)
    assert len(analysed) == 2
    analysed.clear()
    assert check(project) == first
    assert analysed == []


def test_a_changed_file_is_analysed_again(project, analysed):
    assert len(check(project)["findings"]) == 2
    (project / "a.go").write_text(LEAK.replace("_, err = f.Stat()", "defer f.Close()\n\t_, err = f.Stat()"))
    analysed.clear()
    report = check(project)
    assert analysed == [str(project / "a.go")]
    assert [f["rule"] for f in report["findings"]] == ["stop-timer"]


def test_a_changed_configuration_is_analysed_again(project, analysed):
    assert len(check(project)["findings"]) == 2
    (project / ".leakfix.toml").write_text('[rules]\ndisable = ["stop-timer"]\n')
    analysed.clear()
    report = check(project)
    assert len(analysed) == 2
    assert [f["rule"] for f in report["findings"]] == ["defer-close"]


def test_other_rules_do_not_share_entries(project, analysed):
    check(project)
    analysed.clear()
    report = check(project, "--only", "stop-timer")
    assert len(analysed) == 2
    assert [f["rule"] for f in report["findings"]] == ["stop-timer"]


def test_a_changed_go_version_is_analysed_again(project, analysed):
    assert any(f["rule"] == "stop-timer" for f in check(project)["findings"])
    (project / "go.mod").write_text("module p\n\ngo 1.23\n")
    analysed.clear()
    report = check(project)
    assert len(analysed) == 2
    assert not any(f["rule"] == "stop-timer" for f in report["findings"])


def test_no_cache_analyses_everything(project, analysed):
    check(project)
    analysed.clear()
    check(project, "--no-cache")
    assert len(analysed) == 2


def test_a_damaged_cache_is_a_miss_not_an_error(project, analysed, tmp_path):
    first = check(project)
    db = next((tmp_path / "cache").glob("*.sqlite"))
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("UPDATE results SET value = x'00'")
    con.commit()
    con.close()
    analysed.clear()
    assert check(project) == first
    assert len(analysed) == 2
