"""`freshness.json`, the public document beside the site's pages: each office's cadence, data
status and the date by which new data is due. Written by the publish step
(`render.freshness.freshness_document`); read by the page script (`portal.js`: `expected_by`,
`status`, `site_expected_by`, and `nama`, the name its stale banner lists) and by the office
alerts (`ops.alerts`). Public: codes, office names, cadences and dates only.

    {"generated_at": "2026-11-24T00:23:00+00:00", "site_expected_by": "2026-12-02",
     "cadences": {"bulanan": {"days": 31, "grace": 10}, ...},
     "offices": [{"kode": "DINKES", "nama": "Dinas Kesehatan", "frekuensi": "bulanan",
                  "status": "ok", "data_per": "2026-09-30", "expected_by": "2026-11-10"}, ...]}
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from sheets_sync.portal_data import DataStatus

_IsoSeconds = Annotated[datetime, PlainSerializer(
    lambda d: d.isoformat(timespec="seconds"), return_type=str, when_used="json")]


class CadenceEntry(BaseModel):
    days: int  # expected interval between two updates
    grace: int  # days of tolerance before the office counts as overdue


class FreshnessEntry(BaseModel):
    """One office."""

    model_config = ConfigDict(extra="ignore")

    kode: str
    nama: str = ""  # the office's name as the registry has it (older files: none)
    frekuensi: str
    status: DataStatus
    data_per: date | None = None  # the day the published data was fetched
    expected_by: date | None = None  # past this day the office is overdue

    def overdue(self, today: date) -> bool:
        return self.expected_by is not None and today > self.expected_by


class FreshnessDocument(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="ignore")

    generated_at: _IsoSeconds
    site_expected_by: date  # past this day the site itself has not been rebuilt
    cadences: dict[str, CadenceEntry] = Field(default_factory=dict)
    offices: list[FreshnessEntry] = Field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> FreshnessDocument:
        """The document in `path`; OSError when unreadable, ValueError when not this document."""
        return cls.model_validate_json(Path(path).read_bytes())
