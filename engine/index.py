"""Go declarations of a module and its dependencies, read without the go tool or a type checker.

For the packages a file can call into (its own package, the module's other packages,
dependencies in `vendor/` or the module cache, the standard library in GOROOT), the index knows
each function's and method's result types, each named type's method set (declared, promoted
through embedded fields, an interface's own and embedded methods), struct field types, and the
result types of package-level variables of function type. Declarations are read from
gofmt-shaped source with a small scanner (top-level `func`, `type` and `var` at the start of a
line), far cheaper than parsing: a package is read the first time it is asked for, once per
process (`forget()` at the start of a run). What the index cannot tell, it answers with None.

Types are `TypeRef`s: the import path of the declaring package and the name (`os.File`,
`example.com/m/db.DB`), a pointer flag, and for a func-typed value the results of the function.
The index knows nothing about leaks: which methods release what is the codemods' business.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import gomod

MAX_DEPTH = 6  # embedding chains followed for method sets and fields


@dataclass(frozen=True)
class TypeRef:
    """A named type `path.name` (path "" for a predeclared type such as error), or a function
    type with its results, or something the index does not model (name "")."""

    path: str
    name: str
    pointer: bool = False
    results: tuple["TypeRef", ...] | None = None  # for a func type: what calling it returns

    @property
    def key(self) -> str:
        return f"{self.path}.{self.name}" if self.path else self.name

    def __str__(self) -> str:
        return ("*" if self.pointer else "") + (f"{self.path.rsplit('/', 1)[-1]}.{self.name}" if self.path else self.name)


UNKNOWN = TypeRef("", "")
ERROR = TypeRef("", "error")


@dataclass
class TypeDecl:
    kind: str  # "struct", "interface", "other" (a defined type over another), "alias"
    file: int  # index into PackageDecls.imports (the declaring file's imports)
    fields: dict[str, str] = field(default_factory=dict)  # struct field name -> type text
    embedded: list[str] = field(default_factory=list)  # embedded type texts
    methods: dict[str, str] = field(default_factory=dict)  # interface method -> results text
    underlying: str = ""  # for "other" and "alias"
    params: dict[str, list[str]] = field(default_factory=dict)  # interface method -> parameter names


@dataclass
class PackageDecls:
    """What one package declares (of interest to result typing)."""

    path: str  # import path
    directory: str
    imports: list[dict[str, str]] = field(default_factory=list)  # per file: name -> import path
    funcs: dict[str, tuple[str, int]] = field(default_factory=dict)  # name -> (results text, file)
    methods: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # (type, name) -> ...
    types: dict[str, TypeDecl] = field(default_factory=dict)
    vars: dict[str, tuple[str, int]] = field(default_factory=dict)  # func-typed var -> (type text, file)
    bodies: dict[str, str] = field(default_factory=dict)  # "Name" or "Type.Name" -> body text
    params: dict[str, list[str]] = field(default_factory=dict)  # "Name" or "Type.Name" -> parameter names


# -- scanning declarations ------------------------------------------------------------------

_PACKAGE = re.compile(rb"(?m)^(?:\xef\xbb\xbf)?package[ \t]+(\w+)")
_IMPORT_ONE = re.compile(rb'(?m)^import[ \t]+(?:([\w.]+)[ \t]+)?"([^"]+)"')
_IMPORT_BLOCK = re.compile(rb"(?ms)^import[ \t]*\((.*?)^\)")
_IMPORT_LINE = re.compile(rb'^[ \t]*(?:([\w.]+)[ \t]+)?"([^"]+)"', re.M)
# these run on the decoded text (offsets in characters, used on the same text)
_FUNC = re.compile(r"(?m)^func[ \t]+")
_TYPE_ONE = re.compile(r"(?m)^type[ \t]+(\w+)(\[[^\]\n]*\])?[ \t]+(=[ \t]*)?")
_TYPE_BLOCK = re.compile(r"(?m)^type[ \t]*\(\r?\n")
_VAR_LINE = re.compile(r"(?m)^var[ \t]+(\w+)[ \t]+(func\(.*)$")
_VAR_BLOCK = re.compile(r"(?ms)^var[ \t]*\((.*?)^\)")
_VAR_IN_BLOCK = re.compile(r"(?m)^\t(\w+)[ \t]+(func\(.*)$")
_IDENT = re.compile(r"[A-Za-z_]\w*")


def _balanced(text: str, i: int) -> int:
    """Index just past the bracket group that starts at text[i] ('(' or '[' or '{')."""
    depth = 0
    pairs = {"(": ")", "[": "]", "{": "}"}
    closers = set(pairs.values())
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in pairs:
            depth += 1
        elif ch in closers:
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch == '"' or ch == "`":
            end = text.find(ch, i + 1)
            if end == -1:
                return n
            i = end
        i += 1
    return n


def _signature_results(text: str, i: int) -> tuple[str, int] | None:
    """From text[i] == '(' (the parameters): (results text, index after them)."""
    j = _balanced(text, i)
    k = j
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and text[k] == "(":
        end = _balanced(text, k)
        return text[k + 1:end - 1], end
    stop = k
    depth = 0
    while stop < len(text):
        ch = text[stop]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth == 0:
                break
            depth -= 1
        elif ch == "{" and depth == 0:
            if text[k:stop].rstrip().endswith(("struct", "interface")):
                stop = _balanced(text, stop)
                continue
            break
        elif ch in "\n;," and depth == 0:
            break
        stop += 1
    return text[k:stop].strip(), stop


def split_list(text: str) -> list[str]:
    """Top-level comma-separated items of a parameter or result list."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    last = text[start:].strip()
    if last:
        out.append(last)
    return [x for x in (" ".join(s.split()) for s in out) if x]


def param_names(params: str) -> list[str]:
    """The names of a parameter list, one per parameter (`_` for an unnamed one): `t *testing.T,
    a, b int` -> [t, a, b]."""
    items = split_list(params)
    named = any(" " in it and _IDENT.fullmatch(it.split(" ", 1)[0]) for it in items)
    if not named:
        return ["_"] * len(items)
    return [it.split(" ", 1)[0] if _IDENT.fullmatch(it.split(" ", 1)[0]) else "_" for it in items]


def result_types(results: str) -> list[str]:
    """The type texts of a result list, names dropped: `f *os.File, err error` -> two types;
    `a, b int` -> two ints."""
    items = split_list(results)
    named = any(" " in it and _IDENT.fullmatch(it.split(" ", 1)[0]) and not it.startswith(("func", "chan", "map["))
                for it in items)
    if not named:
        return items
    out: list[str] = []
    pending = 0
    for it in items:
        if " " in it:
            _, typ = it.split(" ", 1)
            out.extend([typ] * (pending + 1))
            pending = 0
        else:
            pending += 1  # a name whose type comes with a later item
    return out


def _scan(data: bytes, decls: PackageDecls, file_no: int) -> None:
    text = data.decode("utf-8", "replace")
    for m in _FUNC.finditer(text):
        i = m.end()
        recv_type = None
        if i < len(text) and text[i] == "(":
            j = _balanced(text, i)
            recv = text[i + 1:j - 1].split()
            if not recv:
                continue
            recv_type = recv[-1].lstrip("*").split("[", 1)[0]
            i = j
            while i < len(text) and text[i] in " \t":
                i += 1
        nm = _IDENT.match(text, i)
        if nm is None:
            continue
        i = nm.end()
        if i < len(text) and text[i] == "[":
            i = _balanced(text, i)
        if i >= len(text) or text[i] != "(":
            continue
        res = _signature_results(text, i)
        if res is None:
            continue
        key = nm.group() if recv_type is None else f"{recv_type}.{nm.group()}"
        if key not in decls.params:
            decls.params[key] = param_names(text[i + 1:_balanced(text, i) - 1])
        if recv_type is None:
            decls.funcs.setdefault(nm.group(), (res[0], file_no))
        else:
            decls.methods.setdefault((recv_type, nm.group()), (res[0], file_no))
        brace = res[1]
        while brace < len(text) and text[brace] in " \t":
            brace += 1
        if brace < len(text) and text[brace] == "{" and key not in decls.bodies:
            decls.bodies[key] = text[brace:_balanced(text, brace)]
    for m in _TYPE_ONE.finditer(text):
        _type_decl(text, m.group(1), m.end(), bool(m.group(3)), decls, file_no)
    for m in _TYPE_BLOCK.finditer(text):
        end = text.find("\n)", m.end())
        block_end = end if end != -1 else len(text)
        i = m.end()
        while i < block_end:
            line_end = text.find("\n", i)
            line_end = block_end if line_end == -1 else line_end
            sm = re.match(r"\t(\w+)(\[[^\]\n]*\])?[ \t]+(=[ \t]*)?", text[i:line_end])
            if sm:
                nxt = _type_decl(text, sm.group(1), i + sm.end(), bool(sm.group(3)), decls, file_no)
                i = max(nxt, line_end + 1)
            else:
                i = line_end + 1
    for m in _VAR_LINE.finditer(text):
        decls.vars.setdefault(m.group(1), (m.group(2).strip(), file_no))
    for m in _VAR_BLOCK.finditer(text):
        for vm in _VAR_IN_BLOCK.finditer(m.group(1)):
            decls.vars.setdefault(vm.group(1), (vm.group(2).strip(), file_no))


def _type_decl(text: str, name: str, i: int, alias: bool, decls: PackageDecls, file_no: int) -> int:
    """Record `type name ...` whose type text starts at i; the index after it."""
    if text.startswith("struct", i) or text.startswith("interface", i):
        kind = "struct" if text.startswith("struct", i) else "interface"
        brace = text.find("{", i)
        if brace == -1:
            return i
        end = _balanced(text, brace)
        td = TypeDecl(kind, file_no)
        _members(text[brace + 1:end - 1], td)
        decls.types.setdefault(name, td)
        return end
    line_end = text.find("\n", i)
    line_end = len(text) if line_end == -1 else line_end
    under = text[i:line_end].split("//", 1)[0].strip()
    decls.types.setdefault(name, TypeDecl("alias" if alias else "other", file_no, underlying=under))
    return line_end


def _opened(line: str) -> int:
    """Brackets a line opens minus those it closes (braces and parentheses)."""
    return line.count("{") + line.count("(") - line.count("}") - line.count(")")


def _members(body: str, td: TypeDecl) -> None:
    """Fields and embedded types of a struct, methods and embedded interfaces of an interface."""
    depth = 0
    for raw in body.split("\n"):
        line = raw.split("//", 1)[0].strip()
        if not line:
            continue
        if depth > 0:  # inside a nested struct, interface or a parameter list split over lines
            depth += _opened(line)
            continue
        opened = _opened(line)
        if opened > 0:
            depth = opened
        line = re.sub(r"\s+`[^`]*`$", "", line)
        if td.kind == "interface":
            mm = re.match(r"(\w+)\((.*)$", line)
            if mm:
                sig = line[len(mm.group(1)):]
                res = _signature_results(sig, 0)
                td.methods[mm.group(1)] = res[0] if res else ""
                close = _balanced(sig, 0)
                if 0 < close <= len(sig) and sig[close - 1] == ")":
                    td.params[mm.group(1)] = param_names(sig[1:close - 1])
            elif re.fullmatch(r"[\w.]+(\[.*\])?", line):
                td.embedded.append(line.split("[", 1)[0])
            continue
        parts = line.split(None, 1)
        if len(parts) == 1 or parts[1].startswith("`"):
            td.embedded.append(parts[0].lstrip("*").split("[", 1)[0])
            continue
        names_text, typ = parts
        if "," in names_text or re.fullmatch(r"\w+", names_text):
            # `a, b Type` arrives as names_text "a," and typ "b Type"
            full = line
            idx = full.rfind(",")
            if idx != -1:
                head, tail = full[:idx], full[idx + 1:].strip().split(None, 1)
                if not tail:  # a list that goes on on the next line: no field name here
                    continue
                names = [n.strip() for n in head.split(",")] + [tail[0]]
                typ = tail[1] if len(tail) > 1 else ""
            else:
                names = [names_text]
            for n in names:
                if _IDENT.fullmatch(n):
                    td.fields[n] = typ.strip()


def _imports(data: bytes) -> dict[str, str]:
    """Import name -> path for one file (the last path element stands for an unnamed import;
    `-` and `v2`-style suffixes are handled)."""
    out: dict[str, str] = {}

    def add(name: bytes | None, path: bytes) -> None:
        p = path.decode("utf-8", "replace")
        if name is not None:
            n = name.decode("utf-8", "replace")
            if n in ("_", "."):
                return
        else:
            n = default_import_name(p)
        out[n] = p

    for m in _IMPORT_ONE.finditer(data):
        add(m.group(1), m.group(2))
    for m in _IMPORT_BLOCK.finditer(data):
        for lm in _IMPORT_LINE.finditer(m.group(1)):
            add(lm.group(1), lm.group(2))
    return out


def default_import_name(path: str) -> str:
    """The name a package is usually imported as: its last element without a `go-`
    prefix, `.go` suffix or a major-version element (`gopkg.in/yaml.v3` -> yaml)."""
    parts = path.split("/")
    last = parts[-1]
    if re.fullmatch(r"v\d+", last) and len(parts) > 1:
        last = parts[-2]
    last = re.sub(r"\.v\d+$", "", last)
    last = re.sub(r"^go-", "", last)
    last = re.sub(r"[.-]go$", "", last)
    return re.sub(r"\W", "_", last)


# -- finding packages ----------------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    root: str
    path: str
    requires: dict[str, str]  # module path -> version
    replaces: dict[str, str]  # module path -> local directory (absolute)
    vendor: bool


@lru_cache(maxsize=256)
def _module(root: str) -> Module | None:
    try:
        with open(os.path.join(root, "go.mod"), "rb") as fh:
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return None
    path, requires, replaces = "", {}, {}
    block = None
    for raw in text.splitlines():
        line = raw.split("//", 1)[0].strip()
        if not line:
            continue
        if block is not None:
            if line == ")":
                block = None
                continue
            words = [block] + line.split()
        else:
            words = line.split()
            if len(words) >= 2 and words[1] == "(":
                block = words[0]
                continue
        if words[0] == "module" and len(words) >= 2:
            path = words[1].strip('"')
        elif words[0] == "require" and len(words) >= 3:
            requires[words[1]] = words[2]
        elif words[0] == "replace" and "=>" in words:
            k = words.index("=>")
            target = words[k + 1] if len(words) > k + 1 else ""
            if target.startswith((".", "/")):
                replaces[words[1]] = os.path.normpath(os.path.join(root, target))
            elif len(words) > k + 2:
                requires[words[1]] = words[k + 2]
                if target != words[1]:
                    replaces[words[1]] = "module:" + target + "@" + words[k + 2]
    vendor = os.path.isfile(os.path.join(root, "vendor", "modules.txt"))
    return Module(root, path, requires, replaces, vendor)


@lru_cache(maxsize=1)
def _goroot_src() -> str | None:
    root = os.environ.get("GOROOT")
    if not root:
        import shutil
        import subprocess

        go = shutil.which("go")
        if go is None:
            return None
        try:
            root = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, timeout=20).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
    src = os.path.join(root, "src")
    return src if os.path.isdir(src) else None


@lru_cache(maxsize=1)
def _modcache() -> str | None:
    if os.environ.get("GOMODCACHE"):
        return os.environ["GOMODCACHE"]
    gopath = os.environ.get("GOPATH", "").split(os.pathsep)[0] or os.path.join(os.path.expanduser("~"), "go")
    cand = os.path.join(gopath, "pkg", "mod")
    return cand if os.path.isdir(cand) else None


def _escape(module_path: str) -> str:
    """The module cache's case encoding: upper-case letters become `!` + lower case."""
    return re.sub(r"[A-Z]", lambda m: "!" + m.group().lower(), module_path)


def is_standard(import_path: str) -> bool:
    first = import_path.split("/", 1)[0]
    return "." not in first


class Index:
    """Declarations read on demand; one per process and run."""

    def __init__(self) -> None:
        self._by_dir: dict[str, PackageDecls | None] = {}
        self._by_path: dict[str, PackageDecls | None] = {}
        self.stats = {"packages": 0, "unresolved": 0}

    # -- packages --------------------------------------------------------------------------
    def package_of_file(self, path: str, data: bytes | None = None) -> PackageDecls | None:
        """The declarations of the package a file belongs to (the files of its directory with its
        package clause). `data`, the file's bytes, stands in for a file that is not on disk."""
        directory = os.path.dirname(os.path.abspath(path))
        on_disk = os.path.isfile(path)
        if data is None:
            try:
                with open(path, "rb") as fh:
                    data = fh.read(4096)
            except OSError:
                return None
        m = _PACKAGE.search(data)
        name = m.group(1).decode("utf-8", "replace") if m else None
        decls = self._load(directory, self._import_path_of_dir(directory), name)
        if on_disk:
            return decls
        merged = PackageDecls(self._import_path_of_dir(directory), directory)
        if decls is not None:
            merged.imports, merged.funcs, merged.methods = list(decls.imports), dict(decls.funcs), dict(decls.methods)
            merged.types, merged.vars, merged.bodies = dict(decls.types), dict(decls.vars), dict(decls.bodies)
            merged.params = dict(decls.params)
        merged.imports.append(_imports(data))
        _scan(data, merged, len(merged.imports) - 1)
        self._by_path[merged.path] = merged
        return merged

    def imports_of_file(self, path: str) -> dict[str, str]:
        try:
            with open(path, "rb") as fh:
                return _imports(fh.read())
        except OSError:
            return {}

    def package(self, import_path: str, from_dir: str) -> PackageDecls | None:
        """The declarations of an imported package, seen from a file in from_dir."""
        if import_path in self._by_path:
            return self._by_path[import_path]
        directory = self.resolve(import_path, from_dir)
        decls = self._load(directory, import_path, None) if directory else None
        if decls is None:
            self.stats["unresolved"] += 1
        self._by_path[import_path] = decls
        return decls

    def resolve(self, import_path: str, from_dir: str) -> str | None:
        """The directory of an import path: the standard library, the module itself, its
        vendor folder, a local replacement, or the module cache; None when absent."""
        if self.is_standard(import_path, from_dir):
            src = _goroot_src()
            cand = os.path.join(src, import_path) if src else None
            if cand and os.path.isdir(cand):
                return cand
            root = gomod.module_root_for(os.path.join(from_dir, "x.go"))
            mod = _module(root) if root else None
            if mod is not None and mod.path == "std":  # a checkout of the standard library itself
                cand = os.path.join(root, import_path)
                return cand if os.path.isdir(cand) else None
            return None
        root = gomod.module_root_for(os.path.join(from_dir, "x.go"))
        mod = _module(root) if root else None
        if mod is None:
            return None
        if import_path == mod.path or import_path.startswith(mod.path + "/"):
            cand = os.path.join(root, import_path[len(mod.path):].lstrip("/"))
            return cand if os.path.isdir(cand) else None
        if mod.vendor:
            cand = os.path.join(root, "vendor", import_path)
            if os.path.isdir(cand):
                return cand
        best = max((m for m in mod.requires if import_path == m or import_path.startswith(m + "/")),
                   key=len, default=None)
        if best is None:
            return None
        rest = import_path[len(best):].lstrip("/")
        repl = mod.replaces.get(best)
        if repl is not None and not repl.startswith("module:"):
            cand = os.path.join(repl, rest)
            return cand if os.path.isdir(cand) else None
        cache = _modcache()
        if cache is None:
            return None
        target = repl[len("module:"):] if repl else f"{best}@{mod.requires[best]}"
        mpath, _, version = target.rpartition("@")
        cand = os.path.join(cache, _escape(mpath) + "@" + version, rest)
        return cand if os.path.isdir(cand) else None

    def is_standard(self, import_path: str, from_dir: str) -> bool:
        """A standard-library path, unless it names the module of from_dir (a module may be
        called `example` or `golden`, without a dot)."""
        if not is_standard(import_path):
            return False
        root = gomod.module_root_for(os.path.join(from_dir, "x.go"))
        mod = _module(root) if root else None
        if mod is not None and mod.path != "std" and (import_path == mod.path or import_path.startswith(mod.path + "/")):
            return False
        return True

    def in_standard_library(self, path: str) -> bool:
        """Whether a file belongs to the Go distribution's own modules (std and cmd, in GOROOT/src
        or a copy of it)."""
        root = gomod.module_root_for(path)
        mod = _module(root) if root else None
        return mod is not None and mod.path in ("std", "cmd")

    def _import_path_of_dir(self, directory: str) -> str:
        root = gomod.module_root_for(os.path.join(directory, "x.go"))
        mod = _module(root) if root else None
        if mod is None:
            return directory
        rel = os.path.relpath(directory, root).replace(os.sep, "/")
        if mod.path == "std":
            return "" if rel == "." else rel
        return mod.path if rel == "." else f"{mod.path}/{rel}"

    def _load(self, directory: str, import_path: str, name: str | None) -> PackageDecls | None:
        key = f"{directory}\0{name or ''}"
        if key in self._by_dir:
            return self._by_dir[key]
        decls = PackageDecls(import_path, directory)
        try:
            entries = sorted(os.listdir(directory))
        except OSError:
            self._by_dir[key] = None
            return None
        found = False
        for entry in entries:
            if not entry.endswith(".go") or entry.startswith((".", "_")):
                continue
            if name is None and entry.endswith("_test.go"):
                continue
            try:
                with open(os.path.join(directory, entry), "rb") as fh:
                    data = fh.read()
            except OSError:
                continue
            m = _PACKAGE.search(data)
            pkg_name = m.group(1).decode("utf-8", "replace") if m else ""
            if name is not None and pkg_name != name:
                continue
            if name is None and pkg_name in ("main", "documentation") and not found:
                pass
            decls.imports.append(_imports(data))
            _scan(data, decls, len(decls.imports) - 1)
            found = True
        result = decls if found else None
        self._by_dir[key] = result
        if result is not None:
            self.stats["packages"] += 1
        return result

    # -- types -----------------------------------------------------------------------------
    def type_ref(self, text: str, pkg: PackageDecls, file_no: int) -> TypeRef:
        """The TypeRef of a type text written in one file of pkg."""
        t = " ".join(text.split())
        pointer = False
        while t.startswith("*"):
            pointer, t = True, t[1:].strip()
        if t.startswith("func(") or t.startswith("func ("):
            i = t.index("(")
            res = _signature_results(t, i)
            results = tuple(self.type_ref(r, pkg, file_no) for r in result_types(res[0])) if res else ()
            return TypeRef("", "func", pointer, results)
        t = t.split("[", 1)[0] if re.match(r"[\w.]+\[", t) else t
        if re.fullmatch(r"\w+", t):
            if t in pkg.types:
                return TypeRef(pkg.path, t, pointer)
            return TypeRef("", t, pointer)
        m = re.fullmatch(r"(\w+)\.(\w+)", t)
        if m:
            imports = pkg.imports[file_no] if file_no < len(pkg.imports) else {}
            path = imports.get(m.group(1))
            if path is not None:
                return TypeRef(path, m.group(2), pointer)
        return UNKNOWN

    def results_of_func(self, pkg: PackageDecls, name: str) -> list[TypeRef] | None:
        f = pkg.funcs.get(name)
        if f is None:
            v = pkg.vars.get(name)
            if v is None:
                return None
            ref = self.type_ref(v[0], pkg, v[1])
            return list(ref.results) if ref.results is not None else None
        return [self.type_ref(t, pkg, f[1]) for t in result_types(f[0])]

    def decl_of(self, ref: TypeRef, from_dir: str) -> tuple[PackageDecls, TypeDecl] | None:
        if not ref.path or not ref.name:
            return None
        pkg = self.package(ref.path, from_dir)
        if pkg is None:
            return None
        td = pkg.types.get(ref.name)
        return (pkg, td) if td is not None else None

    def method_results(self, ref: TypeRef, method: str, from_dir: str, depth: int = 0) -> list[TypeRef] | None:
        """The results of calling `method` on a value of type ref (declared, promoted or an
        interface's), or None when unknown."""
        if depth > MAX_DEPTH:
            return None
        found = self.decl_of(ref, from_dir)
        if found is None:
            return None
        pkg, td = found
        m = pkg.methods.get((ref.name, method))
        if m is not None:
            return [self.type_ref(t, pkg, m[1]) for t in result_types(m[0])]
        if td.kind == "interface" and method in td.methods:
            return [self.type_ref(t, pkg, td.file) for t in result_types(td.methods[method])]
        if td.kind in ("other", "alias") and td.underlying:
            under = self.type_ref(td.underlying, pkg, td.file)
            if td.kind == "alias" or (under.path and self.decl_of(under, pkg.directory) and
                                      self.decl_of(under, pkg.directory)[1].kind == "interface"):
                return self.method_results(under, method, pkg.directory, depth + 1)
            return None
        for emb in td.embedded:
            r = self.method_results(self.type_ref(emb, pkg, td.file), method, pkg.directory, depth + 1)
            if r is not None:
                return r
        return None

    def method_body(self, ref: TypeRef, method: str, from_dir: str) -> tuple[PackageDecls, str] | None:
        """The package and body text of a method declared on ref's type itself (not promoted,
        not an interface's), or None."""
        found = self.decl_of(ref, from_dir)
        if found is None:
            return None
        body = found[0].bodies.get(f"{ref.name}.{method}")
        return (found[0], body) if body is not None else None

    def method_set(self, ref: TypeRef, from_dir: str, depth: int = 0) -> set[str]:
        """Names of the methods a value of type ref has (pointer receivers included)."""
        if depth > MAX_DEPTH:
            return set()
        found = self.decl_of(ref, from_dir)
        if found is None:
            return set()
        pkg, td = found
        names = {n for (t, n) in pkg.methods if t == ref.name}
        names |= set(td.methods)
        if td.kind == "alias" or (td.kind == "other" and td.underlying):
            under = self.type_ref(td.underlying, pkg, td.file)
            sub = self.decl_of(under, pkg.directory)
            if td.kind == "alias" or (sub is not None and sub[1].kind == "interface"):
                names |= self.method_set(under, pkg.directory, depth + 1)
        for emb in td.embedded:
            names |= self.method_set(self.type_ref(emb, pkg, td.file), pkg.directory, depth + 1)
        return names

    def method_params(self, ref: TypeRef, name: str, from_dir: str, depth: int = 0) -> list[str] | None:
        """Parameter names of method `name` of type ref (found as method_set finds it), or None
        when the index cannot tell."""
        if depth > MAX_DEPTH:
            return None
        found = self.decl_of(ref, from_dir)
        if found is None:
            return None
        pkg, td = found
        if (ref.name, name) in pkg.methods:
            return pkg.params.get(f"{ref.name}.{name}")
        if name in td.methods:
            return td.params.get(name)
        nested = []
        if td.kind == "alias" or (td.kind == "other" and td.underlying):
            nested.append(self.type_ref(td.underlying, pkg, td.file))
        nested += [self.type_ref(emb, pkg, td.file) for emb in td.embedded]
        for sub in nested:
            got = self.method_params(sub, name, pkg.directory, depth + 1)
            if got is not None:
                return got
        return None

    def field_type(self, ref: TypeRef, name: str, from_dir: str, depth: int = 0) -> TypeRef | None:
        if depth > MAX_DEPTH:
            return None
        found = self.decl_of(ref, from_dir)
        if found is None:
            return None
        pkg, td = found
        if name in td.fields:
            return self.type_ref(td.fields[name], pkg, td.file)
        for emb in td.embedded:
            r = self.field_type(self.type_ref(emb, pkg, td.file), name, pkg.directory, depth + 1)
            if r is not None:
                return r
        return None


def dependency_report(paths: list[str]) -> list[tuple[str, str]]:
    """(go.mod, one line) for each module of the paths: how many of its required modules the
    index can read (vendor/, a local replacement or the module cache) and which it cannot."""
    index = current()
    out: list[tuple[str, str]] = []
    roots = sorted({r for r in (gomod.module_root_for(p) for p in paths) if r})
    for root in roots:
        mod = _module(root)
        if mod is None or mod.path in ("std", "cmd"):
            continue
        missing = [m for m in sorted(mod.requires) if index.resolve(m, root) is None]
        line = (f"declarations index: {len(mod.requires) - len(missing)} of {len(mod.requires)} required "
                f"module(s) readable (vendor/, replacements, module cache)")
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            line += f"; not found, so their constructors are not learnt: {shown} (`go mod download` fetches them)"
        out.append((os.path.join(root, "go.mod"), line))
    return out


_fingerprints: dict[str, str] = {}


def module_fingerprint(path: str, known: dict[str, os.stat_result]) -> str:
    """What the index can read for a file of this module changes with: the stat of every Go file
    of the module (the run's files are stat'ed already: `known`), its go.mod (which pins the
    dependencies), and the Go release of GOROOT. Computed once per module and run; a file that
    changed in the last 2 s makes the fingerprint unique, so no result of this run is reused."""
    import hashlib
    import struct
    import time

    root = gomod.module_root_for(path) or os.path.dirname(os.path.abspath(path))
    if root in _fingerprints:
        return _fingerprints[root]
    h = hashlib.sha256()
    from .cache import SETTLED_NS  # the result cache's own notion of a settled file

    recent = time.time_ns() - SETTLED_NS
    fresh = False
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "testdata" and not d.startswith((".", "_")))
        for name in sorted(files):
            if not name.endswith(".go") and name not in ("go.mod", "modules.txt"):
                continue
            full = os.path.join(directory, name)
            st = known.get(full)
            if st is None:
                try:
                    st = os.stat(full)
                except OSError:
                    continue
            fresh = fresh or st.st_mtime_ns > recent
            h.update(full.encode() + b"\0" + struct.pack("<qqqQ", st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    src = _goroot_src()
    if src is not None:
        try:
            with open(os.path.join(os.path.dirname(src), "VERSION"), "rb") as fh:
                h.update(fh.readline())
        except OSError:
            pass
    digest = h.hexdigest()[:32] + (f"|{time.time_ns()}" if fresh else "")
    _fingerprints[root] = digest
    return digest


class FileIndex:
    """The index as one file sees it: its path says which module, package and dependencies."""

    def __init__(self, index: Index, path: str):
        self.index = index
        self.path = path

    def in_standard_library(self) -> bool:
        return self.index.in_standard_library(self.path)

    def for_learning(self) -> Index | None:
        """The index, unless the file belongs to the Go distribution itself, whose resources the
        rules' own table declares."""
        return None if self.in_standard_library() else self.index


_current: Index | None = None


def current() -> Index:
    """The process's index (made on first use; `forget()` starts a new one)."""
    global _current
    if _current is None:
        _current = Index()
    return _current


def forget() -> None:
    global _current
    _current = None
    _module.cache_clear()
    _fingerprints.clear()
