"""One office's figures fail alone, as its sheet does in validation: when computing the portal
raises, each office is computed on its own to find the ones whose data makes it fail; they are
left out (status `missing`, finding `perhitungan_gagal`) and the others are computed and
published. The common case (nothing fails) costs nothing extra.

Validation bounds what reaches compute (numbers compute can hold), so this catches what it does
not foresee: a last good snapshot written by an earlier version, or a bug."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sheets_sync.findings import Finding
from sheets_sync.portal_data import DataStatus, OfficeStatus, PortalData
from site_builder.marts import Marts

log = logging.getLogger("kinerja")

ALASAN = ("Angka kantor ini tidak dapat dihitung; data kantor ini tidak diterbitkan sampai "
          "diperbaiki.")
ALASAN_EN = "This office's figures could not be computed; its data is held back until fixed."


def compute_guarded(data: PortalData, compute: Callable[[PortalData], Marts]) -> Marts:
    """`compute(data)`; when it raises, the same without the offices that make it raise (taken
    out of `data`, with their status and a finding). Re-raises when no single office does: a
    program error, not data."""
    try:
        return compute(data)
    except Exception as whole:  # a failure of the whole: find whose data it is
        broken: dict[str, Exception] = {}
        for kode, office in data.data.items():
            try:
                compute(PortalData(data.offices, {kode: office}, data.status))
            except Exception as exc:
                broken[kode] = exc
        if not broken:
            raise whole
    findings = [_left_out(data, kode, exc) for kode, exc in broken.items()]
    marts = compute(data)  # the others; raises if they still fail
    marts.findings = [*findings, *marts.findings]
    return marts


def _left_out(data: PortalData, kode: str, exc: Exception) -> Finding:
    """Take `kode` out of `data` and say why (no value in the log or the finding: the error's
    message may quote one)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb else "?"
    log.error("kinerja action=compute office=%s status=crashed error=%s at=%s", kode,
              exc.__class__.__name__, where)
    data.data.pop(kode, None)
    old = data.status.get(kode)
    data.status[kode] = OfficeStatus(
        kode=kode, status=DataStatus.MISSING, diperbarui=None,
        errors=(old.errors if old else 0) + 1, warnings=old.warnings if old else 0,
        alasan=ALASAN, alasan_en=ALASAN_EN, fetched_now=bool(old and old.fetched_now))
    return Finding.of("perhitungan_gagal", office=kode, galat=exc.__class__.__name__)
