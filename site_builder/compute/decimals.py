"""Exact numbers at the boundaries: floats from staging become Decimals via their repr, published
figures are rounded ROUND_HALF_UP to 2 places, fractions are rounded exactly."""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
_ONE = Decimal(1)


def exact_decimal(x: object) -> Decimal | None:
    """A staging float as the Decimal the sheet held (`87.5` -> Decimal('87.5')); None if blank."""
    if x.__class__ is float:
        if x != x:
            return None
        d = Decimal(repr(x))
        return d.quantize(_ONE) if d == d.to_integral_value() else d
    if x is None:
        return None
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        if math.isnan(x):
            return None
        d = Decimal(repr(x))
    else:
        try:
            if x != x:  # pd.NA / NaN-like
                return None
        except TypeError:
            return None
        d = Decimal(str(x))
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d


def round2(value: Decimal | None) -> Decimal | None:
    """Round ROUND_HALF_UP to 2 decimals (None stays None)."""
    if value is None:
        return None
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def round2_fraction(value: Fraction | None) -> Decimal | None:
    """Exact ROUND_HALF_UP of a Fraction to 2 decimals (no intermediate rounding at all)."""
    if value is None:
        return None
    scaled = value * 100
    sign = -1 if scaled < 0 else 1
    cents = math.floor(abs(scaled) + Fraction(1, 2)) * sign
    return (Decimal(cents) / 100).quantize(CENT)
