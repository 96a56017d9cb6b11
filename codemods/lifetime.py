"""Ownership and path analysis for a value that must be released (shared by release codemods).

Given the statement that binds a resource to a local name, it answers:
- where the value goes (`track`): released (`x.Close()`, deferred or not, or by a deferred helper
  that receives it), only borrowed (methods, reads by known functions, comparisons), or escaped
  (returned, stored, sent, appended, captured by a goroutine or a closure that may outlive the
  call); handed to an unknown function is neither (the rules treat it as handed over);
- whether every path from the binding to the end of its scope releases it (`flow`), and where the
  paths that do not release it leave the scope (returns, breaks, continues, the scope's end).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from leakfix.engine import gotree

TERMINATORS = {
    ("", "panic"), ("os", "Exit"), ("runtime", "Goexit"),
    ("log", "Fatal"), ("log", "Fatalf"), ("log", "Fatalln"), ("log", "Panic"), ("log", "Panicf"), ("log", "Panicln"),
}
DATA_FUNCS = {"len", "cap", "copy", "string", "[]byte", "[]rune"}  # what only takes bytes, strings, slices
TEST_TERMINATORS = {"Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"}


class Unanalysable(Exception):
    """The function uses control flow the analysis does not model (goto)."""


@dataclass
class Binding:
    """A local name bound to a resource by statement `stmt` in the statement list `scope`."""

    name: str
    stmt: Node
    scope: Node  # statement_list, or the if/for/switch statement whose initializer binds it
    fn: Node
    region: list[Node]  # statements (or nodes) where the binding is visible after stmt


@dataclass
class Tracking:
    releases: list[Node] = field(default_factory=list)  # call nodes releasing the value
    deferred: list[Node] = field(default_factory=list)  # defer statements releasing it
    escapes: list[tuple[Node, str]] = field(default_factory=list)
    unknown: list[tuple[Node, str]] = field(default_factory=list)
    reassigned: list[Node] = field(default_factory=list)
    used_as: set[str] = field(default_factory=set)  # fields and methods used on the value
    returned_in: list[Node] = field(default_factory=list)  # return statements mentioning it
    as_data: bool = False  # used as bytes or a string (indexed, sliced, ranged over, len, string(...))


class Tracker:
    """Follows a bound value through its uses (scope-aware, with derived locals)."""

    def __init__(self, file, recogniser, release_path: tuple[str, ...], release_method: str,
                 results_carry: str | None = None):
        self.file = file
        self.body = file.body
        self.rec = recogniser
        self.release_path = release_path
        self.release_method = release_method
        # For a value that others hold on to (a context): the result of any call it is handed
        # to may carry it (a request made with it, a closure over it), so such results are
        # followed like the value itself; only plain results (errors, numbers, strings) end it.
        # "return": only such results that leave the function count (a release at its end);
        # "all": storing or sending them counts too (a release moved earlier, into a loop).
        self.results_carry = results_carry

    def track(self, b: Binding) -> Tracking:
        t = Tracking()
        for ident in self.uses(b.name, b.region):
            self._classify(ident, b.fn, t, 0, carrier=True, path=())
        return t

    # -- uses of a name ------------------------------------------------------------------------
    def uses(self, name: str, region: list[Node]) -> list[Node]:
        """Identifiers in region that refer to this binding of name (not to a shadowing one)."""
        out: list[Node] = []
        outer, self._needle = self._needle, name.encode() if name.isascii() else None
        try:
            for node in region:
                self._collect(node, name, out)
        finally:
            self._needle = outer
        return out

    _needle: bytes | None = None  # the name's bytes while uses() looks for it

    def _collect(self, node: Node, name: str, out: list[Node]) -> None:
        if self._needle is not None and self.body.find(self._needle, node.start_byte, node.end_byte) == -1:
            return  # the name is nowhere in this subtree: nothing to collect, no shadowing to see
        ty = node.type
        if ty == "identifier":
            if gotree.text(node, self.body) == name:
                out.append(node)
            return
        if ty == "func_literal":
            params = node.child_by_field_name("parameters")
            if params is not None and name in _param_names(params, self.body):
                return
            res = node.child_by_field_name("result")
            if res is not None and res.type == "parameter_list" and name in _param_names(res, self.body):
                return
        if ty == "statement_list":
            for st in node.named_children:
                if _declares(st, name, self.body):
                    # a new binding of the name in a nested block shadows ours from here on
                    if st.type == "short_var_declaration":
                        self._collect(st.child_by_field_name("right"), name, out)
                    elif st.type == "var_declaration":
                        for spec in st.named_children:
                            val = spec.child_by_field_name("value")
                            if val is not None:
                                self._collect(val, name, out)
                    return
                self._collect(st, name, out)
            return
        if ty in ("if_statement", "for_statement", "expression_switch_statement", "type_switch_statement"):
            init = node.child_by_field_name("initializer")
            clause = next((c for c in node.named_children if c.type in ("for_clause", "range_clause")), None)
            if clause is not None and clause.type == "for_clause":
                init = clause.child_by_field_name("initializer")
            shadow = init is not None and _declares(init, name, self.body)
            if clause is not None and clause.type == "range_clause" and _declares(clause, name, self.body):
                self._collect(clause.child_by_field_name("right"), name, out)
                return
            if ty == "type_switch_statement":
                alias = node.child_by_field_name("alias")
                if alias is not None and name in {gotree.text(a, self.body) for a in gotree.expression_list_items(alias)}:
                    val = node.child_by_field_name("value")
                    if val is not None:
                        self._collect(val, name, out)
                    return
            if shadow:
                right = init.child_by_field_name("right")
                if right is not None:
                    self._collect(right, name, out)
                return
        for c in node.children:
            self._collect(c, name, out)

    # -- what one use does ----------------------------------------------------------------------
    def _classify(self, e: Node, fn: Node, t: Tracking, depth: int, carrier: bool, path: tuple[str, ...]) -> None:
        """e is an expression carrying the value (path: fields selected so far, e.g. ("Body",))."""
        lit = _outermost_literal(e, fn)
        if lit is not None:
            how = _literal_context(lit)
            if how == "go":
                self._escape(t, e, "captured by a goroutine", carrier)
                return
            if how == "closure":
                self._escape(t, e, "captured by a closure that may outlive the call", carrier)
                return
        p = e.parent
        if p is None:
            return
        ty = p.type
        if ty == "call_expression" and p.child_by_field_name("function") == e:
            if self.release_method == "" and path == self.release_path:
                self._release(p, lit, t)  # a value released by calling it: `cancel()`
            return
        if ty == "parenthesized_expression":
            return self._classify(p, fn, t, depth, carrier, path)
        if ty == "selector_expression" and p.child_by_field_name("operand") == e:
            fname = gotree.text(p.child_by_field_name("field"), self.body)
            gp = p.parent
            is_call = gp is not None and gp.type == "call_expression" and gp.child_by_field_name("function") == p
            if not path:
                t.used_as.add(fname)
            if is_call:
                if path == self.release_path and fname == self.release_method:
                    self._release(gp, lit, t)
                return
            want = self.release_path[len(path):len(path) + 1]
            if want and fname == want[0]:
                return self._classify(p, fn, t, depth, carrier, path + (fname,))
            if not path and fname in self.rec.table.carriers:
                # a timer's C: whoever keeps the channel needs the timer running
                return self._classify(p, fn, t, depth, carrier, path)
            return  # a plain field: a value, not the resource
        if ty == "unary_expression":
            op = p.children[0].type if p.children else ""
            if op in ("&", "*"):  # its address, or a copy of what it points to (`*h = *nh` shares its file)
                return self._classify(p, fn, t, depth, carrier, path)
            return
        if ty == "binary_expression":
            return
        if ty in ("index_expression", "slice_expression") and p.child_by_field_name("operand") == e:
            if not path:
                t.as_data = True
            return
        if ty == "type_assertion_expression":
            return self._classify(p, fn, t, depth, carrier, path)
        if ty == "argument_list":
            callee, _ = gotree.call_parts(p.parent)
            if not path and callee is not None and gotree.text(callee, self.body) in DATA_FUNCS:
                t.as_data = True
                return
            return self._argument(p.parent, e, fn, t, depth, path, carrier)
        if ty == "range_clause" and p.child_by_field_name("right") == e and not path:
            t.as_data = True
            return
        if ty in ("literal_element", "keyed_element", "literal_value"):
            self._escape(t, e, "stored in a composite literal", carrier)
            return
        if ty == "send_statement":
            self._escape(t, e, "sent on a channel", carrier)
            return
        if ty == "expression_list":
            gp = p.parent
            if gp is None:
                return
            if gp.type == "return_statement":
                if self.results_carry and not carrier and _plain_results(fn, self.body):
                    return  # an error or a number made from it cannot carry the value
                self._escape(t, e, "returned", carrier)
                t.returned_in.append(gp)
                return
            if gp.type in ("short_var_declaration", "assignment_statement"):
                if p == gp.child_by_field_name("left"):
                    if gp.type == "assignment_statement" or depth == 0:
                        t.reassigned.append(gp)
                    return
                return self._assigned(gp, p, e, fn, t, depth, path, carrier)
            if gp.type == "var_spec":
                return self._assigned(gp, p, e, fn, t, depth, path, carrier)
            if gp.type in ("expression_case", "communication_case"):
                return
            t.unknown.append((e, "used in an expression leakfix does not follow"))
            return
        if ty in ("expression_statement", "if_statement", "expression_switch_statement", "range_clause",
                  "for_clause", "inc_statement", "dec_statement"):
            return
        if ty == "return_statement":
            if self.results_carry and not carrier and _plain_results(fn, self.body):
                return
            self._escape(t, e, "returned", carrier)
            t.returned_in.append(p)
            return
        if ty in ("assignment_statement", "short_var_declaration", "var_spec"):
            return
        t.unknown.append((e, f"used in a {ty.replace('_', ' ')}"))

    def _escape(self, t: Tracking, e: Node, why: str, carrier: bool) -> None:
        """Record that the value leaves. A value only derived from it through an unknown call
        (results_carry) counts only when it is returned: that is where a context or a request
        made with it would outlive the release; stores of such results are too often plain data."""
        if self.results_carry == "return" and not carrier and why != "returned":
            return
        t.escapes.append((e, why))

    def _release(self, call: Node, lit: Node | None, t: Tracking) -> None:
        t.releases.append(call)
        stmt = call.parent
        if stmt is not None and stmt.type == "defer_statement":
            t.deferred.append(stmt)
        elif lit is not None and _literal_context(lit) == "defer":
            t.deferred.append(lit)

    def _argument(self, call: Node, e: Node, fn: Node, t: Tracking, depth: int, path: tuple[str, ...],
                  carrier: bool = True) -> None:
        callee, _ = gotree.call_parts(call)
        stmt = call.parent
        if stmt is not None and stmt.type == "defer_statement":
            t.releases.append(call)
            t.deferred.append(stmt)
            return
        if stmt is not None and stmt.type == "go_statement":
            self._escape(t, e, "handed to a goroutine", carrier)
            return
        name = gotree.text(callee, self.body) if callee is not None else "?"
        if callee is not None and callee.type == "identifier":
            if name == "append":
                self._escape(t, e, "appended to a slice", carrier)
                return
            if name in self.rec.table.borrowers.get("", ()):
                return
        pc = self.rec.package_call(callee)
        if callee is not None and callee.type == "selector_expression":
            method = gotree.text(callee.child_by_field_name("field"), self.body)
            if (pc is None and method in self.rec.table.takers.get("*", ())) or \
                    (pc is not None and pc[1] in self.rec.table.takers.get(pc[0], ())):
                self._escape(t, e, f"handed to {name}, which releases it later", carrier)
                return
        if pc is not None:
            if pc[1] in self.rec.table.borrowers.get(pc[0], ()):
                return
            if pc[1] in self.rec.table.wrappers.get(pc[0], ()):
                return self._classify(call, fn, t, depth, True, path if path == self.release_path else path)
            if self.results_carry and depth < 4:
                return self._classify(call, fn, t, depth + 1, False, path)
            t.unknown.append((e, f"handed to {name}"))
            return
        if callee is not None and callee.type == "selector_expression":
            method = gotree.text(callee.child_by_field_name("field"), self.body)
            if method in self.rec.table.borrowers.get("*", ()):
                return
        if self.results_carry and depth < 4:
            return self._classify(call, fn, t, depth + 1, False, path)
        t.unknown.append((e, f"handed to {name}"))

    def _assigned(self, stmt: Node, right: Node, e: Node, fn: Node, t: Tracking, depth: int, path: tuple[str, ...],
                  carrier: bool = True) -> None:
        op = stmt.child_by_field_name("operator") if stmt.type == "assignment_statement" else None
        if not carrier and op is not None and gotree.text(op, self.body) != "=":
            return  # `sum += v`: arithmetic or concatenation cannot carry a context
        rights = gotree.expression_list_items(right)
        if stmt.type == "var_spec":
            lefts = stmt.children_by_field_name("name")
        else:
            lefts = gotree.expression_list_items(stmt.child_by_field_name("left"))
        idx = next((i for i, r in enumerate(rights) if gotree.contains(r, e)), None)
        if idx is not None and len(rights) == 1 and len(lefts) > 1 and rights[0] == e:
            idx = 0  # `zr, err := gzip.NewReader(f)`: the first result carries the value
        elif idx is None or len(lefts) != len(rights):
            t.unknown.append((e, "assigned in a way leakfix does not follow"))
            return
        target = lefts[idx]
        if target.type != "identifier":
            self._escape(t, e, "stored in " + ("a field" if target.type == "selector_expression" else "a variable"), carrier)
            return
        tname = gotree.text(target, self.body)
        if tname == "_":
            return
        is_decl = stmt.type == "var_spec" or (stmt.type == "short_var_declaration" and tname not in _earlier_names(stmt, tname, self.body))
        if not is_decl:
            self._escape(t, e, f"assigned to {tname}, declared elsewhere", carrier)
            return
        if depth >= 4:
            t.unknown.append((e, "passed through too many variables"))
            return
        # a derived local: follow its uses within the rest of its statement list
        container = stmt.parent if stmt.type != "var_spec" else stmt.parent.parent
        region = _following(stmt if stmt.type != "var_spec" else stmt.parent, container)
        for ident in self.uses(tname, region):
            self._classify(ident, fn, t, depth + 1, carrier, path)


PLAIN_TYPES = {"error", "bool", "string", "byte", "rune", "int", "int8", "int16", "int32", "int64", "uint",
               "uint8", "uint16", "uint32", "uint64", "uintptr", "float32", "float64", "[]byte", "[]string",
               "time.Duration", "time.Time"}


def _plain_results(fn: Node, body: bytes) -> bool:
    """True when every result of fn is a plain value type (nothing a context could hide in)."""
    res = fn.child_by_field_name("result")
    if res is None:
        return True
    if res.type != "parameter_list":
        return _plain_type(gotree.text(res, body))
    for decl in res.named_children:
        typ = decl.child_by_field_name("type")
        if typ is None or not _plain_type(gotree.text(typ, body)):
            return False
    return True


def _plain_type(text: str) -> bool:
    """A plain type, or slices, arrays and maps of plain types (`[]int`, `map[string]bool`)."""
    text = text.replace(" ", "")
    while True:
        if text.startswith("[]"):
            text = text[2:]
        elif text.startswith("[") and "]" in text and text[1:text.index("]")].isdigit():
            text = text[text.index("]") + 1:]
        elif text.startswith("map["):
            depth, i = 0, 3
            for i in range(3, len(text)):
                depth += {"[": 1, "]": -1}.get(text[i], 0)
                if depth == 0:
                    break
            return _plain_type(text[4:i]) and _plain_type(text[i + 1:])
        else:
            return text in PLAIN_TYPES


def _earlier_names(stmt: Node, name: str, body: bytes) -> set[str]:
    """Names already declared in stmt's statement list before stmt (so `:=` reuses them)."""
    lst = stmt.parent
    out: set[str] = set()
    if lst is None or lst.type != "statement_list":
        return out
    for st in lst.named_children:
        if st == stmt:
            break
        if _declares(st, name, body):
            out.add(name)
    return out


def _following(stmt: Node, container: Node | None) -> list[Node]:
    if container is None or container.type != "statement_list":
        return [stmt.parent] if stmt.parent is not None else []
    return gotree.following(stmt)


def _param_names(plist: Node, body: bytes) -> set[str]:
    out = set()
    for decl in plist.named_children:
        for nm in decl.children_by_field_name("name"):
            out.add(gotree.text(nm, body))
    return out


def _declares(st: Node | None, name: str, body: bytes) -> bool:
    if st is None:
        return False
    if st.type in ("short_var_declaration", "range_clause"):
        if st.type == "range_clause" and b":=" not in body[st.start_byte:st.end_byte]:
            return False
        return any(n.type == "identifier" and gotree.text(n, body) == name
                   for n in gotree.expression_list_items(st.child_by_field_name("left")))
    if st.type == "var_declaration":
        return any(gotree.text(n, body) == name for spec in st.named_children if spec.type == "var_spec"
                   for n in spec.children_by_field_name("name"))
    if st.type == "labeled_statement":
        return False
    return False


def _outermost_literal(e: Node, fn: Node) -> Node | None:
    lit = None
    cur = e.parent
    while cur is not None and cur != fn:
        if cur.type == "func_literal":
            lit = cur
        cur = cur.parent
    return lit


def _literal_context(lit: Node) -> str:
    """'call' (invoked in place), 'defer', 'go', or 'closure' (kept or passed on)."""
    p = lit.parent
    while p is not None and p.type == "parenthesized_expression":
        p = p.parent
    if p is not None and p.type == "call_expression" and p.child_by_field_name("function") is not None \
            and gotree.contains(p.child_by_field_name("function"), lit):
        s = p.parent
        if s is not None and s.type == "defer_statement":
            return "defer"
        if s is not None and s.type == "go_statement":
            return "go"
        return "call"
    return "closure"


def closure_context(e: Node, fn: Node) -> str | None:
    """How the outermost function literal around e (inside fn) runs: 'call', 'defer', 'go',
    'closure' (kept or passed on), or None when e is not inside a literal."""
    lit = _outermost_literal(e, fn)
    return _literal_context(lit) if lit is not None else None


# -- control flow ----------------------------------------------------------------------------

# What the value is on one path, as bits of a set (the state at a point is the union over the
# paths that reach it; 0: no path reaches it):
LIVE = 1  # it holds the resource and nothing has released it yet
DONE = 2  # released, or handed over
NIL = 4  # the acquisition failed on this path: nothing to release, and nothing to call a release on


def released_state(s: int) -> int:
    """The state after a release: a held value becomes released; nil stays nil."""
    return (s & ~LIVE) | DONE if s & LIVE else s


def enter_state(s: int, fact: str | None) -> int:
    """The state on entering a block that runs only when the acquisition failed ("nil") or
    only when it succeeded ("live")."""
    if not s or fact is None:
        return s
    if fact == "nil":
        return NIL
    return (s & ~NIL) or LIVE


@dataclass
class Exit:
    node: Node  # return / break / continue statement
    released: bool
    kind: str
    state: int = LIVE

    @property
    def may_be_nil(self) -> bool:
        return bool(self.state & NIL)


@dataclass
class FlowResult:
    falls: bool | None  # released-state when the region falls through its end, None if it cannot
    exits: list[Exit]  # paths leaving the region early
    end: int = 0  # the state at the region's end (0: it cannot fall through)
    after: dict[int, int] = field(default_factory=dict)  # statement id -> state right after it
    entry: dict[tuple[int, str], int] = field(default_factory=dict)  # decided block -> state on entry
    # releases the settle blocks need: (block, "end", state) where one falls through holding the
    # value, (break or continue, "before", state) where one jumps out of it to a statement in the region
    settled: list[tuple[Node, str, int]] = field(default_factory=list)


class Flow:
    """Path-sensitive 'is it released yet, and can it be nil here' over structured Go statements.

    The state is the set of what the value can be on the paths reaching a point (LIVE, DONE,
    NIL); a merge is a union. `facts` (from `nilness`) name the blocks that run only when the
    acquisition failed or only when it succeeded, keyed (if statement id, "consequence" |
    "alternative"), (case clause id, "clause") or (switch id, "default": no clause runs); the flow
    enters them in that state.
    Blocks in `settle` (same keys) get a release where they fall through while the value is held,
    and before a break or continue that jumps out of them to a statement inside the region: the
    flow records those points and carries on released. Break/continue that target a statement inside
    the region stay inside; the others, and every return, leave it and are recorded as exits.
    """

    def __init__(self, file, recogniser, releases: list[Node], nil_if: Node | None = None,
                 nil_branch: str = "consequence", facts: dict[tuple[int, str], str] | None = None,
                 start: int = LIVE, settle: frozenset[tuple[int, str]] = frozenset()):
        self.body = file.body
        self.rec = recogniser
        self.release_ids = {r.id for r in releases}
        self.release_spans = [(r.start_byte, r.end_byte) for r in releases]
        self.facts = dict(facts or {})
        if nil_if is not None:
            # the error check, and which of its branches runs without the resource (it is nil there)
            self.facts.setdefault((nil_if.id, nil_branch), "nil")
        self.start = start
        self.settle = settle
        self._targets: list[tuple[Node, str | None, list[int], list[int]]] = []
        self.exits: list[Exit] = []
        self.after: dict[int, int] = {}
        self.entry: dict[tuple[int, str], int] = {}
        self.settled: list[tuple[Node, str, int]] = []
        self._settling: list[int] = []  # for each settle block being run: len(self._targets) at its entry

    def run(self, stmts: list[Node], released: bool = False) -> FlowResult:
        self.exits, self.after, self.entry, self.settled = [], {}, {}, []
        end = self._list(stmts, DONE if released else self.start)
        falls = None if not end else not end & LIVE
        return FlowResult(falls, self.exits, end, self.after, self.entry, self.settled)

    def _list(self, stmts: list[Node], st: int) -> int:
        for s in stmts:
            if not st:
                return 0  # unreachable code after a terminating statement
            st = self._stmt(s, st)
            self.after[s.id] = self.after.get(s.id, 0) | st
        return st

    def _block(self, key: tuple[int, str], stmts: list[Node], st: int, node: Node | None) -> int:
        """A block decided by the facts (or not): enter it, run it, settle it."""
        st = enter_state(st, self.facts.get(key))
        if st:
            self.entry[key] = self.entry.get(key, 0) | st
        settle = key in self.settle and node is not None
        if settle:
            self._settling.append(len(self._targets))
        try:
            end = self._list(stmts, st)
        finally:
            if settle:
                self._settling.pop()
        if settle and end & LIVE:
            self.settled.append((node, "end", end))
            end = released_state(end)
        return end

    def _has_release(self, node: Node | None) -> bool:
        if node is None:
            return False
        for a, b in self.release_spans:
            if node.start_byte <= a and b <= node.end_byte:
                # not inside a closure that is merely created here
                return True
        return False

    def _stmt(self, s: Node, st: int) -> int:
        ty = s.type
        if ty == "return_statement":
            self.exits.append(Exit(s, not st & LIVE or self._has_release(s), "return", st))
            return 0
        if ty in ("break_statement", "continue_statement"):
            label = s.named_children[0] if s.named_child_count else None
            lname = gotree.text(label, self.body) if label is not None else None
            tgt = self._target(ty, lname)
            if tgt is None:
                self.exits.append(Exit(s, not st & LIVE, ty.split("_")[0], st))
            else:
                if self._settling and st & LIVE and \
                        next(i for i, e in enumerate(self._targets) if e is tgt) < self._settling[-1]:
                    # it leaves a settle block for a statement inside the region: release before it
                    self.settled.append((s, "before", st))
                    st = released_state(st)
                (tgt[2] if ty == "break_statement" else tgt[3]).append(st)
            return 0
        if ty == "goto_statement":
            raise Unanalysable("goto")
        if ty == "block":
            return self._list(gotree.statements(s), st)
        if ty == "labeled_statement":
            label = s.child_by_field_name("label")
            inner = [c for c in s.named_children if c != label and c.type != "comment"]
            lname = gotree.text(label, self.body) if label is not None else None
            if not inner:
                return st
            return self._stmt_labeled(inner[0], st, lname)
        if ty == "if_statement":
            init = s.child_by_field_name("initializer")
            if init is not None and self._has_release(init):
                st = released_state(st)
            if self._has_release(s.child_by_field_name("condition")):
                st = released_state(st)
            then = s.child_by_field_name("consequence")
            alt = s.child_by_field_name("alternative")
            a = self._block((s.id, "consequence"), gotree.statements(then), st, then)
            if alt is None:
                b = self._block((s.id, "alternative"), [], st, None)
            elif alt.type == "if_statement":
                alt_st = enter_state(st, self.facts.get((s.id, "alternative")))
                b = self._stmt(alt, alt_st)
            else:
                b = self._block((s.id, "alternative"), gotree.statements(alt), st, alt)
            return a | b
        if ty in ("for_statement",):
            return self._stmt_labeled(s, st, None)
        if ty in ("expression_switch_statement", "type_switch_statement", "select_statement"):
            return self._stmt_labeled(s, st, None)
        if ty == "expression_statement" and self._terminates(s):
            return 0
        if ty == "fallthrough_statement":
            return st
        return released_state(st) if self._has_release(s) else st

    def _stmt_labeled(self, s: Node, st: int, label: str | None) -> int:
        ty = s.type
        if ty == "for_statement":
            clause = next((c for c in s.named_children if c.type in ("for_clause", "range_clause")), None)
            body_node = s.child_by_field_name("body")
            if clause is None:  # `for cond {` (the condition has no field name) or `for {`
                cond = next((c for c in s.named_children if c != body_node and c.type != "comment"), None)
            else:
                cond = clause.child_by_field_name("condition") if clause.type == "for_clause" else clause
            if clause is not None and clause.type == "for_clause" and self._has_release(clause.child_by_field_name("initializer")):
                st = released_state(st)
            entry: tuple[Node, str | None, list[int], list[int]] = (s, label, [], [])
            self._targets.append(entry)
            try:
                self._list(gotree.statements(s.child_by_field_name("body")), st)
            finally:
                self._targets.pop()
            infinite = cond is None and (clause is None or clause.type == "for_clause")
            if infinite:
                # `for {}` is left only through its breaks (it never runs zero times)
                return _merge_all(entry[2])
            # zero iterations keep the state; breaks add theirs
            return _merge_all([st] + entry[2])
        if ty in ("expression_switch_statement", "type_switch_statement", "select_statement"):
            init = s.child_by_field_name("initializer")
            if init is not None and self._has_release(init):
                st = released_state(st)
            if ty == "expression_switch_statement" and self._has_release(s.child_by_field_name("value")):
                st = released_state(st)
            entry = (s, label, [], [])
            self._targets.append(entry)
            ends: list[int] = []
            has_default = False
            try:
                for clause in s.named_children:
                    if clause.type not in gotree.CLAUSE_TYPES:
                        continue
                    if clause.type == "default_case":
                        has_default = True
                    cst = st
                    if clause.type == "communication_case" and self._has_release(clause.child_by_field_name("communication")):
                        cst = released_state(cst)
                    ends.append(self._block((clause.id, "clause"), gotree.statements(clause), cst, clause))
            finally:
                self._targets.pop()
            if not has_default and ty != "select_statement":
                ends.append(self._block((s.id, "default"), [], st, None))  # no clause runs
            return _merge_all(ends + entry[2])
        return self._stmt(s, st)

    def _target(self, kind: str, label: str | None):
        for entry in reversed(self._targets):
            node, lname, _, _ = entry
            if label is not None:
                if lname == label:
                    return entry
                continue
            if kind == "continue_statement" and node.type != "for_statement":
                continue
            return entry
        return None

    def _terminates(self, s: Node) -> bool:
        call = s.named_children[0] if s.named_child_count else None
        if call is None or call.type != "call_expression":
            return False
        return is_terminator_call(call, self.rec)


def is_terminator_call(call: Node, rec) -> bool:
    callee, _ = gotree.call_parts(call)
    if callee is None:
        return False
    if callee.type == "identifier":
        return gotree.text(callee, rec.body) == "panic"
    pc = rec.package_call(callee)
    if pc is not None:
        return (pc[0], pc[1]) in TERMINATORS
    if callee.type == "selector_expression":
        method = gotree.text(callee.child_by_field_name("field"), rec.body)
        op = callee.child_by_field_name("operand")
        return method in TEST_TERMINATORS and op is not None and op.type == "identifier" and \
            gotree.text(op, rec.body) in ("t", "b", "f", "tb")
    return False


def branch_terminates(block: Node | None, rec, in_loop: bool) -> bool:
    """True when a block ends by leaving the function (or, in a loop, the iteration)."""
    stmts = gotree.statements(block)
    if not stmts:
        return False
    last = stmts[-1]
    if last.type == "return_statement":
        return True
    if in_loop and last.type in ("continue_statement", "break_statement"):
        return True
    if last.type == "expression_statement" and last.named_child_count and last.named_children[0].type == "call_expression":
        return is_terminator_call(last.named_children[0], rec)
    return False


def _merge_all(states: list[int]) -> int:
    out = 0
    for s in states:
        out |= s
    return out


def err_comparison(cond: Node | None, errname: str, body: bytes) -> str | None:
    """'!=' or '==' when cond compares errname with nil, else None."""
    if cond is None or cond.type != "binary_expression":
        return None
    left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    oper = cond.child_by_field_name("operator")
    if left is None or right is None or oper is None:
        return None
    op = gotree.text(oper, body)
    if op not in ("==", "!=") or {gotree.text(left, body), gotree.text(right, body)} != {errname, "nil"}:
        return None
    return op


# Methods whose results are plain data (counts, errors, file info, bytes already copied): what
# they return does not need the value open.
PLAIN_METHODS = re.compile(r"(?:Read|Write|Scan|Next|Err|Stat|Name|Seek|Sync|Truncate|Len|Size|String|Set|Is|Has|"
                           r"Get|Lock|Unlock|Wait|Done|Flush|Columns|ColumnTypes|Fd|Chmod|Chown|Local|Remote)")
RELEASE_METHODS = {"Close", "Stop", "Unlock", "RUnlock"}


def derived_escape(file, rec, name: str, scope: Node, fn: Node, region: list[Node]) -> str | None:
    """What the value's own methods return may need it open (a session or a page of a
    connection, a stream over it): such a result that leaves (kept past a loop iteration,
    returned, stored) means the value must stay open as long. Says how, or None. Methods that
    return plain data (reads, writes, stats, errors) are not followed."""
    body = file.body
    for stmt in region:
        for call in gotree.walk(stmt, into_functions=False):
            if call.type != "call_expression":
                continue
            callee, _ = gotree.call_parts(call)
            if callee is None or callee.type != "selector_expression":
                continue
            operand = callee.child_by_field_name("operand")
            method = gotree.text(callee.child_by_field_name("field"), body)
            if operand is None or operand.type != "identifier" or gotree.text(operand, body) != name or \
                    method in RELEASE_METHODS or PLAIN_METHODS.match(method):
                continue
            why = _result_kept(file, rec, call, scope, fn)
            if why:
                line = file.line_col(call.start_byte)[0]
                return f"what {name}.{method}() returns is {why} (line {line}); release it by hand"
    return None


def _result_kept(file, rec, call: Node, scope: Node, fn: Node) -> str | None:
    """How a call's result leaves: put straight into an append or a store, or bound to a local
    that the tracker sees leave (returned, stored, appended, sent, captured)."""
    body = file.body
    p = call.parent
    if p is not None and p.type == "argument_list":
        outer, _ = gotree.call_parts(p.parent)
        if outer is not None and gotree.text(outer, body) == "append":
            return "appended to a slice"
    if p is not None and p.type == "expression_list":
        stmt = p.parent
        if stmt is not None and stmt.type == "short_var_declaration" and stmt.child_by_field_name("right") == p:
            lefts = gotree.expression_list_items(stmt.child_by_field_name("left"))
            first = lefts[0] if lefts else None
            if first is None or first.type != "identifier":
                return None
            vname = gotree.text(first, body)
            if vname == "_" or "err" in vname.lower():
                return None
            t = Tracker(file, rec, (), "\0").track(Binding(vname, stmt, scope, fn, gotree.following(stmt)))
            # `total += n`: arithmetic on a result (a count) carries no reference to the value
            kept = [why for e, why in t.escapes if not _compound_assignment(e, body)]
            return kept[0] if kept else None
        if stmt is not None and stmt.type == "assignment_statement" and stmt.child_by_field_name("right") == p:
            return "stored"
    return None  # (`return x.Method()` is left alone: most such methods return an error or data)


def _compound_assignment(e: Node, body: bytes) -> bool:
    """Whether e is the right-hand side of `x += e`, `x -= e`, ... (not of a plain `=`)."""
    p = e.parent
    while p is not None and p.type in ("expression_list", "parenthesized_expression", "binary_expression"):
        p = p.parent
    if p is None or p.type != "assignment_statement":
        return False
    op = p.child_by_field_name("operator")
    return op is not None and gotree.text(op, body) != "="
