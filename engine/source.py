"""A parsed Go file: its bytes, its concrete syntax tree, and byte/line/indent helpers.

Parsing happens once per file here; codemods only read the tree. Offsets are UTF-8 byte offsets
into `body` (the file's bytes without a UTF-8 byte order mark).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import tree_sitter

from . import _go_grammar

BOM = b"\xef\xbb\xbf"


@lru_cache(maxsize=1)
def go_language() -> tree_sitter.Language:
    return tree_sitter.Language(_go_grammar.language())


@lru_cache(maxsize=1)
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(go_language())


def parse(body: bytes) -> tree_sitter.Tree:
    return _parser().parse(body)


_WORD = re.compile(rb"\w")


# `.Name(`: how a package function or a method is called. Anchored on the dot, this scans a
# file several times faster than an alternation of names would.
SELECTOR_CALL = re.compile(rb"\.([A-Za-z_]\w*)\(")


def selector_calls(body: bytes) -> frozenset[bytes]:
    """The names called as `x.Name(` anywhere in body (comments and strings included)."""
    return frozenset(SELECTOR_CALL.findall(body))


@lru_cache(maxsize=64)
def plain_call_regex(names: frozenset[str]) -> "re.Pattern[bytes]":
    """A regex for `name(` called without a qualifier (group 1 is the name)."""
    alts = b"|".join(re.escape(n.encode()) for n in sorted(names, key=len, reverse=True))
    return re.compile(rb"(?<![\w.])(" + alts + rb")\s*\(")


@lru_cache(maxsize=64)
def selector_call_regex(names: frozenset[str]) -> "re.Pattern[bytes]":
    """A regex for `.name(` (group 1 is the name): the matches of SELECTOR_CALL naming one of
    names, found faster when a file has many other calls."""
    alts = b"|".join(re.escape(n.encode()) for n in sorted(names, key=len, reverse=True))
    return re.compile(rb"\.(" + alts + rb")\(")


def count_errors(node: tree_sitter.Node) -> int:
    """Number of ERROR and MISSING nodes under node (0 for a clean parse)."""
    if not node.has_error:
        return 0
    n = 0
    stack = [node]
    while stack:
        cur = stack.pop()
        if cur.is_error or cur.is_missing:
            n += 1
        stack.extend(c for c in cur.children if c.has_error or c.is_missing)
    return n


def first_error(node: tree_sitter.Node) -> tree_sitter.Node | None:
    stack = [node]
    while stack:
        cur = stack.pop()
        if cur.is_error or cur.is_missing:
            return cur
        stack.extend(reversed([c for c in cur.children if c.has_error or c.is_missing]))
    return None


@dataclass
class GoFile:
    """One Go source file, parsed. `raw` is the file as read; `body` drops a leading BOM."""

    path: str
    raw: bytes
    tree: tree_sitter.Tree = field(init=False)

    def __post_init__(self) -> None:
        self.tree = parse(self.body)

    @cached_property
    def has_bom(self) -> bool:
        return self.raw.startswith(BOM)

    @cached_property
    def body(self) -> bytes:
        return self.raw[len(BOM):] if self.raw.startswith(BOM) else self.raw

    @cached_property
    def crlf(self) -> bool:
        """True when the file's line endings are CRLF (judged by its first line break)."""
        i = self.body.find(b"\n")
        return i > 0 and self.body[i - 1:i] == b"\r"

    @property
    def root(self) -> tree_sitter.Node:
        return self.tree.root_node

    def calls_to(self, names: frozenset[str], plain: frozenset[str] = frozenset()) -> list[tree_sitter.Node]:
        """Call expressions `x.name(...)` for one of names, and `name(...)` for one of plain.

        Found from the bytes (a regex finds the names, the tree the nodes at those offsets), so
        no walk over the whole tree is needed."""
        key = ("calls", names, plain)
        if key not in self.memo:
            body = self.body
            spans = [m.span(1) for m in selector_call_regex(names).finditer(body)] if names else []
            if plain:
                spans += [(m.start(1), m.end(1)) for m in plain_call_regex(plain).finditer(body)]
            out = []
            for start, end in sorted(spans):
                node = self.root.descendant_for_byte_range(start, end)
                if node is None or node.type not in ("identifier", "field_identifier"):
                    continue  # in a comment or a string
                p = node.parent
                if p is not None and p.type == "selector_expression" and node.type == "field_identifier":
                    callee = p
                elif node.type == "identifier":
                    callee = node
                else:
                    continue
                call = callee.parent
                if call is not None and call.type == "call_expression" and call.child_by_field_name("function") == callee:
                    out.append(call)
            self.memo[key] = out
        return self.memo[key]

    def statements_of(self, keyword: str, node_type: str) -> list[tree_sitter.Node]:
        """Statements of node_type that start with keyword (e.g. "defer", "defer_statement")."""
        key = ("stmts", keyword, node_type)
        if key not in self.memo:
            out = []
            body, word = self.body, keyword.encode()
            i = body.find(word)
            while i != -1:
                j = i + len(word)
                node = None
                if not (i > 0 and _WORD.match(body, i - 1)) and not _WORD.match(body, j):
                    node = self.root.descendant_for_byte_range(i, j)
                i = body.find(word, j)
                if node is not None and not node.is_named and node.parent is not None and \
                        node.parent.type == node_type:
                    out.append(node.parent)
            self.memo[key] = out
        return self.memo[key]

    @cached_property
    def imports(self):
        """The file's import table (engine.imports.Imports), shared by every rule."""
        from .imports import Imports

        return Imports(self.root, self.body)

    @cached_property
    def memo(self) -> dict:
        """A per-file cache that codemods share (keyed by their own tuples)."""
        return {}

    def text(self, node: tree_sitter.Node) -> str:
        return self.body[node.start_byte:node.end_byte].decode("utf-8", "replace")

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        b = self.body
        i = b.find(b"\n")
        while i != -1:
            starts.append(i + 1)
            i = b.find(b"\n", i + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column (in UTF-8 bytes) of a byte offset."""
        starts = self._line_starts
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_start(self, offset: int) -> int:
        return self.body.rfind(b"\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        """Offset of the newline ending the line of offset (or len(body))."""
        i = self.body.find(b"\n", offset)
        return len(self.body) if i == -1 else i

    def eol(self, offset: int) -> int:
        """Where the line of offset breaks: before its "\n", or before "\r\n" in a CRLF file."""
        pos = self.line_end(offset)
        return pos - 1 if pos > 0 and self.body[pos - 1:pos] == b"\r" else pos

    def indent_at(self, offset: int) -> str:
        """The leading whitespace of the line holding offset."""
        s = self.line_start(offset)
        e = s
        b = self.body
        while e < len(b) and b[e] in (0x20, 0x09):
            e += 1
        return b[s:e].decode("ascii")

    def lines_removal(self, start: int, end: int) -> tuple[int, int]:
        """The span to delete to remove the whole lines from start (a line start) to end (just past
        a newline, or the end of the body). When those lines stand between two blank lines, one
        of the blank lines goes too: gofmt would merge them."""
        b = self.body
        if start == 0 or end >= len(b):
            return start, end
        prev = b[self.line_start(start - 1):start - 1]
        nxt_end = self.line_end(end)
        if not prev.strip(b" \t\r") and not b[end:nxt_end].strip(b" \t\r"):
            end = nxt_end + 1 if nxt_end < len(b) else nxt_end
        return start, end

    def stmt_indent(self, stmt: tree_sitter.Node) -> str:
        """The indentation of code placed beside stmt: its line's, except that gofmt puts a label
        one tab to the left of the statement it labels, so for `L:` on a line of its own it is
        the labelled statement's."""
        node = stmt
        while node.type == "labeled_statement" and node.named_child_count:
            inner = node.named_children[-1]
            if self.line_start(inner.start_byte) == self.line_start(node.start_byte):
                break
            node = inner
        return self.indent_at(node.start_byte)
