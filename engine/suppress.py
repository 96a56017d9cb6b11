"""Suppression comments: `//leakfix:ignore` or `//leakfix:ignore rule-a,rule-b`.

A suppression on a finding's first line, or alone on the line above it, silences the finding.
Suppressions that silence nothing are reported, like ruff's unused-noqa; a rule id that names no
rule is reported with the nearest one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from .options import suggestion

_MARK = re.compile(rb"//\s?leakfix:ignore\b([ \t]+[A-Za-z0-9_,\- \t]+)?")


@dataclass
class Suppression:
    line: int
    rules: frozenset[str] | None  # None: every rule
    own_line: bool  # the comment stands alone on its line (so it covers the next line)
    used: bool = field(default=False)

    def covers(self, rule: str) -> bool:
        return self.rules is None or rule in self.rules


def scan(body: bytes) -> list[Suppression]:
    if b"leakfix:ignore" not in body:
        return []
    out = []
    for m in _MARK.finditer(body):
        line = body.count(b"\n", 0, m.start()) + 1
        line_start = body.rfind(b"\n", 0, m.start()) + 1
        own = body[line_start:m.start()].strip() == b""
        rules = None
        if m.group(1):
            names = [r.strip() for r in re.split(rb"[,\s]+", m.group(1)) if r.strip()]
            rules = frozenset(n.decode() for n in names) or None
        out.append(Suppression(line, rules, own))
    return out


def is_suppressed(sups: list[Suppression], rule: str, line: int) -> bool:
    for s in sups:
        if s.covers(rule) and (s.line == line or (s.own_line and s.line == line - 1)):
            s.used = True
            return True
    return False


def unknown_rules(body: bytes, known: Iterable[str]) -> list[str]:
    """A warning for each rule id in a suppression that names no rule, with the nearest one."""
    known = frozenset(known)
    return [f"line {s.line}: //leakfix:ignore names an unknown rule {name}{suggestion(name, known)}"
            for s in scan(body) for name in sorted(s.rules or ()) if name not in known]
