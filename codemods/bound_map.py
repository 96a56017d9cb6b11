"""bound-map: bound package-level maps that only ever grow.

The decision is made for the whole package (a map declared in one file may be written in
another) from the package view the engine provides; each file then gets only its own edits:
the bound constant beside the declaration, an eviction before each write that adds keys.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from tree_sitter import Node

from leakfix.engine import gotree
from leakfix.engine.imports import Imports
from leakfix.engine.model import Context, Edit, Finding, Fix, Import
from leakfix.engine.options import Option, resolve
from leakfix.engine.suppress import is_suppressed, scan

DOC = """\
## What it does
Finds package-level maps that the package writes with changing keys outside `init` and never
prunes (no `delete`, `clear` or reassignment anywhere in the package), and bounds the ones used
as caches: a constant next to the map, and before each write that adds a key

```go
if _, ok := cache[key]; !ok && len(cache) >= cacheMaxEntries {
	cache = make(map[string]*entry)
}
cache[key] = e
```

A package-level `sync.Map` used the same way (every `Load` of a key in a function that stores
that key on a miss, with `LoadOrStore` or `Store`) gets a counter of the keys stored and the
same bound:

```go
if cacheStores.Add(1) > cacheMaxEntries {
	cacheStores.Store(0)
	cache.Clear() // below Go 1.23: cache.Range(func(key, _ any) bool { cache.Delete(key); return true })
}
v, _ := cache.LoadOrStore(key, value)
```

A `sync.Map` field of a struct type is treated the same way when the type's values live as long
as the program: every `T{...}`, `&T{...}`, `new(T)` or `var x T` of the package is in a
package-level variable or in start-up code (`init`, `main` outside its loops, functions called
only from there, such as a `newServer` called once from `main`). The counter becomes the
struct's last field and the bound a package constant (`serverCacheMaxEntries`). A type built on
a request path is left alone (its map goes with the value); an exported type of a library
package (other packages may build it), a type held by value in another type, a literal that
lists fields without names, and a field name shared by two types (which `x.cache` is which is
not known without types) are reported.

Off by default: enable it with `--only bound-map` or `[rules] enable = ["bound-map"]`.

## Why is this bad?
A package-level map lives as long as the process. Written on request paths with keys that keep
changing (user ids, URLs, query strings) and never pruned, it grows until the process runs out
of memory. No linter reports it.

## Example
```go
var (
	mu    sync.Mutex
	cache = map[string]*regexp.Regexp{}
)

func compile(expr string) (*regexp.Regexp, error) {
	mu.Lock()
	defer mu.Unlock()
	if re, ok := cache[expr]; ok {
		return re, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	cache[expr] = re
	return re, nil
}
```

## Use instead
```go
// cacheMaxEntries bounds cache: when a new key would go beyond it, cache starts over empty.
const cacheMaxEntries = 65536

var (
	mu    sync.Mutex
	cache = map[string]*regexp.Regexp{}
)

func compile(expr string) (*regexp.Regexp, error) {
	...
	if _, ok := cache[expr]; !ok && len(cache) >= cacheMaxEntries {
		cache = make(map[string]*regexp.Regexp)
	}
	cache[expr] = re
	return re, nil
}
```

## Eviction policy: start over with a fresh map
When a new key would take the map past the bound, the map is replaced by a fresh, empty one.
- It is the only policy that gives memory back. `delete` (and `clear`) remove entries but never
  shrink a Go map's bucket array (golang/go#20135): a map that once held a million entries keeps
  the buckets for a million after every delete. Evicting one arbitrary entry per insertion keeps
  the entry count bounded but pins the buckets at their peak; a fresh map lets the old one and
  everything it references be collected.
- It costs O(1) per write and needs no iteration (evicting "an arbitrary entry" means starting a
  `range`, whose random start makes the program's behaviour differ from run to run).
- Its price is a cold cache once every `bound` new keys, which for a cache is a burst of misses
  that refill it.
- A fixed-capacity LRU keeps the hottest keys, but its lookup moves the key to the front: a
  read becomes a write. Caches read under `mu.RLock()` (or, for a `sync.Map`, read with no lock
  at all) would then race; the rule would have to change the locking of every reader. Starting
  over leaves every read as it is. Where hit rates matter more than that, replace the map by
  hand with an LRU (such as github.com/hashicorp/golang-lru/v2) and keep the rule's bound.
The eviction runs only when the key is new and the map is full, so updating an existing key never
resets it. It sits directly before the write, so when the write is guarded by a mutex the
eviction is inside the same critical section.

### For a sync.Map: count the stores, then start over
A `sync.Map` has no length, so the rule counts stores in an `atomic.Int64` beside it (Go 1.19;
reported below). The count goes before a store that runs only after a `Load` of the same key
missed, or after `v, loaded := m.LoadOrStore(...)` as `if !loaded && ...` (only new keys count);
a `LoadOrStore` on every call whose `loaded` result is dropped cannot tell a new key from a hit
and is reported. Concurrent misses of one key may count twice: the map then starts over a little
early, never late. Starting over is `m.Clear()` from Go 1.23 (safe with concurrent use, like
every sync.Map method). Below Go 1.23 it is `Range` + `Delete` of every key, also safe with
concurrent use; `m = sync.Map{}` is not written: it overwrites the map while other goroutines
use it (a data race on the variable itself).
A fixed-capacity LRU (what some maintainers write by hand) is not offered: a `sync.Map` hands out
`any` values behind type assertions at every call site, and a typed LRU would change them all;
starting over keeps every call site as it is, gives the memory back, and costs a burst of misses
once per `bound` new keys.

## Fix safety
A bound changes what the program remembers, so the map is rewritten only when forgetting an
entry can only cost time. Every read of the map in the package must be a lookup of the same key
in a function that stores that key on a miss (a memoising cache), and:
- the value type is not `bool` or `struct{}` (a set: forgetting a member changes what the program
  does), writes are plain `m[k] = v` whose new value is not computed from the map (`m[k]++`,
  `m[k] = append(m[k], x)` accumulate), and no entry is changed after it is stored (`m[k].n++`,
  `e := m[k]; e.n++`);
- the map is never ranged over, copied, passed or has its address taken (`len(m)` is fine: it
  then reports the bounded size);
- it starts empty (an empty literal or `make`, possibly assigned in `init`) and `init` puts
  nothing in it (starting over would lose what was registered at start-up);
- the key is evaluated twice (lookup and write), so it may not call functions;
- the files that declare and write it are all part of the run (the constant and the writes must
  land together).
Otherwise the map is reported with the first reason. Registries filled by literals or in `init`,
maps written only with constant keys, maps already pruned (`delete`, `clear`, reassignment),
maps that escape (passed, copied, exported from a library package: others may prune them),
function-local maps and struct fields are left alone. For a `sync.Map`, in addition: every use
is `Load`, `Store` or `LoadOrStore` (`Range`, `Swap`, `CompareAndSwap` are reported; `Delete`,
`LoadAndDelete`, `Clear` mean it is pruned already), the stored value is not a new lock, channel
or other `sync` value (a per-key lock must stay the same for every caller of the key), and a
loaded value is never changed afterwards (a field set, `Lock`, `Add`, `Store`, ... on it).
The rule assumes what a cache assumes: a
value recomputed for a key is as good as the one forgotten.

## Options
`.leakfix.toml`: `[bound-map] max-entries = 65536` (the bound written into the constant).

## References
leak-patterns.md §9; golang/go#20135 (maps do not shrink).
"""

_MAP_TYPE = re.compile(rb"(?m)^(?:type[ \t]+|\t)([A-Za-z_]\w*)[ \t]+map\[")
_SET_VALUES = {"bool", "struct{}"}
_PRUNING_METHODS = {"Delete", "LoadAndDelete", "CompareAndDelete", "Clear"}
_GROWING_METHODS = {"Store", "LoadOrStore", "Swap"}
_CONVERSIONS = {"string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32",
                "uint64", "uintptr", "float32", "float64", "byte", "rune", "bool", "len"}
_PURE_KEY_NODES = {
    "identifier", "int_literal", "float_literal", "rune_literal", "interpreted_string_literal",
    "raw_string_literal", "true", "false", "nil", "selector_expression", "field_identifier",
    "index_expression", "parenthesized_expression", "binary_expression", "unary_expression",
    "composite_literal", "literal_value", "literal_element", "keyed_element", "type_identifier",
    "qualified_type", "package_identifier", "argument_list", "escape_sequence", "iota",
    "interpreted_string_literal_content", "raw_string_literal_content", "imaginary_literal",
}
_CONST_KEY_NODES = {"int_literal", "float_literal", "rune_literal", "interpreted_string_literal",
                    "raw_string_literal", "true", "false", "escape_sequence",
                    "interpreted_string_literal_content", "raw_string_literal_content"}


@dataclass
class _Site:
    """One write that adds keys: `m[k] = v` outside init with a non-constant key."""

    path: str
    func: tuple[int, int]  # byte span of the innermost function
    key: str
    stmt: tuple[int, int] | None = None  # sync.Map: the statement that stores
    loaded: str | None = None  # sync.Map: LoadOrStore's `loaded` result, when the count goes after it


@dataclass
class _Map:
    name: str
    path: str  # the file that declares it
    decl: tuple[int, int]  # byte span of its var_spec
    kind: str  # "map" or "sync.Map"
    type_text: str | None = None  # how make() spells its type, when known
    type_imports: list[Import] = field(default_factory=list)
    value_type: str | None = None
    starts_empty: bool = True
    pruned: bool = False
    escapes: bool = False
    sites: list[_Site] = field(default_factory=list)
    reads: list[tuple[str, tuple[int, int], str]] = field(default_factory=list)  # path, func, key
    blockers: list[str] = field(default_factory=list)
    len_funcs: set = field(default_factory=set)  # functions that read len(m)
    const_name: str = ""
    const_exists: bool = False
    counter_name: str = ""  # sync.Map: the counter of stored keys
    owner: str | None = None  # a field's struct type; None for a package-level variable

    def block(self, reason: str) -> None:
        if reason not in self.blockers:
            self.blockers.append(reason)


class BoundMap:
    id = "bound-map"
    summary = "Bound package-level maps and sync.Maps that only ever grow (caches start over when full)"
    default_enabled = False
    inputs = frozenset({"package", "gomod"})  # every file of the package; the `go` line (sync.Map)
    doc = DOC
    # a map type, a sync.Map, an index assignment `x[k] =` or a store `x.Store(` (a write to a map
    # declared elsewhere)
    triggers = re.compile(rb"map\[|sync\.Map|\][ \t]*=[^=]|\.(?:Store|LoadOrStore)\(")

    option_schema = (Option("max-entries", "int", 65536, "the bound written for each map", minimum=1),)

    def __init__(self, options: dict | None = None, template_overrides: dict | None = None):
        self.bound = resolve(self.option_schema, options, f"[{self.id}]")["max-entries"]

    def admits(self, body: bytes, ctx: Context) -> bool:
        """Only files that name a package-level map of their package (the declaring file and
        the writing files) can have a finding: decided from regexes, without parsing."""
        view = ctx.package
        words = _map_names_regex(view) if view is not None else None
        return words is not None and words.search(body) is not None

    def run(self, gf, ctx: Context) -> list[Finding]:
        view = ctx.package
        if view is None:
            return []
        maps = view.memo.get(self.id)
        if maps is None:
            view.adopt(gf)
            maps = view.memo[self.id] = _analyse(view)
        if not maps:
            return []
        own = os.path.abspath(gf.path)
        out: list[Finding] = []
        for m in maps.values():
            fixable = _fixable(m, view, ctx)
            if m.path == own:
                f = self._declaration(gf, view, m, fixable)
                if f is not None:
                    out.append(f)
            if fixable is None and any(s.path == own for s in m.sites):
                out.extend(self._sync_evictions(gf, m, ctx) if m.kind == "sync.Map" else self._evictions(gf, view, m))
        return out

    # --- findings ---------------------------------------------------------------------------

    def _declaration(self, gf, view, m: _Map, reason: str | None) -> Finding | None:
        if m.owner is not None:
            return self._field_declaration(gf, view, m, reason)
        spec = _find_spec(gf, m.name)
        if spec is None:
            return None
        name_node = next(n for n in spec.children_by_field_name("name") if gotree.text(n, gf.body) == m.name)
        funcs = sorted({_func_label(view, s.path, s.func) for s in m.sites})
        where = ", ".join(funcs[:3]) + (", ..." if len(funcs) > 3 else "")
        if m.kind == "sync.Map":
            msg = f"package-level sync.Map {m.name} only grows: stored to in {where}, never deleted from"
            if reason is not None:
                return Finding(self.id, name_node.start_byte, name_node.end_byte, msg, reason=reason)
            if m.const_exists or _has_const(gf, m.const_name):
                return None  # bounded already (an earlier pass or run); the stores carry the findings
            decl = _top_level_decl(spec)
            at = _with_doc_comment(gf, decl)
            text = (f"// {m.const_name} bounds {m.name}: when more new keys than this were stored, {m.name} starts over empty.\n"
                    f"const {m.const_name} = {self.bound}\n\n"
                    f"// {m.counter_name} counts the keys stored in {m.name} since it last started over.\n"
                    f"var {m.counter_name} atomic.Int64\n\n").encode()
            fix = Fix([Edit(at, at, text)], imports=[Import("sync/atomic")],
                      description=f"bound {m.name} at {self.bound} stored keys")
            msg += f"; count its new keys and start over past {m.const_name} = {self.bound}"
            return Finding(self.id, name_node.start_byte, name_node.end_byte, msg, fix=fix)
        msg = f"package-level map {m.name} only grows: new keys written in {where}, never deleted"
        if reason is not None:
            return Finding(self.id, name_node.start_byte, name_node.end_byte, msg, reason=reason)
        if m.const_exists or _has_const(gf, m.const_name):
            return None  # bounded already (an earlier pass or run); the writes carry the findings
        decl = _top_level_decl(spec)
        at = _with_doc_comment(gf, decl)
        text = (f"// {m.const_name} bounds {m.name}: when a new key would go beyond it, {m.name} starts over empty.\n"
                f"const {m.const_name} = {self.bound}\n\n").encode()
        fix = Fix([Edit(at, at, text)], description=f"bound {m.name} at {self.bound} entries")
        msg += f"; bound it at {m.const_name} = {self.bound}"
        return Finding(self.id, name_node.start_byte, name_node.end_byte, msg, fix=fix)

    def _evictions(self, gf, view, m: _Map) -> list[Finding]:
        out = []
        for stmt, key in _writes(gf, m.name, _startup(view)):
            guard = _guard(m, key, gf.indent_at(stmt.start_byte))
            prev = stmt.prev_named_sibling
            while prev is not None and prev.type == "comment":
                prev = prev.prev_named_sibling
            if prev is not None and gf.body[prev.start_byte:prev.end_byte].replace(b"\r\n", b"\n") == guard.strip().encode():
                continue  # already bounded
            at = gf.line_start(stmt.start_byte)
            fix = Fix([Edit(at, at, guard.encode())], imports=list(m.type_imports),
                      description=f"start {m.name} over when it holds {m.const_name} entries")
            msg = f"{m.name}[{key}] = ... adds keys to a package-level map that is never pruned; start over when full"
            out.append(Finding(self.id, stmt.start_byte, stmt.end_byte, msg, fix=fix))
        return out


    def _field_declaration(self, gf, view, m: _Map, reason: str | None) -> Finding | None:
        """The finding on a sync.Map field: the bound above the struct type, the counter the
        struct's last field (after a blank line, so that gofmt's alignment of the others holds)."""
        fd = gf.root.descendant_for_byte_range(m.decl[0], m.decl[1])
        while fd is not None and fd.type != "field_declaration":
            fd = fd.parent
        if fd is None:
            return None
        name_node = fd.child_by_field_name("name")
        funcs = sorted({_func_label(view, s.path, s.func) for s in m.sites})
        where = ", ".join(funcs[:3]) + (", ..." if len(funcs) > 3 else "")
        msg = f"sync.Map field {m.name} of {m.owner} only grows: stored to in {where}, never deleted from"
        if reason is not None:
            return Finding(self.id, name_node.start_byte, name_node.end_byte, msg, reason=reason)
        if _has_const(gf, m.const_name):
            return None  # bounded already
        decl = _top_level_decl(fd)
        fields = fd.parent
        close = fields.children[-1] if fields is not None and fields.children else None
        if close is None or close.type != "}" or gf.body.count(b"\n", fd.end_byte, close.start_byte) != 1:
            return Finding(self.id, name_node.start_byte, name_node.end_byte, msg,
                           reason=f"{m.name} is not the last field of {m.owner}: the counter would upset gofmt's alignment")
        at = _with_doc_comment(gf, decl)
        const = (f"// {m.const_name} bounds {m.owner}.{m.name}: when more new keys than this were stored, it starts over empty.\n"
                 f"const {m.const_name} = {self.bound}\n\n").encode()
        indent = gf.indent_at(fd.start_byte)
        end = gf.line_start(close.start_byte)
        counter = (f"\n{indent}// {m.counter_name} counts the keys stored in {m.name} since it last started over.\n"
                   f"{indent}{m.counter_name} atomic.Int64\n").encode()
        fix = Fix([Edit(at, at, const), Edit(end, end, counter)], imports=[Import("sync/atomic")],
                  description=f"bound {m.owner}.{m.name} at {self.bound} stored keys")
        msg += (f" (every {m.owner} is built at start-up, so it lives as long as the program); "
                f"count its new keys and start over past {m.const_name} = {self.bound}")
        return Finding(self.id, name_node.start_byte, name_node.end_byte, msg, fix=fix)

    def _sync_evictions(self, gf, m: _Map, ctx: Context) -> list[Finding]:
        """The count-and-start-over before (or after) each store in this file, found again in
        the file itself (the package view may be older than the file after an earlier fix)."""
        clear = ctx.go_at_least(1, 23)
        anyt = "any" if ctx.go_at_least(1, 18) else "interface{}"
        how = "Clear" if clear else "delete every key (Clear needs Go 1.23)"
        out = []
        for node, stmt, key, loaded in _sync_stores(gf, m, _startup(ctx.package)):
            indent = gf.indent_at(stmt.start_byte)
            target = gotree.text(node, gf.body)
            counter = m.counter_name if m.owner is None else \
                gotree.text(node.child_by_field_name("operand"), gf.body) + "." + m.counter_name
            guard = _sync_guard(target, counter, m.const_name, indent, loaded, clear, anyt)
            beside = stmt.prev_named_sibling if loaded is None else stmt.next_named_sibling
            while beside is not None and beside.type == "comment":
                beside = beside.prev_named_sibling if loaded is None else beside.next_named_sibling
            if beside is not None and beside.type == "if_statement" and \
                    f"{counter}.Add(1) > {m.const_name}" in gotree.text(beside, gf.body):
                continue  # counted already
            if loaded is None:
                at = gf.line_start(stmt.start_byte)
            else:
                nl = gf.body.find(b"\n", stmt.end_byte)
                at = len(gf.body) if nl < 0 else nl + 1
            fix = Fix([Edit(at, at, guard.encode())],
                      description=f"count the keys stored in {m.name}; past {m.const_name}, {how}")
            msg = (f"key {key} is stored in {_label(m)}, which is never pruned; "
                   f"count new keys and, when full, start over: {how}")
            out.append(Finding(self.id, stmt.start_byte, stmt.end_byte, msg, fix=fix))
        return out


def _sync_guard(target: str, counter: str, bound: str, indent: str, loaded: str | None, clear: bool, anyt: str) -> str:
    cond = f"{counter}.Add(1) > {bound}"
    if loaded is not None:
        cond = f"!{loaded} && " + cond
    lines = [f"if {cond} {{", f"\t{counter}.Store(0)"]
    if clear:
        lines.append(f"\t{target}.Clear()")
    else:
        k = "key" if target != "key" and not target.startswith("key.") else "k"
        lines += [f"\t{target}.Range(func({k}, _ {anyt}) bool {{", f"\t\t{target}.Delete({k})",
                  "\t\treturn true", "\t})"]
    lines.append("}")
    return "".join(indent + ln + "\n" for ln in lines)


def _label(m: _Map) -> str:
    return f"package-level sync.Map {m.name}" if m.owner is None else f"sync.Map field {m.name} of {m.owner}"


_NAMES = rb"([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)"


def _map_names_regex(view) -> "re.Pattern[bytes] | None":
    """A regex for the names of the package's top-level map and sync.Map variables (an
    over-approximation read from gofmt-shaped source), None when there are none."""
    if "bound-map:names" in view.memo:
        return view.memo["bound-map:names"]
    sources = list(view.sources.items())
    named = set()
    for _, data in sources:
        named.update(m.group(1) for m in _MAP_TYPE.finditer(data))
    kinds = rb"map\[|sync\.Map" + b"".join(b"|" + re.escape(n) + rb"\b" for n in sorted(named))
    decl = re.compile(rb"(?m)^(?:var[ \t]+|\t)" + _NAMES + rb"[ \t]+(?:=[ \t]*)?(?:&|new\(|make\()?(?:" + kinds + rb")")
    names: set[bytes] = set()
    for _, data in sources:
        for m in decl.finditer(data):
            names.update(n.strip() for n in m.group(1).split(b","))
    if names:  # keep the names some non-test file writes to (an index or a sync.Map store)
        alts = b"|".join(re.escape(n) for n in sorted(names))
        write = re.compile(rb"\b(" + alts + rb")(?:\[[^\n]*\][ \t]*(?:[-+*/%&|^]|<<|>>|&\^)?=[^=]|\[[^\n]*\](?:\+\+|--)"
                           rb"|\.(?:Store|LoadOrStore|Swap)\()")
        written: set[bytes] = set()
        for p, data in sources:
            if not p.endswith("_test.go"):
                written.update(m.group(1) for m in write.finditer(data))
        names &= written
    regex = re.compile(rb"\b(?:" + b"|".join(re.escape(n) for n in sorted(names)) + rb")\b") if names else None
    view.memo["bound-map:names"] = regex
    return regex


def _guard(m: _Map, key: str, indent: str) -> str:
    return (f"{indent}if _, ok := {m.name}[{key}]; !ok && len({m.name}) >= {m.const_name} {{\n"
            f"{indent}\t{m.name} = make({m.type_text})\n"
            f"{indent}}}\n")


def _fixable(m: _Map, view, ctx: Context | None = None) -> str | None:
    """None when the map can be bounded, else why not (the first reason)."""
    memo = view.memo.setdefault("bound-map:fixable", {})
    if m.name in memo:
        return memo[m.name]
    reason = _why_not(m, view)
    if reason is None and m.kind == "sync.Map" and ctx is not None and not ctx.go_at_least(1, 19):
        reason = "the counter of stored keys needs Go 1.19 (atomic.Int64)"
    memo[m.name] = reason
    return reason


def _why_not(m: _Map, view) -> str | None:
    if m.blockers:
        return m.blockers[0]
    if m.kind == "sync.Map":
        pass
    elif m.type_text is None:
        return "its type is not spelled out where it is declared"
    if m.value_type in _SET_VALUES:
        return "it is a set: forgetting a member changes what the program does"
    if not m.starts_empty:
        return "it does not start empty: starting over would lose what was put in at start-up"
    writers = {(s.path, s.func) for s in m.sites}
    keys = {(s.path, s.func, s.key) for s in m.sites}
    for path, func, key in m.reads:
        if (path, func) not in writers:
            return f"it is read in {_func_label(view, path, func)}, which does not store what it misses"
        if (path, func, key) not in keys:
            return f"it is read with key {key} in {_func_label(view, path, func)}, which stores other keys"
    files = {m.path} | {s.path for s in m.sites}
    outside = sorted(os.path.basename(p) for p in files if p not in view.in_run)
    if outside:
        return f"{', '.join(outside)} must be fixed in the same run"
    decl_gf = view.parsed(m.path)
    line = decl_gf.line_col(m.decl[0])[0]
    if is_suppressed(scan(decl_gf.body), "bound-map", line):
        return "its declaration is suppressed"
    return None


# --- the package analysis -------------------------------------------------------------------


def _analyse(view) -> dict[str, _Map]:
    """The package-level maps that grow, with everything the package does to them."""
    declared: dict[str, list[_Map]] = {}
    map_types: dict[str, tuple[str, str | None]] = {}  # named map types: name -> (key, value)
    top_names: dict[str, int] = {}
    paths = [p for p in view.paths if not p.endswith("_test.go")]  # tests add a few keys at most
    named = set()  # names of map types, found without parsing
    for path in paths:
        named.update(m.group(1) for m in _MAP_TYPE.finditer(view.sources[path]))
    decl_hint = re.compile(rb"map\[|sync\.Map" + b"".join(b"|\\b" + re.escape(n) + b"\\b" for n in sorted(named)))
    for path in paths:
        data = view.sources[path]
        if b"var" not in data or not decl_hint.search(data):
            continue
        gf = view.parsed(path)
        for decl in gf.root.named_children:
            if decl.type == "type_declaration":
                for spec in decl.named_children:
                    t = spec.child_by_field_name("type")
                    nm = spec.child_by_field_name("name")
                    if spec.type == "type_spec" and t is not None and nm is not None and t.type == "map_type":
                        map_types[gotree.text(nm, gf.body)] = (
                            gotree.text(t.child_by_field_name("key"), gf.body),
                            gotree.text(t.child_by_field_name("value"), gf.body))
            if decl.type != "var_declaration":
                continue
            for spec in _var_specs(decl):
                for m in _declared_maps(gf, spec):
                    declared.setdefault(m.name, []).append(m)
    for path in paths:  # every top-level name, to find declarations made twice (build tags)
        for mt in re.finditer(rb"(?m)^(?:var|const|type|func)\s+([A-Za-z_]\w*)", view.sources[path]):
            top_names[mt.group(1).decode()] = top_names.get(mt.group(1).decode(), 0) + 1
    fields = _sync_map_fields(view, paths)
    maps: dict[str, _Map] = {}
    for name, ms in declared.items():
        if len(ms) != 1 or name == "_" or top_names.get(name, 0) > 1:
            continue
        m = ms[0]
        if m.type_text is not None and m.kind == "map" and m.value_type is None:
            named = map_types.get(m.type_text)
            if named is None:
                continue  # not known to be a map
            m.value_type = named[1]
        exported = name[0].isupper() and view.name != "main"
        if exported:
            continue  # other packages may prune it
        maps[name] = m
    if not maps and not fields:
        return {}
    package_vars = _package_vars(view)
    startup = _startup(view, package_vars)
    fields = _classify_fields(view, paths, fields, startup, package_vars)
    if not maps:
        return fields
    names = frozenset(maps)
    pattern = re.compile(rb"\b(" + b"|".join(re.escape(n.encode()) for n in maps) + rb")\b")
    for path in paths:
        if not pattern.search(view.sources[path]):
            continue
        gf = view.parsed(path)
        shadowing = _Shadowing(gf)
        where = _Where(path, startup, package_vars, _stateful_types(view, paths))
        for node in gotree.named_identifiers(gf.root, names):
            name = gotree.text(node, gf.body)
            m = maps[name]
            if path == m.path and m.decl[0] <= node.start_byte < m.decl[1]:
                continue
            if shadowing.shadows(node, name):
                m.block(f"{name} is redeclared inside a function that uses it")
                continue
            _classify(gf, where, node, m)
    out = {}
    for name, m in maps.items():
        if m.pruned or m.escapes or not m.sites or any((st.path, st.func) in m.len_funcs for st in m.sites):
            continue
        m.const_name, m.const_exists = _const_name(view, m)
        if m.kind == "sync.Map":
            m.counter_name = _fresh_package_name(view, m.name[0].lower() + m.name[1:] + "Stores")
        out[name] = m
    out.update(fields)
    return out


_STATEFUL_FIELD = re.compile(r"\bsync\.|\bchan\b|\batomic\.|\bcontext\.Context\b")


def _stateful_types(view, paths: list[str]) -> frozenset[str]:
    """The package's struct types with a field that is a lock, a channel, an atomic or a
    context: a new value of one per key stands for work or state, not a cached answer."""
    found = view.memo.get("bound-map:stateful")
    if found is not None:
        return found
    out = set()
    for path in paths:
        data = view.sources[path]
        if b"struct" not in data or not re.search(rb"sync\.|chan|atomic\.|context\.", data):
            continue
        gf = view.parsed(path)
        for decl in gf.root.named_children:
            if decl.type != "type_declaration":
                continue
            for spec in decl.named_children:
                t, nm = spec.child_by_field_name("type"), spec.child_by_field_name("name")
                if spec.type == "type_spec" and t is not None and nm is not None and t.type == "struct_type" and \
                        any(fd.type == "field_declaration" and fd.child_by_field_name("type") is not None and
                            _STATEFUL_FIELD.search(gotree.text(fd.child_by_field_name("type"), gf.body))
                            for fd in gotree.walk(t)):
                    out.add(gotree.text(nm, gf.body))
    found = view.memo["bound-map:stateful"] = frozenset(out)
    return found


def _sync_map_fields(view, paths: list[str]) -> dict[str, list[_Map]]:
    """The sync.Map fields of the package's struct types, by field name (one field per name and
    type; a name may belong to several types)."""
    out: dict[str, list[_Map]] = {}
    for path in paths:
        data = view.sources[path]
        if b"sync.Map" not in data or b"struct" not in data:
            continue
        gf = view.parsed(path)
        for decl in gf.root.named_children:
            if decl.type != "type_declaration":
                continue
            for spec in decl.named_children:
                t, nm = spec.child_by_field_name("type"), spec.child_by_field_name("name")
                if spec.type != "type_spec" or t is None or nm is None or t.type != "struct_type":
                    continue
                for fd in gotree.walk(t):
                    ft = fd.child_by_field_name("type") if fd.type == "field_declaration" else None
                    names = list(fd.children_by_field_name("name")) if ft is not None else []
                    if len(names) != 1 or not _is_sync_map_type(ft, gf) or fd.parent.parent != t:
                        continue
                    m = _Map(gotree.text(names[0], gf.body), os.path.abspath(path), (fd.start_byte, fd.end_byte),
                             "sync.Map", owner=gotree.text(nm, gf.body))
                    out.setdefault(m.name, []).append(m)
    return out


def _classify_fields(view, paths: list[str], fields: dict[str, list[_Map]], startup: "_Startup",
                     package_vars: frozenset[str]) -> dict[str, _Map]:
    """The sync.Map fields of long-lived values that grow, with everything the package does to
    them; fields of values built per request are dropped (they go with the value)."""
    out: dict[str, _Map] = {}
    for name, ms in fields.items():
        kept = []
        for m in ms:
            life = _lifetime(view, paths, m.owner, startup)
            if life != "short":
                kept.append((m, life))
        if not kept:
            continue
        probe = kept[0][0]  # what the package does with `x.<name>` (the same for every owner)
        for path in paths:
            if name.encode() not in view.sources[path]:
                continue
            gf = view.parsed(path)
            where = _Where(path, startup, package_vars, _stateful_types(view, paths))
            for n in gotree.walk(gf.root):
                if n.type == "keyed_element" and n.named_children and gotree.text(n.named_children[0], gf.body) == name:
                    probe.escapes = True  # set in a composite literal
                elif n.type == "selector_expression" and gotree.text(n.child_by_field_name("field"), gf.body) == name:
                    if not _plain_operand(n.child_by_field_name("operand")):
                        probe.block(f"{gotree.text(n, gf.body)} is reached through a call: the count would call it again")
                    _classify_sync(gf, where, n, probe, gotree.enclosing_function(n), where.at_startup(n),
                                   gotree.text(n, gf.body))
        for m, life in kept:
            if m is not probe:
                m.sites, m.reads, m.pruned, m.escapes = list(probe.sites), list(probe.reads), probe.pruned, probe.escapes
                m.starts_empty, m.blockers = probe.starts_empty, list(probe.blockers)
            if m.pruned or m.escapes or not m.sites:
                continue
            if life != "long":
                m.block(life)
            if len(ms) > 1:
                m.block(f"other types of the package have a field {name} too: whose field `x.{name}` is is not known")
            base = m.owner[0].lower() + m.owner[1:] + m.name[0].upper() + m.name[1:] + "MaxEntries"
            m.const_name = _fresh_package_name(view, base)
            m.counter_name = _fresh_package_name(view, name + "Stores")
            out[f"{m.owner}.{name}"] = m
    return out


def _plain_operand(node: Node | None) -> bool:
    """`s`, `s.inner`, `(*s)`: evaluating it again has no effect."""
    return node is not None and all(n.type in ("identifier", "selector_expression", "field_identifier",
                                               "parenthesized_expression", "unary_expression")
                                    for n in gotree.walk(node) if n.is_named)


def _lifetime(view, paths: list[str], owner: str, startup: "_Startup") -> str:
    """"long" when every value of the struct type owner is built at start-up (a package-level
    variable, init, main outside its loops, functions called only from there), "short" when one
    is built on a request path, else why it is not known."""
    if owner[0].isupper() and view.name != "main":
        return f"{owner} is exported: other packages may build one per request"
    word = re.compile(rb"\b" + re.escape(owner.encode()) + rb"\b")
    built = False
    for path in paths:
        if not word.search(view.sources[path]):
            continue
        gf = view.parsed(path)
        for n in gotree.walk(gf.root):
            if n.type != "type_identifier" or gotree.text(n, gf.body) != owner:
                continue
            up = n.parent
            if up is None or up.type in ("type_spec", "pointer_type"):
                continue
            if up.type == "composite_literal" or (up.type == "argument_list" and up.parent is not None and
                                                  gotree.text(up.parent.child_by_field_name("function"), gf.body) == "new"):
                site = up
            elif up.type == "var_spec":
                site = up
            elif up.type == "parameter_declaration" and up.parent is not None and up.parent.parent is not None and \
                    up.parent.parent.type == "method_declaration" and up.parent == up.parent.parent.child_by_field_name("receiver"):
                continue  # a method's value receiver
            else:
                return f"{owner} is held by value in a {up.type.replace('_', ' ')}: where its values live is not known"
            built = True
            lit = site.child_by_field_name("body") if site.type == "composite_literal" else None
            if lit is not None and any(c.type == "literal_element" for c in lit.named_children):
                return f"a {owner} literal lists its fields without names: a new field would break it"
            if gotree.enclosing_function(site) is not None and not startup.runs_at_startup(site):
                return "short"
    return "long" if built else f"no value of {owner} is built in the package"


def _var_specs(decl: Node) -> list[Node]:
    out = []
    for c in decl.named_children:
        if c.type == "var_spec":
            out.append(c)
        elif c.type == "var_spec_list":
            out.extend(s for s in c.named_children if s.type == "var_spec")
    return out


def _declared_maps(gf, spec: Node) -> list[_Map]:
    names = list(spec.children_by_field_name("name"))
    typ = spec.child_by_field_name("type")
    values = gotree.expression_list_items(spec.child_by_field_name("value"))
    if values and len(values) != len(names):
        return []
    imports = None
    out = []
    for i, nm in enumerate(names):
        name = gotree.text(nm, gf.body)
        value = values[i] if values else None
        m = _Map(name, os.path.abspath(gf.path), (spec.start_byte, spec.end_byte), "map")
        t = typ
        if value is not None:
            vt = _value_type(value, gf.body)
            if vt is None:
                if _is_sync_map_value(value, gf):
                    m.kind = "sync.Map"
                    out.append(m)
                continue
            t_node, empty = vt
            m.starts_empty = empty
            t = t if t is not None else t_node
        if t is None:
            continue
        if _is_sync_map_type(t, gf):
            m.kind = "sync.Map"
            out.append(m)
            continue
        if t.type == "map_type":
            m.type_text = gotree.text(t, gf.body)
            vnode = t.child_by_field_name("value")
            m.value_type = re.sub(r"\s+", "", gotree.text(vnode, gf.body)) if vnode is not None else None
        elif t.type == "type_identifier":
            m.type_text = gotree.text(t, gf.body)
        else:
            continue
        if imports is None:
            imports = Imports(gf.root, gf.body)
        m.type_imports = _imports_of(t, gf, imports)
        out.append(m)
    return out


def _value_type(value: Node, body: bytes) -> tuple[Node, bool] | None:
    """(the map type node, whether the value is empty) for `T{...}` and `make(T[, n])`."""
    if value.type == "composite_literal":
        t = value.child_by_field_name("type")
        lit = value.child_by_field_name("body")
        if t is None or t.type not in ("map_type", "type_identifier"):
            return None
        return t, lit is not None and not any(c.type != "comment" for c in lit.named_children)
    if value.type == "call_expression":
        fn, args = gotree.call_parts(value)
        if fn is not None and gotree.text(fn, body) == "make" and args and args[0].type in ("map_type", "type_identifier"):
            return args[0], True
    return None


def _is_sync_map_type(t: Node, gf) -> bool:
    if t.type != "qualified_type":
        return False
    pkg = t.child_by_field_name("package")
    name = t.child_by_field_name("name")
    if pkg is None or name is None or gotree.text(name, gf.body) != "Map":
        return False
    return Imports(gf.root, gf.body).path_of(gotree.text(pkg, gf.body)) == "sync"


def _is_sync_map_value(value: Node, gf) -> bool:
    """`sync.Map{}`, `&sync.Map{}`, `new(sync.Map)`."""
    if value.type == "unary_expression" and value.named_child_count == 1:
        value = value.named_children[0]
    if value.type == "composite_literal":
        t = value.child_by_field_name("type")
        return t is not None and _is_sync_map_type(t, gf)
    if value.type == "call_expression":
        fn, args = gotree.call_parts(value)
        return fn is not None and gotree.text(fn, gf.body) == "new" and len(args) == 1 and _is_sync_map_type(args[0], gf)
    return False


def _imports_of(t: Node, gf, imports: Imports) -> list[Import]:
    out = []
    for n in gotree.walk(t):
        if n.type == "package_identifier":
            name = gotree.text(n, gf.body)
            path = imports.path_of(name)
            if path is not None and all(i.path != path for i in out):
                out.append(Import(path, name))
    return out


def _classify(gf, where: "_Where", node: Node, m: _Map) -> None:
    """Record what one use of the map's name does."""
    body = gf.body
    parent = node.parent
    func = gotree.enclosing_function(node)
    in_init = where.at_startup(node)
    path = where.path
    if m.kind == "sync.Map":
        _classify_sync(gf, where, node, m, func, in_init, gotree.text(node, body))
        return
    if parent is None:
        return
    if parent.type == "index_expression" and parent.child_by_field_name("operand") == node:
        _classify_index(gf, where, parent, m, func, in_init)
        return
    if parent.type == "argument_list" and parent.parent is not None and parent.parent.type == "call_expression":
        callee = gotree.text(parent.parent.child_by_field_name("function"), body)
        first = parent.named_children[0] if parent.named_children else None
        if callee in ("delete", "clear") and first == node:
            m.pruned = True
        elif callee == "len":
            if func is not None:  # a size checked where the map is written: bounded by hand
                m.len_funcs.add((path, (func.start_byte, func.end_byte)))
        else:
            m.escapes = True  # handed to a function that may prune it
        return
    if parent.type == "expression_list" and parent.parent is not None and \
            parent.parent.type == "assignment_statement" and parent.parent.child_by_field_name("left") == parent:
        if in_init and func is not None:
            value = _assigned_value(parent.parent, node)
            vt = _value_type(value, body) if value is not None else None
            if vt is None or not vt[1]:
                m.starts_empty = False
            return
        m.pruned = True  # reassigned: started over already
        return
    if parent.type == "range_clause":
        m.block("it is ranged over: bounding it changes what the loop sees")
        return
    if parent.type == "binary_expression" and any(c.type == "nil" for c in parent.named_children):
        return  # m == nil
    m.escapes = True  # copied, returned, address taken, ...


def _classify_index(gf, where: "_Where", ix: Node, m: _Map, func: Node | None, in_init: bool) -> None:
    body = gf.body
    path = where.path
    key_node = ix.child_by_field_name("index")
    key = gotree.text(key_node, body) if key_node is not None else ""
    up = ix.parent
    stmt = _assignment_of(ix)
    if stmt is not None:
        if func is None or in_init:
            m.starts_empty = False  # filled at start-up
            return
        if not _adds_keys(stmt, m.name, key_node, body):
            return
        m.sites.append(_Site(path, (func.start_byte, func.end_byte), key))
        op = stmt.child_by_field_name("operator")
        if op is None or gotree.text(op, body) != "=":
            m.block(f"{m.name}[{key}] {gotree.text(op, body) if op else '?'} accumulates per key")
            return
        left = gotree.expression_list_items(up)
        right = gotree.expression_list_items(stmt.child_by_field_name("right"))
        if len(left) != 1 or len(right) != 1:
            m.block("it is written in a multiple assignment")
            return
        if any(n.type == "identifier" and gotree.text(n, body) == m.name for n in gotree.walk(right[0])):
            m.block(f"the value stored at {m.name}[{key}] is computed from the map")
            return
        if key_node is None or not _pure_key(key_node, body):
            m.block(f"the key {key} calls a function (the eviction would evaluate it twice)")
            return
        if stmt.parent is None or stmt.parent.type != "statement_list":
            m.block(f"{m.name}[{key}] = ... is not a statement of its own")
            return
        if any(n.type == "go_statement" for n in gotree.walk(func, into_functions=False)):
            m.block(f"{_name_of(func, body)} starts goroutines: an entry may stand for work under way")
            return
        foreign = _Dataflow(func, body, where.package_vars, m.name).foreign(right[0], key_node)
        if foreign:
            m.block(f"the value stored at {m.name}[{key}] is not computed from the key alone (it uses {foreign})")
        return
    if ix.parent is not None and ix.parent.type in ("inc_statement", "dec_statement"):
        if func is None or in_init:
            m.starts_empty = False
            return
        if key_node is not None and _constant_key(key_node, body):
            return
        m.sites.append(_Site(path, (func.start_byte, func.end_byte), key))
        m.block(f"{m.name}[{key}]++ accumulates per key")
        return
    if _is_modified(ix):
        m.block(f"entries of {m.name} are changed after they are stored")
        return
    if func is not None:
        m.reads.append((path, (func.start_byte, func.end_byte), key))
        bound = _bound_variable(ix, body)
        if bound is not None and _mutates(func, bound, body):
            m.block(f"entries of {m.name} are changed after they are stored ({bound})")
    else:
        m.escapes = True


def _classify_sync(gf, where: "_Where", node: Node, m: _Map, func: Node | None, in_init: bool, expr: str) -> None:
    """Record what one use of a sync.Map does; node is the map expression (the variable, or
    `x.field` for a field), spelled expr."""
    body = gf.body
    parent = node.parent
    if parent is not None and parent.type == "selector_expression" and parent.child_by_field_name("operand") == node:
        method = gotree.text(parent.child_by_field_name("field"), body)
        call = parent.parent
        if method in _PRUNING_METHODS:
            m.pruned = True
            return
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != parent:
            m.escapes = True  # a method value
            return
        _, args = gotree.call_parts(call)
        if method == "Load" and len(args) == 1:
            if func is None:
                m.escapes = True
            elif not in_init:
                m.reads.append((where.path, (func.start_byte, func.end_byte), gotree.text(args[0], body)))
                _check_loaded(call, m, func, body)
            return
        if method in ("Store", "LoadOrStore") and len(args) == 2:
            if func is None or in_init:
                m.starts_empty = False  # filled at start-up
            elif not _constant_key(args[0], body):
                _sync_site(gf, where, call, args, method, m, func, expr)
            return
        if method == "Range":
            m.block("it is ranged over: starting over changes what the loop sees")
        else:
            m.block(f"{m.name}.{method} is used: the rule only follows Load, Store and LoadOrStore")
        return
    if parent is not None and parent.type == "expression_list" and parent.parent is not None and \
            parent.parent.type == "assignment_statement":
        m.pruned = True
        return
    m.escapes = True


_SYNC_STMT_PARTS = {"expression_list", "short_var_declaration", "assignment_statement", "expression_statement",
                    "return_statement"}
_MUTATING_METHODS = {"Lock", "RLock", "Unlock", "RUnlock", "Add", "Store", "Swap", "CompareAndSwap", "Inc",
                     "Set", "Reset", "Write", "WriteString", "Wait", "Done", "Do", "Close", "Cancel"}


def _sync_site(gf, where: "_Where", call: Node, args: list[Node], method: str, m: _Map, func: Node, expr: str) -> None:
    """A Store or LoadOrStore on a request path: a site, with the statement the count goes
    beside, or a blocker."""
    body = gf.body
    key = gotree.text(args[0], body)
    site = _Site(where.path, (func.start_byte, func.end_byte), key)
    m.sites.append(site)
    value = args[1]
    if value.type in ("true", "false") or gotree.text(value, body).replace(" ", "") == "struct{}{}":
        m.block("it is a set: forgetting a member changes what the program does")
        return
    if any(n.type == "go_statement" for n in gotree.walk(func, into_functions=False)):
        m.block(f"{_name_of(func, body)} starts goroutines: an entry may stand for work under way")
        return
    flow = _Dataflow(func, body, where.package_vars, expr)
    fresh = _fresh_identity(value, flow, body, where.stateful)
    if fresh:
        m.block(f"the value stored in {m.name} is a new {fresh} per key: callers of the same key must share it")
        return
    foreign = flow.foreign(value, args[0])
    if foreign:
        m.block(f"the value stored in {m.name} for {key} is not computed from the key alone (it uses {foreign})")
        return
    if method == "LoadOrStore":
        _check_loaded(call, m, func, body)
    placed = _sync_statement(call, method, func, expr, key, body)
    if isinstance(placed, str):
        m.block(placed)
        return
    site.stmt = (placed[0].start_byte, placed[0].end_byte)
    site.loaded = placed[1]


def _sync_statement(call: Node, method: str, func: Node, name: str, key: str, body: bytes) -> tuple[Node, str | None] | str:
    """The statement holding a store and where the count goes: (statement, None) before it when
    a Load of the key precedes it (the store runs on a miss), (statement, loaded) after it when
    it is `v, loaded := m.LoadOrStore(...)`; else why the store cannot be counted."""
    stmt = call
    while stmt.parent is not None and stmt.parent.type in _SYNC_STMT_PARTS:
        stmt = stmt.parent
    if stmt.parent is None or stmt.parent.type != "statement_list" or stmt.type not in _SYNC_STMT_PARTS:
        return f"{name}.{method}({key}, ...) is not part of a statement of its own"
    if _loaded_before(func, name, key, call.start_byte, body):
        return stmt, None
    if method == "LoadOrStore" and stmt.type in ("short_var_declaration", "assignment_statement"):
        left = gotree.expression_list_items(stmt.child_by_field_name("left"))
        right = gotree.expression_list_items(stmt.child_by_field_name("right"))
        if len(left) == 2 and len(right) == 1 and right[0] == call and left[1].type == "identifier" and \
                gotree.text(left[1], body) != "_":
            return stmt, gotree.text(left[1], body)
    return (f"{name}.{method} runs on every call of {_name_of(func, body)} without a Load of the key before it "
            "and its `loaded` result is not named: new keys cannot be told from hits")


def _sync_stores(gf, m: _Map, startup: "_Startup") -> list[tuple[Node, Node, str, str | None]]:
    """The stores into the sync.Map outside start-up code with a changing key: (map expression,
    statement, key, loaded) as _sync_statement places them."""
    out = []
    where = _Where(os.path.abspath(gf.path), startup)
    if where.is_test:
        return []
    shadowing = _Shadowing(gf)
    for node in _sync_map_uses(gf, m):
        if m.owner is None and shadowing.shadows(node, m.name):
            continue
        sel = node.parent
        if sel is None or sel.type != "selector_expression" or sel.child_by_field_name("operand") != node:
            continue
        method = gotree.text(sel.child_by_field_name("field"), gf.body)
        call = sel.parent
        if method not in ("Store", "LoadOrStore") or call is None or call.type != "call_expression":
            continue
        func = gotree.enclosing_function(node)
        _, args = gotree.call_parts(call)
        if func is None or len(args) != 2 or _constant_key(args[0], gf.body) or where.at_startup(node):
            continue
        key = gotree.text(args[0], gf.body)
        placed = _sync_statement(call, method, func, gotree.text(node, gf.body), key, gf.body)
        if not isinstance(placed, str):
            out.append((node, placed[0], key, placed[1]))
    return out


def _sync_map_uses(gf, m: _Map) -> list[Node]:
    """The expressions naming the map: the identifier, or `x.field` selectors for a field."""
    if m.owner is None:
        return gotree.named_identifiers(gf.root, frozenset([m.name]))
    if m.name.encode() not in gf.body:
        return []
    return [n for n in gotree.walk(gf.root) if n.type == "selector_expression" and
            gotree.text(n.child_by_field_name("field"), gf.body) == m.name]


def _loaded_before(func: Node, name: str, key: str, before: int, body: bytes) -> bool:
    """A `name.Load(key)` earlier in func: a store after it runs on a miss."""
    for n in gotree.walk(func, into_functions=False):
        if n.type == "call_expression" and n.start_byte < before:
            fn, args = gotree.call_parts(n)
            if fn is not None and gotree.text(fn, body) == f"{name}.Load" and len(args) == 1 and \
                    gotree.text(args[0], body) == key:
                return True
    return False


def _fresh_identity(value: Node, flow: "_Dataflow", body: bytes, stateful: frozenset[str] = frozenset()) -> str | None:
    """What makes the value a fresh object whose identity matters (a lock, a channel, a
    sync type, a struct of the package holding one of those) when it is built in the function,
    else None."""
    todo, seen = [value], set()
    while todo:
        expr = todo.pop()
        for n in gotree.walk(expr):
            if n.type == "composite_literal":
                t = n.child_by_field_name("type")
                if t is not None and (gotree.text(t, body).startswith("sync.") or gotree.text(t, body) in stateful):
                    return gotree.text(t, body)
            elif n.type == "call_expression":
                fn, args = gotree.call_parts(n)
                fname = gotree.text(fn, body) if fn is not None else ""
                if fname == "new" and args and (gotree.text(args[0], body).startswith("sync.") or
                                                gotree.text(args[0], body) in stateful):
                    return gotree.text(args[0], body)
                if fname == "make" and args and args[0].type == "channel_type":
                    return "channel"
            elif n.type == "identifier":
                name = gotree.text(n, body)
                if name not in seen and name in flow.defs:
                    seen.add(name)
                    todo.extend(flow.defs[name])
    return None


def _check_loaded(call: Node, m: _Map, func: Node, body: bytes) -> None:
    """Block when the value a Load or LoadOrStore returns is changed afterwards (a field set,
    a lock taken, a counter added to): entries then carry state, not a cached answer."""
    first = _bound_variable(call, body)
    if first is None:
        return
    for var in _aliases(func, first, body):
        if _changes(func, var, body):
            m.block(f"entries of {m.name} are changed after they are stored ({_changes(func, var, body)})")
            return


def _aliases(func: Node, var: str, body: bytes) -> list[str]:
    """var and the variables assigned from it or from a type assertion of it (`e := v.(*T)`)."""
    out = [var]
    for n in gotree.walk(func):
        if n.type not in ("short_var_declaration", "assignment_statement"):
            continue
        left = gotree.expression_list_items(n.child_by_field_name("left"))
        right = gotree.expression_list_items(n.child_by_field_name("right"))
        for lhs, rhs in zip(left, right):
            while rhs.type in ("type_assertion_expression", "parenthesized_expression"):
                rhs = rhs.child_by_field_name("operand") if rhs.type == "type_assertion_expression" else \
                    (rhs.named_children[0] if rhs.named_children else rhs)
            if rhs.type == "identifier" and gotree.text(rhs, body) in out and lhs.type == "identifier":
                name = gotree.text(lhs, body)
                if name not in out and name != "_":
                    out.append(name)
    return out


def _changes(func: Node, var: str, body: bytes) -> str | None:
    """How func changes what var points to (a field set, a state-changing method), else None."""
    if _mutates(func, var, body):
        return var
    for n in gotree.walk(func):
        if n.type != "call_expression":
            continue
        fn = n.child_by_field_name("function")
        if fn is None or fn.type != "selector_expression" or \
                gotree.text(fn.child_by_field_name("field"), body) not in _MUTATING_METHODS:
            continue
        cur = fn.child_by_field_name("operand")
        while cur is not None and cur.type in ("selector_expression", "type_assertion_expression",
                                               "parenthesized_expression", "index_expression"):
            cur = cur.child_by_field_name("operand") if cur.type != "parenthesized_expression" else \
                (cur.named_children[0] if cur.named_children else None)
        if cur is not None and cur.type == "identifier" and gotree.text(cur, body) == var:
            return gotree.text(fn, body)
    return None


def _assignment_of(ix: Node) -> Node | None:
    """The assignment statement whose left side lists ix (`m[k] = v`, `m[k], x = ...`)."""
    up = ix.parent
    stmt = up.parent if up is not None and up.type == "expression_list" else None
    if stmt is not None and stmt.type == "assignment_statement" and stmt.child_by_field_name("left") == up:
        return stmt
    return None


def _adds_keys(stmt: Node, name: str, key_node: Node | None, body: bytes) -> bool:
    """Whether a write to name[key] can add a key: the key is not a constant (constant keys add
    a bounded number) and the write does not run only when the key is there already."""
    return key_node is not None and not _constant_key(key_node, body) and \
        not _only_updates(stmt, name, gotree.text(key_node, body), body)


def _only_updates(stmt: Node, name: str, key: str, body: bytes) -> bool:
    """The write runs only when the key is in the map already: inside
    `if _, ok := m[k]; ok { ... }`, or after `if _, ok := m[k]; !ok { continue }` (or return,
    break, panic) in an enclosing block."""
    cur = stmt
    while cur is not None and cur.type not in gotree.FUNCTION_TYPES:
        parent = cur.parent
        if parent is not None and parent.type == "if_statement" and parent.child_by_field_name("consequence") == cur:
            if _presence_test(parent, name, key, body) == "present":
                return True
        if parent is not None and parent.type == "statement_list":
            prev = cur.prev_named_sibling
            while prev is not None:
                if prev.type == "if_statement" and _presence_test(prev, name, key, body) == "absent" and \
                        _leaves(prev.child_by_field_name("consequence"), body):
                    return True
                prev = prev.prev_named_sibling
        cur = parent
    return False


def _presence_test(ifs: Node, name: str, key: str, body: bytes) -> str | None:
    """"present" for `if _, ok := m[k]; ok`, "absent" for `if _, ok := m[k]; !ok`."""
    init = ifs.child_by_field_name("initializer")
    cond = ifs.child_by_field_name("condition")
    if init is None or cond is None or init.type != "short_var_declaration":
        return None
    left = gotree.expression_list_items(init.child_by_field_name("left"))
    right = gotree.expression_list_items(init.child_by_field_name("right"))
    if len(left) != 2 or len(right) != 1 or right[0].type != "index_expression":
        return None
    op, index = right[0].child_by_field_name("operand"), right[0].child_by_field_name("index")
    if op is None or index is None or gotree.text(op, body) != name or gotree.text(index, body) != key:
        return None
    ok = gotree.text(left[1], body)
    text = gotree.text(cond, body).replace(" ", "")
    return "present" if text == ok else "absent" if text == "!" + ok else None


def _leaves(block: Node | None, body: bytes) -> bool:
    stmts = gotree.statements(block)
    if not stmts:
        return False
    last = stmts[-1]
    if last.type in ("return_statement", "continue_statement", "break_statement", "goto_statement"):
        return True
    return last.type == "expression_statement" and gotree.text(last, body).startswith("panic(")


def _assigned_value(stmt: Node, target: Node) -> Node | None:
    left = gotree.expression_list_items(stmt.child_by_field_name("left"))
    right = gotree.expression_list_items(stmt.child_by_field_name("right"))
    if len(left) != len(right):
        return None
    for lhs, rhs in zip(left, right):
        if lhs == target:
            return rhs
    return None


def _constant_key(node: Node, body: bytes) -> bool:
    return all(n.type in _CONST_KEY_NODES or n.type in ("parenthesized_expression", "binary_expression")
               for n in gotree.walk(node) if n.is_named)


def _pure_key(node: Node, body: bytes) -> bool:
    """True when evaluating the key twice is the same as once: no calls except conversions to
    basic types and len, no receives."""
    for n in gotree.walk(node):
        if not n.is_named:
            if n.type == "<-":
                return False
            continue
        if n.type == "call_expression":
            fn = n.child_by_field_name("function")
            if fn is None or fn.type != "identifier" or gotree.text(fn, body) not in _CONVERSIONS:
                return False
            continue
        if n.type not in _PURE_KEY_NODES:
            return False
    return True


def _is_modified(ix: Node) -> bool:
    """`m[k].f = v`, `m[k][j] = v`, `m[k].n++`: the stored entry is changed in place."""
    cur = ix
    while cur.parent is not None and cur.parent.type in ("selector_expression", "index_expression") \
            and cur.parent.child_by_field_name("operand") == cur:
        cur = cur.parent
    if cur is ix:
        return False
    up = cur.parent
    if up is not None and up.type in ("inc_statement", "dec_statement"):
        return True
    if up is not None and up.type == "expression_list" and up.parent is not None and \
            up.parent.type == "assignment_statement" and up.parent.child_by_field_name("left") == up:
        return True
    return False


def _bound_variable(ix: Node, body: bytes) -> str | None:
    """`v` in `v := m[k]`, `v, ok := m[k]`, `v = m[k]`."""
    up = ix.parent
    if up is None or up.type != "expression_list":
        return None
    decl = up.parent
    if decl is None or decl.type not in ("short_var_declaration", "assignment_statement"):
        return None
    left = gotree.expression_list_items(decl.child_by_field_name("left"))
    if not left or left[0].type != "identifier":
        return None
    name = gotree.text(left[0], body)
    return None if name == "_" else name


def _mutates(func: Node, var: str, body: bytes) -> bool:
    """Whether func assigns to a field or element reached through var (`var.f = x`, `var.n++`)."""
    for n in gotree.walk(func):
        if n.type in ("inc_statement", "dec_statement"):
            targets = n.named_children[:1]
        elif n.type == "assignment_statement":
            targets = gotree.expression_list_items(n.child_by_field_name("left"))
        else:
            continue
        for t in targets:
            cur, steps = t, 0
            while cur.type in ("selector_expression", "index_expression", "parenthesized_expression", "unary_expression",
                               "type_assertion_expression"):
                nxt = cur.child_by_field_name("operand") if cur.type != "parenthesized_expression" else \
                    (cur.named_children[0] if cur.named_children else None)
                if nxt is None:
                    break
                cur, steps = nxt, steps + 1
            if steps and cur.type == "identifier" and gotree.text(cur, body) == var:
                return True
    return False


class _Shadowing:
    """Which functions declare a local of a given name (parameters, results, receivers, :=,
    var, const, range variables): the map's name used there may not be the map."""

    def __init__(self, gf):
        self.gf = gf
        self.cache: dict[tuple[int, int], set[str]] = {}

    def shadows(self, node: Node, name: str) -> bool:
        for anc in gotree.ancestors(node):
            if anc.type in gotree.FUNCTION_TYPES and name in self._locals(anc):
                return True
        return False

    def _locals(self, fn: Node) -> set[str]:
        key = (fn.start_byte, fn.end_byte)
        found = self.cache.get(key)
        if found is not None:
            return found
        body = self.gf.body
        names: set[str] = set()
        for n in gotree.walk(fn, into_functions=False):
            if n.type in ("parameter_declaration", "variadic_parameter_declaration", "var_spec", "const_spec"):
                names.update(gotree.text(c, body) for c in n.children_by_field_name("name"))
            elif n.type in ("short_var_declaration", "range_clause", "type_switch_statement"):
                left = n.child_by_field_name("left") if n.type != "type_switch_statement" else n.child_by_field_name("alias")
                if left is not None and (n.type != "range_clause" or any(c.type == ":=" for c in n.children)):
                    names.update(gotree.text(c, body) for c in gotree.expression_list_items(left) if c.type == "identifier")
            elif n.type == "labeled_statement":
                continue
        self.cache[key] = names
        return names


class _Startup:
    """Which code of the package runs only while the program starts, decided per function name
    on demand: `init`; `main` of a main package outside its loops (where servers loop);
    functions named Register*
    (registration is done at start-up by convention); unexported functions called only from
    start-up code (not from a func literal, a `go` statement or a loop other than `range`); and
    func literals run once (`once.Do(f)` on a package-level sync.Once, `sync.OnceFunc` and
    friends assigned to a package-level variable, `flag.Func` callbacks)."""

    def __init__(self, view, package_vars: frozenset[str]):
        self.view = view
        self.known: dict[str, bool] = {"init": True}
        if view.name == "main":
            self.known["main"] = True
        onces = set()
        for data in view.sources.values():
            onces.update(m.group(1).decode() for m in _ONCE_VAR.finditer(data))
        self.onces = frozenset(onces) & package_vars

    def __call__(self, name: str) -> bool:
        if name in self.known:
            return self.known[name]
        if _REGISTER.match(name):
            self.known[name] = True
            return True
        if name[0].isupper() and self.view.name != "main":
            self.known[name] = False
            return False
        self.known[name] = False  # while deciding: a recursive call is not start-up
        uses = self._uses(name)
        self.known[name] = bool(uses) and all(self._startup_use(u) for u in uses)
        return self.known[name]

    def _uses(self, name: str) -> list[Node]:
        word = name.encode()
        out = []
        for path in self.view.paths:
            if path.endswith("_test.go") or word not in self.view.sources[path]:
                continue
            gf = self.view.parsed(path)
            out.extend(n for n in gotree.named_identifiers(gf.root, frozenset([name]))
                       if n.parent is None or n.parent.type != "function_declaration")
        return out

    def _startup_use(self, ident: Node) -> bool:
        parent = ident.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == ident:
            if parent.parent is not None and parent.parent.type == "go_statement":
                return False
            return self.runs_at_startup(ident)
        if parent is not None and parent.type == "argument_list" and self._runs_once(parent.parent):
            return True  # once.Do(f)
        return False

    def runs_at_startup(self, node: Node) -> bool:
        """node runs only while the program starts."""
        in_loop = False
        for anc in gotree.ancestors(node):
            if anc.type == "for_statement" and not any(c.type == "range_clause" for c in anc.named_children):
                in_loop = True
            elif anc.type in ("go_statement", "method_declaration"):
                return False
            elif anc.type == "func_literal":
                args = anc.parent
                return args is not None and args.type == "argument_list" and self._runs_once(args.parent)
            elif anc.type == "function_declaration":
                nm = anc.child_by_field_name("name")
                name = nm.text.decode() if nm is not None else ""
                return (not in_loop or name != "main") and self(name)
        return False

    def _runs_once(self, call: Node | None) -> bool:
        """A call that runs its function argument once, or only while flags are parsed."""
        if call is None or call.type != "call_expression":
            return False
        fn, args = gotree.call_parts(call)
        if fn is None or fn.type != "selector_expression":
            return False
        operand = fn.child_by_field_name("operand")
        field = fn.child_by_field_name("field")
        if operand is None or field is None or operand.type != "identifier":
            return False
        recv, method = operand.text.decode(), field.text.decode()
        if method == "Do" and len(args) == 1:
            return recv in self.onces
        if recv == "sync" and method in ("OnceFunc", "OnceValue", "OnceValues"):
            top = call.parent
            while top is not None and top.type in ("expression_list", "var_spec", "var_spec_list"):
                top = top.parent
            return top is not None and top.type == "var_declaration" and \
                top.parent is not None and top.parent.type == "source_file"
        if recv == "flag" and method in ("Func", "BoolFunc"):
            return self.runs_at_startup(call)
        return False


_ONCE_VAR = re.compile(rb"(?m)^(?:var[ \t]+|\t)([A-Za-z_]\w*)[ \t]+sync\.Once\b")
_REGISTER = re.compile(r"^(?:Must)?[Rr]egister")


def _startup(view, package_vars: frozenset[str] = frozenset()) -> _Startup:
    found = view.memo.get("bound-map:startup")
    if found is None:
        found = view.memo["bound-map:startup"] = _Startup(view, package_vars or _package_vars(view))
    return found


class _Dataflow:
    """Within one function: which variables a value is computed from."""

    def __init__(self, func: Node, body: bytes, package_vars: frozenset[str], map_name: str):
        self.func, self.body, self.package_vars, self.map_name = func, body, package_vars, map_name
        self.key = ""
        self.params: set[str] = set()
        self.defs: dict[str, list[Node]] = {}  # local variable -> the expressions assigned to it
        nodes = list(gotree.walk(func, into_functions=False))
        for n in nodes:  # the locals: declared by :=, var, range ... :=
            t = n.type
            if t in ("parameter_declaration", "variadic_parameter_declaration"):
                self.params.update(gotree.text(c, body) for c in n.children_by_field_name("name"))
            elif t == "var_spec":
                for nm in n.children_by_field_name("name"):
                    self.defs.setdefault(gotree.text(nm, body), [])
            elif t == "short_var_declaration" or (t == "range_clause" and any(c.type == ":=" for c in n.children)):
                for target in gotree.expression_list_items(n.child_by_field_name("left")):
                    if target.type == "identifier":
                        self.defs.setdefault(gotree.text(target, body), [])
        for n in nodes:  # what is assigned to them
            t = n.type
            if t in ("short_var_declaration", "assignment_statement", "range_clause"):
                left = gotree.expression_list_items(n.child_by_field_name("left"))
                right = gotree.expression_list_items(n.child_by_field_name("right"))
                for i, target in enumerate(left):
                    name = gotree.text(target, body)
                    if target.type == "identifier" and name in self.defs:
                        src = right[i] if len(right) == len(left) else (right[0] if right else None)
                        self.defs[name].extend([src] if src is not None else [])
            elif t == "var_spec":
                values = gotree.expression_list_items(n.child_by_field_name("value"))
                for i, nm in enumerate(n.children_by_field_name("name")):
                    self.defs[gotree.text(nm, body)].extend(values[i:i + 1])

    def foreign(self, value: Node, key: Node) -> str | None:
        """The first variable the value depends on that is neither the key, nor what the key
        was built from (a composite literal or a conversion), nor computed from those; None
        when there is none."""
        self.key = gotree.text(key, self.body)
        sources = self._key_sources(key)
        seen: set[str] = set()
        todo = self._names(value)
        while todo:
            name = todo.pop()
            if name in seen or name in sources:
                continue
            seen.add(name)
            if name in self.defs:
                for expr in self.defs[name]:
                    todo.extend(self._names(expr))
            elif name in self.params or name in self.package_vars:
                return name
        return None

    def _key_sources(self, key: Node) -> set[str]:
        out: set[str] = set()
        todo = self._names(key)
        while todo:
            name = todo.pop()
            if name in out:
                continue
            out.add(name)
            defs = self.defs.get(name, [])
            if len(defs) == 1 and defs[0].type == "composite_literal":
                todo.extend(self._names(defs[0]))
        return out

    def _names(self, node: Node) -> list[str]:
        """Variables an expression reads (identifiers; not field or package names). The map's
        own entry for the key (`v, ok := m[key]`) counts as the key."""
        out = []
        stack = [node]
        while stack:
            n = stack.pop()
            if n.type == "index_expression" and self._own_entry(n):
                continue
            if n.type == "call_expression" and self._own_load(n):
                continue
            if n.type == "identifier":
                out.append(gotree.text(n, self.body))
            stack.extend(n.children)
        return out

    def _own_load(self, call: Node) -> bool:
        """`m.Load(key)` / `m.LoadOrStore(key, ...)` of a sync.Map: its entry for the key."""
        fn, args = gotree.call_parts(call)
        return fn is not None and gotree.text(fn, self.body) in (f"{self.map_name}.Load", f"{self.map_name}.LoadOrStore") \
            and bool(args) and gotree.text(args[0], self.body) == self.key

    def _own_entry(self, ix: Node) -> bool:
        op, index = ix.child_by_field_name("operand"), ix.child_by_field_name("index")
        return op is not None and index is not None and gotree.text(op, self.body) == self.map_name and \
            gotree.text(index, self.body) == self.key


def _name_of(func: Node, body: bytes) -> str:
    name = func.child_by_field_name("name") if func.type != "func_literal" else None
    return gotree.text(name, body) if name is not None else "a function literal"


_VAR_LINE = re.compile(rb"(?m)^var[ \t]+([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)")
_VAR_BLOCK = re.compile(rb"(?ms)^var[ \t]*\((.*?)^\)")
_BLOCK_LINE = re.compile(rb"(?m)^\t([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)")


def _package_vars(view) -> frozenset[str]:
    """The package-level variable names of the package (read from gofmt-shaped source)."""
    out: set[str] = set()
    for path in view.paths:
        data = view.sources[path]
        if b"var" not in data:
            continue
        for m in _VAR_LINE.finditer(data):
            out.update(x.strip().decode() for x in m.group(1).split(b","))
        for block in _VAR_BLOCK.finditer(data):
            for m in _BLOCK_LINE.finditer(block.group(1)):
                out.update(x.strip().decode() for x in m.group(1).split(b","))
    return frozenset(out)


@dataclass
class _Where:
    """The file being classified: its path, whether it is a test, the start-up functions, the
    package-level variables."""

    path: str
    startup: _Startup
    package_vars: frozenset[str] = frozenset()
    stateful: frozenset[str] = frozenset()  # struct types holding a lock, channel, atomic or context

    @property
    def is_test(self) -> bool:
        return self.path.endswith("_test.go")

    def at_startup(self, node: Node) -> bool:
        return self.startup.runs_at_startup(node)


def _writes(gf, name: str, startup: _Startup) -> list[tuple[Node, str]]:
    """The statements `name[k] = v` outside start-up code that can add a key (the sites the
    package analysis counted), and their key."""
    out = []
    shadowing = _Shadowing(gf)
    where = _Where(os.path.abspath(gf.path), startup)
    if where.is_test:
        return []
    for node in gotree.named_identifiers(gf.root, frozenset([name])):
        ix = node.parent
        if ix is None or ix.type != "index_expression" or ix.child_by_field_name("operand") != node:
            continue
        stmt = _assignment_of(ix)
        if stmt is None or where.at_startup(node) or gotree.enclosing_function(node) is None or \
                shadowing.shadows(node, name):
            continue
        key_node = ix.child_by_field_name("index")
        if _adds_keys(stmt, name, key_node, gf.body):
            out.append((stmt, gotree.text(key_node, gf.body)))
    return out


def _find_spec(gf, name: str) -> Node | None:
    for decl in gf.root.named_children:
        if decl.type == "var_declaration":
            for spec in _var_specs(decl):
                if any(gotree.text(n, gf.body) == name for n in spec.children_by_field_name("name")):
                    return spec
    return None


def _top_level_decl(spec: Node) -> Node:
    cur = spec
    while cur.parent is not None and cur.parent.type != "source_file":
        cur = cur.parent
    return cur


def _with_doc_comment(gf, decl: Node) -> int:
    """Where to insert before decl: above the comment lines directly on top of it."""
    start = decl.start_byte
    prev = decl.prev_sibling
    while prev is not None and prev.type == "comment" and gf.body.count(b"\n", prev.end_byte, start) <= 1:
        start = prev.start_byte
        prev = prev.prev_sibling
    return gf.line_start(start)


def _has_const(gf, name: str) -> bool:
    return re.search(rb"(?m)^const\s+" + re.escape(name.encode()) + rb"\b", gf.body) is not None


def _const_name(view, m: _Map) -> tuple[str, bool]:
    """The bound constant's name: `<map>MaxEntries`, reused when already declared right above
    the map (an earlier, partial run), else made unique in the package."""
    base = m.name[0].lower() + m.name[1:] + "MaxEntries"
    decl_gf = view.parsed(m.path)
    spec = _find_spec(decl_gf, m.name)
    if spec is not None:
        prev = _top_level_decl(spec).prev_named_sibling
        while prev is not None and prev.type == "comment":
            prev = prev.prev_named_sibling
        if prev is not None and prev.type == "const_declaration" and \
                re.match(rb"const\s+" + re.escape(base.encode()) + rb"\b", decl_gf.body[prev.start_byte:prev.end_byte]):
            return base, True
    taken: set[str] = set()
    for data in view.sources.values():
        taken.update(x.decode() for x in re.findall(rb"\b" + re.escape(base.encode()) + rb"\d*\b", data))
    return gotree.fresh_name(base, taken), False


def _fresh_package_name(view, base: str) -> str:
    taken: set[str] = set()
    for data in view.sources.values():
        taken.update(x.decode() for x in re.findall(rb"\b" + re.escape(base.encode()) + rb"\d*\b", data))
    return gotree.fresh_name(base, taken)


def _func_label(view, path: str, func: tuple[int, int]) -> str:
    gf = view.parsed(path)
    node = gf.root.descendant_for_byte_range(func[0], func[0] + 4)
    while node is not None and node.type not in gotree.FUNCTION_TYPES:
        node = node.parent
    if node is not None and node.type != "func_literal":
        name = node.child_by_field_name("name")
        if name is not None:
            return gotree.text(name, gf.body)
    return f"a function literal in {os.path.basename(path)}"
