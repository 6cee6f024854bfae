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
import itertools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sheets_sync.errors import BuildError
from sheets_sync.values import column_letter
from sheets_sync.xlsx_fast import (
    NS_MAIN,
    NS_REL,
    XML_HEAD,
    CoreProperties,
    SharedStrings,
    SheetXml,
    col_width,
    write_package,
)
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
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Cell = str | int | Decimal | date | bool | None
"""A published cell after typing: text, integer, Decimal, date, boolean or blank (None)."""

Rows = list[tuple[Cell, ...]]


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


def _typed_value(table: str, field: FieldDoc, value: object) -> Cell:
    """One value typed by the per-value rules above (None for a blank); `BuildError` when it
    does not fit the field's type."""
    if _is_blank(value):
        return None
    try:
        return _CONVERTERS[field.type](value)
    except (TypeError, ValueError) as exc:
        raise BuildError(
            f"open data {table}.{field.name}: {value!r} ({type(value).__name__}) "
            f"is not a {field.type}") from exc


@dataclass(frozen=True)
class _Column:
    """One typed column, dictionary-encoded (like a pandas Categorical): row i holds
    `values[codes[i]]`, code -1 is a blank cell. Published columns repeat a few thousand
    distinct values over many rows, so every format converts each distinct value once and
    spreads the results over the rows with one numpy take (`spread`)."""

    codes: np.ndarray  # intp, one per row
    values: list[Any]  # distinct non-blank Cells; Decimals that differ in digits stay apart

    def spread(self, tokens: Sequence[Any], blank: Any) -> np.ndarray:
        """Object array with `tokens[code]` for each row (`blank` for code -1)."""
        table = np.empty(len(tokens) + 1, dtype=object)
        table[:-1] = tokens
        table[-1] = blank  # code -1 indexes the last item
        return table[self.codes]

    def cells(self) -> list[Cell]:
        return self.spread(self.values, None).tolist()


def _dictionary(keys: np.ndarray, originals: np.ndarray | None = None) -> _Column:
    """Encode `keys` (object array, None/NaN = blank); the value kept for a key is the first
    row's item of `originals` (default: the key itself)."""
    codes, uniques = pd.factorize(keys)
    if originals is None:
        values = list(uniques)
    else:  # first row of each distinct key (np.unique returns them in code order 0, 1, ...)
        _, first = np.unique(codes[codes >= 0], return_index=True)
        values = originals[np.flatnonzero(codes >= 0)[first]].tolist()
    return _Column(codes.astype(np.intp, copy=False), values)


def _recoded(column: _Column, values: list[Cell | None]) -> _Column:
    """`column` with its distinct values replaced by `values` (same order); a None makes the
    rows holding it blank."""
    keep = [i for i, v in enumerate(values) if v is not None]
    remap = np.full(len(values) + 1, -1, dtype=np.intp)  # last item: code -1 stays -1
    remap[keep] = np.arange(len(keep))
    return _Column(remap[column.codes], [values[i] for i in keep])


def _decimal_column(values: np.ndarray) -> _Column:
    """A column of Decimals keyed by their exact text: `Decimal("87.5")` and `Decimal("87.50")`
    are equal but print differently, so they must not share an entry. Anything that is not a
    Decimal (None, NaN, NA) and Decimal NaN is blank."""
    keys = np.empty(len(values), dtype=object)
    keys[:] = list(map(str, values))
    column = _dictionary(keys, values)
    return _recoded(column, [v if isinstance(v, Decimal) and not v.is_nan() else None
                             for v in column.values])


def _fast_column(ftype: FieldType, values: np.ndarray) -> _Column | None:
    """Typed column of the shapes compute produces (all text, all Decimal, all int, all bool,
    ISO date text, each with blanks), converting each distinct value once; None when the
    column holds anything else (then the per-value rules decide, and name a bad value)."""
    kind = pd.api.types.infer_dtype(values, skipna=True)  # over non-null values
    if kind == "empty":  # every value is None/NaN/NA/NaT
        return _Column(np.full(len(values), -1, dtype=np.intp), [])
    if ftype == "string" and kind == "string":
        column = _dictionary(values)
        return _recoded(column, [_clean_str(v) if v.strip() else None for v in column.values])
    if ftype == "number" and kind == "decimal":
        column = _decimal_column(values)
        return column if all(v.is_finite() for v in column.values) else None
    if ftype == "integer" and kind == "integer":
        column = _dictionary(values)
        return _Column(column.codes, [int(v) for v in column.values])
    if ftype == "boolean" and kind == "boolean":
        column = _dictionary(values)
        return _Column(column.codes, [bool(v) for v in column.values])
    if ftype == "date" and kind == "string":
        column = _dictionary(values)
        texts = [v.strip() for v in column.values]
        if not all(_ISO_DATE.match(t) for t in texts if t):
            return None
        return _recoded(column, [date.fromisoformat(t) if t else None for t in texts])
    if ftype == "date" and kind == "date":
        return _dictionary(values)
    return None


def _typed_column(table: str, field: FieldDoc, series: pd.Series) -> _Column:
    """The column typed by the data dictionary: vectorised for the usual shapes, value by
    value (the same rules, with the error message) for anything else."""
    values = series.to_numpy(dtype=object)
    fast = _fast_column(field.type, values)
    if fast is not None:
        return fast
    cells = np.empty(len(values), dtype=object)
    cells[:] = [_typed_value(table, field, v) for v in values]
    return _decimal_column(cells) if field.type == "number" else _dictionary(cells)


def _typed_tables(marts: Marts) -> dict[str, list[_Column]]:
    try:
        frames = marts.open_data()
    except KeyError as exc:
        raise BuildError(f"open data: column missing from the marts: {exc}") from exc
    tables: dict[str, list[_Column]] = {}
    for table, frame in frames.items():
        fields = DATA_DICTIONARY[table]
        if [f.name for f in fields] != list(frame.columns):
            raise BuildError(f"open data {table}: columns differ from the data dictionary")
        tables[table] = [_typed_column(table, f, frame[f.name]) for f in fields]
    return tables


def open_data_rows(marts: Marts) -> dict[str, Rows]:
    """The five public tables as typed rows (column order of `OPEN_DATA_COLUMNS`, row order
    as given). Raises `BuildError` when a column is missing or a value does not fit its type."""
    return {table: list(zip(*[c.cells() for c in columns], strict=True))
            for table, columns in _typed_tables(marts).items()}


# --------------------------------------------------------------------------- text formats


def _csv_field(text: str) -> str:
    """RFC 4180 quoting: quoted (with `""` for `"`) when it holds `,` `"` CR or LF. Written by
    hand because Python 3.11's csv module leaves a lone CR unquoted when lines end in LF."""
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _bool_text(cell: Any) -> str:
    return "true" if cell else "false"


def _decimal_text(cell: Any) -> str:
    return format(cell, "f")  # the Decimal's own digits, never an exponent


_MACHINE_TEXT: dict[FieldType, Callable[[Any], str]] = {
    "number": _decimal_text,
    "integer": str,
    "date": lambda c: c.isoformat(),
    "boolean": _bool_text,
}


def _csv_tokens(ftype: FieldType, values: list[Any]) -> list[str]:
    """CSV text of each distinct value (strings guarded by `safe_text_cell` and quoted)."""
    if ftype == "string":
        return [_csv_field(safe_text_cell(v)) for v in values]
    return list(map(_MACHINE_TEXT[ftype], values))


def _json_tokens(ftype: FieldType, values: list[Any]) -> list[str]:
    """JSON text of each distinct value (strings raw: JSON is never run by a spreadsheet)."""
    if ftype == "string":
        return [json.dumps(v, ensure_ascii=False) for v in values]
    if ftype == "date":
        return [f'"{v.isoformat()}"' for v in values]
    return list(map(_MACHINE_TEXT[ftype], values))


def _csv_bytes(fields: Sequence[FieldDoc], columns: list[_Column]) -> bytes:
    header = ",".join(_csv_field(f.name) for f in fields)
    texts = [c.spread(_csv_tokens(f.type, c.values), "").tolist()
             for f, c in zip(fields, columns, strict=True)]
    lines = [header, *map(",".join, zip(*texts, strict=True))]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _json_bytes(fields: Sequence[FieldDoc], columns: list[_Column]) -> bytes:
    if not columns or not len(columns[0].codes):
        return b"[]\n"
    pairs = []
    for f, c in zip(fields, columns, strict=True):
        key = json.dumps(f.name, ensure_ascii=False) + ": "
        pairs.append(c.spread([key + t for t in _json_tokens(f.type, c.values)],
                              key + "null").tolist())
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
        return [f'" s="{styles.decimal(_decimal_text(v))}"><v>{float(v):.16G}</v></c>'
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


def _table_sheet(name: str, fields: Sequence[FieldDoc], columns: list[_Column],
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
        versions = ", ".join(f"{k} {v}" for k, v in _versions(table, rule_versions).items())
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


def _write_xlsx(path: Path, tables: dict[str, list[_Column]], *, title: str,
                rule_versions: dict[str, str], generated_at: datetime) -> None:
    """The XLSX bundle: the Keterangan sheet, then one sheet per table (see `xlsx_fast` for
    why the XML is written directly rather than through xlsxwriter)."""
    for table, columns in tables.items():
        n_rows = len(columns[0].codes) if columns else 0
        if n_rows + 1 > _XLSX_MAX_ROWS:
            raise BuildError(f"open data {table}: {n_rows} rows do not fit one XLSX sheet")
    created = _utc(generated_at)
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
