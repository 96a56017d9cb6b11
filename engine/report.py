"""Render findings and per-file errors for people and for CI systems (pure functions to str).

Formats: text (one line per finding), JSON (documented in README), SARIF 2.1.0 (code
scanning), GitHub workflow commands, GitLab code quality (code-climate JSON) and checkstyle XML.
Every renderer returns the complete output, ending with a newline when it is not empty.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import os
import pathlib
import re
import urllib.parse
import xml.etree.ElementTree as ET
from typing import Any, Iterable

from .model import Edit, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/leakfix/leakfix"
# Fix applicabilities whose edits a user can get from leakfix (SARIF `fixes` carries only these).
APPLIED_ON_REQUEST = ("default", "on-request")

_BOLD, _RED, _CYAN, _YELLOW, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[36m", "\x1b[33m", "\x1b[0m"


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """By place; findings weighted by a profile (bytes allocated) come first, heaviest first."""
    return sorted(findings, key=lambda f: (-(f.weight or 0), f.path, f.line, f.column, f.rule))


def _sorted_errors(errors: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(errors)


def applicability(finding: Finding) -> str | None:
    """The fix's applicability (`default`, `on-request`, `display-only`); None without a fix."""
    if finding.fix is None:
        return None
    kind = getattr(finding.fix, "applicability", None)
    return getattr(kind, "value", kind) or "default"


def _status(finding: Finding) -> tuple[str, str | None]:
    """How a finding stands: ("fixable", None) when leakfix applies its fix (or did), ("on-request",
    reason) when its fix waits for `--fix RULE`, ("not-fixed", reason) otherwise."""
    kind = applicability(finding)
    if finding.fixed or (finding.fix is not None and not finding.withheld and finding.reason is None):
        return "fixable", None
    if finding.fix is not None and kind == "on-request":
        return "on-request", finding.reason
    return "not-fixed", finding.reason


# --- text -----------------------------------------------------------------------------------


def render_text(findings: list[Finding], errors: list[tuple[str, str]], color: bool,
                reasons: bool = True) -> str:
    """One line per finding, `path:line:col: rule message`, then `path: error: message` lines.

    A reason shared by several findings of one rule (say, why its fix is applied only on request)
    is given once, after the findings, as `note: RULE (N findings): REASON`; the reason of one
    finding ends its line. `reasons=False` leaves reasons out (the caller has said them)."""
    paint = _painter(color)
    ordered = sort_findings(findings)
    shared = _shared_reasons(ordered) if reasons else {}
    lines = [_text_line(f, paint, reasons, (f.rule, f.reason) in shared) for f in ordered]
    for (rule, reason), count in shared.items():
        lines.append(f"{paint('note', _YELLOW)}: {paint(rule, _RED + _BOLD)} ({count} findings): {reason}")
    lines += [f"{paint(path, _BOLD)}: {paint('error', _RED + _BOLD)}: {message}" for path, message in _sorted_errors(errors)]
    return "".join(line + "\n" for line in lines)


def _shared_reasons(findings: list[Finding]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for f in findings:
        status, reason = _status(f)
        if reason:
            counts[(f.rule, reason)] = counts.get((f.rule, reason), 0) + 1
    return {key: n for key, n in sorted(counts.items()) if n > 1}


def _text_line(finding: Finding, paint, reasons: bool, reason_in_note: bool) -> str:
    where = f"{paint(finding.path, _BOLD)}:{finding.line}:{finding.column}:"
    text = f"{where} {paint(finding.rule, _RED + _BOLD)} {finding.message}"
    status, reason = _status(finding)
    said = "see note" if reason_in_note else reason
    if status == "fixable":
        text += " " + paint("[fixable]", _CYAN)
    elif status == "on-request":
        text += " " + paint(f"[fix on request: {said}]" if reason and reasons else "[fix on request]", _CYAN)
    elif reason and reasons:
        text += " " + paint(f"(not fixed: {said})", _YELLOW)
    return text


def _painter(color: bool):
    if not color:
        return lambda text, style: text
    return lambda text, style: f"{style}{text}{_RESET}"


# --- JSON -----------------------------------------------------------------------------------


def render_json(findings: list[Finding], errors: list[tuple[str, str]],
                bodies: dict[str, bytes] | None = None) -> str:
    """`{"version": 1, "findings": [...], "errors": [{"path", "message"}]}`, indented.

    Each finding: rule, path, line, column, end_line, end_column, message, fixable (a fix exists),
    applicability (the fix's, or null), reason (why it is not applied, or null), fix
    (`{applicability, description, edits, imports}` or null). Edit positions are 1-based
    lines and UTF-8 byte columns (end exclusive) in `bodies[path]`, the BOM-less body."""
    positions = {path: _Positions(body) for path, body in (bodies or {}).items()}
    document = {
        "version": 1,
        "findings": [_json_finding(f, positions.get(f.path)) for f in sort_findings(findings)],
        "errors": [{"path": path, "message": message} for path, message in _sorted_errors(errors)],
    }
    return json.dumps(document, indent=2) + "\n"


def _json_finding(f: Finding, positions: _Positions | None) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "message": f.message,
        "fixable": f.fixable,
        "applicability": applicability(f),
        "reason": _status(f)[1],
        "fix": _json_fix(f, positions),
    }


def _json_fix(f: Finding, positions: _Positions | None) -> dict[str, Any] | None:
    if f.fix is None or positions is None:
        return None
    return {
        "applicability": applicability(f),
        "description": f.fix.description,
        "edits": [_json_edit(edit, positions) for edit in sorted(f.fix.edits)],
        "imports": [{"path": imp.path, "name": imp.name} for imp in f.fix.imports],
    }


def _json_edit(edit: Edit, positions: _Positions) -> dict[str, Any]:
    start_line, start_column = positions.byte_position(edit.start)
    end_line, end_column = positions.byte_position(edit.end)
    return {"start_line": start_line, "start_column": start_column, "end_line": end_line,
            "end_column": end_column, "text": edit.text.decode("utf-8", "replace")}


# --- SARIF ----------------------------------------------------------------------------------


def render_sarif(
    findings: list[Finding],
    errors: list[tuple[str, str]],
    rules: list[dict],
    bodies: dict[str, bytes],
    version: str,
    information_uri: str = INFORMATION_URI,
) -> str:
    """A SARIF 2.1.0 log with one run. `bodies[path]` is the BOM-less body the offsets index.

    Regions use code point columns (`columnKind: unicodeCodePoints`), end columns exclusive.
    A rule's `helpUri` is `rule["help_uri"]` when given."""
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    positions = {path: _Positions(body) for path, body in bodies.items()}
    run = {
        "tool": {
            "driver": {
                "name": "leakfix",
                "informationUri": information_uri,
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
    out: dict[str, Any] = {
        "id": rule["id"],
        "name": rule.get("name") or _pascal_case(rule["id"]),
        "shortDescription": {"text": rule["summary"]},
        "fullDescription": {"text": what_it_does(doc)},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": "warning" if rule.get("default_enabled", True) else "none"},
    }
    if rule.get("help_uri"):
        out["helpUri"] = rule["help_uri"]
    return out


def _sarif_result(finding: Finding, rule_index: dict[str, int], positions: _Positions | None) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    message = finding.message
    status, reason = _status(finding)
    if reason:
        message += f" ({'fix on request' if status == 'on-request' else 'not fixed'}: {reason})"
    result["level"] = "warning"
    result["message"] = {"text": message}
    if positions is not None:
        region = positions.region(finding.start, finding.end)
    else:
        region = _finding_region(finding)
    result["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(finding.path), "region": region}}]
    kind = applicability(finding)
    if finding.fix is not None and positions is not None and kind in APPLIED_ON_REQUEST:
        result["fixes"] = [_sarif_fix(finding, positions)]
    properties: dict[str, Any] = {"fixable": finding.fixable, "applicability": kind}
    if reason:
        properties["reason"] = reason
    result["properties"] = properties
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


# --- GitHub workflow commands ---------------------------------------------------------------


def render_github(findings: list[Finding], errors: list[tuple[str, str]], root: str | None = None) -> str:
    """`::warning file=PATH,line=N,col=N,endLine=N,endColumn=N,title=RULE::MESSAGE` per finding and
    `::error file=PATH::MESSAGE` per file error; PATH relative to root (the repository's)."""
    lines = []
    for f in sort_findings(findings):
        props = [("file", repo_path(f.path, root)), ("line", f.line), ("col", f.column),
                 ("endLine", f.end_line), ("endColumn", f.end_column), ("title", f.rule)]
        lines.append(_workflow_command("warning", props, _with_reason(f)))
    for path, message in _sorted_errors(errors):
        lines.append(_workflow_command("error", [("file", repo_path(path, root))], message))
    return "".join(line + "\n" for line in lines)


def _workflow_command(name: str, props: list[tuple[str, Any]], message: str) -> str:
    joined = ",".join(f"{key}={_escape_property(str(value))}" for key, value in props)
    return f"::{name} {joined}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    """GitHub's escaping of a command's message: %, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """GitHub's escaping of a command's property values: the data escapes, `:` and `,`."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _with_reason(f: Finding) -> str:
    status, reason = _status(f)
    if status == "fixable":
        return f"{f.message} (fixable with `leakfix apply`)"
    if reason:
        return f"{f.message} ({'fix on request' if status == 'on-request' else 'not fixed'}: {reason})"
    return f.message


def repo_path(path: str, root: str | None) -> str:
    """path relative to root, with forward slashes (as it is when root is None)."""
    if root is None:
        return path.replace(os.sep, "/")
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


# --- GitLab code quality (code-climate JSON) ------------------------------------------------


def render_code_climate(findings: list[Finding], errors: list[tuple[str, str]], bodies: dict[str, bytes],
                        root: str | None = None) -> str:
    """A JSON array of code-climate issues, which GitLab reads as a code quality report.

    The fingerprint hashes the rule, the path, the finding's source line with its whitespace
    collapsed and the index of that line among the finding's equals: it stays the same when the
    code moves up or down. File errors are left out (GitLab would show them as code issues)."""
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for f in sorted(findings, key=lambda f: (f.path, f.line, f.column, f.rule)):
        path = repo_path(f.path, root)
        text = _normalised_line(bodies.get(f.path), f.line)
        key = (f.rule, path, text)
        index = seen.get(key, 0)
        seen[key] = index + 1
        digest = hashlib.sha256("\0".join([f.rule, path, text, str(index)]).encode("utf-8", "surrogateescape"))
        issues.append({
            "type": "issue",
            "check_name": f.rule,
            "description": _with_reason(f),
            "categories": ["Bug Risk"],
            "fingerprint": digest.hexdigest(),
            "severity": "major",
            "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line or f.line}},
        })
    return json.dumps(issues, indent=2) + "\n"


def _normalised_line(body: bytes | None, line: int) -> str:
    if body is None:
        return ""
    lines = body.split(b"\n")
    if not 1 <= line <= len(lines):
        return ""
    return " ".join(lines[line - 1].decode("utf-8", "replace").split())


# --- checkstyle XML -------------------------------------------------------------------------


def render_checkstyle(findings: list[Finding], errors: list[tuple[str, str]]) -> str:
    """`<checkstyle version="4.3">` with one `<file>` per path: an `<error severity="warning">` per
    finding (source `leakfix.RULE`) and `severity="error"` per file error."""
    root = ET.Element("checkstyle", version="4.3")
    files: dict[str, ET.Element] = {}

    def file_element(path: str) -> ET.Element:
        if path not in files:
            files[path] = ET.SubElement(root, "file", name=path)
        return files[path]

    entries = [(f.path, f.line, f.column, "warning", _with_reason(f), f"leakfix.{f.rule}") for f in sort_findings(findings)]
    entries += [(path, 1, 1, "error", message, "leakfix") for path, message in _sorted_errors(errors)]
    for path, line, column, severity, message, source in sorted(entries, key=lambda e: (e[0], e[1], e[2])):
        ET.SubElement(file_element(path), "error", line=str(line), column=str(column), severity=severity,
                      message=_xml_safe(message), source=source)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold control characters even escaped: they become U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


# --- positions and rule docs ----------------------------------------------------------------


class _Positions:
    """Byte offset -> 1-based line and 1-based column (code points or bytes) in one body."""

    def __init__(self, body: bytes):
        self.body = body
        self.line_starts = [0]
        i = body.find(b"\n")
        while i != -1:
            self.line_starts.append(i + 1)
            i = body.find(b"\n", i + 1)

    def byte_position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

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


def what_it_does(doc: str) -> str:
    """The paragraph under the doc's `What it does` heading, on one line; else the first paragraph
    that is not a heading (the doc itself when there is none)."""
    lines = doc.strip().splitlines()
    for i, line in enumerate(lines):
        if line.lstrip("#").strip().lower() == "what it does" and line.startswith("#"):
            return _paragraph_at(lines, i + 1) or doc.strip()
    for i, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            return _paragraph_at(lines, i)
    return doc.strip()


def _paragraph_at(lines: list[str], i: int) -> str:
    while i < len(lines) and not lines[i].strip():
        i += 1
    out = []
    while i < len(lines) and lines[i].strip() and not lines[i].startswith("#"):
        out.append(lines[i].strip())
        i += 1
    return " ".join(out)
