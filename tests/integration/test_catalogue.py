"""Contract: every kind in the findings catalogue is raised by a fixture. Each fixture breaks one
thing in a clean portal held by the loopback Google fake (a cell, a tab, the registry, the
sharing, the service), runs the whole check (sync + validation + compute, through an unmodified
gspread) and finds that kind's code for the expected office, with the catalogue's severity and
its texts filled in."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest

from sheets_sync.findings import KINDS, Report
from sheets_sync.portal_data import DataStatus, PortalData
from sheets_sync.sources.google import GoogleSource
from site_builder import pipeline
from tests.integration.conftest import (
    DINKES_KEY,
    DISDIK_KEY,
    REGISTRY_KEY,
    office_tabs,
    registry_tabs,
    serial,
)
from tests.integration.fake_google import FakeGoogle

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
    office: str  # where the finding is expected ("" = the registry)
    tabs: Callable[[Tabs], object] | None = None  # changes DINKES's spreadsheet
    registry: Callable[[Tabs], object] | None = None  # changes the registry spreadsheet
    fake: Callable[[FakeGoogle], object] | None = None  # changes how Google answers


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
}


def check(fake: FakeGoogle, make_source: Callable[..., GoogleSource],
          breakage: Breakage | None = None) -> tuple[Report, PortalData]:
    registry, dinkes = registry_tabs(), clean_office()
    if breakage is not None and breakage.registry is not None:
        breakage.registry(registry)
    if breakage is not None and breakage.tabs is not None:
        breakage.tabs(dinkes)
    fake.add_spreadsheet(REGISTRY_KEY, registry, title="Daftar Kantor")
    fake.add_spreadsheet(DINKES_KEY, dinkes, title="Kinerja Dinkes")
    fake.add_spreadsheet(DISDIK_KEY, clean_office(), title="Kinerja Disdik")
    if breakage is not None and breakage.fake is not None:
        breakage.fake(fake)
    source = make_source()
    return pipeline.check(source.config, now=NOW, source=source)


def test_every_kind_has_a_fixture() -> None:
    assert set(BREAKAGES) == set(KINDS)


def test_the_unbroken_portal_has_no_finding(fake_google: FakeGoogle,
                                            make_source: Callable[..., GoogleSource]) -> None:
    report, data = check(fake_google, make_source)
    assert report.findings == []
    assert set(data.data) == {"DINKES", "DISDIK"}


@pytest.mark.parametrize("code", sorted(KINDS))
def test_every_kind_is_raised_by_its_fixture(code: str, fake_google: FakeGoogle,
                                             make_source: Callable[..., GoogleSource]) -> None:
    breakage = BREAKAGES[code]
    report, data = check(fake_google, make_source, breakage)
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
        fake_google: FakeGoogle, make_source: Callable[..., GoogleSource]) -> None:
    """"Not shared" and "wrong address" reach HR staff as what they are, with the catalogue's
    message and hint, and the service account to share with."""
    (unshared,) = check(fake_google, make_source, BREAKAGES["tidak_dibagikan"])[0].findings
    assert unshared.message == ("Spreadsheet Dinas Kesehatan (DINKES) belum dibagikan ke "
                                "portal-kinerja@pemkab-contoh.iam.gserviceaccount.com.")
    assert "klik Bagikan" in unshared.hint and "Pelihat (Viewer)" in unshared.hint


def test_a_template_names_no_field_it_is_not_given() -> None:
    for kind in KINDS.values():
        message, hint = kind.render()
        assert "{" not in message + hint and "}" not in message + hint, kind.code
