"""The project's one SpreadsheetML (.xlsx) writer, used by the demo workbooks and the open-data
bundle; every piece of the format is here:

- `text.py`: XML escaping (Excel's `_xHHHH_` for characters XML cannot hold), the 32,767-unit
  cell limit, column widths in Excel's units, the shared string table;
- `styles.py`: cell formats, including a number format per count of decimal places;
- `cells.py`: typed cell XML (text, numbers, booleans, serial dates of
  `sheets_sync.values.date_serial`);
- `sheets.py`: the sheet head (frozen header, column widths) and tail (autofilter), tables
  written a column at a time, text sheets, row-wise sheets;
- `package.py`: the zip package (content types, relationships, workbook, document properties).

Why not xlsxwriter: it spends about a microsecond of Python per cell (dispatch, a cell object,
then the XML), which was most of a build's time for a kabupaten-scale open-data bundle and for
national-scale demo workbooks. The cells read back the same as xlsxwriter's (openpyxl,
calamine; xlsxwriter is the test oracle). No cell is ever written as a formula (`<f>`).
"""
from __future__ import annotations

from workbooks.xlsx.cells import CellKind, cell_tails, cell_xml
from workbooks.xlsx.package import CoreProperties, SheetXml, write_package
from workbooks.xlsx.sheets import (
    MAX_ROWS,
    RowSheet,
    TableColumn,
    rows_sheet_xml,
    sheet_head,
    sheet_tail,
    table_sheet,
    text_sheet,
    write_sheets,
)
from workbooks.xlsx.styles import BOLD, ISO_DATE, WRAPPED, CellFormat, Styles, decimal_places
from workbooks.xlsx.text import (
    MAX_CELL_TEXT,
    NS_MAIN,
    NS_REL,
    XML_HEAD,
    SharedStrings,
    cell_text,
    col_width,
    xml_attr,
    xml_text,
)

__all__ = [
    "BOLD", "ISO_DATE", "MAX_CELL_TEXT", "MAX_ROWS", "NS_MAIN", "NS_REL", "WRAPPED", "XML_HEAD",
    "CellFormat", "CellKind", "CoreProperties", "RowSheet", "SharedStrings", "SheetXml", "Styles",
    "TableColumn", "cell_tails", "cell_text", "cell_xml", "col_width", "decimal_places",
    "rows_sheet_xml", "sheet_head", "sheet_tail", "table_sheet", "text_sheet", "write_package",
    "write_sheets", "xml_attr", "xml_text",
]
