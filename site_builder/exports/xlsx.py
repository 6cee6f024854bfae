"""The XLSX bundle of the open data: a Keterangan sheet (licence, data dictionary) and one
sheet per table, written through the project's one SpreadsheetML writer (`workbooks.xlsx`)."""
from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from sheets_sync.errors import BuildError
from sheets_sync.values import column_letter
from site_builder.exports.cells import TypedColumn
from site_builder.exports.datapackage import LICENSE, table_versions, utc_naive
from site_builder.exports.fields import DATA_DICTIONARY, TABLE_DOCS, FieldDoc, FieldType
from site_builder.exports.safe_text import safe_text_cell
from site_builder.exports.text import decimal_text
from workbooks.xlsx import (
    NS_MAIN,
    NS_REL,
    XML_HEAD,
    CoreProperties,
    SharedStrings,
    SheetXml,
    col_width,
    write_package,
)

_XLSX_MAX_ROWS = 1_048_576

_XLSX_MAX_TEXT = 32_767  # characters (UTF-16 units) Excel keeps in one cell, as xlsxwriter
_XLSX_CHUNK_ROWS = 20_000  # rows of sheet XML joined at a time (bounds memory)
_XF_HEADER, _XF_WRAP, _XF_DATE = 1, 2, 3  # cell formats (xf index) every bundle has


class _XlsxStyles:
    """Cell formats of the bundle: 0 default, 1 bold header, 2 wrapped text, 3 date
    `yyyy-mm-dd`, then one number format per count of decimal places met (`87.50` -> `0.00`),
    so a number shows the digits the CSV has."""

    def __init__(self) -> None:
        self._places: dict[int, int] = {}

    def decimal(self, text: str) -> int:
        """xf index for a Decimal printed as `text` (its own digits, no exponent)."""
        places = len(text) - text.index(".") - 1 if "." in text else 0
        xf = self._places.get(places)
        if xf is None:
            xf = self._places[places] = 4 + len(self._places)
        return xf

    def xml(self) -> str:
        formats = ['<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>']
        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
               '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
               '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" '
               'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
               '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" '
               'applyNumberFormat="1"/>']
        for i, places in enumerate(self._places, start=165):
            code = "0." + "0" * places if places else "0"
            formats.append(f'<numFmt numFmtId="{i}" formatCode="{code}"/>')
            xfs.append(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0" '
                       'applyNumberFormat="1"/>')
        return (
            XML_HEAD + f'<styleSheet xmlns="{NS_MAIN}">'
            f'<numFmts count="{len(formats)}">{"".join(formats)}</numFmts>'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            f'borderId="0"/></cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}'
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )


def _xlsx_text(text: str) -> str:
    """Text cut to the 32,767 UTF-16 units one cell holds (where xlsxwriter cut it)."""
    if len(text) <= _XLSX_MAX_TEXT // 2:  # too short to reach the limit
        return text
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > _XLSX_MAX_TEXT:
            return text[:i]
    return text


_EXCEL_EPOCH = date(1899, 12, 31).toordinal()


def _serial(day: date) -> int:
    """Excel's 1900-system serial number of a date (with its 1900 leap-year bug, as
    xlsxwriter computes it)."""
    days = day.toordinal() - _EXCEL_EPOCH
    return days + 1 if days > 59 else days


def _cell_tails(ftype: FieldType, values: list[Any], strings: SharedStrings,
                styles: _XlsxStyles) -> list[str]:
    """The part of a `<c>` element after its `r="A2` for each distinct value: a shared
    string (guarded by `safe_text_cell`, never a formula), a number with its format, a date
    serial with the date format, or a boolean. Numbers are written as xlsxwriter writes them
    (`%.16G` of the float), so readers get the same values as before."""
    if ftype == "string":
        return [f'" t="s"><v>{strings.index(_xlsx_text(safe_text_cell(v)))}</v></c>'
                for v in values]
    if ftype == "number":
        return [f'" s="{styles.decimal(decimal_text(v))}"><v>{float(v):.16G}</v></c>'
                for v in values]
    if ftype == "integer":
        return [f'"><v>{v:.16G}</v></c>' for v in values]
    if ftype == "date":
        return [f'" s="{_XF_DATE}"><v>{_serial(v)}</v></c>' for v in values]
    return [f'" t="b"><v>{int(bool(v))}</v></c>' for v in values]


def _width(ftype: FieldType, name: str, values: list[Any]) -> int:
    """Column width (characters): the header, the longest guarded text, at most 60, plus 2."""
    width = len(name)
    if ftype == "string" and values:
        width = max(width, max(len(safe_text_cell(v)) for v in values))
    elif ftype == "date":
        width = max(width, 10)
    return min(width, 60) + 2


def _sheet_head(ref: str, widths: Sequence[int], *, selected: bool, frozen: bool) -> str:
    view = ('<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>'
            if frozen else '<sheetView tabSelected="1" workbookViewId="0"/>' if selected
            else '<sheetView workbookViewId="0"/>')
    cols, c = [], 1
    for w, same in itertools.groupby(widths):  # neighbours of equal width share one <col>
        n = len(list(same))
        cols.append(f'<col min="{c}" max="{c + n - 1}" width="{col_width(w)}" customWidth="1"/>')
        c += n
    return (XML_HEAD + f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">'
            f'<dimension ref="{ref}"/><sheetViews>{view}</sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{"".join(cols)}</cols><sheetData>')


def _sheet_tail(autofilter: str | None) -> str:
    return ("</sheetData>" + (f'<autoFilter ref="{autofilter}"/>' if autofilter else "")
            + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/></worksheet>')


def _table_sheet(name: str, fields: Sequence[FieldDoc], columns: list[TypedColumn],
                 strings: SharedStrings, styles: _XlsxStyles) -> SheetXml:
    """A table's sheet: bold header, frozen under it, an autofilter, typed cells. The cell
    texts are made per distinct value now; the rows are joined while the zip is written."""
    n = len(columns[0].codes) if columns else 0
    letters = [column_letter(c) for c in range(len(fields))]
    header = "".join(
        f'<c r="{letter}1" s="{_XF_HEADER}" t="s"><v>{strings.index(f.name)}</v></c>'
        for letter, f in zip(letters, fields, strict=True))
    tails = [c.spread(_cell_tails(f.type, c.values, strings, styles), "")
             for f, c in zip(fields, columns, strict=True)]
    blanks = [c.codes < 0 for c in columns]
    strings.count += len(fields) + sum(int(np.count_nonzero(~b)) for f, b in
                                       zip(fields, blanks, strict=True) if f.type == "string")
    ref = f"A1:{letters[-1]}{n + 1}"
    head = _sheet_head(ref, [_width(f.type, f.name, c.values) for f, c in
                             zip(fields, columns, strict=True)], selected=False, frozen=True)

    def parts() -> Iterator[str]:
        yield head + f'<row r="1">{header}</row>'
        for lo in range(0, n, _XLSX_CHUNK_ROWS):
            hi = min(n, lo + _XLSX_CHUNK_ROWS)
            rows = np.arange(lo + 2, hi + 2).astype(str).astype(object)
            # a row is the pieces  <row r="|N|">  then per cell  <c r="A|N|tail  then </row>;
            # numpy fills them a column at a time and one join makes the text
            pieces = np.empty((hi - lo, 3 * len(fields) + 4), dtype=object)
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
        yield _sheet_tail(ref)

    return SheetXml(name, parts(), autofilter=ref)


def _keterangan_sheet(*, title: str, created: str, rule_versions: dict[str, str],
                      strings: SharedStrings) -> SheetXml:
    """The Keterangan sheet: title, creation time, licence, the formula-guard note, one row per
    table and the data dictionary (one row per field). Every text through `safe_text_cell`."""
    rows: list[tuple[int, Sequence[str | None], int]] = [
        (1, [title], _XF_HEADER),
        (2, ["Dibuat (UTC)", created], 0),
        (3, ["Lisensi", f"{LICENSE['name']} ({LICENSE['path']})"], 0),
        (4, ["Catatan", "Teks yang diawali = + - @, tab atau baris baru diberi awalan ' agar "
                        "tidak dijalankan sebagai rumus. Sel kosong = tidak ada data atau "
                        "disembunyikan."], 0),
        (6, ["tabel", "berkas", "judul", "keterangan", "title_en", "description_en",
             "versi_aturan"], _XF_HEADER),
    ]
    r = 6
    for table, doc in TABLE_DOCS.items():
        r += 1
        versions = ", ".join(f"{k} {v}" for k, v in table_versions(table, rule_versions).items())
        rows.append((r, [table, f"{table}.csv", doc.title, doc.description, doc.title_en,
                         doc.description_en, versions], _XF_WRAP))
    r += 2
    rows.append((r, ["tabel", "kolom", "tipe", "judul", "keterangan", "satuan", "title_en",
                     "description_en", "unit_en"], _XF_HEADER))
    for table, fields in DATA_DICTIONARY.items():
        for f in fields:
            r += 1
            rows.append((r, [table, f.name, f.type, f.title, f.description, f.unit, f.title_en,
                             f.description_en, f.unit_en], _XF_WRAP))
    xml: list[str] = []
    last_col = 0
    for row, values, xf in rows:
        style = f' s="{xf}"' if xf else ""
        cells = []
        for c, value in enumerate(values):
            if value:
                index = strings.index(_xlsx_text(safe_text_cell(value)))
                cells.append(f'<c r="{column_letter(c)}{row}"{style} t="s"><v>{index}</v></c>')
                strings.count += 1
                last_col = max(last_col, c)
        xml.append(f'<row r="{row}">{"".join(cells)}</row>')
    ref = f"A1:{column_letter(last_col)}{rows[-1][0]}"
    head = _sheet_head(ref, [20, 22, 10, 28, 60, 16, 28, 60, 16], selected=True, frozen=False)
    return SheetXml("Keterangan", [head, *xml, _sheet_tail(None)])


def write_xlsx(path: Path, tables: dict[str, list[TypedColumn]], *, title: str,
                rule_versions: dict[str, str], generated_at: datetime) -> None:
    """The XLSX bundle: the Keterangan sheet, then one sheet per table (see `workbooks.xlsx` for
    why the XML is written directly rather than through xlsxwriter)."""
    for table, columns in tables.items():
        n_rows = len(columns[0].codes) if columns else 0
        if n_rows + 1 > _XLSX_MAX_ROWS:
            raise BuildError(f"open data {table}: {n_rows} rows do not fit one XLSX sheet")
    created = utc_naive(generated_at)
    strings = SharedStrings()
    styles = _XlsxStyles()
    sheets = [_keterangan_sheet(title=title, created=created.isoformat() + "Z",
                                rule_versions=rule_versions, strings=strings)]
    sheets += [_table_sheet(table, DATA_DICTIONARY[table], columns, strings, styles)
               for table, columns in tables.items()]
    properties = CoreProperties(
        created=created, title=title, subject="Data terbuka",
        keywords="data terbuka, kinerja, open data",
        comments=f"{LICENSE['name']} {LICENSE['path']}")
    write_package(path, sheets, styles.xml(), strings=strings, properties=properties)

