"""sync-pool: pool per-call buffers (bytes.Buffer, large make([]byte, N)) where provably safe.

A performance change, so it is off by default and conservative: the buffer is rewritten only
when nothing that aliases its memory can outlive the call (see docs/sync-pool-spec.md). With a
heap profile (`--profile`) it is limited to the allocation sites that matter.
"""
from __future__ import annotations

import os
import re

from tree_sitter import Node

from leakfix.engine import gotree
from leakfix.engine.model import Context, Edit, Finding, Fix, Import
from leakfix.engine.options import Option, resolve

from .lifetime import Tracker, closure_context
from .resources import Recogniser, load_table

DOC = """\
## What it does
Turns a function-local `bytes.Buffer` (`var b bytes.Buffer`, `new(bytes.Buffer)`,
`&bytes.Buffer{}`, `bytes.NewBuffer(...)`) or a large `make([]byte, N)` into a buffer taken
from a package-level `sync.Pool` and put back when the function returns. Off by default.

## Why is this bad?
A buffer allocated on every call churns the heap: under load the garbage collector runs more
often and the allocation itself costs. Pooling reuses the memory across calls.

## Example
```go
func render(w io.Writer, v any) error {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
```

## Use instead
```go
var renderBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

func render(w io.Writer, v any) error {
	b := renderBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			renderBufferPool.Put(b)
		}
	}()
	if err := json.NewEncoder(b).Encode(v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
```

## Fix safety
A pooled buffer is reused by the next caller: memory still referenced after `Put` is
overwritten, which corrupts data silently. So the rewrite is made only when no alias of the
buffer (the buffer, `&b`, `b.Bytes()`, `b.Next(n)`, slices `buf[i:j]`) is returned, stored,
sent, appended as an element, assigned elsewhere, captured by a goroutine or a closure that may
run later, or passed to a function outside a list of calls known not to keep their argument
(`Write`/`Read`-style methods, `io.Copy`, `fmt.Fprint*`, encoders made on the buffer and
dropped, `copy`, ...). `b.String()` and `string(buf)` copy and are fine. A `bytes.Buffer` value
that is copied, a buffer that is reassigned, and one inside a loop body are reported, not
rewritten. Buffers grown beyond 64 KiB are dropped instead of pooled; `make([]byte, N)` buffers
are cleared after `Get`, so code that relied on zeroed memory still sees zeros.
`bufio.Reader`/`Writer` are not candidates: they keep the reader or writer they wrap.
Where it pays in real code: read loops (`buf := make([]byte, 32<<10)` once per call, then
`for { n, err := r.Read(buf) ... }`: `Read` and `Write` only borrow it), and `Marshal`/`Encode`
methods that build their output in a `bytes.Buffer` and hand back a copy (`b.String()`,
`bytes.Clone(b.Bytes())`). A buffer made on every iteration of a loop is reported: make it once
before the loop first.

With `--profile`, a `make([]byte, n)` whose size is known only at run time (a frame or record
length in a codec) is a candidate too at the profiled sites (without a profile it is not: its
size cannot be held against `min-bytes`). The pool holds `*[]byte`; the buffer is grown to `n`
when the pooled one is shorter, cut to length and capacity `n` (`(*bufp)[:n:n]`, as `make`
gives, so `append` still copies), cleared, and not put back above `max-bytes`. `n` may be
evaluated three times, so it must be variables, fields, constants, arithmetic or `len`/`cap`.

## Options
`.leakfix.toml`: `[sync-pool] min-bytes = 1024` (smallest `make([]byte, N)` considered),
`max-bytes = 65536` (largest buffer put back). `--profile FILE` (a heap profile) limits the rule
to allocation sites with at least `--profile-share` percent (default 1) of allocated bytes.

## References
staticcheck SA6002; golang/go#23199; leak-patterns.md §8.
"""

KEEPING_METHODS = {"Write", "WriteString", "Read", "ReadFrom", "WriteTo", "ReadAt", "WriteAt", "Sum", "Encode",
                   "Decode", "Execute", "ExecuteTemplate", "Fprint", "Fprintf", "Fprintln"}
BORROWERS = {
    "io": {"Copy", "CopyN", "CopyBuffer", "ReadFull", "ReadAtLeast", "WriteString"},
    "fmt": {"Fprint", "Fprintf", "Fprintln", "Fscan", "Fscanf", "Fscanln"},
    "os": {"WriteFile"},
    "encoding/binary": {"Read", "Write"},
    "bytes": {"Equal", "Compare", "HasPrefix", "HasSuffix", "Contains", "ContainsAny", "ContainsRune", "Index",
              "IndexByte", "IndexAny", "IndexRune", "LastIndex", "LastIndexByte", "Count", "Clone", "EqualFold"},
    "unicode/utf8": {"Valid", "DecodeRune", "DecodeLastRune", "RuneCount"},
    "encoding/hex": {"Encode", "EncodeToString"},
    "": {"copy", "len", "cap", "string", "print", "println"},
}
WRAPPERS = {
    "encoding/json": {"NewEncoder", "NewDecoder"}, "encoding/gob": {"NewEncoder", "NewDecoder"},
    "encoding/xml": {"NewEncoder", "NewDecoder"}, "bufio": {"NewWriter", "NewReader", "NewWriterSize", "NewReaderSize", "NewScanner"},
    "compress/gzip": {"NewWriter", "NewWriterLevel", "NewReader"}, "compress/zlib": {"NewWriter", "NewWriterLevel", "NewReader"},
    "compress/flate": {"NewWriter", "NewReader"}, "encoding/csv": {"NewWriter", "NewReader"},
}
ALIASING_METHODS = {"Bytes", "Next", "AvailableBuffer"}
CAPACITY_METHODS = {"Cap", "Available"}


class Unsafe(Exception):
    """Why a buffer must not be pooled."""


class SyncPool:
    id = "sync-pool"
    summary = "Pool per-call bytes.Buffer and large []byte buffers with sync.Pool where provably safe"
    default_enabled = False
    doc = DOC
    triggers = re.compile(rb"bytes\.Buffer|NewBuffer\(|make\(\[\]byte, ")
    # the package's other files (names a new pool must not take), go.mod's go line (`any`,
    # `clear`), the heap profile given with --profile (which sites to pool)
    inputs = frozenset({"package", "gomod", "profile"})
    option_schema = (
        Option("min-bytes", "int", 1024, "smallest make([]byte, N) that is pooled", minimum=0),
        Option("max-bytes", "int", 64 << 10, "largest buffer put back into the pool", minimum=0),
        Option("profile", "str", None, "a heap profile: pool only the sites that matter (--profile sets it)"),
        Option("profile-share", "float", 1.0, "smallest share (percent) of allocated bytes a site needs "
               "with a profile (--profile-share)", minimum=0),
    )

    def __init__(self, options: dict | None = None, template_overrides: dict | None = None):
        opts = resolve(self.option_schema, options, f"[{self.id}]")
        self.min_bytes = opts["min-bytes"]
        self.max_bytes = opts["max-bytes"]
        self.share = opts["profile-share"]
        self.table = load_table("defer-close")

    def run(self, gf, ctx: Context) -> list[Finding]:
        imports = gf.imports
        bpkg = imports.name_of("bytes")
        rec = Recogniser(self.table, gf, imports)
        profile = ctx.profile if ctx is not None else None
        sites = profile.lines(self.share) if profile is not None else None
        out = []
        for stmt in gotree.walk(gf.root):
            if stmt.type not in ("short_var_declaration", "var_declaration"):
                continue
            cand = _candidate(stmt, gf.body, bpkg, self.min_bytes, gf, sized=sites is not None)
            if cand is None:
                continue
            weight = None
            if sites is not None:
                line = gf.line_col(stmt.start_byte)[0]
                weight = sites.get(line)
                if weight is None:
                    continue
            f = _Buffer(self, gf, rec, imports, stmt, *cand, ctx).analyse()
            if f is not None:
                if weight is not None:
                    f.message += f" ({weight.bytes / 1e6:.1f} MB, {weight.share * 100:.1f}% of allocated bytes in the profile)"
                    f.weight = weight.bytes
                out.append(f)
        return out


def _candidate(stmt: Node, body: bytes, bpkg: str | None, min_bytes: int, gf, sized: bool = False) -> tuple | None:
    """(name, kind 'value'|'pointer'|'slice'|'sized', size, grow) of a candidate declaration, or
    None. 'sized' is `make([]byte, n)` with n not a constant (its size is the expression's text):
    a candidate only when a profile says the site matters (sized), since min-bytes cannot be
    checked."""
    if stmt.type == "var_declaration":
        specs = [c for c in stmt.named_children if c.type == "var_spec"]
        if len(specs) != 1:
            return None
        spec = specs[0]
        names = spec.children_by_field_name("name")
        if len(names) != 1:
            return None
        name = gotree.text(names[0], body)
        value = spec.child_by_field_name("value")
        typ = spec.child_by_field_name("type")
        if value is None:
            if bpkg and typ is not None and gotree.text(typ, body) == f"{bpkg}.Buffer":
                return name, "value", 0, 0
            return None
        vals = gotree.expression_list_items(value)
        if len(vals) != 1 or typ is not None:
            return None
        expr = vals[0]
    else:
        lefts = gotree.expression_list_items(stmt.child_by_field_name("left"))
        rights = gotree.expression_list_items(stmt.child_by_field_name("right"))
        if len(lefts) != 1 or len(rights) != 1 or lefts[0].type != "identifier":
            return None
        name, expr = gotree.text(lefts[0], body), rights[0]
    if name == "_":
        return None
    text = gotree.text(expr, body).replace(" ", "")
    if bpkg and text in (f"new({bpkg}.Buffer)", f"&{bpkg}.Buffer{{}}", f"{bpkg}.NewBuffer(nil)"):
        return name, "pointer", 0, 0
    if expr.type != "call_expression":
        return None
    callee, args = gotree.call_parts(expr)
    ctext = gotree.text(callee, body) if callee is not None else ""
    if bpkg and ctext == f"{bpkg}.NewBuffer" and len(args) == 1 and args[0].type == "call_expression":
        icallee, iargs = gotree.call_parts(args[0])
        if gotree.text(icallee, body) == "make" and len(iargs) == 3 and gotree.text(iargs[0], body) == "[]byte" \
                and gotree.text(iargs[1], body) == "0":
            n = _const_int(iargs[2], body, gf)
            if n is not None:
                return name, "pointer", 0, n
        return None
    if ctext == "make" and len(args) == 2 and gotree.text(args[0], body).replace(" ", "") == "[]byte":
        n = _const_int(args[1], body, gf)
        if n is not None and n >= min_bytes:
            return name, "slice", n, 0
        if n is None and sized and _pure_size(args[1], body):
            return name, "sized", gotree.text(args[1], body), 0
    return None


_SIZE_NODES = {"identifier", "int_literal", "selector_expression", "field_identifier", "binary_expression",
               "parenthesized_expression", "package_identifier"}


def _pure_size(node: Node, body: bytes) -> bool:
    """A size expression the template may evaluate three times: variables, fields, constants,
    arithmetic, len/cap and int conversions; no other calls, no receives."""
    for n in gotree.walk(node):
        if not n.is_named:
            if n.type == "<-":
                return False
            continue
        if n.type == "call_expression":
            fn = n.child_by_field_name("function")
            if fn is None or gotree.text(fn, body) not in ("len", "cap", "int"):
                return False
        elif n.type not in _SIZE_NODES and n.type != "argument_list":
            return False
    return True


def _const_int(node: Node, body: bytes, gf) -> int | None:
    """The value of an integer constant expression (literals, + - * << >>, package consts)."""
    t = node.type
    if t == "int_literal":
        try:
            return int(gotree.text(node, body).replace("_", ""), 0)
        except ValueError:
            return None
    if t == "parenthesized_expression" and node.named_child_count == 1:
        return _const_int(node.named_children[0], body, gf)
    if t == "binary_expression":
        a = _const_int(node.child_by_field_name("left"), body, gf)
        b = _const_int(node.child_by_field_name("right"), body, gf)
        op = gotree.text(node.child_by_field_name("operator"), body)
        if a is None or b is None:
            return None
        return {"+": a + b, "-": a - b, "*": a * b, "<<": a << b if b < 64 else None, ">>": a >> b}.get(op)
    if t == "identifier":
        return _package_consts(gf).get(gotree.text(node, body))
    return None


def _package_consts(gf) -> dict[str, int]:
    key = ("sync-pool-consts",)
    if key not in gf.memo:
        out: dict[str, int] = {}
        for decl in gf.root.named_children:
            if decl.type != "const_declaration":
                continue
            for spec in (c for c in decl.named_children if c.type == "const_spec"):
                names = spec.children_by_field_name("name")
                vals = gotree.expression_list_items(spec.child_by_field_name("value"))
                if len(names) == 1 and len(vals) == 1:
                    v = _const_int(vals[0], gf.body, _NoConsts)
                    if v is not None:
                        out[gotree.text(names[0], gf.body)] = v
        gf.memo[key] = out
    return gf.memo[key]


class _NoConsts:
    memo: dict = {("sync-pool-consts",): {}}


class _Buffer:
    def __init__(self, rule: SyncPool, gf, rec, imports, stmt, name, kind, size, grow, ctx):
        self.rule, self.gf, self.body, self.rec, self.imports = rule, gf, gf.body, rec, imports
        self.stmt, self.name, self.kind, self.size, self.grow, self.ctx = stmt, name, kind, size, grow, ctx
        self.fn = gotree.enclosing_function(stmt)
        self.addr_of: list[Node] = []  # `&b` nodes of a value buffer

    def finding(self, msg: str, fix: Fix | None = None, reason: str | None = None) -> Finding:
        return Finding(self.rule.id, self.stmt.start_byte, self.stmt.end_byte, msg, fix, reason)

    def analyse(self) -> Finding | None:
        if self.fn is None or self.stmt.parent is None or self.stmt.parent.type != "statement_list":
            return None
        if _is_pool_new(self.fn, self.body):
            return None  # the allocation a pool's New makes is the point of the pool
        what = f"make([]byte, {self.size})" if self.kind in ("slice", "sized") else "bytes.Buffer"
        msg = f"{what} allocated on every call could come from a sync.Pool"
        if any(a.type == "for_statement" for a in gotree.ancestors(self.stmt, self.fn)):
            return self.finding(msg, reason="inside a loop body; hoist or pool it by hand")
        region = gotree.following(self.stmt)
        try:
            self._check(self.name, region, depth=0, slice_carrier=self.kind in ("slice", "sized"))
        except Unsafe as exc:
            return self.finding(msg, reason=str(exc))
        if self.imports.name_of("sync") is None and "sync" in self.package_names():
            return self.finding(msg, reason="the package declares its own `sync`, so the sync package cannot be "
                                            "imported; pool it by hand")
        return self.finding(msg, self._fix())

    # -- safety -----------------------------------------------------------------------------
    def _check(self, name: str, region: list[Node], depth: int, slice_carrier: bool) -> None:
        tracker = Tracker(self.gf, self.rec, (), "\0")
        for ident in tracker.uses(name, region):
            self._use(ident, depth, slice_carrier, top=depth == 0)

    def _use(self, e: Node, depth: int, slice_carrier: bool, top: bool) -> None:
        line = self.gf.line_col(e.start_byte)[0]
        how = closure_context(e, self.fn)
        if how == "go":
            raise Unsafe(f"captured by a goroutine (line {line})")
        if how == "closure":
            raise Unsafe(f"captured by a closure that may run later (line {line})")
        p = e.parent
        while p is not None and p.type == "parenthesized_expression":
            e, p = p, p.parent
        if p is None:
            return
        ty = p.type
        if top and self.kind == "value":
            if ty == "unary_expression" and p.children[0].type == "&":
                self.addr_of.append(p)
                return self._use(p, depth, False, False)
            if ty == "selector_expression" and p.child_by_field_name("operand") == e:
                return self._method(p, depth, line)
            raise Unsafe(f"the bytes.Buffer value is copied (line {line})")
        if ty == "selector_expression" and p.child_by_field_name("operand") == e:
            return self._method(p, depth, line)
        if ty == "index_expression" and p.child_by_field_name("operand") == e:
            return
        if ty == "slice_expression" and p.child_by_field_name("operand") == e:
            return self._use(p, depth, True, False)
        if ty == "argument_list":
            return self._argument(p.parent, e, depth, slice_carrier, line)
        if ty == "variadic_argument" and p.parent is not None and p.parent.type == "argument_list":
            callee = p.parent.parent.child_by_field_name("function") if p.parent.parent is not None else None
            if callee is not None and gotree.text(callee, self.body) == "append":
                return  # append(dst, buf...) copies the bytes
            raise Unsafe(f"passed on as a variadic argument, which shares its memory (line {line})")
        if ty in ("binary_expression", "range_clause", "expression_case", "if_statement", "expression_switch_statement"):
            return
        if ty == "unary_expression":
            raise Unsafe(f"its address is taken (line {line})")
        if ty == "expression_list" and p.parent is not None:
            gp = p.parent
            if gp.type == "return_statement":
                raise Unsafe(f"returned (line {line})")
            if gp.type in ("assignment_statement", "short_var_declaration") and p == gp.child_by_field_name("left"):
                raise Unsafe(f"assigned again (line {line})")
            if gp.type in ("short_var_declaration", "var_spec") and depth < 3:
                return self._derived(gp, p, e, depth, slice_carrier, line)
            raise Unsafe(f"assigned to another variable (line {line})")
        if ty == "return_statement":
            raise Unsafe(f"returned (line {line})")
        if ty == "send_statement":
            raise Unsafe(f"sent on a channel (line {line})")
        if ty in ("literal_element", "keyed_element", "literal_value"):
            raise Unsafe(f"stored in a composite literal (line {line})")
        raise Unsafe(f"used in a way leakfix does not follow (line {line})")

    def _method(self, sel: Node, depth: int, line: int) -> None:
        method = gotree.text(sel.child_by_field_name("field"), self.body)
        call = sel.parent
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != sel:
            raise Unsafe(f"a method value is taken (line {line})")
        if method in CAPACITY_METHODS:
            raise Unsafe(f"{method}() observes the buffer's capacity, which a pooled buffer changes (line {line})")
        if method in ALIASING_METHODS or (self.kind in ("slice", "sized")):
            return self._use(call, depth, True, False)

    def _argument(self, call: Node, e: Node, depth: int, slice_carrier: bool, line: int) -> None:
        callee, args = gotree.call_parts(call)
        name = gotree.text(callee, self.body) if callee is not None else "?"
        stmt = call.parent
        if stmt is not None and stmt.type == "go_statement":
            raise Unsafe(f"handed to a goroutine (line {line})")
        if callee is not None and callee.type == "identifier":
            if name == "append":
                raise Unsafe(f"appended (line {line})")
            if name in BORROWERS[""]:
                return
            raise Unsafe(f"passed to {name} (line {line})")
        pc = self.rec.package_call(callee)
        if pc is not None:
            if pc[1] in BORROWERS.get(pc[0], ()):
                return
            if pc[1] in WRAPPERS.get(pc[0], ()):
                return self._use(call, depth, False, False)  # an encoder on the buffer: follow it
            raise Unsafe(f"passed to {name} (line {line})")
        if callee is not None and callee.type == "selector_expression":
            method = gotree.text(callee.child_by_field_name("field"), self.body)
            if method in KEEPING_METHODS:
                return
        raise Unsafe(f"passed to {name} (line {line})")

    def _derived(self, decl: Node, right: Node, e: Node, depth: int, slice_carrier: bool, line: int) -> None:
        rights = gotree.expression_list_items(right)
        lefts = decl.children_by_field_name("name") if decl.type == "var_spec" else \
            gotree.expression_list_items(decl.child_by_field_name("left"))
        if len(lefts) != len(rights) or rights.count(e) != 1 or lefts[rights.index(e)].type != "identifier":
            raise Unsafe(f"assigned in a way leakfix does not follow (line {line})")
        alias = gotree.text(lefts[rights.index(e)], self.body)
        stmt = decl if decl.type != "var_spec" else decl.parent
        if stmt.parent is None or stmt.parent.type != "statement_list":
            raise Unsafe(f"assigned in a way leakfix does not follow (line {line})")
        region = gotree.following(stmt)
        tracker = Tracker(self.gf, self.rec, (), "\0")
        for ident in tracker.uses(alias, region):
            self._use(ident, depth + 1, slice_carrier, top=False)

    # -- the rewrite ------------------------------------------------------------------------
    def _fix(self) -> Fix:
        gf, body = self.gf, self.body
        indent = gf.indent_at(self.stmt.start_byte)
        spkg = self.imports.name_of("sync") or "sync"
        pool, decl = self._pool(spkg)
        b = self.name
        if self.kind in ("slice", "sized"):
            bufp = gotree.fresh_name(f"{b}p", gotree.declared_names(self.fn, body))
            if self.rule_go_at_least(1, 21):
                clear = [f"clear({b})"]
            else:
                clear = [f"for i := range {b} {{", f"\t{b}[i] = 0", "}"]
            if self.kind == "slice":
                lines = [f"{bufp} := {pool}.Get().(*[]byte)", f"defer {pool}.Put({bufp})", f"{b} := *{bufp}"] + clear
            else:  # grown to the size asked for, cut to it (capacity too, as make gives), dropped when huge
                n = self.size
                lines = [f"{bufp} := {pool}.Get().(*[]byte)", f"if cap(*{bufp}) < {n} {{",
                         f"\t*{bufp} = make([]byte, {n})", "}", f"{b} := (*{bufp})[:{n}:{n}]"] + clear + [
                         "defer func() {", f"\tif cap(*{bufp}) <= {_size_text(self.rule.max_bytes)} {{",
                         f"\t\t{pool}.Put({bufp})", "\t}", "}()"]
        else:
            lines = [f"{b} := {pool}.Get().(*bytes.Buffer)".replace("bytes.", f"{self.imports.name_of('bytes')}."),
                     f"{b}.Reset()"]
            if self.grow:
                lines.append(f"{b}.Grow({self.grow})")
            lines += ["defer func() {", f"\tif {b}.Cap() <= {_size_text(self.rule.max_bytes)} {{",
                      f"\t\t{pool}.Put({b})", "\t}", "}()"]
        # a comment after the declaration stays on the line that replaces it
        end = self.stmt.end_byte
        tail = body[end:gf.line_end(end)].rstrip(b"\r")
        if tail.strip().startswith(b"//"):
            lines[0] += " " + tail.strip().decode("utf-8", "surrogateescape")
            end += len(tail)
        text = ("\n" + indent).join(lines)
        edits = [Edit(self.stmt.start_byte, end, text.encode("utf-8", "surrogateescape"))]
        edits += [Edit(a.start_byte, a.end_byte, b.encode()) for a in self.addr_of]
        scope = None
        if decl is not None:
            top = self._top_level()
            start = _with_comments_above(gf, top)
            edits.append(Edit(start, start, decl.encode()))
            scope = (0, len(body))  # one new pool per pass, so the next fix can share it
        imports = [] if self.imports.name_of("sync") else [Import("sync")]
        return Fix(edits, imports, f"take the buffer from {pool}", scope=scope)

    def package_names(self) -> dict[str, bytes]:
        return _package_names(self.gf, self.ctx.package if self.ctx is not None else None)

    def rule_go_at_least(self, major: int, minor: int) -> bool:
        return self.ctx.go_at_least(major, minor) if self.ctx is not None else True

    def _pool(self, spkg: str) -> tuple[str, str | None]:
        """The pool's name and, when the file does not declare it yet, its declaration."""
        anyt = "any" if self.rule_go_at_least(1, 18) else "interface{}"
        bpkg = self.imports.name_of("bytes") or "bytes"
        stem = _camel(os.path.splitext(os.path.basename(self.gf.path))[0])
        if self.kind == "sized":
            base = f"{stem}BytesPool"
            new = f"New: func() {anyt} {{ return new([]byte) }},"
        elif self.kind == "slice":
            base = f"{stem}Bytes{self.size}Pool"
            new = f"New: func() {anyt} {{\n\t\tb := make([]byte, {self.size})\n\t\treturn &b\n\t}},"
        else:
            base = f"{stem}BufferPool"
            new = f"New: func() {anyt} {{ return new({bpkg}.Buffer) }},"
        decl_text = lambda name: f"var {name} = {spkg}.Pool{{\n\t{new}\n}}\n\n"  # noqa: E731
        taken = self.package_names()
        name, i = base, 0
        while name in taken:
            existing = taken[name]
            if existing.replace(b"\r\n", b"\n") == decl_text(name).strip().encode():  # a CRLF file too
                return name, None  # this file already has the pool: share it
            i += 1
            name = f"{base}{i}"
        return name, decl_text(name)

    def _top_level(self) -> Node:
        cur = self.stmt
        while cur.parent is not None and cur.parent.type != "source_file":
            cur = cur.parent
        return cur


def _is_pool_new(fn: Node, body: bytes) -> bool:
    """True for the function literal of a `sync.Pool{New: func() ... }`."""
    p = fn.parent
    while p is not None and p.type in ("literal_element",):
        p = p.parent
    if p is None or p.type != "keyed_element":
        return False
    key = p.named_children[0] if p.named_child_count else None
    return key is not None and gotree.text(key, body).strip() == "New"


def _camel(stem: str) -> str:
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", stem) if p]
    if not parts:
        return "file"
    out = parts[0][0].lower() + parts[0][1:] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
    return out if out[0].isalpha() else "f" + out


def _size_text(n: int) -> str:
    return f"{n >> 10}<<10" if n % 1024 == 0 and n >= 1024 else str(n)


def _with_comments_above(gf, node: Node) -> int:
    start = node.start_byte
    prev = node.prev_sibling
    while prev is not None and prev.type == "comment" and prev.end_point[0] >= gf.line_col(start)[0] - 2:
        start = prev.start_byte
        prev = prev.prev_sibling
    return gf.line_start(start)


def _package_names(gf, view) -> dict[str, bytes]:
    """Top-level names declared in this file (with their declaration's text) and in the other
    files of its package (text b"" when elsewhere), to avoid and to share pool names."""
    key = ("sync-pool-names",)
    if key in gf.memo:
        return gf.memo[key]
    out: dict[str, bytes] = {}
    for n in _sibling_names(view, os.path.abspath(gf.path)) if view is not None else ():
        out[n] = b""
    for decl in gf.root.named_children:
        if decl.type == "var_declaration":
            for spec in (c for c in decl.named_children if c.type == "var_spec"):
                for nm in spec.children_by_field_name("name"):
                    out[gotree.text(nm, gf.body)] = gf.body[decl.start_byte:decl.end_byte].strip()
        elif decl.type in ("function_declaration", "const_declaration", "type_declaration"):
            for n in gotree.walk(decl):
                if n.type in ("identifier", "type_identifier") and n.parent is not None and \
                        n.parent.type in ("function_declaration", "const_spec", "type_spec"):
                    out.setdefault(gotree.text(n, gf.body), b"")
    gf.memo[key] = out
    return out


_TOP_NAME = re.compile(rb"(?m)^(?:var|const|type|func)\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)")


def _sibling_names(view, own: str) -> set[str]:
    """Top-level names declared by the other files of the package (read once per package)."""
    per_file = view.memo.get("sync-pool:names")
    if per_file is None:
        per_file = view.memo["sync-pool:names"] = {path: _top_names(data) for path, data in view.sources.items()}
    return set().union(*(names for path, names in per_file.items() if path != own))


def _top_names(data: bytes) -> set[str]:
    names = {m.group(1).decode() for m in _TOP_NAME.finditer(data)}
    for block in re.finditer(rb"(?ms)^(?:var|const)\s*\((.*?)^\)", data):
        names.update(m.group(1).decode() for m in re.finditer(rb"(?m)^\s*([A-Za-z_]\w*)", block.group(1)))
    return names
