"""The snapshot store: each office's last valid data on disk, with a manifest.

Layout under `state_dir`:
    manifest.json                    {"version": 1, "offices": {KODE: entry}}
    snapshots/KODE/<tab>.parquet     the staging frames (no NIP, no names: validation drops them)

Every write is atomic: files are written beside their target and renamed into place, so a crash
never leaves a half-written snapshot or manifest."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from sheets_sync.contracts import empty_frame
from sheets_sync.model import OFFICE_TABS, OfficeData

MANIFEST_VERSION = 1


def content_hash(frames: dict[str, pd.DataFrame]) -> str:
    """Stable hash of the frames' contents (independent of file format details)."""
    h = hashlib.sha256()
    for tab in sorted(frames):
        f = frames[tab]
        h.update(tab.encode())
        h.update(",".join(map(str, f.columns)).encode())
        if len(f):
            h.update(pd.util.hash_pandas_object(f, index=False).values.tobytes())
    return h.hexdigest()


def atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class SnapshotStore:
    """Read and write snapshots and the manifest in `state_dir`."""

    def __init__(self, state_dir: Path) -> None:
        self.root = Path(state_dir)
        self.dir = self.root / "snapshots"
        self.manifest_path = self.root / "manifest.json"
        self.manifest: dict[str, dict[str, Any]] = self._read_manifest()

    def _read_manifest(self) -> dict[str, dict[str, Any]]:
        if not self.manifest_path.is_file():
            return {}
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}
        return dict(data.get("offices", {}))

    def write_manifest(self) -> None:
        payload = {"version": MANIFEST_VERSION, "offices": dict(sorted(self.manifest.items()))}
        atomic_write_text(self.manifest_path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")

    def entry(self, kode: str) -> dict[str, Any]:
        return self.manifest.get(kode, {})

    def save(self, data: OfficeData, *, source: str, source_id: str, fetched_at: datetime,
             source_modified: datetime | None = None, source_stamp: str | None = None) -> dict[str, Any]:
        """Write one office's valid frames atomically and record them in the manifest."""
        self.dir.mkdir(parents=True, exist_ok=True)
        target = self.dir / data.kode
        tmp = Path(tempfile.mkdtemp(dir=self.dir, prefix=f".{data.kode}."))
        try:
            for tab in OFFICE_TABS:
                frame = data.frames.get(tab, empty_frame(tab))
                frame.to_parquet(tmp / f"{tab}.parquet", index=False)
            old = None
            if target.exists():
                old = self.dir / f".{data.kode}.old"
                shutil.rmtree(old, ignore_errors=True)
                os.replace(target, old)
            os.replace(tmp, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        entry = {
            "source": source,
            "source_id": source_id,
            "source_modified": source_modified.isoformat() if source_modified else None,
            "source_stamp": source_stamp,
            "fetched_at": fetched_at.isoformat(),
            "rows": {tab: int(len(data.frames.get(tab, ()))) for tab in OFFICE_TABS},
            "content_hash": content_hash(data.frames),
            "valid": True,
            "seen_modified": source_modified.isoformat() if source_modified else None,
            "seen_stamp": source_stamp,
            "last_attempt_at": fetched_at.isoformat(),
            "last_attempt_ok": True,
        }
        self.manifest[data.kode] = entry
        return entry

    def record_failure(self, kode: str, *, at: datetime, source_modified: datetime | None = None,
                       source_stamp: str | None = None) -> None:
        """The latest attempt failed: keep the last good data, note the attempt."""
        entry = dict(self.manifest.get(kode, {}))
        entry.update({"last_attempt_at": at.isoformat(), "last_attempt_ok": False,
                      "valid": False, "seen_stamp": source_stamp,
                      "seen_modified": source_modified.isoformat() if source_modified else None})
        self.manifest[kode] = entry

    def has_data(self, kode: str) -> bool:
        return (self.dir / kode).is_dir() and "content_hash" in self.manifest.get(kode, {})

    def load(self, kode: str) -> OfficeData | None:
        """The last good data of an office, or None."""
        folder = self.dir / kode
        if not folder.is_dir():
            return None
        frames = {}
        for tab in OFFICE_TABS:
            path = folder / f"{tab}.parquet"
            frames[tab] = pd.read_parquet(path) if path.is_file() else empty_frame(tab)
            for c in frames[tab].columns:
                if frames[tab][c].dtype != object and str(frames[tab][c].dtype) in ("str", "string"):
                    col = frames[tab][c].astype(object)
                    frames[tab][c] = col.where(col.notna(), None)
        return OfficeData(kode, frames)
