"""Read Go heap profiles (pprof) to find the statements that allocate the most bytes.

Profile-guided mode (docs/sync-pool-spec.md) limits the sync.Pool rule to the allocation sites
that carry a real share of a profile's allocated bytes. This module reads the profile itself,
with no third-party dependency: the file is a profile.proto message (github.com/google/pprof,
proto/profile.proto), usually gzipped, decoded here with a small protobuf wire-format reader
(varints, length-delimited fields, packed and unpacked repeated scalars; fixed32/64 skipped).

Only what attribution needs is read: sample types, samples, locations, functions and the
string table. A sample's value is charged to its leaf frame, the allocating statement: the
first location's first Line (with inlining a location holds several Lines, innermost first),
or, when that frame is in the runtime (`runtime.*`), the first caller frame that is not.

`match` ties a profile's file names to a file on disk by path suffix; see its docstring.
"""
from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass

GZIP_MAGIC = b"\x1f\x8b"
FALLBACK_SAMPLE_TYPE = "inuse_space"

# Field numbers of profile.proto.
PROFILE_SAMPLE_TYPE, PROFILE_SAMPLE, PROFILE_LOCATION, PROFILE_FUNCTION = 1, 2, 4, 5
PROFILE_STRING_TABLE = 6
VALUE_TYPE_TYPE, VALUE_TYPE_UNIT = 1, 2
SAMPLE_LOCATION_ID, SAMPLE_VALUE = 1, 2
LOCATION_ID, LOCATION_LINE = 1, 4
LINE_FUNCTION_ID, LINE_LINE = 1, 2
FUNCTION_ID, FUNCTION_NAME, FUNCTION_FILENAME = 1, 2, 4

# Wire types.
VARINT, FIXED64, LEN, FIXED32 = 0, 1, 2, 5


class ProfileError(ValueError):
    """The bytes are not a readable pprof profile, or not a heap profile."""


@dataclass
class Site:
    """An allocating statement and what it allocated in the profile."""

    file: str
    line: int
    function: str
    bytes: int
    share: float  # of the profile's total for the chosen sample type, 0..1


@dataclass(frozen=True)
class Frame:
    file: str
    line: int
    function: str


@dataclass
class Profile:
    sample_types: list[str]
    samples: list[tuple[list[int], list[int]]]  # (location ids, leaf first; values)
    locations: dict[int, list[Frame]]  # id -> frames, innermost first


# --- public API ---------------------------------------------------------------------------


def allocation_sites(data: bytes, sample_type: str = "alloc_space") -> list[Site]:
    """Bytes allocated per statement (file, line), largest first.

    `sample_type` falls back to `inuse_space` when the profile lacks it. Raises ProfileError
    for data that is not a profile, or a profile with neither sample type (CPU, mutex, ...).
    """
    profile = parse_profile(data)
    index = _sample_index(profile.sample_types, sample_type)
    totals: dict[tuple[str, int], list] = {}
    grand_total = 0
    for location_ids, values in profile.samples:
        value = values[index]
        grand_total += value
        frame = _allocating_frame(profile.locations, location_ids)
        if frame is not None:
            entry = totals.setdefault((frame.file, frame.line), [frame.function, 0])
            entry[1] += value
    return _sites(totals, grand_total)


def match(sites: list[Site], path: str) -> dict[int, Site]:
    """The sites of one source file, by line.

    A profile names files by the build machine's absolute path (`/home/ci/src/pkg/file.go`)
    or, built with -trimpath, module-relative (`example.com/mod/pkg/file.go`), so paths are
    compared by their trailing components (`/` or `\\` separated): they match when their last
    two components are equal (`pkg/file.go`), or only the base names when either path has a
    single component. A file in a module's root directory therefore matches by its parent
    directory's name: pass `mod/file.go` (the module path's last element) when the checkout
    directory is named differently. When several profile files match, those sharing the
    most trailing components with `path` win; their sites on one line are added up.
    """
    wanted = _components(path)
    scored = [(_common_suffix(_components(s.file), wanted), s) for s in sites]
    matching = [(score, s) for score, s in scored if score >= min(2, len(wanted), len(_components(s.file)))]
    best = max((score for score, _ in matching), default=0)
    by_line: dict[int, Site] = {}
    for score, site in matching:
        if score == best and best > 0:
            by_line[site.line] = _merge(by_line.get(site.line), site)
    return by_line


def parse_profile(data: bytes) -> Profile:
    """Decode a gzipped or raw profile.proto message; ProfileError when it is not one."""
    raw = _gunzip(data) if data[:2] == GZIP_MAGIC else bytes(data)
    try:
        return _decode_profile(raw)
    except (IndexError, UnicodeDecodeError) as err:  # a reference out of range
        raise ProfileError(f"malformed profile: {err}") from None


# --- attribution --------------------------------------------------------------------------


def _sample_index(sample_types: list[str], wanted: str) -> int:
    for name in (wanted, FALLBACK_SAMPLE_TYPE):
        if name in sample_types:
            return sample_types.index(name)
    found = ", ".join(sample_types) or "none"
    raise ProfileError(f"not a heap profile: no {wanted} or {FALLBACK_SAMPLE_TYPE} samples (sample types: {found})")


def _allocating_frame(locations: dict[int, list[Frame]], location_ids: list[int]) -> Frame | None:
    """The innermost frame outside the runtime; the innermost frame if all are runtime."""
    frames = [frame for location_id in location_ids for frame in locations[location_id]]
    for frame in frames:
        if not frame.function.startswith("runtime."):
            return frame
    return frames[0] if frames else None


def _sites(totals: dict[tuple[str, int], list], grand_total: int) -> list[Site]:
    sites = [
        Site(file, line, function, allocated, allocated / grand_total if grand_total else 0.0)
        for (file, line), (function, allocated) in totals.items()
    ]
    sites.sort(key=lambda s: (-s.bytes, s.file, s.line))
    return sites


def _components(path: str) -> list[str]:
    return [part for part in path.replace("\\", "/").split("/") if part not in ("", ".")]


def _common_suffix(a: list[str], b: list[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _merge(old: Site | None, new: Site) -> Site:
    if old is None:
        return new
    return Site(old.file, old.line, old.function, old.bytes + new.bytes, old.share + new.share)


# --- profile.proto ------------------------------------------------------------------------


def _gunzip(data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as err:
        raise ProfileError(f"bad gzip data: {err}") from None


def _decode_profile(raw: bytes) -> Profile:
    sample_types, samples, locations, functions, strings = [], [], [], [], []
    for field, wire, value in _fields(raw):
        if field == PROFILE_SAMPLE_TYPE:
            sample_types.append(_decode_value_type(_expect_len(field, wire, value)))
        elif field == PROFILE_SAMPLE:
            samples.append(_decode_sample(_expect_len(field, wire, value)))
        elif field == PROFILE_LOCATION:
            locations.append(_expect_len(field, wire, value))
        elif field == PROFILE_FUNCTION:
            functions.append(_decode_function(_expect_len(field, wire, value)))
        elif field == PROFILE_STRING_TABLE:
            strings.append(_expect_len(field, wire, value).decode("utf-8", "replace"))
    if strings and strings[0] != "":
        raise ProfileError("malformed profile: string table does not start with an empty string")
    return _resolve(sample_types, samples, locations, functions, strings)


def _resolve(sample_types, samples, locations, functions, strings) -> Profile:
    """Turn string-table indexes and ids into names; check every reference."""
    names = {function_id: (strings[name], strings[filename]) for function_id, name, filename in functions}
    frames = dict(_decode_location(body, names) for body in locations)
    types = [strings[type_index] for type_index, _unit in sample_types]
    for location_ids, values in samples:
        if len(values) != len(types):
            raise ProfileError(f"malformed profile: sample has {len(values)} values for {len(types)} sample types")
        missing = [i for i in location_ids if i not in frames]
        if missing:
            raise ProfileError(f"malformed profile: sample refers to unknown location {missing[0]}")
    return Profile(types, samples, frames)


def _decode_value_type(body: bytes) -> tuple[int, int]:
    type_index = unit_index = 0
    for field, wire, value in _fields(body):
        if field == VALUE_TYPE_TYPE:
            type_index = _expect_varint(field, wire, value)
        elif field == VALUE_TYPE_UNIT:
            unit_index = _expect_varint(field, wire, value)
    return type_index, unit_index


def _decode_sample(body: bytes) -> tuple[list[int], list[int]]:
    location_ids, values = [], []
    for field, wire, value in _fields(body):
        if field == SAMPLE_LOCATION_ID:
            location_ids.extend(_repeated_varint(field, wire, value))
        elif field == SAMPLE_VALUE:
            values.extend(_int64(v) for v in _repeated_varint(field, wire, value))
    return location_ids, values


def _decode_function(body: bytes) -> tuple[int, int, int]:
    function_id = name = filename = 0
    for field, wire, value in _fields(body):
        if field == FUNCTION_ID:
            function_id = _expect_varint(field, wire, value)
        elif field == FUNCTION_NAME:
            name = _expect_varint(field, wire, value)
        elif field == FUNCTION_FILENAME:
            filename = _expect_varint(field, wire, value)
    return function_id, name, filename


def _decode_location(body: bytes, names: dict[int, tuple[str, str]]) -> tuple[int, list[Frame]]:
    location_id, frames = 0, []
    for field, wire, value in _fields(body):
        if field == LOCATION_ID:
            location_id = _expect_varint(field, wire, value)
        elif field == LOCATION_LINE:
            frames.append(_decode_line(_expect_len(field, wire, value), names))
    return location_id, frames


def _decode_line(body: bytes, names: dict[int, tuple[str, str]]) -> Frame:
    function_id = line = 0
    for field, wire, value in _fields(body):
        if field == LINE_FUNCTION_ID:
            function_id = _expect_varint(field, wire, value)
        elif field == LINE_LINE:
            line = _int64(_expect_varint(field, wire, value))
    if function_id not in names:
        raise ProfileError(f"malformed profile: line refers to unknown function {function_id}")
    function, filename = names[function_id]
    return Frame(filename, line, function)


# --- protobuf wire format -----------------------------------------------------------------


def _fields(buf: bytes):
    """Yield (field number, wire type, value): an int for varints, bytes for length-delimited
    fields, None for fixed32/fixed64 (skipped)."""
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = _varint(buf, pos)
        field, wire = key >> 3, key & 7
        if field == 0:
            raise ProfileError("malformed profile: field number 0")
        if wire == VARINT:
            value, pos = _varint(buf, pos)
        elif wire == LEN:
            size, pos = _varint(buf, pos)
            value, pos = buf[pos:pos + size], pos + size
        elif wire in (FIXED64, FIXED32):
            value, pos = None, pos + (8 if wire == FIXED64 else 4)
        else:
            raise ProfileError(f"malformed profile: unsupported wire type {wire}")
        if pos > end:
            raise ProfileError("malformed profile: truncated field")
        yield field, wire, value


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    for i in range(pos, min(pos + 10, len(buf))):
        byte = buf[i]
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result & 0xFFFFFFFFFFFFFFFF, i + 1
        shift += 7
    raise ProfileError("malformed profile: truncated or overlong varint")


def _repeated_varint(field: int, wire: int, value) -> list[int]:
    """A repeated integer field: one unpacked element, or a packed run of varints."""
    if wire == VARINT:
        return [value]
    packed = _expect_len(field, wire, value)
    out, pos = [], 0
    while pos < len(packed):
        item, pos = _varint(packed, pos)
        out.append(item)
    return out


def _int64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _expect_varint(field: int, wire: int, value) -> int:
    if wire != VARINT:
        raise ProfileError(f"malformed profile: field {field} has wire type {wire}, expected varint")
    return value


def _expect_len(field: int, wire: int, value) -> bytes:
    if wire != LEN:
        raise ProfileError(f"malformed profile: field {field} has wire type {wire}, expected bytes")
    return value
