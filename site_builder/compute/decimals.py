"""Exact numbers at the boundaries: floats from staging become Decimals via their repr, published
figures are rounded ROUND_HALF_UP to 2 places, fractions are rounded exactly."""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

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


def exact_decimals(values: pd.Series) -> list[Decimal | None]:
    """`exact_decimal` of every value of a column, computed once per distinct value (a column
    repeats its targets and realisations). Floats are told apart by their bits, so -0.0 and
    0.0, equal but different Decimals, are not merged."""
    array = values.to_numpy()
    if array.dtype != np.float64:
        return [exact_decimal(x) for x in values.tolist()]
    bits, inverse = np.unique(array.view(np.int64), return_inverse=True)
    converted = np.empty(len(bits), dtype=object)
    converted[:] = [exact_decimal(x) for x in bits.view(np.float64).tolist()]
    return converted[inverse].tolist()


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


def round2_ratios(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """`round2_fraction(Fraction(num, den))` for whole arrays of integers (int64, or object
    arrays of Python ints when they may be large): exact ROUND_HALF_UP to 2 decimals with
    integer arithmetic only, cents = sign × ⌊(200·|num| + den) / (2·den)⌋. Object array of
    Decimals, None where `den` is 0."""
    num = np.asarray(num)
    den = np.asarray(den)
    blank = den == 0
    safe_den = np.where(blank, 1, den)
    size = np.abs(num)
    cents = (200 * size + safe_den) // (2 * safe_den)
    cents = np.where(num < 0, -cents, cents)
    uniques, inverse = np.unique(cents, return_inverse=True)  # few distinct values
    decimals = np.empty(len(uniques) + 1, dtype=object)
    decimals[:-1] = [(Decimal(int(c)) / 100).quantize(CENT) for c in uniques]
    decimals[-1] = None
    return decimals[np.where(blank, -1, inverse.reshape(cents.shape))]
