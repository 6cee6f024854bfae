"""Google as it really answers (issue 12): HTML error pages, broken transfers, malformed
successes, the meanings of 403, uploaded Excel files, deadlines, the listing. Each scenario is
served by the loopback fake from Google's documents or recorded traffic (google_answers.py), and
one office's failure stays that office's."""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sheets_sync.config import PortalConfig
from sheets_sync.errors import SourceError
from sheets_sync.findings import OfficeState
from sheets_sync.manifest import ManifestEntry
from sheets_sync.sources.google import GoogleSource
from sheets_sync.sync import SyncResult, sync
from tests.integration import google_answers as answers
from tests.integration.conftest import (
    DINKES,
    DINKES_KEY,
    DISDIK,
    DISDIK_KEY,
    REGISTRY_KEY,
    FakeClock,
    google_config,
    serial,
)
from tests.integration.fake_google import XLSX_MIME, FakeGoogle

MakeSource = Callable[..., GoogleSource]
NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("google_session")
HTML = {"Content-Type": "text/html; charset=UTF-8"}


def _config(tmp_path: Path, **source: object) -> PortalConfig:
    config = google_config(**source)
    config.state_dir = tmp_path / "state"
    return config


def _sync(config: PortalConfig, make_source: MakeSource, **kw: object) -> SyncResult:
    return sync(config, now=NOW, source=make_source(config, **kw))


def _codes(result: SyncResult) -> list[tuple[str, str]]:
    return sorted((f.office, f.code) for f in result.report.findings)


def _status(result: SyncResult) -> dict[str, str]:
    return {k: str(s.status) for k, s in result.data.status.items()}


# --- 1. HTML error pages --------------------------------------------------------------------------

def test_an_html_502_page_is_retried_on_its_http_status(populated: FakeGoogle,
                                                        make_source: MakeSource,
                                                        clock: FakeClock) -> None:
    populated.fail("batchGet", 502, text=answers.html_502_page(), headers=HTML, key=DINKES_KEY)
    raw = make_source().read_office(DINKES)
    assert "Indikator" in raw.tabs and populated.count("batchGet") == 2 and len(clock.sleeps) == 1


def test_a_persistent_html_page_names_the_http_status(populated: FakeGoogle,
                                                      make_source: MakeSource) -> None:
    populated.fail("batchGet", 503, text=answers.html_502_page(), headers=HTML, times=100)
    with pytest.raises(SourceError) as info:
        make_source(google_config(max_attempts=3)).read_office(DINKES)
    assert info.value.code == "sumber_gagal" and "HTTP 503" in str(info.value)
    assert "-1" not in str(info.value) and populated.count("batchGet") == 3
    populated.failures.clear()
    populated.fail("batchGet", 400, text=answers.html_502_page(), headers=HTML)
    with pytest.raises(SourceError) as info:  # not retried, and says what it was
        make_source().read_office(DINKES)
    assert "HTTP 400 (not JSON)" in str(info.value)


# --- 2. broken transfers --------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["cut", "reset"])
def test_a_broken_transfer_is_retried(mode: str, populated: FakeGoogle, make_source: MakeSource,
                                      clock: FakeClock) -> None:
    populated.fail("batchGet", mode=mode, key=DINKES_KEY)
    raw = make_source().read_office(DINKES)
    assert len(raw.tabs) == 6 and populated.count("batchGet") == 2 and len(clock.sleeps) == 1


def test_a_transfer_that_keeps_breaking_is_that_offices_finding(
        populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    config = _config(tmp_path, max_attempts=2)
    _sync(config, make_source)  # last good data of both offices
    for key in (DINKES_KEY, DISDIK_KEY):
        populated.touch(key)
    populated.fail("batchGet", mode="cut", key=DINKES_KEY, times=100)
    result = _sync(config, make_source)  # did not abort the sync
    assert _codes(result) == [("DINKES", "sumber_gagal")]
    assert "ChunkedEncodingError" in result.report.findings[0].message
    assert _status(result) == {"DINKES": "stale", "DISDIK": "ok"}


def test_an_answer_that_starts_too_late_is_retried(populated: FakeGoogle,
                                                   make_source: MakeSource) -> None:
    populated.fail("batchGet", mode="slow", delay=2.0, key=DINKES_KEY)
    raw = make_source(google_config(timeout_seconds=0.5)).read_office(DINKES)
    assert len(raw.tabs) == 6 and populated.count("batchGet") == 2


def test_a_trickling_answer_is_cut_at_the_whole_answer_deadline(populated: FakeGoogle,
                                                                make_source: MakeSource) -> None:
    """A byte every 0.05 s never lets a per-read timeout fire; the answer (~1.6 KB, 80 s at
    that pace) is cut after `timeout_seconds`, each attempt (the bound on `took` leaves room
    for a loaded machine, and is still far below what an uncut answer takes)."""
    populated.fail("batchGet", mode="trickle", delay=0.05, key=DINKES_KEY, times=2)
    source = make_source(google_config(timeout_seconds=0.4, max_attempts=2))
    start = time.monotonic()
    with pytest.raises(SourceError) as info:
        source.read_office(DINKES)
    took = time.monotonic() - start
    assert "ReadTimeout" in str(info.value) and populated.count("batchGet") == 2
    assert took < 8.0, f"a trickling answer held the request for {took:.1f} s"


# --- 3. malformed successes -----------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "[]", "null", "{}", '{"valueRanges": {}}', '{"valueRanges": [1, 2, 3, 4, 5, 6]}',
    '{"valueRanges": [{"range": "Indikator!A1:B2", "values": "x"}]}',
    '{"valueRanges": []}', "<html>proxy login</html>",
])
def test_a_malformed_success_is_one_finding_for_that_office(
        body: str, populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    """[sheets] BatchGetValuesResponse: "The requested values. The order of the ValueRanges is
    the same as the order of the requested ranges." Anything else is not Google's answer."""
    populated.fail("batchGet", 200, text=body, key=DINKES_KEY)
    result = _sync(_config(tmp_path), make_source)
    assert _codes(result) == [("DINKES", "sumber_gagal")]  # not five "tab not found"
    assert "tidak sesuai format" in result.report.findings[0].message
    assert _status(result) == {"DINKES": "missing", "DISDIK": "ok"}


def test_a_bug_in_a_source_stays_with_its_office(populated: FakeGoogle, make_source: MakeSource,
                                                 tmp_path: Path) -> None:
    config = _config(tmp_path)
    source = make_source(config)
    real = source.read_office

    def read_office(office):  # type: ignore[no-untyped-def]
        if office.kode == "DINKES":
            raise AttributeError("'NoneType' object has no attribute 'get'")
        return real(office)

    source.read_office = read_office  # type: ignore[method-assign]
    result = sync(config, now=NOW, source=source)
    assert _codes(result) == [("DINKES", "sumber_gagal")]
    assert "kesalahan program (AttributeError)" in result.report.findings[0].message
    assert _status(result)["DISDIK"] == "ok"


# --- 4 and 13. credentials ------------------------------------------------------------------------

def test_http_401_is_a_credentials_error(populated: FakeGoogle, make_source: MakeSource) -> None:
    populated.fail("batchGet", 401, error=answers.unauthenticated())
    with pytest.raises(SourceError) as info:
        make_source().read_office(DINKES)
    assert info.value.reach == SourceError.FATAL
    assert "HTTP 401" in str(info.value) and "\n" not in str(info.value)
    assert populated.count("batchGet") == 1


def test_a_missing_scope_is_a_credentials_error(populated: FakeGoogle,
                                                make_source: MakeSource) -> None:
    populated.fail("batchGet", 403, error=answers.scope_insufficient())
    with pytest.raises(SourceError) as info:
        make_source().read_office(DINKES)
    assert info.value.reach == SourceError.FATAL
    assert "ACCESS_TOKEN_SCOPE_INSUFFICIENT" in str(info.value)
    assert "spreadsheets.readonly" in str(info.value) and populated.count("batchGet") == 1


# --- 5. 403 has several meanings ------------------------------------------------------------------

def test_sheets_api_not_enabled_is_said_once_and_stops_reading(
        populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    config = _config(tmp_path)
    _sync(config, make_source)  # the registry is kept; both offices have good data
    for key in (DINKES_KEY, DISDIK_KEY):
        populated.touch(key)
    populated.fail("batchGet", 403, error=answers.sheets_api_disabled(), times=100)
    populated.requests.clear()
    result = _sync(config, make_source)
    assert _codes(result) == [("", "api_belum_aktif")]  # once, not per office
    (finding,) = result.report.findings
    assert "Google Sheets API belum diaktifkan di proyek Google Cloud 123456789012" in \
        finding.message and "sheets.googleapis.com" in finding.hint
    assert populated.sheets_kinds() == ["batchGet"]  # never retried, no office after it read
    assert _status(result) == {"DINKES": "ok", "DISDIK": "ok"}  # last good data kept
    assert result.fetched == []


def test_sheets_api_not_enabled_for_the_registry_ends_the_run(
        populated: FakeGoogle, make_source: MakeSource) -> None:
    populated.fail("batchGet", 403, error=answers.sheets_api_disabled(), times=100)
    with pytest.raises(SourceError) as info:
        make_source().read_registry()
    assert "not enabled in Google Cloud project 123456789012" in str(info.value)
    assert populated.count("batchGet") == 1


def test_drive_api_not_enabled_is_said_once_and_every_office_is_read(
        populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    populated.fail("drive_list", 403, error=answers.drive_api_disabled(), times=100)
    result = _sync(_config(tmp_path), make_source)
    assert _codes(result) == [("", "api_belum_aktif")]
    assert "Google Drive API" in result.report.findings[0].message
    assert populated.count("drive_list") == 1  # usageLimits domain, but not a rate limit
    assert sorted(result.fetched) == ["DINKES", "DISDIK"]


def test_a_plain_permission_denial_asks_to_share(populated: FakeGoogle,
                                                make_source: MakeSource) -> None:
    populated.fail("batchGet", 403, error=answers.permission_denied(), key=DINKES_KEY)
    with pytest.raises(SourceError) as info:
        make_source().read_office(DINKES)
    assert info.value.code == "tidak_dibagikan"


def test_drive_rate_limits_are_retried(populated: FakeGoogle, make_source: MakeSource,
                                       clock: FakeClock) -> None:
    populated.fail("drive_list", 403, error=answers.drive_rate_limited(), times=2)
    manifest = {"DINKES": ManifestEntry.model_validate(
        {"source_id": DINKES_KEY, "source_modified": populated.modified_iso(DINKES_KEY)})}
    assert make_source().changed_since([DINKES], manifest) == set()
    assert populated.count("drive_list") == 3 and len(clock.sleeps) == 2


# --- 6. Excel files in Drive ----------------------------------------------------------------------

def test_an_uploaded_excel_file_is_its_own_finding(populated: FakeGoogle,
                                                   make_source: MakeSource,
                                                   tmp_path: Path) -> None:
    populated.spreadsheets[DINKES_KEY].mime_type = XLSX_MIME
    result = _sync(_config(tmp_path), make_source)
    assert _codes(result) == [("DINKES", "bukan_google_sheets")]
    f = result.report.findings[0]
    assert "berkas Excel (.xlsx)" in f.message and "Simpan sebagai Google Spreadsheet" in f.hint
    assert populated.count("batchGet", key=DINKES_KEY) == 1  # not retried


# --- 7. time bounds -------------------------------------------------------------------------------

def test_429_retries_span_the_quota_minute(populated: FakeGoogle, make_source: MakeSource,
                                           clock: FakeClock) -> None:
    """[limits] "After 1 minute, you can execute requests again": the last retry waits for
    the window to pass, the first ones stay short."""
    populated.fail("batchGet", 429, times=4, key=DINKES_KEY)
    make_source(google_config(max_attempts=5)).read_office(DINKES)
    assert populated.count("batchGet") == 5
    assert clock.sleeps[0] < 2 and clock.sleeps[1] < 3 and clock.sleeps[2] < 5
    assert sum(clock.sleeps) >= 61


def test_the_run_deadline_keeps_the_remaining_offices_last_good_data(
        populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    config = _config(tmp_path, run_deadline_seconds=30)
    _sync(config, make_source)
    for key in (DINKES_KEY, DISDIK_KEY):
        populated.touch(key)
    populated.fail("batchGet", 429, headers={"Retry-After": "20"}, key=DINKES_KEY, times=100)
    result = _sync(config, make_source)
    assert _codes(result) == [("", "batas_waktu_habis")]
    assert "(30 detik)" in result.report.findings[0].message
    assert "2 kantor belum dibaca pada pembaruan ini: DINKES, DISDIK" in \
        result.report.findings[0].message
    assert _status(result) == {"DINKES": "ok", "DISDIK": "ok"} and result.fetched == []
    populated.failures.clear()  # next run: both are read (their new version was never seen)
    assert sorted(_sync(config, make_source).fetched) == ["DINKES", "DISDIK"]


def test_no_request_starts_after_the_run_deadline(populated: FakeGoogle, make_source: MakeSource,
                                                  clock: FakeClock) -> None:
    source = make_source(google_config(run_deadline_seconds=10))
    clock.now = 11
    with pytest.raises(SourceError) as info:
        source.read_office(DINKES)
    assert info.value.reach == SourceError.RUN
    assert info.value.code == "batas_waktu_habis" and populated.sheets_kinds() == []


# --- 8. listing -----------------------------------------------------------------------------------

def test_the_listing_leaves_out_trashed_files_and_sees_shared_drives(
        populated: FakeGoogle, make_source: MakeSource) -> None:
    populated.spreadsheets[DINKES_KEY].owned = True
    populated.spreadsheets[DINKES_KEY].trashed = True  # its owner still sees it without a filter
    disdik = populated.spreadsheets[DISDIK_KEY]
    disdik.drive_id, disdik.shared_directly = "SHARED-DRIVE", False  # reached as a member only
    manifest = {k: ManifestEntry.model_validate(
        {"source_id": key, "source_modified": populated.modified_iso(key)})
        for k, key in (("DINKES", DINKES_KEY), ("DISDIK", DISDIK_KEY))}
    source = make_source(google_config(folder_id=None))
    assert source.changed_since([DINKES, DISDIK], manifest) == {"DINKES"}
    (listing,) = [r for r in populated.requests if r.kind == "drive_list"]
    assert "trashed = false" in listing.query["q"][0]
    assert listing.query["corpora"] == ["allDrives"]
    assert listing.query["includeItemsFromAllDrives"] == ["true"]


# --- 9. write-back size ---------------------------------------------------------------------------

_STATE = OfficeState(kode="DINKES", tertahan=False, kalimat="Data kantor ini tampil.")
_HEAD = 9  # state, time, 2 counts, blank, counts per tab (header + Capaian), blank, header


def _many_findings(n: int) -> list:
    from sheets_sync.findings import Finding

    return [Finding.of("angka_tidak_valid", office="DINKES", tab="Capaian", row=i + 2, column="C",
                       header="target", value="sembilan puluh koma " + "lima " * 20)
            for i in range(n)]


def test_a_large_write_back_stays_under_2_mb_a_request(populated: FakeGoogle,
                                                       make_source: MakeSource) -> None:
    """[limits] "a 2-MB maximum payload is recommended": 5,000 findings (~3 MB in one body)."""
    source = make_source(google_config(write_back=True))
    source.write_back(DINKES, _many_findings(5000), NOW, state=_STATE)
    bodies = [r for r in populated.requests if r.kind == "batchUpdate"]
    assert len(bodies) >= 2 and all(r.size < 2_000_000 for r in bodies)
    assert sum(r.size for r in bodies) > 2_500_000
    sheet = populated.spreadsheets[DINKES_KEY].sheet("Validasi")
    assert sheet is not None and len(sheet.rows) == _HEAD + 5000
    assert sheet.rows[-1][3] == "C5001"


def test_a_retried_addsheet_that_was_applied_does_not_fail(populated: FakeGoogle,
                                                           make_source: MakeSource) -> None:
    populated.fail("batchUpdate", 503, mode="applied")  # made, but its answer lost
    source = make_source(google_config(write_back=True))
    source.write_back(DINKES, _many_findings(3), NOW, state=_STATE)
    assert populated.kinds() == ["metadata", "batchUpdate", "batchUpdate", "metadata",
                                 "batchUpdate"]
    sheets = populated.spreadsheets[DINKES_KEY].sheets
    assert [s.title for s in sheets].count("Validasi") == 1
    validasi = populated.spreadsheets[DINKES_KEY].sheet("Validasi")
    assert validasi is not None and len(validasi.rows) == _HEAD + 3


def test_registry_key_unknown_to_the_listing_is_still_read(populated: FakeGoogle,
                                                           make_source: MakeSource) -> None:
    populated.spreadsheets[REGISTRY_KEY].folder = "ELSEWHERE"
    assert make_source().read_registry()[0][0] == "kode"


# --- 10. the scheduled write-back (issue 16) ----------------------------------------------------

def test_the_sync_writes_a_validasi_tab_only_where_it_changed(populated: FakeGoogle,
                                                              make_source: MakeSource,
                                                              tmp_path: Path) -> None:
    """`source.write_back: true`: the sync writes each office's tab once (one metadata read and
    one batchUpdate), leaves it alone while it would say the same, writes a held-back office's
    state sentence, and does not try to write a sheet it could not read."""
    config = _config(tmp_path, write_back=True)
    populated.spreadsheets[DISDIK_KEY].sheet("Pegawai").rows[0][5] = "Rating Hasil Kerja"
    populated.spreadsheets[DISDIK_KEY].sheet("Pengaduan").rows[1][4] = serial(date(2025, 2, 1))
    first = _sync(config, make_source)
    writes = sorted(r.key for r in populated.requests if r.kind == "batchUpdate")
    assert writes == sorted([DINKES_KEY, DISDIK_KEY])
    assert populated.count("metadata") == 2
    tab = populated.spreadsheets[DISDIK_KEY].sheet("Validasi")
    assert tab is not None
    assert tab.rows[0] == ["Keadaan", first.report.states["DISDIK"].kalimat]
    assert tab.rows[0][1] == ("Kantor ini tertahan: belum ada data yang tampil karena tab "
                              "Pegawai: kolom 'hasil_kerja' tidak ditemukan.")
    assert [r[:4] for r in tab.rows[10:]] == [["kolom_hilang", "Kesalahan", "Pegawai", "F1"],
                                             ["urutan_tanggal", "Kesalahan", "Pengaduan", "E2"]]

    populated.requests.clear()
    _sync(config, make_source)  # both sheets were changed by our writes: read, not written
    assert populated.count("batchUpdate") == 0 and populated.count("batchGet") >= 2
    populated.requests.clear()
    _sync(config, make_source)  # nothing changed at all
    assert populated.count("batchUpdate") == 0 and populated.count("batchGet") == 0

    populated.spreadsheets[DINKES_KEY].shared = False
    populated.touch(DINKES_KEY)
    populated.requests.clear()
    result = _sync(config, make_source)
    assert ("DINKES", "tidak_dibagikan") in _codes(result)
    assert populated.count("batchUpdate") == 0  # an unreadable sheet is not written to
