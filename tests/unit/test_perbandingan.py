"""Fair comparison (issue 15): coverage beside every index, only office-periods with enough
coverage in means, highest/lowest, the headline period and the movers; the sector's and the
portal's mean and the rank within the sector beside each office index. Expected values worked
out by hand in the comments."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from site_builder.compute.office_index import coverage, coverage_enough
from site_builder.compute.perbandingan import add_comparison
from site_builder.compute.ringkasan import compute_ringkasan, headline_period, rank_movers

D = Decimal

PROFIL = pd.DataFrame({
    "kantor_kode": ["A", "B", "C", "D"],
    "kantor_nama": ["Dinas A", "Dinas B", "Dinas C", "Kecamatan D"],
    "sektor": ["Kesehatan", "Kesehatan", "Kesehatan", None],
}, dtype="object")
EMPTY_SKM = pd.DataFrame({"kantor_kode": [], "periode": [], "ikm": []}, dtype="object")
EMPTY_ADU = pd.DataFrame({"kantor_kode": [], "periode": [], "masuk": [],
                          "ditanggapi_tepat_waktu": [], "selesai_tepat_waktu": []})


def _kantor(rows: list[tuple[str, str, str, str | None, bool]]) -> pd.DataFrame:
    """(office, period, index, tren, coverage enough) rows of a kantor mart."""
    names = dict(zip(PROFIL["kantor_kode"], PROFIL["kantor_nama"], strict=True))
    sectors = dict(zip(PROFIL["kantor_kode"], PROFIL["sektor"], strict=True))
    return pd.DataFrame([{"kantor_kode": k, "kantor_nama": names[k], "sektor": sectors[k],
                          "periode": p, "indeks_kinerja": D(v), "tren": D(t) if t else None,
                          "cakupan_memadai": ok} for k, p, v, t, ok in rows], dtype="object")


# B reported 3 of 7 indicators in TW3 (43 %): its index jumped +9.71 on its good indicators.
KANTOR = _kantor([
    ("A", "2025-TW2", "80.00", None, True), ("A", "2025-TW3", "84.00", "4.00", True),
    ("B", "2025-TW2", "88.60", None, True), ("B", "2025-TW3", "98.31", "9.71", False),
    ("C", "2025-TW2", "70.00", None, True), ("C", "2025-TW3", "68.00", "-2.00", True),
    ("D", "2025-TW2", "60.00", None, True), ("D", "2025-TW3", "90.00", "30.00", True),
])


def test_coverage_share_and_threshold() -> None:
    assert coverage(3, 7) == D("42.86")  # 300/7 = 42.857…
    assert coverage(0, 0) is None
    assert coverage_enough(3, 4, 0.75)  # exactly 75 %: enough
    assert not coverage_enough(5, 7, 0.75)  # 71.4 %
    assert coverage_enough(6, 7, 0.75)  # 85.7 %
    assert not coverage_enough(0, 5, 0.0)  # nothing reported is never enough
    assert coverage_enough(1, 5, 0.0)


def test_low_coverage_office_is_no_mover_and_not_highest() -> None:
    # headline: every office's latest counted period is TW3 (B's TW2 counts: A, C, D last in
    # TW3, B last in TW2 -> TW3 wins 3 to 1)
    assert headline_period(KANTOR) == "2025-TW3"
    # movers in TW3: D +30, A +4, C −2; B's +9.71 rests on 3 of 7 indicators: not ranked
    assert rank_movers(KANTOR, "2025-TW3") == [None, 2, None, None, None, 3, None, 1]
    r = compute_ringkasan(KANTOR, PROFIL, EMPTY_SKM, EMPTY_ADU, "v", "2025-TW3")
    tw3 = r[(r["periode"] == "2025-TW3") & (r["cakupan"] == "sektor")
            & (r["sektor"] == "Kesehatan")].iloc[0]
    # Kesehatan TW3: A 84 and C 68 count (B does not): mean 76.00, highest A, lowest C
    assert (tw3["kantor_berindeks"], tw3["kantor_cakupan_memadai"]) == (3, 2)
    assert tw3["indeks_rata_rata"] == D("76.00")
    assert (tw3["kantor_tertinggi"], tw3["kantor_terendah"]) == ("A", "C")
    portal = r[(r["periode"] == "2025-TW3") & (r["cakupan"] == "kabupaten")].iloc[0]
    # portal TW3: (84 + 68 + 90) / 3 = 80.67; highest D
    assert portal["indeks_rata_rata"] == D("80.67")
    assert portal["kantor_tertinggi"] == "D"


def test_a_change_from_a_low_coverage_period_is_no_mover() -> None:
    k = _kantor([("A", "2025-TW2", "60.00", None, False), ("A", "2025-TW3", "90.00", "30.00", True),
                 ("C", "2025-TW2", "70.00", None, True), ("C", "2025-TW3", "71.00", "1.00", True)])
    assert rank_movers(k, "2025-TW3") == [None, None, None, 1]


def test_headline_period_skips_a_period_most_offices_have_not_finished() -> None:
    # TW3 is reported by all three offices, but with enough coverage only by A
    k = _kantor([("A", "2025-TW2", "80.00", None, True), ("A", "2025-TW3", "81.00", "1", True),
                 ("B", "2025-TW2", "80.00", None, True), ("B", "2025-TW3", "99.00", "19", False),
                 ("C", "2025-TW2", "80.00", None, True), ("C", "2025-TW3", "99.00", "19", False)])
    assert headline_period(k) == "2025-TW2"
    # nobody with enough coverage anywhere: every index counts
    none_enough = _kantor([("A", "2025-TW3", "81.00", None, False)])
    assert headline_period(none_enough) == "2025-TW3"


def test_comparison_columns_beside_each_office_index() -> None:
    r = compute_ringkasan(KANTOR, PROFIL, EMPTY_SKM, EMPTY_ADU, "v", "2025-TW3")
    out = add_comparison(KANTOR, r).set_index(["kantor_kode", "periode"])
    a = out.loc[("A", "2025-TW3")]
    assert (a["indeks_sektor"], a["indeks_kabupaten"]) == (D("76.00"), D("80.67"))
    # Kesehatan TW3 ranks A (84) 1st and C (68) 2nd of 2; B (low coverage) unranked
    assert (a["peringkat_sektor"], a["peringkat_sektor_dari"]) == (1, 2)
    assert out.loc[("C", "2025-TW3"), "peringkat_sektor"] == 2
    b = out.loc[("B", "2025-TW3")]
    assert b["peringkat_sektor"] is None and b["peringkat_sektor_dari"] is None
    assert b["indeks_sektor"] == D("76.00")  # the mean is still there to compare with
    # D has no sector: no sector mean, no rank, the portal mean all the same
    d = out.loc[("D", "2025-TW3")]
    assert d["indeks_sektor"] is None and d["peringkat_sektor"] is None
    assert d["indeks_kabupaten"] == D("80.67")
    # TW2: all count; Kesehatan (80 + 88.6 + 70) / 3 = 79.53; B 1st, A 2nd, C 3rd of 3
    assert out.loc[("B", "2025-TW2"), "indeks_sektor"] == D("79.53")
    assert [out.loc[(k, "2025-TW2"), "peringkat_sektor"] for k in "ABC"] == [2, 1, 3]


def test_equal_indices_share_a_rank() -> None:
    k = _kantor([("A", "2025", "80.00", None, True), ("B", "2025", "80.00", None, True),
                 ("C", "2025", "70.00", None, True)])
    r = compute_ringkasan(k, PROFIL, EMPTY_SKM, EMPTY_ADU, "v", "2025")
    out = add_comparison(k, r)
    assert out["peringkat_sektor"].tolist() == [1, 1, 3]
    assert out["peringkat_sektor_dari"].tolist() == [3, 3, 3]
