"""A result cache keyed by file content, leakfix's own code, the configuration and the rules.

A warm run reads and hashes every file but analyses only those whose key is new. Entries live in
one SQLite database in the user's cache directory (WAL mode, so concurrent runs are safe: the
worst case is that both compute the same entry). Only the main process touches it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from functools import lru_cache
from pathlib import Path

SCHEMA = 1


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


class Cache:
    def __init__(self, directory: str, salt: str):
        self.salt = salt.encode()
        os.makedirs(directory, exist_ok=True)
        self.db = sqlite3.connect(os.path.join(directory, f"results-v{SCHEMA}.sqlite"), timeout=30,
                                  isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key BLOB PRIMARY KEY, value BLOB)")

    def key(self, path: str, data: bytes, extra: str) -> bytes:
        h = hashlib.blake2b(self.salt, digest_size=20)
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\0" + extra.encode() + b"\0")
        h.update(data)
        return h.digest()

    def get_many(self, keys: list[bytes]) -> dict[bytes, object]:
        out: dict[bytes, object] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows = self.db.execute(f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for k, v in rows:
                try:
                    out[k] = pickle.loads(v)
                except Exception:  # a stale or damaged entry is a miss
                    pass
        return out

    def put_many(self, items: list[tuple[bytes, object]]) -> None:
        if not items:
            return
        try:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)",
                                [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items])
            self.db.execute("COMMIT")
        except sqlite3.Error:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def close(self) -> None:
        self.db.close()
