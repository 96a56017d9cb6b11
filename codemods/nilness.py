"""Where a just-acquired value may be nil: the branches that error checks and nil checks decide.

After `v, err := acquire()`, `v` holds the resource only where `err == nil` is known. This module
reads the statements that follow and tells which blocks run only when the acquisition failed
("nil": nothing to release there, and a release would call a method on nil) and which only when
it succeeded ("live"), and which statement is the error check that decides it:
- `if err != nil {..} else {..}`, `if err == nil {..}`, and conditions that imply them
  (`err != nil && x`, `!(err == nil)`, `os.IsNotExist(err)`, `errors.Is(err, target)`);
- `switch { case err != nil: .. }` (every later clause succeeded), `switch { case err == nil: .. }`
  and `switch err { case nil: .. }`, when the deciding case comes first and no clause falls through;
- `if v != nil {..}` / `if v == nil {..}` anywhere the name still holds the value;
- a guard that ends the goroutine unless the error is nil (`require.NoError(t, err)`, a `must(err)`
  helper of the module: `codemods.exits`): it is the check, and the value is valid after it.
Facts about `err` are read only until a statement may assign it (then it holds another error).
`lifetime.Flow` enters the blocks in those states.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from leakfix.engine import gotree

from .lifetime import err_comparison

NIL, LIVE = "nil", "live"
# calls that are true only for a non-nil error (errors.Is(nil, t) is true only for a nil target)
ERROR_TESTS = {("os", "IsNotExist"), ("os", "IsExist"), ("os", "IsPermission"), ("os", "IsTimeout"),
               ("errors", "Is"), ("errors", "As")}
EXITS = ("return_statement", "go_statement", "defer_statement", "labeled_statement",
         "break_statement", "continue_statement", "goto_statement")

Key = tuple[int, str]  # (if statement id, "consequence" | "alternative") or (case clause id, "clause")


@dataclass
class Facts:
    blocks: dict[Key, str] = field(default_factory=dict)  # decided block -> NIL or LIVE
    check: Node | None = None  # the if or switch statement that decides success
    index: int = -1  # its index in the statements read
    first: int = -1  # index of the first statement with a fact about err (a guard or the check)
    live: list[tuple[Key, Node | None]] = field(default_factory=list)  # the check's live blocks (node None: a missing else)
    nil: list[tuple[Key, Node | None]] = field(default_factory=list)  # the check's nil blocks


class Reader:
    """Reads the facts about one value `name` and its error `errname` in a file."""

    def __init__(self, rec, name: str, errname: str | None, uses: set[int] | None = None):
        self.rec = rec
        self.body = rec.body
        self.name = name
        self.err = errname if errname not in (None, "_") else None
        self.uses = uses  # ids of the identifiers that refer to this binding of name (None: all)

    # -- conditions ----------------------------------------------------------------------------
    def when(self, cond: Node | None, truth: bool, names: tuple[str, ...]) -> str | None:
        """What cond being `truth` says about the value (NIL, LIVE or None), looking only at
        comparisons of the given names (the error and/or the value)."""
        if cond is None:
            return None
        ty = cond.type
        if ty == "parenthesized_expression":
            inner = [c for c in cond.named_children if c.type != "comment"]
            return self.when(inner[0], truth, names) if len(inner) == 1 else None
        if ty == "unary_expression" and cond.child_count == 2 and cond.children[0].type == "!":
            return self.when(cond.children[1], not truth, names)
        if ty == "binary_expression":
            op = gotree.text(cond.child_by_field_name("operator"), self.body)
            left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
            if op in ("&&", "||"):
                a, b = self.when(left, truth, names), self.when(right, truth, names)
                if (op == "&&") == truth:
                    # both sides hold: either one decides (if they disagree the branch is dead code)
                    if a is None or b is None:
                        return a if b is None else b
                    return a if a == b else None
                return a if a == b else None  # one side holds, we do not know which
            if op in ("==", "!="):
                texts = {gotree.text(left, self.body), gotree.text(right, self.body)}
                if "nil" not in texts or len(texts) != 2:
                    return None
                other = (texts - {"nil"}).pop()
                if other not in names:
                    return None
                if other == self.name and self.uses is not None and \
                        not any(x.id in self.uses for x in (left, right)):
                    return None  # another variable of the same name
                is_nil = (op == "==") == truth
                if other == self.err:
                    return LIVE if is_nil else NIL
                return NIL if is_nil else LIVE
            return None
        if ty == "call_expression" and truth and self.err in names:
            callee, args = gotree.call_parts(cond)
            pc = self.rec.package_call(callee)
            if pc in ERROR_TESTS and args and gotree.text(args[0], self.body) == self.err:
                if pc == ("errors", "Is") and (len(args) < 2 or gotree.text(args[1], self.body) == "nil"):
                    return None
                return NIL
        return None

    def _if_facts(self, s: Node, names: tuple[str, ...], out: dict[Key, str]) -> None:
        """Facts for the branches of an if (else-if chains included)."""
        cond = s.child_by_field_name("condition")
        t, f = self.when(cond, True, names), self.when(cond, False, names)
        if t is not None:
            out[(s.id, "consequence")] = t
        if f is not None:
            out[(s.id, "alternative")] = f
        alt = s.child_by_field_name("alternative")
        if alt is not None and alt.type == "if_statement" and alt.child_by_field_name("initializer") is None:
            self._if_facts(alt, names, out)  # (an initializer could declare the names again)

    def _switch_facts(self, s: Node) -> dict[Key, str] | None:
        """Facts for the clauses of a switch decided by its first case, or None."""
        if s.type != "expression_switch_statement" or s.child_by_field_name("initializer") is not None:
            return None
        clauses = [c for c in s.named_children if c.type in ("expression_case", "default_case")]
        if not clauses or any(n.type == "fallthrough_statement" for c in clauses for n in gotree.statements(c)):
            return None
        first = clauses[0]
        if first.type != "expression_case":
            return None
        values = gotree.expression_list_items(first.child_by_field_name("value"))
        if len(values) != 1:
            return None
        tag = s.child_by_field_name("value")
        if tag is None:
            fact = self.when(values[0], True, (self.err,))
        elif gotree.text(tag, self.body) == self.err and gotree.text(values[0], self.body) == "nil":
            fact = LIVE
        else:
            return None
        # the later clauses run only when the first case is false; in `switch err` any other
        # case compares err with something else than nil (a failure)
        other = NIL if tag is not None else self.when(values[0], False, (self.err,))
        if fact is None or other is None:
            return None
        out = {(first.id, "clause"): fact}
        for c in clauses[1:]:
            out[(c.id, "clause")] = other
        if not any(c.type == "default_case" for c in clauses):
            out[(s.id, "default")] = other  # the path on which no clause runs
        return out

    # -- the statements after the acquisition --------------------------------------------------
    def read(self, stmts: list[Node]) -> Facts:
        facts = Facts()
        if self.err is not None:
            self._read_error_facts(stmts, facts)
        self._read_value_facts(stmts[facts.first if facts.first >= 0 else 0:], facts)
        return facts

    def read_if_init(self, s: Node) -> Facts:
        """The facts of `if v, err := acquire(); err != nil {..} else {..}`: the if is the check."""
        facts = Facts()
        found: dict[Key, str] = {}
        if self.err is not None:
            self._if_facts(s, (self.err,), found)
        self._set_check(facts, 0, s, found)
        self._read_value_facts([s], facts)
        return facts

    def _read_error_facts(self, stmts: list[Node], facts: Facts) -> None:
        """Guards (`if os.IsNotExist(err) { return }`) up to the error check, and the check."""
        err = self.err
        for i, s in enumerate(stmts):
            if s.type == "expression_statement" and self._guards(s):
                self._set_check(facts, i, s, {})  # `require.NoError(t, err)`: err is nil after it
                return
            if s.type == "if_statement" and s.child_by_field_name("initializer") is None:
                if _err_check(s, err, self.body):
                    found: dict[Key, str] = {}
                    self._if_facts(s, (err,), found)
                    self._set_check(facts, i, s, found)
                    self._read_later_error_facts(stmts[i + 1:], facts)
                    return
                found = {}
                self._if_facts(s, (err,), found)
                if found and not self._mentions(s, self.name) and not self._assigns(s, err):
                    facts.blocks.update(found)
                    if facts.first < 0:
                        facts.first = i
                    continue
            if s.type == "expression_switch_statement":
                found = self._switch_facts(s) or {}
                if found:
                    self._set_check(facts, i, s, found)
                    self._read_later_error_facts(stmts[i + 1:], facts)
                return
            if s.type in EXITS or self._mentions(s, self.name) or self._assigns(s, err):
                return
            if self._mentions(s, err) and s.type != "expression_statement":
                return  # err read by a statement whose branches we do not follow

    def _read_later_error_facts(self, stmts: list[Node], facts: Facts) -> None:
        """Checks of the same error after the error check (`if err != nil { log }` then
        `if err == nil { v.Close() }`), until err may hold another error."""
        for s in stmts:
            if self._assigns(s, self.err):
                return
            if s.type == "if_statement" and s.child_by_field_name("initializer") is None:
                self._if_facts(s, (self.err,), facts.blocks)
            elif s.type == "expression_switch_statement":
                facts.blocks.update(self._switch_facts(s) or {})

    def _set_check(self, facts: Facts, i: int, s: Node, found: dict[Key, str]) -> None:
        facts.blocks.update(found)
        facts.check, facts.index = s, i
        if facts.first < 0:
            facts.first = i
        if s.type == "if_statement":
            found = dict(found)
            for branch in ("consequence", "alternative"):
                key = (s.id, branch)
                node = s.child_by_field_name(branch)
                fact = found.get(key)
                if fact is None:
                    continue
                (facts.live if fact == LIVE else facts.nil).append((key, node))
        else:
            for c in s.named_children:
                fact = found.get((c.id, "clause"))
                if fact is not None:
                    (facts.live if fact == LIVE else facts.nil).append(((c.id, "clause"), c))
            fact = found.get((s.id, "default"))
            if fact is not None:
                (facts.live if fact == LIVE else facts.nil).append(((s.id, "default"), None))

    def _read_value_facts(self, stmts: list[Node], facts: Facts) -> None:
        """`if v != nil` anywhere in the statements (not in function literals)."""
        needle = self.name.encode()
        for s in stmts:
            if self.body.find(needle, s.start_byte, s.end_byte) == -1:
                continue
            for n in gotree.walk(s, into_functions=False):
                if n.type == "if_statement" and n.child_by_field_name("initializer") is None:
                    found: dict[Key, str] = {}
                    self._if_facts(n, (self.name,), found)
                    for k, v in found.items():
                        facts.blocks.setdefault(k, v)

    def _guards(self, s: Node) -> bool:
        """A statement that ends the goroutine unless err is nil (codemods.exits)."""
        from .exits import guards_error

        return guards_error(s, self.err, self.rec, getattr(self.rec, "learnt", None))

    def _mentions(self, node: Node | None, name: str | None) -> bool:
        return node is not None and name is not None and any(True for _ in gotree.identifiers(node, name, self.body))

    def _assigns(self, node: Node, name: str) -> bool:
        """Whether node may change name: assigns it, declares it again in the same scope, or
        takes its address."""
        for n in gotree.walk(node, into_functions=True):
            if n.type in ("assignment_statement", "short_var_declaration"):
                left = n.child_by_field_name("left")
                if any(x.type == "identifier" and gotree.text(x, self.body) == name
                       for x in gotree.expression_list_items(left)):
                    return True
            elif n.type == "unary_expression" and n.child_count == 2 and n.children[0].type == "&" and \
                    gotree.text(n.children[1], self.body) == name:
                return True
        return False


def _err_check(s: Node, err: str, body: bytes) -> bool:
    """`if err != nil` / `if err == nil` exactly (the check that decides both branches)."""
    return s.type == "if_statement" and s.child_by_field_name("initializer") is None and \
        err_comparison(s.child_by_field_name("condition"), err, body) is not None

