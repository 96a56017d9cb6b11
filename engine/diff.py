"""Render the change between two versions of a file as a unified diff that git apply accepts.

Works on bytes: lines are split on LF only (a CR stays part of its line), invalid UTF-8 survives
byte for byte, and a last line without a newline gets git's `\\ No newline at end of file`.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass

NO_NEWLINE = "\\ No newline at end of file\n"
C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


@dataclass(frozen=True)
class _Change:
    """Old lines [i1, i2) became new lines [j1, j2)."""

    i1: int
    i2: int
    j1: int
    j2: int


def unified_diff(old: bytes, new: bytes, relpath: str, context: int = 3) -> bytes:
    """A unified diff from `a/<relpath>` to `b/<relpath>`; empty when old == new."""
    if old == new:
        return b""
    a, b = _lines(old), _lines(new)
    out = [f"--- {_header_name('a/' + relpath)}\n", f"+++ {_header_name('b/' + relpath)}\n"]
    for hunk in _group(_changes(a, b), context):
        out.extend(_hunk_lines(a, b, hunk, context))
    return "".join(out).encode("utf-8", "surrogateescape")


def relpath_for_diff(path: str, cwd: str | None = None) -> str:
    """`path` relative to `cwd` (default: the current directory), with forward slashes."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(cwd or os.getcwd()))
    return rel.replace(os.sep, "/")


def _header_name(name: str) -> str:
    """A file name as git writes it on `---`/`+++` lines.

    Names with control characters, quotes or backslashes are C-quoted; a name with a space
    gets a trailing tab so that GNU patch does not cut it at the space.
    """
    if any(ch in C_ESCAPES or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name):
        return '"' + "".join(_c_escape(ch) for ch in name) + '"'
    return name + "\t" if " " in name else name


def _c_escape(ch: str) -> str:
    if ch in C_ESCAPES:
        return C_ESCAPES[ch]
    if ord(ch) < 0x20 or ord(ch) == 0x7F:
        return f"\\{ord(ch):03o}"
    return ch


def _lines(data: bytes) -> list[str]:
    """Split on LF keeping the ends; bytes map to str reversibly (surrogateescape)."""
    text = data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    last = lines.pop()
    result = [line + "\n" for line in lines]
    if last:
        result.append(last)
    return result


def _changes(a: list[str], b: list[str]) -> list[_Change]:
    """The differing regions; the common head and tail are trimmed before matching."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    # autojunk keeps large repetitive files fast; the diff stays correct, if not always minimal.
    matcher = difflib.SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=True)
    return [
        _Change(i1 + head, i2 + head, j1 + head, j2 + head)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _group(changes: list[_Change], context: int) -> list[list[_Change]]:
    """Changes whose context would touch or overlap share a hunk."""
    hunks: list[list[_Change]] = []
    for change in changes:
        if hunks and change.i1 - hunks[-1][-1].i2 <= 2 * context:
            hunks[-1].append(change)
        else:
            hunks.append([change])
    return hunks


def _hunk_lines(a: list[str], b: list[str], hunk: list[_Change], context: int) -> list[str]:
    first, last = hunk[0], hunk[-1]
    a_start = max(0, first.i1 - context)
    a_end = min(len(a), last.i2 + context)
    b_start = first.j1 - (first.i1 - a_start)
    b_end = last.j2 + (a_end - last.i2)
    out = [f"@@ -{_range(a_start, a_end - a_start)} +{_range(b_start, b_end - b_start)} @@\n"]
    pos = a_start
    for change in hunk:
        out += _prefixed(" ", a[pos:change.i1])
        out += _prefixed("-", a[change.i1:change.i2])
        out += _prefixed("+", b[change.j1:change.j2])
        pos = change.i2
    out += _prefixed(" ", a[pos:a_end])
    return out


def _range(start: int, length: int) -> str:
    """A hunk range the way diff writes it: `3` for one line, `2,0` after line 2 for none."""
    if length == 1:
        return str(start + 1)
    if length == 0:
        return f"{start},0"
    return f"{start + 1},{length}"


def _prefixed(prefix: str, lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        out.append(prefix + line)
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return out
