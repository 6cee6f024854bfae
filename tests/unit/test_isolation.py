"""Compute isolated per office: a number compute cannot hold (as a last good snapshot written
before validation bounded numbers may still hold) keeps one office out, not the whole build."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from sheets_sync.contracts import empty_frame
from sheets_sync.portal_data import OfficeData, OfficeStatus, PortalData
from site_builder.compute.isolation import compute_guarded
from site_builder.compute.portal import compute_portal
from site_builder.rules import rule_set

from .conftest import make_config, staging

TODAY = date(2026, 11, 24)


def _office(kode: str, target: float) -> OfficeData:
    frames = {tab: empty_frame(tab) for tab in ("pegawai", "organisasi", "skm", "pengaduan")}
    frames["indikator"] = staging("indikator", [dict(
        kode="I1", nama_indikator="Imunisasi", jenis="IKU", satuan="%", arah="naik", bobot=1.0)])
    frames["capaian"] = staging("capaian", [dict(kode="I1", periode="2025-TW1", target=target,
                                                 realisasi=80.0)])
    return OfficeData(kode, frames)


def _portal(**targets: float) -> PortalData:
    offices = pd.DataFrame({"kode": list(targets), "nama": [f"Kantor {k}" for k in targets],
                            "sektor": [None] * len(targets), "sumber": ["x"] * len(targets),
                            "frekuensi": ["triwulanan"] * len(targets),
                            "situs": [None] * len(targets)})
    return PortalData(offices, {k: _office(k, t) for k, t in targets.items()},
                      {k: OfficeStatus(k, "ok") for k in targets})


def test_an_office_whose_figures_cannot_be_computed_is_left_out_alone() -> None:
    config = make_config()
    data = _portal(DINKES=1e28, DISDIK=90.0, DINSOS=100.0)
    with pytest.raises(ArithmeticError):  # what every build did before (decimal.InvalidOperation)
        compute_portal(data, config, rule_set(config), TODAY)
    marts = compute_guarded(data, lambda d: compute_portal(d, config, rule_set(config), TODAY))
    assert sorted(marts.indikator["kantor_kode"]) == ["DINSOS", "DISDIK"]
    assert [(f.office, f.code) for f in marts.findings] == [("DINKES", "perhitungan_gagal")]
    assert "angka di luar batas di tab Capaian, kolom target" in marts.findings[0].message
    assert "DINKES" not in data.data and data.status["DINKES"].status == "missing"
    assert data.status["DINKES"].alasan.startswith("Angka kantor ini tidak dapat dihitung")
    kantor = dict(zip(marts.kantor["kantor_kode"], marts.kantor["status_data"], strict=True))
    assert kantor == {"DINKES": "missing", "DINSOS": "ok", "DISDIK": "ok"}


def test_an_unforeseen_failure_is_traced_to_its_office_by_halving() -> None:
    """Data the screen lets through that still breaks compute (here: a compute that fails on
    DINSOS's indicator code): found in a few computes, not one per office."""
    config = make_config()
    offices = {f"K{i:02d}": 90.0 for i in range(1, 33)}
    data = _portal(**offices)
    data.data["K07"].frames["indikator"]["nama_indikator"] = "pecah"
    calls = []

    def compute(d: PortalData):  # type: ignore[no-untyped-def]
        calls.append(len(d.data))
        if any(o.frames["indikator"]["nama_indikator"].eq("pecah").any() for o in d.data.values()):
            raise ZeroDivisionError("a bug on this data")
        return compute_portal(d, config, rule_set(config), TODAY)

    marts = compute_guarded(data, compute)
    assert [(f.office, f.code) for f in marts.findings] == [("K07", "perhitungan_gagal")]
    assert "ZeroDivisionError" in marts.findings[0].message
    assert len(calls) <= 2 + 2 * 5 + 1  # whole, halving 32 offices, the rest
    assert len(set(marts.kantor["kantor_kode"])) == 32  # K07 listed, as missing


def test_nothing_extra_when_nothing_fails() -> None:
    calls: list[set[str]] = []
    data = _portal(DINKES=90.0, DISDIK=90.0)

    def compute(d: PortalData):  # type: ignore[no-untyped-def]
        calls.append(set(d.data))
        return compute_portal(d, make_config(), rule_set(make_config()), TODAY)

    compute_guarded(data, compute)
    assert calls == [{"DINKES", "DISDIK"}]


def test_a_failure_that_is_no_offices_data_is_a_program_error() -> None:
    def compute(d: PortalData):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        compute_guarded(_portal(DINKES=90.0), compute)
