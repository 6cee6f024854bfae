"""The data dictionary of the open-data tables (PRODUCT.md §7), written once.

Read by `datapackage.json` (Frictionless Table Schema fields), the "Keterangan" sheet of the XLSX
bundle and the Data terbuka page (`data_dictionary()`). Field names and order equal
`site_builder.marts.OPEN_DATA_COLUMNS`; a test keeps them in step.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from sheets_sync.contracts import SKM_UNSUR

FieldType = Literal["string", "integer", "number", "date", "boolean"]

_PERIODE_ID = ("Periode laporan: 2025 (tahun), 2025-S1/2025-S2 (semester), "
               "2025-TW1…2025-TW4 (triwulan) atau 2025-01…2025-12 (bulan).")
_PERIODE_EN = ("Reporting period: 2025 (year), 2025-S1/2025-S2 (half year), "
               "2025-TW1…2025-TW4 (quarter) or 2025-01…2025-12 (month).")


@dataclass(frozen=True)
class FieldDoc:
    """One published column: Table Schema type, Indonesian and English title and description,
    and its unit (None when the value has no unit)."""

    name: str
    type: FieldType
    title: str
    title_en: str
    description: str
    description_en: str
    unit: str | None = None
    unit_en: str | None = None


@dataclass(frozen=True)
class TableDoc:
    """One published table: titles, descriptions and the rule kinds whose versions it records."""

    name: str
    title: str
    title_en: str
    description: str
    description_en: str
    rules: tuple[str, ...]


def _f(name: str, type_: FieldType, title: str, title_en: str, desc: str, desc_en: str,
       unit: str | None = None, unit_en: str | None = None) -> FieldDoc:
    return FieldDoc(name, type_, title, title_en, desc, desc_en, unit, unit_en)


_KANTOR_KODE = _f("kantor_kode", "string", "Kode kantor", "Office code",
                  "Kode kantor (OPD) dari daftar Kantor, mis. DINKES.",
                  "Office (OPD) code from the office registry, e.g. DINKES.")
_PERIODE = _f("periode", "string", "Periode", "Period", _PERIODE_ID, _PERIODE_EN)
_PERSEN = ("persen", "percent")

TABLE_DOCS: dict[str, TableDoc] = {
    "kantor": TableDoc(
        "kantor", "Indeks kinerja kantor", "Office performance index",
        "Satu baris per kantor dan periode: indeks kinerja, cakupan indikator dan status data.",
        "One row per office and period: performance index, indicator coverage and data status.",
        ("capaian",)),
    "indikator": TableDoc(
        "indikator", "Capaian indikator", "Indicator achievement",
        "Satu baris per indikator dan periode: target, realisasi, capaian dan kategorinya.",
        "One row per indicator and period: target, actual, achievement and its category.",
        ("capaian",)),
    "skm": TableDoc(
        "skm", "Survei Kepuasan Masyarakat (IKM)", "Public satisfaction survey (IKM)",
        "Satu baris per kantor, unit layanan dan periode: nilai rata-rata per unsur dan IKM "
        "menurut PermenPANRB 14/2017. Jawaban perorangan tidak dipublikasikan.",
        "One row per office, service unit and period: mean score per element and the IKM "
        "index under PermenPANRB 14/2017. Individual answers are not published.",
        ("ikm",)),
    "pengaduan": TableDoc(
        "pengaduan", "Penanganan pengaduan", "Complaint handling",
        "Jumlah pengaduan per kantor menurut periode tanggal masuk. Isi pengaduan dan identitas "
        "pelapor tidak dipublikasikan.",
        "Number of complaints per office by the period of the date received. Complaint text and "
        "the identity of complainants are not published.",
        ("pengaduan",)),
    "pegawai_distribusi": TableDoc(
        "pegawai_distribusi", "Distribusi predikat kinerja pegawai",
        "Distribution of employee performance ratings",
        "Jumlah pegawai per predikat kinerja (PermenPANRB 6/2022) per kantor dan periode. Sel "
        "kosong berarti disembunyikan untuk melindungi data pribadi (kelompok kecil).",
        "Number of employees per performance rating (PermenPANRB 6/2022) per office and period. "
        "Blank cells are suppressed to protect personal data (small groups).",
        ("predikat", "kurva")),
    "pegawai_distribusi_unit": TableDoc(
        "pegawai_distribusi_unit", "Distribusi predikat kinerja pegawai per unit kerja",
        "Distribution of employee performance ratings by work unit",
        "Seperti pegawai_distribusi, per unit kerja yang mempunyai sedikitnya sepuluh pegawai "
        "yang dinilai (unit yang lebih kecil tetap dihitung dalam baris kantornya). Sel kosong "
        "disembunyikan; perlindungannya diperiksa bersama tabel kantor, antarperiode dan "
        "terhadap terbitan sebelumnya (lihat Metodologi).",
        "As pegawai_distribusi, per work unit with at least ten rated employees (smaller units "
        "still count in their office's row). Blank cells are suppressed; the protection is "
        "checked together with the office table, across periods and against earlier releases "
        "(see Methodology).",
        ("predikat",)),
    "ringkasan": TableDoc(
        "ringkasan", "Ringkasan kabupaten dan sektor", "Summary by portal and sector",
        "Angka di Beranda dan halaman Perbandingan Sektor: satu baris per cakupan (seluruh "
        "kabupaten, atau satu sektor) dan periode. Rata-rata dihitung dari angka yang diterbitkan "
        "di kantor.csv dan skm.csv, lalu dibulatkan 2 desimal; kantor yang tidak melapor pada "
        "periode itu tidak ikut.",
        "The figures of the home and sector pages: one row per scope (the whole portal, or one "
        "sector) and period. Means are of the figures published in kantor.csv and skm.csv, "
        "rounded to 2 decimals; offices that did not report in that period are not included.",
        ("capaian", "ikm", "pengaduan")),
    "status_kantor": TableDoc(
        "status_kantor", "Status data kantor", "Office data status",
        "Satu baris per kantor: jadwal pembaruan, tanggal data, tanggal paling lambat data baru "
        "diharapkan, apakah terlambat, dan jumlah temuan validasi (hanya jumlah, tanpa isi sel).",
        "One row per office: update cadence, data date, the date new data is due by, whether it "
        "is late, and the number of validation findings (counts only, never cell values).",
        ("jadwal",)),
}

_DIST_FIELDS: list[FieldDoc] = [
    _f("jumlah_pegawai", "integer", "Jumlah pegawai", "Employees",
       "Jumlah pegawai yang dinilai; kosong bila disembunyikan (kelompok kecil).",
       "Number of employees rated; blank when suppressed (small group).",
       "orang", "people"),
    *[
        _f(name, "integer", label, f"{label} ({en})",
           f"Jumlah pegawai dengan predikat {label}; kosong bila disembunyikan.",
           f"Number of employees rated {label} ({en}); blank when suppressed.",
           "orang", "people")
        for name, label, en in [
            ("sangat_baik", "Sangat Baik", "very good"),
            ("baik", "Baik", "good"),
            ("butuh_perbaikan", "Butuh Perbaikan", "needs improvement"),
            ("kurang", "Kurang", "poor / misconduct"),
            ("sangat_kurang", "Sangat Kurang", "very poor"),
        ]
    ],
]


DATA_DICTIONARY: dict[str, list[FieldDoc]] = {
    "kantor": [
        _KANTOR_KODE,
        _f("kantor_nama", "string", "Nama kantor", "Office name",
           "Nama kantor (OPD).", "Office (OPD) name."),
        _f("sektor", "string", "Sektor", "Sector",
           "Sektor urusan kantor, mis. Kesehatan; kosong bila tidak diisi.",
           "Sector of the office, e.g. Health; blank when not given."),
        _PERIODE,
        _f("indeks_kinerja", "number", "Indeks kinerja", "Performance index",
           "Rata-rata tertimbang (bobot indikator) capaian dibatasi atas indikator yang "
           "dilaporkan pada periode ini, dibulatkan 2 desimal.",
           "Weighted mean (indicator weights) of the capped achievement of the indicators "
           "reported in this period, rounded to 2 decimals.", *_PERSEN),
        _f("kategori", "string", "Kategori", "Category",
           "Kategori indeks menurut skala kategori (bawaan: Sangat Baik ≥ 91, Baik 76–< 91, "
           "Cukup 66–< 76, Kurang 51–< 66, Sangat Kurang < 51).",
           "Category of the index on the category scale (default: Sangat Baik ≥ 91, "
           "Baik 76–< 91, Cukup 66–< 76, Kurang 51–< 66, Sangat Kurang < 51)."),
        _f("indikator_dilaporkan", "integer", "Indikator dilaporkan", "Indicators reported",
           "Jumlah indikator yang realisasinya dilaporkan pada periode ini.",
           "Number of indicators whose actual value was reported in this period.",
           "indikator", "indicators"),
        _f("indikator_total", "integer", "Indikator total", "Indicators expected",
           "Jumlah indikator yang diharapkan dilaporkan pada periode ini.",
           "Number of indicators expected to be reported in this period.",
           "indikator", "indicators"),
        _f("predikat_organisasi", "string", "Predikat organisasi", "Organisation rating",
           "Predikat kinerja organisasi dari pimpinan (Istimewa, Baik, Butuh Perbaikan, Kurang, "
           "Sangat Kurang); kosong bila tidak diisi.",
           "Organisation performance rating set by the higher leader (Istimewa, Baik, Butuh "
           "Perbaikan, Kurang, Sangat Kurang); blank when not given."),
        _f("diperbarui", "date", "Diperbarui", "Updated",
           "Tanggal data kantor diambil dari lembar kerjanya (YYYY-MM-DD).",
           "Date the office's data was fetched from its spreadsheet (YYYY-MM-DD)."),
        _f("status_data", "string", "Status data", "Data status",
           "ok = data terbaru lolos validasi; stale = memakai data valid terakhir karena "
           "pembaruan terakhir gagal validasi; missing = belum ada data valid.",
           "ok = latest data passed validation; stale = last valid data used because the "
           "latest update failed validation; missing = no valid data yet."),
        _f("capaian_rata_rata", "number", "Capaian rata-rata", "Mean achievement",
           "Rata-rata biasa (tanpa bobot) capaian asli, belum dibatasi, dari indikator yang "
           "dilaporkan pada periode ini, dihitung eksak lalu dibulatkan 2 desimal.",
           "Plain (unweighted) mean of the raw, uncapped achievement of the indicators "
           "reported in this period, computed exactly, then rounded to 2 decimals.", *_PERSEN),
        _f("indikator_di_bawah_target", "integer", "Indikator di bawah target",
           "Indicators below target",
           "Jumlah indikator yang dilaporkan dengan capaian (seperti diterbitkan di "
           "indikator.csv) di bawah 100.",
           "Number of reported indicators whose achievement (as published in indikator.csv) is "
           "below 100.", "indikator", "indicators"),
        _f("tren", "number", "Perubahan indeks", "Change of the index",
           "Indeks kinerja periode ini dikurangi indeks periode sebelumnya yang sejenis "
           "(2025-TW1 dibanding 2024-TW4); kosong bila salah satunya kosong.",
           "This period's performance index minus the index of the previous period of the same "
           "kind (2025-TW1 against 2024-TW4); blank when either is blank.", "poin", "points"),
        _f("ikm", "number", "IKM kantor", "Office satisfaction index (IKM)",
           "Indeks Kepuasan Masyarakat kantor dari semua responden semua unit layanannya pada "
           "periode ini (PermenPANRB 14/2017), dibulatkan 2 desimal; kosong bila tidak ada survei.",
           "The office's public satisfaction index over all respondents of all its service units "
           "in this period (PermenPANRB 14/2017), rounded to 2 decimals; blank without a survey.",
           "skala 25–100", "scale 25–100"),
        _f("ikm_mutu", "string", "Mutu pelayanan kantor", "Office service quality grade",
           "Mutu pelayanan (A–D) dari IKM kantor menurut tabel interval PermenPANRB 14/2017.",
           "Service quality grade (A–D) of the office IKM by the PermenPANRB 14/2017 interval "
           "table."),
        _f("ikm_responden", "integer", "Responden IKM kantor", "Office IKM respondents",
           "Jumlah responden survei kantor pada periode ini (semua unit layanan).",
           "Number of the office's survey respondents in this period (all service units).",
           "orang", "people"),
        _f("cakupan_indikator", "number", "Cakupan indikator", "Indicator coverage",
           "indikator_dilaporkan dibagi indikator_total × 100, dibulatkan 2 desimal; kosong "
           "bila tidak ada indikator.",
           "indikator_dilaporkan divided by indikator_total × 100, rounded to 2 decimals; blank "
           "without indicators.", *_PERSEN),
        _f("cakupan_memadai", "boolean", "Cakupan memadai", "Coverage enough",
           "true bila bagian indikator yang dilaporkan mencapai batas portal (headline."
           "min_coverage, bawaan 75 %): hanya indeks seperti itu yang dihitung dalam angka utama, "
           "rata-rata, tertinggi/terendah, peringkat dan perubahan terbesar; false = cakupan "
           "rendah.",
           "true when the share of indicators reported reaches the portal's threshold "
           "(headline.min_coverage, default 75 %): only such indices count in the headline "
           "figures, means, highest/lowest, rankings and biggest changes; false = low coverage."),
        _f("indeks_sektor", "number", "Indeks rata-rata sektor", "Sector mean index",
           "Rata-rata indeks kinerja kantor-kantor sektor ini pada periode yang sama "
           "(ringkasan.csv, hanya kantor dengan cakupan memadai); kosong bila kantor tanpa "
           "sektor.",
           "Mean performance index of the offices of this sector in the same period "
           "(ringkasan.csv, offices with enough coverage only); blank for an office without a "
           "sector.", *_PERSEN),
        _f("indeks_kabupaten", "number", "Indeks rata-rata kabupaten", "Portal mean index",
           "Rata-rata indeks kinerja semua kantor portal pada periode yang sama (ringkasan.csv, "
           "hanya kantor dengan cakupan memadai).",
           "Mean performance index of all the portal's offices in the same period "
           "(ringkasan.csv, offices with enough coverage only).", *_PERSEN),
        _f("peringkat_sektor", "integer", "Peringkat di sektor", "Rank in the sector",
           "Peringkat indeks kinerja kantor di antara kantor sektornya pada periode ini (1 = "
           "tertinggi; sama tinggi = peringkat sama); kosong bila cakupan rendah, tanpa indeks "
           "atau tanpa sektor.",
           "Rank of the office's performance index among its sector's offices in this period "
           "(1 = highest; equal indices share a rank); blank with low coverage, without an "
           "index or without a sector.", "peringkat", "rank"),
        _f("peringkat_sektor_dari", "integer", "Jumlah kantor berperingkat",
           "Offices ranked in the sector",
           "Jumlah kantor sektor ini yang diberi peringkat pada periode ini.",
           "Number of the sector's offices ranked in this period.", "kantor", "offices"),
    ],
    "indikator": [
        _KANTOR_KODE,
        _f("indikator_kode", "string", "Kode indikator", "Indicator code",
           "Kode indikator, unik dalam satu kantor.", "Indicator code, unique within an office."),
        _f("indikator_nama", "string", "Nama indikator", "Indicator name",
           "Nama indikator kinerja.", "Name of the performance indicator."),
        _f("jenis", "string", "Jenis", "Kind",
           "Jenis indikator: IKU (indikator kinerja utama), Layanan atau Lainnya.",
           "Indicator kind: IKU (key performance indicator), Layanan (service) or Lainnya "
           "(other)."),
        _f("satuan", "string", "Satuan", "Unit",
           "Satuan target dan realisasi, mis. persen, hari, dokumen.",
           "Unit of target and actual, e.g. percent, days, documents."),
        _f("arah", "string", "Arah", "Direction",
           "naik = makin tinggi makin baik; turun = makin rendah makin baik.",
           "naik = higher is better; turun = lower is better."),
        _PERIODE,
        _f("target", "number", "Target", "Target",
           "Target indikator pada periode ini, dalam satuan indikator.",
           "Indicator target for this period, in the indicator's unit.",
           "satuan indikator", "indicator unit"),
        _f("realisasi", "number", "Realisasi", "Actual",
           "Realisasi indikator; kosong bila belum dilaporkan.",
           "Actual value of the indicator; blank when not yet reported.",
           "satuan indikator", "indicator unit"),
        _f("capaian", "number", "Capaian", "Achievement",
           "Capaian (PermenPANRB 8/2021): arah naik = realisasi / target × 100; arah turun = "
           "(2 − realisasi / target) × 100, paling rendah 0. Kosong bila tidak dapat dihitung.",
           "Achievement (PermenPANRB 8/2021): direction naik = actual / target × 100; direction "
           "turun = (2 − actual / target) × 100, at least 0. Blank when it cannot be computed.",
           *_PERSEN),
        _f("capaian_dibatasi", "number", "Capaian dibatasi", "Capped achievement",
           "Capaian setelah dibatasi batas atas (bawaan 120), dipakai untuk indeks kinerja kantor.",
           "Achievement after the upper cap (default 120), used for the office performance index.",
           *_PERSEN),
        _f("kategori", "string", "Kategori", "Category",
           "Kategori capaian menurut skala kategori (bawaan: Sangat Baik ≥ 91, Baik 76–< 91, "
           "Cukup 66–< 76, Kurang 51–< 66, Sangat Kurang < 51).",
           "Category of the achievement on the category scale (default: Sangat Baik ≥ 91, "
           "Baik 76–< 91, Cukup 66–< 76, Kurang 51–< 66, Sangat Kurang < 51)."),
        _f("penjelasan", "string", "Penjelasan", "Explanation",
           "Penjelasan publik dari kantor (teks bebas); kosong bila tidak ada.",
           "Public explanation from the office (free text); blank when none."),
        _f("tren", "number", "Perubahan capaian", "Change of the achievement",
           "Capaian periode ini dikurangi capaian periode sebelumnya yang sejenis; kosong bila "
           "salah satunya kosong.",
           "This period's achievement minus that of the previous period of the same kind; "
           "blank when either is blank.", "poin persen", "percentage points"),
    ],
    "skm": [
        _KANTOR_KODE,
        _f("unit_layanan", "string", "Unit layanan", "Service unit",
           "Nama unit layanan yang disurvei.", "Name of the surveyed service unit."),
        _PERIODE,
        _f("responden", "integer", "Responden", "Respondents",
           "Jumlah responden survei.", "Number of survey respondents.", "orang", "people"),
        *[
            _f(f"nrr_{u.column}", "number", f"NRR U{i} {u.nama}", f"Mean score U{i} {u.nama_en}",
               f"Nilai rata-rata unsur {i} ({u.nama}) dari responden yang menjawab, skala 1–4.",
               f"Mean score of element {i} ({u.nama_en}) over the respondents who answered, "
               f"scale 1–4.", "skala 1–4", "scale 1–4")
            for i, u in enumerate(SKM_UNSUR, start=1)
        ],
        _f("ikm", "number", "IKM", "Satisfaction index (IKM)",
           "Indeks Kepuasan Masyarakat = Σ NRR × 1/9 × 25 (rentang 25–100), dibulatkan 2 desimal.",
           "Public satisfaction index = Σ mean score × 1/9 × 25 (range 25–100), rounded to 2 "
           "decimals.", "skala 25–100", "scale 25–100"),
        _f("mutu", "string", "Mutu pelayanan", "Service quality grade",
           "Mutu pelayanan menurut tabel interval PermenPANRB 14/2017: A (88,31–100), "
           "B (76,61–88,30), C (65,00–76,60), D (25,00–64,99).",
           "Service quality grade by the PermenPANRB 14/2017 interval table: A (88.31–100), "
           "B (76.61–88.30), C (65.00–76.60), D (25.00–64.99)."),
        _f("kinerja_unit", "string", "Kinerja unit pelayanan", "Service unit performance",
           "Kinerja unit pelayanan: Sangat Baik (A), Baik (B), Kurang Baik (C), Tidak Baik (D).",
           "Service unit performance: Sangat Baik (very good, A), Baik (good, B), Kurang Baik "
           "(less than good, C), Tidak Baik (not good, D)."),
        _f("pengguna_layanan", "integer", "Pengguna layanan", "Service users",
           "Jumlah pengguna layanan unit ini pada periode itu (populasi survei), dari kolom "
           "opsional jumlah_pengguna di tab SKM; kosong bila kantor tidak mengisinya.",
           "Number of service users of this unit in the period (the survey population), from "
           "the optional jumlah_pengguna column of the SKM tab; blank when not filled in.",
           "orang", "people"),
        _f("sampel_minimum", "integer", "Sampel minimum", "Minimum sample",
           "Jumlah responden minimum untuk populasi ini menurut tabel Krejcie & Morgan (1970) "
           "yang dirujuk PermenPANRB 14/2017 (populasi di antara dua baris tabel memakai baris "
           "berikutnya yang lebih besar); kosong tanpa pengguna_layanan.",
           "Minimum number of respondents for this population by the Krejcie & Morgan (1970) "
           "table referred to by PermenPANRB 14/2017 (a population between two rows of the "
           "table takes the next larger row); blank without pengguna_layanan.",
           "orang", "people"),
        _f("sampel_memadai", "boolean", "Sampel memadai", "Sample adequate",
           "true bila responden ≥ sampel_minimum, false bila kurang; kosong bila jumlah "
           "pengguna layanan tidak diketahui.",
           "true when responden ≥ sampel_minimum, false when fewer; blank when the number of "
           "service users is unknown."),
    ],
    "pengaduan": [
        _KANTOR_KODE,
        _f("periode", "string", "Periode", "Period",
           _PERIODE_ID + " Pengaduan dihitung menurut periode tanggal masuk.",
           _PERIODE_EN + " Complaints are counted by the period of the date received."),
        _f("masuk", "integer", "Masuk", "Received",
           "Jumlah pengaduan yang masuk pada periode ini.",
           "Number of complaints received in this period.", "pengaduan", "complaints"),
        _f("ditanggapi_tepat_waktu", "integer", "Ditanggapi tepat waktu", "Responded on time",
           "Jumlah pengaduan yang mendapat tanggapan pertama paling lambat 3 hari kerja.",
           "Number of complaints with a first response within 3 working days.",
           "pengaduan", "complaints"),
        _f("selesai", "integer", "Selesai", "Resolved",
           "Jumlah pengaduan yang sudah selesai.", "Number of complaints resolved.",
           "pengaduan", "complaints"),
        _f("selesai_tepat_waktu", "integer", "Selesai tepat waktu", "Resolved on time",
           "Jumlah pengaduan yang selesai dalam batas waktu kategorinya (informasi 5, aspirasi 5, "
           "pengaduan 14, pengaduan berpengawasan 60 hari kerja).",
           "Number of complaints resolved within the deadline of their category (informasi 5, "
           "aspirasi 5, pengaduan 14, pengaduan berpengawasan 60 working days).",
           "pengaduan", "complaints"),
        _f("masih_terbuka", "integer", "Masih terbuka", "Still open",
           "Jumlah pengaduan yang belum selesai.", "Number of complaints not yet resolved.",
           "pengaduan", "complaints"),
        _f("median_hari_selesai", "number", "Median hari selesai", "Median days to resolve",
           "Median lama penyelesaian pengaduan yang selesai; kosong bila belum ada yang selesai.",
           "Median time to resolve the resolved complaints; blank when none is resolved.",
           "hari kerja", "working days"),
    ],
    "pegawai_distribusi": [
        _KANTOR_KODE,
        _PERIODE,
        *_DIST_FIELDS,
        _f("kurva_sesuai", "boolean", "Kurva sesuai", "Curve compliant",
           "true bila distribusi predikat memenuhi kurva distribusi untuk predikat organisasi "
           "(SE MenPANRB 3/2023), false bila tidak; kosong bila tidak dapat dinilai.",
           "true when the rating distribution meets the distribution curve for the organisation "
           "rating (SE MenPANRB 3/2023), false when not; blank when it cannot be assessed."),
    ],
    "pegawai_distribusi_unit": [
        _KANTOR_KODE,
        _f("unit_kerja", "string", "Unit kerja", "Work unit",
           "Unit kerja (bidang/bagian/seksi) seperti ditulis kantor.",
           "Work unit (division/section) as the office writes it."),
        _PERIODE,
        *_DIST_FIELDS,
    ],
    "ringkasan": [
        _f("cakupan", "string", "Cakupan", "Scope",
           "kabupaten = seluruh kantor portal; sektor = kantor satu sektor (kolom sektor).",
           "kabupaten = every office of the portal; sektor = the offices of one sector (column "
           "sektor)."),
        _f("sektor", "string", "Sektor", "Sector",
           "Nama sektor pada baris cakupan sektor; kosong pada baris kabupaten dan pada baris "
           "kantor tanpa sektor.",
           "Sector name on sector rows; blank on kabupaten rows and on the row of offices "
           "without a sector."),
        _PERIODE,
        _f("kantor_total", "integer", "Jumlah kantor", "Offices",
           "Jumlah kantor dalam cakupan (daftar Kantor).",
           "Number of offices in the scope (office registry).", "kantor", "offices"),
        _f("kantor_berindeks", "integer", "Kantor berindeks", "Offices with an index",
           "Jumlah kantor dalam cakupan yang mempunyai indeks kinerja pada periode ini.",
           "Number of offices in the scope with a performance index in this period.",
           "kantor", "offices"),
        _f("indeks_rata_rata", "number", "Rata-rata indeks kinerja", "Mean performance index",
           "Rata-rata indeks_kinerja (kantor.csv) kantor-kantor dengan cakupan memadai "
           "(kantor_cakupan_memadai), dibulatkan 2 desimal; kosong bila tidak ada.",
           "Mean of the indeks_kinerja (kantor.csv) of the offices with enough coverage "
           "(kantor_cakupan_memadai), rounded to 2 decimals; blank when there is none.",
           *_PERSEN),
        _f("unit_ikm", "integer", "Unit layanan ber-IKM", "Service units with an IKM",
           "Jumlah unit layanan dalam cakupan yang mempunyai IKM pada periode ini (skm.csv).",
           "Number of service units in the scope with an IKM in this period (skm.csv).",
           "unit layanan", "service units"),
        _f("ikm_rata_rata", "number", "Rata-rata IKM", "Mean IKM",
           "Rata-rata IKM unit-unit layanan tersebut, dibulatkan 2 desimal; kosong bila tidak "
           "ada.",
           "Mean IKM of those service units, rounded to 2 decimals; blank when there is none.",
           "skala 25–100", "scale 25–100"),
        _f("pengaduan_masuk", "integer", "Pengaduan masuk", "Complaints received",
           "Jumlah kolom masuk pengaduan.csv kantor-kantor dalam cakupan pada periode ini.",
           "Sum of the masuk column of pengaduan.csv over the scope's offices in this period.",
           "pengaduan", "complaints"),
        _f("pengaduan_ditanggapi_tepat_waktu", "integer", "Pengaduan ditanggapi tepat waktu",
           "Complaints responded to on time",
           "Jumlah kolom ditanggapi_tepat_waktu pengaduan.csv dalam cakupan pada periode ini.",
           "Sum of the ditanggapi_tepat_waktu column of pengaduan.csv over the scope in this "
           "period.", "pengaduan", "complaints"),
        _f("pengaduan_selesai_tepat_waktu", "integer", "Pengaduan selesai tepat waktu",
           "Complaints resolved on time",
           "Jumlah kolom selesai_tepat_waktu pengaduan.csv dalam cakupan pada periode ini.",
           "Sum of the selesai_tepat_waktu column of pengaduan.csv over the scope in this "
           "period.", "pengaduan", "complaints"),
        _f("kantor_tertinggi", "string", "Kantor indeks tertinggi", "Office with highest index",
           "Kode kantor dengan indeks kinerja tertinggi pada periode ini di antara kantor dengan "
           "cakupan memadai (sama tinggi: menurut nama kantor).",
           "Code of the office with the highest performance index in this period among the "
           "offices with enough coverage (ties: by office name)."),
        _f("kantor_terendah", "string", "Kantor indeks terendah", "Office with lowest index",
           "Kode kantor dengan indeks kinerja terendah pada periode ini di antara kantor dengan "
           "cakupan memadai (sama rendah: menurut nama kantor).",
           "Code of the office with the lowest performance index in this period among the "
           "offices with enough coverage (ties: by office name)."),
        _f("periode_utama", "boolean", "Periode angka utama", "Headline period",
           "true pada baris periode yang ditampilkan sebagai angka utama di Beranda: periode "
           "terakhir yang dilaporkan oleh paling banyak kantor (sama banyak: yang lebih akhir).",
           "true on the rows of the period shown as the key figures on the home page: the "
           "latest period reported by the most offices (ties: the later one)."),
        _f("kantor_cakupan_memadai", "integer", "Kantor dengan cakupan memadai",
           "Offices with enough coverage",
           "Jumlah kantor dalam cakupan yang indeksnya dihitung dalam rata-rata, tertinggi dan "
           "terendah: bagian indikator yang dilaporkannya mencapai batas portal (bawaan 75 %).",
           "Number of offices in the scope whose index counts in the mean, highest and lowest: "
           "the share of indicators they reported reaches the portal's threshold (default 75 %).",
           "kantor", "offices"),
    ],
    "status_kantor": [
        _KANTOR_KODE,
        _f("kantor_nama", "string", "Nama kantor", "Office name",
           "Nama kantor (OPD).", "Office (OPD) name."),
        _f("sektor", "string", "Sektor", "Sector",
           "Sektor urusan kantor; kosong bila tidak diisi.", "Sector of the office; blank when "
           "not given."),
        _f("situs", "string", "Situs", "Website",
           "Situs kantor dari daftar kantor (hanya https:// yang ditautkan di portal).",
           "Office website from the registry (only https:// addresses are linked on the portal)."),
        _f("frekuensi", "string", "Frekuensi pembaruan", "Update cadence",
           "Jadwal pembaruan data kantor: bulanan, triwulanan, semesteran atau tahunan.",
           "Expected update cadence: monthly, quarterly, half-yearly or yearly."),
        _f("status_data", "string", "Status data", "Data status",
           "ok = data terbaru lolos validasi; stale = memakai data valid terakhir; missing = "
           "belum ada data valid.",
           "ok = latest data passed validation; stale = last valid data used; missing = no valid "
           "data yet."),
        _f("diperbarui", "date", "Data per", "Data as of",
           "Tanggal data yang diterbitkan diambil dari lembar kerja kantor; kosong bila belum ada.",
           "Date the published data was fetched from the office's sheet; blank when none."),
        _f("jatuh_tempo", "date", "Jatuh tempo", "Due by",
           "Hari terakhir data dianggap segar: tanggal data + interval jadwal + masa tenggang "
           "(aturan jadwal, lihat Metodologi).",
           "The last day the data counts as fresh: data date + cadence interval + grace days "
           "(the cadence rule, see Metodologi)."),
        _f("terlambat", "boolean", "Terlambat", "Late",
           "true bila tanggal pembangunan portal sudah melewati jatuh tempo, atau belum ada data.",
           "true when the build date is past the due date, or there is no data yet."),
        _f("temuan_kesalahan", "integer", "Temuan kesalahan", "Error findings",
           "Jumlah temuan kesalahan pada pemeriksaan terakhir (tanpa isi sel).",
           "Number of error findings of the latest check (never cell values).",
           "temuan", "findings"),
        _f("temuan_peringatan", "integer", "Temuan peringatan", "Warning findings",
           "Jumlah temuan peringatan pada pemeriksaan terakhir.",
           "Number of warning findings of the latest check.", "temuan", "findings"),
        _f("status_alasan", "string", "Alasan status", "Status reason",
           "Alasan publik bila status bukan ok (tanpa data pribadi).",
           "Public reason when the status is not ok (no personal data)."),
        _f("status_laporan", "string", "Status laporan", "Reporting status",
           "Satu status per kantor: mutakhir; terlambat (melewati jatuh tempo); gagal_validasi "
           "(pembaruan terakhir gagal validasi, data valid terakhir ditampilkan); "
           "gagal_validasi_tanpa_data (gagal validasi, belum pernah ada data valid); "
           "belum_pernah_melapor.",
           "One status per office: mutakhir (up to date); terlambat (past its due date); "
           "gagal_validasi (the latest update failed validation, the last valid data is shown); "
           "gagal_validasi_tanpa_data (failed validation, never had valid data); "
           "belum_pernah_melapor (never reported)."),
        _f("survei", "string", "Formulir survei", "Survey form",
           "Formulir survei kepuasan masyarakat kantor ini dari daftar kantor (hanya https://); "
           "kosong bila tidak diisi.",
           "The office's public satisfaction survey form from the registry (https:// only); "
           "blank when not given."),
        _f("kontak", "string", "Kontak", "Contact",
           "Halaman kontak atau pengaduan kantor dari daftar kantor (hanya https://); kosong "
           "bila tidak diisi.",
           "The office's contact or complaints page from the registry (https:// only); blank "
           "when not given."),
    ],
}


def data_dictionary() -> dict[str, dict[str, Any]]:
    """The dictionary as plain data (for templates and JSON): per table its titles,
    descriptions, rule kinds and `fields` (a list of dicts with the `FieldDoc` keys)."""
    return {
        table: {
            **{k: v for k, v in asdict(TABLE_DOCS[table]).items() if k != "rules"},
            "rules": list(TABLE_DOCS[table].rules),
            "fields": [asdict(f) for f in fields],
        }
        for table, fields in DATA_DICTIONARY.items()
    }
