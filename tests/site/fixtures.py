"""The portal data and config that go with the fixture portal's marts
(`tests.fixtures.marts.make_marts`) in the site tests — independent of the compute code."""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from sheets_sync.config import PortalConfig
from sheets_sync.portal_data import OfficeData, OfficeStatus, PortalData
from tests.fixtures.marts import OFFICES, office_names

NOW = datetime(2025, 11, 20, 6, 30, tzinfo=UTC)


def make_data(text: str | None = None, names: dict[str, str] | None = None,
              situs: str | None = None) -> PortalData:
    names = office_names(names)
    offices = pd.DataFrame([
        {"kode": k, "nama": names[k], "sektor": s or None, "sumber": f"{k.lower()}.xlsx",
         "frekuensi": f, "situs": situs if situs is not None else (w or None)}
        for k, _, s, f, w, _ in OFFICES
    ])
    status = {}
    for k, _, _, _, _, st in OFFICES:
        if st == "ok":
            status[k] = OfficeStatus(k, "ok", datetime(2025, 10, 15, 8, 0, tzinfo=UTC), 0, 2)
        elif st == "stale":
            status[k] = OfficeStatus(
                k, "stale", datetime(2025, 7, 2, 8, 0, tzinfo=UTC), 3, 1,
                alasan=text or "Pembaruan terakhir gagal validasi; data 2 Juli 2025 dipakai.",
                alasan_en="The latest update failed validation; data of 2 July 2025 is shown.")
        else:
            status[k] = OfficeStatus(k, "missing", None, 1, 0,
                                     alasan="Lembar kerja belum dapat dibaca.")
    data = {k: OfficeData(k, {}) for k, *_, st in OFFICES if st != "missing"}
    return PortalData(offices=offices, data=data, status=status)


def make_config(tmp_path: Path, title: str = "Portal Kinerja Kabupaten Contoh") -> PortalConfig:
    return PortalConfig.model_validate({
        "title": title,
        "instansi": "Pemerintah Kabupaten Contoh",
        "source": {"kind": "workbook", "path": str(tmp_path)},
        "state_dir": str(tmp_path / "state"),
    })
