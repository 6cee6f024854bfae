"""Trend: change of a value against the previous period of the same kind (2025-TW1 vs 2024-TW4)."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pandas as pd

from sheets_sync.periods import parse_period
from site_builder.compute.frames import map_values


def previous_period_code(code: object) -> str | None:
    """Code of the previous period of the same kind; None for an unparsable code."""
    p = parse_period(code)
    return None if p is None else p.previous().code


def add_trend(
    frame: pd.DataFrame, keys: Sequence[str], value: str, out: str = "tren"
) -> pd.DataFrame:
    """Copy of `frame` with `out` = value − value of the same `keys` in the previous period
    (Decimal, or None when either value is blank or there is no previous row)."""
    result = frame.copy()
    if result.empty:
        result[out] = pd.Series(dtype="object")
        return result
    keys = list(keys)
    left = result[keys + ["periode"]].copy()
    left["_prev"] = map_values(result["periode"], previous_period_code)
    right = result[keys + ["periode", value]].rename(columns={"periode": "_prev", value: "_pv"})
    right = right.drop_duplicates(keys + ["_prev"])
    merged = left.merge(right, on=keys + ["_prev"], how="left")
    current = result[value].tolist()
    previous = merged["_pv"].tolist()
    result[out] = pd.Series(
        [_diff(c, p) for c, p in zip(current, previous, strict=True)],
        index=result.index, dtype="object",
    )
    return result


def _diff(current: object, previous: object) -> Decimal | None:
    if isinstance(current, Decimal) and isinstance(previous, Decimal):
        return current - previous
    return None
