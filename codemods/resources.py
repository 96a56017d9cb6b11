"""Which calls acquire a resource, recognised without type information.

The table (resources.toml, extended from .leakfix.toml) names constructors by import path.
Package functions are matched through the file's imports (aliases resolved, shadowing checked);
methods through a small local type inference (parameters, `var x T`, composite literals,
known constructors) or, when the receiver's type is unknown, through how the result is used.
Shared by every release codemod.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as ilr

from tree_sitter import Node

from leakfix.engine import gotree
from leakfix.engine.imports import Imports
from leakfix.engine.options import Option

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


@dataclass(frozen=True)
class Resource:
    what: str
    package: str  # import path, "" for a function of the file's own package
    type: str | None  # receiver type name(s) for methods, "A|B"
    function: str
    release: str  # "Close", "Body.Close", or "()" / "(nil)" for a value released by calling it
    results: int = 2
    writable: bool = False
    by_use: tuple[tuple[str, ...], ...] = ()
    returns: tuple[str, ...] = ()
    value: int = 0  # which result is the resource
    error: bool = True  # whether the last of several results is an error
    func_type: str = ""  # for values released by calling them: their type in `package`
    rule: str = "defer-close"
    carries: tuple[str, ...] = ()  # fields that carry the resource (a timer's C)
    on_request: str = ""  # why its fix is applied only on request (its release frees nothing)

    @property
    def released_by_call(self) -> bool:
        return self.release.startswith("(")

    @property
    def release_method(self) -> str:
        return "" if self.released_by_call else self.release.rsplit(".", 1)[-1]

    @property
    def release_path(self) -> tuple[str, ...]:
        """Fields between the value and the release method: () or ("Body",)."""
        return () if self.released_by_call else tuple(self.release.split(".")[:-1])

    @property
    def has_error(self) -> bool:
        return self.error and self.results > 1


@dataclass
class Table:
    resources: list[Resource]
    types: dict[str, str]
    borrowers: dict[str, set[str]]
    wrappers: dict[str, set[str]]
    takers: dict[str, set[str]]
    functions: dict[tuple[str, str], Resource] = field(default_factory=dict)
    methods: dict[str, list[Resource]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.carriers = frozenset(f for r in self.resources for f in r.carries)
        self.type_members = frozenset(k.rsplit(".", 1)[-1] for k in self.types)  # "Begin" of "...DB.Begin"
        for r in self.resources:
            if r.type is None:
                self.functions[(r.package, r.function)] = r
            else:
                self.methods.setdefault(r.function, []).append(r)



# Your own constructors (`[[resources]]` tables of .leakfix.toml: package, function, release, ...),
# for every rule that recognises releasable values by the defer-close table.
RESOURCES = Option("resources", "tables", (), "constructors of your own ([[resources]]: package, function, release)",
                   top_level=True,
                   table_keys=("function", "package", "release", "what", "type", "results", "writable", "returns"))


@lru_cache(maxsize=1)
def _builtin_data() -> dict:
    return tomllib.loads(ilr.files("leakfix.codemods").joinpath("resources.toml").read_text())


def load_table(rule: str = "defer-close", extra: list[dict] | None = None) -> Table:
    """The resources of one rule, plus constructors the user configured for it."""
    data = _builtin_data()
    res: list[Resource] = []
    for spec in data["resource"]:
        if spec.get("rule", "defer-close") != rule:
            continue
        for fn in spec["functions"]:
            res.append(Resource(
                what=spec["what"], package=spec["package"], type=spec.get("type"), function=fn,
                release=spec.get("release", "Close"), results=spec.get("results", 2),
                writable=fn in spec.get("writable", ()),
                by_use=tuple(tuple(u) for u in spec.get("by-use", ())),
                returns=tuple(spec.get("returns", ())), value=spec.get("value", 0),
                error=spec.get("error", True), func_type=spec.get("func-type", ""), rule=rule,
                carries=tuple(spec.get("carries", ())), on_request=spec.get("on-request", ""),
            ))
    for spec in extra or ():
        res.append(Resource(
            what=spec.get("what", "configured resource"), package=spec.get("package", ""),
            type=spec.get("type"), function=spec["function"], release=spec.get("release", "Close"),
            results=int(spec.get("results", 2)), writable=bool(spec.get("writable", False)),
            returns=tuple(spec.get("returns", ())),
        ))
    return Table(res, dict(data["types"]), {k: set(v) for k, v in data["borrowers"].items()},
                 {k: set(v) for k, v in data["wrappers"].items()},
                 {k: set(v) for k, v in data["takers"].items()})


@dataclass
class Acquisition:
    call: Node
    resource: Resource
    how: str  # how it was recognised, for the message


class Recogniser:
    """Recognises resource-acquiring calls in one file."""

    def __init__(self, table: Table, file, imports: Imports, index=None):
        self.table = table
        self.file = file
        self.body = file.body
        self.imports = imports
        self._local_types: dict[int, dict[str, str]] = {}
        self._decls: dict[int, set[str]] = {}
        # constructors the table does not list, learnt from the declarations index
        self.learnt = None
        if index is not None:
            from .constructors import Learnt

            self.learnt = Learnt(self, index, file.path)

    # -- package functions -----------------------------------------------------------------
    def package_call(self, callee: Node | None) -> tuple[str, str] | None:
        """(import path, name) for `pkg.Name` where pkg is an import not shadowed locally."""
        sel = gotree.selector(callee, self.body)
        if sel is None:
            return None
        pkg, name = sel
        path = self.imports.path_of(pkg)
        if path is None or self._shadowed(callee, pkg):
            return None
        return path, name

    def _shadowed(self, node: Node, name: str) -> bool:
        fn = gotree.enclosing_function(node)
        memo = self.file.memo
        while fn is not None:
            key = ("declares", fn.id, name)
            if key not in memo:
                # cheap test first: a local declaration of name shows it without a dot after it
                memo[key] = _bare_use(name, self.body, fn.start_byte, fn.end_byte) and \
                    name in self.declared(fn)
            if memo[key]:
                return True
            fn = gotree.enclosing_function(fn)
        return False

    def acquisition(self, call: Node) -> Acquisition | None:
        """The acquisition a call makes: from the table, else learnt from the index."""
        found = self._from_table(call)
        if self.learnt is not None and (found is None or found.resource.by_use):
            # the index's answer is better than a guess from how the result is used
            found = self.learnt.acquisition(call) or found
        return found

    def _from_table(self, call: Node) -> Acquisition | None:
        callee, _ = gotree.call_parts(call)
        if callee is None:
            return None
        if callee.type == "identifier":
            name = gotree.text(callee, self.body)
            r = self.table.functions.get(("", name))
            if r is not None and not self._shadowed(callee, name):
                return Acquisition(call, r, f"call of the configured constructor {name}")
            return None
        sel = gotree.selector(callee, self.body)
        if sel is not None and sel[1] not in self.table.methods:
            path = self.imports.path_of(sel[0])
            if path is not None and (path, sel[1]) not in self.table.functions:
                return None  # a function of an imported package and no resource, whether shadowed or not
        pc = self.package_call(callee)
        if pc is not None:
            r = self.table.functions.get(pc)
            if r is not None:
                return Acquisition(call, r, f"{r.package}.{r.function}")
            return None  # a function of an imported package, not a method
        if callee.type != "selector_expression":
            return None
        method = gotree.text(callee.child_by_field_name("field"), self.body)
        cands = self.table.methods.get(method)
        if not cands:
            return None
        recv = callee.child_by_field_name("operand")
        rtype = self.type_of(recv)
        for r in cands:
            if rtype is not None and _type_matches(r, rtype):
                return Acquisition(call, r, f"({rtype}).{method}")
        if rtype is None:
            for r in cands:
                if r.by_use:
                    return Acquisition(call, r, f"{method} on a value of unknown type, result used as {r.what}")
        return None

    # -- a small local type inference -------------------------------------------------------
    def type_of(self, expr: Node | None) -> str | None:
        """'database/sql.DB' style type of an expression, when it can be told without types."""
        if expr is None:
            return None
        d = gotree.dotted(expr, self.body)
        if d is not None and "." in d:
            head, rest = d.split(".", 1)
            path = self.imports.path_of(head)
            if path is not None and f"{path}.{rest}" in self.table.types and not self._shadowed(expr, head):
                return self.table.types[f"{path}.{rest}"]
        if expr.type == "identifier":
            name = gotree.text(expr, self.body)
            fn = gotree.enclosing_function(expr)
            while fn is not None:
                t = self.local_types(fn).get(name)
                if t is not None:
                    return t
                fn = gotree.enclosing_function(fn)
        return None

    def declared(self, fn: Node) -> set[str]:
        key = ("declared", fn.id)
        memo = self.file.memo
        if key not in memo:
            memo[key] = _declared_locals(fn, self.body)
        return memo[key]

    def local_types(self, fn: Node) -> dict[str, str]:
        key = fn.id
        if key not in self._local_types:
            self._local_types[key] = {}
            self._local_types[key] = self._infer(fn)
        return self._local_types[key]

    def _infer(self, fn: Node) -> dict[str, str]:
        out: dict[str, str] = {}
        for plist in (fn.child_by_field_name("receiver"), fn.child_by_field_name("parameters")):
            if plist is None:
                continue
            for decl in plist.named_children:
                t = self.type_name(decl.child_by_field_name("type"))
                for nm in decl.children_by_field_name("name"):
                    if t:
                        out[gotree.text(nm, self.body)] = t
        for n in _own_declarations(fn, self.body):
            if n.type == "var_spec":
                t = self.type_name(n.child_by_field_name("type"))
                vals = gotree.expression_list_items(n.child_by_field_name("value"))
                names = n.children_by_field_name("name")
                for i, nm in enumerate(names):
                    tt = t or (self._expr_type(vals[i]) if len(vals) == len(names) else None)
                    if tt is None and len(vals) == 1 and i == 0:
                        tt = self._expr_type(vals[0])
                    if tt:
                        out[gotree.text(nm, self.body)] = tt
            elif n.type in ("short_var_declaration", "assignment_statement"):
                left = gotree.expression_list_items(n.child_by_field_name("left"))
                right = gotree.expression_list_items(n.child_by_field_name("right"))
                if len(right) == 1 and left and left[0].type == "identifier":
                    t = self._expr_type(right[0])
                    if t:
                        out[gotree.text(left[0], self.body)] = t
        return out

    def _expr_type(self, expr: Node) -> str | None:
        if expr.type == "unary_expression" and expr.child_count == 2 and expr.children[0].type == "&":
            expr = expr.children[1]
        if expr.type == "composite_literal":
            return self.type_name(expr.child_by_field_name("type"))
        if expr.type == "call_expression":
            callee, args = gotree.call_parts(expr)
            if callee is not None and callee.type == "identifier" and gotree.text(callee, self.body) == "new" and args:
                return self.type_name(args[0])
            sel = gotree.selector(callee, self.body)
            if sel is not None and sel[1] not in self.table.type_members:
                path = self.imports.path_of(sel[0])
                if path is not None and f"{path}.{sel[1]}" not in self.table.types:
                    return None  # no type known for it, whether the package name is shadowed or not
            pc = self.package_call(callee)
            if pc is not None:
                return self.table.types.get(f"{pc[0]}.{pc[1]}")
            if callee is not None and callee.type == "selector_expression":
                rt = self.type_of(callee.child_by_field_name("operand"))
                if rt is not None:
                    return self.table.types.get(f"{rt}.{gotree.text(callee.child_by_field_name('field'), self.body)}")
        return None

    def type_name(self, tnode: Node | None) -> str | None:
        """'net/http.Client' for `*http.Client` or `http.Client` (imports resolved)."""
        if tnode is None:
            return None
        if tnode.type == "pointer_type" and tnode.named_child_count:
            tnode = tnode.named_children[-1]
        if tnode.type == "qualified_type":
            pkg = tnode.child_by_field_name("package")
            name = tnode.child_by_field_name("name")
            if pkg is None or name is None:
                return None
            path = self.imports.path_of(gotree.text(pkg, self.body))
            return f"{path}.{gotree.text(name, self.body)}" if path else None
        return None


@lru_cache(maxsize=256)
def _name_not_before_a_dot(name: str) -> "re.Pattern[bytes]":
    return re.compile(re.escape(name.encode()) + rb"(?![\w.])")


_WORD_OR_DOT = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


def _bare_use(name: str, body: bytes, start: int, end: int) -> bool:
    """Whether `name` stands alone in body[start:end] (not `name.X`, not part of a longer word).
    The regex starts with the name itself, which it finds far faster than a look-behind would;
    the byte before each match is tested here."""
    for m in _name_not_before_a_dot(name).finditer(body, start, end):
        i = m.start()
        if i == 0 or body[i - 1] not in _WORD_OR_DOT:
            return True
    return False


def _type_matches(r: Resource, rtype: str) -> bool:
    if r.type is None or "." not in rtype:
        return False
    path, name = rtype.rsplit(".", 1)
    return path == r.package and name in r.type.split("|")


def _own_declarations(fn: Node, body: bytes) -> list[Node]:
    """The var specs, short variable declarations and assignments of fn's body that are fn's own
    (not those of the function literals in it), in document order. Found from their `=`, `:=`
    and `var` tokens: much cheaper than walking every node of a large function."""
    block = fn.child_by_field_name("body")
    if block is None:
        return []
    found = gotree.token_parents(block, body, b"=", ("short_var_declaration", "assignment_statement"))
    for decl in gotree.token_parents(block, body, b"var", ("var_declaration",)):
        found.extend(_specs(decl, "var_spec"))
    found.sort(key=lambda n: n.start_byte)
    if body.find(b"func", block.start_byte, block.end_byte) == -1:
        return found  # no function literal in it: every one is fn's own
    return [n for n in found if gotree.enclosing_function(n) == fn]


def _specs(decl: Node, spec_type: str) -> list[Node]:
    """The var_spec or const_spec nodes of a var or const declaration (grouped or not)."""
    out = []
    for c in decl.named_children:
        if c.type == spec_type:
            out.append(c)
        elif c.type == "var_spec_list":
            out.extend(x for x in c.named_children if x.type == spec_type)
    return out


def _declared_locals(fn: Node, body: bytes) -> set[str]:
    """Names a function declares itself (parameters, :=, var, range, func literal params)."""
    names: set[str] = set()
    for plist in (fn.child_by_field_name("receiver"), fn.child_by_field_name("parameters"),
                  fn.child_by_field_name("result")):
        if plist is not None and plist.type == "parameter_list":
            for decl in plist.named_children:
                for nm in decl.children_by_field_name("name"):
                    names.add(gotree.text(nm, body))
    block = fn.child_by_field_name("body")
    found: list[Node] = []
    if block is not None:
        found = gotree.token_parents(block, body, b":=", ("short_var_declaration",))
        found += gotree.token_parents(block, body, b"range", ("range_clause",))
        for keyword, spec in ((b"var", "var_spec"), (b"const", "const_spec")):
            for decl in gotree.token_parents(block, body, keyword, (keyword.decode() + "_declaration",)):
                found.extend(_specs(decl, spec))
    for n in found:
        if gotree.enclosing_function(n) != fn:
            continue
        if n.type == "short_var_declaration" or (n.type == "range_clause" and b":=" in body[n.start_byte:n.end_byte]):
            left = n.child_by_field_name("left")
            for nm in gotree.expression_list_items(left):
                if nm.type == "identifier":
                    names.add(gotree.text(nm, body))
        elif n.type in ("var_spec", "const_spec"):
            for nm in n.children_by_field_name("name"):
                names.add(gotree.text(nm, body))
    return names

