"""Fixtures for the Google source: the loopback fake, a session that cannot leave loopback, a
simulated clock (no real sleeping), and small office data sets."""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import gspread
import pytest
import requests

from sheets_sync.config import PortalConfig
from sheets_sync.sources.base import OfficeRef
from sheets_sync.sources.google import GoogleSource
from tests.integration.fake_google import FakeGoogle, loopback_session

SA_EMAIL = "portal-kinerja@pemkab-contoh.iam.gserviceaccount.com"
REGISTRY_KEY = "1RegistryKeyAbcdefghijklmnopqrstuvwxyz0123456"
DINKES_KEY = "1DinkesKeyAbcdefghijklmnopqrstuvwxyz012345678"
DISDIK_KEY = "1DisdikKeyAbcdefghijklmnopqrstuvwxyz012345678"
SERIAL_EPOCH = date(1899, 12, 30)
TODAY = date(2026, 11, 24)


def serial(d: date) -> int:
    return (d - SERIAL_EPOCH).days


def office_tabs(*, dates: str = "serial") -> dict[str, list[list[Any]]]:
    """A small valid office. `dates`: "serial" (what Sheets sends) or "datetime" (for xlsx)."""
    def d(y: int, m: int, dd: int) -> Any:
        return serial(date(y, m, dd)) if dates == "serial" else datetime(y, m, dd)

    return {
        "Indikator": [
            ["kode", "nama_indikator", "jenis", "satuan", "arah", "bobot", "sasaran"],
            ["IKU-01", "Persentase ibu hamil mendapat layanan", "IKU", "%", "naik", 1,
             "Meningkatnya derajat kesehatan"],
            ["LAY-01", "Rata-rata waktu tunggu", "Layanan", "hari", "turun", 0.5, None],
        ],
        "Capaian": [
            ["kode", "periode", "target", "realisasi", "penjelasan"],
            ["IKU-01", "2025-TW1", 90, 87.5, "Sesuai rencana"],
            [None, None, None, None, None],
            ["IKU-01", "2025-TW2", 90, None, None],
            ["LAY-01", "2025-TW1", 3, 2, None],
        ],
        "Pegawai": [
            ["nip", "nama", "jabatan", "unit_kerja", "periode", "hasil_kerja", "perilaku_kerja"],
            ["198503122010011002", "Budi Santoso", "Analis", "Bidang P2P", "2025",
             "Sesuai Ekspektasi", "Di Atas Ekspektasi"],
            ["199001012015032001", "Siti Aminah", "Perawat", "Bidang Yankes", "2025",
             "Sesuai Ekspektasi", "Sesuai Ekspektasi"],
        ],
        "Organisasi": [["periode", "predikat_organisasi"], ["2025", "Baik"]],
        "SKM": [
            ["unit_layanan", "periode", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"],
            ["Puskesmas A", "2025-TW1", 4, 3, 3, 4, 3, 3, 4, 3, 3],
            ["Puskesmas A", "2025-TW1", 3, 3, None, 4, 2, 3, 4, 3, 4],
        ],
        "Pengaduan": [
            ["nomor", "kategori", "tanggal_masuk", "tanggal_tanggapan", "tanggal_selesai"],
            ["LAPOR-001", "pengaduan", d(2025, 2, 3), d(2025, 2, 4), d(2025, 2, 10)],
            ["LAPOR-002", "aspirasi", d(2025, 3, 1), None, None],
        ],
    }


def registry_tabs() -> dict[str, list[list[Any]]]:
    return {"Kantor": [
        ["kode", "nama", "sektor", "sumber", "frekuensi", "situs"],
        ["DINKES", "Dinas Kesehatan", "Kesehatan",
         f"https://docs.google.com/spreadsheets/d/{DINKES_KEY}/edit#gid=0", "triwulanan",
         "https://dinkes.example.go.id"],
        ["DISDIK", "Dinas Pendidikan", "Pendidikan", DISDIK_KEY, "", ""],
    ]}


DINKES = OfficeRef("DINKES", "Dinas Kesehatan",
                   f"https://docs.google.com/spreadsheets/d/{DINKES_KEY}/edit", 2)
DISDIK = OfficeRef("DISDIK", "Dinas Pendidikan", DISDIK_KEY, 3)


class FakeClock:
    """monotonic() stand-in; `sleep` records the wait and moves time on instead of waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_google() -> Iterator[FakeGoogle]:
    fake = FakeGoogle().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def google_session(fake_google: FakeGoogle) -> Iterator[requests.Session]:
    """A session routed to the fake; any other host fails the test."""
    session, blocker = loopback_session(fake_google.base_url)
    session.blocker = blocker  # type: ignore[attr-defined]
    yield session
    session.close()
    assert not blocker.blocked, f"requests left loopback: {blocker.blocked}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def google_config(**source: Any) -> PortalConfig:
    settings: dict[str, Any] = {"kind": "google", "registry": REGISTRY_KEY, "folder_id": "FOLDER"}
    settings.update(source)
    return PortalConfig.model_validate({"title": "Portal Uji", "source": settings})


@pytest.fixture
def make_source(google_session: requests.Session, clock: FakeClock,
                tmp_path: Path) -> Callable[..., GoogleSource]:
    """GoogleSource over an unmodified gspread.Client on the loopback session. A config with
    the default (relative) state folder gets the test's own, so nothing is kept in the repo."""
    def make(config: PortalConfig | None = None, **kw: Any) -> GoogleSource:
        kw.setdefault("progress", False)
        kw.setdefault("service_account_email", SA_EMAIL)
        config = config or google_config()
        if not Path(config.state_dir).is_absolute():
            config.state_dir = tmp_path / "state"
        return GoogleSource(config,
                            client=gspread.Client(None, session=google_session),  # type: ignore[arg-type]
                            sleep=clock.sleep, clock=clock, rng=random.Random(7), **kw)
    return make


@pytest.fixture
def populated(fake_google: FakeGoogle) -> FakeGoogle:
    fake_google.add_spreadsheet(REGISTRY_KEY, registry_tabs(), title="Daftar Kantor")
    fake_google.add_spreadsheet(DINKES_KEY, office_tabs(), title="Kinerja Dinkes")
    fake_google.add_spreadsheet(DISDIK_KEY, office_tabs(), title="Kinerja Disdik")
    return fake_google
