"""Heap profiles are read without third-party code and charged to the allocating statements.

The fast tests read a committed real profile (tests/pprof_data/mem.pprof, see its README) and
hand-encoded profiles; the others profile tests/pprof_data/allocmod with the Go toolchain:
`go test -memprofile`, `runtime/pprof.WriteHeapProfile` and a CPU profile.
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from leakfix.engine.pprof import ProfileError, Site, allocation_sites, match

DATA = Path(__file__).parent / "pprof_data"
MODULE = DATA / "allocmod"
FIXTURE = DATA / "mem.pprof"
CHUNK_BYTES = 1000 * 4096  # Chunks(1000): make([]byte, 4096) each
BUFFER_BYTES = 64 * 1000 * 48  # Buffers(1000): new(bytes.Buffer), 40 bytes in the 48-byte size class
GO_TIMEOUT = 120

needs_go = pytest.mark.skipif(shutil.which("go") is None, reason="needs go")


def alloc_lines() -> dict[str, int]:
    """Line numbers of the `// ALLOC name` statements in allocmod/alloc.go."""
    text = (MODULE / "alloc.go").read_text().splitlines()
    return {m.group(1): n for n, line in enumerate(text, 1) if (m := re.search(r"// ALLOC (\w+)", line))}


def assert_alloc_sites_on_top(sites: list[Site], alloc_go: str) -> None:
    lines = alloc_lines()
    top = sites[:2]
    assert [(s.file, s.line) for s in top] == [(alloc_go, lines["chunk"]), (alloc_go, lines["buffer"])]
    chunk, buffer = top
    assert chunk.function == "example.com/allocs.Chunks"
    assert buffer.function == "example.com/allocs.Buffers"  # inlined into its caller: innermost Line
    assert chunk.bytes >= CHUNK_BYTES and buffer.bytes >= BUFFER_BYTES
    assert chunk.share > 0.4 and buffer.share > 0.3 and chunk.share + buffer.share > 0.9
    assert all(s.bytes >= t.bytes for s, t in zip(sites, sites[1:]))
    assert not any(s.function.startswith("runtime.") and s.bytes > buffer.bytes for s in sites)


# --- the committed profile (no Go needed) -------------------------------------------------


def test_fixture_profile_is_small_and_gzipped():
    data = FIXTURE.read_bytes()
    assert len(data) < 50_000 and data[:2] == b"\x1f\x8b"


def test_fixture_charges_the_allocating_lines():
    sites = allocation_sites(FIXTURE.read_bytes())
    assert_alloc_sites_on_top(sites, "example.com/allocs/alloc.go")
    assert abs(sum(s.share for s in sites) - 1) < 1e-9


def test_fixture_raw_and_gzipped_agree():
    gz = FIXTURE.read_bytes()
    assert allocation_sites(gzip.decompress(gz)) == allocation_sites(gz)


def test_fixture_inuse_space():
    sites = allocation_sites(FIXTURE.read_bytes(), "inuse_space")
    assert sites and all(s.bytes < CHUNK_BYTES for s in sites)  # most of it was collected


def test_fixture_matches_checkouts_by_suffix():
    sites = allocation_sites(FIXTURE.read_bytes())
    lines = alloc_lines()
    for path in ("/home/ci/src/allocs/alloc.go", "allocs/alloc.go", "alloc.go", "example.com/allocs/alloc.go"):
        found = match(sites, path)
        assert set(found) == {lines["chunk"], lines["buffer"]}, path
        assert found[lines["chunk"]].bytes >= CHUNK_BYTES
    assert match(sites, "/work/main/alloc.go") == {}  # module root checked out under another name
    assert match(sites, "/repo/other/alloc.go") == {}
    assert set(match(sites, "/usr/local/go/src/regexp/backtrack.go"))  # stdlib frames are sites too


# --- malformed input and other profiles -----------------------------------------------------


def raises_one_line(data: bytes, sample_type: str = "alloc_space") -> str:
    with pytest.raises(ProfileError) as info:
        allocation_sites(data, sample_type)
    message = str(info.value)
    assert message and "\n" not in message
    return message


@pytest.mark.parametrize(
    "mangle",
    [
        lambda gz: gz[:-12],  # truncated gzip stream
        lambda gz: gz[:10] + bytes(b ^ 0x5A for b in gz[10:40]) + gz[40:],  # corrupt deflate data
        lambda gz: gz[:-4] + b"\0\0\0\0",  # wrong length trailer
        lambda gz: gzip.decompress(gz)[:-1],  # raw protobuf cut inside the last string
        lambda gz: gzip.decompress(gz)[: len(gzip.decompress(gz)) // 2],
        lambda gz: b"\x0a\xff\xff\xff\xff\x0f",  # length beyond the end
        lambda gz: b"\xff" * 11,  # overlong varint
        lambda gz: b"\x0b\x0c",  # group wire types
        lambda gz: b"File: allocs.test\nType: alloc_space\n",  # pprof's text output
        lambda gz: b"",
    ],
)
def test_not_a_profile(mangle):
    raises_one_line(mangle(FIXTURE.read_bytes()))


def test_unknown_sample_type_falls_back_to_inuse_space():
    p = Proto()
    data = p.profile(["inuse_objects", "inuse_space"], [([p.loc("main.f", "a/b.go", 3)], [1, 64])])
    assert allocation_sites(data) == [Site("a/b.go", 3, "main.f", 64, 1.0)]
    assert allocation_sites(data, "alloc_objects")[0].bytes == 64


def test_cpu_sample_types_are_not_a_heap_profile():
    p = Proto()
    data = p.profile(["samples", "cpu"], [([p.loc("main.f", "a/b.go", 3)], [1, 10_000_000])])
    assert "not a heap profile" in raises_one_line(data)


def test_dangling_references_are_errors():
    p = Proto()
    location = p.loc("main.f", "a/b.go", 3)
    raises_one_line(p.profile(["alloc_space"], [([location + 1], [8])]))  # unknown location
    raises_one_line(p.profile(["alloc_space"], [([location], [8, 9])]))  # two values, one type
    p = Proto()
    p.locations.append(msg(uint(1, 1), sub(4, msg(uint(1, 99), uint(2, 3)))))  # unknown function
    raises_one_line(p.profile(["alloc_space"], [([1], [8])]))


# --- attribution on hand-encoded profiles -------------------------------------------------


def test_inlined_location_is_charged_to_its_innermost_line():
    p = Proto()
    inlined = p.loc_lines(("bytes.NewBuffer", "bytes/buffer.go", 480), ("main.f", "/src/m/a.go", 7))
    caller = p.loc("main.main", "/src/m/main.go", 3)
    sites = allocation_sites(p.profile(["alloc_space"], [([inlined, caller], [48])]))
    assert sites == [Site("bytes/buffer.go", 480, "bytes.NewBuffer", 48, 1.0)]


def test_runtime_frames_are_skipped_up_to_the_caller():
    p = Proto()
    malloc = p.loc("runtime.mallocgc", "runtime/malloc.go", 1000)
    growslice = p.loc_lines(("runtime.growslice", "runtime/slice.go", 200), ("main.add", "/m/a.go", 9))
    main = p.loc("main.main", "/m/main.go", 4)
    goexit = p.loc("runtime.goexit", "runtime/asm.s", 1)
    data = p.profile(["alloc_space"], [([malloc, growslice, main], [100]), ([goexit], [25])])
    assert allocation_sites(data) == [
        Site("/m/a.go", 9, "main.add", 100, 0.8),
        Site("runtime/asm.s", 1, "runtime.goexit", 25, 0.2),  # nothing but runtime: the leaf
    ]


def test_samples_on_one_line_add_up_packed_or_not():
    p = Proto()
    a, b = p.loc("main.f", "/m/a.go", 5), p.loc("main.g", "/m/a.go", 6)
    c = p.loc("main.main", "/m/a.go", 1)
    samples = [([a, c], [1, 300]), ([a], [1, 100]), ([b, c], [2, 600]), ([c], [1, -200])]
    types = ["alloc_objects", "alloc_space"]
    for packed in (True, False):
        sites = allocation_sites(p.profile(types, samples, packed=packed))
        assert [(s.line, s.bytes, s.share) for s in sites] == [(6, 600, 0.75), (5, 400, 0.5), (1, -200, -0.25)]


def test_unknown_fields_and_fixed_width_values_are_skipped():
    p = Proto()
    location = p.loc("main.f", "/m/a.go", 5)
    extra = fixed64(9, 123) + fixed32(15, 7) + uint(12, 512 * 1024) + sub(13, b"comment")
    data = p.profile(["alloc_space"], [([location], [64])], extra=extra)
    assert allocation_sites(data) == [Site("/m/a.go", 5, "main.f", 64, 1.0)]


# --- match --------------------------------------------------------------------------------


def site(file: str, line: int = 1, allocated: int = 10) -> Site:
    return Site(file, line, "f", allocated, 0.1)


@pytest.mark.parametrize(
    ("profile_file", "path", "matches"),
    [
        ("/home/ci/work/mod/pkg/file.go", "/tmp/checkout/pkg/file.go", True),
        ("example.com/mod/pkg/file.go", "/tmp/checkout/pkg/file.go", True),
        ("example.com/mod/pkg/file.go", "pkg/file.go", True),
        ("example.com/mod/pkg/file.go", "./pkg/file.go", True),
        ("example.com/mod/pkg/file.go", "file.go", True),
        ("file.go", "/tmp/checkout/pkg/file.go", True),
        ("C:\\build\\mod\\pkg\\file.go", "/tmp/checkout/pkg/file.go", True),
        ("example.com/mod/pkg/file.go", "/tmp/checkout/other/file.go", False),
        ("example.com/mod/pkg/file.go", "/tmp/checkout/pkg/file_test.go", False),
        ("example.com/mod/pkg/xfile.go", "file.go", False),
        ("example.com/mod/file.go", "/tmp/checkout/file.go", False),
        ("example.com/mod/file.go", "/tmp/mod/file.go", True),
    ],
)
def test_match_by_path_suffix(profile_file, path, matches):
    assert bool(match([site(profile_file, 7)], path)) is matches


def test_match_prefers_the_longest_suffix_and_keys_by_line():
    sites = [site("/b/mod/pkg/file.go", 3, 50), site("/b/vendor/x/pkg/file.go", 3, 40), site("/b/mod/pkg/file.go", 9)]
    assert match(sites, "/home/me/mod/pkg/file.go") == {3: sites[0], 9: sites[2]}


def test_match_adds_up_equally_good_files_on_one_line():
    sites = [site("/a/pkg/file.go", 3, 50), site("/b/pkg/file.go", 3, 40)]
    assert match(sites, "pkg/file.go") == {3: Site("/a/pkg/file.go", 3, "f", 90, pytest.approx(0.2))}
    assert match(sites, "") == {}


# --- live profiles from the Go toolchain --------------------------------------------------


@pytest.fixture(scope="module")
def profiled(tmp_path_factory) -> Path:
    """A copy of allocmod with mem.out (go test), heap.out (WriteHeapProfile), cpu.out."""
    if shutil.which("go") is None:
        pytest.skip("needs go")
    root = tmp_path_factory.mktemp("pprof") / "allocs"
    shutil.copytree(MODULE, root)
    go(root, "test", "-o", os.devnull, "-memprofile", "mem.out", "-memprofilerate=1", "-run", "TestAlloc", ".")
    go(root, "run", "./cmd/profiles", "heap", "heap.out")
    go(root, "run", "./cmd/profiles", "cpu", "cpu.out")
    return root


def go(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOWORK": "off", "GOFLAGS": "-mod=mod", "GOPROXY": "off"}
    done = subprocess.run(["go", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=GO_TIMEOUT)
    assert done.returncode == 0, done.stderr
    return done.stdout


@needs_go
@pytest.mark.parametrize("name", ["mem.out", "heap.out"])
def test_live_heap_profiles(profiled, name):
    gz = (profiled / name).read_bytes()
    alloc_go = str(profiled / "alloc.go")
    sites = allocation_sites(gz)
    assert_alloc_sites_on_top(sites, alloc_go)
    assert allocation_sites(gzip.decompress(gz)) == sites
    lines = alloc_lines()
    assert set(match(sites, alloc_go)) == {lines["chunk"], lines["buffer"]}
    assert set(match(sites, "/elsewhere/allocs/alloc.go")) == {lines["chunk"], lines["buffer"]}


@needs_go
def test_live_bytes_agree_with_go_tool_pprof(profiled):
    """`go tool pprof -top -lines` charges a leaf line's flat bytes the same way."""
    top = ["-sample_index=alloc_space", "-unit=B", "-top", "-lines", "-nodecount=2"]
    out = go(profiled, "tool", "pprof", *top, "heap.out")
    flat = {int(m.group(2)): int(m.group(1)) for m in re.finditer(r"^\s*(\d+)B .* \S*/alloc\.go:(\d+)", out, re.M)}
    sites = allocation_sites((profiled / "heap.out").read_bytes())
    ours = {line: s.bytes for line, s in match(sites, "alloc.go").items()}
    assert flat and flat == ours


@needs_go
def test_live_cpu_profile_is_not_a_heap_profile(profiled):
    assert "not a heap profile" in raises_one_line((profiled / "cpu.out").read_bytes())


# --- a minimal profile.proto encoder for hand-made profiles --------------------------------


def varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def uint(field: int, n: int) -> bytes:
    return varint(field << 3) + varint(n)


def sub(field: int, body: bytes) -> bytes:
    return varint(field << 3 | 2) + varint(len(body)) + body


def fixed64(field: int, n: int) -> bytes:
    return varint(field << 3 | 1) + n.to_bytes(8, "little")


def fixed32(field: int, n: int) -> bytes:
    return varint(field << 3 | 5) + n.to_bytes(4, "little")


def msg(*parts: bytes) -> bytes:
    return b"".join(parts)


def repeated(field: int, values: list[int], packed: bool) -> bytes:
    if packed:
        return sub(field, b"".join(varint(v) for v in values))
    return b"".join(uint(field, v) for v in values)


class Proto:
    """Builds a profile.proto message: string table, functions, locations, samples."""

    def __init__(self):
        self.strings = [""]
        self.functions: list[bytes] = []
        self.locations: list[bytes] = []
        self.function_ids: dict[tuple[str, str], int] = {}

    def string(self, s: str) -> int:
        if s not in self.strings:
            self.strings.append(s)
        return self.strings.index(s)

    def function(self, name: str, file: str) -> int:
        if (name, file) not in self.function_ids:
            fid = self.function_ids[name, file] = len(self.function_ids) + 1
            self.functions.append(msg(uint(1, fid), uint(2, self.string(name)), uint(4, self.string(file))))
        return self.function_ids[name, file]

    def loc_lines(self, *frames: tuple[str, str, int]) -> int:
        """A location with one Line per frame, innermost first; returns its id."""
        lid = len(self.locations) + 1
        lines = [sub(4, msg(uint(1, self.function(name, file)), uint(2, line))) for name, file, line in frames]
        self.locations.append(msg(uint(1, lid), uint(3, 0x400000 + lid), *lines))
        return lid

    def loc(self, name: str, file: str, line: int) -> int:
        return self.loc_lines((name, file, line))

    def profile(self, types: list[str], samples, packed: bool = True, extra: bytes = b"") -> bytes:
        units = {t: self.string("bytes" if t.endswith("space") else "count") for t in types}
        parts = [sub(1, msg(uint(1, self.string(t)), uint(2, units[t]))) for t in types]
        for location_ids, values in samples:
            parts.append(sub(2, repeated(1, location_ids, packed) + repeated(2, values, packed)))
        parts += [sub(4, body) for body in self.locations] + [sub(5, body) for body in self.functions]
        parts += [sub(6, s.encode()) for s in self.strings]
        return msg(*parts, extra)
