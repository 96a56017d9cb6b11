"""defer-in-loop: a release deferred inside a loop body runs only when the function returns.

Each iteration then holds its file, connection, context or lock until the loop is over (or
deadlocks on the second Lock). The fix removes the `defer` and releases at every exit of the
iteration instead, reusing the path analysis of the release codemods.
"""
from __future__ import annotations

import re

from tree_sitter import Node

from leakfix.engine import gotree
from leakfix.engine.model import Applicability, Context, Edit, Finding, Fix

from leakfix.engine.options import resolve

from .lifetime import LIVE, NIL, Binding, Flow, Tracker, Unanalysable, derived_escape
from .nilness import Facts, Reader
from .resources import RESOURCES, Recogniser, load_table

DOC = """\
## What it does
Finds a `defer` of a release (`x.Close()`, `resp.Body.Close()`, `t.Stop()`, `cancel()`,
`mu.Unlock()`) inside a loop body and replaces it by the same call at every exit of the
iteration: before each `continue`, `break` or `return` that leaves it, and at its end.

## Why is this bad?
Deferred calls run when the function returns, not when the iteration ends: a loop over N files
holds N descriptors at once, N contexts stay registered, and a `mu.Lock(); defer mu.Unlock()`
deadlocks on the second iteration. go-critic (deferInLoop) and staticcheck (SA9001) report it.

## Example
```go
for _, p := range paths {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := scan(f); err != nil {
		return err
	}
}
```

## Use instead
```go
for _, p := range paths {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	if err := scan(f); err != nil {
		f.Close()
		return err
	}
	f.Close()
}
```

## Fix safety
Applied when the released value belongs to the iteration: declared with `:=` in the same block
before the defer (or, for `Unlock`, locked by the statement right before it), not returned,
stored, appended, sent or captured by a goroutine or closure, and handed only to known readers;
the same holds for the other results of the call that made it (a pipe's other end) and for what
its own methods return (a session or stream that may need it open). In a `_test.go` file the
fix is applied only on request (`--fix defer-in-loop`): a test often defers in a loop on purpose,
to hold every iteration's connection or file until it ends and check them after the loop.
A `return` that mentions the value (or, for a lock, returns any value, which may need the lock)
is evaluated after the release would run, so such cases are reported only; so are defers of
anything else (`wg.Done()`, prints) and loops with `goto`. A loop that is the body of a function
literal invoked in place (`func() { for ... { defer c.Close() } }()`) is left alone: that literal
exists to run the defers together, typically to hold every value open at once. So is a defer
that every path follows out of the loop (`defer f.Close(); break`, or a return): it runs at
most once per call. A timer whose channel (`t.C`) is kept past the iteration is reported, not
rewritten: stopping it early would disarm it. No closure is created, so Go's
loop-variable semantics (before and after 1.22) play no part. A panic inside the iteration no
longer releases the value; the function's own defers still run.

## References
go-critic deferInLoop, staticcheck SA9001; leak-patterns.md §3.
"""

UNLOCKS = {"Unlock": "Lock", "RUnlock": "RLock"}
RELEASES = {"Close", "Stop", "Unlock", "RUnlock"}


# `_kind`'s answer for a value kept past the iteration (appended, stored, captured, or what its
# methods return kept): its release belongs at the function's end, where the defer puts it.
KEPT = "kept"

# In a test, a loop often holds every iteration's value until the test ends on purpose (N
# connections open at once, checked after the loop): moving the release into the loop would
# change what the test tests.
TEST_HOLDS = ("in a test, deferring in a loop often holds every iteration's value until the test ends on "
              "purpose")


class DeferInLoop:
    id = "defer-in-loop"
    summary = "Release at every exit of a loop iteration instead of deferring inside the loop"
    default_enabled = True
    on_request = "loops in test files (a test often holds every iteration's value on purpose)"
    doc = DOC
    # a deferred release: `defer x.Close()`, `defer cancel()`, `defer stopFn()`, `defer func() {`
    # (the names _is_release accepts: any func whose name starts with cancel or stop, any case)
    triggers = re.compile(rb"defer [^\n(]*(?:Close|Unlock|(?i:cancel|stop)\w*|func)\(")
    inputs: frozenset[str] = frozenset()  # reads nothing but the file
    option_schema = (RESOURCES,)  # your constructors join the defer-close table

    def __init__(self, options: dict | None = None, template_overrides: dict | None = None):
        extra = resolve(self.option_schema, options, f"[{self.id}]")["resources"]
        self.tables = {rule: load_table(rule, extra if rule == "defer-close" else None)
                       for rule in ("defer-close", "defer-cancel", "stop-timer")}

    def run(self, gf, ctx: Context) -> list[Finding]:
        imports = gf.imports
        recs = {rule: Recogniser(t, gf, imports) for rule, t in self.tables.items()}
        out = []
        for d in gf.statements_of("defer", "defer_statement"):
            fn = gotree.enclosing_function(d)
            if fn is None or not any(a.type == "for_statement" for a in gotree.ancestors(d, fn)):
                continue
            f = _Defer(self, gf, recs, d, fn).analyse()
            if f is not None:
                out.append(f)
        return out


class _Defer:
    def __init__(self, rule: DeferInLoop, gf, recs, d: Node, fn: Node):
        self.rule, self.gf, self.body, self.recs, self.d, self.fn = rule, gf, gf.body, recs, d, fn
        self.call = next((c for c in d.named_children if c.type == "call_expression"), None)

    def finding(self, msg: str, fix: Fix | None = None, reason: str | None = None) -> Finding:
        if fix is not None and self.gf.path.endswith("_test.go"):
            fix.applicability, fix.why = Applicability.ON_REQUEST, TEST_HOLDS
        return Finding(self.rule.id, self.d.start_byte, self.d.end_byte, msg, fix, reason)

    def analyse(self) -> Finding | None:
        if self.call is None:
            return None
        if not self._is_release():
            return None  # only releases pile up: other deferred work is not this rule's business
        call_text = gotree.text(self.call, self.body)
        msg = f"`defer {call_text}` in a loop runs only when the function returns"
        lst = self.d.parent
        if lst is None or lst.type != "statement_list":
            return self.finding(msg, reason="unusual position; release it by hand")
        if self._scoped_by_literal():
            return None  # `func() { for ... { defer x.Close() } }()`: the defers are meant to run together
        if self._runs_once():
            return None  # `defer f.Close(); break`: one defer per call, nothing piles up
        kind = self._kind(lst)
        if kind is KEPT:
            return None  # the value (or what it made) is kept past the iteration: the defer is right
        if isinstance(kind, str):
            return self.finding(msg, reason=kind)
        name, companions, rec, path, method = kind
        region = gotree.following(self.d)
        releases = [n for s in region for n in gotree.walk(s, into_functions=False)
                    if n.type == "call_expression" and gotree.text(n, self.body) == call_text]
        facts = self._facts(lst, name, rec, region)
        try:
            flow = Flow(self.gf, rec, releases, facts=facts.blocks,
                        start=LIVE | NIL if facts.check is not None else LIVE).run(region)
        except Unanalysable as exc:
            return self.finding(msg, reason=f"the loop uses {exc}; release it by hand")
        if any(x.may_be_nil for x in flow.exits if not x.released) or (flow.end & LIVE and flow.end & NIL):
            return self.finding(msg, reason=f"{name} may be nil where the release would go (the defer comes before "
                                            "an error check that does not leave the iteration); release it by hand")
        edits: list[Edit] = []
        for x in flow.exits:
            if x.released:
                continue
            if x.kind == "return":
                vals = [c for c in x.node.named_children if c.type != "comment"]
                if method in UNLOCKS and vals:
                    return self.finding(msg, reason="a return after it computes values that may need the lock; release it by hand")
                if any(True for nm in [name] + companions for _ in gotree.identifiers(x.node, nm, self.body)):
                    return self.finding(msg, reason=f"a return after it uses {name}; release it by hand")
            start = self.gf.line_start(x.node.start_byte)
            if self.body[start:x.node.start_byte].strip():
                return self.finding(msg, reason="an exit shares its line with other code; release it by hand")
            edits.append(Edit(start, start, f"{self.gf.indent_at(x.node.start_byte)}{call_text}\n".encode()))
        start, end = self.gf.line_start(self.d.start_byte), self.gf.line_end(self.d.end_byte)
        if self.body[start:self.d.start_byte].strip() or self.body[self.d.end_byte:end].strip(b" \t\r"):
            return self.finding(msg, reason="the defer shares its line; release it by hand")
        if flow.falls is False or (flow.falls is None and not region):
            if not region:
                # the defer is the block's last statement: it becomes the release itself
                edits.append(Edit(self.d.start_byte, self.call.start_byte, b""))
                return self.finding(msg, Fix(edits, description="release at every exit of the iteration"))
            last = region[-1]
            pos = self.gf.eol(last.end_byte)
            edits.append(Edit(pos, pos, f"\n{self.gf.stmt_indent(last)}{call_text}".encode()))
        edits.append(Edit(*self.gf.lines_removal(start, end + 1 if end < len(self.body) else end), b""))
        return self.finding(msg, Fix(edits, description="release at every exit of the iteration"))

    def _facts(self, lst: Node, name: str, rec, region: list[Node]) -> Facts:
        """Where the released value may be nil after the defer: when the error check of its
        acquisition comes after the defer (a defer before the check), the branches it decides."""
        decl = self._declaration(lst, name)
        errname = None
        if decl is not None:
            lefts = gotree.expression_list_items(decl.child_by_field_name("left"))
            right = gotree.expression_list_items(decl.child_by_field_name("right"))
            acq = rec.acquisition(right[0]) if len(right) == 1 and right[0].type == "call_expression" else None
            if acq is not None and acq.resource.has_error and len(lefts) == acq.resource.results and \
                    lefts[-1].type == "identifier":
                errname = gotree.text(lefts[-1], self.body)
                between = [s for s in gotree.following(decl) if s.start_byte < self.d.start_byte]
                if Reader(rec, name, errname).read(between).check is not None:
                    errname = None  # checked before the defer: it has a value from there on
        uses = {u.id for u in Tracker(self.gf, rec, (), "\0").uses(name, region)}
        return Reader(rec, name, errname, uses).read(region)

    def _scoped_by_literal(self) -> bool:
        """True when the loop is the body of a function literal invoked in place: the literal
        exists to run the iteration's defers together at its end (e.g. to hold N connections
        open at once), which is deliberate."""
        if self.fn.type != "func_literal":
            return False
        stmts = gotree.statements(self.fn.child_by_field_name("body"))
        loops = [s for s in stmts if s.type == "for_statement" or
                 (s.type == "labeled_statement" and any(c.type == "for_statement" for c in s.named_children))]
        p = self.fn.parent
        invoked = p is not None and p.type == "call_expression" and p.child_by_field_name("function") == self.fn
        return invoked and len(loops) == 1 and all(s.type not in ("defer_statement",) for s in stmts)

    def _runs_once(self) -> bool:
        """True when every path from the defer leaves its loop (a return, or a break out of that
        loop) and no outer loop can come back to it: the defer runs at most once per call."""
        loops = [a for a in gotree.ancestors(self.d, self.fn) if a.type == "for_statement"]
        if len(loops) != 1:
            return False
        loop = loops[0]
        label = None
        if loop.parent is not None and loop.parent.type == "labeled_statement":
            lab = loop.parent.child_by_field_name("label")
            label = gotree.text(lab, self.body) if lab is not None else None
        try:
            flow = Flow(self.gf, self.recs["defer-close"], []).run(gotree.following(self.d))
        except Unanalysable:
            return False
        if flow.falls is not None:
            return False
        for x in flow.exits:
            if x.kind == "return":
                continue
            if x.kind != "break":
                return False
            target = x.node.named_children[0] if x.node.named_child_count else None
            if target is not None:
                if gotree.text(target, self.body) != label:
                    return False
            elif any(a.type in gotree.BREAKABLE_TYPES for a in gotree.ancestors(x.node, loop)):
                return False  # it breaks out of a switch or select, not out of the loop
        return True

    def _is_release(self) -> bool:
        callee, args = gotree.call_parts(self.call)
        if callee is None:
            return False
        if callee.type == "identifier":  # cancel() or a CancelCauseFunc's cancel(err)
            return gotree.text(callee, self.body).lower().startswith(("cancel", "stop"))
        if callee.type == "selector_expression":
            return not args and gotree.text(callee.child_by_field_name("field"), self.body) in RELEASES
        if callee.type == "func_literal":  # a deferred closure that releases something
            return any(n.type == "selector_expression" and
                       gotree.text(n.child_by_field_name("field"), self.body) in RELEASES
                       for n in gotree.walk(callee))
        return False

    def _kind(self, lst: Node):
        """(name, companions, recogniser, release path, method) of the deferred release, or a reason."""
        callee, args = gotree.call_parts(self.call)
        body = self.body
        if callee is None:
            return "not a release leakfix knows; release it by hand"
        if callee.type == "identifier":
            name = gotree.text(callee, body)
            decl = self._declaration(lst, name)
            if decl is None:
                return f"{name} is not declared in this iteration; release it by hand"
            rec = self.recs["defer-cancel"]
            right = gotree.expression_list_items(decl.child_by_field_name("right"))
            acq = rec.acquisition(right[0]) if len(right) == 1 and right[0].type == "call_expression" else None
            if acq is None:
                return f"{name} is not a cancel func leakfix knows; release it by hand"
            lefts = [gotree.text(x, body) for x in gotree.expression_list_items(decl.child_by_field_name("left"))]
            companions = [x for x in lefts if x not in (name, "_")]
            reason = self._escapes(rec, decl, lst, [name] + companions, (), "")
            return reason or (name, companions, rec, (), "")
        chain = gotree.dotted(callee, body)
        if chain is None or "." not in chain or args:
            return "not a release leakfix knows; release it by hand"
        parts = chain.split(".")
        method, recv = parts[-1], parts[0]
        if method in UNLOCKS:
            prev = self.d.prev_named_sibling
            want = ".".join(parts[:-1] + [UNLOCKS[method]]) + "()"
            if prev is None or prev.type != "expression_statement" or gotree.text(prev, body).strip() != want:
                return f"`{want}` does not come right before it; release it by hand"
            return (recv, [], self.recs["defer-close"], tuple(parts[1:-1]), method)
        if method not in ("Close", "Stop"):
            return "not a release leakfix knows; release it by hand"
        decl = self._declaration(lst, recv)
        if decl is None:
            return f"{recv} is not declared in this iteration; release it by hand"
        path = tuple(parts[1:-1])
        rec = self.recs["stop-timer" if method == "Stop" else "defer-close"]
        # the other results of the call (a pipe's other end, a reader over the connection) must
        # not outlive the iteration either
        lefts = [gotree.text(x, body) for x in gotree.expression_list_items(decl.child_by_field_name("left"))]
        companions = [x for x in lefts if x not in (recv, "_") and "err" not in x.lower()]
        reason = self._escapes(rec, decl, lst, [recv] + companions, path, method) or \
            (KEPT if derived_escape(self.gf, rec, recv, lst, self.fn, gotree.following(decl)) else None)
        return reason or (recv, companions, rec, path, method)

    def _declaration(self, lst: Node, name: str) -> Node | None:
        for s in lst.named_children:
            if s == self.d:
                return None
            if s.type == "short_var_declaration" and name in {
                    gotree.text(x, self.body) for x in gotree.expression_list_items(s.child_by_field_name("left"))}:
                return s
        return None

    def _escapes(self, rec, decl: Node, lst: Node, names: list[str], path, method) -> str | None:
        region = gotree.following(decl)
        for i, nm in enumerate(names):
            carry = "all" if i > 0 else None  # the release moves earlier: any result kept counts
            t = Tracker(self.gf, rec, path if i == 0 else (), method if i == 0 else "\0", results_carry=carry).track(
                Binding(nm, decl, lst, self.fn, region))
            if t.escapes:
                return KEPT  # kept past the iteration: deferring to the function's end is deliberate
            if i == 0 and t.reassigned:
                line = self.gf.line_col(t.reassigned[0].start_byte)[0]
                return f"{nm} is assigned again in the iteration (line {line}); release it by hand"
            if t.unknown and i == 0 and method:
                node, why = t.unknown[0]
                return f"{nm} is {why} (line {self.gf.line_col(node.start_byte)[0]}); release it by hand"
        return None
