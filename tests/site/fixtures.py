"""A small hand-made portal (marts + portal data + config) for the site tests, written from the
column contracts in site_builder/marts.py — independent of the compute code."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd

from sheets_sync.config import PortalConfig
from sheets_sync.portal_data import OfficeData, OfficeStatus, PortalData
from site_builder.marts import OPEN_DATA_COLUMNS, Marts

NOW = datetime(2025, 11, 20, 6, 30, tzinfo=UTC)
D = Decimal


def _frame(name: str, rows: list[dict], extra: list[str]) -> pd.DataFrame:
    cols = OPEN_DATA_COLUMNS["skm" if name == "skm_kantor" else name] + extra
    data = [{c: r.get(c) for c in cols} for r in rows]
    return pd.DataFrame(data, columns=cols, dtype="object")


OFFICES = [
    # kode, nama, sektor, frekuensi, situs, status
    ("DINKES", "Dinas Kesehatan", "Kesehatan", "triwulanan", "https://dinkes.contoh.go.id", "ok"),
    ("DISDIK", "Dinas Pendidikan", "Pendidikan", "triwulanan", "", "ok"),
    ("RSUD", "RSUD Kabupaten", "Kesehatan", "bulanan", "http://rsud.contoh.go.id", "stale"),
    ("KEC-UTARA", "Kecamatan Utara", "", "semesteran", "", "missing"),
]


def office_names(overrides: dict[str, str] | None = None) -> dict[str, str]:
    names = {k: n for k, n, *_ in OFFICES}
    names.update(overrides or {})
    return names


def _band(cap: str | None, top: str, good: str) -> str | None:
    if cap is None:
        return None
    return top if D(cap) >= 91 else good


def make_marts(text: str | None = None, names: dict[str, str] | None = None) -> Marts:
    """Marts of the fixture portal. `text` replaces every free-text cell (hostile-text tests)."""
    names = office_names(names)
    sektor = {k: s for k, _, s, *_ in OFFICES}
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
                "status_data": "ok", "versi_aturan": "capaian@1", "kategori_en": k_en,
                "tren": None if prev is None else (val - prev).quantize(D("0.01")),
            })
            prev = val
    kantor_rows.append({"kantor_kode": "KEC-UTARA", "kantor_nama": names["KEC-UTARA"],
                        "indikator_dilaporkan": 0, "indikator_total": 0, "status_data": "missing"})
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
    return Marts(
        kantor=_frame("kantor", kantor_rows, ["versi_aturan", "tren", "kategori_en"]),
        indikator=_frame("indikator", indikator_rows, ["versi_aturan", "tren", "kategori_en"]),
        skm=_frame("skm", skm_rows, ["versi_aturan", "kinerja_unit_en"]),
        skm_kantor=_frame("skm_kantor", skm_kantor_rows, ["versi_aturan", "kinerja_unit_en"]),
        pengaduan=_frame("pengaduan", pengaduan_rows, ["versi_aturan"]),
        pegawai_distribusi=_frame("pegawai_distribusi", dist_rows,
                                  ["versi_aturan", "kurva_pelanggaran", "predikat_organisasi"]),
        rule_versions={"capaian": "capaian@1", "ikm": "ikm@1", "predikat": "predikat@1",
                       "kurva": "kurva@1", "pengaduan": "lapor@1"},
    )


def make_data(text: str | None = None, names: dict[str, str] | None = None,
              situs: str | None = None) -> PortalData:
    names = office_names(names)
    offices = pd.DataFrame([
        {"kode": k, "nama": names[k], "sektor": s or None, "sumber": f"{k.lower()}.xlsx",
         "frekuensi": f, "situs": situs if situs is not None else (w or None)}
        for k, _, s, f, w, _ in OFFICES
    ])
    status = {}
    for k, _, _, _, _, st in OFFICES:
        if st == "ok":
            status[k] = OfficeStatus(k, "ok", datetime(2025, 10, 15, 8, 0, tzinfo=UTC), 0, 2)
        elif st == "stale":
            status[k] = OfficeStatus(
                k, "stale", datetime(2025, 7, 2, 8, 0, tzinfo=UTC), 3, 1,
                alasan=text or "Pembaruan terakhir gagal validasi; data 2 Juli 2025 dipakai.",
                alasan_en="The latest update failed validation; data of 2 July 2025 is shown.")
        else:
            status[k] = OfficeStatus(k, "missing", None, 1, 0,
                                     alasan="Lembar kerja belum dapat dibaca.")
    data = {k: OfficeData(k, {}) for k, *_, st in OFFICES if st != "missing"}
    return PortalData(offices=offices, data=data, status=status)


def make_config(tmp_path: Path, title: str = "Portal Kinerja Kabupaten Contoh") -> PortalConfig:
    return PortalConfig.model_validate({
        "title": title,
        "instansi": "Pemerintah Kabupaten Contoh",
        "source": {"kind": "workbook", "path": str(tmp_path)},
        "state_dir": str(tmp_path / "state"),
    })
