"""Small builders for the unit tests: staging frames of the declared contract, a default config."""
from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from sheets_sync.config import PortalConfig
from sheets_sync.contracts import frame_columns


def staging(tab: str, rows: list[dict[str, Any]], kantor: str | None = None) -> pd.DataFrame:
    """A staging frame of `tab` with the contract's dtypes; `baris` defaults to 2, 3, …;
    with `kantor`, a `kantor_kode` column first (as PortalData.frame gives)."""
    cols = frame_columns(tab)
    df = pd.DataFrame(rows)
    if "baris" not in df.columns:
        df["baris"] = range(2, 2 + len(df))
    for c in cols:
        if c not in df.columns:
            df[c] = None
    df = df[list(cols)].astype(cols) if len(df) else pd.DataFrame(
        {c: pd.Series(dtype=t) for c, t in cols.items()})
    if kantor is not None:
        df.insert(0, "kantor_kode", kantor)
    return df


def make_config(**overrides: Any) -> PortalConfig:
    raw: dict[str, Any] = {"title": "Portal Uji", "source": {"kind": "workbook", "path": "x"}}
    raw.update(overrides)
    return PortalConfig.model_validate(raw)


@pytest.fixture
def config() -> PortalConfig:
    return make_config()
