"""Rewrite templates: Go snippets with named `$placeholders`, filled and indented for a site.

Templates are data (TOML beside each codemod, overridable in .leakfix.toml). A template's text
uses `\\n` and tabs; `render` substitutes the placeholders and indents every line after the
first with the indentation of the site, so the result is gofmt-clean where the template is.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class Template:
    text: str
    imports: tuple[str, ...] = field(default=())

    def placeholders(self) -> set[str]:
        return {m.group("named") or m.group("braced") for m in string.Template.pattern.finditer(self.text)
                if m.group("named") or m.group("braced")}

    def render(self, indent: str = "", **values: str) -> str:
        try:
            filled = string.Template(self.text).substitute(values)
        except (KeyError, ValueError) as exc:
            raise TemplateError(f"template {self.text!r}: unknown or bad placeholder {exc}") from None
        lines = filled.split("\n")
        return "\n".join([lines[0]] + [(indent + ln) if ln else ln for ln in lines[1:]])


def load(table: dict, overrides: dict | None = None, allowed: set[str] | None = None) -> dict[str, Template]:
    """Templates from a TOML table `{name: "text" | {text=..., imports=[...]}}`, overrides winning.

    Raises TemplateError for an override of an unknown template, a malformed `$`, a placeholder
    outside `allowed`, or imports that are not a list of strings: a configuration error is
    reported when the run starts, not swallowed at the first fix."""
    for name in overrides or {}:
        if name not in table:
            raise TemplateError(f"unknown template {name!r} (known: {', '.join(sorted(table))})")
    merged = dict(table)
    merged.update(overrides or {})
    out: dict[str, Template] = {}
    for name, spec in merged.items():
        if isinstance(spec, str):
            tpl = Template(spec)
        elif isinstance(spec, dict) and isinstance(spec.get("text"), str):
            imports = spec.get("imports", [])
            if not isinstance(imports, list) or not all(isinstance(i, str) for i in imports):
                raise TemplateError(f"template {name}: imports must be a list of import paths")
            tpl = Template(spec["text"], tuple(imports))
        else:
            raise TemplateError(f"template {name}: expected a string or a table with text")
        for m in string.Template.pattern.finditer(tpl.text):
            if m.group("invalid") is not None:
                raise TemplateError(f"template {name}: a lone `$` (write `$$` for a dollar sign)")
        unknown = tpl.placeholders() - (allowed or tpl.placeholders())
        if unknown:
            raise TemplateError(f"template {name}: unknown placeholder ${sorted(unknown)[0]}"
                                f" (known: {', '.join('$' + a for a in sorted(allowed or ()))})")
        out[name] = tpl
    return out
