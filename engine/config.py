"""Configuration: `.leakfix.toml` found upward from the paths, merged with command-line choices.

File format (every key optional):

    [rules]
    enable = ["sync-pool"]          # rules to run besides the defaults
    disable = ["stop-timer"]        # default rules not to run
    fix = ["stop-timer"]            # also apply these rules' on-request fixes ("all": every rule)
    [files]
    exclude = ["internal/legacy/**"] # gitignore-style, relative to the config file
    max-bytes = 4194304              # larger files are skipped with a warning
    [[resources]]                    # extra resource constructors for defer-close
    package = "example.com/store"    # omit for a same-package function
    function = "Open"
    release = "Close"
    [defer-close]
    close-style = "plain"            # plain | errcheck | custom (see templates)
    [templates.defer-close]          # override any template of a rule by name
    defer = "defer closeutil.Close($value)"
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CONFIG_NAME = ".leakfix.toml"


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    path: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> str:
        return os.path.dirname(self.path) if self.path else os.getcwd()

    @property
    def enabled(self) -> list[str]:
        return list(self.data.get("rules", {}).get("enable", []))

    @property
    def disabled(self) -> list[str]:
        return list(self.data.get("rules", {}).get("disable", []))

    @property
    def fixed(self) -> list[str]:
        return list(self.data.get("rules", {}).get("fix", []))

    @property
    def exclude(self) -> list[str]:
        return list(self.data.get("files", {}).get("exclude", []))

    @property
    def max_bytes(self) -> int | None:
        value = self.data.get("files", {}).get("max-bytes")
        return int(value) if value is not None else None

    def rule_options(self, rule: str) -> dict[str, Any]:
        opts = dict(self.data.get(rule, {}))
        if rule == "defer-close" and "resources" in self.data:
            opts["resources"] = self.data["resources"]
        return opts

    def rule_templates(self, rule: str) -> dict[str, Any]:
        return dict(self.data.get("templates", {}).get(rule, {}))

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(self.data, sort_keys=True, default=str).encode()).hexdigest()[:16]


def find(start: str, stop_at: str | None = None) -> str | None:
    """The nearest .leakfix.toml in start (a file's directory or a directory) or above it, never
    above `stop_at` when given (a bot's worktree: a config above it is not the repository's)."""
    cur = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    stop = os.path.abspath(stop_at) if stop_at is not None else None
    if stop is not None and cur != stop and not cur.startswith(stop + os.sep):
        return None
    while True:
        cand = os.path.join(cur, CONFIG_NAME)
        if os.path.isfile(cand):
            return cand
        parent = os.path.dirname(cur)
        if parent == cur or cur == stop:
            return None
        cur = parent


def load(path: str | None) -> Config:
    if path is None:
        return Config()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    _validate(path, data)
    return Config(path, data)


def _validate(path: str, data: dict[str, Any]) -> None:
    for i, res in enumerate(data.get("resources", [])):
        if not isinstance(res, dict) or not isinstance(res.get("function"), str):
            raise ConfigError(f"{path}: resources[{i}] needs a string `function`")
    mb = data.get("files", {}).get("max-bytes")
    if mb is not None and (not isinstance(mb, int) or mb <= 0):
        raise ConfigError(f"{path}: files.max-bytes must be a positive integer")
    for key in ("enable", "disable", "fix"):
        val = data.get("rules", {}).get(key, [])
        if not isinstance(val, list) or not all(isinstance(v, str) for v in val):
            raise ConfigError(f"{path}: rules.{key} must be a list of rule ids")
