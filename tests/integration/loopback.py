"""The client side of the loopback fake: requests to Google's hosts go to 127.0.0.1, any other
request fails the test (tech-notes §1.8)."""
from __future__ import annotations

import urllib.parse
from typing import Any

import requests
from requests.adapters import HTTPAdapter

SHEETS_HOST = "sheets.googleapis.com"
DRIVE_HOST = "www.googleapis.com"
STS_HOST = "sts.googleapis.com"
IAM_HOST = "iamcredentials.googleapis.com"


class LoopbackAdapter(HTTPAdapter):
    """Rewrites https://<google host>/path to http://127.0.0.1:PORT/path, keeping the host in a
    header so the fake can route by it (tech-notes §1.8)."""

    def __init__(self, base_url: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.base_url = base_url

    def send(  # type: ignore[override]
            self, request: requests.PreparedRequest, **kw: Any) -> requests.Response:
        u = urllib.parse.urlsplit(request.url or "")
        request.headers["X-Original-Host"] = u.netloc
        request.url = self.base_url + u.path + (f"?{u.query}" if u.query else "")
        return super().send(request, **kw)


class NetworkEscape(AssertionError):
    """A test tried to reach a host other than the loopback fake."""


class BlockingAdapter(HTTPAdapter):
    """Catch-all: records and refuses every request that is not routed to the fake."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def send(  # type: ignore[override]
            self, request: requests.PreparedRequest, **kw: Any) -> requests.Response:
        self.blocked.append(request.url or "")
        raise NetworkEscape(f"test tried to leave loopback: {request.method} {request.url}")


def loopback_session(base_url: str) -> tuple[requests.Session, BlockingAdapter]:
    session = requests.Session()
    blocker = BlockingAdapter()
    session.mount("http://", blocker)
    session.mount("https://", blocker)
    for host in (SHEETS_HOST, DRIVE_HOST):
        session.mount(f"https://{host}/", LoopbackAdapter(base_url))
    return session, blocker


def mount_token_service(session: requests.Session, base_url: str) -> None:
    """Route Workload Identity's token exchange (STS, IAM Credentials) to the fake too."""
    for host in (STS_HOST, IAM_HOST):
        session.mount(f"https://{host}/", LoopbackAdapter(base_url))
