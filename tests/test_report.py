"""What users and machines read: text lines like ruff's, a JSON document, and SARIF 2.1.0."""
from __future__ import annotations

import json
import re

from leakfix.engine.model import Applicability, Edit, Finding, Fix
from leakfix.engine.report import render_json, render_sarif, render_text

# Line 2 starts with a two-byte character, so byte and code point columns differ there.
BODY = "package p\n// é\nfunc f() { t := time.NewTicker(d) }\n".encode()
TICKER = BODY.index(b"time.NewTicker")
CALL_END = BODY.index(b" }")
INSERT_AT = CALL_END


def ticker_finding(fixed: bool = True) -> Finding:
    fix = Fix([Edit(INSERT_AT, INSERT_AT, b"; defer t.Stop()")], description="Stop the ticker") if fixed else None
    return Finding(
        rule="ticker-not-stopped",
        start=TICKER,
        end=CALL_END,
        message="time.NewTicker is never stopped",
        fix=fix,
        reason=None if fixed else "ticker escapes",
        path="pkg/a.go",
        line=3,
        column=17,
        end_line=3,
        end_column=34,
    )


def comment_finding() -> Finding:
    start = BODY.index("é".encode()) + 2  # just after the é
    return Finding(
        rule="b-rule", start=start, end=start + 1, message="second", path="pkg/a.go",
        line=2, column=6, end_line=2, end_column=7,
    )


RULES = [
    {"id": "ticker-not-stopped", "summary": "Tickers must be stopped",
     "doc": "## What it does\n\nFinds tickers.\n\n## Why\n\nThey leak.", "default_enabled": True,
     "help_uri": "https://example.org/README.md#rule-ticker-not-stopped"},
    {"id": "b-rule", "summary": "Off by default", "doc": "Docs.", "default_enabled": False},
]


# --- text -----------------------------------------------------------------------------------


def test_text_lists_findings_like_ruff_then_errors():
    out = render_text([ticker_finding(), comment_finding()], [("bad.go", "syntax error")], color=False)
    assert out == (
        "pkg/a.go:2:6: b-rule second\n"
        "pkg/a.go:3:17: ticker-not-stopped time.NewTicker is never stopped [fixable]\n"
        "bad.go: error: syntax error\n"
    )


def test_text_says_why_a_finding_was_not_fixed():
    out = render_text([ticker_finding(fixed=False)], [], color=False)
    assert out == "pkg/a.go:3:17: ticker-not-stopped time.NewTicker is never stopped (not fixed: ticker escapes)\n"


def test_text_gives_a_reason_shared_by_several_findings_of_a_rule_once():
    first, second = ticker_finding(fixed=False), ticker_finding(fixed=False)
    second.line, second.path = 9, "pkg/b.go"
    out = render_text([first, second], [], color=False)
    assert out == (
        "pkg/a.go:3:17: ticker-not-stopped time.NewTicker is never stopped (not fixed: see note)\n"
        "pkg/b.go:9:17: ticker-not-stopped time.NewTicker is never stopped (not fixed: see note)\n"
        "note: ticker-not-stopped (2 findings): ticker escapes\n"
    )
    assert render_text([first, second], [], color=False, reasons=False).count("not fixed") == 0


def test_text_colours_only_when_asked():
    plain = render_text([ticker_finding()], [], color=False)
    coloured = render_text([ticker_finding()], [], color=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    assert _strip_ansi(coloured) == plain


def test_nothing_to_report_is_empty_text():
    assert render_text([], [], color=True) == ""


# --- JSON -----------------------------------------------------------------------------------


def test_json_document():
    out = json.loads(render_json([ticker_finding(), comment_finding()], [("z.go", "unreadable")], {"pkg/a.go": BODY}))
    column = INSERT_AT - BODY.rindex(b"\n", 0, INSERT_AT)  # a byte column, 1-based
    assert out == {
        "version": 1,
        "findings": [
            {"rule": "b-rule", "path": "pkg/a.go", "line": 2, "column": 6, "end_line": 2, "end_column": 7,
             "message": "second", "fixable": False, "applicability": None, "reason": None, "fix": None},
            {"rule": "ticker-not-stopped", "path": "pkg/a.go", "line": 3, "column": 17, "end_line": 3,
             "end_column": 34, "message": "time.NewTicker is never stopped", "fixable": True,
             "applicability": "default", "reason": None,
             "fix": {"applicability": "default", "description": "Stop the ticker", "imports": [],
                     "edits": [{"start_line": 3, "start_column": column, "end_line": 3, "end_column": column,
                                "text": "; defer t.Stop()"}]}},
        ],
        "errors": [{"path": "z.go", "message": "unreadable"}],
    }


def test_json_gives_the_reason_in_its_own_field():
    (f,) = json.loads(render_json([ticker_finding(fixed=False)], [], {"pkg/a.go": BODY}))["findings"]
    assert (f["message"], f["reason"], f["fixable"], f["fix"]) == (
        "time.NewTicker is never stopped", "ticker escapes", False, None)


def test_json_fix_applicability_comes_from_the_fix():
    finding = ticker_finding()
    finding.fix.applicability = Applicability.ON_REQUEST
    (f,) = json.loads(render_json([finding], [], {"pkg/a.go": BODY}))["findings"]
    assert f["fix"]["applicability"] == f["applicability"] == "on-request"


def test_json_is_indented_and_stable():
    first = render_json([ticker_finding(), comment_finding()], [])
    assert first == render_json([comment_finding(), ticker_finding()], [])
    assert first.startswith('{\n  "version": 1,')


# --- SARIF ----------------------------------------------------------------------------------


def sarif(findings, errors=()):
    return json.loads(render_sarif(findings, list(errors), RULES, {"pkg/a.go": BODY}, "0.1.0"))


def test_sarif_envelope_and_rules():
    log = sarif([])
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("leakfix", "0.1.0")
    assert driver["informationUri"].startswith("https://")
    ticker, off = driver["rules"]
    assert ticker == {
        "id": "ticker-not-stopped",
        "name": "TickerNotStopped",
        "shortDescription": {"text": "Tickers must be stopped"},
        "fullDescription": {"text": "Finds tickers."},
        "helpUri": "https://example.org/README.md#rule-ticker-not-stopped",
        "help": {"text": RULES[0]["doc"], "markdown": RULES[0]["doc"]},
        "defaultConfiguration": {"level": "warning"},
    }
    assert off["defaultConfiguration"] == {"level": "none"}
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_result_location_in_code_points():
    (result,) = sarif([comment_finding()])["runs"][0]["results"]
    assert result["ruleId"] == "b-rule" and result["ruleIndex"] == 1
    assert result["level"] == "warning"
    assert result["message"] == {"text": "second"}
    (location,) = result["locations"]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "pkg/a.go", "uriBaseId": "%SRCROOT%"}
    # "// é" then the newline: é is one code point, so the newline is column 5 (byte column 6).
    assert location["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 5, "endLine": 3, "endColumn": 1}
    assert "fixes" not in result


def test_sarif_fix_is_an_insertion_with_an_empty_deleted_region():
    (result,) = sarif([ticker_finding()])["runs"][0]["results"]
    (fix,) = result["fixes"]
    assert fix["description"] == {"text": "Stop the ticker"}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "pkg/a.go", "uriBaseId": "%SRCROOT%"}
    column = INSERT_AT - BODY.rindex(b"\n", 0, INSERT_AT)  # line 3 is ASCII: bytes == code points
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": column, "endLine": 3, "endColumn": column},
            "insertedContent": {"text": "; defer t.Stop()"},
        }
    ]


def test_sarif_unfixed_finding_explains_itself():
    (result,) = sarif([ticker_finding(fixed=False)])["runs"][0]["results"]
    assert result["message"]["text"] == "time.NewTicker is never stopped (not fixed: ticker escapes)"
    assert "fixes" not in result
    assert result["properties"] == {"fixable": False, "applicability": None, "reason": "ticker escapes"}


def test_sarif_carries_fixes_applied_by_default_or_on_request_only():
    for kind, carried in ((Applicability.DEFAULT, True), (Applicability.ON_REQUEST, True),
                          (Applicability.DISPLAY_ONLY, False)):
        finding = ticker_finding()
        finding.fix.applicability = kind
        (result,) = sarif([finding])["runs"][0]["results"]
        assert ("fixes" in result) is carried, kind
        assert result["properties"] == {"fixable": True, "applicability": kind.value}


def test_a_fix_applied_only_on_request_says_so_with_its_reason():
    finding = ticker_finding()
    finding.fix.applicability, finding.reason = Applicability.ON_REQUEST, "frees nothing; `--fix t` applies it"
    assert render_text([finding], [], color=False).endswith("[fix on request: frees nothing; `--fix t` applies it]\n")
    (f,) = json.loads(render_json([finding], [], {"pkg/a.go": BODY}))["findings"]
    assert (f["fixable"], f["reason"], f["fix"]["applicability"]) == (True, finding.reason, "on-request")
    (result,) = sarif([finding])["runs"][0]["results"]
    assert result["properties"]["reason"] == finding.reason and "fixes" in result


def test_sarif_full_description_is_the_what_it_does_paragraph_of_the_rule_doc():
    from leakfix.engine.report import what_it_does

    doc = "Intro line.\n\n## What it does\nFinds a thing\nand fixes it.\n\n## Why\nBecause."
    assert what_it_does(doc) == "Finds a thing and fixes it."
    assert what_it_does("## Title\n\nFirst paragraph\nwraps.\n\nSecond.") == "First paragraph wraps."


def test_sarif_errors_become_tool_notifications():
    (invocation,) = sarif([], [("my dir/bad.go", "cannot parse")])["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "cannot parse"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "my%20dir/bad.go", "uriBaseId": "%SRCROOT%"}}}],
        }
    ]


def test_sarif_without_the_body_falls_back_to_the_engine_positions():
    finding = ticker_finding()
    finding.path = "other.go"
    (result,) = sarif([finding])["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 17, "endLine": 3, "endColumn": 34}
    assert "fixes" not in result


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)
