"""Grammar-based fuzzing: leakfix on generated Go files, on their mutations, and on arbitrary bytes.

tests/gogen.py generates small but complete, type-correct Go files from a grammar of what the
rules care about (acquisitions, error checks, ifs, loops, returns of the resource, closures,
goroutines, defers, ownership escapes). For every generated file, with every rule enabled
(sync-pool too), in-process through `engine.fixer.fix_file`:

- nothing raises and no error is reported (the file is valid, so even "fixes produced a syntax
  error" would be a bug);
- the output parses (no tree-sitter ERROR or MISSING node) and is gofmt-clean (the generated
  input is gofmt-clean; that is asserted too, so the generator cannot drift);
- running again on the output changes nothing and finds nothing left to fix (idempotence);
- the same file with CRLF line ends, or with a UTF-8 BOM, gives the same output with CRLF / BOM.

A batch of generated files is written into Go modules (one per `go` version) and fixed with the
real command line (`leakfix apply`, in-process, twice): `go vet` must pass on every output except
for leak diagnostics (lostcancel, httpresponse, loopclosure) that `go vet` already reported for
the same function of the input; inputs must vet clean apart from those (the generator's promise).

Arbitrary bytes, token soup and mutations of generated files (lines deleted, duplicated or
swapped, bytes inserted, invalid UTF-8 in strings and comments) must never crash leakfix; when
the damaged input still parses, the output parses and a second run changes nothing.

Runs are deterministic (derandomized). LEAKFIX_FUZZ_EXAMPLES=N multiplies the number of examples
(default 1: well under a minute in all), LEAKFIX_FUZZ_SEED=N draws other examples than CI's,
reproducibly, LEAKFIX_FUZZ_SHRINK=1 minimises a failing example; to hunt bugs locally, e.g.
LEAKFIX_FUZZ_EXAMPLES=50 LEAKFIX_FUZZ_SEED=7 pytest tests/test_fuzz_grammar.py.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
import traceback
from functools import lru_cache
from pathlib import Path

import tree_sitter
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gogen  # noqa: E402  (the grammar lives beside this file)

SCALE = max(1, int(os.environ.get("LEAKFIX_FUZZ_EXAMPLES", "1") or 1))
VERSIONS = [(1, 19), (1, 21), (1, 22), (1, 23), None]  # None: no go.mod (stop-timer is silent)
STYLES = ["plain", "errcheck"]

# where the fuzzed file pretends to live: sync-pool looks at the names its siblings declare
_EMPTY_DIR = tempfile.mkdtemp(prefix="leakfix-fuzz-")
from leakfix.engine.source import go_language  # noqa: E402  (the grammar leakfix is built with)

_PARSER = tree_sitter.Parser(go_language())


SEED = os.environ.get("LEAKFIX_FUZZ_SEED")  # other examples than CI's, reproducibly
SHRINK = os.environ.get("LEAKFIX_FUZZ_SHRINK", "") not in ("", "0")  # minimise a failing example (slow)
PHASES = [Phase.explicit, Phase.generate] + ([Phase.shrink] if SHRINK else [])


def _settings(n: int, scale: int = SCALE):
    """n examples (times LEAKFIX_FUZZ_EXAMPLES), deterministic: derandomized, or the given seed.
    A failure is not shrunk by default (a generated file is short, and the messages show it
    whole); LEAKFIX_FUZZ_SHRINK=1 shrinks it."""
    conf = settings(max_examples=n * scale, deadline=None, derandomize=SEED is None, database=None,
                    phases=PHASES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                          HealthCheck.filter_too_much])

    def apply(test):
        test = conf(test)
        return seed(int(SEED))(test) if SEED is not None else test

    return apply


# -- running leakfix in-process --------------------------------------------------------------

@lru_cache(maxsize=None)
def rules_for(style: str) -> tuple:
    from leakfix.codemods import RULES
    from leakfix.engine.config import Config
    from leakfix.engine.runner import build_rules

    data = {"defer-close": {"close-style": style}} if style != "plain" else {}
    return tuple(build_rules(list(RULES), Config(data=data)))


def fix(raw: bytes, version=(1, 22), style: str = "plain", label: str = ""):
    """fix_file on raw with every rule; any exception is a crash of leakfix."""
    from leakfix.engine.fixer import fix_file
    from leakfix.engine.model import Context

    rules = list(rules_for(style))
    ctx = Context(version)
    try:
        res = fix_file(os.path.join(_EMPTY_DIR, gogen.file_name(raw)), raw, rules, {r.id: ctx for r in rules},
                       requested=frozenset(r.id for r in rules))  # every fix, on-request ones too
    except RecursionError:
        # the runner turns this into the warning "too deeply nested to analyse; skipped"
        return None
    except Exception:
        raise AssertionError(f"leakfix crashed on {label}:\n{traceback.format_exc()}\n--- input\n"
                             f"{raw.decode(errors='replace')}") from None
    bad = [e for e in res.errors if "internal error" in e]
    assert not bad, f"{label}: {bad}\n--- input\n{raw.decode(errors='replace')}"
    return res


def syntax_errors(body: bytes) -> int:
    root = _PARSER.parse(body).root_node
    n, stack = 0, [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            n += 1
        if node.has_error or node.is_missing:
            stack.extend(node.children)
    return n


def gofmt(src: bytes) -> bytes:
    proc = subprocess.run(["gofmt"], input=src, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return proc.stdout


def _diff(a: bytes, b: bytes, names=("before", "after")) -> str:
    import difflib

    return "".join(difflib.unified_diff(a.decode(errors="replace").splitlines(True),
                                        b.decode(errors="replace").splitlines(True), *names))[:6000]


def _show(src: bytes) -> str:
    return "\n".join(f"{i + 1:4} {ln}" for i, ln in enumerate(src.decode(errors="replace").splitlines()))


# -- the properties of one generated file ----------------------------------------------------

CASES = st.tuples(gogen.go_files(), st.sampled_from(VERSIONS), st.sampled_from(STYLES))


def check_prefilters(src: bytes, version, style: str, label: str) -> None:
    """A rule the prefilter skips (can_match, from the bytes alone) would have found nothing."""
    from leakfix.engine.fixer import can_match
    from leakfix.engine.model import Context
    from leakfix.engine.source import GoFile

    rules = rules_for(style)
    chosen = {r.id for r in can_match(src, rules)}
    gf = GoFile(os.path.join(_EMPTY_DIR, gogen.file_name(src)), src)
    for r in rules:
        if r.id not in chosen:
            found = [f"{gf.line_col(f.start)[0]}: {f.message}" for f in r.run(gf, Context(version))]
            assert not found, f"{label}: the prefilter skips {r.id}, which finds {found}\n{_show(src)}"


def check_generated(src: bytes, version, style: str) -> bytes:
    label = f"a generated file (go {version}, close-style {style})"
    assert syntax_errors(src) == 0, f"the generator wrote a syntax error:\n{_show(src)}"
    assert gofmt(src) == src, f"the generator wrote unformatted code:\n{_diff(src, gofmt(src))}"
    check_prefilters(src, version, style, label)
    res = fix(src, version, style, label)
    assert res is not None, f"{label}: too deeply nested?\n{_show(src)}"
    assert res.errors == [], f"{label}: {res.errors}\n{_show(src)}"
    out = res.new
    assert syntax_errors(out) == 0, f"{label}: the output does not parse:\n{_diff(src, out)}"
    formatted = gofmt(out)
    assert formatted == out, f"{label}: the output is not gofmt-clean:\n{_diff(out, formatted, ('leakfix', 'gofmt'))}" \
                             f"\n--- the fix\n{_diff(src, out)}"
    again = fix(out, version, style, label + ", second run")
    assert again.new == out, f"{label}: a second run changed the output:\n{_diff(out, again.new)}\n--- first run\n" \
                             f"{_diff(src, out)}"
    left = [f"{f.line}: {f.rule}: {f.message}" for f in again.findings if f.fix is not None or f.fixed]
    assert not left, f"{label}: a second run still finds fixes: {left}\n{_diff(src, out)}"
    # line ends and a byte order mark are kept, and change nothing else
    crlf = fix(src.replace(b"\n", b"\r\n"), version, style, label + " with CRLF")
    crlf_out = crlf.new.replace(b"\r\n", b"\n")
    assert crlf.new == out.replace(b"\n", b"\r\n"), \
        f"{label}: CRLF input gives another fix:\n{_diff(out, crlf_out)}\n{_show(src)}"
    bom = fix(b"\xef\xbb\xbf" + src, version, style, label + " with a BOM")
    assert bom.new == b"\xef\xbb\xbf" + out, f"{label}: BOM input gives another fix\n{_show(src)}"
    return out


@_settings(400)
@given(CASES)
def test_generated_files_are_fixed_into_parsable_gofmt_clean_idempotent_go(case) -> None:
    (_pkg, src), version, style = case
    check_generated(src, version, style)


# -- a batch through the command line, then go vet -------------------------------------------

# what go vet says about leaks (the input may have them; leakfix need not fix every one)
LEAK_DIAGNOSTICS = re.compile(r"should be called, not discarded|possible context leak|without using the \w+ var "
                              r"defined on line|before checking for errors|loop variable \w+ captured by func literal")
_DIAG = re.compile(r"^(?:vet: )?(?:\./)?(\S+?\.go):(\d+):(?:\d+:)? ?(.*)$")


def _go_env() -> dict[str, str]:
    return {**os.environ, "GOTOOLCHAIN": "local", "GOWORK": "off", "GOFLAGS": "-mod=mod", "GOPROXY": "off"}


def _enclosing_function(src: bytes, line: int) -> str:
    for node in _PARSER.parse(src).root_node.named_children:
        if node.type in ("function_declaration", "method_declaration") and \
                node.start_point[0] + 1 <= line <= node.end_point[0] + 1:
            name = node.child_by_field_name("name")
            return src[name.start_byte:name.end_byte].decode()
    return "<file>"


def vet(module: Path, tree: str) -> tuple[set, list[str]]:
    """go vet ./<tree>/...: its diagnostics as (package dir, function, message without numbers)."""
    proc = subprocess.run(["go", "vet", f"./{tree}/..."], cwd=module, capture_output=True, text=True,
                          env=_go_env(), timeout=900)
    found, raw = set(), []
    for ln in (proc.stdout + proc.stderr).splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        m = _DIAG.match(ln)
        if m is None:
            found.add(("?", "?", ln))
            raw.append(ln)
            continue
        path = module / m.group(1)
        if not path.is_file():
            path = module / tree / m.group(1)
        rel = path.relative_to(module / tree)
        func = _enclosing_function(path.read_bytes(), int(m.group(2)))
        msg = ("vet: " if ln.startswith("vet:") else "") + re.sub(r"\d+", "N", m.group(3))
        found.add((str(rel.parent), func, msg))
        raw.append(ln)
    return found, raw


def all_rules() -> str:
    from leakfix.codemods import RULES

    return ",".join(RULES)


def run_cli(*args: str) -> tuple[int, str]:
    from leakfix.app import main

    err = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
    return code, err.getvalue()


def generated(strategy, n: int) -> list:
    """n examples of a strategy, drawn like a test's (deterministic, LEAKFIX_FUZZ_SEED applies)."""
    out: list = []

    @_settings(n)
    @given(strategy)
    def collect(example) -> None:
        out.append(example)

    collect()
    return out


def test_a_batch_fixed_by_the_command_line_passes_go_vet(tmp_path_factory) -> None:
    batch = generated(st.tuples(gogen.go_files(), st.sampled_from([v for v in VERSIONS if v])), 60)
    tmp = tmp_path_factory.mktemp("vet")
    modules: dict[tuple, Path] = {}
    for i, ((_pkg, src), version) in enumerate(batch):
        mod = modules.setdefault(version, tmp / f"go{version[0]}.{version[1]}")
        for tree in ("in", "out"):
            d = mod / tree / f"p{i:02}"
            d.mkdir(parents=True)
            (d / gogen.file_name(src)).write_bytes(src)
        (mod / "go.mod").write_text(f"module fuzz\n\ngo {version[0]}.{version[1]}\n")
    problems = []
    for version, mod in sorted(modules.items()):
        code, err = run_cli("apply", "--no-progress", "--no-cache", "--jobs", "1", "--color", "never",
                            "--only", all_rules(), str(mod / "out"))
        assert code in (0, 1) and "internal error" not in err and "Traceback" not in err, err
        assert "warning" not in err, f"apply warned about a generated file:\n{err}"
        before = {p: p.read_bytes() for p in (mod / "out").rglob("*.go")}
        code, err2 = run_cli("apply", "--no-progress", "--no-cache", "--jobs", "1", "--color", "never",
                             "--only", all_rules(), str(mod / "out"))
        assert "leakfix: 0 fix(es) in 0 file(s)" in err2, f"the second apply fixed more:\n{err2}"
        assert before == {p: p.read_bytes() for p in (mod / "out").rglob("*.go")}
        fmt = subprocess.run(["gofmt", "-l", "."], cwd=mod, capture_output=True, text=True)
        assert fmt.stdout == "", f"not gofmt-clean: {fmt.stdout}"
        vin, raw_in = vet(mod, "in")
        vout, raw_out = vet(mod, "out")
        odd = [d for d in vin if not LEAK_DIAGNOSTICS.search(d[2])]
        assert not odd, f"the generator wrote code go vet rejects (go {version}): {odd}\n" + "\n".join(raw_in)
        for d in sorted(vout - vin):
            pkg = d[0]
            name = next((mod / "in" / pkg).glob("*.go")).name
            problems.append(f"go {version}: {pkg} func {d[1]}: {d[2]}\n--- fix\n"
                            f"{_diff((mod / 'in' / pkg / name).read_bytes(), (mod / 'out' / pkg / name).read_bytes())}")
    assert not problems, "go vet reports what it did not report before leakfix:\n" + "\n".join(problems)


# -- broken input never crashes it -----------------------------------------------------------

GO_TOKENS = ["package p\n", "func", "f", "(", ")", "{", "}", "\n", "err", ":=", "=", "if", "!=", "nil", "return",
             "defer", "for", "range", "go", "os.Open", "f.Close()", "cancel()", "context.WithCancel(ctx)",
             "time.After(d)", "select", "case", "<-", ":", ",", ";", "break", "continue", "switch", "var",
             "\"s\"", "`raw`", "// c\n", "/*", "*/", "\xff", "label:", "goto", "func()", "http.Get(u)", "import \"os\"\n"]


@_settings(1000)
@given(st.one_of(st.binary(max_size=600),
                 st.lists(st.sampled_from(GO_TOKENS), max_size=80).map(lambda ts: " ".join(ts).encode("utf-8", "surrogateescape"))))
def test_arbitrary_bytes_never_crash_it(raw: bytes) -> None:
    res = fix(raw, label="arbitrary bytes")
    if res is not None:
        assert syntax_errors(res.new) <= syntax_errors(raw)


_JUNK = [b"{", b"}", b"(", b")", b"\n}\n", b"\"", b"`", b"/*", b"\x00", b"\xff\xfe", b"\xc3", b"\r\n", b"\t",
         b"defer ", b"err", b":= ", b"if err != nil {", b"return", b"break", b"go ", b"_"]


@st.composite
def mutated(draw):
    (_pkg, src), version, style = draw(CASES)
    body = src
    for op in draw(st.lists(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert", "utf8"]),
                            min_size=1, max_size=3)):
        lines = body.split(b"\n")
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "truncate":
            body = body[: draw(st.integers(0, len(body)))]
            continue
        elif op == "insert":
            at = draw(st.integers(0, len(body)))
            junk = draw(st.one_of(st.sampled_from(_JUNK), st.binary(min_size=1, max_size=6)))
            body = body[:at] + junk + body[at:]
            continue
        else:  # invalid UTF-8 inside a string literal or a comment
            bad = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xe2\x82", b"\x80\x80"]))
            spots = [m.start() + 1 for m in re.finditer(rb'"[^"\n]*"', body)] + \
                    [m.end() for m in re.finditer(rb"//[^\n]*", body)]
            if spots:
                at = draw(st.sampled_from(spots))
                body = body[:at] + bad + body[at:]
            continue
        body = b"\n".join(lines)
    return body, version, style


@_settings(400)
@given(mutated())
def test_mutations_of_generated_files_never_crash_it(case) -> None:
    body, version, style = case
    res = fix(body, version, style, "a mutated generated file")
    if res is None:
        return
    before = syntax_errors(body)
    assert syntax_errors(res.new) <= before, f"the fix added syntax errors:\n{_diff(body, res.new)}"
    if before == 0:
        again = fix(res.new, version, style, "a mutated generated file, second run")
        assert again.new == res.new, f"a second run changed the output:\n{_diff(res.new, again.new)}\n" \
                                     f"--- first run\n{_diff(body, res.new)}"


def test_the_generator_covers_the_constructs() -> None:
    """The grammar reaches what it promises (a guard against a generator that silently narrows)."""
    text = b"\n".join(src for _pkg, src in generated(gogen.go_files(), 300))
    for needle in [b"os.Open(", b"os.Create(", b"http.Get(", b"db.Query(", b"db.Prepare(", b"net.Dial(",
                   b"gzip.NewReader(", b"zip.OpenReader(", b"tls.Dial(", b"context.WithCancel(",
                   b"context.WithTimeout(", b"signal.NotifyContext(", b"time.NewTicker(", b"time.NewTimer(",
                   b"time.Tick(", b"time.After(", b"if err != nil {", b"log.Fatal", b"panic(", b"t.Fatal",
                   b"t.Cleanup(", b"for _, ", b"for {", b"; i", b"go func() {", b"func() {", b"return f",
                   b"defer ", b"keptAny = ", b"&holder{", b"} else {", b"err == nil", b"continue", b"break",
                   b"select {", b"package main", b"nethttp \"net/http\"", b"Unlock()", b"func sync() {}",
                   b"//leakfix:ignore", b"\n\n\t"]:
        assert needle in text, f"the grammar never produced {needle!r}"
    # a defer before the error check, a defer inside a loop body, a labelled loop
    assert re.search(rb"\n\t+defer \w+\.Close\(\)\n\t+if err != nil", text)
    assert re.search(rb"\n(\t+)for [^\n]*\{\n(?:\1\t[^\n]*\n)*?\1\tdefer ", text)
    assert re.search(rb"\n\t*\w+:\n\t+for ", text)
