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


# -- Gitea: its published description, from the Go module code.gitea.io/gitea (pinned) ---------------

from bot_support import gitea_description, gitlab_description  # noqa: E402

GITEA = "/api/v1/repos/acme/leaky"


def gitea():
    return contract.load_forge("gitea")


def test_the_pinned_gitea_description_is_the_one_in_use():
    spec = gitea()
    path = gitea_description.spec_path()
    assert path.name == "v1_openapi3_json.tmpl"
    if "code.gitea.io/gitea@" in str(path.resolve()):
        assert f"code.gitea.io/gitea@{gitea_description.PINNED}/" in str(path.resolve())
    assert spec.doc["openapi"].startswith("3.") and spec.doc["info"]["title"] == "Gitea API"
    assert "/repos/{owner}/{repo}/pulls/{index}" in spec.doc["paths"]


@pytest.mark.parametrize("method, path, query, body", [
    ("GET", GITEA, None, None),
    ("GET", f"{GITEA}/pulls", {"state": ["open"], "page": ["1"], "limit": ["50"]}, None),
    ("POST", f"{GITEA}/pulls", None, {"title": "t", "head": "leakfix/fixes", "base": "main", "body": "b"}),
    ("PATCH", f"{GITEA}/pulls/7", None, {"state": "closed"}),
    ("POST", f"{GITEA}/issues/7/labels", None, {"labels": ["leaks"]}),
    ("POST", f"{GITEA}/issues/7/comments", None, {"body": "closing"}),
])
def test_what_the_bot_sends_to_gitea_conforms(method, path, query, body):
    assert gitea().errors(method, path, query, body) == []


@pytest.mark.parametrize("method, path, query, body, expected", [
    ("GET", f"{GITEA}/pulls", {"head": ["acme:x"]}, None, "unknown query parameter 'head'"),  # GitHub's filter
    ("GET", f"{GITEA}/pulls", {"per_page": ["100"]}, None, "unknown query parameter 'per_page'"),
    ("GET", f"{GITEA}/pulls", {"state": ["opened"]}, None, "'opened' is not one of"),
    ("POST", f"{GITEA}/pulls", None, {"title": 5, "head": "x", "base": "main"}, "5 is not of type 'string'"),
    ("PATCH", f"{GITEA}/pulls/seven", None, {"state": "closed"}, "path parameter index: 'seven' is not of type 'integer'"),
    ("PUT", f"{GITEA}/pulls/7", None, {"state": "closed"}, "has no PUT operation"),
    ("GET", "/repos/acme/leaky", None, None, "not under /api/v1"),
    ("GET", f"{GITEA}/merge_requests", None, None, "no such path in Gitea's API"),
])
def test_a_malformed_gitea_request_fails_validation(method, path, query, body, expected):
    errors = gitea().errors(method, path, query, body)
    assert any(expected in e for e in errors), errors


def test_a_missing_gitea_description_is_an_error_with_instructions_not_a_skip(tmp_path, monkeypatch):
    monkeypatch.setenv(gitea_description.ENV, str(tmp_path / "nowhere"))
    with pytest.raises(contract.ContractUnavailable) as exc:
        gitea_description.spec_path()
    assert f"code.gitea.io/gitea@{gitea_description.PINNED}" in str(exc.value) and gitea_description.ENV in str(exc.value)


def test_another_version_of_the_gitea_module_is_refused(tmp_path, monkeypatch):
    other = tmp_path / "code.gitea.io" / "gitea@v1.20.0" / gitea_description.FILE
    other.parent.mkdir(parents=True)
    other.write_text("{}")
    monkeypatch.setenv(gitea_description.ENV, str(other))
    with pytest.raises(contract.ContractUnavailable, match="pinned to"):
        gitea_description.spec_path()


# -- GitLab: HAND-WRITTEN fallback description (none is published in a registry reachable here) -------

GITLAB = "/api/v4/projects/acme%2Fleaky"


def gitlab():
    return contract.load_forge("gitlab")


def test_the_gitlab_description_says_it_is_hand_written():
    spec = gitlab()
    assert "hand-written" in spec.doc["info"]["title"] and "fallback" in spec.doc["info"]["x-source"]
    assert "HAND-WRITTEN" in gitlab_description.__doc__ and "FALLBACK" in gitlab_description.__doc__


@pytest.mark.parametrize("method, path, query, body", [
    ("GET", GITLAB, None, None),
    ("GET", "/api/v4/projects/grp%2Fsub%2Fleaky", None, None),
    ("GET", f"{GITLAB}/merge_requests", {"source_branch": ["leakfix/fixes"], "state": ["opened"], "per_page": ["100"]}, None),
    ("POST", f"{GITLAB}/merge_requests", None, {"source_branch": "leakfix/fixes", "target_branch": "main",
                                                "title": "Draft: t", "description": "b", "labels": "leaks,bot"}),
    ("PUT", f"{GITLAB}/merge_requests/7", None, {"title": "t", "description": "b"}),
    ("PUT", f"{GITLAB}/merge_requests/7", None, {"state_event": "close"}),
    ("PUT", f"{GITLAB}/merge_requests/7", None, {"add_labels": "leaks"}),
    ("POST", f"{GITLAB}/merge_requests/7/notes", None, {"body": "closing"}),
])
def test_what_the_bot_sends_to_gitlab_conforms(method, path, query, body):
    assert gitlab().errors(method, path, query, body) == []


@pytest.mark.parametrize("method, path, query, body, expected", [
    ("GET", f"{GITLAB}/merge_requests", {"state": ["open"]}, None, "'open' is not one of"),  # GitHub's word
    ("GET", f"{GITLAB}/merge_requests", {"head": ["acme:x"]}, None, "unknown query parameter 'head'"),
    ("GET", f"{GITLAB}/merge_requests", {"per_page": ["500"]}, None, "500 is greater than the maximum of 100"),
    ("POST", f"{GITLAB}/merge_requests", None, {"head": "x", "base": "main", "title": "t"}, "'source_branch' is a required property"),
    ("POST", f"{GITLAB}/merge_requests", None, {"source_branch": "x", "target_branch": "main", "title": "t", "body": "b"},
     "Additional properties are not allowed ('body' was unexpected)"),
    ("PUT", f"{GITLAB}/merge_requests/7", None, {"state": "closed"}, "Additional properties are not allowed"),
    ("PUT", f"{GITLAB}/merge_requests/7", None, {"state_event": "closed"}, "'closed' is not one of ['close', 'reopen']"),
    ("PUT", f"{GITLAB}/merge_requests/7", None, {}, "should be non-empty"),
    ("PATCH", f"{GITLAB}/merge_requests/7", None, {"title": "t"}, "has no PATCH operation"),
    ("POST", f"{GITLAB}/merge_requests/7/comments", None, {"body": "x"}, "no such path"),
    ("POST", f"{GITLAB}/merge_requests/x/notes", None, {"body": "x"}, "'x' is not of type 'integer'"),
])
def test_a_malformed_gitlab_request_fails_validation(method, path, query, body, expected):
    errors = gitlab().errors(method, path, query, body)
    assert any(expected in e for e in errors), errors
