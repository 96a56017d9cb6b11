"""defer-after-check: move a `defer x.Close()` written before the error check to after it.

`f, err := os.Open(p); defer f.Close(); if err != nil { return err }` defers a call on a value
that is nil when the call failed: `resp.Body.Close()` panics there, and other values are
released on a path where nothing was acquired. The defer belongs after the check.
"""
from __future__ import annotations

import re

from tree_sitter import Node

from leakfix.engine import gotree
from leakfix.engine.model import Context, Edit, Finding, Fix

from .lifetime import branch_terminates, err_comparison
from leakfix.engine.options import resolve

from .resources import RESOURCES, Recogniser, load_table

DOC = """\
## What it does
Finds `x, err := f(...)` directly followed by a `defer` that uses `x` and then by the
`if err != nil` check, and moves the `defer` below the check.

## Why is this bad?
When `f` fails, `x` is usually nil. `defer resp.Body.Close()` evaluates `resp.Body` at once
and panics with a nil dereference; other deferred calls run on a nil value at function exit.
staticcheck SA5001 and go vet's httpresponse report it; neither fixes it.

## Example
```go
resp, err := http.Get(url)
defer resp.Body.Close()
if err != nil {
	return err
}
```

## Use instead
```go
resp, err := http.Get(url)
if err != nil {
	return err
}
defer resp.Body.Close()
```

## Fix safety
Applied only when the three statements follow each other directly and the error branch leaves
the function (return, panic, log.Fatal*, os.Exit, t.Fatal*): then the moved `defer` runs exactly
when the value is valid, as before on the success path. When the error branch goes on (it only
logs, or `continue`s a loop), moving the defer could change which paths release the value: the
finding is reported, not fixed.

## References
staticcheck SA5001, go vet httpresponse; leak-patterns.md §3.
"""


class DeferAfterCheck:
    id = "defer-after-check"
    summary = "Move a defer that uses a value before its error check to after the check"
    default_enabled = True
    doc = DOC
    # a defer line followed by an error check (blank and comment lines may stand between)
    triggers = re.compile(rb"defer [^\n]*\n(?:[ \t]*(?://[^\n]*)?\r?\n)*[ \t]*if [^\n]*!= nil")
    inputs: frozenset[str] = frozenset()  # reads nothing but the file
    option_schema = (RESOURCES,)  # your constructors join the defer-close table

    def __init__(self, options: dict | None = None, template_overrides: dict | None = None):
        self.table = load_table("defer-close", resolve(self.option_schema, options, f"[{self.id}]")["resources"])

    def run(self, gf, ctx: Context) -> list[Finding]:
        rec = Recogniser(self.table, gf, gf.imports)
        out = []
        for d in gf.statements_of("defer", "defer_statement"):
            if d.parent is not None and d.parent.type == "statement_list":
                f = self._check(gf, rec, d)
                if f is not None:
                    out.append(f)
        return out

    def _check(self, gf, rec, d: Node) -> Finding | None:
        body = gf.body
        prev, nxt = _sibling(d, -1), _sibling(d, +1)
        if prev is None or nxt is None or prev.type not in ("short_var_declaration", "assignment_statement"):
            return None
        lefts = gotree.expression_list_items(prev.child_by_field_name("left"))
        rights = gotree.expression_list_items(prev.child_by_field_name("right"))
        if len(lefts) < 2 or len(rights) != 1 or rights[0].type != "call_expression":
            return None
        err = gotree.text(lefts[-1], body)
        values = {gotree.text(v, body) for v in lefts[:-1] if v.type == "identifier"} - {"_"}
        if err == "_" or not values:
            return None
        if not any(True for v in values for _ in gotree.identifiers(d, v, body)):
            return None
        if nxt.type != "if_statement" or nxt.child_by_field_name("initializer") is not None:
            return None
        if err_comparison(nxt.child_by_field_name("condition"), err, body) != "!=":
            return None
        msg = f"`{gotree.text(d, body).splitlines()[0]}` runs before `{err}` is checked: on error the value is nil"
        if nxt.child_by_field_name("alternative") is not None or \
                not branch_terminates(nxt.child_by_field_name("consequence"), rec, in_loop=False):
            return Finding(self.id, d.start_byte, d.end_byte, msg, None,
                           "the error branch does not leave the function; move the defer by hand")
        start = gf.line_start(d.start_byte)
        end = gf.line_end(d.end_byte)
        rest = body[d.end_byte:end].strip(b" \t\r")
        if body[start:d.start_byte].strip() or (rest and not rest.startswith(b"//")):
            return Finding(self.id, d.start_byte, d.end_byte, msg, None, "the defer shares its line; move it by hand")
        text = body[start:end].rstrip(b"\r")
        ins = gf.eol(nxt.end_byte)
        fix = Fix([Edit(*gf.lines_removal(start, end + 1), b""), Edit(ins, ins, b"\n" + text)],
                  description="move the defer after the check")
        return Finding(self.id, d.start_byte, d.end_byte, msg, fix)


def _sibling(node: Node, step: int) -> Node | None:
    cur = node.prev_named_sibling if step < 0 else node.next_named_sibling
    while cur is not None and cur.type == "comment":
        cur = cur.prev_named_sibling if step < 0 else cur.next_named_sibling
    return cur
