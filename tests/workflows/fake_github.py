"""A loopback fake of the few GitHub REST endpoints the publish workflow's helpers call.

Serves on 127.0.0.1 only; records every request (method, path, query, body text) so tests can
assert what was sent. Endpoints: GET /repos/{o}/{r}, GET|POST /repos/{o}/{r}/issues,
PATCH /repos/{o}/{r}/issues/{n}, POST /repos/{o}/{r}/issues/{n}/comments,
POST /repos/{o}/{r}/labels.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "test-token"


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    body: str


@dataclass
class FakeGitHubState:
    repo: str = "pemda/portal"
    private: bool = True
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, list[str]] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)
    requests: list[Recorded] = field(default_factory=list)
    # (METHOD, path suffix) -> statuses to answer first, consumed one per request
    failures: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    next_number: int = 1

    def add_issue(self, title: str, body: str, labels: list[str] | None = None,
                  state: str = "open") -> int:
        n = self.next_number
        self.next_number += 1
        self.issues[n] = {"number": n, "title": title, "body": body, "state": state,
                          "state_reason": None,
                          "labels": [{"name": x} for x in (labels or [])]}
        return n

    def writes(self) -> list[Recorded]:
        return [r for r in self.requests if r.method != "GET"]


class _Handler(BaseHTTPRequestHandler):
    state: FakeGitHubState  # set on the subclass

    def log_message(self, *args: Any) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, payload: Any = None) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self) -> None:
        st = self.state
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else ""
        st.requests.append(Recorded(self.command, parts.path, parse_qs(parts.query), raw))
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._send(401, {"message": "Bad credentials"})
        prefix = f"/repos/{st.repo}"
        if not parts.path.startswith(prefix):
            return self._send(404, {"message": "Not Found"})
        sub = parts.path[len(prefix):]
        for (method, suffix), statuses in st.failures.items():
            if method == self.command and sub == suffix and statuses:
                return self._send(statuses.pop(0), {"message": "injected failure"})
        body = json.loads(raw) if raw else {}
        q = parse_qs(parts.query)
        if self.command == "GET" and sub == "":
            return self._send(200, {"full_name": st.repo, "private": st.private,
                                    "visibility": "private" if st.private else "public"})
        if self.command == "POST" and sub == "/labels":
            if body["name"] in st.labels:
                return self._send(422, {"message": "Validation Failed"})
            st.labels.add(body["name"])
            return self._send(201, {"name": body["name"]})
        if self.command == "GET" and sub == "/issues":
            want_state = q.get("state", ["open"])[0]
            label = q.get("labels", [None])[0]
            per_page = int(q.get("per_page", ["30"])[0])
            page = int(q.get("page", ["1"])[0])
            items = [i for _, i in sorted(st.issues.items())
                     if (want_state == "all" or i["state"] == want_state)
                     and (label is None or label in [x["name"] for x in i["labels"]])]
            return self._send(200, items[(page - 1) * per_page: page * per_page])
        if self.command == "POST" and sub == "/issues":
            n = st.add_issue(body["title"], body.get("body", ""), body.get("labels", []))
            return self._send(201, st.issues[n])
        if sub.startswith("/issues/"):
            rest = sub[len("/issues/"):].split("/")
            n = int(rest[0])
            if n not in st.issues:
                return self._send(404, {"message": "Not Found"})
            if self.command == "PATCH" and len(rest) == 1:
                st.issues[n].update({k: v for k, v in body.items()
                                     if k in ("title", "body", "state", "state_reason")})
                return self._send(200, st.issues[n])
            if self.command == "POST" and rest[1:] == ["comments"]:
                st.comments.setdefault(n, []).append(body["body"])
                return self._send(201, {"body": body["body"]})
        return self._send(404, {"message": "Not Found"})

    do_GET = do_POST = do_PATCH = _handle


class FakeGitHub:
    """`with FakeGitHub() as gh: gh.url, gh.state`."""

    def __init__(self, state: FakeGitHubState | None = None) -> None:
        self.state = state or FakeGitHubState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # a short poll: shutdown() waits up to one interval (0.5 s by default, per test)
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> FakeGitHub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
