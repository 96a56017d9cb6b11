"""Replace a file's bytes atomically, refusing when it changed since it was read."""
from __future__ import annotations

import errno
import os
import stat
import tempfile


class ChangedOnDisk(Exception):
    """The file no longer holds the bytes the fix was computed from; nothing was written."""


def atomic_write(path: str, new: bytes, expected_old: bytes) -> None:
    """Write `new` to `path` through a temp file and a rename, keeping its permission bits.

    A symlink is kept: its target is replaced. Raises ChangedOnDisk when the file's current
    bytes differ from `expected_old`, and PermissionError for a read-only file (no write bit
    set: whoever runs leakfix, like gofmt -w); on any error the original file is left as it was.
    """
    target = os.path.realpath(path)
    with open(target, "rb") as f:
        current = f.read()
    if current != expected_old:
        raise ChangedOnDisk(f"{path}: changed on disk since it was read; not written")
    mode = stat.S_IMODE(os.stat(target).st_mode)
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise PermissionError(errno.EACCES, "read-only file", path)
    directory = os.path.dirname(target)
    fd, temp = tempfile.mkstemp(prefix=".leakfix-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(new)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        _remove_quietly(temp)
        raise
    _sync_directory(directory)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_directory(directory: str) -> None:
    """Make the rename durable where the platform allows syncing a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
