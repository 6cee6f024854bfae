"""The `Petunjuk` (instructions) tab of the blank workbooks, in Bahasa Indonesia, generated from
`sheets_sync.contracts`: every tab and column with its help text and its rule (`column_rule`),
written the way the validator applies it (`sheets_sync.cell_rules`; tests/demo/test_template.py
feeds each stated rule to the validator, so the two cannot drift apart)."""
from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from sheets_sync import contracts as C
from sheets_sync.cell_rules import range_text
from sheets_sync.periods import periods_of_year

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
RULES_HEADER = ("Tab", "Kolom", "Isi", "Aturan")

KIND_NAMES = {
    "text": "teks",
    "code": "kode",
    "number": "angka",
    "integer": "bilangan bulat",
    "date": "tanggal",
    "period": "periode",
    "enum": "pilihan",
    "url": "alamat situs",
    "nip": "NIP",
}


def column_rule(col: C.Column) -> str:
    """What a cell of `col` may hold, in short Indonesian: its kind, then the choices, the
    range (as the validator's finding names it), the default of a blank and the pattern."""
    parts = [KIND_NAMES.get(col.kind, col.kind)]
    if col.choices:
        parts.append("pilihan: " + " / ".join(col.choices))
    if col.minimum is not None or col.maximum is not None:
        parts.append(range_text(col))
    if col.default is not None:
        default = f"{col.default:g}" if isinstance(col.default, float) else col.default
        parts.append(f"kosong = {default}")
    if col.pattern:
        parts.append(f"pola {col.pattern}")
    if col.private:
        parts.append("RAHASIA, tidak diterbitkan")
    return "; ".join(parts)


def column_content(col: C.Column) -> str:
    """The help text of `col`, marked when a blank cell is allowed."""
    return col.help + ("" if col.required else " (boleh kosong)")


def _general_rules(registry: bool, last_row: int) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [
        ("Aturan umum",),
        ("•", "", "Jangan mengubah, menghapus, atau memindahkan judul kolom di baris 1, dan "
         "jangan mengganti nama tab. Tab atau judul kolom yang berubah membuat seluruh data "
         "kantor tidak diperbarui (portal memakai data valid terakhir), walaupun semua "
         "kesalahan lain tetap dilaporkan."),
        ("•", "", f"Baris 2 setiap tab adalah baris CONTOH: sel pertamanya berisi "
         f"{C.EXAMPLE_MARKER}, dan portal tidak pernah membacanya. Biarkan, hapus, atau timpa "
         "dengan data Anda (baris lain yang sel pertamanya CONTOH juga dilewati)."),
        ("•", "", "Kolom tambahan boleh ada: diabaikan dan tidak pernah diterbitkan. Baris "
         "kosong dilewati."),
        ("•", "", "Angka boleh memakai koma desimal (87,5). Hindari titik ribuan: 12.500 bisa "
         "berarti 12500 atau 12,5 dan akan diberi peringatan."),
        ("•", "", "Tanggal: format tanggal lembar kerja, atau teks hari/bulan/tahun "
         "(03/02/2025 = 3 Februari 2025)."),
        ("•", "", "Kolom pilihan punya daftar turun (dropdown); penulisan lain ditolak."),
    ]
    if not registry:
        rows.append(("•", "", "Kolom periode punya daftar turun untuk tahun ini dan tahun depan; "
                     "periode lain yang ditulis sesuai format di bawah tetap diterima. Kolom "
                     "kode di tab Capaian memilih dari kode di tab Indikator."))
    rows += [
        ("•", "", f"Daftar turun dan pemeriksaan sel di lembar kerja ini berlaku sampai baris "
         f"{last_row:,}".replace(",", ".") + "; portal memeriksa semua baris."),
        (),
    ]
    return rows


def _office_sections(year: int) -> list[tuple[object, ...]]:
    this, next_ = periods_of_year(year), periods_of_year(year + 1)
    return [
        ("Format periode",),
        ("Tahun", "", f"{this[0]}, {next_[0]}"),
        ("Semester", "", f"{this[1]}, {this[2]}"),
        ("Triwulan", "", ", ".join(this[3:7])),
        ("Bulan", "", f"{this[7]} … {this[-1]}"),
        (),
        ("Kerahasiaan",),
        ("•", "", "Tab Pegawai RAHASIA: NIP, nama, dan rating perorangan TIDAK PERNAH "
         "diterbitkan, juga tidak dikutip dalam laporan temuan. Portal hanya menampilkan "
         "distribusi predikat per kantor/unit, dan tidak untuk kelompok kurang dari 10 pegawai. "
         "Jangan bagikan lembar kerja ini ke publik."),
        ("•", "", "Tab UmpanBalik (opsional) RAHASIA: skor 1–4 dari atasan, rekan kerja dan "
         "masyarakat. Hanya dibaca untuk buku kerja tindak lanjut kepala kantor (jumlah dan "
         "rata-rata per sumber), tidak pernah diterbitkan; kolom komentar tidak dibaca."),
        ("•", "", "Jawaban SKM diterbitkan hanya sebagai nilai rata-rata per unit layanan; usia, "
         "pendidikan, dan saran responden tidak dibaca. Isi laporan dan identitas pelapor "
         "pengaduan tidak dibaca."),
        ("•", "", "Teks penjelasan di tab Capaian AKAN diterbitkan: tulis teks biasa, tanpa data "
         "pribadi."),
        (),
    ]


_FIXING: list[tuple[object, ...]] = [
    ("Memperbaiki temuan",),
    ("•", "", "Setelah sinkronisasi, laporan validasi (perintah `kinerja check`, dan tab "
     "Validasi di spreadsheet ini bila pengelola portal menyalakannya) mencantumkan setiap temuan "
     "dengan tab, nomor baris, huruf kolom, nilai, aturan, dan cara memperbaikinya. Baris "
     "pertamanya menyatakan keadaan kantor: diperbarui, atau tertahan dan mengapa."),
    ("•", "", "KESALAHAN: baris itu tidak dipakai sampai diperbaiki (tab hilang atau judul "
     "kolom berubah: seluruh kantor tertahan). PERINGATAN: data tetap dipakai, tetapi periksa "
     "kembali."),
    ("•", "", "Perbaiki langsung di sel yang disebut, lalu tunggu sinkronisasi berikutnya."),
    (),
]


def rule_rows(tabs: tuple[C.Tab, ...]) -> list[tuple[object, ...]]:
    """The rules table: one row per tab (its help), then one per column (name, content, rule)."""
    rows: list[tuple[object, ...]] = []
    for tab in tabs:
        rows.append((tab.name, "", tab.help + ("" if tab.required_tab else " (tab opsional)")))
        rows += [("", col.name, column_content(col), column_rule(col)) for col in tab.columns]
        if tab.key == "skm":
            rows.append(("", "(lainnya)", "Kolom Google Form lain (Timestamp, usia, pendidikan, "
                         "saran) boleh ada dan diabaikan.", ""))
    return rows


def write_petunjuk(ws: Worksheet, tabs: tuple[C.Tab, ...], *, registry: bool, year: int,
                   last_row: int) -> None:
    """Fill the instructions tab `ws` for a workbook of `tabs`."""
    for letter, width in zip("ABCD", (24, 16, 70, 48), strict=True):
        ws.column_dimensions[letter].width = width
    title = ("Petunjuk pengisian daftar kantor" if registry
             else "Petunjuk pengisian data kinerja kantor")
    rows: list[tuple[object, ...]] = [
        (title,),
        ("Lembar kerja ini dibaca otomatis oleh Portal Kinerja. Isi setiap tab sesuai petunjuk "
         "di bawah; aturannya sama dengan yang diperiksa portal.",),
        (),
        *_general_rules(registry, last_row),
        *([] if registry else _office_sections(year)),
        *_FIXING,
        RULES_HEADER,
    ]
    header_row = len(rows)
    rows += rule_rows(tabs)
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=str(v) if v is not None else None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if len(values) == 1:
            ws.cell(row=r, column=1).font = Font(bold=True, size=14 if r == 1 else 12)
        elif values and values[0] and values[0] != "•" and r > header_row:
            ws.cell(row=r, column=1).font = Font(bold=True)
    for c in range(1, len(RULES_HEADER) + 1):
        ws.cell(row=header_row, column=c).font = Font(bold=True)
        ws.cell(row=header_row, column=c).fill = HEADER_FILL
