"""Numbers and dates for people: Indonesian style on Indonesian pages (87,50; 3 Februari 2025),
English style on English pages (87.50; February 3, 2025). Machine files never use these."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache, wraps
from typing import Any, TypeVar

import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import get_decimal_symbol, get_group_symbol

LOCALES = {"id": "id_ID", "en": "en_US"}
DASH = "–"  # shown for a blank (None) number
_LOCALE_OBJECTS = {lang: Locale.parse(code) for lang, code in LOCALES.items()}
# CLDR's group and decimal symbols of each language ("." and "," in Indonesian), put in place
# of Python's "," and "." in one `str.translate`.
_SEPARATORS = {lang: str.maketrans({",": get_group_symbol(loc), ".": get_decimal_symbol(loc)})
               for lang, loc in _LOCALE_OBJECTS.items()}


@lru_cache(maxsize=16)
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def to_decimal(value: object) -> Decimal | None:
    """Decimal for a mart cell; None for blanks (None, NaN, NA, empty string)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return None if value.is_nan() else value
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, str) and not value.strip():
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def to_date(value: object) -> date | None:
    """A `date` for a datetime/date/ISO string/Timestamp cell; None for blanks."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return None
    except (TypeError, ValueError):
        pass
    try:
        return pd.Timestamp(str(value)).date()
    except (ValueError, TypeError):
        return None


def format_number(value: object, lang: str = "id", places: int | None = 2) -> str:
    """87.5 -> '87,50' (id) / '87.50' (en); integers with places=0 -> '1.234' / '1,234';
    `places=None` keeps the value's own decimals (Decimal('88.31') -> '88,31', 91 -> '91').
    The one number formatter of pages, charts and Metodologi. Same text as babel's `#,##0.00`
    pattern (groups of 3, "-" for negatives), formatted by Python's `format` with the
    language's symbols: pages format tens of thousands of cells."""
    d = to_decimal(value)
    if d is None:
        return DASH
    if places is None:
        exponent = d.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    d = d.quantize(_quantum(places), rounding=ROUND_HALF_UP)
    return format(d, f",.{places}f").translate(_SEPARATORS[lang])


def format_signed(value: object, lang: str = "id", places: int = 2) -> str:
    """A change with its sign: '+5,00' / '−1,25' (true minus sign)."""
    d = to_decimal(value)
    if d is None:
        return DASH
    text = format_number(abs(d), lang, places)
    if d > 0:
        return "+" + text
    if d < 0:
        return "−" + text
    return text


def format_percent(part: object, whole: object, lang: str = "id", places: int = 1) -> str:
    """Share of part in whole as '75,0 %' / '75.0%'; dash when the whole is 0 or blank."""
    p, w = to_decimal(part), to_decimal(whole)
    if p is None or w is None or w == 0:
        return DASH
    number = format_number(p * 100 / w, lang, places)
    return f"{number} %" if lang == "id" else f"{number}%"


_F = TypeVar("_F", bound=Callable[..., Any])


def per_value(fn: _F) -> _F:
    """`fn` remembered per argument values, for functions that pages call with the same few
    cells hundreds of times (periods, dates). `typed`: 2025 and "2025" (or a date and a
    datetime) are remembered apart. An unhashable cell is computed each time."""
    cached = lru_cache(maxsize=4096, typed=True)(fn)

    @wraps(fn)
    def call(*args: Any) -> Any:
        try:
            return cached(*args)
        except TypeError:  # an unhashable cell (or a signalling NaN)
            return fn(*args)

    return call  # type: ignore[return-value]


def format_day(value: object, lang: str = "id") -> str:
    """3 Februari 2025 (id) / February 3, 2025 (en)."""
    return _format_day(value, lang)


@per_value
def _format_day(value: object, lang: str) -> str:
    d = to_date(value)
    if d is None:
        return DASH
    return _babel_date(d, format="long", locale=_LOCALE_OBJECTS[lang])


def format_period(code: object, lang: str = "id") -> str:
    """'2025-TW1' -> 'TW I 2025' / 'Q1 2025'; '2025-S2' -> 'Semester 2 2025' / 'H2 2025';
    '2025-03' -> 'Maret 2025' / 'March 2025'; '2025' -> '2025'. Unknown codes as given."""
    return _format_period(code, lang)


@per_value
def _format_period(code: object, lang: str) -> str:
    from sheets_sync.periods import parse_period

    p = parse_period(code)
    if p is None:
        return str(code or DASH)
    if p.kind == "tahun":
        return str(p.year)
    if p.kind == "semester":
        return f"Semester {p.index} {p.year}" if lang == "id" else f"H{p.index} {p.year}"
    if p.kind == "triwulan":
        roman = ["I", "II", "III", "IV"][p.index - 1]
        return f"Triwulan {roman} {p.year}" if lang == "id" else f"Q{p.index} {p.year}"
    return _babel_date(date(p.year, p.index, 1), format="LLLL y", locale=_LOCALE_OBJECTS[lang])


def period_tick(code: object, lang: str = "id") -> tuple[str, str]:
    """A period as a chart's axis shows it, in two short lines: the part within the year and
    the year. '2025-TW1' -> ('TW1', '2025') / ('Q1', '2025'); '2025-S2' -> ('S2', '2025') /
    ('H2', '2025'); '2025-03' -> ('Mar', '2025'); '2025' -> ('2025', ''). Unknown codes as
    given, on one line."""
    return _period_tick(code, lang)


@per_value
def _period_tick(code: object, lang: str) -> tuple[str, str]:
    from sheets_sync.periods import parse_period

    p = parse_period(code)
    if p is None:
        return str(code or DASH), ""
    if p.kind == "tahun":
        return str(p.year), ""
    if p.kind == "semester":
        return (f"S{p.index}" if lang == "id" else f"H{p.index}"), str(p.year)
    if p.kind == "triwulan":
        return (f"TW{p.index}" if lang == "id" else f"Q{p.index}"), str(p.year)
    month = _babel_date(date(p.year, p.index, 1), format="LLL", locale=_LOCALE_OBJECTS[lang])
    return month.rstrip("."), str(p.year)

