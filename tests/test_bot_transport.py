"""The forge client's HTTP behaviour: retries, rate-limit waits, one-line errors, no token in them.

httpx.MockTransport answers in-process; sleep and clock are injected, so nothing waits.
"""
from __future__ import annotations

import httpx
import pytest

from leakfix.bot.forge import ForgeError
from leakfix.bot.gitea import Gitea
from leakfix.bot.github import GitHub

TOKEN = "ghs_TESTTOKEN123"
NOW = 1_700_000_000.0


def client(answers, cls=GitHub, **kw):
    """A forge whose requests get the answers in order (a callable answer may raise)."""
    seen: list[httpx.Request] = []
    sleeps: list[float] = []
    queue = list(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        return answer(request) if callable(answer) else answer

    forge = cls("https://api.example.test", "acme/leaky", TOKEN, transport=httpx.MockTransport(handler),
                sleep=sleeps.append, clock=lambda: NOW, **kw)
    return forge, seen, sleeps


def ok_repo():
    return httpx.Response(200, json={"default_branch": "trunk"})


def test_requests_carry_the_token_as_bearer_and_the_api_version():
    forge, seen, _ = client([ok_repo()])
    assert forge.default_branch() == "trunk"
    req = seen[0]
    assert req.url == "https://api.example.test/repos/acme/leaky"
    assert req.headers["authorization"] == f"Bearer {TOKEN}"
    assert req.headers["x-github-api-version"] == "2022-11-28"
    assert req.headers["accept"] == "application/vnd.github+json"


def test_gitea_uses_its_token_scheme():
    forge, seen, _ = client([ok_repo()], cls=Gitea)
    forge.default_branch()
    assert seen[0].headers["authorization"] == f"token {TOKEN}"


def test_5xx_is_retried_with_exponential_backoff_then_succeeds():
    forge, seen, sleeps = client([httpx.Response(500), httpx.Response(502), ok_repo()])
    assert forge.default_branch() == "trunk"
    assert len(seen) == 3 and sleeps == [1.0, 2.0]


def test_5xx_gives_up_after_four_tries():
    forge, seen, sleeps = client([httpx.Response(503, json={"message": "busy"})])
    with pytest.raises(ForgeError) as exc:
        forge.default_branch()
    assert len(seen) == 4 and sleeps == [1.0, 2.0, 4.0]
    assert str(exc.value) == "GET /repos/acme/leaky: failed with 503 Service Unavailable: busy"


def test_network_errors_are_retried_and_then_reported_in_one_line():
    def refuse(request):
        raise httpx.ConnectError("connection refused", request=request)

    forge, seen, sleeps = client([refuse])
    with pytest.raises(ForgeError) as exc:
        forge.default_branch()
    assert len(seen) == 4 and sleeps == [1.0, 2.0, 4.0]
    text = str(exc.value)
    assert "cannot reach https://api.example.test" in text and "\n" not in text and TOKEN not in text


def test_a_network_error_then_success():
    def refuse(request):
        raise httpx.ReadTimeout("timed out", request=request)

    forge, seen, sleeps = client([refuse, ok_repo()])
    assert forge.default_branch() == "trunk" and sleeps == [1.0]


def test_429_with_retry_after_seconds_is_waited_for():
    forge, seen, sleeps = client([httpx.Response(429, headers={"Retry-After": "3"}), ok_repo()])
    assert forge.default_branch() == "trunk"
    assert sleeps == [3.0]


def test_retry_after_as_an_http_date():
    date = "Tue, 14 Nov 2023 22:13:30 GMT"  # NOW + 10 s
    forge, seen, sleeps = client([httpx.Response(403, headers={"Retry-After": date}), ok_repo()])
    assert forge.default_branch() == "trunk"
    assert sleeps == [pytest.approx(10.0)]


def test_403_with_no_requests_left_waits_until_the_reset():
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) + 5)}
    forge, seen, sleeps = client([httpx.Response(403, headers=headers, json={"message": "API rate limit exceeded"}), ok_repo()])
    assert forge.default_branch() == "trunk"
    assert sleeps == [6.0]


def test_a_wait_longer_than_the_budget_is_not_waited_and_says_so():
    forge, seen, sleeps = client([httpx.Response(429, headers={"Retry-After": "3600"})])
    with pytest.raises(ForgeError) as exc:
        forge.default_branch()
    assert sleeps == [] and len(seen) == 1
    assert "rate limited" in str(exc.value) and "3600 s" in str(exc.value)


def test_waits_add_up_to_at_most_the_budget():
    forge, seen, sleeps = client([httpx.Response(429, headers={"Retry-After": "40"})])
    with pytest.raises(ForgeError):
        forge.default_branch()
    assert sleeps == [40.0] and len(seen) == 2


def test_a_plain_403_is_not_retried():
    forge, seen, sleeps = client([httpx.Response(403, json={"message": "Resource not accessible by integration"})])
    with pytest.raises(ForgeError) as exc:
        forge.default_branch()
    assert len(seen) == 1 and sleeps == []
    assert "forbidden (403: Resource not accessible by integration)" in str(exc.value)


@pytest.mark.parametrize("status, body, expected", [
    (401, {"message": "Bad credentials"}, "the forge rejected the token (401: Bad credentials)"),
    (404, {"message": "Not Found"}, "no such repository, or the token has no access to it"),
    (422, {"message": "Validation Failed", "errors": [{"resource": "PullRequest", "field": "head", "code": "invalid"}]},
     "the forge rejected the request (422): Validation Failed; resource=PullRequest field=head code=invalid"),
    (422, {"message": "Validation Failed", "errors": [{"message": "A pull request already exists for acme:x."}]},
     "(422): Validation Failed; A pull request already exists for acme:x."),
])
def test_refusals_are_one_clear_line(status, body, expected):
    forge, seen, sleeps = client([httpx.Response(status, json=body)])
    with pytest.raises(ForgeError) as exc:
        forge.create_pull("leakfix/fixes", "main", "t", "b")
    assert expected in str(exc.value)
    assert "\n" not in str(exc.value) and exc.value.status == status and sleeps == []


def test_the_token_is_redacted_even_when_the_forge_echoes_it():
    forge, _, _ = client([httpx.Response(401, json={"message": f"token {TOKEN} is revoked"})])
    with pytest.raises(ForgeError) as exc:
        forge.default_branch()
    assert TOKEN not in str(exc.value) and TOKEN not in repr(exc.value) and "***" in str(exc.value)


def test_find_open_pull_ignores_other_heads():
    pulls = [{"number": 4, "state": "open", "title": "x", "body": "", "head": {"ref": "other"}},
             {"number": 5, "state": "open", "title": "t", "body": "b", "head": {"ref": "leakfix/fixes"},
              "labels": [{"name": "leaks"}], "html_url": "https://x/5"}]
    forge, seen, _ = client([httpx.Response(200, json=pulls)])
    pr = forge.find_open_pull("leakfix/fixes")
    assert pr.number == 5 and pr.labels == ["leaks"] and pr.url == "https://x/5"
    assert dict(seen[0].url.params) == {"head": "acme:leakfix/fixes", "state": "open", "per_page": "100"}
