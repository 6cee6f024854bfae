"""A small, direct SpreadsheetML (.xlsx) writer shared by the demo data and the open-data bundle.

Why not xlsxwriter: it spends about a microsecond of Python per cell (dispatch, a cell object,
then the XML), which is most of a build's time for a kabupaten-scale open-data bundle and for
national-scale demo workbooks. Here a caller builds the worksheet XML text itself (row by row
with `rows_sheet_xml`, or column-wise with numpy in `site_builder.exports`) and
`write_package` zips the parts. The cells read back the same as xlsxwriter's (openpyxl,
calamine): text is escaped the way Excel and xlsxwriter do (`_xHHHH_` for characters XML cannot
hold), numbers are plain `<v>` numbers, dates are serial numbers with a date format.

Nothing reads the clock: zip entries carry a fixed timestamp and the only date in the file is
the `created` document property the caller passes, so the same input gives the same bytes.
No cell is ever written as a formula (`<f>`): text is always a string cell.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from sheets_sync.values import column_letter

__all__ = [
    "NS_MAIN", "NS_REL", "XML_HEAD", "CoreProperties", "SharedStrings", "SheetXml",
    "cell_xml", "col_width", "rows_sheet_xml", "write_package", "write_sheets", "xml_attr",
    "xml_text",
]

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_OFFICE = "application/vnd.openxmlformats-officedocument"
# Characters XML 1.0 cannot hold (and CR, which an XML parser would turn into LF), plus literal
# `_xHHHH_` text that a reader would otherwise take for Excel's escape.
_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_SERIAL_DATE = dt.date(1899, 12, 30)
_SERIAL_DATETIME = dt.datetime(1899, 12, 30)
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# Styles of `rows_sheet_xml` (demo workbooks): 1 date, 2 date+time, 3 bold header on blue.
_ROW_STYLES = (
    XML_HEAD + f'<styleSheet xmlns="{NS_MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/>'
    "</patternFill></fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


# --------------------------------------------------------------------------- text


def xml_text(text: str) -> str:
    """`text` ready for an XML element: `& < >` escaped, and characters XML cannot hold as
    Excel's `_xHHHH_` escape (a literal `_xHHHH_` gets `_x005F` in front, as Excel does)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if _CTRL.search(text):
        text = _CTRL.sub(
            lambda m: (
                f"_x{ord(m.group(0)[0]):04X}_" if len(m.group(0)) == 1 else f"_x005F{m.group(0)}"
            ),
            text,
        )
    return text


def xml_attr(text: str) -> str:
    """`text` ready for a double-quoted XML attribute."""
    return xml_text(text).replace('"', "&quot;")


def _t_element(text: str) -> str:
    """`<t>` element of a string (keeps leading/trailing whitespace, which readers may trim)."""
    sp = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f"<t{sp}>{xml_text(text)}</t>"


def col_width(chars: float) -> str:
    """The `<col width>` Excel (and xlsxwriter) stores for a width of `chars` characters of
    Calibri 11 (7-pixel digits, 5 pixels padding), as text."""
    pixels = int(chars * 7 + 0.5) + 5 if chars >= 1 else int(chars * 12 + 0.5)
    return f"{(pixels * 256 // 7) / 256:.16g}"


class SharedStrings:
    """The workbook's shared string table: each distinct text is stored once, cells refer to
    it by index (the layout Excel itself writes; smaller files for repetitive text)."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.count = 0  # string cells referring to the table

    def index(self, text: str) -> int:
        """Index of non-empty `text` (added on first use)."""
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self._index)
        return i

    def xml(self) -> str:
        items = "".join(f"<si>{_t_element(t)}</si>" for t in self._index)
        return (XML_HEAD + f'<sst xmlns="{NS_MAIN}" count="{self.count}" '
                f'uniqueCount="{len(self._index)}">{items}</sst>')


# --------------------------------------------------------------------------- package


@dataclass(frozen=True)
class CoreProperties:
    """Document properties (docProps/core.xml); `created` is naive UTC, also used as modified."""

    created: dt.datetime
    title: str = ""
    subject: str = ""
    keywords: str = ""
    comments: str = ""


@dataclass
class SheetXml:
    """One worksheet: its name and its XML text in parts (streamed into the zip).
    `autofilter` (a range such as `A1:M18001`) adds the hidden `_FilterDatabase` name Excel
    expects next to a sheet's `<autoFilter>` element."""

    name: str
    parts: Iterable[str]
    autofilter: str | None = None


def _core_xml(props: CoreProperties) -> str:
    stamp = props.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
        '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(props.title)}</dc:title>"
        f"<dc:subject>{xml_text(props.subject)}</dc:subject><dc:creator></dc:creator>"
        f"<cp:keywords>{xml_text(props.keywords)}</cp:keywords>"
        f"<dc:description>{xml_text(props.comments)}</dc:description>"
        "<cp:lastModifiedBy></cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app_xml(names: Sequence[str]) -> str:
    titles = "".join(f"<vt:lpstr>{xml_text(n)}</vt:lpstr>" for n in names)
    return (
        XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>'
        '<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant">'
        "<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>"
        f"<vt:variant><vt:i4>{len(names)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{len(names)}" baseType="lpstr">{titles}</vt:vector>'
        "</TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion>"
        "</Properties>"
    )


def _absolute_range(ref: str) -> str:
    """`A1:M18001` -> `$A$1:$M$18001`."""
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in ref.split(":"))


def write_package(path: Path, sheets: Sequence[SheetXml], styles: str, *,
                  strings: SharedStrings | None = None,
                  properties: CoreProperties | None = None) -> None:
    """Zip the parts of a workbook into `path`: the sheets (the first one is active), the
    stylesheet XML `styles`, and optionally a shared string table and document properties.
    Entries are deflated at zlib's default level and have a fixed date, so identical parts
    give identical bytes."""

    def info(name: str) -> zipfile.ZipInfo:
        zi = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
        zi.compress_type = zipfile.ZIP_DEFLATED
        return zi

    n = len(sheets)
    ws_type = f"{_CT_OFFICE}.spreadsheetml.worksheet+xml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{ws_type}"/>'
        for i in range(1, n + 1))
    if properties is not None:
        overrides = (
            f'<Override PartName="/docProps/app.xml" ContentType="{_CT_OFFICE}'
            '.extended-properties+xml"/><Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            + overrides)
    if strings is not None:
        overrides += (f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT_OFFICE}'
                      '.spreadsheetml.sharedStrings+xml"/>')
    content_types = (
        XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        + overrides
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/></Types>'
    )
    root_rels = (
        XML_HEAD + f'<Relationships xmlns="{_NS_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{NS_REL}/officeDocument" Target="xl/workbook.xml"/>'
    )
    if properties is not None:
        root_rels += (
            f'<Relationship Id="rId2" Type="{_NS_PKG_REL}/metadata/core-properties" '
            'Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{NS_REL}/extended-properties" '
            'Target="docProps/app.xml"/>')
    root_rels += "</Relationships>"
    defined = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"'{xml_text(s.name.replace(chr(39), chr(39) * 2))}'!{_absolute_range(s.autofilter)}"
        "</definedName>"
        for i, s in enumerate(sheets) if s.autofilter)
    workbook = (
        XML_HEAD + f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><bookViews><workbookView/>'
        "</bookViews><sheets>"
        + "".join(
            f'<sheet name="{xml_attr(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(sheets, start=1)
        )
        + "</sheets>"
        + (f"<definedNames>{defined}</definedNames>" if defined else "")
        + "</workbook>"
    )
    wb_rels = (
        XML_HEAD + f'<Relationships xmlns="{_NS_PKG_REL}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{NS_REL}/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="{NS_REL}/styles" Target="styles.xml"/>'
        + (f'<Relationship Id="rId{n + 2}" Type="{NS_REL}/sharedStrings" '
           'Target="sharedStrings.xml"/>' if strings is not None else "")
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        parts = [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", root_rels),
        ]
        if properties is not None:
            parts += [("docProps/app.xml", _app_xml([s.name for s in sheets])),
                      ("docProps/core.xml", _core_xml(properties))]
        parts += [
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", wb_rels),
            ("xl/styles.xml", styles),
        ]
        for name, text in parts:
            zf.writestr(info(name), text)
        for i, sheet in enumerate(sheets, start=1):
            with zf.open(info(f"xl/worksheets/sheet{i}.xml"), "w", force_zip64=True) as fh:
                for part in sheet.parts:
                    fh.write(part.encode("utf-8"))
        if strings is not None:  # after the sheets: they may add strings while streaming
            zf.writestr(info("xl/sharedStrings.xml"), strings.xml())


# --------------------------------------------------------------------------- row-wise sheets


class RowSheet(Protocol):
    """What `rows_sheet_xml` reads of a sheet (e.g. `workbooks.demo.Sheet`)."""

    name: str
    headers: list[str]
    rows: list[list[object]]


def cell_xml(value: object, ref: str, style: int = 0) -> str:
    """One `<c>` element at `ref` with an inline string, number, boolean or date serial
    (style 1 = date, 2 = date+time in `rows_sheet_xml`'s styles); "" for a blank cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        if not value:
            return ""
        s = f' s="{style}"' if style else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is>{_t_element(value)}</is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime):
        serial = (value - _SERIAL_DATETIME).total_seconds() / 86400
        return f'<c r="{ref}" s="2"><v>{serial!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="1"><v>{(value - _SERIAL_DATE).days}</v></c>'
    if isinstance(value, (np.integer, np.floating)):
        return cell_xml(value.item(), ref)
    return cell_xml(str(value), ref)


def rows_sheet_xml(sheet: RowSheet, selected: bool) -> Iterator[str]:
    """Worksheet XML of a row-wise sheet in chunks: bold header row, frozen below it, column
    widths from the header lengths, then every row with inline strings."""
    ncols = max([len(sheet.headers)] + [len(r) for r in sheet.rows])
    letters = [column_letter(c) for c in range(ncols)]
    last = max(1, len(sheet.rows) + 1)
    sel = 'tabSelected="1" ' if selected else ""
    cols = "".join(
        f'<col min="{c + 1}" max="{c + 1}" width="{max(10, min(45, len(h) + 4))}" customWidth="1"/>'
        for c, h in enumerate(sheet.headers)
    )
    yield (
        XML_HEAD + f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">'
        f'<dimension ref="A1:{letters[-1]}{last}"/>'
        f'<sheetViews><sheetView {sel}workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
    )
    yield (
        '<row r="1">'
        + "".join(cell_xml(h, f"{letters[c]}1", 3) for c, h in enumerate(sheet.headers))
        + "</row>"
    )
    cell = cell_xml
    chunk: list[str] = []
    for r, row in enumerate(sheet.rows, start=2):
        rs = str(r)
        chunk.append(
            f'<row r="{rs}">'
            + "".join([cell(v, letters[c] + rs) for c, v in enumerate(row)])
            + "</row>"
        )
        if len(chunk) >= 2000:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)
    yield (
        '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
        'header="0.3" footer="0.3"/></worksheet>'
    )


def write_sheets(path: Path, sheets: list[RowSheet]) -> None:
    """Write row-wise sheets as an .xlsx with inline strings (the demo's fast engine)."""
    write_package(
        Path(path),
        [SheetXml(s.name, rows_sheet_xml(s, i == 0)) for i, s in enumerate(sheets)],
        _ROW_STYLES,
    )
