"""The spreadsheet contract (PRODUCT.md §5): every tab and column declared once, read by the
validator, the blank template and the documentation alike."""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

RATINGS = ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")
PREDIKAT_ORGANISASI = ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
KATEGORI_PENGADUAN = ("informasi", "aspirasi", "pengaduan", "pengaduan_berpengawasan")
FREKUENSI_KIND = {"bulanan": "bulan", "triwulanan": "triwulan", "semesteran": "semester",
                  "tahunan": "tahun"}
"""Registry `frekuensi` -> the kind of period an office reports in (complaints are counted by
periods of that kind); cadences and grace days per frekuensi are a rule (rules/jadwal.yml)."""
FREKUENSI = tuple(FREKUENSI_KIND)
FREKUENSI_DEFAULT = "triwulanan"
"""The frekuensi of an office whose registry cell (or column) is blank."""
JENIS_INDIKATOR = ("IKU", "Layanan", "Lainnya")
ARAH = ("naik", "turun")
EXAMPLE_MARKER = "CONTOH"
"""A row whose first contract column (its key: `kode`, `nip`, `unit_layanan`, `nomor`, …) holds
this word, in any case, is an example row: the template writes one per tab, and validation
skips such rows entirely."""


@dataclass(frozen=True)
class Unsur:
    """One of the 9 SKM unsur of PermenPANRB 14/2017: its column and its name in both languages."""

    column: str
    nama: str
    nama_en: str


SKM_UNSUR: tuple[Unsur, ...] = (
    Unsur("u1", "Persyaratan", "Requirements"),
    Unsur("u2", "Sistem, Mekanisme, dan Prosedur", "Systems, mechanisms and procedures"),
    Unsur("u3", "Waktu Penyelesaian", "Completion time"),
    Unsur("u4", "Biaya/Tarif", "Cost/tariff"),
    Unsur("u5", "Produk Spesifikasi Jenis Pelayanan", "Service product specification"),
    Unsur("u6", "Kompetensi Pelaksana", "Staff competence"),
    Unsur("u7", "Perilaku Pelaksana", "Staff behaviour"),
    Unsur("u8", "Penanganan Pengaduan, Saran dan Masukan",
          "Handling of complaints, suggestions and input"),
    Unsur("u9", "Sarana dan Prasarana", "Facilities and infrastructure"),
)
"""The 9 SKM unsur in PermenPANRB 14/2017 order (columns u1 … u9 of the SKM tab)."""
UNSUR = tuple(u.column for u in SKM_UNSUR)


@dataclass(frozen=True)
class Column:
    """One column of a tab. `kind`: text, code, number, integer, date, period, enum, url, nip."""

    name: str
    kind: str
    required: bool = True
    help: str = ""  # Indonesian, shown in the template's instructions
    choices: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)  # accepted input -> canonical choice
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    default: object = None
    private: bool = False  # never leaves validation, never shown in a finding's value
    pattern: str | None = None  # regex for kind "code"
    optional_header: bool = False  # the header itself may be absent (else: kolom_hilang)
    example: object = None  # the template's example row (the key column holds EXAMPLE_MARKER)


@dataclass(frozen=True)
class Tab:
    name: str  # the tab title in the sheet
    key: str  # frame name
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()  # columns that together must be unique
    required_tab: bool = True
    help: str = ""
    drop: tuple[str, ...] = ()  # validated, then dropped before the frame leaves validation
    private: bool = False  # no cell of this tab (header row included) is echoed by a finding

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]


def _enum(name: str, choices: tuple[str, ...], help: str, required: bool = True,
          aliases: dict[str, str] | None = None, default: object = None,
          example: object = None) -> Column:
    return Column(name, "enum", required=required, help=help, choices=choices,
                  aliases=aliases or {}, default=default, example=example)


_RATING_ALIASES = {"diatas ekspektasi": "Di Atas Ekspektasi",
                   "dibawah ekspektasi": "Di Bawah Ekspektasi"}

REGISTRY = Tab(
    "Kantor", "kantor",
    (
        Column("kode", "code",  # not only dashes (`--` -> page kantor/), no Windows device name
               pattern=r"(?!-+$)(?!(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$)[A-Z0-9-]{2,20}",
               help="Kode kantor, 2–20 huruf besar, angka atau tanda hubung, mis. DINKES.",
               example="DINKES"),
        Column("nama", "text", help="Nama lengkap kantor.", example="Dinas Kesehatan"),
        Column("sektor", "text", required=False, optional_header=True,
               help="Sektor, mis. Kesehatan, Pendidikan.", example="Kesehatan"),
        Column("sumber", "text", help="Kunci/URL Google Sheet kantor, atau nama berkas .xlsx.",
               example="https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit"),
        Column("frekuensi", "enum", required=False, default=FREKUENSI_DEFAULT, optional_header=True,
               choices=FREKUENSI,
               help=f"Seberapa sering data diperbarui (kosong = {FREKUENSI_DEFAULT}).",
               example="triwulanan"),
        Column("situs", "url", required=False, optional_header=True,
               help="Situs kantor, harus diawali https://.",
               example="https://dinkes.contohkab.go.id"),
        Column("survei", "url", required=False, optional_header=True,
               help="Formulir survei kepuasan (SKM) kantor ini untuk masyarakat, harus diawali "
               "https://.", example="https://forms.gle/contohSKMdinkes"),
        Column("kontak", "url", required=False, optional_header=True,
               help="Halaman kontak atau pengaduan kantor, harus diawali https://.",
               example="https://dinkes.contohkab.go.id/kontak"),
    ),
    unique=("kode",),
    help="Daftar kantor (OPD) yang datanya diterbitkan.",
)

INDIKATOR = Tab(
    "Indikator", "indikator",
    (
        Column("kode", "text", help="Kode indikator, unik di kantor ini, mis. IKU-01.",
               example="IKU-01"),
        Column("nama_indikator", "text",
               help="Nama indikator seperti di Renstra/Perjanjian Kinerja.",
               example="Persentase ibu hamil yang mendapat layanan kesehatan"),
        _enum("jenis", JENIS_INDIKATOR, "IKU, Layanan (standar pelayanan) atau Lainnya.",
              aliases={"iku": "IKU", "layanan": "Layanan", "lainnya": "Lainnya"}, example="IKU"),
        Column("satuan", "text", help="Satuan ukur, mis. %, hari, dokumen.", example="%"),
        _enum("arah", ARAH, "naik = makin tinggi makin baik; turun = makin rendah makin baik "
              "(mis. lama tunggu).", example="naik"),
        Column("bobot", "number", required=False, default=1.0, optional_header=True, minimum=0,
               exclusive_minimum=True,
               help="Bobot indikator dalam indeks kantor, lebih dari 0 (kosong = 1).", example=1),
        Column("sasaran", "text", required=False, optional_header=True,
               help="Sasaran strategis (opsional).",
               example="Meningkatnya derajat kesehatan masyarakat"),
    ),
    unique=("kode",),
    help="Satu baris per indikator kinerja kantor.",
)

CAPAIAN = Tab(
    "Capaian", "capaian",
    (
        Column("kode", "text", help="Kode indikator dari tab Indikator.", example="IKU-01"),
        Column("periode", "period", help="2025, 2025-S1, 2025-TW1 … TW4, atau 2025-01 … 2025-12.",
               example="2025-TW1"),
        Column("target", "number", minimum=0,
               help="Target periode ini (angka, koma desimal boleh).", example=95),
        Column("realisasi", "number", required=False, minimum=0,
               help="Realisasi; kosongkan bila belum dilaporkan.", example=93.5),
        Column("penjelasan", "text", required=False, optional_header=True,
               help="Penjelasan singkat untuk publik (teks biasa, akan diterbitkan).",
               example="Dua posyandu tutup sementara karena renovasi."),
    ),
    unique=("kode", "periode"),
    help="Satu baris per indikator per periode.",
)

PEGAWAI = Tab(
    "Pegawai", "pegawai",
    (
        Column("nip", "nip", private=True, help="NIP 18 digit (tidak pernah diterbitkan).",
               example="198503122010011002"),
        Column("nama", "text", private=True, help="Nama pegawai (tidak pernah diterbitkan).",
               example="Nama Pegawai"),
        Column("jabatan", "text", required=False, optional_header=True, help="Jabatan.",
               example="Analis Kebijakan"),
        Column("unit_kerja", "text", help="Unit kerja (bidang/bagian/seksi).",
               example="Bidang Pelayanan Kesehatan"),
        Column("periode", "period", help="Periode penilaian SKP, mis. 2025 atau 2025-TW4.",
               example="2025"),
        _enum("hasil_kerja", RATINGS, "Rating hasil kerja.", aliases=_RATING_ALIASES,
              example="Sesuai Ekspektasi"),
        _enum("perilaku_kerja", RATINGS, "Rating perilaku kerja.", aliases=_RATING_ALIASES,
              example="Di Atas Ekspektasi"),
    ),
    unique=("nip", "periode"),
    drop=("nip", "nama"),
    private=True,
    help="RAHASIA: satu baris per pegawai per periode. Hanya distribusi yang diterbitkan.",
)

ORGANISASI = Tab(
    "Organisasi", "organisasi",
    (
        Column("periode", "period", help="Periode.", example="2025"),
        _enum("predikat_organisasi", PREDIKAT_ORGANISASI,
              "Predikat kinerja organisasi yang ditetapkan pimpinan di atasnya.",
              aliases={"butuh perbaikan/cukup": "Butuh Perbaikan", "cukup": "Butuh Perbaikan"},
              example="Baik"),
    ),
    unique=("periode",),
    required_tab=False,
    help="Opsional: predikat kinerja organisasi per periode (SE MenPANRB 3/2023).",
)

SKM = Tab(
    "SKM", "skm",
    (
        Column("unit_layanan", "text", help="Unit layanan yang dinilai.",
               example="Puskesmas Kota"),
        Column("periode", "period", help="Periode survei.", example="2025-TW1"),
        *(
            Column(u.column, "integer", required=False, minimum=1, maximum=4,
                   help=f"Unsur {i}: {u.nama} (1–4; kosong = tidak dijawab).",
                   example=(4, 3, 3, 4, 3, 3, 4, 3, 4)[i - 1])
            for i, u in enumerate(SKM_UNSUR, start=1)
        ),
        Column("jumlah_pengguna", "integer", required=False, optional_header=True, minimum=0,
               maximum=10_000_000,
               help="Opsional: jumlah pengguna layanan unit ini pada periode itu (populasi "
               "survei, dari buku register atau sistem antrean); cukup diisi pada satu baris "
               "per unit dan periode (bila berbeda, yang terbesar dipakai). Dipakai untuk menilai "
               "apakah jumlah responden mencapai sampel minimum (lihat Metodologi).",
               example=1250),
    ),
    help="Satu baris per responden (format Google Form). Kolom lain diabaikan.",
)

PENGADUAN = Tab(
    "Pengaduan", "pengaduan",
    (
        Column("nomor", "text", help="Nomor/ID pengaduan (mis. dari SP4N-LAPOR!).",
               example="LAPOR-2025-0001"),
        _enum("kategori", KATEGORI_PENGADUAN, "Kategori laporan.",
              aliases={"pengaduan berpengawasan": "pengaduan_berpengawasan"}, example="pengaduan"),
        Column("tanggal_masuk", "date", help="Tanggal laporan diterima.",
               example=date(2025, 2, 3)),
        Column("tanggal_tanggapan", "date", required=False, help="Tanggal tanggapan pertama.",
               example=date(2025, 2, 4)),
        Column("tanggal_selesai", "date", required=False,
               help="Tanggal selesai; kosong = masih proses.", example=date(2025, 2, 10)),
    ),
    unique=("nomor",),
    help="Satu baris per pengaduan. Isi laporan dan identitas pelapor tidak dibaca.",
)

SUMBER_UMPAN_BALIK = ("atasan", "rekan kerja", "masyarakat")
"""Who gave a feedback score (the UmpanBalik tab's `sumber`), in the order they are reported."""

UMPAN_BALIK = Tab(
    "UmpanBalik", "umpan_balik",
    (
        Column("nip", "nip", private=True,
               help="NIP 18 digit pegawai yang diberi masukan (sama dengan tab Pegawai).",
               example="198503122010011002"),
        Column("periode", "period", help="Periode penilaian SKP yang sama dengan tab Pegawai, "
               "mis. 2025.", example="2025"),
        _enum("sumber", SUMBER_UMPAN_BALIK, "Sumber masukan: atasan, rekan kerja, atau "
              "masyarakat.", aliases={"rekan": "rekan kerja", "rekan_kerja": "rekan kerja",
                                      "rekan sejawat": "rekan kerja", "pimpinan": "atasan",
                                      "publik": "masyarakat"}, example="atasan"),
        Column("skor", "integer", minimum=1, maximum=4,
               help="Skor 1–4: 1 kurang, 2 cukup, 3 baik, 4 sangat baik.", example=3),
    ),
    required_tab=False,
    private=True,
    help="RAHASIA, opsional: satu baris per masukan dari atasan, rekan kerja atau masyarakat "
    "untuk seorang pegawai. Hanya dibaca oleh `kinerja tindak-lanjut` (jumlah dan rata-rata "
    "per sumber untuk kepala kantor); tidak pernah diterbitkan. Kolom komentar boleh ada tetapi "
    "tidak pernah dibaca.",
)
"""Multi-source feedback (PermenPANRB 6/2022: umpan balik berkelanjutan; masukan dari rekan
kerja dan masyarakat). Not an `OFFICE_TABS` tab: the sync never reads it, so it never reaches
the snapshot store or the site; `kinerja tindak-lanjut` reads and validates it."""

OFFICE_TABS: tuple[Tab, ...] = (INDIKATOR, CAPAIAN, PEGAWAI, ORGANISASI, SKM, PENGADUAN)
"""The tabs the sync reads, validates and keeps (the public pipeline)."""
FOLLOW_UP_TABS: tuple[Tab, ...] = (PEGAWAI, ORGANISASI, UMPAN_BALIK)
"""The tabs `kinerja tindak-lanjut` reads of an office, each validated with its private
columns kept (`keeping_private`): only in memory and in the office's own follow-up."""
TEMPLATE_TABS: tuple[Tab, ...] = (*OFFICE_TABS, UMPAN_BALIK)
"""Every tab of an office workbook, in the order the blank template has them."""
TABS: dict[str, Tab] = {t.key: t for t in (REGISTRY, *TEMPLATE_TABS)}

_DTYPES = {
    "text": "object", "code": "object", "enum": "object", "url": "object", "nip": "object",
    "period": "object", "number": "float64", "integer": "Int64", "date": "datetime64[ns]",
}


def frame_columns(key: str) -> dict[str, str]:
    """Column -> dtype of the staging frame of a tab (private columns dropped, `baris` added)."""
    return tab_frame_columns(TABS[key])


def tab_frame_columns(tab: Tab) -> dict[str, str]:
    """Column -> dtype of the frame validation makes of `tab` (its `drop` columns left out,
    `baris` added)."""
    cols = {c.name: _DTYPES[c.kind] for c in tab.columns if c.name not in tab.drop}
    cols["baris"] = "int64"
    return cols


def keeping_private(tab: Tab) -> Tab:
    """`tab` with nothing dropped after validation: its frame keeps `nip` and `nama`. Only for
    `kinerja tindak-lanjut`, whose frames stay in memory and go to the office's own follow-up;
    findings still never echo a value of a private tab."""
    return dataclasses.replace(tab, drop=())


def empty_frame(key: str) -> pd.DataFrame:
    """A staging frame with no rows (a copy: callers may change it)."""
    return _empty_frame(key).copy()


@functools.cache
def _empty_frame(key: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in frame_columns(key).items()})
