"""The `Validasi` tab of every office, written on schedule: with `source.write_back: true` each
sync (the scheduled publish's `kinerja sync`, and the sync inside `kinerja build`) writes the tab
of every office whose state sentence or findings changed since its tab was last written — the
findings shown when there are any, "Tidak ada temuan" once the office is clean. The layout is
`sources/google_writeback.py`'s; which offices to write is decided here.

`<state_dir>/validasi.json` (`ValidasiRecord`) keeps, per office, a digest of what its tab says
(state sentence, findings, layout version; not the time of the check), written after each
successful write. An office whose write failed keeps its old digest, so it is tried again next
run, and gets a warning (`validasi_tidak_tertulis`) in this run's report. Writing changes the
spreadsheet's modification time, so the next sync reads that office once more; its findings are
then the same and nothing is written."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from sheets_sync.errors import SourceError
from sheets_sync.findings import Finding, OfficeState, findings_to_json
from sheets_sync.snapshots import atomic_write_text
from sheets_sync.sources.base import OfficeRef

log = logging.getLogger("kinerja")

RECORD = "validasi.json"
LAYOUT = "2"  # the tab's layout (google_writeback): a new layout writes every tab again


class WritesBack(Protocol):
    """A source that can write an office's Validasi tab (`GoogleSource`)."""

    def write_back(self, office: OfficeRef, findings: list[Finding], checked_at: datetime, *,
                   state: OfficeState) -> None: ...


class ValidasiRecord(BaseModel):
    """`validasi.json`: office code -> digest of what its Validasi tab says now."""

    model_config = ConfigDict(extra="ignore")

    written: dict[str, str] = {}

    @classmethod
    def read(cls, state_dir: Path) -> ValidasiRecord:
        """The record in `state_dir`; empty when missing or unreadable (every tab is written)."""
        try:
            return cls.model_validate_json((Path(state_dir) / RECORD).read_bytes())
        except (OSError, ValidationError):
            return cls()

    def write(self, state_dir: Path) -> None:
        atomic_write_text(Path(state_dir) / RECORD, self.model_dump_json(indent=2) + "\n")


def digest(state: OfficeState, findings: list[Finding]) -> str:
    """What the office's tab says, as a digest: the same state and findings give the same."""
    h = hashlib.sha256(f"{LAYOUT}\0{state.kalimat}\0".encode())
    h.update(findings_to_json(findings).encode())
    return h.hexdigest()[:32]


def unreadable(findings: Iterable[Finding]) -> bool:
    """The office's sheet could not be read at all (not shared, wrong address, …): there is no
    spreadsheet to write into."""
    return any(f.structural and not f.tab for f in findings)


def write_changed(source: WritesBack, state_dir: Path,
                  offices: list[tuple[OfficeRef, OfficeState, list[Finding]]],
                  now: datetime) -> list[Finding]:
    """Write the Validasi tab of each office whose tab would say something new; returns one
    warning per office whose tab could not be written (for this run's report)."""
    record = ValidasiRecord.read(state_dir)
    problems: list[Finding] = []
    for ref, state, findings in offices:
        wanted = digest(state, findings)
        if record.written.get(ref.kode) == wanted or unreadable(findings):
            continue
        try:
            source.write_back(ref, findings, now, state=state)
        except SourceError as exc:
            log.warning("kinerja action=write_back status=failed office=%s code=%s", ref.kode,
                        exc.code)
            problems.append(Finding.of("validasi_tidak_tertulis", office=ref.kode,
                                       alasan=exc.message_id))
            if exc.reach != SourceError.OFFICE:  # the source cannot go on in this run
                break
            continue
        record.written[ref.kode] = wanted
    known = {ref.kode for ref, _, _ in offices}
    record.written = {k: v for k, v in record.written.items() if k in known}
    record.write(state_dir)
    return problems
