"""A small hand-made portal (marts + config) for the site tests, written from the column
contracts in site_builder/marts.py — independent of the compute code: every figure below, the
office table and the summary rows included, is written out by hand."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd

from sheets_sync.config import PortalConfig
from site_builder.marts import KANTOR_PROFIL_COLUMNS, OPEN_DATA_COLUMNS, Marts

NOW = datetime(2025, 11, 20, 6, 30, tzinfo=UTC)
D = Decimal


def _frame(name: str, rows: list[dict], extra: list[str]) -> pd.DataFrame:
    cols = (KANTOR_PROFIL_COLUMNS if name == "kantor_profil"
            else OPEN_DATA_COLUMNS["skm" if name == "skm_kantor" else name] + extra)
    data = [{c: r.get(c) for c in cols} for r in rows]
    return pd.DataFrame(data, columns=cols, dtype="object")


OFFICES = [
    # kode, nama, sektor, frekuensi, situs, status
    ("DINKES", "Dinas Kesehatan", "Kesehatan", "triwulanan", "https://dinkes.contoh.go.id", "ok"),
    ("DISDIK", "Dinas Pendidikan", "Pendidikan", "triwulanan", "", "ok"),
    ("RSUD", "RSUD Kabupaten", "Kesehatan", "bulanan", "http://rsud.contoh.go.id", "stale"),
    ("KEC-UTARA", "Kecamatan Utara", "", "semesteran", "", "missing"),
]
# data date, due date (data date + cadence + grace days), overdue on NOW, errors, warnings
FRESHNESS = {
    "DINKES": ("2025-10-15", "2026-01-29", False, 0, 2),  # triwulanan: + 92 + 14 days
    "DISDIK": ("2025-10-15", "2026-01-29", False, 0, 2),
    "RSUD": ("2025-07-02", "2025-08-12", True, 3, 1),  # bulanan: + 31 + 10 days, before NOW
    "KEC-UTARA": (None, None, True, 1, 0),  # no data at all counts as overdue
}
REASONS = {
    "RSUD": ("Pembaruan terakhir gagal validasi; data 2 Juli 2025 dipakai.",
             "The latest update failed validation; data of 2 July 2025 is shown."),
    "KEC-UTARA": ("Lembar kerja belum dapat dibaca.", None),
}
# The summary rows (ringkasan), worked out by hand from the kantor, skm and pengaduan rows
# below. Offices' latest period with an index: DINKES and DISDIK 2025-TW3, RSUD 2025-TW2, so
# the headline period is 2025-TW3. Scope "P" is the sector of DISDIK (Pendidikan).
# scope, period, offices, with index, mean index, units, mean IKM, received, on time (first
# response), resolved on time, highest, lowest
SUMMARY = [
    ("kabupaten", "2025-TW1", 4, 3, "80.70", 0, None, 0, 0, 0, "DISDIK", "RSUD"),
    ("kabupaten", "2025-TW2", 4, 3, "82.50", 0, None, 60, 54, 36, "DISDIK", "RSUD"),
    ("kabupaten", "2025-TW3", 4, 2, "87.83", 6, "86.30", 60, 54, 36, "DINKES", "DISDIK"),
    ("Kesehatan", "2025-TW1", 2, 2, "75.00", 0, None, 0, 0, 0, "DINKES", "RSUD"),
    ("Kesehatan", "2025-TW2", 2, 2, "79.75", 0, None, 40, 36, 24, "DINKES", "RSUD"),
    ("Kesehatan", "2025-TW3", 2, 1, "89.25", 4, "86.30", 40, 36, 24, "DINKES", "DINKES"),
    ("P", "2025-TW1", 1, 1, "92.10", 0, None, 0, 0, 0, "DISDIK", "DISDIK"),
    ("P", "2025-TW2", 1, 1, "88.00", 0, None, 20, 18, 12, "DISDIK", "DISDIK"),
    ("P", "2025-TW3", 1, 1, "86.40", 2, "86.30", 20, 18, 12, "DISDIK", "DISDIK"),
    ("", "2025-TW1", 1, 0, None, 0, None, 0, 0, 0, None, None),
    ("", "2025-TW2", 1, 0, None, 0, None, 0, 0, 0, None, None),
    ("", "2025-TW3", 1, 0, None, 0, None, 0, 0, 0, None, None),
]
MOVERS = {("DINKES", "2025-TW3"): 1, ("DISDIK", "2025-TW3"): 2}  # |4.75| then |−1.60|


def office_names(overrides: dict[str, str] | None = None) -> dict[str, str]:
    names = {k: n for k, n, *_ in OFFICES}
    names.update(overrides or {})
    return names


def _band(cap: str | None, top: str, good: str) -> str | None:
    if cap is None:
        return None
    return top if D(cap) >= 91 else good


def make_marts(text: str | None = None, names: dict[str, str] | None = None,
               sectors: dict[str, str] | None = None,
               situs: dict[str, str] | None = None) -> Marts:
    """Marts of the fixture portal. `text` replaces every free-text cell (hostile-text tests);
    `names`, `sectors` and `situs` replace an office's name, sector and website."""
    names = office_names(names)
    sektor = {k: s for k, _, s, *_ in OFFICES}
    sektor.update(sectors or {})
    pj = text if text is not None else "Realisasi turun karena anggaran digeser ke TW3."
    unit = text if text is not None else "Puskesmas Kota"
    kantor_rows, indikator_rows, skm_rows, skm_kantor_rows = [], [], [], []
    pengaduan_rows, dist_rows = [], []
    series = {"DINKES": ["80.00", "84.50", "89.25"], "DISDIK": ["92.10", "88.00", "86.40"],
              "RSUD": ["70.00", "75.00"]}
    kats = {True: ("Sangat Baik", "Very good"), False: ("Baik", "Good")}
    for kode, values in series.items():
        prev = None
        for i, v in enumerate(values, start=1):
            val = D(v)
            k_id, k_en = kats[val >= 91] if val >= 76 else ("Cukup", "Fair")
            kantor_rows.append({
                "kantor_kode": kode, "kantor_nama": names[kode], "sektor": sektor[kode] or None,
                "periode": f"2025-TW{i}", "indeks_kinerja": val, "kategori": k_id,
                "indikator_dilaporkan": 3, "indikator_total": 4,
                "predikat_organisasi": "Baik", "diperbarui": "2025-10-15",
                "status_data": "ok", "capaian_rata_rata": D("95.00"),
                "indikator_di_bawah_target": 2, "versi_aturan": "capaian@1",
                "kategori_en": k_en,
                "tren": None if prev is None else (val - prev).quantize(D("0.01")),
                "peringkat_perubahan": MOVERS.get((kode, f"2025-TW{i}")),
            })
            prev = val
    kantor_rows.append({"kantor_kode": "KEC-UTARA", "kantor_nama": names["KEC-UTARA"],
                        "indikator_dilaporkan": 0, "indikator_total": 0, "status_data": "missing",
                        "indikator_di_bawah_target": 0})
    for kode in ("DINKES", "DISDIK", "RSUD"):
        for j, (target, real, cap, arah) in enumerate([
            ("100", "95", "95.00", "naik"), ("80", "88", "110.00", "naik"),
            ("10", "12", "80.00", "turun"), ("50", None, None, "naik"),
        ], start=1):
            for per in ("2025-TW2", "2025-TW3"):
                indikator_rows.append({
                    "kantor_kode": kode, "indikator_kode": f"IKU-{j}",
                    "indikator_nama": text if (text is not None and j == 1)
                    else f"Indikator kinerja {j} {kode}",
                    "jenis": "IKU", "satuan": "%", "arah": arah, "periode": per,
                    "target": D(target), "realisasi": D(real) if real else None,
                    "capaian": D(cap) if cap else None,
                    "capaian_dibatasi": min(D(cap), D(120)) if cap else None,
                    "kategori": _band(cap, "Sangat Baik", "Baik"),
                    "kategori_en": _band(cap, "Very good", "Good"),
                    "penjelasan": pj if j == 1 else None, "versi_aturan": "capaian@1",
                    "tren": D("5.00") if per == "2025-TW3" and cap else None,
                })
        nrr = {f"nrr_u{i}": D("3.20") + D(i) / 100 for i in range(1, 10)}
        for u, (ikm, mutu, kin, kin_en) in enumerate([
            (D("82.50"), "B", "Baik", "Good"), (D("90.10"), "A", "Sangat Baik", "Very good"),
        ]):
            skm_rows.append({"kantor_kode": kode,
                             "unit_layanan": unit if u == 0 else "Loket Terpadu",
                             "periode": "2025-TW3", "responden": 40 + u, **nrr, "ikm": ikm,
                             "mutu": mutu, "kinerja_unit": kin, "kinerja_unit_en": kin_en,
                             "versi_aturan": "ikm@1"})
        skm_kantor_rows.append({"kantor_kode": kode, "unit_layanan": "", "periode": "2025-TW3",
                                "responden": 81, **nrr, "ikm": D("86.30"), "mutu": "B",
                                "kinerja_unit": "Baik", "kinerja_unit_en": "Good",
                                "versi_aturan": "ikm@1"})
        for i in (2, 3):
            pengaduan_rows.append({"kantor_kode": kode, "periode": f"2025-TW{i}", "masuk": 20,
                                   "ditanggapi_tepat_waktu": 18, "selesai": 15,
                                   "selesai_tepat_waktu": 12, "masih_terbuka": 5,
                                   "median_hari_selesai": D("4.5"), "versi_aturan": "lapor@1"})
    dist_rows = [
        {"kantor_kode": "DINKES", "periode": "2025", "jumlah_pegawai": 48, "sangat_baik": 6,
         "baik": 30, "butuh_perbaikan": None, "kurang": None, "sangat_kurang": 0,
         "kurva_sesuai": True, "versi_aturan": "predikat@1", "kurva_pelanggaran": [],
         "predikat_organisasi": "Baik"},
        {"kantor_kode": "DISDIK", "periode": "2025", "jumlah_pegawai": None, "sangat_baik": None,
         "baik": None, "butuh_perbaikan": None, "kurang": None, "sangat_kurang": None,
         "kurva_sesuai": None, "versi_aturan": "predikat@1", "kurva_pelanggaran": [],
         "predikat_organisasi": None},
    ]
    websites = {k: w for k, _, _, _, w, _ in OFFICES}
    websites.update(situs or {})
    profil_rows = []
    for kode, _, _, frek, _, status in OFFICES:
        data_per, due, late, errors, warnings = FRESHNESS[kode]
        alasan, alasan_en = REASONS.get(kode, (None, None))
        profil_rows.append({
            "kantor_kode": kode, "kantor_nama": names[kode], "sektor": sektor[kode] or None,
            "situs": websites[kode] or None, "frekuensi": frek, "status_data": status,
            "diperbarui": data_per, "jatuh_tempo": due, "terlambat": late,
            "temuan_kesalahan": errors, "temuan_peringatan": warnings,
            "status_alasan": (text or alasan) if alasan else None, "status_alasan_en": alasan_en,
            "versi_aturan": "jadwal@1"})
    summary_rows = [{
        "cakupan": "kabupaten" if scope == "kabupaten" else "sektor",
        "sektor": {"kabupaten": None, "P": sektor["DISDIK"], "": None}.get(scope, scope),
        "periode": per, "kantor_total": n, "kantor_berindeks": n_index,
        "indeks_rata_rata": D(mean) if mean else None, "unit_ikm": units,
        "ikm_rata_rata": D(ikm) if ikm else None, "pengaduan_masuk": masuk,
        "pengaduan_ditanggapi_tepat_waktu": tanggap, "pengaduan_selesai_tepat_waktu": selesai,
        "kantor_tertinggi": hi, "kantor_terendah": lo, "periode_utama": per == "2025-TW3",
        "versi_aturan": "capaian@1+ikm@1+lapor@1",
    } for scope, per, n, n_index, mean, units, ikm, masuk, tanggap, selesai, hi, lo in SUMMARY]
    return Marts(
        kantor=_frame("kantor", kantor_rows, ["versi_aturan", "tren", "kategori_en",
                                              "peringkat_perubahan"]),
        indikator=_frame("indikator", indikator_rows, ["versi_aturan", "tren", "kategori_en"]),
        skm=_frame("skm", skm_rows, ["versi_aturan", "kinerja_unit_en"]),
        skm_kantor=_frame("skm_kantor", skm_kantor_rows, ["versi_aturan", "kinerja_unit_en"]),
        pengaduan=_frame("pengaduan", pengaduan_rows, ["versi_aturan"]),
        pegawai_distribusi=_frame("pegawai_distribusi", dist_rows,
                                  ["versi_aturan", "kurva_pelanggaran", "predikat_organisasi"]),
        kantor_profil=_frame("kantor_profil", profil_rows, []),
        ringkasan=_frame("ringkasan", summary_rows, ["versi_aturan"]),
        rule_versions={"capaian": "capaian@1", "ikm": "ikm@1", "predikat": "predikat@1",
                       "kurva": "kurva@1", "pengaduan": "lapor@1", "jadwal": "jadwal@1"},
    )


def make_config(tmp_path: Path, title: str = "Portal Kinerja Kabupaten Contoh") -> PortalConfig:
    return PortalConfig.model_validate({
        "title": title,
        "instansi": "Pemerintah Kabupaten Contoh",
        "source": {"kind": "workbook", "path": str(tmp_path)},
        "state_dir": str(tmp_path / "state"),
    })
