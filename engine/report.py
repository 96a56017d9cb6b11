"""Render findings and per-file errors as text, JSON or SARIF 2.1.0 (pure functions to str).

Every renderer returns the complete output, ending with a newline when it is not empty.
"""
from __future__ import annotations

import bisect
import json
import os
import pathlib
import urllib.parse
from typing import Any, Iterable

from .model import Edit, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/leakfix/leakfix"

_BOLD, _RED, _CYAN, _YELLOW, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[36m", "\x1b[33m", "\x1b[0m"


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """By place; findings weighted by a profile (bytes allocated) come first, heaviest first."""
    return sorted(findings, key=lambda f: (-(f.weight or 0), f.path, f.line, f.column, f.rule))


def _sorted_errors(errors: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(errors)


# --- text -----------------------------------------------------------------------------------


def render_text(findings: list[Finding], errors: list[tuple[str, str]], color: bool) -> str:
    """One line per finding, `path:line:col: rule message`, then `path: error: message` lines."""
    paint = _painter(color)
    lines = [_text_line(f, paint) for f in sort_findings(findings)]
    lines += [f"{paint(path, _BOLD)}: {paint('error', _RED + _BOLD)}: {message}" for path, message in _sorted_errors(errors)]
    return "".join(line + "\n" for line in lines)


def _text_line(finding: Finding, paint) -> str:
    where = f"{paint(finding.path, _BOLD)}:{finding.line}:{finding.column}:"
    text = f"{where} {paint(finding.rule, _RED + _BOLD)} {finding.message}"
    if finding.withheld:
        text += " " + paint(f"[fix on request: {finding.reason}]" if finding.reason else "[fix on request]", _CYAN)
    elif finding.fixable:
        text += " " + paint("[fixable]", _CYAN)
    elif finding.reason:
        text += " " + paint(f"(not fixed: {finding.reason})", _YELLOW)
    return text


def _painter(color: bool):
    if not color:
        return lambda text, style: text
    return lambda text, style: f"{style}{text}{_RESET}"


# --- JSON -----------------------------------------------------------------------------------


def render_json(findings: list[Finding], errors: list[tuple[str, str]]) -> str:
    """`{"version": 1, "findings": [...], "errors": [{"path", "message"}]}`, indented."""
    document = {
        "version": 1,
        "findings": [f.to_dict() for f in sort_findings(findings)],
        "errors": [{"path": path, "message": message} for path, message in _sorted_errors(errors)],
    }
    return json.dumps(document, indent=2) + "\n"


# --- SARIF ----------------------------------------------------------------------------------


def render_sarif(
    findings: list[Finding],
    errors: list[tuple[str, str]],
    rules: list[dict],
    bodies: dict[str, bytes],
    version: str,
) -> str:
    """A SARIF 2.1.0 log with one run. `bodies[path]` is the BOM-less body the offsets index.

    Regions use code point columns (`columnKind: unicodeCodePoints`), end columns exclusive.
    """
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    positions = {path: _Positions(body) for path, body in bodies.items()}
    run = {
        "tool": {
            "driver": {
                "name": "leakfix",
                "informationUri": INFORMATION_URI,
                "version": version,
                "rules": [_sarif_rule(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [_notification(p, m) for p, m in _sorted_errors(errors)],
            }
        ],
        "results": [_sarif_result(f, rule_index, positions.get(f.path)) for f in sort_findings(findings)],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2) + "\n"


def _sarif_rule(rule: dict) -> dict[str, Any]:
    doc = rule.get("doc") or rule["summary"]
    return {
        "id": rule["id"],
        "name": rule.get("name") or _pascal_case(rule["id"]),
        "shortDescription": {"text": rule["summary"]},
        "fullDescription": {"text": _first_paragraph(doc)},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": "warning" if rule.get("default_enabled", True) else "none"},
    }


def _sarif_result(finding: Finding, rule_index: dict[str, int], positions: _Positions | None) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    message = finding.message
    if not finding.fixable and finding.reason:
        message += f" (not fixed: {finding.reason})"
    result["level"] = "warning"
    result["message"] = {"text": message}
    if positions is not None:
        region = positions.region(finding.start, finding.end)
    else:
        region = _finding_region(finding)
    result["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(finding.path), "region": region}}]
    if finding.fix is not None and positions is not None:
        result["fixes"] = [_sarif_fix(finding, positions)]
    if finding.fix is not None:
        result["properties"] = {"applicability": finding.applicability}
        if finding.withheld and finding.reason:
            result["properties"]["reason"] = finding.reason
    return result


def _sarif_fix(finding: Finding, positions: _Positions) -> dict[str, Any]:
    fix = finding.fix
    return {
        "description": {"text": fix.description or f"Fix {finding.rule}"},
        "artifactChanges": [
            {
                "artifactLocation": _artifact(finding.path),
                "replacements": [_replacement(edit, positions) for edit in sorted(fix.edits)],
            }
        ],
    }


def _replacement(edit: Edit, positions: _Positions) -> dict[str, Any]:
    return {
        "deletedRegion": positions.region(edit.start, edit.end),
        "insertedContent": {"text": edit.text.decode("utf-8", "replace")},
    }


def _finding_region(finding: Finding) -> dict[str, int]:
    """Fallback without the file's bytes: the engine's (byte-column) positions."""
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }


def _notification(path: str, message: str) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(path)}}],
    }


def _artifact(path: str) -> dict[str, str]:
    """A relative path becomes a %SRCROOT%-based URI; an absolute one a file: URI."""
    if os.path.isabs(path):
        return {"uri": pathlib.Path(path).as_uri()}
    return {"uri": urllib.parse.quote(path.replace(os.sep, "/"), safe="/"), "uriBaseId": "%SRCROOT%"}


class _Positions:
    """Byte offset -> (1-based line, 1-based code point column) for one body."""

    def __init__(self, body: bytes):
        self.body = body
        self.line_starts = [0]
        i = body.find(b"\n")
        while i != -1:
            self.line_starts.append(i + 1)
            i = body.find(b"\n", i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        prefix = self.body[self.line_starts[line]:offset]
        return line + 1, len(prefix.decode("utf-8", "replace")) + 1

    def region(self, start: int, end: int) -> dict[str, int]:
        start_line, start_column = self.position(start)
        end_line, end_column = self.position(end)
        return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _pascal_case(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule_id.replace("_", "-").split("-") if part)


def _first_paragraph(doc: str) -> str:
    """The first paragraph of markdown that is not a heading (the doc itself when none is)."""
    for paragraph in doc.strip().split("\n\n"):
        if paragraph.strip() and not paragraph.lstrip().startswith("#"):
            return paragraph.strip()
    return doc.strip()
