"""compute_portal: every mart has the open-data columns first, in order, then internal ones."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pytest

from sheets_sync.portal_data import OfficeData, OfficeStatus, PortalData
from site_builder.compute.portal import EXTRA_COLUMNS, compute_portal, mart_columns
from site_builder.marts import MART_OF_TABLE, OPEN_DATA_COLUMNS
from site_builder.rules import rule_set

from .conftest import make_config, staging

SESUAI, BAWAH = "Sesuai Ekspektasi", "Di Bawah Ekspektasi"


def _office() -> OfficeData:
    peg = ([dict(unit_kerja="U", periode="2025", hasil_kerja=SESUAI, perilaku_kerja=SESUAI)] * 14
           + [dict(unit_kerja="U", periode="2025", hasil_kerja=BAWAH, perilaku_kerja=SESUAI)] * 6)
    return OfficeData("DINKES", {
        "indikator": staging("indikator", [
            dict(kode="I1", nama_indikator="Imunisasi", jenis="IKU", satuan="%", arah="naik",
                 bobot=1.0),
            dict(kode="I2", nama_indikator="Lama tunggu", jenis="Layanan", satuan="hari",
                 arah="turun", bobot=2.0, sasaran="Layanan cepat")]),
        "capaian": staging("capaian", [
            dict(kode="I1", periode="2025-TW1", target=80.0, realisasi=100.0),
            dict(kode="I2", periode="2025-TW1", target=10.0, realisasi=12.0),
            dict(kode="I1", periode="2024-TW4", target=80.0, realisasi=60.0, penjelasan="Hujan"),
            dict(kode="I1", periode="2025-TW2", target=0.0, realisasi=1.0)]),
        "pegawai": staging("pegawai", peg),
        "organisasi": staging("organisasi", [dict(periode="2025", predikat_organisasi="Baik"),
                                             dict(periode="2025-TW1", predikat_organisasi="Baik")]),
        "skm": staging("skm", [dict(unit_layanan="Loket", periode="2025-TW1",
                                    **{f"u{i}": 4 for i in range(1, 10)})]),
        "pengaduan": staging("pengaduan", [dict(
            nomor="1", kategori="informasi", tanggal_masuk=pd.Timestamp("2025-03-07"),
            tanggal_tanggapan=pd.Timestamp("2025-03-10"),
            tanggal_selesai=pd.Timestamp("2025-03-14"))]),
    })


@pytest.fixture
def data() -> PortalData:
    offices = pd.DataFrame([
        dict(kode="DINKES", nama="Dinas Kesehatan", sektor="Kesehatan", sumber="a.xlsx",
             frekuensi="triwulanan", situs=None),
        dict(kode="DINSOS", nama="Dinas Sosial", sektor=None, sumber="b.xlsx",
             frekuensi="bulanan", situs=None),
    ])
    return PortalData(
        offices, {"DINKES": _office()},
        {"DINKES": OfficeStatus("DINKES", "stale", datetime(2025, 4, 1, 8, 30),
                                alasan="Pembaruan terakhir gagal validasi"),
         "DINSOS": OfficeStatus("DINSOS", "missing")},
    )


def test_columns_of_every_mart(data: PortalData) -> None:
    marts = compute_portal(data, make_config(), rule_set(make_config()), date(2025, 4, 30))
    for name in OPEN_DATA_COLUMNS:
        frame = getattr(marts, MART_OF_TABLE[name])
        assert list(frame.columns) == OPEN_DATA_COLUMNS[name] + EXTRA_COLUMNS[name]
        assert list(frame.columns) == mart_columns(name)
    assert list(marts.skm_kantor.columns) == mart_columns("skm")
    assert set(marts.open_data()) == set(OPEN_DATA_COLUMNS)


def test_kantor_rows(data: PortalData) -> None:
    marts = compute_portal(data, make_config(), rule_set(make_config()), date(2025, 4, 30))
    k = marts.kantor
    assert k["kantor_kode"].tolist() == ["DINKES"] * 3 + ["DINSOS"]
    assert k["periode"].tolist() == ["2024-TW4", "2025-TW1", "2025-TW2", None]
    dinkes = k[k["kantor_kode"] == "DINKES"].set_index("periode")
    # 2025-TW1: I1 125 → 120 (w 1), I2 (2 − 1.2) × 100 = 80 (w 2): 280/3 = 93.33
    assert dinkes.loc["2025-TW1", "indeks_kinerja"] == Decimal("93.33")
    # 2024-TW4: 60/80 = 75 → Cukup; trend 93.33 − 75.00 = 18.33
    assert dinkes.loc["2024-TW4", "kategori"] == "Cukup"
    assert dinkes.loc["2025-TW1", "tren"] == Decimal("18.33")
    assert dinkes.loc["2025-TW1", "predikat_organisasi"] == "Baik"
    assert dinkes.loc["2024-TW4", "predikat_organisasi"] is None
    assert dinkes.loc["2025-TW2", "indeks_kinerja"] is None  # only a target-0 row
    assert dinkes.loc["2025-TW1", "diperbarui"] == "2025-04-01"
    assert dinkes.loc["2025-TW1", "status_data"] == "stale"
    assert dinkes.loc["2025-TW1", "status_alasan"] == "Pembaruan terakhir gagal validasi"
    assert dinkes.loc["2025-TW1", "kantor_nama"] == "Dinas Kesehatan"
    assert dinkes.loc["2025-TW1", "sektor"] == "Kesehatan"
    dinsos = k[k["kantor_kode"] == "DINSOS"].iloc[0]
    assert dinsos["status_data"] == "missing"
    assert dinsos["sektor"] is None and dinsos["diperbarui"] is None
    assert dinsos["indikator_total"] == 0
    assert set(k["versi_aturan"]) == {"permenpanrb-8-2021@1+lkjip-5@1+batas-120"}


def test_indikator_skm_pengaduan_pegawai(data: PortalData) -> None:
    marts = compute_portal(data, make_config(), rule_set(make_config()), date(2025, 4, 30))
    ind = marts.indikator.set_index(["indikator_kode", "periode"])
    assert ind.loc[("I1", "2025-TW1"), "tren"] == Decimal("50.00")  # 125.00 − 75.00
    assert ind.loc[("I1", "2024-TW4"), "penjelasan"] == "Hujan"
    assert ind.loc[("I2", "2025-TW1"), "sasaran"] == "Layanan cepat"
    assert ind.loc[("I1", "2025-TW2"), "capaian"] is None
    # target 0 is reported once, by validation (located); compute does not repeat it
    assert [f.code for f in marts.findings].count("target_nol") == 0
    # one respondent: below privacy.min_respondents (5), so no unit IKM and no NRR (issue 13)
    assert marts.skm.loc[0, "responden"] == 1 and marts.skm.loc[0, "ikm"] is None
    assert marts.skm.loc[0, "nrr_u1"] is None and marts.skm_kantor.loc[0, "ikm"] is None
    assert marts.skm.loc[0, "penekanan"] == "responden_sedikit"
    one = make_config(privacy={"min_respondents": 1})
    assert compute_portal(data, one, rule_set(one), date(2025, 4, 30)).skm.loc[
        0, "ikm"] == Decimal("100.00")
    assert marts.skm_kantor.loc[0, "unit_layanan"] == ""
    assert marts.pengaduan.loc[0, "periode"] == "2025-TW1"
    assert marts.pengaduan.loc[0, "selesai_tepat_waktu"] == 1
    peg = marts.pegawai_distribusi
    # 14 Baik, 6 Butuh Perbaikan of 20; nothing below 5 → all published; Baik org: 14 ≤ 14 and
    # at least 1 BP → kurva sesuai
    assert peg.loc[0, ["jumlah_pegawai", "sangat_baik", "baik", "butuh_perbaikan", "kurang",
                       "sangat_kurang"]].tolist() == [20, 0, 14, 6, 0, 0]
    assert peg.loc[0, "kurva_sesuai"] is True or peg.loc[0, "kurva_sesuai"] == True  # noqa: E712
    assert peg.loc[0, "predikat_organisasi"] == "Baik"
    assert marts.rule_versions["ikm"] == "permenpanrb-14-2017@1"


def test_config_selects_rules_and_privacy(data: PortalData) -> None:
    cfg = make_config(rules={"ikm": "kepmenpan-25-2004"}, capaian={"cap": None},
                      privacy={"min_group": 25, "min_cell": 5})
    marts = compute_portal(data, cfg, rule_set(cfg), date(2025, 4, 30))
    assert marts.skm.loc[0, "versi_aturan"] == "kepmenpan-25-2004@1"
    assert marts.kantor.loc[1, "indeks_kinerja"] == Decimal("95.00")  # (125 + 160)/3, no cap
    assert marts.pegawai_distribusi.loc[0, "jumlah_pegawai"] is None  # 20 < 25


def test_no_data_at_all() -> None:
    empty = PortalData(pd.DataFrame(columns=["kode", "nama", "sektor", "sumber", "frekuensi",
                                             "situs"]))
    marts = compute_portal(empty, make_config(), rule_set(make_config()), date(2025, 1, 1))
    for name in OPEN_DATA_COLUMNS:
        assert list(getattr(marts, MART_OF_TABLE[name]).columns) == mart_columns(name)
        assert getattr(marts, MART_OF_TABLE[name]).empty


def test_summary_figures_office_table_and_movers(data: PortalData) -> None:
    # the one-respondent survey is published only with a threshold of 1 (issue 13)
    cfg = make_config(privacy={"min_respondents": 1})
    marts = compute_portal(data, cfg, rule_set(cfg), date(2025, 4, 30))
    k = marts.kantor.set_index(["kantor_kode", "periode"])
    # 2025-TW1: capaian 125 and 80, uncapped mean 102.50; one below target
    assert k.loc[("DINKES", "2025-TW1"), "capaian_rata_rata"] == Decimal("102.50")
    assert k.loc[("DINKES", "2025-TW1"), "indikator_di_bawah_target"] == 1
    assert k.loc[("DINKES", "2025-TW1"), "peringkat_perubahan"] == 1  # +18.33, the only mover
    assert k.loc[("DINKES", "2024-TW4"), "peringkat_perubahan"] is None
    profil = marts.kantor_profil.set_index("kantor_kode")
    # fetched 1 April (08:30 UTC = 15:30 WIB), triwulanan: due 1 April + 92 + 14 = 16 July
    assert profil.loc["DINKES", "jatuh_tempo"] == "2025-07-16"
    assert not profil.loc["DINKES", "terlambat"] and profil.loc["DINSOS", "terlambat"]
    assert profil.loc["DINSOS", "frekuensi"] == "bulanan"
    r = marts.ringkasan
    head = r[r["periode_utama"]]
    # DINKES last reported 2025-TW1 (TW2 has no index), DINSOS never: headline 2025-TW1
    assert set(head["periode"]) == {"2025-TW1"}
    portal = head[head["cakupan"] == "kabupaten"].iloc[0]
    assert (portal["kantor_total"], portal["kantor_berindeks"]) == (2, 1)
    assert portal["indeks_rata_rata"] == Decimal("93.33")
    assert (portal["unit_ikm"], portal["ikm_rata_rata"]) == (1, Decimal("100.00"))
    assert (portal["pengaduan_masuk"], portal["pengaduan_selesai_tepat_waktu"]) == (1, 1)
    assert list(head["sektor"]) == [None, "Kesehatan", None]  # portal, Kesehatan, no sector
    assert list(r["periode"].drop_duplicates()) == ["2024-TW4", "2025-TW1"]
    assert set(r["versi_aturan"]) == {
        "permenpanrb-8-2021@1+lkjip-5@1+batas-120+permenpanrb-14-2017@1+sp4n-lapor@1+libur@2026-1"}


def test_office_ikm_is_in_the_kantor_table(data: PortalData) -> None:
    """Every figure of the office page is in the open data: the office-level IKM of each period
    (all respondents of its units) is a kantor row's `ikm`, `ikm_mutu`, `ikm_responden`; a
    survey period without indicators gets a kantor row of its own, without an index."""
    office = data.data["DINKES"]
    office.frames["skm"] = staging("skm", [
        dict(unit_layanan="Loket", periode="2025-TW1", **{f"u{i}": 4 for i in range(1, 10)}),
        dict(unit_layanan="Poli", periode="2025-TW1", **{f"u{i}": 3 for i in range(1, 10)}),
        dict(unit_layanan="Loket", periode="2025-TW3", **{f"u{i}": 2 for i in range(1, 10)}),
    ])
    # default privacy: under 5 respondents the office IKM is not published (issue 13)
    marts = compute_portal(data, make_config(), rule_set(make_config()), date(2025, 11, 30))
    kantor = marts.kantor.set_index(["kantor_kode", "periode"])
    assert kantor.loc[("DINKES", "2025-TW1"), "ikm"] is None
    assert kantor.loc[("DINKES", "2025-TW1"), "ikm_responden"] == 2
    config = make_config(privacy={"min_respondents": 1})
    marts = compute_portal(data, config, rule_set(config), date(2025, 11, 30))
    kantor = marts.kantor.set_index(["kantor_kode", "periode"])
    # 2025-TW1: NRR per unsur (4 + 3) / 2 = 3.5; IKM 3.5 × 25 = 87.50, mutu B (76.61–88.30)
    tw1 = kantor.loc[("DINKES", "2025-TW1")]
    assert (tw1["ikm"], tw1["ikm_mutu"], tw1["ikm_responden"]) == (Decimal("87.50"), "B", 2)
    assert tw1["indeks_kinerja"] is not None
    # 2025-TW3: a survey, no indicator: IKM 2 × 25 = 50.00, mutu D; no index, 0 indicators
    tw3 = kantor.loc[("DINKES", "2025-TW3")]
    assert (tw3["ikm"], tw3["ikm_mutu"], tw3["ikm_responden"]) == (Decimal("50.00"), "D", 1)
    assert tw3["indeks_kinerja"] is None and tw3["indikator_total"] == 0
    assert tw3["kantor_nama"] == "Dinas Kesehatan" and tw3["status_data"] == "stale"
    # a period without a survey: blank IKM
    tw4 = kantor.loc[("DINKES", "2024-TW4")]
    assert tw4["ikm"] is None and tw4["ikm_responden"] is None
