"""The .xlsx package: the zip of a workbook's parts (content types, relationships, workbook,
document properties, styles, shared strings, worksheets).

Nothing reads the clock: zip entries carry a fixed timestamp and the only date in the file is
the `created` document property the caller passes, so the same input gives the same bytes."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbooks.xlsx.text import NS_MAIN, NS_REL, XML_HEAD, SharedStrings, xml_attr, xml_text

__all__ = ["CoreProperties", "SheetXml", "write_package"]

_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_OFFICE = "application/vnd.openxmlformats-officedocument"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


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
