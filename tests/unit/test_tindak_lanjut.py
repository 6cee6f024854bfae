"""The office head's follow-up, computed on a hand-made office of seven employees over three
annual SKP periods. Every expectation below is worked out by hand from the PermenPANRB 6/2022
matrix (domain-rules.md §1.4), the kurva limits of SE MenPANRB 3/2023 (§1.5) and the defaults
of rules/tindak_lanjut.yml, not read from the program's output."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
import pytest

from sheets_sync.contracts import TABS, keeping_private, tab_frame_columns
from sheets_sync.errors import ConfigError
from site_builder import rules
from site_builder.rules.tindak_lanjut import configured_rule, tindak_lanjut_rule
from site_builder.tindak_lanjut.compute import compute_follow_up, follow_up_periods

from .conftest import make_config

A, S, B = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"
NIP = {name: f"1990010120150{i}1001" for i, name in enumerate(
    ["Ani", "Budi", "Citra", "Dedi", "Eka", "Fajar", "Gita"], start=1)}
WHO = {"Ani": ("Staf", "Unit A"), "Budi": ("Staf", "Unit A"), "Citra": ("Analis", "Unit B"),
       "Dedi": ("Analis", "Unit B"), "Eka": ("Staf", "Unit B"), "Fajar": ("Staf", "Unit A"),
       "Gita": ("Analis", "Unit A")}
# (name, periode, hasil_kerja, perilaku_kerja); predikat by the matrix in the comment
RATED = [
    ("Ani", "2023", A, A), ("Ani", "2024", A, A), ("Ani", "2025", A, A),  # SB SB SB
    ("Ani", "2025-TW4", B, B),  # a quarterly row: the annual periods are compared
    ("Budi", "2024", S, S), ("Budi", "2025", A, A),  # B -> SB
    ("Citra", "2023", B, S), ("Citra", "2024", S, B), ("Citra", "2025", B, B),  # BP K SK
    ("Dedi", "2024", A, A), ("Dedi", "2025", B, A),  # SB -> BP
    ("Eka", "2025", S, B),  # K, new
    ("Fajar", "2024", S, S),  # B, has left
    ("Gita", "2023", B, B), ("Gita", "2025", S, S),  # no 2024 row: no previous predikat
]


def _frame(tab: Any, rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = tab_frame_columns(keeping_private(tab))
    df = pd.DataFrame(rows, columns=[c for c in cols if c != "baris"])
    df["baris"] = range(2, 2 + len(df))
    return df[list(cols)].astype(cols)


def pegawai() -> pd.DataFrame:
    return _frame(TABS["pegawai"], [
        {"nip": NIP[n], "nama": n, "jabatan": WHO[n][0], "unit_kerja": WHO[n][1], "periode": p,
         "hasil_kerja": h, "perilaku_kerja": b} for n, p, h, b in RATED])


def organisasi(**by_period: str) -> pd.DataFrame:
    return _frame(TABS["organisasi"], [{"periode": p, "predikat_organisasi": o}
                                       for p, o in by_period.items()])


def umpan_balik(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    return _frame(TABS["umpan_balik"], [{"nip": NIP[n], "periode": p, "sumber": s, "skor": k}
                                        for n, p, s, k in rows])


def follow(rule: Any = None, org: pd.DataFrame | None = None, ub: pd.DataFrame | None = None):
    rs = rules.rule_set(make_config())
    return compute_follow_up(
        "UJI", pegawai(), org if org is not None else organisasi(), ub if ub is not None
        else umpan_balik([]), rule=rule or tindak_lanjut_rule(), predikat=rs.predikat,
        kurva_limits=rs.kurva_limits)


def names(frame: pd.DataFrame) -> list[str]:
    return frame["nama"].tolist()


@pytest.mark.parametrize(("codes", "chain"), [
    (["2025", "2025-TW4", "2024", "2023"], ["2025", "2024", "2023"]),  # annual first
    (["2025", "2023"], ["2025"]),  # a gap: no previous period
    (["2025-TW1", "2025-TW2", "2024-TW4", "2024-TW2"], ["2025-TW2", "2025-TW1", "2024-TW4"]),
    (["2025-S1", "2025-03"], ["2025-S1"]),  # no annual row: the kind of the latest period
    ([], []),
])
def test_the_periods_compared(codes: list[str], chain: list[str]) -> None:
    assert follow_up_periods(codes) == chain


def test_every_employee_of_the_latest_period_with_predikat_change_and_list() -> None:
    fu = follow()
    assert (fu.periode, fu.periode_sebelumnya) == ("2025", "2024")
    table = fu.pegawai
    # unit, position, name: Unit A (Analis: Gita; Staf: Ani, Budi), Unit B (Analis: Citra,
    # Dedi; Staf: Eka); Fajar left after 2024
    assert names(table) == ["Gita", "Ani", "Budi", "Citra", "Dedi", "Eka"]
    assert table["nip"].tolist() == [NIP[n] for n in names(table)]
    assert table["predikat"].tolist() == ["baik", "sangat_baik", "sangat_baik", "sangat_kurang",
                                          "butuh_perbaikan", "kurang"]
    assert table["predikat_sebelumnya"].tolist() == [None, "sangat_baik", "baik", "kurang",
                                                     "sangat_baik", None]
    assert table["perubahan"].tolist() == ["baru", "tetap", "naik", "turun", "turun", "baru"]
    assert table["daftar"].tolist() == ["", "penghargaan", "penghargaan", "pengembangan",
                                        "pengembangan", "pengembangan"]
    assert fu.perubahan == {"naik": 1, "tetap": 1, "turun": 2, "baru": 2, "keluar": 1}
    assert names(fu.keluar) == ["Fajar"] and fu.keluar["predikat_sebelumnya"].tolist() == ["baik"]
    # the follow-up text: the predikat's, and what a change adds
    texts = dict(zip(names(table), table["tindak_lanjut"], strict=True))
    assert texts["Gita"].startswith("Pertahankan") and "turun" not in texts["Gita"]
    assert texts["Dedi"].startswith("Rencana pengembangan hasil kerja")
    assert texts["Dedi"].endswith("dialog kinerja untuk mencari penyebabnya.")
    assert "sampaikan apresiasi" in texts["Budi"]
    assert "Pasal 5" in dict(zip(names(table), table["dasar"], strict=True))["Citra"]


def test_development_list_with_how_long_below_expectations() -> None:
    fu = follow()
    dev = fu.pengembangan
    assert names(dev) == ["Citra", "Dedi", "Eka"]
    assert dev["di_bawah_berturut"].tolist() == [3, 1, 1]  # Citra: BP 2023, K 2024, SK 2025
    assert dev["di_bawah_sejak"].tolist() == ["2023", "2025", "2025"]
    assert dev["fokus"].tolist() == [
        "Hasil kerja (kompetensi teknis); Perilaku kerja (nilai BerAKHLAK)",
        "Hasil kerja (kompetensi teknis)", "Perilaku kerja (nilai BerAKHLAK)"]
    assert fu.kebutuhan.to_dict("records") == [
        {"unit_kerja": "Unit B", "jabatan": "Analis", "pegawai": 2, "hasil_kerja": 2,
         "perilaku_kerja": 1},
        {"unit_kerja": "Unit B", "jabatan": "Staf", "pegawai": 1, "hasil_kerja": 0,
         "perilaku_kerja": 1}]


def test_recognition_candidates_longest_run_first() -> None:
    rec = follow().penghargaan
    assert names(rec) == ["Ani", "Budi"]
    assert rec["urutan"].tolist() == [1, 2]
    assert rec["penghargaan_berturut"].tolist() == [3, 1]
    assert rec["penghargaan_sejak"].tolist() == ["2023", "2025"]


def test_the_office_overrides_the_lists_where_the_regulation_leaves_it_to_it() -> None:
    cfg = make_config(tindak_lanjut={"pengembangan": ["Kurang/Misconduct", "sangat kurang"],
                                     "penghargaan_berturut": 2})
    rule = configured_rule(cfg)
    assert rule.pengembangan == ("kurang", "sangat_kurang")
    assert rule.tag == "permenpanrb-6-2022@1+portal.yml(pengembangan,penghargaan_berturut)"
    assert rule.pengembangan_dasar == rule.penghargaan_dasar == "kebijakan instansi (portal.yml)"
    fu = follow(rule)
    assert names(fu.pengembangan) == ["Citra", "Eka"]  # Dedi's Butuh Perbaikan is not listed
    assert names(fu.penghargaan) == ["Ani"]  # Sangat Baik two periods running (three, in fact)
    assert dict(zip(names(fu.pegawai), fu.pegawai["daftar"], strict=True))["Budi"] == ""


def test_bad_overrides_are_config_errors_naming_the_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sheets_sync.config import load_config

    cfg = tmp_path / "portal.yml"
    cfg.write_text("title: P\nsource: {kind: workbook, path: x}\n"
                   "tindak_lanjut: {penghargaan: [Luar Biasa]}\n")
    with pytest.raises(ConfigError, match=r"'tindak_lanjut.penghargaan'.*Luar Biasa"):
        load_config(cfg)
    with pytest.raises(ConfigError, match="both"):
        tindak_lanjut_rule(pengembangan=["Baik"], penghargaan=["Baik", "Sangat Baik"])
    cfg.write_text("title: P\nsource: {kind: workbook, path: x}\nrules: {tindak_lanjut: x}\n")
    with pytest.raises(ConfigError, match="'rules.tindak_lanjut'.*permenpanrb-6-2022"):
        load_config(cfg)


def test_distribution_and_kurva_per_period() -> None:
    fu = follow(org=organisasi(**{"2025": "Baik", "2024": "Sangat Kurang"}))
    rows = {(r.periode, r.unit_kerja): (r.jumlah_pegawai, r.sangat_baik, r.baik,
                                        r.butuh_perbaikan, r.kurang, r.sangat_kurang)
            for r in fu.distribusi.itertuples()}
    assert rows == {("2025", "Unit A"): (3, 2, 1, 0, 0, 0), ("2025", "Unit B"): (3, 0, 0, 1, 1, 1),
                    ("2025", None): (6, 2, 1, 1, 1, 1), ("2024", "Unit A"): (3, 1, 2, 0, 0, 0),
                    ("2024", "Unit B"): (2, 1, 0, 0, 1, 0), ("2024", None): (5, 2, 2, 0, 1, 0)}
    kurva = {r.periode: (r.predikat_organisasi, r.sesuai, r.pelanggaran)
             for r in fu.kurva.itertuples()}
    # Baik, 6 employees: at most 4 Baik (1), at least 1 BP or K (2): met
    assert kurva["2025"] == ("Baik", True, [])
    # Sangat Kurang, 5 employees: at least 3 Sangat Kurang (0) and no Sangat Baik (2): broken
    assert kurva["2024"] == ("Sangat Kurang", False, [
        "Sangat Kurang paling sedikit 3 dari 5 pegawai (60%)",
        "Sangat Baik paling banyak 0 pegawai"])
    assert follow().kurva["sesuai"].tolist() == [None, None]  # no Organisasi row: not checked


def test_feedback_count_and_mean_per_source() -> None:
    ub = umpan_balik([
        ("Ani", "2025", "atasan", 4),
        *[("Ani", "2025", "rekan kerja", k) for k in (2, 2, 2, 2, 2, 2, 2, 3)],  # 17/8 = 2.125
        ("Budi", "2025", "atasan", 1), ("Budi", "2025", "atasan", 2),
        ("Budi", "2025", "atasan", 2),  # 5/3 = 1.666…
        ("Budi", "2025", "masyarakat", 3), ("Budi", "2025", "masyarakat", 4),
        ("Ani", "2024", "atasan", 1),  # another period: not in the latest period's figures
        ("Fajar", "2025", "rekan kerja", 4),  # not an employee of 2025
    ])
    fu = follow(ub=ub)
    by = fu.pegawai.set_index("nama")
    assert by.loc["Ani", "ub_atasan_jumlah"] == 1 and by.loc["Ani", "ub_atasan_rerata"] == 4
    assert by.loc["Ani", "ub_rekan_kerja_jumlah"] == 8
    assert by.loc["Ani", "ub_rekan_kerja_rerata"] == Decimal("2.13")  # half up, not 2.12
    assert by.loc["Budi", "ub_atasan_rerata"] == Decimal("1.67")
    assert by.loc["Budi", "ub_masyarakat_rerata"] == Decimal("3.50")
    assert by.loc["Citra", "ub_atasan_jumlah"] == 0 and by.loc["Citra", "ub_atasan_rerata"] is None
    assert (fu.umpan_balik_dipakai, fu.umpan_balik_tanpa_pegawai) == (14, 1)


def test_the_rule_file_cites_its_basis_in_both_languages() -> None:
    rule = tindak_lanjut_rule()
    assert rule.rule.description("id") and rule.rule.description("en")
    assert rule.pengembangan == ("butuh_perbaikan", "kurang", "sangat_kurang")
    assert rule.penghargaan == ("sangat_baik",) and rule.penghargaan_berturut == 1
    for action in rule.tindakan.values():
        assert action.id and action.en and action.dasar
    # where the regulation leaves it to the office, the default says so
    assert "kebijakan instansi (bawaan portal)" in rule.pengembangan_dasar
    assert "kebijakan instansi (bawaan portal)" in rule.penghargaan_dasar
    with pytest.raises(ConfigError, match="tidak-ada"):
        tindak_lanjut_rule("tidak-ada")
