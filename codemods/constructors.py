"""Constructors the resource table does not list, learnt from the declarations index.

A module's own wrappers (`fileutil.OpenDir`, a package-level `Open` helper in another file),
methods of project interfaces (`conn.QueryContext` on a `db.DB` returning `*sql.Rows`),
conversions (`http.Dir(p).Open(name)`), function values (`dialer(ctx)` returning a `net.Conn`)
and third-party constructors: a call is an acquisition when

- its callee's name starts with a verb that makes something, as a whole word of the camel-case
  name (`Open`, `OpenFile`, `NewReader`, `Dial*`, `Create*`, `Connect*`, `Listen*`, `Accept*`,
  `Acquire*`, `Begin*`, `Query*`, `Prepare*`, or lower-case for the package's own helpers); a
  getter that returns a value it keeps (`srv.Listener()`) is not a constructor; a function
  value names the verb anywhere (`dialer(ctx)`, `openFn()`);
- the index gives its results: one value, or a value and an error;
- and the value's type is a resource: a type the table knows (`*os.File`, `*http.Response`,
  `net.Conn`, ...) or one whose method set has `Close()`, wherever it is declared.

The standard library's own functions are the table's business: an unlisted one is no resource.
"""
from __future__ import annotations

import os
import re
from tree_sitter import Node

from leakfix.engine import gotree
from leakfix.engine.index import ERROR, Index, PackageDecls, TypeRef, is_standard

from .resources import Acquisition, Resource, Table

VERBS = ("Open", "New", "Dial", "Create", "Connect", "Listen", "Accept", "Acquire", "Begin", "Query", "Prepare")
# `new` alone is the builtin: a lower-case verb must be followed by an upper-case letter or nothing
# the verb is a whole word of the camel-case name: OpenFile, NewReader, Listen, not Listener
_VERB = re.compile(r"(?:" + "|".join(VERBS) + "|" + "|".join(v.lower() for v in VERBS) + r")(?:[A-Z0-9_]\w*)?")
# a function value names what it makes first: `dialer(ctx)`, `openFn()`, `newConn()`
_VALUE_VERB = re.compile(r"(?:" + "|".join(v.lower() for v in VERBS) + r")(?:[A-Z0-9_]\w*|er|or)?")
# Called names come from `.Name(` (a regex with a literal start, fast on large trees) and, for
# plain calls, from the names the file's package declares (an identifier regex is ten times
# slower); function values are found by a few usual names.
_SELECTED = re.compile(rb"\.([A-Za-z_]\w*)\(")
_VALUE_NAMES = tuple(f"{v.lower()}{s}(".encode() for v in VERBS for s in ("er", "or", "Fn", "Func", "Conn"))

_IMPORT_PATHS = re.compile(rb'(?m)^\s*(?:import\s+)?(?:([\w.]+)\s+)?"([^"]+)"')
RELEASE = "Close"
# A writer's Close is not a pure release: it flushes buffers and writes trailers, so adding one
# changes what is written. Types with these methods or names are left to the table.
WRITER_METHODS = frozenset({"Flush", "WriteHeader"})
WRITER_NAMES = ("Writer", "WriteCloser", "Encoder")
LIFECYCLE_METHODS = frozenset({"Shutdown", "Stop"})
_BODY_CALL = re.compile(r"(?:\b(\w+)\.)?\b([A-Za-z]\w*)\(")
# a test helper that registers the release itself (`t.Cleanup(...)`, `tb.Cleanup(...)`)
_REGISTERS_CLEANUP = re.compile(r"\b\w+\.Cleanup\(")


def _acquiring_calls(table: Table) -> "re.Pattern[str]":
    """A regex for the table's constructors as they are written in a body (`os.Open(`,
    `.QueryContext(`), made once per table."""
    cached = getattr(table, "_acquiring_calls", None)
    if cached is None:
        words = {f"{pkg.rsplit('/', 1)[-1]}.{fn}(" for (pkg, fn) in table.functions if pkg}
        words |= {f".{m}(" for m in table.methods}
        words |= {"os.NewFile(", "os.Pipe(", "syscall.Open(", "unix.Open(", "syscall.Socket(", "unix.Socket("}
        cached = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        table._acquiring_calls = cached  # type: ignore[attr-defined]
    return cached


def is_constructor_name(name: str) -> bool:
    return _VERB.fullmatch(name) is not None


def may_call_a_learnt_constructor(path: str | None, body: bytes, index: Index) -> bool:
    """The prefilter: a call of a constructor-named function of the file's package, of a
    function value with a usual constructor name, or of a constructor-named function or method
    that is not a standard-library package function (those the table knows or rules out)."""
    own = index.package_of_file(path, body) if path is not None else None
    if own is not None:
        for name in own.funcs:
            if is_constructor_name(name) and _called_plainly(body, name.encode()):
                return True
    if any(v in body for v in _VALUE_NAMES):
        return True
    names = {n for n in set(_SELECTED.findall(body)) if is_constructor_name(n.decode("utf-8", "replace"))}
    if not names:
        return False
    std_names = _standard_import_names(body)
    for name in names:
        for m in re.finditer(rb"(\w*)\." + name + rb"\(", body):
            if m.group(1) not in std_names:
                return True
    return False


def _called_plainly(body: bytes, name: bytes) -> bool:
    """Whether `name(` occurs as a call of its own (not `x.name(`, not part of a longer name)."""
    needle = name + b"("
    i = body.find(needle)
    while i != -1:
        if i == 0 or body[i - 1] not in _WORD_OR_DOT:
            return True
        i = body.find(needle, i + 1)
    return False


_WORD_OR_DOT = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


def _standard_import_names(body: bytes) -> set[bytes]:
    head = body[:body.find(b"\nfunc ")] if b"\nfunc " in body else body
    out = set()
    for m in _IMPORT_PATHS.finditer(head):
        path = m.group(2).decode("utf-8", "replace")
        if is_standard(path):
            out.add(m.group(1) or path.rsplit("/", 1)[-1].encode())
    return out


def calls_in(gf, index: Index) -> list[Node]:
    """The call nodes of a file whose callee has a constructor's name: `x.Name(`, a function of
    the file's package, or a function value with a usual constructor name."""
    selected = {n.decode("utf-8", "replace") for n in set(_SELECTED.findall(gf.body))}
    selected = {n for n in selected if is_constructor_name(n)}
    own = index.package_of_file(gf.path, gf.raw)
    plain = {n for n in (own.funcs if own is not None else ()) if is_constructor_name(n)}
    plain |= {v[:-1].decode() for v in _VALUE_NAMES if v in gf.body}
    if not plain and not selected:
        return []
    return gf.calls_to(frozenset(selected), frozenset(plain))


def _known_types(table: Table) -> dict[str, Resource]:
    """The table's resource types by `path.Name` (from each resource's `returns`), made once per
    table."""
    cached = getattr(table, "_known_types", None)
    if cached is not None:
        return cached
    out: dict[str, Resource] = {}
    for r in table.resources:
        if r.released_by_call or r.rule != "defer-close":
            continue
        for short in r.returns:
            if short.startswith("io."):
                continue  # io.ReadCloser and the like say nothing about what is behind them
            pkg, _, name = short.rpartition(".")
            path = r.package if r.package.rsplit("/", 1)[-1] == pkg else pkg
            out.setdefault(f"{path}.{name}", r)
    table._known_types = out  # type: ignore[attr-defined]
    return out


class Learnt:
    """Acquisitions of one file found through the index."""

    def __init__(self, rec, index: Index, path: str):
        self.rec = rec
        self.index = index
        self.dir = os.path.dirname(os.path.abspath(path))
        self.path = path
        self._own = None
        self.known = _known_types(rec.table)

    @property
    def own(self):
        if self._own is None:
            self._own = self.index.package_of_file(self.path, self.rec.file.raw) or False
        return self._own or None

    def acquisition(self, call: Node) -> Acquisition | None:
        callee, _ = gotree.call_parts(call)
        if callee is None:
            return None
        body = self.rec.body
        if callee.type == "identifier":
            name = gotree.text(callee, body)
            results = self._local_func_results(callee, name) if _VALUE_VERB.fullmatch(name) else None
            if results is None and not is_constructor_name(name):
                return None
            origin = None
            if results is None:
                if self.rec._shadowed(callee, name):
                    return None
                own = self.own
                results = self.index.results_of_func(own, name) if own is not None else None
                origin = (own, own.bodies.get(name)) if own is not None else None
            return self._make(call, results, name, origin)
        if callee.type != "selector_expression":
            return None
        field = gotree.text(callee.child_by_field_name("field"), body)
        if not is_constructor_name(field):
            return None
        operand = callee.child_by_field_name("operand")
        pc = self.rec.package_call(callee)
        if pc is not None:
            if self.index.is_standard(pc[0], self.dir):
                return None  # the table knows the standard library's constructors
            pkg = self.index.package(pc[0], self.dir)
            results = self.index.results_of_func(pkg, pc[1]) if pkg is not None else None
            origin = (pkg, pkg.bodies.get(pc[1])) if pkg is not None else None
            return self._make(call, results, f"{pc[0].rsplit('/', 1)[-1]}.{pc[1]}", origin)
        rtype = self.type_of(operand)
        if rtype is None or not rtype.path:
            return None
        results = self.index.method_results(rtype, field, self.dir)
        return self._make(call, results, f"({rtype}).{field}", self.index.method_body(rtype, field, self.dir))

    # -- what a value's type is --------------------------------------------------------------
    def type_of(self, expr: Node | None, depth: int = 0) -> TypeRef | None:
        if expr is None or depth > 4:
            return None
        body = self.rec.body
        if expr.type == "parenthesized_expression" and expr.named_child_count == 1:
            return self.type_of(expr.named_children[0], depth + 1)
        if expr.type == "identifier":
            return self._declared_type(expr, gotree.text(expr, body))
        if expr.type == "selector_expression":
            operand = expr.child_by_field_name("operand")
            fname = gotree.text(expr.child_by_field_name("field"), body)
            base = self.type_of(operand, depth + 1)
            if base is not None and base.path:
                return self.index.field_type(base, fname, self.dir)
            return None
        if expr.type == "call_expression":
            callee, args = gotree.call_parts(expr)
            if callee is None:
                return None
            # a conversion `http.Dir(p)` or `Store(x)`
            conv = self._type_from_node(callee)
            if conv is not None and len(args) == 1 and self.index.decl_of(conv, self.dir) is not None:
                return conv
        return None

    def _declared_type(self, node: Node, name: str) -> TypeRef | None:
        """The declared type of a parameter or receiver, or of a `var x T`, in the enclosing
        functions; then a package-level variable of the file's package."""
        fn = gotree.enclosing_function(node)
        while fn is not None:
            for plist in (fn.child_by_field_name("receiver"), fn.child_by_field_name("parameters")):
                if plist is None:
                    continue
                for decl in plist.named_children:
                    if any(gotree.text(n, self.rec.body) == name for n in decl.children_by_field_name("name")):
                        return self._type_from_node(decl.child_by_field_name("type"))
            if name in self.rec.declared(fn):
                return None  # a local of another kind: not modelled
            fn = gotree.enclosing_function(fn)
        return None

    def _type_from_node(self, tnode: Node | None) -> TypeRef | None:
        if tnode is None:
            return None
        pointer = False
        if tnode.type == "pointer_type" and tnode.named_child_count:
            pointer, tnode = True, tnode.named_children[-1]
        if tnode.type in ("generic_type",) and tnode.named_child_count:
            tnode = tnode.named_children[0]
        body = self.rec.body
        if tnode.type in ("qualified_type", "selector_expression"):
            if tnode.type == "qualified_type":
                pkg, name = tnode.child_by_field_name("package"), tnode.child_by_field_name("name")
            else:
                pkg, name = tnode.child_by_field_name("operand"), tnode.child_by_field_name("field")
            if pkg is None or name is None:
                return None
            path = self.rec.imports.path_of(gotree.text(pkg, body))
            return TypeRef(path, gotree.text(name, body), pointer) if path else None
        if tnode.type in ("type_identifier", "identifier"):
            own = self.own
            name = gotree.text(tnode, body)
            if own is not None and name in own.types:
                return TypeRef(own.path, name, pointer)
            return None
        if tnode.type == "function_type":
            own = self.own
            if own is None:
                return None
            mine = PackageDecls(own.path, own.directory, types=own.types,
                                imports=[{sp.name: sp.path for sp in self.rec.imports.specs}])
            return self.index.type_ref(gotree.text(tnode, body), mine, 0)
        return None

    def _local_func_results(self, callee: Node, name: str) -> list[TypeRef] | None:
        """The results of calling a parameter of function type."""
        fn = gotree.enclosing_function(callee)
        while fn is not None:
            plist = fn.child_by_field_name("parameters")
            if plist is not None:
                for decl in plist.named_children:
                    if any(gotree.text(n, self.rec.body) == name for n in decl.children_by_field_name("name")):
                        t = decl.child_by_field_name("type")
                        ref = self._type_from_node(t) if t is not None and t.type == "function_type" else None
                        return list(ref.results) if ref is not None and ref.results is not None else None
            fn = gotree.enclosing_function(fn)
        return None

    # -- deciding -------------------------------------------------------------------------------
    def _is_resource(self, ref: TypeRef | None) -> bool:
        if ref is None or not ref.path or ref.results is not None:
            return False
        return ref.key in self.known or RELEASE in self.index.method_set(ref, self.dir)

    def _wraps_resource(self, call: Node) -> bool:
        """Whether an argument is itself a resource (a parameter or field of a resource type, or
        a local acquired in this function): the result then wraps a value someone else may own,
        and whether its Close closes that value too cannot be told."""
        _, args = gotree.call_parts(call)
        for arg in args:
            if arg.type in ("identifier", "selector_expression", "parenthesized_expression") and \
                    self._is_resource(self.type_of(arg)):
                return True
            if arg.type == "identifier" and self._acquired_locally(arg):
                return True
        return False

    def _acquired_locally(self, ident: Node) -> bool:
        name = gotree.text(ident, self.rec.body)
        fn = gotree.enclosing_function(ident)
        block = fn.child_by_field_name("body") if fn is not None else None
        if block is None:
            return False
        for decl in gotree.token_parents(block, self.rec.body, b":=", ("short_var_declaration",)):
            if decl.start_byte >= ident.start_byte:
                break
            left = gotree.expression_list_items(decl.child_by_field_name("left"))
            right = gotree.expression_list_items(decl.child_by_field_name("right"))
            if left and gotree.text(left[0], self.rec.body) == name and len(right) == 1 and \
                    right[0].type == "call_expression" and self.rec._from_table(right[0]) is not None:
                return True
        return False

    def _make(self, call: Node, results: list[TypeRef] | None, how: str,
              origin: tuple | None = None) -> Acquisition | None:
        """origin: (package, body text or None) of the function called, when the index has it."""
        if not results or len(results) > 2:
            return None
        if self._wraps_resource(call):
            return None
        if len(results) == 2 and results[1] != ERROR:
            return None
        if origin is not None and origin[1] is not None and _REGISTERS_CLEANUP.search(origin[1]):
            return None  # the helper hands the release to t.Cleanup: its callers have nothing to do
        value = results[0]
        if not value.path or value.results is not None:
            return None
        known = self.known.get(value.key)
        if known is not None:
            res = Resource(what=known.what, package=value.path, type=None, function=how, release=known.release,
                           results=len(results), returns=known.returns, rule=known.rule,
                           on_request=known.on_request, error=len(results) == 2)
            return Acquisition(call, res, how)
        methods = self.index.method_set(value, self.dir)
        if RELEASE not in methods or WRITER_METHODS & methods or value.name.endswith(WRITER_NAMES):
            return None  # no Close; or a writer, whose Close writes (a trailer, buffered data)
        if self.index.method_params(value, RELEASE, self.dir) != []:
            return None  # a Close that takes arguments (grpc's ClientStream.Close(err)), or one the index cannot read
        if LIFECYCLE_METHODS & methods:
            return None  # a server or service: stopped by Shutdown/Stop as often as by Close
        short = f"{value.path.rsplit('/', 1)[-1]}.{value.name}"
        on_request = ""
        if origin is not None and origin[1] is not None and not self._acquires(origin[0], origin[1], 0):
            on_request = (f"{how} acquires nothing leakfix knows (no file, connection or other resource in its "
                          f"body), so {short}'s Close may free nothing")
        res = Resource(what=f"{'*' if value.pointer else ''}{short}", package=value.path, type=None, function=how,
                       release=RELEASE, results=len(results), returns=(short,), error=len(results) == 2,
                       on_request=on_request)
        return Acquisition(call, res, how)

    def _acquires(self, pkg, body: str, depth: int) -> bool:
        """Whether a function body acquires a resource: it calls a constructor of the table, or
        (three calls deep at most) a function of its own or of another module package that does."""
        if _acquiring_calls(self.rec.table).search(body):
            return True
        if depth >= 3:
            return False
        for m in _BODY_CALL.finditer(body):
            qual, name = m.group(1), m.group(2)
            if not is_constructor_name(name):
                continue
            target = pkg
            if qual:
                imports = pkg.imports
                path = next((imps[qual] for imps in imports if qual in imps), None)
                if path is None or self.index.is_standard(path, pkg.directory):
                    continue
                target = self.index.package(path, pkg.directory)
                if target is None:
                    return True  # a constructor of a package leakfix cannot read: assume it acquires
            inner = target.bodies.get(name)
            if inner is not None and self._acquires(target, inner, depth + 1):
                return True
        return False
