"""A grammar of the Go code leakfix's rules care about, as hypothesis strategies.

`go_files()` draws small but complete Go files (`package main` or a library package, standard
library imports only) built from: acquisitions (os.Open/Create/OpenFile, http.Get, sql
Query/Prepare, net.Dial/Listen, gzip.NewReader, context.WithCancel/WithTimeout/WithDeadline,
signal.NotifyContext, time.NewTicker/NewTimer/Tick/After), error checks (`if err != nil` with
return, panic, log.Fatal, os.Exit, continue, break, or only a log line; `err == nil`; if-init),
ifs, switches, loops (3-clause, range, `for cond`, infinite with break, labelled), selects,
returns of the resource, closures (called in place, stored, returned), goroutines, defers (after
the check, before it, as closures, inside loops), locks, buffers, and ownership escapes
(package variables, struct fields, maps, channels, appends, unknown functions).

Every file the grammar produces is meant to type-check and be gofmt-clean: names are fresh,
every declared name is used, unreachable code is never written, labels are used, imports are
exactly the packages referenced. tests/test_fuzz_grammar.py checks that on samples with gofmt and
go vet, so a generator bug shows up as a failing test, not as a silently weaker fuzzer.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from hypothesis import strategies as st

PKG_PATHS = {
    "bufio": "bufio", "bytes": "bytes", "json": "encoding/json", "testing": "testing", "tls": "crypto/tls",
    "zip": "archive/zip", "zlib": "compress/zlib", "context": "context", "errors": "errors", "fmt": "fmt", "gzip": "compress/gzip",
    "http": "net/http", "io": "io", "log": "log", "net": "net", "os": "os", "signal": "os/signal",
    "sql": "database/sql", "strings": "strings", "sync": "sync", "time": "time",
}
# packages that may be imported under another name (the rules must resolve the alias)
ALIASES = {"context": "stdctx", "http": "nethttp", "os": "goos", "time": "gotime", "sql": "dbsql"}

Lines = list  # of (indent level, text)


@dataclass(frozen=True)
class Kind:
    """A resource-returning call with an error result."""

    key: str
    base: str  # variable name stem
    call: str  # format: {path} and package placeholders
    typ: str
    release: str  # format with {v}
    uses: tuple[str, ...]  # statements using {v} (\n separates lines, \t indents)
    exit_uses: tuple[str, ...] = ()  # `if ... {` headers using {v}, followed by an exit


ERR_KINDS = [
    Kind("open", "f", "{os}.Open({path})", "*{os}.File", "{v}.Close()",
         ("{v}.Stat()", "{io}.Copy({io}.Discard, {v})", "{v}.Sync()"),
         ("if _, err := {io}.ReadAll({v}); err != nil {{",)),
    Kind("create", "out", "{os}.Create({path})", "*{os}.File", "{v}.Close()",
         ("{fmt}.Fprintln({v}, {path})", "{v}.WriteString({path})", "{v}.Sync()"),
         ("if _, err := {v}.WriteString({path}); err != nil {{",)),
    Kind("openfile", "lf", "{os}.OpenFile({path}, {os}.O_RDWR|{os}.O_CREATE, 0o600)", "*{os}.File", "{v}.Close()",
         ("{fmt}.Fprintln({v}, {path})", "{v}.Sync()"), ("if err := {v}.Sync(); err != nil {{",)),
    Kind("rdonly", "rf", "{os}.OpenFile({path}, {os}.O_RDONLY, 0)", "*{os}.File", "{v}.Close()",
         ("{v}.Stat()",), ()),
    Kind("httpget", "resp", "{http}.Get({path})", "*{http}.Response", "{v}.Body.Close()",
         ("{io}.Copy({io}.Discard, {v}.Body)", "_ = {v}.Header.Get(\"X-Id\")",
          "_ = {json}.NewDecoder({v}.Body).Decode(new(map[string]any))"),
         ("if {v}.StatusCode != {http}.StatusOK {{",)),
    Kind("clientget", "res", "{http}.DefaultClient.Get({path})", "*{http}.Response", "{v}.Body.Close()",
         ("{io}.Copy({io}.Discard, {v}.Body)",), ("if {v}.StatusCode >= 400 {{",)),
    Kind("query", "rows", "db.Query(\"SELECT name FROM t\")", "*{sql}.Rows", "{v}.Close()",
         ("for {v}.Next() {{\n\tvar name string\n\t_ = {v}.Scan(&name)\n}}", "_ = {v}.Err()"),
         ("if err := {v}.Err(); err != nil {{",)),
    Kind("prepare", "stmt", "db.Prepare(\"DELETE FROM t\")", "*{sql}.Stmt", "{v}.Close()",
         ("{v}.Exec()",), ("if _, err := {v}.Exec(); err != nil {{",)),
    Kind("dial", "conn", "{net}.Dial(\"tcp\", {path})", "{net}.Conn", "{v}.Close()",
         ("{v}.Write([]byte({path}))", "{fmt}.Fprintln({v}, {path})"),
         ("if _, err := {v}.Write([]byte(\"ping\")); err != nil {{",)),
    Kind("listen", "ln", "{net}.Listen(\"tcp\", {path})", "{net}.Listener", "{v}.Close()",
         ("_ = {v}.Addr()",), ()),
    Kind("gzip", "zr", "{gzip}.NewReader({strings}.NewReader({path}))", "*{gzip}.Reader", "{v}.Close()",
         ("{io}.Copy({io}.Discard, {v})",), ("if _, err := {io}.ReadAll({v}); err != nil {{",)),
    Kind("zlib", "zl", "{zlib}.NewReader({strings}.NewReader({path}))", "{io}.ReadCloser", "{v}.Close()",
         ("{io}.Copy({io}.Discard, {v})", "{bufio}.NewReader({v}).ReadString('\\n')"), ()),
    Kind("zip", "zf", "{zip}.OpenReader({path})", "*{zip}.ReadCloser", "{v}.Close()",
         ("_ = len({v}.File)",), ("if len({v}.File) == 0 {{",)),
    Kind("tls", "tc", "{tls}.Dial(\"tcp\", {path}, nil)", "*{tls}.Conn", "{v}.Close()",
         ("{v}.Write([]byte({path}))", "{v}.Handshake()"), ("if err := {v}.Handshake(); err != nil {{",)),
    Kind("dialtimeout", "nc", "{net}.DialTimeout(\"tcp\", {path}, {time}.Second)", "{net}.Conn", "{v}.Close()",
         ("{json}.NewEncoder({v}).Encode({path})",), ("if err := {json}.NewEncoder({v}).Encode({path}); err != nil {{",)),
    Kind("temp", "tmp", "{os}.CreateTemp(\"\", {path})", "*{os}.File", "{v}.Close()",
         ("{v}.WriteString({path})", "{bufio}.NewWriter({v}).Flush()"), ()),
]


@dataclass
class Loop:
    label: str | None = None
    label_used: bool = False
    is_for: bool = True  # False: a switch or select (break targets it, continue does not)


@dataclass
class Fn:
    """A function being generated (a literal shares its top function's names and params)."""

    results: str  # none | err | int_err | bool | res | ctxc | str
    main: bool = False
    res_kind: Kind | None = None  # for results == "res": the resource it hands out
    names: set = field(default_factory=set)
    loops: list = field(default_factory=list)
    scopes: list = field(default_factory=list)  # sets of names declared per open block
    lit: bool = False  # a function literal
    test: bool = False  # a TestXxx(t *testing.T) function
    top: "Fn | None" = None

    def root(self) -> "Fn":
        return self.top or self

    def in_for(self) -> bool:
        return any(lp.is_for for lp in self.loops)


@dataclass
class Out:
    lines: Lines
    term: bool = False  # terminating statement in the Go spec's sense (return, panic, ...)
    stop: bool = False  # control never continues past it (also log.Fatal, os.Exit)


class Gen:
    def __init__(self, draw, pkg_main: bool, aliases: dict[str, str]):
        self.draw = draw
        self.pkg_main = pkg_main
        self.aliases = aliases
        self.counter = 0
        self.pkg_vars: dict[str, str] = {}  # name -> declaration
        self.helpers: dict[str, str] = {}
        self.holder = False

    # -- drawing helpers -----------------------------------------------------------------------
    def pick(self, options):
        return self.draw(st.sampled_from(options))

    def chance(self, percent: int) -> bool:
        return self.draw(st.integers(0, 99)) < percent

    def weighted(self, table: list[tuple[int, str]]) -> str:
        total = sum(w for w, _ in table)
        n = self.draw(st.integers(0, total - 1))
        for w, v in table:
            if n < w:
                return v
            n -= w
        raise AssertionError

    # -- names and text ------------------------------------------------------------------------
    def name(self, fn: Fn, base: str, plain_ok: bool = True) -> str:
        """A fresh local name; sometimes exactly `base` (cancel, timer, ticker, err...) to make
        leakfix pick around it."""
        names = fn.root().names
        if plain_ok and base not in names and self.chance(30):
            names.add(base)
            return base
        self.counter += 1
        nm = f"{base}{self.counter}"
        names.add(nm)
        return nm

    def q(self, pkg: str) -> str:
        """The name the file uses for a package (imports are worked out from the text at the end)."""
        return self.aliases.get(pkg, pkg)

    def fmt(self, tpl: str, **kw) -> str:
        fields = {f for _, f, _, _ in string.Formatter().parse(tpl) if f}
        vals = dict(kw)
        for f in fields:
            if f not in vals:
                if f in PKG_PATHS:
                    vals[f] = self.q(f)
                else:
                    raise KeyError(f)
        return tpl.format(**vals)

    def lines(self, text: str, lvl: int = 0) -> Lines:
        out = []
        for ln in text.split("\n"):
            tabs = len(ln) - len(ln.lstrip("\t"))
            out.append((lvl + tabs, ln.lstrip("\t")))
        return out

    def path(self, fn: Fn, paths: list[str]) -> str:
        """The string in scope to open: the parameter p or a loop variable."""
        return paths[-1] if paths else "p"

    def cond(self, fn: Fn, paths: list[str]) -> str:
        v = self.path(fn, paths)
        return self.pick([f"{v} == \"\"", f"len({v}) > 3", f"{v} != \"x\"", f"{self.q('strings')}.HasPrefix({v}, \"/\")"])

    # -- package-level things ------------------------------------------------------------------
    def pkg_var(self, name: str) -> str:
        decls = {
            "kept": "var kept []any",
            "keptAny": "var keptAny any",
            "keptCh": "var keptCh = make(chan any, 8)",
            "keptMap": "var keptMap = map[string]any{}",
            "keepFn": "var keepFn func()",
            "mu": "var mu " + self.q("sync") + ".Mutex",
            "rw": "var rw " + self.q("sync") + ".RWMutex",
            "counter": "var counter int",
        }
        self.pkg_vars[name] = decls[name]
        return name

    def helper(self, name: str) -> str:
        if name == "sink":
            self.helpers[name] = "func sink(v any) {}"
        elif name == "work":
            self.helpers[name] = f"func work(ctx {self.q('context')}.Context) error {{\n\treturn ctx.Err()\n}}"
        elif name == "register":
            self.helpers[name] = "func register(f func()) {\n\tf()\n}"
        return name

    # -- exits ---------------------------------------------------------------------------------
    def zero(self, fn: Fn, err: str | None) -> str:
        r = fn.results
        e = err or self.pick(["nil", f"{self.q('errors')}.New(\"stop\")"])
        if r == "none":
            return "return"
        if r == "err":
            return f"return {e}"
        if r == "int_err":
            return f"return 0, {e}"
        if r == "bool":
            return "return false"
        if r == "str":
            return "return \"\""
        if r == "res":
            return f"return nil, {e}"
        if r == "ctxc":
            return "return nil, nil"
        raise AssertionError(r)

    def exit(self, fn: Fn, err: str | None, allow_loop: bool = True) -> Out:
        """Lines that leave: the function, the iteration, or the program."""
        opts = [(6, "return"), (1, "panic"), (2, "fatal"), (1, "exit")]
        if fn.test and not fn.lit:  # t.Fatal from another goroutine is what vet's testinggoroutine reports
            opts.append((4, "tfatal"))
        if allow_loop and fn.in_for():
            opts += [(3, "continue"), (3, "break")]
            if any(lp.label for lp in fn.loops if lp.is_for):
                opts.append((2, "labelled"))
        how = self.weighted(opts)
        if how == "return":
            return Out([(0, self.zero(fn, err))], term=True, stop=True)
        if how == "panic":
            return Out([(0, f"panic({err or chr(34) + 'unreachable' + chr(34)})")], term=True, stop=True)
        if how == "fatal":
            log = self.q("log")
            text = self.pick([f"{log}.Fatal({err})", f"{log}.Fatalf(\"failed: %v\", {err})"]) if err else f"{log}.Fatal(\"stop\")"
            return Out([(0, text)], stop=True)
        if how == "exit":
            return Out([(0, f"{self.q('os')}.Exit(1)")], stop=True)
        if how == "tfatal":
            text = self.pick(["t.Fatal(err)", "t.Fatalf(\"failed: %v\", err)"]) if err else "t.FailNow()"
            return Out([(0, text)], stop=True)
        if how == "labelled":
            lp = self.pick([lp for lp in fn.loops if lp.label and lp.is_for])
            lp.label_used = True
            return Out([(0, f"{self.pick(['continue', 'break'])} {lp.label}")], term=True, stop=True)
        if how == "break":
            # a plain break leaves the innermost for, switch or select
            return Out([(0, "break")], term=True, stop=True)
        return Out([(0, "continue")], term=True, stop=True)

    # -- blocks --------------------------------------------------------------------------------
    def block(self, fn: Fn, depth: int, paths: list[str], n: int) -> Out:
        fn.scopes.append(set())
        out: Lines = []
        term = stop = False
        try:
            for _ in range(n):
                s = self.statement(fn, depth, paths)
                out += s.lines
                if s.stop:
                    term, stop = s.term, True
                    break
        finally:
            fn.scopes.pop()
        return Out(out, term, stop)

    def statement(self, fn: Fn, depth: int, paths: list[str]) -> Out:
        table = [(10, "acquire"), (4, "context"), (3, "timer")]
        if depth < 2:
            table += [(4, "loop"), (2, "if"), (1, "switch"), (2, "closure"), (1, "go"), (2, "after")]
        if fn.in_for():
            table += [(2, "lock")]
        table += [(1, "tick"), (1, "buffer"), (1, "exit")]
        what = self.weighted(table)
        if what == "acquire":
            return self.acquire(fn, paths)
        if what == "context":
            return self.context(fn, paths)
        if what == "timer":
            return self.timer(fn, paths)
        if what == "loop":
            return self.loop(fn, depth, paths)
        if what == "if":
            return self.if_stmt(fn, depth, paths)
        if what == "switch":
            return self.switch(fn, depth, paths)
        if what == "closure":
            return self.closure(fn, depth, paths)
        if what == "go":
            return self.goroutine(fn, depth, paths)
        if what == "after":
            return self.after(fn, paths)
        if what == "lock":
            return self.lock(fn, paths)
        if what == "tick":
            return self.tick(fn, paths)
        if what == "buffer":
            return self.buffer(fn, paths)
        ex = self.exit(fn, None)
        return Out([(0, f"if {self.cond(fn, paths)} {{")] + [(lv + 1, t) for lv, t in ex.lines] + [(0, "}")])

    # -- acquisitions with an error ------------------------------------------------------------
    def err_visible(self, fn: Fn) -> bool:
        return any("err" in s for s in fn.scopes)

    def declare(self, fn: Fn, name: str) -> None:
        fn.scopes[-1].add(name)

    def acquire(self, fn: Fn, paths: list[str]) -> Out:
        kind = self.pick(ERR_KINDS)
        if fn.results == "res" and fn.res_kind is not None and self.chance(50):
            kind = fn.res_kind
        path = self.path(fn, paths)
        v = self.name(fn, kind.base)
        call = self.fmt(kind.call, path=path)
        typ = self.fmt(kind.typ)
        release = self.fmt(kind.release, v=v)
        form = self.weighted([(6, "define"), (2, "assign"), (1, "var"), (2, "ifinit"), (1, "blank")])
        out: Lines = []
        if form == "ifinit":
            return self.acquire_ifinit(fn, kind, v, call, release, paths)
        if form == "blank":
            out.append((0, f"{v}, _ := {call}"))
            self.declare(fn, v)
            rest = self.after_acquire(fn, kind, v, release, paths)
            return Out(out + rest.lines, rest.term, rest.stop)
        if form == "define":
            out.append((0, f"{v}, err := {call}"))
        elif form == "assign":
            out.append((0, f"var {v} {typ}"))
            if "err" not in fn.scopes[-1]:
                out.append((0, "var err error"))
            out.append((0, f"{v}, err = {call}"))
        else:
            if "err" in fn.scopes[-1]:
                out.append((0, f"{v}, err := {call}"))
            else:
                out.append((0, f"var {v}, err = {call}"))
        self.declare(fn, v)
        self.declare(fn, "err")
        if self.chance(15):
            out.append((0, f"defer {release}"))  # before the check: defer-after-check
            if self.chance(20):
                out.append((0, f"defer {release}"))
        if self.chance(10):
            out.append((0, f"{self.q('log')}.Println(\"acquired\")"))
        style = self.weighted([(8, "exit"), (1, "log"), (2, "eqnil"), (1, "else")])
        if style == "eqnil":
            body = self.after_acquire(fn, kind, v, release, paths)
            out.append((0, "if err == nil {"))
            out += [(lv + 1, t) for lv, t in body.lines]
            out.append((0, "}"))
            return Out(out)
        if style == "log":
            out += [(0, "if err != nil {"), (1, f"{self.q('log')}.Println(err)"), (0, "}")]
        else:
            ex = self.exit(fn, "err")
            out.append((0, "if err != nil {"))
            out += [(lv + 1, t) for lv, t in ex.lines]
            if style == "else":
                body = self.after_acquire(fn, kind, v, release, paths)
                out.append((0, "} else {"))
                out += [(lv + 1, t) for lv, t in body.lines]
                out.append((0, "}"))
                term = ex.term and body.term
                return Out(out, term, term)
            out.append((0, "}"))
        rest = self.after_acquire(fn, kind, v, release, paths)
        return Out(out + rest.lines, rest.term, rest.stop)

    def acquire_ifinit(self, fn: Fn, kind: Kind, v: str, call: str, release: str, paths: list[str]) -> Out:
        fn.scopes.append({v, "err"})
        try:
            out: Lines = []
            if self.chance(60):
                ex = self.exit(fn, "err")
                body = self.after_acquire(fn, kind, v, release, paths)
                out.append((0, f"if {v}, err := {call}; err != nil {{"))
                out += [(lv + 1, t) for lv, t in ex.lines]
                out.append((0, "} else {"))
                out += [(lv + 1, t) for lv, t in body.lines]
                out.append((0, "}"))
                term = ex.term and body.term
                return Out(out, term, term)
            body = self.after_acquire(fn, kind, v, release, paths)
            out.append((0, f"if {v}, err := {call}; err == nil {{"))
            out += [(lv + 1, t) for lv, t in body.lines]
            out.append((0, "}"))
            return Out(out)
        finally:
            fn.scopes.pop()

    def use(self, fn: Fn, kind: Kind, v: str, paths: list[str]) -> Lines:
        tpl = self.pick(kind.uses)
        kw = {"v": v}
        if "{path}" in tpl:
            kw["path"] = self.path(fn, paths)
        return self.lines(self.fmt(tpl, **kw))

    def early_exit(self, fn: Fn, kind: Kind | None, v: str, paths: list[str]) -> Out:
        """`if <something about v> { leave }` (a path that may skip a release)."""
        if kind is not None and kind.exit_uses and self.chance(60):
            tpl = self.pick(kind.exit_uses)
            kw = {"v": v}
            if "{path}" in tpl:
                kw["path"] = self.path(fn, paths)
            head = self.fmt(tpl, **kw)
            err = "err" if "err :=" in head else None
        else:
            head = f"if {self.cond(fn, paths)} {{"
            err = None
        ex = self.exit(fn, err)
        return Out([(0, head)] + [(lv + 1, t) for lv, t in ex.lines] + [(0, "}")])

    def after_acquire(self, fn: Fn, kind: Kind | None, v: str, release: str, paths: list[str], uses=None,
                      valued: bool = True, must_release: bool = False) -> Out:
        """What happens to an acquired value: a release placement, uses, early exits, escapes."""
        uses = uses or (lambda: self.use(fn, kind, v, paths))
        out: Lines = []
        placement = self.weighted([(5, "defer"), (0 if must_release else 4, "none"), (3, "end"), (2, "every"),
                                   (1, "defer-closure"), (1, "branch")])
        if placement == "defer":
            out.append((0, f"defer {release}"))
        elif placement == "defer-closure":
            out += [(0, "defer func() {"), (1, self.pick([release, f"_ = {release}"]) if valued else release), (0, "}()")]
        out += uses()
        escape = self.weighted([(10, "none"), (1, "pkgvar"), (1, "append"), (1, "chan"), (1, "map"), (1, "field"),
                                (1, "sink"), (1, "go"), (1, "closure"), (2, "return"),
                                (3 if fn.test and not fn.lit else 0, "cleanup")])
        for _ in range(self.draw(st.integers(0, 2))):
            if self.chance(50):
                ex = self.early_exit(fn, kind, v, paths)
                if placement == "every":
                    ex.lines.insert(1, (1, release))
                out += ex.lines
            else:
                out += uses()
        if escape != "none":
            esc = self.escape(fn, kind, v, release, paths, escape)
            if esc is not None:
                out += esc.lines
                if esc.stop:
                    return Out(out, esc.term, esc.stop)
        if placement in ("end", "every"):
            out.append((0, release))
        elif placement == "branch":
            out += [(0, f"if {self.cond(fn, paths)} {{"), (1, release), (0, "}")]
        return Out(out)

    def escape(self, fn: Fn, kind: Kind | None, v: str, release: str, paths: list[str], how: str) -> Out | None:
        if how == "return":
            if fn.results == "res" and kind is not None and fn.res_kind == kind:
                return Out([(0, f"return {v}, nil")], term=True, stop=True)
            if fn.results == "ctxc" and kind is None and release.endswith("()") and "." not in release:
                return None
            how = "pkgvar"
        if how == "pkgvar":
            return Out([(0, f"{self.pkg_var('keptAny')} = {v}")])
        if how == "append":
            kept = self.pkg_var("kept")
            return Out([(0, f"{kept} = append({kept}, {v})")])
        if how == "chan":
            return Out([(0, f"{self.pkg_var('keptCh')} <- {v}")])
        if how == "map":
            return Out([(0, f"{self.pkg_var('keptMap')}[{self.path(fn, paths)}] = {v}")])
        if how == "field":
            self.holder = True
            h = self.name(fn, "h", plain_ok=False)
            return Out([(0, f"{h} := &holder{{res: {v}}}"), (0, f"{self.pkg_var('keptAny')} = {h}")])
        if how == "sink":
            return Out([(0, f"{self.helper('sink')}({v})")])
        if how == "go":
            return Out([(0, "go func() {"), (1, release), (0, "}()")])
        if how == "closure":
            return Out([(0, f"{self.pkg_var('keepFn')} = func() {{"), (1, release), (0, "}")])
        if how == "cleanup":
            if release.endswith("()") and "." not in release and self.chance(50):
                return Out([(0, f"t.Cleanup({release[:-2]})")])
            return Out([(0, "t.Cleanup(func() {"), (1, release), (0, "})")])
        raise AssertionError(how)

    # -- contexts ------------------------------------------------------------------------------
    def context(self, fn: Fn, paths: list[str]) -> Out:
        ctxp = self.q("context")
        parent = "ctx0"
        which = self.weighted([(3, "WithCancel"), (3, "WithTimeout"), (1, "WithDeadline"), (1, "NotifyContext")])
        if which == "WithCancel":
            call = f"{ctxp}.WithCancel({parent})"
        elif which == "WithTimeout":
            dur = self.pick([f"{self.q('time')}.Second", "d"])
            call = f"{ctxp}.WithTimeout({parent}, {dur})"
        elif which == "WithDeadline":
            call = f"{ctxp}.WithDeadline({parent}, {self.q('time')}.Now().Add(d))"
        else:
            call = f"{self.q('signal')}.NotifyContext({parent}, {self.q('os')}.Interrupt)"
        c = self.name(fn, "ctx")
        named = self.chance(65)
        cancel = self.name(fn, "stop" if which == "NotifyContext" else "cancel") if named else "_"
        out: Lines = []
        if self.chance(25):
            out.append((0, f"var {c} {ctxp}.Context"))
            if named:
                out.append((0, f"var {cancel} {ctxp}.CancelFunc"))
            out.append((0, f"{c}, {cancel} = {call}"))
        else:
            out.append((0, f"{c}, {cancel} := {call}"))
        self.declare(fn, c)

        def uses() -> Lines:
            u = self.weighted([(3, "err"), (2, "work"), (1, "select"), (1, "done")])
            if u == "err":
                return [(0, f"_ = {c}.Err()")]
            if u == "done":
                return [(0, f"<-{c}.Done()")]
            if u == "select":
                ex = self.exit(fn, None, allow_loop=False)
                return [(0, "select {"), (0, f"case <-{c}.Done():")] + [(lv + 1, t) for lv, t in ex.lines] + \
                    [(0, "default:"), (0, "}")]
            ex = self.exit(fn, "err")
            return [(0, f"if err := {self.helper('work')}({c}); err != nil {{")] + \
                [(lv + 1, t) for lv, t in ex.lines] + [(0, "}")]

        if not named:
            out += uses()
            if self.chance(30):
                ex = self.early_exit(fn, None, c, paths)
                out += ex.lines
            if self.chance(15):
                out += [(0, f"go {self.helper('work')}({c})")]
            return Out(out)
        if fn.results == "ctxc" and self.chance(50):
            out += uses()
            out.append((0, f"return {c}, {cancel}"))
            return Out(out, term=True, stop=True)
        extra = self.weighted([(8, "none"), (1, "register"), (1, "field")])
        if extra == "register":
            out += uses()
            out.append((0, f"{self.helper('register')}({cancel})"))
            return Out(out)
        if extra == "field":
            self.holder = True
            out += uses()
            h = self.name(fn, "h", plain_ok=False)
            out += [(0, f"{h} := &holder{{cancel: {cancel}}}"), (0, f"{self.pkg_var('keptAny')} = {h}")]
            return Out(out)
        rest = self.after_acquire(fn, None, c, f"{cancel}()", paths, uses=uses, valued=False,
                                  must_release=True)
        return Out(out + rest.lines, rest.term, rest.stop)

    # -- timers --------------------------------------------------------------------------------
    def timer(self, fn: Fn, paths: list[str]) -> Out:
        tp = self.q("time")
        which = self.pick(["NewTicker", "NewTimer"])
        dur = self.pick([f"{tp}.Second", f"10 * {tp}.Millisecond", "d"])
        t = self.name(fn, "ticker" if which == "NewTicker" else "timer")
        out: Lines = [(0, f"{t} := {tp}.{which}({dur})")]
        self.declare(fn, t)

        def uses() -> Lines:
            u = self.weighted([(3, "recv"), (1, "reset"), (1, "select")])
            if u == "recv":
                return [(0, f"<-{t}.C")]
            if u == "reset":
                return [(0, f"{t}.Reset({tp}.Second)")]
            ex = self.exit(fn, None, allow_loop=False)
            return [(0, "select {"), (0, f"case <-{t}.C:")] + [(lv + 1, tx) for lv, tx in ex.lines] + \
                [(0, "case <-ctx0.Done():"), (0, "}")]

        rest = self.after_acquire(fn, None, t, f"{t}.Stop()", paths, uses=uses,
                                  valued=which == "NewTimer")
        return Out(out + rest.lines, rest.term, rest.stop)

    def tick(self, fn: Fn, paths: list[str]) -> Out:
        tp = self.q("time")
        dur = self.pick([f"{tp}.Second", f"2 * {tp}.Minute", "d"])
        if self.chance(50):
            c = self.name(fn, "tick")
            self.declare(fn, c)
            return Out([(0, f"{c} := {tp}.Tick({dur})"), (0, f"<-{c}")])
        ex = self.exit(fn, None, allow_loop=False) if self.chance(50) else Out([(0, "break")], True, True)
        return Out([(0, f"for range {tp}.Tick({dur}) {{"), (1, f"if {self.cond(fn, paths)} {{")] +
                   [(lv + 2, t) for lv, t in ex.lines] + [(1, "}"), (0, "}")])

    def after(self, fn: Fn, paths: list[str]) -> Out:
        """time.After in a select in a loop."""
        tp = self.q("time")
        ch = "ch"
        dur = self.pick([f"{tp}.Second", "d", f"{tp}.Duration(len({self.path(fn, paths)}))"])
        lp = Loop(label=self.name(fn, "wait", plain_ok=False) if self.chance(30) else None)
        header = self.pick(["for {", "for i := 0; i < 3; i++ {"])
        fn.loops.append(lp)
        sel = Loop(is_for=False)
        fn.loops.append(sel)
        try:
            x = self.name(fn, "v", plain_ok=False)
            first = self.exit(fn, None) if self.chance(60) else Out([(0, f"{self.pkg_var('counter')} += {x}")])
            second = self.exit(fn, None)
        finally:
            fn.loops.pop()
            fn.loops.pop()
        body = [(0, "select {"), (0, f"case {x} := <-{ch}:"), (1, f"if {x} == 0 {{")]
        body += [(lv + 2, t) for lv, t in first.lines] + [(1, "}")]
        body += [(0, f"case <-{tp}.After({dur}):")] + [(lv + 1, t) for lv, t in second.lines] + [(0, "}")]
        out: Lines = []
        if lp.label and lp.label_used:
            out.append((-1, f"{lp.label}:"))
        out.append((0, header))
        out += [(lv + 1, t) for lv, t in body]
        out.append((0, "}"))
        if header == "for {" and not _breaks_out(body, lp):
            return Out(out, term=True, stop=True)
        return Out(out)

    # -- other statements ----------------------------------------------------------------------
    def lock(self, fn: Fn, paths: list[str]) -> Out:
        m, (lock, unlock) = self.pick([("mu", ("Lock", "Unlock")), ("rw", ("RLock", "RUnlock")), ("rw", ("Lock", "Unlock"))])
        self.pkg_var(m)
        out = [(0, f"{m}.{lock}()"), (0, f"defer {m}.{unlock}()"), (0, f"{self.pkg_var('counter')}++")]
        if self.chance(40):
            out += self.early_exit(fn, None, m, paths).lines
        return Out(out)

    def buffer(self, fn: Fn, paths: list[str]) -> Out:
        b = self.name(fn, "buf")
        if self.chance(50):
            decl = self.pick([f"var {b} {self.q('bytes')}.Buffer", f"{b} := new({self.q('bytes')}.Buffer)"])
            w = f"&{b}" if decl.startswith("var") else b
            return Out([(0, decl), (0, f"{self.q('fmt')}.Fprintf({w}, \"%s\", {self.path(fn, paths)})"),
                        (0, f"{self.helper('sink')}({b}.String())")])
        return Out([(0, f"{b} := make([]byte, 64*1024)"), (0, f"copy({b}, {self.path(fn, paths)})"),
                    (0, f"{self.helper('sink')}(string({b}[:4]))")])

    def loop(self, fn: Fn, depth: int, paths: list[str]) -> Out:
        kind = self.weighted([(3, "range"), (2, "three"), (2, "infinite"), (1, "cond")])
        lp = Loop(label=self.name(fn, "outer", plain_ok=False) if self.chance(25) else None)
        fn.loops.append(lp)
        new_paths = paths
        qv = None
        if kind == "range":
            qv = self.name(fn, "q", plain_ok=False)
            new_paths = paths + [qv]
        fn.scopes.append(set())
        try:
            n = self.draw(st.integers(1, 3))
            pre: Lines = []
            if kind == "infinite":
                pre = [(0, f"if {self.cond(fn, paths)} {{"), (1, "break"), (0, "}")]
            body = self.block(fn, depth + 1, new_paths, n)
        finally:
            fn.scopes.pop()
            fn.loops.pop()
        if kind == "range":
            pv = "paths"
            used = qv in tokens(pre + body.lines)
            header = f"for _, {qv} := range {pv} {{" if used else f"for range {pv} {{"
        elif kind == "three":
            i = self.name(fn, "i", plain_ok=False)
            header = f"for {i} := 0; {i} < 3; {i}++ {{"
        elif kind == "infinite":
            header = "for {"
        else:
            header = f"for {self.cond(fn, paths)} {{"
        out: Lines = []
        if lp.label and lp.label_used:
            out.append((-1, f"{lp.label}:"))
        out.append((0, header))
        out += [(lv + 1, t) for lv, t in pre + body.lines]
        if kind == "infinite" and not body.stop:
            out.append((1, "break"))  # one iteration at most: keeps vet and the reader calm
        out.append((0, "}"))
        return Out(out)

    def if_stmt(self, fn: Fn, depth: int, paths: list[str]) -> Out:
        c = self.cond(fn, paths)
        then = self.block(fn, depth + 1, paths, self.draw(st.integers(1, 2)))
        out = [(0, f"if {c} {{")] + [(lv + 1, t) for lv, t in then.lines]
        if self.chance(30):
            other = self.block(fn, depth + 1, paths, 1)
            out += [(0, "} else {")] + [(lv + 1, t) for lv, t in other.lines] + [(0, "}")]
            term = then.term and other.term
            return Out(out, term, term)
        out.append((0, "}"))
        return Out(out)

    def switch(self, fn: Fn, depth: int, paths: list[str]) -> Out:
        v = self.path(fn, paths)
        lp = Loop(is_for=False)
        fn.loops.append(lp)
        try:
            a = self.block(fn, depth + 1, paths, 1)
            b = self.block(fn, depth + 1, paths, 1)
        finally:
            fn.loops.pop()
        out = [(0, f"switch {v} {{"), (0, "case \"a\":")] + [(lv + 1, t) for lv, t in a.lines]
        out += [(0, "default:")] + [(lv + 1, t) for lv, t in b.lines] + [(0, "}")]
        return Out(out)

    def literal(self, fn: Fn, results: str) -> Fn:
        return Fn(results=results, main=fn.main, lit=True, top=fn.root(), scopes=[set()], test=fn.test)

    def closure(self, fn: Fn, depth: int, paths: list[str]) -> Out:
        how = self.weighted([(3, "call"), (2, "errcall"), (1, "stored")])
        inner = self.literal(fn, "err" if how == "errcall" else "none")
        body = self.block(inner, depth + 1, paths, self.draw(st.integers(1, 2)))
        lines = [(lv + 1, t) for lv, t in body.lines]
        if how == "call":
            return Out([(0, "func() {")] + lines + [(0, "}()")])
        if how == "stored":
            g = self.name(fn, "run", plain_ok=False)
            return Out([(0, f"{g} := func() {{")] + lines + [(0, "}"), (0, f"{g}()")])
        if not body.term:
            lines.append((1, "return nil"))
        ex = self.exit(fn, "err")
        return Out([(0, "if err := func() error {")] + lines + [(0, "}(); err != nil {")] +
                   [(lv + 1, t) for lv, t in ex.lines] + [(0, "}")])

    def goroutine(self, fn: Fn, depth: int, paths: list[str]) -> Out:
        inner = self.literal(fn, "none")
        body = self.block(inner, depth + 1, paths, self.draw(st.integers(1, 2)))
        return Out([(0, "go func() {")] + [(lv + 1, t) for lv, t in body.lines] + [(0, "}()")])

    # -- functions and the file ----------------------------------------------------------------
    def function(self, index: int, main: bool = False, test: bool = False) -> str:
        if main or test:
            fn = Fn(results="none", main=main, test=test, scopes=[set()])
        else:
            results = self.weighted([(2, "none"), (5, "err"), (2, "int_err"), (1, "bool"), (1, "str"), (2, "res"),
                                     (1, "ctxc")])
            fn = Fn(results=results, scopes=[set()])
            if results == "res":
                fn.res_kind = self.pick(ERR_KINDS)
        body = self.block(fn, 0, [], self.draw(st.integers(1, 4)))
        lines = list(body.lines)
        if fn.results != "none" and not body.term:
            lines.append((0, self.zero(fn, None) if fn.results not in ("err", "int_err") else
                          ("return nil" if fn.results == "err" else "return 1, nil")))
        params = tokens(lines)
        if main or test:
            pre = []
            if "p" in params:
                pre.append("p := t.TempDir()" if test else f"p := {self.q('os')}.Getenv(\"DATA\")")
            if "paths" in params:
                pre.append(f"paths := {self.q('os')}.Args[1:]")
            if "ctx0" in params:
                pre.append(f"ctx0 := {self.q('context')}.Background()")
            if "db" in params:
                pre.append(f"var db *{self.q('sql')}.DB")
            if "d" in params:
                pre.append(f"d := {self.q('time')}.Second")
            if "ch" in params:
                pre.append("ch := make(chan int)")
            lines = [(0, x) for x in pre] + lines
            sig = f"func TestRun{index}(t *{self.q('testing')}.T)" if test else "func main()"
        else:
            order = [("ctx0", f"ctx0 {self.q('context')}.Context" if "ctx0" in params else ""),
                     ("db", f"db *{self.q('sql')}.DB" if "db" in params else ""),
                     ("p", "p string"), ("paths", "paths []string" if "paths" in params else ""),
                     ("d", f"d {self.q('time')}.Duration" if "d" in params else ""),
                     ("ch", "ch <-chan int" if "ch" in params else "")]
            plist = ", ".join(s for _, s in order if s)
            res = {"none": "", "err": " error", "int_err": " (int, error)", "bool": " bool", "str": " string",
                   "ctxc": f" ({self.q('context')}.Context, {self.q('context')}.CancelFunc)"}.get(fn.results)
            if res is None:
                res = f" ({self.fmt(fn.res_kind.typ)}, error)"
            recv = ""
            if self.chance(20):
                self.holder = True
                recv = "(h *holder) "
            sig = f"func {recv}{'Run' if self.chance(50) else 'run'}{index}({plist}){res}"
        lines = self.decorate(lines)
        text = [sig + " {"] + ["\t" * (lv + 1) + t if t else "" for lv, t in lines] + ["}"]
        return "\n".join(text)

    def decorate(self, lines: Lines) -> Lines:
        """Blank lines, comment lines and trailing comments (suppressions among them) here and
        there, placed the way gofmt leaves them: never two trailing comments on neighbouring
        lines (gofmt would align them), no comment line right before a `}`, a case or a label."""
        if not self.chance(40):
            return lines
        out: Lines = []
        for lv, t in lines:
            before = self.draw(st.integers(0, 19))
            blank_ok = out and out[-1][1] != ""
            if before == 0 and blank_ok:
                out.append((lv, ""))
            elif before == 1 and not t.startswith("}") and not t.endswith(":"):
                out.append((lv, self.pick(["// step", "//leakfix:ignore"])))
            if self.draw(st.integers(0, 9)) == 0 and not t.endswith(":") and "//" not in t and \
                    not (out and "//" in out[-1][1] and not out[-1][1].startswith("//")):
                t += " " + self.pick(["// note", "//leakfix:ignore", "//leakfix:ignore defer-close", "// nolint"])
            out.append((lv, t))
        # a trailing comment followed by one on the next line: drop the second
        for i in range(1, len(out)):
            if " //" in out[i - 1][1] and " //" in out[i][1] and not out[i][1].lstrip().startswith("//"):
                out[i] = (out[i][0], out[i][1].split(" //")[0])
        return out

    def file(self, pkg: str, n_funcs: int) -> str:
        funcs = [self.function(i) for i in range(n_funcs)]
        if self.pkg_main:
            funcs.append(self.function(0, main=True))
        elif self.chance(25):
            funcs.append(self.function(n_funcs, test=True))  # the file is then a _test.go file
        used = tokens([(0, f) for f in funcs])
        decls = []
        if self.holder:
            decls.append("type holder struct {\n\tres    any\n\tcancel func()\n}")
        decls += [self.pkg_vars[k] for k in sorted(self.pkg_vars) if k in used]
        decls += [self.helpers[k] for k in sorted(self.helpers) if k in used]
        used |= tokens([(0, d) for d in decls])
        if "sync" not in used and self.chance(15):
            decls.append("func sync() {}")  # takes the name a sync-pool fix would import
        head = [f"// Package {pkg} is generated by tests/gogen.py.", f"package {pkg}", ""]
        imps = sorted((p for p in PKG_PATHS if self.q(p) in used), key=lambda p: PKG_PATHS[p])
        specs = [(f"{self.aliases[p]} " if p in self.aliases else "") + f"\"{PKG_PATHS[p]}\"" for p in imps]
        if len(specs) == 1:
            head += [f"import {specs[0]}", ""]
        elif specs:
            head += ["import ("] + [f"\t{s}" for s in specs] + [")", ""]
        return "\n".join(head) + "\n" + "\n\n".join(decls + funcs) + "\n"


_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_IDENT = re.compile(r"[A-Za-z_]\w*")


def tokens(lines: Lines) -> set[str]:
    """The identifiers in the lines, string literals left out."""
    return set(_IDENT.findall(_STRING.sub("", "\n".join(t for _, t in lines))))


def _breaks_out(body: Lines, lp: Loop) -> bool:
    """True when a `break <label>` of lp is among the lines."""
    return bool(lp.label) and any(t == f"break {lp.label}" for _, t in body)


@st.composite
def go_files(draw, max_funcs: int = 3) -> tuple[str, bytes]:
    """(package name, source) of a small, complete, type-correct Go file (a test file when it
    imports "testing": see file_name)."""
    pkg_main = draw(st.booleans())
    aliases = {k: v for k, v in ALIASES.items() if draw(st.integers(0, 9)) == 0}
    pkg = "main" if pkg_main else draw(st.sampled_from(["store", "fetch", "jobs"]))
    g = Gen(draw, pkg_main, aliases)
    src = g.file(pkg, draw(st.integers(0 if pkg_main else 1, max_funcs)))
    return pkg, src.encode()


def file_name(src: bytes) -> str:
    """The name a generated file must have: x_test.go when it holds a TestXxx function."""
    return "x_test.go" if re.search(rb'^(?:import )?\t?"testing"\r?$', src, re.M) else "x.go"
