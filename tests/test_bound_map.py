"""bound-map decides over a whole package: what happens when only part of it is in a run, and
the result cache, which must treat a file as changed when another file of its package changes.

(What the rule rewrites and reports is specified by golden/bound-map/.)
"""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from leakfix.app import main

DECL = """package cache

import "sync"

var mu sync.Mutex

var sizes = make(map[string]int)
"""

STORE = """package cache

// Size memoises len(s) per string.
func Size(s string) int {
	mu.Lock()
	defer mu.Unlock()
	if n, ok := sizes[s]; ok {
		return n
	}
	n := len(s)
	sizes[s] = n
	return n
}
"""

PRUNE = """package cache

// Forget drops s.
func Forget(s string) {
	mu.Lock()
	delete(sizes, s)
	mu.Unlock()
}
"""


def leakfix(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
    return code, out.getvalue()


def findings(*paths: Path, cache: bool = False) -> list[tuple[str, int, bool, str]]:
    _, out = leakfix("check", "--format", "json", "--only", "bound-map", "--jobs", "1",
                     *([] if cache else ["--no-cache"]), *map(str, paths))
    return [(Path(f["path"]).name, f["line"], f["fixable"], f"{f['message']} (not fixed: {f['reason']})" if f["reason"]
             else f["message"]) for f in json.loads(out)["findings"]]


@pytest.fixture
def package(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module cache\n\ngo 1.22\n")
    (tmp_path / "decl.go").write_text(DECL)
    (tmp_path / "store.go").write_text(STORE)
    return tmp_path


def test_the_whole_package_is_fixed_together(package: Path) -> None:
    code, _ = leakfix("apply", "--only", "bound-map", "--no-cache", str(package))
    assert code == 0
    assert "const sizesMaxEntries = 65536" in (package / "decl.go").read_text()
    assert "len(sizes) >= sizesMaxEntries" in (package / "store.go").read_text()


def test_only_the_declaring_file_in_the_run_reports_and_changes_nothing(package: Path) -> None:
    found = findings(package / "decl.go")
    assert [(f[0], f[2]) for f in found] == [("decl.go", False)]
    assert "store.go must be fixed in the same run" in found[0][3]
    leakfix("apply", "--only", "bound-map", "--no-cache", str(package / "decl.go"))
    assert (package / "decl.go").read_text() == DECL


def test_only_a_writing_file_in_the_run_changes_nothing(package: Path) -> None:
    # the bound constant would be declared in decl.go: a write bounded alone would not compile
    assert findings(package / "store.go") == []
    leakfix("apply", "--only", "bound-map", "--no-cache", str(package / "store.go"))
    assert (package / "store.go").read_text() == STORE


def test_a_file_of_the_package_that_changes_invalidates_the_others(package: Path, tmp_path: Path,
                                                                      monkeypatch) -> None:
    monkeypatch.setenv("LEAKFIX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LEAKFIX_NO_CACHE", raising=False)
    assert {f[0] for f in findings(package, cache=True)} == {"decl.go", "store.go"}
    assert {f[0] for f in findings(package, cache=True)} == {"decl.go", "store.go"}  # warm
    (package / "prune.go").write_text(PRUNE)  # decl.go and store.go are unchanged
    assert findings(package, cache=True) == []


def test_the_run_set_is_part_of_the_cache_key(package: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LEAKFIX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LEAKFIX_NO_CACHE", raising=False)
    assert [f[2] for f in findings(package, cache=True) if f[0] == "decl.go"] == [True]
    assert [f[2] for f in findings(package / "decl.go", cache=True)] == [False]


def test_explain_justifies_the_eviction_policy() -> None:
    code, out = leakfix("explain", "bound-map")
    assert code == 0
    assert "golang/go#20135" in out and "starts over" in out and "critical section" in out


SERVER = """package cache

import "sync"

type server struct {
	cache sync.Map
}

var srv = &server{}
"""

LOOKUP = """package cache

import "strings"

// Lookup memoises strings.ToLower per key on the package's server.
func Lookup(k string) string {
	if v, ok := srv.cache.Load(k); ok {
		return v.(string)
	}
	v, _ := srv.cache.LoadOrStore(k, strings.ToLower(k))
	return v.(string)
}
"""


@pytest.fixture
def field_package(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module cache\n\ngo 1.22\n")
    (tmp_path / "server.go").write_text(SERVER)
    (tmp_path / "lookup.go").write_text(LOOKUP)
    return tmp_path


def test_a_sync_map_field_declared_in_one_file_is_bounded_with_its_stores_in_another(field_package: Path) -> None:
    code, _ = leakfix("apply", "--only", "bound-map", "--no-cache", str(field_package))
    assert code == 0
    server, lookup = (field_package / "server.go").read_text(), (field_package / "lookup.go").read_text()
    assert "const serverCacheMaxEntries = 65536" in server and "cacheStores atomic.Int64" in server
    assert "srv.cacheStores.Add(1) > serverCacheMaxEntries" in lookup and "srv.cache.Range(" in lookup


def test_a_sync_map_field_with_its_stores_outside_the_run_is_reported(field_package: Path) -> None:
    found = findings(field_package / "server.go")
    assert [(f[0], f[2]) for f in found] == [("server.go", False)]
    assert "lookup.go must be fixed in the same run" in found[0][3]


def test_the_go_line_picks_how_a_sync_map_starts_over_cold_and_warm(field_package: Path, tmp_path: Path,
                                                                     monkeypatch) -> None:
    # Clear from Go 1.23, Range + Delete below: go.mod is an input of the rule, so a cached
    # result made under one go line is not reused under another
    monkeypatch.setenv("LEAKFIX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LEAKFIX_NO_CACHE", raising=False)

    def how() -> list[str]:
        return [f[3].rsplit("start over: ", 1)[-1] for f in findings(field_package, cache=True) if f[0] == "lookup.go"]

    below = ["delete every key (Clear needs Go 1.23)"]
    assert how() == below and how() == below  # cold, warm
    (field_package / "go.mod").write_text("module cache\n\ngo 1.23\n")
    assert how() == ["Clear"]
    assert how() == ["Clear"]
    assert findings(field_package) == findings(field_package, cache=True)
