"""The office table: one row per office with its registry facts, the public status of this run
and its freshness (the day new data is due under the cadence rule, and whether it is overdue)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import pandas as pd

from sheets_sync.config import local_date
from sheets_sync.contracts import FREKUENSI, FREKUENSI_DEFAULT
from sheets_sync.portal_data import OfficeStatus
from site_builder.marts import KANTOR_PROFIL_COLUMNS
from site_builder.rules import Cadence, JadwalRule


def frekuensi_of(value: object) -> str:
    """A registry frekuensi as the contract spells it; the default for a blank or unknown one."""
    text = str(value or "").strip().lower()
    return text if text in FREKUENSI else FREKUENSI_DEFAULT


def due_date(last_update: date | None, cadence: Cadence) -> date | None:
    """The last day data fetched on `last_update` counts as fresh: its cadence plus grace days.
    None when there is no data."""
    if last_update is None:
        return None
    return last_update + timedelta(days=cadence.days + cadence.grace)


def is_overdue(due: date | None, today: date) -> bool:
    """Overdue strictly after the due day (on the due day itself the data is still on time)."""
    return due is not None and today > due


REPORT_STATES = ("mutakhir", "terlambat", "gagal_validasi", "gagal_validasi_tanpa_data",
                 "belum_pernah_melapor")
"""An office's one status (`status_laporan`), distinct everywhere: up to date; late (its data
is past the due date); its latest update failed validation (the last valid data is shown);
failed validation and never had valid data; never reported."""


def report_state(status: str, overdue: bool, errors: int) -> str:
    """The `REPORT_STATES` value of an office from its data status, lateness and errors."""
    if status == "stale":
        return "gagal_validasi"
    if status == "missing":
        return "gagal_validasi_tanpa_data" if errors > 0 else "belum_pernah_melapor"
    return "terlambat" if overdue else "mutakhir"


def compute_profil(offices: pd.DataFrame, with_data: list[str], status: Mapping[str, OfficeStatus],
                   jadwal: JadwalRule, today: date, timezone: str) -> pd.DataFrame:
    """One row per office: the registry's offices in order, then offices that only have data or
    a status. `diperbarui` is the date the published data was fetched (in `timezone`);
    `terlambat` is true when the data is past its due date on `today`, or there is none."""
    registry: dict[str, dict[Any, object]] = {}
    if len(offices):
        for row in offices.drop_duplicates("kode").to_dict("records"):
            registry[str(row["kode"])] = row
    codes = list(dict.fromkeys([*registry, *with_data, *status]))
    rows = []
    for kode in codes:
        reg = registry.get(kode, {})
        st = status.get(kode)
        state = st.status if st is not None else ("ok" if kode in with_data else "missing")
        fetched = st.diperbarui if st is not None else None
        data_date = local_date(fetched, timezone) if fetched is not None else None
        frek = frekuensi_of(reg.get("frekuensi"))
        due = due_date(data_date, jadwal.cadences[frek])
        rows.append({
            "kantor_kode": kode,
            "kantor_nama": _text(reg.get("nama")) or kode,
            "sektor": _text(reg.get("sektor")),
            "situs": _text(reg.get("situs")),
            "frekuensi": frek,
            "status_data": state,
            "diperbarui": data_date.isoformat() if data_date else None,
            "jatuh_tempo": due.isoformat() if due else None,
            "terlambat": is_overdue(due, today) or state == "missing",
            "temuan_kesalahan": int(st.errors) if st is not None else 0,
            "temuan_peringatan": int(st.warnings) if st is not None else 0,
            "status_alasan": (st.alasan or None) if st is not None else None,
            "status_alasan_en": (st.alasan_en or None) if st is not None else None,
            "status_laporan": report_state(state, is_overdue(due, today),
                                           int(st.errors) if st is not None else 0),
            "survei": _text(reg.get("survei")),
            "kontak": _text(reg.get("kontak")),
            "versi_aturan": jadwal.rule.tag,
        })
    frame = pd.DataFrame(rows, columns=KANTOR_PROFIL_COLUMNS, dtype="object")
    return frame.astype({"terlambat": "bool", "temuan_kesalahan": "int64",
                         "temuan_peringatan": "int64"})


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None
