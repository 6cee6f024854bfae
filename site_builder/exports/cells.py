"""Typing of the published cells: each open-data column, read from the protected marts, becomes
a dictionary-encoded `TypedColumn` of the type the data dictionary (`fields.py`) declares."""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from sheets_sync.errors import BuildError
from sheets_sync.values import strip_invisible
from site_builder.exports.fields import DATA_DICTIONARY, FieldDoc, FieldType
from site_builder.marts import Marts

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Cell = str | int | Decimal | date | bool | None
"""A published cell after typing: text, integer, Decimal, date, boolean or blank (None)."""

Rows = list[tuple[Cell, ...]]


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


def clean_str(text: str) -> str:
    """Plain `str` that encodes as UTF-8 (lone surrogates become U+FFFD), without invisible
    characters (bidirectional overrides, zero-width: `sheets_sync.values.INVISIBLE`)."""
    text = strip_invisible(str(text))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _as_string(value: object) -> Cell:
    if isinstance(value, str):
        return clean_str(value) if clean_str(value).strip() else None
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
class TypedColumn:
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


def _dictionary(keys: np.ndarray, originals: np.ndarray | None = None) -> TypedColumn:
    """Encode `keys` (object array, None/NaN = blank); the value kept for a key is the first
    row's item of `originals` (default: the key itself)."""
    codes, uniques = pd.factorize(keys)
    if originals is None:
        values = list(uniques)
    else:  # first row of each distinct key (np.unique returns them in code order 0, 1, ...)
        _, first = np.unique(codes[codes >= 0], return_index=True)
        values = originals[np.flatnonzero(codes >= 0)[first]].tolist()
    return TypedColumn(codes.astype(np.intp, copy=False), values)


def _recoded(column: TypedColumn, values: list[Cell | None]) -> TypedColumn:
    """`column` with its distinct values replaced by `values` (same order); a None makes the
    rows holding it blank."""
    keep = [i for i, v in enumerate(values) if v is not None]
    remap = np.full(len(values) + 1, -1, dtype=np.intp)  # last item: code -1 stays -1
    remap[keep] = np.arange(len(keep))
    return TypedColumn(remap[column.codes], [values[i] for i in keep])


def _decimal_column(values: np.ndarray) -> TypedColumn:
    """A column of Decimals keyed by their exact text: `Decimal("87.5")` and `Decimal("87.50")`
    are equal but print differently, so they must not share an entry. Anything that is not a
    Decimal (None, NaN, NA) and Decimal NaN is blank."""
    keys = np.empty(len(values), dtype=object)
    keys[:] = list(map(str, values))
    column = _dictionary(keys, values)
    return _recoded(column, [v if isinstance(v, Decimal) and not v.is_nan() else None
                             for v in column.values])


def _fast_column(ftype: FieldType, values: np.ndarray) -> TypedColumn | None:
    """Typed column of the shapes compute produces (all text, all Decimal, all int, all bool,
    ISO date text, each with blanks), converting each distinct value once; None when the
    column holds anything else (then the per-value rules decide, and name a bad value)."""
    kind = pd.api.types.infer_dtype(values, skipna=True)  # over non-null values
    if kind == "empty":  # every value is None/NaN/NA/NaT
        return TypedColumn(np.full(len(values), -1, dtype=np.intp), [])
    if ftype == "string" and kind == "string":
        column = _dictionary(values)
        cleaned = [clean_str(v) for v in column.values]
        return _recoded(column, [v if v.strip() else None for v in cleaned])
    if ftype == "number" and kind == "decimal":
        column = _decimal_column(values)
        return column if all(v.is_finite() for v in column.values) else None
    if ftype == "integer" and kind == "integer":
        column = _dictionary(values)
        return TypedColumn(column.codes, [int(v) for v in column.values])
    if ftype == "boolean" and kind == "boolean":
        column = _dictionary(values)
        return TypedColumn(column.codes, [bool(v) for v in column.values])
    if ftype == "date" and kind == "string":
        column = _dictionary(values)
        texts = [v.strip() for v in column.values]
        if not all(_ISO_DATE.match(t) for t in texts if t):
            return None
        return _recoded(column, [date.fromisoformat(t) if t else None for t in texts])
    if ftype == "date" and kind == "date":
        return _dictionary(values)
    return None


def _typed_column(table: str, field: FieldDoc, series: pd.Series) -> TypedColumn:
    """The column typed by the data dictionary: vectorised for the usual shapes, value by
    value (the same rules, with the error message) for anything else."""
    values = series.to_numpy(dtype=object)
    fast = _fast_column(field.type, values)
    if fast is not None:
        return fast
    cells = np.empty(len(values), dtype=object)
    cells[:] = [_typed_value(table, field, v) for v in values]
    return _decimal_column(cells) if field.type == "number" else _dictionary(cells)


def typed_tables(marts: Marts) -> dict[str, list[TypedColumn]]:
    try:
        frames = marts.open_data()
    except KeyError as exc:
        raise BuildError(f"open data: column missing from the marts: {exc}") from exc
    tables: dict[str, list[TypedColumn]] = {}
    for table, frame in frames.items():
        fields = DATA_DICTIONARY[table]
        if [f.name for f in fields] != list(frame.columns):
            raise BuildError(f"open data {table}: columns differ from the data dictionary")
        tables[table] = [_typed_column(table, f, frame[f.name]) for f in fields]
    return tables
