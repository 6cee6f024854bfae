"""Tabs written back into an office's own spreadsheet (opt-in, `source.write_back`): the
`Validasi` tab of its findings (on schedule by the sync, see `sheets_sync.validasi`), and any
tab replaced by plain values (`tab_batches`: the `Tindak Lanjut` tab of `kinerja tindak-lanjut`).

The `Validasi` tab (values only, no formatting):

    A1 Keadaan          B1 <the office's state sentence: held back or not, and why>
    A2 Diperiksa pada   B2 <time of check>
    A3 Kesalahan        B3 <number of errors>
    A4 Peringatan       B4 <number of warnings>
    A6 Tab | Kesalahan | Peringatan, then one row per tab with findings (counts)
    then a blank row, the header Kode temuan | Tingkat | Tab | Sel | Kolom | Nilai | Pesan |
    Cara memperbaiki | Tautan, and one row per finding; when clean, A6 "Tidak ada temuan".

Cells are written with `updateCells` and typed values (`stringValue`/`numberValue`), so text from
the sheet is never parsed as a formula. The only formula is the link, a one-argument
`=HYPERLINK("…")` (no argument separator, so it works whatever the spreadsheet's locale).

Google recommends at most 2 MB per request (Sheets API "Usage limits"); 5,000 findings make about
3 MB of `updateCells`, so `writeback_batches` splits the rows over as many batchUpdates as needed,
each body under `MAX_REQUEST_BYTES`."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from sheets_sync.findings import ERROR, WARNING, Finding, OfficeState

TAB_TITLE = "Validasi"
HEADER = ("Kode temuan", "Tingkat", "Tab", "Sel", "Kolom", "Nilai", "Pesan", "Cara memperbaiki",
          "Tautan")
COUNTS_HEADER = ("Tab", ERROR.label.capitalize(), WARNING.label.capitalize())
CLEAN = "Tidak ada temuan"
MAX_FINDING_ROWS = 5000  # the rest is summed up in one line (the full report is private)
MAX_REQUEST_BYTES = 1_500_000  # per batchUpdate body: under Google's 2 MB, with room to spare
NEW_SHEET_ID = 900_001  # sheetId asked for when the tab is created (any unused id is valid)


Batches = Callable[[list[dict[str, Any]]], list[list[dict[str, Any]]]]
"""What makes the batchUpdate bodies of a write from the spreadsheet's `sheets[].properties`."""


def sheet_url(key: str) -> str:
    return f"https://docs.google.com/spreadsheets/d/{key}"


def cell_url(key: str, sheet_id: int | None, tab: str, cell: str | None) -> str:
    """Link to a cell (or to the tab when `cell` is None).

    With the tab's sheetId: `…/edit#gid=<id>&range=<A1>` (the form Google documents).
    Without it (the plain values read does not return sheetIds): `…/edit#range=<'Tab'!A1>`,
    which at worst opens the spreadsheet at its first tab."""
    if sheet_id is not None:
        return f"{sheet_url(key)}/edit#gid={sheet_id}" + (f"&range={cell}" if cell else "")
    quoted = "'" + tab.replace("'", "''") + "'"
    target = f"{quoted}!{cell}" if cell else f"{quoted}!A1"
    return f"{sheet_url(key)}/edit#range={quote(target, safe='!')}"


def _text(value: str | None) -> dict[str, Any]:
    return {"userEnteredValue": {"stringValue": value}} if value else {}


def _number(value: int) -> dict[str, Any]:
    return {"userEnteredValue": {"numberValue": value}}


def _link(url: str | None) -> dict[str, Any]:
    if not url or '"' in url:
        return {}
    return {"userEnteredValue": {"formulaValue": f'=HYPERLINK("{url}")'}}


def _sort_key(f: Finding) -> tuple[int, str, int, int, str]:
    col = f.column or ""
    return (0 if f.severity == ERROR else 1, f.tab, f.row or 0, len(col), col)


def format_checked_at(checked_at: datetime) -> str:
    text = checked_at.strftime("%Y-%m-%d %H:%M")
    tz = checked_at.tzname()
    return f"{text} {tz}" if tz else text


def validasi_rows(findings: list[Finding], checked_at: datetime, *, key: str,
                  sheet_ids: dict[str, int], state: OfficeState) -> list[dict[str, Any]]:
    """The `rows` of one `updateCells` request (RowData list) for the Validasi tab.

    `sheet_ids` maps each tab title (as found) to its sheetId, for the links; `state` is the
    office's state of this run (its sentence opens the tab)."""
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = sum(1 for f in findings if f.severity == WARNING)
    rows: list[dict[str, Any]] = [
        {"values": [_text("Keadaan"), _text(state.kalimat)]},
        {"values": [_text("Diperiksa pada"), _text(format_checked_at(checked_at))]},
        {"values": [_text(ERROR.label.capitalize()), _number(errors)]},
        {"values": [_text(WARNING.label.capitalize()), _number(warnings)]},
        {},
    ]
    if not findings:
        rows.append({"values": [_text(CLEAN)]})
        return rows
    rows.append({"values": [_text(h) for h in COUNTS_HEADER]})
    per_tab: dict[str, list[int]] = {}
    for f in findings:
        per_tab.setdefault(f.tab or "-", [0, 0])[0 if f.severity == ERROR else 1] += 1
    for tab, (e, w) in sorted(per_tab.items()):
        rows.append({"values": [_text(tab), _number(e), _number(w)]})
    rows += [{}, {"values": [_text(h) for h in HEADER]}]
    by_title = {t.strip().casefold(): sid for t, sid in sheet_ids.items()}
    ordered = sorted(findings, key=_sort_key)
    for f in ordered[:MAX_FINDING_ROWS]:
        sid = by_title.get(f.tab.strip().casefold()) if f.tab else None
        url = cell_url(key, sid, f.tab, f.cell) if sid is not None else None
        rows.append({"values": [
            _text(f.code), _text(f.severity.label.capitalize()), _text(f.tab),
            _text(f.cell), _text(f.header or f.column), _text(f.value), _text(f.message),
            _text(f.hint), _link(url),
        ]})
    if len(ordered) > MAX_FINDING_ROWS:
        rest = len(ordered) - MAX_FINDING_ROWS
        more = f"… dan {rest} temuan lainnya (lihat laporan validasi lengkap)"
        rows.append({"values": [_text(more)]})
    return rows


def writeback_requests(findings: list[Finding], checked_at: datetime, *, key: str,
                       sheets: list[dict[str, Any]], state: OfficeState) -> list[dict[str, Any]]:
    """The body `requests` of ONE `spreadsheets:batchUpdate` that writes the Validasi tab
    (`tab_requests`). `sheets` is the metadata's `sheets[].properties` list."""
    sheet_ids = {p["title"]: int(p["sheetId"]) for p in sheets}
    rows = validasi_rows(findings, checked_at, key=key, sheet_ids=sheet_ids, state=state)
    return tab_requests(TAB_TITLE, rows, sheets, width=len(HEADER))


def writeback_batches(findings: list[Finding], checked_at: datetime, *, key: str,
                      sheets: list[dict[str, Any]],
                      state: OfficeState) -> list[list[dict[str, Any]]]:
    """The `requests` of each batchUpdate that writes the Validasi tab (`tab_batches`)."""
    sheet_ids = {p["title"]: int(p["sheetId"]) for p in sheets}
    rows = validasi_rows(findings, checked_at, key=key, sheet_ids=sheet_ids, state=state)
    return tab_batches(TAB_TITLE, rows, sheets, width=len(HEADER))


def value_rows(rows: Sequence[Sequence[object]]) -> list[dict[str, Any]]:
    """RowData of plain values: text as `stringValue` (never parsed, so never a formula),
    numbers (int, float, Decimal) as `numberValue`, None or "" as an empty cell."""
    def cell(value: object) -> dict[str, Any]:
        if value is None or value == "":
            return {}
        if isinstance(value, bool):
            return {"userEnteredValue": {"boolValue": value}}
        if isinstance(value, (int, float, Decimal)):
            return {"userEnteredValue": {"numberValue": float(value) if isinstance(
                value, Decimal) else value}}
        return {"userEnteredValue": {"stringValue": str(value)}}
    return [{"values": [cell(v) for v in row]} if row else {} for row in rows]


def tab_requests(title: str, rows: list[dict[str, Any]], sheets: list[dict[str, Any]], *,
                 width: int) -> list[dict[str, Any]]:
    """The body `requests` of ONE `spreadsheets:batchUpdate` that replaces the values of the
    tab `title` with `rows` (RowData, from A1): add the tab when missing, grow it when too
    small for `len(rows)` × `width`, clear its values, write the rows.

    `sheets` is the metadata's `sheets[].properties` list (sheetId, title, gridProperties)."""
    sheet_ids = {p["title"]: int(p["sheetId"]) for p in sheets}
    needed_rows, needed_cols = len(rows), width
    wanted = title.casefold()
    existing = next((p for p in sheets if p["title"].strip().casefold() == wanted), None)
    requests: list[dict[str, Any]] = []
    if existing is None:
        sid = NEW_SHEET_ID
        while sid in sheet_ids.values():
            sid += 1
        requests.append({"addSheet": {"properties": {
            "sheetId": sid, "title": title, "index": len(sheets),
            "gridProperties": {"rowCount": max(1000, needed_rows),
                               "columnCount": max(26, needed_cols), "frozenRowCount": 0},
        }}})
    else:
        sid = int(existing["sheetId"])
        grid = existing.get("gridProperties") or {}
        rows_now, cols_now = grid.get("rowCount", 1000), grid.get("columnCount", 26)
        if rows_now < needed_rows or cols_now < needed_cols:
            requests.append({"updateSheetProperties": {
                "properties": {"sheetId": sid, "gridProperties": {
                    "rowCount": max(rows_now, needed_rows),
                    "columnCount": max(cols_now, needed_cols)}},
                "fields": "gridProperties.rowCount,gridProperties.columnCount",
            }})
        requests.append({"updateCells": {"range": {"sheetId": sid}, "fields": "userEnteredValue"}})
    requests.append({"updateCells": {
        "start": {"sheetId": sid, "rowIndex": 0, "columnIndex": 0},
        "rows": rows,
        "fields": "userEnteredValue",
    }})
    return requests


def tab_batches(title: str, rows: list[dict[str, Any]], sheets: list[dict[str, Any]], *,
                width: int) -> list[list[dict[str, Any]]]:
    """The `requests` of each batchUpdate that replaces the tab `title` with `rows`, in order:
    the first adds, grows or clears the tab and writes the first rows; each further one writes
    the next rows. Every body (as JSON, the way it is sent) stays under `MAX_REQUEST_BYTES`."""
    *head, write = tab_requests(title, rows, sheets, width=width)
    cells = write["updateCells"]
    empty = {"updateCells": {**cells, "rows": []}}
    budget = MAX_REQUEST_BYTES - len(json.dumps({"requests": [*head, empty]}))
    batches: list[list[dict[str, Any]]] = []
    row_index = cells["start"]["rowIndex"]
    for chunk in _chunks(cells["rows"], budget):
        start = {**cells["start"], "rowIndex": row_index}
        request = {"updateCells": {"start": start, "rows": chunk, "fields": cells["fields"]}}
        batches.append(([*head] if not batches else []) + [request])
        row_index += len(chunk)
    return batches


def _chunks(rows: list[dict[str, Any]], budget: int) -> list[list[dict[str, Any]]]:
    """`rows` in consecutive runs whose JSON fits `budget` bytes (at least one row each)."""
    chunks: list[list[dict[str, Any]]] = [[]]
    used = 0
    for row in rows:
        size = len(json.dumps(row)) + 2  # the row and its separator
        if chunks[-1] and used + size > budget:
            chunks.append([])
            used = 0
        chunks[-1].append(row)
        used += size
    return chunks
