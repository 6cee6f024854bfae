"""Open-data files of the portal (PRODUCT.md §7): CSV, JSON, an XLSX bundle and datapackage.json.

Everything is read from `Marts.open_data()` (the protected public tables, exact columns of
`OPEN_DATA_COLUMNS`) and typed by the data dictionary (`fields.DATA_DICTIONARY`):

- `cells.py`: each published column typed once per distinct value;
- `text.py`: CSV and JSON bytes; `xlsx.py`: the XLSX bundle; `datapackage.py`: its descriptor;
- `safe_text.py`: the one formula-injection guard of every CSV/XLSX text cell.

Machine formats: `.` decimals (a `Decimal` is written with its own digits, `Decimal("87.50")` →
`87.50`), ISO dates (`YYYY-MM-DD`), booleans `true`/`false`, UTF-8 without BOM, `\\n` line ends.
Blank cells are empty in CSV and XLSX and `null` in JSON. JSON keeps the raw text: no
spreadsheet executes JSON, and consumers of JSON want the exact value.

Output is byte-for-byte deterministic for the same input: rows keep the order given, keys keep
a fixed order, and the only timestamp is `generated_at` (datapackage `created` and the XLSX
document properties).
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from site_builder.exports.cells import Cell, Rows, typed_tables
from site_builder.exports.datapackage import (
    DATAPACKAGE_NAME,
    LICENSE,
    OFFICE_TABLES,
    XLSX_NAME,
    datapackage_descriptor,
    office_folder,
    office_schema,
    office_schema_path,
)
from site_builder.exports.fields import DATA_DICTIONARY, data_dictionary
from site_builder.exports.text import csv_bytes, csv_bytes_by, json_bytes
from site_builder.exports.xlsx import write_xlsx
from site_builder.marts import Marts

__all__ = [
    "DATAPACKAGE_NAME", "LICENSE", "OFFICE_TABLES", "XLSX_NAME", "Cell", "data_dictionary",
    "datapackage_descriptor", "office_folder", "open_data_rows", "write_open_data",
]


def open_data_rows(marts: Marts) -> dict[str, Rows]:
    """The public tables as typed rows (column order of `OPEN_DATA_COLUMNS`, row order
    as given). Raises `BuildError` when a column is missing or a value does not fit its type."""
    return {table: list(zip(*[c.cells() for c in columns], strict=True))
            for table, columns in typed_tables(marts).items()}


def write_open_data(marts: Marts, out_dir: Path, *, title: str, rule_versions: dict[str, str],
                    generated_at: datetime) -> list[Path]:
    """Write the open-data files into `out_dir` (created if needed) and return their paths:
    `<table>.csv` and `<table>.json` for each table of `OPEN_DATA_COLUMNS`, each office's own rows
    `kantor/<kode>/<table>.csv` (`OFFICE_TABLES`) with their schemas `schema/<table>.json`,
    `data-terbuka.xlsx`, `datapackage.json`.
    Raises `BuildError` when the marts do not fit the data dictionary."""
    tables = typed_tables(marts)
    out_dir.mkdir(parents=True, exist_ok=True)
    contents: dict[str, bytes] = {}
    for table, columns in tables.items():
        contents[f"{table}.csv"] = csv_bytes(DATA_DICTIONARY[table], columns)
    for table, columns in tables.items():
        contents[f"{table}.json"] = json_bytes(DATA_DICTIONARY[table], columns)
    offices = list(dict.fromkeys(str(v) for t in ("status_kantor", "kantor")
                                 for v in tables[t][0].values))
    for table in OFFICE_TABLES:
        per_office = csv_bytes_by(DATA_DICTIONARY[table], tables[table], 0, offices)
        for kode, data in per_office.items():
            contents[f"{office_folder(kode)}/{table}.csv"] = data
        contents[office_schema_path(table)] = (
            json.dumps(office_schema(table), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    written: list[Path] = []
    for name, data in contents.items():
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / name).write_bytes(data)
        written.append(out_dir / name)
    xlsx_path = out_dir / XLSX_NAME
    write_xlsx(xlsx_path, tables, title=title, rule_versions=rule_versions,
                generated_at=generated_at)
    contents[XLSX_NAME] = xlsx_path.read_bytes()
    written.append(xlsx_path)
    descriptor = datapackage_descriptor(title=title, rule_versions=rule_versions,
                                        generated_at=generated_at, files=contents,
                                        offices=offices)
    package_path = out_dir / DATAPACKAGE_NAME
    package_path.write_bytes(
        (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    written.append(package_path)
    return written

