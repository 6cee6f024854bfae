"""The follow-up workbook of one office (`tindak-lanjut-<KODE>.xlsx`): one worksheet per sheet
of `tables.follow_up_sheets`, written by the project's one SpreadsheetML writer
(`workbooks.xlsx`: typed cells, never a formula). The file is readable by its owner only
(mode 0600) and replaces the previous one atomically."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sheets_sync.values import column_letter
from site_builder.tindak_lanjut.tables import Cell, Sheet, sheet_rows
from workbooks.xlsx import (
    BOLD,
    CellFormat,
    CoreProperties,
    SheetXml,
    Styles,
    cell_xml,
    sheet_head,
    sheet_tail,
    write_package,
)

_HEADER = CellFormat(bold=True, fill="FFDDEBF7")
_MAX_WIDTH = 60


def file_name(kode: str) -> str:
    """The workbook's name in the output folder."""
    return f"tindak-lanjut-{kode}.xlsx"


def _cell(value: Cell, ref: str, style: int, places: int) -> str:
    if isinstance(value, Decimal):
        return f'<c r="{ref}" s="{places}"><v>{float(value)!r}</v></c>'
    return cell_xml(value, ref, style)


def _sheet_xml(sheet: Sheet, styles: Styles, selected: bool) -> SheetXml:
    bold, header, places = styles.add(BOLD), styles.add(_HEADER), styles.decimals(2)
    rows = sheet_rows(sheet)
    width = max([len(r) for _, r in rows] + [1])
    widths = [10.0] * width
    for role, cells in rows:
        if role == "title":
            continue
        for c, v in enumerate(cells):
            if v is not None:
                widths[c] = max(widths[c], min(len(str(v)) + 2, _MAX_WIDTH))
    frozen = sheet.blocks[0].title is None  # a single table: its header stays in view
    last = f"{column_letter(width - 1)}{max(len(rows), 1)}"
    xml = [sheet_head(f"A1:{last}", widths, selected=selected, frozen=frozen)]
    for r, (role, cells) in enumerate(rows, start=1):
        style = {"title": bold, "header": header}.get(role, 0)
        xml.append(f'<row r="{r}">' + "".join(
            _cell(v, f"{column_letter(c)}{r}", style, places) for c, v in enumerate(cells))
            + "</row>")
    xml.append(sheet_tail())
    return SheetXml(sheet.name, xml)


def write_follow_up_workbook(path: Path, sheets: Sequence[Sheet], *, title: str,
                             created: datetime) -> Path:
    """Write the workbook to `path` (owner-only, atomically); returns `path`."""
    styles = Styles()
    parts = [_sheet_xml(s, styles, i == 0) for i, s in enumerate(sheets)]
    stamp = created.astimezone(UTC).replace(tzinfo=None) if created.tzinfo else created
    props = CoreProperties(created=stamp, title=title,
                           subject="Tindak lanjut kinerja pegawai (RAHASIA)",
                           keywords="rahasia, tindak lanjut, kinerja pegawai")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)  # mkstemp made it 0600; the zip writer keeps that mode
    try:
        write_package(Path(tmp), parts, styles.xml(), properties=props)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
