"""IKM (PermenPANRB 14/2017): NRR = mean of the given answers; IKM = Σ NRR × 1/9 × 25, exact;
mutu from the interval table after rounding to 2 decimals.

Boundary cases use n respondents who all answer all 9 unsur: then Σ NRR = (sum of all answers)/n,
so IKM = total / n × 25 / 9 and any total can be built from a base value plus +1 on some cells."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest

from site_builder import rules
from site_builder.compute.decimals import round2_fraction
from site_builder.compute.ikm import classify_ikm, compute_ikm, ikm_exact, nrr

from .conftest import staging

UNSUR = [f"u{i}" for i in range(1, 10)]


def _respondents(n: int, total: int, base: int, unit: str = "Loket") -> list[dict]:
    """n respondents answering all 9 unsur, answers adding up to `total` (base everywhere, then
    +1 on the first total − 9·n·base cells)."""
    extra = total - 9 * n * base
    assert 0 <= extra <= 9 * n
    cells = [base + 1 if i < extra else base for i in range(9 * n)]
    return [dict(unit_layanan=unit, periode="2025", **dict(zip(UNSUR, cells[r * 9:(r + 1) * 9],
                                                              strict=True)))
            for r in range(n)]


def _ikm(rows: list[dict], rule: str = "permenpanrb-14-2017", by_unit: bool = True) -> pd.DataFrame:
    return compute_ikm(staging("skm", rows, kantor="K1"), rules.ikm_rule(rule), by_unit=by_unit)


@pytest.mark.parametrize(
    ("n", "total", "base", "ikm", "mutu", "kinerja"),
    [
        # 15895/500 = 31.79; × 25/9 = 794.75/9 = 88.30555… → 88.31 → A
        (500, 15895, 3, "88.31", "A", "Sangat Baik"),
        # 15894/500 = 31.788; × 25/9 = 794.7/9 = 88.30 exactly → B
        (500, 15894, 3, "88.30", "B", "Baik"),
        # 13790/500 = 27.58; × 25/9 = 689.5/9 = 76.6111… → 76.61 → B
        (500, 13790, 3, "76.61", "B", "Baik"),
        # 13788/500 = 27.576; × 25/9 = 689.4/9 = 76.60 exactly → C
        (500, 13788, 3, "76.60", "C", "Kurang Baik"),
        # 11700/500 = 23.4; × 25/9 = 585/9 = 65 exactly → C
        (500, 11700, 2, "65.00", "C", "Kurang Baik"),
        # 11698/500 = 23.396; × 25/9 = 584.9/9 = 64.9888… → 64.99 → D
        (500, 11698, 2, "64.99", "D", "Tidak Baik"),
    ],
)
def test_interval_boundaries_from_respondent_answers(n: int, total: int, base: int, ikm: str,
                                                     mutu: str, kinerja: str) -> None:
    out = _ikm(_respondents(n, total, base))
    assert out.loc[0, "responden"] == n
    assert out.loc[0, "ikm"] == Decimal(ikm)
    assert out.loc[0, "mutu"] == mutu
    assert out.loc[0, "kinerja_unit"] == kinerja


@pytest.mark.parametrize(
    ("value", "mutu"),
    [("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"),
     ("65.00", "C"), ("64.99", "D"), ("25.00", "D")],
)
def test_classification_with_decimal_inputs(value: str, mutu: str) -> None:
    band = classify_ikm(Decimal(value), rules.ikm_rule("permenpanrb-14-2017"))
    assert band is not None and band.code == mutu


def test_single_respondent_all_fours_is_exactly_100() -> None:
    # 9 × 4 × 1/9 × 25 = 100 (with a rounded weight 0.111 it would be 99.90)
    out = _ikm([dict(unit_layanan="Loket", periode="2025", **{u: 4 for u in UNSUR})])
    assert out.loc[0, "ikm"] == Decimal("100.00")
    assert out.loc[0, "mutu"] == "A"
    assert [out.loc[0, f"nrr_{u}"] for u in UNSUR] == [Decimal("4.00")] * 9


def test_blank_answer_is_skipped_not_zero() -> None:
    # respondent 1: all 4; respondent 2: only u1 = 2, the rest blank.
    # NRR u1 = (4 + 2)/2 = 3; u2…u9 = 4/1 = 4. IKM = (3 + 8·4)/9 × 25 = 875/9 = 97.22…
    out = _ikm([dict(unit_layanan="Loket", periode="2025", **{u: 4 for u in UNSUR}),
                dict(unit_layanan="Loket", periode="2025", u1=2)])
    assert out.loc[0, "nrr_u1"] == Decimal("3.00")
    assert out.loc[0, "nrr_u2"] == Decimal("4.00")
    assert out.loc[0, "ikm"] == Decimal("97.22")
    assert out.loc[0, "responden"] == 2


def test_unsur_without_any_answer_blanks_the_ikm() -> None:
    rows = [dict(unit_layanan="Loket", periode="2025", **{u: 3 for u in UNSUR[:8]})]
    out = _ikm(rows)
    assert out.loc[0, "nrr_u9"] is None
    assert out.loc[0, "nrr_u1"] == Decimal("3.00")
    assert out.loc[0, "ikm"] is None
    assert out.loc[0, "mutu"] is None
    assert out.loc[0, "kinerja_unit"] is None


def test_rows_with_no_answer_are_not_respondents() -> None:
    rows = [dict(unit_layanan="Loket", periode="2025", **{u: 4 for u in UNSUR}),
            dict(unit_layanan="Loket", periode="2025")]
    assert _ikm(rows).loc[0, "responden"] == 1


def test_office_level_uses_all_respondents_of_its_units() -> None:
    # unit A: one respondent all 4 (Σ NRR 36); unit B: one respondent all 2 (Σ NRR 18).
    # office: every NRR = (4 + 2)/2 = 3 → IKM = 27 × 25/9 = 75.00 → C
    rows = [dict(unit_layanan="A", periode="2025", **{u: 4 for u in UNSUR}),
            dict(unit_layanan="B", periode="2025", **{u: 2 for u in UNSUR})]
    units = _ikm(rows).set_index("unit_layanan")
    assert units.loc["A", "ikm"] == Decimal("100.00")
    assert units.loc["B", "ikm"] == Decimal("50.00")  # 18 × 25/9 = 50 → D
    assert units.loc["B", "mutu"] == "D"
    office = _ikm(rows, by_unit=False)
    assert len(office) == 1
    assert office.loc[0, "unit_layanan"] == ""
    assert office.loc[0, "responden"] == 2
    assert office.loc[0, "ikm"] == Decimal("75.00")
    assert office.loc[0, "mutu"] == "C"


def test_old_2004_table_is_a_selectable_rule_version() -> None:
    # 5 respondents, total 153: Σ NRR = 30.6; IKM = 30.6 × 25/9 = 765/9 = 85.00
    rows = _respondents(5, 153, 3)
    new = _ikm(rows, "permenpanrb-14-2017")
    old = _ikm(rows, "kepmenpan-25-2004")
    assert new.loc[0, "ikm"] == old.loc[0, "ikm"] == Decimal("85.00")
    assert (new.loc[0, "mutu"], old.loc[0, "mutu"]) == ("B", "A")  # 14/2017 vs 25/2004
    assert new.loc[0, "versi_aturan"] == "permenpanrb-14-2017@1"
    assert old.loc[0, "versi_aturan"] == "kepmenpan-25-2004@1"


def test_formula_helpers_are_exact() -> None:
    assert nrr(7, 2) == Fraction(7, 2)
    assert nrr(0, 0) is None
    assert ikm_exact([Fraction(4)] * 9) == 100
    assert ikm_exact([Fraction(4)] * 8 + [None]) is None
    # 794.75/9 = 88.30555…: exact half-up rounding of a fraction
    assert round2_fraction(Fraction(79475, 900)) == Decimal("88.31")
    assert round2_fraction(Fraction(76605, 1000)) == Decimal("76.61")  # exactly .005 → up
