"""Freshness that cannot lie: each office's expected cadence (registry `frekuensi`, rule
`rules/jadwal.yml`) plus a grace period gives the date by which new data is due (computed with
the office table, `site_builder.compute.profil`); `freshness.json` carries those dates so the
page script can raise a stale banner even when scheduled builds have stopped."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from site_builder.rules import Cadence

# The site itself is rebuilt on a schedule; past this many days without a build the banner says so.
SITE_REBUILD_DAYS = 8


@dataclass(frozen=True)
class OfficeFreshness:
    kode: str
    frekuensi: str
    status: str  # ok | stale | missing (the office table, `kantor_profil`)
    data_per: date | None
    berikutnya: date | None  # the last day the data counts as fresh (None: no data)


def freshness_document(offices: list[OfficeFreshness], now: datetime,
                       cadences: Mapping[str, Cadence]) -> dict[str, Any]:
    """The content of `freshness.json` (public: codes, cadences and dates only)."""
    now_utc = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    return {
        "generated_at": now_utc.isoformat(timespec="seconds"),
        "site_expected_by": (now_utc + timedelta(days=SITE_REBUILD_DAYS)).date().isoformat(),
        "cadences": {k: {"days": c.days, "grace": c.grace} for k, c in cadences.items()},
        "offices": [
            {
                "kode": o.kode,
                "frekuensi": o.frekuensi,
                "status": o.status,
                "data_per": o.data_per.isoformat() if o.data_per else None,
                "expected_by": o.berikutnya.isoformat() if o.berikutnya else None,
            }
            for o in offices
        ],
    }
