"""Kurva distribusi (SE MenPANRB 3/2023, domain-rules §1.5): maxima floored, minima ceiled."""
from __future__ import annotations

import pandas as pd
import pytest

from site_builder import rules
from site_builder.compute.kurva import check_kurva, violations

LIMITS = rules.kurva_rule("se-menpanrb-3-2023")[1]
KEYS = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")


def dist(sb: int = 0, b: int = 0, bp: int = 0, k: int = 0, sk: int = 0) -> dict[str, int]:
    return dict(zip(KEYS, (sb, b, bp, k, sk), strict=True))


def broken(org: str, counts: dict[str, int]) -> list[tuple[str, tuple[str, ...]]]:
    return [(lim.jenis, lim.predikat) for lim in violations(counts, LIMITS[org])]


def test_baik_example_of_20() -> None:
    # Baik unit of 20: at most floor(0.7 × 20) = 14 Baik; at least 1 BP or K/M.
    assert broken("Baik", dist(sb=5, b=14, bp=1)) == []
    assert broken("Baik", dist(sb=5, b=14, k=1)) == []
    assert broken("Baik", dist(sb=4, b=15, bp=1)) == [("maks", ("baik",))]
    assert broken("Baik", dist(sb=6, b=14)) == [("min", ("butuh_perbaikan", "kurang"))]


def test_baik_maximum_is_floored_for_small_units() -> None:
    # 7 employees: 0.7 × 7 = 4.9 → at most 4 Baik
    assert broken("Baik", dist(sb=2, b=4, bp=1)) == []
    assert broken("Baik", dist(sb=1, b=5, bp=1)) == [("maks", ("baik",))]


def test_istimewa_maximum_sangat_baik() -> None:
    # 10 employees: at most floor(7.0) = 7 Sangat Baik
    assert broken("Istimewa", dist(sb=7, b=3)) == []
    assert broken("Istimewa", dist(sb=8, b=2)) == [("maks", ("sangat_baik",))]


def test_butuh_perbaikan_minimum_and_maximum() -> None:
    # 20: at least ceil(12) = 12 BP; at most floor(2) = 2 Sangat Baik
    assert broken("Butuh Perbaikan", dist(sb=2, b=6, bp=12)) == []
    assert broken("Butuh Perbaikan", dist(sb=2, b=7, bp=11)) == [("min", ("butuh_perbaikan",))]
    assert broken("Butuh Perbaikan", dist(sb=3, b=5, bp=12)) == [("maks", ("sangat_baik",))]
    # 7: at least ceil(4.2) = 5 BP; at most floor(0.7) = 0 Sangat Baik
    assert broken("Butuh Perbaikan", dist(b=2, bp=5)) == []
    assert broken("Butuh Perbaikan", dist(b=3, bp=4)) == [("min", ("butuh_perbaikan",))]
    assert broken("Butuh Perbaikan", dist(sb=1, b=1, bp=5)) == [("maks", ("sangat_baik",))]


def test_kurang_limits() -> None:
    # 20: K/M ≥ 12, BP ≥ 2, SB ≤ 2
    assert broken("Kurang", dist(sb=2, b=4, bp=2, k=12)) == []
    assert broken("Kurang", dist(sb=2, b=5, bp=2, k=11)) == [("min", ("kurang",))]
    assert broken("Kurang", dist(sb=2, b=5, bp=1, k=12)) == [("min", ("butuh_perbaikan",))]
    assert broken("Kurang", dist(sb=3, b=3, bp=2, k=12)) == [("maks", ("sangat_baik",))]
    # 5: K/M ≥ ceil(3.0) = 3, BP ≥ ceil(0.5) = 1
    assert broken("Kurang", dist(bp=1, k=3, sk=1)) == []
    assert broken("Kurang", dist(k=4, sk=1)) == [("min", ("butuh_perbaikan",))]


def test_sangat_kurang_limits() -> None:
    # 20: SK ≥ 12; K/M + BP ≥ 2; no Sangat Baik at all
    assert broken("Sangat Kurang", dist(b=6, bp=1, k=1, sk=12)) == []
    assert broken("Sangat Kurang", dist(b=7, bp=1, k=1, sk=11)) == [("min", ("sangat_kurang",))]
    assert broken("Sangat Kurang", dist(b=7, k=1, sk=12)) == [
        ("min", ("kurang", "butuh_perbaikan"))]
    assert broken("Sangat Kurang", dist(sb=1, b=5, k=2, sk=12)) == [("maks", ("sangat_baik",))]


@pytest.mark.parametrize("org", ["Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"])
def test_every_organisational_predikat_has_limits(org: str) -> None:
    assert LIMITS[org]


def test_check_frame_flags_and_findings() -> None:
    frame = pd.DataFrame([
        dict(kantor_kode="K1", periode="2025", jumlah_pegawai=20, predikat_organisasi="Baik",
             **dist(sb=4, b=15, bp=1)),
        dict(kantor_kode="K1", periode="2024", jumlah_pegawai=20, predikat_organisasi="Baik",
             **dist(sb=5, b=14, bp=1)),
        dict(kantor_kode="K2", periode="2025", jumlah_pegawai=20, predikat_organisasi=None,
             **dist(b=20)),
    ])
    out, findings = check_kurva(frame, LIMITS)
    assert out["kurva_sesuai"].tolist() == [False, True, None]
    assert out.loc[0, "kurva_pelanggaran"] == ["Baik paling banyak 14 dari 20 pegawai (70%)"]
    assert out.loc[0, "kurva_pelanggaran_en"] == ["Good at most 14 of 20 employees (70%)"]
    assert [(f.code, f.office, f.tab, f.severity) for f in findings] == [
        ("kurva_distribusi", "K1", "Pegawai", "warning")]
    assert "Baik paling banyak 14" in findings[0].message
