"""Trend = value − value of the previous period of the same kind."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from site_builder.compute.trends import add_trend, previous_period_code

D = Decimal


def test_previous_period_of_same_kind() -> None:
    assert previous_period_code("2025-TW1") == "2024-TW4"
    assert previous_period_code("2025-TW3") == "2025-TW2"
    assert previous_period_code("2025-01") == "2024-12"
    assert previous_period_code("2025-S1") == "2024-S2"
    assert previous_period_code("2025") == "2024"
    assert previous_period_code("bukan periode") is None


def test_add_trend() -> None:
    frame = pd.DataFrame({
        "kantor_kode": ["A", "A", "A", "A", "B", "B"],
        "periode": ["2024-TW4", "2025-TW1", "2025", "2024", "2025-TW1", "2025-TW2"],
        "nilai": [D("80.00"), D("87.50"), D("90.00"), None, D("70.00"), D("65.25")],
    }, dtype="object")
    out = add_trend(frame, ["kantor_kode"], "nilai")
    # A 2025-TW1: 87.50 − 80.00 = 7.50; A 2025: previous 2024 blank → None;
    # B 2025-TW2: 65.25 − 70.00 = −4.75; first periods have no previous → None
    assert out["tren"].tolist() == [None, D("7.50"), None, None, None, D("-4.75")]
    assert out["nilai"].tolist() == frame["nilai"].tolist()


def test_add_trend_on_empty_frame() -> None:
    frame = pd.DataFrame({"kantor_kode": [], "periode": [], "nilai": []}, dtype="object")
    assert "tren" in add_trend(frame, ["kantor_kode"], "nilai").columns
