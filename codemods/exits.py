"""Statements that end the goroutine when an error is not nil, besides `if err != nil { return }`.

Tests and tools check errors with helpers that never return on failure:
- testify's `require` package: `require.NoError(t, err)`, `require.Nil(t, err)` (and their `f`
  forms), also through `r := require.New(t); r.NoError(err)` and a suite's
  `s.Require().NoError(err)`; they call `t.FailNow`, which ends the goroutine like `return`;
- the module's own helpers, learnt from the declarations index: a function whose body is, after
  an optional `t.Helper()`, `if p != nil { ... }` ending in `panic`, `os.Exit`, `log.Fatal*`,
  `t.Fatal*`/`t.FailNow` (`must(err)`, `check(t, err)`, `ok(t, err)`).
After such a statement the error is nil on every path that goes on: a value acquired with it is
valid there, and its release goes right after the guard.
"""
from __future__ import annotations

import re

from tree_sitter import Node

from leakfix.engine import gotree

REQUIRE = "github.com/stretchr/testify/require"
GUARDS = frozenset({"NoError", "NoErrorf", "Nil", "Nilf"})
_HELPER = re.compile(r"^\{\s*(?:\w+\.Helper\(\)\s*)?if\s+(\w+)\s*!=\s*nil\s*\{(?P<branch>.*)\}\s*\}$", re.S)
_EXIT_LAST = re.compile(r"(?:\bpanic\(|\bos\.Exit\(|\blog\.(?:Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)\(|"
                        r"\b\w+\.(?:Fatal|Fatalf|FailNow)\()[^\n]*\)\s*$", re.S)


def guards_error(stmt: Node, errname: str, rec, learnt=None) -> bool:
    """Whether `stmt` (an expression statement) ends the goroutine when errname is not nil.
    `learnt` (codemods.constructors.Learnt) gives the index and the file's own package."""
    if stmt.type != "expression_statement" or not stmt.named_child_count:
        return False
    call = stmt.named_children[0]
    if call.type != "call_expression":
        return False
    callee, args = gotree.call_parts(call)
    if callee is None:
        return False
    body = rec.body
    names = [gotree.text(a, body) if a.type == "identifier" else None for a in args]
    if errname not in names:
        return False
    at = names.index(errname)
    if callee.type == "selector_expression":
        method = gotree.text(callee.child_by_field_name("field"), body)
        operand = callee.child_by_field_name("operand")
        pc = rec.package_call(callee)
        if pc is not None:
            if pc[0] == REQUIRE:
                return method in GUARDS and at == 1
            return _learnt_guard(learnt, pc, at)
        if method in GUARDS and at == 0 and rec.imports.name_of(REQUIRE) is not None:
            return _require_value(operand, call, rec)
        return False
    if callee.type == "identifier":
        return _learnt_guard(learnt, ("", gotree.text(callee, body)), at)
    return False


def _require_value(operand: Node | None, call: Node, rec) -> bool:
    """`s.Require()` or a name bound by `require.New(t)` in the enclosing function."""
    if operand is None:
        return False
    body = rec.body
    if operand.type == "call_expression":
        fn, _ = gotree.call_parts(operand)
        return fn is not None and fn.type == "selector_expression" and \
            gotree.text(fn.child_by_field_name("field"), body) == "Require"
    if operand.type != "identifier":
        return False
    name = gotree.text(operand, body)
    fn = gotree.enclosing_function(call)
    if fn is None:
        return False
    req = rec.imports.name_of(REQUIRE)
    text = body[fn.start_byte:call.start_byte]
    return re.search(rb"\b" + re.escape(name.encode()) + rb"\s*:?=\s*" + re.escape(req.encode()) + rb"\.New\(",
                     text) is not None


def _learnt_guard(learnt, target: tuple[str, str], at: int) -> bool:
    """Whether the function called (a function of the file's package when the path is "", else
    of the package at that import path) is a guard on its parameter number `at`."""
    if learnt is None:
        return False
    if target[0]:
        if learnt.index.is_standard(target[0], learnt.dir):
            return False
        pkg = learnt.index.package(target[0], learnt.dir)
    else:
        pkg = learnt.own
    if pkg is None:
        return False
    fbody, params = pkg.bodies.get(target[1]), pkg.params.get(target[1])
    if fbody is None or params is None or at >= len(params):
        return False
    m = _HELPER.match(fbody.strip())
    return m is not None and m.group(1) == params[at] and _EXIT_LAST.search(m.group("branch").strip()) is not None
