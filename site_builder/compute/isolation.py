"""One office's figures fail alone, as its sheet does in validation.

Before computing, every office's numbers are screened against what compute can hold (the bounds
validation applies, `sheets_sync.values.NUMBER_MAX`/`NUMBER_MIN`): a last good snapshot written
by an earlier version may hold a number this version's validation refuses. Such an office is
left out (status `missing`, finding `perhitungan_gagal`). When computing still raises, the
offices whose data makes it raise are found by halving the set (a compute costs the same fixed
~0.5 s however few offices it holds, so one office at a time would cost a minute) and left out
the same way; the others are computed and published. The common case costs one screen."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np

from sheets_sync.findings import Finding
from sheets_sync.portal_data import DataStatus, OfficeStatus, PortalData
from sheets_sync.values import NUMBER_MAX, NUMBER_MIN
from site_builder.marts import Marts

log = logging.getLogger("kinerja")

ALASAN = ("Angka kantor ini tidak dapat dihitung; data kantor ini tidak diterbitkan sampai "
          "diperbaiki.")
ALASAN_EN = "This office's figures could not be computed; its data is held back until fixed."
NUMBERS = {"indikator": ("bobot",), "capaian": ("target", "realisasi")}  # compute's inputs
Compute = Callable[[PortalData], Marts]


def compute_guarded(data: PortalData, compute: Compute) -> Marts:
    """`compute(data)` without the offices whose numbers it cannot hold or whose data makes it
    raise (taken out of `data`, with their status and a finding). Re-raises when no office's
    data does: a program error, not data."""
    findings = [_left_out(data, kode, reason) for kode, reason in screen(data).items()]
    try:
        marts = compute(data)
    except Exception as whole:  # a failure of the whole: find whose data it is
        broken = _broken(data, compute, list(data.data))
        if not broken:
            raise whole
        findings += [_left_out(data, kode, _where(exc)) for kode, exc in broken.items()]
        marts = compute(data)  # the others; raises if they still fail
    marts.findings = [*findings, *marts.findings]
    return marts


def screen(data: PortalData) -> dict[str, str]:
    """Offices holding a number compute cannot hold, with where (tab and column)."""
    found: dict[str, str] = {}
    for kode, office in data.data.items():
        for tab, columns in NUMBERS.items():
            frame = office.frames.get(tab)
            if frame is None:
                continue
            for column in (c for c in columns if c in frame.columns):
                x = np.abs(frame[column].to_numpy(dtype=np.float64, na_value=np.nan))
                bad = (x >= NUMBER_MAX) | ((x > 0) & (x < NUMBER_MIN)) | np.isinf(x)
                if bad.any() and kode not in found:
                    found[kode] = f"angka di luar batas di tab {tab.capitalize()}, kolom {column}"
    return found


def _broken(data: PortalData, compute: Compute, kodes: list[str]) -> dict[str, Exception]:
    """The offices of `kodes` that make `compute` raise on their own, found by halving."""
    try:
        compute(PortalData(data.offices, {k: data.data[k] for k in kodes}, data.status))
    except Exception as exc:
        if len(kodes) == 1:
            return {kodes[0]: exc}
        half = len(kodes) // 2
        return {**_broken(data, compute, kodes[:half]), **_broken(data, compute, kodes[half:])}
    return {}


def _where(exc: Exception) -> str:
    """The error's class, logged with where it happened (not its message: it may quote a
    value)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    at = f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb else "?"
    log.error("kinerja action=compute status=crashed error=%s at=%s", exc.__class__.__name__, at)
    return exc.__class__.__name__


def _left_out(data: PortalData, kode: str, reason: str) -> Finding:
    """Take `kode` out of `data` and say why."""
    log.error("kinerja action=compute office=%s status=left_out reason=%s", kode, reason)
    data.data.pop(kode, None)
    old = data.status.get(kode)
    data.status[kode] = OfficeStatus(
        kode=kode, status=DataStatus.MISSING, diperbarui=None,
        errors=(old.errors if old else 0) + 1, warnings=old.warnings if old else 0,
        alasan=ALASAN, alasan_en=ALASAN_EN, fetched_now=bool(old and old.fetched_now))
    return Finding.of("perhitungan_gagal", office=kode, galat=reason)
