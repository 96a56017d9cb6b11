"""Robustness: leakfix on broken variants of the golden inputs.

Hypothesis takes a golden input.go, mutates it (deletes, duplicates or swaps lines, truncates,
inserts random bytes or braces) and runs `leakfix apply` on it. Whatever the damage:
- leakfix exits 0 or 1 (a warning about an unparsable file is fine; a traceback or exit 2 is not);
- the file it leaves has no more tree-sitter ERROR/MISSING nodes than the mutated input had
  (a fix must never add a syntax error).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import tree_sitter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GO_MOD = "module golden\n\ngo 1.22\n"
CASES = sorted(p for p in (ROOT / "golden").glob("*/*/") if (p / "input.go").is_file())


def leakfix_cmd() -> list[str]:
    exe = shutil.which("leakfix")
    return [exe] if exe else [sys.executable, "-m", "leakfix"]

from leakfix.engine.source import go_language  # noqa: E402  (the grammar leakfix is built with)

_LANG = go_language()
_PARSER = tree_sitter.Parser(_LANG)

INPUTS = [(c, (c / "input.go").read_bytes()) for c in CASES]


def syntax_errors(body: bytes) -> int:
    """ERROR and MISSING nodes in the tree-sitter-go parse of body."""
    root = _PARSER.parse(body).root_node
    n = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            n += 1
        if node.has_error or node.is_missing:
            stack.extend(node.children)
    return n


_SNIPPETS = [b"{", b"}", b"(", b")", b"\n}\n", b"{\n", b"\"", b"`", b"/*", b"*/", b"\x00",
             b"\xff\xfe", b"\r\n", b"\t", b"defer ", b"err", b":= ", b"if err != nil {", b"return"]


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    case, body = draw(st.sampled_from(INPUTS))
    ops = draw(st.lists(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert"]),
                        min_size=1, max_size=3))
    for op in ops:
        lines = body.split(b"\n")
        if op == "delete" and len(lines) > 1:
            del lines[draw(st.integers(0, len(lines) - 1))]
            body = b"\n".join(lines)
        elif op == "duplicate":
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            body = b"\n".join(lines)
        elif op == "swap" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            body = b"\n".join(lines)
        elif op == "truncate":
            body = body[: draw(st.integers(0, len(body)))]
        elif op == "insert":
            at = draw(st.integers(0, len(body)))
            junk = draw(st.one_of(st.sampled_from(_SNIPPETS), st.binary(min_size=1, max_size=8)))
            body = body[:at] + junk + body[at:]
    return f"{case.parent.name}/{case.name} {ops}", body


@pytest.mark.skipif(not INPUTS, reason="no golden cases")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=bool(os.environ.get("CI")))
@given(mutated())
def test_leakfix_survives_broken_input(sample: tuple[str, bytes]) -> None:
    label, body = sample
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "go.mod").write_text(DEFAULT_GO_MOD)
        target = work / "input.go"
        target.write_bytes(body)
        proc = subprocess.run([*leakfix_cmd(), "apply", "--no-progress", str(work)], cwd=work,
                              capture_output=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
        err = proc.stderr.decode(errors="replace")
        assert proc.returncode in (0, 1), f"{label}: exit {proc.returncode}\n{err[-3000:]}"
        assert "Traceback" not in err, f"{label}:\n{err[-3000:]}"
        after = target.read_bytes()
        assert syntax_errors(after) <= syntax_errors(body), (
            f"{label}: apply added syntax errors ({syntax_errors(body)} -> {syntax_errors(after)})"
        )


def test_syntax_error_counter() -> None:
    assert syntax_errors(b"package p\n\nfunc f() {\n\tif x {\n}\n") > 0
    assert syntax_errors(b"package p\n\nfunc f() {\n\tfor {\n\t\tbreak\n\t}\n}\n") == 0
