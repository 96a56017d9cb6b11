"""A release deferred too late: `defer x.Close()` written after a return that can be taken once x
is valid. Moves the defer up to right after the error check (for a cancel func: right after the
call), when that provably changes nothing but the paths that leaked.

The analysis runs in stages, each returning a value or a reason: what the defer releases
(`deferred_release`), where the value is bound and known valid (`binding`), what the statements
in between do with it (`ownership`), which of their exits leak it (`leaking_exits`), and the edits.
"""
from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from leakfix.engine import gotree
from leakfix.engine.model import Edit, Finding, Fix

from .lifetime import (Binding, Flow, Tracker, Tracking, Unanalysable, branch_terminates, err_comparison,
                       is_terminator_call)
from .resources import Recogniser

# methods whose deferred call on a resource only releases it
RELEASE_METHODS = frozenset({"Close", "Stop"})


@dataclass(frozen=True)
class Release:
    """What a defer statement releases: `name.path....method()`, or `name()` when method is ''."""

    name: str
    path: tuple[str, ...]
    method: str
    unsafe: str | None = None  # why moving this defer could change more than the leaking paths


@dataclass(frozen=True)
class Site:
    """Where the released value is bound, and the statement after which it is known valid."""

    acquire: Node  # the statement binding the value
    anchor: Node  # the error check, or the binding itself when no check is needed
    between: list[Node]  # the statements from after the anchor up to the defer


class Analysis:
    """Decides one defer statement of one file (rule id and recognisers given by the rule)."""

    def __init__(self, rule_id: str, gf, close_rec: Recogniser, cancel_rec: Recogniser):
        self.rule_id = rule_id
        self.gf = gf
        self.body = gf.body
        self.close_rec = close_rec
        self.cancel_rec = cancel_rec

    def run(self, d: Node) -> Finding | None:
        rel = deferred_release(d, self.body, self.close_rec)
        if rel is None:
            return None
        fn = gotree.enclosing_function(d)
        if fn is None or _in_loop(d, fn):
            return None  # a defer in a loop body is defer-in-loop's
        site = binding(d, rel, self.body, self.close_rec, self.cancel_rec)
        if site is None or compared_with_nil(site, rel, self.body) or not _local(site, rel.name, fn, self.body):
            return None
        t = Tracker(self.gf, self.close_rec, rel.path, rel.method).track(
            Binding(rel.name, site.acquire, site.acquire.parent, fn, site.between))
        leaks = leaking_exits(self.gf, self.close_rec, site, t)
        if not leaks:
            return None  # nothing can leave between the check and the defer without releasing it
        text = gotree.text(d, self.body).splitlines()[0]
        line = self.gf.line_col(leaks[0].start_byte)[0]
        msg = f"`{text}` comes after a return that can be taken once {rel.name} is valid (line {line}): that path leaks it"
        reason = rel.unsafe or ownership(self.gf, site, rel, t) or companions(self.gf, self.close_rec, site, rel, fn) or \
            _scope_problem(d, site, self.body) or self._unknown_value(site, rel)
        if reason is not None:
            return Finding(self.rule_id, d.start_byte, d.end_byte, msg, None, reason + "; move the defer by hand")
        fix = self._fix(d, site)
        if isinstance(fix, str):
            return Finding(self.rule_id, d.start_byte, d.end_byte, msg, None, fix)
        return Finding(self.rule_id, d.start_byte, d.end_byte, msg, fix)

    def _unknown_value(self, site: Site, rel: Release) -> str | None:
        """A reason when the bound value is not known to be a resource that this defer releases
        (a writer whose Close writes or commits must not be closed on more paths)."""
        call = _bound_call(site.acquire)
        for rec in (self.close_rec, self.cancel_rec):
            acq = rec.acquisition(call) if call is not None else None
            if acq is None:
                continue
            r = acq.resource
            if r.by_use and not self._used_as(site, rel.name, r.by_use):
                continue  # a method of a receiver of unknown type whose result is not used as one
            if r.released_by_call:
                if rel.method == "" and rel.path == ():
                    return None
            elif rel.method == r.release_method and rel.path == r.release_path:
                return None
        return f"leakfix does not know {rel.name} as a resource whose {_release_text(rel)} only releases it"

    def _used_as(self, site: Site, name: str, groups: tuple[tuple[str, ...], ...]) -> bool:
        fn = gotree.enclosing_function(site.acquire)
        used = Tracker(self.gf, self.close_rec, (), "\0").track(
            Binding(name, site.acquire, site.acquire.parent, fn, gotree.following(site.acquire))).used_as
        return any(all(u in used for u in group) for group in groups)

    def _fix(self, d: Node, site: Site) -> Fix | str:
        gf, body = self.gf, self.body
        start = gf.line_start(d.start_byte)
        end = gf.line_end(d.end_byte)
        rest = body[d.end_byte:end].strip(b" \t\r")
        if body[start:d.start_byte].strip() or (rest and not rest.startswith(b"//")):
            return "the defer shares its line; move it by hand"
        # comment lines right above the defer describe it: they move along
        cur = d.prev_sibling
        while cur is not None and cur.type == "comment" and cur.end_byte > site.anchor.end_byte:
            cstart = gf.line_start(cur.start_byte)
            if body[cstart:cur.start_byte].strip() or body[cur.end_byte:gf.line_end(cur.end_byte)].strip() or \
                    gf.line_col(cur.end_byte)[0] + 1 != gf.line_col(start)[0]:
                break
            start = cstart
            cur = cur.prev_sibling
        text = body[start:end].rstrip(b"\r")
        ins = gf.eol(site.anchor.end_byte)
        return Fix([Edit(*gf.lines_removal(start, end + 1), b""), Edit(ins, ins, b"\n" + text)],
                   description="move the defer up to right after the check")


# -- stage 1: what the defer releases ---------------------------------------------------------

def deferred_release(d: Node, body: bytes, rec: Recogniser) -> Release | None:
    """The value a defer statement releases, or None when it is no plain release."""
    call = next((c for c in d.named_children if c.type == "call_expression"), None)
    if call is None:
        return None
    callee, args = gotree.call_parts(call)
    if callee is not None and callee.type == "func_literal":
        return None if args else _closure_release(callee, body, rec)
    return _release_call(call, body)


def _release_call(call: Node, body: bytes) -> Release | None:
    """`x.Close()`, `resp.Body.Close()`, `cancel()` or `cancel(nil)`."""
    callee, args = gotree.call_parts(call)
    if callee is None or any(gotree.text(a, body) != "nil" for a in args):
        return None
    if callee.type == "identifier":
        return Release(gotree.text(callee, body), (), "")
    chain = gotree.dotted(callee, body)
    if chain is None or callee.type != "selector_expression" or args:
        return None
    parts = chain.split(".")
    if len(parts) < 2 or parts[-1] not in RELEASE_METHODS:
        return None
    return Release(parts[0], tuple(parts[1:-1]), parts[-1])


def _closure_release(lit: Node, body: bytes, rec: Recogniser) -> Release | None:
    """The value a deferred closure releases. Its statements may release it (plainly, `_ = ...`,
    or `if cerr := x.Close(); cerr != nil { ... }`); anything else makes the release unsafe to
    move: an assignment to an outer variable (a named error result) not guarded by `v == nil`
    would change what an early return returns."""
    params = lit.child_by_field_name("parameters")
    if params is not None and params.named_child_count:
        return None
    found: list[Release] = []
    unsafe: str | None = None
    for st in gotree.statements(lit.child_by_field_name("body")):
        call = _released_in(st, body)
        rel = _release_call(call, body) if call is not None else None
        if rel is None:
            unsafe = unsafe or "the deferred closure does more than release the value"
            continue
        found.append(rel)
        if st.type == "assignment_statement":
            target = gotree.text(st.child_by_field_name("left"), body)
            if target != "_":
                unsafe = unsafe or f"the deferred closure assigns {target}, which the early return may have set"
        if st.type == "if_statement":
            unsafe = unsafe or _unguarded_assignment(st, lit, body, rec)
    if not found or len(set(found)) != 1:
        return None
    return Release(found[0].name, found[0].path, found[0].method, unsafe)


def _released_in(st: Node, body: bytes) -> Node | None:
    if st.type == "expression_statement" and st.named_child_count and st.named_children[0].type == "call_expression":
        return st.named_children[0]
    if st.type == "assignment_statement":
        lefts = gotree.expression_list_items(st.child_by_field_name("left"))
        rights = gotree.expression_list_items(st.child_by_field_name("right"))
        if len(lefts) == 1 and len(rights) == 1 and rights[0].type == "call_expression":
            return rights[0]
        return None
    if st.type == "if_statement":
        init = st.child_by_field_name("initializer")
        if init is None or init.type != "short_var_declaration" or st.child_by_field_name("alternative") is not None:
            return None
        rights = gotree.expression_list_items(init.child_by_field_name("right"))
        if len(rights) == 1 and rights[0].type == "call_expression":
            return rights[0]
    return None


def _unguarded_assignment(st: Node, lit: Node, body: bytes, rec: Recogniser) -> str | None:
    """In `if cerr := x.Close(); cond { ... }`: an outer variable assigned without `v == nil` in
    cond, or a call that ends the program."""
    cond = gotree.text(st.child_by_field_name("condition"), body).replace(" ", "")
    init = st.child_by_field_name("initializer")
    local = {gotree.text(n, body) for n in gotree.expression_list_items(init.child_by_field_name("left"))}
    for n in gotree.walk(st.child_by_field_name("consequence")):
        if n.type == "call_expression" and is_terminator_call(n, rec):
            return "the deferred closure can end the program"
        if n.type in ("assignment_statement", "short_var_declaration", "inc_statement", "dec_statement"):
            if n.type == "short_var_declaration":
                local |= {gotree.text(x, body) for x in gotree.expression_list_items(n.child_by_field_name("left"))}
                continue
            left = n.child_by_field_name("left") or (n.named_children[0] if n.named_child_count else None)
            for x in gotree.expression_list_items(left):
                name = gotree.text(x, body)
                if name not in local and f"{name}==nil" not in cond:
                    return f"the deferred closure assigns {name}, which the early return may have set"
    return None


# -- stage 2: where the value is bound and known valid ----------------------------------------

def binding(d: Node, rel: Release, body: bytes, close_rec: Recogniser, cancel_rec: Recogniser) -> Site | None:
    """The statement binding rel.name in the defer's own statement list and the point after which
    the value is valid: its `if err != nil` check (which must leave the function), or the binding
    itself for a cancel func. None when the defer already comes right after that point."""
    if d.parent is None or d.parent.type != "statement_list":
        return None
    before: list[Node] = []
    cur = d.prev_named_sibling
    acquire = None
    while cur is not None:
        if cur.type != "comment":
            if _binds(cur, rel.name, body):
                acquire = cur
                break
            before.append(cur)
        cur = cur.prev_named_sibling
    if acquire is None or not before:
        return None
    before.reverse()  # the statements between the binding and the defer, in order
    lefts = gotree.expression_list_items(acquire.child_by_field_name("left"))
    names = [gotree.text(v, body) for v in lefts]
    call = _bound_call(acquire)
    # (value, err) only: with more results, another one may say the value is nil (`s, url, err`)
    if len(names) == 2 and names[-1] not in ("_", rel.name) and rel.name == names[0]:
        check = before[0]
        if check.type != "if_statement" or check.child_by_field_name("initializer") is not None or \
                check.child_by_field_name("alternative") is not None or \
                err_comparison(check.child_by_field_name("condition"), names[-1], body) != "!=" or \
                not branch_terminates(check.child_by_field_name("consequence"), close_rec, in_loop=False):
            return None
        between = before[1:]
        while between and _nil_check(between[0], rel.name, body, close_rec):
            check, between = between[0], between[1:]  # `if x == nil { return }`: valid after it
        return Site(acquire, check, between) if between else None
    acq = cancel_rec.acquisition(call) if call is not None else None
    if acq is not None and acq.resource.released_by_call and names.index(rel.name) == acq.resource.value:
        return Site(acquire, acquire, before)
    return None


def _nil_check(st: Node, name: str, body: bytes, rec: Recogniser) -> bool:
    """`if name == nil { ...leave }`, with no initializer and no else."""
    return st.type == "if_statement" and st.child_by_field_name("initializer") is None and \
        st.child_by_field_name("alternative") is None and \
        err_comparison(st.child_by_field_name("condition"), name, body) == "==" and \
        branch_terminates(st.child_by_field_name("consequence"), rec, in_loop=False)


def compared_with_nil(site: Site, rel: Release, body: bytes) -> bool:
    """Whether the statements in between compare the value (or a field on the way to its release)
    with nil: its author doubts it is valid there, and the moved defer could dereference nil."""
    names = {".".join((rel.name,) + rel.path[:i]) for i in range(len(rel.path) + 1)}
    for st in site.between:
        for n in gotree.walk(st):
            if n.type == "binary_expression" and any(err_comparison(n, x, body) for x in names):
                return True
    return False


def _local(site: Site, name: str, fn: Node, body: bytes) -> bool:
    """Whether the value is the function's own local: declared by the binding (`:=`) or by a
    statement of the function, not a parameter or a (named) result, which a bare return or the
    caller sees."""
    for field in ("parameters", "result", "receiver"):
        plist = fn.child_by_field_name(field)
        if plist is not None and plist.type == "parameter_list" and \
                any(gotree.text(n, body) == name for d in plist.named_children for n in d.children_by_field_name("name")):
            return False
    if site.acquire.type == "short_var_declaration":
        return True
    block = fn.child_by_field_name("body")
    return block is not None and any(
        n.type in ("var_spec", "short_var_declaration") and gotree.enclosing_function(n) == fn and
        any(gotree.text(x, body) == name for x in (n.children_by_field_name("name") if n.type == "var_spec"
                                                    else gotree.expression_list_items(n.child_by_field_name("left"))))
        for n in gotree.walk(block) if n.start_byte < site.acquire.start_byte)


def _binds(st: Node, name: str, body: bytes) -> bool:
    """`name, ... := call(...)` or `name, ... = call(...)`."""
    if st.type not in ("short_var_declaration", "assignment_statement"):
        return False
    if st.type == "assignment_statement":
        op = st.child_by_field_name("operator")
        if op is None or gotree.text(op, body) != "=":
            return False
    lefts = gotree.expression_list_items(st.child_by_field_name("left"))
    return any(v.type == "identifier" and gotree.text(v, body) == name for v in lefts) and _bound_call(st) is not None


def _bound_call(st: Node) -> Node | None:
    rights = gotree.expression_list_items(st.child_by_field_name("right"))
    return rights[0] if len(rights) == 1 and rights[0].type == "call_expression" else None


# -- stage 3: what the statements in between do with the value --------------------------------

def ownership(gf, site: Site, rel: Release, t: Tracking) -> str | None:
    """A reason when the statements between the check and the defer reassign, release or hand
    over the value, or hold another defer (whose order against this one would change). A call of
    an unknown function on the straight path is a borrow: the defer after it shows the function
    still owns the value; inside a branch it may be a release or a hand-over."""
    for st in site.between:
        for n in gotree.walk(st, into_functions=False):
            if n.type == "defer_statement":
                return f"another defer (line {gf.line_col(n.start_byte)[0]}) stands between; moving this one would change their order"
            if n.type in ("goto_statement", "labeled_statement"):
                return f"a goto or label (line {gf.line_col(n.start_byte)[0]}) stands between"
    line = lambda n: gf.line_col(n.start_byte)[0]  # noqa: E731
    if t.reassigned:
        return f"{rel.name} is assigned again on line {line(t.reassigned[0])}"
    if t.releases:
        return f"{rel.name} is already released on line {line(t.releases[0])} on some path"
    if t.escapes:
        node, why = t.escapes[0]
        return f"{rel.name} is {why} on line {line(node)}"
    for node, why in t.unknown:
        if _in_branch(node, site.between):
            return f"{rel.name} is {why} on line {line(node)}, which may release or keep it"
    return None


def companions(gf, rec: Recogniser, site: Site, rel: Release, fn: Node) -> str | None:
    """A reason when a value bound beside a cancel func (its context) leaves the function in
    between (returned, or carried by what is returned): cancelled at the early return, it would
    be cut off where it ran on before."""
    if site.anchor != site.acquire:
        return None  # a (value, err) pair: the error is no companion
    for v in gotree.expression_list_items(site.acquire.child_by_field_name("left")):
        comp = gotree.text(v, gf.body)
        if comp in ("_", rel.name) or v.type != "identifier":
            continue
        ct = Tracker(gf, rec, (), "\0", results_carry="return").track(
            Binding(comp, site.acquire, site.acquire.parent, fn, site.between))
        if ct.escapes:
            node, why = ct.escapes[0]
            return f"{comp} is {why} on line {gf.line_col(node.start_byte)[0]} and would be cancelled there"
    return None


def _in_branch(node: Node, between: list[Node]) -> bool:
    """Whether node lies inside a block of one of the statements (not in its header)."""
    tops = {s.id for s in between}
    cur = node.parent
    while cur is not None and cur.id not in tops:
        if cur.type in ("block", "statement_list"):
            return True
        cur = cur.parent
    return False


# -- stage 4: which exits in between leak the value -------------------------------------------

def leaking_exits(gf, rec: Recogniser, site: Site, t: Tracking) -> list[Node]:
    """Returns (and breaks out of the defer's block) between the check and the defer that neither
    release nor hand over the value (t: the value followed through them); a goto counts as one."""
    handovers = t.releases + [e for e, _ in t.escapes]
    try:
        flow = Flow(gf, rec, handovers).run(site.between)
    except Unanalysable:
        return [n for st in site.between for n in gotree.walk(st, into_functions=False) if n.type == "goto_statement"]
    return [x.node for x in flow.exits if not x.released]


# -- names the defer uses ---------------------------------------------------------------------

def _scope_problem(d: Node, site: Site, body: bytes) -> str | None:
    """A reason when the defer uses a name declared between the check and the defer (moved up,
    it would not compile, or would see another variable)."""
    used = {gotree.text(n, body) for n in gotree.walk(d) if n.type == "identifier"}
    for st in site.between:
        if st.type not in ("short_var_declaration", "var_declaration"):
            continue
        declared: set[str] = set()
        if st.type == "short_var_declaration":
            declared = {gotree.text(n, body) for n in gotree.expression_list_items(st.child_by_field_name("left"))}
        else:
            for n in gotree.walk(st):
                if n.type == "var_spec":
                    declared |= {gotree.text(x, body) for x in n.children_by_field_name("name")}
        clash = sorted(used & declared)
        if clash:
            return f"the defer uses {clash[0]}, declared after the check"
    return None


def _in_loop(d: Node, fn: Node) -> bool:
    return any(a.type == "for_statement" for a in gotree.ancestors(d, fn))


def _release_text(rel: Release) -> str:
    return ".".join(rel.path + (rel.method,)) + "()" if rel.method else "call"
