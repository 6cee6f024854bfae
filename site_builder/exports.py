"""Open-data files of the portal (PRODUCT.md §7): CSV, JSON, an XLSX bundle and datapackage.json.

Everything is read from `Marts.open_data()` (the protected public tables, exact columns of
`OPEN_DATA_COLUMNS`) and typed by the data dictionary (`datapackage_fields.DATA_DICTIONARY`).

Machine formats: `.` decimals (a `Decimal` is written with its own digits, `Decimal("87.50")` →
`87.50`), ISO dates (`YYYY-MM-DD`), booleans `true`/`false`, UTF-8 without BOM, `\\n` line ends.
Blank cells are empty in CSV and XLSX and `null` in JSON.

Untrusted text: every CSV and XLSX text cell goes through `safe_text_cell` (formula injection).
JSON keeps the raw text: no spreadsheet executes JSON, and consumers of JSON want the exact value.

Output is byte-for-byte deterministic for the same input: rows keep the order given, keys keep
a fixed order, and the only timestamp is `generated_at` (datapackage `created` and the XLSX
document properties).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from sheets_sync.errors import BuildError
from site_builder.datapackage_fields import (
    DATA_DICTIONARY,
    TABLE_DOCS,
    FieldDoc,
    FieldType,
    data_dictionary,
)
from site_builder.marts import Marts
from site_builder.safe_text import safe_text_cell

__all__ = [
    "DATAPACKAGE_NAME", "LICENSE", "XLSX_NAME", "Cell", "data_dictionary",
    "datapackage_descriptor", "open_data_rows", "write_open_data",
]

XLSX_NAME = "data-terbuka.xlsx"
DATAPACKAGE_NAME = "datapackage.json"
XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LICENSE: dict[str, str] = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
_XLSX_MAX_ROWS = 1_048_576
_XLSX_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,  # fixed zip entry timestamps and modes: reproducible bytes
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Cell = str | int | Decimal | date | bool | None
"""A published cell after typing: text, integer, Decimal, date, boolean or blank (None)."""

Rows = list[tuple[Cell, ...]]
Columns = list[list[Cell]]  # one list of cells per field, in field order


# --------------------------------------------------------------------------- typing of cells


def _is_blank(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    if isinstance(value, Decimal):
        return value.is_nan()
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    if isinstance(value, str):
        return not value.strip()
    return False


def _clean_str(text: str) -> str:
    """Plain `str` that encodes as UTF-8 (lone surrogates become U+FFFD)."""
    text = str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _as_string(value: object) -> Cell:
    if isinstance(value, str):
        return _clean_str(value)
    if isinstance(value, (bool, np.bool_)):
        raise TypeError
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    raise TypeError


def _as_number(value: object) -> Cell:
    if isinstance(value, (bool, np.bool_)):
        raise TypeError
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, (int, np.integer)):
        return Decimal(int(value))
    if isinstance(value, (float, np.floating)) and math.isfinite(value):
        return Decimal(repr(float(value)))
    raise TypeError


def _as_integer(value: object) -> Cell:
    if isinstance(value, (bool, np.bool_)):
        raise TypeError
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    raise TypeError


def _as_date(value: object) -> Cell:
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, datetime):  # includes pd.Timestamp: the calendar date as given
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        return date.fromisoformat(value.strip())
    raise TypeError


def _as_boolean(value: object) -> Cell:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError


_CONVERTERS: dict[FieldType, Callable[[object], Cell]] = {
    "string": _as_string,
    "number": _as_number,
    "integer": _as_integer,
    "date": _as_date,
    "boolean": _as_boolean,
}


def _typed_column(table: str, field: FieldDoc, values: list[Any]) -> list[Cell]:
    convert = _CONVERTERS[field.type]
    out: list[Cell] = []
    for value in values:
        if _is_blank(value):
            out.append(None)
            continue
        try:
            out.append(convert(value))
        except (TypeError, ValueError) as exc:
            raise BuildError(
                f"open data {table}.{field.name}: {value!r} ({type(value).__name__}) "
                f"is not a {field.type}") from exc
    return out


def _typed_tables(marts: Marts) -> dict[str, Columns]:
    try:
        frames = marts.open_data()
    except KeyError as exc:
        raise BuildError(f"open data: column missing from the marts: {exc}") from exc
    tables: dict[str, Columns] = {}
    for table, frame in frames.items():
        fields = DATA_DICTIONARY[table]
        if [f.name for f in fields] != list(frame.columns):
            raise BuildError(f"open data {table}: columns differ from the data dictionary")
        tables[table] = [_typed_column(table, f, frame[f.name].tolist()) for f in fields]
    return tables


def open_data_rows(marts: Marts) -> dict[str, Rows]:
    """The five public tables as typed rows (column order of `OPEN_DATA_COLUMNS`, row order
    as given). Raises `BuildError` when a column is missing or a value does not fit its type."""
    return {table: list(zip(*columns, strict=True))
            for table, columns in _typed_tables(marts).items()}


# --------------------------------------------------------------------------- text formats


def _csv_field(text: str) -> str:
    """RFC 4180 quoting: quoted (with `""` for `"`) when it holds `,` `"` CR or LF. Written by
    hand because Python 3.11's csv module leaves a lone CR unquoted when lines end in LF."""
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _memo(convert: Callable[[Any], str], blank: str, cells: list[Cell]) -> list[str]:
    """`convert` applied to each non-blank cell, once per distinct value (text repeats a lot).
    Only for cells whose equal values print the same (not Decimal: 87.5 == 87.50)."""
    seen: dict[Cell, str] = {}
    out: list[str] = []
    for cell in cells:
        if cell is None:
            out.append(blank)
            continue
        token = seen.get(cell)
        if token is None:
            token = seen[cell] = convert(cell)
        out.append(token)
    return out


def _bool_text(cell: Any) -> str:
    return "true" if cell else "false"


def _decimal_text(cell: Any) -> str:
    return format(cell, "f")  # the Decimal's own digits, never an exponent


def _csv_column(ftype: FieldType, cells: list[Cell]) -> list[str]:
    if ftype == "string":
        return _memo(lambda c: _csv_field(safe_text_cell(c)), "", cells)
    if ftype == "boolean":
        return _memo(_bool_text, "", cells)
    if ftype == "number":  # not memoised: Decimal("87.5") == Decimal("87.50")
        return ["" if c is None else _decimal_text(c) for c in cells]
    if ftype == "date":
        return _memo(lambda c: c.isoformat(), "", cells)
    return _memo(str, "", cells)


def _json_column(ftype: FieldType, cells: list[Cell]) -> list[str]:
    if ftype == "string":  # raw text: JSON is never executed by a spreadsheet
        return _memo(lambda c: json.dumps(c, ensure_ascii=False), "null", cells)
    if ftype == "boolean":
        return _memo(_bool_text, "null", cells)
    if ftype == "number":
        return ["null" if c is None else _decimal_text(c) for c in cells]
    if ftype == "date":
        return _memo(lambda c: f'"{c.isoformat()}"', "null", cells)
    return _memo(str, "null", cells)


def _csv_bytes(fields: Sequence[FieldDoc], columns: Columns) -> bytes:
    header = ",".join(_csv_field(f.name) for f in fields)
    texts = [_csv_column(f.type, cells) for f, cells in zip(fields, columns, strict=True)]
    lines = [header, *map(",".join, zip(*texts, strict=True))]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _json_bytes(fields: Sequence[FieldDoc], columns: Columns) -> bytes:
    if not columns or not columns[0]:
        return b"[]\n"
    pairs = []
    for f, cells in zip(fields, columns, strict=True):
        key = json.dumps(f.name, ensure_ascii=False) + ": "
        pairs.append([key + token for token in _json_column(f.type, cells)])
    lines = ["{" + ", ".join(row) + "}" for row in zip(*pairs, strict=True)]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8")


# --------------------------------------------------------------------------- datapackage


def _utc(moment: datetime) -> datetime:
    """`moment` in UTC without tzinfo (a naive `generated_at` is taken to be UTC already)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "data-terbuka"


def _field_descriptor(field: FieldDoc) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": field.name,
        "type": field.type,
        "title": field.title,
        "description": field.description,
        "title_en": field.title_en,
        "description_en": field.description_en,
    }
    if field.unit:
        out["satuan"] = field.unit
        out["unit_en"] = field.unit_en
    if field.type == "boolean":
        out["trueValues"] = ["true"]
        out["falseValues"] = ["false"]
    return out


def _versions(table: str, rule_versions: dict[str, str]) -> dict[str, str]:
    return {r: rule_versions[r] for r in TABLE_DOCS[table].rules if r in rule_versions}


def _file_facts(data: bytes) -> dict[str, Any]:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def datapackage_descriptor(*, title: str, rule_versions: dict[str, str],
                           generated_at: datetime,
                           files: dict[str, bytes] | None = None) -> dict[str, Any]:
    """The Frictionless tabular data package describing the CSV and JSON files (one resource
    each, same schema); the XLSX bundle is listed under the custom key `unduhan_lain`.
    `files` (file name → bytes), when given, adds `bytes` and `hash` (sha256) to each entry."""
    files = files or {}
    resources: list[dict[str, Any]] = []
    for fmt in ("csv", "json"):
        for table, fields in DATA_DICTIONARY.items():
            doc = TABLE_DOCS[table]
            path = f"{table}.{fmt}"
            resource: dict[str, Any] = {
                "profile": "tabular-data-resource",
                "name": table if fmt == "csv" else f"{table}-json",
                "path": path,
                "title": doc.title,
                "description": doc.description,
                "title_en": doc.title_en,
                "description_en": doc.description_en,
                "format": fmt,
                "mediatype": "text/csv" if fmt == "csv" else "application/json",
                "encoding": "utf-8",
            }
            if path in files:
                resource.update(_file_facts(files[path]))
            if fmt == "csv":
                resource["dialect"] = {"delimiter": ",", "lineTerminator": "\n",
                                       "quoteChar": '"', "doubleQuote": True, "header": True}
            resource["schema"] = {"fields": [_field_descriptor(f) for f in fields],
                                  "missingValues": [""]}
            resource["versi_aturan"] = _versions(table, rule_versions)
            resources.append(resource)
    bundle: dict[str, Any] = {
        "path": XLSX_NAME, "format": "xlsx", "mediatype": XLSX_MEDIATYPE,
        "description": "Semua tabel dalam satu buku kerja, dengan lembar Keterangan (kamus data).",
        "description_en": "All tables in one workbook, with a Keterangan (data dictionary) sheet.",
    }
    if XLSX_NAME in files:
        bundle.update(_file_facts(files[XLSX_NAME]))
    return {
        "profile": "tabular-data-package",
        "name": _slug(title),
        "title": title,
        "description": (
            "Data terbuka kinerja kantor: indeks kinerja, capaian indikator, survei kepuasan "
            "masyarakat, penanganan pengaduan dan distribusi predikat kinerja pegawai. Di CSV dan "
            "XLSX, teks yang diawali = + - @ (juga bentuk lebar penuhnya), tab atau baris baru "
            "diberi awalan ' agar tidak dijalankan sebagai rumus; JSON memuat teks aslinya."),
        "description_en": (
            "Open data on office performance: performance index, indicator achievement, public "
            "satisfaction survey, complaint handling and employee rating distribution. In CSV "
            "and XLSX, text starting with = + - @ (or their full-width forms), a tab or a line "
            "break is prefixed with ' so that it is not run as a formula; JSON holds the "
            "original text."),
        "created": _utc(generated_at).isoformat() + "Z",
        "licenses": [dict(LICENSE)],
        "resources": resources,
        "unduhan_lain": [bundle],
    }


# --------------------------------------------------------------------------- xlsx


class _XlsxFormats:
    """Cell formats of one workbook, created once each (decimal places → number format)."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self._workbook = workbook
        self.header = workbook.add_format({"bold": True})
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self._decimals: dict[int, Any] = {}

    def decimal(self, value: Decimal) -> Any:
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if places not in self._decimals:
            pattern = "0." + "0" * places if places else "0"
            self._decimals[places] = self._workbook.add_format({"num_format": pattern})
        return self._decimals[places]


def _write_table_sheet(sheet: Any, fields: Sequence[FieldDoc], columns: Columns,
                       formats: _XlsxFormats) -> None:
    """Header row, then one typed column at a time (strings through `safe_text_cell`)."""
    for col, (field, cells) in enumerate(zip(fields, columns, strict=True)):
        sheet.write_string(0, col, field.name, formats.header)
        width = len(field.name)
        if field.type == "string":
            safe: dict[str, str] = {}
            for row, cell in enumerate(cells, start=1):
                if isinstance(cell, str):
                    text = safe.get(cell)
                    if text is None:
                        text = safe[cell] = safe_text_cell(cell)
                        width = max(width, len(text))
                    sheet.write_string(row, col, text)
        elif field.type == "number":
            for row, cell in enumerate(cells, start=1):
                if isinstance(cell, Decimal):
                    sheet.write_number(row, col, float(cell), formats.decimal(cell))
        elif field.type == "integer":
            for row, cell in enumerate(cells, start=1):
                if isinstance(cell, int):
                    sheet.write_number(row, col, cell)
        elif field.type == "date":
            width = max(width, 10)
            for row, cell in enumerate(cells, start=1):
                if isinstance(cell, date):
                    sheet.write_datetime(row, col, cell, formats.date)
        else:
            for row, cell in enumerate(cells, start=1):
                if isinstance(cell, bool):
                    sheet.write_boolean(row, col, cell)
        sheet.set_column(col, col, min(width, 60) + 2)
    sheet.freeze_panes(1, 0)
    if fields:
        sheet.autofilter(0, 0, len(columns[0]) if columns else 0, len(fields) - 1)


def _write_keterangan(sheet: Any, *, title: str, created: str,
                      rule_versions: dict[str, str], formats: _XlsxFormats) -> None:
    def text_row(r: int, values: Sequence[str | None], fmt: Any = None) -> None:
        for c, value in enumerate(values):
            if value:
                sheet.write_string(r, c, safe_text_cell(value), fmt)

    text_row(0, [title], formats.header)
    text_row(1, ["Dibuat (UTC)", created])
    text_row(2, ["Lisensi", f"{LICENSE['name']} ({LICENSE['path']})"])
    text_row(3, ["Catatan", "Teks yang diawali = + - @, tab atau baris baru diberi awalan ' agar "
                            "tidak dijalankan sebagai rumus. Sel kosong = tidak ada data atau "
                            "disembunyikan."])
    r = 5
    text_row(r, ["tabel", "berkas", "judul", "keterangan", "title_en", "description_en",
                 "versi_aturan"], formats.header)
    for table, doc in TABLE_DOCS.items():
        r += 1
        versions = ", ".join(f"{k} {v}" for k, v in _versions(table, rule_versions).items())
        text_row(r, [table, f"{table}.csv", doc.title, doc.description, doc.title_en,
                     doc.description_en, versions], formats.wrap)
    r += 2
    text_row(r, ["tabel", "kolom", "tipe", "judul", "keterangan", "satuan", "title_en",
                 "description_en", "unit_en"], formats.header)
    for table, fields in DATA_DICTIONARY.items():
        for f in fields:
            r += 1
            text_row(r, [table, f.name, f.type, f.title, f.description, f.unit, f.title_en,
                         f.description_en, f.unit_en], formats.wrap)
    for col, width in enumerate([20, 22, 10, 28, 60, 16, 28, 60, 16]):
        sheet.set_column(col, col, width)


def _write_xlsx(path: Path, tables: dict[str, Columns], *, title: str,
                rule_versions: dict[str, str], generated_at: datetime) -> None:
    for table, columns in tables.items():
        n_rows = len(columns[0]) if columns else 0
        if n_rows + 1 > _XLSX_MAX_ROWS:
            raise BuildError(f"open data {table}: {n_rows} rows do not fit one XLSX sheet")
    created = _utc(generated_at)
    workbook = xlsxwriter.Workbook(str(path), _XLSX_OPTIONS)
    try:
        workbook.set_properties({
            "title": title,
            "subject": "Data terbuka",
            "keywords": "data terbuka, kinerja, open data",
            "comments": f"{LICENSE['name']} {LICENSE['path']}",
            "created": created,
        })
        formats = _XlsxFormats(workbook)
        _write_keterangan(workbook.add_worksheet("Keterangan"), title=title,
                          created=created.isoformat() + "Z", rule_versions=rule_versions,
                          formats=formats)
        for table, columns in tables.items():
            _write_table_sheet(workbook.add_worksheet(table), DATA_DICTIONARY[table], columns,
                               formats)
    finally:
        workbook.close()


# --------------------------------------------------------------------------- entry point


def write_open_data(marts: Marts, out_dir: Path, *, title: str, rule_versions: dict[str, str],
                    generated_at: datetime) -> list[Path]:
    """Write the open-data files into `out_dir` (created if needed) and return their paths:
    `<table>.csv` ×5, `<table>.json` ×5, `data-terbuka.xlsx`, `datapackage.json`.
    Raises `BuildError` when the marts do not fit the data dictionary."""
    tables = _typed_tables(marts)
    out_dir.mkdir(parents=True, exist_ok=True)
    contents: dict[str, bytes] = {}
    for table, columns in tables.items():
        contents[f"{table}.csv"] = _csv_bytes(DATA_DICTIONARY[table], columns)
    for table, columns in tables.items():
        contents[f"{table}.json"] = _json_bytes(DATA_DICTIONARY[table], columns)
    written: list[Path] = []
    for name, data in contents.items():
        (out_dir / name).write_bytes(data)
        written.append(out_dir / name)
    xlsx_path = out_dir / XLSX_NAME
    _write_xlsx(xlsx_path, tables, title=title, rule_versions=rule_versions,
                generated_at=generated_at)
    contents[XLSX_NAME] = xlsx_path.read_bytes()
    written.append(xlsx_path)
    descriptor = datapackage_descriptor(title=title, rule_versions=rule_versions,
                                        generated_at=generated_at, files=contents)
    package_path = out_dir / DATAPACKAGE_NAME
    package_path.write_bytes(
        (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    written.append(package_path)
    return written
