"""The state of one office after a run, in one sentence for HR staff: whether its update is
held back and why, and which data the portal shows. It opens the office's part of the text
report and its `Validasi` tab, and is a field of the JSON report (read by the alerts).

    Kantor ini tertahan: data lama per 3 Juni 2026 tetap tampil karena tab Pegawai: kolom
    'hasil_kerja' tidak ditemukan.
    Kantor ini tertahan: belum ada data yang tampil karena tab Pengaduan tidak ditemukan.
    Data kantor ini tampil (data per 3 Juni 2026), kecuali 2 baris berisi kesalahan: …
    Data kantor ini tampil seluruhnya (data per 3 Juni 2026).

The sentence names tabs, contract headers and the catalogue's reasons only: never a cell
value (the Pegawai tab is private as a whole)."""
from __future__ import annotations

from datetime import date

from babel.dates import format_date
from pydantic import BaseModel, ConfigDict

from sheets_sync.findings.catalogue import ERROR
from sheets_sync.findings.finding import Finding

MAX_REASONS = 3  # reasons named in the sentence; the rest are counted


class OfficeState(BaseModel):
    """One office after a run: `tertahan` (held back: this run's data of the office is not
    used), the sentence, and the date of the data the portal shows (None: no data)."""

    model_config = ConfigDict(extra="ignore")

    kode: str
    tertahan: bool
    kalimat: str
    data_per: date | None = None


def tanggal(day: date) -> str:
    """A date as HR staff read it: `3 Juni 2026`."""
    return format_date(day, "d MMMM y", locale="id_ID")


def office_state(kode: str, findings: list[Finding], *, data_per: date | None) -> OfficeState:
    """The state of office `kode` from its findings of the run and the date of the data the
    portal shows for it (`data_per`; None when it shows none)."""
    reasons = list(dict.fromkeys(f.reason for f in findings if f.structural and f.reason))
    when = f"data per {tanggal(data_per)}" if data_per else ""
    if reasons:
        why = "; ".join(reasons[:MAX_REASONS])
        if len(reasons) > MAX_REASONS:
            why += f"; dan {len(reasons) - MAX_REASONS} masalah struktur lainnya"
        shown = (f"data lama per {tanggal(data_per)} tetap tampil" if data_per
                 else "belum ada data yang tampil")
        return OfficeState(kode=kode, tertahan=True, data_per=data_per,
                           kalimat=f"Kantor ini tertahan: {shown} karena {why}.")
    bad_rows = {(f.tab, f.row) for f in findings if f.severity == ERROR and f.row}
    if not when:
        text = "Belum ada data kantor ini yang tampil."
    elif bad_rows:
        text = (f"Data kantor ini tampil ({when}), kecuali {len(bad_rows)} baris berisi "
                "kesalahan: baris itu belum tampil sampai diperbaiki.")
    else:
        text = f"Data kantor ini tampil seluruhnya ({when})."
    return OfficeState(kode=kode, tertahan=False, kalimat=text, data_per=data_per)
