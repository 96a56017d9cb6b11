"""Syntax errors: the grammar reads today's Go, and an error spoils only the declaration holding it.

The grammar (grammar/, built into leakfix.engine._go_grammar) parses Go 1.26's `new(expr)` and
calls of a local `make`/`new` while keeping the trees the codemods know for `new(T)`. In a file
that still has a syntax error, the rules read every other declaration: their findings are
reported and fixed, no fix edits a declaration that holds an error, the fixed file keeps exactly
the errors it had, and the warning names what was left unchanged.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leakfix.engine.damage import damage_of, error_signature
from leakfix.engine.fixer import fix_file
from leakfix.engine.model import Context, Edit, Finding, Fix
from leakfix.engine.source import BOM, GoFile, parse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_golden as golden  # noqa: E402  (the golden harness: staging and the in-process CLI)

# --- the grammar --------------------------------------------------------------------------------

GO_126_EXPRESSIONS = [
    "new(1)", "new(f())", "new(x + 1)", "new(secretType(secretValue))", "new(pkg.F(x))",
    'new("text")', "new(-x)", "make(n - 1)", "make(f(x))",
]


def _argument(expr: str):
    """The first argument node of expr, parsed as the right side of an assignment in a function."""
    src = f"package p\n\nfunc g() {{\n\tv := {expr}\n\t_ = v\n}}\n".encode()
    tree = parse(src)
    assert not tree.root_node.has_error, f"{expr}: {tree.root_node}"
    stmt = tree.root_node.children[1].child_by_field_name("body").named_children[0].named_children[0]
    call = stmt.child_by_field_name("right").named_children[0]
    assert call.type == "call_expression"
    return call.child_by_field_name("arguments").named_children[0]


@pytest.mark.parametrize("expr", GO_126_EXPRESSIONS)
def test_go_1_26_new_and_shadowed_make_take_an_expression(expr):
    assert _argument(expr).type not in ("ERROR", "type_identifier")


@pytest.mark.parametrize("expr, node_type", [
    ("new(T)", "type_identifier"), ("new(int)", "type_identifier"), ("new(*T)", "pointer_type"),
    ("new(sync.WaitGroup)", "qualified_type"), ("new(T[int])", "generic_type"),
    ("make([]byte, n)", "slice_type"), ("make(map[string]int)", "map_type"), ("make(chan int, 1)", "channel_type"),
    ("new(struct{})", "struct_type"),
])
def test_a_type_argument_keeps_the_tree_of_the_published_grammar(expr, node_type):
    assert _argument(expr).type == node_type


def _goroot() -> Path | None:
    go = shutil.which("go")
    if go is None:
        return None
    return Path(subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip())


@pytest.mark.parametrize("rel", ["encoding/json/v2/arshal_test.go", "runtime/secret/secret_test.go"])
def test_the_go_1_26_standard_library_files_that_use_them_parse(rel):
    root = _goroot()
    path = root / "src" / rel if root is not None else None
    if path is None or not path.is_file():
        pytest.skip(f"no Go 1.26 standard library here ({rel})")
    assert not parse(path.read_bytes()).root_node.has_error


# --- confinement with a fake rule -------------------------------------------------------------------


class FollowUp:
    """After each `work()` statement, insert `done()` on the next line. Records whether it ever
    saw a tree with an error."""

    id = "follow-up"
    triggers = (b"work",)

    def __init__(self):
        self.saw_error = False
        self.runs = 0

    def run(self, gf, ctx):
        self.runs += 1
        self.saw_error |= gf.root.has_error
        out = []
        for i in _find_all(gf.body, b"work()"):
            node = gf.root.descendant_for_byte_range(i, i + 4)
            if node is None or node.type != "identifier":
                continue
            nl = gf.line_end(i)
            if gf.body[nl + 1:gf.line_end(nl + 1)].strip() == b"done()":
                continue
            at = gf.eol(i)
            out.append(Finding(self.id, i, i + 6, "work needs done", Fix([Edit(at, at, b"\n\tdone()")])))
        return out


class EditAt:
    """One finding at the first `work()`, whose fix inserts text at a given offset."""

    id = "edit-at"
    triggers = (b"work",)

    def __init__(self, at: int, text: bytes = b"x()\n"):
        self.at, self.text = at, text

    def run(self, gf, ctx):
        if self.text in gf.body:
            return []
        i = gf.body.find(b"work()")
        return [Finding(self.id, i, i + 6, "edit", Fix([Edit(self.at, self.at, self.text)]))]


def _find_all(body: bytes, word: bytes) -> list[int]:
    out, i = [], body.find(word)
    while i != -1:
        out.append(i)
        i = body.find(word, i + 1)
    return out


def run(src: str | bytes, *rules):
    raw = src.encode() if isinstance(src, str) else src
    return fix_file("x.go", raw, list(rules), {r.id: Context() for r in rules})


BROKEN_FIRST = """package p

func Broken() {
	work()
	x := (
}

func Good() {
	work()
}
"""


def test_the_other_functions_are_fixed_and_the_broken_one_is_left_unchanged():
    rule = FollowUp()
    res = run(BROKEN_FIRST, rule)
    assert res.new.decode() == BROKEN_FIRST.replace("func Good() {\n\twork()\n", "func Good() {\n\twork()\n\tdone()\n")
    assert [(f.line, f.fixed) for f in res.findings] == [(9, True)]  # none from Broken
    assert res.errors == ["syntax error at 5:2; function Broken left unchanged"]
    assert not rule.saw_error  # the rules read the file with Broken blanked out


def test_the_broken_declaration_keeps_its_bytes_and_the_file_its_errors():
    src = BROKEN_FIRST.replace("func Good", "func (s *S) Method() {\n\twork()\n\tx := 1 +\n}\n\nfunc Good")
    res = run(src, FollowUp())
    assert error_signature(GoFile("x.go", res.new)) == error_signature(GoFile("x.go", src.encode()))
    assert b"func Broken() {\n\twork()\n\tx := (\n}\n" in res.new
    assert b"func (s *S) Method() {\n\twork()\n\tx := 1 +\n}\n" in res.new
    assert res.new.count(b"done()") == 1
    (warning,) = res.errors
    assert warning.startswith("syntax error at ") and warning.endswith("; function Broken and method Method left unchanged")


def test_a_fix_that_would_edit_the_broken_function_is_refused():
    at = BROKEN_FIRST.index("\tx := (")
    res = run(BROKEN_FIRST, EditAt(at))
    assert res.new == res.old
    (f,) = res.findings
    assert not f.fixed and f.reason == "the fix would edit function Broken, which has a syntax error"


def test_an_insertion_at_the_edge_of_the_broken_function_is_not_an_edit_of_it():
    at = BROKEN_FIRST.index("func Broken")
    res = run(BROKEN_FIRST, EditAt(at, b"// A note.\n"))
    assert res.new.decode() == BROKEN_FIRST.replace("func Broken", "// A note.\nfunc Broken")
    assert res.findings[0].fixed


def test_a_fix_that_adds_a_syntax_error_elsewhere_is_refused():
    at = BROKEN_FIRST.index("\twork()\n}\n", BROKEN_FIRST.index("func Good"))
    res = run(BROKEN_FIRST, EditAt(at, b"\t)(\n"))
    assert res.new == res.old
    assert res.findings[0].reason == "the fix would not parse"


def test_code_left_outside_any_declaration_spoils_the_declaration_before_it():
    # the parser may close A at the inner `}`: the code after it and A itself are left out
    src = "package p\n\nfunc A() {\n\tif x {\n\t\twork(\n\t}\n\twork()\n}\n\nfunc B() {\n\twork()\n}\n"
    rule = FollowUp()
    res = run(src, rule)
    assert res.new.decode() == src.replace("func B() {\n\twork()\n", "func B() {\n\twork()\n\tdone()\n")
    assert [f.line for f in res.findings] == [11]
    assert not rule.saw_error


@pytest.mark.parametrize("src", [
    "package p\n\nimport (\n\t\"os\n\nfunc Good() {\n\twork()\n}\n",  # a broken import block
    "packag p\n\nfunc Good() {\n\twork()\n}\n",  # no package clause
])
def test_a_broken_package_clause_or_import_leaves_the_whole_file(src):
    rule = FollowUp()
    res = run(src, rule)
    assert res.new == res.old and res.findings == []
    assert len(res.errors) == 1 and res.errors[0].endswith("; file left unchanged")
    assert rule.runs == 0


@pytest.mark.parametrize("broken, named", [
    ("var (\n\ta = 1 +\n\tb = 2\n)\n", "var block at line 3"),
    ("var a = 1 +\n", "var a"),
    ("const c = 1 +\n", "const c"),
    ("type T struct {\n\tx int +\n}\n", "type T"),
    ("func (s *S) M() {\n\tx := 1 +\n}\n", "method M"),
])
def test_the_warning_names_what_is_left_unchanged(broken, named):
    src = f"package p\n\n{broken}\nfunc G() {{\n\twork()\n}}\n"
    d = damage_of(GoFile("x.go", src.encode()))
    assert d is not None and not d.whole_file
    assert d.warning.endswith(f"; {named} left unchanged")
    assert run(src, FollowUp()).new.count(b"done()") == 1


def test_the_warning_names_four_things_at_most():
    src = "package p\n\n" + "".join(f"func F{i}() {{\n\tx := 1 +\n}}\n\n" for i in range(6)) + "func G() {\n\twork()\n}\n"
    d = damage_of(GoFile("x.go", src.encode()))
    assert d is not None
    assert d.warning == "syntax error at 4:9; function F0, function F1, function F2 and 3 more left unchanged"
    assert run(src, FollowUp()).new.count(b"done()") == 1


def test_crlf_and_bom_survive_in_a_file_with_a_broken_function():
    src = BOM + BROKEN_FIRST.replace("\n", "\r\n").encode()
    res = run(src, FollowUp())
    assert res.new == src.replace(b"func Good() {\r\n\twork()\r\n", b"func Good() {\r\n\twork()\r\n\tdone()\r\n")


def test_suppressions_in_the_broken_function_are_not_reported_unused():
    src = BROKEN_FIRST.replace("\twork()\n\tx := (", "\twork() //leakfix:ignore\n\tx := (")
    res = run(src, FollowUp())
    assert res.unused_suppressions == []


# --- confinement with the real rules on every golden case -------------------------------------------

BROKEN_TAIL = "\nfunc leakfixBrokenTail() {\n\tx := 1 +\n}\n"
SINGLE_FILE_CASES = [c for c in golden.CASES if not list(c.glob("*.input.go"))]


@pytest.mark.parametrize("case", SINGLE_FILE_CASES, ids=golden._case_id)
def test_a_broken_function_added_to_a_golden_case_changes_nothing_else(case, tmp_path):
    """Each golden input with a broken function appended: apply gives the golden output with the
    same broken function appended, and names it in the warning."""
    work = golden.stage(case, tmp_path / "m")
    src = work / "input.go"
    src.write_bytes(src.read_bytes() + BROKEN_TAIL.encode())
    proc = golden.apply(case.parent.name, work)
    assert src.read_bytes() == (case / "expected.go").read_bytes() + BROKEN_TAIL.encode(), golden._describe(proc)
    # a file without any word a rule starts from is not parsed, so it gets no warning
    if (case / "findings.txt").read_text().strip() or b"syntax error" in proc.stderr:
        assert b"function leakfixBrokenTail left unchanged" in proc.stderr, golden._describe(proc)


@pytest.mark.parametrize("opener", ["func sin`k() {}\n", "func a() {\n\t/* open\n}\n"])
def test_a_raw_string_or_comment_left_open_leaves_the_whole_file(opener):
    # for Go the rest of the file is inside the string or the comment
    src = f"package p\n\n{opener}\nfunc Good() {{\n\twork()\n}}\n"
    rule = FollowUp()
    res = run(src, rule)
    assert res.new == res.old and res.errors[0].endswith("; file left unchanged") and rule.runs == 0


def test_the_command_line_fixes_the_leak_beside_a_broken_function(tmp_path):
    leak = ('package main\n\nimport "os"\n\nfunc read() {\n\tf, err := os.Open("x")\n\tif err != nil {\n'
            '\t\treturn\n\t}\n\tf.Stat()\n}\n')
    broken = '\nfunc broken() {\n\tg, _ := os.Open("y")\n\tg.Stat(\n}\n'
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.22\n")
    (tmp_path / "a.go").write_text(leak + broken)
    proc = golden.run_leakfix("apply", "--no-progress", "--only", "defer-close", str(tmp_path), cwd=tmp_path)
    assert (tmp_path / "a.go").read_text() == leak.replace("\t}\n\tf.Stat()", "\t}\n\tdefer f.Close()\n\tf.Stat()") + broken
    assert b"a.go: syntax error at 15:" in proc.stderr and b"; function broken left unchanged" in proc.stderr, proc.stderr
