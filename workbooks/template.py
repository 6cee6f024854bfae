"""Blank workbooks for HR staff (`kinerja template OUT.xlsx`), built from the contract.

`write_template(path)` writes one office workbook: a `Petunjuk` tab (instructions in Bahasa
Indonesia, every column with its help text), then every office tab of
`sheets_sync.contracts.TEMPLATE_TABS` (the optional UmpanBalik last) with a bold, frozen header
row, column widths, a note on each header, and data validation: dropdowns for every enum column,
whole numbers 1–4 for u1…u9 and the UmpanBalik `skor`, decimals ≥ 0 for numbers, dates for date
columns. Text-like columns (NIP, kode, periode) are formatted as text so that Excel/Sheets do not
turn `2025-01` into a date or an 18-digit NIP into a rounded number.
`write_registry_template(path)` does the same for the `Kantor` registry.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sheets_sync import contracts as C
from sheets_sync.values import date_serial

LAST_ROW = 1000  # validations cover rows 2..LAST_ROW
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_PRIVATE_FILL = PatternFill("solid", fgColor="FCE4D6")
_TEXT_KINDS = {"nip", "code", "period", "text", "url", "enum"}
_DATE_MIN_SERIAL = date_serial(date(2000, 1, 1))
_DATE_MAX_SERIAL = date_serial(date(2100, 12, 31))

_KIND_ID = {
    "text": "teks",
    "code": "kode",
    "number": "angka",
    "integer": "bilangan bulat",
    "date": "tanggal",
    "period": "periode",
    "enum": "pilihan",
    "url": "alamat situs",
    "nip": "NIP",
}


def _column_rule(col: C.Column) -> str:
    """Short Indonesian description of what a cell of `col` may hold."""
    parts = [_KIND_ID.get(col.kind, col.kind)]
    if col.choices:
        parts.append("pilihan: " + " / ".join(col.choices))
    if col.minimum is not None and col.maximum is not None:
        parts.append(f"{col.minimum:g}–{col.maximum:g}")
    elif col.minimum is not None:
        parts.append(f"{'>' if col.exclusive_minimum else '≥'} {col.minimum:g}")
    if col.default is not None:
        parts.append(
            f"kosong = {col.default if not isinstance(col.default, float) else f'{col.default:g}'}"
        )
    if col.pattern:
        parts.append(f"pola {col.pattern}")
    if col.private:
        parts.append("RAHASIA, tidak diterbitkan")
    return "; ".join(parts)


def _validations(ws: Worksheet, tab: C.Tab) -> None:
    for idx, col in enumerate(tab.columns, start=1):
        letter = get_column_letter(idx)
        rng = f"{letter}2:{letter}{LAST_ROW}"
        dv: DataValidation | None = None
        if col.kind == "enum":
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(col.choices) + '"',
                allow_blank=True,
                errorStyle="stop",
            )
            dv.error = "Pilih salah satu: " + ", ".join(col.choices)
        elif col.kind == "integer":
            lo = int(col.minimum) if col.minimum is not None else 0
            hi = int(col.maximum) if col.maximum is not None else 2147483647
            dv = DataValidation(
                type="whole",
                operator="between",
                formula1=str(lo),
                formula2=str(hi),
                allow_blank=True,
                errorStyle="stop",
            )
            dv.error = f"Isi bilangan bulat {lo}–{hi}, atau kosongkan."
        elif col.kind == "number":
            op: Literal["greaterThan", "greaterThanOrEqual"] = (
                "greaterThan" if col.exclusive_minimum else "greaterThanOrEqual")
            low = col.minimum if col.minimum is not None else 0.0
            dv = DataValidation(
                type="decimal",
                operator=op,
                formula1=f"{low:g}",
                allow_blank=True,
                errorStyle="warning",
            )
            dv.error = (
                f"Isi angka {'>' if col.exclusive_minimum else '≥'} {low:g} (koma desimal boleh)."
            )
        elif col.kind == "date":
            dv = DataValidation(
                type="date",
                operator="between",
                formula1=str(_DATE_MIN_SERIAL),
                formula2=str(_DATE_MAX_SERIAL),
                allow_blank=True,
                errorStyle="warning",
            )
            dv.error = "Isi tanggal, mis. 03/02/2025 (hari/bulan/tahun)."
        if dv is None:
            continue
        dv.errorTitle = f"Kolom {col.name}"
        dv.showErrorMessage = True
        dv.promptTitle = col.name[:32]
        dv.prompt = (col.help or col.name)[:255]
        dv.showInputMessage = True
        dv.add(rng)
        ws.add_data_validation(dv)


def _write_tab(ws: Worksheet, tab: C.Tab) -> None:
    for idx, col in enumerate(tab.columns, start=1):
        cell = ws.cell(row=1, column=idx, value=col.name)
        cell.font = Font(bold=True)
        cell.fill = _PRIVATE_FILL if col.private else _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        note = f"{col.help}\n({_column_rule(col)})" if col.help else _column_rule(col)
        cell.comment = Comment(note, "Portal Kinerja", width=320, height=110)
        letter = get_column_letter(idx)
        width = max(len(col.name) + 4, 14)
        if col.kind == "text":
            width = max(width, 30)
        if col.kind == "enum":
            width = max(width, max(len(c) for c in col.choices) + 4)
        ws.column_dimensions[letter].width = min(width, 50)
        if col.kind in ("nip", "code", "period"):
            ws.column_dimensions[letter].number_format = "@"
        elif col.kind == "date":
            ws.column_dimensions[letter].number_format = "DD/MM/YYYY"
    ws.freeze_panes = "A2"
    _validations(ws, tab)


def _petunjuk(ws: Worksheet, tabs: tuple[C.Tab, ...], registry: bool = False) -> None:
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 70
    ws.column_dimensions["D"].width = 48
    rows: list[tuple[object, ...]] = []
    title = (
        "Petunjuk pengisian daftar kantor" if registry else "Petunjuk pengisian data kinerja kantor"
    )
    rows += [
        (title,),
        (
            "Lembar kerja ini dibaca otomatis oleh Portal Kinerja. "
            "Isi setiap tab sesuai petunjuk di bawah.",
        ),
        (),
        ("Aturan umum",),
        (
            "•",
            "",
            "Jangan mengubah, menghapus, atau memindahkan judul kolom di baris 1, dan jangan "
            "mengganti nama tab. Tab atau judul kolom yang berubah membuat seluruh data kantor "
            "tidak diperbarui (portal memakai data valid terakhir).",
        ),
        (
            "•",
            "",
            "Kolom tambahan boleh ada: diabaikan dan tidak pernah "
            "diterbitkan. Baris kosong dilewati.",
        ),
        (
            "•",
            "",
            "Angka boleh memakai koma desimal (87,5). Hindari titik ribuan: 12.500 bisa "
            "berarti 12500 atau 12,5 dan akan diberi peringatan.",
        ),
        (
            "•",
            "",
            "Tanggal: format tanggal lembar kerja, atau teks hari/bulan/tahun (03/02/2025 = "
            "3 Februari 2025).",
        ),
        ("•", "", "Gunakan pilihan pada daftar turun (dropdown); penulisan lain ditolak."),
        (),
    ]
    if not registry:
        rows += [
            ("Format periode",),
            ("Tahun", "", "2025"),
            ("Semester", "", "2025-S1, 2025-S2"),
            ("Triwulan", "", "2025-TW1, 2025-TW2, 2025-TW3, 2025-TW4"),
            ("Bulan", "", "2025-01 … 2025-12"),
            (),
            ("Kerahasiaan",),
            (
                "•",
                "",
                "Tab Pegawai RAHASIA: NIP, nama, dan rating perorangan TIDAK PERNAH "
                "diterbitkan. Portal hanya menampilkan distribusi predikat per kantor/unit, dan "
                "tidak untuk kelompok kurang dari 10 pegawai. "
                "Jangan bagikan lembar kerja ini ke publik.",
            ),
            (
                "•",
                "",
                "Tab UmpanBalik (opsional) RAHASIA: skor 1–4 dari atasan, rekan kerja dan "
                "masyarakat. Hanya dibaca untuk buku kerja tindak lanjut kepala kantor "
                "(jumlah dan rata-rata per sumber), tidak pernah diterbitkan; kolom komentar "
                "tidak dibaca.",
            ),
            (
                "•",
                "",
                "Jawaban SKM diterbitkan hanya sebagai nilai rata-rata per unit layanan; "
                "usia, pendidikan, dan saran responden tidak dibaca. Isi laporan dan identitas "
                "pelapor pengaduan tidak dibaca.",
            ),
            (
                "•",
                "",
                "Teks penjelasan di tab Capaian AKAN diterbitkan: "
                "tulis teks biasa, tanpa data pribadi.",
            ),
            (),
        ]
    rows += [
        ("Memperbaiki temuan",),
        (
            "•",
            "",
            "Setelah sinkronisasi, laporan validasi (perintah `kinerja check`) mencantumkan "
            "setiap temuan dengan tab, nomor baris, huruf kolom, nilai, aturan, "
            "dan cara memperbaikinya.",
        ),
        (
            "•",
            "",
            "KESALAHAN: baris itu tidak dipakai sampai diperbaiki (tab hilang atau judul "
            "kolom berubah: seluruh kantor tidak diperbarui). PERINGATAN: data tetap dipakai, "
            "tetapi periksa kembali.",
        ),
        ("•", "", "Perbaiki langsung di sel yang disebut, lalu tunggu sinkronisasi berikutnya."),
        (),
    ]
    rows.append(("Tab", "Kolom", "Isi", "Aturan"))
    header_row = len(rows)
    for tab in tabs:
        rows.append((tab.name, "", tab.help + ("" if tab.required_tab else " (tab opsional)")))
        for col in tab.columns:
            rows.append(
                (
                    "",
                    col.name,
                    col.help + ("" if col.required else " (boleh kosong)"),
                    _column_rule(col),
                )
            )
        if tab.key == "skm":
            rows.append(
                (
                    "",
                    "(lainnya)",
                    "Kolom Google Form lain (Timestamp, usia, pendidikan, "
                    "saran) boleh ada dan diabaikan.",
                    "",
                )
            )
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=str(v) if v is not None else None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if len(values) == 1:
            ws.cell(row=r, column=1).font = Font(bold=True, size=14 if r == 1 else 12)
        elif values and values[0] and values[0] != "•" and r > header_row:
            ws.cell(row=r, column=1).font = Font(bold=True)
    for c in range(1, 5):
        ws.cell(row=header_row, column=c).font = Font(bold=True)
        ws.cell(row=header_row, column=c).fill = _HEADER_FILL


def _save(path: Path, tabs: tuple[C.Tab, ...], registry: bool) -> None:
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook has one worksheet
    ws.title = "Petunjuk"
    _petunjuk(ws, tabs, registry)
    for tab in tabs:
        _write_tab(wb.create_sheet(tab.name), tab)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_template(path: Path) -> None:
    """Write a blank office workbook (Petunjuk + every office tab) to `path`."""
    _save(Path(path), C.TEMPLATE_TABS, registry=False)


def write_registry_template(path: Path) -> None:
    """Write a blank registry workbook (Petunjuk + `Kantor`) to `path`."""
    _save(Path(path), (C.REGISTRY,), registry=True)
