"""The workbook source reads what python-calamine leaves blank (formulas without a saved result,
error values) and says why a file cannot be read (not there, password, old .xls, damaged)."""
from __future__ import annotations

import copy
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from sheets_sync.config import PortalConfig
from sheets_sync.errors import SourceError
from sheets_sync.sources.base import FORMULA_WITHOUT_VALUE, OfficeRef
from sheets_sync.sources.workbook import WorkbookSource, read_workbook
from sheets_sync.sources.xlsx_cells import hidden_cells
from sheets_sync.validate import validate_office
from tests.staging.test_validate import VALID

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = date(2026, 11, 24)
DINKES = OfficeRef("DINKES", "Dinas Kesehatan", "dinkes.xlsx")


def _openpyxl(path: Path, tabs: dict, cells: dict[tuple[str, str], object]) -> Path:
    """A workbook as a script writes it: openpyxl saves formulas without their result."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in tabs.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(list(r))
    for (title, ref), value in cells.items():
        cell = wb[title][ref]
        cell.value = value
        if isinstance(value, str) and value.startswith("#"):
            cell.data_type = "e"  # an error value, as Excel saves #REF!
    wb.save(path)
    return path


def _source(folder: Path) -> WorkbookSource:
    return WorkbookSource(PortalConfig.model_validate(
        {"title": "t", "source": {"kind": "workbook", "path": folder}}))


def _findings(path: Path) -> list[tuple[str, str | None, str]]:
    raw = _source(path.parent).read_office(DINKES)
    _, findings = validate_office(raw, DINKES, today=TODAY)
    return sorted((f.tab, f.cell, f.code) for f in findings)


def test_formulas_without_a_saved_result_are_findings_not_blanks(tmp_path: Path) -> None:
    path = _openpyxl(tmp_path / "dinkes.xlsx", copy.deepcopy(VALID), {
        ("Capaian", "C2"): "=1+1",  # target: would read as blank = "not yet reported"
        ("Capaian", "D3"): "=C3*2",  # realisasi
        ("Capaian", "E9"): "=A1",  # beyond the rows calamine returns (penjelasan, row 9)
        ("Capaian", "H2"): "=A1",  # a column outside the contract: ignored
    })
    assert _findings(path) == [("Capaian", "A9", "wajib_diisi"),  # row 9 is not blank now
                               ("Capaian", "B9", "wajib_diisi"),
                               ("Capaian", "C2", "rumus_tanpa_nilai"),
                               ("Capaian", "C9", "wajib_diisi"),
                               ("Capaian", "D3", "rumus_tanpa_nilai"),
                               ("Capaian", "E9", "rumus_tanpa_nilai")]


def test_error_values_are_findings(tmp_path: Path) -> None:
    path = _openpyxl(tmp_path / "dinkes.xlsx", copy.deepcopy(VALID), {
        ("Capaian", "D2"): "#DIV/0!", ("Indikator", "B2"): "#REF!"})
    assert _findings(path) == [("Capaian", "D2", "nilai_galat"),
                               ("Indikator", "B2", "nilai_galat")]
    tabs = read_workbook(path)
    assert tabs["Capaian"][1][3] == "#DIV/0!"  # calamine alone says ""


def test_formulas_with_their_result_saved_read_as_values(tmp_path: Path) -> None:
    path = tmp_path / "dinkes.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for title, rows in VALID.items():
        ws = book.add_worksheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value)
    book.get_worksheet_by_name("Capaian").write_formula("C2", "=45+45", None, 90)
    book.close()
    assert hidden_cells(path) == {}
    assert _findings(path) == []
    assert read_workbook(path)["Capaian"][1][2] == 90


def test_prefixed_namespace_shared_formula_and_cells_without_reference(tmp_path: Path) -> None:
    """SpreadsheetML written with a namespace prefix, a shared formula and cells without `r`
    (all valid ECMA-376) are found the same way."""
    path = _openpyxl(tmp_path / "dinkes.xlsx", copy.deepcopy(VALID), {})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = next(n for n in parts if n.startswith("xl/worksheets/") and b"IKU-01" not in parts[n]
                 and b"Capaian" not in parts[n])  # any sheet will do: rewrite the first one
    xml = (f'<x:worksheet xmlns:x="{main}"><x:sheetData>'
           '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>kode</x:t></x:is></x:c></x:row>'
           '<x:row r="3"><x:c r="A3"><x:f t="shared" si="0" ref="A3:B3">1+1</x:f></x:c>'
           '<x:c><x:f t="shared" si="0"/></x:c></x:row>'
           '</x:sheetData></x:worksheet>').encode()
    parts[sheet] = xml
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    found = hidden_cells(path)
    assert list(found.values()) == [{(2, 0): FORMULA_WITHOUT_VALUE, (2, 1): FORMULA_WITHOUT_VALUE}]


def test_password_protected_workbook(tmp_path: Path) -> None:
    # tests/fixtures/terkunci.xlsx: an openpyxl workbook encrypted with msoffcrypto-tool 6.1.0
    # (`OOXMLFile(f).encrypt("rahasia", out)`): an MS-CFB file holding `EncryptedPackage`
    shutil.copy(FIXTURES / "terkunci.xlsx", tmp_path / "dinkes.xlsx")
    with pytest.raises(SourceError) as info:
        _source(tmp_path).read_office(DINKES)
    assert info.value.code == "berkas_terkunci"
    assert "dinkes.xlsx dilindungi kata sandi" in info.value.message_id  # type: ignore[attr-defined]


def test_a_name_that_differs_only_in_case_is_named(tmp_path: Path) -> None:
    _openpyxl(tmp_path / "DINKES.xlsx", copy.deepcopy(VALID), {})
    with pytest.raises(SourceError) as info:
        _source(tmp_path).read_office(OfficeRef("DINKES", "Dinas Kesehatan", "dinkes.XLSX"))
    err = info.value
    assert err.code == "sumber_salah"
    assert "tidak ditemukan" in err.message_id and "'DINKES.xlsx'" in err.message_id  # type: ignore[attr-defined]
    with pytest.raises(SourceError) as info:  # nothing close: no guess
        _source(tmp_path).read_office(OfficeRef("DINSOS", "Dinas Sosial", "dinsos.xlsx"))
    assert "mungkin" not in info.value.message_id  # type: ignore[attr-defined]


@pytest.mark.parametrize(("content", "said"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088), "Excel lama (.xls 97-2003)"),
    (b"PK\x03\x04 not really a zip", "bukan berkas .xlsx yang utuh"),
    (b"", "bukan berkas .xlsx yang utuh"),
])
def test_unreadable_files_say_why(tmp_path: Path, content: bytes, said: str) -> None:
    (tmp_path / "dinkes.xlsx").write_bytes(content)
    with pytest.raises(SourceError) as info:
        _source(tmp_path).read_office(DINKES)
    assert info.value.code == "sumber_gagal"
    assert said in info.value.message_id  # type: ignore[attr-defined]
