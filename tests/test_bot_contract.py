"""The contract checker itself: it accepts what GitHub documents and rejects what it does not.

The scenario tests use it on every request the bot sends; these tests prove it has teeth, and
that a missing description is a failure with instructions, never a skip.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot_support import contract  # noqa: E402
from bot_support.fake_github import Request  # noqa: E402

REPO = "/repos/acme/leaky"


def load():
    """The description, loaded in the test itself: when it is missing the test FAILS (never skips)."""
    return contract.load_or_fail()


def test_the_pinned_description_is_the_one_in_use():
    spec = load()
    path = contract.spec_path()
    pkg = path.parent.parent / "package.json"
    if pkg.is_file():
        assert json.loads(pkg.read_text())["version"] == contract.PINNED
    assert spec.doc["openapi"].startswith("3.")
    assert "/repos/{owner}/{repo}/pulls" in spec.doc["paths"]


@pytest.mark.parametrize("method, path, query, body", [
    ("GET", REPO, None, None),
    ("GET", f"{REPO}/pulls", {"head": ["acme:leakfix/fixes"], "state": ["open"], "per_page": ["100"]}, None),
    ("POST", f"{REPO}/pulls", None, {"title": "t", "head": "leakfix/fixes", "base": "main", "body": "b", "draft": True}),
    ("PATCH", f"{REPO}/pulls/7", None, {"title": "t", "body": "b"}),
    ("PATCH", f"{REPO}/pulls/7", None, {"state": "closed"}),
    ("POST", f"{REPO}/issues/7/labels", None, {"labels": ["leaks", "bot"]}),
    ("POST", f"{REPO}/issues/7/comments", None, {"body": "closing"}),
])
def test_what_the_bot_sends_conforms(method, path, query, body):
    assert load().errors(method, path, query, body) == []


@pytest.mark.parametrize("method, path, query, body, expected", [
    ("POST", f"{REPO}/pulls", None, {"title": 5, "head": "x", "base": "main"}, "5 is not of type 'string'"),
    ("POST", f"{REPO}/pulls", None, {"title": "t", "head": "x", "base": "main", "draft": "yes"}, "'yes' is not of type 'boolean'"),
    ("POST", f"{REPO}/pulls", None, None, "a request body is required"),
    ("PATCH", f"{REPO}/pulls/7", None, {"state": "merged"}, "'merged' is not one of ['open', 'closed']"),
    ("PATCH", f"{REPO}/pulls/seven", None, {"state": "closed"}, "path parameter pull_number: 'seven' is not of type 'integer'"),
    ("POST", f"{REPO}/issues/7/comments", None, {"text": "hi"}, "'body' is a required property"),
    ("POST", f"{REPO}/issues/7/labels", None, {"labels": []}, "is not valid under any of the given schemas"),
    ("GET", f"{REPO}/pulls", {"state": ["opened"]}, None, "'opened' is not one of ['open', 'closed', 'all']"),
    ("GET", f"{REPO}/pulls", {"per-page": ["100"]}, None, "unknown query parameter 'per-page'"),
    ("GET", f"{REPO}/pulls", {"per_page": ["many"]}, None, "'many' is not of type 'integer'"),
    ("GET", f"{REPO}", None, {"x": 1}, "takes no request body"),
    ("PUT", f"{REPO}/pulls", None, None, "has no PUT operation"),
    ("GET", f"{REPO}/pull-requests", None, None, "no such path in GitHub's API"),
])
def test_a_malformed_request_fails_validation(method, path, query, body, expected):
    errors = load().errors(method, path, query, body)
    assert any(expected in e for e in errors), errors


def test_check_all_reports_every_bad_recorded_request():
    load()
    good = Request("GET", REPO, {}, {}, None, b"")
    bad = Request("PATCH", f"{REPO}/pulls/1", {}, {}, {"state": "merged"}, b'{"state": "merged"}')
    assert contract.check_all([good]) == []
    assert len(contract.check_all([good, bad])) == 1


def test_a_missing_description_is_an_error_with_instructions_not_a_skip(tmp_path, monkeypatch):
    monkeypatch.setenv(contract.ENV, str(tmp_path / "nowhere"))
    with pytest.raises(contract.ContractUnavailable) as exc:
        contract.spec_path()
    assert f"@octokit/openapi@{contract.PINNED}" in str(exc.value) and contract.ENV in str(exc.value)


def test_another_version_of_the_package_is_refused(tmp_path, monkeypatch):
    pkg = tmp_path / "node_modules" / "@octokit" / "openapi"
    (pkg / "generated").mkdir(parents=True)
    (pkg / "generated" / "api.github.com.json").write_text("{}")
    (pkg / "package.json").write_text(json.dumps({"name": "@octokit/openapi", "version": "1.0.0"}))
    monkeypatch.setenv(contract.ENV, str(tmp_path / "node_modules"))
    with pytest.raises(contract.ContractUnavailable, match="pinned to"):
        contract.spec_path()
