"""Realistic synthetic portal data (`kinerja demo-data`), deterministic for a seed.

`write_demo_portal` writes a complete workbook portal folder: `portal.yml`, `kantor.xlsx` (tab
`Kantor`) and one workbook per office with the tabs of `sheets_sync.contracts`, filled with
believable content of an Indonesian kabupaten: office names and sectors, indicators per sector
with satuan/arah/bobot, valid 18-digit NIPs, SKP ratings that respect the kurva distribusi of
the office's predikat, SKM answers in the Google Form layout (with the extra columns a Form
export has, which the validator must ignore) and SP4N-LAPOR!-style complaints on working days.

Generation is vectorised (numpy) and writing goes through the project's direct SpreadsheetML
writer (`workbooks.xlsx`), so national scale (600 offices, 1,000,000 employees) stays fast.
Nothing here reads the clock: the same arguments give the same cell values.

Lower-level pieces (`office_catalogue`, `generate_books`, `write_portal`, `OfficeBook`) are
public so that `examples/make_example.py` can size each office and plant documented mistakes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sheets_sync import contracts as C
from sheets_sync.periods import parse_period
from sheets_sync.values import column_letter
from workbooks.xlsx import write_sheets

DEFAULT_PERIODS: tuple[str, ...] = (
    "2025-TW1",
    "2025-TW2",
    "2025-TW3",
    "2025-TW4",
    "2026-TW1",
    "2026-TW2",
    "2026-TW3",
)
ANNUAL_PERIOD = "2025"  # period of the Pegawai (SKP tahunan) and Organisasi rows

# Defaults per office, chosen so that 50 offices give the benchmark "kabupaten" scale
# (1,500 indicators, 30,000 survey answers, 5,000 complaints).
DEFAULT_INDICATORS_PER_OFFICE = 30
DEFAULT_SURVEY_PER_OFFICE = 600
DEFAULT_COMPLAINTS_PER_OFFICE = 100

# Google Form export columns that are not part of the contract (must be ignored, never published).
SKM_EXTRA_HEADERS: tuple[str, ...] = ("Timestamp", "Usia", "Pendidikan", "Saran")
# The SKM tab as a Form export lays it out: Timestamp first, respondent attributes before the
# answers, the free-text suggestion last.
SKM_LAYOUT: tuple[str, ...] = (
    "Timestamp",
    *C.SKM.headers[:2],
    "Usia",
    "Pendidikan",
    *C.SKM.headers[2:],
    "Saran",
)


# --------------------------------------------------------------------------------------------
# Catalogue: offices, sectors, units, indicators
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    nama: str
    jenis: str  # IKU / Layanan / Lainnya
    satuan: str
    arah: str  # naik / turun
    target: float  # typical target per period
    decimals: int = 2


def _i(nama: str, jenis: str, satuan: str, arah: str, target: float, decimals: int = 2):
    return IndicatorSpec(nama, jenis, satuan, arah, target, decimals)


@dataclass(frozen=True)
class Profile:
    """What an office of one kind looks like."""

    sektor: str
    kepala: str  # head's jabatan
    units: tuple[str, ...]  # unit_kerja (first = Sekretariat / Sekretariat Kecamatan)
    layanan: tuple[str, ...]  # SKM unit_layanan
    indicators: tuple[IndicatorSpec, ...]
    jabatan: tuple[str, ...]  # sector-specific staff posts
    sasaran: str
    weight: float = 1.0  # relative staffing


_GENERIC_INDICATORS = (
    _i("Nilai SAKIP perangkat daerah", "Lainnya", "nilai", "naik", 72, 2),
    _i("Persentase realisasi anggaran", "Lainnya", "%", "naik", 92, 2),
    _i("Indeks Kepuasan Masyarakat perangkat daerah", "Lainnya", "nilai", "naik", 82, 2),
    _i("Persentase pengaduan masyarakat yang diselesaikan", "Lainnya", "%", "naik", 90, 2),
    _i(
        "Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti",
        "Lainnya",
        "%",
        "naik",
        85,
        2,
    ),
    _i("Indeks Profesionalitas ASN perangkat daerah", "Lainnya", "nilai", "naik", 70, 2),
    _i("Persentase dokumen perencanaan dan pelaporan tepat waktu", "Lainnya", "%", "naik", 100, 2),
    _i("Persentase aset yang tercatat dan bersertifikat", "Lainnya", "%", "naik", 80, 2),
)

_STAFF_GENERIC = (
    "Analis Kebijakan Ahli Muda",
    "Analis Kebijakan Ahli Pertama",
    "Perencana Ahli Muda",
    "Analis Keuangan Pusat dan Daerah Ahli Pertama",
    "Pranata Komputer Ahli Pertama",
    "Arsiparis Terampil",
    "Pengadministrasi Perkantoran",
    "Penata Layanan Operasional",
    "Pengelola Layanan Operasional",
    "Operator Layanan Operasional",
    "Analis Sumber Daya Manusia Aparatur",
    "Pengadministrasi Keuangan",
    "Pengelola Barang Milik Negara",
    "Pramu Bakti",
)

PROFILES: dict[str, Profile] = {
    "kesehatan": Profile(
        "Kesehatan",
        "Kepala Dinas",
        (
            "Sekretariat",
            "Bidang Kesehatan Masyarakat",
            "Bidang Pencegahan dan Pengendalian Penyakit",
            "Bidang Pelayanan Kesehatan",
            "Bidang Sumber Daya Kesehatan",
        ),
        (
            "Layanan Perizinan Kesehatan",
            "Instalasi Farmasi Kabupaten",
            "Laboratorium Kesehatan Daerah",
        ),
        (
            _i("Cakupan imunisasi dasar lengkap", "IKU", "%", "naik", 95),
            _i("Prevalensi stunting pada balita", "IKU", "%", "turun", 14),
            _i(
                "Angka kematian ibu per 100.000 kelahiran hidup",
                "IKU",
                "per 100.000 KH",
                "turun",
                90,
                0,
            ),
            _i(
                "Persentase ibu hamil mendapat pelayanan antenatal sesuai standar",
                "IKU",
                "%",
                "naik",
                100,
            ),
            _i("Cakupan penemuan dan pengobatan kasus TBC", "Layanan", "%", "naik", 90),
            _i(
                "Rata-rata waktu tunggu rawat jalan di puskesmas",
                "Layanan",
                "menit",
                "turun",
                45,
                0,
            ),
            _i("Persentase penduduk terdaftar JKN", "Layanan", "%", "naik", 98),
            _i("Persentase puskesmas terakreditasi paripurna", "Lainnya", "%", "naik", 60),
        ),
        (
            "Epidemiolog Kesehatan Ahli Muda",
            "Administrator Kesehatan Ahli Pertama",
            "Perawat Ahli Pertama",
            "Bidan Terampil",
            "Apoteker Ahli Pertama",
            "Sanitarian Terampil",
            "Nutrisionis Ahli Pertama",
        ),
        "Meningkatnya derajat kesehatan masyarakat",
        4.0,
    ),
    "pendidikan": Profile(
        "Pendidikan",
        "Kepala Dinas",
        (
            "Sekretariat",
            "Bidang Pembinaan PAUD dan Pendidikan Nonformal",
            "Bidang Pembinaan Sekolah Dasar",
            "Bidang Pembinaan SMP",
            "Bidang Kebudayaan",
        ),
        ("Layanan Legalisir dan Surat Keterangan", "Layanan Mutasi Peserta Didik"),
        (
            _i("Angka partisipasi murni SD/MI", "IKU", "%", "naik", 98),
            _i("Angka partisipasi murni SMP/MTs", "IKU", "%", "naik", 82),
            _i("Rata-rata lama sekolah", "IKU", "tahun", "naik", 8.2),
            _i("Angka putus sekolah jenjang SMP", "IKU", "%", "turun", 0.5),
            _i(
                "Jumlah peserta didik penerima Program Indonesia Pintar",
                "Layanan",
                "siswa",
                "naik",
                12500,
                0,
            ),
            _i("Lama penerbitan legalisir ijazah", "Layanan", "hari", "turun", 1, 1),
            _i("Persentase guru bersertifikat pendidik", "Lainnya", "%", "naik", 75),
            _i("Persentase sekolah terakreditasi minimal B", "Lainnya", "%", "naik", 85),
        ),
        (
            "Pengawas Sekolah Ahli Madya",
            "Pamong Belajar Ahli Pertama",
            "Penilik Ahli Muda",
            "Pamong Budaya Ahli Pertama",
            "Analis Data dan Informasi Pendidikan",
        ),
        "Meningkatnya akses dan mutu pendidikan",
        5.0,
    ),
    "kependudukan": Profile(
        "Kependudukan",
        "Kepala Dinas",
        (
            "Sekretariat",
            "Bidang Pelayanan Pendaftaran Penduduk",
            "Bidang Pelayanan Pencatatan Sipil",
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
        ),
        ("Pelayanan KTP-el", "Pelayanan Akta Kelahiran", "Pelayanan Kartu Keluarga"),
        (
            _i("Rata-rata lama tunggu penerbitan KTP-el", "Layanan", "hari", "turun", 3, 1),
            _i("Persentase akta kelahiran terbit tepat waktu", "Layanan", "%", "naik", 95),
            _i("Cakupan kepemilikan akta kelahiran penduduk 0-18 tahun", "IKU", "%", "naik", 95),
            _i("Persentase penduduk wajib KTP yang telah merekam KTP-el", "IKU", "%", "naik", 99),
            _i("Cakupan kepemilikan Kartu Identitas Anak", "IKU", "%", "naik", 60),
            _i("Lama penerbitan Kartu Keluarga", "Layanan", "hari", "turun", 1, 1),
            _i(
                "Persentase layanan administrasi kependudukan secara daring",
                "Lainnya",
                "%",
                "naik",
                50,
            ),
        ),
        (
            "Administrator Database Kependudukan Ahli Pertama",
            "Operator Perekaman KTP-el",
            "Petugas Registrasi",
            "Verifikator Berkas Kependudukan",
        ),
        "Meningkatnya kualitas layanan administrasi kependudukan",
        1.2,
    ),
    "perizinan": Profile(
        "Penanaman Modal dan Perizinan",
        "Kepala Dinas",
        (
            "Sekretariat",
            "Bidang Pelayanan Perizinan",
            "Bidang Penanaman Modal",
            "Bidang Pengaduan dan Pengawasan",
        ),
        ("Mal Pelayanan Publik", "Layanan Perizinan Berusaha"),
        (
            _i(
                "Persentase izin terbit sesuai SLA (maksimal 5 hari kerja)",
                "Layanan",
                "%",
                "naik",
                95,
            ),
            _i("Rata-rata waktu penerbitan PBG", "Layanan", "hari", "turun", 28, 0),
            _i("Nilai realisasi investasi", "IKU", "Rp miliar", "naik", 850, 1),
            _i("Jumlah NIB terbit melalui OSS RBA", "IKU", "dokumen", "naik", 900, 0),
            _i("Persentase pengaduan perizinan yang diselesaikan", "Layanan", "%", "naik", 90),
            _i("Indeks kepuasan layanan perizinan", "IKU", "nilai", "naik", 85),
        ),
        (
            "Analis Perizinan",
            "Verifikator Perizinan",
            "Penata Perizinan Ahli Pertama",
            "Analis Penanaman Modal Ahli Pertama",
        ),
        "Meningkatnya iklim investasi dan kemudahan berusaha",
        0.9,
    ),
    "sosial": Profile(
        "Sosial",
        "Kepala Dinas",
        (
            "Sekretariat",
            "Bidang Rehabilitasi Sosial",
            "Bidang Perlindungan dan Jaminan Sosial",
            "Bidang Pemberdayaan Sosial",
        ),
        ("Layanan Rujukan Terpadu", "Layanan Rekomendasi Bantuan Sosial"),
        (
            _i("Persentase PPKS yang memperoleh bantuan sosial", "IKU", "%", "naik", 80),
            _i("Persentase data DTSEN yang dimutakhirkan", "IKU", "%", "naik", 90),
            _i(
                "Jumlah penyandang disabilitas terlantar yang direhabilitasi",
                "Layanan",
                "orang",
                "naik",
                120,
                0,
            ),
            _i("Waktu verifikasi usulan bantuan sosial", "Layanan", "hari", "turun", 7, 0),
            _i(
                "Persentase korban bencana yang mendapat bantuan tanggap darurat",
                "Layanan",
                "%",
                "naik",
                100,
            ),
        ),
        (
            "Pekerja Sosial Ahli Pertama",
            "Penyuluh Sosial Ahli Pertama",
            "Pendamping PKH",
            "Penata Layanan Rehabilitasi Sosial",
        ),
        "Meningkatnya perlindungan dan kesejahteraan sosial",
        0.8,
    ),
    "pu": Profile(
        "Pekerjaan Umum",
        "Kepala Dinas",
        (
            "Sekretariat",
            "Bidang Bina Marga",
            "Bidang Sumber Daya Air",
            "Bidang Cipta Karya",
            "Bidang Penataan Ruang",
        ),
        ("Layanan Rekomendasi Teknis PBG", "Layanan Informasi Tata Ruang"),
        (
            _i("Persentase jalan kabupaten dalam kondisi mantap", "IKU", "%", "naik", 75),
            _i("Persentase rumah tangga dengan akses air minum layak", "IKU", "%", "naik", 90),
            _i("Persentase rumah tangga dengan akses sanitasi layak", "IKU", "%", "naik", 85),
            _i("Luas kawasan permukiman kumuh", "IKU", "ha", "turun", 45, 1),
            _i(
                "Rata-rata waktu penerbitan rekomendasi teknis PBG",
                "Layanan",
                "hari",
                "turun",
                10,
                0,
            ),
            _i(
                "Persentase daerah irigasi kewenangan kabupaten dalam kondisi baik",
                "Lainnya",
                "%",
                "naik",
                70,
            ),
        ),
        (
            "Teknik Jalan dan Jembatan Ahli Pertama",
            "Teknik Pengairan Ahli Muda",
            "Penata Ruang Ahli Pertama",
            "Pengawas Bangunan Gedung",
            "Juru Ukur",
        ),
        "Meningkatnya kualitas infrastruktur wilayah",
        1.4,
    ),
    "lingkungan": Profile(
        "Lingkungan Hidup",
        "Kepala Dinas",
        (
            "Sekretariat",
            "Bidang Pengelolaan Sampah",
            "Bidang Pengendalian Pencemaran",
            "Bidang Penataan dan Peningkatan Kapasitas",
        ),
        ("Layanan Persetujuan Lingkungan", "Layanan Pengaduan Pencemaran"),
        (
            _i("Indeks Kualitas Lingkungan Hidup", "IKU", "nilai", "naik", 68),
            _i("Persentase sampah terkelola", "IKU", "%", "naik", 70),
            _i("Indeks kualitas air", "IKU", "nilai", "naik", 55),
            _i(
                "Jumlah usaha yang diawasi ketaatan izin lingkungan",
                "Layanan",
                "usaha",
                "naik",
                40,
                0,
            ),
            _i(
                "Lama penerbitan persetujuan lingkungan (UKL-UPL)",
                "Layanan",
                "hari",
                "turun",
                14,
                0,
            ),
        ),
        (
            "Pengendali Dampak Lingkungan Ahli Pertama",
            "Pengawas Lingkungan Hidup",
            "Penyuluh Lingkungan Hidup",
            "Petugas Kebersihan",
        ),
        "Meningkatnya kualitas lingkungan hidup",
        1.0,
    ),
    "perhubungan": Profile(
        "Perhubungan",
        "Kepala Dinas",
        (
            "Sekretariat",
            "Bidang Lalu Lintas",
            "Bidang Angkutan",
            "Bidang Pengujian Kendaraan Bermotor",
        ),
        ("Layanan Uji Berkala Kendaraan (KIR)", "Layanan Izin Trayek"),
        (
            _i("Persentase kendaraan wajib uji yang lulus uji berkala", "IKU", "%", "naik", 85),
            _i(
                "Jumlah kecelakaan lalu lintas di jalan kabupaten",
                "IKU",
                "kejadian",
                "turun",
                120,
                0,
            ),
            _i("Waktu pelayanan uji berkala kendaraan", "Layanan", "menit", "turun", 60, 0),
            _i("Persentase fasilitas perlengkapan jalan terpasang", "Lainnya", "%", "naik", 70),
            _i("Jumlah penumpang angkutan umum perdesaan", "Lainnya", "orang", "naik", 25000, 0),
        ),
        ("Penguji Kendaraan Bermotor Terampil", "Analis Lalu Lintas", "Petugas Dishub Lapangan"),
        "Meningkatnya keselamatan dan kelancaran transportasi",
        0.9,
    ),
    "pemerintahan": Profile(
        "Pemerintahan",
        "Kepala Badan",
        (
            "Sekretariat",
            "Bidang Perencanaan dan Pengendalian",
            "Bidang Pengembangan Sumber Daya",
            "Bidang Data dan Informasi",
        ),
        ("Layanan Informasi Publik",),
        (
            _i("Persentase program prioritas yang terlaksana", "IKU", "%", "naik", 90),
            _i("Persentase rekomendasi yang ditindaklanjuti", "IKU", "%", "naik", 80),
            _i("Waktu penyelesaian layanan administrasi", "Layanan", "hari", "turun", 3, 1),
        ),
        ("Perencana Ahli Pertama", "Analis Pemerintahan Daerah", "Statistisi Ahli Pertama"),
        "Meningkatnya tata kelola pemerintahan yang baik",
        0.9,
    ),
    "kecamatan": Profile(
        "Kewilayahan",
        "Camat",
        (
            "Sekretariat Kecamatan",
            "Seksi Pemerintahan",
            "Seksi Pelayanan Umum",
            "Seksi Kesejahteraan Sosial",
            "Seksi Ketenteraman dan Ketertiban Umum",
        ),
        ("Layanan PATEN",),
        (
            _i("Persentase layanan PATEN selesai tepat waktu", "Layanan", "%", "naik", 95),
            _i("Rata-rata waktu penyelesaian surat keterangan", "Layanan", "hari", "turun", 1, 1),
            _i(
                "Persentase desa yang menyampaikan laporan keuangan desa tepat waktu",
                "IKU",
                "%",
                "naik",
                90,
            ),
            _i("Indeks kepuasan masyarakat layanan kecamatan", "IKU", "nilai", "naik", 82),
            _i(
                "Jumlah musyawarah perencanaan pembangunan desa yang difasilitasi",
                "Lainnya",
                "kegiatan",
                "naik",
                12,
                0,
            ),
        ),
        (
            "Pengadministrasi Pemerintahan",
            "Pengelola Layanan Kecamatan",
            "Penata Kelola Ketentraman",
        ),
        "Meningkatnya kualitas pelayanan kewilayahan",
        0.4,
    ),
    "puskesmas": Profile(
        "Kesehatan",
        "Kepala UPTD Puskesmas",
        ("Tata Usaha", "Unit Pelayanan Medis", "Unit Kesehatan Masyarakat"),
        ("Poli Umum", "Poli KIA", "Pendaftaran"),
        (
            _i("Cakupan imunisasi dasar lengkap di wilayah kerja", "IKU", "%", "naik", 95),
            _i("Rata-rata waktu tunggu pendaftaran", "Layanan", "menit", "turun", 15, 0),
            _i("Persentase balita ditimbang", "Layanan", "%", "naik", 85),
        ),
        ("Dokter Ahli Pertama", "Perawat Terampil", "Bidan Terampil", "Perekam Medis Terampil"),
        "Meningkatnya derajat kesehatan masyarakat",
        0.5,
    ),
}


@dataclass(frozen=True)
class OfficeSpec:
    kode: str
    nama: str
    profile: str  # key of PROFILES

    @property
    def sektor(self) -> str:
        return PROFILES[self.profile].sektor


# The usual OPD of a kabupaten, most familiar first.
_OPD: tuple[OfficeSpec, ...] = (
    OfficeSpec("DINKES", "Dinas Kesehatan", "kesehatan"),
    OfficeSpec("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", "pendidikan"),
    OfficeSpec("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "kependudukan"),
    OfficeSpec("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "perizinan"),
    OfficeSpec("DINSOS", "Dinas Sosial", "sosial"),
    OfficeSpec("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "pu"),
    OfficeSpec("DLH", "Dinas Lingkungan Hidup", "lingkungan"),
    OfficeSpec("DISHUB", "Dinas Perhubungan", "perhubungan"),
    OfficeSpec("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "pemerintahan"),
    OfficeSpec("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "pemerintahan"),
    OfficeSpec("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "pemerintahan"),
    OfficeSpec("BAPENDA", "Badan Pendapatan Daerah", "pemerintahan"),
    OfficeSpec("INSPEKTORAT", "Inspektorat Daerah", "pemerintahan"),
    OfficeSpec("SATPOLPP", "Satuan Polisi Pamong Praja", "pemerintahan"),
    OfficeSpec("BPBD", "Badan Penanggulangan Bencana Daerah", "sosial"),
    OfficeSpec("DISKOMINFO", "Dinas Komunikasi dan Informatika", "pemerintahan"),
    OfficeSpec("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "pu"),
    OfficeSpec("DISPERTA", "Dinas Pertanian dan Ketahanan Pangan", "pemerintahan"),
    OfficeSpec("DISKOPUKM", "Dinas Koperasi, Usaha Kecil dan Menengah", "perizinan"),
    OfficeSpec("DISNAKER", "Dinas Tenaga Kerja", "sosial"),
    OfficeSpec("DISPARPORA", "Dinas Pariwisata, Kepemudaan dan Olahraga", "pemerintahan"),
    OfficeSpec(
        "DP3AP2KB",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian "
        "Penduduk dan Keluarga Berencana",
        "sosial",
    ),
    OfficeSpec("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "pemerintahan"),
    OfficeSpec("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "perizinan"),
    OfficeSpec("DISARPUS", "Dinas Kearsipan dan Perpustakaan", "pemerintahan"),
    OfficeSpec("DISPERIKAN", "Dinas Perikanan", "pemerintahan"),
    OfficeSpec("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "pemerintahan"),
    OfficeSpec("SETDA", "Sekretariat Daerah", "pemerintahan"),
    OfficeSpec("SETWAN", "Sekretariat DPRD", "pemerintahan"),
    OfficeSpec("RSUD", "Rumah Sakit Umum Daerah", "kesehatan"),
)
_KEC_PREFIX = (
    "Suka",
    "Karang",
    "Tanjung",
    "Mekar",
    "Sumber",
    "Cipta",
    "Tegal",
    "Banyu",
    "Wono",
    "Sido",
    "Margo",
    "Jati",
    "Bojong",
    "Kali",
    "Pasir",
    "Sindang",
    "Pagar",
    "Bumi",
    "Lubuk",
    "Teluk",
)
_KEC_SUFFIX = (
    "maju",
    "jaya",
    "sari",
    "mulya",
    "rejo",
    "asih",
    "makmur",
    "harja",
    "agung",
    "raya",
    "baru",
    "indah",
    "luhur",
    "wangi",
    "tani",
    "karya",
    "mukti",
    "rahayu",
    "senang",
    "damai",
)


def _kecamatan_names() -> list[str]:
    # Interleave so that the first names differ in prefix and suffix (Sukamaju, Karangjaya, ...).
    names = []
    for k in range(len(_KEC_SUFFIX)):
        for p, prefix in enumerate(_KEC_PREFIX):
            names.append(prefix + _KEC_SUFFIX[(p + k) % len(_KEC_SUFFIX)])
    return names


def office_catalogue(n: int) -> list[OfficeSpec]:
    """The first `n` offices of a (growing) kabupaten: the usual OPD, then kecamatan, then UPTD
    puskesmas, then numbered UPTD. Codes and names are unique and match the registry pattern."""
    out: list[OfficeSpec] = list(_OPD[:n])
    kec = _kecamatan_names()
    i = 0
    while len(out) < n and i < len(kec):
        out.append(OfficeSpec(f"KEC-{kec[i].upper()}"[:20], f"Kecamatan {kec[i]}", "kecamatan"))
        i += 1
    i = 0
    while len(out) < n and i < len(kec):
        out.append(
            OfficeSpec(f"PKM-{kec[i].upper()}"[:20], f"UPTD Puskesmas {kec[i]}", "puskesmas")
        )
        i += 1
    i = 1
    while len(out) < n:
        out.append(
            OfficeSpec(f"UPTD-{i:04d}", f"UPTD Pelayanan Terpadu Wilayah {i}", "pemerintahan")
        )
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------

_MALE = (
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Irfan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nanang",
    "Rizky",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Ahmad",
    "Bambang",
    "Dimas",
    "Heri",
    "Imam",
    "Rudi",
    "Asep",
    "Ujang",
    "Andi",
    "Arif",
    "Ridwan",
    "Hasan",
    "Yogi",
)
_FEMALE = (
    "Siti",
    "Sri",
    "Dewi",
    "Ratna",
    "Rina",
    "Wulan",
    "Indah",
    "Fitri",
    "Nur",
    "Lestari",
    "Putri",
    "Ayu",
    "Dian",
    "Eka",
    "Yuni",
    "Nining",
    "Euis",
    "Rahmawati",
    "Kartika",
    "Mega",
    "Anisa",
    "Intan",
    "Novi",
    "Retno",
    "Tuti",
    "Yanti",
    "Wati",
    "Rini",
    "Endah",
    "Nurul",
)
_LAST = (
    "Hidayat",
    "Saputra",
    "Santoso",
    "Wibowo",
    "Setiawan",
    "Pratama",
    "Nugroho",
    "Susanto",
    "Kusuma",
    "Permana",
    "Gunawan",
    "Hakim",
    "Siregar",
    "Nasution",
    "Lubis",
    "Simanjuntak",
    "Harahap",
    "Rahman",
    "Firmansyah",
    "Maulana",
    "Ramadhan",
    "Purnomo",
    "Wijaya",
    "Sulistyo",
    "Handayani",
    "Wahyuni",
    "Rahayu",
    "Lestari",
    "Anggraini",
    "Kurniasih",
    "Suryani",
    "Marlina",
    "",
    "",
    "",
    "",
)
_GELAR = (
    "",
    "",
    "",
    "",
    "",
    ", S.E.",
    ", S.Kom.",
    ", S.H.",
    ", S.Sos.",
    ", S.T.",
    ", S.Pd.",
    ", S.K.M.",
    ", A.Md.",
    ", M.Si.",
    ", S.AP.",
    ", S.Kep., Ns.",
)


def generate_nips(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """`n` unique, valid 18-digit NIPs (domain-rules §6) and the sex digit of each.

    YYYYMMDD birth date + YYYYMM TMT (CPNS 2000-01 … 2025-12) + sex 1/2 + sequence 001…,
    age 18–35 at TMT; the sequence counts up within equal first 15 digits."""
    if n == 0:
        return np.array([], dtype="<U18"), np.array([], dtype=np.int64)
    tmt_year = rng.integers(2000, 2026, n)
    tmt_month = rng.integers(1, 13, n)
    tmt = (tmt_year - 1970) * 12 + (tmt_month - 1)
    tmt_day = np.array(tmt, dtype="datetime64[M]").astype("datetime64[D]")
    age_days = rng.integers(int(18 * 365.25) + 2, int(35 * 365.25) - 2, n)
    birth = tmt_day - age_days.astype("timedelta64[D]")
    b = pd.DatetimeIndex(birth)
    sex = rng.integers(1, 3, n)
    prefix = (
        (b.year.to_numpy() * 10000 + b.month.to_numpy() * 100 + b.day.to_numpy()).astype(np.int64)
        * 10_000_000
        + (tmt_year * 100 + tmt_month) * 10
        + sex
    )
    seq = pd.Series(prefix).groupby(prefix).cumcount().to_numpy() + 1
    nip = prefix * 1000 + seq
    return nip.astype("U18"), sex


# Kurva distribusi (SE MenPANRB 3/2023) shares per predikat organisasi:
# (Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang)
_PREDIKAT_SHARES = {
    "Istimewa": (0.45, 0.45, 0.07, 0.02, 0.01),
    "Baik": (0.12, 0.66, 0.15, 0.05, 0.02),
    "Butuh Perbaikan": (0.05, 0.25, 0.65, 0.04, 0.01),
}
_ATAS, _SESUAI, _BAWAH = C.RATINGS[0], C.RATINGS[1], C.RATINGS[2]
# (hasil_kerja, perilaku_kerja) pairs giving each predikat (PermenPANRB 6/2022 matrix), with odds.
_PAIRS = (
    (((_ATAS, _ATAS),), (1.0,)),
    (((_SESUAI, _SESUAI), (_ATAS, _SESUAI), (_SESUAI, _ATAS)), (0.8, 0.1, 0.1)),
    (((_BAWAH, _SESUAI), (_BAWAH, _ATAS)), (0.85, 0.15)),
    (((_SESUAI, _BAWAH), (_ATAS, _BAWAH)), (0.9, 0.1)),
    (((_BAWAH, _BAWAH),), (1.0,)),
)


def predikat_counts(n: int, predikat_org: str) -> list[int]:
    """Counts (SB, B, BP, K, SK) for `n` employees that satisfy the kurva distribusi of
    `predikat_org` (maxima floored, minima ceiled, as domain-rules §1.5 suggests)."""
    if predikat_org not in _PREDIKAT_SHARES:
        predikat_org = "Baik"
    shares = _PREDIKAT_SHARES[predikat_org]
    c = [int(round(s * n)) for s in shares]
    minimum = [0, 0, 0, 0, 0]
    if predikat_org == "Baik":
        minimum[2] = 1 if n >= 2 else 0
    elif predikat_org == "Istimewa":
        c[0] = min(c[0], int(0.7 * n))
    else:  # Butuh Perbaikan
        minimum[2] = -(-6 * n // 10)
        c[0] = min(c[0], int(0.1 * n))
    c = [max(x, m) for x, m in zip(c, minimum, strict=True)]
    c[1] = n - (c[0] + c[2] + c[3] + c[4])  # Baik takes the rest
    for j in (4, 3, 0, 2):  # too many elsewhere: give back, keeping the minima
        if c[1] >= 0:
            break
        take = min(c[j] - minimum[j], -c[1])
        c[j] -= take
        c[1] += take
    if predikat_org == "Baik" and c[1] > int(0.7 * n):
        c[0] += c[1] - int(0.7 * n)
        c[1] = int(0.7 * n)
    return c


def _ratings(rng: np.random.Generator, n: int, predikat_org: str) -> tuple[list[str], list[str]]:
    counts = predikat_counts(n, predikat_org)
    hasil: list[str] = []
    perilaku: list[str] = []
    for c, (pairs, odds) in zip(counts, _PAIRS, strict=True):
        picks = rng.choice(len(pairs), size=c, p=odds)
        hasil.extend(pairs[k][0] for k in picks)
        perilaku.extend(pairs[k][1] for k in picks)
    order = rng.permutation(n)
    return [hasil[k] for k in order], [perilaku[k] for k in order]


# --------------------------------------------------------------------------------------------
# Sheets and books
# --------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One tab: header row and data rows (sheet rows 2, 3, …) as final cell values."""

    name: str
    headers: list[str]
    rows: list[list[object]] = field(default_factory=list)

    def col(self, header: str) -> int:
        return self.headers.index(header)

    def letter(self, header: str) -> str:
        return column_letter(self.col(header))

    def get(self, row: int, header: str) -> object:
        """Value at sheet row `row` (2 = first data row)."""
        return self.rows[row - 2][self.col(header)]

    def set(self, row: int, header: str, value: object) -> str:
        """Set a cell by sheet row and header; returns the cell reference (e.g. `D7`)."""
        self.rows[row - 2][self.col(header)] = value
        return f"{self.letter(header)}{row}"

    def find(self, predicate: Callable[[dict[str, object]], bool], start: int = 2) -> int:
        """Sheet row number of the first row (from `start`) for which predicate(row dict) holds."""
        for r in range(max(start, 2) - 2, len(self.rows)):
            if predicate(dict(zip(self.headers, self.rows[r], strict=False))):
                return r + 2
        raise LookupError(f"no matching row in {self.name}")


@dataclass
class OfficeBook:
    spec: OfficeSpec
    sheets: dict[str, Sheet]  # by tab name, in writing order
    predikat_organisasi: str = "Baik"

    @property
    def file_name(self) -> str:
        return f"{self.spec.kode}.xlsx"

    def __getitem__(self, tab: str) -> Sheet:
        return self.sheets[tab]


def _fmt_comma(value: float, decimals: int) -> str:
    text = f"{value:.{max(decimals, 1)}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _period_bounds(code: str) -> tuple[np.datetime64, np.datetime64]:
    p = parse_period(code)
    if p is None:
        raise ValueError(f"unknown period: {code!r}")
    return np.datetime64(p.start, "D"), np.datetime64(p.end, "D")


_PENJELASAN = (
    "Target tercapai berkat layanan jemput bola ke desa.",
    "Belum tercapai karena keterbatasan anggaran pada triwulan ini.",
    "Data sementara, menunggu verifikasi dari bidang terkait.",
    "Capaian meningkat setelah penerapan layanan daring.",
    "Terkendala cuaca dan akses ke wilayah terpencil.",
    "Realisasi dihitung dari laporan puskesmas/UPT yang sudah masuk.",
)
_SARAN = (
    "Pelayanan sudah cepat, terima kasih.",
    "Ruang tunggu perlu ditambah kursinya.",
    "Petugas ramah dan membantu.",
    "Mohon informasi persyaratan dipasang lebih jelas.",
    "Antrian terlalu lama di pagi hari.",
    "Parkir kurang luas.",
    "Sudah baik, pertahankan.",
)
_PENDIDIKAN = ("SD", "SMP", "SMA/SMK", "D3", "S1", "S2")
_KATEGORI_ODDS = (0.25, 0.15, 0.55, 0.05)  # informasi, aspirasi, pengaduan, berpengawasan
_DEADLINE_DAYS = (5, 5, 14, 60)


def _indicator_list(spec: OfficeSpec, rng: np.random.Generator, k: int) -> list[IndicatorSpec]:
    prof = PROFILES[spec.profile]
    sector = list(prof.indicators)
    generic = [_GENERIC_INDICATORS[j] for j in rng.permutation(len(_GENERIC_INDICATORS))]
    if k <= len(sector):
        keep = sorted(rng.choice(len(sector), size=k, replace=False))
        return [sector[j] for j in keep]
    out = sector + generic[: k - len(sector)]
    n_upt = 1
    while len(out) < k:  # beyond the catalogue: the same measures per UPT / wilayah
        for s in sector:
            if len(out) >= k:
                break
            out.append(
                IndicatorSpec(
                    f"{s.nama} (UPT Wilayah {n_upt})",
                    s.jenis,
                    s.satuan,
                    s.arah,
                    s.target,
                    s.decimals,
                )
            )
        n_upt += 1
    return out


def _round(values: np.ndarray, decimals: int) -> list[object]:
    r = np.round(values, decimals)
    if decimals == 0:
        return [int(v) for v in r]
    return [float(v) for v in r]


def _build_indikator_capaian(
    spec: OfficeSpec, rng: np.random.Generator, k: int, periods: list[str], quirks: bool,
    quality: float = 1.0, low_coverage: bool = False,
) -> tuple[Sheet, Sheet]:
    """Indikator and Capaian of one office. `quality` scales how close results come to their
    targets (1 = the usual, 0.6 = a weak office); `low_coverage`: in the last period only the
    indicators on or above target are reported (the weaker ones are left blank)."""
    prof = PROFILES[spec.profile]
    inds = _indicator_list(spec, rng, k)
    counters = {"IKU": 0, "Layanan": 0, "Lainnya": 0}
    prefix = {"IKU": "IKU", "Layanan": "SP", "Lainnya": "IK"}
    ind_sheet = Sheet(C.INDIKATOR.name, C.INDIKATOR.headers)
    cap_sheet = Sheet(C.CAPAIAN.name, C.CAPAIAN.headers)
    years = [int(p[:4]) for p in periods]
    y0 = min(years) if years else 2025
    n_p = len(periods)
    for s in inds:
        counters[s.jenis] += 1
        kode = f"{prefix[s.jenis]}-{counters[s.jenis]:02d}"
        bobot: object = {"IKU": 2, "Layanan": 1, "Lainnya": 1}[s.jenis]
        if s.jenis == "Lainnya" and rng.random() < 0.5:
            bobot = None  # blank = default 1
        ind_sheet.rows.append(
            [
                kode,
                s.nama,
                s.jenis,
                s.satuan,
                s.arah,
                bobot,
                prof.sasaran if s.jenis == "IKU" else None,
            ]
        )
        # Targets: office-specific level, improving each year.
        pct = s.satuan == "%"
        level = s.target * rng.uniform(0.9, 1.08)
        step = np.array([(y - y0) for y in years], dtype=float)
        target = level * (1.03**step if s.arah == "naik" else 0.94**step)
        if pct:
            target = np.minimum(target, 100.0)
        skill = rng.normal(0.97 if s.arah == "naik" else 1.02, 0.05)
        skill = skill * quality if s.arah == "naik" else skill / quality
        noise = rng.normal(skill, 0.07, n_p)
        real = target * np.clip(noise, 0.4, 1.6)
        if pct:
            real = np.minimum(real, 100.0)
        t_vals = _round(target, s.decimals)
        r_vals: list[object] = _round(np.maximum(real, 0), s.decimals)
        if n_p and rng.random() < 0.35:
            r_vals[-1] = None  # not yet reported
        on_target = bool(n_p) and (noise[-1] >= 1.0 if s.arah == "naik" else noise[-1] <= 1.0)
        if low_coverage and n_p and not on_target:
            r_vals[-1] = None  # the weaker results of the last period are not reported
        expl = rng.random(n_p) < 0.12
        comma = rng.random(n_p) < (0.04 if quirks else 0)
        for j, per in enumerate(periods):
            rv = r_vals[j]
            if comma[j] and isinstance(rv, float) and not float(rv).is_integer():
                rv = _fmt_comma(rv, s.decimals)  # Google Sheets export: text with decimal comma
            pj = (
                _PENJELASAN[int(rng.integers(len(_PENJELASAN)))]
                if expl[j] and rv is not None
                else None
            )
            cap_sheet.rows.append([kode, per, t_vals[j], rv, pj])
    return ind_sheet, cap_sheet


_HEAD_TITLES = {
    "INSPEKTORAT": "Inspektur Daerah",
    "SETDA": "Sekretaris Daerah",
    "SETWAN": "Sekretaris DPRD",
    "RSUD": "Direktur Rumah Sakit Umum Daerah",
}


def _build_pegawai(
    spec: OfficeSpec, rng: np.random.Generator, nips: np.ndarray, sex: np.ndarray, predikat_org: str
) -> Sheet:
    prof = PROFILES[spec.profile]
    n = len(nips)
    sheet = Sheet(C.PEGAWAI.name, C.PEGAWAI.headers)
    if n == 0:
        return sheet
    units = prof.units
    w = np.array([1.4] + [1.0] * (len(units) - 1))
    unit_idx = rng.choice(len(units), size=n, p=w / w.sum())
    # Leaders first: head, secretary, one head per bidang/seksi.
    lead = min(n, len(units) + 1)
    unit_idx[:lead] = [0] + list(range(len(units)))[: lead - 1]
    unit_idx = np.concatenate([unit_idx[:lead], np.sort(unit_idx[lead:], kind="stable")])
    staff = prof.jabatan + _STAFF_GENERIC
    jab_idx = rng.integers(0, len(staff), n)
    first_m = rng.integers(0, len(_MALE), n)
    first_f = rng.integers(0, len(_FEMALE), n)
    last = rng.integers(0, len(_LAST), n)
    gelar = rng.integers(0, len(_GELAR), n)
    hasil, perilaku = _ratings(rng, n, predikat_org)
    for i in range(n):
        u = units[unit_idx[i]]
        if i == 0:
            jab = _HEAD_TITLES.get(spec.kode) or (
                prof.kepala if spec.profile == "kecamatan" else f"Kepala {spec.nama}"
            )
        elif i < lead:
            if unit_idx[i] == 0:
                jab = (
                    "Sekretaris Camat"
                    if spec.profile == "kecamatan"
                    else ("Kepala Subbagian Tata Usaha" if u == "Tata Usaha" else "Sekretaris")
                )
            else:
                jab = ("Kepala " + u) if not u.startswith("Unit") else ("Koordinator " + u)
        else:
            jab = staff[jab_idx[i]]
        first = _MALE[first_m[i]] if sex[i] == 1 else _FEMALE[first_f[i]]
        nm = f"{first} {_LAST[last[i]]}".strip() + _GELAR[gelar[i]]
        sheet.rows.append([str(nips[i]), nm, jab, u, ANNUAL_PERIOD, hasil[i], perilaku[i]])
    return sheet


def _build_skm(
    spec: OfficeSpec, rng: np.random.Generator, n: int, periods: list[str], n_units: int
) -> Sheet:
    prof = PROFILES[spec.profile]
    sheet = Sheet(C.SKM.name, list(SKM_LAYOUT))
    if n == 0 or not periods:
        return sheet
    units = list(prof.layanan[:n_units])
    unit_idx = rng.integers(0, len(units), n)
    per_idx = np.sort(rng.integers(0, len(periods), n))
    starts = np.array([_period_bounds(p)[0] for p in periods])
    ends = np.array([_period_bounds(p)[1] for p in periods])
    span = (ends - starts).astype(np.int64)[per_idx] + 1
    day = starts[per_idx] + (rng.random(n) * span).astype(np.int64).astype("timedelta64[D]")
    secs = rng.integers(8 * 3600, 15 * 3600, n)
    order = np.lexsort((secs, day))
    quality = rng.uniform(0.35, 0.7, len(units))  # share of "4" answers per unit
    q = quality[unit_idx][:, None]
    draws = rng.random((n, 9))
    # 1: 2 %, 2: 8 %, then 3 or 4 by unit quality; u4 (biaya) is mostly 4 (free services).
    ans = np.where(
        draws < 0.02, 1, np.where(draws < 0.10, 2, np.where(draws < 0.10 + (1 - q) * 0.9, 3, 4))
    )
    ans[:, 3] = np.where(draws[:, 3] < 0.8, 4, ans[:, 3])
    skipped = rng.random((n, 9)) < 0.012
    usia = rng.integers(17, 71, n)
    pend = rng.integers(0, len(_PENDIDIKAN), n)
    saran_pick = rng.integers(0, len(_SARAN), n)
    has_saran = rng.random(n) < 0.3
    base = dt.datetime(1970, 1, 1)
    day_i = day.astype(np.int64)
    for i in order:
        ts = base + dt.timedelta(days=int(day_i[i]), seconds=int(secs[i]))
        answers = [None if skipped[i, j] else int(ans[i, j]) for j in range(9)]
        sheet.rows.append(
            [
                ts,
                units[unit_idx[i]],
                periods[per_idx[i]],
                int(usia[i]),
                _PENDIDIKAN[pend[i]],
                *answers,
                None,  # jumlah_pengguna (`_add_users`)
                _SARAN[saran_pick[i]] if has_saran[i] else None,
            ]
        )
    return sheet


def _build_pengaduan(
    spec: OfficeSpec, rng: np.random.Generator, n: int, periods: list[str], quirks: bool
) -> Sheet:
    sheet = Sheet(C.PENGADUAN.name, C.PENGADUAN.headers)
    if n == 0 or not periods:
        return sheet
    first = min(_period_bounds(p)[0] for p in periods)
    horizon = max(_period_bounds(p)[1] for p in periods)
    first_b = np.busday_offset(first, 0, roll="forward")
    nbd = int(np.busday_count(first_b, horizon))
    masuk = np.sort(np.busday_offset(first_b, rng.integers(0, max(nbd, 1), n)))
    kat = rng.choice(4, size=n, p=_KATEGORI_ODDS)
    resp_days = rng.choice(
        [0, 1, 2, 3, 4, 6, 9], size=n, p=[0.2, 0.3, 0.22, 0.13, 0.07, 0.05, 0.03]
    )
    tanggapan = np.busday_offset(masuk, resp_days)
    deadline = np.array(_DEADLINE_DAYS)[kat]
    late = rng.random(n) < 0.15
    frac = np.where(late, rng.uniform(1.05, 2.0, n), rng.uniform(0.1, 1.0, n))
    solve_days = np.maximum(np.ceil(deadline * frac).astype(np.int64), resp_days)
    selesai = np.busday_offset(masuk, solve_days)
    open_ = (rng.random(n) < 0.04) | (selesai > horizon)
    no_resp = tanggapan > horizon
    text_date = rng.random((n, 3)) < (0.02 if quirks else 0)
    m_l, t_l, s_l = (x.astype("datetime64[D]").tolist() for x in (masuk, tanggapan, selesai))

    def cell(d: dt.date, as_text: bool) -> object:
        return d.strftime("%d/%m/%Y") if as_text else d

    for i in range(n):
        nomor = f"ADU-{m_l[i].year}-{i + 1:05d}"
        t = None if no_resp[i] else cell(t_l[i], text_date[i, 1])
        s = None if open_[i] else cell(s_l[i], text_date[i, 2])
        sheet.rows.append(
            [nomor, C.KATEGORI_PENGADUAN[kat[i]], cell(m_l[i], text_date[i, 0]), t, s]
        )
    return sheet


def _add_users(skm: Sheet, rng: np.random.Generator) -> None:
    """Fill the SKM tab's optional `jumlah_pengguna` column on the first row of each unit and
    period: each unit's number of service users. Some offices leave it empty (it is optional);
    where filled in, most units' samples fall short of the Krejcie & Morgan minimum and some
    meet it."""
    if not skm.rows or rng.random() < 0.3:
        return
    at_unit, at_period = SKM_LAYOUT.index("unit_layanan"), SKM_LAYOUT.index("periode")
    at_users = SKM_LAYOUT.index("jumlah_pengguna")
    counts = Counter((str(r[at_unit]), str(r[at_period])) for r in skm.rows)
    keys = sorted(counts)
    meets = rng.random(len(keys)) < 0.35
    factor = np.where(meets, rng.uniform(1.0, 1.2, len(keys)), rng.uniform(3.0, 40.0, len(keys)))
    users = {key: (counts[key] if enough and counts[key] <= 10 else int(counts[key] * f))
             for key, enough, f in zip(keys, meets.tolist(), factor.tolist(), strict=True)}
    for row in skm.rows:
        key = (str(row[at_unit]), str(row[at_period]))
        if key in users:
            row[at_users] = users.pop(key)


SPREAD_QUALITY = (1.0, 1.0, 0.93, 0.86, 0.78, 0.66)
"""Office quality factors the demo draws from: most offices near target, some well below."""


def office_spread(seed: int, idx: int) -> tuple[float, bool]:
    """The quality factor and low-coverage flag of the demo's office `idx` (its own random
    stream, so the rest of the office's data does not change with it)."""
    rng = np.random.default_rng([seed, 4, idx])
    return float(rng.choice(SPREAD_QUALITY)), bool(rng.random() < 0.15)


def _choose_predikat(rng: np.random.Generator) -> str:
    return str(rng.choice(["Baik", "Istimewa", "Butuh Perbaikan"], p=[0.82, 0.12, 0.06]))


def generate_books(
    specs: list[OfficeSpec],
    *,
    employees: list[int],
    indicators: list[int],
    survey: list[int],
    complaints: list[int],
    periods: list[str],
    seed: int = 1,
    quirks: bool = True,
    predikat: dict[str, str] | None = None,
    quality: dict[str, float] | None = None,
    low_coverage: set[str] | None = None,
) -> Iterator[OfficeBook]:
    """One `OfficeBook` per spec, lazily (write it, then drop it). Sizes are per office.
    `quality` (office code -> factor, 1 = the usual) and `low_coverage` (codes whose weaker
    results of the last period stay blank) spread the offices from Sangat Baik to Kurang; by
    default each office draws them (`office_spread`)."""
    for p in periods:
        _period_bounds(p)
    rng = np.random.default_rng([seed, 0])
    nips, sex = generate_nips(rng, int(sum(employees)))
    perm = rng.permutation(len(nips))  # offices do not get NIPs in TMT/birth order
    nips, sex = nips[perm], sex[perm]
    offset = 0
    for idx, spec in enumerate(specs):
        orng = np.random.default_rng([seed, 1, idx])
        pred = (predikat or {}).get(spec.kode) or _choose_predikat(orng)
        q, low = office_spread(seed, idx)
        q = (quality or {}).get(spec.kode, q)
        low = spec.kode in low_coverage if low_coverage is not None else low
        ind, cap = _build_indikator_capaian(spec, orng, indicators[idx], periods, quirks, q, low)
        n_emp = int(employees[idx])
        office_nips = np.sort(nips[offset : offset + n_emp])
        office_sex = np.array([int(x[14]) for x in office_nips]) if n_emp else sex[:0]
        peg = _build_pegawai(spec, orng, office_nips, office_sex, pred)
        offset += n_emp
        org = Sheet(C.ORGANISASI.name, C.ORGANISASI.headers, [[ANNUAL_PERIOD, pred]])
        n_units = 1 + int(orng.integers(0, min(3, len(PROFILES[spec.profile].layanan))))
        skm = _build_skm(spec, orng, int(survey[idx]), periods, n_units)
        adu = _build_pengaduan(spec, orng, int(complaints[idx]), periods, quirks)
        _add_users(skm, np.random.default_rng([seed, 2, idx]))
        sheets = {s.name: s for s in (ind, cap, peg, org, skm, adu)}
        yield OfficeBook(spec, sheets, pred)


def registry_sheet(
    specs: list[OfficeSpec], frekuensi: str = C.FREKUENSI_DEFAULT, domain: str = "contohkab.go.id"
) -> Sheet:
    sheet = Sheet(C.REGISTRY.name, C.REGISTRY.headers)
    for spec in specs:
        situs = None if spec.profile in ("puskesmas",) else f"https://{spec.kode.lower()}.{domain}"
        survei = f"{situs}/survei" if situs else None
        kontak = f"{situs}/kontak" if situs else None
        sheet.rows.append(
            [spec.kode, spec.nama, spec.sektor, f"{spec.kode}.xlsx", frekuensi, situs, survei,
             kontak]
        )
    return sheet


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write_workbook(path: Path, sheets: Iterable[Sheet]) -> None:
    """Write sheets into an .xlsx (`workbooks.xlsx.write_sheets`: inline strings, dates as
    dd/mm/yyyy, date-times with the time). No clock in the file: the same sheets give the same
    bytes."""
    write_sheets(Path(path), list(sheets))


def write_portal_yml(out_dir: Path, title: str, instansi: str | None = None) -> Path:
    lines = [f"title: {title}"]
    if instansi:
        lines.append(f"instansi: {instansi}")
    lines += ["source:", "  kind: workbook", "  path: ."]
    path = out_dir / "portal.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_portal(
    out_dir: Path,
    books: Iterable[OfficeBook],
    registry: Sheet,
    *,
    title: str,
    instansi: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Write portal.yml, kantor.xlsx and each office workbook into `out_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_portal_yml(out_dir, title, instansi)
    write_workbook(out_dir / "kantor.xlsx", [registry])
    for book in books:
        write_workbook(out_dir / book.file_name, book.sheets.values())
        if progress:
            progress(book.spec.kode)
    return out_dir


def _split(rng: np.random.Generator, total: int, weights: np.ndarray) -> list[int]:
    """Split `total` over offices in proportion to weights (exact sum, at least one each when
    the total allows)."""
    n = len(weights)
    if n == 0:
        return []
    w = weights / weights.sum()
    if total >= n:
        rest = rng.multinomial(total - n, w)
        return [int(x) + 1 for x in rest]
    return [int(x) for x in rng.multinomial(total, w)]


def _frekuensi(periods: list[str]) -> str:
    """The frekuensi of the shortest kind of period among `periods`."""
    kinds = {parse_period(p).kind for p in periods}  # type: ignore[union-attr]
    return next((frek for frek, kind in C.FREKUENSI_KIND.items() if kind in kinds), "tahunan")


@dataclass
class PlantedMistake:
    """A deliberate mistake: where it is and the finding the validator should report."""

    office: str
    tab: str
    row: int
    column: str
    header: str
    value: object
    code: str


def plant_mistakes(book: OfficeBook, rng: np.random.Generator) -> list[PlantedMistake]:
    """Sprinkle a few realistic cell-level mistakes into one office (never structural)."""
    out: list[PlantedMistake] = []

    def put(tab: str, row: int, header: str, value: object, code: str) -> None:
        sheet = book[tab]
        sheet.set(row, header, value)
        out.append(
            PlantedMistake(book.spec.kode, tab, row, sheet.letter(header), header, value, code)
        )

    cap, peg, skm, adu = book["Capaian"], book["Pegawai"], book["SKM"], book["Pengaduan"]
    menu = []
    if cap.rows:
        menu.append(
            lambda: put(
                "Capaian",
                2 + int(rng.integers(len(cap.rows))),
                "realisasi",
                "abc",
                "angka_tidak_valid",
            )
        )
        menu.append(
            lambda: put(
                "Capaian",
                2 + int(rng.integers(len(cap.rows))),
                "periode",
                f"{str(cap.rows[0][1])[:4]}-TW5",
                "periode_tidak_valid",
            )
        )
    if peg.rows:
        menu.append(
            lambda: put(
                "Pegawai",
                2 + int(rng.integers(len(peg.rows))),
                "hasil_kerja",
                "Sesuai Ekspetasi",
                "pilihan_tidak_valid",
            )
        )
    if len(peg.rows) >= 2:

        def dup() -> None:
            a, b = sorted(rng.choice(len(peg.rows), size=2, replace=False))
            put("Pegawai", 2 + int(b), "nip", peg.rows[a][0], "duplikat")

        menu.append(dup)
    if skm.rows:
        menu.append(
            lambda: put("SKM", 2 + int(rng.integers(len(skm.rows))), "u5", 5, "di_luar_rentang")
        )
    if adu.rows:

        def order() -> None:
            r = 2 + int(rng.integers(len(adu.rows)))
            masuk = adu.get(r, "tanggal_masuk")
            if isinstance(masuk, str):
                masuk = dt.datetime.strptime(masuk, "%d/%m/%Y").date()
            assert isinstance(masuk, dt.date)
            put("Pengaduan", r, "tanggal_selesai", masuk - dt.timedelta(days=3), "urutan_tanggal")

        menu.append(order)
    if not menu:
        return out
    for j in rng.choice(len(menu), size=min(3, len(menu)), replace=False):
        menu[int(j)]()
    return out


def write_demo_portal(
    out_dir: Path,
    *,
    offices: int,
    employees: int,
    seed: int = 1,
    periods: list[str] | None = None,
    indicators_per_office: int | None = None,
    survey_answers: int | None = None,
    complaints: int | None = None,
    mistakes: bool = False,
    title: str = "Portal Kinerja Kabupaten Contoh (data sintetis)",
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Write a complete synthetic workbook portal into `out_dir` and return it.

    `employees`, `survey_answers` and `complaints` are totals split over the offices (exactly);
    `indicators_per_office` is per office (default 30), `periods` the Capaian/SKM periods
    (default 2025-TW1 … 2026-TW3; monthly `2025-01` … works too). Pegawai and Organisasi use
    the annual period `2025`. `mistakes=True` plants a few cell-level mistakes (see
    `plant_mistakes`) in about one office in ten."""
    if offices < 1:
        raise ValueError("offices must be at least 1")
    if employees < 0:
        raise ValueError("employees must not be negative")
    periods = list(periods or DEFAULT_PERIODS)
    specs = office_catalogue(offices)
    rng = np.random.default_rng([seed, 2])
    staff_w = np.array([PROFILES[s.profile].weight for s in specs]) * rng.lognormal(
        0, 0.25, offices
    )
    emp = _split(rng, employees, staff_w)
    k = DEFAULT_INDICATORS_PER_OFFICE if indicators_per_office is None else indicators_per_office
    n_survey = DEFAULT_SURVEY_PER_OFFICE * offices if survey_answers is None else survey_answers
    n_compl = DEFAULT_COMPLAINTS_PER_OFFICE * offices if complaints is None else complaints
    survey = _split(rng, n_survey, rng.uniform(0.6, 1.4, offices))
    compl = _split(
        rng,
        n_compl,
        np.array([PROFILES[s.profile].weight for s in specs]) ** 0.5
        * rng.uniform(0.6, 1.4, offices),
    )
    books: Iterable[OfficeBook] = generate_books(
        specs,
        employees=emp,
        indicators=[k] * offices,
        survey=survey,
        complaints=compl,
        periods=periods,
        seed=seed,
    )
    if mistakes:
        mrng = np.random.default_rng([seed, 3])
        targets = set(
            int(x)
            for x in mrng.choice(
                offices, size=max(1, min(offices, offices // 10 or 1)), replace=False
            )
        )

        def with_mistakes(src: Iterable[OfficeBook]) -> Iterator[OfficeBook]:
            for i, book in enumerate(src):
                if i in targets:
                    plant_mistakes(book, mrng)
                yield book

        books = with_mistakes(books)
    reg = registry_sheet(specs, _frekuensi(periods))
    return write_portal(
        Path(out_dir),
        books,
        reg,
        title=title,
        instansi="Pemerintah Kabupaten Contoh",
        progress=progress,
    )
