"""A result cache keyed by file content, leakfix's own code, the configuration and the rules.

Entries live in one SQLite database in the user's cache directory (WAL mode, so concurrent runs
are safe: the worst case is that both compute the same entry). Beside the results it keeps an
index from a file's stat signature (size, mtime, ctime, inode, device) to the hash of its bytes,
so a warm run reads and hashes only the files whose signature changed. Only the main process
touches the database.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import struct
import time
from functools import lru_cache
from pathlib import Path

SCHEMA = 2
CHUNK = 500  # parameters per SQL statement (SQLite allows 999 in old versions)
# A signature is trusted only for a file last changed at least this long before it was read:
# a write within the same clock tick as the read could otherwise leave size, mtime and ctime
# as they were (a coarse file system clock ticks every few milliseconds; 2 s leaves a margin
# for file systems with coarser timestamps).
SETTLED_NS = 2_000_000_000


def default_dir() -> str:
    env = os.environ.get("LEAKFIX_CACHE_DIR")
    if env:
        return env
    import platformdirs

    return platformdirs.user_cache_dir("leakfix", appauthor=False)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of leakfix's installed code and data, so any change to the tool invalidates."""
    h = hashlib.blake2b(digest_size=16)
    pkgs = [Path(__file__).resolve().parent]
    from leakfix import codemods  # the codemods package may live elsewhere in a source tree

    pkgs.append(Path(codemods.__file__).resolve().parent)
    for pkg in pkgs:
        for p in sorted(pkg.glob("*")):
            if p.suffix in (".py", ".toml"):
                h.update(p.name.encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def content_digest(data: bytes) -> bytes:
    """The hash of a file's bytes that keys its cached result."""
    return hashlib.blake2b(data, digest_size=20).digest()


def signature(st: os.stat_result) -> bytes:
    """What identifies a file's state on disk without reading it: any write, replacement
    (rename over it) or touch changes at least one of these."""
    return struct.pack("<qqqQQ", st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def settled_signature(st: os.stat_result, read_at_ns: int) -> bytes | None:
    """The signature of a file stat'ed just before it was read at read_at_ns (time.time_ns()),
    or None when it changed too recently for the signature to tell later writes apart."""
    if max(st.st_mtime_ns, st.st_ctime_ns) > read_at_ns - SETTLED_NS:
        return None
    return signature(st)


def read_signed(path: str, max_bytes: int) -> tuple[bytes | None, bytes | None]:
    """(bytes, settled signature) of a file; bytes is None when it is larger than max_bytes.
    The signature is taken from the open file before reading, so it never claims newer bytes."""
    with open(path, "rb") as fh:
        now = time.time_ns()
        st = os.fstat(fh.fileno())
        if st.st_size > max_bytes:
            return None, None
        return fh.read(), settled_signature(st, now)


class Cache:
    def __init__(self, directory: str, salt: str):
        self.salt = salt.encode()
        os.makedirs(directory, exist_ok=True)
        self.db = sqlite3.connect(os.path.join(directory, f"results-v{SCHEMA}.sqlite"), timeout=30,
                                  isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key BLOB PRIMARY KEY, value BLOB)")
        self.db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, signature BLOB, digest BLOB)")

    def key(self, path: str, digest: bytes, context: str) -> bytes:
        """The key of a file's result: the salt (leakfix's code, configuration, rules), its path,
        what its result depends on besides its bytes (context), and its bytes' digest."""
        h = hashlib.blake2b(self.salt, digest_size=20)
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\0" + context.encode() + b"\0")
        h.update(digest)
        return h.digest()

    def known_digests(self, paths: list[str]) -> dict[str, tuple[bytes, bytes]]:
        """absolute path -> (signature, digest) recorded for it by an earlier run."""
        out: dict[str, tuple[bytes, bytes]] = {}
        for i in range(0, len(paths), CHUNK):
            chunk = paths[i:i + CHUNK]
            rows = self.db.execute(
                f"SELECT path, signature, digest FROM files WHERE path IN ({','.join('?' * len(chunk))})", chunk)
            out.update((p, (s, d)) for p, s, d in rows)
        return out

    def get_many(self, keys: list[bytes]) -> dict[bytes, object]:
        out: dict[bytes, object] = {}
        for i in range(0, len(keys), CHUNK):
            chunk = keys[i:i + CHUNK]
            rows = self.db.execute(f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for k, v in rows:
                try:
                    out[k] = pickle.loads(v)
                except Exception:  # a stale or damaged entry is a miss
                    pass
        return out

    def put_many(self, items: list[tuple[bytes, object]],
                 digests: list[tuple[str, bytes, bytes]] = ()) -> None:
        """Store results (key, entry) and signature index rows (absolute path, signature, digest)."""
        if not items and not digests:
            return
        try:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)",
                                [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items])
            self.db.executemany("INSERT OR REPLACE INTO files (path, signature, digest) VALUES (?, ?, ?)", digests)
            self.db.execute("COMMIT")
        except sqlite3.Error:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def close(self) -> None:
        self.db.close()
