"""The result cache: a warm run reuses results, and nothing stale survives a change.

A file is re-analysed when its bytes, the configuration, the rules, its go.mod's Go version or
leakfix's own code change; `--no-cache` bypasses the cache. An unchanged file is recognised by
its stat signature without being read; any change to the file on disk (even one that keeps its
size and mtime) is seen.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

import leakfix.engine.cache as cache_mod
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


QUIET = """package p

func Add(a, b int) int {
	return a + b
}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    # the files a test writes count as settled, as any file last written 2 s before a run does
    monkeypatch.setattr(cache_mod, "SETTLED_NS", 0)
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
    assert len(check(project, "--skip", "defer-close")["findings"]) == 1
    (project / "a.go").write_text(LEAK.replace("_, err = f.Stat()", "defer f.Close()\n\t_, err = f.Stat()"))
    analysed.clear()
    report = check(project, "--skip", "defer-close")  # rules that read nothing but their file
    assert analysed == [str(project / "a.go")]
    assert [f["rule"] for f in report["findings"]] == ["stop-timer"]
    # defer-close reads the declarations of the whole module (b.go may call a helper of a.go):
    # a change anywhere in the module analyses its files again
    analysed.clear()
    report = check(project)
    assert analysed == [str(project / "a.go"), str(project / "b.go")]
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


@pytest.fixture
def opened(monkeypatch):
    """The paths leakfix opened (read) during one call, in the main process."""
    seen: list[str] = []

    def spying(path, *args, **kwargs):
        seen.append(str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(runner, "open", spying, raising=False)
    monkeypatch.setattr(cache_mod, "open", spying, raising=False)
    return seen


def test_a_warm_run_does_not_read_an_unchanged_file_without_findings(project, analysed, opened):
    (project / "c.go").write_text(QUIET)
    first = check(project)
    assert len(analysed) == 3
    analysed.clear()
    opened.clear()
    assert check(project) == first
    assert analysed == []
    assert str(project / "c.go") not in opened
    assert str(project / "a.go") in opened  # its findings are reported with its bytes at hand


CLOSED = LEAK.replace("\t_, err = f.Stat()", "\tdefer f.Close()\n\t_, err = f.Stat()")
UNCLOSED = CLOSED.replace("defer f.Close()", "// not closed!!")  # the same size, and it leaks


def test_a_file_rewritten_in_place_with_same_size_and_mtime_is_analysed_again(project, analysed):
    c = project / "c.go"
    c.write_text(CLOSED)
    assert len(check(project)["findings"]) == 2
    before = os.stat(c)
    c.write_text(UNCLOSED)
    os.utime(c, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(c)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    analysed.clear()
    report = check(project)
    assert str(c) in analysed  # (so are the module's other files: defer-close reads their declarations)
    assert [(f["path"], f["rule"]) for f in report["findings"]][-1] == (str(c), "defer-close")


def test_a_file_replaced_by_rename_with_same_size_and_mtime_is_analysed_again(project, analysed):
    c = project / "c.go"
    c.write_text(CLOSED)
    assert len(check(project)["findings"]) == 2
    before = os.stat(c)
    new = project / "c.go.tmp"
    new.write_text(UNCLOSED)
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(new, c)
    assert (os.stat(c).st_size, os.stat(c).st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    analysed.clear()
    report = check(project)
    assert str(c) in analysed  # (so are the module's other files: defer-close reads their declarations)
    assert [(f["path"], f["rule"]) for f in report["findings"]][-1] == (str(c), "defer-close")


def test_a_changed_configuration_is_analysed_again_and_files_are_read_once(project, analysed, opened):
    check(project)
    (project / ".leakfix.toml").write_text('[rules]\ndisable = ["defer-close"]\n')
    analysed.clear()
    opened.clear()
    report = check(project)
    assert len(analysed) == 2
    # read once each, to be analysed: the lookup found their digests in the index
    assert sorted(p for p in opened if p.endswith(".go")) == [str(project / "a.go"), str(project / "b.go")]
    assert [f["rule"] for f in report["findings"]] == ["stop-timer"]


def test_a_file_changed_just_before_the_run_is_read_and_hashed_again(project, analysed, opened, monkeypatch):
    monkeypatch.setattr(cache_mod, "SETTLED_NS", 10**12)  # every file counts as just written
    # (without defer-close: the declarations index it reads is keyed by the stat of the module's
    # files, so while one of them is unsettled no result of a rule that reads it is reused)
    first = check(project, "--skip", "defer-close")
    analysed.clear()
    opened.clear()
    assert check(project, "--skip", "defer-close") == first
    assert analysed == []
    assert sorted(p for p in opened if p.endswith(".go")) == [str(project / "a.go"), str(project / "b.go")]


def test_a_signature_is_trusted_only_for_a_file_that_settled_before_it_was_read():
    st = os.stat(__file__)
    assert cache_mod.settled_signature(st, st.st_ctime_ns + cache_mod.SETTLED_NS + 1) == cache_mod.signature(st)
    assert cache_mod.settled_signature(st, st.st_ctime_ns + cache_mod.SETTLED_NS - 1) is None
