"""Whole-array helpers of compute: the same exact values as their one-value counterparts.

Expectations are worked by hand (ROUND_HALF_UP: a tie goes away from zero)."""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from site_builder import rules
from site_builder.compute.decimals import exact_decimals, round2_ratios
from site_builder.compute.ikm import compute_ikm, compute_ikm_levels

from .conftest import staging

D = Decimal
UNSUR = [f"u{i}" for i in range(1, 10)]


def test_round2_ratios_rounds_half_up_exactly() -> None:
    # 7/2 = 3.5; 1/200 = 0.005 → 0.01 (tie, up); −1/200 → −0.01 (tie, away from zero);
    # 1/3 = 0.333… → 0.33; 2/3 = 0.666… → 0.67; 1/201 = 0.00497… → 0.00; x/0 → blank
    got = round2_ratios(np.array([7, 1, -1, 1, 2, 1, 5]), np.array([2, 200, 200, 3, 3, 201, 0]))
    assert got.tolist() == [D("3.50"), D("0.01"), D("-0.01"), D("0.33"), D("0.67"), D("0.00"),
                            None]
    assert [str(v) for v in got[:-1]] == ["3.50", "0.01", "-0.01", "0.33", "0.67", "0.00"]


def test_round2_ratios_takes_big_python_ints_and_2d_arrays() -> None:
    big = 10**30
    num = np.array([big * 2 + 1, 0], dtype=object)  # (2·10³⁰ + 1) / 10³⁰ = 2.000… → 2.00
    den = np.array([big, 7], dtype=object)
    assert round2_ratios(num, den).tolist() == [D("2.00"), D("0.00")]
    grid = round2_ratios(np.array([[1, 3], [5, 0]]), np.array([[8, 8], [0, 4]]))
    assert grid.tolist() == [[D("0.13"), D("0.38")], [None, D("0.00")]]  # 0.125 → 0.13


def test_exact_decimals_keeps_each_float_as_the_sheet_held_it() -> None:
    values = pd.Series([87.5, -0.0, 0.0, float("nan"), 87.5, 3.0, 0.1])
    got = exact_decimals(values)
    assert [str(v) for v in got] == ["87.5", "-0", "0", "None", "87.5", "3", "0.1"]
    assert exact_decimals(pd.Series([D("1.50"), None], dtype="object")) == [D("1.50"), None]


def test_levels_equal_compute_ikm_by_unit_and_by_office() -> None:
    # unit A: two respondents, one skips u9; unit B: one respondent all 2; blank unit: all 3.
    a1 = {u: 4 for u in UNSUR}
    a2 = {**{u: 3 for u in UNSUR[:8]}, "u9": None}
    rows = [dict(unit_layanan="A", periode="2025", **a1),
            dict(unit_layanan="A", periode="2025", **a2),
            dict(unit_layanan="B", periode="2025", **{u: 2 for u in UNSUR}),
            dict(unit_layanan=None, periode="2025", **{u: 3 for u in UNSUR})]
    skm = staging("skm", rows, kantor="K1")
    scale = rules.ikm_rule("permenpanrb-14-2017")
    units, office = compute_ikm_levels(skm, scale)
    pd.testing.assert_frame_equal(units, compute_ikm(skm, scale, by_unit=True))
    pd.testing.assert_frame_equal(office, compute_ikm(skm, scale, by_unit=False))
    # unit A: NRR u1..u8 = 7/2 = 3.50, u9 = 4/1 = 4.00; IKM = (8 × 3.5 + 4) × 25/9 = 88.888… → 88.89
    a = units.set_index("unit_layanan").loc["A"]
    assert a["nrr_u1"] == D("3.50") and a["nrr_u9"] == D("4.00") and a["ikm"] == D("88.89")
    # office: u1..u8 = (4 + 3 + 2 + 3)/4 = 3, u9 = (4 + 2 + 3)/3 = 3 → IKM = 27 × 25/9 = 75.00
    assert office["responden"].tolist() == [4]
    assert office.loc[0, "ikm"] == D("75.00") and office.loc[0, "unit_layanan"] == ""


def test_levels_of_no_answers_are_empty() -> None:
    skm = staging("skm", [dict(unit_layanan="A", periode="2025")], kantor="K1")
    units, office = compute_ikm_levels(skm, rules.ikm_rule("permenpanrb-14-2017"))
    assert units.empty and office.empty
