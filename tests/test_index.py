"""The declarations index (engine/index.py) and the constructors defer-close learns from it
(codemods/constructors.py) across packages: the module's own packages, vendor/, the module
cache (a fake GOMODCACHE laid out like the go tool's), local replacements; and the cache follows
a change in another package of the module."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from leakfix.app import main
from leakfix.engine import index as ix

LEAKY = """package main

import (
	"fmt"

	"{imp}"
)

func use(p string) error {{
	s, err := {pkg}.{fn}(p)
	if err != nil {{
		return err
	}}
	fmt.Println(s)
	return nil
}}

func main() {{}}
"""

STORE = """package {name}

import "os"

type Store struct{{ f *os.File }}

func (s *Store) Close() error {{ return s.f.Close() }}

func OpenStore(p string) (*Store, error) {{
	f, err := os.Open(p)
	if err != nil {{
		return nil, err
	}}
	return &Store{{f: f}}, nil
}}

func OpenEmpty(p string) (*Store, error) {{ return &Store{{}}, nil }}
"""


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture(autouse=True)
def fresh_index():
    ix.forget()
    yield
    ix.forget()


def check(capfd, *args) -> list[dict]:
    with pytest.raises(SystemExit):
        main(["check", "--format", "json", *args])
    out, _ = capfd.readouterr()
    return json.loads(out)["findings"]


def test_a_constructor_of_another_package_of_the_module(tmp_path, capfd, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "go.mod", "module example.com/app\n\ngo 1.22\n")
    write(tmp_path, "store/store.go", STORE.format(name="store"))
    write(tmp_path, "main.go", LEAKY.format(imp="example.com/app/store", pkg="store", fn="OpenStore"))
    (f,) = check(capfd, "main.go")
    assert f["message"] == "*store.Store from store.OpenStore is never released" and f["applicability"] == "default"


def test_a_constructor_that_acquires_nothing_is_fixed_only_on_request(tmp_path, capfd, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "go.mod", "module example.com/app\n\ngo 1.22\n")
    write(tmp_path, "store/store.go", STORE.format(name="store"))
    write(tmp_path, "main.go", LEAKY.format(imp="example.com/app/store", pkg="store", fn="OpenEmpty"))
    (f,) = check(capfd, "main.go")
    assert f["applicability"] == "on-request" and "acquires nothing leakfix knows" in f["reason"]


def test_a_dependency_from_the_module_cache(tmp_path, capfd, monkeypatch):
    cache = tmp_path / "modcache"
    write(cache, "github.com/!acme/kv@v1.2.3/kv.go", STORE.format(name="kv"))
    monkeypatch.setenv("GOMODCACHE", str(cache))
    app = tmp_path / "app"
    write(app, "go.mod", "module example.com/app\n\ngo 1.22\n\nrequire github.com/Acme/kv v1.2.3\n")
    write(app, "main.go", LEAKY.format(imp="github.com/Acme/kv", pkg="kv", fn="OpenStore"))
    monkeypatch.chdir(app)
    (f,) = check(capfd, "main.go")
    assert f["message"] == "*kv.Store from kv.OpenStore is never released"


def test_a_vendored_dependency_and_a_local_replacement(tmp_path, capfd, monkeypatch):
    monkeypatch.setenv("GOMODCACHE", str(tmp_path / "empty"))
    app = tmp_path / "app"
    write(app, "go.mod", "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/kv v1.0.0\n"
                         "\texample.com/db v1.0.0\n)\n\nreplace example.com/db => ../db\n")
    write(app, "vendor/modules.txt", "# example.com/kv v1.0.0\nexample.com/kv\n")
    write(app, "vendor/example.com/kv/kv.go", STORE.format(name="kv"))
    write(tmp_path, "db/db.go", STORE.format(name="db"))
    write(app, "a.go", LEAKY.format(imp="example.com/kv", pkg="kv", fn="OpenStore").replace("func main() {}\n", ""))
    write(app, "b.go", LEAKY.format(imp="example.com/db", pkg="db", fn="OpenStore").replace("func use(", "func use2("))
    monkeypatch.chdir(app)
    found = check(capfd, "a.go", "b.go")
    assert sorted(f["message"] for f in found) == ["*db.Store from db.OpenStore is never released",
                                                   "*kv.Store from kv.OpenStore is never released"]


def test_a_dependency_that_is_not_there_is_skipped_quietly(tmp_path, capfd, monkeypatch):
    monkeypatch.setenv("GOMODCACHE", str(tmp_path / "empty"))
    write(tmp_path, "go.mod", "module example.com/app\n\ngo 1.22\n\nrequire github.com/acme/kv v1.2.3\n")
    write(tmp_path, "main.go", LEAKY.format(imp="github.com/acme/kv", pkg="kv", fn="OpenStore"))
    monkeypatch.chdir(tmp_path)
    assert check(capfd, "main.go") == []


def test_the_cache_follows_a_change_in_another_package(tmp_path, capfd, monkeypatch):
    """A warm run gives what a cold run gives after the other package's constructor changed."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LEAKFIX_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path, "go.mod", "module example.com/app\n\ngo 1.22\n")
    write(tmp_path, "store/store.go", STORE.format(name="store"))
    write(tmp_path, "main.go", LEAKY.format(imp="example.com/app/store", pkg="store", fn="OpenStore"))
    for name in ("go.mod", "main.go", "store/store.go"):  # settled files: their fingerprint is kept
        os.utime(tmp_path / name, ns=(10**18, 10**18))
    assert len(check(capfd, "main.go")) == 1
    from leakfix.engine import runner

    calls = []
    real = runner._analyse
    monkeypatch.setattr(runner, "_analyse", lambda files, *a: calls.append(files) or real(files, *a))
    assert len(check(capfd, "main.go")) == 1
    assert calls == [[]]  # the second run analysed nothing: the result came from the cache
    write(tmp_path, "store/store.go", STORE.format(name="store").replace("(*Store, error)", "(string, error)")
          .replace("return nil, err", 'return "", err').replace("return &Store{f: f}, nil", 'return "", f.Close()')
          .replace("return &Store{}, nil", 'return "", nil'))
    os.utime(tmp_path / "store/store.go", ns=(10**18 + 1, 10**18 + 1))
    assert check(capfd, "main.go") == []
    assert calls[-1] == ["main.go"]  # analysed again


def test_result_types_and_method_sets_are_read_from_declarations(tmp_path):
    write(tmp_path, "go.mod", "module m\n\ngo 1.22\n")
    write(tmp_path, "p/p.go", """package p

import (
	"io"
	sq "database/sql"
)

type (
	Named struct {
		io.ReadCloser
		db, other *sq.DB
	}
	Iface interface {
		io.Closer
		Rows(q string) (*sq.Rows, error)
	}
)

func Make() (n *Named, err error) { return nil, nil }

var dial func(addr string) (io.ReadWriteCloser, error)
""")
    index = ix.Index()
    pkg = index.package("m/p", str(tmp_path))
    assert [str(t) for t in index.results_of_func(pkg, "Make")] == ["*p.Named", "error"]
    assert [str(t) for t in index.results_of_func(pkg, "dial")] == ["io.ReadWriteCloser", "error"]
    named = ix.TypeRef("m/p", "Named")
    assert {"Close", "Read"} <= index.method_set(named, str(tmp_path))
    assert str(index.field_type(named, "other", str(tmp_path))) == "*sql.DB"
    iface = ix.TypeRef("m/p", "Iface")
    assert [str(t) for t in index.method_results(iface, "Rows", str(tmp_path))] == ["*sql.Rows", "error"]
    assert "Close" in index.method_set(iface, str(tmp_path))
