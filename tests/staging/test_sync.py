"""The sync stage over real .xlsx files: snapshots, change detection, last good data kept."""
from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sheets_sync.config import load_config
from sheets_sync.snapshots import SnapshotStore
from sheets_sync.sync import sync
from tests.staging.test_validate import VALID

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def write_xlsx(path: Path, tabs: dict) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in tabs.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(list(r))
    wb.save(path)


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    write_xlsx(data / "kantor.xlsx", {"Kantor": [
        ["kode", "nama", "sektor", "sumber", "frekuensi", "situs"],
        ["DINKES", "Dinas Kesehatan", "Kesehatan", "dinkes.xlsx", "triwulanan", None],
        ["DINSOS", "Dinas Sosial", "Sosial", "dinsos.xlsx", None, None],
    ]})
    write_xlsx(data / "dinkes.xlsx", VALID)
    write_xlsx(data / "dinsos.xlsx", VALID)
    (tmp_path / "portal.yml").write_text(
        "title: Uji\nsource:\n  kind: workbook\n  path: data\nstate_dir: state\n")
    return tmp_path


def test_sync_writes_snapshots_without_personal_data(portal: Path):
    config = load_config(portal / "portal.yml")
    result = sync(config, now=NOW)
    assert sorted(result.fetched) == ["DINKES", "DINSOS"]
    assert {k: s.status for k, s in result.data.status.items()} == {"DINKES": "ok", "DINSOS": "ok"}
    manifest = json.loads((portal / "state" / "manifest.json").read_text())
    entry = manifest["offices"]["DINKES"]
    assert entry["rows"] == {"indikator": 2, "capaian": 2, "pegawai": 2, "organisasi": 1,
                             "skm": 1, "pengaduan": 1}
    assert entry["fetched_at"] == NOW.isoformat() and len(entry["content_hash"]) == 64
    stored = (portal / "state" / "snapshots" / "DINKES" / "pegawai.arrow").read_bytes()
    assert b"198609262015051001" not in stored and b"Siti" not in stored


def test_unchanged_files_are_not_read_again(portal: Path):
    config = load_config(portal / "portal.yml")
    sync(config, now=NOW)
    again = sync(config, now=NOW)
    assert again.fetched == [] and not again.changed
    assert sorted(again.data.data) == ["DINKES", "DINSOS"]


def test_broken_office_keeps_last_good_data_and_does_not_block_others(portal: Path):
    config = load_config(portal / "portal.yml")
    sync(config, now=NOW)
    broken = dict(VALID)
    del broken["Pengaduan"]
    write_xlsx(portal / "data" / "dinsos.xlsx", broken)
    os.utime(portal / "data" / "dinsos.xlsx", (1, 1))  # a different mtime stamp
    later = datetime(2026, 11, 25, tzinfo=UTC)
    result = sync(config, now=later)
    assert result.fetched == ["DINSOS"]
    st = result.data.status
    assert st["DINKES"].status == "ok"
    assert st["DINSOS"].status == "stale" and st["DINSOS"].diperbarui == NOW
    assert "gagal validasi" in st["DINSOS"].alasan
    assert "DINSOS" in result.data.data  # last good data still published
    assert [f.code for f in result.report.for_office("DINSOS")] == ["tab_hilang"]
    # a run with nothing changed still reports the failing office's findings
    again = sync(config, now=later)
    assert again.fetched == []
    assert [f.code for f in again.report.for_office("DINSOS")] == ["tab_hilang"]
    assert again.data.status["DINSOS"].status == "stale"


def test_unreadable_workbook_is_a_finding_not_a_crash(portal: Path):
    (portal / "data" / "dinsos.xlsx").write_bytes(b"not a zip file")
    config = load_config(portal / "portal.yml")
    result = sync(config, now=NOW)
    assert result.data.status["DINSOS"].status == "missing"
    assert [f.code for f in result.report.for_office("DINSOS")] == ["sumber_gagal"]
    assert result.data.status["DINKES"].status == "ok"


def test_a_missing_workbook_is_a_wrong_address_and_keeps_the_last_good_data(portal: Path):
    config = load_config(portal / "portal.yml")
    sync(config, now=NOW)
    (portal / "data" / "dinsos.xlsx").unlink()
    result = sync(config, now=datetime(2026, 11, 25, tzinfo=UTC))
    (finding,) = result.report.for_office("DINSOS")
    assert finding.code == "sumber_salah" and "dinsos.xlsx" in finding.message
    assert finding.hint.startswith("Perbaiki kolom `sumber`")
    assert result.data.status["DINSOS"].status == "stale" and "DINSOS" in result.data.data
    assert result.data.status["DINKES"].status == "ok"


def test_snapshot_write_is_atomic(portal: Path, monkeypatch: pytest.MonkeyPatch):
    config = load_config(portal / "portal.yml")
    sync(config, now=NOW)
    store = SnapshotStore(portal / "state")
    before = store.load("DINKES")
    def boom(self, *a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_bytes", boom)
    with pytest.raises(OSError):
        store.save(before, source="workbook", source_id="x", fetched_at=NOW)
    after = SnapshotStore(portal / "state").load("DINKES")
    assert after is not None and len(after["capaian"]) == len(before["capaian"])
    leftovers = [p.name for p in (portal / "state" / "snapshots").iterdir()
                 if p.name.startswith(".")]
    assert leftovers == []


def test_snapshot_round_trip_keeps_values_and_dtypes(portal: Path):
    config = load_config(portal / "portal.yml")
    first = sync(config, now=NOW).data.data["DINKES"]
    loaded = SnapshotStore(portal / "state").load("DINKES")
    for tab, frame in first.frames.items():
        pd.testing.assert_frame_equal(loaded[tab], frame, check_exact=True)
    assert loaded["capaian"]["penjelasan"].tolist() == ["Dua posyandu tutup", None]
    assert loaded["skm"]["u8"].dtype == "Int64" and loaded["skm"]["u8"].isna().tolist() == [True]
    assert loaded["pengaduan"]["tanggal_selesai"].isna().tolist() == [True]
    assert loaded["pengaduan"]["tanggal_masuk"].dtype == "datetime64[ns]"


def test_content_hash_changes_iff_the_data_changes(portal: Path):
    config = load_config(portal / "portal.yml")
    sync(config, now=NOW)
    store = SnapshotStore(portal / "state")
    data = store.load("DINKES")
    same = store.save(data, source="workbook", source_id="x", fetched_at=NOW).content_hash
    manifest = json.loads((portal / "state" / "manifest.json").read_text())
    assert same == manifest["offices"]["DINKES"]["content_hash"]
    data.frames["capaian"].loc[0, "realisasi"] = 93.6
    changed = store.save(data, source="workbook", source_id="x", fetched_at=NOW).content_hash
    assert changed != same


def test_store_of_the_previous_layout_is_read_then_resynced(portal: Path):
    """Version 1 wrote <tab>.parquet: such a store still gives the last good data, and every
    office is read again (and re-written as .arrow) by the next sync."""
    config = load_config(portal / "portal.yml")
    sync(config, now=NOW)
    state = portal / "state"
    for folder in (state / "snapshots").iterdir():
        for path in folder.glob("*.arrow"):
            frame = SnapshotStore(state).load(folder.name)[path.stem]
            frame.to_parquet(path.with_suffix(".parquet"), index=False)
            path.unlink()
    manifest = json.loads((state / "manifest.json").read_text())
    manifest["version"] = 1
    (state / "manifest.json").write_text(json.dumps(manifest))
    old = SnapshotStore(state).load("DINKES")
    assert old["capaian"]["realisasi"].tolist() == [93.5, 45.0]
    assert old["capaian"]["penjelasan"].tolist() == ["Dua posyandu tutup", None]
    again = sync(config, now=NOW)
    assert sorted(again.fetched) == ["DINKES", "DINSOS"] and not again.changed
    assert sorted(p.name for p in (state / "snapshots" / "DINKES").iterdir()) == [
        "capaian.arrow", "indikator.arrow", "organisasi.arrow", "pegawai.arrow", "pengaduan.arrow",
        "skm.arrow"]
    assert json.loads((state / "manifest.json").read_text())["version"] == 2


def test_a_crash_while_checking_one_office_does_not_block_the_others(
        portal: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture):
    """A bug in the checks (simulated) costs only that office: it keeps its last good data,
    gets a finding in Indonesian, and the log names the error but quotes no cell."""
    from sheets_sync import sync as sync_module

    config = load_config(portal / "portal.yml")
    sync(config, now=NOW)
    real = sync_module.validate_office

    def crash_on_dinsos(raw, ref, **kw):
        if ref.kode == "DINSOS":
            raise ValueError("Out of bounds timestamp: 'Siti Rahma' 198609262015051001")
        return real(raw, ref, **kw)

    monkeypatch.setattr(sync_module, "validate_office", crash_on_dinsos)
    os.utime(portal / "data" / "dinsos.xlsx", (1, 1))
    os.utime(portal / "data" / "dinkes.xlsx", (2, 2))
    later = datetime(2026, 11, 25, tzinfo=UTC)
    with caplog.at_level("INFO"):
        result = sync(config, now=later)
    assert sorted(result.fetched) == ["DINKES", "DINSOS"]
    assert result.data.status["DINKES"].status == "ok"
    assert result.data.status["DINSOS"].status == "stale"
    assert "DINSOS" in result.data.data  # last good data still published
    (finding,) = result.report.for_office("DINSOS")
    assert finding.code == "sumber_gagal" and "ValueError" in finding.message
    assert "Laporkan" in finding.message and finding.hint
    assert "crashed" in caplog.text and "ValueError" in caplog.text
    assert "Siti" not in caplog.text and "198609262015051001" not in caplog.text


def test_contract_version_covers_all_validation_code() -> None:
    from sheets_sync.sync import validation_sources

    names = {p.name for p in validation_sources()}
    # everything that decides which rows are kept, found from validate.py's imports
    assert {"validate.py", "contracts.py", "values.py", "periods.py", "catalogue.py",
            "finding.py"} <= names
    assert "sync.py" not in names and "snapshots.py" not in names
