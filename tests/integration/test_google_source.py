"""GoogleSource through an unmodified gspread over real HTTP to the loopback fake."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import google.oauth2.credentials
import gspread
import pandas as pd
import pytest
import requests
from openpyxl import Workbook

from sheets_sync.config import PortalConfig
from sheets_sync.errors import ConfigError, SourceError
from sheets_sync.findings import OfficeState
from sheets_sync.manifest import ManifestEntry
from sheets_sync.sources.base import OfficeRef
from sheets_sync.sources.google import READ_SCOPES, WRITE_SCOPES, GoogleSource, build_client
from sheets_sync.sources.workbook import WorkbookSource
from sheets_sync.validate import validate_office
from tests.integration.conftest import (
    DINKES,
    DINKES_KEY,
    DISDIK,
    DISDIK_KEY,
    REGISTRY_KEY,
    SA_EMAIL,
    TODAY,
    FakeClock,
    google_config,
    office_tabs,
    registry_tabs,
)
from tests.integration.fake_google import (
    DRIVE_HOST,
    SHEETS_HOST,
    FakeGoogle,
    LoopbackAdapter,
    NetworkEscape,
)

MakeSource = Callable[..., GoogleSource]
pytestmark = pytest.mark.usefixtures("google_session")


def _xlsx(path: Path, tabs: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in tabs.items():
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def _comparable(findings: list) -> list[tuple]:
    return sorted((f.tab, f.row, f.column, f.code, f.message) for f in findings)


# --- reading -------------------------------------------------------------------------------------

def test_office_read_is_one_batchget_and_validates_like_the_workbook_source(
        populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    source = make_source()
    raw = source.read_office(DINKES)

    # the run's one Drive listing (no changed_since before), then ONE batchGet
    assert populated.kinds() == ["drive_list", "batchGet"]
    req = populated.requests[1]
    assert req.key == DINKES_KEY
    assert req.query["ranges"] == ["'Indikator'", "'Capaian'", "'Pegawai'", "'Organisasi'",
                                   "'SKM'", "'Pengaduan'"]
    assert req.query["valueRenderOption"] == ["UNFORMATTED_VALUE"]
    assert req.query["dateTimeRenderOption"] == ["SERIAL_NUMBER"]
    assert req.query["majorDimension"] == ["ROWS"]
    assert raw.source_id == DINKES_KEY
    assert raw.modified is not None and raw.extra["source_stamp"].startswith(DINKES_KEY + "@")
    # serial dates stay numbers; blank rows keep their place
    assert raw.tabs["Pengaduan"][1][2] == 45691
    assert raw.tabs["Capaian"][2] == []

    # the same data as an .xlsx through the workbook source validates identically
    _xlsx(tmp_path / "dinkes.xlsx", office_tabs(dates="datetime"))
    wb_config = PortalConfig.model_validate(
        {"title": "t", "source": {"kind": "workbook", "path": tmp_path}})
    wb_source = WorkbookSource(wb_config)
    wb_raw = wb_source.read_office(OfficeRef("DINKES", "Dinas Kesehatan", "dinkes.xlsx"))
    g_data, g_findings = validate_office(raw, DINKES, today=TODAY)
    w_data, w_findings = validate_office(wb_raw, DINKES, today=TODAY)
    assert g_data is not None and w_data is not None
    assert _comparable(g_findings) == _comparable(w_findings)
    for tab, frame in w_data.frames.items():
        pd.testing.assert_frame_equal(g_data.frames[tab], frame, check_dtype=True, obj=tab)
    assert len(g_data.frames["pengaduan"]) == 2
    assert "nip" not in g_data.frames["pegawai"].columns


def test_registry_is_one_batchget_of_kantor(populated: FakeGoogle, make_source: MakeSource) -> None:
    url = f"https://docs.google.com/spreadsheets/d/{REGISTRY_KEY}/edit#gid=0"
    grid = make_source(google_config(registry=url)).read_registry()
    assert grid == [[c for c in row] for row in registry_tabs()["Kantor"][:2]] + [
        ["DISDIK", "Dinas Pendidikan", "Pendidikan", DISDIK_KEY]]
    assert populated.kinds() == ["drive_list", "batchGet"]  # the run's listing comes first
    assert populated.requests[1].query["ranges"] == ["'Kantor'"]


def test_an_unchanged_registry_costs_no_sheets_read(populated: FakeGoogle,
                                                     make_source: MakeSource,
                                                     tmp_path: Path) -> None:
    """PRODUCT.md §10: a sync makes 1 change listing + 1 read per changed spreadsheet; the
    registry is a spreadsheet too, kept with its Drive version in the state folder."""
    config = google_config()
    config.state_dir = tmp_path / "state"
    first = make_source(config).read_registry()
    kept = tmp_path / "state" / "daftar-kantor.json"
    assert kept.is_file()
    populated.requests.clear()
    assert make_source(config).read_registry() == first
    assert populated.kinds() == ["drive_list"]

    populated.spreadsheets[REGISTRY_KEY].sheets[0].rows.append(
        ["DINSOS", "Dinas Sosial", "Sosial", "1DinsosKeyAbcdefghijklmnopqrstuvwxyz012345678"])
    populated.touch(REGISTRY_KEY)  # edited: a new modifiedTime in the listing
    populated.requests.clear()
    second = make_source(config).read_registry()
    assert populated.kinds() == ["drive_list", "batchGet"]
    assert second[-1][0] == "DINSOS" and len(second) == len(first) + 1

    kept.write_text("{not json", encoding="utf-8")  # a damaged copy is read again, not trusted
    populated.requests.clear()
    assert make_source(config).read_registry() == second
    assert populated.kinds() == ["drive_list", "batchGet"]

    populated.spreadsheets[REGISTRY_KEY].folder = "OTHER"  # not in the listed folder: read
    populated.requests.clear()
    assert make_source(config).read_registry() == second
    assert populated.kinds() == ["drive_list", "batchGet"]
    assert not kept.exists()  # no version known: nothing kept


def test_registry_without_kantor_tab_is_a_clear_error(fake_google: FakeGoogle,
                                                      make_source: MakeSource) -> None:
    fake_google.add_spreadsheet(REGISTRY_KEY, {"Daftar": [["kode"]]})
    with pytest.raises(SourceError) as info:
        make_source().read_registry()
    assert "no tab 'Kantor'" in str(info.value) and "Daftar" in str(info.value)
    assert fake_google.kinds() == ["drive_list", "batchGet", "metadata"]


def test_renamed_tab_is_reported_as_tab_hilang_with_the_closest_title(
        populated: FakeGoogle, make_source: MakeSource) -> None:
    sheets = {s.title: s for s in populated.spreadsheets[DINKES_KEY].sheets}
    sheets["Indikator"].title = "Indikator Kinerja"
    sheets["Capaian"].title = "capaian"  # case differs: still the Capaian tab
    raw = make_source().read_office(DINKES)

    assert populated.sheets_kinds() == ["batchGet", "metadata", "batchGet"]
    assert "Indikator" not in raw.tabs
    assert set(raw.tabs) == {"Indikator Kinerja", "capaian", "Pegawai", "Organisasi", "SKM",
                             "Pengaduan"}
    data, findings = validate_office(raw, DINKES, today=TODAY)
    assert data is None
    missing = [f for f in findings if f.code == "tab_hilang"]
    assert [(f.tab, f.structural) for f in missing] == [("Indikator", True)]
    assert "Indikator Kinerja" in missing[0].message
    assert not [f for f in findings if f.tab.lower() == "capaian" and f.structural]


# --- change detection ----------------------------------------------------------------------------

def test_unchanged_spreadsheets_are_not_downloaded(populated: FakeGoogle,
                                                   make_source: MakeSource) -> None:
    first = make_source()
    assert first.changed_since([DINKES, DISDIK], {}) == {"DINKES", "DISDIK"}
    raws = {o.kode: first.read_office(o) for o in (DINKES, DISDIK)}
    # what the snapshot store records (SnapshotStore.save / record_failure)
    manifest = {k: ManifestEntry(source_id=r.source_id, source_modified=r.modified,
                                 seen_stamp=r.extra["source_stamp"]) for k, r in raws.items()}
    populated.requests.clear()

    second = make_source()
    assert second.changed_since([DINKES, DISDIK], manifest) == set()
    assert populated.kinds() == ["drive_list"]
    list_query = populated.requests[0].query
    assert 'parents in "FOLDER"' in list_query["q"][0]

    populated.touch(DISDIK_KEY)
    populated.requests.clear()
    third = make_source()
    assert third.changed_since([DINKES, DISDIK], manifest) == {"DISDIK"}
    assert third.changed_since([DINKES, DISDIK], manifest) == {"DISDIK"}  # listing cached
    assert populated.kinds() == ["drive_list"]


def test_manifest_without_stamp_and_files_outside_the_listing(populated: FakeGoogle,
                                                              make_source: MakeSource) -> None:
    manifest = {
        "DINKES": ManifestEntry.model_validate(
            {"source_id": DINKES_KEY, "source_modified": populated.modified_iso(DINKES_KEY)}),
        "DISDIK": ManifestEntry(source_id=DISDIK_KEY, seen_stamp=None),  # last attempt failed
    }
    assert make_source().changed_since([DINKES, DISDIK], manifest) == {"DISDIK"}
    populated.spreadsheets[DINKES_KEY].folder = "OTHER"  # not visible in the folder listing
    assert make_source().changed_since([DINKES], manifest) == {"DINKES"}


def test_drive_listing_follows_pages(fake_google: FakeGoogle, make_source: MakeSource) -> None:
    offices = []
    for i in range(5):
        key = f"1Office{i}KeyAbcdefghijklmnopqrstuvwxyz0123456"
        fake_google.add_spreadsheet(key, office_tabs())
        offices.append(OfficeRef(f"K{i}", f"Kantor {i}", key))
    fake_google.drive_page_size = 2
    manifest = {o.kode: ManifestEntry.model_validate(
        {"source_id": o.sumber, "source_modified": fake_google.modified_iso(o.sumber)})
        for o in offices}
    assert make_source().changed_since(offices, manifest) == set()
    assert fake_google.kinds() == ["drive_list"] * 3
    assert [r.query.get("pageToken") for r in fake_google.requests] == [None, ["2"], ["4"]]


def test_failed_listing_reads_every_office(populated: FakeGoogle, make_source: MakeSource) -> None:
    populated.fail("drive_list", 403, error={"code": 403, "message": "Insufficient Permission",
                                            "errors": [{"domain": "global",
                                                        "reason": "insufficientPermissions"}]})
    assert make_source().changed_since([DINKES, DISDIK], {}) == {"DINKES", "DISDIK"}
    assert populated.kinds() == ["drive_list"]


# --- retries, limits, timeouts -------------------------------------------------------------------

def test_429_then_success_backs_off(populated: FakeGoogle, make_source: MakeSource,
                                    clock: FakeClock) -> None:
    populated.fail("batchGet", 429, times=2, key=DINKES_KEY)
    raw = make_source().read_office(DINKES)
    assert "Indikator" in raw.tabs
    assert populated.sheets_kinds() == ["batchGet"] * 3
    assert len(clock.sleeps) == 2
    assert 1 <= clock.sleeps[0] < 2 and 2 <= clock.sleeps[1] < 3  # 2^n + jitter in [0, 1)
    assert raw.extra["requests"] == 3


def test_retry_after_is_honoured(populated: FakeGoogle, make_source: MakeSource,
                                 clock: FakeClock) -> None:
    populated.fail("batchGet", 429, key=DINKES_KEY, headers={"Retry-After": "7"})
    make_source().read_office(DINKES)
    assert clock.sleeps == [7.0]


def test_persistent_5xx_gives_up_after_max_attempts(populated: FakeGoogle, make_source: MakeSource,
                                                    clock: FakeClock) -> None:
    populated.fail("batchGet", 503, times=100)
    source = make_source(google_config(max_attempts=4, max_retry_seconds=120))
    with pytest.raises(SourceError) as info:
        source.read_office(DINKES)
    assert info.value.code == "sumber_gagal"
    assert "after 4 attempt" in str(info.value) and "HTTP 503" in str(info.value)
    assert populated.count("batchGet") == 4
    assert len(clock.sleeps) == 3 and clock.now == sum(clock.sleeps) < 1 + 2 + 4 + 3


def test_persistent_5xx_gives_up_within_the_time_bound(populated: FakeGoogle,
                                                       make_source: MakeSource,
                                                       clock: FakeClock) -> None:
    populated.fail("batchGet", 500, times=100)
    source = make_source(google_config(max_attempts=10, max_retry_seconds=20))
    with pytest.raises(SourceError):
        source.read_office(DINKES)
    assert clock.now <= 20
    # sleeps ~1, 2, 4, 8 = 15 s; the next one (16 s) would pass 20 s, so it stops
    assert populated.count("batchGet") == 5
    assert all(s <= 32 for s in clock.sleeps)


def test_drive_usage_limit_403_is_retried(populated: FakeGoogle, make_source: MakeSource,
                                          clock: FakeClock) -> None:
    populated.fail("drive_list", 403, error={
        "code": 403, "message": "User Rate Limit Exceeded",
        "errors": [{"domain": "usageLimits", "reason": "userRateLimitExceeded"}]})
    manifest = {"DINKES": ManifestEntry.model_validate(
        {"source_id": DINKES_KEY, "source_modified": populated.modified_iso(DINKES_KEY)})}
    assert make_source().changed_since([DINKES], manifest) == set()
    assert populated.kinds() == ["drive_list", "drive_list"] and len(clock.sleeps) == 1


class _FlakyLoopback(LoopbackAdapter):
    """Times out the first `n` requests, records the timeout each request was sent with."""

    def __init__(self, base_url: str, n: int) -> None:
        super().__init__(base_url)
        self.n = n
        self.timeouts: list[object] = []

    def send(self, request, **kw):  # type: ignore[no-untyped-def, override]
        self.timeouts.append(kw.get("timeout"))
        if self.n > 0:
            self.n -= 1
            raise requests.exceptions.ReadTimeout("simulated read timeout")
        return super().send(request, **kw)


def test_timeouts_are_set_and_retried(populated: FakeGoogle, make_source: MakeSource,
                                      google_session: requests.Session, clock: FakeClock) -> None:
    flaky = _FlakyLoopback(populated.base_url, 1)
    google_session.mount(f"https://{SHEETS_HOST}/", flaky)
    make_source(google_config(timeout_seconds=45)).read_office(DINKES)
    assert len(flaky.timeouts) == 2 and len(clock.sleeps) == 1
    assert all(t == (10.0, 45.0) for t in flaky.timeouts)


def test_rate_limiter_keeps_reads_under_the_quota(populated: FakeGoogle, make_source: MakeSource,
                                                  clock: FakeClock) -> None:
    source = make_source(google_config(max_reads_per_minute=2))
    for office in (DINKES, DISDIK, DINKES, DISDIK, DINKES):
        source.read_office(office)
    # reads 1-2 at t=0, 3-4 at t=60, 5 at t=120: never more than 2 in any minute
    assert clock.sleeps == [60.0, 60.0]
    assert source.stats == {"read": 5, "drive": 1}


# --- clear errors --------------------------------------------------------------------------------

def test_not_shared_names_the_service_account(populated: FakeGoogle,
                                              make_source: MakeSource) -> None:
    populated.spreadsheets[DINKES_KEY].shared = False
    with pytest.raises(SourceError) as info:
        make_source().read_office(DINKES)
    err = info.value
    assert err.code == "tidak_dibagikan"
    assert str(err) == f"spreadsheet Dinas Kesehatan (DINKES) is not shared with {SA_EMAIL}"
    assert SA_EMAIL in err.message_id and "Bagikan" in err.message_id  # type: ignore[attr-defined]
    assert populated.sheets_kinds() == ["batchGet"]  # 403 is not retried


def test_wrong_key_is_a_clear_error(populated: FakeGoogle, make_source: MakeSource) -> None:
    wrong = OfficeRef("DINKES", "Dinas Kesehatan", "1WrongKeyAbcdefghijklmnopqrstuvwxyz0123456789")
    with pytest.raises(SourceError) as info:
        make_source().read_office(wrong)
    assert info.value.code == "sumber_salah"
    assert str(info.value) == "the key in `sumber` for DINKES is wrong (spreadsheet not found)"
    assert "tidak ditemukan" in info.value.message_id  # type: ignore[attr-defined]
    assert populated.sheets_kinds() == ["batchGet"]


def test_sumber_without_a_key_makes_no_request(populated: FakeGoogle,
                                               make_source: MakeSource) -> None:
    with pytest.raises(SourceError) as info:
        make_source().read_office(OfficeRef("DINKES", "Dinas Kesehatan", "dinkes.xlsx"))
    assert info.value.code == "sumber_salah" and populated.kinds() == []


# --- write-back ----------------------------------------------------------------------------------

def _broken_findings(populated: FakeGoogle, source: GoogleSource) -> list:
    sheet = populated.spreadsheets[DINKES_KEY].sheet("Capaian")
    assert sheet is not None
    sheet.rows[1][2] = "sembilan puluh"  # target not a number (C2)
    raw = source.read_office(DINKES)
    _, findings = validate_office(raw, DINKES, today=TODAY,
                                  link=lambda tab, cell: source.cell_link(DINKES, tab, cell))
    return findings


HELD = OfficeState(kode="DINKES", tertahan=False, kalimat="Data kantor ini tampil (data per "
                   "24 November 2026), kecuali 1 baris berisi kesalahan: baris itu belum tampil "
                   "sampai diperbaiki.")
CLEAN = OfficeState(kode="DINKES", tertahan=False,
                    kalimat="Data kantor ini tampil seluruhnya (data per 24 November 2026).")


def test_write_back_creates_validasi_tab_with_one_row_per_finding(
        populated: FakeGoogle, make_source: MakeSource) -> None:
    source = make_source(google_config(write_back=True))
    findings = _broken_findings(populated, source)
    assert [(f.tab, f.cell, f.code) for f in findings] == [("Capaian", "C2", "angka_tidak_valid")]
    populated.requests.clear()
    checked = datetime(2026, 11, 24, 6, 30, tzinfo=UTC)

    source.write_back(DINKES, findings, checked, state=HELD)

    assert populated.kinds() == ["metadata", "batchUpdate"]
    body = populated.requests[1].body
    kinds = [next(iter(r)) for r in body["requests"]]
    assert kinds == ["addSheet", "updateCells"]
    sheet = populated.spreadsheets[DINKES_KEY].sheet("Validasi")
    assert sheet is not None
    capaian = populated.spreadsheets[DINKES_KEY].sheet("Capaian")
    assert capaian is not None
    capaian_gid = capaian.sheet_id
    assert sheet.rows[:4] == [["Keadaan", HELD.kalimat],
                              ["Diperiksa pada", "2026-11-24 06:30 UTC"], ["Kesalahan", 1],
                              ["Peringatan", 0]]
    assert sheet.rows[5:7] == [["Tab", "Kesalahan", "Peringatan"], ["Capaian", 1, 0]]
    assert sheet.rows[8] == ["Kode temuan", "Tingkat", "Tab", "Sel", "Kolom", "Nilai", "Pesan",
                             "Cara memperbaiki", "Tautan"]
    row = sheet.rows[9]
    assert row[:6] == ["angka_tidak_valid", "Kesalahan", "Capaian", "C2", "target",
                       "sembilan puluh"]
    assert row[6] == findings[0].message and row[7] == findings[0].hint
    link = (f"https://docs.google.com/spreadsheets/d/{DINKES_KEY}/edit"
            f"#gid={capaian_gid}&range=C2")
    assert row[8] == f'=HYPERLINK("{link}")'
    assert len(sheet.rows) == 10
    # sheet text is written as typed strings, never parsed as formulas
    assert sheet.cells[(9, 6)]["userEnteredValue"] == {"stringValue": findings[0].message}
    # metadata fetched for the write-back now gives gid links
    assert source.cell_link(DINKES, "Capaian", "C2") == link

    # clean run: the tab exists, is cleared and says so; metadata is cached (1 request)
    populated.requests.clear()
    source.write_back(DINKES, [], checked, state=CLEAN)
    assert populated.kinds() == ["batchUpdate"]
    kinds = [next(iter(r)) for r in populated.requests[0].body["requests"]]
    assert kinds == ["updateCells", "updateCells"]
    assert sheet.rows == [["Keadaan", CLEAN.kalimat], ["Diperiksa pada", "2026-11-24 06:30 UTC"],
                          ["Kesalahan", 0], ["Peringatan", 0], [], ["Tidak ada temuan"]]


def test_write_back_into_existing_tab_of_a_fresh_run(populated: FakeGoogle,
                                                     make_source: MakeSource) -> None:
    populated.spreadsheets[DINKES_KEY].sheets.append(
        populated.spreadsheets[DINKES_KEY].sheets[0].__class__(77, "Validasi", [["lama"]] * 30))
    source = make_source(google_config(write_back=True))
    source.write_back(DINKES, [], datetime(2026, 11, 24, 6, 30), state=CLEAN)
    assert populated.kinds() == ["metadata", "batchUpdate"]
    validasi = populated.spreadsheets[DINKES_KEY].sheet("Validasi")
    assert validasi is not None
    assert validasi.rows[-1] == ["Tidak ada temuan"] and len(validasi.rows) == 6


def test_write_back_is_opt_in(populated: FakeGoogle, make_source: MakeSource) -> None:
    with pytest.raises(ConfigError):
        make_source().write_back(DINKES, [], datetime(2026, 11, 24), state=CLEAN)
    assert populated.kinds() == []


def test_cell_link_without_metadata_uses_the_range_form(populated: FakeGoogle,
                                                        make_source: MakeSource) -> None:
    link = make_source().cell_link(DINKES, "Capaian", "C2")
    assert link == (f"https://docs.google.com/spreadsheets/d/{DINKES_KEY}/edit"
                    "#range=%27Capaian%27!C2")
    assert populated.kinds() == []


# --- logs, auth wiring, isolation ----------------------------------------------------------------

def test_logs_are_single_structured_lines_without_cell_values(
        populated: FakeGoogle, make_source: MakeSource, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="kinerja.google")
    source = make_source()
    source.changed_since([DINKES], {})
    source.read_office(DINKES)
    lines = [r.getMessage() for r in caplog.records]
    assert "kinerja source=google office=DINKES action=fetch status=ok requests=1 tabs=6" in lines
    assert all("\n" not in line for line in lines)
    text = caplog.text
    for value in ("Persentase ibu hamil", "Budi Santoso", "198503122010011002", "LAPOR-001"):
        assert value not in text


def test_progress_lines_on_a_terminal(populated: FakeGoogle, make_source: MakeSource,
                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="kinerja.google")
    source = make_source(progress=True)
    source.changed_since([DINKES, DISDIK], {})
    source.read_office(DINKES)
    assert any("[1/2] DINKES" in r.getMessage() for r in caplog.records)


def test_production_client_wiring_with_bearer_token(populated: FakeGoogle,
                                                    clock: FakeClock) -> None:
    gc = gspread.authorize(google.oauth2.credentials.Credentials(token="test-token"))
    for host in (SHEETS_HOST, DRIVE_HOST):
        gc.http_client.session.mount(f"https://{host}/", LoopbackAdapter(populated.base_url))
    source = GoogleSource(google_config(), client=gc, sleep=clock.sleep, clock=clock,
                          progress=False)
    source.changed_since([DINKES], {})
    source.read_office(DINKES)
    assert [r.headers.get("authorization") for r in populated.requests] == ["Bearer test-token"] * 2
    gc.http_client.session.close()


def test_scopes_are_minimal(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []

    def fake_default(scopes):  # type: ignore[no-untyped-def]
        seen.append(tuple(scopes))
        return google.oauth2.credentials.Credentials(token="t"), None

    monkeypatch.setattr("google.auth.default", fake_default)
    build_client(google_config())
    build_client(google_config(write_back=True))
    assert seen == [READ_SCOPES, WRITE_SCOPES]
    assert not any(s.endswith("/drive") or s.endswith("/drive.readonly") for s in READ_SCOPES)


def test_key_file_named_by_the_configured_env_var(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "user.json"
    key.write_text('{"type": "authorized_user", "client_id": "cid", "client_secret": "s3cr3t", '
                   '"refresh_token": "r3fr3sh"}')
    monkeypatch.setenv("KINERJA_GOOGLE_KEY", str(key))
    gc = build_client(google_config(credentials_env="KINERJA_GOOGLE_KEY"))
    assert gc.http_client.auth.client_id == "cid"  # type: ignore[attr-defined]
    out = capsys.readouterr()
    assert "s3cr3t" not in out.out + out.err and "r3fr3sh" not in out.out + out.err


def test_the_catch_all_adapter_blocks_other_hosts(google_session: requests.Session) -> None:
    with pytest.raises(NetworkEscape):
        google_session.get("https://oauth2.googleapis.com/token")
    google_session.blocker.blocked.clear()  # type: ignore[attr-defined]


def _service_account_info() -> dict[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    return {"type": "service_account", "project_id": "pemkab", "private_key_id": "k1",
            "private_key": pem, "client_email": SA_EMAIL, "client_id": "1",
            "token_uri": "https://oauth2.googleapis.com/token"}


def _workload_identity_info(tmp_path: Path) -> dict[str, object]:
    token = tmp_path / "oidc-token"
    token.write_text("header.payload.signature")
    return {"type": "external_account",
            "audience": "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/"
                        "github/providers/github",
            "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
            "token_url": "https://sts.googleapis.com/v1/token",
            "service_account_impersonation_url":
                "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/"
                f"{SA_EMAIL}:generateAccessToken",
            "credential_source": {"file": str(token)}}


@pytest.mark.parametrize("kind", ["service_account", "external_account"])
def test_service_account_email_comes_from_the_credentials(
        kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    import json

    info = (_service_account_info() if kind == "service_account"
            else _workload_identity_info(tmp_path))
    path = tmp_path / "cred.json"
    path.write_text(json.dumps(info))
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(path))
    caplog.set_level(logging.DEBUG)
    source = GoogleSource(google_config(), sleep=clock.sleep, clock=clock, progress=False)
    assert source.email == SA_EMAIL  # no request made: the email is in the credentials
    out = capsys.readouterr()
    secret = str(info["private_key"])[40:80] if kind == "service_account" else "payload"
    assert secret not in out.out + out.err + caplog.text
    source.client.http_client.session.close()


def test_unusable_credentials_give_a_one_line_error(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cred.json"
    path.write_text('{"type": "something_else", "secret": "do-not-print"}')
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(path))
    with pytest.raises(SourceError) as info:
        build_client(google_config())
    assert "do-not-print" not in str(info.value) and "\n" not in str(info.value)


# --- with the lead's pipeline --------------------------------------------------------------------

def test_pipeline_sync_skips_unchanged_sheets_on_the_next_run(
        populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    from sheets_sync.sync import sync

    config = google_config()
    config.state_dir = tmp_path / "state"
    now = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    first = sync(config, now=now, source=make_source(config))
    assert sorted(first.fetched) == ["DINKES", "DISDIK"]
    assert not first.report.has_errors, first.report.to_text()
    assert populated.count("batchGet") == 3  # registry + 2 offices

    populated.requests.clear()
    second = sync(config, now=now, source=make_source(config))
    assert second.fetched == []
    assert populated.kinds() == ["drive_list"]  # the change listing only (PRODUCT.md §10)
    assert set(second.data.data) == {"DINKES", "DISDIK"}

    populated.touch(DISDIK_KEY)
    populated.requests.clear()
    third = sync(config, now=now, source=make_source(config))
    assert third.fetched == ["DISDIK"]
    assert populated.kinds() == ["drive_list", "batchGet"]


def test_pipeline_keeps_last_good_data_when_a_sheet_is_unshared(
        populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    from sheets_sync.sync import sync

    config = google_config()
    config.state_dir = tmp_path / "state"
    now = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    sync(config, now=now, source=make_source(config))
    populated.spreadsheets[DINKES_KEY].shared = False  # drops out of the listing too
    result = sync(config, now=now, source=make_source(config))
    assert result.fetched == ["DINKES"]
    assert result.data.status["DINKES"].status == "stale"
    assert result.data.status["DISDIK"].status == "ok"
    assert [(f.office, f.code) for f in result.report.findings] == [("DINKES", "tidak_dibagikan")]
    assert SA_EMAIL in result.report.findings[0].message


def test_a_non_json_answer_is_a_source_error(populated: FakeGoogle,
                                             make_source: MakeSource) -> None:
    populated.fail("batchGet", 200, text="<html>proxy login</html>")
    with pytest.raises(SourceError) as info:
        make_source().read_office(DINKES)
    assert info.value.code == "sumber_gagal" and "unexpected answer" in str(info.value)
