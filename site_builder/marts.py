"""The consumer-facing tables compute produces and every page, chart and file reads.

Column contracts: the open-data columns of PRODUCT.md §7 (exact names, in order) come first;
internal columns follow (never exported unless listed in `OPEN_DATA_COLUMNS`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sheets_sync.findings import Finding
from site_builder.rules import RuleSet

OPEN_DATA_COLUMNS: dict[str, list[str]] = {
    "kantor": ["kantor_kode", "kantor_nama", "sektor", "periode", "indeks_kinerja", "kategori",
               "indikator_dilaporkan", "indikator_total", "predikat_organisasi", "diperbarui",
               "status_data", "capaian_rata_rata", "indikator_di_bawah_target", "tren", "ikm",
               "ikm_mutu", "ikm_responden", "cakupan_indikator", "cakupan_memadai",
               "indeks_sektor", "indeks_kabupaten", "peringkat_sektor", "peringkat_sektor_dari"],
    "indikator": ["kantor_kode", "indikator_kode", "indikator_nama", "jenis", "satuan", "arah",
                  "periode", "target", "realisasi", "capaian", "capaian_dibatasi", "kategori",
                  "penjelasan", "tren"],
    "skm": ["kantor_kode", "unit_layanan", "periode", "responden",
            *[f"nrr_u{i}" for i in range(1, 10)], "ikm", "mutu", "kinerja_unit",
            "pengguna_layanan", "sampel_minimum", "sampel_memadai"],
    "pengaduan": ["kantor_kode", "periode", "masuk", "ditanggapi_tepat_waktu", "selesai",
                  "selesai_tepat_waktu", "masih_terbuka", "median_hari_selesai"],
    "pegawai_distribusi": ["kantor_kode", "periode", "jumlah_pegawai", "sangat_baik", "baik",
                           "butuh_perbaikan", "kurang", "sangat_kurang", "kurva_sesuai"],
    "pegawai_distribusi_unit": ["kantor_kode", "unit_kerja", "periode", "jumlah_pegawai",
                                "sangat_baik", "baik", "butuh_perbaikan", "kurang",
                                "sangat_kurang"],
    "ringkasan": ["cakupan", "sektor", "periode", "kantor_total", "kantor_berindeks",
                  "indeks_rata_rata", "unit_ikm", "ikm_rata_rata", "pengaduan_masuk",
                  "pengaduan_ditanggapi_tepat_waktu", "pengaduan_selesai_tepat_waktu",
                  "kantor_tertinggi", "kantor_terendah", "periode_utama",
                  "kantor_cakupan_memadai"],
}
OPEN_DATA_COLUMNS["status_kantor"] = [
    "kantor_kode", "kantor_nama", "sektor", "situs", "frekuensi", "status_data", "diperbarui",
    "jatuh_tempo", "terlambat", "temuan_kesalahan", "temuan_peringatan", "status_alasan",
    "status_laporan", "survei", "kontak",
]
"""Open-data columns; PRODUCT.md §7 lists the minimum of the first five tables (names and order
kept; later columns are added after them). `ringkasan` holds the figures of the home and sector
pages, so every number on a page is a cell of the open data."""

KANTOR_PROFIL_COLUMNS: list[str] = [*OPEN_DATA_COLUMNS["status_kantor"], "status_alasan_en",
                                     "versi_aturan"]
"""The office table (one row per office): registry facts, this run's status and freshness, so
that pages read the marts alone; published as `status_kantor` (its open-data columns)."""

MART_OF_TABLE: dict[str, str] = {table: table for table in OPEN_DATA_COLUMNS}
MART_OF_TABLE["status_kantor"] = "kantor_profil"
"""The mart (a `Marts` field) each open-data table is read from."""


@dataclass
class Marts:
    """Results of one run. Numbers are `Decimal` rounded ROUND_HALF_UP to 2 places (or None)
    in published columns; `versi_aturan` on each row names the rule version that produced it.

    - kantor: one row per office and period (office index, mean capaian, indicators below
      target); internal extras: `versi_aturan`, `tren` (change of indeks_kinerja vs the previous
      period of the same kind, Decimal or None), `kategori_en`, `status_alasan(_en)`,
      `peringkat_perubahan` (1 = the largest |tren| in the headline period, see `ringkasan`).
    - indikator: one row per indicator and period; extras: `versi_aturan`, `tren`, `kategori_en`.
    - skm: one row per office, service unit and period; extras `versi_aturan`, `kinerja_unit_en`.
      skm_kantor: the same columns with `unit_layanan` = "" for the office level (all respondents).
    - pengaduan: one row per office and period of `tanggal_masuk`; extras `versi_aturan`.
    - pegawai_distribusi: ALREADY PROTECTED by site_builder.disclosure (blank = suppressed);
      extras `versi_aturan`, `kurva_pelanggaran` (list of violated limits, Indonesian text),
      `predikat_organisasi`.
    - pegawai_distribusi_unit: the same per unit kerja (units with at least
      `privacy.min_group` rated employees), ALREADY PROTECTED and audited with the office table,
      across periods and against earlier builds; extras `versi_aturan`, `penekanan`.
    - disclosure_audit: what that audit did (counts only), for the build log.
    - kantor_profil: one row per office (`KANTOR_PROFIL_COLUMNS`): registry facts, status of
      this run, the date its data is due (`jatuh_tempo`) and whether it is overdue (`terlambat`).
    - ringkasan: one row per scope (`kabupaten`, or `sektor` per sector) and period: the figures
      of the home and sector pages; `periode_utama` marks the headline period.
    - findings: warnings produced while computing (target_nol, kurva_distribusi).
    - rule_versions: {"capaian": ..., "ikm": ..., "predikat": ..., "kurva": ..., "pengaduan": ...,
      "jadwal": ...}
    - rules: the rule set that produced them (the Metodologi page and chart notes explain it;
      None in hand-made marts: pages then explain the rules the configuration selects).
    """

    kantor: pd.DataFrame
    indikator: pd.DataFrame
    skm: pd.DataFrame
    skm_kantor: pd.DataFrame
    pengaduan: pd.DataFrame
    pegawai_distribusi: pd.DataFrame
    kantor_profil: pd.DataFrame
    ringkasan: pd.DataFrame
    pegawai_distribusi_unit: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=[*OPEN_DATA_COLUMNS["pegawai_distribusi_unit"], "versi_aturan", "penekanan"],
        dtype="object"))
    findings: list[Finding] = field(default_factory=list)
    rule_versions: dict[str, str] = field(default_factory=dict)
    rules: RuleSet | None = None
    disclosure_audit: Any = None

    def open_data(self) -> dict[str, pd.DataFrame]:
        """The public tables with exactly the columns of `OPEN_DATA_COLUMNS`."""
        return {
            "kantor": self.kantor[OPEN_DATA_COLUMNS["kantor"]],
            "indikator": self.indikator[OPEN_DATA_COLUMNS["indikator"]],
            "skm": self.skm[OPEN_DATA_COLUMNS["skm"]],
            "pengaduan": self.pengaduan[OPEN_DATA_COLUMNS["pengaduan"]],
            "pegawai_distribusi": self.pegawai_distribusi[OPEN_DATA_COLUMNS["pegawai_distribusi"]],
            "pegawai_distribusi_unit": self.pegawai_distribusi_unit[
                OPEN_DATA_COLUMNS["pegawai_distribusi_unit"]],
            "ringkasan": self.ringkasan[OPEN_DATA_COLUMNS["ringkasan"]],
            "status_kantor": self.kantor_profil[OPEN_DATA_COLUMNS["status_kantor"]],
        }
