"""The declarations index reads struct and interface members whatever their layout."""
from __future__ import annotations

from leakfix.engine import index


def _decls(src: str) -> index.PackageDecls:
    decls = index.PackageDecls("example.com/p", "/nonexistent")
    decls.imports.append({})
    index._scan(src.encode(), decls, 0)
    return decls


def test_a_func_field_whose_parameters_span_lines_is_read_without_error():
    """Found on grafana/k6 (a test's struct with `fn func(\\n a, b T,\\n) (res any, err error)`):
    the parameter line ends with a comma and crashed the index, and with it the whole run."""
    decls = _decls(
        "package p\n\n"
        "type frame struct {\n"
        "\tname string\n"
        "\teval func(\n"
        "\t\tctx any, js string, args ...any,\n"
        "\t) (res any, err error)\n"
        "\tfile *File\n"
        "}\n\n"
        "type File struct{}\n"
    )
    fields = decls.types["frame"].fields
    assert fields["name"] == "string"
    assert fields["file"] == "*File"
    assert "ctx" not in fields and "js" not in fields


def test_a_trailing_comma_with_nothing_after_it_names_no_field():
    decls = _decls("package p\n\ntype t struct {\n\ta,\n\tb int\n}\n")
    assert "" not in decls.types["t"].fields
