"""The XLSX bundle of the open data: what goes in it. A Keterangan sheet (title, licence, the
formula-guard note, the tables and the data dictionary), then one sheet per table with the
columns of the data dictionary. Every text cell passes `safe_text_cell` first; the
SpreadsheetML itself is written by the project's one writer, `workbooks.xlsx`."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sheets_sync.errors import BuildError
from site_builder.exports.cells import TypedColumn
from site_builder.exports.datapackage import LICENSE, table_versions, utc_naive
from site_builder.exports.fields import DATA_DICTIONARY, TABLE_DOCS, FieldDoc
from site_builder.exports.safe_text import safe_text_cell
from workbooks.xlsx import (
    BOLD,
    ISO_DATE,
    MAX_ROWS,
    WRAPPED,
    CoreProperties,
    SharedStrings,
    SheetXml,
    Styles,
    TableColumn,
    table_sheet,
    text_sheet,
    write_package,
)

_KETERANGAN_WIDTHS = (20, 22, 10, 28, 60, 16, 28, 60, 16)


def _table_columns(fields: Sequence[FieldDoc], columns: list[TypedColumn]) -> list[TableColumn]:
    """The sheet's columns: the dictionary's names and types; text as `safe_text_cell` makes it."""
    return [TableColumn(f.name, f.type,
                        [safe_text_cell(v) for v in c.values] if f.type == "string" else c.values,
                        c.codes)
            for f, c in zip(fields, columns, strict=True)]


def _keterangan_sheet(*, title: str, created: str, rule_versions: dict[str, str],
                      strings: SharedStrings, styles: Styles) -> SheetXml:
    """The Keterangan sheet: title, creation time, licence, the formula-guard note, one row per
    table and the data dictionary (one row per field). Every text through `safe_text_cell`."""
    bold, wrapped = styles.add(BOLD), styles.add(WRAPPED)
    rows: list[tuple[int, Sequence[str | None], int]] = [
        (1, [title], bold),
        (2, ["Dibuat (UTC)", created], 0),
        (3, ["Lisensi", f"{LICENSE['name']} ({LICENSE['path']})"], 0),
        (4, ["Catatan", "Teks yang diawali = + - @, tab atau baris baru diberi awalan ' agar "
                        "tidak dijalankan sebagai rumus. Sel kosong = tidak ada data atau "
                        "disembunyikan."], 0),
        (6, ["tabel", "berkas", "judul", "keterangan", "title_en", "description_en",
             "versi_aturan"], bold),
    ]
    r = 6
    for table, doc in TABLE_DOCS.items():
        r += 1
        versions = ", ".join(f"{k} {v}" for k, v in table_versions(table, rule_versions).items())
        rows.append((r, [table, f"{table}.csv", doc.title, doc.description, doc.title_en,
                         doc.description_en, versions], wrapped))
    r += 2
    rows.append((r, ["tabel", "kolom", "tipe", "judul", "keterangan", "satuan", "title_en",
                     "description_en", "unit_en"], bold))
    for table, fields in DATA_DICTIONARY.items():
        for f in fields:
            r += 1
            rows.append((r, [table, f.name, f.type, f.title, f.description, f.unit, f.title_en,
                             f.description_en, f.unit_en], wrapped))
    guarded = [(row, [safe_text_cell(v) if v else None for v in values], xf)
               for row, values, xf in rows]
    return text_sheet("Keterangan", guarded, _KETERANGAN_WIDTHS, strings, selected=True)


def write_xlsx(path: Path, tables: dict[str, list[TypedColumn]], *, title: str,
               rule_versions: dict[str, str], generated_at: datetime) -> None:
    """The XLSX bundle: the Keterangan sheet (shown on opening), then one sheet per table.
    Raises `BuildError` when a table has more rows than a sheet holds."""
    for table, columns in tables.items():
        n_rows = len(columns[0].codes) if columns else 0
        if n_rows + 1 > MAX_ROWS:
            raise BuildError(f"open data {table}: {n_rows} rows do not fit one XLSX sheet")
    created = utc_naive(generated_at)
    strings = SharedStrings()
    styles = Styles(BOLD, WRAPPED, ISO_DATE)
    sheets = [_keterangan_sheet(title=title, created=created.isoformat() + "Z",
                                rule_versions=rule_versions, strings=strings, styles=styles)]
    sheets += [table_sheet(table, _table_columns(DATA_DICTIONARY[table], columns), strings,
                           styles)
               for table, columns in tables.items()]
    properties = CoreProperties(
        created=created, title=title, subject="Data terbuka",
        keywords="data terbuka, kinerja, open data",
        comments=f"{LICENSE['name']} {LICENSE['path']}")
    write_package(path, sheets, styles.xml(), strings=strings, properties=properties)
