"""Typed options: what a setting is called, its type, its default, and the check of a given value.

A rule declares its options next to its code (`option_schema`, a tuple of Option); the
configuration names the unknown ones from the same declarations, and the rule gets its values
through `resolve`: checked, with the defaults filled in. A value of the wrong type is an
OptionError (a ValueError), which the command line reports as a usage error.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterable

KINDS = {
    "int": "an integer",
    "float": "a number",
    "str": "a string",
    "bool": "true or false",
    "strings": "a list of strings",
    "tables": "an array of tables",
}


class OptionError(ValueError):
    """A configured value that does not fit its option."""


@dataclass(frozen=True)
class Option:
    key: str
    kind: str  # one of KINDS
    default: Any = None
    doc: str = ""
    minimum: float | None = None  # for int and float
    choices: tuple[str, ...] = ()  # for str; empty: any
    # the value comes from the top-level table of this name (`[[resources]]`), not the rule's table
    top_level: bool = False
    # for "tables": the keys each table may have, the first one required (a string)
    table_keys: tuple[str, ...] = ()

    def check(self, value: Any, where: str) -> Any:
        """The value, converted to the option's type; OptionError when it does not fit."""
        ok = {
            "int": isinstance(value, int) and not isinstance(value, bool),
            "float": isinstance(value, (int, float)) and not isinstance(value, bool),
            "str": isinstance(value, str),
            "bool": isinstance(value, bool),
            "strings": isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value),
            "tables": isinstance(value, (list, tuple)) and all(isinstance(v, dict) for v in value),
        }[self.kind]
        name = f"{where} {self.key}" if where else self.key
        if not ok:
            raise OptionError(f"{name} must be {KINDS[self.kind]} (got {value!r})")
        if self.minimum is not None and value < self.minimum:
            raise OptionError(f"{name} must be at least {self.minimum:g} (got {value!r})")
        if self.choices and value not in self.choices:
            raise OptionError(f"{name} must be one of {', '.join(self.choices)} (got {value!r})"
                              + suggestion(value, self.choices))
        return float(value) if self.kind == "float" else value


def resolve(schema: Iterable[Option], given: dict | None, where: str) -> dict[str, Any]:
    """key -> value for every option of the schema: the given ones checked, defaults for the
    others (keys the schema does not declare are left out: the configuration warns about them)."""
    given = given or {}
    return {o.key: o.check(given[o.key], where) if o.key in given else o.default for o in schema}


def suggestion(word: str, valid: Iterable[str]) -> str:
    """` (did you mean X?)` for the nearest valid word, or "" when none is near."""
    near = difflib.get_close_matches(str(word), sorted(valid), n=1)
    return f" (did you mean {near[0]}?)" if near else ""
