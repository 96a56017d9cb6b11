"""The machinery of the release codemods: a resource bound to a local name, released where it belongs.

A release rule (defer-close, defer-cancel, stop-timer) is a table of constructors and a few
choices; this module finds the acquisitions, follows the value (`lifetime.Tracker`), decides
from the paths (`lifetime.Flow`) whether it leaks, and builds the fix: a `defer` after the error
check, or, inside a loop body, an explicit release at every exit of the iteration.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources as ilr

from tree_sitter import Node

from leakfix.engine import gotree, templates
from leakfix.engine.imports import Imports
from leakfix.engine.model import Applicability, Context, Edit, Finding, Fix, Import
from leakfix.engine.options import Option, resolve
from leakfix.engine.source import plain_call_regex

from . import constructors
from .lifetime import LIVE, NIL, Binding, Flow, Tracker, Unanalysable, derived_escape, err_comparison
from .nilness import Facts, Reader
from .resources import Acquisition, Recogniser, load_table

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

PLACEHOLDERS = {"release", "value", "err", "cerr"}
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_APPEND", "O_CREATE", "O_TRUNC")
OWNERSHIP_TYPES = ("io.Closer", "io.ReadCloser", "io.WriteCloser", "io.ReadWriteCloser", "io.ReadSeekCloser")


CLOSE_STYLE = Option("close-style", "str", "plain", "how the release is written: a style of templates.toml "
                     "(defer-close: plain or errcheck)")


@lru_cache(maxsize=1)
def _builtin_templates() -> dict:
    return tomllib.loads(ilr.files("leakfix.codemods").joinpath("templates.toml").read_text())


class ReleaseRule:
    """Base of the release codemods; subclasses set the class attributes below."""

    id = ""
    summary = ""
    default_enabled = True
    doc = ""
    name_discarded = False  # `ctx, _ := ...`: name the discarded value and release it
    skip_main = False  # leave main.main alone (the process ends with it)
    base_name = "x"  # fresh name for a discarded value
    released = "released"  # the participle in messages: released, called, stopped
    only_if_returns = False  # silent when the function never returns (a ticker in a server loop)
    inputs: frozenset[str] = frozenset()  # what it reads besides the file (engine.model.INPUTS)
    option_schema: tuple[Option, ...] = (CLOSE_STYLE,)  # its settings in .leakfix.toml

    def __init__(self, options: dict | None = None, template_overrides: dict | None = None):
        opts = resolve(self.option_schema, options, f"[{self.id}]")
        self.table = load_table(self.id, opts.get("resources"))
        styles = _builtin_templates()[self.id]
        style = opts["close-style"]
        if style not in styles:
            raise templates.TemplateError(f"{self.id}: unknown close-style {style!r} ({', '.join(styles)})")
        self.templates = templates.load(styles[style], template_overrides, PLACEHOLDERS)
        self.words = frozenset(self.table.methods) | {f for (pkg, f) in self.table.functions if pkg}
        self.plain = frozenset(f for (pkg, f) in self.table.functions if not pkg)  # configured, unqualified
        self.trigger_calls = frozenset(w.encode() for w in self.words)
        self.triggers = plain_call_regex(self.plain) if self.plain else ()

    def applies(self, gf, ctx: Context) -> bool:
        return True

    def matches(self, body: bytes, ctx: Context | None = None) -> bool:
        """The prefilter beyond the table's names: a call the index may know as a constructor
        (never in the standard library itself, whose resources the table lists)."""
        if "index" not in self.inputs or ctx is None:
            return False
        fi = ctx.index
        index = fi.for_learning() if fi is not None else None
        return index is not None and constructors.may_call_a_learnt_constructor(fi.path, body, index)

    # -- entry point -------------------------------------------------------------------------
    def run(self, gf, ctx: Context) -> list[Finding]:
        if not self.applies(gf, ctx):
            return []
        imports = gf.imports
        fi = ctx.index if "index" in self.inputs and ctx is not None else None
        index = fi.for_learning() if fi is not None else None
        rec = Recogniser(self.table, gf, imports, index)
        out: list[Finding] = []
        calls = gf.calls_to(self.words, self.plain)
        if index is not None:
            seen = {c.id for c in calls}
            calls = calls + [c for c in constructors.calls_in(gf, index) if c.id not in seen]
            calls.sort(key=lambda c: c.start_byte)
        for node in calls:
            acq = rec.acquisition(node)
            if acq is None:
                continue
            finding = _Site(self, gf, rec, acq, imports).analyse()
            if finding is not None:
                out.append(finding)
        return out


def is_main_main(fn: Node, gf) -> bool:
    if fn.type != "function_declaration":
        return False
    name = fn.child_by_field_name("name")
    if name is None or gotree.text(name, gf.body) != "main":
        return False
    pkg = next((c for c in gf.root.children if c.type == "package_clause"), None)
    return pkg is not None and gotree.text(pkg, gf.body).split()[-1] == "main"


class _Site:
    """One acquisition: decide whether it leaks and how to fix it."""

    def __init__(self, rule: ReleaseRule, gf, rec: Recogniser, acq: Acquisition, imports: Imports):
        self.rule = rule
        self.imports = imports
        self.extra: list[Edit] = []  # edits that name a discarded value
        self.companions: list[str] = []
        self.companion_escape: str | None = None
        self.gf = gf
        self.body = gf.body
        self.rec = rec
        self.acq = acq
        self.res = acq.resource
        self.call = acq.call

    def finding(self, message: str, fix: Fix | None = None, reason: str | None = None) -> Finding:
        if fix is not None and self.res.on_request:
            fix.applicability, fix.why = Applicability.ON_REQUEST, self.res.on_request
        return Finding(self.rule.id, self.call.start_byte, self.call.end_byte, message, fix, reason)

    def report(self, reason: str) -> Finding:
        return self.finding(f"{self.res.what} from {self.acq.how} may not be released", reason=reason)

    def analyse(self) -> Finding | None:
        p = self.call.parent
        if p is None:
            return None
        if p.type == "expression_statement":
            if self.res.by_use:
                return None
            return self.report("the result is discarded, so it can never be released")
        if p.type != "expression_list" or len(gotree.expression_list_items(p)) != 1:
            return None  # passed on, returned, or used inline: not this function's to release
        stmt = p.parent
        if stmt is None:
            return None
        if stmt.type == "var_spec":
            lefts = stmt.children_by_field_name("name")
            decl_stmt = stmt.parent
            if decl_stmt is not None and decl_stmt.type == "var_spec_list":
                return None
            is_define = True
        elif stmt.type in ("short_var_declaration", "assignment_statement") and stmt.child_by_field_name("right") == p:
            lefts = gotree.expression_list_items(stmt.child_by_field_name("left"))
            decl_stmt = stmt
            is_define = stmt.type == "short_var_declaration"
            if stmt.type == "assignment_statement":
                op = stmt.child_by_field_name("operator")
                if op is None or gotree.text(op, self.body) != "=":
                    return None
        else:
            return None
        if len(lefts) != self.res.results:
            return None
        var = lefts[self.res.value]
        if var.type != "identifier":
            return None  # stored straight into a field or an element: owned elsewhere
        name = gotree.text(var, self.body)
        errname = gotree.text(lefts[-1], self.body) if self.res.has_error else None
        fn = gotree.enclosing_function(self.call)
        if fn is None:
            return None  # a package-level variable: lives as long as the program
        if self.rule.skip_main and is_main_main(fn, self.gf):
            return None
        if name == "_":
            if self.res.by_use:
                return None
            if not self.rule.name_discarded:
                if self.gf.path.endswith("_test.go"):
                    return None  # in a test, `_, err := Open(..)` is almost always a call expected to fail
                return self.report("the value is assigned to _, so it can never be released")
            name = self._name_discarded(var, decl_stmt, fn, is_define)
            if name is None:
                return self.report("the value is assigned to _ in a declaration leakfix cannot rewrite")
        returns_resource = self._returns_resource_type(fn)  # a constructor: ownership goes to the caller
        container = decl_stmt.parent
        if container is None:
            return None
        if not is_define and not self.extra and not self._declared_here(name, decl_stmt, container):
            if self._declared_in(fn, name) and self._never_touched(name, fn, decl_stmt):
                return self.report(f"{name} is declared in an outer block and never {self.rule.released}; "
                                   "release it by hand")
            return None  # a result parameter, a captured or package-level variable: owned elsewhere
        if container.type == "statement_list":
            region = gotree.following(decl_stmt)
            mode = "stmt"
        elif container.type == "if_statement" and container.child_by_field_name("initializer") == decl_stmt:
            region = [c for c in (container.child_by_field_name("condition"), container.child_by_field_name("consequence"),
                                  container.child_by_field_name("alternative")) if c is not None]
            mode = "if-init"
        else:
            return None if self.res.by_use else self.report("acquired in a loop or switch header; release it by hand")
        if self.res.by_use and not self._may_be_used_by(region):
            return None  # what would identify the value is never written after it (the check below, cheaply)
        tracker = Tracker(self.gf, self.rec, self.res.release_path, self.res.release_method)
        t = tracker.track(Binding(name, decl_stmt, container, fn, region))
        if returns_resource and not (t.escapes and all(_in_return(e) for e, _ in t.escapes)):
            return None  # a constructor that hands the value on some other way: the caller owns it
        if self.res.by_use and not self._used_as_resource(t):
            return None
        if t.deferred:
            return None
        if t.escapes and t.unknown:
            return None
        if t.unknown:
            node, why = t.unknown[0]
            if why.startswith("handed to "):
                # a function that receives the value usually owns it from then on (a logger set on a
                # server, a wrapper, an accounting reader): the precision audit found 61 of 73 such
                # reports to be false alarms, so a hand-over to a function leakfix cannot see into
                # counts as one, as bodyclose counts it
                return None
            line = self.gf.line_col(node.start_byte)[0]
            return self._report_unless_released(f"{name} is {why} (line {line}), which may keep or release it",
                                                name, errname, region, t, mode)
        if not t.escapes:
            derived = derived_escape(self.gf, self.rec, name, container, fn, region)
            if derived is not None:
                return None  # what its methods return leaves with a reference to it: the caller's now
        if t.reassigned:
            return None if t.escapes else self._report_unless_released(
                f"{name} is assigned again later; release it by hand", name, errname, region, t, mode)
        # the other results (a context beside its cancel func) must not outlive the release
        self.companions = [gotree.text(v, self.body) for i, v in enumerate(lefts)
                           if i != self.res.value and not (self.res.has_error and i == len(lefts) - 1)
                           and v.type == "identifier" and gotree.text(v, self.body) != "_"]
        self.companion_escape = None
        for comp in self.companions:
            ct = Tracker(self.gf, self.rec, (), "\0", results_carry="return").track(
                Binding(comp, decl_stmt, container, fn, region))
            if ct.escapes:
                node, why = ct.escapes[0]
                line = self.gf.line_col(node.start_byte)[0]
                self.companion_escape = f"{comp} is {why} (line {line}) and would be cut off by the release"
                break
        in_loop = self._in_loop(decl_stmt, fn)
        return self._place(name, errname, decl_stmt, container, mode, region, t, fn, in_loop)

    def _name_discarded(self, var: Node, stmt: Node, fn: Node, is_define: bool) -> str | None:
        """Give a discarded value (`ctx, _ := ...`) a fresh name; the edits go to self.extra."""
        name = gotree.fresh_name(self.rule.base_name, gotree.declared_names(fn, self.body))
        self.extra.append(Edit(var.start_byte, var.end_byte, name.encode()))
        if not is_define:
            if stmt.type != "assignment_statement" or not self.res.func_type:
                return None
            # the type is in the resource's package, or in the one it names (`context.CancelFunc`)
            tpath, _, tname = self.res.func_type.rpartition(".")
            pkg = self.imports.name_of(tpath or self.res.package)
            if pkg is None:
                if tpath:
                    return None  # that package is not imported here
                pkg = self.res.package.rsplit("/", 1)[-1]
            indent = self.gf.indent_at(stmt.start_byte)
            start = self.gf.line_start(stmt.start_byte)
            if self.body[start:stmt.start_byte].strip():
                return None
            self.extra.append(Edit(start, start, f"{indent}var {name} {pkg}.{tname}\n".encode()))
        return name

    # -- placement ---------------------------------------------------------------------------
    def _place(self, name, errname, decl_stmt, container, mode, region, t, fn, in_loop) -> Finding | None:
        # When ownership leaves on some path, the value is never rewritten: it is reported only
        # when another path neither releases nor hands it over.
        escaping = bool(t.escapes)
        if escaping:
            self.report = lambda reason: None  # type: ignore[method-assign]
        reader = self._reader(name, errname, region)
        check, after, facts = None, list(region), Facts()
        start = LIVE
        if mode == "if-init":
            check, after = container, []
            op = err_comparison(container.child_by_field_name("condition"), errname, self.body) if errname else None
            if op is None:
                return self.report("acquired in an if statement without an error check; release it by hand")
            facts = reader.read_if_init(container)
            flow_stmts, start = [container], LIVE | NIL
        elif errname is not None:
            if errname == "_":
                return self._report_unless_released("the error is discarded, so the value may be nil; release it by hand",
                                                    name, errname, region, t, mode)
            facts = reader.read(region)
            check = facts.check
            if check is None:
                return self._report_unless_released(
                    f"no `if {errname} != nil` check follows before it is used; release it by hand",
                    name, errname, region, t, mode)
            after = region[facts.index + 1:]
            flow_stmts, start = region[facts.first:], LIVE | NIL
            if check.type == "expression_statement":
                flow_stmts, start = after, LIVE  # a guard (`require.NoError(t, err)`) leaves unless err is nil
        else:
            facts = reader.read(region)
            flow_stmts = after
        handovers = t.releases + [e for e, _ in t.escapes]
        try:
            flow = Flow(self.gf, self.rec, handovers, facts=facts.blocks, start=start).run(flow_stmts)
        except Unanalysable as exc:
            return self.report(f"the function uses {exc}; release it by hand")
        leaks = [x for x in flow.exits if not x.released]
        if not leaks and flow.falls is not False:
            return None  # released (or handed over) on every path
        if self.rule.only_if_returns and not flow.exits and flow.falls is None and \
                container == fn.child_by_field_name("body").named_children[0]:
            return None  # the function never returns: the value lives as long as it does
        if escaping and all(_in_return(e) for e, _ in t.escapes) and not in_loop:
            fixed = self._fix_error_paths(name, leaks, flow, check, decl_stmt, start, fn)
            if fixed is not None:
                return fixed
        if escaping:
            node, why = t.escapes[0]
            line = self.gf.line_col(node.start_byte)[0]
            where = self.gf.line_col(leaks[0].node.start_byte)[0] if leaks else None
            return Finding(self.rule.id, self.call.start_byte, self.call.end_byte,
                           f"{self.res.what} from {self.acq.how} is {why} on line {line} but neither released "
                           f"nor handed over on another path" + (f" (line {where})" if where else ""),
                           None, "ownership leaves the function on some paths; release it by hand on the others")
        some = bool(t.releases)
        msg = f"{self.res.what} from {self.acq.how} is {self._state(some)}"
        if self.companion_escape:
            return self.finding(msg, reason=self.companion_escape)
        if in_loop:
            return self._fix_in_loop(name, msg, flow, facts, mode, after, check or decl_stmt,
                                     lambda settle: Flow(self.gf, self.rec, handovers, facts=facts.blocks, start=start,
                                                         settle=settle).run(flow_stmts))
        # a defer: first in each block where the acquisition succeeded, or right after the check
        # (or the acquisition) when no path reaches that point with a nil value
        live = [(key, node) for key, node in facts.live if node is not None and flow.entry.get(key)]
        if any(flow.entry[key] & NIL for key, _ in live):
            return self._report_unless_released("it may be nil where the release would go; release it by hand",
                                                name, errname, region, t, mode)
        site = check or decl_stmt
        if check is not None and (facts.live and all(node is not None for _, node in facts.live)):
            if any(node.type == "if_statement" for _, node in live):
                return self._report_unless_released("the error check continues with else if; release it by hand",
                                                    name, errname, region, t, mode)
            if not live:
                return self._report_unless_released("no branch of the error check keeps the value; release it by hand",
                                                    name, errname, region, t, mode)
        else:
            live = []
            state = flow.after.get(site.id, 0) if check is not None else start
            if state & NIL:
                return self._report_unless_released("the error branch does not leave the function; release it by hand",
                                                    name, errname, region, t, mode)
        value = self._value(name)
        release = self._release_call(value)
        err_result = self._error_result(fn) if self._writable() and not t.releases else None
        edits: list[Edit] = []
        if err_result is not None:
            err, result_edits = err_result
            cerr = gotree.fresh_name("cerr", gotree.declared_names(fn, self.body))
            which, values = "defer-keep-error", dict(release=release, value=value, err=err, cerr=cerr)
            edits.extend(result_edits)
            desc = f"defer {release} and return its error"
        else:
            which, values = "defer", dict(release=release, value=value)
            desc = f"defer {release}"
        if live:
            for _, node in live:
                indent = self.gf.indent_at(site.start_byte) + "\t"
                code = self._render(which, site, indent, **values)
                if code is None:
                    return self.report("the configured template could not be filled")
                pos = _block_start(node)
                edits.append(Edit(pos, pos, f"\n{indent}{code}".encode()))
        else:
            code = self._render(which, site, None, **values)
            if code is None:
                return self.report("the configured template could not be filled")
            edits.append(self._after_stmt(site, code))
        scope = (fn.start_byte, fn.end_byte) if self.extra or err_result is not None else None
        return self.finding(msg, Fix(self.extra + edits, self._imports("defer"), desc, scope=scope))

    def _fix_error_paths(self, name, leaks, flow, check, decl_stmt, start, fn) -> Finding | None:
        """The value leaves the function on success (returned, or inside what is returned): release
        it on every failing return that leaks it, never on the success path. One or two such
        returns get an explicit release before them; more get one deferred release that runs when
        the (named) error result is not nil. None when the shape is not one of these."""
        if not leaks or flow.falls is False or self.companions:
            return None
        for x in leaks:
            if x.kind != "return" or x.may_be_nil:
                return None
            results = [c for c in x.node.named_children if c.type != "comment"]
            items = gotree.expression_list_items(results[0]) if len(results) == 1 and \
                results[0].type == "expression_list" else results
            if not items or gotree.text(items[-1], self.body) == "nil":
                return None  # not a failing return: nothing says the caller will not get the value
            if any(not _field_read(i) for i in gotree.identifiers(x.node, name, self.body)):
                return None  # handed back with the error (the caller may use or close it), or used after the release
        value = self._value(name)
        release = self._release_call(value)
        n = len(leaks)
        msg = (f"{self.res.what} from {self.acq.how} is handed on when the function succeeds but not released on "
               f"{n} failing return{'s' if n > 1 else ''}")
        edits: list[Edit] = []
        if n <= 2:
            for x in leaks:
                at = self.gf.line_start(x.node.start_byte)
                if self.body[at:x.node.start_byte].strip():
                    return None
                code = self._render("release", x.node, release=release, value=value)
                if code is None:
                    return None
                edits.append(Edit(at, at, f"{self.gf.indent_at(x.node.start_byte)}{code}\n".encode()))
            return self.finding(msg, Fix(self.extra + edits, self._imports("release"),
                                         f"{release} before each failing return"))
        site = check or decl_stmt
        if (flow.after.get(site.id, 0) if check is not None else start) & NIL:
            return None
        err_result = self._error_result(fn)
        if err_result is None:
            return None
        err, result_edits = err_result
        code = self._render("release-on-error", site, None, release=release, value=value, err=err)
        if code is None:
            return None
        edits.extend(result_edits)
        edits.append(self._after_stmt(site, code))
        return self.finding(msg, Fix(self.extra + edits, self._imports("release-on-error"),
                                     f"defer {release} when the function fails", scope=(fn.start_byte, fn.end_byte)))

    def _fix_in_loop(self, name, msg, flow, facts: Facts, mode, after: list[Node], anchor: Node, rerun) -> Finding:
        """An explicit release at every exit of the iteration that leaks, and where it falls
        through. Every such point must be one that no path reaches with a nil value: when the
        error check lets the failure fall through, the releases go into the blocks where the
        acquisition succeeded (at their ends and before their exits) instead."""
        settled: list[tuple[Node, str, int]] = []
        end = after[-1] if after else anchor
        if mode == "if-init" or any(x.may_be_nil for x in flow.exits if not x.released) or \
                (flow.end & LIVE and flow.end & NIL):
            # the value is out of scope after an if statement's initializer, or may be nil there
            live = [(key, node) for key, node in facts.live]
            if any(node is not None and node.type == "if_statement" for _, node in live):
                return self.report("the error check continues with else if; release it by hand")
            if not live or any(node is None for _, node in live):
                return self._nil_report(flow)
            if mode != "if-init":
                uses = [u for nm in [name] + self.companions for u in self._tracker().uses(nm, after)]
                if uses:
                    line = self.gf.line_col(uses[0].start_byte)[0]
                    return self.report(f"{name} may be nil after the error check and is used on line {line}; "
                                       "release it by hand")
            try:
                flow = rerun(frozenset(key for key, _ in live))
            except Unanalysable as exc:  # pragma: no cover - the first run would have raised
                return self.report(f"the function uses {exc}; release it by hand")
            settled = flow.settled
        leaks = [x for x in flow.exits if not x.released]
        if any(x.may_be_nil for x in leaks) or (flow.end & LIVE and flow.end & NIL):
            return self._nil_report(flow)
        value = self._value(name)
        release = self._release_call(value)
        edits: list[Edit] = []
        for x in leaks:
            if x.kind == "return" and any(True for nm in [name] + self.companions
                                          for _ in gotree.identifiers(x.node, nm, self.body)):
                line = self.gf.line_col(x.node.start_byte)[0]
                return self.report(f"the return on line {line} uses {name}; release it by hand")
            start = self.gf.line_start(x.node.start_byte)
            if self.body[start:x.node.start_byte].strip():
                return self.report("an exit shares its line with other code; release it by hand")
            indent = self.gf.indent_at(x.node.start_byte)
            code = self._render("release", x.node, release=release, value=value)
            edits.append(Edit(start, start, f"{indent}{code}\n".encode()))
        for node, where, _ in settled:
            if where == "before":
                start = self.gf.line_start(node.start_byte)
                if self.body[start:node.start_byte].strip():
                    return self.report("an exit shares its line with other code; release it by hand")
                code = self._render("release", node, release=release, value=value)
                edits.append(Edit(start, start, f"{self.gf.indent_at(node.start_byte)}{code}\n".encode()))
                continue
            stmts = gotree.statements(node)
            if not stmts:
                return self.report("the block where it has a value is empty; release it by hand")
            code = self._render("release", stmts[-1], release=release, value=value)
            edits.append(self._after_stmt(stmts[-1], code))
        if flow.falls is False:
            code = self._render("release", end, release=release, value=value)
            edits.append(self._after_stmt(end, code))
        fn = gotree.enclosing_function(self.call)
        scope = (fn.start_byte, fn.end_byte) if self.extra and fn is not None else None
        return self.finding(msg, Fix(self.extra + edits, self._imports("release"),
                                     f"{release} at every exit of the iteration", scope=scope))

    def _nil_report(self, flow) -> Finding | None:
        """The report for a leak whose release would have to go where the value may be nil."""
        where = next((x.node for x in flow.exits if not x.released and x.may_be_nil), None)
        at = f" (line {self.gf.line_col(where.start_byte)[0]})" if where is not None else ""
        return self.report(f"the error check does not leave the iteration, so it may be nil where it would be "
                           f"released{at}; release it by hand")

    def _reader(self, name: str, errname: str | None, region: list[Node]) -> Reader:
        uses = {u.id for u in self._tracker().uses(name, region)}
        return Reader(self.rec, name, errname, uses)

    def _tracker(self) -> Tracker:
        return Tracker(self.gf, self.rec, self.res.release_path, self.res.release_method)

    def _report_unless_released(self, reason: str, name: str, errname: str | None, region: list[Node], t,
                                mode: str) -> Finding | None:
        """The report for a value leakfix will not rewrite, unless the function already releases it
        on every path (a nil value needs nothing), whatever else it does with it."""
        if mode == "stmt" and self._released_anyway(name, errname, region, t):
            return None
        return self.report(reason)

    def _released_anyway(self, name: str, errname: str | None, region: list[Node], t) -> bool:
        stmts, releases = list(region), list(t.releases)
        if t.reassigned:
            # the value must be released before the name is given another one
            first = min(t.reassigned, key=lambda n: n.start_byte)
            idx = next((i for i, s in enumerate(stmts) if s.start_byte <= first.start_byte < s.end_byte), None)
            if idx is None or stmts[idx] != first:
                return False  # reassigned inside a nested statement
            stmts = stmts[:idx]
            releases = [r for r in releases if r.end_byte <= first.start_byte]
        if not releases:
            return False
        facts = self._reader(name, errname, stmts).read(stmts)
        try:
            flow = Flow(self.gf, self.rec, releases, facts=facts.blocks,
                        start=LIVE | NIL if errname and errname != "_" else LIVE).run(stmts)
        except Unanalysable:
            return False
        return flow.falls is not False and all(x.released for x in flow.exits)

    # -- helpers -------------------------------------------------------------------------------
    def _state(self, some: bool) -> str:
        word = self.rule.released
        return f"not {word} on every path" if some else f"never {word}"

    def _value(self, name: str) -> str:
        return ".".join((name,) + self.res.release_path)

    def _release_call(self, value: str) -> str:
        return f"{value}{self.res.release}" if self.res.released_by_call else f"{value}.{self.res.release_method}()"

    def _render(self, which: str, site: Node, indent: str | None = None, **values: str) -> str | None:
        tpl = self.rule.templates.get(which)
        if tpl is None:
            return None
        if indent is None:
            indent = self.gf.indent_at(site.start_byte)
        try:
            return tpl.render(indent, **values)
        except templates.TemplateError:
            return None

    def _imports(self, which: str) -> list[Import]:
        tpl = self.rule.templates.get(which)
        return [Import(p) for p in tpl.imports] if tpl is not None else []

    def _after_stmt(self, stmt: Node, code: str) -> Edit:
        pos = self.gf.eol(stmt.end_byte)
        indent = self.gf.stmt_indent(stmt)
        return Edit(pos, pos, f"\n{indent}{code}".encode())

    def _used_as_resource(self, t) -> bool:
        """For a value recognised by its use (a method of unknown receiver, e.g. `.Get(`): it is
        used as the resource (every name of some by-use group, e.g. `.Body`) and never as bytes
        or a string (a secret store's Get returns []byte)."""
        return not t.as_data and any(all(u in t.used_as for u in group) for group in self.res.by_use)

    def _may_be_used_by(self, region: list[Node]) -> bool:
        """Whether every name of some by-use group occurs in the region's text: the tracker can only
        see a value used as `x.Body` or `x.Next()` where those names are written."""
        if not region:
            return False
        start, end = region[0].start_byte, region[-1].end_byte
        return any(all(self.body.find(u.encode(), start, end) != -1 for u in group) for group in self.res.by_use)

    def _in_loop(self, stmt: Node, fn: Node) -> bool:
        return any(a.type == "for_statement" for a in gotree.ancestors(stmt, fn))

    def _declared_here(self, name: str, stmt: Node, container: Node) -> bool:
        if container.type != "statement_list":
            return False
        for s in container.named_children:
            if s == stmt:
                return False
            if s.type == "var_declaration" and any(
                    gotree.text(n, self.body) == name for spec in s.named_children for n in spec.children_by_field_name("name")):
                return True
            if s.type == "short_var_declaration" and any(
                    gotree.text(n, self.body) == name for n in gotree.expression_list_items(s.child_by_field_name("left"))):
                return True
        return False

    def _never_touched(self, name: str, fn: Node, stmt: Node) -> bool:
        """True when nothing in the scope of the name's declaration (the nearest one before stmt
        in an enclosing block, else the function's body) releases it or hands it on, and, for a
        value recognised by its use, when it is used as one."""
        region = self._outer_declaration_scope(name, stmt, fn)
        if region is None:
            region = gotree.statements(fn.child_by_field_name("body"))
        t = self._tracker().track(Binding(name, region[0] if region else fn, fn, fn, region))
        if self.res.by_use and not self._used_as_resource(t):
            return False
        return not (t.releases or t.escapes or t.unknown)

    def _outer_declaration_scope(self, name: str, stmt: Node, fn: Node) -> list[Node] | None:
        """The statements that follow the declaration of name visible at stmt, when a block
        around stmt declares it (`var conn net.Conn` before `if conn, err = ...`)."""
        child = stmt
        for anc in gotree.ancestors(stmt, fn):
            if anc.type == "statement_list":
                before = []
                for s in anc.named_children:
                    if s.start_byte >= child.start_byte:
                        break
                    before.append(s)
                for s in reversed(before):
                    if _declares_name(s, name, self.body):
                        return gotree.following(s)
            child = anc
        return None

    def _declared_in(self, fn: Node, name: str) -> bool:
        return name in self.rec.declared(fn)

    def _returns_resource_type(self, fn: Node) -> bool:
        res = fn.child_by_field_name("result")
        if res is None:
            return False
        wanted = set(self.res.returns) | set(OWNERSHIP_TYPES)
        nodes = [d.child_by_field_name("type") for d in res.named_children] if res.type == "parameter_list" else [res]
        for tn in nodes:
            full = self.rec.type_name(tn)
            if full is None:
                continue
            path, typ = full.rsplit(".", 1)
            if f"{path.rsplit('/', 1)[-1]}.{typ}" in wanted:
                return True
        return False

    def _writable(self) -> bool:
        if self.res.writable:
            return True
        if self.res.package == "os" and self.res.function == "OpenFile":
            _, args = gotree.call_parts(self.call)
            if len(args) < 2:
                return True
            flags = gotree.text(args[1], self.body)
            if all(ch.isalnum() or ch in "._| " for ch in flags) and "O_RDONLY" in flags and \
                    not any(f in flags for f in WRITE_FLAGS):
                return False
            return any(f in flags for f in WRITE_FLAGS) or "O_" not in flags
        return False

    def _error_result(self, fn: Node) -> tuple[str, list[Edit]] | None:
        """The name of the function's error result, naming the results if needed, or None."""
        res = fn.child_by_field_name("result")
        if res is None:
            return None
        taken = gotree.declared_names(fn, self.body)
        if res.type != "parameter_list":
            if gotree.text(res, self.body) != "error":
                return None
            name = gotree.fresh_name("retErr", taken)
            return name, [Edit(res.start_byte, res.end_byte, f"({name} error)".encode())]
        decls = [d for d in res.named_children if d.type in ("parameter_declaration", "variadic_parameter_declaration")]
        if not decls:
            return None
        last = decls[-1]
        ltype = last.child_by_field_name("type")
        if ltype is None or gotree.text(ltype, self.body) != "error":
            return None
        names = last.children_by_field_name("name")
        if names:
            nm = gotree.text(names[-1], self.body)
            if nm != "_":
                return nm, []
            fresh = gotree.fresh_name("retErr", taken)
            return fresh, [Edit(names[-1].start_byte, names[-1].end_byte, fresh.encode())]
        if any(d.children_by_field_name("name") for d in decls):
            return None
        fresh = gotree.fresh_name("retErr", taken)
        edits = [Edit(d.start_byte, d.start_byte, b"_ ") for d in decls[:-1]]
        edits.append(Edit(last.start_byte, last.start_byte, f"{fresh} ".encode()))
        return fresh, edits


def _field_read(ident: Node) -> bool:
    """`resp.Status`: a field of the value read, not the value itself nor a method called on it."""
    p = ident.parent
    if p is None or p.type != "selector_expression" or p.child_by_field_name("operand") != ident:
        return False
    gp = p.parent
    return not (gp is not None and gp.type == "call_expression" and gp.child_by_field_name("function") == p)


def _in_return(node: Node) -> bool:
    """Whether node is part of a return statement's results (returned, or inside what is)."""
    p = node.parent
    while p is not None and p.type not in ("function_declaration", "method_declaration", "func_literal"):
        if p.type == "return_statement":
            return True
        if p.type in ("block", "statement_list"):
            return False
        p = p.parent
    return False


def _declares_name(s: Node, name: str, body: bytes) -> bool:
    if s.type == "var_declaration":
        return any(gotree.text(n, body) == name for spec in s.named_children
                   for sp in ([spec] if spec.type == "var_spec" else spec.named_children)
                   for n in sp.children_by_field_name("name"))
    if s.type == "short_var_declaration":
        return any(gotree.text(n, body) == name for n in gotree.expression_list_items(s.child_by_field_name("left")))
    return False


def _block_start(node: Node) -> int:
    """Where the statements of a block (after `{`) or of a case clause (after `:`) begin."""
    for c in node.children:
        if c.type in ("{", ":"):
            return c.end_byte
    return node.start_byte
