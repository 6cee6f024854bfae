"""Blank workbooks for HR staff (`kinerja template OUT.xlsx`, `kinerja template --registry
OUT.xlsx`), built from the contract.

`write_template(path)` writes one office workbook: a `Petunjuk` tab (instructions in Bahasa
Indonesia, `workbooks.petunjuk`), then every office tab of `sheets_sync.contracts.TEMPLATE_TABS`
(the optional UmpanBalik last) with a bold, frozen header row, column widths, a note on each
header, one example row (row 2: its first cell is `contracts.EXAMPLE_MARKER`, which validation
skips; the other cells are the contract's examples), and data validation down to row
`LAST_ROW`:

- dropdowns that refuse other input for every enum column;
- a dropdown of the valid period codes of this year and the next for every `periode` column
  (from the hidden tab `Pilihan`), warning only: other periods typed in the right form are
  still accepted;
- a dropdown of the Indikator tab's codes for Capaian `kode` (warning only);
- whole numbers 1–4 for u1…u9 and the UmpanBalik `skor`, decimals in range for numbers, dates
  for date columns.

Text-like columns (NIP, kode, periode) are formatted as text so that Excel/Sheets do not turn
`2025-01` into a date or an 18-digit NIP into a rounded number. `write_registry_template(path)`
does the same for the `Kantor` registry."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sheets_sync import contracts as C
from sheets_sync.config import local_date
from sheets_sync.periods import periods_of_year
from sheets_sync.values import date_serial
from workbooks.petunjuk import HEADER_FILL, column_rule, write_petunjuk

LAST_ROW = 10_000  # validations cover rows 2..LAST_ROW (a Disdik Pegawai tab, a Forms export)
LISTS_TAB = "Pilihan"  # hidden: the period codes the periode dropdowns offer
FROM_TAB = {("capaian", "kode"): ("indikator", "kode")}
"""Columns whose dropdown lists another tab's column: the codes validation checks them against
(`validate._cross_checks`)."""
_PRIVATE_FILL = PatternFill("solid", fgColor="FCE4D6")
_EXAMPLE_FILL = PatternFill("solid", fgColor="EDEDED")
_EXAMPLE_FONT = Font(italic=True, color="595959")
_DATE_MIN_SERIAL = date_serial(date(2000, 1, 1))
_DATE_MAX_SERIAL = date_serial(date(2100, 12, 31))
_EXAMPLE_NOTE = (f"Baris contoh: sel pertamanya {C.EXAMPLE_MARKER}, sehingga portal tidak "
                 "membacanya. Biarkan, hapus, atau timpa dengan data Anda.")


def _dropdown(formula: str, style: Literal["stop", "warning"], message: str) -> DataValidation:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle=style)
    dv.error = message
    return dv


def _validation(tab: C.Tab, col: C.Column, periods: str) -> DataValidation | None:
    """The data validation of one column (None: free text)."""
    source = FROM_TAB.get((tab.key, col.name))
    if source is not None:
        other = C.TABS[source[0]]
        letter = get_column_letter(other.headers.index(source[1]) + 1)
        return _dropdown(f"{quote_sheetname(other.name)}!${letter}$2:${letter}${LAST_ROW}",
                         "warning", f"Pilih kode yang ada di tab {other.name}.")
    if col.kind == "period":
        return _dropdown(periods, "warning", "Periode yang dikenal: 2025, 2025-S1/S2, "
                         "2025-TW1 … TW4, 2025-01 … 2025-12. Pilih dari daftar, atau tulis "
                         "periode lain dengan format itu.")
    if col.kind == "enum":
        return _dropdown('"' + ",".join(col.choices) + '"', "stop",
                         "Pilih salah satu: " + ", ".join(col.choices))
    if col.kind == "integer":
        lo = int(col.minimum) if col.minimum is not None else 0
        hi = int(col.maximum) if col.maximum is not None else 2147483647
        dv = DataValidation(type="whole", operator="between", formula1=str(lo),
                            formula2=str(hi), allow_blank=True, errorStyle="stop")
        dv.error = f"Isi bilangan bulat {lo}–{hi}, atau kosongkan."
        return dv
    if col.kind == "number":
        op: Literal["greaterThan", "greaterThanOrEqual"] = (
            "greaterThan" if col.exclusive_minimum else "greaterThanOrEqual")
        low = col.minimum if col.minimum is not None else 0.0
        dv = DataValidation(type="decimal", operator=op, formula1=f"{low:g}", allow_blank=True,
                            errorStyle="warning")
        sign = ">" if col.exclusive_minimum else "≥"
        dv.error = f"Isi angka {sign} {low:g} (koma desimal boleh)."
        return dv
    if col.kind == "date":
        dv = DataValidation(type="date", operator="between", formula1=str(_DATE_MIN_SERIAL),
                            formula2=str(_DATE_MAX_SERIAL), allow_blank=True,
                            errorStyle="warning")
        dv.error = "Isi tanggal, mis. 03/02/2025 (hari/bulan/tahun)."
        return dv
    return None


def _validations(ws: Worksheet, tab: C.Tab, periods: str) -> None:
    for idx, col in enumerate(tab.columns, start=1):
        dv = _validation(tab, col, periods)
        if dv is None:
            continue
        letter = get_column_letter(idx)
        dv.errorTitle = f"Kolom {col.name}"
        dv.showErrorMessage = True
        dv.promptTitle = col.name[:32]
        dv.prompt = (col.help or col.name)[:255]
        dv.showInputMessage = True
        dv.add(f"{letter}2:{letter}{LAST_ROW}")
        ws.add_data_validation(dv)


def _example_row(ws: Worksheet, tab: C.Tab) -> None:
    """Row 2: the marker in the first (key) column, the contract's examples in the others."""
    for idx, col in enumerate(tab.columns, start=1):
        value: Any = C.EXAMPLE_MARKER if idx == 1 else col.example  # a contract's cell value
        cell = ws.cell(row=2, column=idx, value=value)
        cell.fill, cell.font = _EXAMPLE_FILL, _EXAMPLE_FONT
        if isinstance(value, date):
            cell.number_format = "DD/MM/YYYY"
        elif col.kind in ("nip", "code", "period", "text"):
            cell.number_format = "@"
    ws.cell(row=2, column=1).comment = Comment(_EXAMPLE_NOTE, "Portal Kinerja", width=280,
                                               height=80)


def _write_tab(ws: Worksheet, tab: C.Tab, periods: str) -> None:
    for idx, col in enumerate(tab.columns, start=1):
        cell = ws.cell(row=1, column=idx, value=col.name)
        cell.font = Font(bold=True)
        cell.fill = _PRIVATE_FILL if col.private else HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        note = f"{col.help}\n({column_rule(col)})" if col.help else column_rule(col)
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
    _example_row(ws, tab)
    _validations(ws, tab, periods)


def _period_list(wb: Workbook, year: int) -> str:
    """The hidden tab of period codes (this year and the next); the range the dropdowns use."""
    ws = wb.create_sheet(LISTS_TAB)
    codes = periods_of_year(year) + periods_of_year(year + 1)
    ws.cell(row=1, column=1, value="periode")
    for r, code in enumerate(codes, start=2):
        ws.cell(row=r, column=1, value=code).number_format = "@"
    ws.sheet_state = "hidden"
    return f"{quote_sheetname(LISTS_TAB)}!$A$2:$A${len(codes) + 1}"


def _save(path: Path, tabs: tuple[C.Tab, ...], registry: bool, year: int | None) -> None:
    year = year or local_date(datetime.now(UTC)).year
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook has one worksheet
    ws.title = "Petunjuk"
    write_petunjuk(ws, tabs, registry=registry, year=year, last_row=LAST_ROW)
    sheets = [(wb.create_sheet(tab.name), tab) for tab in tabs]
    has_periods = any(c.kind == "period" for tab in tabs for c in tab.columns)
    periods = _period_list(wb, year) if has_periods else ""
    for sheet, tab in sheets:
        _write_tab(sheet, tab, periods)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_template(path: Path, *, year: int | None = None) -> None:
    """Write a blank office workbook (Petunjuk + every office tab, the optional UmpanBalik
    last) to `path`; the periode dropdowns offer `year` (default: this year in Asia/Jakarta)
    and the next."""
    _save(Path(path), C.TEMPLATE_TABS, registry=False, year=year)


def write_registry_template(path: Path) -> None:
    """Write a blank registry workbook (Petunjuk + `Kantor`) to `path`."""
    _save(Path(path), (C.REGISTRY,), registry=True, year=None)
