"""A file's Go version is the `go` line of the nearest go.mod at or above its directory."""
from __future__ import annotations

import pytest

from leakfix.engine.gomod import go_version_for, module_root_for, parse_go_line


@pytest.mark.parametrize(
    ("line", "version"),
    [
        ("go 1.22", (1, 22)),
        ("go 1.22.3", (1, 22)),
        ("go 1.21rc1", (1, 21)),
        ("go 1.23.0 // toolchain comment", (1, 23)),
        ("go\t1.9", (1, 9)),
    ],
)
def test_go_line_versions(line, version):
    assert parse_go_line(f"module example.com/m\n\n{line}\n") == version


def test_no_go_line():
    assert parse_go_line("module example.com/m\n\nrequire golang.org/x/sync v0.7.0\n") is None
    assert parse_go_line("module example.com/m\n// go 1.22\n") is None


def test_only_the_go_directive_counts():
    text = "module example.com/go\n\ntoolchain go1.23.1\n\ngo 1.21\n"
    assert parse_go_line(text) == (1, 21)


def test_nearest_go_mod_wins(tmp_path):
    (tmp_path / "go.mod").write_text("module outer\n\ngo 1.20\n")
    inner = tmp_path / "tools" / "inner"
    (inner / "pkg").mkdir(parents=True)
    (inner / "go.mod").write_text("\ufeffmodule inner\r\n\r\ngo 1.22.3\r\n")
    (tmp_path / "tools" / "a.go").write_text("package tools\n")

    assert go_version_for(str(tmp_path / "tools" / "a.go")) == (1, 20)
    assert module_root_for(str(tmp_path / "tools" / "a.go")) == str(tmp_path)
    assert go_version_for(str(inner / "pkg" / "b.go")) == (1, 22)
    assert module_root_for(str(inner / "pkg" / "b.go")) == str(inner)


def test_nearest_go_mod_without_go_line_gives_none(tmp_path):
    (tmp_path / "go.mod").write_text("module outer\n\ngo 1.20\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "go.mod").write_text("module sub\n")
    assert go_version_for(str(tmp_path / "sub" / "x.go")) is None
    assert module_root_for(str(tmp_path / "sub" / "x.go")) == str(tmp_path / "sub")


def test_no_go_mod_anywhere(tmp_path, monkeypatch):
    from leakfix.engine import gomod

    monkeypatch.setattr(gomod.os.path, "isfile", lambda path: False)
    gomod._gomod_in_or_above.cache_clear()
    try:
        assert go_version_for(str(tmp_path / "x.go")) is None
        assert module_root_for(str(tmp_path / "x.go")) is None
    finally:
        gomod._gomod_in_or_above.cache_clear()


def test_relative_paths_resolve_from_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.24\n")
    monkeypatch.chdir(tmp_path)
    assert go_version_for("main.go") == (1, 24)
