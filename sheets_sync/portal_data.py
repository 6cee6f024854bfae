"""The data that passes from staging (sheets_sync) to compute (site_builder)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

import numpy as np
import pandas as pd

OFFICE_TABS = ("indikator", "capaian", "pegawai", "organisasi", "skm", "pengaduan")


@dataclass
class OfficeData:
    """Validated staging frames of one office; every frame has `baris` (sheet row number)."""

    kode: str
    frames: dict[str, pd.DataFrame]

    def __getitem__(self, tab: str) -> pd.DataFrame:
        return self.frames[tab]


class DataStatus(StrEnum):
    """Which data of an office a run publishes. The values are what pages, `freshness.json`,
    the build history and the open data (`status_data`) carry."""

    OK = "ok"  # the data read in this run (or unchanged since the last run)
    STALE = "stale"  # the latest version failed; the last good data is shown
    MISSING = "missing"  # the office never had valid data


@dataclass
class OfficeStatus:
    """Public status of one office in this run (counts and reasons only, no personal data)."""

    kode: str
    status: DataStatus  # a plain "ok"/"stale"/"missing" is turned into the enum
    diperbarui: datetime | None = None  # when the published data was fetched
    errors: int = 0
    warnings: int = 0
    alasan: str = ""  # public reason in Bahasa Indonesia when status != ok
    alasan_en: str = ""
    fetched_now: bool = False

    def __post_init__(self) -> None:
        self.status = DataStatus(self.status)


@dataclass
class PortalData:
    """Everything compute needs: the registry and each office's data."""

    offices: pd.DataFrame  # kode, nama, sektor, sumber, frekuensi, situs
    data: dict[str, OfficeData] = field(default_factory=dict)
    status: dict[str, OfficeStatus] = field(default_factory=dict)
    _frames: dict[tuple, pd.DataFrame] = field(default_factory=dict, repr=False, compare=False)

    def frame(self, tab: str) -> pd.DataFrame:
        """All offices' rows of one tab, with a `kantor_kode` column first (cached per
        tab and set of offices; treat the result as read-only)."""
        key = (tab, tuple(self.data))
        if key not in self._frames:
            self._frames[key] = self._concat(tab)
        return self._frames[key]

    def _concat(self, tab: str) -> pd.DataFrame:
        parts, codes = [], []
        for kode, od in self.data.items():
            f = od.frames.get(tab)
            if f is not None and len(f):
                parts.append(f)
                codes.append(kode)
        if not parts:
            from sheets_sync.contracts import empty_frame

            return empty_frame(tab).assign(kantor_kode=pd.Series(dtype="object"))
        out = pd.concat(parts, ignore_index=True)  # no per-office copy with the code added
        kode_col = np.repeat(np.array(codes, dtype=object), [len(p) for p in parts])
        out = out.drop(columns="kantor_kode", errors="ignore")
        out.insert(0, "kantor_kode", pd.Series(kode_col, dtype="str"))
        return out
