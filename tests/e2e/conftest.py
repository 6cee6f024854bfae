"""End-to-end fixtures: small portals written as real .xlsx files, built with `kinerja`."""
from __future__ import annotations

from pathlib import Path

import openpyxl


def write_xlsx(path: Path, tabs: dict[str, list[list[object]]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in tabs.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(list(r))
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # literal text typed by a user, not a formula
    wb.save(path)
