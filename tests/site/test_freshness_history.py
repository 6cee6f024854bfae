"""Cadence table and due dates; what-changed comparison between two builds."""
from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from site_builder.render import history
from site_builder.render.freshness import (
    CADENCES,
    OfficeFreshness,
    cadence_of,
    due_date,
    freshness_document,
)
from site_builder.render.view import build_model
from tests.fixtures.marts import make_marts
from tests.site.fixtures import NOW, make_config, make_data


def test_cadence_table_and_due_dates() -> None:
    assert {k: (c.days, c.grace) for k, c in CADENCES.items()} == {
        "bulanan": (31, 10), "triwulanan": (92, 14), "semesteran": (183, 21),
        "tahunan": (366, 30)}
    assert due_date(date(2025, 1, 1), "bulanan") == date(2025, 2, 11)
    assert due_date(date(2025, 1, 1), "tahunan") == date(2026, 2, 1)
    assert due_date(date(2025, 1, 1), "tidak dikenal") == due_date(date(2025, 1, 1), "triwulanan")
    assert cadence_of(" Bulanan ") == "bulanan" and cadence_of(None) == "triwulanan"
    assert due_date(None, "bulanan") is None


def test_overdue_is_strictly_after_the_due_date() -> None:
    f = OfficeFreshness("A", "bulanan", "ok", date(2025, 1, 1), date(2025, 2, 11))
    assert not f.overdue(date(2025, 2, 11))
    assert f.overdue(date(2025, 2, 12))
    doc = freshness_document([f], datetime(2025, 2, 1, 7, 0))
    assert doc["generated_at"] == "2025-02-01T07:00:00+00:00"
    assert doc["site_expected_by"] == "2025-02-09"
    assert doc["offices"][0]["expected_by"] == "2025-02-11"


def test_changes_between_builds(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    model = build_model(make_marts(), make_data(), config, NOW)
    assert history.compare(None, model).previous_at is None
    previous = history.snapshot(model)
    previous["offices"]["DINKES"]["indeks"] = "80.00"
    previous["offices"]["DISDIK"]["periode"] = "2025-TW2"
    previous["offices"]["RSUD"]["status"] = "ok"
    previous["offices"]["LAMA"] = {"nama": "Kantor Lama", "periode": None, "indeks": None,
                                   "status": "ok"}
    del previous["offices"]["KEC-UTARA"]
    history.save(tmp_path / "state", previous)
    changes = history.compare(history.load_previous(tmp_path / "state"), model)
    assert changes.previous_at == datetime(2025, 11, 20, 6, 30, tzinfo=UTC)
    by = {c.kode: c for c in changes.offices}
    assert (by["DINKES"].index_before, by["DINKES"].index_now) == ("80.00", "89.25")
    assert by["DISDIK"].new_period == "2025-TW3"
    assert (by["RSUD"].status_before, by["RSUD"].status_now) == ("ok", "stale")
    assert by["KEC-UTARA"].new_office and by["LAMA"].removed and by["LAMA"].slug is None


def test_unreadable_previous_build_counts_as_first(tmp_path: Path) -> None:
    (tmp_path / history.FILE_NAME).write_text("{not json", encoding="utf-8")
    assert history.load_previous(tmp_path) is None
    assert history.load_previous(tmp_path / "nowhere") is None
