"""CSV and JSON bytes of a typed table: `.` decimals (a Decimal's own digits), ISO dates,
`true`/`false`, UTF-8 without BOM, `\\n` line ends; CSV text through `safe_text_cell`."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

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


def csv_bytes(fields: Sequence[FieldDoc], columns: list[TypedColumn]) -> bytes:
    header = ",".join(_csv_field(f.name) for f in fields)
    texts = [c.spread(_csv_tokens(f.type, c.values), "").tolist()
             for f, c in zip(fields, columns, strict=True)]
    lines = [header, *map(",".join, zip(*texts, strict=True))]
    return ("\n".join(lines) + "\n").encode("utf-8")


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

