"""Worksheet XML: the sheet head (view, frozen header row, column widths) and tail (autofilter),
and three ways to fill a sheet:

- `table_sheet`: a typed table written a column at a time with numpy (the open-data bundle:
  a cell's text is made once per distinct value, then spread over the rows);
- `text_sheet`: a few rows of text through the shared strings (the bundle's Keterangan);
- `rows_sheet_xml`: row-wise sheets of Python values with inline strings (the demo workbooks).
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from sheets_sync.values import column_letter
from workbooks.xlsx.cells import CellKind, cell_tails, cell_xml
from workbooks.xlsx.package import SheetXml, write_package
from workbooks.xlsx.styles import BOLD, CellFormat, Styles
from workbooks.xlsx.text import NS_MAIN, NS_REL, XML_HEAD, SharedStrings, cell_text, col_width

__all__ = ["MAX_ROWS", "RowSheet", "TableColumn", "rows_sheet_xml", "sheet_head", "sheet_tail",
           "table_sheet", "text_sheet", "write_sheets"]

MAX_ROWS = 1_048_576
"""Rows one worksheet holds (the header row included)."""
_CHUNK_ROWS = 20_000  # rows of `table_sheet` XML joined at a time (bounds memory)
_MAX_WIDTH = 60  # characters of a `table_sheet` column, before padding

# Formats of `rows_sheet_xml`: 1 date, 2 date and time (`cell_xml`'s defaults), 3 header.
_ROW_FORMATS = (CellFormat(number_format="dd/mm/yyyy"),
                CellFormat(number_format="dd/mm/yyyy hh:mm:ss"),
                CellFormat(bold=True, fill="FFDDEBF7"))
_ROW_HEADER = 3


def sheet_head(ref: str, widths: Sequence[float], *, selected: bool = False,
               frozen: bool = False) -> str:
    """Worksheet XML up to `<sheetData>`: the used range `ref`, the view (`selected`: the tab
    shown on opening; `frozen`: the first row stays in view) and the column widths in
    characters (neighbours of equal width share one `<col>`)."""
    pane = ('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft"/>' if frozen else "")
    tab = 'tabSelected="1" ' if selected else ""
    view = (f'<sheetView {tab}workbookViewId="0">{pane}</sheetView>' if pane
            else f'<sheetView {tab}workbookViewId="0"/>')
    cols, c = [], 1
    for w, same in itertools.groupby(widths):
        n = len(list(same))
        cols.append(f'<col min="{c}" max="{c + n - 1}" width="{col_width(w)}" customWidth="1"/>')
        c += n
    return (XML_HEAD + f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">'
            f'<dimension ref="{ref}"/><sheetViews>{view}</sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{"".join(cols)}</cols><sheetData>')


def sheet_tail(autofilter: str | None = None) -> str:
    """Worksheet XML after the rows: an autofilter over `autofilter` (a range), page margins."""
    return ("</sheetData>" + (f'<autoFilter ref="{autofilter}"/>' if autofilter else "")
            + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/></worksheet>')


@dataclass(frozen=True)
class TableColumn:
    """A column of `table_sheet`, dictionary-encoded: the distinct `values` (text already in
    its published form) and per row the index of its value (`codes`, -1 = blank cell)."""

    header: str
    kind: CellKind
    values: Sequence[Any]
    codes: np.ndarray

    def width(self) -> int:
        """Characters: the header or the longest text (dates 10), at most 60, plus 2."""
        width = len(self.header)
        if self.kind == "string" and self.values:
            width = max(width, max(len(v) for v in self.values))
        elif self.kind == "date":
            width = max(width, 10)
        return min(width, _MAX_WIDTH) + 2


def table_sheet(name: str, columns: Sequence[TableColumn], strings: SharedStrings,
                styles: Styles) -> SheetXml:
    """A table's sheet: bold header row, frozen under it, an autofilter, fitted widths, typed
    cells. The cell texts are made per distinct value now; the rows are joined while the
    zip is written."""
    n = len(columns[0].codes) if columns else 0
    if n + 1 > MAX_ROWS:
        raise ValueError(f"{n} rows do not fit one sheet")
    letters = [column_letter(c) for c in range(len(columns))]
    bold = styles.add(BOLD)
    header = "".join(
        f'<c r="{letter}1" s="{bold}" t="s"><v>{strings.index(c.header)}</v></c>'
        for letter, c in zip(letters, columns, strict=True))
    tails = []
    for c in columns:
        table = np.empty(len(c.values) + 1, dtype=object)
        table[:-1] = cell_tails(c.kind, c.values, strings, styles)
        table[-1] = ""  # code -1 indexes the last item
        tails.append(table[c.codes])
    blanks = [c.codes < 0 for c in columns]
    strings.count += len(columns) + sum(int(np.count_nonzero(~b)) for c, b in
                                        zip(columns, blanks, strict=True) if c.kind == "string")
    ref = f"A1:{letters[-1]}{n + 1}"
    head = sheet_head(ref, [c.width() for c in columns], frozen=True)

    def parts() -> Iterator[str]:
        yield head + f'<row r="1">{header}</row>'
        for lo in range(0, n, _CHUNK_ROWS):
            hi = min(n, lo + _CHUNK_ROWS)
            rows = np.arange(lo + 2, hi + 2).astype(str).astype(object)
            # a row is the pieces  <row r="|N|">  then per cell  <c r="A|N|tail  then </row>;
            # numpy fills them a column at a time and one join makes the text
            pieces = np.empty((hi - lo, 3 * len(columns) + 4), dtype=object)
            pieces[:, 0] = '<row r="'
            pieces[:, 1] = rows
            pieces[:, 2] = '">'
            for j, letter in enumerate(letters):
                cell = pieces[:, 3 + 3 * j:6 + 3 * j]  # a view
                cell[:, 0] = f'<c r="{letter}'
                cell[:, 1] = rows
                cell[:, 2] = tails[j][lo:hi]
                cell[blanks[j][lo:hi]] = ""  # a blank cell is left out
            pieces[:, -1] = "</row>"
            yield "".join(pieces.ravel().tolist())
        yield sheet_tail(ref)

    return SheetXml(name, parts(), autofilter=ref)


def text_sheet(name: str, rows: Sequence[tuple[int, Sequence[str | None], int]],
               widths: Sequence[float], strings: SharedStrings, *,
               selected: bool = False) -> SheetXml:
    """A sheet of text: each row is (sheet row number, texts from column A, cell format);
    blank texts leave their cell out."""
    xml: list[str] = []
    last_col = 0
    for row, values, xf in rows:
        style = f' s="{xf}"' if xf else ""
        cells = []
        for c, value in enumerate(values):
            if value:
                index = strings.index(cell_text(value))
                cells.append(f'<c r="{column_letter(c)}{row}"{style} t="s"><v>{index}</v></c>')
                strings.count += 1
                last_col = max(last_col, c)
        xml.append(f'<row r="{row}">{"".join(cells)}</row>')
    ref = f"A1:{column_letter(last_col)}{rows[-1][0]}"
    return SheetXml(name, [sheet_head(ref, widths, selected=selected), *xml, sheet_tail()])


class RowSheet(Protocol):
    """What `rows_sheet_xml` reads of a sheet (e.g. `workbooks.demo.Sheet`)."""

    name: str
    headers: list[str]
    rows: list[list[object]]


def rows_sheet_xml(sheet: RowSheet, selected: bool) -> Iterator[str]:
    """Worksheet XML of a row-wise sheet in chunks (formats of `write_sheets`): header row on
    light blue, frozen below it, column widths from the header lengths, then every row with
    inline strings."""
    ncols = max([len(sheet.headers)] + [len(r) for r in sheet.rows])
    letters = [column_letter(c) for c in range(ncols)]
    last = max(1, len(sheet.rows) + 1)
    widths = [max(10, min(45, len(h) + 4)) for h in sheet.headers]
    yield sheet_head(f"A1:{letters[-1]}{last}", widths, selected=selected, frozen=True)
    yield (
        '<row r="1">'
        + "".join(cell_xml(h, f"{letters[c]}1", _ROW_HEADER) for c, h in enumerate(sheet.headers))
        + "</row>"
    )
    cell = cell_xml
    chunk: list[str] = []
    for r, row in enumerate(sheet.rows, start=2):
        rs = str(r)
        chunk.append(
            f'<row r="{rs}">'
            + "".join([cell(v, letters[c] + rs) for c, v in enumerate(row)])
            + "</row>"
        )
        if len(chunk) >= 2000:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)
    yield sheet_tail()


def write_sheets(path: Path, sheets: Sequence[RowSheet]) -> None:
    """Write row-wise sheets as an .xlsx with inline strings (the demo workbooks); the first
    sheet is the one shown on opening."""
    write_package(
        Path(path),
        [SheetXml(s.name, rows_sheet_xml(s, i == 0)) for i, s in enumerate(sheets)],
        Styles(*_ROW_FORMATS).xml(),
    )
