"""Message and fix-hint templates in Bahasa Indonesia, one pair per finding code."""
from __future__ import annotations

from typing import Any

_TEMPLATES: dict[str, tuple[str, str]] = {
    "sumber_gagal": ("Data kantor tidak dapat dibaca: {alasan}.",
                     "Periksa kolom `sumber` di daftar kantor dan pastikan berkas/sheet dapat dibuka."),
    "tab_hilang": ("Tab '{tab_dicari}' tidak ditemukan{terdekat_txt}.",
                   "Buat tab bernama '{tab_dicari}' (atau ganti nama tab yang ada) dengan judul kolom: "
                   "{diharapkan}."),
    "kolom_hilang": ("Kolom wajib '{header}' tidak ditemukan di baris judul{terdekat_txt}.",
                     "Tulis judul kolom persis '{header}' di baris 1. Judul yang diharapkan: {diharapkan}."),
    "kolom_ganda": ("Judul kolom '{header}' muncul dua kali (juga di kolom {kolom_lain}).",
                    "Hapus atau ganti nama salah satu kolom."),
    "wajib_diisi": ("Kolom '{header}' wajib diisi.", "Isi sel ini; baris ini belum diterbitkan."),
    "angka_tidak_valid": ("'{value}' bukan angka.",
                          "Tulis angka saja, mis. 87,5 atau 1250 (tanpa satuan atau teks)."),
    "angka_ambigu": ("'{value}' dibaca sebagai {dibaca}; titik dianggap pemisah ribuan.",
                     "Jika maksudnya desimal, tulis dengan koma (mis. 12,5); jika ribuan, hapus titiknya."),
    "bilangan_bulat": ("'{value}' harus bilangan bulat.", "Isi dengan angka bulat, mis. 3."),
    "di_luar_rentang": ("'{value}' di luar rentang yang diizinkan ({rentang}).",
                        "Perbaiki nilainya agar {rentang}."),
    "pilihan_tidak_valid": ("'{value}' bukan pilihan yang dikenal{terdekat_txt}.",
                            "Pilih salah satu: {pilihan}."),
    "periode_tidak_valid": ("Periode '{value}' tidak dikenal.",
                            "Gunakan 2025, 2025-S1/S2, 2025-TW1 … 2025-TW4, atau 2025-01 … 2025-12."),
    "tanggal_tidak_valid": ("'{value}' bukan tanggal yang valid.",
                            "Gunakan format tanggal, mis. 03/02/2025 (hari/bulan/tahun) atau 2025-02-03."),
    "tanggal_masa_depan": ("Tanggal {value} berada di masa depan.", "Periksa kembali tanggalnya."),
    "urutan_tanggal": ("Tanggal {value} lebih awal dari tanggal_masuk.",
                       "Tanggal tanggapan/selesai tidak boleh sebelum tanggal laporan masuk."),
    "kode_tidak_valid": ("Kode '{value}' tidak sesuai format.",
                         "Gunakan 2–20 huruf besar, angka atau tanda hubung, mis. DINKES."),
    "url_tidak_aman": ("Alamat situs '{value}' tidak diawali https:// dan tidak diterbitkan.",
                       "Tulis alamat lengkap yang diawali https://."),
    "nip_tidak_valid": ("NIP tidak valid: {alasan}.",
                        "Periksa NIP (18 digit: tanggal lahir, TMT, jenis kelamin, nomor urut)."),
    "nip_meragukan": ("NIP perlu diperiksa: {alasan}.", "Pastikan NIP ditulis dengan benar."),
    "duplikat": ("Data ganda: {kunci} sama dengan baris {baris_pertama}.",
                 "Hapus baris ganda atau perbaiki nilainya; baris ini tidak diterbitkan."),
    "indikator_tidak_dikenal": ("Kode indikator '{value}' tidak ada di tab Indikator.",
                                "Tambahkan indikator ini di tab Indikator atau perbaiki kodenya."),
    "target_nol": ("Target 0: capaian tidak dapat dihitung.",
                   "Isi target yang lebih dari 0; realisasi tetap diterbitkan tanpa capaian."),
    "kurva_distribusi": ("Distribusi predikat pegawai periode {periode} tidak sesuai kurva untuk "
                         "predikat organisasi {predikat}: {pelanggaran}.",
                         "Tinjau kembali penetapan predikat pegawai (SE MenPANRB 3/2023)."),
    "kantor_tanpa_data": ("Kantor belum memiliki data yang valid.",
                          "Perbaiki temuan di atas agar data kantor dapat diterbitkan."),
}


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, **fields: Any) -> tuple[str, str]:
    """(message, hint) for a finding code, filled with the given fields."""
    message, hint = _TEMPLATES[code]
    values = _Safe({k: ("" if v is None else v) for k, v in fields.items()})
    closest = fields.get("terdekat")
    values["terdekat_txt"] = f"; mungkin maksudnya '{closest}'" if closest else ""
    if code == "angka_ambigu" and fields.get("value"):
        values["dibaca"] = str(fields["value"]).replace(".", "")
    return message.format_map(values), hint.format_map(values)


def codes() -> set[str]:
    return set(_TEMPLATES)
