"""The XLSX bundle as spreadsheet readers see it (openpyxl and calamine): typed cells, number
formats, escaped text, sheet layout. Expected values are written by hand from the sample marts."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
from python_calamine import CalamineWorkbook

from site_builder.exports import XLSX_NAME, write_open_data
from site_builder.marts import OPEN_DATA_COLUMNS, Marts

NewMarts = Callable[[], Marts]
RULE_VERSIONS = {"capaian": "capaian-2021.1", "ikm": "ikm-2017.1", "predikat": "predikat-2022.1",
                 "kurva": "kurva-2023.1", "pengaduan": "pengaduan-2024.1"}


def _bundle(marts: Marts, out: Path) -> Path:
    write_open_data(marts, out, title="Portal Uji", rule_versions=RULE_VERSIONS,
                    generated_at=datetime(2026, 11, 24, 6, 30, 15, tzinfo=UTC))
    return out / XLSX_NAME


def test_calamine_reads_typed_cells(marts: Marts, tmp_path: Path) -> None:
    book = CalamineWorkbook.from_path(str(_bundle(marts, tmp_path)))
    assert book.sheet_names == ["Keterangan", *OPEN_DATA_COLUMNS]
    kantor = book.get_sheet_by_name("kantor").to_python()
    assert kantor[0] == OPEN_DATA_COLUMNS["kantor"]
    assert kantor[1][4] == 87.5 and kantor[1][6] == 3 and kantor[1][9] == date(2026, 11, 20)
    indikator = book.get_sheet_by_name("indikator").to_python()
    assert indikator[1][2] == '\'=HYPERLINK("http://x")'
    assert indikator[2][7:9] == [5.0, -5.0]  # target 5.00, realisasi −5: numbers, not text
    peg = book.get_sheet_by_name("pegawai_distribusi").to_python()
    assert peg[1][8] is True and peg[1][3] == ""  # suppressed count: an empty cell


def test_number_formats_follow_the_decimal_places(marts: Marts, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(_bundle(marts, tmp_path))["indikator"]
    # target 90 → "0"; 5.00 → "0.00"; realisasi 78.75 → "0.00"
    assert (ws["H2"].value, ws["H2"].number_format) == (90, "0")
    assert (ws["H3"].value, ws["H3"].number_format) == (5, "0.00")
    assert (ws["I2"].value, ws["I2"].number_format) == (78.75, "0.00")
    assert ws["A2"].number_format == "General"


def test_awkward_text_reads_back_unchanged(new_marts: NewMarts, tmp_path: Path) -> None:
    marts = new_marts()
    texts = ["  spasi di depan", "cr\rdan\r\nlf", "kendali\x01\x1f", "_x0041_ harfiah",
             "a & b <c> \"d\""]
    marts.indikator = pd.concat([marts.indikator] * 2, ignore_index=True).iloc[:len(texts)]
    marts.indikator["penjelasan"] = pd.Series(texts, dtype="object")
    path = _bundle(marts, tmp_path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("indikator").to_python()
    assert [r[12] for r in rows[1:]] == texts  # as Excel reads it
    # openpyxl does not decode Excel's _xHHHH_ escape of characters XML cannot hold
    ws = openpyxl.load_workbook(path)["indikator"]
    assert [ws.cell(r, 13).value for r in range(2, 2 + len(texts))] == [
        "  spasi di depan", "cr_x000D_dan_x000D_\nlf", "kendali_x0001__x001F_",
        "_x0041_ harfiah", "a & b <c> \"d\""]


def test_text_longer_than_a_cell_is_cut_at_32767(new_marts: NewMarts, tmp_path: Path) -> None:
    marts = new_marts()
    marts.indikator["penjelasan"] = pd.Series(["x" * 40_000, "ok", None], dtype="object")
    ws = openpyxl.load_workbook(_bundle(marts, tmp_path))["indikator"]
    assert ws["M2"].value == "x" * 32_767 and ws["M3"].value == "ok" and ws["M4"].value is None


def test_sheet_layout(marts: Marts, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_bundle(marts, tmp_path))
    assert wb.active.title == "Keterangan"
    kantor = wb["kantor"]
    assert kantor.freeze_panes == "A2"
    assert kantor.auto_filter.ref == "A1:W3"  # 23 columns (… office IKM, comparison)
    assert kantor["A1"].font.b and not kantor["A2"].font.b
    # width = longest of header and text + 2, as Excel stores it for Calibri 11:
    # kantor_kode (11) + 2 = 13 → 96 px → 13.7109375; kantor_nama: the 36-character name + 2
    assert kantor.column_dimensions["A"].width == 13.7109375
    assert kantor.column_dimensions["B"].width == 38.7109375
    ket = wb["Keterangan"]
    assert ket["A1"].value == "Portal Uji" and ket["A1"].font.b
    assert ket["B2"].value == "2026-11-24T06:30:15Z"
    assert ket["A7"].alignment.wrap_text
    assert Decimal(str(ket.column_dimensions["E"].width)) == Decimal("60.7109375")
