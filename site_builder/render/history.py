"""What changed since the last build: the headline figures of each build are kept (privately)
in `state_dir/last_build.json` and compared with the current ones on the next build."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from site_builder.render.formatting import to_decimal
from site_builder.render.view import SiteModel

FILE_NAME = "last_build.json"


@dataclass
class OfficeChange:
    kode: str
    nama: str
    slug: str | None  # None when the office is no longer listed
    new_office: bool = False
    removed: bool = False
    new_period: str | None = None
    index_before: str | None = None
    index_now: str | None = None
    status_before: str | None = None
    status_now: str | None = None


@dataclass
class Changes:
    previous_at: datetime | None  # None: first build
    offices: list[OfficeChange] = field(default_factory=list)


def snapshot(model: SiteModel) -> dict[str, Any]:
    """The figures the next build compares with (public figures only)."""
    offices = {}
    for o in model.offices:
        latest = o.row
        index = to_decimal(latest.get("indeks_kinerja"))
        offices[o.kode] = {
            "nama": o.nama,
            "periode": latest.get("periode"),
            "indeks": None if index is None else str(index),
            "status": o.status.status,
        }
    return {"generated_at": model.now.isoformat(timespec="seconds"), "offices": offices}


def load_previous(state_dir: Path) -> dict[str, Any] | None:
    path = Path(state_dir) / FILE_NAME
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) and isinstance(doc.get("offices"), dict) else None


def save(state_dir: Path, doc: dict[str, Any]) -> None:
    """Atomic write of `last_build.json` (private folder)."""
    folder = Path(state_dir)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (FILE_NAME + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / FILE_NAME)


def compare(previous: dict[str, Any] | None, model: SiteModel) -> Changes:
    if previous is None:
        return Changes(previous_at=None)
    try:
        at = datetime.fromisoformat(str(previous.get("generated_at")))
    except ValueError:
        at = None
    before: dict[str, Any] = previous.get("offices", {})
    now = snapshot(model)["offices"]
    slugs = {o.kode: o.slug for o in model.offices}
    out: list[OfficeChange] = []
    for kode, cur in now.items():
        old = before.get(kode)
        ch = OfficeChange(kode=kode, nama=cur["nama"], slug=slugs[kode])
        if not isinstance(old, dict):
            ch.new_office = True
            out.append(ch)
            continue
        if cur["periode"] and cur["periode"] != old.get("periode"):
            ch.new_period = cur["periode"]
        if cur["indeks"] != old.get("indeks"):
            ch.index_before, ch.index_now = old.get("indeks"), cur["indeks"]
        if cur["status"] != old.get("status"):
            ch.status_before, ch.status_now = old.get("status"), cur["status"]
        if ch.new_period or ch.index_now is not None or ch.index_before is not None \
                or ch.status_now:
            out.append(ch)
    for kode, old in before.items():
        if kode not in now and isinstance(old, dict):
            out.append(OfficeChange(kode=kode, nama=str(old.get("nama") or kode), slug=None,
                                    removed=True))
    return Changes(previous_at=at, offices=out)
