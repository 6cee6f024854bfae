"""The whole `kinerja build` pipeline with the Google source (unmodified gspread over loopback
HTTP) publishes the same open data as the workbook source on the same data."""
from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from sheets_sync.config import load_config
from sheets_sync.sources.workbook import read_workbook
from site_builder.pipeline import build
from tests.integration.conftest import REGISTRY_KEY, google_config
from tests.integration.fake_google import FakeGoogle

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kabupaten-contoh"
NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def as_sheets_api(value: Any) -> Any:
    """What values:batchGet with UNFORMATTED_VALUE + SERIAL_NUMBER returns for an xlsx cell."""
    if isinstance(value, datetime):
        return (value - datetime(1899, 12, 30)).total_seconds() / 86400
    if isinstance(value, date):
        return (value - date(1899, 12, 30)).days
    return value


def grids(path: Path) -> dict[str, list[list[Any]]]:
    return {t: [[as_sheets_api(v) for v in row] for row in rows]
            for t, rows in read_workbook(path).items()}


@pytest.mark.slow
def test_google_and_workbook_sources_publish_the_same_open_data(
        populated: FakeGoogle, make_source, tmp_path: Path) -> None:
    fake = populated
    fake.spreadsheets.clear()
    registry = grids(EXAMPLE / "kantor.xlsx")
    kantor = registry["Kantor"]
    col = [str(h).strip().lower() for h in kantor[0]].index("sumber")
    for row in kantor[1:]:
        if len(row) > col and row[col]:
            key = "1KEY-" + Path(str(row[col])).stem + "-0123456789abcdefghij"
            fake.add_spreadsheet(key, grids(EXAMPLE / str(row[col])), title=str(row[col]))
            row[col] = f"https://docs.google.com/spreadsheets/d/{key}/edit#gid=0"
    fake.add_spreadsheet(REGISTRY_KEY, {"Kantor": kantor}, title="Daftar Kantor")

    g_config = google_config()
    g_config.state_dir = tmp_path / "state-google"
    g_site = tmp_path / "site-google"
    build(g_config, g_site, now=NOW, source=make_source(g_config))

    shutil.copytree(EXAMPLE, tmp_path / "contoh")
    (tmp_path / "contoh" / "portal.yml").write_text(
        "title: Portal Uji\nsource: {kind: workbook, path: .}\nstate_dir: state\n")
    w_config = load_config(tmp_path / "contoh" / "portal.yml")
    w_site = tmp_path / "site-workbook"
    build(w_config, w_site, now=NOW)

    def files(site: Path) -> list[str]:  # issue 15: each office's own rows in data/kantor/
        return sorted(p.relative_to(site / "data").as_posix()
                      for p in (site / "data").rglob("*") if p.is_file())

    names = files(w_site)
    assert names == files(g_site) and "kantor/dinkes/indikator.csv" in names
    assert "kantor.csv" in names and "datapackage.json" in names
    for name in sorted(names, key=lambda n: n.endswith(".xlsx")):
        if name.endswith(".xlsx"):
            assert cells(g_site / "data" / name) == cells(w_site / "data" / name)
        else:
            google_file, workbook_file = g_site / "data" / name, w_site / "data" / name
            assert google_file.read_bytes() == workbook_file.read_bytes(), name


def cells(path: Path) -> dict[str, list[tuple]]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb}
