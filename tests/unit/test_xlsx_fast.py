"""The shared direct .xlsx writer: text escaping, column widths, a package that readers open."""
from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl

from workbooks.xlsx import (
    CoreProperties,
    SharedStrings,
    SheetXml,
    col_width,
    write_package,
    xml_attr,
    xml_text,
)

_STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
           '</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
           'xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
           'builtinId="0"/></cellStyles></styleSheet>')


def test_xml_text_escapes_markup_and_characters_xml_cannot_hold() -> None:
    assert xml_text('a & b <c> "d"') == 'a &amp; b &lt;c&gt; "d"'
    assert xml_attr('"d"') == "&quot;d&quot;"
    assert xml_text("x\x01y\rz") == "x_x0001_y_x000D_z"  # CR too: a parser would make it LF
    assert xml_text("tab\tand\nnewline") == "tab\tand\nnewline"
    assert xml_text("_x0041_") == "_x005F_x0041_"  # literal escape-like text is protected


def test_col_width_is_what_excel_stores_for_calibri_11() -> None:
    # n characters → int(7n + 0.5) + 5 pixels → ⌊pixels × 256 / 7⌋ / 256 characters
    assert col_width(13) == "13.7109375"  # 96 px
    assert col_width(60) == "60.7109375"  # 425 px
    assert col_width(8.43) == "9.140625"  # 64 px, Excel's default column


def test_package_opens_with_strings_properties_and_a_filter(tmp_path: Path) -> None:
    strings = SharedStrings()
    a, b = strings.index("nama"), strings.index("Dinas & Co")
    assert (a, b, strings.index("nama")) == (0, 1, 0)
    strings.count = 3
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2.5</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="b"><v>1</v></c></row>'
             '</sheetData><autoFilter ref="A1:B2"/></worksheet>')
    path = tmp_path / "uji.xlsx"
    props = CoreProperties(created=datetime(2026, 1, 2, 3, 4, 5), title="Uji <1>")
    write_package(path, [SheetXml("Data uji", [sheet], autofilter="A1:B2")], _STYLES,
                  strings=strings, properties=props)
    wb = openpyxl.load_workbook(path)
    ws = wb["Data uji"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["nama", 2.5],
                                                                   ["Dinas & Co", True]]
    assert ws.auto_filter.ref == "A1:B2"
    assert wb.properties.title == "Uji <1>"
    assert wb.properties.created == datetime(2026, 1, 2, 3, 4, 5)
    first = path.read_bytes()
    write_package(path, [SheetXml("Data uji", [sheet], autofilter="A1:B2")], _STYLES,
                  strings=strings, properties=props)
    assert path.read_bytes() == first  # no clock in the file
    with zipfile.ZipFile(path) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
