"""HTTP for forge clients: bounded retries, rate-limit waits, one-line errors without the token.

- 5xx answers and network errors are retried with exponential backoff (at most `tries` tries);
- 403/429 answers that carry `Retry-After`, or `X-RateLimit-Remaining: 0` with
  `X-RateLimit-Reset`, are retried after the wait they ask for, while the waits of one request
  add up to at most `max_wait` seconds;
- everything else that is not 2xx becomes a `ForgeError` with one line saying what was refused.

`sleep` and `clock` are injectable so tests wait for nothing. Clients that run side by side
(`leakfix campaign`'s threads) share one `RateBudget`: a wait one of them is asked for holds
every request of all of them, and writes are spaced by a minimum interval.
"""
from __future__ import annotations

import email.utils
import threading
import time
from typing import Any, Callable

import httpx

from .forge import ForgeError

USER_AGENT = "leakfix-bot"


class RateBudget:
    """One rate budget shared by the forge clients of several threads.

    `hold(seconds)` (a 403/429 that asks to wait, or `X-RateLimit-Remaining: 0`) makes every
    request of every client wait until then; `wait(method)` is called before each request and
    also spaces write requests (POST, PATCH, PUT, DELETE) `write_interval` seconds apart, as
    GitHub asks of clients that make many of them."""

    def __init__(self, write_interval: float = 0.0, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.write_interval = write_interval
        self.sleep = sleep
        self.clock = clock
        self._lock = threading.Lock()
        self._until = 0.0  # no request before this (clock time)
        self._next_write = 0.0
        self.holds = 0  # how many times a wait was imposed on everyone (for reports and tests)

    def hold(self, seconds: float) -> None:
        with self._lock:
            self._until = max(self._until, self.clock() + seconds)
            self.holds += 1

    def wait(self, method: str) -> float:
        """Sleep as long as the budget asks before sending `method`; returns the seconds slept."""
        with self._lock:
            now = self.clock()
            start = max(now, self._until)
            if method not in ("GET", "HEAD", "OPTIONS") and self.write_interval > 0:
                start = max(start, self._next_write)
                self._next_write = start + self.write_interval
            delay = start - now
        if delay > 0:
            self.sleep(delay)
            return delay
        return 0.0


class Api:
    """A JSON API at `base_url`, authenticated with `authorization` (e.g. "Bearer <token>")."""

    def __init__(self, base_url: str, authorization: str | None, secret: str | None = None, *,
                 headers: dict[str, str] | None = None, tries: int = 4, max_wait: float = 60.0,
                 backoff: float = 1.0, timeout: float = 30.0,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
                 transport: httpx.BaseTransport | None = None, budget: RateBudget | None = None):
        from leakfix import __version__

        all_headers = {"User-Agent": f"{USER_AGENT}/{__version__}", "Accept": "application/json"}
        all_headers.update(headers or {})
        if authorization:
            all_headers["Authorization"] = authorization
        self.base_url = base_url.rstrip("/")
        self._secret = secret
        self._client = httpx.Client(headers=all_headers, timeout=timeout, transport=transport,
                                    follow_redirects=True)  # a renamed repository answers 301
        self.tries = max(1, tries)
        self.max_wait = max_wait
        self.backoff = backoff
        self.sleep = sleep
        self.clock = clock
        self.budget = budget

    # -- public -------------------------------------------------------------------------------

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any) -> Any:
        return self.request("POST", path, body=body)

    def patch(self, path: str, body: Any) -> Any:
        return self.request("PATCH", path, body=body)

    def put(self, path: str, body: Any) -> Any:
        return self.request("PUT", path, body=body)

    def request(self, method: str, path: str, *, params: dict[str, Any] | None = None, body: Any = None) -> Any:
        """Send one request (retrying as described above) and return its decoded JSON (or None)."""
        url = self.base_url + path
        waited = 0.0
        for attempt in range(1, self.tries + 1):
            last = attempt == self.tries
            if self.budget is not None:
                self.budget.wait(method)
            try:
                resp = self._client.request(method, url, params=params, json=body)
            except httpx.TransportError as exc:
                delay = self.backoff * 2 ** (attempt - 1)
                if last or waited + delay > self.max_wait:
                    raise ForgeError(self._redact(f"{method} {path}: cannot reach {self.base_url}: "
                                                  f"{_one_line(str(exc)) or type(exc).__name__}")) from None
                waited += self._pause(delay)
                continue
            status = resp.status_code
            if self.budget is not None and 200 <= status < 300:
                self._spent(resp)
            if 200 <= status < 300:
                return _json(resp)
            if status >= 500:
                delay = self.backoff * 2 ** (attempt - 1)
                if not last and waited + delay <= self.max_wait:
                    waited += self._pause(delay)
                    continue
            elif status in (403, 429):
                delay = self.rate_limit_delay(resp)
                if delay is not None:
                    if last or waited + delay > self.max_wait:
                        raise ForgeError(self._redact(
                            f"{method} {path}: rate limited by the forge ({status}); it asks to wait "
                            f"{delay:.0f} s, more than leakfix waits ({self.max_wait:.0f} s in all); try again later"),
                            status)
                    if self.budget is not None:  # every client waits; this one in budget.wait
                        self.budget.hold(delay)
                        waited += delay
                    else:
                        waited += self._pause(delay)
                    continue
            raise ForgeError(self._redact(describe(method, path, resp)), status)
        raise AssertionError("unreachable")  # pragma: no cover

    def rate_limit_delay(self, resp: httpx.Response) -> float | None:
        """Seconds a 403/429 answer asks to wait, or None when it is not a rate limit."""
        retry_after = resp.headers.get("retry-after")
        if retry_after is not None:
            retry_after = retry_after.strip()
            if retry_after.isdigit():
                return float(retry_after)
            try:
                when = email.utils.parsedate_to_datetime(retry_after).timestamp()
            except (TypeError, ValueError):
                return None
            return max(0.0, when - self.clock())
        if resp.headers.get("x-ratelimit-remaining", "").strip() == "0":
            reset = resp.headers.get("x-ratelimit-reset", "").strip()
            if reset.isdigit():
                return max(0.0, int(reset) - self.clock()) + 1.0
        return None

    def close(self) -> None:
        self._client.close()

    # -- private ------------------------------------------------------------------------------

    def _spent(self, resp: httpx.Response) -> None:
        """A 2xx answer that says the budget is used up holds every client until it resets."""
        if resp.headers.get("x-ratelimit-remaining", "").strip() == "0":
            reset = resp.headers.get("x-ratelimit-reset", "").strip()
            if reset.isdigit():
                self.budget.hold(max(0.0, int(reset) - self.clock()) + 1.0)

    def _pause(self, seconds: float) -> float:
        if seconds > 0:
            self.sleep(seconds)
        return seconds

    def _redact(self, text: str) -> str:
        return redact(text, self._secret)


def describe(method: str, path: str, resp: httpx.Response) -> str:
    """One line for a refused request: what was asked, the status, and the forge's own words."""
    status = resp.status_code
    said = forge_message(resp)
    where = f"{method} {path}"
    if status == 401:
        return f"{where}: the forge rejected the token (401{': ' + said if said else ''}); check GITHUB_TOKEN or LEAKFIX_TOKEN"
    if status == 403:
        return f"{where}: forbidden (403{': ' + said if said else ''}); the token may lack the contents and pull-requests write permissions"
    if status == 404:
        return f"{where}: not found (404): no such repository, or the token has no access to it"
    if status == 422:
        return f"{where}: the forge rejected the request (422): {said or 'validation failed'}"
    return f"{where}: failed with {status} {resp.reason_phrase}{': ' + said if said else ''}"


def forge_message(resp: httpx.Response) -> str:
    """The `message` and `errors` of a JSON error answer, as one short line."""
    try:
        data = resp.json()
    except ValueError:
        return _one_line(resp.text)[:200]
    if not isinstance(data, dict):
        return ""
    parts = []
    if data.get("message"):
        parts.append(str(data["message"]))
    for err in data.get("errors") or []:
        if isinstance(err, dict):
            text = err.get("message") or " ".join(
                f"{k}={err[k]}" for k in ("resource", "field", "code", "value") if err.get(k) is not None)
        else:
            text = str(err)
        if text:
            parts.append(text)
    return _one_line("; ".join(parts))[:500]


def redact(text: str, secret: str | None) -> str:
    """`text` with every occurrence of `secret` replaced by `***`."""
    if secret and secret in text:
        text = text.replace(secret, "***")
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _json(resp: httpx.Response) -> Any:
    if not resp.content:
        return None
    try:
        return resp.json()
    except ValueError:
        return None
