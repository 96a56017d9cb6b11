"""The real-fix benchmark's data and the runner's judging helpers (no repository needed)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import unidiff

BENCH = Path(__file__).resolve().parent.parent / "bench" / "realfix"


def _load(name: str, file: str):
    """Import a script of bench/realfix under a name no other module uses."""
    spec = importlib.util.spec_from_file_location(name, BENCH / file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


run = _load("realfix_run", "run.py")
gofuncs = run.gofuncs

KINDS = {"file", "body", "rows", "conn", "cancel", "ticker", "cache", "pool", "other"}
HANDOFFS = {"returned", "stored", "struct", "caller"}
SHA = re.compile(r"^[0-9a-f]{40}$")


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return run.load_cases(BENCH / "cases.toml")


def test_every_case_follows_the_documented_schema(cases):
    for c in cases:
        assert SHA.match(c["commit"]), c["id"]
        assert re.match(r"^[\w.-]+/[\w.-]+$", c["repo"]), c["id"]
        assert c["file"].endswith(".go") and c["function"] and c["line"] > 0, c["id"]
        assert c["kind"] in KINDS, c["id"]
        if c["negative"]:
            assert c["id"].startswith("neg-") and c["shape"] in HANDOFFS and c["handoff"], c["id"]
        else:
            assert SHA.match(c["parent"]) and c["shape"] in run.SHAPES and c["fix"], c["id"]


def test_the_benchmark_is_as_large_as_promised(cases):
    fixes = [c for c in cases if not c["negative"]]
    assert len(fixes) >= 60
    assert len({c["repo"] for c in fixes}) >= 8
    assert len([c for c in cases if c["negative"]]) >= 15


def test_no_forbidden_project_is_used(cases):
    forbidden = {"go-ethereum", "prometheus", "containerd", "syncthing", "etcd", "minio", "hugo",
                 "traefik", "cli", "telegraf", "pgroll", "caddy", "nomad", "postgres_exporter",
                 "gofr", "dcgm-exporter", "helium"}
    assert not {c["repo"].split("/")[1] for c in cases} & forbidden


GO = b"""package p

var opener = func(p string) error {
	return nil
}

func Plain() {}

func (s *Server[T]) Generic() {
	_ = 1
}

func (v Value) Method() {}
"""


def test_function_spans_name_functions_methods_and_function_variables():
    spans = gofuncs.function_spans(GO)
    assert spans == {"opener": (3, 5), "Plain": (7, 7), "Server.Generic": (9, 11),
                     "Value.Method": (13, 13)}


DIFF = """--- a/x/p.go
+++ b/x/p.go
@@ -9,3 +9,4 @@
 func (s *Server[T]) Generic() {
+\tdefer f.Close()
 \t_ = 1
 }
"""


def test_a_diff_inside_the_span_touches_the_function_and_one_outside_does_not():
    patches = unidiff.PatchSet(DIFF)
    assert run.touched(patches, "x/p.go", (9, 11))
    assert not run.touched(patches, "x/p.go", (13, 13))
    assert not run.touched(patches, "y/p.go", (9, 11))


def test_findings_count_only_for_their_kind():
    assert run.rule_matches("file", "defer-close")
    assert run.rule_matches("body", "a-future-release-rule")
    assert not run.rule_matches("file", "defer-cancel")
    assert run.rule_matches("cancel", "defer-cancel")
    assert not run.rule_matches("cache", "defer-close")


def test_a_finding_in_a_function_shared_by_two_cases_goes_to_the_nearest():
    def prep(cid: str, line: int) -> run.Prepared:
        case = {"id": cid, "negative": False, "shape": "other", "kind": "file", "repo": "o/r",
                "commit": "c", "parent": "p", "file": "a.go", "function": "F", "line": line}
        return run.Prepared(case, run.Outcome(cid, False, "other", "file", "o/r"))

    first, second = prep("a", 10), prep("b", 30)
    finding = {"rule": "defer-close", "line": 28}
    assert run._nearest(first, finding, [first, second]) is second
