"""One pipeline for every front end (diff, apply, check, the bot): choose the rules and the
fixes to apply, find the files, run the rules over them, write the results.

    p = plan(["./pkg"], only=None, skip=None, fix=None)
    result = execute(p, apply_fixes=True)
    written = write(result.results)

A mistake in what was asked (an unknown rule, a broken configuration or template) raises
`UsageError` with one line; the front end turns it into its own usage error.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from . import config as cfg
from .config import Config
from .discover import Discovery, discover, package_dir
from . import runner
from .runner import Run, RunSpec, build_rules
from .templates import TemplateError
from .write import ChangedOnDisk, atomic_write


class UsageError(Exception):
    """What was asked cannot be done as asked: one line, no traceback."""


@dataclass
class Plan:
    """What a run works with: the configuration, the rules, the fixes asked for, the files."""

    config: Config
    rule_ids: list[str]
    requested: frozenset[str]  # rules whose on-request fixes are applied too
    files: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    discovery: Discovery | None = None  # what discovery found and skipped, and why


def parse_rule_list(value: str | None, what: str, allow_all: bool = False) -> list[str]:
    """Comma-separated rule ids; an unknown one is a usage error naming the nearest id."""
    from leakfix.codemods import RULES

    ids = [v.strip() for v in (value or "").split(",") if v.strip()]
    for rid in ids:
        if rid not in RULES and not (allow_all and rid == "all"):
            raise UsageError(f"{what}: unknown rule {rid!r}{_did_you_mean(rid)} (see `leakfix list`)")
    return ids


def _did_you_mean(rid: str) -> str:
    import difflib

    from leakfix.codemods import RULES

    close = difflib.get_close_matches(rid, list(RULES), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def select_rules(only: str | None, skip: str | None, config: Config) -> list[str]:
    """The rules to run: the default ones plus `[rules] enable`, less `[rules] disable`; `--only`
    replaces that choice; `--skip` removes from it."""
    from leakfix.codemods import RULES

    for rid in config.enabled + config.disabled:
        if rid not in RULES:
            raise UsageError(f"{config.path}: unknown rule {rid!r}{_did_you_mean(rid)} (see `leakfix list`)")
    chosen = [rid for rid, cls in RULES.items() if cls.default_enabled or rid in config.enabled]
    chosen = [rid for rid in chosen if rid not in config.disabled]
    only_ids = parse_rule_list(only, "--only")
    if only_ids:
        chosen = [rid for rid in RULES if rid in only_ids]
    skip_ids = parse_rule_list(skip, "--skip")
    return [rid for rid in chosen if rid not in skip_ids]


def requested_fixes(fix: str | None, config: Config) -> frozenset[str]:
    """The rules whose on-request fixes apply: `--fix` and `[rules] fix` (`all`: every rule)."""
    from leakfix.codemods import RULES

    named = set(parse_rule_list(fix, "--fix", allow_all=True))
    for rid in config.fixed:
        if rid != "all" and rid not in RULES:
            raise UsageError(f"{config.path}: [rules] fix: unknown rule {rid!r}{_did_you_mean(rid)}")
        named.add(rid)
    return frozenset(RULES) if "all" in named else frozenset(named)


def load_config(explicit: str | None, start: str, stop_at: str | None = None) -> Config:
    """`explicit` (--config), else the nearest .leakfix.toml from `start` upward (not above
    `stop_at` when given: the bot's worktree root)."""
    if explicit is not None and not os.path.isfile(explicit):
        raise UsageError(f"{explicit}: no such config file")
    try:
        return cfg.load(explicit or cfg.find(start, stop_at))
    except cfg.ConfigError as exc:
        raise UsageError(str(exc)) from None


def plan(paths: list[str], *, only: str | None = None, skip: str | None = None, fix: str | None = None,
         config_file: str | None = None, config_stop: str | None = None, profile: str | None = None,
         profile_share: float = 1.0, explain: bool = False) -> Plan:
    """Everything decided before a file is read. Paths are files, directories or Go package
    patterns (`./...`); `explain` keeps every skipped file with its reason (for `-v`). Raises
    UsageError, and FileNotFoundError (with the path as filename) for a named path that does
    not exist."""
    paths = paths or ["."]
    for p in paths:
        if not os.path.lexists(package_dir(p)):
            raise FileNotFoundError(2, "no such file or directory", p)
    config = load_config(config_file, package_dir(paths[0]), config_stop)
    rule_ids = select_rules(only, skip, config)
    requested = requested_fixes(fix, config)
    if profile is not None:
        _use_profile(config, rule_ids, profile, profile_share, skip)
    try:
        build_rules(rule_ids, config)  # fail fast on a bad template or option
    except (TemplateError, ValueError, KeyError) as exc:
        raise UsageError(f"configuration: {exc}") from None
    root = config.root if config.path else config_stop
    found = discover(paths, config.exclude, root, explain=explain)
    return Plan(config, rule_ids, requested, found.files,
                [(config.path, w) for w in config.warnings] + list(found.warnings), found)


def _use_profile(config: Config, rule_ids: list[str], profile: str, share: float, skip: str | None) -> None:
    """Read the profile now (a bad one is a usage error), hand it to sync-pool and enable it."""
    import hashlib

    from . import pprof

    try:
        with open(profile, "rb") as fh:
            data = fh.read()
        sites = pprof.allocation_sites(data)
    except OSError as exc:
        raise UsageError(f"{profile}: {exc.strerror or exc}") from None
    except pprof.ProfileError as exc:
        raise UsageError(f"{profile}: {exc}") from None
    if not sites:
        raise UsageError(f"{profile}: the profile records no allocations")
    opts = config.data.setdefault("sync-pool", {})
    opts.update({"profile": os.path.abspath(profile), "profile-share": share,
                 "profile-hash": hashlib.sha256(data).hexdigest()})
    if "sync-pool" not in rule_ids and "sync-pool" not in (skip or ""):
        rule_ids.append("sync-pool")


def execute(p: Plan, *, apply_fixes: bool = True, cache: bool = True, jobs: int | None = None,
            progress: Callable[[int], None] | None = None, fix_lines: dict | None = None) -> Run:
    """Run the plan's rules over its files; the file warnings of the run join the plan's.
    `fix_lines`: fix only the findings on these lines (runner.RunSpec.fix_lines)."""
    cache_dir = None
    if cache and not os.environ.get("LEAKFIX_NO_CACHE"):
        from .cache import default_dir

        cache_dir = default_dir()
    spec = RunSpec(p.rule_ids, p.config, apply_fixes=apply_fixes, cache_dir=cache_dir, requested=p.requested,
                   fix_lines=fix_lines if apply_fixes else None)
    if p.config.max_bytes:
        spec.max_bytes = p.config.max_bytes
    result = runner.run(p.files, spec, jobs, progress)
    p.warnings.extend(result.errors)
    return result


@dataclass
class Written:
    """What `write` did: files written, fixes per rule in them, files it could not write."""

    files: list = field(default_factory=list)  # the FileResults written
    per_rule: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    total: int = 0  # files there were to write


def write(results: list) -> Written:
    """Write every changed result in place, atomically; a file changed on disk since it was read,
    or one that cannot be written, is left as it is and named in `failures`. On Ctrl-C the
    KeyboardInterrupt propagates with the `Written` so far as its `written` attribute."""
    out = Written()
    todo = [r for r in results if r.changed]
    out.total = len(todo)
    for r in todo:
        try:
            atomic_write(r.path, r.new, r.old)
        except KeyboardInterrupt as exc:
            exc.written = out  # type: ignore[attr-defined]
            raise
        except ChangedOnDisk:
            out.failures.append((r.path, "changed on disk while leakfix ran; not written"))
            continue
        except OSError as exc:
            out.failures.append((r.path, f"cannot write: {exc.strerror or exc}"))
            continue
        out.files.append(r)
        out.per_rule.update(f.rule for f in r.findings if f.fixed)
    return out
