"""`kinerja tindak-lanjut` with the Google source, through unmodified gspread over the loopback
fake: the follow-up tabs are read alone, the `Tindak Lanjut` tab of each office's own
spreadsheet is written, replaced on the next run, and left alone when the operator turns it off
(issue 17)."""
from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sheets_sync.config import PortalConfig
from sheets_sync.sources.google import GoogleSource
from site_builder.tindak_lanjut import write_follow_ups
from tests.integration.conftest import DINKES_KEY, DISDIK_KEY, google_config, office_tabs
from tests.integration.fake_google import FakeGoogle

pytestmark = pytest.mark.usefixtures("google_session")
MakeSource = Callable[..., GoogleSource]
NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
A, S, B = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"
HEADER = ["nip", "nama", "jabatan", "unit_kerja", "periode", "hasil_kerja", "perilaku_kerja"]
STAFF: list[tuple[str, str, tuple[str, str], tuple[str, str] | None]] = [  # 2024, 2025
    ("198503122010011002", "Budi Santoso", (S, S), (A, A)),
    ("199001012015032001", "Siti Aminah", (A, A), (B, S)),
    ("198807072012121003", "Joko Widodo Rahasia", (S, S), (S, B)),
]
COMMENT = "komentar bebas yang tidak boleh terbaca"


Staff = list[tuple[str, str, tuple[str, str], tuple[str, str] | None]]


def dinkes_tabs(staff: Staff) -> dict[str, Any]:
    """DINKES with `staff` rated in 2024 and 2025 (None: no 2025 row, has left)."""
    tabs = copy.deepcopy(office_tabs())
    tabs["Pegawai"] = [HEADER] + [
        [nip, name, "Analis", "Bidang P2P", year, *ratings]
        for nip, name, before, now in staff
        for year, ratings in (("2025", now), ("2024", before)) if ratings is not None]
    tabs["Organisasi"] = [["periode", "predikat_organisasi"], ["2025", "Baik"], ["2024", "Baik"]]
    tabs["UmpanBalik"] = [["nip", "periode", "sumber", "skor", "komentar"],
                          [staff[0][0], "2025", "atasan", 4, COMMENT],
                          [staff[0][0], "2025", "rekan kerja", 3, None]]
    return tabs


def config(tmp_path: Path, **tindak_lanjut: Any) -> PortalConfig:
    cfg = google_config(write_back=True)
    cfg.state_dir = tmp_path / "state"
    cfg.tindak_lanjut = cfg.tindak_lanjut.model_copy(update=tindak_lanjut)
    return cfg


def cells(fake: FakeGoogle, key: str, title: str = "Tindak Lanjut") -> list[list[Any]]:
    sheet = fake.spreadsheets[key].sheet(title)
    assert sheet is not None, title
    return sheet.rows


def flat(rows: list[list[Any]]) -> list[Any]:
    return [v for row in rows for v in row]


def test_the_tab_is_written_then_replaced_on_the_next_run(
        populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    fake = populated
    fake.add_spreadsheet(DINKES_KEY, dinkes_tabs(STAFF), title="Kinerja Dinkes")
    cfg = config(tmp_path)
    run = write_follow_ups(cfg, tmp_path / "out", now=NOW, source=make_source(cfg))
    assert [o.tab for o in run.offices] == ["ditulis", "ditulis"]

    # DINKES: one batchGet of its three follow-up tabs, then the metadata and one write
    dinkes = [(r.kind, r.query.get("ranges")) for r in fake.requests if r.key == DINKES_KEY]
    assert dinkes == [("batchGet", ["'Pegawai'", "'Organisasi'", "'UmpanBalik'"]),
                      ("metadata", None), ("batchUpdate", None)]
    # DISDIK has no UmpanBalik tab: the read falls back to the tabs that exist (3 requests)
    disdik = [r.kind for r in fake.requests if r.key == DISDIK_KEY]
    assert disdik == ["batchGet", "metadata", "batchGet", "batchUpdate"]

    first = cells(fake, DINKES_KEY)
    assert first[0] == ["== Ringkasan =="]
    values = flat(first)
    for nip, name, _, _ in STAFF:
        assert nip in values and name in values
    assert "== Pengembangan ==" in values and "== Penghargaan ==" in values
    assert COMMENT not in values
    # NIPs are text, written as typed strings (never numbers, never formulas)
    sheet = fake.spreadsheets[DINKES_KEY].sheet("Tindak Lanjut")
    assert sheet is not None
    nip_cells = [c for c in sheet.cells.values()
                 if c.get("userEnteredValue", {}).get("stringValue") == STAFF[0][0]]
    assert nip_cells
    # the office's own tabs are untouched
    assert cells(fake, DINKES_KEY, "Pegawai") == dinkes_tabs(STAFF)["Pegawai"]
    recognised = first[first.index(["== Penghargaan =="]) + 2:]  # after the header row
    assert recognised[0][:3] == [1, STAFF[0][0], "Budi Santoso"]

    # next run: Joko has left, Budi's 2025 rating was corrected
    changed = [(STAFF[0][0], STAFF[0][1], (S, S), (S, S)), STAFF[1],
               (STAFF[2][0], STAFF[2][1], (S, S), None)]
    fake.add_spreadsheet(DINKES_KEY, dinkes_tabs(changed), title="Kinerja Dinkes")
    sheet.rows += [["baris lama"]] * 200  # someone typed below the first run's tables
    fake.spreadsheets[DINKES_KEY].sheets.append(sheet)  # the tab written by the first run
    fake.requests.clear()
    write_follow_ups(cfg, tmp_path / "out", now=NOW, source=make_source(cfg))
    second = cells(fake, DINKES_KEY)
    tabs = [s.title for s in fake.spreadsheets[DINKES_KEY].sheets]
    assert tabs.count("Tindak Lanjut") == 1  # replaced, not added again
    values = flat(second)
    assert "Joko Widodo Rahasia" in values  # listed once more: left since 2024
    pegawai = second[second.index(["== Pegawai =="]):second.index(["== Pengembangan =="])]
    assert STAFF[2][0] not in flat(pegawai)  # no longer an employee of the latest period
    penghargaan = second[second.index(["== Penghargaan =="]):]
    assert "Budi Santoso" not in flat(penghargaan)
    assert "baris lama" not in values and len(second) < 100  # the old rows are cleared
    kinds = [next(iter(r)) for r in fake.requests[-1].body["requests"]]
    assert kinds[0] == "updateCells" and "addSheet" not in kinds


def test_a_retried_add_sheet_already_applied_is_written_once(
        populated: FakeGoogle, make_source: MakeSource, tmp_path: Path) -> None:
    fake = populated
    fake.add_spreadsheet(DINKES_KEY, dinkes_tabs(STAFF), title="Kinerja Dinkes")
    fake.fail("batchUpdate", 503, key=DINKES_KEY, mode="applied")
    cfg = config(tmp_path)
    run = write_follow_ups(cfg, tmp_path / "out", now=NOW, source=make_source(cfg))
    assert run.offices[0].tab == "ditulis"
    titles = [s.title for s in fake.spreadsheets[DINKES_KEY].sheets]
    assert titles.count("Tindak Lanjut") == 1
    assert cells(fake, DINKES_KEY)[0] == ["== Ringkasan =="]


@pytest.mark.parametrize("settings", [{"write_back": False}, {}])
def test_the_operator_can_turn_the_tab_off(populated: FakeGoogle, make_source: MakeSource,
                                            tmp_path: Path, settings: dict[str, Any]) -> None:
    fake = populated
    fake.add_spreadsheet(DINKES_KEY, dinkes_tabs(STAFF), title="Kinerja Dinkes")
    cfg = config(tmp_path, **settings)
    if not settings:  # the source-wide switch off: no write at all
        cfg.source.write_back = False
    run = write_follow_ups(cfg, tmp_path / "out", now=NOW, source=make_source(cfg))
    assert fake.count("batchUpdate") == 0 and fake.count("metadata", key=DINKES_KEY) == 0
    assert all(o.tab == "" for o in run.offices)
    assert fake.spreadsheets[DINKES_KEY].sheet("Tindak Lanjut") is None
    assert (tmp_path / "out" / "tindak-lanjut-DINKES.xlsx").is_file()  # the workbook still
