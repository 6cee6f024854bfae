"""Typed cell XML: one `<c>` element per value (row-wise sheets) or, for column-wise sheets,
the text of a cell per distinct value of a column.

Text is a string cell, never a formula (`<f>`); numbers are plain `<v>` numbers; dates are
serial numbers (`sheets_sync.values.date_serial`) with a date format."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

from sheets_sync.values import date_serial, datetime_serial
from workbooks.xlsx.styles import ISO_DATE, Styles, decimal_places
from workbooks.xlsx.text import SharedStrings, cell_text, t_element

__all__ = ["CellKind", "cell_tails", "cell_xml"]

CellKind = Literal["string", "number", "integer", "date", "boolean"]
"""What a column-wise column holds: text, Decimal, int, date or bool (Table Schema types)."""


def cell_xml(value: object, ref: str, style: int = 0, *, date_style: int = 1,
             datetime_style: int = 2) -> str:
    """One `<c>` element at `ref` with an inline string, number, boolean or date serial
    (`date_style`/`datetime_style`: the formats of dates and of dates with a time); "" for a
    blank cell. `style` applies to text."""
    if value is None:
        return ""
    if isinstance(value, str):
        if not value:
            return ""
        s = f' s="{style}"' if style else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is>{t_element(value)}</is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime):
        return f'<c r="{ref}" s="{datetime_style}"><v>{datetime_serial(value)!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{date_style}"><v>{date_serial(value)}</v></c>'
    if isinstance(value, (np.integer, np.floating)):
        return cell_xml(value.item(), ref)
    return cell_xml(str(value), ref)


def cell_tails(kind: CellKind, values: Sequence[Any], strings: SharedStrings,
               styles: Styles) -> list[str]:
    """The part of a `<c>` element after its `r="A2` for each distinct value of a column: a
    shared string (cut to the cell limit), a Decimal with the number format of its decimal
    places (`87.50` shows `87.50`), an integer, a date serial with `ISO_DATE`, or a boolean.
    Numbers are written as xlsxwriter writes them (`%.16G` of the float)."""
    if kind == "string":
        return [f'" t="s"><v>{strings.index(cell_text(v))}</v></c>' for v in values]
    if kind == "number":
        return [f'" s="{styles.decimals(decimal_places(v))}"><v>{float(v):.16G}</v></c>'
                for v in values]
    if kind == "integer":
        return [f'"><v>{v:.16G}</v></c>' for v in values]
    if kind == "date":
        xf = styles.add(ISO_DATE)
        return [f'" s="{xf}"><v>{date_serial(v)}</v></c>' for v in values]
    return [f'" t="b"><v>{int(bool(v))}</v></c>' for v in values]
