"""Adding the imports a fix needs, where gofmt and goimports would put them, never twice.

Every file produced here is checked with the real `gofmt -l`: an added import that leaves the
file unformatted is a bug, however well it parses.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from leakfix.engine.edits import apply
from leakfix.engine.imports import Imports, default_name, is_std
from leakfix.engine.fixer import FileResult, fix_file
from leakfix.engine.model import Context, Edit, Finding, Fix, Import
from leakfix.engine.source import GoFile, count_errors, parse

needs_gofmt = pytest.mark.skipif(shutil.which("gofmt") is None, reason="needs gofmt")


def add(src: str, imp: Import) -> list | str:
    gf = GoFile("x.go", src.encode())
    return Imports(gf.root, gf.body).add(imp)


def added(src: str, imp: Import) -> str:
    """The file with `imp` added (edits applied); fails when add() gave a reason instead."""
    gf = GoFile("x.go", src.encode())
    edits = Imports(gf.root, gf.body).add(imp)
    assert not isinstance(edits, str), edits
    return apply(gf.body, edits).decode()


def assert_gofmt_clean(tmp_path, text: str) -> None:
    path = tmp_path / "out.go"
    path.write_text(text)
    assert count_errors(parse(text.encode()).root_node) == 0, text
    proc = subprocess.run(["gofmt", "-l", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "", f"gofmt would reformat:\n{text}"


STD_BLOCK = """package p

import (
	"fmt"
	"os"
)

func f() { fmt.Println(os.Args) }
"""

STD_AND_THIRD_PARTY = """package p

import (
	"fmt"
	"os"

	"github.com/acme/log"
	"github.com/acme/store"
)

func f() { fmt.Println(os.Args, log.X, store.Y) }
"""

TWO_THIRD_PARTY_GROUPS = """package p

import (
	"os"

	"github.com/acme/log"

	"example.com/internal/a"
	"example.com/internal/c"
)

var _, _, _, _ = os.Args, log.X, a.A, c.C
"""


# --- the standard library group --------------------------------------------------------------


@needs_gofmt
@pytest.mark.parametrize("path, expected_order", [
    ("errors", ["errors", "fmt", "os"]),  # before the first
    ("io", ["fmt", "io", "os"]),  # in the middle
    ("strings", ["fmt", "os", "strings"]),  # after the last
])
def test_a_std_import_goes_into_the_std_group_in_sorted_position(tmp_path, path, expected_order):
    out = added(STD_BLOCK, Import(path))
    assert_gofmt_clean(tmp_path, out)
    block = out.split("import (\n")[1].split(")")[0]
    assert block == "".join(f'\t"{p}"\n' for p in expected_order)


@needs_gofmt
def test_a_std_import_joins_the_std_group_not_the_third_party_one(tmp_path):
    out = added(STD_AND_THIRD_PARTY, Import("io"))
    assert_gofmt_clean(tmp_path, out)
    assert '\t"fmt"\n\t"io"\n\t"os"\n\n\t"github.com/acme/log"\n' in out


@needs_gofmt
def test_a_std_import_starts_a_std_group_before_third_party_only_imports(tmp_path):
    src = 'package p\n\nimport (\n\t"github.com/acme/log"\n)\n\nvar _ = log.X\n'
    out = added(src, Import("io"))
    assert_gofmt_clean(tmp_path, out)
    assert 'import (\n\t"io"\n\n\t"github.com/acme/log"\n)' in out


@needs_gofmt
def test_a_std_import_goes_above_the_comment_of_the_spec_it_precedes(tmp_path):
    src = 'package p\n\nimport (\n\t// fmt prints.\n\t"fmt"\n)\n\nvar _ = fmt.Sprint\n'
    out = added(src, Import("errors"))
    assert_gofmt_clean(tmp_path, out)
    assert 'import (\n\t"errors"\n\t// fmt prints.\n\t"fmt"\n)' in out


# --- third-party imports ---------------------------------------------------------------------


@needs_gofmt
def test_a_third_party_import_goes_into_the_last_non_std_group_sorted(tmp_path):
    out = added(TWO_THIRD_PARTY_GROUPS, Import("example.com/internal/b"))
    assert_gofmt_clean(tmp_path, out)
    assert '\t"example.com/internal/a"\n\t"example.com/internal/b"\n\t"example.com/internal/c"\n' in out
    assert '\t"github.com/acme/log"\n\n' in out  # the first third-party group is untouched


@needs_gofmt
def test_a_third_party_import_goes_to_the_end_of_the_third_party_group(tmp_path):
    out = added(STD_AND_THIRD_PARTY, Import("github.com/zzz/last"))
    assert_gofmt_clean(tmp_path, out)
    assert '\t"github.com/acme/store"\n\t"github.com/zzz/last"\n)' in out


@needs_gofmt
def test_a_third_party_import_starts_a_new_group_after_the_std_one(tmp_path):
    out = added(STD_BLOCK, Import("example.com/closeutil"))
    assert_gofmt_clean(tmp_path, out)
    assert 'import (\n\t"fmt"\n\t"os"\n\n\t"example.com/closeutil"\n)' in out


@needs_gofmt
def test_an_import_with_a_name_other_than_the_default_is_written_with_that_alias(tmp_path):
    out = added(STD_BLOCK, Import("net/http", "nethttp"))
    assert_gofmt_clean(tmp_path, out)
    assert '\t"fmt"\n\tnethttp "net/http"\n\t"os"\n' in out


@needs_gofmt
def test_an_explicit_name_equal_to_the_default_is_not_written_as_an_alias(tmp_path):
    out = added(STD_BLOCK, Import("gopkg.in/yaml.v3", "yaml"))
    assert_gofmt_clean(tmp_path, out)
    assert '\n\t"gopkg.in/yaml.v3"\n' in out


# --- files without an import block ----------------------------------------------------------


@needs_gofmt
@pytest.mark.parametrize("path", ["io", "example.com/closeutil"])
def test_a_single_line_import_gets_a_second_declaration_after_it(tmp_path, path):
    src = 'package p\n\nimport "fmt" // printing\n\nfunc f() { fmt.Println() }\n'
    out = added(src, Import(path))
    assert_gofmt_clean(tmp_path, out)
    assert out.startswith(f'package p\n\nimport "fmt" // printing\nimport "{path}"\n\nfunc f()')


@needs_gofmt
@pytest.mark.parametrize("src", [
    "package p\n\nfunc f() {}\n",
    "// Package p does things.\npackage p // trailing comment\n\n// F is documented.\nfunc f() {}\n",
])
def test_a_file_without_imports_gets_one_after_the_package_clause(tmp_path, src):
    out = added(src, Import("io"))
    assert_gofmt_clean(tmp_path, out)
    head, tail = src.split("\n\n", 1)
    assert out == f'{head}\n\nimport "io"\n\n{tail}'


@needs_gofmt
def test_the_first_parenthesised_block_is_used_after_an_import_c_declaration(tmp_path):
    src = 'package p\n\n// #include <stdio.h>\nimport "C"\n\nimport (\n\t"fmt"\n)\n\nvar _ = fmt.Sprint\n'
    out = added(src, Import("io"))
    assert_gofmt_clean(tmp_path, out)
    assert 'import (\n\t"fmt"\n\t"io"\n)' in out


@needs_gofmt
def test_an_empty_import_block_stays_gofmt_clean(tmp_path):
    out = added("package p\n\nimport ()\n\nfunc f() {}\n", Import("io"))
    assert_gofmt_clean(tmp_path, out)


# --- nothing to add, or cannot add ------------------------------------------------------------


@pytest.mark.parametrize("src", [STD_BLOCK, 'package p\n\nimport "os"\n\nvar _ = os.Args\n'])
def test_an_import_already_there_adds_nothing(src):
    assert add(src, Import("os")) == []
    assert add(src, Import("os", "os")) == []


def test_an_alias_already_present_gives_a_reason_not_a_duplicate():
    src = 'package p\n\nimport h "net/http"\n\nvar _ = h.Get\n'
    reason = add(src, Import("net/http"))
    assert isinstance(reason, str)
    assert "net/http" in reason and "h" in reason
    assert add(src, Import("net/http", "h")) == []  # the fix uses the alias: nothing to do


def test_a_name_taken_by_another_path_gives_a_reason():
    src = 'package p\n\nimport yaml "gopkg.in/yaml.v2"\n\nvar _ = yaml.Marshal\n'
    reason = add(src, Import("gopkg.in/yaml.v3"))
    assert isinstance(reason, str) and "gopkg.in/yaml.v2" in reason


@pytest.mark.parametrize("decl", ["func sync() {}", "var sync = 1", "const (\n\ta    = 1\n\tsync = 2\n)",
                                  "type sync struct{}", "var (\n\tother, sync int\n)"])
def test_a_name_the_file_declares_at_package_level_gives_a_reason(decl):
    """An import named like a package-level declaration would not compile (found by the grammar
    fuzzer: sync-pool imported "sync" into a file with its own func sync)."""
    src = f'package p\n\nimport "bytes"\n\n{decl}\n\nvar _ = bytes.MinRead\n'
    reason = add(src, Import("sync"))
    assert isinstance(reason, str) and "sync" in reason


def test_a_method_or_a_local_named_like_the_import_does_not_block_it():
    src = 'package p\n\nimport "bytes"\n\ntype T struct{}\n\nfunc (T) sync() {\n\tsync := 1\n\t_ = sync\n}\n\nvar _ = bytes.MinRead\n'
    assert isinstance(add(src, Import("sync")), list)


def test_adding_twice_never_duplicates():
    """Applying an add and then asking again for the same import gives no more edits."""
    once = added(STD_BLOCK, Import("io"))
    assert add(once, Import("io")) == []
    assert once.count('"io"') == 1


# --- names ----------------------------------------------------------------------------------


def test_path_of_resolves_aliases_default_names_and_nothing_else():
    src = ('package p\n\nimport (\n\t"fmt"\n\th "net/http"\n\t_ "embed"\n\n'
           '\t"github.com/x/go-foo/v2"\n\t"gopkg.in/yaml.v3"\n)\n')
    gf = GoFile("x.go", src.encode())
    table = Imports(gf.root, gf.body)
    assert table.path_of("fmt") == "fmt"
    assert table.path_of("h") == "net/http"
    assert table.path_of("http") is None  # shadowed by the alias
    assert table.path_of("foo") == "github.com/x/go-foo/v2"
    assert table.path_of("yaml") == "gopkg.in/yaml.v3"
    assert table.path_of("os") is None
    assert table.name_of("net/http") == "h"
    assert table.name_of("embed") is None  # a blank import gives no usable name


@pytest.mark.parametrize("path, name", [
    ("fmt", "fmt"),
    ("net/http", "http"),
    ("gopkg.in/yaml.v3", "yaml"),
    ("github.com/x/go-foo/v2", "foo"),
    ("github.com/x/go-foo", "foo"),
    ("github.com/jackc/pgx/v5", "pgx"),
])
def test_default_name(path, name):
    assert default_name(path) == name


def test_default_name_cuts_at_the_first_non_identifier_character_like_goimports():
    assert default_name("example.com/bar-baz") == "bar"


def test_is_std():
    assert is_std("net/http") and is_std("fmt")
    assert not is_std("example.com/x") and not is_std("golang.org/x/sync/errgroup")


# --- the fixer adds the imports fixes need ---------------------------------------------------------


class NoteAfterWork:
    """After each `work()` statement, insert `closeutil.Note()`, which needs example.com/closeutil."""

    id = "note"
    triggers = (b"work",)

    def __init__(self, imp: Import = Import("example.com/closeutil")):
        self.imp = imp

    def run(self, gf, ctx):
        out, stack = [], [gf.root]
        while stack:
            node = stack.pop()
            stack.extend(reversed(node.children))
            if node.type != "call_expression" or gf.text(node.child_by_field_name("function")) != "work":
                continue
            nl = gf.line_end(node.end_byte)
            if b"closeutil.Note()" in gf.body[nl:gf.line_end(nl + 1)]:
                continue
            at = nl - 1 if gf.body[nl - 1:nl] == b"\r" else nl
            out.append(Finding(self.id, node.start_byte, node.end_byte, "work needs a note",
                               Fix([Edit(at, at, b"\n\tcloseutil.Note()")], [self.imp])))
        return out


def fix(src: bytes, rule) -> FileResult:
    return fix_file("x.go", src, [rule], {rule.id: Context()})


TWO_WORKS = b'package p\n\nimport (\n\t"fmt"\n)\n\nfunc f() {\n\twork()\n\tfmt.Println()\n\twork()\n}\n'


@needs_gofmt
def test_the_fixer_adds_an_import_needed_by_two_fixes_once(tmp_path):
    res = fix(TWO_WORKS, NoteAfterWork())
    out = res.new.decode()
    assert out.count('"example.com/closeutil"') == 1
    assert 'import (\n\t"fmt"\n\n\t"example.com/closeutil"\n)' in out
    assert out.count("closeutil.Note()") == 2
    assert [f.fixed for f in res.findings] == [True, True]
    assert_gofmt_clean(tmp_path, out)


@needs_gofmt
def test_the_fixer_adds_an_import_to_a_file_without_imports(tmp_path):
    res = fix(b"package p\n\nfunc f() {\n\twork()\n}\n", NoteAfterWork())
    assert res.new == b'package p\n\nimport "example.com/closeutil"\n\nfunc f() {\n\twork()\n\tcloseutil.Note()\n}\n'
    assert_gofmt_clean(tmp_path, res.new.decode())


def test_the_fixer_writes_added_import_lines_with_crlf():
    res = fix(TWO_WORKS.replace(b"\n", b"\r\n"), NoteAfterWork())
    assert b'\t"fmt"\r\n\r\n\t"example.com/closeutil"\r\n)' in res.new
    assert b"\n" not in res.new.replace(b"\r\n", b"")
    assert res.new.replace(b"\r\n", b"\n") == fix(TWO_WORKS, NoteAfterWork()).new


def test_the_fixer_refuses_a_fix_whose_import_name_is_taken_and_leaves_the_file_alone():
    src = b'package p\n\nimport closeutil "example.com/other"\n\nfunc f() {\n\twork()\n\tcloseutil.X()\n}\n'
    res = fix(src, NoteAfterWork())
    assert res.new == src
    (f,) = res.findings
    assert not f.fixed and not f.fixable and f.reason


def test_a_fix_refused_for_its_import_says_why():
    src = b'package p\n\nimport closeutil "example.com/other"\n\nfunc f() {\n\twork()\n\tcloseutil.X()\n}\n'
    (f,) = fix(src, NoteAfterWork()).findings
    assert "example.com/other" in f.reason
