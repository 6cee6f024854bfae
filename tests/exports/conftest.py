"""Small hand-built marts for the export tests (values written by hand, not computed)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

import pandas as pd
import pytest

from site_builder.marts import KANTOR_PROFIL_COLUMNS, Marts

D = Decimal
RULE_VERSIONS = {"capaian": "capaian-2021.1", "ikm": "ikm-2017.1", "predikat": "predikat-2022.1",
                 "kurva": "kurva-2023.1", "pengaduan": "pengaduan-2024.1"}


def make_marts() -> Marts:
    kantor = pd.DataFrame({
        "kantor_kode": ["DINKES", "DISPAR"],
        "kantor_nama": ["Dinas Kesehatan", "Dinas Pariwisata dan Ekonomi Kréatif"],
        "sektor": ["Kesehatan", None],
        "periode": ["2025-TW1", "2025-TW1"],
        "indeks_kinerja": [D("87.50"), None],
        "kategori": ["Baik", None],
        "indikator_dilaporkan": [3, 0],
        "indikator_total": [4, 5],
        "predikat_organisasi": ["Baik", None],
        "diperbarui": [datetime(2026, 11, 20, 8, 30), None],
        "status_data": ["ok", "missing"],
        "capaian_rata_rata": [D("87.50"), None],
        "indikator_di_bawah_target": [1, 0],
        "versi_aturan": ["capaian-2021.1", "capaian-2021.1"],
        "tren": [D("1.25"), None],
        "kategori_en": ["Good", None],
    })
    indikator = pd.DataFrame({
        "kantor_kode": ["DINKES", "DINKES", "DINKES"],
        "indikator_kode": ["IKU-1", "IKU-2", "IKU-3"],
        "indikator_nama": ['=HYPERLINK("http://x")', "Waktu tunggu rata-rata",
                           "Cakupan imunisasi — anak usia 0–11 bulan"],
        "jenis": ["IKU", "Layanan", "IKU"],
        "satuan": ["persen", "hari", "persen"],
        "arah": ["naik", "turun", "naik"],
        "periode": ["2025-TW1", "2025-TW1", "2025-TW1"],
        "target": [D("90"), D("5.00"), D("95")],
        "realisasi": [D("78.75"), D("-5"), None],
        "capaian": [D("87.50"), None, None],
        "capaian_dibatasi": [D("87.50"), None, None],
        "kategori": ["Baik", None, None],
        "penjelasan": ["＋1", "-5", '@SUM(A1) kata "Bu Ani"\nbaris kedua'],
        "versi_aturan": ["capaian-2021.1"] * 3,
        "tren": [None, None, None],
        "kategori_en": ["Good", None, None],
    })
    skm_columns = {
        "kantor_kode": ["DINKES"],
        "unit_layanan": ["Poli Gigi — Puskesmas Kémayoran"],
        "periode": ["2025-S1"],
        "responden": pd.array([120], dtype="Int64"),
        **{f"nrr_u{i}": [D("3.29")] for i in range(1, 10)},
        "ikm": [D("82.25")],
        "mutu": ["B"],
        "kinerja_unit": ["Baik"],
        "versi_aturan": ["ikm-2017.1"],
        "kinerja_unit_en": ["Good"],
    }
    skm = pd.DataFrame(skm_columns)
    pengaduan = pd.DataFrame({
        "kantor_kode": ["DINKES", "DISPAR"],
        "periode": ["2025-01", "2025-01"],
        "masuk": [10, 0],
        "ditanggapi_tepat_waktu": [8, 0],
        "selesai": [7, 0],
        "selesai_tepat_waktu": [6, 0],
        "masih_terbuka": [3, 0],
        "median_hari_selesai": [3.5, float("nan")],
        "versi_aturan": ["pengaduan-2024.1"] * 2,
    })
    pegawai = pd.DataFrame({
        "kantor_kode": ["DINKES", "DISPAR"],
        "periode": ["2025", "2025"],
        "jumlah_pegawai": pd.array([42, None], dtype="Int64"),
        "sangat_baik": pd.array([None, None], dtype="Int64"),
        "baik": pd.array([30, None], dtype="Int64"),
        "butuh_perbaikan": pd.array([8, None], dtype="Int64"),
        "kurang": pd.array([None, None], dtype="Int64"),
        "sangat_kurang": pd.array([0, None], dtype="Int64"),
        "kurva_sesuai": [True, None],
        "versi_aturan": ["kurva-2023.1"] * 2,
        "kurva_pelanggaran": [[], []],
        "predikat_organisasi": ["Baik", None],
    })
    ringkasan = pd.DataFrame({
        "cakupan": ["kabupaten", "sektor", "sektor"],
        "sektor": [None, "Kesehatan", None],
        "periode": ["2025-TW1"] * 3,
        "kantor_total": [2, 1, 1],
        "kantor_berindeks": [1, 1, 0],
        "indeks_rata_rata": [D("87.50"), D("87.50"), None],
        "unit_ikm": [0, 0, 0],
        "ikm_rata_rata": [None, None, None],
        "pengaduan_masuk": [0, 0, 0],
        "pengaduan_ditanggapi_tepat_waktu": [0, 0, 0],
        "pengaduan_selesai_tepat_waktu": [0, 0, 0],
        "kantor_tertinggi": ["DINKES", "DINKES", None],
        "kantor_terendah": ["DINKES", "DINKES", None],
        "periode_utama": [True, True, True],
        "versi_aturan": ["capaian-2021.1+ikm-2017.1+pengaduan-2024.1"] * 3,
    })
    return Marts(kantor=kantor, indikator=indikator, skm=skm, skm_kantor=skm.iloc[0:0],
                 pengaduan=pengaduan, pegawai_distribusi=pegawai,
                 kantor_profil=pd.DataFrame(columns=KANTOR_PROFIL_COLUMNS), ringkasan=ringkasan,
                 rule_versions=RULE_VERSIONS)


@pytest.fixture(scope="session")
def new_marts() -> Callable[[], Marts]:
    """Builds a fresh copy of the sample marts on each call (tests may modify it)."""
    return make_marts


@pytest.fixture
def marts() -> Marts:
    return make_marts()
