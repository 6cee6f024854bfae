"""The follow-up as the office reads it: named sheets of titled tables, in Bahasa Indonesia.
One declaration for both outputs — the workbook (`workbook.py`, one worksheet per sheet) and the
`Tindak Lanjut` tab of the office's own Google spreadsheet (`tab_rows`, the sheets one under the
other)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

import pandas as pd

from sheets_sync.contracts import SUMBER_UMPAN_BALIK
from sheets_sync.findings import Finding
from site_builder.rules import PREDIKAT_KEYS, predikat_labels
from site_builder.rules.tindak_lanjut import TindakLanjutRule
from site_builder.tindak_lanjut.compute import FollowUp

Cell = str | int | Decimal | None
"""A cell: text, a whole number, an exact decimal, or blank."""
Role = Literal["blank", "title", "header", "data"]

PRIVATE_NOTE = ("RAHASIA: memuat NIP, nama dan predikat perorangan. Hanya untuk kepala kantor "
                "dan pengelola kepegawaian kantor ini; jangan diterbitkan atau dibagikan.")
_CHANGE = {"naik": "Naik", "tetap": "Tetap", "turun": "Turun", "baru": "Baru"}
_LIST = {"pengembangan": "Pengembangan", "penghargaan": "Penghargaan", "": ""}


@dataclass(frozen=True)
class Block:
    """A table: an optional bold title line, a header row (none for label/value lines) and
    rows."""

    title: str | None
    header: tuple[str, ...] = ()
    rows: list[tuple[Cell, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook (one section of the Google tab): its name and its tables."""

    name: str
    blocks: tuple[Block, ...]


def _label(key: object) -> str | None:
    return predikat_labels()[str(key)]["id"] if isinstance(key, str) and key else None


def _labels(keys: Sequence[str]) -> str:
    return ", ".join(predikat_labels()[k]["id"] for k in keys)


def _cells(frame: pd.DataFrame, columns: Sequence[str]) -> list[tuple[Cell, ...]]:
    """The rows of `frame`'s `columns` as cells (numpy ints made plain, NaN made blank)."""
    out = []
    for row in frame[list(columns)].itertuples(index=False):
        out.append(tuple(_cell(v) for v in row))
    return out


def _cell(value: object) -> Cell:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (str, Decimal)):
        return value
    if isinstance(value, (bool,)):
        return "ya" if value else "tidak"
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return str(value)


def _summary(fu: FollowUp, office_name: str, rule: TindakLanjutRule,
             findings: list[Finding], generated: str) -> Sheet:
    prev = fu.periode_sebelumnya
    blocks = [Block(f"Tindak lanjut kinerja pegawai — {office_name} ({fu.kode})", (), [
        ("Kerahasiaan", PRIVATE_NOTE),
        ("Periode terakhir", fu.periode),
        ("Periode sebelumnya", prev or "tidak ada"),
        ("Pegawai periode terakhir", len(fu.pegawai)),
        ("Aturan tindak lanjut", rule.tag),
        ("Dibuat", generated),
    ])]
    header = ("Unit kerja", "Jumlah pegawai", *(predikat_labels()[k]["id"] for k in PREDIKAT_KEYS))
    for periode in [fu.periode] + ([prev] if prev else []):
        part = fu.distribusi[fu.distribusi["periode"] == periode]
        unit = part["unit_kerja"].where(part["unit_kerja"].notna(), "Seluruh kantor")
        rows = _cells(part.assign(unit_kerja=unit), ["unit_kerja", "jumlah_pegawai",
                                                     *PREDIKAT_KEYS])
        blocks.append(Block(f"Distribusi predikat {periode}", header, rows))
    kurva_rows: list[tuple[Cell, ...]] = []
    for r in fu.kurva.itertuples(index=False):
        result = ("Tidak diperiksa (tab Organisasi tidak memuat predikat organisasi periode ini)"
                  if r.sesuai is None else "Sesuai" if r.sesuai else "Tidak sesuai")
        kurva_rows.append((r.periode, r.predikat_organisasi, result,
                           "; ".join(r.pelanggaran) or None))  # type: ignore[arg-type]
    blocks.append(Block("Kurva distribusi (SE MenPANRB 3/2023)",
                        ("Periode", "Predikat organisasi", "Hasil", "Batas yang dilanggar"),
                        kurva_rows))
    if prev:
        c = fu.perubahan
        blocks.append(Block(f"Perubahan predikat {prev} → {fu.periode}", ("Perubahan", "Pegawai"), [
            ("Naik", c["naik"]), ("Tetap", c["tetap"]), ("Turun", c["turun"]),
            (f"Baru (tanpa predikat {prev})", c["baru"]),
            (f"Tercatat pada {prev}, tidak pada {fu.periode}", c["keluar"])]))
        if len(fu.keluar):
            keluar = fu.keluar.assign(predikat_sebelumnya=fu.keluar["predikat_sebelumnya"]
                                      .map(_label))
            blocks.append(Block(f"Tercatat pada {prev}, tidak pada {fu.periode}",
                                ("NIP", "Nama", "Jabatan", "Unit kerja", f"Predikat {prev}"),
                                _cells(keluar, ["nip", "nama", "jabatan", "unit_kerja",
                                                "predikat_sebelumnya"])))
    running = rule.penghargaan_berturut
    blocks.append(Block("Daftar tindak lanjut", ("Daftar", "Pegawai", "Kriteria", "Dasar"), [
        ("Pengembangan", len(fu.pengembangan), f"predikat {_labels(rule.pengembangan)}",
         rule.pengembangan_dasar),
        ("Penghargaan", len(fu.penghargaan),
         f"predikat {_labels(rule.penghargaan)}"
         + (f", {running} periode berturut-turut" if running > 1 else ""),
         rule.penghargaan_dasar)]))
    errors = sum(1 for f in findings if f.severity.value == "error")
    blocks.append(Block("Data", (), [
        ("Baris UmpanBalik periode terakhir yang dipakai", fu.umpan_balik_dipakai),
        ("Baris UmpanBalik periode terakhir tanpa pegawai yang cocok",
         fu.umpan_balik_tanpa_pegawai),
        ("Temuan pada tab Pegawai, Organisasi, UmpanBalik", len(findings)),
        ("Di antaranya kesalahan (barisnya tidak dipakai; rincian di bagian Temuan)", errors),
    ]))
    return Sheet("Ringkasan", tuple(blocks))


def _employees(fu: FollowUp) -> Sheet:
    prev = fu.periode_sebelumnya
    frame = fu.pegawai.assign(
        predikat=fu.pegawai["predikat"].map(_label),
        predikat_sebelumnya=fu.pegawai["predikat_sebelumnya"].map(_label),
        perubahan=fu.pegawai["perubahan"].map(_CHANGE) if prev else None,
        daftar=fu.pegawai["daftar"].map(_LIST))
    columns = ["nip", "nama", "jabatan", "unit_kerja", "hasil_kerja", "perilaku_kerja",
               "predikat", "predikat_sebelumnya", "perubahan", "daftar", "tindak_lanjut",
               "dasar"]
    header = ["NIP", "Nama", "Jabatan", "Unit kerja", "Hasil kerja", "Perilaku kerja",
              f"Predikat {fu.periode}", f"Predikat {prev or 'sebelumnya'}", "Perubahan",
              "Daftar", "Tindak lanjut", "Dasar"]
    for sumber in SUMBER_UMPAN_BALIK:
        key = sumber.replace(" ", "_")
        columns += [f"ub_{key}_jumlah", f"ub_{key}_rerata"]
        header += [f"Umpan balik {sumber} (jumlah)", f"Umpan balik {sumber} (rata-rata 1–4)"]
    return Sheet("Pegawai", (Block(None, tuple(header), _cells(frame, columns)),))


def _development(fu: FollowUp) -> Sheet:
    need = Block("Kebutuhan pengembangan per unit kerja dan jabatan",
                 ("Unit kerja", "Jabatan", "Pegawai", "Hasil kerja di bawah ekspektasi",
                  "Perilaku kerja di bawah ekspektasi"),
                 _cells(fu.kebutuhan, ["unit_kerja", "jabatan", "pegawai", "hasil_kerja",
                                       "perilaku_kerja"]))
    frame = fu.pengembangan.assign(predikat=fu.pengembangan["predikat"].map(_label))
    people = Block(f"Pegawai yang perlu pengembangan ({fu.periode})",
                   ("Unit kerja", "Jabatan", "NIP", "Nama", "Predikat", "Hasil kerja",
                    "Perilaku kerja", "Fokus pengembangan",
                    "Di bawah ekspektasi (periode berturut-turut)", "Sejak", "Tindak lanjut"),
                   _cells(frame, ["unit_kerja", "jabatan", "nip", "nama", "predikat",
                                  "hasil_kerja", "perilaku_kerja", "fokus", "di_bawah_berturut",
                                  "di_bawah_sejak", "tindak_lanjut"]))
    return Sheet("Pengembangan", (need, people))


def _recognition(fu: FollowUp) -> Sheet:
    frame = fu.penghargaan.assign(predikat=fu.penghargaan["predikat"].map(_label))
    return Sheet("Penghargaan", (Block(None, (
        "Urutan", "NIP", "Nama", "Jabatan", "Unit kerja", "Predikat",
        "Berturut-turut (periode)", "Sejak", "Tindak lanjut"),
        _cells(frame, ["urutan", "nip", "nama", "jabatan", "unit_kerja", "predikat",
                       "penghargaan_berturut", "penghargaan_sejak", "tindak_lanjut"])),))


def _findings(findings: list[Finding]) -> Sheet:
    rows: list[tuple[Cell, ...]] = [
        (f.code, f.severity.label.capitalize(), f.tab, f.cell, f.header or f.column, f.message,
         f.hint) for f in findings]
    return Sheet("Temuan", (Block(None, ("Kode temuan", "Tingkat", "Tab", "Sel", "Kolom", "Pesan",
                                         "Cara memperbaiki"), rows),))


def follow_up_sheets(fu: FollowUp, *, office_name: str, rule: TindakLanjutRule,
                     findings: list[Finding], generated: str) -> list[Sheet]:
    """The follow-up's sheets: Ringkasan, Pegawai, Pengembangan, Penghargaan, and Temuan when
    the office's follow-up tabs have findings (their texts never quote a private cell)."""
    sheets = [_summary(fu, office_name, rule, findings, generated), _employees(fu),
              _development(fu), _recognition(fu)]
    if findings:
        sheets.append(_findings(findings))
    return sheets


def sheet_rows(sheet: Sheet) -> list[tuple[Role, list[Cell]]]:
    """The sheet's rows with their role: each table's title, header and data (`Tidak ada`
    when it has no rows), a blank row between two tables."""
    rows: list[tuple[Role, list[Cell]]] = []
    for block in sheet.blocks:
        if rows:
            rows.append(("blank", []))
        if block.title:
            rows.append(("title", [block.title]))
        if block.header:
            rows.append(("header", list(block.header)))
        rows += [("data", list(r)) for r in block.rows]
        if not block.rows:
            rows.append(("data", ["Tidak ada"]))
    return rows


def tab_rows(sheets: Sequence[Sheet]) -> list[list[Cell]]:
    """Every sheet one under the other, as the rows of one tab: the sheet's name on a line of
    its own, then its rows; a blank row between two sheets."""
    rows: list[list[Cell]] = []
    for sheet in sheets:
        if rows:
            rows.append([])
        rows.append([f"== {sheet.name} =="])
        rows += [cells for _, cells in sheet_rows(sheet)]
    return rows
