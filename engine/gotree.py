"""Generic Go syntax helpers over tree-sitter-go nodes: functions, statements, identifiers.

Nothing here knows about resources or leaks; codemods build their analyses on top of it.
tree-sitter-go 0.25 wraps the statements of blocks and case clauses in `statement_list`.
"""
from __future__ import annotations

from collections.abc import Iterator

from functools import lru_cache

from tree_sitter import Node, Query, QueryCursor

FUNCTION_TYPES = ("function_declaration", "method_declaration", "func_literal")
BREAKABLE_TYPES = ("for_statement", "expression_switch_statement", "type_switch_statement", "select_statement")
CLAUSE_TYPES = ("expression_case", "default_case", "type_case", "communication_case")


def walk(node: Node, into_functions: bool = True) -> Iterator[Node]:
    """Pre-order walk of node's subtree; with into_functions=False, func literals are not entered."""
    stack = [node]
    while stack:
        cur = stack.pop()
        yield cur
        if not into_functions and cur is not node and cur.type == "func_literal":
            continue
        stack.extend(reversed(cur.children))


def enclosing_function(node: Node) -> Node | None:
    cur = node.parent
    while cur is not None and cur.type not in FUNCTION_TYPES:
        cur = cur.parent
    return cur


def statements(block: Node | None) -> list[Node]:
    """The statements of a block or case clause (named children of its statement_list)."""
    sl = statement_list(block) if block is not None else None
    if sl is None:
        return []
    return [s for s in sl.named_children if s.type != "comment"]


def following(stmt: Node) -> list[Node]:
    """The statements after stmt in its statement list (comments left out)."""
    out: list[Node] = []
    cur = stmt.next_named_sibling
    while cur is not None:
        if cur.type != "comment":
            out.append(cur)
        cur = cur.next_named_sibling
    return out


def statement_list(block: Node) -> Node | None:
    for c in block.children:
        if c.type == "statement_list":
            return c
    return None


def expression_list_items(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if node.type == "expression_list":
        return [c for c in node.named_children if c.type != "comment"]
    return [node]


def call_parts(call: Node) -> tuple[Node | None, list[Node]]:
    """(callee, arguments) of a call_expression."""
    fn = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    return fn, ([a for a in args.named_children if a.type != "comment"] if args is not None else [])


def selector(node: Node | None, body: bytes) -> tuple[str, str] | None:
    """('os', 'Open') for `os.Open` when the operand is a plain identifier."""
    if node is None or node.type != "selector_expression":
        return None
    op = node.child_by_field_name("operand")
    field = node.child_by_field_name("field")
    if op is None or field is None or op.type != "identifier":
        return None
    return _t(op, body), _t(field, body)


def dotted(node: Node | None, body: bytes) -> str | None:
    """`a.b.c` for a chain of selector expressions over identifiers, else None."""
    if node is None:
        return None
    if node.type == "identifier":
        return _t(node, body)
    if node.type == "selector_expression":
        op = dotted(node.child_by_field_name("operand"), body)
        field = node.child_by_field_name("field")
        if op is None or field is None:
            return None
        return f"{op}.{_t(field, body)}"
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return dotted(node.named_children[0], body)
    return None


def identifiers(node: Node, name: str, body: bytes, into_functions: bool = True) -> Iterator[Node]:
    """Identifier nodes spelled `name` under node (not field names, not package names)."""
    enc = name.encode()
    for n in walk(node, into_functions):
        if n.type == "identifier" and body[n.start_byte:n.end_byte] == enc:
            yield n


def named_identifiers(node: Node, names: frozenset[str]) -> list[Node]:
    """Identifier nodes under node spelled as one of names, in source order (a tree-sitter
    query: much faster than walking the tree in Python)."""
    if not names:
        return []
    found = QueryCursor(_identifier_query(names)).captures(node).get("id", [])
    return sorted(found, key=lambda n: n.start_byte)


@lru_cache(maxsize=256)
def _identifier_query(names: frozenset[str]) -> Query:
    from .source import go_language

    quoted = " ".join('"' + n + '"' for n in sorted(names))
    return Query(go_language(), f"((identifier) @id (#any-of? @id {quoted}))")


def declared_names(fn: Node, body: bytes) -> set[str]:
    """Every identifier spelled anywhere in a function (a cheap over-approximation for fresh names)."""
    return {_t(n, body) for n in walk(fn) if n.type in ("identifier", "field_identifier", "type_identifier", "package_identifier")}


def fresh_name(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    i = 1
    while f"{base}{i}" in taken:
        i += 1
    return f"{base}{i}"


def ancestors(node: Node, stop: Node | None = None) -> Iterator[Node]:
    cur = node.parent
    while cur is not None and cur != stop:
        yield cur
        cur = cur.parent


def contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _t(node: Node, body: bytes) -> str:
    return body[node.start_byte:node.end_byte].decode("utf-8", "replace")


text = _t


def token_parents(scope: Node, body: bytes, token: bytes, types: tuple[str, ...]) -> list[Node]:
    """Nodes of `types` under scope that own an anonymous token containing the bytes `token`
    (an operator such as b"=", or a keyword such as b"var", which must then stand alone as a
    word), found from the bytes instead of walking every node; each once, in token order."""
    word = token[:1].isalpha()
    start, end = scope.start_byte, scope.end_byte
    out: list[Node] = []
    seen: set[int] = set()
    i = body.find(token, start, end)
    while i != -1:
        j = i + len(token)
        if not word or not (_is_word_byte(body, i - 1) or _is_word_byte(body, j)):
            tok = scope.descendant_for_byte_range(i, j)
            parent = tok.parent if tok is not None and not tok.is_named else None
            if parent is not None and parent.type in types and parent.id not in seen:
                seen.add(parent.id)
                out.append(parent)
        i = body.find(token, j, end)
    return out


def _is_word_byte(body: bytes, i: int) -> bool:
    b = body[i:i + 1] if i >= 0 else b""
    return b.isalnum() or b == b"_"
