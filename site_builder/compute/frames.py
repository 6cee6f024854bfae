"""Small, fast frame helpers (pandas 3 string columns are slow to iterate element by element)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd


def map_values(
    series: pd.Series, mapping: Mapping[Any, Any] | Callable[[Any], Any]
) -> pd.Series:
    """`series.map(mapping)` computed once per distinct value (missing values map to None)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    fn = mapping.get if isinstance(mapping, Mapping) else mapping
    mapped = np.empty(len(uniques) + 1, dtype="object")
    mapped[: len(uniques)] = [fn(u) for u in uniques]
    mapped[-1] = None
    return pd.Series(mapped[codes], index=series.index, dtype="object")
