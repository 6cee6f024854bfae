"""The office table: registry facts, status and freshness (cadence + grace days of the jadwal
rule, dates in the portal's time zone). Expectations worked out by hand."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd

from sheets_sync.portal_data import OfficeStatus
from site_builder import rules
from site_builder.compute.profil import compute_profil, due_date, is_overdue

JADWAL = rules.jadwal_rule()


def _registry(*rows: tuple[str, str | None, str | None]) -> pd.DataFrame:
    return pd.DataFrame([{"kode": k, "nama": f"Kantor {k}", "sektor": s, "sumber": "x.xlsx",
                          "frekuensi": f, "situs": None} for k, s, f in rows])


def test_due_dates_of_the_cadence_rule() -> None:
    c = JADWAL.cadences
    assert due_date(date(2025, 1, 1), c["bulanan"]) == date(2025, 2, 11)  # + 31 + 10
    assert due_date(date(2025, 1, 1), c["triwulanan"]) == date(2025, 4, 17)  # + 92 + 14
    assert due_date(date(2025, 1, 1), c["semesteran"]) == date(2025, 7, 24)  # + 183 + 21
    assert due_date(date(2025, 1, 1), c["tahunan"]) == date(2026, 2, 1)  # + 366 + 30
    assert due_date(None, c["bulanan"]) is None


def test_overdue_is_strictly_after_the_due_date() -> None:
    assert not is_overdue(date(2025, 2, 11), date(2025, 2, 11))
    assert is_overdue(date(2025, 2, 11), date(2025, 2, 12))
    assert not is_overdue(None, date(2030, 1, 1))


def test_office_table() -> None:
    registry = _registry(("A", "Kesehatan", "bulanan"), ("B", None, " Tahunan "),
                         ("C", "Pendidikan", "mingguan"), ("D", None, None))
    status = {
        # 20:00 UTC on 31 January is already 1 February in Jakarta (UTC+7)
        "A": OfficeStatus("A", "ok", datetime(2025, 1, 31, 20, 0, tzinfo=UTC), 0, 2),
        "B": OfficeStatus("B", "stale", datetime(2025, 1, 1, 1, 0, tzinfo=UTC), 3, 0,
                          alasan="Gagal validasi", alasan_en="Failed validation"),
        "C": OfficeStatus("C", "ok", datetime(2025, 1, 1, 1, 0, tzinfo=UTC)),
        "D": OfficeStatus("D", "missing", None, 1, 0),
    }
    out = compute_profil(registry, ["A", "B", "C", "E"], status, JADWAL, date(2025, 3, 15),
                         "Asia/Jakarta").set_index("kantor_kode")
    assert list(out.index) == ["A", "B", "C", "D", "E"]  # registry first, then data-only
    assert out.loc["A", "diperbarui"] == "2025-02-01"
    assert out.loc["A", "jatuh_tempo"] == "2025-03-14"  # 1 Feb + 41 days
    assert bool(out.loc["A", "terlambat"]) is True  # 15 March is after 14 March
    assert out.loc["B", "frekuensi"] == "tahunan" and out.loc["B", "jatuh_tempo"] == "2026-02-01"
    assert bool(out.loc["B", "terlambat"]) is False
    assert out.loc["B", "status_alasan"] == "Gagal validasi"
    assert out.loc["B", "temuan_kesalahan"] == 3
    # an unknown cadence counts as the default, triwulanan: 1 Jan + 106 days
    assert out.loc["C", "frekuensi"] == "triwulanan" and out.loc["C", "jatuh_tempo"] == "2025-04-17"
    # no data at all: no due date, and overdue
    assert out.loc["D", "jatuh_tempo"] is None and bool(out.loc["D", "terlambat"]) is True
    # an office with data but no status of this run
    assert out.loc["E", "status_data"] == "ok" and out.loc["E", "kantor_nama"] == "E"
    assert set(out["versi_aturan"]) == {"jadwal-portal@1"}


def test_the_time_zone_decides_the_data_date() -> None:
    registry = _registry(("A", None, "bulanan"))
    status = {"A": OfficeStatus("A", "ok", datetime(2025, 1, 31, 16, 30, tzinfo=UTC))}
    wib = compute_profil(registry, ["A"], status, JADWAL, date(2025, 2, 1), "Asia/Jakarta")
    wit = compute_profil(registry, ["A"], status, JADWAL, date(2025, 2, 1), "Asia/Jayapura")
    assert wib.loc[0, "diperbarui"] == "2025-01-31"  # 23:30 WIB
    assert wit.loc[0, "diperbarui"] == "2025-02-01"  # 01:30 WIT
