"""The data that flows between codemods and the engine: edits, fixes, findings, the context.

A codemod is pure: it receives a parsed GoFile and a Context and returns Findings. A finding
carries either a Fix (byte edits plus the imports they need) or the reason it was not fixed. A
fix says how it applies (`Applicability`): by default, on request, or never (display only).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, ClassVar, Protocol


@dataclass(frozen=True, order=True)
class Edit:
    """Replace body[start:end] with text (byte offsets into the BOM-less body)."""

    start: int
    end: int
    text: bytes


@dataclass(frozen=True)
class Import:
    """An import a fix needs: path, and the name the inserted code uses for it."""

    path: str
    name: str | None = None


class Applicability(str, Enum):
    """When a fix is applied (as ruff's Safe / Unsafe / DisplayOnly, but about worth, not safety:
    every fix leakfix offers is meant to compile and keep behaviour)."""

    DEFAULT = "default"  # applied by `diff`, `apply` and `bot` without flags
    ON_REQUEST = "on-request"  # right but of doubtful value: applied with `--fix RULE` or `[rules] fix`
    DISPLAY_ONLY = "display-only"  # shown (JSON, SARIF), never applied


@dataclass
class Fix:
    edits: list[Edit]
    imports: list[Import] = field(default_factory=list)
    description: str = ""
    applicability: Applicability = Applicability.DEFAULT
    why: str = ""  # why the fix is not applied by default (for on-request and display-only fixes)
    refusal: str | None = None  # set by the engine when it could not apply the fix
    # A fix that introduces names claims a span (its function): two fixes claiming overlapping
    # spans are applied in different passes, so the second sees the first one's names.
    scope: tuple[int, int] | None = None

    @property
    def span(self) -> tuple[int, int]:
        return min(e.start for e in self.edits), max(e.end for e in self.edits)


@dataclass
class Finding:
    """One leak-prone site. Offsets are bytes into the BOM-less body; the engine adds lines."""

    rule: str
    start: int
    end: int
    message: str
    fix: Fix | None = None
    reason: str | None = None  # why no fix was made, when fix is None
    path: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    fixed: bool = False  # set by the engine once the fix is applied
    applies: bool = False  # set by the engine: the fix is applied under this run's choices
    weight: int | None = None  # e.g. bytes allocated at this site, from a profile (for ranking)

    @property
    def fixable(self) -> bool:
        """A fix exists (whether or not this run applies it)."""
        return self.fix is not None or self.fixed

    @property
    def withheld(self) -> bool:
        """A fix exists but this run does not apply it (on request, or display only)."""
        return (self.fix is not None and not self.applies and not self.fixed
                and self.fix.applicability is not Applicability.DEFAULT)

    @property
    def applicability(self) -> str | None:
        return self.fix.applicability.value if self.fix is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message if self.fixable or not self.reason else f"{self.message} (not fixed: {self.reason})",
            "fixable": self.fixable,
            "applicability": self.applicability,
            "reason": self.reason,
        }


# What a rule may read besides its file and its own options, each through its Context. A rule
# declares the ones it reads in its class attribute `inputs`; the engine loads them, lets the rule
# read no other, and keys the rule's cached results on exactly these.
INPUTS: dict[str, str] = {
    "package": "the .go files of the file's package and which of them the run edits (ctx.package)",
    "gomod": "the nearest go.mod: its `go` line (ctx.go_version) and module path (ctx.module_path)",
    "profile": "the heap profile's allocation sites in the file, by line (ctx.profile)",
    "index": "the declarations index of the module and its dependencies (ctx.index)",
}


class UndeclaredInput(RuntimeError):
    """A rule read an input it does not declare (its cached results would not follow it)."""


class Context:
    """What a codemod may know besides the file and its own options: the inputs it declares.

    Each input is a value or a loader the engine calls the first time the rule reads it.
    `inputs` names the ones the rule may read (None: any, for tests that build a context
    by hand); reading another raises UndeclaredInput.
    """

    def __init__(self, go_version: tuple[int, int] | None = None, package_loader: Callable[[], Any] | None = None,
                 *, module_path: str | None = None, profile: dict | None = None,
                 index_loader: Callable[[], Any] | None = None,
                 loaders: dict[str, Callable[[], Any]] | None = None, inputs: frozenset[str] | None = None):
        self._values: dict[str, Any] = {"gomod": (go_version, module_path), "profile": profile, "package": None,
                                        "index": None}
        self._loaders = dict(loaders or {})
        if package_loader is not None:
            self._loaders["package"] = package_loader
        if index_loader is not None:
            self._loaders["index"] = index_loader
        self.inputs = inputs

    def _read(self, name: str) -> Any:
        if self.inputs is not None and name not in self.inputs:
            raise UndeclaredInput(f"reads {name} without declaring it in `inputs`")
        loader = self._loaders.pop(name, None)
        if loader is not None:
            self._values[name] = loader()
        return self._values[name]

    @property
    def package(self) -> Any:
        """The file's package (engine.package.PackageView), or None when it cannot be read."""
        return self._read("package")

    @property
    def go_version(self) -> tuple[int, int] | None:
        """(major, minor) of the `go` line of the nearest go.mod; None without one."""
        return self._read("gomod")[0]

    @property
    def module_path(self) -> str | None:
        """The `module` line of the nearest go.mod; None without one."""
        return self._read("gomod")[1]

    @property
    def profile(self) -> dict | None:
        """line -> allocation site (engine.pprof.Site) of the profile's sites in this file; None
        when the rule was given no profile."""
        return self._read("profile")

    @property
    def index(self) -> Any:
        """The declarations index of the module and its dependencies (engine.index.Index)."""
        return self._read("index")

    def go_at_least(self, major: int, minor: int, default: bool = True) -> bool:
        if self.go_version is None:
            return default
        return self.go_version >= (major, minor)


class Codemod(Protocol):
    """What the engine needs of a codemod module's rule object."""

    id: ClassVar[str]
    summary: ClassVar[str]
    default_enabled: ClassVar[bool]
    # A file in which this bytes regex does not occur (or none of these byte strings) cannot match.
    triggers: ClassVar["re.Pattern[bytes] | tuple[bytes, ...]"]
    # What it reads besides the file and its options: names from INPUTS (the cache keys on them).
    inputs: ClassVar[frozenset[str]]

    def run(self, file: Any, ctx: Context) -> list[Finding]: ...
