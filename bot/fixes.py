"""Run leakfix's rules over a tree (the bot's temporary worktree) and say what they fixed.

This is `leakfix apply` in-process, with two differences: the `.leakfix.toml` search stops at the
worktree's root (a config above the temporary directory is not the repository's), and the result
is kept per rule and file for the commit message and the pull-request body.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field


class FixError(Exception):
    """The rules cannot run: bad --only/--skip, a broken config or template (a usage error)."""


@dataclass(frozen=True)
class FixedSite:
    """One applied fix: rule id, path relative to the repository root (with /), line before the fix."""

    rule: str
    path: str
    line: int


@dataclass
class FixSet:
    """What one run of the rules changed, and what it left for a person."""

    fixes: list[FixedSite] = field(default_factory=list)
    left: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fixes)

    def by_rule(self) -> dict[str, dict[str, int]]:
        """{rule: {path: number of fixes}}, rules in table order, paths sorted."""
        from leakfix.codemods import RULES

        table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for site in self.fixes:
            table[site.rule][site.path] += 1
        order = {rid: i for i, rid in enumerate(RULES)}
        return {rule: dict(sorted(table[rule].items())) for rule in sorted(table, key=lambda r: order.get(r, 99))}


def find_config(root: str, target: str) -> str | None:
    """The nearest .leakfix.toml from `target` up to `root` (never above it)."""
    from leakfix.engine.config import CONFIG_NAME

    root = os.path.abspath(root)
    cur = os.path.abspath(target if os.path.isdir(target) else os.path.dirname(target))
    while True:
        cand = os.path.join(cur, CONFIG_NAME)
        if os.path.isfile(cand):
            return cand
        if cur == root or not cur.startswith(root):
            return None
        cur = os.path.dirname(cur)


def load_config(root: str, target: str):
    from leakfix.engine import config as cfg

    try:
        return cfg.load(find_config(root, target))
    except cfg.ConfigError as exc:
        raise FixError(str(exc)) from None


def selected_rules(root: str, target: str, only: str | None, skip: str | None, fix: str | None = None) -> list[str]:
    """The rule ids whose fixes a `leakfix apply --only/--skip/--fix` would apply on `target`
    (config included): report-only rules make no pull request."""
    from leakfix.app import Fatal, report_only_rules, select_rules

    try:
        config = load_config(root, target)
        rules = select_rules(only, skip, config)
        quiet = report_only_rules(rules, only, fix, config)
    except Fatal as exc:
        raise FixError(str(exc)) from None
    return [r for r in rules if r not in quiet]


def apply_fixes(root: str, target: str, rule_ids: list[str]) -> FixSet:
    """Apply the fixes of `rule_ids` to the Go files under `target` (inside `root`), in place."""
    from leakfix.engine.cache import default_dir
    from leakfix.engine.discover import discover
    from leakfix.engine.runner import RunSpec, build_rules, run
    from leakfix.engine.templates import TemplateError
    from leakfix.engine.write import atomic_write

    config = load_config(root, target)
    try:
        build_rules(rule_ids, config)
    except (TemplateError, ValueError, KeyError) as exc:
        raise FixError(f"configuration: {exc}") from None
    found = discover([target], config.exclude, config.root if config.path else root)
    spec = RunSpec(rule_ids, config, apply_fixes=True,
                   cache_dir=None if os.environ.get("LEAKFIX_NO_CACHE") else default_dir())
    result = run(found.files, spec)
    out = FixSet(warnings=list(found.warnings) + list(result.errors))
    for r in result.results:
        if not r.changed:
            continue
        rel = os.path.relpath(os.path.abspath(r.path), root).replace(os.sep, "/")
        try:
            atomic_write(r.path, r.new, r.old)
        except OSError as exc:
            out.warnings.append((rel, f"cannot write: {exc}"))
            continue
        out.fixes.extend(FixedSite(f.rule, rel, f.line) for f in r.findings if f.fixed)
    out.left = sum(1 for f in result.findings if not f.fixed)
    out.fixes.sort(key=lambda s: (s.rule, s.path, s.line))
    return out
