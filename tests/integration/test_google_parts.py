"""The Google source's pure helpers: key extraction, range titles, backoff, limiter, write-back
layout limits."""
from __future__ import annotations

from datetime import datetime

import pytest

from sheets_sync.findings import Finding, OfficeState
from sheets_sync.sources.google import a1_title, extract_key, range_title
from sheets_sync.sources.google_http import RateLimiter, RetryPolicy
from sheets_sync.sources.google_writeback import (
    MAX_FINDING_ROWS,
    validasi_rows,
    writeback_requests,
)
from tests.integration.conftest import FakeClock

KEY = "1AbCdEfGhIjKlMnOpQrStUvWxYz_0123456789-abcde"


@pytest.mark.parametrize("sumber, key", [
    (KEY, KEY),
    (f"  {KEY}\n", KEY),
    (f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0", KEY),
    (f"https://docs.google.com/spreadsheets/d/{KEY}", KEY),
    (f"https://docs.google.com/spreadsheets/u/1/d/{KEY}/edit?usp=sharing", KEY),
    ("dinkes.xlsx", None),
    ("https://example.com/sheet", None),
    ("", None),
    (None, None),
])
def test_extract_key(sumber: str | None, key: str | None) -> None:
    assert extract_key(sumber) == key


@pytest.mark.parametrize("title", ["Indikator", "Data SKM", "It's", "a!b", "''"])
def test_range_title_round_trips(title: str) -> None:
    assert range_title(a1_title(title) + "!A1:C9") == title
    assert range_title(a1_title(title)) == title


def test_range_title_unquoted() -> None:
    assert range_title("Capaian!A1:E5") == "Capaian"


def test_backoff_doubles_and_is_capped() -> None:
    policy = RetryPolicy(max_attempts=10, max_seconds=999, max_backoff=32)
    assert [policy.backoff(n, 0.5) for n in range(1, 8)] == [1.5, 2.5, 4.5, 8.5, 16.5, 32, 32]


def test_rate_limiter_sliding_window() -> None:
    clock = FakeClock()
    limiter = RateLimiter(3, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        limiter.acquire()
    clock.now = 30.0
    limiter.acquire()  # 4th in the same minute waits until the first one is 60 s old
    assert clock.sleeps == [30.0] and clock.now == 60.0
    clock.now = 200.0
    limiter.acquire()
    assert clock.sleeps == [30.0]


STATE = OfficeState(kode="DINKES", tertahan=False, kalimat="Data kantor ini tampil.")


def _finding(i: int) -> Finding:
    return Finding(code="wajib_diisi", office="DINKES", tab="Capaian", message=f"pesan {i}",
                   row=i + 2, column="C", header="target")


def test_long_reports_are_capped_and_the_grid_grows() -> None:
    findings = [_finding(i) for i in range(MAX_FINDING_ROWS + 10)]
    rows = validasi_rows(findings, datetime(2026, 11, 24), key=KEY, sheet_ids={"Capaian": 5},
                         state=STATE)
    # state, time, 2 counts, blank, counts per tab (header + 1 tab), blank, header, findings, rest
    assert len(rows) == 5 + 2 + 2 + MAX_FINDING_ROWS + 1
    assert "10 temuan lainnya" in rows[-1]["values"][0]["userEnteredValue"]["stringValue"]
    sheets = [{"sheetId": 5, "title": "Capaian"},
              {"sheetId": 9, "title": "Validasi", "gridProperties": {"rowCount": 100,
                                                                     "columnCount": 5}}]
    reqs = writeback_requests(findings, datetime(2026, 11, 24), key=KEY, sheets=sheets,
                              state=STATE)
    assert [next(iter(r)) for r in reqs] == ["updateSheetProperties", "updateCells", "updateCells"]
    grid = reqs[0]["updateSheetProperties"]["properties"]["gridProperties"]
    assert grid == {"rowCount": len(rows), "columnCount": 9}


def test_new_validasi_sheet_id_avoids_existing_ids() -> None:
    sheets = [{"sheetId": 900_001, "title": "Capaian"}]
    reqs = writeback_requests([], datetime(2026, 11, 24), key=KEY, sheets=sheets, state=STATE)
    assert reqs[0]["addSheet"]["properties"]["sheetId"] == 900_002
    assert reqs[1]["updateCells"]["start"]["sheetId"] == 900_002
