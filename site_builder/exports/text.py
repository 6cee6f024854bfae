"""CSV and JSON bytes of a typed table: `.` decimals (a Decimal's own digits), ISO dates,
`true`/`false`, UTF-8 without BOM, `\\n` line ends; CSV text through `safe_text_cell`."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from site_builder.exports.cells import TypedColumn
from site_builder.exports.fields import FieldDoc, FieldType
from site_builder.exports.safe_text import safe_text_cell


def _csv_field(text: str) -> str:
    """RFC 4180 quoting: quoted (with `""` for `"`) when it holds `,` `"` CR or LF. Written by
    hand because Python 3.11's csv module leaves a lone CR unquoted when lines end in LF."""
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _bool_text(cell: Any) -> str:
    return "true" if cell else "false"


def decimal_text(cell: Any) -> str:
    return format(cell, "f")  # the Decimal's own digits, never an exponent


_MACHINE_TEXT: dict[FieldType, Callable[[Any], str]] = {
    "number": decimal_text,
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


def _csv_lines(fields: Sequence[FieldDoc], columns: list[TypedColumn]) -> tuple[str, list[str]]:
    """The CSV header and one line per row (without line ends)."""
    header = ",".join(_csv_field(f.name) for f in fields)
    texts = [c.spread(_csv_tokens(f.type, c.values), "").tolist()
             for f, c in zip(fields, columns, strict=True)]
    return header, list(map(",".join, zip(*texts, strict=True)))


def csv_bytes(fields: Sequence[FieldDoc], columns: list[TypedColumn]) -> bytes:
    header, lines = _csv_lines(fields, columns)
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def csv_bytes_by(fields: Sequence[FieldDoc], columns: list[TypedColumn], key: int,
                 wanted: Sequence[str]) -> dict[str, bytes]:
    """For each value in `wanted` of column `key` (e.g. each office code), the CSV bytes of the
    table's rows holding it, in the table's row order (a value without rows: the header only)."""
    header, lines = _csv_lines(fields, columns)
    column = columns[key]
    order = np.argsort(column.codes, kind="stable")
    sorted_codes = column.codes[order]
    line_array = np.array(lines, dtype=object)
    code_of = {str(v): i for i, v in enumerate(column.values)}
    out: dict[str, bytes] = {}
    for value in wanted:
        code = code_of.get(value)
        rows: list[str] = []
        if code is not None:
            lo, hi = np.searchsorted(sorted_codes, [code, code + 1])
            rows = line_array[order[lo:hi]].tolist()
        out[value] = ("\n".join([header, *rows]) + "\n").encode("utf-8")
    return out


def json_bytes(fields: Sequence[FieldDoc], columns: list[TypedColumn]) -> bytes:
    if not columns or not len(columns[0].codes):
        return b"[]\n"
    pairs = []
    for f, c in zip(fields, columns, strict=True):
        key = json.dumps(f.name, ensure_ascii=False) + ": "
        pairs.append(c.spread([key + t for t in _json_tokens(f.type, c.values)],
                              key + "null").tolist())
    lines = ["{" + ", ".join(row) + "}" for row in zip(*pairs, strict=True)]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8")

