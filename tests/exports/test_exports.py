"""Open-data files: exact CSV text, JSON values, XLSX without formulas, determinism, errors."""
from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheets_sync.errors import BuildError
from sheets_sync.values import strip_invisible
from site_builder.exports import OFFICE_TABLES, XLSX_NAME, write_open_data
from site_builder.exports.cells import typed_tables
from site_builder.exports.fields import DATA_DICTIONARY
from site_builder.exports.safe_text import TRIGGER_CHARACTERS
from site_builder.exports.text import csv_bytes, json_bytes
from site_builder.exports.xlsx import write_xlsx
from site_builder.marts import OPEN_DATA_COLUMNS, Marts
from tests.fixtures.marts import make_export_marts

NewMarts = Callable[[], Marts]
TITLE = "Portal Kinerja Kabupaten Contoh"
GENERATED_AT = datetime(2026, 11, 24, 6, 30, 15, tzinfo=UTC)
RULE_VERSIONS = {"capaian": "capaian-2021.1", "ikm": "ikm-2017.1", "predikat": "predikat-2022.1",
                 "kurva": "kurva-2023.1", "pengaduan": "pengaduan-2024.1"}
TABLES = list(OPEN_DATA_COLUMNS)


def _write(marts: Marts, out: Path) -> list[Path]:
    return write_open_data(marts, out, title=TITLE, rule_versions=RULE_VERSIONS,
                           generated_at=GENERATED_AT)


@pytest.fixture
def out(marts: Marts, tmp_path: Path) -> Path:
    _write(marts, tmp_path / "data")
    return tmp_path / "data"


def test_writes_every_file_and_returns_paths(marts: Marts, tmp_path: Path) -> None:
    data = tmp_path / "docs" / "data"
    paths = _write(marts, data)
    names = [p.relative_to(data).as_posix() for p in paths]
    own = [name for t in OFFICE_TABLES  # issue 15: each office's rows, then the table's schema
           for name in (f"kantor/dinkes/{t}.csv", f"kantor/dispar/{t}.csv", f"schema/{t}.json")]
    assert names == ([f"{t}.csv" for t in TABLES] + [f"{t}.json" for t in TABLES] + own
                     + [XLSX_NAME, "datapackage.json"])
    assert all(p.is_file() and data in p.parents for p in paths)


def test_indikator_csv_exact_text(out: Path) -> None:
    expected = (
        "kantor_kode,indikator_kode,indikator_nama,jenis,satuan,arah,periode,target,realisasi,"
        "capaian,capaian_dibatasi,kategori,penjelasan,tren\n"
        'DINKES,IKU-1,"\'=HYPERLINK(""http://x"")",IKU,persen,naik,2025-TW1,90,78.75,87.50,87.50,'
        "Baik,'＋1,-2.50\n"
        "DINKES,IKU-2,Waktu tunggu rata-rata,Layanan,hari,turun,2025-TW1,5.00,-5,,,,'-5,\n"
        "DINKES,IKU-3,Cakupan imunisasi — anak usia 0–11 bulan,IKU,persen,naik,2025-TW1,95,,,,,"
        '"\'@SUM(A1) kata ""Bu Ani""\nbaris kedua",\n'
    )
    assert (out / "indikator.csv").read_bytes() == expected.encode("utf-8")


def test_other_csvs_exact_text(out: Path) -> None:
    assert (out / "kantor.csv").read_text(encoding="utf-8") == (
        "kantor_kode,kantor_nama,sektor,periode,indeks_kinerja,kategori,indikator_dilaporkan,"
        "indikator_total,predikat_organisasi,diperbarui,status_data,capaian_rata_rata,"
        "indikator_di_bawah_target,tren,ikm,ikm_mutu,ikm_responden,cakupan_indikator,"
        "cakupan_memadai,indeks_sektor,indeks_kabupaten,peringkat_sektor,peringkat_sektor_dari\n"
        "DINKES,Dinas Kesehatan,Kesehatan,2025-TW1,87.50,Baik,3,4,Baik,2026-11-20,ok,87.50,1,"
        "1.25,82.25,B,120,75.00,true,87.50,87.50,1,1\n"
        "DISPAR,Dinas Pariwisata dan Ekonomi Kréatif,,2025-TW1,,,0,5,,,missing,,0,,,,,0.00,"
        "false,,87.50,,\n"
    )
    assert (out / "ringkasan.csv").read_text(encoding="utf-8") == (
        "cakupan,sektor,periode,kantor_total,kantor_berindeks,indeks_rata_rata,unit_ikm,"
        "ikm_rata_rata,pengaduan_masuk,pengaduan_ditanggapi_tepat_waktu,"
        "pengaduan_selesai_tepat_waktu,kantor_tertinggi,kantor_terendah,periode_utama,"
        "kantor_cakupan_memadai\n"
        "kabupaten,,2025-TW1,2,1,87.50,0,,0,0,0,DINKES,DINKES,true,1\n"
        "sektor,Kesehatan,2025-TW1,1,1,87.50,0,,0,0,0,DINKES,DINKES,true,1\n"
        "sektor,,2025-TW1,1,0,,0,,0,0,0,,,true,0\n"
    )
    assert (out / "skm.csv").read_text(encoding="utf-8") == (
        "kantor_kode,unit_layanan,periode,responden,nrr_u1,nrr_u2,nrr_u3,nrr_u4,nrr_u5,nrr_u6,"
        "nrr_u7,nrr_u8,nrr_u9,ikm,mutu,kinerja_unit,pengguna_layanan,sampel_minimum,"
        "sampel_memadai\n"
        "DINKES,Poli Gigi — Puskesmas Kémayoran,2025-S1,120," + "3.29," * 9
        + "82.25,B,Baik,200,132,false\n"
    )
    assert (out / "pengaduan.csv").read_text(encoding="utf-8") == (
        "kantor_kode,periode,masuk,ditanggapi_tepat_waktu,selesai,selesai_tepat_waktu,"
        "masih_terbuka,median_hari_selesai\n"
        "DINKES,2025-01,10,8,7,6,3,3.5\n"
        "DISPAR,2025-01,0,0,0,0,0,\n"
    )
    assert (out / "pegawai_distribusi.csv").read_text(encoding="utf-8") == (
        "kantor_kode,periode,jumlah_pegawai,sangat_baik,baik,butuh_perbaikan,kurang,"
        "sangat_kurang,kurva_sesuai\n"
        "DINKES,2025,42,,30,8,,0,true\n"
        "DISPAR,2025,,,,,,,\n"
    )


def test_csv_is_utf8_without_bom_with_lf_and_exact_headers(out: Path) -> None:
    for table in TABLES:
        data = (out / f"{table}.csv").read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\r" not in data
        assert data.decode("utf-8").split("\n", 1)[0] == ",".join(OPEN_DATA_COLUMNS[table])


def test_json_holds_raw_text_numbers_and_nulls(out: Path) -> None:
    rows = json.loads((out / "indikator.json").read_text(encoding="utf-8"),
                      parse_float=Decimal)
    assert [list(r) for r in rows] == [OPEN_DATA_COLUMNS["indikator"]] * 3
    assert rows[0]["indikator_nama"] == '=HYPERLINK("http://x")'
    assert rows[0]["penjelasan"] == "＋1"
    assert rows[0]["capaian"] == Decimal("87.50")
    assert rows[0]["target"] == 90
    assert rows[1]["realisasi"] == -5 and rows[1]["penjelasan"] == "-5"
    assert rows[1]["capaian"] is None and rows[1]["kategori"] is None
    assert rows[2]["penjelasan"] == '@SUM(A1) kata "Bu Ani"\nbaris kedua'
    raw = (out / "indikator.json").read_text(encoding="utf-8")
    assert '"capaian": 87.50' in raw and "NaN" not in raw


def test_json_of_every_table(out: Path) -> None:
    kantor = json.loads((out / "kantor.json").read_bytes())
    assert kantor[0]["diperbarui"] == "2026-11-20"
    assert kantor[1]["kantor_nama"] == "Dinas Pariwisata dan Ekonomi Kréatif"
    assert kantor[1]["sektor"] is None and kantor[1]["indeks_kinerja"] is None
    pengaduan = json.loads((out / "pengaduan.json").read_bytes())
    assert [r["median_hari_selesai"] for r in pengaduan] == [3.5, None]
    pegawai = json.loads((out / "pegawai_distribusi.json").read_bytes())
    assert pegawai[0] == {"kantor_kode": "DINKES", "periode": "2025", "jumlah_pegawai": 42,
                          "sangat_baik": None, "baik": 30, "butuh_perbaikan": 8, "kurang": None,
                          "sangat_kurang": 0, "kurva_sesuai": True}
    skm = json.loads((out / "skm.json").read_bytes())
    assert skm[0]["responden"] == 120 and skm[0]["unit_layanan"].endswith("Kémayoran")
    for table in TABLES:
        rows = json.loads((out / f"{table}.json").read_bytes())
        assert all(list(r) == OPEN_DATA_COLUMNS[table] for r in rows)


def _formula_cells(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.data_type == "f"]


def test_xlsx_has_no_formulas_and_prefixes_dangerous_text(out: Path) -> None:
    path = out / XLSX_NAME
    assert _formula_cells(path) == []
    assert _formula_elements(path) == 0
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Keterangan", *TABLES]
    ind = wb["indikator"]
    assert [c.value for c in ind[1]] == OPEN_DATA_COLUMNS["indikator"]
    assert ind["C2"].value == '\'=HYPERLINK("http://x")'
    assert ind["M2"].value == "'＋1"
    assert ind["J2"].value == pytest.approx(87.5) and ind["J2"].number_format == "0.00"
    assert ind["I3"].value == -5 and ind["I3"].data_type == "n"
    assert ind["M3"].value == "'-5"
    assert ind["M4"].value == '\'@SUM(A1) kata "Bu Ani"\nbaris kedua'
    assert ind["J3"].value is None
    kantor = wb["kantor"]
    assert kantor["J2"].value == datetime(2026, 11, 20)
    assert kantor["B3"].value == "Dinas Pariwisata dan Ekonomi Kréatif"
    peg = wb["pegawai_distribusi"]
    assert peg["I2"].value is True and peg["D2"].value is None and peg["I3"].value is None


def test_xlsx_keterangan_documents_every_field(out: Path) -> None:
    wb = openpyxl.load_workbook(out / XLSX_NAME)
    pairs = {(r[0], r[1]) for r in wb["Keterangan"].iter_rows(values_only=True)}
    for table, columns in OPEN_DATA_COLUMNS.items():
        assert all((table, c) in pairs for c in columns)
    assert wb.properties.created == datetime(2026, 11, 24, 6, 30, 15)
    assert wb.properties.title == TITLE


def test_files_are_byte_for_byte_deterministic(new_marts: NewMarts, tmp_path: Path) -> None:
    first = _write(new_marts(), tmp_path / "a")
    second = _write(new_marts(), tmp_path / "b")
    for p, q in zip(first, second, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name


def test_same_instant_in_another_zone_gives_same_bytes(new_marts: NewMarts, tmp_path: Path) -> None:
    wib = timezone(timedelta(hours=7))
    a = _write(new_marts(), tmp_path / "a")
    b = write_open_data(new_marts(), tmp_path / "b", title=TITLE, rule_versions=RULE_VERSIONS,
                        generated_at=GENERATED_AT.astimezone(wib))
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_internal_columns_never_exported(out: Path) -> None:
    for name in out.iterdir():
        if name.suffix in (".csv", ".json") and name.name != "datapackage.json":
            text = name.read_text(encoding="utf-8")
            for internal in ("versi_aturan", "kategori_en", "kurva_pelanggaran",
                             "peringkat_perubahan"):
                assert internal not in text, (name.name, internal)


def test_text_in_number_column_is_a_build_error(new_marts: NewMarts, tmp_path: Path) -> None:
    marts = new_marts()
    marts.indikator.loc[0, "target"] = "sembilan puluh"
    with pytest.raises(BuildError, match=r"indikator\.target"):
        _write(marts, tmp_path)


def test_fraction_in_integer_column_is_a_build_error(new_marts: NewMarts, tmp_path: Path) -> None:
    marts = new_marts()
    marts.pengaduan["masuk"] = [10.5, 0.0]
    with pytest.raises(BuildError, match=r"pengaduan\.masuk"):
        _write(marts, tmp_path)


def test_missing_column_is_a_build_error(new_marts: NewMarts, tmp_path: Path) -> None:
    marts = new_marts()
    marts.skm = marts.skm.drop(columns=["ikm"])
    with pytest.raises(BuildError, match="column missing"):
        _write(marts, tmp_path)


def test_numpy_and_pandas_scalars_are_typed(new_marts: NewMarts, tmp_path: Path) -> None:
    marts = new_marts()
    marts.kantor["diperbarui"] = pd.to_datetime(["2026-11-20 23:59", None])
    marts.kantor["indikator_dilaporkan"] = pd.array([3, None], dtype="Int64")
    marts.kantor["indeks_kinerja"] = [87.5, float("nan")]
    _write(marts, tmp_path)
    lines = (tmp_path / "kantor.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == ("DINKES,Dinas Kesehatan,Kesehatan,2025-TW1,87.5,Baik,3,4,Baik,2026-11-20,"
                        "ok,87.50,1,1.25,82.25,B,120,75.00,true,87.50,87.50,1,1")
    assert lines[2] == ("DISPAR,Dinas Pariwisata dan Ekonomi Kréatif,,2025-TW1,,,,5,,,missing,,0"
                        ",,,,,0.00,false,,87.50,,")


def test_equal_decimals_keep_their_own_digits(new_marts: NewMarts, tmp_path: Path) -> None:
    marts = new_marts()
    marts.indikator["target"] = [Decimal("87.50"), Decimal("87.5"), Decimal("87.500")]
    _write(marts, tmp_path)
    with (tmp_path / "indikator.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [row[7] for row in rows[1:]] == ["87.50", "87.5", "87.500"]
    raw = (tmp_path / "indikator.json").read_text(encoding="utf-8")
    assert '"target": 87.50,' in raw and '"target": 87.5,' in raw and '"target": 87.500,' in raw
    ws = openpyxl.load_workbook(tmp_path / XLSX_NAME)["indikator"]
    assert [ws.cell(r, 8).number_format for r in (2, 3, 4)] == ["0.00", "0.0", "0.000"]


def test_empty_tables_give_header_only_csv_and_empty_json(
        new_marts: NewMarts, tmp_path: Path) -> None:
    marts = new_marts()
    marts.skm = marts.skm.iloc[0:0]
    _write(marts, tmp_path)
    assert (tmp_path / "skm.csv").read_text() == ",".join(OPEN_DATA_COLUMNS["skm"]) + "\n"
    assert (tmp_path / "skm.json").read_text() == "[]\n"


def _formula_elements(path: Path) -> int:
    """Number of `<f>` (formula) elements in the sheets of an XLSX file."""
    with zipfile.ZipFile(path) as zf:
        return sum(zf.read(n).count(b"<f") for n in zf.namelist()
                   if n.startswith("xl/worksheets/") and n.endswith(".xml"))


def _one_indicator(nama: str, penjelasan: str) -> Marts:
    """The sample marts cut to one indicator row holding `nama` and `penjelasan` (the other
    tables empty: only the indicator's text is under test)."""
    marts = _ONE_ROW_MARTS
    indikator = marts.indikator.copy()
    indikator.loc[0, "indikator_nama"] = nama
    indikator.loc[0, "penjelasan"] = penjelasan
    return Marts(kantor=marts.kantor, indikator=indikator, skm=marts.skm,
                 skm_kantor=marts.skm_kantor, pengaduan=marts.pengaduan,
                 pegawai_distribusi=marts.pegawai_distribusi, kantor_profil=marts.kantor_profil,
                 ringkasan=marts.ringkasan)


_ONE_ROW_MARTS = make_export_marts()
_ONE_ROW_MARTS.indikator = _ONE_ROW_MARTS.indikator.iloc[0:1].copy()
for _name in ("kantor", "skm", "pengaduan", "pegawai_distribusi"):
    setattr(_ONE_ROW_MARTS, _name, getattr(_ONE_ROW_MARTS, _name).iloc[0:0])


@given(st.text(), st.text())
def test_any_sheet_text_is_safe_in_csv_and_xlsx(nama: str, penjelasan: str) -> None:
    """Any text of a sheet, typed and written by the CSV, JSON and XLSX writers of the open
    data (the indicator table alone; `write_open_data` end to end: the tests above)."""
    fields = DATA_DICTIONARY["indikator"]
    columns = typed_tables(_one_indicator(nama, penjelasan))["indikator"]
    rows = list(csv.reader(io.StringIO(csv_bytes(fields, columns).decode("utf-8"), newline="")))
    assert len(rows) == 2 and len(rows[1]) == len(OPEN_DATA_COLUMNS["indikator"])
    # published text has no invisible characters (issue 12: bidirectional overrides, zero-width)
    nama, penjelasan = strip_invisible(nama), strip_invisible(penjelasan)
    for cell in (rows[1][2], rows[1][12]):
        assert cell[:1] not in TRIGGER_CHARACTERS
        assert cell.lstrip()[:1] not in TRIGGER_CHARACTERS
        assert cell in ("", nama, penjelasan, "'" + nama, "'" + penjelasan)
    raw = json.loads(json_bytes(fields, columns))
    assert raw[0]["indikator_nama"] == (nama if nama.strip() else None)
    assert raw[0]["penjelasan"] == (penjelasan if penjelasan.strip() else None)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / XLSX_NAME
        write_xlsx(path, {"indikator": columns}, title=TITLE, rule_versions=RULE_VERSIONS,
                   generated_at=GENERATED_AT)
        assert _formula_elements(path) == 0


def test_date_objects_and_iso_strings_in_date_column(new_marts: NewMarts, tmp_path: Path) -> None:
    marts = new_marts()
    marts.kantor["diperbarui"] = [date(2026, 1, 2), "2026-01-03"]
    _write(marts, tmp_path)
    rows = json.loads((tmp_path / "kantor.json").read_bytes())
    assert [r["diperbarui"] for r in rows] == ["2026-01-02", "2026-01-03"]


def test_published_text_has_no_bidirectional_overrides_or_zero_width_characters() -> None:
    """Visual spoofing (issue 12): `Dinas\u202eSK` shows reversed; a zero-width space hides in
    a name. The open data carries the text without them, in every format."""
    fields = DATA_DICTIONARY["indikator"]
    columns = typed_tables(_one_indicator("Dinas\u202e Kes\u200behatan\u2066", "\u200b\ufeff")
                           )["indikator"]
    rows = list(csv.reader(io.StringIO(csv_bytes(fields, columns).decode("utf-8"), newline="")))
    assert rows[1][2] == "Dinas Kesehatan" and rows[1][12] == ""
    raw = json.loads(json_bytes(fields, columns))
    assert raw[0]["indikator_nama"] == "Dinas Kesehatan" and raw[0]["penjelasan"] is None
