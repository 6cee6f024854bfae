"""Freshness that cannot lie: each office's expected cadence (registry `frekuensi`) plus a grace
period gives the date by which new data is due; `freshness.json` carries those dates so the
page script can raise a stale banner even when scheduled builds have stopped."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sheets_sync.portal_data import DataStatus
from site_builder.render.freshness_file import CadenceEntry, FreshnessDocument, FreshnessEntry


@dataclass(frozen=True)
class Cadence:
    days: int  # expected interval between two updates
    grace: int  # days of tolerance before the office counts as overdue


# The one table of update cadences (registry column `frekuensi`).
CADENCES: dict[str, Cadence] = {
    "bulanan": Cadence(31, 10),
    "triwulanan": Cadence(92, 14),
    "semesteran": Cadence(183, 21),
    "tahunan": Cadence(366, 30),
}
DEFAULT_CADENCE = "triwulanan"
# The site itself is rebuilt on a schedule; past this many days without a build the banner says so.
SITE_REBUILD_DAYS = 8


def cadence_of(frekuensi: object) -> str:
    text = str(frekuensi or "").strip().lower()
    return text if text in CADENCES else DEFAULT_CADENCE


def due_date(last_update: date | None, frekuensi: object) -> date | None:
    """The day after which an office whose data dates from `last_update` is overdue."""
    if last_update is None:
        return None
    c = CADENCES[cadence_of(frekuensi)]
    return last_update + timedelta(days=c.days + c.grace)


@dataclass(frozen=True)
class OfficeFreshness:
    kode: str
    frekuensi: str
    status: DataStatus  # from PortalData.status
    data_per: date | None
    berikutnya: date | None

    def overdue(self, today: date) -> bool:
        return self.berikutnya is not None and today > self.berikutnya


def freshness_document(offices: list[OfficeFreshness], now: datetime) -> dict[str, Any]:
    """The content of `freshness.json` (public: codes, cadences and dates only)."""
    now_utc = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    doc = FreshnessDocument(
        generated_at=now_utc,
        site_expected_by=(now_utc + timedelta(days=SITE_REBUILD_DAYS)).date(),
        cadences={k: CadenceEntry(days=c.days, grace=c.grace) for k, c in CADENCES.items()},
        offices=[FreshnessEntry(kode=o.kode, frekuensi=o.frekuensi, status=o.status,
                                data_per=o.data_per, expected_by=o.berikutnya) for o in offices],
    )
    return doc.model_dump(mode="json")
