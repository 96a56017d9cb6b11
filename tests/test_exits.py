"""Statements that end the goroutine when an error is not nil (codemods/exits.py)."""
from __future__ import annotations

import pytest

from leakfix.codemods.exits import guards_error
from leakfix.codemods.resources import Recogniser, load_table
from leakfix.engine import gotree
from leakfix.engine.index import Index
from leakfix.engine.source import GoFile

HELPERS = """package p

import (
	"log"
	"testing"
)

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected: %v", err)
	}
}

func logOnly(err error) {
	if err != nil {
		log.Print(err)
	}
}

func fatalIf(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
"""

CALLS = """package p

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/stretchr/testify/suite"
)

type S struct{ suite.Suite }

func T(t *testing.T, s *S) {
	f, err := os.Open("x")
	require.NoError(t, err)
	require.Nil(t, err)
	require.Error(t, err)
	r := require.New(t)
	r.NoError(err)
	s.Require().NoError(err)
	must(err)
	check(t, err)
	logOnly(err)
	fatalIf(err)
	other(err)
	_ = f
}

func other(error) {}
"""


@pytest.fixture
def statements(tmp_path):
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.22\n")
    (tmp_path / "helpers.go").write_text(HELPERS)
    path = tmp_path / "calls_test.go"
    path.write_text(CALLS)
    gf = GoFile(str(path), CALLS.encode())
    rec = Recogniser(load_table(), gf, gf.imports, Index())
    fn = next(c for c in gf.root.children if c.type == "function_declaration")
    stmts = gotree.statements(fn.child_by_field_name("body"))
    return {gotree.text(s, gf.body): guards_error(s, "err", rec, rec.learnt) for s in stmts[1:-1]
            if s.type == "expression_statement"}


def test_testify_require_and_learnt_helpers_guard_the_error(statements):
    assert statements == {
        "require.NoError(t, err)": True,
        "require.Nil(t, err)": True,
        "require.Error(t, err)": False,
        "r.NoError(err)": True,
        "s.Require().NoError(err)": True,
        "must(err)": True,
        "check(t, err)": True,
        "logOnly(err)": False,
        "fatalIf(err)": True,
        "other(err)": False,
    }


TESTIFY = """package p

import (
	"io"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRead(t *testing.T) {
	f, err := os.Open("x")
	require.NoError(t, err)
	data, err := io.ReadAll(f)
	require.NoError(t, err)
	require.NotEmpty(t, data)
}
"""


def test_a_release_goes_after_require_no_error(tmp_path, capfdbinary, monkeypatch):
    """testify is not needed to analyse the file: `require.NoError(t, err)` is the error check
    (golden cases cannot hold it: they must build without a module download)."""
    from leakfix.app import main

    (tmp_path / "go.mod").write_text("module m\n\ngo 1.22\n\nrequire github.com/stretchr/testify v1.9.0\n")
    (tmp_path / "read_test.go").write_text(TESTIFY)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["diff", "--no-cache", "."])
    out = capfdbinary.readouterr()[0].decode()
    assert " \trequire.NoError(t, err)\n+\tdefer f.Close()\n \tdata, err := io.ReadAll(f)\n" in out, out
