"""The HTTP side of the Google source: a gspread `HTTPClient` with bounded retries, a client-side
rate limiter under the Sheets per-user quota, request counting, and the source's error type.

gspread's own `BackOffHTTPClient` (6.2.1) retries for ever (tech-notes §1.4); this one stops after
`max_attempts` tries or `max_retry_seconds`, whichever comes first, then raises `SourceError`."""
from __future__ import annotations

import random
import time
import urllib.parse
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from sheets_sync.config import SourceConfig
from sheets_sync.errors import SourceError

Sleep = Callable[[float], None]
Clock = Callable[[], float]

RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
DRIVE_RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
SHEETS_HOST = "sheets.googleapis.com"


class GoogleSourceError(SourceError):
    """A `SourceError` of the Google source. Its catalogue `code` is `tidak_dibagikan` (403),
    `sumber_salah` (404, or no key in `sumber`), `tab_hilang` (registry without a `Kantor` tab)
    or `sumber_gagal` (anything else, retries exhausted)."""


@dataclass(frozen=True)
class RetryPolicy:
    """Give up after `max_attempts` tries or `max_seconds` in all; sleep at most `max_backoff`."""

    max_attempts: int = 5
    max_seconds: float = 120.0
    max_backoff: float = 32.0

    @classmethod
    def from_config(cls, source: SourceConfig) -> RetryPolicy:
        return cls(max_attempts=source.max_attempts, max_seconds=source.max_retry_seconds)

    def backoff(self, retry: int, jitter: float) -> float:
        """Wait before retry number `retry` (1-based): 1, 2, 4, … s plus jitter, capped."""
        return min(2.0 ** (retry - 1) + jitter, self.max_backoff)


class RateLimiter:
    """Sliding one-minute window: at most `per_minute` acquisitions in any 60 s."""

    window = 60.0

    def __init__(self, per_minute: int, *, clock: Clock = time.monotonic,
                 sleep: Sleep = time.sleep) -> None:
        self.per_minute = per_minute
        self.clock, self.sleep = clock, sleep
        self._stamps: deque[float] = deque()
        self.waited = 0.0  # total seconds spent waiting (for logs and tests)

    def acquire(self) -> None:
        while True:
            now = self.clock()
            while self._stamps and self._stamps[0] <= now - self.window:
                self._stamps.popleft()
            if len(self._stamps) < self.per_minute:
                self._stamps.append(now)
                return
            wait = self._stamps[0] + self.window - now
            self.waited += wait
            self.sleep(wait)


def request_kind(method: str, url: str) -> str:
    """`read` / `write` for the Sheets API (separate per-minute quotas), `drive` otherwise."""
    host = urllib.parse.urlsplit(url).netloc
    if host == SHEETS_HOST:
        return "read" if method.lower() == "get" else "write"
    return "drive"


def _retry_after(response: requests.Response | None) -> float | None:
    value = response.headers.get("Retry-After") if response is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:  # an HTTP date: fall back to our own backoff
        return None


def is_retryable(error: APIError) -> bool:
    """429/5xx/408, and Drive's 403 for rate limits (`usageLimits` domain)."""
    if error.code in RETRY_STATUS:
        return True
    if error.code == 403:
        details = error.error.get("errors") or [{}]
        first = details[0] if isinstance(details[0], dict) else {}
        return first.get("domain") == "usageLimits" or first.get("reason") in DRIVE_RATE_REASONS
    return False


class BoundedHTTPClient(HTTPClient):
    """gspread HTTP client with bounded exponential backoff and a per-minute rate limiter.

    Every attempt (retries included) passes the limiter of its kind (Sheets reads and writes
    have separate quotas; Drive is not limited here) and is counted in `counts`."""

    def __init__(self, auth: Any, session: requests.Session | None = None) -> None:
        super().__init__(auth, session)
        self.policy = RetryPolicy()
        self.sleep: Sleep = time.sleep
        self.clock: Clock = time.monotonic
        self.rng = random.Random()
        self.limiters: dict[str, RateLimiter] = {}
        self.counts: Counter[str] = Counter()
        self.sleeps: list[float] = []  # backoff sleeps, in order (for logs and tests)

    @classmethod
    def wrapping(cls, other: HTTPClient) -> BoundedHTTPClient:
        """A bounded client on the same session (and credentials) as `other`."""
        client = cls(None, session=other.session)
        if hasattr(other, "auth"):
            client.auth = other.auth
        client.timeout = other.timeout
        return client

    def configure(self, policy: RetryPolicy, *, reads_per_minute: int, sleep: Sleep,
                  clock: Clock, rng: random.Random | None = None) -> None:
        self.policy, self.sleep, self.clock = policy, sleep, clock
        if rng is not None:
            self.rng = rng
        self.limiters = {
            kind: RateLimiter(reads_per_minute, clock=clock, sleep=sleep)
            for kind in ("read", "write")
        }

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> requests.Response:
        kind = request_kind(method, endpoint)
        start = self.clock()
        attempt = 0
        while True:
            attempt += 1
            limiter = self.limiters.get(kind)
            if limiter is not None:
                limiter.acquire()
            self.counts[kind] += 1
            wait: float | None
            try:
                return super().request(method, endpoint, *args, **kwargs)
            except APIError as exc:
                if not is_retryable(exc):
                    raise
                reason, wait, last = f"HTTP {exc.code}", _retry_after(exc.response), exc
            except (requests.Timeout, requests.ConnectionError) as exc:
                reason, wait, last = exc.__class__.__name__, None, exc  # type: ignore[assignment]
            if wait is None:
                wait = self.policy.backoff(attempt, self.rng.random())
            elapsed = self.clock() - start
            if attempt >= self.policy.max_attempts or elapsed + wait > self.policy.max_seconds:
                raise self._gave_up(method, endpoint, attempt, elapsed, reason) from last
            self.sleeps.append(wait)
            self.sleep(wait)

    @staticmethod
    def _gave_up(method: str, endpoint: str, attempts: int, elapsed: float,
                 reason: str) -> GoogleSourceError:
        path = urllib.parse.urlsplit(endpoint).path
        return GoogleSourceError(
            f"Google API {method.upper()} {path} failed after {attempts} attempt(s) in "
            f"{elapsed:.0f} s ({reason})",
            code="sumber_gagal",
            alasan=f"layanan Google tidak menjawab setelah {attempts} kali percobaan "
            f"({reason}); data terakhir yang valid tetap dipakai dan akan dicoba lagi pada "
            "sinkronisasi berikutnya",
        )
