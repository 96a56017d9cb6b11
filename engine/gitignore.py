"""git's ignore rules, for walking a tree without git: parse ignore files, match one entry.

Matching is per directory entry, as git does it while walking: a pattern is tried on the entry's
path relative to the ignore file's directory (or on its name, when the pattern has no slash
before its end), directory-only patterns (`build/`) match directories only, and the last
matching pattern of a file decides, a negation (`!`) included. A walker that does not enter an
ignored directory then gets git's rule that nothing below it can be re-included.
(pathspec's GitIgnoreSpec matches whole file paths instead, and cannot tell that `!*/`
re-includes a directory.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CLASSES = {
    "alnum": "a-zA-Z0-9", "alpha": "a-zA-Z", "blank": " \\t", "cntrl": "\\x00-\\x1f\\x7f",
    "digit": "0-9", "graph": "!-~", "lower": "a-z", "print": " -~", "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "space": " \\t\\n\\r\\f\\v", "upper": "A-Z", "xdigit": "0-9A-Fa-f",
}


@dataclass(frozen=True)
class Pattern:
    """One line of an ignore file."""

    line: int          # 1-based line number in its file
    text: str          # the line as written (trailing spaces removed)
    negated: bool      # `!pattern`: re-includes
    dir_only: bool     # `pattern/`: matches directories only
    basename: bool     # no slash before the end: matched against the entry's name
    regex: re.Pattern

    def matches(self, rel: str, is_dir: bool) -> bool:
        if self.dir_only and not is_dir:
            return False
        target = rel.rsplit("/", 1)[-1] if self.basename else rel
        return self.regex.fullmatch(target) is not None


@dataclass(frozen=True)
class IgnoreFile:
    """The patterns of one ignore file, relative to the directory `base` (absolute, or '' for
    patterns that apply from the walk's root)."""

    source: str
    base: str
    patterns: tuple[Pattern, ...]

    def verdict(self, rel: str, is_dir: bool) -> Pattern | None:
        """The pattern that decides for `rel` (relative to base, '/'-separated), or None."""
        for pattern in reversed(self.patterns):
            if pattern.matches(rel, is_dir):
                return pattern
        return None


def parse(text: str, source: str, base: str) -> IgnoreFile:
    """Compile the lines of an ignore file the way git reads them."""
    patterns = []
    for number, line in enumerate(text.split("\n"), 1):
        pattern = parse_line(line.removesuffix("\r"), number)
        if pattern is not None:
            patterns.append(pattern)
    return IgnoreFile(source, base, tuple(patterns))


def parse_line(line: str, number: int = 1) -> Pattern | None:
    text = _strip_trailing_spaces(line)
    if not text or text.startswith("#"):
        return None
    body = text
    negated = body.startswith("!")
    if negated:
        body = body[1:]
    dir_only = body.endswith("/")
    if dir_only:
        body = body[:-1]
    if not body:
        return None
    basename = "/" not in body
    if body.startswith("/"):
        body = body[1:]
    try:
        regex = _compile(body)
    except re.error:
        return None
    return Pattern(number, text, negated, dir_only, basename, regex)


def _strip_trailing_spaces(line: str) -> str:
    """Trailing spaces go unless escaped with a backslash (which then stays, as in git)."""
    end = len(line)
    while end and line[end - 1] == " ":
        if end >= 2 and line[end - 2] == "\\":
            break
        end -= 1
    return line[:end]


@lru_cache(maxsize=4096)
def _compile(glob: str) -> re.Pattern:
    return re.compile(_translate(glob), re.DOTALL)


def _translate(glob: str) -> str:
    """git's wildmatch with WM_PATHNAME as a regular expression: `*` and `?` never match `/`;
    `**` between slashes (or at either end) matches any number of directories."""
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if c == "*":
            j = i
            while j < n and glob[j] == "*":
                j += 1
            double = j - i >= 2 and (i == 0 or glob[i - 1] == "/") and (j == n or glob[j] == "/")
            if not double:
                out.append("[^/]*")
            elif j == n:
                out.append(".*")                      # `x/**`: everything inside, `**`: everything
            else:
                out.append("(?:.*/)?")                # `**/`: zero or more directories
                j += 1
            i = j
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            cls, i = _bracket(glob, i)
            out.append(cls)
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


def _bracket(glob: str, start: int) -> tuple[str, int]:
    """A `[...]` class starting at `start`: (regex, index after it). An unclosed `[` matches
    nothing, as in git."""
    i, n = start + 1, len(glob)
    negate = i < n and glob[i] in "!^"
    if negate:
        i += 1
    parts: list[str] = []
    first = True
    while i < n and (glob[i] != "]" or first):
        first = False
        c = glob[i]
        if c == "[" and glob.startswith("[:", i):
            end = glob.find(":]", i + 2)
            name = glob[i + 2:end] if end >= 0 else None
            if name in _CLASSES:
                parts.append(_CLASSES[name])
                i = end + 2
                continue
        if c == "\\" and i + 1 < n:
            i += 1
            c = glob[i]
        if i + 2 < n and glob[i + 1] == "-" and glob[i + 2] != "]":
            hi = glob[i + 2]
            if hi == "\\" and i + 3 < n:
                hi = glob[i + 3]
                i += 1
            if ord(hi) >= ord(c):
                parts.append(re.escape(c) + "-" + re.escape(hi))
            i += 3
            continue
        parts.append(re.escape(c))
        i += 1
    if i >= n:
        return "(?!)", n
    body = "".join(parts)
    if negate:
        return f"[^/{body}]", i + 1
    return (f"(?![/])[{body}]" if body else "(?!)"), i + 1
