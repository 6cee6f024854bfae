"""Freshness that cannot lie: each office's expected cadence (registry `frekuensi`, rule
`rules/jadwal.yml`) plus a grace period gives the date by which new data is due (computed with
the office table, `site_builder.compute.profil`); `freshness.json` carries those dates so the
page script can raise a stale banner even when scheduled builds have stopped."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sheets_sync.portal_data import DataStatus
from site_builder.render.freshness_file import CadenceEntry, FreshnessDocument, FreshnessEntry
from site_builder.rules import Cadence

# The site itself is rebuilt on a schedule; past this many days without a build the banner says so.
SITE_REBUILD_DAYS = 8


@dataclass(frozen=True)
class OfficeFreshness:
    kode: str
    frekuensi: str
    status: DataStatus  # ok | stale | missing (the office table, `kantor_profil`)
    data_per: date | None
    berikutnya: date | None  # the last day the data counts as fresh (None: no data)
    nama: str = ""  # the office's name, for the stale banner


def freshness_document(offices: list[OfficeFreshness], now: datetime,
                       cadences: Mapping[str, Cadence]) -> dict[str, Any]:
    """The content of `freshness.json` (public: codes, names, cadences and dates only)."""
    now_utc = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    doc = FreshnessDocument(
        generated_at=now_utc,
        site_expected_by=(now_utc + timedelta(days=SITE_REBUILD_DAYS)).date(),
        cadences={k: CadenceEntry(days=c.days, grace=c.grace) for k, c in cadences.items()},
        offices=[FreshnessEntry(kode=o.kode, nama=o.nama, frekuensi=o.frekuensi,
                                status=o.status, data_per=o.data_per, expected_by=o.berikutnya)
                 for o in offices],
    )
    return doc.model_dump(mode="json")
