"""Contract tests: every finding code is raised by a fixture, located by tab, row and column
letter, with the row excluded (errors), kept (warnings), or the office excluded (structural)."""
from __future__ import annotations

import copy
from datetime import date

import pytest

from sheets_sync.findings import KINDS, Report
from sheets_sync.sources.base import FORMULA_WITHOUT_VALUE, OfficeRef, RawWorkbook
from sheets_sync.validate import validate_office, validate_registry

TODAY = date(2026, 11, 24)
OFFICE = OfficeRef("DINKES", "Dinas Kesehatan", "dinkes.xlsx")

# A small valid office. Column letters follow the header order written here.
VALID = {
    "Indikator": [
        ["kode", "nama_indikator", "jenis", "satuan", "arah", "bobot", "sasaran"],
        ["IKU-01", "Cakupan imunisasi dasar lengkap", "IKU", "%", "naik", 2, "Derajat kesehatan"],
        ["LAY-01", "Lama tunggu rawat jalan", "Layanan", "menit", "turun", None, None],
    ],
    "Capaian": [
        ["kode", "periode", "target", "realisasi", "penjelasan"],
        ["IKU-01", "2025-TW1", 95, "93,5", "Dua posyandu tutup"],
        ["LAY-01", "2025-TW1", 60, 45, None],
    ],
    "Pegawai": [
        ["nip", "nama", "jabatan", "unit_kerja", "periode", "hasil_kerja", "perilaku_kerja"],
        ["198609262015051001", "Siti", "Analis", "Bidang P2P", "2025", "Sesuai Ekspektasi",
         "Sesuai Ekspektasi"],
        ["199001012019032002", "Budi", "Perawat", "Bidang P2P", "2025", "Di Atas Ekspektasi",
         "Di Atas Ekspektasi"],
    ],
    "Organisasi": [["periode", "predikat_organisasi"], ["2025", "Baik"]],
    "SKM": [
        ["Timestamp", "unit_layanan", "periode", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8",
         "u9", "Saran"],
        ["2025-03-01 10:00", "Puskesmas Kota", "2025-TW1", 4, 3, 3, 4, 4, 3, 3, None, 4, "bagus"],
    ],
    "Pengaduan": [
        ["nomor", "kategori", "tanggal_masuk", "tanggal_tanggapan", "tanggal_selesai"],
        ["LPR-1", "pengaduan", "03/02/2025", "04/02/2025", None],
    ],
}


def run(tabs):
    raw = RawWorkbook(tabs=copy.deepcopy(tabs), source_id="dinkes.xlsx")
    return validate_office(raw, OFFICE, today=TODAY)


def with_cell(tab, row, col, value):
    tabs = copy.deepcopy(VALID)
    grid = tabs[tab]
    while len(grid) < row:
        grid.append([])
    line = grid[row - 1]
    idx = ord(col) - ord("A")
    while len(line) <= idx:
        line.append(None)
    line[idx] = value
    return tabs


def test_valid_office_has_no_findings_and_typed_frames():
    data, findings = run(VALID)
    assert findings == []
    assert data is not None
    cap = data["capaian"]
    assert cap["realisasi"].tolist() == [93.5, 45.0]  # "93,5" parsed with the decimal comma
    assert cap["baris"].tolist() == [2, 3]
    assert data["indikator"]["bobot"].tolist() == [2.0, 1.0]  # blank weight defaults to 1
    assert data["skm"]["u8"].isna().tolist() == [True]  # a blank is a skipped answer, not 0
    assert data["skm"]["u1"].tolist() == [4]
    assert str(data["pengaduan"]["tanggal_masuk"].iloc[0].date()) == "2025-02-03"
    # personal columns never leave validation
    assert "nip" not in data["pegawai"].columns and "nama" not in data["pegawai"].columns


# (tab, row, column letter, value, expected code, row excluded?)
CELL_CASES = [
    ("Capaian", 2, "D", "abc", "angka_tidak_valid", True),
    ("Capaian", 2, "D", "12.500", "angka_ambigu", False),
    ("Capaian", 2, "C", None, "wajib_diisi", True),
    ("Capaian", 2, "C", -5, "di_luar_rentang", True),
    ("Capaian", 2, "B", "2025-TW5", "periode_tidak_valid", True),
    ("Capaian", 2, "C", 0, "target_nol", False),
    ("Capaian", 2, "A", "IKU-99", "indikator_tidak_dikenal", True),
    ("Capaian", 3, "A", "IKU-01", "duplikat", True),  # same kode + periode as row 2
    ("Indikator", 2, "E", "menurun", "pilihan_tidak_valid", True),
    ("Indikator", 3, "F", 0, "di_luar_rentang", True),  # weight must be > 0
    ("Pegawai", 2, "F", "Sesuai Ekspetasi", "pilihan_tidak_valid", True),
    ("Pegawai", 2, "A", "3201234567890001", "nip_tidak_valid", True),  # a 16-digit NIK
    ("Pegawai", 2, "A", "198609312015051001", "nip_tidak_valid", True),  # 31 September
    ("Pegawai", 2, "A", "198609262015053001", "nip_tidak_valid", True),  # sex digit 3
    ("Pegawai", 2, "A", "198609262015051000", "nip_tidak_valid", True),  # sequence 000
    ("Pegawai", 2, "A", 1.98609262015051e17, "nip_tidak_valid", True),  # stored as a number
    ("Pegawai", 2, "A", "198609261990051001", "nip_meragukan", False),  # TMT at age 4
    ("Pegawai", 3, "A", "198609262015051001", "duplikat", True),  # same NIP, same period
    ("Organisasi", 2, "B", "Luar Biasa", "pilihan_tidak_valid", True),
    ("SKM", 2, "D", 5, "di_luar_rentang", True),
    ("SKM", 2, "D", 2.5, "bilangan_bulat", True),
    ("Pengaduan", 2, "C", "kemarin", "tanggal_tidak_valid", True),
    # typos far from today: reported at the cell, not a crash of the whole office (pandas
    # cannot hold years past 2262)
    ("Pengaduan", 2, "C", "01/01/2900", "tanggal_tidak_valid", True),
    ("Pengaduan", 2, "C", date(2900, 1, 1), "tanggal_tidak_valid", True),  # an Excel date cell
    ("Pengaduan", 2, "C", "03/02/0205", "tanggal_tidak_valid", True),
    ("Pengaduan", 2, "D", "04/02/2205", "tanggal_tidak_valid", True),
    ("Pengaduan", 2, "E", "01/02/2025", "urutan_tanggal", True),
    ("Pengaduan", 2, "D", "01/01/2027", "tanggal_masa_depan", False),
    # numbers compute cannot hold (issue 12): a 30-digit target crashed every later build
    ("Capaian", 2, "C", 1e30, "angka_terlalu_besar", True),
    ("Capaian", 2, "C", "1" + "0" * 30, "angka_terlalu_besar", True),
    ("Capaian", 2, "D", 10**400, "angka_terlalu_besar", True),  # a JSON integer past float
    ("Capaian", 2, "C", 1e-30, "angka_terlalu_kecil", True),
    ("Indikator", 2, "F", 1e20, "angka_terlalu_besar", True),
    # what a spreadsheet shows instead of a value
    ("Capaian", 2, "D", "#REF!", "nilai_galat", True),
    ("Indikator", 2, "B", "#N/A", "nilai_galat", True),
    ("Pengaduan", 2, "C", "#VALUE!", "nilai_galat", True),
    ("Capaian", 2, "C", FORMULA_WITHOUT_VALUE, "rumus_tanpa_nilai", True),
    ("Indikator", 2, "B", "Persentase \u202eibu hamil", "karakter_tersembunyi", False),
]


@pytest.mark.parametrize(("tab", "row", "col", "value", "code", "excluded"), CELL_CASES,
                         ids=[f"{c[4]}-{c[0]}{c[2]}{c[1]}" for c in CELL_CASES])
def test_cell_findings_are_located(tab, row, col, value, code, excluded):
    data, findings = run(with_cell(tab, row, col, value))
    assert data is not None
    located = [(f.tab, f.row, f.column, f.code) for f in findings]
    assert (tab, row, col, code) in located
    frame = data[tab.lower()]
    assert (row not in frame["baris"].tolist()) is excluded
    f = next(f for f in findings if f.code == code)
    assert f.message and f.hint  # Indonesian text for HR staff
    assert f.severity == KINDS[code].severity


def test_private_values_are_masked_in_findings():
    _, findings = run(with_cell("Pegawai", 2, "A", "3201234567890001"))
    nip = next(f for f in findings if f.code == "nip_tidak_valid")
    assert nip.value == "(disamarkan)"
    assert "3201234567890001" not in Report(findings).to_json()
    assert "3201234567890001" not in Report(findings).to_text()


def test_duplicate_nip_reported_without_the_nip():
    _, findings = run(with_cell("Pegawai", 3, "A", "198609262015051001"))
    dup = next(f for f in findings if f.code == "duplikat")
    assert "198609262015051001" not in (dup.message + (dup.value or ""))


def test_closest_choice_is_named():
    _, findings = run(with_cell("Pegawai", 2, "F", "Sesuai Ekspetasi"))
    assert "mungkin maksudnya 'Sesuai Ekspektasi'" in findings[0].message


def test_missing_tab_is_structural_and_names_closest():
    tabs = copy.deepcopy(VALID)
    tabs["Pengaduan2"] = tabs.pop("Pengaduan")
    data, findings = run(tabs)
    assert data is None
    (f,) = findings
    assert (f.code, f.tab) == ("tab_hilang", "Pengaduan")
    assert "Pengaduan2" in f.message
    assert "tanggal_masuk" in f.hint  # expected headers named


def test_optional_tab_may_be_missing():
    tabs = copy.deepcopy(VALID)
    del tabs["Organisasi"]
    data, findings = run(tabs)
    assert findings == [] and data is not None and data["organisasi"].empty


def test_renamed_header_is_structural_and_names_closest():
    tabs = with_cell("Capaian", 1, "D", "Realisasi Capaian")
    data, findings = run(tabs)
    assert data is None
    (f,) = findings
    assert (f.code, f.tab, f.row, f.column, f.header) == ("kolom_hilang", "Capaian", 1, "D",
                                                           "realisasi")
    assert "Realisasi Capaian" in f.message


def test_duplicate_header_is_structural():
    data, findings = run(with_cell("Capaian", 1, "F", "Target"))
    assert data is None
    assert [(f.code, f.column) for f in findings] == [("kolom_ganda", "F")]


def test_headers_match_case_and_space_insensitively_and_extra_columns_ignored():
    tabs = copy.deepcopy(VALID)
    tabs["Capaian"][0] = [" KODE ", "Periode", "Target", "Realisasi", "Penjelasan",
                          "Catatan internal"]
    for line in tabs["Capaian"][1:]:
        line.append("rahasia")
    data, findings = run(tabs)
    assert findings == []
    assert "Catatan internal" not in data["capaian"].columns


def test_empty_rows_skipped_and_row_numbers_kept():
    tabs = copy.deepcopy(VALID)
    tabs["Capaian"].insert(2, [None, "", "  "])
    data, findings = run(tabs)
    assert findings == []
    assert data["capaian"]["baris"].tolist() == [2, 4]


def test_registry_findings():
    grid = [
        ["kode", "nama", "sektor", "sumber", "frekuensi", "situs"],
        ["DINKES", "Dinas Kesehatan", "Kesehatan", "dinkes.xlsx", "bulanan", "https://dinkes.example.go.id"],
        ["dinsos", "Dinas Sosial", "Sosial", "dinsos.xlsx", None, None],
        ["DISDIK", "Dinas Pendidikan", "Pendidikan", "disdik.xlsx", "mingguan", "http://disdik.example.go.id"],
        ["DINKES", "Dinas Kesehatan lagi", "Kesehatan", "dinkes2.xlsx", None, None],
    ]
    frame, findings = validate_registry(grid)
    assert sorted((f.row, f.column, f.code) for f in findings) == [
        (3, "A", "kode_tidak_valid"),
        (4, "E", "pilihan_tidak_valid"),
        (4, "F", "url_tidak_aman"),
        (5, "A", "duplikat"),
    ]
    assert frame["kode"].tolist() == ["DINKES"]


def test_every_finding_code_of_validation_is_exercised():
    exercised = {c[4] for c in CELL_CASES} | {
        "tab_hilang", "kolom_hilang", "kolom_ganda", "kode_tidak_valid", "url_tidak_aman"}
    # raised outside validate.py: by sources and the sync (sumber_gagal, tidak_dibagikan,
    # sumber_salah) and by compute (kurva_distribusi). Every code of the catalogue is raised
    # end to end in tests/integration/test_catalogue.py.
    elsewhere = {"sumber_gagal", "tidak_dibagikan", "sumber_salah", "kurva_distribusi",
                 "bukan_google_sheets", "berkas_terkunci", "api_belum_aktif", "batas_waktu_habis",
                 "perhitungan_gagal", "validasi_tidak_tertulis"}  # the last: the write-back
    assert set(KINDS) - elsewhere <= exercised


def test_a_cell_is_parsed_the_same_whatever_else_is_in_its_column():
    """Columns are parsed once per distinct value, with shortcuts for the common cell types; the
    result of a cell must not depend on that (the same value alone, or among many others)."""
    import numpy as np

    from sheets_sync.contracts import TABS
    from sheets_sync.validate import _parse_cell, _parse_column

    cells = [None, "", " ", 0.0, 1.0, 2.5, 4.0, 5.0, -1.0, float("inf"), 3, "3", " 4 ", "12.500",
             "abc", "IKU-01", "  IKU-01 ", "2025-TW1", "sesuai  ekspektasi",
             date(2025, 2, 3), "03/02/2025", "198609262015051001", 1.98609262015051e17]
    for tab in TABS.values():
        for col in tab.columns:
            column = np.empty(len(cells), dtype=object)
            column[:] = cells
            parsed = _parse_column(col, column)
            for j, cell in enumerate(cells):
                value, problem, extra = _parse_cell(col, cell)
                s = parsed.slot[j]
                assert (parsed.values[s], parsed.problems[s], parsed.extras[s] or {}) == (
                    value, problem, extra), (tab.key, col.name, cell)
                assert type(parsed.values[s]) is type(value), (tab.key, col.name, cell)


def test_registry_refuses_codes_of_dashes_and_windows_device_names():
    """`--` would give the page `kantor/`, `CON` a file Windows cannot hold (issue 12)."""
    grid = [["kode", "nama", "sektor", "sumber"]] + [
        [kode, f"Kantor {i}", "", f"k{i}.xlsx"]
        for i, kode in enumerate(["--", "----", "CON", "NUL", "AUX", "PRN", "COM1", "LPT9",
                                  "DINKES", "CON-2", "K-1", "COM10"], start=1)]
    frame, findings = validate_registry(grid)
    assert sorted(f.row for f in findings if f.code == "kode_tidak_valid") == list(range(2, 10))
    assert frame["kode"].tolist() == ["DINKES", "CON-2", "K-1", "COM10"]


def test_invisible_characters_are_removed_and_shown_where_they_were():
    tabs = copy.deepcopy(VALID)
    tabs["Indikator"][1][1] = "Persentase\u200b ibu \u202ehamil"
    tabs["Capaian"][0][2] = "tar\u200bget"  # a header: still matched
    data, findings = run(tabs)
    (f,) = findings
    assert (f.code, f.tab, f.row, f.column) == ("karakter_tersembunyi", "Indikator", 2, "B")
    assert f.value == "Persentase[U+200B] ibu [U+202E]hamil"
    assert data["indikator"]["nama_indikator"].tolist()[0] == "Persentase ibu hamil"


def test_new_cell_kinds_parse_the_same_alone_or_among_others():
    """The column fast paths (floats, plain text) leave these cells to the one-by-one parser."""
    import numpy as np

    from sheets_sync.contracts import TABS
    from sheets_sync.validate import _parse_cell, _parse_column

    cells = ["abc", "#REF!", " #N/A ", "a\u202eb", "\u200b", "No. #3", FORMULA_WITHOUT_VALUE, 1e30,
             -1e30, 1e-30, 0.0, 1e15, 999999999999999.0, 1e-6, 5e-7, 2.5, "Loading..."]
    for tab in TABS.values():
        for col in tab.columns:
            column = np.empty(len(cells), dtype=object)
            column[:] = cells
            parsed = _parse_column(col, column)
            for j, cell in enumerate(cells):
                value, problem, extra = _parse_cell(col, cell)
                s = parsed.slot[j]
                assert (parsed.values[s], parsed.problems[s], parsed.extras[s] or {}) == (
                    value, problem, extra), (tab.key, col.name, cell)


# --- issue 16: every mistake in one pass ---------------------------------------------------------

def test_a_structural_problem_does_not_hide_the_other_mistakes():
    """A renamed Pegawai header, a complaint resolved before it was received and Capaian rows
    of an indicator that no longer exists: one run reports all three (and a cell mistake in
    the readable columns of the broken tab itself); the office is still held back."""
    tabs = with_cell("Pegawai", 1, "F", "Rating Hasil Kerja")
    tabs["Pegawai"][2][0] = "3201234567890001"  # a NIK in the tab whose header is renamed
    tabs["Pengaduan"][1][4] = "01/02/2025"  # resolved before it was received (03/02/2025)
    tabs["Capaian"].append(["IKU-99", "2025-TW1", 50, 40, None])
    data, findings = run(tabs)
    assert data is None
    assert sorted((f.tab, f.row, f.column, f.code) for f in findings) == [
        ("Capaian", 4, "A", "indikator_tidak_dikenal"),
        ("Pegawai", 1, "F", "kolom_hilang"),
        ("Pegawai", 3, "A", "nip_tidak_valid"),
        ("Pengaduan", 2, "E", "urutan_tanggal"),
    ]


def test_a_missing_tab_does_not_hide_the_other_tabs_mistakes():
    tabs = copy.deepcopy(VALID)
    del tabs["Pengaduan"]
    tabs["SKM"][1][3] = 7
    data, findings = run(tabs)
    assert data is None
    assert sorted((f.tab, f.code) for f in findings) == [("Pengaduan", "tab_hilang"),
                                                           ("SKM", "di_luar_rentang")]


def test_cross_tab_checks_need_the_columns_they_compare():
    """Capaian codes are checked against Indikator only when both `kode` columns were read:
    a renamed Indikator `kode` header is one finding, not one per Capaian row."""
    data, findings = run(with_cell("Indikator", 1, "A", "Kode Indikator"))
    assert data is None
    assert [(f.tab, f.code) for f in findings] == [("Indikator", "kolom_hilang")]
    _, findings = run(with_cell("Capaian", 1, "A", "kd"))
    assert [(f.tab, f.code) for f in findings] == [("Capaian", "kolom_hilang")]


def test_doubled_header_reads_the_first_column_and_checks_its_rows():
    tabs = with_cell("Capaian", 1, "F", "Target")
    tabs["Capaian"][1][2] = "sembilan"
    _, findings = run(tabs)
    assert sorted((f.row, f.column, f.code) for f in findings) == [
        (1, "F", "kolom_ganda"), (2, "C", "angka_tidak_valid")]


@pytest.mark.parametrize("marker", ["CONTOH", "contoh", " Contoh "])
def test_the_example_row_is_skipped(marker):
    """The template's example row (key cell `CONTOH`) is neither data nor a finding, even
    when its other cells would break a rule."""
    tabs = copy.deepcopy(VALID)
    tabs["Capaian"].insert(1, [marker, "bukan periode", "x", None, None])
    tabs["Pegawai"].insert(1, [marker, "Nama Pegawai", "", "Bidang", "2025", "Sesuai Ekspektasi",
                               "Sesuai Ekspektasi"])
    tabs["Pengaduan"].insert(1, [marker, "pengaduan", "03/02/2025", None, None])
    data, findings = run(tabs)
    assert findings == []
    assert data is not None
    assert data["capaian"]["baris"].tolist() == [3, 4]  # row numbers as the sheet shows them
    assert len(data["pegawai"]) == 2 and len(data["pengaduan"]) == 1


def test_only_the_key_column_marks_an_example():
    _, findings = run(with_cell("Capaian", 2, "E", "CONTOH"))  # a penjelasan saying CONTOH
    assert findings == []
    data, findings = run(with_cell("Capaian", 2, "A", "CONTOH-1"))
    assert [(f.row, f.code) for f in findings] == [(2, "indikator_tidak_dikenal")]


def test_nip_column_fast_path_agrees_with_the_cell_by_cell_parser():
    """NIPs are decided for a whole column at once (`cell_rules.valid_nips`); every cell must
    get what `_parse_cell` gives it alone: value, finding and its reason."""
    import random

    import numpy as np

    from sheets_sync.cell_rules import valid_nips
    from sheets_sync.contracts import TABS
    from sheets_sync.validate import _parse_cell, _parse_column

    (col,) = [c for t in TABS.values() for c in t.columns if c.kind == "nip"][:1]
    cells = ["198609262015051001", "200002292020011001", "190002292020011001",  # leap days
             "200002302020011001", "198613012015051001", "198600102015051001",  # bad dates
             "000001012015051001", "198609262015001001", "198609262015053001",  # 0000, 00, sex 3
             "198609262015051000", "199009262007051001", "199009262006051001",  # 000, age 17/16
             "195509262015051001", "195409262015051001", "1986.0926 2015-05 1 001",  # 60/61
             "19860926201505100", "1986092620150510011", "3201234567890001", "123456789",
             "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "１９８６０９２６２０１５０５１００１", "19860926201505100a",
             "198609262015051001\u200b", " 198609262015051001 ", "#N/A", ""]
    rng = random.Random(18)
    cells += ["".join(rng.choice("0123456789") for _ in range(18)) for _ in range(3000)]
    cells += [f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 31):02d}"
              f"{rng.randint(1970, 2025)}{rng.randint(0, 12):02d}{rng.randint(0, 3)}"
              f"{rng.randint(0, 999):03d}" for _ in range(3000)]
    column = np.empty(len(cells), dtype=object)
    column[:] = cells
    parsed = _parse_column(col, column)
    claimed = valid_nips(column)
    for j, cell in enumerate(cells):
        value, problem, extra = _parse_cell(col, cell)
        s = parsed.slot[j]
        assert (parsed.values[s], parsed.problems[s], parsed.extras[s] or {}) == (
            value, problem, extra), cell
        # the fast path takes exactly the NIPs accepted as written, and leaves the rest
        assert claimed[j] == (problem is None and value == cell), cell
    assert claimed.sum() > 300
