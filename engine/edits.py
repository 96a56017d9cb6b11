"""Byte-exact edits: choose fixes that do not collide, apply them from the end of the file.

Two fixes collide when any of their edits touch the same bytes or insert at the same point.
The first fix in source order wins (ties: the outer one); the others wait for the next pass of
the fixed-point loop in `fixer`, which re-runs the codemods on the edited file.
"""
from __future__ import annotations

from .model import Edit, Fix


def _clash(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        # An insertion clashes with an insertion at the same point, or with a replacement
        # whose inside it falls into.
        if a.start == a.end and b.start == b.end:
            return a.start == b.start
        ins, rep = (a, b) if a.start == a.end else (b, a)
        return rep.start < ins.start < rep.end
    return a.start < b.end and b.start < a.end


def fixes_clash(a: Fix, b: Fix) -> bool:
    if a.scope is not None and b.scope is not None and a.scope[0] < b.scope[1] and b.scope[0] < a.scope[1]:
        return True
    return any(_clash(x, y) for x in a.edits for y in b.edits)


BUCKET = 4096  # bytes: chosen fixes are indexed by the stretches of the file they reach


def _reach(fix: Fix) -> tuple[int, int]:
    """The bytes (inclusive) a fix's edits and scope cover: two fixes clash only if theirs meet."""
    lo, hi = fix.span
    if fix.scope is not None:
        lo, hi = min(lo, fix.scope[0]), max(hi, fix.scope[1])
    return lo, hi


def select(fixes: list[Fix]) -> tuple[list[Fix], list[Fix]]:
    """Split fixes into (chosen, deferred): chosen ones are pairwise clash-free.

    Each fix is compared only with the chosen fixes whose reach shares a bucket with its own, so
    a file with thousands of fixes costs about as much per fix as a file with one."""
    order = sorted(fixes, key=lambda f: (f.span[0], -f.span[1]))
    chosen: list[Fix] = []
    deferred: list[Fix] = []
    buckets: dict[int, list[Fix]] = {}
    for fix in order:
        lo, hi = _reach(fix)
        keys = range(lo // BUCKET, hi // BUCKET + 1)
        near = {id(c): c for k in keys for c in buckets.get(k, ())}
        if any(fixes_clash(fix, c) for c in near.values()):
            deferred.append(fix)
        else:
            chosen.append(fix)
            for k in keys:
                buckets.setdefault(k, []).append(fix)
    return chosen, deferred


def apply(body: bytes, edits: list[Edit]) -> bytes:
    """Apply non-overlapping edits; insertions at one point keep their given order."""
    indexed = sorted(enumerate(edits), key=lambda ie: (ie[1].start, ie[1].end, ie[0]))
    out = []
    pos = 0
    for _, e in indexed:
        if e.start < pos:
            raise ValueError(f"overlapping edits at byte {e.start}")
        out.append(body[pos:e.start])
        out.append(e.text)
        pos = e.end
    out.append(body[pos:])
    return b"".join(out)
