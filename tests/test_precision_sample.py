"""The precision audit's sampler (docs/precision_sample.py) draws the same sample every time."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from unidiff import PatchSet

_SPEC = importlib.util.spec_from_file_location(
    "precision_sample", Path(__file__).resolve().parent.parent / "docs" / "precision_sample.py")
ps = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(ps)


def _finding(rule, path, line, applicability):
    return {"rule": rule, "path": path, "line": line, "column": 1, "applicability": applicability}


FINDINGS = [_finding("defer-close", f"p{i % 7}.go", i, ["default", None, "on-request"][i % 3])
            for i in range(60)]


def test_the_same_seed_draws_the_same_findings_whatever_their_order():
    a = ps.sample(FINDINGS, "defer-close", "default", 12, 5)
    b = ps.sample(list(reversed(FINDINGS)), "defer-close", "default", 12, 5)
    assert a == b and len(a) == 5
    assert all(f["applicability"] == "default" for f in a)
    assert ps.sample(FINDINGS, "defer-close", "default", 13, 5) != a


def test_findings_without_a_fix_form_their_own_class_and_on_request_ones_are_not_drawn():
    none = ps.sample(FINDINGS, "defer-close", "none", 12, 100)
    assert len(none) == 20 and all(f["applicability"] is None for f in none)


def test_the_hunks_of_a_finding_are_those_inside_its_function(tmp_path):
    src = "package p\n\nfunc a() {\n\tx()\n}\n\nfunc b() {\n\ty()\n}\n"
    (tmp_path / "p.go").write_text(src)
    diff = ("--- a/p.go\n+++ b/p.go\n@@ -3,3 +3,4 @@\n func a() {\n \tx()\n+\tz()\n }\n"
            "@@ -7,3 +8,4 @@\n func b() {\n \ty()\n+\tw()\n }\n")
    patch = PatchSet(diff)
    span = ps.function_span(tmp_path / "p.go", 8)
    assert span == (7, 9)
    got = ps.hunks_for(patch, "p.go", span)
    assert "w()" in got and "z()" not in got
