"""The 50-office fault-injection run of issue 12: a portal of 50 offices on the loopback Google
fake, synced once clean, then every office's sheet edited and a fault of Google or of a sheet
injected in some of them; the second run (sync + compute, through an unmodified gspread) must
finish, every unaffected office fresh, every affected one keeping its last good data with its
own finding. `python -m tests.integration.fault_run` prints the run; test_fault_run.py checks it.

Faults that by design change the whole run are not mixed in here and have their own tests
(test_google_faults.py, test_google_credentials.py): the Sheets API not enabled (reading stops,
every office keeps its data), the Drive API not enabled (no change detection), credentials
that cannot be used (the run ends, exit 4). A formula without its saved result and a password
only exist in local workbooks: the adversarial build (tests/e2e/test_adversarial.py)."""
from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import gspread
import requests

from sheets_sync.config import PortalConfig
from sheets_sync.findings import Report
from sheets_sync.portal_data import PortalData
from sheets_sync.snapshots import SnapshotStore
from sheets_sync.sources.google import GoogleSource
from site_builder import pipeline
from tests.integration import google_answers as answers
from tests.integration.conftest import REGISTRY_KEY, FakeClock, office_tabs
from tests.integration.fake_google import XLSX_MIME, FakeGoogle

OFFICES = 50
NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
HTML = {"Content-Type": "text/html; charset=UTF-8"}
Tabs = dict[str, list[list[Any]]]


def key_of(n: int) -> str:
    return f"1Kantor{n:02d}KeyAbcdefghijklmnopqrstuvwxyz0123456789"


def kode_of(n: int) -> str:
    return f"K{n:02d}"


@dataclass(frozen=True)
class Fault:
    office: int
    item: str  # the item
    what: str
    expect: str  # "stale" (last good data + its finding), "fresh" (recovered, or a located
    # cell finding), "not_read" (the run deadline), "missing" (compute left it out)
    code: str | None  # the finding the office (or the run) gets; None: none
    inject: Callable[[FakeGoogle, str, Tabs], object]


def _fail(kind: str, status: int = 200, **kw: Any) -> Callable[[FakeGoogle, str, Tabs], object]:
    return lambda g, key, tabs: g.fail(kind, status, key=key, **kw)


def _cell(tab: str, row: int, col: int, value: object) -> Callable[[FakeGoogle, str, Tabs],
                                                                    object]:
    def change(g: FakeGoogle, key: str, tabs: Tabs) -> None:
        tabs[tab][row - 1][col] = value
        sheet = g.spreadsheets[key].sheet(tab)
        assert sheet is not None
        sheet.rows[row - 1][col] = value
    return change


def _attr(**values: Any) -> Callable[[FakeGoogle, str, Tabs], object]:
    def change(g: FakeGoogle, key: str, tabs: Tabs) -> None:
        for name, value in values.items():
            setattr(g.spreadsheets[key], name, value)
    return change


FAULTS: list[Fault] = [
    Fault(2, "1", "HTML 502 page, persistent", "stale", "sumber_gagal",
          _fail("batchGet", 502, text=answers.html_502_page(), headers=HTML, times=99)),
    Fault(3, "1", "HTML 503 page once", "fresh", None,
          _fail("batchGet", 503, text=answers.html_502_page(), headers=HTML)),
    Fault(4, "2", "body cut mid-transfer, persistent", "stale", "sumber_gagal",
          _fail("batchGet", mode="cut", times=99)),
    Fault(5, "2", "connection reset, persistent", "stale", "sumber_gagal",
          _fail("batchGet", mode="reset", times=99)),
    Fault(6, "2", "read timeout (answer starts late), persistent", "stale", "sumber_gagal",
          _fail("batchGet", mode="slow", delay=2.0, times=99)),
    Fault(7, "7", "body trickling a byte at a time, persistent", "stale", "sumber_gagal",
          _fail("batchGet", mode="trickle", delay=0.05, times=99)),
    Fault(8, "2", "body cut once", "fresh", None, _fail("batchGet", mode="cut")),
    Fault(9, "3", "200 with []", "stale", "sumber_gagal", _fail("batchGet", text="[]")),
    Fault(10, "3", "200 with null", "stale", "sumber_gagal", _fail("batchGet", text="null")),
    Fault(11, "3", "200 with {}", "stale", "sumber_gagal", _fail("batchGet", text="{}")),
    Fault(12, "3", "200 with valueRanges of the wrong shape", "stale", "sumber_gagal",
          _fail("batchGet", text='{"valueRanges": [1, 2, 3, 4, 5, 6]}')),
    Fault(13, "5", "403 plain permission denial (not shared)", "stale", "tidak_dibagikan",
          _fail("batchGet", 403, error=answers.permission_denied())),
    Fault(14, "6", "an uploaded .xlsx, not a Google Sheet", "stale", "bukan_google_sheets",
          _attr(mime_type=XLSX_MIME)),
    Fault(15, "7", "429 once (the retry waits out the quota minute)", "fresh", None,
          _fail("batchGet", 429)),
    Fault(16, "1", "HTTP 500 JSON, persistent", "stale", "sumber_gagal",
          _fail("batchGet", 500, times=99)),
    Fault(17, "8", "trashed by its owner (the account): not in the listing, read", "fresh",
          None, _attr(owned=True, trashed=True)),
    Fault(18, "8", "in a shared drive, reached as a member only", "fresh", None,
          _attr(drive_id="SHARED-DRIVE", shared_directly=False)),
    Fault(21, "10", "a 30-digit target", "fresh", "angka_terlalu_besar",
          _cell("Capaian", 2, 2, 1e30)),
    Fault(22, "10", "a target of 1e-30", "fresh", "angka_terlalu_kecil",
          _cell("Capaian", 2, 2, 1e-30)),
    Fault(23, "11", "#REF! as realisasi", "fresh", "nilai_galat",
          _cell("Capaian", 2, 3, "#REF!")),
    Fault(24, "14", "a right-to-left override in an indicator name", "fresh",
          "karakter_tersembunyi", _cell("Indikator", 2, 1, "Persentase \u202eibu hamil")),
    Fault(25, "10", "last good data with a target of 1e28 (an earlier version's), sheet 503",
          "missing", "perhitungan_gagal", _fail("batchGet", 503, times=99)),
    Fault(50, "7", "429 with Retry-After past the run's deadline", "not_read",
          "batas_waktu_habis", _fail("batchGet", 429, headers={"Retry-After": "3600"}, times=99)),
]
LISTING_FAULT = "5: Drive 403 userRateLimitExceeded on the change listing (retried)"
REGISTRY_FAULT = "13: registry rows with kode '--' and 'CON' (kode_tidak_valid)"


@dataclass
class FaultRun:
    report: Report
    data: PortalData
    seconds: float  # wall time of the faulty run
    fresh: list[str]
    stale: list[str]
    missing: list[str]
    not_read: list[str]
    requests: Counter[str]

    def summary(self) -> str:
        lines = [f"{OFFICES} offices, {len(FAULTS)} office faults + listing + registry injected",
                 f"  fresh:    {len(self.fresh)}", f"  stale (last good data): {len(self.stale)}"
                 f" {self.stale}", f"  not read (run deadline, last good data): {self.not_read}",
                 f"  left out by compute: {self.missing}",
                 f"  findings: {dict(Counter(f.code for f in self.report.findings))}",
                 f"  requests: {dict(self.requests)}",
                 f"  wall time of the faulty run (sync + compute): {self.seconds:.2f} s"]
        return "\n".join(lines)


def registry(n: int = OFFICES) -> Tabs:
    rows: list[list[Any]] = [["kode", "nama", "sektor", "sumber", "frekuensi", "situs"]]
    rows += [[kode_of(i), f"Kantor {i}", "Umum", key_of(i), "triwulanan", ""]
             for i in range(1, n + 1)]
    rows += [["--", "Kantor garis", "Umum", key_of(1), "", ""],
             ["CON", "Kantor perangkat", "Umum", key_of(1), "", ""]]
    return {"Kantor": rows}


def clean_office() -> Tabs:
    tabs = office_tabs()
    tabs["Pegawai"][2][5] = "Di Bawah Ekspektasi"  # the kurva of an office rated Baik holds
    return tabs


def run(fake: FakeGoogle, session: requests.Session, clock: FakeClock, tmp: Path) -> FaultRun:
    """The clean run, then the faulty one; returns what the faulty run published."""
    config = PortalConfig.model_validate({
        "title": "Portal Uji", "state_dir": str(tmp / "state"),
        "source": {"kind": "google", "registry": REGISTRY_KEY, "folder_id": "FOLDER",
                   "timeout_seconds": 1.0, "max_attempts": 2, "max_retry_seconds": 7200}})

    def source() -> GoogleSource:
        return GoogleSource(config, client=gspread.Client(None, session=session),  # type: ignore[arg-type]
                            sleep=clock.sleep, clock=clock, rng=random.Random(7), progress=False,
                            service_account_email="portal@contoh.iam.gserviceaccount.com")

    offices = {i: clean_office() for i in range(1, OFFICES + 1)}
    fake.add_spreadsheet(REGISTRY_KEY, registry(), title="Daftar Kantor")
    for i, tabs in offices.items():
        fake.add_spreadsheet(key_of(i), tabs, title=f"Kinerja {kode_of(i)}")
    noop = lambda *args, **kw: None  # noqa: E731 (publishing is not under test here)
    pipeline.build(config, tmp / "site", now=NOW, source=source(), publish=noop)
    _old_snapshot(config, "K25")
    for i in offices:
        fake.touch(key_of(i))  # every office edited since
    fake.fail("drive_list", 403, error=answers.drive_rate_limited())
    for fault in FAULTS:
        fault.inject(fake, key_of(fault.office), offices[fault.office])
    fake.requests.clear()
    start = time.perf_counter()
    result = pipeline.build(config, tmp / "site", now=NOW, source=source(), publish=noop)
    seconds = time.perf_counter() - start
    status = result.data.status
    by = {s: sorted(k for k, v in status.items() if v.status == s) for s in ("ok", "stale",
                                                                            "missing")}
    not_read = sorted(k for k, v in status.items() if v.status == "ok" and not v.fetched_now)
    fresh = sorted(k for k in by["ok"] if k not in not_read)
    return FaultRun(result.report, result.data, seconds, fresh, by["stale"], by["missing"],
                    not_read, Counter(r.kind for r in fake.requests))


def _old_snapshot(config: PortalConfig, kode: str) -> None:
    """K25's last good data as an earlier version stored it: a target of 1e28 passed the
    validation of that version (issue 12, item 10)."""
    store = SnapshotStore(Path(config.state_dir))
    data = store.load(kode)
    assert data is not None
    data.frames["capaian"].loc[0, "target"] = 1e28
    entry = store.entry(kode)
    store.save(data, source="google", source_id=entry.source_id or "", fetched_at=NOW,
               source_modified=entry.source_modified, source_stamp=entry.seen_stamp,
               contract=entry.contract)
    store.write_manifest()


def main() -> None:
    import tempfile

    from tests.integration.fake_google import loopback_session

    fake = FakeGoogle().start()
    session, _ = loopback_session(fake.base_url)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            print(run(fake, session, FakeClock(), Path(tmp)).summary())
    finally:
        session.close()
        fake.stop()


if __name__ == "__main__":
    main()
