"""Configuration: `.leakfix.toml` found upward from the paths, merged with command-line choices.

File format (every key optional):

    [rules]
    enable = ["sync-pool"]          # rules to run besides the defaults
    disable = ["stop-timer"]        # default rules not to run
    fix = ["stop-timer"]            # also apply these rules' on-request fixes ("all": every rule)
    [files]
    exclude = ["internal/legacy/**"] # gitignore-style, relative to the config file
    max-bytes = 4194304              # larger files are skipped with a warning
    [[resources]]                    # your own resource constructors, for the release rules
    package = "example.com/store"    # omit for a same-package function
    function = "Open"
    release = "Close"
    [defer-close]
    close-style = "plain"            # plain | errcheck | custom (see templates)
    [templates.defer-close]          # override any template of a rule by name
    defer = "defer closeutil.Close($value)"

Each rule declares its own options (`option_schema` beside its code); a value of the wrong type
is a ConfigError, an unknown table, key or rule id a warning naming the nearest valid one.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

from .options import Option, OptionError, suggestion

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CONFIG_NAME = ".leakfix.toml"

# The tables of leakfix itself (each rule's table is declared by the rule).
RULES_TABLE = (
    Option("enable", "strings", (), "rules to run besides the defaults"),
    Option("disable", "strings", (), "default rules not to run"),
    Option("fix", "strings", (), "report-only rules whose fixes to apply (\"all\": every rule)"),
)
FILES_TABLE = (
    Option("exclude", "strings", (), "gitignore-style globs, relative to the config file"),
    Option("max-bytes", "int", None, "larger files are skipped with a warning", minimum=1),
)


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    path: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    # what the file says that leakfix does not know (unknown tables, keys, rule ids), one line
    # each, e.g. `unknown key [rules] enabel (did you mean enable?)`; the command line prints them
    warnings: list[str] = field(default_factory=list)

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
        """The rule's table, plus the top-level tables its options take (`[[resources]]`)."""
        opts = dict(self.data.get(rule, {}))
        for option in _schema(rule):
            if option.top_level and option.key in self.data:
                opts[option.key] = self.data[option.key]
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
    try:
        warnings = validate(data)
    except OptionError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return Config(path, data, warnings)


def _schema(rule: str) -> tuple[Option, ...]:
    from leakfix.codemods import RULES

    cls = RULES.get(rule)
    return tuple(getattr(cls, "option_schema", ())) if cls is not None else ()


def validate(data: dict[str, Any]) -> list[str]:
    """The warnings about a configuration (unknown tables, keys, rule ids); OptionError for a
    value of the wrong type. (An unknown rule in [rules] is an error of the rule selection:
    a run must not silently run other rules than the ones meant.)"""
    from leakfix.codemods import RULES

    warnings: list[str] = []
    top_level = {o.key: o for rid in RULES for o in _schema(rid) if o.top_level}
    tables = ["rules", "files", "templates", *top_level, *RULES]
    for name, value in data.items():
        if name in ("rules", "files"):
            _check_table(name, value, RULES_TABLE if name == "rules" else FILES_TABLE, warnings)
        elif name in top_level:
            option = top_level[name]
            option.check(value, "")
            for i, entry in enumerate(value):
                _check_entry(f"{name}[{i}]", entry, option, warnings)
        elif name == "templates":
            if not isinstance(value, dict):
                raise OptionError(f"[templates] must be a table of rule ids (got {value!r})")
            for rid in value:
                if rid not in RULES:
                    warnings.append(f"unknown rule [templates.{rid}]{suggestion(rid, RULES)}")
        elif name in RULES:
            schema = tuple(o for o in _schema(name) if not o.top_level)
            _check_table(name, value, schema, warnings)
        else:
            warnings.append(f"unknown table [{name}]{suggestion(name, tables)}")
    return warnings


def _check_table(name: str, value: Any, schema: tuple[Option, ...], warnings: list[str]) -> None:
    if not isinstance(value, dict):
        raise OptionError(f"[{name}] must be a table (got {value!r})")
    known = {o.key: o for o in schema}
    for key, item in value.items():
        if key in known:
            known[key].check(item, f"[{name}]")
        else:
            warnings.append(f"unknown key [{name}] {key}{suggestion(key, known)}")


def _check_entry(where: str, entry: dict, option: Option, warnings: list[str]) -> None:
    required = option.table_keys[:1] if option.table_keys else ()
    for key in required:
        if not isinstance(entry.get(key), str):
            raise OptionError(f"{where} needs a string `{key}`")
    for key in entry:
        if option.table_keys and key not in option.table_keys:
            warnings.append(f"unknown key {where} {key}{suggestion(key, option.table_keys)}")
