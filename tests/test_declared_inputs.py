"""Declared inputs: a rule reads nothing behind the engine's back, and a warm run is a cold run.

Every rule declares what it reads besides its file and options (engine.model.INPUTS); its
Context refuses anything else, and the result cache keys on exactly those inputs. The property:
after any edit of a sibling file, go.mod, `.leakfix.toml` or the heap profile between two runs,
a warm run (cache on) prints byte for byte what `--no-cache` prints, for every rule (`diff` and
`check --format json`). LEAKFIX_PROPERTY_EXAMPLES raises the number of examples (default 3 per
rule besides two fixed ones, a few seconds in all).
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import leakfix.engine.cache as cache_mod
from leakfix.app import main
from leakfix.codemods import RULES
from leakfix.engine.model import INPUTS, Context, UndeclaredInput

sys.path.insert(0, str(Path(__file__).parent))
from test_pprof import Proto  # noqa: E402  (hand-encoded heap profiles)

EXAMPLES = int(os.environ.get("LEAKFIX_PROPERTY_EXAMPLES", "3"))

# One file with a site for every rule; b.go writes a.go's map (bound-map decides over both).
A_GO = """package p

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

var cache = map[string]string{}

func Render(w io.Writer, n int) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "item %d\\n", n)
	_, err := w.Write(b.Bytes())
	return err
}

func Read(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	_, err = f.Stat()
	return err
}

func Wait() {
	t := time.NewTicker(time.Second)
	<-t.C
}

func Fetch(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ctx.Err()
}

func ReadAll(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
	}
	return nil
}

func Check(p string) error {
	f, err := os.Open(p)
	defer f.Close()
	if err != nil {
		return err
	}
	return nil
}
"""
RENDER_LINE = 15  # `var b bytes.Buffer`

B_GO = """package p

func Lookup(k string) string {
	if v, ok := cache[k]; ok {
		return v
	}
	v := compute(k)
	cache[k] = v
	return v
}

func compute(k string) string { return k + "!" }
"""

CLASH = "package p\n\nvar aBufferPool = 1\n"
EXTERNAL_TEST = "package p_test\n\nvar aBufferPool = 2\n"
GOMOD = "module example.com/p\n\ngo {}\n"
CONFIGS = [
    None,
    "[sync-pool]\nmax-bytes = 1024\n",
    "[sync-pool]\nmin-bytes = 1\n",
    '[rules]\nenable = ["sync-pool", "bound-map"]\n',
    '[rules]\nenable = ["bound-map"]\ndisable = ["defer-cancel"]\n',
    "[bound-map]\nmax-entries = 10\n",
    '[defer-close]\nclose-style = "errcheck"\n',
    '[rules]\nfix = ["all"]\n',
]


def _profile(line: int) -> bytes:
    p = Proto()
    hot = p.loc("p.Render", "example.com/p/a.go", line)
    cold = p.loc("p.Other", "example.com/p/a.go", 3)
    return p.profile(["alloc_space"], [([hot], [900]), ([cold], [100])])


PROFILES = [_profile(RENDER_LINE), _profile(RENDER_LINE + 1)]


class Package:
    """A small package on disk; every write gets a new mtime, so a file's stat signature always
    tells its versions apart (the cache trusts signatures at once in these tests)."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.tick = 0
        self.write("a.go", A_GO)
        self.write("b.go", B_GO)
        self.write("go.mod", GOMOD.format("1.22"))
        self.write("mem.pprof", PROFILES[0])

    def write(self, name: str, data: str | bytes) -> None:
        path = self.root / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        self.tick += 1
        stamp = 1_700_000_000 + self.tick
        os.utime(path, (stamp, stamp))

    def remove(self, name: str) -> None:
        (self.root / name).unlink(missing_ok=True)

    def edit(self, what: str) -> None:
        kind, _, arg = what.partition(":")
        if kind == "clash":
            self.write("c.go", CLASH)
        elif kind == "unclash":
            self.remove("c.go")
        elif kind == "external-test":
            self.write("x_test.go", EXTERNAL_TEST)
        elif kind == "drop-b":
            self.remove("b.go")
            self.remove("d.go")
        elif kind == "restore-b":
            self.remove("d.go")
            self.write("b.go", B_GO)
        elif kind == "rename-b":
            if (self.root / "b.go").exists():
                os.replace(self.root / "b.go", self.root / "d.go")
        elif kind == "go":
            self.write("go.mod", GOMOD.format(arg))
        elif kind == "no-gomod":
            self.remove("go.mod")
        elif kind == "config":
            text = CONFIGS[int(arg)]
            if text is None:
                self.remove(".leakfix.toml")
            else:
                self.write(".leakfix.toml", text)
        elif kind == "profile":
            self.write("mem.pprof", PROFILES[int(arg)])
        else:
            raise AssertionError(what)


EDITS = st.sampled_from(
    ["clash", "unclash", "external-test", "drop-b", "restore-b", "rename-b", "go:1.21", "go:1.24", "go:1.22",
     "no-gomod", "profile:0", "profile:1"] + [f"config:{i}" for i in range(len(CONFIGS))])


def leakfix(*args: str) -> tuple[int, bytes]:
    """Exit code and stdout of an in-process leakfix call."""
    out = io.BytesIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    with contextlib.redirect_stdout(wrapper), contextlib.redirect_stderr(io.StringIO()):
        with pytest.raises(SystemExit) as exc:
            main(list(args))
    wrapper.flush()
    return exc.value.code, out.getvalue()


def outputs(root: Path, rule: str, profile: bool, cache: bool) -> list[tuple[int, bytes]]:
    extra = ["--profile", str(root / "mem.pprof")] if profile else []
    extra += [] if cache else ["--no-cache"]
    return [leakfix("diff", "--jobs", "1", "--only", rule, *extra, str(root)),
            leakfix("check", "--format", "json", "--jobs", "1", "--only", rule, *extra, str(root))]


@pytest.fixture
def trusting_cache(monkeypatch, tmp_path):
    """A fresh cache that trusts a file's stat signature at once (files written here never change
    within one clock tick: Package.write gives each write a new mtime)."""
    monkeypatch.setattr(cache_mod, "SETTLED_NS", 0)
    monkeypatch.setenv("LEAKFIX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LEAKFIX_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("rule", list(RULES))
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.lists(EDITS, min_size=1, max_size=3), min_size=1, max_size=3), profile=st.booleans())
@example(steps=[["go:1.24"], ["drop-b", "clash"], ["config:1", "profile:1"]], profile=True)
@example(steps=[["rename-b", "config:3"], ["go:1.21", "external-test"], ["restore-b", "no-gomod"]], profile=False)
def test_a_warm_run_prints_what_a_cold_run_prints_after_any_edit(trusting_cache, rule, steps, profile):
    with tempfile.TemporaryDirectory(dir=".") as tmp:
        pkg = Package(Path(tmp).resolve())
        outputs(pkg.root, rule, profile, cache=True)  # fills the cache
        for step in steps:
            for what in step:
                pkg.edit(what)
            warm = outputs(pkg.root, rule, profile, cache=True)
            cold = outputs(pkg.root, rule, profile, cache=False)
            assert warm == cold, f"after {steps}: a warm run of {rule} differs from a cold one"


def test_a_sibling_declaring_the_pool_name_is_seen_by_a_warm_run(trusting_cache, tmp_path):
    """The stale fix users got: sync-pool named its pool aBufferPool, then a new sibling file
    declared `var aBufferPool = 1`, and the warm run replayed the old fix (the package no longer
    compiled) while --no-cache picked aBufferPool1."""
    pkg = Package(tmp_path / "p")
    first = leakfix("diff", "--jobs", "1", "--only", "sync-pool", str(pkg.root))[1]
    assert b"+var aBufferPool = sync.Pool{" in first
    pkg.write("c.go", CLASH)
    warm = leakfix("diff", "--jobs", "1", "--only", "sync-pool", str(pkg.root))[1]
    cold = leakfix("diff", "--jobs", "1", "--only", "sync-pool", "--no-cache", str(pkg.root))[1]
    assert b"+var aBufferPool1 = sync.Pool{" in cold
    assert warm == cold


def test_every_rule_declares_inputs_from_the_vocabulary():
    for rid, cls in RULES.items():
        assert isinstance(cls.inputs, frozenset), rid
        assert cls.inputs <= INPUTS.keys(), rid
    assert RULES["sync-pool"].inputs == {"package", "gomod", "profile"}
    assert RULES["bound-map"].inputs == {"package", "gomod"}
    assert RULES["stop-timer"].inputs == {"gomod"}
    assert RULES["defer-close"].inputs == {"index"}
    assert RULES["defer-cancel"].inputs == frozenset()


def test_a_context_refuses_an_input_its_rule_did_not_declare():
    ctx = Context(loaders={"gomod": lambda: ((1, 22), "example.com/m")}, inputs=frozenset({"gomod"}))
    assert ctx.go_version == (1, 22) and ctx.module_path == "example.com/m"
    with pytest.raises(UndeclaredInput):
        ctx.package
    with pytest.raises(UndeclaredInput):
        Context(inputs=frozenset()).go_version


def test_a_rule_reading_an_undeclared_input_is_an_error_not_a_silent_stale_result(trusting_cache, tmp_path,
                                                                                  monkeypatch):
    pkg = Package(tmp_path / "p")
    monkeypatch.setattr(RULES["stop-timer"], "inputs", frozenset())
    code, out = leakfix("check", "--format", "json", "--jobs", "1", "--only", "stop-timer", "--no-cache",
                        str(pkg.root))
    assert b"reads gomod without declaring it" in out


def test_no_codemod_reads_a_file_or_the_engine_modules_that_do():
    """What a codemod reads comes through its Context: no `open`, no import of the modules that
    read go.mod, package files or profiles (the tool's own data files excepted: they are part
    of leakfix's code, which the cache keys on)."""
    import ast

    import leakfix.codemods as codemods

    forbidden = {"gomod", "package", "pprof", "inputs", "cache", "discover"}
    for module in sorted(Path(codemods.__file__).parent.glob("*.py")):
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("leakfix.engine"):
                names = {(node.module or "").rsplit(".", 1)[-1], *(a.name for a in node.names)}
                assert not names & forbidden, f"{module.name} imports {names & forbidden}"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("leakfix.engine." + f) for a in node.names for f in forbidden)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "open", f"{module.name} opens a file"
