"""The shared fixture marts (tests/fixtures/marts.py) fit the marts schema, and the schema
check is the one compute's own marts pass."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from sheets_sync.portal_data import OfficeData, OfficeStatus, PortalData
from site_builder.compute.portal import compute_portal, mart_columns
from site_builder.rules import rule_set
from tests.fixtures.marts import (
    make_export_marts,
    make_marts,
    mart_frame,
    schema_problems,
)

from .conftest import make_config, staging


def test_fixture_marts_fit_the_schema() -> None:
    assert schema_problems(make_marts()) == []
    assert schema_problems(make_marts(text="<b>x</b>")) == []
    assert schema_problems(make_export_marts()) == []


def test_computed_marts_fit_the_same_schema() -> None:
    offices = pd.DataFrame([{"kode": "DINKES", "nama": "Dinas Kesehatan", "sektor": "Kesehatan",
                             "sumber": "dinkes.xlsx", "frekuensi": "triwulanan", "situs": None}])
    frames = {
        "indikator": staging("indikator", [{"kode": "IKU-1", "nama_indikator": "Cakupan",
                                            "jenis": "IKU", "satuan": "%", "arah": "naik",
                                            "bobot": 1.0}]),
        "capaian": staging("capaian", [{"kode": "IKU-1", "periode": "2025-TW1",
                                        "target": 90.0, "realisasi": 81.0}]),
    }
    data = PortalData(offices=offices, data={"DINKES": OfficeData("DINKES", frames)},
                      status={"DINKES": OfficeStatus("DINKES", "ok", None, 0, 0)})
    config = make_config()
    marts = compute_portal(data, config, rule_set(config), date(2025, 11, 20))
    assert len(marts.indikator) == 1
    assert schema_problems(marts) == []


def test_the_schema_check_can_fail() -> None:
    marts = make_export_marts()
    marts.pengaduan["median_hari_selesai"] = [3.5, None]  # a float where a Decimal belongs
    marts.skm = marts.skm[list(reversed(marts.skm.columns))]
    assert schema_problems(marts) == [
        f"skm: columns {list(marts.skm.columns)} != {list(reversed(marts.skm.columns))}",
        "pengaduan.median_hari_selesai: 3.5 is not a number",
    ]
    frame = mart_frame("kantor", [{"indeks_kinerja": Decimal("1"), "diperbarui": "2025-10-15"}])
    assert list(frame.columns) == mart_columns("kantor") and frame.iloc[0]["sektor"] is None
