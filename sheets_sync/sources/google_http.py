"""The HTTP side of the Google source: a gspread `HTTPClient` with bounded retries, a client-side
rate limiter under the Sheets per-user quota, a deadline on every answer and on the whole run,
request counting, and the source's error type.

gspread's own `BackOffHTTPClient` (6.2.1) retries for ever (tech-notes §1.4); this one stops after
`max_attempts` tries or `max_retry_seconds`, whichever comes first, then raises `SourceError`.

What is retried (tech-notes §7): HTTP 408/429/5xx decided on the response's status (a 502 page
in HTML has gspread's `APIError.code == -1`), Drive's rate-limit 403s, and broken transfers
(timeouts, connection resets, a body cut mid-transfer: `ChunkedEncodingError`), and google-auth's
`TransportError` (the token service not reachable). google-auth's other errors (a refused token
exchange, an expired key) end the run with one line (`SourceError.FATAL`).

Each attempt reads its answer as a stream and gives up when the whole answer has not arrived
within `timeout_seconds` (a per-read timeout alone lets a server trickling a byte a second hold a
request for ever). A 429 is retried until the quota's one-minute window has passed: the last
retry waits until 61 s after the first 429. No retry starts, and no rate-limit wait begins, that
would end after the run's deadline (`SourceError.RUN`)."""
from __future__ import annotations

import random
import re
import time
import urllib.parse
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import google.auth.exceptions
import requests
import urllib3.exceptions
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from sheets_sync.config import SourceConfig
from sheets_sync.errors import SourceError
from sheets_sync.sources.google_errors import Meaning, read_error

Sleep = Callable[[float], None]
Clock = Callable[[], float]

SHEETS_HOST = "sheets.googleapis.com"
QUOTA_WINDOW = 61.0  # Sheets quotas refill every minute ("After 1 minute, you can … again")
READ_CHUNK = 65536
_TRANSIENT = (requests.ConnectionError, requests.Timeout,
              requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)
_TOKENISH = re.compile(r"[A-Za-z0-9_\-.~+=]{40,}")  # a JWT, an access token
_GOOGLE_MESSAGE = re.compile(r'"(?:message|error_description)":\s*"([^"\\]{1,200})"')


class GoogleSourceError(SourceError):
    """A `SourceError` of the Google source. Its catalogue `code` is `tidak_dibagikan` (403),
    `sumber_salah` (404, or no key in `sumber`), `bukan_google_sheets` (an uploaded .xlsx),
    `tab_hilang` (registry without a `Kantor` tab) or `sumber_gagal` (anything else, retries
    exhausted, an answer that is not the API's JSON)."""


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

    def acquire(self, deadline: float | None = None) -> None:
        """Wait for a free slot; `RunDeadline` instead when the wait would pass `deadline`."""
        while True:
            now = self.clock()
            while self._stamps and self._stamps[0] <= now - self.window:
                self._stamps.popleft()
            if len(self._stamps) < self.per_minute:
                self._stamps.append(now)
                return
            wait = self._stamps[0] + self.window - now
            if deadline is not None and now + wait > deadline:
                raise RunDeadline()
            self.waited += wait
            self.sleep(wait)


class RunDeadline(Exception):
    """Internal: the run's deadline would pass; turned into `SourceError.RUN` by the client."""


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


def short_reason(exc: BaseException, limit: int = 200) -> str:
    """`Class: message`, on one line, shortened, with anything token-like masked; the message
    of a Google error body it carries (google-auth passes the body along) is added."""
    parts = [a if isinstance(a, str) else a.decode("utf-8", "replace")
             for a in exc.args if isinstance(a, str | bytes)] or [str(exc)]
    text = " ".join((parts[0].splitlines() or [""])[0].split())
    found = next((m for m in map(_GOOGLE_MESSAGE.search, parts) if m), None)
    if found and found.group(1) not in text:
        text = f"{text}: {found.group(1)}" if text else found.group(1)
    text = _TOKENISH.sub("…", text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def credentials_failure(exc: BaseException) -> SourceError:
    """The one line (`SourceError.FATAL`) for google-auth refusing or failing to give a token."""
    if isinstance(exc, google.auth.exceptions.TransportError):
        return SourceError(
            f"Google's token service could not be reached ({short_reason(exc)}): check the "
            "runner's network and that sts.googleapis.com, iamcredentials.googleapis.com and "
            "oauth2.googleapis.com are reachable, then run again", reach=SourceError.FATAL)
    return SourceError(
        f"Google refused the credentials when asked for a token ({short_reason(exc)}): check "
        "the Workload Identity binding (roles/iam.workloadIdentityUser on the service account "
        "for this repository and branch) and that the IAM Credentials API is enabled, or that "
        "the service-account key is still valid (docs/operating.md §11)", reach=SourceError.FATAL)


class BoundedHTTPClient(HTTPClient):
    """gspread HTTP client with bounded exponential backoff, a per-minute rate limiter and
    deadlines.

    Every attempt (retries included) passes the limiter of its kind (Sheets reads and writes
    have separate quotas; Drive is not limited here) and is counted in `counts`. `clock`/`sleep`
    drive backoff, the limiter and the run's deadline (tests simulate them); `wall` measures
    how long one answer takes to arrive (real time)."""

    def __init__(self, auth: Any, session: requests.Session | None = None) -> None:
        super().__init__(auth, session)
        self.policy = RetryPolicy()
        self.sleep: Sleep = time.sleep
        self.clock: Clock = time.monotonic
        self.wall: Clock = time.monotonic
        self.rng = random.Random()
        self.limiters: dict[str, RateLimiter] = {}
        self.counts: Counter[str] = Counter()
        self.sleeps: list[float] = []  # backoff sleeps, in order (for logs and tests)
        self.answer_seconds: float | None = None  # whole-answer deadline of one attempt
        self.run_deadline: float | None = None  # on `clock`
        self.run_seconds: float | None = None  # the configured run deadline (for messages)

    @classmethod
    def wrapping(cls, other: HTTPClient) -> BoundedHTTPClient:
        """A bounded client on the same session (and credentials) as `other`."""
        client = cls(None, session=other.session)
        if hasattr(other, "auth"):
            client.auth = other.auth
        client.timeout = other.timeout
        return client

    def configure(self, policy: RetryPolicy, *, reads_per_minute: int, sleep: Sleep,
                  clock: Clock, rng: random.Random | None = None,
                  answer_seconds: float | None = None, run_seconds: float | None = None) -> None:
        self.policy, self.sleep, self.clock = policy, sleep, clock
        if rng is not None:
            self.rng = rng
        self.limiters = {
            kind: RateLimiter(reads_per_minute, clock=clock, sleep=sleep)
            for kind in ("read", "write")
        }
        self.answer_seconds = answer_seconds
        self.run_seconds = run_seconds
        self.run_deadline = clock() + run_seconds if run_seconds is not None else None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def deadline_passed(self) -> bool:
        return self.run_deadline is not None and self.clock() >= self.run_deadline

    def stopped(self) -> SourceError:
        """The run's deadline is reached: the sync stops reading offices (`SourceError.RUN`)."""
        seconds = f"{self.run_seconds:g}" if self.run_seconds is not None else "?"
        return SourceError(f"the run's deadline of {seconds} s is reached",
                           code="batas_waktu_habis", reach=SourceError.RUN, detik=seconds)

    def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> requests.Response:
        kind = request_kind(method, endpoint)
        start = self.clock()
        first_429: float | None = None
        attempt = 0
        while True:
            attempt += 1
            limiter = self.limiters.get(kind)
            try:
                if self.deadline_passed():
                    raise RunDeadline()
                if limiter is not None:
                    limiter.acquire(self.run_deadline)
            except RunDeadline:
                raise self.stopped() from None
            self.counts[kind] += 1
            wait: float | None = None
            auth_trouble = False
            try:
                return self._attempt(method, endpoint, *args, **kwargs)
            except APIError as exc:
                answer = read_error(exc, url=endpoint)
                if answer.meaning is not Meaning.RETRY:
                    raise
                reason, wait, last = f"HTTP {answer.status}", _retry_after(exc.response), exc
                if answer.status == 429 and first_429 is None:
                    first_429 = self.clock()
            except google.auth.exceptions.TransportError as exc:  # the token service: transient
                reason, last, auth_trouble = exc.__class__.__name__, exc, True  # type: ignore[assignment]
            except google.auth.exceptions.GoogleAuthError as exc:
                raise credentials_failure(exc) from None
            except _TRANSIENT as exc:
                reason, last = exc.__class__.__name__, exc  # type: ignore[assignment]
            if wait is None:
                wait = self.policy.backoff(attempt, self.rng.random())
                if first_429 is not None and attempt == self.policy.max_attempts - 1:
                    wait = max(wait, first_429 + QUOTA_WINDOW - self.clock())
            elapsed = self.clock() - start
            if attempt >= self.policy.max_attempts or elapsed + wait > self.policy.max_seconds:
                if auth_trouble:
                    raise credentials_failure(last) from None
                raise self._gave_up(method, endpoint, attempt, elapsed, reason) from last
            if self.run_deadline is not None and self.clock() + wait > self.run_deadline:
                raise self.stopped() from None
            self.sleeps.append(wait)
            self.sleep(wait)

    def _attempt(self, method: str, endpoint: str, params: Any = None, data: Any = None,
                 json: Any = None, files: Any = None, headers: Any = None) -> requests.Response:
        """One request as gspread's `HTTPClient.request` makes it, with the answer read as a
        stream under the whole-answer deadline."""
        response = self.session.request(method=method, url=endpoint, json=json, params=params,
                                        data=data, files=files, headers=headers,
                                        timeout=self.timeout, stream=True)
        try:
            response._content = self._read_body(response)  # requests' own slot for the body
            response._content_consumed = True  # type: ignore[attr-defined]
        finally:
            response.close()  # the connection goes back to the pool (or is closed when broken)
        if response.ok:
            return response
        raise APIError(response)

    def _read_body(self, response: requests.Response) -> bytes:
        """The whole body, read as it arrives; `ReadTimeout` when it is not complete within
        `answer_seconds`, `ChunkedEncodingError` when the transfer breaks."""
        raw = response.raw
        read1 = getattr(raw, "read1", None)
        limit = self.answer_seconds
        ends = self.wall() + limit if limit is not None else None
        chunks: list[bytes] = []
        while ends is None or self.wall() <= ends:
            try:
                chunk = (read1(READ_CHUNK, decode_content=True) if read1 is not None
                         else raw.read(READ_CHUNK, decode_content=True))
            except urllib3.exceptions.ReadTimeoutError as exc:
                raise requests.exceptions.ReadTimeout(str(exc)) from exc
            except (urllib3.exceptions.HTTPError, OSError) as exc:  # cut, reset, bad chunk/gzip
                raise requests.exceptions.ChunkedEncodingError(str(exc)) from exc
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
        raise requests.exceptions.ReadTimeout(f"answer not complete after {limit:g} s")

    @staticmethod
    def _gave_up(method: str, endpoint: str, attempts: int, elapsed: float,
                 reason: str) -> GoogleSourceError:
        path = urllib.parse.urlsplit(endpoint).path
        return GoogleSourceError(
            f"Google API {method.upper()} {path} failed after {attempts} attempt(s) in "
            f"{elapsed:.0f} s ({reason})",
            code="sumber_gagal",
            alasan=f"layanan Google tidak menjawab dengan baik setelah {attempts} kali percobaan "
            f"({reason}); data terakhir yang valid tetap dipakai dan akan dicoba lagi pada "
            "sinkronisasi berikutnya",
        )
