"""defer-after-check: put a deferred release right after the error check of the value it releases.

Both ways: `f, err := os.Open(p); defer f.Close(); if err != nil { return err }` defers a call on a
value that is nil when the call failed (the defer moves down, below the check); a
`defer resp.Body.Close()` written after a status-code return leaks the body on that return (the
defer moves up, to right after the check; the analysis of that direction is in `late_defer`).
"""
from __future__ import annotations


from tree_sitter import Node

from leakfix.engine import gotree
from leakfix.engine.model import Context, Edit, Finding, Fix

from .late_defer import Analysis
from .lifetime import branch_terminates, err_comparison
from leakfix.engine.options import resolve

from .resources import RESOURCES, Recogniser, load_table

DOC = """\
## What it does
Puts a deferred release right after the error check of the call that returned the value: a
`defer` written before the check moves below it, and one written after a return that leaks the
value moves up to it.

In detail:
- **too early**: `x, err := f(...)` directly followed by a `defer` that uses `x`, then the
  `if err != nil` check: the `defer` moves below the check;
- **too late**: `defer x.Close()`, `defer resp.Body.Close()`, `defer rows.Close()`, a deferred
  closure that only closes `x`, or `defer cancel()`, written after a `return` that can be taken
  once the value is valid (a status-code check, a failed decode or `Stat`): the `defer` moves up
  to right after the error check (after a following `if x == nil { return }` too), or, for a
  context's cancel func, right after `context.WithTimeout` / `WithCancel` / `WithDeadline`.

## Why is this bad?
Too early: when `f` fails, `x` is usually nil. `defer resp.Body.Close()` evaluates `resp.Body` at
once and panics with a nil dereference; other deferred calls run on a nil value at function exit.
staticcheck SA5001 and go vet's httpresponse report it; neither fixes it.
Too late: every return before the `defer` leaves the value open: a non-2xx response keeps its
body and connection, rows keep their database connection, an uncancelled context keeps its timer
(go vet lostcancel reports that one; nothing reports the others).

## Example
```go
resp, err := http.Get(url)
defer resp.Body.Close()
if err != nil {
	return err
}
```
```go
resp, err := http.Get(url)
if err != nil {
	return err
}
if resp.StatusCode != http.StatusOK {
	return fmt.Errorf("status %d", resp.StatusCode)
}
defer resp.Body.Close()
```

## Use instead
```go
resp, err := http.Get(url)
if err != nil {
	return err
}
defer resp.Body.Close()
```
(followed, in the second example, by the status check)

## Fix safety
Too early: applied only when the three statements follow each other directly and the error branch
leaves the function (return, panic, log.Fatal*, os.Exit, t.Fatal*): then the moved `defer` runs
exactly when the value is valid, as before on the success path. When the error branch goes on (it
only logs, or `continue`s a loop), moving the defer could change which paths release the value:
the finding is reported, not fixed. A defer that hands the value itself to a helper
(`defer ensureReaderClosed(resp)`) or tests it for nil is written for a value that may come
together with an error (an error status whose body must still be drained): it is there on
purpose, and is left alone.

Too late: the defer line (with the comment lines right above it) moves, unchanged, within its own
block; on every path that reached it before it runs as before, and it now also runs on the
returns in between, which leaked. Applied only when all of this holds, else reported (or silent
when nothing leaks):
- the value is bound in the same block as the defer, by `:=` or to a local of the function (not a
  parameter or named result), and its error check (which leaves the function) follows directly;
  a defer inside a loop body is left to defer-in-loop; a defer in a nested block, or after a loop
  that bound the value, is not moved;
- some return between the check and the defer neither releases nor hands over the value;
- between them the value is not assigned again, released, returned, stored, sent, appended or
  captured by a goroutine or closure, and not compared with nil (its author doubts it is valid);
  handed to an unknown function only by a statement on the straight path (a call, an `if`'s
  initializer or condition), where the later defer shows the function still owns it, never
  inside a branch, where the function may release or keep it;
- for a cancel func, its context does not leave the function in between (returned, or handed
  to a goroutine): cancelled at the early return, it would be cut off where it ran on before;
- no other `defer`, `goto` or label stands between (the order of deferred calls must not change);
  the defer uses no name declared after the check;
- the value is known as a resource whose deferred call only releases it (leakfix's table of
  resources, or a type of the module learnt from the declarations index; constructors configured
  in `[[resources]]` count for defer-close only): a writer whose `Close` flushes or commits is
  never closed on more paths;
- a deferred closure only releases the value (`_ = f.Close()`, `if err := f.Close(); err != nil
  {...}`) and assigns no outer variable unless guarded by `v == nil`: `err = f.Close()` moved above
  an early return would replace that return's error.
Deferred calls that are no release (`defer os.Remove(name)`, `defer wg.Done()`, prints) are never
moved up: their arguments are evaluated at the defer and running them on more paths may matter.

## References
staticcheck SA5001, go vet httpresponse and lostcancel; leak-patterns.md §3 and §10.
"""


class DeferAfterCheck:
    id = "defer-after-check"
    summary = "Move a deferred release to right after the error check, from before it or from after an early return"
    default_enabled = True
    doc = DOC
    # every defer statement is looked at (before its check, or after a return it should precede)
    triggers = (b"defer",)
    inputs: frozenset[str] = frozenset({"index"})  # a late defer is moved only on a value known as a resource
    option_schema = (RESOURCES,)  # your constructors join the defer-close table

    def __init__(self, options: dict | None = None, template_overrides: dict | None = None):
        self.table = load_table("defer-close", resolve(self.option_schema, options, f"[{self.id}]")["resources"])
        self.cancel_table = load_table("defer-cancel")

    def run(self, gf, ctx: Context) -> list[Finding]:
        rec = Recogniser(self.table, gf, gf.imports)
        late = None
        out = []
        for d in gf.statements_of("defer", "defer_statement"):
            if d.parent is not None and d.parent.type == "statement_list":
                f = self._check(gf, rec, d)
                if f is None:
                    late = late or self._late(gf, ctx)
                    f = late.run(d)
                if f is not None:
                    out.append(f)
        return out

    def _late(self, gf, ctx: Context) -> Analysis:
        fi = ctx.index if ctx is not None else None
        index = fi.for_learning() if fi is not None else None
        return Analysis(self.id, gf, Recogniser(self.table, gf, gf.imports, index),
                        Recogniser(self.cancel_table, gf, gf.imports))

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
        uses = [n for v in values for n in gotree.identifiers(d, v, body)]
        if not uses or _written_for_nil(d, uses, values, body):
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


def _written_for_nil(d: Node, uses: list[Node], values: set[str], body: bytes) -> bool:
    """Whether a defer before the check is written for a value that may come with an error (some
    APIs return a response together with an error status): it hands the value itself to a helper
    (`defer ensureReaderClosed(resp)`), calls it (`defer cleanup()`: a cleanup returned with its
    error, which must run on the error path too), or tests it for nil. Then it sits there on
    purpose, and moving it below the check would leak that value."""
    if all(n.parent is not None and n.parent.type == "argument_list" for n in uses):
        return True
    if any(n.parent is not None and n.parent.type == "call_expression" and
           n.parent.child_by_field_name("function") == n for n in uses):
        return True
    return any(n.type == "binary_expression" and any(err_comparison(n, v, body) for v in values)
               for n in gotree.walk(d))


def _sibling(node: Node, step: int) -> Node | None:
    cur = node.prev_named_sibling if step < 0 else node.next_named_sibling
    while cur is not None and cur.type == "comment":
        cur = cur.prev_named_sibling if step < 0 else cur.next_named_sibling
    return cur
