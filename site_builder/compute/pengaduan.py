"""Complaint handling per office and period of `tanggal_masuk` (SP4N-LAPOR! deadlines).

Working days are Monday–Friday minus the national holidays and cuti bersama of the rules data,
counted after the day of entry (the day of entry is day 0): a complaint received on Friday and
answered on Monday took 1 working day."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from sheets_sync.contracts import FREKUENSI_DEFAULT, FREKUENSI_KIND
from site_builder.compute.decimals import exact_decimal, round2
from site_builder.compute.frames import map_values
from site_builder.rules import PengaduanRule

PENGADUAN_COLUMNS = ["kantor_kode", "periode", "masuk", "ditanggapi_tepat_waktu", "selesai",
                     "selesai_tepat_waktu", "masih_terbuka", "median_hari_selesai",
                     "terbuka_lewat_batas", "versi_aturan"]

_MONTHS = {"tahun": 12, "semester": 6, "triwulan": 3, "bulan": 1}


def working_days(start: object, end: object, holidays: Iterable[date]) -> np.ndarray:
    """Working days after `start` up to and including `end` (arrays or scalars of dates);
    NaT in either gives -1. Negative spans (end before start) count negatively."""
    s, e = _dates(start), _dates(end)
    valid = (s.notna() & e.notna()).to_numpy()
    out = np.full(len(s), -1, dtype=np.int64)
    if valid.any():
        sd = s[valid].to_numpy().astype("datetime64[D]") + np.timedelta64(1, "D")
        ed = e[valid].to_numpy().astype("datetime64[D]") + np.timedelta64(1, "D")
        hol = np.array(sorted(holidays), dtype="datetime64[D]")
        out[valid] = np.busday_count(sd, ed, holidays=hol)
    return out


def _dates(value: object) -> pd.Series:
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, list, tuple)):
        series = pd.Series(value.to_numpy() if isinstance(value, pd.Series) else np.asarray(value))
    else:
        series = pd.Series([value])
    return pd.to_datetime(series)


def period_codes(dates: pd.Series, kinds: pd.Series) -> pd.Series:
    """Period code (of the given kind per row) holding each date."""
    d = pd.to_datetime(dates)
    year = d.dt.year.astype("Int64").astype(str)
    month = d.dt.month.astype("Int64")
    codes = pd.Series(index=dates.index, dtype="object")
    for kind in kinds.dropna().unique():
        m = (kinds == kind) & d.notna()
        if not m.any():
            continue
        idx = ((month[m] - 1) // _MONTHS[kind] + 1).astype(int).astype(str)
        if kind == "tahun":
            codes[m] = year[m]
        elif kind == "semester":
            codes[m] = year[m] + "-S" + idx
        elif kind == "triwulan":
            codes[m] = year[m] + "-TW" + idx
        else:
            codes[m] = year[m] + "-" + idx.str.zfill(2)
    return codes


def compute_pengaduan(
    pengaduan: pd.DataFrame,
    rule: PengaduanRule,
    today: date,
    period_kind: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per office and period of `tanggal_masuk`. The period kind per office comes from
    `period_kind` (office -> `tahun`/`semester`/`triwulan`/`bulan`; default: the kind of the
    default frekuensi, `triwulan`).

    masuk: complaints received; ditanggapi_tepat_waktu: first response ≤ 3 working days;
    selesai: with tanggal_selesai; selesai_tepat_waktu: resolved within the deadline of its
    kategori; masih_terbuka: no tanggal_selesai; median_hari_selesai: median working days to
    resolve (resolved only; Decimal, None when none); terbuka_lewat_batas (internal): still open
    and past its deadline on `today`."""
    if pengaduan.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in PENGADUAN_COLUMNS})
    kind_of: dict[Any, str] = dict(period_kind or {})
    default = FREKUENSI_KIND[FREKUENSI_DEFAULT]
    kinds = map_values(pengaduan["kantor_kode"], lambda k: kind_of.get(k, default))
    periode = period_codes(pengaduan["tanggal_masuk"], kinds)
    masuk = pengaduan["tanggal_masuk"]
    hol = rule.holidays
    wd_tanggap = working_days(masuk, pengaduan["tanggal_tanggapan"], hol)
    wd_selesai = working_days(masuk, pengaduan["tanggal_selesai"], hol)
    today_arr = np.full(len(pengaduan), np.datetime64(today, "ns"))
    wd_today = working_days(masuk, today_arr, hol)
    deadline = pengaduan["kategori"].map(rule.selesai_hari_kerja).to_numpy(dtype="float64",
                                                                           na_value=np.nan)
    tanggap_ok = pengaduan["tanggal_tanggapan"].notna().to_numpy() & (
        wd_tanggap <= rule.tanggapan_hari_kerja)
    done = pengaduan["tanggal_selesai"].notna().to_numpy()
    selesai_ok = done & (wd_selesai <= deadline)
    overdue = ~done & (wd_today > deadline)
    frame = pd.DataFrame({
        "kantor_kode": pengaduan["kantor_kode"].to_numpy(),
        "periode": periode.to_numpy(),
        "masuk": 1,
        "ditanggapi_tepat_waktu": tanggap_ok.astype("int64"),
        "selesai": done.astype("int64"),
        "selesai_tepat_waktu": selesai_ok.astype("int64"),
        "masih_terbuka": (~done).astype("int64"),
        "terbuka_lewat_batas": overdue.astype("int64"),
        "_hari": np.where(done, wd_selesai, np.nan),
    })
    frame = frame[frame["periode"].notna()]
    g = frame.groupby(["kantor_kode", "periode"], sort=True)
    out = g[["masuk", "ditanggapi_tepat_waktu", "selesai", "selesai_tepat_waktu",
             "masih_terbuka", "terbuka_lewat_batas"]].sum().astype("int64")
    med = g["_hari"].median()
    out["median_hari_selesai"] = pd.Series(
        [_median_decimal(v) for v in med.reindex(out.index)], index=out.index, dtype="object")
    out = out.reset_index()
    out["versi_aturan"] = f"{rule.rule.tag}+libur@{rule.holidays_version}"
    return out[PENGADUAN_COLUMNS]


def _median_decimal(value: float) -> Decimal | None:
    return None if pd.isna(value) else round2(exact_decimal(float(value)))
