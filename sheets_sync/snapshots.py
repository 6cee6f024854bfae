"""The snapshot store: each office's last valid data on disk, with a manifest.

Layout under `state_dir`:
    manifest.json                    {"version": 2, "offices": {KODE: entry}}
                                     (the typed model is in sheets_sync.manifest)
    snapshots/KODE/<tab>.arrow       the staging frames as Arrow IPC files (no NIP, no names:
                                     validation drops them)

Arrow IPC is written and read back with little work per file (Parquet cost ~20x more here,
for 6 small frames per office), and its bytes are deterministic, so the content hash is a
plain SHA-256 of what is written. Version 1 stores (`<tab>.parquet`) are still read, so an
office whose first re-read after an upgrade fails keeps its last good data; manifest entries
of another version lose their `contract` stamp, so every office is re-read (and re-written in
this layout) by the next sync.

Every write is atomic: files are written beside their target and renamed into place, so a crash
never leaves a half-written snapshot or manifest. A run killed between the two renames of a
snapshot swap leaves `snapshots/.KODE.old` and no `snapshots/KODE`: readers use the `.old` folder,
and `repair()` (the next sync) puts it back and removes leftover temporary folders and files."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from sheets_sync.contracts import empty_frame
from sheets_sync.manifest import Manifest, ManifestEntry
from sheets_sync.portal_data import OFFICE_TABS, OfficeData

SUFFIX = ".arrow"
_LEGACY_SUFFIX = ".parquet"  # manifest version 1
_DTYPES = b"kinerja.dtypes"  # schema metadata: column -> pandas dtype


def encode_frame(frame: pd.DataFrame) -> bytes:
    """A staging frame as Arrow IPC file bytes. The pandas dtypes go in the schema metadata, so
    `decode_frame` restores the frame exactly (str/None objects, NaN, <NA>, NaT included)."""
    arrays, dtypes = [], {}
    for name, col in frame.items():  # not frame[name]: a label look-up costs more than the column
        dtypes[str(name)] = dtype = str(col.dtype)
        if dtype == "object":
            values = col.to_numpy()
            try:
                arrays.append(pa.array(values, type=pa.string(), from_pandas=True))
            except (pa.ArrowTypeError, pa.ArrowInvalid):  # not text: let Arrow infer the type
                arrays.append(pa.array(values, from_pandas=True))
        elif isinstance(col.dtype, pd.api.extensions.ExtensionDtype):  # Int64: nulls kept
            arrays.append(pa.array(col.array))
        else:  # NaN and NaT are stored as nulls and come back as NaN and NaT
            arrays.append(pa.array(col.to_numpy(), from_pandas=True))
    fields = [pa.field(str(n), a.type) for n, a in zip(frame.columns, arrays, strict=True)]
    schema = pa.schema(fields, metadata={_DTYPES: json.dumps(dtypes)})
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, schema) as writer:
        writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
    return sink.getvalue().to_pybytes()


def decode_frame(data: bytes) -> pd.DataFrame:
    """The frame `encode_frame` wrote, with the same columns, dtypes and values."""
    table = pa.ipc.open_file(pa.BufferReader(data)).read_all()
    dtypes = json.loads(table.schema.metadata[_DTYPES])
    index = pd.RangeIndex(table.num_rows)
    columns: dict[str, Any] = {}
    for name, col in zip(table.column_names, table.columns, strict=True):
        dtype = dtypes[name]
        if dtype == "object":
            columns[name] = pd.Series(_objects(col), index=index, dtype=object, copy=False)
        else:
            target = _pandas_dtype(dtype)
            if isinstance(target, pd.api.extensions.ExtensionDtype):  # Int64: nulls are <NA>
                columns[name] = target.__from_arrow__(col)  # type: ignore[attr-defined]
            else:  # a copy: Arrow's zero-copy views are read-only, frames must stay writable
                columns[name] = np.array(col.to_numpy(), dtype=target)
    return pd.DataFrame(columns, index=index, copy=False)


def _objects(col: pa.ChunkedArray) -> np.ndarray:
    """An object column's values; text as one `str` per distinct value (a million employees'
    units and positions are a few thousand strings, not a million), nulls as None."""
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        return col.to_numpy(zero_copy_only=False)
    encoded = col.combine_chunks().dictionary_encode()
    values = np.empty(len(encoded.dictionary) + 1, dtype=object)
    values[:-1] = encoded.dictionary.to_numpy(zero_copy_only=False)
    values[-1] = None
    return values[encoded.indices.fill_null(len(encoded.dictionary)).to_numpy()]


@functools.cache
def _pandas_dtype(name: str) -> Any:
    return pd.api.types.pandas_dtype(name)  # a registry search by name: worth remembering


def _digest(encoded: dict[str, bytes]) -> str:
    """The content hash of an office: changes iff a tab's columns, dtypes or values do."""
    h = hashlib.sha256()
    for tab in sorted(encoded):
        data = encoded[tab]
        h.update(tab.encode() + b"\0" + len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _encode_tab(data: OfficeData, tab: str) -> bytes:
    if tab in data.frames:
        return encode_frame(data.frames[tab])
    return _encoded_empty(tab)


@functools.cache
def _encoded_empty(tab: str) -> bytes:
    return encode_frame(empty_frame(tab))


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
        self.manifest: dict[str, ManifestEntry] = Manifest.read(self.manifest_path).offices

    def write_manifest(self) -> None:
        atomic_write_text(self.manifest_path, Manifest(offices=self.manifest).to_json())

    def entry(self, kode: str) -> ManifestEntry:
        """The office's manifest entry (an empty one when the office is not in the manifest)."""
        return self.manifest.get(kode) or ManifestEntry()

    def save(self, data: OfficeData, *, source: str, source_id: str, fetched_at: datetime,
             source_modified: datetime | None = None, source_stamp: str | None = None,
             contract: str | None = None) -> ManifestEntry:
        """Write one office's valid frames atomically and record them in the manifest."""
        encoded = {tab: _encode_tab(data, tab) for tab in OFFICE_TABS}
        self.dir.mkdir(parents=True, exist_ok=True)
        target = self.dir / data.kode
        tmp = Path(tempfile.mkdtemp(dir=self.dir, prefix=f".{data.kode}."))
        try:
            for tab, payload in encoded.items():
                (tmp / f"{tab}{SUFFIX}").write_bytes(payload)
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
        entry = ManifestEntry(
            source=source, source_id=source_id, source_modified=source_modified,
            source_stamp=source_stamp, fetched_at=fetched_at,
            rows={tab: int(len(data.frames.get(tab, ()))) for tab in OFFICE_TABS},
            content_hash=_digest(encoded), valid=True, seen_modified=source_modified,
            seen_stamp=source_stamp, last_attempt_at=fetched_at, last_attempt_ok=True,
            contract=contract,
        )
        self.manifest[data.kode] = entry
        return entry

    def record_failure(self, kode: str, *, at: datetime, source_modified: datetime | None = None,
                       source_stamp: str | None = None, contract: str | None = None) -> None:
        """The latest attempt failed: keep the last good data, note the attempt."""
        self.manifest[kode] = self.entry(kode).model_copy(update={
            "last_attempt_at": at, "last_attempt_ok": False, "valid": False,
            "seen_stamp": source_stamp, "seen_modified": source_modified, "contract": contract})

    def repair(self) -> list[str]:
        """Undo what a run killed half-way left in the store: an interrupted snapshot swap (the
        office's folder missing, `.KODE.old` beside it) is put back, so the office keeps its last
        good data; temporary snapshot folders and `.*.tmp` files are removed. Returns what was
        done, for the log."""
        done: list[str] = []
        if self.dir.is_dir():
            for item in sorted(self.dir.iterdir()):
                if not item.name.startswith(".") or not item.is_dir():
                    continue
                kode = item.name[1:-len(".old")] if item.name.endswith(".old") else None
                if kode and not (self.dir / kode).exists():
                    os.replace(item, self.dir / kode)
                    done.append(f"restored {kode}")
                else:
                    shutil.rmtree(item, ignore_errors=True)
                    done.append(f"removed {item.name}")
        for folder in (self.root, self.root / "temuan", self.root / "laporan"):
            for tmp in folder.glob(".*.tmp") if folder.is_dir() else ():
                tmp.unlink(missing_ok=True)
                done.append(f"removed {tmp.name}")
        return done

    def _folder(self, kode: str) -> Path | None:
        """The office's snapshot folder; its `.old` copy when a swap was interrupted."""
        for folder in (self.dir / kode, self.dir / f".{kode}.old"):
            if folder.is_dir():
                return folder
        return None

    def has_data(self, kode: str) -> bool:
        return self._folder(kode) is not None and self.entry(kode).has_data

    def load(self, kode: str) -> OfficeData | None:
        """The last good data of an office, or None."""
        folder = self._folder(kode)
        if folder is None:
            return None
        frames = {}
        for tab in OFFICE_TABS:
            path = folder / f"{tab}{SUFFIX}"
            if path.is_file():
                frames[tab] = decode_frame(path.read_bytes())
            elif (folder / f"{tab}{_LEGACY_SUFFIX}").is_file():
                frames[tab] = _read_legacy(folder / f"{tab}{_LEGACY_SUFFIX}")
            else:
                frames[tab] = empty_frame(tab)
        return OfficeData(kode, frames)


def _read_legacy(path: Path) -> pd.DataFrame:
    """A version-1 Parquet snapshot, with pandas' "str" columns back to str/None objects."""
    frame = pd.read_parquet(path)
    for c in frame.columns:
        if frame[c].dtype != object and str(frame[c].dtype) in ("str", "string"):
            col = frame[c].astype(object)
            frame[c] = col.where(col.notna(), None)
    return frame
