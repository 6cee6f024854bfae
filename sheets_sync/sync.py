"""Sync: read the registry and every changed office from the source, validate, and keep each
office's last good data in the snapshot store. One office's failure never stops the others."""
from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import logging
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sheets_sync.config import PortalConfig, local_date
from sheets_sync.errors import BuildError, SourceError
from sheets_sync.findings import (
    ERROR,
    WARNING,
    Finding,
    Report,
    findings_from_json,
    findings_to_json,
    office_state,
)
from sheets_sync.portal_data import DataStatus, OfficeData, OfficeStatus, PortalData
from sheets_sync.snapshots import SnapshotStore, atomic_write_text
from sheets_sync.sources import OfficeRef, Source, make_source
from sheets_sync.sources.base import RawWorkbook
from sheets_sync.validate import validate_office, validate_registry

log = logging.getLogger("kinerja")

_VALIDATION = "sheets_sync.validate"
_PROJECT_PACKAGES = ("sheets_sync", "site_builder", "workbooks")


def contract_version() -> str:
    """Changes whenever anything that decides which rows validation keeps changes, so cached
    results are re-validated: the source of `sheets_sync.validate` and of every project module
    it imports, directly or not (contracts, values, periods, findings, messages, …). Validation
    reads no data file; one it starts reading must be hashed here too."""
    return _contract_version()


@functools.cache
def _contract_version() -> str:
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for path in validation_sources():
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def validation_sources() -> list[Path]:
    """The files of `sheets_sync.validate` and of the project modules it imports, transitively
    (read from their import statements, without running them), in a fixed order."""
    seen: dict[str, Path] = {}
    todo = [_VALIDATION]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            continue
        seen[name] = Path(spec.origin)
        todo += _project_imports(seen[name])
    return [seen[n] for n in sorted(seen)]


def _project_imports(path: Path) -> list[str]:
    """Project modules named by the import statements of one file (`from a import b` counts
    both `a` and, when it is a module, `a.b`)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    out = []
    for name in names:
        if name.split(".")[0] in _PROJECT_PACKAGES:
            try:
                if importlib.util.find_spec(name) is not None:
                    out.append(name)
            except ModuleNotFoundError:  # `from package import name` where name is no module
                continue
    return out


class Progress:
    """Per-office progress on a terminal; quiet (or structured log lines) in CI."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled

    def office(self, i: int, n: int, kode: str, what: str) -> None:
        if self.enabled:
            print(f"[{i}/{n}] {kode}: {what}", file=sys.stderr, flush=True)
        log.info("office=%s action=%s", kode, what.replace(" ", "_"))


@dataclass
class SyncResult:
    data: PortalData
    report: Report
    fetched: list[str] = field(default_factory=list)  # offices read from the source this run
    changed: bool = False  # any office's published data changed
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (benchmarks)


def _status_reason(status: DataStatus, when: datetime | None, timezone: str) -> tuple[str, str]:
    if status is DataStatus.STALE:
        tgl = local_date(when, timezone).isoformat() if when else "-"
        return (f"Pembaruan terakhir gagal validasi; menampilkan data terakhir yang valid ({tgl}).",
                f"The latest update failed validation; showing the last valid data ({tgl}).")
    if status is DataStatus.MISSING:
        return ("Belum ada data yang valid dari kantor ini.", "No valid data from this office yet.")
    return "", ""


def _findings_path(config: PortalConfig, kode: str) -> Path:
    return Path(config.state_dir) / "temuan" / f"{kode}.json"


def _save_findings(config: PortalConfig, kode: str, findings: list[Finding]) -> None:
    atomic_write_text(_findings_path(config, kode), findings_to_json(findings))


def _load_findings(config: PortalConfig, kode: str) -> list[Finding]:
    path = _findings_path(config, kode)
    return findings_from_json(path.read_bytes()) if path.is_file() else []


def sync(config: PortalConfig, *, now: datetime, persist: bool = True, force: bool = False,
         source: Source | None = None, progress: Progress | None = None) -> SyncResult:
    """Read the registry and every (changed) office, validate, update the snapshot store.

    `persist=False` (kinerja check) reads every office and writes nothing."""
    progress = progress or Progress()
    source = source or make_source(config)
    registry, reg_findings = validate_registry(source.read_registry())
    report = Report(reg_findings)
    if registry.empty:
        raise BuildError("the registry (Kantor) lists no valid office")
    store = SnapshotStore(Path(config.state_dir))
    if persist:
        for done in store.repair():  # what a run killed half-way left behind
            log.warning("kinerja action=repair_state %s", done)
    version = contract_version()
    refs = [OfficeRef(str(kode), str(nama), str(sumber), int(baris)) for kode, nama, sumber, baris
            in registry[["kode", "nama", "sumber", "baris"]].itertuples(index=False)]
    if persist and not force:
        to_read = source.changed_since(refs, store.manifest)
        to_read |= {r.kode for r in refs if store.entry(r.kode).contract != version}
    else:
        to_read = {r.kode for r in refs}
    data = PortalData(offices=registry.drop(columns=["baris"]).reset_index(drop=True))
    result = SyncResult(data=data, report=report)
    try:
        with _Reader(source, [r for r in refs if r.kode in to_read]) as reader:
            _sync_offices(config, refs, to_read, reader, store, version, result, now=now,
                          persist=persist, progress=progress)
    finally:  # also when the run ends early: the snapshots saved so far are recorded
        if persist:
            store.write_manifest()
    if persist and config.source.write_back and hasattr(source, "write_back"):
        report.extend(_write_validasi(config, source, refs, report, now))
    report.extend(getattr(source, "run_findings", []))  # about the run, e.g. an API not enabled
    return result


def _write_validasi(config: PortalConfig, source: Any, refs: list[OfficeRef], report: Report,
                    now: datetime) -> list[Finding]:
    """The scheduled write-back: each office's Validasi tab, where what it says changed."""
    from sheets_sync.validasi import write_changed

    mine: dict[str, list[Finding]] = {r.kode: [] for r in refs}
    for f in report.findings:
        if f.office in mine:
            mine[f.office].append(f)
    offices = [(r, report.states[r.kode], mine[r.kode]) for r in refs if r.kode in report.states]
    return write_changed(source, Path(config.state_dir), offices, now)


def _sync_offices(config: PortalConfig, refs: list[OfficeRef], to_read: set[str], reader: _Reader,
                  store: SnapshotStore, version: str, result: SyncResult, *, now: datetime,
                  persist: bool, progress: Progress) -> None:
    """Each office in registry order: read + validate + snapshot, or its stored snapshot."""
    stopped: SourceError | None = None  # the source cannot go on: the rest is not read
    not_read: list[str] = []
    source, data, report = reader.source, result.data, result.report
    today = config.local_date(now)
    for i, ref in enumerate(refs, start=1):
        findings: list[Finding]
        read_now = ref.kode in to_read and stopped is None
        if read_now:
            progress.office(i, len(refs), ref.kode, "membaca")
            try:
                office_data, findings, raw_meta = _read_one(reader, ref, today, result.timings)
            except SourceError as exc:  # only one that stops the run's reading gets here
                stopped, read_now = exc, False
                log.warning("kinerja action=sync status=stopped code=%s office=%s reason=%s",
                            exc.code, ref.kode, exc)
        if ref.kode in to_read and not read_now:
            not_read.append(ref.kode)
        if read_now:
            result.fetched.append(ref.kode)
            t0 = time.perf_counter()
            if persist:
                if office_data is not None:
                    old_hash = store.entry(ref.kode).content_hash
                    saved = store.save(office_data, source=source.name,
                                       source_id=raw_meta.get("source_id", ref.sumber),
                                       fetched_at=now, source_modified=raw_meta.get("modified"),
                                       source_stamp=raw_meta.get("source_stamp"), contract=version)
                    result.changed |= saved.content_hash != old_hash
                else:
                    store.record_failure(ref.kode, at=now, contract=version,
                                         source_modified=raw_meta.get("modified"),
                                         source_stamp=raw_meta.get("source_stamp"))
                    result.changed = True
                _save_findings(config, ref.kode, findings)
            _tick(result.timings, "snapshot", t0)
        else:  # unchanged, or not read because the source stopped: as the last run left it
            progress.office(i, len(refs), ref.kode,
                            "belum dibaca" if ref.kode in to_read else "tidak berubah")
            findings = _load_findings(config, ref.kode)
            office_data = store.load(ref.kode) if store.entry(ref.kode).last_attempt_ok else None
        report.extend(findings)
        fetched_at = store.entry(ref.kode).fetched_at
        if office_data is not None:
            status = DataStatus.OK
            if read_now and not persist:
                fetched_at = now
        else:
            office_data = store.load(ref.kode) if store.has_data(ref.kode) else None
            status = DataStatus.STALE if office_data is not None else DataStatus.MISSING
        if office_data is not None:
            data.data[ref.kode] = office_data
        alasan, alasan_en = _status_reason(status, fetched_at, config.timezone)
        shown = fetched_at if office_data is not None else None
        report.states[ref.kode] = office_state(
            ref.kode, findings, data_per=config.local_date(shown) if shown else None)
        counts = Report(findings).counts()
        data.status[ref.kode] = OfficeStatus(
            kode=ref.kode, status=status,
            diperbarui=fetched_at if office_data is not None else None,
            errors=counts[ERROR], warnings=counts[WARNING], alasan=alasan, alasan_en=alasan_en,
            fetched_now=read_now)
    if stopped is not None:
        report.extend([_stopped_finding(stopped, not_read)])


def _stopped_finding(exc: SourceError, not_read: list[str]) -> Finding:
    """The run's one finding when the source stopped (office "")."""
    fields = dict(exc.fields)
    if exc.code == "batas_waktu_habis":
        fields.update(jumlah=len(not_read), kantor=", ".join(not_read))
    return Finding.of(exc.code, office="", **fields)


def _tick(timings: dict[str, float], stage: str, since: float) -> None:
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - since


class _Reader:
    """Reads the offices to sync in order, one office ahead in a thread when the source allows
    it (`concurrent_reads`): calamine parses a workbook outside the GIL, so reading office
    i + 1 overlaps validating office i on a second core. Results and errors come back exactly
    as from `source.read_office`, in the same order; at most two workbooks are in memory."""

    def __init__(self, source: Source, refs: list[OfficeRef]) -> None:
        self.source = source
        self.refs = list(refs)
        ahead = getattr(source, "concurrent_reads", False) and len(self.refs) > 1
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="kinerja-read") if ahead else None
        self.pending: dict[str, Future] = {}
        self.next = 0

    def __enter__(self) -> _Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _submit_next(self) -> None:
        if self.pool is not None and self.next < len(self.refs):
            ref = self.refs[self.next]
            self.next += 1
            self.pending[ref.kode] = self.pool.submit(self.source.read_office, ref)

    def read(self, ref: OfficeRef) -> RawWorkbook:
        if self.pool is None:
            return self.source.read_office(ref)
        if not self.pending:
            self._submit_next()
        future = self.pending.pop(ref.kode, None)
        self._submit_next()
        return future.result() if future is not None else self.source.read_office(ref)


def _read_one(reader: _Reader, ref: OfficeRef, today: Any,
              timings: dict[str, float]) -> tuple[OfficeData | None, list[Finding], dict]:
    source = reader.source
    t0 = time.perf_counter()  # with a read-ahead thread: the time spent waiting for it
    try:
        raw = reader.read(ref)
    except SourceError as exc:  # its own catalogue code: not shared, wrong address, unreadable…
        _tick(timings, "read", t0)
        if exc.reach != SourceError.OFFICE:  # about the run, not this office
            raise
        return None, [Finding.of(exc.code, office=ref.kode, **exc.fields)], {}
    except Exception as exc:  # a bug in a source must not take the other offices down with it
        _tick(timings, "read", t0)
        return None, [_program_error(ref, exc, "read")], {}
    meta = {"source_id": raw.source_id, "modified": raw.modified, **raw.extra}

    def link(tab: str, cell: str) -> str | None:
        return source.cell_link(ref, tab, cell)

    _tick(timings, "read", t0)
    t0 = time.perf_counter()
    try:
        office_data, findings = validate_office(raw, ref, today=today, link=link)
    except Exception as exc:  # a bug must not take the other offices down with it
        _tick(timings, "validate", t0)
        return None, [_program_error(ref, exc, "validate")], meta
    _tick(timings, "validate", t0)
    return office_data, findings, meta


def _program_error(ref: OfficeRef, exc: Exception, action: str) -> Finding:
    """An unexpected error while reading or checking one office: that office keeps its last
    good data and gets a finding; the log names where it happened but not the message, which
    may quote a cell (no sheet content in logs)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb else "?"
    log.error("kinerja action=%s office=%s status=crashed error=%s at=%s", action, ref.kode,
              exc.__class__.__name__, where)
    step = "pembacaan sumber" if action == "read" else "pemeriksaan data"
    return Finding.of("sumber_gagal", office=ref.kode,
                      alasan=f"{step} berhenti karena kesalahan program "
                      f"({exc.__class__.__name__}); data terakhir yang baik tetap diterbitkan. "
                      "Laporkan ke pengelola portal")
