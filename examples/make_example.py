"""(Re)generate the bundled example `examples/kabupaten-contoh/` deterministically.

    .venv/bin/python examples/make_example.py [OUT_DIR]

Eight offices of "Kabupaten Contoh" generated with `workbooks.demo` (fixed seed, no clock),
then a short list of deliberate, realistic mistakes is planted so that `kinerja check` has
something to show. Every mistake is written to the example's README.md with its office, tab,
cell, header, value and the finding code the validator should report (tests/demo read the
cells back from that table).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # runnable without installing the package
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from sheets_sync import contracts as C  # noqa: E402
from workbooks.demo import (  # noqa: E402
    ANNUAL_PERIOD,
    DEFAULT_PERIODS,
    OfficeBook,
    OfficeSpec,
    Sheet,
    generate_books,
    generate_nips,
    office_catalogue,
    predikat_counts,
    registry_sheet,
    write_portal,
)

OUT = HERE / "kabupaten-contoh"
SEED = 20250101
TITLE = "Portal Kinerja Kabupaten Contoh"
INSTANSI = "Pemerintah Kabupaten Contoh"

_BY_CODE = {s.kode: s for s in office_catalogue(40)}
# (spec, employees, indicators, SKM respondents, complaints, predikat organisasi 2025)
OFFICES: list[tuple[OfficeSpec, int, int, int, int, str]] = [
    (_BY_CODE["DINKES"], 58, 10, 110, 45, "Baik"),
    (_BY_CODE["DISDIKBUD"], 46, 9, 80, 30, "Istimewa"),
    (_BY_CODE["DISDUKCAPIL"], 34, 8, 120, 60, "Baik"),
    (_BY_CODE["DPMPTSP"], 24, 7, 70, 35, "Baik"),
    (_BY_CODE["DINSOS"], 19, 6, 45, 15, "Baik"),
    (_BY_CODE["DPUPR"], 38, 8, 40, 20, "Baik"),
    (_BY_CODE["KEC-SUKAMAJU"], 8, 6, 35, 12, "Baik"),  # small: distribution suppressed
    (_BY_CODE["DLH"], 21, 7, 60, 25, "Baik"),
]
# A realistic spread (issue 15): results from well on target to well below (Sangat Baik to
# Kurang), and one office that left its weaker results of the last quarter blank (low coverage).
QUALITY = {"DINKES": 1.0, "DISDIKBUD": 1.03, "DISDUKCAPIL": 0.9, "DPMPTSP": 0.8, "DINSOS": 0.9,
           "DPUPR": 0.62, "KEC-SUKAMAJU": 0.95, "DLH": 0.86}
LOW_COVERAGE = ("DLH", "2026-TW2", 3)  # office, period, weakest results left blank
PREVIOUS_PERIOD = "2024"  # the SKP year before ANNUAL_PERIOD: Pegawai and Organisasi rows
PREVIOUS_PREDIKAT = {"DISDIKBUD": "Baik"}  # predikat organisasi 2024 where not as in 2025
HOSTILE_TEXT = "Target <b>tercapai</b> | lihat [tautan](javascript:alert(1))"
NIK_16 = "3204124506900003"  # a (fictitious) 16-digit NIK typed into the nip column


@dataclass
class Planted:
    office: str  # office code, "" for the registry
    file: str
    tab: str
    cell: str  # e.g. D7; "-" when the whole tab is missing
    header: str
    value: object
    code: str  # expected finding code ("-" = valid, no finding)
    note: str


_ATAS, _SESUAI, _BAWAH = C.RATINGS
# (hasil_kerja, perilaku_kerja) giving each predikat, best first (PermenPANRB 6/2022 matrix)
_PAIRS = (((_ATAS, _ATAS),), ((_SESUAI, _SESUAI), (_ATAS, _SESUAI), (_SESUAI, _ATAS)),
          ((_BAWAH, _SESUAI), (_BAWAH, _ATAS)), ((_SESUAI, _BAWAH), (_ATAS, _BAWAH)),
          ((_BAWAH, _BAWAH),))
_RANK = {pair: rank for rank, pairs in enumerate(_PAIRS) for pair in pairs}
_LEAVERS = {"1": ("Bambang Sutrisno", "Hendra Kusuma, S.T.", "Joko Susilo, S.Sos.",
                  "Yusuf Maulana, S.H."),  # by the NIP's sex digit
            "2": ("Sri Wahyuningsih, S.E.", "Lestari Handayani", "Ratna Sari, A.Md.",
                  "Nur Aini, S.K.M.")}


def leave_weakest_blank(book: OfficeBook, periode: str, n: int) -> None:
    """Blank the `n` weakest results (realisasi against target, by direction) of `periode`: the
    office reports only its better indicators, so its index rises on low coverage."""
    arah = {str(r[0]): str(r[4]) for r in book["Indikator"].rows}
    cap = book["Capaian"]
    at_kode, at_per, at_t, at_r = (cap.col(h) for h in ("kode", "periode", "target",
                                                        "realisasi"))

    def share(row: list[object]) -> float:
        target, real = float(row[at_t]), float(row[at_r])  # type: ignore[arg-type]
        return real / target if arah[str(row[at_kode])] == "naik" else target / max(real, 1e-9)

    rows = [r for r in cap.rows if r[at_per] == periode and r[at_r] is not None and r[at_t]]
    for row in sorted(rows, key=share)[:n]:
        row[at_r] = None
        row[cap.col("penjelasan")] = None


def add_previous_year(books: dict[str, OfficeBook], seed: int) -> None:
    """The SKP year before ANNUAL_PERIOD, appended below each office's Pegawai rows (the rows
    of the deliberate mistakes keep their numbers): everyone appointed (TMT) before that year,
    plus one employee who has left since (offices of 10 or more). Predikat follow the 2025 ones
    with some movement up and down, in counts that meet that year's kurva distribusi."""
    rng = np.random.default_rng([seed, 24])
    taken = {str(r[0]) for b in books.values() for r in b["Pegawai"].rows}
    spare = [n for n in generate_nips(rng, 64)[0].tolist()
             if n not in taken and int(n[8:12]) < int(PREVIOUS_PERIOD)]
    for i, (kode, book) in enumerate(books.items()):
        peg = book["Pegawai"]
        stay = [r for r in peg.rows if int(str(r[0])[8:12]) < int(PREVIOUS_PERIOD)]
        rank = [float(_RANK[(r[5], r[6])]) for r in stay]
        if len(peg.rows) >= 10:
            first = peg.rows[len(peg.rows) // 2]
            nip = spare.pop()
            stay.append([nip, _LEAVERS[nip[14]][i % 4], first[2], first[3]])
            rank.append(float(rng.integers(0, 5)))
        noisy = np.array(rank) + rng.normal(0.0, 0.9, len(stay))
        order = np.argsort(noisy, kind="stable")
        counts = predikat_counts(len(stay), PREVIOUS_PREDIKAT.get(kode, book.predikat_organisasi))
        predikat = np.repeat(np.arange(5), counts)
        given = np.empty(len(stay), dtype=np.int64)
        given[order] = predikat
        for row, p in zip(stay, given.tolist(), strict=True):
            pairs = _PAIRS[p]
            hasil, perilaku = pairs[int(rng.integers(0, len(pairs)))] if p == 1 else pairs[0]
            peg.rows.append([row[0], row[1], row[2], row[3], PREVIOUS_PERIOD, hasil, perilaku])
        book["Organisasi"].rows.append(
            [PREVIOUS_PERIOD, PREVIOUS_PREDIKAT.get(kode, book.predikat_organisasi)])


FEEDBACK_NOTE = "Catatan bebas penilai (tidak pernah dibaca portal)"
"""Text of the example's free-text `komentar` column of UmpanBalik (the privacy tests look
for it in every output)."""


def add_feedback(book: OfficeBook, seed: int) -> Sheet:
    """An UmpanBalik tab for the office's ANNUAL_PERIOD staff: the supervisor's score for
    everyone but the head, two colleagues' scores for most, citizens' scores for staff of
    service units; scores follow the predikat. A free-text `komentar` column, never read."""
    rng = np.random.default_rng([seed, 25])
    sheet = Sheet(C.UMPAN_BALIK.name, [*C.UMPAN_BALIK.headers, "komentar"])
    base = {0: 4, 1: 3, 2: 2, 3: 2, 4: 1}
    rows = [r for r in book["Pegawai"].rows if r[4] == ANNUAL_PERIOD]
    for j, r in enumerate(rows):
        score = base[_RANK[(r[5], r[6])]]
        sources = (["atasan"] if j else []) + ["rekan kerja"] * (2 if j % 5 else 0)
        if "Pelayanan" in str(r[3]):
            sources += ["masyarakat"] * int(rng.integers(1, 4))
        for sumber in sources:
            skor = int(min(4, max(1, score + rng.choice([-1, 0, 0, 0, 1]))))
            note = f"{FEEDBACK_NOTE} #{len(sheet.rows) + 1}" if rng.random() < 0.3 else None
            sheet.rows.append([r[0], ANNUAL_PERIOD, sumber, skor, note])
    return sheet


def plant_feedback(book: OfficeBook, other: OfficeBook) -> list[str]:
    """Two realistic slips in the UmpanBalik tab; README lines describing them."""
    sheet = book[C.UMPAN_BALIK.name]
    cell = sheet.set(6, "skor", 5)
    stranger = str(other["Pegawai"].rows[0][0])  # an employee of another office
    sheet.rows.append([stranger, ANNUAL_PERIOD, "rekan kerja", 3, None])
    return [
        f"* DINKES, tab `UmpanBalik`, sel {cell} (`skor`): `5` — temuan `di_luar_rentang` "
        "(skor 1–4); baris itu tidak dipakai.",
        f"* DINKES, tab `UmpanBalik`, baris {len(sheet.rows) + 1}: NIP pegawai kantor lain — "
        "dihitung sebagai baris tanpa pegawai yang cocok (bukan temuan).",
    ]


def _cap_row(book: OfficeBook, kode: str, periode: str) -> int:
    return book["Capaian"].find(lambda r: r["kode"] == kode and r["periode"] == periode)


def _kode_of(book: OfficeBook, nama_start: str) -> str:
    sheet = book["Indikator"]
    row = sheet.find(lambda r: str(r["nama_indikator"]).startswith(nama_start))
    return str(sheet.get(row, "kode"))


def plant(books: dict[str, OfficeBook], registry) -> list[Planted]:  # noqa: C901
    out: list[Planted] = []

    def put(
        kode: str, tab: str, row: int, header: str, value: object, code: str, note: str
    ) -> None:
        cell = books[kode][tab].set(row, header, value)
        out.append(Planted(kode, books[kode].file_name, tab, cell, header, value, code, note))

    # --- DINKES -------------------------------------------------------------------------
    dinkes = books["DINKES"]
    imun = _kode_of(dinkes, "Cakupan imunisasi")
    put(
        "DINKES",
        "Capaian",
        _cap_row(dinkes, imun, "2025-TW2"),
        "realisasi",
        "87,5",
        "-",
        "Angka desimal ditulis sebagai teks dengan koma (ekspor Google Sheets): sah, dibaca 87,5.",
    )
    put(
        "DINKES",
        "Capaian",
        _cap_row(dinkes, imun, "2025-TW3"),
        "penjelasan",
        HOSTILE_TEXT,
        "-",
        "Teks penjelasan berisi HTML/Markdown: sah, tetapi harus di-escape saat diterbitkan.",
    )
    peg = dinkes["Pegawai"]
    r = peg.find(lambda x: x["hasil_kerja"] == "Sesuai Ekspektasi", start=12)
    put(
        "DINKES",
        "Pegawai",
        r,
        "hasil_kerja",
        "Sesuai Ekspetasi",
        "pilihan_tidak_valid",
        "Salah ketik rating; pilihan terdekat: Sesuai Ekspektasi.",
    )
    skm = dinkes["SKM"]
    put(
        "DINKES",
        "SKM",
        2 + len(skm.rows) // 3,
        "u5",
        5,
        "di_luar_rentang",
        "Jawaban SKM harus 1–4.",
    )
    adu = dinkes["Pengaduan"]
    r = adu.find(
        lambda x: (
            isinstance(x["tanggal_masuk"], dt.date)
            and x["tanggal_masuk"].day <= 12
            and x["tanggal_masuk"].day != x["tanggal_masuk"].month
        )
    )
    d = adu.get(r, "tanggal_masuk")
    put(
        "DINKES",
        "Pengaduan",
        r,
        "tanggal_masuk",
        d.strftime("%d/%m/%Y"),
        "-",
        f"Tanggal sebagai teks dd/mm/yyyy (ekspor Google Sheets): sah, dibaca {d.isoformat()}.",
    )

    # --- DISDIKBUD ----------------------------------------------------------------------
    dik = books["DISDIKBUD"]
    pip = _kode_of(dik, "Jumlah peserta didik penerima")
    put(
        "DISDIKBUD",
        "Capaian",
        _cap_row(dik, pip, "2025-TW2"),
        "target",
        "12.500",
        "angka_ambigu",
        "Titik bisa pemisah ribuan (12500) atau desimal (12,5); dibaca 12500 dengan peringatan.",
    )
    r = dik["Capaian"].find(
        lambda x: isinstance(x["realisasi"], float) and not float(x["realisasi"]).is_integer(),
        start=10,
    )
    val = str(dik["Capaian"].get(r, "realisasi")).replace(".", ",")
    put(
        "DISDIKBUD",
        "Capaian",
        r,
        "realisasi",
        val,
        "-",
        "Angka desimal sebagai teks dengan koma: sah.",
    )
    put(
        "DISDIKBUD",
        "Pegawai",
        9,
        "nip",
        NIK_16,
        "nip_tidak_valid",
        "NIK 16 digit diisikan di kolom NIP (NIP harus 18 digit).",
    )

    # --- DISDUKCAPIL --------------------------------------------------------------------
    duk = books["DISDUKCAPIL"]
    akta = _kode_of(duk, "Persentase akta kelahiran")
    put(
        "DISDUKCAPIL",
        "Capaian",
        _cap_row(duk, akta, "2025-TW3"),
        "realisasi",
        "abc",
        "angka_tidak_valid",
        "Realisasi bukan angka.",
    )
    adu = duk["Pengaduan"]
    r = adu.find(
        lambda x: (
            isinstance(x["tanggal_tanggapan"], dt.date)
            and x["tanggal_tanggapan"].day <= 12
            and x["tanggal_tanggapan"].day != x["tanggal_tanggapan"].month
        ),
        start=20,
    )
    d = adu.get(r, "tanggal_tanggapan")
    put(
        "DISDUKCAPIL",
        "Pengaduan",
        r,
        "tanggal_tanggapan",
        d.strftime("%d/%m/%Y"),
        "-",
        f"Tanggal sebagai teks dd/mm/yyyy: sah, dibaca {d.isoformat()} (hari dulu, bukan bulan).",
    )

    # --- DPMPTSP ------------------------------------------------------------------------
    dpm = books["DPMPTSP"]
    sla = _kode_of(dpm, "Persentase izin terbit")
    put(
        "DPMPTSP",
        "Capaian",
        _cap_row(dpm, sla, "2025-TW4"),
        "periode",
        "2025-TW5",
        "periode_tidak_valid",
        "Triwulan hanya TW1–TW4.",
    )
    adu = dpm["Pengaduan"]
    r = adu.find(
        lambda x: (
            isinstance(x["tanggal_selesai"], dt.date) and isinstance(x["tanggal_masuk"], dt.date)
        ),
        start=8,
    )
    masuk = adu.get(r, "tanggal_masuk")
    put(
        "DPMPTSP",
        "Pengaduan",
        r,
        "tanggal_selesai",
        masuk.replace(year=masuk.year - 1),
        "urutan_tanggal",
        f"Tanggal selesai sebelum tanggal masuk ({masuk.isoformat()}): salah tahun.",
    )

    # --- DLH ----------------------------------------------------------------------------
    dlh = books["DLH"]
    peg = dlh["Pegawai"]
    first_nip = peg.get(4, "nip")
    put(
        "DLH",
        "Pegawai",
        15,
        "nip",
        first_nip,
        "duplikat",
        "NIP sama dengan baris 4 (pegawai tercatat dua kali).",
    )
    sampah = _kode_of(dlh, "Persentase sampah terkelola")
    put(
        "DLH",
        "Capaian",
        _cap_row(dlh, sampah, "2026-TW1"),
        "target",
        0,
        "target_nol",
        "Target 0: capaian tidak dapat dihitung (peringatan).",
    )

    # --- registry -----------------------------------------------------------------------
    r = registry.find(lambda x: x["kode"] == "KEC-SUKAMAJU")
    url = "http://kec-sukamaju.contohkab.go.id"
    cell = registry.set(r, "situs", url)
    out.append(
        Planted(
            "",
            "kantor.xlsx",
            "Kantor",
            cell,
            "situs",
            url,
            "url_tidak_aman",
            "Situs tanpa https:// (peringatan; tidak ditautkan).",
        )
    )

    # --- structural: whole office excluded this run -------------------------------------
    del books["DINSOS"].sheets["Pengaduan"]
    out.append(
        Planted(
            "DINSOS",
            "DINSOS.xlsx",
            "Pengaduan",
            "-",
            "-",
            "(tab tidak ada)",
            "tab_hilang",
            "Tab Pengaduan tidak ada: kantor dikecualikan pada proses ini.",
        )
    )
    out += _plant_sukamaju(books["KEC-SUKAMAJU"])
    return out


REMOVED_INDICATOR = "IKU-03"  # dropped from KEC-SUKAMAJU's Indikator tab, rows left in Capaian
RENAMED_HEADER = "Rating Hasil Kerja"  # typed over KEC-SUKAMAJU's `hasil_kerja` header


def _plant_sukamaju(book: OfficeBook) -> list[Planted]:
    """Issue 16: three mistakes in one office, a structural one among them, that one
    `kinerja check` reports together (the office is held back, and says why)."""
    out: list[Planted] = []
    pegawai = book["Pegawai"]
    pegawai.headers = list(pegawai.headers)
    pegawai.headers[pegawai.col("hasil_kerja")] = RENAMED_HEADER
    out.append(Planted(
        "KEC-SUKAMAJU", book.file_name, "Pegawai", f"{pegawai.letter(RENAMED_HEADER)}1",
        "hasil_kerja", RENAMED_HEADER, "kolom_hilang",
        "Judul kolom diganti; yang diharapkan `hasil_kerja`. Kantor tertahan, tetapi semua tab "
        "tetap diperiksa.",
    ))
    adu = book["Pengaduan"]
    masuk = adu.get(3, "tanggal_masuk")
    assert isinstance(masuk, dt.date)
    cell = adu.set(3, "tanggal_selesai", masuk - dt.timedelta(days=3))
    out.append(Planted(
        "KEC-SUKAMAJU", book.file_name, "Pengaduan", cell, "tanggal_selesai",
        adu.get(3, "tanggal_selesai"), "urutan_tanggal",
        f"Selesai sebelum diterima ({masuk.isoformat()}).",
    ))
    cap = book["Capaian"]
    for periode in ("2025-TW1", "2025-TW2"):
        cap.rows.append([REMOVED_INDICATOR, periode, 100, 100, None])
        out.append(Planted(
            "KEC-SUKAMAJU", book.file_name, "Capaian", f"{cap.letter('kode')}{len(cap.rows) + 1}",
            "kode", REMOVED_INDICATOR, "indikator_tidak_dikenal",
            "Indikator sudah dihapus dari tab Indikator, baris capaiannya masih ada.",
        ))
    return out


def _fmt(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return f"`{value.isoformat()}` (tanggal)"
    if isinstance(value, (int, float)):
        return f"`{value}` (angka)"
    return "`" + str(value).replace("|", "\\|") + "`"


def write_readme(out: Path, planted: list[Planted], feedback_notes: list[str]) -> None:
    lines = [
        "# Contoh data: Kabupaten Contoh",
        "",
        "Data **sintetis** (nama, NIP, nilai: semuanya rekaan) untuk mencoba Portal Kinerja tanpa",
        "Google Sheets. Dibuat ulang secara deterministik dengan",
        "`.venv/bin/python examples/make_example.py` (jangan disunting dengan tangan).",
        "",
        "* `portal.yml`: konfigurasi portal (sumber `workbook`, folder ini).",
        "* `kantor.xlsx`: daftar kantor (tab `Kantor`).",
        "* satu berkas `.xlsx` per kantor dengan tab "
        + ", ".join(f"`{t.name}`" for t in C.OFFICE_TABS)
        + ".",
        "",
        "| Kantor | Pegawai | Indikator | Responden SKM | Pengaduan | Predikat organisasi 2025 |",
        "|---|---|---|---|---|---|",
    ]
    for spec, emp, ind, skm, adu, pred in OFFICES:
        lines.append(f"| {spec.kode} — {spec.nama} | {emp} | {ind} | {skm} | {adu} | {pred} |")
    lines += [
        "",
        f"Periode capaian dan SKM: {', '.join(DEFAULT_PERIODS)}",
        "(realisasi periode terakhir sebagian",
        f"masih kosong = belum dilaporkan). Pegawai dan Organisasi: periode tahunan "
        f"`{PREVIOUS_PERIOD}` dan `{ANNUAL_PERIOD}` (baris {PREVIOUS_PERIOD} di bawah baris "
        f"{ANNUAL_PERIOD}; pegawai dengan TMT {PREVIOUS_PERIOD} atau sesudahnya belum punya",
        f"predikat {PREVIOUS_PERIOD}, dan satu pegawai per kantor besar sudah tidak tercatat "
        f"pada {ANNUAL_PERIOD}).",
        "DINKES juga punya tab opsional `UmpanBalik` (skor 1–4 dari atasan, rekan kerja dan",
        "masyarakat; kolom `komentar` tidak pernah dibaca), yang hanya dibaca oleh",
        "`kinerja tindak-lanjut`.",
        "KEC-SUKAMAJU hanya punya 8 pegawai: distribusi predikatnya tidak diterbitkan (< 10).",
        "Tab SKM mengikuti ekspor Google Form: kolom `Timestamp`, `Usia`, `Pendidikan`, `Saran`",
        "diabaikan dan tidak pernah diterbitkan.",
        "",
        "## Kesalahan yang disengaja",
        "",
        "Agar `kinerja check` menunjukkan sesuatu, beberapa kesalahan yang realistis sengaja",
        "ditanam. Baris = nomor baris seperti terlihat di lembar kerja (baris 1 = judul kolom).",
        "Temuan `-` berarti nilainya **sah** (harus terbaca tanpa temuan).",
        "",
        "| No | Kantor | Berkas | Tab | Sel | Kolom | Nilai | Temuan | Keterangan |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for i, p in enumerate(planted, start=1):
        lines.append(
            f"| {i} | {p.office or '(daftar kantor)'} | {p.file} | {p.tab} | {p.cell} | "
            f"{p.header} | {_fmt(p.value)} | {p.code} | {p.note} |"
        )
    n_err = sum(
        1 for p in planted if p.code not in ("-", "angka_ambigu", "target_nol", "url_tidak_aman")
    )
    n_warn = sum(1 for p in planted if p.code in ("angka_ambigu", "target_nol", "url_tidak_aman"))
    lines += [
        "",
        f"Jumlah: {n_err} kesalahan dan {n_warn} peringatan. DINSOS dan KEC-SUKAMAJU punya",
        "kesalahan struktural (tab hilang / judul kolom diganti): kedua kantor itu tertahan pada",
        "proses ini dan memakai data valid terakhirnya (bila ada); kantor lain tetap diterbitkan.",
        "Satu `kinerja check` tetap melaporkan semua kesalahan kantor yang tertahan: di",
        "KEC-SUKAMAJU judul kolom Pegawai yang diganti, pengaduan yang selesai sebelum diterima,",
        "dan baris capaian untuk indikator yang sudah dihapus muncul bersama. Karena tab",
        "Pegawai-nya tidak terbaca, KEC-SUKAMAJU juga tidak mendapat buku kerja",
        "`kinerja tindak-lanjut`.",
        "",
        "## Tab UmpanBalik (dibaca hanya oleh `kinerja tindak-lanjut`)",
        "",
        "`kinerja check` tidak membaca tab ini; temuannya ada di bagian Temuan buku kerja",
        "tindak lanjut kantor.",
        "",
        *feedback_notes,
        "",
    ]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main(out: Path = OUT) -> list[Planted]:
    specs = [o[0] for o in OFFICES]
    books = {
        b.spec.kode: b
        for b in generate_books(
            specs,
            employees=[o[1] for o in OFFICES],
            indicators=[o[2] for o in OFFICES],
            survey=[o[3] for o in OFFICES],
            complaints=[o[4] for o in OFFICES],
            periods=list(DEFAULT_PERIODS),
            seed=SEED,
            quirks=False,  # every quirk of the example is planted and documented below
            predikat={o[0].kode: o[5] for o in OFFICES},
            quality=QUALITY,
            low_coverage=set(),
        )
    }
    leave_weakest_blank(books[LOW_COVERAGE[0]], LOW_COVERAGE[1], LOW_COVERAGE[2])
    add_previous_year(books, SEED)
    dinkes = books["DINKES"]
    dinkes.sheets[C.UMPAN_BALIK.name] = add_feedback(dinkes, SEED)
    feedback_notes = plant_feedback(dinkes, books["DISDIKBUD"])
    registry = registry_sheet(specs)
    planted = plant(books, registry)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.xlsx"):
        old.unlink()
    write_portal(out, books.values(), registry, title=TITLE, instansi=INSTANSI)
    write_readme(out, planted, feedback_notes)
    return planted


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for p in main(target):
        print(f"{p.office or 'kantor'}\t{p.tab}\t{p.cell}\t{p.header}\t{p.value!r}\t{p.code}")
    print(f"written: {target}")
