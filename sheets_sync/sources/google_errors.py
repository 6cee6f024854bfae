"""What an error answer of the Google APIs means, decided on the HTTP status of the response and
the machine-readable reasons Google puts in it, never on the message text alone.

Google's error body (`{"error": {...}}`) carries the reasons in two places: Sheets v4 follows
google.rpc.Status, with `details[]` holding a `google.rpc.ErrorInfo` (`reason`, `domain`,
`metadata.consumer` = `projects/N`, `metadata.service`); Drive v3 keeps the older
`errors[]` list (`reason`, `domain`). A 403 means four different things (tech-notes §7):

    SERVICE_DISABLED / accessNotConfigured      the API is not enabled in the project: tell the
                                                operator once, never retry
    ACCESS_TOKEN_SCOPE_INSUFFICIENT /           the credentials lack a scope: a credentials
      insufficientPermissions                   problem
    rateLimitExceeded / userRateLimitExceeded   Drive's rate limits: retry like 429
      / RATE_LIMIT_EXCEEDED
    anything else (PERMISSION_DENIED)           the file is not shared with the account

A non-JSON error body (an HTML page from Google's front end) makes gspread set
`APIError.code == -1`; the HTTP status is still on `APIError.response`."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from gspread.exceptions import APIError

RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"})
DISABLED_REASONS = frozenset({"SERVICE_DISABLED", "accessNotConfigured"})
SCOPE_REASONS = frozenset({"ACCESS_TOKEN_SCOPE_INSUFFICIENT", "insufficientPermissions"})
API_NAMES = {"sheets.googleapis.com": "Google Sheets API",
             "drive.googleapis.com": "Google Drive API"}
_PROJECT_IN_TEXT = re.compile(r"project[= ](\d+)")


class Meaning(Enum):
    """What to do about one error answer."""

    RETRY = "retry"  # transient: 408/429/5xx, an HTML error page, Drive's rate limits
    API_DISABLED = "api_disabled"  # the API is not enabled in the project
    CREDENTIALS = "credentials"  # HTTP 401, or a scope missing
    NOT_SHARED = "not_shared"  # a plain 403
    NOT_FOUND = "not_found"  # 404
    NOT_A_SHEET = "not_a_sheet"  # 400 FAILED_PRECONDITION: an uploaded .xlsx, not a Sheet
    MISSING_RANGE = "missing_range"  # 400 "Unable to parse range": a tab is missing
    OTHER = "other"


@dataclass(frozen=True)
class ErrorAnswer:
    """One error answer, read: its HTTP status, reasons, and the project/service named in it."""

    status: int
    reasons: frozenset[str]
    message: str
    api_status: str  # google.rpc code name, e.g. PERMISSION_DENIED ("" for an HTML page)
    project: str | None
    service: str | None

    @property
    def meaning(self) -> Meaning:
        if self.status in RETRY_STATUS or (self.status == 403 and self.reasons & RATE_REASONS):
            return Meaning.RETRY
        if self.reasons & DISABLED_REASONS:
            return Meaning.API_DISABLED
        if self.status == 401 or self.reasons & SCOPE_REASONS:
            return Meaning.CREDENTIALS
        if self.status == 403:
            return Meaning.NOT_SHARED
        if self.status == 404:
            return Meaning.NOT_FOUND
        if self.status == 400 and (self.api_status == "FAILED_PRECONDITION"
                                   or "failedPrecondition" in self.reasons):
            return Meaning.NOT_A_SHEET
        if self.status == 400 and "Unable to parse range" in self.message:
            return Meaning.MISSING_RANGE
        return Meaning.OTHER

    @property
    def api_name(self) -> str:
        return API_NAMES.get(self.service or "", self.service or "Google API")


def http_status(error: APIError) -> int:
    """The HTTP status of the answer (gspread's `code` is -1 for a non-JSON body)."""
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    if isinstance(status, int):
        return status
    return error.code if isinstance(error.code, int) else -1


def read_error(error: APIError, *, url: str = "") -> ErrorAnswer:
    """The parts of `error` that decide what it means (`url`: the request's, for the service
    when the body does not name it)."""
    body: Mapping[str, Any] = error.error if isinstance(error.error, Mapping) else {}
    reasons: set[str] = set()
    project = service = None
    for key in ("details", "errors"):
        items = body.get(key)
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, Mapping):
                continue
            if isinstance(item.get("reason"), str):
                reasons.add(item["reason"])
            meta = item.get("metadata")
            if isinstance(meta, Mapping):
                consumer = str(meta.get("consumer") or meta.get("containerInfo") or "")
                project = project or (consumer.removeprefix("projects/") or None)
                service = service or (str(meta.get("service") or "") or None)
    message = str(body.get("message") or "")
    if project is None:
        found = _PROJECT_IN_TEXT.search(message)
        project = found.group(1) if found else None
    if service is None:
        service = ("sheets.googleapis.com" if "sheets.googleapis.com" in url
                   else "drive.googleapis.com" if "/drive/" in url else None)
    status = http_status(error)
    api_status = str(body.get("status") or "") if status == error.code else ""
    return ErrorAnswer(status, frozenset(reasons), message, api_status, project, service)
