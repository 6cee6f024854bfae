"""Complaint handling: working days after the day of entry, Mon–Fri minus national holidays."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from site_builder import rules
from site_builder.compute.pengaduan import compute_pengaduan, working_days

from .conftest import staging

HOL = rules.pengaduan_rule().holidays


def wd(a: date, b: date) -> int:
    return int(working_days(pd.Timestamp(a), pd.Timestamp(b), HOL)[0])


def test_same_day_is_zero_and_weekend_is_skipped() -> None:
    assert wd(date(2025, 3, 7), date(2025, 3, 7)) == 0
    # Friday 7 Mar 2025 → Monday 10 Mar: Sat and Sun do not count → 1
    assert wd(date(2025, 3, 7), date(2025, 3, 10)) == 1
    # Friday → next Friday: Mon … Fri = 5
    assert wd(date(2025, 3, 7), date(2025, 3, 14)) == 5


def test_holidays_and_cuti_bersama_are_skipped() -> None:
    # Thu 27 Mar 2025 → Tue 8 Apr 2025: Fri 28 Mar cuti Nyepi, Mon 31 Mar + Tue 1 Apr Idul Fitri,
    # Wed 2 – Fri 4 Apr and Mon 7 Apr cuti bersama → only Tue 8 Apr counts
    assert wd(date(2025, 3, 27), date(2025, 4, 8)) == 1
    # Mon 16 Dec 2024 → Fri 27 Dec 2024: 17–20, 23, 24 and 27 (25 Natal, 26 cuti) → 7
    assert wd(date(2024, 12, 16), date(2024, 12, 27)) == 7


def test_missing_end_date_gives_minus_one() -> None:
    assert int(working_days(pd.Timestamp("2025-03-07"), pd.NaT, HOL)[0]) == -1


def _rows() -> list[dict]:
    t = pd.Timestamp
    return [
        # informasi: answered after 1 wd, resolved after 5 wd (deadline 5) → both on time
        dict(nomor="1", kategori="informasi", tanggal_masuk=t("2025-03-07"),
             tanggal_tanggapan=t("2025-03-10"), tanggal_selesai=t("2025-03-14")),
        # informasi: answered after 3 wd (on time), resolved Mon 17 Mar = 6 wd → late
        dict(nomor="2", kategori="informasi", tanggal_masuk=t("2025-03-07"),
             tanggal_tanggapan=t("2025-03-12"), tanggal_selesai=t("2025-03-17")),
        # pengaduan: answered Fri 14 Mar = 4 wd → late; still open
        dict(nomor="3", kategori="pengaduan", tanggal_masuk=t("2025-03-10"),
             tanggal_tanggapan=t("2025-03-14")),
        # aspirasi: never answered; resolved 8 Apr = 1 wd (holidays) → on time
        dict(nomor="4", kategori="aspirasi", tanggal_masuk=t("2025-03-27"),
             tanggal_selesai=t("2025-04-08")),
        # next quarter: pengaduan_berpengawasan, resolved after 2 wd
        dict(nomor="5", kategori="pengaduan_berpengawasan", tanggal_masuk=t("2025-04-08"),
             tanggal_tanggapan=t("2025-04-08"), tanggal_selesai=t("2025-04-10")),
    ]


def test_counts_median_and_open_per_quarter() -> None:
    frame = staging("pengaduan", _rows(), kantor="K1")
    out = compute_pengaduan(frame, rules.pengaduan_rule(), date(2025, 3, 20)).set_index("periode")
    tw1 = out.loc["2025-TW1"]
    assert tw1["masuk"] == 4
    assert tw1["ditanggapi_tepat_waktu"] == 2
    assert tw1["selesai"] == 3
    assert tw1["selesai_tepat_waktu"] == 2
    assert tw1["masih_terbuka"] == 1
    # resolved in 5, 6 and 1 working days → median 5
    assert tw1["median_hari_selesai"] == Decimal("5.00")
    # on 20 Mar the open complaint (10 Mar) is 8 wd old, under its 14-day deadline
    assert tw1["terbuka_lewat_batas"] == 0
    tw2 = out.loc["2025-TW2"]
    assert (tw2["masuk"], tw2["selesai"], tw2["selesai_tepat_waktu"]) == (1, 1, 1)
    assert tw2["median_hari_selesai"] == Decimal("2.00")
    assert tw1["versi_aturan"].startswith("sp4n-lapor@1+libur@")


def test_overdue_open_complaint_and_even_median_and_monthly_periods() -> None:
    rows = _rows()[:4] + [dict(nomor="6", kategori="informasi",
                               tanggal_masuk=pd.Timestamp("2025-03-07"),
                               tanggal_selesai=pd.Timestamp("2025-03-11"))]  # 2 wd
    frame = staging("pengaduan", rows, kantor="K1")
    out = compute_pengaduan(frame, rules.pengaduan_rule(), date(2025, 4, 30),
                            period_kind={"K1": "bulan"}).set_index("periode")
    mar = out.loc["2025-03"]
    # resolved in 5, 6, 1, 2 → median (2 + 5)/2 = 3.5
    assert mar["median_hari_selesai"] == Decimal("3.50")
    # by 30 Apr the pengaduan of 10 Mar is far past 14 working days
    assert mar["terbuka_lewat_batas"] == 1
    assert list(out.index) == ["2025-03"]


def test_no_resolved_complaint_gives_blank_median() -> None:
    frame = staging("pengaduan", [dict(nomor="1", kategori="pengaduan",
                                       tanggal_masuk=pd.Timestamp("2025-01-06"))], kantor="K1")
    out = compute_pengaduan(frame, rules.pengaduan_rule(), date(2025, 1, 7))
    assert out.loc[0, "median_hari_selesai"] is None
    assert out.loc[0, "masih_terbuka"] == 1
    assert out.loc[0, "periode"] == "2025-TW1"
