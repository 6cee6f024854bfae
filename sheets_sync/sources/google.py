"""Google Sheets source (`source.kind: google`) through gspread's low-level HTTP client.

Requests per operation (every one counted, retries included):

    read_registry()  0 when the registry spreadsheet is in the listed folder and unchanged since
                     the copy kept in `<state_dir>/daftar-kantor.json`; else 1 Sheets read:
                     `values:batchGet` of 'Kantor'. Makes the run's Drive listing first
    changed_since()  1 Drive `files.list` per run (+1 per further 1000 files), cached for the run
                     (google_listing: trashed files left out, shared drives included)
    read_office()    1 Sheets read: `values:batchGet` of every contract tab. When a tab is missing
                     or renamed the API answers 400; then +1 metadata read and +1 `values:batchGet`
                     of the tabs that exist (3 in all). If `changed_since` was not called in this
                     run, the first `read_office` makes the run's one Drive listing (for
                     `modified` / `source_stamp`)
    cell_link()      0 (uses metadata already fetched in this run, if any)
    read_tabs()      (kinerja tindak-lanjut) as read_office, of the tabs asked for, no listing
    write_back(), replace_tab() (a `Tindak Lanjut` tab):
                     1 metadata read (0 if fetched earlier in this run) + 1 batchUpdate (a write),
                     +1 batchUpdate per further ~1.5 MB of findings (Google recommends at most
                     2 MB a request), +1 metadata read and +1 batchUpdate when a retried
                     `addSheet` had already been applied

Values are read with `UNFORMATTED_VALUE` + `SERIAL_NUMBER`: numbers stay numbers, dates stay
serial numbers (the validator's `parse_date` turns them into dates). No cell value is logged.

Change detection: `RawWorkbook.extra["source_stamp"]` is `<key>@<Drive modifiedTime>`; an office
is unchanged when its manifest entry's `seen_stamp` equals the current stamp (entries without
`seen_stamp` are compared on `source_id` + `seen_modified`/`source_modified`). A sheet missing
from the listing (not shared, other folder, a shortcut or subfolder) is always read.

Failures (see google_errors for how an error answer is read): one office's failure is a
`GoogleSourceError` with its catalogue code (that office keeps its last good data); the Sheets
API not enabled in the project stops the run's reading (`SourceError.RUN`, one `api_belum_aktif`
finding); a Drive API not enabled only loses change detection (one `api_belum_aktif` in
`run_findings`, every office is read); HTTP 401, a missing scope and google-auth's errors end the
run (`SourceError.FATAL`).

Links: `cell_link` gives `…/edit#gid=<sheetId>&range=C5` when the tab's sheetId is known from
metadata fetched in this run, else `…/edit#range='Tab'!C5` (the values read returns no sheetIds
and a metadata read per office would double the request count)."""
from __future__ import annotations

import json
import logging
import random
import re
import sys
import time
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import gspread
from gspread.exceptions import APIError

from sheets_sync.config import PortalConfig
from sheets_sync.contracts import OFFICE_TABS, REGISTRY
from sheets_sync.errors import ConfigError, SourceError
from sheets_sync.findings import Finding, OfficeState
from sheets_sync.manifest import ManifestEntry
from sheets_sync.snapshots import atomic_write_text
from sheets_sync.sources.base import OfficeRef, RawTab, RawWorkbook
from sheets_sync.sources.google_auth import (
    READ_SCOPES,
    WRITE_SCOPES,
    build_client,
    credentials_email,
    load_credentials,
)
from sheets_sync.sources.google_errors import ErrorAnswer, Meaning, read_error
from sheets_sync.sources.google_http import (
    BoundedHTTPClient,
    Clock,
    GoogleSourceError,
    RetryPolicy,
    Sleep,
)
from sheets_sync.sources.google_listing import ListingError, list_spreadsheets
from sheets_sync.sources.google_writeback import (
    Batches,
    cell_url,
    tab_batches,
    value_rows,
    writeback_batches,
)
from sheets_sync.values import header_key

log = logging.getLogger("kinerja.google")
__all__ = ["READ_SCOPES", "WRITE_SCOPES", "GoogleSource", "a1_title", "build_client",
           "extract_key", "load_credentials", "range_title"]

VALUE_PARAMS = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}
METADATA_PARAMS = {
    "includeGridData": "false",
    "fields": "properties.title,sheets.properties(sheetId,title,index,gridProperties)",
}
CONNECT_TIMEOUT = 10.0
REGISTRY_CACHE = "daftar-kantor.json"  # in the state folder: the registry values and their version
_KEY_IN_URL = re.compile(r"/spreadsheets/(?:u/\d+/)?d/([A-Za-z0-9_-]{10,})")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]{10,}")


def extract_key(sumber: str | None) -> str | None:
    """The key in a bare key or a `https://docs.google.com/spreadsheets/d/<key>/…` URL."""
    text = (sumber or "").strip()
    found = _KEY_IN_URL.search(text)
    if found:
        return found.group(1)
    return text if _BARE_KEY.fullmatch(text) else None


def a1_title(title: str) -> str:
    """A tab title as an A1 range covering the whole tab: `'Tab'` (quotes doubled)."""
    return "'" + title.replace("'", "''") + "'"


def range_title(a1: str) -> str:
    """The tab title of an A1 range as the API returns it (`'It''s'!A1:B2` or `Tab!A1:B2`)."""
    if not a1.startswith("'"):
        return a1.split("!", 1)[0]
    out, i = [], 1
    while i < len(a1):
        if a1[i] == "'":
            if a1[i + 1: i + 2] == "'":
                out.append("'")
                i += 2
                continue
            break
        out.append(a1[i])
        i += 1
    return "".join(out)


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


class GoogleSource:
    """Office sheets in Google Sheets; see the module docstring for request counts."""

    name = "google"

    def __init__(self, config: PortalConfig, *, client: gspread.Client | None = None,
                 sleep: Sleep = time.sleep, clock: Clock = time.monotonic,
                 rng: random.Random | None = None, progress: bool | None = None,
                 service_account_email: str | None = None) -> None:
        self.config = config
        src = config.source
        self.client = client if client is not None else build_client(config)
        http = self.client.http_client
        if not isinstance(http, BoundedHTTPClient):
            http = BoundedHTTPClient.wrapping(http)
            self.client.http_client = http
        http.configure(RetryPolicy.from_config(src), reads_per_minute=src.max_reads_per_minute,
                       sleep=sleep, clock=clock, rng=rng, answer_seconds=src.timeout_seconds,
                       run_seconds=src.run_deadline_seconds)
        self.client.set_timeout((CONNECT_TIMEOUT, src.timeout_seconds))
        self.http: BoundedHTTPClient = http
        self.email = service_account_email or credentials_email(getattr(http, "auth", None))
        self.progress = sys.stderr.isatty() if progress is None else progress
        self._files: dict[str, dict[str, Any]] | None = None  # Drive listing, by spreadsheet id
        self._listed = False
        self._sheets: dict[str, list[dict[str, Any]]] = {}  # metadata sheets[].properties by key
        self._planned = 0
        self._done = 0
        self.run_findings: list[Finding] = []  # about the run, not one office (office "")

    # --- Source protocol ---------------------------------------------------------------------

    def read_registry(self) -> RawTab:
        """The 'Kantor' tab of the registry spreadsheet. The run's Drive listing comes first:
        when the registry is in the listed folder and its modifiedTime is the one of the copy
        kept in the state folder, that copy is used and no Sheets read is made."""
        key = extract_key(self.config.source.registry)
        if key is None:
            raise ConfigError("source.registry is not a Google Sheets key or URL")
        files = self._list_files()
        stamp = self._stamp(key, files[key]) if files and key in files else None
        cached = self._cached_registry(stamp)
        if cached is not None:
            self._log("", "registry", "unchanged", 0)
            return cached
        before = self.http.total
        try:
            tabs = self._read_tabs(key, [REGISTRY.name], fetch_others=False)
        except APIError as exc:
            err = self._api_error(exc, key=key, label="registry spreadsheet", kode=None)
            self._log("", "registry", "failed", self.http.total - before, code=err.code)
            if err.reach == SourceError.RUN:  # nothing can be read: the run cannot start
                raise GoogleSourceError(f"{err}; enable it and run again", code=err.code,
                                        **err.fields) from None
            raise err from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # not the API's JSON
            raise _unexpected("registry spreadsheet", exc) from None
        self._log("", "registry", "ok", self.http.total - before)
        for title, grid in tabs.items():
            if header_key(title) == header_key(REGISTRY.name):
                self._keep_registry(stamp, grid)
                return grid
        found = ", ".join(p["title"] for p in self._sheets.get(key, [])) or "-"
        raise GoogleSourceError(
            f"registry spreadsheet has no tab '{REGISTRY.name}' (found: {found})",
            code="tab_hilang", tab_dicari=REGISTRY.name, diharapkan=", ".join(REGISTRY.headers))

    def _registry_cache(self) -> Path:
        return Path(self.config.state_dir) / REGISTRY_CACHE

    def _cached_registry(self, stamp: str | None) -> RawTab | None:
        if stamp is None:
            return None
        try:
            kept = json.loads(self._registry_cache().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(kept, dict) or kept.get("stamp") != stamp:
            return None
        grid = kept.get("values")
        return grid if isinstance(grid, list) else None

    def _keep_registry(self, stamp: str | None, grid: RawTab) -> None:
        """Keep the registry's values with the version they are of (atomic; a failure to keep
        them only costs a Sheets read next run)."""
        path = self._registry_cache()
        if stamp is None:
            path.unlink(missing_ok=True)
            return
        try:
            atomic_write_text(path, json.dumps({"stamp": stamp, "values": grid},
                                               ensure_ascii=False))
        except (OSError, TypeError, ValueError) as exc:
            log.warning("kinerja source=google action=keep_registry status=failed error=%s",
                        exc.__class__.__name__)

    def changed_since(self, offices: list[OfficeRef],
                      manifest: Mapping[str, ManifestEntry]) -> set[str]:
        """Offices whose spreadsheet is new, changed, or not in the Drive listing (unknown, so
        read it: a 403/404 then gives a clear message). One Drive listing per run."""
        files = self._list_files()
        changed: set[str] = set()
        unlisted: list[str] = []
        for office in offices:
            key = extract_key(office.sumber)
            if key is None or files is None or key not in files:
                changed.add(office.kode)
                if key is not None and files is not None:
                    unlisted.append(office.kode)
                continue
            if not self._unchanged(manifest.get(office.kode) or ManifestEntry(), key, files[key]):
                changed.add(office.kode)
        self._planned, self._done = len(changed), 0
        log.info("kinerja source=google action=changed_since offices=%d changed=%d skipped=%d",
                 len(offices), len(changed), len(offices) - len(changed))
        if unlisted:  # not shared, another folder, a shortcut or a subfolder: read every run
            log.warning("kinerja source=google action=changed_since status=unlisted offices=%s "
                        "(not in the Drive listing: read on every run, see docs/operating.md §3)",
                        ",".join(unlisted))
        return changed

    def read_office(self, office: OfficeRef) -> RawWorkbook:
        """All contract tabs of one office (1 Sheets read; 3 when a tab is missing or renamed).
        Without a prior `changed_since` in this run, the run's one Drive listing is made here so
        that `modified` and the `source_stamp` are still known."""
        key = self._key(office)
        if self.http.deadline_passed():
            raise self.http.stopped()
        self._list_files()
        before = self.http.total
        try:
            tabs = self._read_tabs(key, [t.name for t in OFFICE_TABS], fetch_others=True)
        except APIError as exc:
            err = self._api_error(exc, key=key, label=f"spreadsheet {office.nama} ({office.kode})",
                                  kode=office.kode)
            self._log(office.kode, "fetch", "failed", self.http.total - before, code=err.code)
            raise err from None
        except SourceError as exc:
            self._log(office.kode, "fetch", "failed", self.http.total - before, code=exc.code)
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # not the API's JSON
            self._log(office.kode, "fetch", "failed", self.http.total - before, code="sumber_gagal")
            raise _unexpected(f"spreadsheet {office.nama} ({office.kode})", exc) from None
        file = (self._files or {}).get(key, {})
        modified = _parse_time(file.get("modifiedTime"))
        requests = self.http.total - before
        self._log(office.kode, "fetch", "ok", requests, tabs=len(tabs))
        return RawWorkbook(
            tabs=tabs, source_id=key, modified=modified,
            extra={"source_stamp": self._stamp(key, file), "requests": requests},
        )

    def cell_link(self, office: OfficeRef, tab: str, cell: str) -> str | None:
        key = extract_key(office.sumber)
        if key is None:
            return None
        return cell_url(key, self._sheet_id(key, tab), tab, cell)

    # --- write-back ----------------------------------------------------------------------------

    def write_back(self, office: OfficeRef, findings: list[Finding], checked_at: datetime, *,
                   state: OfficeState) -> None:
        """Write the office's state sentence and findings into a `Validasi` tab of its own
        spreadsheet: at most one metadata read (skipped when fetched earlier in this run) and
        one batchUpdate per ~1.5 MB of rows. A retried `addSheet` that Google had already
        applied (its answer was lost) answers "already exists": then the tab is looked up again
        and written as it is."""
        if not self.config.source.write_back:
            raise ConfigError("write-back is disabled: set source.write_back: true in portal.yml "
                              "(and share the office sheets as Editor)")
        key = self._key(office)
        mine = [f for f in findings if f.office == office.kode]
        self._write_tab(office, key, "write_back", lambda sheets: writeback_batches(
            mine, checked_at, key=key, sheets=sheets, state=state), findings=len(mine))

    def replace_tab(self, office: OfficeRef, title: str,
                    rows: Sequence[Sequence[object]]) -> None:
        """Replace the values of the tab `title` of the office's own spreadsheet with `rows`
        (plain values from A1; the tab is added when missing), as `write_back` writes
        `Validasi` (`kinerja tindak-lanjut`: the `Tindak Lanjut` tab)."""
        if not self.config.source.write_back:
            raise ConfigError("write-back is disabled: set source.write_back: true in portal.yml")
        key = self._key(office)
        data, width = value_rows(rows), max((len(r) for r in rows), default=1)
        self._write_tab(office, key, "replace_tab", lambda sheets: tab_batches(
            title, data, sheets, width=width), rows=len(rows))

    def _write_tab(self, office: OfficeRef, key: str, action: str, batches: Batches,
                   **extra: object) -> None:
        """Send the batchUpdates `batches` makes from the spreadsheet's sheet properties; once
        more with fresh metadata when a retried `addSheet` was already applied."""
        before = self.http.total
        try:
            try:
                self._write_batches(key, batches)
            except APIError as exc:
                if not _tab_exists_already(exc):
                    raise
                self._sheets.pop(key, None)  # the tab is there now: read the metadata again
                self._write_batches(key, batches)
        except APIError as exc:
            err = self._api_error(exc, key=key, label=f"spreadsheet {office.nama} ({office.kode})",
                                  kode=office.kode, write=True)
            self._log(office.kode, action, "failed", self.http.total - before, code=err.code)
            raise err from None
        self._log(office.kode, action, "ok", self.http.total - before, **extra)

    def _write_batches(self, key: str, batches: Batches) -> None:
        for requests_ in batches(self._sheet_props(key)):
            reply = self.http.batch_update(key, {"requests": requests_})
            for sub in (reply or {}).get("replies", []) if isinstance(reply, dict) else []:
                added = (sub or {}).get("addSheet")
                if added:  # keep the cache right for later links in this run
                    self._sheets.setdefault(key, []).append(added.get("properties", {}))

    def read_tabs(self, office: OfficeRef, titles: list[str]) -> RawWorkbook:
        """Only the tabs `titles` of one office that exist (`kinerja tindak-lanjut`)."""
        key = self._key(office)
        label = f"spreadsheet {office.nama} ({office.kode})"
        before = self.http.total
        try:
            tabs = self._read_tabs(key, titles, fetch_others=False)
        except APIError as exc:
            err = self._api_error(exc, key=key, label=label, kode=office.kode)
            self._log(office.kode, "fetch_tabs", "failed", self.http.total - before, code=err.code)
            raise err from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # not the API's JSON
            raise _unexpected(label, exc) from None
        self._log(office.kode, "fetch_tabs", "ok", self.http.total - before, tabs=len(tabs))
        return RawWorkbook(tabs=tabs, source_id=key)

    @property
    def stats(self) -> dict[str, int]:
        """Requests sent so far by kind (`read`, `write`, `drive`), retries included."""
        return dict(self.http.counts)

    # --- internals -----------------------------------------------------------------------------

    def _key(self, office: OfficeRef) -> str:
        key = extract_key(office.sumber)
        if key is None:
            raise GoogleSourceError(
                f"the `sumber` of {office.kode} is not a Google Sheets key or URL",
                code="sumber_salah", tempat=f"kolom `sumber` untuk kantor {office.kode}",
                alasan="isinya bukan kunci atau URL Google Sheets")
        return key

    def _list_files(self) -> dict[str, dict[str, Any]] | None:
        if self._listed:
            return self._files
        self._listed = True
        before = self.http.total
        try:
            self._files = list_spreadsheets(self.http, self.config.source.folder_id)
        except APIError as exc:
            self._listing_failed(read_error(exc, url="/drive/v3/files"), self.http.total - before)
            return None
        except (GoogleSourceError, ListingError, ValueError) as exc:
            code = getattr(exc, "code", exc.__class__.__name__)
            log.warning("kinerja source=google action=list status=failed requests=%d code=%s "
                        "(every office will be read)", self.http.total - before, code)
            return None
        log.info("kinerja source=google action=list status=ok files=%d requests=%d",
                 len(self._files), self.http.total - before)
        return self._files

    def _listing_failed(self, answer: ErrorAnswer, requests: int) -> None:
        """Without the listing every office is read (no change detection); the Drive API not
        enabled is said once for the run, a 401 ends it."""
        meaning = answer.meaning
        if meaning is Meaning.CREDENTIALS and answer.status == 401:
            raise _credentials_refused(answer, self.config.source.credentials_env)
        if meaning is Meaning.API_DISABLED:
            notice = _api_disabled(answer, akibat=(
                "perubahan spreadsheet tidak dapat dideteksi, sehingga setiap kantor dibaca ulang "
                "pada setiap sinkronisasi"))
            self.run_findings.append(Finding.of(notice.code, office="", **notice.fields))
        detail = ("the credentials lack the drive.metadata.readonly scope"
                  if meaning is Meaning.CREDENTIALS else f"HTTP {answer.status}")
        log.warning("kinerja source=google action=list status=failed requests=%d code=%s "
                    "(every office will be read)", requests, detail)

    @staticmethod
    def _stamp(key: str, file: Mapping[str, Any]) -> str | None:
        modified = file.get("modifiedTime")
        return f"{key}@{modified}" if modified else None

    def _unchanged(self, entry: ManifestEntry, key: str, file: Mapping[str, Any]) -> bool:
        if entry.records_stamp:  # the snapshot store's record of the last version attempted
            return entry.unchanged_since(self._stamp(key, file))
        if entry.source_id != key:
            return False
        seen = entry.seen_modified or entry.source_modified
        now = _parse_time(file.get("modifiedTime"))
        return seen is not None and now is not None and seen == now

    def _batch_get(self, key: str, titles: list[str]) -> dict[str, RawTab]:
        data = self.http.values_batch_get(key, [a1_title(t) for t in titles],
                                          params=dict(VALUE_PARAMS))
        return _value_ranges(data, titles)

    def _read_tabs(self, key: str, titles: list[str], *, fetch_others: bool) -> dict[str, RawTab]:
        """One batchGet; on "Unable to parse range" (a tab is missing or renamed) one metadata read
        and one batchGet of the tabs that exist — all of them when `fetch_others`, so the
        validator can name the closest title."""
        try:
            return self._batch_get(key, titles)
        except APIError as exc:
            if read_error(exc).meaning is not Meaning.MISSING_RANGE:
                raise
        actual = [p["title"] for p in self._sheet_props(key)]
        wanted = {header_key(t) for t in titles}
        chosen = actual if fetch_others else [t for t in actual if header_key(t) in wanted]
        return self._batch_get(key, chosen) if chosen else {}

    def _sheet_props(self, key: str) -> list[dict[str, Any]]:
        if key not in self._sheets:
            meta = self.http.fetch_sheet_metadata(key, params=dict(METADATA_PARAMS))
            sheets = meta.get("sheets") if isinstance(meta, dict) else None
            if not isinstance(sheets, list) or not all(
                    isinstance(s, dict) and isinstance(s.get("properties", {}), dict)
                    and isinstance(s.get("properties", {}).get("title", ""), str)
                    for s in sheets):
                raise ValueError("spreadsheet metadata without a list of sheets")
            self._sheets[key] = [s.get("properties", {}) for s in sheets]
        return self._sheets[key]

    def _sheet_id(self, key: str, tab: str) -> int | None:
        for props in self._sheets.get(key, []):
            if header_key(props.get("title")) == header_key(tab) and "sheetId" in props:
                return int(props["sheetId"])
        return None

    def _api_error(self, exc: APIError, *, key: str, label: str, kode: str | None,
                   write: bool = False) -> SourceError:
        """What HR staff (or the operator) are told about an error answer for one spreadsheet;
        raises a `SourceError.FATAL` for a 401 or a missing scope (nothing could be read)."""
        answer = read_error(exc, url="https://sheets.googleapis.com/")
        meaning = answer.meaning
        who = self.email or "the portal's service account"
        siapa = self.email or "akun layanan (service account) portal"
        if meaning is Meaning.CREDENTIALS:
            raise _credentials_refused(answer, self.config.source.credentials_env)
        if meaning is Meaning.API_DISABLED:
            return _api_disabled(answer, akibat=(
                "tidak ada spreadsheet yang dapat dibaca, sehingga setiap kantor memakai data "
                "terakhir yang valid"))
        if meaning is Meaning.NOT_SHARED:
            peran = "Editor" if write else "Pelihat (Viewer)"
            return GoogleSourceError(
                f"{label} is not shared with {who}" + (" as Editor" if write else ""),
                code="tidak_dibagikan", nama=_id_name(label), akun=siapa, peran=peran)
        if meaning is Meaning.NOT_FOUND:
            where = f"the key in `sumber` for {kode}" if kode else "source.registry"
            tempat = (f"kolom `sumber` untuk kantor {kode}" if kode
                      else "source.registry di portal.yml")
            return GoogleSourceError(
                f"{where} is wrong (spreadsheet not found)", code="sumber_salah", tempat=tempat,
                alasan="spreadsheet tidak ditemukan")
        if meaning is Meaning.NOT_A_SHEET:
            return GoogleSourceError(
                f"{label} is an uploaded Excel file, not a Google Sheets spreadsheet (HTTP 400 "
                "FAILED_PRECONDITION): File > Save as Google Sheets", code="bukan_google_sheets",
                nama=_id_name(label), akun=siapa)
        status = answer.api_status or ("(not JSON)" if exc.code == -1 else "")
        return GoogleSourceError(
            f"Google API error reading {label}: HTTP {answer.status} {status}".rstrip(),
            code="sumber_gagal",
            alasan=f"Google menolak permintaan untuk spreadsheet {_id_name(label)} "
            f"(HTTP {answer.status})")

    def _log(self, kode: str, action: str, status: str, requests: int, **extra: object) -> None:
        if action == "fetch":
            self._done += 1
        fields = " ".join(f"{k}={v}" for k, v in extra.items())
        line = (f"kinerja source=google office={kode or '-'} action={action} status={status} "
                f"requests={requests}" + (f" {fields}" if fields else ""))
        level = logging.WARNING if status != "ok" else logging.DEBUG
        if self.progress:
            total = max(self._planned, self._done)
            step = f"[{self._done}/{total}] " if action == "fetch" and total else ""
            label = kode or "daftar kantor"
            log.log(max(level, logging.INFO),
                    f"google {step}{label}: {action} {status} ({requests} permintaan)")
        else:
            log.log(level, line)


def _unexpected(label: str, exc: Exception) -> GoogleSourceError:
    return GoogleSourceError(
        f"unexpected answer from Google reading {label} ({exc.__class__.__name__}: "
        f"{' '.join(str(exc).split())[:120]})",
        code="sumber_gagal",
        alasan=f"jawaban Google untuk spreadsheet {_id_name(label)} tidak sesuai format yang "
        "dijanjikan Google (jawaban kosong atau terpotong); data terakhir yang valid tetap dipakai "
        "dan akan dicoba lagi pada sinkronisasi berikutnya")


def _value_ranges(data: object, titles: list[str]) -> dict[str, RawTab]:
    """The tabs of a `values:batchGet` answer (`BatchGetValuesResponse`: one `ValueRange` per
    requested range, in order). Anything else is a ValueError: one clear finding for the
    office, not "tab not found" for tabs it has."""
    ranges = data.get("valueRanges") if isinstance(data, dict) else None
    if not isinstance(ranges, list) or len(ranges) != len(titles):
        got = "no valueRanges" if not isinstance(ranges, list) else f"{len(ranges)} valueRanges"
        raise ValueError(f"{got} for {len(titles)} ranges asked")
    tabs: dict[str, RawTab] = {}
    for asked, vr in zip(titles, ranges, strict=True):
        values = vr.get("values", []) if isinstance(vr, dict) else None
        if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
            raise ValueError(f"the ValueRange of '{asked}' has no list of rows")
        a1 = vr.get("range")
        tabs[range_title(a1) if isinstance(a1, str) and a1 else asked] = values
    return tabs


def _tab_exists_already(exc: APIError) -> bool:
    message = exc.error.get("message", "") if isinstance(exc.error, Mapping) else ""
    return exc.code == 400 and "already exists" in str(message)


def _api_disabled(answer: ErrorAnswer, *, akibat: str) -> SourceError:
    project = answer.project or "?"
    service = answer.service or "sheets.googleapis.com"
    return SourceError(
        f"the {answer.api_name} is not enabled in Google Cloud project {project} "
        f"(HTTP {answer.status} {', '.join(sorted(answer.reasons)) or answer.api_status})",
        code="api_belum_aktif", reach=SourceError.RUN, api=answer.api_name, proyek=project,
        layanan=service, akibat=akibat)


def _credentials_refused(answer: ErrorAnswer, credentials_env: str) -> SourceError:
    if answer.status == 401:
        return SourceError(
            "Google answered HTTP 401 (the credentials were not accepted: an invalid or expired "
            f"token): check the credentials file named by {credentials_env}, or the Workload "
            "Identity set-up (docs/operating.md §11)", reach=SourceError.FATAL)
    return SourceError(
        "the Google credentials lack a scope the portal needs (HTTP 403 "
        f"{', '.join(sorted(answer.reasons)) or answer.api_status}): use "
        + ", ".join(s.rsplit("/", 1)[-1] for s in READ_SCOPES)
        + " (spreadsheets for write-back); with gcloud application-default credentials, log in "
        "again with --scopes (docs/operating.md §9)", reach=SourceError.FATAL)


def _id_name(label: str) -> str:
    """The spreadsheet's name for HR staff: `daftar kantor`, or `<nama> (<KODE>)`."""
    if label == "registry spreadsheet":
        return "daftar kantor"
    return label.removeprefix("spreadsheet ")
