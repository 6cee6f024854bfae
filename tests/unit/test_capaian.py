"""Capaian (PermenPANRB 8/2021) and its category on the default lkjip-5 scale."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from site_builder import rules
from site_builder.compute.capaian import capaian_value, compute_capaian

from .conftest import staging

D = Decimal


CAP = Decimal(120)


def _compute(rows: list[dict], arah: str = "naik", cap: Decimal | None = CAP) -> tuple:
    indikator = staging("indikator", [dict(kode="I1", nama_indikator="Ind", jenis="IKU",
                                           satuan="%", arah=arah, bobot=1.0)], kantor="K1")
    capaian = staging("capaian", [dict(kode="I1", **r) for r in rows], kantor="K1")
    return compute_capaian(indikator, capaian, rules.capaian_scale(), cap, "v")


def test_naik_is_realisasi_over_target() -> None:
    # 100 / 80 × 100 = 125 %
    assert capaian_value("naik", D(80), D(100)) == D(125)


def test_turun_is_two_minus_ratio() -> None:
    # (2 − 12/10) × 100 = 80 %; (2 − 5/10) × 100 = 150 %; realisasi 0 → 200 %
    assert capaian_value("turun", D(10), D(12)) == D(80)
    assert capaian_value("turun", D(10), D(5)) == D(150)
    assert capaian_value("turun", D(10), D(0)) == D(200)


def test_turun_is_floored_at_zero() -> None:
    # (2 − 25/10) × 100 = −50 → 0; exactly 2T → 0
    assert capaian_value("turun", D(10), D(25)) == 0
    assert capaian_value("turun", D(10), D(20)) == 0


def test_blank_realisasi_or_zero_target_has_no_capaian() -> None:
    assert capaian_value("naik", D(80), None) is None
    assert capaian_value("naik", D(0), D(5)) is None
    assert capaian_value("turun", D(0), D(0)) is None


def test_frame_rounding_cap_category_and_findings() -> None:
    out, findings = _compute([
        dict(periode="2025-TW1", target=80.0, realisasi=100.0, baris=2),   # 125 % → capped 120
        dict(periode="2025-TW2", target=12.0, realisasi=9.12, baris=3),    # 76 % exactly
        dict(periode="2025-TW3", target=0.0, realisasi=5.0, baris=4),      # target 0
        dict(periode="2025-TW4", target=80.0, realisasi=float("nan"), baris=5),  # not reported
        dict(periode="2025", target=200.0, realisasi=181.01, baris=6),     # 90.505 → 90.51
    ])
    got = out.set_index("periode")
    assert got.loc["2025-TW1", "capaian"] == D("125.00")
    assert got.loc["2025-TW1", "capaian_dibatasi"] == D("120.00")
    assert got.loc["2025-TW1", "kategori"] == "Sangat Baik"
    assert got.loc["2025-TW1", "kategori_en"] == "Very good"
    # 9.12 / 12 × 100 = 76 exactly (a binary float gives 75.99999999999999): Baik, not Cukup
    assert got.loc["2025-TW2", "capaian"] == D("76.00")
    assert got.loc["2025-TW2", "kategori"] == "Baik"
    assert got.loc["2025-TW3", "capaian"] is None
    assert got.loc["2025-TW3", "kategori"] is None
    assert got.loc["2025-TW4", "capaian"] is None
    assert got.loc["2025-TW4", "realisasi"] is None
    # 181.01 / 200 × 100 = 90.505 → ROUND_HALF_UP 90.51 (half-even would give 90.50)
    assert got.loc["2025", "capaian"] == D("90.51")
    assert got.loc["2025", "kategori"] == "Baik"
    assert got.loc["2025-TW1", "target"] == D(80)
    assert got.loc["2025", "realisasi"] == D("181.01")
    assert set(out["versi_aturan"]) == {"v"}
    assert [(f.code, f.office, f.tab, f.row, f.header, f.severity) for f in findings] == [
        ("target_nol", "K1", "Capaian", 4, "target", "warning")]


def test_category_uses_the_rounded_published_value() -> None:
    # 181.99 / 200 × 100 = 90.995 → published 91.00 → Sangat Baik (consistent with what is shown)
    out, _ = _compute([dict(periode="2025", target=200.0, realisasi=181.99)])
    assert out.loc[0, "capaian"] == D("91.00")
    assert out.loc[0, "kategori"] == "Sangat Baik"


def test_no_cap_keeps_raw_value() -> None:
    out, _ = _compute([dict(periode="2025", target=10.0, realisasi=0.0)], arah="turun", cap=None)
    assert out.loc[0, "capaian"] == D("200.00")
    assert out.loc[0, "capaian_dibatasi"] == D("200.00")


@pytest.mark.parametrize(
    ("value", "label"),
    [("150", "Sangat Baik"), ("100.01", "Sangat Baik"), ("91", "Sangat Baik"),
     ("91.00", "Sangat Baik"), ("90.99", "Baik"), ("76", "Baik"), ("75.99", "Cukup"),
     ("66", "Cukup"), ("65.99", "Kurang"), ("51", "Kurang"), ("50.99", "Sangat Kurang"),
     ("0", "Sangat Kurang")],
)
def test_category_band_boundaries(value: str, label: str) -> None:
    band = rules.capaian_scale("lkjip-5").classify(D(value))
    assert band is not None and band.label_id == label


def test_unknown_indicator_rows_are_not_published() -> None:
    indikator = staging("indikator", [dict(kode="I1", nama_indikator="x", jenis="IKU", satuan="%",
                                           arah="naik", bobot=1.0)], kantor="K1")
    capaian = staging("capaian", [dict(kode="I9", periode="2025", target=1.0, realisasi=1.0)],
                      kantor="K1")
    out, _ = compute_capaian(indikator, capaian, rules.capaian_scale(), None, "v")
    assert out.empty
    assert isinstance(out, pd.DataFrame)
