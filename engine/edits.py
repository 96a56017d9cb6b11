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


def select(fixes: list[Fix]) -> tuple[list[Fix], list[Fix]]:
    """Split fixes into (chosen, deferred): chosen ones are pairwise clash-free."""
    order = sorted(fixes, key=lambda f: (f.span[0], -f.span[1]))
    chosen: list[Fix] = []
    deferred: list[Fix] = []
    for fix in order:
        if any(fixes_clash(fix, c) for c in chosen):
            deferred.append(fix)
        else:
            chosen.append(fix)
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
