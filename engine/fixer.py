"""Fix one file: run the codemods on its tree, apply clash-free fixes, re-parse, repeat.

The loop runs until no fix is left to apply (capped). A fix whose result would add a syntax
error is refused and reported with that reason. In a file with a syntax error, the declarations
holding an error are left out (engine.damage): the rules read the rest, fixes never touch them,
and the fixed file keeps exactly the errors it had. Findings are reported once, at the positions
of the original file; the ones whose fix was applied are marked fixed.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Iterable

from . import edits as edit_ops
from .imports import Imports
from .damage import damage_of, error_signature, rules_view
from .model import Applicability, Context, Edit, Finding, Fix
from .source import BOM, GoFile, count_errors, parse, selector_calls
from .suppress import is_suppressed, scan

MAX_PASSES = 6


@dataclass
class FileResult:
    path: str
    old: bytes
    new: bytes
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unused_suppressions: list[int] = field(default_factory=list)
    skipped: bool = False  # not read or not analysed at all
    digest: bytes | None = None  # hash of the bytes analysed (set by the runner when it caches)
    signature: bytes | None = None  # the file's stat signature when read, if settled (ditto)

    @property
    def changed(self) -> bool:
        return self.new != self.old


def can_match(body: bytes, rules: Iterable, contexts: dict[str, Context] | None = None) -> list:
    """The rules that can match body, decided without parsing it. A rule may name the methods
    and package functions it starts from (`trigger_calls`: one must be called as `x.Name(`);
    its `triggers` is a compiled bytes regex that must occur, or a tuple of byte strings one of
    which must occur (empty, with no trigger_calls: always); when neither occurs, its
    `matches(body, ctx)`, if it has one, may still admit the file. A rule whose trigger depends on
    the file's package has `admits(body, ctx)`, asked after its triggers when contexts are known."""
    out = []
    called: frozenset[bytes] | None = None
    for r in rules:
        calls = getattr(r, "trigger_calls", None)
        if calls:
            if called is None:
                called = selector_calls(body)
            if not called.isdisjoint(calls):
                out.append(r)
                continue
        t = r.triggers
        if isinstance(t, re.Pattern):
            if t.search(body):
                out.append(r)
                continue
        elif (not t and not calls) or (t and any(x in body for x in t)):
            out.append(r)
            continue
        more = getattr(r, "matches", None)
        if more is not None and more(body, contexts.get(r.id) if contexts is not None else None):
            out.append(r)
    if contexts is not None:
        out = [r for r in out if not hasattr(r, "admits") or r.admits(body, contexts[r.id])]
    return out


ON_REQUEST_HINT = "`--fix {rule}` applies it"
OUTSIDE_CHANGE_REASON = "not on a line the change added or modified"


def applies(fix: Fix, rule: str, requested: frozenset[str]) -> bool:
    """Whether a fix is applied when the user asked for the on-request fixes of `requested`."""
    if fix.applicability is Applicability.DEFAULT:
        return True
    return fix.applicability is Applicability.ON_REQUEST and rule in requested


def withheld_reason(fix: Fix, rule: str) -> str:
    """What a finding whose fix is not applied says about it."""
    why = fix.why or ("applied only on request" if fix.applicability is Applicability.ON_REQUEST
                      else "shown, never applied")
    if fix.applicability is Applicability.ON_REQUEST:
        return f"{why}; {ON_REQUEST_HINT.format(rule=rule)}"
    return why


def fix_file(path: str, raw: bytes, rules: list, contexts: dict[str, Context], apply_fixes: bool = True,
             gofile: GoFile | None = None, requested: frozenset[str] = frozenset(),
             matching: list | None = None, fix_lines: frozenset[int] | None = None) -> FileResult:
    """Run rules on one file until no fix is left. A fix is applied when its applicability says so
    (`applies`): on-request fixes only for the rules in `requested`; the findings of the others
    keep their fix and say why it was withheld. `matching`: can_match of the file's body, when
    the caller knows it. `fix_lines`: when given, only findings touching these (1-based,
    original) lines are fixed."""
    result = FileResult(path, raw, raw)
    gf = gofile or GoFile(path, raw)
    if _syntax_error_left_whole(gf, result):
        return result
    sups = scan(rules_view(gf).body)  # the original's: used ones are reported as such
    original = gf
    reported: list[Finding] = []
    # positions of reported findings, translated into the current body after each pass
    positions: list[int] = []
    body = gf.body
    for n_pass in range(MAX_PASSES):
        # suppressions are matched by line, so later passes read them from the edited file
        view = rules_view(gf)  # gf itself, unless a syntax error spoils part of it
        found = _run_rules(view, rules, contexts, sups if n_pass == 0 else scan(view.body), requested,
                           matching if n_pass == 0 else None)
        if n_pass == 0:
            reported = found
            positions = [f.start for f in reported]
            if fix_lines is not None:
                _withhold_outside(original, reported, fix_lines)
        fixable = [f for f in found if f.applies]
        if n_pass > 0 and fix_lines is not None:  # a fix of a later pass belongs to a reported finding
            place = _by_place(reported, positions)
            fixable = [f for f in fixable if getattr(_match(place, f), "reason", None) != OUTSIDE_CHANGE_REASON]
        if not apply_fixes or not fixable:
            break
        chosen, _ = edit_ops.select([f.fix for f in fixable])
        new_body, applied, refused, all_edits = _apply_verified(gf, chosen)
        refused_ids, applied_ids = {id(r) for r in refused}, {id(a) for a in applied}
        by_place = _by_place(reported, positions)
        for f in fixable:
            m = _match(by_place, f)
            if m is None:
                continue
            if id(f.fix) in refused_ids:
                m.fix, m.applies, m.reason = None, False, f.fix.refusal or "the fix would not parse"
            elif id(f.fix) in applied_ids:
                m.fixed = True
        if not applied:
            break
        positions = _translate_all(positions, all_edits)
        body = new_body
        gf = GoFile(path, (BOM if original.has_bom else b"") + body)
    for f in reported:
        _locate(original, f)
    result.findings = reported
    result.new = (BOM if original.has_bom else b"") + body
    if result.new != raw and (error_signature(gf) != error_signature(original) or
                              count_errors(gf.root) > count_errors(original.root)):
        # belt and braces: never emit a file with an error it did not have
        result.new = raw
        for f in reported:
            f.fixed = False
        result.errors.append("fixes produced a syntax error; file left unchanged")
    result.unused_suppressions = [s.line for s in sups if not s.used]
    return result


def _run_rules(gf: GoFile, rules: list, contexts: dict[str, Context], sups,
               requested: frozenset[str] = frozenset(), matching: list | None = None) -> list[Finding]:
    found: list[Finding] = []
    for rule in can_match(gf.body, rules, contexts) if matching is None else matching:
        for f in rule.run(gf, contexts[rule.id]):
            line = gf.line_col(f.start)[0]
            if is_suppressed(sups, f.rule, line):
                continue
            if f.fix is not None:
                f.applies = applies(f.fix, rule.id, requested)
                if not f.applies:
                    f.reason = withheld_reason(f.fix, rule.id)
            found.append(f)
    found.sort(key=lambda f: (f.start, f.rule))
    return found


def _withhold_outside(gf: GoFile, findings: list[Finding], lines: frozenset[int]) -> None:
    for f in findings:
        first, last = gf.line_col(f.start)[0], gf.line_col(f.end)[0]
        if f.applies and not any(n in lines for n in range(first, last + 1)):
            f.applies, f.reason = False, OUTSIDE_CHANGE_REASON


def _by_place(reported: list[Finding], positions: list[int]) -> dict[tuple[str, int], list[Finding]]:
    """The reported findings by (rule, current position), in report order."""
    out: dict[tuple[str, int], list[Finding]] = {}
    for r, pos in zip(reported, positions):
        out.setdefault((r.rule, pos), []).append(r)
    return out


def _match(by_place: dict[tuple[str, int], list[Finding]], f: Finding) -> Finding | None:
    """The first reported finding of f's rule at f's position that is not fixed yet."""
    return next((r for r in by_place.get((f.rule, f.start), ()) if not r.fixed), None)


def _translate_all(positions: list[int], edits: list[Edit]) -> list[int]:
    """Each position moved by the edits that end at or before it."""
    ordered = sorted(edits, key=lambda e: e.end)
    ends = [e.end for e in ordered]
    shifts = list(accumulate((len(e.text) - (e.end - e.start) for e in ordered), initial=0))
    return [pos + shifts[bisect_right(ends, pos)] for pos in positions]


def _locate(gf: GoFile, f: Finding) -> None:
    f.path = gf.path
    f.line, f.column = gf.line_col(f.start)
    f.end_line, f.end_column = gf.line_col(f.end)


def _with_imports(gf: GoFile, fixes: list[Fix]) -> tuple[list[Edit], list[Fix]]:
    """Edits adding the union of imports the fixes need; fixes whose imports cannot be added
    (each with the reason in `refusal`)."""
    table = Imports(gf.root, gf.body)
    seen: set[str] = set()
    out: list[Edit] = []
    bad: list[Fix] = []
    for fx in fixes:
        for imp in fx.imports:
            if imp.path in seen:
                continue
            res = table.add(imp)
            if isinstance(res, str):
                fx.refusal = f"the fix needs an import: {res}"
                bad.append(fx)
                break
            seen.add(imp.path)
            out.extend(res)
    return out, bad


def _render(gf: GoFile, fixes: list[Fix]) -> tuple[bytes, list[Fix], list[Edit]]:
    imp_edits, bad = _with_imports(gf, fixes)
    good = [f for f in fixes if f not in bad]
    if bad:
        imp_edits, _ = _with_imports(gf, good)
    eds = [e for f in good for e in f.edits] + imp_edits
    if gf.crlf:
        eds = [Edit(e.start, e.end, e.text.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")) for e in eds]
    return edit_ops.apply(gf.body, eds), bad, eds


def _syntax_error_left_whole(gf: GoFile, result: FileResult) -> bool:
    """Warn about a syntax error in gf, naming what is left unchanged; True when that is the
    whole file (the rules then do not run)."""
    damage = damage_of(gf)
    if damage is None:
        return False
    result.errors.append(damage.warning)
    return damage.whole_file


def _keeps_errors(gf: GoFile, new: bytes) -> bool:
    """True when new (gf's body after edits) has exactly gf's syntax errors: none for a clean file."""
    if not gf.root.has_error:
        return not parse(new).root_node.has_error
    after = GoFile(gf.path, new)
    return error_signature(after) == error_signature(gf) and count_errors(after.root) <= count_errors(gf.root)


def _spare_damage(gf: GoFile, chosen: list[Fix]) -> list[Fix]:
    """The chosen fixes that would edit a declaration holding a syntax error, each with the
    reason in `refusal` (none in a clean file)."""
    damage = damage_of(gf)
    out = []
    for fx in chosen if damage is not None else ():
        hit = damage.touched_by(fx)
        if hit is not None:
            fx.refusal = f"the fix would edit {hit}, which has a syntax error"
            out.append(fx)
    return out


def _apply_verified(gf: GoFile, chosen: list[Fix]) -> tuple[bytes, list[Fix], list[Fix], list[Edit]]:
    """Apply chosen fixes; if the result has new parse errors, keep only the fixes that parse alone.
    A fix that would edit a declaration holding a syntax error is refused first.

    Returns the new body, the applied fixes, the refused ones, and every edit made."""
    spoilt = _spare_damage(gf, chosen)
    chosen = [f for f in chosen if f not in spoilt]
    new, bad, eds = _render(gf, chosen)
    bad = spoilt + bad
    ok = [f for f in chosen if f not in bad]
    if _keeps_errors(gf, new):
        return new, ok, bad, eds
    good: list[Fix] = []
    refused = list(bad)
    for fx in ok:
        trial, tbad, _ = _render(gf, good + [fx])
        if not tbad and _keeps_errors(gf, trial):
            good.append(fx)
        else:
            refused.append(fx)
    new, _, eds = _render(gf, good)
    return new, good, refused, eds
