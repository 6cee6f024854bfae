"""Numbers and dates as people read them: Indonesian first, English second."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from site_builder.render.formatting import (
    format_day,
    format_number,
    format_percent,
    format_period,
    format_signed,
)


@pytest.mark.parametrize(("value", "lang", "places", "expected"), [
    (Decimal("87.5"), "id", 2, "87,50"),
    (Decimal("87.5"), "en", 2, "87.50"),
    (87.505, "id", 2, "87,51"),  # ROUND_HALF_UP on the decimal digits, not the binary float
    (Decimal("1234567.891"), "id", 2, "1.234.567,89"),
    (Decimal("1234567.891"), "en", 2, "1,234,567.89"),
    (1234, "id", 0, "1.234"),
    (None, "id", 2, "–"),
    (float("nan"), "en", 2, "–"),
])
def test_format_number(value: object, lang: str, places: int, expected: str) -> None:
    assert format_number(value, lang, places) == expected


def test_format_signed_uses_sign_and_true_minus() -> None:
    assert format_signed(Decimal("5"), "id") == "+5,00"
    assert format_signed(Decimal("-1.25"), "id") == "−1,25"
    assert format_signed(Decimal("-1.25"), "en") == "−1.25"
    assert format_signed(Decimal("0"), "en") == "0.00"


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (date(2025, 2, 3), "id", "3 Februari 2025"),
    (date(2025, 2, 3), "en", "February 3, 2025"),
    (datetime(2025, 8, 17, 10, 0), "id", "17 Agustus 2025"),
    ("2025-12-01", "id", "1 Desember 2025"),
    (None, "id", "–"),
])
def test_format_day(value: object, lang: str, expected: str) -> None:
    assert format_day(value, lang) == expected


def test_format_percent() -> None:
    assert format_percent(3, 4, "id") == "75,0 %"
    assert format_percent(3, 4, "en") == "75.0%"
    assert format_percent(1, 0, "id") == "–"


@pytest.mark.parametrize(("code", "lang", "expected"), [
    ("2025-TW1", "id", "Triwulan I 2025"),
    ("2025-TW4", "en", "Q4 2025"),
    ("2025-S2", "id", "Semester 2 2025"),
    ("2025-03", "id", "Maret 2025"),
    ("2025-03", "en", "March 2025"),
    ("2025", "en", "2025"),
])
def test_format_period(code: str, lang: str, expected: str) -> None:
    assert format_period(code, lang) == expected
