"""freshness.json from the office table; what-changed comparison between two builds."""
from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from site_builder.render import history
from site_builder.render.freshness import OfficeFreshness, freshness_document
from site_builder.render.view import build_model
from site_builder.rules import Cadence
from tests.fixtures.marts import make_marts
from tests.site.fixtures import NOW, make_config


def test_freshness_document() -> None:
    # the due date and whether it has passed are computed with the office table
    # (tests/unit/test_profil.py); the document carries them as they are
    f = OfficeFreshness("A", "bulanan", "ok", date(2025, 1, 1), date(2025, 2, 11))
    doc = freshness_document([f], datetime(2025, 2, 1, 7, 0), {"bulanan": Cadence(31, 10)})
    assert doc["generated_at"] == "2025-02-01T07:00:00+00:00"
    assert doc["site_expected_by"] == "2025-02-09"
    assert doc["offices"][0]["expected_by"] == "2025-02-11"
    assert doc["cadences"] == {"bulanan": {"days": 31, "grace": 10}}


def test_changes_between_builds(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    model = build_model(make_marts(), config, NOW)
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
