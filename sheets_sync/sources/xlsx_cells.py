"""What python-calamine does not tell about an .xlsx: cells holding a formula whose result was
never saved, and cells holding an error value (`#REF!`, `#N/A`, …). Calamine reads both as blank,
i.e. "not yet reported"; here they are found in the sheet XML itself (SpreadsheetML, ECMA-376
Part 1 §18.3.1.4 `c`: a formula `f` with its last computed value `v`; `t="e"` for an error).

Cheap for the common workbook: each sheet's XML is inflated and searched for a formula or error
with `bytes.find` (`_NEEDLES`); only a sheet that has one is parsed (lxml `iterparse`)."""
from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from lxml import etree

from sheets_sync.sources.base import FORMULA_WITHOUT_VALUE, RawTab

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
# a sheet with a formula has a `</f>` (`</x:f>` with a namespace prefix): the cells of a shared
# formula (`<f t="shared" si="0"/>`) always have a master cell holding its text; an error cell is
# `t="e"`. Four `bytes.find`s: ~55 ms for the 24 MB of sheet XML of 50 kabupaten workbooks, where
# a search for `<f` alone (`<` starts every tag) took ~300 ms
_NEEDLES = (b"</f>", b":f>", b't="e"', b"t='e'")
_NO_VALUE_TYPES = (None, "n", "b", "d")  # a formula of these types without `v` has no result
Hidden = dict[tuple[int, int], object]  # (row, column), 0-based -> FORMULA_WITHOUT_VALUE or text


class XlsxStructureError(ValueError):
    """The package is not the SpreadsheetML calamine just read (should not happen)."""


def hidden_cells(path: Path) -> dict[str, Hidden]:
    """Per sheet name, the cells calamine reads as blank that are not: formulas without a saved
    result (`FORMULA_WITHOUT_VALUE`) and error values (their text, e.g. `#REF!`)."""
    try:
        with zipfile.ZipFile(path) as package:
            found: dict[str, Hidden] = {}
            for name, part in _sheet_parts(package).items():
                data = package.read(part)
                if any(needle in data for needle in _NEEDLES):
                    cells = _scan(data)
                    if cells:
                        found[name] = cells
            return found
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ParseError) as exc:
        raise XlsxStructureError(f"{exc.__class__.__name__}: {exc}") from None


def apply_hidden(grid: RawTab, cells: Hidden) -> RawTab:
    """`grid` with the hidden cells written where calamine left them blank (rows and columns
    added when they lie beyond calamine's range)."""
    for (r, c), value in cells.items():
        while len(grid) <= r:
            grid.append([])
        row = grid[r]
        if len(row) <= c:
            row.extend([""] * (c + 1 - len(row)))
        if row[c] is None or row[c] == "":
            row[c] = value
    return grid


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member of its XML, via the workbook part and its relationships."""
    workbook = _office_document(package)
    rels_path = posixpath.join(posixpath.dirname(workbook), "_rels",
                               posixpath.basename(workbook) + ".rels")
    targets = {}
    for rel in etree.fromstring(package.read(rels_path)).iter(f"{{{PKG_REL}}}Relationship"):
        targets[rel.get("Id")] = _resolve(workbook, rel.get("Target") or "")
    parts = {}
    for sheet in etree.fromstring(package.read(workbook)).iter(f"{{{MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL}}}id"))
        if target and target in package.NameToInfo:
            parts[sheet.get("name") or ""] = target
    return parts


def _office_document(package: zipfile.ZipFile) -> str:
    try:
        root = etree.fromstring(package.read("_rels/.rels"))
    except KeyError:
        return "xl/workbook.xml"
    for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
        if (rel.get("Type") or "").endswith("/officeDocument"):
            return _resolve("", rel.get("Target") or "xl/workbook.xml")
    return "xl/workbook.xml"


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _scan(data: bytes) -> Hidden:
    """The hidden cells of one sheet's XML."""
    cells: Hidden = {}
    row_index, col_index = -1, -1
    c_tag, row_tag = f"{{{MAIN}}}c", f"{{{MAIN}}}row"
    f_tag, v_tag = f"{{{MAIN}}}f", f"{{{MAIN}}}v"
    for event, el in etree.iterparse(io.BytesIO(data), events=("start", "end"),
                                     tag=(row_tag, c_tag), huge_tree=True):
        if event == "start":
            if el.tag == row_tag:
                r = el.get("r")
                row_index = int(r) - 1 if r and r.isdigit() else row_index + 1
                col_index = -1
            continue
        if el.tag == c_tag:
            row_index, col_index = _position(el.get("r"), row_index, col_index)
            kind = el.get("t")
            v = el.find(v_tag)
            value = v.text if v is not None else None
            if kind == "e" and value:
                cells[(row_index, col_index)] = value.strip()
            elif el.find(f_tag) is not None and not value and kind in _NO_VALUE_TYPES:
                cells[(row_index, col_index)] = FORMULA_WITHOUT_VALUE
        el.clear()
    return cells


def _position(ref: str | None, row_index: int, col_index: int) -> tuple[int, int]:
    """(row, column) 0-based of a cell: from its `r` ("C12"), else the next in its row."""
    if not ref:
        return row_index, col_index + 1
    letters = ref.rstrip("0123456789")
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    digits = ref[len(letters):]
    return (int(digits) - 1 if digits else row_index), col - 1
