from __future__ import annotations

import openpyxl
import pytest

from sheets_sync import contracts as C
from workbooks.template import LAST_ROW, write_registry_template, write_template


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "sub" / "template.xlsx"
    write_template(path)
    return openpyxl.load_workbook(path)


def _validations(ws) -> dict[str, object]:
    """Column letter -> the data validation covering rows 2..LAST_ROW of it."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            start, end = rng.split(":")
            assert start[1:] == "2" and end[1:] == str(LAST_ROW)
            assert start[0] == end[0] or start.rstrip("0123456789") == end.rstrip("0123456789")
            out[start.rstrip("0123456789")] = dv
    return out


def test_tabs_and_headers(book):
    assert book.sheetnames == ["Petunjuk"] + [t.name for t in C.TEMPLATE_TABS]
    assert book.sheetnames[-1] == "UmpanBalik"  # issue 17: the optional feedback tab, last
    for tab in C.TEMPLATE_TABS:
        ws = book[tab.name]
        assert [c.value for c in ws[1]] == tab.headers
        assert all(c.font.b for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.max_row == 1  # blank: nothing but the header row
        for i in range(len(tab.headers)):
            assert ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width >= 10


def test_validations_follow_the_contract(book):
    for tab in C.TEMPLATE_TABS:
        ws = book[tab.name]
        dvs = _validations(ws)
        for i, col in enumerate(tab.columns):
            letter = openpyxl.utils.get_column_letter(i + 1)
            if col.kind == "enum":
                dv = dvs[letter]
                assert dv.type == "list"
                assert dv.formula1 == '"' + ",".join(col.choices) + '"'
            elif col.kind == "integer":
                dv = dvs[letter]
                assert (dv.type, dv.operator, dv.formula1, dv.formula2) == (
                    "whole",
                    "between",
                    "1",
                    "4",
                )
            elif col.kind == "number":
                dv = dvs[letter]
                assert dv.type == "decimal" and dv.formula1 == "0"
                assert dv.operator in ("greaterThanOrEqual", "greaterThan")
            elif col.kind == "date":
                assert dvs[letter].type == "date"
            else:
                assert letter not in dvs
    # the enum columns the brief names, explicitly
    expected = {
        ("Indikator", "jenis"): C.JENIS_INDIKATOR,
        ("Indikator", "arah"): C.ARAH,
        ("Pegawai", "hasil_kerja"): C.RATINGS,
        ("Pegawai", "perilaku_kerja"): C.RATINGS,
        ("Organisasi", "predikat_organisasi"): C.PREDIKAT_ORGANISASI,
        ("Pengaduan", "kategori"): C.KATEGORI_PENGADUAN,
        ("UmpanBalik", "sumber"): C.SUMBER_UMPAN_BALIK,
    }
    for (tab_name, header), choices in expected.items():
        tab = next(t for t in C.TEMPLATE_TABS if t.name == tab_name)
        letter = openpyxl.utils.get_column_letter(tab.headers.index(header) + 1)
        assert _validations(book[tab_name])[letter].formula1.strip('"').split(",") == list(choices)
    for u in C.UNSUR:
        letter = openpyxl.utils.get_column_letter(C.SKM.headers.index(u) + 1)
        assert _validations(book["SKM"])[letter].type == "whole"


def test_text_columns_stay_text(book):
    assert book["Pegawai"].column_dimensions["A"].number_format == "@"  # 18-digit NIP
    assert book["Capaian"].column_dimensions["B"].number_format == "@"  # 2025-01 is not a date
    assert book["UmpanBalik"].column_dimensions["A"].number_format == "@"  # 18-digit NIP


def test_petunjuk_explains_every_column(book):
    text = "\n".join(
        str(v) for row in book["Petunjuk"].iter_rows(values_only=True) for v in row if v
    )
    for tab in C.TEMPLATE_TABS:
        assert tab.name in text and tab.help in text
        for col in tab.columns:
            assert col.help in text
    for fragment in ("2025-TW1", "2025-S1", "2025-01", "RAHASIA", "tidak pernah", "kinerja check"):
        assert fragment.lower() in text.lower()


def test_registry_template(tmp_path):
    path = tmp_path / "kantor.xlsx"
    write_registry_template(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Petunjuk", C.REGISTRY.name]
    ws = wb[C.REGISTRY.name]
    assert [c.value for c in ws[1]] == C.REGISTRY.headers
    letter = openpyxl.utils.get_column_letter(C.REGISTRY.headers.index("frekuensi") + 1)
    assert _validations(ws)[letter].formula1 == '"' + ",".join(C.FREKUENSI) + '"'
