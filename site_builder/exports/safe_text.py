"""The one guard every CSV/XLSX text cell goes through (spreadsheet formula injection).

A spreadsheet opening a CSV or XLSX file may treat a text cell that starts with `=`, `+`, `-`,
`@`, a tab, a carriage return or a line feed as a formula (or as the start of one, after
leading spaces). Sheet text is untrusted (PRODUCT.md §8), so such text is prefixed with a
single quote `'`, the convention spreadsheets and OWASP use to mark "this is text".

Only `str` values are changed. Numbers (including negative ones such as `Decimal("-5")`),
dates, booleans and `None` are returned unchanged: they are written as typed values, never
parsed as formulas. JSON exports do not use this guard, because no spreadsheet executes JSON.
"""
from __future__ import annotations

import unicodedata
from typing import TypeVar, overload

__all__ = ["FORMULA_PREFIX", "TRIGGER_CHARACTERS", "is_dangerous_text", "safe_text_cell"]

FORMULA_PREFIX = "'"

TRIGGER_CHARACTERS: frozenset[str] = frozenset(
    "=+-@"  # formula and DDE triggers
    "\t\r\n"  # tab, carriage return, line feed
    "\uff1d\uff0b\uff0d\uff20"  # full-width ＝ ＋ － ＠
    "\ufe66\ufe62\ufe63\ufe6b"  # small forms ﹦ ﹢ ﹣ ﹫
    "\u2212"  # MINUS SIGN −
)
"""Characters that make a text cell dangerous when they come first (after skippable ones)."""

_T = TypeVar("_T")


def _skippable(ch: str) -> bool:
    """Leading characters a spreadsheet may ignore before it sees a formula trigger: any
    whitespace and invisible format characters (zero-width space, BOM, word joiner, ...)."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def is_dangerous_text(text: str) -> bool:
    """True when `text` would start a formula: its first character, or its first character
    after leading whitespace / invisible format characters, is in `TRIGGER_CHARACTERS`."""
    for ch in text:
        if ch in TRIGGER_CHARACTERS:
            return True
        if not _skippable(ch):
            return False
    return False


@overload
def safe_text_cell(value: str) -> str: ...
@overload
def safe_text_cell(value: _T) -> _T: ...
def safe_text_cell(value: object) -> object:
    """Return `value` ready for a CSV/XLSX cell: dangerous text gets `'` prepended (so removing
    the first character gives the original back); anything that is not `str` is unchanged."""
    if isinstance(value, str) and is_dangerous_text(value):
        return FORMULA_PREFIX + value
    return value
