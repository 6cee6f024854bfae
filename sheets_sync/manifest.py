"""`manifest.json` of the snapshot store: one typed entry per office, shared by the store that
writes it, the sources' change detection and the publish plan that read it.

    {"version": 2, "offices": {KODE: entry, ...}}

Entries of earlier versions are still read (every field is optional); an entry that does not
parse is dropped, so that office is read again. Times are written as `datetime.isoformat()`."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainSerializer, ValidationError

MANIFEST_VERSION = 2

IsoTime = Annotated[datetime, PlainSerializer(lambda d: d.isoformat(), return_type=str,
                                              when_used="json")]


class ManifestEntry(BaseModel):
    """One office: its last good data (`fetched_at`, `content_hash`, `rows`, where it came from)
    and the latest attempt to read it (`seen_*`, `last_attempt_*`). An office that never had
    valid data has only the attempt fields."""

    model_config = ConfigDict(extra="ignore")

    # the last good data
    source: str | None = None  # source kind: "workbook" | "google"
    source_id: str | None = None  # file name or spreadsheet key
    source_modified: IsoTime | None = None
    source_stamp: str | None = None
    fetched_at: IsoTime | None = None
    rows: dict[str, int] | None = None  # rows per tab
    content_hash: str | None = None  # SHA-256 of the snapshot files; None: no data yet
    # the latest attempt
    valid: bool = False  # the latest version read was valid
    seen_modified: IsoTime | None = None  # the latest version seen, valid or not:
    seen_stamp: str | None = None  # what change detection compares
    last_attempt_at: IsoTime | None = None
    last_attempt_ok: bool = False
    contract: str | None = None  # `sync.contract_version()` that checked it; None: check again

    @property
    def has_data(self) -> bool:
        return self.content_hash is not None

    @property
    def records_stamp(self) -> bool:
        """Whether the entry records the latest version seen (`seen_stamp`, even None after a
        read that failed before the version was known). Entries the store writes always do;
        one written by hand may not, and is then compared on `source_id` + modified time."""
        return "seen_stamp" in self.model_fields_set

    def unchanged_since(self, stamp: str | None) -> bool:
        """True when the source's current version stamp is the one last seen."""
        return stamp is not None and self.seen_stamp == stamp


class Manifest(BaseModel):
    """The whole manifest file."""

    version: int = MANIFEST_VERSION
    offices: dict[str, ManifestEntry] = {}

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """The manifest in `path`: empty when missing or unreadable; entries of another version
        lose their `contract` stamp (another layout: every office is read again)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or not isinstance(data.get("offices"), dict):
            return cls()
        offices: dict[str, ManifestEntry] = {}
        for kode, item in data["offices"].items():
            try:
                offices[str(kode)] = ManifestEntry.model_validate(item)
            except ValidationError:
                continue
        if data.get("version") != MANIFEST_VERSION:
            for entry in offices.values():
                entry.contract = None
        return cls(offices=offices)

    def to_json(self) -> str:
        payload: dict[str, Any] = {
            "version": MANIFEST_VERSION,
            # fields never set stay out, as before this model: an office that never had valid
            # data has only the attempt fields
            "offices": {k: self.offices[k].model_dump(mode="json", exclude_unset=True)
                        for k in sorted(self.offices)},
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
