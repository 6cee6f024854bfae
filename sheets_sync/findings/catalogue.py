"""The catalogue of finding kinds: every kind declared once, with its stable code, severity, short
title, and message and fix-hint templates in Bahasa Indonesia for HR staff.

Whoever raises a finding (validation, a source, the sync, compute) names a code from here and
gives the template's fields; the texts come only from here. Templates are `str.format` strings;
a field not given is left blank, and two fields are derived for every kind: `terdekat_txt` (from
`terdekat`, the closest existing name) and `dibaca` (how an ambiguous number was read)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How bad a finding is. The values are what reports and JSON files carry."""

    ERROR = "error"  # the row (or, for a structural kind, the office's update) is not published
    WARNING = "warning"  # published as it is; worth a look

    @property
    def label(self) -> str:
        """The word HR staff read, lower case: `kesalahan` / `peringatan`."""
        return "kesalahan" if self is Severity.ERROR else "peringatan"


ERROR = Severity.ERROR
WARNING = Severity.WARNING


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class FindingKind:
    """One kind of finding. `structural`: the office's data of this run is not used at all and
    its last good data stays published (a source failure, a missing tab or header); `reason`
    then says why in a few words, for the sentence that opens the office's report ("Kantor ini
    tertahan: … karena <reason>"): a template of the finding record's `tab` and `header` only,
    so that it can be written again from a stored report."""

    code: str
    severity: Severity
    title: str
    message: str  # template
    hint: str  # template
    structural: bool = False
    reason: str = ""  # template; required for a structural kind

    def render(self, **fields: Any) -> tuple[str, str]:
        """(message, hint) filled with `fields`."""
        values = _Blank({k: ("" if v is None else v) for k, v in fields.items()})
        closest = fields.get("terdekat")
        values["terdekat_txt"] = f"; mungkin maksudnya '{closest}'" if closest else ""
        if "dibaca" not in fields and fields.get("value"):
            values["dibaca"] = str(fields["value"]).replace(".", "")
        return self.message.format_map(values), self.hint.format_map(values)


_SOURCE_HINT = ("Perbaiki {tempat}: untuk Google Sheets salin URL spreadsheet dari bilah alamat "
                "browser; untuk berkas .xlsx tulis nama berkas yang ada di folder data.")

KINDS: dict[str, FindingKind] = {k.code: k for k in [
    # --- the source of a whole office (raised by sources and the sync) -------------------------
    FindingKind(
        "sumber_gagal", ERROR, "Sumber data tidak dapat dibaca",
        "Data kantor tidak dapat dibaca: {alasan}.",
        "Periksa kolom `sumber` di daftar kantor dan pastikan berkas/sheet dapat dibuka.",
        structural=True, reason="data kantor tidak dapat dibaca dari sumbernya"),
    FindingKind(
        "tidak_dibagikan", ERROR, "Sheet belum dibagikan",
        "Spreadsheet {nama} belum dibagikan ke {akun}.",
        "Buka spreadsheet, klik Bagikan, lalu tambahkan {akun} sebagai {peran}.",
        structural=True, reason="spreadsheet kantor belum dibagikan ke akun portal"),
    FindingKind(
        "sumber_salah", ERROR, "Alamat sumber salah",
        "Alamat sumber salah di {tempat}: {alasan}{terdekat_txt}.", _SOURCE_HINT,
        structural=True, reason="alamat sumber kantor di daftar kantor salah"),
    FindingKind(
        "bukan_google_sheets", ERROR, "Berkas Excel, bukan Google Sheets",
        "Sumber {nama} adalah berkas Excel (.xlsx) yang diunggah ke Google Drive, bukan "
        "spreadsheet Google Sheets, sehingga Google tidak mengizinkannya dibaca.",
        "Buka berkas itu di Google Drive, pilih File → Simpan sebagai Google Spreadsheet (File → "
        "Save as Google Sheets), bagikan hasilnya ke {akun}, lalu ganti `sumber` di daftar "
        "kantor dengan URL spreadsheet yang baru.",
        structural=True, reason="sumbernya berkas Excel di Google Drive, bukan Google Sheets"),
    FindingKind(
        "berkas_terkunci", ERROR, "Berkas dilindungi kata sandi",
        "Berkas {berkas} dilindungi kata sandi, sehingga tidak dapat dibaca.",
        "Buka berkas di Excel atau LibreOffice, hapus kata sandi pembukaannya (Excel: File → "
        "Info → Lindungi Buku Kerja → Enkripsi dengan Kata Sandi, kosongkan), lalu simpan lagi "
        "sebagai .xlsx.",
        structural=True, reason="berkasnya dilindungi kata sandi"),
    # --- the run as a whole (office ""; reported once, not per office) -------------------------
    FindingKind(
        "api_belum_aktif", ERROR, "API Google belum diaktifkan",
        "{api} belum diaktifkan di proyek Google Cloud {proyek}; {akibat}.",
        "Pengelola portal: aktifkan {api} untuk proyek itu di Google Cloud Console "
        "(https://console.cloud.google.com/apis/library/{layanan}), lihat docs/operating.md §2. "
        "Data terakhir yang valid tetap diterbitkan."),
    FindingKind(
        "batas_waktu_habis", ERROR, "Batas waktu sinkronisasi tercapai",
        "Batas waktu sinkronisasi ({detik} detik) tercapai sebelum semua kantor dibaca; "
        "{jumlah} kantor belum dibaca pada pembaruan ini: {kantor}.",
        "Kantor tersebut tetap memakai data terakhir yang valid dan dibaca lagi pada "
        "sinkronisasi berikutnya. Jika sering terjadi, naikkan source.run_deadline_seconds di "
        "portal.yml."),
    # --- the shape of a tab ---------------------------------------------------------------------
    FindingKind(
        "tab_hilang", ERROR, "Tab tidak ditemukan",
        "Tab '{tab_dicari}' tidak ditemukan{terdekat_txt}.",
        "Buat tab bernama '{tab_dicari}' (atau ganti nama tab yang ada) dengan judul kolom: "
        "{diharapkan}.",
        structural=True, reason="tab {tab} tidak ditemukan"),
    FindingKind(
        "kolom_hilang", ERROR, "Kolom wajib tidak ditemukan",
        "Kolom wajib '{header}' tidak ditemukan di baris judul{terdekat_txt}.",
        "Tulis judul kolom persis '{header}' di baris 1. Judul yang diharapkan: {diharapkan}.",
        structural=True, reason="tab {tab}: kolom '{header}' tidak ditemukan"),
    FindingKind(
        "kolom_ganda", ERROR, "Judul kolom ganda",
        "Judul kolom '{header}' muncul dua kali (juga di kolom {kolom_lain}).",
        "Hapus atau ganti nama salah satu kolom.",
        structural=True, reason="tab {tab}: judul kolom '{header}' muncul dua kali"),
    # --- one cell -------------------------------------------------------------------------------
    FindingKind(
        "wajib_diisi", ERROR, "Sel wajib diisi",
        "Kolom '{header}' wajib diisi.", "Isi sel ini; baris ini belum diterbitkan."),
    FindingKind(
        "angka_tidak_valid", ERROR, "Bukan angka",
        "'{value}' bukan angka.",
        "Tulis angka saja, mis. 87,5 atau 1250 (tanpa satuan atau teks)."),
    FindingKind(
        "angka_ambigu", WARNING, "Angka bisa dibaca dua cara",
        "'{value}' dibaca sebagai {dibaca}; titik dianggap pemisah ribuan.",
        "Jika maksudnya desimal, tulis dengan koma (mis. 12,5); jika ribuan, hapus titiknya."),
    FindingKind(
        "angka_terlalu_besar", ERROR, "Angka terlalu besar",
        "'{value}' terlalu besar untuk dihitung (batas: kurang dari {batas}).",
        "Periksa angkanya: mungkin ada digit berlebih atau satuannya salah."),
    FindingKind(
        "angka_terlalu_kecil", ERROR, "Angka terlalu dekat ke nol",
        "'{value}' terlalu dekat ke nol untuk dihitung (angka selain 0 paling kecil {batas}).",
        "Periksa angkanya: tulis 0 bila maksudnya nol, atau gunakan satuan yang lebih kecil."),
    FindingKind(
        "rumus_tanpa_nilai", ERROR, "Rumus tanpa nilai tersimpan",
        "Sel ini berisi rumus yang hasilnya tidak tersimpan di berkas, sehingga nilainya tidak "
        "dapat dibaca.",
        "Buka berkas di Excel atau LibreOffice lalu simpan lagi (agar hasil rumus ikut "
        "tersimpan), atau ketik nilainya langsung."),
    FindingKind(
        "nilai_galat", ERROR, "Galat rumus di sel",
        "Sel ini berisi galat rumus '{value}', bukan nilai.",
        "Perbaiki rumusnya (mis. #REF!: rujukan ke sel atau tab yang sudah dihapus) atau ketik "
        "nilainya langsung."),
    FindingKind(
        "karakter_tersembunyi", WARNING, "Karakter tak terlihat",
        "Sel ini berisi karakter tak terlihat (pengatur arah teks atau karakter lebar-nol); "
        "karakter itu dihapus sebelum diterbitkan.",
        "Ketik ulang isi sel ini; karakter seperti ini biasanya terbawa saat menyalin teks dari "
        "situs web atau dokumen lain."),
    FindingKind(
        "bilangan_bulat", ERROR, "Harus bilangan bulat",
        "'{value}' harus bilangan bulat.", "Isi dengan angka bulat, mis. 3."),
    FindingKind(
        "di_luar_rentang", ERROR, "Nilai di luar rentang",
        "'{value}' di luar rentang yang diizinkan ({rentang}).",
        "Perbaiki nilainya agar {rentang}."),
    FindingKind(
        "pilihan_tidak_valid", ERROR, "Bukan salah satu pilihan",
        "'{value}' bukan pilihan yang dikenal{terdekat_txt}.", "Pilih salah satu: {pilihan}."),
    FindingKind(
        "periode_tidak_valid", ERROR, "Periode tidak dikenal",
        "Periode '{value}' tidak dikenal.",
        "Gunakan 2025, 2025-S1/S2, 2025-TW1 … 2025-TW4, atau 2025-01 … 2025-12."),
    FindingKind(
        "tanggal_tidak_valid", ERROR, "Tanggal tidak valid",
        "'{value}' bukan tanggal yang valid.",
        "Gunakan format tanggal, mis. 03/02/2025 (hari/bulan/tahun) atau 2025-02-03."),
    FindingKind(
        "tanggal_masa_depan", WARNING, "Tanggal di masa depan",
        "Tanggal {value} berada di masa depan.", "Periksa kembali tanggalnya."),
    FindingKind(
        "urutan_tanggal", ERROR, "Urutan tanggal salah",
        "Tanggal {value} lebih awal dari tanggal_masuk.",
        "Tanggal tanggapan/selesai tidak boleh sebelum tanggal laporan masuk."),
    FindingKind(
        "kode_tidak_valid", ERROR, "Format kode tidak valid",
        "Kode '{value}' tidak sesuai format.",
        "Gunakan 2–20 huruf besar, angka atau tanda hubung, mis. DINKES (tidak boleh hanya "
        "tanda hubung, dan bukan nama khusus Windows seperti CON, NUL, AUX atau COM1)."),
    FindingKind(
        "url_tidak_aman", WARNING, "Alamat situs tidak aman",
        "Alamat situs '{value}' tidak diawali https:// dan tidak diterbitkan.",
        "Tulis alamat lengkap yang diawali https://."),
    FindingKind(
        "nip_tidak_valid", ERROR, "NIP tidak valid",
        "NIP tidak valid: {alasan}.",
        "Periksa NIP (18 digit: tanggal lahir, TMT, jenis kelamin, nomor urut)."),
    FindingKind(
        "nip_meragukan", WARNING, "NIP perlu diperiksa",
        "NIP perlu diperiksa: {alasan}.", "Pastikan NIP ditulis dengan benar."),
    # --- across rows and tabs -------------------------------------------------------------------
    FindingKind(
        "duplikat", ERROR, "Data ganda",
        "Data ganda: {kunci} sama dengan baris {baris_pertama}.",
        "Hapus baris ganda atau perbaiki nilainya; baris ini tidak diterbitkan."),
    FindingKind(
        "indikator_tidak_dikenal", ERROR, "Kode indikator tidak ada di tab Indikator",
        "Kode indikator '{value}' tidak ada di tab Indikator.",
        "Tambahkan indikator ini di tab Indikator atau perbaiki kodenya."),
    FindingKind(
        "target_nol", WARNING, "Target nol: capaian tidak dapat dihitung",
        "Target indikator {indikator} periode {periode} bernilai 0, sehingga capaian tidak dapat "
        "dihitung.",
        "Isi target dengan angka lebih dari 0 (untuk indikator 'turun' yang targetnya nol, gunakan "
        "target terkecil yang bermakna); realisasi tetap diterbitkan tanpa capaian."),
    # --- the Validasi tab written back (sheets_sync.validasi) ----------------------------------
    FindingKind(
        "validasi_tidak_tertulis", WARNING, "Tab Validasi tidak dapat ditulis",
        "Temuan kantor ini tidak dapat ditulis ke tab Validasi di spreadsheet kantor: {alasan}",
        "Pengelola portal: akun layanan portal perlu akses Editor ke spreadsheet kantor agar "
        "temuan tampil di tab Validasi (docs/operating.md), atau matikan source.write_back di "
        "portal.yml. Data kantor tetap diperbarui seperti biasa; penulisan dicoba lagi pada "
        "sinkronisasi berikutnya."),
    # --- computed (site_builder.compute) --------------------------------------------------------
    FindingKind(
        "perhitungan_gagal", ERROR, "Angka kantor tidak dapat dihitung",
        "Angka kantor ini tidak dapat dihitung ({galat}); kantor ini diterbitkan tanpa angka pada "
        "pembaruan ini.",
        "Periksa angka yang sangat besar atau sangat kecil di tab Indikator dan Capaian; bila "
        "tidak ada yang janggal, laporkan ke pengelola portal.",
        structural=True, reason="angka kantor tidak dapat dihitung"),
    FindingKind(
        "kurva_distribusi", WARNING, "Distribusi predikat tidak sesuai kurva",
        "Distribusi predikat pegawai periode {periode} tidak sesuai kurva untuk predikat "
        "organisasi {predikat}. Batas yang dilanggar: {pelanggaran}.",
        "Tinjau kembali penetapan predikat pegawai sesuai SE MenPANRB 3/2023, atau periksa "
        "predikat organisasi di tab Organisasi."),
]}


def kind(code: str) -> FindingKind:
    """The catalogue entry of `code`; ValueError for a code that is not in the catalogue."""
    try:
        return KINDS[code]
    except KeyError:
        raise ValueError(f"unknown finding code {code!r} (not in the catalogue)") from None
