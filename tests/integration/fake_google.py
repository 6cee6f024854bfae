"""A small loopback fake of the Sheets v4 and Drive v3 REST endpoints the Google source calls.

Runs on `http.server.ThreadingHTTPServer` bound to 127.0.0.1. An unmodified gspread reaches it
through `LoopbackAdapter`, mounted on a `requests.Session` for the two Google API hosts; a
`BlockingAdapter` on "http://" and "https://" catches any request to another host.

Answers:
    GET  /v4/spreadsheets/{id}                     metadata (sheets[].properties)
    GET  /v4/spreadsheets/{id}/values:batchGet     ranges = whole tabs ('Title' or Title[!A1…])
    GET  /v4/spreadsheets/{id}/values/{range}
    POST /v4/spreadsheets/{id}:batchUpdate         addSheet, updateSheetProperties, updateCells
    POST /v4/spreadsheets/{id}/values:batchUpdate, PUT /v4/spreadsheets/{id}/values/{range}
    GET  /drive/v3/files                           list, honours q (mimeType, parents, name,
                                                   trashed), corpora, includeItemsFromAllDrives,
                                                   pageSize and pageToken
    GET  /drive/v3/files/{id}
    POST sts.googleapis.com/v1/token, POST iamcredentials.googleapis.com/v1/projects/-/
         serviceAccounts/{email}:generateAccessToken   (Workload Identity token exchange)
Errors use Google's JSON error shape; `google_answers.py` holds the error answers of real Google,
each with its source. Every request is recorded (`requests`, with its body size).

Scripted faults (`fail`): an error answer (JSON, or a raw body such as an HTML page: the bodies
and their sources are in google_answers.py), an answer to a change that was applied (the reply
lost: [sheets] batchUpdate applies all of its requests or none, so a retry after a lost reply
meets the change already made), and broken transfers. Real Sheets answers are
`Transfer-Encoding: chunked` ([cassette] SpreadsheetTest.test_values_batch_get.json, headers), so
a body cut mid-transfer (`cut`) leaves an unfinished chunk; a connection closed without an answer
(`reset`) and an answer that starts late (`slow`) are what any network does, not described in
Google's documents; a body trickling in a byte at a time (`trickle`) is the reproduction in
issue 12 (a 2 s-timeout request held 61 s), not described in Google's documents either."""
from __future__ import annotations

import itertools
import json
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.integration import google_answers as answers
from tests.integration.a1 import a1_quote as _a1_quote
from tests.integration.a1 import cell_from_data as _cell_from_data
from tests.integration.a1 import column_letter as _column_letter
from tests.integration.a1 import split_range as _split_range
from tests.integration.a1 import trimmed as _trimmed
from tests.integration.loopback import (
    DRIVE_HOST,
    IAM_HOST,
    SHEETS_HOST,
    STS_HOST,
    BlockingAdapter,
    LoopbackAdapter,
    NetworkEscape,
    loopback_session,
    mount_token_service,
)

__all__ = ["DRIVE_HOST", "IAM_HOST", "SHEETS_HOST", "STS_HOST", "BlockingAdapter", "FakeGoogle",
           "LoopbackAdapter", "NetworkEscape", "loopback_session", "mount_token_service"]

SHEETS_MIME = "application/vnd.google-apps.spreadsheet"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_STATUS_NAMES = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                 408: "DEADLINE_EXCEEDED", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL",
                 502: "BAD_GATEWAY", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}


# --- client side: tests/integration/loopback.py ------------------------------------------------

# --- server state ---------------------------------------------------------------------------------

@dataclass
class Sheet:
    sheet_id: int
    title: str
    rows: list[list[Any]]
    row_count: int = 1000
    column_count: int = 26
    cells: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)  # written CellData

    def properties(self, index: int) -> dict[str, Any]:
        return {"sheetId": self.sheet_id, "title": self.title, "index": index, "sheetType": "GRID",
                "gridProperties": {"rowCount": max(self.row_count, len(self.rows)),
                                   "columnCount": self.column_count}}


@dataclass
class Spreadsheet:
    """A Drive file. `mime_type` XLSX_MIME: an uploaded Excel file, not converted. `drive_id`: it
    lives in that shared drive; `shared_directly` False: the account reaches it only as a member
    of that drive. `owned`: the account owns it (then it sees it in its trash: `trashed`)."""

    key: str
    title: str
    sheets: list[Sheet]
    modified: datetime
    folder: str | None
    shared: bool = True
    mime_type: str = SHEETS_MIME
    trashed: bool = False
    owned: bool = False
    drive_id: str | None = None
    shared_directly: bool = True

    def sheet(self, title: str) -> Sheet | None:
        return next((s for s in self.sheets if s.title == title), None)

    def by_id(self, sheet_id: int) -> Sheet | None:
        return next((s for s in self.sheets if s.sheet_id == sheet_id), None)


@dataclass
class Recorded:
    method: str
    host: str
    kind: str
    key: str | None
    path: str
    query: dict[str, list[str]]
    body: Any
    headers: dict[str, str]
    size: int = 0  # bytes of the request body


@dataclass
class Failure:
    kind: str
    status: int
    times: int
    key: str | None
    headers: dict[str, str]
    error: dict[str, Any] | None
    text: str | None = None  # a raw (non-JSON) body, e.g. a proxy's HTML page
    mode: str = "answer"  # answer | applied | cut | reset | trickle | slow
    delay: float = 0.0  # trickle: seconds between bytes; slow: before the answer


@dataclass
class Reply:
    """What the handler sends: status, body, headers, and how (`mode`, `delay`)."""

    status: int
    payload: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)
    mode: str = "answer"
    delay: float = 0.0


class ApiError(Exception):
    def __init__(self, status: int, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra or {}


def _api_error(error: dict[str, Any]) -> ApiError:
    """An `ApiError` answering exactly `error` (one of `google_answers`)."""
    extra = {k: v for k, v in error.items() if k not in ("code", "message")}
    return ApiError(error["code"], error["message"], extra)


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class FakeGoogle:
    """The fake's state, its scripted failures, and the HTTP server."""

    def __init__(self) -> None:
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.requests: list[Recorded] = []
        self.failures: list[Failure] = []
        self.drive_page_size = 1000
        self._clock = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
        self._ids = itertools.count(1_000_000)
        self._lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    # set-up helpers
    def add_spreadsheet(self, key: str, tabs: dict[str, list[list[Any]]], *,
                        title: str | None = None, folder: str | None = "FOLDER",
                        modified: datetime | None = None) -> Spreadsheet:
        sheets = [Sheet(0 if i == 0 else next(self._ids), t, [list(r) for r in rows])
                  for i, (t, rows) in enumerate(tabs.items())]
        sh = Spreadsheet(key, title or key, sheets, modified or self._tick(), folder)
        self.spreadsheets[key] = sh
        return sh

    def touch(self, key: str) -> None:
        """Simulate an edit: the file's modifiedTime moves on."""
        self.spreadsheets[key].modified = self._tick()

    def modified_iso(self, key: str) -> str:
        return _iso(self.spreadsheets[key].modified)

    def fail(self, kind: str, status: int = 200, *, times: int = 1, key: str | None = None,
             headers: dict[str, str] | None = None, error: dict[str, Any] | None = None,
             text: str | None = None, mode: str = "answer", delay: float = 0.0) -> None:
        """The next `times` requests of `kind` (for `key`, if given) answer `status`, with a
        Google JSON error body (or `text` as the raw body); `mode` other than "answer": see the
        module docstring (`applied`: the request takes effect, then `status` is answered)."""
        self.failures.append(Failure(kind, status, times, key, headers or {}, error, text, mode,
                                     delay))

    def count(self, kind: str | None = None, key: str | None = None) -> int:
        return sum(1 for r in self.requests
                   if (kind is None or r.kind == kind) and (key is None or r.key == key))

    def kinds(self) -> list[str]:
        return [r.kind for r in self.requests]

    def sheets_kinds(self) -> list[str]:
        """The Sheets API requests only (the run's one Drive listing left out)."""
        return [r.kind for r in self.requests if not r.kind.startswith("drive")]

    def _tick(self) -> datetime:
        self._clock += timedelta(minutes=1, milliseconds=123)
        return self._clock

    # server
    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self) -> FakeGoogle:
        fake = self

        class Handler(_Handler):
            state = fake

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.02},
                                       daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # request handling (called from handler threads)
    def handle(self, method: str, host: str, raw_path: str, body: Any,
               headers: dict[str, str], size: int = 0) -> Reply:
        split = urllib.parse.urlsplit(raw_path)
        query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
        path = split.path
        kind, key, rest = self._route(method, host, path)
        with self._lock:
            self.requests.append(Recorded(method, host, kind, key, path, query, body, headers,
                                          size))
            failure = next((f for f in self.failures if f.times > 0 and f.kind == kind
                            and (f.key is None or f.key == key)), None)
            if failure is not None:
                failure.times -= 1
                if failure.mode == "applied":  # the change is made; its answer is lost
                    self._reply(kind, key, rest, query, body)
                elif failure.mode != "answer":
                    ok = self._reply(kind, key, rest, query, body)
                    return Reply(ok.status, ok.payload, ok.headers, failure.mode, failure.delay)
                if failure.text is not None:
                    return Reply(failure.status, failure.text, failure.headers)
                err = failure.error or {"code": failure.status, "message": "scripted failure",
                                        "status": _STATUS_NAMES.get(failure.status, "UNKNOWN")}
                return Reply(failure.status, {"error": err}, failure.headers)
            return self._reply(kind, key, rest, query, body)

    def _reply(self, kind: str, key: str | None, rest: str, query: dict[str, list[str]],
               body: Any) -> Reply:
        try:
            return Reply(200, self._answer(kind, key, rest, query, body))
        except ApiError as e:
            err = {"code": e.status, "message": e.message,
                   "status": _STATUS_NAMES.get(e.status, "UNKNOWN"), **e.extra}
            return Reply(e.status, {"error": err})

    def _route(self, method: str, host: str, path: str) -> tuple[str, str | None, str]:
        if host == SHEETS_HOST:
            m = re.fullmatch(r"/v4/spreadsheets/([^/:]+)(.*)", path)
            if m:
                key, rest = m.group(1), m.group(2)
                if rest == "" and method == "GET":
                    return "metadata", key, rest
                if rest == ":batchUpdate" and method == "POST":
                    return "batchUpdate", key, rest
                if rest == "/values:batchGet" and method == "GET":
                    return "batchGet", key, rest
                if rest == "/values:batchUpdate" and method == "POST":
                    return "values_batchUpdate", key, rest
                if rest.startswith("/values/") and method == "GET":
                    return "values_get", key, rest
                if rest.startswith("/values/") and method == "PUT":
                    return "values_update", key, rest
        if host == DRIVE_HOST:
            if path == "/drive/v3/files" and method == "GET":
                return "drive_list", None, ""
            m = re.fullmatch(r"/drive/v3/files/([^/]+)", path)
            if m and method == "GET":
                return "drive_get", m.group(1), ""
        if host == STS_HOST and path == "/v1/token" and method == "POST":
            return "sts_token", None, ""
        m = re.fullmatch(r"/v1/projects/-/serviceAccounts/([^/:]+):generateAccessToken", path)
        if host == IAM_HOST and m and method == "POST":
            return "iam_token", urllib.parse.unquote(m.group(1)), ""
        return "unknown", None, path

    def _open(self, key: str | None, *, sheets_api: bool = True) -> Spreadsheet:
        sh = self.spreadsheets.get(key or "")
        if sh is None:
            raise _api_error(answers.not_found())
        if not sh.shared:
            raise _api_error(answers.permission_denied())
        if sheets_api and sh.mime_type != SHEETS_MIME:  # an uploaded .xlsx: Drive only
            raise _api_error(answers.not_a_spreadsheet())
        return sh

    def _answer(self, kind: str, key: str | None, rest: str, query: dict[str, list[str]],
                body: Any) -> dict[str, Any]:
        if kind == "unknown":
            raise ApiError(404, f"fake: no such endpoint {rest}")
        if kind == "drive_list":
            return self._drive_list(query)
        if kind == "drive_get":
            return self._file(self._open(key, sheets_api=False))
        if kind == "sts_token":
            return answers.sts_token()
        if kind == "iam_token":
            return {"accessToken": "impersonated-token", "expireTime": "2026-11-24T07:00:00Z"}
        sh = self._open(key)
        if kind == "metadata":
            return {"spreadsheetId": sh.key,
                    "properties": {"title": sh.title, "locale": "in_ID",
                                   "timeZone": "Asia/Jakarta"},
                    "sheets": [{"properties": s.properties(i)} for i, s in enumerate(sh.sheets)]}
        if kind in ("batchGet", "values_get"):
            ranges = query.get("ranges", []) if kind == "batchGet" else \
                [urllib.parse.unquote(rest[len("/values/"):])]
            value_ranges = [self._value_range(sh, r, query) for r in ranges]
            if kind == "values_get":
                return value_ranges[0]
            return {"spreadsheetId": sh.key, "valueRanges": value_ranges}
        if kind == "batchUpdate":
            replies = [self._apply(sh, req) for req in body.get("requests", [])]
            sh.modified = self._tick()
            return {"spreadsheetId": sh.key, "replies": replies}
        if kind == "values_batchUpdate":
            for vr in body.get("data", []):
                self._put_values(sh, vr["range"], vr.get("values", []))
            sh.modified = self._tick()
            return {"spreadsheetId": sh.key, "totalUpdatedRanges": len(body.get("data", []))}
        if kind == "values_update":
            a1 = urllib.parse.unquote(rest[len("/values/"):])
            self._put_values(sh, a1, body.get("values", []))
            sh.modified = self._tick()
            return {"spreadsheetId": sh.key}
        raise ApiError(400, f"fake: unhandled {kind}")

    def _file(self, sh: Spreadsheet) -> dict[str, Any]:
        return {"id": sh.key, "name": sh.title, "createdTime": "2026-01-01T00:00:00.000Z",
                "modifiedTime": _iso(sh.modified)}

    def _drive_list(self, query: dict[str, list[str]]) -> dict[str, Any]:
        """[drive] `drive.files.list`. `corpora`: "'user' (files created by, opened by, or
        shared directly with the user) … 'allDrives' (A combination of 'user' and 'drive' for
        all drives where the user is a member)"; `includeItemsFromAllDrives` (default false):
        "Whether both My Drive and shared drive items should be included in results";
        `File.trashed`: "The trashed item is excluded from all files.list responses returned for
        any user who does not own the file" (so its owner sees it unless `trashed = false`)."""
        q = (query.get("q") or [""])[0]
        if f'mimeType="{SHEETS_MIME}"' not in q and f"mimeType='{SHEETS_MIME}'" not in q:
            raise ApiError(400, "fake: expected a spreadsheet mimeType filter")
        parent = re.search(r'parents in ["\']([^"\']+)["\']', q)
        name = re.search(r'name = ["\']([^"\']+)["\']', q)
        not_trashed = re.search(r"trashed\s*=\s*false", q) is not None
        corpora = (query.get("corpora") or ["user"])[0]
        all_drives = (query.get("includeItemsFromAllDrives") or ["false"])[0].lower() == "true"

        def listed(sh: Spreadsheet) -> bool:
            if not sh.shared or sh.mime_type != SHEETS_MIME:
                return False
            if sh.trashed and (not sh.owned or not_trashed):
                return False
            if sh.drive_id is not None:
                if not all_drives:
                    return False
                if corpora == "user" and not sh.shared_directly:
                    return False
            return ((parent is None or sh.folder == parent.group(1))
                    and (name is None or sh.title == name.group(1)))

        files = [self._file(sh) for sh in sorted(self.spreadsheets.values(), key=lambda s: s.key)
                 if listed(sh)]
        size = min(int((query.get("pageSize") or ["100"])[0]), self.drive_page_size)
        start = int((query.get("pageToken") or ["0"])[0] or 0)
        page = {"kind": "drive#fileList", "files": files[start:start + size]}
        if start + size < len(files):
            page["nextPageToken"] = str(start + size)
        return page

    def _value_range(self, sh: Spreadsheet, a1: str, query: dict[str, list[str]]) -> dict[str, Any]:
        title, cells = _split_range(a1)
        sheet = sh.sheet(title)
        if sheet is None:
            raise ApiError(400, f"Unable to parse range: {a1}")
        if cells is not None:
            raise ApiError(400, "fake: only whole-tab ranges are supported")
        values = _trimmed(sheet.rows)
        if (query.get("valueRenderOption") or ["FORMATTED_VALUE"])[0] == "FORMATTED_VALUE":
            values = [[str(v) for v in row] for row in values]
        width = max((len(r) for r in values), default=1) or 1
        out: dict[str, Any] = {
            "range": f"{_a1_quote(title)}!A1:{_column_letter(width)}{max(len(values), 1)}",
            "majorDimension": (query.get("majorDimension") or ["ROWS"])[0],
        }
        if values:
            out["values"] = values
        return out

    def _apply(self, sh: Spreadsheet, req: dict[str, Any]) -> dict[str, Any]:
        if "addSheet" in req:
            props = req["addSheet"].get("properties", {})
            title = props.get("title") or f"Sheet{len(sh.sheets) + 1}"
            if sh.sheet(title) is not None:
                raise ApiError(400, "Invalid requests[0].addSheet: A sheet with the name "
                               f'"{title}" '
                               "already exists. Please enter another name.")
            sid = props.get("sheetId", next(self._ids))
            if sh.by_id(sid) is not None:
                raise ApiError(400, f"Invalid addSheet: sheetId {sid} already exists")
            grid = props.get("gridProperties", {})
            sheet = Sheet(sid, title, [], grid.get("rowCount", 1000), grid.get("columnCount", 26))
            sh.sheets.append(sheet)
            return {"addSheet": {"properties": sheet.properties(len(sh.sheets) - 1)}}
        if "updateSheetProperties" in req:
            props = req["updateSheetProperties"]["properties"]
            sheet = self._sheet_by_id(sh, props["sheetId"])
            grid = props.get("gridProperties", {})
            sheet.row_count = grid.get("rowCount", sheet.row_count)
            sheet.column_count = grid.get("columnCount", sheet.column_count)
            return {}
        if "updateCells" in req:
            uc = req["updateCells"]
            if "range" in uc:  # no rows: clear the range (whole sheet when only sheetId is given)
                sheet = self._sheet_by_id(sh, uc["range"]["sheetId"])
                if uc.get("rows"):
                    raise ApiError(400, "fake: updateCells with range and rows is not supported")
                sheet.rows, sheet.cells = [], {}
                return {}
            start = uc["start"]
            sheet = self._sheet_by_id(sh, start["sheetId"])
            r0, c0 = start.get("rowIndex", 0), start.get("columnIndex", 0)
            rows = uc.get("rows", [])
            if r0 + len(rows) > sheet.row_count:
                raise ApiError(400, "Invalid requests: range exceeds grid limits")
            for i, row in enumerate(rows):
                for j, cell in enumerate(row.get("values", [])):
                    if c0 + j >= sheet.column_count:
                        raise ApiError(400, "Invalid requests: range exceeds grid limits")
                    self._set(sheet, r0 + i, c0 + j, _cell_from_data(cell))
                    sheet.cells[(r0 + i, c0 + j)] = cell
            return {}
        raise ApiError(400, f"fake: unsupported request {sorted(req)}")

    def _sheet_by_id(self, sh: Spreadsheet, sid: int) -> Sheet:
        sheet = sh.by_id(sid)
        if sheet is None:
            raise ApiError(400, f"No grid with id: {sid}")
        return sheet

    @staticmethod
    def _set(sheet: Sheet, r: int, c: int, value: Any) -> None:
        while len(sheet.rows) <= r:
            sheet.rows.append([])
        row = sheet.rows[r]
        while len(row) <= c:
            row.append(None)
        row[c] = value

    def _put_values(self, sh: Spreadsheet, a1: str, values: list[list[Any]]) -> None:
        title, cells = _split_range(a1)
        sheet = sh.sheet(title)
        if sheet is None:
            raise ApiError(400, f"Unable to parse range: {a1}")
        m = re.match(r"([A-Z]+)(\d+)", cells or "A1")
        assert m
        col = 0
        for ch in m.group(1):
            col = col * 26 + ord(ch) - 64
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                self._set(sheet, int(m.group(2)) - 1 + i, col - 1 + j, v)


class _Handler(BaseHTTPRequestHandler):
    state: FakeGoogle
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        json_body = "json" in (self.headers.get("Content-Type") or "json")
        body = (json.loads(raw) if json_body else raw.decode()) if raw else None
        host = self.headers.get("X-Original-Host", "")
        reply = self.state.handle(method, host, self.path, body,
                                  {k.lower(): v for k, v in self.headers.items()}, len(raw))
        payload = reply.payload
        data = (payload if isinstance(payload, str) else json.dumps(payload)).encode()
        if reply.mode == "reset":  # the connection closes without an answer
            self.close_connection = True
            return
        if reply.mode == "slow":
            time.sleep(reply.delay)
        self.send_response(reply.status)
        headers = {"Content-Type": "application/json; charset=UTF-8", **reply.headers}
        chunked = reply.mode in ("cut", "trickle")
        headers["Transfer-Encoding" if chunked else "Content-Length"] = (
            "chunked" if chunked else str(len(data)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if reply.mode == "cut":  # half the body in one chunk, then the connection drops
            half = data[: len(data) // 2]
            self.wfile.write(f"{len(half):x}\r\n".encode() + half + b"\r\n")
            self.wfile.flush()
            self.close_connection = True
        elif reply.mode == "trickle":  # one byte per chunk, `delay` apart (never finishing
            for byte in data:  # in time unless the client waits for all of it)
                self.wfile.write(b"1\r\n" + bytes([byte]) + b"\r\n")
                self.wfile.flush()
                time.sleep(reply.delay)
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(data)

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a deadline)
            self.close_connection = True

    def do_GET(self) -> None:  # noqa: N802
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._serve("PUT")
