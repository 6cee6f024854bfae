"""The summary figures of the home and sector pages, the headline period and the movers ranking.
Small mart-shaped frames; every expected number is worked out by hand in the comments."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from site_builder.compute.ringkasan import compute_ringkasan, headline_period, rank_movers

D = Decimal

PROFIL = pd.DataFrame({
    "kantor_kode": ["A", "B", "C", "D"],
    "kantor_nama": ["Dinas A", "Dinas B", "Dinas C", "Kecamatan D"],
    "sektor": ["Kesehatan", "Kesehatan", "Pendidikan", None],
}, dtype="object")


def _kantor(rows: list[tuple[str, str | None, str | None, str | None]]) -> pd.DataFrame:
    """(office, period, index, tren) rows of a kantor mart."""
    names = dict(zip(PROFIL["kantor_kode"], PROFIL["kantor_nama"], strict=True))
    return pd.DataFrame([{"kantor_kode": k, "kantor_nama": names[k], "periode": p,
                          "indeks_kinerja": D(v) if v else None, "tren": D(t) if t else None}
                         for k, p, v, t in rows], dtype="object")


KANTOR = _kantor([
    ("A", "2025-TW2", "80.00", None), ("A", "2025-TW3", "90.00", "10.00"),
    ("B", "2025-TW2", "70.00", None), ("B", "2025-TW3", "75.49", "5.49"),
    ("C", "2025-TW2", "60.00", None), ("C", "2025-TW3", None, None),
    ("D", None, None, None),
])
SKM = pd.DataFrame({"kantor_kode": ["A", "A", "C"], "periode": ["2025-TW3"] * 3,
                    "ikm": [D("80.01"), D("80.00"), None]}, dtype="object")
PENGADUAN = pd.DataFrame({
    "kantor_kode": ["A", "B", "C"], "periode": ["2025-TW3", "2025-TW3", "2025-TW2"],
    "masuk": [10, 5, 3], "ditanggapi_tepat_waktu": [8, 5, 3], "selesai_tepat_waktu": [6, 1, 3]})


def _summary() -> pd.DataFrame:
    out = compute_ringkasan(KANTOR, PROFIL, SKM, PENGADUAN, "v", headline_period(KANTOR))
    out["sektor"] = out["sektor"].fillna("-")
    return out.set_index(["cakupan", "sektor", "periode"])


def test_headline_period_is_where_most_offices_last_reported() -> None:
    # latest period with an index: A TW3, B TW3, C TW2 (its TW3 has no index)
    assert headline_period(KANTOR) == "2025-TW3"
    # a tie (one office each) goes to the later period
    tie = _kantor([("A", "2025-TW3", "90.00", None), ("C", "2025-TW2", "60.00", None)])
    assert headline_period(tie) == "2025-TW3"
    # periods of different kinds: the latest is the one reaching furthest (2025 ends 31 Dec)
    kinds = _kantor([("A", "2025-TW3", "90.00", None), ("A", "2025", "88.00", None),
                     ("B", "2025", "70.00", None), ("C", "2025-TW3", "60.00", None)])
    assert headline_period(kinds) == "2025"  # A and B last reported for 2025, C for TW3
    assert headline_period(_kantor([("D", None, None, None)])) is None


def test_portal_row_of_the_headline_period() -> None:
    row = _summary().loc[("kabupaten", "-", "2025-TW3")]
    assert row["kantor_total"] == 4 and row["kantor_berindeks"] == 2
    # (90.00 + 75.49) / 2 = 82.745 → half up 82.75 (half even would give 82.74)
    assert row["indeks_rata_rata"] == D("82.75")
    # (80.01 + 80.00) / 2 = 80.005 → 80.01; C's unit has no IKM and does not count
    assert row["unit_ikm"] == 2 and row["ikm_rata_rata"] == D("80.01")
    # A 10 + B 5 received; 8 + 5 answered on time; 6 + 1 resolved on time
    assert (row["pengaduan_masuk"], row["pengaduan_ditanggapi_tepat_waktu"],
            row["pengaduan_selesai_tepat_waktu"]) == (15, 13, 7)
    assert (row["kantor_tertinggi"], row["kantor_terendah"]) == ("A", "B")
    assert bool(row["periode_utama"]) is True


def test_other_periods_do_not_mix_in() -> None:
    out = _summary()
    tw2 = out.loc[("kabupaten", "-", "2025-TW2")]
    # A 80, B 70, C 60: 210 / 3 = 70.00; C's TW2 complaints only
    assert tw2["kantor_berindeks"] == 3 and tw2["indeks_rata_rata"] == D("70.00")
    assert (tw2["kantor_tertinggi"], tw2["kantor_terendah"]) == ("A", "C")
    assert tw2["pengaduan_masuk"] == 3 and tw2["unit_ikm"] == 0 and tw2["ikm_rata_rata"] is None
    assert bool(tw2["periode_utama"]) is False


def test_sector_rows() -> None:
    out = _summary()
    kes = out.loc[("sektor", "Kesehatan", "2025-TW3")]
    assert kes["kantor_total"] == 2 and kes["indeks_rata_rata"] == D("82.75")
    assert kes["pengaduan_masuk"] == 15
    pend = out.loc[("sektor", "Pendidikan", "2025-TW3")]
    # C has no index in TW3: no mean, no highest or lowest office
    assert pend["kantor_total"] == 1 and pend["kantor_berindeks"] == 0
    assert pend["indeks_rata_rata"] is None and pend["kantor_tertinggi"] is None
    assert out.loc[("sektor", "Pendidikan", "2025-TW2"), "indeks_rata_rata"] == D("60.00")
    # offices without a sector form their own scope, listed last
    none = out.loc[("sektor", "-", "2025-TW3")]
    assert none["kantor_total"] == 1 and none["kantor_berindeks"] == 0
    scopes = list(dict.fromkeys(zip(out.index.get_level_values(0),
                                    out.index.get_level_values(1), strict=True)))
    assert scopes == [("kabupaten", "-"), ("sektor", "Kesehatan"), ("sektor", "Pendidikan"),
                      ("sektor", "-")]
    assert len(out) == 4 * 2  # every scope has a row for both periods


def test_movers_are_ranked_in_the_headline_period() -> None:
    k = _kantor([("A", "2025-TW3", "90.00", "-6.00"), ("B", "2025-TW3", "75.00", "6.00"),
                 ("C", "2025-TW3", "60.00", "0.00"), ("C", "2025-TW2", "60.00", "9.00"),
                 ("D", "2025-TW3", "50.00", "2.50")])
    # |−6.00| = |6.00| tie: by name, Dinas A before Dinas B; no change (0) is no mover; the
    # larger change of C in TW2 is another period
    assert rank_movers(k, "2025-TW3") == [1, 2, None, None, 3]
    assert rank_movers(k, None) == [None] * 5
