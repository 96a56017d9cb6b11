"""Run leakfix's rules over a tree (the bot's temporary worktree) and say what they fixed.

This is `leakfix apply` in-process, through the engine's pipeline, with two differences: the
`.leakfix.toml` search stops at the worktree's root (a config above the temporary directory is
not the repository's), and the result is kept per rule and file for the commit message and the
pull-request body.
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


def _plan(root: str, target: str, only: str | None, skip: str | None, fix: str | None):
    from leakfix.engine import pipeline

    try:
        return pipeline.plan([target], only=only, skip=skip, fix=fix, config_stop=root)
    except pipeline.UsageError as exc:
        raise FixError(str(exc)) from None
    except FileNotFoundError as exc:
        raise FixError(f"{exc.filename or exc}: no such file or directory") from None


def selected_rules(root: str, target: str, only: str | None, skip: str | None, fix: str | None = None) -> list[str]:
    """The rule ids a `leakfix apply --only/--skip` would run on `target` (its configuration
    found from `target` up to `root`, never above)."""
    return _plan(root, target, only, skip, fix).rule_ids


def apply_fixes(root: str, target: str, rule_ids: list[str], fix: str | None = None, jobs: int | None = None) -> FixSet:
    """Apply the fixes of `rule_ids` to the Go files under `target` (inside `root`), in place:
    the fixes applied by default, and the on-request ones of the rules `fix` names (as
    `leakfix apply --fix`). The same pipeline as `leakfix apply`."""
    from leakfix.engine import pipeline

    if not rule_ids:
        return FixSet()
    p = _plan(root, target, ",".join(rule_ids), None, fix)
    result = pipeline.execute(p, jobs=jobs)  # jobs: the engine's processes (None: all cores)
    done = pipeline.write(result.results)
    out = FixSet(warnings=list(p.warnings) + done.failures)
    for r in done.files:
        rel = os.path.relpath(os.path.abspath(r.path), root).replace(os.sep, "/")
        out.fixes.extend(FixedSite(f.rule, rel, f.line) for f in r.findings if f.fixed)
    out.left = sum(1 for f in result.findings if not f.fixed)
    out.fixes.sort(key=lambda s: (s.rule, s.path, s.line))
    return out
