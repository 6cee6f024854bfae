"""Reading written workbooks back (shared by the demo tests)."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook


def read_book(path: Path) -> dict[str, list[list[object]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def read_portal(folder: Path) -> dict[str, dict[str, list[list[object]]]]:
    return {p.name: read_book(p) for p in sorted(Path(folder).glob("*.xlsx"))}
