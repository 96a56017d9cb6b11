"""Writing a fix: all or nothing, never over a file someone changed, keeping mode and symlinks."""
from __future__ import annotations

import os
import stat

import pytest

from leakfix.engine import write
from leakfix.engine.write import ChangedOnDisk, atomic_write

OLD = b"package p\n"
NEW = b"package p\n\nfunc f() {}\n"


def leftovers(directory) -> list[str]:
    return [name for name in os.listdir(directory) if name.startswith(".leakfix-")]


def test_replaces_the_content(tmp_path):
    path = tmp_path / "a.go"
    path.write_bytes(OLD)
    atomic_write(str(path), NEW, expected_old=OLD)
    assert path.read_bytes() == NEW
    assert leftovers(tmp_path) == []


def test_keeps_permission_bits(tmp_path):
    path = tmp_path / "run.go"
    path.write_bytes(OLD)
    path.chmod(0o751)
    atomic_write(str(path), NEW, expected_old=OLD)
    assert stat.S_IMODE(path.stat().st_mode) == 0o751


def test_refuses_when_the_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "a.go"
    path.write_bytes(b"package p // edited by someone\n")
    with pytest.raises(ChangedOnDisk):
        atomic_write(str(path), NEW, expected_old=OLD)
    assert path.read_bytes() == b"package p // edited by someone\n"
    assert leftovers(tmp_path) == []


def test_writes_through_a_symlink_and_keeps_it(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.go"
    target.write_bytes(OLD)
    link = tmp_path / "a.go"
    os.symlink("real/a.go", link)
    atomic_write(str(link), NEW, expected_old=OLD)
    assert link.is_symlink()
    assert target.read_bytes() == NEW
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "real") == []


def test_a_failed_write_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "a.go"
    path.write_bytes(OLD)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(str(path), NEW, expected_old=OLD)
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_read_only_file_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "a.go"
    path.write_bytes(OLD)
    path.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only file"):
        atomic_write(str(path), NEW, expected_old=OLD)
    assert path.read_bytes() == OLD and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert leftovers(tmp_path) == []


def test_bytes_are_written_exactly(tmp_path):
    path = tmp_path / "crlf.go"
    old = b"\xef\xbb\xbfpackage p\r\n"
    new = b"\xef\xbb\xbfpackage p\r\n\r\n// caf\xe9 \xff\r\n"
    path.write_bytes(old)
    atomic_write(str(path), new, expected_old=old)
    assert path.read_bytes() == new


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write(str(tmp_path / "gone.go"), NEW, expected_old=OLD)
    assert leftovers(tmp_path) == []
