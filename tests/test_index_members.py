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


def test_the_parameters_of_a_method_are_known_on_structs_interfaces_and_through_embedding(tmp_path):
    """A learnt constructor's Close must take no argument to be released with `x.Close()`
    (grpc-go's ClientStream.Close(err error) got a `defer s.Close()` that does not compile)."""
    (tmp_path / "go.mod").write_text("module example.com/m\n\ngo 1.22\n")
    (tmp_path / "p.go").write_text(
        "package m\n\n"
        "type Stream struct{}\n\n"
        "func (s *Stream) Close(err error) {}\n\n"
        "type File struct{}\n\n"
        "func (f *File) Close() error { return nil }\n\n"
        "type Closer interface {\n\tClose() error\n\tAbort(reason string, code int)\n}\n\n"
        "type Wrapped struct {\n\t*File\n}\n"
    )
    ix = index.Index()
    pkg = ix.package_of_file(str(tmp_path / "p.go"), (tmp_path / "p.go").read_bytes())
    assert pkg is not None

    def params(type_name, method):
        ref = index.TypeRef(path="example.com/m", name=type_name)
        return ix.method_params(ref, method, str(tmp_path))

    assert params("Stream", "Close") == ["err"]
    assert params("File", "Close") == []
    assert params("Closer", "Close") == []
    assert params("Closer", "Abort") == ["reason", "code"]
    assert params("Wrapped", "Close") == []
    assert params("Wrapped", "Missing") is None
