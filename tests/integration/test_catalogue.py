"""Contract: every kind in the findings catalogue is raised by a fixture. Each fixture breaks one
thing in a clean portal held by the loopback Google fake (a cell, a tab, the registry, the
sharing, the service), runs the whole check (sync + validation + compute, through an unmodified
gspread) and finds that kind's code for the expected office, with the catalogue's severity and
its texts filled in. What only a local workbook can hold (a formula without its saved result, a
password) is broken in the same portal written as .xlsx files and checked with the workbook
source; what only a build meets (a last good snapshot compute cannot hold) runs a build."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheets_sync.config import PortalConfig
from sheets_sync.findings import KINDS, Report
from sheets_sync.portal_data import DataStatus, PortalData
from sheets_sync.snapshots import SnapshotStore
from sheets_sync.sources.base import OfficeRef, RawWorkbook
from sheets_sync.sources.google import GoogleSource
from sheets_sync.sync import sync
from sheets_sync.validate import validate_office
from site_builder import pipeline
from tests.integration import google_answers as answers
from tests.integration.conftest import (
    DINKES_KEY,
    DISDIK_KEY,
    REGISTRY_KEY,
    office_tabs,
    registry_tabs,
    serial,
)
from tests.integration.fake_google import XLSX_MIME, FakeGoogle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

Tabs = dict[str, list[list[Any]]]
NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("google_session")


def clean_office() -> Tabs:
    """`office_tabs` with one employee rated below expectations, so that the predikat
    distribution keeps the kurva of an office rated Baik: no finding at all."""
    tabs = office_tabs()
    tabs["Pegawai"][2][5] = "Di Bawah Ekspektasi"
    return tabs


@dataclass(frozen=True)
class Breakage:
    office: str  # where the finding is expected ("" = the registry, or the run as a whole)
    tabs: Callable[[Tabs], object] | None = None  # changes DINKES's spreadsheet
    registry: Callable[[Tabs], object] | None = None  # changes the registry spreadsheet
    fake: Callable[[FakeGoogle], object] | None = None  # changes how Google answers
    source: dict[str, Any] = field(default_factory=dict)  # source settings of portal.yml
    workbook: Callable[[Path], object] | None = None  # changes DINKES's .xlsx (workbook source)
    snapshot: Callable[[Tabs], object] | None = None  # DINKES's last good data, as an earlier
    # version stored it (the office's sheet then fails to read, and a build uses it)
    sync: bool = False  # run the sync that keeps the state (where the Validasi tabs are written)


def _formula_without_value(path: Path) -> None:
    """A script's workbook: the target of Capaian row 2 is a formula, its result never saved."""
    wb = openpyxl.load_workbook(path)
    wb["Capaian"]["C2"] = "=45+45"
    wb.save(path)


def _password(path: Path) -> None:
    shutil.copy(FIXTURES / "terkunci.xlsx", path)  # see tests/staging/test_workbook_cells.py


def _set(tab: str, row: int, col: int, value: object) -> Callable[[Tabs], object]:
    """Sheet row `row` (1 = header), column `col` (0 = A) of `tab` becomes `value`."""
    def change(tabs: Tabs) -> None:
        tabs[tab][row - 1][col] = value
    return change


BREAKAGES: dict[str, Breakage] = {
    # the source of a whole office
    "sumber_gagal": Breakage("DINKES", fake=lambda g: g.fail("batchGet", 503, times=100,
                                                              key=DINKES_KEY)),
    "tidak_dibagikan": Breakage("DINKES", fake=lambda g: setattr(
        g.spreadsheets[DINKES_KEY], "shared", False)),
    "sumber_salah": Breakage("DINKES", registry=_set(
        "Kantor", 2, 3, "1WrongKeyAbcdefghijklmnopqrstuvwxyz0123456789")),
    # the shape of a tab
    "tab_hilang": Breakage("DINKES", tabs=lambda t: t.pop("Pengaduan")),
    "kolom_hilang": Breakage("DINKES", tabs=_set("Capaian", 1, 2, "targett")),
    "kolom_ganda": Breakage("DINKES", tabs=lambda t: t["Capaian"][0].append("Target")),
    # one cell
    "wajib_diisi": Breakage("DINKES", tabs=_set("Capaian", 2, 1, None)),
    "angka_tidak_valid": Breakage("DINKES", tabs=_set("Capaian", 2, 2, "sembilan puluh")),
    "angka_ambigu": Breakage("DINKES", tabs=_set("Capaian", 2, 3, "12.500")),
    "bilangan_bulat": Breakage("DINKES", tabs=_set("SKM", 2, 2, 2.5)),
    "di_luar_rentang": Breakage("DINKES", tabs=_set("SKM", 2, 2, 5)),
    "pilihan_tidak_valid": Breakage("DINKES", tabs=_set("Indikator", 2, 4, "menurun")),
    "periode_tidak_valid": Breakage("DINKES", tabs=_set("Capaian", 2, 1, "2025-TW5")),
    "tanggal_tidak_valid": Breakage("DINKES", tabs=_set("Pengaduan", 2, 2, "kemarin")),
    "tanggal_masa_depan": Breakage("DINKES", tabs=_set("Pengaduan", 3, 2,
                                                       serial(date(2027, 1, 4)))),
    "urutan_tanggal": Breakage("DINKES", tabs=_set("Pengaduan", 2, 3, serial(date(2025, 2, 1)))),
    "kode_tidak_valid": Breakage("", registry=_set("Kantor", 3, 0, "disdik")),
    "url_tidak_aman": Breakage("", registry=_set("Kantor", 2, 5, "http://dinkes.example.go.id")),
    "nip_tidak_valid": Breakage("DINKES", tabs=_set("Pegawai", 2, 0, "3201234567890001")),
    "nip_meragukan": Breakage("DINKES", tabs=_set("Pegawai", 2, 0, "198503121990011002")),
    # across rows and tabs
    "duplikat": Breakage("DINKES", tabs=_set("Capaian", 5, 0, "IKU-01")),  # as row 2
    "indikator_tidak_dikenal": Breakage("DINKES", tabs=_set("Capaian", 2, 0, "IKU-99")),
    "target_nol": Breakage("DINKES", tabs=_set("Capaian", 2, 2, 0)),
    # computed
    "kurva_distribusi": Breakage("DINKES", tabs=_set("Pegawai", 3, 5, "Sesuai Ekspektasi")),
    # issue 12: what a sheet or Google really sends
    "angka_terlalu_besar": Breakage("DINKES", tabs=_set("Capaian", 2, 2, 1e30)),
    "angka_terlalu_kecil": Breakage("DINKES", tabs=_set("Capaian", 2, 2, 1e-30)),
    "nilai_galat": Breakage("DINKES", tabs=_set("Capaian", 2, 3, "#REF!")),
    "karakter_tersembunyi": Breakage("DINKES", tabs=_set("Indikator", 2, 1,
                                                         "Persentase \u202eibu hamil")),
    "rumus_tanpa_nilai": Breakage("DINKES", workbook=_formula_without_value),
    "berkas_terkunci": Breakage("DINKES", workbook=_password),
    "bukan_google_sheets": Breakage("DINKES", fake=lambda g: setattr(
        g.spreadsheets[DINKES_KEY], "mime_type", XLSX_MIME)),
    "api_belum_aktif": Breakage("", fake=lambda g: g.fail(
        "drive_list", 403, error=answers.drive_api_disabled(), times=100)),
    "batas_waktu_habis": Breakage("", source={"run_deadline_seconds": 30}, fake=lambda g: g.fail(
        "batchGet", 429, headers={"Retry-After": "20"}, key=DINKES_KEY, times=100)),
    # issue 16: the scheduled write-back of the Validasi tab, with a Viewer share only
    "validasi_tidak_tertulis": Breakage(
        "DINKES", source={"write_back": True}, sync=True, fake=lambda g: g.fail(
            "batchUpdate", 403, error=answers.permission_denied(), key=DINKES_KEY, times=100)),
    "perhitungan_gagal": Breakage("DINKES", snapshot=_set("Capaian", 2, 2, 1e28), fake=lambda g:
                                  g.fail("batchGet", 503, key=DINKES_KEY, times=100)),
}


def check(fake: FakeGoogle, make_source: Callable[..., GoogleSource], tmp_path: Path,
          breakage: Breakage | None = None) -> tuple[Report, PortalData]:
    breakage = breakage or Breakage("")
    registry, dinkes = registry_tabs(), clean_office()
    if breakage.registry is not None:
        breakage.registry(registry)
    if breakage.tabs is not None:
        breakage.tabs(dinkes)
    if breakage.workbook is not None:
        return _check_workbooks(tmp_path, registry, dinkes, breakage.workbook)
    fake.add_spreadsheet(REGISTRY_KEY, registry, title="Daftar Kantor")
    fake.add_spreadsheet(DINKES_KEY, dinkes, title="Kinerja Dinkes")
    fake.add_spreadsheet(DISDIK_KEY, clean_office(), title="Kinerja Disdik")
    if breakage.fake is not None:
        breakage.fake(fake)
    settings = {"kind": "google", "registry": REGISTRY_KEY, "folder_id": "FOLDER",
                **breakage.source}
    config = PortalConfig.model_validate({"title": "Portal Uji", "source": settings,
                                          "state_dir": str(tmp_path / "state")})
    source = make_source(config)
    if breakage.snapshot is not None:
        return _build_with_snapshot(config, source, breakage.snapshot)
    if breakage.sync:
        synced = sync(config, now=NOW, source=source)
        return synced.report, synced.data
    return pipeline.check(source.config, now=NOW, source=source)


def _check_workbooks(tmp_path: Path, registry: Tabs, dinkes: Tabs,
                     change: Callable[[Path], object]) -> tuple[Report, PortalData]:
    """The same portal as local workbooks: kantor.xlsx and one .xlsx per office."""
    folder = tmp_path / "data"
    folder.mkdir()
    files = {DINKES_KEY: "dinkes.xlsx", DISDIK_KEY: "disdik.xlsx"}
    for row in registry["Kantor"][1:]:
        row[3] = next(name for key, name in files.items() if key in str(row[3]))
    for name, tabs in (("kantor.xlsx", registry), ("dinkes.xlsx", dinkes),
                       ("disdik.xlsx", clean_office())):
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, rows in tabs.items():
            ws = wb.create_sheet(title)
            for r in rows:
                ws.append(list(r))
        wb.save(folder / name)
    change(folder / "dinkes.xlsx")
    config = PortalConfig.model_validate({"title": "Portal Uji", "state_dir": str(tmp_path / "s"),
                                          "source": {"kind": "workbook", "path": str(folder)}})
    return pipeline.check(config, now=NOW)


def _build_with_snapshot(config: PortalConfig, source: GoogleSource,
                         change: Callable[[Tabs], object]) -> tuple[Report, PortalData]:
    """A build whose DINKES sheet fails to read, so its last good data is used: data an earlier
    version validated and stored, which compute cannot hold (issue 12: every build failed)."""
    tabs = clean_office()
    ref = OfficeRef("DINKES", "Dinas Kesehatan", DINKES_KEY)
    data, _ = validate_office(RawWorkbook(tabs, DINKES_KEY), ref, today=NOW.date())
    assert data is not None
    old = clean_office()
    change(old)
    data.frames["capaian"]["target"] = [row[2] for row in old["Capaian"][1:] if row[0]]
    store = SnapshotStore(Path(config.state_dir))
    store.save(data, source="google", source_id=DINKES_KEY, fetched_at=NOW)
    store.write_manifest()
    result = pipeline.build(config, Path(config.state_dir) / "site", now=NOW, source=source,
                            publish=lambda *args, **kw: None)
    return result.report, result.data


def test_every_kind_has_a_fixture() -> None:
    assert set(BREAKAGES) == set(KINDS)


def test_the_unbroken_portal_has_no_finding(fake_google: FakeGoogle,
                                            make_source: Callable[..., GoogleSource],
                                            tmp_path: Path) -> None:
    report, data = check(fake_google, make_source, tmp_path)
    assert report.findings == []
    assert set(data.data) == {"DINKES", "DISDIK"}


@pytest.mark.parametrize("code", sorted(KINDS))
def test_every_kind_is_raised_by_its_fixture(code: str, fake_google: FakeGoogle,
                                             make_source: Callable[..., GoogleSource],
                                             tmp_path: Path) -> None:
    breakage = BREAKAGES[code]
    report, data = check(fake_google, make_source, tmp_path, breakage)
    raised = [f for f in report.findings if f.code == code]
    assert raised, f"{code} not raised; got {report.flat()}"
    kind = KINDS[code]
    for f in raised:
        assert f.office == breakage.office
        assert f.severity == kind.severity and f.title == kind.title
        assert f.message and f.hint and "{" not in f.message + f.hint
        assert f.to_dict()["title"] == kind.title
    if kind.structural and breakage.office:  # this run's data of the office is not used
        assert data.status[breakage.office].status is not DataStatus.OK


def test_source_failures_keep_their_own_code_and_the_catalogue_texts(
        fake_google: FakeGoogle, make_source: Callable[..., GoogleSource],
        tmp_path: Path) -> None:
    """"Not shared" and "wrong address" reach HR staff as what they are, with the catalogue's
    message and hint, and the service account to share with."""
    (unshared,) = check(fake_google, make_source, tmp_path,
                        BREAKAGES["tidak_dibagikan"])[0].findings
    assert unshared.message == ("Spreadsheet Dinas Kesehatan (DINKES) belum dibagikan ke "
                                "portal-kinerja@pemkab-contoh.iam.gserviceaccount.com.")
    assert "klik Bagikan" in unshared.hint and "Pelihat (Viewer)" in unshared.hint


def test_a_template_names_no_field_it_is_not_given() -> None:
    for kind in KINDS.values():
        message, hint = kind.render()
        assert "{" not in message + hint and "}" not in message + hint, kind.code
