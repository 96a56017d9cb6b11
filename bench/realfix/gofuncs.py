"""Where each top-level Go function, method and function-valued variable of a file starts and ends.

Names are `Func`, `Type.Method` (receiver type without `*` or type parameters) and, for a
package-level `var name = func(...) {...}`, `name`. Lines are 1-based and inclusive.
"""

from __future__ import annotations

import tree_sitter

from leakfix.engine.source import go_language

_PARSER = tree_sitter.Parser(go_language())


def _receiver_type(node: tree_sitter.Node) -> str:
    """The bare type name of a method receiver: `(s *Server[T])` -> `Server`."""
    for param in node.named_children:
        typ = param.child_by_field_name("type")
        while typ is not None and typ.type in ("pointer_type", "generic_type", "parenthesized_type"):
            inner = typ.child_by_field_name("type") or (typ.named_children[0] if typ.named_children else None)
            if inner is None or inner == typ:
                break
            typ = inner
        if typ is not None:
            return typ.text.decode("utf-8", "replace")
    return ""


def function_spans(source: bytes) -> dict[str, tuple[int, int]]:
    """Map each top-level function name of a Go file to its (first line, last line)."""
    tree = _PARSER.parse(source)
    spans: dict[str, tuple[int, int]] = {}
    for node in tree.root_node.named_children:
        span = (node.start_point[0] + 1, node.end_point[0] + 1)
        if node.type == "function_declaration":
            spans[node.child_by_field_name("name").text.decode()] = span
        elif node.type == "method_declaration":
            recv = _receiver_type(node.child_by_field_name("receiver"))
            spans[f"{recv}.{node.child_by_field_name('name').text.decode()}"] = span
        elif node.type == "var_declaration":
            for spec in _var_specs(node):
                value = spec.child_by_field_name("value")
                if value is None:
                    continue
                names = [n for n in spec.children_by_field_name("name")]
                for name, val in zip(names, value.named_children):
                    if val.type == "func_literal":
                        spans[name.text.decode()] = (spec.start_point[0] + 1, spec.end_point[0] + 1)
    return spans


def _var_specs(node: tree_sitter.Node):
    for child in node.named_children:
        if child.type == "var_spec":
            yield child
        elif child.type == "var_spec_list":
            yield from (c for c in child.named_children if c.type == "var_spec")
