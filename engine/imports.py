"""Go imports: which local name refers to which import path, and edits that add an import.

Added imports go where gofmt and goimports put them: into the parenthesised import block, into
the standard-library group for standard packages (sorted by path), into the last third-party
group otherwise (or a new group after the standard one), never twice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import tree_sitter

from . import gotree
from .model import Edit, Import

_VERSION_SUFFIX = re.compile(r"^v[0-9]+$")
_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n")


@lru_cache(maxsize=1024)
def default_name(path: str) -> str:
    """The package name an import path is usually known by (last element, minus versions)."""
    parts = path.split("/")
    last = parts[-1]
    if _VERSION_SUFFIX.match(last) and len(parts) > 1:
        last = parts[-2]
    if last.startswith("go-"):
        last = last[3:]
    # like goimports: the name is the leading run of identifier characters (yaml.v3 -> yaml)
    m = re.match(r"[A-Za-z0-9_]*", last)
    return m.group(0) if m and m.group(0) else last


def is_std(path: str) -> bool:
    return "." not in path.split("/")[0]


@dataclass
class ImportSpec:
    path: str
    name: str  # local name: alias, default name, "_" or "."
    node: tree_sitter.Node


class Imports:
    """The import table of one file."""

    def __init__(self, root: tree_sitter.Node, body: bytes):
        self.root = root
        self.body = body
        self.specs: list[ImportSpec] = []
        self.decls: list[tree_sitter.Node] = []
        # found from their `import` keywords: cheaper than listing the children of a large file
        for child in gotree.token_parents(root, body, b"import", ("import_declaration",)):
            self.decls.append(child)
            for spec in _specs(child):
                path_node = spec.child_by_field_name("path")
                if path_node is None:
                    continue
                path = body[path_node.start_byte + 1:path_node.end_byte - 1].decode("utf-8", "replace")
                name_node = spec.child_by_field_name("name")
                name = body[name_node.start_byte:name_node.end_byte].decode() if name_node else default_name(path)
                self.specs.append(ImportSpec(path, name, spec))

    def path_of(self, name: str) -> str | None:
        """Import path that the package identifier `name` refers to, if any."""
        for s in self.specs:
            if s.name == name:
                return s.path
        return None

    def name_of(self, path: str) -> str | None:
        for s in self.specs:
            if s.path == path and s.name not in ("_", "."):
                return s.name
        return None

    def add(self, imp: Import) -> list[Edit] | str:
        """Edits adding imp, [] when already there, or a reason string when it cannot be added."""
        want = imp.name or default_name(imp.path)
        have = self.name_of(imp.path)
        if have is not None:
            return [] if have == want else f"{imp.path} is imported as {have}, the fix needs {want}"
        if self.path_of(want) is not None:
            return f"the name {want} already refers to {self.path_of(want)}"
        if want in self.top_level_names():
            return f"the name {want} is declared in this file"
        line = (f"{imp.name} " if imp.name and imp.name != default_name(imp.path) else "") + f'"{imp.path}"'
        groups = self._groups()
        if groups is None:
            return self._add_without_block(line)
        return self._add_to_block(groups, imp.path, line)

    def top_level_names(self) -> set[str]:
        """Names the file declares at package level (an import of the same name would clash)."""
        out: set[str] = set()
        for decl in self.root.children:
            if decl.type == "function_declaration":
                name = decl.child_by_field_name("name")
                if name is not None:
                    out.add(self.body[name.start_byte:name.end_byte].decode("utf-8", "replace"))
                continue
            if decl.type not in ("var_declaration", "const_declaration", "type_declaration"):
                continue
            stack = list(decl.named_children)
            while stack:
                spec = stack.pop()
                if spec.type in ("var_spec_list", "const_spec_list", "type_spec_list"):
                    stack.extend(spec.named_children)
                for name in spec.children_by_field_name("name"):
                    out.add(self.body[name.start_byte:name.end_byte].decode("utf-8", "replace"))
        return out

    # -- helpers -------------------------------------------------------------------------
    def _groups(self) -> list[list[ImportSpec]] | None:
        """The blank-line separated groups of the first parenthesised import block."""
        block = next((d for d in self.decls if any(c.type == "import_spec_list" for c in d.children)), None)
        if block is None:
            return None
        specs = [s for s in self.specs if s.node.parent is not None and s.node.parent.parent == block]
        groups: list[list[ImportSpec]] = []
        prev_end: int | None = None
        for s in specs:
            between = self.body[prev_end:s.node.start_byte] if prev_end is not None else b""
            if groups and not _BLANK_LINE.search(between):
                groups[-1].append(s)
            else:
                groups.append([s])
            prev_end = s.node.end_byte
        self._block = block
        return groups

    def _add_to_block(self, groups: list[list[ImportSpec]], path: str, line: str) -> list[Edit]:
        block = self._block
        if not groups:
            spec_list = next(c for c in block.children if c.type == "import_spec_list")
            open_paren = spec_list.children[0]
            close_paren = spec_list.children[-1]
            between = self.body[open_paren.end_byte:close_paren.start_byte]
            tail = "" if b"\n" in between else "\n"  # `import ()` on one line
            return [Edit(open_paren.end_byte, open_paren.end_byte, f"\n\t{line}{tail}".encode())]
        std = is_std(path)
        same = [g for g in groups if all(is_std(s.path) == std for s in g)]
        if same:
            group = same[0] if std else same[-1]
            for s in group:
                if s.path > path:
                    start = _line_start(self.body, _with_leading_comments(self.body, s.node))
                    return [Edit(start, start, f"\t{line}\n".encode())]
            last = group[-1].node
            end = _line_end(self.body, last.end_byte)
            return [Edit(end, end, f"\n\t{line}".encode())]
        # no group of this kind yet: standard packages first, others last
        if std:
            first = groups[0][0].node
            start = _line_start(self.body, _with_leading_comments(self.body, first))
            return [Edit(start, start, f"\t{line}\n\n".encode())]
        last = groups[-1][-1].node
        end = _line_end(self.body, last.end_byte)
        return [Edit(end, end, f"\n\n\t{line}".encode())]

    def _add_without_block(self, line: str) -> list[Edit]:
        if self.decls:
            # single-line imports: add one more declaration after the last one
            last = self.decls[-1]
            end = _line_end(self.body, last.end_byte)
            return [Edit(end, end, f"\nimport {line}".encode())]
        pkg = next((c for c in self.root.children if c.type == "package_clause"), None)
        if pkg is None:
            return []
        end = _line_end(self.body, pkg.end_byte)
        return [Edit(end, end, f"\n\nimport {line}".encode())]


def _specs(decl: tree_sitter.Node):
    for c in decl.children:
        if c.type == "import_spec":
            yield c
        elif c.type == "import_spec_list":
            yield from (s for s in c.children if s.type == "import_spec")


def _line_start(body: bytes, off: int) -> int:
    return body.rfind(b"\n", 0, off) + 1


def _line_end(body: bytes, off: int) -> int:
    i = body.find(b"\n", off)
    if i == -1:
        return len(body)
    return i - 1 if i > 0 and body[i - 1:i] == b"\r" else i


def _with_leading_comments(body: bytes, node: tree_sitter.Node) -> int:
    """Start of node, moved up over comment lines directly above it."""
    prev = node.prev_sibling
    start = node.start_byte
    while prev is not None and prev.type == "comment" and prev.end_point[0] == _row(body, start) - 1:
        start = prev.start_byte
        prev = prev.prev_sibling
    return start


def _row(body: bytes, off: int) -> int:
    return body.count(b"\n", 0, off)
