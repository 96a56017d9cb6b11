"""stop-timer: stop tickers and timers in modules below Go 1.23, where unstopped ones leak.

`time.NewTicker`/`time.NewTimer` not stopped on every path get a `defer t.Stop()` (the release
machinery); `time.Tick` in a function that returns becomes a stopped `time.NewTicker`; and
`time.After` in a select inside a loop becomes one timer, hoisted and reset per iteration.
Since Go 1.23 the runtime collects unreferenced timers, so the rule is silent from `go 1.23` on.
"""
from __future__ import annotations

from tree_sitter import Node

from leakfix.engine import gotree
from leakfix.engine.model import Applicability, Context, Edit, Finding, Fix

from .lifetime import Binding, Flow, Tracker, Unanalysable
from .release import ReleaseRule, is_main_main
from .resources import Recogniser

DOC = """\
## What it does
In a module whose go.mod says `go` below 1.23: stops a `time.NewTicker` or `time.NewTimer`
that is not stopped on every path (`defer t.Stop()`), replaces `time.Tick` in a function that
returns with a `time.NewTicker` that is stopped, and hoists `time.After` out of a
`for { select { ... } }` loop into one timer that is reset on every iteration.

## Why is this bad?
Before Go 1.23 a timer or ticker that is never stopped is never garbage-collected: a ticker
keeps firing forever, and every `time.After` in a loop allocates a timer that lives until it
fires. Since Go 1.23 the runtime collects unreferenced timers, but only when the main module's
go.mod says `go 1.23` or later; maintainers reject such changes there as noise, so this rule is
silent there.

## Example
```go
func poll(ch <-chan int) {
	for {
		select {
		case v := <-ch:
			use(v)
		case <-time.After(time.Minute):
			return
		}
	}
}
```

## Use instead
```go
func poll(ch <-chan int) {
	timer := time.NewTimer(time.Minute)
	defer timer.Stop()
	for {
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(time.Minute)
		select {
		case v := <-ch:
			use(v)
		case <-timer.C:
			return
		}
	}
}
```

## Fix safety
- Only below `go 1.23` (the `go` line of the nearest go.mod). A file with no go.mod is treated
  as built by the toolchain running it (Go 1.23 or later today), so the rule is silent.
- Tickers and timers: the same ownership rules as defer-close (no fix when the value or its
  channel `C` is returned, stored or captured by a goroutine or closure); silent in `main.main`
  and in functions that never return, including after a `for range` over a `time.Tick`
  channel that nothing ends.
- `c := time.Tick(d)` becomes `time.NewTicker(d)` with a deferred `Stop` in a function that can
  return. `time.Tick` returns nil for d <= 0 where `NewTicker` panics, so unless `d` is a
  positive constant the ticker is made only when `d > 0` and `c` stays nil otherwise, as before
  (`d` must then be a plain name, evaluated twice). `for range time.Tick(d)` is rewritten only
  for a positive constant `d`.
- `time.After(d)`: the timer is stopped and drained without blocking before each `Reset`, the
  sequence that is correct before Go 1.23. `d` is evaluated before the loop and again before each
  select, so it must not call anything (a `time.Duration(n)` conversion is fine). Reported only
  when `d` changes inside the loop or calls a function, when the loop is itself inside a loop,
  or when one select has several `time.After` cases.

## References
Go 1.23 release notes (timers); staticcheck SA1015; leak-patterns.md §6.
"""


class StopTimer(ReleaseRule):
    id = "stop-timer"
    summary = "Stop tickers and timers, replace time.Tick and time.After in loops (go < 1.23)"
    default_enabled = True
    on_request = "timers, time.Tick, and time.After in loops"
    doc = DOC
    skip_main = True
    released = "stopped"
    only_if_returns = True
    inputs = frozenset({"gomod"})  # it applies only below go 1.23

    def __init__(self, options: dict | None = None, template_overrides: dict | None = None):
        super().__init__(options, template_overrides)
        self.trigger_calls = self.trigger_calls | {b"Tick", b"After"}

    def applies(self, gf, ctx: Context) -> bool:
        return ctx is not None and ctx.go_version is not None and ctx.go_version < (1, 23)

    def run(self, gf, ctx: Context) -> list[Finding]:
        if not self.applies(gf, ctx):
            return []
        out = super().run(gf, ctx)
        imports = gf.imports
        rec = Recogniser(self.table, gf, imports)
        tpkg = imports.name_of("time")
        if tpkg is None:
            return out
        for node in gf.calls_to(frozenset(("Tick", "After"))):
            pc = rec.package_call(node.child_by_field_name("function"))
            if pc is None or pc[0] != "time" or pc[1] not in ("Tick", "After"):
                continue
            f = (_Tick if pc[1] == "Tick" else _After)(self, gf, rec, node, tpkg).analyse()
            if f is not None:
                out.append(f)
        return out


class _Rewrite:
    def __init__(self, rule: StopTimer, gf, rec: Recogniser, call: Node, tpkg: str):
        self.rule, self.gf, self.body, self.rec, self.call, self.tpkg = rule, gf, gf.body, rec, call, tpkg

    #: why the rewrite is applied only on request (`--fix stop-timer`)
    on_request = ""

    def finding(self, msg: str, fix: Fix | None = None, reason: str | None = None) -> Finding:
        if fix is not None:
            fix.applicability, fix.why = Applicability.ON_REQUEST, self.on_request
        return Finding(self.rule.id, self.call.start_byte, self.call.end_byte, msg, fix, reason)

    def args_text(self) -> str:
        args = self.call.child_by_field_name("arguments")
        return gotree.text(args, self.body)[1:-1] if args is not None else ""

    def loops_between(self, node: Node, fn: Node) -> list[Node]:
        return [a for a in gotree.ancestors(node, fn) if a.type == "for_statement"]

    def stmt_start(self, stmt: Node) -> Node:
        """The statement as it stands in its list (a labeled statement includes its label)."""
        return stmt.parent if stmt.parent is not None and stmt.parent.type == "labeled_statement" else stmt

    def line_insert(self, stmt: Node, lines: list[str]) -> Edit | None:
        start = self.gf.line_start(stmt.start_byte)
        if self.body[start:stmt.start_byte].strip():
            return None
        indent = self.gf.stmt_indent(stmt)
        text = "".join(f"{indent}{ln}\n" if ln else "\n" for ln in lines)
        return Edit(start, start, text.encode())


class _Tick(_Rewrite):
    on_request = "it replaces time.Tick with a ticker stopped on return, which changes how the channel is made"
    def _line_after(self, stmt: Node) -> int:
        """Offset just past the newline that ends stmt's last line."""
        end = self.gf.line_end(stmt.end_byte)
        return end + 1 if end < len(self.body) else end

    def analyse(self) -> Finding | None:
        fn = gotree.enclosing_function(self.call)
        if fn is None or is_main_main(fn, self.gf):
            return None
        if not _can_return(fn, self.rec):
            return None
        msg = "time.Tick's ticker can never be stopped, so it leaks once this function returns"
        constant = _positive_constant(self.call, self.body, self.tpkg)
        _, args = gotree.call_parts(self.call)
        plain = len(args) == 1 and args[0].type in ("identifier", "selector_expression")
        if not constant and not plain:
            return self.finding(msg, reason="time.Tick returns nil for a duration <= 0 where NewTicker panics; fix by hand")
        p = self.call.parent
        taken = gotree.declared_names(fn, self.body)
        name = gotree.fresh_name("ticker", taken)
        new_ticker = f"{self.tpkg}.NewTicker({self.args_text()})"
        if p is not None and p.type == "expression_list" and p.parent is not None and \
                p.parent.type == "short_var_declaration" and p.parent.parent is not None and \
                p.parent.parent.type == "statement_list":
            stmt = p.parent
            lefts = gotree.expression_list_items(stmt.child_by_field_name("left"))
            if len(lefts) != 1 or len(gotree.expression_list_items(p)) != 1 or lefts[0].type != "identifier":
                return self.finding(msg, reason="unusual declaration; fix by hand")
            if self.loops_between(stmt, fn):
                return self.finding(msg, reason="inside a loop; fix by hand")
            chan = gotree.text(lefts[0], self.body)
            region = gotree.following(stmt)
            t = Tracker(self.gf, self.rec, (), "\0").track(Binding(chan, stmt, stmt.parent, fn, region))
            if t.escapes:
                return None  # the channel outlives the call: so must the ticker
            if not t.reassigned and self._ranged_forever(chan, region):
                return None  # the function never gets past a range over the channel
            if constant:
                edit = self.line_insert(stmt, [f"{name} := {new_ticker}", f"defer {name}.Stop()"])
                swap = [Edit(self.call.start_byte, self.call.end_byte, f"{name}.C".encode())]
            else:
                # time.Tick(d) is nil for d <= 0 (a channel that never delivers): keep that
                d = self.args_text()
                edit = self.line_insert(stmt, [f"var {chan} <-chan {self.tpkg}.Time", f"if {d} > 0 {{",
                                               f"\t{name} := {new_ticker}", f"\tdefer {name}.Stop()",
                                               f"\t{chan} = {name}.C", "}"])
                swap = [Edit(self.gf.line_start(stmt.start_byte), self._line_after(stmt), b"")]
            if edit is None:
                return self.finding(msg, reason="shares its line with other code; fix by hand")
            return self.finding(msg, Fix([edit] + swap, description="time.NewTicker with defer Stop",
                                         scope=(fn.start_byte, fn.end_byte)))
        if p is not None and p.type == "range_clause" and p.child_by_field_name("right") == self.call:
            loop = p.parent
            if not _leaves(loop, self.body):
                return None  # a range over a ticker never ends: the ticker lives as long as the function
            if not constant:
                return self.finding(msg, reason="time.Tick returns nil for a duration <= 0 where NewTicker panics; fix by hand")
            if self.loops_between(loop, fn):
                return self.finding(msg, reason="inside a loop; fix by hand")
            edit = self.line_insert(self.stmt_start(loop), [f"{name} := {new_ticker}", f"defer {name}.Stop()"])
            if edit is None:
                return self.finding(msg, reason="shares its line with other code; fix by hand")
            return self.finding(msg, Fix([edit, Edit(self.call.start_byte, self.call.end_byte, f"{name}.C".encode())],
                                         description="time.NewTicker with defer Stop", scope=(fn.start_byte, fn.end_byte)))
        return self.finding(msg, reason="used in a way leakfix does not rewrite; fix by hand")

    def _ranged_forever(self, chan: str, region: list[Node]) -> bool:
        """True when the statements after the declaration reach, without leaving the function, a
        `for ... range chan` that nothing ends: the ticker then lives as long as the function."""
        for i, s in enumerate(region):
            loop = s.named_children[-1] if s.type == "labeled_statement" and s.named_child_count else s
            clause = next((c for c in loop.named_children if c.type == "range_clause"), None) \
                if loop.type == "for_statement" else None
            right = clause.child_by_field_name("right") if clause is not None else None
            if right is None or right.type != "identifier" or gotree.text(right, self.body) != chan:
                continue
            if _leaves(loop, self.body):
                return False
            try:
                flow = Flow(self.gf, self.rec, []).run(region[:i])
            except Unanalysable:
                return False
            return flow.falls is not None and not flow.exits
        return False


class _After(_Rewrite):
    on_request = "each time.After timer is released once it fires; one reset timer only frees them sooner"
    def analyse(self) -> Finding | None:
        fn = gotree.enclosing_function(self.call)
        if fn is None:
            return None
        recv = self.call.parent
        comm = recv.parent if recv is not None and recv.type == "unary_expression" else None
        if comm is not None and comm.type == "receive_statement":
            comm = comm.parent
        if comm is None or comm.type != "communication_case":
            return None
        select = comm.parent
        loops = self.loops_between(select, fn)
        if not loops:
            return None  # one select, one timer: it is collected once it fires
        loop = loops[0]
        msg = "time.After in a loop allocates a timer per iteration that lives until it fires"
        afters = [n for n in gotree.walk(select, into_functions=False) if n.type == "call_expression"
                  and self.rec.package_call(n.child_by_field_name("function")) == ("time", "After")
                  and gotree.enclosing_function(n) == fn]
        if len(afters) > 1:
            return self.finding(msg, reason="several time.After cases in one select; fix by hand")
        if len(loops) > 1:
            return self.finding(msg, reason="the loop is inside another loop; fix by hand")
        if _depends_on(self.call, loop, self.body):
            return self.finding(msg, reason="the duration changes inside the loop; fix by hand")
        if _has_calls(self.call, self.body, self.tpkg):
            return self.finding(msg, reason="the duration is computed by a call, which the fix would evaluate "
                                            "once more; fix by hand")
        name = gotree.fresh_name("timer", gotree.declared_names(fn, self.body))
        d = self.args_text()
        hoist = self.line_insert(self.stmt_start(loop), [f"{name} := {self.tpkg}.NewTimer({d})", f"defer {name}.Stop()"])
        reset = self.line_insert(self.stmt_start(select), [
            f"if !{name}.Stop() {{", "\tselect {", f"\tcase <-{name}.C:", "\tdefault:", "\t}", "}", f"{name}.Reset({d})"])
        if hoist is None or reset is None:
            return self.finding(msg, reason="shares its line with other code; fix by hand")
        swap = Edit(self.call.start_byte, self.call.end_byte, f"{name}.C".encode())
        return self.finding(msg, Fix([hoist, reset, swap], description="one timer, reset per iteration",
                                     scope=(fn.start_byte, fn.end_byte)))


def _can_return(fn: Node, rec) -> bool:
    body = fn.child_by_field_name("body")
    try:
        flow = Flow(rec.file, rec, []).run(gotree.statements(body))
    except Unanalysable:
        return True
    return flow.falls is not None or bool(flow.exits)


def _positive_constant(call: Node, body: bytes, tpkg: str) -> bool:
    _, args = gotree.call_parts(call)
    if len(args) != 1:
        return False
    ok_units = {"Nanosecond", "Microsecond", "Millisecond", "Second", "Minute", "Hour"}
    for n in gotree.walk(args[0]):
        if not n.is_named:
            continue
        if n.type in ("int_literal", "float_literal", "binary_expression", "parenthesized_expression"):
            if n.type == "binary_expression" and gotree.text(n.child_by_field_name("operator"), body) != "*":
                return False
            continue
        if n.type == "selector_expression":
            if gotree.text(n, body) not in {f"{tpkg}.{u}" for u in ok_units}:
                return False
            continue
        if n.type in ("identifier", "field_identifier") and n.parent is not None and n.parent.type == "selector_expression":
            continue
        return False
    return not gotree.text(args[0], body).strip().startswith("0")


def _depends_on(call: Node, loop: Node, body: bytes) -> bool:
    """True when the call's arguments use a name declared or assigned inside the loop."""
    used = {gotree.text(n, body) for n in gotree.walk(call.child_by_field_name("arguments")) if n.type == "identifier"}
    if not used:
        return False
    for n in gotree.walk(loop):
        if n.type in ("short_var_declaration", "assignment_statement", "range_clause"):
            left = n.child_by_field_name("left")
            names = {gotree.text(x, body) for x in gotree.expression_list_items(left) if x.type == "identifier"}
            if names & used:
                return True
        elif n.type in ("var_spec", "const_spec"):
            if {gotree.text(x, body) for x in n.children_by_field_name("name")} & used:
                return True
        elif n.type in ("inc_statement", "dec_statement"):
            if {gotree.text(x, body) for x in n.named_children if x.type == "identifier"} & used:
                return True
        elif n.type == "func_literal":
            params = n.child_by_field_name("parameters")
            if params is not None and {gotree.text(x, body) for d in params.named_children
                                       for x in d.children_by_field_name("name")} & used:
                return True
    return False


def _leaves(loop: Node, body: bytes) -> bool:
    """True when something in the loop's body can end it: a return, a goto, or a break that
    targets it (unlabelled and not inside a nested loop, switch or select, or with its label)."""
    label = None
    if loop.parent is not None and loop.parent.type == "labeled_statement":
        lab = loop.parent.child_by_field_name("label")
        label = gotree.text(lab, body) if lab is not None else None

    def visit(node: Node, nested: bool) -> bool:
        for c in node.named_children:
            if c.type == "func_literal":
                continue
            if c.type in ("return_statement", "goto_statement"):
                return True
            if c.type == "break_statement":
                target = c.named_children[0] if c.named_child_count else None
                if target is None and not nested:
                    return True
                if target is not None and label is not None and gotree.text(target, body) == label:
                    return True
            if visit(c, nested or c.type in gotree.BREAKABLE_TYPES):
                return True
        return False

    return visit(loop.child_by_field_name("body"), False)


def _has_calls(call: Node, body: bytes, tpkg: str) -> bool:
    """True when the call's arguments call anything but a `time.Duration(...)` conversion."""
    args = call.child_by_field_name("arguments")
    for n in gotree.walk(args):
        if n.type == "call_expression" and gotree.text(n.child_by_field_name("function"), body) != f"{tpkg}.Duration":
            return True
    return False
