"""Employee predikat: the 3×3 matrix of PermenPANRB 6/2022 (domain-rules §1.4), all 9 cells."""
from __future__ import annotations

import pytest

from site_builder import rules
from site_builder.compute.predikat import distribution, predikat, predikat_label

from .conftest import staging

ATAS, SESUAI, BAWAH = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"


@pytest.mark.parametrize(
    ("hasil", "perilaku", "label"),
    [
        (ATAS, ATAS, "Sangat Baik"),
        (ATAS, SESUAI, "Baik"),
        (SESUAI, ATAS, "Baik"),
        (SESUAI, SESUAI, "Baik"),
        (BAWAH, ATAS, "Butuh Perbaikan"),
        (BAWAH, SESUAI, "Butuh Perbaikan"),
        (ATAS, BAWAH, "Kurang/Misconduct"),
        (SESUAI, BAWAH, "Kurang/Misconduct"),
        (BAWAH, BAWAH, "Sangat Kurang"),
    ],
)
def test_matrix_cell(hasil: str, perilaku: str, label: str) -> None:
    rule = rules.predikat_rule("permenpanrb-6-2022")
    assert predikat_label(predikat(hasil, perilaku, rule)) == label


def test_distribution_counts_per_office_and_period() -> None:
    rule = rules.predikat_rule()
    rows = (
        [dict(unit_kerja="A", periode="2025", hasil_kerja=ATAS, perilaku_kerja=ATAS)] * 2
        + [dict(unit_kerja="A", periode="2025", hasil_kerja=SESUAI, perilaku_kerja=SESUAI)] * 3
        + [dict(unit_kerja="B", periode="2025", hasil_kerja=SESUAI, perilaku_kerja=BAWAH)]
        + [dict(unit_kerja="B", periode="2024", hasil_kerja=BAWAH, perilaku_kerja=BAWAH)]
    )
    dist = distribution(staging("pegawai", rows, kantor="DINKES"), rule)
    by_period = dist.set_index("periode")
    # 2025: 2 × (Atas, Atas) = Sangat Baik; 3 × (Sesuai, Sesuai) = Baik; 1 × (Sesuai, Bawah) = K/M
    assert by_period.loc["2025", ["jumlah_pegawai", "sangat_baik", "baik", "butuh_perbaikan",
                                  "kurang", "sangat_kurang"]].tolist() == [6, 2, 3, 0, 1, 0]
    # 2024: 1 × (Bawah, Bawah) = Sangat Kurang
    assert by_period.loc["2024", "sangat_kurang"] == 1
    assert by_period.loc["2024", "jumlah_pegawai"] == 1
