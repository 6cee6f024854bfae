"""Issue 16: each office's report opens with its state in one sentence — held back or not, why,
and which data the portal shows — in the text report, the JSON report and from the sync."""
from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

from sheets_sync.config import load_config
from sheets_sync.findings import KINDS, Finding, Report, ReportDocument, office_state
from sheets_sync.sync import sync
from tests.staging.test_sync import VALID, portal, write_xlsx  # noqa: F401  (fixture)

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def _kolom_hilang() -> Finding:
    return Finding.of("kolom_hilang", office="KEC", tab="Pegawai", row=1, column="F",
                      header="hasil_kerja")


def test_held_back_with_old_data_names_the_date_and_the_reason():
    state = office_state("KEC", [_kolom_hilang()], data_per=date(2026, 6, 3))
    assert state.tertahan
    assert state.kalimat == ("Kantor ini tertahan: data lama per 3 Juni 2026 tetap tampil karena "
                             "tab Pegawai: kolom 'hasil_kerja' tidak ditemukan.")


def test_held_back_without_data():
    missing = Finding.of("tab_hilang", office="KEC", tab="Pengaduan", tab_dicari="Pengaduan")
    state = office_state("KEC", [missing, _kolom_hilang()], data_per=None)
    assert state.kalimat == ("Kantor ini tertahan: belum ada data yang tampil karena tab "
                             "Pengaduan tidak ditemukan; tab Pegawai: kolom 'hasil_kerja' tidak "
                             "ditemukan.")


def test_not_held_back_counts_the_rows_left_out():
    cells = [Finding.of("angka_tidak_valid", office="KEC", tab="Capaian", row=r, column=c)
             for r, c in ((4, "C"), (4, "D"), (9, "C"))]
    warning = Finding.of("angka_ambigu", office="KEC", tab="Capaian", row=5, column="C")
    state = office_state("KEC", [*cells, warning], data_per=date(2026, 11, 24))
    assert not state.tertahan
    assert state.kalimat == ("Data kantor ini tampil (data per 24 November 2026), kecuali 2 baris "
                             "berisi kesalahan: baris itu belum tampil sampai diperbaiki.")
    clean = office_state("KEC", [warning], data_per=date(2026, 11, 24))
    assert clean.kalimat == "Data kantor ini tampil seluruhnya (data per 24 November 2026)."


def test_every_structural_kind_says_why_in_a_few_words():
    for kind in KINDS.values():
        assert bool(kind.reason) == kind.structural, kind.code
        assert "{" not in kind.reason.format(tab="T", header="h")


def test_report_text_and_json_carry_the_state():
    report = Report([_kolom_hilang()])
    report.states["KEC"] = office_state("KEC", report.findings, data_per=date(2026, 6, 3))
    text = report.to_text({"KEC": "Kecamatan"})
    lines = text.splitlines()
    assert lines[0] == "Ringkasan: 1 kesalahan, 0 peringatan; 1 kantor tertahan (KEC)."
    head = lines.index("== KEC — Kecamatan: 1 kesalahan, 0 peringatan ==")
    assert lines[head + 1].strip().startswith("Kantor ini tertahan: data lama per 3 Juni 2026")
    doc = ReportDocument.model_validate_json(report.to_json())
    assert doc.offices["KEC"].tertahan and doc.offices["KEC"].data_per == date(2026, 6, 3)
    # a report written before the field existed still reads
    assert ReportDocument.model_validate_json('{"errors": 0, "warnings": 0, "findings": []}'
                                              ).offices == {}


def test_sync_states_follow_the_published_data(portal: Path):  # noqa: F811
    config = load_config(portal / "portal.yml")
    first = sync(config, now=NOW)
    assert first.report.states["DINSOS"].kalimat == (
        "Data kantor ini tampil seluruhnya (data per 24 November 2026).")
    broken = dict(VALID)
    del broken["Pengaduan"]
    write_xlsx(portal / "data" / "dinsos.xlsx", broken)
    os.utime(portal / "data" / "dinsos.xlsx", (1, 1))
    later = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
    for result in (sync(config, now=later), sync(config, now=later)):  # read, then unchanged
        state = result.report.states["DINSOS"]
        assert state.tertahan and state.data_per == date(2026, 11, 24)
        assert state.kalimat == ("Kantor ini tertahan: data lama per 24 November 2026 tetap "
                                 "tampil karena tab Pengaduan tidak ditemukan.")
        assert not result.report.states["DINKES"].tertahan
