"""Office index: weighted mean of capped capaian over reported indicators, with coverage."""
from __future__ import annotations

from decimal import Decimal

from site_builder import rules
from site_builder.compute.capaian import compute_capaian
from site_builder.compute.office_index import compute_office_index

from .conftest import staging


def _index(ind_rows: list[dict], cap_rows: list[dict], cap: Decimal | None = Decimal(120)):
    ind = staging("indikator", ind_rows, kantor="K1")
    cap_frame = staging("capaian", cap_rows, kantor="K1")
    scale = rules.capaian_scale()
    rows, _ = compute_capaian(ind, cap_frame, scale, cap, "v")
    return compute_office_index(rows, scale).set_index("periode")


IND = [
    dict(kode="A", nama_indikator="a", jenis="IKU", satuan="%", arah="naik", bobot=1.0),
    dict(kode="B", nama_indikator="b", jenis="IKU", satuan="hari", arah="turun", bobot=2.0),
    dict(kode="C", nama_indikator="c", jenis="Layanan", satuan="%", arah="naik", bobot=1.0),
]


def test_weighted_mean_of_capped_values_and_coverage() -> None:
    out = _index(IND, [
        dict(kode="A", periode="2025", target=80.0, realisasi=100.0),  # 125 → capped 120, w 1
        dict(kode="B", periode="2025", target=10.0, realisasi=12.0),   # 80, w 2
        dict(kode="C", periode="2025", target=50.0),                   # not reported
    ])
    # (120 × 1 + 80 × 2) / 3 = 280 / 3 = 93.333… → 93.33, Sangat Baik
    assert out.loc["2025", "indeks_kinerja"] == Decimal("93.33")
    assert out.loc["2025", "kategori"] == "Sangat Baik"
    assert out.loc["2025", "indikator_dilaporkan"] == 2
    assert out.loc["2025", "indikator_total"] == 3


def test_without_cap_the_raw_value_is_averaged() -> None:
    out = _index(IND[:2], [
        dict(kode="A", periode="2025", target=80.0, realisasi=100.0),  # 125, w 1
        dict(kode="B", periode="2025", target=10.0, realisasi=12.0),   # 80, w 2
    ], cap=None)
    # (125 + 160) / 3 = 95
    assert out.loc["2025", "indeks_kinerja"] == Decimal("95.00")


def test_target_zero_counts_in_total_not_in_index_and_nothing_reported_is_blank() -> None:
    out = _index(IND[:2], [
        dict(kode="A", periode="2025-TW1", target=0.0, realisasi=3.0),
        dict(kode="B", periode="2025-TW1", target=10.0, realisasi=10.0),  # 100
        dict(kode="A", periode="2025-TW2", target=10.0),
    ])
    assert out.loc["2025-TW1", "indeks_kinerja"] == Decimal("100.00")
    assert out.loc["2025-TW1", "indikator_dilaporkan"] == 1
    assert out.loc["2025-TW1", "indikator_total"] == 2
    assert out.loc["2025-TW2", "indeks_kinerja"] is None
    assert out.loc["2025-TW2", "kategori"] is None
    assert out.loc["2025-TW2", "indikator_dilaporkan"] == 0
    assert out.loc["2025-TW2", "indikator_total"] == 1


def test_mean_capaian_is_of_the_exact_uncapped_values_rounded_once() -> None:
    out = _index(IND, [
        dict(kode="A", periode="2025", target=200.0, realisasi=20.01),  # 10.005 exactly
        dict(kode="B", periode="2025", target=200.0, realisasi=379.99),  # (2 − 1.89995) = 10.005
        dict(kode="C", periode="2025", target=100.0, realisasi=10.0),  # 10
    ])
    # exact: 30.01 / 3 = 10.00333… → 10.00 (the rounded values 10.01 + 10.01 + 10.00 would
    # average 10.0067 → 10.01)
    assert out.loc["2025", "capaian_rata_rata"] == Decimal("10.00")
    assert out.loc["2025", "indikator_di_bawah_target"] == 3


def test_mean_capaian_is_not_capped_and_below_target_counts_published_values() -> None:
    out = _index(IND, [
        dict(kode="A", periode="2025", target=80.0, realisasi=100.0),  # 125 (capped 120)
        dict(kode="B", periode="2025", target=10.0, realisasi=12.0),  # 80
        dict(kode="C", periode="2025", target=50.0),  # not reported
        dict(kode="A", periode="2026", target=100000.0, realisasi=99996.0),  # 99.996 → 100.00
    ])
    assert out.loc["2025", "capaian_rata_rata"] == Decimal("102.50")  # (125 + 80) / 2
    assert out.loc["2025", "indikator_di_bawah_target"] == 1  # 80
    # 99.996 is published as 100.00, which is not below target
    assert out.loc["2026", "capaian_rata_rata"] == Decimal("100.00")
    assert out.loc["2026", "indikator_di_bawah_target"] == 0


def test_nothing_reported_has_no_mean_capaian() -> None:
    out = _index(IND[:1], [dict(kode="A", periode="2025", target=10.0)])
    assert out.loc["2025", "capaian_rata_rata"] is None
    assert out.loc["2025", "indikator_di_bawah_target"] == 0
